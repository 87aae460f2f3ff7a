//! With the `native` feature, builds the C programs of `programs/c/` with
//! `gcc -O2` into one static library per file, renaming each file's `run`
//! to `concord_bench_c_{file}` (see `src/native.rs`). Without it, does
//! nothing: the default build needs no C compiler.

/// The C programs (`programs/c/{file}.c`), as `src/native.rs` declares them.
const C_PROGRAMS: &[&str] = &["fib", "sieve", "matmul", "sha256", "nbody"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    for file in C_PROGRAMS {
        println!("cargo::rerun-if-changed=programs/c/{file}.c");
    }
    #[cfg(feature = "native")]
    for file in C_PROGRAMS {
        let symbol = format!("concord_bench_c_{file}");
        cc::Build::new()
            .compiler("gcc")
            .opt_level(2)
            .flag("-std=c11")
            .file(format!("programs/c/{file}.c"))
            .define("run", symbol.as_str())
            .compile(&symbol);
    }
}
