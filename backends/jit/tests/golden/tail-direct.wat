;; Tail calls between functions of one batch: `jmp rel32` after the frame
;; is torn down, in the native convention (arguments in registers) and in
;; the wide convention (arguments in `VmRuntime::tail_args`, pointed to by
;; `rdx`; results in registers, or in the caller's own results cells,
;; pointed to by `rcx`), between types of either.
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
    (return_call $wide (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 0)))
  (func $narrow (param i64) (result i64)
    (return_call $wide (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0)))
  (func $cells (param i64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (return_call $cells2 (local.get 0) (f64.const 1.5)))
  (func $cells2 (param i64 f64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (return_call $cells (local.get 0))))
