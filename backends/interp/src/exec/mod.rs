//! The executor: one dispatch loop over [`Op`]s.
//!
//! Hot state lives in locals: `ip` (the next op), `fp` (slot 0 of the
//! current frame), the memory-0 base and length, the current function and
//! instance. Wasm calls between interpreted functions push a
//! [`FrameRecord`] and continue in the same loop (no host recursion); calls
//! to anything else go through the callee's array-call entry, with the
//! arguments in place in the value stack.
//!
//! # Invariants the loop relies on
//!
//! - **Slots**: every slot an op names is `< FuncCode::max_slots` (by
//!   translation), and `fp + max_slots <= cells_end` (checked on entry and
//!   on every call before the frame is pushed). So `fp.add(slot)` is in
//!   bounds of the value stack for every op of the current function.
//! - **Code**: every branch targets an op of the same function and every
//!   function ends in a return/branch/trap, so `ip` always points at an op
//!   of the current function when an op is fetched (while an op runs, `ip`
//!   is already one past it: at most one past the end of the code).
//! - **Context**: `vmctx` is the live context of the current function's
//!   instance; its tables, globals, functions and memories are indexed
//!   only with indices the validator checked against its module.
//! - **Memory**: `mem_base`/`mem_len` describe memory 0 of `vmctx` and are
//!   reloaded after anything that can grow or move it (calls, returns,
//!   `memory.grow`). Accesses check `addr + offset + size <= mem_len` in
//!   `u64` (no overflow) before touching `mem_base`.
//!
//! # Performance notes
//!
//! The loop is one `match` compiled to a jump table: one indirect jump per
//! op, plus a jump back to the shared dispatch block. Profiles of the
//! benchmark programs (`benches/`) show that dispatch dominates and that
//! the loop is sensitive to code layout: adding unrelated ops has moved
//! `arith` by 50% through different tail merging and register allocation
//! of the whole function, so measure every change to the op set (the
//! inline SIMD ops, `V128LoadFull` to `I32x4ShrUImm`, cut `simd` by ~3x;
//! `arith`, which uses none of them, ran up to 1.3x slower in one test
//! binary and not slower in the bench binary, with the same instruction
//! count: the placement of the code, not the ops, on an AMD Zen 3 VM).
//! So compare instruction counts (callgrind) as well as times. Ideas
//! not taken yet: threaded dispatch through sibling calls (one indirect
//! jump per handler, as wasmi does on optimized builds; it needs a loop
//! fallback where the compiler does not guarantee the tail call) and
//! caching the most recent result in a register.
//!
//! Handlers whose work is mostly a runtime helper's (bulk memory, tables)
//! live in `bulk` as `#[inline(always)]` functions, so the loop's machine
//! code is the same as with their bodies written in the arms (same
//! instruction counts, same times). Moving them instead into one
//! out-of-line function behind a single arm ran `arith`, which uses none
//! of them, 1.5x slower with the same instruction count: the loop is
//! split by source file, not by function, until dispatch itself changes
//! (one function per handler, threaded).

mod bulk;
mod call;
mod lanes;
mod memory;
mod multi_memory;
mod numeric;

pub(crate) use call::{Stack, array_call};

use crate::InterpModule;
use crate::float::{f32_bin, f64_bin};
use crate::ir::{CATCH_ALL, Catch, FUNC_ENTRY, FuncCode, NO_LOOP, Op};
use crate::simd::{SimdBinOp, SimdShiftOp};
use call::{Fault, FrameRecord, is_interpreted, report};
use concord_core::tierup::{HotSpot, TierUpAction};
use concord_core::vm::{self, VmContext, VmExn, VmFuncRef, VmTag, libcalls};
use concord_core::{RawVal, Tier, TrapCode};
use std::ptr;
use std::sync::atomic::Ordering;

/// Runs `func` in the frame at the bottom of `stack` until it returns.
/// Returns `false` after raising a trap.
///
/// # Safety
///
/// `vmctx` is the live context of `func`'s instance, whose store is
/// executing on this thread; the arguments are in `stack.cells[0..params]`
/// and the other locals are zero; `func.max_slots <= stack.cells.len()`.
///
/// `offered`: the caller offered to finish a tail call the activation ends
/// with (RFC 0008). A tail call of the bottom frame to machine code or a
/// host function then ends the run with the callee in
/// `VmRuntime::tail_callee` and its arguments in `VmRuntime::tail_args`.
pub(crate) unsafe fn run(stack: &mut Stack, vmctx: *mut VmContext, func: &FuncCode, offered: bool) -> bool {
    let cells_end: *mut RawVal = stack.cells.as_mut_ptr_range().end;
    let frames = &mut stack.frames;
    let mut fp: *mut RawVal = stack.cells.as_mut_ptr();
    // The next op (see the module docs); read after a failure, for the
    // current frame's place in the backtrace.
    let mut ip: *const Op = func.ops.as_ptr();
    let mut func: *const FuncCode = func;
    let mut vmctx = vmctx;
    // SAFETY: this block is the dispatch loop. Its memory accesses are
    // justified by the invariants in the module docs: slot accesses stay in
    // the current frame, `ip` stays in the current function's code, the
    // runtime layout pointers come from the live `vmctx`, and linear-memory
    // accesses are bounds-checked against the current length.
    let result: Result<(), Fault> = unsafe {
        let runtime = (*vmctx).runtime;
        let mut module: *const InterpModule = vm::tier_code(vmctx, Tier::Interp).cast();
        let max_depth = (*module).max_call_depth;
        let lazy_entry = vm::lazy_array_call() as usize;
        let (mut mem_base, mut mem_len) = memory::load_mem0(vmctx);

        macro_rules! get {
            ($s:expr) => {
                *fp.add($s as usize)
            };
        }
        macro_rules! set {
            ($s:expr, $v:expr) => {{
                let v: RawVal = $v;
                *fp.add($s as usize) = v;
            }};
        }
        // `v128` cells move as two 8-byte accesses, like scalars (word 0),
        // so a load always matches the size of the store that wrote it and
        // store-to-load forwarding works between consecutive ops.
        // (Volatile reads keep the compiler from merging them into one
        // 16-byte load, which could not be forwarded from two 8-byte stores.)
        macro_rules! getv {
            ($s:expr) => {{
                let c = fp.add($s as usize) as *const u64;
                (ptr::read_volatile(c) as u128) | ((ptr::read_volatile(c.add(1)) as u128) << 64)
            }};
        }
        macro_rules! setv {
            ($s:expr, $v:expr) => {{
                let v: u128 = $v;
                let c = fp.add($s as usize);
                (*c).0[0] = v as u64;
                (*c).0[1] = (v >> 64) as u64;
            }};
        }
        macro_rules! get64 {
            ($s:expr) => {
                (*fp.add($s as usize)).0[0]
            };
        }
        macro_rules! set64 {
            ($s:expr, $v:expr) => {{
                let v: u64 = $v;
                (*fp.add($s as usize)).0[0] = v;
            }};
        }
        macro_rules! get32 {
            ($s:expr) => {
                get64!($s) as u32
            };
        }
        macro_rules! set32 {
            ($s:expr, $v:expr) => {
                set64!($s, ($v) as u32 as u64)
            };
        }
        // The loop advances `ip` past an op before running it (one add in
        // the shared dispatch instead of one in every handler), so falling
        // through to the next op needs nothing, and a branch offset, which
        // is relative to the branch op itself, is applied less one.
        macro_rules! next {
            () => {
                ()
            };
        }
        macro_rules! jump {
            ($off:expr) => {
                ip = ip.offset($off as isize - 1)
            };
        }
        macro_rules! trap {
            ($code:expr) => {
                break Err(Fault::Code($code))
            };
        }
        // i32 binary op on (slot, slot) or (slot, imm).
        macro_rules! i32_op {
            ($dst:expr, $a:expr, $b:expr, |$x:ident, $y:ident| $e:expr) => {{
                let $x: u32 = $a;
                let $y: u32 = $b;
                set32!($dst, $e);
                next!();
            }};
        }
        macro_rules! i64_op {
            ($dst:expr, $a:expr, $b:expr, |$x:ident, $y:ident| $e:expr) => {{
                let $x: u64 = $a;
                let $y: u64 = $b;
                set64!($dst, $e);
                next!();
            }};
        }
        macro_rules! br_cmp {
            ($a:expr, $b:expr, $off:expr, |$x:ident, $y:ident| $e:expr) => {{
                let $x: u32 = $a;
                let $y: u32 = $b;
                if $e {
                    jump!($off);
                } else {
                    next!();
                }
            }};
        }
        // Effective address of a memory-0 access of `$size` bytes.
        macro_rules! ea {
            ($addr:expr, $offset:expr, $size:expr) => {{
                let ea = get32!($addr) as u64 + $offset as u64;
                if ea + $size as u64 > mem_len as u64 {
                    trap!(TrapCode::MemoryOutOfBounds);
                }
                mem_base.add(ea as usize)
            }};
        }
        macro_rules! load {
            ($dst:expr, $addr:expr, $offset:expr, $t:ty, |$x:ident| $e:expr) => {{
                let p = ea!($addr, $offset, size_of::<$t>());
                let $x = <$t>::from_le_bytes(ptr::read_unaligned(p as *const [u8; size_of::<$t>()]));
                set64!($dst, $e);
                next!();
            }};
        }
        macro_rules! store {
            ($addr:expr, $value:expr, $offset:expr, $t:ty) => {{
                let p = ea!($addr, $offset, size_of::<$t>());
                let v = get64!($value) as $t;
                ptr::write_unaligned(p as *mut [u8; size_of::<$t>()], v.to_le_bytes());
                next!();
            }};
        }
        macro_rules! libcall {
            ($e:expr) => {{
                if let Err(code) = $e {
                    trap!(code);
                }
                next!();
            }};
        }
        // Pushes a frame for `callee` at `new_fp` in instance `callee_vmctx`.
        macro_rules! enter {
            ($callee:expr, $new_fp:expr, $callee_vmctx:expr) => {{
                let callee: &FuncCode = $callee;
                let new_fp: *mut RawVal = $new_fp;
                if frames.len() + 2 > max_depth || (cells_end.offset_from(new_fp) as usize) < callee.max_slots as usize
                {
                    trap!(TrapCode::StackOverflow);
                }
                let params = callee.num_params as usize;
                let zeroed = callee.num_locals as usize - params;
                if zeroed > 0 {
                    ptr::write_bytes(new_fp.add(params), 0, zeroed);
                }
                frames.push(FrameRecord { ip, fp, func, vmctx });
                fp = new_fp;
                func = callee;
                ip = callee.ops.as_ptr();
                let callee_vmctx: *mut VmContext = $callee_vmctx;
                if callee_vmctx != vmctx {
                    vmctx = callee_vmctx;
                    module = vm::tier_code(vmctx, Tier::Interp).cast();
                    (mem_base, mem_len) = memory::load_mem0(vmctx);
                }
            }};
        }
        // Calls through a function reference: pushes a frame when the
        // callee's entry is the interpreter's (compiling it first if it is
        // still lazy), else calls its entry.
        macro_rules! call_ref {
            ($funcref:expr, $base:expr, $len:expr) => {{
                let funcref: *const VmFuncRef = $funcref;
                let entry = (*funcref).entry;
                let mut target = (*entry).array_call_addr();
                if target == lazy_entry {
                    if !vm::compile_lazily(funcref) {
                        break Err(Fault::Pending);
                    }
                    target = (*entry).array_call_addr();
                }
                if is_interpreted(target) {
                    let callee_vmctx = (*funcref).vmctx;
                    let callee_module: *const InterpModule = vm::tier_code(callee_vmctx, Tier::Interp).cast();
                    let callee_module: &InterpModule = &*callee_module;
                    let def = (*funcref).func_index - callee_module.info.num_imported_funcs;
                    match callee_module.code(def) {
                        Ok(callee) => enter!(callee, fp.add($base as usize), callee_vmctx),
                        Err(e) => break Err(Fault::Compile(e)),
                    }
                } else {
                    let ok = ((*entry).array_call())(funcref, vmctx, fp.add($base as usize), $len as usize);
                    (mem_base, mem_len) = memory::load_mem0(vmctx);
                    if !ok {
                        break Err(Fault::Pending);
                    }
                    next!();
                }
            }};
        }
        // The callee of a `call_indirect` of type `type_index` through
        // `table` at the index in slot `index`, checked (or a trap).
        macro_rules! indirect_callee {
            ($type_index:expr, $table:expr, $index:expr) => {{
                let t = *(*vmctx).tables.add($table as usize);
                let i = get32!($index) as usize;
                if i >= (*t).length {
                    trap!(TrapCode::UndefinedElement);
                }
                let funcref = *(*t).base.add(i) as *const VmFuncRef;
                if funcref.is_null() {
                    trap!(TrapCode::UninitializedElement);
                }
                if (*funcref).type_id != *(*vmctx).type_ids.add($type_index as usize) {
                    trap!(TrapCode::IndirectCallTypeMismatch);
                }
                funcref
            }};
        }
        // Replaces the current frame with one for `callee` in instance
        // `callee_vmctx`, whose arguments are at `base` (a tail call): the
        // frame stays at `fp` and no record is pushed.
        macro_rules! replace {
            ($callee:expr, $base:expr, $callee_vmctx:expr) => {{
                let callee: &FuncCode = $callee;
                if (cells_end.offset_from(fp) as usize) < callee.max_slots as usize {
                    trap!(TrapCode::StackOverflow);
                }
                let params = callee.num_params as usize;
                ptr::copy(fp.add($base as usize), fp, params);
                let zeroed = callee.num_locals as usize - params;
                if zeroed > 0 {
                    ptr::write_bytes(fp.add(params), 0, zeroed);
                }
                func = callee;
                ip = callee.ops.as_ptr();
                let callee_vmctx: *mut VmContext = $callee_vmctx;
                if callee_vmctx != vmctx {
                    vmctx = callee_vmctx;
                    module = vm::tier_code(vmctx, Tier::Interp).cast();
                    (mem_base, mem_len) = memory::load_mem0(vmctx);
                }
            }};
        }
        // A tail call through a function reference: replaces the frame when
        // the callee's entry is the interpreter's (compiling it first if it
        // is still lazy), else calls its entry and returns its results.
        macro_rules! tail_call_ref {
            ($funcref:expr, $base:expr, $len:expr) => {{
                let funcref: *const VmFuncRef = $funcref;
                let entry = (*funcref).entry;
                let mut target = (*entry).array_call_addr();
                if target == lazy_entry {
                    if !vm::compile_lazily(funcref) {
                        break Err(Fault::Pending);
                    }
                    target = (*entry).array_call_addr();
                }
                if is_interpreted(target) {
                    let callee_vmctx = (*funcref).vmctx;
                    let callee_module: *const InterpModule = vm::tier_code(callee_vmctx, Tier::Interp).cast();
                    let callee_module: &InterpModule = &*callee_module;
                    let def = (*funcref).func_index - callee_module.info.num_imported_funcs;
                    match callee_module.code(def) {
                        Ok(callee) => replace!(callee, $base, callee_vmctx),
                        Err(e) => break Err(Fault::Compile(e)),
                    }
                } else if frames.is_empty() && offered {
                    // The caller makes the call (RFC 0008), so interpreter
                    // and machine code tail-calling each other run in
                    // constant stack. (The callee has this function's
                    // results, which are the activation's.) `tail_args`
                    // holds `MAX_PARAMS` cells, as many as a type may have
                    // parameters.
                    ptr::copy_nonoverlapping(fp.add($base as usize), (*runtime).tail_args, $len as usize);
                    (*runtime).tail_callee = funcref;
                    break Ok(());
                } else {
                    // (`ret!` reloads memory 0.)
                    let ok = ((*entry).array_call())(funcref, vmctx, fp.add($base as usize), $len as usize);
                    if !ok {
                        break Err(Fault::Pending);
                    }
                    // The callee's results are this function's.
                    ptr::copy(fp.add($base as usize), fp, (*func).num_results as usize);
                    ret!();
                }
            }};
        }
        macro_rules! ret {
            () => {{
                match frames.pop() {
                    None => break Ok(()),
                    Some(r) => {
                        ip = r.ip;
                        fp = r.fp;
                        func = r.func;
                        if r.vmctx != vmctx {
                            vmctx = r.vmctx;
                            module = vm::tier_code(vmctx, Tier::Interp).cast();
                        }
                        (mem_base, mem_len) = memory::load_mem0(vmctx);
                    }
                }
            }};
        }

        // The dispatch loop runs until the function returns or fails; a
        // failure that is a Wasm exception goes to the innermost handler
        // of this activation's frames (when one catches it), and the loop
        // goes on there.
        loop {
            let outcome: Result<(), Fault> = loop {
                let cur = ip;
                ip = ip.add(1);
                match *cur {
                    // ---- control ------------------------------------------------
                    Op::Trap { code } => trap!(code),
                    Op::Fuel { cost } => {
                        let fuel = (*runtime).fuel;
                        if fuel < cost as i64 {
                            trap!(TrapCode::OutOfFuel);
                        }
                        (*runtime).fuel = fuel - cost as i64;
                        next!();
                    }
                    Op::Epoch => {
                        if (*(*runtime).epoch).load(Ordering::Relaxed) >= (*runtime).epoch_deadline {
                            if !libcalls::epoch_reached(vmctx) {
                                break Err(Fault::Pending);
                            }
                            // A deadline callback may have grown memory 0.
                            (mem_base, mem_len) = memory::load_mem0(vmctx);
                        }
                        next!();
                    }
                    Op::TierUp { weight, at, target } => {
                        let f = &*func;
                        if at == FUNC_ENTRY {
                            let calls = f.calls.load(Ordering::Relaxed);
                            f.calls.store(calls.saturating_add(1), Ordering::Relaxed);
                        }
                        let left = f.budget.load(Ordering::Relaxed).saturating_sub(weight as i32);
                        let armed = at != NO_LOOP && f.armed.load(Ordering::Relaxed) == at;
                        if left > 0 && !armed {
                            f.budget.store(left, Ordering::Relaxed);
                        } else {
                            let spot = if target == NO_LOOP {
                                HotSpot::Call
                            } else {
                                HotSpot::Loop {
                                    target,
                                    here: (at != NO_LOOP && at != FUNC_ENTRY).then_some(at),
                                    single_call: f.calls.load(Ordering::Relaxed) <= 1,
                                }
                            };
                            match vm::tier_up(vmctx, f.func_index, spot) {
                                TierUpAction::Continue { budget, arm } => {
                                    f.budget.store(budget, Ordering::Relaxed);
                                    if let Some(arm) = arm {
                                        f.armed.store(arm, Ordering::Relaxed);
                                    }
                                }
                                TierUpAction::Osr(entry) => {
                                    // The frame moves to compiled code, which runs
                                    // the rest of the function (RFC 0007): the
                                    // state is this frame's locals and the loop's
                                    // parameters, in place; the results come back
                                    // past the frame.
                                    let values = fp.add(f.max_slots as usize);
                                    let len = (f.num_results as usize).max(1);
                                    if (cells_end.offset_from(values) as usize) < len {
                                        f.budget.store(i32::MAX, Ordering::Relaxed);
                                        next!();
                                        continue;
                                    }
                                    *values = RawVal([fp as u64, 0]);
                                    let callee = *(*vmctx).funcs.add(f.func_index as usize);
                                    let ok = (entry.call)(&entry, callee, vmctx, values, len);
                                    if !ok {
                                        break Err(Fault::PendingOwnFrame);
                                    }
                                    for i in 0..f.num_results as usize {
                                        *fp.add(i) = *values.add(i);
                                    }
                                    ret!();
                                    continue;
                                }
                            }
                        }
                        next!();
                    }
                    Op::Br { off } => jump!(off),
                    Op::BrIfNez { cond, off } => {
                        if get32!(cond) != 0 {
                            jump!(off)
                        } else {
                            next!()
                        }
                    }
                    Op::BrIfEqz { cond, off } => {
                        if get32!(cond) == 0 {
                            jump!(off)
                        } else {
                            next!()
                        }
                    }
                    Op::BrIfNull { cond, off } => {
                        if get64!(cond) == 0 {
                            jump!(off)
                        } else {
                            next!()
                        }
                    }
                    Op::BrIfNonNull { cond, off } => {
                        if get64!(cond) != 0 {
                            jump!(off)
                        } else {
                            next!()
                        }
                    }
                    Op::BrI32Eq { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a == b),
                    Op::BrI32Ne { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a != b),
                    Op::BrI32LtS { lhs, rhs, off } => {
                        br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| (a as i32) < b as i32)
                    }
                    Op::BrI32LtU { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a < b),
                    Op::BrI32GtS { lhs, rhs, off } => {
                        br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a as i32 > b as i32)
                    }
                    Op::BrI32GtU { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a > b),
                    Op::BrI32LeS { lhs, rhs, off } => {
                        br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a as i32 <= b as i32)
                    }
                    Op::BrI32LeU { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a <= b),
                    Op::BrI32GeS { lhs, rhs, off } => {
                        br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a as i32 >= b as i32)
                    }
                    Op::BrI32GeU { lhs, rhs, off } => br_cmp!(get32!(lhs), get32!(rhs), off, |a, b| a >= b),
                    Op::BrI32EqImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a == b),
                    Op::BrI32NeImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a != b),
                    Op::BrI32LtSImm { lhs, imm, off } => {
                        br_cmp!(get32!(lhs), imm as u32, off, |a, b| (a as i32) < b as i32)
                    }
                    Op::BrI32LtUImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a < b),
                    Op::BrI32GtSImm { lhs, imm, off } => {
                        br_cmp!(get32!(lhs), imm as u32, off, |a, b| a as i32 > b as i32)
                    }
                    Op::BrI32GtUImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a > b),
                    Op::BrI32LeSImm { lhs, imm, off } => {
                        br_cmp!(get32!(lhs), imm as u32, off, |a, b| a as i32 <= b as i32)
                    }
                    Op::BrI32LeUImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a <= b),
                    Op::BrI32GeSImm { lhs, imm, off } => {
                        br_cmp!(get32!(lhs), imm as u32, off, |a, b| a as i32 >= b as i32)
                    }
                    Op::BrI32GeUImm { lhs, imm, off } => br_cmp!(get32!(lhs), imm as u32, off, |a, b| a >= b),
                    Op::BrI32AddImmLtU { lhs, imm, rhs, off } => {
                        let x = get32!(lhs).wrapping_add(imm as i32 as u32);
                        set32!(lhs, x);
                        br_cmp!(x, get32!(rhs), off, |a, b| a < b)
                    }
                    Op::BrI32AddImmLtUImm { lhs, imm, bound, off } => {
                        let x = get32!(lhs).wrapping_add(imm as i32 as u32);
                        set32!(lhs, x);
                        br_cmp!(x, bound as u32, off, |a, b| a < b)
                    }
                    Op::BrI32AddLtU { lhs, step, rhs, off } => {
                        let x = get32!(lhs).wrapping_add(get32!(step));
                        set32!(lhs, x);
                        br_cmp!(x, get32!(rhs), off, |a, b| a < b)
                    }
                    Op::BrTable { index, len } => {
                        // The `len + 1` entries follow the table op; each is a
                        // `Br`, taken here directly instead of dispatched.
                        let entry = ip.add(get32!(index).min(len) as usize);
                        ip = match *entry {
                            Op::Br { off } => entry.offset(off as isize),
                            _ => entry,
                        };
                    }
                    Op::Return => ret!(),
                    Op::ReturnSlot { src } => {
                        // Only emitted for a `v128` result.
                        lanes::copy_at(fp, 0, src);
                        ret!()
                    }
                    Op::ReturnSlot64 { src } => {
                        set64!(0, get64!(src));
                        ret!()
                    }
                    Op::Call {
                        func: callee,
                        base,
                        len,
                    } => {
                        // The fast path: the callee's entry is still the
                        // interpreter's, so its frame is pushed here.
                        if is_interpreted((*(*vmctx).entries.add(callee as usize)).array_call_addr()) {
                            match (&*module).code(callee) {
                                Ok(callee) => enter!(callee, fp.add(base as usize), vmctx),
                                Err(e) => break Err(Fault::Compile(e)),
                            }
                        } else {
                            let f = (*(*vmctx).module).num_imported_funcs + callee;
                            call_ref!(*(*vmctx).funcs.add(f as usize), base, len)
                        }
                    }
                    Op::CallRef { func: f, base, len } => {
                        call_ref!(*(*vmctx).funcs.add(f as usize), base, len)
                    }
                    Op::ReturnCall {
                        func: callee,
                        base,
                        len,
                    } => {
                        if is_interpreted((*(*vmctx).entries.add(callee as usize)).array_call_addr()) {
                            match (&*module).code(callee) {
                                Ok(callee) => replace!(callee, base, vmctx),
                                Err(e) => break Err(Fault::Compile(e)),
                            }
                        } else {
                            let f = (*(*vmctx).module).num_imported_funcs + callee;
                            tail_call_ref!(*(*vmctx).funcs.add(f as usize), base, len)
                        }
                    }
                    Op::CallFuncRef { callee, base, len } => {
                        let funcref = get64!(callee) as *const VmFuncRef;
                        if funcref.is_null() {
                            trap!(TrapCode::NullReference);
                        }
                        call_ref!(funcref, base, len)
                    }
                    Op::ReturnCallFuncRef { callee, base, len } => {
                        let funcref = get64!(callee) as *const VmFuncRef;
                        if funcref.is_null() {
                            trap!(TrapCode::NullReference);
                        }
                        tail_call_ref!(funcref, base, len)
                    }
                    Op::ReturnCallRef { func: f, base, len } => {
                        tail_call_ref!(*(*vmctx).funcs.add(f as usize), base, len)
                    }
                    Op::ReturnCallIndirect {
                        type_index,
                        table,
                        index,
                        base,
                        len,
                    } => {
                        let funcref = indirect_callee!(type_index, table, index);
                        tail_call_ref!(funcref, base, len)
                    }
                    Op::CallIndirect {
                        type_index,
                        table,
                        index,
                        base,
                        len,
                    } => {
                        let funcref = indirect_callee!(type_index, table, index);
                        call_ref!(funcref, base, len)
                    }

                    // ---- data movement --------------------------------------------
                    Op::Copy { dst, src } => {
                        setv!(dst, getv!(src));
                        next!();
                    }
                    Op::Throw { tag, base } => {
                        let exn = libcalls::exn_new(vmctx, tag, fp.add(base as usize));
                        libcalls::exn_throw(vmctx, exn);
                        break Err(Fault::Pending);
                    }
                    Op::ThrowRef { src } => {
                        let exn = get64!(src) as *mut VmExn;
                        if exn.is_null() {
                            trap!(TrapCode::NullReference);
                        }
                        libcalls::exn_throw(vmctx, exn);
                        break Err(Fault::Pending);
                    }
                    Op::TrapIfNull { src } => {
                        if get64!(src) == 0 {
                            trap!(TrapCode::NullReference);
                        }
                        next!();
                    }
                    Op::CopyV128 { dst, src } => {
                        lanes::copy_at(fp, dst, src);
                        next!();
                    }
                    Op::Copy64 { dst, src } => {
                        set64!(dst, get64!(src));
                        next!();
                    }
                    Op::CopySpan { dst, src, len } => {
                        ptr::copy(fp.add(src as usize), fp.add(dst as usize), len as usize);
                        next!();
                    }
                    Op::Const { dst, value } => {
                        set64!(dst, value);
                        next!();
                    }
                    Op::ConstV128 { dst, idx } => {
                        lanes::const_at(fp, dst, *(*func).v128_consts.as_ptr().add(idx as usize));
                        next!();
                    }
                    Op::Select { dst, cond, a, b } => {
                        let v = if get32!(cond) != 0 { getv!(a) } else { getv!(b) };
                        setv!(dst, v);
                        next!();
                    }
                    Op::GlobalGet { dst, global } => {
                        set!(dst, (**(*vmctx).globals.add(global as usize)).value);
                        next!();
                    }
                    Op::GlobalSet { src, global } => {
                        (**(*vmctx).globals.add(global as usize)).value = get!(src);
                        next!();
                    }
                    Op::RefFunc { dst, func: f } => {
                        set64!(dst, *(*vmctx).funcs.add(f as usize) as u64);
                        next!();
                    }
                    Op::RefIsNull { dst, src } => {
                        set64!(dst, (get64!(src) == 0) as u64);
                        next!();
                    }

                    // ---- generic families -------------------------------------------
                    Op::Unary { dst, src, f } => {
                        set64!(dst, f(get64!(src)));
                        next!();
                    }
                    Op::Binary { dst, lhs, rhs, f } => {
                        set64!(dst, f(get64!(lhs), get64!(rhs)));
                        next!();
                    }
                    Op::UnaryTrap { dst, src, f } => match f(get64!(src)) {
                        Ok(v) => {
                            set64!(dst, v);
                            next!();
                        }
                        Err(code) => trap!(code),
                    },

                    // ---- i32 --------------------------------------------------------
                    Op::I32Add { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.wrapping_add(b)),
                    Op::I32Sub { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.wrapping_sub(b)),
                    Op::I32Mul { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.wrapping_mul(b)),
                    Op::I32And { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a & b),
                    Op::I32Or { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a | b),
                    Op::I32Xor { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a ^ b),
                    Op::I32Shl { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.wrapping_shl(b)),
                    Op::I32ShrS { dst, lhs, rhs } => {
                        i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| (a as i32).wrapping_shr(b) as u32)
                    }
                    Op::I32ShrU { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.wrapping_shr(b)),
                    Op::I32Rotl { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.rotate_left(b)),
                    Op::I32Rotr { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a.rotate_right(b)),
                    Op::I32Eq { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a == b),
                    Op::I32Ne { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a != b),
                    Op::I32LtS { dst, lhs, rhs } => {
                        i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| (a as i32) < b as i32)
                    }
                    Op::I32LtU { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a < b),
                    Op::I32GtS { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a as i32 > b as i32),
                    Op::I32GtU { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a > b),
                    Op::I32LeS { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a as i32 <= b as i32),
                    Op::I32LeU { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a <= b),
                    Op::I32GeS { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a as i32 >= b as i32),
                    Op::I32GeU { dst, lhs, rhs } => i32_op!(dst, get32!(lhs), get32!(rhs), |a, b| a >= b),
                    Op::I32DivS { dst, lhs, rhs } => match numeric::i32_div_s(get32!(lhs), get32!(rhs)) {
                        Ok(v) => i32_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I32DivU { dst, lhs, rhs } => match numeric::i32_div_u(get32!(lhs), get32!(rhs)) {
                        Ok(v) => i32_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I32RemS { dst, lhs, rhs } => match numeric::i32_rem_s(get32!(lhs), get32!(rhs)) {
                        Ok(v) => i32_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I32RemU { dst, lhs, rhs } => match numeric::i32_rem_u(get32!(lhs), get32!(rhs)) {
                        Ok(v) => i32_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I32AddImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.wrapping_add(b)),
                    Op::I32SubImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.wrapping_sub(b)),
                    Op::I32MulImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.wrapping_mul(b)),
                    Op::I32AndImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a & b),
                    Op::I32OrImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a | b),
                    Op::I32XorImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a ^ b),
                    Op::I32ShlImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.wrapping_shl(b)),
                    Op::I32ShrSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm as u32, |a, b| (a as i32).wrapping_shr(b) as u32)
                    }
                    Op::I32ShrUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.wrapping_shr(b)),
                    Op::I32RotlImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.rotate_left(b)),
                    Op::I32RotrImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a.rotate_right(b)),
                    Op::I32EqImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a == b),
                    Op::I32NeImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a != b),
                    Op::I32LtSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm as u32, |a, b| (a as i32) < b as i32)
                    }
                    Op::I32LtUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a < b),
                    Op::I32GtSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm as u32, |a, b| a as i32 > b as i32)
                    }
                    Op::I32GtUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a > b),
                    Op::I32LeSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm as u32, |a, b| a as i32 <= b as i32)
                    }
                    Op::I32LeUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a <= b),
                    Op::I32GeSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm as u32, |a, b| a as i32 >= b as i32)
                    }
                    Op::I32GeUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), imm as u32, |a, b| a >= b),
                    Op::I32DivSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm.get(), |a, b| (a as i32).wrapping_div(b as i32)
                            as u32)
                    }
                    Op::I32DivUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), 0, |a, _b| a / imm),
                    Op::I32RemSImm { dst, lhs, imm } => {
                        i32_op!(dst, get32!(lhs), imm.get(), |a, b| (a as i32).wrapping_rem(b as i32)
                            as u32)
                    }
                    Op::I32RemUImm { dst, lhs, imm } => i32_op!(dst, get32!(lhs), 0, |a, _b| a % imm),
                    Op::I32WrapI64 { dst, src } => i32_op!(dst, get64!(src) as u32, 0, |a, _b| a),
                    Op::I64ExtendI32S { dst, src } => i64_op!(dst, get32!(src) as i32 as i64 as u64, 0, |a, _b| a),
                    Op::F64ConvertI32S { dst, src } => {
                        i64_op!(dst, (get32!(src) as i32 as f64).to_bits(), 0, |a, _b| a)
                    }
                    Op::F64ConvertI32U { dst, src } => i64_op!(dst, (get32!(src) as f64).to_bits(), 0, |a, _b| a),
                    Op::I32Eqz { dst, src } => i32_op!(dst, get32!(src), 0, |a, b| a == b),

                    // ---- i64 --------------------------------------------------------
                    Op::I64Add { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.wrapping_add(b)),
                    Op::I64Sub { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.wrapping_sub(b)),
                    Op::I64Mul { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.wrapping_mul(b)),
                    Op::I64And { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a & b),
                    Op::I64Or { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a | b),
                    Op::I64Xor { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a ^ b),
                    Op::I64Shl { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.wrapping_shl(b as u32))
                    }
                    Op::I64ShrS { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a as i64).wrapping_shr(b as u32)
                            as u64)
                    }
                    Op::I64ShrU { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.wrapping_shr(b as u32))
                    }
                    Op::I64Rotl { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.rotate_left((b & 63) as u32))
                    }
                    Op::I64Rotr { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| a.rotate_right((b & 63) as u32))
                    }
                    Op::I64Eq { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a == b) as u64),
                    Op::I64Ne { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a != b) as u64),
                    Op::I64LtS { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| ((a as i64) < b as i64) as u64)
                    }
                    Op::I64LtU { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a < b) as u64),
                    Op::I64GtS { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a as i64 > b as i64) as u64)
                    }
                    Op::I64GtU { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a > b) as u64),
                    Op::I64LeS { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a as i64 <= b as i64) as u64)
                    }
                    Op::I64LeU { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a <= b) as u64),
                    Op::I64GeS { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a as i64 >= b as i64) as u64)
                    }
                    Op::I64GeU { dst, lhs, rhs } => i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| (a >= b) as u64),
                    Op::I64DivS { dst, lhs, rhs } => match numeric::i64_div_s(get64!(lhs), get64!(rhs)) {
                        Ok(v) => i64_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I64DivU { dst, lhs, rhs } => match numeric::i64_div_u(get64!(lhs), get64!(rhs)) {
                        Ok(v) => i64_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I64RemS { dst, lhs, rhs } => match numeric::i64_rem_s(get64!(lhs), get64!(rhs)) {
                        Ok(v) => i64_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I64RemU { dst, lhs, rhs } => match numeric::i64_rem_u(get64!(lhs), get64!(rhs)) {
                        Ok(v) => i64_op!(dst, v, 0, |a, _b| a),
                        Err(code) => trap!(code),
                    },
                    Op::I64AddImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.wrapping_add(b)),
                    Op::I64SubImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.wrapping_sub(b)),
                    Op::I64MulImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.wrapping_mul(b)),
                    Op::I64AndImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a & b),
                    Op::I64OrImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a | b),
                    Op::I64XorImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| a ^ b),
                    Op::I64ShlImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.wrapping_shl(b as u32))
                    }
                    Op::I64ShrSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a as i64).wrapping_shr(b as u32)
                            as u64)
                    }
                    Op::I64ShrUImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.wrapping_shr(b as u32))
                    }
                    Op::I64RotlImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.rotate_left((b & 63) as u32))
                    }
                    Op::I64RotrImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| a.rotate_right((b & 63) as u32))
                    }
                    Op::I64EqImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a == b) as u64),
                    Op::I64NeImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a != b) as u64),
                    Op::I64LtSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| ((a as i64) < b as i64) as u64)
                    }
                    Op::I64LtUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a < b) as u64),
                    Op::I64GtSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a as i64 > b as i64) as u64)
                    }
                    Op::I64GtUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a > b) as u64),
                    Op::I64LeSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a as i64 <= b as i64) as u64)
                    }
                    Op::I64LeUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a <= b) as u64),
                    Op::I64GeSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a as i64 >= b as i64) as u64)
                    }
                    Op::I64GeUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), imm as u64, |a, b| (a >= b) as u64),
                    Op::I64DivSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm.get(), |a, b| (a as i64).wrapping_div(b as i64)
                            as u64)
                    }
                    Op::I64DivUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), 0, |a, _b| a / imm),
                    Op::I64RemSImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm.get(), |a, b| (a as i64).wrapping_rem(b as i64)
                            as u64)
                    }
                    Op::I64RemUImm { dst, lhs, imm } => i64_op!(dst, get64!(lhs), 0, |a, _b| a % imm),
                    Op::I64Eqz { dst, src } => i64_op!(dst, get64!(src), 0, |a, b| (a == b) as u64),

                    // ---- floats ---------------------------------------------------
                    Op::F32Add { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f32_bin(a, b, |x, y| x + y))
                    }
                    Op::F32Sub { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f32_bin(a, b, |x, y| x - y))
                    }
                    Op::F32Mul { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f32_bin(a, b, |x, y| x * y))
                    }
                    Op::F32Div { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f32_bin(a, b, |x, y| x / y))
                    }
                    Op::F64Add { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f64_bin(a, b, |x, y| x + y))
                    }
                    Op::F64Sub { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f64_bin(a, b, |x, y| x - y))
                    }
                    Op::F64Mul { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f64_bin(a, b, |x, y| x * y))
                    }
                    Op::F64Div { dst, lhs, rhs } => {
                        i64_op!(dst, get64!(lhs), get64!(rhs), |a, b| f64_bin(a, b, |x, y| x / y))
                    }

                    Op::F32AddImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| f32_bin(a, b, |x, y| x + y))
                    }
                    Op::F32SubImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| f32_bin(a, b, |x, y| x - y))
                    }
                    Op::F32MulImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| f32_bin(a, b, |x, y| x * y))
                    }
                    Op::F32DivImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm as u64, |a, b| f32_bin(a, b, |x, y| x / y))
                    }
                    Op::F64AddImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm, |a, b| f64_bin(a, b, |x, y| x + y))
                    }
                    Op::F64SubImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm, |a, b| f64_bin(a, b, |x, y| x - y))
                    }
                    Op::F64MulImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm, |a, b| f64_bin(a, b, |x, y| x * y))
                    }
                    Op::F64DivImm { dst, lhs, imm } => {
                        i64_op!(dst, get64!(lhs), imm, |a, b| f64_bin(a, b, |x, y| x / y))
                    }

                    // ---- memory ---------------------------------------------------
                    Op::I32Load { dst, addr, offset } => load!(dst, addr, offset, u32, |x| x as u64),
                    Op::I64Load { dst, addr, offset } => load!(dst, addr, offset, u64, |x| x),
                    Op::I32Load8S { dst, addr, offset } => load!(dst, addr, offset, i8, |x| x as i32 as u32 as u64),
                    Op::I32Load8U { dst, addr, offset } => load!(dst, addr, offset, u8, |x| x as u64),
                    Op::I32Load16S { dst, addr, offset } => load!(dst, addr, offset, i16, |x| x as i32 as u32 as u64),
                    Op::I32Load16U { dst, addr, offset } => load!(dst, addr, offset, u16, |x| x as u64),
                    Op::I64Load8S { dst, addr, offset } => load!(dst, addr, offset, i8, |x| x as i64 as u64),
                    Op::I64Load8U { dst, addr, offset } => load!(dst, addr, offset, u8, |x| x as u64),
                    Op::I64Load16S { dst, addr, offset } => load!(dst, addr, offset, i16, |x| x as i64 as u64),
                    Op::I64Load16U { dst, addr, offset } => load!(dst, addr, offset, u16, |x| x as u64),
                    Op::I64Load32S { dst, addr, offset } => load!(dst, addr, offset, i32, |x| x as i64 as u64),
                    Op::I64Load32U { dst, addr, offset } => load!(dst, addr, offset, u32, |x| x as u64),
                    Op::I32Store { addr, value, offset } => store!(addr, value, offset, u32),
                    Op::I64Store { addr, value, offset } => store!(addr, value, offset, u64),
                    Op::I32Store8 { addr, value, offset } | Op::I64Store8 { addr, value, offset } => {
                        store!(addr, value, offset, u8)
                    }
                    Op::I32Store16 { addr, value, offset } | Op::I64Store16 { addr, value, offset } => {
                        store!(addr, value, offset, u16)
                    }
                    Op::I64Store32 { addr, value, offset } => store!(addr, value, offset, u32),
                    Op::I32StoreImm { addr, value, offset } => {
                        let p = ea!(addr, offset, 4);
                        ptr::write_unaligned(p as *mut [u8; 4], value.to_le_bytes());
                        next!();
                    }
                    Op::I32Store8Imm { addr, value, offset } => {
                        let p = ea!(addr, offset, 1);
                        *p = value as u8;
                        next!();
                    }
                    Op::I64StoreImm { addr, value, offset } => {
                        let p = ea!(addr, offset, 8);
                        ptr::write_unaligned(p as *mut [u8; 8], (value as i64).to_le_bytes());
                        next!();
                    }
                    Op::MemorySize { dst, mem } => {
                        set64!(dst, memory::size_pages(vmctx, mem));
                        next!();
                    }
                    Op::MemoryGrow { dst, delta, mem } => {
                        let delta = if bulk::memory64(vmctx, mem) {
                            get64!(delta)
                        } else {
                            get32!(delta) as u64
                        };
                        let old = libcalls::memory_grow(vmctx, mem, delta);
                        if old == libcalls::GROW_TRAPPED {
                            break Err(Fault::Pending);
                        }
                        if bulk::memory64(vmctx, mem) {
                            set64!(dst, old as u64);
                        } else {
                            set32!(dst, old as i32);
                        }
                        (mem_base, mem_len) = memory::load_mem0(vmctx);
                        next!();
                    }
                    // ---- bulk memory and tables (`bulk`) -----------------------------
                    Op::MemoryFill { dst, value, len, mem } => {
                        libcall!(bulk::memory_fill(fp, vmctx, dst, value, len, mem))
                    }
                    Op::MemoryCopy {
                        dst,
                        src,
                        len,
                        dst_mem,
                        src_mem,
                    } => libcall!(bulk::memory_copy(fp, vmctx, dst, src, len, dst_mem, src_mem)),
                    Op::MemoryInit {
                        dst,
                        src,
                        len,
                        mem,
                        data,
                    } => libcall!(bulk::memory_init(fp, vmctx, dst, src, len, mem, data)),
                    Op::DataDrop { data } => libcall!(bulk::data_drop(fp, vmctx, data)),
                    Op::TableGet { dst, index, table } => libcall!(bulk::table_get(fp, vmctx, dst, index, table)),
                    Op::TableSet { index, value, table } => libcall!(bulk::table_set(fp, vmctx, index, value, table)),
                    Op::TableSize { dst, table } => libcall!(bulk::table_size(fp, vmctx, dst, table)),
                    Op::TableGrow {
                        dst,
                        init,
                        delta,
                        table,
                    } => {
                        if !bulk::table_grow(fp, vmctx, dst, init, delta, table) {
                            break Err(Fault::Pending);
                        }
                        next!();
                    }
                    Op::TableFill { dst, value, len, table } => {
                        libcall!(bulk::table_fill(fp, vmctx, dst, value, len, table))
                    }
                    Op::TableCopy {
                        dst,
                        src,
                        len,
                        dst_table,
                        src_table,
                    } => libcall!(bulk::table_copy(fp, vmctx, dst, src, len, dst_table, src_table)),
                    Op::TableInit {
                        dst,
                        src,
                        len,
                        table,
                        elem,
                    } => libcall!(bulk::table_init(fp, vmctx, dst, src, len, table, elem)),
                    Op::ElemDrop { elem } => libcall!(bulk::elem_drop(fp, vmctx, elem)),

                    // ---- SIMD -------------------------------------------------------
                    Op::V128Unary { dst, src, op } => {
                        lanes::unary_at(fp, dst, src, op);
                        next!();
                    }
                    Op::V128Binary { dst, lhs, rhs, op } => {
                        lanes::binary_at(fp, dst, lhs, rhs, op);
                        next!();
                    }
                    Op::V128Ternary { dst, a, b, c, op } => {
                        lanes::ternary_at(fp, dst, a, b, c, op);
                        next!();
                    }
                    Op::V128Shift { dst, src, count, op } => {
                        lanes::shift_at(fp, dst, src, get64!(count), op);
                        next!();
                    }
                    Op::V128ShiftImm { dst, src, count, op } => {
                        lanes::shift_at(fp, dst, src, count as u64, op);
                        next!();
                    }
                    Op::V128Splat { dst, src, op } => {
                        lanes::splat_at(fp, dst, get64!(src), op);
                        next!();
                    }
                    Op::V128Extract { dst, src, op, lane } => {
                        set64!(dst, lanes::extract_at(fp, src, op, lane));
                        next!();
                    }
                    Op::V128Replace { dst, src, x, op, lane } => {
                        lanes::replace_at(fp, dst, src, get64!(x), op, lane);
                        next!();
                    }
                    Op::V128Test { dst, src, op } => {
                        set64!(dst, lanes::test_at(fp, src, op));
                        next!();
                    }
                    Op::V128Shuffle { dst, a, b, idx } => {
                        lanes::shuffle_at(fp, dst, a, b, &*(*func).shuffles.as_ptr().add(idx as usize));
                        next!();
                    }
                    Op::V128Load {
                        dst,
                        addr,
                        offset,
                        kind,
                    } => {
                        let p = ea!(addr, offset, kind.access_size());
                        lanes::load_mem_at(fp, dst, p, kind);
                        next!();
                    }
                    Op::V128Store { addr, value, offset } => {
                        let p = ea!(addr, offset, 16);
                        lanes::store_full_inline(fp, value, p);
                        next!();
                    }
                    Op::V128LoadFull { dst, addr, offset } => {
                        let p = ea!(addr, offset, 16);
                        lanes::load_full_inline(fp, dst, p);
                        next!();
                    }
                    Op::F32x4Add { dst, lhs, rhs } => {
                        lanes::binary_inline(fp, dst, lhs, rhs, SimdBinOp::F32x4Add);
                        next!();
                    }
                    Op::F32x4Sub { dst, lhs, rhs } => {
                        lanes::binary_inline(fp, dst, lhs, rhs, SimdBinOp::F32x4Sub);
                        next!();
                    }
                    Op::F32x4Mul { dst, lhs, rhs } => {
                        lanes::binary_inline(fp, dst, lhs, rhs, SimdBinOp::F32x4Mul);
                        next!();
                    }
                    Op::I32x4Add { dst, lhs, rhs } => {
                        lanes::binary_inline(fp, dst, lhs, rhs, SimdBinOp::I32x4Add);
                        next!();
                    }
                    Op::I32x4Sub { dst, lhs, rhs } => {
                        lanes::binary_inline(fp, dst, lhs, rhs, SimdBinOp::I32x4Sub);
                        next!();
                    }
                    Op::I32x4ShlImm { dst, src, count } => {
                        lanes::shift_inline(fp, dst, src, count, SimdShiftOp::I32x4Shl);
                        next!();
                    }
                    Op::I32x4ShrUImm { dst, src, count } => {
                        lanes::shift_inline(fp, dst, src, count, SimdShiftOp::I32x4ShrU);
                        next!();
                    }
                    Op::V128LoadLane {
                        dst,
                        addr,
                        vec,
                        offset,
                        width,
                        lane,
                    } => {
                        let p = ea!(addr, offset, width);
                        lanes::load_lane_at(fp, dst, vec, p, width, lane);
                        next!();
                    }
                    Op::V128StoreLane {
                        addr,
                        vec,
                        offset,
                        width,
                        lane,
                    } => {
                        let p = ea!(addr, offset, width);
                        lanes::store_lane_at(fp, vec, p, width, lane);
                        next!();
                    }

                    // ---- memories other than 0: cold helpers -------------------------
                    Op::LoadMem { dst, addr, info } => libcall!(multi_memory::load(vmctx, func, fp, dst, addr, info)),
                    Op::StoreMem { addr, value, info } => {
                        libcall!(multi_memory::store(vmctx, func, fp, addr, value, info))
                    }
                }
            };
            let fault = match outcome {
                Ok(()) => break Ok(()),
                Err(fault) => fault,
            };
            let exn = match fault {
                Fault::Pending | Fault::PendingOwnFrame => libcalls::exn_pending(vmctx),
                _ => ptr::null_mut(),
            };
            if exn.is_null() {
                break Err(fault);
            }
            // The handler: in the current frame (unless compiled code already
            // ran the rest of it), else in the innermost suspended caller that
            // has one. `depth` is the number of records kept.
            let tag = (*exn).tag;
            let mut handler = None;
            if !matches!(fault, Fault::PendingOwnFrame) {
                handler = find_catch(func, ip, vmctx, tag).map(|c| (frames.len(), c));
            }
            if handler.is_none() {
                handler = (0..frames.len())
                    .rev()
                    .find_map(|i| find_catch(frames[i].func, frames[i].ip, frames[i].vmctx, tag).map(|c| (i, c)));
            }
            let Some((depth, catch)) = handler else {
                break Err(fault);
            };
            if depth < frames.len() {
                let r = frames[depth];
                frames.truncate(depth);
                fp = r.fp;
                func = r.func;
                if r.vmctx != vmctx {
                    vmctx = r.vmctx;
                    module = vm::tier_code(vmctx, Tier::Interp).cast();
                }
            }
            (mem_base, mem_len) = memory::load_mem0(vmctx);
            let dst = fp.add(catch.base as usize);
            let n = if catch.tag == CATCH_ALL { 0 } else { (*exn).len as usize };
            ptr::copy_nonoverlapping((*exn).values, dst, n);
            if catch.with_ref {
                *dst.add(n) = RawVal::from_ref(exn as u64);
            }
            libcalls::exn_catch(vmctx, exn, catch.with_ref);
            ip = (*func).ops.as_ptr().add(catch.target as usize);
        }
    };
    match result {
        Ok(()) => true,
        Err(fault) => {
            // SAFETY: `func`, `vmctx` and the records are the live frames of
            // this activation (`ip` one past the op that failed); the store
            // is executing on this thread.
            unsafe { report((*vmctx).runtime, fault, func, ip, vmctx, frames) };
            false
        }
    }
}

/// The clause of `func` that catches an exception of `tag` thrown by the
/// op before `ip` (a throw, or a call that threw), if any. A tail call's
/// callee throws past its caller's handlers: the frame was left first.
///
/// # Safety
///
/// `ip` points into `func`'s ops, past its first; `vmctx` is the live
/// context of `func`'s instance.
unsafe fn find_catch(func: *const FuncCode, ip: *const Op, vmctx: *mut VmContext, tag: *const VmTag) -> Option<Catch> {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let f = &*func;
        if f.catches.is_empty() {
            return None;
        }
        let at = ip.offset_from(f.ops.as_ptr()) - 1;
        if matches!(
            f.ops[at as usize],
            Op::ReturnCall { .. }
                | Op::ReturnCallRef { .. }
                | Op::ReturnCallIndirect { .. }
                | Op::ReturnCallFuncRef { .. }
        ) {
            return None;
        }
        let at = at as u32;
        f.catches
            .iter()
            .find(|c| c.start <= at && at < c.end && (c.tag == CATCH_ALL || *(*vmctx).tags.add(c.tag as usize) == tag))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_interpreted_recognizes_the_entry() {
        assert!(super::call::is_interpreted(
            super::array_call as concord_core::vm::ArrayCallFn as usize
        ));
    }
}
