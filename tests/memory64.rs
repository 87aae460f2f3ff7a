//! 64-bit memories and tables (memory64) on every tier, in both memory
//! modes (guard pages and explicit checks): addresses of 2^32 and more,
//! offsets of 2^32 and more and `address + offset` overflowing `u64` trap
//! instead of wrapping; a memory grows past 4 GiB and is addressed there,
//! and past the reservation under a running function, which sees it move;
//! 64-bit table indices; and the embedding API's view of both.

use concord::{
    Config, Engine, Extern, ExternType, Linker, Memory, MemoryType, Module, Ref, RefType, Store, Table, TableType,
    Tier, TrapCode,
};

/// A configuration per tier compiled in, and `auto` with every function
/// tiered up at its first call, each with memory64 and multi-memory on.
fn configs() -> Vec<Config> {
    let tiers = Engine::available_tiers();
    let mut configs: Vec<Config> = tiers
        .iter()
        .map(|&tier| {
            let mut config = Config::new();
            config.tier(tier);
            config
        })
        .collect();
    if tiers.contains(&Tier::Interp) && tiers.contains(&Tier::Cranelift) {
        let mut config = Config::new();
        config.tier(Tier::Auto);
        config.tier_up.threshold = 0;
        config.tier_up.threads = Some(0);
        configs.push(config);
    }
    for config in &mut configs {
        config.wasm_feature("memory64", true).unwrap();
        config.wasm_feature("multi-memory", true).unwrap();
    }
    configs
}

fn is_trap(e: &concord::Error, code: TrapCode) -> bool {
    e.as_trap().map(|t| t.code()) == Some(code)
}

const MEMORY: &str = r#"(module
    (memory $m (export "m") i64 1 65537)
    (memory $small 1)
    (func (export "load") (param i64) (result i64) (i64.load (local.get 0)))
    (func (export "load_8") (param i64) (result i64) (i64.load offset=8 (local.get 0)))
    (func (export "load_far") (param i64) (result i32) (i32.load offset=0x100000000 (local.get 0)))
    (func (export "load_max") (param i64) (result i32) (i32.load8_u offset=0xffffffffffffffff (local.get 0)))
    (func (export "load_v128") (param i64) (result i64)
      (i64x2.extract_lane 1 (v128.load offset=16 (local.get 0))))
    (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "size") (result i64) (memory.size))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
    (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    ;; From the 64-bit memory to the 32-bit one: the length is an `i32`.
    (func (export "copy_out") (param i32 i64 i32) (memory.copy $small $m (local.get 0) (local.get 1) (local.get 2)))
    (func (export "small") (param i32) (result i32) (i32.load8_u $small (local.get 0))))"#;

#[test]
fn high_addresses_and_overflowing_offsets_trap_on_every_tier() {
    for mut config in configs() {
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let what = format!("{:?} with a reservation of {reservation}", config.tier);
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(&engine, MEMORY).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            let load = instance.get_typed_func::<i64, i64>(&store, "load").unwrap();
            let load_8 = instance.get_typed_func::<i64, i64>(&store, "load_8").unwrap();
            let load_far = instance.get_typed_func::<i64, i32>(&store, "load_far").unwrap();
            let load_max = instance.get_typed_func::<i64, i32>(&store, "load_max").unwrap();
            let load_v128 = instance.get_typed_func::<i64, i64>(&store, "load_v128").unwrap();
            let st = instance.get_typed_func::<(i64, i64), ()>(&store, "store").unwrap();
            let size = instance.get_typed_func::<(), i64>(&store, "size").unwrap();
            let grow = instance.get_typed_func::<i64, i64>(&store, "grow").unwrap();
            let fill = instance.get_typed_func::<(i64, i32, i64), ()>(&store, "fill").unwrap();
            let copy_out = instance
                .get_typed_func::<(i32, i64, i32), ()>(&store, "copy_out")
                .unwrap();
            let small = instance.get_typed_func::<i32, i32>(&store, "small").unwrap();
            let oob = |e: concord::Error| is_trap(&e, TrapCode::MemoryOutOfBounds);

            st.call(&mut store, (65528, 7)).unwrap();
            assert_eq!(load.call(&mut store, 65528).unwrap(), 7, "{what}");
            assert!(oob(load.call(&mut store, 65529).unwrap_err()), "{what}");
            // Addresses that a 32-bit truncation would bring in bounds.
            for addr in [1 << 32, (1 << 32) + 8, 1 << 40, i64::MAX, -1, -8] {
                assert!(oob(load.call(&mut store, addr).unwrap_err()), "{what}: {addr:#x}");
                assert!(oob(st.call(&mut store, (addr, 1)).unwrap_err()), "{what}: {addr:#x}");
                assert!(oob(load_v128.call(&mut store, addr).unwrap_err()), "{what}: {addr:#x}");
            }
            // `address + offset` overflowing `u64` traps (it must not wrap to 0).
            assert!(oob(load_8.call(&mut store, -8).unwrap_err()), "{what}");
            assert!(oob(load_8.call(&mut store, -1).unwrap_err()), "{what}");
            assert!(oob(load_max.call(&mut store, 0).unwrap_err()), "{what}");
            assert!(oob(load_max.call(&mut store, 1).unwrap_err()), "{what}");
            // An offset of 2^32 traps on a 1-page memory, even at address 0.
            assert!(oob(load_far.call(&mut store, 0).unwrap_err()), "{what}");
            // A straddling store writes nothing.
            assert!(oob(st.call(&mut store, (65532, -1)).unwrap_err()), "{what}");
            assert_eq!(load.call(&mut store, 65528).unwrap(), 7, "{what}");
            // Bulk operators take 64-bit operands and check them in 64 bits.
            assert!(oob(fill.call(&mut store, (1 << 32, 1, 1)).unwrap_err()), "{what}");
            assert!(oob(fill.call(&mut store, (8, 1, -1)).unwrap_err()), "{what}");
            assert!(oob(fill.call(&mut store, (-1, 1, 2)).unwrap_err()), "{what}");
            fill.call(&mut store, (65535, 0xab, 1)).unwrap();
            assert!(oob(copy_out.call(&mut store, (0, 1 << 32, 1)).unwrap_err()), "{what}");
            copy_out.call(&mut store, (3, 65535, 1)).unwrap();
            assert_eq!(small.call(&mut store, 3).unwrap(), 0xab, "{what}");

            // `memory.size` and `memory.grow` are `i64`s; a growth beyond
            // the maximum, or beyond anything a host can map, is -1.
            assert_eq!(size.call(&mut store, ()).unwrap(), 1, "{what}");
            assert_eq!(grow.call(&mut store, 1 << 40).unwrap(), -1, "{what}");
            assert_eq!(grow.call(&mut store, -1).unwrap(), -1, "{what}");
            assert_eq!(grow.call(&mut store, 65537).unwrap(), -1, "{what}");
            // Past 4 GiB in one step (a moving memory copies one page).
            assert_eq!(grow.call(&mut store, 65536).unwrap(), 1, "{what}");
            assert_eq!(size.call(&mut store, ()).unwrap(), 65537, "{what}");
            // Addresses of 2^32 and more now reach the new pages.
            st.call(&mut store, ((1 << 32) + 8, 42)).unwrap();
            assert_eq!(load.call(&mut store, (1 << 32) + 8).unwrap(), 42, "{what}");
            assert_eq!(load.call(&mut store, 8).unwrap(), 0, "{what}: no wrap to 0");
            assert_eq!(load_far.call(&mut store, 8).unwrap(), 42, "{what}");
            let end = 65537i64 << 16;
            st.call(&mut store, (end - 8, -2)).unwrap();
            assert_eq!(load.call(&mut store, end - 8).unwrap(), -2, "{what}");
            assert!(oob(load.call(&mut store, end - 7).unwrap_err()), "{what}");
            assert!(oob(load_8.call(&mut store, end - 15).unwrap_err()), "{what}");
            assert_eq!(load_v128.call(&mut store, end - 32).unwrap(), -2, "{what}");
            assert!(oob(load_v128.call(&mut store, end - 31).unwrap_err()), "{what}");
            assert_eq!(grow.call(&mut store, 1).unwrap(), -1, "{what}: the maximum");
            let memory = instance.get_memory(&store, "m").unwrap();
            assert_eq!(memory.size(&store), 65537);
            assert_eq!(memory.data(&store)[(1 << 32) + 8], 42);
        }
    }
}

#[test]
fn a_64_bit_memory_that_moves_under_a_running_function_is_reloaded() {
    for mut config in configs() {
        for reservation in [6 << 30, 0] {
            config.memory_reservation = reservation;
            let what = format!("{:?} with a reservation of {reservation}", config.tier);
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(
                &engine,
                r#"(module
                    (memory i64 1 100000)
                    (func $grow (param i64) (result i64) (memory.grow (local.get 0)))
                    (func (export "store") (param i64 i64) (i64.store (local.get 0) (local.get 1)))
                    ;; Loads at the first address, grows (in a call), loads at
                    ;; the second: the base may have moved in between.
                    (func (export "grow_between") (param i64 i64 i64) (result i64)
                      (i64.load (local.get 0))
                      (drop (call $grow (local.get 1)))
                      (i64.load (local.get 2))
                      i64.add))"#,
            )
            .unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
            let st = instance.get_typed_func::<(i64, i64), ()>(&store, "store").unwrap();
            let grow_between = instance
                .get_typed_func::<(i64, i64, i64), i64>(&store, "grow_between")
                .unwrap();
            st.call(&mut store, (8, 40)).unwrap();
            // 99001 pages are more than the 6 GiB reservation: the memory
            // moves (it always does without a reservation).
            assert_eq!(grow_between.call(&mut store, (8, 99_000, 8)).unwrap(), 80, "{what}");
            let last = (99_001i64 << 16) - 8;
            st.call(&mut store, (last, 2)).unwrap();
            assert_eq!(grow_between.call(&mut store, (8, 0, last)).unwrap(), 42, "{what}");
            let err = grow_between.call(&mut store, (8, 0, last + 1)).unwrap_err();
            assert!(is_trap(&err, TrapCode::MemoryOutOfBounds), "{what}");
        }
    }
}

const TABLE: &str = r#"(module
    (type $t (func (result i32)))
    (table $t64 (export "t") i64 2 10 funcref)
    (func $seven (result i32) (i32.const 7))
    (elem (table $t64) (i64.const 1) func $seven)
    (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
    (func (export "tail") (param i64) (result i32) (return_call_indirect $t64 (type $t) (local.get 0)))
    (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t64 (local.get 0))))
    (func (export "set") (param i64) (table.set $t64 (local.get 0) (ref.null func)))
    (func (export "size") (result i64) (table.size $t64))
    (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
    (func (export "fill") (param i64 i64) (table.fill $t64 (local.get 0) (ref.func $seven) (local.get 1)))
    (func (export "copy") (param i64 i64 i64) (table.copy $t64 $t64 (local.get 0) (local.get 1) (local.get 2))))"#;

#[test]
fn table64_indices_on_every_tier() {
    for mut config in configs() {
        config.wasm_feature("tail-call", true).unwrap();
        let what = format!("{:?}", config.tier);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, TABLE).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let call = instance.get_typed_func::<i64, i32>(&store, "call").unwrap();
        let tail = instance.get_typed_func::<i64, i32>(&store, "tail").unwrap();
        let is_null = instance.get_typed_func::<i64, i32>(&store, "is_null").unwrap();
        let set = instance.get_typed_func::<i64, ()>(&store, "set").unwrap();
        let size = instance.get_typed_func::<(), i64>(&store, "size").unwrap();
        let grow = instance.get_typed_func::<i64, i64>(&store, "grow").unwrap();
        let fill = instance.get_typed_func::<(i64, i64), ()>(&store, "fill").unwrap();
        let copy = instance.get_typed_func::<(i64, i64, i64), ()>(&store, "copy").unwrap();
        let table_oob = |e: concord::Error| is_trap(&e, TrapCode::TableOutOfBounds);
        let undefined = |e: concord::Error| is_trap(&e, TrapCode::UndefinedElement);

        assert_eq!(call.call(&mut store, 1).unwrap(), 7, "{what}");
        assert_eq!(tail.call(&mut store, 1).unwrap(), 7, "{what}");
        assert!(is_trap(
            &call.call(&mut store, 0).unwrap_err(),
            TrapCode::UninitializedElement
        ));
        // Indices that a 32-bit truncation would bring in bounds.
        for index in [(1 << 32) + 1, 1 << 40, -1, i64::MIN + 1] {
            assert!(
                undefined(call.call(&mut store, index).unwrap_err()),
                "{what}: {index:#x}"
            );
            assert!(
                undefined(tail.call(&mut store, index).unwrap_err()),
                "{what}: {index:#x}"
            );
            assert!(
                table_oob(is_null.call(&mut store, index).unwrap_err()),
                "{what}: {index:#x}"
            );
            assert!(
                table_oob(set.call(&mut store, index).unwrap_err()),
                "{what}: {index:#x}"
            );
            assert!(table_oob(fill.call(&mut store, (index, 1)).unwrap_err()), "{what}");
            assert!(table_oob(fill.call(&mut store, (0, index)).unwrap_err()), "{what}");
            assert!(table_oob(copy.call(&mut store, (index, 0, 1)).unwrap_err()), "{what}");
            assert!(table_oob(copy.call(&mut store, (0, index, 1)).unwrap_err()), "{what}");
            assert!(table_oob(copy.call(&mut store, (0, 0, index)).unwrap_err()), "{what}");
        }
        assert_eq!(is_null.call(&mut store, 1).unwrap(), 0, "{what}");
        // `table.size` and `table.grow` are `i64`s; -1 is an `i64` -1.
        assert_eq!(size.call(&mut store, ()).unwrap(), 2, "{what}");
        assert_eq!(grow.call(&mut store, 1 << 32).unwrap(), -1, "{what}");
        assert_eq!(grow.call(&mut store, -1).unwrap(), -1, "{what}");
        assert_eq!(grow.call(&mut store, 9).unwrap(), -1, "{what}: the maximum");
        assert_eq!(grow.call(&mut store, 3).unwrap(), 2, "{what}");
        assert_eq!(size.call(&mut store, ()).unwrap(), 5, "{what}");
        fill.call(&mut store, (2, 3)).unwrap();
        assert_eq!(call.call(&mut store, 4).unwrap(), 7, "{what}");
        set.call(&mut store, 4).unwrap();
        assert!(is_trap(
            &call.call(&mut store, 4).unwrap_err(),
            TrapCode::UninitializedElement
        ));
        copy.call(&mut store, (4, 1, 1)).unwrap();
        assert_eq!(call.call(&mut store, 4).unwrap(), 7, "{what}");
        let table = instance.get_table(&store, "t").unwrap();
        assert_eq!(table.size(&store), 5);
    }
}

#[test]
fn the_embedding_api_knows_64_bit_memories_and_tables() {
    let mut config = Config::new();
    config.wasm_feature("memory64", true).unwrap();
    let engine = Engine::new(&config).unwrap();
    let mut store = Store::new(&engine, ());

    // A 64-bit memory's limits may exceed 65536 pages.
    let memory = Memory::new(&mut store, MemoryType::new64(1, Some(1 << 20))).unwrap();
    let ty = memory.ty(&store);
    assert!(ty.memory64);
    assert_eq!((ty.minimum, ty.maximum), (1, Some(1 << 20)));
    assert_eq!(ExternType::Memory(ty).to_string(), "(memory i64 1 1048576)");
    assert_eq!(memory.size(&store), 1);
    assert_eq!(memory.grow(&mut store, 1).unwrap(), 1);
    assert!(memory.grow(&mut store, 1 << 20).is_err(), "beyond the maximum");
    assert_eq!(memory.size(&store), 2);
    let table = Table::new(&mut store, TableType::new64(RefType::FuncRef, 3, None), Ref::Func(None)).unwrap();
    assert!(table.ty(&store).table64);
    assert_eq!(table.size(&store), 3);
    assert_eq!(table.grow(&mut store, 2, Ref::Func(None)).unwrap(), 3);
    assert!(table.get(&store, 1 << 32).is_none());

    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "m" (memory i64 1))
            (import "env" "t" (table i64 1 funcref))
            (data (i64.const 0x10000) "\2a")
            (func (export "peek") (param i64) (result i32) (i32.load8_u (local.get 0)))
            (func (export "size") (result i64) (memory.size)))"#,
    )
    .unwrap();
    let imports = module.imports().map(|(_, _, ty)| ty.to_string()).collect::<Vec<_>>();
    assert_eq!(imports, ["(memory i64 1)", "(table i64 1 funcref)"]);
    let mut linker = Linker::new(&engine);
    linker.define("env", "m", memory).unwrap();
    linker.define("env", "t", table).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let peek = instance.get_typed_func::<i64, i32>(&store, "peek").unwrap();
    assert_eq!(peek.call(&mut store, 0x10000).unwrap(), 42);
    let size = instance.get_typed_func::<(), i64>(&store, "size").unwrap();
    assert_eq!(size.call(&mut store, ()).unwrap(), 2);

    // The index type must match: a 32-bit memory or table does not satisfy
    // a 64-bit import, nor the reverse.
    let memory32 = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
    let table32 = Table::new(&mut store, TableType::new(RefType::FuncRef, 1, None), Ref::Func(None)).unwrap();
    let err = concord::Instance::new(&mut store, &module, &[Extern::Memory(memory32), Extern::Table(table)]);
    assert!(err.unwrap_err().as_link().is_some());
    let err = concord::Instance::new(&mut store, &module, &[Extern::Memory(memory), Extern::Table(table32)]);
    assert!(err.unwrap_err().as_link().is_some());
    let module32 = Module::new(&engine, r#"(module (import "env" "m" (memory 1)))"#).unwrap();
    let err = concord::Instance::new(&mut store, &module32, &[Extern::Memory(memory)]);
    assert!(err.unwrap_err().as_link().is_some());
    // Without the proposal (Wasm 2.0), a 64-bit memory is a decoding error.
    let mut config = Config::new();
    config.wasm_version(concord::WasmVersion::V2);
    let engine = Engine::new(&config).unwrap();
    assert!(Module::new(&engine, r#"(module (memory i64 1))"#).is_err());
}
