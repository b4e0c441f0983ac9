//! Re-casing of sentences, used to augment Reuters training text with the
//! headline and lowercase styles found elsewhere (and to test robustness).

/// A casing style to rewrite a sentence into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recase {
    /// Headline style: every word capitalized except short function words
    /// after the first.
    Title,
    Lower,
    Upper,
}

const SMALL: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with",
];

/// Rewrites `words` (one sentence) in `style`.
pub fn recase_sentence<S: AsRef<str>>(words: &[S], style: Recase) -> Vec<String> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| recase_word(w.as_ref(), i, style))
        .collect()
}

fn recase_word(word: &str, position: usize, style: Recase) -> String {
    match style {
        Recase::Lower => word.to_lowercase(),
        Recase::Upper => word.to_uppercase(),
        Recase::Title => {
            let lower = word.to_lowercase();
            if position > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = word.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        }
    }
}
