//! Drives the `kg` binary on the fixtures in `tests/fixtures/`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A store in a fresh temporary directory.
struct TestStore {
    dir: tempfile::TempDir,
}

impl TestStore {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("kg.db")
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kg"));
        command
            .arg("--store")
            .arg(self.path())
            .env_remove("KG_STORE");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "kg {args:?} failed: {}",
            stderr(&output)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn load(&self, file: &str) {
        self.ok(&["load", fixture(file).to_str().unwrap()]);
    }

    /// The store as a set of N-Quads lines, blank node labels normalized.
    fn nquads(&self) -> BTreeSet<String> {
        normalize_blank_nodes(&self.ok(&["dump", "--format", "nq"]))
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn normalize_blank_nodes(nquads: &str) -> BTreeSet<String> {
    nquads
        .lines()
        .map(|line| {
            line.split(' ')
                .map(|t| if t.starts_with("_:") { "_:b" } else { t })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Asserts that `output` is a failure whose stderr contains `needle`.
#[track_caller]
fn fails_with(output: &Output, needle: &str) {
    assert!(!output.status.success(), "expected a failure");
    let message = stderr(output);
    assert!(message.contains(needle), "{message}");
}

fn kg_memory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kg"))
        .arg("--memory")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn memory_store_loads_turtle() {
    let output = kg_memory(&["load", fixture("people.ttl").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("loaded 24 quads"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn query_answers_in_every_results_format() {
    let store = TestStore::new();
    store.load("people.ttl");
    let query = "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name";

    let csv = store.ok(&["query", "--format", "csv", query]);
    assert_eq!(
        csv,
        "name\r\nAhmad Massoud\r\nAhmad Shah Massoud\r\nAmrullah Saleh\r\n"
    );

    let tsv = store.ok(&["query", "--format", "tsv", query]);
    assert_eq!(tsv.lines().next(), Some("?name"));
    assert_eq!(tsv.lines().nth(1), Some("\"Ahmad Massoud\""));

    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["query", "--format", "json", query])).unwrap();
    let bindings = json["results"]["bindings"].as_array().unwrap();
    assert_eq!(bindings.len(), 3);
    assert_eq!(bindings[2]["name"]["value"], "Amrullah Saleh");

    let xml = store.ok(&["query", "--format", "xml", query]);
    assert!(
        xml.contains("<sparql") && xml.contains("<literal>Amrullah Saleh</literal>"),
        "{xml}"
    );

    let table = store.ok(&["query", query]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines,
        [
            "name",
            "------------------",
            "Ahmad Massoud",
            "Ahmad Shah Massoud",
            "Amrullah Saleh",
            "(3 rows)"
        ]
    );
}

#[test]
fn table_shortens_iris_and_aligns_columns() {
    let store = TestStore::new();
    store.load("people.ttl");
    let table = store.ok(&[
        "query",
        "SELECT ?p ?type WHERE { ?p a ?type ; rdfs:label \"Taliban\" }",
    ]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "p                            | type");
    assert_eq!(
        lines[2],
        "<http://example.org/taliban> | schema:Organization"
    );
}

#[test]
fn ask_and_construct_have_their_own_formats() {
    let store = TestStore::new();
    store.load("people.ttl");
    assert_eq!(
        store.ok(&["query", "ASK { ?x rdfs:label \"Taliban\" }"]),
        "true\n"
    );
    let json = store.ok(&[
        "query",
        "--format",
        "json",
        "ASK { ?x rdfs:label \"Nobody\" }",
    ]);
    assert!(json.contains("\"boolean\":false"), "{json}");

    let construct = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a schema:Place ; rdfs:label ?l }";
    let turtle = store.ok(&["query", construct]);
    assert!(
        turtle.contains("@prefix rdfs:") && turtle.contains("\"Panjshir\""),
        "{turtle}"
    );
    let nt = store.ok(&["query", "--format", "nt", construct]);
    assert_eq!(
        nt.trim(),
        "<http://example.org/panjshir> <http://www.w3.org/2000/01/rdf-schema#label> \"Panjshir\" ."
    );

    let wrong = store.run(&["query", "--format", "csv", construct]);
    fails_with(&wrong, "use ttl, nt, nq, trig, jsonld or rdfxml");
}

#[test]
fn queries_see_the_unnamed_graph_and_reach_named_ones_with_graph() {
    let store = TestStore::new();
    store.load("named.trig");
    let csv = store.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT ?l WHERE { <http://example.org/a> rdfs:label ?l } ORDER BY ?l",
    ]);
    assert_eq!(csv, "l\r\n", "named graphs are not in the default graph");
    let csv = store.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT ?l WHERE { GRAPH ?g { <http://example.org/a> rdfs:label ?l } } ORDER BY ?l",
    ]);
    assert_eq!(csv, "l\r\nA in g1\r\nA in g2\r\n");
    let csv = store.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT ?l WHERE { ?x rdfs:label ?l }",
    ]);
    assert_eq!(csv, "l\r\nin the default graph\r\n");
    // FROM still names the dataset as SPARQL says.
    let csv = store.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT ?l FROM <http://example.org/g1> WHERE { ?x rdfs:label ?l }",
    ]);
    assert_eq!(csv, "l\r\nA in g1\r\n");
}

#[test]
fn dump_and_load_into_a_fresh_store_keeps_every_quad() {
    let original = TestStore::new();
    original.load("people.ttl");
    original.load("named.trig");
    let quads = original.nquads();
    assert_eq!(quads.len(), 24 + 5);

    for format in ["nq", "trig"] {
        let file = original.dir.path().join(format!("dump.{format}"));
        original.ok(&["dump", "--format", format, "-o", file.to_str().unwrap()]);
        let copy = TestStore::new();
        copy.ok(&["load", file.to_str().unwrap()]);
        assert_eq!(copy.nquads(), quads, "round trip through {format}");
    }
}

#[test]
fn every_rdf_format_round_trips_a_graph() {
    let original = TestStore::new();
    original.load("people.ttl");
    let quads = original.nquads();
    for format in ["ttl", "nt", "rdf", "jsonld", "nq", "trig"] {
        let file = original.dir.path().join(format!("people.{format}"));
        original.ok(&["dump", "--format", format, "-o", file.to_str().unwrap()]);
        let copy = TestStore::new();
        copy.ok(&["load", file.to_str().unwrap()]);
        assert_eq!(copy.nquads(), quads, "round trip through {format}");
    }
}

#[test]
fn triple_formats_dump_the_default_graph() {
    let store = TestStore::new();
    store.load("named.trig");
    let nt = store.ok(&["dump", "--format", "nt"]);
    assert_eq!(nt.lines().count(), 1, "{nt}");
    assert!(nt.contains("in the default graph"), "{nt}");
    let g1 = store.ok(&["dump", "--format", "nt", "--graph", "http://example.org/g1"]);
    assert_eq!(g1.lines().count(), 2, "{g1}");
}

#[test]
fn syntax_error_names_file_line_and_column_and_loads_nothing() {
    let store = TestStore::new();
    store.load("people.ttl");
    let before = store.nquads();
    let bad = fixture("bad-line-7.ttl");
    let output = store.run(&["load", bad.to_str().unwrap()]);
    fails_with(&output, &format!("{}:7:", bad.display()));
    fails_with(&output, "nothing was loaded");
    assert_eq!(
        store.nquads(),
        before,
        "the valid lines before the error must not be loaded"
    );
}

#[test]
fn a_bad_file_does_not_stop_the_good_ones() {
    let store = TestStore::new();
    let output = store.run(&[
        "load",
        fixture("bad-line-7.ttl").to_str().unwrap(),
        fixture("people.ttl").to_str().unwrap(),
    ]);
    fails_with(&output, "1 of 2 files failed");
    assert_eq!(store.nquads().len(), 24);
}

#[test]
fn empty_file_loads_nothing_and_says_so() {
    let store = TestStore::new();
    let output = store.run(&["load", fixture("empty.ttl").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no triples"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn non_utf8_bytes_are_a_positioned_error() {
    let store = TestStore::new();
    store.load("people.ttl");
    let file = fixture("latin1.ttl");
    let output = store.run(&["load", file.to_str().unwrap()]);
    fails_with(&output, &format!("{}:2:", file.display()));
    assert_eq!(store.nquads().len(), 24);
}

#[test]
fn a_directory_is_not_a_file() {
    let output = kg_memory(&["load", fixture("").to_str().unwrap()]);
    fails_with(&output, "is a directory");
}

#[test]
fn unknown_format_asks_for_format_flag() {
    let file = fixture("people.data");
    let output = kg_memory(&["load", file.to_str().unwrap()]);
    fails_with(&output, "cannot tell the RDF format");
    assert!(stderr(&output).contains("--format"), "{}", stderr(&output));

    let output = kg_memory(&["load", "--format", "ttl", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));

    let output = kg_memory(&["load", "--format", "yaml", file.to_str().unwrap()]);
    fails_with(&output, "unknown format 'yaml'");
}

#[test]
fn standard_input_needs_a_format() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["--memory", "load", "--format", "nt", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<http://e.org/a> <http://e.org/b> \"c\" .\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        stderr(&output).contains("loaded 1 quads from -"),
        "{}",
        stderr(&output)
    );

    let output = kg_memory(&["load", "-"]);
    fails_with(&output, "needs --format");
}

#[test]
fn second_process_on_a_store_gets_a_clear_message() {
    let store = TestStore::new();
    store.load("people.ttl");
    // The first process holds the store open while it waits for input. A probe
    // may win the race to open it first; then the first process exits and we
    // try again.
    for _ in 0..5 {
        let mut first = store
            .command()
            .args(["load", "--format", "nt", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut locked = None;
        for _ in 0..100 {
            if first.try_wait().unwrap().is_some() {
                break;
            }
            let output = store.run(&["stats"]);
            if !output.status.success() {
                locked = Some(output);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        drop(first.stdin.take());
        let first_succeeded = first.wait().unwrap().success();
        if let Some(second) = locked {
            assert!(first_succeeded, "the first process must not be disturbed");
            let message = stderr(&second);
            assert!(
                message.contains("in use by another kg process"),
                "{message}"
            );
            assert_eq!(message.lines().count(), 1, "one line, no panic: {message}");
            return;
        }
    }
    panic!("the second process never saw the store locked");
}

#[test]
fn sparql_syntax_error_shows_the_position() {
    let store = TestStore::new();
    store.load("people.ttl");
    let output = store.run(&["query", "-f", fixture("bad-query.rq").to_str().unwrap()]);
    fails_with(
        &output,
        "SPARQL syntax error at line 5, column 1: unexpected end of query",
    );
    fails_with(&output, "  }\n   ^");

    let output = store.run(&["query", "SELECT ?x WHERE { ?x ?y }"]);
    let message = stderr(&output);
    assert!(message.contains("line 1, column 26"), "{message}");
    assert!(
        message.contains("\n                           ^"),
        "{message}"
    );

    let output = store.run(&["query", "SELECT ?x WHERE { ?x rdfs:label }"]);
    let message = stderr(&output);
    assert!(message.contains("line 1, column 33"), "{message}");
    assert!(
        message
            .contains("  SELECT ?x WHERE { ?x rdfs:label }\n                                  ^"),
        "{message}"
    );
}

#[test]
fn store_path_must_be_a_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a store").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kg"))
        .arg("--store")
        .arg(dir.path())
        .args(["load", fixture("people.ttl").to_str().unwrap()])
        .output()
        .unwrap();
    fails_with(&output, "is not a kg store");
    assert!(
        !dir.path().join("CURRENT").exists(),
        "nothing written into the directory"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_kg"))
        .arg("--store")
        .arg(dir.path().join("notes.txt"))
        .arg("stats")
        .output()
        .unwrap();
    assert!(stderr(&output).contains("is a file"), "{}", stderr(&output));
}

#[test]
fn read_commands_do_not_create_a_store() {
    let store = TestStore::new();
    let output = store.run(&["stats"]);
    fails_with(&output, "no store here");
    assert!(!store.path().exists());
}

#[test]
fn update_changes_what_queries_see() {
    let store = TestStore::new();
    store.load("people.ttl");
    store.ok(&["update", "DELETE WHERE { ?p skos:altLabel \"Pansir\" }"]);
    store.ok(&[
        "update",
        "INSERT DATA { <http://example.org/kabul> a schema:Place ; rdfs:label \"Kabul\" }",
    ]);
    let csv = store.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT ?l WHERE { ?p a schema:Place ; rdfs:label|skos:altLabel ?l } ORDER BY ?l",
    ]);
    assert_eq!(csv, "l\r\nKabul\r\nPanchir\r\nPanjshir\r\nPanshir\r\n");
    let bad = store.run(&["update", "INSERT DATA { oops }"]);
    fails_with(&bad, "SPARQL syntax error");
}

#[test]
fn ingest_is_idempotent_and_replaces_changed_articles() {
    let store = TestStore::new();
    let articles = store.dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for name in ["000_4e09df6656756604.txt", "003_164dee319fcdd750.txt"] {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/articles")
            .join(name);
        std::fs::copy(source, articles.join(name)).unwrap();
    }
    std::fs::write(articles.join("ignored.json"), "{}").unwrap();
    let dir = articles.to_str().unwrap();

    let first = store.run(&["ingest", "--jobs", "2", dir]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("2 files in"), "{}", stderr(&first));
    assert!(stderr(&first).contains("2 added"), "{}", stderr(&first));
    let listed: serde_json::Value =
        serde_json::from_str(&store.ok(&["articles", "--json"])).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["id"], "000_4e09df6656756604");
    assert_eq!(listed[0]["sha256"].as_str().unwrap().len(), 64);
    let dump_after_first = store.nquads();

    let again = store.run(&["ingest", dir]);
    assert!(
        stderr(&again).contains("0 added, 0 replaced, 2 unchanged"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        store.nquads(),
        dump_after_first,
        "an unchanged article changes nothing"
    );

    let changed = articles.join("003_164dee319fcdd750.txt");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, format!("Updated headline\n\n{text}")).unwrap();
    let third = store.run(&["ingest", dir]);
    assert!(
        stderr(&third).contains("0 added, 1 replaced, 1 unchanged"),
        "{}",
        stderr(&third)
    );
    let listed: serde_json::Value =
        serde_json::from_str(&store.ok(&["articles", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["title"], "Updated headline");
}

/// Models are loaded only when an article needs reading: an unchanged
/// folder ingests even with a models directory that does not exist.
#[test]
fn ingest_loads_models_only_for_changed_articles() {
    let store = TestStore::new();
    let dir = store.dir.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    let article = dir.join("valley.txt");
    std::fs::write(&article, "Headline\n\nThe Taliban surround the valley.").unwrap();
    let dir = dir.to_str().unwrap();
    store.ok(&["ingest", dir]);

    let again = store.run(&["ingest", "--models", "/nonexistent/models", dir]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("1 unchanged"), "{}", stderr(&again));

    std::fs::write(&article, "Headline\n\nThe Taliban left the valley.").unwrap();
    let changed = store.run(&["ingest", "--models", "/nonexistent/models", dir]);
    fails_with(&changed, "models directory not found: /nonexistent/models");
}

#[test]
fn ingest_decodes_legacy_text_refuses_binary_and_keeps_the_rest() {
    let store = TestStore::new();
    let dir = store.dir.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "Headline\n\nThe Taliban surround the valley.",
    )
    .unwrap();
    std::fs::write(
        dir.join("legacy.txt"),
        b"Caf\xe9 owners \x93protest\x94\n\nThe Taliban left the valley.",
    )
    .unwrap();
    std::fs::write(dir.join("bad.txt"), b"PK\x03\x04\x14\x00\x08").unwrap();
    let output = store.run(&["ingest", dir.to_str().unwrap()]);
    assert!(!output.status.success());
    let message = stderr(&output);
    let bad = dir.join("bad.txt").display().to_string();
    assert!(
        message.contains(&format!(
            "{bad}: binary data, not text (byte 0x03 at offset 2)"
        )),
        "{message}"
    );
    assert_eq!(message.matches(&bad).count(), 1, "the path once: {message}");
    let legacy = dir.join("legacy.txt").display().to_string();
    assert!(
        message.contains(&format!("{legacy}: decoded as windows-1252 (guessed)")),
        "{message}"
    );
    assert!(
        message.contains("2 added") && message.contains("1 failed"),
        "{message}"
    );
    let articles = store.ok(&["articles", "--json"]);
    assert!(articles.contains("Café owners “protest”"), "{articles}");
}

#[test]
fn forget_removes_an_article() {
    let store = TestStore::new();
    store.ok(&[
        "ingest",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/articles")
            .to_str()
            .unwrap(),
    ]);
    store.ok(&["forget", "000_4e09df6656756604"]);
    let listed: serde_json::Value =
        serde_json::from_str(&store.ok(&["articles", "--json"])).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["003_164dee319fcdd750"]);
    let unknown = store.run(&["forget", "nope"]);
    assert!(
        stderr(&unknown).contains("no article matches 'nope'"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn help_teaches_with_examples() {
    for command in [
        "load", "query", "update", "dump", "stats", "articles", "forget", "ingest",
    ] {
        let output = kg_memory(&[command, "--help"]);
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains("Examples:"),
            "kg {command} --help has no examples"
        );
    }
}

fn sample_article(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/articles")
        .join(name)
        .display()
        .to_string()
}

const ARTICLE_000: &str = "000_4e09df6656756604.txt";
const ARTICLE_003: &str = "003_164dee319fcdd750.txt";

#[test]
fn ingest_resolves_entities_against_the_store() {
    let store = TestStore::new();
    // One article per run: the second must reuse the first one's nodes.
    store.ok(&["ingest", &sample_article(ARTICLE_000)]);
    store.ok(&["ingest", &sample_article(ARTICLE_003)]);
    let count = store.ok(&[
        "query",
        "--format",
        "tsv",
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label|skos:altLabel ?l \
         FILTER(?l IN (\"Panchir\", \"Pansir\", \"Panshir\")) }",
    ]);
    assert_eq!(count.lines().nth(1), Some("1"), "{count}");
    let who = store.ok(&["ask", "--format", "tsv", "?who -surround-> Panjshir"]);
    assert!(who.contains("Taliban"), "{who}");
    let speakers = store.ok(&[
        "query",
        "--format",
        "tsv",
        "SELECT DISTINCT ?name WHERE { GRAPH ?a { ?ev kg:speaker ?s } ?s rdfs:label ?name } ORDER BY ?name",
    ]);
    assert!(speakers.contains("Jill Doronsoro"), "{speakers}");
    let saleh = store.ok(&["ask", "--format", "tsv", "Saleh -surrender_to-> ?x"]);
    assert!(
        !saleh.contains("Taliban"),
        "a negated fact is no triple: {saleh}"
    );
}

#[test]
fn extract_writes_json_lines_rdf_and_carb() {
    let store = TestStore::new();
    let files = [sample_article(ARTICLE_000), sample_article(ARTICLE_003)];
    let jsonl = store.ok(&["extract", &files[0], &files[1]]);
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() > 20, "{} facts", lines.len());
    for line in &lines {
        for key in [
            "subject",
            "predicate",
            "object",
            "negated",
            "modality",
            "confidence",
            "qualifiers",
            "evidence",
        ] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
        assert!(
            line["subject"]["id"]
                .as_str()
                .unwrap()
                .starts_with("https://kg.example/entity/")
        );
        assert!(line["evidence"][0]["sentence"].is_string());
    }
    assert!(lines.iter().any(|l| l["negated"] == true));

    let nq = store.dir.path().join("facts.nq");
    std::fs::write(&nq, store.ok(&["extract", "--format", "nq", &files[0]])).unwrap();
    store.ok(&["load", nq.to_str().unwrap()]);
    let articles = store.ok(&["articles"]);
    assert!(articles.contains("000_4e09df6656756604"), "{articles}");

    let ttl = store.ok(&["extract", "--format", "ttl", &files[1]]);
    assert!(ttl.contains("@prefix kg:"), "{ttl}");

    let carb_input = store.dir.path().join("carb.txt");
    std::fs::write(
        &carb_input,
        "Amrullah Saleh withdrew to the Pansir Valley .\n",
    )
    .unwrap();
    let carb = store.ok(&[
        "extract",
        "--format",
        "carb",
        "--pretokenized",
        carb_input.to_str().unwrap(),
    ]);
    let fields: Vec<&str> = carb.lines().next().unwrap().split('\t').collect();
    assert_eq!(fields[0], "Amrullah Saleh withdrew to the Pansir Valley .");
    assert_eq!(
        &fields[2..],
        ["withdrew to", "Amrullah Saleh", "the Pansir Valley"]
    );

    let wrong = store.run(&["extract", "--pretokenized", &files[0]]);
    fails_with(&wrong, "--pretokenized");
}

/// A directory is read as its article files, sorted, each once.
#[test]
fn extract_reads_a_directory_as_its_files() {
    let store = TestStore::new();
    let files = [sample_article(ARTICLE_000), sample_article(ARTICLE_003)];
    let dir = Path::new(&files[0]).parent().unwrap().display().to_string();
    let from_files = store.ok(&["extract", &files[0], &files[1]]);
    assert!(!from_files.is_empty());
    assert_eq!(store.ok(&["extract", &dir]), from_files);
    assert_eq!(store.ok(&["extract", &dir, &files[1]]), from_files);
}

#[test]
fn extract_reads_standard_input() {
    let store = TestStore::new();
    let mut child = store
        .command()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Amrullah Saleh withdrew to the Pansir Valley.")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let line: serde_json::Value = serde_json::from_str(
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(line["predicate"]["label"], "withdraw_to");
    assert_eq!(line["evidence"][0]["article"], "stdin");
}

#[test]
fn a_missing_file_is_named_once_with_its_cause_once() {
    let store = TestStore::new();
    let output = store.run(&["extract", "/nonexistent/article.txt"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("/nonexistent/article.txt"), "{message}");
    assert_eq!(message.matches("No such file").count(), 1, "{message}");
}

/// `kg eval ... | head -1` must end quietly: a reader that stops early is
/// not an error (the report is written after scoring, so the pipe is
/// already closed by then).
#[test]
fn eval_into_a_closed_pipe_is_not_an_error() {
    let dev = common::shared_dir().join("corpora/ud-english-ewt/dev.conllu");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["eval", "tagger", "--gold"])
        .arg(&dev)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}

#[test]
fn completions_and_man_page_come_from_the_command_definitions() {
    let store = TestStore::new();
    let script = store.ok(&["completions", "bash"]);
    for subcommand in ["ingest", "ask", "export", "completions"] {
        assert!(
            script.contains(subcommand),
            "bash completion lacks {subcommand}"
        );
    }
    let checked = Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut bash| {
            use std::io::Write;
            bash.stdin.take().unwrap().write_all(script.as_bytes())?;
            bash.wait_with_output()
        })
        .unwrap();
    assert!(checked.status.success(), "bash -n: {}", stderr(&checked));
    assert!(store.ok(&["completions", "zsh"]).starts_with("#compdef kg"));
    fails_with(&store.run(&["completions", "tcsh"]), "invalid value 'tcsh'");

    let man = store.ok(&["man"]);
    assert!(man.contains(".TH kg 1"), "{man}");
    assert!(man.contains("knowledge graph you can query"), "{man}");
    assert!(
        !store.path().exists(),
        "no store is opened for completions or man"
    );
}
