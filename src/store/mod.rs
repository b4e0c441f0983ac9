//! The embedded RDF store: an Oxigraph store plus the rules `kg` adds on top —
//! clear errors when opening (and for stores of an older data model), one
//! transaction per loaded file or written article, and a default graph that
//! is the knowledge graph itself, one copy of each triple (`ledger`).

pub mod catalog;
pub mod index;
mod ledger;
pub mod mapping;

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

use crate::format::RdfFileFormat;
use crate::model::{ArticleFacts, Merge};
use crate::vocab::{Iris, PREFIXES};
use crate::{Error, Result};

/// Where a store lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Thrown away when the process ends (`--memory`).
    Memory,
    Disk(PathBuf),
}

/// How a store on disk is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Commands that write: create the store if it is missing.
    CreateIfMissing,
    /// Commands that only read: the store must exist, is opened without
    /// RocksDB's background work (no compaction at each `kg ask`), and
    /// several readers may share it while no writer holds it.
    ReadOnly,
}

/// A `kg` knowledge-graph store.
pub struct KgStore {
    store: Store,
    iris: Iris,
    /// Held while the store is open: shared by readers, exclusive for the
    /// writer (RocksDB's own lock covers writers only).
    _lock: Option<File>,
    /// Opened on disk for writing (see `Drop`).
    writable: bool,
}

/// Which graph `kg load` writes into or `kg dump` reads from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphSelector {
    /// The store's unnamed default graph.
    Default,
    Named(NamedNode),
}

impl GraphSelector {
    /// Parses `default` or an absolute IRI (with or without angle brackets).
    pub fn parse(name: &str) -> Result<Self> {
        if name.eq_ignore_ascii_case("default") {
            return Ok(Self::Default);
        }
        let iri = name.trim_start_matches('<').trim_end_matches('>');
        NamedNode::new(iri)
            .map(Self::Named)
            .map_err(|e| Error::BadGraphName {
                name: name.to_owned(),
                reason: format!("{e}; give an absolute IRI or 'default'"),
            })
    }

    fn graph_name(&self) -> GraphName {
        match self {
            Self::Default => GraphName::DefaultGraph,
            Self::Named(n) => n.clone().into(),
        }
    }
}

/// Where loaded data comes from, for error messages.
pub struct Source<'a> {
    /// A file path or `<stdin>`.
    pub name: &'a str,
    pub format: RdfFileFormat,
    /// For triple formats: the graph to load into (default: the default graph).
    pub graph: Option<&'a GraphSelector>,
}

impl KgStore {
    /// Opens (or, with [`OpenMode::CreateIfMissing`], creates) the store at `location`.
    pub fn open(location: &Location, mode: OpenMode, iris: Iris) -> Result<Self> {
        let (store, lock) = match location {
            Location::Memory => (Store::new()?, None),
            Location::Disk(path) => {
                let (store, lock) = open_on_disk(path, mode)?;
                index::check_data_model(&store, &path.display().to_string())?;
                (store, Some(lock))
            }
        };
        let writable = lock.is_some() && mode != OpenMode::ReadOnly;
        Ok(Self {
            store,
            iris,
            _lock: lock,
            writable,
        })
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// The underlying Oxigraph store, for what this API does not cover.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// Number of quads, by a full scan.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Parses all of `reader` and adds it in one transaction: on a syntax
    /// error nothing from this source is added. Returns the number of quads read.
    pub fn load(&self, source: &Source<'_>, reader: impl Read) -> Result<usize> {
        let mut parser = RdfParser::from_format(source.format.to_oxigraph()).rename_blank_nodes();
        if let Some(graph) = source.graph {
            parser = parser.with_default_graph(graph.graph_name());
        }
        let mut transaction = self.store.start_transaction()?;
        let mut count = 0;
        for quad in parser.for_reader(reader) {
            let quad = quad.map_err(|e| parse_error(source.name, e))?;
            transaction.insert(quad.as_ref());
            count += 1;
        }
        transaction.commit()?;
        Ok(count)
    }

    /// [`KgStore::load`] on a file, refusing directories with a clear message.
    pub fn load_file(
        &self,
        path: &Path,
        format: RdfFileFormat,
        graph: Option<&GraphSelector>,
    ) -> Result<usize> {
        if path.is_dir() {
            return Err(Error::IsADirectory { path: path.into() });
        }
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let name = path.display().to_string();
        let source = Source {
            name: &name,
            format,
            graph,
        };
        self.load(&source, BufReader::new(file))
    }

    /// Runs a SPARQL query (`SERVICE` is unavailable: this build has no HTTP
    /// client, so nothing reaches the network). The default graph is the
    /// store's unnamed graph — the knowledge graph, plus what `kg load` put
    /// there — unless the query names its dataset with FROM; article graphs
    /// (provenance) are reached with GRAPH. `kg:`, `schema:`, `skos:`,
    /// `rdfs:`, `rdf:` and `xsd:` need no PREFIX, and relative IRIs resolve
    /// against the store's base.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let prepared = self
            .evaluator()?
            .parse_query(sparql)
            .map_err(|e| sparql_syntax_error(sparql, &e))?;
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a SPARQL Update. Unlike queries, updates address graphs as
    /// stored: the default graph is the store's unnamed graph.
    pub fn update(&self, sparql: &str) -> Result<()> {
        let prepared = self
            .evaluator()?
            .parse_update(sparql)
            .map_err(|e| sparql_syntax_error(sparql, &e))?;
        prepared.on_store(&self.store).execute()?;
        Ok(())
    }

    fn evaluator(&self) -> Result<SparqlEvaluator> {
        let mut evaluator = SparqlEvaluator::new()
            .with_base_iri(self.iris.base())
            .map_err(|e| Error::BadBase {
                base: self.iris.base().to_owned(),
                reason: e.to_string(),
            })?;
        for (prefix, namespace) in PREFIXES {
            evaluator = evaluator
                .with_prefix(prefix, namespace)
                .expect("built-in prefixes are valid IRIs");
        }
        Ok(evaluator)
    }

    /// Writes the store, or one graph of it, to `writer`. Returns the number
    /// of quads (or triples) written.
    ///
    /// Triple-only formats (Turtle, N-Triples, RDF/XML) without a graph get
    /// the default graph: the knowledge graph without its provenance.
    pub fn dump(
        &self,
        writer: impl Write,
        format: RdfFileFormat,
        graph: Option<&GraphSelector>,
    ) -> Result<usize> {
        let mut serializer = RdfSerializer::from_format(format.to_oxigraph());
        for (prefix, namespace) in PREFIXES {
            serializer = serializer
                .with_prefix(prefix, namespace)
                .expect("built-in prefixes are valid IRIs");
        }
        let mut out = serializer.for_writer(writer);
        let mut count = 0;
        let graph_name = match graph {
            Some(selector) => Some(selector.graph_name()),
            None if !format.supports_datasets() => Some(GraphName::DefaultGraph),
            None => None,
        };
        let quads = self.store.quads_for_pattern(
            None,
            None,
            None,
            graph_name.as_ref().map(GraphName::as_ref),
        );
        for quad in quads {
            let mut quad = quad?;
            if !format.supports_datasets() {
                quad.graph_name = GraphName::DefaultGraph;
            }
            out.serialize_quad(&quad).map_err(Error::Output)?;
            count += 1;
        }
        out.finish().map_err(Error::Output)?;
        Ok(count)
    }

    /// Writes (or replaces) one article in one transaction: readers see the
    /// store before or after it, never a part of it.
    pub fn write_article(&self, facts: &ArticleFacts, ingested_at: &str) -> Result<()> {
        let mut transaction = self.store.start_transaction()?;
        ledger::write_article(&mut transaction, &self.iris, facts, ingested_at)?;
        transaction.commit()?;
        Ok(())
    }

    /// Merges stored entities into older ones they were shown to be, in one
    /// transaction.
    pub fn merge_entities(&self, merges: &[Merge]) -> Result<()> {
        if merges.is_empty() {
            return Ok(());
        }
        let mut transaction = self.store.start_transaction()?;
        for merge in merges {
            ledger::merge(&mut transaction, &self.iris, merge)?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Removes an article graph and whatever only it supported, in one
    /// transaction.
    pub(crate) fn forget_graph(&self, graph: &NamedNode) -> Result<()> {
        let mut transaction = self.store.start_transaction()?;
        ledger::forget_article(&mut transaction, graph)?;
        transaction.commit()?;
        Ok(())
    }

    /// The stored entities filed under any of these resolution keys (see
    /// [`crate::resolve::keys`]), oldest first.
    pub fn candidates(&self, keys: &[String]) -> Result<index::Candidates> {
        index::candidates(&self.store, &self.iris, keys)
    }

    /// Whether something in the store is already named by this entity key.
    pub fn entity_key_taken(&self, key: &str) -> Result<bool> {
        index::entity_exists(&self.store, &self.iris, key)
    }

    /// Writes memtables to disk: ingestion calls it between chunks so that
    /// memory stays bounded however many articles are written.
    pub fn flush(&self) -> Result<()> {
        self.store.flush()?;
        Ok(())
    }
}

/// A writer flushes its memtables when it closes: what stays in the
/// write-ahead log is replayed by every later opening, and a read-only
/// opening cannot write it out, so each `kg ask` after an ingest would
/// replay hundreds of megabytes. A failed flush loses nothing (the log
/// still holds it), so its error is not reported.
impl Drop for KgStore {
    fn drop(&mut self) {
        if self.writable {
            let _ = self.store.flush();
        }
    }
}

/// Opens a RocksDB store after checking that the path can be one, with our
/// lock held (see [`lock`]), and turns a held lock into [`Error::StoreLocked`].
fn open_on_disk(path: &Path, mode: OpenMode) -> Result<(Store, File)> {
    if path.is_file() {
        return Err(Error::StoreIsAFile { path: path.into() });
    }
    if path.is_dir() {
        let is_store = path.join("CURRENT").is_file();
        // Our lock file alone is what a failed creation leaves.
        let is_empty = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|entry| entry.ok())
            .all(|entry| entry.file_name() == "kg.lock");
        if !is_store && !is_empty {
            return Err(Error::NotAStoreDirectory { path: path.into() });
        }
    } else if mode != OpenMode::CreateIfMissing {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no store here; create one with `kg load` or `kg ingest`, or pass --store",
            ),
        ));
    }
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
    let lock = lock(path, mode)?;
    let opened = match mode {
        OpenMode::ReadOnly => Store::open_read_only(path),
        OpenMode::CreateIfMissing => Store::open(path),
    };
    let store = opened.map_err(|source| {
        if is_lock_error(&source) {
            Error::StoreLocked { path: path.into() }
        } else {
            Error::StoreOpen {
                path: path.into(),
                source,
            }
        }
    })?;
    Ok((store, lock))
}

/// Takes `kg.lock` in the store directory: shared for readers, exclusive
/// for a writer, never waiting. Oxigraph says a read-only opening while
/// another process writes is undefined, so readers and the writer exclude
/// each other here, and readers do not exclude each other.
fn lock(dir: &Path, mode: OpenMode) -> Result<File> {
    let path = dir.join("kg.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    let taken = match mode {
        OpenMode::ReadOnly => file.try_lock_shared(),
        OpenMode::CreateIfMissing => file.try_lock(),
    };
    match taken {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::StoreLocked { path: dir.into() }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
    }
}

/// RocksDB reports a held lock only in its message ("While lock file: .../LOCK:
/// Resource temporarily unavailable").
fn is_lock_error(error: &StorageError) -> bool {
    let message = error.to_string();
    message.contains("lock file") || message.contains("LOCK")
}

fn parse_error(source_name: &str, error: RdfParseError) -> Error {
    match error {
        RdfParseError::Io(e) => Error::io(source_name, e),
        RdfParseError::Syntax(e) => Error::RdfSyntax {
            source_name: source_name.to_owned(),
            position: e.location().map(|l| (l.start.line + 1, l.start.column + 1)),
            message: without_position(&e.to_string()).to_owned(),
        },
    }
}

/// Drops the parser's own "Parser error at line 7 between columns 21 and 25: "
/// prefix: the position is already given as `file:line:column`.
fn without_position(message: &str) -> &str {
    match message.strip_prefix("Parser error at line ") {
        Some(rest) => rest.split_once(": ").map_or(message, |(_, m)| m),
        None => message,
    }
}

/// Oxigraph's SPARQL parser reports "error at LINE:COLUMN: expected ..."; we
/// recover the position to draw a caret under it.
fn sparql_syntax_error(query: &str, error: &oxigraph::sparql::SparqlSyntaxError) -> Error {
    let text = error.to_string();
    let position = text
        .strip_prefix("error at ")
        .and_then(|rest| rest.split_once(": "))
        .and_then(|(pos, _)| pos.split_once(':'))
        .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
    let mut message = match text
        .strip_prefix("error at ")
        .and_then(|r| r.split_once(": "))
    {
        Some((_, message)) => message.to_owned(),
        None => text.clone(),
    };
    if position.is_some_and(|(line, column)| is_end_of_text(query, line, column)) {
        message = format!("unexpected end of query ({message})");
    }
    let rendered = position
        .map(|(line, column)| caret(query, line, column))
        .unwrap_or_default();
    Error::SparqlSyntax {
        position,
        message,
        rendered,
    }
}

fn is_end_of_text(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    match lines.get(line.saturating_sub(1)) {
        None => true,
        Some(l) => line == lines.len() && column > l.chars().count(),
    }
}

/// The 1-based `line` of `text` with a `^` under 1-based `column` (in chars).
/// A position past the last line points just after the end of the text.
pub fn caret(text: &str, line: usize, column: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let (source_line, column) = match lines.get(line.saturating_sub(1)) {
        Some(l) => (*l, column),
        None => match lines.iter().rposition(|l| !l.trim().is_empty()) {
            Some(last) => (lines[last], lines[last].chars().count() + 1),
            None => return String::new(),
        },
    };
    let pad: String = source_line
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("  {source_line}\n  {pad}^")
}
