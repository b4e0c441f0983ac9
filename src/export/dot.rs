//! Graphviz DOT: nodes shaped and coloured by entity type with a legend,
//! edges labelled with their relation, tooltips with the evidence.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::look;
use crate::graph::{Edge, KnowledgeGraph};

/// Writes `graph` as a DOT digraph. Node ids are `n0`, `n1`, ... in node order.
pub fn write_dot(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "digraph kg {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];"
    )?;
    writeln!(
        out,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=12];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];"
    )?;
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let look = look(&node.kind);
        let mut tooltip = format!("{} ({})\n{}", node.label, node.kind, node.iri);
        if !node.aliases.is_empty() {
            tooltip.push_str(&format!("\nalso: {}", node.aliases.join(", ")));
        }
        let style = if node.kind == "Concept" {
            ", style=\"rounded,filled\""
        } else {
            ""
        };
        writeln!(
            out,
            "  n{} [label={}, shape={}, fillcolor=\"{}\"{style}, tooltip={}];",
            index.index(),
            quote(&node.label),
            look.shape,
            look.fill,
            quote(&tooltip)
        )?;
    }
    for (source, target, edge) in graph.edges() {
        let mut tooltip = edge.relation.clone();
        if edge.evidence > 0 {
            let plural = if edge.evidence == 1 { "" } else { "s" };
            tooltip.push_str(&format!(" ({} mention{plural})", edge.evidence));
        }
        if let Some(sentence) = &edge.sentence {
            tooltip.push_str(&format!("\n“{sentence}”"));
        }
        if !edge.articles.is_empty() {
            tooltip.push_str(&format!("\n{}", article_list(edge)));
        }
        let width = 1.0 + (edge.evidence.max(1) as f64).log2().min(3.0);
        writeln!(
            out,
            "  n{} -> n{} [label={}, penwidth={width:.1}, tooltip={}];",
            source.index(),
            target.index(),
            quote(&edge.relation),
            quote(&tooltip)
        )?;
    }
    write_legend(graph, out)?;
    writeln!(out, "}}")
}

/// A cluster with one sample node per entity type present.
fn write_legend(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    let kinds: BTreeSet<&str> = graph
        .graph
        .node_weights()
        .map(|n| n.kind.as_str())
        .collect();
    if kinds.is_empty() {
        return Ok(());
    }
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; style=dashed; color=\"#999999\"; fontname=\"Helvetica\";"
    )?;
    for (i, kind) in kinds.iter().enumerate() {
        let look = look(kind);
        writeln!(
            out,
            "    legend{i} [label={}, shape={}, fillcolor=\"{}\"];",
            quote(kind),
            look.shape,
            look.fill
        )?;
    }
    writeln!(out, "  }}")
}

/// A DOT quoted string. Backslashes and quotes are escaped; line breaks become
/// `\n` (Graphviz's centred line break); other control characters are dropped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Articles a tooltip names: a fact of a large archive may have thousands,
/// and a tooltip is read, not processed (the data formats list them all).
pub const TOOLTIP_ARTICLES: usize = 10;

/// The first [`TOOLTIP_ARTICLES`] of `edge.articles`, and how many more
/// articles state the fact.
fn article_list(edge: &Edge) -> String {
    let shown = &edge.articles[..edge.articles.len().min(TOOLTIP_ARTICLES)];
    let more = edge.article_count.max(edge.articles.len()) - shown.len();
    if more > 0 {
        format!("{}, and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_what_dot_interprets() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("two\nlines\r\t"), "\"two\\nlines\"");
        assert_eq!(quote("Ğazni — “x”"), "\"Ğazni — “x”\"");
    }
}
