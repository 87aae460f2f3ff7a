;; Exceptions: each of n searches recurses a few frames (0 to 7) and ends
;; by throwing its answer with one of two tags; the loop catches it with a
;; `try_table` and adds the payload. One throw per iteration, unwinding
;; through the recursion, told apart by tag.
(module
  (tag $found (param i64))
  (tag $other (param i32))

  (func $search (param $x i64) (param $depth i32)
    (if (i32.eqz (local.get $depth))
      (then
        (if (i64.eqz (i64.and (local.get $x) (i64.const 3)))
          (then (throw $other (i32.wrap_i64 (local.get $x)))))
        (throw $found (i64.mul (local.get $x) (i64.const 7)))))
    (call $search
      (i64.add (local.get $x) (i64.const 1))
      (i32.sub (local.get $depth) (i32.const 1))))

  (func (export "run") (param $n i32) (result i64)
    (local $i i32)
    (local $acc i64)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i64.add (local.get $acc)
            (block $f (result i64)
              (i64.add
                (i64.extend_i32_u
                  (block $o (result i32)
                    (try_table (catch $found $f) (catch $other $o)
                      (call $search
                        (i64.extend_i32_u (local.get $i))
                        (i32.and (local.get $i) (i32.const 7))))
                    (unreachable)))
                (i64.const 1000)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc)))
