//! Neo4j bulk-import CSV: `nodes.csv` and `relationships.csv`, ready for
//! `neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv`.

use std::io::{self, Write};
use std::path::Path;

use crate::graph::KnowledgeGraph;
use crate::output::csv_field;
use crate::{Error, Result};

pub const NODE_HEADER: [&str; 6] = ["id:ID", "name", "type", "iri", "aliases:string[]", ":LABEL"];
pub const RELATIONSHIP_HEADER: [&str; 7] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "evidence:int",
    "articles:string[]",
    "sentence",
];

/// Writes the two files into `dir` (created if missing).
pub fn write_neo4j(graph: &KnowledgeGraph, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let nodes_path = dir.join("nodes.csv");
    let mut nodes = Vec::new();
    write_nodes(graph, &mut nodes).map_err(Error::Output)?;
    std::fs::write(&nodes_path, nodes).map_err(|e| Error::io(&nodes_path, e))?;
    let relationships_path = dir.join("relationships.csv");
    let mut relationships = Vec::new();
    write_relationships(graph, &mut relationships).map_err(Error::Output)?;
    std::fs::write(&relationships_path, relationships)
        .map_err(|e| Error::io(&relationships_path, e))
}

pub fn write_nodes(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    row(out, &NODE_HEADER)?;
    for i in graph.graph.node_indices() {
        let node = &graph.graph[i];
        let labels = format!("Entity;{}", label_token(&node.kind));
        row(
            out,
            &[
                &format!("n{}", i.index()),
                &node.label,
                &node.kind,
                &node.iri,
                &node.aliases.join(";"),
                &labels,
            ],
        )?;
    }
    Ok(())
}

pub fn write_relationships(graph: &KnowledgeGraph, out: &mut impl Write) -> io::Result<()> {
    row(out, &RELATIONSHIP_HEADER)?;
    for (s, t, edge) in graph.edges() {
        row(
            out,
            &[
                &format!("n{}", s.index()),
                &format!("n{}", t.index()),
                &relationship_type(&edge.relation),
                &edge.relation,
                &edge.evidence.to_string(),
                &edge.articles.join(";"),
                edge.sentence.as_deref().unwrap_or(""),
            ],
        )?;
    }
    Ok(())
}

/// Neo4j convention: relationship types in UPPER_SNAKE_CASE ("son of" → `SON_OF`).
pub fn relationship_type(relation: &str) -> String {
    let mut out = String::new();
    for c in relation.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_owned();
    if out.is_empty() {
        "RELATED_TO".to_owned()
    } else {
        out
    }
}

/// A node label: letters and digits only.
fn label_token(kind: &str) -> String {
    let token: String = kind.chars().filter(|c| c.is_alphanumeric()).collect();
    if token.is_empty() {
        "Thing".into()
    } else {
        token
    }
}

/// One RFC 4180 line: fields quoted when they hold a comma, quote or line break.
fn row(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_types_are_upper_snake_case() {
        assert_eq!(relationship_type("son of"), "SON_OF");
        assert_eq!(relationship_type("withdraw_to"), "WITHDRAW_TO");
        assert_eq!(relationship_type("--"), "RELATED_TO");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
