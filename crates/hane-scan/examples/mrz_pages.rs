//! Writes synthetic passport pages to look at:
//! `cargo run --release -p hane-scan --example mrz_pages -- OUT_DIR [COUNT] [FIRST_SEED]`
//! (odd seeds photographed on a table, even seeds scanned on A4; the MRZ in `seed.txt`).
#[path = "../tests/common/mod.rs"]
mod common;
use common::passport;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("OUT_DIR"));
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(4);
    let first: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    std::fs::create_dir_all(&dir).expect("OUT_DIR");
    for seed in first..first + count {
        let (jpeg, truth) = passport::sample(seed);
        std::fs::write(dir.join(format!("{seed}.jpg")), jpeg).expect("write");
        std::fs::write(dir.join(format!("{seed}.txt")), truth.join("\n") + "\n").expect("write");
    }
}
