//! Graph algorithms over the fact graph. Paths and neighbourhoods ignore edge
//! direction: "how are A and B connected" does not care who did what to whom.

use std::collections::{BTreeSet, VecDeque};

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

/// Nodes within `depth` hops of any seed (seeds included).
pub fn neighborhood<N, E>(
    graph: &DiGraph<N, E>,
    seeds: &[NodeIndex],
    depth: usize,
) -> BTreeSet<NodeIndex> {
    let mut seen: BTreeSet<NodeIndex> = seeds.iter().copied().collect();
    let mut queue: VecDeque<(NodeIndex, usize)> = seeds.iter().map(|&s| (s, 0)).collect();
    while let Some((node, hops)) = queue.pop_front() {
        if hops == depth {
            continue;
        }
        for next in graph.neighbors_undirected(node) {
            if seen.insert(next) {
                queue.push_back((next, hops + 1));
            }
        }
    }
    seen
}

/// One step of a path: the edge taken and the node it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub edge: EdgeIndex,
    pub node: NodeIndex,
}

/// A shortest path from `from` to `to` of at most `max_hops` edges, found by
/// breadth-first search; ties go to the lower edge index, so it is stable.
pub fn shortest_path<N, E>(
    graph: &DiGraph<N, E>,
    from: NodeIndex,
    to: NodeIndex,
    max_hops: usize,
) -> Option<Vec<Step>> {
    let mut parent: Vec<Option<Step>> = vec![None; graph.node_count()];
    let mut depth = vec![usize::MAX; graph.node_count()];
    depth[from.index()] = 0;
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            break;
        }
        if depth[node.index()] == max_hops {
            continue;
        }
        let mut edges: Vec<(EdgeIndex, NodeIndex)> = graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .map(|e| (e.id(), e.target()))
            .chain(
                graph
                    .edges_directed(node, petgraph::Direction::Incoming)
                    .map(|e| (e.id(), e.source())),
            )
            .collect();
        edges.sort();
        for (edge, next) in edges {
            if depth[next.index()] == usize::MAX {
                depth[next.index()] = depth[node.index()] + 1;
                parent[next.index()] = Some(Step { edge, node });
                queue.push_back(next);
            }
        }
    }
    if depth[to.index()] == usize::MAX {
        return None;
    }
    let mut steps = Vec::new();
    let mut at = to;
    while let Some(step) = parent[at.index()] {
        steps.push(Step {
            edge: step.edge,
            node: at,
        });
        at = step.node;
    }
    steps.reverse();
    Some(steps)
}

/// Weakly connected components: a component id per node, ids numbered in
/// node order from 0.
pub fn components<N, E>(graph: &DiGraph<N, E>) -> Vec<usize> {
    let mut sets = UnionFind::new(graph.node_count());
    for edge in graph.edge_references() {
        sets.union(edge.source().index(), edge.target().index());
    }
    let mut ids = std::collections::HashMap::new();
    (0..graph.node_count())
        .map(|i| {
            let next = ids.len();
            *ids.entry(sets.find(i)).or_insert(next)
        })
        .collect()
}

/// In- plus out-degree of every node.
pub fn degrees<N, E>(graph: &DiGraph<N, E>) -> Vec<usize> {
    let mut degree = vec![0; graph.node_count()];
    for edge in graph.edge_references() {
        degree[edge.source().index()] += 1;
        degree[edge.target().index()] += 1;
    }
    degree
}

/// PageRank by power iteration (damping 0.85) until the ranks move less than
/// 1e-9 or 100 rounds. petgraph's `page_rank` is quadratic in nodes; this is
/// linear in edges per round, which exports of 100k-node graphs need.
pub fn page_rank<N, E>(graph: &DiGraph<N, E>) -> Vec<f64> {
    const DAMPING: f64 = 0.85;
    let n = graph.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out_degree: Vec<usize> = graph
        .node_indices()
        .map(|i| graph.edges(i).count())
        .collect();
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..100 {
        let dangling: f64 = (0..n)
            .filter(|&i| out_degree[i] == 0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
        let mut next = vec![base; n];
        for edge in graph.edge_references() {
            let s = edge.source().index();
            next[edge.target().index()] += DAMPING * rank[s] / out_degree[s] as f64;
        }
        let delta: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if delta < 1e-9 {
            break;
        }
    }
    rank
}

/// Nodes by decreasing PageRank, ties by node index.
pub fn ranked<N, E>(graph: &DiGraph<N, E>) -> Vec<(NodeIndex, f64)> {
    let mut ranked: Vec<(NodeIndex, f64)> = page_rank(graph)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (NodeIndex::new(i), r))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// a → b → c, d → c, e alone.
    fn sample() -> (DiGraph<&'static str, ()>, [NodeIndex; 5]) {
        let mut g = DiGraph::new();
        let n = ["a", "b", "c", "d", "e"].map(|l| g.add_node(l));
        g.add_edge(n[0], n[1], ());
        g.add_edge(n[1], n[2], ());
        g.add_edge(n[3], n[2], ());
        (g, n)
    }

    #[test]
    fn neighborhood_ignores_direction_and_stops_at_depth() {
        let (g, n) = sample();
        assert_eq!(
            neighborhood(&g, &[n[2]], 1),
            BTreeSet::from([n[1], n[2], n[3]])
        );
        assert_eq!(neighborhood(&g, &[n[2]], 2).len(), 4);
        assert_eq!(neighborhood(&g, &[n[4]], 3), BTreeSet::from([n[4]]));
    }

    #[test]
    fn shortest_path_walks_edges_both_ways_within_max() {
        let (g, n) = sample();
        let path = shortest_path(&g, n[0], n[3], 5).unwrap();
        let nodes: Vec<NodeIndex> = path.iter().map(|s| s.node).collect();
        assert_eq!(nodes, [n[1], n[2], n[3]]);
        assert!(shortest_path(&g, n[0], n[3], 2).is_none());
        assert!(shortest_path(&g, n[0], n[4], 9).is_none());
        assert_eq!(shortest_path(&g, n[0], n[0], 3), Some(vec![]));
    }

    #[test]
    fn components_and_degrees() {
        let (g, _) = sample();
        assert_eq!(components(&g), [0, 0, 0, 0, 1]);
        assert_eq!(degrees(&g), [1, 2, 2, 1, 0]);
    }

    #[test]
    fn page_rank_sums_to_one_and_favours_sinks() {
        let (g, n) = sample();
        let rank = page_rank(&g);
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-6);
        assert_eq!(ranked(&g)[0].0, n[2]);
        assert!(rank[n[1].index()] > rank[n[0].index()]);
    }
}
