//! Throughput of tokenize + split_sentences on the EWT training text.
//!
//! `cargo bench --bench tokenize`

#[path = "../tests/common/mod.rs"]
mod common;
use std::hint::black_box;
use std::time::Instant;

use kg::nlp::sentence::split_sentences;
use kg::nlp::tokenize::tokenize;

const ROUNDS: usize = 20;

fn main() {
    let train = common::read_shared("corpora/ud-english-ewt/train.conllu");
    let text = train
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect::<Vec<_>>()
        .join("\n\n");
    let started = Instant::now();
    let (mut tokens, mut sentences) = (0, 0);
    for _ in 0..ROUNDS {
        let toks = tokenize(black_box(&text));
        sentences += black_box(split_sentences(&text, &toks)).len();
        tokens += toks.len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} bytes, {} tokens, {} sentences per round; {ROUNDS} rounds in {secs:.3} s: \
         {:.2} M tokens/s, {:.1} MB/s",
        text.len(),
        tokens / ROUNDS,
        sentences / ROUNDS,
        tokens as f64 / secs / 1e6,
        (text.len() * ROUNDS) as f64 / secs / 1e6,
    );
}
