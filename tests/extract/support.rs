//! Loading the extractor once and matching facts by name.

use std::sync::OnceLock;

use kg::ask::names::{fold, skeleton};
use kg::extract::FactExtractor;
use kg::model::{Article, ArticleFacts, Entity, Fact, FactObject, Polarity};

pub fn extractor() -> &'static FactExtractor {
    static EXTRACTOR: OnceLock<FactExtractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| FactExtractor::load_default().expect("bundled models load"))
}

pub fn article(id: &str) -> Article {
    Article {
        id: id.to_string(),
        source_path: format!("{id}.txt"),
        title: String::new(),
        sha256: String::new(),
    }
}

/// Facts of one text on its own.
pub fn facts_of(text: &str) -> Vec<Fact> {
    extractor().extract(&[(article("t"), text)]).remove(0).facts
}

/// Both sample articles, resolved together.
pub fn sample_articles() -> &'static [ArticleFacts] {
    static FACTS: OnceLock<Vec<ArticleFacts>> = OnceLock::new();
    FACTS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let texts: Vec<(Article, String)> = files
            .iter()
            .map(|p| {
                let stem = p.file_stem().unwrap().to_str().unwrap();
                (article(&stem[..3]), std::fs::read_to_string(p).unwrap())
            })
            .collect();
        let input: Vec<(Article, &str)> =
            texts.iter().map(|(a, t)| (a.clone(), t.as_str())).collect();
        extractor().extract(&input)
    })
}

/// Whether `entity` is called `name`: label or alias, case- and
/// accent-insensitive, or the same transliteration skeleton for one-word
/// names (Panjshir = Pansir).
pub fn is_called(entity: &Entity, name: &str) -> bool {
    let want = fold(name);
    let names = || std::iter::once(&entity.label).chain(&entity.aliases);
    names().any(|n| fold(n) == want)
        || (!want.contains(' ')
            && names().any(|n| skeleton(&fold(n)).split(' ').any(|w| w == skeleton(&want))))
}

/// Looser match for concept objects: same words, or one label inside the
/// other ("legitimate president" ~ "president").
pub fn object_matches(object: &FactObject, name: &str) -> bool {
    match object {
        FactObject::Entity(e) => {
            is_called(e, name)
                || (e.kind == kg::model::EntityType::Concept && {
                    let (a, b) = (fold(&e.label), fold(name));
                    a.contains(&b) || b.contains(&a)
                })
        }
        FactObject::Literal { value, .. } => fold(value) == fold(name),
    }
}

pub fn find<'a>(
    facts: impl IntoIterator<Item = &'a Fact>,
    subject: &str,
    relation: &str,
    object: &str,
) -> Vec<&'a Fact> {
    facts
        .into_iter()
        .filter(|f| {
            f.predicate.key == relation
                && is_called(&f.subject, subject)
                && object_matches(&f.object, object)
        })
        .collect()
}

pub fn positive(facts: &[&Fact]) -> bool {
    facts.iter().any(|f| f.polarity == Polarity::Positive)
}

pub fn negative(facts: &[&Fact]) -> bool {
    facts.iter().any(|f| f.polarity == Polarity::Negative)
}

/// Asserts that `facts` state (subject, relation, object) positively, listing
/// all facts when not; returns the matching facts.
#[track_caller]
pub fn asserts<'a>(
    facts: &'a [Fact],
    subject: &str,
    relation: &str,
    object: &str,
) -> Vec<&'a Fact> {
    let found = find(facts, subject, relation, object);
    assert!(
        positive(&found),
        "no ({subject}, {relation}, {object}) in {facts:#?}"
    );
    found
}

/// Asserts that `facts` deny (subject, relation, object), listing all facts
/// when not.
#[track_caller]
pub fn denies(facts: &[Fact], subject: &str, relation: &str, object: &str) {
    let found = find(facts, subject, relation, object);
    assert!(
        negative(&found),
        "no negated ({subject}, {relation}, {object}) in {facts:#?}"
    );
}

/// The entity a fact's object is (panics for a literal).
#[track_caller]
pub fn object_entity(fact: &Fact) -> &Entity {
    match &fact.object {
        FactObject::Entity(e) => e,
        FactObject::Literal { value, .. } => panic!("object is the literal {value:?}"),
    }
}
