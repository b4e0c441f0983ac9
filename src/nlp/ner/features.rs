//! Token features. Everything string-dependent is computed once per token
//! into a [`TokInfo`]; [`extract`] then only combines hashes.

use crate::nlp::hash::{HashedMap, feature, hash_str};
use crate::nlp::ner::casing::{Case, CaseCounts, Style, case_of, count_cases, sentence_style};
use crate::nlp::ner::doc::{NerInput, NerToken};
use crate::nlp::ner::gazetteer::{GazCodes, N_CATEGORIES, match_sentence, token_key};
use crate::nlp::ner::label::{Label, N_LABELS};
use crate::nlp::ner::rules::Cue;
use crate::nlp::tags::Xpos;

/// Per-token facts that do not depend on predictions.
#[derive(Debug, Clone)]
pub(crate) struct TokInfo {
    /// Exact form (typographic quotes straightened).
    word: u64,
    /// Lowercase form with digits mapped to 0.
    lower: u64,
    /// Case-folded form: key of gazetteer, case profile and history.
    pub(crate) key: u64,
    shape: u64,
    short: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 5],
    pub(crate) pos: Xpos,
    pub(crate) case: Case,
    /// Corpus case profile bucket (see [`CaseCounts::bucket`]).
    profile: u8,
    pub(crate) gaz: GazCodes,
    /// Written lowercase elsewhere in the document.
    doc_lower: bool,
    /// Written capitalized mid-sentence elsewhere in the document.
    doc_cap: bool,
    /// What the word tells the post-decoding rules.
    pub(crate) cue: Cue,
    /// Ends in "s", as plural nouns and plural demonyms do.
    pub(crate) plural_ending: bool,
}

/// A sentence ready for feature extraction.
#[derive(Debug, Clone)]
pub(crate) struct SentInfo {
    pub(crate) tokens: Vec<TokInfo>,
    style: Style,
}

/// Straightens typographic quotes and dashes so that text from outside
/// Reuters shares features with the training data.
pub(crate) fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else {
        c
    }
}

/// Long shape (one symbol per char, capped) and short shape (runs collapsed).
fn shapes(word: &str) -> (u64, u64) {
    let mut long = String::with_capacity(word.len().min(16));
    let mut short = String::with_capacity(8);
    for c in word.chars() {
        let s = shape_char(c);
        if long.len() < 16 {
            long.push(s);
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    (hash_str(&long), hash_str(&short))
}

fn affixes(lower: &str) -> ([u64; 4], [u64; 5]) {
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let n = chars.len();
    let mut prefixes = [0u64; 4];
    let mut suffixes = [0u64; 5];
    for (k, p) in prefixes.iter_mut().enumerate() {
        if k + 1 < n {
            let end = chars[k + 1].0;
            *p = hash_str(&lower[..end]);
        }
    }
    for (k, s) in suffixes.iter_mut().enumerate() {
        if k + 1 < n {
            let start = chars[n - k - 1].0;
            *s = hash_str(&lower[start..]);
        }
    }
    (prefixes, suffixes)
}

fn lexical_info(token: &NerToken) -> TokInfo {
    let word = token.word.as_str();
    let norm = normalize(word);
    let lower_raw = norm.to_lowercase();
    let lower: String = lower_raw
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let (shape, short) = shapes(&norm);
    let (prefixes, suffixes) = affixes(&lower);
    TokInfo {
        word: hash_str(&norm),
        lower: hash_str(&lower),
        key: token_key(&norm),
        shape,
        short,
        prefixes,
        suffixes,
        pos: token.pos,
        case: case_of(&norm),
        profile: 0,
        gaz: [0; N_CATEGORIES],
        doc_lower: false,
        doc_cap: false,
        cue: Cue::of(&lower_raw, case_of(&norm)),
        plural_ending: lower_raw.ends_with('s'),
    }
}

/// Lookups that the caller controls, so training can hide a document's own
/// contribution (leave-one-document-out) and test time uses everything.
pub(crate) trait Resources {
    fn gazetteer(&self, phrase: u64) -> u8;
    /// Case profile bucket of a case-folded word (see [`CaseCounts::bucket`]).
    fn case_bucket(&self, key: u64) -> u8;
}

/// Computes all static token facts of a document, including the document
/// level capitalization counts.
pub(crate) fn prepare(doc: &NerInput, res: &impl Resources) -> Vec<SentInfo> {
    let mut sents: Vec<SentInfo> = doc
        .sentences
        .iter()
        .map(|s| {
            let tokens: Vec<TokInfo> = s.iter().map(lexical_info).collect();
            let words: Vec<&str> = s.iter().map(|t| t.word.as_str()).collect();
            let cases: Vec<Case> = tokens.iter().map(|t| t.case).collect();
            let style = sentence_style(&words, &cases);
            SentInfo { tokens, style }
        })
        .collect();
    let mut doc_counts: HashedMap<CaseCounts> = HashedMap::default();
    for s in sents.iter().filter(|s| s.style == Style::Normal) {
        let keys: Vec<u64> = s.tokens.iter().map(|t| t.key).collect();
        let cases: Vec<Case> = s.tokens.iter().map(|t| t.case).collect();
        count_cases(&keys, &cases, &mut doc_counts);
    }
    for s in &mut sents {
        let keys: Vec<u64> = s.tokens.iter().map(|t| t.key).collect();
        let codes = match_sentence(&keys, |p| res.gazetteer(p));
        let normal = s.style == Style::Normal;
        for (i, (t, gaz)) in s.tokens.iter_mut().zip(codes).enumerate() {
            t.gaz = gaz;
            t.profile = res.case_bucket(t.key);
            let counts = doc_counts.get(&t.key).copied().unwrap_or_default();
            let counted_self = normal && i > 0 && matches!(t.case, Case::Initial | Case::Upper);
            t.doc_lower = counts.lower > 0 && t.case != Case::Lower;
            t.doc_cap = counts.cap > u32::from(counted_self);
        }
    }
    sents
}

/// Labels predicted so far in the document, per case-folded word: the
/// "same token earlier in the document" consistency feature.
#[derive(Default)]
pub(crate) struct History {
    seen: HashedMap<[u16; 5]>,
}

impl History {
    /// Records a decoded sentence (capitalized tokens only: lowercase
    /// occurrences say nothing about the name).
    pub(crate) fn record(&mut self, sent: &SentInfo, labels: &[usize]) {
        for (t, &l) in sent.tokens.iter().zip(labels) {
            if !t.case.is_capitalized() {
                continue;
            }
            let slot = Label::from_index(l).kind().map_or(0, |k| k.index() + 1);
            let e = self.seen.entry(t.key).or_insert([0; 5]);
            e[slot] = e[slot].saturating_add(1);
        }
    }

    /// 0 = never seen; else the most frequent slot (O or a kind) and how
    /// often it was seen (capped), so a name labelled LOC five times weighs
    /// more than one seen once.
    fn code(&self, key: u64) -> u64 {
        let Some(counts) = self.seen.get(&key) else {
            return 0;
        };
        let mut best = 0;
        for (i, &c) in counts.iter().enumerate() {
            if c > counts[best] {
                best = i;
            }
        }
        let unanimous = counts.iter().filter(|&&c| c > 0).count() == 1;
        1 + best as u64 + 8 * u64::from(counts[best].min(3)) + 64 * u64::from(unanimous)
    }
}

// Template ids.
const BIAS: u32 = 0;
const WORD: u32 = 1;
const LOWER: u32 = 2;
const LOWER_AT: u32 = 3; // + offset index
const BIGRAM_L: u32 = 10;
const BIGRAM_R: u32 = 11;
const SHAPE: u32 = 12;
const SHORT_AT: u32 = 13; // + offset index
const SHORT3: u32 = 20;
const PREFIX: u32 = 21; // + k
const SUFFIX: u32 = 26; // + k
const POS_AT: u32 = 32; // + offset index
const POS_BI_L: u32 = 38;
const POS_BI_R: u32 = 39;
const POS_SHORT: u32 = 40;
const STYLE_CASE: u32 = 41;
const STYLE_SHORT: u32 = 42;
const PROFILE: u32 = 43;
const PROFILE_AT: u32 = 44; // + offset index
const DOC: u32 = 50;
const HIST: u32 = 51;
const HIST_CASE: u32 = 52;
const GAZ: u32 = 53;
const GAZ_AT: u32 = 54;
const LOWER_L_SHORT: u32 = 55;
const SHORT_LOWER_R: u32 = 56;
const GAZ_ALL: u32 = 57;
const WORD_STYLE: u32 = 58;
/// Transition feature (previous label, or START); the class is the next label.
pub(crate) const TRANSITION: u32 = 60;

const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
const BOUNDARY: u64 = 0xb0b0;

fn at(s: &SentInfo, i: usize, offset: isize) -> Option<&TokInfo> {
    i.checked_add_signed(offset).and_then(|j| s.tokens.get(j))
}

/// Appends the features of token `i` to `out`.
pub(crate) fn extract(s: &SentInfo, i: usize, history: &History, out: &mut Vec<u64>) {
    let t = &s.tokens[i];
    let style = s.style as u64;
    let lower_of = |o| at(s, i, o).map_or(BOUNDARY, |x: &TokInfo| x.lower);
    let short_of = |o| at(s, i, o).map_or(BOUNDARY, |x: &TokInfo| x.short);
    let pos_of = |o| at(s, i, o).map_or(BOUNDARY, |x: &TokInfo| x.pos.index() as u64);
    let case = t.case as u64;
    out.push(feature(BIAS, &[]));
    out.push(feature(WORD, &[t.word]));
    out.push(feature(LOWER, &[t.lower]));
    out.push(feature(WORD_STYLE, &[t.lower, style, case]));
    for (k, &o) in OFFSETS.iter().enumerate() {
        out.push(feature(LOWER_AT + k as u32, &[lower_of(o)]));
        out.push(feature(POS_AT + k as u32, &[pos_of(o)]));
    }
    out.push(feature(BIGRAM_L, &[lower_of(-1), t.lower]));
    out.push(feature(BIGRAM_R, &[t.lower, lower_of(1)]));
    out.push(feature(SHAPE, &[t.shape]));
    for (k, o) in [-1isize, 0, 1].into_iter().enumerate() {
        out.push(feature(SHORT_AT + k as u32, &[short_of(o)]));
    }
    out.push(feature(SHORT3, &[short_of(-1), t.short, short_of(1)]));
    for (k, &p) in t.prefixes.iter().enumerate().filter(|(_, p)| **p != 0) {
        out.push(feature(PREFIX + k as u32, &[p]));
    }
    for (k, &x) in t.suffixes.iter().enumerate().filter(|(_, x)| **x != 0) {
        out.push(feature(SUFFIX + k as u32, &[x]));
    }
    let pos = t.pos.index() as u64;
    out.push(feature(POS_AT + 4, &[pos]));
    out.push(feature(POS_BI_L, &[pos_of(-1), pos]));
    out.push(feature(POS_BI_R, &[pos, pos_of(1)]));
    out.push(feature(POS_SHORT, &[pos, t.short]));
    out.push(feature(STYLE_CASE, &[style, case, u64::from(i == 0)]));
    out.push(feature(STYLE_SHORT, &[style, t.short]));
    let profile = u64::from(t.profile);
    out.push(feature(PROFILE, &[style, profile, case, u64::from(i == 0)]));
    for (k, &o) in [-1isize, 1].iter().enumerate() {
        let p = at(s, i, o).map_or(BOUNDARY, |x| u64::from(x.profile) | (x.case as u64) << 8);
        out.push(feature(PROFILE_AT + k as u32, &[style, p]));
    }
    out.push(feature(
        DOC,
        &[style, case, u64::from(t.doc_lower), u64::from(t.doc_cap)],
    ));
    let hist = history.code(t.key);
    if hist != 0 {
        out.push(feature(HIST, &[hist]));
        out.push(feature(HIST, &[hist % 8]));
        out.push(feature(HIST_CASE, &[hist, case, style]));
        // Whether the neighbours are capitalized too: a surname seen alone
        // before ("Saleh") must still join "Amrullah Saleh" later.
        let cap = |o| at(s, i, o).is_some_and(|x: &TokInfo| x.case.is_capitalized());
        out.push(feature(
            HIST_CASE,
            &[hist % 8, u64::from(cap(-1)), u64::from(cap(1))],
        ));
    }
    let mut all = 0u64;
    for (cat, &code) in t.gaz.iter().enumerate() {
        all = all << 3 | u64::from(code);
        if code != 0 {
            out.push(feature(GAZ, &[cat as u64, u64::from(code)]));
            out.push(feature(GAZ, &[cat as u64, u64::from(code), case]));
        }
    }
    out.push(feature(GAZ_ALL, &[all]));
    for (k, &o) in [-1isize, 1].iter().enumerate() {
        if let Some(x) = at(s, i, o) {
            for (cat, &code) in x.gaz.iter().enumerate().filter(|(_, c)| **c != 0) {
                out.push(feature(GAZ_AT, &[k as u64, cat as u64, u64::from(code)]));
            }
        }
    }
    out.push(feature(LOWER_L_SHORT, &[lower_of(-1), t.short]));
    out.push(feature(SHORT_LOWER_R, &[t.short, lower_of(1)]));
}

/// Transition feature for `prev` (None = sentence start); index with the
/// next label as class.
pub(crate) fn transition(prev: Option<usize>) -> u64 {
    feature(TRANSITION, &[prev.map_or(N_LABELS as u64, |p| p as u64)])
}
