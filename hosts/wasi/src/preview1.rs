//! The `WasiSnapshotPreview1` implementation: argument and environment
//! functions here, everything else delegated to the modules by topic.

use crate::ctx::WasiCtx;
use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestMemory, GuestPtr, GuestStr, WasiError};

/// Writes `items` as NUL-terminated strings into `buf` and a pointer to
/// each into `ptrs` (`args_get` and `environ_get`).
fn write_strings(
    mem: &mut GuestMemory<'_>,
    items: &[Vec<u8>],
    ptrs: GuestPtr<GuestPtr<u8>>,
    buf: GuestPtr<u8>,
) -> Result<(), WasiError> {
    let mut at = buf.offset();
    for (i, item) in (0u32..).zip(items) {
        mem.write(ptrs.element(i)?, &GuestPtr::new(at))?;
        mem.write_bytes(at, item)?;
        let nul = u32::try_from(u64::from(at) + item.len() as u64).map_err(|_| Errno::Fault)?;
        mem.write_bytes(nul, &[0])?;
        at = nul.checked_add(1).ok_or(Errno::Fault)?;
    }
    Ok(())
}

/// The count and total size (with NULs) of `args_sizes_get`/`environ_sizes_get`.
fn sizes(items: &[Vec<u8>]) -> Result<(Size, Size), WasiError> {
    let count = Size::try_from(items.len()).map_err(|_| Errno::Overflow)?;
    let bytes: usize = items.iter().map(|a| a.len() + 1).sum();
    Ok((count, Size::try_from(bytes).map_err(|_| Errno::Overflow)?))
}

impl WasiSnapshotPreview1 for WasiCtx {
    fn args_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        argv: GuestPtr<GuestPtr<u8>>,
        argv_buf: GuestPtr<u8>,
    ) -> Result<(), WasiError> {
        write_strings(mem, &self.args, argv, argv_buf)
    }

    fn args_sizes_get(&mut self, _mem: &mut GuestMemory<'_>) -> Result<(Size, Size), WasiError> {
        sizes(&self.args)
    }

    fn environ_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        environ: GuestPtr<GuestPtr<u8>>,
        environ_buf: GuestPtr<u8>,
    ) -> Result<(), WasiError> {
        write_strings(mem, &self.env, environ, environ_buf)
    }

    fn environ_sizes_get(&mut self, _mem: &mut GuestMemory<'_>) -> Result<(Size, Size), WasiError> {
        sizes(&self.env)
    }

    fn clock_res_get(&mut self, _mem: &mut GuestMemory<'_>, id: Clockid) -> Result<Timestamp, WasiError> {
        self.do_clock_res_get(id)
    }

    fn clock_time_get(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        id: Clockid,
        _precision: Timestamp,
    ) -> Result<Timestamp, WasiError> {
        self.do_clock_time_get(id)
    }

    fn fd_advise(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: Fd,
        offset: Filesize,
        len: Filesize,
        advice: Advice,
    ) -> Result<(), WasiError> {
        self.do_fd_advise(fd, offset, len, advice)
    }

    fn fd_allocate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: Fd,
        _offset: Filesize,
        _len: Filesize,
    ) -> Result<(), WasiError> {
        self.do_fd_allocate(fd)
    }

    fn fd_close(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<(), WasiError> {
        self.do_fd_close(fd)
    }

    fn fd_datasync(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<(), WasiError> {
        self.do_fd_sync(fd, true)
    }

    fn fd_fdstat_get(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<Fdstat, WasiError> {
        self.do_fd_fdstat_get(fd)
    }

    fn fd_fdstat_set_flags(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd, flags: Fdflags) -> Result<(), WasiError> {
        self.do_fd_fdstat_set_flags(fd, flags)
    }

    fn fd_fdstat_set_rights(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: Fd,
        base: Rights,
        inheriting: Rights,
    ) -> Result<(), WasiError> {
        self.do_fd_fdstat_set_rights(fd, base, inheriting)
    }

    fn fd_filestat_get(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<Filestat, WasiError> {
        self.do_fd_filestat_get(fd)
    }

    fn fd_filestat_set_size(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd, size: Filesize) -> Result<(), WasiError> {
        self.do_fd_filestat_set_size(fd, size)
    }

    fn fd_filestat_set_times(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: Fd,
        atim: Timestamp,
        mtim: Timestamp,
        fst_flags: Fstflags,
    ) -> Result<(), WasiError> {
        self.do_fd_filestat_set_times(fd, atim, mtim, fst_flags)
    }

    fn fd_pread(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: IovecArray,
        offset: Filesize,
    ) -> Result<Size, WasiError> {
        self.do_fd_pread(mem, fd, iovs, offset)
    }

    fn fd_prestat_get(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<Prestat, WasiError> {
        self.do_fd_prestat_get(fd)
    }

    fn fd_prestat_dir_name(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        path: GuestPtr<u8>,
        path_len: Size,
    ) -> Result<(), WasiError> {
        self.do_fd_prestat_dir_name(mem, fd, path, path_len)
    }

    fn fd_pwrite(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        iovs: CiovecArray,
        offset: Filesize,
    ) -> Result<Size, WasiError> {
        self.do_fd_pwrite(mem, fd, iovs, offset)
    }

    fn fd_read(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, iovs: IovecArray) -> Result<Size, WasiError> {
        self.do_fd_read(mem, fd, iovs)
    }

    fn fd_readdir(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        buf: GuestPtr<u8>,
        buf_len: Size,
        cookie: Dircookie,
    ) -> Result<Size, WasiError> {
        self.do_fd_readdir(mem, fd, buf, buf_len, cookie)
    }

    fn fd_renumber(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd, to: Fd) -> Result<(), WasiError> {
        self.do_fd_renumber(fd, to)
    }

    fn fd_seek(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        fd: Fd,
        offset: Filedelta,
        whence: Whence,
    ) -> Result<Filesize, WasiError> {
        self.do_fd_seek(fd, offset, whence)
    }

    fn fd_sync(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<(), WasiError> {
        self.do_fd_sync(fd, false)
    }

    fn fd_tell(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd) -> Result<Filesize, WasiError> {
        self.do_fd_tell(fd)
    }

    fn fd_write(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, iovs: CiovecArray) -> Result<Size, WasiError> {
        self.do_fd_write(mem, fd, iovs)
    }

    fn path_create_directory(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, path: GuestStr) -> Result<(), WasiError> {
        self.do_path_create_directory(mem, fd, path)
    }

    fn path_filestat_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        flags: Lookupflags,
        path: GuestStr,
    ) -> Result<Filestat, WasiError> {
        self.do_path_filestat_get(mem, fd, flags, path)
    }

    fn path_filestat_set_times(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        flags: Lookupflags,
        path: GuestStr,
        atim: Timestamp,
        mtim: Timestamp,
        fst_flags: Fstflags,
    ) -> Result<(), WasiError> {
        self.do_path_filestat_set_times(mem, fd, flags, path, atim, mtim, fst_flags)
    }

    fn path_link(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old_fd: Fd,
        old_flags: Lookupflags,
        old_path: GuestStr,
        new_fd: Fd,
        new_path: GuestStr,
    ) -> Result<(), WasiError> {
        self.do_path_link(mem, old_fd, old_flags, old_path, new_fd, new_path)
    }

    fn path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        dirflags: Lookupflags,
        path: GuestStr,
        oflags: Oflags,
        fs_rights_base: Rights,
        fs_rights_inheriting: Rights,
        fdflags: Fdflags,
    ) -> Result<Fd, WasiError> {
        self.do_path_open(
            mem,
            fd,
            dirflags,
            path,
            oflags,
            fs_rights_base,
            fs_rights_inheriting,
            fdflags,
        )
    }

    fn path_readlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        path: GuestStr,
        buf: GuestPtr<u8>,
        buf_len: Size,
    ) -> Result<Size, WasiError> {
        self.do_path_readlink(mem, fd, path, buf, buf_len)
    }

    fn path_remove_directory(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, path: GuestStr) -> Result<(), WasiError> {
        self.do_path_remove_directory(mem, fd, path)
    }

    fn path_rename(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        old_path: GuestStr,
        new_fd: Fd,
        new_path: GuestStr,
    ) -> Result<(), WasiError> {
        self.do_path_rename(mem, fd, old_path, new_fd, new_path)
    }

    fn path_symlink(
        &mut self,
        mem: &mut GuestMemory<'_>,
        old_path: GuestStr,
        fd: Fd,
        new_path: GuestStr,
    ) -> Result<(), WasiError> {
        self.do_path_symlink(mem, old_path, fd, new_path)
    }

    fn path_unlink_file(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, path: GuestStr) -> Result<(), WasiError> {
        self.do_path_unlink_file(mem, fd, path)
    }

    fn poll_oneoff(
        &mut self,
        mem: &mut GuestMemory<'_>,
        in_: GuestPtr<Subscription>,
        out: GuestPtr<Event>,
        nsubscriptions: Size,
    ) -> Result<Size, WasiError> {
        self.do_poll_oneoff(mem, in_, out, nsubscriptions)
    }

    fn proc_exit(&mut self, _mem: &mut GuestMemory<'_>, rval: Exitcode) -> WasiError {
        WasiError::Exit(rval)
    }

    fn proc_raise(&mut self, _mem: &mut GuestMemory<'_>, _sig: Signal) -> Result<(), WasiError> {
        // wasmtime 49 raises nothing and answers ENOTSUP (see the crate docs).
        Err(Errno::Notsup.into())
    }

    fn sched_yield(&mut self, _mem: &mut GuestMemory<'_>) -> Result<(), WasiError> {
        std::thread::yield_now();
        Ok(())
    }

    fn random_get(&mut self, mem: &mut GuestMemory<'_>, buf: GuestPtr<u8>, buf_len: Size) -> Result<(), WasiError> {
        self.do_random_get(mem, buf, buf_len)
    }

    fn sock_accept(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, flags: Fdflags) -> Result<Fd, WasiError> {
        self.do_sock_accept(mem, fd, flags)
    }

    fn sock_recv(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        ri_data: IovecArray,
        ri_flags: Riflags,
    ) -> Result<(Size, Roflags), WasiError> {
        self.do_sock_recv(mem, fd, ri_data, ri_flags)
    }

    fn sock_send(
        &mut self,
        mem: &mut GuestMemory<'_>,
        fd: Fd,
        si_data: CiovecArray,
        _si_flags: Siflags,
    ) -> Result<Size, WasiError> {
        self.do_sock_send(mem, fd, si_data)
    }

    fn sock_shutdown(&mut self, _mem: &mut GuestMemory<'_>, fd: Fd, how: Sdflags) -> Result<(), WasiError> {
        self.do_sock_shutdown(fd, how)
    }
}
