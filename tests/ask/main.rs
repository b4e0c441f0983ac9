//! The `kg ask` language: golden SPARQL, answers on a real engine, error
//! messages, name matching, and robustness against arbitrary input.

mod common;

mod compile_errors;
mod docs;
mod engine;
mod errors;
mod golden;
mod names;
mod no_panic;
