//! `kg ask`: a one-line query language for knowledge graphs, compiled to
//! SPARQL.
//!
//! ```text
//! Saleh -claims-> ?x                     patterns
//! ?who -surround-> Panjshir | evidence   modifiers
//! about "Ahmad Shah Massoud"             commands
//! ```
//!
//! Two phases keep the compiler testable without a store:
//! 1. [`parse()`] turns text into an [`ast::Query`], with friendly
//!    [`AskSyntaxError`]s;
//! 2. [`resolve`] maps the query's names to IRIs with [`NameIndex`]es built
//!    from the store, then [`compile()`] writes SPARQL ([`Compiled`]).
//!    `path` and `neighbors` are not SPARQL: [`graph_task`] gives the caller
//!    their resolved endpoints.
//!
//! [`run`] executes queries on a store. The language is documented in
//! `docs/query-language.md`.

pub mod ast;
pub mod compile;
pub mod names;
pub mod parse;
pub mod run;

pub use ast::Query;
pub use compile::{
    AskError, Column, Compiled, Form, GraphTask, Indexes, LabelsApart, NameKind, Note, Resolved,
    compile, graph_task, resolve,
};
pub use names::{Match, MatchKind, NameIndex, NoMatch};
pub use parse::{AskSyntaxError, parse};
