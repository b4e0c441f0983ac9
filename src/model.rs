//! What extraction produces and the store records: articles, entities,
//! relations and facts with their evidence. Plain data, independent of RDF;
//! [`crate::store::mapping`] turns it into quads.

use serde::{Deserialize, Serialize};

/// The kind of thing an entity is; each maps to one RDF class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Person,
    Organization,
    Place,
    Event,
    CreativeWork,
    /// Anything abstract: "presidency", "armed resistance", "Sharia law".
    Concept,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        Self::Person,
        Self::Organization,
        Self::Place,
        Self::Event,
        Self::CreativeWork,
        Self::Concept,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Organization => "Organization",
            Self::Place => "Place",
            Self::Event => "Event",
            Self::CreativeWork => "CreativeWork",
            Self::Concept => "Concept",
        }
    }
}

/// A resolved entity: one node of the graph, with every name it was seen under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable key from which the entity IRI is minted ("Amrullah_Saleh").
    pub key: String,
    /// Canonical name.
    pub label: String,
    pub kind: EntityType,
    /// Other names seen for it ("Saleh", "Panchir"); never contains `label`.
    pub aliases: Vec<String>,
}

/// A normalized relation ("son_of"), whatever phrase expressed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// Snake-case key from which the relation IRI is minted.
    pub key: String,
    pub label: String,
}

/// The object of a fact: another entity or a literal value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FactObject {
    Entity(Entity),
    Literal { value: String, datatype: String },
}

/// Whether the text asserts the fact or denies it ("vowed not to surrender").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polarity {
    Positive,
    Negative,
}

/// How the text commits to the fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Modality {
    Asserted,
    /// Attributed to a speaker ("X said that ...").
    Reported,
    /// Under a condition ("if ..., then ...").
    Conditional,
    /// Wanted, planned or attempted, not done ("tried to expand").
    Intended,
}

impl Modality {
    pub fn name(self) -> &'static str {
        match self {
            Self::Asserted => "Asserted",
            Self::Reported => "Reported",
            Self::Conditional => "Conditional",
            Self::Intended => "Intended",
        }
    }
}

/// Time qualifiers the text gives for a fact, as ISO 8601 strings
/// (`2004`, `2001-09-10`, `2021-08-19T10:00:00Z`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualifiers {
    pub start: Option<String>,
    pub end: Option<String>,
    pub time: Option<String>,
}

/// One sentence that states a fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Id of the article (see [`Article::id`]).
    pub article: String,
    pub sentence: String,
    /// Character (Unicode scalar) offsets of the sentence in the article text.
    pub start: usize,
    pub end: usize,
    /// The relation phrase as written ("works for"), when it differs from the label.
    pub surface: Option<String>,
    /// Who the sentence reports the fact from, for reported speech.
    pub speaker: Option<Entity>,
}

/// A (subject, relation, object) statement with everything known about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub subject: Entity,
    pub predicate: Relation,
    pub object: FactObject,
    pub polarity: Polarity,
    pub modality: Modality,
    /// In `0.0..=1.0`.
    pub confidence: f64,
    pub qualifiers: Qualifiers,
    pub evidence: Vec<Evidence>,
}

/// An ingested text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Short stable id, the last segment of the article IRI.
    pub id: String,
    pub source_path: String,
    pub title: String,
    /// Lowercase hex SHA-256 of the text: the key of idempotent ingestion.
    pub sha256: String,
}

/// An article with everything extracted from it: the unit written to the
/// store in one transaction, as one named graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    pub article: Article,
    pub facts: Vec<Fact>,
    /// Every entity the article mentions, as the article itself names and
    /// types it (its own view; the facts carry each entity's canonical
    /// label, type and every alias known).
    pub entities: Vec<Entity>,
    /// Keys of entities the article shows to be different (kinship: "X,
    /// son of Y"), each pair once.
    pub different: Vec<(String, String)>,
}

/// A stored entity that a later batch showed to be another, older one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub absorbed: String,
    pub survivor: String,
}

/// What linking a batch of articles produces: their facts, and the stored
/// entities the batch showed to be one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkedBatch {
    pub articles: Vec<ArticleFacts>,
    pub merges: Vec<Merge>,
}
