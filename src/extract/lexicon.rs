//! The relation lexicon (`data/relations.tsv`): relation keys as read off a
//! sentence → one canonical relation, so that `work_at`, `work_for` and
//! `professor_at` are all `works_for`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ExtractError;

/// File name of the lexicon in the data directory.
pub const RELATIONS_FILE: &str = "relations.tsv";

/// Synonym key → canonical relation key.
#[derive(Debug, Clone, Default)]
pub struct RelationLexicon {
    canonical: HashMap<String, String>,
}

impl RelationLexicon {
    pub fn load(path: &Path) -> Result<Self, ExtractError> {
        let text = std::fs::read_to_string(path).map_err(|source| ExtractError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).map_err(|(line, message)| ExtractError::Lexicon {
            path: path.to_path_buf(),
            line,
            message,
        })
    }

    /// The lexicon compiled into the binary.
    pub fn bundled() -> Self {
        Self::parse(crate::nlp::bundled::RELATIONS)
            .unwrap_or_else(|(line, message)| panic!("bundled relations.tsv:{line}: {message}"))
    }

    /// Parses the TSV; errors are (1-based line, what is wrong).
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut canonical = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim_end();
            if line.trim().is_empty() {
                continue;
            }
            let Some((head, synonyms)) = line.split_once('\t') else {
                return Err((n + 1, "expected `canonical<TAB>synonym, ...`".into()));
            };
            let head = head.trim();
            if !is_key(head) {
                return Err((n + 1, format!("`{head}` is not a snake_case relation key")));
            }
            canonical.insert(head.to_string(), head.to_string());
            for s in synonyms.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if !is_key(s) {
                    return Err((n + 1, format!("`{s}` is not a snake_case relation key")));
                }
                if let Some(other) = canonical.insert(s.to_string(), head.to_string())
                    && other != head
                {
                    return Err((n + 1, format!("`{s}` is already a synonym of `{other}`")));
                }
            }
        }
        Ok(Self { canonical })
    }

    /// The canonical key of `key` (itself when not listed).
    pub fn canonical<'a>(&'a self, key: &'a str) -> &'a str {
        self.canonical.get(key).map_or(key, String::as_str)
    }
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `relations.tsv` beside a models directory, if there is one.
pub fn beside(models_dir: &Path) -> Option<PathBuf> {
    let path = models_dir.parent()?.join(RELATIONS_FILE);
    path.is_file().then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_map_to_one_relation_and_unknown_keys_stay() {
        let lex = RelationLexicon::parse("# c\nworks_for\twork_at, professor_at\n").unwrap();
        assert_eq!(lex.canonical("professor_at"), "works_for");
        assert_eq!(lex.canonical("works_for"), "works_for");
        assert_eq!(lex.canonical("surround"), "surround");
    }

    #[test]
    fn errors_name_the_line() {
        let err = RelationLexicon::parse("a\tb\nc d\n").unwrap_err();
        assert_eq!(err.0, 2);
        let err = RelationLexicon::parse("a\tb\nc\tb\n").unwrap_err();
        assert!(err.1.contains("already"), "{}", err.1);
    }

    #[test]
    fn bundled_lexicon_parses_as_the_file_does() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(RELATIONS_FILE);
        let file = RelationLexicon::load(&path).unwrap();
        let bundled = RelationLexicon::bundled();
        assert_eq!(file.canonical, bundled.canonical);
        assert_eq!(bundled.canonical("be_born_in"), "born_in");
    }
}
