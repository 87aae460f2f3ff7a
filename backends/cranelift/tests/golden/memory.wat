;; Memory accesses with guard pages: no bounds checks, faulting accesses.
(module
  (memory 1)
  (func $copy (export "copy") (param i32 i32)
    (i64.store offset=8 (local.get 0) (i64.load (local.get 1))))
  (func $grow (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0))))
