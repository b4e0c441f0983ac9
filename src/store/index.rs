//! `kg`'s bookkeeping graph ([`KG_INDEX_GRAPH`]): everything the store must
//! look up fast and that is not knowledge — the data model version, the
//! order articles were written in, which article defines each entity, and
//! the resolution index (entity → [`crate::resolve::keys`]). It is derived
//! from the article graphs and updated in the same transactions, so a
//! crash never leaves it behind them.

use std::collections::BTreeSet;

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term,
    TermRef,
};
use oxigraph::store::{QuadIter, Store, Transaction};

use super::mapping::{entity_class, entity_type_of};
use crate::model::{Entity, EntityType};
use crate::resolve::keys::index_keys;
use crate::vocab::*;
use crate::{Error, Result};

/// The data model this version writes. Version 1 (kg 0.1) had no index
/// graph and repeated every entity's description in each article graph.
pub const DATA_MODEL: u32 = 2;

/// Quad lookups on a store or inside a transaction (which sees its own
/// writes), so that reading code is written once.
pub(crate) trait Quads {
    fn quads<'a>(
        &'a self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'a>;
}

impl Quads for Store {
    fn quads<'a>(
        &'a self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'a> {
        self.quads_for_pattern(subject, predicate, object, graph)
    }
}

impl Quads for Transaction<'_> {
    fn quads<'a>(
        &'a self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph: Option<GraphNameRef<'_>>,
    ) -> QuadIter<'a> {
        self.quads_for_pattern(subject, predicate, object, graph)
    }
}

pub(crate) const DEFAULT: GraphNameRef<'static> = GraphNameRef::DefaultGraph;

pub(crate) fn index_graph() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(KG_INDEX_GRAPH)
}

fn index_quad(subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) -> Quad {
    Quad::new(
        subject.clone(),
        predicate.into_owned(),
        object,
        GraphName::NamedNode(KG_INDEX_GRAPH.into_owned()),
    )
}

/// The objects of `(subject, predicate, ?)` in `graph`.
pub(crate) fn objects(
    reader: &impl Quads,
    subject: NamedNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    graph: GraphNameRef<'_>,
) -> Result<Vec<Term>> {
    reader
        .quads(Some(subject.into()), Some(predicate), None, Some(graph))
        .map(|q| Ok(q?.object))
        .collect()
}

fn integer_of(term: &Term) -> Option<u64> {
    match term {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

// ------------------------------------------------------------------ version

/// Checks that the store was written with this data model, or holds no
/// article at all (then it is ours to write).
pub(crate) fn check_data_model(store: &Store, location: &str) -> Result<()> {
    let store_node = KG_STORE.into_owned();
    let version = objects(store, store_node.as_ref(), KG_DATA_MODEL, index_graph())?;
    match version.first().and_then(integer_of) {
        Some(v) if v == u64::from(DATA_MODEL) => Ok(()),
        Some(v) => Err(Error::DataModel {
            store: location.to_owned(),
            found: v.to_string(),
            sources: source_folders(store)?,
        }),
        None => {
            let article = store
                .quads_for_pattern(None, Some(RDF_TYPE), Some(SCHEMA_NEWS_ARTICLE.into()), None)
                .find(|q| q.as_ref().is_ok_and(|q| !q.graph_name.is_default_graph()));
            match article {
                None => Ok(()),
                Some(q) => {
                    q?;
                    Err(Error::DataModel {
                        store: location.to_owned(),
                        found: "1".to_owned(),
                        sources: source_folders(store)?,
                    })
                }
            }
        }
    }
}

/// The folders stored articles were read from (at most five, sorted).
fn source_folders(store: &Store) -> Result<Vec<String>> {
    let mut folders = BTreeSet::new();
    for quad in store.quads_for_pattern(None, Some(KG_SOURCE_PATH), None, None) {
        if let Term::Literal(path) = quad?.object {
            let parent = std::path::Path::new(path.value()).parent();
            folders.insert(parent.map_or_else(String::new, |p| p.display().to_string()));
        }
    }
    let total = folders.len();
    let mut out: Vec<String> = folders.into_iter().take(5).collect();
    if total > out.len() {
        out.push(format!("and {} more", total - out.len()));
    }
    Ok(out)
}

/// Records the data model version, once.
pub(crate) fn mark_data_model(tx: &mut Transaction<'_>) -> Result<()> {
    let store_node = KG_STORE.into_owned();
    if objects(tx, store_node.as_ref(), KG_DATA_MODEL, index_graph())?.is_empty() {
        tx.insert(&index_quad(
            &store_node,
            KG_DATA_MODEL,
            Literal::new_typed_literal(DATA_MODEL.to_string(), XSD_INTEGER),
        ));
    }
    Ok(())
}

// ------------------------------------------------------------------ sequence

/// The next article sequence number, advancing the counter.
pub(crate) fn take_sequence(tx: &mut Transaction<'_>) -> Result<u64> {
    let store_node = KG_STORE.into_owned();
    let current = objects(tx, store_node.as_ref(), KG_NEXT_SEQUENCE, index_graph())?;
    for term in &current {
        tx.remove(&index_quad(&store_node, KG_NEXT_SEQUENCE, term.clone()));
    }
    // Several values only after `kg load` of another store's dump: go past all.
    let next = current.iter().filter_map(integer_of).max().unwrap_or(1);
    tx.insert(&index_quad(
        &store_node,
        KG_NEXT_SEQUENCE,
        integer(next + 1),
    ));
    Ok(next)
}

pub(crate) fn set_sequence(tx: &mut Transaction<'_>, article: &NamedNode, sequence: u64) {
    tx.insert(&index_quad(article, KG_SEQUENCE, integer(sequence)));
}

pub(crate) fn sequence(reader: &impl Quads, article: NamedNodeRef<'_>) -> Result<Option<u64>> {
    Ok(objects(reader, article, KG_SEQUENCE, index_graph())?
        .first()
        .and_then(integer_of))
}

pub(crate) fn remove_sequence(tx: &mut Transaction<'_>, article: &NamedNode) -> Result<()> {
    for term in objects(tx, article.as_ref(), KG_SEQUENCE, index_graph())? {
        tx.remove(&index_quad(article, KG_SEQUENCE, term));
    }
    Ok(())
}

fn integer(value: u64) -> Literal {
    Literal::new_typed_literal(value.to_string(), XSD_INTEGER)
}

// ------------------------------------------------------------------ definers

/// The article whose view defines an entity's label and type.
pub(crate) fn definer(reader: &impl Quads, entity: NamedNodeRef<'_>) -> Result<Option<NamedNode>> {
    Ok(objects(reader, entity, KG_DEFINED_BY, index_graph())?
        .into_iter()
        .find_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        }))
}

pub(crate) fn set_definer(
    tx: &mut Transaction<'_>,
    entity: &NamedNode,
    article: Option<&NamedNode>,
) -> Result<()> {
    for term in objects(tx, entity.as_ref(), KG_DEFINED_BY, index_graph())? {
        tx.remove(&index_quad(entity, KG_DEFINED_BY, term));
    }
    if let Some(article) = article {
        tx.insert(&index_quad(entity, KG_DEFINED_BY, article.clone()));
    }
    Ok(())
}

// ------------------------------------------------------------------ name keys

/// Files an entity under the keys of `names` for its canonical `kind`.
pub(crate) fn add_keys<'n>(
    tx: &mut Transaction<'_>,
    entity: &NamedNode,
    kind: EntityType,
    names: impl IntoIterator<Item = &'n str>,
) -> Result<()> {
    for name in names {
        for key in index_keys(name, kind) {
            insert_new(tx, &index_quad(entity, KG_NAME_KEY, Literal::from(key)))?;
        }
    }
    Ok(())
}

/// Inserts a quad unless it is already stored. Oxigraph's insert writes
/// every index and every term's string whether or not the quad is there,
/// and most of what an article adds to the default graph and the index
/// (descriptions of known entities and relations, their name keys) is.
pub(crate) fn insert_new(tx: &mut Transaction<'_>, quad: &Quad) -> Result<()> {
    if !tx.contains(quad)? {
        tx.insert(quad);
    }
    Ok(())
}

/// Makes an entity's keys exactly those of its names in the default graph
/// (none once it has no name left).
pub(crate) fn refresh_keys(tx: &mut Transaction<'_>, entity: &NamedNode) -> Result<()> {
    let wanted: BTreeSet<String> = match canonical(tx, entity.as_ref())? {
        Some(description) => description
            .names()
            .flat_map(|name| index_keys(name, description.kind))
            .collect(),
        None => BTreeSet::new(),
    };
    let filed: BTreeSet<String> = objects(tx, entity.as_ref(), KG_NAME_KEY, index_graph())?
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    for stale in filed.difference(&wanted) {
        tx.remove(&index_quad(
            entity,
            KG_NAME_KEY,
            Literal::from(stale.as_str()),
        ));
    }
    for missing in wanted.difference(&filed) {
        tx.insert(&index_quad(
            entity,
            KG_NAME_KEY,
            Literal::from(missing.as_str()),
        ));
    }
    Ok(())
}

/// Drops everything the index holds about an entity.
pub(crate) fn forget_entity(tx: &mut Transaction<'_>, entity: &NamedNode) -> Result<()> {
    let quads: Vec<Quad> = tx
        .quads(
            Some(entity.as_ref().into()),
            None,
            None,
            Some(index_graph()),
        )
        .collect::<std::result::Result<_, _>>()?;
    for quad in &quads {
        tx.remove(quad);
    }
    Ok(())
}

// ------------------------------------------------------------------ entities

/// An entity's canonical description in the default graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Canonical {
    pub label: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
}

impl Canonical {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.label.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The label, type and aliases of an entity in the default graph, if it
/// has a label and one of our types.
pub(crate) fn canonical(
    reader: &impl Quads,
    entity: NamedNodeRef<'_>,
) -> Result<Option<Canonical>> {
    let label = objects(reader, entity, RDFS_LABEL, DEFAULT)?
        .into_iter()
        .find_map(literal_value);
    let kind = objects(reader, entity, RDF_TYPE, DEFAULT)?
        .into_iter()
        .find_map(|t| match t {
            Term::NamedNode(class) => entity_type_of(class.as_str()),
            _ => None,
        });
    let (Some(label), Some(kind)) = (label, kind) else {
        return Ok(None);
    };
    let mut aliases: Vec<String> = objects(reader, entity, SKOS_ALT_LABEL, DEFAULT)?
        .into_iter()
        .filter_map(literal_value)
        .collect();
    aliases.sort();
    Ok(Some(Canonical {
        label,
        kind,
        aliases,
    }))
}

pub(crate) fn literal_value(term: Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// Stored entities a batch may resolve to, oldest first, with the pairs
/// of them that must stay apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Candidates {
    pub entities: Vec<Entity>,
    pub apart: Vec<(usize, usize)>,
}

/// The stored entities filed under any of `keys`, oldest first (by the
/// sequence of their defining article).
pub(crate) fn candidates(store: &Store, iris: &Iris, keys: &[String]) -> Result<Candidates> {
    let mut found: BTreeSet<NamedNode> = BTreeSet::new();
    for key in keys {
        let key = Literal::from(key.as_str());
        for quad in store.quads_for_pattern(
            None,
            Some(KG_NAME_KEY),
            Some(key.as_ref().into()),
            Some(index_graph()),
        ) {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = quad?.subject {
                found.insert(n);
            }
        }
    }
    let mut aged: Vec<(u64, Entity, NamedNode)> = Vec::with_capacity(found.len());
    for iri in found {
        let Some(key) = iris.entity_key(iri.as_str()) else {
            continue;
        };
        let Some(description) = canonical(store, iri.as_ref())? else {
            continue;
        };
        let age = match definer(store, iri.as_ref())? {
            Some(article) => sequence(store, article.as_ref())?.unwrap_or(u64::MAX),
            None => u64::MAX,
        };
        let entity = Entity {
            key: key.to_owned(),
            label: description.label,
            kind: description.kind,
            aliases: description.aliases,
        };
        aged.push((age, entity, iri));
    }
    aged.sort_by(|a, b| (a.0, &a.1.key).cmp(&(b.0, &b.1.key)));
    let position: std::collections::HashMap<&NamedNode, usize> = aged
        .iter()
        .enumerate()
        .map(|(i, (_, _, iri))| (iri, i))
        .collect();
    let mut apart = Vec::new();
    for (i, (_, _, iri)) in aged.iter().enumerate() {
        for other in objects(store, iri.as_ref(), OWL_DIFFERENT_FROM, DEFAULT)? {
            if let Term::NamedNode(other) = other
                && let Some(&j) = position.get(&other)
            {
                apart.push((i.min(j), i.max(j)));
            }
        }
    }
    apart.sort_unstable();
    apart.dedup();
    Ok(Candidates {
        entities: aged.into_iter().map(|(_, e, _)| e).collect(),
        apart,
    })
}

/// Whether anything in the store is already named by this entity key.
pub(crate) fn entity_exists(store: &Store, iris: &Iris, key: &str) -> Result<bool> {
    let iri = iris.entity(key);
    match store
        .quads_for_pattern(Some(iri.as_ref().into()), None, None, None)
        .next()
    {
        Some(quad) => quad.map(|_| true).map_err(Into::into),
        None => Ok(false),
    }
}

/// Our class of an entity type, as a term.
pub(crate) fn class_term(kind: EntityType) -> Term {
    entity_class(kind).into_owned().into()
}
