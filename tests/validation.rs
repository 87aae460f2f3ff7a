//! Function bodies of large modules are validated on several threads; the
//! error reported is the one validation in module order meets first,
//! whatever the threads' timing, and the same as on one thread.

use concord::{Config, Engine, Module, WasmVersion};

/// Functions in the generated modules: about 1.5 MB of code, enough for
/// parallel validation.
const FUNCS: usize = 3000;

/// A module of `FUNCS` functions; those in `bad` get `bad_body` instead of
/// a valid body.
fn module(bad: &[(usize, &str)]) -> Vec<u8> {
    let mut wat = String::from("(module (memory 1)\n");
    let valid: String = "local.get 0 i32.const 7 i32.add i32.const 3 i32.mul i32.load offset=8 drop ".repeat(40);
    for i in 0..FUNCS {
        let body = bad.iter().find(|(j, _)| *j == i).map_or(valid.as_str(), |(_, b)| b);
        wat.push_str(&format!("(func (param i32) {body})\n"));
    }
    wat.push(')');
    wat::parse_str(&wat).unwrap()
}

fn error(binary: &[u8], parallel: bool, version: WasmVersion) -> String {
    let mut config = Config::new();
    config.parallel_compilation(parallel).wasm_version(version);
    let engine = Engine::new(&config).unwrap();
    match Module::from_binary(&engine, binary) {
        Ok(_) => "valid".to_string(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_first_invalid_function_is_reported_on_any_number_of_threads() {
    for version in [WasmVersion::V2, WasmVersion::V3] {
        let valid = module(&[]);
        assert!(valid.len() > 1 << 20, "{}", valid.len());
        assert_eq!(error(&valid, true, version), "valid");
        assert_eq!(error(&valid, false, version), "valid");

        let early = "f32.const 1 i32.const 1 i32.add drop";
        let late = "i32.const 1 br 5";
        let both = module(&[(2500, late), (1000, early)]);
        let only_late = module(&[(2500, late)]);
        let sequential = error(&both, false, version);
        assert!(sequential.contains("type mismatch"), "{sequential}");
        assert_ne!(sequential, error(&only_late, false, version));
        for _ in 0..5 {
            assert_eq!(error(&both, true, version), sequential, "{version:?}");
        }
        assert_eq!(error(&only_late, true, version), error(&only_late, false, version));
    }
}

#[test]
fn gc_operators_are_refused_under_wasm_3() {
    // Wasm 3.0 validates with GC's constant-expression rule; GC itself is
    // refused, with the same message on any number of threads.
    let binary = module(&[(1500, "i32.const 1 ref.i31 drop")]);
    for parallel in [false, true] {
        let err = error(&binary, parallel, WasmVersion::V3);
        assert!(err.contains("gc proposal is not supported"), "{err}");
    }
}
