//! Training and evaluation entry points for the CLI (`kg train …`,
//! `kg eval …`): read the corpora, train, save, and return serializable
//! reports. Nothing here prints; progress goes through a callback so the
//! CLI decides how to show it.
//!
//! Corpora: the tagger trains on UD CoNLL-U (EWT), the recognizer on
//! CoNLL-2003 (re-tagged with *our* tagger, since at run time only its tags
//! exist). Unlabelled text (word clusters for the tagger, case profiles for
//! the recognizer) is read by [`read_unlabelled`].

use crate::nlp::NlpError;
use crate::nlp::conllu::Sentence;
use crate::nlp::conllu::read_conllu_file;
use crate::nlp::countries::CountryLexicon;
use crate::nlp::error::read_text;
use crate::nlp::model_io::ModelFile;
use crate::nlp::ner::{
    Ner, NerDocument, NerEpochReport, NerInput, NerScores, NerToken, NerTrainOptions, Recase,
    evaluate_ner, read_conll2003, recase_sentence, train_ner,
};
use crate::nlp::parser::{
    Parser, ParserEpochReport, ParserScores, ParserTrainOptions, evaluate_parser, jackknife_tags,
    train_parser,
};
use crate::nlp::tagger::clusters::{ClusterOptions, WordClusters};
use crate::nlp::tagger::{EpochReport, Tagger, TaggerScores, TrainOptions, evaluate, train_tagger};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// A progress event of a training run, in the order they happen.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Progress {
    /// A preparation step is starting (reading, clustering, tagging, saving).
    Stage {
        name: &'static str,
    },
    TaggerEpoch(EpochReport),
    NerEpoch(NerEpochReport),
    /// A jackknife tagger fold (0-based) finished.
    JackknifeFold {
        fold: usize,
    },
    ParserEpoch(ParserEpochReport),
}

/// What every `kg train` invocation specifies.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub train: PathBuf,
    /// Scored after every epoch and at the end when given.
    pub dev: Option<PathBuf>,
    /// Where the model is written.
    pub out: PathBuf,
    pub seed: u64,
    /// `None`: the model's default number of epochs.
    pub epochs: Option<usize>,
    /// Unlabelled text files (see [`read_unlabelled`]).
    pub unlabelled: Vec<PathBuf>,
}

/// Outcome of a training run.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport<S> {
    pub model: PathBuf,
    pub model_bytes: u64,
    /// Non-zero (feature, class) weights kept after pruning.
    pub weights: usize,
    pub seconds: f64,
    /// Scores of the saved model on the dev set, if one was given.
    pub dev: Option<S>,
}

/// Tagger settings used for the shipped model besides [`TrainConfig`].
pub fn tagger_options(config: &TrainConfig) -> TrainOptions {
    let defaults = TrainOptions::default();
    TrainOptions {
        seed: config.seed,
        epochs: config.epochs.unwrap_or(defaults.epochs),
        // Measured on EWT dev (seed 1): three runs per direction add about
        // 0.25 UPOS over one; pruning at 0.5 instead of 0.05 cuts the file
        // from 12 MB to 7 MB for about 0.05.
        runs: 3,
        prune: 0.5,
        ..defaults
    }
}

/// Trains the tagger (and lemmatizer) on a CoNLL-U treebank. Word clusters
/// are learned from the training forms plus `config.unlabelled` (never from
/// dev).
pub fn train_tagger_model(
    config: &TrainConfig,
    mut progress: impl FnMut(Progress),
) -> Result<TrainReport<TaggerScores>, NlpError> {
    let start = Instant::now();
    progress(Progress::Stage { name: "reading" });
    let train = read_conllu_file(&config.train)?;
    let dev = config.dev.as_deref().map(read_conllu_file).transpose()?;
    let mut text: Vec<Vec<String>> = train
        .iter()
        .map(|s| s.tokens.iter().map(|t| t.form.clone()).collect())
        .collect();
    text.extend(read_all_unlabelled(&config.unlabelled)?);
    progress(Progress::Stage { name: "clustering" });
    let mut opts = tagger_options(config);
    opts.clusters = Some(WordClusters::learn(&text, &ClusterOptions::default()));
    let tagger = train_tagger(&train, dev.as_deref(), &opts, |r| {
        progress(Progress::TaggerEpoch(r));
    })?;
    progress(Progress::Stage { name: "saving" });
    let saved = save_and_reload(&tagger, config)?;
    let dev = dev.map(|d| evaluate(&saved, &d));
    report(config, start, saved.weight_count(), dev)
}

/// Recognizer settings besides [`TrainConfig`].
#[derive(Debug, Clone)]
pub struct NerConfig {
    /// Country lexicon TSV used as a gazetteer (`data/countries.tsv`).
    pub lexicon: Option<PathBuf>,
    /// Percent of training sentences rewritten in Title Case (headline
    /// style) and in lowercase, so the model does not rely on Reuters
    /// capitalization alone.
    pub title_case_percent: usize,
    pub lowercase_percent: usize,
    pub prune: f64,
    /// Independent runs averaged into the model (see [`NerTrainOptions::runs`]).
    pub runs: usize,
}

impl Default for NerConfig {
    fn default() -> Self {
        Self {
            lexicon: None,
            title_case_percent: 10,
            lowercase_percent: 5,
            prune: NerTrainOptions::default().prune,
            runs: NerTrainOptions::default().runs,
        }
    }
}

/// Trains the recognizer on CoNLL-2003 files, POS-tagged by `tagger`.
pub fn train_ner_model(
    tagger: &Tagger,
    config: &TrainConfig,
    ner_config: &NerConfig,
    mut progress: impl FnMut(Progress),
) -> Result<TrainReport<NerScores>, NlpError> {
    let start = Instant::now();
    progress(Progress::Stage { name: "reading" });
    let train = read_tagged_conll2003(&config.train, tagger)?;
    let dev = config
        .dev
        .as_deref()
        .map(|d| read_tagged_conll2003(d, tagger))
        .transpose()?;
    let train = augment_casing(&train, tagger, ner_config)?;
    let defaults = NerTrainOptions::default();
    let opts = NerTrainOptions {
        epochs: config.epochs.unwrap_or(defaults.epochs),
        seed: config.seed,
        runs: ner_config.runs,
        prune: ner_config.prune,
        lexicon: ner_config
            .lexicon
            .as_deref()
            .map(CountryLexicon::load)
            .transpose()?,
        unlabelled: read_all_unlabelled(&config.unlabelled)?,
    };
    progress(Progress::Stage { name: "training" });
    let model = train_ner(&train, dev.as_deref(), &opts, |r| {
        progress(Progress::NerEpoch(r));
    })?;
    progress(Progress::Stage { name: "saving" });
    let saved = save_and_reload(&model, config)?;
    let dev = dev.map(|d| evaluate_ner(&saved, &d));
    report(config, start, saved.weight_count(), dev)
}

/// Folds of the jackknifed training tags of the parser.
pub const JACKKNIFE_FOLDS: usize = 5;

/// Trains the parser on a CoNLL-U treebank: the training sentences twice,
/// once with gold tags and once with jackknifed tags (each fold tagged by a
/// tagger trained on the other folds), so it learns from clean and from
/// realistic noisy tags. Dev sentences are tagged by `tagger`, as at run
/// time.
pub fn train_parser_model(
    tagger: &Tagger,
    config: &TrainConfig,
    mut progress: impl FnMut(Progress),
) -> Result<TrainReport<ParserScores>, NlpError> {
    let start = Instant::now();
    progress(Progress::Stage { name: "reading" });
    let gold = read_conllu_file(&config.train)?;
    let dev = config.dev.as_deref().map(read_conllu_file).transpose()?;
    let dev = dev.map(|d| retag(&d, tagger));
    progress(Progress::Stage { name: "jackknife" });
    let jackknifed = jackknife_tags(&gold, JACKKNIFE_FOLDS, &TrainOptions::default(), |fold| {
        progress(Progress::JackknifeFold { fold });
    })?;
    let mut train = gold;
    train.extend(jackknifed);
    let defaults = ParserTrainOptions::default();
    let opts = ParserTrainOptions {
        epochs: config.epochs.unwrap_or(defaults.epochs),
        seed: config.seed,
        clusters: tagger.clusters().clone(),
        // Measured on EWT dev (UAS / LAS, 6 epochs, this tagger): three
        // runs, prune 1.5: 85.39 / 82.42 (9 MB); prune 1.0: 85.75 / 82.79
        // (13 MB). Five runs, pruning at 0.5 (24 MB) or jackknifing with
        // the shipped tagger settings gave no more.
        runs: 3,
        prune: 1.0,
        ..defaults
    };
    progress(Progress::Stage { name: "training" });
    let parser = train_parser(&train, dev.as_deref(), &opts, |r| {
        progress(Progress::ParserEpoch(r));
    })?;
    progress(Progress::Stage { name: "saving" });
    let saved = save_and_reload(&parser, config)?;
    let dev = dev.map(|d| evaluate_parser(&saved, None, &d));
    report(config, start, saved.weight_count(), dev)
}

/// Copy of `sentences` with UPOS/XPOS predicted by `tagger`.
fn retag(sentences: &[Sentence], tagger: &Tagger) -> Vec<Sentence> {
    let mut out = sentences.to_vec();
    for s in &mut out {
        let tags = tagger.tag_pos(&s.forms());
        for (t, (upos, xpos)) in s.tokens.iter_mut().zip(tags) {
            t.upos = upos;
            t.xpos = xpos;
        }
    }
    out
}

/// Parser attachment scores on a CoNLL-U file, tags predicted by `tagger`.
pub fn eval_parser(
    tagger: &Tagger,
    parser: &Parser,
    gold: &Path,
) -> Result<ParserScores, NlpError> {
    Ok(evaluate_parser(
        parser,
        Some(tagger),
        &read_conllu_file(gold)?,
    ))
}

/// Tagger accuracy on a CoNLL-U file (gold tokenization).
pub fn eval_tagger(tagger: &Tagger, gold: &Path) -> Result<TaggerScores, NlpError> {
    Ok(evaluate(tagger, &read_conllu_file(gold)?))
}

/// Recognizer span scores on a CoNLL-2003 file, tagged by `tagger`.
/// Scores `ner` on a CoNLL-2003 file; with `recase`, every sentence is
/// first rewritten in that casing (and re-tagged), to measure robustness to
/// headlines and lowercase text.
pub fn eval_ner(
    tagger: &Tagger,
    ner: &Ner,
    gold: &Path,
    recase: Option<Recase>,
) -> Result<NerScores, NlpError> {
    let docs = read_conll2003(gold)?
        .into_iter()
        .map(|mut doc| {
            if let Some(style) = recase {
                for s in &mut doc.sentences {
                    s.words = recase_sentence(&s.words, style);
                }
            }
            doc.tag(tagger)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(evaluate_ner(ner, &docs))
}

/// Reads a CoNLL-2003 file and attaches our tagger's XPOS tags (the file's
/// own POS column is ignored).
pub fn read_tagged_conll2003(path: &Path, tagger: &Tagger) -> Result<Vec<NerDocument>, NlpError> {
    read_conll2003(path)?
        .into_iter()
        .map(|d| d.tag(tagger))
        .collect()
}

/// Rewrites a fixed share of sentences (every n-th by position, so it is
/// deterministic) in Title Case or lowercase and re-tags them. In place, so
/// no mention is duplicated.
fn augment_casing(
    docs: &[NerDocument],
    tagger: &Tagger,
    config: &NerConfig,
) -> Result<Vec<NerDocument>, NlpError> {
    let (title, lower) = (config.title_case_percent, config.lowercase_percent);
    let mut n = 0usize;
    docs.iter()
        .map(|d| {
            let sentences = d
                .input()
                .sentences
                .iter()
                .map(|s| {
                    n += 1;
                    match n % 100 {
                        k if k < title => recase(s, Recase::Title, tagger),
                        k if k < title + lower => recase(s, Recase::Lower, tagger),
                        _ => s.clone(),
                    }
                })
                .collect();
            NerDocument::new(NerInput { sentences }, d.entities().to_vec())
        })
        .collect()
}

fn recase(sentence: &[NerToken], style: Recase, tagger: &Tagger) -> Vec<NerToken> {
    let words: Vec<&str> = sentence.iter().map(|t| t.word.as_str()).collect();
    NerToken::tag_sentence(tagger, &recase_sentence(&words, style))
}

/// Tokenized sentences of an unlabelled-text file, by format:
/// `*.conllu` → the FORM column; a file starting with `-DOCSTART-`
/// (CoNLL-2003) → the first column; anything else → one sentence per line,
/// split at whitespace.
pub fn read_unlabelled(path: &Path) -> Result<Vec<Vec<String>>, NlpError> {
    if path.extension().is_some_and(|e| e == "conllu") {
        return Ok(read_conllu_file(path)?
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.form.clone()).collect())
            .collect());
    }
    let text = read_text(path)?;
    if text.starts_with("-DOCSTART-") {
        return Ok(conll2003_tokens(&text));
    }
    Ok(text
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect())
}

fn conll2003_tokens(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    for line in text.lines() {
        match line.split(' ').next() {
            Some("-DOCSTART-") => {}
            Some(token) if !token.is_empty() => sentence.push(token.to_string()),
            _ => out.extend((!sentence.is_empty()).then(|| std::mem::take(&mut sentence))),
        }
    }
    out.extend((!sentence.is_empty()).then_some(sentence));
    out
}

/// Sentences of every unlabelled file, in order.
fn read_all_unlabelled(paths: &[PathBuf]) -> Result<Vec<Vec<String>>, NlpError> {
    let mut text = Vec::new();
    for path in paths {
        text.extend(read_unlabelled(path)?);
    }
    Ok(text)
}

/// Saves `model` to `config.out` and loads it back, so that reported scores
/// are those of the file (quantisation and all).
fn save_and_reload<M: ModelFile>(model: &M, config: &TrainConfig) -> Result<M, NlpError> {
    model.save_file(&config.out)?;
    M::load_file(&config.out)
}

/// The report of a model saved at `config.out` (scored after reloading, so
/// the numbers are those of the file).
fn report<S>(
    config: &TrainConfig,
    start: Instant,
    weights: usize,
    dev: Option<S>,
) -> Result<TrainReport<S>, NlpError> {
    let out = &config.out;
    let metadata = std::fs::metadata(out).map_err(|e| NlpError::file(out, e))?;
    Ok(TrainReport {
        model: out.clone(),
        model_bytes: metadata.len(),
        weights,
        seconds: start.elapsed().as_secs_f64(),
        dev,
    })
}
