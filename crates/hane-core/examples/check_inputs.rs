//! Runs files through the checks Hane applies to what a user picks, and prints one line per
//! file: `ok` with the pages, or the error code (`panic` would be a bug). For checking a
//! corpus (e.g. a decoder's test suite) against false refusals and crashes (issue #17):
//!
//! `cargo run -p hane-core --example check_inputs -- FILE…`
//!
//! A PDF goes through the document check; an image through the photo import and the scan
//! page check.

fn check(bytes: &[u8]) -> Result<String, &'static str> {
    if bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return hane_core::pdf::inspect::check_pdf(bytes)
            .map(|f| format!("pdf, {} pages", f.pages))
            .map_err(|e| e.code());
    }
    let photo = hane_core::photo::load(bytes).map_err(|e| e.code())?;
    let page = hane_core::pdf::scan::PageInput {
        bytes,
        quarter_turns: 0,
    };
    let meta = hane_core::pdf::scan::PdfMeta {
        title: "check",
        created: chrono::NaiveDateTime::default(),
    };
    hane_core::pdf::scan::images_to_pdf(&[page], &meta).map_err(|e| e.code())?;
    let (w, h) = photo.dimensions();
    Ok(format!("image, {w}×{h}"))
}

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            println!("unreadable-file {path}");
            continue;
        };
        match std::panic::catch_unwind(|| check(&bytes)) {
            Ok(Ok(what)) => println!("ok ({what}) {path}"),
            Ok(Err(code)) => println!("{code} {path}"),
            Err(_) => println!("panic {path}"),
        }
    }
}
