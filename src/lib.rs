//! `kg` turns news articles into a knowledge graph you can query.
//!
//! Data flows one way: input ([`input`]) → text → annotated document → facts ([`model`]) →
//! resolved entities → RDF store ([`store`]) → queries and exports
//! ([`output`]). The `kg` binary is a thin command-line layer over this
//! library; the library never prints.
//!
//! ```
//! use kg::store::{KgStore, Location, OpenMode, Source};
//! use kg::format::RdfFileFormat;
//! use kg::vocab::Iris;
//!
//! let store = KgStore::open(&Location::Memory, OpenMode::CreateIfMissing, Iris::default())?;
//! let turtle = r#"<https://kg.example/entity/Taliban> <http://www.w3.org/2000/01/rdf-schema#label> "Taliban" ."#;
//! let source = Source { name: "inline", format: RdfFileFormat::Turtle, graph: None };
//! assert_eq!(store.load(&source, turtle.as_bytes())?, 1);
//! # Ok::<_, kg::Error>(())
//! ```

pub mod ask;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod fact_output;
pub mod format;
pub mod graph;
pub mod ingest;
pub mod input;
pub mod model;
pub mod nlp;
pub mod output;
pub mod resolve;
pub mod store;
pub mod vocab;

pub use error::{Error, Result};
