//! Prints what Hane measures on photos and on its automatic crop of each:
//! `cargo run -p hane-photo --example measure -- FILE…`.
fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let src = hane_photo::load(&bytes).expect("load");
        let t = std::time::Instant::now();
        let faces = hane_photo::detect_faces(&src);
        let detect_ms = t.elapsed().as_millis();
        match faces.first().and_then(|f| f.measured.as_ref()) {
            Some(m) => println!(
                "{path}: {}x{} crown {:.1},{:.1} chin {:.1},{:.1} head {:.1} roll {:.2} yaw {:.1} pitch {:.1} mouth {:.3} edge {} ({detect_ms} ms)",
                src.image.width(), src.image.height(), m.crown[0], m.crown[1], m.chin[0], m.chin[1], m.head_height, m.roll, m.yaw, m.pitch, m.mouth_open, m.crown_at_edge
            ),
            None => println!("{path}: not measured ({detect_ms} ms)"),
        }
        let t = std::time::Instant::now();
        let a = hane_photo::analyze_faces(&src, faces, None, today);
        println!("  analysis {} ms", t.elapsed().as_millis());
        for c in &a.checks {
            let mark = if c.passed {
                "ok "
            } else if c.advisory {
                "adv"
            } else if c.needs_confirmation {
                "?  "
            } else {
                "BAD"
            };
            println!("  {mark} {:<18} {:>8.3}  {}", c.id, c.value, c.message.en);
        }
        if let Some(crop) = a.crop {
            if let Ok(jpeg) = hane_photo::encode(&src, &crop, a.output_height) {
                let out = hane_photo::load(&jpeg).expect("reload");
                let m = hane_photo::measure::measure(&out.image);
                println!(
                    "  output {}x{} {} bytes: head {:.2} mm",
                    out.image.width(),
                    out.image.height(),
                    jpeg.len(),
                    m.map_or(0.0, |m| m.head_height / out.image.height() as f32 * 60.0)
                );
            }
        }
    }
}
