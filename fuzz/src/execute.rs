//! `execute`: wasm-smith modules, every implemented proposal on, run on
//! every tier with generated arguments under fuel and memory limits. The
//! oracle is the absence of panics, crashes and hangs (fuel bounds every
//! instantiation and call), plus the limits themselves: no step consumes
//! more fuel than it was given and no memory grows past its maximum.
//! NaN bit patterns are left free here (see [`crate::differential`]).

use arbitrary::Unstructured;

use crate::generate;
use crate::oracle;

/// Runs one input.
pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(bytes) = generate::module(&mut u, false) else {
        return;
    };
    let mut calls = None;
    for (tier, engine) in crate::engines() {
        let module = concord::Module::from_binary(&engine, &bytes)
            .unwrap_or_else(|e| panic!("{tier} rejected a valid module: {e}"));
        if calls.is_none() {
            calls = Some(generate::calls(&mut u, &module).unwrap_or_default());
        }
        oracle::run_module(tier, &module, calls.as_deref().unwrap_or_default());
    }
}
