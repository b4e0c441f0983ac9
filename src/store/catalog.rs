//! Read-side summaries of a store — statistics and the list of articles —
//! and finding or forgetting one article. Counts are SPARQL `COUNT`s over
//! the data model of [`super::mapping`], which Oxigraph answers on encoded
//! terms without decoding them; lookups of one article use the indexes.

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution};
use serde::Serialize;

use super::KgStore;
use super::index::objects;
use crate::model::EntityType;
use crate::store::mapping::entity_class;
use crate::vocab::*;
use crate::{Error, Result};

/// What `kg stats` reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub articles: usize,
    /// Entities per type, in [`EntityType::ALL`] order.
    pub entities: Vec<(EntityType, usize)>,
    pub relations: usize,
    /// Asserted (subject, relation, object) triples.
    pub asserted_facts: usize,
    /// Statements with at least one negative evidence.
    pub negated_facts: usize,
    /// Evidence records: one per mention of a fact in a sentence.
    pub evidence: usize,
    /// Triples in the default graph (the knowledge graph and loaded triples).
    pub triples: usize,
}

/// One ingested article, as `kg articles` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRecord {
    pub id: String,
    pub iri: String,
    pub title: String,
    pub source_path: String,
    pub sha256: String,
    pub ingested_at: String,
    /// Evidence records in the article graph: one per fact mention.
    pub evidence: usize,
}

impl KgStore {
    pub fn stats(&self) -> Result<Stats> {
        let mut entities = Vec::new();
        for kind in EntityType::ALL {
            let class = entity_class(kind);
            let n = self.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ ?e a <{}> }}",
                class.as_str()
            ))?;
            entities.push((kind, n));
        }
        Ok(Stats {
            articles: self
                .count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?a a schema:NewsArticle } }")?,
            entities,
            relations: self.count("SELECT (COUNT(*) AS ?n) WHERE { ?r a kg:Relation }")?,
            asserted_facts: self
                .count("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Relation . ?s ?p ?o }")?,
            negated_facts: self.count(
                "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { \
                   GRAPH ?a { ?ev kg:polarity kg:Negative . ?st kg:evidence ?ev } }",
            )?,
            evidence: self
                .count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?st kg:evidence ?ev } }")?,
            triples: self.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?,
        })
    }

    /// Ingested articles, ordered by source path.
    pub fn articles(&self) -> Result<Vec<ArticleRecord>> {
        let evidence: std::collections::HashMap<String, usize> = self
            .select(
                "SELECT ?a (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?st kg:evidence ?ev } } GROUP BY ?a",
            )?
            .iter()
            .map(|row| (text(row, "a"), text(row, "n").parse().unwrap_or(0)))
            .collect();
        let rows = self.select(
            "SELECT ?a ?title ?path ?sha ?at WHERE { \
               GRAPH ?a { ?a a schema:NewsArticle ; schema:headline ?title ; \
                 kg:sourcePath ?path ; kg:sha256 ?sha ; kg:ingestedAt ?at } \
             } ORDER BY ?path ?a",
        )?;
        Ok(rows
            .iter()
            .map(|row| {
                let iri = text(row, "a");
                ArticleRecord {
                    id: self
                        .iris()
                        .article_id(&iri)
                        .map_or_else(|| iri.clone(), str::to_owned),
                    title: text(row, "title"),
                    source_path: text(row, "path"),
                    sha256: text(row, "sha"),
                    ingested_at: text(row, "at"),
                    evidence: evidence.get(&iri).copied().unwrap_or(0),
                    iri,
                }
            })
            .collect())
    }

    /// One article — given by id, IRI or source path — if the store has it.
    pub fn article(&self, selector: &str) -> Result<Option<ArticleRecord>> {
        let by_name = [
            self.iris().article(selector),
            NamedNode::new_unchecked(selector),
        ];
        for iri in by_name {
            if self.is_article(&iri)? {
                return self.record(&iri).map(Some);
            }
        }
        match self.article_with(KG_SOURCE_PATH, selector)? {
            Some(iri) => self.record(&iri).map(Some),
            None => Ok(None),
        }
    }

    /// The article whose text has this SHA-256, if any.
    pub fn article_with_sha(&self, sha256: &str) -> Result<Option<String>> {
        Ok(self
            .article_with(KG_SHA256, sha256)?
            .map(|iri| self.id_of(&iri)))
    }

    /// The article read from this source path, if any.
    pub fn article_with_path(&self, path: &str) -> Result<Option<String>> {
        Ok(self
            .article_with(KG_SOURCE_PATH, path)?
            .map(|iri| self.id_of(&iri)))
    }

    /// Whether an article with this id is stored.
    pub fn has_article(&self, id: &str) -> Result<bool> {
        self.is_article(&self.iris().article(id))
    }

    /// Removes one article — given by id, IRI or source path — with its
    /// graph, and whatever no other article supports, in one transaction.
    pub fn forget(&self, selector: &str) -> Result<ArticleRecord> {
        let article = self
            .article(selector)?
            .ok_or_else(|| Error::UnknownArticle(selector.to_owned()))?;
        self.forget_graph(&NamedNode::new_unchecked(&article.iri))?;
        Ok(article)
    }

    fn id_of(&self, iri: &NamedNode) -> String {
        self.iris()
            .article_id(iri.as_str())
            .map_or_else(|| iri.as_str().to_owned(), str::to_owned)
    }

    fn is_article(&self, iri: &NamedNode) -> Result<bool> {
        let graph = GraphNameRef::NamedNode(iri.as_ref());
        Ok(!objects(self.oxigraph(), iri.as_ref(), RDF_TYPE, graph)?.is_empty())
    }

    /// The article graph stating `(article, property, value)` about itself.
    fn article_with(
        &self,
        property: oxigraph::model::NamedNodeRef<'_>,
        value: &str,
    ) -> Result<Option<NamedNode>> {
        let value = Literal::from(value);
        for quad in self.oxigraph().quads_for_pattern(
            None,
            Some(property),
            Some(value.as_ref().into()),
            None,
        ) {
            let quad = quad?;
            if let NamedOrBlankNode::NamedNode(subject) = &quad.subject
                && quad.graph_name.as_ref() == GraphNameRef::NamedNode(subject.as_ref())
            {
                return Ok(Some(subject.clone()));
            }
        }
        Ok(None)
    }

    fn record(&self, iri: &NamedNode) -> Result<ArticleRecord> {
        let graph = GraphNameRef::NamedNode(iri.as_ref());
        let value = |property| -> Result<String> {
            Ok(objects(self.oxigraph(), iri.as_ref(), property, graph)?
                .into_iter()
                .find_map(|t| match t {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })
                .unwrap_or_default())
        };
        let evidence = self
            .oxigraph()
            .quads_for_pattern(None, Some(KG_EVIDENCE), None, Some(graph))
            .count();
        Ok(ArticleRecord {
            id: self.id_of(iri),
            iri: iri.as_str().to_owned(),
            title: value(SCHEMA_HEADLINE)?,
            source_path: value(KG_SOURCE_PATH)?,
            sha256: value(KG_SHA256)?,
            ingested_at: value(KG_INGESTED_AT)?,
            evidence,
        })
    }

    fn count(&self, sparql: &str) -> Result<usize> {
        let rows = self.select(sparql)?;
        Ok(rows
            .first()
            .map(|row| text(row, "n"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    fn select(&self, sparql: &str) -> Result<Vec<QuerySolution>> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<_, _>>()?),
            _ => unreachable!("catalog queries are SELECT queries"),
        }
    }
}

/// The lexical value of a bound variable, or "" when unbound.
fn text(row: &QuerySolution, variable: &str) -> String {
    match row.get(variable) {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
