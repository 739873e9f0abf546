//! The content of `tahlil report`, computed once and rendered by [`super::html`] (one
//! self-contained page) and [`super::markdown`] (Markdown plus an SVG file).
//!
//! [`ReportPage`] holds everything already counted, sorted and cut to size, so the two
//! renderers only lay it out; [`select_network`] decides which part of a large network is
//! drawn. The Arabic headings and names the renderers share are in [`text`].

use crate::analysis::freq::TermRow;
use crate::analysis::measures::Measure;
use crate::report::CorpusSummary;
use crate::report::graph::{Edge, Network, Node};

/// Everything the report shows, in display order.
#[derive(Debug, Clone)]
pub struct ReportPage {
    /// The page title.
    pub title: String,
    /// The input paths as given on the command line (never made absolute), then the
    /// `--files-from` list when one was given.
    pub inputs: Vec<String>,
    /// Tool name and version.
    pub tool: crate::report::ToolInfo,
    /// Corpus totals, skipped inputs, warnings and notices.
    pub corpus: CorpusSummary,
    /// `--by` field, when given.
    pub by: Option<String>,
    /// One row per group under `--by`, sorted by group key (code-point order); at most the
    /// first 100.
    pub groups: Vec<GroupRow>,
    /// Groups in all (0 without `--by`).
    pub groups_total: usize,
    /// Top unigrams (count descending, ties by term).
    pub unigrams: Vec<TermRow>,
    /// Top bigrams (count descending, ties by term).
    pub bigrams: Vec<TermRow>,
    /// The co-occurrence network as drawn.
    pub network: NetworkView,
    /// Section summaries of the first documents, in input order.
    pub documents: Vec<DocView>,
    /// Option names and values, in display order.
    pub options: Vec<(String, String)>,
}

/// One group of documents under `--by`.
#[derive(Debug, Clone)]
pub struct GroupRow {
    /// The group key (metadata value or file path).
    pub key: String,
    /// The group's counters.
    pub summary: CorpusSummary,
    /// Its most frequent terms (count descending, ties by term).
    pub top_terms: Vec<String>,
}

/// A node with its place in the drawing.
#[derive(Debug, Clone)]
pub struct NodeView {
    /// The node (id, kind, labels, mentions, units).
    pub node: Node,
    /// Ambiguous mentions not counted.
    pub ambiguous: u64,
}

/// The part of the network that is drawn, and how it was chosen.
#[derive(Debug, Clone, Default)]
pub struct NetworkView {
    /// The measure ranking the edges and setting their width.
    pub measure: Measure,
    /// The co-occurrence unit, as written on the command line (`sentence`, `window:10`…).
    pub unit: String,
    /// Units counted (N).
    pub units: u64,
    /// Minimum shared units of an edge.
    pub min_count: u64,
    /// `--max-edges` (0 = no limit).
    pub max_edges: usize,
    /// `--max-nodes` (0 = no limit).
    pub max_nodes: usize,
    /// Nodes in the whole network (any mention).
    pub total_nodes: usize,
    /// Edges with at least `min_count` shared units.
    pub total_edges: usize,
    /// The nodes drawn, most mentioned first (ties by id).
    pub nodes: Vec<NodeView>,
    /// The edges drawn, strongest first by `measure`, with the indices of their ends in
    /// `nodes`.
    pub edges: Vec<(usize, usize, Edge)>,
    /// Rows of the edge table (the first edges of `edges`).
    pub table_rows: usize,
}

impl NetworkView {
    /// The value of the ranking measure for `e`.
    pub fn value(&self, e: &Edge) -> f64 {
        measure_value(self.measure, e)
    }
}

/// The value of `measure` for edge `e` (units as a float).
pub fn measure_value(measure: Measure, e: &Edge) -> f64 {
    e.value(measure)
}

/// The limits of [`select_network`].
#[derive(Debug, Clone, Copy)]
pub struct NetworkLimits {
    /// Keep at most this many edges (0 = all).
    pub max_edges: usize,
    /// Keep at most this many nodes (0 = all): an edge that would add a node beyond the
    /// limit is passed over and the next one tried.
    pub max_nodes: usize,
}

/// Chooses the part of the network to draw: walks the edges of `net` in their order
/// (strongest first: [`crate::analysis::network::Cooc::network`] already kept those with at least
/// the minimum count and sorted them by the measure) and keeps each edge while fewer than
/// `max_edges` are kept, unless it would bring the nodes beyond `max_nodes`. The nodes are
/// those the kept edges touch, in the order of `nodes` (most mentioned first). When the
/// network has no edge, the most mentioned nodes (up to `max_nodes`) are shown alone.
pub fn select_network(nodes: &[Node], net: &Network, limits: NetworkLimits) -> Selection {
    let max_edges = if limits.max_edges == 0 { usize::MAX } else { limits.max_edges };
    let max_nodes = if limits.max_nodes == 0 { usize::MAX } else { limits.max_nodes };
    let mut chosen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut edges: Vec<&Edge> = Vec::new();
    for e in &net.edges {
        if edges.len() >= max_edges {
            break;
        }
        let new = usize::from(!chosen.contains(e.source.as_str()))
            + usize::from(!chosen.contains(e.target.as_str()));
        if chosen.len() + new > max_nodes {
            continue;
        }
        chosen.insert(&e.source);
        chosen.insert(&e.target);
        edges.push(e);
    }
    let kept: Vec<NodeView> = if edges.is_empty() {
        nodes
            .iter()
            .filter(|n| n.count > 0)
            .take(max_nodes.min(20))
            .map(|n| NodeView { node: n.clone(), ambiguous: n.ambiguous })
            .collect()
    } else {
        nodes
            .iter()
            .filter(|n| chosen.contains(n.id.as_str()))
            .map(|n| NodeView { node: n.clone(), ambiguous: n.ambiguous })
            .collect()
    };
    let index: rustc_hash::FxHashMap<&str, usize> =
        kept.iter().enumerate().map(|(i, n)| (n.node.id.as_str(), i)).collect();
    let edges = edges
        .into_iter()
        .filter_map(|e| {
            let a = *index.get(e.source.as_str())?;
            let b = *index.get(e.target.as_str())?;
            Some((a, b, e.clone()))
        })
        .collect();
    Selection { nodes: kept, edges }
}

/// The result of [`select_network`].
#[derive(Debug, Clone)]
pub struct Selection {
    /// Nodes drawn.
    pub nodes: Vec<NodeView>,
    /// Edges drawn, with the indices of their ends in `nodes`.
    pub edges: Vec<(usize, usize, Edge)>,
}

/// A lexicon entry found in a section, with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// Entry id.
    pub id: String,
    /// Arabic label (the id when the lexicon gives none).
    pub label_ar: String,
    /// English label.
    pub label_en: String,
    /// Mentions in the section.
    pub count: u64,
}

/// One section of a document.
#[derive(Debug, Clone)]
pub struct SectionView {
    /// The heading's text; `None` for the lead.
    pub heading: Option<String>,
    /// Paragraphs, sentences and word/number tokens of the section.
    pub sizes: (usize, usize, u64),
    /// Distinctive terms (G² keyness against the rest of the document).
    pub top_terms: Vec<String>,
    /// Countries, by mentions (ties by id).
    pub countries: Vec<Labelled>,
    /// Regions.
    pub regions: Vec<Labelled>,
    /// Themes.
    pub themes: Vec<Labelled>,
    /// Key sentences in document order, original text.
    pub key_sentences: Vec<String>,
}

/// One document of the sections part.
#[derive(Debug, Clone)]
pub struct DocView {
    /// Document id.
    pub id: String,
    /// Input file, as given or found.
    pub path: String,
    /// Title (title field or headline line).
    pub title: Option<String>,
    /// Sections in document order.
    pub sections: Vec<SectionView>,
}

/// The Arabic (and English) words of the report, shared by the HTML and Markdown output.
pub mod text {
    use crate::analysis::measures::Measure;

    /// The default page title: "corpus analysis report".
    pub const DEFAULT_TITLE: &str = "تقرير تحليل المدوّنة";
    /// Section headings: (Arabic, English).
    pub const OVERVIEW: (&str, &str) = ("نظرة عامة على المدوّنة", "Corpus overview");
    /// Top terms heading.
    pub const TERMS: (&str, &str) = ("المصطلحات الأكثر تكرارًا", "Top terms");
    /// Unigrams sub-heading.
    pub const UNIGRAMS: (&str, &str) = ("الكلمات المفردة", "Unigrams");
    /// Bigrams sub-heading.
    pub const BIGRAMS: (&str, &str) = ("الثنائيات", "Bigrams");
    /// Network heading.
    pub const NETWORK: (&str, &str) =
        ("شبكة الظهور المشترك: الدول والمناطق والموضوعات", "Co-occurrence network");
    /// Edge table heading.
    pub const EDGES: (&str, &str) = ("أقوى الروابط وشواهدها", "Top edges and their evidence");
    /// Node table heading.
    pub const NODES: (&str, &str) = ("العُقد المرسومة", "Nodes drawn");
    /// Sections heading.
    pub const SECTIONS: (&str, &str) = ("الأقسام", "Sections");
    /// Options heading.
    pub const OPTIONS: (&str, &str) = ("الخيارات والإصدار", "Options and version");
    /// Groups sub-heading.
    pub const GROUPS: (&str, &str) = ("حسب المجموعة", "Per group");
    /// Skipped inputs sub-heading.
    pub const SKIPPED: (&str, &str) = ("مدخلات لم تُقرأ", "Skipped inputs");
    /// Warnings sub-heading.
    pub const WARNINGS: (&str, &str) = ("تنبيهات", "Warnings");
    /// The lead section's name.
    pub const LEAD: &str = "المقدّمة";

    /// The overview's counters: (Arabic, English).
    pub const DOCUMENTS: (&str, &str) = ("الوثائق", "documents");
    /// Tokens.
    pub const TOKENS: (&str, &str) = ("الكلمات", "tokens");
    /// Types.
    pub const TYPES: (&str, &str) = ("الصيغ المختلفة", "types");
    /// Term tokens.
    pub const TERM_TOKENS: (&str, &str) = ("كلمات المصطلحات", "term tokens");
    /// Term types.
    pub const TERM_TYPES: (&str, &str) = ("المصطلحات المختلفة", "term types");
    /// Sentences.
    pub const SENTENCES: (&str, &str) = ("الجمل", "sentences");
    /// Skipped inputs.
    pub const SKIPPED_N: (&str, &str) = ("مدخلات متخطّاة", "skipped");

    /// Column names.
    pub const COL_TERM: &str = "المصطلح";
    /// Count column.
    pub const COL_COUNT: &str = "التكرار";
    /// Document frequency column.
    pub const COL_DF: &str = "الوثائق";
    /// Rate column.
    pub const COL_PER10K: &str = "لكل 10000 كلمة";
    /// TF-IDF column.
    pub const COL_TFIDF: &str = "TF-IDF";
    /// Group column.
    pub const COL_GROUP: &str = "المجموعة";
    /// Node column.
    pub const COL_NODE: &str = "العقدة";
    /// Kind column.
    pub const COL_KIND: &str = "النوع";
    /// Mentions column.
    pub const COL_MENTIONS: &str = "الإشارات";
    /// Units column.
    pub const COL_UNITS: &str = "الوحدات";
    /// Evidence column.
    pub const COL_EVIDENCE: &str = "الشواهد";
    /// Top terms column.
    pub const COL_TOP_TERMS: &str = "أبرز المصطلحات";
    /// Measure column of the overview.
    pub const COL_MEASURE: &str = "المقياس";
    /// Option column.
    pub const COL_OPTION: &str = "الخيار";
    /// Value column.
    pub const COL_VALUE: &str = "القيمة";
    /// Countries row of a section.
    pub const COUNTRIES: &str = "الدول";
    /// Regions row.
    pub const REGIONS: &str = "المناطق";
    /// Themes row.
    pub const THEMES: &str = "الموضوعات";
    /// Distinctive terms row.
    pub const DISTINCTIVE: &str = "مصطلحات مميّزة";
    /// Key sentences row.
    pub const KEY_SENTENCES: &str = "جمل مفتاحية";
    /// Notices sub-heading.
    pub const NOTICES: (&str, &str) = ("ملاحظات", "Notices");
    /// An edge (its two nodes).
    pub const COL_EDGE: &str = "الرابط";
    /// Shown under the network on narrow screens only, where the drawing scrolls sideways.
    pub const SWIPE: &str = "الرسم أعرض من الشاشة: اسحبه أفقيًا لرؤيته كاملًا.";

    /// A section's sizes: paragraphs, sentences, word tokens.
    pub fn sizes_ar(p: usize, s: usize, t: u64) -> String {
        format!("الفقرات: {p} · الجمل: {s} · الكلمات: {}", super::thousands(t))
    }

    /// The note under the groups table when not all groups are listed.
    pub fn more_groups_ar(shown: usize, total: usize) -> String {
        format!("عُرضت أول {shown} مجموعة بترتيب الاسم من {}.", super::thousands(total as u64))
    }

    /// The note above the sections when only the first documents are shown.
    pub fn first_docs_ar(shown: usize, total: u64) -> String {
        format!(
            "عُرضت أقسام الوثائق الأولى بترتيب الإدخال: {shown} من {} (الخيار --max-docs).",
            super::thousands(total)
        )
    }

    /// The Arabic name of a node kind (user kinds are shown as written).
    pub fn kind_ar(kind: &str) -> &str {
        match kind {
            "country" => "دولة",
            "region" => "منطقة",
            "theme" => "موضوع",
            other => other,
        }
    }

    /// The Arabic name of a measure.
    pub fn measure_ar(m: Measure) -> &'static str {
        match m {
            Measure::Units => "عدد الوحدات المشتركة",
            Measure::Jaccard => "معامل جاكار",
            Measure::Dice => "معامل دايس",
            Measure::Pmi => "المعلومات المتبادلة النقطية (PMI)",
            Measure::Npmi => "المعلومات المتبادلة المعيارية (NPMI)",
            Measure::Llr => "نسبة الأرجحية اللوغاريتمية (G²)",
        }
    }

    /// The Arabic name of a co-occurrence unit given as on the command line.
    pub fn unit_ar(unit: &str) -> String {
        match unit {
            "sentence" => "الجملة".into(),
            "paragraph" => "الفقرة".into(),
            "section" => "القسم".into(),
            "document" => "الوثيقة".into(),
            other => match other.strip_prefix("window:") {
                Some(k) => format!("نافذة منزلقة بطول {k} من الكلمات"),
                None => other.into(),
            },
        }
    }

    /// How the drawn network was chosen, one Arabic paragraph (also in the README).
    pub fn selection_rule_ar(v: &super::NetworkView) -> String {
        let limit = |n: usize| if n == 0 { "بلا حدّ".to_string() } else { n.to_string() };
        format!(
            "وحدة الظهور المشترك: {unit} (عدد الوحدات: {units}). الروابط المؤهَّلة هي التي لا يقلّ عدد \
             وحداتها المشتركة عن {min} (المجموع: الروابط {total_e}، العقد {total_n})، وتُرتَّب تنازليًا حسب \
             {measure}. يُرسم الأقوى منها حتى حدّ أقصى من الروابط قدره {max_e} ومن العقد {max_n} (يُتخطّى \
             الرابط الذي يضيف عقدة بعد بلوغ حدّ العقد). المرسوم: الروابط {e}، العقد {n}. مساحة الدائرة \
             بعدد الإشارات، وسُمك الخط بقيمة المقياس. التخطيط: خوارزمية فروخترمان وراينغولد (1991) بوضع \
             أوّلي ثابت وعدد ثابت من التكرارات، فالمدخل نفسه يعطي الرسم نفسه.",
            unit = unit_ar(&v.unit),
            units = super::thousands(v.units),
            min = v.min_count,
            total_e = super::thousands(v.total_edges as u64),
            total_n = super::thousands(v.total_nodes as u64),
            measure = measure_ar(v.measure),
            max_e = limit(v.max_edges),
            max_n = limit(v.max_nodes),
            e = v.edges.len(),
            n = v.nodes.len(),
        )
    }

    /// The same rule in English.
    pub fn selection_rule_en(v: &super::NetworkView) -> String {
        let limit = |n: usize| if n == 0 { "no limit".to_string() } else { n.to_string() };
        format!(
            "Unit: {unit} ({units} {units_word}). Edges whose nodes share at least {min} \
             {min_units} ({total_e} edges among {total_n} nodes) are ranked by {measure}, \
             descending; the strongest are drawn, up to {max_e} edges, as long as the nodes stay within {max_n} (an edge that \
             would add a node beyond that is passed over). Drawn: {e} edges, {n} nodes. Node \
             area grows with mentions, edge width with the measure. Layout: Fruchterman & \
             Reingold (1991) from a fixed initial placement with a fixed number of iterations, \
             so the same input gives the same picture.",
            unit = v.unit,
            units = super::thousands(v.units),
            units_word = if v.units == 1 { "unit" } else { "units" },
            min = v.min_count,
            min_units = if v.min_count == 1 { "unit" } else { "units" },
            total_e = super::thousands(v.total_edges as u64),
            total_n = super::thousands(v.total_nodes as u64),
            measure = v.measure.name(),
            max_e = limit(v.max_edges),
            max_n = limit(v.max_nodes),
            e = v.edges.len(),
            n = v.nodes.len(),
        )
    }
}

/// `1234567` → `1,234,567` (Western digits, comma every three digits).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `s` cut to at most `max` characters at a word boundary, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let cut = head.rfind(' ').filter(|&i| i > head.len() / 2).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, count: u64) -> Node {
        Node {
            id: id.into(),
            kind: "country".into(),
            label_ar: id.into(),
            label_en: id.into(),
            count,
            units: count,
            ambiguous: 0,
        }
    }

    fn edge(a: &str, b: &str, units: u64) -> Edge {
        let m = crate::analysis::measures::measures(0, 0, 0, 0);
        Edge { source: a.into(), target: b.into(), units, measures: m, evidence: vec![] }
    }

    #[test]
    fn strongest_edges_within_the_node_limit() {
        let nodes = vec![node("a", 9), node("b", 8), node("c", 7), node("d", 6), node("e", 5)];
        let net = Network {
            nodes: nodes.clone(),
            edges: vec![edge("a", "b", 5), edge("c", "d", 4), edge("a", "c", 3), edge("a", "e", 2)],
            units: 10,
        };
        // three nodes at most: a–b kept, c–d would make four, a–c fits, a–e would make four
        let s = select_network(&nodes, &net, NetworkLimits { max_edges: 10, max_nodes: 3 });
        let ids: Vec<&str> = s.nodes.iter().map(|n| n.node.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let e: Vec<(usize, usize, u64)> =
            s.edges.iter().map(|(a, b, e)| (*a, *b, e.units)).collect();
        assert_eq!(e, [(0, 1, 5), (0, 2, 3)]);
        // two edges at most
        let s = select_network(&nodes, &net, NetworkLimits { max_edges: 2, max_nodes: 0 });
        assert_eq!(s.edges.len(), 2);
        assert_eq!(s.nodes.len(), 4);
    }

    #[test]
    fn numbers_and_clipping() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(330_466), "330,466");
        assert_eq!(clip("abc def ghi", 20), "abc def ghi");
        assert_eq!(clip("abc def ghi", 9), "abc def…");
        assert_eq!(clip("الهند وآسيا الوسطى", 12), "الهند وآسيا…");
    }

    #[test]
    fn no_edges_shows_the_most_mentioned_nodes() {
        let nodes = vec![node("a", 3), node("b", 1)];
        let net = Network { nodes: nodes.clone(), edges: vec![], units: 4 };
        let s = select_network(&nodes, &net, NetworkLimits { max_edges: 10, max_nodes: 10 });
        assert_eq!(s.nodes.len(), 2);
        assert!(s.edges.is_empty());
    }
}
