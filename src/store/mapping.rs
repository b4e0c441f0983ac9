//! The data model in code: what an [`ArticleFacts`] contributes to the
//! store. README "Data model" documents the same shapes with queries.
//!
//! An article contributes two things:
//! * its **article graph** ([`article_graph`]): the article's metadata, how
//!   it names and types every entity it mentions (its view), the facts it
//!   asserts, and the evidence of every statement it makes — provenance,
//!   and what forgetting it must undo;
//! * **knowledge** ([`fact_knowledge`]): the triples its facts add to the
//!   default graph — relation descriptions, asserted triples, statements.
//!
//! Entity descriptions in the default graph are not a union of views but
//! one canonical label and type per entity; `super::ledger` keeps them.

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term, Triple};

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

/// The entity type of one of our entity classes.
pub fn entity_type_of(class: &str) -> Option<EntityType> {
    EntityType::ALL
        .into_iter()
        .find(|&k| entity_class(k).as_str() == class)
}

/// The article's own view of every entity it mentions: its `entities`, and
/// for an entity its facts use without a view (an [`ArticleFacts`] built by
/// hand), the fact's description of it.
pub fn views(facts: &ArticleFacts) -> Vec<&Entity> {
    let mut out: Vec<&Entity> = facts.entities.iter().collect();
    let mut seen: std::collections::HashSet<&str> =
        facts.entities.iter().map(|e| e.key.as_str()).collect();
    for fact in &facts.facts {
        let object = match &fact.object {
            FactObject::Entity(e) => Some(e),
            FactObject::Literal { .. } => None,
        };
        let speakers = fact.evidence.iter().filter_map(|e| e.speaker.as_ref());
        for entity in std::iter::once(&fact.subject).chain(object).chain(speakers) {
            if seen.insert(entity.key.as_str()) {
                out.push(entity);
            }
        }
    }
    out
}

/// The quads of one article graph. `ingested_at` is an `xsd:dateTime`
/// lexical form.
pub fn article_graph(iris: &Iris, facts: &ArticleFacts, ingested_at: &str) -> Vec<Quad> {
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
    for entity in views(facts) {
        out.view(iris, entity);
    }
    for fact in &facts.facts {
        out.fact(iris, &graph, fact);
    }
    for (a, b) in &facts.different {
        out.add(&iris.entity(a), OWL_DIFFERENT_FROM, iris.entity(b));
    }
    // Two facts may share evidence quads (a speaker's view, a time). Dedup
    // keeps the first of each; the order carries no meaning.
    let mut seen = std::collections::HashSet::with_capacity(out.quads.len());
    out.quads.retain(|q| seen.insert(q.clone()));
    out.quads
}

/// The object term of a fact.
pub fn object_term(iris: &Iris, object: &FactObject) -> Term {
    match object {
        FactObject::Entity(entity) => iris.entity(&entity.key).into(),
        FactObject::Literal { value, datatype } => match NamedNode::new(datatype) {
            Ok(dt) => Literal::new_typed_literal(value, dt).into(),
            Err(_) => Literal::from(value.as_str()).into(),
        },
    }
}

/// The statement node of (subject, predicate, object).
pub fn statement_iri(
    iris: &Iris,
    subject: &NamedNode,
    predicate: &NamedNode,
    object: &Term,
) -> NamedNode {
    iris.fact(subject.as_str(), predicate.as_str(), &object.to_string())
}

/// What a fact adds to the default graph: its relation's description, the
/// asserted triple (positive facts only: negated facts are never triples)
/// and its statement.
pub fn fact_knowledge(iris: &Iris, fact: &Fact) -> Vec<Triple> {
    let subject = iris.entity(&fact.subject.key);
    let predicate = iris.relation(&fact.predicate.key);
    let object = object_term(iris, &fact.object);
    let mut out = relation_description(&predicate, &fact.predicate.label);
    if fact.polarity == Polarity::Positive {
        out.push(Triple::new(
            subject.clone(),
            predicate.clone(),
            object.clone(),
        ));
    }
    let statement = statement_iri(iris, &subject, &predicate, &object);
    out.extend(statement_description(
        &statement, subject, predicate, object,
    ));
    out
}

/// A relation's description: `kg:Relation`, `rdf:Property`, its label.
pub fn relation_description(relation: &NamedNode, label: &str) -> Vec<Triple> {
    vec![
        Triple::new(relation.clone(), RDF_TYPE, KG_RELATION),
        Triple::new(relation.clone(), RDF_TYPE, RDF_PROPERTY),
        Triple::new(relation.clone(), RDFS_LABEL, Literal::from(label)),
    ]
}

/// A statement's description: `rdf:Statement` and its three parts.
pub fn statement_description(
    statement: &NamedNode,
    subject: NamedNode,
    predicate: NamedNode,
    object: Term,
) -> [Triple; 4] {
    [
        Triple::new(statement.clone(), RDF_TYPE, RDF_STATEMENT),
        Triple::new(statement.clone(), RDF_SUBJECT, subject),
        Triple::new(statement.clone(), RDF_PREDICATE, predicate),
        Triple::new(statement.clone(), RDF_OBJECT, object),
    ]
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

    /// How the article names and types an entity.
    fn view(&mut self, iris: &Iris, entity: &Entity) {
        let node = iris.entity(&entity.key);
        self.add(&node, RDF_TYPE, entity_class(entity.kind));
        self.add(&node, RDFS_LABEL, Literal::from(entity.label.as_str()));
        for alias in entity.aliases.iter().filter(|a| **a != entity.label) {
            self.add(&node, SKOS_ALT_LABEL, Literal::from(alias.as_str()));
        }
    }

    fn fact(&mut self, iris: &Iris, article: &NamedNode, fact: &Fact) {
        let subject = iris.entity(&fact.subject.key);
        let predicate = iris.relation(&fact.predicate.key);
        let object = object_term(iris, &fact.object);
        if fact.polarity == Polarity::Positive {
            self.add(&subject, predicate.as_ref(), object.clone());
        }
        let statement = statement_iri(iris, &subject, &predicate, &object);
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
            self.add(&node, KG_SPEAKER, iris.entity(&speaker.key));
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
            entities: Vec::new(),
            different: Vec::new(),
        }
    }

    fn has(quads: &[Quad], s: &str, p: NamedNodeRef<'_>, o: &str) -> bool {
        quads
            .iter()
            .any(|q| q.subject.to_string() == s && q.predicate == p && q.object.to_string() == o)
    }

    #[test]
    fn positive_fact_is_asserted_with_its_evidence_in_the_article_graph() {
        let iris = Iris::default();
        let quads = article_graph(
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
        let negated = fact(Polarity::Negative);
        let quads = article_graph(
            &iris,
            &article(vec![negated.clone()]),
            "2026-01-01T00:00:00Z",
        );
        let p = iris.relation("surrender");
        assert!(!quads.iter().any(|q| q.predicate == p));
        let knowledge = fact_knowledge(&iris, &negated);
        assert!(!knowledge.iter().any(|t| t.predicate == p));
        assert!(
            knowledge
                .iter()
                .any(|t| t.predicate == RDF_PREDICATE && t.object == p.clone().into())
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
