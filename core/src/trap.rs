//! The one trap vocabulary shared by every tier.
//!
//! Every tier reports an abnormal end of Wasm execution as a [`TrapCode`];
//! the store turns it into a [`Trap`] carrying a Wasm backtrace. The list of
//! codes, their messages and their byte encoding come from one macro so they
//! cannot disagree.

use std::fmt;

macro_rules! trap_codes {
    ($( $(#[$doc:meta])* $name:ident = $byte:literal, $msg:literal; )*) => {
        /// Why Wasm execution stopped abnormally.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[non_exhaustive]
        pub enum TrapCode {
            $( $(#[$doc])* $name = $byte, )*
        }

        impl TrapCode {
            /// All trap codes.
            pub const ALL: &'static [TrapCode] = &[$(TrapCode::$name,)*];

            /// The message the specification's test suite expects for this trap.
            pub fn message(self) -> &'static str {
                match self { $(TrapCode::$name => $msg,)* }
            }

            /// The code's byte encoding, as stored in trap tables of machine-code tiers.
            pub fn as_u8(self) -> u8 {
                self as u8
            }

            /// Decodes [`TrapCode::as_u8`].
            pub fn from_u8(byte: u8) -> Option<TrapCode> {
                match byte { $($byte => Some(TrapCode::$name),)* _ => None }
            }
        }
    };
}

trap_codes! {
    /// An `unreachable` instruction was executed.
    Unreachable = 0, "unreachable";
    /// A load or store outside the bounds of linear memory.
    MemoryOutOfBounds = 1, "out of bounds memory access";
    /// A table access outside the bounds of a table.
    TableOutOfBounds = 2, "out of bounds table access";
    /// `call_indirect` on an index outside the table.
    UndefinedElement = 3, "undefined element";
    /// `call_indirect` on a null entry.
    UninitializedElement = 4, "uninitialized element";
    /// `call_indirect` whose target has another signature.
    IndirectCallTypeMismatch = 5, "indirect call type mismatch";
    /// Integer division or remainder by zero.
    IntegerDivisionByZero = 6, "integer divide by zero";
    /// Signed integer division overflow (`INT_MIN / -1`).
    IntegerOverflow = 7, "integer overflow";
    /// A float-to-int conversion of NaN.
    BadConversionToInteger = 8, "invalid conversion to integer";
    /// A null reference was dereferenced.
    NullReference = 9, "null reference";
    /// The Wasm call stack is exhausted.
    StackOverflow = 10, "call stack exhausted";
    /// The store ran out of fuel.
    OutOfFuel = 11, "all fuel consumed by WebAssembly";
    /// Execution was interrupted by the embedder.
    Interrupted = 12, "interrupted";
    /// A host function returned an error.
    HostError = 13, "host function error";
    /// A function could not be compiled when it was first called.
    CompileError = 14, "function failed to compile";
    /// A Wasm exception (`throw`, `throw_ref`) was not caught in Wasm; the
    /// trap's message describes it (tag and payload).
    UncaughtException = 15, "uncaught exception";
}

impl fmt::Display for TrapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// One frame of a Wasm backtrace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// The function's index in its module.
    pub func_index: u32,
    /// The function's name from the module's name section, if present.
    pub func_name: Option<String>,
    /// The module's name from its name section, if present.
    pub module_name: Option<String>,
    /// The byte offset, in the module's binary, of the instruction the
    /// frame was executing: the one that trapped in the innermost frame,
    /// the call in the others. `None` when it is not known (see the
    /// tiers' docs for when that happens).
    pub module_offset: Option<u32>,
    /// [`FrameInfo::module_offset`] relative to the start of the
    /// function's body in the binary (the entry of the code section after
    /// its size: the locals' declarations, then the instructions).
    pub func_offset: Option<u32>,
    /// The instance the frame ran in, when it is known: always for the
    /// interpreter's frames; for machine code's, when the store holds one
    /// instance of the frame's module.
    pub instance: Option<crate::instance::Instance>,
}

impl fmt::Display for FrameInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = &self.module_name {
            write!(f, "{}!", Escaped(m))?;
        }
        match &self.func_name {
            Some(n) => write!(f, "{}", Escaped(n)),
            None => write!(f, "<wasm function {}>", self.func_index),
        }
    }
}

/// Displays a name a module chose (name section, import and export names)
/// with control characters, invisible formatting characters (zero-width
/// and bidirectional controls) and backslashes escaped as Rust escapes
/// them (`\u{1b}`, `\n`, `\\`), so that printing it cannot send terminal
/// escape sequences or reorder the text around it.
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        for c in self.0.chars() {
            let hidden = matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
            );
            if c.is_control() || hidden || c == '\\' {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// An abnormal end of Wasm execution: its code, an optional detail message
/// (for host errors), and the Wasm frames active when it happened, innermost first.
#[derive(Clone, Debug)]
pub struct Trap {
    code: TrapCode,
    message: Option<String>,
    backtrace: Vec<FrameInfo>,
    exception: Option<crate::values::ExnRef>,
}

impl Trap {
    /// A trap with the given code and no backtrace yet.
    pub fn new(code: TrapCode) -> Trap {
        Trap {
            code,
            message: None,
            backtrace: Vec::new(),
            exception: None,
        }
    }

    /// A trap raised by a host function, with its message.
    pub fn host(message: impl Into<String>) -> Trap {
        Trap {
            code: TrapCode::HostError,
            message: Some(message.into()),
            backtrace: Vec::new(),
            exception: None,
        }
    }

    /// A trap with a code and a detail message.
    pub fn with_message(code: TrapCode, message: impl Into<String>) -> Trap {
        Trap {
            code,
            message: Some(message.into()),
            backtrace: Vec::new(),
            exception: None,
        }
    }

    /// The trap's code.
    pub fn code(&self) -> TrapCode {
        self.code
    }

    /// The detail message, if any.
    pub fn detail(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The Wasm frames active at the trap, innermost first.
    pub fn backtrace(&self) -> &[FrameInfo] {
        &self.backtrace
    }

    /// The exception, when the trap is an [`TrapCode::UncaughtException`]
    /// that reached the host (its tag and payload are read through the
    /// store: [`crate::ExnRef::tag`], [`crate::ExnRef::payload`]).
    pub fn exception(&self) -> Option<crate::values::ExnRef> {
        self.exception
    }

    /// A trap that throws `exn` (for a host function to return, see
    /// [`crate::Error::exception`]).
    pub fn throw(exn: crate::values::ExnRef) -> Trap {
        Trap {
            code: TrapCode::UncaughtException,
            message: None,
            backtrace: Vec::new(),
            exception: Some(exn),
        }
    }

    pub(crate) fn set_message(&mut self, message: String) {
        self.message = Some(message);
    }

    /// Appends a frame (the caller of the frames already recorded).
    pub fn push_frame(&mut self, frame: FrameInfo) {
        self.backtrace.push(frame);
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) if self.code == TrapCode::HostError => f.write_str(m)?,
            Some(m) => write!(f, "{}: {m}", self.code)?,
            None => write!(f, "{}", self.code)?,
        }
        if !self.backtrace.is_empty() {
            write!(f, "\nwasm backtrace:")?;
            for (i, frame) in self.backtrace.iter().enumerate() {
                write!(f, "\n  {i:>3}: ")?;
                if let Some(offset) = frame.module_offset {
                    write!(f, "{offset:#6x} - ")?;
                }
                write!(f, "{frame}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Trap {}

impl From<TrapCode> for Trap {
    fn from(code: TrapCode) -> Trap {
        Trap::new(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_bytes() {
        for &code in TrapCode::ALL {
            assert_eq!(TrapCode::from_u8(code.as_u8()), Some(code));
        }
        assert_eq!(TrapCode::from_u8(200), None);
    }

    #[test]
    fn names_are_printed_with_control_characters_escaped() {
        let mut t = Trap::new(TrapCode::Unreachable);
        t.push_frame(FrameInfo {
            func_index: 0,
            func_name: Some("evil\u{1b}[2J\u{1b}]0;title\u{7}\nfake: frame\u{202e}\\".into()),
            module_name: Some("m\r".into()),
            module_offset: None,
            func_offset: None,
            instance: None,
        });
        let s = t.to_string();
        assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
        assert_eq!(s.lines().count(), 3, "{s:?}");
        assert!(
            s.ends_with("0: m\\r!evil\\u{1b}[2J\\u{1b}]0;title\\u{7}\\nfake: frame\\u{202e}\\\\"),
            "{s:?}"
        );
    }

    #[test]
    fn display_includes_backtrace() {
        let mut t = Trap::new(TrapCode::Unreachable);
        t.push_frame(FrameInfo {
            func_index: 3,
            func_name: Some("f".into()),
            module_name: None,
            module_offset: Some(0x2a),
            func_offset: Some(3),
            instance: None,
        });
        t.push_frame(FrameInfo {
            func_index: 4,
            func_name: None,
            module_name: None,
            module_offset: None,
            func_offset: None,
            instance: None,
        });
        let s = t.to_string();
        assert!(s.starts_with("unreachable\nwasm backtrace:"), "{s}");
        assert!(s.contains("\n    0:   0x2a - f\n"), "{s}");
        assert!(s.ends_with("\n    1: <wasm function 4>"), "{s}");
    }
}
