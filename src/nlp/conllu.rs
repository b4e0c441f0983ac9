//! CoNLL-U reader for annotated training/evaluation data. (The writer for
//! pipeline output is [`crate::nlp::pipeline::Document::to_conllu`].)
//!
//! Strict on purpose: a token whose UPOS or XPOS is not a known tag is an
//! error (with its line number, and file when read from one) rather than
//! silently becoming noise in a model trained on it.

use crate::nlp::NlpError;
use crate::nlp::tags::{Upos, Xpos};
use std::io::BufRead;
use std::path::Path;

const FORMAT: &str = "CoNLL-U";

/// One syntactic word (multiword-token ranges and empty nodes are skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    pub xpos: Xpos,
    /// 1-based index of the head word; 0 is the root. `None` when unannotated (`_`).
    pub head: Option<u32>,
    pub deprel: String,
    /// The MISC column as written (`_` when empty).
    pub misc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub tokens: Vec<Token>,
    /// `# key = value` comment lines (`sent_id`, `text`, ...), in order.
    pub comments: Vec<(String, String)>,
}

impl Sentence {
    /// Word forms, in the shape [`crate::nlp::tagger::Tagger::tag`] expects.
    pub fn forms(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.form.as_str()).collect()
    }

    /// Value of the `# key = value` comment, if present.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What a non-blank, non-comment line turned out to be.
enum Line {
    Word(Token),
    /// Multiword-token range or empty node: not part of the word sequence.
    Skipped,
}

/// Reads every sentence from `reader`.
pub fn read_conllu(reader: impl BufRead) -> Result<Vec<Sentence>, NlpError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (index, line) in reader.lines().enumerate() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut current, &mut sentences);
        } else if let Some(comment) = line.strip_prefix('#') {
            current.comments.extend(parse_comment(comment));
        } else if let Line::Word(token) = parse_line(line, index + 1)? {
            current.tokens.push(token);
        }
    }
    flush(&mut current, &mut sentences);
    Ok(sentences)
}

/// Reads a CoNLL-U file from disk; errors name the file.
pub fn read_conllu_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>, NlpError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| NlpError::file(path, e))?;
    read_conllu(std::io::BufReader::new(file)).map_err(|e| e.in_file(path))
}

/// `# key = value` (or a bare `# key`, e.g. `# newdoc`).
fn parse_comment(comment: &str) -> Option<(String, String)> {
    let comment = comment.trim();
    if comment.is_empty() {
        return None;
    }
    let (key, value) = comment.split_once(" = ").unwrap_or((comment, ""));
    Some((key.trim().to_string(), value.to_string()))
}

/// Ends the current sentence (comments without tokens are dropped).
fn flush(current: &mut Sentence, sentences: &mut Vec<Sentence>) {
    if current.tokens.is_empty() {
        current.comments.clear();
    } else {
        sentences.push(std::mem::take(current));
    }
}

fn parse_line(line: &str, line_no: usize) -> Result<Line, NlpError> {
    let cols: Vec<&str> = line.split('\t').collect();
    let err = |message: String| NlpError::parse(FORMAT, line_no, message);
    let [
        id,
        form,
        lemma,
        upos,
        xpos,
        _feats,
        head,
        deprel,
        _deps,
        misc,
    ] = cols[..]
    else {
        return Err(err(format!(
            "expected 10 tab-separated columns, found {}",
            cols.len()
        )));
    };
    if id.contains('-') || id.contains('.') {
        return Ok(Line::Skipped);
    }
    if id.parse::<u32>().is_err() {
        return Err(err(format!("invalid token id {id:?}")));
    }
    Ok(Line::Word(Token {
        form: form.to_string(),
        lemma: lemma.to_string(),
        upos: upos.parse().map_err(|e| err(format!("{e}")))?,
        xpos: xpos.parse().map_err(|e| err(format!("{e}")))?,
        head: parse_head(head).ok_or_else(|| err(format!("invalid head {head:?}")))?,
        deprel: deprel.to_string(),
        misc: misc.to_string(),
    }))
}

/// `_` is unannotated; anything else must be a word index.
fn parse_head(head: &str) -> Option<Option<u32>> {
    if head == "_" {
        return Some(None);
    }
    head.parse().ok().map(Some)
}
