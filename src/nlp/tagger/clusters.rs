//! Word clusters learned from unlabelled text, used as tagger features so
//! that rare and unseen words share weights with distributionally similar
//! words.
//!
//! The clustering is a two-sided *predictive exchange* algorithm: each word
//! gets a class so as to maximise the likelihood of
//! `P(class(w_i) | w_{i-1}) * P(class(w_i) | w_{i+1})`. Conditioning on the
//! neighbouring *words* (not their classes) makes moving one word touch only
//! two class columns, so a full pass costs O(classes x bigram types) and is
//! simple to get exactly right. It is run once per granularity; coarse and
//! fine cluster ids then play the role of Brown-cluster bit prefixes.

use crate::nlp::hash::{HashedMap, hash_str};
use std::collections::HashMap;
use std::fmt;

/// Number of granularities stored per word.
pub const CLUSTER_LEVELS: usize = 3;

/// Cluster id meaning "word not in the clustered vocabulary".
pub(crate) const NO_CLUSTER: u16 = u16::MAX;

#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Number of classes at each granularity, coarse to fine.
    pub sizes: [usize; CLUSTER_LEVELS],
    /// Exchange passes over the vocabulary.
    pub iterations: usize,
    /// Words seen fewer times are not clustered (their contexts are noise).
    pub min_count: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        Self {
            sizes: [32, 128, 512],
            iterations: 12,
            min_count: 1,
        }
    }
}

/// Lowercase word form -> cluster id at each granularity.
#[derive(Clone, Default)]
pub struct WordClusters {
    pub(crate) map: HashedMap<[u16; CLUSTER_LEVELS]>,
}

impl fmt::Debug for WordClusters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WordClusters({} words)", self.map.len())
    }
}

impl WordClusters {
    /// Clusters the lowercased words of `sentences` (tokenized). Lowercase
    /// because the unlabelled text is small: it more than doubles how many
    /// unseen dev words get a cluster, and capitalization is already a
    /// feature of its own.
    pub fn learn<S: AsRef<str>>(sentences: &[Vec<S>], opts: &ClusterOptions) -> Self {
        let lower: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| w.as_ref().to_lowercase()).collect())
            .collect();
        let corpus = Corpus::new(&lower, opts.min_count);
        let mut map: HashedMap<[u16; CLUSTER_LEVELS]> = HashedMap::default();
        for w in 1..corpus.words.len() {
            map.insert(hash_str(&corpus.words[w]), [NO_CLUSTER; CLUSTER_LEVELS]);
        }
        for (level, &k) in opts.sizes.iter().enumerate() {
            let classes =
                Exchange::new(&corpus, k.clamp(1, usize::from(NO_CLUSTER))).run(opts.iterations);
            for (w, &c) in classes.iter().enumerate().skip(1) {
                if let Some(ids) = map.get_mut(&hash_str(&corpus.words[w])) {
                    ids[level] = c;
                }
            }
        }
        Self { map }
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Clusters of the word whose lowercase form hashes to `lower_hash`.
    pub(crate) fn get(&self, lower_hash: u64) -> [u16; CLUSTER_LEVELS] {
        self.map
            .get(&lower_hash)
            .copied()
            .unwrap_or([NO_CLUSTER; CLUSTER_LEVELS])
    }
}

/// Word id 0 is the sentence boundary (and all words under `min_count`):
/// a context, never clustered.
struct Corpus {
    words: Vec<String>,
    counts: Vec<u32>,
    /// Per word: (previous word, count) and (next word, count).
    pred: Vec<Vec<(u32, u32)>>,
    succ: Vec<Vec<(u32, u32)>>,
    /// Upper bound of any count the exchange tables can hold.
    max_count: usize,
}

impl Corpus {
    fn new<S: AsRef<str>>(sentences: &[Vec<S>], min_count: usize) -> Self {
        let mut freq: HashMap<&str, u32> = HashMap::new();
        for w in sentences.iter().flatten() {
            *freq.entry(w.as_ref()).or_default() += 1;
        }
        // Frequency-descending, ties by string, so ids (and results) are deterministic.
        let mut vocab: Vec<(&str, u32)> = freq
            .into_iter()
            .filter(|&(_, n)| n as usize >= min_count.max(1))
            .collect();
        vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let ids: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, &(w, _))| (w, i as u32 + 1))
            .collect();
        let mut words = vec![String::new()];
        words.extend(vocab.iter().map(|&(w, _)| w.to_string()));
        let mut counts = vec![0u32];
        counts.extend(vocab.iter().map(|&(_, n)| n));

        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        for s in sentences {
            let seq = s.iter().map(|w| ids.get(w.as_ref()).copied().unwrap_or(0));
            let mut prev = 0u32;
            for id in seq.chain(std::iter::once(0)) {
                *bigrams.entry((prev, id)).or_default() += 1;
                prev = id;
            }
        }
        let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        pairs.sort_unstable();
        let mut pred = vec![Vec::new(); words.len()];
        let mut succ = vec![Vec::new(); words.len()];
        for ((a, b), n) in pairs {
            succ[a as usize].push((b, n));
            pred[b as usize].push((a, n));
        }
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        Self {
            words,
            counts,
            pred,
            succ,
            max_count: tokens + sentences.len() + 1,
        }
    }
}

/// State of one exchange clustering run.
struct Exchange<'a> {
    corpus: &'a Corpus,
    k: usize,
    class: Vec<u16>,
    /// `left[v * k + c]`: how often word v is followed by a word of class c.
    left: Vec<u32>,
    /// `right[v * k + c]`: how often word v is preceded by a word of class c.
    right: Vec<u32>,
    size: Vec<u64>,
    /// `x ln x` for every count that can occur, to avoid `ln` in the hot loop.
    xlogx: Vec<f64>,
}

impl<'a> Exchange<'a> {
    fn new(corpus: &'a Corpus, k: usize) -> Self {
        let n_words = corpus.words.len();
        let xlogx = (0..=corpus.max_count)
            .map(|x| {
                if x == 0 {
                    0.0
                } else {
                    x as f64 * (x as f64).ln()
                }
            })
            .collect();
        let mut ex = Self {
            corpus,
            k,
            // Round-robin by frequency rank spreads frequent words out.
            class: (0..n_words).map(|w| (w % k) as u16).collect(),
            left: vec![0; n_words * k],
            right: vec![0; n_words * k],
            size: vec![0; k],
            xlogx,
        };
        for w in 1..n_words {
            ex.shift(w, ex.class[w], true);
        }
        ex
    }

    /// Adds word `w`'s counts to (or removes them from) class `c`.
    fn shift(&mut self, w: usize, c: u16, add: bool) {
        let c = usize::from(c);
        let apply = |x: &mut u32, n: u32| {
            if add { *x += n } else { *x -= n }
        };
        for &(v, n) in &self.corpus.pred[w] {
            apply(&mut self.left[v as usize * self.k + c], n);
        }
        for &(v, n) in &self.corpus.succ[w] {
            apply(&mut self.right[v as usize * self.k + c], n);
        }
        let n = u64::from(self.corpus.counts[w]);
        if add {
            self.size[c] += n;
        } else {
            self.size[c] -= n;
        }
    }

    fn f(&self, x: u64) -> f64 {
        self.xlogx[x as usize]
    }

    /// Likelihood gain of putting (already removed) word `w` into each class.
    fn gains(&self, w: usize, gain: &mut [f64]) {
        let k = self.k;
        let n_w = u64::from(self.corpus.counts[w]);
        for (c, g) in gain.iter_mut().enumerate() {
            *g = -2.0 * (self.f(self.size[c] + n_w) - self.f(self.size[c]));
        }
        let sides = [
            (&self.corpus.pred[w], &self.left),
            (&self.corpus.succ[w], &self.right),
        ];
        for (neighbours, table) in sides {
            for &(v, n) in neighbours {
                let row = &table[v as usize * k..(v as usize + 1) * k];
                let n = u64::from(n);
                for (g, &x) in gain.iter_mut().zip(row) {
                    let x = u64::from(x);
                    *g += self.f(x + n) - self.f(x);
                }
            }
        }
    }

    /// Runs exchange passes until no word moves or `iterations` is reached.
    fn run(mut self, iterations: usize) -> Vec<u16> {
        let mut gain = vec![0.0; self.k];
        for _ in 0..iterations {
            let mut moved = 0usize;
            for w in 1..self.corpus.words.len() {
                let old = self.class[w];
                self.shift(w, old, false);
                self.gains(w, &mut gain);
                let mut best = old;
                for (c, &g) in gain.iter().enumerate() {
                    if g > gain[usize::from(best)] + 1e-9 {
                        best = c as u16;
                    }
                }
                self.shift(w, best, true);
                self.class[w] = best;
                moved += usize::from(best != old);
            }
            if moved == 0 {
                break;
            }
        }
        self.class
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<Vec<&'static str>> {
        let mut s = Vec::new();
        for det in ["the", "a", "this"] {
            for noun in ["cat", "dog", "bird"] {
                for verb in ["sat", "ran", "slept"] {
                    s.push(vec![det, noun, verb]);
                }
            }
        }
        s
    }

    #[test]
    fn words_with_the_same_contexts_share_a_cluster() {
        let opts = ClusterOptions {
            sizes: [3, 3, 3],
            ..ClusterOptions::default()
        };
        let clusters = WordClusters::learn(&corpus(), &opts);
        let id = |w: &str| clusters.get(hash_str(w))[0];
        assert_eq!(id("cat"), id("dog"));
        assert_eq!(id("Bird"), NO_CLUSTER, "lookups use the lowercase hash");
        assert_eq!(id("bird"), id("cat"));
        assert_eq!(id("ran"), id("slept"));
        assert_ne!(id("cat"), id("ran"));
        assert_ne!(id("the"), id("cat"));
    }

    #[test]
    fn learning_is_deterministic() {
        let opts = ClusterOptions::default();
        let sorted = |c: WordClusters| {
            let mut v: Vec<_> = c.map.into_iter().collect();
            v.sort_unstable();
            v
        };
        let a = sorted(WordClusters::learn(&corpus(), &opts));
        let b = sorted(WordClusters::learn(&corpus(), &opts));
        assert_eq!(a, b);
    }
}
