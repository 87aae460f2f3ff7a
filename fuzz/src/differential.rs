//! `differential`: the same module and calls on every tier of
//! [`crate::tiers`] give the same results, trap codes, host calls, fuel
//! consumed and final exported memories, tables and globals.
//!
//! Known legitimate differences, handled here:
//!
//! - **NaN bit patterns.** Wasm lets a float operation return any NaN
//!   (sign and payload are nondeterministic), and concord has no
//!   deterministic-NaN mode, so tiers may differ in them. Modules are
//!   generated with wasm-smith's `canonicalize_nans`, which follows every
//!   float operation that can produce a NaN with a canonicalization, so
//!   results, globals and memory bytes are compared bit for bit.
//! - **Stack depth at exhaustion.** The interpreter's frames and the native
//!   frames of the JIT and of Cranelift differ in size, so a deep recursion
//!   exhausts the stack at different depths (or on one tier only). From the first step where any
//!   tier reports `StackOverflow`, comparison stops: the earlier steps are
//!   still compared, the state after is not.

use arbitrary::Unstructured;

use crate::generate;
use crate::oracle::{self, Run};

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(bytes) = generate::module(&mut u, true) else {
        return;
    };
    let engines = crate::engines();
    let mut runs = Vec::new();
    let mut calls = None;
    for (tier, engine) in &engines {
        // Tier-up at a threshold taken from the input: 0 (every function at
        // its first call, every loop at its first header) up to a few
        // hundred (functions and frames move mid-run).
        let auto_engine;
        let engine = if *tier == "auto" {
            let threshold = match u.int_in_range(0..=3u8).unwrap_or(0) {
                0 => 0,
                1 => 1,
                _ => u.int_in_range(2..=500u32).unwrap_or(2),
            };
            let mut config = crate::auto_config(crate::base_config(), threshold);
            // Through the JIT too, when the build has it.
            if concord::Engine::available_tiers().contains(&concord::Tier::Jit) {
                config.tier_up.path = match u.int_in_range(0..=2u8).unwrap_or(0) {
                    0 => concord::TierUpPath::Cranelift,
                    1 => concord::TierUpPath::Jit,
                    _ => concord::TierUpPath::JitThenCranelift,
                };
            }
            auto_engine = concord::Engine::new(&config).expect("an auto engine");
            &auto_engine
        } else {
            engine
        };
        let module = concord::Module::from_binary(engine, &bytes)
            .unwrap_or_else(|e| panic!("{tier} rejected a valid module: {e}"));
        if calls.is_none() {
            calls = Some(generate::calls(&mut u, &module).unwrap_or_default());
        }
        runs.push(oracle::run_module(tier, &module, calls.as_deref().unwrap_or_default()));
    }
    for other in &runs[1..] {
        compare(&runs[0], other, &bytes);
    }
}

/// Asserts that two runs of the same module and calls agree.
///
/// # Panics
///
/// On the first divergence, naming the step, both tiers and the module.
pub fn compare(a: &Run, b: &Run, module: &[u8]) {
    let dump = || wasmprinter_or_len(module);
    for (sa, sb) in a.steps.iter().zip(&b.steps) {
        let overflow = oracle::Outcome::Trapped(concord::TrapCode::StackOverflow);
        if sa.outcome == overflow || sb.outcome == overflow {
            // Tier-specific depth: nothing after this is comparable.
            return;
        }
        assert_eq!(
            sa,
            sb,
            "step `{}` differs between {} (left) and {} (right)\n{}",
            sa.what,
            a.tier,
            b.tier,
            dump()
        );
    }
    assert_eq!(
        a.steps.len(),
        b.steps.len(),
        "{} and {} made different numbers of steps",
        a.tier,
        b.tier
    );
    if a.stack_exhausted() || b.stack_exhausted() {
        return;
    }
    match (&a.state, &b.state) {
        (Some(x), Some(y)) => {
            for ((na, ma), (nb, mb)) in x.memories.iter().zip(&y.memories) {
                assert_eq!(na, nb);
                assert!(
                    ma.len() == mb.len(),
                    "memory {na}: {} has {} bytes, {} has {}\n{}",
                    a.tier,
                    ma.len(),
                    b.tier,
                    mb.len(),
                    dump()
                );
                if let Some(i) = ma.iter().zip(mb).position(|(p, q)| p != q) {
                    panic!(
                        "memory {na} differs first at byte {i}: {} has {:#04x}, {} has {:#04x}\n{}",
                        a.tier,
                        ma[i],
                        b.tier,
                        mb[i],
                        dump()
                    );
                }
            }
            assert_eq!(
                x.tables,
                y.tables,
                "tables differ between {} and {}\n{}",
                a.tier,
                b.tier,
                dump()
            );
            assert_eq!(
                x.globals,
                y.globals,
                "globals differ between {} and {}\n{}",
                a.tier,
                b.tier,
                dump()
            );
            assert_eq!(x.memories.len(), y.memories.len());
        }
        (None, None) => {}
        _ => panic!("{} and {} disagree on whether the instance exists", a.tier, b.tier),
    }
}

/// The module as text when it prints, else its size (for failure messages).
pub(crate) fn wasmprinter_or_len(module: &[u8]) -> String {
    format!("(module of {} bytes; replay the input to inspect it)", module.len())
}
