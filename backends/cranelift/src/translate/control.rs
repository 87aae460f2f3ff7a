//! Control flow: blocks, loops, `if`, branches, calls.

use super::{Blocks, Ctrl, Result, Translator, internal, offset32};
use crate::abi;
use concord_core::TrapCode;
use concord_core::translate::{ControlKind, DeadOp, block_signature};
use concord_core::vm::offsets;
use concord_core::wasmparser::{BlockType, BrTable, Operator};
use cranelift_codegen::ir::{
    self, BlockArg, ExtFuncData, ExternalName, InstBuilder, JumpTableData, UserExternalName, Value, condcodes::IntCC,
    types,
};
use cranelift_frontend::FunctionBuilder;
use std::collections::HashMap;

fn args(values: &[Value]) -> Vec<BlockArg> {
    values.iter().map(|&v| BlockArg::Value(v)).collect()
}

impl Translator<'_> {
    /// The module's function type `type_index`.
    pub(super) fn func_type(&self, type_index: u32) -> Result<&concord_core::FuncType> {
        self.env
            .info
            .types
            .get(type_index as usize)
            .ok_or_else(|| internal(format_args!("no type {type_index}")))
    }

    /// Parameter and result types of a block type.
    fn block_types(&self, ty: BlockType) -> Result<(Vec<ir::Type>, Vec<ir::Type>)> {
        let sig = block_signature(self.env.info, ty).ok_or_else(|| internal(format_args!("no block type {ty:?}")))?;
        let clif = |tys: &[concord_core::ValType]| tys.iter().map(|&t| abi::clif_type(t)).collect();
        Ok((clif(sig.params), clif(sig.results)))
    }

    fn new_block_with(b: &mut FunctionBuilder<'_>, tys: &[ir::Type]) -> ir::Block {
        let block = b.create_block();
        for &t in tys {
            b.append_block_param(block, t);
        }
        block
    }

    fn height_below(&self, params: usize) -> Result<usize> {
        self.stack
            .len()
            .checked_sub(params)
            .ok_or_else(|| internal("operand stack underflow"))
    }

    pub(super) fn block(&mut self, b: &mut FunctionBuilder<'_>, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_types(ty)?;
        let dest = Self::new_block_with(b, &results);
        let height = self.height_below(params.len())?;
        self.ctrls.push(Ctrl::new(
            ControlKind::Block,
            height,
            params.len(),
            results.len(),
            Blocks::new(dest),
        ));
        Ok(())
    }

    pub(super) fn loop_(&mut self, b: &mut FunctionBuilder<'_>, ty: BlockType) -> Result<()> {
        let (params, results) = self.block_types(ty)?;
        let header = Self::new_block_with(b, &params);
        let dest = Self::new_block_with(b, &results);
        let height = self.height_below(params.len())?;
        let entry = self.pop_n(params.len())?;
        b.ins().jump(header, &args(&entry));
        if let Some(reader) = self.peel.take() {
            self.translate_peeled(b, reader, header, dest, &params, results.len(), height)?;
        }
        if let Some(osr) = self.osr.filter(|o| o.offset == self.offset && !o.done) {
            if height != 0 {
                return Err(internal(format_args!(
                    "the loop at offset {} is not an OSR point: {height} values under it",
                    self.offset
                )));
            }
            self.enter_from_frame_state(b, osr, header, &params);
        }
        b.switch_to_block(header);
        self.stack.extend_from_slice(b.block_params(header));
        self.ctrls.push(Ctrl::new(
            ControlKind::Loop,
            height,
            params.len(),
            results.len(),
            Blocks {
                header: Some(header),
                ..Blocks::new(dest)
            },
        ));
        self.epoch_check(b);
        self.start_fuel_block(b);
        Ok(())
    }

    /// The peeled first iteration of the outer loop of an OSR entry inside
    /// a loop nest (RFC 0007): the loop's body translated once more, from
    /// `reader` (just after its `loop`), as straight-line code whose
    /// branches back to the loop go to the normal `header` and whose end
    /// falls through to the normal `dest`. The OSR entry jumps into the
    /// inner loop of this copy, so the normal loop nest keeps a single
    /// entry (an entry into an inner loop of the normal nest would make the
    /// outer loop irreducible, which Cranelift optimizes poorly). The copy
    /// starts in a block without predecessors; what is unreachable from the
    /// OSR entry is removed by Cranelift.
    #[allow(
        clippy::too_many_arguments,
        reason = "the loop's blocks and types, as `loop_` has them"
    )]
    fn translate_peeled(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        mut reader: concord_core::wasmparser::OperatorsReader<'_>,
        header: ir::Block,
        dest: ir::Block,
        params: &[ir::Type],
        num_results: usize,
        height: usize,
    ) -> Result<()> {
        let saved_stack = self.stack.clone();
        let depth = self.ctrls.len();
        self.finish_fuel_block(b);
        let start = Self::new_block_with(b, params);
        b.switch_to_block(start);
        b.seal_block(start);
        let start_params = b.block_params(start).to_vec();
        self.stack.extend_from_slice(&start_params);
        self.ctrls.push(Ctrl::new(
            ControlKind::Loop,
            height,
            params.len(),
            num_results,
            Blocks {
                header: Some(header),
                ..Blocks::new(dest)
            },
        ));
        self.start_fuel_block(b);
        loop {
            let (op, offset) = reader.read_with_offset().map_err(super::reader_error)?;
            self.offset = u32::try_from(offset).unwrap_or(u32::MAX);
            b.set_srcloc(ir::SourceLoc::new(self.offset));
            let own_end = matches!(op, Operator::End) && self.ctrls.len() == depth + 1;
            if self.ctrls.is_unreachable() {
                // The copy's own end, not a nested dead block's: stop here
                // (`skip` would call `end`, which would seal the header).
                if own_end && self.ctrls.skip(&op) == DeadOp::End {
                    break;
                }
                if own_end {
                    continue;
                }
                self.skip(b, &op)?;
            } else if own_end {
                self.fuel.charge(&op);
                let results = args(self.top(num_results)?);
                b.ins().jump(dest, &results);
                break;
            } else {
                self.fuel.charge(&op);
                self.translate(b, op)?;
            }
        }
        // The copy's frame: its header is the normal one, sealed at the
        // normal loop's end.
        self.ctrls.pop();
        self.finish_fuel_block(b);
        self.stack = saved_stack;
        Ok(())
    }

    /// Fills the OSR entry block (RFC 0007): loads every local and then the
    /// loop's parameters from the frame state, one 16-byte cell each, and
    /// jumps to the loop header.
    fn enter_from_frame_state(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        mut osr: super::OsrTarget,
        header: ir::Block,
        params: &[ir::Type],
    ) {
        // The state is the lower tier's frame: plain memory, not
        // necessarily 16-byte aligned, never trapping.
        let flags = ir::MemFlagsData::new().with_notrap();
        b.switch_to_block(osr.entry);
        let cell = |i: usize| (i * size_of::<concord_core::RawVal>()) as i32;
        for (i, (&var, &ty)) in self.locals.iter().zip(&self.local_types).enumerate() {
            let v = b.ins().load(ty, flags, osr.state, cell(i));
            b.def_var(var, v);
        }
        let n = self.locals.len();
        let values: Vec<Value> = params
            .iter()
            .enumerate()
            .map(|(j, &ty)| b.ins().load(ty, flags, osr.state, cell(n + j)))
            .collect();
        b.ins().jump(header, &args(&values));
        osr.done = true;
        self.osr = Some(osr);
    }

    pub(super) fn if_(&mut self, b: &mut FunctionBuilder<'_>, ty: BlockType) -> Result<()> {
        let cond = self.pop()?;
        let (params, results) = self.block_types(ty)?;
        let then_block = b.create_block();
        let else_block = b.create_block();
        let dest = Self::new_block_with(b, &results);
        let height = self.height_below(params.len())?;
        b.ins().brif(cond, then_block, &[], else_block, &[]);
        b.seal_block(then_block);
        b.seal_block(else_block);
        b.switch_to_block(then_block);
        self.ctrls.push(Ctrl::new(
            ControlKind::If,
            height,
            params.len(),
            results.len(),
            Blocks {
                else_block: Some(else_block),
                if_params: self.stack[height..].to_vec(),
                ..Blocks::new(dest)
            },
        ));
        self.start_fuel_block(b);
        Ok(())
    }

    pub(super) fn else_(&mut self, b: &mut FunctionBuilder<'_>) -> Result<()> {
        let Some(ctrl) = self.ctrls.top() else {
            return Err(internal("else outside of if"));
        };
        let (height, num_results, dest, reachable) = (ctrl.height, ctrl.num_results, ctrl.data.dest, !ctrl.unreachable);
        let Some(else_block) = ctrl.data.else_block else {
            return Err(internal("else without if"));
        };
        if reachable {
            let results = args(self.top(num_results)?);
            b.ins().jump(dest, &results);
        }
        self.stack.truncate(height);
        b.switch_to_block(else_block);
        let ctrl = self.ctrls.enter_else().ok_or_else(|| internal("else outside of if"))?;
        self.stack.append(&mut ctrl.data.if_params);
        ctrl.data.else_block = None;
        ctrl.data.dest_used |= reachable;
        self.start_fuel_block(b);
        Ok(())
    }

    pub(super) fn end(&mut self, b: &mut FunctionBuilder<'_>) -> Result<()> {
        let ctrl = self.ctrls.pop().ok_or_else(|| internal("unbalanced end"))?;
        let reachable = !ctrl.unreachable;
        if reachable {
            let results = args(self.top(ctrl.num_results)?);
            b.ins().jump(ctrl.data.dest, &results);
        }
        let mut live = reachable || ctrl.data.dest_used;
        if let Some(else_block) = ctrl.data.else_block {
            // `if` without `else`: the false arm passes the parameters on.
            b.switch_to_block(else_block);
            b.ins().jump(ctrl.data.dest, &args(&ctrl.data.if_params));
            live = true;
        }
        if let Some(header) = ctrl.data.header {
            b.seal_block(header);
        }
        self.stack.truncate(ctrl.height);
        if ctrl.kind == ControlKind::Func {
            if live {
                b.switch_to_block(ctrl.data.dest);
                b.seal_block(ctrl.data.dest);
                let results = b.block_params(ctrl.data.dest).to_vec();
                match self.env.results_ptr {
                    Some(cells) => {
                        for (i, &v) in results.iter().enumerate() {
                            abi::store_cell(b, v, cells, i);
                        }
                        b.ins().return_(&[]);
                    }
                    None => {
                        b.ins().return_(&results);
                    }
                }
            }
            return Ok(());
        }
        if live {
            b.switch_to_block(ctrl.data.dest);
            b.seal_block(ctrl.data.dest);
            self.stack.extend_from_slice(b.block_params(ctrl.data.dest));
            self.start_fuel_block(b);
        } else {
            self.ctrls.set_unreachable();
        }
        Ok(())
    }

    /// The block and arity of a branch to `depth`; marks the target used.
    pub(super) fn branch_target(&mut self, depth: u32) -> Result<(ir::Block, usize)> {
        let ctrl = self
            .ctrls
            .frame_mut(depth)
            .ok_or_else(|| internal(format_args!("no frame at depth {depth}")))?;
        let arity = ctrl.branch_arity();
        Ok(match ctrl.data.header {
            Some(header) => (header, arity),
            None => {
                ctrl.data.dest_used = true;
                (ctrl.data.dest, arity)
            }
        })
    }

    pub(super) fn br(&mut self, b: &mut FunctionBuilder<'_>, depth: u32) -> Result<()> {
        let (block, arity) = self.branch_target(depth)?;
        let values = args(self.top(arity)?);
        b.ins().jump(block, &values);
        Ok(())
    }

    pub(super) fn br_if(&mut self, b: &mut FunctionBuilder<'_>, depth: u32) -> Result<()> {
        let cond = self.pop()?;
        let (block, arity) = self.branch_target(depth)?;
        let values = args(self.top(arity)?);
        let cont = b.create_block();
        b.ins().brif(cond, block, &values, cont, &[]);
        b.seal_block(cont);
        b.switch_to_block(cont);
        Ok(())
    }

    /// `br_on_null` (`on_null`) or `br_on_non_null`: branches on the
    /// reference on top of the stack, which the branch drops
    /// (`br_on_null`) or passes as its last value (`br_on_non_null`).
    pub(super) fn br_on_null(&mut self, b: &mut FunctionBuilder<'_>, depth: u32, on_null: bool) -> Result<()> {
        let r = if on_null {
            self.pop()?
        } else {
            *self.stack.last().ok_or_else(|| internal("empty stack"))?
        };
        let (block, arity) = self.branch_target(depth)?;
        let values = args(self.top(arity)?);
        let cont = b.create_block();
        if on_null {
            b.ins().brif(r, cont, &[], block, &values);
        } else {
            b.ins().brif(r, block, &values, cont, &[]);
        }
        b.seal_block(cont);
        b.switch_to_block(cont);
        if on_null {
            self.push(r);
        } else {
            self.pop()?;
        }
        Ok(())
    }

    /// `call_ref` of type `type_index` (or `return_call_ref` with `tail`):
    /// traps on a null reference, else calls through it.
    pub(super) fn call_ref(&mut self, b: &mut FunctionBuilder<'_>, type_index: u32, tail: bool) -> Result<()> {
        let fr = self.pop()?;
        let wasm_args = self.call_args(type_index)?;
        b.ins().trapz(fr, abi::trap_code(TrapCode::NullReference));
        let results = self.call_funcref(b, fr, type_index, wasm_args, tail)?;
        self.stack.extend(results);
        Ok(())
    }

    pub(super) fn br_table(&mut self, b: &mut FunctionBuilder<'_>, table: &BrTable<'_>) -> Result<()> {
        let index = self.pop()?;
        let mut depths = Vec::with_capacity(table.len() as usize);
        for t in table.targets() {
            depths.push(t.map_err(super::reader_error)?);
        }
        let default = table.default();
        let (_, arity) = self.branch_target(default)?;
        let values = args(self.top(arity)?);
        // With values to pass, each distinct target gets a block that jumps
        // to it with them.
        let mut stubs: HashMap<u32, ir::Block> = HashMap::new();
        let mut stub_list: Vec<(ir::Block, ir::Block)> = Vec::new();
        let mut target = |t: &mut Self, b: &mut FunctionBuilder<'_>, depth: u32| -> Result<ir::Block> {
            let (block, _) = t.branch_target(depth)?;
            if arity == 0 {
                return Ok(block);
            }
            Ok(*stubs.entry(depth).or_insert_with(|| {
                let stub = b.create_block();
                stub_list.push((stub, block));
                stub
            }))
        };
        let default_block = target(self, b, default)?;
        let mut calls = Vec::with_capacity(depths.len());
        for &d in &depths {
            let block = target(self, b, d)?;
            calls.push(b.func.dfg.block_call(block, &[]));
        }
        let default_call = b.func.dfg.block_call(default_block, &[]);
        let jt = b.create_jump_table(JumpTableData::new(default_call, &calls));
        b.ins().br_table(index, jt);
        for (stub, block) in stub_list {
            b.seal_block(stub);
            b.switch_to_block(stub);
            b.ins().jump(block, &values);
        }
        Ok(())
    }

    // ---- calls ----------------------------------------------------------------

    fn wasm_sig(&mut self, b: &mut FunctionBuilder<'_>, type_index: u32) -> Result<ir::SigRef> {
        if let Some(&s) = self.env.sigs.get(&type_index) {
            return Ok(s);
        }
        let ty = self.func_type(type_index)?;
        let sig = b.import_signature(abi::wasm_signature(ty));
        self.env.sigs.insert(type_index, sig);
        Ok(sig)
    }

    fn adapter(&mut self, b: &mut FunctionBuilder<'_>, type_index: u32) -> Result<ir::FuncRef> {
        if let Some(&f) = self.env.adapters.get(&type_index) {
            return Ok(f);
        }
        let ty = self.func_type(type_index)?;
        let signature = b.import_signature(abi::wasm_signature(ty));
        let name = b
            .func
            .declare_imported_user_function(UserExternalName::new(abi::NS_ADAPTER, type_index));
        // Not colocated: the adapters live in the module's glue, mapped
        // when the module was prepared, and code compiled later (lazily, by
        // tier-up) may be mapped more than 2 GiB away, out of a `call
        // rel32`'s reach. The adapter path is the cold one.
        let f = b.import_function(ExtFuncData {
            name: ExternalName::User(name),
            signature,
            colocated: false,
            patchable: false,
        });
        self.env.adapters.insert(type_index, f);
        Ok(f)
    }

    /// Pops the arguments of a call of type `type_index`.
    fn call_args(&mut self, type_index: u32) -> Result<Vec<Value>> {
        let n = self.func_type(type_index)?.params().len();
        self.pop_n(n)
    }

    /// `call` (`tail == false`) or `return_call` (`tail == true`: the
    /// callee replaces this frame, so a chain of tail calls runs in
    /// constant stack).
    pub(super) fn call(&mut self, b: &mut FunctionBuilder<'_>, func_index: u32, tail: bool) -> Result<()> {
        let type_index = *self
            .env
            .info
            .funcs
            .get(func_index as usize)
            .ok_or_else(|| internal(format_args!("no function {func_index}")))?;
        let wasm_args = self.call_args(type_index)?;
        let own = self.env.opts.direct_self_calls && func_index == self.env.func_index;
        if !tail && self.catching() {
            // Inside a `try_table`: through the callee's funcref, caught.
            let fr = self.env.funcref(b, func_index);
            let results = self.catching_call(b, fr, type_index, &wasm_args)?;
            self.stack.extend(results);
        } else if (self.env.opts.direct_calls || own) && func_index >= self.env.info.num_imported_funcs {
            let sig = self.wasm_sig(b, type_index)?;
            // Defined here and compiled by this tier in the same batch, for
            // good (`CompileOptions::direct_calls`): a direct call, taking
            // this context.
            let callee = match self.env.direct.get(&func_index) {
                Some(&f) => f,
                None => {
                    let name = b
                        .func
                        .declare_imported_user_function(UserExternalName::new(abi::NS_FUNC, func_index));
                    let f = b.import_function(ExtFuncData {
                        name: ExternalName::User(name),
                        signature: sig,
                        colocated: true,
                        patchable: false,
                    });
                    self.env.direct.insert(func_index, f);
                    f
                }
            };
            let mut call_args = vec![self.env.vmctx, self.env.vmctx];
            call_args.extend(wasm_args);
            let area = self.results_area(b, type_index, tail)?;
            call_args.extend(area);
            if tail {
                b.ins().return_call(callee, &call_args);
                return Ok(());
            }
            let call = b.ins().call(callee, &call_args);
            let results = match area {
                Some(cells) => self.load_results(b, type_index, cells)?,
                None => b.inst_results(call).to_vec(),
            };
            self.stack.extend(results);
        } else {
            let fr = self.env.funcref(b, func_index);
            let results = self.call_funcref(b, fr, type_index, wasm_args, tail)?;
            self.stack.extend(results);
        }
        Ok(())
    }

    /// Calls through funcref `fr` (non-null): its entry's `wasm_call` if
    /// any, else the adapter of `type_index`. With `tail`, both are tail
    /// calls (the adapter has the callee's signature and convention) and
    /// nothing is returned: the block ends. Inside a `try_table` (and not
    /// `tail`) the call is a catching one ([`Self::catching_call`]).
    fn call_funcref(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        fr: Value,
        type_index: u32,
        wasm_args: Vec<Value>,
        tail: bool,
    ) -> Result<Vec<Value>> {
        if !tail && self.catching() {
            return self.catching_call(b, fr, type_index, &wasm_args);
        }
        let sig = self.wasm_sig(b, type_index)?;
        let area = self.results_area(b, type_index, tail)?;
        let result_types: Vec<ir::Type> = b
            .func
            .dfg
            .signatures
            .get(sig)
            .map(|s| s.returns.iter().map(|r| r.value_type).collect())
            .ok_or_else(|| internal("unknown signature"))?;
        let adapter = self.adapter(b, type_index)?;
        let entry = b.ins().load(
            abi::POINTER,
            self.env.funcref_field_flags(),
            fr,
            offset32(offsets::FUNCREF_ENTRY),
        );
        let wasm_call = b.ins().load(
            abi::POINTER,
            self.env.vm_flags(),
            entry,
            offset32(offsets::ENTRY_WASM_CALL),
        );
        let fast = b.create_block();
        let slow = b.create_block();
        b.ins().brif(wasm_call, fast, &[], slow, &[]);
        b.seal_block(fast);
        b.seal_block(slow);

        b.switch_to_block(fast);
        let callee_vmctx = b.ins().load(
            abi::POINTER,
            self.env.funcref_field_flags(),
            fr,
            offset32(offsets::FUNCREF_VMCTX),
        );
        let mut call_args = vec![callee_vmctx, self.env.vmctx];
        call_args.extend_from_slice(&wasm_args);
        call_args.extend(area);
        let mut adapter_args = vec![fr, self.env.vmctx];
        adapter_args.extend_from_slice(&wasm_args);
        adapter_args.extend(area);
        if tail {
            b.ins().return_call_indirect(sig, wasm_call, &call_args);
            b.switch_to_block(slow);
            b.set_cold_block(slow);
            b.ins().return_call(adapter, &adapter_args);
            return Ok(Vec::new());
        }
        let join = Self::new_block_with(b, &result_types);
        let call = b.ins().call_indirect(sig, wasm_call, &call_args);
        let results = args(b.inst_results(call));
        b.ins().jump(join, &results);

        b.switch_to_block(slow);
        b.set_cold_block(slow);
        let call = b.ins().call(adapter, &adapter_args);
        let results = args(b.inst_results(call));
        b.ins().jump(join, &results);

        b.switch_to_block(join);
        b.seal_block(join);
        match area {
            Some(cells) => self.load_results(b, type_index, cells),
            None => Ok(b.block_params(join).to_vec()),
        }
    }

    /// The extra argument of a call of type `type_index` whose results go
    /// through memory: for a tail call this function's own results cells
    /// (the callee's results are this function's), else new cells in this
    /// frame. `None` when the results come back in registers.
    fn results_area(&mut self, b: &mut FunctionBuilder<'_>, type_index: u32, tail: bool) -> Result<Option<Value>> {
        let ty = self.func_type(type_index)?;
        if !abi::results_in_memory(ty) {
            return Ok(None);
        }
        if tail {
            return self
                .env
                .results_ptr
                .map(Some)
                .ok_or_else(|| internal("a tail call's results differ from the caller's"));
        }
        let bytes = u32::try_from(16 * ty.results().len()).map_err(|_| internal("too many results"))?;
        let slot = b.create_sized_stack_slot(ir::StackSlotData::new(ir::StackSlotKind::ExplicitSlot, bytes, 4));
        Ok(Some(b.ins().stack_addr(abi::POINTER, slot, 0)))
    }

    /// The results of a call of type `type_index`, from its cells.
    fn load_results(&mut self, b: &mut FunctionBuilder<'_>, type_index: u32, cells: Value) -> Result<Vec<Value>> {
        let tys: Vec<ir::Type> = self
            .func_type(type_index)?
            .results()
            .iter()
            .map(|&t| abi::clif_type(t))
            .collect();
        Ok(tys
            .into_iter()
            .enumerate()
            .map(|(i, t)| abi::load_cell(b, t, cells, i))
            .collect())
    }

    /// `call_indirect`, or `return_call_indirect` with `tail`.
    pub(super) fn call_indirect(
        &mut self,
        b: &mut FunctionBuilder<'_>,
        type_index: u32,
        table: u32,
        tail: bool,
    ) -> Result<()> {
        let index = self.pop()?;
        let wasm_args = self.call_args(type_index)?;
        let entry = self.env.table_entry_addr(b, table, index, TrapCode::UndefinedElement);
        let fr = b.ins().load(types::I64, self.env.table_flags(), entry, 0);
        b.ins().trapz(fr, abi::trap_code(TrapCode::UninitializedElement));
        let actual = b.ins().load(
            types::I32,
            self.env.funcref_field_flags(),
            fr,
            offset32(offsets::FUNCREF_TYPE_ID),
        );
        let type_ids = b.ins().load(
            abi::POINTER,
            abi::vm_readonly(),
            self.env.vmctx,
            offset32(offsets::VMCTX_TYPE_IDS),
        );
        let offset = i64::from(type_index) * 4;
        let expected = match i32::try_from(offset) {
            Ok(off) => b.ins().load(types::I32, abi::vm_readonly(), type_ids, off),
            Err(_) => {
                let addr = b.ins().iadd_imm_u(type_ids, offset);
                b.ins().load(types::I32, abi::vm_readonly(), addr, 0)
            }
        };
        let mismatch = b.ins().icmp(IntCC::NotEqual, actual, expected);
        b.ins()
            .trapnz(mismatch, abi::trap_code(TrapCode::IndirectCallTypeMismatch));
        let results = self.call_funcref(b, fr, type_index, wasm_args, tail)?;
        self.stack.extend(results);
        Ok(())
    }
}
