//! Structural guarantees of the tokenizer and splitter on real articles, EWT text and random
//! strings built from the characters that stress the rules.

use kg::nlp::sentence::split_sentences;
use kg::nlp::tokenize::{Token, tokenize, tokenize_pretokenized};

/// Tokens are non-empty, in order, non-overlapping, on char boundaries, free of whitespace and
/// together cover every non-whitespace character; sentences partition the tokens in order.
fn check_invariants(text: &str) {
    let tokens = tokenize(text);
    let mut covered = 0;
    for t in &tokens {
        assert!(
            t.start < t.end && t.end <= text.len(),
            "bad span {t:?} in {text:?}"
        );
        assert!(
            t.start >= covered,
            "overlap or disorder at {t:?} in {text:?}"
        );
        let gap = text
            .get(covered..t.start)
            .expect("token start on a char boundary");
        assert!(
            gap.chars().all(is_separator),
            "uncovered {gap:?} before {t:?} in {text:?}"
        );
        let form = text.get(t.start..t.end).expect("token on char boundaries");
        assert!(!form.chars().any(is_separator), "whitespace in {form:?}");
        covered = t.end;
    }
    assert!(
        text[covered..].chars().all(is_separator),
        "uncovered tail in {text:?}"
    );
    check_sentences(text, &tokens);
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn check_sentences(text: &str, tokens: &[Token]) {
    let sentences = split_sentences(text, tokens);
    let mut next = 0;
    for s in &sentences {
        assert_eq!(s.tokens.start, next, "sentences must partition tokens");
        assert!(s.tokens.end > s.tokens.start, "empty sentence");
        assert_eq!(s.start, tokens[s.tokens.start].start);
        assert_eq!(s.end, tokens[s.tokens.end - 1].end);
        next = s.tokens.end;
    }
    assert_eq!(next, tokens.len(), "sentences must cover all tokens");
    // Hence the sentence spans cover all non-whitespace text.
    let in_sentences: usize = sentences
        .iter()
        .map(|s| {
            text[s.start..s.end]
                .chars()
                .filter(|c| !is_separator(*c))
                .count()
        })
        .sum();
    assert_eq!(
        in_sentences,
        text.chars().filter(|c| !is_separator(*c)).count()
    );
}

#[test]
fn invariants_hold_on_sample_articles_and_ewt() {
    for name in ["000_4e09df6656756604.txt", "003_164dee319fcdd750.txt"] {
        check_invariants(&crate::common::read_shared(&format!("articles/{name}")));
    }
    let dev = crate::common::read_shared("corpora/ud-english-ewt/dev.conllu");
    let texts: Vec<&str> = dev
        .lines()
        .filter_map(|l| l.strip_prefix("# text = "))
        .collect();
    check_invariants(&texts.join(" "));
}

/// Deterministic xorshift generator, so failures reproduce without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn invariants_hold_on_random_text() {
    const PIECES: &[&str] = &[
        "a", "Mr", "U", "S", "don", "t", "n", "5", "0", ".", ",", ":", ";", "'", "’", "‘", "\"",
        "“", "”", "(", ")", "[", "-", "--", "—", "…", "...", "!", "?", "%", "$", "#", "@", "/",
        "http://", "www.", ":)", " ", " ", "\n", "\n\n", "\u{a0}", "\u{200b}", "é", "😀", "s",
        "re", "*", "<", ">",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (rng.next() % 12) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        check_invariants(&text);
    }
}

#[test]
fn pretokenized_input_keeps_every_token() {
    let text = "He said , “ do n't \" .\n\nNew   line";
    let forms: Vec<&str> = tokenize_pretokenized(text)
        .iter()
        .map(|t| t.text(text))
        .collect();
    assert_eq!(
        forms,
        [
            "He", "said", ",", "“", "do", "n't", "\"", ".", "New", "line"
        ]
    );
}
