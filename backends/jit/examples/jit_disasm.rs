//! Prints the machine code the JIT emits for every function of a module
//! (or those whose name contains a filter), disassembled with iced-x86.
//!
//! `cargo run --release -p concord-jit --example jit_disasm -- FILE [--direct] [NAME...]`
//! (`--direct`: calls within the module as `call rel32`, as when the JIT
//! compiles the whole module).

use concord_core::{Config, Engine, Module, Tier};
use concord_jit::Jit;
use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("usage: jit_disasm FILE [NAME...]")?;
    let mut filters: Vec<String> = args.collect();
    let direct = filters.iter().any(|f| f == "--direct");
    filters.retain(|f| f != "--direct");
    let jit = Jit::new()?;
    let mut config = Config::new();
    config.tier(Tier::Jit);
    let engine = Engine::with_backend(&config, Arc::new(jit.clone()))?;
    let module = Module::new(&engine, std::fs::read(&file)?)?;
    let info = module.info();
    for def in 0..info.num_defined_funcs() {
        let name = info.frame_info(info.num_imported_funcs + def).to_string();
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let (code, traps) = jit.machine_code(info, def, &config, direct)?;
        println!("function {name} ({} bytes):", code.len());
        let mut decoder = Decoder::with_ip(64, &code, 0, DecoderOptions::NONE);
        let mut formatter = IntelFormatter::new();
        let mut text = String::new();
        for insn in &mut decoder {
            text.clear();
            formatter.format(&insn, &mut text);
            let trap = traps
                .binary_search_by_key(&(insn.ip() as u32), |t| t.0)
                .map(|i| format!("    ; trap: {:?}", traps[i].1))
                .unwrap_or_default();
            println!("  {:04x}  {text}{trap}", insn.ip());
        }
        println!();
    }
    Ok(())
}
