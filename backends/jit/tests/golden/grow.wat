;; memory.grow and table.grow call the core; a result of -2 (GROW_TRAPPED:
;; the store's resource limiter stopped the guest) propagates the failure.
(module
  (memory 1)
  (table 1 funcref)
  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))
  (func (export "grow_table") (param i32) (result i32)
    (table.grow (ref.null func) (local.get 0))))
