//! Name matching: spellings users type reach the right entities.

use crate::common::{E, R, entity_index, relation_index};
use kg::ask::names::{fold, skeleton};
use kg::ask::{AskError, Indexes, MatchKind, NameIndex, parse, resolve};

fn iris(index: &NameIndex, name: &str) -> Vec<String> {
    index
        .lookup(name)
        .unwrap_or_else(|e| panic!("{name}: no match, closest {:?}", e.closest))
        .iris
}

#[test]
fn transliterations_of_panjshir_all_reach_it() {
    let index = entity_index();
    for spelling in [
        "Panjshir", "Panchir", "Panshir", "Pansir", "Panjsher", "panjshir", "PANJSHIR",
    ] {
        assert_eq!(
            iris(&index, spelling),
            [format!("{E}panjshir")],
            "{spelling}"
        );
    }
}

#[test]
fn kabul_and_qaida_variants() {
    let index = entity_index();
    assert_eq!(iris(&index, "Kaboul"), [format!("{E}kabul")]);
    for spelling in ["Al-Qaida", "al-Qaeda", "Al Qaeda", "al-qaïda", "Al-Kaida"] {
        assert_eq!(
            iris(&index, spelling),
            [format!("{E}al_qaida")],
            "{spelling}"
        );
    }
}

#[test]
fn how_a_name_matched_is_reported() {
    let index = entity_index();
    assert_eq!(index.lookup("Kabul").map(|m| m.how), Ok(MatchKind::Exact));
    assert_eq!(index.lookup("kabul").map(|m| m.how), Ok(MatchKind::Folded));
    assert_eq!(
        index.lookup("Panchir").map(|m| m.how),
        Ok(MatchKind::Fuzzy {
            matched_label: "Panjshir".to_owned()
        })
    );
    assert_eq!(
        index.lookup("Massoud").map(|m| m.how),
        Ok(MatchKind::Partial)
    );
}

#[test]
fn accents_and_case_are_ignored() {
    let index = NameIndex::new([
        ("urn:x:1", "José Martí"),
        ("urn:x:2", "Kadıköy"),
        ("urn:x:3", "Peña Nieto"),
        ("urn:x:4", "Straße"),
    ]);
    assert_eq!(iris(&index, "jose marti"), ["urn:x:1"]);
    assert_eq!(iris(&index, "KADIKOY"), ["urn:x:2"]);
    assert_eq!(iris(&index, "Pena Nieto"), ["urn:x:3"]);
    assert_eq!(iris(&index, "strasse"), ["urn:x:4"]);
    assert_eq!(fold("Al-Qaïda"), "al qaida");
    assert_eq!(fold("O'Brien"), "obrien");
    assert_eq!(fold("son_of"), "son of");
    assert_eq!(fold("e\u{301}le\u{300}ve"), "eleve");
}

#[test]
fn surname_matches_every_entity_with_that_word() {
    let index = entity_index();
    let m = index.lookup("Massoud").expect("match");
    assert_eq!(m.labels, ["Ahmad Massoud", "Ahmad Shah Massoud"]);
    assert_eq!(
        m.iris,
        [
            format!("{E}ahmad_massoud"),
            format!("{E}ahmad_shah_massoud")
        ]
    );
    // A fuzzy surname reaches the same people.
    let m = index.lookup("Masoud").expect("match");
    assert_eq!(m.labels, ["Ahmad Massoud", "Ahmad Shah Massoud"]);
}

#[test]
fn alternative_labels_match_and_the_same_entity_is_listed_once() {
    let index = entity_index();
    assert_eq!(iris(&index, "Saleh"), [format!("{E}amrullah_saleh")]);
    assert_eq!(
        iris(&index, "Lion of Panjshir"),
        [format!("{E}ahmad_shah_massoud")]
    );
    assert_eq!(iris(&index, "Panjshir Valley"), [format!("{E}panjshir")]);
}

#[test]
fn small_typos_are_forgiven_by_length() {
    let index = entity_index();
    assert_eq!(iris(&index, "Talibn"), [format!("{E}taliban")]);
    assert_eq!(iris(&index, "Afghanstan"), [format!("{E}afghanistan")]);
    assert_eq!(
        iris(&index, "Afgahnistan"),
        [format!("{E}afghanistan")],
        "transposition"
    );
    // Short names need an exact or folded match: "Kab" is not Kabul.
    assert!(index.lookup("Kab").is_err());
}

#[test]
fn no_match_gives_the_closest_names() {
    let index = entity_index();
    let err = index.lookup("Talibastan").expect_err("no match");
    assert_eq!(err.closest.first().map(String::as_str), Some("Taliban"));
    assert!(index.lookup("Xyzzy").expect_err("none").closest.len() <= 5);
}

#[test]
fn relations_match_labels_local_names_and_inflections_only() {
    let index = relation_index();
    let one = |name: &str| index.lookup_strict(name).map(|m| m.iris);
    assert_eq!(one("son_of"), Ok(vec![format!("{R}son_of")]));
    assert_eq!(one("son of"), Ok(vec![format!("{R}son_of")]));
    assert_eq!(one("Son-Of"), Ok(vec![format!("{R}son_of")]));
    assert_eq!(one("surrounds"), Ok(vec![format!("{R}surround")]));
    assert_eq!(one("killed"), Ok(vec![format!("{R}kill")]));
    let err = index
        .lookup_strict("surounds")
        .expect_err("typo is not run");
    assert_eq!(err.closest.first().map(String::as_str), Some("surround"));
}

#[test]
fn resolve_reports_notes_and_did_you_mean() {
    let (entities, relations) = (entity_index(), relation_index());
    let indexes = Indexes {
        entities: &entities,
        relations: &relations,
        classes: None,
    };
    let q = parse("Panchir <-surround- ?who, Massoud -> ?x").expect("parses");
    let (_, notes) = resolve(&q, &indexes).expect("resolves");
    let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "Panchir → Panjshir",
            "Massoud → Ahmad Massoud, Ahmad Shah Massoud"
        ]
    );

    let q = parse("?who -surounds-> Panjshir").expect("parses");
    let err = resolve(&q, &indexes).expect_err("unknown relation");
    assert!(matches!(err, AskError::UnknownRelation { .. }));
    assert_eq!(
        err.to_string(),
        "unknown relation 'surounds'; did you mean surround?"
    );

    let q = parse("Xyzzy -> ?x").expect("parses");
    let err = resolve(&q, &indexes).expect_err("unknown entity");
    assert!(
        err.to_string().starts_with("no entity named 'Xyzzy'"),
        "{err}"
    );
}

#[test]
fn skeletons_merge_transliterations() {
    for (a, b) in [
        ("panjshir", "panchir"),
        ("panjshir", "pansir"),
        ("qaida", "qaeda"),
        ("kabul", "kaboul"),
        ("mohammed", "muhamad"),
        ("taliban", "taleban"),
    ] {
        assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
    }
}

#[test]
fn lookups_stay_fast_on_100k_labels() {
    // Synthetic labels: 100k distinct three-syllable names.
    let syllables = [
        "ka", "bu", "lo", "ran", "mir", "sha", "zad", "pan", "jir", "tal", "ib", "an", "ho", "se",
        "in", "qa", "da", "far", "yab", "ghaz", "ni", "wal", "dak", "hel", "mand", "kun", "duz",
        "ba", "mi", "yan", "nur", "is", "tan", "lag", "man", "par", "wan", "kho", "st", "zab",
        "ul", "ur", "uz", "gan", "bad", "akh", "sham", "jaw", "jan", "ab",
    ];
    let mut pairs = Vec::new();
    'outer: for a in syllables {
        for b in syllables {
            for c in syllables {
                for d in ["", " khan", " zai", " wal"] {
                    pairs.push((format!("urn:e:{}", pairs.len()), format!("{a}{b}{c}{d}")));
                    if pairs.len() == 100_000 {
                        break 'outer;
                    }
                }
            }
        }
    }
    let start = std::time::Instant::now();
    let index = NameIndex::new(pairs);
    let built = start.elapsed();
    let start = std::time::Instant::now();
    for name in ["kabulo", "Kaboulo", "zzzzzzzz", "panjiran khan", "talibanx"] {
        let _ = index.lookup(name);
    }
    let per_lookup = start.elapsed() / 5;
    // Generous bounds: debug builds are slow; release is ~10x faster.
    assert!(built.as_secs() < 20, "build took {built:?}");
    assert!(per_lookup.as_millis() < 500, "lookup took {per_lookup:?}");
}
