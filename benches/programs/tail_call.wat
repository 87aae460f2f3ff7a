;; Tail calls: the Collatz step counts of 1..=n summed, every step a tail
;; call. `$next` dispatches on the parity through `return_call_indirect`,
;; `$even` and `$odd` step and `return_call` back, and the outer loop is a
;; tail-recursive function too: no frame outlives its call, so the stack
;; stays flat however long the chains get.
(module
  (type $step (func (param i64 i64) (result i64)))
  (table $states 2 funcref)
  (elem (table $states) (i32.const 0) func $even $odd)

  (func $next (param $n i64) (param $steps i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (local.get $steps))
      (else
        (return_call_indirect $states (type $step)
          (local.get $n) (local.get $steps)
          (i32.wrap_i64 (i64.and (local.get $n) (i64.const 1)))))))

  (func $even (param $n i64) (param $steps i64) (result i64)
    (return_call $next
      (i64.shr_u (local.get $n) (i64.const 1))
      (i64.add (local.get $steps) (i64.const 1))))

  (func $odd (param $n i64) (param $steps i64) (result i64)
    (return_call $next
      (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1))
      (i64.add (local.get $steps) (i64.const 1))))

  (func $sum (param $i i64) (param $n i64) (param $acc i64) (result i64)
    (if (result i64) (i64.gt_u (local.get $i) (local.get $n))
      (then (local.get $acc))
      (else
        (return_call $sum
          (i64.add (local.get $i) (i64.const 1))
          (local.get $n)
          (i64.add (local.get $acc) (call $next (local.get $i) (i64.const 0)))))))

  (func (export "run") (param $n i32) (result i64)
    (call $sum (i64.const 1) (i64.extend_i32_u (local.get $n)) (i64.const 0))))
