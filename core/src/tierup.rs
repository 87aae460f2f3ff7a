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
//! Dropping the engine stops the pool: queued jobs are discarded and the
//! threads finish the job they are running before they are joined.

use crate::backend::OsrEntry;
use crate::config::Tier;
use crate::module::ModuleInner;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, Weak};

/// What the lower tier does after calling [`crate::vm::tier_up`].
#[derive(Clone, Copy, Debug)]
pub enum TierUpAction {
    /// Keep running here, with this new budget.
    Continue(i32),
    /// Continue the frame in optimized code: the loop's OSR entry.
    Osr(OsrEntry),
}

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
    Ready(OsrEntry),
    Failed,
}

/// The tier-up state of one module.
pub(crate) struct ModuleTierUp {
    /// The optimizing tier.
    pub(crate) target: Tier,
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
    Function,
    Osr(u32),
}

struct Job {
    module: Weak<ModuleInner>,
    def: u32,
    kind: JobKind,
}

impl ModuleTierUp {
    pub(crate) fn new(num_defined: u32, target: Tier, config: &crate::TierUpConfig) -> ModuleTierUp {
        ModuleTierUp {
            target,
            osr: config.osr,
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
/// `def` of `module` ran out, at a call (`loop_offset == None`) or at the
/// header of the loop at `loop_offset`.
pub(crate) fn budget_exhausted(module: &Arc<ModuleInner>, def: u32, loop_offset: Option<u32>) -> TierUpAction {
    let Some(tu) = module.code.tier_up() else {
        return TierUpAction::Continue(NEVER);
    };
    let Some(state) = tu.funcs.get(def as usize) else {
        return TierUpAction::Continue(NEVER);
    };
    let loop_offset = loop_offset.filter(|_| tu.osr);
    // OSR first: it is what a frame stuck in a loop waits for.
    if let Some(at) = loop_offset {
        let queue = {
            let mut loops = tu.loops();
            match loops.get(&(def, at)) {
                Some(OsrState::Ready(e)) => {
                    tu.osr_entries.fetch_add(1, Ordering::Relaxed);
                    return TierUpAction::Osr(*e);
                }
                Some(OsrState::Failed) => false,
                Some(OsrState::Queued) => false,
                None => {
                    loops.insert((def, at), OsrState::Queued);
                    true
                }
            }
        };
        if queue {
            submit(module, tu, def, JobKind::Osr(at));
        }
    }
    if state
        .compare_exchange(IDLE, QUEUED, Ordering::AcqRel, Ordering::Acquire)
        .is_ok()
    {
        submit(module, tu, def, JobKind::Function);
    }
    if let Some(at) = loop_offset {
        match tu.loops().get(&(def, at)) {
            // Compiled on this thread just now.
            Some(OsrState::Ready(e)) => {
                tu.osr_entries.fetch_add(1, Ordering::Relaxed);
                TierUpAction::Osr(*e)
            }
            Some(OsrState::Queued) => TierUpAction::Continue(tu.recheck),
            _ => TierUpAction::Continue(NEVER),
        }
    } else if tu.osr {
        // Frames of this function that are already running may still
        // reach a hot loop header.
        TierUpAction::Continue(tu.recheck)
    } else {
        TierUpAction::Continue(NEVER)
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
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match job.kind {
        JobKind::Function => module.code.publish_tier(job.def, tu.target).map(|()| None),
        JobKind::Osr(at) => module.code.compile_osr(job.def, at, tu.target).map(Some),
    }));
    let ok = matches!(result, Ok(Ok(_)));
    if !ok {
        tu.failures.fetch_add(1, Ordering::Relaxed);
    }
    match job.kind {
        JobKind::Function => {
            if ok {
                tu.functions.fetch_add(1, Ordering::Relaxed);
            }
            tu.funcs[job.def as usize].store(if ok { DONE } else { FAILED }, Ordering::Release);
        }
        JobKind::Osr(at) => {
            let state = match result {
                Ok(Ok(Some(e))) => {
                    tu.osr_compiled.fetch_add(1, Ordering::Relaxed);
                    OsrState::Ready(e)
                }
                _ => OsrState::Failed,
            };
            tu.loops().insert((job.def, at), state);
        }
    }
}

struct PoolShared {
    queue: Mutex<VecDeque<Job>>,
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
            queue: Mutex::new(VecDeque::new()),
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
        // OSR first: a frame is waiting in a loop for it.
        match job.kind {
            JobKind::Osr(_) => queue.push_front(job),
            JobKind::Function => queue.push_back(job),
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
                if let Some(job) = queue.pop_front() {
                    break job;
                }
                queue = shared.ready.wait(queue).unwrap_or_else(|e| e.into_inner());
            }
        };
        run(job);
    }
}

impl Drop for TierUpPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.queue.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.shared.ready.notify_all();
        let me = std::thread::current().id();
        for h in self.threads.get_mut().unwrap_or_else(|e| e.into_inner()).drain(..) {
            // The last reference to the engine may be dropped by a pool
            // thread finishing a job: it cannot join itself.
            if h.thread().id() != me {
                let _ = h.join();
            }
        }
    }
}
