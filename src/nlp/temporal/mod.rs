//! Rule-based recognition and normalization of temporal and numeric
//! expressions in English news text.
//!
//! Both recognizers work on the tokens of one sentence (byte spans from
//! [`crate::nlp::tokenize::tokenize`]) plus the source text, and return byte
//! spans into that text:
//! - [`find_temporal`]: dates, times, intervals, durations and relative
//!   expressions with ISO 8601 / TIMEX3 values, resolved against an optional
//!   article date ([`Anchor`]); conventions are documented in [`timex`];
//! - [`find_numeric`]: cardinals, ordinals, percentages, money and measured
//!   quantities;
//! - [`find_article_date`]: the publication date of an article from its
//!   dateline or a "Published on ..." line, to use as the anchor.
//!
//! Calendar arithmetic is implemented in [`calendar`] (no external date
//! crate); `lexicon` classifies tokens for both grammars.

pub mod article_date;
pub mod calendar;
mod lexicon;
pub mod numeric;
pub mod timex;
mod value;

pub use article_date::find_article_date;
pub use calendar::{Date, DateError, IsoWeek, Month, MonthDay, Weekday};
pub use lexicon::{DayPart, TimeUnit};
pub use numeric::{Currency, NumericKind, NumericMention, Unit, find_numeric};
pub use timex::{find_temporal, find_temporal_with};
pub use value::{
    Anchor, ClockTime, IsoDate, IsoDuration, Modifier, Options, SlashOrder, TemporalKind,
    TemporalMention, TemporalValue, TimeOfDay, TimeReference,
};
