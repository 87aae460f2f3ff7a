//! The host called directly (no Wasm): the edge cases the C conformance
//! programs in `tests/wasi` cannot reach — unknown descriptors, rights,
//! renumbering, custom stdio, hostile sizes and counts.

use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestArray, GuestMemory, GuestPtr, GuestStr, WasiError};
use concord_wasi::{WasiCtx, WasiCtxBuilder};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const MEM: usize = 65536;

fn err<T: std::fmt::Debug>(r: Result<T, WasiError>) -> Errno {
    match r {
        Err(WasiError::Errno(e)) => e,
        other => panic!("expected an errno, got {other:?}"),
    }
}

/// A fresh empty directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("concord-wasi-unit-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `s` at `at` and returns it as a guest string.
fn put(mem: &mut GuestMemory<'_>, at: u32, s: &str) -> GuestStr {
    mem.write_bytes(at, s.as_bytes()).unwrap();
    GuestStr::new(at, s.len() as u32)
}

fn ctx_with_dir(dir: &Scratch) -> WasiCtx {
    WasiCtxBuilder::new()
        .null_stdio()
        .preopened_dir(&dir.0, "/d")
        .unwrap()
        .build()
}

fn open(
    ctx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    path: &str,
    oflags: Oflags,
    rights: Rights,
) -> Result<Fd, WasiError> {
    let p = put(mem, 1000, path);
    ctx.path_open(mem, 3, Lookupflags::EMPTY, p, oflags, rights, rights, Fdflags::EMPTY)
}

#[test]
fn unknown_descriptors_are_ebadf() {
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new().null_stdio().build();
    for fd in [3, 99, u32::MAX, 0x8000_0000] {
        assert_eq!(err(ctx.fd_close(&mut mem, fd)), Errno::Badf);
        assert_eq!(err(ctx.fd_fdstat_get(&mut mem, fd)), Errno::Badf);
        assert_eq!(err(ctx.fd_read(&mut mem, fd, GuestArray::new(0, 1))), Errno::Badf);
        assert_eq!(err(ctx.fd_write(&mut mem, fd, GuestArray::new(0, 1))), Errno::Badf);
        assert_eq!(err(ctx.fd_seek(&mut mem, fd, 0, Whence::Cur)), Errno::Badf);
        assert_eq!(err(ctx.fd_prestat_get(&mut mem, fd)), Errno::Badf);
        assert_eq!(err(ctx.fd_readdir(&mut mem, fd, GuestPtr::new(0), 100, 0)), Errno::Badf);
        assert_eq!(err(ctx.sock_accept(&mut mem, fd, Fdflags::EMPTY)), Errno::Badf);
        assert_eq!(err(ctx.fd_allocate(&mut mem, fd, 0, 1)), Errno::Badf);
        let p = put(&mut mem, 0, "x");
        assert_eq!(
            err(ctx.path_open(
                &mut mem,
                fd,
                Lookupflags::EMPTY,
                p,
                Oflags::EMPTY,
                Rights::ALL,
                Rights::ALL,
                Fdflags::EMPTY
            )),
            Errno::Badf
        );
        assert_eq!(err(ctx.path_create_directory(&mut mem, fd, p)), Errno::Badf);
    }
    // Non-sockets and non-directories.
    assert_eq!(err(ctx.sock_accept(&mut mem, 1, Fdflags::EMPTY)), Errno::Notsock);
    assert_eq!(err(ctx.sock_shutdown(&mut mem, 1, Sdflags::WR)), Errno::Notsock);
    assert_eq!(
        err(ctx.sock_recv(&mut mem, 0, GuestArray::new(0, 0), Riflags::EMPTY)),
        Errno::Notsock
    );
    let p = put(&mut mem, 0, "x");
    assert_eq!(err(ctx.path_create_directory(&mut mem, 1, p)), Errno::Notdir);
    assert_eq!(
        err(ctx.fd_prestat_dir_name(&mut mem, 1, GuestPtr::new(0), 10)),
        Errno::Notdir
    );
}

#[test]
fn renumber_edge_cases() {
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new().null_stdio().build();
    // Onto itself: a no-op; from or to a closed fd: EBADF, nothing changes.
    ctx.fd_renumber(&mut mem, 1, 1).unwrap();
    assert_eq!(err(ctx.fd_renumber(&mut mem, 1, 7)), Errno::Badf);
    assert_eq!(err(ctx.fd_renumber(&mut mem, 7, 1)), Errno::Badf);
    assert_eq!(err(ctx.fd_renumber(&mut mem, u32::MAX, u32::MAX)), Errno::Badf);
    ctx.fd_fdstat_get(&mut mem, 1).unwrap();
    // stdout onto stderr: fd 2 is now stdout's (write rights), fd 1 is gone.
    ctx.fd_renumber(&mut mem, 1, 2).unwrap();
    assert_eq!(err(ctx.fd_fdstat_get(&mut mem, 1)), Errno::Badf);
    let st = ctx.fd_fdstat_get(&mut mem, 2).unwrap();
    assert!(st.fs_rights_base.contains(Rights::FD_WRITE));
    // The freed number is reused by the next open descriptor.
    let dir = Scratch::new("renumber");
    let mut ctx = ctx_with_dir(&dir);
    ctx.fd_close(&mut mem, 1).unwrap();
    let fd = open(&mut ctx, &mut mem, "f", Oflags::CREAT, Rights::ALL).unwrap();
    assert_eq!(fd, 1);
    // A preopen renumbered keeps its name.
    ctx.fd_renumber(&mut mem, 3, 0).unwrap();
    assert_eq!(
        ctx.fd_prestat_get(&mut mem, 0).unwrap(),
        Prestat::Dir(PrestatDir { pr_name_len: 2 })
    );
}

#[test]
fn rights_only_shrink_and_are_enforced() {
    let dir = Scratch::new("rights");
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = ctx_with_dir(&dir);
    let st = ctx.fd_fdstat_get(&mut mem, 3).unwrap();
    assert_eq!(st.fs_filetype, Filetype::Directory);
    assert!(st.fs_rights_base.contains(Rights::PATH_OPEN | Rights::FD_READDIR));
    assert!(
        !st.fs_rights_base.contains(Rights::FD_WRITE),
        "no file rights on a directory"
    );

    // A file gets at most what the directory passes on, and only file rights.
    let f = open(&mut ctx, &mut mem, "f", Oflags::CREAT, Rights::ALL).unwrap();
    let fst = ctx.fd_fdstat_get(&mut mem, f).unwrap();
    assert!(
        fst.fs_rights_base
            .contains(Rights::FD_READ | Rights::FD_WRITE | Rights::FD_SEEK)
    );
    assert!(!fst.fs_rights_base.contains(Rights::PATH_OPEN));
    assert!(!fst.fs_rights_base.contains(Rights::SOCK_ACCEPT));

    // Drop FD_SEEK: seeking is ENOTCAPABLE, telling still works.
    let base = fst.fs_rights_base - Rights::FD_SEEK;
    ctx.fd_fdstat_set_rights(&mut mem, f, base, fst.fs_rights_inheriting)
        .unwrap();
    assert_eq!(err(ctx.fd_seek(&mut mem, f, 1, Whence::Set)), Errno::Notcapable);
    assert_eq!(ctx.fd_tell(&mut mem, f).unwrap(), 0);
    // Adding back is ENOTCAPABLE, on base and on inheriting.
    assert_eq!(
        err(ctx.fd_fdstat_set_rights(&mut mem, f, fst.fs_rights_base, fst.fs_rights_inheriting)),
        Errno::Notcapable
    );
    assert_eq!(
        err(ctx.fd_fdstat_set_rights(&mut mem, f, base, Rights::ALL)),
        Errno::Notcapable
    );

    // The directory without PATH_CREATE_DIRECTORY / PATH_OPEN.
    let d = ctx.fd_fdstat_get(&mut mem, 3).unwrap();
    ctx.fd_fdstat_set_rights(
        &mut mem,
        3,
        d.fs_rights_base - Rights::PATH_CREATE_DIRECTORY,
        d.fs_rights_inheriting - Rights::FD_WRITE,
    )
    .unwrap();
    let p = put(&mut mem, 0, "sub");
    assert_eq!(err(ctx.path_create_directory(&mut mem, 3, p)), Errno::Notcapable);
    assert!(!dir.0.join("sub").exists());
    // A file opened now cannot get FD_WRITE: it is opened read-only.
    let g = open(&mut ctx, &mut mem, "f", Oflags::EMPTY, Rights::ALL).unwrap();
    let gst = ctx.fd_fdstat_get(&mut mem, g).unwrap();
    assert!(!gst.fs_rights_base.contains(Rights::FD_WRITE));
    mem.write(
        GuestPtr::<Ciovec>::new(64),
        &Ciovec {
            buf: GuestPtr::new(0),
            buf_len: 1,
        },
    )
    .unwrap();
    assert!(ctx.fd_write(&mut mem, g, GuestArray::new(64, 1)).is_err());
    let d = ctx.fd_fdstat_get(&mut mem, 3).unwrap();
    ctx.fd_fdstat_set_rights(
        &mut mem,
        3,
        d.fs_rights_base - Rights::PATH_OPEN,
        d.fs_rights_inheriting,
    )
    .unwrap();
    assert_eq!(
        err(open(&mut ctx, &mut mem, "f", Oflags::EMPTY, Rights::FD_READ)),
        Errno::Notcapable
    );
}

#[test]
fn paths_do_not_escape() {
    let dir = Scratch::new("escape");
    std::fs::create_dir_all(dir.0.join("in")).unwrap();
    std::os::unix::fs::symlink("/etc", dir.0.join("in/abs")).unwrap();
    std::os::unix::fs::symlink("../..", dir.0.join("in/up")).unwrap();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new()
        .null_stdio()
        .preopened_dir(dir.0.join("in"), "/in")
        .unwrap()
        .build();
    for path in [
        "..",
        "../in",
        "/etc/passwd",
        "abs/passwd",
        "up",
        "up/x",
        "./../x",
        "abs",
    ] {
        let r = open(&mut ctx, &mut mem, path, Oflags::EMPTY, Rights::FD_READ);
        assert!(r.is_err(), "{path} opened: {r:?}");
        let p = put(&mut mem, 0, path);
        assert!(
            ctx.path_filestat_get(&mut mem, 3, Lookupflags::SYMLINK_FOLLOW, p)
                .is_err(),
            "{path}"
        );
    }
    let r = open(&mut ctx, &mut mem, "../created", Oflags::CREAT, Rights::ALL);
    assert!(r.is_err());
    assert!(!dir.0.join("created").exists());
}

#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn custom_stdio_and_hostile_sizes() {
    let out = Shared::default();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new()
        .stdin(&b"input"[..])
        .stdout(out.clone())
        .stderr(std::io::sink())
        .arg("prog")
        .build();
    mem.write_bytes(100, b"hello").unwrap();
    mem.write(
        GuestPtr::<Ciovec>::new(0),
        &Ciovec {
            buf: GuestPtr::new(100),
            buf_len: 5,
        },
    )
    .unwrap();
    assert_eq!(ctx.fd_write(&mut mem, 1, GuestArray::new(0, 1)).unwrap(), 5);
    assert_eq!(&*out.0.lock().unwrap(), b"hello");
    mem.write(
        GuestPtr::<Iovec>::new(8),
        &Iovec {
            buf: GuestPtr::new(200),
            buf_len: 64,
        },
    )
    .unwrap();
    assert_eq!(ctx.fd_read(&mut mem, 0, GuestArray::new(8, 1)).unwrap(), 5);
    assert_eq!(mem.bytes(200, 5).unwrap(), b"input");
    assert_eq!(ctx.fd_read(&mut mem, 0, GuestArray::new(8, 1)).unwrap(), 0);
    // Writing to stdin / reading from stdout: EBADF.
    assert_eq!(err(ctx.fd_write(&mut mem, 0, GuestArray::new(0, 1))), Errno::Badf);
    assert_eq!(err(ctx.fd_read(&mut mem, 1, GuestArray::new(8, 1))), Errno::Badf);

    // More than 1024 iovecs (IOV_MAX): EINVAL before any is looked at,
    // as readv/writev answer (RFC 0010), whether or not they are in memory.
    assert_eq!(
        err(ctx.fd_write(&mut mem, 1, GuestArray::new(0, u32::MAX))),
        Errno::Inval
    );
    assert_eq!(
        err(ctx.fd_read(&mut mem, 0, GuestArray::new(0, u32::MAX))),
        Errno::Inval
    );
    assert_eq!(err(ctx.fd_write(&mut mem, 1, GuestArray::new(0, 1025))), Errno::Inval);
    assert_eq!(err(ctx.fd_read(&mut mem, 0, GuestArray::new(0, 1025))), Errno::Inval);
    // Counts within the limit but beyond memory, and lengths beyond
    // memory: EFAULT, nothing allocated.
    let near_end = mem.len() as u32 - 8;
    assert_eq!(
        err(ctx.fd_write(&mut mem, 1, GuestArray::new(near_end, 1024))),
        Errno::Fault
    );
    mem.write(
        GuestPtr::<Iovec>::new(16),
        &Iovec {
            buf: GuestPtr::new(100),
            buf_len: u32::MAX,
        },
    )
    .unwrap();
    assert_eq!(err(ctx.fd_read(&mut mem, 0, GuestArray::new(16, 1))), Errno::Fault);
    assert_eq!(err(ctx.random_get(&mut mem, GuestPtr::new(10), u32::MAX)), Errno::Fault);
    assert_eq!(
        err(ctx.poll_oneoff(&mut mem, GuestPtr::new(0), GuestPtr::new(0), 0)),
        Errno::Inval
    );
    // More subscriptions than a guest may have descriptors: EINVAL
    // (RFC 0010); within the bound but beyond memory: EFAULT.
    assert_eq!(
        err(ctx.poll_oneoff(&mut mem, GuestPtr::new(0), GuestPtr::new(0), u32::MAX)),
        Errno::Inval
    );
    assert_eq!(
        err(ctx.poll_oneoff(&mut mem, GuestPtr::new(0), GuestPtr::new(0), 1 << 17)),
        Errno::Fault
    );
    assert_eq!(
        err(ctx.args_get(&mut mem, GuestPtr::new(u32::MAX - 2), GuestPtr::new(0))),
        Errno::Fault
    );
    assert_eq!(ctx.args_sizes_get(&mut mem).unwrap(), (1, 5));
    // CPU-time clocks are off by default (EBADF, as wasmtime), on when asked.
    assert_eq!(
        err(ctx.clock_time_get(&mut mem, Clockid::ProcessCputimeId, 0)),
        Errno::Badf
    );
    let mut cpu = WasiCtxBuilder::new().null_stdio().cpu_time_clocks(true).build();
    assert!(cpu.clock_res_get(&mut mem, Clockid::ThreadCputimeId).unwrap() > 0);
    assert!(cpu.clock_time_get(&mut mem, Clockid::ProcessCputimeId, 0).unwrap() > 0);
    // proc_exit is an exit, proc_raise ENOTSUP.
    assert_eq!(ctx.proc_exit(&mut mem, 3), WasiError::Exit(3));
    assert_eq!(err(ctx.proc_raise(&mut mem, Signal::Term)), Errno::Notsup);
}

#[test]
fn readdir_with_odd_cookies_and_buffers() {
    let dir = Scratch::new("readdir");
    std::fs::write(dir.0.join("a"), "x").unwrap();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = ctx_with_dir(&dir);
    // ".", "..", "a" = 3 entries of 24 + 1, 24 + 2, 24 + 1 bytes.
    assert_eq!(ctx.fd_readdir(&mut mem, 3, GuestPtr::new(0), 4096, 0).unwrap(), 76);
    assert_eq!(ctx.fd_readdir(&mut mem, 3, GuestPtr::new(0), 4096, 3).unwrap(), 0);
    assert_eq!(
        ctx.fd_readdir(&mut mem, 3, GuestPtr::new(0), 4096, u64::MAX).unwrap(),
        0
    );
    assert_eq!(
        err(ctx.fd_readdir(&mut mem, 3, GuestPtr::new(MEM as u32 - 10), 4096, 0)),
        Errno::Fault
    );
    assert_eq!(
        err(ctx.fd_readdir(&mut mem, 3, GuestPtr::new(0), u32::MAX, 0)),
        Errno::Fault
    );
}

#[test]
fn sockets_accept_recv_send_shutdown() {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new()
        .null_stdio()
        .preopened_socket(listener)
        .unwrap()
        .build();
    let st = ctx.fd_fdstat_get(&mut mem, 3).unwrap();
    assert_eq!(st.fs_filetype, Filetype::SocketStream);
    assert_eq!(err(ctx.fd_prestat_get(&mut mem, 3)), Errno::Badf);
    // Nothing pending: a non-blocking accept is EAGAIN, even after the
    // guest cleared NONBLOCK on the listener.
    assert_eq!(err(ctx.sock_accept(&mut mem, 3, Fdflags::NONBLOCK)), Errno::Again);
    ctx.fd_fdstat_set_flags(&mut mem, 3, Fdflags::EMPTY).unwrap();
    assert_eq!(err(ctx.sock_accept(&mut mem, 3, Fdflags::NONBLOCK)), Errno::Again);
    assert_eq!(err(ctx.sock_accept(&mut mem, 3, Fdflags::APPEND)), Errno::Inval);
    // A blocking accept waits for the client.
    let client = std::thread::spawn(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"hello").unwrap();
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        got
    });
    let conn = ctx.sock_accept(&mut mem, 3, Fdflags::EMPTY).unwrap();
    assert_eq!(
        ctx.fd_fdstat_get(&mut mem, conn).unwrap().fs_filetype,
        Filetype::SocketStream
    );
    assert_eq!(err(ctx.fd_seek(&mut mem, conn, 0, Whence::Cur)), Errno::Spipe);
    assert_eq!(
        err(ctx.sock_recv(&mut mem, 3, GuestArray::new(0, 0), Riflags::EMPTY)),
        Errno::Notconn
    );
    // recv with PEEK|WAITALL leaves the data; a plain recv takes it.
    mem.write(
        GuestPtr::<Iovec>::new(0),
        &Iovec {
            buf: GuestPtr::new(100),
            buf_len: 5,
        },
    )
    .unwrap();
    let (n, ro) = ctx
        .sock_recv(
            &mut mem,
            conn,
            GuestArray::new(0, 1),
            Riflags::RECV_PEEK | Riflags::RECV_WAITALL,
        )
        .unwrap();
    assert_eq!((n, ro), (5, Roflags::EMPTY));
    let (n, _) = ctx
        .sock_recv(&mut mem, conn, GuestArray::new(0, 1), Riflags::EMPTY)
        .unwrap();
    assert_eq!(n, 5);
    assert_eq!(mem.bytes(100, 5).unwrap(), b"hello");
    mem.write_bytes(200, b"world").unwrap();
    mem.write(
        GuestPtr::<Ciovec>::new(8),
        &Ciovec {
            buf: GuestPtr::new(200),
            buf_len: 5,
        },
    )
    .unwrap();
    assert_eq!(ctx.sock_send(&mut mem, conn, GuestArray::new(8, 1), 0).unwrap(), 5);
    assert_eq!(err(ctx.sock_shutdown(&mut mem, conn, Sdflags::EMPTY)), Errno::Inval);
    ctx.sock_shutdown(&mut mem, conn, Sdflags::WR).unwrap();
    assert_eq!(client.join().unwrap(), b"world");
    ctx.fd_close(&mut mem, conn).unwrap();
    assert_eq!(
        err(ctx.sock_send(&mut mem, conn, GuestArray::new(8, 1), 0)),
        Errno::Badf
    );
}

/// Random arguments to every function (except `poll_oneoff`, whose random
/// clocks could sleep for years): none may panic, whatever the guest passes.
#[test]
fn random_arguments_never_panic() {
    let dir = Scratch::new("random");
    std::fs::write(dir.0.join("file"), "contents").unwrap();
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    let mut bytes = vec![0u8; 4096];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut ctx = ctx_with_dir(&dir);
    for round in 0..3000u32 {
        let mut mem = GuestMemory::new(&mut bytes);
        // Mostly small numbers (valid fds, in-bounds pointers), sometimes huge.
        let mut n32 = || {
            let r = next();
            match r % 4 {
                0 => (r >> 8) as u32 % 8,
                1 => (r >> 8) as u32 % 4200,
                2 => u32::MAX - (r >> 8) as u32 % 16,
                _ => (r >> 32) as u32,
            }
        };
        let (a, b, c, d) = (n32(), n32(), n32(), n32());
        let big = next();
        // Guest memory holds random bytes plus some valid-looking paths.
        if round % 16 == 0 {
            for chunk in mem.as_mut_slice().chunks_mut(8) {
                let v = next().to_le_bytes();
                chunk.copy_from_slice(&v[..chunk.len()]);
            }
            mem.write_bytes(0, b"file\0sub/..\0../x\0sub").unwrap();
        }
        let s = GuestStr::new(a % 24, b % 8);
        let rights = Rights::from_bits_truncate(big);
        let lf = Lookupflags::from_bits_truncate(c);
        let of = Oflags::from_bits_truncate(d as u16);
        let ff = Fdflags::from_bits_truncate(c as u16);
        let fst = Fstflags::from_bits_truncate(d as u16);
        let fd = a % 8;
        let _ = match round % 40 {
            0 => ctx.args_get(&mut mem, GuestPtr::new(a), GuestPtr::new(b)).map(drop),
            1 => ctx.environ_get(&mut mem, GuestPtr::new(a), GuestPtr::new(b)).map(drop),
            2 => ctx.clock_res_get(&mut mem, Clockid::ALL[a as usize % 4]).map(drop),
            3 => ctx.fd_advise(&mut mem, fd, big, big, Advice::ALL[b as usize % 6]),
            4 => ctx.fd_allocate(&mut mem, fd, big, big),
            5 => ctx.fd_datasync(&mut mem, fd),
            6 => ctx.fd_fdstat_get(&mut mem, fd).map(drop),
            7 => ctx.fd_fdstat_set_flags(&mut mem, fd, ff),
            8 => ctx.fd_fdstat_set_rights(&mut mem, fd, rights, rights),
            9 => ctx.fd_filestat_get(&mut mem, fd).map(drop),
            10 => ctx.fd_filestat_set_size(&mut mem, fd, big % 65536),
            11 => ctx.fd_filestat_set_times(&mut mem, fd, big, big, fst),
            12 => ctx.fd_pread(&mut mem, fd, GuestArray::new(b, c), big).map(drop),
            13 => ctx.fd_prestat_get(&mut mem, fd).map(drop),
            14 => ctx.fd_prestat_dir_name(&mut mem, fd, GuestPtr::new(b), c),
            15 => ctx
                .fd_pwrite(&mut mem, fd, GuestArray::new(b, c), big % 65536)
                .map(drop),
            16 => ctx.fd_read(&mut mem, fd, GuestArray::new(b, c)).map(drop),
            17 => ctx.fd_readdir(&mut mem, fd, GuestPtr::new(b), c, big % 8).map(drop),
            18 => ctx.fd_renumber(&mut mem, fd, b % 8),
            19 => ctx
                .fd_seek(&mut mem, fd, big as i64, Whence::ALL[b as usize % 3])
                .map(drop),
            20 => ctx.fd_sync(&mut mem, fd),
            21 => ctx.fd_tell(&mut mem, fd).map(drop),
            22 => ctx.fd_write(&mut mem, fd, GuestArray::new(b, c % 64)).map(drop),
            23 => ctx.path_create_directory(&mut mem, fd, s),
            24 => ctx.path_filestat_get(&mut mem, fd, lf, s).map(drop),
            25 => ctx.path_filestat_set_times(&mut mem, fd, lf, s, big, big, fst),
            26 => ctx.path_link(&mut mem, fd, lf, s, b % 8, GuestStr::new(c % 24, d % 8)),
            27 => ctx.path_open(&mut mem, fd, lf, s, of, rights, rights, ff).map(drop),
            28 => ctx.path_readlink(&mut mem, fd, s, GuestPtr::new(b), c).map(drop),
            29 => ctx.path_remove_directory(&mut mem, fd, s),
            30 => ctx.path_rename(&mut mem, fd, s, b % 8, GuestStr::new(c % 24, d % 8)),
            31 => ctx.path_symlink(&mut mem, GuestStr::new(c % 24, d % 8), fd, s),
            32 => ctx.path_unlink_file(&mut mem, fd, s),
            33 => ctx.random_get(&mut mem, GuestPtr::new(a), b),
            34 => ctx.sock_accept(&mut mem, fd, ff).map(drop),
            35 => ctx
                .sock_recv(
                    &mut mem,
                    fd,
                    GuestArray::new(b, c),
                    Riflags::from_bits_truncate(d as u16),
                )
                .map(drop),
            36 => ctx.sock_send(&mut mem, fd, GuestArray::new(b, c), 0).map(drop),
            37 => ctx.sock_shutdown(&mut mem, fd, Sdflags::from_bits_truncate(d as u8)),
            38 => ctx.fd_close(&mut mem, fd),
            _ => {
                // Start over now and then, so closed preopens come back.
                ctx = ctx_with_dir(&dir);
                Ok(())
            }
        };
    }
}

fn clock_sub(userdata: u64, id: Clockid, timeout: u64, abs: bool) -> Subscription {
    Subscription {
        userdata,
        u: SubscriptionU::Clock(SubscriptionClock {
            id,
            timeout,
            precision: 0,
            flags: if abs {
                Subclockflags::SUBSCRIPTION_CLOCK_ABSTIME
            } else {
                Subclockflags::EMPTY
            },
        }),
    }
}

/// Writes `subs` at 0 and polls; returns the events.
fn poll(ctx: &mut WasiCtx, mem: &mut GuestMemory<'_>, subs: &[Subscription]) -> Result<Vec<Event>, WasiError> {
    for (i, s) in subs.iter().enumerate() {
        mem.write(GuestPtr::<Subscription>::new(0).element(i as u32).unwrap(), s)
            .unwrap();
    }
    let n = ctx.poll_oneoff(mem, GuestPtr::new(0), GuestPtr::new(2048), subs.len() as u32)?;
    Ok((0..n)
        .map(|i| mem.read(GuestPtr::<Event>::new(2048).element(i).unwrap()).unwrap())
        .collect())
}

#[test]
fn poll_clocks_sockets_and_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = WasiCtxBuilder::new()
        .null_stdio()
        .preopened_socket(listener)
        .unwrap()
        .build();
    // An absolute realtime deadline in the past fires at once; so does a
    // CPU-time clock, with ENOTSUP in its event.
    let ev = poll(&mut ctx, &mut mem, &[clock_sub(1, Clockid::Realtime, 1, true)]).unwrap();
    assert_eq!((ev.len(), ev[0].userdata, ev[0].error), (1, 1, Errno::Success));
    let ev = poll(&mut ctx, &mut mem, &[clock_sub(2, Clockid::ProcessCputimeId, 1, false)]).unwrap();
    assert_eq!((ev.len(), ev[0].userdata, ev[0].error), (1, 2, Errno::Notsup));
    // A listener with nothing pending is not readable: the clock fires.
    let read_lst = Subscription {
        userdata: 3,
        u: SubscriptionU::FdRead(SubscriptionFdReadwrite { file_descriptor: 3 }),
    };
    let start = std::time::Instant::now();
    let ev = poll(
        &mut ctx,
        &mut mem,
        &[read_lst, clock_sub(4, Clockid::Monotonic, 20_000_000, false)],
    )
    .unwrap();
    assert!(start.elapsed() >= std::time::Duration::from_millis(20));
    assert_eq!((ev.len(), ev[0].userdata, ev[0].type_), (1, 4, Eventtype::Clock));
    // With a client connecting, the listener becomes readable.
    let _client = std::net::TcpStream::connect(addr).unwrap();
    let ev = poll(
        &mut ctx,
        &mut mem,
        &[read_lst, clock_sub(5, Clockid::Monotonic, 10_000_000_000, false)],
    )
    .unwrap();
    assert_eq!((ev.len(), ev[0].userdata, ev[0].type_), (1, 3, Eventtype::FdRead));
    // Without POLL_FD_READWRITE the event carries ENOTCAPABLE; an unknown
    // fd fails the call (as wasmtime).
    let st = ctx.fd_fdstat_get(&mut mem, 3).unwrap();
    ctx.fd_fdstat_set_rights(
        &mut mem,
        3,
        st.fs_rights_base - Rights::POLL_FD_READWRITE,
        st.fs_rights_inheriting,
    )
    .unwrap();
    let sub = Subscription {
        userdata: 6,
        u: SubscriptionU::FdWrite(SubscriptionFdReadwrite { file_descriptor: 3 }),
    };
    let ev = poll(&mut ctx, &mut mem, &[sub]).unwrap();
    assert_eq!((ev.len(), ev[0].error), (1, Errno::Notcapable));
    let bad = Subscription {
        userdata: 7,
        u: SubscriptionU::FdRead(SubscriptionFdReadwrite { file_descriptor: 42 }),
    };
    assert_eq!(err(poll(&mut ctx, &mut mem, &[bad])), Errno::Badf);
}

/// `O_CREAT|O_TRUNC|O_WRONLY|O_APPEND` (wasi-testsuite's
/// `pwrite-with-append`): cap-std refuses truncate together with append,
/// POSIX and wasmtime do not. The file is emptied, then writes go to its end.
#[test]
fn path_open_truncates_in_append_mode() {
    let dir = Scratch::new("append-trunc");
    std::fs::write(dir.0.join("old"), b"abcdef").unwrap();
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = ctx_with_dir(&dir);
    let rights = Rights::FD_WRITE | Rights::FD_SEEK | Rights::FD_TELL | Rights::FD_FILESTAT_GET;
    mem.write_bytes(0, b"xy").unwrap();
    mem.write(
        GuestPtr::<Ciovec>::new(64),
        &Ciovec {
            buf: GuestPtr::new(0),
            buf_len: 2,
        },
    )
    .unwrap();
    for (name, oflags) in [
        ("old", Oflags::TRUNC),
        ("new", Oflags::CREAT | Oflags::TRUNC),
        ("excl", Oflags::CREAT | Oflags::EXCL | Oflags::TRUNC),
    ] {
        let p = put(&mut mem, 1000, name);
        let fd = ctx
            .path_open(
                &mut mem,
                3,
                Lookupflags::EMPTY,
                p,
                oflags,
                rights,
                rights,
                Fdflags::APPEND,
            )
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(ctx.fd_filestat_get(&mut mem, fd).unwrap().size, 0, "{name}");
        assert!(
            ctx.fd_fdstat_get(&mut mem, fd)
                .unwrap()
                .fs_flags
                .contains(Fdflags::APPEND)
        );
        assert_eq!(ctx.fd_write(&mut mem, fd, GuestArray::new(64, 1)).unwrap(), 2);
        ctx.fd_seek(&mut mem, fd, 0, Whence::Set).unwrap();
        assert_eq!(ctx.fd_write(&mut mem, fd, GuestArray::new(64, 1)).unwrap(), 2);
        assert_eq!(ctx.fd_tell(&mut mem, fd).unwrap(), 4, "{name}");
        ctx.fd_close(&mut mem, fd).unwrap();
        assert_eq!(std::fs::read(dir.0.join(name)).unwrap(), b"xyxy", "{name}");
    }
}

/// As wasmtime: `fd_allocate` is ENOTSUP on a regular file and EBADF on
/// anything else (wasi-testsuite's `dir_fd_op_failures` allows only EISDIR,
/// EBADF or ENOTCAPABLE on a directory).
#[test]
fn fd_allocate_on_non_files_is_ebadf() {
    let dir = Scratch::new("allocate");
    let mut bytes = vec![0u8; MEM];
    let mut mem = GuestMemory::new(&mut bytes);
    let mut ctx = ctx_with_dir(&dir);
    for fd in [0, 1, 2, 3] {
        assert_eq!(err(ctx.fd_allocate(&mut mem, fd, 0, 1)), Errno::Badf, "fd {fd}");
    }
    let sub = put(&mut mem, 0, "sub");
    ctx.path_create_directory(&mut mem, 3, sub).unwrap();
    let d = open(&mut ctx, &mut mem, "sub", Oflags::DIRECTORY, Rights::FD_READDIR).unwrap();
    assert_eq!(err(ctx.fd_allocate(&mut mem, d, 0, 1)), Errno::Badf);
    let f = open(&mut ctx, &mut mem, "f", Oflags::CREAT, Rights::ALL).unwrap();
    assert_eq!(err(ctx.fd_allocate(&mut mem, f, 0, 1)), Errno::Notsup);
}
