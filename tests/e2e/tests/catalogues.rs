//! The UI's message catalogues (`ui/i18n/*.js`) agree with each other, every key used in
//! the markup and scripts exists, and every error code the core can return is translated.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui")
}

/// Keys of a catalogue file: every line of the form `'key': ...`.
fn catalogue_keys(lang: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(ui().join(format!("i18n/{lang}.js"))).unwrap();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix('\''))
        .filter_map(|l| l.split_once("':").map(|(k, _)| k.to_string()))
        .collect()
}

/// Every quoted string literal directly following `marker` (as a whole word) in `text`.
fn quoted_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
        })
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            let quote = rest
                .chars()
                .next()
                .filter(|q| matches!(q, '\'' | '"' | '`'))?;
            let body = &rest[1..];
            body.find(quote).map(|end| body[..end].to_string())
        })
        .collect()
}

#[test]
fn turkish_and_english_have_the_same_keys() {
    let tr = catalogue_keys("tr");
    let en = catalogue_keys("en");
    assert!(tr.len() > 10, "parsed too few keys: {}", tr.len());
    let only_tr: Vec<_> = tr.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&tr).collect();
    assert!(
        only_tr.is_empty() && only_en.is_empty(),
        "tr only: {only_tr:?}, en only: {only_en:?}"
    );
}

#[test]
fn every_core_error_code_is_translated() {
    let tr = catalogue_keys("tr");
    for code in hane_core::error::ALL_CODES {
        assert!(
            tr.contains(&format!("errors.{code}")),
            "no message for {code}"
        );
    }
}

#[test]
fn every_key_used_by_the_ui_exists() {
    let tr = catalogue_keys("tr");
    let mut used = Vec::new();
    let html = std::fs::read_to_string(ui().join("index.html")).unwrap();
    for marker in [
        "data-i18n=",
        "data-i18n-placeholder=",
        "data-i18n-aria-label=",
    ] {
        used.extend(quoted_after(&html, marker));
    }
    for entry in std::fs::read_dir(ui().join("js")).unwrap() {
        let js = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        used.extend(quoted_after(&js, "t("));
    }
    assert!(used.len() > 10, "found too few keys in use: {used:?}");
    let missing: Vec<_> = used.iter().filter(|k| !tr.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogue: {missing:?}"
    );
}
