;; A 64-bit memory and a 64-bit table (memory64), with guard pages
;; configured: every access to the 64-bit memory is still checked
;; explicitly against the current length, in 64 bits (`addr <= length -
;; (offset + size)`); an offset of 2^32 or more is folded into the
;; address; an offset whose end overflows `u64` always traps. The table's
;; index is compared in 64 bits; sizes and growth results are `i64`s, and
;; the base is loaded with mutable-state flags (the memory may move).
(module
  (memory i64 1)
  (table i64 2 funcref)
  (type $t (func (result i32)))
  (func $load (export "load") (param i64) (result i64)
    local.get 0
    i64.load offset=8)
  (func $store_far (export "store_far") (param i64 i32)
    local.get 0
    local.get 1
    i32.store offset=0x100000000)
  (func $overflow (export "overflow") (param i64) (result i32)
    local.get 0
    i32.load8_u offset=0xffffffffffffffff)
  (func $grow (export "grow") (param i64) (result i64)
    local.get 0
    memory.grow
    memory.size
    i64.add)
  (func $indirect (export "indirect") (param i64) (result i32)
    local.get 0
    call_indirect (type $t))
  (func $table (export "table") (param i64) (result i64)
    local.get 0
    table.get 0
    i64.const 1
    table.grow 0
    table.size 0
    i64.add))
