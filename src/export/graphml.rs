//! GraphML, as read by Gephi, yEd and Cytoscape desktop.

use std::io::{self, Write};

use crate::graph::KnowledgeGraph;

const KEYS: [(&str, &str, &str); 7] = [
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("iri", "node", "string"),
    ("relation", "edge", "string"),
    ("evidence", "edge", "int"),
    ("articles", "edge", "string"),
    ("sentence", "edge", "string"),
];

pub fn write_graphml(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="kg" edgedefault="directed">"#)?;
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        writeln!(out, r#"    <node id="n{}">"#, index.index())?;
        data(out, "label", &node.label)?;
        data(out, "type", &node.kind)?;
        data(out, "iri", &node.iri)?;
        writeln!(out, "    </node>")?;
    }
    for (i, (source, target, edge)) in graph.edges().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="n{}" target="n{}">"#,
            source.index(),
            target.index()
        )?;
        data(out, "relation", &edge.relation)?;
        data(out, "evidence", &edge.evidence.to_string())?;
        data(out, "articles", &edge.articles.join(" "))?;
        if let Some(sentence) = &edge.sentence {
            data(out, "sentence", sentence)?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn data(out: &mut impl Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(
        out,
        r#"      <data key="{key}">{}</data>"#,
        escape_xml(value)
    )
}

/// Escapes XML text; drops characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
