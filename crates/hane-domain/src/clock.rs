//! "Today" as Turkish law counts it. Deadlines are calendar days in Turkey's time zone
//! (Europe/Istanbul). Turkey has stayed on UTC+3 all year since September 2016 (no DST),
//! so a fixed offset is exact for every date Hane deals with.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

const TURKEY_OFFSET_SECS: i32 = 3 * 3600;

pub fn turkey_today(now: DateTime<Utc>) -> NaiveDate {
    let tz = FixedOffset::east_opt(TURKEY_OFFSET_SECS).expect("valid offset");
    now.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_day_turns_at_midnight_istanbul_time() {
        assert_eq!(
            turkey_today(utc("2026-11-24T20:59:59Z")).to_string(),
            "2026-11-24"
        );
        assert_eq!(
            turkey_today(utc("2026-11-24T21:00:00Z")).to_string(),
            "2026-11-25"
        );
        // Late March / October: no DST jump (the old EU switch days).
        assert_eq!(
            turkey_today(utc("2027-03-28T21:00:00Z")).to_string(),
            "2027-03-29"
        );
        assert_eq!(
            turkey_today(utc("2027-10-31T20:59:00Z")).to_string(),
            "2027-10-31"
        );
        // New Year's Eve in UTC is already New Year in Istanbul.
        assert_eq!(
            turkey_today(utc("2026-12-31T22:00:00Z")).to_string(),
            "2027-01-01"
        );
    }
}
