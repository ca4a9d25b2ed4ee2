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
    // `<key>.one` is the singular a language may add (English "1 page"; Turkish has none).
    let plural = |k: &&String| !k.ends_with(".one");
    let only_tr: Vec<_> = tr.difference(&en).filter(plural).collect();
    let only_en: Vec<_> = en.difference(&tr).filter(plural).collect();
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
fn every_third_party_notice_says_what_it_is_for() {
    // The About box looks these keys up by the notice's id.
    for lang in ["tr", "en"] {
        let keys = catalogue_keys(lang);
        for n in hane_core::notices::ALL {
            assert!(
                keys.contains(&format!("about.notice.{}", n.id)),
                "{lang}: no text for notice {}",
                n.id
            );
        }
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
    // Keys built at run time (`step.${id}`) are checked from the schema below.
    used.retain(|k| !k.contains("${"));
    assert!(used.len() > 10, "found too few keys in use: {used:?}");
    let missing: Vec<_> = used.iter().filter(|k| !tr.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogue: {missing:?}"
    );
}

/// Every quoted string in `text` (single or double quotes), in order.
fn string_literals(text: &str, quote: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(quote) {
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

const SCREENS: [&str; 6] = ["profil", "isyeri", "basvuru", "kisisel", "genel", "gorev"];

fn is_field_path(s: &str) -> bool {
    (s == "portal_taslak_tarihi" || SCREENS.iter().any(|p| s.starts_with(&format!("{p}."))))
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
}

#[test]
fn every_wizard_field_step_and_option_has_text() {
    let tr = catalogue_keys("tr");
    let schema = std::fs::read_to_string(ui().join("js/schema.js")).unwrap();
    let mut needed: Vec<String> = Vec::new();
    for lit in string_literals(&schema, '\'') {
        if is_field_path(&lit) {
            needed.push(format!("field.{lit}"));
        }
    }
    for step in SCREENS
        .iter()
        .chain(["fotograf", "belgeler", "ozet", "takip"].iter())
    {
        needed.push(format!("step.{step}"));
    }
    for step in SCREENS {
        needed.push(format!("help.{step}"));
    }
    for sev in ["blocking", "warning", "info"] {
        needed.push(format!("severity.{sev}"));
    }
    // OPTIONS: lines like `  amac: ['yasli_bakimi', ...],` between `OPTIONS = {` and `};`.
    let options = &schema[schema.find("OPTIONS = {").unwrap()..];
    let options = &options[..options.find("};").unwrap()];
    for line in options.lines().skip(1) {
        if let Some((name, values)) = line.trim().split_once(": [") {
            for v in string_literals(values, '\'') {
                needed.push(format!("opt.{name}.{v}"));
            }
        }
    }
    assert!(
        needed.len() > 100,
        "parsed too little of the schema: {}",
        needed.len()
    );
    let missing: Vec<_> = needed.iter().filter(|k| !tr.contains(*k)).collect();
    assert!(missing.is_empty(), "no text for: {missing:?}");
}

#[test]
fn every_field_the_rules_name_has_a_label() {
    let tr = catalogue_keys("tr");
    let rules = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../crates/hane-domain/src/rules/mod.rs"),
    )
    .unwrap();
    let fields: BTreeSet<String> = string_literals(&rules, '"')
        .into_iter()
        .filter(|s| is_field_path(s))
        .collect();
    assert!(fields.len() > 30, "parsed too few fields: {fields:?}");
    let missing: Vec<_> = fields
        .iter()
        .filter(|f| !tr.contains(&format!("field.{f}")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules name fields without a label: {missing:?}"
    );
}

#[test]
fn only_the_backend_module_talks_to_the_backend() {
    for entry in std::fs::read_dir(ui().join("js")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "backend.js" {
            continue;
        }
        let js = std::fs::read_to_string(&path).unwrap();
        for forbidden in [
            "__TAURI__",
            "__TAURI_INTERNALS__",
            "invoke(",
            "fetch(",
            "XMLHttpRequest",
        ] {
            assert!(
                !js.contains(forbidden),
                "{} uses {forbidden}",
                path.display()
            );
        }
    }
}

/// The Turkish labels the core prints on the petition and summary are the UI's own.
#[test]
fn pdf_labels_match_the_turkish_catalogue() {
    let catalogue = std::fs::read_to_string(ui().join("i18n/tr.js")).unwrap();
    let label_of = |key: &str| -> Option<String> {
        let marker = format!("'{key}': '");
        let start = catalogue.find(&marker)? + marker.len();
        let rest = &catalogue[start..];
        Some(rest[..rest.find("',")?].replace("\\'", "'"))
    };
    let mut checked = 0;
    for (_, fields) in hane_core::paperwork::labels::SCREENS {
        for (path, label) in *fields {
            assert_eq!(
                label_of(&format!("field.{path}")).as_deref(),
                Some(*label),
                "{path}"
            );
            checked += 1;
        }
    }
    assert!(checked > 40);
    let schema = std::fs::read_to_string(ui().join("js/schema.js")).unwrap();
    let options = &schema[schema.find("OPTIONS = {").unwrap()..];
    let options = &options[..options.find("};").unwrap()];
    for line in options.lines().skip(1) {
        if let Some((name, values)) = line.trim().split_once(": [") {
            for v in string_literals(values, '\'') {
                assert_eq!(
                    label_of(&format!("opt.{name}.{v}")).as_deref(),
                    hane_core::paperwork::labels::option(&v),
                    "opt.{name}.{v}"
                );
            }
        }
    }
}

/// `schema.js`'s option lists: `name: ['a', 'b', …]` for each list.
fn schema_options() -> Vec<(String, Vec<String>)> {
    let schema = std::fs::read_to_string(ui().join("js/schema.js")).unwrap();
    let options = &schema[schema.find("OPTIONS = {").unwrap()..];
    let options = &options[..options.find("};").unwrap()];
    options
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, values) = line.trim().split_once(": [")?;
            Some((name.to_string(), string_literals(values, '\'')))
        })
        .collect()
}

/// Every variant's serde name of the enum `T`, read from serde's own error for an
/// unknown variant ("expected one of `a`, `b`"): no list kept by hand.
fn serde_variants<T: serde::de::DeserializeOwned>() -> Vec<String> {
    let err = serde_json::from_str::<T>("\"zz-not-a-variant\"")
        .err()
        .expect("an unknown variant is refused")
        .to_string();
    let expected = &err[err.find("expected").expect("serde lists the variants")..];
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The UI's option lists are the core's enums, value for value and in the same order
/// (a value the core does not know would fail every save; a missing one could not be
/// chosen).
#[test]
fn ui_option_lists_are_the_cores_enums() {
    use hane_core::case::*;
    let rust: Vec<(&str, Vec<String>)> = vec![
        ("amac", serde_variants::<BakimAmaci>()),
        ("yer", serde_variants::<BasvuruYeri>()),
        ("tur", serde_variants::<BasvuruTuru>()),
        ("cinsiyet", serde_variants::<Cinsiyet>()),
        ("ikamet", serde_variants::<IkametTuru>()),
        ("medeni", serde_variants::<MedeniDurum>()),
        ("egitim", serde_variants::<EgitimDurumu>()),
        ("yakinlik", serde_variants::<Yakinlik>()),
        ("vasilik", serde_variants::<Vasilik>()),
        ("sekil", serde_variants::<CalismaSekli>()),
        ("tip", serde_variants::<CalismaTipi>()),
    ];
    let ui = schema_options();
    assert_eq!(
        ui.len(),
        rust.len(),
        "schema.js lists {} option lists",
        ui.len()
    );
    for (name, variants) in rust {
        let listed = ui
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("schema.js has no option list {name}"));
        assert!(variants.len() >= 2, "{name}: {variants:?}");
        assert_eq!(listed, variants, "schema.js OPTIONS.{name}");
    }
}

/// The UI's own copy of the file-size limit equals the core's.
#[test]
fn ui_limits_match_the_core() {
    let js = std::fs::read_to_string(ui().join("js/limits.js")).unwrap();
    let value = js
        .lines()
        .find_map(|l| l.strip_prefix("export const MAX_FILE_BYTES = "))
        .and_then(|v| v.trim_end_matches(';').parse::<usize>().ok())
        .expect("limits.js exports MAX_FILE_BYTES as a number");
    assert_eq!(value, hane_core::limits::MAX_FILE_BYTES);
}

/// `startRender` (ui/js/dom.js), run by Node: a render that a newer render of the same
/// container, or the container leaving the page, has overtaken reports itself stale, so
/// its late result is dropped (issue #18: a slow photo analysis must not overwrite the
/// step the user moved to).
#[test]
fn a_late_render_is_dropped() {
    let dom = ui().join("js/dom.js");
    let script = format!(
        r#"
        const {{ startRender }} = await import({url:?});
        const step = {{ isConnected: true }};
        const photo = startRender(step);          // the photo step starts loading
        const checks = [photo()];
        const screen = startRender(step);         // the user moves to another step
        checks.push(!photo(), screen());
        const box = {{ isConnected: true }};
        const exp = startRender(box);
        box.isConnected = false;                  // its step was left: box is detached
        checks.push(!exp());
        const other = startRender({{ isConnected: true }});
        checks.push(other(), screen());           // containers do not affect each other
        console.log(JSON.stringify(checks));
        "#,
        url = format!("file://{}", dom.display())
    );
    let out = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .expect("node (installed with npm by cargo xtask test) runs the UI's module");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "[true,true,true,true,true,true]"
    );
}

/// The case list shows each status by its `status.<name>` key (built from the core's value,
/// so no literal key names it): every status the core has, in both languages.
#[test]
fn every_case_status_has_text() {
    let (tr, en) = (catalogue_keys("tr"), catalogue_keys("en"));
    let statuses = serde_variants::<hane_core::status::CaseStatus>();
    assert!(statuses.len() >= 9, "{statuses:?}");
    for s in statuses {
        let key = format!("status.{s}");
        assert!(tr.contains(&key) && en.contains(&key), "no text for {key}");
    }
}

/// Users read document names, never a seed file or a bare seed number (issue #20): every
/// catalogue text, the markup and the scripts' literals.
#[test]
fn no_ui_text_names_a_seed() {
    let mut files = vec![
        ui().join("i18n/tr.js"),
        ui().join("i18n/en.js"),
        ui().join("index.html"),
    ];
    for entry in std::fs::read_dir(ui().join("js")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            // Comments are for developers, who cite seeds on purpose.
            if code.starts_with("//") || code.starts_with('*') || code.starts_with("/*") {
                continue;
            }
            if let Some(found) = hane_core::sources::leaks_a_seed_code(line) {
                panic!("{}:{}: {found:?}", path.display(), n + 1);
            }
        }
    }
}

/// Issue #34: a date that is not in the calendar says so (31.02.1966: February has no
/// 31st), apart from one written the wrong way; the UI's own module, run by node.
#[test]
fn an_impossible_date_says_which_part_is_wrong() {
    let schema = ui().join("js/schema.js");
    let script = format!(
        r#"
        const {{ dateProblem, parseDate }} = await import({url:?});
        console.log(JSON.stringify([
          dateProblem('31.02.1966'), dateProblem('29.02.2024'), dateProblem('29.02.2023'),
          dateProblem('12.13.2020'), dateProblem('1966/02/31'), dateProblem(''),
          parseDate('31.02.1966') === undefined,
        ]));
        "#,
        url = format!("file://{}", schema.display())
    );
    let out = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .expect("node runs the UI's module");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        r#"[{"code":"day","day":31,"month":2,"year":1966,"last":28},null,{"code":"day","day":29,"month":2,"year":2023,"last":28},{"code":"month","month":13},{"code":"format"},null,true]"#
    );
    for lang in ["tr", "en"] {
        let keys = catalogue_keys(lang);
        for key in ["errors.date.noSuchDay", "errors.date.noSuchMonth"] {
            assert!(keys.contains(key), "{lang}: {key}");
        }
    }
}
