//! Dependency-tree utilities over head vectors: `heads[i]` is the head of
//! word `i + 1` (1-based CoNLL-U numbering, 0 = root).

/// True when every word has a head in range, exactly one word hangs from the
/// root, and following heads from any word reaches the root (no cycles).
pub(crate) fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if n == 0 {
        return true;
    }
    let in_range = heads
        .iter()
        .enumerate()
        .all(|(i, &h)| (h as usize) <= n && h as usize != i + 1);
    in_range
        && heads.iter().filter(|&&h| h == 0).count() == 1
        && (1..=n).all(|w| reaches_root(heads, w))
}

fn reaches_root(heads: &[u32], word: usize) -> bool {
    let mut cur = word;
    // A path longer than n steps must revisit a word, i.e. loop.
    for _ in 0..=heads.len() {
        if cur == 0 {
            return true;
        }
        cur = heads[cur - 1] as usize;
    }
    false
}

/// Whether `ancestor` dominates `word` (reflexively). Requires a tree.
fn dominates(heads: &[u32], ancestor: usize, word: usize) -> bool {
    let mut cur = word;
    for _ in 0..=heads.len() {
        if cur == ancestor {
            return true;
        }
        if cur == 0 {
            return false;
        }
        cur = heads[cur - 1] as usize;
    }
    false
}

/// An arc is projective when its head dominates every word between the head
/// and the dependent.
fn arc_is_projective(heads: &[u32], dep: usize) -> bool {
    let head = heads[dep - 1] as usize;
    let (lo, hi) = if head < dep { (head, dep) } else { (dep, head) };
    (lo + 1..hi).all(|k| dominates(heads, head, k))
}

#[cfg(test)]
pub(crate) fn is_projective(heads: &[u32]) -> bool {
    (1..=heads.len()).all(|d| arc_is_projective(heads, d))
}

/// Makes a tree projective by repeatedly lifting the shortest
/// non-projective arc to the grandparent (Nivre & Nilsson 2005, without
/// their label encoding: the parser simply learns the lifted heads). Each
/// lift moves a word strictly closer to the root, so this terminates.
///
/// Returns `None` when `heads` is not a tree.
pub(crate) fn projectivize(heads: &[u32]) -> Option<Vec<u32>> {
    if !is_tree(heads) {
        return None;
    }
    let mut heads = heads.to_vec();
    while let Some(dep) = shortest_nonprojective(&heads) {
        let head = heads[dep - 1] as usize;
        heads[dep - 1] = heads[head - 1];
    }
    Some(heads)
}

fn shortest_nonprojective(heads: &[u32]) -> Option<usize> {
    (1..=heads.len())
        .filter(|&d| !arc_is_projective(heads, d))
        .min_by_key(|&d| (heads[d - 1] as usize).abs_diff(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_trees() {
        assert!(is_tree(&[]));
        assert!(is_tree(&[0, 1, 1]));
        assert!(!is_tree(&[0, 0]));
        assert!(!is_tree(&[2, 1]));
        assert!(!is_tree(&[0, 3, 2]));
        assert!(!is_tree(&[0, 4]));
    }

    #[test]
    fn lifts_crossing_arc() {
        // 3 is the root; 1 <- 3, 4 <- 1, 2 <- 4. Arcs 4->2 and 1->4 both
        // span word 3, which neither dominates.
        let heads = [3, 4, 0, 1];
        assert!(!is_projective(&heads));
        let fixed = projectivize(&heads).expect("tree");
        assert!(is_projective(&fixed));
        assert!(is_tree(&fixed));
        // 2 is lifted to 1 (shortest arc first), then 4 to 3.
        assert_eq!(fixed, vec![3, 1, 0, 3]);
    }
}
