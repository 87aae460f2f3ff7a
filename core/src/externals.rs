//! Memories, tables and globals as seen by the embedder, and [`Extern`].

use crate::error::{Error, Result};
use crate::func::Func;
use crate::store::{AsContext, AsContextMut, GlobalEntry, StoreId, StoreOpaque};
use crate::types::{ExternType, GlobalType, MemoryType, TableType};
use crate::values::{Ref, Val};
use crate::vm::VmGlobal;

/// An entity that can be imported or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extern {
    /// A function.
    Func(Func),
    /// A table.
    Table(Table),
    /// A memory.
    Memory(Memory),
    /// A global.
    Global(Global),
    /// A tag (exception handling).
    Tag(Tag),
}

impl Extern {
    /// The function, if this is one.
    pub fn into_func(self) -> Option<Func> {
        match self {
            Extern::Func(f) => Some(f),
            _ => None,
        }
    }
    /// The table, if this is one.
    pub fn into_table(self) -> Option<Table> {
        match self {
            Extern::Table(t) => Some(t),
            _ => None,
        }
    }
    /// The memory, if this is one.
    pub fn into_memory(self) -> Option<Memory> {
        match self {
            Extern::Memory(m) => Some(m),
            _ => None,
        }
    }
    /// The global, if this is one.
    pub fn into_global(self) -> Option<Global> {
        match self {
            Extern::Global(g) => Some(g),
            _ => None,
        }
    }

    pub(crate) fn store_id(&self) -> StoreId {
        match self {
            Extern::Func(f) => f.store,
            Extern::Table(t) => t.store,
            Extern::Memory(m) => m.store,
            Extern::Global(g) => g.store,
            Extern::Tag(t) => t.store,
        }
    }

    pub(crate) fn ty_opaque(&self, store: &StoreOpaque) -> ExternType {
        match self {
            Extern::Func(f) => ExternType::Func(store.funcs[f.index as usize].ty.clone()),
            Extern::Table(t) => {
                let e = &store.tables[t.index as usize];
                let mut ty = e.ty;
                ty.minimum = e.elements.len() as u64;
                ExternType::Table(ty)
            }
            Extern::Memory(m) => {
                let e = &store.memories[m.index as usize];
                let mut ty = e.ty;
                ty.minimum = e.mem.pages();
                ExternType::Memory(ty)
            }
            Extern::Global(g) => ExternType::Global(store.globals[g.index as usize].ty),
            Extern::Tag(t) => ExternType::Tag(store.tags[t.index as usize].ty.clone()),
        }
    }

    /// The entity's current type (tables and memories report their current size as minimum).
    pub fn ty(&self, store: impl AsContext) -> ExternType {
        let ctx = store.as_context();
        ctx.opaque().check(self.store_id());
        self.ty_opaque(ctx.opaque())
    }
}

impl From<Tag> for Extern {
    fn from(t: Tag) -> Extern {
        Extern::Tag(t)
    }
}

/// A tag (exception handling): what a Wasm exception is thrown and caught
/// by. Each tag is distinct, even of equal types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Tag {
    /// A new tag whose exceptions carry values of `ty`'s parameter types
    /// (`ty` must have no results).
    pub fn new(mut store: impl AsContextMut, ty: &crate::types::FuncType) -> Result<Tag> {
        if !ty.results().is_empty() {
            return Err(Error::usage("a tag's type has no results"));
        }
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        Ok(Tag {
            store: opaque.id,
            index: opaque.new_tag(ty.clone()),
        })
    }

    /// The tag's type: its payload as parameters.
    pub fn ty(&self, store: impl AsContext) -> crate::types::FuncType {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        ctx.opaque().tags[self.index as usize].ty.clone()
    }
}

impl From<Func> for Extern {
    fn from(f: Func) -> Extern {
        Extern::Func(f)
    }
}
impl From<Table> for Extern {
    fn from(t: Table) -> Extern {
        Extern::Table(t)
    }
}
impl From<Memory> for Extern {
    fn from(m: Memory) -> Extern {
        Extern::Memory(m)
    }
}
impl From<Global> for Extern {
    fn from(g: Global) -> Extern {
        Extern::Global(g)
    }
}

/// A linear memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Memory {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Memory {
    /// Creates a memory in the store.
    pub fn new(mut store: impl AsContextMut, ty: MemoryType) -> Result<Memory> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        if ty.shared {
            return Err(Error::usage("shared memories are not supported yet"));
        }
        let index = opaque.new_memory(ty)?;
        Ok(Memory {
            store: opaque.id,
            index,
        })
    }

    /// The memory's type, with its current size as minimum.
    pub fn ty(&self, store: impl AsContext) -> MemoryType {
        match Extern::Memory(*self).ty(store) {
            ExternType::Memory(t) => t,
            _ => unreachable!("a memory's type is a memory type"),
        }
    }

    /// Current size in pages.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        ctx.opaque().memories[self.index as usize].mem.pages()
    }

    /// Grows by `delta` pages; returns the old size in pages.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64) -> Result<u64> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.store);
        opaque
            .grow_memory(self.index, delta)?
            .ok_or_else(|| Error::usage(format!("failed to grow memory by {delta} pages")))
    }

    /// The memory's bytes.
    pub fn data<'a, T: 'a>(&self, store: impl Into<crate::store::StoreContext<'a, T>>) -> &'a [u8] {
        let ctx = store.into();
        let opaque = ctx.into_opaque();
        opaque.check(self.store);
        opaque.memories[self.index as usize].mem.data()
    }

    /// The memory's bytes, mutably.
    pub fn data_mut<'a, T: 'a>(&self, store: impl Into<crate::store::StoreContextMut<'a, T>>) -> &'a mut [u8] {
        let ctx = store.into();
        let opaque = &mut ctx.0.opaque;
        opaque.check(self.store);
        opaque.memories[self.index as usize].mem.data_mut()
    }

    /// The memory's bytes and the embedder's data, both mutably: what a host
    /// function needs to read guest memory while updating its own state
    /// (the two are disjoint parts of the store).
    pub fn data_and_store_mut<'a, T: 'a>(
        &self,
        store: impl Into<crate::store::StoreContextMut<'a, T>>,
    ) -> (&'a mut [u8], &'a mut T) {
        let ctx = store.into();
        let inner = ctx.0;
        inner.opaque.check(self.store);
        let data = inner.opaque.memories[self.index as usize].mem.data_mut();
        (data, &mut inner.data)
    }

    /// Copies bytes out of the memory at `offset`.
    pub fn read(&self, store: impl AsContext, offset: usize, buf: &mut [u8]) -> Result<()> {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        let data = ctx.opaque().memories[self.index as usize].mem.data();
        let src = offset
            .checked_add(buf.len())
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| Error::usage("out of bounds memory access"))?;
        buf.copy_from_slice(src);
        Ok(())
    }

    /// Copies bytes into the memory at `offset`.
    pub fn write(&self, mut store: impl AsContextMut, offset: usize, buf: &[u8]) -> Result<()> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.store);
        let data = opaque.memories[self.index as usize].mem.data_mut();
        let dst = offset
            .checked_add(buf.len())
            .and_then(|end| data.get_mut(offset..end))
            .ok_or_else(|| Error::usage("out of bounds memory access"))?;
        dst.copy_from_slice(buf);
        Ok(())
    }
}

impl<'a, T> From<&'a mut crate::Store<T>> for crate::store::StoreContextMut<'a, T> {
    fn from(s: &'a mut crate::Store<T>) -> Self {
        crate::store::StoreContextMut(&mut s.inner)
    }
}
impl<'a, T> From<&'a mut crate::func::Caller<'_, T>> for crate::store::StoreContextMut<'a, T> {
    fn from(c: &'a mut crate::func::Caller<'_, T>) -> Self {
        crate::store::StoreContextMut(c.store)
    }
}

/// A table of references.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Table {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

fn ref_to_raw(store: &StoreOpaque, r: Ref, want: crate::types::RefType) -> Result<u64> {
    let v = match r {
        Ref::Func(f) => Val::FuncRef(f),
        Ref::Extern(e) => Val::ExternRef(e),
    };
    crate::values::check_ref_store(&v, store.id)?;
    if !crate::values::val_matches(store, &v, want.into()) {
        return Err(Error::usage(format!("expected a {want} reference, got a {}", r.ty())));
    }
    Ok(match r {
        Ref::Func(None) | Ref::Extern(None) => 0,
        // Both of this store: `check_ref_store` above.
        Ref::Func(Some(f)) => store.funcs[f.index as usize].funcref as u64,
        Ref::Extern(Some(e)) => e.to_raw(),
    })
}

impl Table {
    /// Creates a table whose elements are `init`.
    pub fn new(mut store: impl AsContextMut, ty: TableType, init: Ref) -> Result<Table> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        let raw = ref_to_raw(opaque, init, ty.element)?;
        let index = opaque.new_table(ty, raw)?;
        Ok(Table {
            store: opaque.id,
            index,
        })
    }

    /// The table's type, with its current size as minimum.
    pub fn ty(&self, store: impl AsContext) -> TableType {
        match Extern::Table(*self).ty(store) {
            ExternType::Table(t) => t,
            _ => unreachable!("a table's type is a table type"),
        }
    }

    /// Current number of elements.
    pub fn size(&self, store: impl AsContext) -> u64 {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        ctx.opaque().tables[self.index as usize].elements.len() as u64
    }

    /// Element `index`, or `None` if out of bounds.
    pub fn get(&self, store: impl AsContext, index: u64) -> Option<Ref> {
        let ctx = store.as_context();
        let opaque = ctx.opaque();
        opaque.check(self.store);
        let t = &opaque.tables[self.index as usize];
        let raw = *t.elements.get(usize::try_from(index).ok()?)?;
        Some(if t.ty.element.is_func_ref() {
            // SAFETY: table elements of this store are references of this store.
            Ref::Func(unsafe { Func::from_raw(&ctx, raw) })
        } else {
            Ref::Extern(crate::values::ExternRef::from_raw(&ctx, raw))
        })
    }

    /// Sets element `index`.
    pub fn set(&self, mut store: impl AsContextMut, index: u64, value: Ref) -> Result<()> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.store);
        let raw = ref_to_raw(opaque, value, opaque.tables[self.index as usize].ty.element)?;
        let slot = usize::try_from(index)
            .ok()
            .and_then(|i| opaque.tables[self.index as usize].elements.get_mut(i))
            .ok_or_else(|| Error::usage("table index out of bounds"))?;
        *slot = raw;
        Ok(())
    }

    /// Grows by `delta` elements set to `init`; returns the old size.
    pub fn grow(&self, mut store: impl AsContextMut, delta: u64, init: Ref) -> Result<u64> {
        let mut ctx = store.as_context_mut();
        let opaque = ctx.opaque_mut();
        opaque.check(self.store);
        let raw = ref_to_raw(opaque, init, opaque.tables[self.index as usize].ty.element)?;
        opaque
            .grow_table(self.index, delta, raw)?
            .ok_or_else(|| Error::usage(format!("failed to grow table by {delta}")))
    }
}

/// A global variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Global {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

impl Global {
    /// Creates a global with an initial value of its type.
    pub fn new(mut store: impl AsContextMut, ty: GlobalType, value: Val) -> Result<Global> {
        let mut ctx = store.as_context_mut();
        crate::values::check_ref_store(&value, ctx.opaque().id)?;
        if !crate::values::val_matches(ctx.opaque(), &value, ty.content) {
            return Err(Error::usage(format!(
                "global of type {} initialized with a {}",
                ty.content,
                value.ty()
            )));
        }
        let raw = value.to_raw(&ctx);
        let opaque = ctx.opaque_mut();
        opaque.globals.push(Box::new(GlobalEntry {
            vm: VmGlobal { value: raw },
            ty,
        }));
        Ok(Global {
            store: opaque.id,
            index: opaque.globals.len() as u32 - 1,
        })
    }

    /// The global's type.
    pub fn ty(&self, store: impl AsContext) -> GlobalType {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        ctx.opaque().globals[self.index as usize].ty
    }

    /// The current value.
    pub fn get(&self, store: impl AsContext) -> Val {
        let ctx = store.as_context();
        ctx.opaque().check(self.store);
        let g = &ctx.opaque().globals[self.index as usize];
        // SAFETY: a global's cell holds a value of its type from this store.
        unsafe { Val::from_raw(&ctx, g.vm.value, g.ty.content) }
    }

    /// Sets the value; the global must be mutable.
    pub fn set(&self, mut store: impl AsContextMut, value: Val) -> Result<()> {
        let mut ctx = store.as_context_mut();
        ctx.opaque().check(self.store);
        let ty = ctx.opaque().globals[self.index as usize].ty;
        if !ty.mutability.is_var() {
            return Err(Error::usage("cannot set an immutable global"));
        }
        crate::values::check_ref_store(&value, ctx.opaque().id)?;
        if !crate::values::val_matches(ctx.opaque(), &value, ty.content) {
            return Err(Error::usage(format!(
                "global of type {} set to a {}",
                ty.content,
                value.ty()
            )));
        }
        let raw = value.to_raw(&ctx);
        ctx.opaque_mut().globals[self.index as usize].vm.value = raw;
        Ok(())
    }
}
