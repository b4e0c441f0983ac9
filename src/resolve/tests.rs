//! Behaviour of [`super::resolve`], rule by rule.

use super::*;
use crate::model::EntityType::{Concept, Event, Organization, Person, Place};
use std::sync::OnceLock;

fn lexicon() -> &'static CountryLexicon {
    static LEXICON: OnceLock<CountryLexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        CountryLexicon::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data/countries.tsv"))
            .expect("data/countries.tsv loads")
    })
}

fn m(article: usize, position: usize, name: &str, kind: EntityType) -> Mention {
    Mention::new(article, position, name, kind)
}

fn run(mentions: &[Mention], links: &[Link]) -> Resolution {
    resolve(mentions, links, &Known::none(), lexicon())
}

fn run_known(mentions: &[Mention], links: &[Link], known: &[Entity]) -> Resolution {
    resolve(mentions, links, &Known::only(known), lexicon())
}

fn entity(r: &Resolution, mention: usize) -> &Entity {
    &r.entities[r.of_mention[mention]]
}

fn same(r: &Resolution, a: usize, b: usize) -> bool {
    r.of_mention[a] == r.of_mention[b]
}

fn known_entity(key: &str, label: &str, kind: EntityType, aliases: &[&str]) -> Entity {
    Entity {
        key: key.into(),
        label: label.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

/// Every resolution must be well formed whatever the input.
fn check_invariants(r: &Resolution, mentions: &[Mention]) {
    assert_eq!(r.of_mention.len(), mentions.len());
    assert!(r.of_mention.iter().all(|&e| e < r.entities.len()));
    let mut keys: Vec<&str> = r.entities.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    let before = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), before, "keys are unique");
    for e in &r.entities {
        assert!(!e.aliases.contains(&e.label), "{e:?}");
        assert!(e.aliases.windows(2).all(|w| w[0] < w[1]), "{e:?}");
    }
}

// ------------------------------------------------------------------ the sample

#[test]
fn sample_articles_resolve_as_expected() {
    let mentions = vec![
        m(0, 10, "Panchir", Place),                           // 0
        m(0, 40, "Amrullah Saleh", Person),                   // 1
        m(0, 90, "Ahmah Shah Massoud", Person),               // 2
        m(0, 150, "Massoud", Person).with_title("commander"), // 3
        m(0, 200, "Saleh", Person).with_title("Mr."),         // 4
        m(0, 260, "Afghan", Place),                           // 5
        m(0, 300, "Panshir", Place),                          // 6
        m(1, 5, "Pansir Valley", Place),                      // 7
        m(1, 30, "Pansir", Place),                            // 8
        m(1, 60, "Amrullah Saleh", Person),                   // 9
        m(1, 100, "Ahmad Massoud", Person),                   // 10
        m(1, 140, "Massoud", Person).with_title("commander"), // 11
        m(1, 180, "Saleh", Person),                           // 12
        m(1, 220, "FDD", Organization),                       // 13
        m(1, 260, "Lund University", Organization),           // 14
    ];
    let links = [Link::Different(2, 3), Link::Different(10, 11)];
    let r = run(&mentions, &links);
    check_invariants(&r, &mentions);

    // One place with every Panjshir spelling.
    for i in [6, 7, 8] {
        assert!(same(&r, 0, i), "Panjshir spelling {i}");
    }
    let panjshir = entity(&r, 0);
    assert_eq!(panjshir.kind, Place);
    assert_eq!(panjshir.label, "Panchir");
    assert_eq!(panjshir.aliases, ["Panshir", "Pansir", "Pansir Valley"]);

    // Saleh → Amrullah Saleh, in both articles.
    for i in [4, 9, 12] {
        assert!(same(&r, 1, i));
    }
    let saleh = entity(&r, 1);
    assert_eq!(saleh.key, "Amrullah_Saleh");
    assert_eq!(saleh.kind, Person);
    assert_eq!(saleh.aliases, ["Mr. Saleh", "Saleh"]);

    // Ahmad Massoud = Ahmah Shah Massoud ≠ commander Massoud, who is one
    // entity across both articles.
    assert!(same(&r, 2, 10));
    assert!(!same(&r, 2, 3));
    assert!(same(&r, 3, 11));
    assert_eq!(entity(&r, 2).label, "Ahmah Shah Massoud");
    assert_eq!(entity(&r, 2).aliases, ["Ahmad Massoud"]);
    let commander = entity(&r, 3);
    assert_eq!(commander.label, "commander Massoud");
    assert_eq!(commander.key, "commander_Massoud");
    assert_eq!(commander.aliases, ["Massoud"]);
    assert_eq!(commander.kind, Person);

    // Afghan → Afghanistan.
    let afghanistan = entity(&r, 5);
    assert_eq!(afghanistan.label, "Afghanistan");
    assert_eq!(afghanistan.kind, Place);
    assert_eq!(afghanistan.aliases, ["Afghan"]);

    assert_eq!(entity(&r, 13).label, "FDD");
    assert_eq!(entity(&r, 14).label, "Lund University");
    assert_eq!(r.entities.len(), 7);
}

// ------------------------------------------------------------------ rule 1

#[test]
fn equal_names_merge_ignoring_case_and_accents() {
    let mentions = vec![
        m(0, 0, "Herāt", Place),
        m(1, 0, "HERAT", Place),
        m(2, 0, "herat", Organization),
        m(3, 0, "the Taliban", Organization),
        m(4, 0, "Taliban", Organization),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1) && same(&r, 0, 2));
    assert!(same(&r, 3, 4));
    assert_eq!(r.entities.len(), 2);
    assert_eq!(entity(&r, 0).aliases, ["HERAT", "herat"]);
    check_invariants(&r, &mentions);
}

#[test]
fn concepts_merge_only_with_concepts() {
    let mentions = vec![
        m(0, 0, "armed resistance", Concept),
        m(1, 0, "the armed resistance", Concept),
        m(1, 9, "Armed Resistances", Concept),
        m(2, 0, "Armed Resistance", Organization),
        m(2, 9, "resistance", Concept),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1) && same(&r, 0, 2));
    assert!(!same(&r, 0, 3), "a concept is not an organization");
    assert!(!same(&r, 0, 4));
    assert_eq!(entity(&r, 0).kind, Concept);
    assert_eq!(entity(&r, 3).kind, Organization);
    check_invariants(&r, &mentions);
}

// ------------------------------------------------------------------ rule 2

#[test]
fn transliterations_of_a_place_merge() {
    let names = [
        "Panchir",
        "Panshir",
        "Pansir",
        "Panjshir",
        "the Pansir Valley",
        "Panchir valley",
        "Panjshir Province",
    ];
    let mentions: Vec<Mention> = names
        .iter()
        .enumerate()
        .map(|(i, n)| m(i % 3, i, n, Place))
        .collect();
    let r = run(&mentions, &[]);
    assert_eq!(r.entities.len(), 1, "{:?}", r.entities);
    assert_eq!(r.entities[0].aliases.len(), names.len() - 1);
    check_invariants(&r, &mentions);
}

#[test]
fn short_or_differently_started_names_do_not_merge_by_skeleton() {
    let mentions = vec![
        m(0, 0, "Bonn", Place),
        m(1, 0, "Bann", Place),
        m(2, 0, "Oman", Place),
        m(3, 0, "Amman", Place),
        m(4, 0, "Ali", Place),
        m(5, 0, "Aly", Place),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(r.entities.len(), 6, "{:?}", r.entities);
}

#[test]
fn person_transliterations_need_every_word() {
    let mentions = vec![
        m(0, 0, "Mohammed Omar", Person),
        m(1, 0, "Muhammad Umar", Person),
        m(2, 0, "Mohammed Amin", Person),
        m(3, 0, "Anna Smith", Person),
        m(4, 0, "Anne Smith", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert!(!same(&r, 0, 2));
    assert!(!same(&r, 3, 4));
}

// ------------------------------------------------------------------ rule 3

#[test]
fn surname_takes_the_most_recent_full_name_before_it() {
    let mentions = vec![
        m(0, 0, "Amrullah Saleh", Person),
        m(0, 10, "Barham Saleh", Person),
        m(0, 20, "Saleh", Person),
        m(0, 30, "Amrullah Saleh", Person),
        m(0, 40, "Saleh", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 2, 1), "most recent before is Barham Saleh");
    assert!(same(&r, 4, 0), "then Amrullah Saleh again");
    assert!(!same(&r, 0, 1));
}

#[test]
fn surname_before_any_full_name_takes_the_first_after_it() {
    let mentions = vec![
        m(0, 0, "Saleh", Person),
        m(0, 10, "Amrullah Saleh", Person),
        m(0, 20, "Barham Saleh", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert!(!same(&r, 0, 2));
}

#[test]
fn surname_matches_a_last_name_spelled_another_way() {
    let mentions = vec![
        m(0, 0, "Ahmad Shah Massoud", Person),
        m(0, 10, "Masood", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert_eq!(entity(&r, 1).label, "Ahmad Shah Massoud");
}

#[test]
fn full_names_merge_across_articles_as_subsequences() {
    let mentions = vec![
        m(0, 0, "Ahmah Shah Massoud", Person),
        m(1, 0, "Ahmad Massoud", Person),
        m(2, 0, "Amrullah Saleh", Person),
        m(3, 0, "Amrullah Saleh", Person),
        m(4, 0, "Zia Massoud", Person),
        m(5, 0, "Ahmad Saleh", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert!(same(&r, 2, 3));
    assert!(!same(&r, 0, 4));
    assert!(!same(&r, 1, 5));
    assert_eq!(r.entities.len(), 4);
}

#[test]
fn surname_alone_never_joins_a_full_name_of_another_article() {
    let mentions = vec![m(0, 0, "Saleh", Person), m(1, 0, "Amrullah Saleh", Person)];
    let r = run(&mentions, &[]);
    assert!(!same(&r, 0, 1));
}

#[test]
fn lone_surnames_of_one_type_merge_across_articles() {
    let mentions = vec![
        m(0, 0, "Saleh", Person),
        m(1, 0, "SALEH", Person),
        m(2, 0, "Saleh", Organization),
        m(3, 0, "Amrullah Saleh", Person),
        m(3, 5, "Saleh", Person),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert!(!same(&r, 0, 2), "not the same type");
    assert!(!same(&r, 0, 4), "Saleh of article 3 is Amrullah Saleh");
    assert!(same(&r, 3, 4));
}

// ------------------------------------------------------------------ rule 4

#[test]
fn titled_surname_kept_apart_keeps_its_title() {
    let mentions = vec![
        m(0, 0, "Ahmad Massoud", Person),
        m(0, 10, "Massoud", Person).with_title("commander"),
        m(0, 20, "Massoud", Person),
        m(0, 30, "Ahmad Massoud", Person),
        m(0, 40, "Massoud", Person),
    ];
    let r = run(&mentions, &[Link::Different(0, 1)]);
    assert!(!same(&r, 0, 1));
    assert!(same(&r, 0, 3));
    assert!(
        same(&r, 2, 0),
        "an untitled surname names the full-named person"
    );
    assert!(same(&r, 4, 3), "most recent is Ahmad Massoud again");
    assert_eq!(entity(&r, 1).label, "commander Massoud");
    assert_eq!(entity(&r, 1).aliases, ["Massoud"]);
    assert_eq!(entity(&r, 0).label, "Ahmad Massoud");
    assert_eq!(r.entities.len(), 2);
    check_invariants(&r, &mentions);
}

#[test]
fn same_title_is_preferred_for_a_titled_surname() {
    let mentions = vec![
        m(0, 0, "Massoud", Person).with_title("commander"),
        m(0, 10, "Ahmad Massoud", Person),
        m(0, 20, "Massoud", Person).with_title("commander"),
    ];
    let r = run(&mentions, &[Link::Different(1, 0)]);
    assert!(same(&r, 0, 2));
    assert!(!same(&r, 1, 2));
}

#[test]
fn courtesy_titles_do_not_make_labels() {
    let mentions = vec![m(0, 0, "Saleh", Person).with_title("Mr.")];
    let r = run(&mentions, &[]);
    assert_eq!(r.entities[0].label, "Saleh");
    assert_eq!(r.entities[0].aliases, ["Mr. Saleh"]);
}

#[test]
fn different_links_hold_through_every_rule() {
    // 0 = 1 by a Same link, 1 and 2 have equal names, but 0 ≠ 2.
    let mentions = vec![
        m(0, 0, "Lion of Panjshir", Person),
        m(0, 10, "Ahmad Shah Massoud", Person),
        m(1, 0, "Ahmad Shah Massoud", Person),
        m(1, 10, "Ahmad Massoud", Person),
    ];
    let links = [Link::Same(0, 1), Link::Different(0, 2)];
    let r = run(&mentions, &links);
    assert!(same(&r, 0, 1));
    assert!(!same(&r, 1, 2));
    assert!(!same(&r, 0, 2));
    check_invariants(&r, &mentions);
}

#[test]
fn father_and_son_stay_apart() {
    let mentions = vec![
        m(0, 0, "Ahmad Massoud", Person),
        m(0, 10, "Ahmad Shah Massoud", Person),
        m(0, 20, "Massoud", Person),
    ];
    let r = run(&mentions, &[Link::Different(0, 1)]);
    assert!(!same(&r, 0, 1));
    assert!(same(&r, 2, 1));
}

#[test]
fn out_of_range_links_are_ignored() {
    let mentions = vec![m(0, 0, "Kabul", Place)];
    let links = [Link::Same(0, 5), Link::Different(7, 0), Link::Same(0, 0)];
    let r = run(&mentions, &links);
    assert_eq!(r.entities.len(), 1);
}

// ------------------------------------------------------------------ rule 5

#[test]
fn acronyms_join_the_names_they_abbreviate() {
    let mentions = vec![
        m(0, 0, "Foundation for Defense of Democracies", Organization),
        m(0, 50, "FDD", Organization),
        m(1, 0, "United Nations", Organization),
        m(2, 0, "U.N.", Organization),
        m(3, 0, "FDD", Organization),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert!(same(&r, 2, 3));
    assert!(same(&r, 0, 4), "equal to the FDD of article 0");
    // The first article's view names it: each spelling once, the first wins.
    assert_eq!(entity(&r, 1).label, "Foundation for Defense of Democracies");
    assert_eq!(entity(&r, 1).aliases, ["FDD"]);
    assert_eq!(entity(&r, 3).label, "United Nations");
    assert_eq!(entity(&r, 3).aliases, ["U.N."]);
}

#[test]
fn ambiguous_acronyms_prefer_their_article_or_stay_alone() {
    let mentions = vec![
        m(0, 0, "Forces for Democratic Development", Organization),
        m(1, 0, "Foundation for Defense of Democracies", Organization),
        m(1, 20, "FDD", Organization),
        m(2, 0, "FDX", Organization),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 1, 2));
    assert!(!same(&r, 0, 2));
    let mentions = vec![
        m(0, 0, "Forces for Democratic Development", Organization),
        m(1, 0, "Foundation for Defense of Democracies", Organization),
        m(2, 0, "FDD", Organization),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(r.entities.len(), 3, "FDD of article 2 is ambiguous");
}

// ------------------------------------------------------------------ rule 6

#[test]
fn demonyms_and_country_names_resolve_to_the_country() {
    let mentions = vec![
        m(0, 0, "Afghan", Place),
        m(0, 5, "Afghanistan", Place),
        m(1, 0, "afghan", Concept),
        m(2, 0, "USA", Organization),
        m(2, 5, "the United States", Place),
        m(3, 0, "US", Place),
        m(3, 5, "U.S.", Place),
        m(3, 9, "American", Person),
        m(4, 0, "Jordan", Person),
        m(4, 5, "Jordan", Place),
    ];
    let r = run(&mentions, &[]);
    check_invariants(&r, &mentions);
    assert!(same(&r, 0, 1) && same(&r, 0, 2));
    let afghanistan = entity(&r, 0);
    assert_eq!(afghanistan.label, "Afghanistan");
    assert_eq!(afghanistan.key, "Afghanistan");
    assert_eq!(afghanistan.kind, Place);
    assert_eq!(afghanistan.aliases, ["Afghan", "afghan"]);
    for i in 4..=7 {
        assert!(same(&r, 3, i), "United States mention {i}");
    }
    let usa = entity(&r, 3);
    assert_eq!(usa.label, "United States");
    assert_eq!(usa.kind, Place);
    assert!(!same(&r, 8, 9), "Jordan the person is not the country");
    assert_eq!(entity(&r, 9).kind, Place);
    assert_eq!(entity(&r, 8).kind, Person);
}

#[test]
fn only_acronyms_of_full_country_names_are_countries() {
    let mentions = vec![
        m(0, 0, "UK", Organization),
        m(0, 5, "United Kingdom", Place),
        m(1, 0, "DC", Organization),
        m(1, 5, "SA", Organization),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
    assert_eq!(entity(&r, 0).label, "United Kingdom");
    assert_eq!(entity(&r, 2).label, "DC", "not DR Congo");
    assert_eq!(entity(&r, 3).label, "SA", "South Africa or Saudi Arabia");
}

#[test]
fn countries_with_alike_names_stay_apart() {
    let mentions = vec![
        m(0, 0, "Niger", Place),
        m(1, 0, "Nigeria", Place),
        m(2, 0, "Nigerian", Place),
    ];
    let r = run(&mentions, &[]);
    assert!(!same(&r, 0, 1));
    assert!(same(&r, 1, 2));
}

// ------------------------------------------------------------------ rule 7

#[test]
fn type_is_the_majority_with_person_first_on_ties() {
    let mentions = vec![
        m(0, 0, "Lund University", Organization),
        m(0, 5, "Lund University", Place),
        m(0, 8, "Lund University", Organization),
        m(0, 10, "Kunduz", Place),
        m(0, 15, "Kunduz", Organization),
        m(0, 20, "Battle of Kunduz", Event),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(entity(&r, 0).kind, Organization);
    assert_eq!(
        entity(&r, 3).kind,
        Organization,
        "tie: Organization before Place"
    );
    assert_eq!(entity(&r, 5).kind, Event);
}

#[test]
fn the_first_article_defines_type_and_label() {
    // Whatever later articles say, so that batching cannot change it.
    let mentions = vec![
        m(0, 0, "Kunduz", Organization),
        m(1, 0, "Kunduz", Place),
        m(2, 0, "Kunduz", Place),
        m(0, 10, "Kaboul", Place),
        m(1, 10, "Kabul", Place),
        m(2, 10, "Kabul", Place),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(entity(&r, 0).kind, Organization);
    assert_eq!(entity(&r, 3).label, "Kaboul");
    assert_eq!(entity(&r, 3).aliases, ["Kabul"]);
}

// ------------------------------------------------------------------ rule 8

#[test]
fn labels_prefer_the_most_frequent_then_the_first_spelling() {
    let mentions = vec![
        m(0, 0, "Kaboul", Place),
        m(0, 5, "Kabul", Place),
        m(0, 8, "Kabul", Place),
        m(0, 10, "Panshir", Place),
        m(0, 15, "Panchir", Place),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(entity(&r, 0).label, "Kabul");
    assert_eq!(entity(&r, 0).aliases, ["Kaboul"]);
    assert_eq!(entity(&r, 3).label, "Panshir");
}

#[test]
fn person_labels_are_the_most_frequent_then_longest_full_name() {
    let mentions = vec![
        m(0, 0, "Ahmad Massoud", Person),
        m(0, 10, "Massoud", Person),
        m(0, 20, "Ahmad Shah Massoud", Person),
        m(0, 30, "Ahmad Massoud", Person),
    ];
    let r = run(&mentions, &[]);
    assert_eq!(entity(&r, 0).label, "Ahmad Massoud");
    assert_eq!(entity(&r, 0).aliases, ["Ahmad Shah Massoud", "Massoud"]);
    let once_each = vec![
        m(0, 0, "Ahmad Massoud", Person),
        m(0, 20, "Ahmad Shah Massoud", Person),
    ];
    assert_eq!(entity(&run(&once_each, &[]), 0).label, "Ahmad Shah Massoud");
}

// ------------------------------------------------------------------ rule 9 and known entities

#[test]
fn keys_are_unique_and_avoid_known_keys() {
    let known = [known_entity("Massoud", "Massoud", Organization, &[])];
    let mentions = vec![
        m(0, 0, "Massoud", Person),
        m(1, 0, "Massoud", Person).with_title("commander"),
        m(2, 0, "Massoud", Person),
    ];
    let links = [Link::Same(0, 2)];
    // 0 and 2 are the same; 1 would join them but is kept apart.
    let mut links = links.to_vec();
    links.push(Link::Different(1, 0));
    let r = run_known(&mentions, &links, &known);
    check_invariants(&r, &mentions);
    assert!(same(&r, 0, 2));
    assert!(!same(&r, 0, 1));
    assert_eq!(entity(&r, 0).key, "Massoud_2");
    assert_eq!(entity(&r, 1).key, "commander_Massoud");
    assert!(r.entities.iter().all(|e| e.key != "Massoud"));
}

#[test]
fn equal_labels_get_numbered_keys_in_order() {
    let mentions = vec![
        m(0, 0, "Massoud", Person),
        m(1, 0, "Massoud", Person),
        m(2, 0, "Massoud", Person),
    ];
    let links = [
        Link::Different(0, 1),
        Link::Different(1, 2),
        Link::Different(0, 2),
    ];
    let r = run(&mentions, &links);
    let keys: Vec<&str> = r.entities.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["Massoud", "Massoud_2", "Massoud_3"]);
}

#[test]
fn mentions_of_known_entities_keep_their_key_and_label() {
    let known = [
        known_entity("Panjshir", "Panjshir", Place, &["Panjshir Valley"]),
        known_entity("Amrullah_Saleh", "Amrullah Saleh", Person, &["Saleh"]),
        known_entity("Massoud", "commander Massoud", Person, &["Massoud"]),
        known_entity("Taliban", "Taliban", Organization, &[]),
        known_entity("Taliban_2", "Taliban", Organization, &[]),
    ];
    let mentions = vec![
        m(0, 0, "Panchir", Place),
        m(0, 10, "Amrullah Saleh", Person),
        m(0, 20, "Saleh", Person),
        m(1, 0, "Massoud", Person).with_title("commander"),
        m(2, 0, "the Taliban", Organization),
        m(3, 0, "Saleh", Person),
    ];
    let r = run_known(&mentions, &[], &known);
    check_invariants(&r, &mentions);
    let panjshir = entity(&r, 0);
    assert_eq!(panjshir.key, "Panjshir");
    assert_eq!(panjshir.label, "Panjshir");
    assert_eq!(panjshir.aliases, ["Panchir", "Panjshir Valley"]);
    assert_eq!(entity(&r, 1).key, "Amrullah_Saleh");
    assert!(same(&r, 1, 2));
    assert_eq!(entity(&r, 3).key, "Massoud", "matched by its titled form");
    assert_eq!(entity(&r, 4).key, "Taliban");
    assert!(
        !same(&r, 5, 1),
        "a lone surname does not join a known full name"
    );
    assert_eq!(entity(&r, 5).key, "Saleh");
}

#[test]
fn lone_surname_joins_a_known_one_word_person() {
    let known = [known_entity("Karzai", "Karzai", Person, &[])];
    let mentions = vec![m(0, 0, "Karzai", Person), m(1, 0, "Karzai", Place)];
    let r = run_known(&mentions, &[], &known);
    assert_eq!(entity(&r, 0).key, "Karzai");
    assert_ne!(entity(&r, 1).key, "Karzai");
}

#[test]
fn resolution_is_deterministic() {
    let mentions: Vec<Mention> = (0..200)
        .map(|i| {
            let name = ["Massoud", "Ahmad Massoud", "Panchir", "Pansir", "Saleh"][i % 5];
            let kind = if i % 5 >= 2 && i % 5 < 4 {
                Place
            } else {
                Person
            };
            m(i / 7, i, name, kind)
        })
        .collect();
    let links: Vec<Link> = (0..40).map(|i| Link::Different(i * 5, i * 5 + 1)).collect();
    let first = run(&mentions, &links);
    check_invariants(&first, &mentions);
    for _ in 0..3 {
        assert_eq!(run(&mentions, &links), first);
    }
}

#[test]
fn empty_input_gives_empty_resolution() {
    assert_eq!(run(&[], &[]), Resolution::default());
}

// ------------------------------------------------------------------ rule 10

#[test]
fn a_hundred_thousand_mentions_resolve_quickly() {
    let first = ["Ahmad", "Amrullah", "Barham", "Hamid", "Abdul", "Gulbuddin"];
    let last = [
        "Massoud",
        "Saleh",
        "Karzai",
        "Hekmatyar",
        "Dostum",
        "Rabbani",
    ];
    let places = ["Panchir", "Panshir", "Kabul", "Kaboul", "Herat", "Kunduz"];
    let mut mentions = Vec::with_capacity(100_000);
    for i in 0..100_000 {
        let article = i / 50;
        let name = match i % 3 {
            0 => format!("{} {}", first[i % 6], last[(i / 3) % 6]),
            1 => last[(i / 5) % 6].to_owned(),
            _ => format!("{} {}", places[i % 6], i % 500),
        };
        let kind = if i % 3 == 2 { Place } else { Person };
        mentions.push(m(article, i, &name, kind));
    }
    let start = std::time::Instant::now();
    let r = run(&mentions, &[]);
    let elapsed = start.elapsed();
    check_invariants(&r, &mentions);
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
    assert!(r.entities.len() < mentions.len() / 10);
}

#[test]
fn one_huge_article_with_one_surname_resolves_quickly() {
    let syllables = ["ka", "lo", "mi", "su", "re", "ta", "vo", "ne"];
    let mut mentions = Vec::with_capacity(100_000);
    let mut links = Vec::new();
    for i in 0..100_000 {
        let mention = match i % 3 {
            0 => {
                let s = |n: usize| syllables[(i / 3 / n) % 8];
                m(0, i, &format!("{}{}{} Khan", s(1), s(8), s(64)), Person)
            }
            1 => m(0, i, "Khan", Person),
            _ => {
                links.push(Link::Different(i, i - 2));
                m(0, i, "Khan", Person).with_title("commander")
            }
        };
        mentions.push(mention);
    }
    let start = std::time::Instant::now();
    let r = run(&mentions, &links);
    let elapsed = start.elapsed();
    check_invariants(&r, &mentions);
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
    assert!(!same(&r, 2, 0));
}

#[test]
fn empty_names_stay_alone() {
    let mentions = vec![
        m(0, 0, "", Person),
        m(0, 5, " ", Person),
        m(1, 0, "?", Place),
    ];
    let r = run(&mentions, &[]);
    check_invariants(&r, &mentions);
    assert_eq!(r.entities.len(), 3);
    assert_eq!(r.entities[0].key, "entity");
    assert_eq!(r.entities[1].key, "entity_2");
}

#[test]
fn titled_namesake_kept_apart_in_one_article_stays_apart_in_the_next() {
    let mentions = vec![
        m(0, 0, "Ahmad Massoud", Person),
        m(0, 10, "Massoud", Person).with_title("commander"),
        m(1, 0, "Ahmad Massoud", Person),
        m(1, 10, "Massoud", Person).with_title("commander"),
        m(1, 20, "Massoud", Person),
    ];
    let r = run(&mentions, &[Link::Different(0, 1)]);
    assert!(same(&r, 0, 2));
    assert!(same(&r, 1, 3), "the same titled form across articles");
    assert!(!same(&r, 2, 3));
    assert!(
        same(&r, 4, 2),
        "an untitled surname names the full-named person"
    );
    assert_eq!(entity(&r, 3).label, "commander Massoud");
}

#[test]
fn titled_surname_alone_joins_the_full_name_of_its_article() {
    let mentions = vec![
        m(0, 0, "Amrullah Saleh", Person),
        m(0, 10, "Saleh", Person).with_title("President"),
    ];
    let r = run(&mentions, &[]);
    assert!(same(&r, 0, 1));
}
