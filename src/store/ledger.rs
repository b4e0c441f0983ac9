//! Writing, forgetting and merging, each inside one transaction, keeping
//! one invariant: **the default graph holds exactly what the article graphs
//! support** (plus whatever a user loaded into it).
//!
//! * An asserted triple, an `owl:differentFrom` and a statement are in the
//!   default graph while some article graph asserts the triple, states the
//!   difference, or holds evidence of the statement; a relation's
//!   description while some statement uses it.
//! * An entity has one canonical label and type: those of its *defining*
//!   article's view, the earliest written article that names it (the
//!   index records which). Every other name some article uses for it is a
//!   `skos:altLabel`.
//!
//! So forgetting an article only has to re-check what its own graph holds,
//! and a store that had an article forgotten equals one that never had it,
//! except for entity IRIs minted from its labels.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::store::Transaction;

use super::index::{self, DEFAULT, Quads, class_term, index_graph, literal_value, objects};
use super::mapping::{self, entity_type_of};
use crate::Result;
use crate::model::{ArticleFacts, Entity, Merge};
use crate::vocab::*;

type Tx<'a, 'b> = &'a mut Transaction<'b>;

fn in_default(triple: Triple) -> Quad {
    triple.in_graph(GraphName::DefaultGraph)
}

fn default_quad(s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) -> Quad {
    Quad::new(s.clone(), p.into_owned(), o, GraphName::DefaultGraph)
}

// ------------------------------------------------------------------ writing

/// Writes one article: its graph, what it adds to the default graph, and
/// the index. An article already in the store is forgotten first, so a
/// changed article is replaced.
pub(crate) fn write_article(
    tx: Tx<'_, '_>,
    iris: &Iris,
    facts: &ArticleFacts,
    ingested_at: &str,
) -> Result<()> {
    let graph = iris.article(&facts.article.id);
    if tx.contains_named_graph(graph.as_ref())? {
        forget_article(tx, &graph)?;
    }
    index::mark_data_model(tx)?;
    let sequence = index::take_sequence(tx)?;
    index::set_sequence(tx, &graph, sequence);
    tx.insert_named_graph(graph.as_ref());
    for quad in mapping::article_graph(iris, facts, ingested_at) {
        tx.insert(&quad);
    }
    for view in mapping::views(facts) {
        adopt_view(tx, iris, &graph, view)?;
    }
    for fact in &facts.facts {
        for triple in mapping::fact_knowledge(iris, fact) {
            index::insert_new(tx, &in_default(triple))?;
        }
    }
    for (a, b) in &facts.different {
        let different = default_quad(&iris.entity(a), OWL_DIFFERENT_FROM, iris.entity(b));
        index::insert_new(tx, &different)?;
    }
    Ok(())
}

/// Adds an article's view of an entity to the default graph: the view
/// defines a new entity, and each of its names other than the canonical
/// label becomes an alias.
fn adopt_view(tx: Tx<'_, '_>, iris: &Iris, article: &NamedNode, view: &Entity) -> Result<()> {
    let entity = iris.entity(&view.key);
    let canonical = match index::definer(tx, entity.as_ref())? {
        Some(_) => index::canonical(tx, entity.as_ref())?,
        None => None,
    };
    let (label, kind) = match canonical {
        Some(c) => (c.label, c.kind),
        None => {
            index::set_definer(tx, &entity, Some(article))?;
            set_canonical(tx, &entity, &view.label, class_term(view.kind))?;
            (view.label.clone(), view.kind)
        }
    };
    let names = std::iter::once(&view.label).chain(&view.aliases);
    for name in names.clone().filter(|n| **n != label) {
        let alias = default_quad(&entity, SKOS_ALT_LABEL, Literal::from(name.as_str()));
        index::insert_new(tx, &alias)?;
    }
    index::add_keys(
        tx,
        &entity,
        kind,
        names.map(String::as_str).chain([label.as_str()]),
    )
}

/// Makes `label` and `class` the entity's only label and entity type in the
/// default graph (other `rdf:type`s, not ours, are left alone).
fn set_canonical(tx: Tx<'_, '_>, entity: &NamedNode, label: &str, class: Term) -> Result<()> {
    for old in objects(tx, entity.as_ref(), RDFS_LABEL, DEFAULT)? {
        tx.remove(&default_quad(entity, RDFS_LABEL, old));
    }
    for old in objects(tx, entity.as_ref(), RDF_TYPE, DEFAULT)? {
        if matches!(&old, Term::NamedNode(c) if entity_type_of(c.as_str()).is_some()) {
            tx.remove(&default_quad(entity, RDF_TYPE, old));
        }
    }
    tx.insert(&default_quad(entity, RDFS_LABEL, Literal::from(label)));
    tx.insert(&default_quad(entity, RDF_TYPE, class));
    tx.remove(&default_quad(entity, SKOS_ALT_LABEL, Literal::from(label)));
    Ok(())
}

// ------------------------------------------------------------------ forgetting

/// What an article graph holds, sorted by what forgetting must re-check.
#[derive(Default)]
struct Contribution {
    /// Entities it has a view of, with the names it used.
    views: BTreeMap<NamedNode, BTreeSet<String>>,
    /// Statements it holds evidence of.
    statements: HashSet<NamedOrBlankNode>,
    /// Triples it shares with the default graph as they are.
    mirrored: Vec<Triple>,
}

fn contribution(quads: Vec<Quad>, article: &NamedNode) -> Contribution {
    let evidence: HashSet<Term> = quads
        .iter()
        .filter(|q| q.predicate == KG_EVIDENCE)
        .map(|q| q.object.clone())
        .collect();
    let mut out = Contribution::default();
    for quad in quads {
        let subject_term: Term = quad.subject.clone().into();
        if matches!(&quad.subject, NamedOrBlankNode::NamedNode(n) if n == article)
            || evidence.contains(&subject_term)
        {
            continue;
        }
        if quad.predicate == KG_EVIDENCE {
            out.statements.insert(quad.subject);
            continue;
        }
        let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
            out.mirrored.push(quad.into());
            continue;
        };
        if quad.predicate == RDF_TYPE
            || quad.predicate == RDFS_LABEL
            || quad.predicate == SKOS_ALT_LABEL
        {
            let names = out.views.entry(subject.clone()).or_default();
            if quad.predicate != RDF_TYPE
                && let Some(name) = literal_value(quad.object)
            {
                names.insert(name);
            }
            continue;
        }
        out.mirrored.push(quad.into());
    }
    out
}

/// Removes an article graph and, from the default graph and the index,
/// whatever no other article supports.
pub(crate) fn forget_article(tx: Tx<'_, '_>, article: &NamedNode) -> Result<()> {
    let quads: Vec<Quad> = tx
        .quads(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(article.as_ref())),
        )
        .collect::<std::result::Result<_, _>>()?;
    tx.remove_named_graph(article.as_ref())?;
    index::remove_sequence(tx, article)?;
    let held = contribution(quads, article);
    for triple in held.mirrored {
        if !held_by_an_article(tx, &triple)? {
            tx.remove(&in_default(triple));
        }
    }
    let mut relations = BTreeSet::new();
    for statement in held.statements {
        if has_evidence(tx, &statement)? {
            continue;
        }
        for quad in statement_quads(tx, &statement)? {
            if quad.predicate == RDF_PREDICATE
                && let Term::NamedNode(relation) = &quad.object
            {
                relations.insert(relation.clone());
            }
            tx.remove(&quad);
        }
    }
    for relation in relations {
        drop_unused_relation(tx, &relation)?;
    }
    for (entity, names) in held.views {
        refresh_entity(tx, &entity, article, names)?;
    }
    Ok(())
}

/// Whether some named graph other than the index holds `triple`.
fn held_by_an_article(reader: &impl Quads, triple: &Triple) -> Result<bool> {
    for quad in reader.quads(
        Some(triple.subject.as_ref()),
        Some(triple.predicate.as_ref()),
        Some(triple.object.as_ref()),
        None,
    ) {
        if is_article_graph(&quad?.graph_name) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn is_article_graph(graph: &GraphName) -> bool {
    match graph {
        GraphName::DefaultGraph => false,
        GraphName::NamedNode(n) => n.as_ref() != KG_INDEX_GRAPH,
        GraphName::BlankNode(_) => true,
    }
}

fn has_evidence(reader: &impl Quads, statement: &NamedOrBlankNode) -> Result<bool> {
    match reader
        .quads(Some(statement.as_ref()), Some(KG_EVIDENCE), None, None)
        .next()
    {
        Some(quad) => Ok(quad.is_ok()),
        None => Ok(false),
    }
}

/// A statement's description in the default graph.
fn statement_quads(reader: &impl Quads, statement: &NamedOrBlankNode) -> Result<Vec<Quad>> {
    let mut out = Vec::new();
    for predicate in [RDF_TYPE, RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT] {
        for quad in reader.quads(
            Some(statement.as_ref()),
            Some(predicate),
            None,
            Some(DEFAULT),
        ) {
            out.push(quad?);
        }
    }
    Ok(out)
}

/// Drops a relation's description once no statement uses it.
fn drop_unused_relation(tx: Tx<'_, '_>, relation: &NamedNode) -> Result<()> {
    let used = tx
        .quads(
            None,
            Some(RDF_PREDICATE),
            Some(relation.as_ref().into()),
            Some(DEFAULT),
        )
        .next()
        .is_some();
    if used {
        return Ok(());
    }
    for (predicate, object) in [
        (RDF_TYPE, Term::from(KG_RELATION.into_owned())),
        (RDF_TYPE, Term::from(RDF_PROPERTY.into_owned())),
    ] {
        tx.remove(&default_quad(relation, predicate, object));
    }
    for label in objects(tx, relation.as_ref(), RDFS_LABEL, DEFAULT)? {
        tx.remove(&default_quad(relation, RDFS_LABEL, label));
    }
    Ok(())
}

/// After `article` (which named `entity` with `names`) is gone: a new
/// defining article if it was the definer, aliases no article uses any
/// more removed, the entity itself removed when no article names it.
fn refresh_entity(
    tx: Tx<'_, '_>,
    entity: &NamedNode,
    article: &NamedNode,
    mut names: BTreeSet<String>,
) -> Result<()> {
    if index::definer(tx, entity.as_ref())?.as_ref() == Some(article) {
        let old_label = objects(tx, entity.as_ref(), RDFS_LABEL, DEFAULT)?;
        names.extend(old_label.into_iter().filter_map(literal_value));
        match earliest_view(tx, entity)? {
            None => return drop_entity(tx, entity),
            Some(view) => {
                index::set_definer(tx, entity, Some(&view.article))?;
                set_canonical(tx, entity, &view.label, view.class)?;
            }
        }
    }
    let label = objects(tx, entity.as_ref(), RDFS_LABEL, DEFAULT)?
        .into_iter()
        .find_map(literal_value)
        .unwrap_or_default();
    for name in names.iter().filter(|n| **n != label) {
        let alias = default_quad(entity, SKOS_ALT_LABEL, Literal::from(name.as_str()));
        if named_by_an_article(tx, entity, name)? {
            tx.insert(&alias);
        } else {
            tx.remove(&alias);
        }
    }
    index::refresh_keys(tx, entity)
}

/// Whether some article graph names `entity` `name` (label or alias).
fn named_by_an_article(reader: &impl Quads, entity: &NamedNode, name: &str) -> Result<bool> {
    let literal: Term = Literal::from(name).into();
    for predicate in [RDFS_LABEL, SKOS_ALT_LABEL] {
        let triple = Triple::new(entity.clone(), predicate, literal.clone());
        if held_by_an_article(reader, &triple)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// An article's view of an entity, as its graph holds it.
struct StoredView {
    article: NamedNode,
    label: String,
    class: Term,
}

/// The view of the earliest written article that still names `entity`.
fn earliest_view(reader: &impl Quads, entity: &NamedNode) -> Result<Option<StoredView>> {
    let mut best: Option<(u64, StoredView)> = None;
    for quad in reader.quads(Some(entity.as_ref().into()), Some(RDF_TYPE), None, None) {
        let quad = quad?;
        let GraphName::NamedNode(article) = &quad.graph_name else {
            continue;
        };
        if !is_article_graph(&quad.graph_name) {
            continue;
        }
        let sequence = index::sequence(reader, article.as_ref())?.unwrap_or(u64::MAX);
        if best.as_ref().is_some_and(|(s, _)| *s <= sequence) {
            continue;
        }
        let label = objects(
            reader,
            entity.as_ref(),
            RDFS_LABEL,
            GraphNameRef::NamedNode(article.as_ref()),
        )?
        .into_iter()
        .find_map(literal_value);
        if let Some(label) = label {
            let view = StoredView {
                article: article.clone(),
                label,
                class: quad.object.clone(),
            };
            best = Some((sequence, view));
        }
    }
    Ok(best.map(|(_, view)| view))
}

/// Removes an entity's description and index entries: no article names it.
fn drop_entity(tx: Tx<'_, '_>, entity: &NamedNode) -> Result<()> {
    for predicate in [RDFS_LABEL, SKOS_ALT_LABEL] {
        for object in objects(tx, entity.as_ref(), predicate, DEFAULT)? {
            tx.remove(&default_quad(entity, predicate, object));
        }
    }
    for class in objects(tx, entity.as_ref(), RDF_TYPE, DEFAULT)? {
        if matches!(&class, Term::NamedNode(c) if entity_type_of(c.as_str()).is_some()) {
            tx.remove(&default_quad(entity, RDF_TYPE, class));
        }
    }
    index::forget_entity(tx, entity)
}

// ------------------------------------------------------------------ merging

/// Merges a stored entity into an older one: every quad that names the
/// absorbed entity, in every graph, names the survivor instead; statements
/// are renamed to their new content hash; facts that became self-loops are
/// dropped with their evidence, as extraction would have dropped them.
pub(crate) fn merge(tx: Tx<'_, '_>, iris: &Iris, merge: &Merge) -> Result<()> {
    let absorbed = iris.entity(&merge.absorbed);
    let survivor = iris.entity(&merge.survivor);
    if absorbed == survivor {
        return Ok(());
    }
    rename_statements(tx, iris, &absorbed, &survivor)?;
    let as_subject = tx.quads(Some(absorbed.as_ref().into()), None, None, None);
    let mut quads: Vec<Quad> = as_subject.collect::<std::result::Result<_, _>>()?;
    let as_object = tx.quads(None, None, Some(absorbed.as_ref().into()), None);
    for quad in as_object {
        quads.push(quad?);
    }
    quads.sort_unstable_by_key(|q| q.to_string());
    quads.dedup();
    for quad in quads {
        tx.remove(&quad);
        if let Some(renamed) = renamed_quad(tx, &quad, &absorbed, &survivor)? {
            tx.insert(&renamed);
        }
    }
    let label = objects(tx, survivor.as_ref(), RDFS_LABEL, DEFAULT)?;
    for label in label {
        tx.remove(&default_quad(&survivor, SKOS_ALT_LABEL, label));
    }
    index::refresh_keys(tx, &survivor)
}

/// What `quad` becomes once `absorbed` is `survivor`, or `None` when it
/// goes: the absorbed entity's canonical type and index entries (the
/// survivor keeps its own), and self-loops. Its canonical label becomes an
/// alias, and so does a label in an article graph that already names the
/// survivor.
fn renamed_quad(
    reader: &impl Quads,
    quad: &Quad,
    absorbed: &NamedNode,
    survivor: &NamedNode,
) -> Result<Option<Quad>> {
    let rename_subject = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) if n == absorbed => survivor.clone().into(),
        other => other.clone(),
    };
    let rename_object = |o: &Term| match o {
        Term::NamedNode(n) if n == absorbed => survivor.clone().into(),
        other => other.clone(),
    };
    let subject = rename_subject(&quad.subject);
    let object = rename_object(&quad.object);
    if Term::from(subject.clone()) == object {
        return Ok(None);
    }
    let about_absorbed = matches!(&quad.subject, NamedOrBlankNode::NamedNode(n) if n == absorbed);
    if about_absorbed && quad.graph_name.as_ref() == index_graph() {
        return Ok(None);
    }
    let mut predicate = quad.predicate.clone();
    let survivor_has = |p: NamedNodeRef<'_>| {
        reader
            .quads(
                Some(survivor.as_ref().into()),
                Some(p),
                None,
                Some(quad.graph_name.as_ref()),
            )
            .next()
            .is_some()
    };
    if about_absorbed && quad.predicate == RDF_TYPE {
        let is_ours =
            matches!(&quad.object, Term::NamedNode(c) if entity_type_of(c.as_str()).is_some());
        if is_ours && (quad.graph_name.is_default_graph() || survivor_has(RDF_TYPE)) {
            return Ok(None);
        }
    }
    if about_absorbed
        && quad.predicate == RDFS_LABEL
        && (quad.graph_name.is_default_graph() || survivor_has(RDFS_LABEL))
    {
        predicate = SKOS_ALT_LABEL.into_owned();
    }
    Ok(Some(Quad::new(
        subject,
        predicate,
        object,
        quad.graph_name.clone(),
    )))
}

/// Renames the statements about `absorbed` (subject or object) to the
/// content hash of their new triple, moving their evidence links; drops
/// those whose triple becomes a self-loop, with their evidence.
fn rename_statements(
    tx: Tx<'_, '_>,
    iris: &Iris,
    absorbed: &NamedNode,
    survivor: &NamedNode,
) -> Result<()> {
    let mut statements: HashSet<NamedOrBlankNode> = HashSet::new();
    for part in [RDF_SUBJECT, RDF_OBJECT] {
        for quad in tx.quads(
            None,
            Some(part),
            Some(absorbed.as_ref().into()),
            Some(DEFAULT),
        ) {
            statements.insert(quad?.subject);
        }
    }
    let rename = |t: &Term| match t {
        Term::NamedNode(n) if n == absorbed => Term::from(survivor.clone()),
        other => other.clone(),
    };
    for statement in statements {
        let description = statement_quads(tx, &statement)?;
        let part = |p: NamedNodeRef<'_>| {
            description
                .iter()
                .find(|q| q.predicate == p)
                .map(|q| rename(&q.object))
        };
        let (Some(Term::NamedNode(subject)), Some(Term::NamedNode(predicate)), Some(object)) =
            (part(RDF_SUBJECT), part(RDF_PREDICATE), part(RDF_OBJECT))
        else {
            continue;
        };
        for quad in &description {
            tx.remove(quad);
        }
        let links: Vec<Quad> = tx
            .quads(Some(statement.as_ref()), Some(KG_EVIDENCE), None, None)
            .collect::<std::result::Result<_, _>>()?;
        for link in &links {
            tx.remove(link);
        }
        if Term::from(subject.clone()) == object {
            // The asserted self-loop itself goes with the other quads that
            // name the absorbed entity (see `renamed_quad`).
            for link in &links {
                drop_evidence(tx, link)?;
            }
            continue;
        }
        let renamed = mapping::statement_iri(iris, &subject, &predicate, &object);
        for triple in mapping::statement_description(&renamed, subject, predicate, object) {
            tx.insert(&in_default(triple));
        }
        for link in links {
            tx.insert(&Quad::new(
                renamed.clone(),
                KG_EVIDENCE.into_owned(),
                link.object,
                link.graph_name,
            ));
        }
    }
    Ok(())
}

/// Removes an evidence node (the object of `link`) from its article graph.
fn drop_evidence(tx: Tx<'_, '_>, link: &Quad) -> Result<()> {
    let Term::NamedNode(node) = &link.object else {
        return Ok(());
    };
    let quads: Vec<Quad> = tx
        .quads(
            Some(node.as_ref().into()),
            None,
            None,
            Some(link.graph_name.as_ref()),
        )
        .collect::<std::result::Result<_, _>>()?;
    for quad in &quads {
        tx.remove(quad);
    }
    Ok(())
}
