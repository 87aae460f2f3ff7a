//! Loads and stores on memories other than 0 (the multi-memory proposal)
//! and on 64-bit memories (the memory64 proposal).
//!
//! A 32-bit memory 0 keeps its specialized ops (`I32Load`, `V128Load`,
//! ...), which read the base and length the handlers carry in registers. An
//! access to any other memory, or to a 64-bit memory 0, becomes one generic
//! op, `LoadMem` or `StoreMem`, whose `info` indexes the function's side
//! table of [`MemAccess`]es (memory, index type, offset, kind);
//! `exec::multi_memory` runs it on a cold path with an explicit bounds
//! check in `u64`. The bulk operators (`memory.size`, `grow`, `fill`,
//! `copy`, `init`) already carry their memory indices and need nothing
//! here.

use super::{Operand, Translator};
use crate::ir::{MemAccess, MemAccessKind, Op};
use crate::simd::SimdInstr;
use concord_core::wasmparser::{MemArg, MemArgTarget};

/// The memory of a SIMD access, if it is one.
fn simd_memory(instr: &SimdInstr) -> Option<u32> {
    match instr {
        SimdInstr::Load(_, m) | SimdInstr::Store(m) => Some(m.memory),
        SimdInstr::LoadLane { memarg, .. } | SimdInstr::StoreLane { memarg, .. } => Some(memarg.memory),
        _ => None,
    }
}

/// The kind of a memory-0 scalar load op (as built by the memory-0
/// translation with a dummy offset).
fn load_kind(op: Op) -> MemAccessKind {
    let (size, signed, wide) = match op {
        Op::I32Load { .. } => (4, false, false),
        Op::I64Load { .. } | Op::F64Load { .. } => (8, false, true),
        Op::I32Load8S { .. } => (1, true, false),
        Op::I32Load8U { .. } => (1, false, false),
        Op::I32Load16S { .. } => (2, true, false),
        Op::I32Load16U { .. } => (2, false, false),
        Op::I64Load8S { .. } => (1, true, true),
        Op::I64Load8U { .. } => (1, false, true),
        Op::I64Load16S { .. } => (2, true, true),
        Op::I64Load16U { .. } => (2, false, true),
        Op::I64Load32S { .. } => (4, true, true),
        Op::I64Load32U { .. } => (4, false, true),
        _ => unreachable!("not a scalar load op: {op:?}"),
    };
    MemAccessKind::Load { size, signed, wide }
}

/// The kind of a memory-0 scalar store op.
fn store_kind(op: Op) -> MemAccessKind {
    let size = match op {
        Op::I32Store8 { .. } | Op::I64Store8 { .. } => 1,
        Op::I32Store16 { .. } | Op::I64Store16 { .. } => 2,
        Op::I32Store { .. } | Op::I64Store32 { .. } => 4,
        Op::I64Store { .. } | Op::F64Store { .. } => 8,
        _ => unreachable!("not a scalar store op: {op:?}"),
    };
    MemAccessKind::Store { size }
}

impl Translator<'_> {
    /// Whether `memory` is a 64-bit memory.
    fn memory64(&self, memory: u32) -> bool {
        self.module.memories.get(memory as usize).is_some_and(|m| m.memory64)
    }

    /// The memory of a scalar access if it takes the generic ops: it is
    /// not memory 0, or memory 0 is 64-bit.
    pub(super) fn generic_memory(&self, m: &MemArg) -> Option<u32> {
        match m.target {
            MemArgTarget::Array(_) => None,
            MemArgTarget::Memory(memory) => (memory != 0 || self.memory64(0)).then_some(memory),
        }
    }

    /// The memory of a SIMD access if it takes the generic ops (as
    /// [`Self::generic_memory`]).
    pub(super) fn simd_generic_memory(&self, instr: &SimdInstr) -> Option<u32> {
        simd_memory(instr).filter(|&memory| memory != 0 || self.memory64(0))
    }

    /// Adds an entry to the side table and returns its index.
    fn mem_access(&mut self, memory: u32, offset: u64, kind: MemAccessKind) -> u32 {
        let memory64 = self.memory64(memory);
        self.mem_accesses.push(MemAccess {
            memory,
            memory64,
            offset,
            kind,
        });
        (self.mem_accesses.len() - 1) as u32
    }

    /// `[addr] -> [value]` on `memory`.
    fn load_mem(&mut self, memory: u32, offset: u64, kind: MemAccessKind) {
        let info = self.mem_access(memory, offset, kind);
        let pos = self.stack.len() - 1;
        let addr = self.pop_slot();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        self.emit(Op::LoadMem { dst, addr, info });
    }

    /// `[addr value] -> []` on `memory`.
    fn store_mem(&mut self, memory: u32, offset: u64, kind: MemAccessKind) {
        let info = self.mem_access(memory, offset, kind);
        let value = self.pop_slot();
        let addr = self.pop_slot();
        self.emit(Op::StoreMem { addr, value, info });
    }

    /// A scalar load from `memory` (see [`Self::generic_memory`]); `make`
    /// builds the memory-0 op of the same operator, which names the kind.
    pub(super) fn load_other(&mut self, memory: u32, m: &MemArg, make: super::memory::MakeAccess) {
        self.load_mem(memory, m.offset, load_kind(make(0, 0, 0, 0)));
    }

    /// A scalar store to `memory` (see [`Self::generic_memory`]); `make` as
    /// in [`Self::load_other`].
    pub(super) fn store_other(&mut self, memory: u32, m: &MemArg, make: super::memory::MakeAccess) {
        self.store_mem(memory, m.offset, store_kind(make(0, 0, 0, 0)));
    }

    /// A SIMD load or store on `memory` (see [`Self::simd_generic_memory`]).
    pub(super) fn simd_other(&mut self, memory: u32, instr: SimdInstr) {
        match instr {
            SimdInstr::Load(kind, m) => self.load_mem(memory, m.offset, MemAccessKind::V128Load(kind)),
            SimdInstr::Store(m) => self.store_mem(memory, m.offset, MemAccessKind::V128Store),
            SimdInstr::LoadLane { width, lane, memarg } => {
                let vec = self.pop_slot();
                // `[addr vec] -> [vec']`: the vector rides in the side table.
                self.load_mem(memory, memarg.offset, MemAccessKind::LoadLane { vec, width, lane });
            }
            SimdInstr::StoreLane { width, lane, memarg } => {
                self.store_mem(memory, memarg.offset, MemAccessKind::StoreLane { width, lane });
            }
            _ => unreachable!("not a SIMD memory access: {instr:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use concord_core::{Config, Engine, Module};
    use std::sync::Arc;

    #[test]
    fn other_memories_use_the_side_table() {
        let mut config = Config::new();
        config.wasm_feature("multi-memory", true).unwrap();
        let engine = Engine::with_backend(&config, Arc::new(crate::Interpreter::new())).unwrap();
        let wat = r#"(module (memory 1) (memory 1)
            (func (param i32) (result i32)
                local.get 0 i32.load 0 offset=4
                local.get 0 i64.load16_s 1 offset=8 i32.wrap_i64
                i32.add))"#;
        let module = Module::new(&engine, wat).unwrap();
        let code = super::super::translate_function(module.info(), 0, &super::super::Options::default()).unwrap();
        let names: Vec<&str> = code.ops.iter().map(crate::ir::Op::name).collect();
        assert_eq!(names[..2], ["I32Load", "LoadMem"], "{names:?}");
        assert_eq!(
            &*code.mem_accesses,
            &[crate::ir::MemAccess {
                memory: 1,
                memory64: false,
                offset: 8,
                kind: crate::ir::MemAccessKind::Load {
                    size: 2,
                    signed: true,
                    wide: true
                },
            }]
        );
    }

    #[test]
    fn a_64_bit_memory_0_uses_the_side_table_and_64_bit_table_indices_are_narrowed() {
        let mut config = Config::new();
        config.wasm_feature("memory64", true).unwrap();
        let engine = Engine::with_backend(&config, Arc::new(crate::Interpreter::new())).unwrap();
        let wat = r#"(module (memory i64 1) (table i64 1 funcref)
            (func (param i64) (result i32)
                local.get 0 i32.load offset=0x100000000
                local.get 0 table.get 0 ref.is_null
                i32.add))"#;
        let module = Module::new(&engine, wat).unwrap();
        let code = super::super::translate_function(module.info(), 0, &super::super::Options::default()).unwrap();
        let names: Vec<&str> = code.ops.iter().map(crate::ir::Op::name).collect();
        assert_eq!(names[..3], ["LoadMem", "Unary", "TableGet"], "{names:?}");
        assert_eq!(
            &*code.mem_accesses,
            &[crate::ir::MemAccess {
                memory: 0,
                memory64: true,
                offset: 1 << 32,
                kind: crate::ir::MemAccessKind::Load {
                    size: 4,
                    signed: false,
                    wide: false
                },
            }]
        );
    }
}
