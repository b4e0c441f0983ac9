//! Writing query answers: aligned tables for people, the SPARQL results
//! formats (JSON, CSV, TSV, XML) and RDF formats for other tools.

use std::io::Write;

use oxigraph::io::RdfSerializer;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::QueryResultsSerializer;
use unicode_width::UnicodeWidthStr;

use crate::format::{OutputFormat, RdfFileFormat};
use crate::vocab::{PREFIXES, XSD, compact_iri};
use crate::{Error, Result};

/// Writes `results` in `format`; `None` picks a table for solutions and
/// booleans and Turtle for graphs. `base` shortens IRIs in tables.
pub fn write_query_results(
    results: QueryResults<'_>,
    format: Option<OutputFormat>,
    base: &str,
    mut out: impl Write,
) -> Result<()> {
    match (results, format) {
        (QueryResults::Solutions(solutions), None | Some(OutputFormat::Table)) => {
            let header: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(
                    solution
                        .values()
                        .iter()
                        .map(|t| {
                            t.as_ref()
                                .map_or_else(String::new, |t| display_term(t, base))
                        })
                        .collect(),
                );
            }
            write_table(&header, &rows, &mut out).map_err(Error::Output)
        }
        (QueryResults::Solutions(solutions), Some(OutputFormat::Results(format))) => {
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())
                .map_err(Error::Output)?;
            for solution in solutions {
                let solution = solution?;
                writer.serialize(&solution).map_err(Error::Output)?;
            }
            writer.finish().map_err(Error::Output)?;
            Ok(())
        }
        (QueryResults::Boolean(value), None | Some(OutputFormat::Table)) => {
            writeln!(out, "{value}").map_err(Error::Output)
        }
        (QueryResults::Boolean(value), Some(OutputFormat::Results(format))) => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, value)
                .map_err(Error::Output)?;
            Ok(())
        }
        (QueryResults::Graph(triples), None | Some(OutputFormat::Rdf(_))) => {
            let format = match format {
                Some(OutputFormat::Rdf(f)) => f,
                _ => RdfFileFormat::Turtle,
            };
            let mut serializer = RdfSerializer::from_format(format.to_oxigraph());
            for (prefix, namespace) in PREFIXES {
                serializer = serializer
                    .with_prefix(prefix, namespace)
                    .expect("built-in prefixes are valid IRIs");
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple?).map_err(Error::Output)?;
            }
            writer.finish().map_err(Error::Output)?;
            Ok(())
        }
        (QueryResults::Graph(_), Some(other)) => Err(Error::UnsupportedOutput {
            what: "CONSTRUCT and DESCRIBE results",
            format: format_name(other),
            hint: "use ttl, nt, nq, trig, jsonld or rdfxml",
        }),
        (_, Some(other)) => Err(Error::UnsupportedOutput {
            what: "SELECT and ASK results",
            format: format_name(other),
            hint: "use table, json, csv, tsv or xml",
        }),
    }
}

fn format_name(format: OutputFormat) -> String {
    match format {
        OutputFormat::Table => "table".into(),
        OutputFormat::Results(f) => f.file_extension().into(),
        OutputFormat::Rdf(f) => f.to_string(),
    }
}

/// A term as people read it: IRIs shortened by prefix, plain strings and
/// numbers bare, other literals with their language or datatype.
pub fn display_term(term: &Term, base: &str) -> String {
    match term {
        Term::NamedNode(n) => compact_iri(n.as_str(), Some(base)),
        Term::BlankNode(b) => b.to_string(),
        Term::Literal(l) => {
            if let Some(language) = l.language() {
                format!("{}@{language}", l.value())
            } else {
                let datatype = l.datatype().as_str();
                let bare = ["string", "integer", "decimal", "double", "boolean"]
                    .iter()
                    .any(|local| datatype.strip_prefix(XSD) == Some(local));
                if bare {
                    l.value().to_owned()
                } else {
                    format!("{}^^{}", l.value(), compact_iri(datatype, Some(base)))
                }
            }
        }
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Writes an aligned text table with a header rule and a row count, like psql.
/// Newlines and tabs inside cells are shown escaped so rows stay one line.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let clean = |cell: &str| cell.replace('\n', "\\n").replace('\t', "\\t");
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| clean(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    write_row(header, &widths, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-").trim_end())?;
    for row in &rows {
        write_row(row, &widths, out)?;
    }
    let noun = if rows.len() == 1 { "row" } else { "rows" };
    writeln!(out, "({} {noun})", rows.len())
}

fn write_row(cells: &[String], widths: &[usize], out: &mut impl Write) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str(" | ");
        }
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width - cell.width()));
    }
    writeln!(out, "{}", line.trim_end())
}

/// One RFC 4180 field: quoted when it holds a comma, quote or line break.
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Rows as CSV (RFC 4180, CRLF like the SPARQL CSV results format) or TSV
/// (tabs and line breaks inside cells escaped).
pub fn write_delimited(
    header: &[String],
    rows: &[Vec<String>],
    tsv: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = if tsv {
            row.iter()
                .map(|c| {
                    c.replace('\\', "\\\\")
                        .replace('\t', "\\t")
                        .replace('\n', "\\n")
                })
                .collect()
        } else {
            row.iter().map(|c| csv_field(c)).collect()
        };
        let (sep, end) = if tsv { ("\t", "\n") } else { (",", "\r\n") };
        write!(out, "{}{end}", cells.join(sep))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn table_aligns_wide_characters_and_escapes_newlines() {
        let header = vec!["name".to_owned(), "n".to_owned()];
        let rows = vec![
            vec!["Panjshir".to_owned(), "1".to_owned()],
            vec!["Ğazni\nline".to_owned(), "22".to_owned()],
        ];
        let mut out = Vec::new();
        write_table(&header, &rows, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "name        | n");
        assert_eq!(lines[1], "------------+---");
        assert_eq!(lines[2], "Panjshir    | 1");
        assert_eq!(lines[3], "Ğazni\\nline | 22");
        assert_eq!(lines[4], "(2 rows)");
    }

    #[test]
    fn terms_display_compactly() {
        let base = "https://kg.example/";
        let iri = Term::from(NamedNode::new_unchecked("http://schema.org/Person"));
        assert_eq!(display_term(&iri, base), "schema:Person");
        assert_eq!(display_term(&Term::from(Literal::from(3)), base), "3");
        let tagged = Term::from(Literal::new_language_tagged_literal_unchecked(
            "Kaboul", "fr",
        ));
        assert_eq!(display_term(&tagged, base), "Kaboul@fr");
    }
}
