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
