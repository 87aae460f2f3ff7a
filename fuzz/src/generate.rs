//! Generators shared by the targets: wasm-smith modules restricted to what
//! concord implements, and the calls made on them.

use arbitrary::{Result, Unstructured};
use concord::{ExternType, Module, ValType};

use crate::{MAX_MEMORY_PAGES, MAX_TABLE_ELEMENTS};

/// wasm-smith's configuration for concord: every proposal concord
/// implements is on (Wasm 2.0: sign extension, non-trapping float-to-int,
/// multi-value, bulk memory, reference types, SIMD; plus multi-memory,
/// memory64 (64-bit memories and tables), exception handling, extended
/// constants, tail calls
/// and relaxed SIMD, which
/// [`crate::base_config`] runs in the deterministic mode so that every tier
/// must give the same results), every other one off; memories and tables
/// have small declared maxima, so that no
/// run can allocate much; every item is exported, so that the final state is
/// observable. Typed function references, which wasm-smith generates only
/// with GC, are added by [`module`].
pub fn smith_config(canonicalize_nans: bool) -> wasm_smith::Config {
    wasm_smith::Config {
        // Wasm 2.0.
        sign_extension_ops_enabled: true,
        saturating_float_to_int_enabled: true,
        multi_value_enabled: true,
        bulk_memory_enabled: true,
        reference_types_enabled: true,
        simd_enabled: true,
        // Wasm 3.0 as far as concord goes. Relaxed SIMD only together with
        // `Config::relaxed_simd_deterministic` in `base_config`: in the
        // default mode each tier still gives the same results, but only the
        // deterministic mode fixes NaN bits too.
        max_memories: 2,
        max_tables: 3,
        extended_const_enabled: true,
        tail_call_enabled: true,
        relaxed_simd_enabled: true,
        // 64-bit memories and (in wasm-smith, under the same switch) 64-bit
        // tables.
        memory64_enabled: true,
        // Tags, `throw`, `throw_ref`, `try_table` and `exnref` (the
        // standard form; wasm-smith's legacy form stays off).
        exceptions_enabled: true,
        // Not implemented by concord. (Typed function references come only
        // with `gc_enabled` in wasm-smith: `module` adds them.)
        threads_enabled: false,
        gc_enabled: false,
        compact_imports_enabled: false,
        custom_page_sizes_enabled: false,
        wide_arithmetic_enabled: false,
        shared_everything_threads_enabled: false,
        custom_descriptors_enabled: false,
        acquire_release_atomics_enabled: false,
        multibyte_array_access_enabled: false,
        // Limits.
        max_memory32_bytes: MAX_MEMORY_PAGES * 65536,
        max_memory64_bytes: u128::from(MAX_MEMORY_PAGES * 65536),
        memory_max_size_required: true,
        max_table_elements: MAX_TABLE_ELEMENTS,
        table_max_size_required: true,
        max_funcs: 50,
        max_instructions: 200,
        export_everything: true,
        canonicalize_nans,
        ..wasm_smith::Config::default()
    }
}

/// A valid module from `u`: wasm-smith's, with typed function references
/// added by [`crate::funcref::rewrite`] (direct calls become `call_ref` and
/// `return_call_ref` on references to the same functions, through
/// non-nullable and nullable locals, `ref.as_non_null`, `br_on_null` and
/// `br_on_non_null`), which wasm-smith generates only with GC.
pub fn module(u: &mut Unstructured<'_>, canonicalize_nans: bool) -> Result<Vec<u8>> {
    let bytes = wasm_smith::Module::new(smith_config(canonicalize_nans), u)?.to_bytes();
    crate::funcref::rewrite(u, &bytes)
}

/// An argument of a call, independent of any store.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    V128(u128),
    /// Null, or the exported function of that name.
    FuncRef(Option<String>),
    /// Null, or a host reference carrying that number.
    ExternRef(Option<u32>),
}

/// A call of an exported function.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub export: String,
    pub args: Vec<Arg>,
}

/// Most calls made on one instance.
pub const MAX_CALLS: usize = 24;

fn int<'a, T: arbitrary::Arbitrary<'a> + From<i8>>(u: &mut Unstructured<'a>) -> Result<T> {
    // Small numbers (indices, sizes, shift amounts) half of the time.
    if u.arbitrary()? {
        Ok(T::from(u.arbitrary::<i8>()?))
    } else {
        u.arbitrary()
    }
}

fn arg(u: &mut Unstructured<'_>, ty: ValType, funcs: &[String]) -> Result<Arg> {
    Ok(match ty {
        ValType::I32 => Arg::I32(int(u)?),
        ValType::I64 => Arg::I64(int(u)?),
        ValType::F32 => Arg::F32(u.arbitrary()?),
        ValType::F64 => Arg::F64(u.arbitrary()?),
        ValType::V128 => Arg::V128(u.arbitrary()?),
        ValType::FuncRef => Arg::FuncRef(if funcs.is_empty() || u.arbitrary()? {
            None
        } else {
            Some(u.choose(funcs)?.clone())
        }),
        ValType::ExternRef => Arg::ExternRef(u.arbitrary()?),
        // Typed references (not in generated function types: wasm-smith
        // makes them only with GC, and `funcref::rewrite` keeps the types).
        ValType::Ref(r) if r.heap.is_func() => Arg::FuncRef(None),
        ValType::Ref(_) => Arg::ExternRef(None),
    })
}

/// The calls to make: every exported function once in export order, then
/// more calls of exports chosen by `u`, with arguments from `u` (zeros once
/// it is exhausted).
pub fn calls(u: &mut Unstructured<'_>, module: &Module) -> Result<Vec<Call>> {
    let funcs: Vec<(String, concord::FuncType)> = module
        .exports()
        .filter_map(|(name, ty)| match ty {
            ExternType::Func(f) => Some((name.to_owned(), f)),
            _ => None,
        })
        .collect();
    let names: Vec<String> = funcs.iter().map(|(n, _)| n.clone()).collect();
    let mut calls = Vec::new();
    let make = |u: &mut Unstructured<'_>, (name, ty): &(String, concord::FuncType)| -> Result<Call> {
        let args = ty.params().iter().map(|&t| arg(u, t, &names)).collect::<Result<_>>()?;
        Ok(Call {
            export: name.clone(),
            args,
        })
    };
    for f in funcs.iter().take(MAX_CALLS) {
        calls.push(make(u, f)?);
    }
    while !funcs.is_empty() && calls.len() < MAX_CALLS && !u.is_empty() && u.arbitrary()? {
        let f = u.choose(&funcs)?;
        calls.push(make(u, f)?);
    }
    Ok(calls)
}
