//! Raw input → text: the first stage of the data flow. Today it decodes
//! a file's bytes ([`decode`]); reading web pages, feeds and crawls belongs
//! here too.

pub mod decode;

pub use decode::{Decoded, Detection, NotText, decode};
