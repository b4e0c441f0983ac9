//! A small Afghanistan/Panjshir graph shared by the tests: name indexes for
//! `resolve`, and the same data as TriG for running the SPARQL.

#![allow(dead_code)]

use kg::ask::{Compiled, Indexes, NameIndex, Note, Resolved, compile, parse, resolve};

pub const E: &str = "https://kg.example/entity/";
pub const R: &str = "https://kg.example/relation/";

/// (local name, label, alternative labels)
pub const ENTITIES: &[(&str, &str, &[&str])] = &[
    ("amrullah_saleh", "Amrullah Saleh", &["Saleh"]),
    ("ahmad_massoud", "Ahmad Massoud", &[]),
    (
        "ahmad_shah_massoud",
        "Ahmad Shah Massoud",
        &["Lion of Panjshir"],
    ),
    ("taliban", "Taliban", &[]),
    ("panjshir", "Panjshir", &["Panjshir Valley"]),
    ("al_qaida", "Al-Qaida", &["al-Qaeda"]),
    ("kabul", "Kabul", &[]),
    ("afghanistan", "Afghanistan", &[]),
    ("nrf", "National Resistance Front", &["NRF"]),
    ("bazarak", "Bazarak", &[]),
    ("caretaker_president", "caretaker president", &[]),
];

/// (local name, label)
pub const RELATIONS: &[(&str, &str)] = &[
    ("claims", "claims"),
    ("surround", "surround"),
    ("kill", "kill"),
    ("assassinate", "assassinate"),
    ("son_of", "son of"),
    ("part_of", "part of"),
    ("lead", "lead"),
    ("located_in", "located in"),
];

pub fn entity_index() -> NameIndex {
    let mut pairs = Vec::new();
    for (local, label, alts) in ENTITIES {
        pairs.push((format!("{E}{local}"), (*label).to_owned()));
        for alt in *alts {
            pairs.push((format!("{E}{local}"), (*alt).to_owned()));
        }
    }
    NameIndex::new(pairs)
}

pub fn relation_index() -> NameIndex {
    NameIndex::with_local_names(
        RELATIONS
            .iter()
            .map(|(local, label)| (format!("{R}{local}"), (*label).to_owned())),
    )
}

/// parse → resolve (without a class index) → compile.
pub fn run(query: &str) -> Result<(Compiled, Vec<Note>), String> {
    let q = parse(query).map_err(|e| e.to_string())?;
    let (entities, relations) = (entity_index(), relation_index());
    let indexes = Indexes {
        entities: &entities,
        relations: &relations,
        classes: None,
    };
    let (resolved, notes): (Resolved, Vec<Note>) =
        resolve(&q, &indexes).map_err(|e| e.to_string())?;
    let compiled = compile(&q, &resolved).map_err(|e| e.to_string())?;
    Ok((compiled, notes))
}

/// The graph in kg's data model: the knowledge graph in the default graph
/// (each description once, facts as triples plus one reified statement
/// each), and per article a named graph with its metadata, its view of the
/// entities it names, its facts and its evidence.
pub const TRIG: &str = r#"
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kg: <https://kg.example/ns#> .
@prefix e: <https://kg.example/entity/> .
@prefix r: <https://kg.example/relation/> .
@prefix a: <https://kg.example/article/> .
@prefix f: <https://kg.example/fact/> .
@prefix v: <https://kg.example/evidence/> .

e:amrullah_saleh a schema:Person ; rdfs:label "Amrullah Saleh" ; skos:altLabel "Saleh" .
e:caretaker_president a kg:Concept ; rdfs:label "caretaker president" .
e:taliban a schema:Organization ; rdfs:label "Taliban" .
e:panjshir a schema:Place ; rdfs:label "Panjshir" ; skos:altLabel "Panjshir Valley" .
e:ahmad_massoud a schema:Person ; rdfs:label "Ahmad Massoud" .
e:ahmad_shah_massoud a schema:Person ; rdfs:label "Ahmad Shah Massoud" ; skos:altLabel "Lion of Panjshir" .
e:al_qaida a schema:Organization ; rdfs:label "Al-Qaida" ; skos:altLabel "al-Qaeda" .
e:afghanistan a schema:Place ; rdfs:label "Afghanistan" .
e:bazarak a schema:Place ; rdfs:label "Bazarak" .
e:kabul a schema:Place ; rdfs:label "Kabul" .
e:nrf a schema:Organization ; rdfs:label "National Resistance Front" ; skos:altLabel "NRF" .
r:claims a kg:Relation, rdf:Property ; rdfs:label "claims" .
r:surround a kg:Relation, rdf:Property ; rdfs:label "surround" .
r:son_of a kg:Relation, rdf:Property ; rdfs:label "son of" .
r:kill a kg:Relation, rdf:Property ; rdfs:label "kill" .
r:part_of a kg:Relation, rdf:Property ; rdfs:label "part of" .
r:lead a kg:Relation, rdf:Property ; rdfs:label "lead" .
r:located_in a kg:Relation, rdf:Property ; rdfs:label "located in" .
e:amrullah_saleh r:claims e:caretaker_president .
e:taliban r:surround e:panjshir .
e:ahmad_massoud r:son_of e:ahmad_shah_massoud .
e:al_qaida r:kill e:ahmad_shah_massoud .
e:ahmad_massoud r:lead e:nrf .
e:bazarak r:part_of e:panjshir .
e:panjshir r:part_of e:afghanistan .
e:kabul r:part_of e:afghanistan .
e:nrf r:located_in e:panjshir .
f:f1 a rdf:Statement ; rdf:subject e:amrullah_saleh ; rdf:predicate r:claims ; rdf:object e:caretaker_president .
f:f2 a rdf:Statement ; rdf:subject e:taliban ; rdf:predicate r:surround ; rdf:object e:panjshir .
f:f3 a rdf:Statement ; rdf:subject e:al_qaida ; rdf:predicate r:kill ; rdf:object e:ahmad_shah_massoud .

a:a1 {
  a:a1 a schema:NewsArticle ; schema:headline "Resistance gathers in Panjshir" .
  e:amrullah_saleh a schema:Person ; rdfs:label "Amrullah Saleh" ; skos:altLabel "Saleh" .
  e:caretaker_president a kg:Concept ; rdfs:label "caretaker president" .
  e:taliban a schema:Organization ; rdfs:label "Taliban" .
  e:panjshir a schema:Place ; rdfs:label "Panjshir" ; skos:altLabel "Panjshir Valley" .
  e:ahmad_massoud a schema:Person ; rdfs:label "Ahmad Massoud" .
  e:ahmad_shah_massoud a schema:Person ; rdfs:label "Ahmad Shah Massoud" ; skos:altLabel "Lion of Panjshir" .
  e:amrullah_saleh r:claims e:caretaker_president .
  e:taliban r:surround e:panjshir .
  e:ahmad_massoud r:son_of e:ahmad_shah_massoud .
  f:f1 kg:evidence v:v1 .
  v:v1 a kg:Evidence ; kg:article a:a1 ;
    kg:sentence "Saleh claims to be the caretaker president." .
  f:f2 kg:evidence v:v2 .
  v:v2 a kg:Evidence ; kg:article a:a1 ;
    kg:sentence "The Taliban surround the Panjshir valley." .
}

a:a2 {
  a:a2 a schema:NewsArticle ; schema:headline "Al-Qaida and the 2001 killing" .
  e:al_qaida a schema:Organization ; rdfs:label "Al-Qaida" ; skos:altLabel "al-Qaeda" .
  e:ahmad_shah_massoud a schema:Person ; rdfs:label "Ahmad Shah Massoud" .
  e:ahmad_massoud a schema:Person ; rdfs:label "Ahmad Massoud" .
  e:taliban a schema:Organization ; rdfs:label "Taliban" .
  e:panjshir a schema:Place ; rdfs:label "Panjshir" .
  e:afghanistan a schema:Place ; rdfs:label "Afghanistan" .
  e:bazarak a schema:Place ; rdfs:label "Bazarak" .
  e:kabul a schema:Place ; rdfs:label "Kabul" .
  e:nrf a schema:Organization ; rdfs:label "National Resistance Front" ; skos:altLabel "NRF" .
  e:al_qaida r:kill e:ahmad_shah_massoud .
  e:ahmad_massoud r:son_of e:ahmad_shah_massoud .
  e:ahmad_massoud r:lead e:nrf .
  e:taliban r:surround e:panjshir .
  e:bazarak r:part_of e:panjshir .
  e:panjshir r:part_of e:afghanistan .
  e:kabul r:part_of e:afghanistan .
  e:nrf r:located_in e:panjshir .
  f:f3 kg:evidence v:v3 .
  v:v3 a kg:Evidence ; kg:article a:a2 ;
    kg:sentence "Al-Qaida killed Ahmad Shah Massoud on 9 September 2001." .
  f:f2 kg:evidence v:v4 .
  v:v4 a kg:Evidence ; kg:article a:a2 ;
    kg:sentence "Taliban fighters surround Panjshir." .
}
"#;

use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

pub fn store() -> Store {
    let store = Store::new().expect("in-memory store");
    store
        .load_from_slice(RdfFormat::TriG, TRIG.as_bytes())
        .expect("fixture parses");
    store
}

/// Runs a compiled query the way kg does (on the default graph; article
/// graphs reached with GRAPH) and renders each row as the CLI would: the label when
/// bound, else the value; columns joined by " | ".
pub fn execute(store: &Store, compiled: &Compiled) -> Vec<String> {
    let prepared = SparqlEvaluator::new()
        .parse_query(&compiled.sparql)
        .unwrap_or_else(|e| panic!("invalid SPARQL: {e}\n{}", compiled.sparql));
    let results = prepared
        .on_store(store)
        .execute()
        .unwrap_or_else(|e| panic!("query failed: {e}\n{}", compiled.sparql));
    match results {
        QueryResults::Boolean(b) => vec![b.to_string()],
        QueryResults::Solutions(solutions) => solutions
            .map(|row| {
                let row = row.expect("solution");
                compiled
                    .columns
                    .iter()
                    .map(|c| {
                        let label = c.label_var.as_deref().and_then(|l| row.get(l));
                        match label.or_else(|| row.get(c.var.as_str())) {
                            Some(t) => show(t),
                            None => "-".to_owned(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect(),
        QueryResults::Graph(_) => vec!["graph".to_owned()],
    }
}

fn show(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().rsplit('/').next().unwrap_or("").to_owned(),
        other => other.to_string(),
    }
}

/// parse → resolve → compile → run.
pub fn answer(query: &str) -> Vec<String> {
    let (compiled, _) = run(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    execute(&store(), &compiled)
}
