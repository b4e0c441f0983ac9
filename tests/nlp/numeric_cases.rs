//! Table of numeric expressions with expected spans, kinds and values.

use crate::temporal_support::{numeric, owned_numeric};

/// `(text, expected (span, kind, value) rows)`.
type Case = (&'static str, &'static [(&'static str, &'static str, f64)]);

const CASES: &[Case] = &[
    ("Some 1,000 people fled.", &[("1,000", "Cardinal", 1000.0)]),
    ("It cost 52.95 each.", &[("52.95", "Cardinal", 52.95)]),
    ("He had three sons.", &[("three", "Cardinal", 3.0)]),
    (
        "He had twenty-five sons.",
        &[("twenty-five", "Cardinal", 25.0)],
    ),
    (
        "He had two hundred and five sons.",
        &[("two hundred and five", "Cardinal", 205.0)],
    ),
    (
        "Some 2.5 million people fled.",
        &[("2.5 million", "Cardinal", 2.5e6)],
    ),
    ("He bought a dozen eggs.", &[("a dozen", "Cardinal", 12.0)]),
    (
        "Some 5,000 fighters joined.",
        &[("5,000", "Cardinal", 5000.0)],
    ),
    (
        "The valley, a hundred kilometers north.",
        &[("a hundred kilometers", "km", 100.0)],
    ),
    ("It was the first time.", &[("first", "Ordinal", 1.0)]),
    ("It was his 3rd time.", &[("3rd", "Ordinal", 3.0)]),
    (
        "It was the twenty-first time.",
        &[("twenty-first", "Ordinal", 21.0)],
    ),
    (
        "You have 52.95% of this article left.",
        &[("52.95%", "Percent", 52.95)],
    ),
    (
        "It rose 52.95 percent.",
        &[("52.95 percent", "Percent", 52.95)],
    ),
    ("It rose 5 per cent.", &[("5 per cent", "Percent", 5.0)]),
    (
        "It rose 2 percentage points.",
        &[("2 percentage points", "Percent", 2.0)],
    ),
    ("It cost $5 million.", &[("$5 million", "USD", 5e6)]),
    ("It cost €2.3bn.", &[("€2.3bn", "EUR", 2.3e9)]),
    (
        "It cost 5 million dollars.",
        &[("5 million dollars", "USD", 5e6)],
    ),
    ("It cost £10.", &[("£10", "GBP", 10.0)]),
    ("It cost $100m.", &[("$100m", "USD", 1e8)]),
    ("It cost USD 5 million.", &[("USD 5 million", "USD", 5e6)]),
    (
        "It cost 1.5 billion euros.",
        &[("1.5 billion euros", "EUR", 1.5e9)],
    ),
    (
        "It cost 5 million pounds.",
        &[("5 million pounds", "GBP", 5e6)],
    ),
    ("It cost 500 afghanis.", &[("500 afghanis", "AFN", 500.0)]),
    ("He ran 20 km.", &[("20 km", "km", 20.0)]),
    ("He ran 20km.", &[("20km", "km", 20.0)]),
    ("He ran 3 miles.", &[("3 miles", "mi", 3.0)]),
    ("It weighs 5 kg.", &[("5 kg", "kg", 5.0)]),
    ("It weighs 5 pounds.", &[("5 pounds", "lb", 5.0)]),
    (
        "It covers 10,000 square kilometres.",
        &[("10,000 square kilometres", "km2", 10000.0)],
    ),
    ("It weighs 2 tonnes.", &[("2 tonnes", "t", 2.0)]),
    // Numbers inside temporal expressions belong to them.
    ("He died on September 10, 2001.", &[]),
    ("He fought for three years.", &[]),
    // Names, identifiers and pronouns.
    (
        "He taught at the University of Paris 1 Panthéon-Sorbonne.",
        &[],
    ),
    ("A Boeing 747 landed.", &[]),
    ("Call 555 2001 or (212) 555-1234.", &[]),
    ("One lives in the shadow of the legend.", &[]),
    ("No one came, and the one who did left.", &[]),
    ("He may go.", &[]),
    (
        "Two men and one woman came.",
        &[("Two", "Cardinal", 2.0), ("one", "Cardinal", 1.0)],
    ),
    (
        "The 1,996 people were counted.",
        &[("1,996", "Cardinal", 1996.0)],
    ),
];

#[test]
fn numeric_table() {
    for (text, expected) in CASES {
        assert_eq!(numeric(text), owned_numeric(expected), "text: {text:?}");
    }
}

#[test]
fn list_markers_and_pronoun_one() {
    assert_eq!(numeric("1) Make Iraq another Afghanistan."), vec![]);
    assert_eq!(numeric("This item is a small one."), vec![]);
}
