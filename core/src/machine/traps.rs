//! Catching traps raised by machine code, whichever tier emitted it.
//!
//! Compiled code traps in three ways: an explicit trap instruction (`ud2`,
//! SIGILL), a fault on a guard page (SIGSEGV/SIGBUS), or a hardware divide
//! error (SIGFPE). Each such instruction's offset is recorded with its
//! [`TrapSite`] (a concord [`TrapCode`], or "propagate") in the
//! per-function trap tables of the global code registry ([`CodeMap`]).
//!
//! Every entry into compiled code goes through [`call`], which records an
//! [`Activation`] (the stack pointer and a landing address inside the naked
//! `enter` routine) in a thread-local list. When a signal arrives with a pc
//! in registered code and an activation is live on this thread, the handler
//! looks up the trap code, walks the frame-pointer chain to collect the
//! Wasm frames (into the activation, no allocation), and rewrites the
//! signal context so that returning from the handler resumes at the landing
//! address with the activation's stack pointer: `enter` then restores the
//! callee-saved registers it pushed and returns 0. No Rust frame is ever
//! skipped (only generated frames lie between `enter` and the fault), and
//! the signal mask is restored by the kernel on return from the handler.
//! Any other signal goes to the handler that was installed before ours.

use crate::instance::Instance;
use crate::module::ModuleInfo;
use crate::store::StoreOpaque;
use crate::trap::{Trap, TrapCode};
use crate::values::RawVal;
use crate::vm::{self, VmContext, VmFuncRef, VmRuntime};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::mem::MaybeUninit;
use std::ops::Bound;
use std::sync::{Arc, Once, RwLock};

/// What a trapping instruction reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrapSite {
    /// A trap with this code.
    Code(TrapCode),
    /// A callee (array call, runtime helper) already raised the trap in the
    /// store; this tier only adds its frames to the backtrace.
    Propagate,
}

/// What a range of registered code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// Wasm function `func_index` of the module.
    Wasm(u32),
    /// An adapter from the Wasm convention to an array call.
    Adapter,
    /// An array-call entry trampoline: the outermost generated frame.
    Entry,
}

/// One function's code within a [`CodeMap`].
#[derive(Debug)]
pub struct FuncCode {
    /// Offset of the first byte, from the code base.
    pub start: u32,
    /// Offset past the last byte.
    pub end: u32,
    /// What the code is.
    pub kind: CodeKind,
    /// `(offset from start, site)`, sorted by offset.
    pub traps: Vec<(u32, TrapSite)>,
    /// Where the code comes from in the module's binary, for backtraces:
    /// `(offset from start, byte offset of a Wasm instruction in the
    /// binary, or [`NO_WASM_OFFSET`])`, sorted by the first; each entry
    /// covers the code up to the next one's (the last, up to the end).
    /// Empty for glue.
    pub offsets: Vec<(u32, u32)>,
}

/// In [`FuncCode::offsets`]: code that no Wasm instruction can be named
/// for.
pub const NO_WASM_OFFSET: u32 = u32::MAX;

impl FuncCode {
    /// The byte offset in the module's binary of the Wasm instruction the
    /// code at `off` (from the function's start) was made for, if known.
    pub fn wasm_offset(&self, off: u32) -> Option<u32> {
        let i = self.offsets.partition_point(|e| e.0 <= off).checked_sub(1)?;
        let at = self.offsets[i].1;
        (at != NO_WASM_OFFSET).then_some(at)
    }
}

/// The code of one module, as the signal handler and backtraces see it.
#[derive(Debug)]
pub struct CodeMap {
    /// Address of the first byte.
    pub base: usize,
    /// Bytes covered.
    pub len: usize,
    /// Sorted by `start`, non-overlapping.
    pub funcs: Vec<FuncCode>,
    /// The module the code belongs to (names for backtraces).
    pub info: Arc<ModuleInfo>,
}

impl CodeMap {
    fn func_at(&self, pc: usize) -> Option<&FuncCode> {
        let off = u32::try_from(pc.checked_sub(self.base)?).ok()?;
        let i = self.funcs.partition_point(|f| f.start <= off).checked_sub(1)?;
        let f = &self.funcs[i];
        (off < f.end).then_some(f)
    }

    fn trap_at(&self, pc: usize) -> Option<TrapSite> {
        let f = self.func_at(pc)?;
        let off = (pc - self.base) as u32 - f.start;
        let i = f.traps.binary_search_by_key(&off, |t| t.0).ok()?;
        Some(f.traps[i].1)
    }
}

/// Every live module's code, by end address.
static REGISTRY: RwLock<BTreeMap<usize, Arc<CodeMap>>> = RwLock::new(BTreeMap::new());

/// Makes `map`'s code known to the signal handler (installing it on first
/// use). The code must stay mapped until [`unregister`].
pub fn register(map: Arc<CodeMap>) {
    install_handlers();
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    reg.insert(map.base + map.len, map);
}

/// Forgets the code at `base..base + len`.
pub fn unregister(base: usize, len: usize) {
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    reg.remove(&(base + len));
}

fn lookup(pc: usize) -> Option<Arc<CodeMap>> {
    let reg = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
    let (_, map) = reg.range((Bound::Excluded(pc), Bound::Unbounded)).next()?;
    (map.base <= pc).then(|| map.clone())
}

/// Wasm frames kept per trap (innermost first); deeper ones are dropped.
const MAX_FRAMES: usize = 128;

/// A live entry into compiled code. The first two fields are written by
/// `enter` (offsets 0 and 8), the third read by it (offset 16).
#[repr(C)]
struct Activation {
    /// Stack pointer inside `enter` after it saved the callee-saved registers.
    sp: usize,
    /// Where `enter` resumes (returning 0) after a trap.
    landing: usize,
    /// The code the entry trampoline runs, passed to it as its fifth
    /// argument (see [`call`]).
    target: usize,
    /// The enclosing activation on this thread.
    prev: *mut Activation,
    /// Set by the handler: what the trapping instruction reports.
    code: Option<TrapSite>,
    /// Where the handler writes the pcs of the Wasm frames, innermost
    /// first: `MAX_FRAMES` slots in `call`'s frame, of which the first
    /// `nframes` are initialized. (A separate local rather than an array
    /// field: LLVM merges an uninitialized array next to zeroed fields into
    /// one `memset` of the whole struct, a kilobyte per entry.)
    frames: *mut MaybeUninit<usize>,
    nframes: usize,
}

thread_local! {
    static CURRENT: Cell<*mut Activation> = const { Cell::new(std::ptr::null_mut()) };
}

/// Calls `entry(callee, caller, values, len, target)` (a generated entry
/// trampoline: the array-call convention plus the address of the compiled
/// function it runs), turning a trap into a [`Trap`] raised in the store
/// with this tier's frames, and `false`.
///
/// The trampoline runs `target`, the code of the tier whose array call is
/// running, rather than reading the function's current native entry: the
/// entry may have been swapped in between, even to a tier without one
/// (RFC 0006).
///
/// # Safety
///
/// `entry` is published code whose signature is the array call's with a
/// fifth pointer argument, and whose outermost frame is registered as
/// [`CodeKind::Entry`]; `target` is published code of the function of
/// `callee` in the convention `entry` expects; the arguments satisfy
/// [`crate::vm::ArrayCallFn`]'s contract for that function.
pub unsafe fn call(
    entry: usize,
    target: usize,
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    let mut frames = [MaybeUninit::<usize>::uninit(); MAX_FRAMES];
    let mut act = Activation {
        sp: 0,
        landing: 0,
        target,
        prev: CURRENT.get(),
        code: None,
        frames: frames.as_mut_ptr(),
        nframes: 0,
    };
    let act_ptr: *mut Activation = &mut act;
    CURRENT.set(act_ptr);
    // SAFETY: `enter` follows the C convention and calls `entry` with the
    // remaining arguments (guaranteed valid by the caller); `act` outlives
    // the call and is accessed only through `act_ptr` until it returns.
    let ok = unsafe { enter(act_ptr, entry, callee, caller, values, len) };
    CURRENT.set(act.prev);
    if ok {
        return true;
    }
    // SAFETY: `callee` is live (caller's contract), and so are its instance
    // and the store's runtime while this call runs.
    let runtime: *mut VmRuntime = unsafe { (*(*callee).vmctx).runtime };
    let trap = match act.code {
        Some(TrapSite::Code(code)) => Some(Trap::new(code)),
        // SAFETY: as above.
        Some(TrapSite::Propagate) | None => unsafe { vm::take_trap(runtime) }.map(|t| *t),
    };
    // A propagated failure with nothing pending is a host error (kept in the
    // store by the core): return `false` with it untouched.
    if let Some(mut trap) = trap {
        // SAFETY: as above: the store is live, and reached only here while
        // this thread handles the trap.
        let store = unsafe { &*((*runtime).store as *const StoreOpaque) };
        // The instance of the last module looked up (frames of one module
        // come in runs).
        let mut instance: Option<(*const ModuleInfo, Option<Instance>)> = None;
        for pc in &frames[..act.nframes] {
            // SAFETY: the handler initialized the first `nframes` entries.
            let pc = unsafe { pc.assume_init() };
            if let Some(map) = lookup(pc)
                && let Some(
                    f @ FuncCode {
                        kind: CodeKind::Wasm(index),
                        ..
                    },
                ) = map.func_at(pc)
            {
                // `pc` is the trapping instruction, or inside a call (a
                // return address less one).
                let offset = f.wasm_offset((pc - map.base) as u32 - f.start);
                let mut frame = map.info.frame_info_at(*index, offset);
                frame.instance = match instance {
                    Some((info, found)) if std::ptr::eq(info, Arc::as_ptr(&map.info)) => found,
                    _ => {
                        let found = crate::instance::sole_instance_of(store, &map.info);
                        instance = Some((Arc::as_ptr(&map.info), found));
                        found
                    }
                };
                trap.push_frame(frame);
            }
        }
        // SAFETY: as above.
        unsafe { vm::raise(runtime, trap) };
    }
    false
}

/// Saves the callee-saved registers, records the stack pointer and landing
/// address in `act`, and calls `entry(callee, caller, values, len,
/// act.target)`. Returns
/// its `bool` result, or `false` when the signal handler resumed execution
/// at the landing address after a trap.
#[cfg(all(target_arch = "x86_64", unix))]
#[unsafe(naked)]
unsafe extern "C" fn enter(
    act: *mut Activation,
    entry: usize,
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    std::arch::naked_asm!(
        "push rbp",
        "mov rbp, rsp",
        "push rbx",
        "push r12",
        "push r13",
        "push r14",
        "push r15",
        // Keep the stack 16-byte aligned at the call below.
        "sub rsp, 8",
        "mov [rdi], rsp",
        "lea rax, [rip + 2f]",
        "mov [rdi + 8], rax",
        "mov rax, rsi",
        "mov r10, rdi",
        "mov rdi, rdx",
        "mov rsi, rcx",
        "mov rdx, r8",
        "mov rcx, r9",
        "mov r8, [r10 + 16]",
        "call rax",
        "movzx eax, al",
        "jmp 3f",
        "2:",
        "xor eax, eax",
        "3:",
        "add rsp, 8",
        "pop r15",
        "pop r14",
        "pop r13",
        "pop r12",
        "pop rbx",
        "pop rbp",
        "ret",
    )
}

/// Unwinds to the innermost activation exactly as a trap at a
/// [`TrapSite::Propagate`] site would, without the signal: generated code
/// that has raised a failure in the store calls it (C convention, its
/// `vmctx` as the only argument, ignored) in place of its propagate trap,
/// and it never returns. The Wasm frames from the caller outwards are
/// recorded as the signal handler records them, then the activation's
/// `enter` resumes at its landing (returning 0).
///
/// # Safety
///
/// Called only from generated code that keeps frame pointers, running
/// inside an activation of this thread (every entry into generated code is
/// one, see [`call`]), with the failure already raised in the store.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[unsafe(naked)]
pub unsafe extern "C" fn propagate_now(_vmctx: *mut VmContext) -> ! {
    std::arch::naked_asm!(
        // The return address (in the caller's code) and the caller's
        // frame pointer, untouched since the call.
        "mov rdi, [rsp]",
        "mov rsi, rbp",
        "jmp {unwind}",
        unwind = sym unwind_from,
    )
}

/// The body of [`propagate_now`]: records the frames from the call at
/// `ret` (a return address) with frame pointer `fp`, then resumes the
/// activation. Holds nothing that needs dropping when it leaves.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
unsafe extern "C" fn unwind_from(ret: usize, fp: usize) -> ! {
    let act = CURRENT.get();
    if act.is_null() {
        // Generated code runs only inside an activation.
        std::process::abort();
    }
    // SAFETY: the activation is live (it is popped only when `call`
    // returns, which it has not); the frame-pointer chain from `fp` up to
    // the activation consists of generated frames that keep frame
    // pointers (the caller's contract), so each `[fp]`/`[fp + 8]` read is
    // of live stack, as in the signal handler.
    let (sp, landing) = unsafe {
        let act = &mut *act;
        act.code = Some(TrapSite::Propagate);
        act.nframes = 0;
        // Inside the call instruction, so the caller maps to itself.
        let mut pc = ret.wrapping_sub(1);
        let mut fp = fp;
        loop {
            let kind = lookup(pc).and_then(|m| m.func_at(pc).map(|f| f.kind));
            match kind {
                Some(CodeKind::Wasm(_)) => {
                    if act.nframes < MAX_FRAMES {
                        act.frames.add(act.nframes).write(MaybeUninit::new(pc));
                        act.nframes += 1;
                    }
                }
                Some(CodeKind::Adapter) => {}
                Some(CodeKind::Entry) | None => break,
            }
            if fp == 0 || fp >= act.sp + 64 {
                break;
            }
            pc = (*((fp + 8) as *const usize)).wrapping_sub(1);
            fp = *(fp as *const usize);
        }
        (act.sp, act.landing)
    };
    // SAFETY: `sp` and `landing` are the activation's, recorded by
    // `enter`, whose frame is live below every frame this abandons (the
    // generated ones, and this function's, which holds nothing to drop).
    unsafe { resume(sp, landing) }
}

/// Continues at `landing` with the stack pointer `sp`.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[unsafe(naked)]
unsafe extern "C" fn resume(_sp: usize, _landing: usize) -> ! {
    std::arch::naked_asm!("mov rsp, rdi", "jmp rsi")
}

/// Whether this build can run machine code (catch its traps).
pub const SUPPORTED: bool = cfg!(all(target_arch = "x86_64", target_os = "linux"));

const SIGNALS: [libc::c_int; 4] = [libc::SIGSEGV, libc::SIGBUS, libc::SIGILL, libc::SIGFPE];

/// The handlers that were installed before ours, by index in [`SIGNALS`].
static mut PREVIOUS: [MaybeUninit<libc::sigaction>; 4] = [MaybeUninit::uninit(); 4];

fn install_handlers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (i, &sig) in SIGNALS.iter().enumerate() {
            // SAFETY: `sa` is fully initialized before use; `PREVIOUS[i]`
            // is written once, here, before our handler can run (the handler
            // is installed by this same call and reads it only afterwards).
            unsafe {
                let mut sa: libc::sigaction = std::mem::zeroed();
                sa.sa_sigaction = handler as *const () as usize;
                sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
                libc::sigemptyset(&mut sa.sa_mask);
                let prev = (&raw mut PREVIOUS[i]).cast::<libc::sigaction>();
                if libc::sigaction(sig, &sa, prev) != 0 {
                    panic!("cannot install the signal handler for signal {sig}");
                }
            }
        }
    });
}

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
unsafe extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid `ucontext_t` to an SA_SIGINFO
    // handler; `CURRENT` is a const-initialized thread local without
    // destructor (a plain TLS read); an activation in the list is live (it
    // is popped before `call` returns); the frame-pointer chain below the
    // activation consists of generated frames, all of which keep frame
    // pointers, so each `[fp]`/`[fp + 8]` read is of live stack.
    unsafe {
        let uc = ctx.cast::<libc::ucontext_t>();
        let gregs = &mut (*uc).uc_mcontext.gregs;
        let pc = gregs[libc::REG_RIP as usize] as usize;
        let act = CURRENT.get();
        if !act.is_null()
            && let Some(map) = lookup(pc)
            && let Some(code) = map.trap_at(pc)
        {
            let act = &mut *act;
            act.code = Some(code);
            act.nframes = 0;
            let mut pc = pc;
            let mut fp = gregs[libc::REG_RBP as usize] as usize;
            let mut map = Some(map);
            loop {
                let kind = map.as_ref().and_then(|m| m.func_at(pc)).map(|f| f.kind);
                match kind {
                    Some(CodeKind::Wasm(_)) => {
                        if act.nframes < MAX_FRAMES {
                            // `frames` has `MAX_FRAMES` slots (see `call`).
                            act.frames.add(act.nframes).write(MaybeUninit::new(pc));
                            act.nframes += 1;
                        }
                    }
                    Some(CodeKind::Adapter) => {}
                    Some(CodeKind::Entry) | None => break,
                }
                if fp == 0 || fp >= act.sp + 64 {
                    break;
                }
                // The return address, less one: inside the call instruction,
                // so a call that ends its function maps to that function.
                pc = (*((fp + 8) as *const usize)).wrapping_sub(1);
                fp = *(fp as *const usize);
                map = lookup(pc);
            }
            gregs[libc::REG_RIP as usize] = act.landing as i64;
            gregs[libc::REG_RSP as usize] = act.sp as i64;
            return;
        }
        forward(sig, info, ctx);
    }
}

#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
unsafe extern "C" fn handler(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: as for `forward`.
    unsafe { forward(sig, info, ctx) }
}

/// Passes a signal that is not ours to the handler installed before.
unsafe fn forward(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    let Some(i) = SIGNALS.iter().position(|&s| s == sig) else {
        return;
    };
    // SAFETY: `PREVIOUS[i]` was initialized before this handler was
    // installed and is never written again.
    unsafe {
        let prev = &*(&raw const PREVIOUS[i]).cast::<libc::sigaction>();
        if prev.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                std::mem::transmute(prev.sa_sigaction);
            f(sig, info, ctx);
        } else if prev.sa_sigaction == libc::SIG_DFL || prev.sa_sigaction == libc::SIG_IGN {
            // Restore the default action; the faulting instruction runs
            // again on return and terminates the process as it would have.
            libc::sigaction(sig, prev, std::ptr::null_mut());
        } else {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(prev.sa_sigaction);
            f(sig);
        }
    }
}
