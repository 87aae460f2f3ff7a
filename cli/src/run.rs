//! `concord run`: instantiate a module with `wasi_snapshot_preview1` and
//! call a function.

use crate::{
    FeatureOptions, TRAP_EXIT_STATUS, TuningOptions, backend_help, build_run_config, error_chain, load_module,
};
use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use concord::wasi::{Exit, WasiCtx, WasiCtxBuilder};
use concord::{Engine, FuncType, Linker, Store, Tier, Val, ValType};
use std::path::PathBuf;

/// The store's data in `concord run`.
struct RunState {
    wasi: WasiCtx,
    /// `-W max-*` and `-W trap-on-grow-failure` (installed as the store's
    /// limiter when any is given).
    limits: concord::StoreLimits,
}

/// `concord run [OPTIONS] FILE [ARGS...]`
#[derive(Args, Debug)]
pub struct RunCommand {
    // The help names the tiers of this build (see `backend_help`).
    #[arg(long, value_name = "TIER", help = backend_help("runs the code"))]
    backend: Option<Tier>,
    /// Call this exported function with ARGS instead of the default export
    /// (`""`, else `_start`).
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// Run with this much fuel; running out traps.
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    #[command(flatten)]
    features: FeatureOptions,
    #[command(flatten)]
    tuning: TuningOptions,
    /// Preopen the host directory HOST for the guest as GUEST (default:
    /// the same path as on the host). May be repeated.
    #[arg(long = "dir", value_name = "HOST[::GUEST]")]
    dirs: Vec<String>,
    /// Set an environment variable for the guest; `NAME` alone passes the
    /// host's value. May be repeated. Nothing else is inherited.
    #[arg(long = "env", value_name = "NAME[=VALUE]")]
    envs: Vec<String>,
    /// Bind a TCP listener to ADDR and preopen it for the guest
    /// (`sock_accept`). May be repeated.
    #[arg(long = "tcplisten", value_name = "ADDR")]
    tcplisten: Vec<String>,
    /// Instantiate the module FILE first and offer its exports to the
    /// modules after it under the import module name NAME. May be repeated:
    /// each preload is instantiated in order, with WASI and the preloads
    /// before it available to its imports.
    #[arg(long = "preload", value_name = "NAME=FILE", value_parser = parse_preload)]
    preloads: Vec<(String, PathBuf)>,
    /// The module: binary (.wasm) or text (.wat).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The program's arguments (argv[1..]; argv[0] is FILE). With
    /// --invoke, the function's arguments, parsed by its parameter types:
    /// integers in decimal or 0x hex, floats in decimal (also nan, inf).
    #[arg(value_name = "ARGS", trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

impl RunCommand {
    /// The feature options.
    pub(crate) fn features(&self) -> &FeatureOptions {
        &self.features
    }

    /// Runs the command; returns the exit status (traps are reported here,
    /// other errors are returned).
    pub fn execute(self) -> Result<i32> {
        let (mut config, limits) = build_run_config(self.backend, &self.features)?;
        self.tuning.apply(&mut config)?;
        if self.fuel.is_some() {
            config.consume_fuel(true);
        }
        if limits.timeout.is_some() {
            config.epoch_interruption(true);
        }
        let engine = Engine::new(&config)?;
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in &self.preloads {
            if names.contains(&name.as_str()) {
                bail!("--preload `{name}` is given twice (each preload needs its own name)");
            }
            names.push(name);
        }
        let mut preloads = Vec::with_capacity(self.preloads.len());
        for (name, path) in &self.preloads {
            let module = load_module(&engine, path).with_context(|| format!("--preload {name}={}", path.display()))?;
            preloads.push((name, path, module));
        }
        let module = load_module(&engine, &self.file)?;
        let quoted = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let provided = if names.is_empty() {
            format!("`concord run` provides only {}", concord_abi::MODULE)
        } else {
            format!(
                "`concord run` provides only {} and the --preload modules {}",
                concord_abi::MODULE,
                quoted(&names)
            )
        };
        let wasi = self.wasi_ctx()?;
        let store_limits = limits.store_limits();
        let limited = store_limits.is_some();
        let mut store = Store::new(
            &engine,
            RunState {
                wasi,
                limits: store_limits.unwrap_or_default(),
            },
        );
        if limited {
            store.limiter(|s| &mut s.limits);
        }
        if let Some(fuel) = self.fuel {
            store.set_fuel(fuel)?;
        }
        if let Some(timeout) = limits.timeout {
            // The clock starts here, before any instantiation: start
            // functions count. The thread ends with the process.
            store.set_epoch_deadline(1)?;
            let engine = engine.clone();
            std::thread::Builder::new()
                .name("timeout".into())
                .spawn(move || {
                    std::thread::sleep(timeout);
                    engine.increment_epoch();
                })
                .context("failed to start the timeout thread")?;
        }
        // wasi_snapshot_preview1 and the preloads are the interfaces
        // provided; any other import is a link error naming it.
        let mut linker = Linker::<RunState>::new(&engine);
        // (Only what the modules import: each definition costs a little.)
        let linked = preloads.iter().map(|(_, _, m)| m).chain([&module]);
        concord::wasi::add_imports_to_linker(&mut linker, linked, |s: &mut RunState| &mut s.wasi)?;
        for (i, (name, path, preload)) in preloads.iter().enumerate() {
            if let Err(e) = linker.module(&mut store, name, preload) {
                let context = format!("failed to instantiate --preload {name}={}", path.display());
                let before = match &names[..i] {
                    [] => "none".to_string(),
                    before => quoted(before),
                };
                let provided = format!(
                    "a --preload module gets only {} and the --preload modules given before it: {before}",
                    concord_abi::MODULE
                );
                return report(e, &context, &provided);
            }
        }
        let instance = match linker.instantiate(&mut store, &module) {
            Ok(instance) => instance,
            Err(e) => return report(e, "failed to instantiate the module", &provided),
        };
        let (name, func) = match &self.invoke {
            Some(name) => {
                let func = instance.get_func(&store, name).ok_or_else(|| {
                    let exported: Vec<String> = module
                        .exports()
                        .filter(|(_, ty)| matches!(ty, concord::ExternType::Func(_)))
                        .map(|(n, _)| format!("`{n}`"))
                        .collect();
                    if exported.is_empty() {
                        anyhow!("the module exports no function named `{name}` (it exports no functions)")
                    } else {
                        anyhow!(
                            "the module exports no function named `{name}` (exported functions: {})",
                            exported.join(", ")
                        )
                    }
                })?;
                (name.as_str(), func)
            }
            None => match ["", "_start"]
                .into_iter()
                .find_map(|n| instance.get_func(&store, n).map(|f| (n, f)))
            {
                Some(found) => found,
                // Instantiation (and the start function) was the whole run.
                None => return Ok(0),
            },
        };
        let ty = func.ty(&store);
        let params = if self.invoke.is_some() {
            parse_args(name, &ty, &self.args)?
        } else if ty.params().is_empty() {
            Vec::new()
        } else {
            bail!("the default export `{name}` takes parameters ({ty}); use --invoke to pass arguments")
        };
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        if let Err(e) = func.call(&mut store, &params, &mut results) {
            return report(e, &format!("failed to invoke `{name}`"), &provided);
        }
        for r in &results {
            println!("{}", format_val(r));
        }
        Ok(0)
    }

    /// The guest's WASI context: argv is the file name as given, then
    /// ARGS; the environment holds only `--env` variables; `--dir` and
    /// `--tcplisten` preopen in the order given; stdio is inherited.
    fn wasi_ctx(&self) -> Result<WasiCtx> {
        let mut b = WasiCtxBuilder::new();
        b.arg(self.file.to_string_lossy());
        b.args(&self.args);
        for var in &self.envs {
            match var.split_once('=') {
                Some((name, value)) => {
                    b.env(name, value);
                }
                None => {
                    // As wasmtime: `--env NAME` passes the host's value (and
                    // nothing if the host has none).
                    if let Ok(value) = std::env::var(var) {
                        b.env(var, value);
                    }
                }
            }
        }
        for dir in &self.dirs {
            let (host, guest) = dir.split_once("::").unwrap_or((dir.as_str(), dir.as_str()));
            b.preopened_dir(host, guest)
                .with_context(|| format!("failed to open directory `{host}` for --dir"))?;
        }
        for addr in &self.tcplisten {
            let listener = std::net::TcpListener::bind(addr)
                .with_context(|| format!("failed to listen on `{addr}` for --tcplisten"))?;
            b.preopened_socket(listener)
                .with_context(|| format!("failed to set up the listener on `{addr}`"))?;
        }
        Ok(b.build())
    }
}

/// Parses `--preload NAME=FILE`.
fn parse_preload(s: &str) -> Result<(String, PathBuf), String> {
    let Some((name, file)) = s.split_once('=') else {
        return Err(format!("expected NAME=FILE, found `{s}`"));
    };
    if name.is_empty() {
        return Err(format!("the module name is empty in `{s}` (expected NAME=FILE)"));
    }
    if file.is_empty() {
        return Err(format!("the file is empty in `{s}` (expected NAME=FILE)"));
    }
    if name == concord_abi::MODULE {
        return Err(format!(
            "`{name}` is the WASI interface `concord run` provides; choose another name"
        ));
    }
    Ok((name.to_string(), PathBuf::from(file)))
}

/// The highest exit status a guest's `proc_exit` passes through.
pub const MAX_EXIT_STATUS: u32 = 125;

/// Returns the guest's exit status for `proc_exit`, prints a trap (with its
/// backtrace) and returns the trap status, or returns any other error with
/// `context`; an unknown import adds what is `provided`.
fn report(e: concord::Error, context: &str, provided: &str) -> Result<i32> {
    if let Some(Exit(status)) = Exit::from_error(&e) {
        // 0-125 pass through, as in wasmtime. Any other would be taken for
        // something else: 126 and 127 are the shell's "cannot execute" and
        // "not found", 128 + n a death by signal n (134: a trap), and the
        // OS keeps only the low 8 bits (256 would read as success).
        if status <= MAX_EXIT_STATUS {
            return Ok(status as i32);
        }
        bail!(
            "invalid exit status: the guest called proc_exit({status}); a guest's exit status must be 0 to \
             {MAX_EXIT_STATUS}, since higher ones mean a shell error or a signal, or are truncated"
        );
    }
    if let Some(trap) = e.as_trap() {
        eprintln!("error: {trap}");
        return Ok(TRAP_EXIT_STATUS);
    }
    let unknown_import = matches!(e.as_link(), Some(concord::LinkError::UnknownImport { .. }));
    let e = anyhow::Error::new(e).context(context.to_string());
    if unknown_import {
        // Say what is provided.
        return Err(anyhow!("{} ({provided})", error_chain(&e)));
    }
    Err(anyhow!(error_chain(&e)))
}

/// Parses command-line arguments by the function's parameter types.
pub fn parse_args(name: &str, ty: &FuncType, args: &[String]) -> Result<Vec<Val>> {
    if args.len() != ty.params().len() {
        let types: Vec<String> = ty.params().iter().map(|t| t.to_string()).collect();
        bail!(
            "wrong number of arguments for `{name}`: it takes {} ({}), {} given",
            ty.params().len(),
            if types.is_empty() {
                "none".to_string()
            } else {
                types.join(", ")
            },
            args.len()
        );
    }
    args.iter()
        .zip(ty.params())
        .enumerate()
        .map(|(i, (arg, t))| {
            parse_val(arg, *t).with_context(|| format!("invalid argument {i} of `{name}`: `{arg}` is not a valid {t}"))
        })
        .collect()
}

/// Parses one value: i32/i64 in decimal or `0x` hex (optionally negative),
/// f32/f64 in Rust's float syntax (`1.5`, `-2e10`, `nan`, `inf`).
pub fn parse_val(s: &str, ty: ValType) -> Result<Val> {
    Ok(match ty {
        ValType::I32 => Val::I32(parse_int(s, 32)? as i32),
        ValType::I64 => Val::I64(parse_int(s, 64)? as i64),
        ValType::F32 => Val::F32(s.parse::<f32>()?.to_bits()),
        ValType::F64 => Val::F64(s.parse::<f64>()?.to_bits()),
        ValType::V128 | ValType::FuncRef | ValType::ExternRef | ValType::Ref(_) => {
            bail!("passing a {ty} on the command line is not supported")
        }
    })
}

/// Parses an integer of `bits` bits; accepts the signed and the unsigned range.
fn parse_int(s: &str, bits: u32) -> Result<u64> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let magnitude = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16)?,
        None => digits.replace('_', "").parse::<u64>()?,
    };
    let max_unsigned = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
    let min_magnitude = 1u64 << (bits - 1);
    if negative {
        if magnitude > min_magnitude {
            bail!("number too small to fit in i{bits}");
        }
        Ok(magnitude.wrapping_neg() & max_unsigned)
    } else {
        if magnitude > max_unsigned {
            bail!("number too large to fit in i{bits}");
        }
        Ok(magnitude)
    }
}

/// Formats a result as wasmtime's `run --invoke` prints it: integers in
/// decimal, floats with Rust's `Display`, v128 as one unsigned decimal.
pub fn format_val(v: &Val) -> String {
    match v {
        Val::I32(x) => x.to_string(),
        Val::I64(x) => x.to_string(),
        Val::F32(bits) => f32::from_bits(*bits).to_string(),
        Val::F64(bits) => f64::from_bits(*bits).to_string(),
        Val::V128(x) => x.to_string(),
        Val::FuncRef(None) => "<null funcref>".to_string(),
        Val::FuncRef(Some(_)) => "<funcref>".to_string(),
        Val::ExternRef(None) => "<null externref>".to_string(),
        Val::ExternRef(Some(_)) => "<externref>".to_string(),
        Val::ExnRef(None) => "<null exnref>".to_string(),
        Val::ExnRef(Some(_)) => "<exnref>".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_parse_in_decimal_and_hex() {
        assert_eq!(parse_val("42", ValType::I32).unwrap(), Val::I32(42));
        assert_eq!(parse_val("-1", ValType::I32).unwrap(), Val::I32(-1));
        assert_eq!(parse_val("0xffffffff", ValType::I32).unwrap(), Val::I32(-1));
        assert_eq!(parse_val("-0x80000000", ValType::I32).unwrap(), Val::I32(i32::MIN));
        assert!(parse_val("0x100000000", ValType::I32).is_err());
        assert!(parse_val("-2147483649", ValType::I32).is_err());
        assert_eq!(
            parse_val("0x8000000000000000", ValType::I64).unwrap(),
            Val::I64(i64::MIN)
        );
        assert_eq!(parse_val("18446744073709551615", ValType::I64).unwrap(), Val::I64(-1));
        assert!(parse_val("abc", ValType::I64).is_err());
    }

    #[test]
    fn floats_parse_with_nan_and_inf() {
        assert_eq!(parse_val("1.5", ValType::F32).unwrap(), Val::F32(1.5f32.to_bits()));
        assert!(
            f64::from_bits(match parse_val("nan", ValType::F64).unwrap() {
                Val::F64(b) => b,
                _ => unreachable!(),
            })
            .is_nan()
        );
        assert_eq!(
            parse_val("-inf", ValType::F64).unwrap(),
            Val::F64(f64::NEG_INFINITY.to_bits())
        );
        assert!(parse_val("x", ValType::F32).is_err());
        assert!(parse_val("0", ValType::V128).is_err());
    }

    #[test]
    fn results_print_like_wasmtime() {
        assert_eq!(format_val(&Val::F32(1.0f32.to_bits())), "1");
        assert_eq!(format_val(&Val::F64(0.1f64.to_bits())), "0.1");
        assert_eq!(format_val(&Val::F64(f64::NAN.to_bits())), "NaN");
        assert_eq!(format_val(&Val::I64(-5)), "-5");
    }
}
