//! Synthetic archives made of real news: each article is a real headline
//! followed by runs of consecutive paragraphs taken from real articles of the
//! same section, so names, facts and their repetition across articles are
//! those of real news while the archive can be of any size.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Articles per subdirectory of a generated archive.
const PER_DIR: usize = 1000;

/// One real article, split for recombination.
struct Source {
    headline: String,
    paragraphs: Vec<String>,
}

/// The articles of a corpus folder, by section (first-level folder).
pub struct Corpus {
    sections: Vec<Vec<Source>>,
}

impl Corpus {
    /// Reads every `.txt` file under `dir`: first line the headline, then
    /// paragraphs separated by blank lines. Bytes that are not UTF-8 are
    /// replaced, as a recombination does not need them.
    pub fn read(dir: &Path) -> io::Result<Corpus> {
        let mut by_section: BTreeMap<String, Vec<Source>> = BTreeMap::new();
        let mut files = Vec::new();
        walk(dir, &mut files)?;
        files.sort();
        for path in files {
            let section = path
                .strip_prefix(dir)
                .ok()
                .and_then(|p| p.components().next())
                .filter(|_| path.parent() != Some(dir))
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = String::from_utf8_lossy(&fs::read(&path)?).into_owned();
            if let Some(source) = split(&text) {
                by_section.entry(section).or_default().push(source);
            }
        }
        let sections: Vec<Vec<Source>> = by_section.into_values().collect();
        if sections.is_empty() {
            return Err(io::Error::other(format!(
                "no article with a headline and a paragraph in {}",
                dir.display()
            )));
        }
        Ok(Corpus { sections })
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn split(text: &str) -> Option<Source> {
    let mut blocks = text
        .split("\n\n")
        .map(|b| b.trim())
        .filter(|b| !b.is_empty());
    let headline = blocks.next()?.lines().next()?.trim().to_owned();
    let paragraphs: Vec<String> = blocks.map(str::to_owned).collect();
    (!paragraphs.is_empty()).then_some(Source {
        headline,
        paragraphs,
    })
}

/// splitmix64: seeded and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What an archive on disk was made from: reused only if this matches.
fn recipe(corpus: &Path, articles: usize, seed: u64) -> String {
    format!(
        "corpus {}\narticles {articles}\nseed {seed}\nformat 1\n",
        corpus.display()
    )
}

/// An archive of synthetic articles in `dir`.
pub struct Archive {
    pub dir: PathBuf,
    pub words: usize,
}

/// Writes `articles` synthetic articles under `dir` (`000/000000.txt`, ...),
/// or reuses what a previous run with the same recipe wrote. Article `i`
/// depends only on the corpus, the seed and `i`.
pub fn build(corpus_dir: &Path, dir: &Path, articles: usize, seed: u64) -> io::Result<Archive> {
    let marker = dir.join("RECIPE");
    let wanted = recipe(corpus_dir, articles, seed);
    let words_file = dir.join("WORDS");
    if fs::read_to_string(&marker).is_ok_and(|r| r == wanted)
        && let Some(words) = fs::read_to_string(&words_file)
            .ok()
            .and_then(|w| w.trim().parse().ok())
    {
        return Ok(Archive {
            dir: dir.to_owned(),
            words,
        });
    }
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    let corpus = Corpus::read(corpus_dir)?;
    let mut words = 0;
    for i in 0..articles {
        let text = article(&corpus, seed, i);
        words += text.split_whitespace().count();
        let sub = dir.join(format!("{:03}", i / PER_DIR));
        if i % PER_DIR == 0 {
            fs::create_dir_all(&sub)?;
        }
        fs::write(sub.join(format!("{i:06}.txt")), text)?;
    }
    fs::write(&words_file, format!("{words}\n"))?;
    fs::write(&marker, wanted)?;
    Ok(Archive {
        dir: dir.to_owned(),
        words,
    })
}

/// Article `i`: a section, a headline from it, and as many paragraphs as a
/// random article of the section has, taken in runs of one to three
/// consecutive paragraphs of random articles of the section.
fn article(corpus: &Corpus, seed: u64, i: usize) -> String {
    let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0xd6e8_feb8_6659_fd93));
    let section = &corpus.sections[rng.below(corpus.sections.len())];
    let headline = &section[rng.below(section.len())].headline;
    let wanted = section[rng.below(section.len())].paragraphs.len();
    let mut text = format!("{headline}\n");
    let mut taken = 0;
    while taken < wanted {
        let source = &section[rng.below(section.len())];
        let start = rng.below(source.paragraphs.len());
        let run = (1 + rng.below(3)).min(wanted - taken);
        for paragraph in source.paragraphs.iter().skip(start).take(run) {
            text.push('\n');
            text.push_str(paragraph);
            text.push('\n');
            taken += 1;
        }
        if start + run > source.paragraphs.len() {
            // The run hit the end of its article: count it as taken anyway,
            // so that short articles cannot stall the loop.
            taken += start + run - source.paragraphs.len();
        }
    }
    text
}
