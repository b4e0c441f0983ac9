//! The whole pipeline on the two sample articles.

use kg::nlp::conllu::read_conllu;
use kg::nlp::ner::EntityKind;
use kg::nlp::ner::label::iob_to_spans;
use kg::nlp::pipeline::Document;
use kg::nlp::{NlpError, Pipeline};

const ARTICLES: [&str; 2] = ["000_4e09df6656756604.txt", "003_164dee319fcdd750.txt"];

fn annotated(article: &str) -> (String, Document) {
    let text = crate::common::read_shared(&format!("articles/{article}"));
    let doc = crate::models::pipeline().annotate(&text, None);
    (text, doc)
}

/// Byte offset of character `n` of `text` (the end for `n == chars`).
fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .nth(n)
}

#[test]
fn offsets_round_trip_to_the_source_text() {
    for article in ARTICLES {
        let (text, doc) = annotated(article);
        assert!(doc.token_count() > 100, "{article}");
        let mut last_end = 0;
        for s in &doc.sentences {
            for t in &s.tokens {
                let form = t.span.text(&text).expect("span on char boundaries");
                assert!(!form.is_empty() && !form.contains(char::is_whitespace));
                assert!(t.span.start >= last_end, "tokens in order");
                assert!(s.span.start <= t.span.start && t.span.end <= s.span.end);
                assert_eq!(byte_of_char(&text, t.span.char_start), Some(t.span.start));
                assert_eq!(byte_of_char(&text, t.span.char_end), Some(t.span.end));
                assert!(!t.lemma.is_empty());
                last_end = t.span.end;
            }
        }
        let covered: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>();
        let tokens: String = doc
            .sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            tokens, covered,
            "tokens cover all non-space text of {article}"
        );
        for s in &doc.sentences {
            let heads: Vec<_> = s
                .tokens
                .iter()
                .map(|t| (t.dependency.head, t.dependency.deprel))
                .collect();
            crate::parser::assert_tree(&heads, s.tokens.len());
        }
        for e in &doc.entities {
            let s = &doc.sentences[e.sentence];
            assert_eq!(e.span.start, s.tokens[e.tokens.start].span.start);
            assert_eq!(e.span.end, s.tokens[e.tokens.end - 1].span.end);
        }
    }
}

#[test]
fn finds_the_key_entities() {
    let le_monde = crate::ner::predicted_entities(ARTICLES[0]);
    let afp = crate::ner::predicted_entities(ARTICLES[1]);
    for found in [&le_monde, &afp] {
        assert!(
            found.contains(&("Amrullah Saleh".to_string(), EntityKind::Person)),
            "{found:?}"
        );
    }
    assert!(
        le_monde.contains(&("Panshir".to_string(), EntityKind::Location)),
        "{le_monde:?}"
    );
    assert!(
        afp.contains(&("Pansir".to_string(), EntityKind::Location)),
        "{afp:?}"
    );
}

#[test]
fn temporal_and_numeric_mentions_are_found() {
    let (text, doc) = annotated(ARTICLES[0]);
    let spans: Vec<&str> = doc.temporal.iter().map(|m| &text[m.start..m.end]).collect();
    assert!(spans.contains(&"September 10, 2001"), "{spans:?}");
    let numbers: Vec<&str> = doc.numeric.iter().map(|m| &text[m.start..m.end]).collect();
    assert!(numbers.contains(&"52.95%"), "{numbers:?}");
}

#[test]
fn conllu_output_reads_back() {
    for article in ARTICLES {
        let (text, doc) = annotated(article);
        let conllu = doc.to_conllu(&text);
        let back = read_conllu(conllu.as_bytes()).expect("own output parses");
        assert_eq!(back.len(), doc.sentences.len());
        for (i, (b, s)) in back.iter().zip(&doc.sentences).enumerate() {
            assert_eq!(b.comment("sent_id"), Some((i + 1).to_string().as_str()));
            assert_eq!(b.tokens.len(), s.tokens.len());
            let mut iob = Vec::new();
            for (bt, t) in b.tokens.iter().zip(&s.tokens) {
                assert_eq!(
                    (bt.upos, bt.xpos, bt.lemma.as_str()),
                    (t.upos, t.xpos, t.lemma.as_str())
                );
                let range = format!("TokenRange={}:{}", t.span.char_start, t.span.char_end);
                assert!(bt.misc.split('|').any(|m| m == range), "{}", bt.misc);
                let space_after = !bt.misc.contains("SpaceAfter=No");
                let next = text[t.span.end..].chars().next();
                assert_eq!(
                    space_after,
                    next.is_none_or(char::is_whitespace),
                    "{}",
                    bt.form
                );
                let tag = bt.misc.split('|').find_map(|m| m.strip_prefix("NER="));
                iob.push(tag.unwrap_or("O").to_string());
            }
            let spans = iob_to_spans(&iob).expect("valid IOB");
            let expected: Vec<_> = doc
                .entities
                .iter()
                .filter(|e| e.sentence == i)
                .map(|e| (e.tokens.clone(), e.kind))
                .collect();
            let got: Vec<_> = spans.into_iter().map(|s| (s.tokens, s.kind)).collect();
            assert_eq!(got, expected);
        }
    }
}

#[test]
fn missing_models_directory_is_a_clear_error() {
    let err = Pipeline::load(std::path::Path::new("/nonexistent/kg-models"))
        .err()
        .expect("no models there");
    assert!(matches!(err, NlpError::ModelsDir(_)), "{err}");
}
