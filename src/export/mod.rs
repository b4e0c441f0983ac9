//! Writers of the fact graph for other tools: Graphviz DOT, SVG, GraphML,
//! Cytoscape.js JSON and Neo4j bulk-import CSV. Every writer is
//! deterministic: the same graph gives the same bytes.

pub mod dot;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod svg;

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crate::graph::{ArticleList, KnowledgeGraph};
use crate::{Error, Result};

/// Writes `graph` in a single-stream format. Neo4j CSV is two files: use
/// [`neo4j::write_neo4j`].
pub fn write(
    graph: &KnowledgeGraph,
    format: ExportFormat,
    engine: svg::Engine,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        ExportFormat::Dot => dot::write_dot(graph, out).map_err(Error::Output),
        ExportFormat::Svg => {
            let svg = svg::render_svg(graph, engine)?;
            out.write_all(svg.as_bytes()).map_err(Error::Output)
        }
        ExportFormat::GraphMl => graphml::write_graphml(graph, out).map_err(Error::Output),
        ExportFormat::Json => json::write_json(graph, out).map_err(Error::Output),
        ExportFormat::Csv => Err(Error::UnsupportedOutput {
            what: "Neo4j CSV",
            format: "a single stream".into(),
            hint: "give -o DIR; nodes.csv and relationships.csv are written there",
        }),
    }
}

/// A format of `kg export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    Svg,
    GraphMl,
    /// Cytoscape.js elements JSON.
    Json,
    /// Neo4j `nodes.csv` + `relationships.csv` in a directory.
    Csv,
}

impl ExportFormat {
    /// How many of an edge's articles this format shows: DOT and SVG
    /// tooltips name a few ([`dot::TOOLTIP_ARTICLES`]) and count the rest;
    /// the data formats list them all.
    pub fn article_list(self) -> ArticleList {
        match self {
            Self::Dot | Self::Svg => ArticleList::AtMost(dot::TOOLTIP_ARTICLES),
            Self::GraphMl | Self::Json | Self::Csv => ArticleList::All,
        }
    }
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "dot" | "gv" => Self::Dot,
            "svg" => Self::Svg,
            "graphml" => Self::GraphMl,
            "json" | "cytoscape" => Self::Json,
            "csv" | "neo4j" => Self::Csv,
            _ => {
                return Err(Error::UnknownFormatName {
                    name: name.to_owned(),
                    expected: "dot, svg, graphml, json, csv",
                });
            }
        })
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Dot => "dot",
            Self::Svg => "svg",
            Self::GraphMl => "graphml",
            Self::Json => "json",
            Self::Csv => "csv",
        })
    }
}

/// How an entity type is drawn: Graphviz shape and fill colour (ColorBrewer
/// Set3, readable with black text).
pub struct Look {
    pub shape: &'static str,
    pub fill: &'static str,
}

/// The look of an entity type; unknown types share one.
pub fn look(kind: &str) -> Look {
    let (shape, fill) = match kind {
        "Person" => ("ellipse", "#8dd3c7"),
        "Organization" => ("box", "#fb8072"),
        "Place" => ("hexagon", "#80b1d3"),
        "Event" => ("diamond", "#fdb462"),
        "CreativeWork" => ("note", "#b3de69"),
        "Concept" => ("box", "#d9d9d9"),
        _ => ("ellipse", "#ffffb3"),
    };
    Look { shape, fill }
}
