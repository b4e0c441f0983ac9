//! `kg ingest`: articles on disk → facts → the store, one transaction per
//! article.
//!
//! Ingestion is idempotent by content: an article whose text is already in
//! the store (same SHA-256) is skipped; an article whose source path is known
//! but whose text changed has its graph replaced. Files are planned in order
//! (ids are assigned deterministically), then extracted and written in
//! parallel; each article is written whole or not at all.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::{Article, ArticleFacts, Entity};
use crate::store::KgStore;
use crate::vocab::{hex, slug};
use crate::{Error, Result};

/// Turns articles into facts in two steps: `read` each article on its own
/// (in parallel), then `link` the readings of a whole run together, so that
/// entities are resolved across articles and against those already stored.
pub trait Extractor: Sync {
    type Reading: Send;
    fn read(&self, article: &Article, text: &str) -> Result<Self::Reading>;
    /// One [`ArticleFacts`] per reading, in order.
    fn link(&self, readings: Vec<Self::Reading>, known: &[Entity]) -> Vec<ArticleFacts>;
}

impl Extractor for crate::extract::FactExtractor {
    type Reading = crate::extract::Reading;
    fn read(&self, article: &Article, text: &str) -> Result<Self::Reading> {
        Ok(crate::extract::FactExtractor::read(self, article, text))
    }
    fn link(&self, readings: Vec<Self::Reading>, known: &[Entity]) -> Vec<ArticleFacts> {
        crate::extract::link(readings, known, self.pipeline().countries())
    }
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added { id: String, facts: usize },
    Replaced { id: String, facts: usize },
    Unchanged { id: String },
    Failed { message: String },
}

/// Progress notifications, for a progress bar.
#[derive(Debug)]
pub enum Event<'a> {
    /// Planning is done: `total` files will be processed.
    Planned { total: usize },
    /// One file has been read and its facts extracted.
    Read { path: &'a Path },
    /// Every file is read; entities are being resolved across them.
    Linking,
    /// One file is done (written, unchanged or failed).
    Done {
        path: &'a Path,
        outcome: &'a Outcome,
    },
}

/// The result of a whole ingestion run, in input order.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Summary {
    pub fn count(&self, pick: fn(&Outcome) -> bool) -> usize {
        self.files.iter().filter(|(_, o)| pick(o)).count()
    }

    pub fn failures(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().filter_map(|(p, o)| match o {
            Outcome::Failed { message } => Some((p.as_path(), message.as_str())),
            _ => None,
        })
    }

    pub fn facts(&self) -> usize {
        self.files
            .iter()
            .map(|(_, o)| match o {
                Outcome::Added { facts, .. } | Outcome::Replaced { facts, .. } => *facts,
                _ => 0,
            })
            .sum()
    }
}

/// Options of an ingestion run.
pub struct Options {
    /// Worker threads for extraction (at least 1).
    pub jobs: usize,
    /// `xsd:dateTime` recorded as the ingestion time of written articles.
    pub ingested_at: String,
}

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

/// An article read from disk, with what ingestion should do with it.
struct Planned {
    path: PathBuf,
    text: String,
    article: Article,
    action: Action,
}

/// The files of a run, split into those to process and those already failed.
struct Plan {
    planned: Vec<Planned>,
    failed: Vec<(PathBuf, Outcome)>,
}

enum Action {
    Add,
    Replace,
    Skip,
}

/// Ingests `files` (see [`discover`]) into `store`: read every changed
/// article in parallel, resolve entities across them and the store, then
/// write each article in its own transaction.
///
/// `load_extractor` is called only when some article is new or changed, so
/// re-running on an unchanged folder does not load the models.
pub fn ingest<E: Extractor>(
    store: &KgStore,
    files: &[PathBuf],
    load_extractor: impl FnOnce() -> Result<E>,
    options: &Options,
    progress: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary> {
    let Plan { planned, failed } = plan(store, files)?;
    progress(Event::Planned {
        total: planned.len() + failed.len(),
    });
    let mut results: Vec<(PathBuf, Outcome)> = Vec::new();
    let mut report = |path: PathBuf, outcome: Outcome| {
        progress(Event::Done {
            path: &path,
            outcome: &outcome,
        });
        results.push((path, outcome));
    };
    for (path, outcome) in failed {
        report(path, outcome);
    }
    let (to_write, unchanged): (Vec<Planned>, Vec<Planned>) = planned
        .into_iter()
        .partition(|p| !matches!(p.action, Action::Skip));
    for item in unchanged {
        let id = item.article.id.clone();
        report(item.path, Outcome::Unchanged { id });
    }
    if !to_write.is_empty() {
        let extractor = load_extractor()?;
        extract_and_write(store, to_write, &extractor, options, progress, &mut report)?;
    }
    let order: HashMap<&PathBuf, usize> = files.iter().enumerate().map(|(i, p)| (p, i)).collect();
    results.sort_by_key(|(p, _)| order.get(p).copied().unwrap_or(usize::MAX));
    Ok(Summary { files: results })
}

/// Reads `to_write` in parallel, links the readings against the store and
/// writes each article, reporting every outcome.
fn extract_and_write<E: Extractor>(
    store: &KgStore,
    to_write: Vec<Planned>,
    extractor: &E,
    options: &Options,
    progress: &(dyn Fn(Event<'_>) + Sync),
    report: &mut impl FnMut(PathBuf, Outcome),
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| Error::io("thread pool", std::io::Error::other(e)))?;
    let read: Vec<(Planned, Result<E::Reading>)> = pool.install(|| {
        use rayon::prelude::*;
        to_write
            .into_par_iter()
            .map(|item| {
                let reading = extractor.read(&item.article, &item.text);
                progress(Event::Read { path: &item.path });
                (item, reading)
            })
            .collect()
    });
    let mut items = Vec::new();
    let mut readings = Vec::new();
    for (item, reading) in read {
        match reading {
            Ok(r) => {
                items.push(item);
                readings.push(r);
            }
            Err(e) => report(
                item.path,
                Outcome::Failed {
                    message: e.to_string(),
                },
            ),
        }
    }
    if !readings.is_empty() {
        progress(Event::Linking);
        let known = store.entities()?;
        let linked = extractor.link(readings, &known);
        let written: Vec<(PathBuf, Outcome)> = pool.install(|| {
            use rayon::prelude::*;
            items
                .into_par_iter()
                .zip(linked)
                .map(|(item, facts)| {
                    let outcome = write(store, &item, &facts, &options.ingested_at);
                    (item.path, outcome)
                })
                .collect()
        });
        for (path, outcome) in written {
            report(path, outcome);
        }
    }
    Ok(())
}

fn write(store: &KgStore, item: &Planned, facts: &ArticleFacts, ingested_at: &str) -> Outcome {
    let id = item.article.id.clone();
    let count = facts.facts.len();
    match (store.write_article(facts, ingested_at), &item.action) {
        (Ok(()), Action::Replace) => Outcome::Replaced { id, facts: count },
        (Ok(()), _) => Outcome::Added { id, facts: count },
        (Err(e), _) => Outcome::Failed {
            message: e.to_string(),
        },
    }
}

/// Reads every file and decides its action and id against what the store
/// already holds. Unreadable files become failures; other files go on.
fn plan(store: &KgStore, files: &[PathBuf]) -> Result<Plan> {
    let known = store.articles()?;
    let mut by_sha: HashMap<String, String> = known
        .iter()
        .map(|a| (a.sha256.clone(), a.id.clone()))
        .collect();
    let by_path: HashMap<&str, &str> = known
        .iter()
        .map(|a| (a.source_path.as_str(), a.id.as_str()))
        .collect();
    let mut taken: HashSet<String> = known.iter().map(|a| a.id.clone()).collect();
    let mut planned = Vec::new();
    let mut failed = Vec::new();
    for path in files {
        let text = match read_article(path) {
            Ok(text) => text,
            Err(e) => {
                failed.push((
                    path.clone(),
                    Outcome::Failed {
                        message: e.to_string(),
                    },
                ));
                continue;
            }
        };
        let source_path = std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string();
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        let (id, action) = if let Some(id) = by_sha.get(&sha256) {
            (id.clone(), Action::Skip)
        } else if let Some(id) = by_path.get(source_path.as_str()) {
            (id.to_string(), Action::Replace)
        } else {
            let id = fresh_id(path, &mut taken);
            (id, Action::Add)
        };
        // A second copy of the same text in this run is unchanged too.
        by_sha.entry(sha256.clone()).or_insert_with(|| id.clone());
        planned.push(Planned {
            path: path.clone(),
            article: Article {
                id,
                source_path,
                title: title_of(&text),
                sha256,
            },
            text,
            action,
        });
    }
    Ok(Plan { planned, failed })
}

/// The file stem as a slug, suffixed `-2`, `-3`, ... if another article has it.
fn fresh_id(path: &Path, taken: &mut HashSet<String>) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    let base = slug(stem);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// The article record of a file read outside a store (`kg extract`): id
/// from the file stem, title from the first line.
pub fn article_for(path: &Path, text: &str) -> Article {
    Article {
        id: fresh_id(path, &mut HashSet::new()),
        source_path: path.display().to_string(),
        title: title_of(text),
        sha256: hex(&Sha256::digest(text.as_bytes())),
    }
}

/// Reads an article as UTF-8 text, without a byte-order mark.
pub fn read_article(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(Error::IsADirectory { path: path.into() });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
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
        let mut taken = HashSet::new();
        assert_eq!(fresh_id(Path::new("a/x y.txt"), &mut taken), "x_y");
        assert_eq!(fresh_id(Path::new("b/x y.txt"), &mut taken), "x_y-2");
        assert_eq!(fresh_id(Path::new("c/x y.md"), &mut taken), "x_y-3");
    }

    #[test]
    fn now_is_an_xsd_date_time() {
        let now = now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.contains('T'));
    }
}
