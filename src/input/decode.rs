//! Bytes → text in any common encoding: UTF-8, UTF-16 with a byte-order
//! mark, and legacy single- and multi-byte encodings (Windows-1252,
//! Latin-1, ...) guessed from the bytes with `chardetng`, the detector
//! Firefox uses. Binary data is refused rather than decoded into noise.

use encoding_rs::{Encoding, UTF_8};

/// The top-level domain chardetng takes as its locale hint.
const ENGLISH_TLD: &[u8] = b"uk";

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static Encoding,
    /// How that encoding was known.
    pub detection: Detection,
}

/// How an encoding was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// A byte-order mark said so.
    ByteOrderMark,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// Guessed from the bytes, which are not UTF-8.
    Guessed,
}

impl Decoded {
    /// What a user should be told about the decoding, if anything: nothing
    /// for UTF-8, else e.g. "decoded as windows-1252 (guessed)".
    pub fn note(&self) -> Option<String> {
        let how = match self.detection {
            Detection::ValidUtf8 => return None,
            Detection::ByteOrderMark if self.encoding == UTF_8 => return None,
            Detection::ByteOrderMark => "byte-order mark",
            Detection::Guessed => "guessed",
        };
        Some(format!("decoded as {} ({how})", self.encoding.name()))
    }
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("binary data, not text (byte {byte:#04x} at offset {offset})")]
pub struct NotText {
    /// The first byte no text file has.
    pub byte: u8,
    pub offset: usize,
}

/// Decodes `bytes` as text. A byte-order mark decides the encoding; else
/// valid UTF-8 is UTF-8; else the encoding is guessed. Bytes with NUL or
/// other control characters that text does not use (outside a UTF-16 file)
/// are binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            detection: Detection::ByteOrderMark,
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| is_binary(b)) {
        return Err(NotText {
            byte: bytes[offset],
            offset,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
            detection: Detection::ValidUtf8,
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    // The pipeline reads English: hint a Western-European locale, which
    // settles a lone byte such as 0xA3 as Windows-1252's £ where
    // Central-European encodings would read Ł. Text of other scripts still
    // outscores it.
    let encoding = detector.guess(Some(ENGLISH_TLD), true);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        detection: Detection::Guessed,
    })
}

/// NUL and the C0 controls text does not use: all but tab, line feed,
/// form feed, carriage return and escape (old terminal-formatted text).
fn is_binary(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_and_its_bom_dropped() {
        let plain = decode("Kabul — Panjshir".as_bytes()).unwrap();
        assert_eq!(plain.text, "Kabul — Panjshir");
        assert_eq!(plain.note(), None);
        let bom = decode(b"\xef\xbb\xbfKabul").unwrap();
        assert_eq!((bom.text.as_str(), bom.note()), ("Kabul", None));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut le = vec![0xff, 0xfe];
        le.extend("Ğazni".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&le).unwrap();
        assert_eq!(decoded.text, "Ğazni");
        assert_eq!(
            decoded.note().as_deref(),
            Some("decoded as UTF-16LE (byte-order mark)")
        );
        let mut be = vec![0xfe, 0xff];
        be.extend("Kabul".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().text, "Kabul");
    }

    #[test]
    fn windows_1252_is_guessed() {
        // "the manager’s “best” café" as Windows-1252: curly quotes and é.
        let bytes = b"The manager\x92s \x93best\x94 season at the caf\xe9, he said.";
        let decoded = decode(bytes).unwrap();
        assert_eq!(
            decoded.text,
            "The manager\u{2019}s \u{201c}best\u{201d} season at the café, he said."
        );
        assert_eq!(
            decoded.note().as_deref(),
            Some("decoded as windows-1252 (guessed)")
        );
    }

    #[test]
    fn a_lone_pound_sign_is_windows_1252() {
        // BBC sport/199.txt: one non-ASCII byte, read as Ł without a hint.
        let decoded = decode(b"a \xa315.8m signing from Parma").unwrap();
        assert_eq!(decoded.text, "a £15.8m signing from Parma");
        let cyrillic =
            decode(b"\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xf1\xea\xe0\xe7\xe0\xeb").unwrap();
        assert_eq!(
            cyrillic.encoding,
            encoding_rs::WINDOWS_1251,
            "{}",
            cyrillic.text
        );
    }

    #[test]
    fn binary_is_refused_with_where() {
        let error = decode(b"PK\x03\x04\x14\x00").unwrap_err();
        assert_eq!(
            error,
            NotText {
                byte: 0x03,
                offset: 2
            }
        );
        assert!(error.to_string().contains("offset 2"), "{error}");
        assert!(decode(b"line one\r\n\tline two\x0c").is_ok());
    }
}
