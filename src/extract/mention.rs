//! From argument tokens to what they denote: a named-entity mention (titles
//! and roles stripped), an earlier entity (pronouns, definite descriptions,
//! the speaker of a first-person quotation), or a concept with a short
//! canonical label. Entities are resolved to graph nodes later
//! ([`crate::resolve`]); here each argument becomes a [`Mention`] of one
//! article.

use super::clause::Arg;
use super::tree::Tree;
use crate::model::EntityType;
use crate::nlp::countries::CountryLexicon;
use crate::nlp::ner::EntityKind;
use crate::nlp::parser::DepRel;
use crate::nlp::pipeline::Entity as NerEntity;
use crate::nlp::{Upos, Xpos};
use crate::resolve::Mention;

/// Title words dropped from the front of a name and kept as a role.
const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "commander",
    "general",
    "gen.",
    "professor",
    "prof.",
    "sir",
    "king",
    "queen",
    "prince",
    "sheikh",
    "mullah",
    "former",
    "chief",
    "senator",
    "governor",
    "secretary",
    "ambassador",
    "colonel",
    "captain",
    "judge",
    "leader",
];

/// A title, possibly hyphenated ("vice-president", "ex-minister").
pub fn is_title_word(word: &str) -> bool {
    word.rsplit('-')
        .next()
        .is_some_and(|last| TITLES.contains(&last) && !HONORIFICS.contains(&last))
}

/// Titles that say nothing about a role.
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir"];

/// Words that make no useful concept on their own.
const EMPTY_HEADS: &[&str] = &[
    "what",
    "this",
    "that",
    "these",
    "those",
    "it",
    "one",
    "other",
    "others",
    "nothing",
    "something",
    "anything",
    "all",
    "some",
    "part",
    "way",
    "lot",
    "kind",
    "type",
    "there",
    "which",
    "who",
    "whom",
    "thing",
    "things",
    "matter",
    "fact",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// Nouns of definite descriptions that refer back to a place.
const PLACE_NOUNS: &[&str] = &[
    "valley",
    "enclave",
    "region",
    "province",
    "area",
    "country",
    "city",
    "capital",
    "territory",
];

/// Nouns of definite descriptions that refer back to an organization.
const GROUP_NOUNS: &[&str] = &["organization", "group", "movement", "militia", "regime"];

/// Words for people in plural descriptions ("the two men").
const PEOPLE_NOUNS: &[&str] = &[
    "men",
    "women",
    "leaders",
    "politicians",
    "commanders",
    "dignitaries",
    "brothers",
];

/// What an argument denotes, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Denotation {
    /// Index into the article's mention list.
    Mention(usize),
    /// Several entities at once ("the two men").
    Group(Vec<usize>),
    /// Nothing usable (an unresolved pronoun, "what").
    Nothing,
}

impl Denotation {
    /// The mentions denoted, one per group member.
    pub fn mentions(self) -> Vec<usize> {
        match self {
            Denotation::Mention(m) => vec![m],
            Denotation::Group(ms) => ms,
            Denotation::Nothing => Vec::new(),
        }
    }
}

/// A role read off a name's premodifiers ("former Afghan vice-president").
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub mention: usize,
    pub role: String,
    /// Country from a demonym or country name among the premodifiers
    /// ("Afghan", "Pakistan").
    pub country: Option<String>,
    pub sentence: usize,
}

/// The mentions of one article, built sentence by sentence, with the state
/// coreference needs (what was mentioned recently).
pub struct Mentions<'c> {
    pub list: Vec<Mention>,
    pub roles: Vec<Role>,
    countries: &'c CountryLexicon,
    /// Entity mentions in text order: (mention index, sentence, is a
    /// clause subject). Subjects are the likelier antecedents.
    history: Vec<(usize, usize, bool)>,
    /// Speaker of the quotation open at the current sentence.
    pub speaker: Option<usize>,
    /// Where the latest plural common-noun subject was ("the two men"):
    /// "they" after it means those, not an earlier organization.
    plural_subject: Option<usize>,
}

impl<'c> Mentions<'c> {
    pub fn new(countries: &'c CountryLexicon) -> Self {
        Self {
            list: Vec::new(),
            roles: Vec::new(),
            countries,
            history: Vec::new(),
            speaker: None,
            plural_subject: None,
        }
    }

    /// Records the names of a sentence that states nothing (page furniture):
    /// they are still names of their entities, but no antecedents and no
    /// roles.
    pub fn add_names(&mut self, tree: &Tree, entities: &[&NerEntity]) {
        for e in entities {
            if let Some((name, title, first)) = strip_title(tree, e.tokens.clone()) {
                let kind = self.entity_type(tree, e, &name);
                self.push(Mention {
                    article: 0,
                    position: tree.tokens[first].span.char_start,
                    name,
                    title,
                    kind,
                });
            }
        }
    }

    /// Records every named entity of a sentence in text order, so that
    /// pronouns can refer to them; returns their mention indices.
    pub fn add_entities(
        &mut self,
        tree: &Tree,
        entities: &[&NerEntity],
        sentence: usize,
    ) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        for e in entities {
            let Some((name, title, first)) = strip_title(tree, e.tokens.clone()) else {
                continue;
            };
            let kind = self.entity_type(tree, e, &name);
            let idx = self.push(Mention {
                article: 0,
                position: tree.tokens[first].span.char_start,
                name,
                title: title.clone(),
                kind,
            });
            let head = e.tokens.end - 1;
            self.history.push((idx, sentence, tree.is_subject(head)));
            out.push((idx, e.tokens.clone()));
            if let Some(role) = self.role(tree, first, e.tokens.end - 1, title) {
                self.roles.push(Role {
                    mention: idx,
                    sentence,
                    ..role
                });
            }
        }
        out
    }

    /// Notes the plural common-noun subjects of a sentence (see
    /// `plural_subject`).
    pub fn note_plural_subjects(&mut self, tree: &Tree) {
        for i in 0..tree.len() {
            if matches!(tree.rel(i), DepRel::Nsubj | DepRel::NsubjPass) && tree.xpos(i) == Xpos::Nns
            {
                self.plural_subject = Some(tree.tokens[i].span.char_start);
            }
        }
    }

    fn push(&mut self, m: Mention) -> usize {
        self.list.push(m);
        self.list.len() - 1
    }

    /// The type of a recognized entity, from its label and its context: a
    /// demonym is its country, organization words win, a "place" that acts
    /// is an organization.
    fn entity_type(&self, tree: &Tree, e: &NerEntity, name: &str) -> EntityType {
        const ORG_WORDS: &[&str] = &[
            "university",
            "alliance",
            "organization",
            "organisation",
            "ngo",
            "party",
            "ministry",
            "army",
            "council",
            "committee",
            "agency",
            "institute",
            "bank",
            "company",
            "taliban",
            "qaida",
            "qaeda",
            "afp",
            "reuters",
            "government",
            "front",
            "tank",
        ];
        if self.countries.is_country(name) {
            return EntityType::Place;
        }
        let folded = name.to_lowercase();
        if folded
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ORG_WORDS.contains(&w))
        {
            return EntityType::Organization;
        }
        let head = e.tokens.end - 1;
        let acts = matches!(tree.rel(head), DepRel::Nsubj | DepRel::OblAgent)
            && tree
                .head(head)
                .is_some_and(|h| tree.upos(h) == Upos::Verb && tree.lemma(h) != "be");
        match e.kind {
            EntityKind::Person => EntityType::Person,
            EntityKind::Organization => EntityType::Organization,
            EntityKind::Location if acts => EntityType::Organization,
            EntityKind::Location => EntityType::Place,
            EntityKind::Misc if self.countries.demonym_country(name).is_some() => EntityType::Place,
            // "an unnamed Frenchman", "the Englishwoman".
            EntityKind::Misc if folded.ends_with("man") || folded.ends_with("woman") => {
                EntityType::Person
            }
            EntityKind::Misc => EntityType::Organization,
        }
    }

    /// A role from the common nouns right before a name: "the former Afghan
    /// vice-president Amrullah Saleh" → "vice-president" (and Afghanistan).
    fn role(&self, tree: &Tree, first: usize, head: usize, title: Option<String>) -> Option<Role> {
        let mut words = Vec::new();
        let mut country = None;
        let mut i = first;
        while i > 0 {
            let p = i - 1;
            // Premodifiers point rightwards, into the name's phrase.
            if tree.head(p).is_none_or(|h| h <= p || h > head) {
                break;
            }
            match tree.upos(p) {
                Upos::Noun => words.insert(0, tree.lower(p)),
                // "vice-president", often tagged as an adjective.
                Upos::Adj if is_title_word(&tree.lower(p)) => words.insert(0, tree.lower(p)),
                Upos::Adj | Upos::Propn => {
                    // "Afghan", or a country's name: "Pakistan Prime Minister X".
                    if let Some(c) = self.countries.country_named_by(tree.word(p)) {
                        country = Some(c.to_string());
                    } else if tree.upos(p) == Upos::Propn
                        && TITLES.contains(&tree.lower(p).as_str())
                        && !HONORIFICS.contains(&tree.lower(p).as_str())
                    {
                        words.insert(0, tree.lower(p));
                    } else if tree.upos(p) == Upos::Adj {
                        // "famous", "former": not part of the role.
                    } else {
                        break;
                    }
                }
                _ => break,
            }
            i = p;
        }
        if let Some(t) = title {
            let t = t.to_lowercase();
            if !HONORIFICS.contains(&t.as_str()) && !words.contains(&t) {
                words.push(t);
            }
        }
        words.retain(|w| w != "former");
        (!words.is_empty() || country.is_some()).then(|| Role {
            mention: 0,
            role: words.join(" "),
            country,
            sentence: 0,
        })
    }

    /// What `arg` denotes: the entity mention it contains at its head, an
    /// antecedent, or a new concept mention.
    pub fn denote(
        &mut self,
        tree: &Tree,
        arg: &Arg,
        entities: &[(usize, std::ops::Range<usize>)],
        sentence: usize,
    ) -> Denotation {
        let head = arg.head;
        if let Some((m, _)) = entities.iter().find(|(_, r)| r.contains(&head)) {
            return Denotation::Mention(*m);
        }
        // "Commander Ahmad Shah Massoud" parsed with the title as head.
        if TITLES.contains(&tree.lower(head).as_str())
            && let Some((m, _)) = entities.iter().find(|(_, r)| {
                r.start == head + 1
                    && r.clone()
                        .all(|t| tree.head(t).is_some_and(|h| h == head || r.contains(&h)))
            })
        {
            return Denotation::Mention(*m);
        }
        // "the US think tank FDD", "the Russian foreign minister, Sergei
        // Lavrov,": a common noun with the name in apposition. A name of
        // several words hangs from its root (the others are `flat` on it).
        if tree.upos(head) == Upos::Noun
            && let Some((m, _)) = entities.iter().find(|(_, r)| {
                r.clone().any(|t| {
                    tree.head(t) == Some(head)
                        && tree.rel(t) == DepRel::Appos
                        && r.clone()
                            .all(|u| u == t || tree.head(u).is_some_and(|h| r.contains(&h)))
                })
            })
        {
            return Denotation::Mention(*m);
        }
        // "the Panchir valley", "Parwan province": the name is the place.
        if PLACE_NOUNS.contains(&tree.lower(head).as_str())
            && let Some((m, _)) = entities.iter().find(|(_, r)| {
                let last = r.end - 1;
                tree.head(last) == Some(head) && tree.rel(last) == DepRel::Compound
            })
        {
            return Denotation::Mention(*m);
        }
        if tree.upos(head) == Upos::Pron {
            return self.pronoun(tree, head, sentence);
        }
        if let Some(m) = self.definite_description(tree, head) {
            return Denotation::Mention(m);
        }
        if let Some(group) = self.group_description(tree, head) {
            return Denotation::Group(group);
        }
        match concept_label(tree, arg) {
            Some(label) => {
                let idx = self.push(Mention {
                    article: 0,
                    position: tree.tokens[head].span.char_start,
                    name: label,
                    title: None,
                    kind: EntityType::Concept,
                });
                Denotation::Mention(idx)
            }
            None => Denotation::Nothing,
        }
    }

    /// A premodifier of noun `head` that names a country ("Russian foreign
    /// minister", "Pakistan envoy"), and that country.
    pub fn country_modifier(&self, tree: &Tree, head: usize) -> Option<(usize, String)> {
        tree.children(head).iter().find_map(|&c| {
            let modifies = c < head && matches!(tree.rel(c), DepRel::Amod | DepRel::Compound);
            let country = self.countries.country_named_by(tree.word(c))?;
            modifies.then(|| (c, country.to_string()))
        })
    }

    /// A mention of the country of a demonym ("Afghan" → Afghanistan).
    pub fn country(&mut self, name: &str, position: usize) -> usize {
        self.push(Mention {
            article: 0,
            position,
            name: name.to_string(),
            title: None,
            kind: EntityType::Place,
        })
    }

    fn pronoun(&self, tree: &Tree, i: usize, sentence: usize) -> Denotation {
        let w = tree.lower(i);
        let before = tree.tokens[i].span.char_start;
        let candidates = |pick: &dyn Fn(&Mention) -> bool| {
            self.history
                .iter()
                .rev()
                .filter(|(_, s, _)| *s + 2 >= sentence)
                .filter(|(m, _, _)| pick(&self.list[*m]) && self.list[*m].position < before)
                .map(|&(m, _, subject)| (m, subject))
                .collect::<Vec<_>>()
        };
        // The most recent subject, else the most recent mention.
        let recent = |pick: &dyn Fn(&Mention) -> bool| {
            let found = candidates(pick);
            found
                .iter()
                .find(|(_, subject)| *subject)
                .or(found.first())
                .map(|&(m, _)| m)
        };
        let found = match w.as_str() {
            "he" | "him" | "his" | "himself" | "she" | "her" | "herself" => {
                recent(&|m| m.kind == EntityType::Person)
            }
            "they" | "them" | "their" | "themselves" => {
                recent(&|m| m.kind == EntityType::Organization).filter(|&m| {
                    let blocked = self.plural_subject.filter(|&p| p < before);
                    blocked.is_none_or(|p| p < self.list[m].position)
                })
            }
            "i" | "me" | "my" | "we" | "us" | "our" => self.speaker,
            _ => None,
        };
        found.map_or(Denotation::Nothing, Denotation::Mention)
    }

    /// "the two men", "both leaders": the last that many different people
    /// named before (told apart by surname, since names are not resolved yet).
    fn group_description(&self, tree: &Tree, head: usize) -> Option<Vec<usize>> {
        if !PEOPLE_NOUNS.contains(&tree.lower(head).as_str()) {
            return None;
        }
        // Definite only: "two dignitaries, X and Y" introduces new people.
        tree.children_with(head, DepRel::Det)
            .find(|&d| matches!(tree.lower(d).as_str(), "the" | "these" | "those" | "both"))?;
        let count = tree
            .children(head)
            .iter()
            .find_map(|&c| match tree.lower(c).as_str() {
                "two" | "both" => Some(2),
                "three" => Some(3),
                _ => None,
            })?;
        let before = tree.tokens[head].span.char_start;
        let mut surnames: Vec<String> = Vec::new();
        let mut group = Vec::new();
        for &(m, _, _) in self.history.iter().rev() {
            let mention = &self.list[m];
            if mention.kind != EntityType::Person || mention.position >= before {
                continue;
            }
            let surname = mention.name.rsplit(' ').next().unwrap_or("").to_lowercase();
            if !surnames.contains(&surname) {
                surnames.push(surname);
                group.push(m);
            }
            if group.len() == count {
                return Some(group);
            }
        }
        None
    }

    /// "the valley", "this enclave", "the organization": the most recent
    /// matching entity (a place whose name has the noun wins).
    fn definite_description(&self, tree: &Tree, head: usize) -> Option<usize> {
        if tree.upos(head) != Upos::Noun {
            return None;
        }
        let det = tree.child(head, DepRel::Det).map(|d| tree.lower(d))?;
        if !matches!(det.as_str(), "the" | "this" | "that") {
            return None;
        }
        if tree.children(head).iter().any(|&c| {
            matches!(
                tree.rel(c),
                DepRel::Nmod | DepRel::Compound | DepRel::Amod | DepRel::NmodPoss
            )
        }) {
            return None;
        }
        let noun = tree.lower(head);
        let before = tree.tokens[head].span.char_start;
        let entities = self
            .history
            .iter()
            .rev()
            .map(|(m, _, _)| *m)
            .filter(|&m| self.list[m].position < before);
        if PLACE_NOUNS.contains(&noun.as_str()) {
            let places: Vec<usize> = entities
                .filter(|&m| self.list[m].kind == EntityType::Place)
                .collect();
            if noun == "country" {
                return places.into_iter().find(|&m| {
                    let name = &self.list[m].name;
                    self.countries.is_country(name)
                        || self.countries.demonym_country(name).is_some()
                });
            }
            return places
                .iter()
                .copied()
                .find(|&m| self.list[m].name.to_lowercase().contains(&noun))
                .or_else(|| most_frequent(&self.list, &places));
        }
        if GROUP_NOUNS.contains(&noun.as_str()) {
            return entities
                .into_iter()
                .find(|&m| self.list[m].kind == EntityType::Organization);
        }
        None
    }
}

/// The most frequently named of `candidates` (by folded name), ties to the
/// most recent (first in `candidates`).
fn most_frequent(list: &[Mention], candidates: &[usize]) -> Option<usize> {
    let key = |m: usize| list[m].name.to_lowercase();
    candidates
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|&(rank, m)| {
            let n = candidates.iter().filter(|&&o| key(o) == key(m)).count();
            (n, std::cmp::Reverse(rank))
        })
        .map(|(_, m)| m)
}

/// The name of an entity span without leading titles and trailing
/// possessive: (name, title, first name token).
fn strip_title(
    tree: &Tree,
    tokens: std::ops::Range<usize>,
) -> Option<(String, Option<String>, usize)> {
    let mut first = tokens.start;
    let mut last = tokens.end;
    let mut title = Vec::new();
    while first + 1 < last && TITLES.contains(&tree.lower(first).as_str()) {
        title.push(tree.word(first).to_string());
        first += 1;
    }
    while last > first + 1 && matches!(tree.xpos(last - 1), Xpos::Pos) {
        last -= 1;
    }
    // A lowercase title just before the name ("commander Massoud").
    if title.is_empty() && first > 0 {
        let p = first - 1;
        if matches!(tree.upos(p), Upos::Noun | Upos::Propn)
            && TITLES.contains(&tree.lower(p).as_str())
        {
            title.push(tree.word(p).to_string());
        }
    }
    let toks: Vec<usize> = (first..last).collect();
    let mut name = tree.source(&toks);
    if let Some(stripped) = name.strip_suffix("’s").or_else(|| name.strip_suffix("'s")) {
        name = stripped.to_string();
    }
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (!name.is_empty()).then(|| {
        let title = (!title.is_empty()).then(|| title.join(" "));
        (name, title, first)
    })
}

/// A short canonical label for a concept argument: the head's lemma with
/// the adjectives and nouns right before it ("armed resistance", "Sharia
/// law"); determiners, possessives and numbers dropped.
pub fn concept_label(tree: &Tree, arg: &Arg) -> Option<String> {
    concept_label_without(tree, arg, None)
}

/// [`concept_label`] leaving out premodifier `skip` ("Russian foreign
/// minister" as the role "foreign minister" of a Russian).
pub fn concept_label_without(tree: &Tree, arg: &Arg, skip: Option<usize>) -> Option<String> {
    let head = arg.head;
    if !matches!(tree.upos(head), Upos::Noun | Upos::Propn) {
        return None;
    }
    if EMPTY_HEADS.contains(&tree.lower(head).as_str()) {
        return None;
    }
    let mut words = Vec::new();
    let mut i = head;
    while i > 0 {
        let p = i - 1;
        let attached =
            tree.head(p) == Some(head) && matches!(tree.rel(p), DepRel::Amod | DepRel::Compound);
        if !attached || !matches!(tree.upos(p), Upos::Adj | Upos::Noun | Upos::Propn) {
            break;
        }
        if Some(p) != skip {
            words.insert(0, cased(tree, p));
        }
        i = p;
    }
    let head_word = if tree.xpos(head) == Xpos::Nns {
        tree.lemma(head).to_lowercase()
    } else {
        cased(tree, head)
    };
    words.push(head_word);
    if words.len() > 4 {
        words.drain(..words.len() - 4);
    }
    Some(words.join(" "))
}

/// Proper nouns and proper adjectives ("Afghan intelligence") keep their
/// case; other words are lowercased. A capital on the first word of a
/// sentence says nothing.
fn cased(tree: &Tree, i: usize) -> String {
    let capitalized = tree.word(i).starts_with(char::is_uppercase);
    if tree.upos(i) == Upos::Propn || (tree.upos(i) == Upos::Adj && capitalized && i > 0) {
        tree.word(i).to_string()
    } else {
        tree.lower(i)
    }
}
