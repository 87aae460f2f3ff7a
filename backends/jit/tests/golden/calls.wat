;; Calls through entries (an import, a function of the module, a table)
;; and a function with more parameters than registers (cells convention).
(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $g $h)
  (type $t (func (param i32) (result i32)))
  (func $g (param i32) (result i32)
    local.get 0
    call $f
    call $h)
  (func $h (param i32) (result i32)
    local.get 0
    i32.const 1
    call_indirect (type $t))
  (func $many (param i64 i64 i64 i64 i64) (result i64)
    local.get 4))
