//! The interpreter tier (work in progress).
#![allow(missing_docs, reason = "work in progress")]
