//! Allocation-free feature hashing shared by every statistical stage.
//!
//! A feature is a u64 folded from a template id and the hashes of its parts,
//! so feature extraction never formats strings. Keys are [`finish`]ed, which
//! lets tables use the identity hasher ([`HashedMap`]).
//!
//! Changing anything here changes every model's feature keys: bump the
//! format versions in `tagger`, `ner` (and `parser`) and retrain.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Folds `value` into `state` (one FxHash step). Cheap but not well mixed
/// on its own: [`finish`] the result before using it as a table key.
#[inline]
pub(crate) fn mix(state: u64, value: u64) -> u64 {
    (state.rotate_left(5) ^ value).wrapping_mul(K)
}

/// Final avalanche (the splitmix64 finaliser), so that keys can go into a
/// table whose hasher is the identity.
#[inline]
pub(crate) fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes a string's bytes, 8 at a time.
pub(crate) fn hash_str(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut h = mix(0, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(word));
    }
    for &b in chunks.remainder() {
        h = mix(h, u64::from(b));
    }
    finish(h)
}

/// Feature key of template `template` over `parts`. Every call site passes
/// its own template id, so equal parts under different templates never
/// collide.
#[inline]
pub(crate) fn feature(template: u32, parts: &[u64]) -> u64 {
    let mut h = mix(0, u64::from(template));
    for &p in parts {
        h = mix(h, p);
    }
    finish(h)
}

/// Identity hasher for keys that are already [`finish`]ed hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u64 keys; fold them so it stays correct.
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Map keyed by pre-hashed u64 values.
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_separate_equal_parts() {
        assert_ne!(feature(1, &[7]), feature(2, &[7]));
        assert_ne!(feature(1, &[7, 8]), feature(1, &[8, 7]));
        assert_ne!(hash_str("ab"), hash_str("ba"));
    }
}
