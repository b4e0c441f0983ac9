//! Names of the file formats users pick with `--format`, and how file names
//! map to them.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

use crate::Error;

const RDF_NAMES: &str = "turtle (ttl), ntriples (nt), nquads (nq), trig, rdfxml (rdf), jsonld";

/// An RDF serialization, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfFileFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl RdfFileFormat {
    /// The format a file name implies (`.ttl`, `.nt`, `.nq`, `.trig`, `.rdf`,
    /// `.owl`, `.xml`, `.jsonld`, `.json`), case-insensitively. Unlike
    /// Oxigraph, `.txt` is not N-Triples: here it means an article.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ttl" | "turtle" => Self::Turtle,
            "nt" | "ntriples" => Self::NTriples,
            "nq" | "nquads" => Self::NQuads,
            "trig" => Self::TriG,
            "rdf" | "owl" | "xml" => Self::RdfXml,
            "jsonld" | "json" => Self::JsonLd,
            _ => return None,
        })
    }

    pub fn to_oxigraph(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::TriG => RdfFormat::TriG,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// Whether the format can hold named graphs.
    pub fn supports_datasets(self) -> bool {
        matches!(self, Self::NQuads | Self::TriG | Self::JsonLd)
    }
}

impl FromStr for RdfFileFormat {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => Self::Turtle,
            "ntriples" | "n-triples" | "nt" => Self::NTriples,
            "nquads" | "n-quads" | "nq" => Self::NQuads,
            "trig" => Self::TriG,
            "rdfxml" | "rdf/xml" | "rdf" | "xml" | "owl" => Self::RdfXml,
            "jsonld" | "json-ld" => Self::JsonLd,
            _ => {
                return Err(Error::UnknownFormatName {
                    name: name.to_owned(),
                    expected: RDF_NAMES,
                });
            }
        })
    }
}

impl fmt::Display for RdfFileFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
            Self::NQuads => "nquads",
            Self::TriG => "trig",
            Self::RdfXml => "rdfxml",
            Self::JsonLd => "jsonld",
        })
    }
}

/// How `kg query` writes its answer. Which names are valid depends on the
/// query form: solutions and booleans take the SPARQL results formats, graphs
/// take RDF formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text table, for people.
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFileFormat),
}

impl FromStr for OutputFormat {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "table" => Self::Table,
            "json" => Self::Results(QueryResultsFormat::Json),
            "csv" => Self::Results(QueryResultsFormat::Csv),
            "tsv" => Self::Results(QueryResultsFormat::Tsv),
            "xml" => Self::Results(QueryResultsFormat::Xml),
            other => match RdfFileFormat::from_str(other) {
                Ok(rdf) => Self::Rdf(rdf),
                Err(_) => {
                    return Err(Error::UnknownFormatName {
                        name: name.to_owned(),
                        expected: "table, json, csv, tsv, xml (SELECT/ASK); \
                                   ttl, nt, nq, trig, jsonld, rdfxml (CONSTRUCT/DESCRIBE)",
                    });
                }
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_map_to_formats() {
        let of = |p: &str| RdfFileFormat::from_path(Path::new(p));
        assert_eq!(of("a.ttl"), Some(RdfFileFormat::Turtle));
        assert_eq!(of("a.TTL"), Some(RdfFileFormat::Turtle));
        assert_eq!(of("dir/a.nq"), Some(RdfFileFormat::NQuads));
        assert_eq!(of("a.jsonld"), Some(RdfFileFormat::JsonLd));
        assert_eq!(of("a.owl"), Some(RdfFileFormat::RdfXml));
        assert_eq!(of("a.txt"), None);
        assert_eq!(of("noext"), None);
    }

    #[test]
    fn output_names_cover_both_families() {
        assert_eq!(
            "table".parse::<OutputFormat>().ok(),
            Some(OutputFormat::Table)
        );
        assert_eq!(
            "CSV".parse::<OutputFormat>().ok(),
            Some(OutputFormat::Results(QueryResultsFormat::Csv))
        );
        assert_eq!(
            "nt".parse::<OutputFormat>().ok(),
            Some(OutputFormat::Rdf(RdfFileFormat::NTriples))
        );
        let err = "yaml".parse::<OutputFormat>().unwrap_err().to_string();
        assert!(err.contains("yaml") && err.contains("csv"), "{err}");
    }
}
