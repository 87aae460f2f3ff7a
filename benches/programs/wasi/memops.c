/* Memory and string operations as text-processing code does them: records
 * assembled with memcpy, shifted with memmove, buffers cleared with memset,
 * then split, measured and compared with the string functions.
 * Usage: memops [N]  (default 1500 rounds) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF (64 * 1024)

static uint32_t seed = 12345;
static uint32_t next(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static uint32_t fnv(const uint8_t *p, size_t n, uint32_t h) {
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static const char *const WORDS[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
                                    "golf", "hotel", "india", "juliett", "kilo", "lima",
                                    "mike", "november", "oscar", "papa"};

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 1500;
    uint8_t *src = malloc(BUF), *dst = malloc(BUF);
    char *text = malloc(BUF + 64);
    if (!src || !dst || !text)
        return 1;
    for (int i = 0; i < BUF; i++)
        src[i] = (uint8_t)next();
    uint32_t h = 2166136261u;
    uint64_t words = 0, letters = 0, matches = 0;
    for (int r = 0; r < rounds; r++) {
        /* Assemble records of random sizes from the source buffer. */
        memset(dst, r & 0xff, BUF);
        size_t at = 0;
        while (at + 512 < BUF) {
            size_t len = 1 + next() % 500;
            size_t from = next() % (BUF - len);
            memcpy(dst + at, src + from, len);
            at += len;
        }
        /* Shift overlapping ranges both ways. */
        for (int k = 0; k < 8; k++) {
            size_t len = 4096 + next() % 8192;
            size_t from = next() % (BUF - len - 64);
            memmove(dst + from + 1 + k, dst + from, len);
            memmove(dst + from, dst + from + 3 + k, len);
        }
        h = fnv(dst + (r % 64) * 1024, 1024, h);
        /* Build a line of words, then split and measure it. */
        size_t tlen = 0;
        text[0] = 0;
        while (tlen + 16 < 4096) {
            const char *w = WORDS[next() % 16];
            size_t wl = strlen(w);
            memcpy(text + tlen, w, wl);
            tlen += wl;
            text[tlen++] = ' ';
        }
        text[tlen] = 0;
        for (char *p = text; *p;) {
            char *sp = strchr(p, ' ');
            size_t wl = sp ? (size_t)(sp - p) : strlen(p);
            words++;
            letters += wl;
            if (wl == 4 && strncmp(p, "kilo", 4) == 0)
                matches++;
            if (!sp)
                break;
            p = sp + 1;
        }
        if (strcmp(text, (const char *)dst) == 0)
            matches += 1000;
        if (memcmp(src, dst, 64) < 0)
            matches++;
    }
    printf("memops(%d): hash %08x, %llu words, %llu letters, %llu matches\n", rounds, (unsigned)h,
           (unsigned long long)words, (unsigned long long)letters, (unsigned long long)matches);
    return 0;
}
