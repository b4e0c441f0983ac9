//! The NLP pipeline's stages tested on real text: the sample articles and UD English EWT.

#[path = "../common/mod.rs"]
mod common;

mod tokenize_articles;
mod tokenize_ewt;
mod tokenize_invariants;
