//! Translation of one validated function body into [`FuncCode`].
//!
//! One pass over the operators with a **virtual operand stack**: an entry is
//! either materialized in its home slot (`num_locals + height`), a pending
//! reference to a local, or a pending constant. Consumers read locals and
//! constants directly (an `I32AddImm` instead of a constant copy); pending
//! local references are materialized before the local is overwritten and
//! at block entries, so every merge point sees one layout.
//!
//! Control flow uses labels patched when bound. Code after `unreachable`,
//! `br`, `br_table` and `return` is skipped up to its `end`/`else`.
//!
//! The fuel rule, control frames and the skipping of dead code are
//! [`concord_core::translate`]'s. With fuel, each fuel block starts with a
//! `Fuel` op whose cost is patched when the block ends.

mod control;
mod memory;
mod multi_memory;
mod numeric;
mod simd;

use crate::ir::{Catch, FUNC_ENTRY, FuncCode, MemAccess, MemAccessKind, NO_LOOP, Op, Slot, dead_after_chained};
use concord_core::module::ModuleInfo;
use concord_core::translate::{ControlFrame, ControlKind, ControlStack, DeadOp, FuelMeter};
use concord_core::wasmparser::{self as wp, Operator};
use concord_core::{CompileError, ValType};

/// Where an operand-stack entry's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operand {
    /// In its home slot.
    Stack,
    /// The current value of a local.
    Local(Slot),
    /// A scalar constant (raw word 0).
    Const(u64),
}

/// A control frame's labels.
#[derive(Debug)]
struct Labels {
    /// Branch target: the loop header or the end.
    label: usize,
    /// Where the false arm of an `if` starts.
    else_label: Option<usize>,
    /// A loop's `TierUp` op, whose weight is patched at its `end`.
    tier_up: Option<usize>,
    /// In a loop: the outermost OSR point around its body (`TierUp::target`).
    osr_target: u32,
    /// A `try_table`'s catch clauses, while its body is translated.
    try_table: Option<Box<TryTable>>,
    /// The locals assigned on every branch to the end so far (`None`: no
    /// branch yet), and in an `if` before its `else`, those assigned where
    /// it starts (the false path's).
    assigned_in: Option<Assigned>,
    if_entry: Option<Assigned>,
}

/// Which of the first [`ASSIGNED_LOCALS`] locals are written on every way
/// to a point of the function ("definitely assigned"), a bit each.
type Assigned = [u64; 4];
const ASSIGNED_LOCALS: usize = 256;
const ALL_ASSIGNED: Assigned = [u64::MAX; 4];

fn meet_assigned(into: &mut Option<Assigned>, other: Assigned) {
    *into = Some(match *into {
        Some(a) => std::array::from_fn(|i| a[i] & other[i]),
        None => other,
    });
}

/// An open `try_table`: where its body starts and its clauses.
#[derive(Debug)]
struct TryTable {
    start: usize,
    clauses: Vec<PendingCatch>,
}

/// A catch clause whose target may not be bound yet.
#[derive(Clone, Copy, Debug)]
struct PendingCatch {
    start: usize,
    end: usize,
    tag: u32,
    with_ref: bool,
    base: u32,
    /// The target label, or `None` for the function's (a return).
    label: Option<usize>,
}

/// A control frame.
type Ctrl = ControlFrame<Labels>;

/// A label: resolved to an op index, or pending with the branches to patch.
/// The branches to a pending label form a list through their own `off`
/// fields (each holds the index of the one emitted before it, or
/// [`NO_SITE`]); `Pending` holds the last one's index. (No allocation per
/// label: a small program's start-up translates thousands of them.)
#[derive(Clone, Copy, Debug)]
enum Label {
    Resolved(usize),
    Pending(i32),
}

/// The end of a pending label's list of branches.
const NO_SITE: i32 = -1;

type Result<T> = std::result::Result<T, CompileError>;

fn internal(e: wp::BinaryReaderError) -> CompileError {
    CompileError::Internal(format!("re-reading a validated function body: {e}"))
}

pub(crate) fn unsupported(what: impl Into<String>) -> CompileError {
    CompileError::Unsupported {
        tier: "interp",
        what: what.into(),
    }
}

/// How a function is translated (from the module's `Config`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Charge fuel per block (`Config::consume_fuel`).
    pub fuel: bool,
    /// Check the epoch at the function's start and every loop header
    /// (`Config::epoch_interruption`).
    pub epoch: bool,
    /// The tier-up budget of `concord_core::TierUpConfig`, under
    /// `Tier::Auto`: the function starts with a `TierUp` op of weight 1 and
    /// every loop header with one weighing the loop body's size in ops
    /// (RFC 0007).
    pub tier_up: Option<u32>,
    /// The relaxed SIMD operators give the deterministic profile's results
    /// (`Config::relaxed_simd_deterministic`), else concord's default ones.
    pub relaxed_simd_deterministic: bool,
    /// Translate every function as a wide frame, with every operand-stack
    /// position out of direct reach (`Config::interp_wide_frames`, a
    /// testing aid: the spec suite runs the wide paths this way).
    pub wide_frames: bool,
}

/// Translates defined function `def_index` of `module`.
///
/// A function whose frame fits the `Slot` range (32,767 cells) is
/// translated as such. One that needs more (more locals and operand-stack
/// values: the validator allows 50,000 locals and far deeper stacks) is
/// translated again as a **wide frame**: the operand-stack positions beyond
/// the `Slot` range live in cells that only `CopySpan` (32-bit cell
/// indexes) reaches, moved through a few scratch slots next to the locals
/// around each op that reads or writes them. When the locals alone leave
/// no room for the scratch slots, the locals from 32,759 on (**far
/// locals**) live after them, and `local.get`/`local.set` of one copy it
/// with a `CopySpan`. Calls, throws and catch clauses name their base cell
/// with 32 bits, so arguments and results stay in place. A wide frame has
/// no OSR points (its cells are not laid out as OSR's frame state).
pub fn translate_function(module: &ModuleInfo, def_index: u32, options: &Options) -> Result<FuncCode> {
    if !options.wide_frames
        && let Some(code) = translate(module, def_index, options, Frame::Narrow)?
    {
        return Ok(code);
    }
    let frame = if options.wide_frames {
        Frame::AllWide
    } else {
        Frame::Wide
    };
    translate(module, def_index, options, frame)?
        .ok_or_else(|| CompileError::Internal("a wide frame still needed more slots".into()))
}

/// How a function's frame is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    /// Locals, then the operand stack, every cell a `Slot`.
    Narrow,
    /// Locals, `SCRATCH` scratch slots, then the operand stack, whose
    /// positions beyond the `Slot` range are reached through the scratch
    /// slots.
    Wide,
    /// `Wide`, with every operand-stack position reached through the
    /// scratch slots (`Options::wide_frames`).
    AllWide,
}

/// Scratch slots of a wide frame. Reads and results rotate through all
/// but the last (an op reads at most four operands); the last holds a
/// constant on its way to a wide cell.
const SCRATCH: usize = 8;

/// Translates with `frame`; `None` when a narrow frame does not fit.
fn translate(module: &ModuleInfo, def_index: u32, options: &Options, frame: Frame) -> Result<Option<FuncCode>> {
    let Options {
        fuel,
        epoch,
        tier_up,
        relaxed_simd_deterministic,
        wide_frames: _,
    } = *options;
    let func_index = module.num_imported_funcs + def_index;
    let ty = module.func_type(func_index);
    let body = module.function_body(def_index);
    let body_len = usize::try_from(body.range().end - body.range().start)
        .unwrap_or(0)
        .min(1 << 21);
    let num_params = ty.params().len() as u64;
    let mut num_locals = num_params;
    let mut v128_locals: Vec<bool> = ty.params().iter().map(|t| *t == ValType::V128).collect();
    // Reference locals are always zeroed (null) on entry.
    let mut ref_locals = false;
    for entry in body.get_locals_reader().map_err(internal)? {
        let (count, t) = entry.map_err(internal)?;
        num_locals += count as u64;
        ref_locals |= matches!(t, wp::ValType::Ref(_));
        if num_locals <= MAX_SLOTS as u64 {
            v128_locals.extend(std::iter::repeat_n(t == wp::ValType::V128, count as usize));
        }
    }
    let limit = |what: &str| CompileError::Limit {
        func_index,
        what: what.into(),
    };
    // The locals ops name directly: all of them, unless a wide frame needs
    // its scratch slots where some would be; those (the validator allows
    // 50,000 locals) are far locals, past the scratch slots.
    let scratch = if frame == Frame::Narrow { 0 } else { SCRATCH };
    let near_locals = match frame {
        Frame::Narrow if num_locals > MAX_SLOTS as u64 => return Ok(None),
        Frame::Narrow => num_locals,
        Frame::Wide => num_locals.min((MAX_SLOTS - SCRATCH) as u64),
        Frame::AllWide => num_params,
    } as usize;
    if near_locals + scratch > MAX_SLOTS {
        return Err(limit("more than 32759 parameters"));
    }
    let stack_base = num_locals as usize + scratch;
    let mut t = Translator {
        module,
        near_locals,
        stack_base,
        direct_end: if frame == Frame::AllWide { stack_base } else { MAX_SLOTS },
        wide: frame != Frame::Narrow,
        too_narrow: false,
        next_scratch: 0,
        pending_store: None,
        stack: Vec::with_capacity(16),
        max_height: 0,
        ctrls: ControlStack::new(),
        // (Room for the blocks of most functions from the start.)
        labels: Vec::with_capacity(32),
        // (About one op per two bytes of code: room for most functions'
        // ops from the start, instead of growing through every power of
        // two.)
        ops: Vec::with_capacity(body_len / 2 + 8),
        v128_consts: Vec::new(),
        shuffles: Vec::new(),
        mem_accesses: Vec::new(),
        catches: Vec::new(),
        caught_labels: Vec::new(),
        fuse_floor: 0,
        fuel: FuelMeter::new(fuel),
        func_results: ty.results().len(),
        v128_result: ty.results().first() == Some(&ValType::V128),
        v128_locals,
        tier_up: tier_up.is_some(),
        epoch,
        relaxed_simd_deterministic,
        offset: module.body_offset(def_index).unwrap_or(0),
        assigned: std::array::from_fn(|word| {
            let params = (num_params as usize).saturating_sub(word * 64).min(64);
            if params == 64 { u64::MAX } else { (1u64 << params) - 1 }
        }),
        unassigned_reads: None,
        op_offsets: Vec::with_capacity(body_len / 2 + 8),
    };
    let results = ty.results().len();
    let label = t.new_label();
    t.ctrls.push(Ctrl::new(
        ControlKind::Func,
        0,
        0,
        results,
        Labels {
            label,
            else_label: None,
            tier_up: None,
            osr_target: NO_LOOP,
            try_table: None,
            assigned_in: None,
            if_entry: None,
        },
    ));
    if t.tier_up {
        t.emit(Op::TierUp {
            weight: 1,
            at: FUNC_ENTRY,
            target: NO_LOOP,
        });
    }
    if t.epoch {
        t.emit(Op::Epoch);
    }
    t.start_fuel_block();
    let mut reader = body.get_operators_reader().map_err(internal)?;
    while !t.ctrls.is_empty() {
        t.offset = u32::try_from(reader.original_position()).unwrap_or(NO_LOOP);
        let op = reader.read().map_err(internal)?;
        if t.ctrls.is_unreachable() {
            t.skip(&op)?;
        } else {
            t.fuel.charge(&op);
            t.translate(&op)?;
        }
    }
    t.finish_fuel_block();
    // A clause that targets the function's label returns: its values go to
    // the result slots and it continues at a `Return`.
    let return_pad = t.catches.iter().any(|c| c.label.is_none()).then(|| t.emit(Op::Return));
    let mut catches = Vec::with_capacity(t.catches.len());
    for c in &t.catches {
        let target = match c.label {
            None => return_pad.expect("emitted above"),
            Some(l) => match t.labels[l] {
                Label::Resolved(at) => at,
                Label::Pending(_) => return Err(CompileError::Internal("a catch target was never bound".into())),
            },
        };
        catches.push(Catch {
            start: c.start as u32,
            end: c.end as u32,
            tag: c.tag,
            with_ref: c.with_ref,
            base: c.base,
            target: target as u32,
        });
    }
    t.op_offsets.truncate(t.ops.len());
    thread_jumps(&mut t.ops, &mut t.op_offsets);
    let covered = pair_ops(&mut t.ops);
    acc_operands(&mut t.ops, &catches, &covered, t.stack_base);
    if t.ops.len() >= 1 << 27 {
        return Err(limit("more than 2^27 instructions"));
    }
    for op in &mut t.ops {
        op.make_handler_units();
    }
    for access in &mut t.mem_accesses {
        if let MemAccessKind::LoadLane { vec, .. } = &mut access.kind {
            *vec *= 2;
        }
    }
    // The cells zeroed on entry end after the last local.
    let local_cells = if near_locals < num_locals as usize {
        num_locals as usize + SCRATCH
    } else {
        num_locals as usize
    };
    // A narrow frame's call zeroes only the declared locals that a read may
    // find unwritten (none, in most compiled code): the others are written
    // on every way to every read of them, and nothing else reads a cell
    // the function's ops do not.
    let params = num_params as usize;
    let (zero_start, local_cells) = match t.unassigned_reads {
        _ if frame != Frame::Narrow || ref_locals => (params, local_cells),
        None => (params, params),
        Some((first, last)) => (first.max(params), (last + 1).max(params)),
    };
    let max_slots = (t.stack_base + t.max_height).max(num_params as usize).max(results);
    if frame == Frame::Narrow && (t.too_narrow || max_slots > MAX_SLOTS) {
        return Ok(None);
    }
    let max_slots = u32::try_from(max_slots).map_err(|_| limit("frame needs more than 2^32 cells"))?;
    Ok(Some(FuncCode {
        offsets: t.op_offsets.into_boxed_slice(),
        ops: t.ops.into_boxed_slice(),
        func_index,
        budget: std::sync::atomic::AtomicI32::new(tier_up.map_or(i32::MAX, |b| b.min(i32::MAX as u32) as i32)),
        calls: std::sync::atomic::AtomicU32::new(0),
        armed: std::sync::atomic::AtomicU32::new(NO_LOOP),
        num_params: num_params as u32,
        zero_start: zero_start.min(local_cells) as u32,
        local_cells: local_cells as u32,
        num_results: results as u32,
        max_slots,
        v128_consts: t.v128_consts.into_boxed_slice(),
        shuffles: t.shuffles.into_boxed_slice(),
        mem_accesses: t.mem_accesses.into_boxed_slice(),
        catches: catches.into_boxed_slice(),
    }))
}

/// How many ops the liveness scan looks at ([`dead_after_chained`]) for a
/// fused op's first result and for a single op's: a single op's result is
/// a temporary the next few ops overwrite, or kept (fewer ops, as more
/// singles than fused ops ask; translation time counts at start-up).
const PAIR_SCAN: u32 = 40;
const SINGLE_SCAN: u32 = 16;

/// Common pairs of adjacent ops run in one dispatch: the first op of a
/// pair becomes the pair op ([`Op::pair_with`]), which runs the second
/// too and goes on after it; the second stays in place, so a branch to it
/// runs it alone. Each op is in at most one pair (the first found, from
/// the start). Runs last: no op moves after it.
fn pair_ops(ops: &mut [Op]) -> Vec<bool> {
    // Which ops run as part of the fused op before them.
    let mut covered = vec![false; ops.len()];
    let mut i = 0;
    while i + 1 < ops.len() {
        let (head, tail) = ops.split_at_mut(i + 1);
        let first = head[i];
        let Some(pair) = head[i].pair_with(&mut tail[0]) else {
            i += 1;
            continue;
        };
        // Where no op reads the first op's result from its cell, a pair
        // that can leaves it in the register alone.
        let forwarded = pair.forwarded();
        let dead = (forwarded.is_some() || pair.drops_first_result())
            && first
                .dst()
                .is_some_and(|d| dead_after_chained(ops, i + 1, d, PAIR_SCAN));
        if pair.drops_first_result() && !dead {
            i += 1;
            continue;
        }
        ops[i] = forwarded.filter(|_| dead).unwrap_or(pair);
        covered[i + 1] = true;
        i += 2;
    }
    // Then an op that no fused op runs, before a pair; and a pair before
    // a pair. The fused op's handler runs the pair after it in its plain
    // form (`Op::unforwarded`), which the pair keeps in place.
    for i in 0..ops.len().saturating_sub(1) {
        // (Only these ops start a triple or a quad.)
        if covered[i] || !matches!(ops[i], Op::F64Load { .. } | Op::I32ShrUImmThenI32AndImm { .. }) {
            continue;
        }
        let mut next = ops[i + 1].unforwarded();
        if let Some(triple) = ops[i].triple_with(&mut next) {
            ops[i + 1] = next;
            // The load's result, which the pair takes, and the pair's sum,
            // which its store takes.
            let dead = |ops: &[Op]| {
                let (Some(load), Op::F64AddThenF64Store { dst: sum, .. }) = (ops[i].dst(), ops[i + 1]) else {
                    return false;
                };
                dead_after_chained(ops, i + 1, load, PAIR_SCAN) && dead_after_chained(ops, i + 2, sum, PAIR_SCAN)
            };
            ops[i] = triple.forwarded().filter(|_| dead(ops)).unwrap_or(triple);
            covered[i + 1] = true;
        } else if covered[i + 1] && i + 2 < ops.len() && !covered[i + 2] {
            let (second, old) = (ops[i + 1], ops[i + 2]);
            let mut next = old.unforwarded();
            if let Some(quad) = ops[i].quad_with(&second, &mut next) {
                ops[i + 2] = next;
                if second
                    .dst()
                    .is_some_and(|d| dead_after_chained(ops, i + 2, d, PAIR_SCAN))
                {
                    ops[i] = quad;
                    covered[i + 2] = true;
                } else {
                    ops[i + 2] = old;
                }
            }
        }
    }
    covered
}

/// Operands from the previous op's result: an op that reads the value the
/// handlers' `acc` register holds when it starts takes it from there
/// instead of from its cell ([`Op::with_acc`]). Which slot `acc` holds is
/// found forward over the ops and every branch and catch clause into them:
/// an op that writes a scalar result leaves that slot
/// ([`Op::acc_result`]), a branch that only compares and a store to memory
/// leave `acc` as it was, a loop step (`BrI32AddLtU` and its forms) leaves
/// its counter, and anything else leaves it unknown; where ways in
/// disagree (at a branch target, a loop header), it is unknown. A float
/// result in `facc` is taken only by the op right after it, where no
/// branch lands. Results are still written to their cells, so nothing else
/// changes. Runs after [`pair_ops`]: a pair runs its second op last, so
/// the op after a pair follows that op, as in the list; an op a fused op
/// runs (`covered`) keeps its form, the one the fused op's handler reads,
/// and a fused op leaves `acc` unknown to the op it covers.
fn acc_operands(ops: &mut [Op], catches: &[Catch], covered: &[bool], first_temp: usize) {
    // What `acc` holds when an op starts: the current value of a slot (the
    // slot's number), or one of these.
    /// No way in seen yet.
    const UNREACHED: u32 = u32::MAX;
    const UNKNOWN: u32 = u32::MAX - 1;
    /// Of an op that is not a branch.
    const NO_TARGET: u32 = u32::MAX;
    fn meet(a: u32, b: u32) -> u32 {
        if a == UNREACHED || a == b {
            b
        } else if b == UNREACHED {
            a
        } else {
            UNKNOWN
        }
    }
    /// What `acc` holds after `op` ran: `UNREACHED` for what it held
    /// before.
    fn after(op: &Op) -> u32 {
        match *op {
            Op::BrI32AddLtU { lhs, .. } | Op::BrI32AddImmLtU { lhs, .. } | Op::BrI32AddImmLtUImm { lhs, .. } => {
                u32::from(lhs)
            }
            Op::Fuel { .. }
            | Op::I32Store { .. }
            | Op::I64Store { .. }
            | Op::F64Store { .. }
            | Op::I32Store8 { .. }
            | Op::I32Store16 { .. }
            | Op::I64Store8 { .. }
            | Op::I64Store16 { .. }
            | Op::I64Store32 { .. }
            | Op::I32StoreAbs { .. }
            | Op::I64StoreAbs { .. }
            | Op::F64StoreAbs { .. }
            | Op::I32StoreImm { .. }
            | Op::I32Store8Imm { .. }
            | Op::I64StoreImm { .. } => UNREACHED,
            // Compare-and-branch ops read slots and move `ip` only (the
            // three that step a counter are above).
            _ if op.is_branch() => UNREACHED,
            _ => match op.acc_result() {
                Some((slot, false)) => u32::from(slot),
                _ => UNKNOWN,
            },
        }
    }
    /// Per op: what `acc` holds when it starts, what it leaves there
    /// (`UNREACHED`: what it found), its branch target and whether a
    /// branch or catch clause lands on it, worked out once for every pass.
    #[derive(Clone, Copy)]
    struct Flow {
        entry: u32,
        transfer: u32,
        target: u32,
        landed: bool,
    }
    let n = ops.len();
    let mut flow: Vec<Flow> = ops
        .iter()
        .enumerate()
        .map(|(i, op)| Flow {
            entry: if i == 0 { UNKNOWN } else { UNREACHED },
            transfer: if i + 1 < n && covered[i + 1] {
                UNKNOWN
            } else {
                after(op)
            },
            target: op
                .off()
                .and_then(|off| u32::try_from(i as i64 + i64::from(off)).ok())
                .filter(|&t| (t as usize) < n)
                .unwrap_or(NO_TARGET),
            landed: false,
        })
        .collect();
    for i in 0..n {
        let t = flow[i].target as usize;
        if t < n {
            flow[t].landed = true;
        }
    }
    for c in catches {
        if let Some(f) = flow.get_mut(c.target as usize) {
            f.entry = UNKNOWN;
            f.landed = true;
        }
    }
    // Forward to a fixed point. Every op is taken to fall through as well
    // as branch: an extra way in can only make `acc` unknown. A pass sees
    // every change to an op after the one it is at; a backward branch that
    // changes what its target found (a loop header) starts the next pass
    // there, not at the first op.
    let mut start = 0;
    while start < n {
        let mut again = n;
        for i in start..n {
            let Flow {
                entry,
                transfer,
                target,
                ..
            } = flow[i];
            if entry == UNREACHED {
                continue;
            }
            let out = if transfer == UNREACHED { entry } else { transfer };
            if let Some(next) = flow.get_mut(i + 1) {
                next.entry = meet(next.entry, out);
            }
            let t = target as usize;
            if t < n {
                let m = meet(flow[t].entry, out);
                if m != flow[t].entry {
                    flow[t].entry = m;
                    if t <= i {
                        again = again.min(t);
                    }
                }
            }
        }
        start = again;
    }
    for i in 1..n {
        if covered[i] {
            continue;
        }
        let previous = ops[i - 1].acc_result();
        let (op, from) = match previous {
            Some((slot, true)) if !flow[i].landed => (ops[i].with_acc(slot, true), Some((slot, true))),
            _ if flow[i].entry <= u32::from(Slot::MAX) => {
                let slot = flow[i].entry as Slot;
                (ops[i].with_acc(slot, false), Some((slot, false)))
            }
            _ => (None, None),
        };
        if let Some(op) = op {
            ops[i] = op;
            // The previous op's own result, taken from the register: where
            // no op reads its cell again, the previous op need not write it
            // (its forwarded form). Only for a temporary (a stack cell; a
            // local is rarely dead, and the scan costs translation time).
            // A fused op's later ops (covered) keep the plain form its
            // handler reads.
            if let Some((slot, _)) = from.filter(|&f| Some(f) == previous)
                && usize::from(slot) >= first_temp
                && !covered[i - 1]
                && let Some(forwarded) = ops[i - 1].forwarded()
                && dead_after_chained(ops, i, slot, SINGLE_SCAN)
            {
                ops[i - 1] = forwarded;
            }
        }
    }
}

/// Jump threading: a branch to an unconditional `Br` goes to its target
/// directly, and a `Br` to a return or trap becomes that op. (A `Fuel` op
/// is never skipped: it is not a `Br`.) A `Br` that becomes a trap takes
/// the trap's offset in the binary (`offsets`, one per op) too.
fn thread_jumps(ops: &mut [Op], offsets: &mut [u32]) {
    let final_target = |ops: &[Op], mut t: usize| {
        // Bounded: `loop br 0 end` branches to itself.
        for _ in 0..8 {
            match ops.get(t) {
                Some(Op::Br { off }) => t = (t as i64 + *off as i64) as usize,
                _ => break,
            }
        }
        t
    };
    for i in 0..ops.len() {
        let mut op = ops[i];
        let Some(off) = op.off_mut().map(|o| *o) else {
            continue;
        };
        let t = final_target(ops, (i as i64 + off as i64) as usize);
        let returns = matches!(
            ops.get(t),
            Some(Op::Return | Op::ReturnSlot { .. } | Op::ReturnSlot64 { .. } | Op::Trap { .. })
        );
        if matches!(ops[i], Op::Br { .. }) && returns {
            ops[i] = ops[t];
            if let Some(&at) = offsets.get(t)
                && let Some(o) = offsets.get_mut(i)
            {
                *o = at;
            }
        } else if let Some(o) = ops[i].off_mut() {
            *o = (t as i64 - i as i64) as i32;
        }
    }
}

/// The cells ops can name directly.
const MAX_SLOTS: usize = crate::ir::DIRECT_CELLS;

struct Translator<'a> {
    module: &'a ModuleInfo,
    /// Locals `0..near_locals` are in cells of the same index, which ops
    /// name directly; the others (far locals, in wide frames only) are in
    /// the cells after the scratch slots (`local + SCRATCH`), reached by
    /// `CopySpan`. The scratch slots start at cell `near_locals`.
    near_locals: usize,
    /// The cell of operand-stack position 0 (after the locals and, in a
    /// wide frame, the scratch slots).
    stack_base: usize,
    /// Cells below this are `Slot`s; positions at or beyond it are reached
    /// through scratch slots (wide frames only).
    direct_end: usize,
    /// Whether the frame has scratch slots ([`Frame::Wide`]).
    wide: bool,
    /// A narrow translation needed a cell beyond the `Slot` range: its
    /// result is discarded and the function translated wide.
    too_narrow: bool,
    /// The next scratch slot to hand out (modulo `SCRATCH - 1`).
    next_scratch: usize,
    /// A result written to a scratch slot, to copy to its cell right after
    /// the op that writes it: `(cell, scratch)`.
    pending_store: Option<(u32, Slot)>,
    stack: Vec<Operand>,
    max_height: usize,
    ctrls: ControlStack<Labels>,
    labels: Vec<Label>,
    ops: Vec<Op>,
    v128_consts: Vec<u128>,
    shuffles: Vec<[u8; 16]>,
    /// The side table of `LoadMem`/`StoreMem` (memories other than 0).
    mem_accesses: Vec<MemAccess>,
    /// The catch clauses of the `try_table`s translated so far, innermost
    /// first ([`FuncCode::catches`]).
    catches: Vec<PendingCatch>,
    /// Labels that catch clauses target (live even with no branch to them).
    caught_labels: Vec<usize>,
    /// Ops before this index may not be rewritten by peepholes (a label
    /// was bound after them, so another path may reach what follows).
    fuse_floor: usize,
    /// The open fuel block: the index of its `Fuel` op.
    fuel: FuelMeter<usize>,
    /// Number of results of the function.
    func_results: usize,
    /// Whether the first result is a `v128`.
    v128_result: bool,
    /// Whether each local is a `v128` (others copy one word).
    v128_locals: Vec<bool>,
    /// Whether to emit `TierUp` ops.
    tier_up: bool,
    /// Emit `Epoch` ops (`Options::epoch`).
    epoch: bool,
    /// The relaxed SIMD mode (`Config::relaxed_simd_deterministic`).
    relaxed_simd_deterministic: bool,
    /// The byte offset of the operator being translated.
    offset: u32,
    /// The locals written on every way to the operator being translated
    /// (parameters from the start), of the first [`ASSIGNED_LOCALS`].
    assigned: Assigned,
    /// The declared locals a read may find unwritten, which a call must
    /// zero: `(first, last)`, or `None`.
    unassigned_reads: Option<(usize, usize)>,
    /// The offset of each op's operator ([`FuncCode::offsets`]); entries
    /// past the end of `ops` (ops a peephole removed) are dropped on the
    /// next emit.
    op_offsets: Vec<u32>,
}

impl Translator<'_> {
    // ---- operand stack ------------------------------------------------------

    /// The home cell of stack position `pos` (32-bit: in a wide frame it
    /// may be beyond the `Slot` range).
    fn home(&self, pos: usize) -> u32 {
        (self.stack_base + pos) as u32
    }

    /// The home cell of `pos` as a `Slot`, if ops can name it directly.
    fn direct(&self, pos: usize) -> Option<Slot> {
        let cell = self.stack_base + pos;
        (cell < self.direct_end).then_some(cell as Slot)
    }

    /// A scratch slot for one op's operand or result.
    fn scratch(&mut self) -> Slot {
        if !self.wide {
            self.too_narrow = true;
            return 0;
        }
        let s = self.near_locals + self.next_scratch % (SCRATCH - 1);
        self.next_scratch += 1;
        s as Slot
    }

    /// The scratch slot that carries constants to wide cells.
    fn const_scratch(&mut self) -> Slot {
        if !self.wide {
            self.too_narrow = true;
            return 0;
        }
        (self.near_locals + SCRATCH - 1) as Slot
    }

    /// A slot holding the value of materialized position `pos`: its home,
    /// or a scratch slot it is copied to first.
    fn read_slot(&mut self, pos: usize) -> Slot {
        if let Some(slot) = self.direct(pos) {
            return slot;
        }
        debug_assert!(
            self.pending_store.is_none(),
            "an operand read after its op's result slot"
        );
        let s = self.scratch();
        self.push_op(Op::CopySpan {
            dst: u32::from(s),
            src: self.home(pos),
            len: 1,
        });
        s
    }

    /// The slot the next op writes position `pos`'s value to: its home, or
    /// a scratch slot that [`emit`](Self::emit) copies to the home cell
    /// right after that op. Call it after the op's operands are read.
    fn write_slot(&mut self, pos: usize) -> Slot {
        if let Some(slot) = self.direct(pos) {
            return slot;
        }
        let s = self.scratch();
        self.pending_store = Some((self.home(pos), s));
        s
    }

    /// A copy of one cell (a `Copy` when ops can name both directly).
    fn copy_cell(&mut self, dst: u32, src: u32) {
        if dst == src {
            return;
        }
        let end = self.direct_end as u32;
        if dst < end && src < end {
            self.emit(Op::Copy {
                dst: dst as Slot,
                src: src as Slot,
            });
        } else {
            self.emit(Op::CopySpan { dst, src, len: 1 });
        }
    }

    /// Writes the value of `local` to the home cell of position `pos`.
    fn store_local(&mut self, pos: usize, local: Slot) {
        match self.direct(pos) {
            Some(dst) => {
                self.emit(self.copy_local(dst, local));
            }
            None => {
                self.emit(Op::CopySpan {
                    dst: self.home(pos),
                    src: u32::from(local),
                    len: 1,
                });
            }
        }
    }

    /// Writes a constant to the home cell of position `pos`.
    fn store_const(&mut self, pos: usize, value: u64) {
        match self.direct(pos) {
            Some(dst) => {
                self.emit(Op::Const { dst, value });
            }
            None => {
                let s = self.const_scratch();
                self.emit(Op::Const { dst: s, value });
                self.emit(Op::CopySpan {
                    dst: self.home(pos),
                    src: u32::from(s),
                    len: 1,
                });
            }
        }
    }

    fn push(&mut self, v: Operand) {
        self.stack.push(v);
        self.max_height = self.max_height.max(self.stack.len());
    }

    /// Pushes a materialized result and returns the slot the next op
    /// writes it to ([`write_slot`](Self::write_slot)).
    fn push_slot(&mut self) -> Slot {
        self.push(Operand::Stack);
        self.write_slot(self.stack.len() - 1)
    }

    fn pop(&mut self) -> Operand {
        // Validation guarantees the operand exists.
        self.stack.pop().unwrap_or(Operand::Stack)
    }

    /// Pops an operand and returns a slot holding its value (a constant is
    /// written to its home slot first).
    fn pop_slot(&mut self) -> Slot {
        let pos = self.stack.len().saturating_sub(1);
        let v = self.pop();
        self.slot_of(v, pos)
    }

    fn slot_of(&mut self, v: Operand, pos: usize) -> Slot {
        match v {
            Operand::Stack => self.read_slot(pos),
            Operand::Local(l) => l,
            Operand::Const(value) => {
                debug_assert!(
                    self.pending_store.is_none(),
                    "an operand read after its op's result slot"
                );
                let dst = match self.direct(pos) {
                    Some(dst) => dst,
                    None => self.scratch(),
                };
                self.push_op(Op::Const { dst, value });
                dst
            }
        }
    }

    /// A copy of local `src` (sized by its type) to `dst`.
    fn copy_local(&self, dst: Slot, src: Slot) -> Op {
        match self.v128_locals.get(src as usize) {
            Some(true) => Op::CopyV128 { dst, src },
            Some(false) => Op::Copy64 { dst, src },
            None => Op::Copy { dst, src },
        }
    }

    /// Writes the entry at `pos` to its home slot.
    fn materialize(&mut self, pos: usize) {
        match self.stack[pos] {
            Operand::Stack => return,
            Operand::Local(src) => self.store_local(pos, src),
            Operand::Const(value) => self.store_const(pos, value),
        }
        self.stack[pos] = Operand::Stack;
    }

    /// Materializes the entries at positions `from..`.
    fn materialize_from(&mut self, from: usize) {
        for pos in from..self.stack.len() {
            self.materialize(pos);
        }
    }

    /// Materializes every pending reference to `local`.
    fn materialize_local(&mut self, local: Slot) {
        for pos in 0..self.stack.len() {
            if self.stack[pos] == Operand::Local(local) {
                self.materialize(pos);
            }
        }
    }

    /// Materializes every pending local reference.
    fn materialize_locals(&mut self) {
        for pos in 0..self.stack.len() {
            if matches!(self.stack[pos], Operand::Local(_)) {
                self.materialize(pos);
            }
        }
    }

    // ---- code and labels ----------------------------------------------------

    /// Appends `op` and returns its index; a result it writes to a scratch
    /// slot ([`write_slot`](Self::write_slot)) is copied to its cell next.
    fn emit(&mut self, op: Op) -> usize {
        // A copy back of what the previous op just copied changes nothing
        // (`a = b; b = a`, as loops shuffle their variables).
        if let Op::Copy64 { dst, src } = op
            && self.pending_store.is_none()
            && let Some(&mut Op::Copy64 {
                dst: last_dst,
                src: last_src,
            }) = self.last_fusable()
            && (last_dst, last_src) == (src, dst)
        {
            return self.ops.len() - 1;
        }
        // Two copies in a row run as one op.
        if let Op::Copy64 { dst: dst2, src: src2 } = op
            && self.pending_store.is_none()
            && let Some(last) = self.last_fusable()
            && let Op::Copy64 { dst, src } = *last
        {
            *last = Op::Copy64x2 { dst, src, dst2, src2 };
            return self.ops.len() - 1;
        }
        let at = self.push_op(op);
        if let Some((cell, s)) = self.pending_store.take() {
            self.push_op(Op::CopySpan {
                dst: cell,
                src: u32::from(s),
                len: 1,
            });
        }
        at
    }

    /// Appends `op` with the offset of the operator being translated
    /// (`FuncCode::offsets`; ops that peepholes removed drop theirs here).
    fn push_op(&mut self, op: Op) -> usize {
        self.op_offsets.truncate(self.ops.len());
        self.op_offsets.push(self.offset);
        self.ops.push(op);
        self.ops.len() - 1
    }

    /// Emits two ops that together compute one result: a result bound for
    /// a wide cell ([`write_slot`](Self::write_slot)) is copied there after
    /// the second.
    fn emit_pair(&mut self, first: Op, second: Op) {
        let pending = self.pending_store.take();
        self.push_op(first);
        self.pending_store = pending;
        self.emit(second);
    }

    /// The last op, if a peephole may rewrite it.
    fn last_fusable(&mut self) -> Option<&mut Op> {
        if self.ops.len() > self.fuse_floor {
            self.ops.last_mut()
        } else {
            None
        }
    }

    fn new_label(&mut self) -> usize {
        self.labels.push(Label::Pending(NO_SITE));
        self.labels.len() - 1
    }

    fn new_label_here(&mut self) -> usize {
        self.fuse_floor = self.ops.len();
        self.labels.push(Label::Resolved(self.ops.len()));
        self.labels.len() - 1
    }

    fn bind_label(&mut self, label: usize) {
        let here = self.ops.len();
        self.fuse_floor = here;
        let old = std::mem::replace(&mut self.labels[label], Label::Resolved(here));
        if let Label::Pending(mut site) = old {
            while site != NO_SITE {
                let at = site as usize;
                let Some(off) = self.ops[at].off_mut() else { break };
                site = *off;
                *off = (here as i64 - at as i64) as i32;
            }
        }
    }

    fn label_used(&self, label: usize) -> bool {
        match &self.labels[label] {
            Label::Resolved(_) => true,
            Label::Pending(last) => *last != NO_SITE || self.caught_labels.contains(&label),
        }
    }

    /// Emits a branch op (its `off` is patched here or when the label binds).
    fn emit_branch(&mut self, op: Op, label: usize) {
        let site = self.emit(op);
        match self.labels[label] {
            Label::Resolved(target) => {
                if let Some(off) = self.ops[site].off_mut() {
                    *off = (target as i64 - site as i64) as i32;
                }
            }
            Label::Pending(last) => {
                if let Some(off) = self.ops[site].off_mut() {
                    *off = last;
                    self.labels[label] = Label::Pending(site as i32);
                }
            }
        }
    }

    // ---- fuel ---------------------------------------------------------------

    /// Starts a fuel block here: a `Fuel` op, patched when it ends.
    fn start_fuel_block(&mut self) {
        if self.fuel.is_enabled() {
            self.finish_fuel_block();
            let site = self.emit(Op::Fuel { cost: 0 });
            self.fuel.start(site);
        }
    }

    /// Patches the open fuel block's cost into its `Fuel` op.
    fn finish_fuel_block(&mut self) {
        if let Some(block) = self.fuel.finish()
            && let Some(Op::Fuel { cost }) = self.ops.get_mut(block.site)
        {
            *cost = u32::try_from(block.cost).unwrap_or(u32::MAX);
        }
    }

    // ---- dispatch -----------------------------------------------------------

    /// Skips an operator of dead code, up to the frame's `else` or `end`.
    fn skip(&mut self, op: &Operator<'_>) -> Result<()> {
        match self.ctrls.skip(op) {
            DeadOp::End => self.end(),
            DeadOp::Else => self.else_(),
            DeadOp::Open | DeadOp::Close | DeadOp::Other => Ok(()),
        }
    }

    fn translate(&mut self, op: &Operator<'_>) -> Result<()> {
        use Operator as O;
        match *op {
            O::Nop => {}
            O::Unreachable => {
                self.emit(Op::Trap {
                    code: concord_core::TrapCode::Unreachable,
                });
                self.ctrls.set_unreachable();
            }
            O::Block { blockty } => self.block(blockty, ControlKind::Block)?,
            O::Loop { blockty } => self.block(blockty, ControlKind::Loop)?,
            O::If { blockty } => self.if_(blockty)?,
            O::Else => self.else_()?,
            O::End => self.end()?,
            O::Br { relative_depth } => {
                self.br(relative_depth);
                self.ctrls.set_unreachable();
            }
            O::BrIf { relative_depth } => self.br_if(relative_depth),
            O::BrTable { ref targets } => self.br_table(targets)?,
            O::Return => {
                self.return_();
                self.ctrls.set_unreachable();
            }
            O::Call { function_index } => self.call(function_index, false),
            O::CallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index, false)?,
            O::ReturnCall { function_index } => self.call(function_index, true),
            O::CallRef { type_index } => self.call_func_ref(type_index, false),
            O::ReturnCallRef { type_index } => self.call_func_ref(type_index, true),
            O::RefAsNonNull => self.ref_as_non_null(),
            O::BrOnNull { relative_depth } => self.br_on_null(relative_depth, true),
            O::BrOnNonNull { relative_depth } => self.br_on_null(relative_depth, false),
            O::ReturnCallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(type_index, table_index, true)?,
            O::TryTable { ref try_table } => self.try_table(try_table)?,
            O::Throw { tag_index } => self.throw(tag_index),
            O::ThrowRef => self.throw_ref(),
            O::Drop => {
                self.pop();
            }
            O::Select | O::TypedSelect { .. } => self.select(),
            O::LocalGet { local_index } if (local_index as usize) < self.near_locals => {
                self.read_local(local_index as usize);
                self.push(Operand::Local(local_index as Slot))
            }
            O::LocalSet { local_index } if (local_index as usize) < self.near_locals => {
                self.assign_local(local_index as usize);
                self.local_set(local_index as Slot, false)
            }
            O::LocalTee { local_index } if (local_index as usize) < self.near_locals => {
                self.assign_local(local_index as usize);
                self.local_set(local_index as Slot, true)
            }
            O::LocalGet { local_index } => {
                self.push(Operand::Stack);
                let pos = self.stack.len() - 1;
                self.emit(Op::CopySpan {
                    dst: self.home(pos),
                    src: local_index + SCRATCH as u32,
                    len: 1,
                });
            }
            O::LocalSet { local_index } => self.far_local_set(local_index + SCRATCH as u32, false),
            O::LocalTee { local_index } => self.far_local_set(local_index + SCRATCH as u32, true),
            O::I32Const { value } => self.push(Operand::Const(value as u32 as u64)),
            O::I64Const { value } => self.push(Operand::Const(value as u64)),
            O::F32Const { value } => self.push(Operand::Const(value.bits() as u64)),
            O::F64Const { value } => self.push(Operand::Const(value.bits())),
            O::RefNull { .. } => self.push(Operand::Const(0)),
            // Reinterpretations keep the bits: nothing to do.
            O::I32ReinterpretF32 | O::F32ReinterpretI32 | O::I64ReinterpretF64 | O::F64ReinterpretI64 => {}
            // An `i32` is stored zero-extended (the `RawVal` encoding), so
            // it already is its `i64.extend_i32_u`.
            O::I64ExtendI32U => {}
            _ => {
                if self.memory_op(op)? || self.numeric_op(op) {
                    return Ok(());
                }
                if let Some(instr) = crate::simd::classify(op) {
                    return self.simd_op(instr);
                }
                if let Some(instr) = crate::simd::classify_relaxed(op, self.relaxed_simd_deterministic) {
                    return self.simd_op(instr);
                }
                return Err(unsupported(format!("operator {op:?}")));
            }
        }
        Ok(())
    }

    /// `local.set` / `local.tee`.
    /// A read of `local`: unless every way here wrote it, a call zeroes it.
    fn read_local(&mut self, local: usize) {
        let assigned = local < ASSIGNED_LOCALS && self.assigned[local / 64] & 1 << (local % 64) != 0;
        if !assigned {
            let (first, last) = self.unassigned_reads.unwrap_or((local, local));
            self.unassigned_reads = Some((first.min(local), last.max(local)));
        }
    }

    fn assign_local(&mut self, local: usize) {
        if local < ASSIGNED_LOCALS {
            self.assigned[local / 64] |= 1 << (local % 64);
        }
    }

    /// A branch to the frame `depth` out: the locals assigned here reach
    /// its end (a loop's header has those of its entry, which every way
    /// around the loop keeps; the function's end is a return).
    fn note_branch(&mut self, depth: u32) {
        let assigned = self.assigned;
        if let Some(ctrl) = self.ctrls.frame_mut(depth)
            && !matches!(ctrl.kind, ControlKind::Loop | ControlKind::Func)
        {
            meet_assigned(&mut ctrl.data.assigned_in, assigned);
        }
    }

    fn local_set(&mut self, local: Slot, tee: bool) {
        let pos = self.stack.len().saturating_sub(1);
        let v = self.pop();
        let pending = self.stack.contains(&Operand::Local(local));
        if pending {
            self.materialize_local(local);
        }
        match v {
            Operand::Local(src) if src == local => {}
            Operand::Local(src) => {
                self.emit(self.copy_local(local, src));
            }
            Operand::Const(value) => {
                self.emit(Op::Const { dst: local, value });
            }
            Operand::Stack => {
                let Some(home) = self.direct(pos) else {
                    self.copy_cell(u32::from(local), self.home(pos));
                    if tee {
                        self.push(Operand::Local(local));
                    }
                    return;
                };
                // Peephole: let the op that produced the value write the
                // local directly (only if no copy was emitted after it).
                let retargeted = !pending
                    && match self.last_fusable().and_then(Op::dst_mut) {
                        Some(dst) if *dst == home => {
                            *dst = local;
                            true
                        }
                        _ => false,
                    };
                if !retargeted {
                    // The value has the local's type.
                    let copy = match self.copy_local(local, local) {
                        Op::Copy64 { .. } => Op::Copy64 { dst: local, src: home },
                        Op::CopyV128 { .. } => Op::CopyV128 { dst: local, src: home },
                        _ => Op::Copy { dst: local, src: home },
                    };
                    self.emit(copy);
                }
            }
        }
        if tee {
            self.push(Operand::Local(local));
        }
    }

    /// `local.set` / `local.tee` of a far local, in `cell` (never left
    /// pending on the stack: `local.get` copies it at once).
    fn far_local_set(&mut self, cell: u32, tee: bool) {
        let pos = self.stack.len().saturating_sub(1);
        let v = self.pop();
        let src = match v {
            Operand::Local(src) => u32::from(src),
            Operand::Const(value) => {
                let s = self.const_scratch();
                self.emit(Op::Const { dst: s, value });
                u32::from(s)
            }
            Operand::Stack => self.home(pos),
        };
        self.emit(Op::CopySpan { dst: cell, src, len: 1 });
        if tee {
            self.push(v);
        }
    }

    fn select(&mut self) {
        let cond = self.pop_slot();
        let b = self.pop_slot();
        let pos = self.stack.len().saturating_sub(1);
        let a = self.pop_slot();
        let dst = self.write_slot(pos);
        self.push(Operand::Stack);
        self.emit(Op::Select { dst, cond, a, b });
    }
}

#[cfg(test)]
mod tests;
