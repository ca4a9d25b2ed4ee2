//! The two documents Hane writes from the case: the petition (Başvuru Dilekçesi) and the
//! summary sheet (Başvuru Özeti). Same input → same bytes (the date is the caller's).

use chrono::NaiveDateTime;

use super::labels::{self, display, doc_json};
use crate::case::{BasvuruTuru, BasvuruYeri, CaseDoc};
use crate::checklist::ChecklistItem;
use crate::deadlines::{Deadline, Status};
use crate::error::Result;
use crate::pdf::sheet::Sheet;
use crate::rules::identity::{latin_upper, turkish_upper};
use crate::rules::{Severity, Validation};

/// One file the bundle carries besides the petition and the summary: the petition's
/// EKLER and the summary's document list are printed from the same list the bundle
/// writes, so they cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file's name in the bundle (`02-Is-Sozlesmesi.pdf`).
    pub file: String,
    pub title: String,
    pub pages: u32,
}

/// Options for one generated document.
pub struct GenerateOptions {
    /// The date printed on the document and in its metadata.
    pub date: NaiveDateTime,
    /// Stamp "TASLAK / DRAFT" across every page (export with blocking findings left).
    pub draft: bool,
}

/// A Turkish citizen's name, upper-cased by Turkish rules (Ayşe Işık → AYŞE IŞIK).
fn name(ad: &str, soyad: &str) -> String {
    turkish_upper(format!("{ad} {soyad}").trim())
}

/// The foreigner's name keeps its passport's Latin letters (Maria → MARIA, not MARİA).
fn foreign_name(ad: &str, soyad: &str) -> String {
    latin_upper(format!("{ad} {soyad}").trim())
}

fn date_tr(d: NaiveDateTime) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A new sheet with the footer, stamped TASLAK / DRAFT when exporting a draft.
fn sheet(opts: &GenerateOptions, footer: &str) -> Sheet {
    let mut s = Sheet::new();
    if opts.draft {
        s.stamp("TASLAK / DRAFT");
    }
    s.footer(footer);
    s
}

/// Başvuru Dilekçesi, addressed to the Ministry's International Labour directorate,
/// with what the portal's "Sonuç" page summarises (000 B.4.5).
pub fn petition(
    doc: &CaseDoc,
    attachments: &[Attachment],
    opts: &GenerateOptions,
) -> Result<Vec<u8>> {
    let j = doc_json(doc);
    let mut s = sheet(opts, "Başvuru Dilekçesi — Hane ile hazırlanmıştır");
    s.bold("T.C.");
    s.bold("ÇALIŞMA VE SOSYAL GÜVENLİK BAKANLIĞI");
    s.bold("Uluslararası İşgücü Genel Müdürlüğüne");
    s.right(&date_tr(opts.date));
    s.space(8.0);
    let kind = match (doc.basvuru.yer, doc.basvuru.tur) {
        (Some(BasvuruYeri::YurtIci), Some(BasvuruTuru::Uzatma)) => "çalışma izni uzatma",
        (Some(BasvuruYeri::YurtDisi), _) => "yurt dışından çalışma izni",
        _ => "çalışma izni",
    };
    s.para(&format!(
        "Konu: Ev hizmetlerinde yabancı çalıştırma — {kind} talebi"
    ));
    let purpose = display(&j, "isyeri.amac");
    let months = doc
        .gorev
        .sure_ay
        .map(|m| format!("{m} ay"))
        .unwrap_or_else(|| "—".into());
    s.para(&format!(
        "Ev hizmetlerinde {} amacıyla, aşağıda bilgileri yer alan yabancı uyruklu {} adlı kişinin işyerimde {} süreyle çalışabilmesi için {} verilmesi hususunda gereğini arz ederim.",
        if purpose.is_empty() { "bakım".to_string() } else { purpose.to_lowercase() },
        foreign_name(&doc.kisisel.ad, &doc.kisisel.soyad),
        months,
        kind,
    ));

    s.heading("İŞVEREN");
    s.field("Adı Soyadı", &name(&doc.profil.ad, &doc.profil.soyad));
    s.field("T.C. Kimlik No", &doc.profil.tc_kimlik_no);
    s.field(
        "İşyeri adresi",
        format!("{} {}/{}", doc.isyeri.adres, doc.isyeri.ilce, doc.isyeri.il)
            .trim()
            .trim_matches('/'),
    );
    s.field("Cep telefonu", &doc.profil.cep_telefonu);
    s.field("E-posta", &doc.profil.eposta);

    s.heading("YABANCI ÇALIŞAN");
    s.field(
        "Adı Soyadı",
        &foreign_name(&doc.kisisel.ad, &doc.kisisel.soyad),
    );
    s.field("Uyruğu", &doc.kisisel.uyruk);
    s.field("Doğum tarihi", &display(&j, "kisisel.dogum_tarihi"));
    s.field("Yabancı Kimlik No", &doc.kisisel.yabanci_kimlik_no);
    s.field("Pasaport No", &doc.genel.pasaport_no);

    s.heading("TALEP");
    s.field(
        "Başvuru türü",
        format!(
            "{} — {}",
            display(&j, "basvuru.yer"),
            display(&j, "basvuru.tur")
        )
        .trim_matches([' ', '—']),
    );
    if doc.basvuru.yer == Some(BasvuruYeri::YurtDisi) {
        s.field("Referans numarası", &doc.basvuru.referans_no);
    }
    s.field("Görevi", &doc.gorev.meslek);
    s.field(
        "Bakımı yapılacak kişi",
        &format!(
            "{} ({})",
            name(&doc.gorev.bakilan_ad, &doc.gorev.bakilan_soyad),
            display(&j, "gorev.yakinlik")
        ),
    );
    s.field("Çalışma adresi", &doc.gorev.calisma_adresi);
    s.field("Aylık brüt ücret", &display(&j, "gorev.ucret"));
    s.field(
        "Çalışma şekli / tipi",
        &format!(
            "{} / {}",
            display(&j, "gorev.calisma_sekli"),
            display(&j, "gorev.calisma_tipi")
        ),
    );
    s.field("İstenen süre", &months);
    s.field("İstihdam gerekçesi", &doc.gorev.gerekce);

    // The closing and the signature stay with the text they sign: with the last
    // attachment line, never alone on a page (issue #34).
    let signature = 24.0 + 2.0 * Sheet::RIGHT_HEIGHT;
    if attachments.is_empty() {
        s.keep(60.0 + signature);
    }
    s.heading("EKLER");
    for (i, a) in attachments.iter().enumerate() {
        let line = format!("{}. {} ({} sayfa) — {}", i + 1, a.title, a.pages, a.file);
        if i + 1 == attachments.len() {
            s.keep(s.bullet_height(&line) + signature);
        }
        s.bullet(&line);
    }
    s.space(24.0);
    s.right(&name(&doc.profil.ad, &doc.profil.soyad));
    s.right("İşveren — e-İmza ile imzalanacaktır");
    s.finish("Başvuru Dilekçesi", opts.date)
}

/// Başvuru Özeti: every field by portal screen, what is still wrong, the documents and
/// the deadlines — to print and to transcribe from.
pub fn summary(
    doc: &CaseDoc,
    validation: &Validation,
    checklist: &[ChecklistItem],
    attachments: &[Attachment],
    deadlines: &[Deadline],
    opts: &GenerateOptions,
) -> Result<Vec<u8>> {
    let j = doc_json(doc);
    let mut s = sheet(opts, &format!("Başvuru Özeti — {}", date_tr(opts.date)));
    s.title(&format!(
        "Başvuru Özeti — {}",
        foreign_name(&doc.kisisel.ad, &doc.kisisel.soyad)
    ));
    let blocking = validation.blocking();
    s.para(&if blocking == 0 {
        "Durum: düzeltilmesi gereken sorun yok. Bu değerleri e-İzin'e aynen girin.".to_string()
    } else {
        format!("Durum: düzeltilmesi gereken {blocking} sorun var — aşağıdaki “Düzeltilecekler” listesine bakın.")
    });
    if let Some(le) = &validation.latest_end {
        s.para(&le.explanation.tr);
    }
    for (screen, fields) in labels::SCREENS {
        s.heading(screen);
        for (path, label) in *fields {
            let value = display(&j, path);
            if !value.is_empty() {
                s.field(label, &value);
            }
        }
    }
    if !validation.findings.is_empty() {
        s.heading("Düzeltilecekler");
        for f in &validation.findings {
            let sev = match f.severity {
                Severity::Blocking => "Düzeltilmesi gerekiyor",
                Severity::Warning => "Uyarı",
                Severity::Info => "Bilgi",
            };
            let source = crate::rules::catalog::rule(f.rule).map_or_else(String::new, |r| {
                format!(" ({})", crate::sources::label(r.source).tr)
            });
            s.bullet(&format!(
                "[{sev}] {}: {}{source}",
                super::labels::field(f.field).unwrap_or(f.field),
                f.message.tr
            ));
        }
    }
    // What the bundle carries (the petition's EKLER, the same list), then what it lacks.
    s.heading("Paketteki belgeler");
    for a in attachments {
        s.bullet(&format!("{} — {} sayfa — {}", a.title, a.pages, a.file));
    }
    let missing: Vec<&ChecklistItem> = checklist.iter().filter(|i| i.document.is_none()).collect();
    if !missing.is_empty() {
        s.heading("Eksik belgeler");
        for item in missing {
            s.bullet(&format!("{} — eksik", item.title_tr));
        }
    }
    let open: Vec<&Deadline> = deadlines
        .iter()
        .filter(|d| d.status != Status::Done)
        .collect();
    if !open.is_empty() {
        s.heading("Süreler");
        for d in open {
            s.bullet(&format!(
                "{} — {} (son gün {}; kaynak: {})",
                d.title.tr,
                d.action.tr,
                d.due.format("%d.%m.%Y"),
                d.source_label.tr
            ));
        }
    }
    s.finish("Başvuru Özeti", opts.date)
}
