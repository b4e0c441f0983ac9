//! Token classification shared by the temporal and numeric recognizers.
//!
//! Every token is classified once into a [`Lex`]; the grammars then match on these small enums
//! instead of comparing strings again and again, which is what keeps recognition well above a
//! million tokens per second. Word lookups lower-case into a stack buffer (no allocation) and
//! use `match` on string literals.

use super::calendar::{Month, Weekday};
use super::numeric::{Currency, Unit};

/// Grammatical words and lexical triggers the grammars look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    A,
    Ago,
    And,
    At,
    Between,
    Currently,
    Earlier,
    Early,
    Each,
    End,
    Beginning,
    For,
    Few,
    From,
    In,
    Last,
    Late,
    Later,
    Many,
    Mid,
    Middle,
    Moment,
    Next,
    Now,
    Of,
    On,
    Over,
    Past,
    Per,
    Cent,
    Percent,
    Recent,
    Recently,
    Several,
    Since,
    The,
    This,
    Through,
    To,
    Until,
    Weekend,
    Within,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Noon,
    Midnight,
    Present,
    Will,
    Future,
    Century,
    Points,
    Percentage,
    By,
    About,
}

/// Parts of the day that TIMEX writes as `TMO`, `TAF`, `TEV`, `TNI`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// Calendar units of durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

/// A number written in digits, as found in one token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Digits {
    pub value: f64,
    /// Set for an integer written without separators (`2001`, not `2,001` or `2001.0`):
    /// only those can be years, days or clock hours.
    pub plain: Option<u32>,
    /// Number of digits of a plain integer (`07` has 2), to tell `1996-97` from `1996-1997`.
    pub len: u8,
}

/// The class of one token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lex {
    Other,
    Number(Digits),
    /// Digits followed by letters or `%` in the same token (`2.3bn`, `20km`, `8am`, `1990s`);
    /// `split` is the byte offset of the suffix inside the token.
    Suffixed {
        digits: Digits,
        split: u8,
    },
    /// `three`, `twenty-five`.
    NumberWord(u32),
    /// `hundred`, `million`, `dozen`, `bn`: multiplies the number before it.
    Scale(f64),
    /// `first`, `21st`, `twenty-first`.
    Ordinal(u32),
    Month {
        month: Month,
        /// `Aug.` or `Sept` rather than `August`: abbreviations are never dates on their own.
        abbreviated: bool,
    },
    Weekday(Weekday),
    Unit {
        unit: TimeUnit,
        plural: bool,
    },
    DayPart(DayPart),
    /// `a.m.` / `am` (false) and `p.m.` / `pm` (true).
    Meridiem {
        pm: bool,
    },
    /// A currency symbol or ISO code, written before (or, for codes, after) the amount.
    CurrencySign(Currency),
    /// A currency name written after the amount (`dollars`).
    CurrencyWord(Currency),
    /// `pound(s)`: sterling after a scale word (`5 million pounds`), otherwise weight.
    Pounds,
    /// A unit of measure such as `km`.
    Measure(Unit),
    /// `-`, `–`, `—`.
    Dash,
    Comma,
    Percent,
    Kw(Kw),
}

/// Classifies every token of a sentence.
pub(crate) fn classify_all(text: &str, tokens: &[crate::nlp::tokenize::Token]) -> Vec<Lex> {
    tokens
        .iter()
        .map(|t| text.get(t.start..t.end).map_or(Lex::Other, classify))
        .collect()
}

/// Classifies one token's text.
pub(crate) fn classify(word: &str) -> Lex {
    let Some(&first) = word.as_bytes().first() else {
        return Lex::Other;
    };
    if first.is_ascii_digit() || (first == b'.' && word.len() > 1) {
        return classify_numeric(word);
    }
    match word {
        "," => return Lex::Comma,
        "%" => return Lex::Percent,
        "-" | "–" | "—" | "--" => return Lex::Dash,
        _ => {}
    }
    if let Some(c) = currency_symbol(word) {
        return Lex::CurrencySign(c);
    }
    if !first.is_ascii_alphabetic() {
        return Lex::Other;
    }
    if let Some(lex) = classify_cased(word) {
        return lex;
    }
    let mut buf = [0u8; 16];
    match lowercase(word, &mut buf) {
        Some(lower) => classify_lower(lower),
        None => Lex::Other,
    }
}

/// ASCII lower-case copy of `word` in `buf`; `None` for long or non-ASCII words, none of which
/// are in the lexicon.
fn lowercase<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// Words whose meaning depends on capitalisation: month and weekday names must be capitalised
/// (`may`, `march`, `sun` are ordinary words), currency codes and a few units must be exact.
fn classify_cased(word: &str) -> Option<Lex> {
    let first = *word.as_bytes().first()?;
    if first.is_ascii_uppercase() {
        let mut buf = [0u8; 16];
        let lower = lowercase(word, &mut buf)?;
        if let Some((month, abbreviated)) = month_name(lower) {
            return Some(Lex::Month { month, abbreviated });
        }
        if let Some(day) = weekday_name(lower) {
            return Some(Lex::Weekday(day));
        }
    }
    match word {
        "USD" => Some(Lex::CurrencySign(Currency::Usd)),
        "EUR" => Some(Lex::CurrencySign(Currency::Eur)),
        "GBP" => Some(Lex::CurrencySign(Currency::Gbp)),
        "JPY" => Some(Lex::CurrencySign(Currency::Jpy)),
        "CNY" => Some(Lex::CurrencySign(Currency::Cny)),
        "CHF" => Some(Lex::CurrencySign(Currency::Chf)),
        "RUB" => Some(Lex::CurrencySign(Currency::Rub)),
        "INR" => Some(Lex::CurrencySign(Currency::Inr)),
        "AFN" => Some(Lex::CurrencySign(Currency::Afn)),
        "MW" => Some(Lex::Measure(Unit::Megawatt)),
        "GW" => Some(Lex::Measure(Unit::Gigawatt)),
        _ => None,
    }
}

/// Month names and abbreviations (lower-case input). Returns whether it is an abbreviation.
pub(crate) fn month_name(lower: &str) -> Option<(Month, bool)> {
    let (n, abbreviated) = match lower {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan." | "jan" => (1, true),
        "feb." | "feb" => (2, true),
        "mar." => (3, true),
        "apr." | "apr" => (4, true),
        "jun." => (6, true),
        "jul." => (7, true),
        "aug." | "aug" => (8, true),
        "sep." | "sept." | "sep" | "sept" => (9, true),
        "oct." | "oct" => (10, true),
        "nov." | "nov" => (11, true),
        "dec." | "dec" => (12, true),
        _ => return None,
    };
    Month::new(n).map(|m| (m, abbreviated))
}

fn weekday_name(lower: &str) -> Option<Weekday> {
    Some(match lower {
        "monday" | "mon." => Weekday::Monday,
        "tuesday" | "tue." | "tues." => Weekday::Tuesday,
        "wednesday" | "wed." => Weekday::Wednesday,
        "thursday" | "thu." | "thur." | "thurs." => Weekday::Thursday,
        "friday" | "fri." => Weekday::Friday,
        "saturday" | "sat." => Weekday::Saturday,
        "sunday" | "sun." => Weekday::Sunday,
        _ => return None,
    })
}

fn currency_symbol(word: &str) -> Option<Currency> {
    Some(match word {
        "$" | "US$" => Currency::Usd,
        "€" => Currency::Eur,
        "£" => Currency::Gbp,
        "¥" => Currency::Jpy,
        _ => return None,
    })
}

/// Lower-case words of the lexicon.
fn classify_lower(w: &str) -> Lex {
    if let Some(lex) = keyword(w) {
        return Lex::Kw(lex);
    }
    if let Some(n) = number_word(w) {
        return Lex::NumberWord(n);
    }
    if let Some(n) = ordinal_word(w) {
        return Lex::Ordinal(n);
    }
    if let Some(s) = scale_word(w) {
        return Lex::Scale(s);
    }
    if let Some((unit, plural)) = time_unit(w) {
        return Lex::Unit { unit, plural };
    }
    if let Some(part) = day_part(w) {
        return Lex::DayPart(part);
    }
    if let Some(c) = currency_word(w) {
        return Lex::CurrencyWord(c);
    }
    if let Some(u) = measure_word(w) {
        return Lex::Measure(u);
    }
    match w {
        "pound" | "pounds" => Lex::Pounds,
        "a.m." | "am" => Lex::Meridiem { pm: false },
        "p.m." | "pm" => Lex::Meridiem { pm: true },
        _ if w.contains('-') => hyphenated_number(w).unwrap_or(Lex::Other),
        _ => Lex::Other,
    }
}

fn keyword(w: &str) -> Option<Kw> {
    Some(match w {
        "a" | "an" => Kw::A,
        "ago" => Kw::Ago,
        "and" => Kw::And,
        "at" => Kw::At,
        "between" => Kw::Between,
        "currently" => Kw::Currently,
        "earlier" => Kw::Earlier,
        "early" => Kw::Early,
        "each" | "every" => Kw::Each,
        "end" => Kw::End,
        "beginning" | "start" => Kw::Beginning,
        "for" => Kw::For,
        "few" => Kw::Few,
        "from" => Kw::From,
        "in" => Kw::In,
        "last" => Kw::Last,
        "late" => Kw::Late,
        "later" => Kw::Later,
        "many" => Kw::Many,
        "mid" => Kw::Mid,
        "middle" => Kw::Middle,
        "moment" => Kw::Moment,
        "next" | "coming" => Kw::Next,
        "now" => Kw::Now,
        "of" => Kw::Of,
        "on" => Kw::On,
        "over" => Kw::Over,
        "past" => Kw::Past,
        "per" => Kw::Per,
        "cent" => Kw::Cent,
        "percent" | "pct" => Kw::Percent,
        "recent" => Kw::Recent,
        "recently" => Kw::Recently,
        "several" => Kw::Several,
        "since" => Kw::Since,
        "the" => Kw::The,
        "this" => Kw::This,
        "through" | "thru" => Kw::Through,
        "to" => Kw::To,
        "until" | "till" | "til" => Kw::Until,
        "weekend" => Kw::Weekend,
        "within" => Kw::Within,
        "yesterday" => Kw::Yesterday,
        "today" => Kw::Today,
        "tomorrow" => Kw::Tomorrow,
        "tonight" => Kw::Tonight,
        "noon" | "midday" => Kw::Noon,
        "midnight" => Kw::Midnight,
        "present" => Kw::Present,
        "future" => Kw::Future,
        "nowadays" => Kw::Now,
        "will" | "'ll" | "’ll" | "shall" => Kw::Will,
        "century" => Kw::Century,
        "points" | "point" => Kw::Points,
        "percentage" => Kw::Percentage,
        "by" => Kw::By,
        "about" | "around" | "nearly" | "almost" | "some" | "approximately" => Kw::About,
        _ => return None,
    })
}

/// Cardinal number words below one hundred that are written as one word.
fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mn" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

fn time_unit(w: &str) -> Option<(TimeUnit, bool)> {
    use TimeUnit::*;
    Some(match w {
        "seconds" => (Second, true),
        "minute" => (Minute, false),
        "minutes" => (Minute, true),
        "hour" => (Hour, false),
        "hours" => (Hour, true),
        "day" => (Day, false),
        "days" => (Day, true),
        "week" => (Week, false),
        "weeks" => (Week, true),
        "fortnight" => (Fortnight, false),
        "fortnights" => (Fortnight, true),
        "month" => (Month, false),
        "months" => (Month, true),
        "year" => (Year, false),
        "years" => (Year, true),
        "decade" => (Decade, false),
        "decades" => (Decade, true),
        "centuries" => (Century, true),
        _ => return None,
    })
}

fn day_part(w: &str) -> Option<DayPart> {
    Some(match w {
        "morning" => DayPart::Morning,
        "afternoon" => DayPart::Afternoon,
        "evening" => DayPart::Evening,
        "night" => DayPart::Night,
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<Currency> {
    Some(match w {
        "dollar" | "dollars" => Currency::Usd,
        "euro" | "euros" => Currency::Eur,
        "sterling" => Currency::Gbp,
        "yen" => Currency::Jpy,
        "yuan" | "renminbi" => Currency::Cny,
        "ruble" | "rubles" | "rouble" | "roubles" => Currency::Rub,
        "rupee" | "rupees" => Currency::Inr,
        "afghani" | "afghanis" => Currency::Afn,
        _ => return None,
    })
}

/// Units of measure written as words or symbols (lower-cased).
fn measure_word(w: &str) -> Option<Unit> {
    use Unit::*;
    Some(match w {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => Kilometre,
        "mi" | "mile" | "miles" => Mile,
        "m" | "meter" | "meters" | "metre" | "metres" => Metre,
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" => Centimetre,
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => Millimetre,
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme"
        | "kilogrammes" => Kilogram,
        "gram" | "grams" | "gramme" | "grammes" => Gram,
        "tonne" | "tonnes" | "ton" | "tons" => Tonne,
        "lb" | "lbs" => PoundWeight,
        "ft" | "foot" | "feet" => Foot,
        "inch" | "inches" => Inch,
        "ha" | "hectare" | "hectares" => Hectare,
        "acre" | "acres" => Acre,
        "km2" | "km²" => SquareKilometre,
        "l" | "liter" | "liters" | "litre" | "litres" => Litre,
        "gallon" | "gallons" => Gallon,
        "barrel" | "barrels" | "bbl" => Barrel,
        "km/h" | "kph" | "kmh" => KilometresPerHour,
        "mph" => MilesPerHour,
        "mw" | "megawatt" | "megawatts" => Megawatt,
        "gw" | "gigawatt" | "gigawatts" => Gigawatt,
        _ => return None,
    })
}

/// `twenty-five` (25) and `twenty-first` (21st).
fn hyphenated_number(w: &str) -> Option<Lex> {
    let (tens, units) = w.split_once('-')?;
    let tens = number_word(tens).filter(|n| *n >= 20 && n % 10 == 0)?;
    if let Some(u) = number_word(units).filter(|u| (1..=9).contains(u)) {
        return Some(Lex::NumberWord(tens + u));
    }
    let u = ordinal_word(units).filter(|u| (1..=9).contains(u))?;
    Some(Lex::Ordinal(tens + u))
}

/// Tokens starting with a digit.
fn classify_numeric(word: &str) -> Lex {
    let len = digits_prefix_len(word);
    let Some(digits) = parse_digits(&word[..len]) else {
        return Lex::Other;
    };
    if len == word.len() {
        return Lex::Number(digits);
    }
    if let Some(n) = ordinal_suffix(digits, &word[len..]) {
        return Lex::Ordinal(n);
    }
    match u8::try_from(len) {
        Ok(split) if word[len..].bytes().all(|b| !b.is_ascii_digit()) => {
            Lex::Suffixed { digits, split }
        }
        _ => Lex::Other,
    }
}

/// Length of the leading run of digits, commas and periods, trimmed to end on a digit.
fn digits_prefix_len(word: &str) -> usize {
    let bytes = word.as_bytes();
    let mut n = bytes
        .iter()
        .position(|b| !(b.is_ascii_digit() || *b == b',' || *b == b'.'))
        .unwrap_or(bytes.len());
    while n > 0 && !bytes[n - 1].is_ascii_digit() {
        n -= 1;
    }
    n
}

/// Parses `2001`, `1,000`, `52.95`, `.5`. Commas must group thousands (`1996,2001` is not a
/// number) and at most one decimal point is allowed.
pub(crate) fn parse_digits(s: &str) -> Option<Digits> {
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let grouped = int_part.contains(',');
    if grouped && !valid_grouping(int_part) {
        return None;
    }
    if int_part.is_empty() && frac.is_none() {
        return None;
    }
    let value = if grouped {
        let plain: String = s.chars().filter(|c| *c != ',').collect();
        plain.parse::<f64>().ok()?
    } else if int_part.is_empty() {
        format!("0{s}").parse::<f64>().ok()?
    } else {
        s.parse::<f64>().ok()?
    };
    let plain = if grouped || frac.is_some() {
        None
    } else {
        int_part.parse::<u32>().ok()
    };
    Some(Digits {
        value,
        plain,
        len: u8::try_from(int_part.len()).unwrap_or(u8::MAX),
    })
}

/// `1,000` and `12,345,678`: 1–3 leading digits, then groups of exactly three.
fn valid_grouping(int_part: &str) -> bool {
    let mut groups = int_part.split(',');
    let head_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    head_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// `1st`, `22nd`, `13th`: the suffix must agree with the number.
fn ordinal_suffix(digits: Digits, suffix: &str) -> Option<u32> {
    let n = digits.plain?;
    let expected = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    suffix.eq_ignore_ascii_case(expected).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert!(
            matches!(classify("1,000"), Lex::Number(d) if d.value == 1000.0 && d.plain.is_none())
        );
        assert!(matches!(classify("2001"), Lex::Number(d) if d.plain == Some(2001)));
        assert!(matches!(classify("52.95"), Lex::Number(d) if d.value == 52.95));
        assert!(matches!(classify(".5"), Lex::Number(d) if d.value == 0.5));
        assert_eq!(classify("1996,2001"), Lex::Other);
        assert_eq!(classify("1,00"), Lex::Other);
        assert!(matches!(classify("2.3bn"), Lex::Suffixed { split: 3, .. }));
        assert_eq!(classify("21st"), Lex::Ordinal(21));
        assert_eq!(classify("11th"), Lex::Ordinal(11));
        assert!(!matches!(classify("11st"), Lex::Ordinal(_)));
        assert_eq!(classify("twenty-five"), Lex::NumberWord(25));
        assert_eq!(classify("Twenty-First"), Lex::Ordinal(21));
    }

    #[test]
    fn case_sensitive_names() {
        assert!(matches!(classify("May"), Lex::Month { .. }));
        assert_eq!(classify("may"), Lex::Other);
        assert_eq!(classify("march"), Lex::Other);
        assert!(matches!(
            classify("Sept."),
            Lex::Month {
                abbreviated: true,
                ..
            }
        ));
        assert!(matches!(
            classify("Thursday"),
            Lex::Weekday(Weekday::Thursday)
        ));
        assert_eq!(classify("sun"), Lex::Other);
    }
}
