//! Named-entity recognizer (PER, ORG, LOC, MISC): a structured averaged
//! perceptron over BILOU labels with constrained Viterbi decoding,
//! document-level consistency features, capitalization-robust features and
//! country/training-data gazetteers. Trained on whole documents so that the
//! document-level features see context.
//!
//! Map: [`label`] (BILOU labels and spans), `features` (per-token facts and
//! templates), `decode` (constrained Viterbi), `casing` (token case,
//! sentence style, case profiles), `gazetteer` (phrase lookup), `rules`
//! (corrections after decoding, and document-level type votes), [`doc`]
//! (input documents and the CoNLL-2003 reader), [`eval`] (conlleval-style
//! scoring), [`recase`] (casing augmentation).

mod casing;
mod decode;
pub mod doc;
pub mod eval;
mod features;
mod gazetteer;
pub mod label;
pub mod recase;
mod rules;

pub use doc::{
    ConllDocument, ConllSentence, NerDocument, NerInput, NerToken, parse_conll2003, read_conll2003,
};
pub use eval::{NerScores, SpanCounts, evaluate_ner, score_spans};
pub use label::{EntityKind, EntitySpan, Label, Part};
pub use recase::{Recase, recase_sentence};

use crate::nlp::NlpError;
use crate::nlp::countries::CountryLexicon;
use crate::nlp::hash::HashedMap;
use crate::nlp::model_io::{Format, ModelFile, delta_decode, encode_map};
use crate::nlp::perceptron::{Scorer, StoredWeights, Trainer, Weights, finalize_mean};
use crate::nlp::rng::SplitMix64;
use casing::{Case, CaseCounts, Style, case_of, count_cases, sentence_style};
use decode::{Transitions, viterbi};
use features::{History, Resources, SentInfo, extract, normalize, prepare, transition};
use gazetteer::{Category, Gazetteer, phrase_key, token_key};
use label::{N_LABELS, labels_to_spans, spans_to_labels};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// File identity of NER models; bump `version` on any feature change.
pub const NER_FORMAT: Format = Format {
    name: "kg ner",
    magic: *b"KGNERMDL",
    version: 2,
};

#[derive(Debug, Clone)]
pub struct NerTrainOptions {
    pub epochs: usize,
    /// Seeds the per-epoch shuffle of training documents (run `r` uses
    /// `seed + r`).
    pub seed: u64,
    /// Independent runs (different document orders) whose averaged weights
    /// are averaged again into the model: lowers the variance that the
    /// training order causes, at `runs` times the training time.
    pub runs: usize,
    /// Averaged weights smaller than this (in update units) are dropped.
    pub prune: f64,
    /// Country gazetteer (see [`CountryLexicon::load`]).
    pub lexicon: Option<CountryLexicon>,
    /// Extra tokenized sentences (any domain, no labels) whose mid-sentence
    /// capitalization enlarges the case profile.
    pub unlabelled: Vec<Vec<String>>,
}

impl Default for NerTrainOptions {
    fn default() -> Self {
        Self {
            epochs: 8,
            seed: 1,
            runs: 3,
            prune: 0.1,
            lexicon: None,
            unlabelled: Vec::new(),
        }
    }
}

/// Progress after one epoch.
#[derive(Debug, Clone, Serialize)]
pub struct NerEpochReport {
    /// 1-based.
    pub epoch: usize,
    /// Token accuracy (percent) of the online model's Viterbi output on training data.
    pub train_accuracy: f64,
    /// Scores of the averaged model on `dev`, if given.
    pub dev: Option<NerScores>,
    pub seconds: f64,
}

pub struct Ner {
    weights: Weights,
    gazetteer: Gazetteer,
    /// Case-folded word -> case profile bucket.
    profile: HashedMap<u8>,
    /// Derived from `weights`.
    transitions: Transitions,
}

/// Serialized form of a [`Ner`] (opaque; see [`ModelFile`]). Hash-keyed
/// tables are sorted and delta-encoded.
#[derive(Serialize, Deserialize)]
pub struct NerFile {
    weights: StoredWeights,
    /// Sorted, delta-encoded keys.
    gazetteer: Vec<(u64, u8)>,
    profile: Vec<(u64, u8)>,
}

impl Resources for Ner {
    fn gazetteer(&self, phrase: u64) -> u8 {
        self.gazetteer.get(phrase)
    }
    fn case_bucket(&self, key: u64) -> u8 {
        self.profile.get(&key).copied().unwrap_or(0)
    }
}

fn transitions_of(scorer: &impl Scorer) -> Transitions {
    let mut t = [[0i32; N_LABELS]; N_LABELS + 1];
    for (prev, row) in t.iter_mut().enumerate() {
        scorer.add_scores(&[transition((prev < N_LABELS).then_some(prev))], row);
    }
    t
}

/// Reusable per-sentence buffers.
#[derive(Default)]
struct Scratch {
    features: Vec<u64>,
    /// `offsets[i]..offsets[i + 1]` are token i's features.
    offsets: Vec<usize>,
    emissions: Vec<[i32; N_LABELS]>,
}

impl Scratch {
    fn fill(&mut self, s: &SentInfo, history: &History, scorer: &impl Scorer) {
        self.features.clear();
        self.offsets.clear();
        self.emissions.clear();
        self.offsets.push(0);
        for i in 0..s.tokens.len() {
            extract(s, i, history, &mut self.features);
            self.offsets.push(self.features.len());
            let mut e = [0i32; N_LABELS];
            let start = self.offsets[i];
            scorer.add_scores(&self.features[start..], &mut e);
            self.emissions.push(e);
        }
    }

    fn token(&self, i: usize) -> &[u64] {
        &self.features[self.offsets[i]..self.offsets[i + 1]]
    }
}

impl Ner {
    /// Finds mentions in every sentence of `doc` (one list per sentence,
    /// sorted, non-overlapping).
    pub fn recognize(&self, doc: &NerInput) -> Vec<Vec<EntitySpan>> {
        let sents = prepare(doc, self);
        let mut history = History::default();
        let mut scratch = Scratch::default();
        let mut out: Vec<Vec<EntitySpan>> = sents
            .iter()
            .map(|s| {
                scratch.fill(s, &history, &self.weights);
                let labels = viterbi(&scratch.emissions, &self.transitions);
                let labels: Vec<Label> = labels.into_iter().map(Label::from_index).collect();
                let mut spans = labels_to_spans(&labels);
                let labels = if rules::correct_sentence(s, &mut spans) {
                    spans_to_labels(&spans, labels.len())
                } else {
                    labels
                };
                history.record(s, &labels.iter().map(|l| l.index()).collect::<Vec<_>>());
                rules::trim_titles(s, &mut spans);
                spans
            })
            .collect();
        rules::name_groups(&sents, &mut out);
        rules::vote_types(&sents, &mut out);
        out
    }

    /// Number of non-zero (feature, label) weights.
    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }

    fn from_parts(weights: Weights, gazetteer: Gazetteer, profile: HashedMap<u8>) -> Self {
        let transitions = transitions_of(&weights);
        Self {
            weights,
            gazetteer,
            profile,
            transitions,
        }
    }
}

impl ModelFile for Ner {
    const FORMAT: Format = NER_FORMAT;
    type Saved<'a> = NerFile;
    type Loaded = NerFile;

    fn to_saved(&self) -> Self::Saved<'_> {
        NerFile {
            weights: self.weights.stored().clone(),
            gazetteer: encode_map(&self.gazetteer.phrases),
            profile: encode_map(&self.profile),
        }
    }

    fn from_loaded(file: NerFile) -> Result<Self, NlpError> {
        let weights = Weights::from_stored(file.weights)
            .filter(|w| w.n_classes() == N_LABELS)
            .ok_or(NlpError::CorruptModel("weight arrays"))?;
        Ok(Self::from_parts(
            weights,
            Gazetteer {
                phrases: delta_decode(file.gazetteer).collect(),
            },
            delta_decode(file.profile).collect(),
        ))
    }
}

/// Mention counts per kind, keyed by phrase.
type PhraseCounts = HashedMap<[u32; 4]>;

/// Statistics gathered from the whole training set.
struct Corpus {
    lexicon: Gazetteer,
    phrases: PhraseCounts,
    cases: HashedMap<CaseCounts>,
}

/// One training document's own contribution, hidden from its features.
struct OwnCounts {
    phrases: PhraseCounts,
    cases: HashedMap<CaseCounts>,
}

/// Leave-one-document-out view of the corpus statistics: a training
/// document never sees its own mentions in the gazetteer or its own words
/// in the case profile, just as unseen test text would not.
struct TrainResources<'a> {
    corpus: &'a Corpus,
    own: &'a OwnCounts,
}

fn phrase_bits(counts: [u32; 4], own: [u32; 4]) -> u8 {
    let mut bits = 0;
    for kind in EntityKind::ALL {
        let k = kind.index();
        if counts[k] > own[k] {
            bits |= Category::Trained(kind).bit();
        }
    }
    bits
}

impl Resources for TrainResources<'_> {
    fn gazetteer(&self, phrase: u64) -> u8 {
        let lex = self.corpus.lexicon.get(phrase);
        let Some(&counts) = self.corpus.phrases.get(&phrase) else {
            return lex;
        };
        let own = self.own.phrases.get(&phrase).copied().unwrap_or_default();
        lex | phrase_bits(counts, own)
    }

    fn case_bucket(&self, key: u64) -> u8 {
        let all = self.corpus.cases.get(&key).copied().unwrap_or_default();
        let own = self.own.cases.get(&key).copied().unwrap_or_default();
        all.minus(own).bucket()
    }
}

/// Mentions and mid-sentence case counts of one document.
fn own_counts(doc: &NerDocument) -> OwnCounts {
    let mut phrases = PhraseCounts::default();
    let mut cases = HashedMap::default();
    for (sentence, spans) in doc.input().sentences.iter().zip(doc.entities()) {
        let keys: Vec<u64> = sentence.iter().map(|t| token_key(&t.word)).collect();
        for span in spans {
            phrases
                .entry(phrase_key(&keys[span.tokens.clone()]))
                .or_insert([0; 4])[span.kind.index()] += 1;
        }
        let words: Vec<String> = sentence.iter().map(|t| normalize(&t.word)).collect();
        count_sentence_cases(&words, &keys, &mut cases);
    }
    OwnCounts { phrases, cases }
}

/// Adds a sentence's mid-sentence case counts if it is in normal style.
fn count_sentence_cases(words: &[String], keys: &[u64], cases: &mut HashedMap<CaseCounts>) {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let c: Vec<Case> = refs.iter().map(|w| case_of(w)).collect();
    if sentence_style(&refs, &c) == Style::Normal {
        count_cases(keys, &c, cases);
    }
}

fn add_counts<V: Copy + Default>(
    into: &mut HashedMap<V>,
    from: &HashedMap<V>,
    add: impl Fn(&mut V, V),
) {
    for (&k, &v) in from {
        add(into.entry(k).or_default(), v);
    }
}

/// A training document with its static features and gold label indices.
struct Prepared {
    sents: Vec<SentInfo>,
    gold: Vec<Vec<usize>>,
}

fn build_corpus(own: &[OwnCounts], opts: &NerTrainOptions) -> Corpus {
    let mut lexicon = Gazetteer::default();
    if let Some(lex) = &opts.lexicon {
        lexicon.add_lexicon(lex);
    }
    let mut phrases = PhraseCounts::default();
    let mut cases = HashedMap::default();
    for o in own {
        add_counts(&mut phrases, &o.phrases, |a, b| {
            for k in 0..4 {
                a[k] += b[k];
            }
        });
        add_counts(&mut cases, &o.cases, |a: &mut CaseCounts, b| {
            a.lower += b.lower;
            a.cap += b.cap;
        });
    }
    add_counts(&mut cases, &unlabelled_cases(&opts.unlabelled), |a, b| {
        a.lower += b.lower;
        a.cap += b.cap;
    });
    Corpus {
        lexicon,
        phrases,
        cases,
    }
}

/// Case counts of the unlabelled text: never hidden, since no training
/// document contributed them.
fn unlabelled_cases(text: &[Vec<String>]) -> HashedMap<CaseCounts> {
    let mut cases = HashedMap::default();
    for s in text {
        let words: Vec<String> = s.iter().map(|w| normalize(w)).collect();
        let keys: Vec<u64> = words.iter().map(|w| token_key(w)).collect();
        count_sentence_cases(&words, &keys, &mut cases);
    }
    cases
}

fn gold_labels(doc: &NerDocument) -> Vec<Vec<usize>> {
    doc.input()
        .sentences
        .iter()
        .zip(doc.entities())
        .map(|(s, spans)| {
            spans_to_labels(spans, s.len())
                .into_iter()
                .map(|l| l.index())
                .collect()
        })
        .collect()
}

/// Trains the recognizer; `on_epoch` gets progress (and dev scores of the
/// averaged model when `dev` is given) after every epoch.
pub fn train_ner(
    train: &[NerDocument],
    dev: Option<&[NerDocument]>,
    opts: &NerTrainOptions,
    mut on_epoch: impl FnMut(NerEpochReport),
) -> Result<Ner, NlpError> {
    let total_tokens: usize = train
        .iter()
        .flat_map(|d| &d.input().sentences)
        .map(Vec::len)
        .sum();
    if total_tokens == 0 {
        return Err(NlpError::NoTrainingData);
    }
    let own: Vec<OwnCounts> = train.iter().map(own_counts).collect();
    let corpus = build_corpus(&own, opts);
    let prepared: Vec<Prepared> = train
        .iter()
        .zip(&own)
        .map(|(doc, own)| Prepared {
            sents: prepare(
                doc.input(),
                &TrainResources {
                    corpus: &corpus,
                    own,
                },
            ),
            gold: gold_labels(doc),
        })
        .collect();
    let mut runs: Vec<Run> = (0..opts.runs.max(1))
        .map(|r| Run::new(opts.seed.wrapping_add(r as u64), prepared.len()))
        .collect();
    let mut scratch = Scratch::default();
    for epoch in 1..=opts.epochs {
        let start = Instant::now();
        let correct: usize = runs
            .iter_mut()
            .map(|run| run.epoch(&prepared, &mut scratch))
            .sum();
        let trainers: Vec<&Trainer> = runs.iter().map(|r| &r.trainer).collect();
        let dev_scores = dev.map(|dev| {
            let ner = finish_model(&trainers, &corpus, opts.prune);
            evaluate_ner(&ner, dev)
        });
        on_epoch(NerEpochReport {
            epoch,
            train_accuracy: crate::nlp::tagger::percent(correct, total_tokens * runs.len()),
            dev: dev_scores,
            seconds: start.elapsed().as_secs_f64(),
        });
    }
    let trainers: Vec<&Trainer> = runs.iter().map(|r| &r.trainer).collect();
    Ok(finish_model(&trainers, &corpus, opts.prune))
}

/// One training run: its own weights and its own document order.
struct Run {
    trainer: Trainer,
    rng: SplitMix64,
    order: Vec<usize>,
}

impl Run {
    fn new(seed: u64, n_docs: usize) -> Self {
        Self {
            trainer: Trainer::new(N_LABELS),
            rng: SplitMix64::new(seed),
            order: (0..n_docs).collect(),
        }
    }

    /// One shuffled pass; returns the number of tokens already right.
    fn epoch(&mut self, prepared: &[Prepared], scratch: &mut Scratch) -> usize {
        self.rng.shuffle(&mut self.order);
        self.order
            .iter()
            .map(|&d| train_document(&mut self.trainer, &prepared[d], scratch))
            .sum()
    }
}

/// One online pass over a document; returns the number of tokens whose
/// Viterbi label was already right.
fn train_document(trainer: &mut Trainer, doc: &Prepared, scratch: &mut Scratch) -> usize {
    let mut history = History::default();
    let mut correct = 0;
    for (s, gold) in doc.sents.iter().zip(&doc.gold) {
        scratch.fill(s, &history, trainer);
        let pred = viterbi(&scratch.emissions, &transitions_of(trainer));
        for i in 0..pred.len() {
            if pred[i] == gold[i] {
                correct += 1;
                continue;
            }
            trainer.update(scratch.token(i), gold[i], 1);
            trainer.update(scratch.token(i), pred[i], -1);
        }
        for i in 0..pred.len() {
            let prev = |l: &[usize]| if i == 0 { None } else { Some(l[i - 1]) };
            let (gp, pp) = (prev(gold), prev(&pred));
            if (gp, gold[i]) != (pp, pred[i]) {
                trainer.update(&[transition(gp)], gold[i], 1);
                trainer.update(&[transition(pp)], pred[i], -1);
            }
        }
        trainer.tick();
        history.record(s, &pred);
    }
    correct
}

/// Averages the weights and packages the full (not leave-one-out) corpus
/// statistics with them.
fn finish_model(trainers: &[&Trainer], corpus: &Corpus, prune: f64) -> Ner {
    let mut gazetteer = corpus.lexicon.clone();
    for (&phrase, &counts) in &corpus.phrases {
        let bits = phrase_bits(counts, [0; 4]);
        if bits != 0 {
            *gazetteer.phrases.entry(phrase).or_insert(0) |= bits;
        }
    }
    let profile = corpus
        .cases
        .iter()
        .map(|(&k, c)| (k, c.bucket()))
        .filter(|&(_, b)| b != 0)
        .collect();
    Ner::from_parts(finalize_mean(trainers, prune), gazetteer, profile)
}
