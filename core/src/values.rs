//! Values: the typed [`Val`] of the embedding API and the untyped [`RawVal`]
//! cell of the host-call ABI.

use crate::func::Func;
use crate::store::{AsContext, AsContextMut, StoreId};
use crate::types::{HeapType, RefType, ValType};
use std::any::Any;

/// A 16-byte untyped value cell: the unit of the host-call ABI ("array
/// call") and of the interpreter's frames.
///
/// Encoding: `i32`/`f32` in the low 32 bits of word 0 (upper bits zero),
/// `i64`/`f64` in word 0, `v128` little-endian across words 0 and 1,
/// references as their raw word in word 0 (zero is null): a funcref is the
/// address of its [`crate::vm::VmFuncRef`], an externref is its store index
/// plus one.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub struct RawVal(pub [u64; 2]);

impl RawVal {
    /// The zero cell.
    pub const ZERO: RawVal = RawVal([0, 0]);

    /// Encodes an `i32`.
    #[inline(always)]
    pub fn from_i32(v: i32) -> RawVal {
        RawVal([v as u32 as u64, 0])
    }
    /// Encodes an `i64`.
    #[inline(always)]
    pub fn from_i64(v: i64) -> RawVal {
        RawVal([v as u64, 0])
    }
    /// Encodes an `f32` by its bits.
    #[inline(always)]
    pub fn from_f32_bits(v: u32) -> RawVal {
        RawVal([v as u64, 0])
    }
    /// Encodes an `f64` by its bits.
    #[inline(always)]
    pub fn from_f64_bits(v: u64) -> RawVal {
        RawVal([v, 0])
    }
    /// Encodes a `v128`.
    #[inline(always)]
    pub fn from_v128(v: u128) -> RawVal {
        RawVal([v as u64, (v >> 64) as u64])
    }
    /// Encodes a raw reference word.
    #[inline(always)]
    pub fn from_ref(v: u64) -> RawVal {
        RawVal([v, 0])
    }
    /// Decodes an `i32`.
    #[inline(always)]
    pub fn i32(self) -> i32 {
        self.0[0] as i32
    }
    /// Decodes an `i64`.
    #[inline(always)]
    pub fn i64(self) -> i64 {
        self.0[0] as i64
    }
    /// Decodes an `f32`'s bits.
    #[inline(always)]
    pub fn f32_bits(self) -> u32 {
        self.0[0] as u32
    }
    /// Decodes an `f64`'s bits.
    #[inline(always)]
    pub fn f64_bits(self) -> u64 {
        self.0[0]
    }
    /// Decodes a `v128`.
    #[inline(always)]
    pub fn v128(self) -> u128 {
        self.0[0] as u128 | ((self.0[1] as u128) << 64)
    }
    /// Decodes a raw reference word.
    #[inline(always)]
    pub fn ref_bits(self) -> u64 {
        self.0[0]
    }
}

impl std::fmt::Debug for RawVal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RawVal({:#x}, {:#x})", self.0[0], self.0[1])
    }
}

/// A reference to a host value, owned by a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExternRef {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl ExternRef {
    /// Wraps a host value; it lives as long as the store.
    pub fn new(mut store: impl AsContextMut, value: impl Any + Send + Sync) -> ExternRef {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        let index = opaque.externrefs.len() as u32;
        opaque.externrefs.push(Box::new(value));
        ExternRef {
            store: opaque.id,
            index,
        }
    }

    /// The host value.
    pub fn data<'a, T: 'a>(&self, store: impl Into<crate::store::StoreContext<'a, T>>) -> &'a (dyn Any + Send + Sync) {
        let ctx = store.into();
        let opaque = ctx.into_opaque();
        assert_eq!(opaque.id, self.store, "externref used with the wrong store");
        &*opaque.externrefs[self.index as usize]
    }

    /// The raw reference word (see [`RawVal`]).
    pub fn to_raw(&self) -> u64 {
        self.index as u64 + 1
    }

    /// Rebuilds a reference from its raw word; `None` for null or an unknown index.
    pub fn from_raw(store: &impl AsContext, raw: u64) -> Option<ExternRef> {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        let index = raw.checked_sub(1)?;
        if index >= opaque.externrefs.len() as u64 {
            return None;
        }
        Some(ExternRef {
            store: opaque.id,
            index: index as u32,
        })
    }
}

/// A reference value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ref {
    /// A function reference or null.
    Func(Option<Func>),
    /// An external reference or null.
    Extern(Option<ExternRef>),
}

impl Ref {
    /// The null reference of a type.
    pub fn null(ty: RefType) -> Ref {
        if ty.is_func_ref() {
            Ref::Func(None)
        } else {
            Ref::Extern(None)
        }
    }

    /// Whether this is null.
    pub fn is_null(&self) -> bool {
        matches!(self, Ref::Func(None) | Ref::Extern(None))
    }

    /// The reference type.
    pub fn ty(&self) -> RefType {
        match self {
            Ref::Func(_) => RefType::FuncRef,
            Ref::Extern(_) => RefType::ExternRef,
        }
    }
}

/// Whether `v` (of `store`) is a value of type `ty`: of the same numeric
/// type, or a reference that `ty` admits (null only in a nullable type; a
/// function only in `func` or its own concrete type).
/// `Err(WrongStore)` if `v` is a reference to an object of another store
/// than `id` (a value only its own store can hold).
pub(crate) fn check_ref_store(v: &Val, id: StoreId) -> crate::Result<()> {
    let ok = match v {
        Val::FuncRef(Some(f)) => f.store == id,
        Val::ExternRef(Some(e)) => e.store == id,
        Val::ExnRef(Some(x)) => x.store == id,
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(crate::error::LinkError::WrongStore.into())
    }
}

/// Whether `v` has type `ty` in `store` (a reference of `store`: see
/// [`check_ref_store`]).
pub(crate) fn val_matches(store: &crate::store::StoreOpaque, v: &Val, ty: ValType) -> bool {
    let Some((nullable, heap)) = ty.as_ref_parts() else {
        return v.ty() == ty;
    };
    match v {
        Val::FuncRef(None) => nullable && heap.is_func(),
        Val::ExternRef(None) => nullable && heap == HeapType::Extern,
        Val::ExternRef(Some(_)) => heap == HeapType::Extern,
        Val::ExnRef(None) => nullable && heap.is_exn(),
        Val::ExnRef(Some(_)) => heap == HeapType::Exn,
        Val::FuncRef(Some(f)) => match heap {
            HeapType::Func => true,
            HeapType::Extern | HeapType::Exn | HeapType::NoExn => false,
            HeapType::Concrete(id) => {
                let Some(entry) = store.funcs.get(f.index as usize) else {
                    return false;
                };
                // SAFETY: the store keeps its functions' `VmFuncRef`s alive.
                unsafe { (*entry.funcref).type_id == id }
            }
        },
        _ => false,
    }
}

/// A typed WebAssembly value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    /// `i32`
    I32(i32),
    /// `i64`
    I64(i64),
    /// `f32`, as its bits (so NaN payloads are preserved).
    F32(u32),
    /// `f64`, as its bits.
    F64(u64),
    /// `v128`
    V128(u128),
    /// `funcref`
    FuncRef(Option<Func>),
    /// `externref`
    ExternRef(Option<ExternRef>),
    /// `exnref` (exception handling)
    ExnRef(Option<ExnRef>),
}

/// A reference to a Wasm exception (exception handling): its tag and
/// payload. It lives as long as its store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExnRef {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl ExnRef {
    /// A new exception of `tag` carrying `payload` (of the tag's types),
    /// for a host function to throw ([`crate::Error::exception`]).
    pub fn new(mut store: impl AsContextMut, tag: &crate::externals::Tag, payload: &[Val]) -> crate::Result<ExnRef> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(tag.store);
        let ty = opaque.tags[tag.index as usize].ty.clone();
        for v in payload {
            check_ref_store(v, opaque.id)?;
        }
        if ty.params().len() != payload.len()
            || !payload.iter().zip(ty.params()).all(|(v, t)| val_matches(opaque, v, *t))
        {
            return Err(crate::Error::usage(format!(
                "an exception of tag type {ty} with a mismatched payload"
            )));
        }
        let values: Box<[RawVal]> = payload.iter().map(|v| (*v).to_raw_opaque(opaque)).collect();
        let exn = opaque.new_exn(tag.index, values);
        // SAFETY: `new_exn` returned a live exception of this store.
        let index = unsafe { (*exn).store_index };
        opaque.expose_exn(index);
        Ok(ExnRef {
            store: opaque.id,
            index,
        })
    }

    /// The exception's tag.
    pub fn tag(&self, store: impl AsContext) -> crate::externals::Tag {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        opaque.check(self.store);
        let exn = &opaque.exns[self.index as usize];
        // SAFETY: an exception's tag is a tag of its store, which outlives it.
        let index = unsafe { (*exn.vm.tag).store_index };
        crate::externals::Tag {
            store: self.store,
            index,
        }
    }

    /// The exception's payload.
    pub fn payload(&self, store: impl AsContext) -> Vec<Val> {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        opaque.check(self.store);
        let exn = &opaque.exns[self.index as usize];
        // SAFETY: as in `tag`.
        let tag = unsafe { (*exn.vm.tag).store_index };
        let ty = &opaque.tags[tag as usize].ty;
        ty.params()
            .iter()
            .zip(exn.values.iter())
            // SAFETY: the payload was written with the tag's types, by Wasm or
            // `new`, from references of this store.
            .map(|(t, v)| unsafe { Val::from_raw(&ctx, *v, *t) })
            .collect()
    }

    /// The raw reference word: the address of the store's `VmExn`.
    pub(crate) fn to_raw(self, store: &crate::store::StoreOpaque) -> u64 {
        &store.exns[self.index as usize].vm as *const crate::vm::VmExn as u64
    }

    /// The handle of a raw exception reference, or `None` for null.
    ///
    /// # Safety
    ///
    /// `raw` is null or the address of a `VmExn` of `store`.
    pub(crate) unsafe fn from_raw(store: StoreId, raw: u64) -> Option<ExnRef> {
        let exn = raw as *const crate::vm::VmExn;
        if exn.is_null() {
            return None;
        }
        // SAFETY: guaranteed by the caller: a non-null `raw` is a live
        // `VmExn` of `store`.
        let index = unsafe { (*exn).store_index };
        Some(ExnRef { store, index })
    }
}

impl Val {
    /// The value's type.
    pub fn ty(&self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
            Val::V128(_) => ValType::V128,
            Val::FuncRef(_) => ValType::FuncRef,
            Val::ExternRef(_) => ValType::ExternRef,
            Val::ExnRef(_) => ValType::reference(true, HeapType::Exn),
        }
    }

    /// The zero value (null for references) of a type.
    pub fn default_for(ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(0),
            ValType::I64 => Val::I64(0),
            ValType::F32 => Val::F32(0),
            ValType::F64 => Val::F64(0),
            ValType::V128 => Val::V128(0),
            ValType::FuncRef => Val::FuncRef(None),
            ValType::ExternRef => Val::ExternRef(None),
            ValType::Ref(r) if r.heap.is_func() => Val::FuncRef(None),
            ValType::Ref(r) if r.heap.is_exn() => Val::ExnRef(None),
            ValType::Ref(_) => Val::ExternRef(None),
        }
    }

    /// The `i32`, if this is one.
    pub fn i32(&self) -> Option<i32> {
        match self {
            Val::I32(v) => Some(*v),
            _ => None,
        }
    }
    /// The `i64`, if this is one.
    pub fn i64(&self) -> Option<i64> {
        match self {
            Val::I64(v) => Some(*v),
            _ => None,
        }
    }
    /// The `f32`, if this is one.
    pub fn f32(&self) -> Option<f32> {
        match self {
            Val::F32(v) => Some(f32::from_bits(*v)),
            _ => None,
        }
    }
    /// The `f64`, if this is one.
    pub fn f64(&self) -> Option<f64> {
        match self {
            Val::F64(v) => Some(f64::from_bits(*v)),
            _ => None,
        }
    }

    /// Encodes into a raw cell. References must belong to `store`.
    pub fn to_raw(&self, store: &impl AsContext) -> RawVal {
        (*self).to_raw_opaque(store.as_context().opaque())
    }

    pub(crate) fn to_raw_opaque(self, store: &crate::store::StoreOpaque) -> RawVal {
        match self {
            Val::I32(v) => RawVal::from_i32(v),
            Val::I64(v) => RawVal::from_i64(v),
            Val::F32(v) => RawVal::from_f32_bits(v),
            Val::F64(v) => RawVal::from_f64_bits(v),
            Val::V128(v) => RawVal::from_v128(v),
            Val::FuncRef(None) | Val::ExternRef(None) | Val::ExnRef(None) => RawVal::ZERO,
            Val::FuncRef(Some(f)) => {
                store.check(f.store);
                RawVal::from_ref(store.funcs[f.index as usize].funcref as u64)
            }
            Val::ExternRef(Some(e)) => RawVal::from_ref(e.to_raw()),
            Val::ExnRef(Some(e)) => {
                store.check(e.store);
                RawVal::from_ref(e.to_raw(store))
            }
        }
    }

    /// Decodes a raw cell of a known type.
    ///
    /// # Safety
    ///
    /// A reference cell must hold a reference of `store` (or null).
    pub unsafe fn from_raw(store: &impl AsContext, raw: RawVal, ty: ValType) -> Val {
        match ty {
            ValType::I32 => Val::I32(raw.i32()),
            ValType::I64 => Val::I64(raw.i64()),
            ValType::F32 => Val::F32(raw.f32_bits()),
            ValType::F64 => Val::F64(raw.f64_bits()),
            ValType::V128 => Val::V128(raw.v128()),
            // SAFETY: guaranteed by the caller.
            ValType::FuncRef => Val::FuncRef(unsafe { Func::from_raw(store, raw.ref_bits()) }),
            ValType::ExternRef => Val::ExternRef(ExternRef::from_raw(store, raw.ref_bits())),
            // SAFETY: guaranteed by the caller.
            ValType::Ref(r) if r.heap.is_func() => Val::FuncRef(unsafe { Func::from_raw(store, raw.ref_bits()) }),
            ValType::Ref(r) if r.heap.is_exn() => {
                let id = store.as_context().opaque().id;
                // SAFETY: guaranteed by the caller (an `exnref` cell of
                // this store).
                Val::ExnRef(unsafe { ExnRef::from_raw(id, raw.ref_bits()) })
            }
            ValType::Ref(_) => Val::ExternRef(ExternRef::from_raw(store, raw.ref_bits())),
        }
    }
}

impl From<i32> for Val {
    fn from(v: i32) -> Val {
        Val::I32(v)
    }
}
impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::I64(v)
    }
}
impl From<f32> for Val {
    fn from(v: f32) -> Val {
        Val::F32(v.to_bits())
    }
}
impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::F64(v.to_bits())
    }
}
impl From<Ref> for Val {
    fn from(r: Ref) -> Val {
        match r {
            Ref::Func(f) => Val::FuncRef(f),
            Ref::Extern(e) => Val::ExternRef(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_cells_round_trip() {
        assert_eq!(RawVal::from_i32(-1).i32(), -1);
        assert_eq!(RawVal::from_i32(-1).0[0], 0xffff_ffff);
        assert_eq!(RawVal::from_i64(i64::MIN).i64(), i64::MIN);
        let v = 0x0011_2233_4455_6677_8899_aabb_ccdd_eeffu128;
        assert_eq!(RawVal::from_v128(v).v128(), v);
        assert_eq!(size_of::<RawVal>(), 16);
    }
}
