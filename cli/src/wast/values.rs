//! Script values: turning `.wast` arguments into [`Val`]s and checking
//! results against expected patterns (NaN patterns, per-lane v128
//! patterns, references).

use concord::{ExternRef, Store, Val};
use std::collections::HashMap;
use std::fmt::Write as _;
use wast::WastArg;
use wast::core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::token::{F32, F64};

/// Host values behind `ref.extern N`: one [`ExternRef`] per `N`, so the same
/// number always gives the same reference.
#[derive(Default)]
pub struct ExternRefs(HashMap<u32, ExternRef>);

impl ExternRefs {
    /// The reference for `ref.extern n`.
    pub fn get(&mut self, store: &mut Store<()>, n: u32) -> ExternRef {
        *self.0.entry(n).or_insert_with(|| ExternRef::new(store, n))
    }
}

/// Converts an argument of `invoke`.
pub fn arg_to_val(store: &mut Store<()>, externs: &mut ExternRefs, arg: &WastArg<'_>) -> Result<Val, String> {
    let WastArg::Core(arg) = arg else {
        return Err("component-model arguments are not supported".into());
    };
    Ok(match arg {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(v.bits),
        WastArgCore::F64(v) => Val::F64(v.bits),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes())),
        WastArgCore::RefNull(ty) => match null_kind(ty) {
            Some(NullKind::Func) => Val::FuncRef(None),
            Some(NullKind::Extern) => Val::ExternRef(None),
            Some(NullKind::Exn) => Val::ExnRef(None),
            None => return Err(format!("unsupported reference type in `ref.null {ty:?}`")),
        },
        WastArgCore::RefExtern(n) => Val::ExternRef(Some(externs.get(store, *n))),
        WastArgCore::RefHost(_) => return Err("`ref.host` (GC proposal) is not supported".into()),
    })
}

enum NullKind {
    Func,
    Extern,
    Exn,
}

fn null_kind(ty: &HeapType<'_>) -> Option<NullKind> {
    match ty {
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Func | AbstractHeapType::NoFunc,
        } => Some(NullKind::Func),
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern,
        } => Some(NullKind::Extern),
        HeapType::Abstract {
            shared: false,
            ty: AbstractHeapType::Exn | AbstractHeapType::NoExn,
        } => Some(NullKind::Exn),
        _ => None,
    }
}

/// Checks `actual` against `expected`; the error describes the mismatch.
pub fn check_result(store: &Store<()>, actual: &Val, expected: &WastRetCore<'_>) -> Result<(), String> {
    if matches_ret(store, actual, expected) {
        Ok(())
    } else {
        Err(format!(
            "expected {}, got {}",
            describe_expected(expected),
            describe_val(store, actual)
        ))
    }
}

fn matches_ret(store: &Store<()>, actual: &Val, expected: &WastRetCore<'_>) -> bool {
    match (expected, actual) {
        (WastRetCore::I32(e), Val::I32(a)) => e == a,
        (WastRetCore::I64(e), Val::I64(a)) => e == a,
        (WastRetCore::F32(e), Val::F32(a)) => f32_matches(e, *a),
        (WastRetCore::F64(e), Val::F64(a)) => f64_matches(e, *a),
        (WastRetCore::V128(e), Val::V128(a)) => v128_matches(e, *a),
        (WastRetCore::RefNull(ty), Val::FuncRef(r)) => {
            r.is_none() && ty.as_ref().is_none_or(|t| matches!(null_kind(t), Some(NullKind::Func)))
        }
        (WastRetCore::RefNull(ty), Val::ExternRef(r)) => {
            r.is_none()
                && ty
                    .as_ref()
                    .is_none_or(|t| matches!(null_kind(t), Some(NullKind::Extern)))
        }
        (WastRetCore::RefNull(ty), Val::ExnRef(r)) => {
            r.is_none() && ty.as_ref().is_none_or(|t| matches!(null_kind(t), Some(NullKind::Exn)))
        }
        (WastRetCore::RefExtern(n), Val::ExternRef(Some(r))) => match n {
            None => true,
            Some(n) => r.data(store).downcast_ref::<u32>() == Some(n),
        },
        (WastRetCore::RefFunc(_), Val::FuncRef(r)) => r.is_some(),
        (WastRetCore::Either(options), a) => options.iter().any(|e| matches_ret(store, a, e)),
        _ => false,
    }
}

fn f32_matches(expected: &NanPattern<F32>, bits: u32) -> bool {
    match expected {
        // Canonical: quiet bit only, any sign.
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        // Arithmetic: a NaN with the quiet bit set, any payload, any sign.
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn f64_matches(expected: &NanPattern<F64>, bits: u64) -> bool {
    match expected {
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        NanPattern::Value(v) => v.bits == bits,
    }
}

fn v128_matches(expected: &V128Pattern, actual: u128) -> bool {
    let bytes = actual.to_le_bytes();
    match expected {
        V128Pattern::I8x16(lanes) => lanes.iter().enumerate().all(|(i, &l)| bytes[i] == l as u8),
        V128Pattern::I16x8(lanes) => lanes
            .iter()
            .enumerate()
            .all(|(i, &l)| u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]) == l as u16),
        V128Pattern::I32x4(lanes) => lanes.iter().enumerate().all(|(i, &l)| lane32(&bytes, i) == l as u32),
        V128Pattern::I64x2(lanes) => lanes.iter().enumerate().all(|(i, &l)| lane64(&bytes, i) == l as u64),
        V128Pattern::F32x4(lanes) => lanes.iter().enumerate().all(|(i, l)| f32_matches(l, lane32(&bytes, i))),
        V128Pattern::F64x2(lanes) => lanes.iter().enumerate().all(|(i, l)| f64_matches(l, lane64(&bytes, i))),
    }
}

fn lane32(bytes: &[u8; 16], i: usize) -> u32 {
    u32::from_le_bytes(bytes[4 * i..4 * i + 4].try_into().expect("4 bytes"))
}

fn lane64(bytes: &[u8; 16], i: usize) -> u64 {
    u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().expect("8 bytes"))
}

/// Describes a value for a failure message: type, value and bits.
pub fn describe_val(store: &Store<()>, v: &Val) -> String {
    match v {
        Val::I32(x) => format!("i32 {x} ({:#x})", *x as u32),
        Val::I64(x) => format!("i64 {x} ({:#x})", *x as u64),
        Val::F32(b) => format!("f32 {} ({b:#010x})", f32::from_bits(*b)),
        Val::F64(b) => format!("f64 {} ({b:#018x})", f64::from_bits(*b)),
        Val::V128(x) => {
            let bytes = x.to_le_bytes();
            let mut s = String::from("v128 i32x4");
            for i in 0..4 {
                let _ = write!(s, " {:#010x}", lane32(&bytes, i));
            }
            s
        }
        Val::FuncRef(None) => "ref.null func".into(),
        Val::FuncRef(Some(_)) => "ref.func".into(),
        Val::ExternRef(None) => "ref.null extern".into(),
        Val::ExternRef(Some(r)) => match r.data(store).downcast_ref::<u32>() {
            Some(n) => format!("ref.extern {n}"),
            None => "ref.extern <host value>".into(),
        },
        Val::ExnRef(None) => "ref.null exn".into(),
        Val::ExnRef(Some(_)) => "ref.exn".into(),
    }
}

fn describe_f32(p: &NanPattern<F32>) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
        NanPattern::Value(v) => format!("{} ({:#010x})", f32::from_bits(v.bits), v.bits),
    }
}

fn describe_f64(p: &NanPattern<F64>) -> String {
    match p {
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
        NanPattern::Value(v) => format!("{} ({:#018x})", f64::from_bits(v.bits), v.bits),
    }
}

fn join<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(" ")
}

/// Describes an expected result for a failure message.
pub fn describe_expected(e: &WastRetCore<'_>) -> String {
    match e {
        WastRetCore::I32(x) => format!("i32 {x} ({:#x})", *x as u32),
        WastRetCore::I64(x) => format!("i64 {x} ({:#x})", *x as u64),
        WastRetCore::F32(p) => format!("f32 {}", describe_f32(p)),
        WastRetCore::F64(p) => format!("f64 {}", describe_f64(p)),
        WastRetCore::V128(p) => match p {
            V128Pattern::I8x16(l) => format!("v128 i8x16 {}", join(l, |x| x.to_string())),
            V128Pattern::I16x8(l) => format!("v128 i16x8 {}", join(l, |x| x.to_string())),
            V128Pattern::I32x4(l) => format!("v128 i32x4 {}", join(l, |x| format!("{:#010x}", *x as u32))),
            V128Pattern::I64x2(l) => format!("v128 i64x2 {}", join(l, |x| format!("{:#x}", *x as u64))),
            V128Pattern::F32x4(l) => format!("v128 f32x4 {}", join(l, describe_f32)),
            V128Pattern::F64x2(l) => format!("v128 f64x2 {}", join(l, describe_f64)),
        },
        WastRetCore::RefNull(None) => "ref.null".into(),
        WastRetCore::RefNull(Some(t)) => match null_kind(t) {
            Some(NullKind::Func) => "ref.null func".into(),
            Some(NullKind::Extern) => "ref.null extern".into(),
            Some(NullKind::Exn) => "ref.null exn".into(),
            None => format!("ref.null {t:?}"),
        },
        WastRetCore::RefExtern(None) => "ref.extern".into(),
        WastRetCore::RefExtern(Some(n)) => format!("ref.extern {n}"),
        WastRetCore::RefFunc(_) => "ref.func".into(),
        WastRetCore::Either(options) => {
            let options: Vec<String> = options.iter().map(describe_expected).collect();
            format!("either {}", options.join(" or "))
        }
        other => format!("{other:?}"),
    }
}

/// Whether an expected result needs a proposal this runner does not support
/// (GC references); such assertions are skipped.
pub fn is_unsupported_ret(e: &WastRetCore<'_>) -> bool {
    match e {
        WastRetCore::RefHost(_)
        | WastRetCore::RefAny
        | WastRetCore::RefEq
        | WastRetCore::RefArray
        | WastRetCore::RefStruct
        | WastRetCore::RefI31
        | WastRetCore::RefI31Shared => true,
        WastRetCore::Either(options) => options.iter().any(is_unsupported_ret),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_patterns() {
        assert!(f32_matches(&NanPattern::CanonicalNan, 0x7fc0_0000));
        assert!(f32_matches(&NanPattern::CanonicalNan, 0xffc0_0000));
        assert!(!f32_matches(&NanPattern::CanonicalNan, 0x7fc0_0001));
        assert!(f32_matches(&NanPattern::ArithmeticNan, 0x7fc0_0001));
        assert!(!f32_matches(&NanPattern::ArithmeticNan, 0x7fa0_0000));
        assert!(!f32_matches(&NanPattern::ArithmeticNan, 0x3f80_0000));
        assert!(f64_matches(&NanPattern::CanonicalNan, 0xfff8_0000_0000_0000));
        assert!(f64_matches(&NanPattern::ArithmeticNan, 0x7ff8_0000_0000_0001));
        assert!(!f64_matches(&NanPattern::ArithmeticNan, 0x7ff4_0000_0000_0000));
        assert!(f32_matches(&NanPattern::Value(F32 { bits: 0x7fa0_0000 }), 0x7fa0_0000));
    }

    #[test]
    fn v128_lanes() {
        let v = u128::from_le_bytes(
            [0x7fc0_0000u32, 0x3f80_0000, 0xffc0_0000, 0]
                .iter()
                .flat_map(|x| x.to_le_bytes())
                .collect::<Vec<u8>>()
                .try_into()
                .unwrap(),
        );
        let pattern = V128Pattern::F32x4([
            NanPattern::CanonicalNan,
            NanPattern::Value(F32 { bits: 0x3f80_0000 }),
            NanPattern::ArithmeticNan,
            NanPattern::Value(F32 { bits: 0 }),
        ]);
        assert!(v128_matches(&pattern, v));
        assert!(v128_matches(
            &V128Pattern::I32x4([0x7fc0_0000, 0x3f80_0000, 0xffc0_0000u32 as i32, 0]),
            v
        ));
        assert!(!v128_matches(&V128Pattern::I64x2([0, 0]), v));
    }
}
