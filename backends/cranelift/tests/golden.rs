//! Golden tests: for small Wasm inputs, the CLIF the translator produces
//! and the machine code Cranelift makes of it, checked in beside the input
//! (`tests/golden/NAME.wat` → `NAME.clif`, `NAME.s`). Set `CONCORD_BLESS=1`
//! to rewrite the expectations after an intended change, and review the
//! diff.

use concord_core::{Config, Engine, Module, Tier};
use concord_cranelift::Cranelift;
use std::path::Path;
use std::sync::Arc;

/// The byte offsets of the `loop` operators of defined function `def`.
fn loop_offsets(info: &concord_core::module::ModuleInfo, def: u32) -> Vec<u32> {
    let mut reader = info.function_body(def).get_operators_reader().unwrap();
    let mut loops = Vec::new();
    while !reader.eof() {
        let (op, offset) = reader.read_with_offset().unwrap();
        if matches!(op, concord_core::wasmparser::Operator::Loop { .. }) {
            loops.push(offset as u32);
        }
    }
    loops
}

fn check(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("CONCORD_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(_) => failures.push(format!(
            "{} differs (CONCORD_BLESS=1 rewrites it); now:\n{actual}",
            path.display()
        )),
        Err(_) => failures.push(format!("{} is missing (CONCORD_BLESS=1 writes it)", path.display())),
    }
}

#[test]
fn translator_output_matches_the_checked_in_expectations() {
    let cranelift = Cranelift::new().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let mut failures = Vec::new();
    for input in &inputs {
        let mut config = Config::new();
        config.tier(Tier::Cranelift);
        // `*-fuel.wat` inputs are compiled with fuel metering, `*-epoch.wat`
        // ones with epoch interruption checks, `*-checked.wat` ones without
        // guard pages (explicit bounds checks).
        config.wasm_feature("tail-call", true).unwrap();
        config.wasm_feature("memory64", true).unwrap();
        let stem = input.file_stem().unwrap().to_str().unwrap().to_owned();
        if stem.starts_with("exceptions") {
            config.wasm_feature("exceptions", true).unwrap();
        }
        config.consume_fuel(stem.ends_with("-fuel"));
        config.epoch_interruption(stem.ends_with("-epoch"));
        if stem.ends_with("-checked") {
            config.memory_reservation = 0;
        }
        let engine = Engine::with_backend(&config, Arc::new(cranelift.clone())).unwrap();
        let module = Module::new(&engine, std::fs::read(input).unwrap()).unwrap();
        let info = module.info();
        let mut clif = String::new();
        let mut asm = String::new();
        for def in 0..info.num_defined_funcs() {
            clif += &cranelift.clif(info, def, &config).unwrap();
            clif.push('\n');
            asm += &format!("function {}:\n", info.frame_info(info.num_imported_funcs + def));
            asm += &cranelift.disassembly(info, def, &config).unwrap();
            asm.push('\n');
            // `*-osr.wat`: also the OSR code (RFC 0007) entering each loop
            // of a nest, the outer one (the outermost loop) peeled.
            if stem.ends_with("-osr") {
                let loops = loop_offsets(info, def);
                let Some(&outer) = loops.first() else { continue };
                for &at in &loops {
                    let name = format!("OSR entry at loop {at:#x} (outer loop {outer:#x})");
                    clif += &format!(";; {name}\n");
                    clif += &cranelift.osr_clif(info, def, at, outer, &config).unwrap();
                    clif.push('\n');
                    asm += &format!("{name}:\n");
                    asm += &cranelift.osr_disassembly(info, def, at, outer, &config).unwrap();
                    asm.push('\n');
                }
            }
        }
        check(&input.with_extension("clif"), &clif, &mut failures);
        check(&input.with_extension("s"), &asm, &mut failures);
    }
    // The glue is shown once, for a type with every kind of value.
    let engine = Engine::with_backend(&Config::new(), Arc::new(cranelift.clone())).unwrap();
    let module = Module::new(
        &engine,
        "(module (type (func (param i32 i64 f32 f64 v128) (result f64 i32))))",
    )
    .unwrap();
    check(
        &dir.join("glue.clif"),
        &cranelift.glue_clif(module.info(), 0),
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
