//! Gold temporal and numeric expressions of the two sample articles in `shared/articles/`,
//! written by hand: every expression a reader would mark. The recognizers run sentence by
//! sentence, as in the pipeline.

use crate::temporal_support::{anchor, numeric, owned, owned_numeric, read_shared, temporal};

const LE_MONDE: &str = "articles/000_4e09df6656756604.txt";
const AFP: &str = "articles/003_164dee319fcdd750.txt";

#[test]
fn le_monde_temporal_unanchored() {
    let gold = [
        ("Thursday, August 19", "Date", "XXXX-08-19"),
        ("September 10, 2001", "Date", "2001-09-10"),
        ("between 1996 and 2001", "Interval", "1996/2001"),
        ("Twenty years", "Duration", "P20Y"),
        ("Thursday", "Relative", "-"),
        ("from 2004 to 2010", "Interval", "2004/2010"),
        ("August 15", "Date", "XXXX-08-15"),
    ];
    assert_eq!(temporal(&read_shared(LE_MONDE), None), owned(&gold));
}

/// Anchored at Friday 2021-08-20, the day after the Lavrov statement.
#[test]
fn le_monde_temporal_anchored() {
    let gold = [
        ("Thursday, August 19", "Date", "2021-08-19"),
        ("September 10, 2001", "Date", "2001-09-10"),
        ("between 1996 and 2001", "Interval", "1996/2001"),
        ("Twenty years", "Duration", "P20Y"),
        ("Thursday", "Relative", "2021-08-19"),
        ("from 2004 to 2010", "Interval", "2004/2010"),
        ("August 15", "Date", "2021-08-15"),
    ];
    assert_eq!(
        temporal(&read_shared(LE_MONDE), anchor(2021, 8, 20)),
        owned(&gold)
    );
}

#[test]
fn le_monde_numeric() {
    let gold = [
        ("a hundred kilometers", "km", 100.0),
        ("first", "Ordinal", 1.0),
        ("52.95%", "Percent", 52.95),
    ];
    assert_eq!(numeric(&read_shared(LE_MONDE)), owned_numeric(&gold));
}

/// Anchored at Saturday 2021-08-21.
#[test]
fn afp_temporal() {
    let gold = [
        ("recent days", "Relative", "PAST_REF"),
        ("Thursday", "Relative", "2021-08-19"),
        ("the moment", "Relative", "PRESENT_REF"),
        ("2021", "Date", "2021"),
        ("Wednesday", "Relative", "2021-08-18"),
        ("the moment", "Relative", "PRESENT_REF"),
        ("the late 1990s", "Date", "199X"),
        ("today", "Relative", "2021-08-21"),
        ("years", "Duration", "PXY"),
        ("currently", "Relative", "PRESENT_REF"),
        ("months", "Duration", "PXM"),
    ];
    assert_eq!(
        temporal(&read_shared(AFP), anchor(2021, 8, 21)),
        owned(&gold)
    );
}

#[test]
fn afp_numeric() {
    // `Paris 1` is a university's name; `One lives ...` is a pronoun.
    let gold = [("two", "Cardinal", 2.0), ("two", "Cardinal", 2.0)];
    assert_eq!(numeric(&read_shared(AFP)), owned_numeric(&gold));
}

#[test]
fn sample_articles_have_no_publication_date() {
    for path in [LE_MONDE, AFP] {
        assert_eq!(
            kg::nlp::temporal::find_article_date(&read_shared(path)),
            None,
            "{path}"
        );
    }
}
