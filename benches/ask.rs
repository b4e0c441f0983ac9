//! `kg ask` speed on a store that `kg ingest` built from real news: the BBC
//! articles of `../shared/corpora/bbc-news` (or `KG_BENCH_CORPUS`), ingested
//! through the library into a temporary store. Times parse + resolve +
//! compile of typical queries (target < 1 ms each), and whole queries as
//! `kg ask` runs them: name lookup in the store, then the SPARQL.
//!
//! `cargo bench --bench ask`; `cargo bench --bench archive` measures the
//! same commands on archives of up to 100,000 articles.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kg::ask::run::{StoreIndexes, explain, run};
use kg::extract::FactExtractor;
use kg::ingest::{self, Options};
use kg::store::{KgStore, Location, OpenMode};
use kg::vocab::Iris;

/// Names and relations that the BBC articles have.
const QUERIES: [&str; 9] = [
    "\"Tony Blair\" -> ?x",
    "?who -win-> ?x | limit 10",
    "\"Gordon Brown\" <- ?who",
    "?p:Person -> ?x | limit 10",
    "\"Tony Blair\" -> ?x | count",
    "?x -?r-> Labour | sort ?x | limit 20",
    "?a -win-> ?b, ?b -> ?c where ?a != ?c | distinct | limit 5",
    "about \"Gordon Brown\"",
    "\"Toni Blare\" -> ?x",
];

fn main() {
    let corpus = std::env::var_os("KG_BENCH_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc-news"),
        PathBuf::from,
    );
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(
        &Location::Disk(dir.path().join("kg.db")),
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap();
    let started = Instant::now();
    let files = ingest::discover(std::slice::from_ref(&corpus)).expect("the corpus folder");
    let options = Options {
        jobs: 2,
        ingested_at: ingest::now(),
        chunk: Options::DEFAULT_CHUNK,
    };
    let summary = ingest::ingest(
        &store,
        &files,
        || FactExtractor::load_default().map_err(Into::into),
        &options,
        &|_| {},
    )
    .unwrap();
    println!(
        "ingested {} articles of {} in {:.1} s",
        summary.added,
        corpus.display(),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let indexes = StoreIndexes::build(&store).unwrap();
    println!(
        "every name indexed in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    for query in QUERIES {
        let (runs, total) = repeat(|| {
            explain(query, &indexes).unwrap();
        });
        println!(
            "parse+resolve+compile {:>8.1} µs  {query}",
            total.as_secs_f64() * 1e6 / runs as f64
        );
    }

    // What `kg ask` does per invocation: the name indexes this query
    // needs (exact names looked up, otherwise every name), then the run.
    for query in [QUERIES[0], QUERIES[2], QUERIES[8]] {
        let parsed = kg::ask::parse(query).unwrap();
        let (runs, total) = repeat(|| {
            let indexes = StoreIndexes::for_query(&store, &parsed).unwrap();
            let answer = run(&store, &indexes, query).unwrap();
            assert!(!answer.rows.is_empty(), "no answer to {query}");
        });
        println!(
            "as `kg ask` runs it {:>8.2} ms  {query} ({runs} runs)",
            total.as_secs_f64() * 1e3 / runs as f64
        );
    }
}

/// Runs `f` for at least half a second; returns runs and total time.
fn repeat(mut f: impl FnMut()) -> (u32, Duration) {
    let started = Instant::now();
    let mut runs = 0;
    while runs < 5 || started.elapsed() < Duration::from_millis(500) {
        f();
        runs += 1;
    }
    (runs, started.elapsed())
}
