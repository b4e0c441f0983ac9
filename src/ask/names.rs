//! Finding entities and relations by the names users type.
//!
//! Users type names from memory, in their own spelling: "Panchir" for
//! Panjshir, "Kaboul" for Kabul, "massoud" for "Ahmad Shah Massoud". A
//! [`NameIndex`] answers, in order of confidence:
//! 1. **exact** label;
//! 2. **folded** label: case, accents (é→e, ı→i) and punctuation ignored;
//! 3. **partial**: every word typed is a word of the label ("Massoud" finds
//!    "Ahmad Massoud" and "Ahmad Shah Massoud");
//! 4. **fuzzy**: same transliteration skeleton (ch/sh/j/zh, vowels, q/k...)
//!    or a small Damerau–Levenshtein distance.
//!
//! Relations use [`NameIndex::lookup_strict`]: only exact, folded and
//! inflected forms ("surrounds" → surround), because silently running a
//! different relation is worse than asking "did you mean surround?".
//!
//! Folded keys are computed when the index is built, stems and word forms
//! on the first lookup that needs them; a fuzzy lookup scans only keys of
//! similar length, which keeps lookups in the low milliseconds for ~100k
//! labels.

use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

/// How a name was matched; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Folded,
    /// A near spelling; `matched_label` is the label that was found.
    Fuzzy {
        matched_label: String,
    },
    /// Every word typed is a word of the matched labels.
    Partial,
}

/// A successful lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Matching resources, sorted by label, without duplicates.
    pub iris: Vec<String>,
    /// For each IRI, the label that matched (same order as `iris`).
    pub labels: Vec<String>,
    pub how: MatchKind,
    /// Other near labels not taken, e.g. the runner-up of a fuzzy match.
    pub candidates: Vec<String>,
}

/// A failed lookup: the closest labels, best first, for "did you mean".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoMatch {
    pub closest: Vec<String>,
}

/// At most this many resources are returned for one partial name: beyond
/// that the name is too vague to be useful in a query.
const MAX_PARTIAL: usize = 50;
/// How many "did you mean" suggestions to give.
const MAX_CLOSEST: usize = 5;

/// An index of `(iri, label)` pairs; see the module documentation.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    iris: Vec<String>,
    /// Per IRI, its first (preferred) label's entry: what answers show.
    preferred: Vec<Option<u32>>,
    entries: Vec<Entry>,
    keys: Vec<Key>,
    by_label: HashMap<String, Vec<u32>>,
    by_key: HashMap<String, u32>,
    by_len: Vec<Vec<u32>>,
    /// Built on first use: a `kg ask` process makes a lookup or two, and
    /// most end before these stages (on a large store, building them all
    /// cost more than the lookups).
    by_stem: OnceLock<KeyMap>,
    by_token: OnceLock<KeyMap>,
    by_token_skeleton: OnceLock<KeyMap>,
}

/// A derived form of keys (stem, word, skeleton of a word) → key ids, in
/// key order.
type KeyMap = HashMap<String, Vec<u32>>;

/// One `(iri, label)` pair.
#[derive(Debug, Clone)]
struct Entry {
    iri: u32,
    label: String,
}

/// One distinct folded label, shared by all entries that fold to it.
#[derive(Debug, Clone)]
struct Key {
    chars: Vec<char>,
    entries: Vec<u32>,
}

impl NameIndex {
    /// Builds the index. Give each resource's preferred label first: when a
    /// resource matches through several labels, the first one is shown.
    pub fn new<I, S, T>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (S, T)>,
        S: Into<String>,
        T: Into<String>,
    {
        let mut index = NameIndex::default();
        let mut iri_ids: HashMap<String, u32> = HashMap::default();
        for (iri, label) in pairs {
            let iri = iri.into();
            let next_id = index.iris.len() as u32;
            let id = *iri_ids.entry(iri.clone()).or_insert_with(|| {
                index.iris.push(iri);
                next_id
            });
            index.add(id, label.into());
        }
        index
    }

    /// Builds an index of relations (or classes) from `(iri, label)` pairs,
    /// adding each IRI's local name (`son_of` of `.../relation/son_of`), so
    /// that graphs without labels can be queried too.
    pub fn with_local_names<I, S, T>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (S, T)>,
        S: Into<String>,
        T: Into<String>,
    {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(i, l)| (i.into(), l.into()))
            .collect();
        let locals: Vec<(String, String)> = pairs
            .iter()
            .map(|(iri, _)| (iri.clone(), local_name(iri).to_owned()))
            .filter(|(_, local)| !local.is_empty())
            .collect();
        NameIndex::new(pairs.into_iter().chain(locals))
    }

    /// Number of `(iri, label)` pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn add(&mut self, iri: u32, label: String) {
        let folded = fold(&label);
        if folded.is_empty() {
            return;
        }
        let entry_id = self.entries.len() as u32;
        if self.preferred.len() <= iri as usize {
            self.preferred.resize(iri as usize + 1, None);
        }
        self.preferred[iri as usize].get_or_insert(entry_id);
        self.by_label
            .entry(label.clone())
            .or_default()
            .push(entry_id);
        self.entries.push(Entry { iri, label });
        if let Some(&key_id) = self.by_key.get(&folded) {
            self.keys[key_id as usize].entries.push(entry_id);
            return;
        }
        let key_id = self.keys.len() as u32;
        let chars: Vec<char> = folded.chars().collect();
        let len = chars.len();
        if self.by_len.len() <= len {
            self.by_len.resize(len + 1, Vec::new());
        }
        self.by_len[len].push(key_id);
        self.by_key.insert(folded, key_id);
        self.keys.push(Key {
            chars,
            entries: vec![entry_id],
        });
    }

    /// Finds entities: exact, folded, a whole name spelled another way,
    /// partial, then fuzzy. Another spelling of a whole name ("Panchir" for
    /// "Panshir") is stronger evidence than sharing a word with a longer
    /// name ("Lion of Panchir"), so it comes before partial matches.
    pub fn lookup(&self, name: &str) -> Result<Match, NoMatch> {
        let folded = fold(name);
        self.exact(name)
            .or_else(|| self.folded(&folded))
            .or_else(|| self.transliterated(&folded))
            .or_else(|| self.partial(&folded))
            .or_else(|| self.stemmed(&folded))
            .or_else(|| self.fuzzy(&folded))
            .or_else(|| self.fuzzy_token(&folded))
            .ok_or_else(|| self.no_match(&folded))
    }

    /// Finds relations: exact, folded or inflected forms only.
    pub fn lookup_strict(&self, name: &str) -> Result<Match, NoMatch> {
        let folded = fold(name);
        self.exact(name)
            .or_else(|| self.folded(&folded))
            .or_else(|| self.stemmed(&folded))
            .ok_or_else(|| self.no_match(&folded))
    }

    /// A lazy map, built on first use: each key filed under its `forms`.
    fn lazy_map<'a>(
        &'a self,
        cell: &'a OnceLock<KeyMap>,
        forms: fn(&str) -> Vec<String>,
    ) -> &'a KeyMap {
        cell.get_or_init(|| {
            let mut map = KeyMap::default();
            for (id, key) in self.keys.iter().enumerate() {
                let folded: String = key.chars.iter().collect();
                for form in forms(&folded) {
                    map.entry(form).or_default().push(id as u32);
                }
            }
            map
        })
    }

    fn by_stem(&self) -> &KeyMap {
        self.lazy_map(&self.by_stem, |folded| vec![stem(folded)])
    }

    /// Each distinct word of a key → the key.
    fn by_token(&self) -> &KeyMap {
        self.lazy_map(&self.by_token, |folded| {
            distinct_tokens(folded)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// The skeleton of each distinct word of a key → the key.
    fn by_token_skeleton(&self) -> &KeyMap {
        self.lazy_map(&self.by_token_skeleton, |folded| {
            distinct_tokens(folded).into_iter().map(skeleton).collect()
        })
    }

    fn exact(&self, name: &str) -> Option<Match> {
        let entries = self.by_label.get(name)?;
        Some(self.make_match(entries.iter().copied(), MatchKind::Exact))
    }

    fn folded(&self, folded: &str) -> Option<Match> {
        let key = *self.by_key.get(folded)?;
        Some(self.key_match(&[key], MatchKind::Folded))
    }

    /// "surrounds" finds "surround", "killed" finds "kill".
    fn stemmed(&self, folded: &str) -> Option<Match> {
        let keys = self.by_stem().get(&stem(folded))?;
        let label = self.key_label(keys[0]);
        Some(self.key_match(
            keys,
            MatchKind::Fuzzy {
                matched_label: label,
            },
        ))
    }

    /// Labels holding every word of the name. Single short words ("al")
    /// are too vague to match this way.
    fn partial(&self, folded: &str) -> Option<Match> {
        let tokens: Vec<&str> = folded.split(' ').collect();
        if tokens.len() == 1 && tokens[0].chars().count() < 3 {
            return None;
        }
        let by_token = self.by_token();
        let mut keys: Vec<u32> = by_token.get(tokens[0])?.clone();
        for token in &tokens[1..] {
            let more: HashSet<u32> = by_token.get(*token)?.iter().copied().collect();
            keys.retain(|k| more.contains(k));
        }
        if keys.is_empty() {
            return None;
        }
        let mut m = self.key_match(&keys, MatchKind::Partial);
        if m.iris.len() > MAX_PARTIAL {
            m.candidates = m.labels.split_off(MAX_PARTIAL);
            m.iris.truncate(MAX_PARTIAL);
        }
        Some(m)
    }

    /// The nearest whole label with the same transliteration skeleton.
    fn transliterated(&self, folded: &str) -> Option<Match> {
        let query: Vec<char> = folded.chars().collect();
        self.best_of(self.skeleton_hits(folded, &query))
    }

    /// The nearest label by transliteration skeleton or edit distance.
    fn fuzzy(&self, folded: &str) -> Option<Match> {
        let query: Vec<char> = folded.chars().collect();
        let mut scored = self.skeleton_hits(folded, &query);
        let limit = edit_limit(query.len());
        if limit > 0 {
            scored.extend(self.scan(&query, limit));
        }
        self.best_of(scored)
    }

    /// Keys with the same skeleton, scored by edit distance; far-apart
    /// spellings are dropped.
    fn skeleton_hits(&self, folded: &str, query: &[char]) -> Vec<(usize, u32)> {
        let limit = (query.len() / 3).max(2);
        let wanted = skeleton(folded);
        // Only keys within `limit` of the query's length can be within
        // `limit` edits, so only their skeletons are computed.
        self.keys_near(query.len(), limit)
            .filter_map(|k| {
                let chars = &self.keys[k as usize].chars;
                let distance = bounded_distance(query, chars, limit)?;
                let folded: String = chars.iter().collect();
                (skeleton(&folded) == wanted).then_some((distance, k))
            })
            .collect()
    }

    /// A single word matching a word of labels by skeleton ("Masud" →
    /// "Ahmad Massoud").
    fn fuzzy_token(&self, folded: &str) -> Option<Match> {
        if folded.contains(' ') || folded.chars().count() < 4 {
            return None;
        }
        let sk = skeleton(folded);
        // One or two consonants say too little ("zai" would match "zzzz").
        if sk.chars().count() < 3 {
            return None;
        }
        let keys = self.by_token_skeleton().get(&sk)?;
        if keys.len() > MAX_PARTIAL {
            return None;
        }
        let mut m = self.key_match(keys, MatchKind::Partial);
        m.how = MatchKind::Fuzzy {
            matched_label: m.labels.join(", "),
        };
        Some(m)
    }

    /// The best-scoring key wins; the runners-up become candidates.
    fn best_of(&self, mut scored: Vec<(usize, u32)>) -> Option<Match> {
        self.rank(&mut scored, MAX_CLOSEST + 1);
        let (_, best) = *scored.first()?;
        let label = self.key_label(best);
        let mut m = self.key_match(
            &[best],
            MatchKind::Fuzzy {
                matched_label: label,
            },
        );
        m.candidates = scored
            .iter()
            .skip(1)
            .take(MAX_CLOSEST)
            .map(|(_, k)| self.key_label(*k))
            .collect();
        Some(m)
    }

    /// The closest labels for a failed lookup.
    fn no_match(&self, folded: &str) -> NoMatch {
        let query: Vec<char> = folded.chars().collect();
        let limit = (query.len() / 3).max(2);
        let mut scored: Vec<(usize, u32)> = self.skeleton_hits(folded, &query);
        scored.extend(self.scan(&query, limit));
        self.rank(&mut scored, MAX_CLOSEST * 2);
        let mut closest: Vec<String> = Vec::new();
        for (_, key) in scored {
            let label = self.key_label(key);
            if !closest.contains(&label) {
                closest.push(label);
            }
            if closest.len() == MAX_CLOSEST {
                break;
            }
        }
        NoMatch { closest }
    }

    /// Key ids whose length is within `limit` of `len`.
    fn keys_near(&self, len: usize, limit: usize) -> impl Iterator<Item = u32> + '_ {
        let lo = len.saturating_sub(limit);
        let hi = (len + limit).min(self.by_len.len().saturating_sub(1));
        self.by_len
            .get(lo..=hi)
            .unwrap_or(&[])
            .iter()
            .flat_map(|ids| ids.iter().copied())
    }

    /// The label shown for a key: the first label that folded to it.
    fn key_label(&self, key: u32) -> String {
        self.label_of(key).to_owned()
    }

    fn label_of(&self, key: u32) -> &str {
        let entry = self.keys[key as usize].entries[0];
        &self.entries[entry as usize].label
    }

    /// Sorts scored keys by distance then label, keeping the best `keep`.
    fn rank(&self, scored: &mut Vec<(usize, u32)>, keep: usize) {
        scored.sort_unstable();
        scored.dedup_by_key(|s| s.1);
        // Cut before the label sort, but keep every key tied with the last.
        if let Some(&(cut, _)) = scored.get(keep) {
            scored.retain(|s| s.0 <= cut);
        }
        scored.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.label_of(a.1).cmp(self.label_of(b.1)))
        });
        scored.truncate(keep.max(1));
    }

    /// Keys within `limit` edits of `query`, among keys of similar length.
    fn scan(&self, query: &[char], limit: usize) -> Vec<(usize, u32)> {
        let mut buf = DistanceBuf::default();
        self.keys_near(query.len(), limit)
            .filter_map(|key| {
                buf.distance(query, &self.keys[key as usize].chars, limit)
                    .map(|d| (d, key))
            })
            .collect()
    }

    fn key_match(&self, keys: &[u32], how: MatchKind) -> Match {
        let entries = keys
            .iter()
            .flat_map(|k| self.keys[*k as usize].entries.iter().copied());
        self.make_match(entries, how)
    }

    /// One IRI per resource, with its preferred label (whichever label
    /// matched), sorted by label then IRI so that results are deterministic.
    fn make_match(&self, entries: impl Iterator<Item = u32>, how: MatchKind) -> Match {
        let mut entries: Vec<u32> = entries.collect();
        entries.sort_unstable();
        let mut seen: HashSet<u32> = HashSet::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for e in entries {
            let entry = &self.entries[e as usize];
            if !seen.insert(entry.iri) {
                continue;
            }
            let shown = self.preferred[entry.iri as usize].unwrap_or(e);
            pairs.push((
                self.entries[shown as usize].label.clone(),
                self.iris[entry.iri as usize].clone(),
            ));
        }
        pairs.sort();
        let (labels, iris) = pairs.into_iter().unzip();
        Match {
            iris,
            labels,
            how,
            candidates: Vec::new(),
        }
    }
}

/// The distinct words of a folded key.
fn distinct_tokens(folded: &str) -> Vec<&str> {
    let mut tokens: Vec<&str> = folded.split(' ').collect();
    tokens.sort_unstable();
    tokens.dedup();
    tokens
}

/// The local name of an IRI: what follows the last `#`, `/` or `:`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/', ':']).next().unwrap_or(iri)
}

/// How many edits a fuzzy match may need: none for very short names, whose
/// neighbours are mostly unrelated words.
fn edit_limit(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

// ------------------------------------------------------------------ folding

/// Lower case, Latin diacritics removed, apostrophes and dots dropped,
/// other punctuation turned into single spaces: "Al-Qaïda" → "al qaida",
/// "O'Brien" → "obrien", "son_of" → "son of".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(s) = fold_char(c) {
            out.push_str(s);
        } else if is_combining_mark(c) || matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '.') {
            // dropped: "O'Brien" and "OBrien", "U.S." and "US" are one name
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// The fold table: Latin letters with diacritics and ligatures.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ'
        | 'ắ' | 'ặ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ệ' => {
            "e"
        }
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' | 'ḥ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ọ' | 'ồ' | 'ố' | 'ộ' | 'ơ' => {
            "o"
        }
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ụ' | 'ư' => {
            "u"
        }
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' | 'ẓ' => "z",
        _ => return None,
    })
}

/// A crude stem of each word: plural and verb endings removed, so that
/// "surrounds", "surrounded" and "surround" meet.
fn stem(folded: &str) -> String {
    folded
        .split(' ')
        .map(|w| {
            for suffix in ["ing", "ies", "ed", "es", "s"] {
                if let Some(base) = w.strip_suffix(suffix)
                    && base.chars().count() >= 3
                {
                    return base;
                }
            }
            w
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A transliteration skeleton of each word, so that spellings of one
/// foreign name meet: sibilants (s z sh ch zh j jsh dj tch) are one sound,
/// k/q/c/ck one, v/w one, x is ks; h and vowels inside a word are dropped
/// and doubled letters count once. "Panjshir", "Panchir", "Pansir" → "pnSr";
/// "Qaida", "Qaeda" → "Kd"; "Kabul", "Kaboul" → "Kbl".
pub fn skeleton(folded: &str) -> String {
    folded
        .split(' ')
        .map(skeleton_word)
        .collect::<Vec<_>>()
        .join(" ")
}

fn skeleton_word(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    chars.dedup();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let (code, used) = sound(&chars[i..]);
        let first = i == 0;
        i += used;
        match code {
            Sound::Vowel if first => out.push('A'),
            Sound::Vowel | Sound::Silent => {}
            Sound::Code(c) => {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

enum Sound {
    Vowel,
    Silent,
    Code(char),
}

/// The sound at the start of `s` and how many characters it spans.
fn sound(s: &[char]) -> (Sound, usize) {
    let starts =
        |p: &str| p.chars().zip(s.iter()).all(|(a, b)| a == *b) && s.len() >= p.chars().count();
    for (prefix, code) in [
        ("jsh", 'S'),
        ("tch", 'S'),
        ("sch", 'S'),
        ("dzh", 'S'),
        ("ch", 'S'),
        ("sh", 'S'),
        ("zh", 'S'),
        ("dj", 'S'),
        ("kh", 'K'),
        ("ck", 'K'),
        ("gh", 'G'),
        ("ph", 'F'),
        ("th", 'T'),
        ("dh", 'D'),
    ] {
        if starts(prefix) {
            return (Sound::Code(code), prefix.chars().count());
        }
    }
    let code = match s[0] {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => return (Sound::Vowel, 1),
        'h' => return (Sound::Silent, 1),
        's' | 'z' | 'j' => 'S',
        'k' | 'q' | 'c' => 'K',
        'g' => 'G',
        'v' | 'w' => 'V',
        'f' => 'F',
        'x' => return (Sound::Code('X'), 1),
        c => c,
    };
    (Sound::Code(code), 1)
}

// ------------------------------------------------------------------ distance

/// Damerau–Levenshtein distance (optimal string alignment) if it is at most
/// `limit`.
pub fn bounded_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    DistanceBuf::default().distance(a, b, limit)
}

/// Rows reused across the distance computations of one scan.
#[derive(Default)]
struct DistanceBuf {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl DistanceBuf {
    /// Row-by-row dynamic programming with an early exit once a whole row
    /// exceeds `limit`.
    fn distance(&mut self, a: &[char], b: &[char], limit: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > limit {
            return None;
        }
        let width = b.len() + 1;
        let DistanceBuf { prev2, prev, cur } = self;
        prev2.clear();
        prev2.resize(width, 0);
        prev.clear();
        prev.extend(0..width);
        cur.clear();
        cur.resize(width, 0);
        for i in 1..=a.len() {
            cur[0] = i;
            let mut row_min = cur[0];
            for j in 1..width {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(prev2[j - 2] + 1);
                }
                cur[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > limit {
                return None;
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        let d = prev[b.len()];
        (d <= limit).then_some(d)
    }
}
