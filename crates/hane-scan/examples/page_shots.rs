//! Writes synthetic photographed documents to look at:
//! `cargo run --release -p hane-scan --example page_shots -- DIR [COUNT] [LONG_SIDE]`.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "/tmp/page-shots".into());
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let long: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1600);
    std::fs::create_dir_all(&dir).expect("dir");
    for seed in 0..count {
        let shot = common::document::sample(seed, long);
        let path = format!("{dir}/shot-{seed}.jpg");
        std::fs::write(&path, &shot.jpeg).expect("write");
        // The simulation's truth beside it (corners of the upright page, turn, deskew).
        let truth = format!(
            "{{\"corners\": {:?}, \"turn\": {}, \"deskew\": {:.2}, \"background\": \"{}\"}}\n",
            shot.corners, shot.turn, shot.deskew, shot.background
        );
        std::fs::write(format!("{dir}/shot-{seed}.json"), truth).expect("write");
        println!(
            "{path}: {} turn {} deskew {:.1} corners {:?}",
            shot.background, shot.turn, shot.deskew, shot.corners
        );
    }
}
