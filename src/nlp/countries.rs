//! Country lexicon: names, alternative spellings, demonyms and capitals,
//! derived from the countries JSON (ODbL 1.0) into a small TSV that is
//! loaded at run time (`data/countries.tsv`).

use crate::nlp::NlpError;
use crate::nlp::error::read_text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

const FORMAT: &str = "country lexicon";

/// What a lexicon surface form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LexKind {
    /// Common or official country name, or an alternative spelling.
    Country,
    /// Inhabitant / adjective form ("Afghan", "French").
    Demonym,
    Capital,
}

impl LexKind {
    fn as_str(self) -> &'static str {
        match self {
            LexKind::Country => "country",
            LexKind::Demonym => "demonym",
            LexKind::Capital => "capital",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "country" => Some(LexKind::Country),
            "demonym" => Some(LexKind::Demonym),
            "capital" => Some(LexKind::Capital),
            _ => None,
        }
    }
}

/// One TSV row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexEntry {
    pub kind: LexKind,
    pub surface: String,
    /// Common English name of the country the entry refers to.
    pub country: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
}

/// Lookup tables over the lexicon; keys are case-folded so "AFGHAN" and
/// "afghan" resolve too.
#[derive(Debug, Clone, Default)]
pub struct CountryLexicon {
    entries: Vec<LexEntry>,
    by_kind: HashMap<(LexKind, String), usize>,
    capital_by_country: HashMap<String, usize>,
}

/// Case-folds and straightens typographic apostrophes for lookups.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl CountryLexicon {
    pub fn from_entries(entries: Vec<LexEntry>) -> Self {
        let mut by_kind = HashMap::new();
        let mut capital_by_country = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            // First row wins: the TSV lists independent countries first, so
            // a shared demonym ("French") resolves to France, not a territory.
            by_kind.entry((e.kind, fold(&e.surface))).or_insert(i);
            if e.kind == LexKind::Capital {
                capital_by_country.entry(fold(&e.country)).or_insert(i);
            }
        }
        Self {
            entries,
            by_kind,
            capital_by_country,
        }
    }

    /// Loads the TSV written by [`build_lexicon_tsv`].
    pub fn load(path: impl AsRef<Path>) -> Result<Self, NlpError> {
        let path = path.as_ref();
        Self::parse(&read_text(path)?).map_err(|e| e.in_file(path))
    }

    /// Parses the TSV: `#` lines are comments, the first other line is the
    /// column header `kind surface country iso3`.
    pub fn parse(text: &str) -> Result<Self, NlpError> {
        let mut entries = Vec::new();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                if line != "kind\tsurface\tcountry\tiso3" {
                    return Err(NlpError::parse(
                        FORMAT,
                        n + 1,
                        "expected header kind/surface/country/iso3",
                    ));
                }
                continue;
            }
            entries.push(parse_row(line, n + 1)?);
        }
        Ok(Self::from_entries(entries))
    }

    pub fn entries(&self) -> &[LexEntry] {
        &self.entries
    }

    fn get(&self, kind: LexKind, surface: &str) -> Option<&LexEntry> {
        self.by_kind
            .get(&(kind, fold(surface)))
            .map(|&i| &self.entries[i])
    }

    /// Whether `name` is a country name or alternative spelling.
    pub fn is_country(&self, name: &str) -> bool {
        self.get(LexKind::Country, name).is_some()
    }

    /// ISO alpha-3 code of a country name or spelling.
    pub fn country_code(&self, name: &str) -> Option<&str> {
        self.get(LexKind::Country, name).map(|e| e.iso3.as_str())
    }

    /// Country of a demonym: `demonym_country("Afghan") == Some("Afghanistan")`.
    pub fn demonym_country(&self, demonym: &str) -> Option<&str> {
        self.get(LexKind::Demonym, demonym)
            .map(|e| e.country.as_str())
    }

    /// Country named by a word that is its name or its demonym
    /// ("Pakistan", "Russian").
    pub fn country_named_by(&self, word: &str) -> Option<&str> {
        self.get(LexKind::Country, word)
            .or_else(|| self.get(LexKind::Demonym, word))
            .map(|e| e.country.as_str())
    }

    /// Capital of a country given by any of its names.
    pub fn capital_of(&self, country: &str) -> Option<&str> {
        let common = &self.get(LexKind::Country, country)?.country;
        self.capital_by_country
            .get(&fold(common))
            .map(|&i| self.entries[i].surface.as_str())
    }

    /// Country whose capital is `city`: `country_of_capital("Kabul") == Some("Afghanistan")`.
    pub fn country_of_capital(&self, city: &str) -> Option<&str> {
        self.get(LexKind::Capital, city).map(|e| e.country.as_str())
    }
}

fn parse_row(line: &str, n: usize) -> Result<LexEntry, NlpError> {
    let bad = |reason| NlpError::parse(FORMAT, n, reason);
    let mut cols = line.split('\t');
    let mut next = || cols.next().filter(|c| !c.is_empty());
    let kind = LexKind::parse(next().ok_or(bad("missing kind"))?).ok_or(bad("unknown kind"))?;
    let surface = next().ok_or(bad("missing surface"))?.to_string();
    let country = next().ok_or(bad("missing country"))?.to_string();
    let iso3 = next().ok_or(bad("missing iso3"))?.to_string();
    Ok(LexEntry {
        kind,
        surface,
        country,
        iso3,
    })
}

/// Header written above the rows: names the source and its license.
const TSV_HEADER: &str = "\
# Country lexicon derived from countries.json (shared/lexicons/countries).
# Source data (c) the authors of countries.json, licensed under the Open Database
# License (ODbL) 1.0: https://opendatacommons.org/licenses/odbl/1-0/ (see the LICENSE
# file shipped with the source). This derived database is likewise ODbL 1.0.
# Rows: country = common/official name or alt spelling (2-letter ISO codes dropped),
# demonym = English demonym (m/f), capital = capital city. Independent countries first.
kind\tsurface\tcountry\tiso3
";

/// Builds the TSV from the countries JSON text. ISO-2 codes listed among
/// alternative spellings are dropped: as gazetteer entries they collide
/// with ordinary words ("IN", "IT", "AT").
pub fn build_lexicon_tsv(json: &str) -> Result<String, NlpError> {
    let mut countries: Vec<serde_json::Value> = serde_json::from_str(json)?;
    // Independent countries first: lookups keep the first row of a shared
    // surface form (see [`CountryLexicon::from_entries`]).
    countries.sort_by_key(|c| c["independent"].as_bool() != Some(true));
    let mut out = String::from(TSV_HEADER);
    let mut seen = std::collections::HashSet::new();
    for c in &countries {
        let s = |v: &serde_json::Value| v.as_str().map(str::to_string);
        let Some(common) = s(&c["name"]["common"]) else {
            continue;
        };
        let iso3 = s(&c["cca3"]).unwrap_or_default();
        let cca2 = s(&c["cca2"]).unwrap_or_default();
        let mut rows: Vec<(LexKind, String)> = vec![(LexKind::Country, common.clone())];
        rows.extend(s(&c["name"]["official"]).map(|o| (LexKind::Country, o)));
        for alt in c["altSpellings"].as_array().into_iter().flatten() {
            if let Some(alt) = s(alt).filter(|a| *a != cca2 && a.chars().count() > 2) {
                rows.push((LexKind::Country, alt));
            }
        }
        for g in ["m", "f"] {
            rows.extend(s(&c["demonyms"]["eng"][g]).map(|d| (LexKind::Demonym, d)));
        }
        for cap in c["capital"].as_array().into_iter().flatten() {
            rows.extend(s(cap).map(|x| (LexKind::Capital, x)));
        }
        for (kind, surface) in rows {
            let clean = surface.replace(['\t', '\n'], " ");
            if !clean.is_empty() && seen.insert((kind, clean.clone(), iso3.clone())) {
                let _ = writeln!(out, "{}\t{clean}\t{common}\t{iso3}", kind.as_str());
            }
        }
    }
    Ok(out)
}
