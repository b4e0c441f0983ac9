//! Propositions in CaRB's tabbed format, one extraction per line:
//! `sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2<TAB>...`, the
//! format `kg eval openie` scores. Arguments are surface token spans, as
//! Open IE benchmarks expect, not resolved entities.

use std::fmt::Write as _;

use super::clause::{self, Arg, Pattern, Proposition};
use super::tree::Tree;
use crate::nlp::Xpos;
use crate::nlp::parser::DepRel;
use crate::nlp::pipeline::Document;

/// CaRB lines for every proposition of every sentence of `doc`.
pub fn write(doc: &Document, text: &str) -> String {
    let mut out = String::new();
    for sentence in &doc.sentences {
        let tree = Tree::new(sentence, text);
        let sentence_text = sentence.span.text(text).unwrap_or("").trim();
        let mut seen = Vec::new();
        for p in clause::propositions(&tree) {
            let Some(line) = fields(&tree, &p) else {
                continue;
            };
            if seen.contains(&line) {
                continue;
            }
            let _ = writeln!(out, "{sentence_text}\t{:.2}\t{line}", confidence(&tree, &p));
            seen.push(line);
        }
    }
    out
}

/// `relation<TAB>arg1<TAB>arg2...`, or `None` for propositions Open IE does
/// not count (no second argument, or a bare "of"/"in" between a name and its
/// modifier, which CaRB never annotates).
fn fields(tree: &Tree, p: &Proposition) -> Option<String> {
    if matches!(p.relation.key.as_str(), "of" | "in") && p.pattern == Pattern::RelationalNoun {
        return None;
    }
    let mut times = temporal_extras(tree, p);
    let (mut rel_toks, object) = match &p.object {
        Some(o) => (p.relation.tokens.clone(), span(tree, o)),
        None => second_argument(tree, p, &mut times)?,
    };
    let (arg1, arg2) = match (passive_agent(tree, p), &p.object) {
        (Some(by), Some(o)) => {
            rel_toks.extend(tree.subtree(by));
            (span(tree, o), span(tree, &p.subject))
        }
        _ => (span(tree, &p.subject), object),
    };
    rel_toks.sort_unstable();
    let relation = match tree.words(&rel_toks) {
        r if r.is_empty() => "is".to_string(),
        r => r,
    };
    let mut fields = vec![relation, tree.words(&arg1), tree.words(&arg2)];
    fields.extend(
        p.extras
            .iter()
            .chain(&times)
            .map(|a| tree.words(&marked(tree, a))),
    );
    Some(fields.join("\t"))
}

/// For a proposition without an object, what CaRB takes as the second
/// argument: a clausal complement ("said | X | the agreement is subject to
/// approval"), its "that" joining the relation, or else a time ("stayed |
/// He | for less than a year"), taken out of `times`. Returns the relation
/// tokens and the argument.
fn second_argument(
    tree: &Tree,
    p: &Proposition,
    times: &mut Vec<Arg>,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut rel_toks = p.relation.tokens.clone();
    if let Some(c) = tree.child(p.relation.head, DepRel::Ccomp) {
        let marks: Vec<usize> = tree.children_with(c, DepRel::Mark).collect();
        rel_toks.extend(&marks);
        let toks = tree.subtree_where(c, &|t| marks.contains(&t));
        return Some((rel_toks, trim_punct(tree, toks)));
    }
    if times.is_empty() {
        return None;
    }
    Some((rel_toks, marked(tree, &times.remove(0))))
}

/// The agent's "by" when `p` is a passive read actively ("killed by X" →
/// (X, kill, Y)): CaRB annotates the passive as written, (Y, killed by, X).
fn passive_agent(tree: &Tree, p: &Proposition) -> Option<usize> {
    if p.pattern != Pattern::Passive {
        return None;
    }
    let agent = tree.child(p.relation.head, DepRel::OblAgent)?;
    if !tree.conjuncts(agent).contains(&p.subject.head) {
        return None;
    }
    tree.child(agent, DepRel::Case)
}

/// Dates and times attached to the predicate ("In 1981", "during 1941"),
/// which the KG keeps as qualifiers but CaRB counts as arguments.
fn temporal_extras(tree: &Tree, p: &Proposition) -> Vec<Arg> {
    let v = p.relation.head;
    let taken = |c: usize| {
        p.subject.head == c
            || p.object.as_ref().is_some_and(|o| o.head == c)
            || p.extras.iter().any(|a| a.head == c)
    };
    tree.children(v)
        .iter()
        .copied()
        .filter(|&c| matches!(tree.rel(c), DepRel::Obl | DepRel::OblTmod))
        .filter(|&c| clause::is_temporal(tree, c) && !taken(c))
        .map(|c| clause::arg(tree, c))
        .collect()
}

/// An argument's surface for Open IE: the KG argument plus the prepositions
/// inside it ("all of its powers", "the bars of a cell window"), which the
/// KG drops but CaRB's gold spans keep, without the clause words of a
/// predicate head ("the only Axis ship" in "Kormoran was the only Axis ship
/// to conduct attacks"). A relative pronoun stands for its antecedent.
fn span(tree: &Tree, a: &Arg) -> Vec<usize> {
    if let Some(antecedent) = antecedent(tree, a.head) {
        return span(tree, &clause::arg(tree, antecedent));
    }
    let clause_words: Vec<usize> = tree
        .children(a.head)
        .iter()
        .copied()
        .filter(|&c| {
            matches!(
                tree.rel(c),
                DepRel::Nsubj
                    | DepRel::NsubjPass
                    | DepRel::Cop
                    | DepRel::Aux
                    | DepRel::AuxPass
                    | DepRel::Expl
            )
        })
        .flat_map(|c| tree.subtree(c))
        .collect();
    let mut toks: Vec<usize> = a
        .tokens
        .iter()
        .copied()
        .filter(|t| !clause_words.contains(t))
        .collect();
    for &t in &toks.clone() {
        if t == a.head {
            continue;
        }
        for c in tree.children_with(t, DepRel::Case) {
            toks.extend(tree.subtree(c));
        }
    }
    toks.sort_unstable();
    toks.dedup();
    toks
}

/// `toks` without punctuation at either end (a quote closing the clause).
fn trim_punct(tree: &Tree, mut toks: Vec<usize>) -> Vec<usize> {
    while toks.len() > 1 && toks.last().is_some_and(|&t| tree.is_punct(t)) {
        toks.pop();
    }
    while toks.len() > 1 && tree.is_punct(toks[0]) {
        toks.remove(0);
    }
    toks
}

/// The noun a relative pronoun refers to: "who" in "a boss, who is larger".
fn antecedent(tree: &Tree, i: usize) -> Option<usize> {
    if !matches!(tree.xpos(i), Xpos::Wdt | Xpos::Wp) {
        return None;
    }
    let clause = tree.head(i)?;
    (tree.rel(clause) == DepRel::AclRelcl)
        .then(|| tree.head(clause))
        .flatten()
}

/// An extra argument with its own preposition ("to the Flemish Community"),
/// since the relation phrase does not carry it.
fn marked(tree: &Tree, a: &Arg) -> Vec<usize> {
    let mut toks = span(tree, a);
    if let Some(c) = tree.child(a.head, DepRel::Case) {
        toks.extend(tree.subtree(c));
    }
    toks.sort_unstable();
    toks.dedup();
    toks
}

/// How likely the tuple is right, for CaRB's precision-recall curve. The
/// pattern's base confidence, lowered where the dev set shows lower
/// precision: descriptions (appositions, relational nouns), subjects
/// inherited from a modified noun or a subordinate clause, objects read
/// before the verb (relative pronouns, passives), negation, and long
/// sentences, whose parses are less reliable.
fn confidence(tree: &Tree, p: &Proposition) -> f64 {
    let mut c = match p.pattern {
        Pattern::Verbal | Pattern::Passive => 0.9,
        Pattern::Copula => 0.75,
        Pattern::Apposition => 0.6,
        Pattern::RelationalNoun => 0.5,
    };
    let v = p.relation.head;
    let direct = tree.head(p.subject.head) == Some(v);
    c -= match tree.rel(v) {
        DepRel::Acl => 0.3,
        DepRel::AclRelcl if !direct => 0.2,
        DepRel::Advcl | DepRel::Ccomp => 0.15,
        DepRel::Conj => 0.05,
        _ => 0.0,
    };
    if p.object.as_ref().is_some_and(|o| o.head < v) {
        c -= 0.1;
    }
    if p.polarity == crate::model::Polarity::Negative {
        c -= 0.05;
    }
    c
}
