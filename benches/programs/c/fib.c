/* Recursive Fibonacci: call-heavy, tiny frames. run(n) = fib(n). */
#include <stdint.h>

static int64_t fib(int32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int64_t run(int32_t n) {
    return fib(n);
}
