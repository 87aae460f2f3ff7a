;; A counting loop with fuel metering: one charge at entry, one at the
;; loop header, one after the loop.
(module
  (func $sum (export "sum") (param i32) (result i32) (local i32)
    block
      loop
        local.get 0
        i32.eqz
        br_if 1
        local.get 1
        local.get 0
        i32.add
        local.set 1
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br 0
      end
    end
    local.get 1))
