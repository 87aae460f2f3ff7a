//! The types of WebAssembly values and entities, independent of the decoder.

use std::fmt;
use std::sync::Arc;

/// The type of a WebAssembly value.
///
/// `funcref` and `externref` (the nullable abstract reference types of
/// Wasm 2.0) are always [`ValType::FuncRef`] and [`ValType::ExternRef`];
/// every other reference type (typed function references, Wasm 3.0) is a
/// [`ValType::Ref`], so each type has one representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit IEEE 754 float.
    F32,
    /// 64-bit IEEE 754 float.
    F64,
    /// 128-bit vector.
    V128,
    /// A nullable reference to a function.
    FuncRef,
    /// A nullable reference to a host value.
    ExternRef,
    /// Any other reference type: non-nullable, or to a function of a given
    /// type.
    Ref(TypedRef),
}

/// A reference type other than `funcref` and `externref`: `(ref null? HEAP)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TypedRef {
    /// Whether the reference may be null.
    pub nullable: bool,
    /// What it refers to.
    pub heap: HeapType,
}

/// What a reference refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeapType {
    /// Any function.
    Func,
    /// Any host value.
    Extern,
    /// A function of one type, by its engine-wide canonical id (equal ids
    /// are equivalent types, across the engine's modules).
    Concrete(u32),
    /// An exception (exception handling: `exnref` is `(ref null exn)`).
    Exn,
    /// No exception: the bottom of the exception hierarchy, whose only
    /// value is null (`nullexnref` is `(ref null noexn)`).
    NoExn,
}

impl HeapType {
    /// Whether references to this heap type are function references.
    pub fn is_func(self) -> bool {
        matches!(self, HeapType::Func | HeapType::Concrete(_))
    }

    /// Whether `self` is a subtype of `other`: equal, a concrete function
    /// type below `func`, or `noexn` below `exn`.
    pub fn matches(self, other: HeapType) -> bool {
        self == other
            || (matches!(self, HeapType::Concrete(_)) && other == HeapType::Func)
            || (self == HeapType::NoExn && other == HeapType::Exn)
    }

    /// Whether references to this heap type are exception references.
    pub fn is_exn(self) -> bool {
        matches!(self, HeapType::Exn | HeapType::NoExn)
    }
}

impl ValType {
    /// Whether this is a reference type.
    pub fn is_ref(self) -> bool {
        matches!(self, ValType::FuncRef | ValType::ExternRef | ValType::Ref(_))
    }

    /// The reference type `(ref null? heap)`, in its one representation.
    pub fn reference(nullable: bool, heap: HeapType) -> ValType {
        match (nullable, heap) {
            (true, HeapType::Func) => ValType::FuncRef,
            (true, HeapType::Extern) => ValType::ExternRef,
            _ => ValType::Ref(TypedRef { nullable, heap }),
        }
    }

    /// A reference type as nullability and heap type.
    pub fn as_ref_parts(self) -> Option<(bool, HeapType)> {
        match self {
            ValType::FuncRef => Some((true, HeapType::Func)),
            ValType::ExternRef => Some((true, HeapType::Extern)),
            ValType::Ref(r) => Some((r.nullable, r.heap)),
            _ => None,
        }
    }

    /// Whether this is a function reference type (`funcref`, `(ref $t)`, ...).
    pub fn is_func_ref(self) -> bool {
        self.as_ref_parts().is_some_and(|(_, h)| h.is_func())
    }

    /// Whether a value of type `self` may be used where `other` is
    /// expected (Wasm 3.0 subtyping without GC types: equal, or a
    /// reference type with a narrower heap type or no null).
    pub fn matches(self, other: ValType) -> bool {
        if self == other {
            return true;
        }
        match (self.as_ref_parts(), other.as_ref_parts()) {
            (Some((n1, h1)), Some((n2, h2))) => (!n1 || n2) && h1.matches(h2),
            _ => false,
        }
    }
}

impl fmt::Display for HeapType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeapType::Func => f.write_str("func"),
            HeapType::Extern => f.write_str("extern"),
            HeapType::Concrete(id) => write!(f, "$type{id}"),
            HeapType::Exn => f.write_str("exn"),
            HeapType::NoExn => f.write_str("noexn"),
        }
    }
}

impl fmt::Display for ValType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValType::I32 => "i32",
            ValType::I64 => "i64",
            ValType::F32 => "f32",
            ValType::F64 => "f64",
            ValType::V128 => "v128",
            ValType::FuncRef => "funcref",
            ValType::ExternRef => "externref",
            ValType::Ref(r) => {
                let null = if r.nullable { "null " } else { "" };
                return write!(f, "(ref {null}{})", r.heap);
            }
        })
    }
}

/// The type of a reference stored in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefType {
    /// `funcref`
    FuncRef,
    /// `externref`
    ExternRef,
    /// Any other reference type (typed function references).
    Typed(TypedRef),
}

impl RefType {
    /// The reference type `(ref null? heap)`, in its one representation.
    pub fn reference(nullable: bool, heap: HeapType) -> RefType {
        match (nullable, heap) {
            (true, HeapType::Func) => RefType::FuncRef,
            (true, HeapType::Extern) => RefType::ExternRef,
            _ => RefType::Typed(TypedRef { nullable, heap }),
        }
    }

    /// Whether this is a function reference type.
    pub fn is_func_ref(self) -> bool {
        ValType::from(self).is_func_ref()
    }

    /// Whether null is a value of this type.
    pub fn is_nullable(self) -> bool {
        ValType::from(self).as_ref_parts().is_some_and(|(n, _)| n)
    }
}

impl From<RefType> for ValType {
    fn from(r: RefType) -> ValType {
        match r {
            RefType::FuncRef => ValType::FuncRef,
            RefType::ExternRef => ValType::ExternRef,
            RefType::Typed(t) => ValType::reference(t.nullable, t.heap),
        }
    }
}

impl fmt::Display for RefType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        ValType::from(*self).fmt(f)
    }
}

/// The signature of a function.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FuncType {
    params: Arc<[ValType]>,
    results: Arc<[ValType]>,
}

impl FuncType {
    /// A function type with the given parameters and results.
    pub fn new(params: impl IntoIterator<Item = ValType>, results: impl IntoIterator<Item = ValType>) -> FuncType {
        FuncType {
            params: params.into_iter().collect(),
            results: results.into_iter().collect(),
        }
    }

    /// The parameter types.
    pub fn params(&self) -> &[ValType] {
        &self.params
    }

    /// The result types.
    pub fn results(&self) -> &[ValType] {
        &self.results
    }
}

impl fmt::Display for FuncType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(func")?;
        if !self.params.is_empty() {
            write!(f, " (param")?;
            for p in self.params.iter() {
                write!(f, " {p}")?;
            }
            write!(f, ")")?;
        }
        if !self.results.is_empty() {
            write!(f, " (result")?;
            for r in self.results.iter() {
                write!(f, " {r}")?;
            }
            write!(f, ")")?;
        }
        write!(f, ")")
    }
}

/// Whether a global can be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutability {
    /// Immutable.
    Const,
    /// Mutable.
    Var,
}

/// The type of a global.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GlobalType {
    /// The type of the value.
    pub content: ValType,
    /// Whether it can be written.
    pub mutability: Mutability,
}

/// The type of a linear memory, in 64 KiB pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MemoryType {
    /// Initial size in pages.
    pub minimum: u64,
    /// Maximum size in pages, if any.
    pub maximum: Option<u64>,
    /// Whether the memory is indexed with 64-bit addresses.
    pub memory64: bool,
    /// Whether the memory is shared between threads.
    pub shared: bool,
}

impl MemoryType {
    /// A 32-bit, unshared memory type.
    pub fn new(minimum: u32, maximum: Option<u32>) -> MemoryType {
        MemoryType {
            minimum: minimum.into(),
            maximum: maximum.map(Into::into),
            memory64: false,
            shared: false,
        }
    }

    /// A 64-bit, unshared memory type (the memory64 proposal): addresses
    /// are `i64`, and the limits may exceed 65536 pages.
    pub fn new64(minimum: u64, maximum: Option<u64>) -> MemoryType {
        MemoryType {
            minimum,
            maximum,
            memory64: true,
            shared: false,
        }
    }
}

/// The type of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableType {
    /// The type of the elements.
    pub element: RefType,
    /// Initial number of elements.
    pub minimum: u64,
    /// Maximum number of elements, if any.
    pub maximum: Option<u64>,
    /// Whether the table is indexed with `i64` (the memory64 proposal's
    /// 64-bit tables); otherwise with `i32`.
    pub table64: bool,
}

impl TableType {
    /// A table type indexed with `i32`.
    pub fn new(element: RefType, minimum: u32, maximum: Option<u32>) -> TableType {
        TableType {
            element,
            minimum: minimum.into(),
            maximum: maximum.map(Into::into),
            table64: false,
        }
    }

    /// A table type indexed with `i64` (the memory64 proposal).
    pub fn new64(element: RefType, minimum: u64, maximum: Option<u64>) -> TableType {
        TableType {
            element,
            minimum,
            maximum,
            table64: true,
        }
    }
}

/// The type of an importable or exportable entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternType {
    /// A function.
    Func(FuncType),
    /// A table.
    Table(TableType),
    /// A linear memory.
    Memory(MemoryType),
    /// A global.
    Global(GlobalType),
    /// A tag (exception handling): the types of its payload, as a function
    /// type's parameters (no results).
    Tag(FuncType),
}

impl ExternType {
    /// The kind of entity, as a word (`func`, `table`, `memory`, `global`).
    pub fn kind(&self) -> &'static str {
        match self {
            ExternType::Func(_) => "func",
            ExternType::Table(_) => "table",
            ExternType::Memory(_) => "memory",
            ExternType::Global(_) => "global",
            ExternType::Tag(_) => "tag",
        }
    }
}

impl fmt::Display for ExternType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExternType::Func(t) => t.fmt(f),
            ExternType::Table(t) => {
                write!(f, "(table {}{}", if t.table64 { "i64 " } else { "" }, t.minimum)?;
                if let Some(m) = t.maximum {
                    write!(f, " {m}")?;
                }
                write!(f, " {})", t.element)
            }
            ExternType::Memory(t) => {
                write!(f, "(memory {}{}", if t.memory64 { "i64 " } else { "" }, t.minimum)?;
                if let Some(m) = t.maximum {
                    write!(f, " {m}")?;
                }
                write!(f, ")")
            }
            ExternType::Global(t) => match t.mutability {
                Mutability::Const => write!(f, "(global {})", t.content),
                Mutability::Var => write!(f, "(global (mut {}))", t.content),
            },
            ExternType::Tag(t) => {
                write!(f, "(tag")?;
                for p in t.params() {
                    write!(f, " {p}")?;
                }
                write!(f, ")")
            }
        }
    }
}
