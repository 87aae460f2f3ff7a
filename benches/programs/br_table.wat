;; br_table dispatch: a state machine with eight states driven by a loop, the
;; next state computed from the running value (a switch in a hot loop, as in
;; an interpreter written in C). `run(n)` takes n steps.
(module
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $state i32) (local $acc i32)
    (local.set $acc (i32.const 0x12345678))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $top
        (block $next
          (block $s7 (block $s6 (block $s5 (block $s4 (block $s3 (block $s2 (block $s1 (block $s0
            (br_table $s0 $s1 $s2 $s3 $s4 $s5 $s6 $s7 $s0 (local.get $state)))
            ;; state 0
            (local.set $acc (i32.add (local.get $acc) (i32.const 0x9e3779b9)))
            (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 29)) (i32.const 7)))
            (br $next))
            ;; state 1
            (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $acc) (i32.const 13))))
            (local.set $state (i32.and (local.get $acc) (i32.const 7)))
            (br $next))
            ;; state 2
            (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const 17))))
            (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 3)) (i32.const 7)))
            (br $next))
            ;; state 3
            (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $acc) (i32.const 5))))
            (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 7)) (i32.const 7)))
            (br $next))
            ;; state 4
            (local.set $acc (i32.mul (local.get $acc) (i32.const 0x01000193)))
            (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 11)) (i32.const 7)))
            (br $next))
            ;; state 5
            (local.set $acc (i32.rotr (local.get $acc) (local.get $i)))
            (local.set $state (i32.and (i32.add (local.get $state) (i32.const 3)) (i32.const 7)))
            (br $next))
            ;; state 6
            (local.set $acc (i32.sub (local.get $acc) (local.get $i)))
            (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 17)) (i32.const 7)))
            (br $next))
          ;; state 7
          (local.set $acc (i32.add (local.get $acc) (i32.popcnt (local.get $acc))))
          (local.set $state (i32.and (i32.shr_u (local.get $acc) (i32.const 23)) (i32.const 7))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $top (i32.lt_u (local.get $i) (local.get $n)))))
    (i64.or (i64.shl (i64.extend_i32_u (local.get $state)) (i64.const 32)) (i64.extend_i32_u (local.get $acc)))))
