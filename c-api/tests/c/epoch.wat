;; concord.h's epoch interruption and resource limits (api_test.c).
(module
  (memory (export "memory") 1)
  (func (export "forever") (loop $l (br $l)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
