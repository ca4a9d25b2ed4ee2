//! A scanner's PDF opened as its pages (for recompression).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hane_fuzz::only_uncaught_panics_crash();
    let _ = hane_core::pdf::scan_pages::scan_pages(data);
});
