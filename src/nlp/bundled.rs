//! The models and data files this build was made with, compiled into the
//! binary, so that an installed or copied `kg` extracts without its source
//! checkout. `--models DIR` / `KG_MODELS` load others instead.

macro_rules! data_file {
    ($path:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $path)
    };
}

pub const TAGGER: &[u8] = include_bytes!(data_file!("models/tagger.bin"));
pub const PARSER: &[u8] = include_bytes!(data_file!("models/parser.bin"));
pub const NER: &[u8] = include_bytes!(data_file!("models/ner.bin"));
/// Demonyms and capitals (`data/countries.tsv`).
pub const COUNTRIES: &str = include_str!(data_file!("countries.tsv"));
/// The relation lexicon (`data/relations.tsv`).
pub const RELATIONS: &str = include_str!(data_file!("relations.tsv"));
