//! Control flow: blocks, branches, calls, returns.

use super::{Ctrl, Labels, Operand, PendingCatch, Result, Translator, meet_assigned, unsupported};
use crate::ir::{CATCH_ALL, NO_LOOP, Op, Slot};
use concord_core::translate::{CatchClause, ControlKind, block_signature};
use concord_core::wasmparser::{BlockType, BrTable, TryTable};

impl Translator<'_> {
    /// The numbers of parameters and results of a block type.
    fn block_arity(&self, ty: BlockType) -> Result<(usize, usize)> {
        let sig = block_signature(self.module, ty)
            .ok_or_else(|| concord_core::CompileError::Internal(format!("no block type {ty:?}")))?;
        Ok((sig.params.len(), sig.results.len()))
    }

    /// `block` and `loop`.
    pub(super) fn block(&mut self, ty: BlockType, kind: ControlKind) -> Result<()> {
        let (params, results) = self.block_arity(ty)?;
        // Merge points must agree on where values live: no pending local
        // reference may cross into the block (a `local.set` inside would
        // materialize it on one path only).
        self.materialize_locals();
        let height = self.stack.len() - params;
        let mut tier_up = None;
        let mut osr_target = NO_LOOP;
        let label = if kind == ControlKind::Loop {
            // Branches back to the header pass the parameters in their slots.
            self.materialize_from(height);
            let label = self.new_label_here();
            if self.tier_up {
                // Before the header's fuel block: OSR enters the compiled
                // loop header, which charges it (RFC 0007). A loop with
                // values under it is not an OSR point; frames move at the
                // outermost OSR point of a nest.
                // Nor is a loop of a wide frame: its locals and stack are
                // not laid out as OSR's frame state (locals, then the
                // loop's parameters).
                let at = if height == 0 && !self.wide {
                    self.offset
                } else {
                    NO_LOOP
                };
                let enclosing = (0..self.ctrls.len() as u32)
                    .filter_map(|d| self.ctrls.frame(d))
                    .find(|f| f.kind == ControlKind::Loop)
                    .map_or(NO_LOOP, |f| f.data.osr_target);
                osr_target = if enclosing != NO_LOOP { enclosing } else { at };
                tier_up = Some(self.emit(Op::TierUp {
                    weight: 0,
                    at,
                    target: osr_target,
                }));
            }
            if self.epoch {
                self.emit(Op::Epoch);
            }
            self.start_fuel_block();
            label
        } else {
            self.new_label()
        };
        self.ctrls.push(Ctrl::new(
            kind,
            height,
            params,
            results,
            Labels {
                label,
                else_label: None,
                tier_up,
                osr_target,
                try_table: None,
                assigned_in: None,
                if_entry: None,
            },
        ));
        Ok(())
    }

    pub(super) fn if_(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_arity(ty)?;
        let cond_pos = self.stack.len() - 1;
        let cond = self.pop();
        self.materialize_locals();
        let height = self.stack.len() - params;
        // The false path (and an absent `else`) finds the parameters in their slots.
        self.materialize_from(height);
        let else_label = self.new_label();
        self.cond_branch(cond, cond_pos, false, else_label);
        let label = self.new_label();
        self.ctrls.push(Ctrl::new(
            ControlKind::If,
            height,
            params,
            results,
            Labels {
                label,
                else_label: Some(else_label),
                tier_up: None,
                osr_target: NO_LOOP,
                try_table: None,
                assigned_in: None,
                if_entry: Some(self.assigned),
            },
        ));
        self.start_fuel_block();
        Ok(())
    }

    pub(super) fn else_(&mut self) -> Result<()> {
        let Some(ctrl) = self.ctrls.top() else {
            return Err(concord_core::CompileError::Internal("else outside of if".into()));
        };
        let (height, params, results, label, reachable) = (
            ctrl.height,
            ctrl.num_params,
            ctrl.num_results,
            ctrl.data.label,
            !ctrl.unreachable,
        );
        let else_label = ctrl.data.else_label;
        if reachable {
            self.copy_top_to(results, height);
            self.emit_branch(Op::Br { off: 0 }, label);
        }
        self.stack.truncate(height);
        for _ in 0..params {
            self.push(Operand::Stack);
        }
        if let Some(l) = else_label {
            self.bind_label(l);
        }
        let assigned = self.assigned;
        let ctrl = self.ctrls.enter_else().expect("checked above");
        ctrl.data.else_label = None;
        // The true path's end reaches the end; the false path starts with
        // what the `if` found.
        if reachable {
            meet_assigned(&mut ctrl.data.assigned_in, assigned);
        }
        if let Some(entry) = ctrl.data.if_entry.take() {
            self.assigned = entry;
        }
        self.start_fuel_block();
        Ok(())
    }

    pub(super) fn end(&mut self) -> Result<()> {
        let Some(mut ctrl) = self.ctrls.pop() else {
            return Err(concord_core::CompileError::Internal("unbalanced end".into()));
        };
        if let Some(tt) = ctrl.data.try_table.take() {
            self.end_try_table(*tt);
        }
        let reachable = !ctrl.unreachable;
        // The locals assigned after the end: on every way there (none: the
        // code after it is dead, and all count as assigned).
        let mut after = reachable.then_some(self.assigned);
        if ctrl.kind != ControlKind::Loop {
            for into in [ctrl.data.assigned_in, ctrl.data.if_entry].into_iter().flatten() {
                meet_assigned(&mut after, into);
            }
        }
        self.assigned = after.unwrap_or(super::ALL_ASSIGNED);
        match ctrl.kind {
            ControlKind::Func => {
                if reachable {
                    self.return_();
                }
            }
            ControlKind::Loop => {
                // A trip around the loop weighs its body's size in ops.
                if let Some(site) = ctrl.data.tier_up {
                    let size = (self.ops.len() - site).min(u32::MAX as usize) as u32;
                    if let Some(Op::TierUp { weight, .. }) = self.ops.get_mut(site) {
                        *weight = size.max(1);
                    }
                }
                // Nothing branches to a loop's end: results stay where they are.
                if !reachable {
                    self.stack.truncate(ctrl.height);
                    for _ in 0..ctrl.num_results {
                        self.push(Operand::Stack);
                    }
                }
                self.after_end(!reachable);
            }
            ControlKind::Block | ControlKind::If | ControlKind::Else => {
                if reachable {
                    self.copy_top_to(ctrl.num_results, ctrl.height);
                }
                let mut live = reachable || self.label_used(ctrl.data.label);
                if let Some(l) = ctrl.data.else_label {
                    // `if` without `else`: the false path arrives here.
                    self.bind_label(l);
                    live = true;
                }
                self.bind_label(ctrl.data.label);
                self.stack.truncate(ctrl.height);
                for _ in 0..ctrl.num_results {
                    self.push(Operand::Stack);
                }
                self.after_end(!live);
            }
        }
        Ok(())
    }

    /// Continues the enclosing frame after an `end`.
    fn after_end(&mut self, dead: bool) {
        if dead {
            self.ctrls.set_unreachable();
        } else {
            self.start_fuel_block();
        }
    }

    /// Copies the top `n` operands to the slots of stack positions
    /// `base..base + n` (`base <= len - n`). Copying in ascending order is
    /// safe: destinations are home slots at or below the sources' home
    /// slots, and never locals.
    pub(super) fn copy_top_to(&mut self, n: usize, base: usize) {
        let first = self.stack.len() - n;
        let all_stack = self.stack[first..].iter().all(|v| *v == Operand::Stack);
        if all_stack {
            if first != base && n > 0 {
                self.emit(Op::CopySpan {
                    dst: self.home(base),
                    src: self.home(first),
                    len: n as u32,
                });
            }
            return;
        }
        for i in 0..n {
            match self.stack[first + i] {
                Operand::Stack => self.copy_cell(self.home(base + i), self.home(first + i)),
                Operand::Local(src) => self.store_local(base + i, src),
                Operand::Const(value) => self.store_const(base + i, value),
            }
        }
    }

    /// Whether branching with the top `n` operands to `base` needs no copies.
    fn in_place(&self, n: usize, base: usize) -> bool {
        let first = self.stack.len() - n;
        n == 0 || (first == base && self.stack[first..].iter().all(|v| *v == Operand::Stack))
    }

    /// The target of a branch: `None` for the function frame (a return),
    /// else `(label, arity, base)`.
    fn branch_target(&self, depth: u32) -> Option<(usize, usize, usize)> {
        let ctrl = self.ctrls.frame(depth).expect("validated branch depth");
        match ctrl.kind {
            ControlKind::Func => None,
            _ => Some((ctrl.data.label, ctrl.branch_arity(), ctrl.height)),
        }
    }

    pub(super) fn br(&mut self, depth: u32) {
        self.note_branch(depth);
        match self.branch_target(depth) {
            None => self.return_(),
            Some((label, arity, base)) => {
                self.copy_top_to(arity, base);
                self.emit_branch(Op::Br { off: 0 }, label);
            }
        }
    }

    pub(super) fn br_if(&mut self, depth: u32) {
        self.note_branch(depth);
        let cond_pos = self.stack.len() - 1;
        let cond = self.pop();
        match self.branch_target(depth) {
            Some((label, arity, base)) if self.in_place(arity, base) => {
                self.cond_branch(cond, cond_pos, true, label);
            }
            _ => {
                // Branch around the copies when the condition is false.
                let skip = self.new_label();
                self.cond_branch(cond, cond_pos, false, skip);
                self.br(depth);
                self.bind_label(skip);
            }
        }
    }

    /// `br_on_null` (`on_null`) or `br_on_non_null`: branches on the
    /// reference on top of the stack; the branch drops it (`br_on_null`)
    /// or passes it as its last value (`br_on_non_null`), and the other
    /// path keeps it (`br_on_null`) or drops it (`br_on_non_null`).
    pub(super) fn br_on_null(&mut self, depth: u32, on_null: bool) {
        self.note_branch(depth);
        let pos = self.stack.len() - 1;
        self.materialize_from(pos);
        let cond = self.read_slot(pos);
        let (take, skip_op) = if on_null {
            (Op::BrIfNull { cond, off: 0 }, Op::BrIfNonNull { cond, off: 0 })
        } else {
            (Op::BrIfNonNull { cond, off: 0 }, Op::BrIfNull { cond, off: 0 })
        };
        if on_null {
            self.pop();
        }
        match self.branch_target(depth) {
            Some((label, arity, base)) if self.in_place(arity, base) => self.emit_branch(take, label),
            _ => {
                let skip = self.new_label();
                self.emit_branch(skip_op, skip);
                self.br(depth);
                self.bind_label(skip);
            }
        }
        if on_null {
            self.push(Operand::Stack);
        } else {
            self.pop();
        }
    }

    /// `try_table`: a block whose body's exceptions its clauses catch. Each
    /// clause's target is resolved outside the `try_table`, as a branch
    /// there would be; the clauses are recorded at its `end`.
    pub(super) fn try_table(&mut self, tt: &TryTable) -> Result<()> {
        let mut clauses = Vec::with_capacity(tt.catches.len());
        for c in &tt.catches {
            let c = CatchClause::new(c);
            // (Every way through the body keeps what is assigned here.)
            self.note_branch(c.label);
            let ctrl = self.ctrls.frame(c.label).expect("validated branch depth");
            let (label, base) = match ctrl.kind {
                ControlKind::Func => (None, 0),
                _ => (Some(ctrl.data.label), self.home(ctrl.height)),
            };
            if let Some(l) = label {
                self.caught_labels.push(l);
            }
            clauses.push(PendingCatch {
                start: 0,
                end: 0,
                tag: c.tag.unwrap_or(CATCH_ALL),
                with_ref: c.with_ref,
                base,
                label,
            });
        }
        self.block(tt.ty, ControlKind::Block)?;
        let start = self.ops.len();
        if let Some(ctrl) = self.ctrls.top_mut() {
            ctrl.data.try_table = Some(Box::new(super::TryTable { start, clauses }));
        }
        Ok(())
    }

    /// Records the clauses of a `try_table` whose body ends here.
    fn end_try_table(&mut self, tt: super::TryTable) {
        let end = self.ops.len();
        for mut c in tt.clauses {
            c.start = tt.start;
            c.end = end;
            self.catches.push(c);
        }
    }

    /// `throw`: the payload goes to its home slots.
    pub(super) fn throw(&mut self, tag: u32) {
        let ty = self.module.tags[tag as usize];
        let n = self.module.types[ty as usize].params().len();
        let (base, first) = self.call_args(n);
        self.emit(Op::Throw { tag, base });
        self.stack.truncate(first);
        self.ctrls.set_unreachable();
    }

    /// `throw_ref`.
    pub(super) fn throw_ref(&mut self) {
        let src = self.pop_slot();
        self.emit(Op::ThrowRef { src });
        self.ctrls.set_unreachable();
    }

    /// `ref.as_non_null`: traps on null, keeps the reference.
    pub(super) fn ref_as_non_null(&mut self) {
        let pos = self.stack.len() - 1;
        self.materialize_from(pos);
        let src = self.read_slot(pos);
        self.emit(Op::TrapIfNull { src });
    }

    /// `call_ref` (`tail == false`) or `return_call_ref` of type `type_index`.
    pub(super) fn call_func_ref(&mut self, type_index: u32, tail: bool) {
        let ty = &self.module.types[type_index as usize];
        let (params, results) = (ty.params().len(), ty.results().len());
        let callee = self.pop_slot();
        let (base, first) = self.call_args(params);
        let len = params.max(results) as u16;
        self.emit(if tail {
            Op::ReturnCallFuncRef { callee, base, len }
        } else {
            Op::CallFuncRef { callee, base, len }
        });
        self.call_results(first, results);
        if tail {
            self.ctrls.set_unreachable();
        }
    }

    /// Branches to `label` when `cond != 0` equals `want`. Fuses a
    /// preceding `i32` comparison that produced the condition.
    pub(super) fn cond_branch(&mut self, cond: Operand, cond_pos: usize, want: bool, label: usize) {
        match cond {
            Operand::Const(c) => {
                if (c != 0) == want {
                    self.emit_branch(Op::Br { off: 0 }, label);
                }
            }
            Operand::Local(cond) => {
                let op = if want {
                    Op::BrIfNez { cond, off: 0 }
                } else {
                    Op::BrIfEqz { cond, off: 0 }
                };
                self.emit_branch(op, label);
            }
            Operand::Stack => {
                let Some(home) = self.direct(cond_pos) else {
                    let cond = self.read_slot(cond_pos);
                    let op = if want {
                        Op::BrIfNez { cond, off: 0 }
                    } else {
                        Op::BrIfEqz { cond, off: 0 }
                    };
                    self.emit_branch(op, label);
                    return;
                };
                // A negated condition (`i32.eqz` in place) is the condition
                // branched on the other way.
                let mut want = want;
                if let Some(&mut Op::I32Eqz { dst, src }) = self.last_fusable()
                    && dst == home
                    && src == home
                {
                    self.ops.pop();
                    want = !want;
                }
                let fused = self
                    .last_fusable()
                    .filter(|op| matches!(op.dst_mut_ref(), Some(d) if d == home))
                    .and_then(|op| op.fuse_branch(want));
                if let Some(op) = fused {
                    self.ops.pop();
                    // A counter step right before the test joins it.
                    let op = match self.last_fusable().and_then(|prev| prev.fuse_increment(&op)) {
                        Some(both) => {
                            self.ops.pop();
                            both
                        }
                        None => op,
                    };
                    self.emit_branch(op, label);
                } else {
                    let op = if want {
                        Op::BrIfNez { cond: home, off: 0 }
                    } else {
                        Op::BrIfEqz { cond: home, off: 0 }
                    };
                    self.emit_branch(op, label);
                }
            }
        }
    }

    pub(super) fn br_table(&mut self, table: &BrTable<'_>) -> Result<()> {
        let index = self.pop_slot();
        let mut depths = Vec::with_capacity(table.len() as usize + 1);
        for t in table.targets() {
            depths.push(t.map_err(super::internal)?);
        }
        depths.push(table.default());
        for &depth in &depths {
            self.note_branch(depth);
        }
        let arity = match self.branch_target(table.default()) {
            None => self.func_results,
            Some((_, arity, _)) => arity,
        };
        // The values go to their home slots; each target then needs at most
        // one span copy (done in a stub after the table).
        let first = self.stack.len() - arity;
        self.materialize_from(first);
        self.emit(Op::BrTable {
            index,
            len: table.len(),
        });
        let mut stubs: Vec<(u32, usize)> = Vec::new();
        for &depth in &depths {
            match self.branch_target(depth) {
                Some((label, arity, base)) if self.in_place(arity, base) => {
                    self.emit_branch(Op::Br { off: 0 }, label);
                }
                _ => {
                    let stub = match stubs.iter().find(|(d, _)| *d == depth) {
                        Some((_, l)) => *l,
                        None => {
                            let l = self.new_label();
                            stubs.push((depth, l));
                            l
                        }
                    };
                    self.emit_branch(Op::Br { off: 0 }, stub);
                }
            }
        }
        for (depth, stub) in stubs {
            self.bind_label(stub);
            self.br(depth);
        }
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// Copies the results to slots `0..n` and returns.
    pub(super) fn return_(&mut self) {
        let n = self.func_results;
        let first = self.stack.len() - n;
        if n == 1 {
            let v = self.stack[first];
            let src = self.slot_of(v, first);
            if self.v128_result {
                self.emit(Op::ReturnSlot { src });
            } else {
                self.emit(Op::ReturnSlot64 { src });
            }
            return;
        }
        // A local source below its destination would be overwritten by an
        // earlier copy: move it to its home slot first. (The virtual stack
        // is left alone: a `br_if` continues with it on the other path.)
        let mut srcs: Vec<Operand> = self.stack[first..].to_vec();
        for (i, v) in srcs.iter_mut().enumerate() {
            if let Operand::Local(l) = *v
                && (l as usize) < i
            {
                self.store_local(first + i, l);
                *v = Operand::Stack;
            }
        }
        let all_stack = srcs.iter().all(|v| *v == Operand::Stack);
        if all_stack {
            if n > 0 && self.home(first) != 0 {
                self.emit(Op::CopySpan {
                    dst: 0,
                    src: self.home(first),
                    len: n as u32,
                });
            }
        } else {
            for (i, v) in srcs.into_iter().enumerate() {
                let dst = i as Slot;
                match v {
                    Operand::Stack => self.copy_cell(u32::from(dst), self.home(first + i)),
                    Operand::Local(src) => {
                        if src != dst {
                            self.emit(self.copy_local(dst, src));
                        }
                    }
                    Operand::Const(value) => {
                        self.emit(Op::Const { dst, value });
                    }
                }
            }
        }
        self.emit(Op::Return);
    }

    /// Materializes the top `params` operands as call arguments; returns
    /// their base cell and position.
    fn call_args(&mut self, params: usize) -> (u32, usize) {
        let first = self.stack.len() - params;
        self.materialize_from(first);
        (self.home(first), first)
    }

    fn call_results(&mut self, first: usize, results: usize) {
        self.stack.truncate(first);
        for _ in 0..results {
            self.push(Operand::Stack);
        }
    }

    /// `call` (`tail == false`) or `return_call` (`tail == true`).
    pub(super) fn call(&mut self, func: u32, tail: bool) {
        let ty = self.module.func_type(func);
        let (params, results) = (ty.params().len(), ty.results().len());
        let (base, first) = self.call_args(params);
        let len = params.max(results) as u16;
        let defined = func >= self.module.num_imported_funcs;
        let def = func.wrapping_sub(self.module.num_imported_funcs);
        self.emit(match (defined, tail) {
            (true, false) => Op::Call { func: def, base, len },
            (true, true) => Op::ReturnCall { func: def, base, len },
            (false, false) => Op::CallRef { func, base, len },
            (false, true) => Op::ReturnCallRef { func, base, len },
        });
        // A tail call still needs its `len` cells at `base` (for the
        // results of a callee called through its entry).
        self.call_results(first, results);
        if tail {
            self.ctrls.set_unreachable();
        }
    }

    /// `call_indirect`, or `return_call_indirect` with `tail`.
    pub(super) fn call_indirect(&mut self, type_index: u32, table: u32, tail: bool) -> Result<()> {
        let ty = &self.module.types[type_index as usize];
        let (params, results) = (ty.params().len(), ty.results().len());
        if self.module.tables.get(table as usize).is_some_and(|t| t.table64) {
            self.narrow_table_operand(0);
        }
        let index = self.pop_slot();
        let (base, first) = self.call_args(params);
        let table = u16::try_from(table).map_err(|_| unsupported("more than 65536 tables"))?;
        let len = params.max(results) as u16;
        self.emit(if tail {
            Op::ReturnCallIndirect {
                type_index,
                table,
                index,
                base,
                len,
            }
        } else {
            Op::CallIndirect {
                type_index,
                table,
                index,
                base,
                len,
            }
        });
        self.call_results(first, results);
        if tail {
            self.ctrls.set_unreachable();
        }
        Ok(())
    }
}

impl Op {
    /// The result slot of an op that `dst_mut` would expose.
    pub(super) fn dst_mut_ref(&self) -> Option<Slot> {
        let mut copy = *self;
        copy.dst_mut().map(|d| *d)
    }
}
