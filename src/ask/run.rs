//! Running `kg ask` queries on a store: names are resolved against indexes
//! built from the store's labels, patterns run as SPARQL, and `path` /
//! `neighbors` run on the petgraph view of the facts.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, NamedOrBlankNodeRef, Term};
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::graph::NodeIndex;

use super::{
    Compiled, Form, GraphTask, Indexes, LabelsApart, NameIndex, Note, Query, compile, graph_task,
    parse, resolve,
};
use crate::graph::{KnowledgeGraph, algo};
use crate::output::display_term;
use crate::store::KgStore;
use crate::vocab::{RDFS_LABEL, SCHEMA_NAME, XSD};
use crate::{Error, Result};

/// Name indexes over one store, built once per process.
pub struct StoreIndexes {
    pub entities: NameIndex,
    pub relations: NameIndex,
    /// `None` when the query names no class: then no class is resolved, and
    /// reading every `rdf:type` of a large store is spared.
    pub classes: Option<NameIndex>,
}

impl StoreIndexes {
    /// Indexes every name of every resource, the relations and the classes.
    pub fn build(store: &KgStore) -> Result<Self> {
        Ok(Self {
            entities: entity_index(store)?,
            relations: relation_index(store)?,
            classes: Some(class_index(store)?),
        })
    }

    /// Indexes enough for `query`: when every entity (or relation) name in
    /// it is exactly a label of something, only those things are indexed — a
    /// few index lookups instead of reading every label, which on a large
    /// store is the difference between milliseconds and seconds. Otherwise,
    /// everything, for fuzzy matching.
    pub fn for_query(store: &KgStore, query: &Query) -> Result<Self> {
        let entities = match exact_entities(store, &query.entity_names())? {
            Some(pairs) => NameIndex::new(pairs),
            None => entity_index(store)?,
        };
        let relation_names = query.relation_names();
        let relations = match exact_relations(store, &relation_names)? {
            Some(pairs) => NameIndex::with_local_names(pairs),
            None => relation_index(store)?,
        };
        let classes = match query.uses_classes() {
            true => Some(class_index(store)?),
            false => None,
        };
        Ok(Self {
            entities,
            relations,
            classes,
        })
    }

    fn indexes(&self) -> Indexes<'_> {
        Indexes {
            entities: &self.entities,
            relations: &self.relations,
            classes: self.classes.as_ref(),
        }
    }
}

/// For each name, the resources that have it as an exact (untagged or
/// English) label, each preceded by its preferred label; `None` as soon as a
/// name has no exact hit.
fn exact_entities(store: &KgStore, names: &[&str]) -> Result<Option<Vec<(String, String)>>> {
    let mut found = Vec::new();
    for name in names {
        let literal = oxigraph::model::Literal::from(*name).to_string();
        let hits = pairs(
            store,
            &format!(
                "SELECT DISTINCT ?x ?l WHERE {{ VALUES ?n {{ {literal} {literal}@en }} \
                 ?x rdfs:label|schema:name|skos:altLabel ?n . \
                 OPTIONAL {{ ?x rdfs:label|schema:name ?primary }} BIND(COALESCE(?primary, ?n) AS ?l) }}"
            ),
        )?;
        if hits.is_empty() {
            return Ok(None);
        }
        for (iri, label) in hits {
            found.push((iri.clone(), label));
            found.push((iri, (*name).to_owned()));
        }
    }
    Ok(Some(found))
}

/// For each relation name, the declared relations whose IRI local name or
/// label it is exactly (`son_of`, `son of`), with all their labels; `None`
/// as soon as a name has no exact hit.
fn exact_relations(store: &KgStore, names: &[&str]) -> Result<Option<Vec<(String, String)>>> {
    let mut found = Vec::new();
    for name in names {
        let iri = store.iris().relation(&name.replace(' ', "_"));
        let spaced = oxigraph::model::Literal::from(name.replace('_', " ")).to_string();
        let literal = oxigraph::model::Literal::from(*name).to_string();
        let hits = pairs(
            store,
            &format!(
                "SELECT DISTINCT ?x ?l WHERE {{ \
                   {{ VALUES ?x {{ {iri} }} }} UNION \
                   {{ VALUES ?n {{ {literal} {spaced} }} ?x rdfs:label ?n }} \
                   ?x a kg:Relation ; rdfs:label ?l }}"
            ),
        )?;
        if hits.is_empty() {
            return Ok(None);
        }
        found.extend(hits);
    }
    Ok(Some(found))
}

/// Every name of every resource, primary names first so they are shown.
fn entity_index(store: &KgStore) -> Result<NameIndex> {
    // Relations are left out here, from one set, rather than by a NOT
    // EXISTS per label, which costs an index seek per row.
    let relations: std::collections::HashSet<String> = pairs(
        store,
        "SELECT ?x ?l WHERE { ?x a kg:Relation ; rdfs:label ?l }",
    )?
    .into_iter()
    .map(|(iri, _)| iri)
    .collect();
    let mut entity_pairs = pairs(
        store,
        "SELECT ?x ?l WHERE { VALUES ?p { rdfs:label schema:name } ?x ?p ?l }",
    )?;
    entity_pairs.retain(|(iri, _)| !relations.contains(iri));
    entity_pairs.extend(pairs(store, "SELECT ?x ?l WHERE { ?x skos:altLabel ?l }")?);
    Ok(NameIndex::new(entity_pairs))
}

/// Declared `kg:Relation`s, else every predicate in use.
fn relation_index(store: &KgStore) -> Result<NameIndex> {
    let mut relation_pairs = pairs(
        store,
        "SELECT ?x ?l WHERE { ?x a kg:Relation ; rdfs:label ?l }",
    )?;
    if relation_pairs.is_empty() {
        relation_pairs = pairs(
            store,
            "SELECT ?x (COALESCE(MIN(?label), STR(?x)) AS ?l) WHERE { \
               { SELECT DISTINCT ?x WHERE { ?s ?x ?o } } OPTIONAL { ?x rdfs:label ?label } } GROUP BY ?x",
        )?;
    }
    Ok(NameIndex::with_local_names(relation_pairs))
}

/// The classes in use.
fn class_index(store: &KgStore) -> Result<NameIndex> {
    let class_pairs = pairs(
        store,
        "SELECT ?x (COALESCE(MIN(?label), STR(?x)) AS ?l) WHERE { \
           { SELECT DISTINCT ?x WHERE { ?s a ?x } } OPTIONAL { ?x rdfs:label ?label } } GROUP BY ?x",
    )?;
    Ok(NameIndex::with_local_names(class_pairs))
}

/// The answer to a query.
#[derive(Debug, Default)]
pub struct Answer {
    /// How names were understood ("Panchir → Panjshir"), for stderr.
    pub notes: Vec<Note>,
    /// The SPARQL run, if any (`--explain`).
    pub sparql: Option<String>,
    pub header: Vec<String>,
    /// Rows of display values (labels where known).
    pub rows: Vec<Vec<String>>,
    /// The entities (IRIs) the answer mentions, in order of appearance.
    pub entities: Vec<String>,
    /// For `path`: the facts on the path, as (source, target) node IRIs
    /// plus relation IRI.
    pub path: Vec<(String, String, String)>,
    /// The fact graph, when answering needed it (`path`, `neighbors`), so
    /// callers drawing the answer need not build it again.
    pub graph: Option<KnowledgeGraph>,
}

/// Parses, resolves and compiles `text` without running it: the SPARQL
/// `--explain` prints.
pub fn explain(text: &str, indexes: &StoreIndexes) -> Result<(Query, Compiled, Vec<Note>)> {
    let query = parse(text).map_err(|e| Error::Ask(e.into()))?;
    let (resolved, notes) = resolve(&query, &indexes.indexes()).map_err(Error::Ask)?;
    let compiled = compile(&query, &resolved).map_err(Error::Ask)?;
    Ok((query, compiled, notes))
}

/// Runs a query. The fact graph is built only for `path` and `neighbors`.
pub fn run(store: &KgStore, indexes: &StoreIndexes, text: &str) -> Result<Answer> {
    let query = parse(text).map_err(|e| Error::Ask(e.into()))?;
    let (resolved, notes) = resolve(&query, &indexes.indexes()).map_err(Error::Ask)?;
    if let Some(task) = graph_task(&query, &resolved).map_err(Error::Ask)? {
        let graph = KnowledgeGraph::from_store(store)?;
        let mut answer = run_graph_task(&graph, &task);
        answer.notes = notes;
        answer.graph = Some(graph);
        return Ok(answer);
    }
    let compiled = compile(&query, &resolved).map_err(Error::Ask)?;
    let mut answer = run_sparql(store, &compiled)?;
    answer.notes = notes;
    answer.sparql = Some(compiled.sparql);
    Ok(answer)
}

/// How a compiled SELECT is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Execution {
    /// [`Compiled::sparql`] as written, labels joined in SPARQL: what
    /// another SPARQL engine would run.
    AsWritten,
    /// The answer alone in SPARQL, labels looked up in the store's indexes
    /// and rows sorted here ([`LabelsApart`]): the same rows, faster on a
    /// large store.
    LabelsApart,
}

fn run_sparql(store: &KgStore, compiled: &Compiled) -> Result<Answer> {
    execute(store, compiled, Execution::LabelsApart)
}

/// Runs a compiled query and renders its rows.
pub fn execute(store: &KgStore, compiled: &Compiled, how: Execution) -> Result<Answer> {
    let header = compiled.columns.iter().map(|c| c.name.clone()).collect();
    let mut answer = Answer {
        header,
        ..Answer::default()
    };
    let apart = compiled
        .labels_apart
        .as_ref()
        .filter(|_| how == Execution::LabelsApart);
    let sparql = apart.map_or(&compiled.sparql, |plan| &plan.answer);
    let rows = match (store.query(sparql)?, compiled.form) {
        (QueryResults::Boolean(value), _) => {
            answer.header = vec!["answer".into()];
            answer.rows = vec![vec![value.to_string()]];
            return Ok(answer);
        }
        (QueryResults::Solutions(solutions), Form::Select) => {
            let mut rows = Vec::new();
            for solution in solutions {
                rows.push(cells(&solution?, compiled));
            }
            rows
        }
        _ => unreachable!("compiled queries are SELECT or ASK"),
    };
    let rows = match apart {
        Some(plan) => labelled_and_sorted(store, rows, plan)?,
        None => rows,
    };
    let mut seen = BTreeSet::new();
    for row in rows {
        answer
            .rows
            .push(display_row(row, store.iris().base(), &mut |iri| {
                if seen.insert(iri.to_owned()) {
                    answer.entities.push(iri.to_owned());
                }
            }));
    }
    Ok(answer)
}

/// One column of one row: its value and, when known, its label.
#[derive(Debug, Clone)]
struct Cell {
    value: Option<Term>,
    label: Option<String>,
}

fn cells(solution: &QuerySolution, compiled: &Compiled) -> Vec<Cell> {
    compiled
        .columns
        .iter()
        .map(|column| Cell {
            value: solution.get(column.var.as_str()).cloned(),
            label: match column.label_var.as_deref().and_then(|v| solution.get(v)) {
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            },
        })
        .collect()
}

/// Looks up the labels [`LabelsApart::named`] asks for (once per
/// resource), then sorts and pages as the labelled SPARQL would.
fn labelled_and_sorted(
    store: &KgStore,
    mut rows: Vec<Vec<Cell>>,
    plan: &LabelsApart,
) -> Result<Vec<Vec<Cell>>> {
    let mut labels: HashMap<Term, Option<String>> = HashMap::new();
    for row in &mut rows {
        for &column in &plan.named {
            let cell = &mut row[column];
            let Some(value) = &cell.value else { continue };
            if !labels.contains_key(value) {
                labels.insert(value.clone(), name_label(store, value)?);
            }
            cell.label = labels[value].clone();
        }
    }
    rows.sort_by(|a, b| {
        plan.order
            .iter()
            .map(|&(column, descending)| {
                let (a, b) = (&a[column], &b[column]);
                let order = a
                    .label
                    .cmp(&b.label)
                    .then_with(|| sparql_order(a.value.as_ref(), b.value.as_ref()));
                if descending { order.reverse() } else { order }
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
    let offset = plan.offset.unwrap_or(0) as usize;
    let limit = plan.limit.map_or(usize::MAX, |n| n as usize);
    Ok(rows.into_iter().skip(offset).take(limit).collect())
}

/// The label SPARQL's `COALESCE(MIN(...))` picks: the least untagged or
/// English `rdfs:label`, else the least `rdfs:label`, else the least
/// `schema:name`, all in the default graph.
fn name_label(store: &KgStore, value: &Term) -> Result<Option<String>> {
    let subject = match value {
        Term::NamedNode(n) => NamedOrBlankNodeRef::from(n.as_ref()),
        Term::BlankNode(b) => NamedOrBlankNodeRef::from(b.as_ref()),
        _ => return Ok(None),
    };
    let least = |predicate: NamedNodeRef<'_>, english_only: bool| -> Result<Option<String>> {
        let mut best: Option<String> = None;
        for quad in store.oxigraph().quads_for_pattern(
            Some(subject),
            Some(predicate),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            let Term::Literal(label) = quad?.object else {
                continue;
            };
            let english = label
                .language()
                .is_none_or(|tag| tag.eq_ignore_ascii_case("en") || tag.starts_with("en-"));
            if (english || !english_only) && best.as_deref().is_none_or(|b| label.value() < b) {
                best = Some(label.value().to_owned());
            }
        }
        Ok(best)
    };
    if let Some(label) = least(RDFS_LABEL, true)? {
        return Ok(Some(label));
    }
    if let Some(label) = least(RDFS_LABEL, false)? {
        return Ok(Some(label));
    }
    least(SCHEMA_NAME, false)
}

/// SPARQL's ORDER BY on values: unbound, blank nodes, IRIs, literals;
/// numbers by value, other literals by their text.
fn sparql_order(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    fn rank(term: Option<&Term>) -> u8 {
        match term {
            None => 0,
            Some(Term::BlankNode(_)) => 1,
            Some(Term::NamedNode(_)) => 2,
            Some(_) => 3,
        }
    }
    match (a, b) {
        (Some(Term::BlankNode(x)), Some(Term::BlankNode(y))) => x.as_str().cmp(y.as_str()),
        (Some(Term::NamedNode(x)), Some(Term::NamedNode(y))) => x.as_str().cmp(y.as_str()),
        (Some(Term::Literal(x)), Some(Term::Literal(y))) => match (number(x), number(y)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => x.value().cmp(y.value()),
        },
        _ => rank(a).cmp(&rank(b)),
    }
}

fn number(literal: &Literal) -> Option<f64> {
    let datatype = literal.datatype().as_str();
    let numeric = datatype.strip_prefix(XSD).is_some_and(|t| {
        matches!(
            t,
            "integer" | "decimal" | "double" | "float" | "int" | "long"
        )
    });
    numeric.then(|| literal.value().parse().ok()).flatten()
}

/// One display row: each column's label if known, else its value.
fn display_row(row: Vec<Cell>, base: &str, on_iri: &mut impl FnMut(&str)) -> Vec<String> {
    row.into_iter()
        .map(|cell| {
            if let Some(Term::NamedNode(n)) = &cell.value {
                on_iri(n.as_str());
            }
            match (cell.label, &cell.value) {
                (Some(label), _) => label,
                (None, Some(term)) => display_term(term, base),
                (None, None) => String::new(),
            }
        })
        .collect()
}

fn run_graph_task(graph: &KnowledgeGraph, task: &GraphTask) -> Answer {
    let nodes = |iris: &[String]| -> Vec<NodeIndex> {
        graph
            .graph
            .node_indices()
            .filter(|&i| iris.contains(&graph.graph[i].iri))
            .collect()
    };
    match task {
        GraphTask::Path { from, to, max } => {
            let (from, to) = (nodes(from), nodes(to));
            let best = from
                .iter()
                .flat_map(|&a| to.iter().map(move |&b| (a, b)))
                .filter_map(|(a, b)| {
                    algo::shortest_path(&graph.graph, a, b, *max as usize).map(|p| (a, p))
                })
                .min_by_key(|(_, p)| p.len());
            path_answer(graph, best)
        }
        GraphTask::Neighbors { center, depth } => {
            let keep = algo::neighborhood(&graph.graph, &nodes(center), *depth as usize);
            let mut answer = Answer {
                header: vec!["entity".into(), "type".into()],
                ..Answer::default()
            };
            for index in keep {
                let node = &graph.graph[index];
                answer
                    .rows
                    .push(vec![node.label.clone(), node.kind.clone()]);
                answer.entities.push(node.iri.clone());
            }
            answer
        }
    }
}

/// A path as rows `from | relation | to`, one per fact, in walking order.
fn path_answer(graph: &KnowledgeGraph, best: Option<(NodeIndex, Vec<algo::Step>)>) -> Answer {
    let mut answer = Answer {
        header: vec!["from".into(), "relation".into(), "to".into()],
        ..Answer::default()
    };
    let Some((start, steps)) = best else {
        return answer;
    };
    answer.entities.push(graph.graph[start].iri.clone());
    for step in steps {
        let (source, target) = graph
            .graph
            .edge_endpoints(step.edge)
            .expect("edge of this graph");
        let edge = &graph.graph[step.edge];
        answer.rows.push(vec![
            graph.graph[source].label.clone(),
            edge.relation.clone(),
            graph.graph[target].label.clone(),
        ]);
        answer.path.push((
            graph.graph[source].iri.clone(),
            graph.graph[target].iri.clone(),
            edge.relation_iri.clone(),
        ));
        answer.entities.push(graph.graph[step.node].iri.clone());
    }
    answer
}

/// The subgraph an answer covers, for `--format dot`: the facts of a path, or
/// every fact among the entities the answer mentions.
pub fn answer_subgraph(graph: &KnowledgeGraph, answer: &Answer) -> KnowledgeGraph {
    let entities: BTreeSet<&str> = answer.entities.iter().map(String::as_str).collect();
    let path: BTreeSet<(&str, &str, &str)> = answer
        .path
        .iter()
        .map(|(s, t, r)| (s.as_str(), t.as_str(), r.as_str()))
        .collect();
    let graph = graph.graph.filter_map(
        |_, node| entities.contains(node.iri.as_str()).then(|| node.clone()),
        |_, edge| Some(edge.clone()),
    );
    let graph = if path.is_empty() {
        graph
    } else {
        let endpoints: Vec<(String, String)> = graph
            .edge_indices()
            .map(|e| {
                let (s, t) = graph.edge_endpoints(e).expect("edge of this graph");
                (graph[s].iri.clone(), graph[t].iri.clone())
            })
            .collect();
        graph.filter_map(
            |_, node| Some(node.clone()),
            |e, edge| {
                let (s, t) = &endpoints[e.index()];
                path.contains(&(s.as_str(), t.as_str(), edge.relation_iri.as_str()))
                    .then(|| edge.clone())
            },
        )
    };
    KnowledgeGraph { graph }
}

/// (IRI, label) pairs from a query selecting `?x` and `?l`.
fn pairs(store: &KgStore, sparql: &str) -> Result<Vec<(String, String)>> {
    let QueryResults::Solutions(solutions) = store.query(sparql)? else {
        unreachable!("a SELECT query")
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        if let (Some(Term::NamedNode(x)), Some(Term::Literal(l))) =
            (solution.get("x"), solution.get("l"))
        {
            out.push((x.as_str().to_owned(), l.value().to_owned()));
        }
    }
    Ok(out)
}
