//! Theme precision audit on the ANT news corpus (issue 11, item 5): draws a reproducible
//! random sample of theme mentions with their sentences, for judging by hand, and counts
//! the mentions of every theme.
//!
//! ```text
//! cargo run --release --example theme_audit -- sample SEED PER_THEME [DIR] [--lexicon FILE]… > sample.tsv
//! cargo run --release --example theme_audit -- counts [DIR] [--lexicon FILE]…
//! ```
//!
//! `--themes FILE` replaces the built-in `themes.tsv` by FILE (to try a change without
//! rebuilding).
//!
//! `DIR` defaults to `../shared/corpora/ant-multisource` (every `.jsonl` file, read as
//! `tahlil` reads it). The lexicon is the built-in one (countries, regions, themes) plus
//! the `--lexicon` files, exactly as `tahlil mentions` uses them, so the mentions are those
//! of `tahlil mentions --kind theme` (ambiguous ones left out: `cooc` does not count them).
//!
//! `sample` keeps, for every theme, a uniform random sample of `PER_THEME` of its
//! mentions: reservoir sampling (Vitter's Algorithm R) in corpus order, one
//! `rand_xorshift::XorShiftRng` seeded with `SEED` shared by all themes, so the same seed,
//! corpus and lexicon give the same sample. It prints TSV with the columns of
//! `data/lexicons/theme-audit.tsv` but the first (`round`), with `judgment` and `reason`
//! left empty for the judge: `seed theme doc start end surface sentence judgment reason`,
//! sorted by theme, then corpus order. White space inside a sentence is printed as single spaces.
//!
//! `counts` prints, per theme, the mentions (unambiguous) and the sentences holding at
//! least one of them.

use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;
use std::collections::BTreeMap;
use std::path::PathBuf;
use tahlil::analysis::{AnalyzedDoc, Analyzer, DocKey, Needs};
use tahlil::corpus::{CorpusReader, InputOptions};
use tahlil::lexicon::{BuiltinOptions, Kind, Lexicon};
use tahlil::text::{Pipeline, TextOptions};

/// One sampled mention.
struct Row {
    /// Position of the mention in the corpus stream (for document order in the output).
    seq: u64,
    doc: String,
    start: usize,
    end: usize,
    surface: String,
    sentence: String,
}

/// A reservoir of `k` items (Algorithm R: Vitter 1985, "Random sampling with a reservoir").
struct Reservoir {
    k: usize,
    seen: u64,
    rows: Vec<Row>,
}

impl Reservoir {
    /// Offers the `seen`-th item (from 0); `make` builds it only when it is kept.
    fn offer(&mut self, rng: &mut XorShiftRng, make: impl FnOnce() -> Row) {
        let n = self.seen;
        self.seen += 1;
        if self.rows.len() < self.k {
            self.rows.push(make());
            return;
        }
        // uniform in 0..=n (rejection sampling, no modulo bias)
        let bound = n + 1;
        let zone = u64::MAX - (u64::MAX % bound);
        let j = loop {
            let x = rng.next_u64();
            if x < zone {
                break x % bound;
            }
        };
        if (j as usize) < self.k {
            self.rows[j as usize] = make();
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut lexicons = Vec::new();
    while let Some(i) = args.iter().position(|a| a == "--lexicon") {
        anyhow::ensure!(i + 1 < args.len(), "--lexicon needs a file");
        lexicons.push(PathBuf::from(args.remove(i + 1)));
        args.remove(i);
    }
    let mut themes_file = None;
    if let Some(i) = args.iter().position(|a| a == "--themes") {
        anyhow::ensure!(i + 1 < args.len(), "--themes needs a file");
        themes_file = Some(PathBuf::from(args.remove(i + 1)));
        args.remove(i);
    }
    let usage = "usage: theme_audit sample SEED PER_THEME [DIR] | counts [DIR] \
                 [--themes FILE] [--lexicon FILE]…";
    let (sample, seed, k, dir_arg) = match args.first().map(String::as_str) {
        Some("sample") => {
            let seed: u64 = args
                .get(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| anyhow::anyhow!("{usage}"))?;
            let k: usize = args
                .get(2)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| anyhow::anyhow!("{usage}"))?;
            (true, seed, k, args.get(3))
        }
        Some("counts") => (false, 0, 0, args.get(1)),
        _ => anyhow::bail!("{usage}"),
    };
    let dir = dir_arg.map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ant-multisource")
    });
    let pipeline = Pipeline::new(&TextOptions { numbers: true, ..Default::default() })?;
    let builtin = BuiltinOptions { themes: themes_file.is_none(), ..Default::default() };
    let mut lex = Lexicon::builtin(&pipeline.normalizer, &builtin)?;
    if let Some(f) = &themes_file {
        lex.merge(Lexicon::load_file(f, &pipeline.normalizer)?)?;
    }
    for f in &lexicons {
        lex.merge(Lexicon::load_file(f, &pipeline.normalizer)?)?;
    }
    let matcher = lex.matcher();
    let themes: Vec<usize> =
        (0..lex.len()).filter(|&i| lex.entries()[i].kind == Kind::Theme).collect();
    let mut reservoirs: BTreeMap<usize, Reservoir> =
        themes.iter().map(|&t| (t, Reservoir { k, seen: 0, rows: Vec::new() })).collect();
    let mut sentences: BTreeMap<usize, u64> = themes.iter().map(|&t| (t, 0)).collect();
    let mut rng = XorShiftRng::seed_from_u64(seed);
    let reader = CorpusReader::new(InputOptions { paths: vec![dir], ..Default::default() })?;
    let analyzer = Analyzer::new(&pipeline).with_matcher(&matcher).with_headlines(false);
    let (mut ad, mut seq, mut docs) = (AnalyzedDoc::default(), 0u64, 0u64);
    for unit in reader {
        let loaded = unit.load();
        for s in &loaded.skipped {
            eprintln!("skipped: {s}");
        }
        for doc in loaded.docs {
            docs += 1;
            let key = DocKey::of(&doc);
            analyzer.analyze(doc, key, Needs::MENTIONS.with_headings(), &mut ad);
            let (doc, found) = (&ad.doc, &ad);
            let mut seen_sentences = std::collections::BTreeSet::new();
            for m in found.mentions.iter().filter(|m| !m.ambiguous) {
                let t = m.entry.index();
                let Some(r) = reservoirs.get_mut(&t) else { continue };
                seq += 1;
                if seen_sentences.insert((t, m.sentence)) {
                    *sentences.entry(t).or_default() += 1;
                }
                if !sample {
                    r.seen += 1;
                } else {
                    r.offer(&mut rng, || Row {
                        seq,
                        doc: doc.id.clone(),
                        start: m.span.start,
                        end: m.span.end,
                        surface: doc.text[m.span.range()].to_string(),
                        sentence: one_line(&doc.text[found.sentences[m.sentence].span.range()]),
                    });
                }
            }
        }
    }
    if sample {
        println!("seed\ttheme\tdoc\tstart\tend\tsurface\tsentence\tjudgment\treason");
        for (t, r) in &mut reservoirs {
            r.rows.sort_by_key(|x| x.seq);
            let id = &lex.entries()[*t].id;
            for x in &r.rows {
                println!(
                    "{seed}\t{id}\t{}\t{}\t{}\t{}\t{}\t\t",
                    x.doc,
                    x.start,
                    x.end,
                    one_line(&x.surface),
                    x.sentence
                );
            }
        }
    } else {
        println!("documents\t{docs}");
        println!("theme\tmentions\tsentences");
        for (t, r) in &reservoirs {
            println!("{}\t{}\t{}", lex.entries()[*t].id, r.seen, sentences[t]);
        }
    }
    Ok(())
}
