//! Identity numbers, e-mail, phone and name checks.

/// The NVİ check-digit algorithm shared by T.C. kimlik no and yabancı kimlik no:
/// 11 digits, the first not 0; digit 10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10;
/// digit 11 = (d1+…+d10) mod 10.
pub fn check_digits_ok(s: &str) -> bool {
    let d: Vec<i32> = s
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|v| v as i32)
        .collect();
    if d.len() != 11 || s.chars().count() != 11 || d[0] == 0 {
        return false;
    }
    let odd = d[0] + d[2] + d[4] + d[6] + d[8];
    let even = d[1] + d[3] + d[5] + d[7];
    let d10 = (odd * 7 - even).rem_euclid(10);
    let d11 = d[..10].iter().sum::<i32>().rem_euclid(10);
    d[9] == d10 && d[10] == d11
}

/// T.C. kimlik no (Turkish citizens).
pub fn tckn_ok(s: &str) -> bool {
    check_digits_ok(s)
}

/// Yabancı kimlik no: same algorithm, starts with 9 (000 B.6.1.1, B.6.1.2: "9 ile
/// başlayan"). The rules warn separately about 98 (temporary protection).
pub fn ykn_ok(s: &str) -> bool {
    s.starts_with('9') && check_digits_ok(s)
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain whose
/// labels are non-empty, no spaces. Not RFC 5322 — the portal verifies it by mail anyway.
pub fn email_ok(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2)
}

/// A Turkish mobile number in any usual spelling (`0532 123 45 67`, `+90 532 1234567`,
/// `5321234567`), normalised to its 10 digits starting with 5; `None` if not one.
pub fn turkish_mobile(s: &str) -> Option<String> {
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
    {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = digits
        .strip_prefix("90")
        .filter(|_| digits.len() == 12)
        .or_else(|| digits.strip_prefix('0').filter(|_| digits.len() == 11))
        .unwrap_or(&digits);
    (national.len() == 10 && national.starts_with('5')).then(|| national.to_string())
}

/// Any Unicode letters (Turkish ç ğ ı İ ö ş ü included), with spaces, hyphens,
/// apostrophes and dots between them.
pub fn name_ok(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().all(|c| c.is_alphabetic() || " -'’.".contains(c))
}

pub use crate::text::turkish_upper;

/// Upper case by the Latin (Unicode default) rules, for foreigners' names as their
/// passports spell them: Maria → MARIA (Turkish rules would give MARİA).
pub fn latin_upper(s: &str) -> String {
    s.to_uppercase()
}

/// Lower case by Turkish rules: I → ı, İ → i.
pub fn turkish_lower(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            'I' => vec!['ı'],
            'İ' => vec!['i'],
            c => c.to_lowercase().collect(),
        })
        .collect()
}

/// Names compared as the NVİ registry would: Turkish case folding, spaces collapsed.
pub fn names_equal(a: &str, b: &str) -> bool {
    let norm = |s: &str| turkish_upper(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tckn_check_digits() {
        // Valid numbers computed by the algorithm (not real people).
        assert!(tckn_ok("10000000146"));
        assert!(tckn_ok("12345678950"));
        assert!(!tckn_ok("12345678951"), "wrong 11th digit");
        assert!(!tckn_ok("12345678940"), "wrong 10th digit");
        assert!(!tckn_ok("02345678950"), "first digit 0");
        assert!(!tckn_ok("1234567895"), "10 digits");
        assert!(!tckn_ok("123456789500"), "12 digits");
        assert!(!tckn_ok("1234567895a"));
        assert!(!tckn_ok("١٢٣٤٥٦٧٨٩٥٠"), "non-ASCII digits are not accepted");
    }

    #[test]
    fn ykn_must_start_with_9() {
        assert!(ykn_ok("99123456740"));
        assert!(ykn_ok("99876543292"));
        // "9 ile başlayan": 97… and 90… pass; 98… passes here and gets its own warning.
        assert!(ykn_ok("97123456760"));
        assert!(ykn_ok("90123456730"));
        assert!(ykn_ok("98123456750"));
        assert!(!ykn_ok("89123456772"), "valid digits but starts with 8");
        assert!(!ykn_ok("12345678950"), "valid digits but not 9");
        assert!(!ykn_ok("99123456741"), "99 but wrong check digit");
    }

    #[test]
    fn emails() {
        for ok in ["ayse@example.com", "a.b+c@alt.example.com.tr"] {
            assert!(email_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "ayse",
            "ayse@",
            "@x.com",
            "a@b",
            "a@b.c",
            "a b@x.com",
            "a@@x.com",
            "a@x..com",
            "a@-x.com",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }

    #[test]
    fn mobiles() {
        for ok in [
            "05321234567",
            "0532 123 45 67",
            "+90 532 123 45 67",
            "905321234567",
            "5321234567",
            "(0532) 123-4567",
        ] {
            assert_eq!(turkish_mobile(ok).as_deref(), Some("5321234567"), "{ok}");
        }
        for bad in [
            "02121234567",
            "0532123456",
            "053212345678",
            "+1 532 123 4567",
            "0532 123 45 6x",
        ] {
            assert_eq!(turkish_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_accept_turkish_letters() {
        for ok in ["Ayşe", "Çağrı Işık", "İlknur Öztürk-Şen", "O'Neil", "Ğ. Ü"] {
            assert!(name_ok(ok), "{ok}");
        }
        for bad in ["", "  ", "Ayşe1", "-Ali", "Ali@"] {
            assert!(!name_ok(bad), "{bad}");
        }
    }

    #[test]
    fn turkish_case_folding() {
        assert_eq!(turkish_upper("istanbul ılık"), "İSTANBUL ILIK");
        assert_eq!(turkish_lower("IŞIK İZMİR"), "ışık izmir");
        assert!(
            !names_equal("ayşe  işık", "AYŞE IŞIK"),
            "i/ı differ: işık ≠ IŞIK"
        );
        assert!(names_equal("ayşe ışık", "AYŞE IŞIK"));
        assert!(names_equal("İlknur", "ilknur"));
        assert!(!names_equal("Ilknur", "ilknur"), "I folds to ı, not i");
    }
}
