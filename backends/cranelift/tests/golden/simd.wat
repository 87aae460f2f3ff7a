;; A few vector operations.
(module
  (memory 1)
  (func $dot (export "dot") (param i32) (result i32)
    (local v128)
    (local.set 1 (i32x4.add (v128.load (local.get 0)) (v128.load offset=16 (local.get 0))))
    (i32x4.extract_lane 0
      (i32x4.dot_i16x8_s (local.get 1) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 1) (local.get 1))))))
