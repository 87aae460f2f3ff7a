/* Mandelbrot set: an N x N bitmap of the region [-1.5, 0.5] x [-1, 1] at
 * 50 iterations (as the Benchmarks Game draws it), written as a PBM image
 * into memory; prints the image's size and a hash of its bytes.
 * Usage: mandelbrot [N]  (default 1600) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1600;
    int row_bytes = (n + 7) / 8;
    uint8_t *image = calloc((size_t)row_bytes * n, 1);
    if (!image)
        return 1;
    uint64_t inside = 0;
    for (int y = 0; y < n; y++) {
        double ci = 2.0 * y / n - 1.0;
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5;
            double zr = 0.0, zi = 0.0, tr = 0.0, ti = 0.0;
            int i = 0;
            for (; i < 50 && tr + ti <= 4.0; i++) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
            }
            if (tr + ti <= 4.0) {
                image[y * row_bytes + x / 8] |= (uint8_t)(0x80 >> (x & 7));
                inside++;
            }
        }
    }
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < (size_t)row_bytes * n; i++)
        h = (h ^ image[i]) * 16777619u;
    printf("mandelbrot(%d): %llu points inside, image hash %08x\n", n, (unsigned long long)inside, (unsigned)h);
    free(image);
    return 0;
}
