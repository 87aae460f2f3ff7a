//! Clocks and randomness.

use crate::ctx::WasiCtx;
use crate::errno::IoResultExt;
use concord_abi::wasi_snapshot_preview1::{Clockid, Errno, Timestamp};
use concord_abi::{GuestMemory, GuestPtr, WasiError};
use rustix::time::{ClockId, Timespec};

fn to_ns(t: Timespec) -> Timestamp {
    (t.tv_sec as u64)
        .wrapping_mul(1_000_000_000)
        .wrapping_add(t.tv_nsec as u64)
}

/// The host's monotonic clock, in nanoseconds.
pub(crate) fn monotonic_now() -> Timestamp {
    to_ns(rustix::time::clock_gettime(ClockId::Monotonic))
}

/// The host's realtime clock, in nanoseconds since the Unix epoch.
pub(crate) fn realtime_now() -> Timestamp {
    to_ns(rustix::time::clock_gettime(ClockId::Realtime))
}

impl WasiCtx {
    /// The host clock for a preview1 clock id: the CPU-time clocks only
    /// when enabled (otherwise `EBADF`, as wasmtime answers).
    fn host_clock(&self, id: Clockid) -> Result<ClockId, WasiError> {
        Ok(match id {
            Clockid::Realtime => ClockId::Realtime,
            Clockid::Monotonic => ClockId::Monotonic,
            Clockid::ProcessCputimeId if self.cpu_time_clocks => ClockId::ProcessCPUTime,
            Clockid::ThreadCputimeId if self.cpu_time_clocks => ClockId::ThreadCPUTime,
            Clockid::ProcessCputimeId | Clockid::ThreadCputimeId => return Err(Errno::Badf.into()),
        })
    }

    pub(crate) fn do_clock_res_get(&mut self, id: Clockid) -> Result<Timestamp, WasiError> {
        let res = to_ns(rustix::time::clock_getres(self.host_clock(id)?));
        // Preview1 requires a non-zero resolution.
        Ok(res.max(1))
    }

    pub(crate) fn do_clock_time_get(&mut self, id: Clockid) -> Result<Timestamp, WasiError> {
        Ok(to_ns(rustix::time::clock_gettime(self.host_clock(id)?)))
    }

    pub(crate) fn do_random_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        buf: GuestPtr<u8>,
        len: u32,
    ) -> Result<(), WasiError> {
        // Straight into guest memory: nothing is allocated on the host.
        mem.charge_bytes(u64::from(len));
        let mut out = mem.bytes_mut(buf.offset(), len)?;
        while !out.is_empty() {
            match rustix::rand::getrandom(&mut *out, rustix::rand::GetRandomFlags::empty()) {
                Ok(n) => out = &mut out[n..],
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e).errno(),
            }
        }
        Ok(())
    }
}
