//! Mapping between labelled transitions and perceptron class ids.

use super::deprel::DepRel;
use super::transition::{Action, Config, Move};

/// The labelled transitions a model can predict: `Shift`, then `Left(l)` and
/// `Right(l)` for each label `l` of the model.
///
/// Invariant: the labels are sorted, unique and include `root` and `dep`,
/// so in every non-terminal configuration at least one class is legal
/// (`Left(root)` onto the root, `Right(dep)` between two words, or `Shift`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ActionTable {
    labels: Vec<DepRel>,
}

impl ActionTable {
    /// Builds the table from labels seen in training; adds the labels the
    /// invariant needs.
    pub(crate) fn new(seen: impl IntoIterator<Item = DepRel>) -> Self {
        let mut labels: Vec<DepRel> = seen.into_iter().collect();
        labels.extend([DepRel::Root, DepRel::Dep]);
        labels.sort_unstable();
        labels.dedup();
        Self { labels }
    }

    /// Accepts stored labels only if they satisfy the invariant exactly as
    /// [`ActionTable::new`] would have produced them.
    pub(crate) fn from_stored(labels: Vec<DepRel>) -> Option<Self> {
        let table = Self::new(labels.iter().copied());
        (table.labels == labels).then_some(table)
    }

    pub(crate) fn labels(&self) -> &[DepRel] {
        &self.labels
    }

    pub(crate) fn n_classes(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    pub(crate) fn action(&self, class: usize) -> Action {
        match class {
            0 => Action::Shift,
            c => {
                let label = self.labels[(c - 1) / 2];
                if c % 2 == 1 {
                    Action::Left(label)
                } else {
                    Action::Right(label)
                }
            }
        }
    }

    /// Class id of `action`, or `None` if its label is not in the table.
    #[cfg(test)]
    pub(crate) fn class(&self, action: Action) -> Option<usize> {
        let label_class = |l: DepRel| self.labels.binary_search(&l).ok().map(|i| 1 + 2 * i);
        match action {
            Action::Shift => Some(0),
            Action::Left(l) => label_class(l),
            Action::Right(l) => label_class(l).map(|c| c + 1),
        }
    }

    /// Classes legal in `c`, in id order. The root arc, and only it, is
    /// labelled `root`.
    pub(crate) fn legal_classes<'a>(&'a self, c: &Config) -> impl Iterator<Item = usize> + 'a {
        let [shift, left, right] = [Move::Shift, Move::Left, Move::Right].map(|m| c.is_legal(m));
        let onto_root = c.front() > c.n_words();
        let arcs = self.labels.iter().enumerate().flat_map(move |(i, &label)| {
            let is_root = label == DepRel::Root;
            let left = (left && onto_root == is_root).then_some(1 + 2 * i);
            let right = (right && !is_root).then_some(2 + 2 * i);
            left.into_iter().chain(right)
        });
        shift.then_some(0).into_iter().chain(arcs)
    }

    /// Highest-scoring legal class for `c` (ties go to the lowest id, so
    /// parsing is deterministic). `None` only in a terminal configuration.
    pub(crate) fn best_legal(&self, c: &Config, scores: &[i32]) -> Option<usize> {
        let mut best: Option<(usize, i32)> = None;
        for class in self.legal_classes(c) {
            if best.is_none_or(|(_, s)| scores[class] > s) {
                best = Some((class, scores[class]));
            }
        }
        best.map(|(class, _)| class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_trip() {
        let table = ActionTable::new([DepRel::Nsubj, DepRel::Obj]);
        for class in 0..table.n_classes() {
            assert_eq!(table.class(table.action(class)), Some(class));
        }
        assert_eq!(table.class(Action::Left(DepRel::Amod)), None);
    }

    #[test]
    fn legal_classes_agree_with_the_configuration() {
        let table = ActionTable::new([DepRel::Nsubj, DepRel::Obj]);
        let mut c = Config::new(2);
        let legal = |c: &Config| -> Vec<usize> { table.legal_classes(c).collect() };
        assert_eq!(legal(&c), vec![0]);
        assert!(c.apply(Action::Shift));
        assert!(c.apply(Action::Shift));
        for class in 0..table.n_classes() {
            let action = table.action(class);
            assert_eq!(
                legal(&c).contains(&class),
                c.is_legal_action(action),
                "{action:?}"
            );
        }
    }

    #[test]
    fn stored_labels_must_satisfy_invariant() {
        assert!(ActionTable::from_stored(vec![DepRel::Obj]).is_none());
        let ok = ActionTable::new([DepRel::Obj]);
        assert_eq!(
            ActionTable::from_stored(ok.labels().to_vec()),
            Some(ok.clone())
        );
    }
}
