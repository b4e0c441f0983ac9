//! Lookup keys of the store's resolution index: the names under which a
//! stored entity can be found by the merge steps of [`super`], so that a
//! batch of new mentions reads only the stored entities it could resolve to
//! (a few index lookups per mention) instead of every entity in the store.
//!
//! [`index_keys`] files a stored entity's name under the keys the steps
//! compare it on; [`query_keys`] gives every key a new mention could meet a
//! stored entity on. Both use the same prefixes, one per kind of key:
//!
//! | prefix | key | step |
//! |---|---|---|
//! | `n:` | normalized name (place-like names: specific part) | equal names, countries |
//! | `c:` | concept key | equal concepts |
//! | `s:` | transliteration skeleton | transliterations |
//! | `i:` / `a:` | initials of a multi-word name / letters of an acronym | acronyms |
//! | `l:` | blocking keys of a full person name's last word | full person names |
//! | `u:` | a one-word person name | surnames across articles |
//!
//! A query key set may fetch more entities than the steps will join (the
//! resolver decides), never fewer: a stored entity the steps would join to a
//! mention always shares a key with it.

use super::names;
use crate::model::EntityType;

/// The keys a stored entity of `kind` is filed under for one of its names.
pub fn index_keys(name: &str, kind: EntityType) -> Vec<String> {
    let norm = names::normalize(name);
    let tokens = names::token_count(&norm);
    let mut keys = Vec::new();
    if tokens == 0 {
        return keys;
    }
    match kind {
        EntityType::Concept => keys.push(format!("c:{}", names::concept_key(&norm))),
        EntityType::Person if tokens == 1 => keys.push(format!("u:{norm}")),
        EntityType::Person => {
            keys.push(format!("n:{norm}"));
            skeleton_key(&norm, &mut keys);
            last_word_keys(&norm, &mut keys);
        }
        _ => {
            let specific = names::specific_part(&norm);
            keys.push(format!("n:{specific}"));
            skeleton_key(specific, &mut keys);
            if let Some(initials) = names::initials(&norm) {
                keys.push(format!("i:{initials}"));
            }
            if let Some(letters) = names::acronym(names::strip_article(name)) {
                keys.push(format!("a:{letters}"));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Every key under which a stored entity could match a mention named
/// `name` of `kind` (with `titled` its titled form, "commander Massoud",
/// and `country` the common name of the country it denotes, if any).
pub fn query_keys(
    name: &str,
    kind: EntityType,
    titled: Option<&str>,
    country: Option<&str>,
) -> Vec<String> {
    let norm = names::normalize(name);
    let tokens = names::token_count(&norm);
    let mut keys = Vec::new();
    if let Some(common) = country {
        let common = names::normalize(common);
        keys.push(format!("n:{}", names::specific_part(&common)));
    }
    if tokens == 0 {
        return keys;
    }
    if kind == EntityType::Concept {
        keys.push(format!("c:{}", names::concept_key(&norm)));
        return keys;
    }
    if kind == EntityType::Person && tokens == 1 {
        keys.push(format!("u:{norm}"));
        if let Some(titled) = titled {
            keys.push(format!("n:{}", names::normalize(titled)));
        }
        return keys;
    }
    let specific = names::specific_part(&norm);
    for form in [norm.as_str(), specific] {
        keys.push(format!("n:{form}"));
        skeleton_key(form, &mut keys);
    }
    if let Some(initials) = names::initials(&norm) {
        keys.push(format!("a:{initials}"));
    }
    if let Some(letters) = names::acronym(names::strip_article(name)) {
        keys.push(format!("i:{letters}"));
    }
    if kind == EntityType::Person {
        last_word_keys(&norm, &mut keys);
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn skeleton_key(form: &str, keys: &mut Vec<String>) {
    let skeleton = crate::ask::names::skeleton(form);
    if names::skeleton_codes(&skeleton) >= 3 {
        keys.push(format!("s:{skeleton}"));
    }
}

fn last_word_keys(norm: &str, keys: &mut Vec<String>) {
    for key in names::word_keys(names::last_token(norm)) {
        keys.push(format!("l:{key}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meet(stored: (&str, EntityType), mention: (&str, EntityType)) -> bool {
        let filed = index_keys(stored.0, stored.1);
        query_keys(mention.0, mention.1, None, None)
            .iter()
            .any(|k| filed.contains(k))
    }

    #[test]
    fn spellings_of_a_place_share_a_key() {
        use EntityType::Place;
        assert!(meet(("Panjshir Valley", Place), ("Pansir", Place)));
        assert!(meet(("Panchir", Place), ("Panshir", Place)));
        assert!(!meet(("Kabul", Place), ("Panshir", Place)));
    }

    #[test]
    fn acronyms_meet_their_expansions_both_ways() {
        use EntityType::Organization as Org;
        let long = "Foundation for Defense of Democracies";
        assert!(meet((long, Org), ("FDD", Org)));
        assert!(meet(("FDD", Org), (long, Org)));
    }

    #[test]
    fn person_names_meet_by_last_word_and_surnames_by_themselves() {
        use EntityType::Person;
        assert!(meet(
            ("Ahmad Shah Massoud", Person),
            ("Ahmah Massoud", Person)
        ));
        assert!(meet(("Massoud", Person), ("Massoud", Person)));
        assert!(!meet(("Ahmad Massoud", Person), ("Massoud", Person)));
        let filed = index_keys("commander Massoud", Person);
        let keys = query_keys("Massoud", Person, Some("commander Massoud"), None);
        assert!(keys.iter().any(|k| filed.contains(k)));
    }

    #[test]
    fn concepts_meet_only_concepts() {
        use EntityType::{Concept, Organization};
        assert!(meet(
            ("armed resistances", Concept),
            ("armed resistance", Concept)
        ));
        assert!(!meet(("resistance", Organization), ("resistance", Concept)));
    }

    #[test]
    fn a_country_is_found_by_its_common_name() {
        let filed = index_keys("United States", EntityType::Place);
        let keys = query_keys("US", EntityType::Place, None, Some("United States"));
        assert!(keys.iter().any(|k| filed.contains(k)));
    }
}
