//! Recognizer: BILOU labels, scoring, documents, persistence, accuracy
//! guards on CoNLL-2003 dev and on the sample articles' gold entities.

use kg::nlp::Xpos;
use kg::nlp::ner::label::{iob_to_spans, is_valid, labels_to_spans, spans_to_labels};
use kg::nlp::ner::{
    EntityKind, EntitySpan, Label, Ner, NerDocument, NerInput, NerToken, NerTrainOptions, Part,
    Recase, evaluate_ner, read_conll2003, recase_sentence, score_spans, train_ner,
};
use kg::nlp::{ModelFile, NlpError};
use std::collections::BTreeSet;

use EntityKind::{Location as Loc, Misc, Organization as Org, Person as Per};

fn span(start: usize, end: usize, kind: EntityKind) -> EntitySpan {
    EntitySpan {
        tokens: start..end,
        kind,
    }
}

#[test]
fn bilou_round_trip_is_valid() {
    let spans = vec![
        span(0, 1, Per),
        span(1, 4, Org),
        span(5, 7, Loc),
        span(8, 9, Misc),
    ];
    let labels = spans_to_labels(&spans, 10);
    assert!(is_valid(&labels));
    assert_eq!(labels[0], Label::Entity(Part::Unit, Per));
    assert_eq!(labels[2], Label::Entity(Part::Inside, Org));
    assert_eq!(labels_to_spans(&labels), spans);
}

#[test]
fn invalid_bilou_is_detected_and_decoded_leniently() {
    let i_per = Label::Entity(Part::Inside, Per);
    let l_per = Label::Entity(Part::Last, Per);
    let b_loc = Label::Entity(Part::Begin, Loc);
    assert!(!is_valid(&[i_per, l_per]));
    assert!(!is_valid(&[b_loc, Label::Outside]));
    assert!(!is_valid(&[b_loc, l_per]));
    assert_eq!(labels_to_spans(&[i_per, l_per]), vec![span(0, 2, Per)]);
    assert_eq!(
        labels_to_spans(&[b_loc, l_per, Label::Outside]),
        vec![span(0, 1, Loc), span(1, 2, Per)]
    );
}

#[test]
fn iob_reading_follows_conlleval() {
    let tags = ["I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "I-ORG"];
    let spans = iob_to_spans(&tags).expect("valid tags");
    assert_eq!(
        spans,
        vec![
            span(0, 2, Per),
            span(3, 4, Loc),
            span(4, 6, Loc),
            span(6, 7, Org)
        ]
    );
    assert!(iob_to_spans(&["B-FOO"]).is_err());
}

#[test]
fn span_scoring_matches_hand_computation() {
    let gold = vec![
        vec![span(0, 2, Per), span(3, 4, Loc)],
        vec![span(0, 1, Org), span(2, 3, Misc)],
    ];
    let predicted = vec![
        vec![span(0, 2, Per), span(3, 4, Org), span(5, 6, Per)],
        vec![span(0, 1, Org), span(2, 4, Misc)],
    ];
    let s = score_spans(&gold, &predicted);
    assert_eq!(
        (s.overall.gold, s.overall.predicted, s.overall.correct),
        (4, 5, 2)
    );
    assert!((s.overall.precision() - 40.0).abs() < 1e-9);
    assert!((s.overall.recall() - 50.0).abs() < 1e-9);
    assert!((s.overall.f1() - 400.0 / 9.0).abs() < 1e-9);
    let per = s.kind(Per);
    assert_eq!((per.gold, per.predicted, per.correct), (1, 2, 1));
    assert_eq!(s.kind(Loc).f1(), 0.0);
    let json = serde_json::to_value(&s).expect("serializes");
    assert_eq!(json["per_type"]["PER"]["gold"], 1);
    assert!((json["overall"]["precision"].as_f64().unwrap_or(0.0) - 40.0).abs() < 1e-9);
}

fn toy_document() -> NerDocument {
    let sentence = |words: &[(&str, Xpos)]| -> Vec<NerToken> {
        words
            .iter()
            .map(|&(w, pos)| NerToken::new(w, pos))
            .collect()
    };
    let input = NerInput {
        sentences: vec![
            sentence(&[
                ("Amrullah", Xpos::Nnp),
                ("Saleh", Xpos::Nnp),
                ("visited", Xpos::Vbd),
                ("Kabul", Xpos::Nnp),
                (".", Xpos::Period),
            ]),
            sentence(&[
                ("Lund", Xpos::Nnp),
                ("University", Xpos::Nnp),
                ("is", Xpos::Vbz),
                ("in", Xpos::In),
                ("Sweden", Xpos::Nnp),
                (".", Xpos::Period),
            ]),
        ],
    };
    let entities = vec![
        vec![span(0, 2, Per), span(3, 4, Loc)],
        vec![span(0, 2, Org), span(4, 5, Loc)],
    ];
    NerDocument::new(input, entities).expect("valid toy document")
}

#[test]
fn document_rejects_bad_spans() {
    let doc = toy_document();
    let overlapping = vec![vec![span(0, 2, Per), span(1, 3, Loc)], vec![]];
    assert!(NerDocument::new(doc.input().clone(), overlapping).is_err());
    let out_of_range = vec![vec![span(4, 9, Per)], vec![]];
    assert!(NerDocument::new(doc.input().clone(), out_of_range).is_err());
    assert!(NerDocument::new(doc.input().clone(), vec![]).is_err());
}

#[test]
fn save_load_round_trip() {
    let docs = vec![toy_document(); 3];
    let opts = NerTrainOptions {
        epochs: 3,
        prune: 0.0,
        ..Default::default()
    };
    let mut epochs = 0;
    let model = train_ner(&docs, Some(&docs), &opts, |_| epochs += 1).expect("trains");
    assert_eq!(epochs, 3);
    let mut bytes = Vec::new();
    model.save(&mut bytes).expect("saves");
    let loaded = Ner::load(bytes.as_slice()).expect("loads");
    assert_eq!(loaded.weight_count(), model.weight_count());
    let input = docs[0].input();
    assert_eq!(loaded.recognize(input), model.recognize(input));
    assert_eq!(evaluate_ner(&loaded, &docs).overall.f1(), 100.0);
}

#[test]
fn bad_model_files_are_errors() {
    assert!(matches!(
        Ner::load(b"definitely not a model".as_slice()),
        Err(NlpError::BadMagic { .. })
    ));
    assert!(Ner::load(&[][..]).is_err());
    let docs = vec![toy_document()];
    let model = train_ner(&docs, None, &NerTrainOptions::default(), |_| {}).expect("trains");
    let mut bytes = Vec::new();
    model.save(&mut bytes).expect("saves");
    bytes.truncate(bytes.len() / 2);
    assert!(Ner::load(bytes.as_slice()).is_err());
    let empty = train_ner(&[], None, &NerTrainOptions::default(), |_| {});
    assert!(matches!(empty, Err(NlpError::NoTrainingData)));
}

/// Dev F1 on the first 500 sentences, measured with data/models/ner.bin
/// (the test allows one point less).
const DEV500_F1: f64 = 95.74;

#[test]
fn dev_regression_first_500_sentences() {
    let pipeline = crate::models::pipeline();
    let docs = dev_prefix(500, None);
    let ner = pipeline.ner();
    for doc in &docs {
        for (s, spans) in doc.input().sentences.iter().zip(ner.recognize(doc.input())) {
            assert!(is_valid(&spans_to_labels(&spans, s.len())));
        }
    }
    let f1 = evaluate_ner(ner, &docs).overall.f1();
    eprintln!("first 500 dev sentences: F1 {f1:.2}");
    assert!(f1 >= DEV500_F1 - 1.0, "F1 {f1:.2} < {DEV500_F1} - 1");
}

/// The first `n` dev sentences, rewritten in `recase` if given, tagged by
/// the shipped tagger.
fn dev_prefix(n: usize, recase: Option<Recase>) -> Vec<NerDocument> {
    let pipeline = crate::models::pipeline();
    let dev = crate::common::shared_dir().join("corpora/conll2003/dev.txt");
    let mut docs = Vec::new();
    let mut budget = n;
    for mut doc in read_conll2003(dev).expect("dev set") {
        if budget == 0 {
            break;
        }
        doc.sentences.truncate(budget);
        budget -= doc.sentences.len();
        if let Some(style) = recase {
            for s in &mut doc.sentences {
                s.words = recase_sentence(&s.words, style);
            }
        }
        docs.push(doc.tag(pipeline.tagger()).expect("valid dev document"));
    }
    docs
}

/// F1 on the first 500 dev sentences rewritten as headlines and in
/// lowercase, measured with the shipped models (the test allows one point
/// less). Whole-dev figures: `kg eval ner --recase`.
const DEV500_TITLE_F1: f64 = 93.26;
const DEV500_LOWER_F1: f64 = 90.15;

#[test]
fn recased_text_keeps_most_entities() {
    let ner = crate::models::pipeline().ner();
    for (style, expected) in [
        (Recase::Title, DEV500_TITLE_F1),
        (Recase::Lower, DEV500_LOWER_F1),
    ] {
        let f1 = evaluate_ner(ner, &dev_prefix(500, Some(style)))
            .overall
            .f1();
        eprintln!("first 500 dev sentences, {style:?}: F1 {f1:.2}");
        assert!(
            f1 >= expected - 1.0,
            "{style:?}: F1 {f1:.2} < {expected} - 1"
        );
    }
}

/// Gold fixture rows: (article file name, surface, kind).
fn read_gold() -> Vec<(String, String, EntityKind)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles-entities.tsv"
    );
    let text = std::fs::read_to_string(path).expect("gold fixture exists");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 3, "bad fixture line {l:?}");
            (
                cols[0].into(),
                cols[1].into(),
                cols[2].parse().expect("type"),
            )
        })
        .collect()
}

/// Distinct (surface, type) pairs the pipeline finds in an article.
pub fn predicted_entities(article: &str) -> BTreeSet<(String, EntityKind)> {
    entities_of(&crate::common::read_shared(&format!("articles/{article}")))
}

fn entities_of(text: &str) -> BTreeSet<(String, EntityKind)> {
    let doc = crate::models::pipeline().annotate(text, None);
    doc.entities
        .iter()
        .map(|e| (text[e.span.start..e.span.end].to_string(), e.kind))
        .collect()
}

/// The context alone reads "Panchir" as an organization here; the noun
/// "valley" after it makes it a place, in this mention and the later one.
/// A demonym before a place noun stays MISC.
#[test]
fn a_name_before_a_place_noun_is_a_place() {
    let found = entities_of(
        "The only piece of Afghan territory that has yet to say no to the Taliban power, the \
         steep Panchir valley, located a hundred kilometers north of Kabul, is the center of \
         attention. Mr. Saleh was born in Panchir. Fighters left the Afghan province.",
    );
    assert_eq!(kinds(&found, "Panchir"), vec![Loc], "{found:?}");
    assert_eq!(kinds(&found, "Afghan"), vec![Misc], "{found:?}");
}

/// The kinds `name` was found with.
fn kinds(found: &BTreeSet<(String, EntityKind)>, name: &str) -> Vec<EntityKind> {
    found
        .iter()
        .filter(|(s, _)| s == name)
        .map(|(_, k)| *k)
        .collect()
}

/// CoNLL-2003 labels "Taleban" MISC; a name that takes a plural verb after
/// "the" is a group, and all its mentions follow. Demonyms and plural
/// ethnonyms stay MISC.
#[test]
fn a_name_acting_as_a_group_is_an_organization() {
    let found = entities_of(
        "The Taliban are negotiating with Washington in Doha. Taliban control is spreading. \
         The Japanese have won the final. The Chechens are fighting in the mountains.",
    );
    assert_eq!(kinds(&found, "Taliban"), vec![Org], "{found:?}");
    assert_eq!(kinds(&found, "Japanese"), vec![Misc], "{found:?}");
    assert_eq!(kinds(&found, "Chechens"), vec![Misc], "{found:?}");
}

/// A name attached to an academic title is an institution; the model alone
/// reads these as places. A language after "professor of" stays MISC.
#[test]
fn an_academic_title_makes_its_name_an_institution() {
    let found = entities_of(
        "She is a professor at Sciences-Po in Paris. According to the Sorbonne professor, \
         talks will fail. He is a professor of French.",
    );
    assert_eq!(kinds(&found, "Sciences-Po"), vec![Org], "{found:?}");
    assert_eq!(kinds(&found, "Sorbonne"), vec![Org], "{found:?}");
    assert_eq!(kinds(&found, "Paris"), vec![Loc], "{found:?}");
    assert_eq!(kinds(&found, "French"), vec![Misc], "{found:?}");
}

/// The model splits an organization name at a number; sports results, where
/// numbers separate two teams, stay apart.
#[test]
fn a_number_inside_an_organization_name_is_kept() {
    let found = entities_of(
        "Marie Dupont teaches law at the University of Paris 1 Panthéon-Sorbonne.\n\n\
         Deportivo de La Coruna 2 Real Madrid 1.",
    );
    let university = "University of Paris 1 Panthéon-Sorbonne";
    assert_eq!(kinds(&found, university), vec![Org], "{found:?}");
    assert_eq!(
        kinds(&found, "Deportivo de La Coruna"),
        vec![Org],
        "{found:?}"
    );
    assert_eq!(kinds(&found, "Real Madrid"), vec![Org], "{found:?}");
}

/// The model reads unknown "Al-" names as places; as the agent of a passive
/// they are organizations. A country there stays a place.
#[test]
fn the_agent_of_a_passive_is_not_an_unknown_place() {
    let found = entities_of(
        "The attack was claimed by Al-Shabaab on Friday. Two soldiers were killed by Al-Nusra \
         near Idlib. The treaty was signed by Pakistan on Monday.",
    );
    assert_eq!(kinds(&found, "Al-Shabaab"), vec![Org], "{found:?}");
    assert_eq!(kinds(&found, "Al-Nusra"), vec![Org], "{found:?}");
    assert_eq!(kinds(&found, "Idlib"), vec![Loc], "{found:?}");
    assert_eq!(kinds(&found, "Pakistan"), vec![Loc], "{found:?}");
}

/// Mention-level recall over the fixture, measured with the shipped models:
/// 96.2% (50/52: two MISC rows, a book title and "Sharia", are missed).
/// Every person, organization and place must be found (#6's target).
const ARTICLE_RECALL: f64 = 96.0;

#[test]
fn sample_article_recall() {
    let gold = read_gold();
    let articles: BTreeSet<&str> = gold.iter().map(|g| g.0.as_str()).collect();
    let (mut found, mut misses) = (0usize, Vec::new());
    for article in articles {
        let predicted = predicted_entities(article);
        for (_, surface, kind) in gold.iter().filter(|g| g.0 == article) {
            if predicted.contains(&(surface.clone(), *kind)) {
                found += 1;
            } else {
                misses.push(format!("{kind} {surface}"));
            }
        }
    }
    let recall = 100.0 * found as f64 / gold.len() as f64;
    eprintln!(
        "sample articles: recall {recall:.1}% ({found}/{}), misses {misses:?}",
        gold.len()
    );
    assert!(
        recall >= ARTICLE_RECALL,
        "recall {recall:.1}, misses {misses:?}"
    );
    let named: Vec<&String> = misses.iter().filter(|m| !m.starts_with("MISC")).collect();
    assert!(
        named.is_empty(),
        "people, organizations or places missed: {named:?}"
    );
}
