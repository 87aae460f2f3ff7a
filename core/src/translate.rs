//! The translation scaffolding every tier shares: the fuel rule, control
//! frames, block signatures and the skipping of unreachable code.
//!
//! A tier translates a validated function body in one pass over its
//! operators. What must come out the same on every tier lives here, so that
//! the tiers cannot drift apart; a tier keeps only how it emits code.
//!
//! # The fuel rule
//!
//! With [`Config::consume_fuel`](crate::Config::consume_fuel), each *fuel
//! block* charges its cost before it runs ([`Backend`](crate::backend::Backend)
//! states the obligation). So that every tier consumes the same fuel for the
//! same run, every tier follows these rules exactly:
//!
//! - the cost of an operator is one unit, except `nop`, `drop`, `block`,
//!   `loop`, `try_table`, `unreachable`, `return`, `else` and `end`, which
//!   are free ([`fuel_cost`]);
//! - a fuel block starts at function entry, at each `loop` header (after
//!   the `loop` operator), at the first operator of each `if` and `else`
//!   arm, and after each `end` whose continuation is reachable (a
//!   `try_table`'s `end` like a `block`'s; a catch clause's label makes the
//!   `end` of its target reachable, as a branch does); it runs to the next
//!   such point. Branches, calls, throws and traps inside it do not end it
//!   (a block left early by a branch or an exception has still paid for all
//!   of it);
//! - operators in unreachable code (after `unreachable`, `br`, `br_table`
//!   or `return`, up to the end of their block) cost nothing.
//!
//! A tier keeps a [`FuelMeter`]: it emits a charge where a block starts
//! (with a placeholder cost) and calls [`FuelMeter::start`] with where that
//! charge is, passes every live operator to [`FuelMeter::charge`], and
//! patches the charge of the block that [`FuelMeter::finish`] hands back.
//!
//! # Control frames and unreachable code
//!
//! The function body and every `block`, `loop` and `if` push a
//! [`ControlFrame`] on a [`ControlStack`]; the frame carries what every tier
//! needs (kind, operand-stack height, arity, whether its code is reachable)
//! and a payload of the tier's own (labels, continuation blocks, ...).
//! [`block_signature`] resolves a block type to its parameter and result
//! types.
//!
//! After `unreachable`, `br`, `br_table` and `return`, the tier calls
//! [`ControlStack::set_unreachable`]; while [`ControlStack::is_unreachable`],
//! it hands each operator to [`ControlStack::skip`] instead of translating
//! it, which tracks the blocks nested in the dead code and says when the
//! dead region ends at the frame's own `else` or `end` ([`DeadOp`]).

use crate::module::ModuleInfo;
use crate::types::ValType;
use wasmparser::{BlockType, Operator};

// ---- fuel -------------------------------------------------------------------

/// The fuel cost of a live operator: 0 for `nop`, `drop`, `block`, `loop`,
/// `try_table`, `unreachable`, `return`, `else` and `end`, 1 for every
/// other one.
pub fn fuel_cost(op: &Operator<'_>) -> u64 {
    let free = matches!(
        op,
        Operator::Nop
            | Operator::Drop
            | Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::TryTable { .. }
            | Operator::Unreachable
            | Operator::Return
            | Operator::Else
            | Operator::End
    );
    u64::from(!free)
}

/// A fuel block: where its charge was emitted and its cost so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FuelBlock<S> {
    /// The tier's handle on the block's charge (an op index, instructions
    /// to patch, ...).
    pub site: S,
    /// The summed [`fuel_cost`] of the block's live operators.
    pub cost: u64,
}

/// The fuel accounting of one function: the open fuel block and its cost.
///
/// Disabled (without fuel), it never opens a block and charges nothing.
#[derive(Debug)]
pub struct FuelMeter<S> {
    enabled: bool,
    block: Option<FuelBlock<S>>,
}

impl<S> FuelMeter<S> {
    /// A meter with no open block; `enabled` is whether fuel is consumed.
    pub fn new(enabled: bool) -> FuelMeter<S> {
        FuelMeter { enabled, block: None }
    }

    /// Whether fuel is consumed: whether the tier emits charges at all.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The open block.
    pub fn current(&self) -> Option<&FuelBlock<S>> {
        self.block.as_ref()
    }

    /// Opens a block whose charge is at `site`, at cost 0. Returns the block
    /// it ends, if one was still open (normally [`FuelMeter::finish`] has
    /// taken it). Does nothing when disabled.
    pub fn start(&mut self, site: S) -> Option<FuelBlock<S>> {
        if !self.enabled {
            return None;
        }
        self.block.replace(FuelBlock { site, cost: 0 })
    }

    /// Adds the cost of a live operator to the open block.
    pub fn charge(&mut self, op: &Operator<'_>) {
        if let Some(block) = &mut self.block {
            block.cost = block.cost.saturating_add(fuel_cost(op));
        }
    }

    /// Ends the open block and returns it, for its charge to be patched
    /// with its cost.
    pub fn finish(&mut self) -> Option<FuelBlock<S>> {
        self.block.take()
    }
}

// ---- control frames ---------------------------------------------------------

/// What opened a control frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlKind {
    /// The function body.
    Func,
    /// A `block`.
    Block,
    /// A `loop`: branches to it go to its header and pass its parameters.
    Loop,
    /// An `if`, in its true arm.
    If,
    /// An `if` in its `else` arm.
    Else,
}

/// A control frame, with a tier's payload `T`.
#[derive(Debug)]
pub struct ControlFrame<T> {
    /// What opened it.
    pub kind: ControlKind,
    /// The operand-stack height at entry, its parameters excluded.
    pub height: usize,
    /// How many parameters it takes.
    pub num_params: usize,
    /// How many results it leaves.
    pub num_results: usize,
    /// The code currently translated in this frame is unreachable.
    pub unreachable: bool,
    /// The tier's own state of the frame.
    pub data: T,
}

impl<T> ControlFrame<T> {
    /// A frame whose code is reachable.
    pub fn new(kind: ControlKind, height: usize, num_params: usize, num_results: usize, data: T) -> ControlFrame<T> {
        ControlFrame {
            kind,
            height,
            num_params,
            num_results,
            unreachable: false,
            data,
        }
    }

    /// How many values a branch to this frame passes: a loop's parameters,
    /// any other frame's results.
    pub fn branch_arity(&self) -> usize {
        if self.kind == ControlKind::Loop {
            self.num_params
        } else {
            self.num_results
        }
    }
}

/// An operator of unreachable code, as [`ControlStack::skip`] classifies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadOp {
    /// Opens a block nested in the dead code (`block`, `loop`, `if`).
    Open,
    /// Closes a block nested in the dead code.
    Close,
    /// Any other operator, the `else` of a nested `if` included.
    Other,
    /// The `else` of the current frame: its false arm is translated.
    Else,
    /// The `end` of the current frame.
    End,
}

/// The control frames of the function being translated, innermost last,
/// and the nesting depth of blocks inside skipped (dead) code.
#[derive(Debug)]
pub struct ControlStack<T> {
    frames: Vec<ControlFrame<T>>,
    dead_depth: u32,
}

impl<T> Default for ControlStack<T> {
    fn default() -> ControlStack<T> {
        ControlStack::new()
    }
}

impl<T> ControlStack<T> {
    /// An empty stack (with room for the nesting most functions reach).
    pub fn new() -> ControlStack<T> {
        ControlStack {
            frames: Vec::with_capacity(8),
            dead_depth: 0,
        }
    }

    /// How many frames are open.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether no frame is open: the function's final `end` was translated.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// Opens a frame.
    pub fn push(&mut self, frame: ControlFrame<T>) {
        self.frames.push(frame);
    }

    /// Closes the innermost frame (at its `end`).
    pub fn pop(&mut self) -> Option<ControlFrame<T>> {
        self.dead_depth = 0;
        self.frames.pop()
    }

    /// The innermost frame.
    pub fn top(&self) -> Option<&ControlFrame<T>> {
        self.frames.last()
    }

    /// The innermost frame, mutably.
    pub fn top_mut(&mut self) -> Option<&mut ControlFrame<T>> {
        self.frames.last_mut()
    }

    /// The frame a branch of relative depth `depth` targets (0: the
    /// innermost).
    pub fn frame(&self, depth: u32) -> Option<&ControlFrame<T>> {
        let i = self.frames.len().checked_sub(1)?.checked_sub(depth as usize)?;
        self.frames.get(i)
    }

    /// The frame at relative depth `depth`, mutably.
    pub fn frame_mut(&mut self, depth: u32) -> Option<&mut ControlFrame<T>> {
        let i = self.frames.len().checked_sub(1)?.checked_sub(depth as usize)?;
        self.frames.get_mut(i)
    }

    /// Whether the code being read is unreachable: its operators go to
    /// [`ControlStack::skip`].
    pub fn is_unreachable(&self) -> bool {
        self.frames.last().is_some_and(|f| f.unreachable)
    }

    /// The rest of the innermost frame is unreachable (after `unreachable`,
    /// `br`, `br_table`, `return`, or an `end` nothing continues from).
    pub fn set_unreachable(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.unreachable = true;
        }
        self.dead_depth = 0;
    }

    /// Turns the innermost frame (an `if`) into its `else` arm, reachable,
    /// and returns it. The caller reads what it needs of the true arm (was
    /// its end reachable?) first.
    pub fn enter_else(&mut self) -> Option<&mut ControlFrame<T>> {
        self.dead_depth = 0;
        let frame = self.frames.last_mut()?;
        frame.kind = ControlKind::Else;
        frame.unreachable = false;
        Some(frame)
    }

    /// Classifies an operator of unreachable code, tracking the blocks
    /// nested in it: on [`DeadOp::Else`] and [`DeadOp::End`] the tier
    /// translates the operator (the frame's own `else` or `end`), every
    /// other one it drops.
    pub fn skip(&mut self, op: &Operator<'_>) -> DeadOp {
        match op {
            Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } | Operator::TryTable { .. } => {
                self.dead_depth += 1;
                DeadOp::Open
            }
            Operator::End if self.dead_depth > 0 => {
                self.dead_depth -= 1;
                DeadOp::Close
            }
            Operator::End => DeadOp::End,
            Operator::Else if self.dead_depth == 0 => DeadOp::Else,
            _ => DeadOp::Other,
        }
    }
}

// ---- exception handling -----------------------------------------------------

/// What a `try_table` catch clause catches and passes to its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatchClause {
    /// The tag it catches (an index of the module's tags), or `None` for
    /// every exception (`catch_all`, `catch_all_ref`).
    pub tag: Option<u32>,
    /// Whether it passes the `exnref` too, after the payload (`catch_ref`,
    /// `catch_all_ref`).
    pub with_ref: bool,
    /// The branch depth of its label, counted outside the `try_table`.
    pub label: u32,
}

impl CatchClause {
    /// The clause of a wasmparser catch.
    pub fn new(c: &wasmparser::Catch) -> CatchClause {
        use wasmparser::Catch as C;
        match *c {
            C::One { tag, label } => CatchClause {
                tag: Some(tag),
                with_ref: false,
                label,
            },
            C::OneRef { tag, label } => CatchClause {
                tag: Some(tag),
                with_ref: true,
                label,
            },
            C::All { label } => CatchClause {
                tag: None,
                with_ref: false,
                label,
            },
            C::AllRef { label } => CatchClause {
                tag: None,
                with_ref: true,
                label,
            },
        }
    }

    /// The types of the values the clause passes to its label: the tag's
    /// payload (when it names a tag), then the `exnref` (when `with_ref`).
    pub fn values(&self, module: &ModuleInfo) -> Vec<ValType> {
        let mut v: Vec<ValType> = match self.tag {
            Some(t) => module.types[module.tags[t as usize] as usize].params().to_vec(),
            None => Vec::new(),
        };
        if self.with_ref {
            v.push(ValType::reference(false, crate::types::HeapType::Exn));
        }
        v
    }
}

// ---- block types ------------------------------------------------------------

/// The parameter and result types of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockSignature<'a> {
    /// The parameters, taken from the operand stack at entry.
    pub params: &'a [ValType],
    /// The results, left on the operand stack at the end.
    pub results: &'a [ValType],
}

/// The signature of block type `ty` in `module`, or `None` if it names a
/// type the module does not have (never, for a validated module).
pub fn block_signature(module: &ModuleInfo, ty: BlockType) -> Option<BlockSignature<'_>> {
    Some(match ty {
        BlockType::Empty => BlockSignature {
            params: &[],
            results: &[],
        },
        BlockType::Type(t) => BlockSignature {
            params: &[],
            results: single_result(t),
        },
        BlockType::FuncType(i) => {
            let f = module.types.get(i as usize)?;
            BlockSignature {
                params: f.params(),
                results: f.results(),
            }
        }
    })
}

/// The one-value result list of a block type that names a value type.
/// (Validation with the supported features admits only `funcref` and
/// `externref` references.)
fn single_result(t: wasmparser::ValType) -> &'static [ValType] {
    use wasmparser::ValType as W;
    match t {
        W::I32 => &[ValType::I32],
        W::I64 => &[ValType::I64],
        W::F32 => &[ValType::F32],
        W::F64 => &[ValType::F64],
        W::V128 => &[ValType::V128],
        W::Ref(r) if r.is_func_ref() => &[ValType::FuncRef],
        W::Ref(_) => &[ValType::ExternRef],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::WasmFeatures;
    use crate::module::{parse, wat_to_binary};

    fn module(wat: &str) -> ModuleInfo {
        parse(
            std::sync::Arc::new(wat_to_binary(wat.as_bytes()).unwrap()),
            WasmFeatures::default(),
            &|_| 0,
            false,
        )
        .unwrap()
    }

    #[test]
    fn only_the_listed_operators_are_free() {
        use Operator as O;
        let free = [
            O::Nop,
            O::Drop,
            O::Block {
                blockty: BlockType::Empty,
            },
            O::Loop {
                blockty: BlockType::Empty,
            },
            O::Unreachable,
            O::Return,
            O::Else,
            O::End,
        ];
        for op in &free {
            assert_eq!(fuel_cost(op), 0, "{op:?}");
        }
        let paid = [
            O::If {
                blockty: BlockType::Empty,
            },
            O::Br { relative_depth: 0 },
            O::BrIf { relative_depth: 0 },
            O::Call { function_index: 0 },
            O::LocalGet { local_index: 0 },
            O::I32Const { value: 0 },
            O::I32Add,
            O::Select,
            O::MemoryGrow { mem: 0 },
        ];
        for op in &paid {
            assert_eq!(fuel_cost(op), 1, "{op:?}");
        }
    }

    #[test]
    fn a_meter_sums_the_open_block_and_hands_it_back() {
        let mut fuel = FuelMeter::new(true);
        assert!(fuel.is_enabled());
        // Nothing is open before the first block.
        fuel.charge(&Operator::I32Add);
        assert_eq!(fuel.finish(), None);
        assert_eq!(fuel.start(7), None);
        fuel.charge(&Operator::I32Add);
        fuel.charge(&Operator::Nop);
        fuel.charge(&Operator::I32Const { value: 1 });
        assert_eq!(fuel.current(), Some(&FuelBlock { site: 7, cost: 2 }));
        // Starting a block ends the open one.
        assert_eq!(fuel.start(9), Some(FuelBlock { site: 7, cost: 2 }));
        fuel.charge(&Operator::Drop);
        assert_eq!(fuel.finish(), Some(FuelBlock { site: 9, cost: 0 }));
        assert_eq!(fuel.finish(), None);

        let mut off = FuelMeter::new(false);
        assert!(!off.is_enabled());
        assert_eq!(off.start(1), None);
        off.charge(&Operator::I32Add);
        assert_eq!(off.finish(), None);
    }

    #[test]
    fn skipping_tracks_nesting_down_to_the_frames_else_and_end() {
        let mut ctrls = ControlStack::new();
        ctrls.push(ControlFrame::new(ControlKind::If, 0, 0, 0, ()));
        assert!(!ctrls.is_unreachable());
        ctrls.set_unreachable();
        assert!(ctrls.is_unreachable());
        let bt = BlockType::Empty;
        let ops = [
            (Operator::I32Const { value: 1 }, DeadOp::Other),
            (Operator::Block { blockty: bt }, DeadOp::Open),
            (Operator::If { blockty: bt }, DeadOp::Open),
            // The else of a nested `if` does not revive anything.
            (Operator::Else, DeadOp::Other),
            (Operator::End, DeadOp::Close),
            (Operator::Loop { blockty: bt }, DeadOp::Open),
            (Operator::Br { relative_depth: 0 }, DeadOp::Other),
            (Operator::End, DeadOp::Close),
            (Operator::End, DeadOp::Close),
            (Operator::Else, DeadOp::Else),
        ];
        for (op, want) in &ops {
            assert_eq!(ctrls.skip(op), *want, "{op:?}");
        }
        let frame = ctrls.enter_else().unwrap();
        assert_eq!(frame.kind, ControlKind::Else);
        assert!(!ctrls.is_unreachable());
        ctrls.set_unreachable();
        assert_eq!(ctrls.skip(&Operator::Block { blockty: bt }), DeadOp::Open);
        assert_eq!(ctrls.skip(&Operator::End), DeadOp::Close);
        assert_eq!(ctrls.skip(&Operator::End), DeadOp::End);
        assert!(ctrls.pop().is_some());
        assert!(ctrls.is_empty());
    }

    #[test]
    fn leaving_a_dead_region_forgets_its_nesting() {
        // A dead region cut short (its frame popped while blocks were open)
        // does not leak its depth into the next one.
        let mut ctrls = ControlStack::new();
        ctrls.push(ControlFrame::new(ControlKind::Func, 0, 0, 0, ()));
        ctrls.push(ControlFrame::new(ControlKind::Block, 0, 0, 0, ()));
        ctrls.set_unreachable();
        ctrls.skip(&Operator::Block {
            blockty: BlockType::Empty,
        });
        ctrls.pop();
        ctrls.set_unreachable();
        assert_eq!(ctrls.skip(&Operator::End), DeadOp::End);
    }

    #[test]
    fn frames_are_found_by_relative_depth() {
        let mut ctrls = ControlStack::new();
        ctrls.push(ControlFrame::new(ControlKind::Func, 0, 0, 1, 'f'));
        ctrls.push(ControlFrame::new(ControlKind::Loop, 1, 2, 3, 'l'));
        ctrls.push(ControlFrame::new(ControlKind::Block, 2, 0, 1, 'b'));
        assert_eq!(ctrls.len(), 3);
        assert_eq!(ctrls.top().map(|f| f.data), Some('b'));
        assert_eq!(ctrls.frame(0).map(|f| f.data), Some('b'));
        assert_eq!(ctrls.frame(2).map(|f| f.data), Some('f'));
        assert!(ctrls.frame(3).is_none());
        ctrls.frame_mut(1).unwrap().data = 'L';
        let lp = ctrls.frame(1).unwrap();
        assert_eq!((lp.data, lp.branch_arity()), ('L', 2));
        assert_eq!(ctrls.frame(0).unwrap().branch_arity(), 1);
    }

    #[test]
    fn block_types_resolve_through_the_type_section() {
        let m = module("(module (type (func (param i32 i64) (result f32 v128))))");
        let sig = |ty| block_signature(&m, ty).unwrap();
        assert_eq!(sig(BlockType::Empty).params, &[]);
        assert_eq!(sig(BlockType::Empty).results, &[]);
        let one = sig(BlockType::Type(wasmparser::ValType::F64));
        assert_eq!((one.params, one.results), (&[][..], &[ValType::F64][..]));
        assert_eq!(
            sig(BlockType::Type(wasmparser::ValType::FUNCREF)).results,
            &[ValType::FuncRef]
        );
        assert_eq!(
            sig(BlockType::Type(wasmparser::ValType::EXTERNREF)).results,
            &[ValType::ExternRef]
        );
        let f = sig(BlockType::FuncType(0));
        assert_eq!(f.params, &[ValType::I32, ValType::I64]);
        assert_eq!(f.results, &[ValType::F32, ValType::V128]);
        assert_eq!(block_signature(&m, BlockType::FuncType(1)), None);
    }

    /// The costs of the fuel blocks of defined function 0 of `wat`, in the
    /// order they start: a minimal translator built from this module's
    /// pieces, its frames recording whether a branch targets their end.
    fn fuel_blocks(wat: &str) -> Vec<u64> {
        let m = module(wat);
        let mut costs: Vec<u64> = Vec::new();
        let mut fuel = FuelMeter::new(true);
        let start = |fuel: &mut FuelMeter<usize>, costs: &mut Vec<u64>| {
            if let Some(b) = fuel.finish() {
                costs[b.site] = b.cost;
            }
            fuel.start(costs.len());
            costs.push(0);
        };
        let mut ctrls: ControlStack<bool> = ControlStack::new();
        ctrls.push(ControlFrame::new(ControlKind::Func, 0, 0, 0, false));
        start(&mut fuel, &mut costs);
        let mut reader = m.function_body(0).get_operators_reader().unwrap();
        while !ctrls.is_empty() {
            let op = reader.read().unwrap();
            let op = if ctrls.is_unreachable() {
                match ctrls.skip(&op) {
                    DeadOp::Else | DeadOp::End => op,
                    _ => continue,
                }
            } else {
                fuel.charge(&op);
                op
            };
            let mut target = |depth: u32| ctrls.frame_mut(depth).unwrap().data = true;
            match op {
                Operator::Block { blockty } | Operator::Loop { blockty } | Operator::If { blockty } => {
                    let sig = block_signature(&m, blockty).unwrap();
                    let kind = match op {
                        Operator::Block { .. } => ControlKind::Block,
                        Operator::Loop { .. } => ControlKind::Loop,
                        _ => ControlKind::If,
                    };
                    ctrls.push(ControlFrame::new(kind, 0, sig.params.len(), sig.results.len(), false));
                    if kind != ControlKind::Block {
                        start(&mut fuel, &mut costs);
                    }
                }
                Operator::Br { relative_depth } => {
                    target(relative_depth);
                    ctrls.set_unreachable();
                }
                Operator::BrIf { relative_depth } => target(relative_depth),
                Operator::BrTable { targets } => {
                    for depth in targets.targets() {
                        target(depth.unwrap());
                    }
                    target(targets.default());
                    ctrls.set_unreachable();
                }
                Operator::Unreachable | Operator::Return => ctrls.set_unreachable(),
                Operator::Else => {
                    // The true arm, if it ends reachable, jumps to the end.
                    let frame = ctrls.top_mut().unwrap();
                    frame.data |= !frame.unreachable;
                    ctrls.enter_else();
                    start(&mut fuel, &mut costs);
                }
                Operator::End => {
                    let frame = ctrls.pop().unwrap();
                    let live = match frame.kind {
                        ControlKind::Func => continue,
                        // Branches to a loop go to its header.
                        ControlKind::Loop => !frame.unreachable,
                        // An `if` without `else` continues on its false path.
                        ControlKind::If => true,
                        ControlKind::Block | ControlKind::Else => !frame.unreachable || frame.data,
                    };
                    if live {
                        start(&mut fuel, &mut costs);
                    } else {
                        ctrls.set_unreachable();
                    }
                }
                _ => {}
            }
        }
        if let Some(b) = fuel.finish() {
            costs[b.site] = b.cost;
        }
        costs
    }

    #[test]
    fn fuel_blocks_start_at_entry_loops_arms_and_live_ends() {
        // Free operators cost nothing; a function is one block.
        assert_eq!(fuel_blocks("(module (func i32.const 1 drop nop))"), [1]);
        // A loop body is its own block (the `loop` itself is free); the
        // `end` starts the continuation's, here empty.
        let counted = "(module (func (local i32)
            i32.const 0 local.set 0
            loop
              local.get 0 i32.const 1 i32.add local.tee 0
              i32.const 10 i32.lt_u br_if 0
            end))";
        assert_eq!(fuel_blocks(counted), [2, 7, 0]);
        // `if` costs one in the enclosing block; each arm is a block.
        let arms = "(module (func (param i32) (result i32)
            local.get 0
            if (result i32) i32.const 1 else i32.const 2 i32.const 3 i32.add end
            i32.const 4 i32.add))";
        assert_eq!(fuel_blocks(arms), [2, 1, 3, 2]);
        // Without `else`, the false path goes straight to the continuation.
        let one_arm = "(module (func (param i32) local.get 0 if i32.const 1 drop end nop))";
        assert_eq!(fuel_blocks(one_arm), [2, 1, 0]);
    }

    #[test]
    fn unreachable_code_costs_nothing() {
        // After `br`, the rest of the block is dead; its end is live because
        // the branch targets it.
        let branched = "(module (func
            block br 0 i32.const 1 i32.const 2 i32.add drop block i32.const 3 drop end end
            i32.const 5 drop))";
        assert_eq!(fuel_blocks(branched), [1, 1]);
        // Nothing branches to this block's end: all that follows is dead,
        // and no block starts after it.
        let trapped = "(module (func block unreachable i32.const 1 drop end i32.const 5 drop))";
        assert_eq!(fuel_blocks(trapped), [0]);
        // A dead true arm: the `else` is live again, and so is the end
        // (the false arm falls through).
        let dead_arm = "(module (func (param i32)
            local.get 0 if unreachable i32.const 1 drop if nop else nop end else i32.const 2 drop end))";
        assert_eq!(fuel_blocks(dead_arm), [2, 0, 1, 0]);
        // `return` and `br_table` end live code too.
        let returned = "(module (func (param i32)
            block local.get 0 br_table 0 0 i32.const 1 drop end return i32.const 2 drop))";
        assert_eq!(fuel_blocks(returned), [2, 0]);
    }
}
