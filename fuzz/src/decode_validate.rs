//! `decode_validate`: arbitrary bytes, and valid modules with a few byte
//! mutations, through concord's decoder and validator. Never panics, and
//! concord accepts a binary exactly when wasmparser's validator (with the
//! same proposals) does. Accepted modules are also compiled by every tier,
//! which must succeed.

use arbitrary::Unstructured;

/// Runs one input.
pub fn run(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let mut u = Unstructured::new(rest);
        let Ok(mut bytes) = crate::generate::module(&mut u, false) else {
            return;
        };
        mutate(&mut u, &mut bytes);
        bytes
    };
    check(&bytes);
}

/// A few byte edits (overwrite, insert, remove) chosen by `u`.
fn mutate(u: &mut Unstructured<'_>, bytes: &mut Vec<u8>) {
    let n = u.int_in_range(0..=4u8).unwrap_or(0);
    for _ in 0..n {
        if bytes.is_empty() {
            return;
        }
        let Ok(at) = u.choose_index(bytes.len()) else { return };
        match u.int_in_range(0..=2u8).unwrap_or(0) {
            0 => bytes[at] = u.arbitrary().unwrap_or(0),
            1 => bytes.insert(at, u.arbitrary().unwrap_or(0)),
            _ => {
                bytes.remove(at);
            }
        }
    }
}

/// The oracle for one binary.
pub fn check(bytes: &[u8]) {
    let engines = crate::engines();
    let (_, engine) = &engines[0];
    let ours = concord::Module::validate(engine, bytes);
    if !bytes.starts_with(b"\0asm") {
        // Text format (or not a module): only never panicking is checked.
        return;
    }
    let reference = wasmparser::Validator::new_with_features(crate::reference_features()).validate_all(bytes);
    match (&ours, &reference) {
        (Ok(()), Err(e)) => panic!("concord accepts a module that wasmparser rejects: {e}"),
        (Err(e), Ok(_)) => panic!("concord rejects a module that wasmparser accepts: {e}"),
        _ => {}
    }
    if ours.is_ok() {
        for (tier, engine) in &engines {
            if let Err(e) = concord::Module::from_binary(engine, bytes) {
                panic!("{tier} fails to compile a valid module: {e}");
            }
        }
    }
}
