//! Helpers the domain's unit tests share: a date and a recorded event in one call.

use chrono::{NaiveDate, TimeZone, Utc};

use crate::tracking::{Event, EventKind};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An event as storage returns it (a fixed `recorded_at`: no test depends on it).
pub fn ev(id: i64, date: NaiveDate, kind: EventKind) -> Event {
    Event {
        id,
        date,
        recorded_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        kind,
    }
}

/// "Başvuru yapıldı" on `date`.
pub fn submitted(id: i64, date: NaiveDate) -> Event {
    ev(
        id,
        date,
        EventKind::BasvuruYapildi {
            application_no: "1".into(),
        },
    )
}

/// Submitted on `submitted_on`, approved on `approved_on` with the permit's two dates.
pub fn approved(
    submitted_on: NaiveDate,
    approved_on: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<Event> {
    vec![
        submitted(1, submitted_on),
        ev(
            2,
            approved_on,
            EventKind::Onaylandi {
                permit_start: Some(start),
                permit_end: Some(end),
            },
        ),
    ]
}

/// The complete in-country case of `tests/fixtures/case-in-country.json`.
pub fn fixture() -> crate::case::CaseDoc {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/case-in-country.json"),
    )
    .unwrap();
    serde_json::from_str(&text).unwrap()
}
