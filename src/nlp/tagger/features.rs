//! Feature extraction for the tagger. Per-word facts are hashed once per
//! sentence into [`WordInfo`]; per-position features are then just a few
//! `mix` calls on those hashes, with no allocation.

use super::clusters::{CLUSTER_LEVELS, WordClusters};
use crate::nlp::hash::{HashedMap, feature, finish, hash_str, mix};

/// What the tagger has decided so far, as seen by the next position.
#[derive(Clone, Copy)]
pub(crate) struct History {
    /// The two previous labels (most recent first).
    pub(crate) labels: [u16; 2],
    /// Lowercase hash of the closest preceding verb or modal, and its label:
    /// VBD vs VBN and VB vs VBP depend on an auxiliary or subject that is
    /// often more than two words back.
    pub(crate) verb: u64,
    pub(crate) verb_label: u16,
}

impl History {
    /// State before the first word.
    pub(crate) const START: Self = Self {
        labels: [u16::MAX, u16::MAX - 1],
        verb: 0,
        verb_label: u16::MAX,
    };

    /// State after labelling `word` with `label`.
    pub(crate) fn push(self, label: u16, word: &WordInfo, verbal: bool) -> Self {
        let (verb, verb_label) = if verbal {
            (word.lower, label)
        } else {
            (self.verb, self.verb_label)
        };
        Self {
            labels: [label, self.labels[0]],
            verb,
            verb_label,
        }
    }
}
/// Positions of padding on each side so context windows never go out of bounds.
pub(crate) const PAD: usize = 2;

/// Lexical knowledge extracted from the training data, used as features.
#[derive(Default)]
pub(crate) struct Lexicon {
    /// Lowercase word hash -> bit set of XPOS tags it was seen with.
    pub(crate) ambiguity: HashedMap<u64>,
    /// Distributional classes from unlabelled text (may be empty).
    pub(crate) clusters: WordClusters,
}

/// Hashed facts about one word.
#[derive(Clone, Copy)]
pub(crate) struct WordInfo {
    pub(crate) word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    /// Bit set of [`Flag`]s.
    flags: u32,
    ambiguity: u64,
    clusters: [u16; CLUSTER_LEVELS],
}

#[derive(Clone, Copy)]
enum Flag {
    HasDigit = 0,
    HasHyphen = 1,
    HasUpper = 2,
    InitUpper = 3,
    AllUpper = 4,
    First = 5,
    HasPeriod = 6,
    NoAlpha = 7,
    /// Most words of the sentence are capitalized (headline / title):
    /// capitalization then says little about PROPN vs NOUN.
    TitleSentence = 8,
}

const N_FLAGS: u32 = 9;

impl WordInfo {
    fn padding(side: u64) -> Self {
        let h = finish(side);
        Self {
            word: h,
            lower: h,
            shape: h,
            short_shape: h,
            prefixes: [h; 4],
            suffixes: [h; 4],
            flags: 0,
            ambiguity: h,
            clusters: [u16::MAX - 1; CLUSTER_LEVELS],
        }
    }
}

/// Hashes every word of a sentence (with padding), reusing `lower_buf`.
/// `words` are in decoding order: reversed for the right-to-left model,
/// which is why the sentence's first word is given as `first`.
pub(crate) fn sentence_info(
    words: &[&str],
    first: usize,
    lexicon: &Lexicon,
    lower_buf: &mut String,
    out: &mut Vec<WordInfo>,
) {
    out.clear();
    out.extend([WordInfo::padding(1), WordInfo::padding(2)]);
    for (i, w) in words.iter().enumerate() {
        out.push(word_info(w, i == first, lexicon, lower_buf));
    }
    out.extend([WordInfo::padding(3), WordInfo::padding(4)]);
    if is_title_like(out) {
        out.iter_mut()
            .for_each(|w| w.flags |= 1 << Flag::TitleSentence as u32);
    }
}

fn is_title_like(padded: &[WordInfo]) -> bool {
    let has = |w: &WordInfo, f: Flag| w.flags & (1 << f as u32) != 0;
    let words = padded[PAD..padded.len() - PAD]
        .iter()
        .filter(|w| !has(w, Flag::NoAlpha));
    let (alpha, upper) = words.fold((0, 0), |(a, u), w| {
        (a + 1, u + usize::from(has(w, Flag::InitUpper)))
    });
    alpha >= 3 && upper * 3 >= alpha * 2
}

fn word_info(word: &str, first: bool, lexicon: &Lexicon, lower: &mut String) -> WordInfo {
    lower.clear();
    word.chars().for_each(|c| lower.extend(c.to_lowercase()));
    let lower_hash = hash_str(lower);
    let (shape, short_shape) = shapes(word);
    WordInfo {
        word: hash_str(word),
        lower: lower_hash,
        shape,
        short_shape,
        prefixes: affixes(lower, true),
        suffixes: affixes(lower, false),
        flags: flags(word, first),
        ambiguity: lexicon.ambiguity.get(&lower_hash).copied().unwrap_or(0),
        clusters: lexicon.clusters.get(lower_hash),
    }
}

/// Hashes of the first (or last) 1..=4 characters.
fn affixes(s: &str, prefix: bool) -> [u64; 4] {
    let mut out = [0u64; 4];
    let mut cuts = [s.len(); 4];
    if prefix {
        for (k, (i, c)) in s.char_indices().take(4).enumerate() {
            cuts[k] = i + c.len_utf8();
        }
        for (o, &cut) in out.iter_mut().zip(&cuts) {
            *o = hash_str(&s[..cut]);
        }
    } else {
        cuts = [0; 4];
        for (k, (i, _)) in s.char_indices().rev().take(4).enumerate() {
            cuts[k] = i;
        }
        for (o, &cut) in out.iter_mut().zip(&cuts) {
            *o = hash_str(&s[cut..]);
        }
    }
    out
}

/// Word shape ("Xxxx", "dd-dd") with runs capped at 3, and with runs
/// collapsed to 1 ("Xx", "d-d").
fn shapes(word: &str) -> (u64, u64) {
    let (mut long, mut short) = (0u64, 0u64);
    let mut prev = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class == prev {
            run += 1;
        } else {
            run = 1;
            short = mix(short, class as u64);
        }
        if run <= 3 {
            long = mix(long, class as u64);
        }
        prev = class;
    }
    (finish(long), finish(short ^ 0x5157))
}

fn flags(word: &str, first: bool) -> u32 {
    let mut f = 0u32;
    let mut set = |flag: Flag, on: bool| f |= u32::from(on) << flag as u32;
    let mut chars = word.chars();
    let init_upper = chars.next().is_some_and(char::is_uppercase);
    set(Flag::HasDigit, word.chars().any(|c| c.is_numeric()));
    set(Flag::HasHyphen, word.contains('-'));
    set(Flag::HasUpper, word.chars().any(char::is_uppercase));
    set(Flag::InitUpper, init_upper);
    set(
        Flag::AllUpper,
        word.chars().all(|c| !c.is_lowercase()) && init_upper,
    );
    set(Flag::First, first);
    set(Flag::HasPeriod, word.contains('.'));
    set(Flag::NoAlpha, !word.chars().any(char::is_alphabetic));
    f
}

#[inline]
fn f1(template: u64, a: u64) -> u64 {
    feature(template as u32, &[a])
}

#[inline]
fn f2(template: u64, a: u64, b: u64) -> u64 {
    feature(template as u32, &[a, b])
}

/// Writes the feature hashes for padded position `i` given the two previous
/// predicted labels. Each call site's first argument is its template id, so equal values under different templates never collide.
pub(crate) fn extract(ctx: &[WordInfo], i: usize, history: History, out: &mut Vec<u64>) {
    out.clear();
    let [p1, p2] = history.labels;
    let w = &ctx[i];
    let (prev, prev2, next, next2) = (&ctx[i - 1], &ctx[i - 2], &ctx[i + 1], &ctx[i + 2]);
    let (p1, p2) = (u64::from(p1), u64::from(p2));

    out.push(f1(1, 0));
    out.push(f1(2, w.word));
    out.push(f1(3, w.lower));
    for k in 0..4 {
        out.push(f1(4 + k as u64, w.suffixes[k]));
        out.push(f1(8 + k as u64, w.prefixes[k]));
    }
    out.push(f1(12, w.shape));
    out.push(f1(13, w.short_shape));
    out.push(f1(14, p1));
    out.push(f1(15, prev.lower));
    out.push(f1(16, prev2.lower));
    out.push(f1(17, next.lower));
    out.push(f1(18, next2.lower));
    out.push(f1(19, prev.suffixes[2]));
    out.push(f1(20, next.suffixes[2]));
    out.push(f1(21, w.ambiguity));
    out.push(f1(22, next.ambiguity));
    out.push(f1(23, next2.ambiguity));
    out.push(f1(24, next.short_shape));
    out.push(f1(25, prev.short_shape));
    for bit in 0..N_FLAGS {
        if w.flags & (1 << bit) != 0 {
            out.push(f1(26 + u64::from(bit), 0));
        }
    }
    out.push(f2(40, p1, p2));
    out.push(f2(41, p1, w.lower));
    out.push(f2(42, prev.lower, w.lower));
    out.push(f2(43, w.lower, next.lower));
    out.push(f2(44, w.ambiguity, next.ambiguity));
    out.push(f2(45, p1, w.ambiguity));
    out.push(f2(46, p1, w.suffixes[2]));
    out.push(f2(47, p1, next.lower));
    out.push(f2(48, next.lower, next2.lower));
    out.push(f2(49, p1, next.ambiguity));
    out.push(f2(50, u64::from(w.flags), w.suffixes[1]));
    out.push(f2(51, u64::from(w.flags), w.ambiguity));
    out.push(f2(52, prev.short_shape, w.short_shape));
    out.push(f2(53, u64::from(w.flags), w.lower));
    cluster_features(w, prev, next, p1, out);
    verb_features(w, history, out);
}

/// Long-range left context: the closest preceding verb (templates 90..).
fn verb_features(w: &WordInfo, history: History, out: &mut Vec<u64>) {
    let label = u64::from(history.verb_label);
    out.push(f1(90, history.verb));
    out.push(f2(91, label, w.ambiguity));
    out.push(f2(92, history.verb, w.suffixes[1]));
}

/// Distributional-class features (templates 60..=72).
fn cluster_features(w: &WordInfo, prev: &WordInfo, next: &WordInfo, p1: u64, out: &mut Vec<u64>) {
    for level in 0..CLUSTER_LEVELS {
        let l = level as u64;
        out.push(f1(60 + l, u64::from(w.clusters[level])));
        out.push(f1(64 + l, u64::from(next.clusters[level])));
        out.push(f1(68 + l, u64::from(prev.clusters[level])));
    }
    out.push(f2(72, p1, u64::from(w.clusters[1])));
}
