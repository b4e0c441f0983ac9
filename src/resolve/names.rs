//! Name normalization and comparison for entity resolution.
//!
//! Everything here works on *folded* names ([`crate::ask::names::fold`]:
//! lower case, no accents, punctuation as single spaces), so that the rules
//! in [`super`] never care how a name was typed.

use crate::ask::names::{bounded_distance, fold, skeleton};

/// Trailing words that say what kind of place a name is, not which one:
/// "Pansir Valley" and "Pansir" are the same place.
const GENERIC_WORDS: &[&str] = &[
    "basin",
    "desert",
    "district",
    "gorge",
    "island",
    "islands",
    "lake",
    "mountain",
    "mountains",
    "pass",
    "peninsula",
    "plain",
    "plains",
    "province",
    "region",
    "river",
    "valley",
    "valleys",
];

/// Words left out of initials: "Foundation for Defense of Democracies" is FDD.
const MINOR_WORDS: &[&str] = &["and", "for", "of", "the"];

/// Courtesy titles: they say nothing about who someone is, so they never
/// become part of a label ("Mr. Saleh" is labelled "Saleh").
const HONORIFICS: &[&str] = &[
    "frau", "herr", "madam", "madame", "messrs", "miss", "mlle", "mme", "monsieur", "mr", "mrs",
    "ms", "mx",
];

/// The form names are compared in: folded, without a leading article
/// ("the Taliban" is "Taliban", "the United States" is "United States").
pub(crate) fn normalize(name: &str) -> String {
    let folded = fold(name);
    match folded.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => folded,
    }
}

/// The raw name without a leading "the", for lookups that are case
/// sensitive (acronyms) or done by another module (the country lexicon).
pub(crate) fn strip_article(name: &str) -> &str {
    let name = name.trim();
    ["the ", "The ", "THE "]
        .iter()
        .find_map(|article| name.strip_prefix(article))
        .map_or(name, str::trim_start)
}

/// Number of words of a normalized name.
pub(crate) fn token_count(normalized: &str) -> usize {
    if normalized.is_empty() {
        0
    } else {
        normalized.split(' ').count()
    }
}

/// The last word of a normalized name: what a surname is compared with.
pub(crate) fn last_token(normalized: &str) -> &str {
    normalized.rsplit(' ').next().unwrap_or(normalized)
}

/// The specific part of a place-like name: trailing generic words
/// ([`GENERIC_WORDS`]) removed as long as a word remains, so that
/// "pansir valley" compares as "pansir" while "valley" stays "valley".
pub(crate) fn specific_part(normalized: &str) -> &str {
    let mut rest = normalized;
    while let Some((head, last)) = rest.rsplit_once(' ') {
        if head.is_empty() || !GENERIC_WORDS.contains(&last) {
            break;
        }
        rest = head;
    }
    rest
}

/// The comparison key of a concept: its last word in the singular, so that
/// "armed resistances" and "armed resistance" meet.
pub(crate) fn concept_key(normalized: &str) -> String {
    match normalized.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", singular(last)),
        None => singular(normalized),
    }
}

/// A crude English singular: enough to pair a concept's two forms, since
/// both forms go through it.
fn singular(word: &str) -> String {
    if word.chars().count() < 4 {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("es")
        && ["ch", "sh", "ss", "x", "z"]
            .iter()
            .any(|e| stem.ends_with(e))
    {
        return stem.to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

/// The letters of an acronym, lower case: 2 to 6 capital letters, dots
/// allowed ("FDD", "U.N." → "fdd", "un").
pub(crate) fn acronym(name: &str) -> Option<String> {
    let letters: String = name.trim().chars().filter(|&c| c != '.').collect();
    let len = letters.chars().count();
    let all_caps = letters.chars().all(|c| c.is_uppercase());
    ((2..=6).contains(&len) && all_caps).then(|| letters.to_lowercase())
}

/// The initials of a name of at least two significant words, minor words
/// ([`MINOR_WORDS`]) left out: "foundation for defense of democracies" → "fdd".
pub(crate) fn initials(normalized: &str) -> Option<String> {
    let words: Vec<&str> = normalized
        .split(' ')
        .filter(|w| !w.is_empty() && !MINOR_WORDS.contains(w))
        .collect();
    (words.len() >= 2).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// Whether a title is only a courtesy ("Mr.", "Mrs", "Ms").
pub(crate) fn is_honorific(title: &str) -> bool {
    HONORIFICS.contains(&fold(title).as_str())
}

/// Number of sound codes in a skeleton (spaces between words not counted).
/// Skeletons of fewer than 3 codes ("Bn", "Al") are shared by too many
/// unrelated names to merge on.
pub(crate) fn skeleton_codes(skeleton: &str) -> usize {
    skeleton.chars().filter(|&c| c != ' ').count()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Whether two spellings are few edits apart: one for names up to 5
/// letters, else a third of the length, at least 2 ("Pansir" is 2 edits
/// from "Panjshir").
fn close_spellings(a: &[char], b: &[char]) -> bool {
    let longest = a.len().max(b.len());
    let limit = if longest <= 5 {
        1
    } else {
        (longest / 3).max(2)
    };
    bounded_distance(a, b, limit).is_some()
}

/// Whether two specific parts of place, organization or other non-person
/// names are spellings of one name: the same skeleton of at least 3 codes,
/// the same start (a name that starts with a vowel keeps it: "Oman" is not
/// "Amman", "Iran" is not "Oran"; a consonant may change within its sound:
/// "Qandahar", "Kandahar"), and [`close_spellings`]. Lone words carry no
/// first or last name to confirm them, hence the stricter start.
pub(crate) fn spellings_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let sa = skeleton(a);
    if skeleton_codes(&sa) < 3 || sa != skeleton(b) {
        return false;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (Some(&fa), Some(&fb)) = (ca.first(), cb.first()) else {
        return false;
    };
    if fa != fb && (is_vowel(fa) || is_vowel(fb)) {
        return false;
    }
    close_spellings(&ca, &cb)
}

/// Whether two words of person names match: equal; or both of at least 5
/// letters and one edit apart ("Ahmah", "Ahmad"); or the same skeleton and
/// [`close_spellings`], where a word shorter than 5 letters needs a
/// skeleton of 3 codes ("Omar", "Umar") so that "Anna" and "Anne" stay
/// apart.
pub(crate) fn tokens_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shortest = ca.len().min(cb.len());
    if shortest >= 5 && bounded_distance(&ca, &cb, 1).is_some() {
        return true;
    }
    let sa = skeleton(a);
    let min_codes = if shortest >= 5 { 2 } else { 3 };
    skeleton_codes(&sa) >= min_codes && sa == skeleton(b) && close_spellings(&ca, &cb)
}

/// Whether two multi-word person names (as word lists) name one person:
/// the shorter is a subsequence of the longer with the same first and last
/// word, words compared with [`tokens_match`]. "Ahmad Massoud" matches
/// "Ahmah Shah Massoud"; "Ahmad Massoud" does not match "Zia Massoud".
pub(crate) fn person_names_match(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (Some((s_first, s_rest)), Some((l_first, l_rest))) =
        (short.split_first(), long.split_first())
    else {
        return false;
    };
    let (Some((s_last, s_middle)), Some((l_last, l_middle))) =
        (s_rest.split_last(), l_rest.split_last())
    else {
        return false;
    };
    if !tokens_match(s_first, l_first) || !tokens_match(s_last, l_last) {
        return false;
    }
    let mut remaining = l_middle.iter();
    s_middle
        .iter()
        .all(|word| remaining.any(|other| tokens_match(word, other)))
}

/// Blocking keys of a word of a person name: two words that
/// [`tokens_match`] always share one, so candidates are found by hash
/// lookups instead of comparing all pairs. Keys are the word itself, its
/// one-letter deletions when it is long enough for the one-edit rule (two
/// words one edit apart share a deletion), and its skeleton.
pub(crate) fn word_keys(word: &str) -> Vec<String> {
    let mut keys = vec![format!("x:{word}")];
    let chars: Vec<char> = word.chars().collect();
    if chars.len() >= 5 {
        keys.push(format!("d:{word}"));
        for i in 0..chars.len() {
            let deleted: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
            keys.push(format!("d:{deleted}"));
        }
    }
    let sk = skeleton(word);
    if skeleton_codes(&sk) >= 2 {
        keys.push(format!("s:{sk}"));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The key of a label: [`crate::vocab::slug`], the rule that mints IRIs,
/// so the key is the IRI's local name verbatim. "Amrullah Saleh" → "Amrullah_Saleh", "Mr. Saleh" → "Mr._Saleh". When
/// nothing is left the key is "entity" (the slug would be "_", which cannot
/// take a "_2" suffix and stay its own slug).
pub(crate) fn key_of(label: &str) -> String {
    match crate::vocab::slug(label) {
        slug if slug == "_" => "entity".to_owned(),
        slug => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_and_drops_a_leading_article() {
        assert_eq!(normalize("The Pansir Valley"), "pansir valley");
        assert_eq!(normalize("Herāt"), "herat");
        assert_eq!(normalize("the"), "the");
        assert_eq!(normalize("Theodore Roosevelt"), "theodore roosevelt");
        assert_eq!(strip_article("the US"), "US");
        assert_eq!(strip_article(" The  United States"), "United States");
        assert_eq!(strip_article("Theo"), "Theo");
    }

    #[test]
    fn specific_part_drops_trailing_generic_words_only() {
        assert_eq!(specific_part("pansir valley"), "pansir");
        assert_eq!(specific_part("hindu kush mountains"), "hindu kush");
        assert_eq!(specific_part("kunar river valley"), "kunar");
        assert_eq!(specific_part("valley"), "valley");
        assert_eq!(specific_part("lund university"), "lund university");
    }

    #[test]
    fn concept_keys_ignore_plural() {
        assert_eq!(concept_key("armed resistances"), "armed resistance");
        assert_eq!(concept_key("armed resistance"), "armed resistance");
        assert_eq!(concept_key("policies"), concept_key("policy"));
        assert_eq!(concept_key("churches"), "church");
        assert_eq!(concept_key("sharia law"), "sharia law");
        assert_eq!(concept_key("process"), "process");
        assert_eq!(concept_key("gas"), "gas");
    }

    #[test]
    fn acronyms_and_initials() {
        assert_eq!(acronym("FDD").as_deref(), Some("fdd"));
        assert_eq!(acronym("U.N.").as_deref(), Some("un"));
        assert_eq!(acronym("Nato"), None);
        assert_eq!(acronym("A"), None);
        assert_eq!(acronym("ABCDEFG"), None);
        assert_eq!(
            initials("foundation for defense of democracies").as_deref(),
            Some("fdd")
        );
        assert_eq!(initials("united nations").as_deref(), Some("un"));
        assert_eq!(initials("taliban"), None);
    }

    #[test]
    fn transliterations_of_places_match() {
        for (a, b) in [
            ("panchir", "panshir"),
            ("panchir", "pansir"),
            ("pansir", "panjshir"),
            ("kabul", "kaboul"),
            ("kandahar", "qandahar"),
            ("al qaeda", "al qaida"),
        ] {
            assert!(spellings_match(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("oman", "amman"),
            ("iran", "oran"),
            ("bonn", "bann"),
            ("pansir", "pincer"),
        ] {
            assert!(!spellings_match(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn person_words_match_by_edit_or_skeleton() {
        assert!(tokens_match("ahmah", "ahmad"));
        assert!(tokens_match("massoud", "masood"));
        assert!(tokens_match("mohammed", "muhammad"));
        assert!(tokens_match("omar", "umar"));
        assert!(!tokens_match("anna", "anne"));
        assert!(!tokens_match("john", "jane"));
        assert!(!tokens_match("saleh", "massoud"));
    }

    #[test]
    fn person_names_match_as_subsequences() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        let yes = [
            ("ahmah shah massoud", "ahmad massoud"),
            ("amrullah saleh", "amrullah saleh"),
            ("george w bush", "george bush"),
        ];
        for (a, b) in yes {
            assert!(person_names_match(&words(a), &words(b)), "{a} / {b}");
        }
        let no = [
            ("ahmad massoud", "zia massoud"),
            ("ahmad shah massoud", "ahmad zia massoud"),
            ("amrullah saleh", "amrullah"),
            ("ahmad massoud", "ahmad saleh"),
        ];
        for (a, b) in no {
            assert!(!person_names_match(&words(a), &words(b)), "{a} / {b}");
        }
    }

    #[test]
    fn matching_words_share_a_surname_key() {
        for (a, b) in [
            ("massoud", "masoud"),
            ("massoud", "masood"),
            ("saleh", "salih"),
        ] {
            assert!(tokens_match(a, b), "{a} / {b}");
            let kb = word_keys(b);
            assert!(word_keys(a).iter().any(|k| kb.contains(k)), "{a} / {b}");
        }
    }

    #[test]
    fn keys_follow_the_slug_rule() {
        assert_eq!(key_of("Amrullah Saleh"), "Amrullah_Saleh");
        assert_eq!(key_of("Mr. Saleh"), "Mr._Saleh");
        assert_eq!(key_of("  Al-Qaïda  "), "Al-Qaïda");
        assert_eq!(key_of("O'Brien"), "O_Brien");
        assert_eq!(key_of("U.S."), "U.S");
        assert_eq!(key_of("?!"), "entity");
    }

    #[test]
    fn honorifics_are_not_titles() {
        assert!(is_honorific("Mr."));
        assert!(is_honorific("Mrs"));
        assert!(!is_honorific("commander"));
        assert!(!is_honorific("President"));
    }
}
