//! A case document from JSON (`hane-cli validate` / `set-doc`, the window's save): parse,
//! validate, checklist, deadlines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = serde_json::from_slice::<hane_core::case::CaseDoc>(data) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let _ = hane_core::rules::validate(&doc, today);
        let _ = hane_core::checklist::checklist(&doc, &[], u64::MAX);
        let _ = hane_core::deadlines::deadlines(&doc, &[], today);
    }
});
