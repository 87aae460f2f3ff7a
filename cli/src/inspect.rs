//! `concord inspect`: what a module needs and whether concord provides it.
//!
//! The report lists the module's imports and exports, groups the imported
//! functions by interface (import module name), checks each against the
//! interfaces concord's hosts implement (their signatures come from the
//! machine-readable specification in `concord-abi`), names the WebAssembly
//! proposals the module uses, and gives its sizes. Its conclusion is a
//! portability statement: which hosts the module runs on unchanged.

use crate::{FeatureOptions, build_config, read_input, to_binary};
use anyhow::{Context, Result};
use clap::Args;
use concord::core::module::{ImportKind, ModuleInfo};
use concord::{Engine, ExternType, Module, WasmFeatures};
use std::fmt::Write as _;
use std::path::PathBuf;

/// `concord inspect [--json] FILE`.
#[derive(Args, Debug)]
pub struct InspectCommand {
    #[command(flatten)]
    features: FeatureOptions,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// The module: binary (.wasm) or text (.wat).
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Whether an import is provided, and by what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provision {
    /// A concord host implements it with this signature.
    Provided {
        /// The interface.
        interface: &'static str,
    },
    /// The interface is known but the function's signature differs.
    SignatureMismatch {
        /// The signature the interface defines.
        expected: String,
    },
    /// The interface is known but has no such function.
    UnknownFunction,
    /// No concord host implements the interface (or imports of this kind).
    NotProvided,
}

/// One import in the report.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Import module name (the interface).
    pub module: String,
    /// Field name.
    pub name: String,
    /// Its type.
    pub ty: String,
    /// Whether concord provides it.
    pub provision: Provision,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file name.
    pub file: String,
    /// Size of the file in bytes.
    pub file_size: usize,
    /// Imports, in order.
    pub imports: Vec<ImportReport>,
    /// Exports: name and type.
    pub exports: Vec<(String, String)>,
    /// Proposals the module uses (beyond the MVP).
    pub features: Vec<&'static str>,
    /// Defined functions, and their total code size in bytes.
    pub functions: (u32, usize),
    /// Data segments, and their total size in bytes.
    pub data: (usize, usize),
    /// Memories: minimum and maximum pages.
    pub memories: Vec<(u64, Option<u64>)>,
    /// Tables: minimum and maximum elements.
    pub tables: Vec<(u64, Option<u64>)>,
    /// Globals.
    pub globals: usize,
}

/// The interfaces concord's hosts implement: name and its functions' core signatures.
fn provided_interfaces() -> Vec<(&'static str, Vec<(&'static str, concord::FuncType)>)> {
    let wasi = concord_abi::FUNCTIONS
        .iter()
        .map(|f| {
            (
                f.name,
                concord::FuncType::new(f.params.iter().copied(), f.results.iter().copied()),
            )
        })
        .collect();
    vec![(concord_abi::MODULE, wasi)]
}

/// Inspects a validated module.
pub fn inspect(engine: &Engine, file: &str, binary: &[u8]) -> Result<Report> {
    let module = Module::from_binary(engine, binary)?;
    let info: &ModuleInfo = module.info();
    let interfaces = provided_interfaces();
    let imports = info
        .imports
        .iter()
        .map(|import| {
            let ty = info.import_type(import);
            let provision = match (&import.kind, interfaces.iter().find(|(name, _)| *name == import.module)) {
                (ImportKind::Func(_), Some((interface, funcs))) => {
                    match funcs.iter().find(|(n, _)| *n == import.name) {
                        Some((_, sig)) if ExternType::Func(sig.clone()) == ty => Provision::Provided { interface },
                        Some((_, sig)) => Provision::SignatureMismatch {
                            expected: sig.to_string(),
                        },
                        None => Provision::UnknownFunction,
                    }
                }
                _ => Provision::NotProvided,
            };
            ImportReport {
                module: import.module.clone(),
                name: import.name.clone(),
                ty: ty.to_string(),
                provision,
            }
        })
        .collect();
    let exports = module.exports().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    Ok(Report {
        file: file.to_string(),
        file_size: binary.len(),
        imports,
        exports,
        features: features_used(engine, binary),
        functions: (
            info.num_defined_funcs(),
            info.bodies.iter().map(|r| r.end - r.start).sum(),
        ),
        data: (info.data.len(), info.data.iter().map(|d| d.range.len()).sum()),
        memories: info.memories.iter().map(|m| (m.minimum, m.maximum)).collect(),
        tables: info.tables.iter().map(|t| (t.minimum, t.maximum)).collect(),
        globals: info.globals.len(),
    })
}

/// The proposals a module uses: each enabled proposal without which it
/// no longer validates.
fn features_used(engine: &Engine, binary: &[u8]) -> Vec<&'static str> {
    let base = engine.config().clone();
    WasmFeatures::SWITCHES
        .iter()
        .filter(|(name, _)| base.features.get(name) == Some(true))
        .filter(|(name, _)| {
            let mut config = base.clone();
            config.features.set(name, false).is_ok()
                && Engine::new(&config).is_ok_and(|e| Module::validate(&e, binary).is_err())
        })
        .map(|(name, _)| *name)
        .collect()
}

impl Report {
    /// Interfaces used: name, functions used, whether all are provided.
    fn interfaces(&self) -> Vec<(String, usize, bool)> {
        let mut out: Vec<(String, usize, bool)> = Vec::new();
        for i in &self.imports {
            let provided = matches!(i.provision, Provision::Provided { .. });
            match out.iter_mut().find(|(m, _, _)| *m == i.module) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 &= provided;
                }
                None => out.push((i.module.clone(), 1, provided)),
            }
        }
        out
    }

    /// The portability conclusion.
    pub fn portability(&self) -> String {
        let interfaces = self.interfaces();
        if interfaces.is_empty() {
            return "imports nothing: runs on any WebAssembly runtime that supports its features".into();
        }
        let names: Vec<&str> = interfaces.iter().map(|(n, _, _)| n.as_str()).collect();
        let missing: Vec<String> = self
            .imports
            .iter()
            .filter(|i| !matches!(i.provision, Provision::Provided { .. }))
            .map(|i| format!("{}::{}", i.module, i.name))
            .collect();
        if missing.is_empty() {
            format!("runs on any host that implements {}", names.join(" and "))
        } else {
            format!(
                "needs imports that no concord host provides: {} (interfaces used: {})",
                missing.join(", "),
                names.join(", ")
            )
        }
    }

    fn provision_text(p: &Provision) -> String {
        match p {
            Provision::Provided { interface } => format!("provided ({interface})"),
            Provision::SignatureMismatch { expected } => format!("NOT provided: the interface defines {expected}"),
            Provision::UnknownFunction => "NOT provided: the interface has no such function".into(),
            Provision::NotProvided => "NOT provided: no concord host implements this interface".into(),
        }
    }

    /// The human-readable report.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "module: {} ({} bytes)", self.file, self.file_size);
        let features = if self.features.is_empty() {
            "none beyond WebAssembly 1.0".to_string()
        } else {
            self.features.join(", ")
        };
        let _ = writeln!(s, "features used: {features}");
        let _ = writeln!(s, "imports ({}):", self.imports.len());
        for i in &self.imports {
            let _ = writeln!(
                s,
                "  {}::{} {}  {}",
                i.module,
                i.name,
                i.ty,
                Self::provision_text(&i.provision)
            );
        }
        let _ = writeln!(s, "exports ({}):", self.exports.len());
        for (name, ty) in &self.exports {
            let _ = writeln!(s, "  {name} {ty}");
        }
        let _ = writeln!(s, "interfaces:");
        for (name, used, ok) in self.interfaces() {
            let state = if ok { "all provided" } else { "NOT all provided" };
            let _ = writeln!(s, "  {name}: {used} imports, {state}");
        }
        let _ = writeln!(
            s,
            "sizes: {} functions ({} bytes of code), {} data segments ({} bytes), {} memories, {} tables, {} globals",
            self.functions.0,
            self.functions.1,
            self.data.0,
            self.data.1,
            self.memories.len(),
            self.tables.len(),
            self.globals
        );
        let _ = writeln!(s, "portability: {}", self.portability());
        s
    }

    /// The report as JSON.
    pub fn to_json(&self) -> String {
        let limits = |v: &[(u64, Option<u64>)]| {
            let items: Vec<String> = v
                .iter()
                .map(|(min, max)| {
                    let max = max.map_or("null".to_string(), |m| m.to_string());
                    format!("{{\"minimum\":{min},\"maximum\":{max}}}")
                })
                .collect();
            format!("[{}]", items.join(","))
        };
        let imports: Vec<String> = self
            .imports
            .iter()
            .map(|i| {
                let (provided, detail) = match &i.provision {
                    Provision::Provided { interface } => (true, json_str(interface)),
                    other => (false, json_str(&Self::provision_text(other))),
                };
                format!(
                    "{{\"module\":{},\"name\":{},\"type\":{},\"provided\":{provided},\"detail\":{detail}}}",
                    json_str(&i.module),
                    json_str(&i.name),
                    json_str(&i.ty)
                )
            })
            .collect();
        let exports: Vec<String> = self
            .exports
            .iter()
            .map(|(n, t)| format!("{{\"name\":{},\"type\":{}}}", json_str(n), json_str(t)))
            .collect();
        let interfaces: Vec<String> = self
            .interfaces()
            .iter()
            .map(|(n, used, ok)| format!("{{\"name\":{},\"imports\":{used},\"provided\":{ok}}}", json_str(n)))
            .collect();
        let features: Vec<String> = self.features.iter().map(|f| json_str(f)).collect();
        format!(
            "{{\"file\":{},\"size\":{},\"features\":[{}],\"imports\":[{}],\"exports\":[{}],\"interfaces\":[{}],\
             \"functions\":{{\"count\":{},\"code_bytes\":{}}},\"data\":{{\"segments\":{},\"bytes\":{}}},\
             \"memories\":{},\"tables\":{},\"globals\":{},\"portable\":{},\"portability\":{}}}",
            json_str(&self.file),
            self.file_size,
            features.join(","),
            imports.join(","),
            exports.join(","),
            interfaces.join(","),
            self.functions.0,
            self.functions.1,
            self.data.0,
            self.data.1,
            limits(&self.memories),
            limits(&self.tables),
            self.globals,
            self.imports
                .iter()
                .all(|i| matches!(i.provision, Provision::Provided { .. })),
            json_str(&self.portability())
        )
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl InspectCommand {
    /// The feature options.
    pub(crate) fn features(&self) -> &FeatureOptions {
        &self.features
    }

    /// Runs the subcommand.
    pub fn execute(self) -> Result<i32> {
        let config = build_config(None, &self.features)?;
        let engine = Engine::new(&config)?;
        let bytes = read_input(&self.file)?;
        let binary = to_binary(&self.file, &bytes)?;
        let report = inspect(&engine, &self.file.display().to_string(), &binary)
            .with_context(|| format!("failed to load `{}`", self.file.display()))?;
        if self.json {
            println!("{}", report.to_json());
        } else {
            print!("{}", report.to_text());
        }
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(wat: &str) -> Report {
        let engine = Engine::new(&concord::Config::new()).unwrap();
        let binary = wat::parse_str(wat).unwrap();
        inspect(&engine, "test.wat", &binary).unwrap()
    }

    #[test]
    fn wasi_imports_are_provided() {
        let r = report(
            r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
                (memory (export "memory") 1) (func (export "_start")))"#,
        );
        assert_eq!(
            r.imports[0].provision,
            Provision::Provided {
                interface: "wasi_snapshot_preview1"
            }
        );
        assert_eq!(
            r.portability(),
            "runs on any host that implements wasi_snapshot_preview1"
        );
        assert!(r.to_json().contains("\"portable\":true"));
    }

    #[test]
    fn unknown_interfaces_and_signatures_are_flagged() {
        let r = report(
            r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32)))
                (import "wasi_snapshot_preview1" "no_such" (func))
                (import "env" "f" (func)))"#,
        );
        assert!(matches!(r.imports[0].provision, Provision::SignatureMismatch { .. }));
        assert_eq!(r.imports[1].provision, Provision::UnknownFunction);
        assert_eq!(r.imports[2].provision, Provision::NotProvided);
        assert!(r.portability().contains("env::f"), "{}", r.portability());
        assert!(r.to_json().contains("\"portable\":false"));
    }

    #[test]
    fn features_and_sizes_are_reported() {
        let r = report(
            r#"(module (memory 1 2) (data (i32.const 0) "abc")
                (func (result v128) v128.const i64x2 0 0)
                (func (result i32 i32) i32.const 1 i32.const 2))"#,
        );
        assert!(r.features.contains(&"simd"), "{:?}", r.features);
        assert!(r.features.contains(&"multi-value"), "{:?}", r.features);
        assert!(!r.features.contains(&"bulk-memory"), "{:?}", r.features);
        assert_eq!(r.functions.0, 2);
        assert_eq!(r.data, (1, 3));
        assert_eq!(r.memories, vec![(1, Some(2))]);
        let none = report("(module)");
        assert!(none.features.is_empty());
        assert!(none.portability().starts_with("imports nothing"));
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_str("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
