//! Running a module and its calls on one tier, with everything observable
//! recorded so that tiers can be compared.

use concord::{
    Engine, ErrorKind, Extern, ExternRef, ExternType, Func, Global, Instance, Memory, Module, Ref, Store, Table, Tag,
    TrapCode, Val,
};

use crate::FUEL_PER_CALL;
use crate::generate::{Arg, Call};

/// A value as a tier-independent record: references are named by the
/// export they are (or carry their host number), never by store handles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    /// Null, or the name of the exported function it is (`"?"` if none).
    FuncRef(Option<String>),
    /// Null, or the number the host reference carries.
    ExternRef(Option<u32>),
    /// Null, or an exception's payload.
    ExnRef(Option<Vec<Value>>),
}

/// How an instantiation or a call ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Returned(Vec<Value>),
    Trapped(TrapCode),
    /// An error other than a trap, by kind (messages may differ by tier).
    Failed(&'static str),
}

/// Instantiation (`what` = `"instantiate"`) or one call, as observed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub what: String,
    pub outcome: Outcome,
    /// Fuel the step consumed.
    pub fuel: u64,
    /// The host imports it called, with their arguments, in order.
    pub host_calls: Vec<String>,
}

/// The exported state of an instance.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    pub memories: Vec<(String, Vec<u8>)>,
    pub tables: Vec<(String, Vec<Value>)>,
    pub globals: Vec<(String, Value)>,
}

/// Everything one tier did with a module.
#[derive(Clone, Debug)]
pub struct Run {
    pub tier: &'static str,
    pub steps: Vec<Step>,
    /// The final state, unless instantiation failed or the Wasm stack was
    /// exhausted (after which tiers legitimately differ).
    pub state: Option<State>,
}

impl Run {
    /// Whether some step exhausted the Wasm stack (the depth at which that
    /// happens is tier-specific).
    pub fn stack_exhausted(&self) -> bool {
        self.steps
            .iter()
            .any(|s| s.outcome == Outcome::Trapped(TrapCode::StackOverflow))
    }
}

#[derive(Default)]
struct HostState {
    log: Vec<String>,
    calls: u32,
}

fn value(store: &Store<HostState>, funcs: &[(String, Func)], v: &Val) -> Value {
    match *v {
        Val::I32(x) => Value::I32(x),
        Val::I64(x) => Value::I64(x),
        Val::F32(x) => Value::F32(x),
        Val::F64(x) => Value::F64(x),
        Val::V128(x) => Value::V128(x),
        Val::FuncRef(f) => Value::FuncRef(f.map(|f| {
            funcs
                .iter()
                .find(|(_, g)| *g == f)
                .map_or_else(|| "?".to_owned(), |(n, _)| n.clone())
        })),
        Val::ExternRef(e) => {
            Value::ExternRef(e.map(|e| e.data(store).downcast_ref::<u32>().copied().unwrap_or(u32::MAX)))
        }
        Val::ExnRef(e) => Value::ExnRef(e.map(|e| e.payload(store).iter().map(|v| value(store, funcs, v)).collect())),
    }
}

fn outcome_of_error(e: &concord::Error) -> Outcome {
    match e.kind() {
        ErrorKind::Trap(t) => Outcome::Trapped(t.code()),
        ErrorKind::Decode(_) => Outcome::Failed("decode"),
        ErrorKind::Link(_) => Outcome::Failed("link"),
        ErrorKind::Compile(_) => Outcome::Failed("compile"),
        ErrorKind::Usage(_) => Outcome::Failed("usage"),
        ErrorKind::Host(_) => Outcome::Failed("host"),
        ErrorKind::TierUnavailable(_) => Outcome::Failed("tier unavailable"),
        _ => Outcome::Failed("other"),
    }
}

/// A host function for an import: logs its arguments and returns the number
/// of host calls so far in its integer results (zero or null otherwise).
fn host_func(store: &mut Store<HostState>, name: String, ty: concord::FuncType) -> Func {
    Func::new(&mut *store, ty, move |mut caller, params, results| {
        let args: Vec<String> = params
            .iter()
            .map(|p| match p {
                Val::FuncRef(f) => format!("funcref({})", if f.is_some() { "func" } else { "null" }),
                Val::ExternRef(e) => format!("externref({})", if e.is_some() { "ref" } else { "null" }),
                other => format!("{other:?}"),
            })
            .collect();
        let data = caller.data_mut();
        data.calls += 1;
        let n = data.calls;
        data.log.push(format!("{name}({})", args.join(", ")));
        for r in results.iter_mut() {
            match r {
                Val::I32(x) => *x = n as i32,
                Val::I64(x) => *x = n.into(),
                _ => {}
            }
        }
        Ok(())
    })
}

fn imports(store: &mut Store<HostState>, module: &Module) -> concord::Result<Vec<Extern>> {
    let imports: Vec<(String, ExternType)> = module.imports().map(|(m, n, t)| (format!("{m}.{n}"), t)).collect();
    imports
        .into_iter()
        .map(|(name, ty)| {
            Ok(match ty {
                ExternType::Func(f) => host_func(store, name, f).into(),
                ExternType::Memory(m) => Memory::new(&mut *store, m)?.into(),
                ExternType::Table(t) => Table::new(&mut *store, t, Ref::null(t.element))?.into(),
                ExternType::Global(g) => Global::new(&mut *store, g, Val::default_for(g.content))?.into(),
                ExternType::Tag(t) => Tag::new(&mut *store, &t)?.into(),
            })
        })
        .collect()
}

fn arg(store: &mut Store<HostState>, instance: &Instance, a: &Arg) -> Val {
    match a {
        Arg::I32(x) => Val::I32(*x),
        Arg::I64(x) => Val::I64(*x),
        Arg::F32(x) => Val::F32(*x),
        Arg::F64(x) => Val::F64(*x),
        Arg::V128(x) => Val::V128(*x),
        Arg::FuncRef(name) => Val::FuncRef(name.as_ref().and_then(|n| instance.get_func(&*store, n))),
        Arg::ExternRef(n) => Val::ExternRef(n.map(|n| ExternRef::new(&mut *store, n))),
    }
}

fn state(store: &Store<HostState>, instance: &Instance, funcs: &[(String, Func)]) -> State {
    let mut s = State::default();
    for (name, ext) in instance.exports(store) {
        match ext {
            Extern::Memory(m) => s.memories.push((name, m.data(store).to_vec())),
            Extern::Table(t) => {
                let elems = (0..t.size(store))
                    .map(|i| match t.get(store, i) {
                        Some(Ref::Func(f)) => value(store, funcs, &Val::FuncRef(f)),
                        Some(Ref::Extern(e)) => value(store, funcs, &Val::ExternRef(e)),
                        None => panic!("table {name}: element {i} below its size is out of bounds"),
                    })
                    .collect();
                s.tables.push((name, elems));
            }
            Extern::Global(g) => s.globals.push((name, value(store, funcs, &g.get(store)))),
            Extern::Func(_) | Extern::Tag(_) => {}
        }
    }
    s
}

/// Compiles `bytes` (a valid module) with `engine`, instantiates it with
/// host imports, makes `calls` under [`FUEL_PER_CALL`] each, and records
/// everything. Stops after a trap in instantiation or an exhausted stack.
///
/// # Panics
///
/// If the tier rejects the module: generated modules are valid and use
/// only implemented proposals.
pub fn run(tier: &'static str, engine: &Engine, bytes: &[u8], calls: &[Call]) -> Run {
    let module = Module::from_binary(engine, bytes).unwrap_or_else(|e| panic!("{tier} rejected a valid module: {e}"));
    run_module(tier, &module, calls)
}

/// [`run`] with a compiled module.
pub fn run_module(tier: &'static str, module: &Module, calls: &[Call]) -> Run {
    let mut store = Store::new(module.engine(), HostState::default());
    let mut steps = Vec::new();
    let run = |store: &mut Store<HostState>, what: String, f: &mut dyn FnMut(&mut Store<HostState>) -> Outcome| {
        store.data_mut().log.clear();
        store.set_fuel(FUEL_PER_CALL).expect("fuel is on");
        let outcome = f(store);
        let left = store.get_fuel().expect("fuel is on");
        assert!(
            left <= FUEL_PER_CALL,
            "{tier}: fuel grew from {FUEL_PER_CALL} to {left}"
        );
        Step {
            what,
            outcome,
            fuel: FUEL_PER_CALL - left,
            host_calls: std::mem::take(&mut store.data_mut().log),
        }
    };

    let mut instance = None;
    let step = run(&mut store, "instantiate".to_owned(), &mut |store| {
        let imports = match imports(store, module) {
            Ok(i) => i,
            Err(e) => return outcome_of_error(&e),
        };
        match Instance::new(&mut *store, module, &imports) {
            Ok(i) => {
                instance = Some(i);
                Outcome::Returned(Vec::new())
            }
            Err(e) => outcome_of_error(&e),
        }
    });
    steps.push(step);
    let Some(instance) = instance else {
        return Run {
            tier,
            steps,
            state: None,
        };
    };
    let funcs: Vec<(String, Func)> = instance
        .exports(&store)
        .into_iter()
        .filter_map(|(n, e)| e.into_func().map(|f| (n, f)))
        .collect();

    for call in calls {
        let func = instance
            .get_func(&store, &call.export)
            .unwrap_or_else(|| panic!("{tier}: export {} is missing", call.export));
        let args: Vec<Val> = call.args.iter().map(|a| arg(&mut store, &instance, a)).collect();
        let results_ty = func.ty(&store).results().to_vec();
        let step = run(&mut store, call.export.clone(), &mut |store| {
            let mut results: Vec<Val> = results_ty.iter().map(|&t| Val::default_for(t)).collect();
            match func.call(&mut *store, &args, &mut results) {
                Ok(()) => Outcome::Returned(results.iter().map(|v| value(store, &funcs, v)).collect()),
                Err(e) => outcome_of_error(&e),
            }
        });
        let exhausted = step.outcome == Outcome::Trapped(TrapCode::StackOverflow);
        steps.push(step);
        if exhausted {
            return Run {
                tier,
                steps,
                state: None,
            };
        }
    }
    let state = state(&store, &instance, &funcs);
    for (name, bytes) in &state.memories {
        assert!(
            bytes.len() as u64 <= crate::MAX_MEMORY_PAGES * 65536,
            "{tier}: memory {name} grew to {} bytes, past its declared maximum",
            bytes.len()
        );
    }
    Run {
        tier,
        steps,
        state: Some(state),
    }
}
