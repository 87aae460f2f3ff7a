//! Modules: decoding, validation and the module description every tier reads.

use crate::backend::Backend;
use crate::code::ModuleCode;
use crate::config::WasmFeatures;
use crate::engine::Engine;
use crate::error::{DecodeError, DecodeErrorKind, Error, Result};
use crate::types::{ExternType, FuncType, GlobalType, HeapType, MemoryType, Mutability, RefType, TableType, ValType};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use wasmparser as wp;

/// A constant expression: one instruction (Wasm 2.0), or, with extended
/// constant expressions (Wasm 3.0), a sequence of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstExpr {
    /// `i32.const`
    I32(i32),
    /// `i64.const`
    I64(i64),
    /// `f32.const`, bits
    F32(u32),
    /// `f64.const`, bits
    F64(u64),
    /// `v128.const`
    V128(u128),
    /// `ref.null`
    RefNull(RefType),
    /// `ref.func`
    RefFunc(u32),
    /// `global.get` of a global defined or imported before the expression's
    /// owner
    GlobalGet(u32),
    /// Several instructions, run on a stack: the expression's value is the
    /// one value left (validation guarantees it).
    Ops(Box<[ConstOp]>),
}

/// One instruction of an extended constant expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstOp {
    /// Pushes a single-instruction expression's value.
    Push(ConstLeaf),
    /// `i32.add`
    I32Add,
    /// `i32.sub`
    I32Sub,
    /// `i32.mul`
    I32Mul,
    /// `i64.add`
    I64Add,
    /// `i64.sub`
    I64Sub,
    /// `i64.mul`
    I64Mul,
}

/// A value-producing instruction of a constant expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstLeaf {
    /// `i32.const`
    I32(i32),
    /// `i64.const`
    I64(i64),
    /// `f32.const`, bits
    F32(u32),
    /// `f64.const`, bits
    F64(u64),
    /// `v128.const`
    V128(u128),
    /// `ref.null`
    RefNull(RefType),
    /// `ref.func`
    RefFunc(u32),
    /// `global.get`
    GlobalGet(u32),
}

impl From<ConstLeaf> for ConstExpr {
    fn from(leaf: ConstLeaf) -> ConstExpr {
        match leaf {
            ConstLeaf::I32(v) => ConstExpr::I32(v),
            ConstLeaf::I64(v) => ConstExpr::I64(v),
            ConstLeaf::F32(v) => ConstExpr::F32(v),
            ConstLeaf::F64(v) => ConstExpr::F64(v),
            ConstLeaf::V128(v) => ConstExpr::V128(v),
            ConstLeaf::RefNull(t) => ConstExpr::RefNull(t),
            ConstLeaf::RefFunc(i) => ConstExpr::RefFunc(i),
            ConstLeaf::GlobalGet(i) => ConstExpr::GlobalGet(i),
        }
    }
}

/// An import of a module.
#[derive(Clone, Debug)]
pub struct Import {
    /// The module name.
    pub module: String,
    /// The field name.
    pub name: String,
    /// What is imported; for functions, [`ImportKind::Func`] holds the type index.
    pub kind: ImportKind,
}

/// What an import is.
#[derive(Clone, Copy, Debug)]
pub enum ImportKind {
    /// A function of the given type index.
    Func(u32),
    /// A table.
    Table(TableType),
    /// A memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
    /// A tag of the given type index.
    Tag(u32),
}

/// The kind of an exported entity, with its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityIndex {
    /// A function index.
    Func(u32),
    /// A table index.
    Table(u32),
    /// A memory index.
    Memory(u32),
    /// A global index.
    Global(u32),
    /// A tag index.
    Tag(u32),
}

/// An export of a module.
#[derive(Clone, Debug)]
pub struct Export {
    /// The exported name.
    pub name: String,
    /// The exported entity.
    pub index: EntityIndex,
}

/// Where an element segment goes.
#[derive(Clone, Debug)]
pub enum ElementMode {
    /// Used by `table.init` only.
    Passive,
    /// Copied into a table at instantiation.
    Active {
        /// The table.
        table: u32,
        /// The offset.
        offset: ConstExpr,
    },
    /// Only declares functions referenceable by `ref.func`.
    Declared,
}

/// An element segment.
#[derive(Clone, Debug)]
pub struct ElementSegment {
    /// Where it goes.
    pub mode: ElementMode,
    /// The type of its items.
    pub ty: RefType,
    /// Its items.
    pub items: Vec<ConstExpr>,
}

/// Where a data segment goes.
#[derive(Clone, Debug)]
pub enum DataMode {
    /// Used by `memory.init` only.
    Passive,
    /// Copied into a memory at instantiation.
    Active {
        /// The memory.
        memory: u32,
        /// The offset.
        offset: ConstExpr,
    },
}

/// A data segment.
#[derive(Clone, Debug)]
pub struct DataSegment {
    /// Where it goes.
    pub mode: DataMode,
    /// Its bytes, as a range of [`ModuleInfo::bytes`].
    pub range: Range<usize>,
}

/// Names from the name section, for backtraces.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// The module's name.
    pub module: Option<String>,
    /// Function names by function index.
    pub funcs: HashMap<u32, String>,
}

/// Everything known about a validated module. Shared by every tier.
///
/// Index spaces put imports first: function `i < num_imported_funcs` is an
/// import, the rest are defined ("defined index" `i - num_imported_funcs`).
#[derive(Debug)]
pub struct ModuleInfo {
    /// The module's binary.
    pub bytes: Arc<Vec<u8>>,
    /// The features it was validated with.
    pub features: WasmFeatures,
    /// The type section (function types).
    pub types: Vec<FuncType>,
    /// The type index of every function.
    pub funcs: Vec<u32>,
    /// How many functions are imported.
    pub num_imported_funcs: u32,
    /// Every table's type.
    pub tables: Vec<TableType>,
    /// Initializers of defined tables (`None`: null).
    pub table_inits: Vec<Option<ConstExpr>>,
    /// How many tables are imported.
    pub num_imported_tables: u32,
    /// Every memory's type.
    pub memories: Vec<MemoryType>,
    /// How many memories are imported.
    pub num_imported_memories: u32,
    /// Every global's type.
    pub globals: Vec<GlobalType>,
    /// Initializers of defined globals.
    pub global_inits: Vec<ConstExpr>,
    /// How many globals are imported.
    pub num_imported_globals: u32,
    /// Tags (exception handling), imported first: their type indices.
    pub tags: Vec<u32>,
    /// Number of imported tags.
    pub num_imported_tags: u32,
    /// Imports in order.
    pub imports: Vec<Import>,
    /// Exports in order.
    pub exports: Vec<Export>,
    /// The start function.
    pub start: Option<u32>,
    /// Element segments.
    pub elements: Vec<ElementSegment>,
    /// Data segments.
    pub data: Vec<DataSegment>,
    /// Body of every defined function, as a range of `bytes` (locals included).
    pub bodies: Vec<Range<usize>>,
    /// Names from the name section.
    pub names: Names,
}

impl ModuleInfo {
    /// The type of function `func_index`.
    pub fn func_type(&self, func_index: u32) -> &FuncType {
        &self.types[self.funcs[func_index as usize] as usize]
    }

    /// The number of defined functions.
    pub fn num_defined_funcs(&self) -> u32 {
        self.bodies.len() as u32
    }

    /// The body of defined function `def_index`, for a backend to translate.
    pub fn function_body(&self, def_index: u32) -> wp::FunctionBody<'_> {
        let range = self.bodies[def_index as usize].clone();
        let reader = wp::BinaryReader::new(&self.bytes[range.clone()], range.start as u64);
        wp::FunctionBody::new(reader)
    }

    /// The frame info of a function, for backtraces (and for naming it):
    /// no instruction, no instance.
    pub fn frame_info(&self, func_index: u32) -> crate::trap::FrameInfo {
        self.frame_info_at(func_index, None)
    }

    /// The frame info of a function executing the instruction at byte
    /// offset `module_offset` of the binary, for backtraces (no instance).
    pub fn frame_info_at(&self, func_index: u32, module_offset: Option<u32>) -> crate::trap::FrameInfo {
        let body_start = func_index
            .checked_sub(self.num_imported_funcs)
            .and_then(|def| self.bodies.get(def as usize))
            .map(|range| range.start);
        let func_offset = match (module_offset, body_start) {
            (Some(at), Some(start)) => usize::try_from(at)
                .ok()
                .and_then(|at| at.checked_sub(start))
                .and_then(|off| u32::try_from(off).ok()),
            _ => None,
        };
        crate::trap::FrameInfo {
            func_index,
            func_name: self.names.funcs.get(&func_index).cloned(),
            module_name: self.names.module.clone(),
            module_offset: module_offset.filter(|_| func_offset.is_some()),
            func_offset,
            instance: None,
        }
    }

    /// The byte offset, in the binary, of the start of defined function
    /// `def_index`'s body (where [`crate::FrameInfo::func_offset`]s count
    /// from, and what tiers report for code that runs before the
    /// function's first instruction: the prologue, and the checks at its
    /// entry).
    pub fn body_offset(&self, def_index: u32) -> Option<u32> {
        let range = self.bodies.get(def_index as usize)?;
        u32::try_from(range.start).ok()
    }

    /// The type of an entity.
    pub fn entity_type(&self, index: EntityIndex) -> ExternType {
        match index {
            EntityIndex::Func(i) => ExternType::Func(self.func_type(i).clone()),
            EntityIndex::Table(i) => ExternType::Table(self.tables[i as usize]),
            EntityIndex::Memory(i) => ExternType::Memory(self.memories[i as usize]),
            EntityIndex::Global(i) => ExternType::Global(self.globals[i as usize]),
            EntityIndex::Tag(i) => ExternType::Tag(self.types[self.tags[i as usize] as usize].clone()),
        }
    }

    /// The type of an import.
    pub fn import_type(&self, import: &Import) -> ExternType {
        match import.kind {
            ImportKind::Func(t) => ExternType::Func(self.types[t as usize].clone()),
            ImportKind::Table(t) => ExternType::Table(t),
            ImportKind::Memory(t) => ExternType::Memory(t),
            ImportKind::Global(t) => ExternType::Global(t),
            ImportKind::Tag(t) => ExternType::Tag(self.types[t as usize].clone()),
        }
    }
}

pub(crate) struct ModuleInner {
    pub(crate) info: Arc<ModuleInfo>,
    pub(crate) code: ModuleCode,
    pub(crate) engine: Engine,
    /// Engine-wide ids of `info.types`.
    pub(crate) type_ids: Box<[u32]>,
}

/// A compiled WebAssembly module, ready to be instantiated any number of
/// times. Cheap to clone.
#[derive(Clone)]
pub struct Module(pub(crate) Arc<ModuleInner>);

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("name", &self.0.info.names.module)
            .finish_non_exhaustive()
    }
}

impl Module {
    /// Decodes, validates and prepares a module from the binary or text format.
    pub fn new(engine: &Engine, bytes: impl AsRef<[u8]>) -> Result<Module> {
        let bytes = bytes.as_ref();
        if bytes.starts_with(b"\0asm") {
            Module::from_binary(engine, bytes)
        } else {
            Module::from_vec(engine, wat_to_binary(bytes)?)
        }
    }

    /// Decodes, validates and prepares a module from the binary format only.
    pub fn from_binary(engine: &Engine, bytes: &[u8]) -> Result<Module> {
        Module::from_vec(engine, bytes.to_vec())
    }

    /// [`Module::from_binary`] of a binary the module keeps without a copy
    /// (a module holds its binary for as long as it lives).
    pub fn from_vec(engine: &Engine, bytes: Vec<u8>) -> Result<Module> {
        Module::from_shared(engine, Arc::new(bytes))
    }

    /// [`Module::from_vec`] of a binary the caller may keep sharing (to
    /// report on it if it is invalid, say).
    pub fn from_shared(engine: &Engine, bytes: Arc<Vec<u8>>) -> Result<Module> {
        let info = Arc::new(engine.parse(bytes)?);
        let n = info.num_defined_funcs();
        let assigned = match engine.config().tier_mix {
            Some(seed) => crate::code::mixed_tiers(seed, n, &engine.tiers()),
            None => vec![engine.base_tier(); n as usize].into_boxed_slice(),
        };
        Module::with_code(engine, info, engine.backends().clone(), assigned, engine.tier_up_path())
    }

    /// Decodes, validates and prepares a module (binary format) for `engine`
    /// with another tier than the engine's: instances of modules prepared
    /// by different tiers live in the same stores and call each other.
    pub fn from_binary_with_backend(engine: &Engine, bytes: &[u8], backend: &Arc<dyn Backend>) -> Result<Module> {
        let info = Arc::new(engine.parse(Arc::new(bytes.to_vec()))?);
        let tier = backend.tier();
        let mut backends = engine.backends().clone();
        backends[tier.code_index()] = Some(backend.clone());
        let assigned = vec![tier; info.num_defined_funcs() as usize].into_boxed_slice();
        Module::with_code(engine, info, backends, assigned, None)
    }

    fn with_code(
        engine: &Engine,
        info: Arc<ModuleInfo>,
        backends: crate::code::Backends,
        assigned: Box<[crate::Tier]>,
        tier_up: Option<Vec<crate::Tier>>,
    ) -> Result<Module> {
        let code = ModuleCode::new(&info, engine.config(), backends, assigned, tier_up)?;
        let type_ids = info.types.iter().map(|t| engine.intern_type(t)).collect();
        Ok(Module(Arc::new(ModuleInner {
            info,
            code,
            engine: engine.clone(),
            type_ids,
        })))
    }

    /// Validates a binary or text module without preparing it.
    pub fn validate(engine: &Engine, bytes: &[u8]) -> Result<()> {
        let binary = if bytes.starts_with(b"\0asm") {
            bytes.to_vec()
        } else {
            wat_to_binary(bytes)?
        };
        engine.parse(Arc::new(binary))?;
        Ok(())
    }

    /// Compiles function `func_index` (a defined function) with `tier` and
    /// publishes its entry for every instance of this module and every
    /// caller, of any tier: calls that start afterwards run the new code,
    /// calls already running finish in the old one, which lives as long as
    /// the module. (Functions a tier compiled with direct calls between
    /// them keep calling each other directly.) This is the primitive of
    /// tier-up; the engine must have `tier`.
    pub fn set_function_tier(&self, func_index: u32, tier: crate::Tier) -> Result<()> {
        let def = func_index
            .checked_sub(self.0.info.num_imported_funcs)
            .filter(|&d| d < self.0.info.num_defined_funcs())
            .ok_or_else(|| Error::usage(format!("function {func_index} is not defined by this module")))?;
        if self.0.engine.backend_for(tier).is_none() {
            return Err(crate::error::ErrorKind::TierUnavailable(tier.name()).into());
        }
        Ok(self.0.code.set_tier(def, tier)?)
    }

    /// The tier each defined function was assigned when the module was
    /// prepared (the engine's tier, or one per function under
    /// `Config::tier_mix`), by defined index.
    pub fn function_tiers(&self) -> Vec<crate::Tier> {
        (0..self.0.info.num_defined_funcs())
            .map(|d| self.0.code.assigned_tier(d))
            .collect()
    }

    /// What tier-up ([`crate::Tier::Auto`]) has done for this module so far.
    pub fn tier_up_stats(&self) -> crate::tierup::TierUpStats {
        self.0.code.tier_up().map(|t| t.stats()).unwrap_or_default()
    }

    /// The module description shared by the tiers.
    pub fn info(&self) -> &Arc<ModuleInfo> {
        &self.0.info
    }

    /// The engine the module was compiled for.
    pub fn engine(&self) -> &Engine {
        &self.0.engine
    }

    /// The module's name from its name section.
    pub fn name(&self) -> Option<&str> {
        self.0.info.names.module.as_deref()
    }

    /// The imports: module, name and type.
    pub fn imports(&self) -> impl ExactSizeIterator<Item = (&str, &str, ExternType)> + '_ {
        let info = &self.0.info;
        info.imports
            .iter()
            .map(move |i| (i.module.as_str(), i.name.as_str(), info.import_type(i)))
    }

    /// The exports: name and type.
    pub fn exports(&self) -> impl ExactSizeIterator<Item = (&str, ExternType)> + '_ {
        let info = &self.0.info;
        info.exports
            .iter()
            .map(move |e| (e.name.as_str(), info.entity_type(e.index)))
    }
}

/// Converts the text format to the binary format.
pub fn wat_to_binary(text: &[u8]) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(text).map_err(|e| DecodeError {
        message: format!("input is neither a WebAssembly binary nor UTF-8 text: {e}"),
        offset: e.valid_up_to(),
        kind: DecodeErrorKind::Text,
    })?;
    wat::parse_str(text).map_err(|e| {
        Error::from(DecodeError {
            message: e.to_string(),
            offset: 0,
            kind: DecodeErrorKind::Text,
        })
    })
}

pub(crate) fn decode_err(e: wp::BinaryReaderError) -> Error {
    let message = e.message().to_string();
    // "multiple memories" is how the validator rejects a second memory
    // without the multi-memory proposal.
    let kind = if message.contains("not enabled") || message.contains("proposal") || message == "multiple memories" {
        DecodeErrorKind::FeatureDisabled
    } else {
        DecodeErrorKind::Binary
    };
    DecodeError {
        message,
        offset: e.offset() as usize,
        kind,
    }
    .into()
}

/// Engine-wide canonical ids of the module's types, by type index (see
/// [`HeapType::Concrete`]).
type Canon = [u32];

fn val_type(t: wp::ValType, canon: &Canon) -> Result<ValType> {
    Ok(match t {
        wp::ValType::I32 => ValType::I32,
        wp::ValType::I64 => ValType::I64,
        wp::ValType::F32 => ValType::F32,
        wp::ValType::F64 => ValType::F64,
        wp::ValType::V128 => ValType::V128,
        wp::ValType::Ref(r) => ref_type(r, canon)?.into(),
    })
}

fn heap_type(h: wp::HeapType, canon: &Canon) -> Result<HeapType> {
    use wp::{AbstractHeapType as A, HeapType as H};
    Ok(match h {
        H::Abstract { ty: A::Func, .. } => HeapType::Func,
        H::Abstract { ty: A::Extern, .. } => HeapType::Extern,
        H::Concrete(wp::UnpackedIndex::Module(i)) | H::Exact(wp::UnpackedIndex::Module(i)) => {
            HeapType::Concrete(*canon.get(i as usize).ok_or_else(|| unsupported("a type index", 0))?)
        }
        H::Abstract { ty: A::Exn, .. } => HeapType::Exn,
        H::Abstract { ty: A::NoExn, .. } => HeapType::NoExn,
        _ => return Err(unsupported("garbage-collected reference types", 0)),
    })
}

fn ref_type(r: wp::RefType, canon: &Canon) -> Result<RefType> {
    Ok(RefType::reference(r.is_nullable(), heap_type(r.heap_type(), canon)?))
}

fn table_type(t: wp::TableType, canon: &Canon) -> Result<TableType> {
    Ok(TableType {
        element: ref_type(t.element_type, canon)?,
        minimum: t.initial,
        maximum: t.maximum,
        table64: t.table64,
    })
}

fn memory_type(t: wp::MemoryType) -> MemoryType {
    MemoryType {
        minimum: t.initial,
        maximum: t.maximum,
        memory64: t.memory64,
        shared: t.shared,
    }
}

fn global_type(t: wp::GlobalType, canon: &Canon) -> Result<GlobalType> {
    Ok(GlobalType {
        content: val_type(t.content_type, canon)?,
        mutability: if t.mutable { Mutability::Var } else { Mutability::Const },
    })
}

fn const_expr(e: &wp::ConstExpr<'_>) -> Result<ConstExpr> {
    let mut reader = e.get_operators_reader();
    let mut ops = Vec::new();
    loop {
        let offset = reader.original_position();
        let op = reader.read().map_err(decode_err)?;
        ops.push(match op {
            wp::Operator::End => break,
            wp::Operator::I32Const { value } => ConstOp::Push(ConstLeaf::I32(value)),
            wp::Operator::I64Const { value } => ConstOp::Push(ConstLeaf::I64(value)),
            wp::Operator::F32Const { value } => ConstOp::Push(ConstLeaf::F32(value.bits())),
            wp::Operator::F64Const { value } => ConstOp::Push(ConstLeaf::F64(value.bits())),
            wp::Operator::V128Const { value } => ConstOp::Push(ConstLeaf::V128(u128::from_le_bytes(*value.bytes()))),
            wp::Operator::RefNull { hty } => ConstOp::Push(ConstLeaf::RefNull(
                if matches!(
                    hty,
                    wp::HeapType::Abstract {
                        ty: wp::AbstractHeapType::Extern,
                        ..
                    }
                ) {
                    RefType::ExternRef
                } else {
                    RefType::FuncRef
                },
            )),
            wp::Operator::RefFunc { function_index } => ConstOp::Push(ConstLeaf::RefFunc(function_index)),
            wp::Operator::GlobalGet { global_index } => ConstOp::Push(ConstLeaf::GlobalGet(global_index)),
            wp::Operator::I32Add => ConstOp::I32Add,
            wp::Operator::I32Sub => ConstOp::I32Sub,
            wp::Operator::I32Mul => ConstOp::I32Mul,
            wp::Operator::I64Add => ConstOp::I64Add,
            wp::Operator::I64Sub => ConstOp::I64Sub,
            wp::Operator::I64Mul => ConstOp::I64Mul,
            other => {
                return Err(DecodeError {
                    message: format!("unsupported constant expression: {other:?}"),
                    offset: offset as usize,
                    kind: DecodeErrorKind::FeatureDisabled,
                }
                .into());
            }
        });
    }
    Ok(match ops[..] {
        [ConstOp::Push(leaf)] => leaf.into(),
        _ => ConstExpr::Ops(ops.into_boxed_slice()),
    })
}

/// Decodes and validates `bytes` in one pass.
///
/// `intern` gives a function type its engine-wide id, which stands for it
/// in the types of later ones ([`HeapType::Concrete`]): without GC types a
/// type refers only to types defined before it, so equal ids mean
/// equivalent types across the engine's modules.
///
/// Function bodies are validated after the sections are read, on several
/// threads when `parallel` and the code is large
/// ([`validate_functions`]); the error reported is still the one a single
/// pass would meet first.
pub(crate) fn parse(
    module_bytes: Arc<Vec<u8>>,
    features: WasmFeatures,
    intern: &dyn Fn(&FuncType) -> u32,
    parallel: bool,
) -> Result<ModuleInfo> {
    // Wasm 3.0's constant expressions may read any immutable global defined
    // before them, a rule that came with GC; the validator allows it only
    // with its GC switch. Under Wasm 3.0 (typed function references and
    // extended constants on) the validator gets that switch, and what GC
    // adds besides is refused here: GC types where types are read
    // (`val_type`, the type section), GC operators and heap types in code
    // (`reject_gc_operator`).
    let gc_rules = features.function_references && features.extended_const && !features.gc;
    let mut validator_features = features.to_parser();
    if gc_rules {
        validator_features |= wp::WasmFeatures::GC;
    }
    let mut validator = wp::Validator::new_with_features(validator_features);
    let mut canon: Vec<u32> = Vec::new();
    let bytes: &[u8] = &module_bytes;
    let mut info = ModuleInfo {
        bytes: module_bytes.clone(),
        features,
        types: Vec::new(),
        funcs: Vec::new(),
        num_imported_funcs: 0,
        tables: Vec::new(),
        table_inits: Vec::new(),
        num_imported_tables: 0,
        memories: Vec::new(),
        num_imported_memories: 0,
        globals: Vec::new(),
        global_inits: Vec::new(),
        num_imported_globals: 0,
        tags: Vec::new(),
        num_imported_tags: 0,
        imports: Vec::new(),
        exports: Vec::new(),
        start: None,
        elements: Vec::new(),
        data: Vec::new(),
        bodies: Vec::new(),
        names: Names::default(),
    };
    let mut funcs: Vec<(wp::FuncToValidate<wp::ValidatorResources>, wp::FunctionBody<'_>)> = Vec::new();
    // The decoder must know the features too: with memory64 on, for
    // instance, it reads memory limits as 64-bit LEBs.
    let mut parser = wp::Parser::new(0);
    parser.set_features(features.to_parser());
    let sections = || -> Result<()> {
        for payload in parser.parse_all(bytes) {
            let payload = payload.map_err(decode_err)?;
            let valid = validator.payload(&payload).map_err(decode_err)?;
            use wp::Payload::*;
            match payload {
                TypeSection(reader) => {
                    for group in reader {
                        let group = group.map_err(decode_err)?;
                        if group.is_explicit_rec_group() {
                            return Err(unsupported("gc (recursive type groups)", 0));
                        }
                        for sub in group.into_types() {
                            let wp::CompositeInnerType::Func(f) = &sub.composite_type.inner else {
                                return Err(unsupported("garbage-collected types", 0));
                            };
                            if !sub.is_final || !sub.supertype_idxs.is_empty() {
                                return Err(unsupported("gc (declared subtypes)", 0));
                            }
                            let params = f.params().iter().map(|t| val_type(*t, &canon));
                            let results = f.results().iter().map(|t| val_type(*t, &canon));
                            let ty = FuncType::new(
                                params.collect::<Result<Vec<_>>>()?,
                                results.collect::<Result<Vec<_>>>()?,
                            );
                            canon.push(intern(&ty));
                            info.types.push(ty);
                        }
                    }
                }
                ImportSection(reader) => {
                    for group in reader {
                        for import in group.map_err(decode_err)? {
                            let (_, import) = import.map_err(decode_err)?;
                            let kind = match import.ty {
                                wp::TypeRef::Func(t) | wp::TypeRef::FuncExact(t) => {
                                    info.funcs.push(t);
                                    info.num_imported_funcs += 1;
                                    ImportKind::Func(t)
                                }
                                wp::TypeRef::Table(t) => {
                                    let t = table_type(t, &canon)?;
                                    info.tables.push(t);
                                    info.num_imported_tables += 1;
                                    ImportKind::Table(t)
                                }
                                wp::TypeRef::Memory(t) => {
                                    info.memories.push(memory_type(t));
                                    info.num_imported_memories += 1;
                                    ImportKind::Memory(memory_type(t))
                                }
                                wp::TypeRef::Global(t) => {
                                    let t = global_type(t, &canon)?;
                                    info.globals.push(t);
                                    info.num_imported_globals += 1;
                                    ImportKind::Global(t)
                                }
                                wp::TypeRef::Tag(t) => {
                                    info.tags.push(t.func_type_idx);
                                    info.num_imported_tags += 1;
                                    ImportKind::Tag(t.func_type_idx)
                                }
                            };
                            info.imports.push(Import {
                                module: import.module.to_string(),
                                name: import.name.to_string(),
                                kind,
                            });
                        }
                    }
                }
                FunctionSection(reader) => {
                    for t in reader {
                        info.funcs.push(t.map_err(decode_err)?);
                    }
                }
                TableSection(reader) => {
                    for t in reader {
                        let t = t.map_err(decode_err)?;
                        info.tables.push(table_type(t.ty, &canon)?);
                        info.table_inits.push(match t.init {
                            wp::TableInit::RefNull => None,
                            wp::TableInit::Expr(e) => Some(const_expr(&e)?),
                        });
                    }
                }
                MemorySection(reader) => {
                    for m in reader {
                        info.memories.push(memory_type(m.map_err(decode_err)?));
                    }
                }
                GlobalSection(reader) => {
                    for g in reader {
                        let g = g.map_err(decode_err)?;
                        info.globals.push(global_type(g.ty, &canon)?);
                        info.global_inits.push(const_expr(&g.init_expr)?);
                    }
                }
                ExportSection(reader) => {
                    for e in reader {
                        let e = e.map_err(decode_err)?;
                        let index = match e.kind {
                            wp::ExternalKind::Func | wp::ExternalKind::FuncExact => EntityIndex::Func(e.index),
                            wp::ExternalKind::Table => EntityIndex::Table(e.index),
                            wp::ExternalKind::Memory => EntityIndex::Memory(e.index),
                            wp::ExternalKind::Global => EntityIndex::Global(e.index),
                            wp::ExternalKind::Tag => EntityIndex::Tag(e.index),
                        };
                        info.exports.push(Export {
                            name: e.name.to_string(),
                            index,
                        });
                    }
                }
                StartSection { func, .. } => info.start = Some(func),
                TagSection(reader) => {
                    for t in reader {
                        info.tags.push(t.map_err(decode_err)?.func_type_idx);
                    }
                }
                ElementSection(reader) => {
                    for e in reader {
                        let e = e.map_err(decode_err)?;
                        let mode = match e.kind {
                            wp::ElementKind::Passive => ElementMode::Passive,
                            wp::ElementKind::Declared => ElementMode::Declared,
                            wp::ElementKind::Active {
                                table_index,
                                offset_expr,
                            } => ElementMode::Active {
                                table: table_index.unwrap_or(0),
                                offset: const_expr(&offset_expr)?,
                            },
                        };
                        let (ty, items) = match e.items {
                            wp::ElementItems::Functions(r) => {
                                let mut items = Vec::new();
                                for f in r {
                                    items.push(ConstExpr::RefFunc(f.map_err(decode_err)?));
                                }
                                (RefType::FuncRef, items)
                            }
                            wp::ElementItems::Expressions(t, r) => {
                                let mut items = Vec::new();
                                for x in r {
                                    items.push(const_expr(&x.map_err(decode_err)?)?);
                                }
                                (ref_type(t, &canon)?, items)
                            }
                        };
                        info.elements.push(ElementSegment { mode, ty, items });
                    }
                }
                DataSection(reader) => {
                    for d in reader {
                        let d = d.map_err(decode_err)?;
                        let start = d.data.as_ptr() as usize - bytes.as_ptr() as usize;
                        let mode = match d.kind {
                            wp::DataKind::Passive => DataMode::Passive,
                            wp::DataKind::Active {
                                memory_index,
                                offset_expr,
                            } => DataMode::Active {
                                memory: memory_index,
                                offset: const_expr(&offset_expr)?,
                            },
                        };
                        info.data.push(DataSegment {
                            mode,
                            range: start..start + d.data.len(),
                        });
                    }
                }
                CodeSectionEntry(body) => {
                    let range = body.range();
                    info.bodies.push(range.start as usize..range.end as usize);
                    if let wp::ValidPayload::Func(func, body) = valid {
                        funcs.push((func, body));
                    }
                }
                CustomSection(reader) => {
                    if let wp::KnownCustom::Name(names) = reader.as_known() {
                        // A malformed name section is ignored, as the specification requires.
                        let _ = read_names(names, &mut info.names);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    };
    // A function's error comes before any later section's: the functions
    // collected all precede where reading stopped.
    let sections = sections();
    validate_functions(&funcs, gc_rules, &canon, parallel)?;
    sections?;
    Ok(info)
}

/// Code sections smaller than this are validated on the calling thread.
const PARALLEL_VALIDATION_BYTES: usize = 1 << 20;

/// Validates function bodies; the error of the first invalid one (in
/// module order). With `parallel` and at least
/// [`PARALLEL_VALIDATION_BYTES`] of code, on one thread per available
/// core, each taking the next batch of functions.
fn validate_functions(
    funcs: &[(wp::FuncToValidate<wp::ValidatorResources>, wp::FunctionBody<'_>)],
    gc_rules: bool,
    canon: &Canon,
    parallel: bool,
) -> Result<()> {
    let code_bytes: u64 = funcs.iter().map(|(_, b)| b.range().end - b.range().start).sum();
    let threads = if parallel && code_bytes >= PARALLEL_VALIDATION_BYTES as u64 {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(16))
    } else {
        1
    };
    if threads <= 1 {
        let mut allocs = wp::FuncValidatorAllocations::default();
        return funcs
            .iter()
            .try_for_each(|(func, body)| validate_function(func, body, gc_rules, canon, &mut allocs));
    }
    const BATCH: usize = 32;
    let next = std::sync::atomic::AtomicUsize::new(0);
    // The first failure (by function) found so far.
    let failure: std::sync::Mutex<Option<(usize, Error)>> = std::sync::Mutex::new(None);
    let first_failure = || failure.lock().map_or(0, |f| f.as_ref().map_or(usize::MAX, |(i, _)| *i));
    let work = || {
        let mut allocs = wp::FuncValidatorAllocations::default();
        loop {
            let start = next.fetch_add(BATCH, std::sync::atomic::Ordering::Relaxed);
            if start >= funcs.len() || start > first_failure() {
                return;
            }
            for (i, (func, body)) in funcs.iter().enumerate().skip(start).take(BATCH) {
                if let Err(e) = validate_function(func, body, gc_rules, canon, &mut allocs) {
                    if let Ok(mut f) = failure.lock()
                        && f.as_ref().is_none_or(|(j, _)| i < *j)
                    {
                        *f = Some((i, e));
                    }
                    return;
                }
            }
        }
    };
    // The calling thread is one of the workers.
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    match failure.into_inner() {
        Ok(None) => Ok(()),
        Ok(Some((_, e))) => Err(e),
        // A worker panicked while holding the lock (wasmparser never
        // panics on any input; this is defensive).
        Err(_) => Err(crate::error::CompileError::Internal("a function validation thread panicked".into()).into()),
    }
}

/// Validates one function body. Under Wasm 3.0's rules (`gc_rules`: the
/// module validator runs with GC on) the body is first validated with GC
/// off, which refuses exactly what concord does not implement, through
/// wasmparser's fast path; only a body that fails that is validated again
/// operator by operator ([`validate_without_gc`]), for the error concord
/// gives.
fn validate_function(
    func: &wp::FuncToValidate<wp::ValidatorResources>,
    body: &wp::FunctionBody<'_>,
    gc_rules: bool,
    canon: &Canon,
    allocs: &mut wp::FuncValidatorAllocations,
) -> Result<()> {
    let with = |features: wp::WasmFeatures| wp::FuncToValidate {
        resources: func.resources.clone(),
        index: func.index,
        ty: func.ty,
        features,
    };
    let mut fast_features = func.features;
    if gc_rules {
        fast_features.remove(wp::WasmFeatures::GC);
    }
    let mut v = with(fast_features).into_validator(std::mem::take(allocs));
    let fast = v.validate(body);
    *allocs = v.into_allocations();
    match fast {
        Ok(()) => Ok(()),
        Err(e) if !gc_rules => Err(decode_err(e)),
        Err(_) => {
            let mut v = with(func.features).into_validator(std::mem::take(allocs));
            let slow = validate_without_gc(&mut v, body, canon);
            *allocs = v.into_allocations();
            slow
        }
    }
}

fn read_names(reader: wp::NameSectionReader<'_>, names: &mut Names) -> wp::Result<()> {
    for sub in reader {
        match sub? {
            wp::Name::Module { name, .. } => names.module = Some(name.to_string()),
            wp::Name::Function(map) => {
                for n in map {
                    let n = n?;
                    names.funcs.insert(n.index, n.name.to_string());
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Validates a function body, refusing what GC adds to it (the validator
/// runs with GC on for Wasm 3.0's constant expressions, see [`parse`]):
/// locals and block types of GC types, GC operators, GC heap types.
fn validate_without_gc(
    v: &mut wp::FuncValidator<wp::ValidatorResources>,
    body: &wp::FunctionBody<'_>,
    canon: &Canon,
) -> Result<()> {
    let mut locals = body.get_locals_reader().map_err(decode_err)?;
    for _ in 0..locals.get_count() {
        let offset = locals.original_position();
        let (count, ty) = locals.read().map_err(decode_err)?;
        val_type(ty, canon).map_err(|e| at_offset(e, offset as usize))?;
        v.define_locals(offset, count, ty).map_err(decode_err)?;
    }
    let mut ops = body.get_operators_reader().map_err(decode_err)?;
    while !ops.eof() {
        let (op, offset) = ops.read_with_offset().map_err(decode_err)?;
        reject_gc_operator(&op, canon).map_err(|e| at_offset(e, offset as usize))?;
        v.op(offset, &op).map_err(decode_err)?;
    }
    // No frame left, nothing after the last `end`.
    ops.finish().map_err(decode_err)
}

/// An error for an operator or type of GC, which concord does not
/// implement yet.
fn reject_gc_operator(op: &wp::Operator<'_>, canon: &Canon) -> Result<()> {
    use wp::Operator as O;
    let block = |ty: &wp::BlockType| match ty {
        wp::BlockType::Type(t) => val_type(*t, canon).map(drop),
        _ => Ok(()),
    };
    match op {
        O::Block { blockty } | O::Loop { blockty } | O::If { blockty } => block(blockty),
        O::TryTable { try_table } => block(&try_table.ty),
        O::TypedSelect { ty } => val_type(*ty, canon).map(drop),
        O::TypedSelectMulti { tys } => tys.iter().try_for_each(|t| val_type(*t, canon).map(drop)),
        O::RefNull { hty } => heap_type(*hty, canon).map(drop),
        O::RefEq
        | O::RefI31 { .. }
        | O::I31GetS
        | O::I31GetU
        | O::RefTestNonNull { .. }
        | O::RefTestNullable { .. }
        | O::RefCastNonNull { .. }
        | O::RefCastNullable { .. }
        | O::BrOnCast { .. }
        | O::BrOnCastFail { .. }
        | O::AnyConvertExtern
        | O::ExternConvertAny => Err(unsupported("gc", 0)),
        _ => Ok(()),
    }
}

/// `e` with its byte offset set to `offset`.
fn at_offset(e: Error, offset: usize) -> Error {
    match e.into_kind() {
        crate::error::ErrorKind::Decode(mut d) => {
            d.offset = offset;
            d.into()
        }
        other => other.into(),
    }
}

fn unsupported(feature: &str, offset: usize) -> Error {
    DecodeError {
        message: format!("the {feature} proposal is not supported"),
        offset,
        kind: DecodeErrorKind::FeatureDisabled,
    }
    .into()
}
