//! Key management against real files and the real OS keyring.

use std::path::Path;

use hane_core::vault::{KdfParams, KeyMode, OsKeyring, SecretStore, Unlock, Vault};

/// Cheap Argon2 cost so tests stay fast; the default cost is measured in the benchmark.
const CHEAP: KdfParams = KdfParams {
    memory_kib: 1024,
    iterations: 1,
    lanes: 1,
};

use crate::common::{new_case, NoKeyring};

fn test_keyring() -> OsKeyring {
    OsKeyring::with_service(&format!("org.hane.desktop.test-{}", uuid::Uuid::new_v4()))
}

fn open(vault: &Vault) -> hane_core::storage::Database {
    match vault.open().unwrap() {
        Unlock::Open(db) => db,
        Unlock::NeedsPassphrase { .. } => panic!("keyring path expected"),
    }
}

#[test]
#[ignore = "needs a Secret Service (run `cargo xtask test`)"]
fn keyring_key_is_created_on_first_start_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let service = format!("org.hane.desktop.test-{}", uuid::Uuid::new_v4());
    let vault = Vault::new(dir.path(), Box::new(OsKeyring::with_service(&service)));
    let id = open(&vault)
        .create_case(new_case("Ayşe", "Irina"))
        .unwrap()
        .id;
    assert_eq!(vault.mode().unwrap(), Some(KeyMode::Keyring));

    // The key really is in the Secret Service: a fresh client reads it back.
    let stored = OsKeyring::with_service(&service)
        .get()
        .unwrap()
        .expect("key in keyring");
    assert_eq!(stored.len(), 64, "256-bit key as hex");

    let again = Vault::new(dir.path(), Box::new(OsKeyring::with_service(&service)));
    assert_eq!(open(&again).get_case(id).unwrap().doc.kisisel.ad, "Irina");

    // Lose the keyring entry: the database is not silently recreated.
    OsKeyring::with_service(&service).delete().unwrap();
    let err = Vault::new(dir.path(), Box::new(OsKeyring::with_service(&service)))
        .open()
        .err()
        .expect("must not open");
    assert_eq!(err.code(), "vault.key_missing");
}

#[test]
#[ignore = "needs a Secret Service (run `cargo xtask test`)"]
fn switch_between_keyring_and_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let keyring = test_keyring();
    let vault = Vault::new(dir.path(), Box::new(keyring));
    let mut db = open(&vault);
    let id = db.create_case(new_case("Ayşe", "Irina")).unwrap().id;

    vault
        .switch_to_passphrase("uzun bir parola 123", |k| db.rekey(k))
        .unwrap();
    drop(db);
    assert!(matches!(
        vault.open().unwrap(),
        Unlock::NeedsPassphrase { setup: false }
    ));
    let mut db = vault.unlock_with_passphrase("uzun bir parola 123").unwrap();
    assert_eq!(db.get_case(id).unwrap().doc.profil.ad, "Ayşe");

    vault.switch_to_keyring(|k| db.rekey(k)).unwrap();
    drop(db);
    assert_eq!(open(&vault).get_case(id).unwrap().doc.profil.ad, "Ayşe");
}

#[test]
fn without_a_keyring_a_passphrase_is_required_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let vault = Vault::new(dir.path(), Box::new(NoKeyring));
    assert!(matches!(
        vault.open().unwrap(),
        Unlock::NeedsPassphrase { setup: true }
    ));
    assert!(
        !dir.path().join("hane.db").exists(),
        "nothing written before a passphrase"
    );

    let short = vault
        .unlock_with_passphrase_params("kısa", CHEAP)
        .err()
        .unwrap();
    assert_eq!(short.code(), "vault.passphrase_too_short");

    let mut db = vault
        .unlock_with_passphrase_params("İstanbul bahçesi 42", CHEAP)
        .unwrap();
    let id = db.create_case(new_case("Ayşe", "Irina")).unwrap().id;
    drop(db);

    assert_eq!(vault.mode().unwrap(), Some(KeyMode::Passphrase));
    assert!(matches!(
        vault.open().unwrap(),
        Unlock::NeedsPassphrase { setup: false }
    ));
    let wrong = vault
        .unlock_with_passphrase("istanbul bahçesi 42")
        .err()
        .unwrap();
    assert_eq!(wrong.code(), "vault.wrong_passphrase");
    let db = vault.unlock_with_passphrase("İstanbul bahçesi 42").unwrap();
    assert_eq!(db.get_case(id).unwrap().doc.kisisel.ad, "Irina");
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn scan_for_markers(dir: &Path, markers: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            hits.extend(scan_for_markers(&path, markers));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for m in markers {
            if contains(&bytes, m.as_bytes()) {
                hits.push(format!("{m} in {}", path.display()));
            }
        }
    }
    hits
}

#[test]
fn no_personal_data_in_plaintext_anywhere_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let markers = [
        "MARKERAYSEYILMAZ",
        "MARKERPASSPORTU1234567",
        "MARKEROLENAKOVAL",
    ];
    let vault = Vault::new(dir.path(), Box::new(NoKeyring));
    let mut db = vault
        .unlock_with_passphrase_params("İstanbul bahçesi 42", CHEAP)
        .unwrap();
    for i in 0..50 {
        let c = db
            .create_case(new_case(&format!("{} {i}", markers[0]), markers[2]))
            .unwrap();
        let mut doc = c.doc.clone();
        doc.kisisel.soyad = format!("{} {}", markers[2], markers[1]);
        db.save_case_doc(c.id, &doc).unwrap();
    }
    // Scan while open too: the WAL file holds fresh pages.
    let hits = scan_for_markers(dir.path(), &markers);
    assert!(hits.is_empty(), "plaintext found while open: {hits:?}");
    drop(db);
    let hits = scan_for_markers(dir.path(), &markers);
    assert!(hits.is_empty(), "plaintext found after close: {hits:?}");
}
