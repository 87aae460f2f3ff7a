//! Backtrace frames name the instruction each frame was executing (the
//! trapping one in the innermost frame, the call in the others) by its byte
//! offset in the module's binary and in its function's body, and the
//! instance the frame ran in, on every tier, in tier mixes and under
//! tier-up.

mod common;

use concord::core::wasmparser::{Operator, Parser, Payload};
use concord::{Config, Engine, FrameInfo, Instance, Linker, Module, Store, TierUpPath, TrapCode};

const WAT: &str = r#"(module $m
  (memory 1)
  (func $inner (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    drop
    unreachable)
  (func $middle (param i32) (result i32)
    local.get 0
    i32.const 2
    i32.mul
    call $inner)
  (func $outer (export "unreachable") (param i32) (result i32)
    nop
    local.get 0
    call $middle
    i32.const 1
    i32.add)
  (func $load (param i32) (result i32)
    local.get 0
    i32.load offset=4)
  (func $oob (export "oob") (param i32) (result i32)
    local.get 0
    call $load)
  (func $divs (param i32) (result i32)
    i32.const 7
    local.get 0
    i32.div_u
    local.get 0
    i32.const 1
    i32.sub
    i32.div_u)
  (func $div (export "div") (param i32) (result i32)
    local.get 0
    call $divs))"#;

/// Function indices of `WAT`.
const INNER: u32 = 0;
const MIDDLE: u32 = 1;
const OUTER: u32 = 2;
const LOAD: u32 = 3;
const OOB: u32 = 4;
const DIVS: u32 = 5;
const DIV: u32 = 6;

/// Where each function's body starts in the binary, and the offset of
/// every operator of it, with the operator's name.
struct Layout {
    bodies: Vec<(u32, Vec<(u32, String)>)>,
}

impl Layout {
    fn of(binary: &[u8]) -> Layout {
        let mut bodies = Vec::new();
        for payload in Parser::new(0).parse_all(binary) {
            if let Payload::CodeSectionEntry(body) = payload.unwrap() {
                let start = body.range().start as u32;
                let mut ops = Vec::new();
                let mut reader = body.get_operators_reader().unwrap();
                while !reader.eof() {
                    let (op, offset) = reader.read_with_offset().unwrap();
                    let name = match op {
                        Operator::Unreachable => "unreachable",
                        Operator::Call { .. } => "call",
                        Operator::I32Load { .. } => "i32.load",
                        Operator::I32DivU => "i32.div_u",
                        Operator::Throw { .. } => "throw",
                        _ => "other",
                    };
                    ops.push((offset as u32, name.to_string()));
                }
                bodies.push((start, ops));
            }
        }
        Layout { bodies }
    }

    /// The offset of the `nth` operator named `name` in function `func`.
    fn at(&self, func: u32, name: &str, nth: usize) -> u32 {
        let (_, ops) = &self.bodies[func as usize];
        ops.iter()
            .filter(|(_, n)| n == name)
            .nth(nth)
            .unwrap_or_else(|| panic!("no {name} #{nth} in function {func}"))
            .0
    }

    fn body_start(&self, func: u32) -> u32 {
        self.bodies[func as usize].0
    }
}

/// Checks one frame: its function, and its instruction at `offset`.
fn check_frame(frame: &FrameInfo, func: u32, offset: u32, layout: &Layout, what: &str) {
    assert_eq!(frame.func_index, func, "{what}: {frame:?}");
    assert_eq!(frame.module_offset, Some(offset), "{what}: {frame:?}");
    assert_eq!(
        frame.func_offset,
        Some(offset - layout.body_start(func)),
        "{what}: {frame:?}"
    );
}

fn configs() -> Vec<(String, Config)> {
    common::tier_configs(
        &[1, 2, 3, 4],
        &[(0, TierUpPath::Cranelift), (0, TierUpPath::JitThenCranelift)],
    )
}

fn call_trap(store: &mut Store<()>, instance: Instance, export: &str, arg: i32) -> concord::Trap {
    let f = instance.get_typed_func::<i32, i32>(&*store, export).unwrap();
    let err = f.call(&mut *store, arg).unwrap_err();
    err.as_trap()
        .unwrap_or_else(|| panic!("{export}: not a trap: {err}"))
        .clone()
}

#[test]
fn frames_name_the_trapping_instruction_and_the_calls_on_every_tier() {
    let binary = wat::parse_str(WAT).unwrap();
    let layout = Layout::of(&binary);
    for (name, mut config) in configs() {
        for reservation in [config.memory_reservation, 0] {
            config.memory_reservation = reservation;
            let what = format!("{name}, reservation {reservation}");
            let engine = Engine::new(&config).unwrap();
            let module = Module::new(&engine, &binary).unwrap();
            let mut store = Store::new(&engine, ());
            let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();

            // Twice: under tier-up the second call runs compiled code.
            for _ in 0..2 {
                let trap = call_trap(&mut store, instance, "unreachable", 5);
                assert_eq!(trap.code(), TrapCode::Unreachable, "{what}");
                let frames = trap.backtrace();
                assert_eq!(frames.len(), 3, "{what}: {trap}");
                check_frame(&frames[0], INNER, layout.at(INNER, "unreachable", 0), &layout, &what);
                check_frame(&frames[1], MIDDLE, layout.at(MIDDLE, "call", 0), &layout, &what);
                check_frame(&frames[2], OUTER, layout.at(OUTER, "call", 0), &layout, &what);
                for frame in frames {
                    assert_eq!(frame.instance, Some(instance), "{what}: {frame:?}");
                }
                // The display shows each frame's offset in the binary.
                let text = trap.to_string();
                let line = format!("0: {:#6x} - m!inner", layout.at(INNER, "unreachable", 0));
                assert!(text.contains(&line), "{what}: {text}");
                let line = format!("2: {:#6x} - m!outer", layout.at(OUTER, "call", 0));
                assert!(text.contains(&line), "{what}: {text}");

                let trap = call_trap(&mut store, instance, "oob", 65533);
                assert_eq!(trap.code(), TrapCode::MemoryOutOfBounds, "{what}");
                let frames = trap.backtrace();
                assert_eq!(frames.len(), 2, "{what}: {trap}");
                check_frame(&frames[0], LOAD, layout.at(LOAD, "i32.load", 0), &layout, &what);
                check_frame(&frames[1], OOB, layout.at(OOB, "call", 0), &layout, &what);

                // The second division traps. The JIT shares one trap stub
                // per trap code in a function, so with two divisions it
                // cannot tell which one jumped there: its frame may have no
                // offset, but never a wrong one.
                let trap = call_trap(&mut store, instance, "div", 1);
                assert_eq!(trap.code(), TrapCode::IntegerDivisionByZero, "{what}");
                let frames = trap.backtrace();
                assert_eq!(frames.len(), 2, "{what}: {trap}");
                let second = layout.at(DIVS, "i32.div_u", 1);
                if name == "jit" || name.starts_with("mix-") || name.starts_with("auto-") {
                    assert_eq!(frames[0].func_index, DIVS, "{what}");
                    assert!(
                        frames[0].module_offset.is_none() || frames[0].module_offset == Some(second),
                        "{what}: {:?}",
                        frames[0]
                    );
                } else {
                    check_frame(&frames[0], DIVS, second, &layout, &what);
                }
                check_frame(&frames[1], DIV, layout.at(DIV, "call", 0), &layout, &what);
            }
        }
    }
}

#[test]
fn frames_name_their_instance() {
    let binary = wat::parse_str(WAT).unwrap();
    let layout = Layout::of(&binary);
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &binary).unwrap();
        let other = Module::new(&engine, r#"(module (func (export "f")))"#).unwrap();
        let mut store = Store::new(&engine, ());
        let mut linker = Linker::new(&engine);
        linker.instantiate(&mut store, &other).unwrap();
        let first = linker.instantiate(&mut store, &module).unwrap();
        let trap = call_trap(&mut store, first, "unreachable", 1);
        for frame in trap.backtrace() {
            assert_eq!(frame.instance, Some(first), "{name}: {frame:?}");
        }
        // A second instance of the same module: the interpreter knows each
        // frame's instance; machine code knows it only when the store
        // holds one instance of the module, and never names the wrong one.
        let second = linker.instantiate(&mut store, &module).unwrap();
        assert_ne!(first, second);
        for instance in [first, second] {
            let trap = call_trap(&mut store, instance, "unreachable", 1);
            let frames = trap.backtrace();
            assert_eq!(frames.len(), 3, "{name}: {trap}");
            check_frame(&frames[0], INNER, layout.at(INNER, "unreachable", 0), &layout, &name);
            for frame in frames {
                if name == "interp" {
                    assert_eq!(frame.instance, Some(instance), "{name}: {frame:?}");
                } else {
                    assert!(
                        frame.instance.is_none() || frame.instance == Some(instance),
                        "{name}: {frame:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_frame_stopped_at_its_entry_is_at_the_start_of_its_body() {
    // Out of fuel at the first fuel check of the callee: before its first
    // instruction, at offset 0 of its body, on every tier.
    let binary = wat::parse_str(
        r#"(module
             (func $callee (result i32) (i32.const 1))
             (func (export "run") (result i32) (call $callee)))"#,
    )
    .unwrap();
    let layout = Layout::of(&binary);
    for (name, mut config) in configs() {
        config.consume_fuel(true);
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &binary).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let run = instance.get_typed_func::<(), i32>(&store, "run").unwrap();
        // The caller's block (the call) costs 1; nothing is left for the
        // callee's.
        store.set_fuel(1).unwrap();
        let err = run.call(&mut store, ()).unwrap_err();
        let trap = err.as_trap().unwrap();
        assert_eq!(trap.code(), TrapCode::OutOfFuel, "{name}");
        let frames = trap.backtrace();
        assert_eq!(frames.len(), 2, "{name}: {trap}");
        assert_eq!(frames[0].func_index, 0, "{name}");
        assert_eq!(frames[0].module_offset, Some(layout.body_start(0)), "{name}: {trap}");
        assert_eq!(frames[0].func_offset, Some(0), "{name}: {trap}");
        check_frame(&frames[1], 1, layout.at(1, "call", 0), &layout, &name);
    }
}

#[test]
fn an_uncaught_exception_names_the_throw_and_the_calls() {
    let binary = wat::parse_str(
        r#"(module
             (tag $e (param i32))
             (func $thrower (param i32)
               local.get 0
               throw $e)
             (func $middle (param i32)
               local.get 0
               i32.const 1
               i32.add
               call $thrower)
             (func (export "run") (param i32)
               local.get 0
               call $middle))"#,
    )
    .unwrap();
    let layout = Layout::of(&binary);
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, &binary).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Linker::new(&engine).instantiate(&mut store, &module).unwrap();
        let run = instance.get_typed_func::<i32, ()>(&store, "run").unwrap();
        for _ in 0..2 {
            let err = run.call(&mut store, 7).unwrap_err();
            let trap = err.as_trap().unwrap();
            assert_eq!(trap.code(), TrapCode::UncaughtException, "{name}");
            let frames = trap.backtrace();
            assert_eq!(frames.len(), 3, "{name}: {trap}");
            check_frame(&frames[0], 0, layout.at(0, "throw", 0), &layout, &name);
            check_frame(&frames[1], 1, layout.at(1, "call", 0), &layout, &name);
            check_frame(&frames[2], 2, layout.at(2, "call", 0), &layout, &name);
        }
    }
}
