#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    concord_fuzz::decode_validate::run(data);
});
