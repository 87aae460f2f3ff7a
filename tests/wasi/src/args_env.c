/*
 * args_get, args_sizes_get, environ_get, environ_sizes_get.
 *
 * Run as: args_env.wasm hello "two words" "" --flag=1 "ünïcode"
 *         with --env FOO=bar --env EMPTY= --env MULTI=a=b=c
 * argv[0] is the module's file name (as given on the command line: the
 * program only checks that it ends in "args_env.wasm"). wasmtime passes
 * exactly the --env variables (nothing inherited), in order.
 */
#include "check.h"

extern char **environ;

static const char *const want_args[] = {"hello", "two words", "",
                                        "--flag=1", "\xc3\xbc" "n" "\xc3\xaf" "code"};
static const char *const want_env[] = {"FOO=bar", "EMPTY=", "MULTI=a=b=c"};
#define NARGS (sizeof want_args / sizeof *want_args)
#define NENV (sizeof want_env / sizeof *want_env)

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int main(int argc, char **argv) {
    /* libc's view (built from args_get at startup). */
    CHECK_EQ(argc, 1 + NARGS);
    CHECK(ends_with(argv[0], "args_env.wasm"));
    for (size_t i = 0; i < NARGS; i++)
        CHECK_STR(argv[1 + i], want_args[i]);
    CHECK(argv[argc] == NULL);

    /* Raw args_sizes_get / args_get. */
    __wasi_size_t count, size;
    CHECK_OK(__wasi_args_sizes_get(&count, &size));
    CHECK_EQ(count, argc);
    size_t want_size = 0;
    for (int i = 0; i < argc; i++)
        want_size += strlen(argv[i]) + 1;
    CHECK_EQ(size, want_size);
    uint8_t **ptrs = calloc(count + 1, sizeof *ptrs);
    uint8_t *buf = malloc(size + 16);
    memset(buf, 0xAA, size + 16);
    CHECK_OK(__wasi_args_get(ptrs, buf));
    CHECK(ptrs[0] == buf);
    for (__wasi_size_t i = 0; i < count; i++) {
        CHECK_STR((char *)ptrs[i], argv[i]);
        CHECK(ptrs[i] >= buf && ptrs[i] < buf + size);
    }
    CHECK_EQ(buf[size - 1], 0);
    CHECK_EQ(buf[size], 0xAA); /* nothing written past the reported size */

    /* libc's environment. */
    size_t n = 0;
    while (environ[n])
        n++;
    CHECK_EQ(n, NENV);
    for (size_t i = 0; i < NENV; i++)
        CHECK_STR(environ[i], want_env[i]);
    CHECK_STR(getenv("FOO"), "bar");
    CHECK_STR(getenv("EMPTY"), "");
    CHECK_STR(getenv("MULTI"), "a=b=c");
    CHECK(getenv("PATH") == NULL);
    CHECK(getenv("HOME") == NULL);

    /* Raw environ_sizes_get / environ_get. */
    CHECK_OK(__wasi_environ_sizes_get(&count, &size));
    CHECK_EQ(count, NENV);
    want_size = 0;
    for (size_t i = 0; i < NENV; i++)
        want_size += strlen(want_env[i]) + 1;
    CHECK_EQ(size, want_size);
    uint8_t **eptrs = calloc(count + 1, sizeof *eptrs);
    uint8_t *ebuf = malloc(size + 16);
    memset(ebuf, 0xAA, size + 16);
    CHECK_OK(__wasi_environ_get(eptrs, ebuf));
    CHECK(eptrs[0] == ebuf);
    for (__wasi_size_t i = 0; i < count; i++)
        CHECK_STR((char *)eptrs[i], want_env[i]);
    CHECK_EQ(ebuf[size], 0xAA);

    for (int i = 1; i < argc; i++)
        printf("arg %d: [%s]\n", i, argv[i]);
    for (size_t i = 0; i < NENV; i++)
        printf("env %zu: [%s]\n", i, want_env[i]);
    printf("ok\n");
    return 0;
}
