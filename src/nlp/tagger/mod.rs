//! Averaged-perceptron tagger predicting a joint (XPOS, UPOS) label, so the
//! two tag layers can never disagree with each other in ways the treebank
//! never shows (e.g. NNS + VERB).
//!
//! Two greedy models read the sentence, one left to right and one right to
//! left, and each word gets the label with the highest sum of their scores.
//! A left-to-right model alone sees only its own guesses on the left; many
//! errors (VB vs VBP, IN vs RB, NN vs JJ) hinge on what comes next, which
//! the right-to-left model has already decided.

pub mod clusters;
mod features;

use crate::nlp::NlpError;
use crate::nlp::conllu::Sentence;
use crate::nlp::hash::{HashedMap, hash_str};
use crate::nlp::lemma::{Lemmatizer, StoredLemmatizer};
use crate::nlp::model_io::{Format, ModelFile, delta_decode, encode_map};
use crate::nlp::perceptron::{Scorer, StoredWeights, Trainer, Weights, argmax, finalize_mean};
use crate::nlp::rng::SplitMix64;
use crate::nlp::tags::{Upos, Xpos};
use clusters::{CLUSTER_LEVELS, WordClusters};
use features::{History, Lexicon, PAD, WordInfo, extract, sentence_info};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// File identity of tagger models; bump `version` on any layout or feature change.
pub const TAGGER_FORMAT: Format = Format {
    name: "kg tagger",
    magic: *b"KGTAGGER",
    version: 4,
};

/// Output for one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub upos: Upos,
    pub xpos: Xpos,
    pub lemma: String,
}

#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Seeds the per-epoch shuffle of training sentences.
    pub seed: u64,
    /// Averaged weights with smaller magnitude are dropped from the model.
    pub prune: f64,
    /// A word form enters the tag dictionary (and is never scored) when seen
    /// at least this often...
    pub tag_dict_min_count: usize,
    /// ...with one label at least this share of the time.
    pub tag_dict_min_ratio: f64,
    /// Minimum count of a word before its set of seen XPOS tags becomes a
    /// feature. Rare words' sets are too close to their gold tag in training.
    pub ambiguity_min_count: usize,
    /// Word clusters from unlabelled text (see [`WordClusters::learn`]);
    /// stored in the model and used as features for rare and unseen words.
    pub clusters: Option<WordClusters>,
    /// Independent runs per direction (shuffles seeded `seed`, `seed + 1`,
    /// ...) whose averaged weights are averaged into that direction's
    /// model, trained in parallel threads: less variance from the
    /// training order.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 10,
            seed: 1,
            prune: 0.05,
            tag_dict_min_count: 20,
            tag_dict_min_ratio: 0.99,
            ambiguity_min_count: 3,
            clusters: None,
            runs: 1,
        }
    }
}

/// Accuracies in percent over `tokens` words (gold tokenization).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TaggerScores {
    pub tokens: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
}

/// Progress after one training epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EpochReport {
    /// 1-based.
    pub epoch: usize,
    /// Joint-label accuracy (percent) of the online (non-averaged) model during the epoch.
    pub train_accuracy: f64,
    pub dev: Option<TaggerScores>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
struct Label {
    xpos: Xpos,
    upos: Upos,
}

pub struct Tagger {
    labels: Vec<Label>,
    /// Scores words left to right.
    forward: Weights,
    /// Scores the reversed sentence (right to left).
    backward: Weights,
    /// Exact word hash -> label, for frequent unambiguous words.
    tag_dict: HashedMap<u16>,
    lexicon: Lexicon,
    lemmatizer: Lemmatizer,
    /// Derived from `labels` (not stored): see [`verbal_labels`].
    verbal: Vec<bool>,
}

/// Serialized form (owned, for loading). All hash-keyed tables are sorted
/// and delta-encoded (see `model_io::encode_map`).
#[derive(Deserialize)]
pub struct TaggerFile {
    labels: Vec<Label>,
    forward: StoredWeights,
    backward: StoredWeights,
    tag_dict: Vec<(u64, u16)>,
    ambiguity: Vec<(u64, u64)>,
    clusters: Vec<(u64, [u16; CLUSTER_LEVELS])>,
    lemmatizer: StoredLemmatizer,
}

/// Serialized form (borrowed, for saving). Must mirror [`TaggerFile`] field by field.
#[derive(Serialize)]
pub struct TaggerFileRef<'a> {
    labels: &'a [Label],
    forward: &'a StoredWeights,
    backward: &'a StoredWeights,
    tag_dict: Vec<(u64, u16)>,
    ambiguity: Vec<(u64, u64)>,
    clusters: Vec<(u64, [u16; CLUSTER_LEVELS])>,
    lemmatizer: &'a StoredLemmatizer,
}

/// Reusable buffers so tagging a sentence allocates only its output.
struct Scratch {
    info: Vec<WordInfo>,
    lower: String,
    features: Vec<u64>,
    scores: Vec<i32>,
    /// Per position (in decoding order), the scores of every label; left
    /// zero for words the tag dictionary labels.
    score_rows: Vec<i32>,
}

impl Scratch {
    fn new(n_labels: usize) -> Self {
        Self {
            info: Vec::new(),
            lower: String::new(),
            features: Vec::new(),
            scores: vec![0; n_labels],
            score_rows: Vec::new(),
        }
    }
}

/// How a greedy pass chooses labels.
enum Mode<'a> {
    /// Prediction; the scores of each position are kept in `score_rows`.
    Predict(&'a Weights),
    /// Online training against gold labels; history uses the model's own guesses.
    Learn(&'a mut Trainer, &'a [u16]),
}

/// Which labels count as verbs for [`History`] (XPOS VB* or MD).
fn verbal_labels(labels: &[Label]) -> Vec<bool> {
    labels
        .iter()
        .map(|l| l.xpos.as_str().starts_with("VB") || l.xpos == Xpos::Md)
        .collect()
}

/// Per-model facts a greedy pass needs besides the weights.
struct Decoder<'a> {
    tag_dict: &'a HashedMap<u16>,
    verbal: &'a [bool],
}

/// One greedy pass over `s.info` (already filled, in decoding order).
fn greedy(mode: &mut Mode<'_>, dec: &Decoder<'_>, s: &mut Scratch) -> Vec<u16> {
    let n = s.info.len() - 2 * PAD;
    let n_labels = s.scores.len();
    let mut history = History::START;
    let mut out = Vec::with_capacity(n);
    if let Mode::Predict(_) = mode {
        s.score_rows.clear();
        s.score_rows.resize(n * n_labels, 0);
    }
    for i in 0..n {
        let label = match dec.tag_dict.get(&s.info[i + PAD].word) {
            Some(&label) => label,
            None => {
                extract(&s.info, i + PAD, history, &mut s.features);
                match mode {
                    Mode::Predict(weights) => {
                        weights.score(&s.features, &mut s.scores);
                        s.score_rows[i * n_labels..(i + 1) * n_labels].copy_from_slice(&s.scores);
                        argmax(&s.scores) as u16
                    }
                    Mode::Learn(trainer, gold) => {
                        trainer.score(&s.features, &mut s.scores);
                        let guess = argmax(&s.scores);
                        trainer.reward(&s.features, usize::from(gold[i]), guess);
                        trainer.tick();
                        guess as u16
                    }
                }
            }
        };
        let verbal = dec.verbal.get(usize::from(label)).copied().unwrap_or(false);
        history = history.push(label, &s.info[i + PAD], verbal);
        out.push(label);
    }
    out
}

impl Tagger {
    /// Tags one sentence (gold-tokenized words).
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        self.predict(words)
            .into_iter()
            .zip(words)
            .map(|(label, word)| {
                let Label { xpos, upos } = self.labels[usize::from(label)];
                Tagged {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemmatize(word, upos, xpos),
                }
            })
            .collect()
    }

    /// Tags only (no lemmas): the part whose speed matters for throughput.
    pub fn tag_pos(&self, words: &[&str]) -> Vec<(Upos, Xpos)> {
        self.predict(words)
            .into_iter()
            .map(|l| {
                (
                    self.labels[usize::from(l)].upos,
                    self.labels[usize::from(l)].xpos,
                )
            })
            .collect()
    }

    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// The word clusters the tagger was trained with (the parser reuses them).
    pub fn clusters(&self) -> &WordClusters {
        &self.lexicon.clusters
    }

    /// Number of non-zero (feature, label) weights after pruning.
    pub fn weight_count(&self) -> usize {
        self.forward.len() + self.backward.len()
    }

    fn predict(&self, words: &[&str]) -> Vec<u16> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let n_labels = self.labels.len();
        let mut s = Scratch::new(n_labels);
        let dec = Decoder {
            tag_dict: &self.tag_dict,
            verbal: &self.verbal,
        };
        sentence_info(words, 0, &self.lexicon, &mut s.lower, &mut s.info);
        let mut labels = greedy(&mut Mode::Predict(&self.forward), &dec, &mut s);
        let forward_scores = std::mem::take(&mut s.score_rows);
        let reversed: Vec<&str> = words.iter().rev().copied().collect();
        sentence_info(&reversed, n - 1, &self.lexicon, &mut s.lower, &mut s.info);
        greedy(&mut Mode::Predict(&self.backward), &dec, &mut s);
        let (fw, bw) = (self.forward.scale(), self.backward.scale());
        for (i, label) in labels.iter_mut().enumerate() {
            if self.tag_dict.contains_key(&s.info[PAD + n - 1 - i].word) {
                continue;
            }
            let f = &forward_scores[i * n_labels..(i + 1) * n_labels];
            let b = &s.score_rows[(n - 1 - i) * n_labels..(n - i) * n_labels];
            let combined = f
                .iter()
                .zip(b)
                .map(|(&f, &b)| f as f32 * fw + b as f32 * bw);
            *label = argmax_f32(combined) as u16;
        }
        labels
    }
}

/// Index of the largest value (the first on ties).
fn argmax_f32(values: impl Iterator<Item = f32>) -> usize {
    let mut best = (0, f32::NEG_INFINITY);
    for (i, v) in values.enumerate() {
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

impl ModelFile for Tagger {
    const FORMAT: Format = TAGGER_FORMAT;
    type Saved<'a> = TaggerFileRef<'a>;
    type Loaded = TaggerFile;

    fn to_saved(&self) -> Self::Saved<'_> {
        TaggerFileRef {
            labels: &self.labels,
            forward: self.forward.stored(),
            backward: self.backward.stored(),
            tag_dict: encode_map(&self.tag_dict),
            ambiguity: encode_map(&self.lexicon.ambiguity),
            clusters: encode_map(&self.lexicon.clusters.map),
            lemmatizer: self.lemmatizer.stored(),
        }
    }

    /// Validates a decoded file and builds the lookup tables.
    fn from_loaded(file: TaggerFile) -> Result<Self, NlpError> {
        let weights = |w| Weights::from_stored(w).ok_or(NlpError::CorruptModel("weight arrays"));
        let (forward, backward) = (weights(file.forward)?, weights(file.backward)?);
        let n = file.labels.len();
        let labels_ok = n > 0
            && forward.n_classes() == n
            && backward.n_classes() == n
            && file.tag_dict.iter().all(|&(_, l)| usize::from(l) < n);
        if !labels_ok {
            return Err(NlpError::CorruptModel("label count"));
        }
        Ok(Self {
            verbal: verbal_labels(&file.labels),
            labels: file.labels,
            forward,
            backward,
            tag_dict: delta_decode(file.tag_dict).collect(),
            lexicon: Lexicon {
                ambiguity: delta_decode(file.ambiguity).collect(),
                clusters: WordClusters {
                    map: delta_decode(file.clusters).collect(),
                },
            },
            lemmatizer: Lemmatizer::from_stored(file.lemmatizer),
        })
    }
}

/// Gold data prepared once for all training passes.
struct TrainData<'a> {
    words: Vec<Vec<&'a str>>,
    gold: Vec<Vec<u16>>,
    /// `words` and `gold` reversed, for the right-to-left model.
    reversed_words: Vec<Vec<&'a str>>,
    reversed_gold: Vec<Vec<u16>>,
    /// Ambiguity lexicon per jackknife fold (see [`jackknife_lexicons`]).
    fold_lexicons: Vec<Lexicon>,
    tag_dict: HashedMap<u16>,
    verbal: Vec<bool>,
}

fn fold_of(sentence: usize) -> usize {
    sentence % JACKKNIFE_FOLDS
}

/// Trains the tagger and lemmatizer. `on_epoch` is called after each epoch,
/// with dev scores of the averaged model when `dev` is given.
pub fn train_tagger(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(EpochReport),
) -> Result<Tagger, NlpError> {
    let labels = collect_labels(train);
    if labels.is_empty() {
        return Err(NlpError::NoTrainingData);
    }
    let label_ids: HashMap<Label, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, i as u16))
        .collect();
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|s| {
            s.tokens
                .iter()
                .map(|t| {
                    label_ids[&Label {
                        xpos: t.xpos,
                        upos: t.upos,
                    }]
                })
                .collect()
        })
        .collect();
    let words: Vec<Vec<&str>> = train.iter().map(Sentence::forms).collect();
    let data = TrainData {
        reversed_words: words.iter().map(|w| reversed(w)).collect(),
        reversed_gold: gold.iter().map(|g| reversed(g)).collect(),
        words,
        tag_dict: build_tag_dict(train, &gold, opts),
        fold_lexicons: jackknife_lexicons(train, opts),
        verbal: verbal_labels(&labels),
        gold,
    };
    let mut tagger = Tagger {
        forward: Trainer::new(labels.len()).finalize(opts.prune),
        backward: Trainer::new(labels.len()).finalize(opts.prune),
        tag_dict: data.tag_dict.clone(),
        lexicon: Lexicon {
            ambiguity: build_ambiguity(train.iter(), opts.ambiguity_min_count),
            clusters: opts.clusters.clone().unwrap_or_default(),
        },
        lemmatizer: Lemmatizer::train(train),
        verbal: verbal_labels(&labels),
        labels,
    };
    let n_labels = tagger.labels.len();
    let mut runs: Vec<Run> = (0..opts.runs.max(1))
        .flat_map(|r| {
            let seed = opts.seed.wrapping_add(r as u64);
            [false, true].map(|backward| Run::new(n_labels, seed, train.len(), backward))
        })
        .collect();
    for epoch in 1..=opts.epochs {
        std::thread::scope(|scope| {
            for run in &mut runs {
                let data = &data;
                scope.spawn(move || run.epoch(data));
            }
        });
        let correct = runs.iter().map(|r| r.correct).sum();
        let total = runs.iter().map(|r| r.total).sum();
        let dev = dev.map(|d| {
            (tagger.forward, tagger.backward) = finalize_runs(&runs, opts.prune);
            evaluate(&tagger, d)
        });
        on_epoch(EpochReport {
            epoch,
            train_accuracy: percent(correct, total),
            dev,
        });
    }
    (tagger.forward, tagger.backward) = finalize_runs(&runs, opts.prune);
    Ok(tagger)
}

/// The forward and the backward model, each averaged over its runs.
fn finalize_runs(runs: &[Run], prune: f64) -> (Weights, Weights) {
    let direction = |backward: bool| {
        let trainers: Vec<&Trainer> = runs
            .iter()
            .filter(|r| r.backward == backward)
            .map(|r| &r.trainer)
            .collect();
        finalize_mean(&trainers, prune)
    };
    (direction(false), direction(true))
}

fn reversed<T: Copy>(items: &[T]) -> Vec<T> {
    items.iter().rev().copied().collect()
}

/// One training run of one direction: its own weights, shuffle and buffers.
struct Run {
    /// Trains the right-to-left model.
    backward: bool,
    trainer: Trainer,
    rng: SplitMix64,
    order: Vec<usize>,
    scratch: Scratch,
    /// Online accuracy counts of the last epoch.
    correct: usize,
    total: usize,
}

impl Run {
    fn new(n_labels: usize, seed: u64, n_sentences: usize, backward: bool) -> Self {
        Self {
            backward,
            trainer: Trainer::new(n_labels),
            rng: SplitMix64::new(seed),
            order: (0..n_sentences).collect(),
            scratch: Scratch::new(n_labels),
            correct: 0,
            total: 0,
        }
    }

    /// One pass over the training sentences in a fresh random order.
    fn epoch(&mut self, data: &TrainData<'_>) {
        let dec = Decoder {
            tag_dict: &data.tag_dict,
            verbal: &data.verbal,
        };
        self.rng.shuffle(&mut self.order);
        (self.correct, self.total) = (0, 0);
        let s = &mut self.scratch;
        let (words, gold) = if self.backward {
            (&data.reversed_words, &data.reversed_gold)
        } else {
            (&data.words, &data.gold)
        };
        for &i in &self.order {
            let (words, gold) = (&words[i], &gold[i]);
            let first = if self.backward { words.len() - 1 } else { 0 };
            sentence_info(
                words,
                first,
                &data.fold_lexicons[fold_of(i)],
                &mut s.lower,
                &mut s.info,
            );
            let guess = greedy(&mut Mode::Learn(&mut self.trainer, gold), &dec, s);
            self.correct += guess.iter().zip(gold).filter(|(a, b)| a == b).count();
            self.total += gold.len();
        }
    }
}

/// Number of folds for jackknifed ambiguity classes.
const JACKKNIFE_FOLDS: usize = 10;

/// Ambiguity lexicons where fold k is built without sentences `i % K == k`.
/// Training sentences see only the lexicon that excludes them, so (as on
/// unseen text) a word's tag set is sometimes missing or incomplete instead
/// of always containing its gold tag.
fn jackknife_lexicons(train: &[Sentence], opts: &TrainOptions) -> Vec<Lexicon> {
    (0..JACKKNIFE_FOLDS)
        .map(|k| {
            let others = train.iter().enumerate().filter(|&(i, _)| fold_of(i) != k);
            Lexicon {
                ambiguity: build_ambiguity(others.map(|(_, s)| s), opts.ambiguity_min_count),
                clusters: opts.clusters.clone().unwrap_or_default(),
            }
        })
        .collect()
}

/// Labels by descending frequency (ties by tag order), so ids are stable.
fn collect_labels(train: &[Sentence]) -> Vec<Label> {
    let mut counts: HashMap<Label, usize> = HashMap::new();
    for t in train.iter().flat_map(|s| &s.tokens) {
        *counts
            .entry(Label {
                xpos: t.xpos,
                upos: t.upos,
            })
            .or_default() += 1;
    }
    let mut labels: Vec<(Label, usize)> = counts.into_iter().collect();
    labels.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    labels.into_iter().map(|(l, _)| l).collect()
}

fn build_tag_dict(train: &[Sentence], gold: &[Vec<u16>], opts: &TrainOptions) -> HashedMap<u16> {
    let mut counts: HashMap<&str, HashMap<u16, usize>> = HashMap::new();
    for (s, labels) in train.iter().zip(gold) {
        for (t, &l) in s.tokens.iter().zip(labels) {
            *counts.entry(&t.form).or_default().entry(l).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(form, by_label)| {
            let total: usize = by_label.values().sum();
            let (label, n) = by_label
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            let keep = total >= opts.tag_dict_min_count
                && n as f64 >= opts.tag_dict_min_ratio * total as f64;
            keep.then(|| (hash_str(form), label))
        })
        .collect()
}

/// Lowercase word -> bit set of XPOS tags seen with it (tags under 1% of
/// its occurrences are treated as noise).
fn build_ambiguity<'a>(
    train: impl Iterator<Item = &'a Sentence>,
    min_count: usize,
) -> HashedMap<u64> {
    let mut counts: HashMap<String, [u32; 64]> = HashMap::new();
    for t in train.flat_map(|s| &s.tokens) {
        counts.entry(t.form.to_lowercase()).or_insert([0; 64])[t.xpos.index()] += 1;
    }
    counts
        .into_iter()
        .filter_map(|(word, by_tag)| {
            let total: u32 = by_tag.iter().sum();
            let mask = by_tag
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n > 0 && n * 100 >= total)
                .fold(0u64, |m, (i, _)| m | 1 << i);
            (total as usize >= min_count).then(|| (hash_str(&word), mask))
        })
        .collect()
}

/// Accuracy of `tagger` against gold annotation (gold tokenization).
pub fn evaluate(tagger: &Tagger, gold: &[Sentence]) -> TaggerScores {
    let (mut tokens, mut upos, mut xpos, mut lemma) = (0usize, 0usize, 0usize, 0usize);
    for sentence in gold {
        let predicted = tagger.tag(&sentence.forms());
        for (p, g) in predicted.iter().zip(&sentence.tokens) {
            tokens += 1;
            upos += usize::from(p.upos == g.upos);
            xpos += usize::from(p.xpos == g.xpos);
            lemma += usize::from(p.lemma == g.lemma);
        }
    }
    TaggerScores {
        tokens,
        upos: percent(upos, tokens),
        xpos: percent(xpos, tokens),
        lemma: percent(lemma, tokens),
    }
}

/// `n` out of `total` in percent (0 for an empty total).
pub(crate) fn percent(n: usize, total: usize) -> f64 {
    100.0 * n as f64 / total.max(1) as f64
}
