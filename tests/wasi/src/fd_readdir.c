/*
 * fd_readdir (raw, with cookies and small buffers) and libc's
 * opendir/readdir/rewinddir/seekdir on top of it.
 *
 * Run with --dir <empty scratch dir>::/scratch.
 */
#include "check.h"

#include <dirent.h>

#define MAXNAMES 16

struct entry {
    char name[64];
    __wasi_filetype_t type;
    __wasi_inode_t ino;
};

/* Parses one fd_readdir buffer; returns the number of whole entries and
 * stores the last whole entry's d_next in *next. */
static size_t parse(const uint8_t *buf, size_t used, struct entry *out,
                    size_t cap, __wasi_dircookie_t *next) {
    size_t n = 0, off = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
        __wasi_dirent_t d;
        memcpy(&d, buf + off, sizeof d);
        if (off + sizeof d + d.d_namlen > used)
            break; /* truncated name: not a whole entry */
        CHECK(n < cap);
        CHECK(d.d_namlen < sizeof out[n].name);
        memcpy(out[n].name, buf + off + sizeof d, d.d_namlen);
        out[n].name[d.d_namlen] = 0;
        out[n].type = d.d_type;
        out[n].ino = d.d_ino;
        *next = d.d_next;
        n++;
        off += sizeof d + d.d_namlen;
    }
    return n;
}

/* Reads the whole directory with a `bufsize`-byte buffer. */
static size_t read_all(__wasi_fd_t fd, size_t bufsize, struct entry *out) {
    uint8_t *buf = malloc(bufsize);
    __wasi_dircookie_t cookie = __WASI_DIRCOOKIE_START;
    size_t total = 0;
    for (int rounds = 0; rounds < 100; rounds++) {
        __wasi_size_t used;
        CHECK_OK(__wasi_fd_readdir(fd, buf, bufsize, cookie, &used));
        CHECK(used <= bufsize);
        __wasi_dircookie_t next = cookie;
        size_t n = parse(buf, used, out + total, MAXNAMES - total, &next);
        total += n;
        if (used < bufsize) {
            free(buf);
            return total; /* a short buffer: the end of the directory */
        }
        CHECK(n > 0); /* bufsize must hold at least one entry */
        cookie = next;
    }
    CHECK(!"fd_readdir never reached the end");
    return 0;
}

static const struct entry *find(const struct entry *e, size_t n,
                                const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].name, name) == 0)
            return &e[i];
    return NULL;
}

/* The directory holds exactly ".", "..", a, bb, ccc, d (a directory), and
 * link (a symlink to a). wasmtime lists "." and ".." first. */
static void check_listing(const struct entry *e, size_t n, __wasi_fd_t dir) {
    CHECK_EQ(n, 7);
    CHECK_STR(e[0].name, ".");
    CHECK_STR(e[1].name, "..");
    CHECK_EQ(e[0].type, __WASI_FILETYPE_DIRECTORY);
    CHECK_EQ(e[1].type, __WASI_FILETYPE_DIRECTORY);
    const char *files[] = {"a", "bb", "ccc"};
    for (int i = 0; i < 3; i++) {
        const struct entry *f = find(e, n, files[i]);
        CHECK(f != NULL);
        CHECK_EQ(f->type, __WASI_FILETYPE_REGULAR_FILE);
        __wasi_filestat_t st;
        CHECK_OK(__wasi_path_filestat_get(dir, 0, files[i], &st));
        CHECK_EQ(f->ino, st.ino);
    }
    const struct entry *d = find(e, n, "d");
    CHECK(d != NULL);
    CHECK_EQ(d->type, __WASI_FILETYPE_DIRECTORY);
    const struct entry *l = find(e, n, "link");
    CHECK(l != NULL);
    CHECK_EQ(l->type, __WASI_FILETYPE_SYMBOLIC_LINK);
}

int main(void) {
    __wasi_fd_t scratch = find_preopen("/scratch");
    CHECK_OK(__wasi_path_create_directory(scratch, "dir"));
    __wasi_fd_t dir = open_dir(scratch, "dir");
    const char *files[] = {"a", "bb", "ccc"};
    for (int i = 0; i < 3; i++)
        CHECK_OK(__wasi_fd_close(open_at(dir, files[i], __WASI_OFLAGS_CREAT)));
    CHECK_OK(__wasi_path_create_directory(dir, "d"));
    CHECK_OK(__wasi_path_symlink("a", dir, "link"));

    struct entry e[MAXNAMES];
    /* One big buffer. */
    size_t n = read_all(dir, 4096, e);
    check_listing(e, n, dir);
    /* Buffers so small that entries are split across calls (a dirent is 24
     * bytes + name): the caller resumes from the last whole entry's d_next. */
    const size_t sizes[] = {24 + 4, 24 + 8, 40, 64, 100};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        memset(e, 0, sizeof e);
        n = read_all(dir, sizes[i], e);
        check_listing(e, n, dir);
    }

    /* Resuming from each entry's d_next gives the remaining entries. */
    uint8_t buf[4096];
    __wasi_size_t used;
    __wasi_dircookie_t next;
    CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
    size_t all = parse(buf, used, e, MAXNAMES, &next);
    CHECK_EQ(all, 7);
    /* d_next of the last entry: nothing after it. */
    CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, next, &used));
    CHECK_EQ(used, 0);
    /* A cookie from the middle resumes there. */
    {
        __wasi_dirent_t first;
        CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
        memcpy(&first, buf, sizeof first);
        struct entry rest[MAXNAMES];
        CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, first.d_next, &used));
        CHECK_EQ(parse(buf, used, rest, MAXNAMES, &next), 6);
        CHECK_STR(rest[0].name, "..");
    }
    /* A zero-sized buffer: nothing is written. */
    CHECK_OK(__wasi_fd_readdir(dir, buf, 0, 0, &used));
    CHECK_EQ(used, 0);
    /* A buffer smaller than one dirent header is filled with a prefix. */
    CHECK_OK(__wasi_fd_readdir(dir, buf, 10, 0, &used));
    CHECK_EQ(used, 10);

    /* An empty directory: only "." and "..". */
    __wasi_fd_t d = open_dir(dir, "d");
    n = read_all(d, 4096, e);
    CHECK_EQ(n, 2);
    CHECK_STR(e[0].name, ".");
    CHECK_STR(e[1].name, "..");
    CHECK_OK(__wasi_fd_close(d));

    /* Errors: a regular file is EBADF in wasmtime (POSIX's fdopendir would
     * say ENOTDIR; the spec names no errno); a closed fd EBADF. */
    __wasi_fd_t f = open_at(dir, "a", 0);
    CHECK_ERRNO(__wasi_fd_readdir(f, buf, sizeof buf, 0, &used),
                __WASI_ERRNO_BADF);
    CHECK_OK(__wasi_fd_close(f));
    CHECK_ERRNO(__wasi_fd_readdir(f, buf, sizeof buf, 0, &used),
                __WASI_ERRNO_BADF);

    /* Entries added after a listing show up in the next one from 0. */
    CHECK_OK(__wasi_fd_close(open_at(dir, "new", __WASI_OFLAGS_CREAT)));
    CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
    CHECK_EQ(parse(buf, used, e, MAXNAMES, &next), 8);
    CHECK(find(e, 8, "new") != NULL);
    CHECK_OK(__wasi_path_unlink_file(dir, "new"));
    CHECK_OK(__wasi_fd_close(dir));

    /* libc: opendir/readdir/rewinddir/telldir/seekdir. */
    DIR *dp = opendir("/scratch/dir");
    CHECK(dp != NULL);
    int count = 0, saw_ccc = 0;
    long pos_after_first = -1;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (count == 0)
            pos_after_first = telldir(dp);
        count++;
        if (strcmp(de->d_name, "ccc") == 0) {
            saw_ccc = 1;
            CHECK_EQ(de->d_type, DT_REG);
        }
        if (strcmp(de->d_name, "d") == 0)
            CHECK_EQ(de->d_type, DT_DIR);
        if (strcmp(de->d_name, "link") == 0)
            CHECK_EQ(de->d_type, DT_LNK);
    }
    CHECK_EQ(count, 7);
    CHECK(saw_ccc);
    rewinddir(dp);
    int again = 0;
    while (readdir(dp) != NULL)
        again++;
    CHECK_EQ(again, 7);
    seekdir(dp, pos_after_first);
    again = 0;
    while (readdir(dp) != NULL)
        again++;
    CHECK_EQ(again, 6);
    CHECK(closedir(dp) == 0);
    CHECK_LIBC_ERRNO(opendir("/scratch/dir/a") == NULL, ENOTDIR);
    CHECK_LIBC_ERRNO(opendir("/scratch/nope") == NULL, ENOENT);

    printf("ok\n");
    return 0;
}
