;; A module with one import, for instantiation and linking errors.
(module
  (import "env" "needed" (func $needed (result i32)))
  (func (export "get") (result i32) (call $needed)))
