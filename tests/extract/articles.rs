//! The sample articles: the facts the product promises, and precision and
//! recall against the hand-written gold.

use kg::model::{EntityType, FactObject, Polarity};

use crate::support::{
    find, is_called, negative, object_entity, object_matches, positive, sample_articles,
};

fn all_facts() -> impl Iterator<Item = &'static kg::model::Fact> {
    sample_articles().iter().flat_map(|a| &a.facts)
}

#[test]
fn saleh_claims_the_presidency() {
    let found = find(all_facts(), "Amrullah Saleh", "claim", "president");
    assert!(positive(&found), "no (Amrullah Saleh, claim, president*)");
}

#[test]
fn ahmad_massoud_is_the_son_of_commander_massoud_a_different_person() {
    let found = find(all_facts(), "Ahmad Massoud", "son_of", "Massoud");
    let fact = found.first().expect("no (Ahmad Massoud, son_of, Massoud)");
    let father = object_entity(fact);
    assert_ne!(fact.subject.key, father.key);
    assert!(!is_called(father, "Ahmad Massoud"), "{father:?}");
    assert_eq!(father.kind, EntityType::Person);
}

#[test]
fn taliban_surround_panjshir() {
    assert!(positive(&find(
        all_facts(),
        "Taliban",
        "surround",
        "Panjshir"
    )));
}

#[test]
fn one_place_carries_every_spelling_of_the_valley() {
    let places: Vec<_> = all_facts()
        .flat_map(|f| {
            let object = match &f.object {
                FactObject::Entity(e) => Some(e),
                FactObject::Literal { .. } => None,
            };
            std::iter::once(&f.subject).chain(object)
        })
        .filter(|e| e.kind == EntityType::Place)
        .filter(|e| {
            ["Panchir", "Panshir", "Pansir"]
                .iter()
                .any(|n| is_called(e, n))
        })
        .collect();
    let first = places.first().expect("the valley is in some fact");
    assert!(
        places.iter().all(|e| e.key == first.key),
        "several valley nodes: {places:?}"
    );
    let names: Vec<&String> = std::iter::once(&first.label)
        .chain(&first.aliases)
        .collect();
    for spelling in ["Panchir", "Panshir", "Pansir"] {
        assert!(
            names.iter().any(|n| n.contains(spelling)),
            "{spelling} missing from {names:?}"
        );
    }
}

#[test]
fn the_surrender_is_negated_never_asserted() {
    let found = find(all_facts(), "Amrullah Saleh", "surrender_to", "Taliban");
    assert!(negative(&found), "no negated surrender");
    assert!(!positive(&found), "surrender asserted");
}

#[test]
fn boilerplate_yields_no_fact() {
    for fact in all_facts() {
        for e in &fact.evidence {
            let s = e.sentence.to_lowercase();
            for marker in [
                "subscribers",
                "read also",
                "source link",
                "you may also like",
            ] {
                assert!(!s.contains(marker), "fact from boilerplate: {}", e.sentence);
            }
        }
    }
}

#[test]
fn evidence_points_at_the_sentence_in_the_article() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let texts: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let id = p.file_stem().unwrap().to_str().unwrap()[..3].to_string();
            (id, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    for fact in all_facts() {
        for e in &fact.evidence {
            let text = &texts.iter().find(|(id, _)| *id == e.article).unwrap().1;
            let sentence: String = text.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(sentence, e.sentence);
        }
    }
}

/// One gold row: (article, subject, relation, object, negated).
fn gold() -> Vec<(String, String, String, String, bool)> {
    include_str!("../fixtures/articles-facts.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].into(),
                f[1].into(),
                f[2].into(),
                f[3].into(),
                f[4] == "-",
            )
        })
        .collect()
}

/// Precision and recall of the extracted facts against the gold, per
/// article; a fact matches a gold row with the same relation, subject (by
/// name), object (by name, or overlapping concept label) and polarity.
/// Reported by `cargo test -- --nocapture`; floors guard regressions.
#[test]
fn precision_and_recall_against_the_gold() {
    let gold = gold();
    let (mut matched_gold, mut matched_facts, mut facts) = (0, 0, 0);
    for article in sample_articles() {
        let rows: Vec<_> = gold.iter().filter(|g| g.0 == article.article.id).collect();
        let matches = |f: &kg::model::Fact, g: &&(String, String, String, String, bool)| {
            f.predicate.key == g.2
                && is_called(&f.subject, &g.1)
                && object_matches(&f.object, &g.3)
                && (f.polarity == Polarity::Negative) == g.4
        };
        for g in &rows {
            if article.facts.iter().any(|f| matches(f, g)) {
                matched_gold += 1;
            } else {
                println!(
                    "missed {} ({}, {}, {}){}",
                    g.0,
                    g.1,
                    g.2,
                    g.3,
                    if g.4 { " negated" } else { "" }
                );
            }
        }
        matched_facts += article
            .facts
            .iter()
            .filter(|f| rows.iter().any(|g| matches(f, g)))
            .count();
        facts += article.facts.len();
    }
    let precision = matched_facts as f64 / facts.max(1) as f64;
    let recall = matched_gold as f64 / gold.len() as f64;
    println!(
        "sample articles: {facts} facts, precision {precision:.3} ({matched_facts}/{facts}), \
         recall {recall:.3} ({matched_gold}/{})",
        gold.len()
    );
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3}");
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}");
}

const PRECISION_FLOOR: f64 = 0.40;
const RECALL_FLOOR: f64 = 0.30;

/// "…, Sergei Lavrov, himself pointed out the existence … commander Massoud,
/// known as the 'lion of Panchir', killed by Al-Qaida …": the parse hangs
/// "killed" on "pointed", but a participle past the verb's objects does not
/// inherit its subject.
#[test]
fn lavrov_is_not_the_one_killed() {
    let found = find(all_facts(), "Al-Qaida", "kill", "Sergei Lavrov");
    assert!(found.is_empty(), "{found:?}");
}
