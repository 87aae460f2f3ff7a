/*
 * path_* calls: path_open (creat/excl/trunc/directory and their errnos),
 * path_create_directory, path_remove_directory, path_unlink_file,
 * path_rename, path_link, path_symlink, path_readlink,
 * path_filestat_get and path_filestat_set_times (with and without
 * symlink_follow).
 *
 * Run with --dir <empty scratch dir>::/scratch.
 */
#include "check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static __wasi_fd_t root;

static __wasi_errno_t try_open(const char *path, __wasi_lookupflags_t lf,
                               __wasi_oflags_t of, __wasi_fd_t *fd) {
    return __wasi_path_open(root, lf, path, of,
                            __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE |
                                __WASI_RIGHTS_FD_SEEK |
                                __WASI_RIGHTS_FD_FILESTAT_GET,
                            0, 0, fd);
}

static __wasi_filesize_t size_of(const char *path) {
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, path, &st));
    return st.size;
}

static void test_open(void) {
    __wasi_fd_t fd;
    /* No such file without CREAT. */
    CHECK_ERRNO(try_open("f", 0, 0, &fd), __WASI_ERRNO_NOENT);
    /* CREAT makes it. */
    CHECK_OK(try_open("f", 0, __WASI_OFLAGS_CREAT, &fd));
    write_str(fd, "contents");
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_EQ(size_of("f"), 8);
    /* CREAT on an existing file opens it unchanged. */
    CHECK_OK(try_open("f", 0, __WASI_OFLAGS_CREAT, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_EQ(size_of("f"), 8);
    /* CREAT|EXCL on an existing file: EEXIST. */
    CHECK_ERRNO(try_open("f", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd),
                __WASI_ERRNO_EXIST);
    CHECK_OK(try_open("g", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    /* TRUNC empties it. */
    CHECK_OK(try_open("f", 0, __WASI_OFLAGS_TRUNC, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_EQ(size_of("f"), 0);
    /* DIRECTORY on a file: ENOTDIR. */
    CHECK_ERRNO(try_open("f", 0, __WASI_OFLAGS_DIRECTORY, &fd),
                __WASI_ERRNO_NOTDIR);
    /* A file used as a directory in the path: ENOTDIR. */
    CHECK_ERRNO(try_open("f/x", 0, 0, &fd), __WASI_ERRNO_NOTDIR);
    CHECK_ERRNO(try_open("f/x", 0, __WASI_OFLAGS_CREAT, &fd),
                __WASI_ERRNO_NOTDIR);
    /* Missing parent: ENOENT. */
    CHECK_ERRNO(try_open("nodir/x", 0, __WASI_OFLAGS_CREAT, &fd),
                __WASI_ERRNO_NOENT);
    /* A directory opened for writing: EISDIR. */
    CHECK_OK(__wasi_path_create_directory(root, "d"));
    CHECK_ERRNO(try_open("d", 0, 0, &fd), __WASI_ERRNO_ISDIR);
    /* A directory opened with DIRECTORY and read-only rights is fine. */
    fd = open_dir(root, "d");
    __wasi_fdstat_t fs;
    CHECK_OK(__wasi_fd_fdstat_get(fd, &fs));
    CHECK_EQ(fs.fs_filetype, __WASI_FILETYPE_DIRECTORY);
    CHECK_OK(__wasi_fd_close(fd));
    /* "." is the directory itself. */
    fd = open_dir(root, ".");
    CHECK_OK(__wasi_fd_close(fd));
    /* CREAT|DIRECTORY is EINVAL in wasmtime. */
    CHECK_ERRNO(try_open("newdir", 0,
                         __WASI_OFLAGS_CREAT | __WASI_OFLAGS_DIRECTORY, &fd),
                __WASI_ERRNO_INVAL);
    /* An empty path: ENOENT. */
    CHECK_ERRNO(try_open("", 0, 0, &fd), __WASI_ERRNO_NOENT);
    /* A bad dirfd: EBADF; a file as dirfd: ENOTDIR. */
    CHECK_ERRNO(__wasi_path_open(999, 0, "f", 0, 0, 0, 0, &fd),
                __WASI_ERRNO_BADF);
    __wasi_fd_t file = open_at(root, "f", 0);
    CHECK_ERRNO(__wasi_path_open(file, 0, "x", 0, 0, 0, 0, &fd),
                __WASI_ERRNO_NOTDIR);
    CHECK_OK(__wasi_fd_close(file));

    /* fdflags given to path_open: APPEND. */
    CHECK_OK(__wasi_path_open(root, 0, "f", 0, RIGHTS_ALL, 0,
                              __WASI_FDFLAGS_APPEND, &fd));
    CHECK_OK(__wasi_fd_fdstat_get(fd, &fs));
    CHECK_EQ(fs.fs_flags, __WASI_FDFLAGS_APPEND);
    write_str(fd, "12");
    write_str(fd, "34");
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_EQ(size_of("f"), 4);

    /* libc: open(2)'s errnos map the same way. */
    CHECK_LIBC_ERRNO(open("/scratch/f", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0,
                     EEXIST);
    CHECK_LIBC_ERRNO(open("/scratch/missing", O_RDONLY) < 0, ENOENT);
    CHECK_LIBC_ERRNO(open("/scratch/f", O_RDONLY | O_DIRECTORY) < 0, ENOTDIR);
    CHECK_LIBC_ERRNO(open("/scratch/d", O_WRONLY) < 0, EISDIR);
    int lfd = open("/scratch/f", O_RDWR | O_TRUNC);
    CHECK(lfd >= 0);
    CHECK(close(lfd) == 0);
    CHECK_EQ(size_of("f"), 0);
}

static void test_dirs_unlink(void) {
    CHECK_OK(__wasi_path_create_directory(root, "p"));
    CHECK_ERRNO(__wasi_path_create_directory(root, "p"), __WASI_ERRNO_EXIST);
    CHECK_ERRNO(__wasi_path_create_directory(root, "f"), __WASI_ERRNO_EXIST);
    CHECK_ERRNO(__wasi_path_create_directory(root, "no/such"),
                __WASI_ERRNO_NOENT);
    CHECK_OK(__wasi_path_create_directory(root, "p/q"));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "p/q", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_DIRECTORY);

    /* remove_directory: non-empty ENOTEMPTY, file ENOTDIR, missing ENOENT. */
    CHECK_ERRNO(__wasi_path_remove_directory(root, "p"),
                __WASI_ERRNO_NOTEMPTY);
    CHECK_ERRNO(__wasi_path_remove_directory(root, "f"), __WASI_ERRNO_NOTDIR);
    CHECK_ERRNO(__wasi_path_remove_directory(root, "nope"),
                __WASI_ERRNO_NOENT);
    CHECK_OK(__wasi_path_remove_directory(root, "p/q"));
    CHECK_OK(__wasi_path_remove_directory(root, "p"));
    CHECK_ERRNO(__wasi_path_filestat_get(root, 0, "p", &st),
                __WASI_ERRNO_NOENT);

    /* unlink_file: a directory is EISDIR, missing ENOENT. */
    CHECK_OK(__wasi_fd_close(open_at(root, "u", __WASI_OFLAGS_CREAT)));
    CHECK_OK(__wasi_path_unlink_file(root, "u"));
    CHECK_ERRNO(__wasi_path_unlink_file(root, "u"), __WASI_ERRNO_NOENT);
    CHECK_ERRNO(__wasi_path_unlink_file(root, "d"), __WASI_ERRNO_ISDIR);
    /* Trailing slash on a file: ENOTDIR. */
    CHECK_ERRNO(__wasi_path_unlink_file(root, "f/"), __WASI_ERRNO_NOTDIR);

    /* libc. */
    CHECK(mkdir("/scratch/m", 0755) == 0);
    CHECK_LIBC_ERRNO(mkdir("/scratch/m", 0755) < 0, EEXIST);
    CHECK(rmdir("/scratch/m") == 0);
    CHECK_LIBC_ERRNO(rmdir("/scratch/m") < 0, ENOENT);
    CHECK_LIBC_ERRNO(unlink("/scratch/d") < 0, EISDIR);
}

static void test_rename(void) {
    __wasi_fd_t fd = open_at(root, "r1", __WASI_OFLAGS_CREAT);
    write_str(fd, "r1");
    CHECK_OK(__wasi_fd_close(fd));
    fd = open_at(root, "r2", __WASI_OFLAGS_CREAT);
    write_str(fd, "r2-longer");
    CHECK_OK(__wasi_fd_close(fd));

    CHECK_OK(__wasi_path_rename(root, "r1", root, "moved"));
    __wasi_filestat_t st;
    CHECK_ERRNO(__wasi_path_filestat_get(root, 0, "r1", &st),
                __WASI_ERRNO_NOENT);
    CHECK_EQ(size_of("moved"), 2);
    /* Onto an existing file: replaces it. */
    CHECK_OK(__wasi_path_rename(root, "r2", root, "moved"));
    CHECK_EQ(size_of("moved"), 9);
    /* Missing source: ENOENT. */
    CHECK_ERRNO(__wasi_path_rename(root, "r2", root, "x"), __WASI_ERRNO_NOENT);
    /* Into a subdirectory through another dirfd. */
    __wasi_fd_t d = open_dir(root, "d");
    CHECK_OK(__wasi_path_rename(root, "moved", d, "inside"));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "d/inside", &st));
    CHECK_EQ(st.size, 9);
    /* Directories: rename a directory; onto a non-empty one: ENOTEMPTY;
     * a file onto a directory: EISDIR; a directory onto a file: ENOTDIR. */
    CHECK_OK(__wasi_path_create_directory(root, "e"));
    CHECK_OK(__wasi_path_rename(root, "e", root, "e2"));
    CHECK_ERRNO(__wasi_path_rename(root, "e2", root, "d"),
                __WASI_ERRNO_NOTEMPTY);
    CHECK_ERRNO(__wasi_path_rename(root, "f", root, "e2"), __WASI_ERRNO_ISDIR);
    CHECK_ERRNO(__wasi_path_rename(root, "e2", root, "f"),
                __WASI_ERRNO_NOTDIR);
    /* A directory into itself: EINVAL. */
    CHECK_ERRNO(__wasi_path_rename(root, "e2", root, "e2/sub"),
                __WASI_ERRNO_INVAL);
    CHECK_OK(__wasi_path_remove_directory(root, "e2"));
    CHECK_OK(__wasi_path_rename(d, "inside", root, "back"));
    CHECK_OK(__wasi_fd_close(d));
    /* libc. */
    CHECK(rename("/scratch/back", "/scratch/back2") == 0);
    CHECK_LIBC_ERRNO(rename("/scratch/back", "/scratch/x") < 0, ENOENT);
    CHECK_OK(__wasi_path_unlink_file(root, "back2"));
}

static void test_links(void) {
    /* path_link: a second name for the same inode. */
    __wasi_fd_t fd = open_at(root, "orig", __WASI_OFLAGS_CREAT);
    write_str(fd, "linked");
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_OK(__wasi_path_link(root, 0, "orig", root, "hard"));
    __wasi_filestat_t a, b;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "orig", &a));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hard", &b));
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(a.nlink, 2);
    CHECK_ERRNO(__wasi_path_link(root, 0, "orig", root, "hard"),
                __WASI_ERRNO_EXIST);
    CHECK_ERRNO(__wasi_path_link(root, 0, "missing", root, "h2"),
                __WASI_ERRNO_NOENT);
    /* Hard links to directories are not allowed: EPERM. */
    CHECK_ERRNO(__wasi_path_link(root, 0, "d", root, "dlink"),
                __WASI_ERRNO_PERM);
    CHECK_OK(__wasi_path_unlink_file(root, "hard"));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "orig", &a));
    CHECK_EQ(a.nlink, 1);

    /* path_symlink / path_readlink. */
    CHECK_OK(__wasi_path_symlink("orig", root, "sym"));
    CHECK_ERRNO(__wasi_path_symlink("orig", root, "sym"), __WASI_ERRNO_EXIST);
    CHECK_OK(__wasi_path_symlink("does/not/exist", root, "dangling"));
    char buf[64];
    __wasi_size_t n;
    CHECK_OK(__wasi_path_readlink(root, "sym", (uint8_t *)buf, sizeof buf, &n));
    CHECK_EQ(n, 4);
    CHECK(memcmp(buf, "orig", 4) == 0);
    CHECK_OK(__wasi_path_readlink(root, "dangling", (uint8_t *)buf, sizeof buf,
                                  &n));
    CHECK_EQ(n, 14);
    CHECK(memcmp(buf, "does/not/exist", 14) == 0);
    /* A buffer too small: wasmtime truncates to the buffer and succeeds. */
    CHECK_OK(__wasi_path_readlink(root, "dangling", (uint8_t *)buf, 4, &n));
    CHECK_EQ(n, 4);
    CHECK(memcmp(buf, "does", 4) == 0);
    /* readlink of a non-link: EINVAL; of nothing: ENOENT. */
    CHECK_ERRNO(__wasi_path_readlink(root, "orig", (uint8_t *)buf, sizeof buf,
                                     &n),
                __WASI_ERRNO_INVAL);
    CHECK_ERRNO(__wasi_path_readlink(root, "nothing", (uint8_t *)buf,
                                     sizeof buf, &n),
                __WASI_ERRNO_NOENT);
    /* libc's readlink / symlink. */
    CHECK(symlink("orig", "/scratch/sym2") == 0);
    ssize_t r = readlink("/scratch/sym2", buf, sizeof buf);
    CHECK_EQ(r, 4);
    CHECK_LIBC_ERRNO(readlink("/scratch/orig", buf, sizeof buf) < 0, EINVAL);

    /* Opening through a symlink follows it with SYMLINK_FOLLOW... */
    __wasi_fd_t s;
    CHECK_OK(try_open("sym", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, &s));
    CHECK_EQ(read_str(s, buf, sizeof buf), 6);
    CHECK_STR(buf, "linked");
    CHECK_OK(__wasi_fd_close(s));
    /* ...and without it, opening the link itself is ELOOP. */
    CHECK_ERRNO(try_open("sym", 0, 0, &s), __WASI_ERRNO_LOOP);
    /* A dangling link: ENOENT when followed. */
    CHECK_ERRNO(try_open("dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, &s),
                __WASI_ERRNO_NOENT);
    /* CREAT|EXCL through a dangling link: EEXIST (the name exists). */
    CHECK_ERRNO(try_open("dangling", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                         __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, &s),
                __WASI_ERRNO_EXIST);
    /* A symlink loop: ELOOP. */
    CHECK_OK(__wasi_path_symlink("loop2", root, "loop1"));
    CHECK_OK(__wasi_path_symlink("loop1", root, "loop2"));
    CHECK_ERRNO(try_open("loop1", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, &s),
                __WASI_ERRNO_LOOP);
    /* Symlinks in the middle of a path are always followed. */
    CHECK_OK(__wasi_path_symlink("d", root, "dsym"));
    CHECK_OK(__wasi_fd_close(open_at(root, "d/through", __WASI_OFLAGS_CREAT)));
    CHECK_OK(try_open("dsym/through", 0, 0, &s));
    CHECK_OK(__wasi_fd_close(s));
    /* unlink_file removes the link, not the target. */
    CHECK_OK(__wasi_path_unlink_file(root, "sym2"));
    CHECK_EQ(size_of("orig"), 6);
    /* remove_directory on a symlink to a directory: ENOTDIR. */
    CHECK_ERRNO(__wasi_path_remove_directory(root, "dsym"),
                __WASI_ERRNO_NOTDIR);

    /* path_link with SYMLINK_FOLLOW on the source: wasmtime does not
     * support following (EINVAL); without it, it links the symlink itself. */
    CHECK_ERRNO(__wasi_path_link(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym",
                                 root, "hsym"),
                __WASI_ERRNO_INVAL);
    CHECK_OK(__wasi_path_link(root, 0, "sym", root, "hsym"));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hsym", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_OK(__wasi_path_unlink_file(root, "hsym"));
}

static void test_filestat_times(void) {
    __wasi_filestat_t st, lst;
    /* filestat of a file, a directory; with and without following. */
    CHECK_OK(__wasi_path_filestat_get(root, 0, "orig", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_REGULAR_FILE);
    CHECK_EQ(st.size, 6);
    CHECK_OK(__wasi_path_filestat_get(root, 0, "d", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_DIRECTORY);
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sym", &lst));
    CHECK_EQ(lst.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_EQ(lst.size, 4);
    CHECK_OK(__wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                                      "sym", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_REGULAR_FILE);
    CHECK_EQ(st.size, 6);
    CHECK(st.ino != lst.ino);
    CHECK_ERRNO(__wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                                         "dangling", &st),
                __WASI_ERRNO_NOENT);
    CHECK_OK(__wasi_path_filestat_get(root, 0, "dangling", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_SYMBOLIC_LINK);
    CHECK_ERRNO(__wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW,
                                         "loop1", &st),
                __WASI_ERRNO_LOOP);
    CHECK_ERRNO(__wasi_path_filestat_get(root, 0, "missing", &st),
                __WASI_ERRNO_NOENT);
    CHECK_ERRNO(__wasi_path_filestat_get(root, 0, "", &st), __WASI_ERRNO_NOENT);
    CHECK_OK(__wasi_path_filestat_get(root, 0, ".", &st));
    CHECK_EQ(st.filetype, __WASI_FILETYPE_DIRECTORY);
    CHECK_ERRNO(__wasi_path_filestat_get(root, 0, "orig/x", &st),
                __WASI_ERRNO_NOTDIR);
    /* libc stat/lstat. */
    struct stat s;
    CHECK(stat("/scratch/sym", &s) == 0 && S_ISREG(s.st_mode));
    CHECK(lstat("/scratch/sym", &s) == 0 && S_ISLNK(s.st_mode));

    /* set_times through the link (follow): the target changes. */
    const __wasi_timestamp_t t1 = 1000000000ULL * 1500000000 + 7000;
    const __wasi_timestamp_t t2 = 1000000000ULL * 1600000000 + 9000;
    CHECK_OK(__wasi_path_filestat_set_times(
        root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym", t1, t2,
        __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "orig", &st));
    CHECK_EQ(st.atim, t1);
    CHECK_EQ(st.mtim, t2);
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sym", &lst));
    CHECK(lst.mtim != t2);
    /* Without follow: the link itself changes, the target does not. */
    CHECK_OK(__wasi_path_filestat_set_times(root, 0, "sym", t2, t1,
                                            __WASI_FSTFLAGS_ATIM |
                                                __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sym", &lst));
    CHECK_EQ(lst.atim, t2);
    CHECK_EQ(lst.mtim, t1);
    CHECK_OK(__wasi_path_filestat_get(root, 0, "orig", &st));
    CHECK_EQ(st.mtim, t2);
    /* NOW, on a directory. */
    CHECK_OK(__wasi_path_filestat_set_times(root, 0, "d", 0, 0,
                                            __WASI_FSTFLAGS_MTIM_NOW));
    __wasi_timestamp_t now;
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &now));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "d", &st));
    CHECK(st.mtim + 60000000000ULL > now);
    /* Errors: both a time and NOW: EINVAL; missing: ENOENT. */
    CHECK_ERRNO(__wasi_path_filestat_set_times(
                    root, 0, "orig", t1, 0,
                    __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW),
                __WASI_ERRNO_INVAL);
    CHECK_ERRNO(__wasi_path_filestat_set_times(root, 0, "missing", 0, 0,
                                               __WASI_FSTFLAGS_MTIM_NOW),
                __WASI_ERRNO_NOENT);
}

int main(void) {
    root = find_preopen("/scratch");
    test_open();
    test_dirs_unlink();
    test_rename();
    test_links();
    test_filestat_times();
    printf("ok\n");
    return 0;
}
