//! Entity resolution: which mentions of a batch of articles name the same
//! real-world entity, and one [`Entity`] per entity found.
//!
//! Mentions (and the entities already in the store, [`Known`]) are
//! clustered with a union–find (`clusters.rs`) that never joins two nodes
//! linked [`Link::Different`] (or stored as different), even through a
//! chain of merges, nor two countries. Merges run from the surest evidence
//! to the weakest, so that weak evidence meets clusters already shaped by
//! strong evidence and the `Different` links they carry:
//!
//! 1. [`Link::Same`] links from the text ("X, known as Y").
//! 2. Countries: names, alternative spellings, acronyms ("US") and demonyms
//!    ("Afghan") from the [`CountryLexicon`] meet at one country.
//! 3. Equal names, case and accents ignored. Concepts only meet concepts
//!    (leading "the" and plural ignored); place-like names compare on their
//!    specific part ("Pansir Valley" is "Pansir"). Single-word person names
//!    are left to steps 6 and 7: a surname alone is not an identity.
//! 4. Transliterations of non-person names: same skeleton ("Panchir",
//!    "Panshir", "Pansir", "Panjshir"), few edits apart.
//! 5. Acronyms of names in the batch or the store ("FDD" is "Foundation for
//!    Defense of Democracies"), and full person names that match word by
//!    word as a subsequence ("Ahmad Massoud", "Ahmah Shah Massoud").
//! 6. In each article, a bare surname ("Saleh") joins the most recent
//!    compatible person before it whose last name matches, else the first
//!    full name after it ("commander Massoud" kept apart from "Ahmad
//!    Massoud" by a `Different` link stays apart, and a later "Massoud"
//!    joins whichever of them was mentioned last).
//! 7. Across articles, surnames that found no full name meet only other such
//!    surnames of the same spelling, or a known person with that one-word
//!    label (or with a label equal to one of their titled forms).
//!
//! Every step looks candidates up in hash indexes (folded name, skeleton,
//! initials, surname keys), so the work grows with the number of mentions
//! and of near-identical names, never with all pairs of mentions. Against a
//! store, the same keys ([`keys`]) select the few stored entities a batch
//! could resolve to.
//!
//! Each cluster then becomes one entity ([`Resolution`]). Every article
//! that mentions it has its own *view* of it ([`View`]): the type most of
//! its mentions have, its label (the country's common name; for a person,
//! the longest full name, or title and surname for a person known only by
//! a surname, "commander Massoud"; else the most frequent spelling), and
//! every name it used. The entity's canonical label and type are those of
//! the oldest known entity in the cluster, else of the view of the first
//! article that mentions it — the same rule the store applies to the
//! article graphs it holds, so that which articles were resolved together
//! does not change what an entity is called. Its aliases are every other
//! name, titled forms included, and its key is the known entity's, else the
//! label with every run of characters other than letters, digits, '-' and
//! '.' turned into one '_' (the IRI slug rule: "Amrullah Saleh" →
//! "Amrullah_Saleh"), with "_2", "_3"... appended when a known entity,
//! another new entity or the store holds it.
//!
//! When a cluster holds several known entities (a mention matches two
//! stored spellings that do not match each other, "Panshir" between
//! "Panchir" and "Panjshir"), the oldest stays and the others are reported
//! as absorbed, for the store to merge.

mod clusters;
pub mod keys;
mod names;
#[cfg(test)]
mod tests;

use crate::model::{Entity, EntityType};
use crate::nlp::countries::{CountryLexicon, LexEntry};
use clusters::{Anchor, Clusters};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

/// One occurrence of a name in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the article in the batch.
    pub article: usize,
    /// Order of the mention within its article (char offset); for recency.
    pub position: usize,
    /// The name, without title or role: "Amrullah Saleh", "Saleh", "FDD".
    pub name: String,
    /// A title or role word stripped from the name: "commander", "Mr.".
    pub title: Option<String>,
    /// Best guess of the kind; [`EntityType::Concept`] for concept nodes.
    pub kind: EntityType,
}

impl Mention {
    pub fn new(article: usize, position: usize, name: impl Into<String>, kind: EntityType) -> Self {
        Mention {
            article,
            position,
            name: name.into(),
            title: None,
            kind,
        }
    }

    /// The same mention with a stripped title ("commander").
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The name as written with its title: "commander Massoud".
    pub fn titled_name(&self) -> Option<String> {
        let title = self.title.as_deref()?.trim();
        (!title.is_empty()).then(|| format!("{title} {}", self.name.trim()))
    }
}

/// What the text says about two mentions (indices into the mentions slice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Link {
    /// The same entity ("X, known as Y", apposition).
    Same(usize, usize),
    /// Certainly different entities (X son_of Y): never merged, even
    /// transitively.
    Different(usize, usize),
}

/// What a store contributes to a resolution.
#[derive(Clone, Copy)]
pub struct Known<'a> {
    /// Stored entities the batch may resolve to, oldest first: when the
    /// batch shows two of them to be one, the older one stays.
    pub entities: &'a [Entity],
    /// Pairs of indices into `entities` that must stay apart (kinship).
    pub apart: &'a [(usize, usize)],
    /// Whether the store holds an entity with this key, besides `entities`.
    pub key_taken: &'a dyn Fn(&str) -> bool,
}

impl Known<'static> {
    /// No store: nothing known, no key taken.
    pub fn none() -> Self {
        Known {
            entities: &[],
            apart: &[],
            key_taken: &|_| false,
        }
    }
}

impl<'a> Known<'a> {
    /// Just these entities, as if they were the whole store.
    pub fn only(entities: &'a [Entity]) -> Self {
        Known {
            entities,
            ..Known::none()
        }
    }
}

/// How one article names and types an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Index of the article in the batch.
    pub article: usize,
    pub label: String,
    pub kind: EntityType,
    /// Every name the article used for it, the label included; sorted.
    pub names: Vec<String>,
}

/// The entities found, and which one each mention names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolution {
    /// In order of their first mention.
    pub entities: Vec<Entity>,
    /// For each mention, its index into `entities`.
    pub of_mention: Vec<usize>,
    /// Per entity, the views of the articles that mention it, in article order.
    pub views: Vec<Vec<View>>,
    /// Per entity, the known entity it is (index into [`Known::entities`]).
    pub known: Vec<Option<usize>>,
    /// Per entity, other known entities the batch showed it to be.
    pub absorbed: Vec<Vec<usize>>,
}

/// Resolves `mentions` into entities; see the module documentation.
/// A mention that resolves to a known entity gets that entity's key and
/// label; links with an index out of range are ignored.
pub fn resolve(
    mentions: &[Mention],
    links: &[Link],
    known: &Known<'_>,
    countries: &CountryLexicon,
) -> Resolution {
    let nodes = Nodes::new(mentions, known.entities);
    let countries = Countries::new(countries);
    let mut clusters = Clusters::new(nodes.len());
    let country_of = anchor_nodes(&mut clusters, &nodes, &countries);
    apply_links(&mut clusters, links, mentions.len());
    keep_known_apart(&mut clusters, known, mentions.len());
    merge_countries(&mut clusters, &nodes, &country_of);
    let spellings = merge_equal_names(&mut clusters, &nodes);
    merge_transliterations(&mut clusters, &spellings);
    merge_acronyms(&mut clusters, &nodes);
    merge_full_person_names(&mut clusters, &nodes);
    resolve_surnames(&mut clusters, &nodes, SurnamePass::Untitled);
    merge_surname_entities(&mut clusters, &nodes);
    resolve_surnames(&mut clusters, &nodes, SurnamePass::Titled);
    build(&mut clusters, &nodes, &countries, known.key_taken)
}

/// Every key a store's resolution index is searched with for `mentions`
/// ([`keys::query_keys`]): the stored entities filed under them are all
/// the batch could resolve to.
pub fn lookup_keys(mentions: &[Mention], lexicon: &CountryLexicon) -> Vec<String> {
    let countries = Countries::new(lexicon);
    let mut all: Vec<String> = mentions
        .iter()
        .flat_map(|m| {
            let country = countries.of(&m.name, m.kind).map(|id| countries.common[id]);
            keys::query_keys(&m.name, m.kind, m.titled_name().as_deref(), country)
        })
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

// ------------------------------------------------------------------ nodes

/// One name of a node, normalized once.
#[derive(Debug, Clone)]
struct Name<'a> {
    node: usize,
    raw: &'a str,
    /// [`names::normalize`]d.
    norm: String,
    tokens: usize,
}

/// How a name takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Concept,
    /// A single-word person name: a surname, resolved in its article.
    Surname,
    /// A person name of several words.
    FullName,
    /// Any other name: place, organization, event, work.
    Other,
}

/// Everything compared, numbered as one: node `i < mentions.len()` is
/// mention `i`, node `mentions.len() + k` is known entity `k`.
struct Nodes<'a> {
    mentions: &'a [Mention],
    known: &'a [Entity],
    /// The mentions' names first (`names[i]` is mention `i`'s), then each
    /// known entity's label and aliases.
    names: Vec<Name<'a>>,
}

impl<'a> Nodes<'a> {
    fn new(mentions: &'a [Mention], known: &'a [Entity]) -> Self {
        let name = |node, raw: &'a str| {
            let norm = names::normalize(raw);
            let tokens = names::token_count(&norm);
            Name {
                node,
                raw,
                norm,
                tokens,
            }
        };
        let mut all: Vec<Name<'a>> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| name(i, m.name.as_str()))
            .collect();
        for (k, entity) in known.iter().enumerate() {
            let node = mentions.len() + k;
            all.push(name(node, &entity.label));
            let aliases = entity.aliases.iter().filter(|a| **a != entity.label);
            all.extend(aliases.map(|a| name(node, a)));
        }
        Nodes {
            mentions,
            known,
            names: all,
        }
    }

    fn len(&self) -> usize {
        self.mentions.len() + self.known.len()
    }

    fn mention(&self, node: usize) -> Option<&'a Mention> {
        self.mentions.get(node)
    }

    fn known_index(&self, node: usize) -> Option<usize> {
        node.checked_sub(self.mentions.len())
    }

    fn kind(&self, node: usize) -> EntityType {
        match self.mention(node) {
            Some(m) => m.kind,
            None => self.known[node - self.mentions.len()].kind,
        }
    }

    fn role(&self, name: &Name) -> Role {
        match (self.kind(name.node), name.tokens) {
            // An empty name matches nothing: other names are only compared
            // on non-empty keys.
            (_, 0) => Role::Other,
            (EntityType::Concept, _) => Role::Concept,
            (EntityType::Person, 1) => Role::Surname,
            (EntityType::Person, _) => Role::FullName,
            _ => Role::Other,
        }
    }

    /// Whether mention `i` is a bare single-word person name.
    fn is_surname_mention(&self, i: usize) -> bool {
        i < self.mentions.len() && self.role(&self.names[i]) == Role::Surname
    }
}

/// Items grouped by key, groups in the order their key was first seen, so
/// that merging group by group is deterministic.
struct Groups<K> {
    index: HashMap<K, usize>,
    groups: Vec<(K, Vec<usize>)>,
}

impl<K: Hash + Eq + Clone> Groups<K> {
    fn new() -> Self {
        Groups {
            index: HashMap::new(),
            groups: Vec::new(),
        }
    }

    fn add(&mut self, key: K, item: usize) {
        let next = self.groups.len();
        let slot = *self.index.entry(key.clone()).or_insert(next);
        if slot == next {
            self.groups.push((key, Vec::new()));
        }
        self.groups[slot].1.push(item);
    }

    fn get(&self, key: &K) -> Option<&[usize]> {
        self.index.get(key).map(|&i| self.groups[i].1.as_slice())
    }
}

// ------------------------------------------------------------------ countries

/// The country lexicon seen as entities: each country has an id, a common
/// name, and is reached from its names, spellings, demonyms and the
/// initials of its common name ("US", "UK"), which the lexicon leaves out.
struct Countries<'a> {
    lexicon: &'a CountryLexicon,
    common: Vec<&'a str>,
    by_iso: HashMap<&'a str, usize>,
    /// Initials of multi-word common names; `None` when two countries share
    /// them ("SA": South Africa, Saudi Arabia).
    by_initials: HashMap<String, Option<usize>>,
}

/// The initials of a country's common name made of full words
/// ("United States" → "us"), the letters an acronym of it would use. Names
/// holding an abbreviation ("DR Congo") are left out: their initials ("DC")
/// are not how anyone abbreviates them.
fn country_initials(entry: &LexEntry) -> Option<String> {
    let norm = names::normalize(&entry.surface);
    let full_words = norm.split(' ').all(|w| w.chars().count() >= 3);
    (entry.surface == entry.country && full_words)
        .then(|| names::initials(&norm))
        .flatten()
}

impl<'a> Countries<'a> {
    fn new(lexicon: &'a CountryLexicon) -> Self {
        let mut common = Vec::new();
        let mut by_iso = HashMap::new();
        let mut by_initials: HashMap<String, Option<usize>> = HashMap::new();
        for entry in lexicon.entries() {
            let id = *by_iso.entry(entry.iso3.as_str()).or_insert_with(|| {
                common.push(entry.country.as_str());
                common.len() - 1
            });
            if let Some(initials) = country_initials(entry) {
                by_initials
                    .entry(initials)
                    .and_modify(|seen| {
                        if *seen != Some(id) {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(id));
            }
        }
        Countries {
            lexicon,
            common,
            by_iso,
            by_initials,
        }
    }

    fn id(&self, iso3: &str) -> Option<usize> {
        self.by_iso.get(iso3).copied()
    }

    /// The country a name denotes. Person mentions only resolve through a
    /// demonym: "Jordan" the person is not Jordan the country, but no
    /// person is called "Afghan".
    fn of(&self, raw: &str, kind: EntityType) -> Option<usize> {
        let name = names::strip_article(raw);
        if name.is_empty() {
            return None;
        }
        let demonym = || {
            let country = self.lexicon.demonym_country(name)?;
            self.id(self.lexicon.country_code(country)?)
        };
        if kind == EntityType::Person {
            return demonym();
        }
        let named = || self.id(self.lexicon.country_code(name)?);
        let acronym = || {
            let letters = names::acronym(name)?;
            let code = self.lexicon.country_code(&letters);
            match code {
                Some(iso) => self.id(iso),
                None => self.by_initials.get(&letters).copied().flatten(),
            }
        };
        named().or_else(demonym).or_else(acronym)
    }
}

// ------------------------------------------------------------------ merging steps

/// Anchors known entities and country names, and marks as settled every
/// node that is not a bare surname. Returns each node's country.
fn anchor_nodes(
    clusters: &mut Clusters,
    nodes: &Nodes,
    countries: &Countries,
) -> Vec<Option<usize>> {
    let mut country_of = vec![None; nodes.len()];
    for name in &nodes.names {
        let node = name.node;
        if country_of[node].is_none() {
            country_of[node] = countries.of(name.raw, nodes.kind(node));
        }
    }
    for (node, &country) in country_of.iter().enumerate() {
        let known = nodes.known_index(node);
        clusters.set_anchor(node, Anchor { known, country });
        if !nodes.is_surname_mention(node) || country.is_some() {
            clusters.settle(node);
        }
    }
    country_of
}

/// Step 1: the text's own links. `Different` links are recorded first, so
/// that no `Same` link (nor any later step) can join what they separate.
fn apply_links(clusters: &mut Clusters, links: &[Link], mentions: usize) {
    let valid = |a: usize, b: usize| a < mentions && b < mentions && a != b;
    for link in links {
        if let Link::Different(a, b) = *link
            && valid(a, b)
        {
            clusters.keep_apart(a, b);
        }
    }
    for link in links {
        if let Link::Same(a, b) = *link
            && valid(a, b)
        {
            clusters.union(a, b);
        }
    }
}

/// Stored kinship: known entities the store keeps apart stay apart.
fn keep_known_apart(clusters: &mut Clusters, known: &Known<'_>, mentions: usize) {
    let count = known.entities.len();
    for &(a, b) in known.apart {
        if a < count && b < count && a != b {
            clusters.keep_apart(mentions + a, mentions + b);
        }
    }
}

/// Step 2: every name of one country. Known entities go first, so that
/// mentions join the store's entity for the country.
fn merge_countries(clusters: &mut Clusters, nodes: &Nodes, country_of: &[Option<usize>]) {
    let mentions = nodes.mentions.len();
    let mut groups = Groups::new();
    for node in (mentions..nodes.len()).chain(0..mentions) {
        if let Some(id) = country_of[node] {
            groups.add(id, node);
        }
    }
    for (_, members) in groups.groups {
        clusters.merge_group(members);
    }
}

/// One distinct non-person, non-concept comparison key and the clusters
/// holding it after equal names were merged.
struct Spelling {
    key: String,
    reps: Vec<usize>,
}

/// Step 3: equal names. Returns the keys of non-person names, for
/// transliteration.
fn merge_equal_names(clusters: &mut Clusters, nodes: &Nodes) -> Vec<Spelling> {
    let mut groups: Groups<(bool, String)> = Groups::new();
    for name in nodes.names.iter().filter(|n| n.tokens > 0) {
        let key = match nodes.role(name) {
            Role::Surname => continue,
            Role::Concept => (true, names::concept_key(&name.norm)),
            Role::FullName => (false, name.norm.clone()),
            Role::Other => (false, names::specific_part(&name.norm).to_owned()),
        };
        groups.add(key, name.node);
    }
    let mut spellings = Vec::new();
    for ((is_concept, key), members) in groups.groups {
        let has_other = members.iter().any(|&m| nodes.kind(m) != EntityType::Person);
        let reps = clusters.merge_group(members);
        if !is_concept && has_other {
            spellings.push(Spelling { key, reps });
        }
    }
    spellings
}

/// Step 4: spellings with the same skeleton ("Panchir", "Pansir").
fn merge_transliterations(clusters: &mut Clusters, spellings: &[Spelling]) {
    let mut buckets: Groups<String> = Groups::new();
    for (i, spelling) in spellings.iter().enumerate() {
        let skeleton = crate::ask::names::skeleton(&spelling.key);
        if names::skeleton_codes(&skeleton) >= 3 {
            buckets.add(skeleton, i);
        }
    }
    for (_, ids) in &buckets.groups {
        for (n, &a) in ids.iter().enumerate() {
            for &b in &ids[n + 1..] {
                if names::spellings_match(&spellings[a].key, &spellings[b].key) {
                    let both = spellings[a].reps.iter().chain(&spellings[b].reps);
                    clusters.merge_group(both.copied());
                }
            }
        }
    }
}

/// Step 5a: an acronym joins the name whose initials spell it: preferably
/// one in its own article (the most recent before it, else the first after
/// it), else the only cluster in the batch or store with those initials.
fn merge_acronyms(clusters: &mut Clusters, nodes: &Nodes) {
    let mut by_initials: Groups<String> = Groups::new();
    for name in nodes.names.iter().filter(|n| n.tokens >= 2) {
        if nodes.role(name) == Role::Other
            && let Some(initials) = names::initials(&name.norm)
        {
            by_initials.add(initials, name.node);
        }
    }
    for name in &nodes.names {
        if nodes.role(name) != Role::Other {
            continue;
        }
        let Some(letters) = names::acronym(names::strip_article(name.raw)) else {
            continue;
        };
        if let Some(candidates) = by_initials.get(&letters) {
            join_acronym(clusters, nodes, name.node, candidates);
        }
    }
}

fn join_acronym(clusters: &mut Clusters, nodes: &Nodes, node: usize, candidates: &[usize]) {
    if let Some(m) = nodes.mention(node) {
        let in_article = |&&c: &&usize| nodes.mention(c).is_some_and(|o| o.article == m.article);
        let recency = |&c: &usize| nodes.mentions[c].position;
        let local: Vec<usize> = candidates.iter().filter(in_article).copied().collect();
        let before = local
            .iter()
            .filter(|&&c| recency(&c) <= m.position)
            .max_by_key(|c| recency(c));
        let after = local
            .iter()
            .filter(|&&c| recency(&c) > m.position)
            .min_by_key(|c| recency(c));
        if let Some(&target) = before.or(after) {
            clusters.union(node, target);
            return;
        }
    }
    let mut roots: Vec<usize> = candidates.iter().map(|&c| clusters.find(c)).collect();
    roots.sort_unstable();
    roots.dedup();
    if let [only] = roots[..] {
        clusters.union(node, only);
    }
}

/// Step 5b: full person names that match word by word
/// ([`names::person_names_match`]), across all articles and the store.
/// Candidates share a key of their last word and, within that, one of their
/// first word, so a common surname ("Khan") does not make every pair of
/// names a candidate.
fn merge_full_person_names(clusters: &mut Clusters, nodes: &Nodes) {
    let mut by_name: Groups<&str> = Groups::new();
    for name in &nodes.names {
        if nodes.role(name) == Role::FullName {
            by_name.add(name.norm.as_str(), name.node);
        }
    }
    let mut words: Vec<Vec<&str>> = Vec::with_capacity(by_name.groups.len());
    let mut first_keys: Vec<Vec<String>> = Vec::with_capacity(by_name.groups.len());
    let mut reps: Vec<Vec<usize>> = Vec::with_capacity(by_name.groups.len());
    let mut by_last: Groups<String> = Groups::new();
    for (id, (norm, members)) in by_name.groups.iter().enumerate() {
        for key in names::word_keys(names::last_token(norm)) {
            by_last.add(key, id);
        }
        let name_words: Vec<&str> = norm.split(' ').collect();
        first_keys.push(names::word_keys(name_words[0]));
        words.push(name_words);
        reps.push(clusters.merge_group(members.iter().copied()));
    }
    let mut compared: HashSet<(usize, usize)> = HashSet::new();
    for (_, ids) in by_last.groups.iter().filter(|(_, ids)| ids.len() > 1) {
        let mut by_first: Groups<&str> = Groups::new();
        for &id in ids {
            for key in &first_keys[id] {
                by_first.add(key.as_str(), id);
            }
        }
        for (_, ids) in &by_first.groups {
            for (n, &a) in ids.iter().enumerate() {
                for &b in &ids[n + 1..] {
                    if compared.insert((a, b)) && names::person_names_match(&words[a], &words[b]) {
                        clusters.merge_group(reps[a].iter().chain(&reps[b]).copied());
                    }
                }
            }
        }
    }
}

/// Which surnames a pass of [`resolve_surnames`] resolves against the
/// article's people.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SurnamePass {
    /// Step 6: untitled surnames ("Massoud", "Mr. Saleh") and titled ones
    /// that repeat an earlier titled form of the same article.
    Untitled,
    /// Step 8: titled surnames ("commander Massoud") still on their own
    /// after step 7 matched titled forms across articles. Deferred so that
    /// a namesake kept apart in one article ("Ahmad Massoud, son of
    /// commander Massoud") names the same person in the next.
    Titled,
}

/// Steps 6 and 8: bare surnames, article by article, in reading order.
fn resolve_surnames(clusters: &mut Clusters, nodes: &Nodes, pass: SurnamePass) {
    let mentions = nodes.mentions;
    let mut persons: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].kind == EntityType::Person && nodes.names[i].tokens > 0)
        .collect();
    persons.sort_by_key(|&i| (mentions[i].article, mentions[i].position, i));
    for article in persons.chunk_by(|&a, &b| mentions[a].article == mentions[b].article) {
        resolve_article_surnames(clusters, nodes, article, pass);
    }
}

/// Resolves the bare surnames of one article; `persons` are its person
/// mentions in reading order. A surname's candidates are the person
/// mentions whose last word matches it, tried in this order until one may
/// be joined: earlier ones with the same title ("commander Massoud" again),
/// for an untitled surname earlier full names, then earlier ones, most
/// recent first, then later full names, nearest first.
/// Candidates are read lazily from sorted lists, so a surname costs a few
/// lookups however long the article.
fn resolve_article_surnames(
    clusters: &mut Clusters,
    nodes: &Nodes,
    persons: &[usize],
    pass: SurnamePass,
) {
    let name = |p: usize| &nodes.names[persons[p]];
    let title = |p: usize| {
        let title = nodes.mentions[persons[p]].title.as_deref()?;
        Some(crate::ask::names::fold(title)).filter(|t| !t.is_empty())
    };
    let mut everyone: HashMap<String, Vec<usize>> = HashMap::new();
    let mut titled: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut full: HashMap<String, Vec<usize>> = HashMap::new();
    for p in 0..persons.len() {
        for key in names::word_keys(names::last_token(&name(p).norm)) {
            if let Some(title) = title(p) {
                titled.entry((title, key.clone())).or_default().push(p);
            }
            if name(p).tokens >= 2 {
                full.entry(key.clone()).or_default().push(p);
            }
            everyone.entry(key).or_default().push(p);
        }
    }
    for (p, &m) in persons.iter().enumerate() {
        if name(p).tokens != 1 || clusters.is_settled(m) {
            continue;
        }
        let surname = name(p).norm.as_str();
        let keys = names::word_keys(surname);
        let titled_form = title(p).is_some_and(|t| !names::is_honorific(&t));
        let same_title = title(p).into_iter().flat_map(|t| {
            let lists = keys
                .iter()
                .filter_map(|k| titled.get(&(t.clone(), k.clone())));
            descending(lists.map(|l| before(l, p)).collect())
        });
        // An untitled surname names the person the text introduced by full
        // name, even after a titled namesake ("Ahmad Massoud, son of
        // commander Massoud, ... Massoud withdrew").
        let earlier_full = title(p).is_none().then(|| {
            descending(
                keys.iter()
                    .filter_map(|k| full.get(k))
                    .map(|l| before(l, p))
                    .collect(),
            )
        });
        let earlier = descending(
            keys.iter()
                .filter_map(|k| everyone.get(k))
                .map(|l| before(l, p))
                .collect(),
        );
        let later_full = ascending(
            keys.iter()
                .filter_map(|k| full.get(k))
                .map(|l| &l[before(l, p).len()..])
                .collect(),
        );
        let others = (pass == SurnamePass::Titled || !titled_form).then(|| {
            earlier_full
                .into_iter()
                .flatten()
                .chain(earlier)
                .chain(later_full)
        });
        if pass == SurnamePass::Titled && !titled_form {
            continue;
        }
        let candidates = same_title
            .chain(others.into_iter().flatten())
            .filter(|&q| names::tokens_match(surname, names::last_token(&name(q).norm)));
        for q in candidates {
            if clusters.union(m, persons[q]) {
                break;
            }
        }
    }
}

/// The part of a sorted list below `p`.
fn before(list: &[usize], p: usize) -> &[usize] {
    &list[..list.partition_point(|&q| q < p)]
}

/// The union of sorted lists, largest first, without repeats.
fn descending(mut lists: Vec<&[usize]>) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let next = lists.iter().filter_map(|l| l.last()).max().copied()?;
        for list in &mut lists {
            if let [rest @ .., last] = *list
                && *last == next
            {
                *list = rest;
            }
        }
        Some(next)
    })
}

/// The union of sorted lists, smallest first, without repeats.
fn ascending(mut lists: Vec<&[usize]>) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let next = lists.iter().filter_map(|l| l.first()).min().copied()?;
        for list in &mut lists {
            if let [first, rest @ ..] = *list
                && *first == next
            {
                *list = rest;
            }
        }
        Some(next)
    })
}

/// Step 7: surnames that stayed on their own, across articles: one group
/// per spelling, with a known person labelled by that surname (or by one
/// of the group's titled forms, "commander Massoud") first.
fn merge_surname_entities(clusters: &mut Clusters, nodes: &Nodes) {
    let mut groups: Groups<&str> = Groups::new();
    let mut titled: HashMap<String, &str> = HashMap::new();
    for i in 0..nodes.mentions.len() {
        if !nodes.is_surname_mention(i) || clusters.is_settled(i) {
            continue;
        }
        let surname = nodes.names[i].norm.as_str();
        groups.add(surname, i);
        if let Some(form) = nodes.mentions[i].titled_name() {
            titled.entry(names::normalize(&form)).or_insert(surname);
        }
    }
    let mut known_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, entity) in nodes.known.iter().enumerate() {
        if entity.kind != EntityType::Person {
            continue;
        }
        let label = names::normalize(&entity.label);
        let surname = match names::token_count(&label) {
            1 => groups.index.get_key_value(label.as_str()).map(|(k, _)| *k),
            _ => titled.get(&label).copied(),
        };
        if let Some(surname) = surname {
            known_of
                .entry(surname)
                .or_default()
                .push(nodes.mentions.len() + k);
        }
    }
    for (surname, members) in &groups.groups {
        let known = known_of.get(surname).into_iter().flatten();
        clusters.merge_group(known.chain(members).copied());
    }
}

// ------------------------------------------------------------------ entities

/// Turns the clusters holding mentions into entities.
fn build(
    clusters: &mut Clusters,
    nodes: &Nodes,
    countries: &Countries,
    key_taken: &dyn Fn(&str) -> bool,
) -> Resolution {
    let mut slot_of_root: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut of_mention = Vec::with_capacity(nodes.mentions.len());
    for i in 0..nodes.mentions.len() {
        let root = clusters.find(i);
        let slot = *slot_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[slot].push(i);
        of_mention.push(slot);
    }
    let mut known_members: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
    for k in 0..nodes.known.len() {
        let root = clusters.find(nodes.mentions.len() + k);
        if let Some(&slot) = slot_of_root.get(&root) {
            known_members[slot].push(k);
        }
    }
    let mut keys = Keys::new(nodes.known, key_taken);
    let mut resolution = Resolution {
        of_mention,
        ..Resolution::default()
    };
    for (cluster, known) in members.iter().zip(known_members) {
        let country = clusters
            .anchor(cluster[0])
            .country
            .map(|c| countries.common[c]);
        let cluster: Vec<&Mention> = cluster.iter().map(|&i| &nodes.mentions[i]).collect();
        let views = views(&cluster, country);
        let (survivor, absorbed) = match known.split_first() {
            Some((&oldest, rest)) => (Some(oldest), rest.to_vec()),
            None => (None, Vec::new()),
        };
        let survivor_entity = survivor.map(|k| &nodes.known[k]);
        let (label, kind) = match survivor_entity {
            Some(entity) => (entity.label.clone(), entity.kind),
            None => (views[0].label.clone(), views[0].kind),
        };
        let known_names = known.iter().map(|&k| &nodes.known[k]);
        let aliases = entity_aliases(&cluster, known_names, &label);
        let key = match survivor_entity {
            Some(entity) => entity.key.clone(),
            None => keys.fresh(&label),
        };
        resolution.entities.push(Entity {
            key,
            label,
            kind,
            aliases,
        });
        resolution.views.push(views);
        resolution.known.push(survivor);
        resolution.absorbed.push(absorbed);
    }
    resolution
}

/// Each article's view of a cluster, in article order.
fn views(cluster: &[&Mention], country: Option<&str>) -> Vec<View> {
    let mut by_article: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for &m in cluster {
        by_article.entry(m.article).or_default().push(m);
    }
    by_article
        .into_iter()
        .map(|(article, mentions)| {
            let kind = entity_kind(&mentions, country.is_some());
            let label = entity_label(&mentions, country, kind);
            let mut names = entity_aliases(&mentions, std::iter::empty(), "");
            if !names.contains(&label) {
                names.push(label.clone());
                names.sort();
            }
            View {
                article,
                label,
                kind,
                names,
            }
        })
        .collect()
}

/// Majority vote of the mentions' kinds; ties go to the first of
/// [`EntityType::ALL`] (Person, Organization, Place, Event, CreativeWork,
/// Concept). Countries are always places.
fn entity_kind(cluster: &[&Mention], is_country: bool) -> EntityType {
    if is_country {
        return EntityType::Place;
    }
    let mut votes = [0usize; EntityType::ALL.len()];
    for m in cluster {
        if let Some(i) = EntityType::ALL.iter().position(|&k| k == m.kind) {
            votes[i] += 1;
        }
    }
    let best = (0..votes.len())
        .max_by_key(|&i| (votes[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    EntityType::ALL[best]
}

/// The most frequent of `items`, ties to the first seen.
fn most_frequent<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for item in items {
        let i = *index.entry(item).or_insert_with(|| {
            counts.push((item, 0));
            counts.len() - 1
        });
        counts[i].1 += 1;
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))?;
    Some(best.1.0)
}

/// The label of a view: the country's common name; for a person,
/// the most frequent full name (ties to the most words, then most letters,
/// then the first seen), or, with no full name, the most
/// frequent title that is not a mere courtesy followed by the surname
/// ("commander Massoud", which tells that Massoud apart); else the most
/// frequent spelling, ties to the first seen.
fn entity_label(cluster: &[&Mention], country: Option<&str>, kind: EntityType) -> String {
    if let Some(common) = country {
        return common.to_owned();
    }
    let spellings = || cluster.iter().map(|m| m.name.trim());
    let spelling = most_frequent(spellings()).unwrap_or_default();
    if kind != EntityType::Person {
        return spelling.to_owned();
    }
    let full_names: Vec<&str> = spellings()
        .filter(|s| names::token_count(&names::normalize(s)) >= 2)
        .collect();
    // Most frequent first: one typo ("Ahmah Shah Massoud") must not name
    // the person over the spelling the text keeps using.
    let rank = |s: &str| {
        let count = full_names.iter().filter(|&&o| o == s).count();
        (
            count,
            names::token_count(&names::normalize(s)),
            s.chars().count(),
        )
    };
    if let Some(best) = full_names.iter().map(|s| rank(s)).max() {
        let tied = full_names.iter().copied().filter(|s| rank(s) == best);
        return most_frequent(tied).unwrap_or_default().to_owned();
    }
    let titles = cluster
        .iter()
        .filter_map(|m| m.title.as_deref().map(str::trim))
        .filter(|t| !t.is_empty() && !names::is_honorific(t));
    match most_frequent(titles) {
        Some(title) => format!("{title} {spelling}"),
        None => spelling.to_owned(),
    }
}

/// Every other name seen: mention names, titled forms, the known entities'
/// labels and aliases; sorted, without duplicates, without the label.
fn entity_aliases<'k>(
    cluster: &[&Mention],
    known: impl Iterator<Item = &'k Entity>,
    label: &str,
) -> Vec<String> {
    let mut aliases: Vec<String> = cluster
        .iter()
        .flat_map(|m| {
            // A title tells a bare surname apart ("commander Massoud"); on a
            // full name it is a role, not another name.
            let single = names::token_count(&names::normalize(&m.name)) == 1;
            [
                Some(m.name.trim().to_owned()),
                m.titled_name().filter(|_| single),
            ]
        })
        .flatten()
        .chain(
            known.flat_map(|e| std::iter::once(e.label.clone()).chain(e.aliases.iter().cloned())),
        )
        .filter(|a| !a.is_empty() && a != label)
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}

/// Hands out keys that no known entity, no other new entity and nothing
/// else in the store holds.
struct Keys<'a> {
    taken: HashSet<String>,
    /// Next suffix to try per base key, so that many equal labels stay linear.
    next: HashMap<String, usize>,
    in_store: &'a dyn Fn(&str) -> bool,
}

impl<'a> Keys<'a> {
    fn new(known: &[Entity], in_store: &'a dyn Fn(&str) -> bool) -> Self {
        let taken = known
            .iter()
            .flat_map(|e| [e.key.clone(), names::key_of(&e.key)])
            .collect();
        Keys {
            taken,
            next: HashMap::new(),
            in_store,
        }
    }

    fn claim(&mut self, key: &str) -> bool {
        !(self.in_store)(key) && self.taken.insert(key.to_owned())
    }

    /// [`names::key_of`] the label, with "_2", "_3"... appended if taken.
    fn fresh(&mut self, label: &str) -> String {
        let base = names::key_of(label);
        if self.claim(&base) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let key = format!("{base}_{n}");
            n += 1;
            if self.claim(&key) {
                self.next.insert(base, n);
                return key;
            }
        }
    }
}
