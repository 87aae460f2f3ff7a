//! The engine: a configuration, a tier and the engine-wide type registry.

use crate::backend::Backend;
use crate::code::Backends;
use crate::config::{Config, Tier};
use crate::error::{Error, ErrorKind, Result};
use crate::tierup::TierUpPool;
use crate::types::FuncType;
use hashbrown::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

struct EngineInner {
    config: Config,
    /// The tier running code (`config.tier`'s backend).
    backend: Arc<dyn Backend>,
    /// Every tier of this engine, by `Tier::code_index`.
    backends: Backends,
    /// Interned function types: signature -> engine-wide id.
    types: Mutex<HashMap<FuncType, u32>>,

    /// Background compilation for tier-up, started on first use.
    tier_up_pool: OnceLock<TierUpPool>,
    /// The epoch counter (see [`crate::epoch`]).
    epoch: Arc<crate::epoch::EpochState>,
}

/// A configured compilation and execution environment. Cheap to clone;
/// modules and stores of one engine work together.
#[derive(Clone)]
pub struct Engine(Arc<EngineInner>);

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("tier", &self.0.config.tier)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine running code with `backend` alone, whatever `config.tier`
    /// says (the engine's configuration names the backend's tier).
    pub fn with_backend(config: &Config, backend: Arc<dyn Backend>) -> Result<Engine> {
        let mut config = config.clone();
        config.tier = backend.tier();
        Engine::with_backends(&config, vec![backend])
    }

    /// An engine with the tiers `backends` (the facade passes every tier
    /// compiled in), running code with the one of `config.tier`; the others
    /// serve `Config::tier_mix` and [`crate::Module::set_function_tier`].
    pub fn with_backends(config: &Config, backends: Vec<Arc<dyn Backend>>) -> Result<Engine> {
        let mut table: Backends = Default::default();
        for b in backends {
            let i = b.tier().code_index();
            table[i] = Some(b);
        }
        // `Tier::Auto` starts every function in the interpreter.
        let base = if config.tier == Tier::Auto {
            Tier::Interp
        } else {
            config.tier
        };
        let backend = table[base.code_index()]
            .clone()
            .filter(|b| b.tier() == base)
            .ok_or(ErrorKind::TierUnavailable(config.tier.name()))?;
        let unsupported = config.features.unsupported_enabled();
        if !unsupported.is_empty() {
            return Err(Error::from(ErrorKind::Usage(format!(
                "WebAssembly feature(s) not supported by concord yet: {}",
                unsupported.join(", ")
            ))));
        }
        Ok(Engine(Arc::new(EngineInner {
            config: config.clone(),
            backend,
            backends: table,
            types: Mutex::new(HashMap::new()),
            tier_up_pool: OnceLock::new(),
            epoch: Arc::default(),
        })))
    }

    /// Advances the engine's epoch by one tick. Any thread may call it at
    /// any time; code running in the engine's stores (with
    /// [`Config::epoch_interruption`]) sees it at its next function entry or
    /// loop header, and a store whose deadline it reaches stops (or runs its
    /// deadline callback). Host functions blocked in an [`crate::Interrupt`]
    /// wait wake up.
    pub fn increment_epoch(&self) {
        self.0.epoch.increment();
    }

    /// The current epoch.
    pub fn current_epoch(&self) -> u64 {
        self.0.epoch.current()
    }

    pub(crate) fn epoch_state(&self) -> &Arc<crate::epoch::EpochState> {
        &self.0.epoch
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// The tier new modules' functions start in: [`Config::tier`], or the
    /// interpreter under [`Tier::Auto`].
    pub fn base_tier(&self) -> Tier {
        self.0.backend.tier()
    }

    /// The tiers hot functions move through under [`Tier::Auto`]
    /// ([`crate::TierUpConfig::path`], keeping those the engine has), or
    /// `None` when there is nothing to tier up to.
    pub fn tier_up_path(&self) -> Option<Vec<Tier>> {
        if self.0.config.tier != Tier::Auto {
            return None;
        }
        let path: Vec<Tier> = self
            .0
            .config
            .tier_up
            .path
            .tiers()
            .iter()
            .copied()
            .filter(|&t| self.backend_for(t).is_some())
            .collect();
        (!path.is_empty()).then_some(path)
    }

    /// The background compilation pool, started with `threads` threads on
    /// first use.
    pub(crate) fn tier_up_pool(&self, threads: usize) -> &TierUpPool {
        self.0.tier_up_pool.get_or_init(|| TierUpPool::new(threads))
    }

    /// The backend running code.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.0.backend
    }

    /// The backend of `tier`, if the engine has it.
    pub fn backend_for(&self, tier: Tier) -> Option<&Arc<dyn Backend>> {
        self.0.backends[tier.code_index()].as_ref().filter(|b| b.tier() == tier)
    }

    /// The engine's tiers, in [`Tier::CODE`] order.
    pub fn tiers(&self) -> Vec<Tier> {
        self.0.backends.iter().flatten().map(|b| b.tier()).collect()
    }

    pub(crate) fn backends(&self) -> &Backends {
        &self.0.backends
    }

    /// Whether two handles are the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// Decodes and validates a module, its types interned in the engine.
    pub(crate) fn parse(&self, bytes: Arc<Vec<u8>>) -> Result<crate::module::ModuleInfo> {
        crate::module::parse(
            bytes,
            self.0.config.features,
            &|t| self.intern_type(t),
            self.0.config.parallel_compilation,
        )
    }

    /// The engine-wide id of a function type: equal types get equal ids.
    pub fn intern_type(&self, ty: &FuncType) -> u32 {
        let mut types = self.0.types.lock().unwrap_or_else(|e| e.into_inner());
        let next = types.len() as u32;
        *types.entry(ty.clone()).or_insert(next)
    }
}
