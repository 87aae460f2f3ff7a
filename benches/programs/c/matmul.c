/* Dense matrix multiply, C = A * B, n x n doubles (n <= MATMUL_MAX), in
 * i-k-j order. run(n) = the bits of a weighted sum of C's elements. */
#include <stdint.h>

#define MATMUL_MAX 256

static double a[MATMUL_MAX * MATMUL_MAX];
static double b[MATMUL_MAX * MATMUL_MAX];
static double c[MATMUL_MAX * MATMUL_MAX];

int64_t run(int32_t n) {
    if (n < 1 || n > MATMUL_MAX) return -1;
    for (int32_t i = 0; i < n; i++) {
        for (int32_t j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17) * 0.125 - 1.0;
            b[i * n + j] = (double)((i * 5 + j * 11) % 13) * 0.25 - 1.5;
            c[i * n + j] = 0.0;
        }
    }
    for (int32_t i = 0; i < n; i++) {
        for (int32_t k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int32_t j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    }
    double sum = 0.0;
    for (int32_t i = 0; i < n * n; i++) sum += c[i] * (double)(i % 7 + 1);
    union { double f; int64_t i; } bits = {sum};
    return bits.i;
}
