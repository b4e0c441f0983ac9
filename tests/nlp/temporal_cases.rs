//! Table of temporal expressions from news text with expected spans, kinds and ISO values.

use crate::temporal_support::{anchor, owned, temporal};
use kg::nlp::temporal::{Options, SlashOrder, TemporalValue, find_temporal_with};
use kg::nlp::tokenize::tokenize;

/// `(text, expected (span, kind, ISO value) rows)`.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

/// `(text, expected mentions)`; no anchor.
const UNANCHORED: &[Case] = &[
    // Absolute dates.
    (
        "He was killed on September 10, 2001.",
        &[("September 10, 2001", "Date", "2001-09-10")],
    ),
    (
        "He was killed on 10 September 2001.",
        &[("10 September 2001", "Date", "2001-09-10")],
    ),
    (
        "He was killed on Sept. 10, 2001.",
        &[("Sept. 10, 2001", "Date", "2001-09-10")],
    ),
    (
        "It fell on August 19.",
        &[("August 19", "Date", "XXXX-08-19")],
    ),
    (
        "It fell on August 19th.",
        &[("August 19th", "Date", "XXXX-08-19")],
    ),
    (
        "It fell on the 19th of August.",
        &[("the 19th of August", "Date", "XXXX-08-19")],
    ),
    (
        "Thursday, August 19, Lavrov spoke.",
        &[("Thursday, August 19", "Date", "XXXX-08-19")],
    ),
    (
        "Filed 2021-08-19 in Kabul.",
        &[("2021-08-19", "Date", "2021-08-19")],
    ),
    (
        "Filed 19/08/2021 in Kabul.",
        &[("19/08/2021", "Date", "2021-08-19")],
    ),
    (
        "Filed 08/19/2021 in Kabul.",
        &[("08/19/2021", "Date", "2021-08-19")],
    ),
    (
        "Filed 05/08/2021 in Kabul.",
        &[("05/08/2021", "Date", "2021-08-05")],
    ),
    (
        "Filed 19.08.2021 in Kabul.",
        &[("19.08.2021", "Date", "2021-08-19")],
    ),
    (
        "It happened in August 2021.",
        &[("August 2021", "Date", "2021-08")],
    ),
    ("It happened in 2021.", &[("2021", "Date", "2021")]),
    ("It happened in 1066.", &[("1066", "Date", "1066")]),
    (
        "It happened in the 1990s.",
        &[("the 1990s", "Date", "199X")],
    ),
    ("It happened in the '90s.", &[("the '90s", "Date", "199X")]),
    (
        "It happened in the 20th century.",
        &[("the 20th century", "Date", "19XX")],
    ),
    (
        "It happened in mid-August.",
        &[("mid-August", "Date", "XXXX-08")],
    ),
    (
        "It happened in early 2020.",
        &[("early 2020", "Date", "2020")],
    ),
    (
        "Fighters returned in the late 1990s.",
        &[("the late 1990s", "Date", "199X")],
    ),
    (
        "It happened at the end of 2020.",
        &[("the end of 2020", "Date", "2020")],
    ),
    ("Talks resume in August.", &[("August", "Date", "XXXX-08")]),
    (
        "The 2001 attacks changed everything.",
        &[("2001", "Date", "2001")],
    ),
    // Intervals.
    (
        "It escaped, between 1996 and 2001, all attempts.",
        &[("between 1996 and 2001", "Interval", "1996/2001")],
    ),
    (
        "He led it from 2004 to 2010.",
        &[("from 2004 to 2010", "Interval", "2004/2010")],
    ),
    (
        "He led it in 2004-2010.",
        &[("2004-2010", "Interval", "2004/2010")],
    ),
    (
        "He led it in 1996–2001.",
        &[("1996–2001", "Interval", "1996/2001")],
    ),
    (
        "The 1996-97 season.",
        &[("1996-97", "Interval", "1996/1997")],
    ),
    (
        "Talks ran from August 15 to 20.",
        &[("from August 15 to 20", "Interval", "XXXX-08-15/XXXX-08-20")],
    ),
    (
        "Talks ran from 15 to 20 August.",
        &[("from 15 to 20 August", "Interval", "XXXX-08-15/XXXX-08-20")],
    ),
    (
        "Talks ran August 15-20, 2021.",
        &[("August 15-20, 2021", "Interval", "2021-08-15/2021-08-20")],
    ),
    (
        "Talks ran from May to August.",
        &[("from May to August", "Interval", "XXXX-05/XXXX-08")],
    ),
    (
        "He has lived there since 2001.",
        &[("since 2001", "Interval", "2001/..")],
    ),
    (
        "He ruled until 2010.",
        &[("until 2010", "Interval", "../2010")],
    ),
    // Relative expressions without an anchor: recognised, unresolved.
    (
        "Lavrov said on Thursday that it was over.",
        &[("Thursday", "Relative", "-")],
    ),
    ("He left yesterday.", &[("yesterday", "Relative", "-")]),
    (
        "He left two days ago.",
        &[("two days ago", "Relative", "-")],
    ),
    ("He left last week.", &[("last week", "Relative", "-")]),
    (
        "Pansir resisted in recent days.",
        &[("recent days", "Relative", "PAST_REF")],
    ),
    (
        "Resistance at the moment is verbal.",
        &[("the moment", "Relative", "PRESENT_REF")],
    ),
    (
        "They are currently negotiating.",
        &[("currently", "Relative", "PRESENT_REF")],
    ),
    // Times.
    (
        "The meeting began at 10:30.",
        &[("10:30", "Time", "T10:30")],
    ),
    (
        "The meeting began at 8 a.m.",
        &[("8 a.m.", "Time", "T08:00")],
    ),
    (
        "The meeting began at 8.30pm.",
        &[("8.30pm", "Time", "T20:30")],
    ),
    ("The meeting began at noon.", &[("noon", "Time", "T12:00")]),
    (
        "The meeting began on August 19 at noon.",
        &[("August 19 at noon", "Time", "XXXX-08-19T12:00")],
    ),
    (
        "It began at 8 a.m. on August 19, 2021.",
        &[("8 a.m. on August 19, 2021", "Time", "2021-08-19T08:00")],
    ),
    (
        "It began Thursday morning.",
        &[("Thursday morning", "Time", "TMO")],
    ),
    // Durations.
    (
        "He spent three years in prison.",
        &[("three years", "Duration", "P3Y")],
    ),
    (
        "He spent 20 years in prison.",
        &[("20 years", "Duration", "P20Y")],
    ),
    (
        "He fought for two decades.",
        &[("two decades", "Duration", "P20Y")],
    ),
    (
        "He fought for a decade.",
        &[("a decade", "Duration", "P10Y")],
    ),
    ("He fought for years.", &[("years", "Duration", "PXY")]),
    (
        "He fought for 24 hours.",
        &[("24 hours", "Duration", "PT24H")],
    ),
    (
        "Twenty years later, it changed.",
        &[("Twenty years", "Duration", "P20Y")],
    ),
    ("A 20-year war ended.", &[("20-year", "Duration", "P20Y")]),
    (
        "Prices rose over the past week.",
        &[("the past week", "Duration", "P1W")],
    ),
    (
        "Prices rose over the last two years.",
        &[("the last two years", "Duration", "P2Y")],
    ),
    (
        "For the first time in 20 years, it snowed.",
        &[("20 years", "Duration", "P20Y")],
    ),
    // Not temporal.
    ("He may go.", &[]),
    ("May I ask?", &[]),
    ("Theresa May said so.", &[]),
    ("They march on Kabul.", &[]),
    ("March with us!", &[]),
    ("Some 1,996 people fled.", &[]),
    ("Some 2000 people fled.", &[]),
    ("Between 1500 and 2000 fighters fled.", &[]),
    ("Call 555 2001 or (212) 555-1234 or +1 212 555 2019.", &[]),
    ("It was dated February 30.", &[]),
    ("It was dated February 29, 2021.", &[]),
    ("The vote was 3-2 and the score 2:1.", &[]),
    ("He scored 52.95 points.", &[]),
    ("Open 24/7.", &[]),
    ("Once a year.", &[]),
];

#[test]
fn unanchored_table() {
    for (text, expected) in UNANCHORED {
        assert_eq!(temporal(text, None), owned(expected), "text: {text:?}");
    }
}

/// Anchored at Saturday 2021-08-21.
const ANCHORED: &[Case] = &[
    (
        "Lavrov said on Thursday that it was over.",
        &[("Thursday", "Relative", "2021-08-19")],
    ),
    (
        "Lavrov spoke on Saturday.",
        &[("Saturday", "Relative", "2021-08-21")],
    ),
    (
        "Lavrov spoke on Sunday.",
        &[("Sunday", "Relative", "2021-08-15")],
    ),
    (
        "Lavrov will speak on Monday.",
        &[("Monday", "Relative", "2021-08-23")],
    ),
    (
        "Lavrov spoke last Saturday.",
        &[("last Saturday", "Relative", "2021-08-14")],
    ),
    (
        "Lavrov speaks next Thursday.",
        &[("next Thursday", "Relative", "2021-08-26")],
    ),
    (
        "Lavrov spoke this Monday.",
        &[("this Monday", "Relative", "2021-08-16")],
    ),
    (
        "It fell on August 19.",
        &[("August 19", "Date", "2021-08-19")],
    ),
    (
        "Thursday, August 19, Lavrov spoke.",
        &[("Thursday, August 19", "Date", "2021-08-19")],
    ),
    (
        "It happened in mid-August.",
        &[("mid-August", "Date", "2021-08")],
    ),
    (
        "Talks resume in December.",
        &[("December", "Date", "2021-12")],
    ),
    (
        "Talks ran from August 15 to 20.",
        &[("from August 15 to 20", "Interval", "2021-08-15/2021-08-20")],
    ),
    (
        "He left yesterday.",
        &[("yesterday", "Relative", "2021-08-20")],
    ),
    ("He leaves today.", &[("today", "Relative", "2021-08-21")]),
    (
        "He leaves tomorrow.",
        &[("tomorrow", "Relative", "2021-08-22")],
    ),
    (
        "He left last week.",
        &[("last week", "Relative", "2021-W32")],
    ),
    (
        "He left two days ago.",
        &[("two days ago", "Relative", "2021-08-19")],
    ),
    (
        "He left three years ago.",
        &[("three years ago", "Relative", "2018")],
    ),
    ("He left last year.", &[("last year", "Relative", "2020")]),
    (
        "He left earlier this year.",
        &[("earlier this year", "Relative", "2021")],
    ),
    (
        "He left late last year.",
        &[("late last year", "Relative", "2020")],
    ),
    (
        "He leaves this month.",
        &[("this month", "Relative", "2021-08")],
    ),
    (
        "He left last month.",
        &[("last month", "Relative", "2021-07")],
    ),
    (
        "He leaves in 2 weeks.",
        &[("in 2 weeks", "Relative", "2021-W35")],
    ),
    (
        "He leaves in three days.",
        &[("in three days", "Relative", "2021-08-24")],
    ),
    (
        "He left over the weekend.",
        &[("the weekend", "Relative", "2021-W33-WE")],
    ),
    (
        "He left last night.",
        &[("last night", "Relative", "2021-08-20TNI")],
    ),
    (
        "He leaves tonight.",
        &[("tonight", "Relative", "2021-08-21TNI")],
    ),
    (
        "He left Thursday at 10:30.",
        &[("Thursday at 10:30", "Time", "2021-08-19T10:30")],
    ),
    (
        "He left at 8 a.m. on Thursday.",
        &[("8 a.m. on Thursday", "Time", "2021-08-19T08:00")],
    ),
    (
        "He has lived there since Thursday.",
        &[("since Thursday", "Interval", "2021-08-19/..")],
    ),
    (
        "Wednesday, December 30 was cold.",
        &[("Wednesday, December 30", "Date", "2020-12-30")],
    ),
];

#[test]
fn anchored_table() {
    let a = anchor(2021, 8, 21);
    for (text, expected) in ANCHORED {
        assert_eq!(temporal(text, a), owned(expected), "text: {text:?}");
    }
}

#[test]
fn year_boundary() {
    // Sunday 2021-01-03 is in ISO week 2020-W53.
    let a = anchor(2021, 1, 3);
    let cases: &[Case] = &[
        (
            "It fell on December 30.",
            &[("December 30", "Date", "2020-12-30")],
        ),
        (
            "It happened last week.",
            &[("last week", "Relative", "2020-W52")],
        ),
        (
            "It happened this week.",
            &[("this week", "Relative", "2020-W53")],
        ),
        (
            "It happened last month.",
            &[("last month", "Relative", "2020-12")],
        ),
        (
            "It happened in December.",
            &[("December", "Date", "2020-12")],
        ),
        (
            "It happened on Monday.",
            &[("Monday", "Relative", "2020-12-28")],
        ),
        (
            "It happened last August.",
            &[("last August", "Relative", "2020-08")],
        ),
        (
            "It happens next January.",
            &[("next January", "Relative", "2022-01")],
        ),
        (
            "It happened on February 29.",
            &[("February 29", "Date", "2020-02-29")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(temporal(text, a), owned(expected), "text: {text:?}");
    }
}

#[test]
fn slash_order_option() {
    let text = "Filed 05/08/2021.";
    let tokens = tokenize(text);
    let iso = |slash_order| {
        let options = Options {
            anchor: None,
            slash_order,
        };
        find_temporal_with(text, &tokens, options)
            .first()
            .and_then(|m| m.value)
            .map(|v| v.iso())
    };
    assert_eq!(iso(SlashOrder::DayFirst).as_deref(), Some("2021-08-05"));
    assert_eq!(iso(SlashOrder::MonthFirst).as_deref(), Some("2021-05-08"));
}

#[test]
fn interval_accessors_and_modifiers() {
    let text = "He ruled from 2004 to 2010 and left in early 2020.";
    let tokens = tokenize(text);
    let found = kg::nlp::temporal::find_temporal(text, &tokens, None);
    let ruled = found[0].value.expect("resolved");
    assert_eq!(
        ruled.start().map(|d| d.to_string()).as_deref(),
        Some("2004")
    );
    assert_eq!(ruled.end().map(|d| d.to_string()).as_deref(), Some("2010"));
    assert!(matches!(ruled, TemporalValue::Interval { .. }));
    assert_eq!(found[1].modifier, Some(kg::nlp::temporal::Modifier::Early));
}

#[test]
fn spans_are_byte_offsets() {
    let text = "«Résistance» : le 19/08/2021, à 10:30.";
    let tokens = tokenize(text);
    let found = kg::nlp::temporal::find_temporal(text, &tokens, None);
    let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(spans, ["19/08/2021", "10:30"]);
}

#[test]
fn calendar_ranges_and_mid_month_year() {
    let cases: &[Case] = &[
        (
            "He earned 253 points, May 1968 to May 1969.",
            &[("May 1968 to May 1969", "Interval", "1968-05/1969-05")],
        ),
        (
            "He was captured in mid-February 2003.",
            &[("mid-February 2003", "Date", "2003-02")],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(temporal(text, None), owned(expected), "text: {text:?}");
    }
}
