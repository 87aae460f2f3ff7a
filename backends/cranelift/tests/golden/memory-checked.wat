;; The same accesses without guard pages: explicit bounds checks.
(module
  (memory 1)
  (func $copy (export "copy") (param i32 i32)
    (i64.store offset=8 (local.get 0) (i64.load (local.get 1)))))
