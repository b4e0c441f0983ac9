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

/// Asserts the lemma of each (form, UPOS, XPOS).
fn assert_lemmas(l: &Lemmatizer, cases: &[(&str, Upos, Xpos, &str)]) {
    for &(form, upos, xpos, lemma) in cases {
        assert_eq!(l.lemmatize(form, upos, xpos), lemma, "{form} ({xpos:?})");
    }
}

#[test]
fn suffix_rules_prefer_known_lemmas() {
    assert_lemmas(
        &trained(),
        &[
            ("countries", Upos::Noun, Xpos::Nns, "country"),
            ("running", Upos::Verb, Xpos::Vbg, "run"),
            ("bigger", Upos::Adj, Xpos::Jjr, "big"),
            ("making", Upos::Verb, Xpos::Vbg, "make"),
            ("called", Upos::Verb, Xpos::Vbd, "call"),
            ("Boxes", Upos::Noun, Xpos::Nns, "box"),
        ],
    );
}

#[test]
fn unknown_words_fall_back_to_heuristics() {
    assert_lemmas(
        &trained(),
        &[
            ("blorped", Upos::Verb, Xpos::Vbd, "blorp"),
            ("zated", Upos::Verb, Xpos::Vbd, "zate"),
            ("flapping", Upos::Verb, Xpos::Vbg, "flap"),
        ],
    );
}

#[test]
fn proper_nouns_keep_case_and_exceptions_win() {
    assert_lemmas(
        &trained(),
        &[
            ("States", Upos::Propn, Xpos::Nnps, "State"),
            ("Kabul", Upos::Propn, Xpos::Nnp, "Kabul"),
            ("WENT", Upos::Verb, Xpos::Vbd, "go"),
        ],
    );
}

#[test]
fn shipped_lemmatizer_handles_irregulars() {
    assert_lemmas(
        crate::models::pipeline().tagger().lemmatizer(),
        &[
            ("went", Upos::Verb, Xpos::Vbd, "go"),
            ("children", Upos::Noun, Xpos::Nns, "child"),
            ("better", Upos::Adj, Xpos::Jjr, "good"),
        ],
    );
}

#[test]
fn irregular_verbs_unseen_in_training_get_their_lemma() {
    assert_lemmas(
        &trained(),
        &[
            // The suffix rules alone would give "fl", "ble" and "she".
            ("fled", Upos::Verb, Xpos::Vbd, "flee"),
            ("bled", Upos::Verb, Xpos::Vbn, "bleed"),
            ("shed", Upos::Verb, Xpos::Vbd, "shed"),
            ("sought", Upos::Verb, Xpos::Vbd, "seek"),
            ("withdrawn", Upos::Verb, Xpos::Vbn, "withdraw"),
            // Past and participle are told apart: "lay" is the past of "lie".
            ("lay", Upos::Verb, Xpos::Vbd, "lie"),
            ("lain", Upos::Verb, Xpos::Vbn, "lie"),
            // Regular verbs still go through the rules.
            ("called", Upos::Verb, Xpos::Vbd, "call"),
        ],
    );
}
