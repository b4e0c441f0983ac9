//! Graph exports: every writer's output is parsed back by an independent
//! reader (a DOT parser crate, an XML parser, JSON, CSV) and checked.

use std::collections::{BTreeSet, HashMap};

use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use kg::export::svg::Engine;
use kg::export::{ExportFormat, write};
use kg::graph::{ArticleList, KnowledgeGraph, Selection};
use kg::model::*;
use kg::store::{KgStore, Location, OpenMode, Source};
use kg::vocab::Iris;

fn entity(key: &str, label: &str, kind: EntityType) -> Entity {
    Entity {
        key: key.into(),
        label: label.into(),
        kind,
        aliases: vec![],
    }
}

fn fact(article: &str, s: Entity, relation: &str, o: Entity, sentence: &str) -> Fact {
    Fact {
        subject: s,
        predicate: Relation {
            key: relation.into(),
            label: relation.replace('_', " "),
        },
        object: FactObject::Entity(o),
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        confidence: 0.9,
        qualifiers: Qualifiers::default(),
        evidence: vec![Evidence {
            article: article.into(),
            sentence: sentence.into(),
            start: 0,
            end: sentence.chars().count(),
            surface: None,
            speaker: None,
        }],
    }
}

/// Two articles with labels that stress every escaping rule.
fn store() -> KgStore {
    let store = KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap();
    let saleh = entity("Saleh", "Amrullah \"the VP\" Saleh", EntityType::Person);
    let taliban = entity("Taliban", "Taliban, the", EntityType::Organization);
    let panjshir = entity("Panjshir", "Panjshir\\Panchir\nvalley", EntityType::Place);
    let presidency = entity("presidency", "présidence <&>", EntityType::Concept);
    let articles = [
        (
            "a",
            vec![
                fact(
                    "a",
                    taliban.clone(),
                    "surround",
                    panjshir.clone(),
                    "The Taliban \"surround\" the valley.",
                ),
                fact(
                    "a",
                    saleh.clone(),
                    "claims",
                    presidency.clone(),
                    "Saleh claims the presidency, he said.",
                ),
            ],
        ),
        (
            "b",
            vec![
                fact(
                    "b",
                    taliban.clone(),
                    "surround",
                    panjshir.clone(),
                    "Taliban forces surround Panjshir.",
                ),
                fact(
                    "b",
                    taliban.clone(),
                    "fight",
                    saleh.clone(),
                    "They fight Saleh.",
                ),
                fact(
                    "b",
                    saleh,
                    "lead_from",
                    panjshir,
                    "Saleh leads from the valley.",
                ),
            ],
        ),
    ];
    for (id, facts) in articles {
        write_article(&store, id, facts);
    }
    store
}

/// Writes an article of `facts` under `id`.
fn write_article(store: &KgStore, id: &str, facts: Vec<Fact>) {
    let article = ArticleFacts {
        article: Article {
            id: id.into(),
            source_path: format!("/news/{id}.txt"),
            title: id.into(),
            sha256: format!("{id:0>64}"),
        },
        facts,
        entities: Vec::new(),
        different: Vec::new(),
    };
    store
        .write_article(&article, "2026-11-21T10:00:00Z")
        .unwrap();
}

/// The graph `kg export` draws: facts, names, and each fact's evidence.
fn graph_of(store: &KgStore) -> KnowledgeGraph {
    KnowledgeGraph::from_store(store)
        .unwrap()
        .with_provenance(store, ArticleList::All)
        .unwrap()
}

fn export(graph: &KnowledgeGraph, format: ExportFormat) -> String {
    let mut out = Vec::new();
    write(graph, format, Engine::Builtin, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn unquote(id: &Id) -> String {
    match id {
        Id::Escaped(s) => s
            .trim_matches('"')
            .replace("\\\"", "\"")
            .replace("\\n", "\n")
            .replace("\\\\", "\\"),
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// Node labels and (source, label, target) edges of a parsed DOT graph,
/// outside the legend.
fn parse_dot(text: &str) -> (BTreeSet<String>, BTreeSet<(String, String, String)>) {
    let graph = graphviz_rust::parse(text).unwrap_or_else(|e| panic!("invalid DOT: {e}\n{text}"));
    let Graph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph")
    };
    let mut labels = HashMap::new();
    let mut edges = Vec::new();
    for stmt in &stmts {
        match stmt {
            Stmt::Node(node) => {
                let label = node
                    .attributes
                    .iter()
                    .find(|a| unquote(&a.0) == "label")
                    .map(|a| unquote(&a.1));
                labels.insert(unquote(&node.id.0), label.unwrap());
            }
            Stmt::Edge(edge) => {
                let graphviz_rust::dot_structures::EdgeTy::Pair(a, b) = &edge.ty else {
                    panic!("chain")
                };
                let id = |v: &graphviz_rust::dot_structures::Vertex| match v {
                    graphviz_rust::dot_structures::Vertex::N(n) => unquote(&n.0),
                    _ => panic!("subgraph vertex"),
                };
                let label = edge
                    .attributes
                    .iter()
                    .find(|a| unquote(&a.0) == "label")
                    .map(|a| unquote(&a.1));
                edges.push((id(a), label.unwrap(), id(b)));
            }
            _ => {}
        }
    }
    let edges = edges
        .into_iter()
        .map(|(a, l, b)| (labels[&a].clone(), l, labels[&b].clone()))
        .collect();
    (labels.into_values().collect(), edges)
}

#[test]
fn dot_is_valid_and_keeps_every_label_exactly() {
    let graph = graph_of(&store());
    let (nodes, edges) = parse_dot(&export(&graph, ExportFormat::Dot));
    let expected: BTreeSet<String> = [
        "Amrullah \"the VP\" Saleh",
        "Taliban, the",
        "Panjshir\\Panchir\nvalley",
        "présidence <&>",
    ]
    .map(String::from)
    .into();
    assert_eq!(nodes, expected);
    assert_eq!(
        edges.len(),
        4,
        "the fact stated twice is one edge: {edges:?}"
    );
    assert!(edges.contains(&(
        "Taliban, the".into(),
        "surround".into(),
        "Panjshir\\Panchir\nvalley".into()
    )));
    assert!(edges.contains(&(
        "Amrullah \"the VP\" Saleh".into(),
        "lead from".into(),
        "Panjshir\\Panchir\nvalley".into()
    )));
}

#[test]
fn dot_has_a_legend_tooltips_and_is_deterministic() {
    let store = store();
    let first = export(&graph_of(&store), ExportFormat::Dot);
    let second = export(&graph_of(&store), ExportFormat::Dot);
    assert_eq!(first, second);
    assert!(first.contains("subgraph cluster_legend"));
    for kind in ["Person", "Organization", "Place", "Concept"] {
        assert!(
            first.contains(&format!("[label=\"{kind}\"")),
            "legend lacks {kind}"
        );
    }
    assert!(
        first.contains(
            // The sentence of the first article that states it.
            "tooltip=\"surround (2 mentions)\\n“The Taliban \\\"surround\\\" the valley.”\\na, b\""
        ),
        "{first}"
    );
}

/// Twelve articles say the Taliban surround Panjshir (two of them twice);
/// one says Saleh fights them, and one that he does not.
fn widely_stated_store() -> KgStore {
    let store = KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap();
    let taliban = entity("Taliban", "Taliban", EntityType::Organization);
    let panjshir = entity("Panjshir", "Panjshir", EntityType::Place);
    let saleh = entity("Saleh", "Saleh", EntityType::Person);
    for i in 0..14 {
        let id = format!("art{i:02}");
        let surround =
            |sentence: &str| fact(&id, taliban.clone(), "surround", panjshir.clone(), sentence);
        let mut facts = match i {
            12 => vec![fact(
                &id,
                saleh.clone(),
                "fight",
                taliban.clone(),
                "Saleh fights.",
            )],
            13 => {
                let mut denied = fact(&id, saleh.clone(), "fight", taliban.clone(), "He does not.");
                denied.polarity = Polarity::Negative;
                vec![denied]
            }
            _ => vec![surround(&format!("Sentence {i}."))],
        };
        if i < 2 {
            facts.push(surround("Again."));
        }
        write_article(&store, &id, facts);
    }
    store
}

#[test]
fn a_sample_of_articles_keeps_the_counts_of_all() {
    let store = widely_stated_store();
    let graph = KnowledgeGraph::from_store(&store).unwrap();
    let all = graph
        .clone()
        .with_provenance(&store, ArticleList::All)
        .unwrap();
    let sample = graph
        .with_provenance(&store, ArticleList::AtMost(3))
        .unwrap();
    let edges = |g: &KnowledgeGraph| -> HashMap<String, kg::graph::Edge> {
        g.edges()
            .map(|(_, _, e)| (e.relation.clone(), e.clone()))
            .collect()
    };
    let (all, sample) = (edges(&all), edges(&sample));
    assert_eq!(all.len(), 2);
    let surround = &all["surround"];
    assert_eq!((surround.evidence, surround.article_count), (14, 12));
    assert_eq!(surround.articles.len(), 12);
    // The denial is negative evidence: neither a mention nor an article.
    let fight = &all["fight"];
    assert_eq!((fight.evidence, fight.article_count), (1, 1));
    assert_eq!(fight.articles, ["art12"]);
    for (relation, full) in &all {
        let part = &sample[relation];
        assert_eq!(part.evidence, full.evidence, "{relation}");
        assert_eq!(part.article_count, full.article_count, "{relation}");
        assert!(part.articles.len() <= 3, "{relation}: {:?}", part.articles);
        assert!(part.articles.len() == full.articles.len().min(3));
        assert!(part.articles.iter().all(|a| full.articles.contains(a)));
        assert!(part.articles.is_sorted());
        assert!(part.sentence.is_some());
    }
}

#[test]
fn dot_tooltips_name_ten_articles_and_count_the_rest() {
    let store = widely_stated_store();
    let graph = KnowledgeGraph::from_store(&store)
        .unwrap()
        .with_provenance(&store, ExportFormat::Dot.article_list())
        .unwrap();
    let dot = export(&graph, ExportFormat::Dot);
    let line = dot
        .lines()
        .find(|l| l.contains("label=\"surround\""))
        .unwrap();
    assert!(line.contains("(14 mentions)"), "{line}");
    assert!(line.contains(", and 2 more\""), "{line}");
    assert_eq!(line.matches("art").count(), 10, "{line}");
}

#[test]
fn selections_pick_the_expected_subgraphs() {
    let graph = graph_of(&store());
    let select = |selection: Selection| {
        let sub = graph.select(&selection).unwrap();
        parse_dot(&export(&sub, ExportFormat::Dot))
    };

    let (nodes, edges) = select(Selection {
        article: Some("a".into()),
        ..Selection::default()
    });
    assert_eq!((nodes.len(), edges.len()), (4, 2));

    let (_, edges) = select(Selection {
        relations: vec!["fight".into(), "claims".into()],
        ..Selection::default()
    });
    let relations: BTreeSet<&str> = edges.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(relations, BTreeSet::from(["fight", "claims"]));

    let (nodes, _) = select(Selection {
        types: vec!["person".into(), "Place".into()],
        ..Selection::default()
    });
    assert_eq!(nodes.len(), 2);

    let (nodes, _) = select(Selection {
        around: vec!["taliban, THE".into()],
        depth: 1,
        ..Selection::default()
    });
    assert_eq!(nodes.len(), 3, "Taliban and its two neighbours: {nodes:?}");

    let (nodes, _) = select(Selection {
        min_degree: 3,
        ..Selection::default()
    });
    // Saleh: claims, fight, lead from. Taliban: surround (stated twice, one
    // fact) and fight.
    assert_eq!(
        nodes,
        BTreeSet::from(["Amrullah \"the VP\" Saleh".to_owned()])
    );

    let (nodes, _) = select(Selection {
        top: Some(1),
        ..Selection::default()
    });
    assert_eq!(nodes.len(), 1);

    let error = graph
        .select(&Selection {
            around: vec!["Salleh".into()],
            ..Selection::default()
        })
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("closest: Amrullah \"the VP\" Saleh"),
        "{error}"
    );
}

#[test]
fn a_neighbourhood_read_from_the_store_is_the_selection_of_the_whole_graph() {
    let store = store();
    let whole = KnowledgeGraph::from_store(&store).unwrap();
    let names = [
        "Taliban, the",
        "taliban, the",
        "TALIBAN, THE",
        "tALIBAN, the",
        "présidence <&>",
        "Amrullah \"the VP\" Saleh",
        "Panjshir\\Panchir\nvalley",
    ];
    let mut compared = 0;
    for name in names {
        for depth in 0..3 {
            for (relations, types, min_degree) in [
                (vec![], vec![], 0),
                (
                    vec!["surround".to_owned(), "lead_from".to_owned()],
                    vec![],
                    0,
                ),
                (vec![], vec!["Person".to_owned(), "Place".to_owned()], 0),
                (vec![], vec![], 2),
            ] {
                let selection = Selection {
                    around: vec![name.to_owned()],
                    depth,
                    relations,
                    types,
                    min_degree,
                    ..Selection::default()
                };
                let expected = whole
                    .select(&selection)
                    .map(|g| g.with_provenance(&store, ArticleList::All).unwrap());
                let read = KnowledgeGraph::selected(&store, &selection, ArticleList::All);
                match (expected, read) {
                    (Ok(expected), Ok(read)) => {
                        assert_eq!(
                            export(&read, ExportFormat::Dot),
                            export(&expected, ExportFormat::Dot),
                            "{selection:?}"
                        );
                        compared += 1;
                    }
                    (Err(expected), Err(read)) => {
                        assert_eq!(read.to_string(), expected.to_string())
                    }
                    (expected, read) => panic!("{selection:?}: {expected:?} vs {read:?}"),
                }
            }
        }
    }
    assert!(compared > 60, "{compared}");
    // Depth 1 around the Taliban holds Saleh and Panjshir, and the fact
    // between them.
    let selection = Selection {
        around: vec!["Taliban, the".into()],
        depth: 1,
        ..Selection::default()
    };
    let read = KnowledgeGraph::selected(&store, &selection, ArticleList::All).unwrap();
    assert_eq!((read.node_count(), read.edge_count()), (3, 3));
}

#[test]
fn graphml_has_the_structure_the_schema_requires() {
    use quick_xml::events::Event;
    let graph = graph_of(&store());
    let text = export(&graph, ExportFormat::GraphMl);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut stack: Vec<String> = Vec::new();
    let mut keys: HashMap<String, String> = HashMap::new();
    let (mut nodes, mut edges) = (BTreeSet::new(), Vec::new());
    let mut labels = Vec::new();
    let mut in_label = false;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("invalid XML: {e}"));
        let attrs = |e: &quick_xml::events::BytesStart| -> HashMap<String, String> {
            e.attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.unescape_value().unwrap().into_owned(),
                    )
                })
                .collect()
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let a = attrs(e);
                match (name.as_str(), stack.last().map(String::as_str)) {
                    ("graphml", None) => {
                        assert_eq!(a["xmlns"], "http://graphml.graphdrawing.org/xmlns")
                    }
                    ("key", Some("graphml")) => {
                        assert!(["string", "int"].contains(&a["attr.type"].as_str()));
                        keys.insert(a["id"].clone(), a["for"].clone());
                    }
                    ("graph", Some("graphml")) => assert_eq!(a["edgedefault"], "directed"),
                    ("node", Some("graph")) => {
                        assert!(nodes.insert(a["id"].clone()), "duplicate node id")
                    }
                    ("edge", Some("graph")) => {
                        edges.push((a["source"].clone(), a["target"].clone()))
                    }
                    ("data", Some(parent)) => {
                        assert_eq!(
                            keys.get(&a["key"]).map(String::as_str),
                            Some(parent),
                            "undeclared key {}",
                            a["key"]
                        );
                        in_label = a["key"] == "label";
                    }
                    other => panic!("unexpected element {other:?}"),
                }
                // Empty elements (`<key .../>`) have no End event.
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                stack.pop();
                in_label = false;
            }
            Event::Text(t) if in_label => labels.push(t.unescape().unwrap().into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(nodes.len(), 4);
    assert_eq!(edges.len(), 4);
    assert!(
        edges
            .iter()
            .all(|(s, t)| nodes.contains(s) && nodes.contains(t))
    );
    assert!(labels.contains(&"présidence <&>".to_owned()), "{labels:?}");
}

/// Splits RFC 4180 CSV into records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (c, _) => field.push(c),
        }
    }
    records
}

#[test]
fn neo4j_csv_round_trips_headers_and_fields() {
    let graph = graph_of(&store());
    let dir = tempfile::tempdir().unwrap();
    kg::export::neo4j::write_neo4j(&graph, dir.path()).unwrap();
    let nodes = parse_csv(&std::fs::read_to_string(dir.path().join("nodes.csv")).unwrap());
    let relationships =
        parse_csv(&std::fs::read_to_string(dir.path().join("relationships.csv")).unwrap());
    assert_eq!(nodes[0], kg::export::neo4j::NODE_HEADER);
    assert_eq!(relationships[0], kg::export::neo4j::RELATIONSHIP_HEADER);
    let ids: BTreeSet<&str> = nodes[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), 4);
    let names: BTreeSet<&str> = nodes[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(
        names.contains("Panjshir\\Panchir\nvalley") && names.contains("Taliban, the"),
        "{names:?}"
    );
    assert!(
        nodes[1..]
            .iter()
            .all(|r| r.len() == 6 && r[5].starts_with("Entity;"))
    );
    assert_eq!(relationships.len(), 5);
    for r in &relationships[1..] {
        assert_eq!(r.len(), 7);
        assert!(ids.contains(r[0].as_str()) && ids.contains(r[1].as_str()));
        assert!(
            r[2].chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{}",
            r[2]
        );
    }
    let surround = relationships.iter().find(|r| r[2] == "SURROUND").unwrap();
    assert_eq!((surround[4].as_str(), surround[5].as_str()), ("2", "a;b"));
    assert_eq!(surround[6], "The Taliban \"surround\" the valley.");
}

#[test]
fn cytoscape_json_references_its_nodes() {
    let graph = graph_of(&store());
    let json: serde_json::Value =
        serde_json::from_str(&export(&graph, ExportFormat::Json)).unwrap();
    let nodes = json["elements"]["nodes"].as_array().unwrap();
    let edges = json["elements"]["edges"].as_array().unwrap();
    assert_eq!((nodes.len(), edges.len()), (4, 4));
    let ids: BTreeSet<&str> = nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap())
        .collect();
    assert!(
        edges
            .iter()
            .all(|e| ids.contains(e["data"]["source"].as_str().unwrap()))
    );
    assert!(nodes.iter().any(|n| n["data"]["type"] == "Concept"));
}

#[test]
fn svg_draws_every_entity_without_graphviz() {
    let graph = graph_of(&store());
    let svg = export(&graph, ExportFormat::Svg);
    assert!(svg.contains("<svg"), "{svg}");
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut texts = String::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Text(t)) => texts.push_str(&t.unescape().unwrap()),
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("SVG is not well-formed XML: {e}"),
        }
    }
    for word in [
        "Amrullah",
        "Taliban, the",
        "présidence",
        "surround",
        "claims",
    ] {
        assert!(texts.contains(word), "SVG lacks {word}");
    }
    let empty = graph
        .select(&Selection {
            types: vec!["Event".into()],
            ..Selection::default()
        })
        .unwrap();
    assert!(export(&empty, ExportFormat::Svg).contains("no entities selected"));
}

#[test]
fn foreign_graphs_export_too() {
    let store = KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        Iris::default(),
    )
    .unwrap();
    let people = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/people.ttl"
    ))
    .unwrap();
    let source = Source {
        name: "people.ttl",
        format: kg::format::RdfFileFormat::Turtle,
        graph: None,
    };
    store.load(&source, people.as_slice()).unwrap();
    let graph = graph_of(&store);
    let (nodes, edges) = parse_dot(&export(&graph, ExportFormat::Dot));
    assert!(nodes.contains("Amrullah Saleh") && nodes.contains("presidency"));
    assert!(edges.contains(&(
        "Ahmad Massoud".into(),
        "son of".into(),
        "Ahmad Shah Massoud".into()
    )));
    assert_eq!(graph.central(1)[0].degree, 1);
}
