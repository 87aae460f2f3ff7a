//! The optimizing tier of concord: Wasm to Cranelift IR ("CLIF"), compiled
//! to native code for the host.
//!
//! # Pipeline
//!
//! The tier implements the core's per-function contract
//! (`concord_core::backend`). `prepare_module` generates the
//! module's glue (`trampolines`): one array-call entry trampoline per type
//! of a defined function and one adapter per type, placed in their own code
//! memory. `compile_function` translates one defined function (`translate`)
//! and compiles it with cranelift-codegen for the host ISA
//! (cranelift-native) into a relocatable unit; the core calls it on all
//! cores for an eager module. `publish` lays a batch of units out in one
//! [`concord_core::machine::code::CodeMemory`], resolves their relocations
//! (direct calls within the batch, adapters, runtime helpers of
//! `concord_core::machine::libcalls`, Cranelift's own float libcalls),
//! makes it executable and registers it with the core's trap handler.
//!
//! # Calls
//!
//! Every function's `array_call` is [`array_entry`], which finds the
//! function's entry trampoline and runs it, with this tier's code of the
//! function, under `concord_core::machine::traps::call` (the trap catcher). Its `wasm_call`
//! is the compiled function itself. When the core compiles the whole module
//! with this tier in one batch (`CompileOptions::direct_calls`), compiled
//! code calls the functions of its own module directly; otherwise, and for
//! imports and `call_indirect`, it calls through the callee's entry
//! (`VmFuncRef::entry`), so swapping an entry redirects later calls; a
//! callee without a `wasm_call` (host, interpreter) is reached through the
//! adapter of its type, which makes an array call. See [`abi`] for the
//! conventions and RFC 0006 for the registers.
//!
//! # Traps and limits
//!
//! Traps are instructions recorded in per-function trap tables (explicit
//! `ud2`s, guard-page faults of elided bounds checks, divide errors), caught
//! by the core's signal handler (`concord_core::machine::traps`). Every function's prologue checks the stack
//! pointer against `VmRuntime::stack_limit` (set by the core at the
//! outermost entry from the host's stack bounds and `Config::max_wasm_stack`)
//! and traps with `StackOverflow`. Fuel is charged per block with the same
//! rules as the interpreter (`concord_core::translate`).
//!
//! # Platform
//!
//! The translator emits nothing host-specific. Running code needs the trap
//! catcher, written for x86-64 Linux; elsewhere the tier reports itself
//! unsupported at compile time.

pub mod abi;
mod trampolines;
mod translate;

use concord_core::backend::{Backend, CompileOptions, CompiledFunction, FuncEntryPoints, OsrEntry, TierModule};
use concord_core::machine::code::CodeMemory;
use concord_core::machine::libcalls::{self, FloatHelper};
use concord_core::machine::traps::{self, CodeKind, CodeMap, FuncCode, TrapSite};
use concord_core::module::ModuleInfo;
use concord_core::vm::{self, VmContext, VmFuncRef};
use concord_core::{CompileError, Config, RawVal, Tier};
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{self, ExternalName, UserExternalName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, FinalizedRelocTarget};
use cranelift_frontend::FunctionBuilderContext;
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use translate::{RelaxedSimd, TranslateOptions};

/// Bytes of index space of a 32-bit memory.
const FOUR_GIB: u64 = 1 << 32;

/// The Cranelift tier.
#[derive(Clone)]
pub struct Cranelift {
    isa: OwnedTargetIsa,
    /// The ISA is x86-64 with SSSE3 (the x86-specific CLIF instructions of
    /// the default relaxed SIMD results lower to single instructions).
    x86_ssse3: bool,
}

impl std::fmt::Debug for Cranelift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cranelift")
            .field("isa", &self.isa.triple().to_string())
            .finish()
    }
}

fn internal(what: impl std::fmt::Display) -> CompileError {
    CompileError::Internal(what.to_string())
}

impl Cranelift {
    /// The tier, compiling for the host it runs on.
    pub fn new() -> Result<Cranelift, CompileError> {
        let mut flags = settings::builder();
        let set = |flags: &mut settings::Builder, name: &str, value: &str| {
            flags
                .set(name, value)
                .map_err(|e| internal(format!("cranelift setting {name}: {e}")))
        };
        set(&mut flags, "opt_level", "speed")?;
        set(&mut flags, "preserve_frame_pointers", "true")?;
        set(
            &mut flags,
            "enable_verifier",
            if cfg!(debug_assertions) { "true" } else { "false" },
        )?;
        set(&mut flags, "unwind_info", "false")?;
        // Multi-value functions may return more values than the calling
        // convention has return registers: the rest go through a hidden
        // return area (found by the differential fuzzer).
        set(&mut flags, "enable_multi_ret_implicit_sret", "true")?;
        let builder = cranelift_native::builder().map_err(|e| CompileError::Unsupported {
            tier: "cranelift",
            what: format!("this host: {e}"),
        })?;
        let isa = builder
            .finish(settings::Flags::new(flags))
            .map_err(|e| internal(format!("cranelift ISA: {e}")))?;
        let x86_ssse3 = isa.name() == "x64"
            && isa
                .isa_flags()
                .iter()
                .any(|flag| flag.name == "has_ssse3" && flag.as_bool() == Some(true));
        Ok(Cranelift { isa, x86_ssse3 })
    }

    /// The CLIF of defined function `def` of `module`, as the translator
    /// produces it (before optimization), for golden tests and review.
    pub fn clif(&self, module: &ModuleInfo, def: u32, config: &Config) -> Result<String, CompileError> {
        let mut func = ir::Function::new();
        translate::translate_function(module, def, &self.options(config), &mut func)?;
        Ok(func.display().to_string())
    }

    /// The CLIF of the OSR code of defined function `def` at the loop at
    /// byte offset `loop_offset` (RFC 0007), before optimization.
    pub fn osr_clif(
        &self,
        module: &ModuleInfo,
        def: u32,
        loop_offset: u32,
        outer_offset: u32,
        config: &Config,
    ) -> Result<String, CompileError> {
        Ok(
            osr_function(module, def, loop_offset, outer_offset, &self.options(config))?
                .display()
                .to_string(),
        )
    }

    /// The machine code of defined function `def` after optimization and
    /// lowering, as Cranelift prints it (one instruction per line), for
    /// golden tests and review.
    pub fn disassembly(&self, module: &ModuleInfo, def: u32, config: &Config) -> Result<String, CompileError> {
        let mut func = ir::Function::new();
        translate::translate_function(module, def, &self.options(config), &mut func)?;
        self.disassemble(func)
    }

    /// The machine code of the OSR code of defined function `def` at the
    /// loop at byte offset `loop_offset` inside the OSR point at
    /// `outer_offset` (RFC 0007), as [`Cranelift::disassembly`] prints it.
    pub fn osr_disassembly(
        &self,
        module: &ModuleInfo,
        def: u32,
        loop_offset: u32,
        outer_offset: u32,
        config: &Config,
    ) -> Result<String, CompileError> {
        self.disassemble(osr_function(
            module,
            def,
            loop_offset,
            outer_offset,
            &self.options(config),
        )?)
    }

    fn disassemble(&self, func: ir::Function) -> Result<String, CompileError> {
        let mut ctx = Context::for_function(func);
        ctx.set_disasm(true);
        let code = ctx
            .compile(&*self.isa, &mut ControlPlane::default())
            .map_err(|e| internal(format!("cranelift: {:?}", e.inner)))?;
        Ok(code.vcode.clone().unwrap_or_default())
    }

    /// The CLIF of the entry trampoline, the adapter and the wide entry for
    /// function type `ty`.
    pub fn glue_clif(&self, module: &ModuleInfo, type_index: u32) -> String {
        let mut ctx = FunctionBuilderContext::new();
        let ty = &module.types[type_index as usize];
        let entry = trampolines::entry(ty, &self.isa, type_index, &mut ctx);
        let adapter = trampolines::adapter(ty, type_index, &self.isa, &mut ctx);
        let wide = trampolines::wide(ty, type_index, &self.isa, &mut ctx);
        format!("{}\n{}\n{}", entry.display(), adapter.display(), wide.display())
    }
}

/// The OSR code of `def` at `loop_offset` inside `outer_offset`, translated
/// as `compile_osr` does (every call through entries).
fn osr_function(
    module: &ModuleInfo,
    def: u32,
    loop_offset: u32,
    outer_offset: u32,
    opts: &TranslateOptions,
) -> Result<ir::Function, CompileError> {
    let mut func = ir::Function::new();
    let opts = TranslateOptions {
        direct_calls: false,
        ..*opts
    };
    translate::translate_osr(module, def, loop_offset, outer_offset, &opts, &mut func)?;
    Ok(func)
}

impl Cranelift {
    /// How `config`'s modules are translated for this tier's ISA.
    fn options(&self, config: &Config) -> TranslateOptions {
        TranslateOptions {
            fuel: config.consume_fuel,
            epoch: config.epoch_interruption,
            guard_bytes: config.memory_reservation.saturating_sub(FOUR_GIB),
            direct_calls: true,
            direct_self_calls: false,
            relaxed_simd: RelaxedSimd {
                deterministic: config.relaxed_simd_deterministic,
                x86_ssse3: self.x86_ssse3,
            },
        }
    }
}

/// What a relocation points at.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// A function of the module, by function index.
    Func(u32),
    Adapter(u32),
    LibCall(abi::LibCall),
    Native(ir::LibCall),
}

/// One compiled function or piece of glue, before placement.
struct Unit {
    kind: CodeKind,
    bytes: Vec<u8>,
    relocs: Vec<(u32, Reloc, Target, i64)>,
    traps: Vec<(u32, TrapSite)>,
    /// The Wasm offsets of the code (`FuncCode::offsets`; empty for glue).
    offsets: Vec<(u32, u32)>,
}

/// The Wasm offsets of compiled code ([`FuncCode::offsets`]) from its
/// source locations, which the translator sets to each operator's offset.
/// Code without one (the prologue and epilogue, and what the translator
/// emits before the first operator: the checks at the entry, the locals)
/// is reported at `entry`, the start of the function's body.
fn wasm_offsets(
    srclocs: &[cranelift_codegen::MachSrcLoc<cranelift_codegen::Final>],
    len: u32,
    entry: u32,
) -> Vec<(u32, u32)> {
    fn push(offsets: &mut Vec<(u32, u32)>, at: u32, wasm: u32) {
        match offsets.last_mut() {
            Some(last) if last.0 == at => last.1 = wasm,
            Some(last) if last.1 == wasm => {}
            _ => offsets.push((at, wasm)),
        }
    }
    let mut offsets = Vec::new();
    let mut end = 0;
    for s in srclocs {
        if s.start > end {
            push(&mut offsets, end, entry);
        }
        let wasm = if s.loc.is_default() { entry } else { s.loc.bits() };
        push(&mut offsets, s.start, wasm);
        end = s.end;
    }
    if offsets.is_empty() || end < len {
        push(&mut offsets, end, entry);
    }
    offsets
}

/// Compiles `func` (held in `ctx.func`) into a [`Unit`]; `entry` is the
/// byte offset of a Wasm function's body (see [`wasm_offsets`]), `None`
/// for glue.
fn compile_unit(
    isa: &OwnedTargetIsa,
    ctx: &mut Context,
    func: ir::Function,
    kind: CodeKind,
    entry: Option<u32>,
) -> Result<Unit, CompileError> {
    ctx.clear();
    let names = func.params.user_named_funcs().clone();
    ctx.func = func;
    let code = ctx
        .compile(&**isa, &mut ControlPlane::default())
        .map_err(|e| internal(format!("cranelift: {:?}", e.inner)))?;
    let bytes = code.code_buffer().to_vec();
    let offsets = match entry {
        Some(entry) => wasm_offsets(code.buffer.get_srclocs_sorted(), bytes.len() as u32, entry),
        None => Vec::new(),
    };
    let traps = code
        .buffer
        .traps()
        .iter()
        .map(|t| {
            let site = match abi::from_trap_code(t.code) {
                Some(code) => TrapSite::Code(code),
                None => TrapSite::Propagate,
            };
            (t.offset, site)
        })
        .collect();
    let mut relocs = Vec::new();
    for r in code.buffer.relocs() {
        let target = match &r.target {
            FinalizedRelocTarget::ExternalName(ExternalName::User(name)) => {
                let UserExternalName { namespace, index } = names[*name].clone();
                match namespace {
                    abi::NS_FUNC => Target::Func(index),
                    abi::NS_ADAPTER => Target::Adapter(index),
                    abi::NS_LIBCALL => Target::LibCall(
                        *abi::LibCall::ALL
                            .get(index as usize)
                            .ok_or_else(|| internal(format!("unknown libcall {index}")))?,
                    ),
                    _ => return Err(internal(format!("unknown call target {namespace}:{index}"))),
                }
            }
            FinalizedRelocTarget::ExternalName(ExternalName::LibCall(lc)) => Target::Native(*lc),
            other => return Err(internal(format!("unsupported relocation target {other:?}"))),
        };
        relocs.push((r.offset, r.kind, target, r.addend));
    }
    Ok(Unit {
        kind,
        bytes,
        relocs,
        traps,
        offsets,
    })
}

impl Backend for Cranelift {
    fn tier(&self) -> Tier {
        Tier::Cranelift
    }

    fn lazy_by_default(&self) -> bool {
        false
    }

    fn prepare_module(&self, module: &Arc<ModuleInfo>, config: &Config) -> Result<Arc<dyn TierModule>, CompileError> {
        if !traps::SUPPORTED {
            return Err(CompileError::Unsupported {
                tier: "cranelift",
                what: "running compiled code on this host (x86-64 Linux only)".into(),
            });
        }
        // Glue: an entry trampoline per type of a defined function, an
        // adapter per type, placed and published once for the module.
        let n = module.num_defined_funcs() as usize;
        let mut ctx = Context::new();
        let mut fctx = FunctionBuilderContext::new();
        let mut units = Vec::new();
        let mut entry_unit = vec![usize::MAX; module.types.len()];
        let mut wide_unit = vec![usize::MAX; module.types.len()];
        for def in 0..n {
            let t = module.funcs[module.num_imported_funcs as usize + def] as usize;
            if entry_unit[t] == usize::MAX {
                entry_unit[t] = units.len();
                let f = trampolines::entry(&module.types[t], &self.isa, t as u32, &mut fctx);
                units.push(compile_unit(&self.isa, &mut ctx, f, CodeKind::Entry, None)?);
                wide_unit[t] = units.len();
                let f = trampolines::wide(&module.types[t], t as u32, &self.isa, &mut fctx);
                units.push(compile_unit(&self.isa, &mut ctx, f, CodeKind::Adapter, None)?);
            }
        }
        let first_adapter = units.len();
        for (t, ty) in module.types.iter().enumerate() {
            let f = trampolines::adapter(ty, t as u32, &self.isa, &mut fctx);
            units.push(compile_unit(&self.isa, &mut ctx, f, CodeKind::Adapter, None)?);
        }
        let (glue, addrs) = link(&self.isa, module, &units, &[], &[])?;
        let entries = (0..n)
            .map(|def| {
                let t = module.funcs[module.num_imported_funcs as usize + def] as usize;
                addrs[entry_unit[t]]
            })
            .collect();
        let wides = (0..n)
            .map(|def| {
                let t = module.funcs[module.num_imported_funcs as usize + def] as usize;
                addrs[wide_unit[t]]
            })
            .collect();
        Ok(Arc::new(CraneliftModule {
            info: module.clone(),
            isa: self.isa.clone(),
            opts: self.options(config),
            entries,
            wides,
            funcs: (0..n).map(|_| AtomicUsize::new(0)).collect(),
            adapters: addrs[first_adapter..].into(),
            code: Mutex::new(vec![glue]),
        }))
    }
}

thread_local! {
    /// Each compiling thread's reusable Cranelift context.
    static CONTEXT: RefCell<Context> = RefCell::new(Context::new());
}

impl TierModule for CraneliftModule {
    fn compile_function(&self, def: u32, options: &CompileOptions) -> Result<CompiledFunction, CompileError> {
        let opts = TranslateOptions {
            direct_calls: options.direct_calls,
            direct_self_calls: options.direct_self_calls,
            ..self.opts
        };
        let mut func = ir::Function::new();
        translate::translate_function(&self.info, def, &opts, &mut func)?;
        let index = self.info.num_imported_funcs + def;
        let entry = self.info.body_offset(def);
        let unit =
            CONTEXT.with(|ctx| compile_unit(&self.isa, &mut ctx.borrow_mut(), func, CodeKind::Wasm(index), entry))?;
        Ok(Box::new(unit))
    }

    fn publish(&self, funcs: Vec<(u32, CompiledFunction)>) -> Result<Vec<FuncEntryPoints>, CompileError> {
        let mut defs = Vec::with_capacity(funcs.len());
        let mut units = Vec::with_capacity(funcs.len());
        for (def, f) in funcs {
            let unit = f
                .downcast::<Unit>()
                .map_err(|_| internal("the cranelift tier was handed another tier's code"))?;
            defs.push(def);
            units.push(*unit);
        }
        let (code, addrs) = link(&self.isa, &self.info, &units, &defs, &self.adapters)?;
        self.code.lock().unwrap_or_else(|e| e.into_inner()).push(code);
        for (&def, &a) in defs.iter().zip(&addrs) {
            // Before the core publishes the entry that leads `array_entry`
            // here (release store there, acquire load in the caller).
            self.funcs[def as usize].store(a, Ordering::Release);
        }
        Ok(addrs
            .into_iter()
            .zip(&defs)
            .map(|(a, &def)| FuncEntryPoints {
                array_call: array_entry,
                wasm_call: a as *const u8,
                wide_call: self.wides[def as usize] as *const u8,
            })
            .collect())
    }

    fn code_ptr(&self) -> *const () {
        (self as *const CraneliftModule).cast()
    }

    fn compile_osr(&self, def: u32, loop_offset: u32, outer_offset: u32) -> Result<CompiledFunction, CompileError> {
        // OSR code calls every function through its entry: it is compiled
        // alone, later than the module.
        let opts = TranslateOptions {
            direct_calls: false,
            ..self.opts
        };
        let mut func = ir::Function::new();
        translate::translate_osr(&self.info, def, loop_offset, outer_offset, &opts, &mut func)?;
        let index = self.info.num_imported_funcs + def;
        // Its entry trampoline: the array call of `[i64] -> results`.
        let ty = concord_core::FuncType::new(
            [concord_core::ValType::I64],
            self.info.func_type(index).results().iter().copied(),
        );
        CONTEXT.with(|ctx| {
            let ctx = &mut ctx.borrow_mut();
            let mut fctx = FunctionBuilderContext::new();
            let entry = trampolines::entry(&ty, &self.isa, u32::MAX, &mut fctx);
            let entry = compile_unit(&self.isa, ctx, entry, CodeKind::Entry, None)?;
            let code = compile_unit(&self.isa, ctx, func, CodeKind::Wasm(index), self.info.body_offset(def))?;
            Ok(Box::new(OsrUnits { entry, code }) as CompiledFunction)
        })
    }

    fn publish_osr(&self, _def: u32, code: CompiledFunction) -> Result<OsrEntry, CompileError> {
        let units = code
            .downcast::<OsrUnits>()
            .map_err(|_| internal("the cranelift tier was handed another tier's OSR code"))?;
        let OsrUnits { entry, code } = *units;
        let (memory, addrs) = link(&self.isa, &self.info, &[entry, code], &[], &self.adapters)?;
        self.code.lock().unwrap_or_else(|e| e.into_inner()).push(memory);
        Ok(OsrEntry {
            call: osr_call,
            code: addrs[1],
            aux: addrs[0],
        })
    }
}

/// An OSR compilation: the code and its entry trampoline.
struct OsrUnits {
    entry: Unit,
    code: Unit,
}

/// Runs an OSR entry of this tier: its trampoline (`aux`) with its code.
///
/// # Safety
///
/// The contract of [`concord_core::backend::OsrCallFn`]; `entry` was
/// published by [`CraneliftModule::publish_osr`] for the function of
/// `callee`, whose module is alive.
unsafe fn osr_call(
    entry: &OsrEntry,
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    // SAFETY: `aux` is the published entry trampoline for `[i64] ->
    // results` registered as `CodeKind::Entry`, `code` the OSR code in the
    // convention it calls; the caller provides the array-call arguments
    // (the frame-state address in `values[0]`).
    unsafe { traps::call(entry.aux, entry.code, callee, caller, values, len) }
}

/// Places `units` in new code memory, resolves their relocations, makes
/// the code executable and registers it with the trap handler. `defs` are
/// the defined indices of the units that are functions of this batch
/// (direct calls resolve to them); `adapters` the module's adapters, by type
/// index. Returns the memory and each unit's address.
fn link(
    isa: &OwnedTargetIsa,
    module: &Arc<ModuleInfo>,
    units: &[Unit],
    defs: &[u32],
    adapters: &[usize],
) -> Result<(CodeMemory, Vec<usize>), CompileError> {
    // Functions start at the ISA's preferred alignment (32 bytes on
    // x86-64, where 16 measurably slows call-heavy code).
    let align = (isa.function_alignment().preferred as usize).max(16);
    let mut offsets = Vec::with_capacity(units.len());
    let mut len = 0usize;
    for u in units {
        len = len.next_multiple_of(align);
        offsets.push(len);
        len += u.bytes.len();
    }
    let mut code = CodeMemory::new(len).map_err(internal)?;
    let base = code.base();
    {
        let bytes = code.bytes_mut();
        for (u, &off) in units.iter().zip(&offsets) {
            bytes[off..off + u.bytes.len()].copy_from_slice(&u.bytes);
        }
        for (u, &off) in units.iter().zip(&offsets) {
            for &(at, kind, target, addend) in &u.relocs {
                let site = off + at as usize;
                let target = match target {
                    Target::Func(f) => {
                        let unit = f
                            .checked_sub(module.num_imported_funcs)
                            .and_then(|d| defs.iter().position(|&x| x == d))
                            .ok_or_else(|| internal(format!("direct call to function {f} outside the batch")))?;
                        base + offsets[unit]
                    }
                    Target::Adapter(t) => *adapters
                        .get(t as usize)
                        .ok_or_else(|| internal(format!("no adapter for type {t}")))?,
                    Target::LibCall(lc) => libcalls::address(lc),
                    Target::Native(lc) => float_helper(lc)
                        .map(libcalls::float_helper)
                        .ok_or_else(|| internal(format!("unsupported cranelift libcall {lc}")))?,
                };
                let value = (target as i64).wrapping_add(addend);
                match kind {
                    Reloc::Abs8 => bytes[site..site + 8].copy_from_slice(&value.to_le_bytes()),
                    Reloc::X86CallPCRel4 | Reloc::X86PCRel4 => {
                        let rel = value.wrapping_sub((base + site) as i64);
                        let rel = i32::try_from(rel).map_err(|_| internal("relocation out of range"))?;
                        bytes[site..site + 4].copy_from_slice(&rel.to_le_bytes());
                    }
                    other => return Err(internal(format!("unsupported relocation {other:?}"))),
                }
            }
        }
    }
    code.publish().map_err(internal)?;
    let funcs = units
        .iter()
        .zip(&offsets)
        .map(|(u, &off)| FuncCode {
            start: off as u32,
            end: (off + u.bytes.len()) as u32,
            kind: u.kind,
            traps: u.traps.clone(),
            offsets: u.offsets.clone(),
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

/// The out-of-line float operation behind one of Cranelift's own libcalls
/// (emitted when the host lacks an instruction), if concord provides it.
fn float_helper(lc: ir::LibCall) -> Option<FloatHelper> {
    use FloatHelper as F;
    use ir::LibCall as L;
    Some(match lc {
        L::CeilF32 => F::CeilF32,
        L::CeilF64 => F::CeilF64,
        L::FloorF32 => F::FloorF32,
        L::FloorF64 => F::FloorF64,
        L::TruncF32 => F::TruncF32,
        L::TruncF64 => F::TruncF64,
        L::NearestF32 => F::NearestF32,
        L::NearestF64 => F::NearestF64,
        L::FmaF32 => F::FmaF32,
        L::FmaF64 => F::FmaF64,
        _ => return None,
    })
}

/// The tier's state for one module: its glue, and the code of every batch
/// of functions published so far (freed with the module).
struct CraneliftModule {
    info: Arc<ModuleInfo>,
    isa: OwnedTargetIsa,
    opts: TranslateOptions,
    /// Address of each defined function's entry trampoline.
    entries: Box<[usize]>,
    /// Address of each defined function's latest code of this tier (0 until
    /// published), which `array_entry` runs.
    funcs: Box<[AtomicUsize]>,
    /// Address of the adapter of each type.
    adapters: Box<[usize]>,
    /// Address of the wide entry of each defined function's type.
    wides: Box<[usize]>,
    /// The glue, then each published batch.
    code: Mutex<Vec<CodeMemory>>,
}

impl Drop for CraneliftModule {
    fn drop(&mut self) {
        for code in self.code.get_mut().unwrap_or_else(|e| e.into_inner()).iter() {
            traps::unregister(code.base(), code.len());
        }
    }
}

/// The array-call entry of every compiled function.
///
/// # Safety
///
/// The contract of [`concord_core::vm::ArrayCallFn`]; `callee` is a function whose entry this
/// tier published, so its module has this tier's state.
unsafe extern "C" fn array_entry(
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    // SAFETY: `callee` is live, and its module's Cranelift slot holds the
    // `CraneliftModule` that published this entry (see `code_ptr`).
    unsafe {
        let vmctx = (*callee).vmctx;
        let module = &*(vm::tier_code(vmctx, Tier::Cranelift) as *const CraneliftModule);
        let def = ((*callee).func_index - module.info.num_imported_funcs) as usize;
        // This tier's own code, not the entry's current `wasm_call`: the
        // entry may have moved to another tier since it led here.
        let target = module.funcs[def].load(Ordering::Acquire);
        traps::call(module.entries[def], target, callee, caller, values, len)
    }
}
