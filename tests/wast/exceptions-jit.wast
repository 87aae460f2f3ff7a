;; Exception handling across the boundaries a tier handles: values below a
;; handler's label kept in registers before a catching call, nested
;; handlers and clause order, `throw_ref` of a caught exception, catching
;; `call_indirect` and `call_ref` (to a callee of the cells convention),
;; payloads of every kind (`v128` included), a handler branching to a loop,
;; memory after a catch, `exnref` locals and `select`, an exception
;; crossing a frame without handlers, a handler branching to the function's
;; label, and a tail call inside a `try_table` (its callee's exceptions go
;; to the caller).
(module
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (param i64 f32 f64 v128))
  (tag $e3 (param i32))
  (type $ti (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $thrower $ok)
  (memory 1)

  (func $thrower (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then (throw $e1 (i32.const 42))))
    (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $e0)))
    (if (i32.eq (local.get 0) (i32.const 2)) (then unreachable))
    (i32.add (local.get 0) (i32.const 100)))
  (func $ok (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))

  ;; values below the target's height live in registers before the call
  (func (export "below") (param i32) (result i32)
    (local $x i32)
    (local.set $x (i32.const 7))
    (i32.add
      (local.get $x)
      (block $h (result i32)
        (try_table (result i32) (catch $e1 $h)
          (call $thrower (local.get 0))))))

  ;; catch_all, catch_ref, rethrow, multiple levels
  (func (export "levels") (param i32) (result i32)
    (block $outer (result i32)
      (block $all
        (block $one (result i32)
          (try_table (result i32) (catch $e1 $one) (catch_all $all)
            (try_table (result i32) (catch $e3 $outer)
              (call $thrower (local.get 0)))))
        (return (i32.add (i32.const 1000))))
      (return (i32.const -1))))

  ;; rethrow through throw_ref then catch outside
  (func (export "rethrow") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h)
        (block $r (result exnref)
          (try_table (result i32) (catch_all_ref $r)
            (call $thrower (local.get 0)))
          (return))
        (throw_ref))))

  ;; call_indirect catching
  (func (export "indirect") (param i32 i32) (result i32)
    (block $h2
      (block $h (result i32)
        (try_table (result i32) (catch $e1 $h) (catch_all $h2)
          (call_indirect (type $ti) (local.get 0) (local.get 1)))
        (return))
      (i32.const 5000) (i32.add) (return))
    (i32.const 0))

  ;; wide payload, v128 in a catch
  (func $throw2 (throw $e2 (i64.const -5) (f32.const 1.5) (f64.const 2.25) (v128.const i32x4 1 2 3 4)))
  (func (export "wide") (result i64 f32 f64 i32)
    (local v128)
    (block $h (result i64 f32 f64 v128)
      (try_table (catch $e2 $h) (call $throw2))
      (unreachable))
    (local.set 0)
    (i32x4.extract_lane 3 (local.get 0)))

  ;; throw caught in the same function, into a loop (counts iterations)
  (func (export "loop") (param i32) (result i32)
    (local $n i32)
    (local.get 0)
    (loop $l (param i32)
      (local.set 0)
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (try_table (catch $e1 $l)
        (if (i32.gt_u (local.get 0) (i32.const 0))
          (then (throw $e1 (i32.sub (local.get 0) (i32.const 1)))))))
    (local.get $n))

  ;; uncaught, and a trap through a catching call is not caught
  (func (export "uncaught") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e3 $h)
        (call $thrower (local.get 0)))))

  ;; stack values below the try_table and the catch target mixed with floats
  (func (export "mixed") (param i32) (result f64)
    (f64.add
      (f64.const 0.5)
      (f64.convert_i32_s
        (block $h (result i32)
          (try_table (result i32) (catch $e1 $h)
            (i32.add (i32.const 1) (call $thrower (local.get 0))))))))

  ;; exnref in locals, ref.is_null, select
  (func (export "exnlocal") (param i32) (result i32)
    (local $x exnref)
    (local.set $x
      (block $h (result exnref)
        (try_table (catch_all_ref $h) (drop (call $thrower (local.get 0))))
        (ref.null exn)))
    (ref.is_null (select (result exnref) (local.get $x) (ref.null exn) (i32.const 1))))

  ;; memory intact after catch
  (func (export "mem") (param i32) (result i32)
    (i32.store (i32.const 8) (i32.const 99))
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h) (call $thrower (local.get 0))))
    (drop)
    (i32.load (i32.const 8)))

  ;; call_ref to a callee of the cells convention (five parameters, nine results)
  (type $many (func (param i32 i32 i32 i32 i32) (result i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (func $many (type $many)
    (if (i32.eqz (local.get 0)) (then (throw $e1 (local.get 4))))
    (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
    (i32.const 6) (i32.const 7) (i32.const 8) (i32.const 9))
  (elem declare func $many)
  (func (export "many") (param i32) (result i32)
    (local.get 0)
    (block $h (param i32) (result i32)
      (try_table (param i32) (result i32 i32 i32 i32 i32 i32 i32 i32 i32) (catch $e1 $h)
        (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5)
        (call_ref $many (ref.func $many)))
      (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i32.add)
      (return))
    (i32.const 1000) (i32.add))

  ;; an exception crossing a frame without a handler; a handler branching
  ;; to the function's own label (a return)
  (func $mid (param i32) (result i32) (i32.add (call $thrower (local.get 0)) (i32.const 1)))
  (func (export "nested") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h) (call $mid (local.get 0)))))
  (func (export "to_func") (param i32) (result i32)
    (try_table (result i32) (catch $e1 0)
      (call $mid (local.get 0)))
    (i32.const 1)
    (i32.add))

  ;; tail call inside try_table: the exception goes to the caller
  (func $tail (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h)
        (return_call $thrower (local.get 0))))
    (i32.const 1) (i32.add))
  (func (export "tail") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $e1 $h) (call $tail (local.get 0))))
    (i32.const 10000) (i32.add))
)
(assert_return (invoke "below" (i32.const 0)) (i32.const 49))
(assert_return (invoke "below" (i32.const 5)) (i32.const 112))
(assert_exception (invoke "below" (i32.const 1)))
(assert_trap (invoke "below" (i32.const 2)) "unreachable")
(assert_return (invoke "levels" (i32.const 0)) (i32.const 1042))
(assert_return (invoke "levels" (i32.const 1)) (i32.const -1))
(assert_return (invoke "levels" (i32.const 3)) (i32.const 1103))
(assert_trap (invoke "levels" (i32.const 2)) "unreachable")
(assert_return (invoke "rethrow" (i32.const 0)) (i32.const 42))
(assert_return (invoke "rethrow" (i32.const 4)) (i32.const 104))
(assert_exception (invoke "rethrow" (i32.const 1)))
(assert_return (invoke "indirect" (i32.const 0) (i32.const 0)) (i32.const 5042))
(assert_return (invoke "indirect" (i32.const 3) (i32.const 1)) (i32.const 6))
(assert_return (invoke "indirect" (i32.const 1) (i32.const 0)) (i32.const 0))
(assert_trap (invoke "indirect" (i32.const 1) (i32.const 5)) "undefined element")
(assert_return (invoke "wide") (i64.const -5) (f32.const 1.5) (f64.const 2.25) (i32.const 4))
(assert_return (invoke "loop" (i32.const 5)) (i32.const 6))
(assert_exception (invoke "uncaught" (i32.const 0)))
(assert_trap (invoke "uncaught" (i32.const 2)) "unreachable")
(assert_return (invoke "mixed" (i32.const 0)) (f64.const 42.5))
(assert_return (invoke "mixed" (i32.const 3)) (f64.const 104.5))
(assert_return (invoke "exnlocal" (i32.const 1)) (i32.const 0))
(assert_return (invoke "exnlocal" (i32.const 4)) (i32.const 1))
(assert_return (invoke "mem" (i32.const 0)) (i32.const 99))
(assert_return (invoke "tail" (i32.const 0)) (i32.const 10042))
(assert_return (invoke "tail" (i32.const 3)) (i32.const 10103))
(assert_return (invoke "many" (i32.const 1)) (i32.const 45))
(assert_return (invoke "many" (i32.const 0)) (i32.const 1005))
(assert_return (invoke "nested" (i32.const 0)) (i32.const 42))
(assert_return (invoke "nested" (i32.const 5)) (i32.const 106))
(assert_return (invoke "to_func" (i32.const 0)) (i32.const 42))
(assert_return (invoke "to_func" (i32.const 5)) (i32.const 107))
