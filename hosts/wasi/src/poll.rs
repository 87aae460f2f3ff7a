//! `poll_oneoff`: clock and fd readiness subscriptions.
//!
//! Regular files, directories and the embedder's custom stdio streams are
//! always ready (as in POSIX and wasmtime); the host's stdio and sockets
//! are polled with `poll(2)`. A subscription on a descriptor that is not
//! open fails the whole call with `EBADF`, as wasmtime does.
//!
//! With epoch interruption (the store's deadline in
//! [`GuestMemory::interrupt`]), every wait here and in the calls that block
//! (reads on pipes and sockets, `sock_accept`) ends promptly with
//! [`WasiError::Interrupted`] once the deadline passes: sleeps wake as soon
//! as the epoch moves, and `poll(2)` waits in slices of [`SLICE`].

use crate::clocks::{monotonic_now, realtime_now};
use crate::ctx::{Kind, WasiCtx};
use concord_abi::wasi_snapshot_preview1::*;
use concord_abi::{GuestArray, GuestMemory, GuestPtr, WasiError};
use rustix::event::{PollFd, PollFlags};
use std::io::Seek;
use std::os::fd::BorrowedFd;
use std::time::Duration;

/// The longest `poll(2)` wait between two looks at the store's deadline.
pub(crate) const SLICE: Duration = Duration::from_millis(20);

/// The most subscriptions one `poll_oneoff` may pass: more is `EINVAL`
/// (the host's work and its copy of the subscriptions grow with the count,
/// RFC 0010). As many as a guest may have descriptors open, plus clocks.
pub(crate) const MAX_SUBSCRIPTIONS: u32 = 1 << 17;

/// Before a call that may block on `fd`: with epoch interruption, waits
/// until `fd` is ready for `flags` (or reports an error, which the call
/// itself then meets), looking at the store's deadline between slices;
/// `Err(Interrupted)` once it passes. Without it, returns at once and the
/// call blocks as usual.
pub(crate) fn wait_ready(mem: &GuestMemory<'_>, fd: BorrowedFd<'_>, flags: PollFlags) -> Result<(), WasiError> {
    let Some(interrupt) = mem.interrupt() else {
        return Ok(());
    };
    let slice = rustix::time::Timespec {
        tv_sec: 0,
        tv_nsec: SLICE.as_nanos() as _,
    };
    loop {
        if interrupt.is_due() {
            return Err(WasiError::Interrupted);
        }
        let mut fds = [PollFd::from_borrowed_fd(fd, flags)];
        match rustix::event::poll(&mut fds, Some(&slice)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => {}
            // Ready, or an error the call will report.
            Ok(_) | Err(_) => return Ok(()),
        }
    }
}

fn event(userdata: Userdata, type_: Eventtype, error: Errno, nbytes: Filesize, hangup: bool) -> Event {
    Event {
        userdata,
        error,
        type_,
        fd_readwrite: EventFdReadwrite {
            nbytes,
            flags: if hangup {
                Eventrwflags::FD_READWRITE_HANGUP
            } else {
                Eventrwflags::EMPTY
            },
        },
    }
}

impl WasiCtx {
    pub(crate) fn do_poll_oneoff(
        &mut self,
        mem: &mut GuestMemory<'_>,
        in_: GuestPtr<Subscription>,
        out: GuestPtr<Event>,
        nsubscriptions: Size,
    ) -> Result<Size, WasiError> {
        if nsubscriptions == 0 || nsubscriptions > MAX_SUBSCRIPTIONS {
            return Err(Errno::Inval.into());
        }
        let events_out = GuestArray::<Event>::new(out.offset(), nsubscriptions);
        events_out.check(mem)?;
        // Checked against memory first: bounded by the memory's size.
        let subs = GuestArray::<Subscription>::new(in_.offset(), nsubscriptions).read_all(mem)?;

        let start = monotonic_now();
        let mut ready: Vec<Event> = Vec::new();
        // (userdata, deadline on the monotonic clock)
        let mut clocks: Vec<(Userdata, Timestamp)> = Vec::new();
        // (userdata, type, index into `pollfds`)
        let mut waits: Vec<(Userdata, Eventtype)> = Vec::new();
        let mut pollfds: Vec<PollFd<'_>> = Vec::new();

        for sub in &subs {
            match &sub.u {
                SubscriptionU::Clock(c) => {
                    let abs = c.flags.contains(Subclockflags::SUBSCRIPTION_CLOCK_ABSTIME);
                    let deadline = match (c.id, abs) {
                        (Clockid::Monotonic, true) => c.timeout,
                        (Clockid::Realtime, true) => start.saturating_add(c.timeout.saturating_sub(realtime_now())),
                        (Clockid::Monotonic | Clockid::Realtime, false) => start.saturating_add(c.timeout),
                        _ => {
                            ready.push(event(sub.userdata, Eventtype::Clock, Errno::Notsup, 0, false));
                            continue;
                        }
                    };
                    clocks.push((sub.userdata, deadline));
                }
                SubscriptionU::FdRead(f) | SubscriptionU::FdWrite(f) => {
                    let ty = if matches!(sub.u, SubscriptionU::FdRead(_)) {
                        Eventtype::FdRead
                    } else {
                        Eventtype::FdWrite
                    };
                    let entry = self
                        .table
                        .get(&f.file_descriptor)
                        .ok_or(WasiError::Errno(Errno::Badf))?;
                    if !entry.base.contains(Rights::POLL_FD_READWRITE) {
                        ready.push(event(sub.userdata, ty, Errno::Notcapable, 0, false));
                        continue;
                    }
                    match &entry.kind {
                        Kind::File(file) => {
                            let nbytes = if ty == Eventtype::FdRead {
                                let len = file.file.metadata().map(|m| m.len()).unwrap_or(0);
                                let pos = (&file.file).stream_position().unwrap_or(len);
                                len.saturating_sub(pos)
                            } else {
                                0
                            };
                            ready.push(event(sub.userdata, ty, Errno::Success, nbytes, false));
                        }
                        Kind::Dir(_) => ready.push(event(sub.userdata, ty, Errno::Success, 0, false)),
                        _ => match entry.host_fd() {
                            // A custom stdio stream never blocks.
                            None => ready.push(event(sub.userdata, ty, Errno::Success, 0, false)),
                            Some(host) => {
                                let flags = if ty == Eventtype::FdRead {
                                    PollFlags::IN
                                } else {
                                    PollFlags::OUT
                                };
                                pollfds.push(PollFd::from_borrowed_fd(host, flags));
                                waits.push((sub.userdata, ty));
                            }
                        },
                    }
                }
            }
        }

        let mut events = ready;
        let first_deadline = clocks.iter().map(|&(_, d)| d).min();
        loop {
            let now = monotonic_now();
            let remaining = if !events.is_empty() {
                Some(0)
            } else {
                first_deadline.map(|d| d.saturating_sub(now))
            };
            let interrupt = mem.interrupt();
            if interrupt.is_some_and(|i| i.is_due()) {
                return Err(WasiError::Interrupted);
            }
            if !pollfds.is_empty() {
                // With a deadline to watch, wait in slices.
                let remaining = match (remaining, interrupt) {
                    (r, Some(_)) => Some(r.map_or(SLICE.as_nanos() as u64, |ns| ns.min(SLICE.as_nanos() as u64))),
                    (r, None) => r,
                };
                let timeout = remaining.map(|ns| rustix::time::Timespec {
                    tv_sec: (ns / 1_000_000_000) as i64,
                    tv_nsec: (ns % 1_000_000_000) as _,
                });
                match rustix::event::poll(&mut pollfds, timeout.as_ref()) {
                    Ok(_) | Err(rustix::io::Errno::INTR) => {}
                    Err(e) => return Err(WasiError::Errno(crate::errno::from_raw_os(e.raw_os_error()))),
                }
                for (pfd, &(userdata, ty)) in pollfds.iter().zip(&waits) {
                    let revents = pfd.revents();
                    if revents.is_empty() {
                        continue;
                    }
                    let error = if revents.contains(PollFlags::NVAL) {
                        Errno::Badf
                    } else {
                        Errno::Success
                    };
                    events.push(event(userdata, ty, error, 0, revents.contains(PollFlags::HUP)));
                }
            } else if let Some(ns) = remaining
                && ns > 0
            {
                let duration = Duration::from_nanos(ns);
                match interrupt {
                    // Wakes as soon as the epoch moves.
                    Some(i) => i.sleep(duration).map_err(|_| WasiError::Interrupted)?,
                    None => std::thread::sleep(duration),
                }
            }
            let now = monotonic_now();
            for &(userdata, deadline) in &clocks {
                if deadline <= now {
                    events.push(event(userdata, Eventtype::Clock, Errno::Success, 0, false));
                }
            }
            if !events.is_empty() || (pollfds.is_empty() && clocks.is_empty()) {
                break;
            }
        }

        let n = events.len().min(nsubscriptions as usize);
        for (i, ev) in (0u32..).zip(&events[..n]) {
            // In bounds: `events_out` was checked and i < nsubscriptions.
            let ptr = events_out.get(i).ok_or(WasiError::Errno(Errno::Fault))?;
            mem.write(ptr, ev)?;
        }
        Ok(n as Size)
    }
}
