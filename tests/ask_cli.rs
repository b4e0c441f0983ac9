//! `kg ask` end to end on a third-party graph that only uses rdfs:label,
//! skos:altLabel and rdf:type.

use std::path::Path;
use std::process::{Command, Output};

struct Store(tempfile::TempDir);

impl Store {
    fn loaded() -> Self {
        let store = Self(tempfile::tempdir().unwrap());
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/afghanistan.ttl");
        let output = store.kg(&["load", fixture.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        store
    }

    fn kg(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kg"))
            .arg("--store")
            .arg(self.0.path().join("kg.db"))
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `kg ask --format tsv QUERY`; returns (rows without header, stderr).
    fn ask(&self, query: &str) -> (Vec<String>, String) {
        let output = self.kg(&["ask", "--format", "tsv", query]);
        assert!(
            output.status.success(),
            "kg ask {query:?}: {}",
            stderr(&output)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        (
            stdout.lines().skip(1).map(str::to_owned).collect(),
            stderr(&output),
        )
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn patterns_forward_reverse_and_chained() {
    let store = Store::loaded();
    assert_eq!(store.ask("Saleh -claims-> ?x").0, ["presidency"]);
    assert_eq!(store.ask("Panjshir <-surround- ?who").0, ["Taliban"]);
    assert_eq!(
        store.ask("Al-Qaida -kill-> ?v <-son_of- ?son").0,
        ["Ahmad Shah Massoud\tAhmad Massoud"]
    );
    let (rows, _) = store.ask("?place:Place -part_of-> Afghanistan | sort ?place");
    assert_eq!(rows, ["Kabul", "Panjshir"]);
}

#[test]
fn fuzzy_and_ambiguous_names_are_explained_on_stderr() {
    let store = Store::loaded();
    let (rows, notes) = store.ask("?who -surround-> Panchir");
    assert_eq!(rows, ["Taliban"]);
    assert!(notes.contains("Panchir → Panjshir"), "{notes}");
    let (_, notes) = store.ask("about Massoud");
    assert!(
        notes.contains("Massoud → Ahmad Massoud, Ahmad Shah Massoud"),
        "{notes}"
    );
    let (rows, _) = store.ask("Kaboul -part_of-> ?c");
    assert_eq!(rows, ["Afghanistan"]);
}

#[test]
fn unknown_names_and_relations_suggest_alternatives() {
    let store = Store::loaded();
    let output = store.kg(&["ask", "Saleh -surounds-> ?x"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("did you mean surround?"),
        "{}",
        stderr(&output)
    );
    let output = store.kg(&["ask", "Zzyzx -claims-> ?x"]);
    assert!(
        stderr(&output).contains("no entity named 'Zzyzx'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn syntax_errors_point_at_the_column_in_user_terms() {
    let store = Store::loaded();
    let output = store.kg(&["ask", "Saleh -claims ?x"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("Saleh -claims ?x"), "{message}");
    assert!(message.contains('^'), "{message}");
    assert!(!message.contains("rule"), "pest rule names leak: {message}");
}

#[test]
fn graph_commands_run_on_the_fact_graph() {
    let store = Store::loaded();
    let (rows, _) = store.ask("path Saleh to Taliban");
    assert_eq!(
        rows,
        [
            "Amrullah Saleh\tbased_in\tPanjshir",
            "Taliban\tsurround\tPanjshir"
        ]
    );
    let (rows, _) = store.ask("neighbors Panjshir");
    let names: Vec<&str> = rows.iter().map(|r| r.split('\t').next().unwrap()).collect();
    for expected in [
        "Panjshir",
        "Taliban",
        "Amrullah Saleh",
        "Afghanistan",
        "armed resistance",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(!names.contains(&"Kabul"), "Kabul is two hops away");
    let (rows, _) = store.ask("entities :Organization");
    assert_eq!(rows.len(), 2, "{rows:?}");
}

#[test]
fn outputs_for_other_tools() {
    let store = Store::loaded();
    let output = store.kg(&["ask", "--format", "json", "?who -surround-> ?where"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", stderr(&output)));
    assert_eq!(json[0]["who"], "Taliban");
    assert_eq!(json[0]["where"], "Panjshir");

    let output = store.kg(&["ask", "--format", "dot", "path Saleh to Taliban"]);
    let dot = String::from_utf8(output.stdout).unwrap();
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("invalid DOT: {e}\n{dot}"));
    assert_eq!(dot.matches(" -> ").count(), 2, "{dot}");

    let output = store.kg(&["ask", "--explain", "Saleh -claims-> ?x"]);
    assert!(stderr(&output).contains("SELECT"), "{}", stderr(&output));
}

#[test]
fn stats_central_ranks_entities_and_counts_components() {
    let store = Store::loaded();
    let output = store.kg(&["stats", "--json", "--central", "3"]);
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // "armed resistance" ties the Massoud family to Panjshir: one component.
    assert_eq!(stats["components"]["count"], 1, "{stats}");
    assert_eq!(stats["components"]["largest"], 10, "{stats}");
    assert_eq!(stats["central"][0]["label"], "Afghanistan", "{stats}");
    assert_eq!(stats["central"].as_array().unwrap().len(), 3);
}
