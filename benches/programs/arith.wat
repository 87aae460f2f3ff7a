;; Arithmetic loop: i32 LCG, i32 division, i64 rotate/xor, f64 mul/add and an
;; int->float conversion per iteration. `run(n)` runs n iterations and folds the
;; integer and the float state into one i64 (the float by its bits).
(module
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $x i32) (local $y i64) (local $f f64)
    (local.set $x (i32.const 12345))
    (local.set $y (i64.const 0x0123456789abcdef))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $top
        ;; x = x * 1664525 + 1013904223
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        ;; y = rotl(y + zext(x), 5)
        (local.set $y (i64.rotl (i64.add (local.get $y) (i64.extend_i32_u (local.get $x))) (i64.const 5)))
        ;; y ^= zext(x / ((i & 255) + 1))
        (local.set $y
          (i64.xor (local.get $y)
            (i64.extend_i32_u
              (i32.div_u (local.get $x) (i32.add (i32.and (local.get $i) (i32.const 255)) (i32.const 1))))))
        ;; f = f * 0.75 + f64(x >> 8) * 1e-6
        (local.set $f
          (f64.add (f64.mul (local.get $f) (f64.const 0.75))
            (f64.mul (f64.convert_i32_s (i32.shr_s (local.get $x) (i32.const 8))) (f64.const 1e-6))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $top (i32.lt_u (local.get $i) (local.get $n)))))
    (i64.xor (local.get $y) (i64.reinterpret_f64 (local.get $f)))))
