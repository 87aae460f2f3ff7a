;; Calls: to a defined function, to an import, and through a table. Every
;; call goes through the function-reference table; a callee without native
;; code is reached through the adapter of its type.
(module
  (type $t (func (param i32) (result i32)))
  (import "env" "host" (func $host (param i32) (result i32)))
  (table 1 funcref)
  (func $local (param i32) (result i32) (local.get 0))
  (func $calls (export "calls") (param i32) (result i32)
    (call $local (local.get 0))
    (call $host)
    (call_indirect (type $t) (i32.const 0))))
