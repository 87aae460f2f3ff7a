/* Sorting: N generated integers sorted by the C library's qsort with a
 * comparator, the same by a hand-written quicksort (median of three,
 * insertion sort for short ranges), and records sorted by qsort on two keys.
 * Usage: quicksort [N]  (default 200000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t state = 88172645u;
static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static int cmp_i32(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

typedef struct {
    uint16_t group;
    int32_t score;
    uint32_t id;
} Record;

static int cmp_record(const void *a, const void *b) {
    const Record *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static void insertion(int32_t *v, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
        int32_t x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(int32_t *v, int i, int j) {
    int32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(int32_t *v, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(v, mid, lo);
        if (v[hi] < v[lo]) swap(v, hi, lo);
        if (v[hi] < v[mid]) swap(v, hi, mid);
        int32_t pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                swap(v, i, j);
                i++;
                j--;
            }
        }
        /* Recurse into the smaller part, loop on the larger. */
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static uint64_t digest(const int32_t *v, int n) {
    uint64_t h = 0;
    for (int i = 0; i < n; i++)
        h = h * 1000003u + (uint32_t)v[i];
    return h;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200000;
    int32_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    Record *r = malloc(n * sizeof *r);
    if (!a || !b || !r)
        return 1;
    for (int i = 0; i < n; i++)
        a[i] = (int32_t)(next() % 1000000) - 500000;
    memcpy(b, a, n * sizeof *a);
    qsort(a, n, sizeof *a, cmp_i32);
    quicksort(b, 0, n - 1);
    int same = memcmp(a, b, n * sizeof *a) == 0;
    for (int i = 0; i < n; i++) {
        r[i].group = (uint16_t)(next() % 64);
        r[i].score = (int32_t)(next() % 10000);
        r[i].id = (uint32_t)i;
    }
    qsort(r, n, sizeof *r, cmp_record);
    uint64_t rh = 0;
    for (int i = 0; i < n; i += 97)
        rh = rh * 31 + r[i].id;
    printf("quicksort(%d): %s, digest %016llx, records %016llx\n", n, same ? "agree" : "DISAGREE",
           (unsigned long long)digest(a, n), (unsigned long long)rh);
    return 0;
}
