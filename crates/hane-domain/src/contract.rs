//! The employment contract (İş sözleşmesi, 000 B.4.4: "İş sözleşmesi … yüklenmelidir")
//! drafted from the application, in Turkish beside the caregiver's language, and the
//! caregiver's pack: what she must send back and how (issue #35).
//!
//! Every value the portal also holds comes from the case ([`values_of`]) and is never
//! typed again; a draft remembers them, and [`stale`] names each one the application has
//! since changed. The clauses a household contract usually has (hours and weekly rest,
//! leave, board and lodging, social security, ending it) are Hane's own text, editable by
//! the user and plainly marked as a draft, not legal advice. Pure text here; the PDFs are
//! written by `hane-core`'s paperwork on `hane-pdf`'s sheet.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::{
    BakimAmaci, BasvuruTuru, BasvuruYeri, CalismaSekli, CalismaTipi, CaseDoc, IkametTuru,
    MaddeMetni, SozlesmeDegerleri,
};
use crate::error::{HaneError, Result};
use crate::money::{format_tl, parse_tl, words_en, words_ru, words_tr};
use crate::text::turkish_upper;

/// The caregiver's name as her passport spells it: Latin capitals (MARIA, not MARİA).
fn latin_upper(s: &str) -> String {
    s.to_uppercase()
}

/// A language Hane writes the contract's second column, or the pack, in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Tr,
    En,
    Ru,
}

impl Lang {
    /// `tr`, `en` or `ru`; anything else is `contract.language`.
    pub fn parse(code: &str) -> Result<Lang> {
        match code.trim() {
            "tr" => Ok(Lang::Tr),
            "en" => Ok(Lang::En),
            "ru" => Ok(Lang::Ru),
            _ => Err(HaneError::UnsupportedLanguage),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Tr => "tr",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    fn pick<'a>(self, tr: &'a str, en: &'a str, ru: &'a str) -> &'a str {
        match self {
            Lang::Tr => tr,
            Lang::En => en,
            Lang::Ru => ru,
        }
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn required<'a>(value: &'a str, field: &'static str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        Err(HaneError::ContractIncomplete { field })
    } else {
        Ok(v)
    }
}

/// The values the contract takes from `doc`, or `contract.incomplete` naming the first
/// field (in the form's order) still missing. `today` stands for the submission day when
/// none is planned (a first application's permit starts at the earliest then).
pub fn values_of(doc: &CaseDoc, today: NaiveDate) -> Result<SozlesmeDegerleri> {
    let p = &doc.profil;
    let k = &doc.kisisel;
    let g = &doc.gorev;
    required(&p.ad, "profil.ad")?;
    let employer_id = required(&p.tc_kimlik_no, "profil.tc_kimlik_no")?.to_string();
    let isyeri = &doc.isyeri;
    required(&isyeri.adres, "isyeri.adres")?;
    let place = [isyeri.ilce.trim(), isyeri.il.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    let employer_address = format!("{} {place}", isyeri.adres.trim())
        .trim()
        .to_string();
    required(&k.ad, "kisisel.ad")?;
    let nationality = required(&k.uyruk, "kisisel.uyruk")?.to_string();
    // Under international protection no passport is asked (000 B.4.2 Not).
    let protection = k.ikamet_turu == Some(IkametTuru::UluslararasiKoruma);
    let passport_no = if protection {
        doc.genel.pasaport_no.trim().to_string()
    } else {
        required(&doc.genel.pasaport_no, "genel.pasaport_no")?.to_string()
    };
    let address = required(&g.calisma_adresi, "gorev.calisma_adresi")?.to_string();
    let job = required(&g.meslek, "gorev.meslek")?.to_string();
    let wage_kurus = match parse_tl(&g.ucret) {
        Ok(k) if k > 0 => k,
        _ => {
            return Err(HaneError::ContractIncomplete {
                field: "gorev.ucret",
            })
        }
    };
    let calisma_sekli = g.calisma_sekli.ok_or(HaneError::ContractIncomplete {
        field: "gorev.calisma_sekli",
    })?;
    let calisma_tipi = g.calisma_tipi.ok_or(HaneError::ContractIncomplete {
        field: "gorev.calisma_tipi",
    })?;
    let months = g
        .sure_ay
        .filter(|m| *m > 0)
        .ok_or(HaneError::ContractIncomplete {
            field: "gorev.sure_ay",
        })?;
    let extension = doc.basvuru.yer == Some(BasvuruYeri::YurtIci)
        && doc.basvuru.tur == Some(BasvuruTuru::Uzatma);
    // An extension continues the current permit from the day after it ends.
    let start = match (extension, doc.basvuru.mevcut_izin_bitis) {
        (true, Some(end)) => end.checked_add_days(Days::new(1)).unwrap_or(end),
        (true, None) => {
            return Err(HaneError::ContractIncomplete {
                field: "basvuru.mevcut_izin_bitis",
            })
        }
        _ => doc.basvuru.basvuru_tarihi.unwrap_or(today),
    };
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .unwrap_or(start);
    let cared = format!("{} {}", g.bakilan_ad.trim(), g.bakilan_soyad.trim());
    Ok(SozlesmeDegerleri {
        employer: turkish_upper(format!("{} {}", p.ad.trim(), p.soyad.trim()).trim()),
        employer_id,
        employer_address,
        caregiver: latin_upper(format!("{} {}", k.ad.trim(), k.soyad.trim()).trim()),
        nationality,
        passport_no,
        birth_date: k.dogum_tarihi,
        address,
        job,
        care: isyeri.amac,
        cared_for: turkish_upper(cared.trim()),
        wage_kurus,
        calisma_sekli: Some(calisma_sekli),
        calisma_tipi: Some(calisma_tipi),
        months,
        start,
        end,
        extension,
    })
}

/// One value the application changed after the contract was drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    /// The application field, as findings name fields (`gorev.ucret`).
    pub field: &'static str,
    /// As the draft printed it, and as the application now has it.
    pub drafted: String,
    pub now: String,
}

/// Every value the draft was made from that the application now has differently. A
/// first application's start moves with the submission day, so only its months count;
/// an extension's dates are fixed by the permit it extends and are compared.
pub fn stale(drafted: &SozlesmeDegerleri, now: &SozlesmeDegerleri) -> Vec<Stale> {
    let opt = |d: Option<NaiveDate>| d.map(date).unwrap_or_default();
    let sekli = |s: Option<CalismaSekli>| sekli_tr(s).to_string();
    let tipi = |s: Option<CalismaTipi>| tipi_tr(s).to_string();
    let care = |c: Option<BakimAmaci>| care_text(c, Lang::Tr).to_string();
    let mut pairs: Vec<(&'static str, String, String)> = vec![
        ("profil.ad", drafted.employer.clone(), now.employer.clone()),
        (
            "profil.tc_kimlik_no",
            drafted.employer_id.clone(),
            now.employer_id.clone(),
        ),
        (
            "isyeri.adres",
            drafted.employer_address.clone(),
            now.employer_address.clone(),
        ),
        (
            "kisisel.ad",
            drafted.caregiver.clone(),
            now.caregiver.clone(),
        ),
        (
            "kisisel.uyruk",
            drafted.nationality.clone(),
            now.nationality.clone(),
        ),
        (
            "genel.pasaport_no",
            drafted.passport_no.clone(),
            now.passport_no.clone(),
        ),
        (
            "kisisel.dogum_tarihi",
            opt(drafted.birth_date),
            opt(now.birth_date),
        ),
        (
            "gorev.calisma_adresi",
            drafted.address.clone(),
            now.address.clone(),
        ),
        ("gorev.meslek", drafted.job.clone(), now.job.clone()),
        ("isyeri.amac", care(drafted.care), care(now.care)),
        (
            "gorev.bakilan_ad",
            drafted.cared_for.clone(),
            now.cared_for.clone(),
        ),
        (
            "gorev.ucret",
            format_tl(drafted.wage_kurus),
            format_tl(now.wage_kurus),
        ),
        (
            "gorev.calisma_sekli",
            sekli(drafted.calisma_sekli),
            sekli(now.calisma_sekli),
        ),
        (
            "gorev.calisma_tipi",
            tipi(drafted.calisma_tipi),
            tipi(now.calisma_tipi),
        ),
        (
            "gorev.sure_ay",
            format!("{} ay", drafted.months),
            format!("{} ay", now.months),
        ),
    ];
    if drafted.extension || now.extension {
        pairs.push((
            "basvuru.mevcut_izin_bitis",
            format!("{} – {}", date(drafted.start), date(drafted.end)),
            format!("{} – {}", date(now.start), date(now.end)),
        ));
    }
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, drafted, now)| Stale {
            field,
            drafted,
            now,
        })
        .collect()
}

/// How a stale value is named in the warning, in Turkish and English.
pub fn stale_label(field: &str) -> (&'static str, &'static str) {
    match field {
        "profil.ad" => ("işverenin adı", "the employer's name"),
        "profil.tc_kimlik_no" => (
            "işverenin T.C. kimlik no'su",
            "the employer's identity number",
        ),
        "isyeri.adres" => ("işverenin adresi", "the employer's address"),
        "kisisel.ad" => ("çalışanın adı", "the employee's name"),
        "kisisel.uyruk" => ("uyruk", "the nationality"),
        "genel.pasaport_no" => ("pasaport no", "the passport number"),
        "kisisel.dogum_tarihi" => ("doğum tarihi", "the date of birth"),
        "gorev.calisma_adresi" => ("çalışma adresi", "the place of work"),
        "gorev.meslek" => ("görev", "the job"),
        "isyeri.amac" => ("bakım türü", "the kind of care"),
        "gorev.bakilan_ad" => ("bakımı yapılacak kişi", "the person cared for"),
        "gorev.ucret" => ("ücret", "the wage"),
        "gorev.calisma_sekli" => ("çalışma şekli", "the working form"),
        "gorev.calisma_tipi" => ("çalışma tipi", "the working type"),
        "gorev.sure_ay" => ("süre", "the term"),
        _ => ("sözleşme dönemi", "the contract's period"),
    }
}

fn care_text(c: Option<BakimAmaci>, lang: Lang) -> &'static str {
    match c {
        Some(BakimAmaci::YasliBakimi) => {
            lang.pick("yaşlı bakımı", "elderly care", "уход за пожилым человеком")
        }
        Some(BakimAmaci::EngelliBakimi) => lang.pick(
            "engelli bakımı",
            "care of a person with a disability",
            "уход за человеком с инвалидностью",
        ),
        Some(BakimAmaci::CocukBakimi) => lang.pick("çocuk bakımı", "childcare", "уход за ребёнком"),
        Some(BakimAmaci::HastaRefakati) => {
            lang.pick("hasta refakati", "care of a patient", "уход за больным")
        }
        None => lang.pick("ev hizmetleri", "household services", "работа по дому"),
    }
}

fn sekli_tr(s: Option<CalismaSekli>) -> &'static str {
    sekli_text(s, Lang::Tr)
}

fn tipi_tr(s: Option<CalismaTipi>) -> &'static str {
    tipi_text(s, Lang::Tr)
}

fn sekli_text(s: Option<CalismaSekli>, lang: Lang) -> &'static str {
    match s {
        Some(CalismaSekli::TamZamanli) => {
            lang.pick("tam zamanlı", "full-time", "полный рабочий день")
        }
        Some(CalismaSekli::YariZamanli) => {
            lang.pick("yarı zamanlı", "part-time", "неполный рабочий день")
        }
        None => "",
    }
}

fn tipi_text(s: Option<CalismaTipi>, lang: Lang) -> &'static str {
    match s {
        Some(CalismaTipi::Yatili) => {
            lang.pick("yatılı", "live-in", "с проживанием в доме работодателя")
        }
        Some(CalismaTipi::Gunduzlu) => lang.pick(
            "gündüzlü",
            "live-out (daytime)",
            "без проживания (дневная работа)",
        ),
        None => "",
    }
}

/// A clause Hane proposes: its id and its text in each language. The user may edit it
/// (kept in the case's `sozlesme.maddeler`); Hane's text is the default.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Clause {
    pub id: &'static str,
    pub heading: [&'static str; 3],
    pub tr: &'static str,
    pub en: &'static str,
    pub ru: &'static str,
    /// Only for a live-in caregiver (board and lodging).
    pub live_in_only: bool,
}

/// Hane's own clauses, in the order the contract prints them after the drafted values.
pub const CLAUSES: &[Clause] = &[
    Clause {
        id: "calisma_saatleri",
        heading: ["ÇALIŞMA SAATLERİ VE HAFTA TATİLİ", "WORKING HOURS AND WEEKLY REST", "РАБОЧЕЕ ВРЕМЯ И ЕЖЕНЕДЕЛЬНЫЙ ОТДЫХ"],
        tr: "Günlük çalışma saatleri ve dinlenme araları taraflarca birlikte belirlenir. Çalışan her hafta en az yirmi dört saat kesintisiz dinlenir; hafta tatili Pazar günüdür, taraflar başka bir gün üzerinde anlaşabilir.",
        en: "The daily working hours and rest breaks are agreed between the parties. Each week the Employee has at least twenty-four hours of uninterrupted rest; the weekly day off is Sunday unless the parties agree on another day.",
        ru: "Продолжительность рабочего дня и перерывы для отдыха стороны устанавливают по взаимному согласию. Каждую неделю работник отдыхает не менее двадцати четырёх часов подряд; выходной день — воскресенье, если стороны не договорятся о другом дне.",
        live_in_only: false,
    },
    Clause {
        id: "yillik_izin",
        heading: ["YILLIK İZİN", "ANNUAL LEAVE", "ЕЖЕГОДНЫЙ ОТПУСК"],
        tr: "En az bir yıl çalışmış olan çalışan, her yıl en az iki hafta ücretli yıllık izin kullanır; iznin zamanı taraflarca birlikte belirlenir.",
        en: "After at least one year of work, the Employee takes at least two weeks of paid annual leave each year; the parties agree together on when it is taken.",
        ru: "Проработав не менее одного года, работник ежегодно использует оплачиваемый отпуск продолжительностью не менее двух недель; время отпуска стороны согласовывают между собой.",
        live_in_only: false,
    },
    Clause {
        id: "konaklama",
        heading: ["KONAKLAMA VE YEMEK", "BOARD AND LODGING", "ПРОЖИВАНИЕ И ПИТАНИЕ"],
        tr: "Çalışan işverenin evinde kalır. İşveren çalışana ayrı ve uygun bir oda ile yeterli ve sağlıklı yemek sağlar; bunlar için ücretten kesinti yapılmaz.",
        en: "The Employee lives in the Employer's home. The Employer provides a separate, suitable room and sufficient, healthy meals; nothing is deducted from the wage for them.",
        ru: "Работник проживает в доме работодателя. Работодатель предоставляет ему отдельную подходящую комнату и достаточное здоровое питание; за это из заработной платы ничего не удерживается.",
        live_in_only: true,
    },
    Clause {
        id: "sosyal_guvenlik",
        heading: ["SOSYAL GÜVENLİK", "SOCIAL SECURITY", "СОЦИАЛЬНОЕ СТРАХОВАНИЕ"],
        tr: "Çalışma izni verildikten sonra işveren, çalışanın işe başladığını e-İzin'de “İşe Başlama Bildirimi” ile bildirir, çalışanı Sosyal Güvenlik Kurumuna kaydettirir ve primlerini öder.",
        en: "Once the work permit is granted, the Employer reports the start of work on e-İzin (“İşe Başlama Bildirimi”), registers the Employee with the Social Security Institution (SGK) and pays the contributions.",
        ru: "После выдачи разрешения на работу работодатель сообщает о начале работы в системе e-İzin («İşe Başlama Bildirimi»), регистрирует работника в Учреждении социального страхования (SGK) и уплачивает страховые взносы.",
        live_in_only: false,
    },
    Clause {
        id: "sona_erme",
        heading: ["SÖZLEŞMENİN SONA ERMESİ", "ENDING THE CONTRACT", "РАСТОРЖЕНИЕ ДОГОВОРА"],
        tr: "Taraflardan her biri sözleşmeyi, diğerine en az iki hafta önce yazılı olarak bildirerek sona erdirebilir; haklı bir neden varsa bildirim süresi beklenmez. Sözleşme sona erdiğinde işveren bunu on beş gün içinde Bakanlığa bildirir.",
        en: "Either party may end the contract by telling the other in writing at least two weeks in advance; where there is just cause, no notice period applies. When the contract ends, the Employer informs the Ministry within fifteen days.",
        ru: "Каждая из сторон может расторгнуть договор, письменно предупредив другую сторону не менее чем за две недели; при наличии уважительной причины срок предупреждения не соблюдается. После прекращения договора работодатель в течение пятнадцати дней уведомляет об этом Министерство.",
        live_in_only: false,
    },
];

/// A clause's text as the case has it: the user's edit if there is one, else Hane's.
pub fn clause_text(clause: &Clause, edited: Option<&MaddeMetni>, lang: Lang) -> String {
    let own = edited.map(|m| match lang {
        Lang::Tr => m.tr.trim(),
        Lang::En => m.en.trim(),
        Lang::Ru => m.ru.trim(),
    });
    match own {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => lang.pick(clause.tr, clause.en, clause.ru).to_string(),
    }
}

/// A section of the contract: its heading and paragraphs, each in Turkish and beside it
/// in the caregiver's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: (String, String),
    pub paragraphs: Vec<(String, String)>,
}

/// The whole contract as text, ready to lay out in two columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractText {
    pub title: (String, String),
    /// "A draft to review, not legal advice": Hane's words, marked as such.
    pub notice: (String, String),
    pub sections: Vec<Section>,
    /// The signature block's labels: (employer, employee, signature, date).
    pub signatures: [(String, String); 4],
    /// The line at the foot of every page for the caregiver's signature.
    pub page_signature: String,
}

fn both(lang: Lang, tr: String, other: String) -> (String, String) {
    (
        tr,
        if lang == Lang::Tr {
            String::new()
        } else {
            other
        },
    )
}

/// The contract of `v` with the case's edited clauses, Turkish beside `lang` (English or
/// Russian; Turkish alone gives one column).
pub fn contract_text(
    v: &SozlesmeDegerleri,
    edited: &std::collections::BTreeMap<String, MaddeMetni>,
    lang: Lang,
    nationality_en: &str,
) -> ContractText {
    let l = |tr: &str, en: &str, ru: &str| {
        both(lang, tr.to_string(), lang.pick(tr, en, ru).to_string())
    };
    let dob = v.birth_date.map(date).unwrap_or_else(|| "—".into());
    let nat = if lang == Lang::Tr {
        v.nationality.clone()
    } else {
        nationality_en.to_string()
    };
    let passport = if v.passport_no.is_empty() {
        "—".to_string()
    } else {
        v.passport_no.clone()
    };
    let wage = format_tl(v.wage_kurus);
    let months_ru = crate::money::ru_plural(u64::from(v.months), ["месяц", "месяца", "месяцев"]);
    let (start, end) = (date(v.start), date(v.end));
    let mut sections = vec![
        Section {
            heading: l("1. TARAFLAR", "1. THE PARTIES", "1. СТОРОНЫ"),
            paragraphs: vec![
                both(
                    lang,
                    format!("İşveren: {}, T.C. kimlik no {}, adres: {}.", v.employer, v.employer_id, v.employer_address),
                    match lang {
                        Lang::Ru => format!("Работодатель: {}, турецкий идентификационный номер {}, адрес: {}.", v.employer, v.employer_id, v.employer_address),
                        _ => format!("Employer: {}, Turkish identity number {}, address: {}.", v.employer, v.employer_id, v.employer_address),
                    },
                ),
                both(
                    lang,
                    format!("Çalışan: {}, uyruğu {}, pasaport no {}, doğum tarihi {}.", v.caregiver, v.nationality, passport, dob),
                    match lang {
                        Lang::Ru => format!("Работник: {}, гражданство: {}, номер паспорта {}, дата рождения {}.", v.caregiver, nat, passport, dob),
                        _ => format!("Employee: {}, nationality: {}, passport number {}, date of birth {}.", v.caregiver, nat, passport, dob),
                    },
                ),
            ],
        },
        Section {
            heading: l("2. İŞ VE İŞ YERİ", "2. THE WORK AND WHERE IT IS DONE", "2. РАБОТА И МЕСТО РАБОТЫ"),
            paragraphs: vec![both(
                lang,
                format!("Çalışan, işverenin evinde {} için {} olarak çalışır. Bakımı yapılacak kişi: {}. Çalışma adresi: {}.", care_text(v.care, Lang::Tr), v.job, v.cared_for, v.address),
                match lang {
                    Lang::Ru => format!("Работник работает в доме работодателя ({}) в должности: {}. Лицо, за которым осуществляется уход: {}. Место работы: {}.", care_text(v.care, Lang::Ru), v.job, v.cared_for, v.address),
                    _ => format!("The Employee works in the Employer's home ({}) as: {}. Person cared for: {}. Place of work: {}.", care_text(v.care, Lang::En), v.job, v.cared_for, v.address),
                },
            )],
        },
        Section {
            heading: l("3. ÜCRET", "3. WAGE", "3. ЗАРАБОТНАЯ ПЛАТА"),
            paragraphs: vec![both(
                lang,
                format!("Çalışanın aylık brüt ücreti {wage} ({}) olup her ayın sonunda ödenir.", words_tr(v.wage_kurus)),
                match lang {
                    Lang::Ru => format!("Ежемесячная заработная плата работника (брутто) составляет {wage} ({}) и выплачивается в конце каждого месяца.", words_ru(v.wage_kurus)),
                    _ => format!("The Employee's gross monthly wage is {wage} ({}), paid at the end of each month.", words_en(v.wage_kurus)),
                },
            )],
        },
        Section {
            heading: l("4. ÇALIŞMA ŞEKLİ VE SÜRE", "4. WORKING FORM AND TERM", "4. ФОРМА РАБОТЫ И СРОК ДОГОВОРА"),
            paragraphs: vec![
                both(
                    lang,
                    format!("Çalışma şekli: {}; çalışma tipi: {}.", sekli_text(v.calisma_sekli, Lang::Tr), tipi_text(v.calisma_tipi, Lang::Tr)),
                    match lang {
                        Lang::Ru => format!("Форма работы: {}; тип работы: {}.", sekli_text(v.calisma_sekli, Lang::Ru), tipi_text(v.calisma_tipi, Lang::Ru)),
                        _ => format!("Working form: {}; type: {}.", sekli_text(v.calisma_sekli, Lang::En), tipi_text(v.calisma_tipi, Lang::En)),
                    },
                ),
                if v.extension {
                    both(
                        lang,
                        format!("Sözleşme, mevcut çalışma izninin bitiminin ertesi günü olan {start} tarihinden {end} tarihine kadar, {} ay sürer.", v.months),
                        match lang {
                            Lang::Ru => format!("Договор действует {} {months_ru}: с {start}, дня, следующего за окончанием действующего разрешения на работу, по {end}.", v.months),
                            _ => format!("The contract runs for {} months, from {start}, the day after the current work permit ends, to {end}.", v.months),
                        },
                    )
                } else {
                    both(
                        lang,
                        format!("Sözleşme, çalışma izninin başladığı tarihten itibaren {} ay için yapılmıştır (öngörülen: {start} – {end}). Çalışma izni verilmezse sözleşme hüküm doğurmaz.", v.months),
                        match lang {
                            Lang::Ru => format!("Договор заключается на {} {months_ru} с даты начала действия разрешения на работу (предположительно: {start} – {end}). Если разрешение на работу не будет выдано, договор не вступает в силу.", v.months),
                            _ => format!("The contract is made for {} months from the day the work permit starts (expected: {start} – {end}). If no work permit is granted, the contract has no effect.", v.months),
                        },
                    )
                },
            ],
        },
    ];
    let live_in = v.calisma_tipi == Some(CalismaTipi::Yatili);
    let mut n = sections.len();
    for clause in CLAUSES.iter().filter(|c| live_in || !c.live_in_only) {
        n += 1;
        let edit = edited.get(clause.id);
        sections.push(Section {
            heading: both(
                lang,
                format!("{n}. {}", clause.heading[0]),
                format!(
                    "{n}. {}",
                    lang.pick(clause.heading[0], clause.heading[1], clause.heading[2])
                ),
            ),
            paragraphs: vec![both(
                lang,
                clause_text(clause, edit, Lang::Tr),
                clause_text(clause, edit, lang),
            )],
        });
    }
    n += 1;
    sections.push(Section {
        heading: both(lang, format!("{n}. DİL"), format!("{n}. {}", lang.pick("DİL", "LANGUAGE", "ЯЗЫК ДОГОВОРА"))),
        paragraphs: vec![both(
            lang,
            match lang {
                Lang::Ru => "Bu sözleşme Türkçe ve Rusça olarak düzenlenmiştir; metinler arasında fark olursa Türkçe metin esas alınır.".to_string(),
                Lang::En => "Bu sözleşme Türkçe ve İngilizce olarak düzenlenmiştir; metinler arasında fark olursa Türkçe metin esas alınır.".to_string(),
                Lang::Tr => "Bu sözleşme Türkçe olarak düzenlenmiştir.".to_string(),
            },
            lang.pick(
                "",
                "This contract is made in Turkish and English; if the two texts differ, the Turkish text prevails.",
                "Настоящий договор составлен на турецком и русском языках; в случае расхождения между текстами преимущественную силу имеет текст на турецком языке.",
            )
            .to_string(),
        )],
    });
    ContractText {
        title: l("İŞ SÖZLEŞMESİ", "EMPLOYMENT CONTRACT", "ТРУДОВОЙ ДОГОВОР"),
        notice: l(
            "TASLAK — Bu metni Hane, başvurudaki bilgilerden hazırlamıştır; hukuki danışmanlık değildir. İmzalamadan önce okuyun, gerekirse değiştirin.",
            "DRAFT — Hane prepared this text from the application's details; it is not legal advice. Read it, and change it if needed, before signing.",
            "ПРОЕКТ — этот текст подготовлен программой Hane по данным заявления и не является юридической консультацией. Прочитайте его и при необходимости измените перед подписанием.",
        ),
        sections,
        signatures: [
            l("İşveren", "Employer", "Работодатель"),
            l("Çalışan", "Employee", "Работник"),
            l("İmza", "Signature", "Подпись"),
            l("Tarih", "Date", "Дата"),
        ],
        page_signature: match lang {
            Lang::Tr => "Çalışanın imzası: ____________________".to_string(),
            _ => format!(
                "Çalışanın imzası / {}: ____________________",
                lang.pick("", "Employee's signature", "Подпись работника")
            ),
        },
    }
}

/// The caregiver's pack: in one language, what she must send back and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackText {
    pub title: String,
    pub intro: String,
    /// (heading, the steps under it).
    pub items: Vec<(String, Vec<String>)>,
    pub closing: String,
}

/// What the caregiver must send back (issue #35), in `lang`: her passport's photo page,
/// a photo that passes (in plain words, from the photo spec's own limits), the contract
/// signed on every page, and, in Turkey, her residence permit card.
pub fn caregiver_pack(doc: &CaseDoc, lang: Lang) -> PackText {
    let spec = crate::photo_spec::SPEC;
    let employer =
        turkish_upper(format!("{} {}", doc.profil.ad.trim(), doc.profil.soyad.trim()).trim());
    let in_country = doc.basvuru.yer == Some(BasvuruYeri::YurtIci);
    let (w, h) = (spec.width_mm, spec.height_mm);
    let (lo, hi) = (spec.head_min_mm, spec.head_max_mm);
    let (px_w, px_h) = (spec.min_width_px, spec.min_height_px);
    let months = spec.max_age_months;
    let mut items = match lang {
        Lang::Tr => vec![
            ("1. Pasaportunuzun fotoğraflı sayfası".to_string(), vec![
                "Pasaportu düz bir yüzeye açın, iyi ışıkta fotoğrafını çekin veya tarayın.".to_string(),
                "Sayfanın dört köşesi de görünsün; parmağınız hiçbir yazıyı kapatmasın.".to_string(),
                "Sayfanın altındaki iki satır (harfler ve < işaretleri) net okunsun; sayfada parlama veya gölge olmasın.".to_string(),
            ]),
            ("2. Biyometrik fotoğrafınız".to_string(), vec![
                format!("Son {months} ay içinde çekilmiş, renkli ve net bir fotoğraf; telefonla çekilebilir (en az {px_w} × {px_h} piksel)."),
                "Düz, açık renkli bir arka plan; yüzünüz tam karşıya bakar, baş eğik değildir.".to_string(),
                "İfade doğal, ağız kapalı; gözler açık ve görünür; gözlük camında parlama olmasın (mümkünse gözlüksüz).".to_string(),
                format!("Başınızın ve omuzlarınızın çevresinde boşluk bırakın: fotoğraf {w:.0} × {h:.0} mm'ye kırpılır ve başınız (çeneden saçın üstüne) {lo:.0}–{hi:.0} mm olur."),
            ]),
            ("3. İş sözleşmesi".to_string(), vec![
                "Sözleşmeyi okuyun (Türkçe ve sizin dilinizde yazılıdır).".to_string(),
                "Her sayfanın altındaki çizgiyi ve son sayfadaki imza yerini imzalayın.".to_string(),
                "Her sayfanın düz ve dört köşesi görünecek şekilde fotoğrafını çekin veya tarayın.".to_string(),
            ]),
        ],
        Lang::En => vec![
            ("1. The photo page of your passport".to_string(), vec![
                "Open the passport flat on a table and photograph or scan the page in good light.".to_string(),
                "All four corners of the page must be in the picture; do not cover any text with your fingers.".to_string(),
                "The two lines of letters and < signs at the bottom of the page must be sharp; no glare or shadow on the page.".to_string(),
            ]),
            ("2. Your biometric photo".to_string(), vec![
                format!("A sharp colour photo taken within the last {months} months; a phone photo is fine (at least {px_w} × {px_h} pixels)."),
                "A plain, light background; you look straight at the camera, head not tilted.".to_string(),
                "A neutral expression with the mouth closed; eyes open and visible; no glare on glasses (better without glasses).".to_string(),
                format!("Leave space around your head and shoulders: the photo is cropped to {w:.0} × {h:.0} mm, with your head (chin to the top of the hair) {lo:.0}–{hi:.0} mm tall."),
            ]),
            ("3. The employment contract".to_string(), vec![
                "Read the contract (it is written in Turkish and in English).".to_string(),
                "Sign on the line at the bottom of every page and in the signature box on the last page.".to_string(),
                "Photograph or scan every page flat, with all four corners visible.".to_string(),
            ]),
        ],
        Lang::Ru => vec![
            ("1. Страница паспорта с фотографией".to_string(), vec![
                "Раскройте паспорт на ровной поверхности и сфотографируйте или отсканируйте страницу при хорошем освещении.".to_string(),
                "Все четыре угла страницы должны попасть в кадр; не закрывайте текст пальцами.".to_string(),
                "Две строки букв и знаков < внизу страницы должны быть чёткими; на странице не должно быть бликов и теней.".to_string(),
            ]),
            ("2. Ваша биометрическая фотография".to_string(), vec![
                format!("Чёткая цветная фотография, сделанная не более {months} месяцев назад; подойдёт снимок на телефон (не менее {px_w} × {px_h} пикселей)."),
                "Однотонный светлый фон; вы смотрите прямо в камеру, голова не наклонена.".to_string(),
                "Спокойное выражение лица, рот закрыт; глаза открыты и хорошо видны; на очках нет бликов (лучше без очков).".to_string(),
                format!("Оставьте свободное место вокруг головы и плеч: фотографию обрежут до размера {w:.0} × {h:.0} мм, а голова (от подбородка до макушки) займёт {lo:.0}–{hi:.0} мм."),
            ]),
            ("3. Трудовой договор".to_string(), vec![
                "Прочитайте договор (он составлен на турецком и русском языках).".to_string(),
                "Распишитесь на линии внизу каждой страницы и в месте для подписи на последней странице.".to_string(),
                "Сфотографируйте или отсканируйте каждую страницу ровно, так чтобы были видны все четыре угла.".to_string(),
            ]),
        ],
    };
    if in_country {
        items.push(match lang {
            Lang::Tr => (
                "4. İkamet izni kartınız".to_string(),
                vec!["Kartın iki yüzünün de net fotoğrafını çekin.".to_string()],
            ),
            Lang::En => (
                "4. Your residence permit card".to_string(),
                vec!["Photograph both sides of the card, sharp and complete.".to_string()],
            ),
            Lang::Ru => (
                "4. Ваш вид на жительство".to_string(),
                vec!["Сфотографируйте обе стороны карточки, чётко и полностью.".to_string()],
            ),
        });
    }
    let (title, intro, closing) = match lang {
        Lang::Tr => (
            "Çalışma izniniz için göndermeniz gerekenler".to_string(),
            format!("{employer}, Türkiye'de yanında çalışmanız için çalışma izni başvurusu hazırlıyor. Lütfen aşağıdakileri en kısa sürede işverenize (e-posta veya mesajla) gönderin."),
            "Bu sayfayı işvereniniz Hane programıyla hazırladı; Hane kendisi hiçbir şey göndermez.".to_string(),
        ),
        Lang::En => (
            "What to send for your work permit".to_string(),
            format!("{employer} is preparing a work permit application for you to work in their home in Turkey. Please send the following to your employer (by e-mail or a messaging app) as soon as you can."),
            "Your employer prepared this sheet with the Hane program; Hane itself sends nothing.".to_string(),
        ),
        Lang::Ru => (
            "Что нужно отправить для получения разрешения на работу".to_string(),
            format!("{employer} готовит заявление на разрешение на работу, чтобы вы могли работать в этой семье в Турции. Пожалуйста, как можно скорее отправьте работодателю (по электронной почте или в мессенджере) следующее."),
            "Ваш работодатель подготовил этот лист в программе Hane; сама программа ничего не отправляет.".to_string(),
        ),
    };
    PackText {
        title,
        intro,
        items,
        closing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn complete() -> CaseDoc {
        fixture()
    }

    #[test]
    fn the_values_are_the_applications_and_a_missing_one_is_named() {
        let mut doc = complete();
        doc.gorev.ucret = "28000 TL".into();
        doc.kisisel.ad = "Maria".into();
        let v = values_of(&doc, d(2026, 11, 24)).unwrap();
        assert_eq!(v.wage_kurus, 2_800_000);
        assert!(v.caregiver.starts_with("MARIA"), "{}", v.caregiver);
        assert_eq!(v.months, doc.gorev.sure_ay.unwrap());
        doc.gorev.ucret = "12.34".into();
        assert_eq!(
            values_of(&doc, d(2026, 11, 24)).unwrap_err().field(),
            Some("gorev.ucret")
        );
        doc.gorev.ucret = "28.000".into();
        doc.gorev.meslek.clear();
        assert_eq!(
            values_of(&doc, d(2026, 11, 24)).unwrap_err().field(),
            Some("gorev.meslek")
        );
    }

    #[test]
    fn an_extension_runs_from_the_day_after_the_permit_ends() {
        let mut doc = complete();
        doc.basvuru.yer = Some(BasvuruYeri::YurtIci);
        doc.basvuru.tur = Some(BasvuruTuru::Uzatma);
        doc.basvuru.mevcut_izin_bitis = Some(d(2027, 1, 31));
        doc.gorev.sure_ay = Some(24);
        let v = values_of(&doc, d(2026, 12, 1)).unwrap();
        assert_eq!((v.start, v.end), (d(2027, 2, 1), d(2029, 1, 31)));
        assert!(v.extension);
    }

    #[test]
    fn stale_names_each_change_and_a_first_applications_start_does_not_count() {
        let doc = complete();
        let drafted = values_of(&doc, d(2026, 11, 24)).unwrap();
        // A day later, nothing changed but today: not stale.
        let mut later = doc.clone();
        later.basvuru.basvuru_tarihi = None;
        let again = values_of(&later, d(2026, 11, 30)).unwrap();
        assert_eq!(stale(&drafted, &again), vec![]);
        let mut changed = doc.clone();
        changed.gorev.ucret = "31.500,50".into();
        let now = values_of(&changed, d(2026, 11, 24)).unwrap();
        let s = stale(&drafted, &now);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].field, "gorev.ucret");
        assert_eq!(s[0].now, "31.500,50 TL");
        assert_eq!(s[0].drafted, format_tl(drafted.wage_kurus));
    }

    #[test]
    fn the_contract_reads_in_both_languages_and_the_turkish_text_prevails() {
        let v = values_of(&complete(), d(2026, 11, 24)).unwrap();
        let none = Default::default();
        for (lang, word) in [(Lang::En, "prevails"), (Lang::Ru, "преимущественную силу")]
        {
            let c = contract_text(&v, &none, lang, "Philippines");
            let all: String = c
                .sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(|p| format!("{} {}", p.0, p.1)))
                .collect();
            assert!(all.contains(word), "{lang:?}");
            assert!(all.contains(&format_tl(v.wage_kurus)));
            assert!(c.page_signature.contains("Çalışanın imzası"));
        }
        // An edited clause replaces Hane's text in that language only.
        let mut edited = std::collections::BTreeMap::new();
        edited.insert(
            "yillik_izin".to_string(),
            MaddeMetni {
                tr: "Yılda üç hafta ücretli izin.".into(),
                en: String::new(),
                ru: String::new(),
            },
        );
        let c = contract_text(&v, &edited, Lang::En, "Philippines");
        let leave = c
            .sections
            .iter()
            .find(|s| s.heading.0.contains("YILLIK İZİN"))
            .unwrap();
        assert_eq!(leave.paragraphs[0].0, "Yılda üç hafta ücretli izin.");
        assert!(leave.paragraphs[0].1.starts_with("After at least one year"));
    }
}
