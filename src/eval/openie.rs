//! CaRB Open IE benchmark scorer (Bhardwaj, Aggarwal & Mausam, EMNLP 2019).
//!
//! A reimplementation of the official scorer's default mode (`carb.py`
//! with `binary_linient_tuple_match`), written to reproduce its figures:
//! AUC of the precision-recall curve over confidence thresholds and the
//! precision, recall and F1 of the best-F1 point.
//!
//! - [`read`]: gold TSV and tabbed system readers, sentence pairing.
//! - `matcher`: token-overlap score of one gold/system tuple pair.
//! - `score`: per-threshold aggregation, curve, AUC, best F1.
//! - `text`: the Python string semantics CaRB's behaviour depends on.
//!
//! ```
//! use kg::eval::openie::{parse_gold, parse_system, score};
//!
//! let gold = parse_gold("Obama was born in Hawaii .\twas born in\tObama\tHawaii\n".as_bytes(), "gold")?;
//! let system = parse_system("Obama was born in Hawaii .\t0.9\twas born in\tObama\tHawaii\n".as_bytes(), "system")?;
//! let scores = score(&gold, &system);
//! assert_eq!((scores.precision, scores.recall), (1.0, 1.0));
//! # Ok::<(), kg::eval::openie::OpenIeEvalError>(())
//! ```

mod matcher;
pub mod read;
mod score;
mod text;

pub use read::{
    GoldSet, LineProblem, OpenIeEvalError, SystemSet, SystemTuple, Tuple, parse_gold, parse_system,
    read_gold, read_system,
};
pub use score::{OpenIeScores, PrPoint, score};
