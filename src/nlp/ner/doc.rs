//! Input documents, gold documents and the CoNLL-2003 reader.

use crate::nlp::NlpError;
use crate::nlp::error::read_text;
use crate::nlp::ner::label::{EntitySpan, iob_to_spans};
use crate::nlp::tagger::Tagger;
use crate::nlp::tags::Xpos;
use std::path::Path;

/// One input token: the word and the POS tag our tagger gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerToken {
    pub word: String,
    pub pos: Xpos,
}

impl NerToken {
    pub fn new(word: impl Into<String>, pos: Xpos) -> Self {
        Self {
            word: word.into(),
            pos,
        }
    }

    /// Tags one sentence with `tagger` and attaches its clusters.
    pub fn tag_sentence<S: AsRef<str>>(tagger: &Tagger, words: &[S]) -> Vec<NerToken> {
        let refs: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
        let tags = tagger.tag_pos(&refs);
        refs.iter()
            .zip(tags)
            .map(|(w, (_, pos))| NerToken::new(*w, pos))
            .collect()
    }
}

/// A document to recognize: sentences of tagged tokens, in text order, so
/// that document-level features can look at the other sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerInput {
    pub sentences: Vec<Vec<NerToken>>,
}

/// A document with gold mentions. Fields are private so a document can only
/// exist with one span list per sentence and every span non-empty, in range
/// and non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerDocument {
    input: NerInput,
    entities: Vec<Vec<EntitySpan>>,
}

impl NerDocument {
    pub fn new(input: NerInput, mut entities: Vec<Vec<EntitySpan>>) -> Result<Self, NlpError> {
        if entities.len() != input.sentences.len() {
            return Err(NlpError::InvalidDocument("one span list per sentence"));
        }
        for (spans, sentence) in entities.iter_mut().zip(&input.sentences) {
            spans.sort_by_key(|s| (s.tokens.start, s.tokens.end, s.kind));
            let in_range = spans
                .iter()
                .all(|s| !s.tokens.is_empty() && s.tokens.end <= sentence.len());
            let disjoint = spans
                .windows(2)
                .all(|w| w[0].tokens.end <= w[1].tokens.start);
            if !in_range || !disjoint {
                return Err(NlpError::InvalidDocument(
                    "spans must be non-empty, in range and disjoint",
                ));
            }
        }
        Ok(Self { input, entities })
    }

    pub fn input(&self) -> &NerInput {
        &self.input
    }

    /// Gold mentions, per sentence, sorted.
    pub fn entities(&self) -> &[Vec<EntitySpan>] {
        &self.entities
    }
}

/// A CoNLL-2003 sentence before POS tagging (the file's own POS column is
/// ignored: at run time only our tagger's tags exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    pub entities: Vec<EntitySpan>,
}

/// Sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    pub sentences: Vec<ConllSentence>,
}

impl ConllDocument {
    /// Tags every sentence with `tagger` and validates the spans.
    pub fn tag(self, tagger: &Tagger) -> Result<NerDocument, NlpError> {
        self.into_ner_document(|words| NerToken::tag_sentence(tagger, words))
    }

    /// Attaches tokens from `tag` (one per word, same words) and validates spans.
    pub fn into_ner_document(
        self,
        mut tag: impl FnMut(&[&str]) -> Vec<NerToken>,
    ) -> Result<NerDocument, NlpError> {
        let mut sentences = Vec::with_capacity(self.sentences.len());
        let mut entities = Vec::with_capacity(self.sentences.len());
        for s in self.sentences {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let tokens = tag(&words);
            let same =
                tokens.len() == words.len() && tokens.iter().zip(&words).all(|(t, w)| t.word == *w);
            if !same {
                return Err(NlpError::InvalidDocument("tagging changed the words"));
            }
            sentences.push(tokens);
            entities.push(s.entities);
        }
        NerDocument::new(NerInput { sentences }, entities)
    }
}

/// Parses CoNLL-2003 text (token POS chunk NER per line, IOB tags).
pub fn parse_conll2003(text: &str) -> Result<Vec<ConllDocument>, NlpError> {
    let mut docs: Vec<ConllDocument> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut current = ConllDocument::default();
    let flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc: &mut ConllDocument, line| {
        if words.is_empty() {
            return Ok(());
        }
        let entities =
            iob_to_spans(tags).map_err(|e| NlpError::parse(FORMAT, line, e.to_string()))?;
        doc.sentences.push(ConllSentence {
            words: std::mem::take(words),
            entities,
        });
        tags.clear();
        Ok::<(), NlpError>(())
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut tags, &mut current, n + 1)?;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.first() == Some(&"-DOCSTART-") {
            flush(&mut words, &mut tags, &mut current, n + 1)?;
            if !current.sentences.is_empty() {
                docs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let (Some(word), Some(tag)) = (cols.first(), cols.last().filter(|_| cols.len() >= 2))
        else {
            return Err(NlpError::parse(
                FORMAT,
                n + 1,
                "expected at least a token and a tag",
            ));
        };
        words.push((*word).to_string());
        tags.push((*tag).to_string());
    }
    flush(&mut words, &mut tags, &mut current, text.lines().count())?;
    if !current.sentences.is_empty() {
        docs.push(current);
    }
    Ok(docs)
}

/// Reads a CoNLL-2003 file.
pub fn read_conll2003(path: impl AsRef<Path>) -> Result<Vec<ConllDocument>, NlpError> {
    let path = path.as_ref();
    parse_conll2003(&read_text(path)?).map_err(|e| e.in_file(path))
}

const FORMAT: &str = "CoNLL-2003";
