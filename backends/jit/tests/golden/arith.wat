;; Integer arithmetic with constants folded as immediates, a comparison
;; fused with the branch that uses it, and a float operation.
(module
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add
    i32.const 7
    i32.mul)
  (func $max (export "max") (param i64 i64) (result i64)
    local.get 0
    local.get 1
    i64.gt_s
    if (result i64)
      local.get 0
    else
      local.get 1
    end)
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func $hypot (export "hypot") (param f64 f64) (result f64)
    local.get 0
    local.get 0
    f64.mul
    local.get 1
    local.get 1
    f64.mul
    f64.add
    f64.sqrt))
