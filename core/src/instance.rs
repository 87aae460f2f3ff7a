//! Instances: instantiation (imports, initializers, segments, start) and
//! the per-instance runtime data behind a [`VmContext`].

use crate::error::{Error, LinkError, Result};
use crate::externals::{Extern, Global, Memory, Table};
use crate::func::{Func, TypedFunc, WasmParams, WasmResults};
use crate::module::{ConstExpr, ConstLeaf, ConstOp, DataMode, ElementMode, EntityIndex, Module, ModuleInfo};
use crate::store::{AsContext, AsContextMut, FuncEntry, GlobalEntry, StoreId, StoreOpaque};
use crate::trap::{Trap, TrapCode};
use crate::types::{ExternType, MemoryType, Mutability, TableType};
use crate::values::RawVal;
use crate::vm::{VmContext, VmFuncRef, VmGlobal, VmMemory, VmTable};
use std::ptr;

/// Per-instance runtime data. Boxed in the store; its address is stable.
pub(crate) struct InstanceData {
    /// This instance's index in its store.
    pub(crate) index: u32,
    pub(crate) module: Module,
    pub(crate) vmctx: VmContext,
    /// Function references of the defined functions.
    pub(crate) funcrefs: Box<[VmFuncRef]>,
    pub(crate) func_ptrs: Box<[*const VmFuncRef]>,
    pub(crate) memory_ptrs: Box<[*mut VmMemory]>,
    pub(crate) table_ptrs: Box<[*mut VmTable]>,
    pub(crate) global_ptrs: Box<[*mut VmGlobal]>,
    /// Store indices of the entities, by module index.
    pub(crate) func_ids: Box<[u32]>,
    pub(crate) memory_ids: Box<[u32]>,
    pub(crate) table_ids: Box<[u32]>,
    pub(crate) global_ids: Box<[u32]>,
    pub(crate) tag_ids: Box<[u32]>,
    pub(crate) tag_ptrs: Box<[*const crate::vm::VmTag]>,
    /// Element segments as raw references (empty once dropped).
    pub(crate) elements: Vec<Box<[u64]>>,
    /// Whether each data segment was dropped.
    pub(crate) data_dropped: Vec<bool>,
}

impl InstanceData {
    pub(crate) fn info(&self) -> &ModuleInfo {
        &self.module.0.info
    }
}

/// An instantiated module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instance {
    pub(crate) store: StoreId,
    pub(crate) index: u32,
}

/// The instance whose context is `vmctx`, if it is one (not a host
/// function's context).
///
/// # Safety
///
/// `vmctx` is the live context of an instance, whose store is executing
/// on this thread.
pub(crate) unsafe fn instance_of(vmctx: *const VmContext) -> Option<Instance> {
    // SAFETY: guaranteed by the caller: `instance` is null or the
    // instance's `InstanceData` (set at instantiation, boxed in the store),
    // and `runtime.store` is the live store's `StoreOpaque`.
    unsafe {
        let data = (*vmctx).instance as *const InstanceData;
        let store = (*(*vmctx).runtime).store as *const StoreOpaque;
        if data.is_null() || store.is_null() {
            return None;
        }
        Some(Instance {
            store: (*store).id,
            index: (*data).index,
        })
    }
}

/// The one instance of the module described by `info` in `store`; `None`
/// when the store holds none or several.
pub(crate) fn sole_instance_of(store: &StoreOpaque, info: &std::sync::Arc<ModuleInfo>) -> Option<Instance> {
    let mut found = None;
    for data in &store.instances {
        if std::sync::Arc::ptr_eq(&data.module.0.info, info) {
            if found.is_some() {
                return None;
            }
            found = Some(Instance {
                store: store.id,
                index: data.index,
            });
        }
    }
    found
}

fn unlinkable(module: &str, name: &str, expected: &ExternType, found: &ExternType) -> Error {
    LinkError::IncompatibleImport {
        module: module.into(),
        name: name.into(),
        expected: expected.to_string(),
        found: found.to_string(),
    }
    .into()
}

fn limits_match(min: u64, max: Option<u64>, want_min: u64, want_max: Option<u64>) -> bool {
    min >= want_min
        && match want_max {
            None => true,
            Some(wm) => matches!(max, Some(m) if m <= wm),
        }
}

fn table_matches(found: &TableType, want: &TableType) -> bool {
    found.element == want.element
        && found.table64 == want.table64
        && limits_match(found.minimum, found.maximum, want.minimum, want.maximum)
}

fn memory_matches(found: &MemoryType, want: &MemoryType) -> bool {
    found.memory64 == want.memory64
        && found.shared == want.shared
        && limits_match(found.minimum, found.maximum, want.minimum, want.maximum)
}

impl Instance {
    /// Instantiates `module` with `imports` given in the module's import order.
    pub fn new(mut store: impl AsContextMut, module: &Module, imports: &[Extern]) -> Result<Instance> {
        let mut ctx = store.as_context_mut();
        instantiate(ctx.opaque_mut(), module, imports)
    }

    pub(crate) fn data<'a>(&self, store: &'a StoreOpaque) -> &'a InstanceData {
        store.check(self.store);
        &store.instances[self.index as usize]
    }

    /// The module this is an instance of.
    pub fn module(&self, store: impl AsContext) -> Module {
        self.data(store.as_context().opaque()).module.clone()
    }

    /// The export `name`, if any.
    pub fn get_export(&self, store: impl AsContext, name: &str) -> Option<Extern> {
        let ctx = store.as_context();
        let data = self.data(ctx.opaque());
        let export = data.info().exports.iter().find(|e| e.name == name)?;
        Some(extern_of(ctx.opaque().id, data, export.index))
    }

    /// All exports, in the module's order.
    pub fn exports(&self, store: impl AsContext) -> Vec<(String, Extern)> {
        let ctx = store.as_context();
        let data = self.data(ctx.opaque());
        data.info()
            .exports
            .iter()
            .map(|e| (e.name.clone(), extern_of(ctx.opaque().id, data, e.index)))
            .collect()
    }

    /// The exported function `name`.
    pub fn get_func(&self, store: impl AsContext, name: &str) -> Option<Func> {
        self.get_export(store, name)?.into_func()
    }

    /// The exported function `name` with a static signature.
    pub fn get_typed_func<P: WasmParams, R: WasmResults>(
        &self,
        store: impl AsContext,
        name: &str,
    ) -> Result<TypedFunc<P, R>> {
        let ctx = store.as_context();
        let func = self
            .get_func(&ctx, name)
            .ok_or_else(|| Error::usage(format!("no exported function named `{name}`")))?;
        func.typed(&ctx)
    }

    /// The exported memory `name`.
    pub fn get_memory(&self, store: impl AsContext, name: &str) -> Option<Memory> {
        self.get_export(store, name)?.into_memory()
    }

    /// The exported table `name`.
    pub fn get_table(&self, store: impl AsContext, name: &str) -> Option<Table> {
        self.get_export(store, name)?.into_table()
    }

    /// The exported global `name`.
    pub fn get_global(&self, store: impl AsContext, name: &str) -> Option<Global> {
        self.get_export(store, name)?.into_global()
    }
}

pub(crate) fn extern_of(store: StoreId, data: &InstanceData, index: EntityIndex) -> Extern {
    match index {
        EntityIndex::Func(i) => Extern::Func(Func {
            store,
            index: data.func_ids[i as usize],
        }),
        EntityIndex::Table(i) => Extern::Table(Table {
            store,
            index: data.table_ids[i as usize],
        }),
        EntityIndex::Memory(i) => Extern::Memory(Memory {
            store,
            index: data.memory_ids[i as usize],
        }),
        EntityIndex::Global(i) => Extern::Global(Global {
            store,
            index: data.global_ids[i as usize],
        }),
        EntityIndex::Tag(i) => Extern::Tag(crate::externals::Tag {
            store,
            index: data.tag_ids[i as usize],
        }),
    }
}

/// Evaluates a constant expression of an instance under construction.
fn eval_const(expr: &ConstExpr, globals: &[*mut VmGlobal], funcs: &[*const VmFuncRef]) -> RawVal {
    let leaf = |leaf: ConstLeaf| match leaf {
        ConstLeaf::I32(v) => RawVal::from_i32(v),
        ConstLeaf::I64(v) => RawVal::from_i64(v),
        ConstLeaf::F32(v) => RawVal::from_f32_bits(v),
        ConstLeaf::F64(v) => RawVal::from_f64_bits(v),
        ConstLeaf::V128(v) => RawVal::from_v128(v),
        ConstLeaf::RefNull(_) => RawVal::ZERO,
        ConstLeaf::RefFunc(i) => RawVal::from_ref(funcs[i as usize] as u64),
        // SAFETY: validation admits only globals that were already
        // initialized (imports, and defined globals before the one being
        // initialized, which `instantiate` initializes in order), whose
        // storage the store keeps alive.
        ConstLeaf::GlobalGet(i) => unsafe { (*globals[i as usize]).value },
    };
    let ops = match expr {
        ConstExpr::I32(v) => return leaf(ConstLeaf::I32(*v)),
        ConstExpr::I64(v) => return leaf(ConstLeaf::I64(*v)),
        ConstExpr::F32(v) => return leaf(ConstLeaf::F32(*v)),
        ConstExpr::F64(v) => return leaf(ConstLeaf::F64(*v)),
        ConstExpr::V128(v) => return leaf(ConstLeaf::V128(*v)),
        ConstExpr::RefNull(t) => return leaf(ConstLeaf::RefNull(*t)),
        ConstExpr::RefFunc(i) => return leaf(ConstLeaf::RefFunc(*i)),
        ConstExpr::GlobalGet(i) => return leaf(ConstLeaf::GlobalGet(*i)),
        ConstExpr::Ops(ops) => ops,
    };
    // Validation types the sequence: every operator finds its operands, and
    // one value is left.
    let mut stack: Vec<RawVal> = Vec::with_capacity(4);
    for op in ops.iter() {
        let value = match *op {
            ConstOp::Push(l) => leaf(l),
            ConstOp::I32Add | ConstOp::I32Sub | ConstOp::I32Mul => {
                let b = stack.pop().map_or(0, |v| v.i32());
                let a = stack.pop().map_or(0, |v| v.i32());
                RawVal::from_i32(match *op {
                    ConstOp::I32Add => a.wrapping_add(b),
                    ConstOp::I32Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            ConstOp::I64Add | ConstOp::I64Sub | ConstOp::I64Mul => {
                let b = stack.pop().map_or(0, |v| v.i64());
                let a = stack.pop().map_or(0, |v| v.i64());
                RawVal::from_i64(match *op {
                    ConstOp::I64Add => a.wrapping_add(b),
                    ConstOp::I64Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
        };
        stack.push(value);
    }
    stack.pop().unwrap_or(RawVal::ZERO)
}

/// An address or index of a 64-bit memory or table (an `i64`, taken as
/// unsigned) or of a 32-bit one (an `i32`, taken as unsigned).
fn index_operand(value: RawVal, is64: bool) -> u64 {
    if is64 {
        value.i64() as u64
    } else {
        u64::from(value.i32() as u32)
    }
}

/// The range of an active segment of `len` items at `offset` in an entity
/// of `size` items, or `None` when it does not fit (without overflow: a
/// 64-bit offset may be near `u64::MAX`).
fn segment_range(offset: u64, len: usize, size: usize) -> Option<std::ops::Range<usize>> {
    let end = offset.checked_add(len as u64)?;
    if end > size as u64 {
        return None;
    }
    Some(offset as usize..end as usize)
}

fn instantiate(store: &mut StoreOpaque, module: &Module, imports: &[Extern]) -> Result<Instance> {
    store.check_instance_count()?;
    if !crate::engine::Engine::same(&store.engine, module.engine()) {
        return Err(Error::usage("module and store belong to different engines"));
    }
    let info = module.info().clone();
    if imports.len() != info.imports.len() {
        return Err(LinkError::ImportCount {
            expected: info.imports.len(),
            found: imports.len(),
        }
        .into());
    }
    let inner = &module.0;
    let mut func_ids = Vec::with_capacity(info.funcs.len());
    let mut func_ptrs: Vec<*const VmFuncRef> = Vec::with_capacity(info.funcs.len());
    let mut memory_ids = Vec::new();
    let mut table_ids = Vec::new();
    let mut global_ids = Vec::new();
    let mut tag_ids = Vec::new();

    // Imports: check types.
    for (import, ext) in info.imports.iter().zip(imports) {
        let want = info.import_type(import);
        if ext.store_id() != store.id {
            return Err(LinkError::WrongStore.into());
        }
        let found = ext.ty_opaque(store);
        let ok = match (&want, &found) {
            (ExternType::Func(a), ExternType::Func(b)) | (ExternType::Tag(a), ExternType::Tag(b)) => a == b,
            (ExternType::Table(a), ExternType::Table(b)) => table_matches(b, a),
            (ExternType::Memory(a), ExternType::Memory(b)) => memory_matches(b, a),
            // An immutable global may be of a subtype (typed references).
            (ExternType::Global(a), ExternType::Global(b)) => {
                a.mutability == b.mutability
                    && match a.mutability {
                        Mutability::Const => b.content.matches(a.content),
                        Mutability::Var => a.content == b.content,
                    }
            }
            _ => false,
        };
        if !ok {
            return Err(unlinkable(&import.module, &import.name, &want, &found));
        }
        match ext {
            Extern::Func(f) => {
                func_ids.push(f.index);
                func_ptrs.push(store.funcs[f.index as usize].funcref);
            }
            Extern::Memory(m) => memory_ids.push(m.index),
            Extern::Table(t) => table_ids.push(t.index),
            Extern::Global(g) => global_ids.push(g.index),
            Extern::Tag(t) => tag_ids.push(t.index),
        }
    }
    // Defined tags: each instantiation makes new ones.
    for &t in &info.tags[info.num_imported_tags as usize..] {
        tag_ids.push(store.new_tag(info.types[t as usize].clone()));
    }
    let tag_ptrs: Box<[*const crate::vm::VmTag]> = tag_ids
        .iter()
        .map(|&i| &store.tags[i as usize].vm as *const crate::vm::VmTag)
        .collect();

    // Defined memories.
    for ty in &info.memories[info.num_imported_memories as usize..] {
        memory_ids.push(store.new_memory(*ty)?);
    }
    let memory_ptrs: Box<[*mut VmMemory]> = memory_ids
        .iter()
        .map(|&i| store.memories[i as usize].mem.vm())
        .collect();

    // Defined functions get their references before globals and tables are
    // initialized, since `ref.func` may name them.
    let instance_index = store.instances.len() as u32;
    let num_imported = info.num_imported_funcs;
    let first_store_func = store.funcs.len() as u32;
    let funcrefs: Box<[VmFuncRef]> = (0..info.num_defined_funcs())
        .map(|def| {
            let func_index = num_imported + def;
            VmFuncRef {
                entry: &inner.code.entries()[def as usize],
                vmctx: ptr::null_mut(),
                type_id: inner.type_ids[info.funcs[func_index as usize] as usize],
                func_index,
                store_index: first_store_func + def,
            }
        })
        .collect();
    let mut data = Box::new(InstanceData {
        index: instance_index,
        module: module.clone(),
        vmctx: VmContext {
            runtime: store.runtime_ptr(),
            memory0: memory_ptrs.first().copied().unwrap_or(ptr::null_mut()),
            memories: ptr::null(),
            tables: ptr::null(),
            globals: ptr::null(),
            funcs: ptr::null(),
            type_ids: inner.type_ids.as_ptr(),
            code: inner.code.tier_ptrs(),
            entries: inner.code.entries().as_ptr(),
            module: &*info,
            instance: ptr::null_mut(),
            tags: ptr::null(),
            table0: ptr::null_mut(),
        },
        funcrefs,
        func_ptrs: Box::new([]),
        memory_ptrs,
        table_ptrs: Box::new([]),
        global_ptrs: Box::new([]),
        func_ids: Box::new([]),
        memory_ids: memory_ids.into_boxed_slice(),
        table_ids: Box::new([]),
        global_ids: Box::new([]),
        tag_ids: Box::new([]),
        tag_ptrs: Box::new([]),
        elements: Vec::new(),
        data_dropped: vec![false; info.data.len()],
    });
    let vmctx: *mut VmContext = &mut data.vmctx;
    for (def, f) in data.funcrefs.iter_mut().enumerate() {
        f.vmctx = vmctx;
        let func_index = num_imported + def as u32;
        func_ids.push(first_store_func + def as u32);
        func_ptrs.push(f as *const VmFuncRef);
        store.funcs.push(FuncEntry {
            funcref: f,
            ty: info.func_type(func_index).clone(),
        });
    }

    // Defined globals.
    let mut global_ptrs: Vec<*mut VmGlobal> = global_ids
        .iter()
        .map(|&i| &mut store.globals[i as usize].vm as *mut VmGlobal)
        .collect();
    for (k, init) in info.global_inits.iter().enumerate() {
        let ty = info.globals[info.num_imported_globals as usize + k];
        let value = eval_const(init, &global_ptrs, &func_ptrs);
        store.globals.push(Box::new(GlobalEntry {
            vm: VmGlobal { value },
            ty,
        }));
        let id = store.globals.len() as u32 - 1;
        global_ids.push(id);
        global_ptrs.push(&mut store.globals[id as usize].vm);
    }

    // Defined tables.
    for (k, init) in info.table_inits.iter().enumerate() {
        let ty = info.tables[info.num_imported_tables as usize + k];
        let init = init
            .as_ref()
            .map(|e| eval_const(e, &global_ptrs, &func_ptrs).ref_bits())
            .unwrap_or(0);
        table_ids.push(store.new_table(ty, init)?);
    }
    let table_ptrs: Box<[*mut VmTable]> = table_ids
        .iter()
        .map(|&i| &mut store.tables[i as usize].vm as *mut VmTable)
        .collect();

    // Element segments, evaluated once.
    let elements: Vec<Box<[u64]>> = info
        .elements
        .iter()
        .map(|seg| {
            seg.items
                .iter()
                .map(|e| eval_const(e, &global_ptrs, &func_ptrs).ref_bits())
                .collect()
        })
        .collect();

    data.func_ptrs = func_ptrs.into_boxed_slice();
    data.global_ptrs = global_ptrs.into_boxed_slice();
    data.table_ptrs = table_ptrs;
    data.func_ids = func_ids.into_boxed_slice();
    data.global_ids = global_ids.into_boxed_slice();
    data.table_ids = table_ids.into_boxed_slice();
    data.elements = elements;
    data.vmctx.memories = data.memory_ptrs.as_ptr();
    data.vmctx.tables = data.table_ptrs.as_ptr();
    data.vmctx.table0 = data.table_ptrs.first().copied().unwrap_or(ptr::null_mut());
    data.vmctx.globals = data.global_ptrs.as_ptr();
    data.vmctx.funcs = data.func_ptrs.as_ptr();
    data.tag_ids = tag_ids.into_boxed_slice();
    data.tag_ptrs = tag_ptrs;
    data.vmctx.tags = data.tag_ptrs.as_ptr();
    let data_ptr: *mut InstanceData = &mut *data;
    data.vmctx.instance = data_ptr.cast();
    store.instances.push(data);
    let instance = Instance {
        store: store.id,
        index: instance_index,
    };

    // Active segments, in order; a failure leaves earlier writes in place.
    let trap = |code: TrapCode| -> Error { Trap::new(code).into() };
    for (k, seg) in info.elements.iter().enumerate() {
        match &seg.mode {
            ElementMode::Active { table, offset } => {
                let data = &store.instances[instance_index as usize];
                let offset = eval_const(offset, &data.global_ptrs, &data.func_ptrs);
                let offset = index_operand(offset, info.tables[*table as usize].table64);
                let items = data.elements[k].clone();
                let table_id = data.table_ids[*table as usize];
                let t = &mut store.tables[table_id as usize];
                let range = segment_range(offset, items.len(), t.elements.len())
                    .ok_or_else(|| trap(TrapCode::TableOutOfBounds))?;
                t.elements[range].copy_from_slice(&items);
                store.instances[instance_index as usize].elements[k] = Box::new([]);
            }
            ElementMode::Declared => {
                store.instances[instance_index as usize].elements[k] = Box::new([]);
            }
            ElementMode::Passive => {}
        }
    }
    for (k, seg) in info.data.iter().enumerate() {
        if let DataMode::Active { memory, offset } = &seg.mode {
            let data = &store.instances[instance_index as usize];
            let offset = eval_const(offset, &data.global_ptrs, &data.func_ptrs);
            let offset = index_operand(offset, info.memories[*memory as usize].memory64);
            let mem_id = data.memory_ids[*memory as usize];
            let bytes = &info.bytes[seg.range.clone()];
            let m = &mut store.memories[mem_id as usize].mem;
            let range = segment_range(offset, bytes.len(), m.len()).ok_or_else(|| trap(TrapCode::MemoryOutOfBounds))?;
            m.data_mut()[range].copy_from_slice(bytes);
            store.instances[instance_index as usize].data_dropped[k] = true;
        }
    }

    if let Some(start) = info.start {
        let funcref = store.instances[instance_index as usize].func_ptrs[start as usize];
        let mut values: [RawVal; 0] = [];
        // SAFETY: the start function has type [] -> [] (validated) and
        // belongs to this store.
        unsafe { crate::store::invoke_raw(store, funcref, &mut values)? };
    }
    Ok(instance)
}

impl Mutability {
    pub(crate) fn is_var(self) -> bool {
        matches!(self, Mutability::Var)
    }
}
