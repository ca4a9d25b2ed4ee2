//! Turkish lira amounts: the one parser for everything a user types as money (the wage,
//! the permit fee, the card fee) and the one formatter for everything Hane prints or shows.
//!
//! Turkish writing: a dot groups thousands, a comma starts the kuruş — `12.345,50`.
//! `12.345` is therefore twelve thousand three hundred forty-five, never 12,35. Input
//! that two readers could read two ways (`12.34`, `12,345`, `1,234.56`) is refused with a
//! message that says how to write it, instead of guessed: the user pays or signs this
//! amount, so a guess could cost real money.

use serde::Serialize;

/// Largest amount accepted: 999.999.999.999,99 TL (far above any fee or wage, far below
/// where `i64` kuruş could overflow).
pub const MAX_KURUS: i64 = 99_999_999_999_999;

/// Why a typed amount was refused. Each maps to an error code the UI words itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyProblem {
    /// Nothing but spaces or a currency sign.
    Empty,
    /// Letters or symbols other than digits, `.`, `,`, spaces and `₺`/`TL`.
    NotANumber,
    /// Readable two ways (`12.34`, `12,345`, `1,234.56`, a group that is not 3 digits).
    Ambiguous,
    /// A minus sign: fees and wages are never negative.
    Negative,
    /// More than [`MAX_KURUS`].
    TooLarge,
}

impl MoneyProblem {
    pub fn code(self) -> &'static str {
        match self {
            MoneyProblem::Empty => "money.empty",
            MoneyProblem::NotANumber => "money.not_a_number",
            MoneyProblem::Ambiguous => "money.ambiguous",
            MoneyProblem::Negative => "money.negative",
            MoneyProblem::TooLarge => "money.too_large",
        }
    }
}

/// Characters users type (or paste) between digit groups: space, no-break space, narrow
/// no-break space (what Windows' Turkish locale puts in formatted numbers).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

fn strip_currency(s: &str) -> &str {
    let mut s = s.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    loop {
        let before = s;
        for sign in ["₺", "TL", "Tl", "tl", "TRY", "try"] {
            s = s.strip_prefix(sign).unwrap_or(s);
            s = s.strip_suffix(sign).unwrap_or(s);
        }
        s = s.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
        if s == before {
            return s;
        }
    }
}

/// Digits grouped by `sep` the Turkish way: a first group of 1–3 digits, then groups of
/// exactly 3. Returns the digits without separators.
fn grouped_digits(s: &str, sep: impl Fn(char) -> bool) -> Result<String, MoneyProblem> {
    let groups: Vec<&str> = s.split(sep).collect();
    let all_digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return Err(MoneyProblem::Ambiguous);
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(MoneyProblem::Ambiguous);
    }
    Ok(groups.concat())
}

/// Parses an amount as a Turkish user types it, into kuruş.
///
/// Accepted: `12345`, `12.345`, `12 345`, `12.345,5`, `12.345,50`, `0,75`, with `₺`, `TL`
/// or `TRY` before or after. Refused: see [`MoneyProblem`].
pub fn parse_tl(input: &str) -> Result<i64, MoneyProblem> {
    let s = strip_currency(input);
    if s.is_empty() {
        return Err(MoneyProblem::Empty);
    }
    if s.starts_with('-') || s.starts_with('−') {
        return Err(MoneyProblem::Negative);
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c))
    {
        return Err(MoneyProblem::NotANumber);
    }
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(MoneyProblem::NotANumber);
    }
    let (int_part, frac_part) = match s.split_once(',') {
        None => (s, ""),
        Some((i, f)) => {
            // One comma, then one or two digits: `12,345` could be English grouping,
            // `1,234.56` certainly is.
            if f.is_empty() || f.len() > 2 || !f.chars().all(|c| c.is_ascii_digit()) || i.is_empty()
            {
                return Err(MoneyProblem::Ambiguous);
            }
            (i, f)
        }
    };
    let has_dot = int_part.contains('.');
    let has_space = int_part.chars().any(is_group_space);
    let digits = match (has_dot, has_space) {
        (true, true) => return Err(MoneyProblem::Ambiguous),
        (true, false) => grouped_digits(int_part, |c| c == '.')?,
        (false, true) => grouped_digits(int_part, is_group_space)?,
        (false, false) => int_part.to_string(),
    };
    let digits = digits.trim_start_matches('0');
    if digits.len() > 12 {
        return Err(MoneyProblem::TooLarge);
    }
    let lira: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| MoneyProblem::NotANumber)?
    };
    let kurus: i64 = match frac_part.len() {
        0 => 0,
        1 => {
            frac_part
                .parse::<i64>()
                .map_err(|_| MoneyProblem::NotANumber)?
                * 10
        }
        _ => frac_part.parse().map_err(|_| MoneyProblem::NotANumber)?,
    };
    let total = lira * 100 + kurus;
    if total > MAX_KURUS {
        return Err(MoneyProblem::TooLarge);
    }
    Ok(total)
}

/// `12.345,50 TL`: how Hane shows and prints every amount (petition, summary, deadlines).
pub fn format_tl(kurus: i64) -> String {
    let sign = if kurus < 0 { "-" } else { "" };
    let k = kurus.unsigned_abs();
    let lira = (k / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in lira.chars().enumerate() {
        if i > 0 && (lira.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped},{:02} TL", k % 100)
}

const ONES: [&str; 10] = [
    "", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz",
];
const TENS: [&str; 10] = [
    "", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan",
];

/// 1..=999 in Turkish words ("yüz", not "bir yüz").
fn below_thousand(n: u64, out: &mut Vec<&'static str>) {
    let (h, t, o) = (n / 100, (n / 10) % 10, n % 10);
    if h > 1 {
        out.push(ONES[h as usize]);
    }
    if h > 0 {
        out.push("yüz");
    }
    if t > 0 {
        out.push(TENS[t as usize]);
    }
    if o > 0 {
        out.push(ONES[o as usize]);
    }
}

/// A whole number in Turkish words, written apart as the TDK spells numbers:
/// 12345 → "on iki bin üç yüz kırk beş"; 1000 → "bin" (not "bir bin").
pub fn number_words_tr(n: u64) -> String {
    if n == 0 {
        return "sıfır".into();
    }
    let scales = [
        (1_000_000_000_000, "trilyon"),
        (1_000_000_000, "milyar"),
        (1_000_000, "milyon"),
        (1_000, "bin"),
    ];
    let mut words = Vec::new();
    let mut rest = n;
    for (size, name) in scales {
        let count = rest / size;
        rest %= size;
        if count == 0 {
            continue;
        }
        if !(count == 1 && name == "bin") {
            below_thousand(count, &mut words);
        }
        words.push(name);
    }
    below_thousand(rest, &mut words);
    words.join(" ")
}

/// The amount in words, as on a bank slip: "on iki bin üç yüz kırk beş Türk lirası
/// elli kuruş". Shown beside every amount the user types, so a misplaced dot is seen.
pub fn words_tr(kurus: i64) -> String {
    let k = kurus.unsigned_abs();
    let (lira, kr) = (k / 100, k % 100);
    let mut s = format!("{} Türk lirası", number_words_tr(lira));
    if kr > 0 {
        s.push_str(&format!(" {} kuruş", number_words_tr(kr)));
    }
    s
}

/// What the UI echoes back before an amount is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Amount {
    pub kurus: i64,
    /// `12.345,50 TL`.
    pub display: String,
    /// `on iki bin üç yüz kırk beş Türk lirası elli kuruş`.
    pub words: String,
}

impl Amount {
    pub fn new(kurus: i64) -> Amount {
        Amount {
            kurus,
            display: format_tl(kurus),
            words: words_tr(kurus),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoneyProblem::*;

    #[test]
    fn turkish_inputs_table() {
        let ok: &[(&str, i64)] = &[
            ("12.345", 1_234_500),
            ("12.345,50", 1_234_550),
            ("12.345,5", 1_234_550),
            ("12345", 1_234_500),
            ("12 345 TL", 1_234_500),
            ("12\u{00A0}345,50", 1_234_550),
            ("12\u{202F}345", 1_234_500),
            ("₺12.345,50", 1_234_550),
            ("₺ 12.345", 1_234_500),
            ("12.345,50 ₺", 1_234_550),
            ("12.345 tl", 1_234_500),
            ("TRY 600", 60_000),
            ("1.234.567,89", 123_456_789),
            ("1.000", 100_000),
            ("999", 99_900),
            ("0,75", 75),
            ("0,05", 5),
            ("7,5", 750),
            ("28.000,00", 2_800_000),
            ("  4.250 TL  ", 425_000),
            ("0", 0),
            ("999.999.999.999,99", MAX_KURUS),
        ];
        for (input, kurus) in ok {
            assert_eq!(parse_tl(input), Ok(*kurus), "{input:?}");
        }
        let refused: &[(&str, MoneyProblem)] = &[
            ("", Empty),
            ("  ", Empty),
            ("TL", Empty),
            ("₺", Empty),
            ("12.34", Ambiguous),    // 12,34 with an English dot, or a typo?
            ("12,345", Ambiguous),   // English grouping, or 12,345 lira?
            ("1,234.56", Ambiguous), // English writing
            ("12.345,50,1", Ambiguous),
            ("1.2345", Ambiguous),
            ("1234.567", Ambiguous), // first group longer than 3
            ("12.345.6", Ambiguous),
            ("12..345", Ambiguous),
            ("12.", Ambiguous),
            (".345", Ambiguous),
            ("12,", Ambiguous),
            (",50", Ambiguous),
            ("12 34", Ambiguous),
            ("1.234 567", Ambiguous), // dots and spaces mixed
            ("12,5.0", Ambiguous),
            ("otuz bin", NotANumber),
            ("12a", NotANumber),
            ("1e5", NotANumber),
            ("$100", NotANumber),
            ("...", NotANumber),
            ("-500", Negative),
            ("−500", Negative),
            ("1.000.000.000.000", TooLarge),
            ("99999999999999999999999", TooLarge),
        ];
        for (input, problem) in refused {
            assert_eq!(parse_tl(input), Err(*problem), "{input:?}");
        }
    }

    #[test]
    fn formatting_is_turkish() {
        assert_eq!(format_tl(0), "0,00 TL");
        assert_eq!(format_tl(5), "0,05 TL");
        assert_eq!(format_tl(99_900), "999,00 TL");
        assert_eq!(format_tl(100_000), "1.000,00 TL");
        assert_eq!(format_tl(1_234_550), "12.345,50 TL");
        assert_eq!(format_tl(2_800_000), "28.000,00 TL");
        assert_eq!(format_tl(123_456_789), "1.234.567,89 TL");
        assert_eq!(format_tl(MAX_KURUS), "999.999.999.999,99 TL");
    }

    #[test]
    fn every_format_parses_back_to_itself() {
        for k in [
            0,
            1,
            10,
            99,
            100,
            12_345,
            1_234_500,
            1_234_550,
            100_000_000,
            MAX_KURUS,
        ] {
            assert_eq!(parse_tl(&format_tl(k)), Ok(k), "{k}");
        }
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(number_words_tr(0), "sıfır");
        assert_eq!(number_words_tr(1), "bir");
        assert_eq!(number_words_tr(10), "on");
        assert_eq!(number_words_tr(100), "yüz");
        assert_eq!(number_words_tr(101), "yüz bir");
        assert_eq!(number_words_tr(200), "iki yüz");
        assert_eq!(number_words_tr(1_000), "bin");
        assert_eq!(number_words_tr(1_100), "bin yüz");
        assert_eq!(number_words_tr(2_000), "iki bin");
        assert_eq!(number_words_tr(21_000), "yirmi bir bin");
        assert_eq!(number_words_tr(101_000), "yüz bir bin");
        assert_eq!(number_words_tr(1_001_000), "bir milyon bin");
        assert_eq!(number_words_tr(12_345), "on iki bin üç yüz kırk beş");
        assert_eq!(number_words_tr(2_000_000_000), "iki milyar",);
        assert_eq!(
            words_tr(1_234_500),
            "on iki bin üç yüz kırk beş Türk lirası"
        );
        assert_eq!(
            words_tr(1_234_550),
            "on iki bin üç yüz kırk beş Türk lirası elli kuruş"
        );
        assert_eq!(words_tr(5), "sıfır Türk lirası beş kuruş");
    }
}
