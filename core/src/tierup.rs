//! Automatic tier-up ([`crate::Tier::Auto`], RFC 0007): the policy's state
//! per module, the hook lower tiers call when a function's budget runs out,
//! and the engine's pool of background compilation threads.
//!
//! The interpreter keeps each function's budget (see
//! [`crate::TierUpConfig`]) and calls [`crate::vm::tier_up`] when it runs
//! out, at a call or at a loop header. The hook queues the function for
//! compilation with the optimizing tier (once), and, at a loop header with
//! OSR on, the function's OSR code for that loop (once per loop); it
//! answers with a new budget, or with the OSR entry once that is ready, and
//! the interpreter moves the frame there. A finished compilation publishes
//! the function's entry (RFC 0006), so later calls from every tier and
//! every instance run the optimized code.
//!
//! Jobs hold their module weakly: a module dropped while its compilations
//! are queued is not kept alive by them, and its queued jobs are skipped.
//! Dropping the engine stops the pool: queued jobs are discarded, and each
//! thread finishes the job it is running and exits (nothing waits for it).

use crate::backend::OsrEntry;
use crate::config::Tier;
use crate::module::ModuleInner;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, Weak};

/// Where a function's tier-up budget ran out ([`crate::vm::tier_up`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HotSpot {
    /// At a call of the function, or in a loop inside no OSR point.
    Call,
    /// At a loop header inside an OSR point.
    Loop {
        /// The outermost loop around here (this one included) that is an
        /// OSR point, by its operator's byte offset: where the frame should
        /// move to compiled code (entering an inner loop of a nest would
        /// make the compiled loop nest irreducible, which Cranelift
        /// optimizes poorly).
        target: u32,
        /// This loop's offset, when it is an OSR point itself: the frame
        /// can move here.
        here: Option<u32>,
        /// The function has been called at most once so far (a `main` that
        /// runs the program in its loops): its OSR code is wanted at once,
        /// not only after the function's code is published.
        single_call: bool,
    },
}

/// What the lower tier does after calling [`crate::vm::tier_up`].
#[derive(Clone, Copy, Debug)]
pub enum TierUpAction {
    /// Keep running here with this new budget; with `arm`, also ask again
    /// at every arrival at that loop header (its OSR code is coming).
    Continue {
        /// The new budget.
        budget: i32,
        /// A loop header to watch.
        arm: Option<u32>,
    },
    /// Continue the frame in optimized code: the loop's OSR entry.
    Osr(OsrEntry),
}

impl TierUpAction {
    pub(crate) fn budget(budget: i32) -> TierUpAction {
        TierUpAction::Continue { budget, arm: None }
    }
}

/// How many times a frame may ask from an inner loop while the OSR code of
/// its outermost loop is ready before it gets OSR code of the inner loop
/// itself (a long inner loop would otherwise keep it interpreted).
const INNER_LOOP_PATIENCE: u32 = 8;

/// The budget given back while an OSR compilation is pending: the next
/// arrival at a header after this much more loop work asks again.
pub(crate) const RECHECK_BUDGET: i32 = 20_000;

/// A [`TierUpAction::Continue`] budget meaning "never ask again".
pub(crate) const NEVER: i32 = i32::MAX;

const IDLE: u8 = 0;
const QUEUED: u8 = 1;
const DONE: u8 = 2;
const FAILED: u8 = 3;

/// Counters of what tier-up did for one module.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TierUpStats {
    /// Functions whose optimized code was published.
    pub functions: u64,
    /// OSR entries compiled (one per hot loop).
    pub osr_compiled: u64,
    /// Frames that moved into optimized code at a loop header.
    pub osr_entries: u64,
    /// Compilations that failed (the function stays in the lower tier).
    pub failures: u64,
}

enum OsrState {
    Queued,
    /// Compiled; with the number of times a frame asked from an inner loop
    /// since.
    Ready(OsrEntry, u32),
    Failed,
}

/// The tier-up state of one module.
pub(crate) struct ModuleTierUp {
    /// The tiers a hot function moves through, in order (the last one also
    /// compiles OSR code).
    path: Vec<Tier>,
    osr: bool,
    /// The budget given back while an OSR compilation may still come:
    /// [`RECHECK_BUDGET`], or the threshold when that is lower (0: every
    /// arrival at a loop header asks).
    recheck: i32,
    /// 0 compiles on the calling thread.
    threads: usize,
    /// Per defined function: `IDLE`, `QUEUED`, `DONE` or `FAILED`.
    funcs: Box<[AtomicU8]>,
    /// Per (defined function, loop offset).
    loops: Mutex<HashMap<(u32, u32), OsrState>>,
    functions: AtomicU64,
    osr_compiled: AtomicU64,
    osr_entries: AtomicU64,
    failures: AtomicU64,
}

/// What a queued job compiles.
#[derive(Clone, Copy, Debug)]
enum JobKind {
    /// The function, with the tier at this index of the path.
    Function(usize),
    /// OSR code for the loop at `at` (inside the OSR point `outer`), with
    /// the last tier of the path.
    Osr { at: u32, outer: u32 },
}

struct Job {
    module: Weak<ModuleInner>,
    def: u32,
    kind: JobKind,
}

impl ModuleTierUp {
    pub(crate) fn new(num_defined: u32, path: Vec<Tier>, config: &crate::TierUpConfig) -> ModuleTierUp {
        ModuleTierUp {
            // OSR code comes from Cranelift (the JIT has none).
            osr: config.osr && path.last() == Some(&Tier::Cranelift),
            path,
            recheck: RECHECK_BUDGET.min(config.threshold.min(i32::MAX as u32) as i32),
            threads: config.thread_count(),
            funcs: (0..num_defined).map(|_| AtomicU8::new(IDLE)).collect(),
            loops: Mutex::new(HashMap::new()),
            functions: AtomicU64::new(0),
            osr_compiled: AtomicU64::new(0),
            osr_entries: AtomicU64::new(0),
            failures: AtomicU64::new(0),
        }
    }

    pub(crate) fn stats(&self) -> TierUpStats {
        TierUpStats {
            functions: self.functions.load(Ordering::Relaxed),
            osr_compiled: self.osr_compiled.load(Ordering::Relaxed),
            osr_entries: self.osr_entries.load(Ordering::Relaxed),
            failures: self.failures.load(Ordering::Relaxed),
        }
    }

    fn loops(&self) -> std::sync::MutexGuard<'_, HashMap<(u32, u32), OsrState>> {
        self.loops.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The hook behind [`crate::vm::tier_up`]: the budget of defined function
/// `def` of `module` ran out at `spot`.
///
/// The function is queued for the first tier of the path once. Inside an
/// OSR point, the OSR code of the outermost such loop (the target) is
/// queued when a frame needs it: the function has been called only once,
/// or its code was published and this (older) frame is still interpreted.
/// The frame then watches the target's header and moves there once the
/// code is ready; if it keeps asking from an inner loop instead, it gets
/// OSR code for that inner loop.
pub(crate) fn budget_exhausted(module: &Arc<ModuleInner>, def: u32, spot: HotSpot) -> TierUpAction {
    let Some(tu) = module.code.tier_up() else {
        return TierUpAction::budget(NEVER);
    };
    let Some(state) = tu.funcs.get(def as usize) else {
        return TierUpAction::budget(NEVER);
    };
    // The function's first compilation, queued once (after OSR code a
    // frame waits for).
    let queue_function = || {
        if state
            .compare_exchange(IDLE, QUEUED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            submit(module, tu, def, JobKind::Function(0));
        }
    };
    let HotSpot::Loop {
        target,
        here,
        single_call,
    } = spot
    else {
        queue_function();
        // Frames of this function that are already running may still
        // reach a hot loop.
        return TierUpAction::budget(if tu.osr { tu.recheck } else { NEVER });
    };
    if !tu.osr {
        queue_function();
        return TierUpAction::budget(NEVER);
    }
    let want_osr = single_call || state.load(Ordering::Acquire) == DONE;
    // Where to move (`Ok`), or which OSR code was just marked queued
    // (`Err`), if any; decided under the lock, so each is queued once.
    let decision: Option<Result<OsrEntry, u32>> = {
        let mut loops = tu.loops();
        let target_settled = matches!(loops.get(&(def, target)), Some(OsrState::Ready(..) | OsrState::Failed));
        let decision = match here {
            Some(h) if h == target => match loops.get(&(def, target)) {
                Some(OsrState::Ready(e, _)) => Some(Ok(*e)),
                None if want_osr => Some(Err(target)),
                _ => None,
            },
            Some(h) if target_settled => {
                // The frame stays in an inner loop: after a while, move it
                // there.
                let patience_over = match loops.get_mut(&(def, target)) {
                    Some(OsrState::Ready(_, misses)) => {
                        *misses += 1;
                        *misses > INNER_LOOP_PATIENCE
                    }
                    _ => true,
                };
                match loops.get(&(def, h)) {
                    Some(OsrState::Ready(e, _)) if patience_over => Some(Ok(*e)),
                    None if patience_over => Some(Err(h)),
                    _ => None,
                }
            }
            _ if !loops.contains_key(&(def, target)) && want_osr => Some(Err(target)),
            _ => None,
        };
        if let Some(Err(at)) = decision {
            loops.insert((def, at), OsrState::Queued);
        }
        decision
    };
    let queued = match decision {
        Some(Ok(e)) => {
            tu.osr_entries.fetch_add(1, Ordering::Relaxed);
            return TierUpAction::Osr(e);
        }
        Some(Err(at)) => {
            submit(module, tu, def, JobKind::Osr { at, outer: target });
            Some(at)
        }
        None => None,
    };
    // A function called once is served by its OSR code; it is compiled
    // whole when a second call runs out of budget.
    if !single_call {
        queue_function();
    }
    // Compiled on this thread just now, for this header?
    if let (Some(at), Some(h)) = (queued, here)
        && at == h
        && let Some(OsrState::Ready(e, _)) = tu.loops().get(&(def, at))
    {
        tu.osr_entries.fetch_add(1, Ordering::Relaxed);
        return TierUpAction::Osr(*e);
    }
    let target_failed = matches!(tu.loops().get(&(def, target)), Some(OsrState::Failed));
    if target_failed && here.is_none() {
        // Nothing will come for this frame.
        return TierUpAction::budget(NEVER);
    }
    TierUpAction::Continue {
        budget: tu.recheck,
        arm: (!target_failed).then_some(target),
    }
}

/// Runs `kind` for `def` now (no background threads) or queues it.
fn submit(module: &Arc<ModuleInner>, tu: &ModuleTierUp, def: u32, kind: JobKind) {
    let job = Job {
        module: Arc::downgrade(module),
        def,
        kind,
    };
    if tu.threads == 0 {
        run(job);
    } else {
        module.engine.tier_up_pool(tu.threads).push(job);
    }
}

/// Compiles and publishes one job, if its module is still alive.
fn run(job: Job) {
    let Some(module) = job.module.upgrade() else {
        return;
    };
    let Some(tu) = module.code.tier_up() else {
        return;
    };
    // A compiler panic must not unwind into Wasm frames or kill a pool
    // thread: it counts as a failed compilation.
    let last = tu.path.len() - 1;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match job.kind {
        JobKind::Function(i) => module.code.publish_tier(job.def, tu.path[i], i == last).map(|()| None),
        JobKind::Osr { at, outer } => module.code.compile_osr(job.def, at, outer, tu.path[last]).map(Some),
    }));
    let ok = matches!(result, Ok(Ok(_)));
    if !ok {
        tu.failures.fetch_add(1, Ordering::Relaxed);
    }
    match job.kind {
        JobKind::Function(i) => {
            if ok {
                tu.functions.fetch_add(1, Ordering::Relaxed);
                if i < last {
                    // On to the next tier, behind the first compilations
                    // of other hot functions.
                    submit(&module, tu, job.def, JobKind::Function(i + 1));
                }
            }
            if i == 0 {
                tu.funcs[job.def as usize].store(if ok { DONE } else { FAILED }, Ordering::Release);
            }
        }
        JobKind::Osr { at, .. } => {
            let state = match result {
                Ok(Ok(Some(e))) => {
                    tu.osr_compiled.fetch_add(1, Ordering::Relaxed);
                    OsrState::Ready(e, 0)
                }
                _ => OsrState::Failed,
            };
            tu.loops().insert((job.def, at), state);
        }
    }
}

struct PoolShared {
    /// OSR code and first compilations, in order, then later tiers of the
    /// path.
    queue: Mutex<[VecDeque<Job>; 2]>,
    ready: Condvar,
    shutdown: AtomicBool,
}

/// The engine's background compilation threads, started on first use.
pub(crate) struct TierUpPool {
    shared: Arc<PoolShared>,
    threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
}

impl TierUpPool {
    pub(crate) fn new(threads: usize) -> TierUpPool {
        let shared = Arc::new(PoolShared {
            queue: Mutex::new([VecDeque::new(), VecDeque::new()]),
            ready: Condvar::new(),
            shutdown: AtomicBool::new(false),
        });
        let handles = (0..threads.max(1))
            .filter_map(|i| {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name(format!("concord-tier-up-{i}"))
                    .spawn(move || worker(&shared))
                    .ok()
            })
            .collect();
        TierUpPool {
            shared,
            threads: Mutex::new(handles),
        }
    }

    fn push(&self, job: Job) {
        let mut queue = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        // First compilations and OSR code in the order they were asked
        // for, before later tiers of the path.
        match job.kind {
            JobKind::Osr { .. } | JobKind::Function(0) => queue[0].push_back(job),
            JobKind::Function(_) => queue[1].push_back(job),
        }
        drop(queue);
        self.shared.ready.notify_one();
    }
}

fn worker(shared: &PoolShared) {
    loop {
        let job = {
            let mut queue = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if shared.shutdown.load(Ordering::Acquire) {
                    return;
                }
                if let Some(job) = queue[0].pop_front().or_else(|| queue[1].pop_front()) {
                    break job;
                }
                queue = shared.ready.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        run(job);
    }
}

impl Drop for TierUpPool {
    /// Discards the queued jobs and lets each thread finish the job it is
    /// running, then exit, without waiting for it: a process that is done
    /// (a CLI run) does not wait for a compilation nobody will use. A job's
    /// module stays alive until that job ends, then is freed.
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::Release);
        for q in self.shared.queue.lock().unwrap_or_else(|e| e.into_inner()).iter_mut() {
            q.clear();
        }
        self.shared.ready.notify_all();
        // Detached (dropping a `JoinHandle` does not stop its thread).
        self.threads.get_mut().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
