//! Entity kinds, BILOU labels and conversions between labels and spans.
//!
//! Labels are BILOU (Begin, Inside, Last, Unit, Outside) rather than IOB
//! because the extra boundary classes give the perceptron separate weights
//! for one-word names and for name ends, which measurably helps on CoNLL.
//! Validity is a property of adjacent label pairs, so constrained Viterbi
//! only needs [`allowed`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Misc,
    ];

    /// CoNLL spelling (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organization => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    /// Dense index in `0..4`.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Returned when a string is not `PER`, `ORG`, `LOC` or `MISC`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown entity type {0:?}")]
pub struct UnknownKind(pub String);

impl FromStr for EntityKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, UnknownKind> {
        match s {
            "PER" => Ok(EntityKind::Person),
            "ORG" => Ok(EntityKind::Organization),
            "LOC" => Ok(EntityKind::Location),
            "MISC" => Ok(EntityKind::Misc),
            _ => Err(UnknownKind(s.to_string())),
        }
    }
}

/// One entity mention: a non-empty token range within a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntitySpan {
    pub tokens: Range<usize>,
    pub kind: EntityKind,
}

/// Position of a token inside a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

impl Part {
    const ALL: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];
}

/// A BILOU label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Outside,
    Entity(Part, EntityKind),
}

/// Number of BILOU labels: O plus 4 parts x 4 kinds.
pub const N_LABELS: usize = 17;

impl Label {
    /// Dense index in `0..N_LABELS`; `Outside` is 0.
    pub fn index(self) -> usize {
        match self {
            Label::Outside => 0,
            Label::Entity(part, kind) => 1 + kind.index() * 4 + part as usize,
        }
    }

    /// Inverse of [`Label::index`]; indices past the end map to `Outside`
    /// (callers only pass indices below [`N_LABELS`]).
    pub fn from_index(i: usize) -> Label {
        if i == 0 || i >= N_LABELS {
            return Label::Outside;
        }
        let kind = EntityKind::ALL[(i - 1) / 4];
        Label::Entity(Part::ALL[(i - 1) % 4], kind)
    }

    /// Whether a sentence may start with this label.
    pub fn can_start(self) -> bool {
        !matches!(self, Label::Entity(Part::Inside | Part::Last, _))
    }

    /// Whether a sentence may end with this label.
    pub fn can_end(self) -> bool {
        !matches!(self, Label::Entity(Part::Begin | Part::Inside, _))
    }

    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Label::Outside => None,
            Label::Entity(_, k) => Some(k),
        }
    }
}

/// Whether `next` may follow `prev` in a valid BILOU sequence.
pub fn allowed(prev: Label, next: Label) -> bool {
    let open = match prev {
        Label::Entity(Part::Begin | Part::Inside, k) => Some(k),
        _ => None,
    };
    match (open, next) {
        (Some(k), Label::Entity(Part::Inside | Part::Last, k2)) => k == k2,
        (Some(_), _) => false,
        (None, next) => next.can_start(),
    }
}

/// Whether a whole label sequence is valid BILOU.
pub fn is_valid(labels: &[Label]) -> bool {
    let starts_ok = labels.first().is_none_or(|l| l.can_start());
    let ends_ok = labels.last().is_none_or(|l| l.can_end());
    starts_ok && ends_ok && labels.windows(2).all(|w| allowed(w[0], w[1]))
}

/// Encodes spans (sorted or not, non-overlapping, within `n`) as BILOU.
pub fn spans_to_labels(spans: &[EntitySpan], n: usize) -> Vec<Label> {
    let mut labels = vec![Label::Outside; n];
    for span in spans {
        let r = &span.tokens;
        if r.is_empty() || r.end > n {
            continue;
        }
        if r.len() == 1 {
            labels[r.start] = Label::Entity(Part::Unit, span.kind);
            continue;
        }
        labels[r.start] = Label::Entity(Part::Begin, span.kind);
        for l in &mut labels[r.start + 1..r.end - 1] {
            *l = Label::Entity(Part::Inside, span.kind);
        }
        labels[r.end - 1] = Label::Entity(Part::Last, span.kind);
    }
    labels
}

/// Decodes BILOU labels into spans. Valid sequences decode exactly; an
/// invalid sequence is read leniently (like conlleval reads IOB): a mention
/// starts at B/U or at an I/L that cannot continue the open one, and ends at
/// L/U or before anything that does not continue it.
pub fn labels_to_spans(labels: &[Label]) -> Vec<EntitySpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &label) in labels.iter().enumerate() {
        let continues = match (open, label) {
            (Some((_, k)), Label::Entity(Part::Inside | Part::Last, k2)) => k == k2,
            _ => false,
        };
        if !continues {
            if let Some((start, kind)) = open.take() {
                spans.push(EntitySpan {
                    tokens: start..i,
                    kind,
                });
            }
            if let Label::Entity(_, kind) = label {
                open = Some((i, kind));
            }
        }
        if let (Some((start, kind)), Label::Entity(Part::Last | Part::Unit, _)) = (open, label) {
            spans.push(EntitySpan {
                tokens: start..i + 1,
                kind,
            });
            open = None;
        }
    }
    if let Some((start, kind)) = open {
        spans.push(EntitySpan {
            tokens: start..labels.len(),
            kind,
        });
    }
    spans
}

/// Reads IOB2/IOB1 tags (`O`, `B-PER`, `I-ORG`, ...) into spans, the way
/// conlleval does: a chunk starts at `B-` or at an `I-` whose type differs
/// from the previous tag's.
pub fn iob_to_spans<S: AsRef<str>>(tags: &[S]) -> Result<Vec<EntitySpan>, UnknownKind> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let parsed = match tag.split_once('-') {
            None if tag == "O" => None,
            None => return Err(UnknownKind(tag.to_string())),
            Some((prefix, kind)) => Some((prefix == "B", kind.parse::<EntityKind>()?)),
        };
        let continues = matches!((open, parsed), (Some((_, k)), Some((false, k2))) if k == k2);
        if !continues {
            if let Some((start, kind)) = open.take() {
                spans.push(EntitySpan {
                    tokens: start..i,
                    kind,
                });
            }
            open = parsed.map(|(_, kind)| (i, kind));
        }
    }
    if let Some((start, kind)) = open {
        spans.push(EntitySpan {
            tokens: start..tags.len(),
            kind,
        });
    }
    Ok(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trip() {
        for i in 0..N_LABELS {
            assert_eq!(Label::from_index(i).index(), i);
        }
    }
}
