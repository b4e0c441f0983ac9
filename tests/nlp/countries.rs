//! The country lexicon (ODbL data in data/countries.tsv).

use kg::nlp::countries::CountryLexicon;

#[test]
fn lookups() {
    let lex = crate::models::pipeline().countries();
    assert_eq!(lex.demonym_country("Afghan"), Some("Afghanistan"));
    assert_eq!(lex.demonym_country("FRENCH"), Some("France"));
    assert!(lex.is_country("Afghanistan"));
    assert!(lex.is_country("United States of America"));
    assert!(!lex.is_country("Kabul"));
    assert_eq!(lex.capital_of("Afghanistan"), Some("Kabul"));
    assert_eq!(lex.country_of_capital("Kabul"), Some("Afghanistan"));
    assert_eq!(lex.country_code("Sweden"), Some("SWE"));
}

#[test]
fn malformed_tsv_names_the_line() {
    let err = CountryLexicon::parse("# c\nkind\tsurface\nfoo").expect_err("bad header");
    assert_eq!(err.line(), Some(2), "{err}");
    let err = CountryLexicon::parse("kind\tsurface\tcountry\tiso3\nplanet\tMars\tMars\tMRS\n")
        .expect_err("unknown kind");
    assert_eq!(err.line(), Some(2), "{err}");
}
