//! Audit of the cleaning rules (issue 11 items 2–4) on a JSONL corpus, by default ANT v2.1:
//! duplicates compared with `duplicates.tsv`, the boilerplate lines found, datelines and
//! the lexicon mentions inside them per source, and a seeded sample of first paragraphs for
//! judging the dateline rules by hand.
//!
//! ```text
//! cargo run --release --example clean_audit [-- [DIR|FILE.jsonl …] [--by FIELD] [--near]
//!     [--min-docs K] [--sample N] [--seed S] [--threads N]]
//! ```
//! Paths default to `../shared/corpora/ant-multisource`. The first pass runs twice (1 and
//! `--threads` threads, default 2) and the two indexes are compared. `--sample N` (default
//! 0) writes N first paragraphs per source, drawn with SplitMix64 from `--seed` (default 11),
//! with the dateline found, to stdout after the figures (tab-separated: source, id,
//! dateline or `-`, start of the paragraph).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use tahlil::analysis::{Analysis, AnalyzedDoc, Analyzer, DocKey, Needs, VisualLines};
use tahlil::clean::{
    CleanIndex, CleanOptions, CleanPartial, DatelineRules, DuplicateKind, DuplicateMode,
    Fingerprinter, PrintScratch,
};
use tahlil::corpus::{CorpusReader, Document, InputOptions};
use tahlil::engine::{self, EngineOptions};
use tahlil::lexicon::{BuiltinOptions, Lexicon};
use tahlil::structure::{self, HeadingMode};
use tahlil::text::{Normalizer, Pipeline, Preset, TextOptions};

struct Args {
    paths: Vec<PathBuf>,
    by: Option<String>,
    near: bool,
    min_docs: Option<u64>,
    sample: usize,
    seed: u64,
    threads: usize,
}

fn args() -> Args {
    let mut a = Args {
        paths: Vec::new(),
        by: None,
        near: false,
        min_docs: None,
        sample: 0,
        seed: 11,
        threads: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(s) = it.next() {
        match s.as_str() {
            "--by" => a.by = it.next(),
            "--near" => a.near = true,
            "--min-docs" => a.min_docs = it.next().and_then(|v| v.parse().ok()),
            "--sample" => a.sample = it.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--seed" => a.seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(11),
            "--threads" => a.threads = it.next().and_then(|v| v.parse().ok()).unwrap_or(2),
            _ => a.paths.push(PathBuf::from(s)),
        }
    }
    if a.paths.is_empty() {
        a.paths.push(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource"),
        );
    }
    a
}

fn group_of(doc: &Document, by: Option<&str>) -> String {
    by.map(|f| doc.meta_value(f).unwrap_or("(missing)").to_string()).unwrap_or_default()
}

/// The first cleaning pass as an analysis: each document's fingerprint folded into a
/// [`CleanPartial`].
struct FirstPass<'a> {
    fp: Fingerprinter,
    opts: &'a CleanOptions,
    by: Option<&'a str>,
}

impl Analysis for FirstPass<'_> {
    type Partial = CleanPartial;
    type Scratch = PrintScratch;
    type Output = CleanIndex;
    fn needs(&self) -> Needs {
        Needs::NONE
    }
    fn empty(&self) -> CleanPartial {
        CleanPartial::new(self.opts)
    }
    fn add(&self, p: &mut CleanPartial, s: &mut PrintScratch, doc: &AnalyzedDoc) {
        let group = group_of(&doc.doc, self.by);
        p.add(self.fp.fingerprint(&doc.doc, doc.key.clone(), &group, s));
    }
    fn merge(&self, into: &mut CleanPartial, other: CleanPartial) {
        into.merge(other);
    }
    fn finish(&self, p: CleanPartial) -> CleanIndex {
        p.finish(self.opts)
    }
}

fn first_pass(a: &Args, opts: &CleanOptions, threads: usize) -> anyhow::Result<CleanIndex> {
    let input = InputOptions { paths: a.paths.clone(), ..Default::default() };
    let reader = CorpusReader::new(input)?;
    let pass = FirstPass {
        fp: Fingerprinter::new(Normalizer::new(Preset::Standard), opts),
        opts,
        by: a.by.as_deref(),
    };
    let engine = EngineOptions { threads, progress: false, ..Default::default() };
    let pipeline = Pipeline::new(&TextOptions::default())?;
    let (partial, _) = engine::fold(reader, &engine, &Analyzer::new(&pipeline), &pass)?;
    Ok(pass.finish(partial))
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn main() -> anyhow::Result<()> {
    let a = args();
    let opts = CleanOptions {
        duplicates: if a.near { DuplicateMode::Near } else { DuplicateMode::Drop },
        min_docs: a.min_docs,
        ..Default::default()
    };
    let t = Instant::now();
    let ix = first_pass(&a, &opts, 1)?;
    let t1 = t.elapsed();
    let t = Instant::now();
    let ix2 = first_pass(&a, &opts, a.threads)?;
    let t2 = t.elapsed();
    let same = ix.duplicates == ix2.duplicates
        && ix.boilerplate == ix2.boilerplate
        && ix.thresholds == ix2.thresholds;
    println!(
        "first pass: {} documents, {:.2} s at -j1, {:.2} s at -j{}; indexes equal: {same}",
        ix.documents,
        t1.as_secs_f64(),
        t2.as_secs_f64(),
        a.threads
    );

    // all documents in memory (ANT: 110 MB) for the texts of lines and the datelines
    let input = InputOptions { paths: a.paths.clone(), ..Default::default() };
    let loaded = CorpusReader::new(input)?.load_all();
    let docs = loaded.docs;
    let by_id: BTreeMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();

    // duplicates
    let exact = ix.duplicates.iter().filter(|d| d.kind == DuplicateKind::Exact).count();
    let near = ix.duplicates.len() - exact;
    println!(
        "\n## Duplicates\nleft out: {} ({exact} exact, {near} near); kept {}",
        ix.duplicates.len(),
        ix.kept()
    );
    let tsv =
        a.paths
            .iter()
            .map(|p| {
                if p.is_dir() {
                    p.join("duplicates.tsv")
                } else {
                    p.with_file_name("duplicates.tsv")
                }
            })
            .find(|p| p.is_file());
    if let Some(tsv) = tsv {
        let text = std::fs::read_to_string(&tsv)?;
        let rows: BTreeMap<&str, &str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .filter(|(id, _)| by_id.contains_key(id))
            .collect();
        let ours: BTreeMap<&str, (&str, DuplicateKind)> =
            ix.duplicates.iter().map(|d| (d.id.as_str(), (d.same_as.as_str(), d.kind))).collect();
        let both = rows.keys().filter(|id| ours.contains_key(*id)).count();
        let same_first =
            rows.iter().filter(|(id, f)| ours.get(*id).is_some_and(|o| o.0 == **f)).count();
        println!(
            "{}: {} rows for these files; {both} of them left out here ({same_first} with the same kept copy)",
            tsv.display(),
            rows.len()
        );
        let missing: Vec<&&str> = rows.keys().filter(|id| !ours.contains_key(*id)).collect();
        println!("rows not left out here: {}", missing.len());
        for id in missing.iter().take(5) {
            println!("  {id} (tsv: same text as {})", rows[**id]);
        }
        let extra: Vec<(&&str, &(&str, DuplicateKind))> =
            ours.iter().filter(|(id, _)| !rows.contains_key(*id)).collect();
        let extra_exact = extra.iter().filter(|(_, o)| o.1 == DuplicateKind::Exact).count();
        println!(
            "left out here, not in the tsv: {} ({extra_exact} exact, {} near)",
            extra.len(),
            extra.len() - extra_exact
        );
        for (id, (first, kind)) in extra.iter().take(12) {
            let (x, y) = (&by_id[**id].text, &by_id[*first].text);
            // where the raw texts first differ
            let (xs, ys) = (
                x.split_whitespace().collect::<Vec<_>>(),
                y.split_whitespace().collect::<Vec<_>>(),
            );
            let at = xs.iter().zip(&ys).position(|(p, q)| p != q).unwrap_or(xs.len().min(ys.len()));
            println!(
                "  {id} {kind:?} of {first}: {} vs {} words; first difference at word {at}: {:?} vs {:?}",
                xs.len(),
                ys.len(),
                xs.get(at).copied().unwrap_or("<end>"),
                ys.get(at).copied().unwrap_or("<end>")
            );
        }
    }

    // boilerplate
    println!("\n## Boilerplate (K per group)");
    for t in &ix.thresholds {
        println!("group {:?}: {} documents, K = {}", t.group, t.documents, t.min_docs);
    }
    for b in &ix.boilerplate {
        let d = by_id[b.first_id.as_str()];
        let line = structure::lines(&d.text)
            .nth(b.first.1 as usize - 1)
            .map(|(_, r)| &d.text[r])
            .unwrap_or("");
        println!("{}\t{:?}\t{}", b.documents, b.group, line.trim());
    }

    // datelines and their mentions
    println!("\n## Datelines (first body paragraph) and mentions inside them, per source");
    let rules = DatelineRules::new();
    let pipeline = Pipeline::new(&TextOptions::default())?;
    let norm = Normalizer::new(Preset::Standard);
    let lex = Lexicon::builtin(&norm, &BuiltinOptions::default())?;
    let matcher = lex.matcher();
    let analyzer = Analyzer::new(&pipeline)
        .with_matcher(&matcher)
        .with_headings(HeadingMode::Auto)
        .with_visual_lines(VisualLines::Keep);
    let mut analyzed = AnalyzedDoc::default();
    #[derive(Default)]
    struct Row {
        docs: u64,
        with: u64,
        forms: BTreeMap<String, u64>,
        mentions: u64,
        in_dateline: u64,
        entries: BTreeMap<String, u64>,
    }
    let mut per: BTreeMap<String, Row> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in &docs {
        let source = d.meta_value("source").unwrap_or(&d.path).to_string();
        analyzer.analyze(d.clone(), DocKey::of(d), Needs::MENTIONS.with_headings(), &mut analyzed);
        let s = &analyzed.structure;
        let first = s.all_paragraphs().find(|(sec, _)| sec.is_some()).map(|(_, p)| p.span.clone());
        let dl = first.clone().and_then(|r| rules.detect(&d.text, r));
        let row = per.entry(source.clone()).or_default();
        row.docs += 1;
        if let Some(x) = &dl {
            row.with += 1;
            *row.forms.entry(format!("{:?}", x.form)).or_default() += 1;
        }
        let mentions = &analyzed.mentions;
        row.mentions += mentions.len() as u64;
        if let Some(x) = &dl {
            let inside = |m: &&tahlil::analysis::DocMention| {
                m.span.start >= x.span.start && m.span.end <= x.span.end
            };
            for m in mentions.iter().filter(inside) {
                row.in_dateline += 1;
                *row.entries.entry(lex.entry(m.entry).id.clone()).or_default() += 1;
            }
        }
        if let Some(r) = first {
            let p = &d.text[r];
            let head: String = p.chars().take(90).collect();
            let got = dl.as_ref().map_or("-".to_string(), |x| d.text[x.span.clone()].to_string());
            samples.entry(source).or_default().push(format!("{}\t{got}\t{head}", d.id));
        }
    }
    println!(
        "| source | documents | with a dateline | forms | mentions | in datelines | share | entries in datelines |"
    );
    println!("|---|---:|---:|---|---:|---:|---:|---|");
    for (src, r) in &per {
        let mut top: Vec<(&String, &u64)> = r.entries.iter().collect();
        top.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        let top: Vec<String> = top.iter().take(4).map(|(k, v)| format!("{k} {v}")).collect();
        println!(
            "| {src} | {} | {} | {:?} | {} | {} | {:.2} % | {} |",
            r.docs,
            r.with,
            r.forms,
            r.mentions,
            r.in_dateline,
            100.0 * r.in_dateline as f64 / r.mentions.max(1) as f64,
            top.join(", ")
        );
    }
    if a.sample > 0 {
        println!("\n## Sample of first paragraphs (seed {})", a.seed);
        for (src, list) in &samples {
            let mut state = a.seed;
            let mut idx: Vec<usize> = (0..list.len()).collect();
            // Fisher–Yates with SplitMix64
            for i in (1..idx.len()).rev() {
                let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
                idx.swap(i, j);
            }
            for &i in idx.iter().take(a.sample) {
                println!("{src}\t{}", list[i]);
            }
        }
    }
    Ok(())
}
