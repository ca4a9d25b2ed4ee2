//! What happened to an application after it left Hane: the user records each status
//! change the portal shows (000 B.5–B.7), with its date. The history is append-only —
//! a mistaken entry is withdrawn by a later `Withdrawn` entry, never edited away — so the
//! timeline can always be rebuilt and nothing the user recorded is lost.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One recorded event. `date` is the day it happened (as the portal or the e-mail says),
/// which deadlines count from; `recorded_at` is when the user entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub date: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The event kinds, named after the portal's statuses. Their fields cross IPC and the CLI
/// in camelCase (`harcKurus`); the snake_case aliases read histories and backups written
/// before that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum EventKind {
    /// e-İmza obtained from PTT (000 A); `expires` is the end of its 1/2/3-year package.
    EImzaAlindi {
        expires: Option<NaiveDate>,
    },
    /// Submitted on the portal with e-İmza (000 B.4.5).
    BasvuruYapildi {
        #[serde(default)]
        #[serde(alias = "application_no")]
        application_no: String,
    },
    /// Eksik evrak istendi: documents requested, 30 days to upload (000 B.5.1.1).
    EksikEvrakIstendi {
        /// What the Ministry asked for, as the user copied it from "Başvuru Durumu".
        #[serde(default)]
        istenen: String,
    },
    EksikEvrakYuklendi,
    /// Güncelleme istendi: update requested, 30 days (000 B.5.1.2).
    GuncellemeIstendi,
    GuncellemeYapildi,
    /// Harç ödemesi bekleniyor: the two amounts notified, 30 days to pay (000 B.5.1.3, B.6.1).
    HarcOdemesiIstendi {
        /// Amounts in kuruş, exactly as the Ministry notified them.
        #[serde(alias = "harc_kurus")]
        harc_kurus: Option<i64>,
        #[serde(alias = "degerli_kagit_kurus")]
        degerli_kagit_kurus: Option<i64>,
    },
    HarcOdendi,
    /// Onay: approved; the permit's dates as printed (000 B.5.2.1).
    Onaylandi {
        #[serde(alias = "permit_start")]
        permit_start: Option<NaiveDate>,
        #[serde(alias = "permit_end")]
        permit_end: Option<NaiveDate>,
    },
    /// Ret: the day the rejection was notified; 30 days to object (000 B.5.2.2).
    Reddedildi,
    ItirazEdildi,
    ItirazdanFeragat,
    /// Card delivered by PTT Kargo (000 B.6.2).
    KartTeslimAlindi,
    /// İşe başlama bildirimi made (000 B.7.2).
    IseBaslamaBildirildi,
    /// Kayıp kart talebi: payment within 30 days (000 B.7.3). The current full amounts the
    /// user enters let Hane compute the fee (half the permit fee + the whole card fee).
    KayipKartTalebi {
        #[serde(default)]
        #[serde(alias = "harc_kurus")]
        harc_kurus: Option<i64>,
        #[serde(default)]
        #[serde(alias = "degerli_kagit_kurus")]
        degerli_kagit_kurus: Option<i64>,
    },
    KayipKartOdendi,
    /// An event that ends or cancels the permit; notify within 15 days (000 B.7.4 Not).
    SonaErdirenOlay,
    IzinSonlandirmaBildirildi,
    /// Withdraws an earlier entry recorded by mistake.
    Geri {
        #[serde(alias = "event_id")]
        event_id: i64,
    },
}

impl EventKind {
    /// Stable name, the same as the serde tag.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::EImzaAlindi { .. } => "e_imza_alindi",
            EventKind::BasvuruYapildi { .. } => "basvuru_yapildi",
            EventKind::EksikEvrakIstendi { .. } => "eksik_evrak_istendi",
            EventKind::EksikEvrakYuklendi => "eksik_evrak_yuklendi",
            EventKind::GuncellemeIstendi => "guncelleme_istendi",
            EventKind::GuncellemeYapildi => "guncelleme_yapildi",
            EventKind::HarcOdemesiIstendi { .. } => "harc_odemesi_istendi",
            EventKind::HarcOdendi => "harc_odendi",
            EventKind::Onaylandi { .. } => "onaylandi",
            EventKind::Reddedildi => "reddedildi",
            EventKind::ItirazEdildi => "itiraz_edildi",
            EventKind::ItirazdanFeragat => "itirazdan_feragat",
            EventKind::KartTeslimAlindi => "kart_teslim_alindi",
            EventKind::IseBaslamaBildirildi => "ise_baslama_bildirildi",
            EventKind::KayipKartTalebi { .. } => "kayip_kart_talebi",
            EventKind::KayipKartOdendi => "kayip_kart_odendi",
            EventKind::SonaErdirenOlay => "sona_erdiren_olay",
            EventKind::IzinSonlandirmaBildirildi => "izin_sonlandirma_bildirildi",
            EventKind::Geri { .. } => "geri",
        }
    }
}

/// The events that still count: those not withdrawn, oldest first by date.
pub fn effective(events: &[Event]) -> Vec<&Event> {
    let withdrawn: Vec<i64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Geri { event_id } => Some(event_id),
            _ => None,
        })
        .collect();
    let mut out: Vec<&Event> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Geri { .. }) && !withdrawn.contains(&e.id))
        .collect();
    out.sort_by_key(|e| (e.date, e.id));
    out
}

/// Recorded events already happened: a date after today is a typing mistake (and the
/// guide forbids future-dated terminations, 000 B.7.4 Not). The e-İmza expiry is carried
/// separately and may well be in the future.
pub fn check_event_date(date: NaiveDate, today: NaiveDate) -> crate::Result<()> {
    if date > today {
        return Err(crate::HaneError::EventInFuture);
    }
    Ok(())
}

/// An event as the user enters it, in the window or on the command line: the kind's name
/// (its serde tag) and each value as typed. [`build_event`] turns it into an [`EventKind`]
/// with the core's money parser and checks it against the case's history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventInput {
    pub kind: String,
    pub application_no: Option<String>,
    pub expires: Option<NaiveDate>,
    /// The permit fee (harç) as typed, e.g. `12.345,50`.
    pub harc: Option<String>,
    /// The card fee (değerli kâğıt bedeli) as typed.
    pub degerli_kagit: Option<String>,
    pub permit_start: Option<NaiveDate>,
    pub permit_end: Option<NaiveDate>,
    /// For `geri`: the entry withdrawn.
    pub event_id: Option<i64>,
    /// For `eksik_evrak_istendi`: what was asked for.
    pub istenen: Option<String>,
}

/// An optional amount as typed: blank is "not given", anything else must parse.
fn amount(text: &Option<String>, field: &'static str) -> crate::Result<Option<i64>> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => crate::money::parse_tl(t)
            .map(Some)
            .map_err(|problem| crate::HaneError::Money { field, problem }),
    }
}

/// The event a user asked to record, checked: not dated after today, amounts read by the
/// one money parser, an approval with both permit dates in order (the renewal reminder is
/// counted from the end date, 000 B.4.3 Not, 004), and nothing but the e-İmza dated before
/// the application's submission, when one is recorded.
pub fn build_event(
    input: &EventInput,
    date: NaiveDate,
    today: NaiveDate,
    history: &[Event],
) -> crate::Result<EventKind> {
    use crate::HaneError;
    check_event_date(date, today)?;
    let kind = match input.kind.as_str() {
        "e_imza_alindi" => EventKind::EImzaAlindi {
            expires: input.expires,
        },
        "basvuru_yapildi" => EventKind::BasvuruYapildi {
            application_no: input
                .application_no
                .clone()
                .unwrap_or_default()
                .trim()
                .into(),
        },
        "eksik_evrak_istendi" => EventKind::EksikEvrakIstendi {
            istenen: input.istenen.clone().unwrap_or_default().trim().into(),
        },
        "eksik_evrak_yuklendi" => EventKind::EksikEvrakYuklendi,
        "guncelleme_istendi" => EventKind::GuncellemeIstendi,
        "guncelleme_yapildi" => EventKind::GuncellemeYapildi,
        "harc_odemesi_istendi" => EventKind::HarcOdemesiIstendi {
            harc_kurus: amount(&input.harc, "harc")?,
            degerli_kagit_kurus: amount(&input.degerli_kagit, "degerli_kagit")?,
        },
        "harc_odendi" => EventKind::HarcOdendi,
        "onaylandi" => {
            let start = input.permit_start.ok_or(HaneError::PermitDateMissing {
                field: "permit_start",
            })?;
            let end = input.permit_end.ok_or(HaneError::PermitDateMissing {
                field: "permit_end",
            })?;
            if end <= start {
                return Err(HaneError::PermitEndBeforeStart);
            }
            EventKind::Onaylandi {
                permit_start: Some(start),
                permit_end: Some(end),
            }
        }
        "reddedildi" => EventKind::Reddedildi,
        "itiraz_edildi" => EventKind::ItirazEdildi,
        "itirazdan_feragat" => EventKind::ItirazdanFeragat,
        "kart_teslim_alindi" => EventKind::KartTeslimAlindi,
        "ise_baslama_bildirildi" => EventKind::IseBaslamaBildirildi,
        "kayip_kart_talebi" => EventKind::KayipKartTalebi {
            harc_kurus: amount(&input.harc, "harc")?,
            degerli_kagit_kurus: amount(&input.degerli_kagit, "degerli_kagit")?,
        },
        "kayip_kart_odendi" => EventKind::KayipKartOdendi,
        "sona_erdiren_olay" => EventKind::SonaErdirenOlay,
        "izin_sonlandirma_bildirildi" => EventKind::IzinSonlandirmaBildirildi,
        "geri" => EventKind::Geri {
            event_id: input.event_id.ok_or(HaneError::EventNotFound)?,
        },
        _ => return Err(HaneError::EventUnknownKind),
    };
    let before_submission_allowed = matches!(
        kind,
        EventKind::EImzaAlindi { .. } | EventKind::BasvuruYapildi { .. } | EventKind::Geri { .. }
    );
    if !before_submission_allowed {
        let submitted = effective(history)
            .into_iter()
            .filter(|e| matches!(e.kind, EventKind::BasvuruYapildi { .. }))
            .map(|e| e.date)
            .min();
        if submitted.is_some_and(|s| date < s) {
            return Err(HaneError::EventBeforeSubmission);
        }
    }
    Ok(kind)
}

/// The lost-card fee: half the permit fee plus the whole card fee, at the current
/// amounts the user enters (000 B.7.3, Harçlar Kanunu m. 90). In kuruş; half a kuruş
/// rounds up, as a payment must not fall short.
pub fn lost_card_fee_kurus(harc_kurus: i64, degerli_kagit_kurus: i64) -> i64 {
    (harc_kurus + 1) / 2 + degerli_kagit_kurus
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input(kind: &str) -> EventInput {
        EventInput {
            kind: kind.into(),
            ..EventInput::default()
        }
    }

    fn submitted_on(date: NaiveDate) -> Vec<Event> {
        vec![Event {
            id: 1,
            date,
            recorded_at: Utc::now(),
            kind: EventKind::BasvuruYapildi {
                application_no: String::new(),
            },
        }]
    }

    #[test]
    fn fees_are_read_the_turkish_way() {
        let today = day(2026, 12, 2);
        let mut i = input("harc_odemesi_istendi");
        i.harc = Some("12.345".into());
        i.degerli_kagit = Some("1.234,50 TL".into());
        let kind = build_event(&i, today, today, &[]).unwrap();
        assert_eq!(
            kind,
            EventKind::HarcOdemesiIstendi {
                harc_kurus: Some(1_234_500),
                degerli_kagit_kurus: Some(123_450),
            }
        );
        // Stored and printed in camelCase, read back from the old snake_case too.
        let json = serde_json::to_value(&kind).unwrap();
        assert_eq!(json["harcKurus"], 1_234_500);
        let old: EventKind = serde_json::from_str(
            r#"{"kind":"harc_odemesi_istendi","harc_kurus":5,"degerli_kagit_kurus":7}"#,
        )
        .unwrap();
        assert_eq!(
            old,
            EventKind::HarcOdemesiIstendi {
                harc_kurus: Some(5),
                degerli_kagit_kurus: Some(7)
            }
        );
        i.harc = Some("12.34".into());
        let err = build_event(&i, today, today, &[]).unwrap_err();
        assert_eq!((err.code(), err.field()), ("money.ambiguous", Some("harc")));
        i.harc = Some("   ".into());
        assert!(
            build_event(&i, today, today, &[]).is_ok(),
            "blank: not given"
        );
    }

    #[test]
    fn an_approval_needs_both_dates_in_order() {
        let today = day(2026, 12, 2);
        let mut i = input("onaylandi");
        i.permit_start = Some(day(2026, 12, 1));
        let err = build_event(&i, today, today, &[]).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("event.permit_dates", Some("permit_end"))
        );
        // End the day before the start, on the start, the day after.
        i.permit_end = Some(day(2026, 11, 30));
        let err = build_event(&i, today, today, &[]).unwrap_err();
        assert_eq!(err.code(), "event.permit_order");
        i.permit_end = Some(day(2026, 12, 1));
        assert_eq!(
            build_event(&i, today, today, &[]).unwrap_err().code(),
            "event.permit_order"
        );
        i.permit_end = Some(day(2026, 12, 2));
        assert!(build_event(&i, today, today, &[]).is_ok());
        i.permit_start = None;
        assert_eq!(
            build_event(&i, today, today, &[]).unwrap_err().field(),
            Some("permit_start")
        );
    }

    #[test]
    fn nothing_but_the_e_imza_precedes_the_submission() {
        let today = day(2026, 12, 2);
        let history = submitted_on(day(2026, 11, 10));
        let i = input("eksik_evrak_istendi");
        // The day before the submission, the day of it, the day after.
        assert_eq!(
            build_event(&i, day(2026, 11, 9), today, &history)
                .unwrap_err()
                .code(),
            "event.before_submission"
        );
        assert!(build_event(&i, day(2026, 11, 10), today, &history).is_ok());
        assert!(build_event(&i, day(2026, 11, 11), today, &history).is_ok());
        assert!(build_event(&input("e_imza_alindi"), day(2026, 10, 1), today, &history).is_ok());
        // With no submission recorded there is nothing to compare with.
        assert!(build_event(&i, day(2026, 11, 9), today, &[]).is_ok());
        assert_eq!(
            build_event(&input("nonsense"), today, today, &[])
                .unwrap_err()
                .code(),
            "event.unknown_kind"
        );
    }

    #[test]
    fn events_cannot_be_dated_after_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(check_event_date(today, today).is_ok());
        let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            check_event_date(tomorrow, today).unwrap_err().code(),
            "event.future_date"
        );
    }
}
