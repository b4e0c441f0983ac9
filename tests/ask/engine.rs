//! The compiled SPARQL gives the expected answers on a real engine
//! (in-memory Oxigraph; the default graph is the knowledge graph).

use crate::common::answer;
use kg::ask::{Form, Indexes, NameIndex, compile, parse, resolve};

#[test]
fn forward_backward_and_chains() {
    assert_eq!(answer("Saleh -claims-> ?x"), ["caretaker president"]);
    assert_eq!(answer("Panjshir <-surround- ?who"), ["Taliban"]);
    assert_eq!(
        answer("Al-Qaida -kill-> ?v <-son_of- ?son"),
        ["Ahmad Shah Massoud | Ahmad Massoud"]
    );
}

#[test]
fn duplicates_across_articles_are_merged() {
    // "Taliban surround Panjshir" is stated in both articles.
    assert_eq!(answer("?who -surround-> ?where"), ["Taliban | Panjshir"]);
}

#[test]
fn any_relation_shows_the_relation_and_skips_labels_and_types() {
    // `?x <- Panjshir` reads "Panjshir -> ?x".
    assert_eq!(answer("?x <- Panjshir"), ["Afghanistan | part of"]);
    assert_eq!(
        answer("Panjshir -> ?x"),
        ["part of | Afghanistan"],
        "relation column comes before the target"
    );
}

#[test]
fn ambiguous_names_get_a_column() {
    assert_eq!(
        answer("Massoud -> ?x"),
        [
            "Ahmad Massoud | lead | National Resistance Front",
            "Ahmad Massoud | son of | Ahmad Shah Massoud"
        ]
    );
}

#[test]
fn paths_types_and_filters() {
    assert_eq!(
        answer("?x -part_of+-> Afghanistan"),
        ["Bazarak", "Kabul", "Panjshir"]
    );
    assert_eq!(
        answer("Bazarak -part_of*-> ?area"),
        ["Afghanistan", "Bazarak", "Panjshir"]
    );
    assert_eq!(
        answer("?p:Person -son_of-> ?f"),
        ["Ahmad Massoud | Ahmad Shah Massoud"]
    );
    assert_eq!(answer("?x -part_of-> ?:Organization"), Vec::<String>::new());
    assert_eq!(
        answer("?a -part_of-> ?c, ?b -part_of-> ?c where ?a != ?b and ?a ~ \"^kab\""),
        ["Kabul | Afghanistan | Panjshir"]
    );
    assert_eq!(
        answer("?x -> ?y where ?y ~ \"valley\""),
        [
            "Bazarak | part of | Panjshir",
            "National Resistance Front | located in | Panjshir",
            "Taliban | surround | Panjshir"
        ]
    );
    assert_eq!(answer("?x -rdfs:label-> 'Kabul'"), ["Kabul"]);
}

#[test]
fn modifiers() {
    assert_eq!(answer("?x -part_of-> ?y | count"), ["3"]);
    assert_eq!(answer("?x -part_of-> Afghanistan | count"), ["2"]);
    assert_eq!(
        answer("?x -part_of-> ?y | count by ?y"),
        ["Afghanistan | 2", "Panjshir | 1"]
    );
    assert_eq!(
        answer("?x -part_of-> ?y | sort -?x | limit 2"),
        ["Panjshir | Afghanistan", "Kabul | Afghanistan"]
    );
    assert_eq!(
        answer("?x -part_of-> ?y | distinct ?y"),
        ["Afghanistan", "Panjshir"]
    );
    assert_eq!(answer("?x -part_of-> ?y | limit 2 | offset 1").len(), 2);
}

#[test]
fn evidence_lists_article_and_sentence() {
    assert_eq!(
        answer("?who -surround-> Panjshir | evidence"),
        [
            "Taliban | Al-Qaida and the 2001 killing | Taliban fighters surround Panjshir.",
            "Taliban | Resistance gathers in Panjshir | The Taliban surround the Panjshir valley."
        ]
    );
    // Facts without evidence still answer, with empty evidence columns.
    assert_eq!(
        answer("Bazarak -part_of-> ?x | evidence"),
        ["Panjshir | - | -"]
    );
}

#[test]
fn ground_patterns_are_yes_no_questions() {
    let (compiled, _) =
        crate::common::run("Saleh -claims-> \"caretaker president\"").expect("compiles");
    assert_eq!(compiled.form, Form::Ask);
    assert_eq!(
        crate::common::execute(&crate::common::store(), &compiled),
        ["true"]
    );
    assert_eq!(answer("Taliban -claims-> Kabul"), ["false"]);
}

#[test]
fn commands() {
    let about = answer("about Saleh");
    assert!(
        about.contains(&"-> | claims | caretaker president".to_owned()),
        "{about:?}"
    );
    assert!(
        about.iter().all(|r| !r.contains("f1")),
        "reification hidden: {about:?}"
    );
    assert_eq!(answer("entities :Person").len(), 3);
    assert!(answer("entities").contains(&"Kabul | Place".to_owned()));
    assert_eq!(answer("relations | limit 1"), ["part of | 3"]);
}

#[test]
fn classes_resolved_from_an_index_use_values() {
    let classes = NameIndex::with_local_names([("http://schema.org/Person", "Person")]);
    let (entities, relations) = (
        crate::common::entity_index(),
        crate::common::relation_index(),
    );
    let indexes = Indexes {
        entities: &entities,
        relations: &relations,
        classes: Some(&classes),
    };
    let query = parse("?p:person -son_of-> ?f").expect("parses");
    let (resolved, _) = resolve(&query, &indexes).expect("resolves");
    let compiled = compile(&query, &resolved).expect("compiles");
    assert!(
        compiled.sparql.contains("?p rdf:type schema:Person ."),
        "{}",
        compiled.sparql
    );
    assert_eq!(
        crate::common::execute(&crate::common::store(), &compiled),
        ["Ahmad Massoud | Ahmad Shah Massoud"]
    );
}

/// Labels a resource has only in another language, or only as a
/// `schema:name`, or in several languages: what label rules are about.
const MORE_LABELS: &str = r#"
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix e: <https://kg.example/entity/> .
@prefix r: <https://kg.example/relation/> .
e:kabul rdfs:label "Kaboul"@fr, "Kabul"@en-GB .
e:jabal_saraj rdfs:label "Dschabal Saradsch"@de, "Djabal Saraj"@fr ; r:part_of e:afghanistan .
e:panjshir_river schema:name "Panjshir River", "Panjsher River" ; r:part_of e:afghanistan .
e:salang r:part_of e:afghanistan .
"#;

#[test]
fn labels_looked_up_apart_give_the_rows_of_the_labelled_sparql() {
    use kg::ask::run::{Execution, execute};
    use kg::store::{KgStore, Location, OpenMode};
    use oxigraph::io::RdfFormat;

    let store = KgStore::open(
        &Location::Memory,
        OpenMode::CreateIfMissing,
        kg::vocab::Iris::default(),
    )
    .expect("in-memory store");
    for (format, data) in [
        (RdfFormat::TriG, crate::common::TRIG),
        (RdfFormat::Turtle, MORE_LABELS),
    ] {
        store
            .oxigraph()
            .load_from_slice(format, data.as_bytes())
            .expect("fixture parses");
    }
    let more = [
        "?x -part_of-> Afghanistan",
        "?x -part_of-> ?y | sort ?y -?x",
        "?x -part_of-> ?y | sort -?x | limit 3 | offset 1",
        "?x -part_of-> ?y | limit 3",
        "about Kabul",
    ];
    let queries = crate::golden::CASES.iter().map(|(_, q)| *q).chain(more);
    let mut apart_used = 0;
    for query in queries {
        let (compiled, _) = crate::common::run(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        let written = execute(&store, &compiled, Execution::AsWritten).expect("runs");
        let apart = execute(&store, &compiled, Execution::LabelsApart).expect("runs");
        assert_eq!(written.rows, apart.rows, "{query}");
        assert_eq!(written.entities, apart.entities, "{query}");
        apart_used += usize::from(compiled.labels_apart.is_some());
    }
    assert!(
        apart_used > 30,
        "only {apart_used} queries had labels apart"
    );
    let (compiled, _) = crate::common::run("?x -part_of-> Afghanistan").expect("compiles");
    let rows = execute(&store, &compiled, Execution::LabelsApart)
        .expect("runs")
        .rows;
    let shown: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        shown,
        [
            ":entity/salang",
            "Djabal Saraj",
            "Kabul",
            "Panjsher River",
            "Panjshir"
        ],
        "untagged or English first, then any language, then schema:name; unlabelled first"
    );
}
