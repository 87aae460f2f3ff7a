;; Exception handling (Wasm 3.0): a tag, `throw` and `try_table`, with a
;; WASI import that concord provides.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (tag $oops (param i32))
  (func (export "_start")
    (block $caught (result i32)
      (try_table (catch $oops $caught)
        (throw $oops (i32.const 3)))
      (i32.const 0))
    (call $exit)))
