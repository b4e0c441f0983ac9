//! Build a store from facts, query it with SPARQL, and export it as N-Quads.
//!
//! `cargo run --release --example store`

use kg::format::RdfFileFormat;
use kg::model::*;
use kg::output::display_term;
use kg::store::{KgStore, Location, OpenMode};
use kg::vocab::Iris;
use oxigraph::sparql::QueryResults;

fn person(key: &str, label: &str) -> Entity {
    Entity {
        key: key.into(),
        label: label.into(),
        kind: EntityType::Person,
        aliases: vec![],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let store = KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )?;

    let sentence = "Ahmad Massoud, son of commander Massoud, leads the resistance.";
    let article = ArticleFacts {
        article: Article {
            id: "example".into(),
            source_path: "example.txt".into(),
            title: "An example".into(),
            sha256: "0".repeat(64),
        },
        facts: vec![Fact {
            subject: person("Ahmad_Massoud", "Ahmad Massoud"),
            predicate: Relation {
                key: "son_of".into(),
                label: "son of".into(),
            },
            object: FactObject::Entity(person("Ahmad_Shah_Massoud", "Ahmad Shah Massoud")),
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            confidence: 0.9,
            qualifiers: Qualifiers::default(),
            evidence: vec![Evidence {
                article: "example".into(),
                sentence: sentence.into(),
                start: 0,
                end: sentence.chars().count(),
                surface: Some("son of".into()),
                speaker: None,
            }],
        }],
        entities: Vec::new(),
        different: Vec::new(),
    };
    store.write_article(&article, "2026-11-21T12:00:00Z")?;

    let query = "SELECT ?child ?parent ?sentence WHERE {
        ?c <relation/son_of> ?p . ?c rdfs:label ?child . ?p rdfs:label ?parent .
        ?st rdf:subject ?c ; rdf:predicate <relation/son_of> .
        GRAPH ?article { ?st kg:evidence/kg:sentence ?sentence } }";
    if let QueryResults::Solutions(solutions) = store.query(query)? {
        for solution in solutions {
            let solution = solution?;
            let show = |name: &str| {
                solution
                    .get(name)
                    .map(|t| display_term(t, store.iris().base()))
                    .unwrap_or_default()
            };
            println!(
                "{} is the son of {} — “{}”",
                show("child"),
                show("parent"),
                show("sentence")
            );
        }
    }

    let mut nquads = Vec::new();
    let written = store.dump(&mut nquads, RdfFileFormat::NQuads, None)?;
    println!("\n{written} quads:\n{}", String::from_utf8(nquads)?);
    Ok(())
}
