//! Running analyses over a document source on worker threads.
//!
//! A reader thread takes the source's items (for a corpus, [`Unit`]s cut by the
//! [`CorpusReader`]; or ready [`Document`]s from any iterator) and groups them into batches
//! of about [`EngineOptions::batch_bytes`]; at most two batches wait in a bounded channel,
//! so memory stays bounded whatever the corpus size. Each batch is processed in parallel on
//! a rayon pool of [`EngineOptions::threads`] threads; every worker thread keeps one
//! [`AnalyzedDoc`] (its buffers reused from document to document) and analyses each
//! document once ([`Analyzer::analyze`], building the union of what the analyses need).
//!
//! * [`fold`] adds every document to the worker's partial result of an [`Analysis`] and
//!   merges the partials once at the end (counts, networks, tables);
//! * [`stream`] finishes each document on its own and hands the results to a sink in
//!   input order (per-document outputs such as sections and mentions), while folding a
//!   second analysis (totals) as [`fold`] does.
//!
//! Skipped inputs, notices and the documents' warnings are returned in [`RunInfo`].

pub use crate::analysis::DocKey;
use crate::analysis::{Analysis, AnalyzedDoc, Analyzer, Needs};
#[cfg(doc)]
use crate::corpus::CorpusReader;
use crate::corpus::{Document, Loaded, Skipped, Unit};
use crate::select::{SelectionCounts, Verdict};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::Mutex;

/// How to run.
#[derive(Debug, Clone, Copy)]
pub struct EngineOptions {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Target size of a batch of units, in input bytes.
    pub batch_bytes: usize,
    /// The source's size in bytes, when known, for the progress bar (e.g.
    /// [`CorpusReader::total_bytes_hint`]).
    pub total_bytes: Option<u64>,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            progress: true,
            batch_bytes: 4 << 20,
            total_bytes: None,
        }
    }
}

/// The most worker threads a run uses: 256, or 4 per logical CPU when that is more. More
/// threads than that only cost memory (one accumulator each) and start-up time; a larger
/// `--threads` is capped to this with a notice.
pub fn max_threads() -> usize {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    cpus.saturating_mul(4).max(256)
}

/// What the run saw besides the analyses' results.
#[derive(Debug, Default, Clone)]
pub struct RunInfo {
    /// Documents analysed (read and kept by the selection, if any).
    pub documents: u64,
    /// Documents read but left out by the selection (`--where`, `--sample`).
    pub left_out: SelectionCounts,
    /// Inputs and records skipped, in input order.
    pub skipped: Vec<Skipped>,
    /// Notices (e.g. legacy encodings detected), in input order.
    pub notices: Vec<String>,
    /// The documents' warnings (visual-order lines, no tokens): by [`DocKey`] then text
    /// after [`fold`], in input order after [`stream`].
    pub warnings: Vec<String>,
}

/// Errors that stop a run.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The thread pool could not be built.
    #[error("cannot start {threads} worker threads: {source}")]
    Pool {
        /// Threads asked for.
        threads: usize,
        /// Why.
        source: rayon::ThreadPoolBuildError,
    },
    /// An analysis needs lexicon mentions and the [`Analyzer`] has no matcher.
    #[error("an analysis needs lexicon mentions, but no lexicon matcher was given")]
    NoMatcher,
}

/// One item of a document source: a corpus [`Unit`] (decoded and parsed on a worker
/// thread) or a ready [`Document`]. Sources are iterators of anything that converts into
/// it, so [`fold`] and [`stream`] take a [`CorpusReader`] or any
/// `IntoIterator<Item = Document>`.
#[derive(Debug)]
pub enum Item {
    /// A unit of a corpus (a text file, a JSONL line, a CSV record, or a skipped input).
    Unit(Unit),
    /// A document.
    Document(Document),
}

impl From<Unit> for Item {
    fn from(u: Unit) -> Self {
        Item::Unit(u)
    }
}

impl From<Document> for Item {
    fn from(d: Document) -> Self {
        Item::Document(d)
    }
}

impl Item {
    /// Bytes it holds (for batching).
    fn weight(&self) -> usize {
        match self {
            Item::Unit(u) => u.byte_len(),
            Item::Document(d) => d.text.len(),
        }
    }

    /// Bytes of progress it stands for.
    fn progress(&self) -> u64 {
        match self {
            Item::Unit(u) => u.progress_bytes(),
            Item::Document(d) => d.text.len() as u64,
        }
    }

    /// The documents (plus skipped inputs and notices).
    fn load(self) -> Loaded {
        match self {
            Item::Unit(u) => u.load(),
            Item::Document(d) => Loaded { docs: vec![d], ..Loaded::default() },
        }
    }
}

fn progress_bar(opts: &EngineOptions) -> ProgressBar {
    if !opts.progress || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = opts.total_bytes;
    let pb = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let style = if total.is_some() {
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}",
        )
    } else {
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}",
        )
    };
    if let Ok(s) = style {
        pb.set_style(s);
    }
    pb
}

/// Runs `f` on a rayon pool of `threads` threads.
fn with_pool<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> Result<R, EngineError> {
    let threads = threads.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|source| EngineError::Pool { threads, source })?;
    Ok(pool.install(f))
}

/// Reads `items` into batches of about `batch_bytes` (at most 8192 items) on the calling
/// thread, sending them to `tx` in order; stops when the receiver is gone.
fn read_batches<I: Iterator<Item = Item>>(
    items: I,
    batch_bytes: usize,
    tx: std::sync::mpsc::SyncSender<Vec<Item>>,
) {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for item in items {
        bytes += item.weight().max(64);
        batch.push(item);
        if bytes >= batch_bytes || batch.len() >= 8192 {
            if tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
}

/// Analyses `d` (key `key`) into `out` when the analyzer's selection keeps it, and returns
/// the verdict. Documents decided on their metadata are not walked; the others are walked
/// with the selection's needs added, and their warnings dropped when they are left out.
fn analyze_selected(
    analyzer: &Analyzer<'_>,
    d: Document,
    key: DocKey,
    needs: Needs,
    out: &mut AnalyzedDoc,
) -> Verdict {
    let Some(sel) = analyzer.selection() else {
        analyzer.analyze(d, key, needs, out);
        return Verdict::Keep;
    };
    match sel.before_walk(&d) {
        Some(Verdict::Keep) => {
            analyzer.analyze(d, key, needs, out);
            Verdict::Keep
        }
        Some(v) => v,
        None => {
            analyzer.analyze(d, key, needs.union(sel.needs()), out);
            let v = sel.after_walk(out, analyzer.pipeline());
            if v != Verdict::Keep {
                out.warnings.clear();
            }
            v
        }
    }
}

/// Checks that `analyzer` can build what `needs` asks for.
fn check(analyzer: &Analyzer<'_>, needs: Needs) -> Result<(), EngineError> {
    if needs.mentions && !analyzer.has_matcher() {
        return Err(EngineError::NoMatcher);
    }
    Ok(())
}

/// One worker thread's state in [`fold`].
struct FoldWorker<A: Analysis> {
    doc: AnalyzedDoc,
    partial: A::Partial,
    scratch: A::Scratch,
    warnings: Vec<(DocKey, String)>,
}

/// Runs `analysis` over every document of `source` and returns its merged partial result
/// (call [`Analysis::finish`] on it) with what the run saw.
///
/// Each worker thread adds the documents it analyses to its own partial; the partials are
/// merged once at the end. The result is the same for any thread count when the
/// analysis's merge is associative and commutative. Warnings come sorted by document key
/// (then text).
///
/// # Errors
/// [`EngineError`] when the thread pool cannot be started or the analysis needs mentions
/// and `analyzer` has no matcher.
pub fn fold<S, A>(
    source: S,
    opts: &EngineOptions,
    analyzer: &Analyzer<'_>,
    analysis: &A,
) -> Result<(A::Partial, RunInfo), EngineError>
where
    S: IntoIterator,
    S::Item: Into<Item>,
    S::IntoIter: Send,
    A: Analysis + Sync,
    A::Partial: Send,
    A::Scratch: Send,
{
    let needs = analysis.needs();
    check(analyzer, needs)?;
    let pb = progress_bar(opts);
    let threads = opts.threads.max(1);
    let slots: Vec<Mutex<Option<FoldWorker<A>>>> = (0..threads).map(|_| Mutex::new(None)).collect();
    let mut info = RunInfo::default();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    let items = source.into_iter().map(Into::into);
    let batch_bytes = opts.batch_bytes;
    std::thread::scope(|scope| {
        scope.spawn(move || read_batches(items, batch_bytes, tx));
        with_pool(threads, || {
            for batch in rx {
                let loaded: Vec<(Vec<Skipped>, Vec<String>, u64, SelectionCounts)> = batch
                    .into_par_iter()
                    .map(|item| {
                        let n = item.progress();
                        let Loaded { docs, skipped, notices } = item.load();
                        let mut count = 0;
                        let mut left_out = SelectionCounts::default();
                        let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                        let mut guard = match slots[slot].lock() {
                            Ok(g) => g,
                            Err(poisoned) => poisoned.into_inner(),
                        };
                        let w = guard.get_or_insert_with(|| FoldWorker {
                            doc: AnalyzedDoc::default(),
                            partial: analysis.empty(),
                            scratch: A::Scratch::default(),
                            warnings: Vec::new(),
                        });
                        for d in docs {
                            let key = DocKey::of(&d);
                            let verdict = analyze_selected(analyzer, d, key, needs, &mut w.doc);
                            if verdict != Verdict::Keep {
                                left_out.count(verdict);
                                continue;
                            }
                            count += 1;
                            analysis.add(&mut w.partial, &mut w.scratch, &w.doc);
                            for text in w.doc.warnings.drain(..) {
                                w.warnings.push((w.doc.key.clone(), text));
                            }
                        }
                        pb.inc(n);
                        (skipped, notices, count, left_out)
                    })
                    .collect();
                for (s, n, d, l) in loaded {
                    info.skipped.extend(s);
                    info.notices.extend(n);
                    info.documents += d;
                    info.left_out.add(l);
                }
            }
        })
    })?;
    pb.finish_and_clear();
    let mut total: Option<A::Partial> = None;
    let mut warnings = Vec::new();
    for slot in slots {
        let w = match slot.into_inner() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        let Some(w) = w else { continue };
        warnings.extend(w.warnings);
        match &mut total {
            Some(t) => analysis.merge(t, w.partial),
            None => total = Some(w.partial),
        }
    }
    warnings.sort();
    info.warnings = warnings.into_iter().map(|(_, w)| w).collect();
    Ok((total.unwrap_or_else(|| analysis.empty()), info))
}

/// One worker thread's state in [`stream`].
struct StreamWorker<A: Analysis, B: Analysis> {
    doc: AnalyzedDoc,
    scratch: A::Scratch,
    totals: B::Partial,
    totals_scratch: B::Scratch,
}

/// The results of one loaded item in [`stream`]: the item's skipped inputs and notices,
/// and per document its result and warnings.
type Mapped<O> = (Vec<Skipped>, Vec<String>, Vec<(O, Vec<String>)>, SelectionCounts);

/// Runs `per_doc` on each document of `source` on its own (an empty partial, the document
/// added, finished) and passes the results to `sink` in input order, while folding
/// `totals` over the documents as [`fold`] does; returns the merged partial of `totals`.
/// Memory holds at most a few batches of results. Warnings come in input order.
///
/// # Errors
/// [`EngineError`] as [`fold`]; the first error returned by `sink` (e.g. a closed pipe)
/// stops the run and is returned as `Ok(Err(e))`.
pub fn stream<S, A, B, F, E>(
    source: S,
    opts: &EngineOptions,
    analyzer: &Analyzer<'_>,
    per_doc: &A,
    totals: &B,
    mut sink: F,
) -> Result<Result<(B::Partial, RunInfo), E>, EngineError>
where
    S: IntoIterator,
    S::Item: Into<Item>,
    S::IntoIter: Send,
    A: Analysis + Sync,
    A::Output: Send,
    A::Scratch: Send,
    B: Analysis + Sync,
    B::Partial: Send,
    B::Scratch: Send,
    F: FnMut(A::Output) -> Result<(), E> + Send,
    E: Send,
{
    let needs = per_doc.needs().union(totals.needs());
    check(analyzer, needs)?;
    let pb = progress_bar(opts);
    let threads = opts.threads.max(1);
    let slots: Vec<Mutex<Option<StreamWorker<A, B>>>> =
        (0..threads).map(|_| Mutex::new(None)).collect();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(2);
    let items = source.into_iter().map(Into::into);
    let batch_bytes = opts.batch_bytes;
    // Mapped batches go to a sink thread through a one-batch channel, so the workers map
    // the next batch while the sink consumes this one (the sink is serial work: output
    // formatting and writing) instead of waiting for it.
    let (mapped_tx, mapped_rx) = std::sync::mpsc::sync_channel::<Vec<Mapped<A::Output>>>(1);
    let result = std::thread::scope(|scope| {
        scope.spawn(move || read_batches(items, batch_bytes, tx));
        let sink_thread = scope.spawn(move || -> Result<RunInfo, E> {
            let mut info = RunInfo::default();
            for batch in mapped_rx {
                for (skipped, notices, outs, left_out) in batch {
                    for (out, warnings) in outs {
                        info.documents += 1;
                        info.warnings.extend(warnings);
                        sink(out)?;
                    }
                    info.skipped.extend(skipped);
                    info.notices.extend(notices);
                    info.left_out.add(left_out);
                }
            }
            Ok(info)
        });
        let (pb, slots) = (&pb, &slots);
        let pooled = with_pool(threads, move || {
            for batch in rx {
                let mapped: Vec<Mapped<A::Output>> = batch
                    .into_par_iter()
                    .map(|item| {
                        let n = item.progress();
                        let Loaded { docs, skipped, notices } = item.load();
                        let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                        let mut guard = match slots[slot].lock() {
                            Ok(g) => g,
                            Err(poisoned) => poisoned.into_inner(),
                        };
                        let w = guard.get_or_insert_with(|| StreamWorker {
                            doc: AnalyzedDoc::default(),
                            scratch: A::Scratch::default(),
                            totals: totals.empty(),
                            totals_scratch: B::Scratch::default(),
                        });
                        let mut left_out = SelectionCounts::default();
                        let outs = docs
                            .into_iter()
                            .filter_map(|d| {
                                let key = DocKey::of(&d);
                                let verdict = analyze_selected(analyzer, d, key, needs, &mut w.doc);
                                if verdict != Verdict::Keep {
                                    left_out.count(verdict);
                                    return None;
                                }
                                let mut p = per_doc.empty();
                                per_doc.add(&mut p, &mut w.scratch, &w.doc);
                                totals.add(&mut w.totals, &mut w.totals_scratch, &w.doc);
                                Some((per_doc.finish(p), std::mem::take(&mut w.doc.warnings)))
                            })
                            .collect();
                        pb.inc(n);
                        (skipped, notices, outs, left_out)
                    })
                    .collect();
                // the sink stopped on an error: stop reading
                if mapped_tx.send(mapped).is_err() {
                    break;
                }
            }
        });
        let sunk = match sink_thread.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        pooled.map(|()| sunk)
    })?;
    pb.finish_and_clear();
    let info = match result {
        Ok(info) => info,
        Err(e) => return Ok(Err(e)),
    };
    let mut total: Option<B::Partial> = None;
    for slot in slots {
        let w = match slot.into_inner() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        let Some(w) = w else { continue };
        match &mut total {
            Some(t) => totals.merge(t, w.totals),
            None => total = Some(w.totals),
        }
    }
    Ok(Ok((total.unwrap_or_else(|| totals.empty()), info)))
}
