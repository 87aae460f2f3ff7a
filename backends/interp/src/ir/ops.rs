//! The op table: every interpreter instruction, declared once.
//!
//! [`for_each_op!`] hands the whole list (doc comments, variant names,
//! fields and field types) to a generator macro; `ir.rs` builds the
//! [`Op`](super::Op) enum and its generic accessors (name, operands, branch
//! offset, disassembly) from it. To add an op, add it here, then teach the
//! translator to emit it and the executor to run it. Add new ops at the
//! end: the order numbers the ops and places their handlers, and moving
//! the handlers of hot ops moved benchmarks by up to 25% (benches/README.md,
//! "Seventh sitting").

/// Invokes `$generator! { ... }` with every op as
/// `$(#[doc] ...)* Name { field: Type, ... },` (unit ops have no braces).
#[rustfmt::skip]
macro_rules! for_each_op {
    ($generator:ident) => {
        $generator! {
            // ---- control -------------------------------------------------------
            /// Traps with `code`.
            Trap { code: TrapCode },
            /// Charges `cost` units of fuel (the cost of the basic block it starts).
            Fuel { cost: u32 },
            /// Epoch interruption (`Config::epoch_interruption`), at the function's
            /// start and every loop header: when the engine's epoch has reached the
            /// store's deadline, runs the store's deadline behaviour (trap, or a
            /// callback that may continue).
            Epoch,
            /// Tier-up (RFC 0007): takes `weight` from the function's budget and,
            /// when it runs out (or at the header the core asked to watch), asks
            /// the core to tier the function up. `at`: the byte offset of the loop
            /// whose header this is when it is an OSR point (the frame may move to
            /// compiled code here), `NO_LOOP` otherwise, `FUNC_ENTRY` at the
            /// function's start; `target`: the outermost OSR point around here
            /// (this loop included), or `NO_LOOP`.
            TierUp { weight: u32, at: u32, target: u32 },
            /// Unconditional branch.
            Br { off: i32 },
            /// Branch if `cond != 0`.
            BrIfNez { cond: Slot, off: i32 },
            /// Branch if `cond == 0`.
            BrIfEqz { cond: Slot, off: i32 },
            BrI32Eq { lhs: Slot, rhs: Slot, off: i32 },
            BrI32Ne { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LtS { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LtU { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GtS { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GtU { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LeS { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LeU { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GeS { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GeU { lhs: Slot, rhs: Slot, off: i32 },
            BrI32EqImm { lhs: Slot, imm: i32, off: i32 },
            BrI32NeImm { lhs: Slot, imm: i32, off: i32 },
            BrI32LtSImm { lhs: Slot, imm: i32, off: i32 },
            BrI32LtUImm { lhs: Slot, imm: i32, off: i32 },
            BrI32GtSImm { lhs: Slot, imm: i32, off: i32 },
            BrI32GtUImm { lhs: Slot, imm: i32, off: i32 },
            BrI32LeSImm { lhs: Slot, imm: i32, off: i32 },
            BrI32LeUImm { lhs: Slot, imm: i32, off: i32 },
            BrI32GeSImm { lhs: Slot, imm: i32, off: i32 },
            BrI32GeUImm { lhs: Slot, imm: i32, off: i32 },
            /// Branch if `lhs & imm != 0`.
            BrI32AndImmNez { lhs: Slot, imm: i32, off: i32 },
            /// Branch if `lhs & imm == 0`.
            BrI32AndImmEqz { lhs: Slot, imm: i32, off: i32 },
            /// Branch if the `i64` in `cond` is not zero.
            BrI64Nez { cond: Slot, off: i32 },
            /// Branch if the `i64` in `cond` is zero.
            BrI64Eqz { cond: Slot, off: i32 },
            BrI64Eq { lhs: Slot, rhs: Slot, off: i32 },
            BrI64Ne { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LtS { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LtU { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GtS { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GtU { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LeS { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LeU { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GeS { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GeU { lhs: Slot, rhs: Slot, off: i32 },
            /// A loop counter's step fused with the loop's back-edge test:
            /// `lhs += imm` (wrapping), then branch if `lhs < rhs` (unsigned).
            BrI32AddImmLtU { lhs: Slot, imm: i16, rhs: Slot, off: i32 },
            /// `lhs += imm`, then branch if `lhs < bound` (unsigned).
            BrI32AddImmLtUImm { lhs: Slot, imm: i16, bound: i32, off: i32 },
            /// `lhs += step` (a slot), then branch if `lhs < rhs` (unsigned).
            BrI32AddLtU { lhs: Slot, step: Slot, rhs: Slot, off: i32 },
            /// Branch if the reference in `cond` is null (all 64 bits zero).
            BrIfNull { cond: Slot, off: i32 },
            /// Branch if the reference in `cond` is not null.
            BrIfNonNull { cond: Slot, off: i32 },
            /// Branches to entry `min(index, len)` of the `len + 1` `Br` ops that follow.
            BrTable { index: Slot, len: u32 },
            /// Returns from the function; results are already in slots `0..n`.
            Return,
            /// Returns with the single `v128` result in `src` (copied to slot 0 first).
            ReturnSlot { src: Slot },
            /// `ReturnSlot` of a scalar result (word 0 only).
            ReturnSlot64 { src: Slot },
            /// Calls defined function `func` (a defined index) of this instance;
            /// its frame starts at `base` (where the arguments are). While the
            /// callee's entry is the interpreter's, its frame is pushed in the
            /// running loop; otherwise it is called through its entry with
            /// `len = max(params, results)` cells at `base`.
            Call { func: u32, base: u32, len: u16 },
            /// Calls function `func` (a module function index) through its
            /// `VmFuncRef`; `len = max(params, results)` cells at `base`.
            CallRef { func: u32, base: u32, len: u16 },
            /// `call_indirect` through `table` with the index in `index`.
            CallIndirect { table: u16, index: Slot, len: u16, type_index: u32, base: u32 },
            /// `return_call` of defined function `func` of this instance: while
            /// the callee's entry is the interpreter's, its frame replaces this
            /// one (the arguments move from `base` to slot 0; no frame record is
            /// pushed), so tail calls run in constant stack; otherwise it is
            /// called as `Call` would, and its results are returned.
            ReturnCall { func: u32, base: u32, len: u16 },
            /// `return_call` of function `func` (a module function index)
            /// through its `VmFuncRef`, as `ReturnCall` does.
            ReturnCallRef { func: u32, base: u32, len: u16 },
            /// `call_ref`: calls the function reference in `callee` (trapping
            /// when it is null), as `CallRef` calls a module function.
            CallFuncRef { callee: Slot, base: u32, len: u16 },
            /// `return_call_ref`: `CallFuncRef` as a tail call (see `ReturnCall`).
            ReturnCallFuncRef { callee: Slot, base: u32, len: u16 },
            /// `return_call_indirect` through `table` with the index in `index`.
            ReturnCallIndirect { table: u16, index: Slot, len: u16, type_index: u32, base: u32 },

            /// `throw`: a new exception of the instance's tag `tag` whose payload
            /// is in the slots from `base` (the tag's parameter count), thrown.
            Throw { tag: u32, base: u32 },
            /// `throw_ref`: throws the exception in `src` (traps when null).
            ThrowRef { src: Slot },
            // ---- data movement -------------------------------------------------
            /// `ref.as_non_null`: traps when the reference in `src` is null.
            TrapIfNull { src: Slot },
            /// Copies a whole cell.
            Copy { dst: Slot, src: Slot },
            /// Copies word 0 of a cell (a scalar or reference).
            Copy64 { dst: Slot, src: Slot },
            /// Two `Copy64`s in a row, in order (a value moving through
            /// locals, call arguments).
            Copy64x2 { dst: Slot, src: Slot, dst2: Slot, src2: Slot },
            /// Copies a `v128` cell.
            CopyV128 { dst: Slot, src: Slot },
            /// Copies `len` cells (memmove semantics). Its cell indexes are 32-bit:
            /// it is also how a wide frame reaches the cells beyond the `Slot`
            /// range (`translate_function`).
            CopySpan { dst: u32, src: u32, len: u32 },
            /// Writes a scalar constant (word 0) to `dst`.
            Const { dst: Slot, value: u64 },
            /// Writes entry `idx` of the function's `v128` constant pool.
            ConstV128 { dst: Slot, idx: u32 },
            /// `select`: `dst = if cond != 0 { a } else { b }`.
            Select { dst: Slot, cond: Slot, a: Slot, b: Slot },
            GlobalGet { dst: Slot, global: u32 },
            GlobalSet { src: Slot, global: u32 },
            RefFunc { dst: Slot, func: u32 },
            RefIsNull { dst: Slot, src: Slot },

            // ---- generic scalar families ----------------------------------------
            Unary { dst: Slot, src: Slot, f: UnaryFn },
            Binary { dst: Slot, lhs: Slot, rhs: Slot, f: BinaryFn },
            UnaryTrap { dst: Slot, src: Slot, f: UnaryTrapFn },

            // ---- i32 ------------------------------------------------------------
            I32Add { dst: Slot, lhs: Slot, rhs: Slot },
            I32Sub { dst: Slot, lhs: Slot, rhs: Slot },
            I32Mul { dst: Slot, lhs: Slot, rhs: Slot },
            I32And { dst: Slot, lhs: Slot, rhs: Slot },
            I32Or { dst: Slot, lhs: Slot, rhs: Slot },
            I32Xor { dst: Slot, lhs: Slot, rhs: Slot },
            I32Shl { dst: Slot, lhs: Slot, rhs: Slot },
            /// `imm << rhs`: a constant shifted (`1 << k`).
            I32ShlImmLhs { dst: Slot, imm: i32, rhs: Slot },
            I32ShrS { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShrU { dst: Slot, lhs: Slot, rhs: Slot },
            I32Rotl { dst: Slot, lhs: Slot, rhs: Slot },
            I32Rotr { dst: Slot, lhs: Slot, rhs: Slot },
            I32Eq { dst: Slot, lhs: Slot, rhs: Slot },
            I32Ne { dst: Slot, lhs: Slot, rhs: Slot },
            I32LtS { dst: Slot, lhs: Slot, rhs: Slot },
            I32LtU { dst: Slot, lhs: Slot, rhs: Slot },
            I32GtS { dst: Slot, lhs: Slot, rhs: Slot },
            I32GtU { dst: Slot, lhs: Slot, rhs: Slot },
            I32LeS { dst: Slot, lhs: Slot, rhs: Slot },
            I32LeU { dst: Slot, lhs: Slot, rhs: Slot },
            I32GeS { dst: Slot, lhs: Slot, rhs: Slot },
            I32GeU { dst: Slot, lhs: Slot, rhs: Slot },
            I32DivS { dst: Slot, lhs: Slot, rhs: Slot },
            I32DivU { dst: Slot, lhs: Slot, rhs: Slot },
            I32RemS { dst: Slot, lhs: Slot, rhs: Slot },
            I32RemU { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddImm { dst: Slot, lhs: Slot, imm: i32 },
            I32SubImm { dst: Slot, lhs: Slot, imm: i32 },
            I32MulImm { dst: Slot, lhs: Slot, imm: i32 },
            I32AndImm { dst: Slot, lhs: Slot, imm: i32 },
            I32OrImm { dst: Slot, lhs: Slot, imm: i32 },
            I32XorImm { dst: Slot, lhs: Slot, imm: i32 },
            I32ShlImm { dst: Slot, lhs: Slot, imm: i32 },
            I32ShrSImm { dst: Slot, lhs: Slot, imm: i32 },
            I32ShrUImm { dst: Slot, lhs: Slot, imm: i32 },
            I32RotlImm { dst: Slot, lhs: Slot, imm: i32 },
            I32RotrImm { dst: Slot, lhs: Slot, imm: i32 },
            I32EqImm { dst: Slot, lhs: Slot, imm: i32 },
            I32NeImm { dst: Slot, lhs: Slot, imm: i32 },
            I32LtSImm { dst: Slot, lhs: Slot, imm: i32 },
            I32LtUImm { dst: Slot, lhs: Slot, imm: i32 },
            I32GtSImm { dst: Slot, lhs: Slot, imm: i32 },
            I32GtUImm { dst: Slot, lhs: Slot, imm: i32 },
            I32LeSImm { dst: Slot, lhs: Slot, imm: i32 },
            I32LeUImm { dst: Slot, lhs: Slot, imm: i32 },
            I32GeSImm { dst: Slot, lhs: Slot, imm: i32 },
            I32GeUImm { dst: Slot, lhs: Slot, imm: i32 },
            /// Signed division by a constant that is neither 0 nor -1: cannot trap.
            I32DivSImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
            /// Unsigned division by a non-zero constant: cannot trap.
            I32DivUImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
            /// Signed remainder by a non-zero constant: cannot trap.
            I32RemSImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
            I32RemUImm { dst: Slot, lhs: Slot, imm: NonZeroU32 },
            I32Eqz { dst: Slot, src: Slot },
            I32WrapI64 { dst: Slot, src: Slot },
            I64ExtendI32S { dst: Slot, src: Slot },
            F64ConvertI32S { dst: Slot, src: Slot },
            F64ConvertI32U { dst: Slot, src: Slot },

            // ---- i64 ------------------------------------------------------------
            I64Add { dst: Slot, lhs: Slot, rhs: Slot },
            I64Sub { dst: Slot, lhs: Slot, rhs: Slot },
            I64Mul { dst: Slot, lhs: Slot, rhs: Slot },
            I64And { dst: Slot, lhs: Slot, rhs: Slot },
            I64Or { dst: Slot, lhs: Slot, rhs: Slot },
            I64Xor { dst: Slot, lhs: Slot, rhs: Slot },
            I64Shl { dst: Slot, lhs: Slot, rhs: Slot },
            I64ShrS { dst: Slot, lhs: Slot, rhs: Slot },
            I64ShrU { dst: Slot, lhs: Slot, rhs: Slot },
            I64Rotl { dst: Slot, lhs: Slot, rhs: Slot },
            I64Rotr { dst: Slot, lhs: Slot, rhs: Slot },
            I64Eq { dst: Slot, lhs: Slot, rhs: Slot },
            I64Ne { dst: Slot, lhs: Slot, rhs: Slot },
            I64LtS { dst: Slot, lhs: Slot, rhs: Slot },
            I64LtU { dst: Slot, lhs: Slot, rhs: Slot },
            I64GtS { dst: Slot, lhs: Slot, rhs: Slot },
            I64GtU { dst: Slot, lhs: Slot, rhs: Slot },
            I64LeS { dst: Slot, lhs: Slot, rhs: Slot },
            I64LeU { dst: Slot, lhs: Slot, rhs: Slot },
            I64GeS { dst: Slot, lhs: Slot, rhs: Slot },
            I64GeU { dst: Slot, lhs: Slot, rhs: Slot },
            I64DivS { dst: Slot, lhs: Slot, rhs: Slot },
            I64DivU { dst: Slot, lhs: Slot, rhs: Slot },
            I64RemS { dst: Slot, lhs: Slot, rhs: Slot },
            I64RemU { dst: Slot, lhs: Slot, rhs: Slot },
            I64AddImm { dst: Slot, lhs: Slot, imm: i64 },
            I64SubImm { dst: Slot, lhs: Slot, imm: i64 },
            I64MulImm { dst: Slot, lhs: Slot, imm: i64 },
            I64AndImm { dst: Slot, lhs: Slot, imm: i64 },
            I64OrImm { dst: Slot, lhs: Slot, imm: i64 },
            I64XorImm { dst: Slot, lhs: Slot, imm: i64 },
            I64ShlImm { dst: Slot, lhs: Slot, imm: i64 },
            I64ShrSImm { dst: Slot, lhs: Slot, imm: i64 },
            I64ShrUImm { dst: Slot, lhs: Slot, imm: i64 },
            I64RotlImm { dst: Slot, lhs: Slot, imm: i64 },
            I64RotrImm { dst: Slot, lhs: Slot, imm: i64 },
            I64EqImm { dst: Slot, lhs: Slot, imm: i64 },
            I64NeImm { dst: Slot, lhs: Slot, imm: i64 },
            I64LtSImm { dst: Slot, lhs: Slot, imm: i64 },
            I64LtUImm { dst: Slot, lhs: Slot, imm: i64 },
            I64GtSImm { dst: Slot, lhs: Slot, imm: i64 },
            I64GtUImm { dst: Slot, lhs: Slot, imm: i64 },
            I64LeSImm { dst: Slot, lhs: Slot, imm: i64 },
            I64LeUImm { dst: Slot, lhs: Slot, imm: i64 },
            I64GeSImm { dst: Slot, lhs: Slot, imm: i64 },
            I64GeUImm { dst: Slot, lhs: Slot, imm: i64 },
            /// Signed division by a constant that is neither 0 nor -1: cannot trap.
            I64DivSImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
            I64DivUImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
            I64RemSImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
            I64RemUImm { dst: Slot, lhs: Slot, imm: NonZeroU64 },
            I64Eqz { dst: Slot, src: Slot },

            // ---- f32 / f64 arithmetic (hot enough for their own ops) --------------
            F32Add { dst: Slot, lhs: Slot, rhs: Slot },
            F32Sub { dst: Slot, lhs: Slot, rhs: Slot },
            F32Mul { dst: Slot, lhs: Slot, rhs: Slot },
            F32Div { dst: Slot, lhs: Slot, rhs: Slot },
            F64Add { dst: Slot, lhs: Slot, rhs: Slot },
            F64Sub { dst: Slot, lhs: Slot, rhs: Slot },
            F64Mul { dst: Slot, lhs: Slot, rhs: Slot },
            F64Div { dst: Slot, lhs: Slot, rhs: Slot },
            F32AddImm { dst: Slot, lhs: Slot, imm: u32 },
            F32SubImm { dst: Slot, lhs: Slot, imm: u32 },
            F32MulImm { dst: Slot, lhs: Slot, imm: u32 },
            F32DivImm { dst: Slot, lhs: Slot, imm: u32 },
            F64AddImm { dst: Slot, lhs: Slot, imm: u64 },
            F64SubImm { dst: Slot, lhs: Slot, imm: u64 },
            F64MulImm { dst: Slot, lhs: Slot, imm: u64 },
            F64DivImm { dst: Slot, lhs: Slot, imm: u64 },
            /// `imm - rhs` and `imm / rhs` (a constant left operand, as in `1.0 / x`).
            F64SubImmLhs { dst: Slot, rhs: Slot, imm: u64 },
            F64DivImmLhs { dst: Slot, rhs: Slot, imm: u64 },
            /// `f64.sqrt` (a NaN result is quiet, as `Unary`'s is).
            F64Sqrt { dst: Slot, src: Slot },
            F64Abs { dst: Slot, src: Slot },
            F64Neg { dst: Slot, src: Slot },

            // Float comparisons (`i32` results; false when either operand is NaN,
            // except `Ne`).
            F32Eq { dst: Slot, lhs: Slot, rhs: Slot },
            F32Ne { dst: Slot, lhs: Slot, rhs: Slot },
            F32Lt { dst: Slot, lhs: Slot, rhs: Slot },
            F32Gt { dst: Slot, lhs: Slot, rhs: Slot },
            F32Le { dst: Slot, lhs: Slot, rhs: Slot },
            F32Ge { dst: Slot, lhs: Slot, rhs: Slot },
            F64Eq { dst: Slot, lhs: Slot, rhs: Slot },
            F64Ne { dst: Slot, lhs: Slot, rhs: Slot },
            F64Lt { dst: Slot, lhs: Slot, rhs: Slot },
            F64Gt { dst: Slot, lhs: Slot, rhs: Slot },
            F64Le { dst: Slot, lhs: Slot, rhs: Slot },
            F64Ge { dst: Slot, lhs: Slot, rhs: Slot },
            /// `f64` comparisons with a constant right operand (its bits).
            F64LtImm { dst: Slot, lhs: Slot, imm: u64 },
            F64GtImm { dst: Slot, lhs: Slot, imm: u64 },
            F64LeImm { dst: Slot, lhs: Slot, imm: u64 },
            F64GeImm { dst: Slot, lhs: Slot, imm: u64 },
            /// Branches on an `f64` comparison; `Not` forms branch when it is false
            /// (also when an operand is NaN).
            BrF64Eq { lhs: Slot, rhs: Slot, off: i32 },
            BrF64Ne { lhs: Slot, rhs: Slot, off: i32 },
            BrF64Lt { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotLt { lhs: Slot, rhs: Slot, off: i32 },
            BrF64Gt { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotGt { lhs: Slot, rhs: Slot, off: i32 },
            BrF64Le { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotLe { lhs: Slot, rhs: Slot, off: i32 },
            BrF64Ge { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotGe { lhs: Slot, rhs: Slot, off: i32 },
            BrF64LtImm { lhs: Slot, off: i32, imm: u64 },
            BrF64NotLtImm { lhs: Slot, off: i32, imm: u64 },
            BrF64GtImm { lhs: Slot, off: i32, imm: u64 },
            BrF64NotGtImm { lhs: Slot, off: i32, imm: u64 },
            BrF64LeImm { lhs: Slot, off: i32, imm: u64 },
            BrF64NotLeImm { lhs: Slot, off: i32, imm: u64 },
            BrF64GeImm { lhs: Slot, off: i32, imm: u64 },
            BrF64NotGeImm { lhs: Slot, off: i32, imm: u64 },

            // ---- pairs --------------------------------------------------------
            // An op and the op after it, run by one handler (the second op stays
            // in place for branches to it; see `Op::pair_with`).
            I32AddImmThenI32AddImm { dst: Slot, lhs: Slot, imm: i32 },
            I64StoreThenI32AddImm { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32Load8UThenI32Store8 { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32ShrUImmThenI32AndImm { dst: Slot, lhs: Slot, imm: i32 },
            I32AndImmThenI32Add { dst: Slot, lhs: Slot, imm: i32 },
            I32RotlImmThenI32Xor { dst: Slot, lhs: Slot, imm: i32 },
            F64LoadThenF64Mul { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            F64AddThenF64Store { dst: Slot, lhs: Slot, rhs: Slot },
            F64MulThenF64Mul { dst: Slot, lhs: Slot, rhs: Slot },
            I32StoreThenI32AddImm { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32AddThenI32Load { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddThenI32Add { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShlImmThenI32Add { dst: Slot, lhs: Slot, imm: i32 },
            F64MulThenF64Add { dst: Slot, lhs: Slot, rhs: Slot },
            F64AddThenF64Mul { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddImmThenBrTable { dst: Slot, lhs: Slot, imm: i32 },
            I32ShlImmLhsThenI32Or { dst: Slot, imm: i32, rhs: Slot },
            I32ShrUThenBrI32AndImmNez { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShrUThenBrI32AndImmEqz { dst: Slot, lhs: Slot, rhs: Slot },
            I64AddImmThenBrI64Ne { dst: Slot, lhs: Slot, imm: i64 },
            I32ShlImmThenI32Load { dst: Slot, lhs: Slot, imm: i32 },
            F64LoadThenF64Load { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32LoadThenI32Load { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            F64ConvertI32SThenF64DivImmLhs { dst: Slot, src: Slot },
            Copy64x2ThenCopy64x2 { dst: Slot, src: Slot, dst2: Slot, src2: Slot },
            I32StoreThenBrI32AddLtU { addr: Slot, value: Slot, imm: i32, offset: u32 },
            // Three ops: an op and the pair after it (see `Op::triple_with`).
            F64LoadThenF64AddThenF64Store { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            // Four ops: a pair and the pair after it (see `Op::quad_with`):
            // a bit set's word, `bits[k >> 5]`.
            I32ShrUImmThenI32AndImmThenI32AddThenI32Load { dst: Slot, lhs: Slot, imm: i32 },

            // ---- memory 0 -------------------------------------------------------
            // A scalar access's address is `(addr + imm) mod 2^32 + offset`:
            // `imm` is the constant of an `i32.add` folded into the access.
            I32Load { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `f64.load` (`I64Load`, the value to `facc` too).
            F64Load { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load8S { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load8U { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load16S { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load16U { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load8S { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load8U { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load16S { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load16U { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load32S { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load32U { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Store { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I64Store { addr: Slot, value: Slot, imm: i32, offset: u32 },
            /// `f64.store` (`I64Store`, with a form reading the value from
            /// `facc`).
            F64Store { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32Store8 { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32Store16 { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I64Store8 { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I64Store16 { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I64Store32 { addr: Slot, value: Slot, imm: i32, offset: u32 },
            /// Accesses at a constant address `ea` (`(c mod 2^32) + offset`).
            I32LoadAbs { dst: Slot, ea: u64 },
            I64LoadAbs { dst: Slot, ea: u64 },
            F64LoadAbs { dst: Slot, ea: u64 },
            I32StoreAbs { value: Slot, ea: u64 },
            I64StoreAbs { value: Slot, ea: u64 },
            F64StoreAbs { value: Slot, ea: u64 },
            /// Stores of a constant value.
            I32StoreImm { addr: Slot, value: i32, imm: i32, offset: u32 },
            I32Store8Imm { addr: Slot, value: i32, imm: i32, offset: u32 },
            /// The value is sign-extended from the `i32` immediate.
            I64StoreImm { addr: Slot, value: i32, imm: i32, offset: u32 },
            MemorySize { dst: Slot, mem: u32 },
            MemoryGrow { dst: Slot, delta: Slot, mem: u32 },
            MemoryFill { dst: Slot, value: Slot, len: Slot, mem: u32 },
            MemoryCopy { dst: Slot, src: Slot, len: Slot, dst_mem: u32, src_mem: u32 },
            MemoryInit { dst: Slot, src: Slot, len: Slot, mem: u32, data: u32 },
            DataDrop { data: u32 },

            // ---- tables -----------------------------------------------------------
            TableGet { dst: Slot, index: Slot, table: u32 },
            TableSet { index: Slot, value: Slot, table: u32 },
            TableSize { dst: Slot, table: u32 },
            TableGrow { dst: Slot, init: Slot, delta: Slot, table: u32 },
            TableFill { dst: Slot, value: Slot, len: Slot, table: u32 },
            TableCopy { dst: Slot, src: Slot, len: Slot, dst_table: u32, src_table: u32 },
            TableInit { dst: Slot, src: Slot, len: Slot, table: u32, elem: u32 },
            ElemDrop { elem: u32 },

            // ---- SIMD ---------------------------------------------------------------
            V128Unary { dst: Slot, src: Slot, op: SimdUnOp },
            V128Binary { dst: Slot, lhs: Slot, rhs: Slot, op: SimdBinOp },
            V128Ternary { dst: Slot, a: Slot, b: Slot, c: Slot, op: SimdTernOp },
            V128Shift { dst: Slot, src: Slot, count: Slot, op: SimdShiftOp },
            /// A shift by a constant count (masked by the shift itself).
            V128ShiftImm { dst: Slot, src: Slot, count: u32, op: SimdShiftOp },
            V128Splat { dst: Slot, src: Slot, op: SimdSplatOp },
            V128Extract { dst: Slot, src: Slot, op: SimdExtractOp, lane: u8 },
            V128Replace { dst: Slot, src: Slot, x: Slot, op: SimdReplaceOp, lane: u8 },
            V128Test { dst: Slot, src: Slot, op: SimdTestOp },
            /// `i8x16.shuffle` with lanes from entry `idx` of the shuffle pool.
            V128Shuffle { dst: Slot, a: Slot, b: Slot, idx: u32 },
            V128Load { dst: Slot, addr: Slot, offset: u32, kind: SimdLoadKind },
            V128Store { addr: Slot, value: Slot, offset: u32 },
            V128LoadLane { dst: Slot, addr: Slot, vec: Slot, offset: u32, width: u8, lane: u8 },
            V128StoreLane { addr: Slot, vec: Slot, offset: u32, width: u8, lane: u8 },
            // The hottest SIMD ops, run in their own handlers (no second
            // dispatch on a SIMD op code): same semantics as the generic op.
            /// `v128.load` (all 16 bytes, no transform).
            V128LoadFull { dst: Slot, addr: Slot, offset: u32 },
            F32x4Add { dst: Slot, lhs: Slot, rhs: Slot },
            F32x4Sub { dst: Slot, lhs: Slot, rhs: Slot },
            F32x4Mul { dst: Slot, lhs: Slot, rhs: Slot },
            I32x4Add { dst: Slot, lhs: Slot, rhs: Slot },
            I32x4Sub { dst: Slot, lhs: Slot, rhs: Slot },
            /// `i32x4.shl` by a constant count, already masked to `0..32`.
            I32x4ShlImm { dst: Slot, src: Slot, count: u8 },
            /// `i32x4.shr_u` by a constant count, already masked to `0..32`.
            I32x4ShrUImm { dst: Slot, src: Slot, count: u8 },

            // ---- operands from the previous op's result ------------------------------
            // Each `<Op>Acc` is `<Op>` reading one operand, the one it names
            // in `lhs` (`src`, `addr`, `value`, `cond`; `rhs` for
            // `<Op>AccRhs`), not from its cell but from the register where
            // the op run just before it left that cell's new value
            // (`Op::acc_result`). The translator emits one only right after
            // such an op, and never where a branch lands.
            I32AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32SubAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32AndAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32OrAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32XorAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShlAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShrUAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShrSAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32SubImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32MulImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32AndImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32OrImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32XorImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32ShlImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32ShrUImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32ShrSImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32RotlImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32EqAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32NeAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32LtSAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32LtUAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32GtSAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32GtUAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32EqImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32NeImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32LtSImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32LtUImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32GtSImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32GtUImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32LeSImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32LeUImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32GeSImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32GeUImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I64AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64SubAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64AndAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64OrAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64XorAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64ShlAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64ShrUAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64AddImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            I64MulImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            I64AndImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            I64XorImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            I64ShlImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            I64ShrUImmAcc { dst: Slot, lhs: Slot, imm: i64 },
            F32AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F32SubAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F32MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F32DivAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64SubAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64DivAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64AddImmAcc { dst: Slot, lhs: Slot, imm: u64 },
            F64SubImmAcc { dst: Slot, lhs: Slot, imm: u64 },
            F64MulImmAcc { dst: Slot, lhs: Slot, imm: u64 },
            F64DivImmAcc { dst: Slot, lhs: Slot, imm: u64 },
            BrI32EqAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32NeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LtSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LtUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GtSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GtUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LeSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32LeUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GeSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32GeUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI32EqImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32NeImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32LtSImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32LtUImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32GtSImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32GtUImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32LeSImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32LeUImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32GeSImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32GeUImmAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32AndImmNezAcc { lhs: Slot, imm: i32, off: i32 },
            BrI32AndImmEqzAcc { lhs: Slot, imm: i32, off: i32 },
            BrI64EqAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64NeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LtSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LtUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GtSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GtUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LeSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64LeUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GeSAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrI64GeUAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64EqAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64LtAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64GtAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64LeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64GeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotLtAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotGtAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotLeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64NotGeAcc { lhs: Slot, rhs: Slot, off: i32 },
            BrF64LtImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64GtImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64LeImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64GeImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64NotLtImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64NotGtImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64NotLeImmAcc { lhs: Slot, off: i32, imm: u64 },
            BrF64NotGeImmAcc { lhs: Slot, off: i32, imm: u64 },
            I32AddImmThenI32AddImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32ShrUImmThenI32AndImmAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32AndImmThenI32AddAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32RotlImmThenI32XorAcc { dst: Slot, lhs: Slot, imm: i32 },
            F64AddThenF64StoreAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64MulThenF64MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddThenI32LoadAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddThenI32AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShlImmThenI32AddAcc { dst: Slot, lhs: Slot, imm: i32 },
            F64MulThenF64AddAcc { dst: Slot, lhs: Slot, rhs: Slot },
            F64AddThenF64MulAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32AddImmThenBrTableAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32ShlImmLhsThenI32OrAcc { dst: Slot, imm: i32, rhs: Slot },
            I32ShrUThenBrI32AndImmNezAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShrUThenBrI32AndImmEqzAcc { dst: Slot, lhs: Slot, rhs: Slot },
            I64AddImmThenBrI64NeAcc { dst: Slot, lhs: Slot, imm: i64 },
            I32ShlImmThenI32LoadAcc { dst: Slot, lhs: Slot, imm: i32 },
            F64LoadThenF64LoadAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32LoadThenI32LoadAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            F64ConvertI32SThenF64DivImmLhsAcc { dst: Slot, src: Slot },
            F64LoadThenF64AddThenF64StoreAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32StoreThenBrI32AddLtUAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32ShrUImmThenI32AndImmThenI32AddThenI32LoadAcc { dst: Slot, lhs: Slot, imm: i32 },
            I32SubAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            I64SubAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            F64SubAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            F64DivAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            F32SubAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            F32DivAccRhs { dst: Slot, lhs: Slot, rhs: Slot },
            I32ShlImmLhsAcc { dst: Slot, imm: i32, rhs: Slot },
            F64SubImmLhsAcc { dst: Slot, rhs: Slot, imm: u64 },
            F64DivImmLhsAcc { dst: Slot, rhs: Slot, imm: u64 },
            I32EqzAcc { dst: Slot, src: Slot },
            I64EqzAcc { dst: Slot, src: Slot },
            I32WrapI64Acc { dst: Slot, src: Slot },
            I64ExtendI32SAcc { dst: Slot, src: Slot },
            F64ConvertI32SAcc { dst: Slot, src: Slot },
            F64ConvertI32UAcc { dst: Slot, src: Slot },
            UnaryAcc { dst: Slot, src: Slot, f: UnaryFn },
            Copy64Acc { dst: Slot, src: Slot },
            ReturnSlot64Acc { src: Slot },
            BrIfNezAcc { cond: Slot, off: i32 },
            BrIfEqzAcc { cond: Slot, off: i32 },
            BrI64NezAcc { cond: Slot, off: i32 },
            BrI64EqzAcc { cond: Slot, off: i32 },
            SelectAcc { dst: Slot, cond: Slot, a: Slot, b: Slot },
            BrTableAcc { index: Slot, len: u32 },
            F64SqrtAcc { dst: Slot, src: Slot },
            F64AbsAcc { dst: Slot, src: Slot },
            F64NegAcc { dst: Slot, src: Slot },
            F64LoadAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32LoadAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64LoadAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load8UAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load8SAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load16UAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load16SAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load32UAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I64Load32SAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            F64LoadThenF64MulAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            I32Load8UThenI32Store8Acc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            F64StoreAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            F64StoreAbsAcc { value: Slot, ea: u64 },
            I32StoreAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I64StoreAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32Store8Acc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32Store16Acc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32StoreAbsAcc { value: Slot, ea: u64 },
            I64StoreAbsAcc { value: Slot, ea: u64 },
            I64StoreThenI32AddImmAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },
            I32StoreThenI32AddImmAcc { addr: Slot, value: Slot, imm: i32, offset: u32 },

            // ---- memories other than 0 (multi-memory): one slow path -----------------
            /// A load of any kind (scalar or `v128`) from a memory other than 0:
            /// entry `info` of [`FuncCode::mem_accesses`] names the memory, the
            /// offset and the kind.
            LoadMem { dst: Slot, addr: Slot, info: u32 },
            /// A store of any kind to a memory other than 0, described by
            /// `FuncCode::mem_accesses[info]`; `value` is the stored value (the
            /// vector of a `store_lane`).
            StoreMem { addr: Slot, value: Slot, info: u32 },
            // ---- forwarded forms: results left in the register alone ------------
            /// `I32Add` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AddFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32AddImm` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AddImmFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `I32AndImm` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AndImmFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `I32ShlImm` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32ShlImmFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64Add` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64AddFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64Sub` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64SubFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64Mul` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64MulFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32Load8UThenI32Store8` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32Load8UThenI32Store8Fwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I32AndImmThenI32Add` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32AndImmThenI32AddFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64LoadThenF64Mul` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64LoadThenF64MulFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `F64AddThenF64Store` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64AddThenF64StoreFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64MulThenF64Mul` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64MulThenF64MulFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32AddThenI32Load` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32AddThenI32LoadFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32ShlImmThenI32Add` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32ShlImmThenI32AddFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64MulThenF64Add` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64MulThenF64AddFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64AddThenF64Mul` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64AddThenF64MulFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32ShlImmThenI32Load` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32ShlImmThenI32LoadFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64LoadThenF64AddThenF64Store` leaving the load's and the sum's results in the register
            /// alone (made where no op reads those cells again: `Op::forwarded`).
            F64LoadThenF64AddThenF64StoreFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I32Load` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32LoadFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `F64Load` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64LoadFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I32AddAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AddAccFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32AddImmAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AddImmAccFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `I32AndImmAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32AndImmAccFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `I32ShlImmAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32ShlImmAccFwd { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64AddAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64AddAccFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64MulAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64MulAccFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32AndImmThenI32AddAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32AndImmThenI32AddFwdAcc { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64AddThenF64StoreAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64AddThenF64StoreFwdAcc { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64MulThenF64MulAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64MulThenF64MulFwdAcc { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32AddThenI32LoadAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32AddThenI32LoadFwdAcc { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32ShlImmThenI32AddAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32ShlImmThenI32AddFwdAcc { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64MulThenF64AddAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64MulThenF64AddFwdAcc { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64AddThenF64MulAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64AddThenF64MulFwdAcc { dst: Slot, lhs: Slot, rhs: Slot },
            /// `I32ShlImmThenI32LoadAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32ShlImmThenI32LoadFwdAcc { dst: Slot, lhs: Slot, imm: i32 },
            /// `F64LoadThenF64AddThenF64StoreAcc` leaving the load's and the sum's results in the register
            /// alone (made where no op reads those cells again: `Op::forwarded`).
            F64LoadThenF64AddThenF64StoreFwdAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `F64SubAccRhs` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64SubAccRhsFwd { dst: Slot, lhs: Slot, rhs: Slot },
            /// `F64LoadAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            F64LoadAccFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I32LoadAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I32LoadAccFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I64LoadAcc` leaving its result in the register alone (the translator
            /// makes it where the next op takes it from there and no op reads the
            /// cell again: `Op::forwarded`).
            I64LoadAccFwd { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `F64LoadThenF64MulAcc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            F64LoadThenF64MulFwdAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
            /// `I32Load8UThenI32Store8Acc` leaving its first op's result in the register alone (the
            /// translator makes it where no op reads that cell again: `Op::forwarded`).
            I32Load8UThenI32Store8FwdAcc { dst: Slot, addr: Slot, imm: i32, offset: u32 },
        }
    };
}

pub(crate) use for_each_op;
