//! End-to-end tests of what the translator fuses and how frames start:
//! fused forms and pairs, operands from the previous op's result register,
//! loop headers, and locals zeroed only where a read may find them unwritten.

mod common;

use common::{engine, instantiate, trap_code};
use concord_core::{Caller, Linker, Module, Store, TrapCode};

#[test]
fn fused_counter_loops() {
    // `x += c; br_if (x <u bound)` runs as one op: the sum wraps, the
    // comparison is unsigned and sees the new value, including when the
    // bound is the counter itself.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (func (export "count") (param $from i32) (param $n i32) (result i32)
               (local $k i32)
               (loop $l
                 (local.set $k (i32.add (local.get $k) (i32.const 1)))
                 (local.set $from (i32.add (local.get $from) (i32.const 3)))
                 (br_if $l (i32.lt_u (local.get $from) (local.get $n))))
               (local.get $k))
             (func (export "step") (param $x i32) (param $s i32) (result i32)
               (local $k i32)
               (loop $l
                 (local.set $k (i32.add (local.get $k) (i32.const 1)))
                 (local.set $x (i32.add (local.get $x) (local.get $s)))
                 (br_if $l (i32.lt_u (local.get $x) (i32.const 100))))
               (local.get $k)))"#,
    );
    let count = inst.get_typed_func::<(i32, i32), i32>(&store, "count").unwrap();
    assert_eq!(count.call(&mut store, (0, 10)).unwrap(), 4);
    // -2 + 3 wraps to 1, which is below 10 unsigned.
    assert_eq!(count.call(&mut store, (-2, 10)).unwrap(), 4);
    // Unsigned: -7 + 3 = -4 is below -1, -4 + 3 = -1 is not.
    assert_eq!(count.call(&mut store, (-7, -1)).unwrap(), 2);
    let step = inst.get_typed_func::<(i32, i32), i32>(&store, "step").unwrap();
    assert_eq!(step.call(&mut store, (0, 10)).unwrap(), 10);
    assert_eq!(step.call(&mut store, (0, -10)).unwrap(), 1);
}

/// The fused forms the translator makes of common instruction pairs give
/// the unfused results: an `i32.add` of a constant folded into a memory
/// access (the sum wraps at 2^32 before the access's offset is added), a
/// branch on `i32.and` with a constant or on any `i64` comparison, and a
/// constant shifted left.
#[test]
fn fused_forms_keep_their_semantics() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (memory 1)
            (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c")
            (func (export "load_add") (param i32) (result i32)
                local.get 0 i32.const 8 i32.add i32.load offset=0)
            (func (export "load8_add") (param i32) (result i32)
                local.get 0 i32.const -4 i32.add i32.load8_u offset=2)
            (func (export "store_add") (param i32 i32) (result i32)
                local.get 0 i32.const 4 i32.add local.get 1 i32.store offset=4
                i32.const 8 i32.load)
            (func (export "store_imm_add") (param i32) (result i64)
                local.get 0 i32.const 1 i32.add i64.const -2 i64.store
                i32.const 0 i64.load)
            (func (export "and_nez") (param i32) (result i32)
                block local.get 0 i32.const 6 i32.and br_if 0 i32.const 0 return end i32.const 1)
            (func (export "and_eqz") (param i32) (result i32)
                block local.get 0 i32.const 6 i32.and i32.eqz br_if 0 i32.const 0 return end i32.const 1)
            (func (export "i64_lt_s") (param i64 i64) (result i32)
                block local.get 0 local.get 1 i64.lt_s br_if 0 i32.const 0 return end i32.const 1)
            (func (export "i64_ge_u") (param i64 i64) (result i32)
                block local.get 0 local.get 1 i64.lt_u i32.eqz br_if 0 i32.const 0 return end i32.const 1)
            (func (export "i64_ne") (param i64 i64) (result i32)
                block local.get 0 local.get 1 i64.ne br_if 0 i32.const 0 return end i32.const 1)
            (func (export "i64_eqz") (param i64) (result i32)
                block local.get 0 i64.eqz br_if 0 i32.const 0 return end i32.const 1)
            (func (export "i64_nez") (param i64) (result i32)
                block local.get 0 i64.eqz i32.eqz br_if 0 i32.const 0 return end i32.const 1)
            (func (export "shl_const") (param i32) (result i32)
                i32.const 1 local.get 0 i32.shl)
            (func (export "abs") (param i64) (result i64)
                i32.const 16 local.get 0 i64.store offset=8
                i32.const 24 i64.load
                i32.const 4 i32.load offset=4 i64.extend_i32_u
                i64.add)
            (func (export "abs_oob") (result i32) i32.const -4 i32.load offset=4)
            (func (export "abs_store_oob") (param i64) i32.const 65536 local.get 0 i64.store offset=0)
            (func (export "f64_lhs") (param f64) (result f64)
                f64.const 1 local.get 0 f64.div f64.const 10 f64.sub)
            (func (export "f64_sub_lhs") (param f64) (result f64)
                f64.const 1 local.get 0 f64.sub)
            (func (export "swap") (param i64 i64) (result i64) (local i64)
                local.get 0 local.set 2 local.get 1 local.set 0 local.get 2 local.set 1
                local.get 0 i64.const 1000 i64.mul local.get 1 i64.add)
        )"#,
    );
    let load_add = inst.get_typed_func::<i32, i32>(&store, "load_add").unwrap();
    assert_eq!(load_add.call(&mut store, 0).unwrap(), 0x0c0b_0a09);
    // 0xffff_fffc + 8 wraps to 4.
    assert_eq!(load_add.call(&mut store, -4).unwrap(), 0x0807_0605);
    assert_eq!(
        trap_code(&load_add.call(&mut store, 65530).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let load8_add = inst.get_typed_func::<i32, i32>(&store, "load8_add").unwrap();
    // (4 - 4) + 2 = 2; (0 - 4) wraps to 0xffff_fffc, plus offset 2: out of bounds.
    assert_eq!(load8_add.call(&mut store, 4).unwrap(), 3);
    assert_eq!(
        trap_code(&load8_add.call(&mut store, 0).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let store_add = inst.get_typed_func::<(i32, i32), i32>(&store, "store_add").unwrap();
    assert_eq!(store_add.call(&mut store, (0, 0x1234_5678)).unwrap(), 0x1234_5678);
    // (-4 + 4) wraps to 0: the store lands at 4, not at 8.
    assert_eq!(store_add.call(&mut store, (-4, 7)).unwrap(), 0x1234_5678);
    let store_imm_add = inst.get_typed_func::<i32, i64>(&store, "store_imm_add").unwrap();
    assert_eq!(store_imm_add.call(&mut store, -1).unwrap(), -2);
    let and_nez = inst.get_typed_func::<i32, i32>(&store, "and_nez").unwrap();
    let and_eqz = inst.get_typed_func::<i32, i32>(&store, "and_eqz").unwrap();
    for (x, set) in [(0, false), (1, false), (2, true), (4, true), (9, false), (-1, true)] {
        assert_eq!(and_nez.call(&mut store, x).unwrap(), set as i32, "and_nez {x}");
        assert_eq!(and_eqz.call(&mut store, x).unwrap(), !set as i32, "and_eqz {x}");
    }
    let lt_s = inst.get_typed_func::<(i64, i64), i32>(&store, "i64_lt_s").unwrap();
    let ge_u = inst.get_typed_func::<(i64, i64), i32>(&store, "i64_ge_u").unwrap();
    let ne = inst.get_typed_func::<(i64, i64), i32>(&store, "i64_ne").unwrap();
    // Operands that differ only in the high word.
    let big = 1i64 << 40;
    for (a, b) in [
        (0, 0),
        (-1, 0),
        (0, -1),
        (big, 0),
        (0, big),
        (big, big + 1),
        (i64::MIN, i64::MAX),
    ] {
        assert_eq!(lt_s.call(&mut store, (a, b)).unwrap(), (a < b) as i32, "lt_s {a} {b}");
        assert_eq!(
            ge_u.call(&mut store, (a, b)).unwrap(),
            ((a as u64) >= (b as u64)) as i32,
            "ge_u {a} {b}"
        );
        assert_eq!(ne.call(&mut store, (a, b)).unwrap(), (a != b) as i32, "ne {a} {b}");
    }
    let eqz = inst.get_typed_func::<i64, i32>(&store, "i64_eqz").unwrap();
    let nez = inst.get_typed_func::<i64, i32>(&store, "i64_nez").unwrap();
    for x in [0, 1, big, -1] {
        assert_eq!(eqz.call(&mut store, x).unwrap(), (x == 0) as i32, "eqz {x}");
        assert_eq!(nez.call(&mut store, x).unwrap(), (x != 0) as i32, "nez {x}");
    }
    // Constant addresses: 16 + 8 and 4 + 4; the offset is added to the
    // address in 33 bits (no wrap), so -4 + 4 is out of bounds.
    let abs = inst.get_typed_func::<i64, i64>(&store, "abs").unwrap();
    // (`store_add` above left 0x1234_5678 at 8.)
    assert_eq!(
        abs.call(&mut store, 0x1_0000_0000).unwrap(),
        0x1_0000_0000 + 0x1234_5678
    );
    let abs_oob = inst.get_typed_func::<(), i32>(&store, "abs_oob").unwrap();
    assert_eq!(
        trap_code(&abs_oob.call(&mut store, ()).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let abs_store_oob = inst.get_typed_func::<i64, ()>(&store, "abs_store_oob").unwrap();
    assert_eq!(
        trap_code(&abs_store_oob.call(&mut store, 1).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let f64_lhs = inst.get_typed_func::<f64, f64>(&store, "f64_lhs").unwrap();
    assert_eq!(f64_lhs.call(&mut store, 4.0).unwrap(), 0.25 - 10.0);
    assert!(f64_lhs.call(&mut store, f64::NAN).unwrap().is_nan());
    let f64_sub_lhs = inst.get_typed_func::<f64, f64>(&store, "f64_sub_lhs").unwrap();
    assert_eq!(f64_sub_lhs.call(&mut store, 4.0).unwrap(), -3.0);
    // Copies run in order (the second reads what the first wrote).
    let swap = inst.get_typed_func::<(i64, i64), i64>(&store, "swap").unwrap();
    assert_eq!(swap.call(&mut store, (3, 7)).unwrap(), 7003);
    let shl = inst.get_typed_func::<i32, i32>(&store, "shl_const").unwrap();
    for k in [0, 5, 31, 32, 33, -1] {
        assert_eq!(shl.call(&mut store, k).unwrap(), 1i32.wrapping_shl(k as u32), "shl {k}");
    }
}

/// Float comparisons, as values and fused into branches, with a constant
/// on either side, give IEEE results: false for every relation but `ne`
/// when an operand is NaN, in both branch directions.
#[test]
fn float_comparisons_and_their_branches() {
    let mut funcs = String::new();
    for rel in ["eq", "ne", "lt", "gt", "le", "ge"] {
        for t in ["f32", "f64"] {
            funcs += &format!(
                r#"(func (export "{t}_{rel}") (param {t} {t}) (result i32) local.get 0 local.get 1 {t}.{rel})
                (func (export "{t}_{rel}_k") (param {t}) (result i32) local.get 0 {t}.const 1.5 {t}.{rel})
                (func (export "{t}_k_{rel}") (param {t}) (result i32) {t}.const 1.5 local.get 0 {t}.{rel})
                (func (export "{t}_br_{rel}") (param {t} {t}) (result i32)
                    block local.get 0 local.get 1 {t}.{rel} br_if 0 i32.const 0 return end i32.const 1)
                (func (export "{t}_brnot_{rel}") (param {t} {t}) (result i32)
                    block local.get 0 local.get 1 {t}.{rel} i32.eqz br_if 0 i32.const 0 return end i32.const 1)
                (func (export "{t}_br_{rel}_k") (param {t}) (result i32)
                    block local.get 0 {t}.const 1.5 {t}.{rel} br_if 0 i32.const 0 return end i32.const 1)
                (func (export "{t}_brnot_{rel}_k") (param {t}) (result i32)
                    block local.get 0 {t}.const 1.5 {t}.{rel} i32.eqz br_if 0 i32.const 0 return end i32.const 1)
                "#
            );
        }
    }
    let (mut store, inst) = instantiate(&engine(), &format!("(module {funcs})"));
    let values = [f64::NAN, -0.0, 0.0, 1.5, -1.5, 2.0, f64::INFINITY, f64::NEG_INFINITY];
    let relate = |rel: &str, a: f64, b: f64| match rel {
        "eq" => a == b,
        "ne" => a != b,
        "lt" => a < b,
        "gt" => a > b,
        "le" => a <= b,
        _ => a >= b,
    };
    for rel in ["eq", "ne", "lt", "gt", "le", "ge"] {
        let f64s = |name: &str| {
            inst.get_typed_func::<(f64, f64), i32>(&store, &format!("f64_{name}"))
                .unwrap()
        };
        let f64k = |name: &str| inst.get_typed_func::<f64, i32>(&store, &format!("f64_{name}")).unwrap();
        let f32s = |name: &str| {
            inst.get_typed_func::<(f32, f32), i32>(&store, &format!("f32_{name}"))
                .unwrap()
        };
        let f32k = |name: &str| inst.get_typed_func::<f32, i32>(&store, &format!("f32_{name}")).unwrap();
        let (value, br, brnot) = (f64s(rel), f64s(&format!("br_{rel}")), f64s(&format!("brnot_{rel}")));
        let (value_k, k_value) = (f64k(&format!("{rel}_k")), f64k(&format!("k_{rel}")));
        let (br_k, brnot_k) = (f64k(&format!("br_{rel}_k")), f64k(&format!("brnot_{rel}_k")));
        let (value32, br32, brnot32) = (f32s(rel), f32s(&format!("br_{rel}")), f32s(&format!("brnot_{rel}")));
        let (value32_k, k_value32) = (f32k(&format!("{rel}_k")), f32k(&format!("k_{rel}")));
        for a in values {
            let with_k = relate(rel, a, 1.5) as i32;
            assert_eq!(value_k.call(&mut store, a).unwrap(), with_k, "f64 {a} {rel} 1.5");
            assert_eq!(
                k_value.call(&mut store, a).unwrap(),
                relate(rel, 1.5, a) as i32,
                "f64 1.5 {rel} {a}"
            );
            assert_eq!(br_k.call(&mut store, a).unwrap(), with_k, "br f64 {a} {rel} 1.5");
            assert_eq!(
                brnot_k.call(&mut store, a).unwrap(),
                1 - with_k,
                "brnot f64 {a} {rel} 1.5"
            );
            let a32 = a as f32;
            assert_eq!(value32_k.call(&mut store, a32).unwrap(), with_k, "f32 {a} {rel} 1.5");
            assert_eq!(
                k_value32.call(&mut store, a32).unwrap(),
                relate(rel, 1.5, a) as i32,
                "f32 1.5 {rel} {a}"
            );
            for b in values {
                let expected = relate(rel, a, b) as i32;
                assert_eq!(value.call(&mut store, (a, b)).unwrap(), expected, "f64 {a} {rel} {b}");
                assert_eq!(br.call(&mut store, (a, b)).unwrap(), expected, "br f64 {a} {rel} {b}");
                assert_eq!(
                    brnot.call(&mut store, (a, b)).unwrap(),
                    1 - expected,
                    "brnot f64 {a} {rel} {b}"
                );
                let (a32, b32) = (a as f32, b as f32);
                assert_eq!(
                    value32.call(&mut store, (a32, b32)).unwrap(),
                    expected,
                    "f32 {a} {rel} {b}"
                );
                assert_eq!(
                    br32.call(&mut store, (a32, b32)).unwrap(),
                    expected,
                    "br f32 {a} {rel} {b}"
                );
                assert_eq!(
                    brnot32.call(&mut store, (a32, b32)).unwrap(),
                    1 - expected,
                    "brnot f32 {a} {rel} {b}"
                );
            }
        }
    }
}

/// Pairs of ops run by one handler keep their second op in place: a
/// branch to it runs it alone, and a trap in it reports its own offset.
#[test]
fn paired_ops_keep_their_second_op() {
    // The `loop` starts at the second `i32.add` of a pair of constant adds.
    let wat = r#"(module
        (memory 1)
        (func (export "loop") (param i32 i32) (result i32)
            local.get 0 i32.const 1 i32.add local.set 0
            loop $l
                local.get 1 i32.const 8 i32.add local.set 1
                local.get 1 i32.const 80 i32.lt_u br_if $l
            end
            local.get 0 i32.const 1000 i32.mul local.get 1 i32.add)
        (func (export "trap") (param i32 i32) (result i32)
            local.get 0 local.get 1 i32.add i32.load))"#;
    let (mut store, inst) = instantiate(&engine(), wat);
    let looped = inst.get_typed_func::<(i32, i32), i32>(&store, "loop").unwrap();
    assert_eq!(looped.call(&mut store, (4, 0)).unwrap(), 5080);
    assert_eq!(looped.call(&mut store, (0, 100)).unwrap(), 1108);
    let trap = inst.get_typed_func::<(i32, i32), i32>(&store, "trap").unwrap();
    assert_eq!(trap.call(&mut store, (4, 4)).unwrap(), 0);
    let err = trap.call(&mut store, (65536, 4)).unwrap_err();
    assert_eq!(trap_code(&err), TrapCode::MemoryOutOfBounds);
    // The `i32.load` (0x28) is the function body's last operator but `end`.
    let bytes = wat::parse_str(wat).unwrap();
    let load = bytes.windows(2).rposition(|w| w == [0x28, 0x02]).expect("the load") as u32;
    let frame = &err.as_trap().unwrap().backtrace()[0];
    assert_eq!(frame.module_offset, Some(load), "{frame:?}");
}

#[test]
fn operands_from_the_previous_result_keep_their_semantics() {
    // Each op after an `i32.add`/`i64.add`/`f64.add` whose sum it reads
    // takes it from the handlers' result register (`<Op>Acc`): as left and
    // as right operand, against a constant, as an address, a stored value
    // and a branch condition, it computes what the op computes.
    type Op<T> = (&'static str, fn(T, T) -> T);
    let i32_ops: [Op<u32>; 11] = [
        ("i32.add", |a, b| a.wrapping_add(b)),
        ("i32.sub", |a, b| a.wrapping_sub(b)),
        ("i32.mul", |a, b| a.wrapping_mul(b)),
        ("i32.and", |a, b| a & b),
        ("i32.or", |a, b| a | b),
        ("i32.xor", |a, b| a ^ b),
        ("i32.shl", |a, b| a.wrapping_shl(b)),
        ("i32.shr_u", |a, b| a.wrapping_shr(b)),
        ("i32.shr_s", |a, b| (a as i32).wrapping_shr(b) as u32),
        ("i32.rotl", |a, b| a.rotate_left(b)),
        ("i32.lt_u", |a, b| (a < b) as u32),
    ];
    let i64_ops: [Op<u64>; 8] = [
        ("i64.add", |a, b| a.wrapping_add(b)),
        ("i64.sub", |a, b| a.wrapping_sub(b)),
        ("i64.mul", |a, b| a.wrapping_mul(b)),
        ("i64.and", |a, b| a & b),
        ("i64.or", |a, b| a | b),
        ("i64.xor", |a, b| a ^ b),
        ("i64.shl", |a, b| a.wrapping_shl(b as u32)),
        ("i64.shr_u", |a, b| a.wrapping_shr(b as u32)),
    ];
    let f64_ops: [Op<f64>; 4] = [
        ("f64.add", |a, b| a + b),
        ("f64.sub", |a, b| a - b),
        ("f64.mul", |a, b| a * b),
        ("f64.div", |a, b| a / b),
    ];
    let mut wat = String::from("(module (memory 1)");
    for (i, (op, _)) in i32_ops.iter().enumerate() {
        wat.push_str(&format!(
            "(func (export \"i32_{i}\") (param i32 i32 i32) (result i32 i32 i32)
               (local.get 0) (local.get 1) i32.add (local.get 2) {op}
               (local.get 2) (local.get 0) (local.get 1) i32.add {op}
               (local.get 0) (local.get 1) i32.add (i32.const 13) {op})"
        ));
    }
    for (i, (op, _)) in i64_ops.iter().enumerate() {
        wat.push_str(&format!(
            "(func (export \"i64_{i}\") (param i64 i64 i64) (result i64 i64 i64)
               (local.get 0) (local.get 1) i64.add (local.get 2) {op}
               (local.get 2) (local.get 0) (local.get 1) i64.add {op}
               (local.get 0) (local.get 1) i64.add (i64.const 13) {op})"
        ));
    }
    for (i, (op, _)) in f64_ops.iter().enumerate() {
        wat.push_str(&format!(
            "(func (export \"f64_{i}\") (param f64 f64 f64) (result f64 f64 f64)
               (local.get 0) (local.get 1) f64.add (local.get 2) {op}
               (local.get 2) (local.get 0) (local.get 1) f64.add {op}
               (local.get 0) (local.get 1) f64.add (f64.const 0.25) {op})"
        ));
    }
    // Memory: a sum as an address (loads of each width) and as a stored
    // value; a sum as a branch condition.
    wat.push_str(
        r#"(func (export "mem") (param i32 i32) (result i32 i64 i32)
             (i32.store (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 1) (i32.const 0x01020304)))
             (i32.load (i32.add (local.get 0) (local.get 1)))
             (i64.load (i32.add (local.get 0) (local.get 1)))
             (i32.add (i32.load8_u (i32.add (local.get 0) (local.get 1)))
                      (i32.load16_s (i32.add (local.get 0) (local.get 1)))))
           (func (export "mixed") (param f64 f64 i64 i64) (result f64)
             ;; An integer result right before a float op that reads it
             ;; (as bits): the float register still holds the float sum.
             (f64.mul (f64.add (local.get 0) (local.get 1))
                      (f64.reinterpret_i64 (i64.add (local.get 2) (local.get 3)))))
           (func (export "fmem") (param i32 i32 f64 f64) (result f64 f64)
             ;; A float result stored, a float loaded from a computed
             ;; address and used by the next op, at a constant address too.
             (f64.store (i32.add (local.get 0) (local.get 1)) (f64.mul (local.get 2) (local.get 3)))
             (f64.store (i32.const 64) (f64.sub (local.get 2) (local.get 3)))
             (f64.add (f64.load (i32.add (local.get 0) (local.get 1))) (local.get 2))
             (f64.mul (f64.load (i32.const 64)) (local.get 3)))
           (func (export "unary") (param f64 f64) (result f64 f64)
             (f64.neg (f64.abs (f64.sqrt (f64.add (local.get 0) (local.get 1)))))
             (f64.sqrt (f64.neg (f64.add (local.get 0) (local.get 1)))))
           (func (export "table") (param i32 i32) (result i32)
             (block (block (block
               (br_table 0 1 2 (i32.add (local.get 0) (local.get 1))))
               (return (i32.const 10)))
               (return (i32.const 11)))
             (i32.const 12))
           (func (export "branch") (param i32 i32) (result i32)
             (block (br_if 0 (i32.add (local.get 0) (local.get 1))) (return (i32.const 7)))
             (i32.const 9)))"#,
    );
    let (mut store, inst) = instantiate(&engine(), &wat);
    let inputs = [
        (0u32, 0u32, 0u32),
        (1, 2, 3),
        (u32::MAX, 7, 31),
        (0x8000_0000, 0x8000_0001, 33),
        (12345, 678, 5),
    ];
    for (i, (_, f)) in i32_ops.iter().enumerate() {
        let func = inst
            .get_typed_func::<(u32, u32, u32), (u32, u32, u32)>(&store, &format!("i32_{i}"))
            .unwrap();
        for (x, y, z) in inputs {
            let s = x.wrapping_add(y);
            assert_eq!(
                func.call(&mut store, (x, y, z)).unwrap(),
                (f(s, z), f(z, s), f(s, 13)),
                "{i} {x} {y} {z}"
            );
        }
    }
    for (i, (_, f)) in i64_ops.iter().enumerate() {
        let func = inst
            .get_typed_func::<(u64, u64, u64), (u64, u64, u64)>(&store, &format!("i64_{i}"))
            .unwrap();
        for (x, y, z) in inputs {
            let (x, y, z) = ((x as u64) << 20 | 5, (y as u64) << 3, z as u64);
            let s = x.wrapping_add(y);
            assert_eq!(
                func.call(&mut store, (x, y, z)).unwrap(),
                (f(s, z), f(z, s), f(s, 13)),
                "{i} {x} {y} {z}"
            );
        }
    }
    for (i, (_, f)) in f64_ops.iter().enumerate() {
        let func = inst
            .get_typed_func::<(f64, f64, f64), (f64, f64, f64)>(&store, &format!("f64_{i}"))
            .unwrap();
        for (x, y, z) in [(1.5, 2.25, -3.0), (-0.0, 0.0, 7.0), (1e300, 1e300, 2.0)] {
            let s = x + y;
            let (a, b, c) = func.call(&mut store, (x, y, z)).unwrap();
            assert_eq!(
                (a.to_bits(), b.to_bits(), c.to_bits()),
                (f(s, z).to_bits(), f(z, s).to_bits(), f(s, 0.25).to_bits())
            );
        }
    }
    let mem = inst
        .get_typed_func::<(u32, u32), (u32, u64, u32)>(&store, "mem")
        .unwrap();
    let (a, b, c) = mem.call(&mut store, (100, 4)).unwrap();
    let v = 4u32.wrapping_add(0x0102_0304);
    assert_eq!(a, v);
    assert_eq!(b, v as u64);
    assert_eq!(c, (v & 0xff) + (v as u16 as i16 as i32 as u32));
    assert_eq!(
        trap_code(&mem.call(&mut store, (65536 - 2, 0)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let mixed = inst
        .get_typed_func::<(f64, f64, i64, i64), f64>(&store, "mixed")
        .unwrap();
    let bits = 3.0f64.to_bits() as i64;
    assert_eq!(mixed.call(&mut store, (1.0, 0.5, bits - 5, 5)).unwrap(), 1.5 * 3.0);
    let fmem = inst
        .get_typed_func::<(u32, u32, f64, f64), (f64, f64)>(&store, "fmem")
        .unwrap();
    assert_eq!(
        fmem.call(&mut store, (100, 4, 1.5, -2.0)).unwrap(),
        (1.5 * -2.0 + 1.5, (1.5 + 2.0) * -2.0)
    );
    assert_eq!(
        trap_code(&fmem.call(&mut store, (65536 - 4, 0, 1.0, 1.0)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let unary = inst.get_typed_func::<(f64, f64), (f64, f64)>(&store, "unary").unwrap();
    let (a, b) = unary.call(&mut store, (7.0, 9.0)).unwrap();
    assert_eq!((a, b.is_nan()), (-4.0, true));
    assert_eq!(
        b.to_bits() & 0x0008_0000_0000_0000,
        0x0008_0000_0000_0000,
        "a quiet NaN"
    );
    let table = inst.get_typed_func::<(u32, u32), u32>(&store, "table").unwrap();
    for (x, y, r) in [(0, 0, 10), (1, 0, 11), (0, 2, 12), (u32::MAX, 4, 12), (u32::MAX, 1, 10)] {
        assert_eq!(table.call(&mut store, (x, y)).unwrap(), r, "{x} + {y}");
    }
    let branch = inst.get_typed_func::<(u32, u32), u32>(&store, "branch").unwrap();
    assert_eq!(branch.call(&mut store, (1, u32::MAX)).unwrap(), 7);
    assert_eq!(branch.call(&mut store, (1, 2)).unwrap(), 9);
}

#[test]
fn branches_on_the_previous_result_keep_their_semantics() {
    // A compare-and-branch whose operand is the result of the op before it
    // takes it from the result register; as right operand the comparison is
    // mirrored (`a < s` runs as `s > a`). `br_if` and `if` (which branches
    // on the negation, `BrF64Not*` for floats) both, NaN included.
    let cmps = [
        "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u",
    ];
    let fcmps = ["eq", "ne", "lt", "gt", "le", "ge"];
    let mut wat = String::from("(module");
    for (t, ops) in [("i32", &cmps[..]), ("i64", &cmps[..]), ("f64", &fcmps[..])] {
        for op in ops {
            wat.push_str(&format!(
                "(func (export \"{t}_{op}\") (param {t} {t} {t}) (result i32 i32 i32 i32)
                   (block (result i32) (i32.const 1)
                     (br_if 0 ({t}.{op} ({t}.add (local.get 0) (local.get 1)) (local.get 2))) (drop) (i32.const 0))
                   (block (result i32) (i32.const 1)
                     (br_if 0 ({t}.{op} (local.get 2) ({t}.add (local.get 0) (local.get 1)))) (drop) (i32.const 0))
                   (if (result i32) ({t}.{op} ({t}.add (local.get 0) (local.get 1)) (local.get 2))
                     (then (i32.const 1)) (else (i32.const 0)))
                   (if (result i32) ({t}.{op} (local.get 2) ({t}.add (local.get 0) (local.get 1)))
                     (then (i32.const 1)) (else (i32.const 0))))"
            ));
        }
    }
    wat.push(')');
    let (mut store, inst) = instantiate(&engine(), &wat);
    let int = |op: &str, a: i64, b: i64, unsigned: fn(i64) -> u64| -> u32 {
        let (ua, ub) = (unsigned(a), unsigned(b));
        (match op {
            "eq" => a == b,
            "ne" => a != b,
            "lt_s" => a < b,
            "lt_u" => ua < ub,
            "gt_s" => a > b,
            "gt_u" => ua > ub,
            "le_s" => a <= b,
            "le_u" => ua <= ub,
            "ge_s" => a >= b,
            _ => ua >= ub,
        }) as u32
    };
    let values = [0i64, 1, -1, 7, i32::MIN as i64, i32::MAX as i64];
    for op in cmps {
        let f32s = inst
            .get_typed_func::<(i32, i32, i32), (u32, u32, u32, u32)>(&store, &format!("i32_{op}"))
            .unwrap();
        let f64s = inst
            .get_typed_func::<(i64, i64, i64), (u32, u32, u32, u32)>(&store, &format!("i64_{op}"))
            .unwrap();
        for x in values {
            for z in values {
                let s = (x as i32).wrapping_add(3);
                let u32of = |v: i64| v as u32 as u64;
                let (a, b) = (
                    int(op, s as i64, z as i32 as i64, u32of),
                    int(op, z as i32 as i64, s as i64, u32of),
                );
                assert_eq!(
                    f32s.call(&mut store, (x as i32, 3, z as i32)).unwrap(),
                    (a, b, a, b),
                    "i32 {op} {x} {z}"
                );
                let s = x.wrapping_add(3) << 20;
                let z = z << 20;
                let (a, b) = (int(op, s, z, |v| v as u64), int(op, z, s, |v| v as u64));
                assert_eq!(
                    f64s.call(&mut store, (x << 20, 3 << 20, z)).unwrap(),
                    (a, b, a, b),
                    "i64 {op} {x} {z}"
                );
            }
        }
    }
    let floats = [0.0, -0.0, 1.5, -2.0, f64::NAN, f64::INFINITY];
    for op in fcmps {
        let f = inst
            .get_typed_func::<(f64, f64, f64), (u32, u32, u32, u32)>(&store, &format!("f64_{op}"))
            .unwrap();
        let cmp = |a: f64, b: f64| -> u32 {
            (match op {
                "eq" => a == b,
                "ne" => a != b,
                "lt" => a < b,
                "gt" => a > b,
                "le" => a <= b,
                _ => a >= b,
            }) as u32
        };
        for x in floats {
            for z in floats {
                let s = x + 0.5;
                let (a, b) = (cmp(s, z), cmp(z, s));
                assert_eq!(
                    f.call(&mut store, (x, 0.5, z)).unwrap(),
                    (a, b, a, b),
                    "f64 {op} {x} {z}"
                );
            }
        }
    }
}

#[test]
fn pairs_ending_in_a_branch_or_a_table_keep_their_semantics() {
    // Pairs whose second op branches (bit tests, a counter compared with a
    // bound, a jump table on an adjusted index), float multiply-adds both
    // ways, `x | 1 << k` and a load from a scaled index: the second op on
    // the first op's result and on another value, and a branch to the
    // second op alone.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "bits") (param i32 i32) (result i32 i32 i32 i32) (local i32)
               (block (result i32) (i32.const 1)
                 (br_if 0 (i32.and (i32.shr_u (local.get 0) (local.get 1)) (i32.const 1))) (drop) (i32.const 0))
               (block (result i32) (i32.const 1)
                 (br_if 0 (i32.eqz (i32.and (i32.shr_u (local.get 0) (local.get 1)) (i32.const 1)))) (drop) (i32.const 0))
               (local.set 2 (i32.shr_u (local.get 0) (local.get 1)))
               (block (result i32) (i32.const 1)
                 (br_if 0 (i32.and (local.get 0) (i32.const 4))) (drop) (i32.const 0))
               (i32.or (i32.shl (i32.const 1) (local.get 1)) (local.get 0)))
             (func (export "count") (param i64 i64) (result i64) (local i64)
               (loop $l
                 (local.set 2 (i64.add (local.get 2) (i64.const 3)))
                 (local.set 0 (i64.add (local.get 0) (i64.const 1)))
                 (br_if $l (i64.ne (local.get 0) (local.get 1))))
               (local.get 2))
             (func (export "table") (param i32) (result i32)
               (block $c (block $b (block $a
                 (br_table $a $b $c (i32.add (local.get 0) (i32.const -2))))
                 (return (i32.const 10)))
                 (return (i32.const 11)))
               (i32.const 12))
             (func (export "fma") (param f64 f64 f64) (result f64 f64 f64 f64) (local f64)
               (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2))
               (f64.mul (f64.add (local.get 0) (local.get 1)) (local.get 2))
               (local.set 3 (f64.mul (local.get 0) (local.get 1)))
               (f64.add (local.get 2) (local.get 2))
               (local.set 3 (f64.add (local.get 0) (local.get 1)))
               (f64.mul (local.get 3) (local.get 2)))
             (func (export "scaled") (param i32) (result i32 i32) (local i32)
               (i32.load (i32.shl (local.get 0) (i32.const 2)))
               (local.set 1 (i32.shl (local.get 0) (i32.const 2)))
               (i32.load offset=4 (local.get 1)))
             (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00"))"#,
    );
    let bits = inst
        .get_typed_func::<(u32, u32), (u32, u32, u32, u32)>(&store, "bits")
        .unwrap();
    for (x, k) in [
        (0u32, 0u32),
        (1, 0),
        (2, 1),
        (5, 2),
        (0x8000_0000, 31),
        (0xffff_fffe, 33),
        (6, 3),
    ] {
        let bit = (x >> (k & 31)) & 1;
        let want = (bit, 1 - bit, (x & 4 != 0) as u32, (1u32 << (k & 31)) | x);
        assert_eq!(bits.call(&mut store, (x, k)).unwrap(), want, "{x} {k}");
    }
    let count = inst.get_typed_func::<(i64, i64), i64>(&store, "count").unwrap();
    assert_eq!(count.call(&mut store, (0, 10)).unwrap(), 30);
    assert_eq!(count.call(&mut store, (-5, -4)).unwrap(), 3);
    assert_eq!(count.call(&mut store, (i64::MAX, i64::MIN)).unwrap(), 3);
    let table = inst.get_typed_func::<u32, u32>(&store, "table").unwrap();
    for (x, want) in [
        (2u32, 10u32),
        (3, 11),
        (4, 12),
        (5, 12),
        (0, 12),
        (1, 12),
        (u32::MAX, 12),
    ] {
        assert_eq!(table.call(&mut store, x).unwrap(), want, "{x}");
    }
    let fma = inst
        .get_typed_func::<(f64, f64, f64), (f64, f64, f64, f64)>(&store, "fma")
        .unwrap();
    let (a, b, c) = (1.5, -3.25, 0.125);
    assert_eq!(
        fma.call(&mut store, (a, b, c)).unwrap(),
        (a * b + c, (a + b) * c, c + c, (a + b) * c)
    );
    let scaled = inst.get_typed_func::<u32, (u32, u32)>(&store, "scaled").unwrap();
    assert_eq!(scaled.call(&mut store, 0).unwrap(), (1, 2));
    assert_eq!(scaled.call(&mut store, 2).unwrap(), (3, 4));
    assert!(scaled.call(&mut store, 0x4000_0000).unwrap() == (1, 2));
    assert!(scaled.call(&mut store, 0x3fff_ffff).is_err(), "out of bounds");
}

#[test]
fn loads_in_pairs_and_a_read_modify_write_keep_their_semantics() {
    // Two loads in a row (the second through the first's result: a
    // pointer chase), two f64 loads, `c / (double)i`, four copies in a
    // row, and `p[k] += x` as one op: load, add, store.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "chase") (param i32) (result i32 i32)
               (i32.load offset=4 (i32.load (local.get 0)))
               (i32.load (local.get 0)) (i32.load offset=8 (local.get 0)) (drop))
             (func (export "floads") (param i32) (result f64)
               (f64.sub (f64.load (local.get 0)) (f64.load offset=8 (local.get 0))))
             (func (export "recip") (param i32) (result f64)
               (f64.div (f64.const 3) (f64.convert_i32_s (local.get 0))))
             (func (export "rotate") (param i64 i64 i64 i64) (result i64 i64 i64 i64) (local i64)
               (local.set 4 (local.get 0)) (local.set 0 (local.get 1))
               (local.set 1 (local.get 2)) (local.set 2 (local.get 3))
               (local.set 3 (local.get 4))
               (local.get 0) (local.get 1) (local.get 2) (local.get 3))
             (func (export "accumulate") (param i32 f64) (result f64)
               (f64.store offset=8 (local.get 0) (f64.add (f64.load offset=8 (local.get 0)) (local.get 1)))
               (f64.store (local.get 0) (f64.add (local.get 1) (f64.load (local.get 0))))
               (f64.add (f64.load (local.get 0)) (f64.load offset=8 (local.get 0))))
             (data (i32.const 0) "\10\00\00\00\20\00\00\00\30\00\00\00\00\00\00\00")
             (data (i32.const 16) "\00\00\00\00\07\00\00\00\09\00\00\00\00\00\00\00")
             (data (i32.const 32) "\00\00\00\00\00\00\f8\3f\00\00\00\00\00\00\00\40"))"#,
    );
    let chase = inst.get_typed_func::<u32, (u32, u32)>(&store, "chase").unwrap();
    // mem[0] = 16, mem[16 + 4] = 7; from 4: mem[4] = 32, mem[36] = 0x3ff80000.
    assert_eq!(chase.call(&mut store, 0).unwrap(), (7, 16));
    assert_eq!(chase.call(&mut store, 4).unwrap(), (0x3ff8_0000, 32));
    assert!(chase.call(&mut store, 65533).is_err(), "out of bounds");
    let floads = inst.get_typed_func::<u32, f64>(&store, "floads").unwrap();
    assert_eq!(floads.call(&mut store, 32).unwrap(), 1.5 - 2.0);
    assert!(
        floads.call(&mut store, 65528).is_err(),
        "the second load is out of bounds"
    );
    let recip = inst.get_typed_func::<i32, f64>(&store, "recip").unwrap();
    assert_eq!(recip.call(&mut store, -4).unwrap(), 3.0 / -4.0);
    assert!(recip.call(&mut store, 0).unwrap().is_infinite());
    let rotate = inst
        .get_typed_func::<(i64, i64, i64, i64), (i64, i64, i64, i64)>(&store, "rotate")
        .unwrap();
    assert_eq!(rotate.call(&mut store, (1, 2, 3, 4)).unwrap(), (2, 3, 4, 1));
    let accumulate = inst.get_typed_func::<(u32, f64), f64>(&store, "accumulate").unwrap();
    // At 32: 1.5 and 2.0; both get 0.25 added.
    assert_eq!(accumulate.call(&mut store, (32, 0.25)).unwrap(), 1.75 + 2.25);
    assert_eq!(accumulate.call(&mut store, (32, -0.25)).unwrap(), 1.5 + 2.0);
    assert!(accumulate.call(&mut store, (65530, 1.0)).is_err(), "out of bounds");
}

#[test]
fn a_bit_set_loop_keeps_its_semantics() {
    // `bits[m >> 5] |= 1 << (m & 31)` for m = start, start + step, ...
    // below end (the word's lookup, four ops, and the store with the loop
    // test each run as one op), then the bits read back one by one.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "set") (param $m i32) (param $step i32) (param $end i32) (param $base i32) (local $p i32)
               (loop $l
                 (local.set $p (i32.add (local.get $base) (i32.and (i32.shr_u (local.get $m) (i32.const 3)) (i32.const 0x1ffffffc))))
                 (i32.store (local.get $p) (i32.or (i32.load (local.get $p)) (i32.shl (i32.const 1) (local.get $m))))
                 (br_if $l (i32.lt_u (local.tee $m (i32.add (local.get $m) (local.get $step))) (local.get $end)))))
             (func (export "get") (param $k i32) (param $base i32) (result i32)
               (i32.and (i32.shr_u
                 (i32.load (i32.add (local.get $base) (i32.and (i32.shr_u (local.get $k) (i32.const 3)) (i32.const 0x1ffffffc))))
                 (local.get $k)) (i32.const 1))))"#,
    );
    let set = inst.get_typed_func::<(u32, u32, u32, u32), ()>(&store, "set").unwrap();
    let get = inst.get_typed_func::<(u32, u32), u32>(&store, "get").unwrap();
    let mut model = vec![false; 2000];
    for (start, step, end) in [(3u32, 7u32, 1500u32), (0, 31, 2000), (100, 1, 140), (1999, 5, 2000)] {
        set.call(&mut store, (start, step, end, 64)).unwrap();
        let mut m = start;
        loop {
            model[m as usize] = true;
            m += step;
            if m >= end {
                break;
            }
        }
    }
    for k in 0..2000u32 {
        assert_eq!(
            get.call(&mut store, (k, 64)).unwrap(),
            model[k as usize] as u32,
            "bit {k}"
        );
    }
}

#[test]
fn loop_headers_take_the_register_only_when_every_way_in_agrees() {
    // `agree`: the multiply before the loop and the branch back (after
    // `x`'s rotation; the branch only tests `n`) both leave `x` in the
    // register, so the loop header reads it from there, and a store in
    // between keeps it. `disagree`: the same with the last two steps
    // swapped, so the branch back leaves `n` there. Both against Rust.
    let body = |last_two: &str| {
        format!(
            r#"(param $n i32) (param $x i32) (result i32)
               (local.set $x (i32.mul (local.get $x) (i32.const 3)))
               (loop $l
                 (local.set $x (i32.xor (i32.add (local.get $x) (i32.const 7)) (i32.const 0x55)))
                 (i32.store (i32.const 8) (local.get $x))
                 {last_two}
                 (br_if $l (local.get $n)))
               (i32.add (local.get $x) (i32.load (i32.const 8)))"#
        )
    };
    let dec = "(local.set $n (i32.add (local.get $n) (i32.const -1)))";
    let rot = "(local.set $x (i32.rotl (local.get $x) (i32.const 3)))";
    let wat = format!(
        r#"(module (memory 1)
             (func (export "agree") {})
             (func (export "disagree") {}))"#,
        body(&format!("{dec} {rot}")),
        body(&format!("{rot} {dec}")),
    );
    let (mut store, inst) = instantiate(&engine(), &wat);
    for name in ["agree", "disagree"] {
        let f = inst.get_typed_func::<(i32, i32), i32>(&store, name).unwrap();
        for (n, x0) in [(1, 5), (10, -3), (100, 0x1234), (3, i32::MIN)] {
            let mut x = x0.wrapping_mul(3);
            let mut stored = 0;
            for _ in 0..n {
                x = x.wrapping_add(7) ^ 0x55;
                stored = x;
                x = x.rotate_left(3);
            }
            assert_eq!(
                f.call(&mut store, (n, x0)).unwrap(),
                x.wrapping_add(stored),
                "{name} {n} {x0}"
            );
        }
    }
}

#[test]
fn pairs_chain_their_second_op_on_the_first_result() {
    // A pair's second op takes the first op's result from its register
    // when it reads that result, and its own operand from its cell when it
    // reads another: both, for the pairs that chain.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "ints") (param i32 i32) (result i32 i32 i32 i32 i32 i32) (local i32)
               (i32.and (i32.shr_u (local.get 0) (i32.const 3)) (i32.const 252))
               (local.set 2 (i32.shr_u (local.get 0) (i32.const 3)))
               (i32.add (i32.and (local.get 1) (i32.const 252)) (local.get 2))
               (i32.add (local.get 1) (i32.shl (local.get 0) (i32.const 2)))
               (local.set 2 (i32.shl (local.get 0) (i32.const 2)))
               (i32.add (i32.add (local.get 1) (local.get 0)) (local.get 2))
               (i32.load (i32.add (local.get 0) (local.get 1)))
               (local.set 2 (i32.add (local.get 0) (local.get 1)))
               (i32.add (i32.load (local.get 0)) (local.get 2)))
             (func (export "floats") (param f64 f64 i32) (result f64 f64 f64 f64)
               (local f64)
               (f64.mul (f64.mul (local.get 0) (local.get 1)) (local.get 1))
               (local.set 3 (f64.mul (local.get 0) (local.get 1)))
               (f64.add (f64.mul (local.get 1) (local.get 1)) (local.get 3))
               (f64.store (local.get 2) (f64.add (local.get 0) (local.get 1)))
               (f64.load (local.get 2))
               (f64.mul (f64.load offset=8 (local.get 2)) (local.get 0)))
             (data (i32.const 8) "\00\00\00\00\00\00\00\40")
             (data (i32.const 16) "\01\02\03\04\05\06\07\08\09"))"#,
    );
    let ints = inst
        .get_typed_func::<(u32, u32), (u32, u32, u32, u32, u32, u32)>(&store, "ints")
        .unwrap();
    // The data: an f64 2.0 at 8, bytes 1..=9 at 16.
    let byte = |a: u32| match a {
        15 => 0x40,
        16..=24 => (a - 15) as u8,
        _ => 0,
    };
    let load = |a: u32| u32::from_le_bytes([0, 1, 2, 3].map(|i| byte(a + i)));
    for (x, y) in [(0u32, 0u32), (16, 1), (13, 5), (1000, 7), (60000, 17)] {
        let got = ints.call(&mut store, (x, y)).unwrap();
        let (sum, shl) = (x.wrapping_add(y), x.wrapping_shl(2));
        let want = (
            (x >> 3) & 252,
            (y & 252).wrapping_add(x >> 3),
            y.wrapping_add(shl),
            y.wrapping_add(x).wrapping_add(shl),
            load(sum),
            load(x).wrapping_add(sum),
        );
        assert_eq!(got, want, "{x} {y}");
    }
    let floats = inst
        .get_typed_func::<(f64, f64, i32), (f64, f64, f64, f64)>(&store, "floats")
        .unwrap();
    let (a, b) = (1.5, -3.0);
    assert_eq!(
        floats.call(&mut store, (a, b, 0)).unwrap(),
        (a * b * b, b * b + a * b, a + b, 2.0 * a)
    );
}

#[test]
fn pairs_with_the_first_result_twice_or_not_at_all_keep_their_semantics() {
    // The second op reads the first's result as both operands (one from
    // the register, one from the cell), as its `rhs` only (swapped into
    // `lhs`), or not at all (no pair: a handler would take the register).
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (func (export "f") (param i32 i32) (result i32 i32 i32 i64) (local i32 i64)
               (local.set 2 (i32.and (local.get 0) (i32.const 255)))
               (i32.add (local.get 2) (local.get 2))
               (local.set 2 (i32.rotl (local.get 0) (i32.const 5)))
               (i32.xor (local.get 1) (local.get 2))
               (local.set 2 (i32.shr_u (local.get 0) (i32.const 3)))
               (i32.and (local.get 1) (i32.const 7))
               (local.set 3 (i64.extend_i32_u (local.get 1)))
               (block (result i64)
                 (local.set 3 (i64.add (local.get 3) (i64.const 4)))
                 (br_if 0 (i64.const 1) (i64.ne (i64.extend_i32_u (local.get 0)) (local.get 3)))
                 (drop)
                 (i64.const 2))))"#,
    );
    let f = inst
        .get_typed_func::<(u32, u32), (u32, u32, u32, u64)>(&store, "f")
        .unwrap();
    for (x, y) in [(0u32, 0u32), (4, 0), (300, 9), (u32::MAX, 3), (7, 3)] {
        let want = (
            (x & 255) * 2,
            y ^ x.rotate_left(5),
            y & 7,
            if x as u64 != y as u64 + 4 { 1 } else { 2 },
        );
        assert_eq!(f.call(&mut store, (x, y)).unwrap(), want, "{x} {y}");
    }
}

#[test]
fn locals_read_before_every_way_writes_them_start_at_zero() {
    // `dirty` leaves non-zero values in the cells the next call's locals
    // take; each reader then reads a local that some way to the read does
    // not write (an `if` without `else`, a branch out of a block, a table,
    // a loop's first trip, a catch), and must find zero there; a local
    // written on every way is read after its write.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (tag $e)
             (func $dirty (param i32) (result i64) (local i64 i64 i64 i64)
               (local.set 1 (i64.const 11)) (local.set 2 (i64.const 12))
               (local.set 3 (i64.const 13)) (local.set 4 (i64.const 14))
               (i64.add (i64.add (local.get 1) (local.get 2)) (i64.add (local.get 3) (local.get 4))))
             (func $if (param i32) (result i64) (local i64 i64)
               (local.set 2 (i64.const 5))
               (if (local.get 0) (then (local.set 1 (i64.const 7))))
               (i64.add (local.get 1) (local.get 2)))
             (func $if_else (param i32) (result i64) (local i64)
               (if (local.get 0)
                 (then (local.set 1 (i64.const 7)))
                 (else (local.set 1 (i64.const 8))))
               (local.get 1))
             (func $block (param i32) (result i64) (local i64)
               (block
                 (br_if 0 (local.get 0))
                 (local.set 1 (i64.const 7)))
               (local.get 1))
             (func $table (param i32) (result i64) (local i64)
               (block
                 (block (br_table 0 1 (local.get 0)))
                 (local.set 1 (i64.const 7)))
               (local.get 1))
             (func $loop (param i32) (result i64) (local i64 i64)
               (loop
                 (local.set 2 (i64.add (local.get 2) (local.get 1)))
                 (local.set 1 (i64.const 3))
                 (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
               (local.get 2))
             (func $catch (param i32) (result i64) (local i64)
               (block
                 (try_table (catch_all 0)
                   (if (local.get 0) (then (throw $e)))
                   (local.set 1 (i64.const 7))))
               (local.get 1))
             (func (export "run") (param i32 i32) (result i64)
               (drop (call $dirty (i32.const 0)))
               (call_indirect (param i32) (result i64) (local.get 1) (local.get 0)))
             (table 8 funcref)
             (elem (i32.const 0) $if $if_else $block $table $loop $catch))"#,
    );
    let run = inst.get_typed_func::<(i32, i32), i64>(&store, "run").unwrap();
    let cases: [(i32, i32, i64); 12] = [
        (0, 0, 5),
        (0, 1, 12),
        (1, 0, 8),
        (1, 1, 7),
        (2, 1, 0),
        (2, 0, 7),
        (3, 0, 7),
        (3, 1, 0),
        (4, 1, 0),
        (4, 3, 6),
        (5, 1, 0),
        (5, 0, 7),
    ];
    for (func, arg, want) in cases {
        assert_eq!(
            run.call(&mut store, (func, arg)).unwrap(),
            want,
            "function {func} ({arg})"
        );
    }
}

#[test]
fn memory_grown_by_a_callee_is_seen_by_its_callers() {
    // The callee grows memory 0 (itself, through a host function, or both
    // at two levels of calls); each caller then accesses the new page
    // right after the call returns.
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "grow" (func $host_grow (param i32) (result i32)))
             (memory (export "memory") 1 8)
             (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
             (func $grow_via_host (param i32) (result i32) (call $host_grow (local.get 0)))
             (func $nested (result i32)
               (drop (call $grow (i32.const 1)))
               (drop (call $grow_via_host (i32.const 1)))
               (i32.store (i32.const 131072) (i32.const 7))
               (i32.load (i32.const 131072)))
             (func (export "run") (result i32)
               (drop (call $grow (i32.const 1)))
               (i32.store (i32.const 65536) (i32.const 5))
               (i32.add (call $nested) (i32.load (i32.const 65536))))
             (func (export "past") (param i32) (result i32)
               (i32.load (local.get 0))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "grow", |mut caller: Caller<'_, ()>, pages: i32| -> i32 {
            let memory = caller.get_export("memory").unwrap().into_memory().unwrap();
            memory.grow(&mut caller, pages as u64).map_or(-1, |old| old as i32)
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 12);
    // Four pages now: the last word of the fourth is in bounds, the next
    // is not.
    let past = inst.get_typed_func::<i32, i32>(&store, "past").unwrap();
    assert_eq!(past.call(&mut store, 262140).unwrap(), 0);
    assert_eq!(
        trap_code(&past.call(&mut store, 262144).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
}

#[test]
fn first_results_kept_only_in_the_register_are_never_read_from_their_cells() {
    // Pairs whose first result the handler leaves in the register alone
    // (`shr_u` then `and`, `rotl` then `xor`, `f64.convert_i32_s` then a
    // division of a constant, and the word lookup's four ops) are fused
    // only where nothing reads that result again: here it is read again
    // through a `local.tee` (straight on, after a branch, and in the loop
    // around it), and alone.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "shr_and_again") (param $x i32) (result i32) (local $t i32)
               (i32.add (i32.and (local.tee $t (i32.shr_u (local.get $x) (i32.const 3))) (i32.const 0xff)) (local.get $t)))
             (func (export "shr_and_branch") (param $x i32) (result i32) (local $t i32) (local $u i32)
               (local.set $u (i32.and (local.tee $t (i32.shr_u (local.get $x) (i32.const 5))) (i32.const 0x0f)))
               (if (i32.eqz (local.get $u)) (then (return (local.get $t))))
               (i32.add (local.get $u) (i32.const 1000)))
             (func (export "shr_and_loop") (param $x i32) (result i32) (local $t i32) (local $s i32) (local $n i32)
               (local.set $n (i32.const 4))
               (loop $l
                 (local.set $s (i32.add (local.get $s) (local.get $t)))
                 (local.set $s (i32.add (local.get $s)
                   (i32.and (local.tee $t (i32.shr_u (local.get $x) (local.get $n))) (i32.const 0x3f))))
                 (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
               (i32.add (local.get $s) (local.get $t)))
             (func (export "rotl_xor") (param $x i32) (param $y i32) (result i32) (local $t i32)
               (i32.add (i32.xor (local.tee $t (i32.rotl (local.get $x) (i32.const 7))) (local.get $y)) (local.get $t)))
             (func (export "rotl_xor_alone") (param $x i32) (param $y i32) (result i32)
               (i32.xor (i32.rotl (local.get $x) (i32.const 7)) (local.get $y)))
             (func (export "convert_div") (param $x i32) (result f64) (local $t f64)
               (f64.add (f64.div (f64.const 1) (local.tee $t (f64.convert_i32_s (local.get $x)))) (local.get $t)))
             (func (export "lookup") (param $k i32) (result i32) (local $w i32)
               (i32.store (i32.const 64) (i32.const 0x5a5a5a5a))
               (i32.add
                 (i32.load (i32.add (i32.const 64) (i32.and (local.tee $w (i32.shr_u (local.get $k) (i32.const 3))) (i32.const 0x1ffffffc))))
                 (local.get $w))))"#,
    );
    let f = |name: &str| inst.get_typed_func::<u32, u32>(&store, name).unwrap();
    let (again, branch, lp, lookup) = (f("shr_and_again"), f("shr_and_branch"), f("shr_and_loop"), f("lookup"));
    let rotl = inst.get_typed_func::<(u32, u32), u32>(&store, "rotl_xor").unwrap();
    let rotl_alone = inst
        .get_typed_func::<(u32, u32), u32>(&store, "rotl_xor_alone")
        .unwrap();
    let convert = inst.get_typed_func::<u32, f64>(&store, "convert_div").unwrap();
    for x in [0u32, 1, 7, 0x1f, 0x20, 0x1234_5678, 0xdead_beef, u32::MAX] {
        assert_eq!(
            again.call(&mut store, x).unwrap(),
            ((x >> 3) & 0xff).wrapping_add(x >> 3),
            "{x:#x}"
        );
        let (t, u) = (x >> 5, (x >> 5) & 0x0f);
        assert_eq!(
            branch.call(&mut store, x).unwrap(),
            if u == 0 { t } else { u + 1000 },
            "{x:#x}"
        );
        let (mut s, mut t) = (0u32, 0u32);
        for n in (1..=4).rev() {
            s = s.wrapping_add(t);
            t = x >> n;
            s = s.wrapping_add(t & 0x3f);
        }
        assert_eq!(lp.call(&mut store, x).unwrap(), s.wrapping_add(t), "{x:#x}");
        let r = x.rotate_left(7);
        assert_eq!(
            rotl.call(&mut store, (x, 0x0f0f)).unwrap(),
            (r ^ 0x0f0f).wrapping_add(r),
            "{x:#x}"
        );
        assert_eq!(rotl_alone.call(&mut store, (x, 0x0f0f)).unwrap(), r ^ 0x0f0f, "{x:#x}");
        let c = x as i32 as f64;
        assert_eq!(
            convert.call(&mut store, x).unwrap().to_bits(),
            (1.0 / c + c).to_bits(),
            "{x:#x}"
        );
        let k = x % 100;
        let word: u32 = if (k >> 3) & 0x1fff_fffc == 0 { 0x5a5a_5a5a } else { 0 };
        assert_eq!(lookup.call(&mut store, k).unwrap(), word.wrapping_add(k >> 3), "{k}");
    }
}

#[test]
fn pairs_that_can_forward_their_first_result_still_write_it_when_it_is_read_again() {
    // Each pair's first result also goes to a local (`local.tee`) that a
    // later op reads: the pair must write it. The same pairs without the
    // second read are in the tests above (the forwarded forms).
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "load8_store8") (param $s i32) (param $d i32) (result i32) (local $t i32)
               (i32.store8 (local.get $s) (i32.add (local.get $s) (i32.const 0x50)))
               (i32.store8 (local.get $d) (local.tee $t (i32.load8_u (local.get $s))))
               (i32.add (local.get $t) (i32.load8_u (local.get $d))))
             (func (export "load_mul") (param $p i32) (param $y f64) (result f64) (local $t f64)
               (f64.add (f64.mul (local.tee $t (f64.load (local.get $p))) (local.get $y)) (local.get $t)))
             (func (export "mul_mul") (param $x f64) (param $y f64) (result f64) (local $t f64)
               (f64.sub (f64.mul (local.tee $t (f64.mul (local.get $x) (local.get $y))) (local.get $x)) (local.get $t)))
             (func (export "add_mul") (param $x f64) (param $y f64) (result f64) (local $t f64)
               (f64.sub (f64.mul (local.tee $t (f64.add (local.get $x) (local.get $y))) (local.get $y)) (local.get $t)))
             (func (export "mul_add") (param $x f64) (param $y f64) (result f64) (local $t f64)
               (f64.sub (f64.add (local.tee $t (f64.mul (local.get $x) (local.get $y))) (local.get $x)) (local.get $t)))
             (func (export "add_store") (param $x f64) (param $y f64) (result f64) (local $t f64)
               (f64.store (i32.const 8) (local.tee $t (f64.add (local.get $x) (local.get $y))))
               (f64.sub (f64.load (i32.const 8)) (f64.mul (local.get $t) (f64.const 2))))
             (func (export "load_add_store") (param $x f64) (result f64) (local $l f64) (local $s f64)
               (f64.store (i32.const 16) (f64.const 1.5))
               (f64.store (i32.const 16) (local.tee $s (f64.add (local.tee $l (f64.load (i32.const 16))) (local.get $x))))
               (f64.add (f64.mul (local.get $l) (f64.const 3)) (local.get $s)))
             (func (export "shl_load") (param $x i32) (result i32) (local $t i32)
               (i32.store (i32.const 32) (i32.const 1000))
               (i32.add (i32.load (local.tee $t (i32.shl (local.get $x) (i32.const 2)))) (local.get $t)))
             (func (export "add_load") (param $x i32) (param $y i32) (result i32) (local $t i32)
               (i32.store (i32.const 40) (i32.const 2000))
               (i32.add (i32.load (local.tee $t (i32.add (local.get $x) (local.get $y)))) (local.get $t)))
             (func (export "shl_add") (param $x i32) (param $y i32) (result i32) (local $t i32)
               (i32.mul (i32.add (local.tee $t (i32.shl (local.get $x) (i32.const 3))) (local.get $y)) (local.get $t)))
             (func (export "and_add") (param $x i32) (param $y i32) (result i32) (local $t i32)
               (i32.mul (i32.add (local.tee $t (i32.and (local.get $x) (i32.const 0xf0f))) (local.get $y)) (local.get $t))))"#,
    );
    let i2 = |name: &str| inst.get_typed_func::<(u32, u32), u32>(&store, name).unwrap();
    let f2 = |name: &str| inst.get_typed_func::<(f64, f64), f64>(&store, name).unwrap();
    let (load8, add_load, shl_add, and_add) = (i2("load8_store8"), i2("add_load"), i2("shl_add"), i2("and_add"));
    let (mul_mul, add_mul, mul_add, add_store) = (f2("mul_mul"), f2("add_mul"), f2("mul_add"), f2("add_store"));
    let load_mul = inst.get_typed_func::<(u32, f64), f64>(&store, "load_mul").unwrap();
    let load_add_store = inst.get_typed_func::<f64, f64>(&store, "load_add_store").unwrap();
    let shl_load = inst.get_typed_func::<u32, u32>(&store, "shl_load").unwrap();
    for (x, y) in [(0u32, 0u32), (1, 2), (7, 100), (0x1234, 0xffff_0000), (u32::MAX, 3)] {
        let (s, d) = (100 + x % 50, 600 + y % 8);
        assert_eq!(
            load8.call(&mut store, (s, d)).unwrap(),
            2 * ((s + 0x50) & 0xff),
            "{x} {y}"
        );
        assert_eq!(
            add_load.call(&mut store, (x % 8 + 36, 4 - x % 8)).unwrap(),
            2040,
            "{x} {y}"
        );
        assert_eq!(shl_load.call(&mut store, 8).unwrap(), 1032);
        let t = x << 3;
        assert_eq!(
            shl_add.call(&mut store, (x, y)).unwrap(),
            t.wrapping_add(y).wrapping_mul(t),
            "{x} {y}"
        );
        let t = x & 0xf0f;
        assert_eq!(
            and_add.call(&mut store, (x, y)).unwrap(),
            t.wrapping_add(y).wrapping_mul(t),
            "{x} {y}"
        );
        let (a, b) = (x as f64 * 0.75 + 1.0, y as f64 / 3.0 - 2.5);
        let bits = |v: f64| v.to_bits();
        assert_eq!(
            bits(mul_mul.call(&mut store, (a, b)).unwrap()),
            bits((a * b) * a - a * b),
            "{a} {b}"
        );
        assert_eq!(
            bits(add_mul.call(&mut store, (a, b)).unwrap()),
            bits((a + b) * b - (a + b)),
            "{a} {b}"
        );
        assert_eq!(
            bits(mul_add.call(&mut store, (a, b)).unwrap()),
            bits((a * b + a) - a * b),
            "{a} {b}"
        );
        assert_eq!(
            bits(add_store.call(&mut store, (a, b)).unwrap()),
            bits((a + b) - (a + b) * 2.0),
            "{a} {b}"
        );
        assert_eq!(
            bits(load_add_store.call(&mut store, a).unwrap()),
            bits(1.5 * 3.0 + (1.5 + a)),
            "{a}"
        );
        // `load_add_store` left 1.5 + a at 16.
        assert_eq!(
            bits(load_mul.call(&mut store, (16, b)).unwrap()),
            bits((1.5 + a) * b + (1.5 + a)),
            "{a} {b}"
        );
    }
}

#[test]
fn results_the_next_op_takes_from_the_register_are_written_when_read_again() {
    // Single ops whose result the next op takes from the register: kept
    // in the register alone where it is a temporary nothing reads again
    // (the chain of `f64` ops), written where it goes to a local that a
    // later op, after a branch or around a loop, reads.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "chain") (param $x f64) (param $y f64) (result f64)
               (f64.sub (f64.mul (f64.add (local.get $x) (local.get $y)) (local.get $x)) (local.get $y)))
             (func (export "tee_after_branch") (param $x f64) (param $y f64) (result f64) (local $t f64)
               (local.set $x (f64.mul (local.tee $t (f64.sub (local.get $x) (local.get $y))) (local.get $y)))
               (if (f64.lt (local.get $x) (f64.const 0)) (then (return (local.get $t))))
               (f64.sub (local.get $x) (local.get $t)))
             (func (export "loop") (param $n i32) (param $base i32) (result i32) (local $a i32) (local $s i32)
               (loop $l
                 (local.set $s (i32.add (local.get $s) (i32.load (local.tee $a (i32.add (local.get $base) (i32.const 4))))))
                 (i32.store (local.get $a) (local.get $n))
                 (local.set $base (local.get $a))
                 (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
               (i32.add (local.get $s) (local.get $a))))"#,
    );
    let chain = inst.get_typed_func::<(f64, f64), f64>(&store, "chain").unwrap();
    let tee = inst
        .get_typed_func::<(f64, f64), f64>(&store, "tee_after_branch")
        .unwrap();
    let lp = inst.get_typed_func::<(u32, u32), u32>(&store, "loop").unwrap();
    for (x, y) in [(0.0f64, 0.0f64), (1.5, -2.25), (-3.0, 0.5), (1e300, 1e300), (7.0, 11.0)] {
        assert_eq!(
            chain.call(&mut store, (x, y)).unwrap().to_bits(),
            ((x + y) * x - y).to_bits(),
            "{x} {y}"
        );
        let t = x - y;
        let want = if t * y < 0.0 { t } else { t * y - t };
        assert_eq!(
            tee.call(&mut store, (x, y)).unwrap().to_bits(),
            want.to_bits(),
            "{x} {y}"
        );
    }
    // The words after `base` get n, n - 1, ..., 1: the first call reads
    // zeros, the second reads them back; each adds the last address.
    for (n, base) in [(1u32, 1000u32), (5, 2000), (40, 3000)] {
        assert_eq!(lp.call(&mut store, (n, base)).unwrap(), base + 4 * n, "{n}: first pass");
        assert_eq!(
            lp.call(&mut store, (n, base)).unwrap(),
            base + 4 * n + n * (n + 1) / 2,
            "{n}"
        );
    }
}
