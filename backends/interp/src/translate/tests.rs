use crate::ir::{FuncCode, disassemble};
use concord_core::{Config, Engine, Module};
use std::sync::Arc;

/// The code of defined function `def` of a module in text format.
pub(crate) fn code_of(wat: &str, def: u32) -> FuncCode {
    code_with(wat, def, &super::Options::default())
}

fn code_with(wat: &str, def: u32, options: &super::Options) -> FuncCode {
    let engine = Engine::with_backend(&Config::new(), Arc::new(crate::Interpreter::new())).unwrap();
    let module = Module::new(&engine, wat).unwrap();
    super::translate_function(module.info(), def, options).unwrap()
}

/// The ops of defined function `def` of a module in text format, one
/// disassembled op (`Name field=value ...`) an entry.
pub(crate) fn ops_of(wat: &str, def: u32) -> Vec<String> {
    let code = code_of(wat, def);
    code.ops
        .iter()
        .enumerate()
        .map(|(at, op)| op.disassemble_at(at))
        .collect()
}

fn func(body: &str) -> String {
    format!("(module (memory 1) (func (param i32 i32) (result i32) (local i32) {body}))")
}

#[test]
fn operands_are_read_in_place() {
    // `local.get` and constants are not copied: the add names the local
    // and an immediate, and the `local.set` retargets its result.
    let ops = ops_of(&func("local.get 0 i32.const 1 i32.add local.set 2 local.get 2"), 0);
    assert_eq!(ops[0], "I32AddImm dst=2 lhs=0 imm=1");
    assert_eq!(ops[1], "ReturnSlot64Acc src=2");
}

#[test]
fn compare_and_branch_fuse() {
    let ops = ops_of(
        &func("block local.get 0 local.get 1 i32.lt_s br_if 0 end i32.const 7"),
        0,
    );
    assert_eq!(ops[0], "BrI32LtS lhs=0 rhs=1 off=1 -> @1", "{ops:?}");
}

#[test]
fn common_pairs_fuse() {
    // An address computed by adding a constant: the access adds it.
    let ops = ops_of(&func("local.get 0 i32.const 8 i32.add i32.load offset=4"), 0);
    assert_eq!(ops[0], "I32Load dst=3 addr=0 imm=8 offset=4", "{ops:?}");
    let ops = ops_of(
        &func("local.get 0 i32.const 8 i32.add local.get 1 i32.store8 i32.const 0"),
        0,
    );
    assert_eq!(ops[0], "I32Store8 addr=0 value=1 imm=8 offset=0", "{ops:?}");
    // ... but not when the sum is also kept in a local.
    // (A local keeps its value in its cell, read again or not.)
    let ops = ops_of(
        &func("local.get 0 i32.const 8 i32.add local.tee 2 i32.load local.get 2 i32.add"),
        0,
    );
    assert!(ops[0].starts_with("I32AddImm "), "{ops:?}");
    // (The load takes the sum from the add's result register.)
    assert_eq!(ops[1], "I32LoadAccFwd dst=3 addr=2 imm=0 offset=0", "{ops:?}");
    // A bit test, and an `i64` comparison, branched on.
    let ops = ops_of(
        &func("block local.get 0 i32.const 4 i32.and br_if 0 end i32.const 0"),
        0,
    );
    assert_eq!(ops[0], "BrI32AndImmNez lhs=0 imm=4 off=1 -> @1", "{ops:?}");
    let wide =
        "(module (func (param i64 i64) (result i32) block local.get 0 local.get 1 i64.ge_u br_if 0 end i32.const 0))";
    assert_eq!(ops_of(wide, 0)[0], "BrI64GeU lhs=0 rhs=1 off=1 -> @1");
    // A float compared with a constant and branched on, both ways.
    let float = |rel: &str, eqz: &str| {
        format!(
            "(module (func (param f64) (result i32) block local.get 0 f64.const 4 f64.{rel} {eqz} br_if 0 end i32.const 0))"
        )
    };
    let four = 4.0f64.to_bits();
    assert_eq!(
        ops_of(&float("gt", ""), 0)[0],
        format!("BrF64GtImm lhs=0 off=1 -> @1 imm={four}")
    );
    assert_eq!(
        ops_of(&float("gt", "i32.eqz"), 0)[0],
        format!("BrF64NotGtImm lhs=0 off=1 -> @1 imm={four}")
    );
    // Accesses at constant addresses, and a constant divided.
    let ops = ops_of(
        &func("i32.const 16 i64.load offset=8 i32.const 4 local.get 1 i32.store i32.wrap_i64"),
        0,
    );
    assert_eq!(ops[0], "I64LoadAbs dst=3 ea=24", "{ops:?}");
    assert_eq!(ops[1], "I32StoreAbs value=1 ea=4", "{ops:?}");
    let recip = "(module (func (param f64) (result f64) f64.const 1 local.get 0 f64.div))";
    assert_eq!(
        ops_of(recip, 0)[0],
        format!("F64DivImmLhs dst=1 rhs=0 imm={}", 1.0f64.to_bits())
    );
    // Copies in a row, in order.
    let swap = "(module (func (param i32 i32) (result i32) (local i32) \
            local.get 0 local.set 2 local.get 1 local.set 0 local.get 2 local.set 1 local.get 0))";
    let ops = ops_of(swap, 0);
    assert_eq!(ops[0], "Copy64x2 dst=2 src=0 dst2=0 src2=1", "{ops:?}");
    assert_eq!(ops[1], "Copy64 dst=1 src=2", "{ops:?}");
    // Adjacent ops in a common pair: the first runs both.
    let ops = ops_of(
        &func("local.get 0 i32.const 1 i32.add local.set 0 local.get 1 i32.const 8 i32.add local.set 1 local.get 0"),
        0,
    );
    assert_eq!(ops[0], "I32AddImmThenI32AddImm dst=0 lhs=0 imm=1", "{ops:?}");
    assert_eq!(ops[1], "I32AddImm dst=1 lhs=1 imm=8", "{ops:?}");
    // Pairs ending in a branch: the second op keeps its offset.
    let ops = ops_of(
        "(module (func (param i32 i32) (block (br_if 0 (i32.and (i32.shr_u (local.get 0) (local.get 1)) (i32.const 1))))))",
        0,
    );
    assert_eq!(ops[0], "I32ShrUThenBrI32AndImmNez dst=2 lhs=0 rhs=1", "{ops:?}");
    assert!(ops[1].starts_with("BrI32AndImmNez lhs=2 imm=1 off=1"), "{ops:?}");
    let fma = "(module (func (param f64 f64 f64) (result f64) local.get 0 local.get 1 f64.mul local.get 2 f64.add))";
    let ops = ops_of(fma, 0);
    // (The product is read by the add alone: the pair keeps it in the
    // register only.)
    assert_eq!(ops[0], "F64MulThenF64AddFwd dst=3 lhs=0 rhs=1", "{ops:?}");
    assert_eq!(ops[1], "F64Add dst=3 lhs=3 rhs=2", "{ops:?}");
    // The product read again (through a local): written to its cell.
    let fma_tee = "(module (func (param f64 f64 f64) (result f64) (local f64) \
            local.get 0 local.get 1 f64.mul local.tee 3 local.get 2 f64.add local.get 3 f64.add))";
    let ops = ops_of(fma_tee, 0);
    assert_eq!(ops[0], "F64MulThenF64Add dst=3 lhs=0 rhs=1", "{ops:?}");
    // A bit set's word: two pairs as one op.
    let ops = ops_of(
        &func("local.get 0 i32.const 3 i32.shr_u i32.const -4 i32.and local.get 1 i32.add i32.load"),
        0,
    );
    assert_eq!(
        ops[0], "I32ShrUImmThenI32AndImmThenI32AddThenI32Load dst=3 lhs=0 imm=3",
        "{ops:?}"
    );
    assert_eq!(ops[2], "I32AddThenI32Load dst=3 lhs=3 rhs=1", "{ops:?}");
    // A load, add and store of the same place: one op for the three.
    let rmw = "(module (memory 1) (func (param i32 f64) \
            (f64.store (local.get 0) (f64.add (f64.load (local.get 0)) (local.get 1)))))";
    let ops = ops_of(rmw, 0);
    assert_eq!(
        ops[0], "F64LoadThenF64AddThenF64Store dst=3 addr=0 imm=0 offset=0",
        "{ops:?}"
    );
    assert_eq!(ops[1], "F64AddThenF64Store dst=3 lhs=3 rhs=1", "{ops:?}");
    assert!(ops[2].starts_with("F64Store addr=0 value=3"), "{ops:?}");
    // A constant shifted by a variable amount.
    let ops = ops_of(&func("i32.const 1 local.get 0 i32.shl"), 0);
    assert_eq!(ops[0], "I32ShlImmLhs dst=3 imm=1 rhs=0", "{ops:?}");
}

#[test]
fn pairs_take_the_first_result_as_a_fixed_operand() {
    // The second op's `rhs` is the first's result: a commutative op has
    // its operands swapped, so the handler reads it as `lhs`.
    let ops = ops_of(
        &func("local.get 1 local.get 0 i32.const 255 i32.and i32.add local.set 2 local.get 2"),
        0,
    );
    assert_eq!(ops[0], "I32AndImmThenI32AddFwd dst=4 lhs=0 imm=255", "{ops:?}");
    assert_eq!(ops[1], "I32Add dst=2 lhs=4 rhs=1", "{ops:?}");
    // A bit test on a shift of the first's result, not of a local: paired.
    let test = |operand: &str| {
        format!(
            "(module (func (param i32 i32) (result i32) (local i32) \
             local.get 0 i32.const 3 i32.shr_u local.set 2 {operand} i32.const 7 i32.and))"
        )
    };
    let ops = ops_of(&test("local.get 2"), 0);
    assert_eq!(ops[0], "I32ShrUImmThenI32AndImm dst=2 lhs=0 imm=3", "{ops:?}");
    // The second op reads another local: no pair (its handler would take
    // the first's result instead).
    let ops = ops_of(&test("local.get 1"), 0);
    assert_eq!(ops[0], "I32ShrUImm dst=2 lhs=0 imm=3", "{ops:?}");
    assert!(ops[1].starts_with("I32AndImm"), "{ops:?}");
    // A byte loaded and stored: paired when it is the stored value, not
    // when it is the store's address.
    let ops = ops_of(&func("local.get 1 local.get 0 i32.load8_u i32.store8 local.get 0"), 0);
    assert_eq!(
        ops[0], "I32Load8UThenI32Store8Fwd dst=4 addr=0 imm=0 offset=0",
        "{ops:?}"
    );
    let ops = ops_of(&func("local.get 0 i32.load8_u local.get 1 i32.store8 local.get 0"), 0);
    assert_eq!(ops[0], "I32Load8U dst=3 addr=0 imm=0 offset=0", "{ops:?}");
    assert_eq!(ops[1], "I32Store8 addr=3 value=1 imm=0 offset=0", "{ops:?}");
}

#[test]
fn constant_divisors_need_no_check() {
    let ops = ops_of(&func("local.get 0 i32.const 3 i32.div_u"), 0);
    assert_eq!(ops[0], "I32DivUImm dst=3 lhs=0 imm=3");
    // -1 can overflow: the checked op stays.
    let ops = ops_of(&func("local.get 0 i32.const -1 i32.div_s"), 0);
    assert!(ops.iter().any(|o| o.starts_with("I32DivS ")), "{ops:?}");
}

#[test]
fn dead_code_is_skipped() {
    let ops = ops_of(
        &func("block (result i32) i32.const 1 br 0 i32.const 2 i32.const 3 i32.add end"),
        0,
    );
    assert!(!ops.iter().any(|o| o.contains("I32Add")), "{ops:?}");
}

#[test]
fn pending_locals_survive_a_set() {
    // The old value of local 0 is saved before the set overwrites it.
    let ops = ops_of(&func("local.get 0 i32.const 5 local.set 0 local.get 0 i32.sub"), 0);
    assert_eq!(ops[0], "Copy64 dst=3 src=0");
    assert_eq!(ops[1], "Const dst=0 value=5");
    // (The new value of local 0 comes from the register the `Const`
    // left it in.)
    assert_eq!(ops[2], "I32SubAccRhs dst=3 lhs=3 rhs=0");
}

#[test]
fn a_copy_back_is_dropped() {
    // `l2 = l0; l0 = l2` is one copy; the copy back after a label stays.
    let ops = ops_of(&func("local.get 0 local.set 2 local.get 2 local.set 0 local.get 2"), 0);
    assert_eq!(ops[..2], ["Copy64 dst=2 src=0", "ReturnSlot64Acc src=2"], "{ops:?}");
    let ops = ops_of(
        &func("local.get 0 local.set 2 block end local.get 2 local.set 0 local.get 2"),
        0,
    );
    assert_eq!(ops[..2], ["Copy64 dst=2 src=0", "Copy64Acc dst=0 src=2"], "{ops:?}");
}

#[test]
fn operands_come_from_the_previous_result() {
    // A chain: each op takes the previous op's result from `acc`; a
    // commutative op whose right operand it is swaps its operands.
    let ops = ops_of(
        &func("local.get 0 local.get 1 i32.add local.get 1 i32.sub local.get 0 i32.sub i32.load local.get 1 i32.xor"),
        0,
    );
    assert_eq!(
        ops[..4],
        [
            // (Results only the next op reads stay in the register.)
            "I32AddFwd dst=3 lhs=0 rhs=1",
            "I32SubAcc dst=3 lhs=3 rhs=1",
            "I32SubAcc dst=3 lhs=3 rhs=0",
            "I32LoadAccFwd dst=3 addr=3 imm=0 offset=0",
        ],
        "{ops:?}"
    );
    assert_eq!(ops[4], "I32XorAcc dst=3 lhs=3 rhs=1", "{ops:?}");
    let ops = ops_of(&func("local.get 1 local.get 0 local.get 1 i32.mul i32.and"), 0);
    assert_eq!(ops[1], "I32AndAcc dst=3 lhs=4 rhs=1", "{ops:?}");
    // Where a branch lands, only if every way in leaves the same slot
    // in the register: here the multiply before the loop and the
    // branch back, which compares and keeps the xor's result.
    let ops = ops_of(
        &func(
            "local.get 0 i32.const 3 i32.mul local.set 2 loop local.get 2 i32.const 5 i32.xor local.set 2 local.get 2 local.get 1 i32.lt_u br_if 0 end local.get 2",
        ),
        0,
    );
    assert_eq!(ops[0], "I32MulImm dst=2 lhs=0 imm=3", "{ops:?}");
    assert_eq!(ops[1], "I32XorImmAcc dst=2 lhs=2 imm=5", "{ops:?}");
    assert_eq!(ops[2], "BrI32LtUAcc lhs=2 rhs=1 off=-1 -> @1", "{ops:?}");
    // Here the back edge steps another local (its counter): the loop
    // header reads its cell.
    let ops = ops_of(
        &func(
            "local.get 0 i32.const 3 i32.mul local.set 2 loop local.get 2 i32.const 5 i32.xor local.set 2 \
                 local.get 1 i32.const 1 i32.add local.tee 1 local.get 0 i32.lt_u br_if 0 end local.get 2",
        ),
        0,
    );
    assert_eq!(ops[1], "I32XorImm dst=2 lhs=2 imm=5", "{ops:?}");
    // After a store, the register still holds the value before it.
    let ops = ops_of(
        &func("local.get 0 i32.const 1 i32.add local.tee 2 local.get 1 i32.store local.get 2 i32.const 7 i32.mul"),
        0,
    );
    assert!(ops[1].starts_with("I32Store "), "{ops:?}");
    assert_eq!(ops[2], "I32MulImmAcc dst=3 lhs=2 imm=7", "{ops:?}");
}

#[test]
fn counter_steps_fuse_into_the_back_edge() {
    let ops = ops_of(
        &func(
            "loop local.get 2 i32.const 1 i32.add local.set 2 local.get 2 local.get 0 i32.lt_u br_if 0 end i32.const 0",
        ),
        0,
    );
    assert_eq!(ops[0], "BrI32AddImmLtU lhs=2 imm=1 rhs=0 off=0 -> @0");
    let ops = ops_of(
        &func(
            "loop local.get 2 i32.const 16 i32.add local.set 2 local.get 2 i32.const 4096 i32.lt_u br_if 0 end i32.const 0",
        ),
        0,
    );
    assert_eq!(ops[0], "BrI32AddImmLtUImm lhs=2 imm=16 bound=4096 off=0 -> @0");
    let ops = ops_of(
        &func(
            "loop local.get 2 local.get 1 i32.add local.set 2 local.get 2 local.get 0 i32.lt_u br_if 0 end i32.const 0",
        ),
        0,
    );
    assert_eq!(ops[0], "BrI32AddLtU lhs=2 step=1 rhs=0 off=0 -> @0");
    // A step too large for the 16-bit immediate, or on another slot,
    // stays apart.
    let ops = ops_of(
        &func(
            "loop local.get 2 i32.const 40000 i32.add local.set 2 local.get 2 local.get 0 i32.lt_u br_if 0 end i32.const 0",
        ),
        0,
    );
    assert!(ops[1].starts_with("BrI32LtUAcc "), "{ops:?}");
    let ops = ops_of(
        &func(
            "loop local.get 2 i32.const 1 i32.add local.set 2 local.get 1 local.get 0 i32.lt_u br_if 0 end i32.const 0",
        ),
        0,
    );
    assert!(ops[1].starts_with("BrI32LtU "), "{ops:?}");
}

#[test]
fn hot_simd_ops_get_their_own_ops() {
    let wat = "(module (memory 1) (func (param i32 v128) (result v128)
            local.get 0 v128.load offset=16
            local.get 1 f32x4.mul
            local.get 1 i32x4.add
            i32.const 33 i32x4.shl
            i32.const 7 i32x4.shr_u
            i32.const 7 i32x4.shr_s))";
    let ops = ops_of(wat, 0);
    assert_eq!(ops[0], "V128LoadFull dst=2 addr=0 offset=16", "{ops:?}");
    assert!(ops[1].starts_with("F32x4Mul "), "{ops:?}");
    assert!(ops[2].starts_with("I32x4Add "), "{ops:?}");
    // The count is masked to the lane width at translation.
    assert_eq!(ops[3], "I32x4ShlImm dst=2 src=2 count=1", "{ops:?}");
    assert_eq!(ops[4], "I32x4ShrUImm dst=2 src=2 count=7", "{ops:?}");
    // Others keep the generic op.
    assert!(ops[5].starts_with("V128ShiftImm "), "{ops:?}");
}

/// A loop summing `0..n`: a forward branch around it and a fused
/// counter step on its back edge.
const SUM: &str = "(module (func (param i32) (result i32) (local i32 i32)
        block
            local.get 0 i32.eqz br_if 0
            loop
                local.get 1 local.get 2 i32.add local.set 1
                local.get 2 i32.const 1 i32.add local.set 2
                local.get 2 local.get 0 i32.lt_u br_if 0
            end
        end
        local.get 1))";

#[test]
fn disassembly() {
    let expected = "   0: BrIfEqz cond=0 off=3 -> @3
   1: I32Add dst=1 lhs=1 rhs=2
   2: BrI32AddImmLtU lhs=2 imm=1 rhs=0 off=-1 -> @1
   3: ReturnSlot64 src=1
";
    assert_eq!(disassemble(&code_of(SUM, 0)), expected);
}

#[test]
fn operands_match_the_op() {
    // `Op::name` and `Op::operands` list what the derived `Debug` shows
    // (in the translator's units).
    let simd = "(module (memory 1) (func (param i32 v128) (result v128)
            local.get 0 v128.load offset=16 local.get 1 f32x4.mul i32.const 7 i32x4.shr_s))";
    let calls = "(module (memory 1) (func $f (param i32 i32) (result i32)
            local.get 0 local.get 1 local.get 0 select i32.const 9 i32.store offset=4
            local.get 0 f32.convert_i32_s i32.reinterpret_f32 local.get 1 call $f
            unreachable))";
    let mut seen = 0;
    for wat in [SUM, simd, calls] {
        for op in code_of(wat, 0).ops.iter() {
            let operands = op.operands();
            let fields: Vec<String> = operands.iter().map(|(f, v)| format!("{f}: {v}")).collect();
            let expected = if fields.is_empty() {
                op.name().to_string()
            } else {
                format!("{} {{ {} }}", op.name(), fields.join(", "))
            };
            let mut cells = *op;
            cells.make_translation_units();
            assert_eq!(format!("{cells:?}"), expected);
            seen += 1;
        }
    }
    assert!(seen >= 10, "{seen}");
}

#[test]
fn wide_frames_move_stack_values_through_scratch_slots() {
    // Local 0, scratch slots 1..=8, the operand stack from cell 9. With
    // every stack cell out of reach, each value an op reads is copied
    // to a scratch slot first, and each result copied to its cell.
    let wat = "(module (func $f (param i32) (result i32)
            local.get 0 i32.const 1 i32.add
            local.get 0 i32.mul
            i32.const 5 call $f i32.add
            call $f))";
    let wide = super::Options {
        wide_frames: true,
        ..Default::default()
    };
    let expected = "   0: I32AddImm dst=1 lhs=0 imm=1
   1: CopySpan dst=9 src=1 len=1
   2: CopySpan dst=2 src=9 len=1
   3: I32Mul dst=3 lhs=2 rhs=0
   4: CopySpan dst=9 src=3 len=1
   5: Const dst=8 value=5
   6: CopySpan dst=10 src=8 len=1
   7: Call func=0 base=10 len=1
   8: CopySpan dst=4 src=10 len=1
   9: CopySpan dst=5 src=9 len=1
  10: I32Add dst=6 lhs=5 rhs=4
  11: CopySpan dst=9 src=6 len=1
  12: Call func=0 base=9 len=1
  13: CopySpan dst=7 src=9 len=1
  14: ReturnSlot64 src=7
";
    assert_eq!(disassemble(&code_with(wat, 0, &wide)), expected);
    // The same function in a narrow frame has no copies.
    let narrow = disassemble(&code_of(wat, 0));
    assert!(!narrow.contains("CopySpan"), "{narrow}");
}

/// `CONCORD_DUMP_WAT=FILE` (text or binary) prints the ops of the
/// module's defined function `CONCORD_DUMP_FUNC` (default 0), or of
/// every defined function with `CONCORD_DUMP_FUNC=all`.
#[test]
fn dump() {
    let Ok(path) = std::env::var("CONCORD_DUMP_WAT") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let engine = Engine::with_backend(&Config::new(), Arc::new(crate::Interpreter::new())).unwrap();
    let module = Module::new(&engine, &bytes).unwrap();
    let which = std::env::var("CONCORD_DUMP_FUNC").unwrap_or_default();
    let defs: Vec<u32> = match which.as_str() {
        "all" => (0..module.info().num_defined_funcs()).collect(),
        "" => vec![0],
        n => vec![n.parse().unwrap()],
    };
    for def in defs {
        let code = super::translate_function(module.info(), def, &super::Options::default()).unwrap();
        println!("; defined function {def}");
        print!("{}", disassemble(&code));
    }
}
