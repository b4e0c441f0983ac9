//! The syntax tree of a `kg ask` query: the contract between the parser and
//! the compiler (and the caller, which runs `path` and `neighbors` itself).
//!
//! Types are shaped so that states the language cannot express cannot be
//! built either: a pattern has at least one hop ([`NonEmpty`]), a relation
//! variable has no path modifier, variables always have valid names ([`Var`]).
//! Names are kept exactly as typed; resolving them to IRIs is
//! a separate step ([`super::names`], [`super::compile::resolve`]).

use std::fmt;

/// A query: either graph patterns or one of the graph commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// `Saleh -claims-> ?x, ?x -part_of-> ?y where ... | ...`
    Patterns(Box<PatternQuery>),
    /// `about NAME` (also what a query made of a single name means).
    About(EntityRef),
    /// `path A to B [max N]`: computed by the caller on the graph.
    Path {
        from: EntityRef,
        to: EntityRef,
        max: Option<u32>,
    },
    /// `neighbors NAME [depth N]`: computed by the caller on the graph.
    Neighbors { name: EntityRef, depth: Option<u32> },
    /// `entities [:Type] [| limit N]`.
    Entities {
        class: Option<String>,
        limit: Option<u64>,
    },
    /// `relations [| limit N]`: every relation with its number of facts.
    Relations { limit: Option<u64> },
}

/// Patterns joined by `,` / `and`, then filters and modifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternQuery {
    pub patterns: NonEmpty<Pattern>,
    pub filters: Vec<Filter>,
    pub modifiers: Modifiers,
}

/// A chain `start edge term edge term ...`, e.g.
/// `Al-Qaida -kill-> ?v <-son_of- ?son`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub start: Term,
    pub hops: NonEmpty<Hop>,
}

/// One step of a chain: the edge from the previous term and the term it
/// reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub edge: Edge,
    pub term: Term,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub direction: Direction,
    pub relation: Relation,
}

/// `-r->` reads left to right (`Forward`); `<-r-` right to left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

/// What an edge may be labelled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// `->`, `<-`, `-+->`: any relation between entities.
    Any(PathMod),
    /// `-kill|assassinate->`, `-part_of+->`: one of these relations.
    Names {
        refs: NonEmpty<RelRef>,
        path: PathMod,
    },
    /// `-?r->`: the relation is a result column. No path modifier: SPARQL
    /// cannot bind a variable to a path.
    Var(Var),
}

/// One alternative of a named relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelRef {
    /// Matched against relation labels and IRI local names.
    Name(String),
    /// `<https://...>` or `schema:knows`, expanded to a full IRI.
    Iri(String),
}

/// How many times an edge is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PathMod {
    /// Exactly once (no suffix).
    #[default]
    One,
    /// `+`
    OneOrMore,
    /// `*`
    ZeroOrMore,
}

/// A node of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// `?x`, or `?p:Person` with a class given by its local name.
    Var { var: Var, class: Option<String> },
    /// `?` or `?:Person`: matches anything and is not shown.
    Anon { class: Option<String> },
    /// `Saleh`, `Al-Qaida`, `"Ahmad Shah Massoud"`: an entity found by label.
    Name(String),
    /// `<https://...>` or `schema:Person`, expanded to a full IRI.
    Iri(String),
    /// `'text'` or a number: a literal value.
    Literal(Literal),
}

/// A literal value, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// `'...'`, unescaped. Compared by string value, ignoring language tags
    /// and datatypes.
    Text(String),
    /// `42`, `-3.5`: a valid SPARQL numeric literal.
    Number(String),
}

/// A name or IRI given to a command.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityRef {
    Name(String),
    Iri(String),
}

/// A variable name without the `?`. Always starts with an ASCII letter, so
/// it never collides with the compiler's own variables (which start with `_`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Var(String);

impl Var {
    /// Wraps a name; `None` unless it is `[A-Za-z][A-Za-z0-9_]*`.
    pub fn new(name: &str) -> Option<Var> {
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        (first_ok && rest_ok).then(|| Var(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "?{}", self.0)
    }
}

/// A condition after `where`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `?x != ?y`, `?x = Kabul`, `?n > 3`.
    Compare {
        left: Var,
        op: CompareOp,
        right: Operand,
    },
    /// `?x ~ "massoud"` (case-insensitive, on labels); `!~` negates.
    Regex {
        var: Var,
        pattern: String,
        negated: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    Var(Var),
    Name(String),
    Iri(String),
    Literal(Literal),
}

/// Everything after `|`. Each modifier appears at most once (the parser
/// rejects repeats).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    pub count: Option<Count>,
    /// `distinct ?x ?y`: show only these variables. Empty: every named
    /// variable (results are always distinct).
    pub distinct: Vec<Var>,
    pub sort: Vec<SortKey>,
    /// Add the article and sentence of each fact.
    pub evidence: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    /// `count`: the number of result rows.
    Total,
    /// `count by ?x`: the number of rows for each value of `?x`.
    By(NonEmpty<Var>),
}

/// `sort ?x` (ascending) or `sort -?x` (descending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    pub var: Var,
    pub descending: bool,
}

/// A list with at least one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonEmpty<T> {
    pub head: T,
    pub tail: Vec<T>,
}

impl<T> NonEmpty<T> {
    pub fn new(head: T) -> Self {
        NonEmpty {
            head,
            tail: Vec::new(),
        }
    }

    /// `None` for an empty vector.
    pub fn from_vec(items: Vec<T>) -> Option<Self> {
        let mut items = items.into_iter();
        let head = items.next()?;
        Some(NonEmpty {
            head,
            tail: items.collect(),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        std::iter::once(&self.head).chain(self.tail.iter())
    }

    pub fn len(&self) -> usize {
        1 + self.tail.len()
    }

    /// Always false; here for clippy's `len_without_is_empty`.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl Term {
    /// The variable this term binds and shows, if any.
    pub fn var(&self) -> Option<&Var> {
        match self {
            Term::Var { var, .. } => Some(var),
            _ => None,
        }
    }
}

impl PatternQuery {
    /// Named variables in order of first appearance in the patterns
    /// (including relation variables): the default result columns.
    pub fn pattern_vars(&self) -> Vec<&Var> {
        fn push<'a>(v: &'a Var, out: &mut Vec<&'a Var>) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
        let mut out: Vec<&Var> = Vec::new();
        for pattern in self.patterns.iter() {
            if let Some(v) = pattern.start.var() {
                push(v, &mut out);
            }
            for hop in pattern.hops.iter() {
                if let Relation::Var(v) = &hop.edge.relation {
                    push(v, &mut out);
                }
                if let Some(v) = hop.term.var() {
                    push(v, &mut out);
                }
            }
        }
        out
    }
}

impl Query {
    /// Every entity name the query mentions, in order. Lets a caller look
    /// names up cheaply before building full name indexes.
    pub fn entity_names(&self) -> Vec<&str> {
        fn entity_ref<'a>(e: &'a EntityRef, names: &mut Vec<&'a str>) {
            if let EntityRef::Name(n) = e {
                names.push(n);
            }
        }
        let mut names = Vec::new();
        match self {
            Query::Patterns(pq) => {
                for p in pq.patterns.iter() {
                    for term in std::iter::once(&p.start).chain(p.hops.iter().map(|h| &h.term)) {
                        if let Term::Name(n) = term {
                            names.push(n.as_str());
                        }
                    }
                }
                for f in &pq.filters {
                    if let Filter::Compare {
                        right: Operand::Name(n),
                        ..
                    } = f
                    {
                        names.push(n);
                    }
                }
            }
            Query::About(e) | Query::Neighbors { name: e, .. } => entity_ref(e, &mut names),
            Query::Path { from, to, .. } => {
                entity_ref(from, &mut names);
                entity_ref(to, &mut names);
            }
            Query::Entities { .. } | Query::Relations { .. } => {}
        }
        names
    }

    /// The relation names of the query's edges, as typed.
    pub fn relation_names(&self) -> Vec<&str> {
        let Query::Patterns(pq) = self else {
            return Vec::new();
        };
        pq.patterns
            .iter()
            .flat_map(|p| p.hops.iter())
            .filter_map(|hop| match &hop.edge.relation {
                Relation::Names { refs, .. } => Some(refs.iter()),
                _ => None,
            })
            .flatten()
            .filter_map(|r| match r {
                RelRef::Name(name) => Some(name.as_str()),
                RelRef::Iri(_) => None,
            })
            .collect()
    }

    /// Whether some term names a class (`?p:Person`, `entities :Place`), so
    /// that resolving the query needs the store's classes.
    pub fn uses_classes(&self) -> bool {
        let classed = |t: &Term| {
            matches!(
                t,
                Term::Var { class: Some(_), .. } | Term::Anon { class: Some(_) }
            )
        };
        match self {
            Query::Patterns(pq) => pq
                .patterns
                .iter()
                .any(|p| classed(&p.start) || p.hops.iter().any(|h| classed(&h.term))),
            Query::Entities { class, .. } => class.is_some(),
            _ => false,
        }
    }
}
