//! Text that is not the article: paywall notices, "Read also" teasers,
//! link and sharing lines. Found as byte ranges of the original text so that
//! every offset into the article stays valid; sentences overlapping them
//! yield no facts.

use std::ops::Range;

/// Whole lines that are page furniture when they start with one of these
/// (case-insensitive).
const LINE_PREFIXES: &[&str] = &[
    "read also",
    "read more",
    "also read",
    "see also",
    "source link",
    "you may also like",
    "related articles",
    "share this",
    "click here",
    "sign up",
    "subscribe",
    "advertisement",
    "http://",
    "https://",
    "www.",
];

/// Phrases that mark the whole line as page furniture wherever they occur.
const LINE_MARKERS: &[&str] = &[
    "reserved for our subscribers",
    "reserved for subscribers",
    "read also",
    "subscribe now",
];

/// Sentences that are paywall notices inside an otherwise real line: from
/// the start marker through the end marker (inclusive).
const NOTICES: &[(&str, &str)] = &[
    ("you have ", "for subscribers only."),
    ("the rest is for subscribers", "only."),
];

/// Byte ranges of `text` that are boilerplate, sorted, non-overlapping.
pub fn boilerplate(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.trim_end().len();
        start += line.len();
        let lower = line.trim().to_lowercase();
        if lower.is_empty() {
            continue;
        }
        if LINE_PREFIXES.iter().any(|p| lower.starts_with(p))
            || LINE_MARKERS.iter().any(|m| lower.contains(m))
        {
            out.push(range);
            continue;
        }
        let offset = range.start + (line.len() - line.trim_start().len());
        for (from, to) in NOTICES {
            if let Some(a) = lower.find(from)
                && let Some(b) = lower[a..].find(to)
            {
                out.push(offset + a..offset + a + b + to.len());
                break;
            }
        }
    }
    out
}

/// Whether `span` overlaps any of the (sorted) `ranges`.
pub fn overlaps(ranges: &[Range<usize>], span: Range<usize>) -> bool {
    ranges
        .iter()
        .any(|r| r.start < span.end && span.start < r.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paywall_teaser_and_link_lines_are_boilerplate() {
        let text = "Real text here.\n\nArticle reserved for our subscribers Read also X: y\n\
                    More text. You have 52.95% of this article left to read. The rest is for subscribers only.Title\n\
                    Source Link\n\nYou may also like\n";
        let found: Vec<&str> = boilerplate(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "Article reserved for our subscribers Read also X: y",
                "You have 52.95% of this article left to read. The rest is for subscribers only.",
                "Source Link",
                "You may also like",
            ]
        );
    }

    #[test]
    fn article_text_is_kept() {
        assert!(boilerplate("Amrullah Saleh withdrew to the valley.\nHe said so.").is_empty());
    }
}
