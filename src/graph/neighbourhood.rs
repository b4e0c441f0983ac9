//! The facts within k hops of named entities, read from the store hop by
//! hop, so that `kg export --around NAME` reads the neighbourhood, not the
//! whole graph.
//!
//! What it returns is the subgraph of the whole fact graph induced by the
//! k-hop neighbourhood of every entity with one of the names. Any selection
//! made with those names and depth gives the same result on it as on the
//! whole graph: a path of at most k hops from a seed in a filtered graph is
//! one in the whole graph too.

use std::collections::{BTreeSet, HashSet};

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::QuadIter;
use rayon::prelude::*;

use super::{fact_pattern, iri, select};
use crate::Result;
use crate::store::KgStore;
use crate::vocab::{RDFS_LABEL, SCHEMA_NAME, SKOS_ALT_LABEL};

/// Resources per query: a `VALUES` block of this many IRIs.
pub(super) const BATCH: usize = 500;

/// A fact: subject, predicate, object IRIs.
pub(super) type Triple = (String, String, String);

/// The k-hop neighbourhood of some entities.
#[derive(Debug, Default)]
pub(super) struct Neighbourhood {
    /// Its entities: those with at least one fact (the nodes of the whole
    /// graph), also when no fact joins them to another of its entities.
    pub nodes: BTreeSet<String>,
    /// The facts between two of them.
    pub facts: BTreeSet<Triple>,
}

/// The neighbourhood of the entities named `names`, or `None` when a name
/// is not found as typed or in lower, upper or title case (only a search
/// of every label, ignoring case, can tell, and suggest close names) or
/// when it reaches a blank node.
pub(super) fn around(
    store: &KgStore,
    names: &[String],
    depth: usize,
    has_relations: bool,
) -> Result<Option<Neighbourhood>> {
    let mut seeds = BTreeSet::new();
    for name in names {
        let named = named(store, name)?;
        if named.is_empty() {
            return Ok(None);
        }
        seeds.extend(named);
    }
    let mut seen: HashSet<String> = seeds.iter().cloned().collect();
    let mut frontier: Vec<String> = seeds.into_iter().collect();
    let mut out = Neighbourhood::default();
    for hop in 0..=depth {
        let mut next = Vec::new();
        for (s, p, o) in incident(store, &frontier, has_relations)? {
            if hop < depth {
                for end in [&s, &o] {
                    if !is_nameable(end) {
                        return Ok(None);
                    }
                    if seen.insert(end.clone()) {
                        next.push(end.clone());
                    }
                }
            }
            for end in [&s, &o] {
                if seen.contains(end) {
                    out.nodes.insert(end.clone());
                }
            }
            if seen.contains(&s) && seen.contains(&o) {
                out.facts.insert((s, p, o));
            }
        }
        frontier = next;
    }
    Ok(Some(out))
}

/// Resources with a label, name or alias equal to `name` as typed or in
/// lower, upper or title case, plain or `@en`.
fn named(store: &KgStore, name: &str) -> Result<BTreeSet<String>> {
    let title: String = name
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ");
    let variants: BTreeSet<String> = [
        name.to_owned(),
        name.to_lowercase(),
        name.to_uppercase(),
        title,
    ]
    .into_iter()
    .collect();
    let mut out = BTreeSet::new();
    for variant in &variants {
        let literals = [
            Literal::from(variant.as_str()),
            Literal::new_language_tagged_literal_unchecked(variant.as_str(), "en"),
        ];
        for literal in &literals {
            for predicate in [RDFS_LABEL, SCHEMA_NAME, SKOS_ALT_LABEL] {
                for quad in name_quads(store, predicate, literal) {
                    if let NamedOrBlankNode::NamedNode(n) = quad?.subject {
                        out.insert(n.into_string());
                    }
                }
            }
        }
    }
    Ok(out)
}

fn name_quads<'a>(
    store: &'a KgStore,
    predicate: NamedNodeRef<'_>,
    literal: &Literal,
) -> QuadIter<'a> {
    store.oxigraph().quads_for_pattern(
        None,
        Some(predicate),
        Some(literal.as_ref().into()),
        Some(GraphNameRef::DefaultGraph),
    )
}

/// Every fact with one of `nodes` as subject or object (batches queried
/// in parallel).
fn incident(store: &KgStore, nodes: &[String], has_relations: bool) -> Result<Vec<Triple>> {
    let queries: Vec<String> = nodes
        .chunks(BATCH)
        .flat_map(|batch| {
            let values = values(batch);
            ["?s", "?o"].map(|bound| {
                format!(
                    "SELECT ?s ?p ?o WHERE {{ VALUES {bound} {{ {values} }} {} }}",
                    fact_pattern(has_relations)
                )
            })
        })
        .collect();
    let answers: Vec<Result<Vec<Triple>>> = queries
        .par_iter()
        .map(|sparql| {
            Ok(select(store, sparql)?
                .iter()
                .filter_map(|row| Some((iri(row, "s")?, iri(row, "p")?, iri(row, "o")?)))
                .collect())
        })
        .collect();
    let mut out = Vec::new();
    for answer in answers {
        out.extend(answer?);
    }
    Ok(out)
}

/// A `VALUES` body of IRIs. Blank nodes cannot be named in a query: a
/// neighbourhood that reaches one is read with the whole graph instead.
pub(super) fn values(iris: &[String]) -> String {
    iris.iter()
        .filter_map(|iri| NamedNode::new(iri.as_str()).ok())
        .map(|n| Term::from(n).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a resource can be named in a `VALUES` block.
fn is_nameable(iri: &str) -> bool {
    !iri.starts_with("_:")
}
