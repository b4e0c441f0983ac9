//! Tagger: persistence, determinism, bad files and an accuracy guard.

use crate::conllu::sample;
use kg::nlp::conllu::read_conllu;
use kg::nlp::tagger::clusters::{ClusterOptions, WordClusters};
use kg::nlp::tagger::{Tagger, TrainOptions, evaluate, train_tagger};
use kg::nlp::{ModelFile, NlpError};

/// Trained with clusters too, so persistence tests cover the cluster table.
fn tiny_tagger() -> Tagger {
    let sents = sample();
    let text: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let cluster_opts = ClusterOptions {
        sizes: [2, 2, 2],
        ..ClusterOptions::default()
    };
    let opts = TrainOptions {
        epochs: 3,
        tag_dict_min_count: 1000,
        clusters: Some(WordClusters::learn(&text, &cluster_opts)),
        ..TrainOptions::default()
    };
    train_tagger(&sents, None, &opts, |_| {}).expect("non-empty training data")
}

fn saved(tagger: &Tagger) -> Vec<u8> {
    let mut bytes = Vec::new();
    tagger.save(&mut bytes).expect("save to memory");
    bytes
}

#[test]
fn save_load_round_trip_gives_identical_tags() {
    let tagger = tiny_tagger();
    let loaded = Tagger::load(saved(&tagger).as_slice()).expect("load from memory");
    for words in [
        vec!["The", "dogs", "ran", "home", "."],
        vec!["Unseen", "words", "go", "!"],
    ] {
        assert_eq!(tagger.tag(&words), loaded.tag(&words));
    }
}

#[test]
fn training_is_deterministic() {
    assert_eq!(saved(&tiny_tagger()), saved(&tiny_tagger()));
}

#[test]
fn empty_training_data_is_an_error() {
    let result = train_tagger(&[], None, &TrainOptions::default(), |_| {});
    assert!(matches!(result, Err(NlpError::NoTrainingData)));
}

#[test]
fn wrong_magic_old_version_and_truncation_are_errors() {
    let err = Tagger::load(&b"NOTAMODEL-just-some-bytes"[..])
        .err()
        .expect("bad magic");
    assert!(matches!(err, NlpError::BadMagic { .. }), "{err}");
    assert!(Tagger::load(&b""[..]).is_err());

    let bytes = saved(&tiny_tagger());
    let mut old = bytes.clone();
    old[8..12].copy_from_slice(&0u32.to_le_bytes());
    let err = Tagger::load(old.as_slice()).err().expect("old version");
    assert!(
        matches!(err, NlpError::ModelVersion { found: 0, .. }),
        "{err}"
    );
    let truncated = &bytes[..bytes.len() / 2];
    assert!(Tagger::load(truncated).is_err());

    // A NER model is not a tagger model.
    let mut ner = Vec::new();
    crate::models::pipeline()
        .ner()
        .save(&mut ner)
        .expect("save");
    assert!(matches!(
        Tagger::load(ner.as_slice()),
        Err(NlpError::BadMagic { .. })
    ));
}

/// UPOS / XPOS / lemma accuracy on the first 300 EWT dev sentences,
/// measured with data/models/tagger.bin; the test allows about half a point.
const MEASURED_FIRST_300: [f64; 3] = [UPOS_300, XPOS_300, LEMMA_300];
const UPOS_300: f64 = 96.27;
const XPOS_300: f64 = 95.85;
const LEMMA_300: f64 = 97.99;

#[test]
fn shipped_model_accuracy_has_not_regressed() {
    let dev = crate::common::read_shared("corpora/ud-english-ewt/dev.conllu");
    let dev = read_conllu(dev.as_bytes()).expect("dev parses");
    let s = evaluate(
        crate::models::pipeline().tagger(),
        &dev[..300.min(dev.len())],
    );
    eprintln!(
        "first 300 dev sentences: UPOS {:.2} XPOS {:.2} lemma {:.2}",
        s.upos, s.xpos, s.lemma
    );
    for (got, measured) in [s.upos, s.xpos, s.lemma]
        .into_iter()
        .zip(MEASURED_FIRST_300)
    {
        assert!(got >= measured - 0.5, "{got:.2} < {measured} - 0.5");
    }
}
