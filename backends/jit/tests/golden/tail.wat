;; Tail calls through entries: a jump in the native convention (the array
;; path offers the callee to finish an interpreted function's tail call,
;; RFC 0008), a call and a return in the cells convention.
(module
  (import "env" "host" (func $host (param i64) (result i64)))
  (type $t (func (param i64) (result i64)))
  (table 1 funcref)
  (func $self (param i64) (result i64)
    (return_call $self (local.get 0)))
  (func $indirect (param i64) (result i64)
    (return_call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func $to_host (param i64) (result i64)
    (return_call $host (local.get 0)))
  (func $wide (param i64 i64 i64 i64 i64) (result i64)
    (return_call $wide (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4))))
