//! The photo import: decode (JPEG/PNG, EXIF, ICC) and, for small images, the whole analysis
//! (face detection, landmarks, checks) — what `photo::import` runs on a picked file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hane_fuzz::only_uncaught_panics_crash();
    if let Ok(src) = hane_core::photo::load(data) {
        let (w, h) = src.dimensions();
        // Big images take the same path as small ones after decoding; only small ones
        // keep the campaign fast.
        if u64::from(w) * u64::from(h) <= 256 * 256 {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
            let _ = hane_core::photo::analyze(&src, None, today);
        }
    }
});
