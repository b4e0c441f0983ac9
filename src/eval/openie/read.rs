//! Readers for CaRB's gold TSV and tabbed system-output formats.
//!
//! Field handling reproduces CaRB's `GoldReader` and `TabReader`, because the
//! way a line is split decides how many arguments a tuple has, and that
//! changes the scores (see [`parse_gold`] and [`parse_system`]).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use super::text::{py_strip, sentence_key, universal_lines};

/// Why a gold or system file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OpenIeEvalError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}:{line}: {problem}")]
    Malformed {
        file: String,
        /// 1-based line number.
        line: usize,
        problem: LineProblem,
    },
}

/// What is wrong with one input line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LineProblem {
    #[error("expected at least {expected} tab-separated fields ({layout}), found {found}")]
    TooFewFields {
        expected: usize,
        found: usize,
        layout: &'static str,
    },
    #[error("confidence {0:?} is not a number")]
    InvalidConfidence(String),
}

/// One extraction: a relation phrase and its arguments, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuple {
    pub relation: String,
    pub args: Vec<String>,
}

/// A system extraction with the confidence the system gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemTuple {
    pub tuple: Tuple,
    pub confidence: f64,
}

/// Extractions grouped by CaRB's normalized sentence key.
///
/// CaRB first groups by the raw sentence text, then rebuilds its dictionary
/// under normalized keys (`Benchmark.normalizeDict`). When two raw sentences
/// share a key, the later group *replaces* the earlier one (a Python `dict`
/// built from pairs), keeping the earlier position. We do the same, so a
/// duplicated sentence with different spacing is scored as CaRB scores it.
#[derive(Debug, Clone, Default)]
pub struct SentenceTable<T> {
    groups: Vec<(String, Vec<T>)>,
    index: HashMap<String, usize>,
}

impl<T> SentenceTable<T> {
    /// Sentences as (normalized key, extractions), in first-seen order.
    pub fn sentences(&self) -> impl Iterator<Item = (&str, &[T])> {
        self.groups.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The extractions for a normalized sentence key.
    pub fn get(&self, key: &str) -> Option<&[T]> {
        self.index.get(key).map(|&i| self.groups[i].1.as_slice())
    }

    pub fn sentence_count(&self) -> usize {
        self.groups.len()
    }

    pub fn tuple_count(&self) -> usize {
        self.groups.iter().map(|(_, v)| v.len()).sum()
    }

    /// Builds the table from (raw sentence, extraction) pairs in file order.
    fn from_rows(rows: impl IntoIterator<Item = (String, T)>) -> Self {
        let raw = group_by_raw_sentence(rows);
        let mut table = Self {
            groups: Vec::new(),
            index: HashMap::new(),
        };
        for (sentence, tuples) in raw {
            let key = sentence_key(&sentence);
            match table.index.get(&key) {
                Some(&i) => table.groups[i].1 = tuples,
                None => {
                    table.index.insert(key.clone(), table.groups.len());
                    table.groups.push((key, tuples));
                }
            }
        }
        table
    }
}

/// Groups rows by exact sentence text, in order of first appearance
/// (the readers' `defaultdict`/`dict` step before normalization).
fn group_by_raw_sentence<T>(rows: impl IntoIterator<Item = (String, T)>) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (sentence, item) in rows {
        match index.get(&sentence) {
            Some(&i) => groups[i].1.push(item),
            None => {
                index.insert(sentence.clone(), groups.len());
                groups.push((sentence, vec![item]));
            }
        }
    }
    groups
}

/// Gold extractions (`sentence \t relation \t arg1 \t arg2 ...`).
pub type GoldSet = SentenceTable<Tuple>;

/// System extractions (`sentence \t confidence \t relation \t arg1 ...`).
pub type SystemSet = SentenceTable<SystemTuple>;

/// Reads a CaRB gold file.
pub fn read_gold(path: &Path) -> Result<GoldSet, OpenIeEvalError> {
    let file = open(path)?;
    parse_gold(file, &path.display().to_string())
}

/// Reads a system output in CaRB's tabbed format.
pub fn read_system(path: &Path) -> Result<SystemSet, OpenIeEvalError> {
    let file = open(path)?;
    parse_system(file, &path.display().to_string())
}

fn open(path: &Path) -> Result<BufReader<File>, OpenIeEvalError> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|source| OpenIeEvalError::Io {
            file: path.display().to_string(),
            source,
        })
}

/// Parses gold tuples; `file` names the input in error messages.
///
/// As CaRB's `GoldReader`: the line is stripped before splitting on tabs (so
/// trailing empty arguments vanish but inner ones stay), every field is
/// stripped, and arguments containing `"C: "` (context annotations) are
/// dropped. Blank lines are skipped (CaRB would crash on them).
pub fn parse_gold(input: impl BufRead, file: &str) -> Result<GoldSet, OpenIeEvalError> {
    let rows = parse_lines(input, file, parse_gold_line)?;
    Ok(SentenceTable::from_rows(rows))
}

/// Parses system tuples; `file` names the input in error messages.
///
/// As CaRB's `TabReader`: blank lines are skipped and the line is stripped
/// before splitting on tabs, but individual fields are *not* stripped.
pub fn parse_system(input: impl BufRead, file: &str) -> Result<SystemSet, OpenIeEvalError> {
    let rows = parse_lines(input, file, parse_system_line)?;
    Ok(SentenceTable::from_rows(rows))
}

/// Applies `parse_line` to every non-blank line, attaching file and line
/// number to failures.
fn parse_lines<T>(
    mut input: impl BufRead,
    file: &str,
    parse_line: impl Fn(&str) -> Result<(String, T), LineProblem>,
) -> Result<Vec<(String, T)>, OpenIeEvalError> {
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .map_err(|source| OpenIeEvalError::Io {
            file: file.to_owned(),
            source,
        })?;
    let mut rows = Vec::new();
    for (n, line) in universal_lines(&text).enumerate() {
        let line = py_strip(line);
        if line.is_empty() {
            continue;
        }
        let row = parse_line(line).map_err(|problem| OpenIeEvalError::Malformed {
            file: file.to_owned(),
            line: n + 1,
            problem,
        })?;
        rows.push(row);
    }
    Ok(rows)
}

/// One stripped gold line into (sentence, tuple).
fn parse_gold_line(line: &str) -> Result<(String, Tuple), LineProblem> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [sentence, relation, args @ ..] = fields.as_slice() else {
        return Err(too_few_fields(2, fields.len(), "sentence, relation"));
    };
    let args = args
        .iter()
        .filter(|arg| !arg.contains("C: "))
        .map(|arg| py_strip(arg).to_owned())
        .collect();
    let tuple = Tuple {
        relation: py_strip(relation).to_owned(),
        args,
    };
    Ok((py_strip(sentence).to_owned(), tuple))
}

/// One stripped system line into (sentence, tuple with confidence).
fn parse_system_line(line: &str) -> Result<(String, SystemTuple), LineProblem> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [sentence, confidence, relation, args @ ..] = fields.as_slice() else {
        return Err(too_few_fields(
            3,
            fields.len(),
            "sentence, confidence, relation",
        ));
    };
    let tuple = Tuple {
        relation: (*relation).to_owned(),
        args: args.iter().map(|&arg| arg.to_owned()).collect(),
    };
    let confidence = parse_confidence(confidence)?;
    Ok(((*sentence).to_owned(), SystemTuple { tuple, confidence }))
}

/// Python's `float()` accepts surrounding whitespace; NaN is rejected because
/// it has no place in the ordering of confidence thresholds.
fn parse_confidence(field: &str) -> Result<f64, LineProblem> {
    match py_strip(field).parse::<f64>() {
        Ok(value) if !value.is_nan() => Ok(value),
        _ => Err(LineProblem::InvalidConfidence(field.to_owned())),
    }
}

fn too_few_fields(expected: usize, found: usize, layout: &'static str) -> LineProblem {
    LineProblem::TooFewFields {
        expected,
        found,
        layout,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str) -> GoldSet {
        parse_gold(text.as_bytes(), "gold").expect("valid gold")
    }

    #[test]
    fn gold_fields_are_stripped_and_contexts_dropped() {
        let set = gold("S .\t rel \t a1 \tC: ctx\t a2\t\n");
        let (key, tuples) = set.sentences().next().expect("one sentence");
        assert_eq!(key, "S");
        assert_eq!(tuples[0].relation, "rel");
        assert_eq!(tuples[0].args, ["a1", "a2"]);
    }

    #[test]
    fn trailing_tabs_vanish_but_inner_empty_args_stay() {
        let set = gold("S\tr\ta\t\t\n");
        assert_eq!(set.get("S").expect("S")[0].args, ["a"]);
        let set = gold("S\tr\ta\t\tb\n");
        assert_eq!(set.get("S").expect("S")[0].args, ["a", "", "b"]);
    }

    #[test]
    fn later_spelling_of_a_sentence_replaces_earlier_one() {
        let set = gold("A b .\tr1\tx\nA b\tr2\ty\nA b .\tr3\tz\n");
        assert_eq!(set.sentence_count(), 1);
        let relations: Vec<_> = set
            .get("Ab")
            .expect("Ab")
            .iter()
            .map(|t| t.relation.as_str())
            .collect();
        assert_eq!(relations, ["r2"]);
    }

    #[test]
    fn system_fields_are_not_stripped() {
        let set = parse_system("S\t 0.5 \t r \t a \n".as_bytes(), "sys").expect("valid");
        let t = &set.get("S").expect("S")[0];
        assert_eq!(t.confidence, 0.5);
        assert_eq!(t.tuple.relation, " r ");
        assert_eq!(t.tuple.args, [" a"]);
    }

    #[test]
    fn bad_confidence_names_file_and_line() {
        let err = parse_system("S\t0.5\tr\ta\n\nS\thigh\tr\ta\n".as_bytes(), "sys.tab")
            .expect_err("non-numeric confidence");
        assert_eq!(
            err.to_string(),
            "sys.tab:3: confidence \"high\" is not a number"
        );
        let err = parse_system("S\tNaN\tr\n".as_bytes(), "s").expect_err("NaN");
        assert!(matches!(
            err,
            OpenIeEvalError::Malformed {
                problem: LineProblem::InvalidConfidence(_),
                ..
            }
        ));
    }

    #[test]
    fn too_few_fields_is_an_error() {
        let err = parse_gold("only a sentence\n".as_bytes(), "g.tsv").expect_err("short");
        assert!(err.to_string().starts_with("g.tsv:1: expected at least 2"));
        let err = parse_system("S\t0.3\n".as_bytes(), "s.tab").expect_err("short");
        assert!(err.to_string().starts_with("s.tab:1: expected at least 3"));
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_gold(Path::new("/nonexistent/gold.tsv")).expect_err("missing");
        assert!(matches!(err, OpenIeEvalError::Io { .. }));
        assert!(err.to_string().starts_with("/nonexistent/gold.tsv: "));
    }

    #[test]
    fn invalid_utf8_is_an_io_error() {
        let err = parse_gold(&b"S\tr\t\xff\n"[..], "g").expect_err("bad utf-8");
        assert!(matches!(err, OpenIeEvalError::Io { .. }));
    }
}
