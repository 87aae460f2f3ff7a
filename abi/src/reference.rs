//! Renders `abi/REFERENCE.md` from the generated interface data.

/// The reference document of the interface (the contents of `abi/REFERENCE.md`).
pub fn render_reference() -> String {
    String::new()
}
