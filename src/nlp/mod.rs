//! The NLP pipeline: text → annotated document. Each stage is its own module
//! and works on byte spans of the original text, so every later stage can
//! point back into the article. [`pipeline::Pipeline`] runs them all.
//!
//! Data flow, per document:
//!
//! ```text
//! text ─ tokenize ─ sentence ─┬─ tagger (UPOS, XPOS) ─ lemma ─┬─ parser (head, deprel)
//!                             │                              └─ ner (PER/ORG/LOC/MISC spans)
//!                             └─ temporal (dates, times, durations; numbers, money, percent)
//! ```
//!
//! * [`tokenize`], [`sentence`]: rule-based tokens (byte spans) and sentences.
//! * [`tagger`]: greedy averaged-perceptron POS tagger (joint XPOS+UPOS label),
//!   trained on UD English EWT; it owns the [`lemma`]tizer, stored in the
//!   same model file.
//! * [`ner`]: structured-perceptron named-entity recognizer trained on
//!   CoNLL-2003; its input is the tagger's XPOS tags and it uses the
//!   [`countries`] lexicon as a gazetteer.
//! * [`temporal`]: rule-based temporal and numeric expressions.
//! * [`parser`]: greedy arc-hybrid dependency parser (UD relations) over
//!   the tagger's UPOS/XPOS, trained on EWT with jackknifed tags.
//!
//! Shared machinery: [`hash`](self) feature hashing, `rng` (seeded
//! shuffles), `perceptron` (weights, averaging, pruning, quantisation for
//! every model), [`model_io`] (model file header), [`conllu`] (treebank
//! reader), [`tags`] (closed tag sets) and [`NlpError`], the one error type.
//! Training and evaluation entry points for the CLI are in [`train`].

pub mod bundled;
pub mod conllu;
pub mod countries;
mod error;
mod hash;
pub mod lemma;
pub mod model_io;
pub mod ner;
pub mod parser;
mod perceptron;
pub mod pipeline;
mod rng;
pub mod sentence;
pub mod tagger;
pub mod tags;
pub mod temporal;
pub mod tokenize;
pub mod train;

pub use error::{Location, NlpError};
pub use model_io::ModelFile;
pub use pipeline::{Document, Pipeline};
pub use tags::{Upos, Xpos};
