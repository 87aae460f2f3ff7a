//! `wasmi`: concord against an independent implementation. The same module
//! and calls run on concord's interpreter and on the `wasmi` crate (a
//! fuzz-only dependency, the `wasmi` feature) must give the same results,
//! traps, host calls and final exported state. concord's tiers share their
//! decoder, validator and core, so the `differential` target cannot see a
//! bug they share; this one can.
//!
//! Compared: each step's outcome (results, or the trap's kind), the host
//! calls it made, and the final memories, tables and globals. Not
//! compared: fuel (the two engines charge different costs). Both run under
//! fuel only to end runaway loops: from the first step where either runs
//! out of fuel or exhausts its stack, comparison stops (the earlier steps
//! are still compared).
//!
//! Modules use what both implement: Wasm 2.0 without SIMD (wasmi's crashed,
//! see [`smith_config`]), plus multi-memory,
//! memory64, extended constants and tail calls (wasmi has no exception
//! handling and no typed function references). NaNs are canonicalized, so
//! floats are compared bit for bit. Modules using `ref.is_null` are
//! skipped: wasmi 2.0.0 gets it wrong in front of `select` (found by this
//! target; `regressions/wasmi/wasmi-ref-is-null-select`).

use arbitrary::Unstructured;
use concord::TrapCode;

use crate::generate::{self, Arg, Call};
use crate::oracle::{Outcome, Run, State, Step, Value};

/// wasmi's fuel per call: generous, so that wasmi (whose costs per operator
/// are lower than concord's for most code) rarely runs out first.
const WASMI_FUEL_PER_CALL: u64 = 4 * crate::FUEL_PER_CALL;

/// wasm-smith's configuration: [`generate::smith_config`] without what
/// wasmi does not implement.
pub fn smith_config() -> wasm_smith::Config {
    wasm_smith::Config {
        exceptions_enabled: false,
        // wasmi 2.0.0's SIMD handlers crashed (a segmentation fault in
        // `v128_splat_u16_si`, `regressions/wasmi/wasmi-simd-segfault`):
        // SIMD stays off here; `differential` and the spec suites cover it.
        simd_enabled: false,
        relaxed_simd_enabled: false,
        ..generate::smith_config(true)
    }
}

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(module) = wasm_smith::Module::new(smith_config(), &mut u) else {
        return;
    };
    let bytes = module.to_bytes();
    if uses_ref_is_null(&bytes) {
        return;
    }
    let engine =
        concord::Engine::new(&crate::base_config().tier(concord::Tier::Interp).clone()).expect("an interpreter engine");
    let module = concord::Module::from_binary(&engine, &bytes)
        .unwrap_or_else(|e| panic!("concord rejected a valid module: {e}"));
    let calls = generate::calls(&mut u, &module).unwrap_or_default();
    let ours = crate::oracle::run_module("interp", &module, &calls);
    let theirs = run_wasmi(&bytes, &calls);
    compare(&ours, &theirs, &bytes);
}

/// Whether a function of the module uses `ref.is_null`, which wasmi 2.0.0
/// gets wrong when it feeds a `select` directly (it selects as if a
/// non-null reference were null; through a local it is right). Such
/// modules are not compared; concord's tiers compare them with each other
/// in `differential`.
fn uses_ref_is_null(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0)
        .parse_all(bytes)
        .any(|payload| match payload {
            Ok(wasmparser::Payload::CodeSectionEntry(body)) => body
                .get_operators_reader()
                .into_iter()
                .flatten()
                .any(|op| matches!(op, Ok(wasmparser::Operator::RefIsNull))),
            _ => false,
        })
}

/// The steps that both engines completed without running out of fuel or
/// stack, and whether the comparison stops early.
fn comparable(a: &Run, b: &Run) -> (usize, bool) {
    let stops = |s: &Step| {
        matches!(
            s.outcome,
            Outcome::Trapped(TrapCode::OutOfFuel) | Outcome::Trapped(TrapCode::StackOverflow)
        )
    };
    let n = a.steps.len().min(b.steps.len());
    match (0..n).find(|&i| stops(&a.steps[i]) || stops(&b.steps[i])) {
        Some(i) => (i, true),
        None => (n, false),
    }
}

/// concord's trap codes as wasmi distinguishes them: wasmi reports an
/// index past a table's end as `TableOutOfBounds` (concord: `undefined
/// element` for `call_indirect`) and a null function reference as one
/// code (concord: `uninitialized element` or `null reference`).
fn normalize(run: &Run) -> Run {
    let mut run = run.clone();
    for step in &mut run.steps {
        if let Outcome::Trapped(code) = &mut step.outcome {
            *code = match *code {
                TrapCode::UndefinedElement => TrapCode::TableOutOfBounds,
                TrapCode::NullReference => TrapCode::UninitializedElement,
                c => c,
            };
        }
        // Instantiation: whether it succeeded (wasmi reports some failures,
        // such as a segment out of bounds, as errors rather than traps).
        let stops = matches!(
            step.outcome,
            Outcome::Trapped(TrapCode::OutOfFuel) | Outcome::Trapped(TrapCode::StackOverflow)
        );
        if step.what == "instantiate" && !stops && step.outcome != Outcome::Returned(Vec::new()) {
            step.outcome = Outcome::Failed("instantiation");
        }
    }
    // The engines list exports in different orders.
    if let Some(state) = &mut run.state {
        state.memories.sort_by(|a, b| a.0.cmp(&b.0));
        state.tables.sort_by(|a, b| a.0.cmp(&b.0));
        state.globals.sort_by(|a, b| a.0.cmp(&b.0));
    }
    run
}

/// Asserts that concord's run `a` and wasmi's run `b` agree.
///
/// # Panics
///
/// On the first divergence.
pub fn compare(a: &Run, b: &Run, module: &[u8]) {
    let (a, b) = (&normalize(a), &normalize(b));
    let (n, stopped) = comparable(a, b);
    let dump = || crate::differential::wasmprinter_or_len(module);
    for (sa, sb) in a.steps[..n].iter().zip(&b.steps[..n]) {
        assert_eq!(
            (&sa.what, &sa.outcome),
            (&sb.what, &sb.outcome),
            "step `{}` differs between concord (left) and wasmi (right)\n{}",
            sa.what,
            dump()
        );
        if sa.host_calls != sb.host_calls {
            let first = sa.host_calls.iter().zip(&sb.host_calls).position(|(x, y)| x != y);
            panic!(
                "step `{}`: host calls differ: concord made {}, wasmi {}; first difference at {first:?}: {:?} / {:?}\n{}",
                sa.what,
                sa.host_calls.len(),
                sb.host_calls.len(),
                first.map(|i| &sa.host_calls[i]),
                first.map(|i| &sb.host_calls[i]),
                dump()
            );
        }
    }
    if stopped {
        return;
    }
    assert_eq!(
        a.steps.len(),
        b.steps.len(),
        "concord and wasmi made different numbers of steps"
    );
    match (&a.state, &b.state) {
        (Some(x), Some(y)) => {
            assert_eq!(
                x.globals,
                y.globals,
                "globals differ between concord and wasmi\n{}",
                dump()
            );
            assert_eq!(
                x.tables,
                y.tables,
                "tables differ between concord and wasmi\n{}",
                dump()
            );
            assert_eq!(x.memories.len(), y.memories.len());
            for ((na, ma), (nb, mb)) in x.memories.iter().zip(&y.memories) {
                assert_eq!(na, nb);
                assert!(
                    ma == mb,
                    "memory {na} differs between concord ({} bytes) and wasmi ({} bytes), first at byte {:?}\n{}",
                    ma.len(),
                    mb.len(),
                    ma.iter().zip(mb).position(|(p, q)| p != q),
                    dump()
                );
            }
        }
        (None, None) => {}
        _ => panic!("concord and wasmi disagree on whether the instance exists\n{}", dump()),
    }
}

/// A wasmi trap as concord's trap code, where the two name the same thing.
fn trap_code(code: wasmi::TrapCode) -> Option<TrapCode> {
    use wasmi::TrapCode as W;
    Some(match code {
        W::UnreachableCodeReached => TrapCode::Unreachable,
        W::MemoryOutOfBounds => TrapCode::MemoryOutOfBounds,
        W::TableOutOfBounds => TrapCode::TableOutOfBounds,
        W::IndirectCallToNull => TrapCode::UninitializedElement,
        W::IntegerDivisionByZero => TrapCode::IntegerDivisionByZero,
        W::IntegerOverflow => TrapCode::IntegerOverflow,
        W::BadConversionToInteger => TrapCode::BadConversionToInteger,
        W::StackOverflow => TrapCode::StackOverflow,
        W::BadSignature => TrapCode::IndirectCallTypeMismatch,
        W::OutOfFuel => TrapCode::OutOfFuel,
        _ => return None,
    })
}

fn outcome_of_error(e: &wasmi::Error) -> Outcome {
    match e.as_trap_code().and_then(trap_code) {
        Some(code) => Outcome::Trapped(code),
        // concord reports a failed instantiation (a segment out of bounds)
        // as a trap too; both sides must at least fail.
        None => Outcome::Failed("wasmi error"),
    }
}

#[derive(Default)]
struct HostState {
    log: Vec<String>,
    calls: u32,
}

/// As the concord oracle's host functions: log the arguments (in concord's
/// `Val` debug form), return the call count in integer results.
fn host_func(store: &mut wasmi::Store<HostState>, name: String, ty: wasmi::FuncType) -> wasmi::Func {
    wasmi::Func::new(&mut *store, ty, move |mut caller, params, results| {
        let args: Vec<String> = params
            .iter()
            .map(|p| match p {
                wasmi::Val::I32(x) => format!("{:?}", concord::Val::I32(*x)),
                wasmi::Val::I64(x) => format!("{:?}", concord::Val::I64(*x)),
                wasmi::Val::F32(x) => format!("{:?}", concord::Val::F32(x.to_bits())),
                wasmi::Val::F64(x) => format!("{:?}", concord::Val::F64(x.to_bits())),
                wasmi::Val::V128(x) => format!("{:?}", concord::Val::V128(x.as_u128())),
                wasmi::Val::FuncRef(f) => format!("funcref({})", if f.is_null() { "null" } else { "func" }),
                wasmi::Val::ExternRef(e) => format!("externref({})", if e.is_null() { "null" } else { "ref" }),
            })
            .collect();
        let data = caller.data_mut();
        data.calls += 1;
        let n = data.calls;
        data.log.push(format!("{name}({})", args.join(", ")));
        for r in results.iter_mut() {
            match r {
                wasmi::Val::I32(x) => *x = n as i32,
                wasmi::Val::I64(x) => *x = n.into(),
                _ => {}
            }
        }
        Ok(())
    })
}

fn default_val(ty: wasmi::ValType) -> wasmi::Val {
    wasmi::Val::default_for_ty(ty)
}

fn null_ref(ty: wasmi::RefType) -> wasmi::Ref {
    match ty {
        wasmi::RefType::Func => wasmi::Ref::Func(wasmi::Nullable::Null),
        wasmi::RefType::Extern => wasmi::Ref::Extern(wasmi::Nullable::Null),
    }
}

fn imports(store: &mut wasmi::Store<HostState>, module: &wasmi::Module) -> Result<Vec<wasmi::Extern>, wasmi::Error> {
    let imports: Vec<(String, wasmi::ExternType)> = module
        .imports()
        .map(|i| (format!("{}.{}", i.module(), i.name()), i.ty().clone()))
        .collect();
    imports
        .into_iter()
        .map(|(name, ty)| {
            Ok(match ty {
                wasmi::ExternType::Func(f) => host_func(store, name, f).into(),
                wasmi::ExternType::Memory(m) => wasmi::Memory::new(&mut *store, m)?.into(),
                wasmi::ExternType::Table(t) => wasmi::Table::new(&mut *store, t, null_ref(t.element()))?.into(),
                wasmi::ExternType::Global(g) => {
                    wasmi::Global::new(&mut *store, default_val(g.content()), g.mutability()).into()
                }
            })
        })
        .collect()
}

fn value(store: &wasmi::Store<HostState>, funcs: &[(String, wasmi::Func)], v: &wasmi::Val) -> Value {
    match v {
        wasmi::Val::I32(x) => Value::I32(*x),
        wasmi::Val::I64(x) => Value::I64(*x),
        wasmi::Val::F32(x) => Value::F32(x.to_bits()),
        wasmi::Val::F64(x) => Value::F64(x.to_bits()),
        wasmi::Val::V128(x) => Value::V128(x.as_u128()),
        wasmi::Val::FuncRef(f) => Value::FuncRef(f.val().map(|f| {
            funcs
                .iter()
                // wasmi's handles have no equality; their debug form names
                // the store and the index.
                .find(|(_, g)| format!("{g:?}") == format!("{f:?}"))
                .map_or_else(|| "?".to_owned(), |(n, _)| n.clone())
        })),
        wasmi::Val::ExternRef(e) => Value::ExternRef(
            e.val()
                .map(|e| e.data(store).downcast_ref::<u32>().copied().unwrap_or(u32::MAX)),
        ),
    }
}

fn arg(store: &mut wasmi::Store<HostState>, instance: &wasmi::Instance, a: &Arg) -> wasmi::Val {
    match a {
        Arg::I32(x) => wasmi::Val::I32(*x),
        Arg::I64(x) => wasmi::Val::I64(*x),
        Arg::F32(x) => wasmi::Val::F32(wasmi::F32::from_bits(*x)),
        Arg::F64(x) => wasmi::Val::F64(wasmi::F64::from_bits(*x)),
        Arg::V128(x) => wasmi::Val::V128(wasmi::V128::from(*x)),
        Arg::FuncRef(name) => wasmi::Val::FuncRef(
            name.as_ref()
                .and_then(|n| instance.get_func(&*store, n))
                .map_or(wasmi::Nullable::Null, wasmi::Nullable::Val),
        ),
        Arg::ExternRef(n) => wasmi::Val::ExternRef(match n {
            Some(n) => wasmi::Nullable::Val(wasmi::ExternRef::new(&mut *store, *n)),
            None => wasmi::Nullable::Null,
        }),
    }
}

fn state(store: &wasmi::Store<HostState>, instance: &wasmi::Instance, funcs: &[(String, wasmi::Func)]) -> State {
    let mut s = State::default();
    let exports: Vec<(String, wasmi::Extern)> = instance
        .exports(store)
        .map(|e| (e.name().to_owned(), e.into_extern()))
        .collect();
    for (name, ext) in exports {
        match ext {
            wasmi::Extern::Memory(m) => s.memories.push((name, m.data(store).to_vec())),
            wasmi::Extern::Table(t) => {
                let elems = (0..t.size(store))
                    .map(|i| match t.get(store, i) {
                        Some(wasmi::Ref::Func(f)) => value(store, funcs, &wasmi::Val::FuncRef(f)),
                        Some(wasmi::Ref::Extern(e)) => value(store, funcs, &wasmi::Val::ExternRef(e)),
                        None => panic!("wasmi: table {name}: element {i} below its size is out of bounds"),
                    })
                    .collect();
                s.tables.push((name, elems));
            }
            wasmi::Extern::Global(g) => s.globals.push((name, value(store, funcs, &g.get(store)))),
            wasmi::Extern::Func(_) => {}
        }
    }
    s
}

/// The wasmi engine configuration: the proposals of [`smith_config`], fuel.
fn wasmi_engine() -> wasmi::Engine {
    let mut config = wasmi::Config::default();
    config
        .wasm_multi_memory(true)
        .wasm_memory64(true)
        .wasm_extended_const(true)
        .wasm_tail_call(true)
        .wasm_simd(false)
        .consume_fuel(true);
    wasmi::Engine::new(&config)
}

/// Runs `bytes` and `calls` on wasmi, recorded as concord's oracle records
/// a tier's run.
///
/// # Panics
///
/// If wasmi rejects the module (generated modules are valid).
pub fn run_wasmi(bytes: &[u8], calls: &[Call]) -> Run {
    let engine = wasmi_engine();
    let module = wasmi::Module::new(&engine, bytes).unwrap_or_else(|e| panic!("wasmi rejected a valid module: {e}"));
    let mut store = wasmi::Store::new(&engine, HostState::default());
    let mut steps = Vec::new();
    let step = |store: &mut wasmi::Store<HostState>,
                what: String,
                f: &mut dyn FnMut(&mut wasmi::Store<HostState>) -> Outcome| {
        store.data_mut().log.clear();
        store.set_fuel(WASMI_FUEL_PER_CALL).expect("fuel is on");
        let outcome = f(store);
        Step {
            what,
            outcome,
            fuel: 0,
            host_calls: std::mem::take(&mut store.data_mut().log),
        }
    };
    let mut instance = None;
    steps.push(step(&mut store, "instantiate".to_owned(), &mut |store| {
        let imports = match imports(store, &module) {
            Ok(i) => i,
            Err(e) => return outcome_of_error(&e),
        };
        match wasmi::Instance::new(&mut *store, &module, &imports) {
            Ok(i) => {
                instance = Some(i);
                Outcome::Returned(Vec::new())
            }
            Err(e) => outcome_of_error(&e),
        }
    }));
    let Some(instance) = instance else {
        return Run {
            tier: "wasmi",
            steps,
            state: None,
        };
    };
    let funcs: Vec<(String, wasmi::Func)> = instance
        .exports(&store)
        .filter_map(|e| {
            let name = e.name().to_owned();
            e.into_func().map(|f| (name, f))
        })
        .collect();
    for call in calls {
        let func = instance
            .get_func(&store, &call.export)
            .unwrap_or_else(|| panic!("wasmi: export {} is missing", call.export));
        let args: Vec<wasmi::Val> = call.args.iter().map(|a| arg(&mut store, &instance, a)).collect();
        let results_ty = func.ty(&store).results().to_vec();
        let s = step(&mut store, call.export.clone(), &mut |store| {
            let mut results: Vec<wasmi::Val> = results_ty.iter().map(|&t| default_val(t)).collect();
            match func.call(&mut *store, &args, &mut results) {
                Ok(()) => Outcome::Returned(results.iter().map(|v| value(store, &funcs, v)).collect()),
                Err(e) => outcome_of_error(&e),
            }
        });
        let stop = matches!(
            s.outcome,
            Outcome::Trapped(TrapCode::StackOverflow) | Outcome::Trapped(TrapCode::OutOfFuel)
        );
        steps.push(s);
        if stop {
            return Run {
                tier: "wasmi",
                steps,
                state: None,
            };
        }
    }
    let state = state(&store, &instance, &funcs);
    Run {
        tier: "wasmi",
        steps,
        state: Some(state),
    }
}
