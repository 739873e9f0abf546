//! Network reports: GraphML, GEXF and Graphviz DOT writers for a co-occurrence network.
//!
//! GraphML (<http://graphml.graphdrawing.org/>) and GEXF 1.3 (<https://gexf.net/>) are
//! written with `quick-xml` (escaping is the library's, never ours); Gephi opens both with
//! labels, kinds and weights as attributes; characters XML 1.0 forbids (C0 controls, which
//! a lexicon label may hold) are replaced by U+FFFD ([`crate::report::xml`]). DOT follows
//! the Graphviz language reference (double-quoted IDs, `\"` and `\\` escaped).

pub use crate::analysis::network::{Edge, Network, Node};
use crate::report::xml::XmlSafe;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{self, Write};

const NODE_ATTRS: &[(&str, &str, &str)] = &[
    ("label", "label", "string"),
    ("kind", "kind", "string"),
    ("label_en", "label_en", "string"),
    ("count", "count", "long"),
    ("units", "units", "long"),
];
const EDGE_ATTRS: &[(&str, &str, &str)] = &[
    ("weight", "weight", "double"),
    ("units", "units", "long"),
    ("jaccard", "jaccard", "double"),
    ("dice", "dice", "double"),
    ("pmi", "pmi", "double"),
    ("npmi", "npmi", "double"),
    ("llr", "llr", "double"),
];

fn node_values(n: &Node) -> [String; 5] {
    [
        n.label_ar.clone(),
        n.kind.clone(),
        n.label_en.clone(),
        n.count.to_string(),
        n.units.to_string(),
    ]
}

fn edge_values(e: &Edge) -> [String; 7] {
    let f = |v: f64| if v.is_finite() { v.to_string() } else { "0".into() };
    [
        e.units.to_string(),
        e.units.to_string(),
        f(e.measures.jaccard),
        f(e.measures.dice),
        f(e.measures.pmi),
        f(e.measures.npmi),
        f(e.measures.llr),
    ]
}

type Xml<W> = Writer<W>;

/// GraphML `<key>` declarations for `attrs`, ids `{prefix}{index}`.
fn graphml_keys<W: Write>(
    x: &mut Xml<W>,
    attrs: &[(&str, &str, &str)],
    prefix: &str,
    domain: &str,
) -> io::Result<()> {
    for (i, (name, _, ty)) in attrs.iter().enumerate() {
        let id = format!("{prefix}{i}");
        x.create_element("key")
            .with_attributes([
                ("id", id.as_str()),
                ("for", domain),
                ("attr.name", name),
                ("attr.type", ty),
            ])
            .write_empty()?;
    }
    Ok(())
}

/// GraphML `<data key="{prefix}{index}">value</data>` for each value.
fn graphml_data<W: Write>(x: &mut Xml<W>, prefix: &str, values: &[String]) -> io::Result<()> {
    for (i, v) in values.iter().enumerate() {
        let key = format!("{prefix}{i}");
        x.create_element("data")
            .with_attribute(("key", key.as_str()))
            .write_text_content(BytesText::new(v))?;
    }
    Ok(())
}

/// GEXF `<attribute>` declarations for `attrs[skip..]` (ids are the indices).
fn gexf_attributes<W: Write>(
    x: &mut Xml<W>,
    class: &str,
    attrs: &[(&str, &str, &str)],
    skip: usize,
) -> io::Result<()> {
    x.create_element("attributes").with_attribute(("class", class)).write_inner_content(|x| {
        for (i, (name, _, ty)) in attrs.iter().enumerate().skip(skip) {
            let id = i.to_string();
            x.create_element("attribute")
                .with_attributes([("id", id.as_str()), ("title", name), ("type", ty)])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// GEXF `<attvalues>` for `values[skip..]` (ids are the indices).
fn gexf_attvalues<W: Write>(x: &mut Xml<W>, values: &[String], skip: usize) -> io::Result<()> {
    x.create_element("attvalues").write_inner_content(|x| {
        for (i, v) in values.iter().enumerate().skip(skip) {
            let id = i.to_string();
            x.create_element("attvalue")
                .with_attributes([("for", id.as_str()), ("value", v.as_str())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Writes `net` as GraphML: node keys `label` (Arabic), `kind`, `label_en`, `count`,
/// `units`; edge keys `weight` (= units), `units`, `jaccard`, `dice`, `pmi`, `npmi`, `llr`.
///
/// # Errors
/// I/O errors from `w`.
pub fn write_graphml<W: Write>(w: W, net: &Network) -> io::Result<()> {
    let mut x = Writer::new_with_indent(XmlSafe::new(w), b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.create_element("graphml")
        .with_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"))
        .write_inner_content(|x| {
            graphml_keys(x, NODE_ATTRS, "n", "node")?;
            graphml_keys(x, EDGE_ATTRS, "e", "edge")?;
            x.create_element("graph")
                .with_attributes([("id", "cooc"), ("edgedefault", "undirected")])
                .write_inner_content(|x| {
                    for n in &net.nodes {
                        x.create_element("node")
                            .with_attribute(("id", n.id.as_str()))
                            .write_inner_content(|x| graphml_data(x, "n", &node_values(n)))?;
                    }
                    for (k, e) in net.edges.iter().enumerate() {
                        let id = format!("e{k}");
                        x.create_element("edge")
                            .with_attributes([
                                ("id", id.as_str()),
                                ("source", e.source.as_str()),
                                ("target", e.target.as_str()),
                            ])
                            .write_inner_content(|x| graphml_data(x, "e", &edge_values(e)))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut w = x.into_inner();
    w.write_all(b"\n")?;
    w.flush()
}

/// Writes `net` as GEXF 1.3 (undirected, static): node `label` is the Arabic label; node
/// attributes `kind`, `label_en`, `count`, `units`; edge `weight` = units and edge
/// attributes `jaccard`, `dice`, `pmi`, `npmi`, `llr`.
///
/// # Errors
/// I/O errors from `w`.
pub fn write_gexf<W: Write>(w: W, net: &Network) -> io::Result<()> {
    let mut x = Writer::new_with_indent(XmlSafe::new(w), b' ', 2);
    x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.create_element("gexf")
        .with_attributes([("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])
        .write_inner_content(|x| {
            x.create_element("meta").write_inner_content(|x| {
                x.create_element("creator").write_text_content(BytesText::new(concat!(
                    "tahlil ",
                    env!("CARGO_PKG_VERSION")
                )))?;
                Ok(())
            })?;
            x.create_element("graph")
                .with_attributes([("defaultedgetype", "undirected"), ("mode", "static")])
                .write_inner_content(|x| {
                    // node label is the element's own attribute (index 0); edge weight and units
                    // are the weight attribute (indices 0 and 1)
                    gexf_attributes(x, "node", NODE_ATTRS, 1)?;
                    gexf_attributes(x, "edge", EDGE_ATTRS, 2)?;
                    x.create_element("nodes").write_inner_content(|x| {
                        for n in &net.nodes {
                            let vals = node_values(n);
                            x.create_element("node")
                                .with_attributes([
                                    ("id", n.id.as_str()),
                                    ("label", vals[0].as_str()),
                                ])
                                .write_inner_content(|x| gexf_attvalues(x, &vals, 1))?;
                        }
                        Ok(())
                    })?;
                    x.create_element("edges").write_inner_content(|x| {
                        for (k, e) in net.edges.iter().enumerate() {
                            let vals = edge_values(e);
                            let id = k.to_string();
                            x.create_element("edge")
                                .with_attributes([
                                    ("id", id.as_str()),
                                    ("source", e.source.as_str()),
                                    ("target", e.target.as_str()),
                                    ("weight", vals[0].as_str()),
                                ])
                                .write_inner_content(|x| gexf_attvalues(x, &vals, 2))?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut w = x.into_inner();
    w.write_all(b"\n")?;
    w.flush()
}

/// Quotes `s` as a DOT double-quoted ID.
fn dot_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `net` as an undirected Graphviz graph: nodes labelled in Arabic with the English
/// label as tooltip, shaped and coloured by kind; edges with `weight` = units and a pen
/// width growing with the units.
///
/// # Errors
/// I/O errors from `w`.
pub fn write_dot<W: Write>(mut w: W, net: &Network) -> io::Result<()> {
    writeln!(w, "graph cooc {{")?;
    writeln!(w, "  graph [overlap=false, splines=true];")?;
    writeln!(w, "  node [style=filled, fontname=\"sans-serif\"];")?;
    for n in &net.nodes {
        let (shape, color) = match n.kind.as_str() {
            "country" => ("ellipse", "#9ecae1"),
            "region" => ("box", "#c7e9c0"),
            "theme" => ("diamond", "#fdd0a2"),
            _ => ("ellipse", "#dddddd"),
        };
        writeln!(
            w,
            "  {} [label={}, tooltip={}, kind={}, count={}, units={}, shape={shape}, fillcolor=\"{color}\"];",
            dot_quote(&n.id),
            dot_quote(&n.label_ar),
            dot_quote(&n.label_en),
            dot_quote(&n.kind),
            n.count,
            n.units
        )?;
    }
    let max_units = net.edges.iter().map(|e| e.units).max().unwrap_or(1).max(1) as f64;
    for e in &net.edges {
        let pen = 1.0 + 4.0 * (e.units as f64 / max_units);
        writeln!(
            w,
            "  {} -- {} [weight={}, penwidth={:.2}, npmi={:.4}, llr={:.4}];",
            dot_quote(&e.source),
            dot_quote(&e.target),
            e.units,
            pen,
            e.measures.npmi,
            e.measures.llr
        )?;
    }
    writeln!(w, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net() -> Network {
        Network {
            nodes: vec![
                Node {
                    id: "country:IND".into(),
                    kind: "country".into(),
                    label_ar: "الهند".into(),
                    label_en: "India".into(),
                    count: 9,
                    units: 8,
                    ambiguous: 0,
                },
                Node {
                    id: "theme:x\"<&>".into(),
                    kind: "theme".into(),
                    label_ar: "إرهاب & \"تطرف\"".into(),
                    label_en: "Terrorism".into(),
                    count: 3,
                    units: 3,
                    ambiguous: 0,
                },
            ],
            edges: vec![Edge {
                source: "country:IND".into(),
                target: "theme:x\"<&>".into(),
                units: 2,
                measures: crate::analysis::measures::Measures {
                    jaccard: 0.2,
                    dice: 0.3,
                    pmi: 1.0,
                    npmi: 0.5,
                    llr: 2.5,
                },
                evidence: vec![],
            }],
            units: 10,
        }
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn xml_is_escaped() {
        let mut g = Vec::new();
        write_graphml(&mut g, &net()).unwrap_or_default();
        let s = String::from_utf8(g).unwrap_or_default();
        assert!(s.contains("theme:x&quot;&lt;&amp;&gt;"), "{s}");
        assert!(s.contains("<data key=\"n0\">الهند</data>"));
        let mut g = Vec::new();
        write_gexf(&mut g, &net()).unwrap_or_default();
        let s = String::from_utf8(g).unwrap_or_default();
        assert!(s.contains("label=\"إرهاب &amp; &quot;تطرف&quot;\""), "{s}");
    }

    #[test]
    fn dot_is_quoted() {
        let mut g = Vec::new();
        write_dot(&mut g, &net()).unwrap_or_default();
        let s = String::from_utf8(g).unwrap_or_default();
        assert!(s.contains("\"theme:x\\\"<&>\""), "{s}");
        assert!(s.contains("\"country:IND\" -- "));
    }
}
