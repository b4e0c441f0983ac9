//! Annotated document → facts. Two stages, so that articles can be read in
//! parallel and entities resolved across all of them:
//!
//! 1. [`FactExtractor::read`] (per article): boilerplate removal, NLP
//!    annotation, propositions from each parse ([`clause`]), arguments to
//!    mentions with coreference ([`mention`]), relation keys normalized by
//!    the lexicon ([`lexicon`]), time qualifiers. The result, a [`Reading`],
//!    still refers to mentions, not entities.
//! 2. [`link`] (per batch): entity resolution over every reading's mentions
//!    ([`crate::resolve`]), then facts with their evidence.
//!
//! [`carb`] writes the same propositions in CaRB's tabbed format for Open IE
//! evaluation.

pub mod boilerplate;
pub mod carb;
pub mod clause;
pub mod lexicon;
pub mod mention;
pub mod tree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{
    Article, ArticleFacts, Entity, EntityType, Evidence, Fact, FactObject, LinkedBatch, Merge,
    Modality, Polarity, Qualifiers, Relation,
};
use crate::nlp::countries::CountryLexicon;
use crate::nlp::parser::DepRel;
use crate::nlp::pipeline::{Document, Models, Sentence};
use crate::nlp::temporal::TemporalValue;
use crate::nlp::{NlpError, Pipeline, Upos};
use crate::resolve::{self, Known, Link, Mention};
use clause::{Pattern, Proposition};
use lexicon::RelationLexicon;
use mention::{Denotation, Mentions};
use tree::Tree;

/// Why extraction could not start.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error(transparent)]
    Nlp(#[from] NlpError),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Lexicon {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Relations between people that imply two different people.
const KINSHIP: &[&str] = &[
    "son_of",
    "daughter_of",
    "father_of",
    "mother_of",
    "brother_of",
    "sister_of",
    "uncle_of",
    "wife_of",
    "husband_of",
];

/// The models and lexicons extraction needs. Immutable and `Sync`.
pub struct FactExtractor {
    pipeline: Pipeline,
    lexicon: RelationLexicon,
}

/// What one article says, before entity resolution.
#[derive(Debug, Clone)]
pub struct Reading {
    pub article: Article,
    mentions: Vec<Mention>,
    links: Vec<Link>,
    /// Other names given in the text ("known as the lion of Panchir").
    aliases: Vec<(usize, String)>,
    claims: Vec<Claim>,
    sentences: Vec<SentenceText>,
}

#[derive(Debug, Clone)]
struct SentenceText {
    text: String,
    start: usize,
    end: usize,
}

/// A fact whose arguments are still mentions of the article.
#[derive(Debug, Clone)]
struct Claim {
    subject: usize,
    object: usize,
    relation: String,
    surface: String,
    polarity: Polarity,
    modality: Modality,
    confidence: f64,
    qualifiers: Qualifiers,
    /// Mention of who said it, for reported speech.
    speaker: Option<usize>,
    sentence: usize,
}

impl FactExtractor {
    pub fn new(pipeline: Pipeline, lexicon: RelationLexicon) -> Self {
        Self { pipeline, lexicon }
    }

    /// Loads the models from `models` and the lexicon from `relations`.
    pub fn load(models: &Path, relations: &Path) -> Result<Self, ExtractError> {
        Ok(Self::new(
            Pipeline::load(models)?,
            RelationLexicon::load(relations)?,
        ))
    }

    /// Loads the models and the relation lexicon: a models directory's
    /// lexicon is `relations.tsv` beside it when there is one.
    pub fn from_models(models: &Models) -> Result<Self, ExtractError> {
        let lexicon = match models {
            Models::Dir(dir) => lexicon::beside(dir),
            Models::Bundled => None,
        };
        Ok(Self::new(
            Pipeline::from_models(models)?,
            match lexicon {
                Some(path) => RelationLexicon::load(&path)?,
                None => RelationLexicon::bundled(),
            },
        ))
    }

    /// Loads [`Models::from_env`]: the bundled models unless `$KG_MODELS`
    /// names a directory.
    pub fn load_default() -> Result<Self, ExtractError> {
        Self::from_models(&Models::from_env())
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Extracts the facts of a batch of articles, resolving entities across
    /// them (no store: see [`link`] for resolving against one).
    pub fn extract(&self, articles: &[(Article, &str)]) -> Vec<ArticleFacts> {
        let readings = articles
            .iter()
            .map(|(article, text)| self.read(article, text))
            .collect();
        link(readings, &Known::none(), self.pipeline.countries()).articles
    }

    /// Stage 1: what `text` says, with mentions unresolved.
    pub fn read(&self, article: &Article, text: &str) -> Reading {
        let doc = self.pipeline.annotate(text, None);
        let furniture = boilerplate::boilerplate(text);
        let mut reader = ArticleReader {
            lexicon: &self.lexicon,
            doc: &doc,
            text,
            mentions: Mentions::new(self.pipeline.countries()),
            links: Vec::new(),
            aliases: Vec::new(),
            claims: Vec::new(),
            sentences: Vec::new(),
            in_quote: false,
        };
        for (i, sentence) in doc.sentences.iter().enumerate() {
            if boilerplate::overlaps(&furniture, sentence.span.start..sentence.span.end) {
                reader.names_only(i, sentence);
            } else {
                reader.sentence(i, sentence);
            }
        }
        Reading {
            article: article.clone(),
            mentions: reader.mentions.list,
            links: reader.links,
            aliases: reader.aliases,
            claims: reader.claims,
            sentences: reader.sentences,
        }
    }

    /// The propositions of `text` in CaRB's tabbed format (see [`carb`]);
    /// `pretokenized` text has one sentence per line, tokens separated by
    /// spaces.
    pub fn carb(&self, text: &str, pretokenized: bool) -> String {
        let doc = if pretokenized {
            self.pipeline.annotate_pretokenized(text, None)
        } else {
            self.pipeline.annotate(text, None)
        };
        carb::write(&doc, text)
    }
}

/// How a sentence commits to what a proposition says, shared by the facts
/// it yields.
struct Stance {
    modality: Modality,
    speaker: Option<usize>,
    /// Index of the sentence in [`Reading::sentences`].
    slot: usize,
}

/// Builds the [`Reading`] of one article, sentence by sentence.
struct ArticleReader<'a> {
    lexicon: &'a RelationLexicon,
    doc: &'a Document,
    text: &'a str,
    mentions: Mentions<'a>,
    links: Vec<Link>,
    aliases: Vec<(usize, String)>,
    claims: Vec<Claim>,
    sentences: Vec<SentenceText>,
    /// Whether a quotation is open at the end of the last sentence.
    in_quote: bool,
}

impl ArticleReader<'_> {
    /// Boilerplate ("Read also: in the Panshir valley, ...") states no fact,
    /// but the names in it are names of the entities.
    fn names_only(&mut self, index: usize, sentence: &Sentence) {
        let tree = Tree::new(sentence, self.text);
        let entities = entities_of(self.doc, index);
        self.mentions.add_names(&tree, &entities);
    }

    fn sentence(&mut self, index: usize, sentence: &Sentence) {
        let tree = Tree::new(sentence, self.text);
        let entities = entities_of(self.doc, index);
        let roles_before = self.mentions.roles.len();
        let named = self.mentions.add_entities(&tree, &entities, index);
        let slot = self.sentences.len();
        self.sentences.push(SentenceText {
            text: sentence.span.text(self.text).unwrap_or("").to_string(),
            start: sentence.span.char_start,
            end: sentence.span.char_end,
        });
        self.role_claims(roles_before, slot);
        let has_verb = sentence
            .tokens
            .iter()
            .any(|t| matches!(t.upos, Upos::Verb | Upos::Aux));
        if !has_verb {
            // Headlines and captions: "Afghanistan: Armed resistance to ...".
            return;
        }
        let quoted = self.quoted_tokens(&tree);
        let propositions = clause::propositions(&tree);
        self.update_speaker(&tree, &propositions, &named, index, sentence);
        self.mentions.note_plural_subjects(&tree);
        for p in &propositions {
            self.proposition(&tree, p, &named, index, slot, &quoted);
        }
    }

    /// First-person pronouns in a quotation refer to its speaker: the
    /// speaker named in this sentence, or the previous one's while a
    /// quotation stays open.
    fn update_speaker(
        &mut self,
        tree: &Tree,
        propositions: &[Proposition],
        named: &[(usize, std::ops::Range<usize>)],
        index: usize,
        sentence: &Sentence,
    ) {
        let speaker = propositions
            .iter()
            .find_map(|p| p.speaker.clone())
            .and_then(|arg| match self.mentions.denote(tree, &arg, named, index) {
                Denotation::Mention(m) if self.mentions.list[m].kind != EntityType::Concept => {
                    Some(m)
                }
                _ => None,
            });
        let text = sentence.span.text(self.text).unwrap_or("");
        let quoted = text.contains(['“', '”', '"']);
        self.mentions.speaker = speaker.or(if quoted { self.mentions.speaker } else { None });
    }

    fn role_claims(&mut self, from: usize, slot: usize) {
        let roles: Vec<_> = self.mentions.roles[from..].to_vec();
        for role in roles {
            let position = self.mentions.list[role.mention].position;
            if !role.role.is_empty() {
                let concept = self.concept(&role.role, position);
                let relation = if self.mentions.list[role.mention].kind == EntityType::Person {
                    "has_role"
                } else {
                    "instance_of"
                };
                self.push_claim(role.mention, concept, relation, &role.role, slot, 0.8);
            }
            if let Some(country) = role.country {
                self.push_nationality(role.mention, &country, position, slot);
            }
        }
    }

    /// `mention` is of `country` ("Afghan", "Pakistan" before or in its
    /// description); places are not ("the Afghan province").
    fn push_nationality(&mut self, mention: usize, country: &str, position: usize, slot: usize) {
        if self.mentions.list[mention].kind == EntityType::Place {
            return;
        }
        let place = self.mentions.country(country, position);
        self.push_claim(mention, place, "nationality", "", slot, 0.7);
    }

    fn concept(&mut self, label: &str, position: usize) -> usize {
        self.mentions.list.push(Mention {
            article: 0,
            position,
            name: label.to_string(),
            title: None,
            kind: EntityType::Concept,
        });
        self.mentions.list.len() - 1
    }

    fn push_claim(
        &mut self,
        subject: usize,
        object: usize,
        relation: &str,
        surface: &str,
        slot: usize,
        confidence: f64,
    ) {
        self.claims.push(Claim {
            subject,
            object,
            relation: relation.to_string(),
            surface: surface.to_string(),
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            confidence,
            qualifiers: Qualifiers::default(),
            speaker: None,
            sentence: slot,
        });
    }

    /// Which tokens are inside quotation marks; a quotation may run on
    /// from the previous sentence.
    fn quoted_tokens(&mut self, tree: &Tree) -> Vec<bool> {
        let mut inside = self.in_quote;
        let quoted = (0..tree.len())
            .map(|i| {
                match tree.word(i) {
                    "“" | "``" => inside = true,
                    "”" | "''" => inside = false,
                    "\"" => inside = !inside,
                    _ => return inside,
                }
                false
            })
            .collect();
        self.in_quote = inside;
        quoted
    }

    fn proposition(
        &mut self,
        tree: &Tree,
        p: &Proposition,
        named: &[(usize, std::ops::Range<usize>)],
        index: usize,
        slot: usize,
        quoted: &[bool],
    ) {
        let Some(object) = &p.object else { return };
        // Facts are about entities; "the resistance is verbal" is not one.
        let subjects: Vec<usize> = self
            .mentions
            .denote(tree, &p.subject, named, index)
            .mentions()
            .into_iter()
            .filter(|&s| self.mentions.list[s].kind != EntityType::Concept)
            .collect();
        if subjects.is_empty() {
            return;
        }
        if ALIAS_KEYS.contains(&p.relation.key.as_str()) {
            let alias = alias_text(tree, object.head);
            if !alias.is_empty() {
                self.aliases
                    .extend(subjects.iter().map(|&s| (s, alias.clone())));
            }
            return;
        }
        // Quoted words are the speaker's, not the article's.
        let in_quote = quoted.get(p.relation.head) == Some(&true);
        let modality = match p.modality {
            Modality::Asserted if in_quote => Modality::Reported,
            m => m,
        };
        let speaker = match &p.speaker {
            Some(arg) => match self.mentions.denote(tree, arg, named, index) {
                Denotation::Mention(m) if self.mentions.list[m].kind != EntityType::Concept => {
                    Some(m)
                }
                _ => None,
            },
            None if in_quote => self.mentions.speaker,
            None => None,
        };
        let mut objects = self.mentions.denote(tree, object, named, index).mentions();
        if p.pattern == Pattern::Apposition
            && objects.iter().any(|o| subjects.contains(o))
            && is_titled_apposition(tree, object.head, p.subject.head)
        {
            // "the Russian foreign minister, Sergei Lavrov": the noun denotes
            // the name in apposition to it, but is that name's description.
            let position = tree.tokens[object.head].span.char_start;
            objects = mention::concept_label(tree, object)
                .map(|label| self.concept(&label, position))
                .into_iter()
                .collect();
        }
        let stance = Stance {
            modality,
            speaker,
            slot,
        };
        for &s in &subjects {
            for &o in &objects {
                self.claim(tree, p, s, o, &stance);
            }
        }
    }

    /// The fact (if any) that proposition `p` states about subject mention
    /// `s` and object mention `o`.
    fn claim(&mut self, tree: &Tree, p: &Proposition, s: usize, o: usize, stance: &Stance) {
        let Some(object) = &p.object else { return };
        let mut o = o;
        let is_description = matches!(p.relation.key.as_str(), "is" | "be");
        if is_description && clause::KINSHIP_NOUNS.contains(&tree.lemma(object.head)) {
            // "Massoud's son" gave son_of; "son" is no role.
            return;
        }
        if is_description && let Some(key) = relational_key(tree, object.head) {
            // "son of X" already gave son_of and "head of X" head_of; a
            // "professor at X" still has the role "professor".
            let canonical = self.lexicon.canonical(&key);
            if KINSHIP.contains(&canonical) || matches!(canonical, "head_of" | "member_of") {
                return;
            }
            let noun = tree.lemma(object.head).to_lowercase();
            o = self.concept(&noun, self.mentions.list[o].position);
        }
        let object_is_entity = self.mentions.list[o].kind != EntityType::Concept;
        // "has no official position": the object's "no" negates the fact.
        let polarity = match (p.polarity, tree.is_negated(object.head)) {
            (Polarity::Positive, true) => Polarity::Negative,
            (polarity, _) => polarity,
        };
        if is_description && !object_is_entity && polarity == Polarity::Positive {
            o = self.nationality_from_description(tree, object, s, o, stance.slot);
        }
        let relation = match p.relation.key.as_str() {
            "is" | "be" if object_is_entity => {
                if polarity == Polarity::Positive && p.pattern == Pattern::Apposition {
                    self.links.push(Link::Same(s, o));
                }
                return;
            }
            "is" | "be" => {
                if self.mentions.list[s].kind == EntityType::Person {
                    "has_role"
                } else {
                    "instance_of"
                }
            }
            // "Lund University in Sweden": where an organization or place is.
            "in" if p.pattern == Pattern::RelationalNoun => {
                let (subject, object) = (&self.mentions.list[s], &self.mentions.list[o]);
                if object.kind != EntityType::Place || subject.kind == EntityType::Person {
                    return;
                }
                "located_in"
            }
            "of" if !object_is_entity || self.mentions.list[o].kind == EntityType::Place => {
                return;
            }
            key => self.lexicon.canonical(key),
        }
        .to_string();
        if relation == "say" && !object_is_entity {
            // What was said is the reported facts themselves (their modality
            // and speaker), not a "said → concept" edge.
            return;
        }
        if KINSHIP.contains(&relation.as_str()) {
            self.links.push(Link::Different(s, o));
        }
        let mut confidence = p.pattern.confidence();
        if matches!(tree.upos(p.subject.head), Upos::Pron | Upos::Noun) {
            // Reached through coreference.
            confidence -= 0.1;
        }
        if !object_is_entity {
            confidence -= 0.05;
        }
        let surface = tree.words(&p.relation.tokens);
        self.claims.push(Claim {
            subject: s,
            object: o,
            relation,
            surface,
            polarity,
            modality: stance.modality,
            confidence,
            qualifiers: self.qualifiers(tree, p),
            speaker: stance.speaker,
            sentence: stance.slot,
        });
    }

    /// "Sergei Lavrov, the Russian foreign minister": a country named in
    /// the description of `s` is its nationality, and the role is the
    /// rest, "foreign minister". Returns the description mention to use
    /// instead of `description`.
    fn nationality_from_description(
        &mut self,
        tree: &Tree,
        object: &clause::Arg,
        s: usize,
        description: usize,
        slot: usize,
    ) -> usize {
        if self.mentions.list[s].kind == EntityType::Place {
            return description;
        }
        let Some((token, country)) = self.mentions.country_modifier(tree, object.head) else {
            return description;
        };
        let position = self.mentions.list[description].position;
        self.push_nationality(s, &country, position, slot);
        match mention::concept_label_without(tree, object, Some(token)) {
            Some(label) => self.concept(&label, position),
            None => description,
        }
    }

    /// Time of the fact: a date or interval that hangs off the predicate
    /// without crossing into another clause ("killed ... on September 10,
    /// 2001"; "head of intelligence from 2004 to 2010"). Dates with an
    /// unknown year are left out.
    fn qualifiers(&self, tree: &Tree, p: &Proposition) -> Qualifiers {
        let mut q = Qualifiers::default();
        let mention = self.doc.temporal.iter().find(|t| {
            t.value.as_ref().is_some_and(|v| !v.iso().contains('X'))
                && token_at(tree, t.start).is_some_and(|i| governs(tree, p.relation.head, i))
        });
        match mention.and_then(|m| m.value.as_ref()) {
            Some(TemporalValue::Interval { start, end }) => {
                q.start = start.map(|d| d.to_string());
                q.end = end.map(|d| d.to_string());
            }
            Some(v @ (TemporalValue::Date(_) | TemporalValue::Time { .. })) => {
                q.time = Some(v.iso());
            }
            _ => {}
        }
        q
    }
}

/// "the foreign minister, Sergei Lavrov": a title noun set off from the
/// name by a comma. Without the comma ("the famous commander Massoud") the
/// title is a premodifier, already a role; other nouns ("by The world, Mr.
/// Saleh", a translated newspaper name) are too often not a role at all.
fn is_titled_apposition(tree: &Tree, noun: usize, name: usize) -> bool {
    let (first, last) = (noun.min(name), noun.max(name));
    mention::is_title_word(&tree.lower(noun)) && (first + 1..last).any(|t| tree.is_punct(t))
}

/// The token of `tree` that starts at byte `start`.
fn token_at(tree: &Tree, start: usize) -> Option<usize> {
    tree.tokens.iter().position(|t| t.span.start == start)
}

/// Whether `head` dominates `i` through nominal and oblique attachments
/// only (no clause boundary in between).
fn governs(tree: &Tree, head: usize, mut i: usize) -> bool {
    use crate::nlp::parser::DepRel::*;
    for _ in 0..tree.len() {
        if i == head {
            return true;
        }
        if matches!(
            tree.rel(i),
            Acl | AclRelcl | Advcl | Ccomp | Xcomp | Conj | Parataxis | Appos | Nsubj | Obj
        ) {
            return false;
        }
        match tree.head(i) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

/// The relation key of a relational noun use ("son of X" → `son_of`), if
/// the noun has an "of/at/..." complement.
fn relational_key(tree: &Tree, noun: usize) -> Option<String> {
    tree.children_with(noun, crate::nlp::parser::DepRel::Nmod)
        .find_map(|m| tree.case_marker(m))
        .map(|prep| format!("{}_{prep}", tree.lemma(noun).to_lowercase()))
}

/// Relation keys that give another name of the subject.
const ALIAS_KEYS: &[&str] = &[
    "be_known_as",
    "be_called",
    "be_nicknamed",
    "be_dubbed",
    "know_as",
];

/// An alias as written, without determiners, quotes and edge punctuation:
/// "the “lion of Panchir”" → "lion of Panchir".
fn alias_text(tree: &Tree, head: usize) -> String {
    let own_case = |t: usize| tree.head(t) == Some(head) && tree.rel(t) == DepRel::Case;
    let words: Vec<usize> = tree
        .subtree(head)
        .into_iter()
        .filter(|&t| !tree.is_punct(t) && !own_case(t))
        .skip_while(|&t| tree.upos(t) == Upos::Det)
        .collect();
    tree.words(&words)
}

/// The recognized entities of sentence `index`.
fn entities_of(doc: &Document, index: usize) -> Vec<&crate::nlp::pipeline::Entity> {
    doc.entities
        .iter()
        .filter(|e| e.sentence == index)
        .collect()
}

/// Stage 2: resolves the mentions of all `readings` to entities (merging
/// with `known` ones) and turns their claims into facts, one
/// [`ArticleFacts`] per reading, in order.
pub fn link(readings: Vec<Reading>, known: &Known<'_>, countries: &CountryLexicon) -> LinkedBatch {
    let (mentions, links, bases) = batch_mentions(&readings);
    let mut resolution = resolve::resolve(&mentions, &links, known, countries);
    let mut views = article_views(&resolution, readings.len());
    for (a, (r, &base)) in readings.iter().zip(&bases).enumerate() {
        for (m, alias) in &r.aliases {
            let e = resolution.of_mention[base + m];
            let entity = &mut resolution.entities[e];
            if *alias != entity.label && !entity.aliases.contains(alias) {
                entity.aliases.push(alias.clone());
                entity.aliases.sort();
            }
            if let Some(view) = views[a].iter_mut().find(|v| v.key == entity.key)
                && *alias != view.label
                && !view.aliases.contains(alias)
            {
                view.aliases.push(alias.clone());
                view.aliases.sort();
            }
        }
    }
    let merges = resolution
        .absorbed
        .iter()
        .zip(&resolution.entities)
        .flat_map(|(absorbed, entity)| {
            absorbed.iter().map(|&k| Merge {
                absorbed: known.entities[k].key.clone(),
                survivor: entity.key.clone(),
            })
        })
        .collect();
    let articles = readings
        .into_iter()
        .zip(bases)
        .zip(views)
        .map(|((reading, base), entities)| {
            let entity = |m: usize| &resolution.entities[resolution.of_mention[base + m]];
            let facts = facts_of(&reading, entity);
            let different = different_of(&reading, entity);
            ArticleFacts {
                article: reading.article,
                facts,
                entities,
                different,
            }
        })
        .collect();
    LinkedBatch { articles, merges }
}

/// The mentions and links of all readings, numbered as one batch, and the
/// index of each reading's first mention.
fn batch_mentions(readings: &[Reading]) -> (Vec<Mention>, Vec<Link>, Vec<usize>) {
    let mut mentions = Vec::new();
    let mut links = Vec::new();
    let mut bases = Vec::new();
    for (a, r) in readings.iter().enumerate() {
        let base = mentions.len();
        bases.push(base);
        mentions.extend(
            r.mentions
                .iter()
                .cloned()
                .map(|m| Mention { article: a, ..m }),
        );
        links.extend(r.links.iter().map(|l| match *l {
            Link::Same(x, y) => Link::Same(base + x, base + y),
            Link::Different(x, y) => Link::Different(base + x, base + y),
        }));
    }
    (mentions, links, bases)
}

/// The mentions of every reading, numbered as one batch: what a store's
/// resolution index is searched with before [`link`].
pub fn batch_lookup_keys(readings: &[Reading], countries: &CountryLexicon) -> Vec<String> {
    let (mentions, _, _) = batch_mentions(readings);
    resolve::lookup_keys(&mentions, countries)
}

/// Per article, the entities it mentions as it names them, in order of
/// first mention.
fn article_views(resolution: &resolve::Resolution, articles: usize) -> Vec<Vec<Entity>> {
    let mut out: Vec<Vec<Entity>> = vec![Vec::new(); articles];
    for (entity, views) in resolution.entities.iter().zip(&resolution.views) {
        for view in views {
            out[view.article].push(Entity {
                key: entity.key.clone(),
                label: view.label.clone(),
                kind: view.kind,
                aliases: view
                    .names
                    .iter()
                    .filter(|n| **n != view.label)
                    .cloned()
                    .collect(),
            });
        }
    }
    out
}

/// The pairs of entities a reading keeps apart, by key, each pair once.
fn different_of<'e>(
    reading: &Reading,
    entity: impl Fn(usize) -> &'e Entity,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = reading
        .links
        .iter()
        .filter_map(|link| match *link {
            Link::Different(a, b) => {
                let (a, b) = (&entity(a).key, &entity(b).key);
                (a != b).then(|| {
                    if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    }
                })
            }
            Link::Same(..) => None,
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The facts of one reading, identical statements merged (their evidence
/// kept), self-loops dropped.
fn facts_of<'e>(reading: &Reading, entity: impl Fn(usize) -> &'e Entity) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    let mut index: HashMap<(String, String, String, bool, &'static str), usize> = HashMap::new();
    for claim in &reading.claims {
        let subject = entity(claim.subject);
        let object = entity(claim.object);
        if subject.key == object.key {
            continue;
        }
        let sentence = &reading.sentences[claim.sentence];
        let evidence = Evidence {
            article: reading.article.id.clone(),
            sentence: sentence.text.clone(),
            start: sentence.start,
            end: sentence.end,
            surface: (!claim.surface.is_empty() && claim.surface != claim.relation)
                .then(|| claim.surface.clone()),
            speaker: claim.speaker.map(|m| entity(m).clone()),
        };
        let key = (
            subject.key.clone(),
            claim.relation.clone(),
            object.key.clone(),
            claim.polarity == Polarity::Positive,
            claim.modality.name(),
        );
        if let Some(&i) = index.get(&key) {
            let fact = &mut facts[i];
            fact.confidence = fact.confidence.max(claim.confidence);
            if !fact.evidence.contains(&evidence) {
                fact.evidence.push(evidence);
            }
            merge_qualifiers(&mut fact.qualifiers, &claim.qualifiers);
            continue;
        }
        index.insert(key, facts.len());
        facts.push(Fact {
            subject: subject.clone(),
            predicate: Relation {
                key: claim.relation.clone(),
                label: claim.relation.clone(),
            },
            object: FactObject::Entity(object.clone()),
            polarity: claim.polarity,
            modality: claim.modality,
            confidence: (claim.confidence * 100.0).round() / 100.0,
            qualifiers: claim.qualifiers.clone(),
            evidence: vec![evidence],
        });
    }
    facts
}

fn merge_qualifiers(into: &mut Qualifiers, from: &Qualifiers) {
    into.start = into.start.take().or_else(|| from.start.clone());
    into.end = into.end.take().or_else(|| from.end.clone());
    into.time = into.time.take().or_else(|| from.time.clone());
}
