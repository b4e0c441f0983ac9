//! Proleptic Gregorian calendar arithmetic, written for the temporal recognizer.
//!
//! Only what normalization needs: validated dates, day arithmetic, weekdays and ISO weeks.
//! Dates are limited to years 0..=9999 because TIMEX/ISO 8601 values are written with four
//! year digits; news text never needs more.
//!
//! Days are counted from 0000-01-01 (day 0). That day was a Saturday: the Gregorian calendar
//! repeats every 400 years (146 097 days, an exact number of weeks), and 2000-01-01 was a
//! Saturday.

use std::fmt;

use thiserror::Error;

/// Why a date could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DateError {
    #[error("year {0} is outside 0..=9999")]
    YearOutOfRange(i32),
    #[error("month {0} is outside 1..=12")]
    InvalidMonth(u8),
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    InvalidDay { year: i32, month: u8, day: u8 },
}

pub(crate) const MIN_YEAR: i32 = 0;
pub(crate) const MAX_YEAR: i32 = 9999;

/// A month number, 1..=12 by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(u8);

impl Month {
    pub fn new(number: u8) -> Option<Month> {
        (1..=12).contains(&number).then_some(Month(number))
    }

    /// 1 = January.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The month `delta` months after this one, with the number of years crossed.
    fn shift(self, delta: i32) -> (i32, Month) {
        let zero_based = i32::from(self.0) - 1 + delta;
        let years = zero_based.div_euclid(12);
        // `rem_euclid(12)` is in 0..12, so the month is in 1..=12.
        let month = Month(zero_based.rem_euclid(12) as u8 + 1);
        (years, month)
    }
}

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 = Monday, as in ISO 8601 (where Monday is day 1 of the week).
    pub fn index(self) -> u8 {
        self as u8
    }

    fn from_index(index: i64) -> Weekday {
        Weekday::ALL[index.rem_euclid(7) as usize]
    }
}

pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i32, month: Month) -> u8 {
    match month.0 {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days in the year before the first of `month` (non-leap year).
const DAYS_BEFORE_MONTH: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/// Days from 0000-01-01 to January 1 of `year` (year >= 0).
fn days_before_year(year: i32) -> i64 {
    let y = i64::from(year);
    // Leap years among 0..year: multiples of 4, minus multiples of 100, plus multiples of 400.
    // Year 0 is a multiple of all three, hence the rounding up.
    let leap_days = (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    365 * y + leap_days
}

/// A valid calendar date in years 0..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: Month,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::YearOutOfRange(year));
        }
        let m = Month::new(month).ok_or(DateError::InvalidMonth(month))?;
        if day == 0 || day > days_in_month(year, m) {
            return Err(DateError::InvalidDay { year, month, day });
        }
        Ok(Date {
            year,
            month: m,
            day,
        })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> Month {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Day of the year, 1-based.
    fn ordinal(self) -> u16 {
        let leap = u16::from(self.month.0 > 2 && is_leap_year(self.year));
        DAYS_BEFORE_MONTH[usize::from(self.month.0 - 1)] + leap + u16::from(self.day)
    }

    /// Days since 0000-01-01.
    fn day_number(self) -> i64 {
        days_before_year(self.year) + i64::from(self.ordinal()) - 1
    }

    /// Inverse of [`Date::day_number`]; `None` outside years 0..=9999.
    fn from_day_number(days: i64) -> Option<Date> {
        if days < 0 || days >= days_before_year(MAX_YEAR + 1) {
            return None;
        }
        // 146 097 days per 400 years gives an estimate that is at most one year off.
        let mut year = i32::try_from(days * 400 / 146_097).ok()?;
        while days_before_year(year) > days {
            year -= 1;
        }
        while days_before_year(year + 1) <= days {
            year += 1;
        }
        let mut rest = days - days_before_year(year);
        for m in 1..=12 {
            let month = Month(m);
            let len = i64::from(days_in_month(year, month));
            if rest < len {
                let day = u8::try_from(rest + 1).ok()?;
                return Some(Date { year, month, day });
            }
            rest -= len;
        }
        None
    }

    /// The date `n` days later (earlier if negative); `None` if it leaves years 0..=9999.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_day_number(self.day_number() + n)
    }

    pub fn weekday(self) -> Weekday {
        // Day 0 (0000-01-01) was a Saturday, index 5.
        Weekday::from_index(self.day_number() + 5)
    }

    /// Days from `self` to `other` (positive if `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// The ISO 8601 week containing this date (weeks start on Monday; week 1 is the one with
    /// the year's first Thursday, so early January can belong to the previous year's week).
    pub fn iso_week(self) -> IsoWeek {
        let to_thursday = 3 - i64::from(self.weekday().index());
        // Falls back to self only at the ends of the supported range.
        let thursday = self.add_days(to_thursday).unwrap_or(self);
        IsoWeek {
            year: thursday.year,
            week: ((thursday.ordinal() - 1) / 7 + 1) as u8,
        }
    }

    /// Year and month `delta` months away from this date's month.
    pub fn shift_month(self, delta: i32) -> (i32, Month) {
        let (years, month) = self.month.shift(delta);
        (self.year + years, month)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month.0, self.day)
    }
}

/// An ISO 8601 week (`2021-W33`). Only produced from real dates, so always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

impl IsoWeek {
    pub fn year(self) -> i32 {
        self.year
    }

    pub fn week(self) -> u8 {
        self.week
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// A month and day without a year (`August 19` in an undated article). February 29 is
/// allowed because some year has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MonthDay {
    month: Month,
    day: u8,
}

impl MonthDay {
    pub fn new(month: u8, day: u8) -> Option<MonthDay> {
        let month = Month::new(month)?;
        // 2000 is a leap year, so this is the largest day the month ever has.
        (day >= 1 && day <= days_in_month(2000, month)).then_some(MonthDay { month, day })
    }

    pub fn month(self) -> Month {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// This month-day in `year`, if it exists there (February 29).
    pub fn in_year(self, year: i32) -> Option<Date> {
        Date::new(year, self.month.0, self.day).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid test date")
    }

    #[test]
    fn validation() {
        assert!(Date::new(2021, 2, 29).is_err());
        assert!(Date::new(2020, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2021, 4, 31).is_err());
        assert!(Date::new(2021, 13, 1).is_err());
        assert!(Date::new(2021, 1, 0).is_err());
        assert!(MonthDay::new(2, 29).is_some());
        assert!(MonthDay::new(2, 30).is_none());
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(2021, 8, 21).weekday(), Weekday::Saturday);
        assert_eq!(d(2021, 8, 19).weekday(), Weekday::Thursday);
        assert_eq!(d(2001, 9, 11).weekday(), Weekday::Tuesday);
        assert_eq!(d(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(d(2000, 1, 1).weekday(), Weekday::Saturday);
        assert_eq!(d(1600, 3, 1).weekday(), Weekday::Wednesday);
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in (0..days_before_year(MAX_YEAR + 1)).step_by(97) {
            let date = Date::from_day_number(days).expect("in range");
            assert_eq!(date.day_number(), days);
        }
        assert_eq!(d(2021, 3, 1).add_days(-1), Some(d(2021, 2, 28)));
        assert_eq!(d(2020, 12, 31).add_days(1), Some(d(2021, 1, 1)));
        assert_eq!(d(9999, 12, 31).add_days(1), None);
        assert_eq!(d(0, 1, 1).add_days(-1), None);
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(d(2021, 8, 21).iso_week().to_string(), "2021-W33");
        assert_eq!(d(2021, 1, 3).iso_week().to_string(), "2020-W53");
        assert_eq!(d(2019, 12, 30).iso_week().to_string(), "2020-W01");
        assert_eq!(d(2021, 1, 4).iso_week().to_string(), "2021-W01");
    }

    #[test]
    fn month_shift() {
        assert_eq!(d(2021, 1, 15).shift_month(-1), (2020, Month(12)));
        assert_eq!(d(2021, 12, 15).shift_month(1), (2022, Month(1)));
        assert_eq!(d(2021, 8, 15).shift_month(-20), (2019, Month(12)));
    }
}
