//! Golden tests: the machine code the JIT emits for small Wasm inputs,
//! disassembled (Intel syntax, offsets from the function's start, trap
//! sites marked, runtime helpers named), checked in beside the input (`tests/golden/NAME.wat` →
//! `NAME.s`). Inputs ending in `-fuel` are compiled with fuel metering,
//! `-epoch` ones with epoch interruption checks, `-checked` ones without guard pages (explicit bounds checks), `-direct`
//! ones with direct calls, `-deterministic` ones with
//! `Config::relaxed_simd_deterministic` (relaxed SIMD, tail calls,
//! memory64 and exception handling are on for every input). Set
//! `CONCORD_BLESS=1` to rewrite the expectations after an intended change,
//! and review the diff.

use concord_core::machine::libcalls::{LibCall, address};
use concord_core::{Config, Engine, Module, Tier};
use concord_jit::Jit;
use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter, OpKind};
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

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

/// One instruction per line: offset, instruction, and the trap site
/// recorded at that offset, if any.
fn disassemble(code: &[u8], traps: &concord_jit::TrapTable) -> String {
    let mut decoder = Decoder::with_ip(64, code, 0, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    let mut out = String::new();
    let mut text = String::new();
    for insn in &mut decoder {
        text.clear();
        formatter.format(&insn, &mut text);
        // A runtime helper's address differs from run to run: its name.
        if insn.op_count() == 2
            && insn.op1_kind() == OpKind::Immediate64
            && let Some(lc) = LibCall::ALL
                .iter()
                .find(|&&lc| address(lc) as u64 == insn.immediate64())
        {
            text.truncate(text.find(',').unwrap() + 1);
            write!(text, "<{lc:?}>").unwrap();
        }
        let at = insn.ip() as u32;
        write!(out, "  {at:04x}  {text}").unwrap();
        if let Ok(i) = traps.binary_search_by_key(&at, |t| t.0) {
            write!(out, "    ; trap: {:?}", traps[i].1).unwrap();
        }
        out.push('\n');
    }
    out
}

#[test]
fn emitted_code_matches_the_checked_in_expectations() {
    let jit = Jit::new().unwrap();
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
        config.tier(Tier::Jit);
        config.wasm_feature("tail-call", true).unwrap();
        config.wasm_feature("memory64", true).unwrap();
        let stem = input.file_stem().unwrap().to_str().unwrap().to_owned();
        config.consume_fuel(stem.ends_with("-fuel"));
        config.epoch_interruption(stem.ends_with("-epoch"));
        if stem.ends_with("-checked") {
            config.memory_reservation = 0;
        }
        config.wasm_feature("relaxed-simd", true).unwrap();
        config.wasm_feature("exceptions", true).unwrap();
        config.relaxed_simd_deterministic(stem.ends_with("-deterministic"));
        let engine = Engine::with_backend(&config, Arc::new(jit.clone())).unwrap();
        let module = Module::new(&engine, std::fs::read(input).unwrap()).unwrap();
        let info = module.info();
        // `*-direct.wat` inputs are compiled with direct calls.
        let direct = stem.ends_with("-direct");
        let mut asm = String::new();
        for def in 0..info.num_defined_funcs() {
            let (code, traps) = jit.machine_code(info, def, &config, direct).unwrap();
            asm += &format!("function {}:\n", info.frame_info(info.num_imported_funcs + def));
            asm += &disassemble(&code, &traps);
            asm.push('\n');
        }
        check(&input.with_extension("s"), &asm, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
