//! The Markdown report: the same content as the HTML page, as headings, tables and lists
//! (CommonMark with GitHub tables). Term counts get a bar of `█` characters in their table;
//! the network drawing is a separate SVG file (see [`super::svg::network`]) that the
//! Markdown links to by its file name, so both must sit in the same folder.
//!
//! Every text from the corpus goes through [`escape`], so it can never turn into markup,
//! HTML or a table cell boundary.

use crate::analysis::freq::TermRow;
use crate::report::page::{Labelled, NetworkView, ReportPage, clip, text, thousands};
use crate::report::svg;
use std::fmt::Write as _;

/// Escapes `s` for inline Markdown text: line breaks become spaces and the characters that
/// can start markup (`\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `#` `&` `~` `!`) get a
/// backslash (CommonMark allows a backslash before any ASCII punctuation).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A bar of `█` of length ∝ `count / max`, at most `width` characters (at least one for a
/// non-zero count).
fn bar(count: u64, max: u64, width: usize) -> String {
    if max == 0 || count == 0 {
        return String::new();
    }
    let n = ((count as f64 / max as f64) * width as f64).round().max(1.0) as usize;
    "█".repeat(n.min(width))
}

fn heading(level: usize, t: (&str, &str)) -> String {
    format!("{} {} ({})\n\n", "#".repeat(level), t.0, t.1)
}

fn terms_table(out: &mut String, rows: &[TermRow], tfidf: bool) {
    if rows.is_empty() {
        out.push_str("لا مصطلحات.\n\n");
        return;
    }
    let max = rows.iter().map(|r| r.count).max().unwrap_or(0);
    let _ = write!(
        out,
        "| # | {} | {} | | {} | {} |",
        text::COL_TERM,
        text::COL_COUNT,
        text::COL_DF,
        text::COL_PER10K
    );
    out.push_str(if tfidf {
        " TF-IDF |\n|---:|---|---:|---|---:|---:|---:|\n"
    } else {
        "\n|---:|---|---:|---|---:|---:|\n"
    });
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "| {} | {} | {} | {} | {} | {:.1} |",
            i + 1,
            escape(&r.term),
            thousands(r.count),
            bar(r.count, max, 20),
            thousands(r.df),
            r.per_10k
        );
        if tfidf {
            let _ = write!(out, " {:.2} |", r.tfidf);
        }
        out.push('\n');
    }
    out.push('\n');
}

fn labelled(v: &[Labelled]) -> String {
    v.iter()
        .map(|l| format!("{} ({})", escape(&l.label_ar), l.count))
        .collect::<Vec<_>>()
        .join("، ")
}

fn network(out: &mut String, v: &NetworkView, svg_file: Option<&str>) {
    let _ = writeln!(out, "{}\n", escape(&text::selection_rule_ar(v)));
    match svg_file {
        Some(f) if !v.nodes.is_empty() => {
            // the file name is ours (the output's name + .network.svg); escape it for the link
            let link: String = f
                .chars()
                .flat_map(|c| match c {
                    ' ' => "%20".chars().collect::<Vec<_>>(),
                    '(' => "%28".chars().collect(),
                    ')' => "%29".chars().collect(),
                    c => vec![c],
                })
                .collect();
            let _ = writeln!(out, "![{}]({link})\n", escape(text::NETWORK.1));
        }
        Some(_) => out.push_str("لم يُعثر على أيّ دولة أو منطقة أو موضوع.\n\n"),
        None => out.push_str(
            "(The drawing is written next to the Markdown file only with `--output FILE.md`.)\n\n",
        ),
    }
    let _ = writeln!(out, "*{}*\n", escape(&text::selection_rule_en(v)));
    let label =
        |i: usize| v.nodes.get(i).map(|n| escape(&svg::label_of(&n.node))).unwrap_or_default();
    let show_measure = v.measure != crate::analysis::measures::Measure::Units;
    if !v.edges.is_empty() {
        out.push_str(&heading(3, text::EDGES));
        let _ = write!(out, "| # | {} | {} |", text::COL_EDGE, text::COL_UNITS);
        if show_measure {
            let _ = write!(out, " {} |", v.measure.name());
        }
        let _ = writeln!(out, " {} |", text::COL_EVIDENCE);
        out.push_str(if show_measure {
            "|---:|---|---:|---:|---|\n"
        } else {
            "|---:|---|---:|---|\n"
        });
        for (k, (a, b, e)) in v.edges.iter().take(v.table_rows).enumerate() {
            let _ = write!(
                out,
                "| {} | {} — {} | {} |",
                k + 1,
                label(*a),
                label(*b),
                thousands(e.units)
            );
            if show_measure {
                let _ = write!(out, " {} |", crate::report::fmt_float(v.value(e)));
            }
            let ev: Vec<String> = e
                .evidence
                .iter()
                .map(|ev| {
                    let t = clip(&ev.text, crate::report::html::EVIDENCE_CHARS);
                    format!("«{}» \\[{}\\]", escape(&t), escape(&ev.doc))
                })
                .collect();
            let _ = writeln!(out, " {} |", ev.join(" · "));
        }
        out.push('\n');
    }
    if !v.nodes.is_empty() {
        out.push_str(&heading(3, text::NODES));
        let _ = writeln!(
            out,
            "| {} | English | {} | {} | {} |\n|---|---|---|---:|---:|",
            text::COL_NODE,
            text::COL_KIND,
            text::COL_MENTIONS,
            text::COL_UNITS
        );
        for n in &v.nodes {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                escape(&svg::label_of(&n.node)),
                escape(&n.node.label_en),
                escape(text::kind_ar(&n.node.kind)),
                thousands(n.node.count),
                thousands(n.node.units)
            );
        }
        out.push('\n');
    }
}

/// Renders the page as Markdown. `svg_file`: the file name of the network drawing written
/// next to the Markdown (linked as an image), or `None` when there is none (output to
/// stdout).
pub fn render(p: &ReportPage, svg_file: Option<&str>) -> String {
    let mut out = String::new();
    let c = &p.corpus;
    let _ = writeln!(out, "# {}\n", escape(&p.title));
    let inputs: Vec<String> =
        p.inputs.iter().map(|i| format!("`{}`", i.replace('`', "'"))).collect();
    let _ = writeln!(out, "المدخلات: {} · {} {}\n", inputs.join(" "), p.tool.name, p.tool.version);

    out.push_str(&heading(2, text::OVERVIEW));
    let _ = writeln!(out, "| {} | {} |\n|---|---:|", text::COL_MEASURE, text::COL_VALUE);
    for (t, v) in [
        (text::DOCUMENTS, c.documents),
        (text::TOKENS, c.tokens),
        (text::TYPES, c.types.unwrap_or(0)),
        (text::TERM_TOKENS, c.term_tokens.unwrap_or(0)),
        (text::TERM_TYPES, c.term_types.unwrap_or(0)),
        (text::SENTENCES, c.sentences),
        (text::SKIPPED_N, c.skipped.len() as u64),
    ] {
        let _ = writeln!(out, "| {} ({}) | {} |", t.0, t.1, thousands(v));
    }
    out.push('\n');
    if let Some(by) = &p.by {
        let _ = writeln!(
            out,
            "### {} ({}) — `--by {}`\n",
            text::GROUPS.0,
            text::GROUPS.1,
            by.replace('`', "'")
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|",
            text::COL_GROUP,
            text::DOCUMENTS.0,
            text::TOKENS.0,
            text::TYPES.0,
            text::SENTENCES.0,
            text::COL_TOP_TERMS
        );
        for g in &p.groups {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                escape(&g.key),
                thousands(g.summary.documents),
                thousands(g.summary.tokens),
                thousands(g.summary.types.unwrap_or(0)),
                thousands(g.summary.sentences),
                g.top_terms.iter().map(|t| escape(t)).collect::<Vec<_>>().join("، ")
            );
        }
        out.push('\n');
        if p.groups_total > p.groups.len() {
            let _ = writeln!(
                out,
                "{}\n",
                escape(&text::more_groups_ar(p.groups.len(), p.groups_total))
            );
        }
    }
    const MAX_LISTED: usize = 50;
    for (t, list) in [
        (text::SKIPPED, c.skipped.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
        (text::NOTICES, c.notices.clone()),
        (text::WARNINGS, c.warnings.clone()),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&heading(3, t));
        for item in list.iter().take(MAX_LISTED) {
            let _ = writeln!(out, "- {}", escape(item));
        }
        if list.len() > MAX_LISTED {
            let _ = writeln!(out, "- … {} more", list.len() - MAX_LISTED);
        }
        out.push('\n');
    }

    out.push_str(&heading(2, text::TERMS));
    out.push_str("بعد التطبيع ومن دون الكلمات الشائعة (stopwords). الثنائيات: كلمتان متتاليتان داخل الجملة لا تفصل بينهما كلمة شائعة.\n\n");
    let tfidf = c.documents > 1;
    out.push_str(&heading(3, text::UNIGRAMS));
    terms_table(&mut out, &p.unigrams, tfidf);
    out.push_str(&heading(3, text::BIGRAMS));
    terms_table(&mut out, &p.bigrams, tfidf);

    out.push_str(&heading(2, text::NETWORK));
    network(&mut out, &p.network, svg_file);

    out.push_str(&heading(2, text::SECTIONS));
    if (p.documents.len() as u64) < c.documents {
        let _ = writeln!(out, "{}\n", escape(&text::first_docs_ar(p.documents.len(), c.documents)));
    }
    for d in &p.documents {
        let _ = writeln!(out, "### {}\n", escape(d.title.as_deref().unwrap_or(&d.id)));
        let _ = writeln!(out, "`{}` · {}\n", d.id.replace('`', "'"), escape(&d.path));
        for s in &d.sections {
            let _ = writeln!(out, "#### {}\n", escape(s.heading.as_deref().unwrap_or(text::LEAD)));
            let _ = writeln!(out, "*{}*\n", text::sizes_ar(s.sizes.0, s.sizes.1, s.sizes.2));
            for (name, v) in [
                (text::COUNTRIES, &s.countries),
                (text::REGIONS, &s.regions),
                (text::THEMES, &s.themes),
            ] {
                if !v.is_empty() {
                    let _ = writeln!(out, "- **{name}:** {}", labelled(v));
                }
            }
            if !s.top_terms.is_empty() {
                let t: Vec<String> = s.top_terms.iter().map(|t| escape(t)).collect();
                let _ = writeln!(out, "- **{}:** {}", text::DISTINCTIVE, t.join("، "));
            }
            if !s.key_sentences.is_empty() {
                let _ = writeln!(out, "- **{}:**", text::KEY_SENTENCES);
                for (i, k) in s.key_sentences.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {}", i + 1, escape(k));
                }
            }
            out.push('\n');
        }
    }

    out.push_str(&heading(2, text::OPTIONS));
    let _ = writeln!(out, "| {} | {} |\n|---|---|", text::COL_OPTION, text::COL_VALUE);
    for (k, v) in &p.options {
        let _ = writeln!(out, "| `{}` | {} |", k, escape(v));
    }
    out.push('\n');
    out.push_str(
        "Methods: TF-IDF = count × ln(N / df) (Spärck Jones 1972); edge measures Jaccard, Dice, \
         PMI = log2(n_ab·N / (n_a·n_b)), NPMI (Bouma 2009), G² (Dunning 1993); network layout \
         Fruchterman & Reingold (1991), *Graph drawing by force-directed placement*, Software: \
         Practice and Experience 21(11); key sentences: position-biased LexRank (Erkan & Radev \
         2004; Otterbacher et al. 2009); distinctive terms: G² keyness of the section against \
         the rest of its document (Dunning 1993; Rayson & Garside 2000).\n",
    );
    out
}

/// Writes one document of `tahlil sections` as Markdown: a heading per document and per
/// section, the sizes, then bullets for distinctive terms, countries, regions, themes and
/// key sentences. Every text from the corpus (title, id, path, headings, terms, entry ids,
/// sentences) goes through [`escape`]; the id is written as code with its backticks
/// replaced, as the report does.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_sections_document<W: std::io::Write>(
    w: &mut W,
    d: &crate::analysis::sections::DocumentOut,
) -> std::io::Result<()> {
    use crate::analysis::sections::IdCount;
    let ids = |v: &[IdCount]| {
        v.iter().map(|c| format!("{} {}", escape(&c.id), c.count)).collect::<Vec<_>>().join(", ")
    };
    writeln!(w, "## {}\n", escape(d.title.as_deref().unwrap_or(&d.id)))?;
    writeln!(w, "`{}` · {}\n", d.id.replace('`', "'"), escape(&d.path))?;
    for s in &d.sections {
        match &s.heading {
            Some(h) => writeln!(w, "### {}\n", escape(h))?,
            None => writeln!(w, "### (lead)\n")?,
        }
        writeln!(
            w,
            "{} paragraphs · {} sentences · {} tokens\n",
            s.paragraphs, s.sentences, s.tokens
        )?;
        if !s.top_terms.is_empty() {
            let t: Vec<String> = s.top_terms.iter().map(|t| escape(&t.term)).collect();
            writeln!(w, "- **Terms:** {}", t.join("، "))?;
        }
        for (name, v) in
            [("Countries", &s.countries), ("Regions", &s.regions), ("Themes", &s.themes)]
        {
            if !v.is_empty() {
                writeln!(w, "- **{name}:** {}", ids(v))?;
            }
        }
        if !s.summary.is_empty() {
            writeln!(w, "- **Key sentences:**")?;
            for k in &s.summary {
                writeln!(w, "  - {}", escape(k))?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("*x* _y_ [z](u)"), "\\*x\\* \\_y\\_ \\[z\\](u)");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("الهند"), "الهند");
    }

    #[test]
    fn bars() {
        assert_eq!(bar(10, 10, 20).chars().count(), 20);
        assert_eq!(bar(1, 100, 20).chars().count(), 1);
        assert_eq!(bar(0, 10, 20), "");
    }
}
