//! Labelled dependency parser for English (UD English EWT): greedy
//! arc-hybrid transitions scored by the shared averaged perceptron, trained
//! with a dynamic oracle and exploration (Goldberg & Nivre 2012, 2013).
//!
//! Map of the module:
//! * `transition` — arc-hybrid configurations with the root at the end of
//!   the buffer; guarantees a single-rooted tree;
//! * `oracle` — dynamic-oracle action costs (Goldberg & Nivre 2013);
//! * `tree` — tree checks and projectivization of training trees (lifting);
//! * `features` — Zhang & Nivre (2011)-style hashed feature templates;
//! * `actions` — labelled transitions <-> class ids, legal-action argmax;
//! * [`deprel`] — the closed set of UD relations;
//! * [`jackknife`] — predicted tags for the training data.
//!
//! Non-projective training trees are projectivized by lifting (no label
//! encoding), so the parser never outputs crossing arcs; in EWT only 0.15%
//! of the arcs (2% of the sentences) are non-projective.

mod actions;
pub mod deprel;
mod features;
pub mod jackknife;
mod oracle;
pub mod search;
mod transition;
mod tree;

pub use deprel::{DepRel, UnknownDepRel};
pub use jackknife::jackknife_tags;

use crate::nlp::NlpError;
use crate::nlp::conllu::Sentence;
use crate::nlp::model_io::{Format, ModelFile, delta_decode, encode_map};
use crate::nlp::perceptron::{MAX_CLASSES, Scorer, StoredWeights, Trainer, Weights, finalize_mean};
use crate::nlp::rng::SplitMix64;
use crate::nlp::tagger::clusters::{CLUSTER_LEVELS, WordClusters};
use crate::nlp::tagger::{Tagger, percent};
use crate::nlp::tags::{Upos, Xpos};
use actions::ActionTable;
use features::{TokenInfo, extract, sentence_info};
use oracle::{Gold, MoveCosts};
use search::{BEAM_MAX_WORDS, Decoding, beam_search};
use serde::{Deserialize, Serialize};
use transition::{Action, Config};
use tree::{is_tree, projectivize};

/// File identity of parser models; bump `version` on any change to the
/// layout, the feature templates or the hashing.
pub const PARSER_FORMAT: Format = Format {
    name: "kg parser",
    magic: *b"KGPARSER",
    version: 3,
};

/// The head and relation of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// 1-based index of the head word; 0 is the root.
    pub head: u32,
    pub deprel: DepRel,
}

#[derive(Debug, Clone)]
pub struct ParserTrainOptions {
    /// Passes over the training data (at least one is always run).
    pub epochs: usize,
    /// Seeds the sentence shuffle and the exploration coin flips.
    pub seed: u64,
    /// Averaged weights with smaller magnitude are dropped from the model.
    pub prune: f64,
    /// First (1-based) epoch in which training follows the model's own
    /// mistakes; earlier epochs follow the oracle. A model that has not
    /// learned anything yet makes uninformative mistakes.
    pub explore_from_epoch: usize,
    /// Probability of following a wrong prediction once exploring (values
    /// outside 0..=1 act as 0 or 1).
    pub explore_prob: f64,
    /// Independent runs (shuffles and exploration seeded `seed`, `seed + 1`,
    /// ...) whose averaged weights are averaged into the model: this
    /// removes part of the variance the training order causes. Runs train
    /// in parallel threads.
    pub runs: usize,
    /// Word clusters (the tagger's, see [`Tagger::clusters`]), stored in
    /// the model and used as features.
    pub clusters: WordClusters,
}

impl Default for ParserTrainOptions {
    fn default() -> Self {
        Self {
            epochs: 6,
            seed: 1,
            // Measured on dev: pruning at 1.5 keeps ~20% of the weights
            // (~9 MB instead of ~37 MB, 3x faster) for ~0.2 UAS.
            prune: 1.5,
            explore_from_epoch: 2,
            explore_prob: 0.9,
            runs: 1,
            clusters: WordClusters::default(),
        }
    }
}

/// Attachment scores in percent over `tokens` words (punctuation included).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParserScores {
    pub tokens: usize,
    pub uas: f64,
    pub las: f64,
}

/// Progress after one training epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParserEpochReport {
    /// 1-based.
    pub epoch: usize,
    /// Percent of training decisions where the online model's choice was
    /// optimal (zero extra cost).
    pub train_accuracy: f64,
    /// Training sentences left out because their heads do not form a tree.
    pub skipped_sentences: usize,
    pub dev: Option<ParserScores>,
}

pub struct Parser {
    actions: ActionTable,
    weights: Weights,
    clusters: WordClusters,
    /// Not stored in the file: [`Decoding::default`] on load.
    decoding: Decoding,
}

/// Serialized form of a [`Parser`] (opaque; see [`ModelFile`]).
#[derive(Deserialize)]
pub struct ParserFile {
    labels: Vec<DepRel>,
    weights: StoredWeights,
    clusters: Vec<(u64, [u16; CLUSTER_LEVELS])>,
}

/// Borrowed mirror of [`ParserFile`] for saving; keep the fields in sync.
#[derive(Serialize)]
pub struct ParserFileRef<'a> {
    labels: &'a [DepRel],
    weights: &'a StoredWeights,
    clusters: Vec<(u64, [u16; CLUSTER_LEVELS])>,
}

/// Reusable per-sentence buffers.
struct Scratch {
    info: Vec<TokenInfo>,
    lower: String,
    features: Vec<u64>,
    scores: Vec<i32>,
}

impl Scratch {
    fn new(n_classes: usize) -> Self {
        Self {
            info: Vec::new(),
            lower: String::new(),
            features: Vec::with_capacity(160),
            scores: vec![0; n_classes],
        }
    }
}

impl Parser {
    /// Parses one sentence. `upos` and `xpos` are the words' tags; if they
    /// are shorter than `words` (a caller bug), missing tags read as `X`/`XX`.
    /// The result always has one arc per word and forms a tree with exactly
    /// one word attached to the root.
    pub fn parse(&self, words: &[&str], upos: &[Upos], xpos: &[Xpos]) -> Vec<Arc> {
        let mut s = Scratch::new(self.actions.n_classes());
        let upos = pad_tags(upos, words.len(), Upos::X);
        let xpos = pad_tags(xpos, words.len(), Xpos::Xx);
        sentence_info(
            words,
            &upos,
            &xpos,
            &self.clusters,
            &mut s.lower,
            &mut s.info,
        );
        let c = match &self.decoding {
            Decoding::Beam(search) if words.len() <= BEAM_MAX_WORDS => {
                let points_per_unit = f64::from(self.weights.scale());
                beam_search(
                    search,
                    &self.actions,
                    words.len(),
                    points_per_unit,
                    |c, scores| {
                        extract(&s.info, c, &mut s.features);
                        self.weights.score(&s.features, scores);
                    },
                )
            }
            _ => self.parse_greedy(words.len(), &mut s),
        };
        c.arcs()
            .map(|(head, label)| Arc {
                head,
                deprel: label.unwrap_or(DepRel::Dep),
            })
            .collect()
    }

    fn parse_greedy(&self, n_words: usize, s: &mut Scratch) -> Config {
        let mut c = Config::new(n_words);
        while let Some(action) = self.predict(&c, s) {
            if !c.apply(action) {
                break;
            }
        }
        c
    }

    fn predict(&self, c: &Config, s: &mut Scratch) -> Option<Action> {
        extract(&s.info, c, &mut s.features);
        self.weights.score(&s.features, &mut s.scores);
        let class = self.actions.best_legal(c, &s.scores)?;
        Some(self.actions.action(class))
    }

    /// How [`Parser::parse`] searches; [`Decoding::default`] after loading
    /// or training.
    pub fn decoding(&self) -> Decoding {
        self.decoding
    }

    pub fn set_decoding(&mut self, decoding: Decoding) {
        self.decoding = decoding;
    }

    /// Relations the model can predict.
    pub fn labels(&self) -> &[DepRel] {
        self.actions.labels()
    }

    /// Number of non-zero (feature, transition) weights after pruning.
    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }
}

impl ModelFile for Parser {
    const FORMAT: Format = PARSER_FORMAT;
    type Saved<'a> = ParserFileRef<'a>;
    type Loaded = ParserFile;

    fn to_saved(&self) -> Self::Saved<'_> {
        ParserFileRef {
            labels: self.actions.labels(),
            weights: self.weights.stored(),
            clusters: encode_map(&self.clusters.map),
        }
    }

    fn from_loaded(file: ParserFile) -> Result<Self, NlpError> {
        let actions =
            ActionTable::from_stored(file.labels).ok_or(NlpError::CorruptModel("label table"))?;
        let weights =
            Weights::from_stored(file.weights).ok_or(NlpError::CorruptModel("weight arrays"))?;
        if weights.n_classes() != actions.n_classes() {
            return Err(NlpError::CorruptModel("class count"));
        }
        let clusters = WordClusters {
            map: delta_decode(file.clusters).collect(),
        };
        Ok(Self {
            actions,
            weights,
            clusters,
            decoding: Decoding::default(),
        })
    }
}

/// `tags` extended with `fill` up to `len` (borrowed when already long enough).
fn pad_tags<T: Copy>(tags: &[T], len: usize, fill: T) -> std::borrow::Cow<'_, [T]> {
    if tags.len() >= len {
        std::borrow::Cow::Borrowed(&tags[..len])
    } else {
        let mut v = tags.to_vec();
        v.resize(len, fill);
        std::borrow::Cow::Owned(v)
    }
}

/// One training sentence with projectivized gold heads.
struct Example<'a> {
    words: Vec<&'a str>,
    upos: Vec<Upos>,
    xpos: Vec<Xpos>,
    heads: Vec<u32>,
    labels: Vec<DepRel>,
}

/// Converts sentences to examples; `Ok(None)` for a sentence whose heads
/// are missing or do not form a tree.
fn example(sentence: &Sentence) -> Result<Option<Example<'_>>, UnknownDepRel> {
    let labels = sentence
        .tokens
        .iter()
        .map(|t| t.deprel.parse::<DepRel>())
        .collect::<Result<Vec<_>, _>>()?;
    let heads: Option<Vec<u32>> = sentence.tokens.iter().map(|t| t.head).collect();
    let Some(heads) = heads.filter(|h| is_tree(h)).and_then(|h| projectivize(&h)) else {
        return Ok(None);
    };
    Ok(Some(Example {
        words: sentence.forms(),
        upos: sentence.tokens.iter().map(|t| t.upos).collect(),
        xpos: sentence.tokens.iter().map(|t| t.xpos).collect(),
        heads,
        labels,
    }))
}

fn examples(train: &[Sentence]) -> Result<(Vec<Example<'_>>, usize), NlpError> {
    let mut out = Vec::with_capacity(train.len());
    let mut skipped = 0;
    for (i, sentence) in train.iter().enumerate() {
        match example(sentence) {
            Ok(Some(ex)) => out.push(ex),
            Ok(None) => skipped += 1,
            Err(source) => {
                return Err(NlpError::InvalidTrainingData {
                    sentence: i,
                    message: source.to_string(),
                });
            }
        }
    }
    if out.is_empty() {
        return Err(NlpError::NoTrainingData);
    }
    Ok((out, skipped))
}

/// Training state of one run, shared across its sentences.
struct Learner<'a> {
    actions: &'a ActionTable,
    clusters: &'a WordClusters,
    trainer: Trainer,
    rng: SplitMix64,
    explore_prob: f64,
    scratch: Scratch,
    /// Per-class cost of the current configuration (`None` = illegal).
    costs: Vec<Option<u32>>,
    correct: u64,
    decisions: u64,
    /// Visiting order of the training examples, reshuffled every epoch.
    order: Vec<usize>,
}

impl<'a> Learner<'a> {
    fn new(actions: &'a ActionTable, opts: &'a ParserTrainOptions, run: usize, n: usize) -> Self {
        let n_classes = actions.n_classes();
        Self {
            actions,
            clusters: &opts.clusters,
            trainer: Trainer::new(n_classes),
            rng: SplitMix64::new(opts.seed.wrapping_add(run as u64)),
            explore_prob: opts.explore_prob,
            scratch: Scratch::new(n_classes),
            costs: vec![None; n_classes],
            correct: 0,
            decisions: 0,
            order: (0..n).collect(),
        }
    }

    /// One pass over `data` in a fresh random order.
    fn epoch(&mut self, data: &[Example], explore: bool) {
        self.rng.shuffle(&mut self.order);
        (self.correct, self.decisions) = (0, 0);
        let order = std::mem::take(&mut self.order);
        for &i in &order {
            self.learn(&data[i], explore);
        }
        self.order = order;
    }

    /// Parses one example with the online weights, updating on every
    /// decision whose prediction is not optimal.
    fn learn(&mut self, ex: &Example, explore: bool) {
        sentence_info(
            &ex.words,
            &ex.upos,
            &ex.xpos,
            self.clusters,
            &mut self.scratch.lower,
            &mut self.scratch.info,
        );
        let gold = Gold {
            heads: &ex.heads,
            labels: &ex.labels,
        };
        let mut c = Config::new(ex.words.len());
        while !c.is_terminal() {
            let Some(next) = self.step(&c, &gold, explore) else {
                return;
            };
            if !c.apply(self.actions.action(next)) {
                return;
            }
        }
    }

    /// One decision: returns the class to follow.
    fn step(&mut self, c: &Config, gold: &Gold, explore: bool) -> Option<usize> {
        let s = &mut self.scratch;
        extract(&s.info, c, &mut s.features);
        self.trainer.score(&s.features, &mut s.scores);
        let move_costs = MoveCosts::new(c, gold);
        for (class, cost) in self.costs.iter_mut().enumerate() {
            *cost = move_costs.action_cost(c, gold, self.actions.action(class));
        }
        let min_cost = self.costs.iter().flatten().min().copied()?;
        let guess = self.actions.best_legal(c, &s.scores)?;
        let truth = best_among(&s.scores, &self.costs, min_cost)?;
        self.trainer.tick();
        self.decisions += 1;
        if self.costs[guess] == Some(min_cost) {
            self.correct += 1;
            return Some(guess);
        }
        self.trainer.reward(&s.features, truth, guess);
        let follow_guess = explore && self.rng.unit() < self.explore_prob;
        Some(if follow_guess { guess } else { truth })
    }
}

/// Highest-scoring class among those of cost `min_cost`.
fn best_among(scores: &[i32], costs: &[Option<u32>], min_cost: u32) -> Option<usize> {
    costs
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Some(min_cost))
        .max_by(|(a, _), (b, _)| scores[*a].cmp(&scores[*b]).then(b.cmp(a)))
        .map(|(class, _)| class)
}

/// Trains a parser. Sentence tags are used as given, so pass sentences
/// re-tagged by a tagger (see [`jackknife_tags`]) to train on
/// realistic, noisy tags. `on_epoch` is called after every epoch, with dev
/// scores of the averaged model when `dev` is given (scored on `dev`'s own
/// tags).
pub fn train_parser(
    train: &[Sentence],
    dev: Option<&[Sentence]>,
    opts: &ParserTrainOptions,
    mut on_epoch: impl FnMut(ParserEpochReport),
) -> Result<Parser, NlpError> {
    let (data, skipped) = examples(train)?;
    let actions = ActionTable::new(data.iter().flat_map(|ex| ex.labels.iter().copied()));
    debug_assert!(actions.n_classes() <= MAX_CLASSES);
    let mut learners: Vec<Learner> = (0..opts.runs.max(1))
        .map(|run| Learner::new(&actions, opts, run, data.len()))
        .collect();
    let epochs = opts.epochs.max(1);
    let mut parser = None;
    for epoch in 1..=epochs {
        let explore = epoch >= opts.explore_from_epoch;
        std::thread::scope(|scope| {
            for learner in &mut learners {
                let data = &data;
                scope.spawn(move || learner.epoch(data, explore));
            }
        });
        let correct = learners.iter().map(|l| l.correct as usize).sum();
        let decisions = learners.iter().map(|l| l.decisions as usize).sum();
        let mut report = ParserEpochReport {
            epoch,
            train_accuracy: percent(correct, decisions),
            skipped_sentences: skipped,
            dev: None,
        };
        if dev.is_some() || epoch == epochs {
            let trainers: Vec<&Trainer> = learners.iter().map(|l| &l.trainer).collect();
            let model = Parser {
                actions: actions.clone(),
                weights: finalize_mean(&trainers, opts.prune),
                clusters: opts.clusters.clone(),
                decoding: Decoding::default(),
            };
            report.dev = dev.map(|d| evaluate_parser(&model, None, d));
            parser = Some(model);
        }
        on_epoch(report);
    }
    parser.ok_or(NlpError::NoTrainingData)
}

/// Scores `parser` on gold-tokenized `gold` sentences. Tags come from
/// `tagger` when given, else from the sentences themselves. Every word
/// counts, punctuation included (as in the CoNLL 2018 shared task); a
/// label matches when its spelling equals the gold DEPREL.
pub fn evaluate_parser(
    parser: &Parser,
    tagger: Option<&Tagger>,
    gold: &[Sentence],
) -> ParserScores {
    let (mut tokens, mut heads_ok, mut labels_ok) = (0usize, 0usize, 0usize);
    for sentence in gold {
        let words = sentence.forms();
        let (upos, xpos): (Vec<Upos>, Vec<Xpos>) = match tagger {
            Some(t) => t.tag_pos(&words).into_iter().unzip(),
            None => sentence.tokens.iter().map(|t| (t.upos, t.xpos)).unzip(),
        };
        for (arc, token) in parser
            .parse(&words, &upos, &xpos)
            .iter()
            .zip(&sentence.tokens)
        {
            tokens += 1;
            if token.head == Some(arc.head) {
                heads_ok += 1;
                labels_ok += usize::from(arc.deprel.as_str() == token.deprel);
            }
        }
    }
    ParserScores {
        tokens,
        uas: percent(heads_ok, tokens),
        las: percent(labels_ok, tokens),
    }
}
