//! Cytoscape.js elements JSON (`cy.add(json.elements)` or `cytoscape({ elements })`).

use std::io::{self, Write};

use serde::Serialize;

use crate::graph::KnowledgeGraph;

#[derive(Serialize)]
struct Document<'a> {
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: String,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    iri: &'a str,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: String,
    target: String,
    label: &'a str,
    iri: &'a str,
    evidence: usize,
    articles: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<&'a str>,
}

pub fn write_json(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    let nodes = graph
        .graph
        .node_indices()
        .map(|i| {
            let node = &graph.graph[i];
            Element {
                data: NodeData {
                    id: format!("n{}", i.index()),
                    label: &node.label,
                    kind: &node.kind,
                    iri: &node.iri,
                    aliases: &node.aliases,
                },
            }
        })
        .collect();
    let edges = graph
        .edges()
        .enumerate()
        .map(|(i, (s, t, e))| Element {
            data: EdgeData {
                id: format!("e{i}"),
                source: format!("n{}", s.index()),
                target: format!("n{}", t.index()),
                label: &e.relation,
                iri: &e.relation_iri,
                evidence: e.evidence,
                articles: &e.articles,
                sentence: e.sentence.as_deref(),
            },
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &Document {
            elements: Elements { nodes, edges },
        },
    )?;
    writeln!(out)
}
