//! A description of a module read with every proposal on: what it imports
//! and exports, its sizes, and the WebAssembly proposals it uses, whether or
//! not concord implements them. `concord inspect` reports it, and the CLI
//! uses it to say why a module was rejected; nothing here prepares a module
//! to run (that is [`crate::Module`], under a [`crate::Config`]).

use crate::config::WasmFeatures;
use crate::error::{DecodeError, DecodeErrorKind, Result};
use crate::module::decode_err;
use std::collections::BTreeSet;
use wasmparser as wp;

/// What an import or an export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A function.
    Func,
    /// A table.
    Table,
    /// A memory.
    Memory,
    /// A global.
    Global,
    /// An exception tag.
    Tag,
}

/// One import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    /// Import module name.
    pub module: String,
    /// Field name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its type in the text format, as [`crate::ExternType`] prints it
    /// (`(func (param i32) (result i32))`, `(memory 1)`, ...; `(memory i64 1)`,
    /// `(ref null 2)`, `(tag (param i32))` where Wasm 2.0 has no such thing).
    pub ty: String,
}

/// One export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    /// Export name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its type, as in [`ImportSummary::ty`].
    pub ty: String,
}

/// A module, described with every proposal on (see [`summarize`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The proposal switches the module needs on: a switch is on here when
    /// the module uses its types, operators or constructs.
    pub features: WasmFeatures,
    /// Proposals it uses that concord has no switch for, by wasmparser's
    /// name in `-W` spelling (`custom-page-sizes`, `wide-arithmetic`, ...).
    pub other_proposals: Vec<String>,
    /// Imports, in order.
    pub imports: Vec<ImportSummary>,
    /// Exports, in order.
    pub exports: Vec<ExportSummary>,
    /// Defined functions.
    pub functions: u32,
    /// Total size of the function bodies in bytes.
    pub code_bytes: usize,
    /// Data segments.
    pub data_segments: usize,
    /// Total size of the data segments' contents in bytes.
    pub data_bytes: usize,
    /// Memories, imported first: minimum and maximum in pages.
    pub memories: Vec<(u64, Option<u64>)>,
    /// Tables, imported first: minimum and maximum in elements.
    pub tables: Vec<(u64, Option<u64>)>,
    /// Globals, imported and defined.
    pub globals: usize,
    /// Exception tags, imported and defined.
    pub tags: usize,
}

impl ModuleSummary {
    /// The names of the switches the module needs on, in the order of
    /// [`WasmFeatures::SWITCHES`].
    pub fn features_used(&self) -> Vec<&'static str> {
        WasmFeatures::SWITCHES
            .iter()
            .filter(|(name, _)| self.features.get(name) == Some(true))
            .map(|(name, _)| *name)
            .collect()
    }
}

/// The wasmparser flags of every proposal: all of them, so that any module
/// that some proposal makes valid is described.
fn every_proposal() -> wp::WasmFeatures {
    wp::WasmFeatures::all()
}

/// The wasmparser flags of concord's switches, and the flags that are not
/// proposals (floats, GC types).
fn switch_flags() -> wp::WasmFeatures {
    WasmFeatures::ALL.to_parser() | wp::WasmFeatures::FLOATS | wp::WasmFeatures::GC_TYPES
}

/// Decodes and validates `bytes` (the binary format) with every proposal
/// on and describes the module. A module that is invalid even so is an
/// error; a component is too (concord runs core modules).
pub fn summarize(bytes: &[u8]) -> Result<ModuleSummary> {
    let all = every_proposal();
    let mut walk = Walk {
        used: wp::WasmFeatures::empty(),
        ..Walk::default()
    };
    let mut validator = wp::Validator::new_with_features(all);
    let mut parser = wp::Parser::new(0);
    parser.set_features(all);
    let mut allocs = wp::FuncValidatorAllocations::default();
    for payload in parser.parse_all(bytes) {
        let payload = payload.map_err(decode_err)?;
        if let wp::Payload::Version {
            encoding: wp::Encoding::Component,
            range,
            ..
        } = &payload
        {
            return Err(DecodeError {
                message: "this is a WebAssembly component; concord runs core modules only".into(),
                offset: range.start as usize,
                kind: DecodeErrorKind::Binary,
            }
            .into());
        }
        let valid = validator.payload(&payload).map_err(decode_err)?;
        if let wp::ValidPayload::Func(func, body) = valid {
            let mut v = func.into_validator(std::mem::take(&mut allocs));
            v.validate(&body).map_err(decode_err)?;
            allocs = v.into_allocations();
        }
        walk.payload(payload).map_err(decode_err)?;
    }
    // Proposals concord has no switch for: when the module needs more than
    // the switches' flags, each other flag it cannot do without.
    if !walk.other.is_empty()
        || wp::Validator::new_with_features(switch_flags())
            .validate_all(bytes)
            .is_err()
    {
        let switches = switch_flags();
        for (name, flag) in all.iter_names() {
            let irrelevant = name.starts_with("CM_") || name == "COMPONENT_MODEL";
            if irrelevant || switches.contains(flag) {
                continue;
            }
            if wp::Validator::new_with_features(all.difference(flag))
                .validate_all(bytes)
                .is_err()
            {
                walk.other.insert(name.to_ascii_lowercase().replace('_', "-"));
            }
        }
    }
    Ok(walk.finish())
}

/// The proposal that introduced an operator, as wasmparser's operator table
/// names it (`mvp`, `sign_extension`, `tail_call`, `gc`, ...).
macro_rules! define_op_proposal {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        fn op_proposal(op: &wp::Operator<'_>) -> &'static str {
            match op {
                $( wp::Operator::$op { .. } => stringify!($proposal), )*
                // `Operator` is non-exhaustive; the table lists every variant.
                _ => "mvp",
            }
        }
    };
}
wp::for_each_operator!(define_op_proposal);

/// The state of the walk over a module's sections.
#[derive(Default)]
struct Walk {
    /// Flags of the proposals used that concord has switches for.
    used: wp::WasmFeatures,
    /// Proposals used that it has none for.
    other: BTreeSet<String>,
    /// Each type: its function type, if it is one.
    types: Vec<Option<wp::FuncType>>,
    /// Each function's type index.
    funcs: Vec<u32>,
    tables: Vec<wp::TableType>,
    memories: Vec<wp::MemoryType>,
    globals: Vec<wp::GlobalType>,
    /// Each tag's type index.
    tags: Vec<u32>,
    imported_globals: u32,
    imports: Vec<ImportSummary>,
    exports: Vec<ExportSummary>,
    imported_funcs: u32,
    code_bytes: usize,
    data_segments: usize,
    data_bytes: usize,
}

impl Walk {
    fn uses(&mut self, flags: wp::WasmFeatures) {
        self.used |= flags;
    }

    /// Records the proposal of an operator, by its name in the operator table.
    fn uses_proposal(&mut self, proposal: &str) {
        if proposal == "mvp" {
            return;
        }
        match wp::WasmFeatures::from_name(&proposal.to_ascii_uppercase()) {
            Some(flag) if switch_flags().contains(flag) => self.uses(flag),
            _ => {
                self.other.insert(proposal.replace('_', "-"));
            }
        }
    }

    fn payload(&mut self, payload: wp::Payload<'_>) -> wp::Result<()> {
        use wp::Payload::*;
        match payload {
            TypeSection(reader) => {
                for group in reader {
                    let group = group?;
                    if group.is_explicit_rec_group() {
                        self.uses(wp::WasmFeatures::GC);
                    }
                    for sub in group.into_types() {
                        self.sub_type(&sub);
                        self.types.push(match sub.composite_type.inner {
                            wp::CompositeInnerType::Func(f) => Some(f),
                            _ => None,
                        });
                    }
                }
            }
            ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import?;
                    let (kind, ty) = match import.ty {
                        wp::TypeRef::Func(t) | wp::TypeRef::FuncExact(t) => {
                            self.funcs.push(t);
                            self.imported_funcs += 1;
                            (EntityKind::Func, self.func_text(t))
                        }
                        wp::TypeRef::Table(t) => {
                            self.table(&t);
                            (EntityKind::Table, table_text(&t))
                        }
                        wp::TypeRef::Memory(m) => {
                            self.memory(&m);
                            (EntityKind::Memory, memory_text(&m))
                        }
                        wp::TypeRef::Global(g) => {
                            self.global(&g, true);
                            self.imported_globals += 1;
                            (EntityKind::Global, global_text(&g))
                        }
                        wp::TypeRef::Tag(t) => {
                            self.tag(&t);
                            (EntityKind::Tag, self.tag_text(t.func_type_idx))
                        }
                    };
                    self.imports.push(ImportSummary {
                        module: import.module.to_string(),
                        name: import.name.to_string(),
                        kind,
                        ty,
                    });
                }
            }
            FunctionSection(reader) => {
                for t in reader {
                    self.funcs.push(t?);
                }
            }
            TableSection(reader) => {
                for t in reader {
                    let t = t?;
                    self.table(&t.ty);
                    if let wp::TableInit::Expr(e) = t.init {
                        self.uses(wp::WasmFeatures::FUNCTION_REFERENCES);
                        self.const_expr(&e)?;
                    }
                }
            }
            MemorySection(reader) => {
                for m in reader {
                    self.memory(&m?);
                }
            }
            TagSection(reader) => {
                for t in reader {
                    self.tag(&t?);
                }
            }
            GlobalSection(reader) => {
                for g in reader {
                    let g = g?;
                    self.global(&g.ty, false);
                    self.const_expr(&g.init_expr)?;
                }
            }
            ExportSection(reader) => {
                for e in reader {
                    let e = e?;
                    let i = e.index as usize;
                    let (kind, ty) = match e.kind {
                        wp::ExternalKind::Func | wp::ExternalKind::FuncExact => {
                            (EntityKind::Func, self.func_text(self.funcs[i]))
                        }
                        wp::ExternalKind::Table => (EntityKind::Table, table_text(&self.tables[i])),
                        wp::ExternalKind::Memory => (EntityKind::Memory, memory_text(&self.memories[i])),
                        wp::ExternalKind::Global => {
                            if self.globals[i].mutable {
                                self.uses(wp::WasmFeatures::MUTABLE_GLOBAL);
                            }
                            (EntityKind::Global, global_text(&self.globals[i]))
                        }
                        wp::ExternalKind::Tag => (EntityKind::Tag, self.tag_text(self.tags[i])),
                    };
                    self.exports.push(ExportSummary {
                        name: e.name.to_string(),
                        kind,
                        ty,
                    });
                }
            }
            ElementSection(reader) => {
                for e in reader {
                    let e = e?;
                    match e.kind {
                        wp::ElementKind::Passive | wp::ElementKind::Declared => {
                            self.uses(wp::WasmFeatures::BULK_MEMORY);
                        }
                        wp::ElementKind::Active { offset_expr, .. } => self.const_expr(&offset_expr)?,
                    }
                    if let wp::ElementItems::Expressions(ty, items) = e.items {
                        self.val_type(wp::ValType::Ref(ty));
                        for item in items {
                            self.const_expr(&item?)?;
                        }
                    }
                }
            }
            DataCountSection { .. } => self.uses(wp::WasmFeatures::BULK_MEMORY),
            DataSection(reader) => {
                for d in reader {
                    let d = d?;
                    self.data_segments += 1;
                    self.data_bytes += d.data.len();
                    match d.kind {
                        wp::DataKind::Passive => self.uses(wp::WasmFeatures::BULK_MEMORY),
                        wp::DataKind::Active { offset_expr, .. } => self.const_expr(&offset_expr)?,
                    }
                }
            }
            CodeSectionEntry(body) => {
                let range = body.range();
                self.code_bytes += (range.end - range.start) as usize;
                for local in body.get_locals_reader()? {
                    self.val_type(local?.1);
                }
                let mut ops = body.get_operators_reader()?;
                while !ops.eof() {
                    let op = ops.read()?;
                    self.operator(&op);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(self) -> ModuleSummary {
        let mut features = WasmFeatures::NONE;
        features.set_parser_flags(self.used);
        ModuleSummary {
            features,
            other_proposals: self.other.into_iter().collect(),
            functions: self.funcs.len() as u32 - self.imported_funcs,
            code_bytes: self.code_bytes,
            data_segments: self.data_segments,
            data_bytes: self.data_bytes,
            memories: self.memories.iter().map(|m| (m.initial, m.maximum)).collect(),
            tables: self.tables.iter().map(|t| (t.initial, t.maximum)).collect(),
            globals: self.globals.len(),
            tags: self.tags.len(),
            imports: self.imports,
            exports: self.exports,
        }
    }

    fn sub_type(&mut self, sub: &wp::SubType) {
        if !sub.is_final || !sub.supertype_idxs.is_empty() {
            self.uses(wp::WasmFeatures::GC);
        }
        match &sub.composite_type.inner {
            wp::CompositeInnerType::Func(f) => {
                if f.results().len() > 1 {
                    self.uses(wp::WasmFeatures::MULTI_VALUE);
                }
                for t in f.params().iter().chain(f.results()) {
                    self.val_type(*t);
                }
            }
            wp::CompositeInnerType::Array(a) => {
                self.uses(wp::WasmFeatures::GC);
                self.storage_type(a.0.element_type);
            }
            wp::CompositeInnerType::Struct(s) => {
                self.uses(wp::WasmFeatures::GC);
                for field in s.fields.iter() {
                    self.storage_type(field.element_type);
                }
            }
            // Continuations (stack switching) are found by validation.
            wp::CompositeInnerType::Cont(_) => {}
        }
    }

    fn storage_type(&mut self, t: wp::StorageType) {
        if let wp::StorageType::Val(t) = t {
            self.val_type(t);
        }
    }

    /// A value type of a signature, local, global, block or segment.
    fn val_type(&mut self, t: wp::ValType) {
        match t {
            wp::ValType::I32 | wp::ValType::I64 | wp::ValType::F32 | wp::ValType::F64 => {}
            wp::ValType::V128 => self.uses(wp::WasmFeatures::SIMD),
            wp::ValType::Ref(r) => {
                self.uses(wp::WasmFeatures::REFERENCE_TYPES);
                self.ref_type(r);
            }
        }
    }

    /// What a reference type needs beyond reference types.
    fn ref_type(&mut self, r: wp::RefType) {
        use wp::AbstractHeapType::*;
        match r.heap_type() {
            wp::HeapType::Concrete(_) | wp::HeapType::Exact(_) => {
                self.uses(wp::WasmFeatures::FUNCTION_REFERENCES);
            }
            wp::HeapType::Abstract { ty, .. } => match (ty, r.is_nullable()) {
                (Func | Extern, true) => {}
                (Func | Extern, false) => self.uses(wp::WasmFeatures::FUNCTION_REFERENCES),
                (Any | None | Eq | Struct | Array | I31 | NoExtern | NoFunc, _) => self.uses(wp::WasmFeatures::GC),
                (Exn | NoExn, _) => self.uses(wp::WasmFeatures::EXCEPTIONS),
                // Continuations (stack switching) are found by validation.
                (Cont | NoCont, _) => {}
            },
        }
    }

    fn table(&mut self, t: &wp::TableType) {
        self.tables.push(*t);
        if self.tables.len() > 1 {
            self.uses(wp::WasmFeatures::REFERENCE_TYPES);
        }
        if t.table64 {
            self.uses(wp::WasmFeatures::MEMORY64);
        }
        // A table of funcref is Wasm 1.0.
        if t.element_type != wp::RefType::FUNCREF {
            self.val_type(wp::ValType::Ref(t.element_type));
        }
    }

    fn memory(&mut self, m: &wp::MemoryType) {
        self.memories.push(*m);
        if self.memories.len() > 1 {
            self.uses(wp::WasmFeatures::MULTI_MEMORY);
        }
        if m.memory64 {
            self.uses(wp::WasmFeatures::MEMORY64);
        }
        if m.shared {
            self.uses(wp::WasmFeatures::THREADS);
        }
    }

    fn global(&mut self, g: &wp::GlobalType, imported: bool) {
        self.globals.push(*g);
        self.val_type(g.content_type);
        if imported && g.mutable {
            self.uses(wp::WasmFeatures::MUTABLE_GLOBAL);
        }
    }

    fn tag(&mut self, t: &wp::TagType) {
        self.tags.push(t.func_type_idx);
        self.uses(wp::WasmFeatures::EXCEPTIONS);
    }

    /// An operator of a function body or a constant expression.
    fn operator(&mut self, op: &wp::Operator<'_>) {
        self.uses_proposal(op_proposal(op));
        use wp::Operator::*;
        match op {
            Block { blockty }
            | Loop { blockty }
            | If { blockty }
            | TryTable {
                try_table: wp::TryTable { ty: blockty, .. },
            } => match *blockty {
                wp::BlockType::Empty => {}
                wp::BlockType::Type(t) => self.val_type(t),
                wp::BlockType::FuncType(_) => self.uses(wp::WasmFeatures::MULTI_VALUE),
            },
            TypedSelect { ty } => self.val_type(*ty),
            TypedSelectMulti { tys } => {
                for t in tys {
                    self.val_type(*t);
                }
            }
            RefNull { hty } => {
                if let Some(r) = wp::RefType::new(true, *hty) {
                    self.ref_type(r);
                }
            }
            _ => {}
        }
    }

    /// A constant expression: its operators, and those only extended
    /// constant expressions and GC allow there.
    fn const_expr(&mut self, e: &wp::ConstExpr<'_>) -> wp::Result<()> {
        let mut ops = e.get_operators_reader();
        while !ops.eof() {
            let op = ops.read()?;
            self.operator(&op);
            use wp::Operator::*;
            match op {
                I32Add | I32Sub | I32Mul | I64Add | I64Sub | I64Mul => self.uses(wp::WasmFeatures::EXTENDED_CONST),
                GlobalGet { global_index } if global_index >= self.imported_globals => {
                    self.uses(wp::WasmFeatures::GC);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn func_text(&self, type_index: u32) -> String {
        match self.types.get(type_index as usize) {
            Some(Some(f)) => {
                let mut s = String::from("(func");
                push_vals(&mut s, "param", f.params());
                push_vals(&mut s, "result", f.results());
                s.push(')');
                s
            }
            _ => format!("(func (type {type_index}))"),
        }
    }

    fn tag_text(&self, type_index: u32) -> String {
        match self.types.get(type_index as usize) {
            Some(Some(f)) => {
                let mut s = String::from("(tag");
                push_vals(&mut s, "param", f.params());
                s.push(')');
                s
            }
            _ => format!("(tag (type {type_index}))"),
        }
    }
}

fn push_vals(s: &mut String, what: &str, types: &[wp::ValType]) {
    if types.is_empty() {
        return;
    }
    s.push_str(" (");
    s.push_str(what);
    for t in types {
        s.push(' ');
        s.push_str(&val_text(*t));
    }
    s.push(')');
}

fn val_text(t: wp::ValType) -> String {
    match t {
        wp::ValType::Ref(r) => ref_text(r),
        other => other.to_string(),
    }
}

/// A reference type in the text format, type indices as numbers.
fn ref_text(r: wp::RefType) -> String {
    let null = if r.is_nullable() { "null " } else { "" };
    let index = |i: wp::UnpackedIndex| match i.as_module_index() {
        Some(i) => i.to_string(),
        None => i.to_string(),
    };
    match r.heap_type() {
        wp::HeapType::Concrete(i) => format!("(ref {null}{})", index(i)),
        wp::HeapType::Exact(i) => format!("(ref {null}(exact {}))", index(i)),
        wp::HeapType::Abstract { .. } => r.to_string(),
    }
}

fn limits_text(s: &mut String, index64: bool, min: u64, max: Option<u64>) {
    if index64 {
        s.push_str(" i64");
    }
    s.push_str(&format!(" {min}"));
    if let Some(max) = max {
        s.push_str(&format!(" {max}"));
    }
}

fn memory_text(m: &wp::MemoryType) -> String {
    let mut s = String::from("(memory");
    limits_text(&mut s, m.memory64, m.initial, m.maximum);
    if m.shared {
        s.push_str(" shared");
    }
    s.push(')');
    s
}

fn table_text(t: &wp::TableType) -> String {
    let mut s = String::from("(table");
    limits_text(&mut s, t.table64, t.initial, t.maximum);
    s.push(' ');
    s.push_str(&ref_text(t.element_type));
    s.push(')');
    s
}

fn global_text(g: &wp::GlobalType) -> String {
    let t = val_text(g.content_type);
    if g.mutable {
        format!("(global (mut {t}))")
    } else {
        format!("(global {t})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(wat: &str) -> ModuleSummary {
        summarize(&wat::parse_str(wat).unwrap()).unwrap_or_else(|e| panic!("{wat}: {e}"))
    }

    /// The switches a module needs, and the other proposals.
    fn used(wat: &str) -> (Vec<&'static str>, Vec<String>) {
        let s = summary(wat);
        (s.features_used(), s.other_proposals)
    }

    #[test]
    fn each_proposal_is_found_by_its_types_operators_or_constructs() {
        let cases: &[(&str, &[&str])] = &[
            ("(module (func (result i32) (i32.const 1)))", &[]),
            (
                "(module (table 1 funcref) (memory 1) (elem (i32.const 0) 0) (func))",
                &[],
            ),
            (
                r#"(module (global (export "g") (mut i32) (i32.const 0)))"#,
                &["mutable-global"],
            ),
            (
                "(module (func (param i32) (result i32) (i32.extend8_s (local.get 0))))",
                &["sign-extension"],
            ),
            (
                "(module (func (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0))))",
                &["nontrapping-float-to-int"],
            ),
            (
                "(module (func (result i32 i32) (i32.const 1) (i32.const 2)))",
                &["multi-value"],
            ),
            (
                "(module (func (param i32) (result i32) (local.get 0) (block (param i32) (result i32))))",
                &["multi-value"],
            ),
            (
                "(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))",
                &["bulk-memory"],
            ),
            ("(module (memory 1) (data \"x\"))", &["bulk-memory"]),
            ("(module (func (param externref)))", &["reference-types"]),
            ("(module (table 1 funcref) (table 1 funcref))", &["reference-types"]),
            ("(module (func (result v128) (v128.const i64x2 0 0)))", &["simd"]),
            (
                "(module (func (param v128 v128 v128) (result v128) \
                   (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))))",
                &["relaxed-simd", "simd"],
            ),
            ("(module (func $f (return_call $f)))", &["tail-call"]),
            (
                "(module (global i32 (i32.add (i32.const 1) (i32.const 2))))",
                &["extended-const"],
            ),
            ("(module (memory 1) (memory 1))", &["multi-memory"]),
            ("(module (memory i64 1))", &["memory64"]),
            ("(module (table i64 1 funcref))", &["memory64"]),
            (
                "(module (tag $e) (func (try_table (catch_all 0) (throw $e))))",
                &["exceptions"],
            ),
            ("(module (func (param exnref)))", &["reference-types", "exceptions"]),
            ("(module (memory 1 1 shared))", &["threads"]),
            (
                "(module (memory 1 1 shared) (func (result i32) (i32.atomic.load (i32.const 0))))",
                &["threads"],
            ),
            (
                "(module (type $f (func)) (func (param (ref null $f))))",
                &["reference-types", "function-references"],
            ),
            (
                "(module (type $f (func)) (elem declare func $g) (func $g) \
                   (func (call_ref $f (ref.func $g))))",
                &["bulk-memory", "reference-types", "function-references"],
            ),
            ("(module (type (struct (field i32))))", &["gc"]),
            ("(module (type (array i8)))", &["gc"]),
            ("(module (rec (type (func))))", &["gc"]),
            ("(module (type $t (sub (func))) (type (sub $t (func))))", &["gc"]),
            (
                "(module (func (result i32) (i31.get_s (ref.i31 (i32.const 1)))))",
                &["gc"],
            ),
            (
                "(module (global (ref null any) (ref.null any)))",
                &["reference-types", "gc"],
            ),
            (
                "(module (global i32 (i32.const 1)) (global i32 (global.get 0)))",
                &["gc"],
            ),
        ];
        for (wat, expected) in cases {
            let (features, other) = used(wat);
            let mut want: Vec<&str> = WasmFeatures::SWITCHES
                .iter()
                .map(|(n, _)| *n)
                .filter(|n| expected.contains(n))
                .collect();
            want.dedup();
            assert_eq!(features, want, "{wat}");
            assert!(other.is_empty(), "{wat}: {other:?}");
        }
    }

    #[test]
    fn proposals_without_a_switch_are_named() {
        assert_eq!(used("(module (memory 1 (pagesize 1)))").1, ["custom-page-sizes"]);
        assert_eq!(
            used(
                "(module (func (param i64 i64 i64 i64) (result i64 i64) (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3))))"
            ),
            (vec!["multi-value"], vec!["wide-arithmetic".to_string()])
        );
    }

    #[test]
    fn imports_exports_and_sizes_are_described() {
        let s = summary(
            r#"(module
                 (type $s (struct))
                 (import "env" "f" (func (param i32 (ref null $s)) (result i64)))
                 (import "env" "m" (memory i64 1 2))
                 (import "env" "g" (global (mut f32)))
                 (import "env" "e" (tag (param i32)))
                 (table (export "t") 1 10 externref)
                 (memory (export "m2") 1 1 shared)
                 (func (export "h") (param v128))
                 (data (memory 1) (i32.const 0) "abcd"))"#,
        );
        let imports: Vec<(&str, EntityKind, &str)> = s
            .imports
            .iter()
            .map(|i| (i.name.as_str(), i.kind, i.ty.as_str()))
            .collect();
        assert_eq!(
            imports,
            [
                ("f", EntityKind::Func, "(func (param i32 (ref null 0)) (result i64))"),
                ("m", EntityKind::Memory, "(memory i64 1 2)"),
                ("g", EntityKind::Global, "(global (mut f32))"),
                ("e", EntityKind::Tag, "(tag (param i32))"),
            ]
        );
        let exports: Vec<(&str, &str)> = s.exports.iter().map(|e| (e.name.as_str(), e.ty.as_str())).collect();
        assert_eq!(
            exports,
            [
                ("t", "(table 1 10 externref)"),
                ("m2", "(memory 1 1 shared)"),
                ("h", "(func (param v128))")
            ]
        );
        assert_eq!((s.functions, s.data_segments, s.data_bytes), (1, 1, 4));
        assert_eq!(s.memories, [(1, Some(2)), (1, Some(1))]);
        assert_eq!(s.tables, [(1, Some(10))]);
        assert_eq!((s.globals, s.tags), (1, 1));
        assert!(s.code_bytes > 0);
    }

    #[test]
    fn invalid_modules_and_components_are_errors() {
        let invalid = wat::parse_str("(module (func (result i32) (i64.const 0)))").unwrap();
        let e = summarize(&invalid).unwrap_err();
        assert!(e.to_string().contains("type mismatch"), "{e}");
        assert!(summarize(b"\0asm\x01\0\0\0\x01").is_err());
        let component = wat::parse_str("(component)").unwrap();
        let e = summarize(&component).unwrap_err();
        assert!(e.to_string().contains("component"), "{e}");
    }
}
