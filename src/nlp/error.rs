//! The one error type of the NLP pipeline.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a malformed input line is: the file when known, and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: Option<PathBuf>,
    pub line: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{}:{}", file.display(), self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// Every failure of loading, reading, training or saving.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("{}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("not a {expected} model file (bad magic bytes)")]
    BadMagic { expected: &'static str },
    #[error(
        "{model} model format version {found} is not supported (expected {expected}); retrain the model"
    )]
    ModelVersion {
        model: &'static str,
        found: u32,
        expected: u32,
    },
    #[error("corrupt model payload: {0}")]
    ModelDecode(#[from] postcard::Error),
    #[error("corrupt model: {0}")]
    CorruptModel(&'static str),
    /// Malformed annotated data (CoNLL-U, CoNLL-2003, the lexicon TSV).
    #[error("{format} {location}: {message}")]
    Parse {
        format: &'static str,
        location: Location,
        message: String,
    },
    #[error("invalid document: {0}")]
    InvalidDocument(&'static str),
    #[error("training data contains no tokens")]
    NoTrainingData,
    #[error("invalid setting: {0}")]
    InvalidSetting(&'static str),
    #[error("training sentence {sentence}: {message}")]
    InvalidTrainingData { sentence: usize, message: String },
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("models directory not found: {0}")]
    ModelsDir(PathBuf),
}

impl NlpError {
    /// An I/O error on `path`.
    pub fn file(path: &Path, source: std::io::Error) -> Self {
        NlpError::File {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A parse error at `line` of an unnamed input.
    pub(crate) fn parse(format: &'static str, line: usize, message: impl Into<String>) -> Self {
        NlpError::Parse {
            format,
            location: Location { file: None, line },
            message: message.into(),
        }
    }

    /// Attaches the file name to a parse error (other errors pass through).
    pub(crate) fn in_file(self, path: &Path) -> Self {
        match self {
            NlpError::Parse {
                format,
                location,
                message,
            } => NlpError::Parse {
                format,
                location: Location {
                    file: Some(path.to_path_buf()),
                    line: location.line,
                },
                message,
            },
            NlpError::Io(source) => NlpError::file(path, source),
            other => other,
        }
    }

    /// The line of a parse error, if this is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            NlpError::Parse { location, .. } => Some(location.line),
            _ => None,
        }
    }
}

/// Reads a whole text file, naming it in the error.
pub(crate) fn read_text(path: &Path) -> Result<String, NlpError> {
    std::fs::read_to_string(path).map_err(|e| NlpError::file(path, e))
}
