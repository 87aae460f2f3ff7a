;; Call overhead across the host boundary. `run(n)` calls the imported host
;; function `bench.host_inc` n times from a Wasm loop (Wasm -> host), so
;; `run(n)` = n when `host_inc(x)` = x + 1. The `host_to_wasm` bench calls the
;; trivial export `inc` from Rust, once per iteration.
(module
  (import "bench" "host_inc" (func $host_inc (param i32) (result i32)))
  (func (export "inc") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $top
        (local.set $acc (call $host_inc (local.get $acc)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $top (i32.lt_u (local.get $i) (local.get $n)))))
    (i64.extend_i32_u (local.get $acc))))
