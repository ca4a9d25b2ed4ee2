//! The MRZ reader on synthetic passport pages (issue #21's measure):
//! `cargo run --release -p hane-scan --example mrz_eval -- [PAGES] [FIRST_SEED] [TURN]`,
//! TURN (90, 180 or 270) turning every page clockwise before it is read, as a page scanned
//! upside down or photographed sideways comes.
//! Prints, per page kind, how often both lines were read exactly, how often a wrong
//! document number, birth date or expiry passed its check digit with no character marked
//! unsure (must be never), and the read time.
#[path = "../tests/common/mod.rs"]
mod common;
use common::passport;

use std::time::Instant;

/// Document number, birth date, expiry: (first, end, check digit position) on line 2.
const GUARDED: [(&str, usize, usize, usize); 3] = [
    ("document number", 0, 9, 9),
    ("birth date", 13, 19, 19),
    ("expiry", 21, 27, 27),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let pages: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let first: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let turn: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let (mut exact, mut found, mut silent, mut flagged_wrong) = (0, 0, 0, 0);
    let mut times = Vec::new();
    let mut min_conf_right = 1.0f32;
    for seed in first..first + pages {
        let how = if seed.is_multiple_of(2) {
            "scan"
        } else {
            "photo"
        };
        let (jpeg, truth) = passport::sample(seed);
        let (image, _) = hane_image::decode_rgb(&jpeg, 100_000_000).expect("decode");
        let image = match turn {
            90 => image::imageops::rotate90(&image),
            180 => image::imageops::rotate180(&image),
            270 => image::imageops::rotate270(&image),
            _ => image,
        };
        let t = Instant::now();
        let reading = hane_scan::read_mrz(&image);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let Some(r) = reading else {
            println!("seed {seed} ({how}): no MRZ found");
            continue;
        };
        found += 1;
        if r.lines == truth {
            exact += 1;
            let worst = r.confidence.iter().flatten().fold(1.0f32, |a, &b| a.min(b));
            min_conf_right = min_conf_right.min(worst);
            continue;
        }
        println!(
            "seed {seed} ({how}), turn {}:\n  read  {}\n        {}\n  truth {}\n        {}",
            r.turn, r.lines[0], r.lines[1], truth[0], truth[1]
        );
        if r.lines[1].len() != 44 {
            continue;
        }
        let unsure = r.unsure();
        for (name, a, b, cd) in GUARDED {
            let wrong = r.lines[1][a..b] != truth[1][a..b];
            let passes = hane_domain::mrz::check_digit(&r.lines[1][a..b])
                .is_some_and(|d| r.lines[1].as_bytes()[cd] == b'0' + d as u8);
            let marked = unsure
                .iter()
                .any(|&(l, i)| l == 1 && ((a..b).contains(&i) || i == cd));
            if wrong && passes {
                if marked {
                    flagged_wrong += 1;
                } else {
                    silent += 1;
                    println!("  SILENT: wrong {name} passes its check digit, nothing marked");
                }
            }
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "\n{pages} pages: MRZ found on {found}, both lines exact on {exact} ({:.1} %); wrong guarded field passing its check digit: {silent} unmarked, {flagged_wrong} marked unsure; lowest confidence on an exact page {min_conf_right:.3}; read time median {:.0} ms, slowest {:.0} ms",
        100.0 * exact as f64 / pages as f64,
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
