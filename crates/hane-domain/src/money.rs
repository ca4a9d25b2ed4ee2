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

const EN_ONES: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// 1..=999 in English words ("three hundred forty-five").
fn below_thousand_en(n: u64, out: &mut Vec<String>) {
    let (h, rest) = (n / 100, n % 100);
    if h > 0 {
        out.push(format!("{} hundred", EN_ONES[h as usize]));
    }
    match rest {
        0 => {}
        1..=19 => out.push(EN_ONES[rest as usize].into()),
        _ if rest % 10 == 0 => out.push(EN_TENS[(rest / 10) as usize].into()),
        _ => out.push(format!(
            "{}-{}",
            EN_TENS[(rest / 10) as usize],
            EN_ONES[(rest % 10) as usize]
        )),
    }
}

/// A whole number in English words: 28000 → "twenty-eight thousand".
pub fn number_words_en(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    let mut words = Vec::new();
    let mut rest = n;
    for (size, name) in [
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            below_thousand_en(count, &mut words);
            words.push(name.into());
        }
    }
    below_thousand_en(rest, &mut words);
    words.join(" ")
}

/// "twenty-eight thousand Turkish lira and fifty kuruş" (the contract's English text).
pub fn words_en(kurus: i64) -> String {
    let k = kurus.unsigned_abs();
    let (lira, kr) = (k / 100, k % 100);
    let mut s = format!("{} Turkish lira", number_words_en(lira));
    if kr > 0 {
        s.push_str(&format!(" and {} kuruş", number_words_en(kr)));
    }
    s
}

/// Which of a Russian noun's three forms a count takes: 1 (21, 31 …), 2–4 (22 …), or
/// the rest (5–20, 25 …).
pub fn ru_plural(n: u64, forms: [&str; 3]) -> &str {
    match (n % 10, n % 100) {
        (_, 11..=14) => forms[2],
        (1, _) => forms[0],
        (2..=4, _) => forms[1],
        _ => forms[2],
    }
}

/// 1..=999 in Russian words; `feminine` for a count of feminine nouns (тысяча, лира:
/// одна, две).
fn below_thousand_ru(n: u64, feminine: bool, out: &mut Vec<&'static str>) {
    const HUNDREDS: [&str; 10] = [
        "",
        "сто",
        "двести",
        "триста",
        "четыреста",
        "пятьсот",
        "шестьсот",
        "семьсот",
        "восемьсот",
        "девятьсот",
    ];
    const TEENS: [&str; 10] = [
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ];
    const ONES: [&str; 10] = [
        "",
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
    ];
    let (h, t, o) = (n / 100, (n / 10) % 10, n % 10);
    if h > 0 {
        out.push(HUNDREDS[h as usize]);
    }
    if t == 1 {
        out.push(TEENS[o as usize]);
        return;
    }
    if t > 1 {
        out.push(TENS[t as usize]);
    }
    match (o, feminine) {
        (0, _) => {}
        (1, true) => out.push("одна"),
        (2, true) => out.push("две"),
        _ => out.push(ONES[o as usize]),
    }
}

/// A whole number in Russian words, counting a noun of the given gender: 28000 →
/// "двадцать восемь тысяч", 21 (feminine) → "двадцать одна".
pub fn number_words_ru(n: u64, feminine: bool) -> String {
    if n == 0 {
        return "ноль".into();
    }
    let mut words: Vec<&'static str> = Vec::new();
    let mut rest = n;
    for (size, forms, fem) in [
        (
            1_000_000_000_000,
            ["триллион", "триллиона", "триллионов"],
            false,
        ),
        (
            1_000_000_000,
            ["миллиард", "миллиарда", "миллиардов"],
            false,
        ),
        (1_000_000, ["миллион", "миллиона", "миллионов"], false),
        (1_000, ["тысяча", "тысячи", "тысяч"], true),
    ] {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            below_thousand_ru(count, fem, &mut words);
            words.push(ru_plural(count, forms));
        }
    }
    below_thousand_ru(rest, feminine, &mut words);
    words.join(" ")
}

/// "двадцать восемь тысяч турецких лир пятьдесят курушей" (the contract's Russian text):
/// лира is feminine and takes the form its count asks for.
pub fn words_ru(kurus: i64) -> String {
    let k = kurus.unsigned_abs();
    let (lira, kr) = (k / 100, k % 100);
    let mut s = format!(
        "{} {}",
        number_words_ru(lira, true),
        ru_plural(lira, ["турецкая лира", "турецкие лиры", "турецких лир"])
    );
    if kr > 0 {
        s.push_str(&format!(
            " {} {}",
            number_words_ru(kr, false),
            ru_plural(kr, ["куруш", "куруша", "курушей"])
        ));
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

    /// The contract's English and Russian wage in words (issue #35), the Russian with the
    /// form each count asks for.
    #[test]
    fn english_and_russian_words() {
        assert_eq!(words_en(2_800_000), "twenty-eight thousand Turkish lira");
        assert_eq!(
            words_en(1_234_550),
            "twelve thousand three hundred forty-five Turkish lira and fifty kuruş"
        );
        assert_eq!(number_words_en(1_000_001), "one million one");
        assert_eq!(number_words_en(110), "one hundred ten");
        assert_eq!(words_ru(2_800_000), "двадцать восемь тысяч турецких лир");
        assert_eq!(words_ru(2_100), "двадцать одна турецкая лира");
        assert_eq!(words_ru(2_200), "двадцать две турецкие лиры");
        assert_eq!(words_ru(1_100), "одиннадцать турецких лир");
        assert_eq!(
            words_ru(3_200_150),
            "тридцать две тысячи одна турецкая лира пятьдесят курушей"
        );
        assert_eq!(
            words_ru(100_000_000 + 2_100),
            "один миллион двадцать одна турецкая лира"
        );
        assert_eq!(words_ru(2_201), "двадцать две турецкие лиры один куруш");
        assert_eq!(number_words_ru(14_000, true), "четырнадцать тысяч");
        assert_eq!(number_words_ru(2_000, true), "две тысячи");
    }
}
