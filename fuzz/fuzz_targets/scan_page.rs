//! An image attached as a document page: header, complete decode, PDF writing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hane_fuzz::only_uncaught_panics_crash();
    let page = hane_core::pdf::scan::PageInput {
        bytes: data,
        quarter_turns: data.first().copied().unwrap_or(0),
    };
    let meta = hane_core::pdf::scan::PdfMeta {
        title: "Belge",
        created: chrono::NaiveDateTime::default(),
    };
    let _ = hane_core::pdf::scan::images_to_pdf(&[page], &meta);
});
