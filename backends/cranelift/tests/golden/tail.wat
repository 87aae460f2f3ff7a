;; Tail calls: `return_call` to a colocated function, and through entries
;; (`return_call_indirect` of the callee's `wasm_call`, or of the adapter).
;; Results beyond the registers go through memory: a call passes cells in
;; its frame, a tail call its own results cells, between types of any
;; parameters.
(module
  (import "env" "host" (func $host (param i64) (result i64)))
  (type $t (func (param i64) (result i64)))
  (type $nine (func (param i64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (table 1 funcref)
  (func $self (param i64) (result i64)
    (return_call $self (local.get 0)))
  (func $indirect (param i64) (result i64)
    (return_call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func $to_host (param i64) (result i64)
    (return_call $host (local.get 0)))
  (func $wide (param i64 i64 i64 i64 i64) (result i64)
    (return_call $wide (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
  (func $nine (type $nine)
    (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
    (i64.const 6) (i64.const 7) (i64.const 8) (local.get 0))
  (func $nine_tail (param i64 f64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (return_call_indirect (type $nine) (local.get 0) (i32.const 0)))
  (func $nine_call (param i64) (result i64)
    (call $nine (local.get 0))
    (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop)))
