//! `abi/REFERENCE.md` must be the current rendering of the witx.
//!
//! When it is stale, regenerate it with
//! `CONCORD_BLESS=1 cargo test -p concord-abi --test reference`.

use std::path::PathBuf;

#[test]
fn reference_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("REFERENCE.md");
    let rendered = concord_abi::render_reference();
    if std::env::var_os("CONCORD_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &rendered).expect("write REFERENCE.md");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != rendered {
        let first_difference = current
            .lines()
            .zip(rendered.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| current.lines().count().min(rendered.lines().count()) + 1, |i| i + 1);
        panic!(
            "{} is stale (first difference at line {first_difference}): it must be the rendering of \
             abi/witx/*.witx by concord_abi::render_reference.\n\
             Regenerate it with: CONCORD_BLESS=1 cargo test -p concord-abi --test reference",
            path.display()
        );
    }
}

#[test]
fn reference_covers_every_function_and_errno() {
    let rendered = concord_abi::render_reference();
    for f in concord_abi::FUNCTIONS {
        assert!(rendered.contains(&format!("### `{}`", f.name)), "{} is missing", f.name);
    }
    for e in concord_abi::Errno::ALL {
        assert!(
            rendered.contains(&format!("| {} | `{}` |", e.raw(), e.name())),
            "{e:?} is missing"
        );
    }
}
