//! The embedding API end to end: engines, modules, stores, linkers, host
//! functions in both directions, memories, tables, globals, traps, fuel.

use concord::{
    Caller, Config, Engine, Extern, ExternRef, Func, FuncType, Global, GlobalType, Linker, Memory, MemoryType, Module,
    Mutability, Ref, RefType, Store, Table, TableType, TrapCode, Val, ValType,
};

fn engine() -> Engine {
    Engine::new(&Config::new()).unwrap()
}

#[test]
fn typed_calls_and_results() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
            (func (export "swap") (param i64 f64) (result f64 i64) local.get 1 local.get 0)
            (func (export "none")))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let add = instance.get_typed_func::<(i32, i32), i32>(&store, "add").unwrap();
    assert_eq!(add.call(&mut store, (40, 2)).unwrap(), 42);
    assert_eq!(add.call(&mut store, (i32::MAX, 1)).unwrap(), i32::MIN);
    let swap = instance
        .get_typed_func::<(i64, f64), (f64, i64)>(&store, "swap")
        .unwrap();
    assert_eq!(swap.call(&mut store, (7, 1.5)).unwrap(), (1.5, 7));
    instance
        .get_typed_func::<(), ()>(&store, "none")
        .unwrap()
        .call(&mut store, ())
        .unwrap();
    // Wrong static types are rejected with a message naming the real type.
    let err = instance.get_typed_func::<i32, i32>(&store, "add").unwrap_err();
    assert!(err.to_string().contains("(param i32 i32) (result i32)"), "{err}");
    // Dynamic calls check argument types.
    let f = instance.get_func(&store, "add").unwrap();
    let mut out = [Val::I32(0)];
    f.call(&mut store, &[Val::I32(1), Val::I32(2)], &mut out).unwrap();
    assert_eq!(out[0], Val::I32(3));
    assert!(f.call(&mut store, &[Val::I64(1), Val::I32(2)], &mut out).is_err());
    assert!(f.call(&mut store, &[Val::I32(1)], &mut out).is_err());
}

#[test]
fn raw_calls_by_function_and_by_raw_reference() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let div = instance.get_func(&store, "div").unwrap();
    let raw = div.to_raw(&store);
    let mut cells = [concord::RawVal::from_i32(-42), concord::RawVal::from_i32(5)];
    // SAFETY: two `i32` arguments, room for the one result.
    unsafe { div.call_raw(&mut store, &mut cells) }.unwrap();
    assert_eq!(cells[0].i32(), -8);
    let mut cells = [concord::RawVal::from_i32(-42), concord::RawVal::from_i32(-6)];
    // SAFETY: as above; `raw` is the word of a function of this store.
    unsafe { Func::call_raw_ref(&mut store, raw, &mut cells) }.unwrap();
    assert_eq!(cells[0].i32(), 7);
    let mut cells = [concord::RawVal::from_i32(1), concord::RawVal::from_i32(0)];
    // SAFETY: as above.
    let err = unsafe { Func::call_raw_ref(&mut store, raw, &mut cells) }.unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), TrapCode::IntegerDivisionByZero);
}

#[test]
fn host_functions_see_caller_memory_and_data() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "sum_bytes" (func $sum (param i32 i32) (result i32)))
            (memory (export "memory") 1)
            (data (i32.const 16) "\01\02\03\04")
            (func (export "run") (result i32) (call $sum (i32.const 16) (i32.const 4))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, 0u32);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap(
            "env",
            "sum_bytes",
            |mut caller: Caller<'_, u32>, ptr: i32, len: i32| -> i32 {
                *caller.data_mut() += 1;
                let mem = caller.get_export("memory").unwrap().into_memory().unwrap();
                let bytes = &mem.data(&caller)[ptr as usize..(ptr + len) as usize];
                bytes.iter().map(|b| *b as i32).sum()
            },
        )
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let run = instance.get_typed_func::<(), i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, ()).unwrap(), 10);
    assert_eq!(run.call(&mut store, ()).unwrap(), 10);
    assert_eq!(*store.data(), 2);
}

#[test]
fn host_errors_and_traps_propagate_with_backtraces() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module $m
            (import "env" "fail" (func $fail))
            (func $inner (export "inner") unreachable)
            (func $outer (export "outer") call $inner)
            (func (export "host") call $fail))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap("env", "fail", || -> concord::Result<()> {
            Err(concord::Error::usage("boom from host"))
        })
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let outer = instance.get_typed_func::<(), ()>(&store, "outer").unwrap();
    let err = outer.call(&mut store, ()).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.code(), TrapCode::Unreachable);
    let names: Vec<_> = trap.backtrace().iter().map(|f| f.func_name.clone()).collect();
    assert_eq!(names, vec![Some("inner".to_string()), Some("outer".to_string())]);
    assert!(err.to_string().contains("wasm backtrace"), "{err}");
    let host = instance.get_typed_func::<(), ()>(&store, "host").unwrap();
    let err = host.call(&mut store, ()).unwrap_err();
    assert!(err.to_string().contains("boom from host"), "{err}");
    // The store is usable after traps.
    assert!(outer.call(&mut store, ()).is_err());
}

#[test]
fn wasm_calls_host_calls_wasm() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "reenter" (func $reenter (param i32) (result i32)))
            (func $fact (export "fact") (param i32) (result i32)
              (if (result i32) (i32.le_s (local.get 0) (i32.const 1))
                (then (i32.const 1))
                (else (i32.mul (local.get 0) (call $reenter (i32.sub (local.get 0) (i32.const 1))))))))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, None::<Func>);
    let mut linker = Linker::new(&engine);
    linker
        .func_wrap(
            "env",
            "reenter",
            |mut caller: Caller<'_, Option<Func>>, n: i32| -> concord::Result<i32> {
                let fact = caller.data().unwrap();
                let mut out = [Val::I32(0)];
                fact.call(&mut caller, &[Val::I32(n)], &mut out)?;
                Ok(out[0].i32().unwrap())
            },
        )
        .unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let fact = instance.get_func(&store, "fact").unwrap();
    *store.data_mut() = Some(fact);
    let typed = fact.typed::<i32, i32>(&store).unwrap();
    assert_eq!(typed.call(&mut store, 10).unwrap(), 3628800);
}

#[test]
fn dynamic_host_function() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let ty = FuncType::new([ValType::I64, ValType::I64], [ValType::I64]);
    let f = Func::new(&mut store, ty, |_caller, params, results| {
        results[0] = Val::I64(params[0].i64().unwrap() * params[1].i64().unwrap());
        Ok(())
    });
    let module = Module::new(
        &engine,
        r#"(module (import "" "mul" (func $mul (param i64 i64) (result i64)))
            (func (export "sq") (param i64) (result i64) (call $mul (local.get 0) (local.get 0))))"#,
    )
    .unwrap();
    let instance = concord::Instance::new(&mut store, &module, &[Extern::Func(f)]).unwrap();
    let sq = instance.get_typed_func::<i64, i64>(&store, "sq").unwrap();
    assert_eq!(sq.call(&mut store, 12).unwrap(), 144);
}

#[test]
fn memories_tables_globals_from_the_host() {
    let engine = engine();
    let mut store = Store::new(&engine, ());
    let memory = Memory::new(&mut store, MemoryType::new(1, Some(3))).unwrap();
    let global = Global::new(
        &mut store,
        GlobalType {
            content: ValType::I32,
            mutability: Mutability::Var,
        },
        Val::I32(5),
    )
    .unwrap();
    let table = Table::new(&mut store, TableType::new(RefType::FuncRef, 2, None), Ref::Func(None)).unwrap();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "mem" (memory 1))
            (import "env" "g" (global $g (mut i32)))
            (import "env" "t" (table 2 funcref))
            (func $seven (result i32) i32.const 7)
            (elem (i32.const 1) $seven)
            (func (export "bump") (result i32)
              (global.set $g (i32.add (global.get $g) (i32.const 1)))
              (i32.store (i32.const 100) (global.get $g))
              (memory.grow (i32.const 1))))"#,
    )
    .unwrap();
    let mut linker = Linker::new(&engine);
    linker.define("env", "mem", memory).unwrap();
    linker.define("env", "g", global).unwrap();
    linker.define("env", "t", table).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let bump = instance.get_typed_func::<(), i32>(&store, "bump").unwrap();
    assert_eq!(bump.call(&mut store, ()).unwrap(), 1);
    assert_eq!(global.get(&store), Val::I32(6));
    assert_eq!(memory.data(&store)[100], 6);
    assert_eq!(memory.size(&store), 2);
    assert_eq!(bump.call(&mut store, ()).unwrap(), 2);
    assert_eq!(bump.call(&mut store, ()).unwrap(), -1, "maximum of 3 pages");
    // The element segment wrote a function into the imported table.
    let Some(Ref::Func(Some(seven))) = table.get(&store, 1) else {
        panic!("table[1] is not a function")
    };
    assert_eq!(seven.typed::<(), i32>(&store).unwrap().call(&mut store, ()).unwrap(), 7);
    assert_eq!(table.get(&store, 0), Some(Ref::Func(None)));
    assert_eq!(table.get(&store, 2), None);
    // Writes through the API are seen by Wasm.
    memory.write(&mut store, 100, &[42, 0, 0, 0]).unwrap();
    let mut buf = [0u8; 4];
    memory.read(&store, 100, &mut buf).unwrap();
    assert_eq!(buf, [42, 0, 0, 0]);
    assert!(memory.write(&mut store, 3 * 65536, &[1]).is_err());
    // Type checks on import.
    let bad = Module::new(&engine, r#"(module (import "env" "g" (global i64)))"#).unwrap();
    let err = linker.instantiate(&mut store, &bad).unwrap_err();
    assert!(err.to_string().contains("env::g"), "{err}");
}

#[test]
fn externrefs_round_trip() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module (func (export "id") (param externref) (result externref) local.get 0)
                   (func (export "is_null") (param externref) (result i32) local.get 0 ref.is_null))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    let r = ExternRef::new(&mut store, String::from("hello"));
    let id = instance
        .get_typed_func::<Option<ExternRef>, Option<ExternRef>>(&store, "id")
        .unwrap();
    let back = id.call(&mut store, Some(r)).unwrap().unwrap();
    assert_eq!(back.data(&store).downcast_ref::<String>().unwrap(), "hello");
    let is_null = instance
        .get_typed_func::<Option<ExternRef>, i32>(&store, "is_null")
        .unwrap();
    assert_eq!(is_null.call(&mut store, None).unwrap(), 1);
    assert_eq!(is_null.call(&mut store, Some(r)).unwrap(), 0);
}

#[test]
fn link_errors_name_the_import() {
    let engine = engine();
    let module = Module::new(&engine, r#"(module (import "wasi" "fd_write" (func (param i32))))"#).unwrap();
    let mut store = Store::new(&engine, ());
    let err = Linker::new(&engine).instantiate(&mut store, &module).unwrap_err();
    assert!(err.to_string().contains("wasi::fd_write"), "{err}");
    assert!(err.as_link().is_some());
}

#[test]
fn fuel_is_counted_and_exhausts() {
    let mut config = Config::new();
    config.consume_fuel(true);
    let engine = Engine::new(&config).unwrap();
    let module = Module::new(
        &engine,
        r#"(module
            (func (export "spin") (loop br 0))
            (func (export "count") (param i32) (result i32)
              (local i32)
              (block (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br 0)))
              local.get 1))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
    store.set_fuel(1_000_000).unwrap();
    let count = instance.get_typed_func::<i32, i32>(&store, "count").unwrap();
    assert_eq!(count.call(&mut store, 10).unwrap(), 10);
    let used_10 = 1_000_000 - store.get_fuel().unwrap();
    store.set_fuel(1_000_000).unwrap();
    assert_eq!(count.call(&mut store, 20).unwrap(), 20);
    let used_20 = 1_000_000 - store.get_fuel().unwrap();
    // Each iteration costs the same: eqz, br_if, 3 for the add, local.set,
    // 3 for the sub, local.set, br = 12 operators (local.get/const count 1).
    assert_eq!(used_20 - used_10, 10 * 12, "used {used_10} for 10, {used_20} for 20");
    store.set_fuel(1000).unwrap();
    let spin = instance.get_typed_func::<(), ()>(&store, "spin").unwrap();
    let err = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(err.as_trap().unwrap().code(), TrapCode::OutOfFuel);
    assert_eq!(store.get_fuel().unwrap(), 0);
    // Fuel must be enabled to be set.
    let mut plain = Store::new(&self::engine(), ());
    assert!(plain.set_fuel(10).is_err());
}

#[test]
fn features_can_be_switched_off() {
    let mut config = Config::new();
    config.wasm_feature("simd", false).unwrap();
    let engine = Engine::new(&config).unwrap();
    let err = Module::new(&engine, r#"(module (func (result v128) v128.const i64x2 0 0))"#).unwrap_err();
    assert!(err.to_string().to_lowercase().contains("simd"), "{err}");
    let mut v1 = Config::new();
    v1.wasm_version(concord::WasmVersion::V1);
    let engine = Engine::new(&v1).unwrap();
    assert!(Module::new(&engine, r#"(module (func (result i32 i32) i32.const 1 i32.const 2))"#).is_err());
    let mut bad = Config::new();
    bad.wasm_feature("gc", true).unwrap();
    let err = Engine::new(&bad).unwrap_err();
    assert!(err.to_string().contains("gc"), "{err}");
}

#[test]
fn modules_describe_imports_and_exports() {
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module $named (import "a" "b" (func (param i32))) (memory (export "mem") 1 2)
            (global (export "g") i64 (i64.const 1)))"#,
    )
    .unwrap();
    assert_eq!(module.name(), Some("named"));
    let imports: Vec<_> = module.imports().map(|(m, n, t)| format!("{m}::{n} {t}")).collect();
    assert_eq!(imports, vec!["a::b (func (param i32))"]);
    let exports: Vec<_> = module.exports().map(|(n, t)| format!("{n} {t}")).collect();
    assert_eq!(exports, vec!["mem (memory 1 2)", "g (global i64)"]);
}

#[test]
fn one_linker_places_its_host_functions_in_each_store() {
    // The linker keeps each host closure once and places it in every store
    // that instantiates against it: state the closure captures is shared,
    // the store data it is handed is each store's own.
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "bump" (func $bump (param i32) (result i32)))
            (import "env" "twice" (func $twice (param i64) (result i64)))
            (func (export "run") (param i32) (result i64)
                (i64.add
                    (i64.extend_i32_u (call $bump (local.get 0)))
                    (call $twice (i64.extend_i32_u (local.get 0))))))"#,
    )
    .unwrap();
    let calls = Arc::new(AtomicU32::new(0));
    let mut linker = Linker::<u32>::new(&engine);
    let counter = calls.clone();
    linker
        .func_wrap("env", "bump", move |mut caller: Caller<'_, u32>, x: i32| {
            counter.fetch_add(1, Ordering::SeqCst);
            *caller.data_mut() += 1;
            x + *caller.data() as i32
        })
        .unwrap();
    linker
        .func_new(
            "env",
            "twice",
            FuncType::new([ValType::I64], [ValType::I64]),
            |_, params, results| {
                let Val::I64(x) = params[0] else {
                    panic!("twice got {:?}", params[0]);
                };
                results[0] = Val::I64(x * 2);
                Ok(())
            },
        )
        .unwrap();
    let mut a = Store::new(&engine, 100);
    let mut b = Store::new(&engine, 200);
    let run_a = linker
        .instantiate(&mut a, &module)
        .unwrap()
        .get_typed_func::<i32, i64>(&a, "run")
        .unwrap();
    let run_b = linker
        .instantiate(&mut b, &module)
        .unwrap()
        .get_typed_func::<i32, i64>(&b, "run")
        .unwrap();
    // bump: x + (data after the increment); twice: 2x.
    assert_eq!(run_a.call(&mut a, 1).unwrap(), 1 + 101 + 2);
    assert_eq!(run_b.call(&mut b, 1).unwrap(), 1 + 201 + 2);
    assert_eq!(run_a.call(&mut a, 5).unwrap(), 5 + 102 + 10);
    // A second instance in the same store reuses the placed functions.
    let run_a2 = linker
        .instantiate(&mut a, &module)
        .unwrap()
        .get_typed_func::<i32, i64>(&a, "run")
        .unwrap();
    assert_eq!(run_a2.call(&mut a, 0).unwrap(), 103);
    assert_eq!((*a.data(), *b.data()), (103, 201));
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

/// Under Wasm 3.0 a constant expression may read an immutable global the
/// module defines before it; what else GC brings (its heap types,
/// operators, recursive groups and subtypes) is refused as not supported,
/// and under Wasm 2.0 the constant expression is still invalid.
#[test]
fn wasm3_constant_expressions_read_defined_globals_and_gc_is_refused() {
    let mut config = Config::new();
    config.wasm_version(concord::WasmVersion::V3);
    let v3 = Engine::new(&config).unwrap();
    let m = Module::new(
        &v3,
        r#"(module
             (global $a i32 (i32.const 40))
             (global $b (export "b") i32 (i32.add (global.get $a) (i32.const 2)))
             (memory 1)
             (data (offset (global.get $a)) "x"))"#,
    )
    .unwrap();
    let mut store = Store::new(&v3, ());
    let i = concord::Instance::new(&mut store, &m, &[]).unwrap();
    let b = i.get_global(&store, "b").unwrap();
    assert_eq!(b.get(&store), Val::I32(42));
    for gc in [
        "(module (func (drop (ref.i31 (i32.const 1)))))",
        "(module (func (local anyref)))",
        "(module (func (drop (ref.null any))))",
        "(module (func (param externref) (drop (any.convert_extern (local.get 0)))))",
        "(module (rec (type (func)) (type (func))))",
        "(module (type $t (sub (func))) (type (sub $t (func))))",
        "(module (type (struct)))",
    ] {
        let err = Module::new(&v3, gc).expect_err(gc).to_string();
        assert!(err.contains("not supported") || err.contains("gc"), "{gc}: {err}");
    }
    let mut config = Config::new();
    config.wasm_version(concord::WasmVersion::V2);
    let v2 = Engine::new(&config).unwrap();
    let err = Module::new(
        &v2,
        "(module (global $a i32 (i32.const 1)) (global i32 (global.get $a)))",
    )
    .expect_err("Wasm 2.0")
    .to_string();
    assert!(err.contains("constant expression required"), "{err}");
}

/// A reference from another store is an error wherever a value goes into a
/// store (globals, tables, arguments, host results), never a panic.
#[test]
fn references_from_another_store_are_errors() {
    let engine = engine();
    let mut other = Store::new(&engine, ());
    let foreign_func = Func::wrap(&mut other, |x: i32| x);
    let foreign_extern = ExternRef::new(&mut other, 7u32);
    let mut store = Store::new(&engine, ());
    let wrong = |r: concord::Result<()>, what: &str| {
        let e = r.expect_err(what);
        assert!(e.to_string().contains("wrong store"), "{what}: {e}");
    };
    for v in [Val::FuncRef(Some(foreign_func)), Val::ExternRef(Some(foreign_extern))] {
        let ty = GlobalType {
            content: v.ty(),
            mutability: Mutability::Var,
        };
        wrong(Global::new(&mut store, ty, v).map(drop), "Global::new");
        let g = Global::new(&mut store, ty, Val::default_for(v.ty())).unwrap();
        wrong(g.set(&mut store, v), "Global::set");
    }
    let funcs = TableType::new(RefType::FuncRef, 2, None);
    wrong(
        Table::new(&mut store, funcs, Ref::Func(Some(foreign_func))).map(drop),
        "Table::new",
    );
    let table = Table::new(&mut store, funcs, Ref::Func(None)).unwrap();
    wrong(table.set(&mut store, 0, Ref::Func(Some(foreign_func))), "Table::set");
    // A host function returning another store's reference.
    let ty = FuncType::new([], [ValType::FuncRef]);
    let leaky = Func::new(&mut store, ty, move |_caller, _params, results| {
        results[0] = Val::FuncRef(Some(foreign_func));
        Ok(())
    });
    let mut out = [Val::FuncRef(None)];
    wrong(leaky.call(&mut store, &[], &mut out), "host result");
    // An argument from another store.
    let takes = Func::wrap(&mut store, |_: Option<Func>| {});
    wrong(
        takes.call(&mut store, &[Val::FuncRef(Some(foreign_func))], &mut []),
        "argument",
    );
    // The store still works.
    assert_eq!(table.size(&store), 2);
}
