//! Resource limits: how much memory, table space and how many instances,
//! memories and tables a store may use ([`ResourceLimiter`],
//! [`crate::Store::limiter`]), with a ready implementation
//! ([`StoreLimits`]).
//!
//! The limiter is asked before anything is allocated: before a memory or a
//! table is created (at instantiation, or by the embedder) and before each
//! growth (`memory.grow` and `table.grow` in Wasm code on every tier, and
//! the embedder's `Memory::grow` / `Table::grow`). A denied growth makes
//! `memory.grow` / `table.grow` return -1, as a growth past the maximum
//! does; a denied creation fails the instantiation with a link error. A
//! limiter may instead return an error, which stops the guest (a trap in
//! Wasm code): [`StoreLimitsBuilder::trap_on_grow_failure`] does that for
//! every failed growth.

use crate::error::{Error, Result};
use crate::trap::Trap;

/// The default limits on counts: instances, memories and tables per store.
pub const DEFAULT_INSTANCE_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_MEMORY_LIMIT: usize = 10_000;
/// See [`DEFAULT_INSTANCE_LIMIT`].
pub const DEFAULT_TABLE_LIMIT: usize = 10_000;

/// Decides whether a store's memories and tables may be created and grow,
/// and bounds how many instances, memories and tables it may hold.
/// Install one with [`crate::Store::limiter`].
pub trait ResourceLimiter: Send {
    /// A memory is about to grow from `current` to `desired` bytes (created:
    /// from 0 to its initial size); `maximum` is its declared maximum in
    /// bytes, if any. `Ok(true)` allows it, `Ok(false)` denies it
    /// (`memory.grow` returns -1; a creation fails), `Err` stops the guest
    /// with that error.
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> Result<bool>;

    /// A memory growth failed after it was allowed (past the maximum, or
    /// the host could not map the memory). `Ok` lets `memory.grow` return
    /// -1; `Err` stops the guest.
    fn memory_grow_failed(&mut self, error: Error) -> Result<()> {
        let _ = error;
        Ok(())
    }

    /// A table is about to grow from `current` to `desired` elements
    /// (created: from 0); as [`ResourceLimiter::memory_growing`].
    fn table_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> Result<bool>;

    /// A table growth failed after it was allowed; as
    /// [`ResourceLimiter::memory_grow_failed`].
    fn table_grow_failed(&mut self, error: Error) -> Result<()> {
        let _ = error;
        Ok(())
    }

    /// The most instances the store may hold.
    fn instances(&self) -> usize {
        DEFAULT_INSTANCE_LIMIT
    }

    /// The most memories the store may hold (defined by its instances or
    /// made by the embedder).
    fn memories(&self) -> usize {
        DEFAULT_MEMORY_LIMIT
    }

    /// The most tables the store may hold.
    fn tables(&self) -> usize {
        DEFAULT_TABLE_LIMIT
    }
}

/// A [`ResourceLimiter`] with fixed limits, built with
/// [`StoreLimitsBuilder`]: keep it in the store's data and point
/// [`crate::Store::limiter`] at it (the `concord` crate's docs show it).
#[derive(Clone, Debug)]
pub struct StoreLimits {
    memory_size: Option<usize>,
    table_elements: Option<usize>,
    instances: usize,
    tables: usize,
    memories: usize,
    trap_on_grow_failure: bool,
}

impl Default for StoreLimits {
    fn default() -> StoreLimits {
        StoreLimits {
            memory_size: None,
            table_elements: None,
            instances: DEFAULT_INSTANCE_LIMIT,
            tables: DEFAULT_TABLE_LIMIT,
            memories: DEFAULT_MEMORY_LIMIT,
            trap_on_grow_failure: false,
        }
    }
}

/// Builds [`StoreLimits`]; every limit not set is the default (no size
/// limit beyond the engine's own; the default counts).
#[derive(Clone, Debug, Default)]
pub struct StoreLimitsBuilder(StoreLimits);

impl StoreLimitsBuilder {
    /// Default limits.
    pub fn new() -> StoreLimitsBuilder {
        StoreLimitsBuilder::default()
    }

    /// The most bytes each linear memory may hold.
    pub fn memory_size(mut self, bytes: usize) -> StoreLimitsBuilder {
        self.0.memory_size = Some(bytes);
        self
    }

    /// The most elements each table may hold.
    pub fn table_elements(mut self, elements: usize) -> StoreLimitsBuilder {
        self.0.table_elements = Some(elements);
        self
    }

    /// The most instances in the store.
    pub fn instances(mut self, n: usize) -> StoreLimitsBuilder {
        self.0.instances = n;
        self
    }

    /// The most tables in the store.
    pub fn tables(mut self, n: usize) -> StoreLimitsBuilder {
        self.0.tables = n;
        self
    }

    /// The most memories in the store.
    pub fn memories(mut self, n: usize) -> StoreLimitsBuilder {
        self.0.memories = n;
        self
    }

    /// Whether a growth that fails (denied by these limits, past the
    /// maximum, or refused by the host) traps instead of returning -1.
    pub fn trap_on_grow_failure(mut self, on: bool) -> StoreLimitsBuilder {
        self.0.trap_on_grow_failure = on;
        self
    }

    /// The limits.
    pub fn build(self) -> StoreLimits {
        self.0
    }
}

impl StoreLimits {
    fn growing(&self, what: &str, desired: usize, limit: Option<usize>) -> Result<bool> {
        match limit {
            Some(limit) if desired > limit => {
                if self.trap_on_grow_failure {
                    Err(Trap::host(format!(
                        "forcing trap when growing {what} to {desired}: past the limit of {limit}"
                    ))
                    .into())
                } else {
                    Ok(false)
                }
            }
            _ => Ok(true),
        }
    }

    fn failed(&self, error: Error) -> Result<()> {
        if self.trap_on_grow_failure { Err(error) } else { Ok(()) }
    }
}

impl ResourceLimiter for StoreLimits {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> Result<bool> {
        self.growing("a memory (bytes)", desired, self.memory_size)
    }

    fn memory_grow_failed(&mut self, error: Error) -> Result<()> {
        self.failed(error)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> Result<bool> {
        self.growing("a table (elements)", desired, self.table_elements)
    }

    fn table_grow_failed(&mut self, error: Error) -> Result<()> {
        self.failed(error)
    }

    fn instances(&self) -> usize {
        self.instances
    }

    fn memories(&self) -> usize {
        self.memories
    }

    fn tables(&self) -> usize {
        self.tables
    }
}

/// The type-erased limiter a store keeps: calls its argument with the
/// limiter found in the store's data (the store's `StoreInner<T>` pointer
/// is the first argument).
pub(crate) type LimiterAccess = Box<dyn FnMut(*mut (), &mut dyn FnMut(&mut dyn ResourceLimiter)) + Send + Sync>;
