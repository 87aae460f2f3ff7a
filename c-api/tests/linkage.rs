//! Every function `wasm.h` and `concord.h` declare is defined by the
//! libraries: the declared names are taken from the headers as the C
//! preprocessor sees them (`WASM_API_EXTERN` marks each declaration), then
//! looked up in `libconcord.so`'s dynamic symbols, and a C program taking
//! the address of every one of them links against both libraries.

mod common;

use common::{Link, compile, crate_dir, lib_dir, run, scratch};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

const MARK: &str = "__concord_api_declaration__";

/// The functions the headers declare (not the `static inline` helpers).
fn declared() -> BTreeSet<String> {
    let dir = scratch("linkage-names");
    let src = dir.join("headers.c");
    std::fs::write(&src, "#include \"wasm.h\"\n#include \"concord.h\"\n").expect("write");
    let out = Command::new("cc")
        .args(["-E", "-P"])
        .arg(format!("-DWASM_API_EXTERN={MARK}"))
        .arg("-I")
        .arg(crate_dir().join("include"))
        .arg(&src)
        .output()
        .expect("cc runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut names = BTreeSet::new();
    for decl in text.split(MARK).skip(1) {
        // The declaration up to its parameter list: the name is the last
        // identifier before the first parenthesis.
        let head = &decl[..decl.find('(').expect("a function declaration")];
        let name: String = head
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(!name.is_empty(), "no name in {head:?}");
        names.insert(name);
    }
    names
}

#[test]
fn headers_declare_what_the_test_expects() {
    let names = declared();
    // wasm.h declares 280 functions (its macros expanded), concord.h 26.
    assert!(names.contains("wasm_func_call") && names.contains("wasm_frame_module_offset"));
    assert!(names.contains("concord_linker_instantiate"));
    assert!(
        !names.contains("wasm_valtype_new_i32"),
        "static inline helpers are not exported"
    );
    assert_eq!(names.len(), 306);
}

#[test]
fn every_declared_function_is_exported() {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib_dir().join("libconcord.so"))
        .output()
        .expect("nm runs");
    assert!(out.status.success());
    let symbols: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_addr, kind, name) = (f.next()?, f.next()?, f.next()?);
            (kind == "T").then(|| name.to_string())
        })
        .collect();
    let missing: Vec<_> = declared().into_iter().filter(|n| !symbols.contains(n)).collect();
    assert!(missing.is_empty(), "declared but not exported: {missing:?}");
}

#[test]
fn a_program_using_every_function_links() {
    let names = declared();
    let dir = scratch("linkage-program");
    let mut c = String::from("#include <stdio.h>\n#include \"wasm.h\"\n#include \"concord.h\"\n\n");
    c.push_str("static void (*const all[])(void) = {\n");
    for n in &names {
        c.push_str(&format!("  (void (*)(void))&{n},\n"));
    }
    c.push_str("};\n\nint main(void) {\n  size_t n = 0;\n");
    c.push_str("  for (size_t i = 0; i < sizeof all / sizeof *all; ++i) n += all[i] != NULL;\n");
    c.push_str("  printf(\"%zu\\n\", n);\n  return 0;\n}\n");
    let src = dir.join("all.c");
    std::fs::write(&src, c).expect("write");
    for link in [Link::Static, Link::Shared] {
        let exe = dir.join(format!("all-{}", link.name()));
        compile(std::slice::from_ref(&src), &exe, link, &[]);
        let out = run(&exe, &dir, &[], Duration::from_secs(60));
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), names.len().to_string());
    }
}
