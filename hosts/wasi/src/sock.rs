//! Sockets: accepting on preopened listeners, receiving, sending, shutdown.

use crate::ctx::{Entry, Kind, STREAM_RIGHTS, WasiCtx};
use crate::errno::IoResultExt;
use crate::fs::{ciovec_slices, first_iovec};
use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestMemory, WasiError};
use std::io::Write;
use std::net::Shutdown;
use std::os::fd::AsFd;

impl WasiCtx {
    /// The connected stream `fd`: `EBADF` if not open, `ENOTSOCK` if not a
    /// socket, `ENOTCONN` for a listener.
    fn stream(&self, fd: Fd) -> Result<&Entry, WasiError> {
        let entry = self.entry(fd)?;
        match entry.kind {
            Kind::Stream(_) => Ok(entry),
            Kind::Listener(_) => Err(Errno::Notconn.into()),
            _ => Err(Errno::Notsock.into()),
        }
    }

    pub(crate) fn do_sock_accept(&mut self, mem: &GuestMemory<'_>, fd: Fd, flags: Fdflags) -> Result<Fd, WasiError> {
        let entry = self.entry(fd)?;
        let Kind::Listener(listener) = &entry.kind else {
            return Err(match entry.kind {
                Kind::Stream(_) => Errno::Inval,
                _ => Errno::Notsock,
            }
            .into());
        };
        entry.require(Rights::SOCK_ACCEPT)?;
        if !(flags - Fdflags::NONBLOCK).is_empty() {
            return Err(Errno::Inval.into());
        }
        let inheriting = entry.inheriting;
        // Listeners are non-blocking at the OS level (see
        // `WasiCtxBuilder::preopened_socket`). A guest that asked for
        // NONBLOCK (on the listener or in `flags`) gets EAGAIN when nothing
        // is pending, as in wasmtime; otherwise accept waits.
        let nonblock = flags.contains(Fdflags::NONBLOCK) || entry.flags.contains(Fdflags::NONBLOCK);
        let stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && !nonblock => {
                    if mem.interrupt().is_some() {
                        crate::poll::wait_ready(mem, listener.as_fd(), rustix::event::PollFlags::IN)?;
                        continue;
                    }
                    let mut fds = [rustix::event::PollFd::new(listener, rustix::event::PollFlags::IN)];
                    match rustix::event::poll(&mut fds, None) {
                        Ok(_) | Err(rustix::io::Errno::INTR) => {}
                        Err(e) => return Err(e).errno(),
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e).errno(),
            }
        };
        stream.set_nonblocking(flags.contains(Fdflags::NONBLOCK)).errno()?;
        self.push(Entry {
            kind: Kind::Stream(stream),
            base: STREAM_RIGHTS & inheriting,
            inheriting: Rights::EMPTY,
            flags,
        })
    }

    pub(crate) fn do_sock_recv(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: IovecArray,
        flags: Riflags,
    ) -> Result<(Size, Roflags), WasiError> {
        let entry = self.stream(fd)?;
        entry.require(Rights::FD_READ)?;
        let Kind::Stream(stream) = &entry.kind else {
            return Err(Errno::Notsock.into());
        };
        let Some(iov) = first_iovec(mem, iovs)? else {
            return Ok((0, Roflags::EMPTY));
        };
        if !entry.flags.contains(Fdflags::NONBLOCK) {
            crate::poll::wait_ready(mem, stream.as_fd(), rustix::event::PollFlags::IN)?;
        }
        let buf = iov.as_bytes_mut(mem)?;
        let mut rflags = rustix::net::RecvFlags::empty();
        if flags.contains(Riflags::RECV_PEEK) {
            rflags |= rustix::net::RecvFlags::PEEK;
        }
        if flags.contains(Riflags::RECV_WAITALL) {
            rflags |= rustix::net::RecvFlags::WAITALL;
        }
        let (n, _) = rustix::net::recv(stream, buf, rflags).errno()?;
        mem.charge_bytes(n as u64);
        Ok((Size::try_from(n).unwrap_or(Size::MAX), Roflags::EMPTY))
    }

    pub(crate) fn do_sock_send(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: CiovecArray,
    ) -> Result<Size, WasiError> {
        let entry = self.stream(fd)?;
        entry.require(Rights::FD_WRITE)?;
        let Kind::Stream(stream) = &entry.kind else {
            return Err(Errno::Notsock.into());
        };
        let bufs = ciovec_slices(mem, iovs)?;
        if bufs.is_empty() {
            return Ok(0);
        }
        let mut s = stream;
        let n = s.write_vectored(&bufs).errno()?;
        mem.charge_bytes(n as u64);
        Ok(Size::try_from(n).unwrap_or(Size::MAX))
    }

    pub(crate) fn do_sock_shutdown(&mut self, fd: Fd, how: Sdflags) -> Result<(), WasiError> {
        let entry = self.stream(fd)?;
        entry.require(Rights::SOCK_SHUTDOWN)?;
        let Kind::Stream(stream) = &entry.kind else {
            return Err(Errno::Notsock.into());
        };
        let how = match (how.contains(Sdflags::RD), how.contains(Sdflags::WR)) {
            (true, true) => Shutdown::Both,
            (true, false) => Shutdown::Read,
            (false, true) => Shutdown::Write,
            (false, false) => return Err(Errno::Inval.into()),
        };
        stream.shutdown(how).errno()
    }
}
