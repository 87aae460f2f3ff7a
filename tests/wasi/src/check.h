/*
 * Shared helpers for the wasi_snapshot_preview1 conformance programs.
 *
 * Every program is self-checking: a failed check prints `file:line` and the
 * failing expression (with the values involved) to stderr and exits 1; a
 * program that reaches its end prints `ok` and exits 0.
 *
 * wasi-libc's errno values are the WASI errno values, so the same numbers
 * are compared for raw `__wasi_*` results and for libc's `errno`.
 */
#ifndef CONCORD_WASI_CHECK_H
#define CONCORD_WASI_CHECK_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define CHECK_FAIL_(...)                                                       \
    do {                                                                       \
        fflush(stdout);                                                        \
        fprintf(stderr, "%s:%d: CHECK failed: ", __FILE__, __LINE__);          \
        fprintf(stderr, __VA_ARGS__);                                          \
        fprintf(stderr, "\n");                                                 \
        exit(1);                                                               \
    } while (0)

/* A condition that must hold. */
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond))                                                           \
            CHECK_FAIL_("%s (errno=%d %s)", #cond, errno, strerror(errno));    \
    } while (0)

/* Two integers that must be equal. */
#define CHECK_EQ(a, b)                                                         \
    do {                                                                       \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);        \
        if (check_a_ != check_b_)                                              \
            CHECK_FAIL_("%s == %s (got %lld, want %lld)", #a, #b, check_a_,    \
                        check_b_);                                             \
    } while (0)

/* Two NUL-terminated strings that must be equal. */
#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *check_a_ = (a), *check_b_ = (b);                           \
        if (strcmp(check_a_, check_b_) != 0)                                   \
            CHECK_FAIL_("%s == %s (got \"%s\", want \"%s\")", #a, #b,          \
                        check_a_, check_b_);                                   \
    } while (0)

/* A raw `__wasi_*` call that must succeed. */
#define CHECK_OK(call)                                                         \
    do {                                                                       \
        int check_e_ = (int)(call);                                            \
        if (check_e_ != 0)                                                     \
            CHECK_FAIL_("%s succeeds (got errno %d %s)", #call, check_e_,      \
                        strerror(check_e_));                                   \
    } while (0)

/* A raw `__wasi_*` call that must fail with exactly `want`. */
#define CHECK_ERRNO(call, want)                                                \
    do {                                                                       \
        int check_e_ = (int)(call), check_w_ = (int)(want);                    \
        if (check_e_ != check_w_)                                              \
            CHECK_FAIL_("%s fails with %s=%d (got %d %s)", #call, #want,       \
                        check_w_, check_e_, strerror(check_e_));               \
    } while (0)

/* A libc call that must fail (`failed` true) with errno exactly `want`. */
#define CHECK_LIBC_ERRNO(failed, want)                                         \
    do {                                                                       \
        errno = 0;                                                             \
        int check_f_ = (failed);                                               \
        int check_e_ = errno, check_w_ = (int)(want);                          \
        if (!check_f_ || check_e_ != check_w_)                                 \
            CHECK_FAIL_("%s with %s=%d (failed=%d, errno %d %s)", #failed,     \
                        #want, check_w_, check_f_, check_e_,                   \
                        strerror(check_e_));                                   \
    } while (0)

/* Every right, for `path_open` calls that want them all. */
#define RIGHTS_ALL ((__wasi_rights_t)0x3fffffff) /* bits 0..29 */

/* The preopened directory whose guest name is `name`, or exit 1. */
static inline __wasi_fd_t find_preopen(const char *name) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0)
            continue;
        if (ps.tag != __WASI_PREOPENTYPE_DIR)
            continue;
        char buf[256];
        size_t len = ps.u.dir.pr_name_len;
        if (len >= sizeof buf)
            continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, len) != 0)
            continue;
        buf[len] = 0;
        if (strcmp(buf, name) == 0)
            return fd;
    }
    CHECK_FAIL_("no preopened directory named %s", name);
}

/* Opens `path` under `dir` with every right; returns the fd or exits. */
static inline __wasi_fd_t open_at(__wasi_fd_t dir, const char *path,
                                  __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    CHECK_OK(__wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path,
                              oflags, RIGHTS_ALL, RIGHTS_ALL, 0, &fd));
    return fd;
}

/* Opens directory `path` under `dir`: every right but the write-ish ones
 * (asking for FD_WRITE on a directory is EISDIR in wasmtime). */
static inline __wasi_fd_t open_dir(__wasi_fd_t dir, const char *path) {
    __wasi_fd_t fd;
    __wasi_rights_t rights =
        RIGHTS_ALL & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE |
                       __WASI_RIGHTS_FD_FILESTAT_SET_SIZE);
    CHECK_OK(__wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path,
                              __WASI_OFLAGS_DIRECTORY, rights, RIGHTS_ALL, 0,
                              &fd));
    return fd;
}

/* Writes all of `s` to `fd` with one fd_write; checks the count. */
static inline void write_str(__wasi_fd_t fd, const char *s) {
    __wasi_ciovec_t iov = {(const uint8_t *)s, strlen(s)};
    __wasi_size_t n;
    CHECK_OK(__wasi_fd_write(fd, &iov, 1, &n));
    CHECK_EQ(n, strlen(s));
}

/* Reads up to `cap - 1` bytes from `fd` at its offset; NUL-terminates. */
static inline size_t read_str(__wasi_fd_t fd, char *buf, size_t cap) {
    __wasi_iovec_t iov = {(uint8_t *)buf, cap - 1};
    __wasi_size_t n;
    CHECK_OK(__wasi_fd_read(fd, &iov, 1, &n));
    buf[n] = 0;
    return n;
}

#endif
