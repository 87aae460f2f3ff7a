//! End-to-end tests of the interpreter tier through the core embedding API
//! (the fused ops, result registers and frame set-up: `fused.rs`).

mod common;

use common::{engine, engine_with, instantiate, trap_code};
use concord_core::{Caller, Config, Linker, Module, Store, TrapCode};

#[test]
fn arithmetic() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
            (func (export "addi") (param i32) (result i32) local.get 0 i32.const 7 i32.add)
            (func (export "csub") (param i32) (result i32) i32.const 7 local.get 0 i32.sub)
            (func (export "lt") (param i32) (result i32) i32.const 7 local.get 0 i32.lt_s)
            (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
            (func (export "div3") (param i32) (result i32) local.get 0 i32.const 3 i32.div_u)
            (func (export "rem") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rem_s)
            (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
            (func (export "fmin") (param f32 f32) (result f32) local.get 0 local.get 1 f32.min)
            (func (export "trunc") (param f64) (result i32) local.get 0 i32.trunc_f64_s)
            (func (export "rotl") (param i32 i32) (result i32) local.get 0 local.get 1 i32.rotl)
        )"#,
    );
    let add = inst.get_typed_func::<(i32, i32), i32>(&store, "add").unwrap();
    assert_eq!(add.call(&mut store, (2, 3)).unwrap(), 5);
    assert_eq!(add.call(&mut store, (i32::MAX, 1)).unwrap(), i32::MIN);
    let addi = inst.get_typed_func::<i32, i32>(&store, "addi").unwrap();
    assert_eq!(addi.call(&mut store, 5).unwrap(), 12);
    let csub = inst.get_typed_func::<i32, i32>(&store, "csub").unwrap();
    assert_eq!(csub.call(&mut store, 10).unwrap(), -3);
    let lt = inst.get_typed_func::<i32, i32>(&store, "lt").unwrap();
    assert_eq!(lt.call(&mut store, 10).unwrap(), 1);
    assert_eq!(lt.call(&mut store, 7).unwrap(), 0);
    let div = inst.get_typed_func::<(i32, i32), i32>(&store, "div").unwrap();
    assert_eq!(div.call(&mut store, (-7, 2)).unwrap(), -3);
    assert_eq!(
        trap_code(&div.call(&mut store, (1, 0)).unwrap_err()),
        TrapCode::IntegerDivisionByZero
    );
    assert_eq!(
        trap_code(&div.call(&mut store, (i32::MIN, -1)).unwrap_err()),
        TrapCode::IntegerOverflow
    );
    let div3 = inst.get_typed_func::<i32, i32>(&store, "div3").unwrap();
    assert_eq!(div3.call(&mut store, -1).unwrap(), (u32::MAX / 3) as i32);
    let rem = inst.get_typed_func::<(i32, i32), i32>(&store, "rem").unwrap();
    assert_eq!(rem.call(&mut store, (i32::MIN, -1)).unwrap(), 0);
    let mul = inst.get_typed_func::<(i64, i64), i64>(&store, "mul64").unwrap();
    assert_eq!(mul.call(&mut store, (1 << 40, 3)).unwrap(), 3 << 40);
    let fmin = inst.get_typed_func::<(f32, f32), f32>(&store, "fmin").unwrap();
    assert_eq!(
        fmin.call(&mut store, (0.0, -0.0)).unwrap().to_bits(),
        (-0.0f32).to_bits()
    );
    let trunc = inst.get_typed_func::<f64, i32>(&store, "trunc").unwrap();
    assert_eq!(trunc.call(&mut store, -3.9).unwrap(), -3);
    assert_eq!(
        trap_code(&trunc.call(&mut store, f64::NAN).unwrap_err()),
        TrapCode::BadConversionToInteger
    );
    assert_eq!(
        trap_code(&trunc.call(&mut store, 3e9).unwrap_err()),
        TrapCode::IntegerOverflow
    );
    let rotl = inst.get_typed_func::<(i32, i32), i32>(&store, "rotl").unwrap();
    assert_eq!(rotl.call(&mut store, (0x8000_0001u32 as i32, 33)).unwrap(), 3);
}

#[test]
fn control_flow() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (func $fib (export "fib") (param i32) (result i32)
              local.get 0 i32.const 2 i32.lt_u
              if (result i32) local.get 0
              else
                local.get 0 i32.const 1 i32.sub call $fib
                local.get 0 i32.const 2 i32.sub call $fib
                i32.add
              end)
            (func (export "sum") (param i32) (result i32) (local i32)
              block
                loop
                  local.get 0 i32.eqz br_if 1
                  local.get 1 local.get 0 i32.add local.set 1
                  local.get 0 i32.const 1 i32.sub local.set 0
                  br 0
                end
              end
              local.get 1)
            (func (export "table") (param i32) (result i32)
              block block block
                local.get 0 br_table 0 1 2
              end i32.const 10 return
              end i32.const 20 return
              end i32.const 30)
            (func (export "table_vals") (param i32) (result i32)
              block (result i32)
                block (result i32)
                  i32.const 5 local.get 0 br_table 0 1
                end
                i32.const 100 i32.add
              end)
            (func (export "multi") (param i32 i32) (result i32 i32)
              local.get 0 local.get 1
              block (param i32 i32) (result i32 i32)
                local.set 0 local.set 1
                local.get 0 local.get 1
              end)
            (func (export "swap") (param i32 i32) (result i32 i32) local.get 1 local.get 0)
            (func (export "tee") (param i32) (result i32)
              local.get 0 local.get 0 i32.const 1 i32.add local.tee 0 i32.mul local.get 0 i32.add)
            (func (export "select") (param i32) (result i32)
              i32.const 1 i32.const 2 local.get 0 select)
            (func (export "early") (param i32) (result i32)
              i32.const 5 local.get 0 br_if 0 drop i32.const 9)
            (func (export "if_noelse") (param i32) (result i32)
              i32.const 3
              local.get 0 if (param i32) (result i32) i32.const 4 i32.add end)
        )"#,
    );
    let fib = inst.get_typed_func::<i32, i32>(&store, "fib").unwrap();
    assert_eq!(fib.call(&mut store, 20).unwrap(), 6765);
    let sum = inst.get_typed_func::<i32, i32>(&store, "sum").unwrap();
    assert_eq!(sum.call(&mut store, 100).unwrap(), 5050);
    let table = inst.get_typed_func::<i32, i32>(&store, "table").unwrap();
    assert_eq!(table.call(&mut store, 0).unwrap(), 10);
    assert_eq!(table.call(&mut store, 1).unwrap(), 20);
    assert_eq!(table.call(&mut store, 2).unwrap(), 30);
    assert_eq!(table.call(&mut store, 99).unwrap(), 30);
    let tv = inst.get_typed_func::<i32, i32>(&store, "table_vals").unwrap();
    assert_eq!(tv.call(&mut store, 0).unwrap(), 105);
    assert_eq!(tv.call(&mut store, 1).unwrap(), 5);
    let multi = inst.get_typed_func::<(i32, i32), (i32, i32)>(&store, "multi").unwrap();
    assert_eq!(multi.call(&mut store, (1, 2)).unwrap(), (2, 1));
    let swap = inst.get_typed_func::<(i32, i32), (i32, i32)>(&store, "swap").unwrap();
    assert_eq!(swap.call(&mut store, (1, 2)).unwrap(), (2, 1));
    let tee = inst.get_typed_func::<i32, i32>(&store, "tee").unwrap();
    assert_eq!(tee.call(&mut store, 3).unwrap(), 3 * 4 + 4);
    let select = inst.get_typed_func::<i32, i32>(&store, "select").unwrap();
    assert_eq!(select.call(&mut store, 1).unwrap(), 1);
    assert_eq!(select.call(&mut store, 0).unwrap(), 2);
    let early = inst.get_typed_func::<i32, i32>(&store, "early").unwrap();
    assert_eq!(early.call(&mut store, 1).unwrap(), 5);
    assert_eq!(early.call(&mut store, 0).unwrap(), 9);
    let ifn = inst.get_typed_func::<i32, i32>(&store, "if_noelse").unwrap();
    assert_eq!(ifn.call(&mut store, 1).unwrap(), 7);
    assert_eq!(ifn.call(&mut store, 0).unwrap(), 3);
}

#[test]
fn call_indirect_and_traps() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (type $ii (func (param i32) (result i32)))
            (type $v (func))
            (table 3 funcref)
            (elem (i32.const 0) $double $nop)
            (func $double (type $ii) local.get 0 i32.const 2 i32.mul)
            (func $nop (type $v))
            (func (export "call") (param i32 i32) (result i32)
              local.get 1 local.get 0 call_indirect (type $ii)))"#,
    );
    let call = inst.get_typed_func::<(i32, i32), i32>(&store, "call").unwrap();
    assert_eq!(call.call(&mut store, (0, 21)).unwrap(), 42);
    assert_eq!(
        trap_code(&call.call(&mut store, (1, 0)).unwrap_err()),
        TrapCode::IndirectCallTypeMismatch
    );
    assert_eq!(
        trap_code(&call.call(&mut store, (2, 0)).unwrap_err()),
        TrapCode::UninitializedElement
    );
    assert_eq!(
        trap_code(&call.call(&mut store, (3, 0)).unwrap_err()),
        TrapCode::UndefinedElement
    );
}

#[test]
fn memory_and_grow() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (memory 1 3)
            (data (i32.const 8) "\01\02\03\04")
            (func (export "load") (param i32) (result i32) local.get 0 i32.load offset=4)
            (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_s)
            (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store)
            (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
            (func (export "size") (result i32) memory.size)
            (func (export "fill") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill))"#,
    );
    let load = inst.get_typed_func::<i32, i32>(&store, "load").unwrap();
    assert_eq!(load.call(&mut store, 4).unwrap(), 0x0403_0201);
    assert_eq!(
        trap_code(&load.call(&mut store, 65532).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    assert_eq!(
        trap_code(&load.call(&mut store, -1).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let store_ = inst.get_typed_func::<(i32, i64), ()>(&store, "store").unwrap();
    store_.call(&mut store, (100, -2)).unwrap();
    let load8 = inst.get_typed_func::<i32, i32>(&store, "load8").unwrap();
    assert_eq!(load8.call(&mut store, 100).unwrap(), -2);
    let grow = inst.get_typed_func::<i32, i32>(&store, "grow").unwrap();
    let size = inst.get_typed_func::<(), i32>(&store, "size").unwrap();
    assert_eq!(grow.call(&mut store, 1).unwrap(), 1);
    assert_eq!(size.call(&mut store, ()).unwrap(), 2);
    assert_eq!(load.call(&mut store, 65532).unwrap(), 0);
    assert_eq!(grow.call(&mut store, 5).unwrap(), -1);
    let fill = inst.get_typed_func::<(i32, i32, i32), ()>(&store, "fill").unwrap();
    fill.call(&mut store, (0, 7, 4)).unwrap();
    assert_eq!(
        load.call(&mut store, -4).unwrap_err().as_trap().unwrap().code(),
        TrapCode::MemoryOutOfBounds
    );
    assert_eq!(
        trap_code(&fill.call(&mut store, (131070, 7, 4)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
}

#[test]
fn host_calls_both_directions() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "host" "twice" (func $twice (param i32) (result i32)))
            (import "host" "reenter" (func $reenter (param i32) (result i32)))
            (func (export "square") (param i32) (result i32) local.get 0 local.get 0 i32.mul)
            (func (export "run") (param i32) (result i32)
              local.get 0 call $twice i32.const 1 i32.add)
            (func (export "nested") (param i32) (result i32)
              local.get 0 call $reenter i32.const 1 i32.add))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, 0i32);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "twice", |mut caller: Caller<'_, i32>, x: i32| {
            *caller.data_mut() += 1;
            x * 2
        })
        .unwrap();
    linker
        .func_wrap("host", "reenter", |mut caller: Caller<'_, i32>, x: i32| {
            let square = caller
                .get_export("square")
                .and_then(|e| e.into_func())
                .unwrap()
                .typed::<i32, i32>(&caller)
                .unwrap();
            square.call(&mut caller, x).unwrap()
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let run = inst.get_typed_func::<i32, i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, 20).unwrap(), 41);
    assert_eq!(*store.data(), 1);
    let nested = inst.get_typed_func::<i32, i32>(&store, "nested").unwrap();
    assert_eq!(nested.call(&mut store, 7).unwrap(), 50);
}

#[test]
fn host_trap_gets_wasm_frames() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "host" "fail" (func $fail))
            (func $inner (call $fail))
            (func (export "outer") (call $inner)))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("host", "fail", || -> concord_core::Result<()> {
            Err(concord_core::Trap::host("nope").into())
        })
        .unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let outer = inst.get_typed_func::<(), ()>(&store, "outer").unwrap();
    let err = outer.call(&mut store, ()).unwrap_err();
    let trap = err.as_trap().unwrap();
    let names: Vec<_> = trap.backtrace().iter().map(|f| f.func_name.clone()).collect();
    assert_eq!(names, [Some("inner".to_string()), None]);
}

#[test]
fn trap_backtrace_names_functions() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (func $boom unreachable)
            (func $middle call $boom)
            (func $top (export "top") call $middle))"#,
    );
    let top = inst.get_typed_func::<(), ()>(&store, "top").unwrap();
    let err = top.call(&mut store, ()).unwrap_err();
    let trap = err.as_trap().unwrap();
    assert_eq!(trap.code(), TrapCode::Unreachable);
    let names: Vec<_> = trap.backtrace().iter().map(|f| f.func_name.clone().unwrap()).collect();
    assert_eq!(names, ["boom", "middle", "top"]);
}

#[test]
fn stack_overflow_on_small_thread() {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let (mut store, inst) = instantiate(
                &engine(),
                r#"(module (func $f (export "f") (call $f))
                           (func $g (export "g") (param i64) (result i64)
                             local.get 0 local.get 0 i64.const 1 i64.add call $g i64.add))"#,
            );
            let f = inst.get_typed_func::<(), ()>(&store, "f").unwrap();
            let err = f.call(&mut store, ()).unwrap_err();
            assert_eq!(trap_code(&err), TrapCode::StackOverflow);
            assert_eq!(err.as_trap().unwrap().code().message(), "call stack exhausted");
            let g = inst.get_typed_func::<i64, i64>(&store, "g").unwrap();
            assert_eq!(trap_code(&g.call(&mut store, 0).unwrap_err()), TrapCode::StackOverflow);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn small_value_stack_overflows() {
    let mut config = Config::new();
    config.max_wasm_stack(4096);
    let (mut store, inst) = instantiate(
        &engine_with(&config),
        r#"(module (func $f (export "f") (param i32) (result i32)
             local.get 0 i32.eqz if (result i32) i32.const 0 else
             local.get 0 i32.const 1 i32.sub call $f i32.const 1 i32.add end))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    assert_eq!(f.call(&mut store, 10).unwrap(), 10);
    assert_eq!(
        trap_code(&f.call(&mut store, 10_000).unwrap_err()),
        TrapCode::StackOverflow
    );
}

#[test]
fn fuel_is_exact_and_runs_out() {
    let mut config = Config::new();
    config.consume_fuel(true);
    let engine = engine_with(&config);
    let (mut store, inst) = instantiate(
        &engine,
        r#"(module (func (export "count") (param i32)
             loop
               local.get 0 i32.const 1 i32.sub local.tee 0
               br_if 0
             end))"#,
    );
    let count = inst.get_typed_func::<i32, ()>(&store, "count").unwrap();
    // Entry block: `loop` and `end` are free: 0. Each iteration: local.get,
    // i32.const, i32.sub, local.tee, br_if = 5. After the loop: `end` = 0.
    store.set_fuel(1000).unwrap();
    count.call(&mut store, 10).unwrap();
    assert_eq!(store.get_fuel().unwrap(), 1000 - 50);
    store.set_fuel(49).unwrap();
    let err = count.call(&mut store, 10).unwrap_err();
    assert_eq!(trap_code(&err), TrapCode::OutOfFuel);
    assert_eq!(store.get_fuel().unwrap(), 4);
}

#[test]
fn globals_tables_refs() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
            (global $g (mut i32) (i32.const 5))
            (table $t 2 funcref)
            (func $f (result i32) i32.const 77)
            (elem declare func $f)
            (func (export "bump") (result i32) global.get $g i32.const 1 i32.add global.set $g global.get $g)
            (func (export "tab") (result i32)
              i32.const 1 ref.func $f table.set $t
              i32.const 1 table.get $t ref.is_null
              (table.grow $t (ref.null func) (i32.const 3)) i32.add
              table.size $t i32.add)
            (func (export "callref") (result i32) i32.const 1 call_indirect $t (result i32)))"#,
    );
    let bump = inst.get_typed_func::<(), i32>(&store, "bump").unwrap();
    assert_eq!(bump.call(&mut store, ()).unwrap(), 6);
    assert_eq!(bump.call(&mut store, ()).unwrap(), 7);
    let tab = inst.get_typed_func::<(), i32>(&store, "tab").unwrap();
    assert_eq!(tab.call(&mut store, ()).unwrap(), 2 + 5);
    let callref = inst.get_typed_func::<(), i32>(&store, "callref").unwrap();
    assert_eq!(callref.call(&mut store, ()).unwrap(), 77);
}

#[test]
fn eager_compilation_and_simd() {
    let mut config = Config::new();
    config.lazy_compilation = Some(false);
    let (mut store, inst) = instantiate(
        &engine_with(&config),
        r#"(module
            (memory 1)
            (func (export "dot") (param i32 i32 i32 i32) (result i32)
              (i32x4.extract_lane 2
                (i32x4.add (i32x4.splat (local.get 0))
                  (i32x4.replace_lane 2 (v128.const i32x4 1 2 3 4) (local.get 1)))))
            (func (export "mem") (result i64)
              (v128.store (i32.const 16) (v128.const i64x2 5 6))
              (i64x2.extract_lane 1 (v128.load (i32.const 16)))))"#,
    );
    let dot = inst.get_typed_func::<(i32, i32, i32, i32), i32>(&store, "dot").unwrap();
    assert_eq!(dot.call(&mut store, (10, 20, 0, 0)).unwrap(), 30);
    let mem = inst.get_typed_func::<(), i64>(&store, "mem").unwrap();
    assert_eq!(mem.call(&mut store, ()).unwrap(), 6);
}

#[test]
fn cross_instance_calls() {
    let engine = engine();
    let a = Module::new(
        &engine,
        r#"(module (memory (export "m") 1)
             (func (export "get") (param i32) (result i32) local.get 0 i32.load)
             (func (export "grow") (result i32) i32.const 1 memory.grow))"#,
    )
    .unwrap();
    let b = Module::new(
        &engine,
        r#"(module
             (import "a" "get" (func $get (param i32) (result i32)))
             (import "a" "grow" (func $grow (result i32)))
             (import "a" "m" (memory 1))
             (func (export "run") (result i32)
               (i32.store (i32.const 70000) (i32.const 0))
               i32.const 0)
             (func (export "run2") (result i32)
               (drop (call $grow))
               (i32.store (i32.const 70000) (i32.const 9))
               (call $get (i32.const 70000))))"#,
    );
    let b = b.unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    let ia = linker.instantiate(&mut store, &a).unwrap();
    linker.instance(&mut store, "a", ia).unwrap();
    let ib = linker.instantiate(&mut store, &b).unwrap();
    let run = ib.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(
        trap_code(&run.call(&mut store, ()).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let run2 = ib.get_typed_func::<(), i32>(&store, "run2").unwrap();
    assert_eq!(run2.call(&mut store, ()).unwrap(), 9);
}

#[test]
fn fuel_counts_blocks_across_calls_and_arms() {
    let mut config = Config::new();
    config.consume_fuel(true);
    let engine = engine_with(&config);
    let (mut store, inst) = instantiate(
        &engine,
        r#"(module
             (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
             (func (export "f") (param i32) (result i32)
               local.get 0
               if (result i32)
                 local.get 0 call $inc
               else
                 i32.const 5
               end
               i32.const 1 i32.add))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    // Blocks: entry (local.get, if) = 2; then-arm (local.get, call) = 2;
    // $inc = 3; else-arm (i32.const) = 1; after `end` (i32.const, i32.add) = 2.
    store.set_fuel(100).unwrap();
    assert_eq!(f.call(&mut store, 1).unwrap(), 3);
    assert_eq!(store.get_fuel().unwrap(), 100 - 9);
    store.set_fuel(100).unwrap();
    assert_eq!(f.call(&mut store, 0).unwrap(), 6);
    assert_eq!(store.get_fuel().unwrap(), 100 - 5);
    // A block that cannot be paid for in full does not run: the last block
    // (cost 2) traps with 1 unit left.
    store.set_fuel(8).unwrap();
    assert_eq!(trap_code(&f.call(&mut store, 1).unwrap_err()), TrapCode::OutOfFuel);
    assert_eq!(store.get_fuel().unwrap(), 1);
}

#[test]
fn multi_value_branches_and_tables() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (func (export "pick") (param i32) (result i32 i64)
               block (result i32 i64)
                 block (result i32 i64)
                   i32.const 1 i64.const 2 local.get 0 br_table 0 1
                 end
                 drop drop i32.const 10 i64.const 20
               end)
             (func (export "loop") (param i32) (result i32)
               (local i32)
               i32.const 0 local.get 0
               loop (param i32 i32) (result i32)
                 ;; acc n -> acc+n n-1, until n == 0
                 local.tee 1 i32.add local.get 1 i32.const 1 i32.sub
                 local.tee 1 local.get 1 br_if 0
                 drop
               end))"#,
    );
    let pick = inst.get_typed_func::<i32, (i32, i64)>(&store, "pick").unwrap();
    assert_eq!(pick.call(&mut store, 0).unwrap(), (10, 20));
    assert_eq!(pick.call(&mut store, 1).unwrap(), (1, 2));
    assert_eq!(pick.call(&mut store, 7).unwrap(), (1, 2));
    let lp = inst.get_typed_func::<i32, i32>(&store, "loop").unwrap();
    assert_eq!(lp.call(&mut store, 4).unwrap(), 10);
}

#[test]
fn i64_compare_branches() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (func (export "count") (param i64 i64) (result i64) (local i64)
               block
                 loop
                   local.get 0 local.get 1 i64.ge_s br_if 1
                   local.get 0 i64.const 1 i64.add local.set 0
                   local.get 2 i64.const 1 i64.add local.set 2
                   local.get 2 i64.const 0x100000000 i64.lt_u br_if 0
                 end
               end
               local.get 2))"#,
    );
    let count = inst.get_typed_func::<(i64, i64), i64>(&store, "count").unwrap();
    assert_eq!(count.call(&mut store, (-5, 5)).unwrap(), 10);
    assert_eq!(count.call(&mut store, (i64::MIN, i64::MIN + 3)).unwrap(), 3);
    assert_eq!(count.call(&mut store, (7, -7)).unwrap(), 0);
}

#[test]
fn indirect_calls_to_host_functions_and_externrefs() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
             (import "host" "add" (func $add (param i32 i32) (result i32)))
             (type $bin (func (param i32 i32) (result i32)))
             (table $t 2 funcref)
             (table $refs 1 externref)
             (elem (table $t) (i32.const 0) func $add $sub)
             (func $sub (type $bin) local.get 0 local.get 1 i32.sub)
             (func (export "apply") (param i32 i32 i32) (result i32)
               local.get 1 local.get 2 local.get 0 call_indirect $t (type $bin))
             (func (export "keep") (param externref) (table.set $refs (i32.const 0) (local.get 0)))
             (func (export "get") (result externref) (table.get $refs (i32.const 0))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker.func_wrap("host", "add", |a: i32, b: i32| a + b).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let apply = inst.get_typed_func::<(i32, i32, i32), i32>(&store, "apply").unwrap();
    assert_eq!(apply.call(&mut store, (0, 40, 2)).unwrap(), 42);
    assert_eq!(apply.call(&mut store, (1, 40, 2)).unwrap(), 38);
    let value = concord_core::ExternRef::new(&mut store, "payload");
    let keep = inst
        .get_typed_func::<Option<concord_core::ExternRef>, ()>(&store, "keep")
        .unwrap();
    keep.call(&mut store, Some(value)).unwrap();
    let get = inst
        .get_typed_func::<(), Option<concord_core::ExternRef>>(&store, "get")
        .unwrap();
    let back = get.call(&mut store, ()).unwrap().unwrap();
    assert_eq!(back.data(&store).downcast_ref::<&str>(), Some(&"payload"));
}

#[test]
fn bulk_memory_and_segments() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (memory 1)
             (data $d "\01\02\03\04\05")
             (table 4 funcref)
             (elem $e func $f $f)
             (func $f (result i32) i32.const 9)
             (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
             (func (export "drop") (data.drop $d))
             (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
             (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
             (func (export "tinit") (param i32) (table.init $e (local.get 0) (i32.const 0) (i32.const 2)))
             (func (export "edrop") (elem.drop $e))
             (func (export "tcall") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))"#,
    );
    let init = inst.get_typed_func::<(i32, i32, i32), ()>(&store, "init").unwrap();
    let copy = inst.get_typed_func::<(i32, i32, i32), ()>(&store, "copy").unwrap();
    let load = inst.get_typed_func::<i32, i32>(&store, "load").unwrap();
    init.call(&mut store, (10, 0, 5)).unwrap();
    copy.call(&mut store, (12, 10, 5)).unwrap(); // overlapping, forwards
    let bytes: Vec<i32> = (10..17).map(|a| load.call(&mut store, a).unwrap()).collect();
    assert_eq!(bytes, [1, 2, 1, 2, 3, 4, 5]);
    assert_eq!(
        trap_code(&init.call(&mut store, (0, 3, 3)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    inst.get_typed_func::<(), ()>(&store, "drop")
        .unwrap()
        .call(&mut store, ())
        .unwrap();
    init.call(&mut store, (0, 0, 0)).unwrap();
    assert_eq!(
        trap_code(&init.call(&mut store, (0, 0, 1)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    let tinit = inst.get_typed_func::<i32, ()>(&store, "tinit").unwrap();
    let tcall = inst.get_typed_func::<i32, i32>(&store, "tcall").unwrap();
    assert_eq!(
        trap_code(&tcall.call(&mut store, 2).unwrap_err()),
        TrapCode::UninitializedElement
    );
    tinit.call(&mut store, 2).unwrap();
    assert_eq!(tcall.call(&mut store, 3).unwrap(), 9);
    assert_eq!(
        trap_code(&tinit.call(&mut store, 3).unwrap_err()),
        TrapCode::TableOutOfBounds
    );
    inst.get_typed_func::<(), ()>(&store, "edrop")
        .unwrap()
        .call(&mut store, ())
        .unwrap();
    assert_eq!(
        trap_code(&tinit.call(&mut store, 0).unwrap_err()),
        TrapCode::TableOutOfBounds
    );
}

#[test]
fn v128_values_move_through_locals_globals_and_select() {
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module
             (global $g (mut v128) (v128.const i64x2 1 2))
             (func $pick (param v128 v128 i32) (result v128)
               local.get 0 local.get 1 local.get 2 select)
             (func (export "run") (param i32) (result i64) (local v128)
               (local.set 1 (call $pick (global.get $g) (v128.const i64x2 3 4) (local.get 0)))
               (global.set $g (i64x2.add (local.get 1) (local.get 1)))
               (i64x2.extract_lane 1 (global.get $g))))"#,
    );
    let run = inst.get_typed_func::<i32, i64>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, 1).unwrap(), 4);
    assert_eq!(run.call(&mut store, 0).unwrap(), 8);
    assert_eq!(run.call(&mut store, 1).unwrap(), 8 * 2);
}

#[test]
fn frames_beyond_the_slot_range_run() {
    // 50,000 locals (the validator's maximum) plus 16,000 operands exceed
    // the 32,767 cells a `Slot` names: the function is translated as a wide
    // frame, eagerly or on its first call, and computes what it should.
    let n = 16_000u32;
    let mut wat = String::from("(module (func (export \"big\") (param i32) (result i32) (local");
    wat.push_str(&" i32".repeat(49_999));
    wat.push(')');
    for i in 0..n {
        wat.push_str(&format!(" local.get 0 i32.const {i} i32.add"));
    }
    // The deepest value goes to the last local and back.
    wat.push_str(" local.set 49999 local.get 49999");
    wat.push_str(&" i32.add".repeat(n as usize - 1));
    wat.push_str("))");
    let expected = |p: u32| (0..n).fold(0u32, |s, i| s.wrapping_add(p.wrapping_add(i)));
    let mut eager = Config::new();
    eager.lazy_compilation = Some(false);
    for engine in [engine_with(&eager), engine()] {
        let (mut store, inst) = instantiate(&engine, &wat);
        let big = inst.get_typed_func::<u32, u32>(&store, "big").unwrap();
        for p in [0, 3, u32::MAX] {
            assert_eq!(big.call(&mut store, p).unwrap(), expected(p));
        }
    }
}

#[test]
fn far_locals_keep_their_values() {
    // Locals past the 32,759 that ops name directly live after the wide
    // frame's scratch slots: set from a constant, a local, an operand and
    // a `local.tee`, of every type, they read back what was written, and
    // every call (recursive ones too) starts them at zero.
    let mut wat =
        String::from("(module (func $f (export \"f\") (param $p i32) (param $q i64) (result i64) (local $near f64)");
    wat.push_str(&" (local i32)".repeat(40_000));
    wat.push_str(
        " (local $fi i32) (local $fj i64) (local $fd f64) (local $fv v128) (local $fk i32)
          ;; Zero on entry, whatever an earlier call left there.
          (if (i32.or (local.get $fi) (i32.wrap_i64 (i64.or (local.get $fj) (i64.reinterpret_f64 (local.get $fd)))))
            (then (unreachable)))
          (if (v128.any_true (local.get $fv)) (then (unreachable)))
          (local.set $fi (i32.const 7))
          (local.set $fj (local.get $q))
          (local.set $near (f64.const 0.5))
          (local.set $fd (local.get $near))
          (local.set $fv (i64x2.splat (i64.add (local.get $q) (i64.const 1))))
          (local.set $fk (i32.add (local.tee $fi (i32.add (local.get $fi) (local.get $p))) (i32.const 1)))
          ;; Recursion: the callee's far locals are its own.
          (if (i32.gt_u (local.get $p) (i32.const 0))
            (then (drop (call $f (i32.sub (local.get $p) (i32.const 1)) (i64.const 99)))))
          (i64.add
            (i64.add (i64.extend_i32_u (local.get $fi)) (i64.extend_i32_u (local.get $fk)))
            (i64.add
              (i64.add (local.get $fj) (i64.trunc_f64_s (f64.mul (local.get $fd) (f64.const 4))))
              (i64x2.extract_lane 1 (local.get $fv))))))",
    );
    // fi = 7 + p, fk = fi + 1, fj = q, fd * 4 = 2, lane 1 = q + 1.
    let expected = |p: u32, q: i64| (7 + p as i64) + (8 + p as i64) + q + 2 + q + 1;
    let mut eager = Config::new();
    eager.lazy_compilation = Some(false);
    for engine in [engine_with(&eager), engine()] {
        let (mut store, inst) = instantiate(&engine, &wat);
        let f = inst.get_typed_func::<(u32, i64), i64>(&store, "f").unwrap();
        for (p, q) in [(0, 5), (3, -1), (1, 1 << 40)] {
            assert_eq!(f.call(&mut store, (p, q)).unwrap(), expected(p, q));
        }
    }
}

#[test]
fn hot_simd_ops_run_inline() {
    // The ops with their own dispatch entry (`v128.load`/`store`,
    // `f32x4.add/sub/mul`, `i32x4.add/sub`, constant `i32x4.shl/shr_u`)
    // give the reference results, including out-of-bounds traps and shift
    // counts at or above the lane width.
    let (mut store, inst) = instantiate(
        &engine(),
        r#"(module (memory 1)
             (func (export "f") (param $a i32) (result i32)
               (v128.store (i32.const 32)
                 (f32x4.sub
                   (f32x4.add (f32x4.mul (v128.load (local.get $a)) (f32x4.splat (f32.const 2)))
                              (f32x4.splat (f32.const 1)))
                   (f32x4.splat (f32.const 0.5))))
               (i32x4.extract_lane 3
                 (i32x4.sub
                   (i32x4.add (i32x4.shl (i32x4.splat (i32.const 3)) (i32.const 33))
                              (i32x4.shr_u (i32x4.splat (i32.const -1)) (i32.const 60)))
                   (i32x4.splat (i32.trunc_f32_s (f32.load (i32.const 44)))))))
             (data (i32.const 0) "\00\00\80\3f\00\00\00\40\00\00\40\40\00\00\80\40"))"#,
    );
    let f = inst.get_typed_func::<i32, i32>(&store, "f").unwrap();
    // lane 3: 4.0 * 2 + 1 - 0.5 = 8.5 -> 8; 3 << 1 = 6; -1 >> 28 = 15; 6 + 15 - 8 = 13.
    assert_eq!(f.call(&mut store, 0).unwrap(), 13);
    assert_eq!(
        trap_code(&f.call(&mut store, 65536 - 15).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
}
