/* Dense matrix multiply, C = A * B on N x N doubles, the naive i-k-j loop
 * nest and a blocked one (as a small BLAS-less program would write it);
 * prints a checksum of both results.
 * Usage: matmul [N]  (default 400) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void matmul_ikj(int n, const double *a, const double *b, double *c) {
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
}

#define BLOCK 32

static void matmul_blocked(int n, const double *a, const double *b, double *c) {
    memset(c, 0, (size_t)n * n * sizeof *c);
    for (int ii = 0; ii < n; ii += BLOCK)
        for (int kk = 0; kk < n; kk += BLOCK)
            for (int jj = 0; jj < n; jj += BLOCK) {
                int ie = ii + BLOCK < n ? ii + BLOCK : n;
                int ke = kk + BLOCK < n ? kk + BLOCK : n;
                int je = jj + BLOCK < n ? jj + BLOCK : n;
                for (int i = ii; i < ie; i++)
                    for (int k = kk; k < ke; k++) {
                        double aik = a[i * n + k];
                        for (int j = jj; j < je; j++)
                            c[i * n + j] += aik * b[k * n + j];
                    }
            }
}

static double checksum(int n, const double *c) {
    double s = 0;
    for (int i = 0; i < n * n; i++)
        s += c[i] * (double)(i % 7 - 3);
    return s;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 400;
    size_t bytes = (size_t)n * n * sizeof(double);
    double *a = malloc(bytes), *b = malloc(bytes), *c = malloc(bytes);
    if (!a || !b || !c)
        return 1;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17) / 8.0 - 1.0;
            b[i * n + j] = (double)((i * 5 + j * 11) % 13) / 4.0 - 1.5;
        }
    matmul_ikj(n, a, b, c);
    double s1 = checksum(n, c);
    matmul_blocked(n, a, b, c);
    double s2 = checksum(n, c);
    printf("matmul(%d) = %.6f %.6f\n", n, s1, s2);
    return 0;
}
