//! Renders `abi/REFERENCE.md` from the generated interface data
//! ([`TYPES`], [`FUNCTIONS`]), so the document cannot drift from the witx:
//! `tests/reference.rs` fails when the file differs from the rendering.

use crate::wasi_snapshot_preview1::{FUNCTIONS, FunctionInfo, MODULE, TYPES, TypeInfo, TypeKind};
use concord_core::ValType;
use std::fmt::Write as _;

/// The reference document of the interface: every type with its layout,
/// every enum value, flag and errno, and every function with its core
/// signature (the contents of `abi/REFERENCE.md`).
pub fn render_reference() -> String {
    let mut out = String::new();
    let w = &mut out;
    line(w, format!("# `{MODULE}` reference"));
    line(w, "");
    line(
        w,
        "Rendered from the official WITX vendored in `abi/witx/` by `concord_abi::render_reference`. \
         Do not edit: regenerate with `CONCORD_BLESS=1 cargo test -p concord-abi --test reference`.",
    );
    line(w, "");
    line(
        w,
        "Conventions: all integers are little endian; sizes, alignments and offsets are in bytes. \
         A function's core signature is the one a module imports: each `list`/`string` parameter is \
         passed as a pointer and a length, each result is written through an `i32` out-pointer appended \
         to the parameters, and the `i32` return value is the `errno` (0 on success).",
    );
    line(w, "");
    line(w, "## Contents");
    line(w, "");
    line(w, "- [Errors (`errno`)](#errors-errno)");
    line(w, "- [Types](#types)");
    line(w, "- [Functions](#functions)");
    line(w, "");
    let fn_names: Vec<String> = FUNCTIONS.iter().map(|f| format!("[`{0}`](#{0})", f.name)).collect();
    line(w, format!("Functions: {}.", fn_names.join(", ")));
    line(w, "");

    render_errno(w);

    line(w, "## Types");
    line(w, "");
    for ty in TYPES {
        render_type(w, ty);
    }

    line(w, "## Functions");
    line(w, "");
    for f in FUNCTIONS {
        render_function(w, f);
    }
    // One trailing newline, no blank line at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn line(w: &mut String, s: impl AsRef<str>) {
    w.push_str(s.as_ref());
    w.push('\n');
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn render_errno(w: &mut String) {
    let errno = TYPES
        .iter()
        .find(|t| t.name == "errno")
        .expect("the witx defines errno");
    line(w, "## Errors (`errno`)");
    line(w, "");
    line(w, cell(errno.doc));
    line(w, "");
    line(w, "| number | name | meaning |");
    line(w, "|---:|---|---|");
    for m in errno.members {
        line(w, format!("| {} | `{}` | {} |", m.value, m.name, cell(m.doc)));
    }
    line(w, "");
}

fn render_type(w: &mut String, ty: &TypeInfo) {
    let what = match ty.kind {
        TypeKind::Alias => format!("alias of `{}`", ty.repr),
        TypeKind::Handle => "handle".to_string(),
        TypeKind::List => format!("`{}`", ty.repr),
        TypeKind::Enum => format!("enum, tag `{}`", ty.repr),
        TypeKind::Flags => format!("flags, `{}`", ty.repr),
        TypeKind::Record => "record".to_string(),
        TypeKind::Union => format!("union, tag `{}`", ty.repr),
    };
    line(w, format!("### `{}`", ty.name));
    line(w, "");
    line(
        w,
        format!(
            "{what}; Rust `{}`; size {}, alignment {}.",
            ty.rust_name, ty.size, ty.align
        ),
    );
    line(w, "");
    if !ty.doc.is_empty() {
        line(w, ty.doc);
        line(w, "");
    }
    match ty.kind {
        TypeKind::Alias | TypeKind::Handle | TypeKind::List => {}
        TypeKind::Enum if ty.name == "errno" => {
            line(w, "Values: see [Errors](#errors-errno).");
            line(w, "");
        }
        TypeKind::Enum => {
            line(w, "| value | name | meaning |");
            line(w, "|---:|---|---|");
            for m in ty.members {
                line(w, format!("| {} | `{}` | {} |", m.value, m.name, cell(m.doc)));
            }
            line(w, "");
        }
        TypeKind::Flags => {
            line(w, "| bit | mask | name | meaning |");
            line(w, "|---:|---:|---|---|");
            for m in ty.members {
                line(
                    w,
                    format!(
                        "| {} | `{:#x}` | `{}` | {} |",
                        m.value.trailing_zeros(),
                        m.value,
                        m.name,
                        cell(m.doc)
                    ),
                );
            }
            line(w, "");
        }
        TypeKind::Record => {
            line(w, "| offset | field | type | meaning |");
            line(w, "|---:|---|---|---|");
            for m in ty.members {
                line(
                    w,
                    format!("| {} | `{}` | `{}` | {} |", m.value, m.name, m.ty, cell(m.doc)),
                );
            }
            line(w, "");
        }
        TypeKind::Union => {
            line(
                w,
                format!("The tag is at offset 0, the payload at offset {}.", ty.payload_offset),
            );
            line(w, "");
            line(w, "| tag | case | payload | meaning |");
            line(w, "|---:|---|---|---|");
            for m in ty.members {
                let payload = if m.ty.is_empty() {
                    "—".to_string()
                } else {
                    format!("`{}`", m.ty)
                };
                line(
                    w,
                    format!("| {} | `{}` | {payload} | {} |", m.value, m.name, cell(m.doc)),
                );
            }
            line(w, "");
        }
    }
}

fn val_type(t: ValType) -> String {
    t.to_string()
}

fn render_function(w: &mut String, f: &FunctionInfo) {
    line(w, format!("### `{}`", f.name));
    line(w, "");
    if !f.doc.is_empty() {
        line(w, f.doc);
        line(w, "");
    }
    let mut sig = format!("(func (import \"{MODULE}\" \"{}\")", f.name);
    for (name, ty) in f.param_names.iter().zip(f.params) {
        write!(sig, " (param ${name} {})", val_type(*ty)).expect("writing to a String");
    }
    for ty in f.results {
        write!(sig, " (result {})", val_type(*ty)).expect("writing to a String");
    }
    sig.push(')');
    line(w, "Core signature:");
    line(w, "");
    line(w, "```wat");
    line(w, sig);
    line(w, "```");
    line(w, "");
    if !f.interface_params.is_empty() {
        line(w, "| parameter | type | meaning |");
        line(w, "|---|---|---|");
        for p in f.interface_params {
            line(w, format!("| `{}` | `{}` | {} |", p.name, p.ty, cell(p.doc)));
        }
        line(w, "");
    }
    if f.noreturn {
        line(w, "Does not return.");
        line(w, "");
    } else if f.interface_results.is_empty() {
        line(w, "Returns: `errno`.");
        line(w, "");
    } else {
        line(w, "| result (through its out-pointer) | type | meaning |");
        line(w, "|---|---|---|");
        for r in f.interface_results {
            line(w, format!("| `{}` | `{}` | {} |", r.name, r.ty, cell(r.doc)));
        }
        line(w, "");
        line(w, "Returns: `errno`; the results are written only on success.");
        line(w, "");
    }
}
