//! The deadline engine: every date the guide gives the user to act by, computed from the
//! case and its recorded events as a pure function of "today" (the clock is injected).
//!
//! Counting: "within N days" of an event on day E means the last day to act is E + N
//! (calendar days, Turkey's date — see [`crate::clock`]). The consulate reference's "valid
//! 30 days" is counted the same way (issue + 30); its action names the safe day before.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::case::{BasvuruYeri, CaseDoc};
use crate::quotes::{Note, Quote};
use crate::rules::catalog::EXTENSION_END;
use crate::rules::{draft_last_days, ExtensionWindow, Text, WARN_DAYS};
use crate::tracking::{effective, Event, EventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Past its last day and not done.
    Overdue,
    /// Past the safe last day, inside the days a reading the sources leave open may still
    /// allow (`late_until`): late, may or may not be accepted.
    Late,
    /// Running now.
    Open,
    /// A window that has not opened yet (renewal).
    Upcoming,
    /// Done: the event that answers it was recorded.
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    /// Stable kind, e.g. `eksik_evrak`.
    pub kind: &'static str,
    pub title: Text,
    /// What to do, in plain words.
    pub action: Text,
    /// Seed number and section the deadline comes from (see [`crate::sources`]); for
    /// developers and `hane-cli`, never shown in the window.
    pub source: &'static str,
    /// The source as users read it ("Bakanlık kılavuzu (Ev Hizmetleri), B.5.1.1").
    pub source_label: Text,
    /// The source's sentences the deadline comes from, word for word.
    pub quotes: &'static [Quote],
    /// Hane's own reading of them, shown apart from the quotes.
    pub note: Option<Note>,
    /// The day counting starts from.
    pub counts_from: NaiveDate,
    /// For windows: the first day one may act.
    pub opens: Option<NaiveDate>,
    /// The last day to act: where the sources read two ways, the safe one.
    pub due: NaiveDate,
    /// Where the sources read two ways: the last day the other reading allows. From the
    /// day after `due` to this day the status is `late`, after it `overdue`.
    pub late_until: Option<NaiveDate>,
    /// `due − today` in calendar days; negative when overdue.
    pub days_left: i64,
    pub status: Status,
    /// Within the warning period (7 days), late or overdue, and not done.
    pub urgent: bool,
}

/// Where each kind of deadline comes from: the citation, the source's sentences, and
/// Hane's reading of them where it adds one.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineSource {
    pub kind: &'static str,
    pub source: &'static str,
    pub quotes: &'static [Quote],
    pub note: Option<Note>,
}

const fn q(source: &'static str, text: &'static str) -> Quote {
    Quote { source, text }
}

/// Every deadline kind Hane computes; [`deadlines`] takes each one's source from here.
pub const SOURCES: &[DeadlineSource] = &[
    DeadlineSource {
        kind: "referans",
        source: "000 B.3.2 Uyarı",
        quotes: &[q("000 B.3.2 Uyarı", "Referans numarasının geçerlilik süresi 30 gündür. Kullanılan veya geçerlilik süresi aşılan referans numarası ile başvuru yapılamamaktadır.")],
        note: Some(Note {
            tr: "Hane son günü düzenlenme + 30 olarak sayar; düzenlenme günü 1. gün sayılırsa bir gün öncesidir, bu yüzden güvenli son günü de söyler.",
            en: "Hane counts issue + 30 as the last day; if the issue day counts as day 1 it is one day earlier, so Hane names that safe day too.",
        }),
    },
    DeadlineSource {
        kind: "taslak",
        source: "000 B.4.6 Not",
        quotes: &[q("000 B.4.6 Not", "Not: Bir aydan fazla taslak olarak kalan başvuruların kaydı silinecektir.")],
        note: Some(Note {
            tr: "Hane: kaydedildikten bir takvim ayı sonrası son gündür. Ayın 29–31'inde kaydedilen taslakta bu iki türlü okunur; son gün erken okumaya göre verilir, iki okuma arasındaki günler “geç — silinmiş olabilir” sayılır.",
            en: "Hane: one calendar month after saving is the last day. For a draft saved on the 29th–31st this reads two ways; the last day follows the earlier reading, and the days between the two count as “late — may already be deleted”.",
        }),
    },
    DeadlineSource {
        kind: "e_imza",
        source: "000 A",
        quotes: &[q("000 A", "Başvuru sırasında, tercih ettiğiniz elektronik imza paketini (1, 2 veya 3 yıllık) seçerek ilgili ücretin ödemesini yapmanız gerekmektedir.")],
        note: Some(Note {
            tr: "Bitiş tarihi, sizin kaydettiğiniz sertifika bitişidir; başvuru ve itiraz e-İmza ile imzalanır.",
            en: "The end date is the certificate end you recorded; the application and any objection are signed with the e-İmza.",
        }),
    },
    DeadlineSource {
        kind: "eksik_evrak",
        source: "000 B.5.1.1",
        quotes: &[q("000 B.5.1.1", "Yapmış olduğunuz başvurunun değerlendirilmesi sürecinde talep edilen belge/belgelerin en geç 30 günlük süre içerisinde yüklenebileceği alandır.")],
        note: None,
    },
    DeadlineSource {
        kind: "guncelleme",
        source: "000 B.5.1.2",
        quotes: &[q("000 B.5.1.2", "“Başvuru Durumu” altında belirtilen güncellemenin en geç 30 günlük süre içerisinde “Güncelleme İşlemlerine Devam Et” butonu kullanılarak yapılması gerekmektedir.")],
        note: None,
    },
    DeadlineSource {
        kind: "harc",
        source: "000 B.5.1.3; B.6.1",
        quotes: &[
            q("000 B.5.1.3", "Belirtilen tutarların en geç 30 gün içerisinde ödenmesi gerekmekte olup aksi halde başvurunuz reddedilecektir."),
            q("000 B.6.1 Uyarı", "Uyarı: Çalışma izni harç tutarı ve değerli kâğıt bedelinin istenen miktardan eksik veya fazla yatırılması halinde işlem sonuçlandırılamamaktadır."),
        ],
        note: None,
    },
    DeadlineSource {
        kind: "itiraz",
        source: "000 B.5.2.2",
        quotes: &[q("000 B.5.2.2", "İlk aşamada reddedilmiş başvurularınıza, geçerli bir gerekçenizin bulunması ve bunu kanıtlayıcı bilgi ve belgeleri sunabilmeniz halinde 30 günlük yasal süresi içerisinde itiraz başvurunuzu “Redde İtiraz Et” butonuna tıklayarak başlatabilirsiniz.")],
        note: None,
    },
    DeadlineSource {
        kind: "kayip_kart",
        source: "000 B.7.3",
        quotes: &[q("000 B.7.3", "Ödeme işleminin 30 gün içerisinde yapılması gerekmektedir. 492 sayılı Harçlar Kanunu’nun 90’ıncı maddesi uyarınca, çalışma izni belgesi kaybedildiğinde yeniden basılması için harç tutarının yarısı ile değerli kâğıt bedelinin tamamı güncel tutarlar üzerinden tahsil edilir.")],
        note: None,
    },
    DeadlineSource {
        kind: "sonlandirma",
        source: "000 B.7.4 Not",
        quotes: &[q("000 B.7.4 Not", "Çalışma izninin sona ermesini veya iptalini gerektirecek hâllerin ise on beş gün içinde Bakanlığa bildirilmesi zorunludur.")],
        note: None,
    },
    DeadlineSource {
        kind: "uzatma",
        source: "004 Çalışma izni uzatma başvurusu; 000 B.4.3 Not",
        quotes: &[
            q("004 Çalışma izni uzatma başvurusu", "Çalışma izni uzatma talebinin izin bitiş tarihinden geçmişe doğru 2 aylık süre içerisinde yapılması zorunluluğu bulunmaktadır."),
            EXTENSION_END[0],
            EXTENSION_END[1],
            q("000 B.4.3 Not", "Not: Çalışma izni ilk başvuruda en fazla 1 yıl; uzatma başvurusunda ise ilk uzatmada 2 yıl, daha sonraki uzatmalarda ise 3 yıla kadar düzenlenebilmektedir."),
        ],
        note: Some(Note {
            tr: "Kaynak bitiş hakkında kendisiyle çelişiyor. Hane: uyulacak son gün bitişten bir önceki gündür; bitiş günü ve sonraki 15 gün “geç — kabul edilebilir de edilmeyebilir de”; sonrasında uzatma değil, ilk başvuru gerekir.",
            en: "The source contradicts itself on the end. Hane: the day to act by is the day before the end; the end day and the 15 days after it are “late — may or may not be accepted”; after that it is no longer an extension but a first application.",
        }),
    },
    DeadlineSource {
        kind: "pasaport",
        source: "000 B.4.2",
        quotes: &[q("000 B.4.2", "Çalışma izni, yabancının beyan ettiği pasaportun son geçerlilik tarihinden 60 gün öncesine kadar düzenlenebilir.")],
        note: Some(Note {
            tr: "Hane, yurt dışında pasaport yenilemek haftalar sürebildiği için 6 ay önceden hatırlatır; kılavuz bir süre vermez.",
            en: "Hane reminds 6 months ahead because renewing a passport abroad can take weeks; the guide gives no lead time.",
        }),
    },
    DeadlineSource {
        kind: "ikamet",
        source: "004 Oturum izni uzatma",
        quotes: &[q("004 Oturum izni uzatma", "Birleşik Arap Emirlikleri vatandaşlarının ikamet süresi dolmasına 60 gün kalmasını itibariyle oturum izni uzatma başvurusunda bulunmaları gerekmektedir.")],
        note: Some(Note {
            tr: "Danışmanlık rehberi bunu BAE vatandaşları için yazar; Hane aynı 60 günü herkes için hatırlatma olarak kullanır, kural olarak değil.",
            en: "The consultancy guide writes this for UAE citizens; Hane uses the same 60 days as a reminder for everyone, not as a rule.",
        }),
    },
];

fn source_of(kind: &str) -> &'static DeadlineSource {
    SOURCES
        .iter()
        .find(|s| s.kind == kind)
        .unwrap_or_else(|| panic!("deadline kind {kind} has no source in SOURCES"))
}

fn t(tr: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        tr: tr.into(),
        en: en.into(),
    }
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

fn minus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

fn tl(kurus: i64) -> String {
    crate::money::format_tl(kurus)
}

struct Builder {
    today: NaiveDate,
    out: Vec<Deadline>,
}

/// When a deadline runs: from `counts_from` (a window: from `opens`) to `due`, or late
/// until `late_until` where the sources read two ways.
struct Span {
    counts_from: NaiveDate,
    opens: Option<NaiveDate>,
    due: NaiveDate,
    late_until: Option<NaiveDate>,
}

impl Span {
    fn by(counts_from: NaiveDate, due: NaiveDate) -> Span {
        Span {
            counts_from,
            opens: None,
            due,
            late_until: None,
        }
    }
}

impl Builder {
    fn add(&mut self, kind: &'static str, span: Span, done: bool, title: Text, action: Text) {
        let src = source_of(kind);
        let days_left = (span.due - self.today).num_days();
        let status = if done {
            Status::Done
        } else if days_left < 0 {
            if span.late_until.is_some_and(|l| self.today <= l) {
                Status::Late
            } else {
                Status::Overdue
            }
        } else if span.opens.is_some_and(|o| self.today < o) {
            Status::Upcoming
        } else {
            Status::Open
        };
        let urgent = matches!(status, Status::Overdue | Status::Late | Status::Open)
            && days_left <= WARN_DAYS as i64;
        self.out.push(Deadline {
            kind,
            title,
            action,
            source: src.source,
            source_label: crate::sources::label(src.source),
            quotes: src.quotes,
            note: src.note,
            counts_from: span.counts_from,
            opens: span.opens,
            due: span.due,
            late_until: span.late_until,
            days_left,
            status,
            urgent,
        });
    }

    /// A request answered by the first later `answer` event: `days` to act.
    #[allow(clippy::too_many_arguments)]
    fn request(
        &mut self,
        events: &[&Event],
        i: usize,
        answered_by: &[&str],
        days: u64,
        kind: &'static str,
        title: Text,
        action: Text,
    ) {
        let e = events[i];
        let done = events[i + 1..]
            .iter()
            .any(|later| answered_by.contains(&later.kind.name()));
        self.add(
            kind,
            Span::by(e.date, plus(e.date, days)),
            done,
            title,
            action,
        );
    }
}

/// Every deadline of one case, most urgent first (overdue, then open by due date, then
/// upcoming, then done).
pub fn deadlines(doc: &CaseDoc, events: &[Event], today: NaiveDate) -> Vec<Deadline> {
    let mut b = Builder {
        today,
        out: Vec::new(),
    };
    let events = effective(events);
    let submitted = events.iter().any(|e| e.kind.name() == "basvuru_yapildi");

    // Before submission: the consulate reference and the portal draft.
    if doc.basvuru.yer == Some(BasvuruYeri::YurtDisi) {
        if let Some(issued) = doc.basvuru.referans_tarihi {
            let safe = plus(issued, 29);
            b.add(
                "referans",
                Span::by(issued, plus(issued, 30)),
                submitted,
                t("Dış temsilcilik referans numarasının geçerliliği", "Consulate reference number validity"),
                t(
                    format!("Başvuruyu e-İmza ile tamamlayın; güvenli son gün {} (düzenlenme günü 1. gün sayılırsa). Süre geçerse yeni referans numarası gerekir.", safe.format("%d.%m.%Y")),
                    format!("Complete the application with e-İmza; the safe last day is {} (if the issue day counts as day 1). After it a new reference number is needed.", safe.format("%d.%m.%Y")),
                ),
            );
        }
    }
    if let Some(saved) = doc.portal_taslak_tarihi {
        // "Bir aydan fazla" kept drafts are deleted: saved + 1 month is the last day, on
        // the earlier of its two readings; the later one's days are late, not overdue.
        let (last_day, later) = draft_last_days(saved);
        let action = if today > last_day && today <= later {
            t(
                format!("Taslak silinmiş olabilir: “bir aydan fazla” iki türlü okunur, diğer okumaya göre son gün {}. Portalda hemen bakın; taslak yoksa başvuruyu yeniden başlatın.", later.format("%d.%m.%Y")),
                format!("The draft may already be deleted: “more than one month” reads two ways, and by the other reading the last day is {}. Look on the portal at once; if the draft is gone, start the application again.", later.format("%d.%m.%Y")),
            )
        } else {
            t(
                "Taslağı bu tarihe kadar tamamlayın; bir aydan fazla kalan taslaklar silinir.",
                "Complete the draft by this day; drafts kept more than one month are deleted.",
            )
        };
        b.add(
            "taslak",
            Span {
                late_until: (later > last_day).then_some(later),
                ..Span::by(saved, last_day)
            },
            submitted,
            t("Portaldaki taslağın silinmesi", "Portal draft deletion"),
            action,
        );
    }

    for (i, e) in events.iter().enumerate() {
        match &e.kind {
            EventKind::EImzaAlindi { expires: Some(exp) } => b.add(
                "e_imza",
                Span::by(e.date, *exp),
                false,
                t("e-İmza sertifikasının süresi", "e-İmza certificate validity"),
                t("Başvuruyu ve itirazları bu tarihten önce imzalayın; sonra PTT'den yenileyin.", "Sign the application and any objection before this day; renew it at PTT after."),
            ),
            EventKind::EksikEvrakIstendi { istenen } => {
                let asked = if istenen.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!(" İstenen: {istenen}."), format!(" Requested: {istenen}."))
                };
                b.request(
                    &events,
                    i,
                    &["eksik_evrak_yuklendi"],
                    30,
                    "eksik_evrak",
                    t("Eksik evrak yükleme", "Upload missing documents"),
                    t(
                        format!("İstenen belgeleri PDF olarak “Eksik Evrak Yükleme İşlemine Devam Et” ile yükleyin; Hane'de Belge Yükleme adımındaki “Eksik evrak” yerinde hazırlayabilirsiniz.{}", asked.0),
                        format!("Upload the requested documents as PDF with “Eksik Evrak Yükleme İşlemine Devam Et”; prepare the PDF in the “Missing documents” slot of Hane's Document upload step.{}", asked.1),
                    ),
                );
            }
            EventKind::GuncellemeIstendi => b.request(
                &events,
                i,
                &["guncelleme_yapildi"],
                30,
                "guncelleme",
                t("İstenen güncelleme", "Requested update"),
                t("“Başvuru Durumu”nda belirtilen güncellemeyi “Güncelleme İşlemlerine Devam Et” ile yapın.", "Make the update named under “Başvuru Durumu” with “Güncelleme İşlemlerine Devam Et”."),
            ),
            EventKind::HarcOdemesiIstendi { harc_kurus, degerli_kagit_kurus } => {
                let amounts = match (harc_kurus, degerli_kagit_kurus) {
                    (Some(h), Some(d)) => (
                        format!(" Harç: {} (hesap kodu 9130), değerli kâğıt bedeli: {} (hesap kodu 9267).", tl(*h), tl(*d)),
                        format!(" Permit fee: {} (account code 9130), card fee: {} (account code 9267).", tl(*h), tl(*d)),
                    ),
                    _ => (String::new(), String::new()),
                };
                b.request(
                    &events,
                    i,
                    &["harc_odendi"],
                    30,
                    "harc",
                    t("Harç ve değerli kâğıt bedeli ödemesi", "Fee payment"),
                    t(
                        format!("İki tutarı ayrı ayrı ve tam olarak ödeyin: Dijital Vergi Dairesi'nde “Uluslararası İşgücü Genel Müdürlüğü”, 9 ile başlayan yabancı kimlik no ve işlem referans numarasıyla, ya da Ziraat/Halk/VakıfBank'ta her biri tek makbuzla. Eksik veya fazla ödeme işleme alınmaz; 30 gün içinde ödenmezse başvuru reddedilir.{}", amounts.0),
                        format!("Pay the two amounts separately and exactly: on Dijital Vergi Dairesi with “Uluslararası İşgücü Genel Müdürlüğü”, the foreigner number starting with 9 and the transaction reference, or at Ziraat/Halk/VakıfBank with one receipt each. More or less is not processed; unpaid after 30 days, the application is rejected.{}", amounts.1),
                    ),
                );
            }
            EventKind::Reddedildi => b.request(
                &events,
                i,
                &["itiraz_edildi", "itirazdan_feragat"],
                30,
                "itiraz",
                t("Redde itiraz süresi", "Objection to the rejection"),
                t("Geçerli bir gerekçeniz varsa gerekçe belgesini yükleyip e-İmza ile “Redde İtiraz Et”; istemiyorsanız “Redde İtirazdan Feragat Et”.", "If you have a valid reason, upload the justification and sign “Redde İtiraz Et” with e-İmza; otherwise “Redde İtirazdan Feragat Et”."),
            ),
            EventKind::KayipKartTalebi { harc_kurus, degerli_kagit_kurus } => {
                let fee = match (harc_kurus, degerli_kagit_kurus) {
                    (Some(h), Some(d)) => {
                        let total = crate::tracking::lost_card_fee_kurus(*h, *d);
                        (format!(" Ödenecek: {}.", tl(total)), format!(" To pay: {}.", tl(total)))
                    }
                    _ => (String::new(), String::new()),
                };
                b.request(
                    &events,
                    i,
                    &["kayip_kart_odendi"],
                    30,
                    "kayip_kart",
                    t("Kayıp kart ücreti ödemesi", "Lost-card fee payment"),
                    t(
                        format!("Harcın yarısı ile değerli kâğıt bedelinin tamamını (güncel tutarlar) ödeyip “Ödeme Bildirimi Yap” ile bildirin.{}", fee.0),
                        format!("Pay half the permit fee plus the whole card fee (current amounts), then report it with “Ödeme Bildirimi Yap”.{}", fee.1),
                    ),
                );
            }
            EventKind::SonaErdirenOlay => b.request(
                &events,
                i,
                &["izin_sonlandirma_bildirildi"],
                15,
                "sonlandirma",
                t("İznin sona ermesini bildirme", "Notify the end of the permit"),
                t("İzni sona erdiren veya iptalini gerektiren durumu “İzin Sonlandırma Talebi” ile bildirin (ileri tarihli olamaz).", "Report the event that ends or cancels the permit with “İzin Sonlandırma Talebi” (it cannot be future-dated)."),
            ),
            EventKind::Onaylandi { permit_end: Some(end), .. } => {
                let renewed = events[i + 1..].iter().any(|l| l.kind.name() == "basvuru_yapildi");
                // 004: "2 aylık süre" before the end; the stricter of its two readings of
                // the end (the day before it) is the due day, the end day and the 15 days
                // after it are late — the same days validation warns on (issue #33).
                let w = ExtensionWindow::of(*end);
                let (end_tr, end_en) = (end.format("%d.%m.%Y"), end.format("%d.%m.%Y"));
                let (late_tr, late_en) = (w.late_until.format("%d.%m.%Y"), w.late_until.format("%d.%m.%Y"));
                let action = if today > w.late_until {
                    t(
                        format!("İzin {end_tr} tarihinde bitti ve bitişten sonraki 15 gün de geçti: artık uzatma değil, “İlk başvuru” yapılır."),
                        format!("The permit ended on {end_en} and the 15 days after the end have passed too: this is no longer an extension but a first application."),
                    )
                } else if today > w.safe_last {
                    t(
                        format!("Geç kaldınız: izin {end_tr} tarihinde bitiyor/bitti. Kaynağın bir cümlesine göre {late_tr} dahil yapılan uzatma kabul edilir, diğerine göre bitiş gününden itibaren işleme alınmaz. Hemen başvurun; reddedilirse “İlk başvuru” gerekir."),
                        format!("You are late: the permit ends/ended on {end_en}. By one sentence of the source an extension filed up to {late_en} is accepted, by another none is processed from the end day. File at once; if it is refused, a first application is needed."),
                    )
                } else {
                    t(
                        "Uzatma başvurusu izin bitişinden 2 ay önce açılır; bitiş gününden önce yapın (kaynağa göre bitişten sonraki 15 gün kabul edilebilir de edilmeyebilir de). İlk uzatma en fazla 2 yıl, sonrakiler 3 yıl.",
                        "The extension opens 2 months before the permit ends; file it before the end day (by the source, the 15 days after the end may or may not be accepted). The first extension is up to 2 years, later ones 3.",
                    )
                };
                b.add(
                    "uzatma",
                    Span {
                        counts_from: *end,
                        opens: Some(w.opens),
                        due: w.safe_last,
                        late_until: Some(w.late_until),
                    },
                    renewed,
                    t("Uzatma başvurusu penceresi", "Extension window"),
                    action,
                );
            }
            _ => {}
        }
    }
    expiry_watch(&mut b, doc, &events);
    let mut out = b.out;
    out.sort_by_key(|d| (d.status, d.due));
    out
}

/// Kinds of the expiry watch: dates that end while the permit lives, with the action.
pub const WATCH_KINDS: [&str; 2] = ["pasaport", "ikamet"];

/// How long before the passport's permit limit Hane starts reminding. The guide gives no
/// lead time; a passport renewed at a consulate takes weeks to months.
const PASSPORT_LEAD_MONTHS: u32 = 6;

/// The expiry watch (issue #19). The passport, while a permit is in force: a permit can
/// run at most to 60 days before the passport's end (000 B.4.2), so the next extension
/// needs a new passport by then. The residence permit, while an in-country application
/// waits for its decision: the work permit stands for it only once approved (004). (The
/// permit's own end is the extension window above; the e-İmza's end is its own entry.)
fn expiry_watch(b: &mut Builder, doc: &CaseDoc, events: &[&Event]) {
    let has = |name: &str| events.iter().any(|e| e.kind.name() == name);
    let submitted = has("basvuru_yapildi");
    let approved = has("onaylandi");
    let closed =
        has("reddedildi") || has("itirazdan_feragat") || has("izin_sonlandirma_bildirildi");
    if closed {
        return;
    }
    if approved {
        if let Some(exp) = doc.genel.pasaport_bitis {
            let limit = minus(exp, 60);
            b.add(
                "pasaport",
                Span {
                    opens: Some(limit.checked_sub_months(Months::new(PASSPORT_LEAD_MONTHS)).unwrap_or(NaiveDate::MIN)),
                    ..Span::by(exp, limit)
                },
                false,
                t("Pasaportun süresi (izin en geç bitişinden 60 gün öncesine kadar)", "Passport validity (a permit runs at most to 60 days before it ends)"),
                t(
                    format!("Pasaport {} tarihinde bitiyor; çalışma izni en geç {} tarihine kadar verilebilir. Uzatma başvurusundan önce pasaportu yenileyin ve yeni pasaportun bilgilerini Hane'de güncelleyin.", exp.format("%d.%m.%Y"), limit.format("%d.%m.%Y")),
                    format!("The passport ends on {}; a work permit can run at most to {}. Renew the passport before the extension application and update its details in Hane.", exp.format("%d.%m.%Y"), limit.format("%d.%m.%Y")),
                ),
            );
        }
    } else if submitted && doc.basvuru.yer == Some(BasvuruYeri::YurtIci) {
        if let Some(end) = doc.kisisel.ikamet_bitis {
            b.add(
                "ikamet",
                Span {
                    opens: Some(minus(end, 60)),
                    ..Span::by(end, end)
                },
                false,
                t("İkamet izninin süresi (başvuru sonuçlanmadan)", "Residence permit validity (before the decision)"),
                t(
                    format!("İkamet izni {} tarihinde bitiyor ve çalışma izni henüz onaylanmadı. Sonuç bu tarihten önce gelmezse ikamet iznini süresi dolmadan uzatın (İl Göç İdaresi, e-İkamet).", end.format("%d.%m.%Y")),
                    format!("The residence permit ends on {} and the work permit is not approved yet. If the decision does not come before then, extend the residence permit before it ends (provincial migration office, e-İkamet).", end.format("%d.%m.%Y")),
                ),
            );
        }
    }
}

/// The deadlines of a case whose permit an extension case has taken over (that case is
/// submitted, issue #19): its extension window is done, and the expiry watch is the
/// extension's to keep.
pub fn taken_over(list: Vec<Deadline>) -> Vec<Deadline> {
    let mut out: Vec<Deadline> = list
        .into_iter()
        .filter(|d| !WATCH_KINDS.contains(&d.kind))
        .map(|mut d| {
            if d.kind == "uzatma" {
                d.status = Status::Done;
                d.urgent = false;
            }
            d
        })
        .collect();
    out.sort_by_key(|d| (d.status, d.due));
    out
}

/// The start-up reminder for the deadlines that are urgent (within 7 days or overdue):
/// a title and a body in the user's language, or `None` when nothing is urgent. Names are
/// left out: notifications can show on a locked screen.
pub fn reminder(urgent: &[&Deadline], lang: &str) -> Option<(String, String)> {
    let first = urgent.iter().min_by_key(|d| d.due)?;
    let overdue = urgent
        .iter()
        .filter(|d| d.status == Status::Overdue)
        .count();
    let (title, first_title) = if lang == "en" {
        (
            format!("Hane: {} deadline(s) need attention", urgent.len()),
            &first.title.en,
        )
    } else {
        (
            format!("Hane: {} süre dikkat istiyor", urgent.len()),
            &first.title.tr,
        )
    };
    let when = if lang == "en" {
        match first.days_left {
            d if d < 0 => format!("{} days overdue", -d),
            0 => "last day today".to_string(),
            d => format!("{d} days left"),
        }
    } else {
        match first.days_left {
            d if d < 0 => format!("{} gün geçti", -d),
            0 => "son gün bugün".to_string(),
            d => format!("{d} gün kaldı"),
        }
    };
    let extra = match (overdue, lang) {
        (0, _) => String::new(),
        (n, "en") => format!(" ({n} overdue)"),
        (n, _) => format!(" ({n} tanesi geçti)"),
    };
    Some((title, format!("{first_title}: {when}{extra}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn one(events: &[Event], today: NaiveDate, kind: &str) -> Deadline {
        let all = deadlines(&CaseDoc::default(), events, today);
        all.into_iter()
            .find(|x| x.kind == kind)
            .unwrap_or_else(|| panic!("no {kind}"))
    }

    fn submitted_and_approved() -> Vec<Event> {
        approved(d(2026, 1, 5), d(2026, 2, 1), d(2026, 2, 1), d(2027, 1, 31))
    }

    fn watch(doc: &CaseDoc, events: &[Event], today: NaiveDate, kind: &str) -> Option<Deadline> {
        deadlines(doc, events, today)
            .into_iter()
            .find(|x| x.kind == kind)
    }

    /// Every deadline Hane can show — one request of each kind after a submission, the
    /// watches, the windows before submission — names its source as a document, in words
    /// a user reads (issue #20).
    #[test]
    fn every_deadline_names_its_source_in_words() {
        use crate::sources::leaks_a_seed_code;
        use crate::tracking::{build_event, EventInput};
        let mut doc = CaseDoc::default();
        doc.basvuru.yer = Some(crate::case::BasvuruYeri::YurtDisi);
        doc.basvuru.referans_tarihi = Some(d(2026, 1, 2));
        doc.portal_taslak_tarihi = Some(d(2026, 1, 3));
        doc.genel.pasaport_bitis = Some(d(2027, 6, 1));
        let mut seen = std::collections::BTreeSet::new();
        let kinds = [
            "e_imza_alindi",
            "eksik_evrak_istendi",
            "guncelleme_istendi",
            "harc_odemesi_istendi",
            "onaylandi",
            "reddedildi",
            "kart_teslim_alindi",
            "kayip_kart_talebi",
            "sona_erdiren_olay",
        ];
        for kind in kinds {
            let mut events = vec![ev(
                1,
                d(2026, 1, 5),
                EventKind::BasvuruYapildi {
                    application_no: String::new(),
                },
            )];
            let input = EventInput {
                kind: kind.into(),
                expires: Some(d(2027, 1, 1)),
                harc: Some("1.000".into()),
                degerli_kagit: Some("500".into()),
                permit_start: Some(d(2026, 2, 1)),
                permit_end: Some(d(2027, 1, 31)),
                istenen: Some("Gelir belgesi".into()),
                ..EventInput::default()
            };
            let date = if kind == "e_imza_alindi" {
                d(2026, 1, 4)
            } else {
                d(2026, 1, 20)
            };
            let built = build_event(&input, date, d(2026, 1, 20), &events).unwrap();
            events.push(ev(2, date, built));
            for today in [d(2026, 1, 1), d(2026, 1, 21), d(2026, 12, 15)] {
                for x in deadlines(&doc, &events, today) {
                    seen.insert(x.kind);
                    for text in [
                        &x.title.tr,
                        &x.title.en,
                        &x.action.tr,
                        &x.action.en,
                        &x.source_label.tr,
                        &x.source_label.en,
                    ] {
                        assert_eq!(leaks_a_seed_code(text), None, "{}: {text}", x.kind);
                    }
                    assert_ne!(x.source_label.tr, x.source, "{}: not a citation", x.kind);
                }
            }
        }
        assert!(seen.len() >= 10, "{seen:?}");
    }

    #[test]
    fn the_passport_watch_runs_to_sixty_days_before_its_end_while_a_permit_lives() {
        let mut doc = CaseDoc::default();
        doc.genel.pasaport_bitis = Some(d(2027, 6, 30));
        let events = submitted_and_approved();
        // 60 days before 30 June 2027 is 1 May 2027 (000 B.4.1); Hane starts 6 months earlier.
        let limit = d(2027, 5, 1);
        let at = |today| watch(&doc, &events, today, "pasaport").expect("watched");
        assert_eq!(at(limit).due, limit);
        assert_eq!(at(d(2026, 10, 31)).status, Status::Upcoming);
        assert_eq!(at(d(2026, 11, 1)).status, Status::Open);
        assert_eq!(at(d(2027, 4, 30)).status, Status::Open);
        assert_eq!(at(limit).status, Status::Open);
        assert_eq!(at(d(2027, 5, 2)).status, Status::Overdue);
        assert!(
            at(limit).action.tr.contains("01.05.2027"),
            "{}",
            at(limit).action.tr
        );
        // Not before approval (the rules check the passport then), not after the end.
        assert!(watch(&doc, &events[..1], d(2027, 4, 1), "pasaport").is_none());
        let mut ended = events.clone();
        ended.push(ev(3, d(2026, 6, 1), EventKind::IzinSonlandirmaBildirildi));
        assert!(watch(&doc, &ended, d(2027, 4, 1), "pasaport").is_none());
    }

    #[test]
    fn the_residence_watch_runs_while_an_in_country_application_waits() {
        let mut doc = CaseDoc::default();
        doc.basvuru.yer = Some(BasvuruYeri::YurtIci);
        doc.kisisel.ikamet_bitis = Some(d(2026, 4, 30));
        let events = submitted_and_approved();
        let waiting = &events[..1];
        let at = |today| watch(&doc, waiting, today, "ikamet").expect("watched");
        assert_eq!(at(d(2026, 2, 28)).status, Status::Upcoming);
        assert_eq!(at(d(2026, 3, 1)).status, Status::Open);
        assert_eq!(at(d(2026, 4, 30)).status, Status::Open);
        assert_eq!(at(d(2026, 5, 1)).status, Status::Overdue);
        // Approved: the work permit stands for the residence permit (004).
        assert!(watch(&doc, &events, d(2026, 4, 1), "ikamet").is_none());
        // Not submitted yet: the rules speak, not the watch.
        assert!(watch(&doc, &[], d(2026, 4, 1), "ikamet").is_none());
    }

    #[test]
    fn a_case_taken_over_by_its_extension_has_its_window_done_and_no_watch() {
        let mut doc = CaseDoc::default();
        doc.genel.pasaport_bitis = Some(d(2027, 6, 30));
        let today = d(2026, 12, 15);
        let list = deadlines(&doc, &submitted_and_approved(), today);
        assert!(list
            .iter()
            .any(|x| x.kind == "uzatma" && x.status == Status::Open));
        let over = taken_over(list);
        assert!(over.iter().all(|x| !WATCH_KINDS.contains(&x.kind)));
        let uzatma = over.iter().find(|x| x.kind == "uzatma").unwrap();
        assert_eq!((uzatma.status, uzatma.urgent), (Status::Done, false));
    }

    #[test]
    fn thirty_day_requests_boundary_and_overdue() {
        for (kind, request, answer) in [
            (
                "eksik_evrak",
                EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
                EventKind::EksikEvrakYuklendi,
            ),
            (
                "guncelleme",
                EventKind::GuncellemeIstendi,
                EventKind::GuncellemeYapildi,
            ),
            (
                "harc",
                EventKind::HarcOdemesiIstendi {
                    harc_kurus: None,
                    degerli_kagit_kurus: None,
                },
                EventKind::HarcOdendi,
            ),
            ("itiraz", EventKind::Reddedildi, EventKind::ItirazEdildi),
            (
                "kayip_kart",
                EventKind::KayipKartTalebi {
                    harc_kurus: None,
                    degerli_kagit_kurus: None,
                },
                EventKind::KayipKartOdendi,
            ),
        ] {
            let events = vec![ev(1, d(2026, 10, 30), request.clone())];
            // Requested 30 Oct → last day 29 Nov (across the month end).
            let x = one(&events, d(2026, 11, 29), kind);
            assert_eq!(
                (x.counts_from, x.due, x.days_left, x.status),
                (d(2026, 10, 30), d(2026, 11, 29), 0, Status::Open),
                "{kind}"
            );
            assert!(x.urgent);
            let x = one(&events, d(2026, 11, 30), kind);
            assert_eq!((x.days_left, x.status), (-1, Status::Overdue), "{kind}");
            let x = one(&events, d(2026, 11, 21), kind);
            assert!(!x.urgent, "{kind}: 8 days left is not urgent yet");
            let mut answered = events.clone();
            answered.push(ev(2, d(2026, 11, 5), answer));
            assert_eq!(
                one(&answered, d(2026, 12, 30), kind).status,
                Status::Done,
                "{kind}"
            );
        }
    }

    #[test]
    fn objection_waiver_also_closes_the_objection_window() {
        let events = [
            ev(1, d(2026, 3, 1), EventKind::Reddedildi),
            ev(2, d(2026, 3, 2), EventKind::ItirazdanFeragat),
        ];
        assert_eq!(one(&events, d(2026, 5, 1), "itiraz").status, Status::Done);
    }

    #[test]
    fn leap_years() {
        // 2028 is a leap year: 30 Jan + 30 days = 29 Feb.
        let events = [ev(
            1,
            d(2028, 1, 30),
            EventKind::EksikEvrakIstendi {
                istenen: String::new(),
            },
        )];
        assert_eq!(
            one(&events, d(2028, 2, 1), "eksik_evrak").due,
            d(2028, 2, 29)
        );
        let events = [ev(
            1,
            d(2027, 1, 30),
            EventKind::EksikEvrakIstendi {
                istenen: String::new(),
            },
        )];
        assert_eq!(
            one(&events, d(2027, 2, 1), "eksik_evrak").due,
            d(2027, 3, 1)
        );
    }

    #[test]
    fn termination_notice_is_fifteen_days_from_the_event() {
        let events = [ev(1, d(2026, 12, 20), EventKind::SonaErdirenOlay)];
        let x = one(&events, d(2027, 1, 4), "sonlandirma");
        assert_eq!(
            (x.due, x.days_left, x.status),
            (d(2027, 1, 4), 0, Status::Open)
        );
        assert_eq!(
            one(&events, d(2027, 1, 5), "sonlandirma").status,
            Status::Overdue
        );
    }

    #[test]
    fn a_withdrawn_request_has_no_deadline() {
        let events = [
            ev(
                1,
                d(2026, 10, 1),
                EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
            ),
            ev(2, d(2026, 10, 2), EventKind::Geri { event_id: 1 }),
        ];
        assert!(deadlines(&CaseDoc::default(), &events, d(2026, 10, 3)).is_empty());
    }

    #[test]
    fn a_second_request_needs_its_own_answer() {
        let events = [
            ev(
                1,
                d(2026, 9, 1),
                EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
            ),
            ev(2, d(2026, 9, 10), EventKind::EksikEvrakYuklendi),
            ev(
                3,
                d(2026, 10, 1),
                EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
            ),
        ];
        let all = deadlines(&CaseDoc::default(), &events, d(2026, 10, 5));
        let statuses: Vec<_> = all
            .iter()
            .filter(|x| x.kind == "eksik_evrak")
            .map(|x| x.status)
            .collect();
        assert_eq!(statuses, vec![Status::Open, Status::Done], "open first");
    }

    /// Every deadline kind's sentence is in the source it names, word for word, and every
    /// kind [`deadlines`] computes has one (issue #33).
    #[test]
    fn every_deadline_quotes_its_source_word_for_word() {
        for src in SOURCES {
            assert!(!src.quotes.is_empty(), "{}: no sentence", src.kind);
            for q in src.quotes {
                crate::quotes::assert_in_source(src.kind, q);
            }
        }
        let kinds: std::collections::BTreeSet<_> = SOURCES.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.len(), SOURCES.len(), "a kind listed twice");
    }

    #[test]
    fn renewal_window_from_the_permit_end() {
        let events = [ev(
            1,
            d(2026, 1, 10),
            EventKind::Onaylandi {
                permit_start: Some(d(2026, 1, 10)),
                permit_end: Some(d(2027, 1, 9)),
            },
        )];
        // "2 aylık süre": 9 Jan − 2 months = 9 Nov (it used to be 60 days, 10 Nov).
        let x = one(&events, d(2026, 11, 8), "uzatma");
        assert_eq!(
            (x.opens, x.due, x.status),
            (Some(d(2026, 11, 9)), d(2027, 1, 8), Status::Upcoming)
        );
        assert_eq!(one(&events, d(2026, 11, 9), "uzatma").status, Status::Open);
        assert_eq!(one(&events, d(2026, 11, 10), "uzatma").status, Status::Open);
        assert_eq!(one(&events, d(2027, 1, 8), "uzatma").status, Status::Open);
        // One story with validation (issue #33): the day before the end is the day to act
        // by; the end day and the 15 days after it are late, may or may not be accepted;
        // after them it is a first application.
        let late = one(&events, d(2027, 1, 9), "uzatma");
        assert_eq!(
            (late.status, late.late_until, late.urgent, late.days_left),
            (Status::Late, Some(d(2027, 1, 24)), true, -1)
        );
        assert!(late.action.tr.contains("24.01.2027"), "{}", late.action.tr);
        assert_eq!(one(&events, d(2027, 1, 23), "uzatma").status, Status::Late);
        assert_eq!(one(&events, d(2027, 1, 24), "uzatma").status, Status::Late);
        let over = one(&events, d(2027, 1, 25), "uzatma");
        assert_eq!(over.status, Status::Overdue);
        assert!(over.action.tr.contains("İlk başvuru") || over.action.tr.contains("ilk başvuru"));
        // Validation tells the same story on the same days.
        for (today, severity) in [
            (d(2027, 1, 8), Some(crate::rules::Severity::Warning)),
            (d(2027, 1, 9), Some(crate::rules::Severity::Warning)),
            (d(2027, 1, 24), Some(crate::rules::Severity::Warning)),
            (d(2027, 1, 25), Some(crate::rules::Severity::Blocking)),
        ] {
            let mut doc = CaseDoc::default();
            doc.basvuru.yer = Some(BasvuruYeri::YurtIci);
            doc.basvuru.tur = Some(crate::case::BasvuruTuru::Uzatma);
            doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 9));
            let found = crate::rules::validate(&doc, today)
                .findings
                .into_iter()
                .find(|f| f.rule == "extension.window")
                .map(|f| f.severity);
            assert_eq!(found, severity, "{today}");
        }
    }

    /// A draft saved on the 31st: "bir aydan fazla" reads as 28 Feb or 3 Mar. The deadline
    /// is due on the earlier, late until the later; validation warns between and blocks
    /// after (issue #33).
    #[test]
    fn a_draft_saved_on_the_31st_is_late_between_its_two_readings() {
        let mut doc = CaseDoc {
            portal_taslak_tarihi: Some(d(2027, 1, 31)),
            ..CaseDoc::default()
        };
        let taslak = |doc: &CaseDoc, today| {
            deadlines(doc, &[], today)
                .into_iter()
                .find(|x| x.kind == "taslak")
                .unwrap()
        };
        let x = taslak(&doc, d(2027, 2, 28));
        assert_eq!(
            (x.due, x.late_until, x.status),
            (d(2027, 2, 28), Some(d(2027, 3, 3)), Status::Open)
        );
        assert_eq!(taslak(&doc, d(2027, 3, 1)).status, Status::Late);
        assert_eq!(taslak(&doc, d(2027, 3, 3)).status, Status::Late);
        assert_eq!(taslak(&doc, d(2027, 3, 4)).status, Status::Overdue);
        // Mid-month the readings agree: nothing is late.
        doc.portal_taslak_tarihi = Some(d(2027, 1, 15));
        let x = taslak(&doc, d(2027, 2, 16));
        assert_eq!(
            (x.due, x.late_until, x.status),
            (d(2027, 2, 15), None, Status::Overdue)
        );
    }

    #[test]
    fn before_submission_reference_and_draft() {
        let mut doc = CaseDoc::default();
        doc.basvuru.yer = Some(BasvuruYeri::YurtDisi);
        doc.basvuru.referans_tarihi = Some(d(2026, 11, 1));
        doc.portal_taslak_tarihi = Some(d(2026, 1, 31));
        let all = deadlines(&doc, &[], d(2026, 11, 24));
        // Issue + 30 like the guide's other 30-day periods; the safe day is named.
        let r = all.iter().find(|x| x.kind == "referans").unwrap();
        assert_eq!((r.due, r.days_left), (d(2026, 12, 1), 7));
        assert!(r.action.tr.contains("30.11.2026"), "{}", r.action.tr);
        // 31 Jan + 1 month = 28 Feb: kept exactly a month, its last day ("bir aydan fazla").
        let t = all.iter().find(|x| x.kind == "taslak").unwrap();
        assert_eq!(t.due, d(2026, 2, 28));
        assert_eq!(t.status, Status::Overdue);
        let submitted = [ev(
            1,
            d(2026, 11, 20),
            EventKind::BasvuruYapildi {
                application_no: String::new(),
            },
        )];
        assert!(deadlines(&doc, &submitted, d(2026, 11, 24))
            .iter()
            .all(|x| x.status == Status::Done));
    }

    #[test]
    fn fee_amounts_and_account_codes_are_spelled_out() {
        let events = [ev(
            1,
            d(2026, 11, 1),
            EventKind::HarcOdemesiIstendi {
                harc_kurus: Some(123_456),
                degerli_kagit_kurus: Some(98_765),
            },
        )];
        let x = one(&events, d(2026, 11, 2), "harc");
        assert!(x.action.tr.contains("1.234,56 TL"), "{}", x.action.tr);
        assert!(x.action.tr.contains("9130") && x.action.tr.contains("9267"));
        assert!(x.action.en.contains("987,65 TL"));
    }

    #[test]
    fn lost_card_fee_is_computed_from_the_amounts_entered() {
        let events = [ev(
            1,
            d(2026, 11, 1),
            EventKind::KayipKartTalebi {
                harc_kurus: Some(400_000),
                degerli_kagit_kurus: Some(50_000),
            },
        )];
        let x = one(&events, d(2026, 11, 2), "kayip_kart");
        assert!(
            x.action.tr.ends_with("Ödenecek: 2.500,00 TL."),
            "{}",
            x.action.tr
        );
    }

    #[test]
    fn lira_formatting_and_lost_card_fee() {
        assert_eq!(tl(0), "0,00 TL");
        assert_eq!(tl(123_456_789), "1.234.567,89 TL");
        assert_eq!(
            crate::tracking::lost_card_fee_kurus(100_000, 25_000),
            75_000
        );
        assert_eq!(
            crate::tracking::lost_card_fee_kurus(1_001, 0),
            501,
            "half a kuruş rounds up"
        );
    }

    #[test]
    fn start_up_reminder_only_for_urgent_deadlines() {
        let events = [
            ev(
                1,
                d(2026, 10, 30),
                EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
            ),
            ev(2, d(2026, 10, 1), EventKind::SonaErdirenOlay),
        ];
        let all = deadlines(&CaseDoc::default(), &events, d(2026, 11, 24));
        let urgent: Vec<&Deadline> = all.iter().filter(|x| x.urgent).collect();
        assert_eq!(urgent.len(), 2);
        let (title, body) = reminder(&urgent, "tr").unwrap();
        assert_eq!(title, "Hane: 2 süre dikkat istiyor");
        assert_eq!(
            body,
            "İznin sona ermesini bildirme: 39 gün geçti (1 tanesi geçti)"
        );
        let (_, body) = reminder(&urgent, "en").unwrap();
        assert!(
            body.starts_with("Notify the end of the permit: 39 days overdue"),
            "{body}"
        );
        assert!(reminder(&[], "tr").is_none());
    }

    #[test]
    fn most_urgent_first() {
        let events = [
            ev(
                1,
                d(2026, 1, 10),
                EventKind::Onaylandi {
                    permit_start: None,
                    permit_end: Some(d(2027, 6, 1)),
                },
            ),
            ev(
                2,
                d(2026, 11, 1),
                EventKind::KayipKartTalebi {
                    harc_kurus: Some(400_000),
                    degerli_kagit_kurus: Some(50_000),
                },
            ),
            ev(3, d(2026, 10, 1), EventKind::SonaErdirenOlay),
        ];
        let kinds: Vec<_> = deadlines(&CaseDoc::default(), &events, d(2026, 11, 24))
            .into_iter()
            .map(|x| x.kind)
            .collect();
        assert_eq!(kinds, vec!["sonlandirma", "kayip_kart", "uzatma"]);
    }
}
