//! Benchmarks of the core, run with `cargo xtask bench` (a release build).
//! Prints the median and 95th percentile of each measurement over repeated runs.
//!
//! Measured: opening the encrypted database (SQLCipher, raw key: the keyring path, key
//! lookup excluded), deriving the key from a passphrase (Argon2id, default cost), one
//! autosave (a case document written in its own transaction, WAL, synchronous=FULL),
//! validating a complete case (every rule; it runs on each keystroke batch).

use std::time::{Duration, Instant};

use hane_core::case::NewCase;
use hane_core::storage::Database;
use hane_core::vault::{derive_key, DbKey, KdfParams};

fn measure(name: &str, runs: usize, mut f: impl FnMut()) {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let p95 = times[(runs * 95 / 100).min(runs - 1)];
    println!("{name:<48} median {median:>12.3?}   p95 {p95:>12.3?}   ({runs} runs)");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hane.db");
    let key = DbKey::from_bytes([42; 32]);
    let mut db = Database::open(&path, &key).expect("open");
    let mut ids = Vec::new();
    for i in 0..100 {
        let input = NewCase {
            employer_name: format!("İşveren {i}"),
            foreigner_name: format!("Yabancı {i}"),
        };
        ids.push(db.create_case(input).expect("create").id);
    }
    let mut doc = db.get_case(ids[0]).expect("get").doc;
    let mut n = 0u64;
    measure("autosave (one case document, one transaction)", 500, || {
        n += 1;
        doc.profil.ad = format!("İşveren {n}");
        db.save_case_doc(ids[0], &doc).expect("save");
    });
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/case-in-country.json"
    ))
    .expect("fixture");
    let full: hane_core::case::CaseDoc = serde_json::from_str(&fixture).expect("fixture parses");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    measure("validate a complete case (every rule)", 5000, || {
        let v = hane_core::rules::validate(std::hint::black_box(&full), today);
        assert_eq!(v.blocking(), 0);
    });
    measure("list cases (100 cases)", 200, || {
        assert_eq!(db.list_cases().expect("list").len(), 100);
    });
    drop(db);
    measure("open encrypted database (100 cases)", 100, || {
        drop(Database::open(&path, &key).expect("open"));
    });
    measure("Argon2id key derivation (64 MiB, t=3, p=4)", 10, || {
        derive_key("İstanbul bahçesi 42", &[1; 16], KdfParams::default()).expect("kdf");
    });
}
