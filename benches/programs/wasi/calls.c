/* Call-heavy code: a small scene of shapes behind a table of function
 * pointers (a C "vtable"), and a pipeline of small functions the compiler
 * is told not to inline, as in code split across translation units.
 * Usage: calls [N]  (default 8000; rounds over 1000 shapes) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

typedef struct Shape Shape;
typedef struct {
    int32_t (*area)(const Shape *);
    int32_t (*perimeter)(const Shape *);
    void (*grow)(Shape *, int32_t);
} ShapeOps;

struct Shape {
    const ShapeOps *ops;
    int32_t a, b, c;
};

static int32_t rect_area(const Shape *s) { return s->a * s->b; }
static int32_t rect_perimeter(const Shape *s) { return 2 * (s->a + s->b); }
static void rect_grow(Shape *s, int32_t d) { s->a = (s->a + d) & 127; s->b = (s->b - d) & 127; }
static int32_t square_area(const Shape *s) { return s->a * s->a; }
static int32_t square_perimeter(const Shape *s) { return 4 * s->a; }
static void square_grow(Shape *s, int32_t d) { s->a = (s->a + (d & 1)) & 255; }
static int32_t tri_area(const Shape *s) { return (s->a * s->b) / 2; }
static int32_t tri_perimeter(const Shape *s) { return s->a + s->b + s->c; }
static void tri_grow(Shape *s, int32_t d) { s->c = (s->c ^ d) & 63; }
static int32_t circle_area(const Shape *s) { return (355 * s->a * s->a) / 113; }
static int32_t circle_perimeter(const Shape *s) { return (710 * s->a) / 113; }
static void circle_grow(Shape *s, int32_t d) { s->a = (s->a + d) & 63; }

static const ShapeOps OPS[4] = {
    {rect_area, rect_perimeter, rect_grow},
    {square_area, square_perimeter, square_grow},
    {tri_area, tri_perimeter, tri_grow},
    {circle_area, circle_perimeter, circle_grow},
};

NOINLINE static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x01000193u;
    return h;
}

NOINLINE static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

NOINLINE static int32_t weight(const Shape *s) { return clamp(s->ops->area(s) - s->ops->perimeter(s), -1000, 1000); }

NOINLINE static uint32_t visit(Shape *shapes, int n, uint32_t h, int32_t round) {
    for (int i = 0; i < n; i++) {
        Shape *s = &shapes[i];
        h = mix(h, (uint32_t)weight(s));
        s->ops->grow(s, clamp(round - i, -3, 3));
    }
    return h;
}

static uint32_t rng_state = 2463534242u;
NOINLINE static uint32_t next_rand(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 8000;
    enum { N = 1000 };
    static Shape shapes[N];
    for (int i = 0; i < N; i++) {
        shapes[i].ops = &OPS[next_rand() & 3];
        shapes[i].a = (int32_t)(next_rand() % 40) + 1;
        shapes[i].b = (int32_t)(next_rand() % 40) + 1;
        shapes[i].c = (int32_t)(next_rand() % 40) + 1;
    }
    uint32_t h = 2166136261u;
    for (int r = 0; r < rounds; r++)
        h = visit(shapes, N, h, r % 7);
    printf("calls(%d) = %08x\n", rounds, (unsigned)h);
    return 0;
}
