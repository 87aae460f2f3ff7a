;; On-stack replacement (RFC 0007): the OSR code entering the outer loop,
;; and the one entering the inner loop with the outer loop's first
;; iteration peeled, so the compiled nest keeps a single entry.
(module
  (memory 1)
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $acc (i32.add (local.get $acc)
          (i32.load (i32.add (local.get $i) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc)))
