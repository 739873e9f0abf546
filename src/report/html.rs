//! The HTML report: one self-contained page (`lang="ar" dir="rtl"`), written with `maud`
//! (compile-time templates; every value from the corpus is escaped by the template).
//!
//! The page needs nothing from the network: CSS is inline, drawings are inline SVG from
//! [`super::svg`], fonts are the reader's own (an Arabic font stack) and there is no script.
//! It reflows from phone to desktop (under 640 px: the grids stack, the edge table becomes a
//! list with labelled numbers, the nodes table drops its English column, and the network
//! scrolls sideways in its own box with a hint saying so) and has print rules (no navigation, no
//! backgrounds, no page breaks inside a figure, a table row or a section).

use crate::analysis::freq::TermRow;
use crate::report::page::{DocView, Labelled, NetworkView, ReportPage, clip, text, thousands};
use crate::report::svg::{self, Embed};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

/// Evidence sentences longer than this many characters are cut (the full sentence is the
/// item's tooltip).
pub const EVIDENCE_CHARS: usize = 220;

const CSS: &str = r##"
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f5f7fa;--card:#fff;--accent:#0072B2;--head:#0f3d5e}
*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;background:var(--bg);color:var(--ink);font-family:'Noto Sans Arabic','Noto Naskh Arabic','Segoe UI','Geeza Pro',Tahoma,'DejaVu Sans',sans-serif;font-size:16px;line-height:1.7}
.wrap{max-width:1120px;margin:0 auto;padding:0 1rem}
header.top{background:var(--head);color:#fff;padding:1.4rem 0 1rem}
header.top h1{margin:0;font-size:1.9rem;line-height:1.4}
header.top p{margin:.3rem 0;color:#d6e6f5}
header.top code{background:rgba(255,255,255,.12);color:#fff}
nav.toc{margin-top:.6rem;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
nav.toc a{color:#bfe0ff;text-decoration:none;border-bottom:1px dotted #bfe0ff}
main{padding:.5rem 0 1rem}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1rem 0}
h2{font-size:1.45rem;margin:0 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--accent);line-height:1.5}
h3{font-size:1.15rem;margin:1.2rem 0 .5rem}
h4{font-size:1rem;margin:.2rem 0}
.en{font-size:.72em;color:var(--muted);font-weight:400;margin:0 .7em;display:inline-block;white-space:nowrap}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(118px,1fr));gap:.6rem;margin:0}
.stats div{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem}
.stats dt{color:var(--muted);font-size:.85rem}
.stats dd{margin:0;font-size:1.45rem;font-weight:700;font-variant-numeric:tabular-nums}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem;align-items:start}
figure{margin:0}
figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}
svg{display:block;max-width:100%;height:auto}
.scroll{overflow-x:auto}
.netbox{border:1px solid var(--line);border-radius:8px;background:#fff}
.netbox svg{width:100%;min-width:760px}
table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#f1f5f9;font-weight:600;white-space:nowrap}
td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ltr{direction:ltr;unicode-bidi:isolate}
code{font-family:'DejaVu Sans Mono',ui-monospace,monospace;font-size:.85em;background:#f1f5f9;padding:0 .3em;border-radius:3px}
.quote,ol.key{font-family:'Noto Naskh Arabic','Amiri','Traditional Arabic','Noto Sans Arabic',serif;font-size:1.05rem}
ul.chips{list-style:none;margin:0;padding:0;display:inline-flex;flex-wrap:wrap;gap:.3rem}
ul.chips li{background:#eef2f7;border-radius:999px;padding:0 .65rem;font-size:.92rem}
ul.chips li.country{background:#dbeafe}
ul.chips li.region{background:#d1fae5}
ul.chips li.theme{background:#fdf0d3}
.chips .n{color:var(--muted);font-size:.8em;margin-inline-start:.3em}
article.doc{border-top:1px solid var(--line);margin-top:1rem;padding-top:.4rem}
article.doc:first-of-type{border-top:0}
.sec{border-inline-start:4px solid #cbd5e1;padding-inline-start:.9rem;margin:.9rem 0}
.sec dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .8rem;margin:.3rem 0}
.sec dt{color:var(--muted);font-size:.9rem}
.sec dd{margin:0}
ol.key{margin:0;padding-inline-start:1.4rem}
.meta{color:var(--muted);font-size:.85rem}
.meta .ltr{display:inline-block;max-width:100%;overflow-wrap:anywhere}
.swipe{display:none}
.note{color:#374151;font-size:.92rem}
.ev{margin:0;padding-inline-start:1.1rem}
.ev li{margin-bottom:.2rem}
.evdoc{color:var(--muted);font-family:'Noto Sans Arabic','DejaVu Sans',sans-serif;font-size:.78rem;white-space:nowrap}
dl.opts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.2rem 1.2rem;margin:0}
dl.opts div{display:flex;gap:.5rem;border-bottom:1px solid var(--line);padding:.15rem 0;min-width:0}
dl.opts dt{flex:none}
dl.opts dd{margin:0;overflow-wrap:anywhere}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;vertical-align:middle;margin-inline-end:.3em}
footer{color:var(--muted);text-align:center;font-size:.85rem;padding:1rem 0 2rem}
@media (max-width:640px){body{font-size:15px}.pair{grid-template-columns:minmax(0,1fr)}section.card{padding:.8rem}header.top h1{font-size:1.45rem}.sec dl{grid-template-columns:1fr}table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.3rem 0}table.stack td{display:block;border:0;padding:.1rem .3rem}table.stack td.rank::before{content:"#"}table.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em}.swipe{display:block}.wide{display:none}}
@media print{body{background:#fff;font-size:10.5pt}header.top{background:none;color:#000;padding:0}header.top p,header.top code{color:#000;background:none}nav.toc{display:none}.swipe{display:none}section.card{border:0;padding:0;margin:0 0 1rem}h2,h3,h4{break-after:avoid}figure,tr,.sec,.stats div{break-inside:avoid}.netbox svg{min-width:0}.scroll{overflow:visible}.pair{grid-template-columns:1fr 1fr}}
"##;

/// A heading's Arabic text followed by its English gloss.
fn heading(t: (&str, &str)) -> Markup {
    html! { (t.0) span.en lang="en" dir="ltr" { (t.1) } }
}

fn svg_string(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<String> {
    let mut buf = Vec::new();
    f(&mut buf)?;
    String::from_utf8(buf).map_err(io::Error::other)
}

fn terms_block(
    title: (&str, &str),
    rows: &[TermRow],
    colour: &str,
    tfidf: bool,
) -> io::Result<Markup> {
    let caption = format!("{} — {}", text::TERMS.0, title.0);
    let chart = svg_string(|b| svg::bar_chart(b, rows, &caption, colour, Embed::Inline))?;
    Ok(html! {
        h3 { (heading(title)) }
        @if rows.is_empty() {
            p.note { "لا مصطلحات." }
        } @else {
            div.pair {
                figure { (PreEscaped(chart)) }
                div.scroll {
                    table {
                        thead { tr {
                            th { "#" } th { (text::COL_TERM) } th { (text::COL_COUNT) }
                            th { (text::COL_DF) } th { (text::COL_PER10K) }
                            @if tfidf { th { (text::COL_TFIDF) } }
                        } }
                        tbody {
                            @for (i, r) in rows.iter().enumerate() {
                                tr {
                                    td.num { (i + 1) }
                                    td { (r.term) }
                                    td.num { (thousands(r.count)) }
                                    td.num { (thousands(r.df)) }
                                    td.num { (format!("{:.1}", r.per_10k)) }
                                    @if tfidf { td.num { (format!("{:.2}", r.tfidf)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

fn chips(items: &[Labelled], kind: &str) -> Markup {
    html! {
        ul.chips {
            @for l in items {
                li class=(kind) title=(format!("{} · {}", l.label_en, l.id)) {
                    (l.label_ar) span.n { (l.count) }
                }
            }
        }
    }
}

fn document(d: &DocView) -> Markup {
    html! {
        article.doc {
            h3 { (d.title.as_deref().unwrap_or(&d.id)) }
            p.meta { span.ltr { code { (d.id) } } " · " span.ltr { (d.path) } }
            @for s in &d.sections {
                div.sec {
                    h4 { (s.heading.as_deref().unwrap_or(text::LEAD)) }
                    p.meta {
                        (text::sizes_ar(s.sizes.0, s.sizes.1, s.sizes.2))
                    }
                    dl {
                        @if !s.countries.is_empty() {
                            dt { (text::COUNTRIES) } dd { (chips(&s.countries, "country")) }
                        }
                        @if !s.regions.is_empty() {
                            dt { (text::REGIONS) } dd { (chips(&s.regions, "region")) }
                        }
                        @if !s.themes.is_empty() {
                            dt { (text::THEMES) } dd { (chips(&s.themes, "theme")) }
                        }
                        @if !s.top_terms.is_empty() {
                            dt { (text::DISTINCTIVE) }
                            dd { ul.chips { @for t in &s.top_terms { li { (t) } } } }
                        }
                        @if !s.key_sentences.is_empty() {
                            dt { (text::KEY_SENTENCES) }
                            dd { ol.key { @for k in &s.key_sentences { li { (k) } } } }
                        }
                    }
                }
            }
        }
    }
}

fn network_block(v: &NetworkView) -> io::Result<Markup> {
    let drawing = svg_string(|b| svg::network(b, v, Embed::Inline))?;
    let label = |i: usize| v.nodes.get(i).map(|n| svg::label_of(&n.node)).unwrap_or_default();
    let en = |i: usize| v.nodes.get(i).map(|n| n.node.label_en.clone()).unwrap_or_default();
    let show_measure = v.measure != crate::analysis::measures::Measure::Units;
    Ok(html! {
        p.note { (text::selection_rule_ar(v)) }
        @if v.nodes.is_empty() {
            p.note { "لم يُعثر على أيّ دولة أو منطقة أو موضوع." }
        } @else {
            figure {
                div.scroll.netbox { (PreEscaped(drawing)) }
                p.note.swipe { (text::SWIPE) }
                figcaption lang="en" dir="ltr" { (text::selection_rule_en(v)) }
            }
        }
        @if !v.edges.is_empty() {
            h3 { (heading(text::EDGES)) }
            div.scroll {
                table.stack {
                    thead { tr {
                        th { "#" } th { (text::COL_EDGE) } th { (text::COL_UNITS) }
                        @if show_measure { th.ltr { (v.measure.name()) } }
                        th { (text::COL_EVIDENCE) }
                    } }
                    tbody {
                        @for (k, (a, b, e)) in v.edges.iter().take(v.table_rows).enumerate() {
                            tr {
                                td.num.rank { (k + 1) }
                                td title=(format!("{} — {}", en(*a), en(*b))) {
                                    (label(*a)) " — " (label(*b))
                                }
                                td.num data-label=(text::COL_UNITS) { (thousands(e.units)) }
                                @if show_measure {
                                    td.num data-label=(v.measure.name()) {
                                        (crate::report::fmt_float(v.value(e)))
                                    }
                                }
                                td {
                                    ul.ev.quote {
                                        @for ev in &e.evidence {
                                            li title=(ev.text) {
                                                (clip(&ev.text, EVIDENCE_CHARS)) " "
                                                span.evdoc.ltr { "[" (ev.doc) "]" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !v.nodes.is_empty() {
            h3 { (heading(text::NODES)) }
            div.scroll {
                table {
                    thead { tr {
                        th { (text::COL_NODE) } th.wide { "English" } th { (text::COL_KIND) }
                        th { (text::COL_MENTIONS) } th { (text::COL_UNITS) }
                    } }
                    tbody {
                        @for n in &v.nodes {
                            tr {
                                td title=(n.node.label_en) {
                                    span.swatch style=(format!("background:{}", svg::kind_colour(&n.node.kind))) {}
                                    (svg::label_of(&n.node))
                                }
                                td.wide lang="en" dir="ltr" { (n.node.label_en) }
                                td { (text::kind_ar(&n.node.kind)) }
                                td.num { (thousands(n.node.count)) }
                                td.num { (thousands(n.node.units)) }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// Renders the page as one HTML document (UTF-8).
///
/// # Errors
/// Only if an SVG drawing cannot be written (an I/O error on an in-memory buffer).
pub fn render(p: &ReportPage) -> io::Result<String> {
    let c = &p.corpus;
    let tfidf = c.documents > 1;
    let unigrams = terms_block(text::UNIGRAMS, &p.unigrams, "#0072B2", tfidf)?;
    let bigrams = terms_block(text::BIGRAMS, &p.bigrams, "#009E73", tfidf)?;
    let network = network_block(&p.network)?;
    let stat = |t: (&str, &str), v: u64| {
        html! { div { dt { (t.0) } dd { (thousands(v)) } } }
    };
    const MAX_LISTED: usize = 50;
    let page = html! {
        (DOCTYPE)
        html lang="ar" dir="rtl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                meta name="generator" content=(format!("{} {}", p.tool.name, p.tool.version));
                title { (p.title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top {
                    div.wrap {
                        h1 { (p.title) }
                        p {
                            "المدخلات: "
                            @for (i, path) in p.inputs.iter().enumerate() {
                                @if i > 0 { " " }
                                code.ltr { (path) }
                            }
                            " · " span.ltr { (p.tool.name) " " (p.tool.version) }
                        }
                        nav.toc {
                            a href="#overview" { (text::OVERVIEW.0) }
                            a href="#terms" { (text::TERMS.0) }
                            a href="#network" { "الشبكة" }
                            a href="#sections" { (text::SECTIONS.0) }
                            a href="#options" { (text::OPTIONS.0) }
                        }
                    }
                }
                main.wrap {
                    section.card id="overview" {
                        h2 { (heading(text::OVERVIEW)) }
                        dl.stats {
                            (stat(text::DOCUMENTS, c.documents))
                            (stat(text::TOKENS, c.tokens))
                            (stat(text::TYPES, c.types.unwrap_or(0)))
                            (stat(text::TERM_TOKENS, c.term_tokens.unwrap_or(0)))
                            (stat(text::TERM_TYPES, c.term_types.unwrap_or(0)))
                            (stat(text::SENTENCES, c.sentences))
                            (stat(text::SKIPPED_N, c.skipped.len() as u64))
                        }
                        @if let Some(by) = &p.by {
                            h3 { (heading(text::GROUPS)) " " code.ltr { "--by " (by) } }
                            div.scroll {
                                table {
                                    thead { tr {
                                        th { (text::COL_GROUP) } th { (text::DOCUMENTS.0) }
                                        th { (text::TOKENS.0) } th { (text::TYPES.0) }
                                        th { (text::SENTENCES.0) } th { (text::COL_TOP_TERMS) }
                                    } }
                                    tbody {
                                        @for g in &p.groups {
                                            tr {
                                                td { bdi { (g.key) } }
                                                td.num { (thousands(g.summary.documents)) }
                                                td.num { (thousands(g.summary.tokens)) }
                                                td.num { (thousands(g.summary.types.unwrap_or(0))) }
                                                td.num { (thousands(g.summary.sentences)) }
                                                td { (g.top_terms.join("، ")) }
                                            }
                                        }
                                    }
                                }
                            }
                            @if p.groups_total > p.groups.len() {
                                p.note { (text::more_groups_ar(p.groups.len(), p.groups_total)) }
                            }
                        }
                        @if !c.skipped.is_empty() {
                            h3 { (heading(text::SKIPPED)) }
                            ul.ltr lang="en" {
                                @for s in c.skipped.iter().take(MAX_LISTED) { li { (s.to_string()) } }
                                @if c.skipped.len() > MAX_LISTED { li { "… " (c.skipped.len() - MAX_LISTED) " more" } }
                            }
                        }
                        @if !c.notices.is_empty() {
                            h3 { (heading(text::NOTICES)) }
                            ul.ltr lang="en" {
                                @for w in c.notices.iter().take(MAX_LISTED) { li { (w) } }
                                @if c.notices.len() > MAX_LISTED { li { "… " (c.notices.len() - MAX_LISTED) " more" } }
                            }
                        }
                        @if !c.warnings.is_empty() {
                            h3 { (heading(text::WARNINGS)) }
                            ul.ltr lang="en" {
                                @for w in c.warnings.iter().take(MAX_LISTED) { li { (w) } }
                                @if c.warnings.len() > MAX_LISTED { li { "… " (c.warnings.len() - MAX_LISTED) " more" } }
                            }
                        }
                    }
                    section.card id="terms" {
                        h2 { (heading(text::TERMS)) }
                        p.note {
                            "بعد التطبيع ومن دون الكلمات الشائعة (stopwords). "
                            "الثنائيات: كلمتان متتاليتان داخل الجملة لا تفصل بينهما كلمة شائعة."
                        }
                        (unigrams)
                        (bigrams)
                    }
                    section.card id="network" {
                        h2 { (heading(text::NETWORK)) }
                        (network)
                    }
                    section.card id="sections" {
                        h2 { (heading(text::SECTIONS)) }
                        @if (p.documents.len() as u64) < c.documents {
                            p.note { (text::first_docs_ar(p.documents.len(), c.documents)) }
                        }
                        @for d in &p.documents { (document(d)) }
                    }
                    section.card id="options" {
                        h2 { (heading(text::OPTIONS)) }
                        dl.opts {
                            @for (k, v) in &p.options {
                                div { dt { code.ltr { (k) } } dd { bdi { (v) } } }
                            }
                        }
                        h3 { "الطرائق" span.en lang="en" dir="ltr" { "Methods" } }
                        ul.note {
                            li {
                                "التكرار: عدد مرات ورود المصطلح؛ الوثائق: عدد الوثائق التي يرد فيها؛ "
                                span.ltr { "TF-IDF = count × ln(N / df)" } " "
                                span.ltr { "(Spärck Jones 1972)" } "."
                            }
                            li {
                                "مقاييس الروابط لعقدتين في N وحدة: "
                                span.ltr { "Jaccard, Dice, PMI = log2(n_ab·N / (n_a·n_b)), NPMI (Bouma 2009), G² (Dunning 1993)" } "."
                            }
                            li {
                                "تخطيط الشبكة: "
                                span.ltr { "Fruchterman & Reingold (1991), Graph drawing by force-directed placement, Software: Practice and Experience 21(11):1129–1164" } "."
                            }
                            li {
                                "الجمل المفتاحية: LexRank منحاز للموضع "
                                span.ltr { "(Erkan & Radev 2004; Otterbacher et al. 2009)" }
                                "؛ المصطلحات المميّزة: G² للقسم مقابل بقية الوثيقة "
                                span.ltr { "(Dunning 1993; Rayson & Garside 2000)" } "."
                            }
                        }
                    }
                }
                footer {
                    span.ltr { (p.tool.name) " " (p.tool.version) } " — "
                    "صفحة واحدة مستقلة: لا تحتاج إلى الشبكة ولا إلى جافاسكربت."
                }
            }
        }
    };
    Ok(page.into_string())
}

/// Renders the page and writes it to `w`, followed by a newline. Characters XML 1.0 forbids
/// (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) are replaced by U+FFFD
/// ([`crate::report::xml`]), so the page also parses as XML where its markup does.
///
/// # Errors
/// I/O errors from `w`.
pub fn write<W: Write>(w: &mut W, p: &ReportPage) -> io::Result<()> {
    w.write_all(crate::report::xml::clean(&render(p)?).as_bytes())?;
    w.write_all(b"\n")
}
