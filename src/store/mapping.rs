//! The data model in code: how an [`ArticleFacts`] becomes the quads of its
//! article graph. README "Data model" documents the same shapes with queries.
//!
//! Everything an article contributes — its metadata, the descriptions of the
//! entities and relations it mentions, its asserted triples, the statement
//! nodes and its evidence — goes into that article's named graph. Forgetting an
//! article is then dropping its graph: what other articles also support stays,
//! because they hold their own copies.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use crate::model::{ArticleFacts, Entity, EntityType, Evidence, Fact, FactObject, Polarity};
use crate::vocab::*;

/// The RDF class of an entity type.
pub fn entity_class(kind: EntityType) -> NamedNodeRef<'static> {
    match kind {
        EntityType::Person => SCHEMA_PERSON,
        EntityType::Organization => SCHEMA_ORGANIZATION,
        EntityType::Place => SCHEMA_PLACE,
        EntityType::Event => SCHEMA_EVENT,
        EntityType::CreativeWork => SCHEMA_CREATIVE_WORK,
        EntityType::Concept => KG_CONCEPT,
    }
}

/// The quads of one article graph. `ingested_at` is an `xsd:dateTime` lexical form.
pub fn article_quads(iris: &Iris, facts: &ArticleFacts, ingested_at: &str) -> Vec<Quad> {
    let graph = iris.article(&facts.article.id);
    let mut out = GraphWriter {
        graph: GraphName::NamedNode(graph.clone()),
        quads: Vec::new(),
    };
    let article = &facts.article;
    out.add(&graph, RDF_TYPE, SCHEMA_NEWS_ARTICLE);
    out.add(
        &graph,
        SCHEMA_HEADLINE,
        Literal::from(article.title.as_str()),
    );
    out.add(
        &graph,
        KG_SOURCE_PATH,
        Literal::from(article.source_path.as_str()),
    );
    out.add(&graph, KG_SHA256, Literal::from(article.sha256.as_str()));
    out.add(
        &graph,
        KG_INGESTED_AT,
        Literal::new_typed_literal(ingested_at, XSD_DATE_TIME),
    );
    for fact in &facts.facts {
        out.fact(iris, &graph, fact);
    }
    out.quads.sort_unstable_by_key(|q| q.to_string());
    out.quads.dedup();
    out.quads
}

struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphWriter {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p.into_owned(), o, self.graph.clone()));
    }

    fn entity(&mut self, iris: &Iris, entity: &Entity) -> NamedNode {
        let node = iris.entity(&entity.key);
        self.add(&node, RDF_TYPE, entity_class(entity.kind));
        self.add(&node, RDFS_LABEL, Literal::from(entity.label.as_str()));
        for alias in entity.aliases.iter().filter(|a| **a != entity.label) {
            self.add(&node, SKOS_ALT_LABEL, Literal::from(alias.as_str()));
        }
        node
    }

    fn fact(&mut self, iris: &Iris, article: &NamedNode, fact: &Fact) {
        let subject = self.entity(iris, &fact.subject);
        let predicate = iris.relation(&fact.predicate.key);
        self.add(&predicate, RDF_TYPE, KG_RELATION);
        self.add(&predicate, RDF_TYPE, RDF_PROPERTY);
        self.add(
            &predicate,
            RDFS_LABEL,
            Literal::from(fact.predicate.label.as_str()),
        );
        let object: Term = match &fact.object {
            FactObject::Entity(entity) => self.entity(iris, entity).into(),
            FactObject::Literal { value, datatype } => match NamedNode::new(datatype) {
                Ok(dt) => Literal::new_typed_literal(value, dt).into(),
                Err(_) => Literal::from(value.as_str()).into(),
            },
        };
        if fact.polarity == Polarity::Positive {
            self.add(&subject, predicate.as_ref(), object.clone());
        }
        let statement = iris.fact(subject.as_str(), predicate.as_str(), &object.to_string());
        self.add(&statement, RDF_TYPE, RDF_STATEMENT);
        self.add(&statement, RDF_SUBJECT, subject);
        self.add(&statement, RDF_PREDICATE, predicate);
        self.add(&statement, RDF_OBJECT, object);
        for evidence in &fact.evidence {
            let node = self.evidence(iris, article, &statement, fact, evidence);
            self.add(&statement, KG_EVIDENCE, node);
        }
    }

    fn evidence(
        &mut self,
        iris: &Iris,
        article: &NamedNode,
        statement: &NamedNode,
        fact: &Fact,
        evidence: &Evidence,
    ) -> NamedNode {
        let polarity = match fact.polarity {
            Polarity::Positive => KG_POSITIVE,
            Polarity::Negative => KG_NEGATIVE,
        };
        let (start, end) = (evidence.start.to_string(), evidence.end.to_string());
        let node = iris.evidence(&[
            article.as_str(),
            statement.as_str(),
            &start,
            &end,
            polarity.as_str(),
        ]);
        self.add(&node, RDF_TYPE, KG_EVIDENCE_CLASS);
        self.add(&node, KG_ARTICLE, article.clone());
        self.add(
            &node,
            KG_SENTENCE,
            Literal::from(evidence.sentence.as_str()),
        );
        self.add(&node, KG_START, integer(evidence.start));
        self.add(&node, KG_END, integer(evidence.end));
        self.add(&node, KG_CONFIDENCE, Literal::from(fact.confidence));
        self.add(&node, KG_POLARITY, polarity);
        let modality = NamedNode::new_unchecked(format!("{KG}{}", fact.modality.name()));
        self.add(&node, KG_MODALITY, modality);
        if let Some(surface) = &evidence.surface {
            self.add(&node, KG_SURFACE, Literal::from(surface.as_str()));
        }
        if let Some(speaker) = &evidence.speaker {
            let speaker = self.entity(iris, speaker);
            self.add(&node, KG_SPEAKER, speaker);
        }
        let q = &fact.qualifiers;
        for (property, value) in [
            (KG_START_TIME, &q.start),
            (KG_END_TIME, &q.end),
            (KG_TIME, &q.time),
        ] {
            if let Some(value) = value {
                self.add(&node, property, temporal_literal(value));
            }
        }
        node
    }
}

fn integer(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), XSD_INTEGER)
}

/// Types an ISO 8601 value by its shape (`2004` → `xsd:gYear`, `2001-09-10` →
/// `xsd:date`, ...), so SPARQL can compare and filter them; anything else
/// stays a plain string.
pub fn temporal_literal(value: &str) -> Literal {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    let local = if value.contains('T') {
        "dateTime"
    } else {
        match parts.as_slice() {
            [y] if y.len() == 4 && digits(y) => "gYear",
            [y, m] if y.len() == 4 && digits(y) && m.len() == 2 && digits(m) => "gYearMonth",
            [y, m, d] if y.len() == 4 && [m, d].iter().all(|p| p.len() == 2 && digits(p)) => "date",
            _ => return Literal::from(value),
        }
    };
    Literal::new_typed_literal(value, NamedNode::new_unchecked(format!("{XSD}{local}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn entity(key: &str, kind: EntityType, aliases: &[&str]) -> Entity {
        Entity {
            key: key.into(),
            label: key.replace('_', " "),
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn fact(polarity: Polarity) -> Fact {
        Fact {
            subject: entity("Ahmad_Massoud", EntityType::Person, &["Massoud"]),
            predicate: Relation {
                key: "surrender".into(),
                label: "surrender".into(),
            },
            object: FactObject::Entity(entity("Taliban", EntityType::Organization, &[])),
            polarity,
            modality: Modality::Asserted,
            confidence: 0.9,
            qualifiers: Qualifiers {
                time: Some("2021-08-19".into()),
                ..Qualifiers::default()
            },
            evidence: vec![Evidence {
                article: "a1".into(),
                sentence: "He vowed not to surrender.".into(),
                start: 10,
                end: 36,
                surface: Some("vowed not to surrender".into()),
                speaker: None,
            }],
        }
    }

    fn article(facts: Vec<Fact>) -> ArticleFacts {
        ArticleFacts {
            article: Article {
                id: "a1".into(),
                source_path: "/tmp/a1.txt".into(),
                title: "Title".into(),
                sha256: "00".into(),
            },
            facts,
        }
    }

    fn has(quads: &[Quad], s: &str, p: NamedNodeRef<'_>, o: &str) -> bool {
        quads
            .iter()
            .any(|q| q.subject.to_string() == s && q.predicate == p && q.object.to_string() == o)
    }

    #[test]
    fn positive_fact_is_asserted_and_reified_in_the_article_graph() {
        let iris = Iris::default();
        let quads = article_quads(
            &iris,
            &article(vec![fact(Polarity::Positive)]),
            "2026-01-01T00:00:00Z",
        );
        let graph = iris.article("a1");
        assert!(
            quads
                .iter()
                .all(|q| q.graph_name == GraphName::NamedNode(graph.clone()))
        );
        let s = "<https://kg.example/entity/Ahmad_Massoud>";
        let o = "<https://kg.example/entity/Taliban>";
        let p = iris.relation("surrender");
        assert!(has(&quads, s, p.as_ref(), o));
        assert!(has(&quads, s, RDF_TYPE, "<http://schema.org/Person>"));
        assert!(has(&quads, s, SKOS_ALT_LABEL, "\"Massoud\""));
        assert!(
            quads
                .iter()
                .any(|q| q.predicate == KG_POLARITY && q.object == KG_POSITIVE.into_owned().into())
        );
        assert!(quads.iter().any(|q| q.predicate == KG_TIME
            && q.object.to_string() == "\"2021-08-19\"^^<http://www.w3.org/2001/XMLSchema#date>"));
    }

    #[test]
    fn negated_fact_is_never_asserted() {
        let iris = Iris::default();
        let quads = article_quads(
            &iris,
            &article(vec![fact(Polarity::Negative)]),
            "2026-01-01T00:00:00Z",
        );
        let p = iris.relation("surrender");
        assert!(!quads.iter().any(|q| q.predicate == p));
        assert!(
            quads
                .iter()
                .any(|q| q.predicate == RDF_PREDICATE && q.object == p.clone().into())
        );
        assert!(
            quads
                .iter()
                .any(|q| q.predicate == KG_POLARITY && q.object == KG_NEGATIVE.into_owned().into())
        );
    }

    #[test]
    fn temporal_literals_are_typed_by_shape() {
        assert_eq!(
            temporal_literal("2004").datatype().as_str(),
            format!("{XSD}gYear")
        );
        assert_eq!(
            temporal_literal("2021-08").datatype().as_str(),
            format!("{XSD}gYearMonth")
        );
        assert_eq!(
            temporal_literal("2001-09-10").datatype().as_str(),
            format!("{XSD}date")
        );
        assert_eq!(
            temporal_literal("2001-09-10T08:00:00Z").datatype().as_str(),
            format!("{XSD}dateTime")
        );
        assert_eq!(
            temporal_literal("last week").datatype().as_str(),
            format!("{XSD}string")
        );
    }
}
