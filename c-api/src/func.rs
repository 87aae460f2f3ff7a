//! Values and functions: host functions (`wasm_func_new*`) and calls into
//! Wasm (`wasm_func_call`).

use crate::engine::wasm_store_t;
use crate::object::{
    Finalizer, Kind, Object, StoreData, StoreRef, TrapData, from_externref, obj, to_externref, wasm_func_t,
    wasm_ref_delete, wasm_ref_t, wasm_trap_t,
};
use crate::types::{
    WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, kind_of, wasm_functype_t, wasm_valkind_t,
};
use crate::vec::wasm_val_vec_t;
use crate::{guard, object};
use concord_rt::{AsContextMut, Caller, Error, Func, FuncType, RawVal, StoreContextMut, Trap, Val, ValType};
use std::ffi::c_void;
use std::ptr;
use std::rc::{Rc, Weak};
use std::sync::Arc;

/// The payload of a `wasm_val_t`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union wasm_val_union {
    /// `i32`
    pub i32: i32,
    /// `i64`
    pub i64: i64,
    /// `f32`
    pub f32: f32,
    /// `f64`
    pub f64: f64,
    /// A reference (null for a null reference).
    pub ref_: *mut wasm_ref_t,
}

/// A value.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct wasm_val_t {
    /// Its kind (`WASM_I32`, ...).
    pub kind: wasm_valkind_t,
    /// Its payload.
    pub of: wasm_val_union,
}

impl Default for wasm_val_t {
    fn default() -> wasm_val_t {
        wasm_val_t {
            kind: WASM_I32,
            of: wasm_val_union { i64: 0 },
        }
    }
}

impl std::fmt::Debug for wasm_val_t {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SAFETY: every bit pattern of the union's 8 bytes is an `i64`.
        write!(f, "wasm_val_t({}, {:#x})", self.kind, unsafe { self.of.i64 })
    }
}

fn is_ref_kind(kind: wasm_valkind_t) -> bool {
    kind == WASM_EXTERNREF || kind == WASM_FUNCREF
}

/// A deep copy of a value (its reference, if any, is copied).
pub(crate) fn copy_val(v: &wasm_val_t) -> wasm_val_t {
    let mut out = *v;
    if is_ref_kind(v.kind) {
        // SAFETY: a value of reference kind holds a live reference or null.
        out.of.ref_ = unsafe { object::wasm_ref_copy(v.of.ref_) };
    }
    out
}

/// Deletes what a value owns (its reference, if any).
pub(crate) fn delete_val(v: wasm_val_t) {
    if is_ref_kind(v.kind) {
        // SAFETY: an owned value of reference kind owns its reference (or null).
        unsafe { wasm_ref_delete(v.of.ref_) }
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_val_delete(v: *mut wasm_val_t) {
    // SAFETY: `v` is null or an owned value (wasm.h's `own`).
    let v = unsafe { v.as_mut() };
    guard(
        || (),
        || {
            if let Some(v) = v {
                delete_val(std::mem::take(v))
            }
        },
    )
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_val_copy(out: *mut wasm_val_t, v: *const wasm_val_t) {
    // SAFETY: `v` is a live value and `out` writable storage (wasm.h).
    guard(|| (), || unsafe { out.write(copy_val(&*v)) })
}

/// A C value as a core value of type `want` (when known), in the store of
/// `ctx`. A reference is taken by the type it is wanted as: the header's
/// `WASM_REF_VAL` always says `WASM_EXTERNREF`, also for functions passed
/// as `funcref`.
///
/// # Safety
///
/// A value of reference kind holds null or a live reference.
pub(crate) unsafe fn to_core(
    ctx: &mut StoreContextMut<'_, StoreData>,
    v: &wasm_val_t,
    want: Option<ValType>,
) -> Result<Val, Error> {
    let kind = match want {
        Some(t) if is_ref_kind(v.kind) && t.is_ref() => kind_of(t),
        _ => v.kind,
    };
    // SAFETY: the union is read as the field its kind names.
    Ok(unsafe {
        match kind {
            WASM_I32 => Val::I32(v.of.i32),
            WASM_I64 => Val::I64(v.of.i64),
            WASM_F32 => Val::F32(v.of.f32.to_bits()),
            WASM_F64 => Val::F64(v.of.f64.to_bits()),
            WASM_EXTERNREF => match obj(v.of.ref_) {
                None => Val::ExternRef(None),
                Some(o) => Val::ExternRef(Some(to_externref(ctx, o))),
            },
            WASM_FUNCREF => match obj(v.of.ref_) {
                None => Val::FuncRef(None),
                Some(Object {
                    kind: Kind::Func(f), ..
                }) => Val::FuncRef(Some(*f)),
                Some(_) => return Err(Error::usage("a funcref value holds a reference that is not a function")),
            },
            k => return Err(Error::usage(format!("unknown value kind {k}"))),
        }
    })
}

/// A core value as a C value (a reference becomes a new owned reference).
pub(crate) fn from_core(ctx: &StoreContextMut<'_, StoreData>, store: &StoreRef, v: Val) -> wasm_val_t {
    let (kind, of) = match v {
        Val::I32(i) => (WASM_I32, wasm_val_union { i32: i }),
        Val::I64(i) => (WASM_I64, wasm_val_union { i64: i }),
        Val::F32(b) => (WASM_F32, wasm_val_union { f32: f32::from_bits(b) }),
        Val::F64(b) => (WASM_F64, wasm_val_union { f64: f64::from_bits(b) }),
        Val::FuncRef(f) => (
            WASM_FUNCREF,
            wasm_val_union {
                ref_: f.map_or(ptr::null_mut(), |f| {
                    Object::new(Some(store.clone()), Kind::Func(f)).into_raw()
                }),
            },
        ),
        Val::ExternRef(e) => (
            WASM_EXTERNREF,
            wasm_val_union {
                ref_: e.map_or(ptr::null_mut(), |e| {
                    Object::new(Some(store.clone()), from_externref(ctx, e)).into_raw()
                }),
            },
        ),
        // No C representation (the header has no v128 or exnref): the
        // kind of the type with a zero payload.
        other => (kind_of(other.ty()), wasm_val_union { i64: 0 }),
    };
    wasm_val_t { kind, of }
}

/// A trap object for an error.
pub(crate) fn trap_data(e: Error) -> TrapData {
    let exit = concord_rt::wasi::Exit::from_error(&e).map(|x| x.0);
    let trap = match e.as_trap() {
        Some(t) => t.clone(),
        None => Trap::host(e.to_string()),
    };
    TrapData { trap, exit }
}

pub(crate) fn new_trap(store: Option<StoreRef>, data: TrapData) -> *mut wasm_trap_t {
    Object::new(store, Kind::Trap(Arc::new(data))).into_raw()
}

/// Up to this many values of a call live on the stack.
const INLINE_VALUES: usize = 8;

/// A buffer of `n` values, on the stack when small.
macro_rules! value_buffer {
    ($name:ident: $t:ty = $init:expr; $n:expr) => {
        let mut inline = [$init; INLINE_VALUES];
        let mut heap: Vec<$t>;
        let $name: &mut [$t] = if $n <= INLINE_VALUES {
            &mut inline[..$n]
        } else {
            heap = vec![$init; $n];
            &mut heap
        };
    };
}

/// Calls `func`; null on success, else the trap (owned by the caller).
///
/// A handle that has called a function of numbers before (its signature is
/// known) goes straight to that signature's fast path: pointer reads, which
/// cannot panic, then a tail call of [`call_numeric`], which runs under
/// [`guard`] itself. Anything else takes [`call_slow`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_call(
    func: *const wasm_func_t,
    args: *const wasm_val_vec_t,
    results: *mut wasm_val_vec_t,
) -> *mut wasm_trap_t {
    // SAFETY: `func` is null or a live function (wasm.h).
    let o = unsafe { obj(func) };
    if let Some(
        o @ Object {
            kind: Kind::Func(_),
            store: Some(store),
            ..
        },
    ) = o
        && let Some(Signature {
            numeric: Some(numeric), ..
        }) = o.func_ty.get()
    {
        // SAFETY: the signature is the function's, its word is of `store`;
        // `args` and `results` are null or live vectors of initialized
        // values (wasm.h).
        return unsafe { (numeric.call)(store, numeric.kinds, numeric.func, args, results) };
    }
    // SAFETY: as above.
    unsafe { call_slow(func, args, results) }
}

/// `wasm_func_call` on its first call through a handle (which looks up the
/// function's type), for any signature, and for what is not a function.
///
/// # Safety
///
/// `func` is null or a live function; `args` and `results` are null or
/// live vectors of initialized values.
#[inline(never)]
unsafe fn call_slow(
    func: *const wasm_func_t,
    args: *const wasm_val_vec_t,
    results: *mut wasm_val_vec_t,
) -> *mut wasm_trap_t {
    guard(call_panicked, || {
        // SAFETY: guaranteed by the caller.
        let Some(
            o @ Object {
                kind: Kind::Func(f),
                store: Some(store),
                ..
            },
        ) = (unsafe { obj(func) })
        else {
            return not_a_function();
        };
        let sig = o
            .func_ty
            .get_or_init(|| store.with(|ctx| Signature::new(f.ty(&ctx), f.to_raw(&ctx))));
        match sig.numeric {
            // SAFETY: as in `wasm_func_call`.
            Some(numeric) => unsafe { (numeric.call)(store, numeric.kinds, numeric.func, args, results) },
            None => {
                // SAFETY: guaranteed by the caller.
                let (args, results) = unsafe { (args.as_ref().map_or(&[][..], |a| a.as_slice()), results.as_mut()) };
                // A counted handle: the callee may delete `func`'s handle.
                // (`call_general` reads the type only before the call.)
                call_general(&store.clone(), *f, &sig.ty, args, results)
            }
        }
    })
}

#[cold]
#[inline(never)]
fn call_panicked() -> *mut wasm_trap_t {
    new_trap(None, trap_data(Error::usage("wasm_func_call panicked")))
}

#[cold]
#[inline(never)]
fn not_a_function() -> *mut wasm_trap_t {
    new_trap(
        None,
        trap_data(Error::usage("wasm_func_call on a null or non-function object")),
    )
}

/// Up to this many parameters and results take `wasm_func_call`'s fast
/// path (if they are all numbers).
const FAST_VALUES: usize = 4;

/// A function's type as `wasm_func_call` uses it, computed on the first call
/// through a handle.
#[derive(Debug)]
pub(crate) struct Signature {
    ty: FuncType,
    /// For a function of numbers only, with at most [`FAST_VALUES`]
    /// parameters and results: their kinds.
    numeric: Option<NumericSignature>,
}

/// The fast path's call of a function with these counts of parameters and
/// results ([`call_numeric`] for them).
///
/// It is `extern "C"`, which cannot unwind: `wasm_func_call` then needs no
/// landing pad, and tail-calls it.
type NumericCall =
    unsafe extern "C" fn(&StoreRef, u64, u64, *const wasm_val_vec_t, *mut wasm_val_vec_t) -> *mut wasm_trap_t;

#[derive(Clone, Copy)]
struct NumericSignature {
    /// The kinds of the parameters (from the low byte on), then, from
    /// bit 32, of the results.
    kinds: u64,
    /// The function's raw reference word ([`Func::to_raw`]): a call need
    /// not look it up in the store.
    func: u64,
    /// [`call_numeric`] for the function's counts of parameters and
    /// results.
    call: NumericCall,
}

impl std::fmt::Debug for NumericSignature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumericSignature({:#018x})", self.kinds)
    }
}

/// The kind of value `i` of packed kinds ([`NumericSignature::kinds`]'s
/// halves).
#[inline(always)]
fn kind_at(kinds: u32, i: usize) -> wasm_valkind_t {
    (kinds >> (8 * i)) as wasm_valkind_t
}

/// [`call_numeric`] for `P` parameters (a row per count), each with
/// `0..=FAST_VALUES` results.
macro_rules! numeric_calls {
    ($($p:literal),*) => {
        [$([
            call_numeric::<$p, 0>,
            call_numeric::<$p, 1>,
            call_numeric::<$p, 2>,
            call_numeric::<$p, 3>,
            call_numeric::<$p, 4>,
        ]),*]
    };
}

const NUMERIC_CALLS: [[NumericCall; FAST_VALUES + 1]; FAST_VALUES + 1] = numeric_calls!(0, 1, 2, 3, 4);

impl Signature {
    /// The signature of a function of type `ty` whose raw reference word
    /// is `func`.
    pub(crate) fn new(ty: FuncType, func: u64) -> Signature {
        let is_num = |t: &ValType| matches!(t, ValType::I32 | ValType::I64 | ValType::F32 | ValType::F64);
        let kinds = |types: &[ValType]| {
            let mut k = 0u32;
            for (i, t) in types.iter().enumerate() {
                k |= u32::from(kind_of(*t)) << (8 * i);
            }
            u64::from(k)
        };
        let (np, nr) = (ty.params().len(), ty.results().len());
        let fast = np <= FAST_VALUES && nr <= FAST_VALUES && ty.params().iter().chain(ty.results()).all(is_num);
        let numeric = fast.then(|| NumericSignature {
            kinds: kinds(ty.params()) | kinds(ty.results()) << 32,
            func,
            call: NUMERIC_CALLS[np][nr],
        });
        Signature { ty, numeric }
    }
}

/// The fast path of `wasm_func_call`, for functions of `P` numeric
/// parameters and `R` numeric results: the values go straight to raw
/// cells, with no allocation, in code made for those counts.
///
/// # Safety
///
/// `func` is the raw reference word of a function of `store` with these
/// counts, `kinds` its [`NumericSignature::kinds`]; `args` and `results`
/// are null or live vectors of initialized values. `store` may be in a
/// handle the call deletes: it is read before the call only.
unsafe extern "C" fn call_numeric<const P: usize, const R: usize>(
    store: &StoreRef,
    kinds: u64,
    func: u64,
    args: *const wasm_val_vec_t,
    results: *mut wasm_val_vec_t,
) -> *mut wasm_trap_t {
    guard(call_panicked, || {
        let (params, result_kinds) = (kinds as u32, (kinds >> 32) as u32);
        // SAFETY: guaranteed by the caller.
        let args = match unsafe { args.as_ref() } {
            Some(v) if v.size == P && (P == 0 || !v.data.is_null()) => v.data,
            None if P == 0 => ptr::null(),
            v => {
                let n = v.map_or(0, |v| if v.data.is_null() { 0 } else { v.size });
                return bad_arguments(store, format!("expected {P} arguments, got {n}"));
            }
        };
        // Only the cells the call uses are initialized (the callee reads
        // the parameters' and writes the results').
        let mut cells = [const { std::mem::MaybeUninit::<RawVal>::uninit() }; FAST_VALUES];
        let n = if P > R { P } else { R };
        for cell in &mut cells[P..n] {
            cell.write(RawVal::ZERO);
        }
        for (i, cell) in cells.iter_mut().enumerate().take(P) {
            // SAFETY: `args` holds `P` values (checked above).
            let a = unsafe { &*args.add(i) };
            let k = kind_at(params, i);
            if a.kind != k {
                return bad_arguments(store, format!("argument {i} has kind {}, expected {k}", a.kind));
            }
            // SAFETY: the union is read as the field its kind names (an `f32`'s
            // bits as an `i32`'s).
            cell.write(unsafe {
                match k {
                    WASM_I32 | WASM_F32 => RawVal::from_i32(a.of.i32),
                    _ => RawVal::from_i64(a.of.i64),
                }
            });
        }
        // A counted handle: the callee may delete `func`'s handle, and with it
        // that handle's count on the store (and the signature: `kinds` is a
        // copy).
        let store = store.clone();
        // SAFETY: the first `n` cells are initialized (above), and
        // `MaybeUninit<RawVal>` has the layout of `RawVal`.
        let cells = unsafe { &mut *(&raw mut cells[..n] as *mut [RawVal]) };
        // SAFETY: `func` is a function of this store (the caller's
        // guarantee); the cells hold numbers of its parameter types
        // (checked above) with room for its results.
        match store.with(|ctx| unsafe { Func::call_raw_ref(ctx, func, cells) }) {
            Ok(()) => {
                // SAFETY: guaranteed by the caller.
                if let Some(results) = unsafe { results.as_mut() } {
                    // A results vector shorter than the function's results gets
                    // those that fit.
                    for (i, c) in cells[..R.min(results.size)].iter().enumerate() {
                        // Word 0 of the cell holds the value in its low bytes,
                        // as the union does.
                        let of = wasm_val_union { i64: c.i64() };
                        let kind = kind_at(result_kinds, i);
                        // SAFETY: `results` has `size` writable values (wasm.h).
                        unsafe { results.data.add(i).write(wasm_val_t { kind, of }) };
                    }
                }
                ptr::null_mut()
            }
            Err(e) => new_trap(Some(store.clone()), trap_data(e)),
        }
    })
}

#[cold]
#[inline(never)]
fn bad_arguments(store: &StoreRef, message: String) -> *mut wasm_trap_t {
    new_trap(Some(store.clone()), trap_data(Error::usage(message)))
}

/// `wasm_func_call` for any signature, through [`Func::call`].
#[inline(never)]
fn call_general(
    store: &StoreRef,
    f: Func,
    ty: &FuncType,
    args: &[wasm_val_t],
    results: Option<&mut wasm_val_vec_t>,
) -> *mut wasm_trap_t {
    let mut no_results = wasm_val_vec_t::empty();
    let results = results.unwrap_or(&mut no_results);
    store.with(|mut ctx| {
        // The function's own result count: the caller's vector may have
        // fewer slots (upstream's trap example passes none to functions
        // that trap) and gets as many results as fit.
        let nresults = ty.results().len();
        value_buffer!(params: Val = Val::I32(0); args.len());
        for (i, (p, a)) in params.iter_mut().zip(args).enumerate() {
            // SAFETY: the arguments are initialized values (wasm.h).
            match unsafe { to_core(&mut ctx, a, ty.params().get(i).copied()) } {
                Ok(v) => *p = v,
                Err(e) => return new_trap(Some(store.clone()), trap_data(e)),
            }
        }
        value_buffer!(outs: Val = Val::I32(0); nresults);
        match f.call(&mut ctx, params, outs) {
            Ok(()) => {
                for (i, v) in outs.iter().enumerate().take(results.size) {
                    // SAFETY: `results` has `size` writable values (wasm.h).
                    unsafe { results.data.add(i).write(from_core(&ctx, store, *v)) };
                }
                ptr::null_mut()
            }
            Err(e) => new_trap(Some(store.clone()), trap_data(e)),
        }
    })
}

/// `wasm_func_callback_t`.
pub type wasm_func_callback_t =
    Option<unsafe extern "C" fn(args: *const wasm_val_vec_t, results: *mut wasm_val_vec_t) -> *mut wasm_trap_t>;
/// `wasm_func_callback_with_env_t`.
pub type wasm_func_callback_with_env_t = Option<
    unsafe extern "C" fn(
        env: *mut c_void,
        args: *const wasm_val_vec_t,
        results: *mut wasm_val_vec_t,
    ) -> *mut wasm_trap_t,
>;

/// A host function's environment, finalized when the function goes (with
/// its store).
struct Env {
    env: *mut c_void,
    finalizer: Finalizer,
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(f) = self.finalizer {
            // SAFETY: the embedder gave this finalizer for this environment;
            // it runs once, when the store drops the function.
            unsafe { f(self.env) }
        }
    }
}

enum Callback {
    Plain(unsafe extern "C" fn(*const wasm_val_vec_t, *mut wasm_val_vec_t) -> *mut wasm_trap_t),
    WithEnv(
        unsafe extern "C" fn(*mut c_void, *const wasm_val_vec_t, *mut wasm_val_vec_t) -> *mut wasm_trap_t,
        Env,
    ),
}

/// What a host function's closure holds: the callback and the way back to
/// its store.
struct HostFunc {
    callback: Callback,
    store: Weak<object::StoreCell>,
}

// SAFETY: a host function lives in its store and runs, and is dropped, only
// on the thread using that store (wasm.h: a store and its objects are used
// by one thread at a time), so its `Weak` and its C environment pointer are
// never touched by two threads; the core asks closures to be `Send + Sync`
// for stores that do move between threads.
unsafe impl Send for HostFunc {}
// SAFETY: as above.
unsafe impl Sync for HostFunc {}

fn host_func(store: &StoreRef, ty: FuncType, callback: Callback) -> Func {
    let host = HostFunc {
        callback,
        store: Rc::downgrade(store),
    };
    store.with(|ctx| {
        Func::new(
            ctx,
            ty,
            move |mut caller: Caller<'_, StoreData>, params: &[Val], results: &mut [Val]| {
                let host = &host;
                let store = host.store.upgrade().expect("a host function runs in a live store");
                call_host(&store, &mut caller, &host.callback, params, results)
            },
        )
    })
}

fn call_host(
    store: &StoreRef,
    caller: &mut Caller<'_, StoreData>,
    callback: &Callback,
    params: &[Val],
    results: &mut [Val],
) -> concord_rt::Result<()> {
    value_buffer!(args: wasm_val_t = wasm_val_t::default(); params.len());
    value_buffer!(outs: wasm_val_t = wasm_val_t::default(); results.len());
    {
        let ctx = caller.as_context_mut();
        for (a, p) in args.iter_mut().zip(params) {
            *a = from_core(&ctx, store, *p);
        }
        // Results start as the zero of their type, so their kinds are right.
        for (o, r) in outs.iter_mut().zip(results.iter()) {
            *o = from_core(&ctx, store, *r);
        }
    }
    let args_vec = wasm_val_vec_t {
        size: args.len(),
        data: args.as_mut_ptr(),
    };
    let mut results_vec = wasm_val_vec_t {
        size: outs.len(),
        data: outs.as_mut_ptr(),
    };
    let trap = {
        let _active = store.enter_host(caller);
        // SAFETY: the embedder's callback, called as wasm.h describes it:
        // the arguments and room for the results, both valid for the call.
        unsafe {
            match callback {
                Callback::Plain(f) => f(&args_vec, &mut results_vec),
                Callback::WithEnv(f, env) => f(env.env, &args_vec, &mut results_vec),
            }
        }
    };
    for a in args.iter() {
        delete_val(*a);
    }
    if !trap.is_null() {
        for o in outs.iter() {
            delete_val(*o);
        }
        // SAFETY: the callback returned an owned trap (wasm.h's `own`).
        let trap = unsafe { Box::from_raw(trap.cast::<Object>()) };
        return Err(match &trap.kind {
            Kind::Trap(t) => t.trap.clone().into(),
            _ => Error::usage("a host function returned an object that is not a trap"),
        });
    }
    let mut ctx = caller.as_context_mut();
    let mut failure = None;
    for (r, o) in results.iter_mut().zip(outs.iter()) {
        let want = r.ty();
        // SAFETY: the callback wrote initialized values (wasm.h).
        match unsafe { to_core(&mut ctx, o, Some(want)) } {
            Ok(v) => *r = v,
            Err(e) => failure = Some(e),
        }
        delete_val(*o);
    }
    failure.map_or(Ok(()), Err)
}

/// Checks the store and type arguments of the `wasm_func_new*` functions.
///
/// # Safety
///
/// Both are null or live objects.
unsafe fn func_args(store: *mut wasm_store_t, ty: *const wasm_functype_t) -> Option<(StoreRef, FuncType)> {
    // SAFETY: guaranteed by the caller.
    let (store, ty) = unsafe { (store.as_ref()?, ty.as_ref()?) };
    Some((store.cell.clone(), ty.ty().clone()))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_new(
    store: *mut wasm_store_t,
    ty: *const wasm_functype_t,
    callback: wasm_func_callback_t,
) -> *mut wasm_func_t {
    guard(ptr::null_mut, || {
        // SAFETY: `store` and `ty` are live objects (wasm.h).
        let (Some((store, ty)), Some(cb)) = (unsafe { func_args(store, ty) }, callback) else {
            return ptr::null_mut();
        };
        let f = host_func(&store, ty, Callback::Plain(cb));
        Object::new(Some(store), Kind::Func(f)).into_raw()
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_new_with_env(
    store: *mut wasm_store_t,
    ty: *const wasm_functype_t,
    callback: wasm_func_callback_with_env_t,
    env: *mut c_void,
    finalizer: Finalizer,
) -> *mut wasm_func_t {
    guard(ptr::null_mut, || {
        let env = Env { env, finalizer };
        // SAFETY: `store` and `ty` are live objects (wasm.h).
        let (Some((store, ty)), Some(cb)) = (unsafe { func_args(store, ty) }, callback) else {
            return ptr::null_mut();
        };
        let f = host_func(&store, ty, Callback::WithEnv(cb, env));
        Object::new(Some(store), Kind::Func(f)).into_raw()
    })
}

/// The type of a function object.
///
/// # Safety
///
/// `f` is a live function.
unsafe fn func_type(f: *const wasm_func_t) -> Option<FuncType> {
    // SAFETY: guaranteed by the caller.
    match unsafe { obj(f) }? {
        Object {
            kind: Kind::Func(func),
            store: Some(store),
            ..
        } => Some(store.with(|ctx| func.ty(&ctx))),
        _ => None,
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_type(f: *const wasm_func_t) -> *mut wasm_functype_t {
    guard(ptr::null_mut, || {
        // SAFETY: `f` is a live function (wasm.h).
        let ty = unsafe { func_type(f) };
        ty.map_or(ptr::null_mut(), wasm_functype_t::new)
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_param_arity(f: *const wasm_func_t) -> usize {
    // SAFETY: `f` is a live function (wasm.h).
    guard(|| 0, || unsafe { func_type(f) }.map_or(0, |t| t.params().len()))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasm_func_result_arity(f: *const wasm_func_t) -> usize {
    // SAFETY: `f` is a live function (wasm.h).
    guard(|| 0, || unsafe { func_type(f) }.map_or(0, |t| t.results().len()))
}
