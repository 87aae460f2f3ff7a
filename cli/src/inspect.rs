//! `concord inspect`: what a module needs and whether concord provides it.
//!
//! The report lists the module's imports and exports, groups the imported
//! functions by interface (import module name), checks each against the
//! interfaces concord's hosts implement (their signatures come from the
//! machine-readable specification in `concord-abi`), names every
//! WebAssembly proposal the module uses and whether concord supports it
//! (and enables it under the options given), and gives its sizes. Its
//! conclusion is a portability statement: which hosts the module runs on
//! unchanged.
//!
//! The module is read with every proposal on (see
//! [`concord::core::summary`]), so a module using a proposal concord does
//! not implement yet is described, not refused; a module that is invalid
//! even so is an error.

use crate::{FeatureOptions, build_config, read_input, to_binary};
use anyhow::{Context, Result};
use clap::Args;
use concord::WasmFeatures;
use concord::core::summary::{EntityKind, ModuleSummary, summarize};
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

/// One proposal the module uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureReport {
    /// Its `-W` name (for a proposal concord has no switch for,
    /// wasmparser's name in the same spelling).
    pub name: String,
    /// Whether concord implements it.
    pub supported: bool,
    /// Whether it is on under the options given (`--wasm-version`, `-W`).
    pub enabled: bool,
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
    /// Proposals the module uses (beyond the MVP), in `-W help` order, then
    /// those concord has no switch for.
    pub features: Vec<FeatureReport>,
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

/// The proposals a summarized module uses, each with whether concord
/// supports it and whether `enabled` has it on.
pub fn features_used(summary: &ModuleSummary, enabled: &WasmFeatures) -> Vec<FeatureReport> {
    let switches = WasmFeatures::INFO
        .iter()
        .filter(|i| summary.features.get(i.name) == Some(true));
    switches
        .map(|info| FeatureReport {
            name: info.name.to_string(),
            supported: info.supported,
            enabled: enabled.get(info.name) == Some(true),
        })
        .chain(summary.other_proposals.iter().map(|name| FeatureReport {
            name: name.clone(),
            supported: false,
            enabled: false,
        }))
        .collect()
}

/// Inspects a module (binary format), whatever proposals it uses;
/// `enabled` is the configuration the report compares them with.
pub fn inspect(enabled: &WasmFeatures, file: &str, binary: &[u8]) -> Result<Report> {
    let summary = summarize(binary)?;
    let interfaces = provided_interfaces();
    let imports = summary
        .imports
        .iter()
        .map(|import| {
            let provision = match (import.kind, interfaces.iter().find(|(name, _)| *name == import.module)) {
                (EntityKind::Func, Some((interface, funcs))) => match funcs.iter().find(|(n, _)| *n == import.name) {
                    Some((_, sig)) if sig.to_string() == import.ty => Provision::Provided { interface },
                    Some((_, sig)) => Provision::SignatureMismatch {
                        expected: sig.to_string(),
                    },
                    None => Provision::UnknownFunction,
                },
                _ => Provision::NotProvided,
            };
            ImportReport {
                module: import.module.clone(),
                name: import.name.clone(),
                ty: import.ty.clone(),
                provision,
            }
        })
        .collect();
    Ok(Report {
        file: file.to_string(),
        file_size: binary.len(),
        imports,
        exports: summary.exports.iter().map(|e| (e.name.clone(), e.ty.clone())).collect(),
        features: features_used(&summary, enabled),
        functions: (summary.functions, summary.code_bytes),
        data: (summary.data_segments, summary.data_bytes),
        memories: summary.memories.clone(),
        tables: summary.tables.clone(),
        globals: summary.globals,
    })
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

    /// The proposals it uses that concord does not support yet.
    fn unsupported_features(&self) -> Vec<&str> {
        self.features
            .iter()
            .filter(|f| !f.supported)
            .map(|f| f.name.as_str())
            .collect()
    }

    /// Whether concord runs it unchanged: it uses only proposals concord
    /// supports, and concord's hosts provide every import.
    pub fn portable(&self) -> bool {
        self.unsupported_features().is_empty()
            && self
                .imports
                .iter()
                .all(|i| matches!(i.provision, Provision::Provided { .. }))
    }

    /// The portability conclusion.
    pub fn portability(&self) -> String {
        let interfaces = self.interfaces();
        let names: Vec<&str> = interfaces.iter().map(|(n, _, _)| n.as_str()).collect();
        let missing: Vec<String> = self
            .imports
            .iter()
            .filter(|i| !matches!(i.provision, Provision::Provided { .. }))
            .map(|i| format!("{}::{}", i.module, i.name))
            .collect();
        let unsupported = self.unsupported_features();
        if !unsupported.is_empty() {
            let mut s = format!(
                "concord cannot run it yet: it uses {}, which concord does not support yet",
                and_list(&unsupported)
            );
            if !missing.is_empty() {
                let _ = write!(
                    s,
                    "; it also needs imports that no concord host provides: {}",
                    missing.join(", ")
                );
            }
            return s;
        }
        if interfaces.is_empty() {
            return "imports nothing: runs on any WebAssembly runtime that supports its features".into();
        }
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

    fn feature_text(f: &FeatureReport) -> String {
        match (f.supported, f.enabled) {
            (false, _) => "NOT supported by concord yet".into(),
            (true, true) => "supported, on".into(),
            (true, false) => format!("supported, off (enable with `-W {}=y`)", f.name),
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
        if self.features.is_empty() {
            let _ = writeln!(s, "features used: none beyond the WebAssembly 1.0 MVP");
        } else {
            let _ = writeln!(s, "features used ({}):", self.features.len());
            let width = self.features.iter().map(|f| f.name.len()).max().unwrap_or(0);
            for f in &self.features {
                let _ = writeln!(s, "  {:width$}  {}", f.name, Self::feature_text(f));
            }
        }
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
        let features: Vec<String> = self
            .features
            .iter()
            .map(|f| {
                format!(
                    "{{\"name\":{},\"supported\":{},\"enabled\":{}}}",
                    json_str(&f.name),
                    f.supported,
                    f.enabled
                )
            })
            .collect();
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
            self.portable(),
            json_str(&self.portability())
        )
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
        let bytes = read_input(&self.file)?;
        let binary = to_binary(&self.file, &bytes)?;
        let report = inspect(&config.features, &self.file.display().to_string(), &binary)
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
        let binary = wat::parse_str(wat).unwrap();
        inspect(&WasmFeatures::default(), "test.wat", &binary).unwrap()
    }

    fn names(r: &Report) -> Vec<&str> {
        r.features.iter().map(|f| f.name.as_str()).collect()
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
        assert_eq!(names(&r), ["multi-value", "simd"]);
        assert!(r.features.iter().all(|f| f.supported && f.enabled), "{:?}", r.features);
        assert_eq!(r.functions.0, 2);
        assert_eq!(r.data, (1, 3));
        assert_eq!(r.memories, vec![(1, Some(2))]);
        let none = report("(module)");
        assert!(none.features.is_empty());
        assert!(none.portability().starts_with("imports nothing"));
    }

    #[test]
    fn unsupported_and_disabled_features_are_reported() {
        // Under Wasm 2.0, so that supported proposals are off.
        let binary = wat::parse_str(
            r#"(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
                 (type (struct)) (tag $e) (func $f (return_call $f)) (func (try_table (catch_all 0) (throw $e))))"#,
        )
        .unwrap();
        let r = inspect(&WasmFeatures::WASM2, "test.wat", &binary).unwrap();
        let feature = |name: &str, supported: bool| FeatureReport {
            name: name.into(),
            supported,
            enabled: false,
        };
        assert_eq!(
            r.features,
            [
                feature("tail-call", true),
                feature("exceptions", true),
                feature("gc", false)
            ]
        );
        assert!(!r.portable());
        assert_eq!(
            r.portability(),
            "concord cannot run it yet: it uses gc, which concord does not support yet"
        );
        let text = r.to_text();
        assert!(text.contains("features used (3):\n"), "{text}");
        assert!(
            text.contains("  tail-call   supported, off (enable with `-W tail-call=y`)\n"),
            "{text}"
        );
        assert!(
            text.contains("  exceptions  supported, off (enable with `-W exceptions=y`)\n"),
            "{text}"
        );
        assert!(text.contains("  gc          NOT supported by concord yet\n"), "{text}");
        let json = r.to_json();
        assert!(
            json.contains(
                r#""features":[{"name":"tail-call","supported":true,"enabled":false},{"name":"exceptions","supported":true,"enabled":false},{"name":"gc","supported":false,"enabled":false}]"#
            ),
            "{json}"
        );
        assert!(json.contains("\"portable\":false"), "{json}");
        // Under the options given.
        let enabled = WasmFeatures {
            tail_call: true,
            ..WasmFeatures::default()
        };
        let binary = wat::parse_str("(module (func $f (return_call $f)))").unwrap();
        let r = inspect(&enabled, "t.wat", &binary).unwrap();
        assert!(r.features[0].enabled && r.portable());
    }

    /// The types the report prints are those concord's API prints.
    #[test]
    fn types_print_as_concord_prints_them() {
        let wat = r#"(module
            (import "a" "f" (func (param i32 i64 f32 f64 v128 funcref externref) (result i32 i64)))
            (import "a" "g" (func))
            (import "a" "t" (table 1 2 funcref))
            (import "a" "m" (memory 1 5))
            (import "a" "c" (global i32))
            (import "a" "v" (global (mut externref)))
            (table (export "t2") 3 externref)
            (export "m2" (memory 0))
            (global (export "c2") (mut f64) (f64.const 0))
            (func (export "h") (param i32) (result f32) (f32.const 0)))"#;
        let r = report(wat);
        let engine = concord::Engine::new(&concord::Config::new()).unwrap();
        let module = concord::Module::from_binary(&engine, &wat::parse_str(wat).unwrap()).unwrap();
        let imports: Vec<String> = module.imports().map(|(_, _, t)| t.to_string()).collect();
        let exports: Vec<String> = module.exports().map(|(_, t)| t.to_string()).collect();
        assert_eq!(r.imports.iter().map(|i| i.ty.clone()).collect::<Vec<_>>(), imports);
        assert_eq!(r.exports.iter().map(|e| e.1.clone()).collect::<Vec<_>>(), exports);
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_str("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
