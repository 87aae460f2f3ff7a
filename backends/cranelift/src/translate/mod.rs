//! Wasm operators to CLIF.
//!
//! Entry point: [`translate_function`]. One pass over a validated function
//! body builds its CLIF with cranelift-frontend's [`FunctionBuilder`].
//!
//! # Values and locals
//!
//! The Wasm operand stack is a `Vec<Value>` of SSA values (types as in
//! [`crate::abi::clif_type`]: `v128` is `I8X16`, references are `I64`).
//! Locals are frontend [`Variable`]s, so SSA construction (block parameters
//! at merge points) is left to the frontend; parameters come from the entry
//! block's parameters (after the callee and caller `vmctx`), other locals
//! start at zero.
//!
//! # Control frames
//!
//! Every `block`, `loop`, `if` and the function body push a [`Ctrl`]
//! frame (a [`concord_core::translate::ControlFrame`]): its kind, the
//! operand-stack height below its parameters, its arity, and its
//! continuation block (`dest`, whose block parameters are the frame's
//! results). A loop also has a header block (parameters: the loop's
//! parameters), the target of branches to it. An `if` keeps its
//! `else` block and the parameter values, which the `else` arm (or the
//! implicit one of an `if` without `else`) starts with. Branches jump with
//! the top values as block arguments; `br_table` jumps through a jump table,
//! via one intermediate block per distinct target when values are passed.
//! The function frame's continuation is the return block.
//!
//! After `unreachable`, `br`, `br_table` and `return` the rest of the frame
//! is dead: its operators are skipped (only nesting is tracked, by
//! [`ControlStack::skip`], so that the matching `else`/`end` is found) and
//! emit nothing. A frame's end is live if its code falls through, if a
//! branch targets it, or (for an `if` without `else`) always; otherwise the
//! enclosing frame continues dead.
//!
//! # Fuel
//!
//! With [`TranslateOptions::fuel`], every fuel block (function entry, loop
//! header, `if`/`else` arm, live continuation of an `end`; see
//! [`concord_core::translate`], which also counts the cost) starts with a
//! charge: load `VmRuntime::fuel`, trap with `OutOfFuel` if it is below the
//! block's cost, store it minus the cost. The cost is only known once the
//! block's operators are translated: the charge is emitted with a
//! placeholder constant that is patched when the next block starts (and
//! removed from the layout when the cost is 0).
//!
//! # Memory accesses
//!
//! The `VmMemory` of memory 0 comes from `VmContext::memory0`, others from
//! `VmContext::memories`. Two modes, chosen per access:
//!
//! - **guard pages** (`guard_bytes > 0` and `offset + size <= guard_bytes`):
//!   the address is `base + zext(index) + offset` with no check; the access
//!   carries the `HEAP_OUT_OF_BOUNDS` trap code and the runtime maps the
//!   fault. The base is loaded read-only (the memory never moves).
//! - **explicit checks**: `zext(index) + offset + size > length` traps;
//!   base and length are reloaded (they change when the memory grows, so
//!   nothing is cached across calls), and the access itself cannot trap.
//!
//! Heap accesses are little-endian and live in their own alias region,
//! distinct from the runtime state (memory lengths, globals, fuel) and from
//! table elements. `memory.grow`, `fill`, `copy`, `init`, `data.drop` and
//! the table counterparts are libcalls ([`crate::abi::LibCall`]) in the
//! host's C convention; a failing status traps with
//! [`crate::abi::TRAP_PROPAGATE`]. `table.get`/`set`/`size` are inline.
//!
//! # Calls
//!
//! With [`TranslateOptions::direct_calls`] (the whole module compiled by
//! this tier in one batch, for good), a defined function of this module is
//! called directly (a colocated `call`, [`crate::abi::NS_FUNC`], with this
//! `vmctx` twice). Every other call goes through the callee's `VmFuncRef`
//! (from `VmContext::funcs`, or from a table for `call_indirect`) and its
//! shared entry (`VmFuncRef::entry`), so entries can be swapped: the callee
//! is called through the entry's `wasm_call` with the funcref's `vmctx`
//! when that is non-null, else (cold path) through the adapter of the call's
//! type ([`crate::abi::NS_ADAPTER`]), which takes the funcref itself; both paths
//! join in a block whose parameters are the results. `call_indirect`
//! checks the table bounds (`UndefinedElement`), null (`UninitializedElement`)
//! and the engine-wide type id (`IndirectCallTypeMismatch`) first.
//!
//! # Exceptions
//!
//! A `try_table` is a `block` whose frame keeps its catch clauses, so the
//! control frames are the (lexical) handler stack. Inside a `try_table`
//! with a clause, `call`, `call_indirect` and `call_ref` (not the tail
//! calls) go through the `CallCatching` helper, arguments and results in
//! value cells, so that the callee's exception comes back as a status.
//! `throw`, `throw_ref` and a caught call's exception are dispatched to
//! the enclosing clauses in order: a match branches to the clause's label
//! with the payload (and the `exnref`); none propagates the failure (after
//! `ExnRaise` for a `throw`/`throw_ref`). See [`exceptions`].
//!
//! # Numeric operators and traps
//!
//! Numeric operators map to their CLIF equivalents (comparisons produce an
//! `I8` that is zero-extended to `i32`). CLIF already traps where Wasm does:
//! division and remainder by zero, trapping float-to-int conversions; only
//! `MIN / -1` of `div_s` gets an explicit check. Every other trap is a
//! `trap`/`trapz`/`trapnz` with [`crate::abi::trap_code`] of the concord
//! code the interpreter raises in the same case. Each instruction's source
//! location is the Wasm operator's offset in the module's bytes.
//!
//! # SIMD
//!
//! Operators this translator does not know are offered to
//! [`simd::translate_simd`], which gets the operand stack and, through
//! [`simd::SimdEnv`], the heap addressing above.

mod control;
mod exceptions;
mod memory;
mod numeric;
mod simd;
#[cfg(test)]
mod tests;

use crate::abi;
use concord_core::module::ModuleInfo;
use concord_core::translate::{CatchClause, ControlFrame, ControlKind, ControlStack, DeadOp, FuelMeter};
use concord_core::vm::offsets;
use concord_core::wasmparser::{self as wp, Operator};
use concord_core::{CompileError, TrapCode, ValType};
use cranelift_codegen::ir::immediates::Offset32;
use cranelift_codegen::ir::{
    self, AliasRegion, AliasRegionData, ConstantData, GlobalValueData, Inst, InstBuilder, UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a module's functions are translated; fixed per compiled module.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TranslateOptions {
    /// Charge fuel per block (`Config::consume_fuel`), by the rules in
    /// `concord_core::translate`.
    pub fuel: bool,
    /// Check the engine's epoch against the store's deadline at function
    /// entries and loop headers (`Config::epoch_interruption`).
    pub epoch: bool,
    /// Bytes past the 4 GiB index space of a 32-bit memory that are
    /// guaranteed inaccessible (memory reservation minus 4 GiB). An access to
    /// a 32-bit memory whose `offset + size` fits in it needs no bounds
    /// check: the guard page faults. 0 means every access is checked
    /// explicitly against `VmMemory::length`.
    pub guard_bytes: u64,
    /// Calls to the module's own functions are direct
    /// (`CompileOptions::direct_calls`); otherwise every call goes through
    /// the callee's entry.
    pub direct_calls: bool,
    /// Calls of the function to itself are direct
    /// (`CompileOptions::direct_self_calls`).
    pub direct_self_calls: bool,
    /// How the relaxed SIMD operators are translated.
    pub relaxed_simd: RelaxedSimd,
}

/// How the relaxed SIMD operators are translated (see
/// [`simd::translate_simd`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RelaxedSimd {
    /// The deterministic profile's results
    /// (`Config::relaxed_simd_deterministic`), else concord's default ones.
    pub deterministic: bool,
    /// The target is x86-64 with SSSE3, where the x86-specific CLIF
    /// instructions that give the default results lower to single
    /// instructions. Without it the default mode is unsupported.
    pub x86_ssse3: bool,
}

type Result<T> = std::result::Result<T, CompileError>;

fn internal(what: impl std::fmt::Display) -> CompileError {
    CompileError::Internal(format!("cranelift translator: {what}"))
}

fn reader_error(e: wp::BinaryReaderError) -> CompileError {
    internal(format_args!("re-reading a validated function body: {e}"))
}

fn unsupported(what: impl Into<String>) -> CompileError {
    CompileError::Unsupported {
        tier: "cranelift",
        what: what.into(),
    }
}

/// The host's target configuration (calling convention, pointer width),
/// detected once.
fn host() -> Result<TargetFrontendConfig> {
    static HOST: OnceLock<std::result::Result<TargetFrontendConfig, String>> = OnceLock::new();
    HOST.get_or_init(|| {
        let builder = cranelift_native::builder().map_err(|e| format!("unsupported host: {e}"))?;
        let triple = builder.triple();
        let pointer_width = triple
            .pointer_width()
            .map_err(|()| "the host's pointer width is unknown".to_string())?;
        Ok(TargetFrontendConfig {
            default_call_conv: CallConv::triple_default(triple),
            pointer_width,
            page_size_align_log2: 12,
        })
    })
    .clone()
    .map_err(internal)
}

/// Translates defined function `def` of `info` into `func` (which the caller
/// created empty). `func.name` is `UserFuncName::user(0, func_index)` and its
/// signature [`crate::abi::wasm_signature`].
pub(crate) fn translate_function(
    info: &ModuleInfo,
    def: u32,
    opts: &TranslateOptions,
    func: &mut ir::Function,
) -> Result<()> {
    translate(info, def, opts, func, None)
}

/// Translates defined function `def` for on-stack replacement at the loop
/// whose operator is at byte offset `loop_offset` (RFC 0007).
///
/// The function's signature is [`crate::abi::wasm_signature`] of
/// `[i64] -> results`: the one parameter is the address of the frame state
/// (the locals, then the loop's parameters, one 16-byte cell each). The
/// entry block loads the state into the locals' variables and jumps to the
/// loop header with the loop's parameters; the code before the loop is
/// translated as usual but is unreachable (Cranelift removes it). Only a
/// loop entered with an empty operand stack below its parameters is an OSR
/// point; any other offset is an error.
pub(crate) fn translate_osr(
    info: &ModuleInfo,
    def: u32,
    loop_offset: u32,
    outer_offset: u32,
    opts: &TranslateOptions,
    func: &mut ir::Function,
) -> Result<()> {
    translate(info, def, opts, func, Some((loop_offset, outer_offset)))
}

/// The OSR target of a translation: the loop, the entry block that jumps
/// there, and the frame-state address.
#[derive(Clone, Copy)]
struct OsrTarget {
    offset: u32,
    /// The outermost OSR point around `offset`: its first iteration is
    /// peeled (see `Translator::translate_peeled`).
    outer: u32,
    entry: ir::Block,
    state: Value,
    done: bool,
}

fn translate(
    info: &ModuleInfo,
    def: u32,
    opts: &TranslateOptions,
    func: &mut ir::Function,
    osr: Option<(u32, u32)>,
) -> Result<()> {
    if def >= info.num_defined_funcs() {
        return Err(internal(format_args!("no defined function {def}")));
    }
    let host = host()?;
    let func_index = info
        .num_imported_funcs
        .checked_add(def)
        .ok_or_else(|| internal("function index overflow"))?;
    let ty = info.func_type(func_index);
    func.name = UserFuncName::user(0, func_index);
    func.signature = match osr {
        None => abi::wasm_signature(ty),
        Some(_) => abi::wasm_signature(&concord_core::FuncType::new(
            [ValType::I64],
            ty.results().iter().copied(),
        )),
    };

    let mut ctx = FunctionBuilderContext::new();
    let mut builder = FunctionBuilder::new(func, &mut ctx);
    let entry = builder.create_block();
    builder.append_block_params_for_function_params(entry);
    builder.switch_to_block(entry);
    builder.seal_block(entry);
    let entry_params = builder.block_params(entry).to_vec();
    let vmctx = *entry_params.first().ok_or_else(|| internal("no vmctx parameter"))?;
    // Results beyond the registers go to the cells of the last parameter.
    let results_ptr = if abi::results_in_memory(ty) {
        Some(*entry_params.last().ok_or_else(|| internal("no results parameter"))?)
    } else {
        None
    };
    // Under OSR the entry block stays empty until the target loop is
    // reached; the normal start of the body is an unreachable block whose
    // parameters are zeros.
    let (osr, params) = match osr {
        None => (None, entry_params),
        Some((offset, outer)) => {
            let state = *entry_params
                .get(2)
                .ok_or_else(|| internal("no frame-state parameter"))?;
            // First in the layout (the function's entry), though still
            // empty: the frontend inserts a block when it gets its first
            // instruction.
            builder.func.layout.append_block(entry);
            let start = builder.create_block();
            builder.switch_to_block(start);
            builder.seal_block(start);
            let mut params = entry_params[..2].to_vec();
            for &p in ty.params() {
                params.push(zero_value(&mut builder, abi::clif_type(p)));
            }
            (
                Some(OsrTarget {
                    offset,
                    outer,
                    entry,
                    state,
                    done: false,
                }),
                params,
            )
        }
    };

    // The prologue's stack check: `(*(*vmctx).runtime).stack_limit`.
    let readonly = builder
        .func
        .dfg
        .mem_flags
        .insert(abi::vm_readonly())
        .map_err(|_| internal("too many memory flags"))?;
    let vmctx_gv = builder.create_global_value(GlobalValueData::VMContext);
    let runtime_gv = builder.create_global_value(GlobalValueData::Load {
        base: vmctx_gv,
        offset: offset32(offsets::VMCTX_RUNTIME),
        global_type: abi::POINTER,
        flags: readonly,
    });
    let limit_gv = builder.create_global_value(GlobalValueData::Load {
        base: runtime_gv,
        offset: offset32(offsets::RUNTIME_STACK_LIMIT),
        global_type: abi::POINTER,
        flags: readonly,
    });
    builder.func.stack_limit = Some(limit_gv);

    let region = |builder: &mut FunctionBuilder<'_>, user_id: u32, description: &'static str| {
        builder.func.dfg.alias_regions.insert(AliasRegionData {
            user_id,
            description: description.into(),
        })
    };
    let heap = region(&mut builder, 0, "heap");
    let vm = region(&mut builder, 1, "vm state");
    let table = region(&mut builder, 2, "table elements");

    let mut t = Translator {
        env: Env {
            info,
            opts: *opts,
            func_index,
            vmctx,
            heap,
            vm,
            table,
            host_cc: host.default_call_conv,
            libcalls: HashMap::new(),
            sigs: HashMap::new(),
            adapters: HashMap::new(),
            direct: HashMap::new(),
            results_ptr,
        },
        stack: Vec::new(),
        ctrls: ControlStack::new(),
        locals: Vec::new(),
        local_types: Vec::new(),
        fuel: FuelMeter::new(opts.fuel),
        offset: 0,
        osr,
        peel: None,
        cells: None,
    };

    // Locals: parameters, then the declared ones at zero.
    for (i, &vt) in ty.params().iter().enumerate() {
        let var = builder.declare_var(abi::clif_type(vt));
        let value = *params.get(i + 2).ok_or_else(|| internal("missing parameter"))?;
        builder.def_var(var, value);
        t.locals.push(var);
        t.local_types.push(abi::clif_type(vt));
    }
    let body = info.function_body(def);
    let mut zeros: HashMap<ir::Type, Value> = HashMap::new();
    for entry in body.get_locals_reader().map_err(reader_error)? {
        let (count, vt) = entry.map_err(reader_error)?;
        let ty = wasm_type(vt);
        let zero = match zeros.get(&ty) {
            Some(&z) => z,
            None => {
                let z = zero_value(&mut builder, ty);
                zeros.insert(ty, z);
                z
            }
        };
        for _ in 0..count {
            let var = builder.declare_var(ty);
            builder.def_var(var, zero);
            t.locals.push(var);
            t.local_types.push(ty);
        }
    }

    // The function frame: its continuation is the return block.
    let ret = builder.create_block();
    for &r in ty.results() {
        builder.append_block_param(ret, abi::clif_type(r));
    }
    t.ctrls
        .push(Ctrl::new(ControlKind::Func, 0, 0, ty.results().len(), Blocks::new(ret)));
    t.epoch_check(&mut builder);
    t.start_fuel_block(&mut builder);

    let mut reader = body.get_operators_reader().map_err(reader_error)?;
    while !t.ctrls.is_empty() {
        let (op, offset) = reader.read_with_offset().map_err(reader_error)?;
        t.offset = u32::try_from(offset).unwrap_or(u32::MAX);
        builder.set_srcloc(ir::SourceLoc::new(t.offset));
        // The outer loop of an OSR entry inside a nest: its first
        // iteration is translated twice, from a second reader.
        if matches!(op, Operator::Loop { .. })
            && t.osr
                .is_some_and(|o| !o.done && o.outer == t.offset && o.outer != o.offset)
            && !t.ctrls.is_unreachable()
        {
            t.peel = Some(reader.clone());
        }
        if t.ctrls.is_unreachable() {
            t.skip(&mut builder, &op)?;
        } else {
            t.fuel.charge(&op);
            t.translate(&mut builder, op)?;
        }
    }
    t.finish_fuel_block(&mut builder);
    if t.osr.is_some_and(|o| !o.done) {
        return Err(internal(format_args!(
            "no OSR point (a loop entered with an empty operand stack) at offset {}",
            osr.map_or(0, |o| o.offset)
        )));
    }
    builder.seal_all_blocks();
    builder.finalize(host);
    Ok(())
}

/// An `Offset32` from a layout offset (always small).
fn offset32(offset: usize) -> Offset32 {
    Offset32::new(offset as i32)
}

/// The CLIF type of a wasmparser value type.
fn wasm_type(t: wp::ValType) -> ir::Type {
    match t {
        wp::ValType::I32 => types::I32,
        wp::ValType::I64 => types::I64,
        wp::ValType::F32 => types::F32,
        wp::ValType::F64 => types::F64,
        wp::ValType::V128 => types::I8X16,
        wp::ValType::Ref(_) => types::I64,
    }
}

/// A zero of type `ty`.
fn zero_value(builder: &mut FunctionBuilder<'_>, ty: ir::Type) -> Value {
    match ty {
        types::F32 => builder.ins().f32const(0.0),
        types::F64 => builder.ins().f64const(0.0),
        ty if ty.is_vector() => {
            let c = builder.func.dfg.constants.insert(ConstantData::from(vec![0u8; 16]));
            builder.ins().vconst(ty, c)
        }
        ty => builder.ins().iconst(ty, 0),
    }
}

/// The state the SIMD translator may use too: the module, the options, the
/// context pointer and the imported signatures and functions.
pub(crate) struct Env<'a> {
    info: &'a ModuleInfo,
    opts: TranslateOptions,
    /// The index of the function being translated.
    func_index: u32,
    vmctx: Value,
    /// Alias region of linear-memory accesses.
    heap: AliasRegion,
    /// Alias region of mutable runtime state (lengths, bases, globals, fuel).
    vm: AliasRegion,
    /// Alias region of table elements.
    table: AliasRegion,
    host_cc: CallConv,
    libcalls: HashMap<u32, ir::FuncRef>,
    sigs: HashMap<u32, ir::SigRef>,
    adapters: HashMap<u32, ir::FuncRef>,
    /// Defined functions of this module called directly, by function index.
    direct: HashMap<u32, ir::FuncRef>,
    /// The cells that receive the function's results, when they go through
    /// memory (`abi::results_in_memory`).
    results_ptr: Option<Value>,
}

/// A control frame's blocks.
#[derive(Debug)]
struct Blocks {
    /// The continuation; its parameters are the results.
    dest: ir::Block,
    /// A loop's header; its parameters are the loop's parameters.
    header: Option<ir::Block>,
    /// An `if`'s false arm, until its `else`.
    else_block: Option<ir::Block>,
    /// An `if`'s parameter values, for its false arm.
    if_params: Vec<Value>,
    /// A branch targets `dest`.
    dest_used: bool,
    /// A `try_table`'s catch clauses.
    catches: Vec<CatchClause>,
}

impl Blocks {
    /// The blocks of a frame continuing at `dest`, with nothing else yet.
    fn new(dest: ir::Block) -> Blocks {
        Blocks {
            dest,
            header: None,
            else_block: None,
            if_params: Vec::new(),
            dest_used: false,
            catches: Vec::new(),
        }
    }
}

/// A control frame.
type Ctrl = ControlFrame<Blocks>;

/// The fuel charge at the start of a fuel block.
struct Charge {
    /// The instructions of the charge (removed if the cost stays 0).
    insts: Vec<Inst>,
    /// The placeholder `iconst` of the cost.
    cost_inst: Inst,
}

struct Translator<'a> {
    env: Env<'a>,
    stack: Vec<Value>,
    ctrls: ControlStack<Blocks>,
    locals: Vec<Variable>,
    /// The CLIF type of each local.
    local_types: Vec<ir::Type>,
    fuel: FuelMeter<Charge>,
    /// The byte offset of the operator being translated.
    offset: u32,
    /// Under [`translate_osr`], the loop to enter.
    osr: Option<OsrTarget>,
    /// The operators after the outer loop's `loop`, for its peeled copy.
    peel: Option<wp::OperatorsReader<'a>>,
    /// The value cells of catching calls and `throw` (see
    /// [`exceptions`]), once used.
    cells: Option<ir::StackSlot>,
}

impl Translator<'_> {
    // ---- operand stack ------------------------------------------------------

    fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    fn pop(&mut self) -> Result<Value> {
        self.stack.pop().ok_or_else(|| internal("operand stack underflow"))
    }

    fn pop2(&mut self) -> Result<(Value, Value)> {
        let b = self.pop()?;
        let a = self.pop()?;
        Ok((a, b))
    }

    fn pop3(&mut self) -> Result<(Value, Value, Value)> {
        let c = self.pop()?;
        let (a, b) = self.pop2()?;
        Ok((a, b, c))
    }

    fn peek(&self) -> Result<Value> {
        self.stack
            .last()
            .copied()
            .ok_or_else(|| internal("operand stack underflow"))
    }

    /// The top `n` operands (left in place).
    fn top(&self, n: usize) -> Result<&[Value]> {
        let first = self
            .stack
            .len()
            .checked_sub(n)
            .ok_or_else(|| internal("operand stack underflow"))?;
        Ok(&self.stack[first..])
    }

    /// Pops the top `n` operands.
    fn pop_n(&mut self, n: usize) -> Result<Vec<Value>> {
        let first = self
            .stack
            .len()
            .checked_sub(n)
            .ok_or_else(|| internal("operand stack underflow"))?;
        Ok(self.stack.split_off(first))
    }

    fn local(&self, index: u32) -> Result<Variable> {
        self.locals
            .get(index as usize)
            .copied()
            .ok_or_else(|| internal(format_args!("no local {index}")))
    }

    // ---- epoch interruption -------------------------------------------------

    /// The epoch check of a function entry or loop header (with
    /// [`TranslateOptions::epoch`]): when the engine's epoch has reached
    /// the store's deadline, call `LibCall::EpochReached` in a cold block
    /// and propagate its failure. The counter's load is an ordinary one:
    /// the slow path's call on one side of every check keeps it from being
    /// merged with an earlier load of another check.
    fn epoch_check(&mut self, b: &mut FunctionBuilder<'_>) {
        if !self.env.opts.epoch {
            return;
        }
        let runtime = b.ins().load(
            abi::POINTER,
            abi::vm_readonly(),
            self.env.vmctx,
            offset32(offsets::VMCTX_RUNTIME),
        );
        let counter = b.ins().load(
            abi::POINTER,
            abi::vm_readonly(),
            runtime,
            offset32(offsets::RUNTIME_EPOCH),
        );
        let epoch = b.ins().load(types::I64, ir::MemFlagsData::trusted(), counter, 0);
        let flags = self.env.vm_flags();
        let deadline = b
            .ins()
            .load(types::I64, flags, runtime, offset32(offsets::RUNTIME_EPOCH_DEADLINE));
        let due = b
            .ins()
            .icmp(ir::condcodes::IntCC::UnsignedGreaterThanOrEqual, epoch, deadline);
        let slow = b.create_block();
        let cont = b.create_block();
        b.ins().brif(due, slow, &[], cont, &[]);
        b.switch_to_block(slow);
        b.seal_block(slow);
        b.set_cold_block(slow);
        if let Some(status) = self.env.call_libcall(b, abi::LibCall::EpochReached, &[]) {
            b.ins().trapz(status, abi::TRAP_PROPAGATE);
        }
        b.ins().jump(cont, &[]);
        b.switch_to_block(cont);
        b.seal_block(cont);
    }

    // ---- fuel ---------------------------------------------------------------

    /// Starts a fuel block at the current position (which is live).
    fn start_fuel_block(&mut self, b: &mut FunctionBuilder<'_>) {
        if !self.fuel.is_enabled() {
            return;
        }
        self.finish_fuel_block(b);
        let inst_of = |b: &FunctionBuilder<'_>, v: Value| b.func.dfg.value_def(v).inst();
        let runtime = b.ins().load(
            abi::POINTER,
            abi::vm_readonly(),
            self.env.vmctx,
            offset32(offsets::VMCTX_RUNTIME),
        );
        let flags = self.env.vm_flags();
        let fuel = b
            .ins()
            .load(types::I64, flags, runtime, offset32(offsets::RUNTIME_FUEL));
        let cost = b.ins().iconst(types::I64, 0);
        let short = b.ins().icmp(ir::condcodes::IntCC::SignedLessThan, fuel, cost);
        let trap = b.ins().trapnz(short, abi::trap_code(TrapCode::OutOfFuel));
        let left = b.ins().isub(fuel, cost);
        let store = b.ins().store(flags, left, runtime, offset32(offsets::RUNTIME_FUEL));
        let mut insts: Vec<Inst> = [runtime, fuel, cost, short, left]
            .into_iter()
            .filter_map(|v| inst_of(b, v))
            .collect();
        insts.push(trap);
        insts.push(store);
        if let Some(cost_inst) = inst_of(b, cost) {
            self.fuel.start(Charge { insts, cost_inst });
        }
    }

    /// Patches the current fuel block's cost.
    fn finish_fuel_block(&mut self, b: &mut FunctionBuilder<'_>) {
        if let Some(block) = self.fuel.finish() {
            if block.cost == 0 {
                for inst in block.site.insts {
                    b.func.layout.remove_inst(inst);
                }
            } else {
                b.func
                    .replace(block.site.cost_inst)
                    .iconst(types::I64, block.cost as i64);
            }
        }
    }

    // ---- dispatch -----------------------------------------------------------

    /// Skips an operator of dead code, up to the frame's `else` or `end`.
    fn skip(&mut self, b: &mut FunctionBuilder<'_>, op: &Operator<'_>) -> Result<()> {
        match self.ctrls.skip(op) {
            DeadOp::End => self.end(b),
            DeadOp::Else => self.else_(b),
            DeadOp::Open | DeadOp::Close | DeadOp::Other => Ok(()),
        }
    }

    fn translate(&mut self, b: &mut FunctionBuilder<'_>, op: Operator<'_>) -> Result<()> {
        use Operator as O;
        match op {
            O::Nop => {}
            O::Unreachable => {
                b.ins().trap(abi::trap_code(TrapCode::Unreachable));
                self.ctrls.set_unreachable();
            }
            O::Block { blockty } => self.block(b, blockty)?,
            O::TryTable { try_table } => self.try_table(b, &try_table)?,
            O::Throw { tag_index } => self.throw(b, tag_index)?,
            O::ThrowRef => self.throw_ref(b)?,
            O::Loop { blockty } => self.loop_(b, blockty)?,
            O::If { blockty } => self.if_(b, blockty)?,
            O::Else => self.else_(b)?,
            O::End => self.end(b)?,
            O::Br { relative_depth } => {
                self.br(b, relative_depth)?;
                self.ctrls.set_unreachable();
            }
            O::BrIf { relative_depth } => self.br_if(b, relative_depth)?,
            O::BrTable { targets } => {
                self.br_table(b, &targets)?;
                self.ctrls.set_unreachable();
            }
            O::Return => {
                let depth = self.ctrls.len().saturating_sub(1) as u32;
                self.br(b, depth)?;
                self.ctrls.set_unreachable();
            }
            O::Call { function_index } => self.call(b, function_index, false)?,
            O::CallIndirect {
                type_index,
                table_index,
            } => self.call_indirect(b, type_index, table_index, false)?,
            O::CallRef { type_index } => self.call_ref(b, type_index, false)?,
            O::ReturnCallRef { type_index } => {
                self.call_ref(b, type_index, true)?;
                self.ctrls.set_unreachable();
            }
            O::RefAsNonNull => {
                let r = *self.stack.last().ok_or_else(|| internal("empty stack"))?;
                b.ins().trapz(r, abi::trap_code(TrapCode::NullReference));
            }
            O::BrOnNull { relative_depth } => self.br_on_null(b, relative_depth, true)?,
            O::BrOnNonNull { relative_depth } => self.br_on_null(b, relative_depth, false)?,
            O::ReturnCall { function_index } => {
                self.call(b, function_index, true)?;
                self.ctrls.set_unreachable();
            }
            O::ReturnCallIndirect {
                type_index,
                table_index,
            } => {
                self.call_indirect(b, type_index, table_index, true)?;
                self.ctrls.set_unreachable();
            }
            O::Drop => {
                self.pop()?;
            }
            O::Select | O::TypedSelect { .. } => {
                let (x, y, c) = self.pop3()?;
                let v = b.ins().select(c, x, y);
                self.push(v);
            }
            O::LocalGet { local_index } => {
                let v = b.use_var(self.local(local_index)?);
                self.push(v);
            }
            O::LocalSet { local_index } => {
                let v = self.pop()?;
                b.def_var(self.local(local_index)?, v);
            }
            O::LocalTee { local_index } => {
                let v = self.peek()?;
                b.def_var(self.local(local_index)?, v);
            }
            O::GlobalGet { global_index } => {
                let v = self.env.global_get(b, global_index)?;
                self.push(v);
            }
            O::GlobalSet { global_index } => {
                let v = self.pop()?;
                self.env.global_set(b, global_index, v)?;
            }
            O::I32Const { value } => {
                let v = b.ins().iconst(types::I32, i64::from(value as u32));
                self.push(v);
            }
            O::I64Const { value } => {
                let v = b.ins().iconst(types::I64, value);
                self.push(v);
            }
            O::F32Const { value } => {
                let v = b.ins().f32const(ir::immediates::Ieee32::with_bits(value.bits()));
                self.push(v);
            }
            O::F64Const { value } => {
                let v = b.ins().f64const(ir::immediates::Ieee64::with_bits(value.bits()));
                self.push(v);
            }
            O::RefNull { .. } => {
                let v = b.ins().iconst(types::I64, 0);
                self.push(v);
            }
            O::RefIsNull => {
                let r = self.pop()?;
                let c = b.ins().icmp_imm_u(ir::condcodes::IntCC::Equal, r, 0);
                let v = b.ins().uextend(types::I32, c);
                self.push(v);
            }
            O::RefFunc { function_index } => {
                let v = self.env.funcref(b, function_index);
                self.push(v);
            }
            op => {
                if self.memory_op(b, &op)? || self.numeric_op(b, &op)? {
                    return Ok(());
                }
                let relaxed = self.env.opts.relaxed_simd;
                if simd::translate_simd(&op, b, &mut self.stack, &mut self.env, relaxed)? {
                    return Ok(());
                }
                let name = format!("{op:?}");
                let simd = ["V128", "I8x16", "I16x8", "I32x4", "I64x2", "F32x4", "F64x2"]
                    .iter()
                    .any(|p| name.starts_with(p));
                return Err(unsupported(if simd {
                    format!("SIMD operator {name}")
                } else {
                    format!("operator {name}")
                }));
            }
        }
        Ok(())
    }
}

impl Env<'_> {
    /// Flags for mutable runtime state.
    fn vm_flags(&self) -> ir::MemFlagsData {
        abi::vm_mutable().with_alias_region(Some(self.vm))
    }

    /// Flags for a field of a `VmFuncRef` that may be null-checked first:
    /// read-only, but not hoistable above the check.
    fn funcref_field_flags(&self) -> ir::MemFlagsData {
        ir::MemFlagsData::trusted().with_readonly()
    }

    /// Loads the pointer at `8 * index` of the array at `field` of the
    /// context (all read-only).
    fn vmctx_array_entry(&self, b: &mut FunctionBuilder<'_>, field: usize, index: u32) -> Value {
        let array = b
            .ins()
            .load(abi::POINTER, abi::vm_readonly(), self.vmctx, offset32(field));
        let offset = i64::from(index) * 8;
        match i32::try_from(offset) {
            Ok(off) => b.ins().load(abi::POINTER, abi::vm_readonly(), array, off),
            Err(_) => {
                let addr = b.ins().iadd_imm_u(array, offset);
                b.ins().load(abi::POINTER, abi::vm_readonly(), addr, 0)
            }
        }
    }

    /// `ref.func`: the address of the function's `VmFuncRef`.
    fn funcref(&self, b: &mut FunctionBuilder<'_>, func_index: u32) -> Value {
        self.vmctx_array_entry(b, offsets::VMCTX_FUNCS, func_index)
    }

    fn global_type(&self, index: u32) -> Result<concord_core::GlobalType> {
        self.info
            .globals
            .get(index as usize)
            .copied()
            .ok_or_else(|| internal(format_args!("no global {index}")))
    }

    fn global_get(&self, b: &mut FunctionBuilder<'_>, index: u32) -> Result<Value> {
        let gt = self.global_type(index)?;
        let addr = self.vmctx_array_entry(b, offsets::VMCTX_GLOBALS, index);
        let ty = abi::clif_type(gt.content);
        let mutable = gt.mutability == concord_core::Mutability::Var;
        let mut flags = if mutable { self.vm_flags() } else { abi::vm_readonly() };
        if gt.content == ValType::V128 {
            // `VmGlobal` is 8-byte aligned only.
            flags = ir::MemFlagsData::new()
                .with_notrap()
                .with_alias_region(flags.alias_region());
            if !mutable {
                flags = flags.with_readonly().with_can_move();
            }
        }
        Ok(b.ins().load(ty, flags, addr, 0))
    }

    fn global_set(&self, b: &mut FunctionBuilder<'_>, index: u32, value: Value) -> Result<()> {
        let gt = self.global_type(index)?;
        let addr = self.vmctx_array_entry(b, offsets::VMCTX_GLOBALS, index);
        let flags = self.vm_flags();
        // The `RawVal` encoding: 32-bit values zero-extended to the word.
        let value = abi::raw_word(b, value);
        if gt.content == ValType::V128 {
            let flags = ir::MemFlagsData::new().with_notrap().with_alias_region(Some(self.vm));
            b.ins().store(flags, value, addr, 0);
        } else {
            b.ins().store(flags, value, addr, 0);
        }
        Ok(())
    }
}
