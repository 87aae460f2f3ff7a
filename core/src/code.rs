//! The code of one module: which tier runs each defined function, the
//! function entries shared by every instance, and the scheduling of
//! compilation (eager on all cores, or lazy on first call).
//!
//! Each defined function has one [`VmFuncEntry`] here, for the module's
//! whole life. It starts at the lazy entry ([`lazy_array_call`]) or, for
//! eagerly compiled functions, at its tier's entry points; publishing new
//! entry points ([`ModuleCode::set_tier`], lazy compilation) is one atomic
//! store per field that every later call sees. Code is freed only with the
//! module, so a call still running in old code returns into live code
//! (RFC 0006).

use crate::backend::{Backend, CompileOptions, CompiledFunction, TierModule};
use crate::config::{Config, Tier};
use crate::error::CompileError;
use crate::module::ModuleInfo;
use crate::trap::{Trap, TrapCode};
use crate::values::RawVal;
use crate::vm::{self, VmContext, VmFuncEntry, VmFuncRef};
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The backends a module may use, by [`Tier::code_index`].
pub(crate) type Backends = [Option<Arc<dyn Backend>>; Tier::CODE_TIERS];

/// See the module docs.
pub(crate) struct ModuleCode {
    info: Arc<ModuleInfo>,
    config: Config,
    backends: Backends,
    /// Each tier's state for this module, created on first use.
    tiers: [OnceLock<Result<Arc<dyn TierModule>, CompileError>>; Tier::CODE_TIERS],
    /// `VmContext::code` of every instance points here: each tier's
    /// `code_ptr`, null until its state exists.
    tier_ptrs: Box<[AtomicPtr<()>; Tier::CODE_TIERS]>,
    /// The tier of each defined function when it is first compiled.
    assigned: Box<[Tier]>,
    /// Set once a defined function has been compiled (or failed to).
    compiled: Box<[OnceLock<Result<(), CompileError>>]>,
    /// The tier-up state under [`Tier::Auto`] (RFC 0007).
    tier_up: Option<crate::tierup::ModuleTierUp>,
    /// The entries, by defined index. Declared last: dropped after the
    /// tiers' states, though nothing runs while a module is dropped.
    entries: Box<[VmFuncEntry]>,
}

/// A seeded hash spreading functions over tiers (splitmix64).
fn mix(seed: u64, def: u32) -> u64 {
    let mut z = seed ^ (u64::from(def).wrapping_add(1)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The tier of each defined function under `Config::tier_mix == Some(seed)`:
/// one of `tiers` (the engine's tiers, in `Tier::CODE` order) by a hash.
pub(crate) fn mixed_tiers(seed: u64, num_defined: u32, tiers: &[Tier]) -> Box<[Tier]> {
    (0..num_defined)
        .map(|def| tiers[(mix(seed, def) % tiers.len() as u64) as usize])
        .collect()
}

impl ModuleCode {
    /// Prepares the code of `info`: creates the state of every tier that
    /// `assigned` names and compiles eagerly the functions of every tier
    /// that is not lazy. With `tier_up`, interpreted functions move to that
    /// tier when they are hot (RFC 0007).
    pub(crate) fn new(
        info: &Arc<ModuleInfo>,
        config: &Config,
        backends: Backends,
        assigned: Box<[Tier]>,
        tier_up: Option<Vec<Tier>>,
    ) -> Result<ModuleCode, CompileError> {
        let n = info.num_defined_funcs() as usize;
        debug_assert_eq!(assigned.len(), n);
        let code = ModuleCode {
            info: info.clone(),
            config: config.clone(),
            backends,
            tiers: std::array::from_fn(|_| OnceLock::new()),
            tier_ptrs: Box::new(std::array::from_fn(|_| AtomicPtr::new(std::ptr::null_mut()))),
            compiled: (0..n).map(|_| OnceLock::new()).collect(),
            entries: (0..n)
                .map(|_| VmFuncEntry::new(lazy_array_call, std::ptr::null()))
                .collect(),
            tier_up: tier_up
                .as_ref()
                .map(|path| crate::tierup::ModuleTierUp::new(info.num_defined_funcs(), path.clone(), &config.tier_up)),
            assigned,
        };
        let used: Vec<Tier> = Tier::CODE.into_iter().filter(|t| code.assigned.contains(t)).collect();
        for &tier in &used {
            let state = code.tier_module(tier)?;
            let lazy = config
                .lazy_compilation
                .unwrap_or_else(|| code.backend(tier).is_ok_and(|b| b.lazy_by_default()));
            if lazy {
                continue;
            }
            let defs: Vec<u32> = (0..n as u32).filter(|&d| code.assigned[d as usize] == tier).collect();
            // Direct calls only when this tier compiles the whole module in
            // one batch and nothing can move a function to another tier.
            let options = CompileOptions {
                direct_calls: used.len() == 1 && config.tier_mix.is_none() && tier_up.is_none(),
                direct_self_calls: false,
            };
            let compiled = compile_parallel(&*state, &defs, &options, config.parallel_compilation)?;
            let entries = state.publish(compiled)?;
            for (&def, e) in defs.iter().zip(entries) {
                code.entries[def as usize].publish(e.array_call, e.wasm_call, e.wide_call);
                let _ = code.compiled[def as usize].set(Ok(()));
            }
        }
        Ok(code)
    }

    fn backend(&self, tier: Tier) -> Result<&Arc<dyn Backend>, CompileError> {
        self.backends[tier.code_index()]
            .as_ref()
            .ok_or_else(|| CompileError::Unsupported {
                tier: tier.name(),
                what: "this engine (the tier is not compiled in)".into(),
            })
    }

    /// The state of `tier` for this module, created on first use.
    fn tier_module(&self, tier: Tier) -> Result<Arc<dyn TierModule>, CompileError> {
        let slot = &self.tiers[tier.code_index()];
        let r = slot.get_or_init(|| {
            let state = self.backend(tier)?.prepare_module(&self.info, &self.config)?;
            self.tier_ptrs[tier.code_index()].store(state.code_ptr().cast_mut(), Ordering::Release);
            Ok(state)
        });
        r.clone()
    }

    /// `VmContext::code` for instances.
    pub(crate) fn tier_ptrs(&self) -> *const AtomicPtr<()> {
        self.tier_ptrs.as_ptr()
    }

    /// `VmContext::entries` for instances.
    pub(crate) fn entries(&self) -> &[VmFuncEntry] {
        &self.entries
    }

    /// The tier-up state, under [`Tier::Auto`].
    pub(crate) fn tier_up(&self) -> Option<&crate::tierup::ModuleTierUp> {
        self.tier_up.as_ref()
    }

    /// Compiles defined function `def` with `tier` and publishes its entry
    /// (tier-up, or [`ModuleCode::set_tier`]); `last`: no later tier-up
    /// will replace it, so it may call itself directly.
    pub(crate) fn publish_tier(&self, def: u32, tier: Tier, last: bool) -> Result<(), CompileError> {
        // First compilation first, so that a lazy compilation racing with
        // this one cannot publish the assigned tier after `tier`.
        self.ensure_compiled(def)?;
        let options = CompileOptions {
            direct_calls: false,
            direct_self_calls: last,
        };
        self.compile_and_publish_with(def, tier, &options)
    }

    /// Compiles and publishes the OSR entry of `def` at the loop at
    /// `loop_offset` with `tier`.
    pub(crate) fn compile_osr(
        &self,
        def: u32,
        loop_offset: u32,
        outer_offset: u32,
        tier: Tier,
    ) -> Result<crate::backend::OsrEntry, CompileError> {
        let state = self.tier_module(tier)?;
        let f = state.compile_osr(def, loop_offset, outer_offset)?;
        state.publish_osr(def, f)
    }

    /// The tier defined function `def` was assigned at module creation.
    pub(crate) fn assigned_tier(&self, def: u32) -> Tier {
        self.assigned[def as usize]
    }

    /// Compiles defined function `def` with its assigned tier if it has not
    /// been compiled yet, and publishes its entry.
    pub(crate) fn ensure_compiled(&self, def: u32) -> Result<(), CompileError> {
        self.compiled[def as usize]
            .get_or_init(|| {
                let tier = self.assigned[def as usize];
                self.compile_and_publish(def, tier)
            })
            .clone()
    }

    fn compile_and_publish(&self, def: u32, tier: Tier) -> Result<(), CompileError> {
        self.compile_and_publish_with(def, tier, &CompileOptions::default())
    }

    fn compile_and_publish_with(&self, def: u32, tier: Tier, options: &CompileOptions) -> Result<(), CompileError> {
        let state = self.tier_module(tier)?;
        let f = state.compile_function(def, options)?;
        let e = state
            .publish(vec![(def, f)])?
            .pop()
            .ok_or_else(|| CompileError::Internal(format!("the {tier} tier published nothing")))?;
        self.entries[def as usize].publish(e.array_call, e.wasm_call, e.wide_call);
        Ok(())
    }

    /// Compiles defined function `def` with `tier` and publishes its entry
    /// for every instance and caller: calls that start afterwards run the
    /// new code, calls already running finish in the old one.
    pub(crate) fn set_tier(&self, def: u32, tier: Tier) -> Result<(), CompileError> {
        if def as usize >= self.entries.len() {
            return Err(CompileError::Internal(format!("no defined function {def}")));
        }
        self.publish_tier(def, tier, false)
    }
}

/// Compiles `defs` with `state`, on all cores when `parallel`; the
/// artifacts come back in `defs` order, or the error of the first failing
/// function in that order.
fn compile_parallel(
    state: &dyn TierModule,
    defs: &[u32],
    options: &CompileOptions,
    parallel: bool,
) -> Result<Vec<(u32, CompiledFunction)>, CompileError> {
    let n = defs.len();
    let workers = if parallel {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .min(n.div_ceil(4))
            .max(1)
    } else {
        1
    };
    let next = AtomicUsize::new(0);
    let work = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                return out;
            }
            out.push((i, state.compile_function(defs[i], options)));
        }
    };
    let mut results: Vec<(usize, Result<CompiledFunction, CompileError>)> = if workers <= 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(i, r)| r.map(|f| (defs[i], f))).collect()
}

/// The module code of the instance of `vmctx`.
///
/// # Safety
///
/// `vmctx` is the live context of an instance.
unsafe fn module_code<'a>(vmctx: *mut VmContext) -> &'a ModuleCode {
    // SAFETY: guaranteed by the caller.
    unsafe { &module_of(vmctx).code }
}

/// The module of the instance of `vmctx`.
///
/// # Safety
///
/// `vmctx` is the live context of an instance.
unsafe fn module_of<'a>(vmctx: *mut VmContext) -> &'a Arc<crate::module::ModuleInner> {
    // SAFETY: `instance` points to the instance's data, which holds its
    // module alive as long as the context lives.
    unsafe { &(*((*vmctx).instance as *const crate::instance::InstanceData)).module.0 }
}

/// See [`vm::tier_up`].
///
/// # Safety
///
/// See [`vm::tier_up`].
pub(crate) unsafe fn tier_up(
    vmctx: *mut VmContext,
    func_index: u32,
    spot: crate::tierup::HotSpot,
) -> crate::tierup::TierUpAction {
    // SAFETY: guaranteed by the caller.
    let module = unsafe { module_of(vmctx) };
    let Some(def) = func_index.checked_sub(module.info.num_imported_funcs) else {
        return crate::tierup::TierUpAction::budget(crate::tierup::NEVER);
    };
    crate::tierup::budget_exhausted(module, def, spot)
}

/// See [`vm::compile_lazily`].
///
/// # Safety
///
/// See [`vm::compile_lazily`].
pub(crate) unsafe fn compile_lazily(callee: *const VmFuncRef) -> bool {
    // SAFETY: guaranteed by the caller: `callee` and its instance are live.
    let (vmctx, func_index) = unsafe { ((*callee).vmctx, (*callee).func_index) };
    // SAFETY: as above.
    let code = unsafe { module_code(vmctx) };
    let def = func_index - code.info.num_imported_funcs;
    match code.ensure_compiled(def) {
        Ok(()) => true,
        Err(e) => {
            let mut trap = Trap::with_message(TrapCode::CompileError, e.to_string());
            // SAFETY: the store of the instance is executing on this thread.
            unsafe {
                trap.push_frame(vm::frame_info(vmctx, func_index, None));
                vm::raise((*vmctx).runtime, trap);
            }
            false
        }
    }
}

/// The entry every function starts with until its first call: compiles it,
/// publishes its entry, and calls that.
///
/// # Safety
///
/// The contract of [`vm::ArrayCallFn`], for a defined function.
pub(crate) unsafe extern "C" fn lazy_array_call(
    callee: *const VmFuncRef,
    caller: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool {
    // SAFETY: the caller's contract covers `compile_lazily`'s; after it
    // succeeds the entry holds the compiled function's array call, whose
    // contract is the same as ours.
    unsafe {
        if !compile_lazily(callee) {
            return false;
        }
        ((*(*callee).entry).array_call())(callee, caller, values, len)
    }
}
