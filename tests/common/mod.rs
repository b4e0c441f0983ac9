//! Shared helpers for the integration tests and the benchmark: locating `shared/` and reading
//! UD CoNLL-U files.
#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::{Path, PathBuf};

/// The project's `shared/` directory: `$KG_SHARED_DIR`, or the nearest `shared/` beside an
/// ancestor of this crate (the repository and its CI clone both have it as a sibling).
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KG_SHARED_DIR") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared"))
        .find(|d| d.join("corpora").is_dir())
        .expect("shared/ with corpora not found; set KG_SHARED_DIR")
}

pub fn read_shared(relative: &str) -> String {
    let path = shared_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// One sentence of a CoNLL-U file.
pub struct GoldSentence {
    pub text: String,
    /// Byte spans of the gold tokens in `text`. A multiword token (`don't` = `do` + `n't`) is
    /// split at its parts' boundaries when the parts spell the surface form.
    pub spans: Vec<(usize, usize)>,
    pub new_doc: bool,
    pub new_par: bool,
}

pub fn read_conllu(data: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    for line in data.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !block.is_empty() {
                out.push(parse_block(&block));
                block.clear();
            }
        } else {
            block.push(line);
        }
    }
    out
}

fn parse_block(lines: &[&str]) -> GoldSentence {
    let mut text = String::new();
    let (mut new_doc, mut new_par) = (false, false);
    let mut forms: Vec<String> = Vec::new();
    let mut skip_until = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_string();
        }
        new_doc |= line.starts_with("# newdoc");
        new_par |= line.starts_with("# newpar");
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (id, form) = (cols[0], cols[1]);
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            let parts: Vec<&str> = lines[i..i + (b - a + 1)]
                .iter()
                .map(|l| l.split('\t').nth(1).unwrap())
                .collect();
            forms.extend(split_multiword(form, &parts));
            skip_until = b;
            continue;
        }
        let id: usize = id.parse().unwrap();
        if id > skip_until {
            forms.push(form.to_string());
        }
    }
    let spans = align(&text, &forms);
    GoldSentence {
        text,
        spans,
        new_doc,
        new_par,
    }
}

/// The surface form split at the parts' boundaries, or whole when the parts do not spell it.
fn split_multiword(surface: &str, parts: &[&str]) -> Vec<String> {
    if parts.concat().len() != surface.len() || !parts.concat().eq_ignore_ascii_case(surface) {
        return vec![surface.to_string()];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for p in parts {
        out.push(surface[at..at + p.len()].to_string());
        at += p.len();
    }
    out
}

/// Locates each form in `text`, in order.
fn align(text: &str, forms: &[String]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut pos = 0;
    for form in forms {
        if let Some(off) = text[pos..].find(form.as_str()) {
            let start = pos + off;
            spans.push((start, start + form.len()));
            pos = start + form.len();
        }
    }
    spans
}

/// Precision, recall and F1 of `predicted` against `gold` (both sorted, unique).
pub fn f1<T: Ord>(predicted: &[T], gold: &[T]) -> (f64, f64, f64) {
    let (mut i, mut j, mut hits) = (0, 0, 0usize);
    while i < predicted.len() && j < gold.len() {
        match predicted[i].cmp(&gold[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                hits += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let p = hits as f64 / predicted.len().max(1) as f64;
    let r = hits as f64 / gold.len().max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}
