//! Dynamic oracle for the arc-hybrid system (Goldberg & Nivre 2013).
//!
//! The cost of an action is the number of gold arcs that become unreachable
//! by taking it. For projective gold trees arc-hybrid is arc-decomposable,
//! so following any zero-cost action from any configuration reaches the best
//! tree still reachable; training therefore projectivizes its trees first
//! (see [`crate::nlp::parser::tree::projectivize`]). The single-root constraint of our
//! root-at-end variant needs one extra term in the shift cost (see
//! [`shift_cost`]); the tests check optimality against exhaustive search.

use super::deprel::DepRel;
use super::transition::{Action, Config, Move, NONE, ROOT};

/// Gold annotation of one sentence: `heads[i]`/`labels[i]` belong to word
/// `i + 1`. Heads must form a projective tree for costs to be exact.
pub(crate) struct Gold<'a> {
    pub(crate) heads: &'a [u32],
    pub(crate) labels: &'a [DepRel],
}

impl Gold<'_> {
    #[inline]
    fn head(&self, word: u32) -> u32 {
        self.heads[word as usize - 1]
    }

    #[inline]
    fn label(&self, word: u32) -> DepRel {
        self.labels[word as usize - 1]
    }

    /// Gold dependents of `head` still in the buffer: they lose their head
    /// once `head` is popped.
    fn buffer_dependents(&self, c: &Config, head: u32) -> u32 {
        (c.front()..=c.n_words())
            .filter(|&d| self.head(d) == head)
            .count() as u32
    }
}

/// Unlabelled cost of each move kind, or `None` where the move is illegal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MoveCosts {
    shift: Option<u32>,
    left: Option<u32>,
    right: Option<u32>,
}

impl MoveCosts {
    pub(crate) fn new(c: &Config, g: &Gold) -> Self {
        let legal = |m: Move| c.is_legal(m);
        Self {
            shift: legal(Move::Shift).then(|| shift_cost(c, g)),
            left: legal(Move::Left).then(|| left_cost(c, g)),
            right: legal(Move::Right).then(|| right_cost(c, g)),
        }
    }

    /// Labelled cost of `action`: a correctly attached arc with the wrong
    /// label costs one more. `None` if the action is illegal.
    pub(crate) fn action_cost(&self, c: &Config, g: &Gold, action: Action) -> Option<u32> {
        if !c.is_legal_action(action) {
            return None;
        }
        let s0 = c.stack(0);
        let wrong_label = |head: u32, l: DepRel| u32::from(g.head(s0) == head && g.label(s0) != l);
        match action {
            Action::Shift => self.shift,
            Action::Left(l) => self.left.map(|cost| cost + wrong_label(c.buffer(0), l)),
            Action::Right(l) => self.right.map(|cost| cost + wrong_label(c.stack(1), l)),
        }
    }
}

/// Shifting b0 loses its arcs to every stack word except s0 (which can
/// still take b0 as a right dependent).
///
/// With the single-root constraint it also loses b0's root arc when the
/// stack is not empty: the words below b0 can only leave the stack after b0
/// has, and b0 can only reach the root as the last word on the stack. (This
/// term is what keeps the oracle optimal under the constraint.)
fn shift_cost(c: &Config, g: &Gold) -> u32 {
    let b0 = c.buffer(0);
    let s0 = c.stack(0);
    let stack = c.stack_words();
    let deps = stack.iter().filter(|&&s| g.head(s) == b0).count() as u32;
    let head = g.head(b0);
    let head_lost = if head == ROOT {
        !stack.is_empty()
    } else {
        head != s0 && stack.contains(&head)
    };
    deps + u32::from(head_lost)
}

/// Attaching s0 to b0 loses its gold head if that is s1 or deeper in the
/// buffer, and all its dependents still in the buffer.
fn left_cost(c: &Config, g: &Gold) -> u32 {
    let s0 = c.stack(0);
    let head = g.head(s0);
    let head_lost = head != c.buffer(0) && (c.in_buffer(head) || head == c.stack(1));
    u32::from(head_lost) + g.buffer_dependents(c, s0)
}

/// Attaching s0 to s1 loses its gold head if that is in the buffer, and all
/// its dependents still in the buffer.
fn right_cost(c: &Config, g: &Gold) -> u32 {
    let s0 = c.stack(0);
    let head = g.head(s0);
    debug_assert!(head != NONE);
    u32::from(c.in_buffer(head)) + g.buffer_dependents(c, s0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::rng::SplitMix64;

    const LABELS: [DepRel; 3] = [DepRel::Nsubj, DepRel::Obj, DepRel::Amod];

    fn candidates() -> Vec<Action> {
        let mut v = vec![Action::Shift, Action::Left(DepRel::Root)];
        for l in LABELS {
            v.push(Action::Left(l));
            v.push(Action::Right(l));
        }
        v
    }

    /// A random projective tree: arc-hybrid can only build projective trees.
    fn random_gold(n: usize, rng: &mut SplitMix64) -> (Vec<u32>, Vec<DepRel>) {
        let mut c = Config::new(n);
        while !c.is_terminal() {
            let legal: Vec<Action> = candidates()
                .into_iter()
                .filter(|&a| c.is_legal_action(a))
                .collect();
            c.apply(legal[rng.below(legal.len())]);
        }
        c.arcs().map(|(h, l)| (h, l.unwrap_or(DepRel::Dep))).unzip()
    }

    fn loss(c: &Config, g: &Gold) -> u32 {
        c.arcs()
            .zip(g.heads.iter().zip(g.labels))
            .filter(|((h, l), (gh, gl))| h != *gh || *l != Some(**gl))
            .count() as u32
    }

    /// Minimum labelled loss over every completion of `c` (exhaustive).
    fn best_loss(c: &Config, g: &Gold) -> u32 {
        if c.is_terminal() {
            return loss(c, g);
        }
        candidates()
            .into_iter()
            .filter(|&a| c.is_legal_action(a))
            .map(|a| {
                let mut next = c.clone();
                next.apply(a);
                best_loss(&next, g)
            })
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Follows a minimum-cost action until terminal.
    fn follow_oracle(c: &mut Config, g: &Gold) {
        while !c.is_terminal() {
            let costs = MoveCosts::new(c, g);
            let best = candidates()
                .into_iter()
                .filter_map(|a| costs.action_cost(c, g, a).map(|k| (k, a)))
                .min_by_key(|&(k, _)| k)
                .map(|(_, a)| a);
            assert!(best.is_some_and(|a| c.apply(a)));
        }
    }

    #[test]
    fn oracle_reproduces_projective_gold_trees() {
        let mut rng = SplitMix64::new(3);
        for round in 0..500 {
            let (heads, labels) = random_gold(1 + round % 30, &mut rng);
            let g = Gold {
                heads: &heads,
                labels: &labels,
            };
            let mut c = Config::new(heads.len());
            follow_oracle(&mut c, &g);
            assert_eq!(loss(&c, &g), 0, "heads {heads:?}");
        }
    }

    #[test]
    fn oracle_reaches_best_reachable_tree_after_mistakes() {
        let mut rng = SplitMix64::new(11);
        for round in 0..600 {
            let n = 1 + round % 7;
            let (heads, labels) = random_gold(n, &mut rng);
            let g = Gold {
                heads: &heads,
                labels: &labels,
            };
            let mut c = Config::new(n);
            // Random prefix of legal (often wrong) actions.
            for _ in 0..rng.below(2 * n) {
                let legal: Vec<Action> = candidates()
                    .into_iter()
                    .filter(|&a| c.is_legal_action(a))
                    .collect();
                if legal.is_empty() {
                    break;
                }
                c.apply(legal[rng.below(legal.len())]);
            }
            let optimum = best_loss(&c, &g);
            follow_oracle(&mut c, &g);
            assert_eq!(loss(&c, &g), optimum, "heads {heads:?}");
        }
    }

    #[test]
    fn root_is_in_buffer_until_the_end() {
        let c = Config::new(2);
        assert!(c.in_buffer(ROOT));
    }

    #[test]
    fn oracle_reproduces_treebank_trees() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/ud-english-ewt/train.conllu"
        );
        let Ok(train) = crate::nlp::conllu::read_conllu_file(path) else {
            return; // corpus not available on this machine
        };
        let mut nonprojective = 0;
        for sentence in train.iter().take(3000) {
            let heads: Vec<u32> = sentence
                .tokens
                .iter()
                .map(|t| t.head.unwrap_or(0))
                .collect();
            let labels: Vec<DepRel> = sentence
                .tokens
                .iter()
                .map(|t| t.deprel.parse().unwrap_or(DepRel::Dep))
                .collect();
            let projective =
                crate::nlp::parser::tree::projectivize(&heads).expect("treebank trees are trees");
            nonprojective += usize::from(projective != heads);
            let g = Gold {
                heads: &projective,
                labels: &labels,
            };
            let mut c = Config::new(heads.len());
            // Zero-cost actions only, with the gold labels available.
            while !c.is_terminal() {
                let costs = MoveCosts::new(&c, &g);
                let s0 = c.stack(0);
                let label = if s0 == crate::nlp::parser::transition::NONE {
                    DepRel::Dep
                } else {
                    g.label(s0)
                };
                let zero = [Action::Shift, Action::Left(label), Action::Right(label)]
                    .into_iter()
                    .find(|&a| costs.action_cost(&c, &g, a) == Some(0));
                assert!(zero.is_some_and(|a| c.apply(a)), "no zero-cost action");
            }
            assert_eq!(loss(&c, &g), 0);
        }
        assert!(nonprojective > 0, "expected some non-projective trees");
    }
}
