;; The module of api_test.c's backtrace checks: "run" calls $inner, which
;; calls the host and then traps. Where the `unreachable` and the `call
;; $inner` are in the binary is written to frames.expected by the tests.
(module
  (import "host" "nop" (func $nop))
  (func $inner (param i32) (result i32)
    (call $nop)
    (drop (local.get 0))
    (unreachable))
  (func (export "run") (param i32) (result i32)
    (i32.add (call $inner (local.get 0)) (i32.const 1))))
