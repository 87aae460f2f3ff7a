//! Epoch interruption on every tier: a guest stuck in a loop, in a chain
//! of calls or in its start function is stopped from another thread with
//! `Engine::increment_epoch`; a deadline callback can let it go on (and
//! may grow its memory meanwhile) or stop it with its own error.

mod common;

use concord::{Config, Engine, Instance, Module, Store, TierUpPath, Trap, TrapCode, UpdateDeadline};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Every tier compiled in, a tier mix, and `auto` tiering up at once (so
/// that loops move to compiled code by OSR), all with epoch interruption.
fn configs() -> Vec<(String, Config)> {
    let mut configs = common::tier_configs(&[3], &[(0, TierUpPath::Cranelift)]);
    for (_, config) in &mut configs {
        config.epoch_interruption(true);
    }
    configs
}

/// Increments `engine`'s epoch every 10 ms until dropped.
struct Ticker {
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Ticker {
    fn start(engine: &Engine) -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        let engine = engine.clone();
        let flag = stop.clone();
        let thread = thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(10));
                engine.increment_epoch();
            }
        });
        Ticker {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

fn trap_code(err: &concord::Error) -> Option<TrapCode> {
    err.as_trap().map(Trap::code)
}

const SPIN: &str = r#"(module
  (func (export "spin") (loop $l (br $l)))
  (func $leaf (result i32) (i32.const 1))
  ;; No loop: only function entries are checked.
  (func (export "calls") (result i32)
    (call $leaf) (call $leaf) (i32.add))
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i)))"#;

#[test]
fn an_infinite_loop_is_interrupted_from_another_thread() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, SPIN).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let spin = instance.get_typed_func::<(), ()>(&store, "spin").unwrap();
        store.set_epoch_deadline(1).unwrap();
        let ticker = engine.clone();
        let started = Instant::now();
        let t = thread::spawn(move || {
            thread::sleep(Duration::from_millis(50));
            ticker.increment_epoch();
        });
        let err = spin.call(&mut store, ()).unwrap_err();
        t.join().unwrap();
        assert_eq!(trap_code(&err), Some(TrapCode::Interrupted), "{name}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name}: took {:?}",
            started.elapsed()
        );
        assert!(err.to_string().contains("interrupt"), "{name}: {err}");
    }
}

#[test]
fn function_entries_are_checked_and_a_new_deadline_lets_code_run() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, SPIN).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let calls = instance.get_typed_func::<(), i32>(&store, "calls").unwrap();
        let count = instance.get_typed_func::<i32, i32>(&store, "count").unwrap();
        // Without a deadline, nothing stops.
        assert_eq!(calls.call(&mut store, ()).unwrap(), 2, "{name}");
        // A deadline already reached: the first function entry stops.
        store.set_epoch_deadline(0).unwrap();
        let err = calls.call(&mut store, ()).unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::Interrupted), "{name}: {err}");
        let err = count.call(&mut store, 1000).unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::Interrupted), "{name}: {err}");
        // A deadline in the future: it runs to the end.
        store.set_epoch_deadline(5).unwrap();
        assert_eq!(calls.call(&mut store, ()).unwrap(), 2, "{name}");
        assert_eq!(count.call(&mut store, 100_000).unwrap(), 100_000, "{name}");
        engine.increment_epoch();
        assert_eq!(count.call(&mut store, 10).unwrap(), 10, "{name}");
    }
}

#[test]
fn a_start_function_is_interrupted() {
    let wat = r#"(module (func $start (loop $l (br $l))) (start $start))"#;
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        store.set_epoch_deadline(2).unwrap();
        let _ticker = Ticker::start(&engine);
        let err = Instance::new(&mut store, &module, &[]).unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::Interrupted), "{name}: {err}");
    }
}

#[test]
fn a_deadline_callback_continues_then_stops_the_guest() {
    for (name, config) in configs() {
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, SPIN).unwrap();
        let mut store = Store::new(&engine, 0u32);
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let spin = instance.get_typed_func::<(), ()>(&store, "spin").unwrap();
        store.epoch_deadline_callback(|mut ctx| {
            *ctx.data_mut() += 1;
            if *ctx.data() < 3 {
                Ok(UpdateDeadline::Continue(1))
            } else {
                Err(concord::Error::host("enough"))
            }
        });
        store.set_epoch_deadline(1).unwrap();
        let _ticker = Ticker::start(&engine);
        let err = spin.call(&mut store, ()).unwrap_err();
        assert!(err.to_string().contains("enough"), "{name}: {err}");
        assert_eq!(*store.data(), 3, "{name}");
        // Back to trapping at the deadline.
        store.epoch_deadline_trap();
        store.set_epoch_deadline(1).unwrap();
        let err = spin.call(&mut store, ()).unwrap_err();
        assert_eq!(trap_code(&err), Some(TrapCode::Interrupted), "{name}: {err}");
    }
}

/// The callback grows the guest's memory while the guest waits for it in a
/// loop, without a reservation (so the memory moves): the guest then reads
/// what the callback wrote in the new page.
#[test]
fn a_deadline_callback_may_grow_memory() {
    let wat = r#"(module
      (memory (export "m") 1)
      (func (export "wait") (result i32)
        (loop $l
          (br_if $l (i32.lt_u (memory.size) (i32.const 2))))
        (i32.load (i32.const 65636))))"#;
    for (name, mut config) in configs() {
        config.memory_reservation = 0;
        let engine = Engine::new(&config).unwrap();
        let module = Module::new(&engine, wat).unwrap();
        let mut store = Store::new(&engine, ());
        let instance = Instance::new(&mut store, &module, &[]).unwrap();
        let memory = instance.get_memory(&store, "m").unwrap();
        let wait = instance.get_typed_func::<(), i32>(&store, "wait").unwrap();
        store.epoch_deadline_callback(move |mut ctx| {
            memory.grow(&mut ctx, 1)?;
            memory.write(&mut ctx, 65636, &0x5eed_u32.to_le_bytes())?;
            Ok(UpdateDeadline::Continue(1))
        });
        store.set_epoch_deadline(1).unwrap();
        let _ticker = Ticker::start(&engine);
        assert_eq!(wait.call(&mut store, ()).unwrap(), 0x5eed, "{name}");
    }
}

#[test]
fn deadlines_need_epoch_interruption() {
    let engine = Engine::new(&Config::new()).unwrap();
    let mut store = Store::new(&engine, ());
    let err = store.set_epoch_deadline(1).unwrap_err();
    assert!(err.to_string().contains("epoch_interruption"), "{err}");
}
