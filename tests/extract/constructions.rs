//! One sentence (or two) per construction the extractor reads.

use kg::model::{EntityType, Modality, Polarity};

use crate::support::{asserts, denies, facts_of, find, negative, object_entity, positive};

#[test]
fn verbal_clause_with_preposition_in_the_relation() {
    let facts = facts_of("Amrullah Saleh withdrew to the Pansir Valley.");
    asserts(&facts, "Amrullah Saleh", "withdraw_to", "Pansir Valley");
}

#[test]
fn passive_with_agent_is_turned_active() {
    let facts =
        facts_of("Commander Ahmad Shah Massoud was killed by Al-Qaida on September 10, 2001.");
    let found = asserts(&facts, "Al-Qaida", "kill", "Ahmad Shah Massoud");
    assert_eq!(found[0].qualifiers.time.as_deref(), Some("2001-09-10"));
}

#[test]
fn coordinated_verbs_share_the_subject_and_control_carries_negation() {
    let facts = facts_of(
        "Amrullah Saleh vowed not to surrender to the Taliban and withdrew to the Pansir Valley.",
    );
    denies(&facts, "Amrullah Saleh", "surrender_to", "Taliban");
    asserts(&facts, "Amrullah Saleh", "withdraw_to", "Pansir Valley");
}

#[test]
fn relational_noun_in_apposition() {
    let facts =
        facts_of("Ahmad Massoud, son of commander Massoud, called for international support.");
    asserts(&facts, "Ahmad Massoud", "son_of", "commander Massoud");
    asserts(&facts, "Ahmad Massoud", "call_for", "international support");
}

#[test]
fn employment_phrases_normalize_to_one_relation() {
    let facts = facts_of("Abdul Sajed, a professor at Lund University, said it.");
    let found = asserts(&facts, "Abdul Sajed", "works_for", "Lund University");
    assert_eq!(
        found[0].evidence[0].surface.as_deref(),
        Some("professor at")
    );
}

#[test]
fn name_with_of_phrase_is_an_affiliation() {
    let facts = facts_of("For Bill Roggio of the think tank FDD, the situation is unclear.");
    asserts(&facts, "Bill Roggio", "affiliated_with", "FDD");
}

#[test]
fn title_is_stripped_and_kept_as_a_role() {
    let facts =
        facts_of("The former Afghan vice-president Amrullah Saleh withdrew to the Pansir Valley.");
    asserts(&facts, "Amrullah Saleh", "has_role", "vice-president");
    asserts(&facts, "Amrullah Saleh", "nationality", "Afghanistan");
    assert!(
        facts
            .iter()
            .all(|f| f.subject.label == "Amrullah Saleh" || f.subject.kind != EntityType::Person)
    );
}

#[test]
fn a_country_in_a_description_is_a_nationality_not_part_of_the_role() {
    for text in [
        "The Russian foreign minister, Sergei Lavrov, arrived in Kabul.",
        "Sergei Lavrov, the Russian foreign minister, arrived in Kabul.",
    ] {
        let facts = facts_of(text);
        // The name in apposition is the clause's subject, not its noun.
        asserts(&facts, "Sergei Lavrov", "arrive_in", "Kabul");
        asserts(&facts, "Sergei Lavrov", "has_role", "foreign minister");
        asserts(&facts, "Sergei Lavrov", "nationality", "Russia");
    }
    // A country's name before a title, as a demonym would be.
    let facts = facts_of("Pakistan Prime Minister Imran Khan arrived in Kabul.");
    asserts(&facts, "Imran Khan", "nationality", "Pakistan");
}

#[test]
fn no_determiner_negates_the_fact() {
    let facts = facts_of("Ahmad Massoud has no official position in the regime.");
    let found = find(&facts, "Ahmad Massoud", "have", "official position");
    assert!(negative(&found) && !positive(&found), "{facts:#?}");
}

#[test]
fn pronouns_refer_to_the_last_subject_of_their_kind() {
    let facts = facts_of(
        "The Taliban have not sought to invade Pansir. They surround Pansir on all sides.",
    );
    asserts(&facts, "Taliban", "surround", "Pansir");
    denies(&facts, "Taliban", "invade", "Pansir");
}

#[test]
fn reported_speech_is_marked_with_the_speaker() {
    let facts = facts_of("Jill Doronsoro said that the Taliban had surrounded Pansir.");
    let found = find(&facts, "Taliban", "surround", "Pansir");
    assert!(!found.is_empty(), "{facts:#?}");
    assert_eq!(found[0].modality, Modality::Reported);
    let speaker = found[0].evidence[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.label, "Jill Doronsoro");
}

#[test]
fn conditional_clause_is_marked() {
    let facts = facts_of("Ahmad Massoud will fight the Taliban if they enter the valley.");
    let found = find(&facts, "Ahmad Massoud", "fight", "Taliban");
    assert!(!found.is_empty(), "{facts:#?}");
    assert_eq!(found[0].modality, Modality::Conditional);
}

#[test]
fn surname_resolves_to_the_full_name_and_father_stays_apart() {
    let facts = facts_of(
        "Ahmad Massoud, son of commander Massoud, called for resistance. Massoud withdrew to Pansir.",
    );
    let son = find(&facts, "Ahmad Massoud", "son_of", "Massoud");
    let father = object_entity(son.first().expect("son_of"));
    assert_ne!(father.key, son[0].subject.key);
    let withdraw = asserts(&facts, "Ahmad Massoud", "withdraw_to", "Pansir");
    assert!(withdraw[0].subject.aliases.iter().any(|a| a == "Massoud"));
    assert!(facts.iter().all(|f| f.polarity == Polarity::Positive));
}

#[test]
fn possessive_kinship_is_a_relation_between_two_people() {
    let facts = facts_of("Ahmad Massoud, Massoud's son, called for resistance.");
    let found = find(&facts, "Ahmad Massoud", "son_of", "Massoud");
    let father = object_entity(found.first().expect("son_of"));
    assert_ne!(father.key, found[0].subject.key);
    assert!(find(&facts, "Ahmad Massoud", "has_role", "son").is_empty());
}

#[test]
fn a_noun_coordinated_with_a_participle_describes_the_name() {
    let facts = facts_of(
        "Mr. Saleh, born in Panchir and head of Afghan intelligence, responded in an audio exchange.",
    );
    asserts(&facts, "Saleh", "born_in", "Panchir");
    let head = find(&facts, "Saleh", "head_of", "Afghan intelligence");
    let office = object_entity(head.first().expect("head_of"));
    assert_eq!(office.label, "Afghan intelligence");
}

#[test]
fn a_place_noun_with_a_name_is_the_place() {
    let facts = facts_of("The Taliban surround the Panchir valley.");
    let found = find(&facts, "Taliban", "surround", "Panchir");
    let valley = object_entity(found.first().expect("surround"));
    assert_eq!(valley.kind, EntityType::Place);
}

#[test]
fn the_two_men_are_the_last_two_people_named() {
    let facts = facts_of(
        "Amrullah Saleh vowed not to surrender. Ahmad Massoud called for resistance. \
         The two men appeared together on social media.",
    );
    for person in ["Amrullah Saleh", "Ahmad Massoud"] {
        asserts(&facts, person, "appear_on", "social media");
    }
}

#[test]
fn a_relative_pronoun_stands_for_the_name_before_it() {
    let facts = facts_of(
        "The interests of the people of Pansir are currently being defended in Kabul by former \
         Prime Minister Abdullah Abdullah, who is negotiating with the Taliban, and Massoud's \
         uncles, who are negotiating in Pakistan.",
    );
    asserts(&facts, "Abdullah Abdullah", "negotiate_with", "Taliban");
}
