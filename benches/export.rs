//! Export speed on generated graphs: DOT of 100k entities (target < 2 s) and
//! the built-in SVG layout of 200 entities (target < 5 s).
//!
//! `cargo bench --bench export`

use std::time::Instant;

use kg::export::svg::{Engine, render_svg};
use kg::graph::{Edge, KnowledgeGraph, Node};

const KINDS: [&str; 4] = ["Person", "Organization", "Place", "Concept"];

/// `nodes` entities and about `2 * nodes` facts, wired pseudo-randomly.
fn generate(nodes: usize) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::default();
    let ids: Vec<_> = (0..nodes)
        .map(|i| {
            graph.graph.add_node(Node {
                iri: format!("https://kg.example/entity/E{i}"),
                label: format!("Entity \"{i}\" of {}", KINDS[i % 4]),
                kind: KINDS[i % 4].to_owned(),
                aliases: vec![format!("E{i}")],
            })
        })
        .collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..nodes * 2 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let (a, b) = (i % nodes, (state as usize) % nodes);
        graph.graph.add_edge(
            ids[a],
            ids[b],
            Edge {
                relation_iri: format!("https://kg.example/relation/r{}", i % 20),
                relation: format!("relation {}", i % 20),
                evidence: 1 + i % 3,
                article_count: 1,
                articles: vec![format!("article-{}", i % 50)],
                sentence: Some(format!("Sentence {i} says so.")),
            },
        );
    }
    graph
}

fn main() {
    let graph = generate(100_000);
    let started = Instant::now();
    let mut out = Vec::with_capacity(64 << 20);
    kg::export::dot::write_dot(&graph, &mut out).unwrap();
    println!(
        "DOT export: {} entities, {} facts, {:.1} MB in {:.3} s (target < 2 s)",
        graph.node_count(),
        graph.edge_count(),
        out.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let small = generate(200);
    let started = Instant::now();
    let svg = render_svg(&small, Engine::Builtin).unwrap();
    println!(
        "SVG layout (built-in): {} entities, {} facts, {:.0} kB in {:.3} s (target < 5 s)",
        small.node_count(),
        small.edge_count(),
        svg.len() as f64 / 1e3,
        started.elapsed().as_secs_f64()
    );
}
