//! Prints the CLIF and the machine code this tier makes of each function of
//! a module: `cargo run --release -p concord-cranelift --example disasm --
//! FILE.wasm|FILE.wat [--clif] [--osr LOOP_OFFSET[,OUTER_OFFSET]] [FUNC_INDEX...]`
//! (`--osr`: the CLIF of the OSR code entering the loop at that byte offset,
//! inside the OSR point at OUTER_OFFSET).

use concord_core::{Config, Engine, Module, Tier};
use concord_cranelift::Cranelift;
use std::sync::Arc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: disasm FILE [--clif] [FUNC_INDEX...]")?;
    let mut clif = false;
    let mut osr = None;
    let mut only = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--clif" {
            clif = true;
        } else if arg == "--osr" {
            let at = args.next().ok_or("--osr needs a loop offset")?;
            let (at, outer) = at.split_once(',').unwrap_or((&at, &at));
            let at = at.parse::<u32>().map_err(|e| format!("{at}: {e}"))?;
            let outer = outer.parse::<u32>().map_err(|e| format!("{outer}: {e}"))?;
            osr = Some((at, outer));
        } else {
            only.push(arg.parse::<u32>().map_err(|e| format!("{arg}: {e}"))?);
        }
    }
    let cranelift = Cranelift::new()?;
    let mut config = Config::new();
    config.tier(Tier::Cranelift);
    let engine = Engine::with_backend(&config, Arc::new(cranelift.clone()))?;
    let module = Module::new(&engine, std::fs::read(&path)?)?;
    let info = module.info();
    for def in 0..info.num_defined_funcs() {
        let index = info.num_imported_funcs + def;
        if !only.is_empty() && !only.contains(&index) {
            continue;
        }
        println!("function {}:", info.frame_info(index));
        if let Some((at, outer)) = osr {
            println!("{}", cranelift.osr_clif(info, def, at, outer, &config)?);
            continue;
        }
        if clif {
            println!("{}", cranelift.clif(info, def, &config)?);
        }
        println!("{}", cranelift.disassembly(info, def, &config)?);
    }
    Ok(())
}
