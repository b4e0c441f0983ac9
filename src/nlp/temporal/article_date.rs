//! Finding the publication date of an article, to anchor relative expressions.
//!
//! Only the head of the article is searched: a date after `Published`, `Posted`, `Dated` or
//! `Date` wins, then one after `Updated`, then a full date in the first line (a dateline such
//! as `KABUL, August 19, 2021 (AFP) -`). Dates without a year cannot anchor anything and are
//! ignored, as are dates further down, which are usually about the story, not the article.

use crate::nlp::tokenize::{Token, tokenize};

use super::calendar::Date;
use super::{Anchor, IsoDate, TemporalValue, find_temporal};

/// How much of the article is searched for a publication line.
const HEAD_BYTES: usize = 2000;

/// The article date found in the head of `text`, if any.
pub fn find_article_date(text: &str) -> Option<Anchor> {
    let head = head(text, HEAD_BYTES);
    let tokens = tokenize(head);
    let first_line_end = head.find('\n').unwrap_or(head.len());
    let dates: Vec<(usize, Date)> = find_temporal(head, &tokens, None)
        .into_iter()
        .filter_map(|m| full_date(m.value?).map(|d| (m.start, d)))
        .collect();
    let after = |cues: &[&str]| {
        dates
            .iter()
            .find(|(start, _)| preceded_by(head, &tokens, *start, cues))
            .map(|(_, d)| *d)
    };
    after(&["published", "posted", "dated", "date"])
        .or_else(|| after(&["updated"]))
        .or_else(|| {
            dates
                .iter()
                .find(|(start, _)| *start < first_line_end)
                .map(|(_, d)| *d)
        })
        .map(Anchor::from)
}

/// The longest prefix of `text` of at most `max` bytes ending on a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A single, fully known day.
fn full_date(value: TemporalValue) -> Option<Date> {
    match value {
        TemporalValue::Date(IsoDate::Day(d))
        | TemporalValue::Time {
            date: Some(IsoDate::Day(d)),
            ..
        } => Some(d),
        _ => None,
    }
}

/// Whether one of `cues` occurs within the three tokens before byte offset `start`
/// (`Published on`, `Published:`, `Last updated on`).
fn preceded_by(text: &str, tokens: &[Token], start: usize, cues: &[&str]) -> bool {
    let k = tokens.partition_point(|t| t.start < start);
    tokens[k.saturating_sub(3)..k].iter().any(|t| {
        let w = t.text(text);
        cues.iter().any(|c| w.eq_ignore_ascii_case(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(a: Option<Anchor>) -> Option<(i32, u8, u8)> {
        a.map(|a| (a.year(), a.month(), a.day()))
    }

    #[test]
    fn publication_lines() {
        let t = "Resistance in Panjshir\nPublished on August 19, 2021 at 10:30\nOn Thursday, ...";
        assert_eq!(ymd(find_article_date(t)), Some((2021, 8, 19)));
        let t = "Title\nUpdated: 2021-08-21. Published: 2021-08-20\nText";
        assert_eq!(ymd(find_article_date(t)), Some((2021, 8, 20)));
        let t = "KABUL, Aug. 19, 2021 (AFP) - The Taliban said on Thursday...";
        assert_eq!(ymd(find_article_date(t)), Some((2021, 8, 19)));
    }

    #[test]
    fn no_date() {
        assert_eq!(
            find_article_date("Title\nHe was killed on September 10, 2001."),
            None
        );
        assert_eq!(find_article_date("KABUL, August 19 (Reuters) - ..."), None);
        assert_eq!(find_article_date(""), None);
    }
}
