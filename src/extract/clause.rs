//! Propositions from one dependency tree: who does what to whom, with the
//! words that say so. Purely syntactic: arguments are token sets, not yet
//! entities (see [`super::mention`]).
//!
//! Patterns, each producing [`Proposition`]s:
//! * verbal clauses: subject, object, obliques, particles (`withdraw_to`,
//!   `call_for`); passive turned active when the agent is given; subjects
//!   inherited through coordination, control (`vowed not to surrender`),
//!   relative and participial clauses (`commander Massoud, killed by ...`);
//! * copular clauses (`X is the son of Y`, `claims to be the president`);
//! * apposition and relational nouns (`Ahmad Massoud, son of Y`,
//!   `Bill Roggio of FDD`, `a professor at Lund University`).
//!
//! Negation, modality and the speaker of reported speech are read off the
//! clause and its governors.

use super::tree::Tree;
use crate::model::{Modality, Polarity};
use crate::nlp::parser::DepRel;
use crate::nlp::{Upos, Xpos};

/// A set of tokens standing for one argument, around its head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub head: usize,
    /// Sorted token indices (the surface of the argument).
    pub tokens: Vec<usize>,
}

/// The words that express a relation and its normalized key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelPhrase {
    /// The predicate's head token.
    pub head: usize,
    /// Surface tokens in sentence order ("vowed not to surrender to").
    pub tokens: Vec<usize>,
    /// Lemma-based snake_case key before the lexicon ("surrender_to").
    pub key: String,
}

/// Which construction a proposition came from; sets its base confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Verbal,
    Passive,
    Copula,
    Apposition,
    RelationalNoun,
}

impl Pattern {
    pub fn confidence(self) -> f64 {
        match self {
            Pattern::Verbal => 0.9,
            Pattern::Passive => 0.85,
            Pattern::Copula => 0.8,
            Pattern::Apposition => 0.8,
            Pattern::RelationalNoun => 0.85,
        }
    }
}

/// One (subject, relation, object) statement read from a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposition {
    pub subject: Arg,
    pub relation: RelPhrase,
    pub object: Option<Arg>,
    /// Further arguments (obliques, time), for n-ary output formats.
    pub extras: Vec<Arg>,
    pub polarity: Polarity,
    pub modality: Modality,
    /// The source of reported speech, when the clause is reported.
    pub speaker: Option<Arg>,
    pub pattern: Pattern,
}

/// Verbs that introduce reported speech or thought.
const SPEECH: &[&str] = &[
    "say",
    "tell",
    "announce",
    "add",
    "continue",
    "explain",
    "state",
    "declare",
    "report",
    "insist",
    "assure",
    "indicate",
    "claim",
    "argue",
    "note",
    "warn",
    "write",
    "believe",
    "think",
    "consider",
    "confirm",
    "deny",
    "acknowledge",
    "point",
    "stress",
    "estimate",
];

/// Verbs whose complement is intended or attempted, not (yet) a fact.
const INTENTION: &[&str] = &[
    "want", "try", "seek", "plan", "intend", "hope", "aim", "attempt", "threaten", "wish",
    "expect", "need", "prepare", "promise",
];

/// Copular or light heads that carry no relation of their own.
const LIGHT_VERBS: &[&str] = &["be", "become", "remain", "seem", "appear"];

/// Reads every proposition of the sentence in `tree`.
pub fn propositions(tree: &Tree) -> Vec<Proposition> {
    let mut out = Vec::new();
    for i in 0..tree.len() {
        if is_copular_head(tree, i) {
            copular(tree, i, &mut out);
        } else if is_verbal(tree, i) {
            verbal(tree, i, &mut out);
        }
        if tree.rel(i) == DepRel::Appos {
            apposition(tree, i, &mut out);
        }
        if let Some(name) =
            described_by_conjunct(tree, i).or_else(|| misattached_apposition(tree, i))
        {
            describe(tree, name, i, Pattern::Apposition, &mut out);
        }
        if is_name(tree, i) {
            name_modifiers(tree, i, &mut out);
        }
    }
    out
}

fn is_verbal(tree: &Tree, i: usize) -> bool {
    let upos = tree.upos(i);
    let verb = upos == Upos::Verb
        || (upos == Upos::Aux && tree.head(i).is_none() && tree.child(i, DepRel::Cop).is_none());
    verb && !matches!(
        tree.rel(i),
        DepRel::Amod | DepRel::Compound | DepRel::Aux | DepRel::AuxPass | DepRel::Cop
    )
}

fn is_copular_head(tree: &Tree, i: usize) -> bool {
    tree.child(i, DepRel::Cop).is_some() && tree.rel(i) != DepRel::Xcomp
}

/// A proper-noun head (the last word of a name).
fn is_name(tree: &Tree, i: usize) -> bool {
    tree.upos(i) == Upos::Propn && !matches!(tree.rel(i), DepRel::Flat | DepRel::Compound)
}

fn verbal(tree: &Tree, v: usize, out: &mut Vec<Proposition>) {
    let passive = tree.child(v, DepRel::AuxPass).is_some()
        || tree.child(v, DepRel::NsubjPass).is_some()
        || (matches!(tree.rel(v), DepRel::Acl | DepRel::Advcl)
            && tree.xpos(v) == Xpos::Vbn
            && tree.child(v, DepRel::Nsubj).is_none());
    let subjects = subjects_of(tree, v);
    if subjects.is_empty() {
        return;
    }
    // "claims to be the president": the complement is the object.
    let complement = tree
        .child(v, DepRel::Xcomp)
        .filter(|&x| tree.upos(x) != Upos::Verb && tree.child(x, DepRel::Cop).is_some());
    // A verb whose only content is a verbal complement ("vowed to fight") is
    // read through that complement; see `control_prefix`.
    let objects: Vec<usize> = tree
        .children_with(v, DepRel::Obj)
        .flat_map(|o| tree.conjuncts(o))
        .collect();
    let verb_complement = tree
        .child(v, DepRel::Xcomp)
        .filter(|&x| tree.upos(x) == Upos::Verb);
    if objects.is_empty() && complement.is_none() && verb_complement.is_some() {
        return;
    }
    if LIGHT_VERBS.contains(&tree.lemma(v)) && objects.is_empty() && complement.is_none() {
        // "is in Kabul", "appeared together": keep only with an oblique.
        if obliques(tree, v).is_empty() {
            return;
        }
    }
    let agent = tree.child(v, DepRel::OblAgent);
    let mut obls = obliques(tree, v);
    let (polarity, modality, speaker) = stance(tree, v);
    let prefix = control_prefix(tree, v);
    let mut base_tokens = prefix.clone();
    base_tokens.extend(verb_group(tree, v));

    let mut emit = |subject: usize,
                    rel_tokens: Vec<usize>,
                    key: String,
                    object: Option<Arg>,
                    extras: Vec<Arg>,
                    pattern| {
        out.push(Proposition {
            subject: arg(tree, subject),
            relation: RelPhrase {
                head: v,
                tokens: sorted(rel_tokens),
                key,
            },
            object,
            extras,
            polarity,
            modality,
            speaker: speaker.map(|s| arg(tree, s)),
            pattern,
        });
    };

    let lemma = verb_key(tree, v);
    if passive {
        let Some(agent) = agent else {
            // Agentless passive: "was born in Panchir" → (X, be_born_in, Panchir).
            let Some((first, prep)) = take_first(&mut obls, v) else {
                return;
            };
            for s in subjects {
                let mut toks = base_tokens.clone();
                toks.extend(tree.child(first, DepRel::Case));
                emit(
                    s,
                    toks,
                    format!("be_{}_{prep}", tree.lower(v)),
                    Some(arg(tree, first)),
                    obls.iter().map(|&(o, _)| arg(tree, o)).collect(),
                    Pattern::Passive,
                );
            }
            return;
        };
        // Active reading: (agent, kill, patient).
        for a in tree.conjuncts(agent) {
            for &s in &subjects {
                emit(
                    a,
                    base_tokens.clone(),
                    lemma.clone(),
                    Some(arg(tree, s)),
                    obls.iter().map(|&(o, _)| arg(tree, o)).collect(),
                    Pattern::Passive,
                );
            }
        }
        return;
    }
    if let Some(c) = complement {
        // "claims to be constitutionally the legitimate president".
        let mut toks = base_tokens.clone();
        toks.extend(tree.children_with(c, DepRel::Mark));
        toks.extend(tree.children_with(c, DepRel::Cop));
        for s in &subjects {
            emit(
                *s,
                toks.clone(),
                lemma.clone(),
                Some(arg(tree, c)),
                Vec::new(),
                Pattern::Verbal,
            );
        }
        return;
    }
    let (object, key, rel_tokens) = if let Some(&o) = objects.first() {
        (Some(o), lemma.clone(), base_tokens.clone())
    } else if let Some((o, prep)) = take_first(&mut obls, v) {
        let mut toks = base_tokens.clone();
        toks.extend(tree.child(o, DepRel::Case));
        (Some(o), format!("{lemma}_{prep}"), toks)
    } else {
        (None, lemma.clone(), base_tokens.clone())
    };
    let extras: Vec<Arg> = obls.iter().map(|&(o, _)| arg(tree, o)).collect();
    // One proposition per conjunct object ("called for X and Y").
    let targets: Vec<Option<usize>> = match object {
        Some(_) if objects.len() > 1 => objects.iter().copied().map(Some).collect(),
        Some(o) => tree.conjuncts(o).into_iter().map(Some).collect(),
        None => vec![None],
    };
    for &s in &subjects {
        for target in &targets {
            emit(
                s,
                rel_tokens.clone(),
                key.clone(),
                target.map(|o| arg(tree, o)),
                extras.clone(),
                Pattern::Verbal,
            );
        }
    }
}

/// `lemma` plus particle: "call_off", "set_up".
fn verb_key(tree: &Tree, v: usize) -> String {
    let mut key = tree.lemma(v).to_lowercase();
    for p in tree.children_with(v, DepRel::CompoundPrt) {
        key.push('_');
        key.push_str(&tree.lower(p));
    }
    key
}

/// The verb with its auxiliaries, negation and particles, as written.
fn verb_group(tree: &Tree, v: usize) -> Vec<usize> {
    let mut toks = vec![v];
    for &c in tree.children(v) {
        let keep = match tree.rel(c) {
            DepRel::Aux | DepRel::AuxPass | DepRel::CompoundPrt => true,
            DepRel::Advmod => matches!(tree.lower(c).as_str(), "not" | "n't" | "never"),
            _ => false,
        };
        if keep {
            toks.push(c);
        }
    }
    toks
}

/// For a verb controlled by a governing verb with no object of its own
/// ("vowed not to surrender"), the governor's words ("vowed"), so the
/// relation reads "vowed not to surrender to".
fn control_prefix(tree: &Tree, v: usize) -> Vec<usize> {
    let mut toks = Vec::new();
    let mut n = v;
    while tree.rel(n) == DepRel::Xcomp {
        let Some(h) = tree.head(n) else { break };
        if tree.upos(h) != Upos::Verb || tree.child(h, DepRel::Obj).is_some() {
            break;
        }
        toks.extend(verb_group(tree, h));
        toks.extend(tree.children_with(n, DepRel::Mark));
        n = h;
    }
    toks
}

/// The subjects of verb `v`, direct or inherited.
fn subjects_of(tree: &Tree, v: usize) -> Vec<usize> {
    let direct: Vec<usize> = tree
        .children(v)
        .iter()
        .copied()
        .filter(|&c| matches!(tree.rel(c), DepRel::Nsubj | DepRel::NsubjPass))
        .collect();
    if let Some(&s) = direct.first() {
        if is_relative_pronoun(tree, s) {
            return relative_antecedent(tree, v, s).into_iter().collect();
        }
        return tree.conjuncts(s);
    }
    let Some(h) = tree.head(v) else {
        return Vec::new();
    };
    match tree.rel(v) {
        DepRel::Conj => subjects_of(tree, h),
        DepRel::Xcomp => match tree.child(h, DepRel::Obj) {
            Some(o) => vec![o],
            None => subjects_of(tree, h),
        },
        DepRel::AclRelcl => vec![h],
        DepRel::Acl if acl_modifies_agent(tree, v, h) => vec![low_attachment(tree, h)],
        // "..., known as X, killed by Y": a bare participle shares the
        // subject of the phrase it continues. Not across an object of that
        // phrase: "Lavrov pointed out the presence of fighters ..., killed
        // by Al-Qaida" is about a nearer noun the parser lost.
        DepRel::Advcl if is_bare_participle(tree, v) && !complement_between(tree, h, v) => {
            subjects_of(tree, h)
        }
        _ => Vec::new(),
    }
}

/// Nouns of family relations.
pub const KINSHIP_NOUNS: &[&str] = &[
    "son", "daughter", "father", "mother", "brother", "sister", "wife", "husband", "widow",
    "uncle", "nephew", "niece", "cousin", "child", "grandson",
];

/// Whether verb `h` has an object or oblique between itself and its
/// dependent `v`.
fn complement_between(tree: &Tree, h: usize, v: usize) -> bool {
    let (lo, hi) = (h.min(v), h.max(v));
    tree.children(h).iter().any(|&c| {
        lo < c && c < hi && matches!(tree.rel(c), DepRel::Obj | DepRel::Iobj | DepRel::Obl)
    })
}

/// A participle with no subject or subordinator of its own.
fn is_bare_participle(tree: &Tree, v: usize) -> bool {
    matches!(tree.xpos(v), Xpos::Vbn | Xpos::Vbg)
        && tree.child(v, DepRel::Mark).is_none()
        && tree.child(v, DepRel::Nsubj).is_none()
}

/// The noun a participial modifier of `h` describes. After "son of X" it is
/// X ("the son of commander Massoud, killed in 2001"): kinship nouns are
/// rarely what such modifiers are about, though parsers attach them high.
fn low_attachment(tree: &Tree, h: usize) -> usize {
    if !KINSHIP_NOUNS.contains(&tree.lemma(h)) {
        return h;
    }
    tree.children_with(h, DepRel::Nmod)
        .find(|&m| tree.case_marker(m).as_deref() == Some("of"))
        .unwrap_or(h)
}

/// Whether the noun `h` that clause `v` modifies is its subject: yes for
/// participles ("an army preparing to invade", "the organ built by X") and
/// for infinitives after a ranking ("the first ship to enter"), no for noun
/// complements, whose doer is elsewhere ("the decision to buy", "the
/// necessity of understanding").
fn acl_modifies_agent(tree: &Tree, v: usize, h: usize) -> bool {
    let Some(mark) = tree.child(v, DepRel::Mark) else {
        return true;
    };
    tree.lower(mark) == "to" && is_ranked(tree, h)
}

/// "the first ship", "the only Axis ship", "the largest city".
fn is_ranked(tree: &Tree, noun: usize) -> bool {
    tree.children(noun).iter().any(|&c| {
        tree.xpos(c) == Xpos::Jjs
            || matches!(
                tree.lower(c).as_str(),
                "first" | "last" | "only" | "next" | "second" | "third"
            )
    })
}

fn is_relative_pronoun(tree: &Tree, i: usize) -> bool {
    matches!(tree.xpos(i), Xpos::Wdt | Xpos::Wp)
}

/// The noun that relative clause `v`, whose subject is `pronoun`, is
/// about: the clause's head when it was parsed as a relative clause,
/// otherwise the name or noun right before "who" / "which" / "that"
/// ("Abdullah Abdullah, who is negotiating", parsed as an adverbial clause
/// of the main verb). A misparse must not leave the clause without subject.
fn relative_antecedent(tree: &Tree, v: usize, pronoun: usize) -> Option<usize> {
    if tree.rel(v) == DepRel::AclRelcl {
        return tree.head(v);
    }
    if !matches!(tree.lower(pronoun).as_str(), "who" | "which" | "that") {
        return None;
    }
    let before = (0..pronoun).rev().find(|&j| !tree.is_punct(j))?;
    if !matches!(tree.upos(before), Upos::Noun | Upos::Propn) {
        return None;
    }
    // Up from the last word of "Abdullah Abdullah" or "think tank" to the
    // word that heads the name or compound.
    let mut noun = before;
    while matches!(tree.rel(noun), DepRel::Flat | DepRel::Compound) {
        match tree.head(noun) {
            Some(h) if matches!(tree.upos(h), Upos::Noun | Upos::Propn) => noun = h,
            _ => break,
        }
    }
    Some(noun)
}

/// Oblique nominals with their case marker, temporal ones excluded.
fn obliques(tree: &Tree, v: usize) -> Vec<(usize, String)> {
    tree.children(v)
        .iter()
        .copied()
        .filter(|&c| tree.rel(c) == DepRel::Obl)
        .filter_map(|c| Some((c, tree.case_marker(c)?)))
        .filter(|(c, _)| !is_temporal(tree, *c))
        .collect()
}

/// The oblique that completes the verb: the first one after it ("called
/// for resistance"), not a fronted setting ("In a series of texts, ...").
fn take_first(obls: &mut Vec<(usize, String)>, verb: usize) -> Option<(usize, String)> {
    let i = obls
        .iter()
        .position(|&(o, _)| o > verb)
        .or((!obls.is_empty()).then_some(0))?;
    Some(obls.remove(i))
}

/// Dates and times are qualifiers, not arguments.
pub fn is_temporal(tree: &Tree, i: usize) -> bool {
    const TIME_WORDS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "time",
        "moment",
        "today",
        "yesterday",
        "tomorrow",
        "1990s",
        "decade",
        "decades",
    ];
    let w = tree.lower(i);
    TIME_WORDS.contains(&w.as_str())
        || (tree.upos(i) == Upos::Num && w.len() == 4 && w.starts_with(['1', '2']))
        || matches!(tree.rel(i), DepRel::OblTmod | DepRel::NmodTmod)
}

/// Polarity, modality and speaker of the clause headed by `v`, looking at
/// its governors: negation inherited through control ("have not sought to
/// invade"), intention verbs, conditionals, reported speech.
fn stance(tree: &Tree, v: usize) -> (Polarity, Modality, Option<usize>) {
    let mut negated = tree.is_negated(v);
    let mut modality = Modality::Asserted;
    let mut speaker = None;
    let mut n = v;
    loop {
        if is_conditional(tree, n) {
            modality = Modality::Conditional;
        }
        let Some(h) = tree.head(n) else { break };
        match tree.rel(n) {
            DepRel::Xcomp => {
                negated ^= tree.is_negated(h);
                if INTENTION.contains(&tree.lemma(h)) && modality == Modality::Asserted {
                    modality = Modality::Intended;
                }
            }
            DepRel::Ccomp if SPEECH.contains(&tree.lemma(h)) => {
                if modality == Modality::Asserted {
                    modality = Modality::Reported;
                }
                speaker = speaker.or_else(|| tree.child(h, DepRel::Nsubj));
            }
            DepRel::Conj => {}
            _ => {
                if !matches!(tree.rel(n), DepRel::Ccomp | DepRel::Advcl) {
                    break;
                }
            }
        }
        n = h;
    }
    // "“...,” said X": the reporting verb hangs off the quoted clause.
    for &c in tree.children(n) {
        if matches!(tree.rel(c), DepRel::Parataxis | DepRel::Ccomp)
            && SPEECH.contains(&tree.lemma(c))
            && c > v
            && let Some(s) = tree.child(c, DepRel::Nsubj)
        {
            speaker = speaker.or(Some(s));
            if modality == Modality::Asserted {
                modality = Modality::Reported;
            }
        }
    }
    let polarity = if negated {
        Polarity::Negative
    } else {
        Polarity::Positive
    };
    (polarity, modality, speaker)
}

fn is_conditional(tree: &Tree, v: usize) -> bool {
    let if_mark = |n: usize| {
        tree.children_with(n, DepRel::Mark)
            .any(|m| matches!(tree.lower(m).as_str(), "if" | "unless"))
    };
    (tree.rel(v) == DepRel::Advcl && if_mark(v))
        || tree.children_with(v, DepRel::Advcl).any(if_mark)
}

/// "X is Y", "X is not under Taliban control", "X is the son of Y".
fn copular(tree: &Tree, n: usize, out: &mut Vec<Proposition>) {
    let Some(subject) = tree.child(n, DepRel::Nsubj) else {
        return;
    };
    let (polarity, modality, speaker) = stance(tree, n);
    let mut toks: Vec<usize> = tree.children_with(n, DepRel::Cop).collect();
    toks.extend(tree.children(n).iter().copied().filter(|&c| {
        tree.rel(c) == DepRel::Advmod && matches!(tree.lower(c).as_str(), "not" | "never")
    }));
    toks.extend(tree.children_with(n, DepRel::Aux));
    let cop = tree.child(n, DepRel::Cop).expect("copular head has a cop");
    let (key, object, pattern) = match (tree.case_marker(n), relational_of(tree, n)) {
        (Some(prep), _) => {
            toks.extend(tree.child(n, DepRel::Case));
            (format!("be_{prep}"), n, Pattern::Copula)
        }
        (None, Some((target, prep))) => {
            toks.push(n);
            toks.extend(tree.child(target, DepRel::Case));
            (
                format!("{}_{prep}", tree.lemma(n).to_lowercase()),
                target,
                Pattern::RelationalNoun,
            )
        }
        (None, None) => (tree.lemma(cop).to_lowercase(), n, Pattern::Copula),
    };
    if key == "be_under"
        && let Some(control) = under_control(tree, n, subject, polarity, modality)
    {
        out.push(control);
        return;
    }
    let object_arg = if object == n && pattern == Pattern::Copula {
        Arg {
            head: n,
            tokens: tree.subtree_where(n, &|c| {
                matches!(
                    tree.rel(c),
                    DepRel::Nsubj
                        | DepRel::Cop
                        | DepRel::Punct
                        | DepRel::Case
                        | DepRel::Cc
                        | DepRel::Conj
                ) || (tree.rel(c) == DepRel::Advmod
                    && matches!(tree.lower(c).as_str(), "not" | "never"))
                    || matches!(
                        tree.rel(c),
                        DepRel::Aux
                            | DepRel::Advcl
                            | DepRel::Parataxis
                            | DepRel::Ccomp
                            | DepRel::Mark
                    )
            }),
        }
    } else {
        arg(tree, object)
    };
    for s in tree.conjuncts(subject) {
        out.push(Proposition {
            subject: arg(tree, s),
            relation: RelPhrase {
                head: n,
                tokens: sorted(toks.clone()),
                key: key.clone(),
            },
            object: Some(object_arg.clone()),
            extras: Vec::new(),
            polarity,
            modality,
            speaker: speaker.map(|s| arg(tree, s)),
            pattern,
        });
    }
}

/// "X is (not) under Taliban control" → (Taliban, control, X).
fn under_control(
    tree: &Tree,
    n: usize,
    subject: usize,
    polarity: Polarity,
    modality: Modality,
) -> Option<Proposition> {
    if tree.lemma(n) != "control" {
        return None;
    }
    let controller = tree.children(n).iter().copied().find(|&c| {
        matches!(tree.rel(c), DepRel::Compound | DepRel::NmodPoss) && is_named(tree, c)
    })?;
    Some(Proposition {
        subject: arg(tree, controller),
        relation: RelPhrase {
            head: n,
            tokens: vec![n],
            key: "control".to_string(),
        },
        object: Some(arg(tree, subject)),
        extras: Vec::new(),
        polarity,
        modality,
        speaker: None,
        pattern: Pattern::Copula,
    })
}

/// A relational noun's target: "son of X" → (X, "of"), "professor at X".
fn relational_of(tree: &Tree, noun: usize) -> Option<(usize, String)> {
    if !matches!(tree.upos(noun), Upos::Noun) {
        return None;
    }
    let targets: Vec<(usize, String)> = tree
        .children_with(noun, DepRel::Nmod)
        .filter_map(|m| Some((m, tree.case_marker(m)?)))
        .filter(|(_, p)| matches!(p.as_str(), "of" | "at" | "for" | "in" | "to" | "with"))
        .collect();
    // "professor of political science at Lund University": the named
    // target says where; the other is the field.
    let named = targets.iter().position(|&(m, _)| is_named(tree, m));
    let i = named.unwrap_or(0);
    targets.into_iter().nth(i).or_else(|| {
        // "Massoud's son": a possessor is the target of a kinship noun.
        let possessor = tree.child(noun, DepRel::NmodPoss)?;
        (is_named(tree, possessor) && KINSHIP_NOUNS.contains(&tree.lemma(noun)))
            .then(|| (possessor, "of".to_string()))
    })
}

/// "Ahmad Massoud, son of X"; "the head of Russian diplomacy, Sergei Lavrov";
/// "Emergency, an Italian NGO".
fn apposition(tree: &Tree, a: usize, out: &mut Vec<Proposition>) {
    let Some(h) = tree.head(a) else { return };
    let (name, description) = match (is_named(tree, h), is_named(tree, a)) {
        (true, false) => (h, a),
        (false, true) => (a, h),
        _ => return,
    };
    if tree.upos(description) != Upos::Noun {
        return;
    }
    describe(tree, name, description, Pattern::Apposition, out);
}

/// "Mr. Saleh, born in Panchir and head of Afghan intelligence": a noun
/// coordinated with a participle that describes a name describes it too.
fn described_by_conjunct(tree: &Tree, noun: usize) -> Option<usize> {
    if tree.rel(noun) != DepRel::Conj || tree.upos(noun) != Upos::Noun {
        return None;
    }
    let mut modifier = tree.head(noun)?;
    // Low attachment: "head" parsed as a second object of "in Panchir". A
    // bare common noun is not a second place name sharing the preposition.
    if tree.rel(modifier) == DepRel::Obl
        && is_named(tree, modifier)
        && tree.case_marker(noun).is_none()
    {
        modifier = tree.head(modifier)?;
    }
    if tree.rel(modifier) != DepRel::Acl || tree.upos(modifier) != Upos::Verb {
        return None;
    }
    tree.head(modifier).filter(|&name| is_named(tree, name))
}

/// "Ahmah Shah Massoud, son of the famous commander Massoud" when the parser
/// attached "son" far away: a bare noun with an "of" complement right after
/// "<name>," is that name's apposition. Returns the name.
fn misattached_apposition(tree: &Tree, noun: usize) -> Option<usize> {
    if tree.upos(noun) != Upos::Noun || tree.rel(noun) == DepRel::Appos || noun < 2 {
        return None;
    }
    let (comma, name) = (noun - 1, noun - 2);
    let bare = tree.child(noun, DepRel::Det).is_none();
    let of_complement = tree
        .children_with(noun, DepRel::Nmod)
        .any(|m| tree.case_marker(m).as_deref() == Some("of"));
    let after_name =
        tree.word(comma) == "," && is_name(tree, name) && tree.head(noun) != Some(name);
    (bare && of_complement && after_name).then_some(name)
}

/// Name modifiers: "Bill Roggio of the US think tank FDD", "Lund
/// University in Sweden".
fn name_modifiers(tree: &Tree, name: usize, out: &mut Vec<Proposition>) {
    for m in tree.children_with(name, DepRel::Nmod) {
        let Some(prep) = tree.case_marker(m) else {
            continue;
        };
        // "Bill Roggio of FDD"; "Lund University in Sweden".
        let wanted = match prep.as_str() {
            "of" => is_named(tree, m) || tree.upos(m) == Upos::Noun,
            "in" => is_named(tree, m),
            _ => false,
        };
        if !wanted {
            continue;
        }
        out.push(Proposition {
            subject: arg(tree, name),
            relation: RelPhrase {
                head: m,
                tokens: tree.child(m, DepRel::Case).into_iter().collect(),
                key: prep.clone(),
            },
            object: Some(arg(tree, m)),
            extras: Vec::new(),
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            speaker: None,
            pattern: Pattern::RelationalNoun,
        });
    }
}

/// Facts from a description of a name: a relational noun gives `noun_prep`
/// to its target; any description gives `is` (role or class).
fn describe(tree: &Tree, name: usize, noun: usize, pattern: Pattern, out: &mut Vec<Proposition>) {
    let base = |relation: RelPhrase, object: Arg, pattern| Proposition {
        subject: arg(tree, name),
        relation,
        object: Some(object),
        extras: Vec::new(),
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        speaker: None,
        pattern,
    };
    if let Some((target, prep)) = relational_of(tree, noun) {
        let mut toks = vec![noun];
        toks.extend(tree.child(target, DepRel::Case));
        for t in tree.conjuncts(target) {
            out.push(base(
                RelPhrase {
                    head: noun,
                    tokens: sorted(toks.clone()),
                    key: format!("{}_{prep}", tree.lemma(noun).to_lowercase()),
                },
                arg(tree, t),
                Pattern::RelationalNoun,
            ));
        }
    }
    let description = Arg {
        head: noun,
        tokens: tree.subtree_where(noun, &|c| {
            matches!(
                tree.rel(c),
                DepRel::Punct | DepRel::Appos | DepRel::AclRelcl | DepRel::Acl
            )
        }),
    };
    out.push(base(
        RelPhrase {
            head: noun,
            tokens: Vec::new(),
            key: "is".to_string(),
        },
        description,
        pattern,
    ));
}

/// Whether `i` heads a proper name (or is one of its words).
pub fn is_named(tree: &Tree, i: usize) -> bool {
    tree.upos(i) == Upos::Propn
}

/// The argument headed by `i`: its subtree without clauses, appositions and
/// edge punctuation.
pub fn arg(tree: &Tree, i: usize) -> Arg {
    let mut tokens = tree.subtree_where(i, &|c| {
        matches!(
            tree.rel(c),
            DepRel::AclRelcl
                | DepRel::Appos
                | DepRel::Conj
                | DepRel::Cc
                | DepRel::Case
                | DepRel::Parataxis
                | DepRel::Punct
                | DepRel::Acl
                | DepRel::Advcl
                | DepRel::Ccomp
                | DepRel::Mark
        ) || (tree.rel(c) == DepRel::Det && tree.lower(c) == "no")
    });
    while tokens.len() > 1 && tree.is_punct(tokens[tokens.len() - 1]) {
        tokens.pop();
    }
    while tokens.len() > 1 && tree.is_punct(tokens[0]) {
        tokens.remove(0);
    }
    Arg { head: i, tokens }
}

fn sorted(mut toks: Vec<usize>) -> Vec<usize> {
    toks.sort_unstable();
    toks.dedup();
    toks
}
