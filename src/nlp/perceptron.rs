//! Averaged perceptron over hashed features, shared by the tagger (greedy
//! multiclass: [`Trainer::reward`]) and the recognizer (structured, Viterbi
//! over label sequences: [`Trainer::update`] per token and per transition).
//! Both need the same three things: sparse training rows, lazy averaging and
//! a compact quantised model; only how updates are chosen differs, and that
//! lives in the callers.
//!
//! Training keeps sparse rows (feature -> the few classes it has ever voted
//! for), because a dense row per feature over ~100 labels would need
//! gigabytes. Averaging is lazy (Daumé's trick) with integer weights, so
//! training is exactly reproducible. The final model is averaged, pruned
//! and quantised to i16 with one global scale.

use crate::nlp::hash::HashedMap;
use crate::nlp::model_io::delta_encode;
use serde::{Deserialize, Serialize};

/// Largest number of classes a model can have (class ids are u16).
pub(crate) const MAX_CLASSES: usize = u16::MAX as usize;

#[derive(Clone, Copy)]
struct Param {
    class: u16,
    weight: i32,
    /// Sum of `weight` over all steps up to `stamp`.
    total: i64,
    stamp: u32,
}

impl Param {
    fn new(class: u16, now: u32) -> Self {
        Self {
            class,
            weight: 0,
            total: 0,
            stamp: now,
        }
    }

    fn add(&mut self, delta: i32, now: u32) {
        self.total += i64::from(self.weight) * i64::from(now - self.stamp);
        self.stamp = now;
        self.weight += delta;
    }

    fn averaged(&self, now: u32) -> f64 {
        let total = self.total + i64::from(self.weight) * i64::from(now - self.stamp);
        total as f64 / f64::from(now.max(1))
    }
}

/// Anything that scores features: the online weights during training and
/// the final weights at prediction time, so feature extraction and decoding
/// code is shared between the two.
pub(crate) trait Scorer {
    /// Adds the weights of `features` into `scores` (one slot per class).
    fn add_scores(&self, features: &[u64], scores: &mut [i32]);

    /// Overwrites `scores` with the weights of `features`.
    fn score(&self, features: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        self.add_scores(features, scores);
    }
}

/// Mutable weights used during training.
pub(crate) struct Trainer {
    n_classes: usize,
    index: HashedMap<u32>,
    rows: Vec<Vec<Param>>,
    /// Number of training steps seen (instances or sentences, as the caller
    /// ticks): the averaging clock.
    now: u32,
}

impl Trainer {
    /// `n_classes` is at most [`MAX_CLASSES`]; larger values are clamped
    /// (callers build their label sets far below it).
    pub(crate) fn new(n_classes: usize) -> Self {
        Self {
            n_classes: n_classes.min(MAX_CLASSES),
            index: HashedMap::default(),
            rows: Vec::new(),
            now: 0,
        }
    }

    /// Advances the averaging clock by one step.
    pub(crate) fn tick(&mut self) {
        self.now += 1;
    }

    /// Adds `delta` to the weight of every feature in `features` for `class`.
    pub(crate) fn update(&mut self, features: &[u64], class: usize, delta: i32) {
        let now = self.now;
        for &f in features {
            param(self.row(f), class as u16, now).add(delta, now);
        }
    }

    /// Multiclass perceptron step: reward the truth, penalise the guess
    /// (nothing when they agree).
    pub(crate) fn reward(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let now = self.now;
        for &f in features {
            let row = self.row(f);
            param(row, truth as u16, now).add(1, now);
            param(row, guess as u16, now).add(-1, now);
        }
    }

    fn row(&mut self, feature: u64) -> &mut Vec<Param> {
        let next = self.rows.len() as u32;
        let row = *self.index.entry(feature).or_insert(next);
        if row == next {
            self.rows.push(Vec::new());
        }
        &mut self.rows[row as usize]
    }

    /// Averages, prunes and quantises into an immutable model.
    ///
    /// Weights with |w| < `prune` (in perceptron update units) are dropped:
    /// they barely move any decision but dominate the file size.
    pub(crate) fn finalize(&self, prune: f64) -> Weights {
        finalize_mean(&[self], prune)
    }

    /// Averaged weights of one feature's row, if the feature was seen.
    fn averaged_row(&self, key: u64) -> impl Iterator<Item = (u16, f64)> + '_ {
        let row = self
            .index
            .get(&key)
            .map_or(&[][..], |&r| &self.rows[r as usize]);
        row.iter().map(|p| (p.class, p.averaged(self.now)))
    }
}

/// One model from several trainers over the same features and classes
/// (e.g. runs with different shuffles): the mean of their averaged weights,
/// pruned and quantised like [`Trainer::finalize`]. Averaging runs reduces
/// the variance that the training order causes.
pub(crate) fn finalize_mean(trainers: &[&Trainer], prune: f64) -> Weights {
    let n_classes = trainers.iter().map(|t| t.n_classes).max().unwrap_or(0);
    let mut keys: Vec<u64> = trainers
        .iter()
        .flat_map(|t| t.index.keys().copied())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let runs = trainers.len().max(1) as f64;
    let mut sums = vec![0.0f64; n_classes];
    let averaged: Vec<Vec<(u16, f64)>> = keys
        .iter()
        .map(|&key| {
            sums.fill(0.0);
            for (class, w) in trainers.iter().flat_map(|t| t.averaged_row(key)) {
                sums[usize::from(class)] += w / runs;
            }
            (0..n_classes)
                .filter(|&c| sums[c] != 0.0 && sums[c].abs() >= prune)
                .map(|c| (c as u16, sums[c]))
                .collect()
        })
        .collect();
    let max_abs = averaged
        .iter()
        .flatten()
        .fold(0.0f64, |m, &(_, w)| m.max(w.abs()));
    let scale = if max_abs > 0.0 {
        max_abs / f64::from(i16::MAX)
    } else {
        1.0
    };
    let mut out = Builder::default();
    for (&key, row) in keys.iter().zip(&averaged) {
        out.push_row(key, row, scale);
    }
    out.build(n_classes, scale as f32)
}

impl Scorer for Trainer {
    fn add_scores(&self, features: &[u64], scores: &mut [i32]) {
        for f in features {
            if let Some(&row) = self.index.get(f) {
                for p in &self.rows[row as usize] {
                    scores[usize::from(p.class)] += p.weight;
                }
            }
        }
    }
}

fn param(row: &mut Vec<Param>, class: u16, now: u32) -> &mut Param {
    let pos = match row.iter().position(|p| p.class == class) {
        Some(pos) => pos,
        None => {
            row.push(Param::new(class, now));
            row.len() - 1
        }
    };
    &mut row[pos]
}

#[derive(Default)]
struct Builder {
    keys: Vec<u64>,
    row_lens: Vec<u16>,
    classes: Vec<u16>,
    values: Vec<i16>,
}

impl Builder {
    fn push_row(&mut self, key: u64, row: &[(u16, f64)], scale: f64) {
        let start = self.classes.len();
        for &(class, w) in row {
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            if q != 0 {
                self.classes.push(class);
                self.values.push(q);
            }
        }
        let len = self.classes.len() - start;
        if len > 0 {
            self.keys.push(key);
            self.row_lens.push(len as u16);
        }
    }

    fn build(self, n_classes: usize, scale: f32) -> Weights {
        let stored = StoredWeights {
            n_classes: n_classes as u16,
            scale,
            key_deltas: delta_encode(self.keys.into_iter().map(|k| (k, ())))
                .into_iter()
                .map(|(d, ())| d)
                .collect(),
            row_lens: self.row_lens,
            classes: self.classes,
            values: self.values,
        };
        Weights::from_stored(stored).unwrap_or_else(|| unreachable!("builder output is consistent"))
    }
}

/// On-disk form: sorted, delta-encoded keys and each key's row of
/// (class, quantised weight) entries.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct StoredWeights {
    n_classes: u16,
    /// Quantised value 1 in perceptron update units (argmax over one model
    /// does not need it; summing two models' scores does).
    scale: f32,
    key_deltas: Vec<u64>,
    /// Number of entries of each key's row.
    row_lens: Vec<u16>,
    classes: Vec<u16>,
    values: Vec<i16>,
}

/// Immutable quantised weights used for prediction.
pub(crate) struct Weights {
    stored: StoredWeights,
    table: FeatureTable,
}

impl Weights {
    /// Validates a stored model (a corrupt file must not cause a panic
    /// later) and builds its lookup table; `None` if the arrays are
    /// inconsistent.
    pub(crate) fn from_stored(stored: StoredWeights) -> Option<Self> {
        let entries: usize = stored.row_lens.iter().map(|&l| usize::from(l)).sum();
        let consistent = stored.row_lens.len() == stored.key_deltas.len()
            && stored.classes.len() == entries
            && stored.values.len() == entries
            && stored.classes.iter().all(|&c| c < stored.n_classes)
            // Offsets into the packed table (rows plus one header each) must fit in u32.
            && entries + stored.row_lens.len() < u32::MAX as usize;
        if !consistent {
            return None;
        }
        let table = FeatureTable::build(&stored);
        Some(Self { stored, table })
    }

    pub(crate) fn stored(&self) -> &StoredWeights {
        &self.stored
    }

    pub(crate) fn n_classes(&self) -> usize {
        usize::from(self.stored.n_classes)
    }

    /// Perceptron update units per quantised unit: scores times this are
    /// comparable across models.
    pub(crate) fn scale(&self) -> f32 {
        self.stored.scale
    }

    /// Number of stored (feature, class) weights.
    pub(crate) fn len(&self) -> usize {
        self.stored.values.len()
    }
}

impl Scorer for Weights {
    #[inline]
    fn add_scores(&self, features: &[u64], scores: &mut [i32]) {
        // Passes per chunk: prefetch slots, probe them, row headers, rows.
        // Within a pass the loads are independent, so the CPU overlaps their
        // cache misses instead of waiting for each one in turn; the
        // prefetch pass has no branches, whose mispredictions (found or
        // not) would otherwise serialise the probes' misses.
        const CHUNK: usize = 64;
        let mut mixed = [0u64; CHUNK];
        let mut rows = [0u32; CHUNK];
        let mut lens = [0u32; CHUNK];
        for chunk in features.chunks(CHUNK) {
            for (m, &f) in mixed.iter_mut().zip(chunk) {
                *m = FeatureTable::mix(f);
                self.table.prefetch_home(*m);
            }
            let mut n = 0;
            for &m in &mixed[..chunk.len()] {
                if let Some(row) = self.table.find_mixed(m) {
                    rows[n] = row;
                    n += 1;
                }
            }
            for (len, &row) in lens.iter_mut().zip(&rows[..n]) {
                *len = self.table.row_len(row);
            }
            for (&row, &len) in rows[..n].iter().zip(&lens) {
                for &e in self.table.row_entries(row, len) {
                    scores[(e & 0xffff) as usize] += i32::from((e >> 16) as u16 as i16);
                }
            }
        }
    }
}

/// Cache-friendly lookup structure built at load time: an open-addressing
/// table of 8-byte slots pointing into one packed array of rows, so a
/// feature costs about two cache misses (slot, row) instead of a `HashMap`
/// probe plus three array reads.
///
/// Keys are first scrambled by a bijective mixer, so that structured keys
/// (small integers in tests) spread like hashes. A slot is
/// `fingerprint << 32 | offset`, where the fingerprint is the mixed key's
/// high 32 bits with the low bit forced on (so 0 means empty) and the
/// offset points at the row's header (its length) in `packed`. The home
/// slot comes from the mixed key's low 32 bits (scaled to the capacity,
/// which need not be a power of two), so a false match on an unseen
/// feature has probability ~2^-32 per probe, negligible noise. The table is at most
/// two-thirds full: the slots are the larger part of a model's memory, and
/// the fewer cache lines they span, the more of them stay cached.
struct FeatureTable {
    slots: Vec<u64>,
    /// Per row: a header holding the entry count, then entries packed as
    /// `value as u16 << 16 | class`.
    packed: Vec<u32>,
}

impl FeatureTable {
    fn build(stored: &StoredWeights) -> Self {
        let n_keys = stored.key_deltas.len();
        let capacity = (n_keys + n_keys / 2).max(16);
        let mut table = Self {
            slots: vec![0; capacity],
            packed: Vec::with_capacity(stored.classes.len() + n_keys),
        };
        let (mut key, mut start) = (0u64, 0usize);
        for (&delta, &len) in stored.key_deltas.iter().zip(&stored.row_lens) {
            key = key.wrapping_add(delta);
            let end = start + usize::from(len);
            let offset = table.packed.len() as u32;
            table.packed.push(u32::from(len));
            for (&c, &v) in stored.classes[start..end]
                .iter()
                .zip(&stored.values[start..end])
            {
                table.packed.push(u32::from(v as u16) << 16 | u32::from(c));
            }
            table.insert(key, offset);
            start = end;
        }
        table
    }

    /// SplitMix64's finaliser: a bijection of u64.
    #[inline]
    fn mix(key: u64) -> u64 {
        let z = (key ^ (key >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[inline]
    fn fingerprint(mixed: u64) -> u64 {
        (mixed >> 32) | 1
    }

    /// First slot to probe for `key` (Lemire's multiply-shift range
    /// reduction of the low 32 bits).
    #[inline]
    fn home(&self, mixed: u64) -> usize {
        (((mixed & 0xffff_ffff) * self.slots.len() as u64) >> 32) as usize
    }

    #[inline]
    fn next(&self, i: usize) -> usize {
        if i + 1 == self.slots.len() { 0 } else { i + 1 }
    }

    fn insert(&mut self, key: u64, offset: u32) {
        let mixed = Self::mix(key);
        let fp = Self::fingerprint(mixed);
        let mut i = self.home(mixed);
        while self.slots[i] != 0 {
            i = self.next(i);
        }
        self.slots[i] = fp << 32 | u64::from(offset);
    }

    /// Starts loading the home slot of a mixed key.
    #[inline]
    fn prefetch_home(&self, mixed: u64) {
        prefetch(&self.slots[self.home(mixed)]);
    }

    /// Offset of the row of the key that mixes to `mixed`, if stored.
    #[inline]
    fn find_mixed(&self, mixed: u64) -> Option<u32> {
        let fp = Self::fingerprint(mixed);
        let mut i = self.home(mixed);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == fp {
                return Some(slot as u32);
            }
            i = self.next(i);
        }
    }

    /// Entry count of the row at `offset`.
    #[inline]
    fn row_len(&self, offset: u32) -> u32 {
        self.packed[offset as usize]
    }

    /// The `len` entries of the row at `offset` (see [`Self::row_len`]).
    #[inline]
    fn row_entries(&self, offset: u32, len: u32) -> &[u32] {
        let start = offset as usize + 1;
        &self.packed[start..start + len as usize]
    }
}

/// Hints the CPU to bring `value`'s cache line into L1; no effect on the
/// program's results.
#[inline]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let ptr: *const T = value;
        // SAFETY: a prefetch reads no value and never faults; the pointer
        // comes from a reference anyway.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(ptr.cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Index of the highest score; ties go to the lowest index (deterministic).
pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_survives_finalize() {
        let mut t = Trainer::new(2);
        let data = [(vec![1u64, 10], 0usize), (vec![2u64, 10], 1usize)];
        let mut scores = [0i32; 2];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.score(f, &mut scores);
                t.reward(f, *gold, argmax(&scores));
                t.tick();
            }
        }
        let w = t.finalize(0.0);
        for (f, gold) in &data {
            w.score(f, &mut scores);
            assert_eq!(argmax(&scores), *gold);
        }
        assert!(Weights::from_stored(w.stored().clone()).is_some());
    }

    /// Small consecutive keys must neither collide nor match unseen ones
    /// (the table mixes keys before placing them).
    #[test]
    fn structured_keys_are_found_exactly() {
        let mut t = Trainer::new(2);
        for key in 0..500u64 {
            t.update(&[key], (key % 2) as usize, 1);
            t.tick();
        }
        let w = t.finalize(0.0);
        let mut scores = [0i32; 2];
        for key in 0..500u64 {
            w.score(&[key], &mut scores);
            assert!(scores[(key % 2) as usize] > 0, "key {key}");
            assert_eq!(scores[1 - (key % 2) as usize], 0, "key {key}");
        }
        for key in 500..2000u64 {
            w.score(&[key], &mut scores);
            assert_eq!(scores, [0, 0], "unseen key {key}");
        }
    }
}
