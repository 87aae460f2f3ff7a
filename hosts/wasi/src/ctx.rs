//! The WASI context: arguments, environment, and the descriptor table.

use concord_abi::WasiError;
use concord_abi::wasi_snapshot_preview1::{Errno, Fd, Fdflags, Filetype, Rights};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::{AsFd, BorrowedFd};
use std::path::Path;

/// Rights that apply to regular files (and to character devices, pipes).
pub(crate) const FILE_RIGHTS: Rights = Rights::from_bits_truncate(
    Rights::FD_DATASYNC.bits()
        | Rights::FD_READ.bits()
        | Rights::FD_SEEK.bits()
        | Rights::FD_FDSTAT_SET_FLAGS.bits()
        | Rights::FD_SYNC.bits()
        | Rights::FD_TELL.bits()
        | Rights::FD_WRITE.bits()
        | Rights::FD_ADVISE.bits()
        | Rights::FD_ALLOCATE.bits()
        | Rights::FD_FILESTAT_GET.bits()
        | Rights::FD_FILESTAT_SET_SIZE.bits()
        | Rights::FD_FILESTAT_SET_TIMES.bits()
        | Rights::POLL_FD_READWRITE.bits(),
);

/// Rights that apply to directories.
pub(crate) const DIR_RIGHTS: Rights = Rights::from_bits_truncate(
    Rights::FD_DATASYNC.bits()
        | Rights::FD_FDSTAT_SET_FLAGS.bits()
        | Rights::FD_SYNC.bits()
        | Rights::FD_ADVISE.bits()
        | Rights::PATH_CREATE_DIRECTORY.bits()
        | Rights::PATH_CREATE_FILE.bits()
        | Rights::PATH_LINK_SOURCE.bits()
        | Rights::PATH_LINK_TARGET.bits()
        | Rights::PATH_OPEN.bits()
        | Rights::FD_READDIR.bits()
        | Rights::PATH_READLINK.bits()
        | Rights::PATH_RENAME_SOURCE.bits()
        | Rights::PATH_RENAME_TARGET.bits()
        | Rights::PATH_FILESTAT_GET.bits()
        | Rights::PATH_FILESTAT_SET_SIZE.bits()
        | Rights::PATH_FILESTAT_SET_TIMES.bits()
        | Rights::FD_FILESTAT_GET.bits()
        | Rights::FD_FILESTAT_SET_TIMES.bits()
        | Rights::PATH_SYMLINK.bits()
        | Rights::PATH_REMOVE_DIRECTORY.bits()
        | Rights::PATH_UNLINK_FILE.bits()
        | Rights::POLL_FD_READWRITE.bits(),
);

/// Rights of a connected stream socket.
pub(crate) const STREAM_RIGHTS: Rights = Rights::from_bits_truncate(
    Rights::FD_READ.bits()
        | Rights::FD_WRITE.bits()
        | Rights::FD_FDSTAT_SET_FLAGS.bits()
        | Rights::FD_FILESTAT_GET.bits()
        | Rights::POLL_FD_READWRITE.bits()
        | Rights::SOCK_SHUTDOWN.bits(),
);

/// Rights of a listening socket.
pub(crate) const LISTENER_RIGHTS: Rights = Rights::from_bits_truncate(
    Rights::FD_FDSTAT_SET_FLAGS.bits()
        | Rights::FD_FILESTAT_GET.bits()
        | Rights::POLL_FD_READWRITE.bits()
        | Rights::SOCK_ACCEPT.bits(),
);

/// How many descriptors a guest may hold open at once.
pub(crate) const MAX_FDS: usize = 1 << 16;

/// A stdio stream: the host's own, or one the embedder supplied.
pub(crate) enum Stdio {
    /// The host process's stdin, stdout or stderr (by its fd number).
    Inherit,
    /// A custom input.
    Reader(Box<dyn Read + Send>),
    /// A custom output.
    Writer(Box<dyn Write + Send>),
    /// Nothing: reads see end of file, writes are discarded.
    Null,
}

/// An open regular file (or another non-directory the OS let us open).
pub(crate) struct File {
    pub(crate) file: std::fs::File,
    pub(crate) read: bool,
    pub(crate) write: bool,
}

/// An open directory.
pub(crate) struct Dir {
    pub(crate) dir: cap_std::fs::Dir,
    /// The guest name of a preopened directory.
    pub(crate) preopen: Option<String>,
}

/// What a descriptor refers to.
pub(crate) enum Kind {
    /// fd 0, 1 or 2 (the number is which host stream `Inherit` means).
    Stdio(u32, Stdio),
    File(File),
    Dir(Dir),
    Listener(TcpListener),
    Stream(TcpStream),
}

/// One open descriptor.
pub(crate) struct Entry {
    pub(crate) kind: Kind,
    pub(crate) base: Rights,
    pub(crate) inheriting: Rights,
    pub(crate) flags: Fdflags,
}

impl Entry {
    /// Fails with `ENOTCAPABLE` unless the descriptor has every right in `rights`.
    pub(crate) fn require(&self, rights: Rights) -> Result<(), WasiError> {
        if self.base.contains(rights) {
            Ok(())
        } else {
            Err(Errno::Notcapable.into())
        }
    }

    /// The host file descriptor behind this entry, if there is one.
    pub(crate) fn host_fd(&self) -> Option<BorrowedFd<'_>> {
        match &self.kind {
            Kind::Stdio(n, Stdio::Inherit) => Some(match n {
                0 => rustix::stdio::stdin(),
                1 => rustix::stdio::stdout(),
                _ => rustix::stdio::stderr(),
            }),
            Kind::Stdio(..) => None,
            Kind::File(f) => Some(f.file.as_fd()),
            Kind::Dir(d) => Some(d.dir.as_fd()),
            Kind::Listener(l) => Some(l.as_fd()),
            Kind::Stream(s) => Some(s.as_fd()),
        }
    }

    /// The preview1 file type.
    pub(crate) fn filetype(&self) -> Filetype {
        match &self.kind {
            Kind::Dir(_) => Filetype::Directory,
            Kind::Listener(_) | Kind::Stream(_) => Filetype::SocketStream,
            Kind::Stdio(_, Stdio::Inherit) | Kind::File(_) => match self.host_fd().map(rustix::fs::fstat) {
                Some(Ok(st)) => filetype_of_mode(st.st_mode),
                _ => Filetype::Unknown,
            },
            Kind::Stdio(..) => Filetype::Unknown,
        }
    }
}

/// The preview1 file type of a `st_mode`. A FIFO has no preview1 type and
/// is `unknown`, as in wasmtime.
pub(crate) fn filetype_of_mode(mode: u32) -> Filetype {
    use rustix::fs::FileType as T;
    match T::from_raw_mode(mode as rustix::fs::RawMode) {
        T::RegularFile => Filetype::RegularFile,
        T::Directory => Filetype::Directory,
        T::Symlink => Filetype::SymbolicLink,
        T::CharacterDevice => Filetype::CharacterDevice,
        T::BlockDevice => Filetype::BlockDevice,
        T::Socket => Filetype::SocketStream,
        _ => Filetype::Unknown,
    }
}

/// A `wasi_snapshot_preview1` host over the real OS, for one guest.
///
/// Built with [`WasiCtxBuilder`]; implements
/// [`WasiSnapshotPreview1`](concord_abi::WasiSnapshotPreview1), so
/// [`add_to_linker`](crate::add_to_linker) can define every import over it.
pub struct WasiCtx {
    pub(crate) args: Vec<Vec<u8>>,
    pub(crate) env: Vec<Vec<u8>>,
    pub(crate) table: BTreeMap<Fd, Entry>,
    pub(crate) cpu_time_clocks: bool,
}

impl std::fmt::Debug for WasiCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasiCtx")
            .field("args", &self.args.len())
            .field("env", &self.env.len())
            .field("fds", &self.table.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl WasiCtx {
    /// A builder with no arguments, no environment, no preopens and the
    /// host's stdio.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::new()
    }

    /// The entry for `fd`, or `EBADF`.
    pub(crate) fn entry(&self, fd: Fd) -> Result<&Entry, WasiError> {
        self.table.get(&fd).ok_or(WasiError::Errno(Errno::Badf))
    }

    /// The entry for `fd`, mutably, or `EBADF`.
    pub(crate) fn entry_mut(&mut self, fd: Fd) -> Result<&mut Entry, WasiError> {
        self.table.get_mut(&fd).ok_or(WasiError::Errno(Errno::Badf))
    }

    /// The directory `fd` with `rights`: `EBADF` if not open, `ENOTDIR`
    /// if not a directory, `ENOTCAPABLE` without the rights.
    pub(crate) fn dir(&self, fd: Fd, rights: Rights) -> Result<&Entry, WasiError> {
        let entry = self.entry(fd)?;
        if !matches!(entry.kind, Kind::Dir(_)) {
            return Err(Errno::Notdir.into());
        }
        entry.require(rights)?;
        Ok(entry)
    }

    /// Inserts an entry at the lowest free descriptor number.
    pub(crate) fn push(&mut self, entry: Entry) -> Result<Fd, WasiError> {
        if self.table.len() >= MAX_FDS {
            return Err(Errno::Mfile.into());
        }
        let mut fd = 0;
        for &used in self.table.keys() {
            if used != fd {
                break;
            }
            fd += 1;
        }
        self.table.insert(fd, entry);
        Ok(fd)
    }
}

/// Builds a [`WasiCtx`].
pub struct WasiCtxBuilder {
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    stdio: [Stdio; 3],
    preopens: Vec<Entry>,
    cpu_time_clocks: bool,
}

impl Default for WasiCtxBuilder {
    fn default() -> Self {
        WasiCtxBuilder::new()
    }
}

impl std::fmt::Debug for WasiCtxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasiCtxBuilder")
            .field("args", &self.args.len())
            .field("env", &self.env.len())
            .field("preopens", &self.preopens.len())
            .finish()
    }
}

impl WasiCtxBuilder {
    /// No arguments, no environment, no preopens, the host's stdio.
    pub fn new() -> WasiCtxBuilder {
        WasiCtxBuilder {
            args: Vec::new(),
            env: Vec::new(),
            stdio: [Stdio::Inherit, Stdio::Inherit, Stdio::Inherit],
            preopens: Vec::new(),
            cpu_time_clocks: false,
        }
    }

    /// Appends one argument (the first one is the program name, `argv[0]`).
    pub fn arg(&mut self, arg: impl AsRef<str>) -> &mut Self {
        self.args.push(arg.as_ref().as_bytes().to_vec());
        self
    }

    /// Appends arguments.
    pub fn args<S: AsRef<str>>(&mut self, args: impl IntoIterator<Item = S>) -> &mut Self {
        for a in args {
            self.arg(a);
        }
        self
    }

    /// Appends an environment variable `name=value`.
    pub fn env(&mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> &mut Self {
        let mut v = name.as_ref().as_bytes().to_vec();
        v.push(b'=');
        v.extend_from_slice(value.as_ref().as_bytes());
        self.env.push(v);
        self
    }

    /// Appends environment variables.
    pub fn envs<K: AsRef<str>, V: AsRef<str>>(&mut self, vars: impl IntoIterator<Item = (K, V)>) -> &mut Self {
        for (k, v) in vars {
            self.env(k, v);
        }
        self
    }

    /// The guest's stdin, stdout and stderr are the host process's (the default).
    pub fn inherit_stdio(&mut self) -> &mut Self {
        self.stdio = [Stdio::Inherit, Stdio::Inherit, Stdio::Inherit];
        self
    }

    /// The guest's stdin reads from `r`.
    pub fn stdin(&mut self, r: impl Read + Send + 'static) -> &mut Self {
        self.stdio[0] = Stdio::Reader(Box::new(r));
        self
    }

    /// The guest's stdout writes to `w`.
    pub fn stdout(&mut self, w: impl Write + Send + 'static) -> &mut Self {
        self.stdio[1] = Stdio::Writer(Box::new(w));
        self
    }

    /// The guest's stderr writes to `w`.
    pub fn stderr(&mut self, w: impl Write + Send + 'static) -> &mut Self {
        self.stdio[2] = Stdio::Writer(Box::new(w));
        self
    }

    /// The guest's stdin is empty and its stdout and stderr are discarded.
    pub fn null_stdio(&mut self) -> &mut Self {
        self.stdio = [Stdio::Null, Stdio::Null, Stdio::Null];
        self
    }

    /// Whether `clock_res_get`/`clock_time_get` serve the process and
    /// thread CPU-time clocks (from the host's `clock_gettime`). Off by
    /// default: wasmtime does not provide them and answers `EBADF`.
    pub fn cpu_time_clocks(&mut self, on: bool) -> &mut Self {
        self.cpu_time_clocks = on;
        self
    }

    /// Preopens the host directory `host_path` for the guest under the
    /// name `guest_path`. Everything the guest does with files happens
    /// beneath a preopen: no path escapes it.
    pub fn preopened_dir(&mut self, host_path: impl AsRef<Path>, guest_path: impl AsRef<str>) -> io::Result<&mut Self> {
        let dir = cap_std::fs::Dir::open_ambient_dir(host_path.as_ref(), cap_std::ambient_authority())?;
        self.preopens.push(Entry {
            kind: Kind::Dir(Dir {
                dir,
                preopen: Some(guest_path.as_ref().to_string()),
            }),
            base: DIR_RIGHTS,
            inheriting: DIR_RIGHTS | FILE_RIGHTS,
            flags: Fdflags::EMPTY,
        });
        Ok(self)
    }

    /// Preopens a listening TCP socket: the guest accepts connections on
    /// it with `sock_accept`. The listener is made non-blocking at the OS
    /// level (so `poll_oneoff` and non-blocking accepts work); an accept
    /// without `nonblock` still waits for a connection.
    pub fn preopened_socket(&mut self, listener: TcpListener) -> io::Result<&mut Self> {
        listener.set_nonblocking(true)?;
        self.preopens.push(Entry {
            kind: Kind::Listener(listener),
            base: LISTENER_RIGHTS,
            inheriting: STREAM_RIGHTS,
            flags: Fdflags::EMPTY,
        });
        Ok(self)
    }

    /// The context. The builder is left empty (stdio inherited again).
    pub fn build(&mut self) -> WasiCtx {
        let mut table = BTreeMap::new();
        let stdio = std::mem::replace(&mut self.stdio, [Stdio::Inherit, Stdio::Inherit, Stdio::Inherit]);
        for (n, io) in (0u32..).zip(stdio) {
            let base = if n == 0 {
                Rights::FD_READ | Rights::POLL_FD_READWRITE | Rights::FD_FILESTAT_GET
            } else {
                Rights::FD_WRITE | Rights::POLL_FD_READWRITE | Rights::FD_FILESTAT_GET
            };
            table.insert(
                n,
                Entry {
                    kind: Kind::Stdio(n, io),
                    base,
                    inheriting: Rights::EMPTY,
                    flags: Fdflags::EMPTY,
                },
            );
        }
        for (fd, entry) in (3u32..).zip(self.preopens.drain(..)) {
            table.insert(fd, entry);
        }
        WasiCtx {
            args: std::mem::take(&mut self.args),
            env: std::mem::take(&mut self.env),
            table,
            cpu_time_clocks: self.cpu_time_clocks,
        }
    }
}
