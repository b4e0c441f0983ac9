//! The NLP pipeline's stages tested on real text: the sample articles, UD
//! English EWT and CoNLL-2003. One test binary; each stage is a module.

#[path = "../common/mod.rs"]
mod common;

mod conllu;
mod countries;
mod lemma;
mod models;
mod ner;
mod numeric_cases;
mod parser;
mod pipeline;
mod tagger;
mod temporal_articles;
mod temporal_cases;
mod temporal_ewt;
mod temporal_support;
mod tokenize_articles;
mod tokenize_ewt;
mod tokenize_invariants;
