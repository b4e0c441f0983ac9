//! The fact graph as a petgraph graph: entities are nodes, asserted facts are
//! edges. Exports and graph algorithms work on this view, not on RDF.
//!
//! It is built from the default graph of any store: when the store declares
//! `kg:Relation`s only those predicates are facts; otherwise every triple
//! between two resources is, except `rdf:type` and the reification/evidence
//! vocabulary. So a graph loaded from someone else's Turtle exports as well
//! as our own. Building it reads the knowledge graph only — one row per
//! distinct fact, however many articles state it; the evidence of each
//! edge is read afterwards, for the edges a selection keeps
//! ([`KnowledgeGraph::with_provenance`]).

pub mod algo;
mod neighbourhood;
mod provenance;

pub use provenance::ArticleList;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::EntityType;
use crate::store::KgStore;
use crate::store::mapping::entity_class;
use crate::{Error, Result};

/// An entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub iri: String,
    pub label: String,
    /// `Person`, `Organization`, `Place`, `Event`, `CreativeWork`, `Concept`,
    /// the local name of another class, or `Thing` when untyped.
    pub kind: String,
    pub aliases: Vec<String>,
}

/// An asserted fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Edge {
    pub relation_iri: String,
    pub relation: String,
    /// Number of evidence records (mentions) supporting the fact.
    pub evidence: usize,
    /// Number of articles that state it.
    pub article_count: usize,
    /// Ids (or IRIs) of those articles, sorted: all of them, or at most as
    /// many as [`KnowledgeGraph::with_provenance`] was asked for.
    pub articles: Vec<String>,
    /// One supporting sentence, when there is evidence.
    pub sentence: Option<String>,
}

/// The fact graph. Node and edge order is deterministic (sorted by IRIs) so
/// that exports of the same store are byte-identical.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
}

/// Which part of the graph to keep. Empty fields keep everything.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Entities named like this (label or alias, case-insensitive) ...
    pub around: Vec<String>,
    /// ... and everything within this many hops of them.
    pub depth: usize,
    /// Only facts with these relations (label or IRI local name).
    pub relations: Vec<String>,
    /// Only entities of these types.
    pub types: Vec<String>,
    /// Only facts stated by this article (id or IRI).
    pub article: Option<String>,
    /// Drop entities with fewer facts than this.
    pub min_degree: usize,
    /// Keep only the N most central entities (PageRank).
    pub top: Option<usize>,
}

const TYPE_PRIORITY: [EntityType; 6] = EntityType::ALL;

impl KnowledgeGraph {
    /// Reads the fact graph of a store: entities, facts, names and types,
    /// without provenance (see [`KnowledgeGraph::with_provenance`]).
    pub fn from_store(store: &KgStore) -> Result<Self> {
        let has_relations = declares_relations(store)?;
        let facts = select(store, &fact_query(has_relations))?;
        let mut builder = Builder::default();
        for row in &facts {
            let (Some(s), Some(p), Some(o)) = (iri(row, "s"), iri(row, "p"), iri(row, "o")) else {
                continue;
            };
            builder.facts.push((s, p, o, Edge::default()));
        }
        builder.names(store, None)?;
        Ok(builder.build())
    }

    /// The subgraph of a store's fact graph that `selection` keeps, with
    /// each edge's evidence as `list` asks. A selection around names (and
    /// no relations) reads only their neighbourhood from the store; one by
    /// article reads every edge's articles first.
    pub fn selected(store: &KgStore, selection: &Selection, list: ArticleList) -> Result<Self> {
        if selection.article.is_some() {
            return Self::from_store(store)?
                .with_provenance(store, ArticleList::All)?
                .select(selection);
        }
        // A relation filter drops entities left without facts, which only
        // the whole graph can tell at the neighbourhood's edge.
        let around = match selection.relations.is_empty() {
            true => Self::around(store, &selection.around, selection.depth)?,
            false => None,
        };
        let selected = match around.map(|neighbourhood| neighbourhood.select(selection)) {
            // Close names to suggest are found in the whole graph.
            None | Some(Err(Error::UnknownEntity { .. })) => {
                Self::from_store(store)?.select(selection)?
            }
            Some(result) => result?,
        };
        selected.with_provenance(store, list)
    }

    /// The subgraph induced by the entities within `depth` hops of those
    /// named `names`, read from the store; `None` without names, or when
    /// it takes the whole graph to find them ([`neighbourhood`]).
    fn around(store: &KgStore, names: &[String], depth: usize) -> Result<Option<Self>> {
        if names.is_empty() {
            return Ok(None);
        }
        let has_relations = declares_relations(store)?;
        let Some(neighbourhood) = neighbourhood::around(store, names, depth, has_relations)? else {
            return Ok(None);
        };
        let mut builder = Builder::default();
        let mut resources = neighbourhood.nodes.clone();
        for (s, p, o) in neighbourhood.facts {
            resources.insert(p.clone());
            builder.facts.push((s, p, o, Edge::default()));
        }
        builder.nodes = neighbourhood.nodes;
        let resources: Vec<String> = resources.into_iter().collect();
        builder.names(store, Some(&resources))?;
        Ok(Some(builder.build()))
    }

    /// The same graph with each edge's evidence: how many positive mentions,
    /// in how many and which articles (all, or a sample: see
    /// [`ArticleList`]), and one sentence (the first in text order). Reads
    /// only the evidence of this graph's edges.
    pub fn with_provenance(mut self, store: &KgStore, list: ArticleList) -> Result<Self> {
        let statements: Vec<Option<NamedNode>> = self
            .graph
            .edge_indices()
            .map(|edge| {
                let (source, target) = self.graph.edge_endpoints(edge).expect("edge of this graph");
                provenance::statement_of(
                    store,
                    &self.graph[source].iri,
                    &self.graph[edge].relation_iri,
                    &self.graph[target].iri,
                )
            })
            .collect();
        let (known, mixed, counts) = match list {
            ArticleList::All => (
                Some(provenance::Polarities::known(store)?),
                HashSet::new(),
                HashMap::new(),
            ),
            ArticleList::AtMost(_) => {
                // Also the counts of statements with negative evidence,
                // unused, so that both queries run at once.
                let named: Vec<NamedNode> = statements.iter().flatten().cloned().collect();
                let (mixed, counts) = rayon::join(
                    || provenance::statements_with_negatives(store),
                    || provenance::link_counts(store, &named),
                );
                (None, mixed?, counts?)
            }
        };
        let edges: Vec<(EdgeIndex, NamedNode)> = self
            .graph
            .edge_indices()
            .zip(statements)
            .filter_map(|(edge, statement)| Some((edge, statement?)))
            .collect();
        let evidence: Vec<Result<(EdgeIndex, provenance::FactEvidence)>> = edges
            .into_par_iter()
            .map(|(edge, statement)| {
                let (polarities, counted) = match &known {
                    Some(known) => (known, None),
                    None if mixed.contains(&statement) => (&provenance::Polarities::LookedUp, None),
                    None => (
                        &provenance::Polarities::AllPositive,
                        Some(counts.get(&statement).copied().unwrap_or((0, 0))),
                    ),
                };
                let evidence =
                    provenance::of_statement(store, polarities, &statement, list, counted)?;
                Ok((edge, evidence))
            })
            .collect();
        for result in evidence {
            let (edge, evidence) = result?;
            let weight = &mut self.graph[edge];
            weight.evidence = evidence.count;
            weight.article_count = evidence.article_count;
            weight.articles = evidence.articles;
            weight.sentence = evidence.sentence;
        }
        Ok(self)
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Entities whose label or alias equals `name`, ignoring case.
    pub fn find(&self, name: &str) -> Vec<NodeIndex> {
        let wanted = name.to_lowercase();
        self.graph
            .node_indices()
            .filter(|&i| {
                let node = &self.graph[i];
                node.label.to_lowercase() == wanted
                    || node.aliases.iter().any(|a| a.to_lowercase() == wanted)
            })
            .collect()
    }

    /// The subgraph a selection keeps. An `around` name that matches nothing
    /// is an error that lists close labels. Selecting by article needs the
    /// graph's provenance ([`KnowledgeGraph::with_provenance`]).
    pub fn select(&self, selection: &Selection) -> Result<Self> {
        let mut graph = self.clone();
        if let Some(article) = &selection.article {
            graph = graph.retain_edges(|e| {
                e.articles
                    .iter()
                    .any(|a| a == article || a.ends_with(&format!("/{article}")))
            });
            graph = graph.without_isolated();
        }
        if !selection.relations.is_empty() {
            let wanted: Vec<String> = selection
                .relations
                .iter()
                .map(|r| r.to_lowercase())
                .collect();
            graph = graph.retain_edges(|e| {
                let local = local_name(&e.relation_iri).to_lowercase();
                wanted
                    .iter()
                    .any(|w| *w == e.relation.to_lowercase() || *w == local)
            });
            graph = graph.without_isolated();
        }
        if !selection.types.is_empty() {
            let wanted: Vec<String> = selection.types.iter().map(|t| t.to_lowercase()).collect();
            graph = graph.retain_nodes(|_, n| wanted.contains(&n.kind.to_lowercase()));
        }
        if !selection.around.is_empty() {
            let mut seeds = Vec::new();
            for name in &selection.around {
                let found = graph.find(name);
                if found.is_empty() {
                    return Err(Error::UnknownEntity {
                        name: name.clone(),
                        closest: graph.closest_labels(name, 5),
                    });
                }
                seeds.extend(found);
            }
            let keep = algo::neighborhood(&graph.graph, &seeds, selection.depth);
            graph = graph.retain_nodes(|i, _| keep.contains(&i));
        }
        if selection.min_degree > 0 {
            let min = selection.min_degree;
            let degree = algo::degrees(&graph.graph);
            graph = graph.retain_nodes(|i, _| degree[i.index()] >= min);
        }
        if let Some(top) = selection.top {
            let keep: BTreeSet<NodeIndex> = algo::ranked(&graph.graph)
                .into_iter()
                .take(top)
                .map(|(i, _)| i)
                .collect();
            graph = graph.retain_nodes(|i, _| keep.contains(&i));
        }
        Ok(graph)
    }

    /// Labels most like `name`, for "did you mean" messages.
    pub fn closest_labels(&self, name: &str, n: usize) -> Vec<String> {
        let wanted = name.to_lowercase();
        let distance = |node: &Node| {
            let names = std::iter::once(&node.label).chain(&node.aliases);
            names
                .flat_map(|name| {
                    let name = name.to_lowercase();
                    let words: Vec<String> = name.split_whitespace().map(str::to_owned).collect();
                    std::iter::once(name).chain(words)
                })
                .map(|candidate| edit_distance(&wanted, &candidate))
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut scored: Vec<(usize, &str)> = self
            .graph
            .node_weights()
            .map(|node| (distance(node), node.label.as_str()))
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored
            .into_iter()
            .take(n)
            .map(|(_, l)| l.to_owned())
            .collect()
    }

    fn retain_nodes(&self, keep: impl Fn(NodeIndex, &Node) -> bool) -> Self {
        Self {
            graph: self
                .graph
                .filter_map(|i, n| keep(i, n).then(|| n.clone()), |_, e| Some(e.clone())),
        }
    }

    fn retain_edges(&self, keep: impl Fn(&Edge) -> bool) -> Self {
        Self {
            graph: self
                .graph
                .filter_map(|_, n| Some(n.clone()), |_, e| keep(e).then(|| e.clone())),
        }
    }

    fn without_isolated(&self) -> Self {
        let degree = algo::degrees(&self.graph);
        self.retain_nodes(|i, _| degree[i.index()] > 0)
    }
}

/// Collects facts and names, then builds the graph in IRI order.
#[derive(Default)]
struct Builder {
    facts: Vec<(String, String, String, Edge)>,
    /// Nodes besides the ends of `facts`.
    nodes: BTreeSet<String>,
    labels: HashMap<String, String>,
    aliases: HashMap<String, BTreeSet<String>>,
    kinds: HashMap<String, String>,
}

impl Builder {
    /// Labels and aliases. The label is an untagged or English `rdfs:label`
    /// or `schema:name` when there is one ("Kabul" over "Kaboul"@fr), else
    /// any primary name, else an alternative label; ties go to the smallest.
    /// Those of `of` only, when given (resources, in `VALUES` batches).
    fn names(&mut self, store: &KgStore, of: Option<&[String]>) -> Result<()> {
        // One pattern per predicate, not `VALUES ?p`: with `?x` in `VALUES`
        // too, Oxigraph would scan every triple and join.
        let name_pattern = "{ ?x rdfs:label ?l BIND(rdfs:label AS ?p) } \
             UNION { ?x schema:name ?l BIND(schema:name AS ?p) } \
             UNION { ?x skos:altLabel ?l BIND(skos:altLabel AS ?p) } FILTER(isLiteral(?l))";
        let type_pattern = "?x a ?t FILTER(?t NOT IN (rdf:Statement, kg:Relation, rdf:Property))";
        let scopes: Vec<String> = match of {
            None => vec![String::new()],
            Some(resources) => resources
                .chunks(neighbourhood::BATCH)
                .map(|batch| format!("VALUES ?x {{ {} }}", neighbourhood::values(batch)))
                .collect(),
        };
        let mut name_rows = Vec::new();
        let mut type_rows = Vec::new();
        for scope in &scopes {
            name_rows.extend(select(
                store,
                &format!(
                    "SELECT ?x ?p ?l (LANG(?l) IN (\"\", \"en\") || LANGMATCHES(LANG(?l), \"en\") AS ?plain) \
                     WHERE {{ {scope} {name_pattern} }}"
                ),
            )?);
            type_rows.extend(select(
                store,
                &format!("SELECT ?x ?t WHERE {{ {scope} {type_pattern} }}"),
            )?);
        }
        // Per resource: (rank, label) with rank 0 = preferred primary name.
        let mut names: BTreeMap<String, BTreeSet<(u8, String)>> = BTreeMap::new();
        for row in &name_rows {
            let (Some(x), Some(p)) = (iri(row, "x"), iri(row, "p")) else {
                continue;
            };
            let rank = match (p.ends_with("altLabel"), text(row, "plain") == "true") {
                (false, true) => 0,
                (false, false) => 1,
                (true, _) => 2,
            };
            names.entry(x).or_default().insert((rank, text(row, "l")));
        }
        for (x, ranked) in names {
            let mut all: BTreeSet<String> = ranked.iter().map(|(_, l)| l.clone()).collect();
            if let Some((_, label)) = ranked.first() {
                all.remove(label);
                self.labels.insert(x.clone(), label.clone());
            }
            self.aliases.insert(x, all);
        }
        let mut types: HashMap<String, Vec<String>> = HashMap::new();
        for row in &type_rows {
            if let (Some(x), Some(t)) = (iri(row, "x"), iri(row, "t")) {
                types.entry(x).or_default().push(t);
            }
        }
        for (x, mut ts) in types {
            ts.sort();
            self.kinds.insert(x, kind_of(&ts));
        }
        Ok(())
    }

    fn build(mut self) -> KnowledgeGraph {
        self.facts
            .sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
        let nodes: BTreeSet<&String> = self
            .facts
            .iter()
            .flat_map(|f| [&f.0, &f.2])
            .chain(&self.nodes)
            .collect();
        let mut graph = DiGraph::with_capacity(nodes.len(), self.facts.len());
        let mut index = HashMap::new();
        for iri in nodes {
            let node = Node {
                iri: iri.clone(),
                label: self
                    .labels
                    .get(iri)
                    .cloned()
                    .unwrap_or_else(|| local_name(iri).to_owned()),
                kind: self
                    .kinds
                    .get(iri)
                    .cloned()
                    .unwrap_or_else(|| "Thing".to_owned()),
                aliases: self
                    .aliases
                    .get(iri)
                    .map(|a| a.iter().cloned().collect())
                    .unwrap_or_default(),
            };
            index.insert(iri.clone(), graph.add_node(node));
        }
        for (s, p, o, mut edge) in self.facts {
            edge.relation = self
                .labels
                .get(&p)
                .cloned()
                .unwrap_or_else(|| local_name(&p).to_owned());
            edge.relation_iri = p;
            graph.add_edge(index[&s], index[&o], edge);
        }
        KnowledgeGraph { graph }
    }
}

/// Whether the store declares `kg:Relation`s, which then are its facts'
/// only predicates ([`fact_pattern`]).
fn declares_relations(store: &KgStore) -> Result<bool> {
    ask(store, "ASK { ?p a kg:Relation }")
}

/// The SPARQL that lists the facts of the default graph.
fn fact_query(has_relations: bool) -> String {
    format!(
        "SELECT ?s ?p ?o WHERE {{ {} }}",
        fact_pattern(has_relations)
    )
}

/// The graph pattern of a fact `?s ?p ?o`: a triple whose predicate is a
/// `kg:Relation` when the store declares any, else any triple between two
/// resources outside the reification and evidence vocabulary.
fn fact_pattern(has_relations: bool) -> &'static str {
    if has_relations {
        "?p a kg:Relation . ?s ?p ?o ."
    } else {
        "?s ?p ?o . FILTER((isIRI(?o) || isBlank(?o)) && ?p NOT IN (rdf:type, rdf:subject, \
         rdf:predicate, rdf:object, kg:evidence, kg:article, kg:polarity, kg:modality, \
         kg:speaker, owl:differentFrom))"
    }
}

/// Our type name for a set of class IRIs: a known entity class if any, else
/// the first class's local name.
fn kind_of(classes: &[String]) -> String {
    for kind in TYPE_PRIORITY {
        if classes.iter().any(|c| c == entity_class(kind).as_str()) {
            return kind.name().to_owned();
        }
    }
    classes
        .iter()
        .map(|c| local_name(c))
        .find(|l| !l.is_empty() && *l != "Statement" && *l != "Evidence")
        .unwrap_or("Thing")
        .to_owned()
}

/// The part of an IRI after its last `/`, `#` or `:`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#', ':']).next().unwrap_or(iri)
}

fn ask(store: &KgStore, sparql: &str) -> Result<bool> {
    match store.query(sparql)? {
        QueryResults::Boolean(b) => Ok(b),
        _ => unreachable!("an ASK query"),
    }
}

fn select(store: &KgStore, sparql: &str) -> Result<Vec<QuerySolution>> {
    match store.query(sparql)? {
        QueryResults::Solutions(s) => Ok(s.collect::<Result<_, _>>()?),
        _ => unreachable!("a SELECT query"),
    }
}

fn iri(row: &QuerySolution, var: &str) -> Option<String> {
    match row.get(var)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        _ => None,
    }
}

fn text(row: &QuerySolution, var: &str) -> String {
    match row.get(var) {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Levenshtein distance over chars, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// An entity ranked by centrality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Central {
    pub label: String,
    pub kind: String,
    pub iri: String,
    /// Facts in and out.
    pub degree: usize,
    pub pagerank: f64,
}

/// How the fact graph falls apart into weakly connected components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Components {
    pub count: usize,
    /// Entities in the largest component.
    pub largest: usize,
}

impl KnowledgeGraph {
    pub fn components(&self) -> Components {
        let ids = algo::components(&self.graph);
        let mut sizes = vec![0usize; ids.iter().max().map_or(0, |m| m + 1)];
        for id in ids {
            sizes[id] += 1;
        }
        Components {
            count: sizes.len(),
            largest: sizes.into_iter().max().unwrap_or(0),
        }
    }

    /// The `n` most central entities by PageRank, with their degree.
    pub fn central(&self, n: usize) -> Vec<Central> {
        let degree = algo::degrees(&self.graph);
        algo::ranked(&self.graph)
            .into_iter()
            .take(n)
            .map(|(i, pagerank)| {
                let node = &self.graph[i];
                Central {
                    label: node.label.clone(),
                    kind: node.kind.clone(),
                    iri: node.iri.clone(),
                    degree: degree[i.index()],
                    pagerank,
                }
            })
            .collect()
    }

    /// Edges in a stable order with their endpoints, for writers.
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex, &Edge)> {
        self.graph
            .edge_references()
            .map(|e| (e.source(), e.target(), e.weight()))
    }
}
