//! Link settings for the `concord` binary.

fn main() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    // The dynamic loader applies every relative relocation of a
    // position-independent executable at each start (about 16,000 here:
    // vtables and tables of pointers, most of them in dependencies).
    // Packed (`DT_RELR`, glibc 2.36, GNU ld 2.38), their table is a few
    // kilobytes instead of 380 and a small program starts about 2% sooner
    // (benches/README.md, "Start-up").
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
