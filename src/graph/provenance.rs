//! The evidence of one fact, read through its statement: the statement's
//! IRI is the content hash of the triple (see `mapping::statement_iri`), so
//! a fact's evidence is found with index lookups, whatever the size of the
//! store. Polarity is read once for the whole store ([`Negatives`]) rather
//! than once per evidence record: negative evidence is rare, and a seek per
//! record is what made exporting a large store slow.

use std::collections::{HashMap, HashSet};

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;

use crate::Result;
use crate::store::KgStore;
use crate::store::mapping::statement_iri;
use crate::vocab::{KG_EVIDENCE, KG_NEGATIVE, KG_POLARITY, KG_SENTENCE, KG_START};

/// Every evidence record of the store whose polarity is negative. An
/// evidence IRI hashes its article and polarity, so the node alone says.
pub(super) struct Negatives(HashSet<NamedNode>);

impl Negatives {
    pub(super) fn read(store: &KgStore) -> Result<Self> {
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
        Ok(Self(out))
    }

    fn contains(&self, evidence: &NamedNode) -> bool {
        self.0.contains(evidence)
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

/// Statements with at least one negative evidence record: their counts
/// cannot be taken from a count of all links.
pub(super) fn statements_with_negatives(
    store: &KgStore,
    negatives: &Negatives,
) -> Result<HashSet<NamedNode>> {
    let mut out = HashSet::new();
    for evidence in &negatives.0 {
        for link in
            store
                .oxigraph()
                .quads_for_pattern(None, Some(KG_EVIDENCE), Some(evidence.into()), None)
        {
            if let NamedOrBlankNode::NamedNode(statement) = link?.subject {
                out.insert(statement);
            }
        }
    }
    Ok(out)
}

/// (evidence links, distinct articles) of each statement, counted by
/// SPARQL in batches: links are never decoded.
pub(super) fn link_counts(
    store: &KgStore,
    statements: &[NamedNode],
) -> Result<HashMap<NamedNode, (usize, usize)>> {
    const BATCH: usize = 1000;
    let mut out = HashMap::with_capacity(statements.len());
    for batch in statements.chunks(BATCH) {
        let values: Vec<String> = batch.iter().map(ToString::to_string).collect();
        let sparql = format!(
            "SELECT ?st (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?a) WHERE {{ \
               VALUES ?st {{ {} }} GRAPH ?g {{ ?st <{}> ?e }} }} GROUP BY ?st",
            values.join(" "),
            KG_EVIDENCE.as_str()
        );
        let QueryResults::Solutions(rows) = store.query(&sparql)? else {
            unreachable!("a SELECT query")
        };
        for row in rows {
            let row = row?;
            let count = |var: &str| match row.get(var) {
                Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
                _ => 0,
            };
            if let Some(Term::NamedNode(statement)) = row.get("st") {
                out.insert(statement.clone(), (count("n"), count("a")));
            }
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
/// [`link_counts`], for a statement without negative evidence), only the
/// links of the first `list` articles are decoded.
pub(super) fn of_statement(
    store: &KgStore,
    negatives: &Negatives,
    statement: &NamedNode,
    list: ArticleList,
    counted: Option<(usize, usize)>,
) -> Result<FactEvidence> {
    let limit = match (list, counted) {
        (ArticleList::AtMost(n), Some(_)) => n,
        _ => usize::MAX,
    };
    let ox = store.oxigraph();
    // The first sentence is that of the least article: only its evidence
    // needs its offset read, one lookup per evidence otherwise.
    let mut first_article: Option<(String, Vec<(NamedNode, GraphName)>)> = None;
    let mut articles = Vec::new();
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
            if negatives.contains(&evidence) {
                continue;
            }
            let graph_name = link.graph_name;
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
            articles.push(article);
        }
    }
    let mut first: Option<(u64, NamedNode, GraphName)> = None;
    for (evidence, graph) in first_article.map(|(_, nodes)| nodes).unwrap_or_default() {
        let start = integer(store, &evidence, &graph)?;
        if first.as_ref().is_none_or(|(s, ..)| start < *s) {
            first = Some((start, evidence, graph));
        }
    }
    articles.sort();
    articles.dedup();
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
        articles,
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
