//! Exception handling: `try_table`, `throw`, `throw_ref` and the calls
//! that a `try_table` catches from.
//!
//! A `try_table` is a `block` whose frame carries its catch clauses; the
//! frames on the control stack are thus the lexical handler stack. Inside
//! a `try_table` with at least one clause every `call`, `call_indirect`
//! and `call_ref` is made through the [`LibCall::CallCatching`] helper
//! (arguments and results in 16-byte cells of a stack slot), so that an
//! exception from the callee comes back here as a status instead of
//! unwinding past this frame; tail calls are not (they leave the frame
//! first, so the caller's handlers apply).
//!
//! An exception to dispatch — thrown here, or returned by a catching
//! call — is matched against the enclosing clauses, innermost `try_table`
//! first, each in order: `catch_all*` always matches, `catch tag` when the
//! exception's tag is the same `VmTag` as the instance's tag `tag`. A match
//! branches to the clause's label with the payload (loaded from the
//! exception's cells by the tag's parameter types) and, for `_ref`, the
//! exception. When nothing matches, a caught call's failure is still
//! pending and is propagated; a `throw`/`throw_ref` raises the exception
//! ([`LibCall::ExnRaise`]) first.
//!
//! `throw tag` knows its tag and payload: a clause of the same tag matches
//! without a check, one of another tag compares the two tags' identities,
//! a match passes the payload values as they are (without loads), and
//! the exception itself is only
//! created ([`LibCall::ExnNew`]) on the paths that need it (a `_ref`
//! clause, or none matching), so that a throw caught in the same function
//! allocates nothing.

use super::{Result, Translator, internal, offset32};
use crate::abi::{self, LibCall};
use concord_core::translate::CatchClause;
use concord_core::vm::offsets;
use concord_core::{TrapCode, ValType};
use cranelift_codegen::ir::{
    self, BlockArg, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value, condcodes::IntCC, types,
};
use cranelift_frontend::FunctionBuilder;

/// Bytes per value cell.
const CELL: usize = abi::CELL as usize;

/// The exception being dispatched.
#[derive(Clone)]
enum Thrown {
    /// An `exnref` (non-null): from `throw_ref` or a catching call.
    Exn(Value),
    /// `throw tag` with its payload; the exception is made when needed.
    Tag(u32, Vec<Value>),
}

/// Flags for the exception's fields and payload: never trapping. Not
/// read-only: `ExnCatch` may recycle the payload, so its loads must stay
/// before that call. The payload is only 8-byte aligned (a heap array of
/// cells).
fn exn_flags() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

impl Translator<'_> {
    /// `try_table`: a `block` whose frame holds the catch clauses.
    pub(super) fn try_table(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        try_table: &concord_core::wasmparser::TryTable,
    ) -> Result<()> {
        self.block(b, try_table.ty)?;
        let ctrl = self.ctrls.top_mut().ok_or_else(|| internal("no try_table frame"))?;
        ctrl.data.catches = try_table.catches.iter().map(CatchClause::new).collect();
        Ok(())
    }

    /// Whether a call here is inside a `try_table` with a catch clause.
    pub(super) fn catching(&self) -> bool {
        (0..self.ctrls.len() as u32).any(|d| self.ctrls.frame(d).is_some_and(|f| !f.data.catches.is_empty()))
    }

    /// The payload types of tag `tag`.
    fn tag_params(&self, tag: u32) -> Result<Vec<ValType>> {
        let info = self.env.info;
        let ty = info
            .tags
            .get(tag as usize)
            .and_then(|&t| info.types.get(t as usize))
            .ok_or_else(|| internal(format_args!("no tag {tag}")))?;
        Ok(ty.params().to_vec())
    }

    /// The address of the function's value cells, at least `n` of them:
    /// one stack slot, grown to the largest use.
    fn cells(&mut self, b: &mut FunctionBuilder<'_>, n: usize) -> Value {
        let size = (n.max(1) * CELL) as u32;
        let slot = match self.cells {
            Some(slot) => {
                let data = &mut b.func.sized_stack_slots[slot];
                data.size = data.size.max(size);
                slot
            }
            None => {
                let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size, 4));
                self.cells = Some(slot);
                slot
            }
        };
        b.ins().stack_addr(abi::POINTER, slot, 0)
    }

    /// Stores `values` in the cells at `base` ([`abi::store_cell`]).
    fn store_cells(b: &mut FunctionBuilder<'_>, values: &[Value], base: Value) {
        for (i, &v) in values.iter().enumerate() {
            abi::store_cell(b, v, base, i);
        }
    }

    /// `throw tag`.
    pub(super) fn throw(&mut self, b: &mut FunctionBuilder<'_>, tag: u32) -> Result<()> {
        let n = self.tag_params(tag)?.len();
        let payload = self.pop_n(n)?;
        self.dispatch(b, Thrown::Tag(tag, payload), false)?;
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// `throw_ref`: traps on null, else dispatches the exception.
    pub(super) fn throw_ref(&mut self, b: &mut FunctionBuilder<'_>) -> Result<()> {
        let exn = self.pop()?;
        b.ins().trapz(exn, abi::trap_code(TrapCode::NullReference));
        self.dispatch(b, Thrown::Exn(exn), false)?;
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// A call inside a `try_table` through funcref `fr` (non-null, of type
    /// `type_index`): [`LibCall::CallCatching`] with the arguments in
    /// cells. Returns the results; an exception is dispatched, any other
    /// failure propagated.
    pub(super) fn catching_call(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        fr: Value,
        type_index: u32,
        wasm_args: &[Value],
    ) -> Result<Vec<Value>> {
        let ty = self.func_type(type_index)?.clone();
        let n = ty.params().len().max(ty.results().len()).max(1);
        let cells = self.cells(b, n);
        Self::store_cells(b, wasm_args, cells);
        let len = b.ins().iconst(abi::POINTER, n as i64);
        let status = self
            .env
            .call_libcall(b, LibCall::CallCatching, &[fr, cells, len])
            .ok_or_else(|| internal("CallCatching without a status"))?;
        let returned = b.ins().icmp_imm_u(IntCC::Equal, status, 1);
        let ok = b.create_block();
        let failed = b.create_block();
        b.ins().brif(returned, ok, &[], failed, &[]);
        b.seal_block(ok);
        b.seal_block(failed);

        b.switch_to_block(failed);
        b.set_cold_block(failed);
        let threw = b.ins().icmp_imm_u(IntCC::Equal, status, 2);
        b.ins().trapz(threw, abi::TRAP_PROPAGATE);
        let exn = abi::load_cell(b, types::I64, cells, 0);
        self.dispatch(b, Thrown::Exn(exn), true)?;

        b.switch_to_block(ok);
        Ok(ty
            .results()
            .iter()
            .enumerate()
            .map(|(i, &r)| abi::load_cell(b, abi::clif_type(r), cells, i))
            .collect())
    }

    /// The enclosing catch clauses, innermost `try_table` first, each with
    /// its label's block (marked used); up to the first `catch_all*`.
    fn handlers(&mut self) -> Result<Vec<(CatchClause, ir::Block)>> {
        let mut clauses = Vec::new();
        for depth in 0..self.ctrls.len() as u32 {
            let Some(frame) = self.ctrls.frame(depth) else { break };
            for clause in frame.data.catches.clone() {
                // The label counts from outside the `try_table`.
                let (block, _) = self.branch_target(depth + 1 + clause.label)?;
                clauses.push((clause, block));
                if clause.tag.is_none() {
                    return Ok(clauses);
                }
            }
        }
        Ok(clauses)
    }

    /// Dispatches `thrown` to the enclosing handlers (see the module
    /// docs); ends the current block. `from_call`: it came from a catching
    /// call, so its failure is pending.
    fn dispatch(&mut self, b: &mut FunctionBuilder<'_>, thrown: Thrown, from_call: bool) -> Result<()> {
        let handlers = self.handlers()?;
        // The identity of the exception's tag, loaded once.
        let mut exn_tag: Option<Value> = None;
        for (clause, target) in handlers {
            let hit = match (clause.tag, &thrown) {
                (None, _) => None,
                (Some(t), Thrown::Tag(thrown_tag, _)) if t == *thrown_tag => None,
                (Some(t), Thrown::Tag(thrown_tag, _)) => {
                    // Tags of different types are never the same tag.
                    if self.tag_params(t)? != self.tag_params(*thrown_tag)? {
                        continue;
                    }
                    let a = self.env.vmctx_array_entry(b, offsets::VMCTX_TAGS, t);
                    let c = self.env.vmctx_array_entry(b, offsets::VMCTX_TAGS, *thrown_tag);
                    Some(b.ins().icmp(IntCC::Equal, a, c))
                }
                (Some(t), Thrown::Exn(exn)) => {
                    let actual = match exn_tag {
                        Some(v) => v,
                        None => {
                            let v = b
                                .ins()
                                .load(abi::POINTER, exn_flags(), *exn, offset32(offsets::EXN_TAG));
                            exn_tag = Some(v);
                            v
                        }
                    };
                    let expected = self.env.vmctx_array_entry(b, offsets::VMCTX_TAGS, t);
                    Some(b.ins().icmp(IntCC::Equal, actual, expected))
                }
            };
            let Some(hit) = hit else {
                // Matches unconditionally: nothing after it runs.
                return self.catch(b, clause, target, &thrown, from_call);
            };
            let caught = b.create_block();
            let next = b.create_block();
            b.ins().brif(hit, caught, &[], next, &[]);
            b.seal_block(caught);
            b.seal_block(next);
            b.switch_to_block(caught);
            self.catch(b, clause, target, &thrown, from_call)?;
            b.switch_to_block(next);
        }
        // No handler here: the caller's, if any, gets it. Propagated by a
        // call rather than the trap (no signal: exceptions are frequent);
        // the trap after it is never reached.
        if !from_call {
            let exn = self.exn(b, &thrown)?;
            self.env.call_libcall(b, LibCall::ExnRaise, &[exn]);
        }
        self.env.call_libcall(b, LibCall::Propagate, &[]);
        b.ins().trap(abi::TRAP_PROPAGATE);
        Ok(())
    }

    /// The exception as an `exnref`, made here for a `throw`.
    fn exn(&mut self, b: &mut FunctionBuilder<'_>, thrown: &Thrown) -> Result<Value> {
        match thrown {
            Thrown::Exn(exn) => Ok(*exn),
            Thrown::Tag(tag, payload) => {
                let tys = self.tag_params(*tag)?;
                let cells = self.cells(b, tys.len());
                Self::store_cells(b, payload, cells);
                let tag = b.ins().iconst(types::I32, i64::from(*tag));
                self.env
                    .call_libcall(b, LibCall::ExnNew, &[tag, cells])
                    .ok_or_else(|| internal("ExnNew without a result"))
            }
        }
    }

    /// Clause `clause` caught `thrown`: branches to `target` with the
    /// payload and, for `_ref`, the exception.
    fn catch(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        clause: CatchClause,
        target: ir::Block,
        thrown: &Thrown,
        from_call: bool,
    ) -> Result<()> {
        let mut values = Vec::new();
        if let Some(tag) = clause.tag {
            match thrown {
                // The same tag (a `VmTag` has one type): the same payload.
                Thrown::Tag(_, payload) => values.extend_from_slice(payload),
                Thrown::Exn(exn) => {
                    let cells = b
                        .ins()
                        .load(abi::POINTER, exn_flags(), *exn, offset32(offsets::EXN_VALUES));
                    for (i, ty) in self.tag_params(tag)?.into_iter().enumerate() {
                        values.push(b.ins().load(abi::clif_type(ty), exn_flags(), cells, (i * CELL) as i32));
                    }
                }
            }
        }
        // After the payload is read: the exception is caught (its pending
        // failure, from a call, cleared), referenced from now on with
        // `_ref`, else recycled when nothing else references it. A `throw`
        // caught here without `_ref` made no exception at all.
        if clause.with_ref || matches!(thrown, Thrown::Exn(_)) || from_call {
            let exn = self.exn(b, thrown)?;
            let with_ref = b.ins().iconst(types::I32, i64::from(clause.with_ref));
            self.env.call_libcall(b, LibCall::ExnCatch, &[exn, with_ref]);
            if clause.with_ref {
                values.push(exn);
            }
        }
        let args: Vec<BlockArg> = values.into_iter().map(BlockArg::Value).collect();
        b.ins().jump(target, &args);
        Ok(())
    }
}
