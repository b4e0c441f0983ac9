//! [`Query`] → SPARQL, in two steps: [`resolve`] looks the query's names up
//! in [`NameIndex`]es (the caller builds them from the store), then
//! [`compile`] writes SPARQL from the query and the resolved IRIs. Only
//! `resolve` needs data, so `compile` is tested on text alone.
//!
//! The SPARQL works on any graph that names resources with `rdfs:label`,
//! `schema:name` or `skos:altLabel` and types them with `rdf:type`. Its
//! shape, for a query with result variables:
//!
//! ```text
//! SELECT ?x (COALESCE(MIN(?_x_l0), MIN(?_x_l1), MIN(?_x_l2)) AS ?_x_label)
//! WHERE {
//!   {
//!     SELECT DISTINCT ?x WHERE { ...patterns and filters... }  # the answer
//!     LIMIT 10                                                  # if unsorted
//!   }
//!   OPTIONAL { ?x rdfs:label ?_x_l0 FILTER(LANG(?_x_l0) = "" || ...) }  # untagged or English
//!   OPTIONAL { ?x rdfs:label ?_x_l1 }
//!   OPTIONAL { ?x schema:name ?_x_l2 }
//! }
//! GROUP BY ?x
//! ORDER BY ?_x_label ?x
//! ```
//!
//! The answer is computed once, distinct (paths and joins may reach one
//! answer several ways), and limited before labels are fetched, so labels
//! cost a few index lookups per shown row. `MIN` picks one label per
//! resource deterministically, preferring untagged or English ones.
//! Patterns match the default graph (the knowledge graph); evidence is
//! provenance, read from the article graphs with `GRAPH`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::ast::{
    CompareOp, Count, Direction, EntityRef, Filter, Literal, Operand, PathMod, Pattern,
    PatternQuery, Query, RelRef, Relation, Term, Var,
};
use super::names::{Match, MatchKind, NameIndex, NoMatch};
use super::parse::{AskSyntaxError, PREFIXES};

// ------------------------------------------------------------------ types

/// Names of the query mapped to IRIs, keyed by the name as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    pub entities: BTreeMap<String, Vec<String>>,
    pub relations: BTreeMap<String, Vec<String>>,
    /// Classes of `?x:Class`. A class missing here is matched by the local
    /// name of `rdf:type` values instead, which is slower but works on any
    /// graph.
    pub classes: BTreeMap<String, Vec<String>>,
}

impl Resolved {
    /// The IRIs a command's entity stands for (an IRI stands for itself).
    pub fn entity_iris(&self, entity: &EntityRef) -> Result<Vec<String>, AskError> {
        match entity {
            EntityRef::Iri(iri) => Ok(vec![iri.clone()]),
            EntityRef::Name(name) => self
                .entities
                .get(name)
                .cloned()
                .ok_or_else(|| AskError::Unresolved { name: name.clone() }),
        }
    }
}

/// The indexes [`resolve`] looks names up in.
#[derive(Debug, Clone, Copy)]
pub struct Indexes<'a> {
    pub entities: &'a NameIndex,
    /// Relation labels and IRI local names ([`NameIndex::with_local_names`]).
    pub relations: &'a NameIndex,
    /// Classes by local name and label; `None` to match classes by local
    /// name in SPARQL.
    pub classes: Option<&'a NameIndex>,
}

/// What kind of thing a note or error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Entity,
    Relation,
    Class,
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameKind::Entity => "entity",
            NameKind::Relation => "relation",
            NameKind::Class => "class",
        })
    }
}

/// How a name that was not found verbatim was understood, for the user:
/// "Panchir → Panjshir", "Massoud → Ahmad Massoud, Ahmad Shah Massoud".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub kind: NameKind,
    pub name: String,
    pub labels: Vec<String>,
    pub how: MatchKind,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.name, self.labels.join(", "))
    }
}

/// Why a query cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AskError {
    #[error("{0}")]
    Syntax(#[from] AskSyntaxError),
    #[error("no entity named '{name}'{}", closest_suffix(closest, "; closest: "))]
    UnknownEntity { name: String, closest: Vec<String> },
    #[error(
        "unknown relation '{name}'{}",
        closest_suffix(closest, "; did you mean ")
    )]
    UnknownRelation { name: String, closest: Vec<String> },
    #[error("unknown class '{name}'{}", closest_suffix(closest, "; did you mean "))]
    UnknownClass { name: String, closest: Vec<String> },
    /// `compile` was given a [`Resolved`] without this name: a caller bug.
    #[error("the name '{name}' was not resolved before compiling")]
    Unresolved { name: String },
    #[error("{var} is used in {place} but appears in no pattern")]
    UnboundVariable { var: String, place: &'static str },
    #[error("{0}")]
    Invalid(String),
    /// `path` and `neighbors` run on the graph, not in SPARQL: see
    /// [`graph_task`].
    #[error("'{0}' is computed on the graph, not in SPARQL")]
    NotSparql(&'static str),
}

fn closest_suffix(closest: &[String], lead: &str) -> String {
    if closest.is_empty() {
        return String::new();
    }
    let end = if lead.contains("mean") { "?" } else { "" };
    format!("{lead}{}{end}", closest.join(", "))
}

/// A result column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header to show: a variable name, a name typed in the query,
    /// "relation", "article", "count".
    pub name: String,
    /// SPARQL variable (without `?`) holding the value.
    pub var: String,
    /// SPARQL variable holding a display label for the value, if looked up.
    /// When unbound, show the value itself.
    pub label_var: Option<String>,
}

/// SELECT returns rows; ASK (a query with nothing to show) returns a boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Select,
    Ask,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    pub sparql: String,
    pub columns: Vec<Column>,
    pub form: Form,
    /// The same SELECT with labels left to the caller, when it has any.
    pub labels_apart: Option<LabelsApart>,
}

/// A labelled SELECT split in two, for a caller that looks labels up
/// faster than SPARQL joins them: on a large store the GROUP BY and the
/// label OPTIONALs of [`Compiled::sparql`] cost more than the answer. Run
/// `answer`, look up the label of each `named` column's values, sort by
/// `order`, then page: the rows are those of [`Compiled::sparql`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelsApart {
    /// `SELECT DISTINCT` of the columns (and labels bound by the answer),
    /// already paged when the query has no sort keys.
    pub answer: String,
    /// Columns labelled by their value's name: the least untagged or
    /// English `rdfs:label`, else the least `rdfs:label`, else the least
    /// `schema:name`.
    pub named: Vec<usize>,
    /// Sort keys as (column, descending); each sorts by label, then value.
    pub order: Vec<(usize, bool)>,
    /// Paging after sorting; both `None` when `answer` is paged already.
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// Work for the caller's graph algorithms, with endpoints resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphTask {
    /// Shortest paths from any of `from` to any of `to`, at most `max` edges.
    Path {
        from: Vec<String>,
        to: Vec<String>,
        max: u32,
    },
    /// Everything within `depth` edges of any of `center`.
    Neighbors { center: Vec<String>, depth: u32 },
}

/// Default `path ... max N`.
pub const DEFAULT_PATH_MAX: u32 = 6;
/// Default `neighbors ... depth N`.
pub const DEFAULT_DEPTH: u32 = 1;

// ------------------------------------------------------------------ resolve

/// Looks up every name of `query`. Names found only approximately give a
/// [`Note`] for the user; names not found give an error with the closest
/// names.
pub fn resolve(query: &Query, indexes: &Indexes<'_>) -> Result<(Resolved, Vec<Note>), AskError> {
    let mut r = Resolver {
        indexes,
        resolved: Resolved::default(),
        notes: Vec::new(),
    };
    match query {
        Query::Patterns(pq) => r.patterns(pq)?,
        Query::About(e) | Query::Neighbors { name: e, .. } => r.entity_ref(e)?,
        Query::Path { from, to, .. } => {
            r.entity_ref(from)?;
            r.entity_ref(to)?;
        }
        Query::Entities { class, .. } => {
            if let Some(c) = class {
                r.class(c)?;
            }
        }
        Query::Relations { .. } => {}
    }
    Ok((r.resolved, r.notes))
}

struct Resolver<'a> {
    indexes: &'a Indexes<'a>,
    resolved: Resolved,
    notes: Vec<Note>,
}

impl Resolver<'_> {
    fn patterns(&mut self, pq: &PatternQuery) -> Result<(), AskError> {
        for pattern in pq.patterns.iter() {
            self.term(&pattern.start)?;
            for hop in pattern.hops.iter() {
                if let Relation::Names { refs, .. } = &hop.edge.relation {
                    for r in refs.iter() {
                        if let RelRef::Name(name) = r {
                            self.relation(name)?;
                        }
                    }
                }
                self.term(&hop.term)?;
            }
        }
        for filter in &pq.filters {
            if let Filter::Compare {
                right: Operand::Name(name),
                ..
            } = filter
            {
                self.entity(name)?;
            }
        }
        Ok(())
    }

    fn term(&mut self, term: &Term) -> Result<(), AskError> {
        match term {
            Term::Name(name) => self.entity(name),
            Term::Var {
                class: Some(class), ..
            }
            | Term::Anon { class: Some(class) } => self.class(class),
            _ => Ok(()),
        }
    }

    fn entity_ref(&mut self, e: &EntityRef) -> Result<(), AskError> {
        match e {
            EntityRef::Name(name) => self.entity(name),
            EntityRef::Iri(_) => Ok(()),
        }
    }

    fn entity(&mut self, name: &str) -> Result<(), AskError> {
        if self.resolved.entities.contains_key(name) {
            return Ok(());
        }
        let m = self
            .indexes
            .entities
            .lookup(name)
            .map_err(|NoMatch { closest }| AskError::UnknownEntity {
                name: name.to_owned(),
                closest,
            })?;
        self.record(NameKind::Entity, name, m);
        Ok(())
    }

    fn relation(&mut self, name: &str) -> Result<(), AskError> {
        if self.resolved.relations.contains_key(name) {
            return Ok(());
        }
        let m = self
            .indexes
            .relations
            .lookup_strict(name)
            .map_err(|NoMatch { closest }| AskError::UnknownRelation {
                name: name.to_owned(),
                closest,
            })?;
        self.record(NameKind::Relation, name, m);
        Ok(())
    }

    fn class(&mut self, name: &str) -> Result<(), AskError> {
        let Some(classes) = self.indexes.classes else {
            return Ok(());
        };
        if self.resolved.classes.contains_key(name) {
            return Ok(());
        }
        let m =
            classes
                .lookup_strict(name)
                .map_err(|NoMatch { closest }| AskError::UnknownClass {
                    name: name.to_owned(),
                    closest,
                })?;
        self.record(NameKind::Class, name, m);
        Ok(())
    }

    /// Stores the IRIs and, unless the match is the obvious one, a note.
    fn record(&mut self, kind: NameKind, name: &str, m: Match) {
        let obvious = matches!(m.how, MatchKind::Exact | MatchKind::Folded) && m.iris.len() == 1;
        if !obvious {
            self.notes.push(Note {
                kind,
                name: name.to_owned(),
                labels: m.labels.clone(),
                how: m.how.clone(),
            });
        }
        let map = match kind {
            NameKind::Entity => &mut self.resolved.entities,
            NameKind::Relation => &mut self.resolved.relations,
            NameKind::Class => &mut self.resolved.classes,
        };
        map.insert(name.to_owned(), m.iris);
    }
}

/// The endpoints of `path` and `neighbors`, with defaults applied; `None`
/// for queries that compile to SPARQL.
pub fn graph_task(query: &Query, resolved: &Resolved) -> Result<Option<GraphTask>, AskError> {
    Ok(match query {
        Query::Path { from, to, max } => Some(GraphTask::Path {
            from: resolved.entity_iris(from)?,
            to: resolved.entity_iris(to)?,
            max: max.unwrap_or(DEFAULT_PATH_MAX),
        }),
        Query::Neighbors { name, depth } => Some(GraphTask::Neighbors {
            center: resolved.entity_iris(name)?,
            depth: depth.unwrap_or(DEFAULT_DEPTH),
        }),
        _ => None,
    })
}

// ------------------------------------------------------------------ compile

/// Predicates that name, type or describe resources rather than relate
/// entities: `->` (any relation) skips them, and `about` hides the
/// reification links.
const META_PREDICATES: [&str; 8] = [
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name",
    "http://schema.org/headline",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#object",
];
/// Namespace of kg's own bookkeeping predicates (evidence, provenance).
const KG_NS: &str = "https://kg.example/ns#";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SCHEMA_NAME: &str = "http://schema.org/name";
const SCHEMA_HEADLINE: &str = "http://schema.org/headline";
const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
/// Classes of kg's bookkeeping resources, hidden by `entities`.
const META_CLASSES: [&str; 5] = [
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    "https://kg.example/ns#Relation",
    "https://kg.example/ns#Evidence",
    "http://schema.org/NewsArticle",
];

/// Writes the SPARQL of `query` with the IRIs of `resolved`.
pub fn compile(query: &Query, resolved: &Resolved) -> Result<Compiled, AskError> {
    let mut w = Writer::default();
    match query {
        Query::Patterns(pq) => compile_patterns(pq, resolved, &mut w),
        Query::About(entity) => compile_about(entity, resolved, &mut w),
        Query::Entities { class, limit } => {
            compile_entities(class.as_deref(), *limit, resolved, &mut w)
        }
        Query::Relations { limit } => Ok(compile_relations(*limit, &mut w)),
        Query::Path { .. } => Err(AskError::NotSparql("path")),
        Query::Neighbors { .. } => Err(AskError::NotSparql("neighbors")),
    }
}

/// How a column's label is found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LabelKind {
    /// `rdfs:label`, then `schema:name`.
    Name,
    /// Already bound in the answer by the variable given (article
    /// headlines, fetched inside the evidence OPTIONAL: a label OPTIONAL on
    /// an unbound variable would match every article).
    Bound(&'static str),
    /// Plain values (sentences, counts).
    None,
}

/// A column during compilation.
#[derive(Debug, Clone)]
struct Col {
    name: String,
    var: String,
    label: LabelKind,
}

impl Col {
    fn new(name: impl Into<String>, var: impl Into<String>, label: LabelKind) -> Col {
        Col {
            name: name.into(),
            var: var.into(),
            label,
        }
    }

    fn label_var(&self) -> Option<String> {
        match &self.label {
            LabelKind::Name => Some(format!("_{}_label", self.var)),
            LabelKind::Bound(suffix) => Some(format!("{}{suffix}", self.var)),
            LabelKind::None => None,
        }
    }

    fn public(&self) -> Column {
        Column {
            name: self.name.clone(),
            var: self.var.clone(),
            label_var: self.label_var(),
        }
    }
}

/// Accumulates the text of one SPARQL query and the prefixes it uses.
#[derive(Debug, Default)]
struct Writer {
    prefixes: BTreeSet<usize>,
}

impl Writer {
    /// An IRI as `prefix:local` when that is valid and shorter, else `<iri>`.
    fn iri(&mut self, iri: &str) -> String {
        for (i, (prefix, ns)) in PREFIXES.iter().enumerate() {
            if let Some(local) = iri.strip_prefix(ns)
                && is_simple_local(local)
            {
                self.prefixes.insert(i);
                return format!("{prefix}:{local}");
            }
        }
        format!("<{iri}>")
    }

    /// The final text: used prefixes, then the query.
    fn finish(&self, body: &str) -> String {
        let mut out = String::new();
        for &i in &self.prefixes {
            let (prefix, ns) = PREFIXES[i];
            out.push_str(&format!("PREFIX {prefix}: <{ns}>\n"));
        }
        out.push_str(body);
        out
    }
}

fn is_simple_local(local: &str) -> bool {
    let mut chars = local.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A SPARQL string literal.
fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines of a group pattern, indented by the caller.
type Lines = Vec<String>;

/// The lines indented by one level.
fn nest(lines: &[String]) -> Lines {
    lines.iter().map(|l| format!("  {l}")).collect()
}

// ------------------------------------------------------------ patterns

/// State while compiling the body of a pattern query.
struct Body<'a> {
    resolved: &'a Resolved,
    lines: Lines,
    /// Visible columns, in order of appearance.
    cols: Vec<Col>,
    /// Variables bound by patterns (user and generated).
    bound: BTreeSet<String>,
    /// Entity names already given a VALUES variable.
    name_vars: BTreeMap<String, String>,
    /// (variable, class) constraints already written.
    typed: BTreeSet<(String, String)>,
    /// Counter for generated variables.
    next: usize,
    /// Evidence blocks, written after the patterns.
    evidence: Vec<Lines>,
}

impl<'a> Body<'a> {
    fn new(resolved: &'a Resolved) -> Self {
        Body {
            resolved,
            lines: Vec::new(),
            cols: Vec::new(),
            bound: BTreeSet::new(),
            name_vars: BTreeMap::new(),
            typed: BTreeSet::new(),
            next: 0,
            evidence: Vec::new(),
        }
    }

    fn fresh(&mut self, stem: &str) -> String {
        self.next += 1;
        format!("_{stem}{}", self.next)
    }

    fn show(&mut self, name: &str, var: &str, label: LabelKind) {
        if !self.cols.iter().any(|c| c.var == var) {
            self.cols.push(Col::new(name, var, label));
        }
    }

    /// `VALUES ?v { ... }` over IRIs.
    fn values(&mut self, w: &mut Writer, var: &str, iris: &[String]) {
        let list: Vec<String> = iris.iter().map(|i| w.iri(i)).collect();
        self.lines
            .push(format!("VALUES ?{var} {{ {} }}", list.join(" ")));
    }

    /// The SPARQL node for a term, writing any VALUES, type constraint or
    /// literal filter it needs.
    fn node(&mut self, w: &mut Writer, term: &Term) -> Result<Node, AskError> {
        match term {
            Term::Var { var, class } => {
                let v = var.as_str().to_owned();
                self.bound.insert(v.clone());
                self.show(var.as_str(), &v, LabelKind::Name);
                let after = self.type_constraint(w, &v, class.as_deref());
                Ok(Node {
                    text: format!("?{v}"),
                    after,
                })
            }
            Term::Anon { class } => {
                let v = self.fresh("a");
                self.bound.insert(v.clone());
                let after = self.type_constraint(w, &v, class.as_deref());
                Ok(Node {
                    text: format!("?{v}"),
                    after,
                })
            }
            Term::Name(name) => self.name_node(w, name),
            Term::Iri(iri) => Ok(Node::fixed(w.iri(iri))),
            Term::Literal(lit) => {
                let v = self.fresh("v");
                self.bound.insert(v.clone());
                let filter = literal_filter(&v, CompareOp::Eq, lit);
                Ok(Node {
                    text: format!("?{v}"),
                    after: vec![filter],
                })
            }
        }
    }

    /// An entity name: its IRI, or a shown VALUES variable when it stands
    /// for several entities.
    fn name_node(&mut self, w: &mut Writer, name: &str) -> Result<Node, AskError> {
        let iris = self.entity_iris(name)?;
        if let [iri] = iris.as_slice() {
            return Ok(Node::fixed(w.iri(iri)));
        }
        if let Some(v) = self.name_vars.get(name) {
            return Ok(Node::var(v.clone()));
        }
        let v = self.fresh("e");
        self.values(w, &v, &iris);
        self.bound.insert(v.clone());
        self.name_vars.insert(name.to_owned(), v.clone());
        self.show(name, &v, LabelKind::Name);
        Ok(Node::var(v))
    }

    fn entity_iris(&self, name: &str) -> Result<Vec<String>, AskError> {
        let iris = self
            .resolved
            .entities
            .get(name)
            .ok_or_else(|| AskError::Unresolved {
                name: name.to_owned(),
            })?;
        if iris.is_empty() {
            return Err(AskError::UnknownEntity {
                name: name.to_owned(),
                closest: Vec::new(),
            });
        }
        Ok(iris.clone())
    }

    /// `?v a <Class>`, by resolved IRIs or by local name; written after the
    /// triple that binds `?v`, and only once per variable and class.
    fn type_constraint(&mut self, w: &mut Writer, var: &str, class: Option<&str>) -> Lines {
        let Some(class) = class else {
            return Vec::new();
        };
        if !self.typed.insert((var.to_owned(), class.to_owned())) {
            return Vec::new();
        }
        class_lines(w, var, class, self.resolved, &mut || {
            self.next += 1;
            format!("_c{}", self.next)
        })
    }

    /// One hop `from edge to`.
    fn hop(&mut self, from: &Node, direction: Direction, predicate: Predicate, to: &Node) {
        let (s, o) = match direction {
            Direction::Forward => (from, to),
            Direction::Backward => (to, from),
        };
        self.lines
            .push(format!("{} {} {} .", s.text, predicate.text, o.text));
        self.lines.extend(predicate.after);
        if let Some(p) = predicate.single {
            self.evidence.push(vec![s.text.clone(), p, o.text.clone()]);
        }
    }

    /// The predicate of a hop: an IRI, a variable or a property path.
    fn predicate(&mut self, w: &mut Writer, relation: &Relation) -> Result<Predicate, AskError> {
        match relation {
            Relation::Var(v) => {
                let v = v.as_str();
                self.bound.insert(v.to_owned());
                self.show(v, v, LabelKind::Name);
                let filter = not_meta_filter(w, v);
                Ok(Predicate {
                    text: format!("?{v}"),
                    after: vec![filter],
                    single: Some(format!("?{v}")),
                })
            }
            Relation::Any(PathMod::One) => {
                let v = self.fresh("r");
                self.bound.insert(v.clone());
                self.show("relation", &v, LabelKind::Name);
                let filter = not_meta_filter(w, &v);
                Ok(Predicate {
                    text: format!("?{v}"),
                    after: vec![filter],
                    single: Some(format!("?{v}")),
                })
            }
            Relation::Any(path) => {
                let names: Vec<String> = META_PREDICATES[..4].iter().map(|p| w.iri(p)).collect();
                Ok(Predicate::path(format!(
                    "(!({})){}",
                    names.join("|"),
                    path_suffix(*path)
                )))
            }
            Relation::Names { refs, path } => self.named_predicate(w, refs.iter(), *path),
        }
    }

    fn named_predicate<'r>(
        &mut self,
        w: &mut Writer,
        refs: impl Iterator<Item = &'r RelRef>,
        path: PathMod,
    ) -> Result<Predicate, AskError> {
        let mut iris: Vec<String> = Vec::new();
        let mut typed: Vec<String> = Vec::new();
        for r in refs {
            let found = match r {
                RelRef::Iri(iri) => {
                    typed.push(format!("<{iri}>"));
                    vec![iri.clone()]
                }
                RelRef::Name(name) => {
                    typed.push(name.clone());
                    self.relation_iris(name)?
                }
            };
            for iri in found {
                if !iris.contains(&iri) {
                    iris.push(iri);
                }
            }
        }
        let texts: Vec<String> = iris.iter().map(|i| w.iri(i)).collect();
        match (path, texts.as_slice()) {
            (PathMod::One, [one]) => Ok(Predicate::single(one.clone())),
            (PathMod::One, _) => {
                let v = self.fresh("p");
                self.values(w, &v, &iris);
                self.bound.insert(v.clone());
                self.show(&typed.join("|"), &v, LabelKind::Name);
                Ok(Predicate::single(format!("?{v}")))
            }
            (_, [one]) => Ok(Predicate::path(format!("{one}{}", path_suffix(path)))),
            (_, many) => Ok(Predicate::path(format!(
                "({}){}",
                many.join("|"),
                path_suffix(path)
            ))),
        }
    }

    fn relation_iris(&self, name: &str) -> Result<Vec<String>, AskError> {
        let iris = self
            .resolved
            .relations
            .get(name)
            .ok_or_else(|| AskError::Unresolved {
                name: name.to_owned(),
            })?;
        if iris.is_empty() {
            return Err(AskError::UnknownRelation {
                name: name.to_owned(),
                closest: Vec::new(),
            });
        }
        Ok(iris.clone())
    }

    fn pattern(&mut self, w: &mut Writer, pattern: &Pattern) -> Result<(), AskError> {
        let mut from = self.node(w, &pattern.start)?;
        let mut pending = std::mem::take(&mut from.after);
        for hop in pattern.hops.iter() {
            // The predicate first, so that its column comes before the
            // target's: `Massoud -> ?x` shows Massoud, relation, x.
            let predicate = self.predicate(w, &hop.edge.relation)?;
            let mut to = self.node(w, &hop.term)?;
            pending.append(&mut to.after);
            self.hop(&from, hop.edge.direction, predicate, &to);
            self.lines.append(&mut pending);
            from = to;
        }
        Ok(())
    }

    fn require_bound(&self, var: &Var, place: &'static str) -> Result<(), AskError> {
        if self.bound.contains(var.as_str()) {
            Ok(())
        } else {
            Err(AskError::UnboundVariable {
                var: var.to_string(),
                place,
            })
        }
    }

    fn filter(&mut self, w: &mut Writer, filter: &Filter) -> Result<(), AskError> {
        match filter {
            Filter::Compare { left, op, right } => {
                self.require_bound(left, "a filter")?;
                let line = self.compare(w, left, *op, right)?;
                self.lines.push(line);
            }
            Filter::Regex {
                var,
                pattern,
                negated,
            } => {
                self.require_bound(var, "a filter")?;
                let l = self.fresh("l");
                let lines = regex_filter(w, var.as_str(), pattern, *negated, &l);
                self.lines.extend(lines);
            }
        }
        Ok(())
    }

    fn compare(
        &self,
        w: &mut Writer,
        left: &Var,
        op: CompareOp,
        right: &Operand,
    ) -> Result<String, AskError> {
        let l = left.as_str();
        match right {
            Operand::Var(r) => {
                self.require_bound(r, "a filter")?;
                Ok(format!("FILTER(?{l} {} ?{})", op.as_str(), r.as_str()))
            }
            Operand::Literal(lit) => Ok(literal_filter(l, op, lit)),
            Operand::Iri(iri) => iri_compare(l, op, &[w.iri(iri)]),
            Operand::Name(name) => {
                let iris: Vec<String> = self.entity_iris(name)?.iter().map(|i| w.iri(i)).collect();
                iri_compare(l, op, &iris)
            }
        }
    }

    /// The OPTIONAL evidence blocks, one per hop with a single predicate,
    /// and their columns.
    fn evidence_blocks(&mut self, w: &mut Writer) {
        let hops = std::mem::take(&mut self.evidence);
        let numbered = hops.len() > 1;
        for (i, triple) in hops.iter().enumerate() {
            let n = i + 1;
            let suffix = if numbered {
                format!(" {n}")
            } else {
                String::new()
            };
            let (st, ev) = (format!("?_st{n}"), format!("?_ev{n}"));
            let article = format!("_article{n}");
            let sentence = format!("_sentence{n}");
            self.lines.push("OPTIONAL {".to_owned());
            for line in [
                format!("{st} {} {} .", w.iri(RDF_SUBJECT), triple[0]),
                format!("{st} {} {} .", w.iri(RDF_PREDICATE), triple[1]),
                format!("{st} {} {} .", w.iri(RDF_OBJECT), triple[2]),
                format!("GRAPH ?{article} {{"),
                format!("  {st} {} {ev} .", w.iri(KG_EVIDENCE)),
                format!("  {ev} {} ?{sentence} .", w.iri(KG_SENTENCE)),
                format!(
                    "  OPTIONAL {{ ?{article} {} ?{article}{TITLE} }}",
                    w.iri(SCHEMA_HEADLINE)
                ),
                "}".to_owned(),
            ] {
                self.lines.push(format!("  {line}"));
            }
            self.lines.push("}".to_owned());
            self.cols.push(Col::new(
                format!("article{suffix}"),
                article,
                LabelKind::Bound(TITLE),
            ));
            self.cols.push(Col::new(
                format!("sentence{suffix}"),
                sentence,
                LabelKind::None,
            ));
        }
    }
}

const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const KG_EVIDENCE: &str = "https://kg.example/ns#evidence";
const KG_SENTENCE: &str = "https://kg.example/ns#sentence";
/// Suffix of the variable holding an evidence article's headline.
const TITLE: &str = "_title";

/// A term as written in a triple, plus lines to write after the triple.
struct Node {
    text: String,
    after: Lines,
}

impl Node {
    fn var(v: String) -> Node {
        Node {
            text: format!("?{v}"),
            after: Vec::new(),
        }
    }

    fn fixed(text: String) -> Node {
        Node {
            text,
            after: Vec::new(),
        }
    }
}

/// A predicate as written in a triple; `single` is set when the hop is one
/// triple (not a path), so its evidence can be looked up.
struct Predicate {
    text: String,
    after: Lines,
    single: Option<String>,
}

impl Predicate {
    fn single(text: String) -> Predicate {
        Predicate {
            single: Some(text.clone()),
            text,
            after: Vec::new(),
        }
    }

    fn path(text: String) -> Predicate {
        Predicate {
            text,
            after: Vec::new(),
            single: None,
        }
    }
}

fn path_suffix(path: PathMod) -> &'static str {
    match path {
        PathMod::One => "",
        PathMod::OneOrMore => "+",
        PathMod::ZeroOrMore => "*",
    }
}

/// Excludes naming, typing and bookkeeping predicates from `?v`.
fn not_meta_filter(w: &mut Writer, var: &str) -> String {
    let list: Vec<String> = META_PREDICATES.iter().map(|p| w.iri(p)).collect();
    format!(
        "FILTER(?{var} NOT IN ({}) && !STRSTARTS(STR(?{var}), {}))",
        list.join(", "),
        string_literal(KG_NS)
    )
}

/// The type constraint of `?var:Class`: resolved IRIs when the caller knows
/// the graph's classes, else a match on the local name of any type.
fn class_lines(
    w: &mut Writer,
    var: &str,
    class: &str,
    resolved: &Resolved,
    fresh: &mut dyn FnMut() -> String,
) -> Lines {
    let a = w.iri(RDF_TYPE);
    match resolved.classes.get(class).map(Vec::as_slice) {
        Some([one]) => vec![format!("?{var} {a} {} .", w.iri(one))],
        Some(many) if !many.is_empty() => {
            let c = fresh();
            let list: Vec<String> = many.iter().map(|i| w.iri(i)).collect();
            vec![
                format!("VALUES ?{c} {{ {} }}", list.join(" ")),
                format!("?{var} {a} ?{c} ."),
            ]
        }
        _ => {
            let c = fresh();
            let lower = class.to_lowercase();
            vec![
                format!("?{var} {a} ?{c} ."),
                format!(
                    "FILTER(STRENDS(LCASE(STR(?{c})), {}) || STRENDS(LCASE(STR(?{c})), {}))",
                    string_literal(&format!("/{lower}")),
                    string_literal(&format!("#{lower}"))
                ),
            ]
        }
    }
}

/// `?v = 'text'` compares string values (language tags and datatypes
/// ignored); numbers compare as numbers.
fn literal_filter(var: &str, op: CompareOp, lit: &Literal) -> String {
    match lit {
        Literal::Text(text) => format!(
            "FILTER(STR(?{var}) {} {})",
            op.as_str(),
            string_literal(text)
        ),
        Literal::Number(n) => format!("FILTER(?{var} {} {n})", op.as_str()),
    }
}

fn iri_compare(var: &str, op: CompareOp, iris: &[String]) -> Result<String, AskError> {
    match (op, iris) {
        (CompareOp::Eq, [one]) => Ok(format!("FILTER(?{var} = {one})")),
        (CompareOp::Ne, [one]) => Ok(format!("FILTER(?{var} != {one})")),
        (CompareOp::Eq, many) => Ok(format!("FILTER(?{var} IN ({}))", many.join(", "))),
        (CompareOp::Ne, many) => Ok(format!("FILTER(?{var} NOT IN ({}))", many.join(", "))),
        (op, _) => Err(AskError::Invalid(format!(
            "'{}' compares values; compare ?{var} with an entity using = or !=",
            op.as_str()
        ))),
    }
}

/// `?x ~ "re"`: a case-insensitive regex on the value of a literal, or on
/// any label of a resource.
fn regex_filter(w: &mut Writer, var: &str, pattern: &str, negated: bool, l: &str) -> Lines {
    let re = string_literal(pattern);
    let labels = [RDFS_LABEL, SKOS_ALT_LABEL, SCHEMA_NAME]
        .iter()
        .map(|p| w.iri(p))
        .collect::<Vec<_>>()
        .join("|");
    let not = if negated { "!" } else { "" };
    vec![
        format!("FILTER({not}("),
        format!("  (isLiteral(?{var}) && REGEX(STR(?{var}), {re}, \"i\"))"),
        format!("  || EXISTS {{ ?{var} {labels} ?{l} . FILTER(REGEX(STR(?{l}), {re}, \"i\")) }}"),
        "))".to_owned(),
    ]
}

fn compile_patterns(
    pq: &PatternQuery,
    resolved: &Resolved,
    w: &mut Writer,
) -> Result<Compiled, AskError> {
    let mut body = Body::new(resolved);
    for pattern in pq.patterns.iter() {
        body.pattern(w, pattern)?;
    }
    for filter in &pq.filters {
        body.filter(w, filter)?;
    }
    let m = &pq.modifiers;
    if m.evidence {
        body.evidence_blocks(w);
    }
    let cols = projected_columns(&body, pq)?;
    for key in &m.sort {
        if !cols.iter().any(|c| c.var == key.var.as_str()) {
            body.require_bound(&key.var, "'sort'")?;
            return Err(AskError::Invalid(format!(
                "cannot sort by {}: it is not shown (add it to 'distinct')",
                key.var
            )));
        }
    }
    let shape = Shape {
        where_lines: body.lines,
        cols,
        limit: m.limit,
        offset: m.offset,
    };
    match &m.count {
        None if shape.cols.is_empty() => Ok(ask(w, &shape)),
        None => {
            let order: Vec<(String, bool)> = m
                .sort
                .iter()
                .map(|k| (k.var.as_str().to_owned(), k.descending))
                .collect();
            Ok(select_with_labels(w, &shape, &order))
        }
        Some(Count::Total) => Ok(count_total(w, &shape)),
        Some(Count::By(by)) => {
            let mut by_cols = Vec::new();
            for v in by.iter() {
                let col = shape.cols.iter().find(|c| c.var == v.as_str());
                match col {
                    Some(c) => by_cols.push(c.clone()),
                    None => {
                        body_unbound(v, &body.bound)?;
                        return Err(AskError::Invalid(format!(
                            "cannot count by {v}: it is not shown (add it to 'distinct')"
                        )));
                    }
                }
            }
            let desc: Vec<(String, bool)> = m
                .sort
                .iter()
                .map(|k| (k.var.as_str().to_owned(), k.descending))
                .collect();
            Ok(count_by(w, &shape, &by_cols, &desc))
        }
    }
}

fn body_unbound(v: &Var, bound: &BTreeSet<String>) -> Result<(), AskError> {
    if bound.contains(v.as_str()) {
        Ok(())
    } else {
        Err(AskError::UnboundVariable {
            var: v.to_string(),
            place: "'count by'",
        })
    }
}

/// The shown columns: `distinct ?a ?b` if given (plus evidence), else every
/// shown variable in order of appearance.
fn projected_columns(body: &Body<'_>, pq: &PatternQuery) -> Result<Vec<Col>, AskError> {
    let wanted = &pq.modifiers.distinct;
    if wanted.is_empty() {
        return Ok(body.cols.clone());
    }
    let mut cols = Vec::new();
    for v in wanted {
        body.require_bound(v, "'distinct'")?;
        if let Some(c) = body.cols.iter().find(|c| c.var == v.as_str()) {
            cols.push(c.clone());
        }
    }
    cols.extend(
        body.cols
            .iter()
            .filter(|c| c.var.starts_with("_article") || c.var.starts_with("_sentence"))
            .cloned(),
    );
    Ok(cols)
}

/// What every query form is built from.
struct Shape {
    where_lines: Lines,
    cols: Vec<Col>,
    limit: Option<u64>,
    offset: Option<u64>,
}

/// The variables of the answer: each column's, plus labels bound inside it.
fn var_list(cols: &[Col]) -> String {
    let mut vars = Vec::new();
    for c in cols {
        vars.push(format!("?{}", c.var));
        if let (LabelKind::Bound(_), Some(l)) = (&c.label, c.label_var()) {
            vars.push(format!("?{l}"));
        }
    }
    vars.join(" ")
}

fn limit_offset(limit: Option<u64>, offset: Option<u64>) -> Lines {
    let mut lines = Vec::new();
    if let Some(n) = limit {
        lines.push(format!("LIMIT {n}"));
    }
    if let Some(n) = offset {
        lines.push(format!("OFFSET {n}"));
    }
    lines
}

/// `SELECT DISTINCT cols WHERE { lines } [LIMIT/OFFSET]` as lines.
fn distinct_select(cols: &[Col], where_lines: &[String], paging: Lines) -> Lines {
    let mut out = vec![
        format!("SELECT DISTINCT {}", var_list(cols)),
        "WHERE {".to_owned(),
    ];
    out.extend(where_lines.iter().map(|l| format!("  {l}")));
    out.push("}".to_owned());
    out.extend(paging);
    out
}

/// Wraps lines in `{ ... }` for use as a subquery.
fn braced(lines: Lines) -> Lines {
    let mut out = vec!["{".to_owned()];
    out.extend(lines.into_iter().map(|l| format!("  {l}")));
    out.push("}".to_owned());
    out
}

/// The label of each labelled column: the projection expression and the
/// OPTIONAL lines that bind its candidates.
fn label_parts(w: &mut Writer, cols: &[Col]) -> (Vec<String>, Lines) {
    let mut select = Vec::new();
    let mut optionals = Vec::new();
    for col in cols {
        select.push(format!("?{}", col.var));
        match &col.label {
            LabelKind::None => {}
            LabelKind::Bound(_) => select.extend(col.label_var().map(|l| format!("?{l}"))),
            LabelKind::Name => {
                // An untagged or English rdfs:label first ("Kabul" over "Kaboul"@fr).
                let preferred = format!("_{}_l0", col.var);
                optionals.push(format!(
                    "OPTIONAL {{ ?{} {} ?{preferred} FILTER(LANG(?{preferred}) = \"\" || LANGMATCHES(LANG(?{preferred}), \"en\")) }}",
                    col.var,
                    w.iri(RDFS_LABEL)
                ));
                let mut mins = vec![format!("MIN(?{preferred})")];
                for (i, source) in [RDFS_LABEL, SCHEMA_NAME].iter().enumerate() {
                    let tmp = format!("_{}_l{}", col.var, i + 1);
                    optionals.push(format!(
                        "OPTIONAL {{ ?{} {} ?{tmp} }}",
                        col.var,
                        w.iri(source)
                    ));
                    mins.push(format!("MIN(?{tmp})"));
                }
                let label = format!("_{}_label", col.var);
                select.push(format!("(COALESCE({}) AS ?{label})", mins.join(", ")));
            }
        }
    }
    (select, optionals)
}

/// ORDER BY terms: label first (what users see), then the value itself.
fn order_terms(cols: &[Col], keys: &[(String, bool)]) -> Vec<String> {
    let mut terms = Vec::new();
    for (var, desc) in keys {
        let Some(col) = cols.iter().find(|c| &c.var == var) else {
            continue;
        };
        let wrap = |t: String| if *desc { format!("DESC({t})") } else { t };
        if let Some(l) = col.label_var() {
            terms.push(wrap(format!("?{l}")));
        }
        terms.push(wrap(format!("?{}", col.var)));
    }
    terms
}

/// The usual query: distinct answer, then labels, grouped and ordered.
fn select_with_labels(w: &mut Writer, shape: &Shape, sort: &[(String, bool)]) -> Compiled {
    let sorted = !sort.is_empty();
    let inner_paging = if sorted {
        Vec::new()
    } else {
        limit_offset(shape.limit, shape.offset)
    };
    let inner = distinct_select(&shape.cols, &shape.where_lines, inner_paging);
    let answer = w.finish(&(inner.join("\n") + "\n"));
    let (select, optionals) = label_parts(w, &shape.cols);
    let default_order: Vec<(String, bool)> =
        shape.cols.iter().map(|c| (c.var.clone(), false)).collect();
    let keys = if sorted { sort } else { &default_order };
    let order = order_terms(&shape.cols, keys);
    let mut lines = vec![format!("SELECT {}", select.join(" ")), "WHERE {".to_owned()];
    let mut where_lines = braced(inner);
    where_lines.extend(optionals);
    lines.extend(nest(&where_lines));
    lines.push("}".to_owned());
    lines.push(format!("GROUP BY {}", var_list(&shape.cols)));
    lines.push(format!("ORDER BY {}", order.join(" ")));
    if sorted {
        lines.extend(limit_offset(shape.limit, shape.offset));
    }
    let labels_apart = LabelsApart {
        answer,
        named: (shape.cols.iter().enumerate())
            .filter(|(_, c)| c.label == LabelKind::Name)
            .map(|(i, _)| i)
            .collect(),
        order: (keys.iter())
            .filter_map(|(var, desc)| Some((shape.cols.iter().position(|c| &c.var == var)?, *desc)))
            .collect(),
        limit: shape.limit.filter(|_| sorted),
        offset: shape.offset.filter(|_| sorted),
    };
    Compiled {
        sparql: w.finish(&(lines.join("\n") + "\n")),
        columns: shape.cols.iter().map(Col::public).collect(),
        form: Form::Select,
        labels_apart: Some(labels_apart),
    }
}

/// A query with nothing to show: does the pattern match at all?
fn ask(w: &mut Writer, shape: &Shape) -> Compiled {
    let mut lines = vec!["ASK".to_owned(), "WHERE {".to_owned()];
    lines.extend(nest(&shape.where_lines));
    lines.push("}".to_owned());
    Compiled {
        sparql: w.finish(&(lines.join("\n") + "\n")),
        columns: Vec::new(),
        form: Form::Ask,
        labels_apart: None,
    }
}

/// `| count`: one variable counts its distinct values directly; several
/// count distinct rows through a subquery.
fn count_total(w: &mut Writer, shape: &Shape) -> Compiled {
    let mut lines = Vec::new();
    match shape.cols.as_slice() {
        [one] => {
            lines.push(format!("SELECT (COUNT(DISTINCT ?{}) AS ?count)", one.var));
            lines.push("WHERE {".to_owned());
            lines.extend(nest(&shape.where_lines));
            lines.push("}".to_owned());
        }
        cols => {
            let inner = if cols.is_empty() {
                let mut l = distinct_select(cols, &shape.where_lines, Vec::new());
                l[0] = "SELECT DISTINCT (1 AS ?_one)".to_owned();
                l
            } else {
                distinct_select(cols, &shape.where_lines, Vec::new())
            };
            lines.push("SELECT (COUNT(*) AS ?count)".to_owned());
            lines.push("WHERE {".to_owned());
            lines.extend(nest(&braced(inner)));
            lines.push("}".to_owned());
        }
    }
    lines.extend(limit_offset(shape.limit, shape.offset));
    Compiled {
        sparql: w.finish(&(lines.join("\n") + "\n")),
        columns: vec![count_column()],
        form: Form::Select,
        labels_apart: None,
    }
}

fn count_column() -> Column {
    Column {
        name: "count".to_owned(),
        var: "count".to_owned(),
        label_var: None,
    }
}

/// `| count by ?x`: rows per value, most first, with labels.
fn count_by(w: &mut Writer, shape: &Shape, by: &[Col], sort: &[(String, bool)]) -> Compiled {
    let inner = distinct_select(&shape.cols, &shape.where_lines, Vec::new());
    let mut grouped = vec![
        format!("SELECT {} (COUNT(*) AS ?count)", var_list(by)),
        "WHERE {".to_owned(),
    ];
    grouped.extend(nest(&braced(inner)));
    grouped.push("}".to_owned());
    grouped.push(format!("GROUP BY {}", var_list(by)));
    let (mut select, optionals) = label_parts(w, by);
    select.push("?count".to_owned());
    let mut order = Vec::new();
    if sort.is_empty() {
        order.push("DESC(?count)".to_owned());
        let keys: Vec<(String, bool)> = by.iter().map(|c| (c.var.clone(), false)).collect();
        order.extend(order_terms(by, &keys));
    } else {
        order.extend(order_terms(by, sort));
    }
    let mut lines = vec![format!("SELECT {}", select.join(" ")), "WHERE {".to_owned()];
    let mut where_lines = braced(grouped);
    where_lines.extend(optionals);
    lines.extend(nest(&where_lines));
    lines.push("}".to_owned());
    lines.push(format!("GROUP BY {} ?count", var_list(by)));
    lines.push(format!("ORDER BY {}", order.join(" ")));
    lines.extend(limit_offset(shape.limit, shape.offset));
    let mut columns: Vec<Column> = by.iter().map(Col::public).collect();
    columns.push(count_column());
    Compiled {
        sparql: w.finish(&(lines.join("\n") + "\n")),
        columns,
        form: Form::Select,
        labels_apart: None,
    }
}

// ------------------------------------------------------------ commands

/// `about X`: every triple with X as subject (labels and types included)
/// or as object (reification links excluded).
fn compile_about(
    entity: &EntityRef,
    resolved: &Resolved,
    w: &mut Writer,
) -> Result<Compiled, AskError> {
    let iris = resolved.entity_iris(entity)?;
    let mut lines = Vec::new();
    let mut cols = Vec::new();
    let node = if let [one] = iris.as_slice() {
        w.iri(one)
    } else {
        let list: Vec<String> = iris.iter().map(|i| w.iri(i)).collect();
        lines.push(format!("VALUES ?entity {{ {} }}", list.join(" ")));
        cols.push(Col::new("entity", "entity", LabelKind::Name));
        "?entity".to_owned()
    };
    let hidden: Vec<String> = [RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT]
        .iter()
        .map(|p| w.iri(p))
        .collect();
    lines.extend([
        "{".to_owned(),
        format!("  {node} ?relation ?value ."),
        "  BIND(\"->\" AS ?direction)".to_owned(),
        "}".to_owned(),
        "UNION".to_owned(),
        "{".to_owned(),
        format!("  ?value ?relation {node} ."),
        format!("  FILTER(?relation NOT IN ({}))", hidden.join(", ")),
        "  BIND(\"<-\" AS ?direction)".to_owned(),
        "}".to_owned(),
    ]);
    cols.push(Col::new("direction", "direction", LabelKind::None));
    cols.push(Col::new("relation", "relation", LabelKind::Name));
    cols.push(Col::new("value", "value", LabelKind::Name));
    let shape = Shape {
        where_lines: lines,
        cols,
        limit: None,
        offset: None,
    };
    Ok(select_with_labels(w, &shape, &[]))
}

/// `entities [:Class]`: typed resources with their types, bookkeeping
/// classes hidden; with a class, only the entities (the type is known).
fn compile_entities(
    class: Option<&str>,
    limit: Option<u64>,
    resolved: &Resolved,
    w: &mut Writer,
) -> Result<Compiled, AskError> {
    let entity = Col::new("entity", "entity", LabelKind::Name);
    let (lines, cols) = match class {
        Some(class) => {
            let mut n = 0;
            let lines = class_lines(w, "entity", class, resolved, &mut || {
                n += 1;
                format!("_c{n}")
            });
            (lines, vec![entity])
        }
        None => {
            let a = w.iri(RDF_TYPE);
            let hidden: Vec<String> = META_CLASSES.iter().map(|c| w.iri(c)).collect();
            let lines = vec![
                format!("?entity {a} ?type ."),
                format!("FILTER(?type NOT IN ({}))", hidden.join(", ")),
            ];
            (
                lines,
                vec![entity, Col::new("type", "type", LabelKind::Name)],
            )
        }
    };
    let shape = Shape {
        where_lines: lines,
        cols,
        limit,
        offset: None,
    };
    Ok(select_with_labels(w, &shape, &[]))
}

/// `relations`: every relating predicate with its number of distinct facts.
fn compile_relations(limit: Option<u64>, w: &mut Writer) -> Compiled {
    let filter = not_meta_filter(w, "relation");
    let facts = vec![
        "SELECT DISTINCT ?_s ?relation ?_o".to_owned(),
        "WHERE {".to_owned(),
        "  ?_s ?relation ?_o .".to_owned(),
        format!("  {filter}"),
        "}".to_owned(),
    ];
    let mut grouped = vec![
        "SELECT ?relation (COUNT(*) AS ?facts)".to_owned(),
        "WHERE {".to_owned(),
    ];
    grouped.extend(nest(&braced(facts)));
    grouped.push("}".to_owned());
    grouped.push("GROUP BY ?relation".to_owned());
    let rel = Col::new("relation", "relation", LabelKind::Name);
    let (mut select, optionals) = label_parts(w, std::slice::from_ref(&rel));
    select.push("?facts".to_owned());
    let mut where_lines = braced(grouped);
    where_lines.extend(optionals);
    let mut lines = vec![format!("SELECT {}", select.join(" ")), "WHERE {".to_owned()];
    lines.extend(nest(&where_lines));
    lines.push("}".to_owned());
    lines.push("GROUP BY ?relation ?facts".to_owned());
    lines.push("ORDER BY DESC(?facts) ?_relation_label ?relation".to_owned());
    lines.extend(limit_offset(limit, None));
    Compiled {
        sparql: w.finish(&(lines.join("\n") + "\n")),
        columns: vec![
            rel.public(),
            Column {
                name: "facts".to_owned(),
                var: "facts".to_owned(),
                label_var: None,
            },
        ],
        form: Form::Select,
        labels_apart: None,
    }
}
