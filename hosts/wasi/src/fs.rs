//! `fd_*`: reading, writing, seeking, metadata and directory listing on
//! open descriptors.

use crate::ctx::{DIR_RIGHTS, Entry, FILE_RIGHTS, Kind, Stdio, WasiCtx, filetype_of_mode};
use crate::errno::IoResultExt;
use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestMemory, GuestPtr, WasiError};
use rustix::event::PollFlags;
use std::io::{IoSlice, Read, Seek, SeekFrom, Write};
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;

/// The most buffers one call may pass (`IOV_MAX` on Linux): a longer
/// iovec array is `EINVAL`, as `readv`/`writev` answer, before any buffer
/// is looked at. Empty buffers count: the host's work grows with the
/// array's length, not with the bytes it describes (RFC 0010).
pub(crate) const MAX_IOVECS: u32 = 1024;

/// `EINVAL` for an iovec array longer than [`MAX_IOVECS`].
fn check_iovecs(len: u32) -> Result<(), WasiError> {
    if len > MAX_IOVECS {
        return Err(Errno::Inval.into());
    }
    Ok(())
}

/// The first non-empty buffer of `iovs` (reads fill one buffer per call,
/// as wasmtime's do: guest buffers may overlap, so they cannot all be
/// borrowed mutably at once). `None` if every buffer is empty.
pub(crate) fn first_iovec(mem: &GuestMemory<'_>, iovs: IovecArray) -> Result<Option<Iovec>, WasiError> {
    check_iovecs(iovs.len())?;
    for iov in iovs.iter(mem)? {
        let iov = iov?;
        if iov.buf_len > 0 {
            return Ok(Some(iov));
        }
    }
    Ok(None)
}

/// Bytes a pipe takes at once without blocking once it is writable (Linux's
/// `PIPE_BUF`; POSIX guarantees at least 512).
const PIPE_BUF: usize = 4096;

/// The guest's non-empty buffers of `iovs` as host slices.
pub(crate) fn ciovec_slices<'m>(mem: &'m GuestMemory<'_>, iovs: CiovecArray) -> Result<Vec<IoSlice<'m>>, WasiError> {
    check_iovecs(iovs.len())?;
    let mut out = Vec::new();
    for iov in iovs.iter(mem)? {
        let iov = iov?;
        if iov.buf_len == 0 {
            continue;
        }
        out.push(IoSlice::new(iov.as_bytes(mem)?));
    }
    Ok(out)
}

fn size(n: usize) -> Size {
    // Reads and writes go into or out of guest memory, so n < 2^32.
    Size::try_from(n).unwrap_or(Size::MAX)
}

fn nanos(sec: i64, nsec: i64) -> Timestamp {
    (sec as u64).wrapping_mul(1_000_000_000).wrapping_add(nsec as u64)
}

/// A `filestat` from an `fstat`/`stat` result.
pub(crate) fn filestat_of(st: &rustix::fs::Stat) -> Filestat {
    Filestat {
        dev: st.st_dev,
        ino: st.st_ino,
        filetype: filetype_of_mode(st.st_mode),
        nlink: st.st_nlink,
        size: st.st_size as u64,
        atim: nanos(st.st_atime, st.st_atime_nsec as i64),
        mtim: nanos(st.st_mtime, st.st_mtime_nsec as i64),
        ctim: nanos(st.st_ctime, st.st_ctime_nsec as i64),
    }
}

/// The two timestamps of a `*_set_times` call, as `utimensat` wants them.
/// `EINVAL` when a time and `*_NOW` are both asked for one field.
pub(crate) fn timestamps(
    atim: Timestamp,
    mtim: Timestamp,
    flags: Fstflags,
) -> Result<rustix::fs::Timestamps, WasiError> {
    fn one(t: Timestamp, set: bool, now: bool) -> Result<rustix::fs::Timespec, WasiError> {
        Ok(match (set, now) {
            (true, true) => return Err(Errno::Inval.into()),
            (true, false) => rustix::fs::Timespec {
                tv_sec: (t / 1_000_000_000) as i64,
                tv_nsec: (t % 1_000_000_000) as _,
            },
            (false, true) => rustix::fs::Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_NOW,
            },
            (false, false) => rustix::fs::Timespec {
                tv_sec: 0,
                tv_nsec: rustix::fs::UTIME_OMIT,
            },
        })
    }
    Ok(rustix::fs::Timestamps {
        last_access: one(atim, flags.contains(Fstflags::ATIM), flags.contains(Fstflags::ATIM_NOW))?,
        last_modification: one(mtim, flags.contains(Fstflags::MTIM), flags.contains(Fstflags::MTIM_NOW))?,
    })
}

impl WasiCtx {
    pub(crate) fn do_fd_read(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: IovecArray,
    ) -> Result<Size, WasiError> {
        let entry = self.entry_mut(fd)?;
        readable(entry)?;
        let Some(iov) = first_iovec(mem, iovs)? else {
            return Ok(0);
        };
        // A read that may block watches the store's deadline first.
        let nonblock = entry.flags.contains(Fdflags::NONBLOCK);
        match &entry.kind {
            Kind::Stream(s) if !nonblock => crate::poll::wait_ready(mem, s.as_fd(), PollFlags::IN)?,
            Kind::Stdio(_, Stdio::Inherit) if !nonblock => {
                crate::poll::wait_ready(mem, rustix::stdio::stdin(), PollFlags::IN)?;
            }
            _ => {}
        }
        let buf = iov.as_bytes_mut(mem)?;
        let n = match &mut entry.kind {
            Kind::File(f) => (&f.file).read(buf).errno()?,
            Kind::Stream(s) => s.read(buf).errno()?,
            Kind::Stdio(_, Stdio::Inherit) => rustix::io::read(rustix::stdio::stdin(), buf).errno()?,
            Kind::Stdio(_, Stdio::Reader(r)) => r.read(buf).errno()?,
            Kind::Stdio(_, Stdio::Null) => 0,
            _ => return Err(Errno::Badf.into()),
        };
        mem.charge_bytes(n as u64);
        Ok(size(n))
    }

    pub(crate) fn do_fd_write(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: CiovecArray,
    ) -> Result<Size, WasiError> {
        let entry = self.entry_mut(fd)?;
        writable(entry)?;
        let bufs = ciovec_slices(mem, iovs)?;
        if bufs.is_empty() {
            return Ok(0);
        }
        // With epoch interruption, a write that may block (a pipe, a
        // socket, the inherited stdout or stderr) first waits until the
        // descriptor is writable, watching the store's deadline, and then
        // writes at most `PIPE_BUF` bytes, which a writable pipe takes
        // without blocking: a short write, which the guest's libc continues.
        let nonblock = entry.flags.contains(Fdflags::NONBLOCK);
        let may_block = match &entry.kind {
            Kind::Stream(s) if !nonblock => Some(s.as_fd()),
            Kind::Stdio(1, Stdio::Inherit) if !nonblock => Some(rustix::stdio::stdout()),
            Kind::Stdio(_, Stdio::Inherit) if !nonblock => Some(rustix::stdio::stderr()),
            _ => None,
        };
        let first_part;
        let bufs: &[IoSlice<'_>] = match may_block {
            Some(fd) if mem.interrupt().is_some() => {
                crate::poll::wait_ready(mem, fd, PollFlags::OUT)?;
                first_part = [IoSlice::new(&bufs[0][..bufs[0].len().min(PIPE_BUF)])];
                &first_part
            }
            _ => &bufs,
        };
        let n = match &mut entry.kind {
            Kind::File(f) => (&f.file).write_vectored(bufs).errno()?,
            Kind::Stream(s) => s.write_vectored(bufs).errno()?,
            Kind::Stdio(n, Stdio::Inherit) => {
                if *n == 1 {
                    rustix::io::writev(rustix::stdio::stdout(), bufs).errno()?
                } else {
                    rustix::io::writev(rustix::stdio::stderr(), bufs).errno()?
                }
            }
            Kind::Stdio(_, Stdio::Writer(w)) => {
                let n = w.write_vectored(bufs).errno()?;
                w.flush().errno()?;
                n
            }
            Kind::Stdio(_, Stdio::Null) => bufs.iter().map(|b| b.len()).sum(),
            _ => return Err(Errno::Badf.into()),
        };
        mem.charge_bytes(n as u64);
        Ok(size(n))
    }

    pub(crate) fn do_fd_pread(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: IovecArray,
        offset: Filesize,
    ) -> Result<Size, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(not_seekable(entry));
        };
        if !f.read {
            return Err(Errno::Badf.into());
        }
        entry.require(Rights::FD_READ | Rights::FD_SEEK)?;
        let Some(iov) = first_iovec(mem, iovs)? else {
            return Ok(0);
        };
        let buf = iov.as_bytes_mut(mem)?;
        let n = f.file.read_at(buf, offset).errno()?;
        mem.charge_bytes(n as u64);
        Ok(size(n))
    }

    pub(crate) fn do_fd_pwrite(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: CiovecArray,
        offset: Filesize,
    ) -> Result<Size, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(not_seekable(entry));
        };
        if !f.write {
            return Err(Errno::Badf.into());
        }
        entry.require(Rights::FD_WRITE | Rights::FD_SEEK)?;
        let bufs = ciovec_slices(mem, iovs)?;
        let Some(first) = bufs.first() else {
            return Ok(0);
        };
        // One buffer per call (a short write), like reads.
        let n = f.file.write_at(first, offset).errno()?;
        mem.charge_bytes(n as u64);
        Ok(size(n))
    }

    pub(crate) fn do_fd_seek(&mut self, fd: Fd, offset: Filedelta, whence: Whence) -> Result<Filesize, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(not_seekable(entry));
        };
        if whence == Whence::Cur && offset == 0 {
            if !entry.base.intersects(Rights::FD_SEEK | Rights::FD_TELL) {
                return Err(Errno::Notcapable.into());
            }
        } else {
            entry.require(Rights::FD_SEEK)?;
        }
        let pos = match whence {
            Whence::Set => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::Inval)?),
            Whence::Cur => SeekFrom::Current(offset),
            Whence::End => SeekFrom::End(offset),
        };
        (&f.file).seek(pos).errno()
    }

    pub(crate) fn do_fd_tell(&mut self, fd: Fd) -> Result<Filesize, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(not_seekable(entry));
        };
        entry.require(Rights::FD_TELL)?;
        (&f.file).stream_position().errno()
    }

    pub(crate) fn do_fd_sync(&mut self, fd: Fd, data_only: bool) -> Result<(), WasiError> {
        let entry = self.entry(fd)?;
        // As wasmtime: only files sync (a directory is EBADF).
        let Kind::File(f) = &entry.kind else {
            return Err(Errno::Badf.into());
        };
        entry.require(if data_only {
            Rights::FD_DATASYNC
        } else {
            Rights::FD_SYNC
        })?;
        if data_only {
            f.file.sync_data().errno()
        } else {
            f.file.sync_all().errno()
        }
    }

    pub(crate) fn do_fd_advise(
        &mut self,
        fd: Fd,
        offset: Filesize,
        len: Filesize,
        advice: Advice,
    ) -> Result<(), WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(Errno::Badf.into());
        };
        entry.require(Rights::FD_ADVISE)?;
        use rustix::fs::Advice as A;
        let advice = match advice {
            Advice::Normal => A::Normal,
            Advice::Sequential => A::Sequential,
            Advice::Random => A::Random,
            Advice::Willneed => A::WillNeed,
            Advice::Dontneed => A::DontNeed,
            Advice::Noreuse => A::NoReuse,
        };
        // Only a hint: a filesystem that cannot take it is not an error.
        let _ = rustix::fs::fadvise(&f.file, offset, std::num::NonZeroU64::new(len), advice);
        Ok(())
    }

    pub(crate) fn do_fd_allocate(&mut self, fd: Fd) -> Result<(), WasiError> {
        // wasmtime (whose preview1 sits on preview2, which has no allocate)
        // answers ENOTSUP for a regular file and EBADF for anything else
        // (directories, stdio, sockets); so does concord. wasi-testsuite's
        // dir_fd_op_failures accepts only EISDIR, EBADF or ENOTCAPABLE for a
        // directory.
        match self.entry(fd)?.kind {
            Kind::File(_) => Err(Errno::Notsup.into()),
            _ => Err(Errno::Badf.into()),
        }
    }

    pub(crate) fn do_fd_filestat_get(&mut self, fd: Fd) -> Result<Filestat, WasiError> {
        let entry = self.entry(fd)?;
        if !matches!(entry.kind, Kind::Stdio(..)) {
            entry.require(Rights::FD_FILESTAT_GET)?;
        }
        match entry.host_fd() {
            Some(host) => Ok(filestat_of(&rustix::fs::fstat(host).errno()?)),
            None => Ok(Filestat {
                dev: 0,
                ino: 0,
                filetype: Filetype::Unknown,
                nlink: 0,
                size: 0,
                atim: 0,
                mtim: 0,
                ctim: 0,
            }),
        }
    }

    pub(crate) fn do_fd_filestat_set_size(&mut self, fd: Fd, size: Filesize) -> Result<(), WasiError> {
        let entry = self.entry(fd)?;
        let Kind::File(f) = &entry.kind else {
            return Err(Errno::Badf.into());
        };
        if !f.write {
            return Err(Errno::Badf.into());
        }
        entry.require(Rights::FD_FILESTAT_SET_SIZE)?;
        f.file.set_len(size).errno()
    }

    pub(crate) fn do_fd_filestat_set_times(
        &mut self,
        fd: Fd,
        atim: Timestamp,
        mtim: Timestamp,
        flags: Fstflags,
    ) -> Result<(), WasiError> {
        let entry = self.entry(fd)?;
        entry.require(Rights::FD_FILESTAT_SET_TIMES)?;
        let times = timestamps(atim, mtim, flags)?;
        let Some(host) = entry.host_fd() else {
            return Err(Errno::Badf.into());
        };
        rustix::fs::futimens(host, &times).errno()
    }

    pub(crate) fn do_fd_fdstat_get(&mut self, fd: Fd) -> Result<Fdstat, WasiError> {
        let entry = self.entry(fd)?;
        Ok(Fdstat {
            fs_filetype: entry.filetype(),
            fs_flags: entry.flags,
            fs_rights_base: entry.base,
            fs_rights_inheriting: entry.inheriting,
        })
    }

    pub(crate) fn do_fd_fdstat_set_flags(&mut self, fd: Fd, flags: Fdflags) -> Result<(), WasiError> {
        let entry = self.entry_mut(fd)?;
        // As wasmtime: a directory's flags cannot be set (EBADF).
        if matches!(entry.kind, Kind::Dir(_)) {
            return Err(Errno::Badf.into());
        }
        entry.require(Rights::FD_FDSTAT_SET_FLAGS)?;
        // The synchronisation flags are fixed when a file is opened (the
        // OS ignores them in F_SETFL): asking to change them is EINVAL.
        let sync = Fdflags::DSYNC | Fdflags::RSYNC | Fdflags::SYNC;
        if (flags & sync) != (entry.flags & sync) {
            return Err(Errno::Inval.into());
        }
        let Some(host) = entry.host_fd() else {
            return Err(Errno::Inval.into());
        };
        let mut oflags = rustix::fs::fcntl_getfl(host).errno()?;
        oflags.set(rustix::fs::OFlags::APPEND, flags.contains(Fdflags::APPEND));
        // A listener stays non-blocking at the OS level: `sock_accept`
        // waits by itself when the guest did not ask for `nonblock`.
        let nonblock = flags.contains(Fdflags::NONBLOCK) || matches!(entry.kind, Kind::Listener(_));
        oflags.set(rustix::fs::OFlags::NONBLOCK, nonblock);
        rustix::fs::fcntl_setfl(host, oflags).errno()?;
        entry.flags = flags;
        Ok(())
    }

    pub(crate) fn do_fd_fdstat_set_rights(
        &mut self,
        fd: Fd,
        base: Rights,
        inheriting: Rights,
    ) -> Result<(), WasiError> {
        let entry = self.entry_mut(fd)?;
        if !entry.base.contains(base) || !entry.inheriting.contains(inheriting) {
            return Err(Errno::Notcapable.into());
        }
        entry.base = base;
        entry.inheriting = inheriting;
        Ok(())
    }

    pub(crate) fn do_fd_close(&mut self, fd: Fd) -> Result<(), WasiError> {
        self.table.remove(&fd).map(drop).ok_or(WasiError::Errno(Errno::Badf))
    }

    pub(crate) fn do_fd_renumber(&mut self, fd: Fd, to: Fd) -> Result<(), WasiError> {
        if !self.table.contains_key(&fd) || !self.table.contains_key(&to) {
            return Err(Errno::Badf.into());
        }
        if fd == to {
            return Ok(());
        }
        if let Some(entry) = self.table.remove(&fd) {
            self.table.insert(to, entry);
        }
        Ok(())
    }

    pub(crate) fn do_fd_prestat_get(&mut self, fd: Fd) -> Result<Prestat, WasiError> {
        match &self.entry(fd)?.kind {
            Kind::Dir(d) => match &d.preopen {
                Some(name) => Ok(Prestat::Dir(PrestatDir {
                    pr_name_len: size(name.len()),
                })),
                None => Err(Errno::Badf.into()),
            },
            _ => Err(Errno::Badf.into()),
        }
    }

    pub(crate) fn do_fd_prestat_dir_name(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        path: GuestPtr<u8>,
        path_len: Size,
    ) -> Result<(), WasiError> {
        let Kind::Dir(d) = &self.entry(fd)?.kind else {
            return Err(Errno::Notdir.into());
        };
        let Some(name) = &d.preopen else {
            return Err(Errno::Notdir.into());
        };
        if name.len() > path_len as usize {
            return Err(Errno::Nametoolong.into());
        }
        mem.write_bytes(path.offset(), name.as_bytes())?;
        Ok(())
    }

    pub(crate) fn do_fd_readdir(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        buf: GuestPtr<u8>,
        buf_len: Size,
        cookie: Dircookie,
    ) -> Result<Size, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::Dir(d) = &entry.kind else {
            return Err(Errno::Badf.into());
        };
        entry.require(Rights::FD_READDIR)?;
        let out = mem.bytes_mut(buf.offset(), buf_len)?;
        let cap = out.len();
        let mut used = 0usize;
        // "." and ".." first, then the directory's entries in the host's
        // order; a cookie is the index of the next entry. ".." gets the
        // directory's own inode number, as in wasmtime: the parent may be
        // outside the sandbox, and a zero would make wasi-libc `fstatat`
        // "..", which cap-std refuses.
        let this = rustix::fs::fstat(&d.dir).errno()?;
        let dots = [
            (b".".to_vec(), this.st_ino, Filetype::Directory),
            (b"..".to_vec(), this.st_ino, Filetype::Directory),
        ];
        let rest = d.dir.entries().errno()?.map(|e| {
            let e = e.errno()?;
            let name = std::os::unix::ffi::OsStrExt::as_bytes(e.file_name().as_os_str()).to_vec();
            let ty = e.file_type().errno()?;
            let ft = if ty.is_dir() {
                Filetype::Directory
            } else if ty.is_file() {
                Filetype::RegularFile
            } else if ty.is_symlink() {
                Filetype::SymbolicLink
            } else {
                use cap_std::fs::FileTypeExt;
                if ty.is_block_device() {
                    Filetype::BlockDevice
                } else if ty.is_char_device() {
                    Filetype::CharacterDevice
                } else if ty.is_socket() {
                    Filetype::SocketStream
                } else {
                    Filetype::Unknown
                }
            };
            let ino = std::os::unix::fs::DirEntryExt::ino(&e);
            Ok::<_, WasiError>((name, ino, ft))
        });
        let all = dots.into_iter().map(Ok).chain(rest);
        for (index, item) in (0u64..).zip(all) {
            if used >= cap {
                break;
            }
            if index < cookie {
                continue;
            }
            let (name, ino, ft) = item?;
            let mut header = [0u8; 24];
            header[0..8].copy_from_slice(&(index + 1).to_le_bytes());
            header[8..16].copy_from_slice(&ino.to_le_bytes());
            header[16..20].copy_from_slice(&size(name.len()).to_le_bytes());
            header[20] = ft.raw();
            for part in [&header[..], &name[..]] {
                let n = part.len().min(cap - used);
                out[used..used + n].copy_from_slice(&part[..n]);
                used += n;
            }
        }
        mem.charge_bytes(used as u64);
        Ok(size(used))
    }
}

/// `EBADF` unless `entry` can be read from, `ENOTCAPABLE` without the right.
fn readable(entry: &Entry) -> Result<(), WasiError> {
    match &entry.kind {
        Kind::File(f) if !f.read => return Err(Errno::Badf.into()),
        Kind::Dir(_) | Kind::Listener(_) => return Err(Errno::Badf.into()),
        Kind::Stdio(_, Stdio::Writer(_)) => return Err(Errno::Badf.into()),
        _ => {}
    }
    entry.require(Rights::FD_READ)
}

/// `EBADF` unless `entry` can be written to, `ENOTCAPABLE` without the right.
fn writable(entry: &Entry) -> Result<(), WasiError> {
    match &entry.kind {
        Kind::File(f) if !f.write => return Err(Errno::Badf.into()),
        Kind::Dir(_) | Kind::Listener(_) => return Err(Errno::Badf.into()),
        Kind::Stdio(_, Stdio::Reader(_)) => return Err(Errno::Badf.into()),
        _ => {}
    }
    entry.require(Rights::FD_WRITE)
}

/// The error for seeking on something that is not a file: a directory is
/// EBADF, a stream (stdio, socket) ESPIPE.
fn not_seekable(entry: &Entry) -> WasiError {
    match entry.kind {
        Kind::Dir(_) => Errno::Badf.into(),
        _ => Errno::Spipe.into(),
    }
}

/// Rights a file or directory opened with `requested` rights from a
/// directory that passes on `inheriting` gets.
pub(crate) fn child_rights(requested: Rights, inheriting: Rights, is_dir: bool) -> Rights {
    requested & inheriting & if is_dir { DIR_RIGHTS } else { FILE_RIGHTS }
}
