;; Exception handling: `throw` outside any handler (made, raised,
;; propagated), `throw` and `throw_ref` dispatched to the clauses of the
;; enclosing `try_table`s (tags compared by address, the payload and the
;; `exnref` written to the label's home slots), and a call inside a
;; `try_table` made through `CallCatching`.
(module
  (tag $e (param i32))
  (tag $f)
  (func $thrower (param i32) (result i32)
    (throw $e (local.get 0)))
  (func $catching (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h)
        (call $thrower (local.get 0)))))
  (func $local (param i32) (result i32)
    (block $all
      (block $h (result i32 exnref)
        (try_table (catch_ref $e $h) (catch_all $all)
          (throw $e (local.get 0)))
        (unreachable))
      (drop)
      (return))
    (i32.const -1))
  (func $rethrow (param exnref)
    (block $h
      (try_table (catch $f $h)
        (throw_ref (local.get 0))))))
