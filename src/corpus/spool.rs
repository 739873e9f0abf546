//! Copies of inputs that can be read only once, for runs that read the corpus twice
//! (`--segment proclitics` counts the vocabulary in a first pass).

use super::InputOptions;
use anyhow::Context as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most bytes copied from one stream (stdin, a FIFO) by [`spool_streams`]: 4 GiB. A
/// longer stream is refused: it is better saved to a file and named.
pub const SPOOL_LIMIT: u64 = 4 << 30;

/// The temporary copies made by [`spool_streams`]; they are deleted when this is dropped
/// (at the end of the run, also after an error).
#[derive(Debug, Default)]
pub struct Spool {
    files: Vec<tempfile::NamedTempFile>,
}

impl Spool {
    /// The number of inputs copied.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether nothing was copied.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Whether `p`, named as an input, can be read only once: `-` (stdin) or a FIFO or
/// character device.
fn is_once(p: &Path) -> bool {
    p.as_os_str() == "-"
        || std::fs::metadata(p).is_ok_and(|m| super::discover::is_stream(&m.file_type()))
}

/// Copies every input of `opts` that can be read only once — stdin (`-`, or no path at
/// all), a FIFO or character device named on the command line, and a `--files-from` list
/// read from stdin — to a temporary file in the system's temporary folder (`$TMPDIR`),
/// and records the copies in `opts` ([`InputOptions::spooled`], and `files_from`) so that
/// every [`super::CorpusReader`] made from `opts` afterwards reads the copies, under the
/// names given. Paths listed inside a `--files-from` list are not copied.
///
/// At most `limit` bytes are copied from one stream (see [`SPOOL_LIMIT`]). Returns the
/// copies; keep it alive while the readers run (dropping it deletes them).
///
/// # Errors
/// A stream longer than `limit` (naming it and the limit), a read error of the stream, or
/// a temporary file that cannot be written (naming the folder).
pub fn spool_streams(opts: &mut InputOptions, limit: u64) -> anyhow::Result<Spool> {
    let mut spool = Spool::default();
    if opts.paths.is_empty() && opts.files_from.is_none() {
        opts.paths.push(PathBuf::from("-"));
    }
    if let Some(list) = opts.files_from.clone().filter(|l| l.as_os_str() == "-") {
        let copy = copy_stream(&list, limit, &mut spool)?;
        opts.files_from = Some(copy);
    }
    let mut seen = Vec::new();
    for p in opts.paths.clone() {
        if is_once(&p) && !seen.contains(&p) {
            let copy = copy_stream(&p, limit, &mut spool)?;
            opts.spooled.push((p.clone(), copy));
            seen.push(p);
        }
    }
    Ok(spool)
}

/// Copies the stream `p` (`-` for stdin) into a new temporary file kept in `spool`;
/// returns the copy's path. The copy's name ends with `p`'s file name, so formats chosen
/// by extension (`news.jsonl.gz`) stay the same.
fn copy_stream(p: &Path, limit: u64, spool: &mut Spool) -> anyhow::Result<PathBuf> {
    let shown = if p.as_os_str() == "-" { "stdin".to_owned() } else { p.display().to_string() };
    let dir = std::env::temp_dir();
    let suffix = match p.file_name() {
        Some(n) if p.as_os_str() != "-" => format!(".{}", n.to_string_lossy()),
        _ => String::new(),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tahlil-spool-")
        .suffix(&suffix)
        .tempfile_in(&dir)
        .with_context(|| format!("cannot make a temporary copy of {shown} in {}", dir.display()))?;
    let mut src: Box<dyn Read> = if p.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(p).with_context(|| format!("{shown}: cannot open"))?)
    };
    let copied = std::io::copy(&mut src.by_ref().take(limit.saturating_add(1)), tmp.as_file_mut())
        .with_context(|| format!("{shown}: cannot copy it to {}", dir.display()))?;
    if copied > limit {
        anyhow::bail!(
            "{shown}: longer than {} bytes, the most kept in a temporary copy for a run that \
             reads the corpus twice (--segment proclitics); save it to a file and name the file",
            limit
        );
    }
    tmp.as_file_mut().flush()?;
    let path = tmp.path().to_path_buf();
    spool.files.push(tmp);
    Ok(path)
}
