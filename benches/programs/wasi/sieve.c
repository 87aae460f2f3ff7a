/* Sieve of Eratosthenes over the odd numbers below N, one bit each, then
 * the count of primes, their sum, and the largest twin-prime pair.
 * Usage: sieve [N]  (default 60000000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 60000000u;
    if (n < 3)
        n = 3;
    uint32_t odds = n / 2; /* bit k stands for 2k + 1 */
    uint32_t *composite = calloc(odds / 32 + 1, sizeof(uint32_t));
    if (!composite)
        return 1;
    for (uint32_t k = 1; (2 * k + 1) * (uint64_t)(2 * k + 1) < n; k++) {
        if (composite[k >> 5] & (1u << (k & 31)))
            continue;
        uint32_t p = 2 * k + 1;
        for (uint32_t m = (p * p) / 2; m < odds; m += p)
            composite[m >> 5] |= 1u << (m & 31);
    }
    uint64_t count = 1, sum = 2; /* 2 */
    uint32_t last = 2, twin = 0;
    for (uint32_t k = 1; k < odds; k++) {
        if (!(composite[k >> 5] & (1u << (k & 31)))) {
            uint32_t p = 2 * k + 1;
            count++;
            sum += p;
            if (p - last == 2)
                twin = last;
            last = p;
        }
    }
    printf("sieve(%u): %llu primes, sum %llu, twins %u %u\n", (unsigned)n, (unsigned long long)count,
           (unsigned long long)sum, (unsigned)twin, (unsigned)(twin + 2));
    free(composite);
    return 0;
}
