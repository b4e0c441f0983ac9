//! The store at archive scale, on real articles: identity decisions that do
//! not depend on how articles are batched, ingestion that survives
//! `kill -9`, and stores of another data model refused with a way out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kg::extract::FactExtractor;
use kg::ingest::{self, Options, Summary};
use kg::store::{KgStore, Location, OpenMode};
use kg::vocab::Iris;
use oxigraph::model::GraphNameRef;

mod common;

fn sample_articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    ingest::discover(&[dir]).unwrap()
}

/// `n` BBC articles, taken in turn from the five sections, each text once
/// (the corpus repeats a few) and all UTF-8 (one is not).
fn bbc_articles(n: usize) -> Vec<PathBuf> {
    let bbc = common::shared_dir().join("corpora/bbc-news");
    let sections = ["business", "entertainment", "politics", "sport", "tech"];
    let mut per_section: Vec<std::vec::IntoIter<PathBuf>> = sections
        .iter()
        .map(|s| ingest::discover(&[bbc.join(s)]).unwrap().into_iter())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for i in 0.. {
        if out.len() == n {
            break;
        }
        let path = per_section[i % 5].next().expect("enough BBC articles");
        if let Ok(text) = std::fs::read_to_string(&path)
            && seen.insert(text)
        {
            out.push(path);
        }
    }
    out
}

fn memory_store() -> KgStore {
    KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap()
}

/// Ingests `files` into `store`, `chunk` articles resolved at a time.
fn ingest_in_chunks(store: &KgStore, files: &[PathBuf], chunk: usize) -> Summary {
    let options = Options {
        jobs: 2,
        ingested_at: "2026-12-07T00:00:00Z".to_owned(),
        chunk,
    };
    ingest::ingest(
        store,
        files,
        || Ok(FactExtractor::load_default()?),
        &options,
        &|_| {},
    )
    .unwrap()
}

fn default_graph(store: &KgStore) -> BTreeSet<String> {
    store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .map(|q| q.unwrap().to_string())
        .collect()
}

fn select(store: &KgStore, sparql: &str) -> Vec<String> {
    let oxigraph::sparql::QueryResults::Solutions(rows) = store.query(sparql).unwrap() else {
        panic!("not a SELECT: {sparql}");
    };
    let mut out: Vec<String> = rows
        .map(|row| {
            let row = row.unwrap();
            row.values()
                .iter()
                .map(|v| v.as_ref().map_or("-".to_owned(), ToString::to_string))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn sample_articles_one_at_a_time_give_the_graph_of_both_together() {
    let files = sample_articles();
    let together = memory_store();
    ingest_in_chunks(&together, &files, 256);
    let one_by_one = memory_store();
    ingest_in_chunks(&one_by_one, &files, 1);
    let (a, b) = (default_graph(&together), default_graph(&one_by_one));
    let only_together: Vec<_> = a.difference(&b).collect();
    let only_one_by_one: Vec<_> = b.difference(&a).collect();
    assert!(
        only_together.is_empty() && only_one_by_one.is_empty(),
        "together only: {only_together:#?}\none by one only: {only_one_by_one:#?}"
    );

    let valleys = select(
        &one_by_one,
        "SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?l \
         FILTER(?l IN (\"Panchir\", \"Pansir\", \"Panshir\", \"Panjshir\")) }",
    );
    assert_eq!(valleys.len(), 1, "one valley: {valleys:?}");
    // "Ahmah Shah Massoud, son of the famous commander Massoud" (sic), and
    // "Ahmad Massoud" in the other article.
    let apart = select(
        &one_by_one,
        "SELECT ?a ?b WHERE { ?a owl:differentFrom ?b ; skos:altLabel \"Ahmad Massoud\" . \
         ?b rdfs:label \"commander Massoud\" }",
    );
    assert_eq!(apart.len(), 1, "the son is not his father: {apart:?}");
}

/// Entities and facts of the two ways of ingesting 500 BBC articles: each
/// alone against the store, or all in two chunks.
#[test]
fn bbc_articles_one_at_a_time_and_together_differ_by_under_two_percent() {
    let files = bbc_articles(500);
    let together = memory_store();
    ingest_in_chunks(&together, &files, 256);
    let one_by_one = memory_store();
    ingest_in_chunks(&one_by_one, &files, 1);
    let measure = |store: &KgStore| {
        let stats = store.stats().unwrap();
        let entities: usize = stats.entities.iter().map(|(_, n)| n).sum();
        (entities, stats.asserted_facts)
    };
    let (entities_a, facts_a) = measure(&together);
    let (entities_b, facts_b) = measure(&one_by_one);
    let differ = |a: usize, b: usize| a.abs_diff(b) as f64 / a.max(b) as f64;
    assert!(
        entities_a > 3000 && facts_a > 1500,
        "{entities_a} {facts_a}"
    );
    assert!(
        differ(entities_a, entities_b) < 0.02,
        "entities: {entities_a} together, {entities_b} one at a time"
    );
    assert!(
        differ(facts_a, facts_b) < 0.02,
        "facts: {facts_a} together, {facts_b} one at a time"
    );
}

fn kg(store: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kg"));
    command.arg("--store").arg(store).env_remove("KG_STORE");
    command
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Article id → evidence records, from `kg articles --json`.
fn evidence_per_article(store: &Path) -> Vec<(String, u64)> {
    let listed: serde_json::Value = serde_json::from_str(&ok(kg(store)
        .args(["articles", "--json"])
        .output()
        .unwrap()))
    .unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["evidence"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn stats(store: &Path) -> serde_json::Value {
    let mut stats: serde_json::Value =
        serde_json::from_str(&ok(kg(store).args(["stats", "--json"]).output().unwrap())).unwrap();
    stats.as_object_mut().unwrap().remove("triples");
    stats
}

#[test]
fn killed_ingest_leaves_whole_articles_and_the_next_run_takes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let files = bbc_articles(1000);
    for (i, file) in files.iter().enumerate() {
        std::fs::copy(file, archive.join(format!("{i:04}.txt"))).unwrap();
    }
    let clean = dir.path().join("clean.db");
    let started = std::time::Instant::now();
    ok(kg(&clean).arg("ingest").arg(&archive).output().unwrap());
    let clean_run = started.elapsed();
    let clean_evidence: std::collections::HashMap<String, u64> =
        evidence_per_article(&clean).into_iter().collect();

    // Kill at a fraction of the clean run's time (the machine may be slow
    // or busy), later and later until the kill lands while articles are
    // being written.
    let store = dir.path().join("killed.db");
    let mut killed_with = None;
    for fraction in [0.5, 0.7, 0.85, 0.95] {
        if store.exists() {
            std::fs::remove_dir_all(&store).unwrap();
        }
        let mut child = kg(&store)
            .arg("ingest")
            .arg(&archive)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(clean_run.mul_f64(fraction));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if finished {
            break;
        }
        let written = evidence_per_article(&store);
        if !written.is_empty() && written.len() < files.len() {
            killed_with = Some(written);
            break;
        }
    }
    let written = killed_with.expect("no kill landed while articles were being written");
    // A later chunk's merges can rename an article's statements and so
    // change its evidence count, so a killed store is not compared with the
    // clean one article by article: each article must be whole in itself.
    for (broken, ask) in [
        (
            "an article without its sequence number",
            "ASK { GRAPH ?a { ?a a schema:NewsArticle } \
             FILTER NOT EXISTS { GRAPH kg:index { ?a kg:sequence ?n } } }",
        ),
        (
            "an article without its metadata",
            "ASK { GRAPH ?a { ?a a schema:NewsArticle } \
             FILTER NOT EXISTS { GRAPH ?a { ?a schema:headline ?h ; kg:sha256 ?sha } } }",
        ),
        (
            "evidence of a statement the default graph lacks",
            "ASK { GRAPH ?a { ?st kg:evidence ?ev } FILTER NOT EXISTS { ?st a rdf:Statement } }",
        ),
        (
            "evidence without its sentence and offsets",
            "ASK { GRAPH ?a { ?st kg:evidence ?ev } \
             FILTER NOT EXISTS { GRAPH ?a { ?ev kg:sentence ?s ; kg:start ?b ; kg:end ?e } } }",
        ),
    ] {
        let answer = ok(kg(&store)
            .args(["query", "--format", "json", ask])
            .output()
            .unwrap());
        assert!(answer.contains("\"boolean\":false"), "{broken}: {answer}");
    }
    for (id, evidence) in &written {
        assert!(
            *evidence > 0 || clean_evidence[id] == 0,
            "article {id} lost its evidence"
        );
    }
    let answer = ok(kg(&store)
        .args(["ask", "?who -> ?x | count"])
        .output()
        .unwrap());
    assert!(!answer.trim().is_empty());

    let resumed = kg(&store).arg("ingest").arg(&archive).output().unwrap();
    let summary = String::from_utf8_lossy(&resumed.stderr).into_owned();
    assert!(resumed.status.success(), "{summary}");
    let expected = format!(
        "{} added, 0 replaced, {} unchanged",
        files.len() - written.len(),
        written.len()
    );
    assert!(summary.contains(&expected), "{summary}");
    // Every article, as in the clean run. The resumed run chunks the rest
    // differently, so entities and their facts may differ as batching
    // allows (under 2%, see the test above), not more.
    let resumed_articles: BTreeSet<String> = evidence_per_article(&store)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let clean_articles: BTreeSet<String> = clean_evidence.keys().cloned().collect();
    assert_eq!(resumed_articles, clean_articles);
    let (resumed, clean) = (stats(&store), stats(&clean));
    assert_eq!(resumed["articles"], clean["articles"]);
    let entities = |stats: &serde_json::Value| -> u64 {
        let by_type = stats["entities"].as_array().unwrap();
        by_type.iter().map(|kind| kind[1].as_u64().unwrap()).sum()
    };
    let differ = |a: u64, b: u64| a.abs_diff(b) as f64 / a.max(b) as f64;
    assert!(differ(entities(&resumed), entities(&clean)) < 0.02);
    let count = |stats: &serde_json::Value, what: &str| stats[what].as_u64().unwrap();
    for what in ["asserted_facts", "evidence"] {
        assert!(
            differ(count(&resumed, what), count(&clean, what)) < 0.02,
            "{what}"
        );
    }
}

#[test]
fn a_store_of_another_data_model_is_refused_with_how_to_rebuild_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.trig");
    // What kg 0.1 wrote: article graphs with the entities' descriptions,
    // and no data model marker.
    std::fs::write(
        &old,
        r#"@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg: <https://kg.example/ns#> .
<https://kg.example/article/a1> {
  <https://kg.example/article/a1> a schema:NewsArticle ;
    kg:sourcePath "/news/politics/a1.txt" .
  <https://kg.example/entity/Taliban> a schema:Organization ; rdfs:label "Taliban" .
}
"#,
    )
    .unwrap();
    let store = dir.path().join("kg.db");
    ok(kg(&store).arg("load").arg(&old).output().unwrap());
    for command in [&["stats"][..], &["ask", "Taliban"], &["ingest", "/news"]] {
        let output = kg(&store).args(command).output().unwrap();
        assert!(!output.status.success(), "{command:?} opened an old store");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("data model 1"), "{message}");
        assert!(message.contains("run `kg ingest`"), "{message}");
        assert!(message.contains("/news/politics"), "{message}");
    }
}
