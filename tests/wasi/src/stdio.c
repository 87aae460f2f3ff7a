/*
 * stdin/stdout/stderr: fd 0, 1 and 2 are open at start, with the filetypes
 * and rights of what the runner gave them.
 *
 * Reads all of stdin, writes it to stdout upper-cased and prefixed with
 * "> " per line (ending an unterminated last line), writes "stderr: N bytes, M lines" to stderr, then "ok".
 * The harness feeds a pipe with a known text and checks both streams.
 */
#include "check.h"

#include <ctype.h>
#include <unistd.h>

int main(void) {
    /* The three stdio fds exist, none of them is a preopen. */
    for (__wasi_fd_t fd = 0; fd < 3; fd++) {
        __wasi_fdstat_t fs;
        CHECK_OK(__wasi_fd_fdstat_get(fd, &fs));
        __wasi_prestat_t ps;
        CHECK_ERRNO(__wasi_fd_prestat_get(fd, &ps), __WASI_ERRNO_BADF);
        /* stdin reads, stdout and stderr write. */
        CHECK(fs.fs_rights_base & (fd == 0 ? __WASI_RIGHTS_FD_READ
                                           : __WASI_RIGHTS_FD_WRITE));
    }

    /* Read stdin to its end with raw fd_read calls (a pipe gives short
     * reads; 0 bytes means EOF). */
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        __wasi_iovec_t iov = {(uint8_t *)buf + len, 7}; /* small on purpose */
        __wasi_size_t n;
        CHECK(len + 7 < cap);
        CHECK_OK(__wasi_fd_read(0, &iov, 1, &n));
        if (n == 0)
            break;
        len += n;
    }
    /* Reading again at EOF: still 0. */
    char c;
    CHECK_EQ(read(0, &c, 1), 0);

    size_t lines = 0;
    int at_line_start = 1;
    for (size_t i = 0; i < len; i++) {
        if (at_line_start)
            fputs("> ", stdout);
        putchar(toupper((unsigned char)buf[i]));
        at_line_start = buf[i] == '\n';
        lines += buf[i] == '\n';
    }
    if (!at_line_start)
        putchar('\n'); /* end an unterminated last line */
    fflush(stdout);
    fprintf(stderr, "stderr: %zu bytes, %zu lines\n", len, lines);
    /* Raw writes to 1 and 2 as well. */
    write_str(1, "raw stdout\n");
    write_str(2, "raw stderr\n");
    printf("ok\n");
    return 0;
}
