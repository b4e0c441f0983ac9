//! The shipped models, loaded once for all tests.

use kg::nlp::Pipeline;
use kg::nlp::pipeline::default_models_dir;
use std::sync::OnceLock;

/// The pipeline over `data/models` (or `$KG_MODELS`).
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let dir = default_models_dir();
        Pipeline::load(&dir)
            .unwrap_or_else(|e| panic!("loading models from {}: {e}", dir.display()))
    })
}

/// The models compiled into the binary are the files in `data/models`:
/// both annotate the sample articles alike.
#[test]
fn bundled_models_are_those_of_data_models() {
    let bundled = Pipeline::bundled().expect("bundled models load");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/models");
    let files = Pipeline::load(&dir).unwrap();
    let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let mut compared = 0;
    for entry in std::fs::read_dir(articles).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (a, b) = (bundled.annotate(&text, None), files.annotate(&text, None));
        assert_eq!(a.to_conllu(&text), b.to_conllu(&text));
        assert!(a.token_count() > 100);
        compared += 1;
    }
    assert_eq!(compared, 2);
}
