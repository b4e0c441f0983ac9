//! `parse` never panics: 20,000 random and mutated inputs from a seeded
//! generator (a stand-in for the cargo-fuzz target in `fuzz/`); every
//! error it returns has a caret inside the query, and what parses also
//! resolves and compiles without panicking.

use kg::ask::{Indexes, compile, parse, resolve};

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SEEDS: &[&str] = &[
    "Saleh -claims-> ?x",
    "?who -surround-> Panjshir | evidence",
    "Al-Qaida -kill-> ?v <-son_of- ?son",
    "Panjshir <-surround- ?who and ?who -kill|assassinate-> ?v",
    "?p:Person -part_of+-> <https://kg.example/entity/afghanistan> where ?p != ?q",
    "?x -> ?y where ?y ~ \"panj\" and ?x = \"Ahmad Shah Massoud\" | limit 5 | sort -?x",
    "?x -?r-> 'text' | count by ?x | offset 3",
    "about Saleh",
    "path Saleh to Ahmad Massoud max 4",
    "neighbors Panjshir depth 2",
    "entities :Person | limit 10",
    "relations",
    "? -*-> ?:Place | distinct ?x | count",
];

/// Tokens and characters that stress the grammar: arrows, quotes,
/// multi-byte characters, combining marks.
const PIECES: &[&str] = &[
    "-",
    "->",
    "<-",
    "<",
    ">",
    "?",
    ":",
    "|",
    "+",
    "*",
    "\"",
    "'",
    "\\",
    ",",
    " and ",
    " where ",
    " | ",
    "limit",
    "count",
    "by",
    "sort",
    "evidence",
    "about",
    "path",
    " to ",
    "max",
    "é",
    "ı",
    "\u{301}",
    "𝔸",
    "\n",
    "\t",
    "0",
    "99999999999999999999999",
    "?x",
    "Saleh",
    "<http://a/b>",
    "rdf:type",
    "foo:bar",
    "-claims->",
    "<-son_of-",
    "~",
    "!~",
    "!=",
    "=",
    " ",
    "",
];

fn mutate(rng: &mut Rng, input: &str) -> String {
    let mut chars: Vec<char> = input.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => {
                let piece: Vec<char> = rng.pick(PIECES).chars().collect();
                chars.splice(at..at, piece);
            }
            2 if at < chars.len() => {
                let end = (at + rng.below(6)).min(chars.len());
                chars.drain(at..end);
            }
            _ => {
                let c = char::from_u32(rng.below(0x3000) as u32).unwrap_or('x');
                chars.insert(at, c);
            }
        }
    }
    chars.into_iter().collect()
}

fn random_tokens(rng: &mut Rng) -> String {
    (0..rng.below(12)).map(|_| *rng.pick(PIECES)).collect()
}

#[test]
fn parse_never_panics_on_20000_inputs() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    let (entities, relations) = (
        crate::common::entity_index(),
        crate::common::relation_index(),
    );
    let indexes = Indexes {
        entities: &entities,
        relations: &relations,
        classes: None,
    };
    for i in 0..20_000 {
        let input = if i % 4 == 0 {
            random_tokens(&mut rng)
        } else {
            let seed = *rng.pick(SEEDS);
            mutate(&mut rng, seed)
        };
        match parse(&input) {
            Ok(query) => {
                parsed += 1;
                // Resolution and compilation may refuse, but not panic.
                if let Ok((resolved, _)) = resolve(&query, &indexes) {
                    let _ = compile(&query, &resolved);
                }
            }
            Err(e) => {
                let lines = input.split('\n').count().max(1);
                assert!(e.line >= 1 && e.line <= lines, "{input:?}: line {}", e.line);
                assert!(
                    e.column >= 1 && e.column <= e.source_line.chars().count() + 1,
                    "{input:?}: column {} of {:?}",
                    e.column,
                    e.source_line
                );
                assert!(!e.message.is_empty(), "{input:?}");
                assert!(
                    !e.message.contains("internal error"),
                    "{input:?}: {}",
                    e.message
                );
            }
        }
    }
    // The mutations must not all be rejected, or the test proves little.
    assert!(parsed > 1_000, "only {parsed} inputs parsed");
}
