//! Query text → [`Query`]: the pest grammar, the tree builder and
//! user-facing syntax errors.
//!
//! Errors never mention grammar rules: pest's "expected rules" are mapped to
//! phrases ("a relation name", "'->' to close the relation"), and a few
//! common mistakes get a message of their own (see [`special_case`]).

use std::fmt;

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};

use super::ast::{
    CompareOp, Count, Direction, Edge, EntityRef, Filter, Hop, Literal, Modifiers, NonEmpty,
    Operand, PathMod, Pattern, PatternQuery, Query, RelRef, Relation, SortKey, Term, Var,
};

/// The generated parser. The grammar path is resolved by pest_derive
/// relative to the crate root (`CARGO_MANIFEST_DIR`) first, so this
/// attribute does not depend on where this module file lives.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/ask.pest"]
struct AskParser;

/// Prefixes understood in `prefix:local` names, and used by the compiler to
/// print IRIs compactly.
pub use crate::vocab::PREFIXES;

/// Words that start a graph command when they come first.
const COMMANDS: [&str; 6] = [
    "about",
    "path",
    "neighbors",
    "neighbours",
    "entities",
    "relations",
];

/// A query that does not parse: where, and what was expected, in the terms
/// of the query language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct AskSyntaxError {
    /// What is wrong, e.g. "expected '->' to close the relation 'claims'".
    pub message: String,
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column of the error, in characters.
    pub column: usize,
    /// The text of the line the error is on.
    pub source_line: String,
}

impl fmt::Display for AskSyntaxError {
    /// The message, then the query line with a caret under the column.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pad = " ".repeat(self.column.saturating_sub(1));
        write!(
            f,
            "{}\n  {}\n  {pad}^",
            self.message,
            self.source_line.trim_end()
        )
    }
}

impl AskSyntaxError {
    /// An error at byte offset `pos` of `input`.
    fn at(input: &str, pos: usize, message: impl Into<String>) -> Self {
        let pos = floor_char_boundary(input, pos.min(input.len()));
        let before = &input[..pos];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = input[pos..].find('\n').map_or(input.len(), |i| pos + i);
        AskSyntaxError {
            message: message.into(),
            line: before.matches('\n').count() + 1,
            column: input[line_start..pos].chars().count() + 1,
            source_line: input[line_start..line_end].to_owned(),
        }
    }
}

/// Parses one query.
pub fn parse(input: &str) -> Result<Query, AskSyntaxError> {
    if input.trim().is_empty() {
        return Err(AskSyntaxError::at(
            input,
            0,
            "empty query: expected a pattern such as 'Saleh -claims-> ?x' or a command such as 'about Saleh'",
        ));
    }
    let rule = if starts_with_command(input) {
        Rule::command_query
    } else {
        Rule::pattern_top
    };
    let mut pairs = AskParser::parse(rule, input).map_err(|e| friendly_error(input, &e))?;
    let top = next(&mut pairs, input)?;
    let first = next(&mut top.into_inner(), input)?;
    build_query(first, input)
}

/// True when the first word is a command keyword: commands reserve it, so
/// an entity called "Path" has to be quoted.
fn starts_with_command(input: &str) -> bool {
    let word: String = input
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    COMMANDS.contains(&word.as_str())
}

// ------------------------------------------------------------------ errors

/// What the user can type at a position, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Expect {
    Term,
    Relation,
    RelationName,
    CloseForward,
    CloseBackward,
    Class,
    VarName,
    Var,
    Integer,
    To,
    Operator,
    Pattern,
    Joiner,
    Where,
    And,
    Modifier,
    Bar,
    End,
}

impl Expect {
    fn phrase(self) -> &'static str {
        match self {
            Expect::Term => "a name, a variable or an IRI",
            Expect::Relation => "a relation arrow (-claims->, <-claims-, ->)",
            Expect::RelationName => "a relation name",
            Expect::CloseForward => "'->' to close the relation",
            Expect::CloseBackward => "'-' to close the relation",
            Expect::Class => "a class name such as Person",
            Expect::VarName => "a variable name such as ?x",
            Expect::Var => "a variable such as ?x",
            Expect::Integer => "a whole number",
            Expect::To => "'to'",
            Expect::Operator => "a comparison (= != < > <= >= ~ !~)",
            Expect::Pattern => "a quoted pattern such as \"massoud\"",
            Expect::Joiner => "',' or 'and'",
            Expect::Where => "'where'",
            Expect::And => "'and'",
            Expect::Modifier => "a modifier (limit, offset, count, distinct, sort, evidence)",
            Expect::Bar => "'|'",
            Expect::End => "the end of the query",
        }
    }
}

/// Maps a grammar rule to what the user should type, or `None` for rules
/// that add nothing to a message.
fn describe(rule: Rule) -> Option<Expect> {
    use Rule as R;
    Some(match rule {
        R::typed_var
        | R::var
        | R::typed_anon
        | R::anon
        | R::iri
        | R::prefixed_name
        | R::quoted_name
        | R::literal
        | R::number
        | R::name
        | R::pattern
        | R::entity
        | R::lone_name => Expect::Term,
        R::any_fwd | R::any_bwd | R::fwd | R::bwd => Expect::Relation,
        R::rel_names | R::rel_name | R::rel_var | R::rel_sep => Expect::RelationName,
        R::fwd_close => Expect::CloseForward,
        R::bwd_close => Expect::CloseBackward,
        R::class_name | R::class_filter => Expect::Class,
        R::var_name => Expect::VarName,
        R::sort_key | R::descending => Expect::Var,
        R::integer => Expect::Integer,
        R::kw_to => Expect::To,
        R::regex_op | R::compare_op => Expect::Operator,
        R::comma => Expect::Joiner,
        R::kw_and => Expect::And,
        R::kw_where | R::where_clause => Expect::Where,
        R::kw_limit
        | R::kw_offset
        | R::kw_count
        | R::kw_distinct
        | R::kw_sort
        | R::kw_evidence
        | R::limit
        | R::offset
        | R::count
        | R::distinct
        | R::sort
        | R::evidence => Expect::Modifier,
        R::bar | R::modifiers => Expect::Bar,
        R::EOI => Expect::End,
        _ => return None,
    })
}

/// Turns a pest error into an [`AskSyntaxError`] in user terms.
fn friendly_error(input: &str, error: &pest::error::Error<Rule>) -> AskSyntaxError {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    let mut expected: Vec<Expect> = positives.iter().filter_map(|r| describe(*r)).collect();
    expected.sort();
    expected.dedup();
    if expected.contains(&Expect::Joiner) {
        expected.retain(|e| *e != Expect::And);
    }
    if let Some((at, message)) = special_case(input, pos, &expected) {
        return AskSyntaxError::at(input, at, message);
    }
    AskSyntaxError::at(input, pos, generic_message(input, pos, &expected))
}

/// "expected A, B or C[ after 'x'][, found 'y']".
fn generic_message(input: &str, pos: usize, expected: &[Expect]) -> String {
    let mut phrases: Vec<&str> = expected.iter().map(|e| e.phrase()).collect();
    if phrases.is_empty() {
        phrases.push("something else");
    }
    let list = join_or(&phrases);
    let found = found_token(input, pos);
    if let Some(found) = &found
        && expected.contains(&Expect::End)
    {
        return format!("unexpected '{found}'; expected {list}");
    }
    match (previous_token(input, pos), found) {
        (Some(prev), None) => format!("expected {list} after '{prev}'"),
        (Some(prev), Some(found)) => format!("expected {list} after '{prev}', found '{found}'"),
        (None, Some(found)) => format!("expected {list}, found '{found}'"),
        (None, None) => format!("expected {list}"),
    }
}

/// Messages of their own for mistakes that the generic list explains badly.
/// Returns the byte position for the caret and the message.
fn special_case(input: &str, pos: usize, expected: &[Expect]) -> Option<(usize, String)> {
    let rest = input.get(pos..).unwrap_or("");
    let before = input.get(..pos).unwrap_or("");
    let next_char = rest.chars().next();
    if let Some(open) = unclosed(input, pos, expected) {
        return Some(open);
    }
    if expected.contains(&Expect::CloseForward) || expected.contains(&Expect::CloseBackward) {
        return Some(unclosed_relation(before, rest, pos, expected));
    }
    let in_arrow = before.ends_with('|') || before.ends_with('-');
    if expected.contains(&Expect::RelationName) && in_arrow {
        let after = if before.ends_with('|') { "'|'" } else { "'-'" };
        let hint = match next_char {
            Some(' ') => " (no spaces inside an arrow: write -claims->)",
            Some('>') => " (write -> for any relation)",
            _ => "",
        };
        return Some((pos, format!("expected a relation name after {after}{hint}")));
    }
    let prev = previous_token(input, pos).unwrap_or_default();
    if expected.contains(&Expect::Term) && (prev == "~" || prev == "!~") {
        return Some((
            pos,
            format!("expected {} after '{prev}'", Expect::Pattern.phrase()),
        ));
    }
    if expected.first() == Some(&Expect::Integer) && expected.len() == 1 {
        let keyword = previous_token(input, pos).unwrap_or_default();
        let found = found_token(input, pos)
            .map(|f| format!(", found '{f}'"))
            .unwrap_or_default();
        return Some((
            pos,
            format!("expected a whole number after '{keyword}'{found}"),
        ));
    }
    if expected.contains(&Expect::To) {
        let found = found_token(input, pos)
            .map(|f| format!(", found '{f}'"))
            .unwrap_or_default();
        return Some((
            pos,
            format!("expected 'to' between the two names, as in 'path Saleh to Panjshir'{found}"),
        ));
    }
    if expected.contains(&Expect::Relation) && next_char.is_none() {
        let prev = previous_token(input, pos).unwrap_or_default();
        return Some((
            pos,
            format!(
                "expected a relation after '{prev}', such as '{prev} -claims-> ?x' or '{prev} -> ?x'; \
                 to look at one entity, write 'about {prev}'"
            ),
        ));
    }
    None
}

/// "unclosed quote" / "unclosed IRI", with the caret on the opening
/// character rather than at the end of the query.
fn unclosed(input: &str, pos: usize, expected: &[Expect]) -> Option<(usize, String)> {
    let before = input.get(..pos).unwrap_or("");
    let at_end = input.get(pos..).is_none_or(|r| r.trim().is_empty());
    if !at_end {
        return None;
    }
    for (open, what) in [
        ('"', "unclosed quote: add '\"' at the end of the name"),
        ('\'', "unclosed quote: add ''' at the end of the text"),
    ] {
        if let Some(at) = unmatched_quote(before, open) {
            return Some((at, what.to_owned()));
        }
    }
    let _ = expected;
    if let Some(at) = before.rfind('<')
        && !before[at..].contains('>')
        && before[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic())
    {
        return Some((at, "unclosed IRI: add '>' at its end".to_owned()));
    }
    None
}

/// The byte offset of an opening `quote` that has no closing one, if any.
/// Backslash escapes are skipped; a `'` inside a word (O'Brien) is not a
/// quote.
fn unmatched_quote(text: &str, quote: char) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if open.is_some() && c == '\\' {
            chars.next();
        } else if c == quote {
            let inside_word = prev.is_some_and(|p| p.is_alphanumeric());
            match open {
                Some(_) => open = None,
                None if quote == '\'' && inside_word => {}
                None => open = Some(i),
            }
        }
        prev = Some(c);
    }
    open
}

/// The message for a relation arrow that is not closed, e.g.
/// `Saleh -claims ?x` or `?x <-son_of ?y`.
fn unclosed_relation(before: &str, rest: &str, pos: usize, expected: &[Expect]) -> (usize, String) {
    let backward = expected.contains(&Expect::CloseBackward);
    let close = if backward { "-" } else { "->" };
    let next_char = rest.chars().next();
    let name = before
        .rsplit(['-', '|', '<'])
        .next()
        .unwrap_or_default()
        .to_owned();
    if matches!(next_char, Some('+' | '*')) && name.starts_with('?') {
        return (
            pos,
            format!(
                "a relation variable like {name} cannot take '+' or '*'; name the relation instead"
            ),
        );
    }
    if rest.trim_start().starts_with(close) && next_char == Some(' ') {
        return (
            pos,
            format!("no spaces inside an arrow: write '{close}' right after '{name}'"),
        );
    }
    let found = found_token(rest, 0)
        .map(|f| format!(", found '{f}'"))
        .unwrap_or_default();
    let what = if name.is_empty() {
        "the relation".to_owned()
    } else {
        format!("the relation '{name}'")
    };
    (pos, format!("expected '{close}' to close {what}{found}"))
}

/// "A, B or C".
fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The word or symbol group just before `pos`, skipping spaces.
fn previous_token(input: &str, pos: usize) -> Option<String> {
    let before = input.get(..pos)?.trim_end();
    let token: String = before
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!token.is_empty()).then_some(token)
}

/// The word or symbol group at `pos`, if any (at most 20 characters).
fn found_token(input: &str, pos: usize) -> Option<String> {
    let rest = input.get(pos..)?;
    let token: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(20)
        .collect();
    (!token.is_empty()).then_some(token)
}

/// The largest char boundary not after `pos`.
fn floor_char_boundary(s: &str, mut pos: usize) -> usize {
    while pos > 0 && !s.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

// ------------------------------------------------------------------ tree

/// The next pair, or an internal error: the grammar guarantees the shape
/// of the tree, but a mismatch must not panic.
fn next<'i>(pairs: &mut Pairs<'i, Rule>, input: &str) -> Result<Pair<'i, Rule>, AskSyntaxError> {
    pairs.next().ok_or_else(|| internal(input, 0))
}

fn internal(input: &str, pos: usize) -> AskSyntaxError {
    AskSyntaxError::at(input, pos, "internal error: unexpected query structure")
}

fn build_query(pair: Pair<'_, Rule>, input: &str) -> Result<Query, AskSyntaxError> {
    match pair.as_rule() {
        Rule::about => {
            let mut inner = pair.into_inner();
            next(&mut inner, input)?; // keyword
            Ok(Query::About(entity_ref(next(&mut inner, input)?, input)?))
        }
        Rule::lone_name => Ok(Query::About(entity_ref(
            next(&mut pair.into_inner(), input)?,
            input,
        )?)),
        Rule::path => build_path(pair, input),
        Rule::neighbors => build_neighbors(pair, input),
        Rule::entities => build_entities(pair, input),
        Rule::relations => {
            let limit = command_limit(pair.into_inner().nth(1), "relations", input)?;
            Ok(Query::Relations { limit })
        }
        Rule::pattern_query => build_patterns(pair, input).map(|pq| Query::Patterns(Box::new(pq))),
        _ => Err(internal(input, pair.as_span().start())),
    }
}

fn build_path(pair: Pair<'_, Rule>, input: &str) -> Result<Query, AskSyntaxError> {
    let mut from = None;
    let mut to = None;
    let mut max = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::integer => max = Some(small_int(&p, input)?),
            Rule::kw_path | Rule::kw_to | Rule::kw_max => {}
            _ if from.is_none() => from = Some(entity_ref(p, input)?),
            _ => to = Some(entity_ref(p, input)?),
        }
    }
    match (from, to) {
        (Some(from), Some(to)) => Ok(Query::Path { from, to, max }),
        _ => Err(internal(input, 0)),
    }
}

fn build_neighbors(pair: Pair<'_, Rule>, input: &str) -> Result<Query, AskSyntaxError> {
    let mut name = None;
    let mut depth = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::integer => depth = Some(small_int(&p, input)?),
            Rule::kw_neighbors | Rule::kw_depth => {}
            _ => name = Some(entity_ref(p, input)?),
        }
    }
    let name = name.ok_or_else(|| internal(input, 0))?;
    Ok(Query::Neighbors { name, depth })
}

fn build_entities(pair: Pair<'_, Rule>, input: &str) -> Result<Query, AskSyntaxError> {
    let mut class = None;
    let mut limit = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::class_filter => {
                class = Some(p.as_str().trim_start_matches(':').to_owned());
            }
            Rule::modifiers => limit = command_limit(Some(p), "entities", input)?,
            _ => {}
        }
    }
    Ok(Query::Entities { class, limit })
}

/// The `| limit N` of `entities` and `relations`, the only modifier they
/// take.
fn command_limit(
    modifiers: Option<Pair<'_, Rule>>,
    command: &str,
    input: &str,
) -> Result<Option<u64>, AskSyntaxError> {
    let Some(modifiers) = modifiers else {
        return Ok(None);
    };
    let parsed = build_modifiers(modifiers, input)?;
    let only_limit = Modifiers {
        limit: parsed.limit,
        ..Modifiers::default()
    };
    if parsed != only_limit {
        let at = input.find('|').unwrap_or(0);
        return Err(AskSyntaxError::at(
            input,
            at,
            format!("'{command}' only takes '| limit N'"),
        ));
    }
    Ok(parsed.limit)
}

fn entity_ref(pair: Pair<'_, Rule>, input: &str) -> Result<EntityRef, AskSyntaxError> {
    match pair.as_rule() {
        Rule::name => Ok(EntityRef::Name(normalize_spaces(pair.as_str()))),
        Rule::quoted_name => Ok(EntityRef::Name(quoted_text(pair, input)?)),
        Rule::iri => Ok(EntityRef::Iri(iri_text(pair, input)?)),
        Rule::prefixed_name => Ok(EntityRef::Iri(expand_prefixed(&pair, input)?)),
        _ => Err(internal(input, pair.as_span().start())),
    }
}

fn build_patterns(pair: Pair<'_, Rule>, input: &str) -> Result<PatternQuery, AskSyntaxError> {
    let mut patterns = Vec::new();
    let mut filters = Vec::new();
    let mut modifiers = Modifiers::default();
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::pattern => patterns.push(build_pattern(p, input)?),
            Rule::where_clause => {
                for f in p.into_inner().filter(|f| f.as_rule() == Rule::filter) {
                    filters.push(build_filter(f, input)?);
                }
            }
            Rule::modifiers => modifiers = build_modifiers(p, input)?,
            _ => {}
        }
    }
    let patterns = NonEmpty::from_vec(patterns).ok_or_else(|| internal(input, 0))?;
    Ok(PatternQuery {
        patterns,
        filters,
        modifiers,
    })
}

fn build_pattern(pair: Pair<'_, Rule>, input: &str) -> Result<Pattern, AskSyntaxError> {
    let mut inner = pair.into_inner();
    let start = build_term(next(&mut inner, input)?, input)?;
    let mut hops = Vec::new();
    while let Some(edge) = inner.next() {
        let edge = build_edge(edge, input)?;
        let term = build_term(next(&mut inner, input)?, input)?;
        hops.push(Hop { edge, term });
    }
    let hops = NonEmpty::from_vec(hops).ok_or_else(|| internal(input, 0))?;
    Ok(Pattern { start, hops })
}

fn build_term(pair: Pair<'_, Rule>, input: &str) -> Result<Term, AskSyntaxError> {
    Ok(match pair.as_rule() {
        Rule::var => Term::Var {
            var: var_of(pair, input)?,
            class: None,
        },
        Rule::typed_var => {
            let mut inner = pair.into_inner();
            let var = var_from_name(next(&mut inner, input)?, input)?;
            let class = next(&mut inner, input)?.as_str().to_owned();
            Term::Var {
                var,
                class: Some(class),
            }
        }
        Rule::anon => Term::Anon { class: None },
        Rule::typed_anon => Term::Anon {
            class: Some(next(&mut pair.into_inner(), input)?.as_str().to_owned()),
        },
        Rule::literal | Rule::number => Term::Literal(literal(pair, input)?),
        _ => match entity_ref(pair, input)? {
            EntityRef::Name(n) => Term::Name(n),
            EntityRef::Iri(i) => Term::Iri(i),
        },
    })
}

fn build_edge(pair: Pair<'_, Rule>, input: &str) -> Result<Edge, AskSyntaxError> {
    let direction = match pair.as_rule() {
        Rule::any_fwd | Rule::fwd => Direction::Forward,
        _ => Direction::Backward,
    };
    if matches!(pair.as_rule(), Rule::any_fwd | Rule::any_bwd) {
        return Ok(Edge {
            direction,
            relation: Relation::Any(PathMod::One),
        });
    }
    let mut refs = None;
    let mut path = PathMod::One;
    let mut var = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::rel_var => var = Some(var_of(p, input)?),
            Rule::rel_names => refs = Some(rel_refs(p, input)?),
            Rule::path_mod if p.as_str() == "+" => path = PathMod::OneOrMore,
            Rule::path_mod => path = PathMod::ZeroOrMore,
            _ => {}
        }
    }
    let relation = match (var, refs) {
        (Some(v), _) => Relation::Var(v),
        (None, Some(refs)) => Relation::Names { refs, path },
        (None, None) => Relation::Any(path),
    };
    Ok(Edge {
        direction,
        relation,
    })
}

fn rel_refs(pair: Pair<'_, Rule>, input: &str) -> Result<NonEmpty<RelRef>, AskSyntaxError> {
    let mut refs = Vec::new();
    for p in pair.into_inner() {
        let r = match p.as_rule() {
            Rule::rel_sep => continue,
            Rule::rel_name => RelRef::Name(p.as_str().to_owned()),
            _ => match entity_ref(p, input)? {
                EntityRef::Name(n) => RelRef::Name(n),
                EntityRef::Iri(i) => RelRef::Iri(i),
            },
        };
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    NonEmpty::from_vec(refs).ok_or_else(|| internal(input, 0))
}

fn build_filter(pair: Pair<'_, Rule>, input: &str) -> Result<Filter, AskSyntaxError> {
    let mut inner = pair.into_inner();
    let left = var_of(next(&mut inner, input)?, input)?;
    let op = next(&mut inner, input)?;
    let right = next(&mut inner, input)?;
    if op.as_rule() == Rule::regex_op {
        let pattern = match right.as_rule() {
            Rule::literal => sq_text(right, input)?,
            _ => quoted_text(right, input)?,
        };
        return Ok(Filter::Regex {
            var: left,
            pattern,
            negated: op.as_str() == "!~",
        });
    }
    let op = match op.as_str() {
        "=" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        ">" => CompareOp::Gt,
        _ => CompareOp::Ge,
    };
    let right = match right.as_rule() {
        Rule::var => Operand::Var(var_of(right, input)?),
        Rule::literal | Rule::number => Operand::Literal(literal(right, input)?),
        _ => match entity_ref(right, input)? {
            EntityRef::Name(n) => Operand::Name(n),
            EntityRef::Iri(i) => Operand::Iri(i),
        },
    };
    Ok(Filter::Compare { left, op, right })
}

/// Builds the modifiers, rejecting repeats and combinations that have no
/// meaning, with the caret on the offending modifier.
fn build_modifiers(pair: Pair<'_, Rule>, input: &str) -> Result<Modifiers, AskSyntaxError> {
    let mut m = Modifiers::default();
    let mut seen: Vec<Rule> = Vec::new();
    for p in pair.into_inner().filter(|p| p.as_rule() != Rule::bar) {
        let start = p.as_span().start();
        let rule = p.as_rule();
        if seen.contains(&rule) {
            let word = p.as_str().split_whitespace().next().unwrap_or_default();
            return Err(AskSyntaxError::at(
                input,
                start,
                format!("'{word}' is given twice"),
            ));
        }
        seen.push(rule);
        apply_modifier(&mut m, p, input)?;
        check_modifiers(&m, start, input)?;
    }
    Ok(m)
}

fn apply_modifier(m: &mut Modifiers, p: Pair<'_, Rule>, input: &str) -> Result<(), AskSyntaxError> {
    let rule = p.as_rule();
    let mut vars = Vec::new();
    let mut number = None;
    let mut sort = Vec::new();
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::var => vars.push(var_of(q, input)?),
            Rule::integer => number = Some(big_int(&q, input)?),
            Rule::sort_key => sort.push(SortKey {
                descending: q.as_str().starts_with('-'),
                var: var_of(
                    q.into_inner()
                        .find(|v| v.as_rule() == Rule::var)
                        .ok_or_else(|| internal(input, 0))?,
                    input,
                )?,
            }),
            _ => {}
        }
    }
    match rule {
        Rule::limit => m.limit = number,
        Rule::offset => m.offset = number,
        Rule::count => {
            m.count = Some(NonEmpty::from_vec(vars).map_or(Count::Total, Count::By));
        }
        Rule::distinct => m.distinct = vars,
        Rule::sort => m.sort = sort,
        Rule::evidence => m.evidence = true,
        _ => return Err(internal(input, 0)),
    }
    Ok(())
}

/// Combinations that would silently do something else than asked.
fn check_modifiers(m: &Modifiers, at: usize, input: &str) -> Result<(), AskSyntaxError> {
    let message = match &m.count {
        Some(Count::Total) if !m.sort.is_empty() => {
            "'sort' has nothing to sort after 'count' (use 'count by ?x' to count per value)"
        }
        Some(_) if m.evidence => {
            "'evidence' cannot be combined with 'count': it lists facts, 'count' sums them"
        }
        _ => return Ok(()),
    };
    Err(AskSyntaxError::at(input, at, message))
}

fn var_of(pair: Pair<'_, Rule>, input: &str) -> Result<Var, AskSyntaxError> {
    let start = pair.as_span().start();
    let name = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::var_name)
        .ok_or_else(|| internal(input, start))?;
    var_from_name(name, input)
}

fn var_from_name(pair: Pair<'_, Rule>, input: &str) -> Result<Var, AskSyntaxError> {
    Var::new(pair.as_str()).ok_or_else(|| internal(input, pair.as_span().start()))
}

fn literal(pair: Pair<'_, Rule>, input: &str) -> Result<Literal, AskSyntaxError> {
    match pair.as_rule() {
        Rule::number => Ok(Literal::Number(pair.as_str().to_owned())),
        _ => Ok(Literal::Text(sq_text(pair, input)?)),
    }
}

/// The unescaped text of a `"..."` pair.
fn quoted_text(pair: Pair<'_, Rule>, input: &str) -> Result<String, AskSyntaxError> {
    let body = body_of(pair, Rule::dq_body, input)?;
    Ok(unescape(&body))
}

/// The unescaped text of a `'...'` pair.
fn sq_text(pair: Pair<'_, Rule>, input: &str) -> Result<String, AskSyntaxError> {
    let body = body_of(pair, Rule::sq_body, input)?;
    Ok(unescape(&body))
}

fn iri_text(pair: Pair<'_, Rule>, input: &str) -> Result<String, AskSyntaxError> {
    let start = pair.as_span().start();
    let body = body_of(pair, Rule::iri_body, input)?;
    if !body.contains(':') {
        return Err(AskSyntaxError::at(
            input,
            start,
            format!("'<{body}>' is not a full IRI: it needs a scheme such as https:"),
        ));
    }
    Ok(body)
}

fn body_of(pair: Pair<'_, Rule>, rule: Rule, input: &str) -> Result<String, AskSyntaxError> {
    let start = pair.as_span().start();
    pair.into_inner()
        .find(|p| p.as_rule() == rule)
        .map(|p| p.as_str().to_owned())
        .ok_or_else(|| internal(input, start))
}

/// `\x` → `x` for every character: enough for quotes and backslashes.
fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(escaped) = chars.next() {
                out.push(escaped);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn expand_prefixed(pair: &Pair<'_, Rule>, input: &str) -> Result<String, AskSyntaxError> {
    let text = pair.as_str();
    let (prefix, local) = text.split_once(':').unwrap_or((text, ""));
    match PREFIXES.iter().find(|(p, _)| *p == prefix) {
        Some((_, ns)) => Ok(format!("{ns}{local}")),
        None => {
            let known: Vec<&str> = PREFIXES.iter().map(|(p, _)| *p).collect();
            Err(AskSyntaxError::at(
                input,
                pair.as_span().start(),
                format!(
                    "unknown prefix '{prefix}:'; known prefixes: {}",
                    known.join(", ")
                ),
            ))
        }
    }
}

/// Multi-word bare names may be typed with several spaces between words.
fn normalize_spaces(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn small_int(pair: &Pair<'_, Rule>, input: &str) -> Result<u32, AskSyntaxError> {
    pair.as_str().parse().map_err(|_| too_large(pair, input))
}

fn big_int(pair: &Pair<'_, Rule>, input: &str) -> Result<u64, AskSyntaxError> {
    pair.as_str().parse().map_err(|_| too_large(pair, input))
}

fn too_large(pair: &Pair<'_, Rule>, input: &str) -> AskSyntaxError {
    AskSyntaxError::at(input, pair.as_span().start(), "this number is too large")
}
