//! Library errors. Each message is written for the person at the terminal:
//! it names the file or store involved and, where there is one, what to do.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "{} is not a kg store: it is a non-empty directory without a store in it; \
         pass a new or empty directory to --store",
        path.display()
    )]
    NotAStoreDirectory { path: PathBuf },

    #[error(
        "{} is not a kg store: it is a file; pass a directory to --store",
        path.display()
    )]
    StoreIsAFile { path: PathBuf },

    #[error(
        "the store {} is in use by another kg process; wait for it to finish, \
         or use --memory or another --store",
        path.display()
    )]
    StoreLocked { path: PathBuf },

    #[error(
        "the store {store} was written by another version of kg (data model {found}; this \
         kg reads data model {}). Rebuild it: move it away and run `kg ingest` on the \
         articles again{}",
        crate::store::index::DATA_MODEL,
        if sources.is_empty() { String::new() } else { format!(" (they came from {})", sources.join(", ")) }
    )]
    DataModel {
        store: String,
        found: String,
        /// Folders the stored articles were read from, for the rebuild.
        sources: Vec<String>,
    },

    #[error("cannot open the store {}: {source}", path.display())]
    StoreOpen {
        path: PathBuf,
        #[source]
        source: oxigraph::store::StorageError,
    },

    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{} is a directory; pass the files in it instead", path.display())]
    IsADirectory { path: PathBuf },

    #[error(
        "{}: cannot tell the RDF format from the file name; use --format \
         (turtle, ntriples, nquads, trig, rdfxml or jsonld)",
        path.display()
    )]
    UnknownRdfFormat { path: PathBuf },

    #[error("unknown format '{name}'; expected one of: {expected}")]
    UnknownFormatName {
        name: String,
        expected: &'static str,
    },

    /// An RDF syntax error, with a 1-based position when the parser gives one.
    #[error("{}{}: {message}", source_name, position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
    RdfSyntax {
        source_name: String,
        position: Option<(u64, u64)>,
        message: String,
    },

    /// A SPARQL syntax error; `rendered` shows the query with a caret.
    #[error("SPARQL syntax error{}: {message}\n{rendered}", position.map(|(l, c)| format!(" at line {l}, column {c}")).unwrap_or_default())]
    SparqlSyntax {
        position: Option<(usize, usize)>,
        message: String,
        rendered: String,
    },

    #[error("query failed: {0}")]
    QueryEvaluation(#[from] oxigraph::sparql::QueryEvaluationError),

    #[error("update failed: {0}")]
    UpdateEvaluation(#[from] oxigraph::sparql::UpdateEvaluationError),

    #[error("{what} cannot be written as {format}: {hint}")]
    UnsupportedOutput {
        what: &'static str,
        format: String,
        hint: &'static str,
    },

    #[error("bad --base '{base}': {reason}")]
    BadBase { base: String, reason: String },

    #[error("bad graph name '{name}': {reason}")]
    BadGraphName { name: String, reason: String },

    #[error("no entity named '{name}'{}", if closest.is_empty() { String::new() } else { format!("; closest: {}", closest.join(", ")) })]
    UnknownEntity { name: String, closest: Vec<String> },

    #[error(
        "Graphviz `dot` was not found on PATH; install Graphviz or drop --engine dot to use the built-in layout"
    )]
    GraphvizMissing,

    #[error("{0}")]
    Ask(#[from] crate::ask::AskError),

    #[error("no article matches '{0}'; `kg articles` lists them")]
    UnknownArticle(String),

    #[error("{}: {source}", path.display())]
    NotText {
        path: PathBuf,
        #[source]
        source: crate::input::NotText,
    },

    #[error("{}: no .txt or .md files found", path.display())]
    NoArticlesFound { path: PathBuf },

    #[error("cannot write output: {0}")]
    Output(#[source] std::io::Error),

    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The file the message already names, for callers that report many
    /// files and must not name one twice.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Error::Io { path, .. }
            | Error::IsADirectory { path }
            | Error::UnknownRdfFormat { path }
            | Error::NotText { path, .. }
            | Error::NoArticlesFound { path } => Some(path),
            _ => None,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}
