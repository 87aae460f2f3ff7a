//! Host errors to preview1 errno values.

use concord_abi::WasiError;
use concord_abi::wasi_snapshot_preview1::Errno;
use std::io;

/// The preview1 errno for a host OS error number (Linux / POSIX values).
pub(crate) fn from_raw_os(code: i32) -> Errno {
    use libc::*;
    match code {
        E2BIG => Errno::TooBig,
        EACCES => Errno::Acces,
        EADDRINUSE => Errno::Addrinuse,
        EADDRNOTAVAIL => Errno::Addrnotavail,
        EAFNOSUPPORT => Errno::Afnosupport,
        EAGAIN => Errno::Again,
        EALREADY => Errno::Already,
        EBADF => Errno::Badf,
        EBADMSG => Errno::Badmsg,
        EBUSY => Errno::Busy,
        ECANCELED => Errno::Canceled,
        ECHILD => Errno::Child,
        ECONNABORTED => Errno::Connaborted,
        ECONNREFUSED => Errno::Connrefused,
        ECONNRESET => Errno::Connreset,
        EDEADLK => Errno::Deadlk,
        EDESTADDRREQ => Errno::Destaddrreq,
        EDOM => Errno::Dom,
        EDQUOT => Errno::Dquot,
        EEXIST => Errno::Exist,
        EFAULT => Errno::Fault,
        EFBIG => Errno::Fbig,
        EHOSTUNREACH => Errno::Hostunreach,
        EIDRM => Errno::Idrm,
        EILSEQ => Errno::Ilseq,
        EINPROGRESS => Errno::Inprogress,
        EINTR => Errno::Intr,
        EINVAL => Errno::Inval,
        EIO => Errno::Io,
        EISCONN => Errno::Isconn,
        EISDIR => Errno::Isdir,
        ELOOP => Errno::Loop,
        EMFILE => Errno::Mfile,
        EMLINK => Errno::Mlink,
        EMSGSIZE => Errno::Msgsize,
        EMULTIHOP => Errno::Multihop,
        ENAMETOOLONG => Errno::Nametoolong,
        ENETDOWN => Errno::Netdown,
        ENETRESET => Errno::Netreset,
        ENETUNREACH => Errno::Netunreach,
        ENFILE => Errno::Nfile,
        ENOBUFS => Errno::Nobufs,
        ENODEV => Errno::Nodev,
        ENOENT => Errno::Noent,
        ENOEXEC => Errno::Noexec,
        ENOLCK => Errno::Nolck,
        ENOLINK => Errno::Nolink,
        ENOMEM => Errno::Nomem,
        ENOMSG => Errno::Nomsg,
        ENOPROTOOPT => Errno::Noprotoopt,
        ENOSPC => Errno::Nospc,
        ENOSYS => Errno::Nosys,
        ENOTCONN => Errno::Notconn,
        ENOTDIR => Errno::Notdir,
        ENOTEMPTY => Errno::Notempty,
        ENOTRECOVERABLE => Errno::Notrecoverable,
        ENOTSOCK => Errno::Notsock,
        ENOTSUP => Errno::Notsup,
        ENOTTY => Errno::Notty,
        ENXIO => Errno::Nxio,
        EOVERFLOW => Errno::Overflow,
        EOWNERDEAD => Errno::Ownerdead,
        EPERM => Errno::Perm,
        EPIPE => Errno::Pipe,
        EPROTO => Errno::Proto,
        EPROTONOSUPPORT => Errno::Protonosupport,
        EPROTOTYPE => Errno::Prototype,
        ERANGE => Errno::Range,
        EROFS => Errno::Rofs,
        ESPIPE => Errno::Spipe,
        ESRCH => Errno::Srch,
        ESTALE => Errno::Stale,
        ETIMEDOUT => Errno::Timedout,
        ETXTBSY => Errno::Txtbsy,
        EXDEV => Errno::Xdev,
        _ => Errno::Io,
    }
}

/// The preview1 errno for an I/O error. An error without an OS error
/// number is mapped by its kind; cap-std's "a path led outside of the
/// filesystem" (a sandbox escape attempt) is a `PermissionDenied` without
/// one and becomes `EPERM`, as in wasmtime.
pub(crate) fn from_io(e: &io::Error) -> Errno {
    if let Some(code) = e.raw_os_error() {
        return from_raw_os(code);
    }
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => Errno::Noent,
        PermissionDenied => Errno::Perm,
        AlreadyExists => Errno::Exist,
        InvalidInput | InvalidData => Errno::Inval,
        WouldBlock => Errno::Again,
        Interrupted => Errno::Intr,
        BrokenPipe => Errno::Pipe,
        ConnectionRefused => Errno::Connrefused,
        ConnectionReset => Errno::Connreset,
        ConnectionAborted => Errno::Connaborted,
        NotConnected => Errno::Notconn,
        AddrInUse => Errno::Addrinuse,
        AddrNotAvailable => Errno::Addrnotavail,
        TimedOut => Errno::Timedout,
        Unsupported => Errno::Notsup,
        OutOfMemory => Errno::Nomem,
        NotADirectory => Errno::Notdir,
        IsADirectory => Errno::Isdir,
        DirectoryNotEmpty => Errno::Notempty,
        ReadOnlyFilesystem => Errno::Rofs,
        _ => Errno::Io,
    }
}

/// `?`-friendly conversions into a guest error.
pub(crate) trait IoResultExt<T> {
    /// The result with its error mapped to an errno.
    fn errno(self) -> Result<T, WasiError>;
}

impl<T> IoResultExt<T> for io::Result<T> {
    fn errno(self) -> Result<T, WasiError> {
        self.map_err(|e| WasiError::Errno(from_io(&e)))
    }
}

impl<T> IoResultExt<T> for Result<T, rustix::io::Errno> {
    fn errno(self) -> Result<T, WasiError> {
        self.map_err(|e| WasiError::Errno(from_raw_os(e.raw_os_error())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_map_to_preview1() {
        assert_eq!(from_raw_os(libc::ENOENT), Errno::Noent);
        assert_eq!(from_raw_os(libc::ELOOP), Errno::Loop);
        assert_eq!(from_raw_os(libc::ENOTEMPTY), Errno::Notempty);
        assert_eq!(from_raw_os(99999), Errno::Io);
        assert_eq!(from_io(&io::Error::from_raw_os_error(libc::EISDIR)), Errno::Isdir);
        assert_eq!(
            from_io(&io::Error::new(io::ErrorKind::PermissionDenied, "escape")),
            Errno::Perm
        );
    }
}
