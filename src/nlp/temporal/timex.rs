//! Temporal expressions (TIMEX3-like) with ISO 8601 values.
//!
//! The recognizer is a hand-written grammar over classified tokens (`lexicon`). At
//! each token it tries, longest first: intervals, date + time, dates, times, durations and
//! vague references, and continues after the first match.
//!
//! Conventions (what a maintainer must know before changing results):
//! - Spans exclude prepositions that do not change the value (`on Thursday` → `Thursday`,
//!   `for two decades` → `two decades`) and include the words that do (`between 1996 and
//!   2001`, `since 2001`, `two days ago`, `in 2 weeks`, `the late 1990s`).
//! - Month and weekday names must be capitalised, so `may`, `march` and `sun` are never dates.
//!   A month name alone is a date only after a preposition (`in August`); `May` alone only
//!   after `in`, `since`, `until`, `during`, `through`, `early`, `mid`, `late`, because it is
//!   also a name (Theresa May) and a modal verb.
//! - A bare four-digit number is a year in 1900..=2099, or 1000..=2999 after a temporal
//!   preposition (`in 1066`), unless it counts something (`2000 people`, `1996 km`) or sits
//!   next to other digit groups (telephone numbers). Numbers with separators (`1,996`) are
//!   never years.
//! - Without a year, `August 19` is `XXXX-08-19`; with an anchor (the article date) it is
//!   resolved to the occurrence nearest the anchor (previous, same or next year), which is the
//!   anchor's year except around New Year.
//! - A bare weekday (`on Thursday`) is the nearest such day on or before the anchor, because
//!   news reports past events; if the sentence has `will` / `'ll` / `shall` before it, the
//!   nearest on or after. `last Thursday` is strictly before, `next Thursday` strictly after,
//!   `this Thursday` is in the anchor's ISO week.
//! - Numeric dates: `2021-08-19` and `2021/08/19` are year-first; `19/08/2021` is day-first
//!   when the first number exceeds 12, month-first when the second does, and follows
//!   [`Options::slash_order`] (default day-first) when both are <= 12. `19.08.2021` is always
//!   day-first. Two-digit years are not accepted in numeric dates.
//! - Values: decades are `199X`, centuries `19XX`, unknown years `XXXX` (ISO 8601-2 /
//!   EDTF-style unspecified digits), weeks `2021-W33`, weekends `2021-W33-WE`, parts of day
//!   `TMO`/`TAF`/`TEV`/`TNI`, vague durations `PXY`, as in TIMEX3.

use crate::nlp::tokenize::Token;

use super::value::{
    Anchor, ClockTime, IsoDate, IsoDuration, Modifier, Options, SlashOrder, TemporalKind,
    TemporalMention, TemporalValue, TimeOfDay, TimeReference,
};

use super::calendar::{Date, IsoWeek, Month, MonthDay, Weekday};
use super::lexicon::{DayPart, Digits, Kw, Lex, TimeUnit, classify, classify_all};
use super::numeric::number_at;

/// Finds temporal expressions in one sentence (or any token slice) of `text`, resolving
/// relative ones against `anchor` when given.
pub fn find_temporal(text: &str, tokens: &[Token], anchor: Option<Anchor>) -> Vec<TemporalMention> {
    find_temporal_with(
        text,
        tokens,
        Options {
            anchor,
            ..Options::default()
        },
    )
}

/// [`find_temporal`] with all options.
pub fn find_temporal_with(text: &str, tokens: &[Token], options: Options) -> Vec<TemporalMention> {
    let lex = classify_all(text, tokens);
    let grammar = Grammar::new(text, tokens, &lex, options.anchor, options.slash_order);
    let mut out = Vec::new();
    grammar.scan(|m| out.push(grammar.mention(m)));
    out
}

/// Words after which a four-digit number is a year even outside 1900..=2099 (`in 1066`) and a
/// month name alone is a date (`in August`).
const TEMPORAL_PREPOSITIONS: [&str; 14] = [
    "in", "since", "until", "till", "from", "between", "by", "of", "through", "during", "before",
    "after", "circa", "c.",
];

/// Nouns that make a preceding four-digit number a count, not a year (`2000 people`).
const COUNT_NOUNS: [&str; 32] = [
    "people",
    "persons",
    "men",
    "women",
    "children",
    "soldiers",
    "troops",
    "fighters",
    "civilians",
    "members",
    "residents",
    "workers",
    "employees",
    "students",
    "refugees",
    "migrants",
    "deaths",
    "dead",
    "casualties",
    "cases",
    "votes",
    "voters",
    "users",
    "jobs",
    "homes",
    "houses",
    "buildings",
    "vehicles",
    "cars",
    "copies",
    "pages",
    "times",
];

/// A recognised expression over tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    start: usize,
    end: usize,
    value: Option<TemporalValue>,
    kind: TemporalKind,
    modifier: Option<Modifier>,
}

/// A date-like expression: stands alone, or is an interval bound or the date of a time.
#[derive(Debug, Clone, Copy)]
struct Point {
    start: usize,
    end: usize,
    /// `None` for a relative expression without an anchor.
    date: Option<IsoDate>,
    relative: bool,
    /// Names a single day, so a clock time can attach to it (`Thursday at 8 a.m.`).
    day_level: bool,
    modifier: Option<Modifier>,
}

impl Point {
    fn calendar(start: usize, end: usize, date: IsoDate) -> Point {
        Point {
            start,
            end,
            date: Some(date),
            relative: false,
            day_level: date.is_day(),
            modifier: None,
        }
    }

    fn relative(start: usize, end: usize, date: Option<IsoDate>, day_level: bool) -> Point {
        Point {
            start,
            end,
            date,
            relative: true,
            day_level,
            modifier: None,
        }
    }

    fn into_match(self) -> Match {
        let kind = if self.relative {
            TemporalKind::Relative
        } else {
            TemporalKind::Date
        };
        Match {
            start: self.start,
            end: self.end,
            value: self.date.map(TemporalValue::Date),
            kind,
            modifier: self.modifier,
        }
    }
}

/// Which occurrence of a weekday or month name is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    OnOrBefore,
    OnOrAfter,
    Before,
    After,
    ThisWeek,
}

/// The grammar over one token slice.
pub(crate) struct Grammar<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a [Lex],
    anchor: Option<Date>,
    slash_order: SlashOrder,
}

impl<'a> Grammar<'a> {
    pub(crate) fn new(
        text: &'a str,
        tokens: &'a [Token],
        lex: &'a [Lex],
        anchor: Option<Anchor>,
        slash_order: SlashOrder,
    ) -> Grammar<'a> {
        Grammar {
            text,
            tokens,
            lex,
            anchor: anchor.map(Anchor::date),
            slash_order,
        }
    }

    /// Calls `f` with every match, left to right, without overlaps.
    fn scan(&self, mut f: impl FnMut(&Match)) {
        let mut i = 0;
        while i < self.lex.len() {
            let found = self.may_start(i).then(|| self.match_at(i)).flatten();
            match found.filter(|m| m.start < m.end && m.end <= self.lex.len()) {
                Some(m) => {
                    f(&m);
                    i = m.end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }

    /// Which tokens are inside a temporal expression (used by the numeric recognizer).
    pub(crate) fn coverage(&self) -> Vec<bool> {
        let mut covered = vec![false; self.lex.len()];
        self.scan(|m| {
            if let Some(span) = covered.get_mut(m.start..m.end) {
                span.fill(true);
            }
        });
        covered
    }

    fn mention(&self, m: &Match) -> TemporalMention {
        TemporalMention {
            start: self.tokens[m.start].start,
            end: self.tokens[m.end - 1].end,
            value: m.value,
            kind: m.kind,
            modifier: m.modifier,
        }
    }

    // ----- token access -----

    fn at(&self, i: usize) -> Lex {
        self.lex.get(i).copied().unwrap_or(Lex::Other)
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        match self.at(i) {
            Lex::Kw(k) => Some(k),
            _ => None,
        }
    }

    fn is(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == Some(k)
    }

    fn word(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn prev_word_in(&self, i: usize, words: &[&str]) -> bool {
        i > 0 && {
            let w = self.word(i - 1);
            words.iter().any(|x| w.eq_ignore_ascii_case(x))
        }
    }

    fn digit_led(&self, i: usize) -> bool {
        self.word(i).starts_with(|c: char| c.is_ascii_digit())
    }

    /// Cheap filter: most tokens can never start an expression.
    fn may_start(&self, i: usize) -> bool {
        match self.at(i) {
            Lex::Other => {
                let w = self.word(i);
                w.starts_with(|c: char| c.is_ascii_digit() || c == '\'' || c == '’')
                    || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("mid-"))
                    || w.contains('-')
            }
            Lex::Comma | Lex::Percent | Lex::Dash => false,
            _ => true,
        }
    }

    fn match_at(&self, i: usize) -> Option<Match> {
        self.interval(i)
            .or_else(|| self.date_time(i))
            .or_else(|| self.point(i).map(Point::into_match))
            .or_else(|| self.time(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.reference(i))
    }

    // ----- intervals -----

    fn interval(&self, i: usize) -> Option<Match> {
        match self.at(i) {
            Lex::Kw(Kw::Between) => self.range(i, &[Kw::And]),
            Lex::Kw(Kw::From) => self.range(i, &[Kw::To, Kw::Until, Kw::Through]),
            Lex::Kw(Kw::Since) => {
                let p = self.endpoint(i + 1)?;
                Some(interval_match(i, p.end, p.date, None))
            }
            Lex::Kw(Kw::Until) => {
                let p = self.endpoint(i + 1)?;
                Some(interval_match(i, p.end, None, p.date))
            }
            Lex::Month { .. } => self.month_day_range(i).or_else(|| self.calendar_range(i)),
            Lex::Other if self.digit_led(i) => self.year_range_token(i),
            Lex::Number(_) => self.dashed_years(i).or_else(|| self.calendar_range(i)),
            _ => None,
        }
    }

    /// `May 1968 to May 1969`, `10 September 2001 - 12 September 2001`: two explicit dates of
    /// the same granularity joined by `to`, `through`, `until` or a dash.
    fn calendar_range(&self, i: usize) -> Option<Match> {
        let p1 = self.calendar(i)?;
        let joined = matches!(
            self.at(p1.end),
            Lex::Dash | Lex::Kw(Kw::To | Kw::Through | Kw::Until)
        );
        if !joined {
            return None;
        }
        let p2 = self.calendar(p1.end + 1)?;
        let (d1, d2) = (p1.date?, p2.date?);
        let same_kind = std::mem::discriminant(&d1) == std::mem::discriminant(&d2);
        same_kind.then(|| interval_match(i, p2.end, Some(d1), Some(d2)))
    }

    /// `between X and Y`, `from X to Y`, where the second bound may only be a day or a
    /// two-digit year completed from the first (`from August 15 to 20`) or the first only a
    /// day completed from the second (`from 15 to 20 August`).
    fn range(&self, i: usize, separators: &[Kw]) -> Option<Match> {
        let is_sep = |j: usize| {
            self.kw(j).is_some_and(|k| separators.contains(&k)) || self.at(j) == Lex::Dash
        };
        if let Some(p1) = self.endpoint(i + 1)
            && is_sep(p1.end)
        {
            let (end, date) = match self.endpoint(p1.end + 1) {
                Some(p2) => (p2.end, p2.date),
                None => self.completed_bound(p1.end + 1, p1.date?)?,
            };
            return Some(interval_match(i, end, p1.date, date));
        }
        let day = self.day_number(i + 1)?;
        if !is_sep(i + 2) {
            return None;
        }
        let p2 = self.endpoint(i + 3)?;
        let start = match p2.date? {
            IsoDate::Day(d) => Date::new(d.year(), d.month().number(), day)
                .ok()
                .map(IsoDate::Day),
            IsoDate::MonthDay(md) => MonthDay::new(md.month().number(), day).map(IsoDate::MonthDay),
            _ => None,
        }?;
        Some(interval_match(i, p2.end, Some(start), p2.date))
    }

    /// The second bound of `from August 15 to 20` or `1996-97`, borrowing from `first`.
    fn completed_bound(&self, i: usize, first: IsoDate) -> Option<(usize, Option<IsoDate>)> {
        let date = match first {
            IsoDate::Day(d) => {
                let day = self.day_number(i)?;
                IsoDate::Day(Date::new(d.year(), d.month().number(), day).ok()?)
            }
            IsoDate::MonthDay(md) => {
                IsoDate::MonthDay(MonthDay::new(md.month().number(), self.day_number(i)?)?)
            }
            IsoDate::Year(y) => IsoDate::Year(two_digit_successor(y, self.two_digits(i)?)?),
            _ => return None,
        };
        Some((i + 1, Some(date)))
    }

    /// An interval bound: any date point, a month name, or a four-digit year in the wide
    /// 1000..=2999 range.
    fn endpoint(&self, i: usize) -> Option<Point> {
        self.point(i).or_else(|| self.bare_month(i)).or_else(|| {
            self.year(i, true)
                .map(|y| Point::calendar(i, i + 1, IsoDate::Year(y)))
        })
    }

    /// `August 15-20[, 2021]`.
    fn month_day_range(&self, i: usize) -> Option<Match> {
        let Lex::Month { month, .. } = self.at(i) else {
            return None;
        };
        let (d1, d2) = split_pair(self.word(i + 1), '-')?;
        let (d1, d2) = (u8::try_from(d1).ok()?, u8::try_from(d2).ok()?);
        if d1 >= d2 {
            return None;
        }
        let (end, year) = self.year_after(i + 2);
        let bound = |d| self.month_day(month, d, year);
        Some(interval_match(i, end, bound(d1), bound(d2)))
    }

    /// `2004-2010`, `1996-97` in one token.
    fn year_range_token(&self, i: usize) -> Option<Match> {
        let w = self.word(i);
        let (a, b) = w.split_once('-')?;
        if a.len() != 4 || !(b.len() == 2 || b.len() == 4) {
            return None;
        }
        let (y1, y2) = split_pair(w, '-')?;
        let y1 = i32::try_from(y1)
            .ok()
            .filter(|y| (1000..=2999).contains(y))?;
        let y2 = i32::try_from(y2).ok()?;
        let y2 = if b.len() == 2 {
            two_digit_successor(y1, y2)?
        } else {
            y2
        };
        if y2 <= y1 || y2 > 2999 || self.counted(i) {
            return None;
        }
        Some(interval_match(
            i,
            i + 1,
            Some(IsoDate::Year(y1)),
            Some(IsoDate::Year(y2)),
        ))
    }

    /// `1996 – 2001` as three tokens.
    fn dashed_years(&self, i: usize) -> Option<Match> {
        let y1 = self.year(i, false)?;
        if self.at(i + 1) != Lex::Dash {
            return None;
        }
        let y2 = self.year(i + 2, true)?;
        (y2 > y1)
            .then(|| interval_match(i, i + 3, Some(IsoDate::Year(y1)), Some(IsoDate::Year(y2))))
    }

    // ----- date points -----

    fn point(&self, i: usize) -> Option<Point> {
        self.modified(i)
            .or_else(|| self.calendar(i))
            .or_else(|| self.relative(i))
    }

    /// `early 2020`, `the late 1990s`, `the end of August`, `mid-August`.
    fn modified(&self, i: usize) -> Option<Point> {
        let j = if self.is(i, Kw::The) { i + 1 } else { i };
        let (modifier, k) = match self.kw(j) {
            Some(Kw::Early) => (Modifier::Early, j + 1),
            Some(Kw::Mid) => (Modifier::Mid, j + 1),
            Some(Kw::Late) => (Modifier::Late, j + 1),
            Some(Kw::Beginning) if self.is(j + 1, Kw::Of) => (Modifier::Early, j + 2),
            Some(Kw::Middle) if self.is(j + 1, Kw::Of) => (Modifier::Mid, j + 2),
            Some(Kw::End) if self.is(j + 1, Kw::Of) => (Modifier::Late, j + 2),
            _ => return self.mid_token(i),
        };
        let base = self
            .calendar(k)
            .or_else(|| self.relative(k))
            .or_else(|| self.bare_month(k))?;
        Some(Point {
            start: i,
            modifier: Some(modifier),
            ..base
        })
    }

    /// `mid-August`, `mid-2020`, `mid-1990s` (one token).
    fn mid_token(&self, i: usize) -> Option<Point> {
        let w = self.word(i);
        if !w.get(..4)?.eq_ignore_ascii_case("mid-") {
            return None;
        }
        let rest = &w[4..];
        let date = match classify(rest) {
            Lex::Month {
                month,
                abbreviated: false,
            } => match self.year_token(i + 1).filter(|_| !self.counted(i + 1)) {
                // `mid-February 2003`
                Some(year) => {
                    let date = IsoDate::YearMonth { year, month };
                    return Some(Point {
                        modifier: Some(Modifier::Mid),
                        ..Point::calendar(i, i + 2, date)
                    });
                }
                None => self.month_alone(month),
            },
            Lex::Number(Digits {
                plain: Some(y),
                len: 4,
                ..
            }) => IsoDate::Year(i32::try_from(y).ok()?),
            Lex::Suffixed { digits, split } => {
                IsoDate::Decade(decade_of(digits, rest.get(usize::from(split)..)?)?)
            }
            _ => return None,
        };
        Some(Point {
            modifier: Some(Modifier::Mid),
            ..Point::calendar(i, i + 1, date)
        })
    }

    fn calendar(&self, i: usize) -> Option<Point> {
        match self.at(i) {
            Lex::Weekday(_) => self.weekday_with_date(i),
            Lex::Month { .. } => self.month_first(i),
            Lex::Kw(Kw::The) => self
                .day_first(i)
                .or_else(|| self.decade(i))
                .or_else(|| self.century(i)),
            Lex::Number(_) => self.day_first(i).or_else(|| self.year_point(i)),
            Lex::Ordinal(_) => self.day_first(i).or_else(|| self.century(i)),
            Lex::Suffixed { .. } => self.decade(i),
            Lex::Other => self.numeric_date(i).or_else(|| self.decade(i)),
            _ => None,
        }
    }

    /// `Thursday, August 19`: the date decides. When its year came from the anchor rather
    /// than the text and the weekday disagrees, the weekday picks among the anchor's year and
    /// its neighbours (in an August 2021 article, `Wednesday, December 30` is 2020-12-30); if
    /// none fits, the nearest-date reading stays.
    fn weekday_with_date(&self, i: usize) -> Option<Point> {
        let Lex::Weekday(weekday) = self.at(i) else {
            return None;
        };
        let j = if self.at(i + 1) == Lex::Comma {
            i + 2
        } else {
            i + 1
        };
        let p = self.month_first(j).or_else(|| self.day_first(j))?;
        if !p.day_level {
            return None;
        }
        let explicit_year = self.year_token(p.end - 1).is_some();
        let date = match (p.date, self.anchor) {
            (Some(IsoDate::Day(d)), Some(a)) if !explicit_year && d.weekday() != weekday => {
                year_matching_weekday(a, d, weekday)
                    .map(IsoDate::Day)
                    .or(p.date)
            }
            _ => p.date,
        };
        Some(Point {
            start: i,
            date,
            ..p
        })
    }

    /// `September 10, 2001`, `Sept. 10`, `August 19th`, `August 2021`, `August of 2021`.
    fn month_first(&self, i: usize) -> Option<Point> {
        let Lex::Month { month, .. } = self.at(i) else {
            return None;
        };
        if let Some(day) = self.day_number(i + 1) {
            let (end, year) = self.year_after(i + 2);
            let date = self.month_day(month, day, year)?;
            return Some(Point::calendar(i, end, date));
        }
        let j = if self.is(i + 1, Kw::Of) { i + 2 } else { i + 1 };
        if let Some(year) = self.year_token(j).filter(|_| !self.counted(j)) {
            return Some(Point::calendar(
                i,
                j + 1,
                IsoDate::YearMonth { year, month },
            ));
        }
        self.month_in_context(i)
    }

    /// `10 September 2001`, `the 19th of August`.
    fn day_first(&self, i: usize) -> Option<Point> {
        let j = if self.is(i, Kw::The) { i + 1 } else { i };
        let day = self.day_number(j)?;
        let k = if self.is(j + 1, Kw::Of) { j + 2 } else { j + 1 };
        let Lex::Month { month, .. } = self.at(k) else {
            return None;
        };
        let (end, year) = self.year_after(k + 1);
        let date = self.month_day(month, day, year)?;
        Some(Point::calendar(i, end, date))
    }

    /// A day of the month: `19`, `19th`.
    fn day_number(&self, i: usize) -> Option<u8> {
        let n = match self.at(i) {
            Lex::Number(Digits {
                plain: Some(n),
                len: 1..=2,
                ..
            }) => n,
            Lex::Ordinal(n) if self.digit_led(i) => n,
            _ => return None,
        };
        u8::try_from(n).ok().filter(|d| (1..=31).contains(d))
    }

    /// An optional year after a day: `, 2001` or ` 2001`. Returns the end and the year.
    fn year_after(&self, i: usize) -> (usize, Option<i32>) {
        let j = if self.at(i) == Lex::Comma { i + 1 } else { i };
        match self.year_token(j) {
            Some(y) if !self.counted(j) => (j + 1, Some(y)),
            _ => (i, None),
        }
    }

    /// A month and day with an optional year; `None` for impossible dates (`February 30`).
    fn month_day(&self, month: Month, day: u8, year: Option<i32>) -> Option<IsoDate> {
        match year {
            Some(y) => Date::new(y, month.number(), day).ok().map(IsoDate::Day),
            None => {
                let md = MonthDay::new(month.number(), day)?;
                Some(self.resolve_month_day(md))
            }
        }
    }

    /// A month name alone after a temporal preposition (`in August`).
    fn month_in_context(&self, i: usize) -> Option<Point> {
        let Lex::Month {
            month,
            abbreviated: false,
        } = self.at(i)
        else {
            return None;
        };
        let allowed = if month.number() == 5 {
            self.prev_word_in(
                i,
                &[
                    "in", "since", "until", "during", "through", "early", "mid", "late",
                ],
            )
        } else {
            self.prev_word_in(i, &TEMPORAL_PREPOSITIONS)
                || self.prev_word_in(i, &["early", "mid", "late"])
        };
        if !allowed || self.is_possessive(i + 1) {
            return None;
        }
        Some(Point::calendar(i, i + 1, self.month_alone(month)))
    }

    /// A month name as an interval bound or after a modifier, where context is given.
    fn bare_month(&self, i: usize) -> Option<Point> {
        match self.at(i) {
            Lex::Month {
                month,
                abbreviated: false,
            } if !self.is_possessive(i + 1) => {
                Some(Point::calendar(i, i + 1, self.month_alone(month)))
            }
            _ => None,
        }
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.word(i), "'s" | "’s")
    }

    /// `2021-08-19`, `2021/08/19`, `19/08/2021`, `08/19/2021`, `19.08.2021`.
    fn numeric_date(&self, i: usize) -> Option<Point> {
        let w = self.word(i);
        let sep = w.bytes().find(|b| matches!(b, b'-' | b'/' | b'.'))?;
        let parts = split_three(w, char::from(sep))?;
        let [(a, la), (b, lb), (c, lc)] = parts;
        let (y, m, d) = match (sep, la, lc) {
            (b'-' | b'/', 4, 1..=2) if lb <= 2 => (a, b, c),
            (b'/', 1..=2, 4) if lb <= 2 => self.order_slash(a, b, c)?,
            (b'.', 1..=2, 4) if lb <= 2 => (c, b, a),
            _ => return None,
        };
        let date = Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
        .ok()?;
        Some(Point::calendar(i, i + 1, IsoDate::Day(date)))
    }

    /// Orders `a/b/year` as (year, month, day).
    fn order_slash(&self, a: u32, b: u32, year: u32) -> Option<(u32, u32, u32)> {
        let day_first = match (a > 12, b > 12) {
            (true, true) => return None,
            (true, false) => true,
            (false, true) => false,
            (false, false) => self.slash_order == SlashOrder::DayFirst,
        };
        Some(if day_first {
            (year, b, a)
        } else {
            (year, a, b)
        })
    }

    /// `the 1990s`, `1990s`, `the '90s`.
    fn decade(&self, i: usize) -> Option<Point> {
        let j = if self.is(i, Kw::The) { i + 1 } else { i };
        let w = self.word(j);
        let decade = match self.at(j) {
            Lex::Suffixed { digits, split } => decade_of(digits, w.get(usize::from(split)..)?)?,
            Lex::Other => short_decade(w)?,
            _ => return None,
        };
        Some(Point::calendar(i, j + 1, IsoDate::Decade(decade)))
    }

    /// `the 20th century` → `19XX`.
    fn century(&self, i: usize) -> Option<Point> {
        let j = if self.is(i, Kw::The) { i + 1 } else { i };
        let Lex::Ordinal(n) = self.at(j) else {
            return None;
        };
        if !self.is(j + 1, Kw::Century) || !(1..=30).contains(&n) {
            return None;
        }
        let century = i32::try_from(n).ok()? - 1;
        Some(Point::calendar(i, j + 2, IsoDate::Century(century)))
    }

    fn year_point(&self, i: usize) -> Option<Point> {
        let y = self.year(i, false)?;
        Some(Point::calendar(i, i + 1, IsoDate::Year(y)))
    }

    /// A plain four-digit number.
    fn year_token(&self, i: usize) -> Option<i32> {
        match self.at(i) {
            Lex::Number(Digits {
                plain: Some(y),
                len: 4,
                ..
            }) => i32::try_from(y).ok().filter(|y| (1000..=2999).contains(y)),
            _ => None,
        }
    }

    /// A standalone year; `wide` admits 1000..=2999 (interval bounds).
    fn year(&self, i: usize, wide: bool) -> Option<i32> {
        let y = self.year_token(i)?;
        let wide = wide || self.prev_word_in(i, &TEMPORAL_PREPOSITIONS);
        let plausible = wide || (1900..=2099).contains(&y);
        let isolated =
            !self.near_digits(i) && !matches!(self.at(i.wrapping_sub(1)), Lex::CurrencySign(_));
        (plausible && isolated && !self.counted(i) && !self.ends_invalid_date(i)).then_some(y)
    }

    /// The year of an impossible date (`February 29, 2021`) must not survive on its own.
    fn ends_invalid_date(&self, i: usize) -> bool {
        let j = if i > 0 && self.at(i - 1) == Lex::Comma {
            i - 1
        } else {
            i
        };
        j >= 2 && self.day_number(j - 1).is_some() && matches!(self.at(j - 2), Lex::Month { .. })
    }

    /// Whether the number at `i` (or the range it starts) counts or measures something.
    fn counted(&self, i: usize) -> bool {
        let mut j = i + 1;
        let joins_range =
            matches!(self.at(j), Lex::Dash | Lex::Kw(Kw::And | Kw::To)) || self.word(j) == "or";
        if joins_range && matches!(self.at(j + 1), Lex::Number(_)) {
            j += 2;
        }
        match self.at(j) {
            Lex::Scale(_)
            | Lex::Measure(_)
            | Lex::CurrencyWord(_)
            | Lex::Pounds
            | Lex::Percent
            | Lex::Kw(Kw::Percent | Kw::Per)
            | Lex::Unit { .. } => true,
            Lex::Other => {
                let w = self.word(j);
                COUNT_NOUNS.iter().any(|n| w.eq_ignore_ascii_case(n))
            }
            _ => false,
        }
    }

    /// Telephone-like contexts: another bare digit group right before or after.
    fn near_digits(&self, i: usize) -> bool {
        let digit_group = |j: usize| match self.at(j) {
            Lex::Number(_) => true,
            Lex::Other => self.digit_led(j),
            _ => false,
        };
        digit_group(i + 1) || (i > 0 && digit_group(i - 1))
    }

    // ----- relative points -----

    fn relative(&self, i: usize) -> Option<Point> {
        match self.at(i) {
            Lex::Kw(Kw::Yesterday) => Some(self.day_offset(i, -1)),
            Lex::Kw(Kw::Today) => Some(self.day_offset(i, 0)),
            Lex::Kw(Kw::Tomorrow) => Some(self.day_offset(i, 1)),
            Lex::Kw(Kw::Last | Kw::This | Kw::Next) => self.deictic(i, i),
            Lex::Kw(Kw::Earlier | Kw::Later) if self.is(i + 1, Kw::This) => self.deictic(i, i + 1),
            Lex::Kw(Kw::The) if self.is(i + 1, Kw::Weekend) => {
                let date = self.anchor.map(|a| IsoDate::Weekend(last_weekend(a)));
                Some(Point::relative(i, i + 2, date, false))
            }
            Lex::Weekday(day) => Some(self.bare_weekday(i, day)),
            Lex::Kw(Kw::In) => self.in_future(i),
            _ => self.ago(i),
        }
    }

    fn day_offset(&self, i: usize, days: i64) -> Point {
        let date = self.anchor.and_then(|a| a.add_days(days)).map(IsoDate::Day);
        Point::relative(i, i + 1, date, true)
    }

    /// `last week`, `this month`, `next year`, `last Thursday`, `this weekend`,
    /// `last August`; `start` includes a leading `earlier` / `later`.
    fn deictic(&self, start: usize, i: usize) -> Option<Point> {
        let step: i32 = match self.kw(i)? {
            Kw::Last => -1,
            Kw::This => 0,
            Kw::Next => 1,
            _ => return None,
        };
        let a = self.anchor;
        let (date, day_level) = match self.at(i + 1) {
            Lex::Unit {
                unit,
                plural: false,
            } => (a.and_then(|a| shift_period(a, unit, step)), false),
            Lex::Kw(Kw::Weekend) => {
                let week = |a: Date| a.add_days(7 * i64::from(step)).map(|d| d.iso_week());
                (a.and_then(week).map(IsoDate::Weekend), false)
            }
            Lex::Weekday(day) => {
                let dir = [Direction::Before, Direction::ThisWeek, Direction::After];
                let dir = dir[usize::try_from(step + 1).ok()?];
                (
                    a.and_then(|a| weekday_near(a, day, dir)).map(IsoDate::Day),
                    true,
                )
            }
            Lex::Month {
                month,
                abbreviated: false,
            } => (a.map(|a| month_near(a, month, step)), false),
            _ => return None,
        };
        Some(Point::relative(start, i + 2, date, day_level))
    }

    fn bare_weekday(&self, i: usize, day: Weekday) -> Point {
        let dir = if self.future_context(i) {
            Direction::OnOrAfter
        } else {
            Direction::OnOrBefore
        };
        let date = self
            .anchor
            .and_then(|a| weekday_near(a, day, dir))
            .map(IsoDate::Day);
        Point::relative(i, i + 1, date, true)
    }

    /// A future auxiliary earlier in the sentence (`will meet on Thursday`).
    fn future_context(&self, i: usize) -> bool {
        self.lex
            .get(i.saturating_sub(8)..i)
            .is_some_and(|before| before.contains(&Lex::Kw(Kw::Will)))
    }

    /// `two days ago`, `a year ago`.
    fn ago(&self, i: usize) -> Option<Point> {
        let (j, amount) = self.amount(i)?;
        let Lex::Unit { unit, .. } = self.at(j) else {
            return None;
        };
        if !self.is(j + 1, Kw::Ago) {
            return None;
        }
        let date = self.shift_by(unit, amount.map(|a| -a));
        Some(Point::relative(i, j + 2, date, unit == TimeUnit::Day))
    }

    /// `in 2 weeks`, but not `for the first time in 20 years`, which is a duration.
    fn in_future(&self, i: usize) -> Option<Point> {
        if self.prev_word_in(i, &["time"]) || (i > 0 && self.word(i - 1).ends_with("est")) {
            return None;
        }
        let (j, amount) = self.amount(i + 1)?;
        let Lex::Unit { unit, .. } = self.at(j) else {
            return None;
        };
        let date = self.shift_by(unit, amount);
        Some(Point::relative(i, j + 1, date, unit == TimeUnit::Day))
    }

    /// The anchor moved by a whole number of units, at the unit's granularity.
    fn shift_by(&self, unit: TimeUnit, amount: Option<f64>) -> Option<IsoDate> {
        let a = self.anchor?;
        let n = amount.filter(|x| x.fract() == 0.0 && x.abs() < 10_000.0)?;
        // Checked above: integral and small.
        shift_period(a, unit, n as i32)
    }

    /// A count before a unit: `two`, `20`, `a`, `a few`, `several`. `None` amount = vague.
    fn amount(&self, i: usize) -> Option<(usize, Option<f64>)> {
        match self.at(i) {
            Lex::Kw(Kw::A) if self.is(i + 1, Kw::Few) => Some((i + 2, None)),
            Lex::Kw(Kw::A) => match self.at(i + 1) {
                Lex::Unit { plural: false, .. } => Some((i + 1, Some(1.0))),
                _ => number_at(self.lex, i).map(|n| (n.end, Some(n.value))),
            },
            Lex::Kw(Kw::Several | Kw::Many | Kw::Few) => Some((i + 1, None)),
            _ => number_at(self.lex, i).map(|n| (n.end, Some(n.value))),
        }
    }

    // ----- resolution helpers needing the anchor -----

    /// `August 19` in the year that puts it nearest the anchor.
    fn resolve_month_day(&self, md: MonthDay) -> IsoDate {
        let Some(a) = self.anchor else {
            return IsoDate::MonthDay(md);
        };
        let year = a.year();
        [year - 1, year, year + 1]
            .into_iter()
            .filter_map(|y| md.in_year(y))
            .min_by_key(|d| a.days_until(*d).abs())
            .map_or(IsoDate::MonthDay(md), IsoDate::Day)
    }

    /// `August` alone: the nearest such month to the anchor, earlier on ties (news reports the
    /// past).
    fn month_alone(&self, month: Month) -> IsoDate {
        match self.anchor {
            Some(a) => month_near(a, month, 0),
            None => IsoDate::MonthOnly(month),
        }
    }

    // ----- times -----

    /// `Thursday at 8 a.m.`, `8 a.m. on Thursday`, `Thursday morning`, `last night`,
    /// `this morning`, `tonight`.
    fn date_time(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.deictic_day_part(i) {
            return Some(m);
        }
        if let Some(p) = self.point(i).filter(|p| p.day_level) {
            let j = if matches!(self.at(p.end), Lex::Comma | Lex::Kw(Kw::At)) {
                p.end + 1
            } else {
                p.end
            };
            if let Some((end, time)) = self.time_at(j) {
                return Some(time_match(i, end, p.date, TimeOfDay::Clock(time)));
            }
            if let Lex::DayPart(part) = self.at(p.end) {
                return Some(time_match(i, p.end + 1, p.date, TimeOfDay::Part(part)));
            }
            return None;
        }
        let (j, time) = self.time_at(i)?;
        let k = if matches!(self.at(j), Lex::Comma | Lex::Kw(Kw::On)) {
            j + 1
        } else {
            j
        };
        let p = self.point(k).filter(|p| p.day_level)?;
        Some(time_match(i, p.end, p.date, TimeOfDay::Clock(time)))
    }

    fn deictic_day_part(&self, i: usize) -> Option<Match> {
        let today = self.anchor.map(IsoDate::Day);
        let yesterday = self.anchor.and_then(|a| a.add_days(-1)).map(IsoDate::Day);
        let (end, date, part) = match (self.at(i), self.at(i + 1)) {
            (Lex::Kw(Kw::Tonight), _) => (i + 1, today, DayPart::Night),
            (Lex::Kw(Kw::Last), Lex::DayPart(DayPart::Night)) => (i + 2, yesterday, DayPart::Night),
            (Lex::Kw(Kw::This), Lex::DayPart(part)) => (i + 2, today, part),
            _ => return None,
        };
        Some(Match {
            kind: TemporalKind::Relative,
            ..time_match(i, end, date, TimeOfDay::Part(part))
        })
    }

    fn time(&self, i: usize) -> Option<Match> {
        let (end, time) = self.time_at(i)?;
        Some(time_match(i, end, None, TimeOfDay::Clock(time)))
    }

    /// `10:30`, `8 a.m.`, `8am`, `8:30 p.m.`, `8 o'clock`, `noon`, `midnight`.
    fn time_at(&self, i: usize) -> Option<(usize, ClockTime)> {
        match self.at(i) {
            Lex::Kw(Kw::Noon) => return ClockTime::new(12, 0).map(|t| (i + 1, t)),
            Lex::Kw(Kw::Midnight) => return ClockTime::new(0, 0).map(|t| (i + 1, t)),
            _ => {}
        }
        if !self.digit_led(i) {
            return None;
        }
        let (clock, attached) = parse_clock(self.word(i))?;
        let (end, meridiem) = match (attached, self.at(i + 1)) {
            (Some(pm), _) => (i + 1, Some(pm)),
            (None, Lex::Meridiem { pm }) => (i + 2, Some(pm)),
            (None, _) if self.word(i + 1).eq_ignore_ascii_case("o'clock") => (i + 2, Some(false)),
            (None, _) => (i + 1, None),
        };
        let time = match meridiem {
            Some(pm) => clock.twelve_hour(pm)?,
            // Without a.m./p.m. only `HH:MM` is a time; a bare `8` is just a number.
            None if clock.has_minutes => ClockTime::new(clock.hour, clock.minute)?,
            None => return None,
        };
        Some((end, time))
    }

    // ----- durations and references -----

    /// `three years`, `20 years`, `two decades`, `the past week`, `the last two years`,
    /// `for years` (vague), `20-year`.
    fn duration(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.hyphenated_duration(i) {
            return Some(m);
        }
        let past_next = |j: usize| matches!(self.kw(j), Some(Kw::Past | Kw::Last | Kw::Next));
        let (start, j) = if self.is(i, Kw::The) && past_next(i + 1) {
            (i, i + 2)
        } else if self.is(i, Kw::Past) {
            (i, i + 1)
        } else if matches!(self.kw(i), Some(Kw::For | Kw::Over)) && self.is_unit(i + 1, true) {
            return self.unit_duration(i + 1, i + 1, None);
        } else {
            (i, i)
        };
        if start < j && self.is_unit(j, false) {
            // `the past week`: one unit.
            return self.unit_duration(start, j, Some(1.0));
        }
        let (k, amount) = self.amount(j)?;
        // `a decade` alone is too often not a duration (`once a year`); require a trigger.
        let bare_a = self.is(j, Kw::A) && start == j && !self.duration_trigger(j, k);
        if bare_a {
            return None;
        }
        self.unit_duration(start, k, amount)
    }

    fn is_unit(&self, i: usize, plural: bool) -> bool {
        matches!(self.at(i), Lex::Unit { plural: p, .. } if p == plural)
    }

    /// `for a decade`, `a year later`, `about a week`.
    fn duration_trigger(&self, a: usize, unit: usize) -> bool {
        let before = a > 0
            && matches!(
                self.kw(a - 1),
                Some(Kw::For | Kw::Over | Kw::Within | Kw::About)
            );
        let after = matches!(self.kw(unit + 1), Some(Kw::Later | Kw::Earlier));
        before || after
    }

    fn unit_duration(&self, start: usize, i: usize, amount: Option<f64>) -> Option<Match> {
        let Lex::Unit { unit, .. } = self.at(i) else {
            return None;
        };
        Some(Match {
            start,
            end: i + 1,
            value: Some(TemporalValue::Duration(IsoDuration { amount, unit })),
            kind: TemporalKind::Duration,
            modifier: None,
        })
    }

    /// `20-year`, `three-day` (adjectives in one token).
    fn hyphenated_duration(&self, i: usize) -> Option<Match> {
        if !matches!(self.at(i), Lex::Other | Lex::Suffixed { .. }) {
            return None;
        }
        let (n, u) = self.word(i).split_once('-')?;
        let amount = match classify(n) {
            Lex::Number(d) => d.value,
            Lex::NumberWord(n) => f64::from(n),
            _ => return None,
        };
        let Lex::Unit {
            unit,
            plural: false,
        } = classify(u)
        else {
            return None;
        };
        Some(Match {
            start: i,
            end: i + 1,
            value: Some(TemporalValue::Duration(IsoDuration {
                amount: Some(amount),
                unit,
            })),
            kind: TemporalKind::Duration,
            modifier: None,
        })
    }

    /// `recently`, `in recent days`, `now`, `currently`, `at the moment`, `at present`,
    /// `the future`, `in the past`.
    fn reference(&self, i: usize) -> Option<Match> {
        use TimeReference::{Future, Past, Present};
        let after_at = i > 0 && self.is(i - 1, Kw::At);
        let (end, r) = match (self.at(i), self.at(i + 1)) {
            (Lex::Kw(Kw::Recently), _) => (i + 1, Past),
            (Lex::Kw(Kw::Recent), Lex::Unit { plural: true, .. }) => (i + 2, Past),
            (Lex::Kw(Kw::Currently | Kw::Now), _) => (i + 1, Present),
            (Lex::Kw(Kw::The), Lex::Kw(Kw::Moment)) if after_at => (i + 2, Present),
            (Lex::Kw(Kw::Present), _) if after_at => (i + 1, Present),
            (Lex::Kw(Kw::The), Lex::Kw(Kw::Future)) => (i + 2, Future),
            (Lex::Kw(Kw::The), Lex::Kw(Kw::Past)) if self.is_reference_end(i + 2) => (i + 2, Past),
            _ => return None,
        };
        Some(Match {
            start: i,
            end,
            value: Some(TemporalValue::Reference(r)),
            kind: TemporalKind::Relative,
            modifier: None,
        })
    }

    /// `the past` is a reference unless a unit or number follows (`the past two weeks`).
    fn is_reference_end(&self, i: usize) -> bool {
        !matches!(
            self.at(i),
            Lex::Unit { .. } | Lex::Number(_) | Lex::NumberWord(_) | Lex::Kw(Kw::Few)
        )
    }

    /// Two digits completing a year range (`97` in `1996-97`).
    fn two_digits(&self, i: usize) -> Option<i32> {
        match self.at(i) {
            Lex::Number(Digits {
                plain: Some(n),
                len: 2,
                ..
            }) => i32::try_from(n).ok(),
            _ => None,
        }
    }
}

fn interval_match(start: usize, end: usize, from: Option<IsoDate>, to: Option<IsoDate>) -> Match {
    Match {
        start,
        end,
        value: TemporalValue::interval(from, to),
        kind: TemporalKind::Interval,
        modifier: None,
    }
}

fn time_match(start: usize, end: usize, date: Option<IsoDate>, time: TimeOfDay) -> Match {
    Match {
        start,
        end,
        value: Some(TemporalValue::Time { date, time }),
        kind: TemporalKind::Time,
        modifier: None,
    }
}

/// `97` after 1996 is 1997; `03` after 1999 is 2003.
fn two_digit_successor(first: i32, two: i32) -> Option<i32> {
    if !(0..100).contains(&two) {
        return None;
    }
    let candidate = first - first % 100 + two;
    Some(if candidate > first {
        candidate
    } else {
        candidate + 100
    })
}

/// `15-20` → (15, 20).
fn split_pair(w: &str, sep: char) -> Option<(u32, u32)> {
    let (a, b) = w.split_once(sep)?;
    Some((parse_uint(a)?, parse_uint(b)?))
}

/// Three digit groups with their lengths: `19/08/2021` → [(19, 2), (8, 2), (2021, 4)].
fn split_three(w: &str, sep: char) -> Option<[(u32, usize); 3]> {
    let mut parts = w.split(sep);
    let mut next = || {
        parts
            .next()
            .and_then(|p| parse_uint(p).map(|n| (n, p.len())))
    };
    let three = [next()?, next()?, next()?];
    parts.next().is_none().then_some(three)
}

fn parse_uint(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `1990s` (digits 1990, suffix `s`) → 199. Only round decades qualify.
fn decade_of(digits: Digits, suffix: &str) -> Option<i32> {
    let y = i32::try_from(digits.plain?).ok()?;
    let ok = digits.len == 4 && y % 10 == 0 && (suffix == "s" || suffix == "'s" || suffix == "’s");
    ok.then_some(y / 10)
}

/// `'90s` → 199, `'20s` → 202: two-digit decades below 30 are read as this century.
fn short_decade(w: &str) -> Option<i32> {
    let rest = w.strip_prefix('\'').or_else(|| w.strip_prefix('’'))?;
    let digits = rest.strip_suffix('s')?;
    let n = parse_uint(digits).filter(|_| digits.len() == 2)?;
    let n = i32::try_from(n).ok()?;
    if n % 10 != 0 {
        return None;
    }
    Some(if n < 30 { 200 + n / 10 } else { 190 + n / 10 })
}

/// A clock reading before a.m./p.m. is applied.
struct Clock {
    hour: u8,
    minute: u8,
    has_minutes: bool,
}

impl Clock {
    /// 12-hour reading: `12 a.m.` is midnight, `12 p.m.` noon.
    fn twelve_hour(&self, pm: bool) -> Option<ClockTime> {
        if !(1..=12).contains(&self.hour) {
            return None;
        }
        let hour = match (self.hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        ClockTime::new(hour, self.minute)
    }
}

/// `10:30`, `8`, `8am`, `8.30pm`; the bool is an attached a.m. (false) / p.m. (true).
fn parse_clock(w: &str) -> Option<(Clock, Option<bool>)> {
    let lower_end = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let suffix = &w[lower_end.len()..];
    let attached = match suffix.to_ascii_lowercase().as_str() {
        "" => None,
        "am" | "a.m." => Some(false),
        "pm" | "p.m." => Some(true),
        _ => return None,
    };
    let (h, m) = match lower_end.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, Some(m)),
        Some(_) => return None,
        None => (lower_end, None),
    };
    // `8.30` is a time only with a.m./p.m.; `10:30` always.
    if lower_end.contains('.') && attached.is_none() {
        return None;
    }
    let hour = u8::try_from(parse_uint(h).filter(|_| h.len() <= 2)?).ok()?;
    let minute = match m {
        Some(m) => u8::try_from(parse_uint(m)?).ok()?,
        None => 0,
    };
    Some((
        Clock {
            hour,
            minute,
            has_minutes: m.is_some(),
        },
        attached,
    ))
}

/// The period containing the anchor moved by `n` units, at that unit's granularity.
fn shift_period(a: Date, unit: TimeUnit, n: i32) -> Option<IsoDate> {
    let days = |k: i64| a.add_days(k);
    Some(match unit {
        TimeUnit::Second | TimeUnit::Minute | TimeUnit::Hour => IsoDate::Day(a),
        TimeUnit::Day => IsoDate::Day(days(i64::from(n))?),
        TimeUnit::Week => IsoDate::Week(days(7 * i64::from(n))?.iso_week()),
        TimeUnit::Fortnight => IsoDate::Week(days(14 * i64::from(n))?.iso_week()),
        TimeUnit::Month => {
            let (year, month) = a.shift_month(n);
            IsoDate::YearMonth { year, month }
        }
        TimeUnit::Year => IsoDate::Year(a.year() + n),
        TimeUnit::Decade => IsoDate::Decade(a.year() / 10 + n),
        TimeUnit::Century => IsoDate::Century(a.year() / 100 + n),
    })
}

/// The weekday occurrence relative to `a` in direction `dir`.
fn weekday_near(a: Date, day: Weekday, dir: Direction) -> Option<Date> {
    let diff = i64::from(day.index()) - i64::from(a.weekday().index());
    let back = diff.rem_euclid(7) - 7; // -7..=-1 when strictly before
    let ahead = diff.rem_euclid(7); // 0..=6
    let offset = match dir {
        Direction::OnOrBefore if ahead == 0 => 0,
        Direction::OnOrBefore | Direction::Before => back,
        Direction::OnOrAfter => ahead,
        Direction::After if ahead == 0 => 7,
        Direction::After => ahead,
        Direction::ThisWeek => diff,
    };
    a.add_days(offset)
}

/// `d`'s month and day in the year within one of the anchor's where it falls on `weekday`,
/// nearest the anchor first.
fn year_matching_weekday(a: Date, d: Date, weekday: Weekday) -> Option<Date> {
    let md = MonthDay::new(d.month().number(), d.day())?;
    [a.year(), a.year() - 1, a.year() + 1]
        .into_iter()
        .filter_map(|y| md.in_year(y))
        .filter(|c| c.weekday() == weekday)
        .min_by_key(|c| a.days_until(*c).abs())
}

/// The weekend most recently started on or before `a` (`over the weekend`).
fn last_weekend(a: Date) -> IsoWeek {
    let saturday = weekday_near(a, Weekday::Saturday, Direction::OnOrBefore).unwrap_or(a);
    saturday.iso_week()
}

/// `last August` (step -1, strictly before the anchor's month), `next August` (+1, strictly
/// after), `this August` / `August` (0, nearest, earlier on ties).
fn month_near(a: Date, month: Month, step: i32) -> IsoDate {
    let (m, am) = (i32::from(month.number()), i32::from(a.month().number()));
    let year = match step {
        -1 if m < am => a.year(),
        -1 => a.year() - 1,
        1 if m > am => a.year(),
        1 => a.year() + 1,
        _ if m - am >= 6 => a.year() - 1,
        _ if am - m > 6 => a.year() + 1,
        _ => a.year(),
    };
    IsoDate::YearMonth { year, month }
}
