//! Relation extraction, coreference, negation and entity resolution on
//! real text: the sample articles against a hand-written gold
//! (`tests/fixtures/articles-facts.tsv`), and one sentence per construction.

mod articles;
mod constructions;
mod support;
