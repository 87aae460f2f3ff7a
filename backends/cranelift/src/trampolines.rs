//! Generated glue between the array-call ABI and the Wasm convention:
//!
//! - an **entry trampoline** per function type: the array-call convention
//!   in (plus the compiled function to run, which the array entry passes:
//!   not the callee entry's current `wasm_call`, which a swap may have
//!   changed), the compiled function out (loads the arguments from the value
//!   cells, calls, stores the results);
//! - an **adapter** per function type: the Wasm convention in (with the
//!   callee's `VmFuncRef` in place of its vmctx), the callee's entry's
//!   `array_call` out; a `false` return becomes a [`abi::TRAP_PROPAGATE`] trap.
//!   A callee with an entry in the wide convention (RFC 0008: a JIT
//!   function) is jumped to there instead. The array call offers to finish the tail call an
//!   interpreted callee may end with (`VmRuntime::tail_accept`/
//!   `tail_callee`), and the adapter makes it as a tail call of its own;
//! - a **wide entry** per type of a defined function: the wide convention
//!   in (arguments in cells, the callee's `VmFuncRef` in `r8`),
//!   the callee entry's `wasm_call` out, as a tail call; published as each
//!   function's `wide_call`, so any tail call can reach it by a jump.

use crate::abi::{self, POINTER, vm_mutable, vm_readonly};
use concord_core::vm::offsets;
use concord_core::{FuncType, ValType};
use cranelift_codegen::ir::{self, InstBuilder, StackSlotData, StackSlotKind, UserFuncName, Value, types};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

/// Loads value `i` of type `ty` from the cells at `base`.
fn load_cell(b: &mut FunctionBuilder<'_>, ty: ValType, base: Value, i: usize) -> Value {
    abi::load_cell(b, abi::clif_type(ty), base, i)
}

/// The entry trampoline for functions of type `ty`, named `(NS_ENTRY, name)`.
pub(crate) fn entry(ty: &FuncType, isa: &OwnedTargetIsa, name: u32, ctx: &mut FunctionBuilderContext) -> ir::Function {
    let host = isa.default_call_conv();
    // The array-call signature plus the compiled function to run (passed
    // by `concord_core::machine::traps::call`).
    let mut signature = abi::array_signature(host);
    signature.params.push(ir::AbiParam::new(POINTER));
    let mut func = ir::Function::with_name_signature(UserFuncName::user(abi::NS_ENTRY, name), signature);
    let wasm_sig = func.import_signature(abi::wasm_signature(ty));
    let mut b = FunctionBuilder::new(&mut func, ctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let [callee, caller, values, _len, target] = b.block_params(block).try_into().expect("five parameters");
    let vmctx = b
        .ins()
        .load(POINTER, vm_readonly(), callee, offsets::FUNCREF_VMCTX as i32);
    let mut args = vec![vmctx, caller];
    for (i, &p) in ty.params().iter().enumerate() {
        args.push(load_cell(&mut b, p, values, i));
    }
    // Results that go through memory go straight to the cells.
    if abi::results_in_memory(ty) {
        args.push(values);
    }
    let call = b.ins().call_indirect(wasm_sig, target, &args);
    let results = b.inst_results(call).to_vec();
    for (i, v) in results.into_iter().enumerate() {
        abi::store_cell(&mut b, v, values, i);
    }
    let one = b.ins().iconst(types::I8, 1);
    b.ins().return_(&[one]);
    b.finalize(isa.frontend_config());
    func
}

/// The wide entry for functions of type `ty`, named `(NS_WIDE,
/// type_index)`: loads the arguments from the cells and tail-calls the
/// callee's `wasm_call` (passing the results cells on when the results go
/// through memory); if the entry has none (it was just republished to a
/// tier without one), calls its array call.
pub(crate) fn wide(
    ty: &FuncType,
    type_index: u32,
    isa: &OwnedTargetIsa,
    ctx: &mut FunctionBuilderContext,
) -> ir::Function {
    let host = isa.default_call_conv();
    let mut func =
        ir::Function::with_name_signature(UserFuncName::user(abi::NS_WIDE, type_index), abi::wide_signature(ty));
    let array_sig = func.import_signature(abi::array_signature(host));
    let wasm_sig = func.import_signature(abi::wasm_signature(ty));
    let cells = ty.params().len().max(ty.results().len()).max(1);
    let slot = func.create_sized_stack_slot(StackSlotData::new(
        StackSlotKind::ExplicitSlot,
        (cells * abi::CELL as usize) as u32,
        4,
    ));
    let mut b = FunctionBuilder::new(&mut func, ctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let [vmctx, caller, args, results_ptr, callee] = b.block_params(block).try_into().expect("five parameters");
    let in_memory = abi::results_in_memory(ty);
    let params: Vec<Value> = ty
        .params()
        .iter()
        .enumerate()
        .map(|(i, &p)| load_cell(&mut b, p, args, i))
        .collect();
    let entry = b
        .ins()
        .load(POINTER, vm_readonly(), callee, offsets::FUNCREF_ENTRY as i32);
    let wasm_call = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_WASM_CALL as i32);
    let jump = b.create_block();
    let array = b.create_block();
    b.ins().brif(wasm_call, jump, &[], array, &[]);
    b.seal_block(jump);
    b.seal_block(array);
    b.switch_to_block(jump);
    let mut call_args = vec![vmctx, caller];
    call_args.extend(&params);
    if in_memory {
        call_args.push(results_ptr);
    }
    b.ins().return_call_indirect(wasm_sig, wasm_call, &call_args);
    b.switch_to_block(array);
    b.set_cold_block(array);
    let values = b.ins().stack_addr(POINTER, slot, 0);
    for (i, &v) in params.iter().enumerate() {
        abi::store_cell(&mut b, v, values, i);
    }
    let target = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_ARRAY_CALL as i32);
    let len = b.ins().iconst(POINTER, cells as i64);
    let call = b.ins().call_indirect(array_sig, target, &[callee, caller, values, len]);
    let ok = b.inst_results(call)[0];
    b.ins().trapz(ok, abi::TRAP_PROPAGATE);
    return_results(&mut b, ty, values, in_memory.then_some(results_ptr));
    b.finalize(isa.frontend_config());
    func
}

/// Returns the results of type `ty` found in the cells at `from`: copied to
/// the cells at `to` when they go through memory, else as values.
fn return_results(b: &mut FunctionBuilder<'_>, ty: &FuncType, from: Value, to: Option<Value>) {
    match to {
        Some(to) => {
            for (i, &r) in ty.results().iter().enumerate() {
                let v = load_cell(b, r, from, i);
                abi::store_cell(b, v, to, i);
            }
            b.ins().return_(&[]);
        }
        None => {
            let results: Vec<Value> = ty
                .results()
                .iter()
                .enumerate()
                .map(|(i, &r)| load_cell(b, r, from, i))
                .collect();
            b.ins().return_(&results);
        }
    }
}

/// Stores `values` as cells from `VmRuntime::tail_args` and returns their
/// address.
fn to_tail_args(b: &mut FunctionBuilder<'_>, runtime: Value, values: &[Value]) -> Value {
    let cells = b
        .ins()
        .load(POINTER, vm_readonly(), runtime, offsets::RUNTIME_TAIL_ARGS as i32);
    for (i, &v) in values.iter().enumerate() {
        abi::store_cell(b, v, cells, i);
    }
    cells
}

/// The adapter for callees of type `ty`, named `(NS_ADAPTER, type_index)`.
pub(crate) fn adapter(
    ty: &FuncType,
    type_index: u32,
    isa: &OwnedTargetIsa,
    ctx: &mut FunctionBuilderContext,
) -> ir::Function {
    let host = isa.default_call_conv();
    let mut func =
        ir::Function::with_name_signature(UserFuncName::user(abi::NS_ADAPTER, type_index), abi::wasm_signature(ty));
    let array_sig = func.import_signature(abi::array_signature(host));
    let wide_sig = func.import_signature(abi::wide_signature(ty));
    let cells = ty.params().len().max(ty.results().len()).max(1);
    let slot = func.create_sized_stack_slot(StackSlotData::new(
        StackSlotKind::ExplicitSlot,
        (cells * abi::CELL as usize) as u32,
        4,
    ));
    let mut b = FunctionBuilder::new(&mut func, ctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let params = b.block_params(block).to_vec();
    let (callee, caller) = (params[0], params[1]);
    let wasm_params = &params[2..2 + ty.params().len()];
    // The results' cells when they go through memory (the wide entries
    // take them as their fourth argument).
    let results_ptr = abi::results_in_memory(ty).then(|| params[2 + ty.params().len()]);
    let runtime = b
        .ins()
        .load(POINTER, vm_readonly(), caller, offsets::VMCTX_RUNTIME as i32);
    let null = b.ins().iconst(POINTER, 0);
    let results_arg = results_ptr.unwrap_or(null);
    let entry = b
        .ins()
        .load(POINTER, vm_readonly(), callee, offsets::FUNCREF_ENTRY as i32);
    // A callee with a wide entry: jump there, replacing this frame.
    let wide_call = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_WIDE_CALL as i32);
    let jump = b.create_block();
    let offer = b.create_block();
    b.ins().brif(wide_call, jump, &[], offer, &[]);
    b.seal_block(jump);
    b.seal_block(offer);
    b.switch_to_block(jump);
    let args = to_tail_args(&mut b, runtime, wasm_params);
    let vmctx = b
        .ins()
        .load(POINTER, vm_readonly(), callee, offsets::FUNCREF_VMCTX as i32);
    b.ins()
        .return_call_indirect(wide_sig, wide_call, &[vmctx, caller, args, results_arg, callee]);

    b.switch_to_block(offer);
    let values = b.ins().stack_addr(POINTER, slot, 0);
    for (i, &v) in wasm_params.iter().enumerate() {
        abi::store_cell(&mut b, v, values, i);
    }
    let target = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_ARRAY_CALL as i32);
    let len = b.ins().iconst(POINTER, cells as i64);
    // Offer to finish a tail call the callee (an interpreted function)
    // ends with (RFC 0008).
    b.ins()
        .store(vm_mutable(), callee, runtime, offsets::RUNTIME_TAIL_ACCEPT as i32);
    let call = b.ins().call_indirect(array_sig, target, &[callee, caller, values, len]);
    let ok = b.inst_results(call)[0];
    b.ins()
        .store(vm_mutable(), null, runtime, offsets::RUNTIME_TAIL_ACCEPT as i32);
    b.ins().trapz(ok, abi::TRAP_PROPAGATE);
    let pending = b
        .ins()
        .load(POINTER, vm_mutable(), runtime, offsets::RUNTIME_TAIL_CALLEE as i32);
    let tail = b.create_block();
    let done = b.create_block();
    b.ins().brif(pending, tail, &[], done, &[]);
    b.seal_block(tail);
    b.seal_block(done);

    // The callee ended in a tail call to `pending` (of any type with these
    // results), with the arguments in `VmRuntime::tail_args`: make it from
    // here, replacing this frame through its wide entry, else through its
    // array call.
    b.switch_to_block(tail);
    b.set_cold_block(tail);
    b.ins()
        .store(vm_mutable(), null, runtime, offsets::RUNTIME_TAIL_CALLEE as i32);
    let args = b
        .ins()
        .load(POINTER, vm_readonly(), runtime, offsets::RUNTIME_TAIL_ARGS as i32);
    let entry = b
        .ins()
        .load(POINTER, vm_readonly(), pending, offsets::FUNCREF_ENTRY as i32);
    let wide_call = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_WIDE_CALL as i32);
    let jump = b.create_block();
    let array = b.create_block();
    b.ins().brif(wide_call, jump, &[], array, &[]);
    b.seal_block(jump);
    b.seal_block(array);
    b.switch_to_block(jump);
    let vmctx = b
        .ins()
        .load(POINTER, vm_readonly(), pending, offsets::FUNCREF_VMCTX as i32);
    b.ins()
        .return_call_indirect(wide_sig, wide_call, &[vmctx, caller, args, results_arg, pending]);
    b.switch_to_block(array);
    let target = b
        .ins()
        .load(POINTER, vm_mutable(), entry, offsets::ENTRY_ARRAY_CALL as i32);
    let max = b.ins().iconst(POINTER, concord_core::vm::MAX_PARAMS as i64);
    let call = b.ins().call_indirect(array_sig, target, &[pending, caller, args, max]);
    let ok = b.inst_results(call)[0];
    b.ins().trapz(ok, abi::TRAP_PROPAGATE);
    // The results (this adapter's) come back in the same cells.
    return_results(&mut b, ty, args, results_ptr);

    b.switch_to_block(done);
    return_results(&mut b, ty, values, results_ptr);
    b.finalize(isa.frontend_config());
    func
}
