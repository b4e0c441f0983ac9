//! Tokenization and sentence splitting measured against UD English EWT dev.

use crate::common::{GoldSentence, f1, read_conllu, read_shared};
use kg::nlp::sentence::split_sentences;
use kg::nlp::tokenize::tokenize;

fn dev() -> Vec<GoldSentence> {
    read_conllu(&read_shared("corpora/ud-english-ewt/dev.conllu"))
}

#[test]
fn token_f1_on_ewt_dev() {
    let (mut predicted, mut gold) = (Vec::new(), Vec::new());
    for (n, s) in dev().iter().enumerate() {
        predicted.extend(tokenize(&s.text).iter().map(|t| (n, t.start, t.end)));
        gold.extend(s.spans.iter().map(|&(a, b)| (n, a, b)));
    }
    let (p, r, f) = f1(&predicted, &gold);
    println!(
        "EWT dev tokens: P {p:.4} R {r:.4} F1 {f:.4} ({} gold)",
        gold.len()
    );
    assert!(f >= 0.97, "token F1 {f:.4} below 0.97");
}

/// Joins the dev sentences into running text: a space between sentences of a paragraph, a
/// blank line between paragraphs (`paragraphs`) or a space everywhere. Returns the text and the
/// gold sentence end offsets.
fn running_text(sentences: &[GoldSentence], paragraphs: bool) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut ends = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push_str(if paragraphs && (s.new_par || s.new_doc) {
                "\n\n"
            } else {
                " "
            });
        }
        text.push_str(&s.text);
        ends.push(text.len());
    }
    (text, ends)
}

fn boundary_f1(paragraphs: bool) -> f64 {
    let (text, mut gold) = running_text(&dev(), paragraphs);
    let tokens = tokenize(&text);
    let mut predicted: Vec<usize> = split_sentences(&text, &tokens)
        .iter()
        .map(|s| s.end)
        .collect();
    // The end of the text is a boundary by construction; score the others.
    predicted.pop();
    gold.pop();
    let (p, r, f) = f1(&predicted, &gold);
    let layout = if paragraphs { "paragraphs" } else { "flat" };
    println!("EWT dev sentence boundaries ({layout}): P {p:.4} R {r:.4} F1 {f:.4}");
    f
}

#[test]
fn sentence_f1_on_ewt_dev_with_paragraph_breaks() {
    let f = boundary_f1(true);
    assert!(f >= 0.90, "sentence boundary F1 {f:.4} below 0.90");
}

/// Without paragraph breaks every boundary must come from punctuation; EWT has many sentences
/// without final punctuation, so the bar is lower.
#[test]
fn sentence_f1_on_ewt_dev_flat() {
    let f = boundary_f1(false);
    assert!(f >= 0.75, "sentence boundary F1 {f:.4} below 0.75");
}
