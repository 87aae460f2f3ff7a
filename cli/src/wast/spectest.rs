//! The `spectest` host module that spec scripts import from, as the
//! reference interpreter defines it (`interpreter/host/spectest.ml`):
//! `print*` functions, `global_i32` = 666, `global_i64` = 666,
//! `global_f32` = 666.6, `global_f64` = 666.6 (all immutable), `table`
//! (10..20 funcref) and `memory` (1..2 pages).

use concord::{
    Global, GlobalType, Linker, Memory, MemoryType, Mutability, Ref, RefType, Result, Store, Table, TableType, Val,
    ValType,
};

/// Defines the `spectest` module in `linker`. With `print`, the print
/// functions write their arguments to stdout as the reference interpreter
/// does (`42 : i32`, one line per argument); otherwise they do nothing.
pub fn define(linker: &mut Linker<()>, store: &mut Store<()>, print: bool) -> Result<()> {
    // `print` has no arguments, so like the reference interpreter it prints nothing.
    linker.func_wrap("spectest", "print", || {})?;
    linker.func_wrap("spectest", "print_i32", move |x: i32| {
        if print {
            println!("{x} : i32");
        }
    })?;
    linker.func_wrap("spectest", "print_i64", move |x: i64| {
        if print {
            println!("{x} : i64");
        }
    })?;
    linker.func_wrap("spectest", "print_f32", move |x: f32| {
        if print {
            println!("{x} : f32");
        }
    })?;
    linker.func_wrap("spectest", "print_f64", move |x: f64| {
        if print {
            println!("{x} : f64");
        }
    })?;
    linker.func_wrap("spectest", "print_i32_f32", move |x: i32, y: f32| {
        if print {
            println!("{x} : i32");
            println!("{y} : f32");
        }
    })?;
    linker.func_wrap("spectest", "print_f64_f64", move |x: f64, y: f64| {
        if print {
            println!("{x} : f64");
            println!("{y} : f64");
        }
    })?;

    let globals = [
        ("global_i32", ValType::I32, Val::I32(666)),
        ("global_i64", ValType::I64, Val::I64(666)),
        ("global_f32", ValType::F32, Val::from(666.6f32)),
        ("global_f64", ValType::F64, Val::from(666.6f64)),
    ];
    for (name, content, value) in globals {
        let ty = GlobalType {
            content,
            mutability: Mutability::Const,
        };
        let global = Global::new(&mut *store, ty, value)?;
        linker.define("spectest", name, global)?;
    }

    let table = Table::new(
        &mut *store,
        TableType::new(RefType::FuncRef, 10, Some(20)),
        Ref::Func(None),
    )?;
    linker.define("spectest", "table", table)?;
    let memory = Memory::new(&mut *store, MemoryType::new(1, Some(2)))?;
    linker.define("spectest", "memory", memory)?;
    Ok(())
}
