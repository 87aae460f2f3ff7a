/*
 * proc_raise(SIGTERM).
 *
 * wasi-libc no longer declares __wasi_proc_raise (signals were dropped from
 * the later witx), but wasi_snapshot_preview1 still lists proc_raise and
 * modules may import it, so it is imported here by hand.
 *
 * The spec says it sends a signal to the process. wasmtime 49 (its default,
 * preview2-based preview1 host) does not raise anything: the call returns
 * ENOTSUP (58) and the program goes on. (wasmtime's old legacy host,
 * `-S preview2=n` up to wasmtime 36, trapped with "proc_raise unsupported"
 * instead.) The program checks the ENOTSUP behaviour, then prints "ok".
 */
#include "check.h"

__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("proc_raise"))) int32_t
raw_proc_raise(int32_t sig);

int main(void) {
    printf("raising signal 15\n");
    fflush(stdout);
    int32_t e = raw_proc_raise(15 /* SIGTERM */);
    printf("proc_raise returned %d\n", e);
    CHECK_EQ(e, __WASI_ERRNO_NOTSUP);
    /* Signal 0 ("none") and an unknown one alike. */
    CHECK_EQ(raw_proc_raise(0), __WASI_ERRNO_NOTSUP);
    printf("ok\n");
    return 0;
}
