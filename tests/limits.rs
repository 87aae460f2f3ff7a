//! Resource limits on every tier: `StoreLimits` bounds memory and table
//! growth in Wasm code (`memory.grow`, `table.grow` return -1, or trap with
//! `trap_on_grow_failure`) and from the embedder, and refuses creations
//! past the size and count limits; a custom `ResourceLimiter` is asked
//! before anything is allocated.

mod common;

use concord::{
    Config, Engine, Error, Instance, Memory, MemoryType, Module, ResourceLimiter, Store, StoreLimits,
    StoreLimitsBuilder,
};

/// Every tier compiled in, and a tier mix.
fn configs() -> Vec<(String, Config)> {
    common::tier_configs(&[5], &[])
}

struct State {
    limits: StoreLimits,
}

fn store(engine: &Engine, limits: StoreLimits) -> Store<State> {
    let mut store = Store::new(engine, State { limits });
    store.limiter(|s| &mut s.limits);
    store
}

/// Grows memory 0 one page at a time until `memory.grow` fails; returns
/// the size reached. Also grows table 0 ten elements at a time.
const GROWER: &str = r#"(module
  (memory (export "m") 1)
  (table (export "t") 0 funcref)
  (func (export "grow_all") (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $l)))
    (memory.size))
  (func (export "grow_table") (result i32)
    (block $done
      (loop $l
        (br_if $done (i32.eq (table.grow (ref.null func) (i32.const 10)) (i32.const -1)))
        (br $l)))
    (table.size)))"#;

#[test]
fn memory_growth_stops_at_the_size_limit() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, GROWER).unwrap();
        let mut store = store(&engine, StoreLimitsBuilder::new().memory_size(64 << 20).build());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let grow_all = instance.get_typed_func::<(), i32>(&store, "grow_all").unwrap();
        assert_eq!(grow_all.call(&mut store, ()).unwrap(), 1024, "{name}");
        // The embedder's growth is bounded too.
        let memory = instance.get_memory(&store, "m").unwrap();
        assert!(memory.grow(&mut store, 1).is_err(), "{name}");
        assert_eq!(memory.size(&store), 1024, "{name}");
    }
}

#[test]
fn table_growth_stops_at_the_element_limit() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, GROWER).unwrap();
        let mut store = store(&engine, StoreLimitsBuilder::new().table_elements(95).build());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let grow_table = instance.get_typed_func::<(), i32>(&store, "grow_table").unwrap();
        assert_eq!(grow_table.call(&mut store, ()).unwrap(), 90, "{name}");
    }
}

#[test]
fn trap_on_grow_failure_traps_in_wasm_code() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, GROWER).unwrap();
        let limits = StoreLimitsBuilder::new()
            .memory_size(4 << 20)
            .table_elements(20)
            .trap_on_grow_failure(true)
            .build();
        let mut store = store(&engine, limits);
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let grow_all = instance.get_typed_func::<(), i32>(&store, "grow_all").unwrap();
        let err = grow_all.call(&mut store, ()).unwrap_err();
        assert!(err.as_trap().is_some(), "{name}: {err}");
        assert!(err.to_string().contains("forcing trap"), "{name}: {err}");
        let memory = instance.get_memory(&store, "m").unwrap();
        assert_eq!(memory.size(&store), 64, "{name}");
        let grow_table = instance.get_typed_func::<(), i32>(&store, "grow_table").unwrap();
        let err = grow_table.call(&mut store, ()).unwrap_err();
        assert!(err.to_string().contains("forcing trap"), "{name}: {err}");
    }
}

#[test]
fn creations_past_the_limits_fail_to_instantiate() {
    let engine = Engine::default();
    // An initial memory larger than the size limit.
    let big = Module::new(&engine, "(module (memory 2000))").unwrap();
    let mut s = store(&engine, StoreLimitsBuilder::new().memory_size(64 << 20).build());
    let err = Instance::new(&mut s, &big, &[]).unwrap_err();
    assert!(err.to_string().contains("exceeds memory limits"), "{err}");
    // A table larger than the element limit.
    let table = Module::new(&engine, "(module (table 100 funcref))").unwrap();
    let mut s = store(&engine, StoreLimitsBuilder::new().table_elements(99).build());
    let err = Instance::new(&mut s, &table, &[]).unwrap_err();
    assert!(err.to_string().contains("exceeds table limits"), "{err}");
    // Counts: instances, memories, tables.
    let one_each = Module::new(&engine, "(module (memory 1) (table 1 funcref))").unwrap();
    for (limits, what) in [
        (StoreLimitsBuilder::new().instances(3).build(), "instance count of 4"),
        (StoreLimitsBuilder::new().memories(3).build(), "memory count of 4"),
        (StoreLimitsBuilder::new().tables(3).build(), "table count of 4"),
    ] {
        let mut s = store(&engine, limits);
        for _ in 0..3 {
            Instance::new(&mut s, &one_each, &[]).unwrap();
        }
        let err = Instance::new(&mut s, &one_each, &[]).unwrap_err();
        assert!(err.to_string().contains(what), "{err}");
    }
    // Memories the embedder makes count too.
    let mut s = store(&engine, StoreLimitsBuilder::new().memories(1).build());
    Memory::new(&mut s, MemoryType::new(1, None)).unwrap();
    assert!(Memory::new(&mut s, MemoryType::new(1, None)).is_err());
}

/// A limiter that records what it was asked and denies anything above
/// `max` bytes.
struct Recorder {
    max: usize,
    asked: Vec<(usize, usize, Option<usize>)>,
}

impl ResourceLimiter for Recorder {
    fn memory_growing(&mut self, current: usize, desired: usize, maximum: Option<usize>) -> Result<bool, Error> {
        self.asked.push((current, desired, maximum));
        Ok(desired <= self.max)
    }
    fn table_growing(&mut self, _current: usize, _desired: usize, _maximum: Option<usize>) -> Result<bool, Error> {
        Ok(true)
    }
}

#[test]
fn a_custom_limiter_is_asked_before_each_growth() {
    let wat = r#"(module
      (memory (export "m") 2 65536)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))"#;
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(
            &engine,
            Recorder {
                max: 3 << 16,
                asked: Vec::new(),
            },
        );
        store.limiter(|r| r);
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let grow = instance.get_typed_func::<i32, i32>(&store, "grow").unwrap();
        // 4 GiB denied before anything is mapped; one page allowed.
        assert_eq!(grow.call(&mut store, 65534).unwrap(), -1, "{name}");
        assert_eq!(grow.call(&mut store, 1).unwrap(), 2, "{name}");
        assert_eq!(grow.call(&mut store, 1).unwrap(), -1, "{name}");
        let max = Some(65536 << 16);
        assert_eq!(
            store.data().asked,
            [
                (0, 2 << 16, max),
                (2 << 16, 65536 << 16, max),
                (2 << 16, 3 << 16, max),
                (3 << 16, 4 << 16, max),
            ],
            "{name}"
        );
    }
}
