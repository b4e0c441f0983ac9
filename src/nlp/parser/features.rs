//! Feature templates in the style of Zhang & Nivre (2011), adapted to
//! arc-hybrid: since the right arc links s1 and s0 (not s0 and b0), the
//! s1–s0 pair gets the same word/tag pair and distance templates as s0–b0.
//! Stack words have no head yet in arc-hybrid, so Z&N's head features are
//! dropped.
//!
//! Each feature is a u64 hash of (template number, atom values). Atoms:
//! lower-cased word forms with digits folded to `0`, XPOS and UPOS tags,
//! word clusters, arc labels, distance buckets, valencies and label sets.

use super::transition::{Config, NONE, ROOT};
use crate::nlp::hash::{feature, hash_str};
use crate::nlp::tagger::clusters::{CLUSTER_LEVELS, WordClusters};
use crate::nlp::tags::{Upos, Xpos};

/// Per-word atoms, computed once per sentence. Slot 0 is the root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenInfo {
    word: u64,
    xpos: u8,
    upos: u8,
    /// Word-cluster ids, coarse to fine (see [`WordClusters`]).
    clusters: [u16; CLUSTER_LEVELS],
}

// Reserved atom values for positions that are absent or the root. Tag atoms
// are shifted by 2 so they never collide with these.
const ABSENT: u8 = 0;
const ROOT_TAG: u8 = 1;
const ABSENT_WORD: u64 = 0x6e6f_6e65;
const ROOT_WORD: u64 = 0x726f_6f74;
const ABSENT_CLUSTER: u16 = u16::MAX - 1;
const ROOT_CLUSTER: u16 = u16::MAX - 2;

/// Builds the per-word atoms for a sentence into `out` (cleared first).
/// `scratch` is reused to avoid an allocation per word. The tag slices must
/// be as long as `words` (the parser pads them).
pub(crate) fn sentence_info(
    words: &[&str],
    upos: &[Upos],
    xpos: &[Xpos],
    clusters: &WordClusters,
    scratch: &mut String,
    out: &mut Vec<TokenInfo>,
) {
    out.clear();
    out.push(TokenInfo {
        word: ROOT_WORD,
        xpos: ROOT_TAG,
        upos: ROOT_TAG,
        clusters: [ROOT_CLUSTER; CLUSTER_LEVELS],
    });
    for ((word, u), x) in words.iter().zip(upos).zip(xpos) {
        scratch.clear();
        scratch.extend(word.chars().flat_map(char::to_lowercase));
        let clusters = clusters.get(hash_str(scratch));
        out.push(TokenInfo {
            word: digits_folded_hash(scratch),
            xpos: x.index() as u8 + 2,
            upos: u.index() as u8 + 2,
            clusters,
        });
    }
}

/// Hash of a lower-cased form with ASCII digits folded to `0`, so that
/// "1999" and "2003" share statistics.
fn digits_folded_hash(lower: &mut String) -> u64 {
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        *lower = lower
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
    }
    hash_str(lower)
}

/// Atoms of one configuration position.
#[derive(Clone, Copy)]
struct Pos {
    w: u64,
    p: u64,
    u: u64,
    /// Coarse, middle and fine cluster ids.
    c: [u64; CLUSTER_LEVELS],
}

fn pos(info: &[TokenInfo], token: u32) -> Pos {
    if token == NONE {
        return Pos {
            w: ABSENT_WORD,
            p: u64::from(ABSENT),
            u: u64::from(ABSENT),
            c: [u64::from(ABSENT_CLUSTER); CLUSTER_LEVELS],
        };
    }
    let t = info[token as usize];
    Pos {
        w: t.word,
        p: u64::from(t.xpos),
        u: u64::from(t.upos),
        c: t.clusters.map(u64::from),
    }
}

/// Label atom of `token`'s own arc (0 when absent or unattached).
fn label(c: &Config, token: u32) -> u64 {
    if token == NONE || token == ROOT {
        return 0;
    }
    c.node(token).label.map_or(0, |l| l.index() as u64 + 1)
}

/// Distance bucket between two positions (the root counts as n + 1).
fn distance(c: &Config, a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let place = |t: u32| if t == ROOT { c.n_words() + 1 } else { t };
    match place(a).abs_diff(place(b)) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Pushes hashed features, numbering templates in call order.
struct Sink<'a> {
    out: &'a mut Vec<u64>,
    template: u32,
}

impl Sink<'_> {
    #[inline]
    fn add(&mut self, parts: &[u64]) {
        self.out.push(feature(self.template, parts));
        self.template += 1;
    }
}

/// Children atoms of one stack/buffer word.
struct Kids {
    l1: u32,
    l2: u32,
    r1: u32,
    r2: u32,
    n_left: u64,
    n_right: u64,
    left_set: u64,
    right_set: u64,
}

fn kids(c: &Config, token: u32) -> Kids {
    if token == NONE {
        return Kids {
            l1: NONE,
            l2: NONE,
            r1: NONE,
            r2: NONE,
            n_left: 0,
            n_right: 0,
            left_set: 0,
            right_set: 0,
        };
    }
    let n = c.node(token);
    Kids {
        l1: n.left[0],
        l2: n.left[1],
        r1: n.right[0],
        r2: n.right[1],
        n_left: u64::from(n.n_left),
        n_right: u64::from(n.n_right),
        left_set: n.left_labels,
        right_set: n.right_labels,
    }
}

/// Extracts all features of configuration `c` into `out` (cleared first).
pub(crate) fn extract(info: &[TokenInfo], c: &Config, out: &mut Vec<u64>) {
    out.clear();
    let mut f = Sink { out, template: 0 };
    let (s0i, s1i, s2i) = (c.stack(0), c.stack(1), c.stack(2));
    let (b0i, b1i, b2i) = (c.buffer(0), c.buffer(1), c.buffer(2));
    let [s0, s1, s2, b0, b1, b2] = [s0i, s1i, s2i, b0i, b1i, b2i].map(|t| pos(info, t));
    let (s0k, s1k, b0k) = (kids(c, s0i), kids(c, s1i), kids(c, b0i));
    let child = |t: u32| (pos(info, t), label(c, t));
    let (s0l, s0ll) = child(s0k.l1);
    let (s0r, s0rl) = child(s0k.r1);
    let (s0l2, s0l2l) = child(s0k.l2);
    let (s0r2, s0r2l) = child(s0k.r2);
    let (s1l, s1ll) = child(s1k.l1);
    let (s1r, s1rl) = child(s1k.r1);
    let (b0l, b0ll) = child(b0k.l1);
    let (b0l2, b0l2l) = child(b0k.l2);

    // Single words.
    for x in [s0, s1, b0, b1] {
        f.add(&[x.w, x.p]);
        f.add(&[x.w]);
        f.add(&[x.p]);
    }
    for x in [s2, b2] {
        f.add(&[x.w]);
        f.add(&[x.p]);
    }
    f.add(&[b2.w, b2.p]);

    // Word pairs: s0–b0 (left arc) and s1–s0 (right arc).
    for (a, b) in [(s0, b0), (s1, s0)] {
        f.add(&[a.w, a.p, b.w, b.p]);
        f.add(&[a.w, a.p, b.w]);
        f.add(&[a.w, b.w, b.p]);
        f.add(&[a.w, a.p, b.p]);
        f.add(&[a.p, b.w, b.p]);
        f.add(&[a.w, b.w]);
        f.add(&[a.p, b.p]);
        f.add(&[a.u, b.u]);
    }
    f.add(&[b0.p, b1.p]);
    f.add(&[b0.w, b1.w]);

    // Tag triples.
    f.add(&[b0.p, b1.p, b2.p]);
    f.add(&[s0.p, b0.p, b1.p]);
    f.add(&[s1.p, s0.p, b0.p]);
    f.add(&[s2.p, s1.p, s0.p]);
    f.add(&[s0.p, s0l.p, b0.p]);
    f.add(&[s0.p, s0r.p, b0.p]);
    f.add(&[s0.p, b0.p, b0l.p]);
    f.add(&[s1.p, s0.p, s0l.p]);
    f.add(&[s1.p, s0.p, s0r.p]);
    f.add(&[s1.p, s1r.p, s0.p]);
    f.add(&[s1.p, s1l.p, s0.p]);
    f.add(&[s1.u, s0.u, b0.u]);
    f.add(&[s0.u, b0.u, b1.u]);

    // Distances.
    for (a, b, d) in [
        (s0, b0, distance(c, s0i, b0i)),
        (s1, s0, distance(c, s1i, s0i)),
    ] {
        f.add(&[a.w, d]);
        f.add(&[a.p, d]);
        f.add(&[b.w, d]);
        f.add(&[b.p, d]);
        f.add(&[a.w, b.w, d]);
        f.add(&[a.p, b.p, d]);
    }

    // Valency.
    f.add(&[s0.w, s0k.n_right]);
    f.add(&[s0.p, s0k.n_right]);
    f.add(&[s0.w, s0k.n_left]);
    f.add(&[s0.p, s0k.n_left]);
    f.add(&[s1.w, s1k.n_right]);
    f.add(&[s1.p, s1k.n_right]);
    f.add(&[s1.p, s1k.n_left]);
    f.add(&[b0.w, b0k.n_left]);
    f.add(&[b0.p, b0k.n_left]);

    // Children unigrams (second order) and their labels.
    for (x, l) in [
        (s0l, s0ll),
        (s0r, s0rl),
        (b0l, b0ll),
        (s1l, s1ll),
        (s1r, s1rl),
    ] {
        f.add(&[x.w]);
        f.add(&[x.p]);
        f.add(&[l]);
    }

    // Third order: second children, and child chains.
    for (x, l) in [(s0l2, s0l2l), (s0r2, s0r2l), (b0l2, b0l2l)] {
        f.add(&[x.w]);
        f.add(&[x.p]);
        f.add(&[l]);
    }
    f.add(&[s0.p, s0l.p, s0l2.p]);
    f.add(&[s0.p, s0r.p, s0r2.p]);
    f.add(&[b0.p, b0l.p, b0l2.p]);
    f.add(&[s0.p, s0ll, s0rl]);
    f.add(&[s0.p, s0ll, s0l2l]);
    f.add(&[s0.p, s0rl, s0r2l]);
    f.add(&[b0.p, b0ll, b0l2l]);

    // Label sets.
    f.add(&[s0.w, s0k.right_set]);
    f.add(&[s0.p, s0k.right_set]);
    f.add(&[s0.w, s0k.left_set]);
    f.add(&[s0.p, s0k.left_set]);
    f.add(&[s1.w, s1k.right_set]);
    f.add(&[s1.p, s1k.right_set]);
    f.add(&[b0.w, b0k.left_set]);
    f.add(&[b0.p, b0k.left_set]);

    cluster_features(&mut f, [s0, s1, b0, b1, b2], [s0l, s0r, b0l]);
}

/// Word-cluster templates (Koo et al. 2008): clusters stand in for words
/// that are rare in the treebank, alone and paired with tags.
fn cluster_features(f: &mut Sink, [s0, s1, b0, b1, b2]: [Pos; 5], kids: [Pos; 3]) {
    let (mid, fine) = (1, 2);
    for x in [s0, s1, b0, b1] {
        f.add(&[x.c[mid]]);
        f.add(&[x.c[fine]]);
        f.add(&[x.c[fine], x.p]);
    }
    f.add(&[b2.c[mid]]);
    for (a, b) in [(s0, b0), (s1, s0)] {
        f.add(&[a.c[mid], b.c[mid]]);
        f.add(&[a.c[fine], b.p]);
        f.add(&[a.p, b.c[fine]]);
        f.add(&[a.c[mid], b.p]);
        f.add(&[a.p, b.c[mid]]);
        f.add(&[a.c[0], b.c[0], a.p, b.p]);
    }
    f.add(&[s0.c[0], b0.c[0], b1.c[0]]);
    f.add(&[s0.p, b0.p, b1.c[mid]]);
    for k in kids {
        f.add(&[k.c[mid]]);
    }
}
