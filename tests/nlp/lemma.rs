//! Lemmatizer: suffix rules steered by known lemmas, and learned exceptions.

use kg::nlp::conllu::read_conllu;
use kg::nlp::lemma::Lemmatizer;
use kg::nlp::{Upos, Xpos};

/// Known lemmas come from the training data; `went` is an exception.
fn trained() -> Lemmatizer {
    let rows = [
        ("run", "run", "VERB", "VB"),
        ("make", "make", "VERB", "VB"),
        ("country", "country", "NOUN", "NN"),
        ("big", "big", "ADJ", "JJ"),
        ("call", "call", "VERB", "VB"),
        ("went", "go", "VERB", "VBD"),
        ("Went", "go", "VERB", "VBD"),
    ];
    let text: String = rows
        .iter()
        .enumerate()
        .map(|(i, (form, lemma, upos, xpos))| {
            format!(
                "{}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t0\troot\t_\t_\n",
                i + 1
            )
        })
        .collect();
    Lemmatizer::train(&read_conllu(text.as_bytes()).expect("valid sample"))
}

#[test]
fn suffix_rules_prefer_known_lemmas() {
    let l = trained();
    assert_eq!(l.lemmatize("countries", Upos::Noun, Xpos::Nns), "country");
    assert_eq!(l.lemmatize("running", Upos::Verb, Xpos::Vbg), "run");
    assert_eq!(l.lemmatize("bigger", Upos::Adj, Xpos::Jjr), "big");
    assert_eq!(l.lemmatize("making", Upos::Verb, Xpos::Vbg), "make");
    assert_eq!(l.lemmatize("called", Upos::Verb, Xpos::Vbd), "call");
    assert_eq!(l.lemmatize("Boxes", Upos::Noun, Xpos::Nns), "box");
}

#[test]
fn unknown_words_fall_back_to_heuristics() {
    let l = trained();
    assert_eq!(l.lemmatize("blorped", Upos::Verb, Xpos::Vbd), "blorp");
    assert_eq!(l.lemmatize("zated", Upos::Verb, Xpos::Vbd), "zate");
    assert_eq!(l.lemmatize("flapping", Upos::Verb, Xpos::Vbg), "flap");
}

#[test]
fn proper_nouns_keep_case_and_exceptions_win() {
    let l = trained();
    assert_eq!(l.lemmatize("States", Upos::Propn, Xpos::Nnps), "State");
    assert_eq!(l.lemmatize("Kabul", Upos::Propn, Xpos::Nnp), "Kabul");
    assert_eq!(l.lemmatize("WENT", Upos::Verb, Xpos::Vbd), "go");
}

#[test]
fn shipped_lemmatizer_handles_irregulars() {
    let l = crate::models::pipeline().tagger().lemmatizer();
    assert_eq!(l.lemmatize("went", Upos::Verb, Xpos::Vbd), "go");
    assert_eq!(l.lemmatize("children", Upos::Noun, Xpos::Nns), "child");
    assert_eq!(l.lemmatize("better", Upos::Adj, Xpos::Jjr), "good");
}

#[test]
fn irregular_verbs_unseen_in_training_get_their_lemma() {
    let l = trained();
    // The suffix rules alone would give "fl", "ble" and "she".
    assert_eq!(l.lemmatize("fled", Upos::Verb, Xpos::Vbd), "flee");
    assert_eq!(l.lemmatize("bled", Upos::Verb, Xpos::Vbn), "bleed");
    assert_eq!(l.lemmatize("shed", Upos::Verb, Xpos::Vbd), "shed");
    assert_eq!(l.lemmatize("sought", Upos::Verb, Xpos::Vbd), "seek");
    assert_eq!(l.lemmatize("withdrawn", Upos::Verb, Xpos::Vbn), "withdraw");
    // Past and participle are told apart: "lay" is the past of "lie".
    assert_eq!(l.lemmatize("lay", Upos::Verb, Xpos::Vbd), "lie");
    assert_eq!(l.lemmatize("lain", Upos::Verb, Xpos::Vbn), "lie");
    // Regular verbs still go through the rules.
    assert_eq!(l.lemmatize("called", Upos::Verb, Xpos::Vbd), "call");
}
