//! Per-stage times of the page path on one photo (file → straightened JPEG), median of 9:
//! `cargo run --release -p hane-scan --example page_timing -- PHOTO.jpg`.
use std::time::Instant;

fn median(mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..9)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[4]
}

fn main() {
    let path = std::env::args().nth(1).expect("PHOTO.jpg");
    let bytes = std::fs::read(path).expect("read");
    let (image, _) = hane_image::decode_rgb(&bytes, 200_000_000).expect("decode");
    let found = hane_scan::page::find_page(&image);
    let plain = hane_scan::page::straighten(&image, &found, hane_scan::page::Look::Photo);
    let clean = hane_scan::page::straighten(&image, &found, hane_scan::page::Look::CleanColour);
    println!(
        "{}×{}: decode {:.0} ms, find {:.0} ms, straighten {:.0} ms, + scanner look {:.0} ms, JPEG {:.0} ms",
        image.width(),
        image.height(),
        median(|| {
            hane_image::decode_rgb(&bytes, 200_000_000).expect("decode");
        }),
        median(|| {
            hane_scan::page::find_page(&image);
        }),
        median(|| {
            hane_scan::page::straighten(&image, &found, hane_scan::page::Look::Photo);
        }),
        median(|| {
            hane_scan::page::straighten(&image, &found, hane_scan::page::Look::CleanColour);
        }) - median(|| {
            hane_scan::page::straighten(&image, &found, hane_scan::page::Look::Photo);
        }),
        median(|| {
            clean.jpeg();
        }),
    );
    let _ = plain;
}
