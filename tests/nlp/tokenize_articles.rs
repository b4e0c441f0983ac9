//! Behaviour on the sample news articles in `shared/articles`.

use kg::nlp::sentence::split_sentences;
use kg::nlp::tokenize::tokenize;

fn article(name: &str) -> String {
    crate::common::read_shared(&format!("articles/{name}"))
}

/// Sentences of `text`, each as its tokens joined by single spaces.
fn tokenized_sentences(text: &str) -> Vec<String> {
    let tokens = tokenize(text);
    split_sentences(text, &tokens)
        .iter()
        .map(|s| {
            let forms: Vec<&str> = tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.text(text))
                .collect();
            forms.join(" ")
        })
        .collect()
}

fn assert_has(sentences: &[String], expected: &str) {
    assert!(
        sentences.iter().any(|s| s == expected),
        "missing sentence {expected:?}"
    );
}

#[test]
fn le_monde_article() {
    let s = tokenized_sentences(&article("000_4e09df6656756604.txt"));
    // Headline without a period, then the lead paragraph.
    assert_eq!(
        s[0],
        "The last armed resistance fighters under the Taliban yoke open to conditional negotiation"
    );
    assert!(s[1].starts_with("The only piece of Afghan territory"));
    assert_has(&s, "Last stand");
    assert_has(
        &s,
        "Article reserved for our subscribers Read also Afghanistan : in the Panshir valley , \
         resistance is reborn against the Taliban",
    );
    assert_has(&s, "You have 52.95 % of this article left to read .");
    assert_has(&s, "The rest is for subscribers only .");
    // A sentence ending inside a quotation keeps its closing quote.
    assert!(s.iter().any(|x| x.ends_with("before it shatters . . ”")));
    // `Mr.` does not end a sentence; curly quotes, names and dates are tokenized PTB-style.
    let lead = s
        .iter()
        .find(|x| x.starts_with("Thursday , August 19"))
        .expect("lead sentence");
    assert!(lead.contains("the former Afghan vice-president Amrullah Saleh ,"));
    assert!(lead.contains(
        "known as the “ lion of Panchir ” , killed by Al-Qaida on September 10 , 2001 ."
    ));
    assert!(
        s.iter().any(
            |x| x.starts_with("Joined , Thursday , by The world , Mr. Saleh , born in Panchir")
        )
    );
    assert!(s.iter().any(|x| x.starts_with("If Mr. Saleh assures")));
}

#[test]
fn afp_article() {
    let s = tokenized_sentences(&article("003_164dee319fcdd750.txt"));
    assert_eq!(
        s[0],
        "Afghanistan : Armed resistance to the Taliban in the Pansir Valley"
    );
    assert_has(&s, "Virtual resistance");
    assert_has(&s, "Disharmony");
    assert_has(
        &s,
        "“ It seems that Saleh ’s forces tried to expand their control there with Pansir as their base . ”",
    );
    // A quotation followed by its attribution is one sentence.
    assert_has(
        &s,
        "“ In the end , they did it without much violence , ” said Jill Doronsoro .",
    );
    assert_has(&s, "But what are the goals of the resistance ?");
    assert_has(
        &s,
        "Negotiation with the Taliban or real armed resistance ?",
    );
    // A stray opening quote at the end of a paragraph closes the sentence before it.
    assert_has(&s, "They do not even have to invade reality . “");
    assert!(
        s.iter()
            .any(|x| x.contains("University of Paris 1 Panthéon-Sorbonne ."))
    );
    assert!(s.iter().any(|x| x.contains("the professor of Paris-1 .")));
}

#[test]
fn spans_match_source() {
    let text = article("003_164dee319fcdd750.txt");
    let tokens = tokenize(&text);
    let forms: Vec<&str> = tokens.iter().map(|t| t.text(&text)).collect();
    let at = forms.iter().position(|f| *f == "Massoud").expect("Massoud");
    // `Massoud’s son` with a curly apostrophe.
    let poss = forms
        .windows(3)
        .position(|w| w == ["Massoud", "’s", "son"])
        .expect("possessive");
    assert!(poss >= at);
    let t = tokens[poss + 1];
    assert_eq!(&text[t.start..t.end], "’s");
    assert_eq!(t.end - t.start, 4, "’ is three bytes");
}
