/*
 * sock_accept, sock_recv, sock_send, sock_shutdown.
 *
 *   sock.wasm serve   with --tcplisten 127.0.0.1:PORT --dir <scratch>::/scratch
 *       The runner preopens a listening TCP socket (some fd >= 3 whose
 *       fdstat filetype is SOCKET_STREAM). The program accepts ONE
 *       connection (the harness connects), reads "ping\n", answers
 *       "pong\n", shuts down its write side, reads until EOF (the harness
 *       sends "bye\n" and closes), checks it got "bye\n", then runs the
 *       a few errors on the closed connection and prints "ok".
 *   sock.wasm errors  with --dir <scratch>::/scratch (no socket needed)
 *       Only the error cases: the sock_* calls on stdio, a directory and a
 *       regular file are ENOTSOCK; on a closed fd EBADF.
 *
 * wasmtime runs preopened sockets only in its legacy preview1 host
 * (`-S preview2=n -S tcplisten=ADDR`, removed after wasmtime 36), so `serve`
 * is recorded against wasmtime 36.0.9 (legacy host), `errors` against
 * wasmtime 49 (the legacy host said EBADF instead of ENOTSOCK there).
 */
#include "check.h"

#define MS 1000000ULL

static void error_cases(__wasi_fd_t scratch) {
    __wasi_fd_t file = open_at(scratch, "notasocket", __WASI_OFLAGS_CREAT);
    const __wasi_fd_t notsock[] = {0, 1, 2, scratch, file};
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    __wasi_roflags_t ro;
    __wasi_fd_t out;
    for (size_t i = 0; i < sizeof notsock / sizeof *notsock; i++) {
        __wasi_fd_t fd = notsock[i];
        CHECK_ERRNO(__wasi_sock_accept(fd, 0, &out), __WASI_ERRNO_NOTSOCK);
        CHECK_ERRNO(__wasi_sock_recv(fd, &iov, 1, 0, &n, &ro),
                    __WASI_ERRNO_NOTSOCK);
        CHECK_ERRNO(__wasi_sock_send(fd, &ciov, 1, 0, &n),
                    __WASI_ERRNO_NOTSOCK);
        CHECK_ERRNO(__wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR),
                    __WASI_ERRNO_NOTSOCK);
    }
    CHECK_OK(__wasi_fd_close(file));
    CHECK_ERRNO(__wasi_sock_accept(file, 0, &out), __WASI_ERRNO_BADF);
    CHECK_ERRNO(__wasi_sock_recv(file, &iov, 1, 0, &n, &ro), __WASI_ERRNO_BADF);
    CHECK_ERRNO(__wasi_sock_send(file, &ciov, 1, 0, &n), __WASI_ERRNO_BADF);
    CHECK_ERRNO(__wasi_sock_shutdown(file, __WASI_SDFLAGS_WR),
                __WASI_ERRNO_BADF);
}

static __wasi_fd_t find_listener(void) {
    __wasi_fd_t found = (__wasi_fd_t)-1;
    int count = 0;
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_fdstat_t fs;
        if (__wasi_fd_fdstat_get(fd, &fs) != 0)
            continue;
        if (fs.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM) {
            found = fd;
            count++;
        }
    }
    CHECK_EQ(count, 1);
    return found;
}

/* Waits (bounded) until `fd` is readable. */
static void wait_readable(__wasi_fd_t fd) {
    __wasi_subscription_t s[2];
    memset(s, 0, sizeof s);
    s[0].userdata = 1;
    s[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    s[0].u.u.fd_read.file_descriptor = fd;
    s[1].userdata = 2;
    s[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    s[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    s[1].u.u.clock.timeout = 20000 * MS;
    __wasi_event_t ev[2];
    __wasi_size_t n;
    CHECK_OK(__wasi_poll_oneoff(s, ev, 2, &n));
    CHECK(n >= 1);
    for (__wasi_size_t i = 0; i < n; i++)
        CHECK(ev[i].userdata != 2); /* no 20 s timeout */
}

/* Receives until `want` bytes arrived or EOF; returns the count. */
static size_t recv_all(__wasi_fd_t fd, char *buf, size_t want) {
    size_t got = 0;
    for (int rounds = 0; rounds < 1000 && got < want; rounds++) {
        __wasi_iovec_t iov = {(uint8_t *)buf + got, want - got};
        __wasi_size_t n;
        __wasi_roflags_t ro;
        __wasi_errno_t e = __wasi_sock_recv(fd, &iov, 1, 0, &n, &ro);
        if (e == __WASI_ERRNO_AGAIN) {
            wait_readable(fd);
            continue;
        }
        CHECK_OK(e);
        CHECK_EQ(ro, 0);
        if (n == 0)
            break; /* EOF */
        got += n;
    }
    return got;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "serve";
    __wasi_fd_t scratch = find_preopen("/scratch");
    if (strcmp(mode, "errors") == 0) {
        error_cases(scratch);
        printf("ok\n");
        return 0;
    }
    CHECK_STR(mode, "serve");

    __wasi_fd_t lst = find_listener();
    __wasi_prestat_t ps;
    CHECK_ERRNO(__wasi_fd_prestat_get(lst, &ps), __WASI_ERRNO_BADF);
    printf("listening\n");
    fflush(stdout);

    /* Accept, waiting for readiness when the listener is non-blocking. */
    __wasi_fd_t conn = 0;
    __wasi_errno_t e = __WASI_ERRNO_AGAIN;
    for (int tries = 0; tries < 50 && e == __WASI_ERRNO_AGAIN; tries++) {
        e = __wasi_sock_accept(lst, 0, &conn);
        if (e == __WASI_ERRNO_AGAIN)
            wait_readable(lst);
    }
    CHECK_OK(e);
    CHECK(conn != lst);
    __wasi_fdstat_t fs;
    CHECK_OK(__wasi_fd_fdstat_get(conn, &fs));
    CHECK_EQ(fs.fs_filetype, __WASI_FILETYPE_SOCKET_STREAM);
    printf("accepted\n");
    fflush(stdout);

    char buf[64] = {0};
    CHECK_EQ(recv_all(conn, buf, 5), 5);
    CHECK(memcmp(buf, "ping\n", 5) == 0);

    /* sock_send gathers; a short send is allowed, so loop. */
    const char *reply = "pong\n";
    size_t sent = 0;
    while (sent < 5) {
        __wasi_ciovec_t ciov = {(const uint8_t *)reply + sent, 5 - sent};
        __wasi_size_t n;
        CHECK_OK(__wasi_sock_send(conn, &ciov, 1, 0, &n));
        CHECK(n > 0);
        sent += n;
    }
    /* Shut down our write side: the peer sees EOF; we can still read. */
    CHECK_OK(__wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR));
    memset(buf, 0, sizeof buf);
    CHECK_EQ(recv_all(conn, buf, sizeof buf - 1), 4);
    CHECK_STR(buf, "bye\n");
    printf("received bye\n");

    /* Accepting on a connected (non-listening) socket fails; the exact
     * errno is the host's OS's (EINVAL on Linux). */
    __wasi_fd_t other;
    CHECK(__wasi_sock_accept(conn, 0, &other) != 0);
    CHECK_OK(__wasi_fd_close(conn));
    char c;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    __wasi_roflags_t ro;
    CHECK_ERRNO(__wasi_sock_recv(conn, &iov, 1, 0, &n, &ro), __WASI_ERRNO_BADF);
    CHECK_ERRNO(__wasi_sock_shutdown(conn, __WASI_SDFLAGS_RD),
                __WASI_ERRNO_BADF);

    /* No second connection is pending: a non-blocking accept says EAGAIN. */
    CHECK_ERRNO(__wasi_sock_accept(lst, __WASI_FDFLAGS_NONBLOCK, &other),
                __WASI_ERRNO_AGAIN);

    printf("ok\n");
    return 0;
}
