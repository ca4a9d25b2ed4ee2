//! The employment contract drafted from the case, Turkish beside the caregiver's language,
//! and the caregiver's pack (issue #35), as PDF/A on `hane-pdf`'s sheet: the text comes
//! from `hane_domain::contract`, the layout is here.

use chrono::NaiveDateTime;

use crate::case::{MaddeMetni, SozlesmeDegerleri};
use crate::contract::{caregiver_pack, contract_text, Lang};
use crate::error::Result;
use crate::pdf::sheet::Sheet;

/// The contract's PDF. Each section's heading and paragraphs stand in two columns (one
/// when `lang` is Turkish); every page carries the line for the caregiver's signature; the
/// signature block is kept together at the end.
pub fn contract(
    v: &SozlesmeDegerleri,
    edited: &std::collections::BTreeMap<String, MaddeMetni>,
    lang: Lang,
    nationality_en: &str,
    date: NaiveDateTime,
) -> Result<Vec<u8>> {
    let text = contract_text(v, edited, lang, nationality_en);
    let mut s = Sheet::new();
    s.footer(&format!(
        "İş sözleşmesi taslağı — Hane ile hazırlanmıştır — {}",
        date.format("%d.%m.%Y")
    ));
    s.page_line(&text.page_signature);
    s.pair(&text.title.0, &text.title.1, true);
    s.space(4.0);
    s.pair(&text.notice.0, &text.notice.1, false);
    for section in &text.sections {
        // A heading never ends a page: it goes with its first paragraph.
        let first = section
            .paragraphs
            .first()
            .map_or(0.0, |(a, b)| s.pair_height(a, b, false));
        s.keep(s.pair_height(&section.heading.0, &section.heading.1, true) + first + 10.0);
        s.space(6.0);
        s.pair(&section.heading.0, &section.heading.1, true);
        for (tr, other) in &section.paragraphs {
            s.pair(tr, other, false);
        }
    }
    // The signature block: both parties, their names, a line to sign and the date.
    let [employer, employee, sign, day] = &text.signatures;
    let label = |(a, b): &(String, String)| {
        if b.is_empty() {
            a.clone()
        } else {
            format!("{a} / {b}")
        }
    };
    s.keep(120.0);
    s.space(18.0);
    s.pair(&label(employer), &label(employee), true);
    s.pair(&v.employer, &v.caregiver, false);
    s.space(10.0);
    let line = |l: &(String, String)| format!("{}: ______________________", label(l));
    s.pair(&line(sign), &line(sign), false);
    s.space(6.0);
    s.pair(&line(day), &line(day), false);
    s.finish("İş Sözleşmesi (taslak)", date)
}

/// The caregiver's pack in one language: what to send back and how.
pub fn pack(doc: &crate::case::CaseDoc, lang: Lang, date: NaiveDateTime) -> Result<Vec<u8>> {
    let p = caregiver_pack(doc, lang);
    let mut s = Sheet::new();
    s.footer(&format!("Hane — {}", date.format("%d.%m.%Y")));
    s.title(&p.title);
    s.para(&p.intro);
    for (heading, steps) in &p.items {
        s.heading(heading);
        for step in steps {
            s.bullet(step);
        }
    }
    s.space(10.0);
    s.para(&p.closing);
    s.finish(&p.title, date)
}
