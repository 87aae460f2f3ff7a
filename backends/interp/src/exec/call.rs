//! The array-call entry, the per-store value stack, and trap reporting.

use super::run;
use crate::InterpModule;
use crate::ir::{FuncCode, Op};
use concord_core::vm::stack::ZeroedCells;
use concord_core::vm::{self, VmContext, VmFuncRef, VmRuntime};
use concord_core::{CompileError, RawVal, Tier, Trap, TrapCode};

/// A suspended caller: where to resume when the callee returns.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FrameRecord {
    pub ip: *const Op,
    pub fp: *mut RawVal,
    pub func: *const FuncCode,
    pub vmctx: *mut VmContext,
}

/// The interpreter's stacks for one activation (one entry from outside).
///
/// `cells` is mapped once at its full size (`Config::max_wasm_stack`
/// bytes, zero pages that become resident only when touched) and never
/// resized, so raw pointers into it stay valid for the whole activation.
pub(crate) struct Stack {
    pub cells: ZeroedCells,
    pub frames: Vec<FrameRecord>,
}

// SAFETY: the raw pointers in `frames` are only meaningful during one
// activation on one thread; a `Stack` is stored (and may move between
// threads with its store) only with `frames` empty.
unsafe impl Send for Stack {}

impl Stack {
    fn new(cells: usize) -> Result<Box<Stack>, String> {
        Ok(Box::new(Stack {
            cells: ZeroedCells::new(cells)?,
            frames: Vec::with_capacity(64),
        }))
    }
}

/// The stacks of finished activations of one store, kept in the core's
/// backend scratch slot for the next entries. A nested entry (machine code
/// calling back into the interpreter while an interpreted activation is
/// live) takes its own stack from here too, so calls across tiers do not
/// map a new stack each time.
#[expect(
    clippy::vec_box,
    reason = "a stack moves in and out of the pool as a `Box`, without copying"
)]
pub(crate) struct StackPool(Vec<Box<Stack>>);

/// Stacks kept per store beyond the ones in use.
const POOLED_STACKS: usize = 4;

/// Why execution stopped abnormally.
#[derive(Debug)]
pub(crate) enum Fault {
    /// A trap raised by this activation.
    Code(TrapCode),
    /// A callee reported a trap that is pending in the store.
    Pending,
    /// The compiled continuation of the current frame (OSR) reported a
    /// trap whose backtrace already has the current function's frame.
    PendingOwnFrame,
    /// A function failed to translate on its first call.
    Compile(CompileError),
}

/// Raises `fault` with the backtrace of this activation: the current
/// frame, stopped at the op before `ip`, then the suspended callers, each
/// at its call (the op before its record's `ip`), innermost first.
///
/// # Safety
///
/// `runtime` is the executing store's runtime; `func`/`vmctx` and every
/// record are live frames of this activation; `ip` points into `func`'s
/// ops or one past them.
pub(crate) unsafe fn report(
    runtime: *mut VmRuntime,
    fault: Fault,
    func: *const FuncCode,
    ip: *const Op,
    vmctx: *mut VmContext,
    frames: &[FrameRecord],
) {
    let own_frame = !matches!(fault, Fault::PendingOwnFrame);
    let pending = match fault {
        Fault::Code(code) => Some(Trap::new(code)),
        Fault::Compile(e) => Some(Trap::with_message(TrapCode::CompileError, e.to_string())),
        // SAFETY: guaranteed by the caller.
        Fault::Pending | Fault::PendingOwnFrame => unsafe { vm::take_trap(runtime) }.map(|t| *t),
    };
    let Some(mut trap) = pending else {
        // Nothing recorded (cannot happen for a well-behaved callee): the
        // core reports the missing trap itself.
        return;
    };
    let frame = |func: *const FuncCode, ip: *const Op, vmctx: *mut VmContext| {
        // SAFETY: live frames have live functions and contexts, and their
        // `ip` is in or one past their function's ops.
        unsafe {
            let code = &*func;
            let at = ip.offset_from(code.ops.as_ptr()) - 1;
            let offset = usize::try_from(at).ok().and_then(|at| code.offsets.get(at)).copied();
            vm::frame_info(vmctx, code.func_index, offset)
        }
    };
    if own_frame {
        trap.push_frame(frame(func, ip, vmctx));
    }
    for r in frames.iter().rev() {
        trap.push_frame(frame(r.func, r.ip, r.vmctx));
    }
    // SAFETY: guaranteed by the caller.
    unsafe { vm::raise(runtime, trap) };
}

/// The array-call entry of every interpreted function.
///
/// # Safety
///
/// Per [`concord_core::vm::ArrayCallFn`]: `callee` is the live `VmFuncRef`
/// of a function defined by a module this tier compiled, so its context's
/// `code` is our [`InterpModule`]; `values` holds `len >= max(params,
/// results)` cells.
pub(crate) unsafe extern "C" fn array_call(
    callee: *const VmFuncRef,
    _caller_vmctx: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    // SAFETY: per the function contract, the callee, its context and the
    // context's artifact (kept alive by the instance's module) are live.
    let (vmctx, module, func_index) = unsafe {
        let vmctx = (*callee).vmctx;
        (
            vmctx,
            &*(vm::tier_code(vmctx, Tier::Interp) as *const InterpModule),
            (*callee).func_index,
        )
    };
    // SAFETY: as above.
    let runtime = unsafe { (*vmctx).runtime };
    let def = func_index - module.info.num_imported_funcs;
    let func = match module.code(def) {
        Ok(f) => f,
        Err(e) => {
            let mut trap = Trap::with_message(TrapCode::CompileError, e.to_string());
            // SAFETY: the store of `runtime` is executing on this thread;
            // `vmctx` is live (above).
            unsafe {
                trap.push_frame(vm::frame_info(vmctx, func_index, None));
                vm::raise(runtime, trap);
            }
            return false;
        }
    };
    let cells = module.stack_cells.max(1);
    // SAFETY: as above; the reference into the store's slot is not held
    // across anything that touches the store.
    let pool: *mut StackPool = unsafe { stack_pool(runtime) };
    // SAFETY: the pool lives in the store's scratch slot, which only this
    // function sets (when empty), so it stays at this address for the whole
    // activation; nested entries pop and push within it and have finished
    // by the time we use it again below.
    let pooled = unsafe { (*pool).0.pop() };
    let mut stack = match pooled.filter(|s| s.cells.len() == cells) {
        Some(s) => s,
        None => match Stack::new(cells) {
            Ok(s) => s,
            Err(e) => {
                let mut trap = Trap::with_message(TrapCode::StackOverflow, e);
                // SAFETY: as above.
                unsafe {
                    trap.push_frame(vm::frame_info(vmctx, func_index, module.info.body_offset(def)));
                    vm::raise(runtime, trap);
                }
                return false;
            }
        },
    };
    let n_params = func.num_params as usize;
    let ok = if func.max_slots as usize > stack.cells.len() || n_params > len {
        let mut trap = Trap::new(TrapCode::StackOverflow);
        // SAFETY: as above.
        unsafe {
            trap.push_frame(vm::frame_info(vmctx, func_index, module.info.body_offset(def)));
            vm::raise(runtime, trap);
        }
        false
    } else {
        let cells = stack.cells.as_mut_ptr();
        // SAFETY: `values` holds the arguments in its first `n_params`
        // cells; the frame (`max_slots` cells, at least the locals) fits in
        // `cells`, checked above.
        unsafe {
            copy_cells(values, cells, n_params);
            let zeroed = (func.local_cells - func.zero_start) as usize;
            if zeroed > 0 {
                std::ptr::write_bytes(cells.add(func.zero_start as usize), 0, zeroed);
            }
        }
        // A caller that offered to finish a tail call (RFC 0008) may get
        // one, of any type, with the arguments in `VmRuntime::tail_args`.
        // SAFETY: the runtime is live (above); the offer is taken here.
        let offered = unsafe {
            let offered = (*runtime).tail_accept == callee;
            (*runtime).tail_accept = std::ptr::null();
            offered
        };
        // SAFETY: the frame is set up as `run` requires.
        let ok = unsafe { run(&mut stack, vmctx, func, offered) };
        // SAFETY: the runtime is live (above).
        let handed_back = unsafe { !(*runtime).tail_callee.is_null() };
        if ok && !handed_back {
            // SAFETY: the results are in the first cells of the frame, and
            // the caller made room for them in `values`.
            unsafe { copy_cells(cells, values, func.num_results as usize) };
        }
        ok
    };
    stack.frames.clear();
    // SAFETY: see where `pool` is taken; the nested activations (if any)
    // have finished.
    unsafe {
        if (*pool).0.len() < POOLED_STACKS {
            (*pool).0.push(stack);
        }
    }
    ok
}

/// The store's pool of value stacks, created on first use.
///
/// # Safety
///
/// `runtime` is the runtime of a store executing on this thread; the
/// pointer is valid until the store's scratch slot is replaced (only
/// [`array_call`] sets it, when it is empty).
#[inline]
unsafe fn stack_pool(runtime: *mut VmRuntime) -> *mut StackPool {
    // SAFETY: guaranteed by the caller.
    let scratch = unsafe { vm::backend_scratch(runtime) };
    if let Some(pool) = scratch.as_mut().and_then(|b| b.downcast_mut::<StackPool>()) {
        return pool;
    }
    let mut pool = Box::new(StackPool(Vec::new()));
    // The heap allocation does not move with the box.
    let ptr: *mut StackPool = &mut *pool;
    *scratch = Some(pool);
    ptr
}

/// Copies `n` cells from `src` to `dst`: inline for the few arguments and
/// results of most calls, `memcpy` beyond.
///
/// # Safety
///
/// `src` and `dst` are valid for `n` cells and do not overlap.
#[inline(always)]
unsafe fn copy_cells(src: *const RawVal, dst: *mut RawVal, n: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        match n {
            0 => {}
            1 => *dst = *src,
            2 => {
                *dst = *src;
                *dst.add(1) = *src.add(1);
            }
            _ => std::ptr::copy_nonoverlapping(src, dst, n),
        }
    }
}

/// Whether an entry's array call (its address) is the interpreter's: the
/// function's frames can be pushed in the running activation instead of a
/// nested entry.
#[inline(always)]
pub(crate) fn is_interpreted(array_call_addr: usize) -> bool {
    array_call_addr == array_call as vm::ArrayCallFn as usize
}
