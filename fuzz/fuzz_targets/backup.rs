//! A backup file being restored: container, header, key derivation limits, decryption.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hane_core::backup::parse_backup(data, "fuzz passphrase");
});
