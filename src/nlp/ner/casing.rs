//! Capitalization: token case, sentence casing style, and a corpus "case
//! profile" telling how a word is usually written in running text.
//!
//! Capitalization is the strongest NER cue in Reuters-style text and the
//! least reliable one in headlines: in an ALL-CAPS or Title Case sentence
//! every word looks like a name. Conjoining case features with the
//! sentence's style, and adding how the word is written elsewhere (in the
//! corpus and in the same document), lets the model fall back on the
//! word's usual case there.

use crate::nlp::hash::HashedMap;

/// Case of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No letters.
    NoAlpha,
    Lower,
    /// First letter upper, some lower ("Kabul", "McDonald").
    Initial,
    /// All letters upper, at least two letters ("NATO").
    Upper,
    /// A single upper-case letter ("A", "J.").
    Single,
    /// Starts lower, has upper ("iPhone", "al-Qaida").
    Mixed,
}

pub(crate) fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::NoAlpha;
    };
    let (mut upper, mut lower, mut total) = (usize::from(first.is_uppercase()), 0usize, 1usize);
    for c in letters {
        total += 1;
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (true, 1, 0) if total == 1 => Case::Single,
        (true, _, 0) => Case::Upper,
        (true, _, _) => Case::Initial,
        (false, 0, _) => Case::Lower,
        (false, _, _) => Case::Mixed,
    }
}

impl Case {
    pub(crate) fn is_capitalized(self) -> bool {
        matches!(self, Case::Initial | Case::Upper | Case::Single)
    }
}

/// Casing style of a whole sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Normal,
    /// Most content words capitalized (headline style).
    Title,
    /// (Nearly) all words in capitals.
    Upper,
    /// No capitals at all although there are words ("all lowercase" text).
    Lower,
}

/// Short function words that stay lowercase in Title Case headlines.
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
    "from", "as", "vs", "vs.", "is", "are", "its", "into", "over", "after", "up",
];

pub(crate) fn sentence_style(words: &[&str], cases: &[Case]) -> Style {
    let mut multi = 0usize; // tokens with >= 2 letters
    let mut upper = 0usize;
    let mut content = 0usize; // >= 2 letters and not a small word
    let mut content_cap = 0usize;
    let mut any_cap = false;
    for (w, &c) in words.iter().zip(cases) {
        any_cap |= c.is_capitalized() || c == Case::Mixed;
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        multi += 1;
        upper += usize::from(c == Case::Upper);
        if !TITLE_SMALL.contains(&w.to_lowercase().as_str()) {
            content += 1;
            content_cap += usize::from(c.is_capitalized());
        }
    }
    if multi > 0 && upper * 5 >= multi * 4 && upper >= 1 {
        Style::Upper
    } else if content >= 3 && content_cap * 5 >= content * 4 {
        Style::Title
    } else if multi >= 3 && !any_cap {
        Style::Lower
    } else {
        Style::Normal
    }
}

/// Counts of a word written lowercase vs capitalized, mid-sentence in
/// normal-style sentences (sentence-initial capitals carry no information).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CaseCounts {
    pub(crate) lower: u32,
    pub(crate) cap: u32,
}

impl CaseCounts {
    pub(crate) fn minus(self, other: CaseCounts) -> CaseCounts {
        CaseCounts {
            lower: self.lower.saturating_sub(other.lower),
            cap: self.cap.saturating_sub(other.cap),
        }
    }

    /// Bucket used as a feature: 0 unseen, 1 always lower, 2 mostly lower,
    /// 3 mixed, 4 mostly capitalized, 5 always capitalized.
    pub(crate) fn bucket(self) -> u8 {
        let total = self.lower + self.cap;
        if total == 0 {
            return 0;
        }
        if self.cap == 0 {
            return 1;
        }
        let share = f64::from(self.cap) / f64::from(total);
        match share {
            s if s < 0.25 => 2,
            s if s < 0.75 => 3,
            s if s < 1.0 => 4,
            _ => 5,
        }
    }
}

/// Adds the mid-sentence occurrences of a normal-style sentence to `counts`
/// (keyed by case-folded token hash).
pub(crate) fn count_cases(keys: &[u64], cases: &[Case], counts: &mut HashedMap<CaseCounts>) {
    for (&k, &c) in keys.iter().zip(cases).skip(1) {
        let e = counts.entry(k).or_default();
        match c {
            Case::Lower => e.lower += 1,
            Case::Initial | Case::Upper => e.cap += 1,
            _ => {}
        }
    }
}
