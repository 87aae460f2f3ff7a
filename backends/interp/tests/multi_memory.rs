//! The multi-memory proposal on the interpreter tier: loads and stores of
//! every width on memories other than 0, their bounds, the bulk operators
//! with memory indices, active and passive data, SIMD accesses.

use concord_core::{Config, Engine, Instance, Linker, Memory, MemoryType, Module, Store, TrapCode};
use concord_interp::Interpreter;
use std::sync::Arc;

fn engine() -> Engine {
    let mut config = Config::new();
    config.wasm_feature("multi-memory", true).unwrap();
    Engine::with_backend(&config, Arc::new(Interpreter::new())).unwrap()
}

fn trap_code(err: &concord_core::Error) -> TrapCode {
    err.as_trap().unwrap_or_else(|| panic!("not a trap: {err}")).code()
}

/// Three memories: memory 0 imported (2 pages), memory 1 (1 page) and
/// memory 2 (1 page, at most 3), each with an active data segment.
const THREE: &str = r#"(module
    (import "env" "m0" (memory $m0 2))
    (memory $m1 (export "m1") 1)
    (memory $m2 (export "m2") 1 3)
    (data (memory $m0) (i32.const 0) "\a0\a1\a2\a3\a4\a5\a6\a7")
    (data (memory $m1) (i32.const 0) "\10\11\12\13\14\15\16\17\f8\f9\fa\fb\fc\fd\fe\ff")
    (data (memory $m2) (i32.const 0) "\20\21\22\23\24\25\26\27\88\89\8a\8b\8c\8d\8e\8f")
    (data $passive "passive!")

    ;; loads of every width and sign on memory 1 (offset 8: the f8.. bytes)
    (func (export "m1_i32_load") (param i32) (result i32) local.get 0 i32.load $m1 offset=8)
    (func (export "m1_i64_load") (param i32) (result i64) local.get 0 i64.load $m1 offset=8)
    (func (export "m1_f32_load") (param i32) (result f32) local.get 0 f32.load $m1 offset=8)
    (func (export "m1_f64_load") (param i32) (result f64) local.get 0 f64.load $m1 offset=8)
    (func (export "m1_i32_load8_s") (param i32) (result i32) local.get 0 i32.load8_s $m1 offset=8)
    (func (export "m1_i32_load8_u") (param i32) (result i32) local.get 0 i32.load8_u $m1 offset=8)
    (func (export "m1_i32_load16_s") (param i32) (result i32) local.get 0 i32.load16_s $m1 offset=8)
    (func (export "m1_i32_load16_u") (param i32) (result i32) local.get 0 i32.load16_u $m1 offset=8)
    (func (export "m1_i64_load8_s") (param i32) (result i64) local.get 0 i64.load8_s $m1 offset=8)
    (func (export "m1_i64_load8_u") (param i32) (result i64) local.get 0 i64.load8_u $m1 offset=8)
    (func (export "m1_i64_load16_s") (param i32) (result i64) local.get 0 i64.load16_s $m1 offset=8)
    (func (export "m1_i64_load16_u") (param i32) (result i64) local.get 0 i64.load16_u $m1 offset=8)
    (func (export "m1_i64_load32_s") (param i32) (result i64) local.get 0 i64.load32_s $m1 offset=8)
    (func (export "m1_i64_load32_u") (param i32) (result i64) local.get 0 i64.load32_u $m1 offset=8)
    ;; the same on memory 2, without offset
    (func (export "m2_i32_load") (param i32) (result i32) local.get 0 i32.load $m2)
    (func (export "m2_i64_load") (param i32) (result i64) local.get 0 i64.load $m2)
    (func (export "m2_i32_load8_s") (param i32) (result i32) local.get 0 i32.load8_s $m2)
    (func (export "m2_i64_load16_s") (param i32) (result i64) local.get 0 i64.load16_s $m2)
    (func (export "m2_i64_load32_u") (param i32) (result i64) local.get 0 i64.load32_u $m2)
    ;; memory 0 next to them
    (func (export "m0_i64_load") (param i32) (result i64) local.get 0 i64.load)

    ;; stores of every width on memories 1 and 2 (constant values take the
    ;; immediate path on memory 0: check they work elsewhere too)
    (func (export "m1_stores") (param i32)
        local.get 0 i64.const 0x0102030405060708 i64.store $m1
        local.get 0 i32.const 0x11121314 i32.store $m1 offset=8
        local.get 0 i32.const 0x21 i32.store8 $m1 offset=12
        local.get 0 i32.const 0x3132 i32.store16 $m1 offset=13
        local.get 0 f32.const 1.5 f32.store $m1 offset=16
        local.get 0 f64.const -2.25 f64.store $m1 offset=20)
    (func (export "m2_stores") (param i32 i64)
        local.get 0 local.get 1 i64.store8 $m2
        local.get 0 local.get 1 i64.store16 $m2 offset=1
        local.get 0 local.get 1 i64.store32 $m2 offset=3
        local.get 0 local.get 1 i64.store $m2 offset=7
        local.get 0 local.get 1 i32.wrap_i64 i32.store $m2 offset=15
        local.get 0 local.get 1 i32.wrap_i64 i32.store8 $m2 offset=19
        local.get 0 local.get 1 i32.wrap_i64 i32.store16 $m2 offset=20)

    ;; sizes, growth, bulk operators
    (func (export "size0") (result i32) memory.size $m0)
    (func (export "size1") (result i32) memory.size $m1)
    (func (export "size2") (result i32) memory.size $m2)
    (func (export "grow2") (param i32) (result i32) local.get 0 memory.grow $m2)
    (func (export "fill2") (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill $m2)
    (func (export "copy_0_to_1") (param i32 i32 i32)
        local.get 0 local.get 1 local.get 2 memory.copy $m1 $m0)
    (func (export "copy_1_to_2") (param i32 i32 i32)
        local.get 0 local.get 1 local.get 2 memory.copy $m2 $m1)
    (func (export "copy_2_to_2") (param i32 i32 i32)
        local.get 0 local.get 1 local.get 2 memory.copy $m2 $m2)
    (func (export "init1") (param i32 i32 i32)
        local.get 0 local.get 1 local.get 2 memory.init $m1 $passive)
    (func (export "drop") data.drop $passive)
    ;; grows memory 2 between two memory-0 loads: memory 0 stays cached
    (func (export "grow2_between") (param i32) (result i64)
        local.get 0 i64.load
        i32.const 1 memory.grow $m2 drop
        local.get 0 i64.load
        i64.add)

    ;; SIMD on memory 1
    (func (export "simd_copy") (param i32 i32)
        local.get 1 local.get 0 v128.load $m1 v128.store $m1)
    (func (export "simd_kinds") (param i32)
        ;; results go to memory 1 from byte 256 on
        i32.const 256 local.get 0 v128.load8x8_s $m1 offset=8 v128.store $m1
        i32.const 272 local.get 0 v128.load16x4_u $m1 offset=8 v128.store $m1
        i32.const 288 local.get 0 v128.load32x2_s $m1 offset=8 v128.store $m1
        i32.const 304 local.get 0 v128.load8_splat $m1 offset=8 v128.store $m1
        i32.const 320 local.get 0 v128.load16_splat $m1 offset=8 v128.store $m1
        i32.const 336 local.get 0 v128.load32_splat $m1 offset=8 v128.store $m1
        i32.const 352 local.get 0 v128.load64_splat $m1 offset=8 v128.store $m1
        i32.const 368 local.get 0 v128.load32_zero $m1 offset=8 v128.store $m1
        i32.const 384 local.get 0 v128.load64_zero $m1 offset=8 v128.store $m1)
    (func (export "simd_lanes") (param i32)
        (local v128)
        v128.const i64x2 0 0 local.set 1
        local.get 0 local.get 1 v128.load8_lane $m1 offset=8 1 local.set 1
        local.get 0 local.get 1 v128.load16_lane $m1 offset=8 1 local.set 1
        local.get 0 local.get 1 v128.load32_lane $m1 offset=8 2 local.set 1
        i32.const 400 local.get 1 v128.store $m1
        v128.const i64x2 0 0 local.set 1
        local.get 0 local.get 1 v128.load64_lane $m1 offset=8 1 local.set 1
        i32.const 416 local.get 1 v128.store $m1
        ;; lanes of memory 2's first 16 bytes, stored into memory 1
        i32.const 0 v128.load $m2 local.set 1
        i32.const 432 local.get 1 v128.store8_lane $m1 15
        i32.const 434 local.get 1 v128.store16_lane $m1 1
        i32.const 436 local.get 1 v128.store32_lane $m1 1
        i32.const 440 local.get 1 v128.store64_lane $m1 1)
    (func (export "simd_load1") (param i32) (result i32)
        local.get 0 v128.load $m1 i32x4.extract_lane 0)
    (func (export "simd_store_lane1") (param i32)
        local.get 0 v128.const i64x2 -1 -1 v128.store64_lane $m1 0)
)"#;

struct Setup {
    store: Store<()>,
    inst: Instance,
    m0: Memory,
    m1: Memory,
    m2: Memory,
}

fn setup() -> Setup {
    let engine = engine();
    let module = Module::new(&engine, THREE).unwrap();
    let mut store = Store::new(&engine, ());
    let m0 = Memory::new(&mut store, MemoryType::new(2, None)).unwrap();
    let mut linker = Linker::new(&engine);
    linker.define("env", "m0", m0).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let m1 = inst.get_memory(&store, "m1").unwrap();
    let m2 = inst.get_memory(&store, "m2").unwrap();
    Setup {
        store,
        inst,
        m0,
        m1,
        m2,
    }
}

macro_rules! call {
    ($s:expr, $name:literal, $p:ty => $r:ty, $args:expr) => {
        $s.inst
            .get_typed_func::<$p, $r>(&$s.store, $name)
            .unwrap()
            .call(&mut $s.store, $args)
    };
}

#[test]
fn active_data_lands_in_each_memory() {
    let s = setup();
    assert_eq!(&s.m0.data(&s.store)[..4], b"\xa0\xa1\xa2\xa3");
    assert_eq!(&s.m1.data(&s.store)[..4], b"\x10\x11\x12\x13");
    assert_eq!(&s.m2.data(&s.store)[..4], b"\x20\x21\x22\x23");
    assert_eq!(s.m0.size(&s.store), 2);
    assert_eq!(s.m1.size(&s.store), 1);
}

#[test]
fn loads_of_every_width() {
    let mut s = setup();
    // Memory 1 bytes 8..16: f8 f9 fa fb fc fd fe ff.
    assert_eq!(call!(s, "m1_i32_load", i32 => i32, 0).unwrap() as u32, 0xfbfa_f9f8);
    assert_eq!(
        call!(s, "m1_i64_load", i32 => i64, 0).unwrap() as u64,
        0xfffe_fdfc_fbfa_f9f8
    );
    assert_eq!(call!(s, "m1_f32_load", i32 => f32, 0).unwrap().to_bits(), 0xfbfa_f9f8);
    assert_eq!(
        call!(s, "m1_f64_load", i32 => f64, 0).unwrap().to_bits(),
        0xfffe_fdfc_fbfa_f9f8
    );
    assert_eq!(call!(s, "m1_i32_load8_s", i32 => i32, 0).unwrap(), 0xf8u8 as i8 as i32);
    assert_eq!(call!(s, "m1_i32_load8_u", i32 => i32, 0).unwrap(), 0xf8);
    assert_eq!(
        call!(s, "m1_i32_load16_s", i32 => i32, 0).unwrap(),
        0xf9f8u16 as i16 as i32
    );
    assert_eq!(call!(s, "m1_i32_load16_u", i32 => i32, 0).unwrap(), 0xf9f8);
    assert_eq!(call!(s, "m1_i64_load8_s", i32 => i64, 1).unwrap(), 0xf9u8 as i8 as i64);
    assert_eq!(call!(s, "m1_i64_load8_u", i32 => i64, 1).unwrap(), 0xf9);
    assert_eq!(
        call!(s, "m1_i64_load16_s", i32 => i64, 1).unwrap(),
        0xfaf9u16 as i16 as i64
    );
    assert_eq!(call!(s, "m1_i64_load16_u", i32 => i64, 1).unwrap(), 0xfaf9);
    assert_eq!(
        call!(s, "m1_i64_load32_s", i32 => i64, 1).unwrap(),
        0xfcfb_faf9u32 as i32 as i64
    );
    assert_eq!(call!(s, "m1_i64_load32_u", i32 => i64, 1).unwrap(), 0xfcfb_faf9);
    // Memory 1 bytes 0..8 through offset 8 at address -8 would wrap in
    // 32 bits; in Wasm it does not (the effective address is 33-bit).
    assert_eq!(
        trap_code(&call!(s, "m1_i32_load", i32 => i32, -8).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );

    // Memory 2: 20 21 .. 27 88 89 .. 8f.
    assert_eq!(call!(s, "m2_i32_load", i32 => i32, 0).unwrap(), 0x2322_2120);
    assert_eq!(
        call!(s, "m2_i64_load", i32 => i64, 8).unwrap() as u64,
        0x8f8e_8d8c_8b8a_8988
    );
    assert_eq!(call!(s, "m2_i32_load8_s", i32 => i32, 8).unwrap(), 0x88u8 as i8 as i32);
    assert_eq!(
        call!(s, "m2_i64_load16_s", i32 => i64, 8).unwrap(),
        0x8988u16 as i16 as i64
    );
    assert_eq!(call!(s, "m2_i64_load32_u", i32 => i64, 12).unwrap(), 0x8f8e_8d8c);
    // Memory 0 is still memory 0.
    assert_eq!(
        call!(s, "m0_i64_load", i32 => i64, 0).unwrap() as u64,
        0xa7a6_a5a4_a3a2_a1a0
    );
}

#[test]
fn stores_of_every_width() {
    let mut s = setup();
    call!(s, "m1_stores", i32 => (), 100).unwrap();
    let m1 = &s.m1.data(&s.store)[100..128];
    assert_eq!(&m1[0..8], &0x0102_0304_0506_0708u64.to_le_bytes());
    assert_eq!(&m1[8..12], &0x1112_1314u32.to_le_bytes());
    assert_eq!(m1[12], 0x21);
    assert_eq!(&m1[13..15], &0x3132u16.to_le_bytes());
    assert_eq!(&m1[16..20], &1.5f32.to_le_bytes());
    assert_eq!(&m1[20..28], &(-2.25f64).to_le_bytes());

    let v = 0x8877_6655_4433_2211u64 as i64;
    call!(s, "m2_stores", (i32, i64) => (), (200, v)).unwrap();
    let m2 = &s.m2.data(&s.store)[200..224];
    assert_eq!(m2[0], 0x11);
    assert_eq!(&m2[1..3], &[0x11, 0x22]);
    assert_eq!(&m2[3..7], &[0x11, 0x22, 0x33, 0x44]);
    assert_eq!(&m2[7..15], &v.to_le_bytes());
    assert_eq!(&m2[15..19], &[0x11, 0x22, 0x33, 0x44]);
    assert_eq!(m2[19], 0x11);
    assert_eq!(&m2[20..22], &[0x11, 0x22]);
    assert_eq!(m2[22], 0);

    // Nothing leaked into memory 0 (or memory 1 for the memory-2 stores).
    assert!(s.m0.data(&s.store)[100..300].iter().all(|&b| b == 0));
    assert!(s.m1.data(&s.store)[200..230].iter().all(|&b| b == 0));

    // The last byte of memory 2 is writable, one beyond is not.
    call!(s, "m2_stores", (i32, i64) => (), (65536 - 22, v)).unwrap();
    assert_eq!(
        trap_code(&call!(s, "m2_stores", (i32, i64) => (), (65536 - 21, v)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
}

#[test]
fn bounds_are_per_memory() {
    let mut s = setup();
    // Memory 0 has two pages, memory 1 one: 65536 is in bounds for the
    // former only.
    assert_eq!(call!(s, "m0_i64_load", i32 => i64, 65536).unwrap(), 0);
    for addr in [65536 - 8, 65536, 70000, i32::MAX, -1] {
        assert_eq!(
            trap_code(&call!(s, "m1_i32_load8_u", i32 => i32, addr).unwrap_err()),
            TrapCode::MemoryOutOfBounds,
            "address {addr}"
        );
    }
    // Partially out of bounds: the last 8 bytes start at 65528 (offset 8).
    assert_eq!(call!(s, "m1_i64_load", i32 => i64, 65536 - 16).unwrap(), 0);
    assert_eq!(
        trap_code(&call!(s, "m1_i64_load", i32 => i64, 65536 - 15).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    assert_eq!(call!(s, "m1_i32_load8_u", i32 => i32, 65536 - 9).unwrap(), 0);
    assert_eq!(
        trap_code(&call!(s, "m1_stores", i32 => (), 65536 - 27).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    assert_eq!(
        trap_code(&call!(s, "simd_load1", i32 => i32, 65536 - 15).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    // The stores before the trapping one happened: 0x11 (top byte of the
    // i32 at 65517), 0x21 (the i32.store8), 0x3132 (the i32.store16).
    assert_eq!(call!(s, "simd_load1", i32 => i32, 65536 - 16).unwrap(), 0x3132_2111);
    assert_eq!(
        trap_code(&call!(s, "simd_store_lane1", i32 => (), 65536 - 7).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    call!(s, "simd_store_lane1", i32 => (), 65536 - 8).unwrap();
    assert_eq!(&s.m1.data(&s.store)[65528..], &[0xff; 8]);
}

#[test]
fn size_and_grow_on_memory_2() {
    let mut s = setup();
    assert_eq!(call!(s, "size0", () => i32, ()).unwrap(), 2);
    assert_eq!(call!(s, "size1", () => i32, ()).unwrap(), 1);
    assert_eq!(call!(s, "size2", () => i32, ()).unwrap(), 1);
    assert_eq!(
        trap_code(&call!(s, "m2_i32_load", i32 => i32, 65536).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    assert_eq!(call!(s, "grow2", i32 => i32, 1).unwrap(), 1);
    assert_eq!(call!(s, "size2", () => i32, ()).unwrap(), 2);
    assert_eq!(call!(s, "m2_i32_load", i32 => i32, 65536).unwrap(), 0);
    // Beyond the maximum of 3 pages.
    assert_eq!(call!(s, "grow2", i32 => i32, 2).unwrap(), -1);
    assert_eq!(call!(s, "size2", () => i32, ()).unwrap(), 2);
    // The other memories did not change.
    assert_eq!(call!(s, "size0", () => i32, ()).unwrap(), 2);
    assert_eq!(call!(s, "size1", () => i32, ()).unwrap(), 1);
    assert_eq!(s.m2.size(&s.store), 2);
    // Growing memory 2 inside a function keeps memory-0 accesses right.
    let a = 0xa7a6_a5a4_a3a2_a1a0u64;
    assert_eq!(
        call!(s, "grow2_between", i32 => i64, 0).unwrap() as u64,
        a.wrapping_add(a)
    );
    assert_eq!(call!(s, "size2", () => i32, ()).unwrap(), 3);
    // Growing memory 0 from the host leaves memory 1 and 2 accesses right.
    s.m0.grow(&mut s.store, 1).unwrap();
    assert_eq!(call!(s, "m0_i64_load", i32 => i64, 3 * 65536 - 8).unwrap(), 0);
    assert_eq!(call!(s, "m2_i32_load", i32 => i32, 0).unwrap(), 0x2322_2120);
}

#[test]
fn fill_copy_and_init_across_memories() {
    let mut s = setup();
    // memory.fill on memory 2.
    call!(s, "fill2", (i32, i32, i32) => (), (1000, 0x5a, 10)).unwrap();
    assert_eq!(
        &s.m2.data(&s.store)[999..1011],
        &[0, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0]
    );
    assert_eq!(
        trap_code(&call!(s, "fill2", (i32, i32, i32) => (), (65530, 1, 7)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    // memory.copy from memory 0 to memory 1, and from memory 1 to memory 2.
    call!(s, "copy_0_to_1", (i32, i32, i32) => (), (500, 2, 4)).unwrap();
    assert_eq!(&s.m1.data(&s.store)[500..504], b"\xa2\xa3\xa4\xa5");
    call!(s, "copy_1_to_2", (i32, i32, i32) => (), (600, 499, 6)).unwrap();
    assert_eq!(&s.m2.data(&s.store)[600..606], b"\x00\xa2\xa3\xa4\xa5\x00");
    // Within memory 2, overlapping.
    call!(s, "copy_2_to_2", (i32, i32, i32) => (), (1, 0, 4)).unwrap();
    assert_eq!(&s.m2.data(&s.store)[..6], b"\x20\x20\x21\x22\x23\x25");
    // Memory 0 has 2 pages, memory 1 one: a source range valid in memory 0
    // does not fit memory 1 as destination.
    assert_eq!(
        trap_code(&call!(s, "copy_0_to_1", (i32, i32, i32) => (), (65535, 70000, 2)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    call!(s, "copy_0_to_1", (i32, i32, i32) => (), (65534, 70000, 2)).unwrap();
    // memory.init into memory 1.
    call!(s, "init1", (i32, i32, i32) => (), (700, 0, 8)).unwrap();
    assert_eq!(&s.m1.data(&s.store)[700..708], b"passive!");
    call!(s, "init1", (i32, i32, i32) => (), (65534, 6, 2)).unwrap();
    assert_eq!(&s.m1.data(&s.store)[65534..], b"e!");
    assert_eq!(
        trap_code(&call!(s, "init1", (i32, i32, i32) => (), (65535, 0, 2)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
    assert!(s.m0.data(&s.store)[700..708].iter().all(|&b| b == 0));
    call!(s, "drop", () => (), ()).unwrap();
    assert_eq!(
        trap_code(&call!(s, "init1", (i32, i32, i32) => (), (700, 0, 1)).unwrap_err()),
        TrapCode::MemoryOutOfBounds
    );
}

#[test]
fn simd_on_memory_1() {
    let mut s = setup();
    // v128.load / v128.store
    call!(s, "simd_copy", (i32, i32) => (), (0, 1024)).unwrap();
    assert_eq!(
        &s.m1.data(&s.store)[1024..1040],
        b"\x10\x11\x12\x13\x14\x15\x16\x17\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff"
    );
    assert!(s.m0.data(&s.store)[1024..1040].iter().all(|&b| b == 0));
    assert_eq!(call!(s, "simd_load1", i32 => i32, 4).unwrap(), 0x1716_1514);

    // Every load kind, from bytes f8 f9 fa fb fc fd fe ff.
    call!(s, "simd_kinds", i32 => (), 0).unwrap();
    let m1 = s.m1.data(&s.store);
    let v = |at: usize| u128::from_le_bytes(m1[at..at + 16].try_into().unwrap());
    let bytes: [u8; 8] = [0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];
    let lanes16 = |f: &dyn Fn(usize) -> u16| (0..8).fold(0u128, |acc, i| acc | (u128::from(f(i)) << (16 * i)));
    assert_eq!(v(256), lanes16(&|i| bytes[i] as i8 as i16 as u16));
    let h = |i: usize| u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
    assert_eq!(
        v(272),
        (0..4).fold(0u128, |acc, i| acc | (u128::from(h(i)) << (32 * i)))
    );
    let w = |i: usize| u32::from_le_bytes(bytes[4 * i..4 * i + 4].try_into().unwrap());
    assert_eq!(
        v(288),
        u128::from(w(0) as i32 as i64 as u64) | (u128::from(w(1) as i32 as i64 as u64) << 64)
    );
    assert_eq!(v(304), u128::from_le_bytes([0xf8; 16]));
    assert_eq!(v(320), lanes16(&|_| 0xf9f8));
    assert_eq!(v(336), u128::from(w(0)) * (1 | 1 << 32 | 1 << 64 | 1 << 96));
    let d = u64::from_le_bytes(bytes);
    assert_eq!(v(352), u128::from(d) | (u128::from(d) << 64));
    assert_eq!(v(368), u128::from(w(0)));
    assert_eq!(v(384), u128::from(d));

    // load_lane / store_lane.
    call!(s, "simd_lanes", i32 => (), 0).unwrap();
    let m1 = s.m1.data(&s.store);
    let v = |at: usize| u128::from_le_bytes(m1[at..at + 16].try_into().unwrap());
    // load8_lane 1 (f8), then load16_lane 1 (f9f8 over bytes 2..4), then
    // load32_lane 2 (fbfaf9f8 at bytes 8..12); byte 1 keeps f8.
    let mut want = [0u8; 16];
    want[1] = 0xf8;
    want[2..4].copy_from_slice(&[0xf8, 0xf9]);
    want[8..12].copy_from_slice(&[0xf8, 0xf9, 0xfa, 0xfb]);
    assert_eq!(v(400), u128::from_le_bytes(want));
    assert_eq!(v(416), u128::from(d) << 64);
    // Lanes of memory 2's 20 21 .. 27 88 .. 8f.
    assert_eq!(m1[432], 0x8f);
    assert_eq!(&m1[434..436], &[0x22, 0x23]);
    assert_eq!(&m1[436..440], &[0x24, 0x25, 0x26, 0x27]);
    assert_eq!(&m1[440..448], &[0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f]);
}

#[test]
fn memories_imported_at_other_indices() {
    // Two imported memories (memory 1 is the second import) and one
    // defined; the same store memory imported twice aliases.
    let engine = engine();
    let module = Module::new(
        &engine,
        r#"(module
            (import "env" "a" (memory $a 1))
            (import "env" "b" (memory $b 1))
            (memory $c 1)
            (func (export "b_to_c") (param i32) (result i32)
                local.get 0 local.get 0 i32.load $b i32.store $c
                local.get 0 i32.load $c)
            (func (export "store_a_load_b") (param i32 i32) (result i32)
                local.get 0 local.get 1 i32.store $a
                local.get 0 i32.load $b)
            (func (export "grow_b") (result i32) i32.const 1 memory.grow $b)
            (func (export "load_a") (param i32) (result i32) local.get 0 i32.load $a))"#,
    )
    .unwrap();
    let mut store = Store::new(&engine, ());
    let a = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
    let b = Memory::new(&mut store, MemoryType::new(1, None)).unwrap();
    b.data_mut(&mut store)[4..8].copy_from_slice(&7u32.to_le_bytes());
    let mut linker = Linker::new(&engine);
    linker.define("env", "a", a).unwrap();
    linker.define("env", "b", b).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let b_to_c = inst.get_typed_func::<i32, i32>(&store, "b_to_c").unwrap();
    assert_eq!(b_to_c.call(&mut store, 4).unwrap(), 7);
    let store_a_load_b = inst
        .get_typed_func::<(i32, i32), i32>(&store, "store_a_load_b")
        .unwrap();
    assert_eq!(store_a_load_b.call(&mut store, (4, 9)).unwrap(), 7);

    // The same memory as 0 and 1: growing it through index 1 is seen
    // through index 0 (the cached memory-0 length is reloaded).
    let mut linker = Linker::new(&engine);
    linker.define("env", "a", a).unwrap();
    linker.define("env", "b", a).unwrap();
    let inst = linker.instantiate(&mut store, &module).unwrap();
    let store_a_load_b = inst
        .get_typed_func::<(i32, i32), i32>(&store, "store_a_load_b")
        .unwrap();
    assert_eq!(store_a_load_b.call(&mut store, (4, 11)).unwrap(), 11);
    let grow_b = inst.get_typed_func::<(), i32>(&store, "grow_b").unwrap();
    assert_eq!(grow_b.call(&mut store, ()).unwrap(), 1);
    let load_a = inst.get_typed_func::<i32, i32>(&store, "load_a").unwrap();
    assert_eq!(load_a.call(&mut store, 65536).unwrap(), 0);
    assert_eq!(a.size(&store), 2);
}

#[test]
fn multiple_memories_need_the_proposal() {
    let mut config = Config::new();
    config.wasm_version(concord_core::WasmVersion::V2);
    let engine = Engine::with_backend(&config, Arc::new(Interpreter::new())).unwrap();
    let err = Module::new(&engine, "(module (memory 1) (memory 1))").unwrap_err();
    assert!(err.to_string().contains("multiple memories"), "{err}");
    // Classified as a disabled feature (the CLI then names the `-W` switch).
    let decode = err.as_decode().unwrap_or_else(|| panic!("not a decode error: {err}"));
    assert_eq!(decode.kind, concord_core::DecodeErrorKind::FeatureDisabled, "{err}");
    // One memory stays fine.
    Module::new(&engine, "(module (memory 1))").unwrap();
}
