;; On-stack replacement (RFC 0007) inside a `try_table`: the handler stack
;; is lexical, so the OSR code entering either loop still catches the
;; callee's exceptions (a catching call) and its own `throw`.
(module
  (tag $e (param i32))
  (func $f (param i32) (result i32)
    (local.get 0))
  (func (export "count") (param $n i32) (result i32)
    (local $i i32) (local $j i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (loop $outer
          (local.set $j (i32.const 0))
          (loop $inner
            (local.set $j (call $f (i32.add (local.get $j) (i32.const 1))))
            (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
        (throw $e (local.get $i)))
      (unreachable))))
