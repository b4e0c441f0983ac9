//! The NLP pipeline: text → annotated document. Each stage is its own module
//! and works on byte spans of the original text, so every later stage can
//! point back into the article.

pub mod sentence;
pub mod tokenize;
