//! A PDF attached as it is: structure, encryption, every page readable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hane_fuzz::only_uncaught_panics_crash();
    let _ = hane_core::pdf::inspect::check_pdf(data);
});
