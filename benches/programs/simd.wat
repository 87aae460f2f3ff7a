;; SIMD loop: saxpy (y += a * x) fused with a dot product (acc += x * y) in
;; f32x4 over two arrays of 4096 floats, plus an i32x4 checksum of the bits of
;; y. `run(passes)` initialises the arrays with scalar stores, makes `passes`
;; passes, and returns the bits of the horizontal f32 sum (low 32 bits) and
;; the horizontal i32 checksum (high 32 bits).
(module
  (memory 1)
  ;; x at 0, y at 16384, 4096 lanes each
  (func (export "run") (param $passes i32) (result i64)
    (local $i i32) (local $p i32) (local $xv v128) (local $yv v128)
    (local $acc v128) (local $sum v128) (local $a v128) (local $f f32)
    ;; x[i] = (i % 17) * 0.25; y[i] = (i % 13) - 6
    (loop $init
      (f32.store (i32.shl (local.get $i) (i32.const 2))
        (f32.mul (f32.convert_i32_u (i32.rem_u (local.get $i) (i32.const 17))) (f32.const 0.25)))
      (f32.store offset=16384 (i32.shl (local.get $i) (i32.const 2))
        (f32.convert_i32_s (i32.sub (i32.rem_u (local.get $i) (i32.const 13)) (i32.const 6))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $init (i32.lt_u (local.get $i) (i32.const 4096))))
    (local.set $a (f32x4.splat (f32.const 0.5)))
    (block $done
      (br_if $done (i32.eqz (local.get $passes)))
      (loop $pass
        (local.set $i (i32.const 0))
        (loop $chunk
          (local.set $xv (v128.load (local.get $i)))
          (local.set $yv (f32x4.add (v128.load offset=16384 (local.get $i)) (f32x4.mul (local.get $a) (local.get $xv))))
          (v128.store offset=16384 (local.get $i) (local.get $yv))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $xv) (local.get $yv))))
          (local.set $sum (i32x4.add (local.get $sum) (i32x4.shr_u (local.get $yv) (i32.const 7))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br_if $chunk (i32.lt_u (local.get $i) (i32.const 16384))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $pass (i32.lt_u (local.get $p) (local.get $passes)))))
    (local.set $f
      (f32.add
        (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
          (f32x4.extract_lane 2 (local.get $acc)))
        (f32x4.extract_lane 3 (local.get $acc))))
    (i64.or
      (i64.shl
        (i64.extend_i32_u
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
            (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
        (i64.const 32))
      (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f))))))
