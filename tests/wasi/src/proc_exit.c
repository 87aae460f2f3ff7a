/*
 * proc_exit: the guest's exit status becomes the runner's.
 *
 *   proc_exit.wasm        -> prints "exiting with 42", flushes, then the raw
 *                            __wasi_proc_exit(42); nothing after it runs.
 *   proc_exit.wasm libc   -> exit(42) from main: libc flushes the buffered
 *                            "exiting with 42 via libc" line, then proc_exit.
 *   proc_exit.wasm return -> main returns 7 (libc's _start calls proc_exit).
 *   proc_exit.wasm zero   -> the raw __wasi_proc_exit(0).
 */
#include "check.h"

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "raw";
    fprintf(stderr, "proc_exit mode %s\n", mode);
    if (strcmp(mode, "libc") == 0) {
        printf("exiting with 42 via libc\n"); /* still buffered: exit flushes */
        exit(42);
    }
    if (strcmp(mode, "return") == 0) {
        printf("returning 7\n");
        return 7;
    }
    if (strcmp(mode, "zero") == 0) {
        printf("exiting with 0\n");
        fflush(stdout);
        __wasi_proc_exit(0);
    }
    printf("exiting with 42\n");
    fflush(stdout);
    __wasi_proc_exit(42);
    printf("unreachable\n");
    return 1;
}
