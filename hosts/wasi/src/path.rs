//! `path_*`: every path a guest names is resolved by cap-std beneath a
//! directory descriptor, so no `..`, absolute path or symlink leaves it.

use crate::ctx::{Dir, Entry, File, Kind, WasiCtx};
use crate::errno::IoResultExt;
use crate::fs::child_rights;
use cap_fs_ext::{
    DirExt, FollowSymlinks, OpenOptionsFollowExt, OpenOptionsMaybeDirExt, OpenOptionsSyncExt, SystemTimeSpec,
};
use cap_std::fs::MetadataExt;
use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestMemory, GuestPtr, GuestStr, WasiError};
use std::os::unix::ffi::OsStrExt;
use std::time::{Duration, SystemTime};

/// The directory of a `Kind::Dir` entry.
fn cap_dir(entry: &Entry) -> &cap_std::fs::Dir {
    match &entry.kind {
        Kind::Dir(d) => &d.dir,
        // `WasiCtx::dir` only returns directories.
        _ => unreachable!("WasiCtx::dir returned a non-directory"),
    }
}

/// The guest's path as a host path (`EILSEQ` if not UTF-8).
fn path<'m>(mem: &'m GuestMemory<'_>, s: GuestStr) -> Result<&'m str, WasiError> {
    Ok(s.as_str(mem)?)
}

/// A `filestat` from cap-std metadata.
fn filestat_of_meta(m: &cap_std::fs::Metadata) -> Filestat {
    let ns = |s: i64, n: i64| (s as u64).wrapping_mul(1_000_000_000).wrapping_add(n as u64);
    Filestat {
        dev: m.dev(),
        ino: m.ino(),
        filetype: crate::ctx::filetype_of_mode(m.mode()),
        nlink: m.nlink(),
        size: m.size(),
        atim: ns(m.atime(), m.atime_nsec()),
        mtim: ns(m.mtime(), m.mtime_nsec()),
        ctim: ns(m.ctime(), m.ctime_nsec()),
    }
}

/// One timestamp of `path_filestat_set_times` for cap-std.
fn time_spec(t: Timestamp, set: bool, now: bool) -> Result<Option<SystemTimeSpec>, WasiError> {
    Ok(match (set, now) {
        (true, true) => return Err(Errno::Inval.into()),
        (true, false) => Some(SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(
            SystemTime::UNIX_EPOCH + Duration::from_nanos(t),
        ))),
        (false, true) => Some(SystemTimeSpec::SymbolicNow),
        (false, false) => None,
    })
}

/// Rights that let a descriptor write to its file (asking for any of them
/// opens the file for writing, as wasi-libc's `O_WRONLY` does).
const WRITE_RIGHTS: Rights = Rights::from_bits_truncate(
    Rights::FD_WRITE.bits() | Rights::FD_ALLOCATE.bits() | Rights::FD_FILESTAT_SET_SIZE.bits(),
);

impl WasiCtx {
    #[expect(clippy::too_many_arguments, reason = "one argument per witx parameter")]
    pub(crate) fn do_path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        dirflags: Lookupflags,
        path_str: GuestStr,
        oflags: Oflags,
        base: Rights,
        inheriting: Rights,
        fdflags: Fdflags,
    ) -> Result<Fd, WasiError> {
        let mut needed = Rights::PATH_OPEN;
        if oflags.contains(Oflags::CREAT) {
            needed |= Rights::PATH_CREATE_FILE;
        }
        if oflags.contains(Oflags::TRUNC) {
            needed |= Rights::PATH_FILESTAT_SET_SIZE;
        }
        let parent = self.dir(fd, needed)?;
        let dir = cap_dir(parent);
        let parent_inheriting = parent.inheriting;
        let path = path(mem, path_str)?;
        let follow = if dirflags.contains(Lookupflags::SYMLINK_FOLLOW) {
            FollowSymlinks::Yes
        } else {
            FollowSymlinks::No
        };
        let mut write = base.intersects(WRITE_RIGHTS);
        if oflags.contains(Oflags::DIRECTORY) {
            // As wasmtime: a directory cannot be created, truncated or
            // written by path_open.
            if oflags.intersects(Oflags::CREAT | Oflags::EXCL | Oflags::TRUNC) {
                return Err(Errno::Inval.into());
            }
            if write {
                // The OS would resolve the path first: a non-directory is
                // ENOTDIR, a directory opened for writing EISDIR.
                let meta = match follow {
                    FollowSymlinks::Yes => dir.metadata(path),
                    FollowSymlinks::No => dir.symlink_metadata(path),
                }
                .errno()?;
                return Err(if meta.is_dir() {
                    Errno::Isdir
                } else if meta.is_symlink() {
                    Errno::Loop
                } else {
                    Errno::Notdir
                }
                .into());
            }
            let opened = match follow {
                FollowSymlinks::Yes => dir.open_dir(path),
                FollowSymlinks::No => dir.open_dir_nofollow(path),
            }
            .errno()?;
            return self.push(Entry {
                kind: Kind::Dir(Dir {
                    dir: opened,
                    preopen: None,
                }),
                base: child_rights(base, parent_inheriting, true),
                inheriting: inheriting & parent_inheriting,
                flags: fdflags,
            });
        }
        if oflags.intersects(Oflags::CREAT | Oflags::TRUNC) {
            write = true;
        }
        let read = base.contains(Rights::FD_READ) || !write;
        let append = fdflags.contains(Fdflags::APPEND);
        let mut opts = cap_std::fs::OpenOptions::new();
        opts.read(read)
            .write(write)
            .append(append)
            // cap-std (like std) refuses truncate with append (EINVAL), which
            // POSIX and wasmtime allow: then O_TRUNC goes as a custom flag.
            .truncate(oflags.contains(Oflags::TRUNC) && !append)
            .follow(follow)
            .maybe_dir(true)
            .sync(fdflags.contains(Fdflags::SYNC))
            .dsync(fdflags.contains(Fdflags::DSYNC))
            .rsync(fdflags.contains(Fdflags::RSYNC));
        if fdflags.contains(Fdflags::APPEND) {
            opts.write(true);
            write = true;
        }
        if oflags.contains(Oflags::CREAT) {
            if oflags.contains(Oflags::EXCL) {
                opts.create_new(true);
            } else {
                opts.create(true);
            }
        }
        let mut custom = 0;
        if fdflags.contains(Fdflags::NONBLOCK) {
            custom |= libc::O_NONBLOCK;
        }
        if oflags.contains(Oflags::TRUNC) && append {
            custom |= libc::O_TRUNC;
        }
        if custom != 0 {
            use cap_std::fs::OpenOptionsExt;
            opts.custom_flags(custom);
        }
        let file = dir.open_with(path, &opts).errno()?;
        let is_dir = file.metadata().errno()?.is_dir();
        let entry = if is_dir {
            Entry {
                kind: Kind::Dir(Dir {
                    dir: cap_std::fs::Dir::from_std_file(file.into_std()),
                    preopen: None,
                }),
                base: child_rights(base, parent_inheriting, true),
                inheriting: inheriting & parent_inheriting,
                flags: fdflags,
            }
        } else {
            Entry {
                kind: Kind::File(File {
                    file: file.into_std(),
                    read,
                    write,
                }),
                base: child_rights(base, parent_inheriting, false),
                inheriting: inheriting & parent_inheriting,
                flags: fdflags,
            }
        };
        self.push(entry)
    }

    pub(crate) fn do_path_create_directory(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        p: GuestStr,
    ) -> Result<(), WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_CREATE_DIRECTORY)?);
        dir.create_dir(path(mem, p)?).errno()
    }

    pub(crate) fn do_path_remove_directory(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        p: GuestStr,
    ) -> Result<(), WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_REMOVE_DIRECTORY)?);
        dir.remove_dir(path(mem, p)?).errno()
    }

    pub(crate) fn do_path_unlink_file(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        p: GuestStr,
    ) -> Result<(), WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_UNLINK_FILE)?);
        let p = path(mem, p)?;
        // A trailing slash names a directory: on a file that is ENOTDIR.
        if p.ends_with('/') {
            let meta = dir.symlink_metadata(p.trim_end_matches('/')).errno()?;
            return Err(if meta.is_dir() { Errno::Isdir } else { Errno::Notdir }.into());
        }
        dir.remove_file(p).errno()
    }

    pub(crate) fn do_path_rename(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        old: GuestStr,
        new_fd: Fd,
        new: GuestStr,
    ) -> Result<(), WasiError> {
        let from = cap_dir(self.dir(fd, Rights::PATH_RENAME_SOURCE)?);
        let to = cap_dir(self.dir(new_fd, Rights::PATH_RENAME_TARGET)?);
        from.rename(path(mem, old)?, to, path(mem, new)?).errno()
    }

    pub(crate) fn do_path_link(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old_fd: Fd,
        old_flags: Lookupflags,
        old: GuestStr,
        new_fd: Fd,
        new: GuestStr,
    ) -> Result<(), WasiError> {
        let from = cap_dir(self.dir(old_fd, Rights::PATH_LINK_SOURCE)?);
        let to = cap_dir(self.dir(new_fd, Rights::PATH_LINK_TARGET)?);
        // As wasmtime: following a symlink source is not supported.
        if old_flags.contains(Lookupflags::SYMLINK_FOLLOW) {
            return Err(Errno::Inval.into());
        }
        from.hard_link(path(mem, old)?, to, path(mem, new)?).errno()
    }

    pub(crate) fn do_path_symlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old: GuestStr,
        fd: Fd,
        new: GuestStr,
    ) -> Result<(), WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_SYMLINK)?);
        let target = path(mem, old)?;
        let link = path(mem, new)?;
        // As wasmtime (cap-std's `symlink`): an absolute target is refused
        // (EPERM); a relative one that climbs out is created, but can never
        // be followed out of the sandbox.
        dir.symlink(target, link).errno()
    }

    pub(crate) fn do_path_readlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        p: GuestStr,
        buf: GuestPtr<u8>,
        buf_len: Size,
    ) -> Result<Size, WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_READLINK)?);
        // As wasmtime (cap-std's `read_link`): an absolute target is not
        // revealed (EPERM).
        let target = dir.read_link(path(mem, p)?).errno()?;
        let bytes = target.as_os_str().as_bytes();
        // As wasmtime: a buffer too small gets the target's prefix.
        let n = bytes.len().min(buf_len as usize);
        mem.write_bytes(buf.offset(), &bytes[..n])?;
        Ok(n as Size)
    }

    pub(crate) fn do_path_filestat_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        flags: Lookupflags,
        p: GuestStr,
    ) -> Result<Filestat, WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_FILESTAT_GET)?);
        let p = path(mem, p)?;
        let meta = if flags.contains(Lookupflags::SYMLINK_FOLLOW) {
            dir.metadata(p)
        } else {
            dir.symlink_metadata(p)
        }
        .errno()?;
        Ok(filestat_of_meta(&meta))
    }

    #[expect(clippy::too_many_arguments, reason = "one argument per witx parameter")]
    pub(crate) fn do_path_filestat_set_times(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        flags: Lookupflags,
        p: GuestStr,
        atim: Timestamp,
        mtim: Timestamp,
        fst: Fstflags,
    ) -> Result<(), WasiError> {
        let dir = cap_dir(self.dir(fd, Rights::PATH_FILESTAT_SET_TIMES)?);
        let a = time_spec(atim, fst.contains(Fstflags::ATIM), fst.contains(Fstflags::ATIM_NOW))?;
        let m = time_spec(mtim, fst.contains(Fstflags::MTIM), fst.contains(Fstflags::MTIM_NOW))?;
        let p = path(mem, p)?;
        if flags.contains(Lookupflags::SYMLINK_FOLLOW) {
            dir.set_times(p, a, m).errno()
        } else {
            dir.set_symlink_times(p, a, m).errno()
        }
    }
}
