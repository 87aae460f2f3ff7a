//! Control flow: blocks, loops, `if`, branches, calls.
//!
//! Every merge point is reached with all values in their home slots: a
//! block's parameters and results sit in the home slots of the depths they
//! occupy, so entering and leaving a block moves nothing, and a branch
//! copies its values down to the target's depths.

use super::{Frame, Gen, Kind, Loc, Result, SAVED_BYTES, SLOT, internal, native_locs};
use crate::emit::gpr::*;
use crate::emit::{INT_PARAM_REGS, INT_RESULT_REGS};
use concord_core::translate::{ControlFrame, ControlKind, block_signature};
use concord_core::vm::offsets;
use concord_core::wasmparser::{BlockType, BrTable};
use concord_core::{FuncType, TrapCode};
use dynasmrt::{DynasmApi, DynasmLabelApi, dynasm};

impl Gen<'_> {
    fn block_kinds(&self, ty: BlockType) -> Result<(Vec<Kind>, Vec<Kind>)> {
        let sig = block_signature(self.info, ty).ok_or_else(|| internal(format_args!("no block type {ty:?}")))?;
        let kinds = |t: &[concord_core::ValType]| t.iter().map(|&t| Kind::of(t)).collect::<Result<Vec<_>>>();
        Ok((kinds(sig.params)?, kinds(sig.results)?))
    }

    pub(super) fn height_below(&self, params: usize) -> Result<usize> {
        self.depth()
            .checked_sub(params)
            .ok_or_else(|| internal("operand stack underflow"))
    }

    /// Copies the home slots of depths `from..from + n` to `to..to + n`.
    fn move_homes(&mut self, from: usize, to: usize, n: usize) {
        if from == to {
            return;
        }
        for i in 0..n {
            let (src, dst) = (Self::home(from + i), Self::home(to + i));
            dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [rsp + src] ; movdqu [rsp + dst], xmm15);
        }
    }

    /// Copies depths `from..from + n` to hidden slots starting at `slot`, or back.
    fn save_homes(&mut self, from: usize, slot: u32, n: usize, restore: bool) {
        for i in 0..n {
            let home = Self::home(from + i);
            let local = Self::local_off(slot + i as u32);
            if restore {
                dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [rbp + local] ; movdqu [rsp + home], xmm15);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; movdqu xmm15, [rsp + home] ; movdqu [rbp + local], xmm15);
            }
        }
    }

    /// Replaces the stack above `height` with `kinds`, all in their homes.
    pub(super) fn reset_stack(&mut self, height: usize, kinds: &[Kind]) {
        for v in self.stack.drain(height..).collect::<Vec<_>>() {
            self.free(v);
        }
        for &k in kinds {
            self.push(k, Loc::Home);
        }
    }

    pub(super) fn block(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_kinds(ty)?;
        let height = self.height_below(params.len())?;
        self.spill_all();
        let target = self.a.ops.new_dynamic_label();
        self.ctrls.push(ControlFrame::new(
            ControlKind::Block,
            height,
            params.len(),
            results.len(),
            Frame {
                target,
                other: None,
                saved_params: None,
                params,
                results,
                branched: false,
                catches: Vec::new(),
            },
        ));
        Ok(())
    }

    pub(super) fn loop_(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_kinds(ty)?;
        let height = self.height_below(params.len())?;
        self.spill_all();
        let header = self.a.ops.new_dynamic_label();
        dynasm!(self.a.ops ; .arch x64 ; =>header);
        self.clear_local_cache();
        self.ctrls.push(ControlFrame::new(
            ControlKind::Loop,
            height,
            params.len(),
            results.len(),
            Frame {
                target: header,
                other: None,
                saved_params: None,
                params,
                results,
                branched: false,
                catches: Vec::new(),
            },
        ));
        self.epoch_check();
        self.start_fuel_block();
        Ok(())
    }

    pub(super) fn if_(&mut self, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_kinds(ty)?;
        let pending = self.pending.take();
        let (c, _) = self.pop_gpr()?;
        let height = self.height_below(params.len())?;
        self.spill_all();
        // The true arm overwrites the parameters' home slots: keep a copy
        // for the else arm.
        let saved_params = if params.is_empty() {
            None
        } else {
            let slot = self.hidden_slots(params.len() as u32);
            self.save_homes(height, slot, params.len(), false);
            Some(slot)
        };
        let end = self.a.ops.new_dynamic_label();
        let else_ = self.a.ops.new_dynamic_label();
        match pending {
            Some(cond) => self.jcc(cond, true, else_),
            None => dynasm!(self.a.ops ; .arch x64 ; test Rd(c), Rd(c) ; jz =>else_),
        }
        self.free_gpr(c);
        self.ctrls.push(ControlFrame::new(
            ControlKind::If,
            height,
            params.len(),
            results.len(),
            Frame {
                target: end,
                other: Some(else_),
                saved_params,
                params,
                results,
                branched: false,
                catches: Vec::new(),
            },
        ));
        self.start_fuel_block();
        Ok(())
    }

    pub(super) fn else_(&mut self) -> Result<()> {
        let reachable = !self.ctrls.is_unreachable();
        let frame = self.ctrls.top().ok_or_else(|| internal("else outside a frame"))?;
        let (height, end, else_label, saved) = (
            frame.height,
            frame.data.target,
            frame.data.other,
            frame.data.saved_params,
        );
        let params = frame.data.params.clone();
        if reachable {
            self.spill_all();
            dynasm!(self.a.ops ; .arch x64 ; jmp =>end);
        }
        if let Some(f) = self.ctrls.top_mut() {
            f.data.branched |= reachable;
            f.data.other = None;
        }
        self.ctrls.enter_else();
        let else_label = else_label.ok_or_else(|| internal("else without if"))?;
        dynasm!(self.a.ops ; .arch x64 ; =>else_label);
        self.clear_local_cache();
        self.reset_stack(height, &params);
        if let Some(slot) = saved {
            self.save_homes(height, slot, params.len(), true);
        }
        self.start_fuel_block();
        Ok(())
    }

    pub(super) fn end(&mut self) -> Result<()> {
        let reachable = !self.ctrls.is_unreachable();
        if reachable && self.ctrls.len() == 1 && self.conv.results_in_registers() && self.results.len() == 1 {
            // The function falls through with its one result: straight into
            // the result register, past the epilogue's loads from home slots.
            let v = self.pop()?;
            if v.kind.in_xmm() {
                let x = self.xmm(v, 0);
                if x != 0 {
                    dynasm!(self.a.ops ; .arch x64 ; movaps xmm0, Rx(x));
                }
            } else {
                let r = self.gpr(v, 0);
                if r != RAX {
                    dynasm!(self.a.ops ; .arch x64 ; mov rax, Rq(r));
                }
            }
            self.free(v);
            self.result_in_register = true;
        } else if reachable {
            self.spill_all();
        }
        let frame = self.ctrls.pop().ok_or_else(|| internal("end outside a frame"))?;
        match frame.kind {
            ControlKind::Func => {
                // The results are in the home slots of depths 0.. (the
                // function frame's height is 0): fall into the epilogue.
                return Ok(());
            }
            ControlKind::Loop => {}
            ControlKind::Block | ControlKind::Else => {
                let target = frame.data.target;
                dynasm!(self.a.ops ; .arch x64 ; =>target);
            }
            ControlKind::If => {
                // No else arm: the false path passes the parameters on.
                let else_label = frame.data.other.ok_or_else(|| internal("if without else label"))?;
                let target = frame.data.target;
                if let Some(slot) = frame.data.saved_params {
                    if reachable {
                        dynasm!(self.a.ops ; .arch x64 ; jmp =>target);
                    }
                    dynasm!(self.a.ops ; .arch x64 ; =>else_label);
                    self.save_homes(frame.height, slot, frame.num_params, true);
                } else {
                    dynasm!(self.a.ops ; .arch x64 ; =>else_label);
                }
                dynasm!(self.a.ops ; .arch x64 ; =>target);
            }
        }
        if frame.kind != ControlKind::Loop {
            // A merge point (the loop's end has no label: only its
            // fallthrough reaches it).
            self.clear_local_cache();
        }
        let continues = reachable || frame.data.branched || frame.kind == ControlKind::If;
        self.reset_stack(frame.height, &frame.data.results);
        if continues {
            self.start_fuel_block();
        } else {
            self.ctrls.set_unreachable();
        }
        Ok(())
    }

    /// Moves the branch values to the target frame's depths and returns the
    /// label to jump to. All values must be spilled.
    fn branch_target(&mut self, depth: u32) -> Result<dynasmrt::DynamicLabel> {
        let len = self.depth();
        let frame = self.ctrls.frame_mut(depth).ok_or_else(|| internal("branch depth"))?;
        let arity = frame.branch_arity();
        let to = frame.height;
        if frame.kind != ControlKind::Loop {
            frame.data.branched = true;
        }
        let label = frame.data.target;
        let from = len.checked_sub(arity).ok_or_else(|| internal("branch underflow"))?;
        self.move_homes(from, to, arity);
        Ok(label)
    }

    /// Whether a branch to `depth` needs no moves.
    fn branch_in_place(&self, depth: u32) -> Result<bool> {
        let frame = self.ctrls.frame(depth).ok_or_else(|| internal("branch depth"))?;
        let arity = frame.branch_arity();
        Ok(arity == 0 || self.depth() - arity == frame.height)
    }

    pub(super) fn br(&mut self, depth: u32) -> Result<()> {
        self.spill_all();
        let label = self.branch_target(depth)?;
        dynasm!(self.a.ops ; .arch x64 ; jmp =>label);
        Ok(())
    }

    pub(super) fn br_if(&mut self, depth: u32) -> Result<()> {
        let pending = self.pending.take();
        let (c, _) = self.pop_gpr()?;
        self.spill_all();
        let cond = match pending {
            Some(cond) => cond,
            None => {
                dynasm!(self.a.ops ; .arch x64 ; test Rd(c), Rd(c));
                super::numeric::Cond::Ne
            }
        };
        self.free_gpr(c);
        // Spilling and branch moves are `mov`s: the flags survive them.
        if self.branch_in_place(depth)? {
            let label = self.branch_target(depth)?;
            self.jcc(cond, false, label);
        } else {
            let skip = self.a.ops.new_dynamic_label();
            self.jcc(cond, true, skip);
            let label = self.branch_target(depth)?;
            dynasm!(self.a.ops ; .arch x64 ; jmp =>label ; =>skip);
        }
        Ok(())
    }

    /// `br_on_null` (`on_null`) or `br_on_non_null`: branches on the
    /// reference on top of the stack, which the branch drops
    /// (`br_on_null`) or passes as its last value (`br_on_non_null`).
    pub(super) fn br_on_null(&mut self, depth: u32, on_null: bool) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        dynasm!(self.a.ops ; .arch x64 ; test Rq(r), Rq(r));
        // Taken when null (zero flag set) for `br_on_null`.
        let cond = if on_null {
            super::numeric::Cond::Eq
        } else {
            super::numeric::Cond::Ne
        };
        if !on_null {
            self.push(Kind::Ref, Loc::Gpr(r));
        }
        // Spilling and branch moves are `mov`s: the flags survive them. A
        // reference kept in its register for the other path is not moved.
        self.spill_all();
        if self.branch_in_place(depth)? {
            let label = self.branch_target(depth)?;
            self.jcc(cond, false, label);
        } else {
            let skip = self.a.ops.new_dynamic_label();
            self.jcc(cond, true, skip);
            let label = self.branch_target(depth)?;
            dynasm!(self.a.ops ; .arch x64 ; jmp =>label ; =>skip);
        }
        if on_null {
            self.push(Kind::Ref, Loc::Gpr(r));
        } else {
            let v = self.pop()?;
            self.free(v);
        }
        Ok(())
    }

    /// `ref.as_non_null`: traps on null, keeps the reference.
    pub(super) fn ref_as_non_null(&mut self) -> Result<()> {
        let (r, _) = self.pop_gpr()?;
        let null = self.trap_label(TrapCode::NullReference);
        dynasm!(self.a.ops ; .arch x64 ; test Rq(r), Rq(r) ; jz =>null);
        self.push(Kind::Ref, Loc::Gpr(r));
        Ok(())
    }

    /// `call_ref` of type `type_index` (or `return_call_ref` with `tail`):
    /// traps on a null reference, else calls through it (see [`Self::call`]).
    pub(super) fn call_ref(&mut self, type_index: u32, tail: bool) -> Result<()> {
        let ty = self
            .info
            .types
            .get(type_index as usize)
            .ok_or_else(|| internal("no such type"))?
            .clone();
        self.spill_all();
        self.clear_local_cache();
        let d = self.depth() - 1;
        self.pop()?;
        let at = Self::home(d);
        let null = self.trap_label(TrapCode::NullReference);
        dynasm!(self.a.ops ; .arch x64 ; mov rax, [rsp + at] ; test rax, rax ; jz =>null);
        self.call_funcref(&ty, tail)?;
        if tail {
            self.tail_return()?;
        }
        Ok(())
    }

    pub(super) fn br_table(&mut self, targets: &BrTable<'_>) -> Result<()> {
        let (i, _) = self.pop_gpr()?;
        self.spill_all();
        let depths: Vec<u32> = targets
            .targets()
            .collect::<std::result::Result<_, _>>()
            .map_err(internal)?;
        let default = targets.default();
        let n = i32::try_from(depths.len()).map_err(|_| internal("br_table too large"))?;
        // One stub per distinct target: its moves, then the jump.
        let mut stubs: Vec<(u32, dynasmrt::DynamicLabel)> = Vec::new();
        let mut stub = |g: &mut Gen<'_>, d: u32| match stubs.iter().find(|s| s.0 == d) {
            Some(s) => s.1,
            None => {
                let l = g.a.ops.new_dynamic_label();
                stubs.push((d, l));
                l
            }
        };
        let default_stub = stub(self, default);
        let table = self.a.ops.new_dynamic_label();
        dynasm!(self.a.ops
            ; .arch x64
            ; cmp Rd(i), n
            ; jae =>default_stub
            ; lea r11, [=>table]
            ; lea Rq(i), [Rq(i) + Rq(i) * 4]
            ; add r11, Rq(i)
            ; jmp r11
            ; =>table
        );
        self.free_gpr(i);
        for &d in &depths {
            let l = stub(self, d);
            let before = self.a.offset();
            dynasm!(self.a.ops ; .arch x64 ; jmp =>l);
            if self.a.offset() - before != 5 {
                return Err(internal("br_table entry is not 5 bytes"));
            }
        }
        let mut done = 0;
        while done < stubs.len() {
            let (d, l) = stubs[done];
            done += 1;
            dynasm!(self.a.ops ; .arch x64 ; =>l);
            let label = self.branch_target(d)?;
            dynasm!(self.a.ops ; .arch x64 ; jmp =>label);
        }
        Ok(())
    }

    // ---- calls -----------------------------------------------------------------

    /// `call` (`tail == false`) or `return_call` (`tail == true`).
    ///
    /// A tail call from a native-convention function to a callee of a
    /// native-convention type with machine code (a `wasm_call`) tears this
    /// frame down and jumps, so a chain of them runs in constant stack;
    /// any other (a cells-convention caller or callee type, or a callee
    /// reached through its array call) is a call followed by a return.
    pub(super) fn call(&mut self, func_index: u32, tail: bool) -> Result<()> {
        let ty = self.info.func_type(func_index).clone();
        // A call that catches goes through the callee's `VmFuncRef`.
        let catching = !tail && self.catching();
        if self.direct_calls && func_index >= self.info.num_imported_funcs && !catching {
            self.call_direct(func_index - self.info.num_imported_funcs, &ty, tail)?;
        } else {
            self.spill_all();
            self.clear_local_cache();
            let funcs = offsets::VMCTX_FUNCS as i32;
            let at = 8 * func_index as i32;
            dynasm!(self.a.ops ; .arch x64 ; mov rax, [r14 + funcs] ; mov rax, [rax + at]);
            self.call_funcref(&ty, tail)?;
        }
        if tail {
            self.tail_return()?;
        }
        Ok(())
    }

    /// Ends a tail call: returns the results of the call just made (when it
    /// was not a jump, which left nothing to do) and marks the rest of the
    /// block unreachable.
    fn tail_return(&mut self) -> Result<()> {
        if !self.ctrls.is_unreachable() {
            let depth = self.ctrls.len().saturating_sub(1) as u32;
            self.br(depth)?;
        }
        self.ctrls.set_unreachable();
        Ok(())
    }

    /// Whether a tail call to a callee of type `ty` through its `wasm_call`
    /// can be a jump: the callee's type is in the native convention (its
    /// results, which are this function's, are then in registers in this
    /// function's convention too).
    fn tail_jump(&self, ty: &FuncType) -> bool {
        crate::native_convention(ty)
    }

    /// Sets up a tail call in the wide convention (RFC 0008) to a callee
    /// of type `ty` whose arguments are in the home slots from depth
    /// `base`: copies them to `VmRuntime::tail_args` (this frame is about to
    /// go) and points `rdx` there, and, when the results go to cells, points
    /// `rcx` at this function's own results cells (the results are this
    /// function's). Clobbers `xmm15`; leaves `rax`, `rdi`, `r10` and `r11`
    /// alone.
    fn wide_tail_args(&mut self, ty: &FuncType, base: usize) {
        let (runtime, tail_args) = (offsets::VMCTX_RUNTIME as i32, offsets::RUNTIME_TAIL_ARGS as i32);
        dynasm!(self.a.ops ; .arch x64 ; mov rdx, [r14 + runtime] ; mov rdx, [rdx + tail_args]);
        for i in 0..ty.params().len() {
            let (at, to) = (Self::home(base + i), SLOT * i as i32);
            dynasm!(self.a.ops
                ; .arch x64
                ; movdqu xmm15, [rsp + at]
                ; movdqu [rdx + to], xmm15
            );
        }
        if !crate::convention(ty).results_in_registers() {
            let own = Self::local_off(self.locals.len() as u32);
            dynasm!(self.a.ops ; .arch x64 ; mov rcx, [rbp + own]);
        }
    }

    /// The array-call path (at label `slow`) of a tail call to the function
    /// whose `VmFuncRef` is in `rax` (its entry in `r11`), of type `ty` with
    /// its arguments in the home slots from depth `base`: offers the callee
    /// (an interpreted function) to finish a tail call it ends with (RFC
    /// 0008: `VmRuntime::tail_accept`/`tail_callee`). When it does, the new
    /// callee, of any type with this function's results, has its arguments
    /// in `VmRuntime::tail_args`: a jump to its `wide_call` replaces this
    /// frame, else its array call is made on those cells. Falls through with
    /// the results in the cells.
    fn tail_array_call(&mut self, ty: &FuncType, base: usize, slow: dynasmrt::DynamicLabel) -> Result<()> {
        let len = ty.params().len().max(ty.results().len()).max(1) as i32;
        let cells = Self::home(base);
        let (runtime, accept, pending, tail_args) = (
            offsets::VMCTX_RUNTIME as i32,
            offsets::RUNTIME_TAIL_ACCEPT as i32,
            offsets::RUNTIME_TAIL_CALLEE as i32,
            offsets::RUNTIME_TAIL_ARGS as i32,
        );
        let (entry, array_call, wide_call, vmctx) = (
            offsets::FUNCREF_ENTRY as i32,
            offsets::ENTRY_ARRAY_CALL as i32,
            offsets::ENTRY_WIDE_CALL as i32,
            offsets::FUNCREF_VMCTX as i32,
        );
        let max = concord_core::vm::MAX_PARAMS as i32;
        let trap = self.propagate_label();
        let done = self.a.ops.new_dynamic_label();
        let array = self.a.ops.new_dynamic_label();
        dynasm!(self.a.ops
            ; .arch x64
            ; =>slow
            ; mov r10, [r14 + runtime]
            ; mov [r10 + accept], rax
            ; mov rdi, rax
            ; mov rsi, r14
            ; lea rdx, [rsp + cells]
            ; mov ecx, len
            ; call QWORD [r11 + array_call]
            ; mov r10, [r14 + runtime]
            ; mov QWORD [r10 + accept], 0
            ; test al, al
            ; jz =>trap
            ; mov rax, [r10 + pending]
            ; test rax, rax
            ; jz =>done
            ; mov QWORD [r10 + pending], 0
            ; mov r11, [rax + entry]
            ; mov r9, [r11 + wide_call]
            ; test r9, r9
            ; jz =>array
            ; mov rdi, [rax + vmctx]
            ; mov rsi, r14
            ; mov rdx, [r10 + tail_args]
            ; mov r8, rax
        );
        if !self.conv.results_in_registers() {
            let own = Self::local_off(self.locals.len() as u32);
            dynasm!(self.a.ops ; .arch x64 ; mov rcx, [rbp + own]);
        }
        self.tear_down_frame();
        dynasm!(self.a.ops
            ; .arch x64
            ; jmp r9
            ; =>array
            ; mov rdi, rax
            ; mov rsi, r14
            ; mov rdx, [r10 + tail_args]
            ; mov ecx, max
            ; call QWORD [r11 + array_call]
            ; test al, al
            ; jz =>trap
            ; mov r10, [r14 + runtime]
            ; mov r10, [r10 + tail_args]
        );
        // The results (this function's) back to the cells.
        for i in 0..ty.results().len() {
            let (from, to) = (SLOT * i as i32, Self::home(base + i));
            dynasm!(self.a.ops
                ; .arch x64
                ; movdqu xmm15, [r10 + from]
                ; movdqu [rsp + to], xmm15
            );
        }
        dynasm!(self.a.ops ; .arch x64 ; =>done);
        Ok(())
    }

    /// Restores the registers the prologue saved and drops the frame, as a
    /// return does, leaving the return address on top for the jump that
    /// follows (a tail call).
    fn tear_down_frame(&mut self) {
        dynasm!(self.a.ops
            ; .arch x64
            ; lea rsp, [rbp - SAVED_BYTES]
            ; pop r15
            ; pop r14
            ; pop rbp
        );
    }

    /// `call_indirect`, or `return_call_indirect` with `tail` (see
    /// [`Self::call`]).
    pub(super) fn call_indirect(&mut self, type_index: u32, table: u32, tail: bool) -> Result<()> {
        let ty = self
            .info
            .types
            .get(type_index as usize)
            .ok_or_else(|| internal("no such type"))?
            .clone();
        self.spill_all();
        self.clear_local_cache();
        let d = self.depth() - 1;
        self.pop()?;
        let (idx, type_ids) = (Self::home(d), offsets::VMCTX_TYPE_IDS as i32);
        let (len, base) = (offsets::TABLE_LENGTH as i32, offsets::TABLE_BASE as i32);
        let (type_at, type_id) = (4 * type_index as i32, offsets::FUNCREF_TYPE_ID as i32);
        let undefined = self.trap_label(TrapCode::UndefinedElement);
        let uninit = self.trap_label(TrapCode::UninitializedElement);
        let mismatch = self.trap_label(TrapCode::IndirectCallTypeMismatch);
        if self.table64(table) {
            dynasm!(self.a.ops ; .arch x64 ; mov rax, [rsp + idx]);
        } else {
            dynasm!(self.a.ops ; .arch x64 ; mov eax, [rsp + idx]);
        }
        self.load_table_ptr(table);
        dynasm!(self.a.ops
            ; .arch x64
            ; cmp rax, [r11 + len]
            ; jae =>undefined
            ; mov r11, [r11 + base]
            ; mov rax, [r11 + rax * 8]
            ; test rax, rax
            ; jz =>uninit
            ; mov r11, [r14 + type_ids]
            ; mov r11d, [r11 + type_at]
            ; cmp r11d, [rax + type_id]
            ; jne =>mismatch
        );
        self.call_funcref(&ty, tail)?;
        if tail {
            self.tail_return()?;
        }
        Ok(())
    }

    /// Calls defined function `def` of this instance directly (its code is
    /// in the same batch; the call's rel32 is resolved when it is placed).
    /// With `tail`, a jump replacing this frame (the rest of the block is
    /// then unreachable): in registers to a native-convention callee, with
    /// the arguments in `VmRuntime::tail_args` to a wide one.
    fn call_direct(&mut self, def: u32, ty: &FuncType, tail: bool) -> Result<()> {
        let n = ty.params().len();
        let m = ty.results().len();
        let base = self.height_below(n)?;
        self.max_depth = self.max_depth.max(base + n.max(m).max(1));
        let conv = crate::convention(ty);
        let native = conv == crate::Conv::Native;
        if native && self.args_to_registers(ty, base)? {
            // The arguments went straight to their registers.
        } else if native {
            self.spill_all();
            self.clear_local_cache();
            self.load_native_args(ty, base)?;
        } else {
            self.spill_all();
            self.clear_local_cache();
            if tail {
                self.wide_tail_args(ty, base);
            } else {
                // The arguments are in place as cells, and so are the
                // results when they go to cells.
                let cells = Self::home(base);
                dynasm!(self.a.ops ; .arch x64 ; lea rdx, [rsp + cells]);
                if !conv.results_in_registers() {
                    dynasm!(self.a.ops ; .arch x64 ; mov rcx, rdx);
                }
            }
        }
        dynasm!(self.a.ops ; .arch x64 ; mov rdi, r14 ; mov rsi, r14);
        if tail {
            // `jmp rel32` with a zero displacement, patched when placed.
            self.tear_down_frame();
            dynasm!(self.a.ops ; .arch x64 ; .bytes [0xe9, 0, 0, 0, 0]);
            let at = self.a.offset();
            self.calls.push((at, def));
            self.reset_stack(base, &[]);
            self.ctrls.set_unreachable();
            return Ok(());
        }
        // `call rel32` with a zero displacement, patched when placed.
        dynasm!(self.a.ops ; .arch x64 ; .bytes [0xe8, 0, 0, 0, 0]);
        let at = self.a.offset();
        self.calls.push((at, def));
        let kinds: Vec<Kind> = ty.results().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
        if conv.results_in_registers() && kinds.len() == 1 {
            self.reload_memory_base();
            self.reset_stack(base, &[]);
            self.push_single_result(kinds[0]);
            return Ok(());
        }
        if conv.results_in_registers() {
            self.store_native_results(ty, base)?;
        }
        self.reload_memory_base();
        self.reset_stack(base, &kinds);
        Ok(())
    }

    /// Pushes a call's single result, left in its native-convention
    /// register (`rax` or `xmm0`), as a register value.
    fn push_single_result(&mut self, kind: Kind) {
        if kind.in_xmm() {
            self.used_xmm_take(0);
            self.push(kind, Loc::Xmm(0));
        } else {
            if kind == Kind::I32 {
                dynasm!(self.a.ops ; .arch x64 ; mov eax, eax);
            }
            self.take_gpr(RAX);
            self.push(kind, Loc::Gpr(RAX));
        }
    }

    /// Moves the arguments of a native-convention call (the stack above
    /// `base`) straight into their registers and pops them, after spilling
    /// everything below them; `false` (nothing emitted) when an argument
    /// sits in another argument's register, which needs the spill path.
    fn args_to_registers(&mut self, ty: &FuncType, base: usize) -> Result<bool> {
        let kinds: Vec<Kind> = ty.params().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
        let dests = native_locs(&kinds, &INT_PARAM_REGS);
        let args = &self.stack[base..];
        for (j, v) in args.iter().enumerate() {
            if matches!(v.loc, Loc::Gpr(_) | Loc::Xmm(_))
                && dests.iter().enumerate().any(|(i, &d)| i != j && d == v.loc)
            {
                return Ok(false);
            }
        }
        for d in 0..base {
            self.spill(d);
        }
        // Locals are read from their slots: their register copies may be
        // destinations.
        self.clear_local_cache();
        for (i, &dest) in dests.iter().enumerate() {
            let v = self.stack[base + i];
            let at = Self::home(base + i);
            match (dest, v.loc) {
                (Loc::Gpr(d), Loc::Gpr(r)) => {
                    if d != r {
                        dynasm!(self.a.ops ; .arch x64 ; mov Rq(d), Rq(r));
                    }
                }
                (Loc::Gpr(d), Loc::Imm(imm)) => self.mov_imm(d, v.kind, imm),
                (Loc::Gpr(d), Loc::Home) => dynasm!(self.a.ops ; .arch x64 ; mov Rq(d), [rsp + at]),
                (Loc::Gpr(d), Loc::Local(l)) => {
                    let off = Self::local_off(l);
                    if v.kind.is_wide() {
                        dynasm!(self.a.ops ; .arch x64 ; mov Rq(d), [rbp + off]);
                    } else {
                        dynasm!(self.a.ops ; .arch x64 ; mov Rd(d), [rbp + off]);
                    }
                }
                (Loc::Xmm(d), Loc::Xmm(x)) => {
                    if d != x {
                        dynasm!(self.a.ops ; .arch x64 ; movaps Rx(d), Rx(x));
                    }
                }
                (Loc::Xmm(d), Loc::Imm(imm)) => {
                    dynasm!(self.a.ops ; .arch x64 ; mov r11, QWORD imm ; movq Rx(d), r11);
                }
                (Loc::Xmm(d), Loc::Home) => {
                    dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(d), [rsp + at]);
                }
                (Loc::Xmm(d), Loc::Local(l)) => {
                    let off = Self::local_off(l);
                    match v.kind {
                        Kind::V128 => dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(d), [rbp + off]),
                        Kind::F32 => dynasm!(self.a.ops ; .arch x64 ; movss Rx(d), [rbp + off]),
                        _ => dynasm!(self.a.ops ; .arch x64 ; movsd Rx(d), [rbp + off]),
                    }
                }
                (Loc::Xmm(d), Loc::Gpr(r)) => dynasm!(self.a.ops ; .arch x64 ; movq Rx(d), Rq(r)),
                (Loc::Gpr(d), Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movq Rq(d), Rx(x)),
                _ => return Err(internal("argument move")),
            }
        }
        for v in self.stack.drain(base..).collect::<Vec<_>>() {
            self.free(v);
        }
        Ok(true)
    }

    /// Loads the arguments of a native-convention call from the home slots
    /// of depths `base..` into their registers.
    fn load_native_args(&mut self, ty: &FuncType, base: usize) -> Result<()> {
        let kinds: Vec<Kind> = ty.params().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
        for (i, (&k, loc)) in kinds.iter().zip(native_locs(&kinds, &INT_PARAM_REGS)).enumerate() {
            let at = Self::home(base + i);
            match (k, loc) {
                (Kind::F32, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movss Rx(x), [rsp + at]),
                (Kind::F64, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movsd Rx(x), [rsp + at]),
                (_, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movdqu Rx(x), [rsp + at]),
                (_, Loc::Gpr(r)) => dynasm!(self.a.ops ; .arch x64 ; mov Rq(r), [rsp + at]),
                _ => {}
            }
        }
        Ok(())
    }

    /// Stores the results of a native-convention call into the home slots
    /// of depths `base..`.
    fn store_native_results(&mut self, ty: &FuncType, base: usize) -> Result<()> {
        let kinds: Vec<Kind> = ty.results().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
        for (i, (&k, loc)) in kinds.iter().zip(native_locs(&kinds, &INT_RESULT_REGS)).enumerate() {
            let at = Self::home(base + i);
            match (k, loc) {
                (Kind::F32, Loc::Xmm(x)) => {
                    dynasm!(self.a.ops ; .arch x64 ; movss [rsp + at], Rx(x) ; mov DWORD [rsp + at + 4], 0);
                }
                (Kind::F64, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movsd [rsp + at], Rx(x)),
                (_, Loc::Xmm(x)) => dynasm!(self.a.ops ; .arch x64 ; movdqu [rsp + at], Rx(x)),
                (Kind::I32, Loc::Gpr(r)) => {
                    dynasm!(self.a.ops ; .arch x64 ; mov Rd(r), Rd(r) ; mov [rsp + at], Rq(r));
                }
                (_, Loc::Gpr(r)) => dynasm!(self.a.ops ; .arch x64 ; mov [rsp + at], Rq(r)),
                _ => {}
            }
        }
        Ok(())
    }

    /// Calls the function whose `VmFuncRef` is in `rax`, with the arguments
    /// of `ty` on top of the (spilled) stack; leaves its results there.
    /// With `tail`, a callee with a `wasm_call` (native-convention type) or
    /// a `wide_call` (any other) is jumped to instead, replacing this frame
    /// (the array-call path still returns here, and [`Self::tail_return`]
    /// returns its results). Inside
    /// a `try_table` with a catch clause, a call that is not a tail call
    /// catches ([`Self::call_catching`]).
    fn call_funcref(&mut self, ty: &FuncType, tail: bool) -> Result<()> {
        if !tail && self.catching() {
            return self.call_catching(ty);
        }
        let n = ty.params().len();
        let m = ty.results().len();
        let base = self.height_below(n)?;
        self.max_depth = self.max_depth.max(base + n.max(m).max(1));
        let entry = offsets::FUNCREF_ENTRY as i32;
        let array_call = offsets::ENTRY_ARRAY_CALL as i32;
        let wasm_call = offsets::ENTRY_WASM_CALL as i32;
        let vmctx = offsets::FUNCREF_VMCTX as i32;
        let cells = Self::home(base);
        let done = self.a.ops.new_dynamic_label();
        let slow = self.a.ops.new_dynamic_label();
        dynasm!(self.a.ops ; .arch x64 ; mov r11, [rax + entry]);
        let kinds: Vec<Kind> = ty.results().iter().map(|&t| Kind::of(t)).collect::<Result<_>>()?;
        let native = crate::native_convention(ty);
        // A single result ends in its register on both paths.
        let single = native && kinds.len() == 1;
        if native {
            dynasm!(self.a.ops
                ; .arch x64
                ; mov r10, [r11 + wasm_call]
                ; test r10, r10
                ; jz =>slow
                ; mov rdi, [rax + vmctx]
                ; mov rsi, r14
            );
            self.load_native_args(ty, base)?;
            if tail && self.tail_jump(ty) {
                self.tear_down_frame();
                dynasm!(self.a.ops ; .arch x64 ; jmp r10);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; call r10);
                if !single {
                    self.store_native_results(ty, base)?;
                }
                dynasm!(self.a.ops ; .arch x64 ; jmp =>done);
            }
        }
        if tail && !native {
            // A wide callee with an entry in the wide convention is jumped
            // to, replacing this frame (`r8` = its `VmFuncRef`, which
            // Cranelift's entries read); any other goes through its array
            // call below.
            let wide_call = offsets::ENTRY_WIDE_CALL as i32;
            dynasm!(self.a.ops
                ; .arch x64
                ; mov r10, [r11 + wide_call]
                ; test r10, r10
                ; jz =>slow
                ; mov rdi, [rax + vmctx]
            );
            self.wide_tail_args(ty, base);
            dynasm!(self.a.ops ; .arch x64 ; mov rsi, r14 ; mov r8, rax);
            self.tear_down_frame();
            dynasm!(self.a.ops ; .arch x64 ; jmp r10);
        }
        let len = n.max(m).max(1) as i32;
        let trap = self.propagate_label();
        if tail {
            self.tail_array_call(ty, base, slow)?;
        } else {
            dynasm!(self.a.ops
                ; .arch x64
                ; =>slow
                ; mov rdi, rax
                ; mov rsi, r14
                ; lea rdx, [rsp + cells]
                ; mov ecx, len
                ; call QWORD [r11 + array_call]
                ; test al, al
                ; jz =>trap
            );
        }
        if single {
            if kinds[0] == Kind::V128 {
                dynasm!(self.a.ops ; .arch x64 ; movdqu xmm0, [rsp + cells]);
            } else if kinds[0].is_float() {
                dynasm!(self.a.ops ; .arch x64 ; movsd xmm0, [rsp + cells]);
            } else {
                dynasm!(self.a.ops ; .arch x64 ; mov rax, [rsp + cells]);
            }
        }
        dynasm!(self.a.ops ; .arch x64 ; =>done);
        self.reload_memory_base();
        if single {
            self.reset_stack(base, &[]);
            self.push_single_result(kinds[0]);
        } else {
            self.reset_stack(base, &kinds);
        }
        let _ = SLOT;
        Ok(())
    }
}
