//! The data model through the library: facts written per article, seen through
//! SPARQL, counted by stats, and removed by forget.

use kg::model::*;
use kg::store::{KgStore, Location, OpenMode};
use kg::vocab::Iris;
use oxigraph::sparql::QueryResults;

fn entity(key: &str, kind: EntityType, aliases: &[&str]) -> Entity {
    Entity {
        key: key.into(),
        label: key.replace('_', " "),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

fn fact(article: &str, s: Entity, relation: &str, o: Entity, polarity: Polarity) -> Fact {
    Fact {
        subject: s,
        predicate: Relation {
            key: relation.into(),
            label: relation.into(),
        },
        object: FactObject::Entity(o),
        polarity,
        modality: Modality::Asserted,
        confidence: 0.8,
        qualifiers: Qualifiers::default(),
        evidence: vec![Evidence {
            article: article.into(),
            sentence: format!("A sentence of {article}."),
            start: 0,
            end: 20,
            surface: None,
            speaker: None,
        }],
    }
}

fn article(id: &str, facts: Vec<Fact>) -> ArticleFacts {
    ArticleFacts {
        article: Article {
            id: id.into(),
            source_path: format!("/news/{id}.txt"),
            title: format!("Title {id}"),
            sha256: format!("{id:0>64}"),
        },
        facts,
        entities: Vec::new(),
        different: Vec::new(),
    }
}

fn taliban() -> Entity {
    entity("Taliban", EntityType::Organization, &[])
}

fn panjshir(aliases: &[&str]) -> Entity {
    entity("Panjshir", EntityType::Place, aliases)
}

fn massoud() -> Entity {
    entity("Ahmad_Massoud", EntityType::Person, &[])
}

/// Two articles: both say the Taliban surround Panjshir; only `a` spells it
/// Panchir and says Massoud leads the resistance; `b` says he did not surrender.
fn two_article_store() -> KgStore {
    let store = empty_store();
    store
        .write_article(&article_a(), "2026-11-21T10:00:00Z")
        .unwrap();
    store
        .write_article(&article_b(), "2026-11-21T10:00:01Z")
        .unwrap();
    store
}

fn empty_store() -> KgStore {
    KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap()
}

fn article_a() -> ArticleFacts {
    article(
        "a",
        vec![
            fact(
                "a",
                taliban(),
                "surround",
                panjshir(&["Panchir"]),
                Polarity::Positive,
            ),
            fact(
                "a",
                massoud(),
                "lead",
                entity("resistance", EntityType::Concept, &[]),
                Polarity::Positive,
            ),
        ],
    )
}

fn article_b() -> ArticleFacts {
    article(
        "b",
        vec![
            fact(
                "b",
                taliban(),
                "surround",
                panjshir(&["Panshir"]),
                Polarity::Positive,
            ),
            fact(
                "b",
                massoud(),
                "surrender_to",
                taliban(),
                Polarity::Negative,
            ),
        ],
    )
}

/// The quads of one graph (the default graph, or an article's), sorted,
/// as N-Quads lines.
fn graph_lines(store: &KgStore, graph: Option<&str>) -> Vec<String> {
    use oxigraph::model::{GraphNameRef, NamedNodeRef};
    let name = match graph {
        None => GraphNameRef::DefaultGraph,
        Some(iri) => NamedNodeRef::new(iri).unwrap().into(),
    };
    let mut lines: Vec<String> = store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(name))
        .map(|q| q.unwrap().to_string())
        .collect();
    lines.sort();
    lines
}

fn strings(store: &KgStore, sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(solutions) = store.query(sparql).unwrap() else {
        panic!("not a SELECT")
    };
    let mut out: Vec<String> = solutions
        .map(|s| {
            let s = s.unwrap();
            s.values()
                .iter()
                .map(|v| {
                    v.as_ref().map_or("-".into(), |t| match t {
                        oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                        other => other.to_string(),
                    })
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn stats_count_entities_relations_and_both_polarities() {
    let stats = two_article_store().stats().unwrap();
    assert_eq!(stats.articles, 2);
    let count = |kind| stats.entities.iter().find(|(k, _)| *k == kind).unwrap().1;
    assert_eq!(count(EntityType::Person), 1);
    assert_eq!(count(EntityType::Organization), 1);
    assert_eq!(count(EntityType::Place), 1);
    assert_eq!(count(EntityType::Concept), 1);
    assert_eq!(stats.relations, 3);
    assert_eq!(
        stats.asserted_facts, 2,
        "the shared fact counts once, the negated one not at all"
    );
    assert_eq!(stats.negated_facts, 1);
}

#[test]
fn aliases_from_every_article_are_alternative_labels() {
    let store = two_article_store();
    let labels = strings(
        &store,
        "SELECT DISTINCT ?l WHERE { ?p a schema:Place ; skos:altLabel ?l }",
    );
    assert_eq!(labels, ["Panchir", "Panshir"]);
}

#[test]
fn negated_fact_is_evidence_only() {
    let store = two_article_store();
    let asserted = strings(&store, "SELECT ?o WHERE { ?s <relation/surrender_to> ?o }");
    assert!(asserted.is_empty(), "{asserted:?}");
    let negated = strings(
        &store,
        "SELECT ?label ?sentence WHERE { \
           ?st rdf:predicate ?p . ?p rdfs:label ?label . \
           GRAPH ?a { ?st kg:evidence ?ev . ?ev kg:polarity kg:Negative ; kg:sentence ?sentence } }",
    );
    assert_eq!(negated, ["surrender_to A sentence of b."]);
}

#[test]
fn every_fact_reaches_its_evidence() {
    let store = two_article_store();
    let evidence = strings(
        &store,
        "SELECT DISTINCT ?article ?start ?end ?confidence WHERE { \
           ?s <relation/surround> ?o . \
           ?st rdf:subject ?s ; rdf:predicate <relation/surround> ; rdf:object ?o . \
           GRAPH ?g { ?st kg:evidence ?ev . \
             ?ev kg:article ?article ; kg:start ?start ; kg:end ?end ; kg:confidence ?confidence } }",
    );
    assert_eq!(
        evidence,
        [
            "<https://kg.example/article/a> 0 20 0.8",
            "<https://kg.example/article/b> 0 20 0.8"
        ]
    );
}

#[test]
fn forget_removes_only_what_no_other_article_supports() {
    let store = two_article_store();
    let forgotten = store.forget("/news/a.txt").unwrap();
    assert_eq!(forgotten.id, "a");

    let surround = strings(
        &store,
        "SELECT DISTINCT ?s WHERE { ?s <relation/surround> ?o }",
    );
    assert_eq!(
        surround,
        ["<https://kg.example/entity/Taliban>"],
        "b also states it"
    );
    let lead = strings(&store, "SELECT ?s WHERE { ?s <relation/lead> ?o }");
    assert!(lead.is_empty(), "only a stated it");
    let labels = strings(
        &store,
        "SELECT DISTINCT ?l WHERE { ?p a schema:Place ; skos:altLabel ?l }",
    );
    assert_eq!(labels, ["Panshir"], "Panchir was only in a");
    let concepts = strings(&store, "SELECT ?c WHERE { ?c a kg:Concept }");
    assert!(concepts.is_empty());
    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.asserted_facts, stats.negated_facts),
        (1, 1, 1)
    );
}

#[test]
fn rewriting_an_article_replaces_its_graph() {
    let store = two_article_store();
    store
        .write_article(&article("a", vec![]), "2026-11-21T11:00:00Z")
        .unwrap();
    let lead = strings(&store, "SELECT ?s WHERE { ?s <relation/lead> ?o }");
    assert!(lead.is_empty());
    let articles = store.articles().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].ingested_at, "2026-11-21T11:00:00Z");
    assert_eq!(articles[0].evidence, 0);
    assert_eq!(articles[1].evidence, 2);
}

#[test]
fn each_description_is_in_the_default_graph_once() {
    let store = two_article_store();
    // Both articles name and type the Taliban and state the shared fact.
    let taliban = "<https://kg.example/entity/Taliban>";
    let described = strings(&store, &format!("SELECT ?p ?o WHERE {{ {taliban} ?p ?o }}"));
    // Its type, its label and the fact: nothing repeated per article.
    assert_eq!(described.len(), 3, "{described:?}");
    let statements = strings(
        &store,
        "SELECT ?st WHERE { ?st rdf:predicate <relation/surround> }",
    );
    assert_eq!(
        statements.len(),
        1,
        "one statement per fact: {statements:?}"
    );
    let evidence = strings(
        &store,
        "SELECT ?a WHERE { ?st rdf:predicate <relation/surround> . \
           GRAPH ?a { ?st kg:evidence ?ev } }",
    );
    assert_eq!(evidence.len(), 2, "one evidence per article: {evidence:?}");
}

#[test]
fn forgetting_an_article_leaves_the_store_that_never_had_it() {
    for (keep, drop, keep_id) in [
        (article_a(), article_b(), "a"),
        (article_b(), article_a(), "b"),
    ] {
        let both = empty_store();
        both.write_article(&keep, "2026-11-21T10:00:00Z").unwrap();
        both.write_article(&drop, "2026-11-21T10:00:01Z").unwrap();
        both.forget(&drop.article.id).unwrap();
        let only = empty_store();
        only.write_article(&keep, "2026-11-21T10:00:00Z").unwrap();
        assert_eq!(
            graph_lines(&both, None),
            graph_lines(&only, None),
            "forgetting {}",
            drop.article.id
        );
        let graph = format!("https://kg.example/article/{keep_id}");
        assert_eq!(
            graph_lines(&both, Some(&graph)),
            graph_lines(&only, Some(&graph))
        );
    }
}

#[test]
fn forgetting_the_defining_article_hands_the_label_to_the_next() {
    let store = empty_store();
    let mut first = article_a();
    first.entities = vec![Entity {
        label: "Panchir".into(),
        ..panjshir(&[])
    }];
    store.write_article(&first, "2026-11-21T10:00:00Z").unwrap();
    store
        .write_article(&article_b(), "2026-11-21T10:00:01Z")
        .unwrap();
    let label = "SELECT ?l WHERE { <entity/Panjshir> rdfs:label ?l }";
    assert_eq!(
        strings(&store, label),
        ["Panchir"],
        "the first article defines it"
    );
    store.forget("a").unwrap();
    assert_eq!(strings(&store, label), ["Panjshir"]);
    let aliases = strings(
        &store,
        "SELECT ?l WHERE { <entity/Panjshir> skos:altLabel ?l }",
    );
    assert_eq!(aliases, ["Panshir"]);
}
