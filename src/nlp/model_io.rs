//! Binary model container shared by all models: 8 magic bytes, a
//! little-endian u32 format version, then a postcard payload. The header
//! lets a wrong or outdated file fail with a clear message instead of a
//! confusing decode error.
//!
//! Also the delta encoding of sorted hash keys used inside payloads: varints
//! then spend ~7 bytes per key instead of 10.

use crate::nlp::NlpError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{Read, Write};
use std::path::Path;

/// Identifies one kind of model file and its current format version.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    pub name: &'static str,
    pub magic: [u8; 8],
    pub version: u32,
}

/// A model stored in one file: a [`Format`] header and a serialized form.
/// Implementors only say how to convert to and from that form; saving and
/// loading (from readers or paths) are shared.
pub trait ModelFile: Sized {
    const FORMAT: Format;
    /// What is written (usually borrows from the model).
    type Saved<'a>: Serialize
    where
        Self: 'a;
    /// What is read back (owned; validated by [`ModelFile::from_loaded`]).
    type Loaded: DeserializeOwned;

    fn to_saved(&self) -> Self::Saved<'_>;

    /// Validates a decoded payload and builds the lookup tables; a corrupt
    /// payload is an error, never a later panic.
    fn from_loaded(loaded: Self::Loaded) -> Result<Self, NlpError>;

    fn save(&self, w: impl Write) -> Result<(), NlpError> {
        write_model(w, Self::FORMAT, &self.to_saved())
    }

    fn save_file(&self, path: &Path) -> Result<(), NlpError> {
        save_file(path, Self::FORMAT, &self.to_saved())
    }

    fn load(r: impl Read) -> Result<Self, NlpError> {
        Self::from_loaded(read_model(r, Self::FORMAT)?)
    }

    fn load_file(path: &Path) -> Result<Self, NlpError> {
        Self::from_loaded(load_file(path, Self::FORMAT)?)
    }

    /// Loads a model from bytes in memory (a bundled model).
    fn from_bytes(bytes: &[u8]) -> Result<Self, NlpError> {
        Self::from_loaded(decode_model(bytes, Self::FORMAT)?)
    }
}

/// Writes header and payload.
pub fn write_model<T: Serialize>(
    mut w: impl Write,
    format: Format,
    value: &T,
) -> Result<(), NlpError> {
    let payload = postcard::to_stdvec(value)?;
    w.write_all(&format.magic)?;
    w.write_all(&format.version.to_le_bytes())?;
    w.write_all(&payload)?;
    w.flush()?;
    Ok(())
}

/// Reads a whole model, checking magic, version and that nothing trails it.
pub fn read_model<T: DeserializeOwned>(mut r: impl Read, format: Format) -> Result<T, NlpError> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)?;
    decode_model(&bytes, format)
}

/// [`read_model`] on bytes already in memory.
pub fn decode_model<T: DeserializeOwned>(bytes: &[u8], format: Format) -> Result<T, NlpError> {
    let bad_magic = || NlpError::BadMagic {
        expected: format.name,
    };
    let (magic, rest) = bytes.split_at_checked(8).ok_or_else(bad_magic)?;
    if magic != format.magic {
        return Err(bad_magic());
    }
    let (version, payload) = rest
        .split_first_chunk::<4>()
        .ok_or(NlpError::CorruptModel("truncated header"))?;
    let found = u32::from_le_bytes(*version);
    if found != format.version {
        return Err(NlpError::ModelVersion {
            model: format.name,
            found,
            expected: format.version,
        });
    }
    let (value, trailing) = postcard::take_from_bytes(payload)?;
    if !trailing.is_empty() {
        return Err(NlpError::CorruptModel("trailing bytes after payload"));
    }
    Ok(value)
}

/// Saves to `path` (buffered), naming the file in I/O errors.
pub fn save_file<T: Serialize>(path: &Path, format: Format, value: &T) -> Result<(), NlpError> {
    let file = std::fs::File::create(path).map_err(|e| NlpError::file(path, e))?;
    write_model(std::io::BufWriter::new(file), format, value)
}

/// Reads the file at `path` in one go (faster than a buffered reader for
/// multi-megabyte models), naming the file in I/O errors.
pub fn load_file<T: DeserializeOwned>(path: &Path, format: Format) -> Result<T, NlpError> {
    let bytes = std::fs::read(path).map_err(|e| NlpError::file(path, e))?;
    decode_model(&bytes, format)
}

/// Replaces each key of a key-sorted list by its difference from the
/// previous key.
pub(crate) fn delta_encode<V>(sorted: impl IntoIterator<Item = (u64, V)>) -> Vec<(u64, V)> {
    let mut prev = 0u64;
    sorted
        .into_iter()
        .map(|(k, v)| {
            let d = k.wrapping_sub(prev);
            prev = k;
            (d, v)
        })
        .collect()
}

/// Inverse of [`delta_encode`].
pub(crate) fn delta_decode<V>(deltas: Vec<(u64, V)>) -> impl Iterator<Item = (u64, V)> {
    let mut key = 0u64;
    deltas.into_iter().map(move |(d, v)| {
        key = key.wrapping_add(d);
        (key, v)
    })
}

/// The entries of a hashed map, sorted by key and delta-encoded: a
/// deterministic, compact on-disk form.
pub(crate) fn encode_map<V: Copy>(map: &crate::nlp::hash::HashedMap<V>) -> Vec<(u64, V)> {
    let mut v: Vec<(u64, V)> = map.iter().map(|(&k, &b)| (k, b)).collect();
    v.sort_unstable_by_key(|&(k, _)| k);
    delta_encode(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_round_trip() {
        let keys = vec![(3u64, 'a'), (10, 'b'), (u64::MAX, 'c')];
        let back: Vec<_> = delta_decode(delta_encode(keys.clone())).collect();
        assert_eq!(back, keys);
    }
}
