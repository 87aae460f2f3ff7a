;; GC (Wasm 3.0): a struct type and struct operators, and a typed function
;; reference; tail calls (supported by concord, off by default) too.
(module
  (type $point (struct (field $x (mut i32)) (field $y (mut i32))))
  (type $get (func (param (ref $point)) (result i32)))
  (func $x (type $get) (struct.get $point $x (local.get 0)))
  (func (export "origin_x") (result i32)
    (return_call $x (struct.new $point (i32.const 0) (i32.const 0)))))
