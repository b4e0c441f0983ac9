//! Lemmatizer: hand-written English suffix rules, steered by the set of
//! lemmas seen in training, plus an exception lexicon for the (form, XPOS)
//! pairs the rules get wrong (irregular verbs, "better" -> "good", ...):
//! learned from the treebank, completed by a built-in irregular-verb table.
//!
//! Rules propose candidates in order of preference for unseen words; when a
//! candidate is a known lemma it wins, which resolves most e-restoration and
//! consonant-doubling ambiguity ("making" -> make, "running" -> run).

use crate::nlp::conllu::Sentence;
use crate::nlp::hash::{HashedMap, finish, hash_str, mix};
use crate::nlp::tags::{Upos, Xpos};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// key(lowercase form, xpos) -> lemma.
    exceptions: HashedMap<String>,
    /// hash of every lowercase lemma seen in training.
    known: HashedMap<()>,
    stored: StoredLemmatizer,
}

/// On-disk form; strings rather than hashes so it is inspectable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct StoredLemmatizer {
    exceptions: Vec<(String, Xpos, String)>,
    known: Vec<String>,
}

/// Tokens of one (lowercase form, xpos) type, for deciding on an exception.
#[derive(Default)]
struct TypeStats {
    lemma_counts: HashMap<String, usize>,
    rule_correct: usize,
}

impl Lemmatizer {
    /// Learns known lemmas and exceptions from gold-annotated sentences.
    pub fn train(sentences: &[Sentence]) -> Self {
        let tokens = || sentences.iter().flat_map(|s| &s.tokens);
        let mut known: Vec<String> = tokens().map(|t| t.lemma.to_lowercase()).collect();
        known.sort_unstable();
        known.dedup();
        let rules_only = Self::from_stored(StoredLemmatizer {
            exceptions: Vec::new(),
            known,
        });

        let mut stats: HashMap<(String, Xpos), TypeStats> = HashMap::new();
        for t in tokens() {
            let lower = t.form.to_lowercase();
            let by_rule = rules_only.by_rules(&t.form, &lower, t.upos, t.xpos);
            let entry = stats.entry((lower, t.xpos)).or_default();
            *entry.lemma_counts.entry(t.lemma.clone()).or_default() += 1;
            entry.rule_correct += usize::from(by_rule == t.lemma);
        }
        let mut exceptions: Vec<(String, Xpos, String)> = stats
            .into_iter()
            .filter_map(|((lower, xpos), st)| {
                let (lemma, count) = majority(st.lemma_counts)?;
                (count > st.rule_correct).then_some((lower, xpos, lemma))
            })
            .collect();
        exceptions.sort_unstable();
        let mut stored = rules_only.stored;
        stored.exceptions = exceptions;
        Self::from_stored(stored)
    }

    pub(crate) fn from_stored(stored: StoredLemmatizer) -> Self {
        let mut exceptions: HashedMap<String> = stored
            .exceptions
            .iter()
            .map(|(lower, xpos, lemma)| (key(lower, *xpos), lemma.clone()))
            .collect();
        // Learned exceptions take precedence over the built-in table.
        for &(lemma, past, participle) in IRREGULAR_VERBS {
            for (form, xpos) in [(past, Xpos::Vbd), (participle, Xpos::Vbn)] {
                exceptions
                    .entry(key(form, xpos))
                    .or_insert_with(|| lemma.to_string());
            }
        }
        let known = stored.known.iter().map(|l| (hash_str(l), ())).collect();
        Self {
            exceptions,
            known,
            stored,
        }
    }

    pub(crate) fn stored(&self) -> &StoredLemmatizer {
        &self.stored
    }

    /// Lemma of `form` given its (predicted or gold) tags.
    pub fn lemmatize(&self, form: &str, upos: Upos, xpos: Xpos) -> String {
        let lower = form.to_lowercase();
        match self.exceptions.get(&key(&lower, xpos)) {
            Some(lemma) => lemma.clone(),
            None => self.by_rules(form, &lower, upos, xpos),
        }
    }

    fn by_rules(&self, form: &str, lower: &str, upos: Upos, xpos: Xpos) -> String {
        use Xpos::*;
        match xpos {
            // Proper nouns keep their case; plural ones lose the -s (States -> State).
            Nnps => plural_candidates(form).swap_remove(0),
            Nns | Vbz => self.pick(plural_candidates(lower)),
            Vbd | Vbn => self.pick(verb_candidates(lower, "ed")),
            Vbg => self.pick(verb_candidates(lower, "ing")),
            Jjr | Rbr => self.pick(degree_candidates(lower, "er")),
            Jjs | Rbs => self.pick(degree_candidates(lower, "est")),
            _ if keeps_form(upos, xpos) => form.to_string(),
            _ => lower.to_string(),
        }
    }

    /// First candidate that is a known lemma, else the rules' first choice.
    fn pick(&self, mut candidates: Vec<String>) -> String {
        let known = candidates
            .iter()
            .position(|c| self.known.contains_key(&hash_str(c)))
            .unwrap_or(0);
        candidates.swap_remove(known)
    }
}

/// Irregular English verbs: (lemma, past tense, past participle). The
/// suffix rules cannot undo these ("fled" is not "fl" + "-ed"), and the
/// exceptions learned from the treebank miss those it never shows; a
/// closed class, so a list. Verbs whose past forms equal the lemma are
/// listed too ("shed" would lose its "-ed"). Added to the exceptions when
/// a lemmatizer is built, under any learned ones.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bet", "bet", "bet"),
    ("bid", "bid", "bid"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("breed", "bred", "bred"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burst", "burst", "burst"),
    ("buy", "bought", "bought"),
    ("cast", "cast", "cast"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("cling", "clung", "clung"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("creep", "crept", "crept"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fling", "flung", "flung"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grind", "ground", "ground"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("kneel", "knelt", "knelt"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("light", "lit", "lit"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("plead", "pled", "pled"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shine", "shone", "shone"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("slay", "slew", "slain"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("speed", "sped", "sped"),
    ("spend", "spent", "spent"),
    ("spin", "spun", "spun"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("spring", "sprang", "sprung"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("sting", "stung", "stung"),
    ("strike", "struck", "struck"),
    ("strive", "strove", "striven"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("weep", "wept", "wept"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
];

fn key(lower: &str, xpos: Xpos) -> u64 {
    finish(mix(hash_str(lower), xpos.index() as u64))
}

/// Most frequent lemma; ties broken alphabetically for determinism.
fn majority(counts: HashMap<String, usize>) -> Option<(String, usize)> {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

/// Tags whose lemma is the form itself, case included.
fn keeps_form(upos: Upos, xpos: Xpos) -> bool {
    matches!(upos, Upos::Propn | Upos::Punct | Upos::Sym)
        || matches!(xpos, Xpos::Nnp | Xpos::Add | Xpos::Nfp)
}

/// Candidates are never empty: every generator ends with a fallback.
fn plural_candidates(w: &str) -> Vec<String> {
    let drop = |n: usize| w[..w.len() - n].to_string();
    if let Some(stem) = w.strip_suffix("ies")
        && stem.len() >= 2
    {
        return vec![format!("{stem}y"), format!("{stem}ie")];
    }
    if let Some(stem) = w.strip_suffix("ves") {
        return vec![format!("{stem}ve"), format!("{stem}f"), format!("{stem}fe")];
    }
    if ["sses", "shes", "ches", "xes", "zzes", "oes"]
        .iter()
        .any(|s| w.ends_with(s))
    {
        return vec![drop(2), drop(1)];
    }
    if ["ses", "zes"].iter().any(|s| w.ends_with(s)) {
        return vec![drop(1), drop(2)];
    }
    if w.len() > 2 && w.ends_with('s') && !["ss", "us", "is"].iter().any(|s| w.ends_with(s)) {
        return vec![drop(1), w.to_string()];
    }
    vec![w.to_string()]
}

/// -ed / -ing forms.
fn verb_candidates(w: &str, suffix: &str) -> Vec<String> {
    let Some(stem) = w.strip_suffix(suffix) else {
        return vec![w.to_string()];
    };
    if stem.len() < 2 {
        return vec![w.to_string()];
    }
    if suffix == "ed"
        && let Some(base) = stem.strip_suffix('i')
    {
        // tried -> try, died -> die
        return vec![format!("{base}y"), format!("{stem}e"), w.to_string()];
    }
    let mut out = stem_candidates(stem, suffix == "ed" && stem.ends_with('e'));
    out.push(w.to_string());
    out
}

/// -er / -est forms of adjectives and adverbs.
fn degree_candidates(w: &str, suffix: &str) -> Vec<String> {
    let Some(stem) = w.strip_suffix(suffix) else {
        return vec![w.to_string()];
    };
    if stem.len() < 2 {
        return vec![w.to_string()];
    }
    if let Some(base) = stem.strip_suffix('i') {
        return vec![format!("{base}y"), w.to_string()];
    }
    let mut out = stem_candidates(stem, false);
    out.push(w.to_string());
    out
}

/// Orders stem, undoubled stem and stem+e by how likely each is.
fn stem_candidates(stem: &str, force_e: bool) -> Vec<String> {
    let with_e = format!("{stem}e");
    if let Some(single) = undouble(stem) {
        // Final -ll/-ss/-ff/-zz usually belong to the root (called, passed).
        let keep = stem.ends_with(['l', 's', 'f', 'z']);
        let (a, b) = if keep { (stem, single) } else { (single, stem) };
        return vec![a.to_string(), b.to_string(), with_e];
    }
    if force_e || needs_e(stem) {
        vec![with_e, stem.to_string()]
    } else {
        vec![stem.to_string(), with_e]
    }
}

/// `stem` minus its last letter if it ends in a doubled consonant.
fn undouble(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    let doubled =
        n >= 3 && b[n - 1] == b[n - 2] && b[n - 1].is_ascii_alphabetic() && !is_vowel(b[n - 1]);
    doubled.then(|| &stem[..n - 1])
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(b: u8) -> bool {
    b.is_ascii_alphabetic() && !is_vowel(b)
}

/// Whether a stripped stem most likely lost a silent final e
/// (making -> mak-e, created -> creat-e, caused -> caus-e).
fn needs_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 || !b.is_ascii() {
        return false;
    }
    let (prev, last) = (b[n - 2], b[n - 1]);
    let before_prev = if n >= 3 { b[n - 3] } else { b'#' };
    match last {
        b'v' | b'c' | b'u' | b'z' => true,
        b'l' => b"bcdfgkpstz".contains(&prev),
        b'g' => prev == b'r' || prev == b'd',
        b's' => is_vowel(prev) && prev != b'u' || matches!(prev, b'n' | b'r'),
        b't' => matches!(prev, b'a' | b'o' | b'u') && is_consonant(before_prev),
        b'r' => matches!(prev, b'a' | b'i' | b'u') && is_consonant(before_prev),
        _ => is_monosyllable_cvc(b),
    }
}

/// Consonant-vowel-consonant ending with a single vowel group: had the root
/// really ended in that consonant it would have been doubled (hop-ing vs hopp-ing).
fn is_monosyllable_cvc(b: &[u8]) -> bool {
    let n = b.len();
    let cvc = n >= 3
        && is_consonant(b[n - 3])
        && is_vowel(b[n - 2])
        && is_consonant(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y');
    let vowel_groups = b
        .windows(2)
        .filter(|w| !is_vowel(w[0]) && is_vowel(w[1]))
        .count()
        + usize::from(is_vowel(b[0]));
    cvc && vowel_groups == 1
}
