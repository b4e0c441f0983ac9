//! Throughput of the NLP stages and model load time.
//!
//! `cargo bench --bench nlp` (single thread; wall-clock time, so run it on an
//! otherwise idle machine for stable numbers).

#[path = "../tests/common/mod.rs"]
mod common;

use kg::nlp::conllu::read_conllu;
use kg::nlp::ner::{Ner, NerDocument};
use kg::nlp::parser::Parser;
use kg::nlp::parser::search::Decoding;
use kg::nlp::pipeline::{NER_FILE, PARSER_FILE, TAGGER_FILE, default_models_dir};
use kg::nlp::tagger::Tagger;
use kg::nlp::train::read_tagged_conll2003;
use kg::nlp::{ModelFile, Pipeline};
use kg::nlp::{Upos, Xpos};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best of `rounds` timings of `f`, which returns the number of tokens processed.
fn best_of(rounds: usize, mut f: impl FnMut() -> usize) -> (usize, Duration) {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let n = f();
            (n, start.elapsed())
        })
        .min_by_key(|&(_, d)| d)
        .unwrap_or_default()
}

fn report(name: &str, (tokens, time): (usize, Duration)) {
    println!(
        "{name:<28} {tokens:>8} tokens in {:>7.1} ms: {:>9.0} tokens/s",
        time.as_secs_f64() * 1e3,
        tokens as f64 / time.as_secs_f64()
    );
}

fn load_times() -> Result<Pipeline, Box<dyn std::error::Error>> {
    let dir = default_models_dir();
    let start = Instant::now();
    let tagger = Tagger::load_file(&dir.join(TAGGER_FILE))?;
    let tagger_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let parser = Parser::load_file(&dir.join(PARSER_FILE))?;
    let parser_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let ner = Ner::load_file(&dir.join(NER_FILE))?;
    let ner_ms = start.elapsed().as_secs_f64() * 1e3;
    drop((tagger, parser, ner));
    let start = Instant::now();
    let pipeline = Pipeline::load(&dir)?;
    let all_ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "load: tagger {tagger_ms:.1} ms, parser {parser_ms:.1} ms, ner {ner_ms:.1} ms, \
         whole pipeline (with lexicon) {all_ms:.1} ms"
    );
    Ok(pipeline)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipeline = load_times()?;
    let dev = read_conllu(common::read_shared("corpora/ud-english-ewt/dev.conllu").as_bytes())?;
    let sentences: Vec<Vec<&str>> = dev.iter().map(|s| s.forms()).collect();
    let tagger = pipeline.tagger();
    report(
        "tagging (tags only)",
        best_of(5, || {
            sentences
                .iter()
                .map(|s| black_box(tagger.tag_pos(s)).len())
                .sum()
        }),
    );
    report(
        "tagging + lemmas",
        best_of(5, || {
            sentences
                .iter()
                .map(|s| black_box(tagger.tag(s)).len())
                .sum()
        }),
    );

    let tagged: Vec<(Vec<Upos>, Vec<Xpos>)> = sentences
        .iter()
        .map(|s| tagger.tag_pos(s).into_iter().unzip())
        .collect();
    let mut greedy = Parser::load_file(&default_models_dir().join(PARSER_FILE))?;
    greedy.set_decoding(Decoding::Greedy);
    for (name, parser) in [
        ("parsing (pre-tagged, beam 2)", pipeline.parser()),
        ("parsing (pre-tagged, greedy)", &greedy),
    ] {
        report(
            name,
            best_of(5, || {
                sentences
                    .iter()
                    .zip(&tagged)
                    .map(|(s, (u, x))| black_box(parser.parse(s, u, x)).len())
                    .sum()
            }),
        );
    }

    let conll = common::shared_dir().join("corpora/conll2003/dev.txt");
    let docs: Vec<NerDocument> = read_tagged_conll2003(&conll, tagger)?;
    report(
        "NER (CoNLL dev, pre-tagged)",
        best_of(5, || {
            docs.iter()
                .map(|d| {
                    black_box(pipeline.ner().recognize(d.input()));
                    d.input().sentences.iter().map(Vec::len).sum::<usize>()
                })
                .sum()
        }),
    );

    let mut texts: Vec<String> = ["000_4e09df6656756604.txt", "003_164dee319fcdd750.txt"]
        .iter()
        .map(|a| common::read_shared(&format!("articles/{a}")))
        .collect();
    texts.push(
        dev.iter()
            .filter_map(|s| s.comment("text"))
            .collect::<Vec<_>>()
            .join("\n\n"),
    );
    report(
        "whole pipeline (text in)",
        best_of(3, || {
            texts
                .iter()
                .map(|t| black_box(pipeline.annotate(t, None)).token_count())
                .sum()
        }),
    );
    Ok(())
}
