//! conlleval-compatible exact-span scoring: a predicted mention is correct
//! only if its boundaries and type both match a gold mention.

use crate::nlp::ner::Ner;
use crate::nlp::ner::doc::NerDocument;
use crate::nlp::ner::label::{EntityKind, EntitySpan};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// Counts for one type (or all types).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanCounts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl SpanCounts {
    /// Precision in percent (0 when nothing was predicted, like conlleval).
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: SpanCounts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

/// Serialized with the derived percentages, which is what reports need.
impl Serialize for SpanCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SpanCounts", 6)?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("recall", &self.recall())?;
        s.serialize_field("f1", &self.f1())?;
        s.serialize_field("gold", &self.gold)?;
        s.serialize_field("predicted", &self.predicted)?;
        s.serialize_field("correct", &self.correct)?;
        s.end()
    }
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Overall and per-type span scores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerScores {
    pub overall: SpanCounts,
    /// Indexed by [`EntityKind::index`].
    pub per_kind: [SpanCounts; 4],
    pub tokens: usize,
}

/// Serialized as `{overall, per_type: {"PER": ..., ...}, tokens}`.
impl Serialize for NerScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct PerType<'a>(&'a [SpanCounts; 4]);
        impl Serialize for PerType<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut m = serializer.serialize_map(Some(4))?;
                for kind in EntityKind::ALL {
                    m.serialize_entry(kind.as_str(), &self.0[kind.index()])?;
                }
                m.end()
            }
        }
        let mut s = serializer.serialize_struct("NerScores", 3)?;
        s.serialize_field("overall", &self.overall)?;
        s.serialize_field("per_type", &PerType(&self.per_kind))?;
        s.serialize_field("tokens", &self.tokens)?;
        s.end()
    }
}

impl NerScores {
    pub fn kind(&self, kind: EntityKind) -> SpanCounts {
        self.per_kind[kind.index()]
    }

    /// Adds one sentence's gold and predicted spans.
    pub fn add_sentence(&mut self, gold: &[EntitySpan], predicted: &[EntitySpan]) {
        for kind in EntityKind::ALL {
            let g: Vec<&EntitySpan> = gold.iter().filter(|s| s.kind == kind).collect();
            let p: Vec<&EntitySpan> = predicted.iter().filter(|s| s.kind == kind).collect();
            let correct = p.iter().filter(|s| g.contains(s)).count();
            let counts = SpanCounts {
                gold: g.len(),
                predicted: p.len(),
                correct,
            };
            self.per_kind[kind.index()].add(counts);
            self.overall.add(counts);
        }
    }
}

/// Scores `predicted` against `gold`, sentence by sentence.
pub fn score_spans(gold: &[Vec<EntitySpan>], predicted: &[Vec<EntitySpan>]) -> NerScores {
    let mut scores = NerScores::default();
    for (g, p) in gold.iter().zip(predicted) {
        scores.add_sentence(g, p);
    }
    scores
}

/// Runs `ner` on the gold documents' input and scores it.
pub fn evaluate_ner(ner: &Ner, gold: &[NerDocument]) -> NerScores {
    let mut scores = NerScores::default();
    for doc in gold {
        let predicted = ner.recognize(doc.input());
        for (g, p) in doc.entities().iter().zip(&predicted) {
            scores.add_sentence(g, p);
        }
        scores.tokens += doc.input().sentences.iter().map(Vec::len).sum::<usize>();
    }
    scores
}
