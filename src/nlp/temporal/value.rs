//! Public value types of the temporal recognizer: what a mention's value can be and how it
//! is written in ISO 8601 / TIMEX3.

use std::fmt;

use super::calendar::{Date, DateError, IsoWeek, Month, MonthDay};
use super::lexicon::{DayPart, TimeUnit};

/// The date an article was published, against which relative expressions are resolved.
/// Always a valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Anchor(Date);

impl Anchor {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Anchor, DateError> {
        Date::new(year, month, day).map(Anchor)
    }

    pub fn date(self) -> Date {
        self.0
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        self.0.month().number()
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }
}

impl From<Date> for Anchor {
    fn from(date: Date) -> Anchor {
        Anchor(date)
    }
}

/// How to read `dd/dd/yyyy` when both numbers could be a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlashOrder {
    /// `05/08/2021` is 5 August (most of the world, and translated European news).
    #[default]
    DayFirst,
    /// `05/08/2021` is May 8 (US sources).
    MonthFirst,
}

/// Recognition options; `Options::default()` has no anchor and day-first slash dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub anchor: Option<Anchor>,
    pub slash_order: SlashOrder,
}

/// A calendar value at some granularity, possibly with unknown parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IsoDate {
    /// Hundreds of years: 19 = 1900–1999 (`the 20th century`).
    Century(i32),
    /// Tens of years: 199 = 1990–1999.
    Decade(i32),
    Year(i32),
    YearMonth {
        year: i32,
        month: Month,
    },
    Week(IsoWeek),
    Weekend(IsoWeek),
    Day(Date),
    /// Month and day of an unknown year.
    MonthDay(MonthDay),
    /// A month of an unknown year.
    MonthOnly(Month),
}

impl IsoDate {
    /// Whether the value names a single day (possibly of an unknown year).
    pub(crate) fn is_day(self) -> bool {
        matches!(self, IsoDate::Day(_) | IsoDate::MonthDay(_))
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IsoDate::Century(c) => write!(f, "{c:02}XX"),
            IsoDate::Decade(d) => write!(f, "{d:03}X"),
            IsoDate::Year(y) => write!(f, "{y:04}"),
            IsoDate::YearMonth { year, month } => write!(f, "{year:04}-{:02}", month.number()),
            IsoDate::Week(w) => write!(f, "{w}"),
            IsoDate::Weekend(w) => write!(f, "{w}-WE"),
            IsoDate::Day(d) => write!(f, "{d}"),
            IsoDate::MonthDay(md) => {
                write!(f, "XXXX-{:02}-{:02}", md.month().number(), md.day())
            }
            IsoDate::MonthOnly(m) => write!(f, "XXXX-{:02}", m.number()),
        }
    }
}

/// A clock time, valid by construction (hour 0..=23, minute 0..=59).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

impl ClockTime {
    pub fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    Clock(ClockTime),
    Part(DayPart),
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeOfDay::Clock(c) => write!(f, "T{:02}:{:02}", c.hour, c.minute),
            TimeOfDay::Part(DayPart::Morning) => f.write_str("TMO"),
            TimeOfDay::Part(DayPart::Afternoon) => f.write_str("TAF"),
            TimeOfDay::Part(DayPart::Evening) => f.write_str("TEV"),
            TimeOfDay::Part(DayPart::Night) => f.write_str("TNI"),
        }
    }
}

/// A length of time. `amount` is `None` for vague durations (`for years` → `PXY`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IsoDuration {
    pub amount: Option<f64>,
    pub unit: TimeUnit,
}

impl fmt::Display for IsoDuration {
    /// Decades and centuries are written in years and fortnights in weeks, because ISO 8601
    /// has no such designators.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (factor, designator) = match self.unit {
            TimeUnit::Second => (1.0, "TS"),
            TimeUnit::Minute => (1.0, "TM"),
            TimeUnit::Hour => (1.0, "TH"),
            TimeUnit::Day => (1.0, "D"),
            TimeUnit::Week => (1.0, "W"),
            TimeUnit::Fortnight => (2.0, "W"),
            TimeUnit::Month => (1.0, "M"),
            TimeUnit::Year => (1.0, "Y"),
            TimeUnit::Decade => (10.0, "Y"),
            TimeUnit::Century => (100.0, "Y"),
        };
        let (time_mark, letter) = designator.split_at(designator.len() - 1);
        match self.amount {
            Some(a) => write!(f, "P{time_mark}{}{letter}", a * factor),
            None => write!(f, "P{time_mark}X{letter}"),
        }
    }
}

/// Vague references to the past, present or future (`recently`, `now`, `the future`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeReference {
    Past,
    Present,
    Future,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TemporalValue {
    Date(IsoDate),
    /// A time of day, with the date it is attached to when one is adjacent and known.
    Time {
        date: Option<IsoDate>,
        time: TimeOfDay,
    },
    /// Either bound may be open (`since 2001`) or unresolved; never both.
    Interval {
        start: Option<IsoDate>,
        end: Option<IsoDate>,
    },
    Duration(IsoDuration),
    Reference(TimeReference),
}

impl TemporalValue {
    /// An interval, or `None` when neither bound is known.
    pub(crate) fn interval(start: Option<IsoDate>, end: Option<IsoDate>) -> Option<TemporalValue> {
        (start.is_some() || end.is_some()).then_some(TemporalValue::Interval { start, end })
    }

    /// The ISO 8601 / TIMEX3 value: `2001-09-10`, `2004/2010`, `2001/..` (open end),
    /// `2021-08-19T08:00`, `P20Y`, `PAST_REF`.
    pub fn iso(&self) -> String {
        match self {
            TemporalValue::Date(d) => d.to_string(),
            TemporalValue::Time {
                date: Some(d),
                time,
            } => format!("{d}{time}"),
            TemporalValue::Time { date: None, time } => time.to_string(),
            TemporalValue::Interval { start, end } => {
                let bound =
                    |b: &Option<IsoDate>| b.map_or_else(|| "..".to_string(), |d| d.to_string());
                format!("{}/{}", bound(start), bound(end))
            }
            TemporalValue::Duration(d) => d.to_string(),
            TemporalValue::Reference(TimeReference::Past) => "PAST_REF".to_string(),
            TemporalValue::Reference(TimeReference::Present) => "PRESENT_REF".to_string(),
            TemporalValue::Reference(TimeReference::Future) => "FUTURE_REF".to_string(),
        }
    }

    /// Start of the period, for "start time" qualifiers: the interval's start, or the date
    /// itself.
    pub fn start(&self) -> Option<IsoDate> {
        match *self {
            TemporalValue::Date(d) => Some(d),
            TemporalValue::Time { date, .. } => date,
            TemporalValue::Interval { start, .. } => start,
            _ => None,
        }
    }

    /// End of the period, for "end time" qualifiers: the interval's end, or the date itself.
    pub fn end(&self) -> Option<IsoDate> {
        match *self {
            TemporalValue::Date(d) => Some(d),
            TemporalValue::Time { date, .. } => date,
            TemporalValue::Interval { end, .. } => end,
            _ => None,
        }
    }
}

/// The form of the expression (not of its value): a relative expression resolved against the
/// anchor is still `Relative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemporalKind {
    /// An explicit calendar date, possibly partial (`August 19`, `2001`, `the 1990s`).
    Date,
    /// Needs the article date (`Thursday`, `yesterday`, `last year`, `two days ago`), or a
    /// vague reference (`recently`).
    Relative,
    Time,
    Duration,
    Interval,
}

/// TIMEX3 `mod`: which part of the period is meant (`early 2020`, `mid-August`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    Early,
    Mid,
    Late,
}

/// A temporal expression; `start..end` is a byte span of the text. `value` is `None` when the
/// expression needs an anchor that was not given.
#[derive(Debug, Clone, PartialEq)]
pub struct TemporalMention {
    pub start: usize,
    pub end: usize,
    pub value: Option<TemporalValue>,
    pub kind: TemporalKind,
    pub modifier: Option<Modifier>,
}
