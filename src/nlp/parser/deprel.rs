//! Closed set of dependency relations. An enum (not a string) so downstream
//! code can `match` on relations and an unknown label can only appear at the
//! parsing boundary, never inside the model or its output.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Returned when a string is not a known dependency relation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dependency relation {0:?}")]
pub struct UnknownDepRel(pub String);

macro_rules! deprel_enum {
    ($($var:ident = $s:literal),+ $(,)?) => {
        /// Universal Dependencies v2 relations plus the language-specific
        /// subtypes used by UD English EWT.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum DepRel { $($var),+ }

        impl DepRel {
            /// Every relation, in declaration order (the order of `index`).
            pub const ALL: &'static [DepRel] = &[$(DepRel::$var),+];

            /// The treebank spelling, e.g. `"nsubj:pass"`.
            pub fn as_str(self) -> &'static str {
                match self { $(DepRel::$var => $s),+ }
            }

            /// Dense index (position in [`DepRel::ALL`]).
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl FromStr for DepRel {
            type Err = UnknownDepRel;
            fn from_str(s: &str) -> Result<Self, UnknownDepRel> {
                match s {
                    $($s => Ok(DepRel::$var),)+
                    _ => Err(UnknownDepRel(s.to_string())),
                }
            }
        }
    };
}

deprel_enum!(
    Acl = "acl",
    AclRelcl = "acl:relcl",
    Advcl = "advcl",
    AdvclRelcl = "advcl:relcl",
    Advmod = "advmod",
    Amod = "amod",
    Appos = "appos",
    Aux = "aux",
    AuxPass = "aux:pass",
    Case = "case",
    Cc = "cc",
    CcPreconj = "cc:preconj",
    Ccomp = "ccomp",
    Clf = "clf",
    Compound = "compound",
    CompoundPrt = "compound:prt",
    Conj = "conj",
    Cop = "cop",
    Csubj = "csubj",
    CsubjOuter = "csubj:outer",
    CsubjPass = "csubj:pass",
    Dep = "dep",
    Det = "det",
    DetPredet = "det:predet",
    Discourse = "discourse",
    Dislocated = "dislocated",
    Expl = "expl",
    Fixed = "fixed",
    Flat = "flat",
    FlatForeign = "flat:foreign",
    Goeswith = "goeswith",
    Iobj = "iobj",
    List = "list",
    Mark = "mark",
    Nmod = "nmod",
    NmodDesc = "nmod:desc",
    NmodNpmod = "nmod:npmod",
    NmodPoss = "nmod:poss",
    NmodTmod = "nmod:tmod",
    NmodUnmarked = "nmod:unmarked",
    Nsubj = "nsubj",
    NsubjOuter = "nsubj:outer",
    NsubjPass = "nsubj:pass",
    Nummod = "nummod",
    Obj = "obj",
    Obl = "obl",
    OblAgent = "obl:agent",
    OblNpmod = "obl:npmod",
    OblTmod = "obl:tmod",
    OblUnmarked = "obl:unmarked",
    Orphan = "orphan",
    Parataxis = "parataxis",
    Punct = "punct",
    Reparandum = "reparandum",
    Root = "root",
    Vocative = "vocative",
    Xcomp = "xcomp",
);

impl fmt::Display for DepRel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// Labels share a u8 slot inside transition ids.
const _: () = assert!(DepRel::ALL.len() < 128);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_round_trips() {
        for &rel in DepRel::ALL {
            assert_eq!(rel.as_str().parse::<DepRel>(), Ok(rel));
        }
        assert!("nsubj:bogus".parse::<DepRel>().is_err());
    }

    #[test]
    fn index_matches_position() {
        for (i, &rel) in DepRel::ALL.iter().enumerate() {
            assert_eq!(rel.index(), i);
        }
    }
}
