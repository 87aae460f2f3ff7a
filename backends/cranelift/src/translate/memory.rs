//! Linear memories, tables and the bulk operators (libcalls).
//!
//! An access to a 32-bit memory relies on the guard region when the
//! reservation covers its offset and size, and is checked explicitly
//! otherwise. A 64-bit memory (memory64) is always checked explicitly, in
//! 64 bits, with the overflow of `address + offset + size` trapping too; its
//! base is never assumed stable (it may outgrow the reservation and move).
//! Addresses, indices and lengths reach the libcalls as `i64`s (a 32-bit
//! memory's or table's zero-extended); sizes and growth results of 64-bit
//! memories and tables are `i64`s.

use super::simd::SimdEnv;
use super::{Env, Result, Translator, internal, offset32};
use crate::abi::{self, LibCall};
use concord_core::TrapCode;
use concord_core::vm::offsets;
use concord_core::wasmparser::{MemArg, MemArgTarget, Operator};
use cranelift_codegen::ir::{
    self, Endianness, ExtFuncData, ExternalName, InstBuilder, MemFlagsData, UserExternalName, Value, condcodes::IntCC,
    types,
};
use cranelift_frontend::FunctionBuilder;

/// How a load extends its value.
#[derive(Clone, Copy)]
enum Load {
    Full(ir::Type),
    S8(ir::Type),
    U8(ir::Type),
    S16(ir::Type),
    U16(ir::Type),
    S32,
    U32,
}

impl Load {
    fn bytes(self) -> u32 {
        match self {
            Load::Full(t) => t.bytes(),
            Load::S8(_) | Load::U8(_) => 1,
            Load::S16(_) | Load::U16(_) => 2,
            Load::S32 | Load::U32 => 4,
        }
    }
}

impl Env<'_> {
    /// The `*mut VmMemory` of memory `index`.
    fn memory_ptr(&self, b: &mut FunctionBuilder<'_>, index: u32) -> Value {
        if index == 0 {
            b.ins().load(
                abi::POINTER,
                abi::vm_readonly(),
                self.vmctx,
                offset32(offsets::VMCTX_MEMORY0),
            )
        } else {
            self.vmctx_array_entry(b, offsets::VMCTX_MEMORIES, index)
        }
    }

    /// The `*mut VmTable` of table `index`.
    fn table_ptr(&self, b: &mut FunctionBuilder<'_>, index: u32) -> Value {
        if index == 0 {
            return b.ins().load(
                abi::POINTER,
                abi::vm_readonly(),
                self.vmctx,
                offset32(offsets::VMCTX_TABLE0),
            );
        }
        self.vmctx_array_entry(b, offsets::VMCTX_TABLES, index)
    }

    /// Flags of table element accesses.
    pub(super) fn table_flags(&self) -> MemFlagsData {
        MemFlagsData::trusted().with_alias_region(Some(self.table))
    }

    /// Whether memory `index` is 64-bit (indexed with `i64`).
    pub(super) fn memory64(&self, index: u32) -> bool {
        self.info.memories.get(index as usize).is_some_and(|m| m.memory64)
    }

    /// Whether table `index` is 64-bit (indexed with `i64`).
    pub(super) fn table64(&self, index: u32) -> bool {
        self.info.tables.get(index as usize).is_some_and(|t| t.table64)
    }

    /// The address of element `index` (an `i32`, or an `i64` for a 64-bit
    /// table) of table `table`, after a bounds check that traps with `code`.
    pub(super) fn table_entry_addr(
        &self,
        b: &mut FunctionBuilder<'_>,
        table: u32,
        index: Value,
        code: TrapCode,
    ) -> Value {
        let t = self.table_ptr(b, table);
        let length = b
            .ins()
            .load(types::I64, self.vm_flags(), t, offset32(offsets::TABLE_LENGTH));
        let index = zext64(b, index);
        let oob = b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, index, length);
        b.ins().trapnz(oob, abi::trap_code(code));
        let base = b
            .ins()
            .load(abi::POINTER, self.vm_flags(), t, offset32(offsets::TABLE_BASE));
        let scaled = b.ins().ishl_imm_u(index, 3);
        b.ins().iadd(base, scaled)
    }

    /// The current length in bytes of memory `index`.
    fn memory_length(&self, b: &mut FunctionBuilder<'_>, index: u32) -> Value {
        let mem = self.memory_ptr(b, index);
        b.ins()
            .load(types::I64, self.vm_flags(), mem, offset32(offsets::MEMORY_LENGTH))
    }

    /// The imported libcall `lc`.
    fn libcall(&mut self, b: &mut FunctionBuilder<'_>, lc: LibCall) -> ir::FuncRef {
        if let Some(&f) = self.libcalls.get(&(lc as u32)) {
            return f;
        }
        let signature = b.import_signature(abi::libcall_signature(lc, self.host_cc));
        let name = b
            .func
            .declare_imported_user_function(UserExternalName::new(abi::NS_LIBCALL, lc as u32));
        let f = b.import_function(ExtFuncData {
            name: ExternalName::User(name),
            signature,
            colocated: false,
            patchable: false,
        });
        self.libcalls.insert(lc as u32, f);
        f
    }

    /// Calls libcall `lc` with `vmctx` and `args`; returns its result, if any.
    pub(super) fn call_libcall(&mut self, b: &mut FunctionBuilder<'_>, lc: LibCall, args: &[Value]) -> Option<Value> {
        let f = self.libcall(b, lc);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(self.vmctx);
        all.extend_from_slice(args);
        let call = b.ins().call(f, &all);
        b.inst_results(call).first().copied()
    }

    /// After a `MemoryGrow` or `TableGrow` libcall returning `old`:
    /// propagates the failure when the store's resource limiter stopped the
    /// guest (`GROW_TRAPPED`).
    fn grow_trapped(&mut self, b: &mut FunctionBuilder<'_>, old: Value) {
        let trapped = b
            .ins()
            .icmp_imm_s(IntCC::Equal, old, concord_core::vm::libcalls::GROW_TRAPPED);
        b.ins().trapnz(trapped, abi::TRAP_PROPAGATE);
    }

    /// Calls a libcall returning an `i8` status; traps when it is 0.
    fn call_checked(&mut self, b: &mut FunctionBuilder<'_>, lc: LibCall, args: &[Value]) -> Result<()> {
        let status = self
            .call_libcall(b, lc, args)
            .ok_or_else(|| internal("libcall without a status"))?;
        b.ins().trapz(status, abi::TRAP_PROPAGATE);
        Ok(())
    }
}

/// The memory a `MemArg` addresses (validation admits only memories).
fn memory_index(memarg: &MemArg) -> u32 {
    match memarg.target {
        MemArgTarget::Memory(i) => i,
        MemArgTarget::Array(_) => 0,
    }
}

fn check_memarg(memarg: &MemArg) -> Result<()> {
    match memarg.target {
        MemArgTarget::Memory(_) => Ok(()),
        MemArgTarget::Array(_) => Err(super::unsupported("GC array accesses")),
    }
}

fn iconst32(b: &mut FunctionBuilder<'_>, v: u32) -> Value {
    b.ins().iconst(types::I32, i64::from(v))
}

/// An `i32` operand zero-extended to `i64`; an `i64` one (an address,
/// index or length of a 64-bit memory or table) as it is.
fn zext64(b: &mut FunctionBuilder<'_>, v: Value) -> Value {
    if b.func.dfg.value_type(v) == types::I64 {
        v
    } else {
        b.ins().uextend(types::I64, v)
    }
}

/// `v`, an `i64` size or growth result, as the `i32` of a 32-bit memory or
/// table, or as it is for a 64-bit one.
fn index_result(b: &mut FunctionBuilder<'_>, v: Value, is64: bool) -> Value {
    if is64 { v } else { b.ins().ireduce(types::I32, v) }
}

impl SimdEnv for Env<'_> {
    fn heap_address(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        memarg: &MemArg,
        index: Value,
        bytes: u32,
    ) -> (Value, MemFlagsData) {
        let memory64 = self.memory64(memory_index(memarg));
        let mem = self.memory_ptr(b, memory_index(memarg));
        let index = zext64(b, index);
        // Only a 64-bit memory's offset comes near `u64::MAX`; saturated,
        // the addition below overflows or exceeds any length, and traps.
        let end = memarg.offset.saturating_add(u64::from(bytes));
        let flags = MemFlagsData::new()
            .with_endianness(Endianness::Little)
            .with_alias_region(Some(self.heap));
        let (base, flags) = if !memory64 && self.opts.guard_bytes > 0 && end <= self.opts.guard_bytes {
            let base = b
                .ins()
                .load(abi::POINTER, abi::vm_readonly(), mem, offset32(offsets::MEMORY_BASE));
            (
                base,
                flags.with_trap_code(Some(abi::trap_code(TrapCode::MemoryOutOfBounds))),
            )
        } else {
            let length = b
                .ins()
                .load(types::I64, self.vm_flags(), mem, offset32(offsets::MEMORY_LENGTH));
            let last = if memory64 {
                let end = b.ins().iconst(types::I64, end as i64);
                b.ins()
                    .uadd_overflow_trap(index, end, abi::trap_code(TrapCode::MemoryOutOfBounds))
            } else {
                // `end` < 2^33 for a 32-bit memory: no overflow.
                b.ins().iadd_imm_u(index, end as i64)
            };
            let oob = b.ins().icmp(IntCC::UnsignedGreaterThan, last, length);
            b.ins().trapnz(oob, abi::trap_code(TrapCode::MemoryOutOfBounds));
            let base = b
                .ins()
                .load(abi::POINTER, self.vm_flags(), mem, offset32(offsets::MEMORY_BASE));
            (base, flags.with_notrap())
        };
        let mut addr = b.ins().iadd(base, index);
        if memarg.offset != 0 {
            addr = b.ins().iadd_imm_u(addr, memarg.offset as i64);
        }
        (addr, flags)
    }
}

impl Translator<'_> {
    fn load(&mut self, b: &mut FunctionBuilder<'_>, memarg: &MemArg, kind: Load) -> Result<()> {
        check_memarg(memarg)?;
        let index = self.pop()?;
        let (addr, flags) = self.env.heap_address(b, memarg, index, kind.bytes());
        let v = match kind {
            Load::Full(t) => b.ins().load(t, flags, addr, 0),
            Load::S8(t) => b.ins().sload8(t, flags, addr, 0),
            Load::U8(t) => b.ins().uload8(t, flags, addr, 0),
            Load::S16(t) => b.ins().sload16(t, flags, addr, 0),
            Load::U16(t) => b.ins().uload16(t, flags, addr, 0),
            Load::S32 => b.ins().sload32(flags, addr, 0),
            Load::U32 => b.ins().uload32(flags, addr, 0),
        };
        self.push(v);
        Ok(())
    }

    /// A store of the low `bytes` bytes of the value.
    fn store(&mut self, b: &mut FunctionBuilder<'_>, memarg: &MemArg, bytes: u32) -> Result<()> {
        check_memarg(memarg)?;
        let value = self.pop()?;
        let index = self.pop()?;
        let full = b.func.dfg.value_type(value).bytes();
        let (addr, flags) = self.env.heap_address(b, memarg, index, bytes);
        match (bytes, full) {
            (1, _) => b.ins().istore8(flags, value, addr, 0),
            (2, _) => b.ins().istore16(flags, value, addr, 0),
            (4, 8) => b.ins().istore32(flags, value, addr, 0),
            _ => b.ins().store(flags, value, addr, 0),
        };
        Ok(())
    }

    /// Memory, table and bulk operators; `false` for any other.
    pub(super) fn memory_op(&mut self, b: &mut FunctionBuilder<'_>, op: &Operator<'_>) -> Result<bool> {
        use Operator as O;
        use types::{F32, F64, I32, I64};
        match op {
            O::I32Load { memarg } => self.load(b, memarg, Load::Full(I32))?,
            O::I64Load { memarg } => self.load(b, memarg, Load::Full(I64))?,
            O::F32Load { memarg } => self.load(b, memarg, Load::Full(F32))?,
            O::F64Load { memarg } => self.load(b, memarg, Load::Full(F64))?,
            O::I32Load8S { memarg } => self.load(b, memarg, Load::S8(I32))?,
            O::I32Load8U { memarg } => self.load(b, memarg, Load::U8(I32))?,
            O::I32Load16S { memarg } => self.load(b, memarg, Load::S16(I32))?,
            O::I32Load16U { memarg } => self.load(b, memarg, Load::U16(I32))?,
            O::I64Load8S { memarg } => self.load(b, memarg, Load::S8(I64))?,
            O::I64Load8U { memarg } => self.load(b, memarg, Load::U8(I64))?,
            O::I64Load16S { memarg } => self.load(b, memarg, Load::S16(I64))?,
            O::I64Load16U { memarg } => self.load(b, memarg, Load::U16(I64))?,
            O::I64Load32S { memarg } => self.load(b, memarg, Load::S32)?,
            O::I64Load32U { memarg } => self.load(b, memarg, Load::U32)?,
            O::I32Store { memarg } | O::F32Store { memarg } => self.store(b, memarg, 4)?,
            O::I64Store { memarg } | O::F64Store { memarg } => self.store(b, memarg, 8)?,
            O::I32Store8 { memarg } | O::I64Store8 { memarg } => self.store(b, memarg, 1)?,
            O::I32Store16 { memarg } | O::I64Store16 { memarg } => self.store(b, memarg, 2)?,
            O::I64Store32 { memarg } => self.store(b, memarg, 4)?,
            O::MemorySize { mem } => {
                let length = self.env.memory_length(b, *mem);
                let pages = b.ins().ushr_imm_u(length, 16);
                let v = index_result(b, pages, self.env.memory64(*mem));
                self.push(v);
            }
            O::MemoryGrow { mem } => {
                let delta = self.pop()?;
                let delta = zext64(b, delta);
                let memory64 = self.env.memory64(*mem);
                let mem = iconst32(b, *mem);
                let old = self
                    .env
                    .call_libcall(b, LibCall::MemoryGrow, &[mem, delta])
                    .ok_or_else(|| internal("memory.grow without a result"))?;
                self.env.grow_trapped(b, old);
                let v = index_result(b, old, memory64);
                self.push(v);
            }
            O::MemoryFill { mem } => {
                let (dst, value, len) = self.pop3()?;
                let mem = iconst32(b, *mem);
                let dst = zext64(b, dst);
                let len = zext64(b, len);
                self.env.call_checked(b, LibCall::MemoryFill, &[mem, dst, value, len])?;
            }
            O::MemoryCopy { dst_mem, src_mem } => {
                let (dst, src, len) = self.pop3()?;
                let dm = iconst32(b, *dst_mem);
                let sm = iconst32(b, *src_mem);
                let dst = zext64(b, dst);
                let src = zext64(b, src);
                let len = zext64(b, len);
                self.env
                    .call_checked(b, LibCall::MemoryCopy, &[dm, sm, dst, src, len])?;
            }
            O::MemoryInit { data_index, mem } => {
                let (dst, src, len) = self.pop3()?;
                let m = iconst32(b, *mem);
                let d = iconst32(b, *data_index);
                let dst = zext64(b, dst);
                self.env.call_checked(b, LibCall::MemoryInit, &[m, d, dst, src, len])?;
            }
            O::DataDrop { data_index } => {
                let d = iconst32(b, *data_index);
                self.env.call_libcall(b, LibCall::DataDrop, &[d]);
            }
            O::TableGet { table } => {
                let index = self.pop()?;
                let addr = self.env.table_entry_addr(b, *table, index, TrapCode::TableOutOfBounds);
                let v = b.ins().load(I64, self.env.table_flags(), addr, 0);
                self.push(v);
            }
            O::TableSet { table } => {
                let value = self.pop()?;
                let index = self.pop()?;
                let addr = self.env.table_entry_addr(b, *table, index, TrapCode::TableOutOfBounds);
                b.ins().store(self.env.table_flags(), value, addr, 0);
            }
            O::TableSize { table } => {
                let t = self.env.table_ptr(b, *table);
                let length = b
                    .ins()
                    .load(I64, self.env.vm_flags(), t, offset32(offsets::TABLE_LENGTH));
                let v = index_result(b, length, self.env.table64(*table));
                self.push(v);
            }
            O::TableGrow { table } => {
                let (init, delta) = self.pop2()?;
                let table64 = self.env.table64(*table);
                let t = iconst32(b, *table);
                let delta = zext64(b, delta);
                let old = self
                    .env
                    .call_libcall(b, LibCall::TableGrow, &[t, init, delta])
                    .ok_or_else(|| internal("table.grow without a result"))?;
                self.env.grow_trapped(b, old);
                let v = index_result(b, old, table64);
                self.push(v);
            }
            O::TableFill { table } => {
                let (dst, value, len) = self.pop3()?;
                let t = iconst32(b, *table);
                let dst = zext64(b, dst);
                let len = zext64(b, len);
                self.env.call_checked(b, LibCall::TableFill, &[t, dst, value, len])?;
            }
            O::TableCopy { dst_table, src_table } => {
                let (dst, src, len) = self.pop3()?;
                let dt = iconst32(b, *dst_table);
                let st = iconst32(b, *src_table);
                let dst = zext64(b, dst);
                let src = zext64(b, src);
                let len = zext64(b, len);
                self.env.call_checked(b, LibCall::TableCopy, &[dt, st, dst, src, len])?;
            }
            O::TableInit { elem_index, table } => {
                let (dst, src, len) = self.pop3()?;
                let t = iconst32(b, *table);
                let e = iconst32(b, *elem_index);
                let dst = zext64(b, dst);
                self.env.call_checked(b, LibCall::TableInit, &[t, e, dst, src, len])?;
            }
            O::ElemDrop { elem_index } => {
                let e = iconst32(b, *elem_index);
                self.env.call_libcall(b, LibCall::ElemDrop, &[e]);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}
