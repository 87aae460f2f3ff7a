//! Error types, one per layer.

use crate::trap::Trap;
use std::fmt;

/// A module could not be decoded or failed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the binary where it was found.
    pub offset: usize,
    /// Whether the bytes were not a well-formed binary (as opposed to a
    /// well-formed but invalid module).
    pub kind: DecodeErrorKind,
}

/// The stage a module was rejected at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The text format could not be parsed.
    Text,
    /// The binary is malformed or fails validation.
    Binary,
    /// The module uses a feature that is disabled in the `Config`.
    FeatureDisabled,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            DecodeErrorKind::Text => write!(f, "{}", self.message),
            _ => write!(f, "{} (at offset {:#x})", self.message, self.offset),
        }
    }
}

impl std::error::Error for DecodeError {}

use crate::trap::Escaped;

/// Why a module could not be linked or instantiated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// No definition for an import.
    #[error("unknown import: `{}::{}` has not been defined", Escaped(.module), Escaped(.name))]
    UnknownImport {
        /// Import module name.
        module: String,
        /// Import field name.
        name: String,
    },
    /// A definition exists but has the wrong type.
    #[error(
        "incompatible import type for `{}::{}`: expected {expected}, found {found}",
        Escaped(.module),
        Escaped(.name)
    )]
    IncompatibleImport {
        /// Import module name.
        module: String,
        /// Import field name.
        name: String,
        /// What the module expects.
        expected: String,
        /// What was provided.
        found: String,
    },
    /// A definition was given twice to a linker.
    #[error("`{}::{}` is already defined", Escaped(.module), Escaped(.name))]
    Duplicate {
        /// Module name.
        module: String,
        /// Field name.
        name: String,
    },
    /// The wrong number of imports was given to `Instance::new`.
    #[error("expected {expected} imports, found {found}")]
    ImportCount {
        /// How many the module declares.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// A value or entity belongs to a different store.
    #[error("value used with the wrong store")]
    WrongStore,
    /// A memory or table could not be allocated.
    #[error("resource limit exceeded: {0}")]
    Resource(String),
}

/// A backend failed to compile a function.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// The backend does not support a construct yet.
    #[error("unsupported by the {tier} tier: {what}")]
    Unsupported {
        /// The tier.
        tier: &'static str,
        /// What is unsupported.
        what: String,
    },
    /// An implementation limit was exceeded.
    #[error("implementation limit exceeded in function {func_index}: {what}")]
    Limit {
        /// The function index.
        func_index: u32,
        /// Which limit.
        what: String,
    },
    /// A broken internal invariant.
    #[error("internal compiler error: {0}")]
    Internal(String),
}

/// Any error from the concord core: one boxed word.
pub struct Error(Box<ErrorKind>);

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Decoding or validation failed.
    Decode(DecodeError),
    /// Linking or instantiation failed before running code.
    Link(LinkError),
    /// Compilation failed.
    Compile(CompileError),
    /// Wasm execution trapped.
    Trap(Trap),
    /// A host function or API was misused (wrong argument types or counts, ...).
    Usage(String),
    /// An error from host code, passed through.
    Host(Box<dyn std::error::Error + Send + Sync>),
    /// The requested tier is not compiled in.
    TierUnavailable(&'static str),
}

impl Error {
    /// The error's kind.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error into its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// A usage error with a message.
    pub fn usage(msg: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Usage(msg.into())))
    }

    /// An error from host code.
    pub fn host(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error(Box::new(ErrorKind::Host(err.into())))
    }

    /// An error that throws `exn` as a Wasm exception: returned by a host
    /// function, it is thrown at the call site of the host function, where
    /// a Wasm `try_table` may catch it.
    pub fn exception(exn: crate::values::ExnRef) -> Error {
        Error(Box::new(ErrorKind::Trap(Trap::throw(exn))))
    }

    /// The exception, if this error is an uncaught Wasm exception (a trap
    /// with [`crate::TrapCode::UncaughtException`]).
    pub fn as_exception(&self) -> Option<crate::values::ExnRef> {
        self.as_trap().and_then(Trap::exception)
    }

    /// The trap, if this error is one.
    pub fn as_trap(&self) -> Option<&Trap> {
        match &*self.0 {
            ErrorKind::Trap(t) => Some(t),
            _ => None,
        }
    }

    /// The decode error, if this error is one.
    pub fn as_decode(&self) -> Option<&DecodeError> {
        match &*self.0 {
            ErrorKind::Decode(d) => Some(d),
            _ => None,
        }
    }

    /// The link error, if this error is one.
    pub fn as_link(&self) -> Option<&LinkError> {
        match &*self.0 {
            ErrorKind::Link(l) => Some(l),
            _ => None,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Decode(e) => e.fmt(f),
            ErrorKind::Link(e) => e.fmt(f),
            ErrorKind::Compile(e) => e.fmt(f),
            ErrorKind::Trap(e) => e.fmt(f),
            ErrorKind::Usage(e) => f.write_str(e),
            ErrorKind::Host(e) => e.fmt(f),
            ErrorKind::TierUnavailable(t) => write!(f, "the {t} tier is not compiled in"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            ErrorKind::Decode(e) => Some(e),
            ErrorKind::Link(e) => Some(e),
            ErrorKind::Compile(e) => Some(e),
            ErrorKind::Trap(e) => Some(e),
            ErrorKind::Host(e) => Some(&**e),
            ErrorKind::Usage(_) | ErrorKind::TierUnavailable(_) => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(k: ErrorKind) -> Error {
        Error(Box::new(k))
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Error {
        ErrorKind::Decode(e).into()
    }
}

impl From<LinkError> for Error {
    fn from(e: LinkError) -> Error {
        ErrorKind::Link(e).into()
    }
}

impl From<CompileError> for Error {
    fn from(e: CompileError) -> Error {
        ErrorKind::Compile(e).into()
    }
}

impl From<Trap> for Error {
    fn from(e: Trap) -> Error {
        ErrorKind::Trap(e).into()
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    #[test]
    fn error_is_one_word() {
        assert_eq!(size_of::<super::Error>(), size_of::<usize>());
    }
}
