//! The evidence of one fact, read through its statement: the statement's
//! IRI is the content hash of the triple (see `mapping::statement_iri`), so
//! a fact's evidence is found with index lookups, whatever the size of the
//! store. Polarity is read once for the whole store ([`Negatives`]) rather
//! than once per evidence record: negative evidence is rare, and a seek per
//! record is what made exporting a large store slow.

use std::collections::HashSet;

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};

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

/// What supports one fact.
#[derive(Debug, Default)]
pub(super) struct FactEvidence {
    /// Positive evidence records.
    pub count: usize,
    /// Ids (or IRIs) of the articles they are in, sorted.
    pub articles: Vec<String>,
    /// The sentence of the first of them (by article, then offset).
    pub sentence: Option<String>,
}

/// The positive evidence of `(s, p, o)`, all IRIs.
pub(super) fn of_fact(
    store: &KgStore,
    negatives: &Negatives,
    s: &str,
    p: &str,
    o: &str,
) -> Result<FactEvidence> {
    let (Ok(s), Ok(p), Ok(o)) = (NamedNode::new(s), NamedNode::new(p), NamedNode::new(o)) else {
        return Ok(FactEvidence::default());
    };
    let statement = statement_iri(store.iris(), &s, &p, &o.into());
    let ox = store.oxigraph();
    // The first sentence is that of the earliest article: only its
    // evidence needs its offset read, one lookup per evidence otherwise.
    let mut first_article: Option<(String, Vec<(NamedNode, GraphName)>)> = None;
    let mut articles = Vec::new();
    let mut count = 0;
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
        count += 1;
        let article = match &graph_name {
            GraphName::NamedNode(g) => store
                .iris()
                .article_id(g.as_str())
                .unwrap_or(g.as_str())
                .to_owned(),
            other => other.to_string(),
        };
        match &mut first_article {
            Some((a, nodes)) if *a == article => nodes.push((evidence, graph_name)),
            Some((a, _)) if *a < article => {}
            _ => first_article = Some((article.clone(), vec![(evidence, graph_name)])),
        }
        articles.push(article);
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
    Ok(FactEvidence {
        count,
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
