//! Functions whose operand stacks hold more than 65,536 values run on every
//! tier. The interpreter names frame cells with 16 bits, so it translates
//! such functions as wide frames (cells beyond that range reached through
//! scratch slots); here every kind of op that reads, writes or passes
//! stack values runs at those depths, and the results must be the ones
//! computed here.

mod common;

use concord::{Config, Engine, Module, Store, Tier, TrapCode};

/// Live values under the deep part of [`program`].
const DEPTH: u32 = 70_000;

/// A function that pushes `DEPTH` values `p + i`, then runs calls,
/// `call_indirect`, `local.tee`, branches carrying values, multi-value
/// results, memory accesses, `select`, a loop with a parameter, a caught
/// exception, `br_table`, `v128` and a `return_call` at that depth, and
/// adds everything up.
fn program() -> String {
    let mut body = String::new();
    for i in 0..DEPTH {
        body.push_str(&format!("local.get $p i32.const {i} i32.add\n"));
    }
    body.push_str(
        r#"
        ;; 1, 2: p - 5 - 3 through a call and call_indirect
        local.get $p i32.const 5 call $sub
        i32.const 3 i32.const 0 call_indirect (type $bin)
        ;; 3, 4: a tee, then a block whose br_if carries the top value
        local.tee $t
        block (param i32) (result i32)
          i32.const 1 i32.add
          local.get $p br_if 0
          i32.const 100 i32.add
        end
        ;; 5: two results, added: 2x + 1
        call $pair i32.add
        ;; 6: through memory
        local.set $t
        i32.const 16 local.get $t i32.store
        i32.const 16 i32.load
        ;; 7: select
        i32.const 7 local.get $p select
        ;; 8: a loop with a parameter: decrement until a multiple of 10
        loop (param i32) (result i32)
          i32.const 1 i32.sub
          local.tee $t
          local.get $t i32.const 10 i32.rem_u
          br_if 0
        end
        ;; 9: an exception whose payload lands at this depth
        block $h (result i32 i32)
          try_table (catch $e $h)
            local.get $p i32.const 11 throw $e
          end
          unreachable
        end
        i32.mul
        ;; 10: br_table on p & 3
        block (result i32)
          block (result i32)
            local.get $p
            local.get $p i32.const 3 i32.and
            br_table 0 1 1
          end
          i32.const 1000 i32.add
        end
        ;; 11: v128
        v128.const i32x4 1 2 3 4
        local.get $p i32x4.splat
        i32x4.add
        i32x4.extract_lane 2
        ;; an if/else with a result
        local.get $p
        if (result i32) i32.const 40 else i32.const 50 end
        "#,
    );
    // Everything pushed: DEPTH values and 5 more, added into one.
    for _ in 0..DEPTH + 4 {
        body.push_str("i32.add\n");
    }
    format!(
        r#"(module
          (type $bin (func (param i32 i32) (result i32)))
          (memory 1)
          (table 1 funcref)
          (elem (i32.const 0) $sub)
          (tag $e (param i32 i32))
          (func $sub (param i32 i32) (result i32) local.get 0 local.get 1 i32.sub)
          (func $pair (param i32) (result i32 i32) local.get 0 local.get 0 i32.const 1 i32.add)
          (func $deep (export "deep") (param $p i32) (result i32) (local $t i32)
            {body})
          ;; the deep function's values passed on by a tail call at depth
          (func (export "tail") (param $p i32) (result i32)
            {tail})
        )"#,
        tail = tail_body(),
    )
}

/// Pushes `DEPTH` values, then tail-calls `$deep` with the last one.
fn tail_body() -> String {
    let mut body = String::new();
    for i in 0..DEPTH {
        body.push_str(&format!("local.get $p i32.const {i} i32.xor\n"));
    }
    body.push_str("return_call $deep\n");
    body
}

/// What `deep(p)` returns, step by step as the program computes it.
fn expected(p: u32) -> u32 {
    let mut sum = 0u32;
    for i in 0..DEPTH {
        sum = sum.wrapping_add(p.wrapping_add(i));
    }
    let x = p.wrapping_sub(8);
    let x = if p != 0 { x.wrapping_add(1) } else { x.wrapping_add(101) };
    let t = x.wrapping_mul(2).wrapping_add(1);
    let mut v = if p != 0 { t } else { 7 };
    loop {
        v = v.wrapping_sub(1);
        if v % 10 == 0 {
            break;
        }
    }
    let caught = p.wrapping_mul(11);
    let table = if p & 3 == 0 { p.wrapping_add(1000) } else { p };
    let lane = p.wrapping_add(3);
    let cond = if p != 0 { 40 } else { 50 };
    [v, caught, table, lane, cond]
        .iter()
        .fold(sum, |a, b| a.wrapping_add(*b))
}

fn configs() -> Vec<(String, Config)> {
    let mut configs = common::tier_configs(&[1, 2], &[]);
    for (_, config) in &mut configs {
        config.wasm_feature("exceptions", true).unwrap();
    }
    configs
}

#[test]
fn deep_operand_stacks_run_on_every_tier() {
    let wat = program();
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &wat).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut store = Store::new(&engine, ());
        let instance = concord::Instance::new(&mut store, &module, &[]).unwrap();
        let deep = instance.get_typed_func::<u32, u32>(&store, "deep").unwrap();
        let tail = instance.get_typed_func::<u32, u32>(&store, "tail").unwrap();
        for p in [0, 1, 6, 0x8000_0003] {
            let got = deep
                .call(&mut store, p)
                .unwrap_or_else(|e| panic!("{name}: deep({p}): {e}"));
            assert_eq!(got, expected(p), "{name}: deep({p})");
        }
        // `tail`'s last value is `p ^ (DEPTH - 1)`.
        let p = 77;
        let got = tail.call(&mut store, p).unwrap_or_else(|e| panic!("{name}: tail: {e}"));
        assert_eq!(got, expected(p ^ (DEPTH - 1)), "{name}: tail({p})");
    }
}

#[test]
fn a_frame_larger_than_the_wasm_stack_is_a_stack_overflow() {
    if !Engine::available_tiers().contains(&Tier::Interp) {
        return;
    }
    let mut config = Config::new();
    config.tier(Tier::Interp).max_wasm_stack(512 << 10);
    config.wasm_feature("exceptions", true).unwrap();
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(&engine, program()).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = concord::Instance::new(&mut store, &module, &[]).unwrap();
    let deep = instance.get_typed_func::<u32, u32>(&store, "deep").unwrap();
    let err = deep.call(&mut store, 1).unwrap_err();
    assert_eq!(err.as_trap().map(|t| t.code()), Some(TrapCode::StackOverflow), "{err}");
}
