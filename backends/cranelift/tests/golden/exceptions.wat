;; Exception handling: a `throw` caught in the same function (no exception
;; made, the payload passed as it is), a `throw` to a handler of another tag
;; (the tags' identities compared) or to none (`ExnNew`, `ExnRaise`), a
;; `throw_ref` (null check, then the tag loaded from the exception), and a
;; call inside a `try_table` made through `CallCatching`, its exception
;; dispatched after `ExnCatch`.
(module
  (tag $e (param i32))
  (tag $f (param i64))
  (func $callee (param i32) (result i32)
    (local.get 0))
  (func $local (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (throw $e (local.get 0)))
      (i32.const -1)))
  (func $other (param i64)
    (block $h (result i32)
      (try_table (catch $e $h)
        (throw $f (local.get 0)))
      (return))
    (drop))
  (func $rethrow (param exnref) (result i64 exnref)
    (block $h (result i64 exnref)
      (try_table (catch_ref $f $h)
        (throw_ref (local.get 0)))
      (unreachable)))
  (func $catching (param i32) (result i32)
    (block $all
      (block $h (result i32)
        (try_table (result i32) (catch $e $h) (catch_all $all)
          (call $callee (local.get 0)))
        (return))
      (return))
    (i32.const -2)))
