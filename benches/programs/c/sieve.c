/* Sieve of Eratosthenes over a byte array: run(n) = the number of primes
 * below n (n <= SIEVE_MAX). */
#include <stdint.h>

#define SIEVE_MAX (16 << 20)

static unsigned char composite[SIEVE_MAX];

int64_t run(int32_t n) {
    if (n < 0 || n > SIEVE_MAX) return -1;
    uint32_t len = (uint32_t)n;
    for (uint32_t i = 0; i < len; i++) composite[i] = 0;
    for (uint32_t i = 2; i * i < len; i++) {
        if (!composite[i]) {
            for (uint32_t j = i * i; j < len; j += i) composite[j] = 1;
        }
    }
    int64_t count = 0;
    for (uint32_t i = 2; i < len; i++) count += !composite[i];
    return count;
}
