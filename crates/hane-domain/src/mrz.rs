//! The passport's machine-readable zone (ICAO Doc 9303 part 4, TD3: two lines of 44
//! characters), parsed and checked (issue #21). The passport page is a required document
//! (Bakanlık kılavuzu (Ev Hizmetleri), B.4.4); its MRZ carries the identity fields with check
//! digits, so a mistyped passport number or date can be caught before the portal sees it.
//!
//! Pure: text in, fields and verdicts out. Reading the lines from an image is elsewhere.

use chrono::NaiveDate;
use serde::Serialize;

/// One TD3 line's length.
pub const LINE: usize = 44;

/// The value ICAO 9303 part 3 §4.9 gives a character for check digits: digits their value,
/// A–Z 10–35, the filler `<` 0. `None` for anything else.
fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit of `field` (weights 7, 3, 1 repeating, sum modulo 10); `None` if the
/// field holds a character the MRZ cannot.
pub fn check_digit(field: &str) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in field.bytes().enumerate() {
        sum += value(c)? * [7, 3, 1][i % 3];
    }
    Some(sum % 10)
}

/// One check digit's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// `documentNumber`, `birthDate`, `expiryDate`, `optionalData`, `composite`.
    pub field: &'static str,
    /// The digit printed in the MRZ and the one computed from its field.
    pub printed: char,
    pub computed: Option<u32>,
    pub ok: bool,
}

/// A TD3 MRZ, field by field, as printed (fillers removed, names split).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mrz {
    pub lines: [String; 2],
    pub document_type: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    /// YYMMDD as printed; the century is not in the MRZ (see [`Mrz::birth_date`]).
    pub birth_date_raw: String,
    pub sex: String,
    pub expiry_date_raw: String,
    pub optional_data: String,
    pub checks: Vec<Verdict>,
}

/// Why two lines are not a TD3 MRZ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum NotMrz {
    /// A line is not 44 characters long.
    Length { line: usize, found: usize },
    /// A character outside A–Z, 0–9 and `<`.
    Character { line: usize, position: usize },
    /// The first line does not start with `P` (a passport).
    NotPassport,
}

impl Mrz {
    /// Whether every check digit matches.
    pub fn all_checks_pass(&self) -> bool {
        self.checks.iter().all(|v| v.ok)
    }

    /// The birth date: the century is the one that puts it in the past on `today` (nobody
    /// applying is over 100).
    pub fn birth_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let (yy, m, d) = yymmdd(&self.birth_date_raw)?;
        let this_year = chrono::Datelike::year(&today);
        let date = NaiveDate::from_ymd_opt(this_year - this_year % 100 + yy, m, d)?;
        if date <= today {
            Some(date)
        } else {
            NaiveDate::from_ymd_opt(this_year - this_year % 100 + yy - 100, m, d)
        }
    }

    /// The expiry date: passports run at most 10 years, so the century is the one that puts
    /// it within 20 years either side of `today`.
    pub fn expiry_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let (yy, m, d) = yymmdd(&self.expiry_date_raw)?;
        let this_year = chrono::Datelike::year(&today);
        let mut year = this_year - this_year % 100 + yy;
        if year > this_year + 20 {
            year -= 100;
        } else if year < this_year - 80 {
            year += 100;
        }
        NaiveDate::from_ymd_opt(year, m, d)
    }
}

fn yymmdd(s: &str) -> Option<(i32, u32, u32)> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((
        s[0..2].parse().ok()?,
        s[2..4].parse().ok()?,
        s[4..6].parse().ok()?,
    ))
}

/// `<` fillers out of a field, single `<` inside it read as a space.
fn clean(field: &str) -> String {
    field.trim_end_matches('<').replace('<', " ")
}

/// Parses two TD3 lines (surrounding spaces ignored) and verifies every check digit.
pub fn parse(line1: &str, line2: &str) -> Result<Mrz, NotMrz> {
    let (l1, l2) = (line1.trim(), line2.trim());
    for (i, l) in [l1, l2].iter().enumerate() {
        if l.len() != LINE {
            return Err(NotMrz::Length {
                line: i + 1,
                found: l.chars().count(),
            });
        }
        if let Some(position) = l.bytes().position(|c| value(c).is_none()) {
            return Err(NotMrz::Character {
                line: i + 1,
                position: position + 1,
            });
        }
    }
    if !l1.starts_with('P') {
        return Err(NotMrz::NotPassport);
    }
    let names = &l1[5..];
    let (surname, given) = names.split_once("<<").unwrap_or((names, ""));
    let checks = line2_checks(l2).ok_or(NotMrz::Length {
        line: 2,
        found: l2.chars().count(),
    })?;
    Ok(Mrz {
        lines: [l1.to_string(), l2.to_string()],
        document_type: clean(&l1[0..2]),
        issuing_state: clean(&l1[2..5]),
        surname: clean(surname),
        given_names: clean(given),
        document_number: clean(&l2[0..9]),
        nationality: clean(&l2[10..13]),
        birth_date_raw: l2[13..19].to_string(),
        sex: clean(&l2[20..21]),
        expiry_date_raw: l2[21..27].to_string(),
        optional_data: clean(&l2[28..42]),
        checks,
    })
}

/// The check digits of a TD3 second line (44 ASCII characters; `None` otherwise): the
/// document number, birth date, expiry, optional data and composite verdicts, in that
/// order. All of them lie on line 2, so a reader can test a repair of it alone.
pub fn line2_checks(l2: &str) -> Option<Vec<Verdict>> {
    if l2.len() != LINE || !l2.is_ascii() {
        return None;
    }
    let verdict = |field: &'static str, data: &str, digit: u8| {
        let computed = check_digit(data);
        let printed = match digit {
            b'0'..=b'9' => Some((digit - b'0') as u32),
            // An empty optional field may carry `<` for its check digit (ICAO 9303 part 4).
            b'<' if field == "optionalData" && data.bytes().all(|c| c == b'<') => Some(0),
            _ => None,
        };
        Verdict {
            field,
            printed: digit as char,
            computed,
            ok: printed.is_some() && printed == computed,
        }
    };
    let b = l2.as_bytes();
    let composite_data = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    let checks = vec![
        verdict("documentNumber", &l2[0..9], b[9]),
        verdict("birthDate", &l2[13..19], b[19]),
        verdict("expiryDate", &l2[21..27], b[27]),
        verdict("optionalData", &l2[28..42], b[42]),
        verdict("composite", &composite_data, b[43]),
    ];
    Some(checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ICAO Doc 9303 part 4, Appendix A: the specimen TD3 passport of Anna Maria Eriksson.
    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn line_2_alone_gives_the_same_verdicts() {
        let alone = line2_checks(L2).unwrap();
        assert_eq!(alone, parse(L1, L2).unwrap().checks);
        assert_eq!(alone.len(), 5);
        assert!(alone.iter().all(|v| v.ok));
        // The document number's last character changed: its own and the composite fail.
        let wrong = L2.replacen("L898902C3", "L898902C8", 1);
        let failed: Vec<&str> = line2_checks(&wrong)
            .unwrap()
            .iter()
            .filter(|v| !v.ok)
            .map(|v| v.field)
            .collect();
        assert_eq!(failed, ["documentNumber", "composite"]);
        assert!(line2_checks(&L2[..43]).is_none());
        assert!(line2_checks(&format!("{}Ç", &L2[..42])).is_none());
    }

    #[test]
    fn icao_specimen_parses_and_every_check_digit_passes() {
        let m = parse(L1, L2).unwrap();
        assert!(m.all_checks_pass(), "{:?}", m.checks);
        assert_eq!(m.surname, "ERIKSSON");
        assert_eq!(m.given_names, "ANNA MARIA");
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.nationality, "UTO");
        assert_eq!(m.sex, "F");
        assert_eq!(m.optional_data, "ZE184226B");
        assert_eq!(m.birth_date(today()), NaiveDate::from_ymd_opt(1974, 8, 12));
        assert_eq!(m.expiry_date(today()), NaiveDate::from_ymd_opt(2012, 4, 15));
        assert_eq!(m.checks.len(), 5);
    }

    #[test]
    fn check_digits_follow_the_7_3_1_weights() {
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
        assert_eq!(check_digit("<<<<<<<<<<<<<<"), Some(0));
        assert_eq!(check_digit("a"), None);
    }

    /// Every mistyped digit in a checked field is caught by its own check digit (weights
    /// 7, 3, 1 are prime to 10, so a digit changed by 1–9 always changes the sum's last
    /// digit) and the whole line is no longer valid.
    #[test]
    fn one_wrong_digit_in_a_checked_field_fails_its_check_digit() {
        for (field, range) in [
            ("documentNumber", 0..9),
            ("birthDate", 13..19),
            ("expiryDate", 21..27),
        ] {
            for i in range {
                if !L2.as_bytes()[i].is_ascii_digit() {
                    continue;
                }
                for digit in b'0'..=b'9' {
                    let mut bytes = L2.as_bytes().to_vec();
                    if bytes[i] == digit {
                        continue;
                    }
                    bytes[i] = digit;
                    let wrong = String::from_utf8(bytes).unwrap();
                    let m = parse(L1, &wrong).unwrap();
                    let v = m.checks.iter().find(|v| v.field == field).unwrap();
                    assert!(!v.ok, "{field} position {i}: {wrong}");
                    assert!(!m.all_checks_pass());
                }
            }
        }
    }

    /// What check digits cannot catch: a letter read for a digit whose values differ by a
    /// multiple of 10 (G = 16 for 6, L = 21 for 1). An OCR proposal that passes every check
    /// digit may still be wrong; the user confirms it (issue #21).
    #[test]
    fn a_letter_read_for_a_digit_ten_apart_passes_its_check_digit() {
        assert_eq!(check_digit("L898902C3"), check_digit("1898902C3"));
        assert_eq!(check_digit("G"), check_digit("6"));
    }

    #[test]
    fn an_empty_optional_field_may_carry_a_filler_check_digit() {
        let l2 = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<0";
        let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
        let digit = check_digit(&composite).unwrap();
        let l2 = format!("{}{}", &l2[..43], digit);
        let m = parse(L1, &l2).unwrap();
        assert!(m.all_checks_pass(), "{:?}", m.checks);
        let filler = format!("{}<{}", &l2[..42], &l2[43..]);
        assert!(parse(L1, &filler).unwrap().all_checks_pass());
    }

    #[test]
    fn what_is_not_a_td3_mrz_says_why() {
        assert_eq!(
            parse(&L1[..40], L2),
            Err(NotMrz::Length { line: 1, found: 40 })
        );
        let lower = L2.replace('C', "c");
        assert_eq!(
            parse(L1, &lower),
            Err(NotMrz::Character {
                line: 2,
                position: 8
            })
        );
        let id = L1.replacen('P', "I", 1);
        assert_eq!(parse(&id, L2), Err(NotMrz::NotPassport));
    }

    /// The birth century: the day before, on and after the 100-year boundary.
    #[test]
    fn the_birth_century_puts_the_date_in_the_past() {
        let with_birth = |yymmdd: &str| {
            let mut m = parse(L1, L2).unwrap();
            m.birth_date_raw = yymmdd.into();
            m.birth_date(today())
        };
        assert_eq!(with_birth("261201"), NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(with_birth("261202"), NaiveDate::from_ymd_opt(2026, 12, 2));
        // Tomorrow in this century is in the future: a century earlier.
        assert_eq!(with_birth("261203"), NaiveDate::from_ymd_opt(1926, 12, 3));
        assert_eq!(with_birth("270101"), NaiveDate::from_ymd_opt(1927, 1, 1));
        assert_eq!(with_birth("991231"), NaiveDate::from_ymd_opt(1999, 12, 31));
        assert_eq!(with_birth("740230"), None);
    }

    #[test]
    fn the_expiry_century_is_within_twenty_years() {
        let with_expiry = |yymmdd: &str| {
            let mut m = parse(L1, L2).unwrap();
            m.expiry_date_raw = yymmdd.into();
            m.expiry_date(today())
        };
        assert_eq!(with_expiry("360101"), NaiveDate::from_ymd_opt(2036, 1, 1));
        assert_eq!(with_expiry("461202"), NaiveDate::from_ymd_opt(2046, 12, 2));
        assert_eq!(with_expiry("470101"), NaiveDate::from_ymd_opt(1947, 1, 1));
    }
}
