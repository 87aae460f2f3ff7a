//! Epoch interruption: an operator bounds a guest's run time from another
//! thread.
//!
//! The engine keeps a counter, the *epoch*, that only grows
//! ([`crate::Engine::increment_epoch`]; any thread, any time). Each store
//! has a *deadline*, an epoch ([`crate::Store::set_epoch_deadline`]). With
//! [`crate::Config::epoch_interruption`] on, every tier checks the epoch
//! against the deadline at each function entry and each loop header (so a
//! running guest reaches a check within a bounded amount of straight-line
//! code): when the epoch has reached the deadline, the store's deadline
//! behaviour runs. By default it traps with [`TrapCode::Interrupted`]; with
//! [`crate::Store::epoch_deadline_callback`] the embedder decides (continue
//! with a new deadline, or stop with an error).
//!
//! A check is a load of the engine's counter (through
//! [`crate::vm::VmRuntime::epoch`]), a compare with
//! [`crate::vm::VmRuntime::epoch_deadline`] and a branch; the slow path is
//! [`deadline_reached`].
//!
//! Host functions that block (a WASI sleep, a read on a pipe) cannot be
//! reached by these checks: they ask their [`Caller`](crate::Caller) for an
//! [`Interrupt`], which tells them when the deadline has passed and wakes
//! them when the epoch changes, so they end promptly with the same trap.

use crate::error::{Error, Result};
use crate::store::StoreOpaque;
use crate::trap::{Trap, TrapCode};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What an epoch deadline callback asks for
/// ([`crate::Store::epoch_deadline_callback`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateDeadline {
    /// Keep running, with the deadline this many ticks after the current
    /// epoch.
    Continue(u64),
}

/// The engine's epoch counter, and the means to wait for it to move.
#[derive(Debug, Default)]
pub(crate) struct EpochState {
    /// The current epoch (the counter machine code reads).
    pub(crate) counter: AtomicU64,
    /// Threads waiting in [`Interrupt::wait`]: the incrementer notifies
    /// only when there are some.
    waiters: AtomicUsize,
    lock: Mutex<()>,
    moved: Condvar,
}

impl EpochState {
    /// Advances the epoch by one tick and wakes the waiting hosts.
    pub(crate) fn increment(&self) {
        // Sequentially consistent with the waiter's registration and check
        // (a store-then-load on each side): either the waiter sees the new
        // epoch, or this sees the waiter and notifies it.
        self.counter.fetch_add(1, Ordering::SeqCst);
        if self.waiters.load(Ordering::SeqCst) > 0 {
            // Taking the lock orders this notification after a waiter's
            // check of the counter (made under the lock), so none is lost.
            drop(self.lock.lock().unwrap_or_else(|e| e.into_inner()));
            self.moved.notify_all();
        }
    }

    pub(crate) fn current(&self) -> u64 {
        self.counter.load(Ordering::Acquire)
    }
}

/// A blocking host function's view of its store's epoch deadline, from
/// [`Caller::interrupt`](crate::Caller::interrupt): whether the deadline has
/// passed, and a way to wait that ends early when it does.
///
/// It is a snapshot taken at the host call: the deadline cannot change
/// while the host function runs (the store is borrowed by the call). It
/// exists only when the store traps at its deadline (the default
/// behaviour); with a deadline callback, a blocking host call runs to its
/// end and the callback runs at the next check in Wasm code.
#[derive(Clone, Debug)]
pub struct Interrupt {
    state: Arc<EpochState>,
    deadline: u64,
}

impl Interrupt {
    pub(crate) fn new(state: Arc<EpochState>, deadline: u64) -> Interrupt {
        Interrupt { state, deadline }
    }

    /// Whether the epoch has reached the deadline: the host function should
    /// return [`Interrupt::trap`] as soon as it can.
    pub fn is_due(&self) -> bool {
        self.state.current() >= self.deadline
    }

    /// The trap a host function returns when it was interrupted.
    pub fn trap(&self) -> Trap {
        Trap::new(TrapCode::Interrupted)
    }

    /// Waits until `until`, or until the deadline passes, whichever comes
    /// first; returns whether the deadline has passed. Wakes as soon as the
    /// epoch moves.
    pub fn wait(&self, until: Instant) -> bool {
        let state = &*self.state;
        state.waiters.fetch_add(1, Ordering::SeqCst);
        let mut guard = state.lock.lock().unwrap_or_else(|e| e.into_inner());
        let due = loop {
            if state.counter.load(Ordering::SeqCst) >= self.deadline {
                break true;
            }
            let now = Instant::now();
            if now >= until {
                break false;
            }
            // At most `RECHECK` at a time: a bound on the wait even if a
            // wake-up were missed.
            guard = match state.moved.wait_timeout(guard, (until - now).min(RECHECK)) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        };
        drop(guard);
        state.waiters.fetch_sub(1, Ordering::SeqCst);
        due
    }

    /// Sleeps for `duration`, or until the deadline passes: `Err` with the
    /// interruption trap then.
    pub fn sleep(&self, duration: Duration) -> std::result::Result<(), Trap> {
        let until = Instant::now().checked_add(duration).unwrap_or_else(far_future);
        if self.wait(until) { Err(self.trap()) } else { Ok(()) }
    }
}

/// The longest [`Interrupt::wait`] sleeps before looking at the epoch again.
const RECHECK: Duration = Duration::from_millis(100);

/// An instant no wait reaches.
fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

/// The type-erased deadline callback a store keeps (see
/// [`crate::Store::epoch_deadline_callback`]): called with the store's
/// `StoreInner<T>`.
pub(crate) type DeadlineCallback = Box<dyn FnMut(*mut ()) -> Result<UpdateDeadline> + Send + Sync>;

/// The slow path of an epoch check: the epoch may have reached the store's
/// deadline. Returns `Ok` to continue (the deadline had not passed, or the
/// callback moved it); else the failure to raise, already recorded as the
/// store's pending trap (or pending host error).
///
/// # Safety
///
/// `store` is the live store executing on this thread, and no Rust
/// reference into it is held across this call.
pub(crate) unsafe fn deadline_reached(store: *mut StoreOpaque) -> std::result::Result<(), ()> {
    // SAFETY: guaranteed by the caller.
    let s = unsafe { &mut *store };
    let now = s.engine.epoch_state().current();
    if now < s.runtime.epoch_deadline {
        return Ok(());
    }
    let Some(mut callback) = s.epoch_callback.take() else {
        s.pending_trap = Some(Box::new(Trap::new(TrapCode::Interrupted)));
        return Err(());
    };
    let inner = s.inner;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| callback(inner)));
    // SAFETY: the callback's access to the store ended with it.
    let s = unsafe { &mut *store };
    // The callback may have installed another one: keep that.
    if s.epoch_callback.is_none() {
        s.epoch_callback = Some(callback);
    }
    match result {
        Ok(Ok(UpdateDeadline::Continue(ticks))) => {
            s.runtime.epoch_deadline = s.engine.epoch_state().current().saturating_add(ticks);
            Ok(())
        }
        Ok(Err(err)) => {
            crate::func::host_error(s, err);
            Err(())
        }
        Err(panic) => {
            crate::func::host_panic(s, panic);
            Err(())
        }
    }
}

/// An error for stores of engines without epoch interruption.
pub(crate) fn not_enabled() -> Error {
    Error::usage("epoch interruption is not enabled in this engine's Config (Config::epoch_interruption)")
}
