//! The linker: resolves a module's imports by name.

use crate::engine::Engine;
use crate::error::{LinkError, Result};
use crate::externals::Extern;
use crate::func::{Caller, Func, IntoFunc};
use crate::instance::Instance;
use crate::module::Module;
use crate::store::{AsContextMut, StoreContextMut, StoreId};
use crate::types::FuncType;
use crate::values::{RawVal, Val};
use hashbrown::HashMap;
use hashbrown::hash_map::Entry;
use std::sync::Arc;

/// Places a host function definition in a store (once per store).
type PlaceFn<T> = dyn Fn(StoreContextMut<'_, T>) -> Func + Send + Sync;

enum Definition<T> {
    Extern(Extern),
    /// A host function not yet placed in any store; instantiated per store
    /// by its placer, which keeps the closure's concrete type (see
    /// [`Func::wrap`]).
    Host(Arc<PlaceFn<T>>),
}

impl<T> Clone for Definition<T> {
    fn clone(&self) -> Self {
        match self {
            Definition::Extern(e) => Definition::Extern(*e),
            Definition::Host(f) => Definition::Host(f.clone()),
        }
    }
}

/// Names definitions (`module::name`) and instantiates modules against them.
pub struct Linker<T> {
    engine: Engine,
    defs: HashMap<(String, String), Definition<T>>,
    allow_shadowing: bool,
    /// Host functions already placed in a store, per definition.
    placed: HashMap<(StoreId, String, String), Func>,
}

impl<T: 'static> Linker<T> {
    /// An empty linker.
    pub fn new(engine: &Engine) -> Linker<T> {
        Linker {
            engine: engine.clone(),
            defs: HashMap::new(),
            allow_shadowing: false,
            placed: HashMap::new(),
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether a later definition may replace an earlier one of the same name.
    pub fn allow_shadowing(&mut self, allow: bool) -> &mut Self {
        self.allow_shadowing = allow;
        self
    }

    fn insert(&mut self, module: &str, name: &str, def: Definition<T>) -> Result<&mut Self> {
        match self.defs.entry((module.to_string(), name.to_string())) {
            Entry::Occupied(mut old) => {
                if !self.allow_shadowing {
                    return Err(LinkError::Duplicate {
                        module: module.into(),
                        name: name.into(),
                    }
                    .into());
                }
                old.insert(def);
                // The old definition's functions placed in stores go too.
                self.placed.retain(|(_, m, n), _| !(m == module && n == name));
            }
            Entry::Vacant(new) => {
                new.insert(def);
            }
        }
        Ok(self)
    }

    /// Defines `module::name` as an existing entity.
    pub fn define(&mut self, module: &str, name: &str, item: impl Into<Extern>) -> Result<&mut Self> {
        self.insert(module, name, Definition::Extern(item.into()))
    }

    /// Defines `module::name` as a host function from a typed closure.
    pub fn func_wrap<Params, Results>(
        &mut self,
        module: &str,
        name: &str,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Result<&mut Self> {
        let (ty, f) = func.into_func();
        let f = Arc::new(f);
        let place = move |store: StoreContextMut<'_, T>| {
            let f = f.clone();
            Func::new_raw(store, ty.clone(), move |c: Caller<'_, T>, v: &mut [RawVal]| f(c, v))
        };
        self.insert(module, name, Definition::Host(Arc::new(place)))
    }

    /// Defines `module::name` as a host function with a dynamic signature.
    pub fn func_new(
        &mut self,
        module: &str,
        name: &str,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Result<&mut Self> {
        let func = Arc::new(func);
        let place = move |store: StoreContextMut<'_, T>| {
            let func = func.clone();
            Func::new(store, ty.clone(), move |c, p, r| func(c, p, r))
        };
        self.insert(module, name, Definition::Host(Arc::new(place)))
    }

    /// Defines every export of `instance` under the module name `module`.
    pub fn instance(
        &mut self,
        mut store: impl AsContextMut<Data = T>,
        module: &str,
        instance: Instance,
    ) -> Result<&mut Self> {
        for (name, ext) in instance.exports(store.as_context_mut()) {
            self.define(module, &name, ext)?;
        }
        Ok(self)
    }

    /// The definition of `module::name` as an entity of `store`.
    pub fn get(&mut self, mut store: impl AsContextMut<Data = T>, module: &str, name: &str) -> Option<Extern> {
        let key = (module.to_string(), name.to_string());
        let def = self.defs.get(&key)?.clone();
        let id = store.as_context_mut().opaque().id;
        Some(match def {
            Definition::Extern(e) => e,
            Definition::Host(place) => {
                let placed_key = (id, key.0, key.1);
                if let Some(f) = self.placed.get(&placed_key) {
                    return Some(Extern::Func(*f));
                }
                let func = place(store.as_context_mut());
                self.placed.insert(placed_key, func);
                Extern::Func(func)
            }
        })
    }

    /// Instantiates `module`, resolving each import by name.
    pub fn instantiate(&mut self, mut store: impl AsContextMut<Data = T>, module: &Module) -> Result<Instance> {
        let mut imports = Vec::with_capacity(module.info().imports.len());
        for import in &module.info().imports {
            match self.get(store.as_context_mut(), &import.module, &import.name) {
                Some(e) => imports.push(e),
                None => {
                    return Err(LinkError::UnknownImport {
                        module: import.module.clone(),
                        name: import.name.clone(),
                    }
                    .into());
                }
            }
        }
        Instance::new(store, module, &imports)
    }

    /// Instantiates `module` and defines its exports under `name`.
    pub fn module(&mut self, mut store: impl AsContextMut<Data = T>, name: &str, module: &Module) -> Result<Instance> {
        let instance = self.instantiate(store.as_context_mut(), module)?;
        self.instance(store, name, instance)?;
        Ok(instance)
    }
}

impl<T> std::fmt::Debug for Linker<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<_> = self.defs.keys().collect();
        names.sort();
        f.debug_struct("Linker").field("definitions", &names).finish()
    }
}
