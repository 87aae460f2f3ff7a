;; The fuel test of `tests.rs`: every kind of fuel-block boundary.
(module
  (memory 1)
  (table 4 funcref)
  (elem (i32.const 0) $a $b)
  (type $t (func (param i32) (result i32)))
  (func $a (type $t) local.get 0 i32.const 1 i32.add)
  (func $b (type $t)
    block (result i32)
      i32.const 7
      local.get 0
      br_if 0
      drop
      i32.const 9
      return
      i32.const 1
      drop
    end)
  (func (export "run") (param $n i32) (result i32)
    (local $acc i32) (local $i i32)
    loop $l
      block $b3 block $b2 block $b1 block $b0
        local.get $i i32.const 4 i32.rem_u
        br_table $b0 $b1 $b2 $b3
      end
        local.get $acc i32.const 3 i32.add local.set $acc
        br $b3
        nop nop i32.const 0 drop
      end
        (local.set $acc (call_indirect (type $t) (local.get $acc) (i32.const 0)))
        br $b3
      end
        (local.set $acc (call_indirect (type $t) (local.get $acc) (i32.const 1)))
        (if (i32.and (local.get $i) (i32.const 1)) (then (local.set $acc (i32.add (local.get $acc) (i32.const 100)))))
      end
      (if (result i32) (i32.gt_u (local.get $i) (i32.const 5))
        (then (i32.const 1))
        (else (i32.const 2) (br 0) (unreachable)))
      local.get $acc
      i32.add
      local.set $acc
      (i32.store (i32.const 16) (local.get $acc))
      (local.set $acc (i32.load (i32.const 16)))
      block
        local.get $acc
        loop (param i32) (result i32)
          i32.const 1 i32.sub
          local.tee $acc
          local.get $acc
          i32.const 10
          i32.gt_u
          br_if 0
        end
        local.set $acc
        local.get $i
        i32.const 3
        i32.eq
        br_if 0
        memory.size drop
      end
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n)))
    end
    local.get $acc)
)
