//! The typed-function-reference rewrite of generated modules
//! (`concord_fuzz::funcref`): its output validates, it generates every
//! construct it is meant to, and the tiers still agree on it.

use std::collections::BTreeMap;

use arbitrary::Unstructured;
use wasmparser::{Operator, Parser, Payload};

/// Deterministic pseudo-random inputs (xorshift) of 256 bytes to 16 KiB,
/// as `examples/campaign.rs` makes them.
fn inputs(count: usize) -> impl Iterator<Item = Vec<u8>> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..count).map(move |_| {
        let len = 256 << (next() % 7);
        (0..len).map(|_| next() as u8).collect()
    })
}

/// How many times each typed-reference construct occurs in `module`.
fn count(module: &[u8], counts: &mut BTreeMap<&'static str, usize>) {
    for payload in Parser::new(0).parse_all(module) {
        let Payload::CodeSectionEntry(body) = payload.unwrap() else {
            continue;
        };
        for local in body.get_locals_reader().unwrap() {
            if let (_, wasmparser::ValType::Ref(r)) = local.unwrap()
                && r.is_concrete_type_ref()
            {
                let name = if r.is_nullable() {
                    "(ref null $t) local"
                } else {
                    "(ref $t) local"
                };
                *counts.entry(name).or_default() += 1;
            }
        }
        for op in body.get_operators_reader().unwrap() {
            let name = match op.unwrap() {
                Operator::CallRef { .. } => "call_ref",
                Operator::ReturnCallRef { .. } => "return_call_ref",
                Operator::RefAsNonNull => "ref.as_non_null",
                Operator::BrOnNull { .. } => "br_on_null",
                Operator::BrOnNonNull { .. } => "br_on_non_null",
                Operator::RefIsNull => "ref.is_null",
                Operator::TypedSelect { .. } => "select (typed)",
                _ => continue,
            };
            *counts.entry(name).or_default() += 1;
        }
    }
}

/// Every rewritten module validates, under concord's features and under
/// wasmparser's (with typed function references), and each construct of
/// the rewrite comes up.
#[test]
fn rewritten_modules_validate_and_use_typed_references() {
    let engines = concord_fuzz::engines();
    let features = concord_fuzz::reference_features();
    assert!(features.contains(wasmparser::WasmFeatures::FUNCTION_REFERENCES));
    let mut counts = BTreeMap::new();
    let (mut modules, mut with_call_ref) = (0, 0);
    for data in inputs(300) {
        let mut u = Unstructured::new(&data);
        let Ok(module) = concord_fuzz::generate::module(&mut u, true) else {
            continue;
        };
        modules += 1;
        if let Err(e) = concord::Module::validate(&engines[0].1, &module) {
            panic!("concord rejects a rewritten module: {e}");
        }
        if let Err(e) = wasmparser::Validator::new_with_features(features).validate_all(&module) {
            panic!("wasmparser rejects a rewritten module: {e}");
        }
        let before = counts.get("call_ref").copied().unwrap_or(0) + counts.get("return_call_ref").copied().unwrap_or(0);
        count(&module, &mut counts);
        let after = counts.get("call_ref").copied().unwrap_or(0) + counts.get("return_call_ref").copied().unwrap_or(0);
        if after > before {
            with_call_ref += 1;
        }
    }
    eprintln!("{modules} modules, {with_call_ref} with call_ref or return_call_ref; {counts:?}");
    for name in [
        "call_ref",
        "return_call_ref",
        "ref.as_non_null",
        "br_on_null",
        "br_on_non_null",
        "ref.is_null",
        "select (typed)",
        "(ref $t) local",
        "(ref null $t) local",
    ] {
        assert!(
            counts.get(name).copied().unwrap_or(0) > 0,
            "no {name} in {modules} modules"
        );
    }
    // wasm-smith puts a direct call in about one module in six.
    assert!(
        with_call_ref * 20 >= modules,
        "only {with_call_ref} of {modules} modules have call_ref"
    );
}

/// A module without calls is copied as it is, and one whose calls are all
/// kept (no choices left) gains only the declarative segment.
#[test]
fn modules_without_choices_keep_their_code() {
    let engines = concord_fuzz::engines();
    let wat = r#"(module
        (func $f (param i32) (result i32) local.get 0)
        (func (export "g") (result i32) i32.const 7 call $f)
        (func (export "h") (result i32) i32.const 8 return_call $f))"#;
    let bytes = wat::parse_str(wat).unwrap();
    let rewritten = concord_fuzz::funcref::rewrite(&mut Unstructured::new(&[]), &bytes).unwrap();
    concord::Module::validate(&engines[0].1, &rewritten).unwrap();
    let mut counts = BTreeMap::new();
    count(&rewritten, &mut counts);
    assert!(counts.is_empty(), "{counts:?}");
    // Every choice taken: each call goes through a reference.
    let rewritten = concord_fuzz::funcref::rewrite(&mut Unstructured::new(&[1; 64]), &bytes).unwrap();
    concord::Module::validate(&engines[0].1, &rewritten).unwrap();
    count(&rewritten, &mut counts);
    assert_eq!(
        (counts.get("call_ref"), counts.get("return_call_ref")),
        (Some(&1), Some(&1))
    );
}

/// Whether the module generated from `data` calls through a typed reference.
fn calls_through_references(data: &[u8]) -> bool {
    let Ok(module) = concord_fuzz::generate::module(&mut Unstructured::new(data), true) else {
        return false;
    };
    let mut counts = BTreeMap::new();
    count(&module, &mut counts);
    counts.contains_key("call_ref") || counts.contains_key("return_call_ref")
}

/// The tiers agree on rewritten modules that call through references (the
/// differential oracle panics on any divergence).
#[test]
fn differential_on_rewritten_modules() {
    let mut runs = 0;
    for data in inputs(1_000).filter(|d| calls_through_references(d)).take(40) {
        concord_fuzz::differential::run(&data);
        runs += 1;
    }
    assert_eq!(runs, 40);
}

/// A rewritten module does what wasm-smith's did: on the interpreter, with
/// the same calls, the same results, traps, host calls and final state,
/// up to the first step that runs out of fuel or stack (the rewrite adds
/// instructions and locals, so it takes more of both).
#[test]
fn rewrite_keeps_behaviour() {
    use concord_fuzz::oracle::Outcome;
    let engines = concord_fuzz::engines();
    let engine = &engines[0].1;
    let mut compared = 0;
    for data in inputs(1_000).filter(|d| calls_through_references(d)).take(40) {
        let mut u = Unstructured::new(&data);
        let original = wasm_smith::Module::new(concord_fuzz::generate::smith_config(true), &mut u)
            .unwrap()
            .to_bytes();
        let rewritten = concord_fuzz::funcref::rewrite(&mut u, &original).unwrap();
        let original = concord::Module::from_binary(engine, &original).unwrap();
        let rewritten = concord::Module::from_binary(engine, &rewritten).unwrap();
        let calls = concord_fuzz::generate::calls(&mut u, &original).unwrap_or_default();
        let a = concord_fuzz::oracle::run_module("original", &original, &calls);
        let b = concord_fuzz::oracle::run_module("rewritten", &rewritten, &calls);
        let exhausted = |o: &Outcome| {
            matches!(
                o,
                Outcome::Trapped(concord::TrapCode::OutOfFuel | concord::TrapCode::StackOverflow)
            )
        };
        let mut complete = true;
        for (sa, sb) in a.steps.iter().zip(&b.steps) {
            if exhausted(&sa.outcome) || exhausted(&sb.outcome) {
                complete = false;
                break;
            }
            assert_eq!(
                (&sa.what, &sa.outcome, &sa.host_calls),
                (&sb.what, &sb.outcome, &sb.host_calls)
            );
        }
        if complete {
            assert_eq!(a.steps.len(), b.steps.len());
            assert_eq!(a.state, b.state);
        }
        compared += 1;
    }
    assert_eq!(compared, 40);
}
