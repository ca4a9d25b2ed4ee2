//! iCalendar (.ics, RFC 5545) export of deadlines, for the user's own calendar.
//!
//! Calendars are often synced to online services, so an event carries no personal data:
//! the case is named by the foreigner's initials only, never by name or identity number.

use chrono::{DateTime, Days, Utc};

use crate::deadlines::{Deadline, Status};

/// One case's open deadlines, with the label that names the case in event titles.
pub struct CaseDeadlines<'a> {
    pub case_id: uuid::Uuid,
    pub label: String,
    pub deadlines: &'a [Deadline],
}

/// "Irina Petrova" → "I. P." (the only trace of the person in an exported calendar). The
/// foreigner's name, so Latin upper case: "irina" → "I.", not the Turkish "İ.".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", crate::rules::identity::latin_upper(&c.to_string())))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// [`to_ics`] for the cases as the tracking API (`for_all_cases`) returns them, each
/// named by its foreigner's initials.
pub fn to_ics_for_cases(
    per_case: &[(crate::case::CaseSummary, Vec<Deadline>)],
    now: DateTime<Utc>,
    lang: &str,
) -> String {
    let cases: Vec<CaseDeadlines<'_>> = per_case
        .iter()
        .map(|(summary, list)| CaseDeadlines {
            case_id: summary.id,
            label: initials(&summary.foreigner_name),
            deadlines: list,
        })
        .collect();
    to_ics(&cases, now, lang)
}

/// An .ics document with one all-day event per deadline that is not done, each with a
/// reminder 7 days before. `lang` is "tr" or "en".
pub fn to_ics(cases: &[CaseDeadlines<'_>], now: DateTime<Utc>, lang: &str) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Hane//Deadlines//TR".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for case in cases {
        for d in case.deadlines.iter().filter(|d| d.status != Status::Done) {
            let (title, action, source) = if lang == "en" {
                (&d.title.en, &d.action.en, &d.source_label.en)
            } else {
                (&d.title.tr, &d.action.tr, &d.source_label.tr)
            };
            let next_day = d.due.checked_add_days(Days::new(1)).unwrap_or(d.due);
            line("BEGIN:VEVENT".into());
            line(format!(
                "UID:{}-{}-{}@hane.local",
                case.case_id,
                d.kind,
                d.counts_from.format("%Y%m%d")
            ));
            line(format!("DTSTAMP:{stamp}"));
            line(format!("DTSTART;VALUE=DATE:{}", d.due.format("%Y%m%d")));
            line(format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")));
            line(format!(
                "SUMMARY:{}",
                escape(&format!("Hane: {title} ({})", case.label))
            ));
            line(format!(
                "DESCRIPTION:{}",
                escape(&format!("{action}\n[{}]", source))
            ));
            line("TRANSP:TRANSPARENT".into());
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            line("TRIGGER:-P7D".into());
            line(format!("DESCRIPTION:{}", escape(title)));
            line("END:VALARM".into());
            line("END:VEVENT".into());
        }
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseDoc;
    use crate::deadlines::deadlines;
    use crate::tracking::{Event, EventKind};
    use chrono::{NaiveDate, TimeZone};
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

    fn sample() -> Vec<Deadline> {
        let day = NaiveDate::from_ymd_opt(2026, 10, 30).unwrap();
        let events = [
            Event {
                id: 1,
                date: day,
                recorded_at: Utc::now(),
                kind: EventKind::EksikEvrakIstendi {
                    istenen: String::new(),
                },
            },
            Event {
                id: 2,
                date: day,
                recorded_at: Utc::now(),
                kind: EventKind::HarcOdemesiIstendi {
                    harc_kurus: Some(123_456),
                    degerli_kagit_kurus: Some(50_000),
                },
            },
        ];
        deadlines(
            &CaseDoc::default(),
            &events,
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        )
    }

    #[test]
    fn initials_keep_the_foreigners_latin_letters() {
        assert_eq!(initials("irina petrova"), "I. P.");
        assert_eq!(initials("Maria  Isabel Santos"), "M. I. S.");
        assert_eq!(initials("Şule Öz"), "Ş. Ö.");
    }

    #[test]
    fn an_independent_parser_reads_every_event_back() {
        let list = sample();
        let id = uuid::Uuid::new_v4();
        let ics = to_ics(
            &[CaseDeadlines {
                case_id: id,
                label: initials("İrina Petrova"),
                deadlines: &list,
            }],
            Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap(),
            "tr",
        );
        assert!(
            ics.lines().all(|l| l.len() <= 76),
            "folded at 75 octets + CR"
        );
        assert!(ics.contains("\r\n"));
        let parsed: Calendar = ics.parse().expect("icalendar parses it");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);
        let due = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        for e in &events {
            assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(due)));
            let summary = e.get_summary().unwrap();
            assert!(
                summary.starts_with("Hane: ") && summary.ends_with("(İ. P.)"),
                "{summary}"
            );
            assert!(!summary.contains("Irina") && !summary.contains("Petrova"));
        }
        let fee = events
            .iter()
            .find(|e| e.get_summary().unwrap().contains("Harç"))
            .unwrap();
        let desc = fee.get_description().unwrap();
        assert!(
            desc.contains("1.234,56 TL") && desc.contains("9130"),
            "{desc}"
        );
        // The source by its name, never a seed code (issue #20).
        assert!(
            desc.contains("Bakanlık kılavuzu (Ev Hizmetleri), B."),
            "{desc}"
        );
        assert_eq!(
            crate::sources::leaks_a_seed_code(&ics.replace("\r\n ", "")),
            None
        );
    }

    #[test]
    fn folding_keeps_multibyte_characters_whole() {
        let mut out = String::new();
        fold(&"ş".repeat(100), &mut out);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75);
            assert!(std::str::from_utf8(l.as_bytes()).is_ok());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "ş".repeat(100));
    }
}
