//! Writing extracted facts without a store (`kg extract`): JSON Lines in the
//! documented exchange format, or RDF in the store's data model.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use serde::Serialize;

use crate::model::{ArticleFacts, Entity, Fact, FactObject, Modality, Polarity};
use crate::store::{KgStore, Location, OpenMode};
use crate::vocab::Iris;
use crate::{Error, Result};

/// One fact of the JSON Lines format, keys in the documented order:
/// `{"subject", "predicate", "object", "negated", "modality", "confidence",
/// "qualifiers", "evidence"}` (see the README's "JSON Lines" section).
#[derive(Debug, Serialize)]
pub struct FactLine<'a> {
    subject: EntityJson<'a>,
    predicate: PredicateJson<'a>,
    object: ObjectJson<'a>,
    negated: bool,
    modality: &'static str,
    confidence: f64,
    qualifiers: QualifiersJson<'a>,
    evidence: Vec<EvidenceJson<'a>>,
}

#[derive(Debug, Serialize)]
struct PredicateJson<'a> {
    id: String,
    label: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ObjectJson<'a> {
    Entity(EntityJson<'a>),
    Literal { literal: &'a str, datatype: &'a str },
}

#[derive(Debug, Serialize)]
struct EntityJson<'a> {
    id: String,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    aliases: &'a [String],
}

/// Only the known keys.
#[derive(Debug, Serialize)]
struct QualifiersJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct EvidenceJson<'a> {
    article: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
}

impl<'a> FactLine<'a> {
    pub fn new(iris: &Iris, fact: &'a Fact) -> Self {
        let object = match &fact.object {
            FactObject::Entity(e) => ObjectJson::Entity(EntityJson::new(iris, e)),
            FactObject::Literal { value, datatype } => ObjectJson::Literal {
                literal: value,
                datatype,
            },
        };
        let q = &fact.qualifiers;
        Self {
            subject: EntityJson::new(iris, &fact.subject),
            predicate: PredicateJson {
                id: iris.relation(&fact.predicate.key).as_str().to_owned(),
                label: &fact.predicate.label,
            },
            object,
            negated: fact.polarity == Polarity::Negative,
            modality: modality_name(fact.modality),
            confidence: fact.confidence,
            qualifiers: QualifiersJson {
                start: q.start.as_deref(),
                end: q.end.as_deref(),
                time: q.time.as_deref(),
            },
            evidence: fact
                .evidence
                .iter()
                .map(|e| EvidenceJson {
                    article: &e.article,
                    sentence: &e.sentence,
                    start: e.start,
                    end: e.end,
                })
                .collect(),
        }
    }

    /// The line's JSON text (no newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("fact lines are plain data")
    }
}

impl<'a> EntityJson<'a> {
    fn new(iris: &Iris, e: &'a Entity) -> Self {
        Self {
            id: iris.entity(&e.key).as_str().to_owned(),
            label: &e.label,
            kind: e.kind.name(),
            aliases: &e.aliases,
        }
    }
}

/// The lowercase modality name of the JSON Lines format.
pub fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Reported => "reported",
        Modality::Conditional => "conditional",
        Modality::Intended => "intended",
    }
}

/// Every fact of every article, one JSON object per line.
pub fn write_jsonl(out: &mut impl Write, iris: &Iris, articles: &[ArticleFacts]) -> Result<()> {
    for fact in articles.iter().flat_map(|a| &a.facts) {
        serde_json::to_writer(&mut *out, &FactLine::new(iris, fact))
            .map_err(|e| Error::Output(e.into()))?;
        out.write_all(b"\n").map_err(Error::Output)?;
    }
    Ok(())
}

/// What `kg ingest` would store for `articles`, in `format`: a dataset
/// format gets the whole store (the knowledge graph, each article's named
/// graph and the bookkeeping graph, so that `kg load` of it gives a store
/// like `kg ingest` builds), a triple format the default graph only. The
/// articles are written to a throwaway in-memory store, so this is the
/// store's own model, not a copy of it.
pub fn write_rdf(
    out: &mut impl Write,
    iris: &Iris,
    articles: &[ArticleFacts],
    format: RdfFormat,
    ingested_at: &str,
) -> Result<()> {
    let store = KgStore::open(&Location::Memory, OpenMode::CreateIfMissing, iris.clone())?;
    for article in articles {
        store.write_article(article, ingested_at)?;
    }
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in crate::vocab::PREFIXES {
        serializer = serializer
            .with_prefix(prefix, iri)
            .map_err(|e| Error::Output(std::io::Error::other(e)))?;
    }
    let mut writer = serializer.for_writer(out);
    let graph = (!format.supports_datasets()).then_some(GraphNameRef::DefaultGraph);
    for quad in store.oxigraph().quads_for_pattern(None, None, None, graph) {
        let quad = quad?;
        let result = if format.supports_datasets() {
            writer.serialize_quad(&quad)
        } else {
            writer.serialize_triple(quad.as_ref())
        };
        result.map_err(Error::Output)?;
    }
    writer.finish().map_err(Error::Output)?;
    Ok(())
}
