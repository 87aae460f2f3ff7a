//! Linear memory, tables and the bulk operations.
//!
//! An access to memory 0 adds the zero-extended address and the static
//! offset to `r15`. With guard pages large enough for the offset and size
//! (`Options::guard_bytes`), the access itself is the bounds check (a
//! fault in the guard region is a recorded trap site); otherwise the end
//! of the access is compared with the memory's current length first. Other
//! memories are always checked explicitly, with their base and length
//! loaded from the context.
//!
//! A 64-bit memory (memory64) is always checked explicitly: its address is
//! a full 64-bit register, which the guard region cannot cover, and the
//! comparison `addr <= length - (offset + size)` is done in 64 bits (an
//! `offset + size` beyond `u64` saturates, so the access always traps). A
//! 64-bit table's index is compared with the table's length in 64 bits, as
//! a 32-bit one's zero-extended index already is; their sizes and growth
//! results are `i64`s.

use super::{Arg, Gen, Kind, Loc, Result, internal};
use crate::emit::{MEMORY0_BASE, SCRATCH};
use concord_core::TrapCode;
use concord_core::machine::libcalls::LibCall;
use concord_core::machine::traps::TrapSite;
use concord_core::vm::offsets;
use concord_core::wasmparser::{MemArg, MemArgTarget, Operator};
use dynasmrt::{DynasmApi, DynasmLabelApi, dynasm};

/// What a load or store moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Width {
    I8S,
    I8U,
    I16S,
    I16U,
    I32,
    I32S,
    I64,
    F32,
    F64,
}

impl Width {
    fn size(self) -> u64 {
        match self {
            Width::I8S | Width::I8U => 1,
            Width::I16S | Width::I16U => 2,
            Width::I32 | Width::I32S | Width::F32 => 4,
            Width::I64 | Width::F64 => 8,
        }
    }
}

impl Gen<'_> {
    /// Translates `op` if it is a memory, table or bulk operator.
    pub(super) fn memory_op(&mut self, op: &Operator<'_>) -> Result<bool> {
        use Operator as O;
        use Width as W;
        let (i32_, i64_) = (Kind::I32, Kind::I64);
        match *op {
            O::I32Load { memarg } => self.load(memarg, W::I32, i32_)?,
            O::I64Load { memarg } => self.load(memarg, W::I64, i64_)?,
            O::F32Load { memarg } => self.load(memarg, W::F32, Kind::F32)?,
            O::F64Load { memarg } => self.load(memarg, W::F64, Kind::F64)?,
            O::I32Load8S { memarg } => self.load(memarg, W::I8S, i32_)?,
            O::I32Load8U { memarg } => self.load(memarg, W::I8U, i32_)?,
            O::I32Load16S { memarg } => self.load(memarg, W::I16S, i32_)?,
            O::I32Load16U { memarg } => self.load(memarg, W::I16U, i32_)?,
            O::I64Load8S { memarg } => self.load(memarg, W::I8S, i64_)?,
            O::I64Load8U { memarg } => self.load(memarg, W::I8U, i64_)?,
            O::I64Load16S { memarg } => self.load(memarg, W::I16S, i64_)?,
            O::I64Load16U { memarg } => self.load(memarg, W::I16U, i64_)?,
            O::I64Load32S { memarg } => self.load(memarg, W::I32S, i64_)?,
            O::I64Load32U { memarg } => self.load(memarg, W::I32, i64_)?,
            O::I32Store { memarg } | O::I64Store32 { memarg } => self.store(memarg, W::I32)?,
            O::I64Store { memarg } => self.store(memarg, W::I64)?,
            O::F32Store { memarg } => self.store(memarg, W::F32)?,
            O::F64Store { memarg } => self.store(memarg, W::F64)?,
            O::I32Store8 { memarg } | O::I64Store8 { memarg } => self.store(memarg, W::I8U)?,
            O::I32Store16 { memarg } | O::I64Store16 { memarg } => self.store(memarg, W::I16U)?,
            O::MemorySize { mem } => {
                let r = self.alloc_gpr();
                self.memory_ptr(r, mem);
                let len = offsets::MEMORY_LENGTH as i32;
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [Rq(r) + len] ; shr Rq(r), 16);
                let kind = if self.memory64(mem) { i64_ } else { i32_ };
                self.push(kind, Loc::Gpr(r));
            }
            O::MemoryGrow { mem } => {
                self.spill_all();
                let d = self.depth() - 1;
                self.pop()?;
                self.libcall(LibCall::MemoryGrow, &[Arg::Imm(i64::from(mem)), Arg::Depth(d)], false);
                self.grow_trapped();
                self.load_memory_base();
                let kind = if self.memory64(mem) {
                    // The old size, or -1, as the libcall's `i64`.
                    i64_
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov eax, eax);
                    i32_
                };
                self.take_gpr(crate::emit::gpr::RAX);
                self.push(kind, Loc::Gpr(crate::emit::gpr::RAX));
            }
            O::MemoryFill { mem } => self.bulk(LibCall::MemoryFill, &[Some(i64::from(mem))], 3)?,
            O::MemoryCopy { dst_mem, src_mem } => self.bulk(
                LibCall::MemoryCopy,
                &[Some(i64::from(dst_mem)), Some(i64::from(src_mem))],
                3,
            )?,
            O::MemoryInit { data_index, mem } => self.bulk(
                LibCall::MemoryInit,
                &[Some(i64::from(mem)), Some(i64::from(data_index))],
                3,
            )?,
            O::DataDrop { data_index } => {
                self.spill_all();
                self.libcall(LibCall::DataDrop, &[Arg::Imm(i64::from(data_index))], false);
            }
            O::TableGet { table } => self.table_access(table, None)?,
            O::TableSet { table } => {
                let d = self.depth() - 1;
                let v = self.pop()?;
                let r = self.gpr(v, d);
                self.table_access(table, Some(r))?;
                self.free_gpr(r);
            }
            O::TableSize { table } => {
                let r = self.alloc_gpr();
                let (tables, len) = (offsets::VMCTX_TABLES as i32, offsets::TABLE_LENGTH as i32);
                let at = 8 * table as i32;
                dynasm!(self.a.ops
                    ; .arch x64
                    ; mov Rq(r), [r14 + tables]
                    ; mov Rq(r), [Rq(r) + at]
                    ; mov Rd(r), [Rq(r) + len]
                );
                let kind = if self.table64(table) { i64_ } else { i32_ };
                self.push(kind, Loc::Gpr(r));
            }
            O::TableGrow { table } => {
                self.spill_all();
                let d = self.depth();
                self.pop()?;
                self.pop()?;
                // (init, delta) at depths d - 2, d - 1.
                self.libcall(
                    LibCall::TableGrow,
                    &[Arg::Imm(i64::from(table)), Arg::Depth(d - 2), Arg::Depth(d - 1)],
                    false,
                );
                self.grow_trapped();
                let kind = if self.table64(table) {
                    i64_
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; mov eax, eax);
                    i32_
                };
                self.take_gpr(crate::emit::gpr::RAX);
                self.push(kind, Loc::Gpr(crate::emit::gpr::RAX));
            }
            O::TableFill { table } => self.bulk(LibCall::TableFill, &[Some(i64::from(table))], 3)?,
            O::TableCopy { dst_table, src_table } => self.bulk(
                LibCall::TableCopy,
                &[Some(i64::from(dst_table)), Some(i64::from(src_table))],
                3,
            )?,
            O::TableInit { elem_index, table } => self.bulk(
                LibCall::TableInit,
                &[Some(i64::from(table)), Some(i64::from(elem_index))],
                3,
            )?,
            O::ElemDrop { elem_index } => {
                self.spill_all();
                self.libcall(LibCall::ElemDrop, &[Arg::Imm(i64::from(elem_index))], false);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Whether memory `mem` is 64-bit (indexed with `i64`).
    pub(super) fn memory64(&self, mem: u32) -> bool {
        self.info.memories.get(mem as usize).is_some_and(|m| m.memory64)
    }

    /// Whether table `table` is 64-bit (indexed with `i64`).
    pub(super) fn table64(&self, table: u32) -> bool {
        self.info.tables.get(table as usize).is_some_and(|t| t.table64)
    }

    /// `r` = the `VmMemory` of memory `mem`.
    fn memory_ptr(&mut self, r: u8, mem: u32) {
        if mem == 0 {
            let mem0 = offsets::VMCTX_MEMORY0 as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [r14 + mem0]);
        } else {
            let memories = offsets::VMCTX_MEMORIES as i32;
            let at = 8 * mem as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [r14 + memories] ; mov Rq(r), [Rq(r) + at]);
        }
    }

    /// A helper taking the constants `imms` then the top `n` stack values,
    /// returning a status.
    fn bulk(&mut self, lc: LibCall, imms: &[Option<i64>], n: usize) -> Result<()> {
        self.spill_all();
        let d = self.depth();
        let base = d.checked_sub(n).ok_or_else(|| internal("bulk operands"))?;
        for _ in 0..n {
            self.pop()?;
        }
        let mut args: Vec<Arg> = imms.iter().flatten().map(|&i| Arg::Imm(i)).collect();
        args.extend((base..d).map(Arg::Depth));
        self.libcall(lc, &args, true);
        Ok(())
    }

    /// Makes `addr` (a register holding a zero-extended i32 address, or an
    /// i64 one for a 64-bit memory) point
    /// at the accessed bytes' base register and displacement: returns
    /// `(base register, index register, displacement)` for the access of
    /// `size` bytes at `memarg`. Traps when out of bounds (explicit check),
    /// or records the access as a trap site (guard pages).
    pub(super) fn address(&mut self, memarg: MemArg, size: u64, addr: u8) -> Result<(u8, i32, bool)> {
        let memory = match memarg.target {
            MemArgTarget::Memory(i) => i,
            MemArgTarget::Array(_) => return Err(super::unsupported("GC array accesses")),
        };
        // Only a 64-bit memory's offset comes near `u64::MAX`; saturated,
        // `length - end` borrows and the access traps.
        let end = memarg.offset.saturating_add(size);
        let oob = self.trap_label(TrapCode::MemoryOutOfBounds);
        let guarded = memory == 0 && !self.memory64(0) && self.opts.guard_bytes > 0 && end <= self.opts.guard_bytes;
        if !guarded {
            // addr + offset + size <= length  <=>  addr <= length - end.
            self.memory_ptr(SCRATCH, memory);
            let len = offsets::MEMORY_LENGTH as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov r11, [r11 + len]);
            if let Ok(end) = i32::try_from(end) {
                dynasm!(self.a.ops ; .arch x64 ; sub r11, end);
            } else {
                let t = self.alloc_gpr();
                let end = end as i64;
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(t), QWORD end ; sub r11, Rq(t));
                self.free_gpr(t);
            }
            dynasm!(self.a.ops ; .arch x64 ; jb =>oob ; cmp Rq(addr), r11 ; ja =>oob);
        }
        let base = if memory == 0 {
            MEMORY0_BASE
        } else {
            let base = offsets::MEMORY_BASE as i32;
            self.memory_ptr(SCRATCH, memory);
            dynasm!(self.a.ops ; .arch x64 ; mov r11, [r11 + base]);
            SCRATCH
        };
        let disp = match i32::try_from(memarg.offset) {
            Ok(d) => d,
            Err(_) => {
                // Fold a large offset into the address register.
                let off = memarg.offset as i64;
                let t = if base == SCRATCH { self.alloc_gpr() } else { SCRATCH };
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(t), QWORD off ; add Rq(addr), Rq(t));
                if t != SCRATCH {
                    self.free_gpr(t);
                }
                0
            }
        };
        Ok((base, disp, guarded))
    }

    fn load(&mut self, memarg: MemArg, w: Width, kind: Kind) -> Result<()> {
        let (a, _) = self.pop_gpr()?;
        let x = matches!(w, Width::F32 | Width::F64).then(|| self.alloc_xmm());
        let (base, disp, guarded) = self.address(memarg, w.size(), a)?;
        if guarded {
            // The access itself is the bounds check.
            self.a.trap_site(TrapSite::Code(TrapCode::MemoryOutOfBounds));
        }
        let wide = kind.is_wide();
        if let Some(x) = x {
            if w == Width::F32 {
                dynasm!(self.a.ops ; .arch x64 ; movss Rx(x), [Rq(base) + Rq(a) + disp]);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; movsd Rx(x), [Rq(base) + Rq(a) + disp]);
            }
            self.free_gpr(a);
            self.push(kind, Loc::Xmm(x));
            return Ok(());
        }
        match w {
            Width::F32 | Width::F64 => return Err(internal("float load")),
            Width::I8S if wide => dynasm!(self.a.ops ; .arch x64 ; movsx Rq(a), BYTE [Rq(base) + Rq(a) + disp]),
            Width::I8S => dynasm!(self.a.ops ; .arch x64 ; movsx Rd(a), BYTE [Rq(base) + Rq(a) + disp]),
            Width::I8U => dynasm!(self.a.ops ; .arch x64 ; movzx Rd(a), BYTE [Rq(base) + Rq(a) + disp]),
            Width::I16S if wide => dynasm!(self.a.ops ; .arch x64 ; movsx Rq(a), WORD [Rq(base) + Rq(a) + disp]),
            Width::I16S => dynasm!(self.a.ops ; .arch x64 ; movsx Rd(a), WORD [Rq(base) + Rq(a) + disp]),
            Width::I16U => dynasm!(self.a.ops ; .arch x64 ; movzx Rd(a), WORD [Rq(base) + Rq(a) + disp]),
            Width::I32 => dynasm!(self.a.ops ; .arch x64 ; mov Rd(a), [Rq(base) + Rq(a) + disp]),
            Width::I32S => dynasm!(self.a.ops ; .arch x64 ; movsxd Rq(a), DWORD [Rq(base) + Rq(a) + disp]),
            Width::I64 => dynasm!(self.a.ops ; .arch x64 ; mov Rq(a), [Rq(base) + Rq(a) + disp]),
        }
        self.push(kind, Loc::Gpr(a));
        Ok(())
    }

    fn store(&mut self, memarg: MemArg, w: Width) -> Result<()> {
        let dv = self.depth() - 1;
        let v = self.pop()?;
        let (a, _) = self.pop_gpr()?;
        // An integer constant that fits is stored as an immediate.
        if let Loc::Imm(imm) = v.loc
            && !v.kind.is_float()
            && (w != Width::I64 || i32::try_from(imm).is_ok())
        {
            let (base, disp, guarded) = self.address(memarg, w.size(), a)?;
            if guarded {
                self.a.trap_site(TrapSite::Code(TrapCode::MemoryOutOfBounds));
            }
            let i = imm as i32;
            match w {
                Width::I8S | Width::I8U => {
                    let b = imm as i8;
                    dynasm!(self.a.ops ; .arch x64 ; mov BYTE [Rq(base) + Rq(a) + disp], b);
                }
                Width::I16S | Width::I16U => {
                    let h = imm as i16;
                    dynasm!(self.a.ops ; .arch x64 ; mov WORD [Rq(base) + Rq(a) + disp], h);
                }
                Width::I64 => dynasm!(self.a.ops ; .arch x64 ; mov QWORD [Rq(base) + Rq(a) + disp], i),
                _ => dynasm!(self.a.ops ; .arch x64 ; mov DWORD [Rq(base) + Rq(a) + disp], i),
            }
            self.free_gpr(a);
            return Ok(());
        }
        // The value in a register (a float in an xmm register).
        let value = if v.kind.is_float() {
            Loc::Xmm(self.xmm(v, dv))
        } else {
            Loc::Gpr(self.gpr(v, dv))
        };
        let (base, disp, guarded) = self.address(memarg, w.size(), a)?;
        if guarded {
            self.a.trap_site(TrapSite::Code(TrapCode::MemoryOutOfBounds));
        }
        match value {
            Loc::Xmm(x) => {
                if w == Width::F32 {
                    dynasm!(self.a.ops ; .arch x64 ; movss [Rq(base) + Rq(a) + disp], Rx(x));
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; movsd [Rq(base) + Rq(a) + disp], Rx(x));
                }
                self.free_xmm(x);
            }
            Loc::Gpr(r) => {
                match w {
                    Width::I8S | Width::I8U => dynasm!(self.a.ops ; .arch x64 ; mov [Rq(base) + Rq(a) + disp], Rb(r)),
                    Width::I16S | Width::I16U => dynasm!(self.a.ops ; .arch x64 ; mov [Rq(base) + Rq(a) + disp], Rw(r)),
                    Width::I32 | Width::I32S | Width::F32 => {
                        dynasm!(self.a.ops ; .arch x64 ; mov [Rq(base) + Rq(a) + disp], Rd(r))
                    }
                    Width::I64 | Width::F64 => dynasm!(self.a.ops ; .arch x64 ; mov [Rq(base) + Rq(a) + disp], Rq(r)),
                }
                self.free_gpr(r);
            }
            _ => return Err(internal("store value")),
        }
        self.free_gpr(a);
        Ok(())
    }

    /// Loads `r11` with table `table`'s `VmTable` (table 0 straight from
    /// the context).
    pub(super) fn load_table_ptr(&mut self, table: u32) {
        if table == 0 {
            let table0 = offsets::VMCTX_TABLE0 as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov r11, [r14 + table0]);
        } else {
            let (tables, at) = (offsets::VMCTX_TABLES as i32, 8 * table as i32);
            dynasm!(self.a.ops ; .arch x64 ; mov r11, [r14 + tables] ; mov r11, [r11 + at]);
        }
    }

    /// `table.get` (value `None`: pushes the element) or `table.set` (stores
    /// the element in register `value`); the index is on the stack.
    fn table_access(&mut self, table: u32, value: Option<u8>) -> Result<()> {
        let (i, _) = self.pop_gpr()?;
        let (len, base) = (offsets::TABLE_LENGTH as i32, offsets::TABLE_BASE as i32);
        let oob = self.trap_label(TrapCode::TableOutOfBounds);
        self.load_table_ptr(table);
        dynasm!(self.a.ops
            ; .arch x64
            ; cmp Rq(i), [r11 + len]
            ; jae =>oob
            ; mov r11, [r11 + base]
        );
        match value {
            None => {
                dynasm!(self.a.ops ; .arch x64 ; mov Rq(i), [r11 + Rq(i) * 8]);
                self.push(Kind::Ref, Loc::Gpr(i));
            }
            Some(v) => {
                dynasm!(self.a.ops ; .arch x64 ; mov [r11 + Rq(i) * 8], Rq(v));
                self.free_gpr(i);
            }
        }
        Ok(())
    }
}
