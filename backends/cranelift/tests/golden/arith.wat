;; Integer arithmetic and locals.
(module
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $divs (export "divs") (param i64 i64) (result i64)
    (i64.div_s (local.get 0) (local.get 1))))
