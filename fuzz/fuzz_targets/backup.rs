//! A backup file being restored: container, header, key derivation limits, decryption.
//! The seed is a real backup made with this passphrase, its header edited to a 32 KiB
//! Argon2 cost so that runs are fast (the AEAD tag then fails, as it would for any edit).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hane_core::backup::parse_backup(data.to_vec(), "fuzz passphrase uzun");
});
