//! CaRB's default tuple matcher, `Matcher.binary_linient_tuple_match`.
//!
//! A gold/system pair gets a (precision, recall) score from token overlap,
//! computed slot by slot (relation, subject, rest) and pooled over slots.
//! Notable CaRB behaviours reproduced here, all deliberate:
//! - matching is case-sensitive and keeps stopwords (CaRB passes
//!   `ignoreCase`/`ignoreStopwords` but the lenient matcher ignores them);
//! - tuples are binarized: every argument after the first is joined into one
//!   object slot, on both sides;
//! - no relation overlap, or a missing system slot, scores (0, 0);
//! - for "said"-type gold relations the system's subject and object may be
//!   swapped, keeping whichever order scores higher.

use super::read::{SystemTuple, Tuple};
use super::text::py_split;

/// Precision and recall of one system tuple against one gold tuple.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct PairScore {
    pub precision: f64,
    pub recall: f64,
}

impl PairScore {
    const ZERO: Self = Self {
        precision: 0.0,
        recall: 0.0,
    };

    /// Python's `max([p1, r1], [p2, r2])`: lists compare lexicographically,
    /// so precision decides and recall only breaks ties; the first wins ties.
    fn max_lexicographic(self, other: Self) -> Self {
        let other_wins = other.precision > self.precision
            || (other.precision == self.precision && other.recall > self.recall);
        if other_wins { other } else { self }
    }
}

/// A tuple tokenized with `str.split()` and binarized as CaRB does before
/// matching: `[arg1, " ".join(arg2..)]` when there are two or more
/// arguments, the arguments unchanged otherwise.
#[derive(Debug, Clone)]
struct Slots<'a> {
    relation: Vec<&'a str>,
    args: Vec<Vec<&'a str>>,
}

impl<'a> Slots<'a> {
    /// Joining with a space then splitting on whitespace equals concatenating
    /// each argument's tokens, so the object slot is built without joining.
    fn binarized(tuple: &'a Tuple) -> Self {
        let args = match tuple.args.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                vec![
                    tokens(first),
                    rest.iter().flat_map(|a| py_split(a)).collect(),
                ]
            }
            _ => tuple.args.iter().map(|a| tokens(a)).collect(),
        };
        Self {
            relation: tokens(&tuple.relation),
            args,
        }
    }

    /// The binarized tuple with subject and object swapped; CaRB builds it
    /// from the original arguments, so one-argument tuples stay unchanged.
    fn swapped(tuple: &'a Tuple) -> Self {
        let mut slots = Self::binarized(tuple);
        slots.args.reverse();
        slots
    }
}

fn tokens(s: &str) -> Vec<&str> {
    py_split(s).collect()
}

/// A gold tuple prepared for repeated matching.
pub(crate) struct GoldView<'a> {
    slots: Slots<'a>,
    said_type: bool,
}

impl<'a> GoldView<'a> {
    pub fn new(tuple: &'a Tuple) -> Self {
        Self {
            slots: Slots::binarized(tuple),
            said_type: is_said_type(&tuple.relation),
        }
    }
}

/// A system tuple prepared for repeated matching.
pub(crate) struct SystemView<'a> {
    straight: Slots<'a>,
    swapped: Slots<'a>,
}

impl<'a> SystemView<'a> {
    pub fn new(tuple: &'a SystemTuple) -> Self {
        Self {
            straight: Slots::binarized(&tuple.tuple),
            swapped: Slots::swapped(&tuple.tuple),
        }
    }
}

/// Reporting verbs for which CaRB also tries the swapped argument order.
/// CaRB tests them as *substrings* of the raw gold relation ("foretold"
/// counts), and so do we.
const SAID_VERBS: [&str; 5] = ["said", "told", "added", "adds", "says"];

fn is_said_type(relation: &str) -> bool {
    SAID_VERBS.iter().any(|verb| relation.contains(verb))
}

/// Scores a system tuple against a gold tuple.
pub(crate) fn match_pair(gold: &GoldView, system: &SystemView) -> PairScore {
    let straight = lenient_match(&gold.slots, &system.straight);
    if gold.said_type {
        straight.max_lexicographic(lenient_match(&gold.slots, &system.swapped))
    } else {
        straight
    }
}

/// Surface forms that a system relation's leftover "be" may match
/// (CaRB's `forms_of_be`).
const FORMS_OF_BE: [&str; 8] = ["be", "is", "am", "are", "was", "were", "been", "being"];

/// CaRB's `linient_tuple_match` on binarized slots.
///
/// Precision pools matched tokens over all system tokens in the slots that
/// the gold tuple has; recall pools them over all gold tokens.
fn lenient_match(gold: &Slots, system: &Slots) -> PairScore {
    let (mut matched, leftover) = overlap(&gold.relation, &system.relation);
    // At most one extra match: an unmatched system "be" against any form of
    // "be" anywhere in the gold relation (even one already matched).
    if leftover.contains(&"be") && gold.relation.iter().any(|w| FORMS_OF_BE.contains(w)) {
        matched += 1;
    }
    if matched == 0 {
        return PairScore::ZERO;
    }
    let mut counts = Counts {
        matched,
        system_total: system.relation.len(),
        gold_total: gold.relation.len(),
    };
    for (i, gold_arg) in gold.args.iter().enumerate() {
        // Binarized tuples have at most two slots, and CaRB zeroes the pair
        // when a system slot among the first two is missing.
        let Some(system_arg) = system.args.get(i) else {
            return PairScore::ZERO;
        };
        counts.matched += overlap(gold_arg, system_arg).0;
        counts.system_total += system_arg.len();
        counts.gold_total += gold_arg.len();
    }
    counts.score()
}

/// Token tallies pooled over slots; a zero denominator gives 0, as in CaRB.
struct Counts {
    matched: usize,
    system_total: usize,
    gold_total: usize,
}

impl Counts {
    fn score(&self) -> PairScore {
        let ratio = |total: usize| {
            if total == 0 {
                0.0
            } else {
                self.matched as f64 / total as f64
            }
        };
        PairScore {
            precision: ratio(self.system_total),
            recall: ratio(self.gold_total),
        }
    }
}

/// Multiset overlap: each gold token consumes one equal system token.
/// Returns the number matched and the unconsumed system tokens.
fn overlap<'a>(gold: &[&str], system: &[&'a str]) -> (usize, Vec<&'a str>) {
    let mut leftover = system.to_vec();
    let mut matched = 0;
    for word in gold {
        if let Some(pos) = leftover.iter().position(|w| w == word) {
            leftover.remove(pos);
            matched += 1;
        }
    }
    (matched, leftover)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(relation: &str, args: &[&str]) -> Tuple {
        Tuple {
            relation: relation.to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    fn score(gold: &Tuple, system: &Tuple) -> PairScore {
        let system = SystemTuple {
            tuple: system.clone(),
            confidence: 1.0,
        };
        match_pair(&GoldView::new(gold), &SystemView::new(&system))
    }

    fn assert_score(got: PairScore, precision: f64, recall: f64) {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(
            close(got.precision, precision) && close(got.recall, recall),
            "got {got:?}, expected ({precision}, {recall})"
        );
    }

    #[test]
    fn exact_match_is_perfect() {
        let t = tuple("was born in", &["Obama", "Hawaii"]);
        assert_score(score(&t, &t), 1.0, 1.0);
    }

    #[test]
    fn half_the_tokens_gives_full_precision_half_recall() {
        // Gold has 8 tokens; the system's 4 tokens all match.
        let gold = tuple("was born in", &["Barack Obama", "Honolulu , Hawaii"]);
        let system = tuple("born in", &["Obama", "Hawaii"]);
        assert_score(score(&gold, &system), 1.0, 0.5);
    }

    #[test]
    fn extra_system_tokens_lower_precision() {
        let gold = tuple("born in", &["Obama", "Hawaii"]);
        let system = tuple("was born in", &["Barack Obama", "Hawaii in 1961"]);
        assert_score(score(&gold, &system), 4.0 / 8.0, 1.0);
    }

    #[test]
    fn no_relation_overlap_scores_zero() {
        let gold = tuple("born in", &["Obama", "Hawaii"]);
        let system = tuple("lives", &["Obama", "Hawaii"]);
        assert_score(score(&gold, &system), 0.0, 0.0);
    }

    #[test]
    fn missing_object_scores_zero() {
        let gold = tuple("born in", &["Obama", "Hawaii"]);
        let system = tuple("born in", &["Obama"]);
        assert_score(score(&gold, &system), 0.0, 0.0);
    }

    #[test]
    fn extra_system_arguments_join_the_object_slot() {
        let gold = tuple("met", &["A", "B", "in Paris"]);
        let system = tuple("met", &["A", "B in", "Paris"]);
        assert_score(score(&gold, &system), 1.0, 1.0);
    }

    #[test]
    fn system_object_ignored_when_gold_has_one_argument() {
        let gold = tuple("smiled", &["she"]);
        let system = tuple("smiled", &["she", "broadly"]);
        assert_score(score(&gold, &system), 1.0, 1.0);
    }

    #[test]
    fn matching_is_case_sensitive_and_keeps_stopwords() {
        let gold = tuple("is", &["The cat", "black"]);
        let system = tuple("is", &["the cat", "black"]);
        assert_score(score(&gold, &system), 3.0 / 4.0, 3.0 / 4.0);
    }

    #[test]
    fn leftover_be_matches_a_form_of_be() {
        let gold = tuple("is in", &["Paris", "France"]);
        let system = tuple("be in", &["Paris", "France"]);
        assert_score(score(&gold, &system), 1.0, 1.0);
    }

    #[test]
    fn said_relations_may_swap_arguments() {
        let gold = tuple("said", &["he", "it rained"]);
        let system = tuple("said", &["it rained", "he"]);
        assert_score(score(&gold, &system), 1.0, 1.0);
        let plain = tuple("saw", &["he", "it rained"]);
        let swapped = tuple("saw", &["it rained", "he"]);
        assert_score(score(&plain, &swapped), 1.0 / 4.0, 1.0 / 4.0);
    }

    #[test]
    fn lexicographic_max_prefers_precision() {
        let a = PairScore {
            precision: 0.5,
            recall: 0.9,
        };
        let b = PairScore {
            precision: 0.6,
            recall: 0.1,
        };
        assert_eq!(a.max_lexicographic(b), b);
        assert_eq!(b.max_lexicographic(a), b);
    }
}
