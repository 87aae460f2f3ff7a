#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    concord_fuzz::wasmi_diff::run(data);
});
