//! Arc-hybrid transition system (Kuhlmann et al. 2011) with the artificial
//! root placed at the *end* of the buffer (Ballesteros & Nivre 2013).
//!
//! Words are numbered 1..=n as in CoNLL-U; 0 is the root. The buffer is the
//! words `front..=n` followed by the root. Moves:
//!
//! * `Shift`: push b0 onto the stack (b0 must be a word, not the root);
//! * `Left(l)`: pop s0 and attach it to b0 with label `l`;
//! * `Right(l)`: pop s0 and attach it to s1 with label `l`.
//!
//! Why root-at-end: a left arc from the root is only allowed when the stack
//! holds exactly one word, so every parse has exactly one root word, and
//! some move is always legal until the terminal configuration (empty stack,
//! only the root left). Every word is popped exactly once, when it receives
//! its head, and a popped word never becomes a head again, so the result is
//! always a tree reached after exactly 2n moves.

use super::deprel::DepRel;

/// Position of the artificial root.
pub(crate) const ROOT: u32 = 0;
/// "No such token" (e.g. s2 on a short stack, a missing child).
pub(crate) const NONE: u32 = u32::MAX;

/// Unlabelled move kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Left,
    Right,
}

/// A labelled transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Shift,
    Left(DepRel),
    Right(DepRel),
}

impl Action {
    pub(crate) fn kind(self) -> Move {
        match self {
            Action::Shift => Move::Shift,
            Action::Left(_) => Move::Left,
            Action::Right(_) => Move::Right,
        }
    }
}

/// Per-word attachment state; the parts features look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub(crate) head: u32,
    pub(crate) label: Option<DepRel>,
    /// Leftmost and second-leftmost children (NONE if absent).
    pub(crate) left: [u32; 2],
    /// Rightmost and second-rightmost children (NONE if absent).
    pub(crate) right: [u32; 2],
    pub(crate) n_left: u8,
    pub(crate) n_right: u8,
    /// Bit set (by `DepRel::index`) of labels of left / right children.
    pub(crate) left_labels: u64,
    pub(crate) right_labels: u64,
}

impl Node {
    const EMPTY: Node = Node {
        head: NONE,
        label: None,
        left: [NONE; 2],
        right: [NONE; 2],
        n_left: 0,
        n_right: 0,
        left_labels: 0,
        right_labels: 0,
    };

    fn add_child(&mut self, me: u32, child: u32, label: DepRel) {
        let bit = 1u64 << label.index();
        if child < me {
            self.n_left = self.n_left.saturating_add(1);
            self.left_labels |= bit;
            insert_extreme(&mut self.left, child, |a, b| a < b);
        } else {
            self.n_right = self.n_right.saturating_add(1);
            self.right_labels |= bit;
            insert_extreme(&mut self.right, child, |a, b| a > b);
        }
    }
}

/// Keeps the two most extreme children under `better`.
fn insert_extreme(slots: &mut [u32; 2], child: u32, better: impl Fn(u32, u32) -> bool) {
    if slots[0] == NONE || better(child, slots[0]) {
        slots[1] = slots[0];
        slots[0] = child;
    } else if slots[1] == NONE || better(child, slots[1]) {
        slots[1] = child;
    }
}

/// A parser configuration.
#[derive(Debug)]
pub(crate) struct Config {
    n: u32,
    stack: Vec<u32>,
    /// First word still in the buffer; `> n` means only the root is left.
    front: u32,
    /// Indexed by position; slot 0 is the root.
    nodes: Vec<Node>,
}

// By hand so that `clone_from` reuses the vectors (the beam copies
// configurations at every step).
impl Clone for Config {
    fn clone(&self) -> Self {
        Self {
            n: self.n,
            stack: self.stack.clone(),
            front: self.front,
            nodes: self.nodes.clone(),
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.n = source.n;
        self.stack.clone_from(&source.stack);
        self.front = source.front;
        self.nodes.clone_from(&source.nodes);
    }
}

impl Config {
    pub(crate) fn new(n_words: usize) -> Self {
        let n = u32::try_from(n_words)
            .unwrap_or(u32::MAX - 1)
            .min(u32::MAX - 1);
        Self {
            n,
            stack: Vec::with_capacity(n_words),
            front: 1,
            nodes: vec![Node::EMPTY; n as usize + 1],
        }
    }

    pub(crate) fn n_words(&self) -> u32 {
        self.n
    }

    pub(crate) fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.front > self.n
    }

    /// The i-th stack element from the top (NONE if absent).
    #[inline]
    pub(crate) fn stack(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            NONE
        }
    }

    pub(crate) fn stack_words(&self) -> &[u32] {
        &self.stack
    }

    /// The i-th buffer element: a word, the root after the last word, or NONE.
    #[inline]
    pub(crate) fn buffer(&self, i: usize) -> u32 {
        let pos = u64::from(self.front) + i as u64;
        let n = u64::from(self.n);
        if pos <= n {
            pos as u32
        } else if pos == n + 1 {
            ROOT
        } else {
            NONE
        }
    }

    /// First word still in the buffer (`> n_words` when only the root is left).
    pub(crate) fn front(&self) -> u32 {
        self.front
    }

    /// Whether `token` (a word or the root) is still in the buffer.
    #[inline]
    pub(crate) fn in_buffer(&self, token: u32) -> bool {
        token == ROOT || (token >= self.front && token <= self.n)
    }

    #[inline]
    pub(crate) fn node(&self, token: u32) -> &Node {
        &self.nodes[token as usize]
    }

    pub(crate) fn is_legal(&self, kind: Move) -> bool {
        match kind {
            Move::Shift => self.front <= self.n,
            // Attaching to the root is only allowed for the last stack word,
            // which is what guarantees a single root.
            Move::Left => !self.stack.is_empty() && (self.front <= self.n || self.stack.len() == 1),
            Move::Right => self.stack.len() >= 2,
        }
    }

    /// Whether `action` is legal, including the label constraint: the root
    /// arc, and only it, carries `root`.
    pub(crate) fn is_legal_action(&self, action: Action) -> bool {
        if !self.is_legal(action.kind()) {
            return false;
        }
        match action {
            Action::Shift => true,
            Action::Left(l) => (self.front > self.n) == (l == DepRel::Root),
            Action::Right(l) => l != DepRel::Root,
        }
    }

    /// Applies a legal action. Returns false (and changes nothing) if illegal.
    pub(crate) fn apply(&mut self, action: Action) -> bool {
        if !self.is_legal_action(action) {
            return false;
        }
        match action {
            Action::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Action::Left(l) => {
                let dep = self.stack.pop().unwrap_or(NONE);
                self.attach(self.buffer(0), dep, l);
            }
            Action::Right(l) => {
                let dep = self.stack.pop().unwrap_or(NONE);
                self.attach(self.stack(0), dep, l);
            }
        }
        true
    }

    fn attach(&mut self, head: u32, dep: u32, label: DepRel) {
        let node = &mut self.nodes[dep as usize];
        node.head = head;
        node.label = Some(label);
        self.nodes[head as usize].add_child(head, dep, label);
    }

    /// (head, label) for words 1..=n; meaningful once terminal.
    pub(crate) fn arcs(&self) -> impl Iterator<Item = (u32, Option<DepRel>)> + '_ {
        self.nodes[1..].iter().map(|n| (n.head, n.label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::rng::SplitMix64;

    const MOVES: [Action; 4] = [
        Action::Shift,
        Action::Left(DepRel::Dep),
        Action::Right(DepRel::Dep),
        Action::Left(DepRel::Root),
    ];

    /// Runs random legal actions to the end; returns heads (1-based slots).
    fn random_parse(n: usize, rng: &mut SplitMix64) -> (Vec<u32>, Vec<Option<DepRel>>, usize) {
        let mut c = Config::new(n);
        let mut steps = 0;
        while !c.is_terminal() {
            let legal: Vec<Action> = MOVES
                .into_iter()
                .filter(|&a| c.is_legal_action(a))
                .collect();
            assert!(!legal.is_empty(), "no legal move before terminal");
            assert!(c.apply(legal[rng.below(legal.len())]));
            steps += 1;
        }
        let (heads, labels) = c.arcs().unzip();
        (heads, labels, steps)
    }

    #[test]
    fn random_move_sequences_yield_trees() {
        let mut rng = SplitMix64::new(7);
        for round in 0..2000 {
            let n = round % 23;
            let (heads, labels, steps) = random_parse(n, &mut rng);
            assert_eq!(steps, 2 * n);
            assert_eq!(heads.iter().filter(|&&h| h == ROOT).count(), n.min(1));
            for (i, (&h, l)) in heads.iter().zip(&labels).enumerate() {
                assert!(h as usize <= n && h as usize != i + 1);
                assert_eq!(*l == Some(DepRel::Root), h == ROOT);
            }
            assert!(crate::nlp::parser::tree::is_tree(&heads));
        }
    }

    #[test]
    fn illegal_actions_are_rejected() {
        let mut c = Config::new(2);
        assert!(!c.apply(Action::Right(DepRel::Dep)));
        assert!(!c.apply(Action::Left(DepRel::Dep)));
        assert!(c.apply(Action::Shift));
        assert!(!c.apply(Action::Left(DepRel::Root)));
        assert!(c.apply(Action::Shift));
        assert!(!c.apply(Action::Shift));
        assert!(!c.apply(Action::Left(DepRel::Dep)));
        assert!(c.apply(Action::Right(DepRel::Obj)));
        assert!(c.apply(Action::Left(DepRel::Root)));
        assert!(c.is_terminal());
        let arcs: Vec<_> = c.arcs().collect();
        assert_eq!(arcs, vec![(0, Some(DepRel::Root)), (1, Some(DepRel::Obj))]);
    }
}
