//! String handling that mirrors the Python 3 semantics CaRB relies on.
//!
//! CaRB never tokenizes linguistically: it uses `str.strip()`, `str.split()`
//! and a punctuation-stripping sentence key. Reproducing those exactly is what
//! makes our figures agree with the official scorer, so they live here rather
//! than being approximated with Rust's nearest equivalents inline.

/// Python's `str.isspace`.
///
/// Rust's `char::is_whitespace` is the Unicode `White_Space` property; Python
/// additionally treats the ASCII information separators U+001C..U+001F as
/// whitespace, which matters for `strip()` and `split()`.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` with no argument.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Python's `str.split()` with no argument: runs of whitespace separate
/// tokens and empty tokens are dropped. This is CaRB's only tokenizer.
pub(crate) fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|t| !t.is_empty())
}

/// Lines as Python's universal-newline text mode yields them: `\n`, `\r\n`
/// and a lone `\r` all end a line. The terminators are not included.
pub(crate) fn universal_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// Penn Treebank bracket escapes, in the order CaRB undoes them.
const PTB_ESCAPES: [(&str, &str); 6] = [
    ("(", "-LRB-"),
    (")", "-RRB-"),
    ("[", "-LSB-"),
    ("]", "-RSB-"),
    ("{", "-LCB-"),
    ("}", "-RCB-"),
];

/// The key under which CaRB pairs gold and system sentences
/// (`Benchmark.normalizeKey`): drop spaces, unescape PTB brackets, then drop
/// ASCII punctuation (Python's `string.punctuation`, which is exactly
/// `char::is_ascii_punctuation`). Sentences that tokenize punctuation or
/// brackets differently therefore still meet.
pub(crate) fn sentence_key(sentence: &str) -> String {
    let mut key: String = sentence.chars().filter(|&c| c != ' ').collect();
    for (bracket, escape) in PTB_ESCAPES {
        if key.contains(escape) {
            key = key.replace(escape, bracket);
        }
    }
    key.retain(|c| !c.is_ascii_punctuation());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_and_split_follow_python() {
        assert_eq!(py_strip("\u{1f} a b\t\n"), "a b");
        let tokens: Vec<_> = py_split("  a\u{a0}b\u{1c}c  ").collect();
        assert_eq!(tokens, ["a", "b", "c"]);
    }

    #[test]
    fn universal_newlines() {
        let lines: Vec<_> = universal_lines("a\r\nb\rc\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
    }

    #[test]
    fn key_ignores_spacing_punctuation_and_ptb_escapes() {
        assert_eq!(sentence_key("He said -LRB- loudly -RRB- ."), "Hesaidloudly");
        assert_eq!(sentence_key("He said (loudly)."), "Hesaidloudly");
        // Only ASCII spaces are removed, as in CaRB.
        assert_eq!(sentence_key("a\u{a0}b"), "a\u{a0}b");
    }
}
