//! Sentence splitter working on the token list of [`super::tokenize::tokenize`].
//!
//! A sentence ends after terminal punctuation (`.`, `?`, `!`, an ellipsis, or an abbreviation
//! whose period doubles as the full stop) unless what follows shows it continues, and at line
//! breaks that separate paragraphs or headlines. Closing quotes and brackets after the terminal
//! punctuation stay with the sentence they close.
//!
//! The decisions use only the tokens and the whitespace between them, so the splitter is a single
//! linear pass without allocation beyond the output.

use std::ops::Range;

use super::tokenize::Token;

/// A sentence: a range of token indices plus its byte span in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
}

/// Splits `tokens` (produced from `text`) into sentences. Every token belongs to exactly one
/// sentence and sentences are in text order.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        match sentence_end(text, tokens, i) {
            Some(last) => {
                sentences.push(sentence(tokens, first..last + 1));
                first = last + 1;
                i = first;
            }
            None => i += 1,
        }
    }
    if first < tokens.len() {
        sentences.push(sentence(tokens, first..tokens.len()));
    }
    sentences
}

fn sentence(tokens: &[Token], range: Range<usize>) -> Sentence {
    Sentence {
        start: tokens[range.start].start,
        end: tokens[range.end - 1].end,
        tokens: range,
    }
}

/// How a token can end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`, `?`, `!` and runs such as `?!`.
    Stop,
    /// `...`, `..`, `…`, `etc.`, emoticons: end a sentence only before a capitalized word.
    Ellipsis,
    /// `Mr.`, `J.`: the period belongs to a name and never ends the sentence by itself.
    Title,
    /// `U.S.`, `etc.`, `Inc.`: ends a sentence only before a typical sentence opener.
    Abbreviation,
}

fn terminal(token: &str) -> Option<Terminal> {
    if token.chars().all(|c| matches!(c, '.' | '…')) {
        return match token {
            "." => Some(Terminal::Stop),
            _ => Some(Terminal::Ellipsis),
        };
    }
    if token.chars().all(|c| matches!(c, '.' | '?' | '!')) {
        return Some(Terminal::Stop);
    }
    if is_emoticon(token) {
        return Some(Terminal::Ellipsis);
    }
    let word = token.strip_suffix('.')?;
    if word == "etc" {
        // Ends a list, and in practice the sentence, whenever a capital follows.
        Some(Terminal::Ellipsis)
    } else if is_title(word) {
        Some(Terminal::Title)
    } else if word.chars().any(char::is_alphabetic) {
        Some(Terminal::Abbreviation)
    } else {
        None
    }
}

/// Emoticons the tokenizer keeps whole; in web text they often stand in for a full stop.
fn is_emoticon(token: &str) -> bool {
    matches!(
        token,
        ":)" | ":-)" | ":(" | ":-(" | ";)" | ";-)" | ":D" | ":-D" | ":P" | ":-P"
    )
}

/// Abbreviations that precede a name, and initials; a capitalized word after them is the name,
/// not a new sentence.
fn is_title(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Messrs"
            | "Mme"
            | "Mlle"
            | "Dr"
            | "Prof"
            | "Rev"
            | "Fr"
            | "St"
            | "Hon"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Cmdr"
            | "Cdr"
            | "Adm"
            | "Sgt"
            | "Cpl"
            | "Pvt"
            | "Brig"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Reps"
            | "Pres"
            | "Supt"
            | "Insp"
            | "Det"
            | "Amb"
            | "Atty"
            | "Mt"
            | "Ft"
            | "No"
            | "Nos"
    )
}

/// If a sentence ends at token `i`, the index of its last token (which may be a closing quote
/// or bracket after `i`).
fn sentence_end(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let Some(kind) = terminal(tokens[i].text(text)) else {
        return line_break_ends(text, tokens, i).then_some(i);
    };
    let last = absorb_closers(text, tokens, i);
    let Some(next) = tokens.get(last + 1) else {
        return Some(last);
    };
    let gap = &text[tokens[last].end..next.start];
    if newlines(gap) >= 2 {
        return Some(last);
    }
    let next = next.text(text);
    let ends = match kind {
        Terminal::Stop => !continues_sentence(next, last > i),
        Terminal::Ellipsis => starts_capitalized(next),
        Terminal::Title => false,
        Terminal::Abbreviation => is_sentence_opener(next),
    };
    (ends || line_break_ends(text, tokens, last)).then_some(last)
}

/// Extends a sentence end at `i` over closing quotes and brackets and further stops
/// (`shatters. . ”`). An ambiguous or opening quote closes only when attached to the previous
/// token or last on its line (scraped text uses `“` for both), otherwise it opens the next
/// sentence.
fn absorb_closers(text: &str, tokens: &[Token], i: usize) -> usize {
    let mut last = i;
    while let Some(next) = tokens.get(last + 1) {
        let gap = &text[tokens[last].end..next.start];
        if gap.contains('\n') {
            break;
        }
        let t = next.text(text);
        let closes = match t {
            "”" | "’" | "»" | ")" | "]" | "}" => true,
            "\"" | "'" | "''" | "“" | "‘" | "``" => {
                gap.is_empty() || ends_line(text, tokens, last + 1)
            }
            _ => matches!(terminal(t), Some(Terminal::Stop | Terminal::Ellipsis)),
        };
        if !closes {
            break;
        }
        last += 1;
    }
    last
}

/// After a full stop, non-opening punctuation continues the sentence, and so does a lowercase
/// word after a closing quote (`"Is it?" he asked`). A lowercase word right after the stop
/// starts a new sentence: abbreviations keep their period in the tokenizer, so what remains is
/// mostly web text written without capitals.
fn continues_sentence(next: &str, after_closer: bool) -> bool {
    match next.chars().next() {
        Some(c) if c.is_lowercase() => after_closer,
        Some(c) => matches!(c, ',' | ';' | ':' | '%' | ')' | ']' | '}' | '-'),
        None => false,
    }
}

fn starts_capitalized(next: &str) -> bool {
    next.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '('))
}

/// Words that typically open a sentence; after `U.S.` they signal a boundary where a capitalized
/// name (`the U.S. Army`) does not.
fn is_sentence_opener(next: &str) -> bool {
    matches!(
        next,
        "A" | "An"
            | "The"
            | "He"
            | "She"
            | "It"
            | "I"
            | "We"
            | "They"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Here"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Although"
            | "Though"
            | "However"
            | "In"
            | "On"
            | "At"
            | "For"
            | "As"
            | "Since"
            | "Then"
            | "Now"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Each"
            | "Both"
            | "Such"
            | "Still"
            | "Also"
            | "Meanwhile"
            | "Do"
            | "Does"
            | "Did"
            | "Is"
            | "Are"
            | "Was"
            | "Can"
            | "Will"
            | "Would"
            | "Should"
            | "Could"
            | "Please"
            | "Thanks"
            | "Thank"
            | "Yes"
            | "No"
            | "Not"
            | "Well"
            | "Oh"
            | "Let"
            | "One"
            | "Every"
            | "Any"
            | "According"
            | "Despite"
            | "During"
            | "Under"
            | "With"
            | "Without"
            | "By"
            | "From"
            | "To"
            | "Only"
            | "Even"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "\""
            | "“"
    )
}

/// Whether token `i` is the last of the text or of its line.
fn ends_line(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_none_or(|next| newlines(&text[tokens[i].end..next.start]) > 0)
}

fn newlines(gap: &str) -> usize {
    let n = gap.bytes().filter(|&b| b == b'\n').count();
    // Old Mac line endings.
    if n == 0 {
        gap.bytes().filter(|&b| b == b'\r').count()
    } else {
        n
    }
}

/// Whether the line break (if any) after token `i` ends the sentence: always for a blank line;
/// for a single break, when the next line looks like the start of a paragraph or headline and
/// the current line does not visibly continue (`,`, `of the`).
fn line_break_ends(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    match newlines(&text[tokens[i].end..next.start]) {
        0 => false,
        1 => starts_line(next.text(text)) && !continues_line(tokens[i].text(text)),
        _ => true,
    }
}

fn starts_line(token: &str) -> bool {
    token.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '“' | '‘' | '(' | '[' | '•' | '-' | '*' | '#' | '—' | '–'
            )
    })
}

/// Tokens after which a line break is a wrapped line rather than the end of a unit.
fn continues_line(token: &str) -> bool {
    matches!(
        token,
        "," | ";"
            | "-"
            | "("
            | "["
            | "&"
            | "/"
            | "a"
            | "an"
            | "the"
            | "of"
            | "and"
            | "or"
            | "but"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "than"
            | "into"
            | "is"
            | "are"
            | "was"
            | "were"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    // `super::super` rather than `crate::` so the module works unchanged under `crate::nlp`.
    use super::super::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            sentences("Mr. Saleh spoke. The U.S. army left. Dr. J. Smith agreed."),
            [
                "Mr. Saleh spoke.",
                "The U.S. army left.",
                "Dr. J. Smith agreed."
            ]
        );
        assert_eq!(
            sentences("He lives in the U.S. He likes it."),
            ["He lives in the U.S.", "He likes it."]
        );
        assert_eq!(
            sentences("Apple Inc. said so. Shares of Apple Inc. The end."),
            ["Apple Inc. said so.", "Shares of Apple Inc.", "The end."]
        );
    }

    #[test]
    fn quotations() {
        assert_eq!(
            sentences("“I am the president,” he said. “We fight.” They left."),
            [
                "“I am the president,” he said.",
                "“We fight.”",
                "They left."
            ]
        );
        assert_eq!(
            sentences("\"I am the president,\" he said. \"We fight.\" They left."),
            [
                "\"I am the president,\" he said.",
                "\"We fight.\"",
                "They left."
            ]
        );
        assert_eq!(
            sentences("\"Is it over?\" he asked. No!"),
            ["\"Is it over?\" he asked.", "No!"]
        );
        assert_eq!(
            sentences("before it shatters. . ” You have read"),
            ["before it shatters. . ”", "You have read"]
        );
    }

    #[test]
    fn questions_exclamations_ellipsis() {
        assert_eq!(
            sentences("Why? Because! Well... I think so... and more."),
            ["Why?", "Because!", "Well...", "I think so... and more."]
        );
        assert_eq!(sentences("Wait… Then go"), ["Wait…", "Then go"]);
    }

    #[test]
    fn headlines_and_paragraphs() {
        let text = "Last stand\n\nIf Mr. Saleh assures it, fine.\nDisharmony\nOne lives here";
        assert_eq!(
            sentences(text),
            [
                "Last stand",
                "If Mr. Saleh assures it, fine.",
                "Disharmony",
                "One lives here"
            ]
        );
        // A wrapped line that visibly continues is not a boundary.
        assert_eq!(
            sentences("He went to the\nUnited States,\nThen left."),
            ["He went to the\nUnited States,\nThen left."]
        );
        // A blank line ends a sentence even after a title abbreviation.
        assert_eq!(
            sentences("Written by Dr.\n\nThe end"),
            ["Written by Dr.", "The end"]
        );
    }

    #[test]
    fn stray_quotes_and_web_text() {
        // Scraped text uses `“` as a closing quote at the end of a paragraph.
        assert_eq!(
            sentences("They do not even have to invade reality. “\n\nMassoud “has"),
            ["They do not even have to invade reality. “", "Massoud “has"]
        );
        assert_eq!(
            sentences("i loved it. why do you ask? fish, birds, etc. Thanks :) Bye"),
            [
                "i loved it.",
                "why do you ask?",
                "fish, birds, etc.",
                "Thanks :)",
                "Bye"
            ]
        );
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            sentences("You have 52.95% of this article left. The rest is for subscribers."),
            [
                "You have 52.95% of this article left.",
                "The rest is for subscribers."
            ]
        );
    }

    #[test]
    fn empty() {
        assert!(split_sentences("", &[]).is_empty());
        assert!(sentences("   \n ").is_empty());
    }
}
