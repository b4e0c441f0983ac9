//! SVG drawings: laid out in pure Rust by a force-directed layout, or by
//! Graphviz `dot` when the user asks for it and has it installed.
//!
//! The built-in layout is Fruchterman–Reingold with repulsion computed only
//! between nearby nodes (a grid of cells), so a round costs time linear in
//! nodes and edges. It starts from a deterministic spiral: the same graph
//! always gives the same picture.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;
use std::process::{Command, Stdio};

use super::graphml::escape_xml;
use super::{dot, look};
use crate::graph::KnowledgeGraph;
use crate::{Error, Result};

/// Which program lays the graph out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Built in; needs nothing installed.
    Builtin,
    /// Graphviz `dot` from PATH: layered layouts, better for small graphs.
    Graphviz,
}

pub fn render_svg(graph: &KnowledgeGraph, engine: Engine) -> Result<String> {
    match engine {
        Engine::Builtin => Ok(render_builtin(graph)),
        Engine::Graphviz => render_with_dot(graph),
    }
}

const FONT: &str = "Helvetica, Arial, sans-serif";
const NODE_HEIGHT: f64 = 28.0;
const MARGIN: f64 = 60.0;
/// Ideal edge length.
const SPACING: f64 = 170.0;
const ROUNDS: usize = 300;

#[derive(Debug, Clone, Copy, Default)]
struct Point {
    x: f64,
    y: f64,
}

fn render_builtin(graph: &KnowledgeGraph) -> String {
    if graph.node_count() == 0 {
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"260\" height=\"40\">\
             <text x=\"10\" y=\"25\" font-family=\"{FONT}\" font-size=\"14\">(no entities selected)</text></svg>\n"
        );
    }
    let edges: Vec<(usize, usize)> = graph
        .edges()
        .map(|(s, t, _)| (s.index(), t.index()))
        .collect();
    let mut positions = layout(graph.node_count(), &edges);
    let widths: Vec<f64> = graph
        .graph
        .node_weights()
        .map(|n| node_width(&n.label))
        .collect();
    let (width, height) = fit(&mut positions, &widths);
    let mut svg = String::new();
    header(&mut svg, width, height);
    draw_edges(&mut svg, graph, &positions, &widths);
    draw_nodes(&mut svg, graph, &positions, &widths);
    draw_legend(&mut svg, graph);
    svg.push_str("</svg>\n");
    svg
}

/// Positions of `n` nodes joined by `edges`.
fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<Point> {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = SPACING * 0.6 * (i as f64 + 0.5).sqrt();
            let a = i as f64 * golden;
            Point {
                x: r * a.cos(),
                y: r * a.sin(),
            }
        })
        .collect();
    let k = SPACING;
    let mut temperature = SPACING * (n as f64).sqrt() / 4.0;
    let cooling = temperature / ROUNDS as f64;
    for _ in 0..ROUNDS {
        let mut shift = repulsion(&pos, k);
        for &(a, b) in edges.iter().filter(|(a, b)| a != b) {
            let (dx, dy) = (pos[a].x - pos[b].x, pos[a].y - pos[b].y);
            let f = (dx * dx + dy * dy).sqrt() / k;
            shift[a].x -= dx * f;
            shift[a].y -= dy * f;
            shift[b].x += dx * f;
            shift[b].y += dy * f;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            // Weak gravity keeps separate components in view.
            let (gx, gy) = (s.x - p.x * 0.02, s.y - p.y * 0.02);
            let d = (gx * gx + gy * gy).sqrt().max(0.01);
            let step = d.min(temperature);
            p.x += gx / d * step;
            p.y += gy / d * step;
        }
        temperature = (temperature - cooling).max(1.0);
    }
    pos
}

/// Repulsive shifts `k²/d` between nodes closer than `2k`, found through a
/// grid of `2k` cells.
fn repulsion(pos: &[Point], k: f64) -> Vec<Point> {
    let cell = 2.0 * k;
    let key = |p: &Point| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, p) in pos.iter().enumerate() {
        grid.entry(key(p)).or_default().push(i);
    }
    let mut shift = vec![Point::default(); pos.len()];
    for (i, p) in pos.iter().enumerate() {
        let (cx, cy) = key(p);
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &j in grid.get(&(gx, gy)).into_iter().flatten() {
                    if i == j {
                        continue;
                    }
                    let (mut dx, mut dy) = (p.x - pos[j].x, p.y - pos[j].y);
                    if dx == 0.0 && dy == 0.0 {
                        // Coincident nodes: push apart along a fixed direction.
                        (dx, dy) = (if i < j { 0.1 } else { -0.1 }, 0.0);
                    }
                    let d2 = dx * dx + dy * dy;
                    if d2 < cell * cell {
                        let f = k * k / d2;
                        shift[i].x += dx * f;
                        shift[i].y += dy * f;
                    }
                }
            }
        }
    }
    shift
}

/// Moves the drawing to positive coordinates with margins; returns its size.
fn fit(pos: &mut [Point], widths: &[f64]) -> (f64, f64) {
    let min_x = pos
        .iter()
        .zip(widths)
        .map(|(p, w)| p.x - w / 2.0)
        .fold(f64::MAX, f64::min);
    let min_y = pos.iter().map(|p| p.y).fold(f64::MAX, f64::min) - NODE_HEIGHT;
    for p in pos.iter_mut() {
        p.x += MARGIN - min_x;
        p.y += MARGIN + 40.0 - min_y;
    }
    let max_x = pos
        .iter()
        .zip(widths)
        .map(|(p, w)| p.x + w / 2.0)
        .fold(0.0, f64::max);
    let max_y = pos.iter().map(|p| p.y).fold(0.0, f64::max);
    ((max_x + MARGIN).max(320.0), max_y + NODE_HEIGHT + MARGIN)
}

fn node_width(label: &str) -> f64 {
    (label.chars().count() as f64 * 7.2 + 24.0).max(48.0)
}

fn header(svg: &mut String, width: f64, height: f64) {
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{FONT}\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" \
         markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
}

/// Edges as curves (parallel edges bend apart), arrowheads at the target's
/// border, labels at the middle with a white halo, tooltips with evidence.
fn draw_edges(svg: &mut String, graph: &KnowledgeGraph, pos: &[Point], widths: &[f64]) {
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for (s, t, edge) in graph.edges() {
        let (s, t) = (s.index(), t.index());
        let nth = seen.entry((s.min(t), s.max(t))).or_insert(0);
        // Parallel edges alternate sides, each pair further out: 0, +28, -28, +56, ...
        let bend = nth.div_ceil(2) as f64 * 28.0 * if *nth & 1 == 1 { 1.0 } else { -1.0 };
        *nth += 1;
        let mut title = edge.relation.clone();
        if let Some(sentence) = &edge.sentence {
            let _ = write!(title, "\n“{sentence}”");
        }
        let (path, mid) = if s == t {
            let p = pos[s];
            let (x, y) = (p.x + widths[s] / 2.0 - 8.0, p.y - NODE_HEIGHT / 2.0);
            (
                format!("M{x:.1},{y:.1} c30,-40 50,10 8,18"),
                Point {
                    x: x + 30.0,
                    y: y - 20.0,
                },
            )
        } else {
            curve(pos[s], pos[t], widths[t], bend)
        };
        let _ = writeln!(
            svg,
            "<g class=\"edge\"><title>{}</title><path d=\"{path}\" fill=\"none\" stroke=\"#555\" \
             stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" \
             text-anchor=\"middle\" fill=\"#333\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            escape_xml(&title),
            mid.x,
            mid.y,
            escape_xml(&edge.relation)
        );
    }
}

/// A quadratic curve from `a` to the border of the node at `b` (width
/// `b_width`), bent sideways by `bend`; returns the path and its midpoint.
fn curve(a: Point, b: Point, b_width: f64, bend: f64) -> (String, Point) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let d = (dx * dx + dy * dy).sqrt().max(0.01);
    let (nx, ny) = (-dy / d, dx / d);
    let control = Point {
        x: (a.x + b.x) / 2.0 + nx * bend,
        y: (a.y + b.y) / 2.0 + ny * bend,
    };
    // Stop where the line from the control point meets the target's bounding ellipse.
    let (ux, uy) = (b.x - control.x, b.y - control.y);
    let du = (ux * ux + uy * uy).sqrt().max(0.01);
    let (rx, ry) = (b_width / 2.0 + 2.0, NODE_HEIGHT / 2.0 + 2.0);
    let r = 1.0 / ((ux / du / rx).powi(2) + (uy / du / ry).powi(2)).sqrt();
    let end = Point {
        x: b.x - ux / du * r,
        y: b.y - uy / du * r,
    };
    let mid = Point {
        x: (a.x + 2.0 * control.x + end.x) / 4.0,
        y: (a.y + 2.0 * control.y + end.y) / 4.0,
    };
    (
        format!(
            "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
            a.x, a.y, control.x, control.y, end.x, end.y
        ),
        mid,
    )
}

fn draw_nodes(svg: &mut String, graph: &KnowledgeGraph, pos: &[Point], widths: &[f64]) {
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let (p, w) = (pos[index.index()], widths[index.index()]);
        let mut title = format!("{} ({})\n{}", node.label, node.kind, node.iri);
        if !node.aliases.is_empty() {
            let _ = write!(title, "\nalso: {}", node.aliases.join(", "));
        }
        let _ = writeln!(
            svg,
            "<g class=\"node\"><title>{}</title>{}<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" \
             text-anchor=\"middle\">{}</text></g>",
            escape_xml(&title),
            shape(&node.kind, p, w),
            p.x,
            p.y + 4.0,
            escape_xml(&node.label)
        );
    }
}

/// The SVG shape of an entity type, centred on `p`, as in the DOT export.
fn shape(kind: &str, p: Point, w: f64) -> String {
    let look = look(kind);
    let style = format!("fill=\"{}\" stroke=\"#333\"", look.fill);
    let (h, hw) = (NODE_HEIGHT / 2.0, w / 2.0);
    let polygon = |points: &[(f64, f64)]| {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", p.x + x, p.y + y))
            .collect();
        format!("<polygon points=\"{}\" {style}/>", list.join(" "))
    };
    match look.shape {
        "ellipse" => format!(
            "<ellipse cx=\"{:.1}\" cy=\"{:.1}\" rx=\"{hw:.1}\" ry=\"{h:.1}\" {style}/>",
            p.x, p.y
        ),
        "hexagon" => polygon(&[
            (-hw, 0.0),
            (-hw + h, -h),
            (hw - h, -h),
            (hw, 0.0),
            (hw - h, h),
            (-hw + h, h),
        ]),
        "diamond" => polygon(&[
            (-hw - 8.0, 0.0),
            (0.0, -h - 4.0),
            (hw + 8.0, 0.0),
            (0.0, h + 4.0),
        ]),
        _ => {
            let rounded = if kind == "Concept" { 10.0 } else { 2.0 };
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{NODE_HEIGHT:.1}\" rx=\"{rounded}\" {style}/>",
                p.x - hw,
                p.y - h
            )
        }
    }
}

/// A legend of the entity types present, in the top-left corner.
fn draw_legend(svg: &mut String, graph: &KnowledgeGraph) {
    let kinds: BTreeSet<&str> = graph
        .graph
        .node_weights()
        .map(|n| n.kind.as_str())
        .collect();
    let mut x = 12.0;
    for kind in kinds {
        let w = node_width(kind);
        let _ = writeln!(
            svg,
            "<g class=\"legend\">{}<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text></g>",
            shape(
                kind,
                Point {
                    x: x + w / 2.0,
                    y: 24.0
                },
                w
            ),
            x + w / 2.0,
            28.0,
            escape_xml(kind)
        );
        x += w + 10.0;
    }
}

fn render_with_dot(graph: &KnowledgeGraph) -> Result<String> {
    let mut input = Vec::new();
    dot::write_dot(graph, &mut input).map_err(Error::Output)?;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| Error::GraphvizMissing)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(|e| Error::io("dot", e))?;
    writer
        .join()
        .map_err(|_| Error::io("dot", std::io::Error::other("writer thread panicked")))?
        .map_err(|e| Error::io("dot", e))?;
    if !output.status.success() {
        return Err(Error::io(
            "dot",
            std::io::Error::other(String::from_utf8_lossy(&output.stderr).trim().to_owned()),
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| Error::io("dot", std::io::Error::other(e)))
}
