//! The RDF vocabulary of a `kg` graph: every IRI the library writes or reads by
//! name is defined here, so the data model documented in the README has exactly
//! one home in the code.
//!
//! Two kinds of IRIs exist:
//! - **vocabulary terms** (`kg:Concept`, `kg:evidence`, `schema:Person`, ...) are
//!   fixed: queries written against one store work on every other;
//! - **resource IRIs** (entities, relations, articles, facts, evidence) are minted
//!   under a configurable base by [`Iris`].

use oxigraph::model::{NamedNode, NamedNodeRef};
use sha2::{Digest, Sha256};

/// Namespace of the project's own terms.
pub const KG: &str = "https://kg.example/ns#";
/// Default base under which resource IRIs are minted (`--base`).
pub const DEFAULT_BASE: &str = "https://kg.example/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SCHEMA: &str = "http://schema.org/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// Prefixes used when printing IRIs and writing Turtle/TriG, and prepended to
/// user SPARQL so that `kg:` and friends work without declarations.
pub const PREFIXES: [(&str, &str); 9] = [
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("schema", SCHEMA),
    ("skos", SKOS),
    ("kg", KG),
    ("owl", OWL),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("dcterms", "http://purl.org/dc/terms/"),
];

/// Declares a `NamedNodeRef` constant for a term of a namespace.
macro_rules! terms {
    ($($(#[$doc:meta])* $name:ident = $ns:literal $local:literal;)*) => {
        $($(#[$doc])* pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

terms! {
    RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "type";
    RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "Statement";
    RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "subject";
    RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "predicate";
    RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "object";
    RDF_PROPERTY = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" "Property";
    RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#" "label";
    SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#" "altLabel";
    SCHEMA_NAME = "http://schema.org/" "name";
    SCHEMA_PERSON = "http://schema.org/" "Person";
    SCHEMA_ORGANIZATION = "http://schema.org/" "Organization";
    SCHEMA_PLACE = "http://schema.org/" "Place";
    SCHEMA_EVENT = "http://schema.org/" "Event";
    SCHEMA_CREATIVE_WORK = "http://schema.org/" "CreativeWork";
    SCHEMA_NEWS_ARTICLE = "http://schema.org/" "NewsArticle";
    SCHEMA_HEADLINE = "http://schema.org/" "headline";
    XSD_DATE_TIME = "http://www.w3.org/2001/XMLSchema#" "dateTime";
    XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#" "integer";
    XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#" "double";
    /// Class of abstract concepts ("presidency", "armed resistance").
    KG_CONCEPT = "https://kg.example/ns#" "Concept";
    /// Class of normalized relations; each is also an `rdf:Property`.
    KG_RELATION = "https://kg.example/ns#" "Relation";
    /// Class of evidence records: one mention of a fact in one sentence.
    KG_EVIDENCE_CLASS = "https://kg.example/ns#" "Evidence";
    /// Links a fact statement (`rdf:Statement`) to its evidence.
    KG_EVIDENCE = "https://kg.example/ns#" "evidence";
    KG_ARTICLE = "https://kg.example/ns#" "article";
    KG_SENTENCE = "https://kg.example/ns#" "sentence";
    /// Character (Unicode scalar) offsets of the sentence in the article text.
    KG_START = "https://kg.example/ns#" "start";
    KG_END = "https://kg.example/ns#" "end";
    KG_CONFIDENCE = "https://kg.example/ns#" "confidence";
    KG_POLARITY = "https://kg.example/ns#" "polarity";
    KG_POSITIVE = "https://kg.example/ns#" "Positive";
    KG_NEGATIVE = "https://kg.example/ns#" "Negative";
    KG_MODALITY = "https://kg.example/ns#" "modality";
    /// The relation phrase as written in the sentence ("works for").
    KG_SURFACE = "https://kg.example/ns#" "surface";
    /// The entity a reported fact is attributed to ("..., said Jill Doronsoro").
    KG_SPEAKER = "https://kg.example/ns#" "speaker";
    KG_START_TIME = "https://kg.example/ns#" "startTime";
    KG_END_TIME = "https://kg.example/ns#" "endTime";
    KG_TIME = "https://kg.example/ns#" "time";
    KG_SOURCE_PATH = "https://kg.example/ns#" "sourcePath";
    KG_SHA256 = "https://kg.example/ns#" "sha256";
    KG_INGESTED_AT = "https://kg.example/ns#" "ingestedAt";
    /// Two entities the text shows to be different people (kinship).
    OWL_DIFFERENT_FROM = "http://www.w3.org/2002/07/owl#" "differentFrom";
    /// The named graph of `kg`'s bookkeeping: the resolution index, the
    /// order articles were written in, and the data model version. Derived
    /// from the article graphs; never part of the knowledge graph.
    KG_INDEX_GRAPH = "https://kg.example/ns#" "index";
    /// The store itself, subject of its bookkeeping facts.
    KG_STORE = "https://kg.example/ns#" "store";
    /// Version of the data model a store was written with.
    KG_DATA_MODEL = "https://kg.example/ns#" "dataModel";
    /// Sequence number the next written article gets.
    KG_NEXT_SEQUENCE = "https://kg.example/ns#" "nextSequence";
    /// Order in which an article was written (smaller: earlier).
    KG_SEQUENCE = "https://kg.example/ns#" "sequence";
    /// The article whose view gives an entity its label and type.
    KG_DEFINED_BY = "https://kg.example/ns#" "definedBy";
    /// A resolution-index key of an entity (see `resolve::keys`).
    KG_NAME_KEY = "https://kg.example/ns#" "nameKey";
}

/// Mints resource IRIs under a base.
///
/// Fact and evidence IRIs are content hashes, so writing the same fact twice,
/// from one article or several, names the same resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE.to_owned(),
        }
    }
}

impl Iris {
    /// Checks that `base` is an absolute IRI that local names can be appended to.
    pub fn new(base: &str) -> Result<Self, crate::Error> {
        let probe = format!("{base}entity/x");
        NamedNode::new(&probe).map_err(|e| crate::Error::BadBase {
            base: base.to_owned(),
            reason: e.to_string(),
        })?;
        if !(base.ends_with('/') || base.ends_with('#') || base.ends_with(':')) {
            return Err(crate::Error::BadBase {
                base: base.to_owned(),
                reason: "it must end with '/', '#' or ':'".into(),
            });
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn entity(&self, key: &str) -> NamedNode {
        self.mint("entity/", &slug(key))
    }

    pub fn relation(&self, key: &str) -> NamedNode {
        self.mint("relation/", &slug(key))
    }

    pub fn article(&self, id: &str) -> NamedNode {
        self.mint("article/", &slug(id))
    }

    /// The statement node of a fact, shared by every article that states it.
    pub fn fact(&self, subject: &str, predicate: &str, object: &str) -> NamedNode {
        self.mint("fact/", &short_hash(&[subject, predicate, object]))
    }

    pub fn evidence(&self, parts: &[&str]) -> NamedNode {
        self.mint("evidence/", &short_hash(parts))
    }

    /// The article id of an article IRI minted by this base, if it is one.
    pub fn article_id<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(&self.base)?.strip_prefix("article/")
    }

    /// The key of an entity IRI minted by this base, if it is one.
    pub fn entity_key<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(&self.base)?.strip_prefix("entity/")
    }

    fn mint(&self, kind: &str, local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{kind}{local}", self.base))
    }
}

/// An IRI-safe local name: letters and digits kept (any script), runs of
/// anything else become one `_`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches(['_', '.']).to_owned();
    if out.is_empty() { "_".to_owned() } else { out }
}

/// First 16 hex digits of the SHA-256 of the parts, separated by NUL so that
/// ("ab", "c") and ("a", "bc") differ.
fn short_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize()[..8])
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes an IRI in the shortest readable form: `prefix:local` when a known
/// prefix (or the base, as `:`) covers it and the local part is simple.
pub fn compact_iri(iri: &str, base: Option<&str>) -> String {
    let known = PREFIXES.iter().map(|(p, ns)| (*p, *ns));
    let candidates = base.map(|b| ("", b)).into_iter().chain(known);
    for (prefix, ns) in candidates {
        if let Some(local) = iri.strip_prefix(ns) {
            let simple = !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
            if simple && !local.ends_with('.') {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_letters_of_any_script_and_collapses_the_rest() {
        assert_eq!(slug("Amrullah Saleh"), "Amrullah_Saleh");
        assert_eq!(slug("  Al-Qaida "), "Al-Qaida");
        assert_eq!(slug("Ahmad Shah Massoud's"), "Ahmad_Shah_Massoud_s");
        assert_eq!(slug("Ğazni / Kabul"), "Ğazni_Kabul");
        assert_eq!(slug("???"), "_");
    }

    #[test]
    fn fact_iris_depend_on_all_three_parts() {
        let iris = Iris::default();
        let a = iris.fact("a", "b", "c");
        assert_eq!(a, iris.fact("a", "b", "c"));
        assert_ne!(a, iris.fact("ab", "", "c"));
        assert_ne!(a, iris.fact("c", "b", "a"));
    }

    #[test]
    fn base_must_be_absolute_and_end_with_a_separator() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("urn:kg:").is_ok());
        assert!(Iris::new("https://example.org/kg").is_err());
        assert!(Iris::new("not an iri/").is_err());
    }

    #[test]
    fn article_id_inverts_article_iri() {
        let iris = Iris::default();
        let iri = iris.article("000_abc");
        assert_eq!(iris.article_id(iri.as_str()), Some("000_abc"));
        assert_eq!(iris.article_id("http://elsewhere/article/x"), None);
    }

    #[test]
    fn compact_iri_uses_prefixes_only_for_simple_locals() {
        assert_eq!(
            compact_iri(&format!("{SCHEMA}Person"), None),
            "schema:Person"
        );
        assert_eq!(
            compact_iri("https://kg.example/entity/Saleh", Some(DEFAULT_BASE)),
            ":entity/Saleh"
        );
        assert_eq!(compact_iri("http://x.org/a b", None), "<http://x.org/a b>");
    }
}
