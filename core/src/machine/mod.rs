//! The machine-code runtime, shared by every tier that emits machine code.
//!
//! Tiers produce code bytes and metadata; everything that runs them lives
//! here, once:
//!
//! - [`code::CodeMemory`]: W^X executable memory (mapped writable, filled,
//!   then made read-and-execute; never both);
//! - [`traps`]: the registry of live code with its trap tables keyed by
//!   concord's [`crate::TrapCode`], the one signal handler, and the
//!   host-to-Wasm entry path ([`traps::call`]) that turns a trapping
//!   instruction into a [`crate::Trap`] with a Wasm backtrace;
//! - [`libcalls`]: the runtime helpers machine code calls (growth, bulk
//!   memory and table operations) and out-of-line float operations.
//!
//! The stack-limit check is emitted by each tier in its prologues against
//! [`crate::vm::VmRuntime::stack_limit`], which the core sets on entry from
//! the host ([RFC 0005](../../../RFCs/0005-machine-code-tiers.md)).
//!
//! Catching traps is implemented for x86-64 Linux ([`traps::SUPPORTED`]);
//! elsewhere machine-code tiers report themselves unsupported.

pub mod code;
pub mod libcalls;
pub mod traps;
