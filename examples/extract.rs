//! Extract facts from a string and print them as JSON Lines.
//!
//! `cargo run --release --example extract`

use kg::extract::FactExtractor;
use kg::fact_output::FactLine;
use kg::model::Article;
use kg::vocab::Iris;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The bundled models (data/models) and relation lexicon (data/relations.tsv).
    let extractor = FactExtractor::load_default()?;
    let text = "Amrullah Saleh vowed not to surrender to the Taliban and withdrew to the Panshir \
                valley. Ahmad Massoud, son of commander Massoud, called for international support. \
                The Taliban surround Pansir.";
    let article = Article {
        id: "example".into(),
        source_path: "example.txt".into(),
        title: "Example".into(),
        sha256: String::new(),
    };
    // One batch: entities are resolved across every article given together.
    let extracted = extractor.extract(&[(article, text)]);
    let iris = Iris::default();
    for fact in &extracted[0].facts {
        println!("{}", FactLine::new(&iris, fact).to_json());
    }
    assert!(
        extracted[0]
            .facts
            .iter()
            .any(|f| f.predicate.key == "son_of"),
        "the example text states a son_of fact"
    );
    Ok(())
}
