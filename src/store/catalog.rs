//! Read-side summaries of a store — statistics and the list of articles —
//! and forgetting an article. All are SPARQL over the data model of
//! [`super::mapping`], so they work on any store written by `kg`.

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use serde::Serialize;

use super::KgStore;
use crate::model::EntityType;
use crate::store::mapping::entity_class;
use crate::{Error, Result};

/// What `kg stats` reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub quads: usize,
    pub named_graphs: usize,
    pub articles: usize,
    /// Distinct entities per type, in [`EntityType::ALL`] order.
    pub entities: Vec<(EntityType, usize)>,
    pub relations: usize,
    /// Distinct asserted (subject, relation, object) triples.
    pub asserted_facts: usize,
    /// Distinct statements with at least one negative evidence.
    pub negated_facts: usize,
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
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{}> }}",
                class.as_str()
            ))?;
            entities.push((kind, n));
        }
        Ok(Stats {
            quads: self.len()?,
            named_graphs: self.oxigraph().named_graphs().count(),
            articles: self.count(
                "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a schema:NewsArticle } }",
            )?,
            entities,
            relations: self
                .count("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Relation }")?,
            asserted_facts: self.count(
                "SELECT (COUNT(*) AS ?n) WHERE { \
                   SELECT DISTINCT ?s ?p ?o WHERE { ?p a kg:Relation . ?s ?p ?o } }",
            )?,
            negated_facts: self.count(
                "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { \
                   ?st kg:evidence ?ev . ?ev kg:polarity kg:Negative }",
            )?,
        })
    }

    /// Ingested articles, ordered by source path.
    pub fn articles(&self) -> Result<Vec<ArticleRecord>> {
        let rows = self.select(
            "SELECT ?a ?title ?path ?sha ?at (COUNT(?ev) AS ?n) WHERE { \
               GRAPH ?a { ?a a schema:NewsArticle ; schema:headline ?title ; \
                 kg:sourcePath ?path ; kg:sha256 ?sha ; kg:ingestedAt ?at . \
                 OPTIONAL { ?ev a kg:Evidence } } \
             } GROUP BY ?a ?title ?path ?sha ?at ORDER BY ?path ?a",
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
                    evidence: text(row, "n").parse().unwrap_or(0),
                    iri,
                }
            })
            .collect())
    }

    /// Removes one article — given by id, IRI or source path — with its
    /// graph. Facts, names and types that other articles also state remain,
    /// since those articles hold their own copies.
    pub fn forget(&self, selector: &str) -> Result<ArticleRecord> {
        let article = self
            .articles()?
            .into_iter()
            .find(|a| a.id == selector || a.iri == selector || a.source_path == selector)
            .ok_or_else(|| Error::UnknownArticle(selector.to_owned()))?;
        self.remove_graph(&oxigraph::model::NamedNode::new_unchecked(&article.iri))?;
        Ok(article)
    }

    fn count(&self, sparql: &str) -> Result<usize> {
        let rows = self.select(sparql)?;
        Ok(rows
            .first()
            .map(|row| text(row, "n"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// Every entity in the store with its label, type and other names, so
    /// that new articles resolve to the same nodes. Keys are the local names
    /// of entity IRIs under this store's base.
    pub fn entities(&self) -> Result<Vec<crate::model::Entity>> {
        let prefix = format!("{}entity/", self.iris().base());
        let rows = self.select(
            "SELECT ?e (SAMPLE(?c) AS ?class) (SAMPLE(?l) AS ?label) \
               (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR=\"\\u001f\") AS ?alts) WHERE { \
               ?e a ?c ; rdfs:label ?l . OPTIONAL { ?e skos:altLabel ?alt } \
             } GROUP BY ?e ORDER BY ?e",
        )?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let iri = text(row, "e");
                let key = iri.strip_prefix(&prefix)?.to_owned();
                let class = text(row, "class");
                let kind = EntityType::ALL
                    .into_iter()
                    .find(|&k| entity_class(k).as_str() == class)?;
                let alts = text(row, "alts");
                Some(crate::model::Entity {
                    key,
                    label: text(row, "label"),
                    kind,
                    aliases: alts
                        .split('\u{1f}')
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned)
                        .collect(),
                })
            })
            .collect())
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
