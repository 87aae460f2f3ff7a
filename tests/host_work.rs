//! Host work is charged as fuel (RFC 0010), the same on every tier: a WASI
//! call costs one unit per array element it reads and one per started 64
//! bytes it moves, on top of the Wasm code's own fuel.

use concord::wasi::{WasiCtx, WasiCtxBuilder};
use concord::{Config, Engine, Linker, Module, Store, TrapCode};

/// Writes `len` bytes (one iovec) to stdout with `fd_write`.
const WRITER: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "write") (param $len i32) (result i32)
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (local.get $len))
    (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))))"#;

/// The fuel one `write(len)` consumes, and its errno, on `config`.
fn fuel_of_write(config: &Config, len: i32, fuel: u64) -> (u64, Result<i32, TrapCode>) {
    let engine = Engine::new(config).unwrap();
    let module = Module::new(&engine, WRITER).unwrap();
    let wasi = WasiCtxBuilder::new().stdout(std::io::sink()).build();
    let mut store = Store::new(&engine, wasi);
    let mut linker = Linker::new(&engine);
    concord::wasi::add_to_linker(&mut linker, |w: &mut WasiCtx| w).unwrap();
    let instance = linker.instantiate(&mut store, &module).unwrap();
    let write = instance.get_typed_func::<i32, i32>(&store, "write").unwrap();
    store.set_fuel(fuel).unwrap();
    let result = write
        .call(&mut store, len)
        .map_err(|e| e.as_trap().map(|t| t.code()).expect("a trap"));
    (fuel - store.get_fuel().unwrap(), result)
}

#[test]
fn wasi_calls_charge_their_work_as_fuel_on_every_tier() {
    let mut charges = Vec::new();
    for &tier in Engine::available_tiers() {
        let mut config = Config::new();
        config.tier(tier).consume_fuel(true);
        let (base, r) = fuel_of_write(&config, 0, 1_000_000);
        assert_eq!(r, Ok(0), "{tier}");
        let (one, r) = fuel_of_write(&config, 64, 1_000_000);
        assert_eq!(r, Ok(0), "{tier}");
        let (big, r) = fuel_of_write(&config, 6400, 1_000_000);
        assert_eq!(r, Ok(0), "{tier}");
        // The iovec array (one element) costs the same each time; the bytes
        // cost one unit per started 64.
        assert_eq!(one - base, 1, "{tier}");
        assert_eq!(big - base, 100, "{tier}");
        // Not enough fuel for the work: the call traps as it returns, and
        // nothing more is charged.
        let (_, r) = fuel_of_write(&config, 6400, base + 50);
        assert_eq!(r, Err(TrapCode::OutOfFuel), "{tier}");
        charges.push((tier, base, big));
    }
    // Every tier charges the same.
    assert!(
        charges.windows(2).all(|w| (w[0].1, w[0].2) == (w[1].1, w[1].2)),
        "{charges:?}"
    );
}
