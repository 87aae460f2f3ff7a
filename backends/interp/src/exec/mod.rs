//! The executor: one handler function per [`Op`], chained by tail calls.
//!
//! Each op's handler (`handlers.rs`) runs the op and ends by calling the
//! next op's handler, found in [`HANDLERS`] by the next op's tag, as its
//! last action with the same arguments: the hot state `ip` (one past the
//! op running), `fp` (slot 0 of the current frame), memory 0's base and
//! the previous op's result (`acc`, and `facc` for an `f64`: see
//! [`Handler`]) stay in argument registers from op to op, and every
//! handler ends in its own indirect jump (the compiler turns those calls
//! into jumps: sibling calls). The rest of the activation's state (memory
//! 0's length, the current instance's `vmctx`, the frame records, the
//! current function and module, the stack's end, the pending fault) is in
//! a [`Cx`] the handlers share. Wasm calls between interpreted functions push a [`FrameRecord`]
//! and go on in the callee's first handler (no host recursion); calls to
//! anything else go through the callee's array-call entry, with the
//! arguments in place in the value stack. A run ends when a handler
//! returns an [`Exit`]: the activation returned, or failed (the fault is
//! in the `Cx`, and [`run`] unwinds to a catching handler or reports it).
//!
//! Sibling calls are an optimisation the compiler makes, not a guarantee,
//! so they are used only where one is checked: optimized builds for
//! x86-64 (`handlers_chain_by_jumps` disassembles every handler and fails
//! if one calls the next instead of jumping to it). Elsewhere (debug builds,
//! other targets, or the `portable-dispatch` feature) every handler
//! returns to a loop in [`execute`] that calls the next one.
//!
//! # Invariants the handlers rely on
//!
//! - **Slots**: every slot an op names is `< FuncCode::max_slots` (by
//!   translation), and `fp + max_slots <= cells_end` (checked on entry and
//!   on every call before the frame is pushed). So `cell(fp, slot)` is in
//!   bounds of the value stack for every op of the current function.
//! - **Code**: every branch targets an op of the same function and every
//!   function ends in a return/branch/trap, so `ip` always points at an op
//!   of the current function when an op is fetched (while an op runs, `ip`
//!   is already one past it: at most one past the end of the code).
//! - **Tags**: `Op` is `repr(u16)`, so its first two bytes are the variant's
//!   index in declaration order, which is its handler's index in
//!   [`HANDLERS`] (built from the same list).
//! - **Context**: `vmctx` is the live context of the current function's
//!   instance; its tables, globals, functions and memories are indexed
//!   only with indices the validator checked against its module.
//! - **Memory**: `mem_base` and `Cx::mem_len` describe memory 0 of
//!   `vmctx` and are reloaded after anything that can grow or move it
//!   (calls, returns, `memory.grow`). Accesses check
//!   `addr + offset + size <= mem_len` in `u64` (no overflow) before
//!   touching `mem_base`.
//! - **Result registers**: an `<Op>Acc` form runs only where, on every
//!   way in, `acc` holds the current value of the slot it reads
//!   (`translate::acc_operands`): the last op that set `acc` wrote that
//!   slot ([`Op::acc_result`], or a loop step's counter), and every op
//!   since (compare-and-branch ops, stores to memory, `Fuel`) neither set
//!   `acc` nor wrote a slot; never at a catch clause or a function's first
//!   op. A `facc` form runs only right after the op that left its operand
//!   there, where no branch lands. A pair leaves its second op's result.
//!
//! # Performance notes
//!
//! Before the handlers, the executor was one loop around one `match`
//! compiled to a jump table. It was sensitive to code layout: adding
//! unrelated ops moved programs that never ran them by 5-50% through
//! different register allocation and placement of the whole function, and
//! its hot state was spilled around every op. A handler is compiled on
//! its own, so an op's code does not depend on the others. Things to keep
//! true when editing handlers (each measured; `benches/README.md`):
//!
//! - No hot path may need a stack frame: a call the handler returns from
//!   (a libc `memset`, a `Result` returned through memory, a local whose
//!   address is passed on) makes the compiler save registers on entry, and
//!   an escaping local also stops the sibling call (`handlers_chain_by_jumps` catches
//!   that one). Rare paths leave through out-of-line functions that take
//!   the handler's arguments and go on themselves (`exit_trap`,
//!   `call_other`, `grow_frames`).
//! - A conditional branch must stay a branch: merged into one dispatch,
//!   the next `ip` becomes a select on the condition and every later op
//!   waits for it (`branch!`'s cold-path hint prevents that).
//! - Registers are scarce: the six integer arguments (one of them `free`,
//!   so that variable shifts have `rcx`) leave three caller-saved scratch
//!   registers besides `rcx`, which is why `vmctx` and memory 0's length
//!   live in the [`Cx`] (a length compared in memory costs no instruction).
//! - A result read from its cell right after the op that wrote it waits
//!   for the store to reach the load (store-to-load forwarding, about five
//!   cycles a link of a dependency chain): hence `acc` and `facc`, which
//!   took the C programs from 1.07x to 0.93x wasmi's time. Float results
//!   have their own register: through `acc` they would cross between the
//!   register files on every link.

mod bulk;
mod call;
mod handlers;
mod lanes;
mod memory;
mod multi_memory;
mod numeric;
mod prelude;

pub(crate) use call::{Stack, array_call};

use crate::InterpModule;
use crate::ir::{CATCH_ALL, Catch, FUNC_ENTRY, FuncCode, NO_LOOP, Op, Slot, UnaryTrapFn};
use call::{Fault, FrameRecord, report};
use concord_core::tierup::{HotSpot, TierUpAction};
use concord_core::vm::{self, VmContext, VmFuncRef, VmTag, libcalls};
use concord_core::{RawVal, Tier, TrapCode};
use std::ptr;
use std::sync::atomic::Ordering;

/// The state of one activation that is not in the handlers' arguments.
pub(crate) struct Cx {
    /// The suspended callers' records.
    frames: *mut Vec<FrameRecord>,
    /// The current function.
    func: *const FuncCode,
    /// The interpreter's module of the current instance.
    module: *const InterpModule,
    /// The store's runtime.
    runtime: *mut vm::VmRuntime,
    /// One past the value stack's last cell.
    cells_end: *mut RawVal,
    /// The call-depth limit, in frame records.
    max_depth: usize,
    /// The lazy-compilation entry's address (`vm::lazy_array_call`).
    lazy_entry: usize,
    /// The caller offered to finish a tail call the activation ends with.
    offered: bool,
    /// Where the run stopped (the op after the one that failed, for a
    /// fault) and, between handlers of the portable dispatch, where it goes on.
    ip: *const Op,
    fp: *mut RawVal,
    mem_base: *mut u8,
    /// Memory 0's length (the handlers read it here: it is in no register).
    mem_len: usize,
    /// The result of the last op run, between handlers of the portable
    /// dispatch (see [`Handler`]).
    acc: u64,
    /// The same for a float result.
    facc: f64,
    vmctx: *mut VmContext,
    /// The failure of a run that ended with [`Exit::Fault`].
    fault: Option<Fault>,
}

/// Why a handler returned.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Exit {
    /// The activation returned.
    Done,
    /// The run failed; the fault and the state are in the [`Cx`].
    Fault,
    /// Portable dispatch only: the next op's state is in the [`Cx`].
    Continue,
}

/// An op's handler. The arguments are the hot state (see the module docs):
/// `acc` is the word the previous op wrote last (its result, for the ops
/// that have one: [`Op::acc_result`]), so an op right after it can take
/// that operand from a register instead of from its cell; `facc` is the
/// same for an `f64` result, in a vector register, so that float ops
/// chain without moving their values between register files. `free`
/// carries nothing: it keeps the fourth argument register (`rcx`, the one
/// variable shifts need) unused by the state.
type Handler =
    unsafe fn(ip: *const Op, fp: *mut RawVal, mem_base: *mut u8, free: Free, cx: *mut Cx, acc: u64, facc: f64) -> Exit;

/// The type of a handler's unused argument.
type Free = std::mem::MaybeUninit<usize>;

/// Generator for [`crate::ir::ops::for_each_op!`]: the handler table, in
/// the op's declaration order (its tag).
macro_rules! handler_table {
    ($( $(#[$attr:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? ),* $(,)?) => {
        /// Every op's handler, indexed by the op's tag.
        pub(crate) static HANDLERS: [Handler; Op::NAMES.len()] = [$(handlers::$name),*];
    };
}
crate::ir::for_each_op!(handler_table);

/// Whether handlers chain by tail calls (see the module docs).
pub(crate) const TAIL_DISPATCH: bool = cfg!(all(
    target_arch = "x86_64",
    not(debug_assertions),
    not(feature = "portable-dispatch")
));

/// The cell `slot` names in the frame at `fp` (a [`Slot`] is a word
/// offset: this is one scaled address, no shift).
///
/// # Safety
///
/// `fp` is a live frame of the current function and `slot` one of its ops'
/// slots (in bounds: see the module docs).
#[inline(always)]
pub(super) unsafe fn cell(fp: *mut RawVal, slot: Slot) -> *mut RawVal {
    // SAFETY: guaranteed by the caller: the cell is in the value stack.
    unsafe { fp.byte_add(slot as usize * 8) }
}

/// `x`, which the compiler may no longer see through (no instruction: an
/// empty `asm!` that says it changes the register): it then keeps a value
/// it computed instead of computing another from the same terms.
#[inline(always)]
fn opaque(mut x: u64) -> u64 {
    // SAFETY: the template is empty: it reads and writes nothing but the
    // register it is given, which keeps its value.
    unsafe { std::arch::asm!("/* {0} */", inout(reg) x, options(pure, nomem, nostack, preserves_flags)) };
    x
}

/// The handler of the op at `ip`.
///
/// # Safety
///
/// `ip` points at an op.
#[inline(always)]
unsafe fn handler_of(ip: *const Op) -> Handler {
    // SAFETY: `Op` is `repr(u16)`: its first two bytes are its tag, below
    // `HANDLERS.len()` (the table has one entry per variant).
    unsafe { *HANDLERS.get_unchecked(*ip.cast::<u16>() as usize) }
}

/// Runs handlers from the op at `cx.ip` until one returns `Done` or
/// `Fault`.
///
/// # Safety
///
/// `cx` holds the state of a live activation, as [`run`] sets it up.
unsafe fn execute(cx: &mut Cx) -> Exit {
    // SAFETY: guaranteed by the caller; the handlers keep the module
    // invariants.
    unsafe {
        let (ip, fp, mem_base, acc, facc) = (cx.ip, cx.fp, cx.mem_base, cx.acc, cx.facc);
        let cx: *mut Cx = cx;
        if TAIL_DISPATCH {
            handler_of(ip)(ip, fp, mem_base, Free::uninit(), cx, acc, facc)
        } else {
            loop {
                let c = &*cx;
                match handler_of(c.ip)(c.ip, c.fp, c.mem_base, Free::uninit(), cx, c.acc, c.facc) {
                    Exit::Continue => {}
                    exit => return exit,
                }
            }
        }
    }
}

/// Ends a run with `fault`, keeping it and the state in `cx` for [`run`].
///
/// # Safety
///
/// `cx` is the running activation's.
#[cold]
#[inline(never)]
unsafe fn fail(fault: Fault, ip: *const Op, fp: *mut RawVal, cx: *mut Cx) -> Exit {
    // SAFETY: guaranteed by the caller.
    unsafe {
        (*cx).fault = Some(fault);
        (*cx).ip = ip;
        (*cx).fp = fp;
    }
    Exit::Fault
}

// The ways a handler fails. Each takes its arguments in registers, so a
// handler ends in a sibling call to it without a stack frame of its own.

/// Ends a run with a trap. See [`fail`].
#[cold]
#[inline(never)]
unsafe fn exit_trap(code: TrapCode, ip: *const Op, fp: *mut RawVal, cx: *mut Cx) -> Exit {
    // SAFETY: guaranteed by the caller.
    unsafe { fail(Fault::Code(code), ip, fp, cx) }
}

/// Ends a run with the trap or exception pending in the store; `own`: the
/// compiled continuation of the current frame raised it. See [`fail`].
#[cold]
#[inline(never)]
unsafe fn exit_pending(own: bool, ip: *const Op, fp: *mut RawVal, cx: *mut Cx) -> Exit {
    let fault = if own { Fault::PendingOwnFrame } else { Fault::Pending };
    // SAFETY: guaranteed by the caller.
    unsafe { fail(fault, ip, fp, cx) }
}

/// Ends a run with the error of function `def` of `module`, called before
/// its code was published. See [`fail`].
#[cold]
#[inline(never)]
unsafe fn exit_unpublished(module: *const InterpModule, def: u32, ip: *const Op, fp: *mut RawVal, cx: *mut Cx) -> Exit {
    // SAFETY: guaranteed by the caller; `module` is live while its instance is.
    unsafe {
        let error = (*module).code(def).expect_err("the function is not published");
        fail(Fault::Compile(error), ip, fp, cx)
    }
}

/// Goes on with the op at `ip`: its handler, as the caller's last action
/// (a sibling call), or, in the portable dispatch, back to the loop in
/// [`execute`] with the state in `cx`.
///
/// # Safety
///
/// The arguments are a handler's, with `ip` at the op to run.
#[inline(always)]
unsafe fn go_on(ip: *const Op, fp: *mut RawVal, mem_base: *mut u8, cx: *mut Cx, acc: u64, facc: f64) -> Exit {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if TAIL_DISPATCH {
            return handler_of(ip)(ip, fp, mem_base, Free::uninit(), cx, acc, facc);
        }
        (*cx).ip = ip;
        (*cx).fp = fp;
        (*cx).mem_base = mem_base;
        (*cx).acc = acc;
        (*cx).facc = facc;
        Exit::Continue
    }
}

/// Makes room for more frame records, then runs the op at `ip` (a call
/// that found the records full) again.
///
/// # Safety
///
/// The arguments are a handler's, with `ip` at the op to run.
#[cold]
#[inline(never)]
unsafe fn grow_frames(ip: *const Op, fp: *mut RawVal, mem_base: *mut u8, cx: *mut Cx) -> Exit {
    // SAFETY: guaranteed by the caller.
    unsafe {
        (*(*cx).frames).reserve(64);
        // (A call op, which takes no operand from `acc`.)
        go_on(ip, fp, mem_base, cx, 0, 0.0)
    }
}

/// The call at `ip - 1` (a `Call`, `CallRef`, `CallFuncRef` or
/// `CallIndirect`) of `funcref`, whose entry is not the interpreter's:
/// a lazy function is compiled and the call runs again; anything else is
/// called through its entry, and the run goes on with the next op.
///
/// # Safety
///
/// The arguments are a handler's, one past the call op; `funcref` is the
/// callee the op resolved (checked).
#[inline(never)]
unsafe fn call_other(
    funcref: *const VmFuncRef,
    ip: *const Op,
    fp: *mut RawVal,
    mem_base: *mut u8,
    cx: *mut Cx,
) -> Exit {
    // SAFETY: guaranteed by the caller.
    unsafe {
        let (ip, mem_base) = {
            let entry = (*funcref).entry;
            if (*entry).array_call_addr() == (*cx).lazy_entry {
                if !vm::compile_lazily(funcref) {
                    return exit_pending(false, ip, fp, cx);
                }
                // The op again, with the new entry.
                (ip.sub(1), mem_base)
            } else {
                let (base, len) = match *ip.sub(1) {
                    Op::Call { base, len, .. }
                    | Op::CallRef { base, len, .. }
                    | Op::CallFuncRef { base, len, .. }
                    | Op::CallIndirect { base, len, .. } => (base, len),
                    _ => unreachable!("call_other after a call op"),
                };
                let vmctx = (*cx).vmctx;
                let ok = ((*entry).array_call())(funcref, vmctx, fp.add(base as usize), len as usize);
                if !ok {
                    return exit_pending(false, ip, fp, cx);
                }
                let (mem_base, mem_len) = memory::load_mem0(vmctx);
                (*cx).mem_len = mem_len;
                (ip, mem_base)
            }
        };
        // (The op after a call takes no operand from `acc`.)
        go_on(ip, fp, mem_base, cx, 0, 0.0)
    }
}

/// Calls a trapping scalar function out of line, with its outcome in
/// registers (a `Result` would come back through the handler's stack,
/// which keeps its dispatch from being a sibling call).
#[inline(never)]
fn unary_trap(f: UnaryTrapFn, x: u64) -> (u64, Option<TrapCode>) {
    match f(x) {
        Ok(v) => (v, None),
        Err(code) => (0, Some(code)),
    }
}

/// What [`tier_up`] did.
enum Tiered {
    /// Go on here.
    Stay,
    /// Compiled code ran the rest of the frame; its results are in place.
    Returned,
    /// Compiled code ran the rest of the frame and trapped.
    Failed,
}

/// The tier-up request of a `TierUp` op whose budget ran out (RFC 0007),
/// out of line.
///
/// # Safety
///
/// `f` is the current function of instance `vmctx`, whose frame is at
/// `fp`; `cells_end` is the value stack's end.
#[inline(never)]
unsafe fn tier_up(
    vmctx: *mut VmContext,
    f: &FuncCode,
    fp: *mut RawVal,
    cells_end: *mut RawVal,
    at: u32,
    target: u32,
) -> Tiered {
    let spot = if target == NO_LOOP {
        HotSpot::Call
    } else {
        HotSpot::Loop {
            target,
            here: (at != NO_LOOP && at != FUNC_ENTRY).then_some(at),
            single_call: f.calls.load(Ordering::Relaxed) <= 1,
        }
    };
    // SAFETY: guaranteed by the caller.
    unsafe {
        match vm::tier_up(vmctx, f.func_index, spot) {
            TierUpAction::Continue { budget, arm } => {
                f.budget.store(budget, Ordering::Relaxed);
                if let Some(arm) = arm {
                    f.armed.store(arm, Ordering::Relaxed);
                }
                Tiered::Stay
            }
            TierUpAction::Osr(entry) => {
                // The frame moves to compiled code, which runs the rest of
                // the function (RFC 0007): the state is this frame's locals
                // and the loop's parameters, in place; the results come back
                // past the frame.
                let values = fp.add(f.max_slots as usize);
                let len = (f.num_results as usize).max(1);
                if (cells_end.offset_from(values) as usize) < len {
                    f.budget.store(i32::MAX, Ordering::Relaxed);
                    return Tiered::Stay;
                }
                *values = RawVal([fp as u64, 0]);
                let callee = *(*vmctx).funcs.add(f.func_index as usize);
                if !(entry.call)(&entry, callee, vmctx, values, len) {
                    return Tiered::Failed;
                }
                ptr::copy_nonoverlapping(values, fp, f.num_results as usize);
                Tiered::Returned
            }
        }
    }
}

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
// (Inlined into its one caller, the array-call entry: a call from the
// host runs one function level fewer.)
#[inline(always)]
pub(crate) unsafe fn run(stack: &mut Stack, vmctx: *mut VmContext, func: &FuncCode, offered: bool) -> bool {
    // SAFETY: guaranteed by the caller; `cx` describes the live frames of
    // this activation throughout.
    unsafe {
        let module: *const InterpModule = vm::tier_code(vmctx, Tier::Interp).cast();
        let (mem_base, mem_len) = memory::load_mem0(vmctx);
        let mut cx = Cx {
            frames: &mut stack.frames,
            func,
            module,
            runtime: (*vmctx).runtime,
            cells_end: stack.cells.as_mut_ptr_range().end,
            max_depth: (*module).max_call_depth,
            lazy_entry: vm::lazy_array_call() as usize,
            offered,
            ip: func.ops.as_ptr(),
            fp: stack.cells.as_mut_ptr(),
            mem_base,
            mem_len,
            acc: 0,
            facc: 0.0,
            vmctx,
            fault: None,
        };
        // A failure that is a Wasm exception goes to the innermost handler
        // of this activation's frames (when one catches it), and the run
        // goes on there.
        loop {
            if execute(&mut cx) == Exit::Done {
                return true;
            }
            let fault = cx.fault.take().expect("a failed run leaves its fault");
            if !catch(&mut cx, &fault) {
                report((*cx.vmctx).runtime, fault, cx.func, cx.ip, cx.vmctx, &*cx.frames);
                return false;
            }
        }
    }
}

/// Moves the run to the handler that catches the pending exception of
/// `fault`, if there is one; `false` (and `cx` unchanged) if not.
///
/// # Safety
///
/// `cx` holds the state of a run that stopped with `fault`.
unsafe fn catch(cx: &mut Cx, fault: &Fault) -> bool {
    // SAFETY: guaranteed by the caller: the records and the current frame
    // are live frames of this activation.
    unsafe {
        let exn = match fault {
            Fault::Pending | Fault::PendingOwnFrame => libcalls::exn_pending(cx.vmctx),
            _ => ptr::null_mut(),
        };
        if exn.is_null() {
            return false;
        }
        // The handler: in the current frame (unless compiled code already
        // ran the rest of it), else in the innermost suspended caller that
        // has one. `depth` is the number of records kept.
        let frames = &mut *cx.frames;
        let tag = (*exn).tag;
        let mut handler = None;
        if !matches!(fault, Fault::PendingOwnFrame) {
            handler = find_catch(cx.func, cx.ip, cx.vmctx, tag).map(|c| (frames.len(), c));
        }
        if handler.is_none() {
            handler = (0..frames.len())
                .rev()
                .find_map(|i| find_catch(frames[i].func, frames[i].ip, frames[i].vmctx, tag).map(|c| (i, c)));
        }
        let Some((depth, catch)) = handler else {
            return false;
        };
        if depth < frames.len() {
            let r = frames[depth];
            frames.truncate(depth);
            cx.fp = r.fp;
            cx.func = r.func;
            if r.vmctx != cx.vmctx {
                cx.vmctx = r.vmctx;
                cx.module = vm::tier_code(cx.vmctx, Tier::Interp).cast();
            }
        }
        (cx.mem_base, cx.mem_len) = memory::load_mem0(cx.vmctx);
        let dst = cx.fp.add(catch.base as usize);
        let n = if catch.tag == CATCH_ALL { 0 } else { (*exn).len as usize };
        ptr::copy_nonoverlapping((*exn).values, dst, n);
        if catch.with_ref {
            *dst.add(n) = RawVal::from_ref(exn as u64);
        }
        libcalls::exn_catch(cx.vmctx, exn, catch.with_ref);
        cx.ip = (*cx.func).ops.as_ptr().add(catch.target as usize);
        true
    }
}

/// The handlers' generator (`handlers.rs`): one function per arm, each with the state in
/// the identifiers `state(...)` names (passed in so that the arms, written
/// at the call site, see them) and the helper macros of `prelude`.
macro_rules! define_handlers {
    (
        state($ip:ident, $fp:ident, $mem_base:ident, $cx:ident, $acc:ident, $facc:ident, $vmctx:ident, $func:ident,
              $module:ident, $frames:ident, $runtime:ident, $cells_end:ident, $max_depth:ident,
              $lazy_entry:ident, $offered:ident);
        prelude $prelude:tt
        $( Op::$name:ident $({ $($field:tt)* })? => $body:block $(,)? )*
    ) => {
        $(
            #[allow(
                non_snake_case,
                unused_mut,
                unused_variables,
                unused_assignments,
                unused_macros,
                unreachable_code,
                clippy::diverging_sub_expression,
                clippy::needless_return,
                clippy::never_loop,
                clippy::neg_cmp_op_on_partial_ord,
                reason = "every handler gets the same state and helpers, and uses some of them; \
                          the `BrF64Not*` ops negate a comparison on purpose (true when an operand is NaN)"
            )]
            pub(super) unsafe fn $name(
                mut $ip: *const Op,
                mut $fp: *mut RawVal,
                mut $mem_base: *mut u8,
                _: super::Free,
                $cx: *mut Cx,
                mut $acc: u64,
                mut $facc: f64,
            ) -> Exit {
                // SAFETY: the handler runs the op at `ip` of a live
                // activation whose state is in the arguments and `cx`; its
                // accesses are justified by the invariants in the module
                // docs of `exec`.
                unsafe {
                    let Op::$name $({ $($field)* })? = *$ip else {
                        // The table maps each tag to its own op's handler.
                        std::hint::unreachable_unchecked()
                    };
                    $ip = $ip.add(1);
                    let mut $vmctx: *mut VmContext = (*$cx).vmctx;
                    let mut $func: *const FuncCode = (*$cx).func;
                    let mut $module: *const InterpModule = (*$cx).module;
                    let $frames: &mut Vec<FrameRecord> = &mut *(*$cx).frames;
                    let $runtime = (*$cx).runtime;
                    let $cells_end = (*$cx).cells_end;
                    let $max_depth = (*$cx).max_depth;
                    let $lazy_entry = (*$cx).lazy_entry;
                    let $offered = (*$cx).offered;
                    // Goes on with the op at `ip`.
                    macro_rules! dispatch {
                        () => {
                            return super::go_on($ip, $fp, $mem_base, $cx, $acc, $facc)
                        };
                    }
                    super::unbrace!($prelude);
                    // An arm leaves the loop (`break`) only when the
                    // activation returned; failures leave through `exit_*`.
                    loop {
                        $body
                        dispatch!();
                    }
                    Exit::Done
                }
            }
        )*
    };
}
use define_handlers;

/// Expands to the tokens inside a `{ ... }` group (the handlers' prelude,
/// whose macros stay in scope after it).
macro_rules! unbrace {
    ({ $($tokens:tt)* }) => { $($tokens)* };
}
use unbrace;

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

    /// Every handler goes on to the next op by jumping to its handler
    /// (a sibling call), never by calling it: a call would leave a stack
    /// frame behind per op run, and a long enough run would overflow the
    /// host stack. The compiler does not promise sibling calls, so this
    /// reads the machine code of every handler in this build: each
    /// indirect branch through [`super::HANDLERS`] (or to an address
    /// loaded from it) must be a `jmp`, and every handler of an op that
    /// can go on must have one.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn handlers_chain_by_jumps() {
        use super::{HANDLERS, TAIL_DISPATCH};
        use crate::ir::Op;
        use iced_x86::{
            Decoder, DecoderOptions, FlowControl, InstructionInfoFactory, Mnemonic, OpAccess, OpKind, Register,
        };
        if !TAIL_DISPATCH {
            return;
        }
        let table = HANDLERS.as_ptr() as u64;
        let mut starts: Vec<u64> = HANDLERS.iter().map(|h| *h as usize as u64).collect();
        starts.push(super::run as *const () as u64);
        starts.sort_unstable();
        starts.dedup();
        // Ops whose handler always ends the run.
        let final_ops = ["Trap", "Throw", "ThrowRef"];
        let mut failures = Vec::new();
        for (tag, handler) in HANDLERS.iter().enumerate() {
            let name = Op::NAMES[tag];
            let start = *handler as usize as u64;
            let end = starts
                .iter()
                .copied()
                .find(|&a| a > start)
                .unwrap_or(start + 4096)
                .min(start + 16384);
            // SAFETY: the range is the handler's machine code, up to the
            // next function this test knows (at most 16 KiB), mapped
            // readable in this process's text segment.
            let code = unsafe { std::slice::from_raw_parts(start as *const u8, (end - start) as usize) };
            let mut decoder = Decoder::with_ip(64, code, start, DecoderOptions::NONE);
            // Registers that hold the table's address (from a `lea`, or
            // copied from one that does).
            let mut table_regs: Vec<Register> = Vec::new();
            // Registers that hold a handler's address, loaded from the table
            // (or copied from one that does).
            let mut handler_regs: Vec<Register> = Vec::new();
            let mut jumps = 0;
            let mut info = InstructionInfoFactory::new();
            for ins in &mut decoder {
                let uses_table = (0..ins.op_count()).any(|i| ins.op_kind(i) == OpKind::Memory)
                    && table_regs.contains(&ins.memory_base().full_register());
                let is_move = ins.mnemonic() == Mnemonic::Mov && ins.op_count() == 2;
                let loads_handler = uses_table && is_move && ins.op0_kind() == OpKind::Register;
                let reg_operand = (ins.op_count() == 1 && ins.op0_kind() == OpKind::Register)
                    .then(|| ins.op0_register().full_register());
                if uses_table && !loads_handler {
                    if ins.flow_control() == FlowControl::IndirectBranch {
                        jumps += 1;
                    } else {
                        failures.push(format!(
                            "{name}: `{ins}` at {:#x} uses the table, not by a jump",
                            ins.ip()
                        ));
                    }
                } else if let Some(reg) = reg_operand
                    && handler_regs.contains(&reg)
                {
                    if ins.flow_control() == FlowControl::IndirectBranch {
                        jumps += 1;
                    } else {
                        failures.push(format!(
                            "{name}: `{ins}` at {:#x} uses a handler's address, not by a jump",
                            ins.ip()
                        ));
                    }
                }
                let copies = |regs: &Vec<Register>| {
                    is_move && ins.op1_kind() == OpKind::Register && regs.contains(&ins.op1_register().full_register())
                };
                let copies_table = copies(&table_regs);
                let copies_handler = copies(&handler_regs);
                let loads_table = ins.mnemonic() == Mnemonic::Lea
                    && ins.is_ip_rel_memory_operand()
                    && ins.ip_rel_memory_address() == table;
                for used in info.info(&ins).used_registers() {
                    if matches!(
                        used.access(),
                        OpAccess::Write | OpAccess::CondWrite | OpAccess::ReadWrite
                    ) {
                        table_regs.retain(|r| *r != used.register().full_register());
                        handler_regs.retain(|r| *r != used.register().full_register());
                    }
                }
                if copies_table || loads_table {
                    table_regs.push(ins.op0_register().full_register());
                }
                if copies_handler || loads_handler {
                    handler_regs.push(ins.op0_register().full_register());
                }
                // The code after a jump or return is reached from elsewhere,
                // where the registers hold other values.
                if matches!(
                    ins.flow_control(),
                    FlowControl::UnconditionalBranch | FlowControl::IndirectBranch | FlowControl::Return
                ) {
                    table_regs.clear();
                    handler_regs.clear();
                }
            }
            if jumps == 0 && !final_ops.contains(&name) {
                failures.push(format!("{name}: no jump through the handler table"));
            }
        }
        assert!(
            failures.is_empty(),
            "handlers that do not chain by jumps:\n{}",
            failures.join("\n")
        );
    }
}
