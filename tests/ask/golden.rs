//! Golden tests: query text → exact SPARQL, one file per construct in
//! `tests/golden/`. Each file starts with the query and the result columns
//! as comments. To accept new output after an intended change, run
//! `UPDATE_GOLDEN=1 cargo test --release --test ask golden` and review the diff.

use std::path::PathBuf;

/// (file name, query)
pub const CASES: &[(&str, &str)] = &[
    ("forward", "Saleh -claims-> ?x"),
    ("backward", "Panjshir <-surround- ?who"),
    ("any_forward", "Saleh -> ?x"),
    ("any_backward", "?x <- Panjshir"),
    ("chain", "Al-Qaida -kill-> ?v <-son_of- ?son"),
    (
        "two_patterns_comma",
        "?who -surround-> Panjshir, ?who -kill-> ?v",
    ),
    (
        "two_patterns_and",
        "Ahmad Massoud -lead-> ?g and ?g -located_in-> ?place",
    ),
    ("quoted_name", "\"Ahmad Shah Massoud\" <-kill- ?killer"),
    ("ambiguous_name", "Massoud -> ?x"),
    ("fuzzy_name", "Panchir <-surround- ?who"),
    ("typed_var", "?p:Person -son_of-> ?father"),
    ("typed_anon", "?x -part_of-> ?:Place"),
    ("anon", "? -kill-> ?victim"),
    (
        "iri_term",
        "<https://kg.example/entity/taliban> -surround-> ?x",
    ),
    ("prefixed_relation", "?x -rdfs:label-> ?label"),
    ("literal_text", "?x -rdfs:label-> 'Kabul'"),
    ("literal_number", "?x -kg:confidence-> 0.9"),
    ("alternatives", "?x -kill|assassinate-> ?y"),
    ("relation_var", "?x -?r-> Panjshir"),
    ("path_plus", "?x -part_of+-> Afghanistan"),
    ("path_star", "Bazarak -part_of*-> ?area"),
    ("path_alternatives", "?x -part_of|located_in+-> Afghanistan"),
    ("path_any", "Bazarak -+-> ?x"),
    ("ground_ask", "Saleh -claims-> \"caretaker president\""),
    (
        "filter_ne",
        "?a -part_of-> ?c, ?b -part_of-> ?c where ?a != ?b",
    ),
    ("filter_eq_name", "?x -part_of-> ?y where ?y = Afghanistan"),
    ("filter_regex", "?x -> ?y where ?y ~ \"panj\""),
    ("filter_not_regex", "?x -surround-> ?y where ?x !~ 'tali'"),
    ("filter_number", "?x -kg:confidence-> ?c where ?c >= 0.5"),
    ("limit", "?x -part_of-> ?y | limit 2"),
    ("limit_offset", "?x -part_of-> ?y | limit 2 | offset 1"),
    ("sort", "?x -part_of-> ?y | sort -?x | limit 2"),
    ("distinct_vars", "?x -part_of-> ?y | distinct ?y"),
    ("count", "?x -part_of-> ?y | count"),
    ("count_one_var", "?x -part_of-> Afghanistan | count"),
    ("count_by", "?x -part_of-> ?y | count by ?y"),
    ("evidence", "?who -surround-> Panjshir | evidence"),
    (
        "evidence_chain",
        "Al-Qaida -kill-> ?v <-son_of- ?son | evidence",
    ),
    ("about", "about Saleh"),
    ("lone_name", "Ahmad Shah Massoud"),
    ("entities", "entities"),
    ("entities_typed", "entities :Person | limit 10"),
    ("relations", "relations | limit 5"),
];

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ask/golden")
        .join(format!("{name}.rq"))
}

/// The file content for a query: header comments, then the SPARQL.
fn render(query: &str) -> String {
    let (compiled, notes) = crate::common::run(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    let columns: Vec<&str> = compiled.columns.iter().map(|c| c.name.as_str()).collect();
    let mut out = format!("# ask: {query}\n# columns: {}\n", columns.join(", "));
    for note in notes {
        out.push_str(&format!("# note: {note}\n"));
    }
    out.push_str(&compiled.sparql);
    out
}

#[test]
fn sparql_matches_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (name, query) in CASES {
        let actual = render(query);
        let path = golden_path(name);
        if update {
            std::fs::write(&path, &actual).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "--- {name}: expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_query_runs_on_oxigraph() {
    let store = crate::common::store();
    for (_, query) in CASES {
        let (compiled, _) = crate::common::run(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        crate::common::execute(&store, &compiled);
    }
}

#[test]
fn compiling_is_deterministic() {
    for (_, query) in CASES {
        assert_eq!(render(query), render(query));
    }
}
