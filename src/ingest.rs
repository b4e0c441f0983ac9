//! `kg ingest`: articles on disk → facts → the store, one transaction per
//! article, in bounded memory.
//!
//! Files are taken in chunks ([`Options::chunk`]). While one chunk is
//! resolved and written, the next is planned and read in parallel, so
//! memory holds two chunks whatever the size of the archive. Each chunk is
//! resolved against the entities already stored through the store's
//! resolution index ([`KgStore::candidates`]): the stored entities its
//! mentions could be, not the whole store, so a chunk costs the same in an
//! empty store and in a large one.
//!
//! Ingestion is idempotent by content: an article whose text is already in
//! the store (same SHA-256) is skipped; an article whose source path is
//! known but whose text changed is replaced. Ids are assigned in file
//! order. Each article is written whole or not at all; a crash leaves the
//! articles written so far, and the next run takes the rest.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, mpsc};

use sha2::{Digest, Sha256};

use crate::input::{self, Decoded};
use crate::model::{Article, ArticleFacts, LinkedBatch};
use crate::resolve::Known;
use crate::store::KgStore;
use crate::vocab::{hex, slug};
use crate::{Error, Result};

/// Turns articles into facts in two steps: `read` each article on its own
/// (in parallel), then `link` the readings of a chunk together, so that
/// entities are resolved across articles and against those already stored.
pub trait Extractor: Send + Sync {
    type Reading: Send;
    fn read(&self, article: &Article, text: &str) -> Result<Self::Reading>;
    /// The keys to search the store's resolution index with for `readings`.
    fn lookup_keys(&self, readings: &[Self::Reading]) -> Vec<String>;
    /// One [`ArticleFacts`] per reading, in order, and the stored entities
    /// the readings show to be one.
    fn link(&self, readings: Vec<Self::Reading>, known: &Known<'_>) -> LinkedBatch;
}

impl Extractor for crate::extract::FactExtractor {
    type Reading = crate::extract::Reading;
    fn read(&self, article: &Article, text: &str) -> Result<Self::Reading> {
        Ok(crate::extract::FactExtractor::read(self, article, text))
    }
    fn lookup_keys(&self, readings: &[Self::Reading]) -> Vec<String> {
        crate::extract::batch_lookup_keys(readings, self.pipeline().countries())
    }
    fn link(&self, readings: Vec<Self::Reading>, known: &Known<'_>) -> LinkedBatch {
        crate::extract::link(readings, known, self.pipeline().countries())
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added {
        id: String,
        facts: usize,
    },
    Replaced {
        id: String,
        facts: usize,
    },
    Unchanged {
        id: String,
    },
    /// `message` names the file once.
    Failed {
        message: String,
    },
}

/// Progress notifications, for a progress bar.
#[derive(Debug)]
pub enum Event<'a> {
    /// `total` files will be processed.
    Planned { total: usize },
    /// One file has been read and its facts extracted.
    Read { path: &'a Path },
    /// A chunk of `articles` read articles is being resolved against each
    /// other and the store.
    Linking { articles: usize },
    /// One file is done (written, unchanged or failed).
    Done {
        path: &'a Path,
        outcome: &'a Outcome,
    },
}

/// The result of a whole ingestion run.
#[derive(Debug, Default)]
pub struct Summary {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files that failed, with why (a message that names the file), in
    /// input order.
    pub failed: Vec<(PathBuf, String)>,
    /// Facts of the written articles.
    pub facts: usize,
    /// Files read in another encoding than UTF-8, with how (e.g. "decoded
    /// as windows-1252 (guessed)"), in input order.
    pub decoded: Vec<(PathBuf, String)>,
}

impl Summary {
    pub fn files(&self) -> usize {
        self.added + self.replaced + self.unchanged + self.failed.len()
    }

    fn record(&mut self, path: &Path, outcome: &Outcome) {
        match outcome {
            Outcome::Added { facts, .. } => {
                self.added += 1;
                self.facts += facts;
            }
            Outcome::Replaced { facts, .. } => {
                self.replaced += 1;
                self.facts += facts;
            }
            Outcome::Unchanged { .. } => self.unchanged += 1,
            Outcome::Failed { message } => self.failed.push((path.to_owned(), message.clone())),
        }
    }
}

/// Options of an ingestion run.
pub struct Options {
    /// Worker threads for extraction (at least 1).
    pub jobs: usize,
    /// `xsd:dateTime` recorded as the ingestion time of written articles.
    pub ingested_at: String,
    /// Articles resolved together; memory grows with it, not with the run.
    pub chunk: usize,
}

impl Options {
    /// Articles per chunk by default: large enough that a chunk's lookups
    /// in the resolution index are shared by many articles.
    pub const DEFAULT_CHUNK: usize = 256;
}

/// Written articles between two flushes of the store's write buffers:
/// RocksDB's memtables (up to 128 MiB per index as Oxigraph sets them up)
/// would otherwise grow to gigabytes before flushing on their own.
const FLUSH_EVERY: usize = 1024;

/// Expands files and directories into the article files to ingest: `.txt` and
/// `.md` files, directories searched recursively, sorted, each once.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if metadata.is_dir() {
            let before = found.len();
            walk(path, &mut found)?;
            if found.len() == before {
                return Err(Error::NoArticlesFound { path: path.clone() });
            }
        } else {
            found.push(path.clone());
        }
    }
    let mut seen = HashSet::new();
    found.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, found)?;
        } else if is_article_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// An article read from disk, to be written.
struct Planned {
    path: PathBuf,
    text: String,
    /// How the text was decoded, when it was not UTF-8.
    decoding: Option<String>,
    article: Article,
    replaces: bool,
}

/// A chunk after planning and reading: outcomes already known (unchanged,
/// unreadable), and the articles to write with their readings.
struct ReadChunk<R> {
    settled: Vec<(PathBuf, Outcome)>,
    /// Files of the chunk decoded from another encoding than UTF-8.
    decoded: Vec<(PathBuf, String)>,
    read: Vec<(Planned, R)>,
}

/// Decides, file by file, what a run does: skip unchanged text, replace a
/// known path, add under a fresh id. Remembers the run's own decisions, so
/// that it can plan ahead of what is written.
struct Planner<'s> {
    store: &'s KgStore,
    /// Texts of this run: SHA-256 → the article id they were given.
    texts: HashMap<String, String>,
    /// Ids handed out in this run.
    ids: HashSet<String>,
}

enum Plan {
    Write(Planned),
    Settled(Outcome),
}

impl<'s> Planner<'s> {
    fn new(store: &'s KgStore) -> Self {
        Planner {
            store,
            texts: HashMap::new(),
            ids: HashSet::new(),
        }
    }

    fn plan(&mut self, path: &Path) -> Result<Plan> {
        let (text, decoding) = match read_article(path) {
            Ok(decoded) => {
                let note = decoded.note();
                (decoded.text, note)
            }
            Err(e) => {
                return Ok(Plan::Settled(failure(path, &e)));
            }
        };
        let source_path = std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_owned())
            .display()
            .to_string();
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        if let Some(id) = self.texts.get(&sha256) {
            // A second copy of the same text in this run.
            return Ok(Plan::Settled(Outcome::Unchanged { id: id.clone() }));
        }
        if let Some(id) = self.store.article_with_sha(&sha256)? {
            self.texts.insert(sha256, id.clone());
            return Ok(Plan::Settled(Outcome::Unchanged { id }));
        }
        let (id, replaces) = match self.store.article_with_path(&source_path)? {
            Some(id) => (id, true),
            None => (self.fresh_id(path)?, false),
        };
        self.texts.insert(sha256.clone(), id.clone());
        Ok(Plan::Write(Planned {
            path: path.to_owned(),
            article: Article {
                id,
                source_path,
                title: title_of(&text),
                sha256,
            },
            text,
            decoding,
            replaces,
        }))
    }

    /// The file stem as a slug, suffixed `-2`, `-3`, ... if another article
    /// of the store or of this run has it.
    fn fresh_id(&mut self, path: &Path) -> Result<String> {
        let base = stem_slug(path);
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) || self.store.has_article(&id)? {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        Ok(id)
    }
}

fn stem_slug(path: &Path) -> String {
    slug(
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article"),
    )
}

/// Ingests `files` (see [`discover`]) into `store`, chunk by chunk: plan
/// and read a chunk in parallel while the previous one is resolved against
/// the store and written, each article in its own transaction.
///
/// `load_extractor` is called only when some article is new or changed, so
/// re-running on an unchanged folder does not load the models.
pub fn ingest<E: Extractor>(
    store: &KgStore,
    files: &[PathBuf],
    load_extractor: impl FnOnce() -> Result<E> + Send,
    options: &Options,
    progress: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary> {
    progress(Event::Planned { total: files.len() });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .start_handler(|_| yield_to_writer())
        .build()
        .map_err(|e| Error::io("thread pool", std::io::Error::other(e)))?;
    let extractor: OnceLock<E> = OnceLock::new();
    let loader = Mutex::new(Some(load_extractor));
    let (send, receive) = mpsc::sync_channel::<Result<ReadChunk<E::Reading>>>(1);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            // Owned here, so that the channel closes when reading ends.
            let send = send;
            let mut planner = Planner::new(store);
            for chunk in files.chunks(options.chunk.max(1)) {
                let read = read_chunk(&mut planner, chunk, &pool, &extractor, &loader, progress);
                let failed = read.is_err();
                if send.send(read).is_err() || failed {
                    return;
                }
            }
        });
        let mut summary = Summary::default();
        let mut since_flush = 0;
        for chunk in receive {
            let chunk = chunk?;
            summary.decoded.extend(chunk.decoded);
            for (path, outcome) in &chunk.settled {
                summary.record(path, outcome);
                progress(Event::Done { path, outcome });
            }
            if chunk.read.is_empty() {
                continue;
            }
            let extractor = extractor.get().expect("loaded before reading");
            let written = link_and_write(store, extractor, chunk.read, options, progress)?;
            for (path, outcome) in &written {
                summary.record(path, outcome);
                progress(Event::Done { path, outcome });
            }
            since_flush += written.len();
            if since_flush >= FLUSH_EVERY {
                store.flush()?;
                since_flush = 0;
            }
        }
        Ok(summary)
    })
}

/// Lowers the calling reader thread's scheduling priority. Writing is the
/// pipeline's one serial stage: with as many readers as cores, an equal
/// share left the writer two thirds of a core and the readers waiting for
/// it (measured: 85% of two cores used, writer on the critical path).
/// Readers still get every cycle the writer does not use.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    // SAFETY: `nice` only changes the calling thread's priority (on
    // Linux, priorities are per thread); a failure leaves it unchanged.
    unsafe {
        libc::nice(5);
    }
}

/// Plans a chunk and reads its new or changed articles in parallel,
/// loading the extractor the first time there is something to read.
fn read_chunk<E: Extractor, F: FnOnce() -> Result<E>>(
    planner: &mut Planner<'_>,
    chunk: &[PathBuf],
    pool: &rayon::ThreadPool,
    extractor: &OnceLock<E>,
    loader: &Mutex<Option<F>>,
    progress: &(dyn Fn(Event<'_>) + Sync),
) -> Result<ReadChunk<E::Reading>> {
    let mut settled = Vec::new();
    let mut decoded = Vec::new();
    let mut to_read = Vec::new();
    for path in chunk {
        match planner.plan(path)? {
            Plan::Write(planned) => {
                if let Some(note) = &planned.decoding {
                    decoded.push((path.clone(), note.clone()));
                }
                to_read.push(planned)
            }
            Plan::Settled(outcome) => settled.push((path.clone(), outcome)),
        }
    }
    if to_read.is_empty() {
        return Ok(ReadChunk {
            settled,
            decoded,
            read: Vec::new(),
        });
    }
    if extractor.get().is_none() {
        let load = loader
            .lock()
            .map_err(|_| Error::io("extractor", std::io::Error::other("loader poisoned")))?
            .take();
        if let Some(load) = load {
            let _ = extractor.set(load()?);
        }
    }
    let extractor = extractor.get().expect("loaded above");
    let results: Vec<(Planned, Result<E::Reading>)> = pool.install(|| {
        use rayon::prelude::*;
        to_read
            .into_par_iter()
            .map(|item| {
                let reading = extractor.read(&item.article, &item.text);
                progress(Event::Read { path: &item.path });
                (item, reading)
            })
            .collect()
    });
    let mut read = Vec::new();
    for (mut item, reading) in results {
        match reading {
            Ok(reading) => {
                item.text = String::new();
                read.push((item, reading));
            }
            Err(e) => {
                let outcome = failure(&item.path, &e);
                settled.push((item.path, outcome));
            }
        }
    }
    Ok(ReadChunk {
        settled,
        decoded,
        read,
    })
}

/// Resolves a chunk's readings against each other and the store, applies
/// the merges they show, and writes each article.
fn link_and_write<E: Extractor>(
    store: &KgStore,
    extractor: &E,
    read: Vec<(Planned, E::Reading)>,
    options: &Options,
    progress: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Vec<(PathBuf, Outcome)>> {
    progress(Event::Linking {
        articles: read.len(),
    });
    let (items, readings): (Vec<Planned>, Vec<E::Reading>) = read.into_iter().unzip();
    let candidates = store.candidates(&extractor.lookup_keys(&readings))?;
    let key_error: Mutex<Option<Error>> = Mutex::new(None);
    let key_taken = |key: &str| {
        store.entity_key_taken(key).unwrap_or_else(|e| {
            if let Ok(mut slot) = key_error.lock() {
                slot.get_or_insert(e);
            }
            true
        })
    };
    let known = Known {
        entities: &candidates.entities,
        apart: &candidates.apart,
        key_taken: &key_taken,
    };
    let linked = extractor.link(readings, &known);
    if let Some(error) = key_error.into_inner().ok().flatten() {
        return Err(error);
    }
    store.merge_entities(&linked.merges)?;
    Ok(items
        .into_iter()
        .zip(linked.articles)
        .map(|(item, facts)| {
            let outcome = write(store, &item, &facts, &options.ingested_at);
            (item.path, outcome)
        })
        .collect())
}

fn write(store: &KgStore, item: &Planned, facts: &ArticleFacts, ingested_at: &str) -> Outcome {
    let id = item.article.id.clone();
    let count = facts.facts.len();
    match store.write_article(facts, ingested_at) {
        Ok(()) if item.replaces => Outcome::Replaced { id, facts: count },
        Ok(()) => Outcome::Added { id, facts: count },
        Err(e) => failure(&item.path, &e),
    }
}

/// A failed file, named once: errors about reading it name it already.
fn failure(path: &Path, error: &Error) -> Outcome {
    let message = match error.file() {
        Some(file) if file == path => error.to_string(),
        _ => format!("{}: {error}", path.display()),
    };
    Outcome::Failed { message }
}

/// The article record of a file read outside a store (`kg extract`): id
/// from the file stem, title from the first line.
pub fn article_for(path: &Path, text: &str) -> Article {
    Article {
        id: stem_slug(path),
        source_path: path.display().to_string(),
        title: title_of(text),
        sha256: hex(&Sha256::digest(text.as_bytes())),
    }
}

/// Reads an article's text in whatever encoding it has ([`input::decode`]).
pub fn read_article(path: &Path) -> Result<Decoded> {
    if path.is_dir() {
        return Err(Error::IsADirectory { path: path.into() });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    input::decode(&bytes).map_err(|source| Error::NotText {
        path: path.into(),
        source,
    })
}

/// The first non-blank line, shortened to 200 characters.
pub fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let line = line.trim_start_matches('#').trim();
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_owned(),
    }
}

/// The current UTC time as an `xsd:dateTime` lexical form.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Location, OpenMode};
    use crate::vocab::Iris;

    #[test]
    fn title_is_first_non_blank_line() {
        assert_eq!(
            title_of("\n\n  Panjshir resists \nBody"),
            "Panjshir resists"
        );
        assert_eq!(title_of("# Heading\ntext"), "Heading");
        assert_eq!(title_of(""), "");
        assert_eq!(title_of(&"é".repeat(300)).chars().count(), 201);
    }

    #[test]
    fn fresh_ids_do_not_collide() {
        let store = KgStore::open(
            &Location::Memory,
            OpenMode::CreateIfMissing,
            Iris::default(),
        )
        .unwrap();
        let mut planner = Planner::new(&store);
        assert_eq!(planner.fresh_id(Path::new("a/x y.txt")).unwrap(), "x_y");
        assert_eq!(planner.fresh_id(Path::new("b/x y.txt")).unwrap(), "x_y-2");
        assert_eq!(planner.fresh_id(Path::new("c/x y.md")).unwrap(), "x_y-3");
    }

    #[test]
    fn now_is_an_xsd_date_time() {
        let now = now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.contains('T'));
    }
}
