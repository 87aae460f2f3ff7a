;; A counting loop with epoch interruption: a check at entry and one at the
;; loop header, each a load of the engine's epoch, a compare with the
;; store's deadline and a branch to an out-of-line call of `EpochReached`.
(module
  (memory 1)
  (func $sum (export "sum") (param i32) (result i32) (local i32)
    block
      loop
        local.get 0
        i32.eqz
        br_if 1
        local.get 1
        local.get 0
        i32.load
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
