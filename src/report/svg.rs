//! SVG drawings of `tahlil report`: horizontal bar charts of term counts and the
//! co-occurrence network, written with `quick-xml` (every text and attribute is escaped by
//! the library; characters XML 1.0 forbids become U+FFFD, see [`crate::report::xml`]). Drawings use presentation attributes only (no CSS, no script), so the same
//! SVG works inline in the HTML page and as a file next to the Markdown report.
//!
//! Arabic text is set with `direction="rtl"`; with that, `text-anchor="start"` puts the
//! right end of a label at `x`. Coordinates are in SVG user units (≈ CSS pixels at scale
//! 1) and written with one decimal, so the output is byte-stable.

use crate::analysis::freq::TermRow;
use crate::report::layout::{self, Extent, Frame, LayoutEdge, Point};
use crate::report::page::{NetworkView, clip, text};
use crate::report::xml::XmlSafe;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{self, Write};

/// The fonts asked for, Arabic first; the browser takes the first one installed.
pub const FONT_STACK: &str = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Amiri', 'Scheherazade New', \
'Geeza Pro', 'Traditional Arabic', 'Segoe UI', Tahoma, 'DejaVu Sans', sans-serif";

/// Fill colours of node kinds (Okabe & Ito's colour-blind-safe palette): country, region,
/// theme, any other kind.
pub fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "country" => "#0072B2",
        "region" => "#009E73",
        "theme" => "#E69F00",
        _ => "#CC79A7",
    }
}

/// An estimate of the width of `s` set at `size` units, for layout only (no font metrics
/// are available offline): about half an em per Arabic letter, a little more per Latin
/// letter or digit, less per space.
pub fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            ' ' => 0.28,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => 0.5,
            c if c.is_ascii_digit() => 0.56,
            c if c.is_ascii_uppercase() => 0.66,
            _ => 0.56,
        })
        .sum();
    em * size
}

/// A coordinate with one decimal ("-0.0" written "0.0").
fn n1(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".into() } else { s }
}

/// Which flavour of SVG to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// Inside an HTML page: no XML declaration.
    Inline,
    /// A file of its own: XML declaration first.
    File,
}

/// The XML writer of a drawing, through [`XmlSafe`] (no character XML forbids gets out).
fn start<W: Write>(w: W, embed: Embed) -> io::Result<Writer<XmlSafe<W>>> {
    let mut x = Writer::new_with_indent(XmlSafe::new(w), b' ', 1);
    if embed == Embed::File {
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    }
    Ok(x)
}

/// Bar labels longer than this many characters are cut (the tooltip has the whole term).
const LABEL_CHARS: usize = 28;

/// Writes a horizontal bar chart of `rows` (their counts), right to left: each term right-
/// aligned at the right edge, its bar growing leftwards from the labels, the count at the
/// bar's end. `caption` becomes the SVG's `<title>`; `colour` fills the bars. Width 420
/// units, 28 units per row.
///
/// # Errors
/// I/O errors from `w`.
pub fn bar_chart<W: Write>(
    w: W,
    rows: &[TermRow],
    caption: &str,
    colour: &str,
    embed: Embed,
) -> io::Result<()> {
    const WIDTH: f64 = 420.0;
    const ROW: f64 = 28.0;
    const SIZE: f64 = 15.0;
    let label_w = rows
        .iter()
        .map(|r| text_width(&clip(&r.term, LABEL_CHARS), SIZE))
        .fold(40.0, f64::max)
        .min(200.0);
    let max = rows.iter().map(|r| r.count).max().unwrap_or(1).max(1) as f64;
    let num_w = text_width(&max.to_string(), 13.0) + 10.0;
    let base = WIDTH - 8.0 - label_w - 8.0; // bars start here and grow leftwards
    let span = (base - num_w - 4.0).max(40.0);
    let height = ROW * rows.len() as f64 + 8.0;
    let mut x = start(w, embed)?;
    let (wv, hv) = (n1(WIDTH), n1(height));
    let view = format!("0 0 {wv} {hv}");
    x.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", view.as_str()),
            ("width", wv.as_str()),
            ("height", hv.as_str()),
            ("role", "img"),
            ("font-family", FONT_STACK),
            ("class", "chart"),
        ])
        .write_inner_content(|x| {
            x.create_element("title").write_text_content(BytesText::new(caption))?;
            for (i, r) in rows.iter().enumerate() {
                let y = 4.0 + ROW * i as f64;
                let len = (r.count as f64 / max * span).max(1.0);
                let tip = format!("{}: {}", r.term, r.count);
                x.create_element("g").write_inner_content(|x| {
                    x.create_element("title").write_text_content(BytesText::new(&tip))?;
                    x.create_element("text")
                        .with_attributes([
                            ("x", n1(WIDTH - 8.0).as_str()),
                            ("y", n1(y + ROW * 0.68).as_str()),
                            ("font-size", n1(SIZE).as_str()),
                            ("direction", "rtl"),
                            ("text-anchor", "start"),
                            ("fill", "#1f2937"),
                        ])
                        .write_text_content(BytesText::new(&clip(&r.term, LABEL_CHARS)))?;
                    x.create_element("rect")
                        .with_attributes([
                            ("x", n1(base - len).as_str()),
                            ("y", n1(y + 5.0).as_str()),
                            ("width", n1(len).as_str()),
                            ("height", n1(ROW - 10.0).as_str()),
                            ("rx", "2"),
                            ("fill", colour),
                        ])
                        .write_empty()?;
                    x.create_element("text")
                        .with_attributes([
                            ("x", n1(base - len - 4.0).as_str()),
                            ("y", n1(y + ROW * 0.68).as_str()),
                            ("font-size", "13"),
                            ("direction", "ltr"),
                            ("text-anchor", "end"),
                            ("fill", "#374151"),
                        ])
                        .write_text_content(BytesText::new(&r.count.to_string()))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut w = x.into_inner();
    w.write_all(b"\n")?;
    w.flush()
}

/// The geometry of a network drawing, computed by [`network_geometry`].
#[derive(Debug, Clone)]
pub struct NetworkGeometry {
    /// The view box: left, top, width, height (user units); the legend is below `top +
    /// height − LEGEND_HEIGHT`.
    pub view: (f64, f64, f64, f64),
    /// Node centres, in the order of [`NetworkView::nodes`].
    pub centres: Vec<Point>,
    /// Node radii.
    pub radii: Vec<f64>,
    /// Edge stroke widths, in the order of [`NetworkView::edges`].
    pub widths: Vec<f64>,
    /// Pairs of boxes still overlapping after [`layout::remove_overlaps`].
    pub overlaps: usize,
}

const LABEL_SIZE: f64 = 14.0;
const LEGEND_HEIGHT: f64 = 64.0;

/// Lays out `v`: node radius 7 + 17·√(mentions / most mentions) units, edge width 1–7 units
/// linear in the measure between its smallest and largest drawn value; positions by
/// [`layout::fruchterman_reingold`] (attraction weight 0.5–1.5, same scale) in a frame whose
/// height grows with the node count, then fitted to the frame and freed of label overlaps
/// by [`layout::remove_overlaps`]. The view box covers every node and label, plus the
/// legend band.
pub fn network_geometry(v: &NetworkView) -> NetworkGeometry {
    let n = v.nodes.len();
    let max_count = v.nodes.iter().map(|n| n.node.count).max().unwrap_or(1).max(1) as f64;
    let radii: Vec<f64> =
        v.nodes.iter().map(|n| 7.0 + 17.0 * (n.node.count as f64 / max_count).sqrt()).collect();
    let values: Vec<f64> = v.edges.iter().map(|(_, _, e)| finite(v.value(e))).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let norm = |x: f64| if hi - lo > 1e-12 { (x - lo) / (hi - lo) } else { 0.5 };
    let widths: Vec<f64> = values.iter().map(|&x| 1.0 + 6.0 * norm(x)).collect();
    let edges: Vec<LayoutEdge> = v
        .edges
        .iter()
        .zip(&values)
        .map(|((a, b, _), &x)| LayoutEdge { a: *a, b: *b, weight: 0.5 + norm(x) })
        .collect();
    let extents: Vec<Extent> = v
        .nodes
        .iter()
        .zip(&radii)
        .map(|(nv, &r)| Extent {
            half_width: r.max(text_width(&label_of(&nv.node), LABEL_SIZE) / 2.0 + 3.0),
            above: r + 2.0,
            below: r + 6.0 + LABEL_SIZE * 1.2,
        })
        .collect();
    // frame: 960 wide, taller with more nodes, and big enough for the boxes
    let width = 960.0;
    let boxes: f64 = extents.iter().map(|e| 2.0 * e.half_width * (e.above + e.below)).sum();
    let height = (240.0 + 20.0 * n as f64).max(boxes * 3.0 / width).clamp(360.0, 1000.0);
    let frame = Frame { left: 0.0, top: 0.0, width, height };
    let mut centres = layout::fruchterman_reingold(n, &edges, &frame, layout::ITERATIONS);
    let max_half = extents.iter().map(|e| e.half_width).fold(0.0, f64::max).min(150.0);
    let inner = Frame {
        left: max_half + 8.0,
        top: 34.0,
        width: (width - 2.0 * max_half - 16.0).max(200.0),
        height: height - 34.0 - 40.0,
    };
    layout::fit(&mut centres, &inner);
    let loose = Frame { left: 0.0, top: 0.0, width, height };
    let overlaps = layout::remove_overlaps(&mut centres, &extents, &loose, 10.0, 500);
    // the view box covers every box
    let (mut x0, mut x1, mut y0, mut y1) = (0.0f64, width, 0.0f64, 0.0f64);
    for (p, e) in centres.iter().zip(&extents) {
        x0 = x0.min(p.x - e.half_width - 8.0);
        x1 = x1.max(p.x + e.half_width + 8.0);
        y0 = y0.min(p.y - e.above - 8.0);
        y1 = y1.max(p.y + e.below + 8.0);
    }
    let y1 = y1.max(y0 + 120.0);
    NetworkGeometry {
        view: (x0, y0, x1 - x0, y1 - y0 + LEGEND_HEIGHT),
        centres,
        radii,
        widths,
        overlaps,
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// A node's label: Arabic, else English, else its id.
pub fn label_of(n: &crate::report::graph::Node) -> String {
    [&n.label_ar, &n.label_en, &n.id]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

/// Writes the network `v` as SVG: edges (weakest first, grey, width by the measure),
/// nodes (circles coloured by kind, area by mentions, each with a tooltip giving its
/// English label and counts), Arabic labels under the nodes with a white halo, and a legend
/// band at the bottom (kinds, what size and width mean). Circles carry `data-id`, lines
/// `data-source` and `data-target` (node ids), for tests and scripts.
///
/// # Errors
/// I/O errors from `w`.
pub fn network<W: Write>(w: W, v: &NetworkView, embed: Embed) -> io::Result<()> {
    let g = network_geometry(v);
    let (vx, vy, vw, vh) = g.view;
    let view = format!("{} {} {} {}", n1(vx), n1(vy), n1(vw), n1(vh));
    let (wv, hv) = (n1(vw), n1(vh));
    let caption = format!("{} — {}", text::NETWORK.0, text::NETWORK.1);
    let mut x = start(w, embed)?;
    x.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", view.as_str()),
            ("width", wv.as_str()),
            ("height", hv.as_str()),
            ("role", "img"),
            ("font-family", FONT_STACK),
            ("class", "network"),
        ])
        .write_inner_content(|x| {
            x.create_element("title").write_text_content(BytesText::new(&caption))?;
            x.create_element("desc")
                .write_text_content(BytesText::new(&text::selection_rule_en(v)))?;
            x.create_element("rect")
                .with_attributes([
                    ("x", n1(vx).as_str()),
                    ("y", n1(vy).as_str()),
                    ("width", wv.as_str()),
                    ("height", hv.as_str()),
                    ("fill", "#ffffff"),
                ])
                .write_empty()?;
            // edges, weakest first so that the strongest are on top
            x.create_element("g")
                .with_attributes([("stroke", "#64748b"), ("stroke-linecap", "round")])
                .write_inner_content(|x| {
                    for (k, (a, b, e)) in v.edges.iter().enumerate().rev() {
                        let (p, q) = (g.centres[*a], g.centres[*b]);
                        let mut tip = format!(
                            "{} — {} · {}: {}",
                            label_of(&v.nodes[*a].node),
                            label_of(&v.nodes[*b].node),
                            text::COL_UNITS,
                            e.units
                        );
                        if v.measure != crate::analysis::measures::Measure::Units {
                            tip.push_str(&format!(
                                " · {}: {}",
                                v.measure.name(),
                                crate::report::fmt_float(v.value(e))
                            ));
                        }
                        let op = 0.35 + 0.45 * (g.widths[k] - 1.0) / 6.0;
                        x.create_element("line")
                            .with_attributes([
                                ("x1", n1(p.x).as_str()),
                                ("y1", n1(p.y).as_str()),
                                ("x2", n1(q.x).as_str()),
                                ("y2", n1(q.y).as_str()),
                                ("stroke-width", n1(g.widths[k]).as_str()),
                                ("stroke-opacity", format!("{op:.2}").as_str()),
                                ("data-source", e.source.as_str()),
                                ("data-target", e.target.as_str()),
                            ])
                            .write_inner_content(|x| {
                                x.create_element("title")
                                    .write_text_content(BytesText::new(&tip))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            // nodes
            x.create_element("g").write_inner_content(|x| {
                for (i, nv) in v.nodes.iter().enumerate() {
                    let n = &nv.node;
                    let p = g.centres[i];
                    let tip = format!(
                        "{} ({}) — {}: {} · {}: {}",
                        label_of(n),
                        n.label_en,
                        text::COL_MENTIONS,
                        n.count,
                        text::COL_UNITS,
                        n.units
                    );
                    x.create_element("circle")
                        .with_attributes([
                            ("cx", n1(p.x).as_str()),
                            ("cy", n1(p.y).as_str()),
                            ("r", n1(g.radii[i]).as_str()),
                            ("fill", kind_colour(&n.kind)),
                            ("stroke", "#ffffff"),
                            ("stroke-width", "1.5"),
                            ("data-id", n.id.as_str()),
                        ])
                        .write_inner_content(|x| {
                            x.create_element("title").write_text_content(BytesText::new(&tip))?;
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
            // labels, with a white halo
            x.create_element("g")
                .with_attributes([
                    ("font-size", n1(LABEL_SIZE).as_str()),
                    ("text-anchor", "middle"),
                    ("direction", "rtl"),
                    ("fill", "#111827"),
                    ("stroke", "#ffffff"),
                    ("stroke-width", "3"),
                    ("stroke-linejoin", "round"),
                    ("paint-order", "stroke"),
                ])
                .write_inner_content(|x| {
                    for (i, nv) in v.nodes.iter().enumerate() {
                        let p = g.centres[i];
                        x.create_element("text")
                            .with_attributes([
                                ("x", n1(p.x).as_str()),
                                ("y", n1(p.y + g.radii[i] + 4.0 + LABEL_SIZE).as_str()),
                            ])
                            .write_text_content(BytesText::new(&label_of(&nv.node)))?;
                    }
                    Ok(())
                })?;
            legend(x, v, (vx, vy, vw, vh))
        })?;
    let mut w = x.into_inner();
    w.write_all(b"\n")?;
    w.flush()
}

/// The legend band at the bottom of the view box, laid out right to left.
fn legend<W: Write>(
    x: &mut Writer<W>,
    v: &NetworkView,
    view: (f64, f64, f64, f64),
) -> io::Result<()> {
    let (vx, vy, vw, vh) = view;
    let top = vy + vh - LEGEND_HEIGHT;
    let mut kinds: Vec<&str> = v.nodes.iter().map(|n| n.node.kind.as_str()).collect();
    let rank = |k: &str| match k {
        "country" => 0,
        "region" => 1,
        "theme" => 2,
        _ => 3,
    };
    kinds.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    kinds.dedup();
    let size_note =
        format!("حجم الدائرة: {} · سُمك الخط: {}", "عدد الإشارات", text::measure_ar(v.measure));
    x.create_element("g")
        .with_attributes([("font-size", "13"), ("fill", "#1f2937"), ("direction", "rtl")])
        .write_inner_content(|x| {
            x.create_element("line")
                .with_attributes([
                    ("x1", n1(vx + 8.0).as_str()),
                    ("y1", n1(top + 4.0).as_str()),
                    ("x2", n1(vx + vw - 8.0).as_str()),
                    ("y2", n1(top + 4.0).as_str()),
                    ("stroke", "#e5e7eb"),
                ])
                .write_empty()?;
            let mut right = vx + vw - 16.0;
            let y = top + 26.0;
            for k in &kinds {
                let name = text::kind_ar(k);
                x.create_element("circle")
                    .with_attributes([
                        ("cx", n1(right - 7.0).as_str()),
                        ("cy", n1(y - 4.5).as_str()),
                        ("r", "7"),
                        ("fill", kind_colour(k)),
                    ])
                    .write_empty()?;
                x.create_element("text")
                    .with_attributes([
                        ("x", n1(right - 20.0).as_str()),
                        ("y", n1(y).as_str()),
                        ("text-anchor", "start"),
                    ])
                    .write_text_content(BytesText::new(name))?;
                right -= 20.0 + text_width(name, 13.0) + 28.0;
            }
            x.create_element("text")
                .with_attributes([
                    ("x", n1(vx + vw - 16.0).as_str()),
                    ("y", n1(y + 24.0).as_str()),
                    ("text-anchor", "start"),
                    ("fill", "#4b5563"),
                ])
                .write_text_content(BytesText::new(&size_note))?;
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_escapes_and_is_deterministic() {
        let rows =
            vec![TermRow { term: "<b>&\"".into(), count: 3, df: 1, per_10k: 0.0, tfidf: 0.0 }];
        let mut a = Vec::new();
        bar_chart(&mut a, &rows, "t<", "#000", Embed::Inline).unwrap_or_default();
        let s = String::from_utf8(a.clone()).unwrap_or_default();
        assert!(s.contains("&lt;b&gt;&amp;"), "{s}");
        assert!(!s.contains("<b>"));
        let mut b = Vec::new();
        bar_chart(&mut b, &rows, "t<", "#000", Embed::Inline).unwrap_or_default();
        assert_eq!(a, b);
    }

    #[test]
    fn widths() {
        assert!(text_width("الهند", 10.0) > 20.0);
        assert!(text_width("الهند", 10.0) < 40.0);
        assert_eq!(n1(-0.04), "0.0");
    }
}
