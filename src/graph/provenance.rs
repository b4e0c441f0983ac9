//! The evidence of one fact, read through its statement: the statement's
//! IRI is the content hash of the triple (see `mapping::statement_iri`), so
//! a fact's evidence is found with index lookups, whatever the size of the
//! store.

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};

use crate::Result;
use crate::store::KgStore;
use crate::store::mapping::statement_iri;
use crate::vocab::{KG_EVIDENCE, KG_POLARITY, KG_POSITIVE, KG_SENTENCE, KG_START};

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
pub(super) fn of_fact(store: &KgStore, s: &str, p: &str, o: &str) -> Result<FactEvidence> {
    let (Ok(s), Ok(p), Ok(o)) = (NamedNode::new(s), NamedNode::new(p), NamedNode::new(o)) else {
        return Ok(FactEvidence::default());
    };
    let statement = statement_iri(store.iris(), &s, &p, &o.into());
    let ox = store.oxigraph();
    let mut first: Option<(String, u64, NamedNode, GraphName)> = None;
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
        let positive = ox
            .quads_for_pattern(
                Some(evidence.as_ref().into()),
                Some(KG_POLARITY),
                Some(KG_POSITIVE.into()),
                Some(link.graph_name.as_ref()),
            )
            .next()
            .is_some();
        if !positive {
            continue;
        }
        count += 1;
        let article = match &link.graph_name {
            GraphName::NamedNode(g) => store
                .iris()
                .article_id(g.as_str())
                .unwrap_or(g.as_str())
                .to_owned(),
            other => other.to_string(),
        };
        let start = integer(store, &evidence, &link.graph_name)?;
        let earlier = first
            .as_ref()
            .is_none_or(|(a, s, ..)| (&article, start) < (a, *s));
        if earlier {
            first = Some((article.clone(), start, evidence, link.graph_name));
        }
        articles.push(article);
    }
    articles.sort();
    articles.dedup();
    let sentence = match first {
        Some((_, _, evidence, graph)) => ox
            .quads_for_pattern(
                Some(evidence.as_ref().into()),
                Some(KG_SENTENCE),
                None,
                Some(graph.as_ref()),
            )
            .next()
            .transpose()?
            .and_then(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }),
        None => None,
    };
    Ok(FactEvidence {
        count,
        articles,
        sentence,
    })
}

fn integer(store: &KgStore, node: &NamedNode, graph: &GraphName) -> Result<u64> {
    let subject: NamedOrBlankNode = node.clone().into();
    Ok(store
        .oxigraph()
        .quads_for_pattern(
            Some(subject.as_ref()),
            Some(KG_START),
            None,
            Some(graph.as_ref()),
        )
        .next()
        .transpose()?
        .and_then(|q| match q.object {
            Term::Literal(l) => l.value().parse().ok(),
            _ => None,
        })
        .unwrap_or(u64::MAX))
}
