;; The same accesses without guard pages: explicit checks against the length.
(module
  (memory 1)
  (func $copy (export "copy") (param i32 i32)
    local.get 0
    local.get 1
    i64.load offset=8
    i64.store offset=16)
  (func $byte (export "byte") (param i32) (result i32)
    local.get 0
    i32.load8_s))
