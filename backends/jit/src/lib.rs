//! The single-pass JIT tier of concord: x86-64 machine code in one pass
//! over a function's validated operators, encoded with `dynasmrt`.
//!
//! # Design
//!
//! The tier implements the core's per-function contract
//! (`concord_core::backend`). `compile_function` walks a function body
//! once (`codegen`), keeping an abstract operand stack whose entries are
//! registers, constants (folded into instructions as immediates) or
//! values spilled to their home slots in the frame; values are spilled at
//! control-flow merges and calls (the design of V8's Liftoff and wasmtime's
//! Winch). The result is position-independent code plus its trap table;
//! `publish` copies a batch into one [`CodeMemory`], makes it executable
//! and registers it with the core's trap handler. There are no relocations:
//! runtime helpers are called through absolute addresses loaded as
//! immediates, and everything else is reached through the instance's
//! `VmContext`.
//!
//! Every operator of Wasm 2.0 is compiled, fixed-width SIMD included
//! (`codegen/simd.rs`, on SSE4.1 with SSSE3: no AVX), and relaxed SIMD, with
//! the results of `Config::relaxed_simd_deterministic`'s mode: the default
//! mode's are those of the SSE instructions themselves (`pshufb`,
//! `cvttps2dq`, `pmulhrsw`, `pmaddubsw`, `minps`), and multiply-adds are
//! unfused in both modes.
//!
//! # Conventions
//!
//! A function whose signature fits in registers (RFC 0006's native
//! convention: at most four integer and eight float parameters, at most
//! eight integer and eight float results) is compiled in that convention
//! and published with it as its `wasm_call`, so Cranelift code calls it
//! directly and it calls Cranelift code directly. Any other function is
//! compiled in the *wide* convention (RFC 0008, `Conv`): `rdi` = callee
//! context, `rsi` = caller context, `rdx` = the arguments as value cells,
//! which the prologue reads before anything else; the results in the
//! native convention's registers when they fit, else stored to the cells
//! at `rcx`. It is published as the entry's `wide_call` (a native function
//! gets a short wide entry after its code, which loads the registers and
//! jumps to it); other tiers call it through its array call and tail-call
//! it there. Calls this tier makes load the
//! callee's entry (`VmFuncRef::entry`): its `wasm_call` when there is one
//! and the signature fits, else its `array_call` with the arguments in
//! place in the caller's frame (the value-stack home slots are laid out as
//! cells).
//!
//! Every tail call to machine code is a jump that replaces the caller's
//! frame: in registers to a native-convention callee's `wasm_call`, and to
//! any other's `wide_call` (or code, in the batch) with the arguments in
//! `VmRuntime::tail_args` (the frame that held them is gone when the callee
//! reads them) and, for results in cells, the caller's own results cells.
//! Two types with the same results (as a tail call's are) have them in the
//! same place in both conventions, so any two functions can tail-call each
//! other.
//!
//! The array call of every function is [`array_entry`], which runs the
//! function's entry trampoline (one per signature and convention, made by
//! `prepare_module`) under `concord_core::machine::traps::call`.
//!
//! # Traps and limits
//!
//! Traps are `ud2` instructions (and, with guard pages, the faulting loads
//! and stores themselves) recorded in the function's trap table; the core's
//! signal handler turns them into Wasm traps with backtraces. Every
//! prologue checks the stack pointer against `VmRuntime::stack_limit`.
//! Fuel is charged per block by the core's rule (`concord_core::translate`).

#![allow(
    clippy::useless_conversion,
    reason = "dynasm! passes register operands through `.into()`"
)]

mod codegen;
mod emit;
mod trampolines;

use concord_core::backend::{Backend, CompileOptions, CompiledFunction, FuncEntryPoints, TierModule};
use concord_core::machine::code::CodeMemory;
use concord_core::machine::traps::{self, CodeKind, CodeMap, FuncCode};
use concord_core::module::ModuleInfo;
use concord_core::vm::{self, VmContext, VmFuncRef};
use concord_core::{CompileError, Config, FuncType, RawVal, Tier};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub use codegen::Options;
pub use emit::TrapTable;

/// Bytes of index space of a 32-bit memory.
const FOUR_GIB: u64 = 1 << 32;

/// The single-pass JIT tier.
#[derive(Clone, Debug)]
pub struct Jit {
    _private: (),
}

fn internal(what: impl std::fmt::Display) -> CompileError {
    CompileError::Internal(what.to_string())
}

impl Jit {
    /// The tier, for the host it runs on: x86-64 Linux with SSE4.1, SSSE3,
    /// POPCNT, LZCNT and BMI1 (x86-64 CPUs since 2013); elsewhere a
    /// [`CompileError::Unsupported`] error that says what is missing.
    pub fn new() -> Result<Jit, CompileError> {
        if !traps::SUPPORTED {
            return Err(CompileError::Unsupported {
                tier: "jit",
                what: "this host (the JIT emits x86-64 code and runs on x86-64 Linux only)".into(),
            });
        }
        #[cfg(target_arch = "x86_64")]
        {
            let missing: Vec<&str> = [
                ("ssse3", std::arch::is_x86_feature_detected!("ssse3")),
                ("sse4.1", std::arch::is_x86_feature_detected!("sse4.1")),
                ("popcnt", std::arch::is_x86_feature_detected!("popcnt")),
                ("lzcnt", std::arch::is_x86_feature_detected!("lzcnt")),
                ("bmi1", std::arch::is_x86_feature_detected!("bmi1")),
            ]
            .into_iter()
            .filter(|&(_, has)| !has)
            .map(|(name, _)| name)
            .collect();
            if !missing.is_empty() {
                return Err(CompileError::Unsupported {
                    tier: "jit",
                    what: format!("this CPU (it lacks {}, which the JIT requires)", missing.join(", ")),
                });
            }
        }
        Ok(Jit { _private: () })
    }

    /// The machine code of defined function `def` of `module` with `config`,
    /// for golden tests and review: `(code, trap table)`. With
    /// `direct_calls`, calls to the module's functions are `call rel32`
    /// with a zero displacement (patched only when code is placed).
    pub fn machine_code(
        &self,
        module: &ModuleInfo,
        def: u32,
        config: &Config,
        direct_calls: bool,
    ) -> Result<(Vec<u8>, TrapTable), CompileError> {
        let f = codegen::compile(module, def, &options(config), direct_calls)?;
        Ok((f.code, f.traps))
    }
}

fn options(config: &Config) -> Options {
    Options {
        fuel: config.consume_fuel,
        epoch: config.epoch_interruption,
        guard_bytes: config.memory_reservation.saturating_sub(FOUR_GIB),
        relaxed_simd_deterministic: config.relaxed_simd_deterministic,
    }
}

/// How this tier passes the values of a function type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Conv {
    /// Parameters and results in registers: RFC 0006's native convention,
    /// shared with Cranelift (published as the function's `wasm_call`).
    Native,
    /// The wide convention (RFC 0008, published as `wide_call`) with the
    /// results in the native convention's registers: `rdx` points to the
    /// arguments as value cells, which the prologue reads first.
    Args,
    /// The wide convention with the results in cells too: arguments at
    /// `rdx` (read first), results stored to the cells at `rcx`.
    Cells,
}

impl Conv {
    /// Whether the results come back in registers.
    pub(crate) fn results_in_registers(self) -> bool {
        self != Conv::Cells
    }
}

/// The convention of functions of type `ty`: the native one when all
/// parameters and results fit in its registers (at most four integer and
/// eight float parameters, eight of each kind of result), else a wide one.
/// Two types with the same results (a tail call's) have conventions with
/// the results in the same place.
pub(crate) fn convention(ty: &FuncType) -> Conv {
    use concord_core::machine::{native_params_fit, native_results_fit};
    match (native_params_fit(ty), native_results_fit(ty)) {
        (true, true) => Conv::Native,
        (false, true) => Conv::Args,
        (_, false) => Conv::Cells,
    }
}

/// Whether a function of type `ty` is compiled in the native convention
/// (all parameters and results in registers).
pub(crate) fn native_convention(ty: &FuncType) -> bool {
    convention(ty) == Conv::Native
}

impl Backend for Jit {
    fn tier(&self) -> Tier {
        Tier::Jit
    }

    fn lazy_by_default(&self) -> bool {
        false
    }

    fn prepare_module(&self, module: &Arc<ModuleInfo>, config: &Config) -> Result<Arc<dyn TierModule>, CompileError> {
        // One entry trampoline per type of a defined function.
        let n = module.num_defined_funcs() as usize;
        let mut units: Vec<Vec<u8>> = Vec::new();
        let mut entry_unit = vec![usize::MAX; module.types.len()];
        for def in 0..n {
            let t = module.funcs[module.num_imported_funcs as usize + def] as usize;
            if entry_unit[t] == usize::MAX {
                entry_unit[t] = units.len();
                units.push(trampolines::entry(&module.types[t]));
            }
        }
        let kinds = vec![CodeKind::Entry; units.len()];
        let traps = vec![Vec::new(); units.len()];
        let (glue, addrs) = link(module, &units, &kinds, &traps, &[], &[], &[])?;
        let entries = (0..n)
            .map(|def| {
                let t = module.funcs[module.num_imported_funcs as usize + def] as usize;
                addrs.get(entry_unit[t]).copied().unwrap_or(0)
            })
            .collect();
        Ok(Arc::new(JitModule {
            info: module.clone(),
            opts: options(config),
            entries,
            funcs: (0..n).map(|_| AtomicUsize::new(0)).collect(),
            code: Mutex::new(vec![glue]),
        }))
    }
}

/// The tier's state for one module: its entry trampolines, and the code of
/// every batch of functions published so far (freed with the module).
struct JitModule {
    info: Arc<ModuleInfo>,
    opts: Options,
    /// Address of each defined function's entry trampoline.
    entries: Box<[usize]>,
    /// Address of each defined function's latest code of this tier (0 until
    /// published), which `array_entry` runs.
    funcs: Box<[AtomicUsize]>,
    /// The trampolines, then each published batch.
    code: Mutex<Vec<CodeMemory>>,
}

impl Drop for JitModule {
    fn drop(&mut self) {
        for code in self.code.get_mut().unwrap_or_else(|e| e.into_inner()).iter() {
            traps::unregister(code.base(), code.len());
        }
    }
}

impl TierModule for JitModule {
    fn compile_function(&self, def: u32, options: &CompileOptions) -> Result<CompiledFunction, CompileError> {
        Ok(Box::new(codegen::compile(
            &self.info,
            def,
            &self.opts,
            options.direct_calls,
        )?))
    }

    fn publish(&self, funcs: Vec<(u32, CompiledFunction)>) -> Result<Vec<FuncEntryPoints>, CompileError> {
        let mut defs = Vec::with_capacity(funcs.len());
        let mut units = Vec::with_capacity(funcs.len());
        let mut kinds = Vec::with_capacity(funcs.len());
        let mut traps = Vec::with_capacity(funcs.len());
        let mut convs = Vec::with_capacity(funcs.len());
        let mut wide_entries = Vec::with_capacity(funcs.len());
        let mut calls = Vec::with_capacity(funcs.len());
        let mut wasm_offsets = Vec::with_capacity(funcs.len());
        for (def, f) in funcs {
            let f = f
                .downcast::<codegen::Compiled>()
                .map_err(|_| internal("the jit tier was handed another tier's code"))?;
            defs.push(def);
            convs.push(f.conv);
            wide_entries.push(f.wide_entry);
            calls.push(f.calls);
            wasm_offsets.push(f.offsets);
            units.push(f.code);
            traps.push(f.traps);
            kinds.push(CodeKind::Wasm(self.info.num_imported_funcs + def));
        }
        let (code, addrs) = link(&self.info, &units, &kinds, &traps, &wasm_offsets, &defs, &calls)?;
        self.code.lock().unwrap_or_else(|e| e.into_inner()).push(code);
        for (&def, &a) in defs.iter().zip(&addrs) {
            // Before the core publishes the entry that leads `array_entry`
            // here (release store there, acquire load in the caller).
            self.funcs[def as usize].store(a, Ordering::Release);
        }
        Ok(addrs
            .into_iter()
            .zip(convs.into_iter().zip(wide_entries))
            .map(|(a, (conv, wide_entry))| {
                // A native function's wide entry follows its code.
                let (native, wide) = match (conv, wide_entry) {
                    (Conv::Native, Some(at)) => (a as *const u8, (a + at as usize) as *const u8),
                    (Conv::Native, None) => (a as *const u8, std::ptr::null()),
                    _ => (std::ptr::null(), a as *const u8),
                };
                FuncEntryPoints {
                    array_call: array_entry,
                    wasm_call: native,
                    wide_call: wide,
                }
            })
            .collect())
    }

    fn code_ptr(&self) -> *const () {
        (self as *const JitModule).cast()
    }
}

/// Places `units` in new code memory, resolves their direct calls
/// (`calls[i]`: offsets just past a rel32 and the callee's defined index,
/// which must be one of `defs`, the defined indices of the units), makes it
/// executable and registers it (with `kinds`, trap tables `traps` and
/// Wasm offsets `wasm_offsets`, none for units beyond it) with the trap
/// handler. Returns the memory and each unit's address.
fn link(
    module: &Arc<ModuleInfo>,
    units: &[Vec<u8>],
    kinds: &[CodeKind],
    traps: &[TrapTable],
    wasm_offsets: &[Vec<(u32, u32)>],
    defs: &[u32],
    calls: &[Vec<(u32, u32)>],
) -> Result<(CodeMemory, Vec<usize>), CompileError> {
    const ALIGN: usize = 32;
    let mut offsets = Vec::with_capacity(units.len());
    let mut len = 0usize;
    for u in units {
        len = len.next_multiple_of(ALIGN);
        offsets.push(len);
        len += u.len();
    }
    let mut code = CodeMemory::new(len.max(1)).map_err(internal)?;
    let base = code.base();
    {
        let bytes = code.bytes_mut();
        for (u, &off) in units.iter().zip(&offsets) {
            bytes[off..off + u.len()].copy_from_slice(u);
        }
        let unit_of: std::collections::HashMap<u32, usize> = if calls.iter().any(|c| !c.is_empty()) {
            defs.iter().enumerate().map(|(i, &d)| (d, i)).collect()
        } else {
            std::collections::HashMap::new()
        };
        for (sites, &off) in calls.iter().zip(&offsets) {
            for &(at, callee) in sites {
                let unit = *unit_of
                    .get(&callee)
                    .ok_or_else(|| internal(format!("direct call to defined function {callee} outside the batch")))?;
                let site = off + at as usize;
                let rel = i32::try_from(offsets[unit] as i64 - site as i64)
                    .map_err(|_| internal("direct call out of range"))?;
                bytes[site - 4..site].copy_from_slice(&rel.to_le_bytes());
            }
        }
    }
    code.publish().map_err(internal)?;
    let funcs = units
        .iter()
        .zip(&offsets)
        .zip(kinds.iter().zip(traps))
        .enumerate()
        .map(|(i, ((u, &off), (&kind, traps)))| FuncCode {
            start: off as u32,
            end: (off + u.len()) as u32,
            kind,
            traps: traps.clone(),
            offsets: wasm_offsets.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    traps::register(Arc::new(CodeMap {
        base,
        len: code.len(),
        funcs,
        info: module.clone(),
    }));
    Ok((code, offsets.iter().map(|&o| base + o).collect()))
}

/// The array-call entry of every compiled function.
///
/// # Safety
///
/// The contract of [`concord_core::vm::ArrayCallFn`]; `callee` is a
/// function whose entry this tier published, so its module has this
/// tier's state.
unsafe extern "C" fn array_entry(
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    // SAFETY: `callee` is live, and its module's JIT slot holds the
    // `JitModule` that published this entry (see `code_ptr`); the
    // trampoline of the function's type and its code were published by it.
    unsafe {
        let vmctx = (*callee).vmctx;
        let module = &*(vm::tier_code(vmctx, Tier::Jit) as *const JitModule);
        let def = ((*callee).func_index - module.info.num_imported_funcs) as usize;
        // This tier's own code, not the entry's current `wasm_call`: the
        // entry may have moved to another tier since it led here.
        let target = module.funcs[def].load(Ordering::Acquire);
        traps::call(module.entries[def], target, callee, caller, values, len)
    }
}
