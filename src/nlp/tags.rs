//! Closed tag sets. Enums (not strings) so an invalid tag can only appear at
//! the parsing boundary, never inside the model or its output.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Returned when a string is not a member of the tag set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} tag {tag:?}")]
pub struct UnknownTag {
    pub kind: &'static str,
    pub tag: String,
}

macro_rules! tag_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($var:ident = $s:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($var),+ }

        impl $name {
            /// Every tag, in declaration order (the order of `index`).
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The treebank spelling of the tag.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// Dense index, usable as a bit position or array slot.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl FromStr for $name {
            type Err = UnknownTag;
            fn from_str(s: &str) -> Result<Self, UnknownTag> {
                match s {
                    $($s => Ok($name::$var),)+
                    _ => Err(UnknownTag { kind: $kind, tag: s.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tag_enum!(
    /// Universal Dependencies part of speech (v2).
    Upos, "UPOS" {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ",
        Det = "DET", Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART",
        Pron = "PRON", Propn = "PROPN", Punct = "PUNCT", Sconj = "SCONJ",
        Sym = "SYM", Verb = "VERB", X = "X",
    }
);

tag_enum!(
    /// Penn Treebank tags as used by UD English (PTB plus the web-text
    /// additions ADD, AFX, GW, HYPH, NFP, XX).
    Xpos, "XPOS" {
        Cc = "CC", Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", In = "IN",
        Jj = "JJ", Jjr = "JJR", Jjs = "JJS", Ls = "LS", Md = "MD", Nn = "NN",
        Nns = "NNS", Nnp = "NNP", Nnps = "NNPS", Pdt = "PDT", Pos = "POS",
        Prp = "PRP", PrpS = "PRP$", Rb = "RB", Rbr = "RBR", Rbs = "RBS",
        Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD",
        Vbg = "VBG", Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT",
        Wp = "WP", WpS = "WP$", Wrb = "WRB", Dollar = "$", Hash = "#",
        CloseQuote = "''", OpenQuote = "``", Comma = ",", Lrb = "-LRB-",
        Rrb = "-RRB-", Period = ".", Colon = ":", Add = "ADD", Afx = "AFX",
        Gw = "GW", Hyph = "HYPH", Nfp = "NFP", Xx = "XX",
    }
);

// Ambiguity classes store the XPOS tags seen with a word as a u64 bit set.
const _: () = assert!(Xpos::ALL.len() <= 64);
