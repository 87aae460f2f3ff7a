//! Trapping integer arithmetic.

use concord_core::TrapCode;

#[inline(always)]
pub(super) fn i32_div_s(a: u32, b: u32) -> Result<u32, TrapCode> {
    let (a, b) = (a as i32, b as i32);
    if b == 0 {
        return Err(TrapCode::IntegerDivisionByZero);
    }
    if a == i32::MIN && b == -1 {
        return Err(TrapCode::IntegerOverflow);
    }
    Ok((a / b) as u32)
}

#[inline(always)]
pub(super) fn i32_div_u(a: u32, b: u32) -> Result<u32, TrapCode> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivisionByZero)
}

#[inline(always)]
pub(super) fn i32_rem_s(a: u32, b: u32) -> Result<u32, TrapCode> {
    if b == 0 {
        return Err(TrapCode::IntegerDivisionByZero);
    }
    // `MIN % -1` is 0 in Wasm (and in `wrapping_rem`).
    Ok((a as i32).wrapping_rem(b as i32) as u32)
}

#[inline(always)]
pub(super) fn i32_rem_u(a: u32, b: u32) -> Result<u32, TrapCode> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivisionByZero)
}

#[inline(always)]
pub(super) fn i64_div_s(a: u64, b: u64) -> Result<u64, TrapCode> {
    let (a, b) = (a as i64, b as i64);
    if b == 0 {
        return Err(TrapCode::IntegerDivisionByZero);
    }
    if a == i64::MIN && b == -1 {
        return Err(TrapCode::IntegerOverflow);
    }
    Ok((a / b) as u64)
}

#[inline(always)]
pub(super) fn i64_div_u(a: u64, b: u64) -> Result<u64, TrapCode> {
    a.checked_div(b).ok_or(TrapCode::IntegerDivisionByZero)
}

#[inline(always)]
pub(super) fn i64_rem_s(a: u64, b: u64) -> Result<u64, TrapCode> {
    if b == 0 {
        return Err(TrapCode::IntegerDivisionByZero);
    }
    Ok((a as i64).wrapping_rem(b as i64) as u64)
}

#[inline(always)]
pub(super) fn i64_rem_u(a: u64, b: u64) -> Result<u64, TrapCode> {
    a.checked_rem(b).ok_or(TrapCode::IntegerDivisionByZero)
}
