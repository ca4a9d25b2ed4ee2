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

/// The event kinds, named after the portal's statuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// e-İmza obtained from PTT (000 A); `expires` is the end of its 1/2/3-year package.
    EImzaAlindi {
        expires: Option<NaiveDate>,
    },
    /// Submitted on the portal with e-İmza (000 B.4.5).
    BasvuruYapildi {
        #[serde(default)]
        application_no: String,
    },
    /// Eksik evrak istendi: documents requested, 30 days to upload (000 B.5.1.1).
    EksikEvrakIstendi,
    EksikEvrakYuklendi,
    /// Güncelleme istendi: update requested, 30 days (000 B.5.1.2).
    GuncellemeIstendi,
    GuncellemeYapildi,
    /// Harç ödemesi bekleniyor: the two amounts notified, 30 days to pay (000 B.5.1.3, B.6.1).
    HarcOdemesiIstendi {
        /// Amounts in kuruş, exactly as the Ministry notified them.
        harc_kurus: Option<i64>,
        degerli_kagit_kurus: Option<i64>,
    },
    HarcOdendi,
    /// Onay: approved; the permit's dates as printed (000 B.5.2.1).
    Onaylandi {
        permit_start: Option<NaiveDate>,
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
        harc_kurus: Option<i64>,
        #[serde(default)]
        degerli_kagit_kurus: Option<i64>,
    },
    KayipKartOdendi,
    /// An event that ends or cancels the permit; notify within 15 days (000 B.7.4 Not).
    SonaErdirenOlay,
    IzinSonlandirmaBildirildi,
    /// Withdraws an earlier entry recorded by mistake.
    Geri {
        event_id: i64,
    },
}

impl EventKind {
    /// Stable name, the same as the serde tag.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::EImzaAlindi { .. } => "e_imza_alindi",
            EventKind::BasvuruYapildi { .. } => "basvuru_yapildi",
            EventKind::EksikEvrakIstendi => "eksik_evrak_istendi",
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

/// The lost-card fee: half the permit fee plus the whole card fee, at the current
/// amounts the user enters (000 B.7.3, Harçlar Kanunu m. 90). In kuruş; half a kuruş
/// rounds up, as a payment must not fall short.
pub fn lost_card_fee_kurus(harc_kurus: i64, degerli_kagit_kurus: i64) -> i64 {
    (harc_kurus + 1) / 2 + degerli_kagit_kurus
}

#[cfg(test)]
mod tests {
    use super::*;

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
