//! Throughput of each stage of `tahlil stats`, in input bytes per second.
//!
//! Inputs: the shipped sample article (`data/corpus/india-central-asia.txt`) and, when
//! `../shared/corpora` is present, a slice of the ANT news corpus (the first
//! `TAHLIL_BENCH_ANT_BYTES` bytes of whole lines of `bbc.jsonl`, 4 MB by default).
//!
//! Stages: `read` (JSONL read, UTF-8 check and JSON parse, by the corpus reader),
//! `normalize` (the `standard` preset, word by word), `tokenize` (the tokenizer alone),
//! `terms` (tokenise + normalise + stopwords + hash in one pass: what every command runs),
//! `structure` (lines, headings and sentences of each document), `count` (term counting
//! of the pre-computed term stream), `merge` (two per-thread accumulators) and `stats_doc`
//! (the whole per-document work of `tahlil stats`: structure, walk, counting),
//! `lexicon_match` (the matcher over pre-tokenised sentences, `find` and `find_memo`),
//! `summarize` (LexRank key sentences of each section, terms interned beforehand) and
//! `sections_doc` (the whole per-document work of `tahlil sections`).
//!
//! `cargo bench --bench stages` runs them; `-- terms` runs one group.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use tahlil::analysis::freq::{FinishOptions, TermBatch, TermCounts};
use tahlil::analysis::sections::Sections;
use tahlil::analysis::stats::Stats;
use tahlil::analysis::summarize::{Budget, IdSentences, key_sentences_ids};
use tahlil::analysis::{Analysis, AnalyzedDoc, Analyzer, DocKey};
use tahlil::corpus::{CorpusReader, Document, InputOptions};
use tahlil::lexicon::{BuiltinOptions, Lexicon, MatchMemo, SentenceTokens};
use tahlil::structure::{self, StructureOptions};
use tahlil::text::hashed::Interner;
use tahlil::text::normalize::{Normalizer, Preset};
use tahlil::text::pipeline::{Pipeline, Role, Scratch, TextOptions};
use tahlil::text::tokenize::tokenize;

/// A named input: the documents' texts and the raw file they came from.
struct Input {
    name: &'static str,
    file: PathBuf,
    file_bytes: u64,
    docs: Vec<Document>,
    text_bytes: u64,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(file: &Path) -> Vec<Document> {
    let reader =
        CorpusReader::new(InputOptions { paths: vec![file.to_path_buf()], ..Default::default() })
            .expect("reader");
    reader.load_all().docs
}

fn inputs() -> Vec<Input> {
    let mut v = Vec::new();
    let sample = manifest().join("data/corpus/india-central-asia.txt");
    let docs = load(&sample);
    v.push(Input {
        name: "sample",
        file_bytes: std::fs::metadata(&sample).map_or(0, |m| m.len()),
        file: sample,
        text_bytes: docs.iter().map(|d| d.text.len() as u64).sum(),
        docs,
    });
    let bbc = manifest().join("../shared/corpora/ant-multisource/bbc.jsonl");
    if let Ok(all) = std::fs::read(&bbc) {
        let want: usize = std::env::var("TAHLIL_BENCH_ANT_BYTES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(4 << 20);
        let mut end = want.min(all.len());
        while end < all.len() && all[end - 1] != b'\n' {
            end += 1;
        }
        let dir = std::env::temp_dir().join(format!("tahlil-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("ant-slice.jsonl");
        std::fs::write(&file, &all[..end]).expect("write slice");
        let docs = load(&file);
        v.push(Input {
            name: "ant",
            file_bytes: end as u64,
            file,
            text_bytes: docs.iter().map(|d| d.text.len() as u64).sum(),
            docs,
        });
    } else {
        eprintln!("note: ../shared/corpora is absent; benchmarking the sample only");
    }
    v
}

fn pipeline() -> Pipeline {
    Pipeline::new(&TextOptions { numbers: true, ..Default::default() }).expect("pipeline")
}

/// The term keys (with their hashes) of every document, one `Vec` per document.
fn term_stream(p: &Pipeline, docs: &[Document]) -> Vec<Vec<(String, u64)>> {
    let mut scratch = Scratch::default();
    docs.iter()
        .map(|d| {
            let mut v = Vec::new();
            p.terms(&d.text, 0..d.text.len(), &mut scratch, |t| {
                if t.role == Role::Term {
                    v.push((t.key.to_string(), t.key_hash));
                }
            });
            v
        })
        .collect()
}

fn count(stream: &[Vec<(String, u64)>]) -> TermCounts {
    let mut c = TermCounts::default();
    let mut batch = TermBatch::default();
    for doc in stream {
        c.begin_document(0);
        for (k, h) in doc {
            batch.push(k, *h);
        }
        c.add_batch(&mut batch);
    }
    c
}

fn stages(c: &mut Criterion) {
    let inputs = inputs();
    let p = pipeline();
    let norm = Normalizer::new(Preset::Standard);

    let mut g = c.benchmark_group("read");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.file_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &i.file, |b, f| {
            b.iter(|| black_box(load(f).len()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("normalize");
    for i in &inputs {
        let words: Vec<&str> = i.docs.iter().flat_map(|d| d.text.split_whitespace()).collect();
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &words, |b, words| {
            let mut out = String::new();
            b.iter(|| {
                let mut n = 0;
                for w in words {
                    norm.normalize_into(w, &mut out);
                    n += out.len();
                }
                black_box(n)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("tokenize");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &i.docs, |b, docs| {
            b.iter(|| {
                let mut n = 0usize;
                for d in docs {
                    tokenize(&d.text, 0, &mut |t| n += t.end - t.start);
                }
                black_box(n)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("terms");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &i.docs, |b, docs| {
            let mut scratch = Scratch::default();
            b.iter(|| {
                let mut n = 0u64;
                for d in docs {
                    p.terms(&d.text, 0..d.text.len(), &mut scratch, |t| n ^= t.key_hash);
                }
                black_box(n)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("structure");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::new("parse", i.name), &i.docs, |b, docs| {
            b.iter(|| {
                let mut n = 0usize;
                for d in docs {
                    let opts = StructureOptions {
                        has_title_field: d.title.is_some(),
                        ..Default::default()
                    };
                    n += structure::parse(&d.text, &opts).sections.len();
                }
                black_box(n)
            })
        });
        g.bench_with_input(BenchmarkId::new("split_sentences", i.name), &i.docs, |b, docs| {
            let mut out = Vec::new();
            b.iter(|| {
                let mut n = 0usize;
                for d in docs {
                    for (_, span) in structure::lines(&d.text) {
                        out.clear();
                        structure::split_sentences(&d.text, span, &mut out);
                        n += out.len();
                    }
                }
                black_box(n)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("count");
    for i in &inputs {
        let stream = term_stream(&p, &i.docs);
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &stream, |b, s| {
            b.iter(|| black_box(count(s).len()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("merge");
    for i in &inputs {
        let stream = term_stream(&p, &i.docs);
        let half = stream.len() / 2;
        let (a, bb) = (count(&stream[..half]), count(&stream[half..]));
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &(a, bb), |b, (a, bb)| {
            b.iter(|| {
                let mut x = a.clone();
                x.merge(bb.clone());
                black_box(x.len())
            })
        });
    }
    g.finish();

    // the whole per-document work of `tahlil stats`: the walk (structure, tokens) and the
    // counting (each document is cloned first, as the engine moves it in)
    let stats = Stats::new(1, FinishOptions::default());
    let analyzer = Analyzer::new(&p);
    let mut g = c.benchmark_group("stats_doc");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &i.docs, |b, docs| {
            let (mut doc, mut scratch) = (AnalyzedDoc::default(), Default::default());
            b.iter(|| {
                let mut partial = stats.empty();
                for d in docs {
                    analyzer.analyze(d.clone(), DocKey::of(d), stats.needs(), &mut doc);
                    stats.add(&mut partial, &mut scratch, &doc);
                }
                black_box(partial.counts.len())
            })
        });
    }
    g.finish();

    // lexicon match: the matcher over every sentence's tokens (tokenised beforehand), with
    // and without the per-thread memo
    let lex = Lexicon::builtin(&p.normalizer, &BuiltinOptions::default()).expect("lexicon");
    let matcher = lex.matcher();
    let mut g = c.benchmark_group("lexicon_match");
    for i in &inputs {
        let sents = sentence_tokens(&p, &i.docs);
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::new("find", i.name), &sents, |b, sents| {
            let mut out = Vec::new();
            b.iter(|| {
                out.clear();
                for (toks, _) in sents {
                    matcher.find(toks, &mut out);
                }
                black_box(out.len())
            })
        });
        g.bench_with_input(BenchmarkId::new("find_memo", i.name), &sents, |b, sents| {
            let (mut out, mut memo) = (Vec::new(), MatchMemo::default());
            b.iter(|| {
                out.clear();
                for (toks, hashes) in sents {
                    matcher.find_memo(toks, hashes, &mut memo, &mut out);
                }
                black_box(out.len())
            })
        });
    }
    g.finish();

    // summarise: position-biased LexRank over each section's sentences (term ids interned
    // beforehand), as `tahlil sections` ranks them
    let mut g = c.benchmark_group("summarize");
    for i in &inputs {
        let units = section_units(&p, &i.docs);
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &units, |b, units| {
            b.iter(|| {
                let n: usize =
                    units.iter().map(|u| key_sentences_ids(u, Budget::Sentences(2)).len()).sum();
                black_box(n)
            })
        });
    }
    g.finish();

    // the whole per-document work of `tahlil sections`: the walk (structure, tokens,
    // mentions) and the summaries
    let sections = Sections {
        lexicon: &lex,
        budget: Budget::Sentences(2),
        top_terms: 5,
        count_ambiguous: false,
        by: None,
        max_docs: usize::MAX,
    };
    let analyzer = Analyzer::new(&p).with_matcher(&matcher);
    let mut g = c.benchmark_group("sections_doc");
    for i in &inputs {
        g.throughput(Throughput::Bytes(i.text_bytes));
        g.bench_with_input(BenchmarkId::from_parameter(i.name), &i.docs, |b, docs| {
            let (mut doc, mut scratch) = (AnalyzedDoc::default(), Default::default());
            b.iter(|| {
                let mut n = 0usize;
                for d in docs {
                    analyzer.analyze(d.clone(), DocKey::of(d), sections.needs(), &mut doc);
                    n += sections.summarize(&doc, &mut scratch).sections.len();
                }
                black_box(n)
            })
        });
    }
    g.finish();
}

/// The normalised tokens and their hashes of every sentence of `docs`, as the matcher
/// gets them.
fn sentence_tokens(p: &Pipeline, docs: &[Document]) -> Vec<(Vec<String>, Vec<u64>)> {
    let mut out = Vec::new();
    let (mut scratch, mut toks) = (Scratch::default(), SentenceTokens::new());
    for d in docs {
        let st = structure::parse(&d.text, &StructureOptions::default());
        for (_, para) in st.all_paragraphs() {
            for s in &para.sentences {
                toks.fill(p, &d.text, s.clone(), &mut scratch);
                out.push((toks.tokens().to_vec(), toks.hashes().to_vec()));
            }
        }
    }
    out
}

/// Each section's paragraph sentences as term ids (interned per document).
fn section_units(p: &Pipeline, docs: &[Document]) -> Vec<IdSentences> {
    let mut out = Vec::new();
    let (mut scratch, mut keys, mut ids) = (Scratch::default(), Interner::new(), Vec::new());
    for d in docs {
        keys.clear();
        let st = structure::parse(&d.text, &StructureOptions::default());
        for sec in &st.sections {
            let mut unit = IdSentences::new();
            for para in &sec.paragraphs {
                for s in &para.sentences {
                    ids.clear();
                    let mut words = 0;
                    p.terms(&d.text, s.clone(), &mut scratch, |t| {
                        if t.role != Role::Excluded {
                            words += 1;
                        }
                        if t.role == Role::Term {
                            ids.push(keys.intern_hashed(t.key, t.key_hash));
                        }
                    });
                    unit.push(&ids, words);
                }
            }
            out.push(unit);
        }
    }
    out
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
