//! Throughput of the whole extraction, text to resolved facts, single
//! thread: the sample articles, repeated to about 100k words.
//!
//! `cargo bench --bench extract`

use std::hint::black_box;
use std::time::{Duration, Instant};

use kg::extract::FactExtractor;
use kg::model::Article;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let extractor = FactExtractor::load_default()?;
    println!(
        "load models and lexicon: {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        texts.push(std::fs::read_to_string(entry?.path())?);
    }
    let words_per_round: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let copies = (100_000 / words_per_round).max(1);
    let articles: Vec<(Article, &str)> = (0..copies)
        .flat_map(|c| texts.iter().enumerate().map(move |(i, t)| (c, i, t)))
        .map(|(c, i, t)| {
            let article = Article {
                id: format!("a{c}-{i}"),
                source_path: format!("a{c}-{i}.txt"),
                title: String::new(),
                sha256: String::new(),
            };
            (article, t.as_str())
        })
        .collect();
    let words = words_per_round * copies;
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            let facts = extractor.extract(black_box(&articles));
            black_box(facts);
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::ZERO);
    println!(
        "extract (text → resolved facts) {words} words in {:.0} ms: {:.0} words/s (target ≥ 20000)",
        best.as_secs_f64() * 1e3,
        words as f64 / best.as_secs_f64()
    );
    Ok(())
}
