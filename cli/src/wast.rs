//! The spec-test script (`.wast`) runner, shared by `concord wast` and the
//! workspace's spec-test harness (`tests/spec.rs`).
//!
//! Every directive of the core spec scripts is supported: `module` (text,
//! `binary`, `quote`, named with `$id`), `module definition` and `module
//! instance`, `register`, `invoke`, `get`, `assert_return` (with NaN
//! patterns, per-lane v128 patterns and references), `assert_trap` (on an
//! invocation or on instantiation), `assert_exhaustion`, `assert_invalid`,
//! `assert_malformed`, `assert_unlinkable`; scripts import from the
//! [`spectest`] host module.
//!
//! # What counts
//!
//! Each directive is one check: it passes or fails, and the [`Summary`]
//! counts them. Directives that define state (`module`, `register`,
//! `invoke`) count too: a module that fails to instantiate is a failure.
//! Directives of proposals this runner does not implement (threads, stack
//! switching, exceptions, components, custom-section assertions, GC
//! references) are *skipped*; the core, SIMD and Wasm 1.0/2.0 suites have none.
//!
//! # How assertions match
//!
//! - `assert_malformed` / `assert_invalid`: the module must be rejected
//!   before instantiation: by the text parser (quoted text that fails to
//!   parse counts as malformed), or by decoding/validation. The expected
//!   message is not compared, since our messages are wasmparser's.
//! - `assert_trap` / `assert_exhaustion`: the run must trap, and the
//!   expected text must be contained in our trap message, or start with our
//!   trap code's message (the spec's `"uninitialized element 2"` matches
//!   `uninitialized element`), as wasmtime's runner allows.
//! - `assert_unlinkable`: the module must compile and fail to instantiate
//!   with a link error, or with a trap while initializing segments (Wasm 1.0
//!   called a segment that does not fit a link error).

pub mod spectest;
pub mod values;

use concord::{Config, Engine, Error, Extern, Instance, Linker, Module, Store, Trap, TrapCode, Val};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use values::ExternRefs;
use wast::core::WastRetCore;
use wast::lexer::Lexer;
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, QuoteWatTest, Wast, WastDirective, WastExecute, WastInvoke, WastRet, Wat};

/// How scripts are run.
#[derive(Clone, Debug)]
pub struct WastOptions {
    /// The engine configuration (tier, features) every script runs with.
    pub config: Config,
    /// Whether the `spectest` print functions write to stdout.
    pub print: bool,
}

/// The outcome of running scripts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Directives that passed.
    pub passed: usize,
    /// Directives that failed.
    pub failed: usize,
    /// Directives that were not run (unsupported proposals).
    pub skipped: usize,
    /// One line per failure: `file:line: message`.
    pub failures: Vec<String>,
}

impl Summary {
    /// A summary with one failure (for a script that could not be read).
    pub fn single_failure(message: String) -> Summary {
        Summary {
            failed: 1,
            failures: vec![message],
            ..Summary::default()
        }
    }

    /// `N passed, M failed, K skipped`.
    pub fn counts(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }

    /// Adds another summary's counts and failures to this one.
    pub fn add(&mut self, other: Summary) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
        self.failures.extend(other.failures);
    }

    fn fail(&mut self, file: &str, line: usize, message: &str) {
        self.failed += 1;
        self.failures.push(format!("{file}:{line}: {message}"));
    }
}

/// The `.wast` files under `paths`: files as given, directories searched
/// recursively, each directory's files in sorted order.
pub fn collect_wast_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("failed to read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("failed to read directory `{}`: {e}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else if entry.extension().is_some_and(|e| e == "wast") {
            files.push(entry);
        }
    }
    Ok(())
}

/// Runs one script. `filename` is used in failure lines only.
pub fn run_wast(options: &WastOptions, filename: &str, text: &str) -> Summary {
    let mut summary = Summary::default();
    let mut lexer = Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let parsed = ParseBuffer::new_with_lexer(lexer).and_then(|buf| {
        let wast = parser::parse::<Wast<'_>>(&buf)?;
        // The directives borrow `buf`; run them before it goes away.
        run_directives(options, filename, text, wast, &mut summary);
        Ok(())
    });
    if let Err(mut e) = parsed {
        e.set_text(text);
        let line = e.span().linecol_in(text).0 + 1;
        summary.fail(filename, line, &format!("failed to parse the script: {}", e.message()));
    }
    summary
}

fn run_directives(options: &WastOptions, filename: &str, text: &str, wast: Wast<'_>, summary: &mut Summary) {
    let mut runner = match Runner::new(options) {
        Ok(r) => r,
        Err(e) => {
            summary.fail(filename, 1, &format!("failed to set up the engine: {e}"));
            return;
        }
    };
    let total = wast.directives.len();
    for (i, directive) in wast.directives.into_iter().enumerate() {
        let line = directive.span().linecol_in(text).0 + 1;
        match catch_unwind(AssertUnwindSafe(|| runner.directive(directive))) {
            Ok(Outcome::Pass) => summary.passed += 1,
            Ok(Outcome::Fail(message)) => summary.fail(filename, line, &message),
            Ok(Outcome::Skip) => summary.skipped += 1,
            Err(panic) => {
                let message = panic_message(&*panic);
                summary.fail(filename, line, &format!("panicked: {message}"));
                // The store may be inconsistent after a panic: stop here,
                // counting what was not run as failed.
                let rest = total - i - 1;
                if rest > 0 {
                    summary.failed += rest;
                    summary.failures.push(format!(
                        "{filename}:{line}: {rest} directive(s) after the panic were not run (counted as failed)"
                    ));
                }
                return;
            }
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

enum Outcome {
    Pass,
    Fail(String),
    Skip,
}

impl From<Result<(), String>> for Outcome {
    fn from(r: Result<(), String>) -> Outcome {
        match r {
            Ok(()) => Outcome::Pass,
            Err(m) => Outcome::Fail(m),
        }
    }
}

/// Why a module could not be built.
enum BuildError {
    /// Rejected by the text parser, the decoder or the validator.
    Rejected(String),
    /// Failed for another reason (e.g. a tier could not compile it).
    Other(String),
}

impl BuildError {
    fn message(&self) -> String {
        match self {
            BuildError::Rejected(m) => format!("the module was rejected: {m}"),
            BuildError::Other(m) => m.clone(),
        }
    }
}

/// Why executing an action failed.
enum ExecError {
    Trap(Trap),
    Other(String),
}

struct Runner {
    engine: Engine,
    store: Store<()>,
    linker: Linker<()>,
    /// The most recently instantiated module (`None` after one failed).
    current: Option<Instance>,
    instances: HashMap<String, Instance>,
    definitions: HashMap<String, Module>,
    last_definition: Option<Module>,
    externs: ExternRefs,
}

impl Runner {
    fn new(options: &WastOptions) -> concord::Result<Runner> {
        let engine = Engine::new(&options.config)?;
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        spectest::define(&mut linker, &mut store, options.print)?;
        // Scripts may register several instances under one name.
        linker.allow_shadowing(true);
        Ok(Runner {
            engine,
            store,
            linker,
            current: None,
            instances: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            externs: ExternRefs::default(),
        })
    }

    fn directive(&mut self, directive: WastDirective<'_>) -> Outcome {
        match directive {
            WastDirective::Module(mut module) => {
                if is_component(&module) {
                    return Outcome::Skip;
                }
                let name = module.name().map(|id| id.name().to_string());
                match self.build(&mut module).map_err(|e| e.message()).and_then(|m| {
                    self.instantiate(&m)
                        .map_err(|e| format!("failed to instantiate the module: {}", exec_message(&e)))
                }) {
                    Ok(instance) => {
                        self.set_current(name, instance);
                        Outcome::Pass
                    }
                    Err(message) => {
                        self.current = None;
                        Outcome::Fail(message)
                    }
                }
            }
            WastDirective::ModuleDefinition(mut module) => {
                if is_component(&module) {
                    return Outcome::Skip;
                }
                let name = module.name().map(|id| id.name().to_string());
                match self.build(&mut module) {
                    Ok(m) => {
                        if let Some(name) = name {
                            self.definitions.insert(name, m.clone());
                        }
                        self.last_definition = Some(m);
                        Outcome::Pass
                    }
                    Err(e) => Outcome::Fail(e.message()),
                }
            }
            WastDirective::ModuleInstance { instance, module, .. } => {
                let def = match module {
                    Some(id) => self.definitions.get(id.name()).cloned(),
                    None => self.last_definition.clone(),
                };
                let Some(def) = def else {
                    return Outcome::Fail("no such module definition".into());
                };
                match self.instantiate(&def) {
                    Ok(inst) => {
                        self.set_current(instance.map(|id| id.name().to_string()), inst);
                        Outcome::Pass
                    }
                    Err(e) => {
                        self.current = None;
                        Outcome::Fail(format!("failed to instantiate the module: {}", exec_message(&e)))
                    }
                }
            }
            WastDirective::Register { name, module, .. } => {
                let instance = match self.instance(module.map(|id| id.name())) {
                    Ok(i) => i,
                    Err(e) => return Outcome::Fail(e),
                };
                match self.linker.instance(&mut self.store, name, instance) {
                    Ok(_) => Outcome::Pass,
                    Err(e) => Outcome::Fail(format!("failed to register `{name}`: {e}")),
                }
            }
            WastDirective::Invoke(invoke) => match self.invoke(&invoke) {
                Ok(_) => Outcome::Pass,
                Err(e) => Outcome::Fail(exec_message(&e)),
            },
            WastDirective::AssertReturn { exec, results, .. } => {
                let unsupported = results.iter().any(|r| match r {
                    WastRet::Core(c) => values::is_unsupported_ret(c),
                    _ => true,
                });
                if unsupported {
                    return Outcome::Skip;
                }
                self.assert_return(exec, &results).into()
            }
            WastDirective::AssertTrap { exec, message, .. } => {
                if matches!(&exec, WastExecute::Wat(Wat::Component(_))) {
                    return Outcome::Skip;
                }
                expect_trap(self.execute(exec), message).into()
            }
            WastDirective::AssertExhaustion { call, message, .. } => expect_trap(self.invoke(&call), message).into(),
            WastDirective::AssertMalformed {
                mut module, message, ..
            }
            | WastDirective::AssertInvalid {
                mut module, message, ..
            } => {
                if is_component(&module) {
                    return Outcome::Skip;
                }
                match self.build(&mut module) {
                    Ok(_) => Outcome::Fail(format!(
                        "expected the module to be rejected (\"{message}\"), but it was accepted"
                    )),
                    Err(BuildError::Rejected(_)) => Outcome::Pass,
                    Err(BuildError::Other(m)) => {
                        Outcome::Fail(format!("expected the module to be rejected (\"{message}\"), but: {m}"))
                    }
                }
            }
            WastDirective::AssertUnlinkable { module, message, .. } => {
                if matches!(module, Wat::Component(_)) {
                    return Outcome::Skip;
                }
                self.assert_unlinkable(module, message).into()
            }
            WastDirective::AssertException { exec, .. } => match self.execute(exec) {
                Err(ExecError::Trap(trap)) if trap.code() == TrapCode::UncaughtException => Outcome::Pass,
                Err(ExecError::Trap(trap)) => Outcome::Fail(format!("expected an uncaught exception, got: {trap}")),
                Err(ExecError::Other(m)) => Outcome::Fail(format!("expected an uncaught exception, got: {m}")),
                Ok(values) => Outcome::Fail(format!(
                    "expected an uncaught exception, but it returned {} value(s)",
                    values.len()
                )),
            },
            WastDirective::AssertInvalidCustom { .. }
            | WastDirective::AssertMalformedCustom { .. }
            | WastDirective::AssertSuspension { .. }
            | WastDirective::Thread(_)
            | WastDirective::Wait { .. } => Outcome::Skip,
        }
    }

    fn set_current(&mut self, name: Option<String>, instance: Instance) {
        if let Some(name) = name {
            self.instances.insert(name, instance);
        }
        self.current = Some(instance);
    }

    /// The named instance, or the current one.
    fn instance(&self, name: Option<&str>) -> Result<Instance, String> {
        match name {
            Some(name) => self
                .instances
                .get(name)
                .copied()
                .ok_or_else(|| format!("no module instance named `${name}`")),
            None => self
                .current
                .ok_or_else(|| "no current module instance (the last module failed or none was defined)".to_string()),
        }
    }

    /// Encodes (or takes the text of) a script module and compiles it.
    fn build(&self, module: &mut QuoteWat<'_>) -> Result<Module, BuildError> {
        let result = match module.to_test() {
            // Encoded text modules and `module binary`: decode as binary,
            // whatever the bytes look like.
            Ok(QuoteWatTest::Binary(bytes)) => Module::from_binary(&self.engine, &bytes),
            // `module quote`: the core parses the text.
            Ok(QuoteWatTest::Text(text)) => Module::new(&self.engine, &text),
            Err(e) => {
                return Err(BuildError::Rejected(format!(
                    "the text format was rejected: {}",
                    e.message()
                )));
            }
        };
        result.map_err(|e| {
            if e.as_decode().is_some() {
                BuildError::Rejected(e.to_string())
            } else {
                BuildError::Other(format!("failed to compile the module: {e}"))
            }
        })
    }

    fn instantiate(&mut self, module: &Module) -> Result<Instance, ExecError> {
        self.linker
            .instantiate(&mut self.store, module)
            .map_err(ExecError::from)
    }

    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Vec<Val>, ExecError> {
        let instance = self
            .instance(invoke.module.map(|id| id.name()))
            .map_err(ExecError::Other)?;
        let func = instance
            .get_func(&self.store, invoke.name)
            .ok_or_else(|| ExecError::Other(format!("no exported function named `{}`", invoke.name)))?;
        let mut args = Vec::with_capacity(invoke.args.len());
        for arg in &invoke.args {
            args.push(values::arg_to_val(&mut self.store, &mut self.externs, arg).map_err(ExecError::Other)?);
        }
        let ty = func.ty(&self.store);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
        func.call(&mut self.store, &args, &mut results)
            .map_err(ExecError::from)?;
        Ok(results)
    }

    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Vec<Val>, ExecError> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(&invoke),
            WastExecute::Wat(module) => {
                let mut module = QuoteWat::Wat(module);
                let module = self.build(&mut module).map_err(|e| ExecError::Other(e.message()))?;
                self.instantiate(&module).map(|_| Vec::new())
            }
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module.map(|id| id.name())).map_err(ExecError::Other)?;
                match instance.get_export(&self.store, global) {
                    Some(Extern::Global(g)) => Ok(vec![g.get(&self.store)]),
                    _ => Err(ExecError::Other(format!("no exported global named `{global}`"))),
                }
            }
        }
    }

    fn assert_return(&mut self, exec: WastExecute<'_>, expected: &[WastRet<'_>]) -> Result<(), String> {
        let mut patterns: Vec<&WastRetCore<'_>> = Vec::with_capacity(expected.len());
        for e in expected {
            match e {
                WastRet::Core(core) => patterns.push(core),
                _ => return Err("component-model results are not supported".into()),
            }
        }
        let actual = self.execute(exec).map_err(|e| exec_message(&e))?;
        if actual.len() != patterns.len() {
            return Err(format!("expected {} results, got {}", patterns.len(), actual.len()));
        }
        for (i, (a, e)) in actual.iter().zip(patterns).enumerate() {
            values::check_result(&self.store, a, e).map_err(|m| format!("result {i}: {m}"))?;
        }
        Ok(())
    }

    fn assert_unlinkable(&mut self, module: Wat<'_>, message: &str) -> Result<(), String> {
        let mut module = QuoteWat::Wat(module);
        let module = self.build(&mut module).map_err(|e| {
            format!(
                "expected a link failure (\"{message}\"), but the module did not compile: {}",
                e.message()
            )
        })?;
        match self.instantiate(&module) {
            Ok(_) => Err(format!(
                "expected a link failure (\"{message}\"), but instantiation succeeded"
            )),
            Err(ExecError::Trap(_)) => Ok(()),
            Err(ExecError::Other(m)) if m.starts_with(LINK_PREFIX) => Ok(()),
            Err(ExecError::Other(m)) => Err(format!("expected a link failure (\"{message}\"), got: {m}")),
        }
    }
}

const LINK_PREFIX: &str = "link error: ";

impl From<Error> for ExecError {
    fn from(e: Error) -> ExecError {
        if e.as_link().is_some() {
            return ExecError::Other(format!("{LINK_PREFIX}{e}"));
        }
        match e.into_kind() {
            concord::ErrorKind::Trap(t) => ExecError::Trap(t),
            other => ExecError::Other(Error::from(other).to_string()),
        }
    }
}

fn exec_message(e: &ExecError) -> String {
    match e {
        ExecError::Trap(t) => format!("trapped: {t}"),
        ExecError::Other(m) => m.clone(),
    }
}

/// Trap messages of the spec scripts that name a trap code by another
/// text than its message.
const TRAP_ALIASES: &[(&str, TrapCode)] = &[("null function reference", TrapCode::NullReference)];

fn expect_trap(result: Result<Vec<Val>, ExecError>, expected: &str) -> Result<(), String> {
    match result {
        Ok(values) => Err(format!(
            "expected a trap (\"{expected}\"), but it returned {} value(s)",
            values.len()
        )),
        Err(ExecError::Other(m)) => Err(format!("expected a trap (\"{expected}\"), got: {m}")),
        Err(ExecError::Trap(trap)) => {
            let actual = trap.to_string();
            let alias = TRAP_ALIASES
                .iter()
                .any(|&(text, code)| expected.starts_with(text) && trap.code() == code);
            if actual.contains(expected) || expected.starts_with(trap.code().message()) || alias {
                Ok(())
            } else {
                Err(format!("expected a trap \"{expected}\", got: {actual}"))
            }
        }
    }
}

fn is_component(module: &QuoteWat<'_>) -> bool {
    matches!(module, QuoteWat::Wat(Wat::Component(_)) | QuoteWat::QuoteComponent(..))
}
