/* Recursive Fibonacci: deep call trees of a small function, as written
 * (no memoisation), then Takeuchi's function.
 * Usage: fib [N]  (default 38) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t fib(int n) {
    if (n < 2)
        return (uint64_t)n;
    return fib(n - 1) + fib(n - 2);
}

/* Takeuchi's function: three arguments, four calls per step. */
static int32_t tak(int32_t x, int32_t y, int32_t z) {
    if (y >= x)
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 38;
    uint64_t f = fib(n);
    int32_t t = tak(n / 2, n / 3, n / 6);
    printf("fib(%d) = %llu, tak %d\n", n, (unsigned long long)f, (int)t);
    return 0;
}
