/* The two libc routines clang may call from the Wasm builds (which link no
 * libc): loops that clear or copy bytes become calls to these. LLVM does
 * not turn the loops of functions named memset/memcpy into calls to
 * themselves. Not part of the native build, which uses the system libc. */
#include <stddef.h>

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}
