//! Streaming a corpus through the worker threads.
//!
//! A reader thread cuts the corpus into [`Unit`]s and groups them into batches of about
//! [`EngineOptions::batch_bytes`]; at most two batches wait in a bounded channel, so memory
//! stays bounded whatever the corpus size. Each batch is processed in parallel on a rayon
//! pool of [`EngineOptions::threads`] threads:
//!
//! * [`fold_corpus`] gives every worker thread its own accumulator for the whole run and
//!   merges the accumulators once at the end (for counts);
//! * [`map_corpus`] maps each document to a result and hands the results to a sink in
//!   input order (for per-document outputs such as sections and mentions).
//!
//! Skipped inputs and notices are collected in input order and returned in [`RunInfo`].

use crate::corpus::{CorpusReader, Document, Loaded, Skipped, Unit};
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
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            progress: true,
            batch_bytes: 4 << 20,
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

/// What the run saw besides the per-document results.
#[derive(Debug, Default, Clone)]
pub struct RunInfo {
    /// Documents loaded.
    pub documents: u64,
    /// Inputs and records skipped, in input order.
    pub skipped: Vec<Skipped>,
    /// Notices (e.g. legacy encodings detected), in input order.
    pub notices: Vec<String>,
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
}

fn progress_bar(opts: &EngineOptions, total: Option<u64>) -> ProgressBar {
    if !opts.progress || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
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

/// Spawns the reader thread; batches arrive on the returned receiver in input order.
fn spawn_reader(
    reader: CorpusReader,
    batch_bytes: usize,
) -> (std::sync::mpsc::Receiver<Vec<(u64, Unit)>>, std::thread::JoinHandle<()>) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(u64, Unit)>>(2);
    let handle = std::thread::spawn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        for (seq, unit) in reader.enumerate() {
            bytes += unit.byte_len().max(64);
            batch.push((seq as u64, unit));
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
    });
    (rx, handle)
}

/// The position of a document in the corpus: (unit number, index within the unit). Sorting
/// by it restores input order.
pub type DocKey = (u64, u32);

fn absorb(info: &mut RunInfo, loaded: Vec<(Vec<Skipped>, Vec<String>)>) {
    for (s, n) in loaded {
        info.skipped.extend(s);
        info.notices.extend(n);
    }
}

/// Folds every document of the corpus into per-thread accumulators and merges them.
///
/// `init` makes an empty accumulator, `per_doc` adds one document to it and `merge` adds the
/// second accumulator into the first. `merge` must be associative and commutative for the
/// result not to depend on the thread count.
///
/// # Errors
/// [`EngineError`] when the thread pool cannot be started.
pub fn fold_corpus<A, I, F, M>(
    reader: CorpusReader,
    opts: &EngineOptions,
    init: I,
    per_doc: F,
    merge: M,
) -> Result<(A, RunInfo), EngineError>
where
    A: Send,
    I: Fn() -> A + Sync + Send,
    F: Fn(&mut A, &Document, DocKey) + Sync + Send,
    M: Fn(&mut A, A),
{
    let pb = progress_bar(opts, reader.total_bytes_hint());
    let threads = opts.threads.max(1);
    let (rx, handle) = spawn_reader(reader, opts.batch_bytes);
    let slots: Vec<Mutex<Option<A>>> = (0..threads).map(|_| Mutex::new(None)).collect();
    let mut info = RunInfo::default();
    with_pool(threads, || {
        for batch in rx {
            let loaded: Vec<(Vec<Skipped>, Vec<String>, u64)> = batch
                .into_par_iter()
                .map(|(seq, unit)| {
                    let n = unit.progress_bytes();
                    let Loaded { docs, skipped, notices } = unit.load();
                    let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                    if let Ok(mut guard) = slots[slot].lock() {
                        let acc = guard.get_or_insert_with(&init);
                        for (i, d) in docs.iter().enumerate() {
                            per_doc(acc, d, (seq, i as u32));
                        }
                    }
                    pb.inc(n);
                    (skipped, notices, docs.len() as u64)
                })
                .collect();
            for (s, n, d) in loaded {
                info.skipped.extend(s);
                info.notices.extend(n);
                info.documents += d;
            }
        }
    })?;
    let _ = handle.join();
    pb.finish_and_clear();
    let mut acc: Option<A> = None;
    for slot in slots {
        let a = match slot.into_inner() {
            Ok(a) => a,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(a) = a {
            match &mut acc {
                Some(total) => merge(total, a),
                None => acc = Some(a),
            }
        }
    }
    Ok((acc.unwrap_or_else(init), info))
}

/// Maps every document to a result in parallel and passes the results to `sink` in input
/// order. Memory holds at most a few batches of results.
///
/// # Errors
/// [`EngineError`] when the thread pool cannot be started; the first error returned by
/// `sink` (e.g. a closed pipe) stops the run and is returned as `Ok(Err(e))`.
pub fn map_corpus<R, F, S, E>(
    reader: CorpusReader,
    opts: &EngineOptions,
    f: F,
    sink: S,
) -> Result<Result<RunInfo, E>, EngineError>
where
    R: Send,
    F: Fn(&Document) -> R + Sync + Send,
    S: FnMut(&Document, R) -> Result<(), E> + Send,
    E: Send,
{
    map_corpus_with(reader, opts, || (), |(), d| f(d), sink)
}

/// [`map_corpus`] whose mapping function also gets a mutable scratch value (reusable
/// buffers, memo tables), made by `init` once per worker thread and kept for the whole run,
/// never shared between threads.
///
/// # Errors
/// As [`map_corpus`].
pub fn map_corpus_with<T, R, I, F, S, E>(
    reader: CorpusReader,
    opts: &EngineOptions,
    init: I,
    f: F,
    mut sink: S,
) -> Result<Result<RunInfo, E>, EngineError>
where
    T: Send,
    R: Send,
    I: Fn() -> T + Sync + Send,
    F: Fn(&mut T, &Document) -> R + Sync + Send,
    S: FnMut(&Document, R) -> Result<(), E> + Send,
    E: Send,
{
    let pb = progress_bar(opts, reader.total_bytes_hint());
    let threads = opts.threads.max(1);
    let (rx, handle) = spawn_reader(reader, opts.batch_bytes);
    let slots: Vec<Mutex<Option<T>>> = (0..threads).map(|_| Mutex::new(None)).collect();
    // Mapped batches go to a sink thread through a one-batch channel, so the workers map
    // the next batch while the sink consumes this one (the sink is serial work: output
    // formatting and writing) instead of waiting for it.
    let (mapped_tx, mapped_rx) = std::sync::mpsc::sync_channel::<Vec<(Loaded, Vec<R>)>>(1);
    let result = std::thread::scope(|scope| {
        let sink_thread = scope.spawn(move || -> Result<RunInfo, E> {
            let mut info = RunInfo::default();
            for loaded in mapped_rx {
                let mut side = Vec::new();
                for (l, rs) in loaded {
                    info.documents += l.docs.len() as u64;
                    for (d, r) in l.docs.iter().zip(rs) {
                        sink(d, r)?;
                    }
                    side.push((l.skipped, l.notices));
                }
                absorb(&mut info, side);
            }
            Ok(info)
        });
        let (pb, slots, init, f) = (&pb, &slots, &init, &f);
        let pooled = with_pool(threads, move || {
            for batch in rx {
                let loaded: Vec<(Loaded, Vec<R>)> = batch
                    .into_par_iter()
                    .map(|(_, unit)| {
                        let n = unit.progress_bytes();
                        let l = unit.load();
                        let slot = rayon::current_thread_index().unwrap_or(0) % slots.len();
                        let rs = match slots[slot].lock() {
                            Ok(mut guard) => {
                                let scratch = guard.get_or_insert_with(init);
                                l.docs.iter().map(|d| f(scratch, d)).collect()
                            }
                            // a panic while holding it: go on with a fresh scratch value
                            Err(_) => {
                                let mut scratch = init();
                                l.docs.iter().map(|d| f(&mut scratch, d)).collect()
                            }
                        };
                        pb.inc(n);
                        (l, rs)
                    })
                    .collect();
                // the sink stopped on an error: stop reading
                if mapped_tx.send(loaded).is_err() {
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
    drop(handle);
    pb.finish_and_clear();
    Ok(result)
}
