//! Union–find over mentions and known entities that refuses merges which
//! would put apart what the text or the store keeps apart.
//!
//! Two things keep clusters apart:
//! * `Different` links between nodes: no cluster may ever contain both ends,
//!   even through a chain of merges, so each cluster carries the list of
//!   nodes it must stay apart from and a merge checks it;
//! * countries: a cluster holding a lexicon country is that country, so it
//!   never joins a cluster holding another one.
//!
//! Known (stored) entities are anchors too, but two of them may meet: when
//! the batch shows that they are one (a mention that matches both), the
//! cluster keeps the oldest, and the store merges the other into it.

/// What identifies a cluster for sure: a store entity, a lexicon country.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Index into the known entities (oldest first): the oldest the
    /// cluster holds.
    pub known: Option<usize>,
    /// Country id (see `Countries` in [`super`]).
    pub country: Option<usize>,
}

impl Anchor {
    fn agrees(self, other: Self) -> bool {
        self.country.is_none() || other.country.is_none() || self.country == other.country
    }

    fn join(self, other: Self) -> Self {
        let known = match (self.known, other.known) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Anchor {
            known,
            country: self.country.or(other.country),
        }
    }
}

/// The clusters; see the module documentation. Per-cluster data is kept at
/// the root.
#[derive(Debug, Clone)]
pub(crate) struct Clusters {
    parent: Vec<usize>,
    size: Vec<usize>,
    /// Per root: nodes (not necessarily roots) the cluster must stay apart from.
    apart: Vec<Vec<usize>>,
    anchor: Vec<Anchor>,
    /// Per root: whether the cluster holds anything other than bare
    /// single-word person mentions (a surname on its own is "unsettled":
    /// it still looks for the person it names).
    settled: Vec<bool>,
}

impl Clusters {
    /// `len` singleton clusters, all unsettled and unanchored.
    pub fn new(len: usize) -> Self {
        Clusters {
            parent: (0..len).collect(),
            size: vec![1; len],
            apart: vec![Vec::new(); len],
            anchor: vec![Anchor::default(); len],
            settled: vec![false; len],
        }
    }

    /// Anchors `node`'s cluster; call before merging.
    pub fn set_anchor(&mut self, node: usize, anchor: Anchor) {
        let root = self.find(node);
        self.anchor[root] = self.anchor[root].join(anchor);
    }

    pub fn settle(&mut self, node: usize) {
        let root = self.find(node);
        self.settled[root] = true;
    }

    pub fn is_settled(&mut self, node: usize) -> bool {
        let root = self.find(node);
        self.settled[root]
    }

    pub fn anchor(&mut self, node: usize) -> Anchor {
        let root = self.find(node);
        self.anchor[root]
    }

    /// Records that `a` and `b` must never share a cluster.
    pub fn keep_apart(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.apart[ra].push(b);
        self.apart[rb].push(a);
    }

    /// The root of `node`'s cluster (with path halving).
    pub fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    /// Whether the clusters of `a` and `b` may be merged.
    pub fn compatible(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        ra == rb || (self.anchor[ra].agrees(self.anchor[rb]) && !self.separated(ra, rb))
    }

    /// Whether a `Different` link joins the clusters of roots `ra` and `rb`.
    /// Links are recorded on both sides, so the shorter list is enough.
    fn separated(&mut self, ra: usize, rb: usize) -> bool {
        let (from, to) = if self.apart[ra].len() <= self.apart[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        for i in 0..self.apart[from].len() {
            let other = self.apart[from][i];
            if self.find(other) == to {
                return true;
            }
        }
        false
    }

    /// Merges the clusters of `a` and `b` unless that is forbidden. Returns
    /// whether they now share a cluster.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if !self.compatible(ra, rb) {
            return false;
        }
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
        let moved = std::mem::take(&mut self.apart[small]);
        self.apart[big].extend(moved);
        self.anchor[big] = self.anchor[big].join(self.anchor[small]);
        self.settled[big] |= self.settled[small];
        true
    }

    /// Merges a group of nodes that all look alike, as far as allowed: each
    /// node joins the first cluster of the group it may join, or starts a
    /// new one. Returns one node per resulting cluster, first-seen order.
    pub fn merge_group(&mut self, nodes: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut reps: Vec<usize> = Vec::new();
        for node in nodes {
            if !reps.iter().any(|&rep| self.union(rep, node)) {
                reps.push(node);
            }
        }
        reps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_links_hold_transitively() {
        let mut c = Clusters::new(4);
        c.keep_apart(0, 1);
        assert!(c.union(0, 2));
        assert!(c.union(1, 3));
        assert!(!c.union(2, 3), "0 ~ 2 and 1 ~ 3, but 0 ≠ 1");
        assert!(!c.union(3, 0));
        assert_ne!(c.find(0), c.find(1));
    }

    #[test]
    fn different_countries_never_merge() {
        let mut c = Clusters::new(3);
        let country = |id| Anchor {
            known: None,
            country: Some(id),
        };
        c.set_anchor(0, country(0));
        c.set_anchor(1, country(1));
        assert!(c.union(0, 2));
        assert!(!c.union(2, 1));
        assert_eq!(c.anchor(2).country, Some(0));
    }

    #[test]
    fn known_entities_merge_into_the_oldest() {
        let mut c = Clusters::new(3);
        let known = |k| Anchor {
            known: Some(k),
            country: None,
        };
        c.set_anchor(0, known(3));
        c.set_anchor(1, known(1));
        assert!(c.union(0, 2));
        assert!(
            c.union(2, 1),
            "a mention may show two stored entities to be one"
        );
        assert_eq!(c.anchor(0).known, Some(1));
    }

    #[test]
    fn settled_spreads_to_the_merged_cluster() {
        let mut c = Clusters::new(3);
        c.settle(1);
        assert!(!c.is_settled(0));
        c.union(0, 1);
        assert!(c.is_settled(0));
        assert!(!c.is_settled(2));
    }

    #[test]
    fn merge_group_splits_only_where_forbidden() {
        let mut c = Clusters::new(4);
        c.keep_apart(0, 1);
        let reps = c.merge_group([0, 1, 2, 3]);
        assert_eq!(reps, vec![0, 1]);
        assert_eq!(c.find(2), c.find(0));
        assert_eq!(c.find(3), c.find(0));
        assert_ne!(c.find(1), c.find(0));
    }
}
