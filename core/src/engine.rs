//! The engine: a configuration, a tier and the engine-wide type registry.

use crate::backend::Backend;
use crate::config::Config;
use crate::error::{Error, ErrorKind, Result};
use crate::types::FuncType;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct EngineInner {
    config: Config,
    backend: Arc<dyn Backend>,
    /// Interned function types: signature -> engine-wide id.
    types: Mutex<HashMap<FuncType, u32>>,
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
    /// An engine running code with `backend`. The facade crate picks the
    /// backend from `config.tier`; this is the constructor it uses.
    pub fn with_backend(config: &Config, backend: Arc<dyn Backend>) -> Result<Engine> {
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
            types: Mutex::new(HashMap::new()),
        })))
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// The backend running code.
    pub fn backend(&self) -> &Arc<dyn Backend> {
        &self.0.backend
    }

    /// Whether two handles are the same engine.
    pub fn same(a: &Engine, b: &Engine) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// The engine-wide id of a function type: equal types get equal ids.
    pub fn intern_type(&self, ty: &FuncType) -> u32 {
        let mut types = self.0.types.lock().unwrap_or_else(|e| e.into_inner());
        let next = types.len() as u32;
        *types.entry(ty.clone()).or_insert(next)
    }
}
