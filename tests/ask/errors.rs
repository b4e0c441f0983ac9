//! Syntax errors speak the query language: exact message and caret column
//! for typical mistakes.

use kg::ask::parse;

/// (query, message, 1-based column of the caret)
const MISTAKES: &[(&str, &str, usize)] = &[
    (
        "Saleh -claims ?x",
        "expected '->' to close the relation 'claims'",
        14,
    ),
    (
        "Saleh -> ",
        "expected a name, a variable or an IRI after '->'",
        10,
    ),
    (
        "\"unclosed",
        "unclosed quote: add '\"' at the end of the name",
        1,
    ),
    ("?x -a|-> y", "expected a relation name after '|'", 7),
    (
        "Saleh -> ?x | limit x",
        "expected a whole number after 'limit', found 'x'",
        21,
    ),
    (
        "path A B",
        // Bare names may have several words, so "A B" is one name.
        "expected 'to' between the two names, as in 'path Saleh to Panjshir'",
        9,
    ),
    (
        "?x <-son_of ?y",
        "expected '-' to close the relation 'son_of'",
        12,
    ),
    (
        "?x - claims -> ?y",
        "expected a relation name after '-' (no spaces inside an arrow: write -claims->)",
        5,
    ),
    (
        "?x -?r+-> ?y",
        "a relation variable like ?r cannot take '+' or '*'; name the relation instead",
        7,
    ),
    (
        "Saleh -> ?x foo",
        "unexpected 'foo'; expected a relation arrow (-claims->, <-claims-, ->), ',' or 'and', 'where', '|' or the end of the query",
        13,
    ),
    ("Saleh", "", 0),
    (
        "Saleh -claims-> ?x | limt 5",
        "expected a modifier (limit, offset, count, distinct, sort, evidence) after '|', found 'limt'",
        22,
    ),
    (
        "?x -> ?y where ?y ~ panj",
        "expected a quoted pattern such as \"massoud\" after '~'",
        21,
    ),
    (
        "?x -> ?y where ?y",
        "expected a comparison (= != < > <= >= ~ !~) after '?y'",
        18,
    ),
    ("?x -> ?y | limit 5 | limit 6", "'limit' is given twice", 22),
    (
        "?x -> ?y | count | sort ?x",
        "'sort' has nothing to sort after 'count' (use 'count by ?x' to count per value)",
        20,
    ),
    (
        "?x -foo:bar-> ?y",
        "unknown prefix 'foo:'; known prefixes: rdf, rdfs, xsd, schema, skos, kg, owl, foaf, dcterms",
        5,
    ),
    (
        "?x -> <https://kg.example/x",
        "unclosed IRI: add '>' at its end",
        7,
    ),
    (
        "?x -> 'Kabul",
        "unclosed quote: add ''' at the end of the text",
        7,
    ),
    (
        "",
        "empty query: expected a pattern such as 'Saleh -claims-> ?x' or a command such as 'about Saleh'",
        1,
    ),
    (
        "neighbors Saleh depth",
        "expected a whole number after 'depth'",
        22,
    ),
    (
        "Saleh ->",
        "expected a name, a variable or an IRI after '->'",
        9,
    ),
];

#[test]
fn typical_mistakes_have_friendly_messages() {
    let mut failures = Vec::new();
    for (query, message, column) in MISTAKES {
        if message.is_empty() {
            assert!(parse(query).is_ok(), "{query} should parse");
            continue;
        }
        match parse(query) {
            Ok(ast) => failures.push(format!("{query:?} parsed: {ast:?}")),
            Err(e) => {
                if e.message != *message || e.column != *column {
                    failures.push(format!(
                        "{query:?}\n  want col {column}: {message}\n  got  col {}: {}",
                        e.column, e.message
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn display_shows_the_caret_under_the_column() {
    let e = parse("Saleh -claims ?x").expect_err("invalid");
    assert_eq!(
        e.to_string(),
        "expected '->' to close the relation 'claims'\n  Saleh -claims ?x\n               ^"
    );
    assert_eq!((e.line, e.column), (1, 14));
}

#[test]
fn columns_count_characters_not_bytes() {
    let e = parse("Panjšír -claims ?x").expect_err("invalid");
    assert_eq!(e.column, 16);
}

#[test]
fn multi_line_queries_report_the_line() {
    let e = parse("?x -part_of-> ?y\n  | limit x").expect_err("invalid");
    assert_eq!((e.line, e.column), (2, 11));
    assert_eq!(e.source_line, "  | limit x");
}

#[test]
fn messages_never_name_grammar_rules() {
    let rules = [
        "fwd_close",
        "rel_name",
        "var_name",
        "EOI",
        "pattern_top",
        "quoted_name",
        "kw_",
        "typed_var",
        "any_fwd",
        "sort_key",
        "class_filter",
    ];
    for query in [
        "?x -",
        "?x <-",
        "?x -a",
        "?x -> ?y where",
        "?x -> ?y |",
        "about",
        "path A to",
        "entities :",
        "?x -> ?y | sort",
        "?x -> ?y | count by",
        "?:",
        "?x:",
        "?x -> ?y where ?x =",
        "<",
        "'",
        "?x -> ?y and",
        "?x -> ?y ,",
        "?x -a|b",
        "?x -<http://a",
        "neighbors",
        "relations x",
    ] {
        let e = parse(query).expect_err(query);
        for rule in rules {
            assert!(!e.message.contains(rule), "{query:?}: {}", e.message);
        }
    }
}
