//! The page finder on synthetic photographed documents (issue #22's measure):
//! `cargo run --release -p hane-scan --example page_eval -- [IMAGES] [FIRST_SEED] [LONG_SIDE]`.
//! Prints how often every corner lies within 1.5 % of the page's diagonal of the truth
//! (photos; a scan's page fills the image, so its corners are the image's), how often the
//! quarter turn is right (photos and scans), the deskew error, and the time per image
//! (decoded image → corners, turn, deskew; and the straightened page).
#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(300);
    let first: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let long: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1600);
    let verbose = std::env::var_os("VERBOSE").is_some();
    let (mut photos, mut corners_ok, mut turns, mut turn_ok) = (0, 0, 0, 0);
    let mut deskew_err = Vec::new();
    let mut worst = Vec::new();
    let (mut find_ms, mut straighten_ms) = (Vec::new(), Vec::new());
    // Print contrast in the text boxes: the photo, the straightened page, and with the
    // scanner look (photos only).
    let mut contrast = [0.0f64; 3];
    let mut measured = 0u32;
    for seed in first..first + count {
        let shot = common::document::sample(seed, long);
        let (image, _) = hane_image::decode_rgb(&shot.jpeg, 200_000_000).expect("decode");
        let t = Instant::now();
        let found = hane_scan::page::find_page(&image);
        find_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        let plain = hane_scan::page::straighten(&image, &found, hane_scan::page::Look::Photo);
        straighten_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        turns += 1;
        let turn_right = found.turn == shot.turn;
        turn_ok += turn_right as u32;
        let photo = shot.background != "scanner lid";
        let mut err = 0.0f32;
        if photo {
            photos += 1;
            let c = shot.corners;
            let diag = ((c[0][0] - c[2][0]).hypot(c[0][1] - c[2][1])
                + (c[1][0] - c[3][0]).hypot(c[1][1] - c[3][1]))
                / 2.0;
            err = (0..4)
                .map(|i| (found.corners[i][0] - c[i][0]).hypot(found.corners[i][1] - c[i][1]))
                .fold(0.0, f32::max)
                / diag;
            corners_ok += (err <= 0.015) as u32;
            if found.turn == shot.turn {
                let clean =
                    hane_scan::page::straighten(&image, &found, hane_scan::page::Look::CleanColour);
                let boxes = &shot.page.text_boxes;
                let (pw, ph) = (
                    shot.page.image.width() as f32,
                    shot.page.image.height() as f32,
                );
                let on_page = |img: &image::RgbImage| {
                    let (ow, oh) = (img.width() as f32, img.height() as f32);
                    common::document::print_contrast(img, boxes, |p| {
                        [p[0] * ow / pw, p[1] * oh / ph]
                    })
                };
                contrast[0] += common::document::print_contrast(&image, boxes, |p| {
                    common::document::in_photo(&shot, p)
                }) as f64;
                contrast[1] += on_page(&plain.image) as f64;
                contrast[2] += on_page(&clean.image) as f64;
                measured += 1;
            }
        }
        if turn_right {
            deskew_err.push((found.deskew - shot.deskew).abs());
        }
        if verbose || !turn_right || err > 0.015 {
            worst.push(format!(
                "seed {seed} ({}): corner error {:.2} % of the diagonal, turn {} (truth {}), deskew {:.1} (truth {:.1}), outline {}",
                shot.background,
                err * 100.0,
                found.turn,
                shot.turn,
                found.deskew,
                shot.deskew,
                found.outline
            ));
        }
    }
    for line in &worst {
        println!("{line}");
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[v.len() - 1])
    };
    let mut d: Vec<f64> = deskew_err.iter().map(|&e| e as f64).collect();
    let (dm, dmax) = median(&mut d);
    let (fm, fmax) = median(&mut find_ms);
    let (sm, smax) = median(&mut straighten_ms);
    println!(
        "photos: corners within 1.5 % of the diagonal on {corners_ok}/{photos} ({:.1} %)",
        100.0 * corners_ok as f64 / photos.max(1) as f64
    );
    println!(
        "all images: quarter turn right on {turn_ok}/{turns} ({:.1} %); deskew error median {dm:.2}°, worst {dmax:.2}°",
        100.0 * turn_ok as f64 / turns as f64
    );
    let n = measured.max(1) as f64;
    println!(
        "print contrast in the text boxes (p95 − p5 of luma / 255), photos turned right: photo {:.2}, straightened {:.2}, scanner look {:.2}",
        contrast[0] / n,
        contrast[1] / n,
        contrast[2] / n
    );
    println!("time: find median {fm:.0} ms (slowest {fmax:.0}); straighten median {sm:.0} ms (slowest {smax:.0})");
}
