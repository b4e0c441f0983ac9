//! Helpers of the temporal and numeric case tables: run a recognizer over a
//! text sentence by sentence and flatten its mentions for comparison.

use kg::nlp::sentence::split_sentences;
use kg::nlp::temporal::{Anchor, NumericKind, find_numeric, find_temporal};
use kg::nlp::tokenize::tokenize;

pub use crate::common::read_shared;

pub fn anchor(y: i32, m: u8, d: u8) -> Option<Anchor> {
    Some(Anchor::new(y, m, d).expect("valid anchor"))
}

/// Temporal mentions of `text`, sentence by sentence, as `(span, kind, value)` with the value
/// as its ISO string or `-` when unresolved.
pub fn temporal(text: &str, anchor: Option<Anchor>) -> Vec<(String, String, String)> {
    let tokens = tokenize(text);
    split_sentences(text, &tokens)
        .iter()
        .flat_map(|s| find_temporal(text, &tokens[s.tokens.clone()], anchor))
        .map(|m| {
            let value = m.value.map_or_else(|| "-".to_string(), |v| v.iso());
            (
                text[m.start..m.end].to_string(),
                format!("{:?}", m.kind),
                value,
            )
        })
        .collect()
}

/// Numeric mentions of `text`, sentence by sentence, as `(span, kind, value)` where the kind
/// is `Cardinal`, `Ordinal`, `Percent`, a currency code or a unit symbol.
pub fn numeric(text: &str) -> Vec<(String, String, f64)> {
    let tokens = tokenize(text);
    split_sentences(text, &tokens)
        .iter()
        .flat_map(|s| find_numeric(text, &tokens[s.tokens.clone()]))
        .map(|m| {
            let kind = match m.kind {
                NumericKind::Money { currency } => currency.code().to_string(),
                NumericKind::Quantity { unit } => unit.symbol().to_string(),
                other => format!("{other:?}"),
            };
            (text[m.start..m.end].to_string(), kind, m.value)
        })
        .collect()
}

/// Converts a table row of `(span, kind, value)` string triples for comparison.
pub fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

pub fn owned_numeric(rows: &[(&str, &str, f64)]) -> Vec<(String, String, f64)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect()
}
