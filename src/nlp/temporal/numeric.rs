//! Numbers and quantities: cardinals, ordinals, percentages, money and measurements.
//!
//! Decisions a maintainer should know:
//! - Counted nouns are not units: `5,000 fighters` is a [`NumericKind::Cardinal`]; the noun is
//!   left to the parser / relation extractor. Only units of measure give a
//!   [`NumericKind::Quantity`].
//! - Numbers inside temporal expressions (`September 10, 2001`, `three years`) are not
//!   reported; the temporal recognizer owns them.
//! - A percentage's value is the number as written (`52.95%` → 52.95, not 0.5295).
//! - `$` is read as US dollars; `pounds` is sterling only after a scale word
//!   (`5 million pounds`), otherwise a weight.
//! - Small integers right after a capitalised word inside a sentence are part of a name
//!   (`Paris 1`, `Boeing 747`, `Article 5`) and are skipped; so are runs of bare digit groups
//!   (telephone numbers) and the pronoun `one` (`One lives in the shadow...`).

use crate::nlp::tokenize::Token;

use super::lexicon::{Digits, Kw, Lex, classify, classify_all};
use super::timex::Grammar;

/// Currencies recognised from symbols, ISO codes and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Jpy,
    Cny,
    Chf,
    Rub,
    Inr,
    Afn,
}

impl Currency {
    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
            Currency::Cny => "CNY",
            Currency::Chf => "CHF",
            Currency::Rub => "RUB",
            Currency::Inr => "INR",
            Currency::Afn => "AFN",
        }
    }
}

/// Units of measure. Values are kept in the unit as written (no conversion).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Kilometre,
    Mile,
    Metre,
    Centimetre,
    Millimetre,
    Kilogram,
    Gram,
    Tonne,
    PoundWeight,
    Foot,
    Inch,
    Hectare,
    Acre,
    SquareKilometre,
    SquareMile,
    SquareMetre,
    Litre,
    Gallon,
    Barrel,
    KilometresPerHour,
    MilesPerHour,
    Megawatt,
    Gigawatt,
}

impl Unit {
    /// Conventional symbol (UCUM-like where one exists).
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kilometre => "km",
            Unit::Mile => "mi",
            Unit::Metre => "m",
            Unit::Centimetre => "cm",
            Unit::Millimetre => "mm",
            Unit::Kilogram => "kg",
            Unit::Gram => "g",
            Unit::Tonne => "t",
            Unit::PoundWeight => "lb",
            Unit::Foot => "ft",
            Unit::Inch => "in",
            Unit::Hectare => "ha",
            Unit::Acre => "acre",
            Unit::SquareKilometre => "km2",
            Unit::SquareMile => "mi2",
            Unit::SquareMetre => "m2",
            Unit::Litre => "l",
            Unit::Gallon => "gal",
            Unit::Barrel => "bbl",
            Unit::KilometresPerHour => "km/h",
            Unit::MilesPerHour => "mph",
            Unit::Megawatt => "MW",
            Unit::Gigawatt => "GW",
        }
    }

    /// The square of a length unit (`square kilometres`).
    fn squared(self) -> Option<Unit> {
        match self {
            Unit::Kilometre => Some(Unit::SquareKilometre),
            Unit::Mile => Some(Unit::SquareMile),
            Unit::Metre => Some(Unit::SquareMetre),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericKind {
    Cardinal,
    Ordinal,
    Percent,
    Money { currency: Currency },
    Quantity { unit: Unit },
}

/// A number found in the text; `start..end` is a byte span covering the whole expression
/// (currency sign, scale word and unit included).
#[derive(Debug, Clone, PartialEq)]
pub struct NumericMention {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: NumericKind,
}

/// Finds numeric expressions in one sentence (or any token slice) of `text`.
pub fn find_numeric(text: &str, tokens: &[Token]) -> Vec<NumericMention> {
    let lex = classify_all(text, tokens);
    let in_temporal = Grammar::new(text, tokens, &lex, None, Default::default()).coverage();
    let scanner = Scanner {
        text,
        tokens,
        lex: &lex,
        in_temporal: &in_temporal,
    };
    scanner.run()
}

/// A number spelled over one or more tokens, before any unit or currency is attached.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberMatch {
    /// Token index after the number.
    pub end: usize,
    pub value: f64,
    /// A scale word was used (`2.5 million`).
    pub scaled: bool,
}

/// Parses a cardinal starting at token `i`: digits with optional scale words (`2.5 million`),
/// number words (`twenty-five`, `two hundred and five`, `a dozen`).
pub(crate) fn number_at(lex: &[Lex], i: usize) -> Option<NumberMatch> {
    match *lex.get(i)? {
        Lex::Number(d) => Some(with_scales(lex, i + 1, d.value, false)),
        Lex::Kw(Kw::A) => match lex.get(i + 1) {
            Some(Lex::Scale(s)) => Some(with_scales(lex, i + 2, *s, true)),
            _ => None,
        },
        Lex::NumberWord(_) => Some(number_words(lex, i)),
        _ => None,
    }
}

/// Multiplies `value` by the scale words from token `i` on (`hundred thousand`).
fn with_scales(lex: &[Lex], mut i: usize, mut value: f64, mut scaled: bool) -> NumberMatch {
    while let Some(Lex::Scale(s)) = lex.get(i) {
        value *= s;
        scaled = true;
        i += 1;
    }
    NumberMatch {
        end: i,
        value: tidy(value),
        scaled,
    }
}

/// Removes floating-point noise from scaled decimals (`2.3 * 1e9`).
fn tidy(value: f64) -> f64 {
    if value.abs() >= 1000.0 {
        value.round()
    } else {
        value
    }
}

/// `two hundred and five thousand`, `twenty five`, `two dozen`.
fn number_words(lex: &[Lex], start: usize) -> NumberMatch {
    let (mut total, mut current, mut i) = (0.0, 0.0, start);
    let mut scaled = false;
    let mut last_small: Option<u32> = None;
    while let Some(l) = lex.get(i) {
        match *l {
            // `twenty five` continues a tens word; `five five` does not.
            Lex::NumberWord(n) if last_small.is_none_or(|p| p >= 20 && p % 10 == 0 && n < 10) => {
                current += f64::from(n);
                last_small = Some(n);
            }
            Lex::Scale(s) if s < 1000.0 => {
                current = current.max(1.0) * s;
                last_small = None;
                scaled = true;
            }
            Lex::Scale(s) => {
                total += current.max(1.0) * s;
                current = 0.0;
                last_small = None;
                scaled = true;
            }
            // `hundred and five`
            Lex::Kw(Kw::And)
                if scaled
                    && last_small.is_none()
                    && matches!(lex.get(i + 1), Some(Lex::NumberWord(_))) => {}
            _ => break,
        }
        i += 1;
    }
    NumberMatch {
        end: i,
        value: tidy(total + current),
        scaled,
    }
}

/// Scale written as a suffix of digits or as a short token in money (`2.3bn`, `$5m`, `10k`).
fn money_scale(suffix: &str) -> Option<f64> {
    let mut buf = [0u8; 4];
    let bytes = suffix.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    buf.make_ascii_lowercase();
    match &buf[..bytes.len()] {
        b"k" => Some(1e3),
        b"m" | b"mn" | b"mln" => Some(1e6),
        b"b" | b"bn" | b"bln" => Some(1e9),
        b"tn" | b"trn" => Some(1e12),
        _ => None,
    }
}

struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a [Lex],
    in_temporal: &'a [bool],
}

/// A numeric expression over tokens `start..end`.
struct Found {
    end: usize,
    value: f64,
    kind: NumericKind,
}

impl Scanner<'_> {
    fn run(&self) -> Vec<NumericMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.lex.len() {
            match self.numeric_at(i) {
                Some(f) if !self.overlaps_temporal(i, f.end) => {
                    out.push(self.mention(i, &f));
                    i = f.end;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn mention(&self, start: usize, f: &Found) -> NumericMention {
        NumericMention {
            start: self.tokens[start].start,
            end: self.tokens[f.end - 1].end,
            value: f.value,
            kind: f.kind,
        }
    }

    fn overlaps_temporal(&self, start: usize, end: usize) -> bool {
        self.in_temporal
            .get(start..end)
            .is_some_and(|s| s.iter().any(|b| *b))
    }

    fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn numeric_at(&self, i: usize) -> Option<Found> {
        match self.lex[i] {
            Lex::CurrencySign(c) => self.money_after_sign(i + 1, c),
            Lex::Ordinal(n) => self.ordinal(i, n),
            Lex::Suffixed { digits, split } => self.suffixed(i, digits, usize::from(split)),
            _ => {
                let n = number_at(self.lex, i)?;
                self.after_number(i, n)
            }
        }
    }

    /// `second` is also a unit of time (`a second`, `one second`).
    fn ordinal(&self, i: usize, n: u32) -> Option<Found> {
        let unit_second = n == 2
            && self.word(i).eq_ignore_ascii_case("second")
            && i > 0
            && matches!(
                self.lex[i - 1],
                Lex::Kw(Kw::A | Kw::Per) | Lex::NumberWord(_)
            );
        (!unit_second).then_some(Found {
            end: i + 1,
            value: f64::from(n),
            kind: NumericKind::Ordinal,
        })
    }

    /// `$ 5 million`, `€ 2.3bn`, `USD 5`.
    fn money_after_sign(&self, i: usize, currency: Currency) -> Option<Found> {
        let (end, value) = match *self.lex.get(i)? {
            Lex::Suffixed { digits, split } => {
                let scale = money_scale(self.word(i).get(usize::from(split)..)?)?;
                (i + 1, tidy(digits.value * scale))
            }
            _ => {
                let n = number_at(self.lex, i)?;
                self.short_scale(n.end, n.value)
            }
        };
        Some(Found {
            end,
            value,
            kind: NumericKind::Money { currency },
        })
    }

    /// A separate short scale token after a money amount (`$5 m`, `€2 bn`).
    fn short_scale(&self, i: usize, value: f64) -> (usize, f64) {
        let is_scale_token = matches!(
            self.lex.get(i),
            Some(Lex::Measure(Unit::Metre) | Lex::Other)
        );
        match money_scale(self.word(i)) {
            Some(s) if is_scale_token => (i + 1, tidy(value * s)),
            _ => (i, value),
        }
    }

    /// Digits with a letter suffix: `2.3bn dollars`, `20km`, `5%`.
    fn suffixed(&self, i: usize, digits: Digits, split: usize) -> Option<Found> {
        let suffix = self.word(i).get(split..)?;
        let (end, kind, value) = if suffix == "%" {
            (i + 1, NumericKind::Percent, digits.value)
        } else if let Some(unit) = lower_measure(suffix) {
            (i + 1, NumericKind::Quantity { unit }, digits.value)
        } else {
            let scale = money_scale(suffix)?;
            let currency = self.currency_after(i + 1)?;
            (
                i + 2,
                NumericKind::Money { currency },
                tidy(digits.value * scale),
            )
        };
        Some(Found { end, value, kind })
    }

    fn currency_after(&self, i: usize) -> Option<Currency> {
        match *self.lex.get(i)? {
            Lex::CurrencyWord(c) | Lex::CurrencySign(c) => Some(c),
            _ => None,
        }
    }

    /// What follows a plain number decides its kind.
    fn after_number(&self, i: usize, n: NumberMatch) -> Option<Found> {
        let j = n.end;
        let found = |end, kind| Found {
            end,
            value: n.value,
            kind,
        };
        let next = self.lex.get(j).copied().unwrap_or(Lex::Other);
        let next2 = self.lex.get(j + 1).copied().unwrap_or(Lex::Other);
        Some(match (next, next2) {
            (Lex::Percent | Lex::Kw(Kw::Percent), _) => found(j + 1, NumericKind::Percent),
            (Lex::Kw(Kw::Per), Lex::Kw(Kw::Cent)) => found(j + 2, NumericKind::Percent),
            (Lex::Kw(Kw::Percentage), Lex::Kw(Kw::Points)) => found(j + 2, NumericKind::Percent),
            (Lex::CurrencyWord(c) | Lex::CurrencySign(c), _) => {
                found(j + 1, NumericKind::Money { currency: c })
            }
            (Lex::Pounds, _) if n.scaled => found(
                j + 1,
                NumericKind::Money {
                    currency: Currency::Gbp,
                },
            ),
            (Lex::Pounds, _) => found(
                j + 1,
                NumericKind::Quantity {
                    unit: Unit::PoundWeight,
                },
            ),
            (Lex::Measure(unit), _) => found(j + 1, NumericKind::Quantity { unit }),
            _ if self.word(j) == "US" && matches!(next2, Lex::CurrencyWord(Currency::Usd)) => {
                found(
                    j + 2,
                    NumericKind::Money {
                        currency: Currency::Usd,
                    },
                )
            }
            _ if self.word(j).eq_ignore_ascii_case("square") => {
                let unit = match next2 {
                    Lex::Measure(u) => u.squared()?,
                    _ => return self.cardinal(i, n),
                };
                found(j + 2, NumericKind::Quantity { unit })
            }
            _ => return self.cardinal(i, n),
        })
    }

    fn cardinal(&self, i: usize, n: NumberMatch) -> Option<Found> {
        let single = n.end == i + 1;
        let excluded = self.is_name_number(i)
            || self.is_digit_run(i)
            || self.is_pronoun_one(i)
            || self.is_list_marker(i);
        if single && excluded {
            return None;
        }
        Some(Found {
            end: n.end,
            value: n.value,
            kind: NumericKind::Cardinal,
        })
    }

    /// `Paris 1`, `Boeing 747`, `Article 5`: a plain integer right after a capitalised word
    /// that does not start the sentence.
    fn is_name_number(&self, i: usize) -> bool {
        let Lex::Number(Digits { plain: Some(_), .. }) = self.lex[i] else {
            return false;
        };
        if i < 2 || !matches!(self.lex[i - 1], Lex::Other) {
            return false;
        }
        let prev = self.word(i - 1);
        let capitalised = prev.chars().next().is_some_and(char::is_uppercase)
            && prev.chars().all(|c| c.is_alphabetic() || c == '.');
        let before = self.word(i - 2);
        let sentence_start = matches!(before, "\"" | "“" | "(" | "." | ":" | "‘" | "'");
        capitalised && !sentence_start
    }

    /// Telephone and reference numbers: a bare integer next to another digit group
    /// (`212 555 1234`, `(212) 555-1234`).
    fn is_digit_run(&self, i: usize) -> bool {
        let digit_led = |j: usize| {
            matches!(self.lex.get(j), Some(Lex::Number(_)))
                || (matches!(self.lex.get(j), Some(Lex::Other))
                    && self.word(j).starts_with(|c: char| c.is_ascii_digit()))
        };
        let skip_paren = |j: usize, forward: bool| {
            let w = self.word(j);
            match (w, forward) {
                (")", true) => j + 1,
                ("(", false) => j.wrapping_sub(1),
                _ => j,
            }
        };
        digit_led(skip_paren(i + 1, true)) || (i > 0 && digit_led(skip_paren(i - 1, false)))
    }

    /// `1)` or `5.` opening a sentence numbers a list item.
    fn is_list_marker(&self, i: usize) -> bool {
        i == 0 && matches!(self.word(1), ")" | ".")
    }

    /// `one` as a pronoun: `no one`, `the one`, `one can`, `One lives in ...`.
    fn is_pronoun_one(&self, i: usize) -> bool {
        if !self.word(i).eq_ignore_ascii_case("one") {
            return false;
        }
        let prev = if i > 0 { self.word(i - 1) } else { "" };
        let next = self.word(i + 1);
        let after_determiner = ["no", "the", "any", "every", "each", "this", "that", "which"]
            .iter()
            .any(|w| prev.eq_ignore_ascii_case(w));
        // `a small one`, `the right one`
        let after_adjective = i >= 2
            && prev.bytes().all(|b| b.is_ascii_lowercase())
            && ["a", "an", "the", "this", "that", "every", "any"]
                .iter()
                .any(|w| self.word(i - 2).eq_ignore_ascii_case(w));
        let pronoun_follows = [
            "another", "can", "could", "should", "must", "might", "would", "'s", "’s",
        ]
        .iter()
        .any(|w| next.eq_ignore_ascii_case(w));
        after_determiner || after_adjective || pronoun_follows || looks_like_third_person_verb(next)
    }
}

/// `lives`, `says`, `wants`: after `one`, a lower-case word in a single `s` is a verb, since
/// a plural noun cannot follow `one`. Words in `ss`, `us`, `is` (`class`, `bus`, `crisis`) and
/// `ies` are usually singular nouns and excluded.
fn looks_like_third_person_verb(word: &str) -> bool {
    word.len() > 3
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && word.ends_with('s')
        && !["ss", "us", "is", "ies", "ics", "news", "series"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// Unit symbol attached to digits (`20km`, `5kg`), matched case-insensitively.
fn lower_measure(suffix: &str) -> Option<Unit> {
    match classify(suffix) {
        Lex::Measure(u) => Some(u),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(s: &str) -> Vec<Lex> {
        s.split(' ').map(classify).collect()
    }

    #[test]
    fn number_words_compose() {
        let cases = [
            ("twenty-five", 25.0),
            ("twenty five", 25.0),
            ("two hundred and five", 205.0),
            ("a dozen", 12.0),
            ("two dozen", 24.0),
            ("three million", 3e6),
            ("a hundred", 100.0),
            ("two thousand three hundred", 2300.0),
            ("2.5 million", 2.5e6),
        ];
        for (s, v) in cases {
            let l = lex(s);
            let m = number_at(&l, 0).expect(s);
            assert_eq!((m.end, m.value), (l.len(), v), "{s}");
        }
        // `five five` is two numbers.
        assert_eq!(number_at(&lex("five five"), 0).map(|m| m.end), Some(1));
    }
}
