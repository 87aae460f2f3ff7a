;; Exception handling across the boundaries a tier handles: tags imported
;; twice (one identity), an imported function that throws, payloads of
;; every value type (through `throw` and through an `exnref`), catching
;; calls (`call`, `call_indirect`, `call_ref`, several results, a trap that
;; is not caught), nested `try_table`s, handlers that branch to a loop
;; (with and without parameters), `return_call` leaving the handlers of its
;; frame, `exnref` locals and `select`, `throw_ref` of null, and an
;; exception no handler catches.
(module $M
  (tag $t (export "t") (param i32))
  (func (export "throw") (param i32) (throw $t (local.get 0)))
)
(register "M")
(module
  (tag $a (import "M" "t") (param i32))
  (tag $b (import "M" "t") (param i32))
  (tag $c (param i32))
  (tag $mix (param i32 f32 i64 f64 v128))
  (tag $empty)
  (import "M" "throw" (func $mthrow (param i32)))
  (type $ft (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $thrower $trapper)

  (func $thrower (type $ft) (throw $c (i32.add (local.get 0) (i32.const 1))))
  (func $trapper (type $ft) (unreachable))
  (func $twice (param i32) (result i32 i64 v128) (local.get 0) (i64.extend_i32_u (local.get 0)) (v128.const i32x4 1 2 3 4))

  ;; same tag through two imports: throw $a, caught by $b (dynamic compare)
  (func (export "alias") (result i32)
    (block $h (result i32)
      (try_table (catch $b $h) (throw $a (i32.const 42)))
      (i32.const -1)))
  ;; import throws, caught by $a
  (func (export "imported") (result i32)
    (block $h (result i32)
      (try_table (catch $a $h) (call $mthrow (i32.const 7)))
      (i32.const -1)))
  ;; mixed payload
  (func (export "mix") (result i32 f32 i64 f64 i32)
    (block $h (result i32 f32 i64 f64 v128)
      (try_table (catch $mix $h)
        (throw $mix (i32.const 1) (f32.const 2.5) (i64.const 3) (f64.const 4.5) (v128.const i32x4 5 6 7 8)))
      (unreachable))
    (i32x4.extract_lane 3))
  ;; mixed payload via exnref (rethrow across a function)
  (func $rethrow_mix
    (block $h (result exnref)
      (try_table (catch_all_ref $h)
        (throw $mix (i32.const 1) (f32.const 2.5) (i64.const 3) (f64.const 4.5) (v128.const i32x4 5 6 7 8)))
      (unreachable))
    (throw_ref))
  (func (export "mix2") (result i32 f32 i64 f64 i32)
    (block $h (result i32 f32 i64 f64 v128)
      (try_table (catch $mix $h) (call $rethrow_mix))
      (unreachable))
    (i32x4.extract_lane 2))
  ;; call_indirect: catch, and a trap not caught
  (func (export "indirect") (param i32 i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $c $h) (call_indirect (type $ft) (local.get 0) (local.get 1)))))
  ;; call_ref
  (elem declare func $thrower $twice)
  (func (export "callref") (param i32) (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $c $h) (call_ref $ft (local.get 0) (ref.func $thrower)))))
  ;; a catching call that returns normally with several results
  (func (export "multi") (result i32 i64 i32)
    (block $h
      (try_table (result i32 i64 v128) (catch_all $h) (call $twice (i32.const 9)))
      (i32x4.extract_lane 2)
      (return))
    (unreachable))
  ;; nested: inner does not match, outer does
  (func (export "nested") (result i32)
    (block $outer (result i32)
      (block $inner
        (try_table (catch $c $outer)
          (try_table (catch $empty $inner) (call $thrower (i32.const 10)) (drop)))
        (return (i32.const -1)))
      (i32.const -2)))
  ;; catch to a loop: count 5 throws
  (func (export "loop") (result i32) (local i32)
    (loop $l (result i32)
      (block $exit
        (br_if $exit (i32.ge_u (local.get 0) (i32.const 5)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (try_table (catch_all $l) (throw $empty)))
      (local.get 0)))
  ;; loop params through a catch: loop takes an i32
  (func (export "loopparam") (result i32) (local $x i32)
    (i32.const 0)
    (loop $l (param i32) (result i32)
      (local.set $x)
      (if (i32.ge_u (local.get $x) (i32.const 100)) (then (return (local.get $x))))
      (try_table (catch $c $l) (throw $c (i32.add (local.get $x) (i32.const 10))))
      (unreachable)))
  ;; return_call inside try_table: the exception goes to our caller
  (func $tail (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $c $h) (return_call $thrower (local.get 0)))
      (unreachable))
    (drop) (i32.const -5))
  (func (export "tail") (result i32)
    (block $h (result i32)
      (try_table (result i32) (catch $c $h) (call $tail (i32.const 100)))))
  ;; exnref in locals, select, null checks
  (func (export "exnlocal") (result i32) (local $e exnref)
    (block $h (result i32 exnref)
      (try_table (catch_ref $c $h) (throw $c (i32.const 3)))
      (unreachable))
    (local.set $e)
    (drop)
    (i32.add (ref.is_null (local.get $e))
      (ref.is_null (select (result exnref) (ref.null exn) (local.get $e) (i32.const 1)))))
  (func (export "nullthrow") (throw_ref (ref.null exn)))
  (func (export "uncaught") (param i32) (result i32)
    (block $h
      (try_table (catch $empty $h) (call $thrower (local.get 0)) (drop)))
    (i32.const 0))
  ;; catch_all_ref then throw_ref: still caught by the caller with tag
  (func (export "catchref_rethrow") (result i32)
    (block $h (result i32)
      (try_table (catch $c $h)
        (block $r (result exnref)
          (try_table (catch_all_ref $r) (call $thrower (i32.const 20)) (drop))
          (unreachable))
        (throw_ref))
      (i32.const -1)))
  ;; empty try_table clauses: calls stay native
  (func (export "noclause") (result i32)
    (try_table (result i32) (call $twice (i32.const 4)) (drop) (drop)))
)
(assert_return (invoke "alias") (i32.const 42))
(assert_return (invoke "imported") (i32.const 7))
(assert_return (invoke "mix") (i32.const 1) (f32.const 2.5) (i64.const 3) (f64.const 4.5) (i32.const 8))
(assert_return (invoke "mix2") (i32.const 1) (f32.const 2.5) (i64.const 3) (f64.const 4.5) (i32.const 7))
(assert_return (invoke "indirect" (i32.const 5) (i32.const 0)) (i32.const 6))
(assert_trap (invoke "indirect" (i32.const 5) (i32.const 1)) "unreachable")
(assert_trap (invoke "indirect" (i32.const 5) (i32.const 2)) "undefined element")
(assert_return (invoke "callref" (i32.const 5)) (i32.const 6))
(assert_return (invoke "multi") (i32.const 9) (i64.const 9) (i32.const 3))
(assert_return (invoke "nested") (i32.const 11))
(assert_return (invoke "loop") (i32.const 5))
(assert_return (invoke "loopparam") (i32.const 100))
(assert_return (invoke "tail") (i32.const 101))
(assert_return (invoke "exnlocal") (i32.const 1))
(assert_trap (invoke "nullthrow") "null reference")
(assert_exception (invoke "uncaught" (i32.const 1)))
(assert_return (invoke "catchref_rethrow") (i32.const 21))
(assert_return (invoke "noclause") (i32.const 4))

;; `nullexnref` (`(ref null noexn)`), the bottom of the exception
;; hierarchy: only null, and a subtype of `exnref`.
(module
  (table $t 2 nullexnref)
  (global $g (mut exnref) (ref.null noexn))
  (func (export "nullexn") (result nullexnref) ref.null noexn)
  (func (export "widen") (param (ref null noexn)) (result exnref) local.get 0)
  (func (export "table") (result i32) (ref.is_null (table.get $t (i32.const 1))))
  (func (export "global") (result i32)
    (global.set $g (ref.null noexn))
    (ref.is_null (global.get $g))))
(assert_return (invoke "nullexn") (ref.null exn))
(assert_return (invoke "widen" (ref.null exn)) (ref.null exn))
(assert_return (invoke "table") (i32.const 1))
(assert_return (invoke "global") (i32.const 1))
(assert_invalid
  (module (func (result nullexnref) (ref.null exn)))
  "type mismatch")
