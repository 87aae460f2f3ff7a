;; SIMD: a v128 parameter and result in xmm registers, a constant from the
;; function's pool, a load that is its own bounds check, and two of the
;; emulated operations (i8x16.shl by a register count, i64x2.mul).
(module
  (memory 1)
  (func $mix (export "mix") (param v128 i32) (result v128)
    local.get 0
    v128.const i32x4 1 2 3 4
    i32x4.add
    local.get 1
    v128.load offset=16
    i64x2.mul
    local.get 1
    i8x16.shl)
  (func $min (export "min") (param v128 v128) (result v128)
    local.get 0
    local.get 1
    f32x4.min))
