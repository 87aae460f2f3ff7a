;; A 64-bit memory (memory64, Wasm 3.0) with bulk memory operations.
(module
  (memory (export "memory") i64 1 16)
  (data (i64.const 16) "hello")
  (func (export "fill") (param i64 i32 i64)
    (memory.fill (local.get 0) (local.get 1) (local.get 2))))
