//! The generated glue, driven by a Wasm module on the interpreter against an
//! in-memory fake host (for these tests only).

use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestArray, GuestMemory, GuestPtr, GuestStr, WasiError};
use concord_core::{Config, Engine, Linker, Module, Store, TypedFunc};
use std::sync::Arc;

#[derive(Default)]
struct Fake {
    args: Vec<&'static str>,
    stdout: Vec<u8>,
    opened: Vec<String>,
    exited: Option<u32>,
}

fn nosys<T>() -> Result<T, WasiError> {
    Err(Errno::Nosys.into())
}

impl WasiSnapshotPreview1 for Fake {
    fn args_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        argv: GuestPtr<GuestPtr<u8>>,
        argv_buf: GuestPtr<u8>,
    ) -> Result<(), WasiError> {
        let mut buf = argv_buf.offset();
        for (i, arg) in self.args.iter().enumerate() {
            mem.write(argv.element(i as u32)?, &GuestPtr::new(buf))?;
            mem.write_bytes(buf, arg.as_bytes())?;
            let nul = buf.checked_add(arg.len() as u32).ok_or(Errno::Fault)?;
            mem.write_bytes(nul, &[0])?;
            buf = nul.checked_add(1).ok_or(Errno::Fault)?;
        }
        Ok(())
    }
    fn args_sizes_get(&mut self, _mem: &mut GuestMemory<'_>) -> Result<(Size, Size), WasiError> {
        let bytes: usize = self.args.iter().map(|a| a.len() + 1).sum();
        Ok((self.args.len() as u32, bytes as u32))
    }
    fn environ_get(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: GuestPtr<GuestPtr<u8>>,
        _: GuestPtr<u8>,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn environ_sizes_get(&mut self, _: &mut GuestMemory<'_>) -> Result<(Size, Size), WasiError> {
        Ok((0, 0))
    }
    fn clock_res_get(&mut self, _: &mut GuestMemory<'_>, _: Clockid) -> Result<Timestamp, WasiError> {
        nosys()
    }
    fn clock_time_get(&mut self, _: &mut GuestMemory<'_>, id: Clockid, _: Timestamp) -> Result<Timestamp, WasiError> {
        Ok(1_000_000_000_000 + u64::from(id.raw()))
    }
    fn fd_advise(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: Filesize,
        _: Filesize,
        _: Advice,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_allocate(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Filesize, _: Filesize) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_close(&mut self, _: &mut GuestMemory<'_>, _: Fd) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_datasync(&mut self, _: &mut GuestMemory<'_>, _: Fd) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_fdstat_get(&mut self, _: &mut GuestMemory<'_>, fd: Fd) -> Result<Fdstat, WasiError> {
        if fd > 2 {
            return Err(Errno::Badf.into());
        }
        Ok(Fdstat {
            fs_filetype: Filetype::CharacterDevice,
            fs_flags: Fdflags::APPEND,
            fs_rights_base: Rights::FD_WRITE | Rights::FD_READ,
            fs_rights_inheriting: Rights::EMPTY,
        })
    }
    fn fd_fdstat_set_flags(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Fdflags) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_fdstat_set_rights(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Rights, _: Rights) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_filestat_get(&mut self, _: &mut GuestMemory<'_>, _: Fd) -> Result<Filestat, WasiError> {
        nosys()
    }
    fn fd_filestat_set_size(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Filesize) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_filestat_set_times(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: Timestamp,
        _: Timestamp,
        _: Fstflags,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_pread(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: IovecArray, _: Filesize) -> Result<Size, WasiError> {
        nosys()
    }
    fn fd_prestat_get(&mut self, _: &mut GuestMemory<'_>, fd: Fd) -> Result<Prestat, WasiError> {
        if fd == 3 {
            Ok(Prestat::Dir(PrestatDir { pr_name_len: 4 }))
        } else {
            Err(Errno::Badf.into())
        }
    }
    fn fd_prestat_dir_name(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: GuestPtr<u8>,
        _: Size,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_pwrite(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: CiovecArray, _: Filesize) -> Result<Size, WasiError> {
        nosys()
    }
    fn fd_read(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: IovecArray) -> Result<Size, WasiError> {
        nosys()
    }
    fn fd_readdir(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: GuestPtr<u8>,
        _: Size,
        _: Dircookie,
    ) -> Result<Size, WasiError> {
        nosys()
    }
    fn fd_renumber(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Fd) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_seek(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        offset: Filedelta,
        whence: Whence,
    ) -> Result<Filesize, WasiError> {
        Ok(offset as u64 * 10 + u64::from(whence.raw()))
    }
    fn fd_sync(&mut self, _: &mut GuestMemory<'_>, _: Fd) -> Result<(), WasiError> {
        nosys()
    }
    fn fd_tell(&mut self, _: &mut GuestMemory<'_>, _: Fd) -> Result<Filesize, WasiError> {
        nosys()
    }
    fn fd_write(&mut self, mem: &mut GuestMemory<'_>, fd: Fd, iovs: CiovecArray) -> Result<Size, WasiError> {
        if fd != 1 {
            return Err(Errno::Badf.into());
        }
        let mut written = 0u32;
        for iov in iovs.iter(mem)? {
            let bytes = iov?.as_bytes(mem)?;
            self.stdout.extend_from_slice(bytes);
            written += bytes.len() as u32;
        }
        Ok(written)
    }
    fn path_create_directory(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: GuestStr) -> Result<(), WasiError> {
        nosys()
    }
    fn path_filestat_get(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: Lookupflags,
        _: GuestStr,
    ) -> Result<Filestat, WasiError> {
        nosys()
    }
    fn path_filestat_set_times(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: Lookupflags,
        _: GuestStr,
        _: Timestamp,
        _: Timestamp,
        _: Fstflags,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn path_link(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: Lookupflags,
        _: GuestStr,
        _: Fd,
        _: GuestStr,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn path_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        _fd: Fd,
        _dirflags: Lookupflags,
        path: GuestStr,
        oflags: Oflags,
        _fs_rights_base: Rights,
        _fs_rights_inheriting: Rights,
        _fdflags: Fdflags,
    ) -> Result<Fd, WasiError> {
        let path = path.as_str(mem)?;
        self.opened.push(format!("{path} {oflags:?}"));
        Ok(42)
    }
    fn path_readlink(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: GuestStr,
        _: GuestPtr<u8>,
        _: Size,
    ) -> Result<Size, WasiError> {
        nosys()
    }
    fn path_remove_directory(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: GuestStr) -> Result<(), WasiError> {
        nosys()
    }
    fn path_rename(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: GuestStr,
        _: Fd,
        _: GuestStr,
    ) -> Result<(), WasiError> {
        nosys()
    }
    fn path_symlink(&mut self, _: &mut GuestMemory<'_>, _: GuestStr, _: Fd, _: GuestStr) -> Result<(), WasiError> {
        nosys()
    }
    fn path_unlink_file(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: GuestStr) -> Result<(), WasiError> {
        nosys()
    }
    fn poll_oneoff(
        &mut self,
        mem: &mut GuestMemory<'_>,
        in_: GuestPtr<Subscription>,
        out: GuestPtr<Event>,
        nsubscriptions: Size,
    ) -> Result<Size, WasiError> {
        // Echo each clock subscription as an event.
        let subs = GuestArray::<Subscription>::new(in_.offset(), nsubscriptions).read_all(mem)?;
        let events = GuestArray::<Event>::new(out.offset(), nsubscriptions);
        events.check(mem)?;
        for (i, sub) in subs.iter().enumerate() {
            let SubscriptionU::Clock(clock) = sub.u else {
                return Err(Errno::Inval.into());
            };
            let event = Event {
                userdata: sub.userdata,
                error: Errno::Success,
                type_: Eventtype::Clock,
                fd_readwrite: EventFdReadwrite {
                    nbytes: clock.timeout,
                    flags: Eventrwflags::EMPTY,
                },
            };
            mem.write(events.get(i as u32).ok_or(Errno::Fault)?, &event)?;
        }
        Ok(nsubscriptions)
    }
    fn proc_exit(&mut self, _: &mut GuestMemory<'_>, rval: Exitcode) -> WasiError {
        self.exited = Some(rval);
        WasiError::Exit(rval)
    }
    fn proc_raise(&mut self, _: &mut GuestMemory<'_>, sig: Signal) -> Result<(), WasiError> {
        Err(WasiError::Trap(format!("raised {}", sig.name())))
    }
    fn sched_yield(&mut self, _: &mut GuestMemory<'_>) -> Result<(), WasiError> {
        Ok(())
    }
    fn random_get(&mut self, mem: &mut GuestMemory<'_>, buf: GuestPtr<u8>, buf_len: Size) -> Result<(), WasiError> {
        mem.bytes_mut(buf.offset(), buf_len)?.fill(0xab);
        Ok(())
    }
    fn sock_accept(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Fdflags) -> Result<Fd, WasiError> {
        nosys()
    }
    fn sock_recv(
        &mut self,
        _: &mut GuestMemory<'_>,
        _: Fd,
        _: IovecArray,
        _: Riflags,
    ) -> Result<(Size, Roflags), WasiError> {
        nosys()
    }
    fn sock_send(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: CiovecArray, _: Siflags) -> Result<Size, WasiError> {
        nosys()
    }
    fn sock_shutdown(&mut self, _: &mut GuestMemory<'_>, _: Fd, _: Sdflags) -> Result<(), WasiError> {
        nosys()
    }
}

const GUEST: &str = r#"
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_raise" (func $proc_raise (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello, world\n")
  ;; two ciovecs at 16: {0, 7} and {7, 6}
  (data (i32.const 16) "\00\00\00\00\07\00\00\00\07\00\00\00\06\00\00\00")
  (data (i32.const 32) "dir/file.txt")
  (data (i32.const 48) "bad\ff")
  (func (export "args_sizes_get") (param i32 i32) (result i32) (call $args_sizes_get (local.get 0) (local.get 1)))
  (func (export "args_get") (param i32 i32) (result i32) (call $args_get (local.get 0) (local.get 1)))
  (func (export "fd_write") (param i32 i32 i32 i32) (result i32)
    (call $fd_write (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_seek") (param i32 i64 i32 i32) (result i32)
    (call $fd_seek (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_fdstat_get") (param i32 i32) (result i32) (call $fd_fdstat_get (local.get 0) (local.get 1)))
  (func (export "fd_prestat_get") (param i32 i32) (result i32) (call $fd_prestat_get (local.get 0) (local.get 1)))
  (func (export "path_open") (param $ptr i32) (param $len i32) (param $oflags i32) (param $out i32) (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (local.get $ptr) (local.get $len) (local.get $oflags)
      (i64.const 0) (i64.const 0) (i32.const 0) (local.get $out)))
  (func (export "poll_oneoff") (param i32 i32 i32 i32) (result i32)
    (call $poll_oneoff (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "random_get") (param i32 i32) (result i32) (call $random_get (local.get 0) (local.get 1)))
  (func (export "proc_raise") (param i32) (result i32) (call $proc_raise (local.get 0)))
  (func (export "exit") (param i32) (call $proc_exit (local.get 0)) unreachable)
)
"#;

struct Env {
    store: Store<Fake>,
    instance: concord_core::Instance,
}

impl Env {
    fn new(wat: &str) -> concord_core::Result<Env> {
        let engine = Engine::with_backend(&Config::new(), Arc::new(concord_interp::Interpreter::new()))?;
        let module = Module::new(&engine, wat)?;
        let fake = Fake {
            args: vec!["prog", "--flag", "é"],
            ..Fake::default()
        };
        let mut store = Store::new(&engine, fake);
        let mut linker = Linker::new(&engine);
        add_to_linker(&mut linker, |fake: &mut Fake| fake)?;
        let instance = linker.instantiate(&mut store, &module)?;
        Ok(Env { store, instance })
    }

    fn func<P: concord_core::WasmParams, R: concord_core::WasmResults>(&self, name: &str) -> TypedFunc<P, R> {
        self.instance.get_typed_func::<P, R>(&self.store, name).unwrap()
    }

    fn call4(&mut self, name: &str, a: i32, b: i32, c: i32, d: i32) -> i32 {
        self.func::<(i32, i32, i32, i32), i32>(name)
            .call(&mut self.store, (a, b, c, d))
            .unwrap()
    }

    fn call2(&mut self, name: &str, a: i32, b: i32) -> i32 {
        self.func::<(i32, i32), i32>(name)
            .call(&mut self.store, (a, b))
            .unwrap()
    }

    fn mem(&self) -> &[u8] {
        self.instance
            .get_memory(&self.store, "memory")
            .unwrap()
            .data(&self.store)
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.mem()[at..at + 4].try_into().unwrap())
    }

    fn u64_at(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.mem()[at..at + 8].try_into().unwrap())
    }
}

const EFAULT: i32 = 21;
const EINVAL: i32 = 28;
const EILSEQ: i32 = 25;

#[test]
fn errno_numbers_are_preview1s() {
    assert_eq!(Errno::Fault.raw() as i32, EFAULT);
    assert_eq!(Errno::Inval.raw() as i32, EINVAL);
    assert_eq!(Errno::Ilseq.raw() as i32, EILSEQ);
    assert_eq!(Errno::Success.raw(), 0);
    assert_eq!(Errno::TooBig.raw(), 1);
    assert_eq!(Errno::Notcapable.raw(), 76);
    assert_eq!(Errno::ALL.len(), 77);
    assert_eq!(Errno::Fault.to_string(), "Bad address.");
}

#[test]
fn args_sizes_and_args() {
    let mut env = Env::new(GUEST).unwrap();
    assert_eq!(env.call2("args_sizes_get", 1000, 1004), 0);
    assert_eq!(env.u32_at(1000), 3);
    assert_eq!(env.u32_at(1004), 5 + 7 + 3);
    assert_eq!(env.call2("args_get", 2000, 3000), 0);
    assert_eq!(
        [env.u32_at(2000), env.u32_at(2004), env.u32_at(2008)],
        [3000, 3005, 3012]
    );
    assert_eq!(&env.mem()[3000..3015], b"prog\0--flag\0\xc3\xa9\0");
}

#[test]
fn bad_out_pointers_are_efault_and_write_nothing() {
    let mut env = Env::new(GUEST).unwrap();
    // The last valid 4 bytes, then one past, then overflow.
    assert_eq!(env.call2("args_sizes_get", 65532 - 4, 65532), 0);
    assert_eq!(env.call2("args_sizes_get", 1000, 65533), EFAULT);
    assert_eq!(env.u32_at(1000), 0, "no result is written when one out-pointer is bad");
    assert_eq!(env.call2("args_sizes_get", -1, 1004), EFAULT);
    assert_eq!(env.call2("args_get", 65534, 3000), EFAULT);
    assert_eq!(env.call2("args_get", 2000, 65530), EFAULT);
    assert_eq!(env.call2("fd_fdstat_get", 1, 65536 - 23), EFAULT);
}

#[test]
fn fd_write_gathers_iovecs() {
    let mut env = Env::new(GUEST).unwrap();
    assert_eq!(env.call4("fd_write", 1, 16, 2, 100), 0);
    assert_eq!(env.u32_at(100), 13);
    assert_eq!(env.store.data().stdout, b"hello, world\n");
    assert_eq!(env.call4("fd_write", 5, 16, 2, 100), Errno::Badf.raw() as i32);
}

#[test]
fn fd_write_with_bad_iovecs_is_efault() {
    let mut env = Env::new(GUEST).unwrap();
    // The iovec array runs past the end of memory.
    assert_eq!(env.call4("fd_write", 1, 65536 - 8, 2, 100), EFAULT);
    // A huge count: rejected before anything is read or allocated.
    assert_eq!(env.call4("fd_write", 1, 16, -1, 100), EFAULT);
    assert_eq!(env.call4("fd_write", 1, -8, 1, 100), EFAULT);
    // An iovec whose buffer is outside memory.
    let iov_at = 200usize;
    {
        let mem = env.instance.get_memory(&env.store, "memory").unwrap();
        let bytes = mem.data_mut(&mut env.store);
        bytes[iov_at..iov_at + 4].copy_from_slice(&65530u32.to_le_bytes());
        bytes[iov_at + 4..iov_at + 8].copy_from_slice(&100u32.to_le_bytes());
    }
    assert_eq!(env.call4("fd_write", 1, iov_at as i32, 1, 100), EFAULT);
    assert!(env.store.data().stdout.is_empty());
}

#[test]
fn enums_and_flags_are_lifted_and_checked() {
    let mut env = Env::new(GUEST).unwrap();
    let seek = env.func::<(i32, i64, i32, i32), i32>("fd_seek");
    assert_eq!(seek.call(&mut env.store, (3, 7, 2, 400)).unwrap(), 0);
    assert_eq!(env.u64_at(400), 72);
    // whence 3 does not exist; 258 does not fit its u8 tag: an out-of-range
    // enum value stops the guest (a trap), as in wasmtime.
    for bad in [3, 258] {
        let err = seek.call(&mut env.store, (3, 7, bad, 400)).unwrap_err();
        assert!(err.to_string().contains("invalid value"), "{err}");
    }
    // oflags: CREAT | EXCL is fine, an undefined bit is EINVAL.
    assert_eq!(env.call4("path_open", 32, 12, 0b101, 500), 0);
    assert_eq!(env.u32_at(500), 42);
    assert_eq!(env.store.data().opened, ["dir/file.txt Oflags(creat | excl)"]);
    assert_eq!(env.call4("path_open", 32, 12, 0x100, 500), EINVAL);
}

#[test]
fn strings_are_checked() {
    let mut env = Env::new(GUEST).unwrap();
    assert_eq!(env.call4("path_open", 48, 4, 0, 500), EILSEQ);
    assert_eq!(env.call4("path_open", 65530, 12, 0, 500), EFAULT);
    assert_eq!(env.call4("path_open", 32, -1, 0, 500), EFAULT);
    assert!(env.store.data().opened.is_empty());
}

#[test]
fn records_and_unions_have_preview1_layout() {
    let mut env = Env::new(GUEST).unwrap();
    assert_eq!(env.call2("fd_fdstat_get", 1, 600), 0);
    let m = &env.mem()[600..624];
    assert_eq!(m[0], Filetype::CharacterDevice.raw());
    assert_eq!(u16::from_le_bytes([m[2], m[3]]), Fdflags::APPEND.bits());
    assert_eq!(env.u64_at(608), (Rights::FD_WRITE | Rights::FD_READ).bits());
    assert_eq!(env.u64_at(616), 0);

    assert_eq!(env.call2("fd_prestat_get", 3, 700), 0);
    assert_eq!(env.mem()[700], 0, "tag: preopentype dir");
    assert_eq!(env.u32_at(704), 4, "payload at offset 4: pr_name_len");
    assert_eq!(env.call2("fd_prestat_get", 4, 700), Errno::Badf.raw() as i32);
}

#[test]
fn poll_oneoff_reads_subscriptions_and_writes_events() {
    let mut env = Env::new(GUEST).unwrap();
    {
        let mem = env.instance.get_memory(&env.store, "memory").unwrap();
        let mut guest = GuestMemory::new(mem.data_mut(&mut env.store));
        let sub = Subscription {
            userdata: 0x1122_3344_5566_7788,
            u: SubscriptionU::Clock(SubscriptionClock {
                id: Clockid::Monotonic,
                timeout: 5_000,
                precision: 1,
                flags: Subclockflags::SUBSCRIPTION_CLOCK_ABSTIME,
            }),
        };
        guest.write(GuestPtr::new(1000), &sub).unwrap();
        assert_eq!(guest.read(GuestPtr::<Subscription>::new(1000)), Ok(sub));
    }
    assert_eq!(env.call4("poll_oneoff", 1000, 2000, 1, 3000), 0);
    assert_eq!(env.u32_at(3000), 1);
    assert_eq!(env.u64_at(2000), 0x1122_3344_5566_7788);
    assert_eq!(env.mem()[2010], Eventtype::Clock.raw());
    assert_eq!(env.u64_at(2016), 5_000);
    // Subscriptions past the end of memory.
    assert_eq!(env.call4("poll_oneoff", 65536 - 48, 2000, 2, 3000), EFAULT);
}

#[test]
fn random_get_checks_the_buffer() {
    let mut env = Env::new(GUEST).unwrap();
    assert_eq!(env.call2("random_get", 65536 - 4, 4), 0);
    assert_eq!(&env.mem()[65532..], &[0xab; 4]);
    assert_eq!(env.call2("random_get", 65536 - 4, 5), EFAULT);
    assert_eq!(env.call2("random_get", 0, -1), EFAULT);
}

#[test]
fn proc_exit_reaches_the_embedder() {
    let mut env = Env::new(GUEST).unwrap();
    let exit = env.func::<i32, ()>("exit");
    let err = exit.call(&mut env.store, 7).unwrap_err();
    assert_eq!(Exit::from_error(&err), Some(Exit(7)), "{err:?}");
    match err.kind() {
        concord_core::ErrorKind::Host(e) => {
            assert_eq!(e.downcast_ref::<Exit>(), Some(&Exit(7)))
        }
        other => panic!("expected a host error, got {other:?}"),
    }
    assert_eq!(env.store.data().exited, Some(7));
    // The store is usable afterwards.
    assert_eq!(env.call2("args_sizes_get", 1000, 1004), 0);
}

#[test]
fn host_traps_are_traps() {
    let mut env = Env::new(GUEST).unwrap();
    let raise = env.func::<i32, i32>("proc_raise");
    let err = raise.call(&mut env.store, Signal::Term.raw().into()).unwrap_err();
    let trap = err.as_trap().expect("a trap");
    assert_eq!(trap.code(), concord_core::TrapCode::HostError);
    assert!(err.to_string().contains("raised term"), "{err}");
    // A signal that does not exist is an out-of-range enum value: a trap too.
    let err = raise.call(&mut env.store, 200).unwrap_err();
    assert!(err.to_string().contains("invalid value 200"), "{err}");
}

#[test]
fn a_module_without_memory() {
    let wat = r#"
      (module
        (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
        (func (export "write") (result i32) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
        (func (export "yield") (result i32) (call $sched_yield))
        (func (export "exit") (call $proc_exit (i32.const 3))))
    "#;
    let mut env = Env::new(wat).unwrap();
    let err = env.func::<(), i32>("write").call(&mut env.store, ()).unwrap_err();
    assert!(
        err.to_string().contains("export its linear memory as `memory`"),
        "{err}"
    );
    // Functions that touch no memory work without one.
    assert_eq!(env.func::<(), i32>("yield").call(&mut env.store, ()).unwrap(), 0);
    let err = env.func::<(), ()>("exit").call(&mut env.store, ()).unwrap_err();
    assert_eq!(Exit::from_error(&err), Some(Exit(3)));
}

#[test]
fn wrong_import_signatures_do_not_link() {
    let wat = r#"
      (module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32) (result i32))))
    "#;
    let err = Env::new(wat).err().expect("a link error");
    assert!(err.as_link().is_some(), "{err}");
}

#[test]
fn every_function_is_defined_with_its_core_signature() {
    let engine = Engine::with_backend(&Config::new(), Arc::new(concord_interp::Interpreter::new())).unwrap();
    let mut store = Store::new(&engine, Fake::default());
    let mut linker = Linker::new(&engine);
    add_to_linker(&mut linker, |fake: &mut Fake| fake).unwrap();
    assert_eq!(FUNCTIONS.len(), 46);
    assert_eq!(
        function("fd_write").map(|f| f.param_names),
        Some(&["fd", "iovs_ptr", "iovs_len", "retptr0"][..])
    );
    assert!(function("fd_writev").is_none());
    for f in FUNCTIONS {
        let Some(concord_core::Extern::Func(func)) = linker.get(&mut store, MODULE, f.name) else {
            panic!("{} is not defined", f.name)
        };
        let ty = func.ty(&store);
        assert_eq!(ty.params(), f.params, "{}", f.name);
        assert_eq!(ty.results(), f.results, "{}", f.name);
        assert_eq!(f.params.len(), f.param_names.len(), "{}", f.name);
    }
}

#[test]
fn layouts_match_preview1() {
    use concord_abi::GuestType;
    let layouts = [
        ("fdstat", Fdstat::SIZE, Fdstat::ALIGN, 24, 8),
        ("filestat", Filestat::SIZE, Filestat::ALIGN, 64, 8),
        ("dirent", Dirent::SIZE, Dirent::ALIGN, 24, 8),
        ("iovec", Iovec::SIZE, Iovec::ALIGN, 8, 4),
        ("ciovec", Ciovec::SIZE, Ciovec::ALIGN, 8, 4),
        ("prestat", Prestat::SIZE, Prestat::ALIGN, 8, 4),
        ("subscription", Subscription::SIZE, Subscription::ALIGN, 48, 8),
        ("event", Event::SIZE, Event::ALIGN, 32, 8),
    ];
    for (name, size, align, want_size, want_align) in layouts {
        assert_eq!((size, align), (want_size, want_align), "{name}");
        let info = TYPES.iter().find(|t| t.name == name).unwrap();
        assert_eq!((info.size, info.align), (want_size, want_align), "{name}");
    }
    let filestat = TYPES.iter().find(|t| t.name == "filestat").unwrap();
    let offsets: Vec<(&str, u64)> = filestat.members.iter().map(|m| (m.name, m.value)).collect();
    assert_eq!(
        offsets,
        [
            ("dev", 0),
            ("ino", 8),
            ("filetype", 16),
            ("nlink", 24),
            ("size", 32),
            ("atim", 40),
            ("mtim", 48),
            ("ctim", 56)
        ]
    );
    let subscription_u = TYPES.iter().find(|t| t.name == "subscription_u").unwrap();
    assert_eq!(subscription_u.payload_offset, 8);
}

#[test]
fn flags_behave_like_sets() {
    let rw = Rights::FD_READ | Rights::FD_WRITE;
    assert!(rw.contains(Rights::FD_READ));
    assert!(!rw.contains(Rights::FD_SEEK));
    assert_eq!((rw - Rights::FD_READ), Rights::FD_WRITE);
    assert_eq!(!Rights::EMPTY, Rights::ALL);
    assert_eq!(Rights::ALL.bits(), (1 << 30) - 1);
    assert_eq!(Rights::from_bits(1 << 30), None);
    assert_eq!(Oflags::from_bits_truncate(0xffff), Oflags::ALL);
    assert_eq!(format!("{:?}", Fdflags::EMPTY), "Fdflags(empty)");
    assert_eq!(
        format!("{:?}", Fdflags::APPEND | Fdflags::SYNC),
        "Fdflags(append | sync)"
    );
}

#[test]
fn guest_types_round_trip_through_memory() {
    let mut bytes = vec![0u8; 128];
    let mut mem = GuestMemory::new(&mut bytes);
    let stat = Filestat {
        dev: 1,
        ino: 2,
        filetype: Filetype::Directory,
        nlink: 3,
        size: 4,
        atim: 5,
        mtim: 6,
        ctim: 7,
    };
    // Unaligned on purpose.
    mem.write(GuestPtr::new(3), &stat).unwrap();
    assert_eq!(mem.read(GuestPtr::<Filestat>::new(3)), Ok(stat));
    assert_eq!(mem.write(GuestPtr::new(128 - 63), &stat), Err(Errno::Fault));
    assert_eq!(mem.read(GuestPtr::<Filestat>::new(u32::MAX)), Err(Errno::Fault));
    // An invalid enum tag in memory is EINVAL.
    mem.as_mut_slice()[3 + 16] = 200;
    assert_eq!(mem.read(GuestPtr::<Filestat>::new(3)), Err(Errno::Inval));
}
