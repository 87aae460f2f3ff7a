;; Indirect-call dispatch: a loop calling through a table of eight functions,
;; the slot chosen from the running value so the target is hard to predict.
;; `run(n)` makes n indirect calls; acc = table[(acc ^ i) & 7](acc).
(module
  (type $op (func (param i32) (result i32)))
  (table 8 funcref)
  (elem (i32.const 0) $add1 $mul3 $xor $rotl $sub17 $shr1 $square $addk)
  (func $add1 (type $op) (i32.add (local.get 0) (i32.const 1)))
  (func $mul3 (type $op) (i32.mul (local.get 0) (i32.const 3)))
  (func $xor (type $op) (i32.xor (local.get 0) (i32.const 0x5555)))
  (func $rotl (type $op) (i32.rotl (local.get 0) (i32.const 7)))
  (func $sub17 (type $op) (i32.sub (local.get 0) (i32.const 17)))
  (func $shr1 (type $op) (i32.add (i32.shr_u (local.get 0) (i32.const 1)) (i32.const 0x10001)))
  (func $square (type $op) (i32.mul (local.get 0) (local.get 0)))
  (func $addk (type $op) (i32.add (local.get 0) (i32.const 0x12345)))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i32)
    (local.set $acc (i32.const 1))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $top
        (local.set $acc
          (call_indirect (type $op)
            (local.get $acc)
            (i32.and (i32.xor (local.get $acc) (local.get $i)) (i32.const 7))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $top (i32.lt_u (local.get $i) (local.get $n)))))
    (i64.extend_i32_u (local.get $acc))))
