//! Navigation over one parsed sentence: children by relation, subtrees,
//! surface words. Indices are 0-based token positions in the sentence.

use crate::nlp::parser::DepRel;
use crate::nlp::pipeline::{Sentence, Token};
use crate::nlp::{Upos, Xpos};

/// A sentence's dependency tree with child lists, over the source text.
pub struct Tree<'a> {
    pub tokens: &'a [Token],
    text: &'a str,
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(sentence: &'a Sentence, text: &'a str) -> Self {
        let tokens = sentence.tokens.as_slice();
        let mut children = vec![Vec::new(); tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            let head = t.dependency.head as usize;
            if head > 0 && head <= tokens.len() && head - 1 != i {
                children[head - 1].push(i);
            }
        }
        Self {
            tokens,
            text,
            children,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.tokens[i].dependency.head as usize;
        (h > 0 && h <= self.tokens.len()).then(|| h - 1)
    }

    pub fn rel(&self, i: usize) -> DepRel {
        self.tokens[i].dependency.deprel
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.tokens[i].upos
    }

    pub fn xpos(&self, i: usize) -> Xpos {
        self.tokens[i].xpos
    }

    pub fn lemma(&self, i: usize) -> &str {
        &self.tokens[i].lemma
    }

    pub fn word(&self, i: usize) -> &'a str {
        let span = self.tokens[i].span;
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Lowercased word.
    pub fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Children attached with `rel`, in order.
    pub fn children_with(&self, i: usize, rel: DepRel) -> impl Iterator<Item = usize> + '_ {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    pub fn child(&self, i: usize, rel: DepRel) -> Option<usize> {
        self.children_with(i, rel).next()
    }

    /// Whether `i` is its predicate's subject. A predicate has one subject
    /// in UD; when the parse gives it several, only the first counts (the
    /// others are misattached words, such as the end of a long name).
    pub fn is_subject(&self, i: usize) -> bool {
        let is_subject_rel = |c: usize| matches!(self.rel(c), DepRel::Nsubj | DepRel::NsubjPass);
        if !is_subject_rel(i) {
            return false;
        }
        self.head(i).is_none_or(|h| {
            self.children(h)
                .iter()
                .find(|&&c| is_subject_rel(c))
                .is_none_or(|&first| first == i)
        })
    }

    /// The preposition or case marker of a nominal ("to" in "to the valley"),
    /// lowercased, multiword markers joined with `_` ("because_of").
    pub fn case_marker(&self, i: usize) -> Option<String> {
        let case = self.child(i, DepRel::Case)?;
        let mut words = vec![self.lower(case)];
        words.extend(
            self.children_with(case, DepRel::Fixed)
                .map(|f| self.lower(f)),
        );
        Some(words.join("_"))
    }

    /// Every token under `i` (including `i`), sorted, skipping the subtrees
    /// of children for which `cut` is true.
    pub fn subtree_where(&self, i: usize, cut: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            for &c in &self.children[n] {
                if !cut(c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    pub fn subtree(&self, i: usize) -> Vec<usize> {
        self.subtree_where(i, &|_| false)
    }

    /// The conjuncts of `i` ("A, B and C" → A, B, C), `i` first.
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let n = out[k];
            out.extend(self.children_with(n, DepRel::Conj));
            k += 1;
        }
        out
    }

    /// Whether `i` is negated by a direct dependent: "not", "n't", "never",
    /// or a "no" determiner.
    pub fn is_negated(&self, i: usize) -> bool {
        self.children[i].iter().any(|&c| {
            let w = self.lower(c);
            match self.rel(c) {
                DepRel::Advmod => matches!(w.as_str(), "not" | "n't" | "never" | "nt"),
                DepRel::Det => matches!(w.as_str(), "no"),
                _ => false,
            }
        })
    }

    /// Surface text of sorted token indices, joined with single spaces.
    pub fn words(&self, tokens: &[usize]) -> String {
        tokens
            .iter()
            .map(|&t| self.word(t))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Source text from the first to the last token, as written.
    pub fn source(&self, tokens: &[usize]) -> String {
        match (tokens.first(), tokens.last()) {
            (Some(&a), Some(&b)) => self
                .text
                .get(self.tokens[a].span.start..self.tokens[b].span.end)
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        }
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.upos(i) == Upos::Punct
    }
}
