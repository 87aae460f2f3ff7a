//! Exception handling: `try_table`, `throw`, `throw_ref` and the calls
//! that catch.
//!
//! A `try_table` is a block whose frame carries its catch clauses. Inside
//! one with a clause, a call (not a tail call: that leaves the frame first)
//! goes through `LibCall::CallCatching`, which runs the callee's array call
//! in a trap activation of its own and reports an exception as a status
//! instead of unwinding past this frame. `throw` makes the exception with
//! `LibCall::ExnNew`; `throw_ref` takes it from the stack.
//!
//! The exception's address is then kept in a hidden slot and *dispatched*
//! by code emitted at the site: the clauses of the enclosing `try_table`s,
//! innermost first and each in order, are compared with it (`catch_all*`
//! always matches; `catch tag` when the exception's tag is the instance's
//! tag `tag`, compared by address). The first that matches writes the
//! payload (then the `exnref`, for `_ref`) to the home slots the clause's
//! label expects, reports the catch (`LibCall::ExnCatch`: the pending
//! failure is cleared, the exception kept or recycled) and jumps there, as
//! a branch does. With no match, an exception from a call
//! is still the pending failure and propagates; one thrown here is raised
//! first (`LibCall::ExnRaise`).

use super::{Gen, Result, internal};
use concord_core::FuncType;
use concord_core::TrapCode;
use concord_core::machine::libcalls::{self, LibCall};
use concord_core::translate::{CatchClause, ControlKind};
use concord_core::vm::offsets;
use concord_core::wasmparser::TryTable;
use dynasmrt::{DynasmApi, DynasmLabelApi, dynasm};

impl Gen<'_> {
    /// `try_table`: a block whose catch clauses handle what its body throws.
    pub(super) fn try_table(&mut self, t: &TryTable) -> Result<()> {
        let catches: Vec<CatchClause> = t.catches.iter().map(CatchClause::new).collect();
        // A clause's label is counted outside the `try_table` (where we are
        // now) and makes its target's end reachable, as a branch does.
        for c in &catches {
            let frame = self
                .ctrls
                .frame_mut(c.label)
                .ok_or_else(|| internal("catch label depth"))?;
            if frame.kind != ControlKind::Loop {
                frame.data.branched = true;
            }
        }
        self.block(t.ty)?;
        let top = self.ctrls.top_mut().ok_or_else(|| internal("try_table frame"))?;
        top.data.catches = catches;
        Ok(())
    }

    /// Whether the code being translated is inside a `try_table` with a
    /// catch clause.
    pub(super) fn catching(&self) -> bool {
        (0..self.ctrls.len() as u32).any(|d| self.ctrls.frame(d).is_some_and(|f| !f.data.catches.is_empty()))
    }

    /// The `rbp`-relative offset of the hidden slot holding the exception
    /// being dispatched.
    fn exn_slot(&mut self) -> i32 {
        let slot = match self.exn_slot {
            Some(s) => s,
            None => {
                let s = self.hidden_slots(1);
                self.exn_slot = Some(s);
                s
            }
        };
        Self::local_off(slot)
    }

    /// `throw tag`: a new exception with the payload on top of the stack,
    /// dispatched here.
    pub(super) fn throw(&mut self, tag: u32) -> Result<()> {
        let n = self.tag_params(tag)?.len();
        self.spill_all();
        self.clear_local_cache();
        let base = self.height_below(n)?;
        self.max_depth = self.max_depth.max(base + 1);
        let cells = Self::home(base);
        let slot = self.exn_slot();
        let addr = libcalls::address(LibCall::ExnNew) as i64;
        let tag_imm = tag as i32;
        dynasm!(self.a.ops
            ; .arch x64
            ; mov rdi, r14
            ; mov esi, tag_imm
            ; lea rdx, [rsp + cells]
            ; mov r11, QWORD addr
            ; call r11
            ; mov [rbp + slot], rax
        );
        self.reset_stack(base, &[]);
        self.dispatch(false)?;
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// `throw_ref`: traps on null, else dispatches the exception here.
    pub(super) fn throw_ref(&mut self) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        let null = self.trap_label(TrapCode::NullReference);
        let slot = self.exn_slot();
        dynasm!(self.a.ops
            ; .arch x64
            ; test Rq(r), Rq(r)
            ; jz =>null
            ; mov [rbp + slot], Rq(r)
        );
        self.free_gpr(r);
        self.spill_all();
        self.clear_local_cache();
        self.dispatch(false)?;
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// A call inside a `try_table` with a catch clause, to the function
    /// whose `VmFuncRef` is in `rax`, with the arguments of `ty` on top of
    /// the (spilled) stack: through `LibCall::CallCatching`, the arguments
    /// and results in the home slots from the arguments' depth as its
    /// cells. An exception it reports is dispatched here; any other
    /// failure propagates.
    pub(super) fn call_catching(&mut self, ty: &FuncType) -> Result<()> {
        let n = ty.params().len();
        let m = ty.results().len();
        let base = self.height_below(n)?;
        let len = n.max(m).max(1);
        self.max_depth = self.max_depth.max(base + len);
        let cells = Self::home(base);
        let slot = self.exn_slot();
        let addr = libcalls::address(LibCall::CallCatching) as i64;
        let len = len as i32;
        let returned = self.a.ops.new_dynamic_label();
        let trap = self.propagate_label();
        dynasm!(self.a.ops
            ; .arch x64
            ; mov rdi, r14
            ; mov rsi, rax
            ; lea rdx, [rsp + cells]
            ; mov ecx, len
            ; mov r11, QWORD addr
            ; call r11
        );
        // A `mov`: the status survives it.
        self.reload_memory_base();
        dynasm!(self.a.ops
            ; .arch x64
            ; cmp al, 1
            ; je =>returned
            ; test al, al
            ; jz =>trap
            ; mov rax, [rsp + cells]
            ; mov [rbp + slot], rax
        );
        self.reset_stack(base, &[]);
        self.dispatch(true)?;
        dynasm!(self.a.ops ; .arch x64 ; =>returned);
        let kinds = ty
            .results()
            .iter()
            .map(|&t| super::Kind::of(t))
            .collect::<Result<Vec<_>>>()?;
        self.reset_stack(base, &kinds);
        Ok(())
    }

    /// The payload types of tag `tag`.
    fn tag_params(&self, tag: u32) -> Result<Vec<super::Kind>> {
        let ty = self
            .info
            .tags
            .get(tag as usize)
            .and_then(|&t| self.info.types.get(t as usize))
            .ok_or_else(|| internal("no such tag"))?;
        ty.params().iter().map(|&t| super::Kind::of(t)).collect()
    }

    /// Dispatches the exception in the exception slot to the first
    /// matching clause of the enclosing `try_table`s (see the module docs);
    /// all values must be spilled. Without a match the code propagates the
    /// failure: still pending when the exception came `from_call`, raised
    /// here otherwise.
    fn dispatch(&mut self, from_call: bool) -> Result<()> {
        let slot = self.exn_slot();
        // (clause, its target's relative depth from here)
        let mut handlers = Vec::new();
        for d in 0..self.ctrls.len() as u32 {
            let frame = self.ctrls.frame(d).ok_or_else(|| internal("frame depth"))?;
            for &c in &frame.data.catches {
                handlers.push((c, d + 1 + c.label));
            }
        }
        let (tags, exn_tag, exn_values) = (
            offsets::VMCTX_TAGS as i32,
            offsets::EXN_TAG as i32,
            offsets::EXN_VALUES as i32,
        );
        let catch = libcalls::address(LibCall::ExnCatch) as i64;
        for (c, depth) in handlers {
            let next = self.a.ops.new_dynamic_label();
            let payload = match c.tag {
                Some(tag) => {
                    let at = 8 * tag as i32;
                    dynasm!(self.a.ops
                        ; .arch x64
                        ; mov rax, [rbp + slot]
                        ; mov r11, [r14 + tags]
                        ; mov r11, [r11 + at]
                        ; cmp r11, [rax + exn_tag]
                        ; jne =>next
                    );
                    self.tag_params(tag)?.len()
                }
                None => 0,
            };
            if payload > 0 || c.with_ref {
                dynasm!(self.a.ops ; .arch x64 ; mov rax, [rbp + slot]);
            }
            let frame = self.ctrls.frame_mut(depth).ok_or_else(|| internal("catch depth"))?;
            if frame.kind != ControlKind::Loop {
                frame.data.branched = true;
            }
            let (to, label) = (frame.height, frame.data.target);
            if frame.branch_arity() != payload + usize::from(c.with_ref) {
                return Err(internal("catch clause arity"));
            }
            if payload > 0 {
                dynasm!(self.a.ops ; .arch x64 ; mov r11, [rax + exn_values]);
            }
            for i in 0..payload {
                let (src, dst) = (16 * i as i32, Self::home(to + i));
                dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [r11 + src] ; movdqu [rsp + dst], xmm15);
            }
            if c.with_ref {
                let dst = Self::home(to + payload);
                dynasm!(self.a.ops ; .arch x64 ; mov [rsp + dst], rax);
            }
            // Caught, once the payload is read: the pending failure is
            // cleared, and the exception referenced from now on (`_ref`) or
            // recycled.
            let with_ref = i32::from(c.with_ref);
            dynasm!(self.a.ops
                ; .arch x64
                ; mov rdi, r14
                ; mov rsi, [rbp + slot]
                ; mov edx, with_ref
                ; mov r11, QWORD catch
                ; call r11
                ; jmp =>label
                ; =>next
            );
        }
        if !from_call {
            let raise = libcalls::address(LibCall::ExnRaise) as i64;
            dynasm!(self.a.ops
                ; .arch x64
                ; mov rdi, r14
                ; mov rsi, [rbp + slot]
                ; mov r11, QWORD raise
                ; call r11
            );
        }
        // Propagated by a call rather than the trap (no signal: exceptions
        // are frequent); the jump after it is never taken.
        let propagate = libcalls::address(LibCall::Propagate) as i64;
        let trap = self.propagate_label_untaken();
        dynasm!(self.a.ops
            ; .arch x64
            ; mov rdi, r14
            ; mov r11, QWORD propagate
            ; call r11
            ; jmp =>trap
        );
        Ok(())
    }
}
