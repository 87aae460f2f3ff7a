;; Sieve of Eratosthenes over linear memory, one byte per number (up to 8 MiB).
;; `run(n)` = the number of primes below n (n <= 8388608).
(module
  (memory 128)
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $j i32) (local $count i64)
    ;; mem[0..n) = 1, byte by byte
    (local.set $i (i32.const 0))
    (block $filled
      (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
      (loop $fill
        (i32.store8 (local.get $i) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $fill (i32.lt_u (local.get $i) (local.get $n)))))
    ;; strike out the multiples of each prime i with i*i < n
    (local.set $i (i32.const 2))
    (block $sieved
      (loop $outer
        (br_if $sieved (i32.ge_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.load8_u (local.get $i))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (loop $inner
              (i32.store8 (local.get $j) (i32.const 0))
              (local.set $j (i32.add (local.get $j) (local.get $i)))
              (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    ;; count the survivors in [2, n)
    (local.set $i (i32.const 2))
    (block $counted
      (br_if $counted (i32.ge_u (local.get $i) (local.get $n)))
      (loop $count
        (local.set $count (i64.add (local.get $count) (i64.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $count (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $count)))
