//! Multi-word phrase gazetteer over case-folded tokens.
//!
//! Entries come from the country lexicon (names, demonyms, capitals) and
//! from mentions harvested from the training data. Matches become BILU
//! position features per category, so "Bosnia and Herzegovina" fires
//! country-B, country-I, country-L rather than three unrelated hits.

use crate::nlp::countries::{CountryLexicon, LexKind, fold};
use crate::nlp::hash::{HashedMap, finish, hash_str, mix};
use crate::nlp::ner::label::EntityKind;

/// Gazetteer categories; a phrase may be in several (bit set of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    Country,
    Demonym,
    Capital,
    /// Seen as a mention of this kind in the training data.
    Trained(EntityKind),
}

pub(crate) const N_CATEGORIES: usize = 7;

impl Category {
    pub(crate) fn index(self) -> usize {
        match self {
            Category::Country => 0,
            Category::Demonym => 1,
            Category::Capital => 2,
            Category::Trained(k) => 3 + k.index(),
        }
    }

    pub(crate) fn bit(self) -> u8 {
        1 << self.index()
    }
}

/// Longest phrase looked up, in tokens.
pub(crate) const MAX_PHRASE: usize = 6;

/// Hash of a case-folded token (the unit of phrase hashing).
pub(crate) fn token_key(word: &str) -> u64 {
    hash_str(&fold(word))
}

/// Hash of a phrase given its token keys.
pub(crate) fn phrase_key(tokens: &[u64]) -> u64 {
    finish(tokens.iter().fold(0x5eed, |h, &t| mix(h, t)))
}

/// Phrase hash -> category bits.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gazetteer {
    pub(crate) phrases: HashedMap<u8>,
}

impl Gazetteer {
    pub(crate) fn add(&mut self, words: &[&str], category: Category) {
        if words.is_empty() || words.len() > MAX_PHRASE {
            return;
        }
        let keys: Vec<u64> = words.iter().map(|w| token_key(w)).collect();
        *self.phrases.entry(phrase_key(&keys)).or_insert(0) |= category.bit();
    }

    /// Adds the lexicon; single-word demonyms also get a plural ("Afghans").
    pub(crate) fn add_lexicon(&mut self, lexicon: &CountryLexicon) {
        for e in lexicon.entries() {
            let words: Vec<&str> = e.surface.split_whitespace().collect();
            let category = match e.kind {
                LexKind::Country => Category::Country,
                LexKind::Demonym => Category::Demonym,
                LexKind::Capital => Category::Capital,
            };
            self.add(&words, category);
            if e.kind == LexKind::Demonym && words.len() == 1 && !e.surface.ends_with('s') {
                self.add(&[&format!("{}s", e.surface)], category);
            }
        }
    }

    pub(crate) fn get(&self, key: u64) -> u8 {
        self.phrases.get(&key).copied().unwrap_or(0)
    }
}

/// Per token, per category: 0 = no match, else 1 + BILU part of the longest
/// match (leftmost first) covering the token.
pub(crate) type GazCodes = [u8; N_CATEGORIES];

/// Matches every phrase of up to [`MAX_PHRASE`] tokens; `lookup` maps a
/// phrase key to category bits (so training can hide a document's own
/// mentions).
pub(crate) fn match_sentence(keys: &[u64], lookup: impl Fn(u64) -> u8) -> Vec<GazCodes> {
    let n = keys.len();
    let mut codes = vec![[0u8; N_CATEGORIES]; n];
    for start in 0..n {
        for len in (1..=MAX_PHRASE.min(n - start)).rev() {
            let bits = lookup(phrase_key(&keys[start..start + len]));
            if bits == 0 {
                continue;
            }
            for (cat, code_slot) in (0..N_CATEGORIES).map(|c| (c, c)) {
                if bits & (1 << cat) == 0 {
                    continue;
                }
                for (offset, token) in codes[start..start + len].iter_mut().enumerate() {
                    if token[code_slot] == 0 {
                        token[code_slot] = bilu_code(offset, len);
                    }
                }
            }
        }
    }
    codes
}

fn bilu_code(offset: usize, len: usize) -> u8 {
    match (offset, len) {
        (_, 1) => 4,
        (0, _) => 1,
        (o, l) if o + 1 == l => 3,
        _ => 2,
    }
}
