//! The evidence of one fact, read through its statement: the statement's
//! IRI is the content hash of the triple (see `mapping::statement_iri`), so
//! a fact's evidence is found with index lookups, whatever the size of the
//! store. Telling negative evidence apart costs a seek per record, so it is
//! avoided: to read every record of many facts, the store's negative
//! records are read once ([`Polarities::Known`]); to read a sample, the
//! statements with negative records are found once, and only their records
//! are looked up ([`Polarities::LookedUp`]), the others being counted in
//! SPARQL without decoding.

use std::collections::{BTreeSet, HashMap, HashSet};

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, QuadRef, Term};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;

use crate::Result;
use crate::store::KgStore;
use crate::store::mapping::statement_iri;
use crate::vocab::{KG_EVIDENCE, KG_NEGATIVE, KG_POLARITY, KG_POSITIVE, KG_SENTENCE, KG_START};

/// How evidence records are told positive.
pub(super) enum Polarities {
    /// Every negative evidence record of the store, read once: negative
    /// evidence is rare, so this beats a seek per record when all records
    /// of many facts are read.
    Known(HashSet<NamedNode>),
    /// A seek per record: for the statements that have negative evidence.
    LookedUp,
    /// None is negative: the statement has no negative evidence.
    AllPositive,
}

impl Polarities {
    pub(super) fn known(store: &KgStore) -> Result<Self> {
        let mut out = HashSet::new();
        for quad in store.oxigraph().quads_for_pattern(
            None,
            Some(KG_POLARITY),
            Some(KG_NEGATIVE.into()),
            None,
        ) {
            let quad = quad?;
            if let NamedOrBlankNode::NamedNode(node) = quad.subject {
                out.insert(node);
            }
        }
        Ok(Self::Known(out))
    }

    fn is_positive(
        &self,
        store: &KgStore,
        evidence: &NamedNode,
        graph: &GraphName,
    ) -> Result<bool> {
        Ok(match self {
            Self::Known(negatives) => !negatives.contains(evidence),
            Self::LookedUp => store.oxigraph().contains(QuadRef::new(
                evidence,
                KG_POLARITY,
                KG_POSITIVE,
                graph,
            ))?,
            Self::AllPositive => true,
        })
    }
}

/// How many of a fact's articles to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleList {
    /// Every one, sorted: decodes each evidence link, so an edge stated by
    /// ten thousand articles costs twenty thousand dictionary lookups.
    All,
    /// At most this many (the first in store order), sorted; the others
    /// are counted in SPARQL, on the store's encoded terms, without
    /// decoding them. For views that name a few and say "and N more".
    AtMost(usize),
}

/// What supports one fact.
#[derive(Debug, Default)]
pub(super) struct FactEvidence {
    /// Positive evidence records.
    pub count: usize,
    /// How many distinct articles they are in.
    pub article_count: usize,
    /// Ids (or IRIs) of those articles, sorted: all of them, or a sample
    /// ([`ArticleList::AtMost`]).
    pub articles: Vec<String>,
    /// The sentence of the first of them in text order, in the least
    /// article named.
    pub sentence: Option<String>,
}

/// (evidence records, distinct articles they are in).
pub(super) type LinkCount = (usize, usize);

/// Statements with negative evidence. One query from the negative records
/// (rare) to their statements, decoding only the statements.
pub(super) fn statements_with_negatives(store: &KgStore) -> Result<HashSet<NamedNode>> {
    let sparql = format!(
        "SELECT DISTINCT ?st WHERE {{ GRAPH ?g {{ ?e <{}> <{}> . ?st <{}> ?e }} }}",
        KG_POLARITY.as_str(),
        KG_NEGATIVE.as_str(),
        KG_EVIDENCE.as_str(),
    );
    let QueryResults::Solutions(rows) = store.query(&sparql)? else {
        unreachable!("a SELECT query")
    };
    let mut out = HashSet::new();
    for row in rows {
        if let Some(Term::NamedNode(statement)) = row?.get("st") {
            out.insert(statement.clone());
        }
    }
    Ok(out)
}

/// (evidence records, distinct articles they are in) of each statement,
/// counted by SPARQL in batches (in parallel) on the store's encoded terms:
/// no record is decoded. All records: exact only for statements without
/// negative ones.
pub(super) fn link_counts(
    store: &KgStore,
    statements: &[NamedNode],
) -> Result<HashMap<NamedNode, LinkCount>> {
    const BATCH: usize = 1000;
    let batches: Vec<Result<Vec<(NamedNode, LinkCount)>>> = statements
        .par_chunks(BATCH)
        .map(|batch| counts_of_batch(store, batch))
        .collect();
    let mut out = HashMap::with_capacity(statements.len());
    for batch in batches {
        out.extend(batch?);
    }
    Ok(out)
}

fn counts_of_batch(store: &KgStore, batch: &[NamedNode]) -> Result<Vec<(NamedNode, LinkCount)>> {
    let values: Vec<String> = batch.iter().map(ToString::to_string).collect();
    let sparql = format!(
        "SELECT ?st (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?a) WHERE {{ \
           VALUES ?st {{ {} }} GRAPH ?g {{ ?st <{}> ?e }} }} GROUP BY ?st",
        values.join(" "),
        KG_EVIDENCE.as_str(),
    );
    let QueryResults::Solutions(rows) = store.query(&sparql)? else {
        unreachable!("a SELECT query")
    };
    let mut out = Vec::with_capacity(batch.len());
    for row in rows {
        let row = row?;
        let count = |var: &str| match row.get(var) {
            Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
            _ => 0,
        };
        if let Some(Term::NamedNode(statement)) = row.get("st") {
            out.push((statement.clone(), (count("n"), count("a"))));
        }
    }
    Ok(out)
}

/// The statement of `(s, p, o)`, all IRIs.
pub(super) fn statement_of(store: &KgStore, s: &str, p: &str, o: &str) -> Option<NamedNode> {
    let (Ok(s), Ok(p), Ok(o)) = (NamedNode::new(s), NamedNode::new(p), NamedNode::new(o)) else {
        return None;
    };
    Some(statement_iri(store.iris(), &s, &p, &o.into()))
}

/// The positive evidence of a statement. With `counted` (from
/// [`link_counts`]), only the records of the first `list` articles are
/// decoded.
pub(super) fn of_statement(
    store: &KgStore,
    polarities: &Polarities,
    statement: &NamedNode,
    list: ArticleList,
    counted: Option<LinkCount>,
) -> Result<FactEvidence> {
    let limit = match (list, counted) {
        (ArticleList::AtMost(n), Some(_)) => n,
        _ => usize::MAX,
    };
    let ox = store.oxigraph();
    // The first sentence is that of the least article: only its evidence
    // needs its offset read, one lookup per evidence otherwise.
    let mut first_article: Option<(String, Vec<(NamedNode, GraphName)>)> = None;
    let mut articles: BTreeSet<String> = BTreeSet::new();
    let mut count = 0;
    if limit > 0 {
        for link in ox.quads_for_pattern(
            Some(statement.as_ref().into()),
            Some(KG_EVIDENCE),
            None,
            None,
        ) {
            let link = link?;
            let Term::NamedNode(evidence) = link.object else {
                continue;
            };
            let graph_name = link.graph_name;
            if !polarities.is_positive(store, &evidence, &graph_name)? {
                continue;
            }
            let article = match &graph_name {
                GraphName::NamedNode(g) => store
                    .iris()
                    .article_id(g.as_str())
                    .unwrap_or(g.as_str())
                    .to_owned(),
                other => other.to_string(),
            };
            if !articles.contains(&article) && articles.len() == limit {
                break;
            }
            count += 1;
            match &mut first_article {
                Some((a, nodes)) if *a == article => nodes.push((evidence, graph_name)),
                Some((a, _)) if *a < article => {}
                _ => first_article = Some((article.clone(), vec![(evidence, graph_name)])),
            }
            articles.insert(article);
        }
    }
    let mut first: Option<(u64, NamedNode, GraphName)> = None;
    for (evidence, graph) in first_article.map(|(_, nodes)| nodes).unwrap_or_default() {
        let start = integer(store, &evidence, &graph)?;
        if first.as_ref().is_none_or(|(s, ..)| start < *s) {
            first = Some((start, evidence, graph));
        }
    }
    let sentence = match first {
        Some((_, evidence, graph)) => literal(store, &evidence, KG_SENTENCE, &graph)?,
        None => None,
    };
    let (count, article_count) = match counted {
        Some(counts) if limit != usize::MAX => counts,
        _ => (count, articles.len()),
    };
    Ok(FactEvidence {
        count,
        article_count,
        articles: articles.into_iter().collect(),
        sentence,
    })
}

fn integer(store: &KgStore, node: &NamedNode, graph: &GraphName) -> Result<u64> {
    Ok(literal(store, node, KG_START, graph)?
        .and_then(|value| value.parse().ok())
        .unwrap_or(u64::MAX))
}

/// The value of the first literal of `(node, predicate, ?)` in `graph`.
fn literal(
    store: &KgStore,
    node: &NamedNode,
    predicate: NamedNodeRef<'_>,
    graph: &GraphName,
) -> Result<Option<String>> {
    let subject: NamedOrBlankNode = node.clone().into();
    Ok(store
        .oxigraph()
        .quads_for_pattern(
            Some(subject.as_ref()),
            Some(predicate),
            None,
            Some(graph.as_ref()),
        )
        .next()
        .transpose()?
        .and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
}
