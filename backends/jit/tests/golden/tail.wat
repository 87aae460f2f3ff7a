;; Tail calls through entries: a jump in the native convention (the array
;; path offers the callee to finish an interpreted function's tail call,
;; RFC 0008), and in the wide convention when the callee's entry has a
;; `wide_call` (else a call of its array call and a return).
(module
  (import "env" "host" (func $host (param i64) (result i64)))
  (type $t (func (param i64) (result i64)))
  (type $w (func (param i64 i64 i64 i64 i64) (result i64)))
  (table 1 funcref)
  (func $self (param i64) (result i64)
    (return_call $self (local.get 0)))
  (func $indirect (param i64) (result i64)
    (return_call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func $to_host (param i64) (result i64)
    (return_call $host (local.get 0)))
  (func $wide (param i64 i64 i64 i64 i64) (result i64)
    (return_call $wide (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func $wide_indirect (param i64) (result i64)
    (return_call_indirect (type $w) (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0)
      (i32.const 0))))
