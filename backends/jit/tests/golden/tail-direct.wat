;; Tail calls between functions of one batch: `jmp rel32` after the frame
;; is torn down, in the native convention (arguments in registers) and in
;; the cells convention (arguments in the caller's own incoming cells).
(module
  (func $even (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0))
      (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
  (func $wide (param i64 i64 i64 i64 i64) (result i64)
    (return_call $wide (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 0))))
