//! Functions: handles, calls from the host, host functions and typed views.

use crate::error::{Error, ErrorKind, Result};
use crate::externals::Extern;
use crate::instance::{Instance, InstanceData};
use crate::store::{
    AsContext, AsContextMut, FuncEntry, StoreContext, StoreContextMut, StoreId, StoreInner, StoreOpaque,
};
use crate::trap::Trap;
use crate::types::{FuncType, ValType};
use crate::values::{ExternRef, RawVal, Val};
use crate::vm::{VmContext, VmFuncEntry, VmFuncRef};
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;

/// A function: defined by a Wasm instance or by the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Func {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

/// A host function's context: what its [`VmFuncRef::vmctx`] points to.
///
/// Generic over the closure, so that each host function gets its own
/// monomorphized array-call entry ([`host_trampoline`]) that calls the
/// closure directly, with no dynamic dispatch on the Wasm-to-host path.
#[repr(C)]
pub(crate) struct HostFuncData<T: 'static, F> {
    funcref: VmFuncRef,
    /// The function's entry (a host function never changes tier).
    entry: VmFuncEntry,
    store: *mut StoreInner<T>,
    func: F,
}

/// The view a host function has of its caller: the store (with the
/// embedder's data) and the calling instance's exports.
pub struct Caller<'a, T> {
    pub(crate) store: &'a mut StoreInner<T>,
    pub(crate) caller: Option<Instance>,
}

impl<T> Caller<'_, T> {
    /// The embedder's data.
    pub fn data(&self) -> &T {
        &self.store.data
    }

    /// The embedder's data, mutably.
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.store.data
    }

    /// An export of the calling instance (e.g. its `memory`).
    pub fn get_export(&self, name: &str) -> Option<Extern> {
        let instance = self.caller?;
        instance.get_export(StoreContext(self.store), name)
    }

    /// The engine.
    pub fn engine(&self) -> &crate::Engine {
        &self.store.opaque.engine
    }

    /// For a host function that may block: the store's epoch deadline, when
    /// the engine has [`crate::Config::epoch_interruption`] and the store
    /// traps at its deadline (see [`crate::Interrupt`]). A blocking wait
    /// should end, returning [`crate::Interrupt::trap`], once it is due.
    pub fn interrupt(&self) -> Option<crate::Interrupt> {
        self.store.opaque.interrupt()
    }

    /// Charges `units` of fuel for work this host function did, when the
    /// engine consumes fuel ([`crate::Config::consume_fuel`]; otherwise it
    /// does nothing). With less fuel left than `units`, nothing is charged
    /// and the result is an [`crate::TrapCode::OutOfFuel`] trap, which the
    /// host function returns to stop the guest.
    pub fn consume_fuel(&mut self, units: u64) -> Result<()> {
        if units == 0 || !self.store.opaque.engine.config().consume_fuel {
            return Ok(());
        }
        let runtime = &mut self.store.opaque.runtime;
        let units = i64::try_from(units).unwrap_or(i64::MAX);
        if runtime.fuel < units {
            return Err(Trap::new(crate::TrapCode::OutOfFuel).into());
        }
        runtime.fuel -= units;
        Ok(())
    }
}

impl<T> AsContext for Caller<'_, T> {
    type Data = T;
    fn as_context(&self) -> StoreContext<'_, T> {
        StoreContext(self.store)
    }
}

impl<T> AsContextMut for Caller<'_, T> {
    fn as_context_mut(&mut self) -> StoreContextMut<'_, T> {
        StoreContextMut(self.store)
    }
}

/// The array-call entry of a host function whose closure has type `F`.
///
/// # Safety
///
/// Per [`crate::vm::ArrayCallFn`]; `callee` must be the `funcref` of a live
/// `HostFuncData<T, F>`.
unsafe extern "C" fn host_trampoline<T: 'static, F>(
    callee: *const VmFuncRef,
    caller_vmctx: *mut VmContext,
    values: *mut RawVal,
    len: usize,
) -> bool
where
    F: Fn(Caller<'_, T>, &mut [RawVal]) -> Result<()> + Send + Sync + 'static,
{
    // SAFETY: `funcref` is the first field of the `#[repr(C)]`
    // `HostFuncData<T, F>`, so the callee pointer is the data's address;
    // the store keeps it alive.
    let data = unsafe { &*(callee as *const HostFuncData<T, F>) };
    // SAFETY: the store outlives its functions; while Wasm runs, nothing
    // else holds a reference into the store (entries into Wasm give up
    // their borrow), so this exclusive reference is unique.
    let store = unsafe { &mut *data.store };
    let caller = if caller_vmctx.is_null() {
        None
    } else {
        // SAFETY: a non-null caller context is a live instance's, whose
        // `instance` field points to its `InstanceData`.
        let inst = unsafe { &*((*caller_vmctx).instance as *const InstanceData) };
        Some(Instance {
            store: store.opaque.id,
            index: inst.index,
        })
    };
    // SAFETY: the caller passes `len` valid cells.
    let values = unsafe { std::slice::from_raw_parts_mut(values, len) };
    let store_ptr: *mut StoreInner<T> = store;
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| (data.func)(Caller { store, caller }, values)));
    match result {
        Ok(Ok(())) => true,
        Ok(Err(err)) => {
            // SAFETY: the `Caller` borrow ended with the closure.
            host_error(unsafe { &mut (*store_ptr).opaque }, err)
        }
        Err(panic) => {
            // SAFETY: as above.
            host_panic(unsafe { &mut (*store_ptr).opaque }, panic)
        }
    }
}

/// Records a host function's error as the store's pending trap (keeping a
/// non-trap error for the embedder), and returns `false` for its array call.
#[cold]
#[inline(never)]
pub(crate) fn host_error(store: &mut StoreOpaque, err: Error) -> bool {
    let trap = match err.into_kind() {
        ErrorKind::Trap(t) if t.exception().is_some() => {
            let exn = t.exception().expect("checked");
            if exn.store != store.id {
                Trap::host("a host function threw an exception of another store")
            } else {
                let ptr: *mut crate::vm::VmExn = &mut store.exns[exn.index as usize].vm;
                store.raise_exception(ptr);
                return false;
            }
        }
        ErrorKind::Trap(t) => t,
        other => {
            let err = Error::from(other);
            let trap = Trap::host(err.to_string());
            store.pending_host_error = Some(err);
            trap
        }
    };
    store.pending_trap = Some(Box::new(trap));
    false
}

/// Keeps a host function's panic for the embedder (resumed when Wasm
/// returns) with a trap to unwind the Wasm frames, and returns `false`.
#[cold]
#[inline(never)]
pub(crate) fn host_panic(store: &mut StoreOpaque, panic: Box<dyn std::any::Any + Send>) -> bool {
    store.pending_panic = Some(panic);
    store.pending_trap = Some(Box::new(Trap::host("host function panicked")));
    false
}

impl Func {
    /// Registers a host function over raw cells (the building block of the
    /// typed constructors).
    pub(crate) fn new_raw<T: 'static, F>(mut store: impl AsContextMut<Data = T>, ty: FuncType, func: F) -> Func
    where
        F: Fn(Caller<'_, T>, &mut [RawVal]) -> Result<()> + Send + Sync + 'static,
    {
        let mut ctx = store.as_context_mut();
        let store_ptr: *mut StoreInner<T> = ctx.0;
        let opaque = ctx.opaque_mut();
        let type_id = opaque.engine.intern_type(&ty);
        let index = opaque.funcs.len() as u32;
        let mut data = Box::new(HostFuncData {
            funcref: VmFuncRef {
                entry: std::ptr::null(),
                vmctx: std::ptr::null_mut(),
                type_id,
                func_index: u32::MAX,
                store_index: index,
            },
            entry: VmFuncEntry::new(host_trampoline::<T, F>, std::ptr::null()),
            store: store_ptr,
            func,
        });
        let data_ptr: *mut HostFuncData<T, F> = &mut *data;
        data.funcref.vmctx = data_ptr.cast();
        data.funcref.entry = &data.entry;
        opaque.funcs.push(FuncEntry {
            funcref: &data.funcref,
            ty,
        });
        opaque.host_funcs.push(data);
        Func {
            store: opaque.id,
            index,
        }
    }

    /// A host function with a dynamic signature.
    pub fn new<T: 'static>(
        store: impl AsContextMut<Data = T>,
        ty: FuncType,
        func: impl Fn(Caller<'_, T>, &[Val], &mut [Val]) -> Result<()> + Send + Sync + 'static,
    ) -> Func {
        let sig = ty.clone();
        Func::new_raw(store, ty, move |mut caller: Caller<'_, T>, values: &mut [RawVal]| {
            let params: Vec<Val> = sig
                .params()
                .iter()
                .zip(values.iter())
                // SAFETY: cells written by Wasm of this store hold valid references.
                .map(|(t, v)| unsafe { Val::from_raw(&caller, *v, *t) })
                .collect();
            let mut results: Vec<Val> = sig.results().iter().map(|t| Val::default_for(*t)).collect();
            func(caller.reborrow(), &params, &mut results)?;
            for (i, (r, t)) in results.iter().zip(sig.results()).enumerate() {
                crate::values::check_ref_store(r, caller.as_context().opaque().id)?;
                if !crate::values::val_matches(caller.as_context().opaque(), r, *t) {
                    return Err(Error::usage(format!(
                        "host function returned a {} for result {i}, expected {t}",
                        r.ty()
                    )));
                }
                values[i] = r.to_raw(&caller);
            }
            Ok(())
        })
    }

    /// A host function from a Rust closure with typed parameters and results.
    pub fn wrap<T: 'static, Params, Results>(
        store: impl AsContextMut<Data = T>,
        func: impl IntoFunc<T, Params, Results>,
    ) -> Func {
        let (ty, f) = func.into_func();
        Func::new_raw(store, ty, f)
    }

    /// The function's type.
    pub fn ty(&self, store: impl AsContext) -> FuncType {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        opaque.check(self.store);
        opaque.funcs[self.index as usize].ty.clone()
    }

    /// Calls the function with dynamically typed arguments.
    pub fn call(&self, mut store: impl AsContextMut, params: &[Val], results: &mut [Val]) -> Result<()> {
        let mut ctx = store.as_context_mut();
        let ty = self.ty(&ctx);
        if params.len() != ty.params().len() {
            return Err(Error::usage(format!(
                "expected {} arguments, got {}",
                ty.params().len(),
                params.len()
            )));
        }
        if results.len() != ty.results().len() {
            return Err(Error::usage(format!(
                "expected room for {} results, got {}",
                ty.results().len(),
                results.len()
            )));
        }
        let mut cells = vec![RawVal::ZERO; params.len().max(results.len())];
        for (i, (p, t)) in params.iter().zip(ty.params()).enumerate() {
            crate::values::check_ref_store(p, ctx.opaque().id)?;
            if !crate::values::val_matches(ctx.opaque(), p, *t) {
                return Err(Error::usage(format!("argument {i} has type {}, expected {t}", p.ty())));
            }
            cells[i] = p.to_raw(&ctx);
        }
        let funcref = ctx.opaque().funcs[self.index as usize].funcref;
        // SAFETY: the function belongs to this store and `cells` holds
        // arguments of its type with room for its results.
        unsafe { crate::store::invoke_raw(ctx.opaque_mut(), funcref, &mut cells)? };
        for (i, t) in ty.results().iter().enumerate() {
            // SAFETY: the callee wrote results of its type.
            results[i] = unsafe { Val::from_raw(&ctx, cells[i], *t) };
        }
        Ok(())
    }

    /// Calls the function with its arguments and results as raw cells
    /// (see [`RawVal`]): for bindings that check the types once and then
    /// call without [`Val`]s (the C API). `cells` holds the arguments on
    /// entry and the results on return.
    ///
    /// # Safety
    ///
    /// `cells` holds values of the function's parameter types (references
    /// of this store) and has room for as many cells as the function has
    /// parameters or results, whichever is more.
    pub unsafe fn call_raw(&self, mut store: impl AsContextMut, cells: &mut [RawVal]) -> Result<()> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.store);
        let funcref = opaque.funcs[self.index as usize].funcref;
        // SAFETY: the function belongs to this store (checked); the cells
        // are as the caller guarantees.
        unsafe { crate::store::invoke_raw(opaque, funcref, cells) }
    }

    /// [`Func::call_raw`] for the function whose raw reference word
    /// ([`Func::to_raw`]) is `raw`, without looking it up in the store: for
    /// bindings that keep the word of a function they call often (the C
    /// API's handles keep it from their first call).
    ///
    /// # Safety
    ///
    /// `raw` is [`Func::to_raw`] of a function of this store; `cells` is
    /// as for [`Func::call_raw`].
    pub unsafe fn call_raw_ref(mut store: impl AsContextMut, raw: u64, cells: &mut [RawVal]) -> Result<()> {
        let mut ctx = store.as_context_mut();
        // SAFETY: guaranteed by the caller: the word is the address of a
        // `VmFuncRef` of this store, which lives as long as the store.
        unsafe { crate::store::invoke_raw(ctx.opaque_mut(), raw as *const VmFuncRef, cells) }
    }

    /// A statically typed view of the function; fails if the types differ.
    pub fn typed<P: WasmParams, R: WasmResults>(&self, store: impl AsContext) -> Result<TypedFunc<P, R>> {
        let ty = self.ty(store);
        let (params, results) = (P::types(), R::types());
        if ty.params() != params.as_slice() || ty.results() != results.as_slice() {
            return Err(Error::usage(format!(
                "type mismatch: the function has type {ty}, not {}",
                FuncType::new(params, results)
            )));
        }
        Ok(TypedFunc {
            func: *self,
            _marker: PhantomData,
        })
    }

    /// The raw reference word of the function (see [`RawVal`]).
    pub fn to_raw(&self, store: impl AsContext) -> u64 {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        opaque.check(self.store);
        opaque.funcs[self.index as usize].funcref as u64
    }

    /// Rebuilds a function from its raw reference word; `None` for null.
    ///
    /// # Safety
    ///
    /// A non-zero `raw` must be a function reference of this store.
    pub unsafe fn from_raw(store: impl AsContext, raw: u64) -> Option<Func> {
        if raw == 0 {
            return None;
        }
        let ctx = store.as_context();
        // SAFETY: guaranteed by the caller.
        let index = unsafe { (*(raw as *const VmFuncRef)).store_index };
        Some(Func {
            store: ctx.opaque().id,
            index,
        })
    }
}

impl<'a, T> Caller<'a, T> {
    fn reborrow(&mut self) -> Caller<'_, T> {
        Caller {
            store: self.store,
            caller: self.caller,
        }
    }
}

/// A function with a static signature: `P` are its parameters (a type or a
/// tuple), `R` its results.
pub struct TypedFunc<P, R> {
    func: Func,
    _marker: PhantomData<fn(P) -> R>,
}

impl<P, R> std::fmt::Debug for TypedFunc<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TypedFunc").field("func", &self.func).finish()
    }
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, R> Copy for TypedFunc<P, R> {}

impl<P: WasmParams, R: WasmResults> TypedFunc<P, R> {
    /// The untyped function.
    pub fn func(&self) -> Func {
        self.func
    }

    /// Calls the function.
    pub fn call(&self, mut store: impl AsContextMut, params: P) -> Result<R> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.func.store);
        // Only the `n` cells the call uses are initialized (zeroing all 16
        // costs a `memset` per call).
        let mut inline = [const { std::mem::MaybeUninit::<RawVal>::uninit() }; 16];
        let n = P::COUNT.max(R::COUNT);
        let mut heap;
        let cells: &mut [RawVal] = if n <= 16 {
            let cells = &mut inline[..n];
            for cell in cells.iter_mut() {
                cell.write(RawVal::ZERO);
            }
            // SAFETY: the first `n` cells were just initialized, and
            // `MaybeUninit<RawVal>` has the layout of `RawVal`.
            unsafe { &mut *(cells as *mut [std::mem::MaybeUninit<RawVal>] as *mut [RawVal]) }
        } else {
            heap = vec![RawVal::ZERO; n];
            &mut heap
        };
        params.store(opaque, cells);
        let funcref = opaque.funcs[self.func.index as usize].funcref;
        // SAFETY: the signature was checked by `Func::typed`; the cells hold
        // the arguments with room for the results.
        unsafe { crate::store::invoke_raw(opaque, funcref, cells)? };
        Ok(R::load(opaque, cells))
    }
}

/// A Rust type that maps to one Wasm value type.
pub trait WasmTy: Sized + 'static {
    /// The Wasm type.
    const TYPE: ValType;
    /// Encodes into a cell.
    fn store(self, store: &StoreOpaque) -> RawVal;
    /// Decodes from a cell written by Wasm of `store`.
    fn load(store: &StoreOpaque, raw: RawVal) -> Self;
}

macro_rules! wasm_ty_num {
    ($($t:ty => $vt:ident, |$v:ident| $enc:expr, |$r:ident| $dec:expr;)*) => {$(
        impl WasmTy for $t {
            const TYPE: ValType = ValType::$vt;
            #[inline]
            fn store(self, _: &StoreOpaque) -> RawVal { let $v = self; $enc }
            #[inline]
            fn load(_: &StoreOpaque, $r: RawVal) -> Self { $dec }
        }
    )*};
}

wasm_ty_num! {
    i32 => I32, |v| RawVal::from_i32(v), |r| r.i32();
    u32 => I32, |v| RawVal::from_i32(v as i32), |r| r.i32() as u32;
    i64 => I64, |v| RawVal::from_i64(v), |r| r.i64();
    u64 => I64, |v| RawVal::from_i64(v as i64), |r| r.i64() as u64;
    f32 => F32, |v| RawVal::from_f32_bits(v.to_bits()), |r| f32::from_bits(r.f32_bits());
    f64 => F64, |v| RawVal::from_f64_bits(v.to_bits()), |r| f64::from_bits(r.f64_bits());
    u128 => V128, |v| RawVal::from_v128(v), |r| r.v128();
}

impl WasmTy for Option<Func> {
    const TYPE: ValType = ValType::FuncRef;
    fn store(self, store: &StoreOpaque) -> RawVal {
        match self {
            None => RawVal::ZERO,
            Some(f) => {
                store.check(f.store);
                RawVal::from_ref(store.funcs[f.index as usize].funcref as u64)
            }
        }
    }
    fn load(store: &StoreOpaque, raw: RawVal) -> Self {
        if raw.ref_bits() == 0 {
            return None;
        }
        // SAFETY: cells written by Wasm of this store hold function
        // references of this store.
        let index = unsafe { (*(raw.ref_bits() as *const VmFuncRef)).store_index };
        Some(Func { store: store.id, index })
    }
}

impl WasmTy for Option<ExternRef> {
    const TYPE: ValType = ValType::ExternRef;
    fn store(self, store: &StoreOpaque) -> RawVal {
        match self {
            None => RawVal::ZERO,
            Some(e) => {
                store.check(e.store);
                RawVal::from_ref(e.to_raw())
            }
        }
    }
    fn load(store: &StoreOpaque, raw: RawVal) -> Self {
        let index = raw.ref_bits().checked_sub(1)?;
        Some(ExternRef {
            store: store.id,
            index: index as u32,
        })
    }
}

/// Parameters of a typed function: `()`, one [`WasmTy`], or a tuple of them.
pub trait WasmParams: Sized {
    /// How many values.
    const COUNT: usize;
    /// Their types.
    fn types() -> Vec<ValType>;
    /// Encodes into `cells[..COUNT]`.
    fn store(self, store: &StoreOpaque, cells: &mut [RawVal]);
    /// Decodes from `cells[..COUNT]`.
    fn load(store: &StoreOpaque, cells: &[RawVal]) -> Self;
}

/// Results of a typed function: the same shapes as [`WasmParams`].
pub trait WasmResults: WasmParams {}
impl<T: WasmParams> WasmResults for T {}

impl<A: WasmTy> WasmParams for A {
    const COUNT: usize = 1;
    fn types() -> Vec<ValType> {
        vec![A::TYPE]
    }
    #[inline]
    fn store(self, store: &StoreOpaque, cells: &mut [RawVal]) {
        cells[0] = self.store(store);
    }
    #[inline]
    fn load(store: &StoreOpaque, cells: &[RawVal]) -> Self {
        A::load(store, cells[0])
    }
}

macro_rules! tuple_params {
    ($n:literal; $($t:ident $i:tt),*) => {
        impl<$($t: WasmTy),*> WasmParams for ($($t,)*) {
            const COUNT: usize = $n;
            fn types() -> Vec<ValType> { vec![$($t::TYPE),*] }
            #[inline]
            #[allow(unused_variables, reason = "the empty tuple uses neither argument")]
            fn store(self, store: &StoreOpaque, cells: &mut [RawVal]) {
                $(cells[$i] = self.$i.store(store);)*
            }
            #[inline]
            #[allow(unused_variables, reason = "the empty tuple uses neither argument")]
            #[allow(clippy::unused_unit, reason = "the empty tuple is a unit")]
            fn load(store: &StoreOpaque, cells: &[RawVal]) -> Self {
                ($($t::load(store, cells[$i]),)*)
            }
        }
    };
}

tuple_params!(0;);
tuple_params!(1; A 0);
tuple_params!(2; A 0, B 1);
tuple_params!(3; A 0, B 1, C 2);
tuple_params!(4; A 0, B 1, C 2, D 3);
tuple_params!(5; A 0, B 1, C 2, D 3, E 4);
tuple_params!(6; A 0, B 1, C 2, D 3, E 4, F 5);
tuple_params!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_params!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_params!(9; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_params!(10; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_params!(11; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_params!(12; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// What a host closure may return: results, or a `Result` of them.
pub trait HostResult: 'static {
    /// The results' shape.
    type Results: WasmResults;
    /// Converts into the results or an error.
    fn into_result(self) -> Result<Self::Results>;
}

impl<R: WasmResults + 'static> HostResult for R {
    type Results = R;
    #[inline]
    fn into_result(self) -> Result<R> {
        Ok(self)
    }
}

impl<R: WasmResults + 'static> HostResult for Result<R> {
    type Results = R;
    #[inline]
    fn into_result(self) -> Result<R> {
        self
    }
}

/// Closures that can become host functions: `Fn(Caller<T>, A, B, ..) -> R`
/// or `Fn(A, B, ..) -> R`, where `R` is a [`HostResult`].
pub trait IntoFunc<T, Params, Results>: Send + Sync + 'static {
    /// The function type and the closure over raw cells (a concrete type,
    /// so that the host function's entry calls it without dynamic dispatch).
    fn into_func(
        self,
    ) -> (
        FuncType,
        impl Fn(Caller<'_, T>, &mut [RawVal]) -> Result<()> + Send + Sync + 'static,
    );
}

macro_rules! into_func {
    ($($t:ident $i:tt),*) => {
        impl<T: 'static, F, R, $($t: WasmTy),*> IntoFunc<T, (Caller<'static, T>, $($t,)*), R> for F
        where
            F: Fn(Caller<'_, T>, $($t),*) -> R + Send + Sync + 'static,
            R: HostResult,
        {
            fn into_func(self) -> (FuncType, impl Fn(Caller<'_, T>, &mut [RawVal]) -> Result<()> + Send + Sync + 'static) {
                let ty = FuncType::new(<($($t,)*) as WasmParams>::types(), R::Results::types());
                let f = move |caller: Caller<'_, T>, cells: &mut [RawVal]| -> Result<()> {
                    #[allow(unused_variables, reason = "unused by nullary functions")]
                    let opaque: *const StoreOpaque = &caller.store.opaque;
                    // SAFETY: decoding only reads the store's function table,
                    // which the closure below cannot shrink.
                    $(let $t = $t::load(unsafe { &*opaque }, cells[$i]);)*
                    let r = self(caller, $($t),*).into_result()?;
                    // SAFETY: the caller's borrow ended with the call.
                    r.store(unsafe { &*opaque }, cells);
                    Ok(())
                };
                (ty, f)
            }
        }

        impl<T: 'static, F, R, $($t: WasmTy),*> IntoFunc<T, ($($t,)*), R> for F
        where
            F: Fn($($t),*) -> R + Send + Sync + 'static,
            R: HostResult,
        {
            fn into_func(self) -> (FuncType, impl Fn(Caller<'_, T>, &mut [RawVal]) -> Result<()> + Send + Sync + 'static) {
                let ty = FuncType::new(<($($t,)*) as WasmParams>::types(), R::Results::types());
                let f = move |caller: Caller<'_, T>, cells: &mut [RawVal]| -> Result<()> {
                    let opaque = &caller.store.opaque;
                    $(let $t = $t::load(opaque, cells[$i]);)*
                    let r = self($($t),*).into_result()?;
                    r.store(opaque, cells);
                    Ok(())
                };
                (ty, f)
            }
        }
    };
}

#[allow(non_snake_case, reason = "type parameters double as variable names")]
mod into_func_impls {
    use super::*;
    into_func!();
    into_func!(A 0);
    into_func!(A 0, B 1);
    into_func!(A 0, B 1, C 2);
    into_func!(A 0, B 1, C 2, D 3);
    into_func!(A 0, B 1, C 2, D 3, E 4);
    into_func!(A 0, B 1, C 2, D 3, E 4, F1 5);
    into_func!(A 0, B 1, C 2, D 3, E 4, F1 5, G 6);
    into_func!(A 0, B 1, C 2, D 3, E 4, F1 5, G 6, H 7);
    into_func!(A 0, B 1, C 2, D 3, E 4, F1 5, G 6, H 7, I 8);
    into_func!(A 0, B 1, C 2, D 3, E 4, F1 5, G 6, H 7, I 8, J 9);
}
