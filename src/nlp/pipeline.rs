//! The whole pipeline: load every model once, then annotate texts.
//!
//! [`Pipeline::annotate`] runs, per document: tokenize → split sentences →
//! tag (UPOS, XPOS, lemma) → parse (head, relation) → recognize entities
//! (whole document at once, for its document-level features) → temporal
//! and numeric expressions per sentence. Every annotation keeps byte spans
//! into the input text, plus character offsets for output formats that
//! count characters.

use crate::nlp::NlpError;
use crate::nlp::bundled;
use crate::nlp::countries::CountryLexicon;
use crate::nlp::model_io::ModelFile;
use crate::nlp::ner::{EntityKind, Ner, NerInput, NerToken};
use crate::nlp::parser::{DepRel, Parser};
use crate::nlp::sentence::{self, split_sentences};
use crate::nlp::tagger::Tagger;
use crate::nlp::tags::{Upos, Xpos};
use crate::nlp::temporal::{
    Anchor, NumericMention, TemporalMention, find_article_date, find_numeric, find_temporal,
};
use crate::nlp::tokenize::{self, CharOffsets};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Model file names inside the models directory.
pub const TAGGER_FILE: &str = "tagger.bin";
pub const NER_FILE: &str = "ner.bin";
pub const PARSER_FILE: &str = "parser.bin";
/// The country lexicon, looked up in a models directory and then in its
/// parent (the repository keeps it at `data/countries.tsv`, next to
/// `data/models/`).
pub const COUNTRIES_FILE: &str = "countries.tsv";
/// Environment variable naming a models directory to use instead of the
/// bundled models.
pub const MODELS_ENV: &str = "KG_MODELS";

/// Where a pipeline's models come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Models {
    /// Those compiled into the binary ([`crate::nlp::bundled`]).
    Bundled,
    /// A directory of model files ([`TAGGER_FILE`], ...); the country
    /// lexicon is looked up in it, then in its parent, then bundled.
    Dir(PathBuf),
}

impl Models {
    /// `$KG_MODELS` when set, else the bundled models.
    pub fn from_env() -> Self {
        match std::env::var_os(MODELS_ENV) {
            Some(dir) if !dir.is_empty() => Self::Dir(PathBuf::from(dir)),
            _ => Self::Bundled,
        }
    }
}

/// All loaded models. Immutable, so one pipeline can serve many threads.
pub struct Pipeline {
    tagger: Tagger,
    parser: Parser,
    ner: Ner,
    countries: CountryLexicon,
}

/// Byte range in the source text plus the same range in characters
/// (Unicode scalar values), as CoNLL-U `TokenRange` and most annotation
/// tools count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
}

impl Span {
    fn new(bytes: Range<usize>, chars: &CharOffsets) -> Self {
        Self {
            start: bytes.start,
            end: bytes.end,
            char_start: chars.char_offset(bytes.start),
            char_end: chars.char_offset(bytes.end),
        }
    }

    /// The covered text (`None` if `text` is not the annotated text).
    pub fn text<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// A token's syntactic head and relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    /// 1-based index of the head token in its sentence; 0 is the root.
    pub head: u32,
    pub deprel: DepRel,
}

/// One token with its annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub span: Span,
    pub upos: Upos,
    pub xpos: Xpos,
    pub lemma: String,
    /// Head and relation; the heads of a sentence form one tree.
    pub dependency: Dependency,
}

/// One sentence: its span and its tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// Token range within that sentence (never empty).
    pub tokens: Range<usize>,
    pub kind: EntityKind,
    pub span: Span,
}

/// The annotations of one text. Spans index the text given to
/// [`Pipeline::annotate`]; the text itself is not stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub sentences: Vec<Sentence>,
    /// In text order.
    pub entities: Vec<Entity>,
    /// Dates, times, durations..., in text order.
    pub temporal: Vec<TemporalMention>,
    /// Cardinals, ordinals, money, percentages, quantities, in text order.
    pub numeric: Vec<NumericMention>,
    /// The date relative expressions were resolved against, if any.
    pub anchor: Option<Anchor>,
}

impl Pipeline {
    /// Loads every model from `models_dir` (see [`TAGGER_FILE`],
    /// [`PARSER_FILE`], [`NER_FILE`], [`COUNTRIES_FILE`]).
    pub fn load(models_dir: &Path) -> Result<Pipeline, NlpError> {
        if !models_dir.is_dir() {
            return Err(NlpError::ModelsDir(models_dir.to_path_buf()));
        }
        Ok(Pipeline {
            tagger: Tagger::load_file(&models_dir.join(TAGGER_FILE))?,
            parser: Parser::load_file(&models_dir.join(PARSER_FILE))?,
            ner: Ner::load_file(&models_dir.join(NER_FILE))?,
            countries: match countries_path(models_dir) {
                Some(path) => CountryLexicon::load(path)?,
                None => CountryLexicon::parse(bundled::COUNTRIES)?,
            },
        })
    }

    /// Loads the models compiled into the binary.
    pub fn bundled() -> Result<Pipeline, NlpError> {
        Ok(Pipeline {
            tagger: Tagger::from_bytes(bundled::TAGGER)?,
            parser: Parser::from_bytes(bundled::PARSER)?,
            ner: Ner::from_bytes(bundled::NER)?,
            countries: CountryLexicon::parse(bundled::COUNTRIES)?,
        })
    }

    pub fn from_models(models: &Models) -> Result<Pipeline, NlpError> {
        match models {
            Models::Bundled => Self::bundled(),
            Models::Dir(dir) => Self::load(dir),
        }
    }

    /// Loads [`Models::from_env`].
    pub fn load_default() -> Result<Pipeline, NlpError> {
        Self::from_models(&Models::from_env())
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    pub fn ner(&self) -> &Ner {
        &self.ner
    }

    /// The country lexicon (demonyms, capitals), for linking entities.
    pub fn countries(&self) -> &CountryLexicon {
        &self.countries
    }

    /// Annotates `text`. Relative temporal expressions are resolved against
    /// `anchor`, or else against a publication date found in the text's
    /// dateline ([`find_article_date`]), or stay unresolved.
    pub fn annotate(&self, text: &str, anchor: Option<Anchor>) -> Document {
        let tokens = tokenize::tokenize(text);
        let sentences = split_sentences(text, &tokens);
        self.annotate_segmented(text, &tokens, sentences, anchor)
    }

    /// Annotates text that is already tokenized: one sentence per line,
    /// tokens separated by whitespace (CaRB, CoNLL). Blank lines are skipped.
    pub fn annotate_pretokenized(&self, text: &str, anchor: Option<Anchor>) -> Document {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let first = tokens.len();
            tokens.extend(tokenize::tokenize_pretokenized(line).into_iter().map(|t| {
                tokenize::Token {
                    start: t.start + line_start,
                    end: t.end + line_start,
                }
            }));
            if tokens.len() > first {
                sentences.push(sentence::Sentence {
                    tokens: first..tokens.len(),
                    start: tokens[first].start,
                    end: tokens[tokens.len() - 1].end,
                });
            }
            line_start += line.len();
        }
        self.annotate_segmented(text, &tokens, sentences, anchor)
    }

    fn annotate_segmented(
        &self,
        text: &str,
        tokens: &[tokenize::Token],
        sentences: Vec<sentence::Sentence>,
        anchor: Option<Anchor>,
    ) -> Document {
        let chars = CharOffsets::new(text);
        let anchor = anchor.or_else(|| find_article_date(text));
        let mut doc = Document {
            sentences: Vec::new(),
            entities: Vec::new(),
            temporal: Vec::new(),
            numeric: Vec::new(),
            anchor,
        };
        let mut ner_input = NerInput::default();
        for s in sentences {
            let toks = &tokens[s.tokens.clone()];
            let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
            let tagged = self.tagger.tag(&words);
            let upos: Vec<Upos> = tagged.iter().map(|t| t.upos).collect();
            let xpos: Vec<Xpos> = tagged.iter().map(|t| t.xpos).collect();
            let arcs = self.parser.parse(&words, &upos, &xpos);
            ner_input.sentences.push(
                words
                    .iter()
                    .zip(&tagged)
                    .map(|(w, t)| NerToken::new(*w, t.xpos))
                    .collect(),
            );
            doc.temporal.extend(find_temporal(text, toks, anchor));
            doc.numeric.extend(find_numeric(text, toks));
            doc.sentences.push(Sentence {
                span: Span::new(s.start..s.end, &chars),
                tokens: toks
                    .iter()
                    .zip(tagged)
                    .zip(arcs)
                    .map(|((t, tag), arc)| Token {
                        span: Span::new(t.start..t.end, &chars),
                        upos: tag.upos,
                        xpos: tag.xpos,
                        lemma: tag.lemma,
                        dependency: Dependency {
                            head: arc.head,
                            deprel: arc.deprel,
                        },
                    })
                    .collect(),
            });
        }
        doc.entities = self.entities(&doc.sentences, &ner_input, &chars);
        doc
    }

    fn entities(
        &self,
        sentences: &[Sentence],
        input: &NerInput,
        chars: &CharOffsets,
    ) -> Vec<Entity> {
        let mut out = Vec::new();
        for (i, spans) in self.ner.recognize(input).into_iter().enumerate() {
            let tokens = &sentences[i].tokens;
            for span in spans {
                let (Some(first), Some(last)) = (
                    tokens.get(span.tokens.start),
                    tokens.get(span.tokens.end - 1),
                ) else {
                    continue;
                };
                out.push(Entity {
                    sentence: i,
                    span: Span::new(first.span.start..last.span.end, chars),
                    tokens: span.tokens,
                    kind: span.kind,
                });
            }
        }
        out
    }
}

/// The models directory that training and evaluation read and write:
/// `$KG_MODELS` when set, else `data/models` under the crate root as known
/// at compile time (a checkout's). Extraction does not need it: see
/// [`Models`].
pub fn default_models_dir() -> PathBuf {
    match std::env::var_os(MODELS_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models"),
    }
}

/// The country lexicon of a models directory: in it, else beside it.
fn countries_path(models_dir: &Path) -> Option<PathBuf> {
    let beside = models_dir
        .parent()
        .map(|parent| parent.join(COUNTRIES_FILE));
    std::iter::once(models_dir.join(COUNTRIES_FILE))
        .chain(beside)
        .find(|path| path.is_file())
}

impl Document {
    /// Number of tokens in all sentences.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }

    /// CoNLL-U rendering of the annotations of `text` (the text given to
    /// [`Pipeline::annotate`]).
    ///
    /// Per sentence: `# sent_id = N` (1-based), `# text = …` (line breaks
    /// inside the sentence become spaces). Per token: ID, FORM, LEMMA, UPOS,
    /// XPOS, HEAD, DEPREL; FEATS and DEPS are `_`. MISC holds,
    /// `|`-separated in this order:
    /// * `TokenRange=START:END`: character offsets (Unicode scalar values)
    ///   in the whole text, end exclusive;
    /// * `SpaceAfter=No` when the next token follows without whitespace;
    /// * `NER=B-PER` / `NER=I-PER` (IOB2, types PER ORG LOC MISC) for tokens
    ///   inside an entity. Per-token MISC rather than a sentence comment so
    ///   each line is self-contained and standard IOB readers apply.
    pub fn to_conllu(&self, text: &str) -> String {
        let mut out = String::new();
        let ner = self.iob_tags();
        let mut next_starts = self
            .sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .skip(1)
            .map(|t| t.span.start);
        for (i, sentence) in self.sentences.iter().enumerate() {
            let _ = writeln!(out, "# sent_id = {}", i + 1);
            let sent_text = sentence.span.text(text).unwrap_or_default();
            let _ = writeln!(out, "# text = {}", one_line(sent_text));
            for (j, token) in sentence.tokens.iter().enumerate() {
                let next = next_starts.next();
                let misc = misc(token, next, ner[i][j].as_deref());
                write_token(&mut out, j + 1, token, text, &misc);
            }
            out.push('\n');
        }
        out
    }

    /// IOB2 tag (`B-PER`, `I-LOC`) per token, `None` outside entities.
    fn iob_tags(&self) -> Vec<Vec<Option<String>>> {
        let mut tags: Vec<Vec<Option<String>>> = self
            .sentences
            .iter()
            .map(|s| vec![None; s.tokens.len()])
            .collect();
        for e in &self.entities {
            let Some(row) = tags.get_mut(e.sentence) else {
                continue;
            };
            for (k, slot) in row[e.tokens.clone()].iter_mut().enumerate() {
                let prefix = if k == 0 { "B" } else { "I" };
                *slot = Some(format!("{prefix}-{}", e.kind.as_str()));
            }
        }
        tags
    }
}

fn misc(token: &Token, next_start: Option<usize>, ner: Option<&str>) -> String {
    let mut misc = format!(
        "TokenRange={}:{}",
        token.span.char_start, token.span.char_end
    );
    if next_start == Some(token.span.end) {
        misc.push_str("|SpaceAfter=No");
    }
    if let Some(tag) = ner {
        let _ = write!(misc, "|NER={tag}");
    }
    misc
}

fn write_token(out: &mut String, id: usize, token: &Token, text: &str, misc: &str) {
    let form = token.span.text(text).unwrap_or("_");
    let lemma = if token.lemma.is_empty() {
        "_"
    } else {
        &token.lemma
    };
    let Dependency { head, deprel } = token.dependency;
    let _ = writeln!(
        out,
        "{id}\t{form}\t{lemma}\t{}\t{}\t_\t{head}\t{deprel}\t_\t{misc}",
        token.upos, token.xpos
    );
}

/// Comment values must stay on one line.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n', '\t'], " ")
}
