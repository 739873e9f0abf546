//! Turning the paths given on the command line (and in a `--files-from` list) into an
//! ordered list of inputs. Nothing is opened here: file types come from `stat`, so FIFOs,
//! sockets and devices are found without ever blocking on them. A FIFO or character device
//! named explicitly (`/dev/stdin`, `/dev/fd/N`, a shell's `<(…)`) is an input read like a
//! file; inside folders they are skipped and listed.

use super::{InputOptions, Skipped};
use anyhow::Context as _;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// File name endings read inside folders when no `--glob` is given (each also with `.gz`).
pub(crate) const KNOWN_EXTENSIONS: [&str; 4] = ["txt", "jsonl", "csv", "tsv"];

/// One input found by [`discover`].
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// Standard input.
    Stdin,
    /// A regular file.
    File(FileInput),
    /// A path that cannot be read, with the reason.
    Bad(Skipped),
}

/// A regular file to read.
#[derive(Debug, Clone)]
pub(crate) struct FileInput {
    /// Where to open it.
    pub path: PathBuf,
    /// The path as displayed: as given, or joined to the folder given.
    pub display: String,
    /// Id for a text document: relative to the folder given, or as given.
    pub rel: String,
    /// Size in bytes when discovered.
    pub size: u64,
    /// Found inside a folder by the default extension filter (not named, not chosen by a
    /// glob). A CSV/TSV file found this way that has no text column is a side table, not
    /// part of the corpus: it is left out with a notice instead of a skip.
    pub by_default_filter: bool,
    /// A FIFO or character device named explicitly: read once, as a stream, its size
    /// unknown (`size` is 0).
    pub stream: bool,
}

/// The inputs named by `opts`, in order: each path as given (a `--files-from` list after
/// the paths); folders walked recursively in file-name order, hidden entries skipped,
/// only files passing the name filter kept.
///
/// # Errors
/// Fatal problems only: an unreadable `--files-from` list, an invalid glob, or stdin named
/// both as the list and as an input.
pub(crate) fn discover(opts: &InputOptions) -> anyhow::Result<Vec<Input>> {
    let filter = NameFilter::new(&opts.globs)?;
    let mut paths: Vec<PathBuf> = opts.paths.clone();
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    let list_from_stdin = opts.files_from.as_ref().is_some_and(is_stdin);
    if list_from_stdin && paths.iter().any(is_stdin) {
        anyhow::bail!("stdin cannot be both the --files-from list and an input");
    }
    if let Some(list) = &opts.files_from {
        paths.extend(read_list(list)?);
    }
    if paths.is_empty() && opts.files_from.is_none() {
        paths.push(PathBuf::from("-"));
    }
    if list_from_stdin && paths.iter().any(is_stdin) {
        anyhow::bail!("the --files-from list, read from stdin, names stdin (-) as an input");
    }
    let mut out = Vec::new();
    let mut stdin_used = false;
    let spooled = |p: &PathBuf| opts.spooled.iter().find(|(given, _)| given == p);
    for p in &paths {
        if let Some((_, copy)) = spooled(p).filter(|_| !(p.as_os_str() == "-" && stdin_used)) {
            // A copy of stdin or of a FIFO made for a second pass: read the copy, named as
            // the input was given.
            stdin_used |= p.as_os_str() == "-";
            let display = p.display().to_string();
            out.push(Input::File(FileInput {
                path: copy.clone(),
                display: display.clone(),
                rel: display,
                size: std::fs::metadata(copy).map_or(0, |m| m.len()),
                by_default_filter: false,
                stream: false,
            }));
            continue;
        }
        if p.as_os_str() == "-" {
            if stdin_used {
                out.push(Input::Bad(skip("-", "stdin was already read earlier in this run")));
            } else {
                stdin_used = true;
                out.push(Input::Stdin);
            }
            continue;
        }
        let display = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => out.push(Input::Bad(skip(&display, &io_reason(&e)))),
            Ok(md) if md.is_dir() => walk(p, &filter, &mut out),
            Ok(md) if md.is_file() => out.push(Input::File(FileInput {
                path: p.clone(),
                display: display.clone(),
                rel: display,
                size: md.len(),
                by_default_filter: false,
                stream: false,
            })),
            Ok(md) if is_stream(&md.file_type()) => out.push(Input::File(FileInput {
                path: p.clone(),
                display: display.clone(),
                rel: display,
                size: 0,
                by_default_filter: false,
                stream: true,
            })),
            Ok(md) => out.push(Input::Bad(skip(&display, &special_reason(&md.file_type(), false)))),
        }
    }
    Ok(out)
}

/// Reads a `--files-from` list: one path per line, `\r\n` accepted, blank lines ignored.
fn read_list(list: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut bytes = Vec::new();
    if list.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read the --files-from list from stdin")?;
    } else {
        bytes = std::fs::read(list)
            .with_context(|| format!("cannot read the --files-from list {}", list.display()))?;
    }
    Ok(bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .map(path_from_bytes)
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt as _;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// Walks folder `root` in sorted order, appending the files that pass `filter`.
fn walk(root: &Path, filter: &NameFilter, out: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let rel_path = e.path().strip_prefix(root).unwrap_or(e.path());
                let rel = rel_path.to_string_lossy().into_owned();
                let name = e.file_name().to_string_lossy();
                let Some(by_default_filter) = filter.accepts(&rel, &name) else { continue };
                let display = e.path().display().to_string();
                if e.file_type().is_file() {
                    let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                    out.push(Input::File(FileInput {
                        path: e.path().to_path_buf(),
                        display,
                        rel,
                        size,
                        by_default_filter,
                        stream: false,
                    }));
                } else {
                    out.push(Input::Bad(skip(&display, &special_reason(&e.file_type(), true))));
                }
            }
            Err(err) => {
                let path = err.path().unwrap_or(root);
                let display = path.display().to_string();
                let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                let reason = if let Some(ancestor) = err.loop_ancestor() {
                    format!(
                        "symbolic link loop (it leads back to {}); not followed",
                        ancestor.display()
                    )
                } else if err.depth() > 0 && is_broken_link(path) {
                    // Only links that would have been read are worth a word.
                    let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
                    if name.starts_with('.') || filter.accepts(&rel, &name).is_none() {
                        continue;
                    }
                    "broken symbolic link (its target does not exist)".to_owned()
                } else if let Some(io) = err.io_error() {
                    io_reason(io)
                } else {
                    err.to_string()
                };
                out.push(Input::Bad(skip(&display, &reason)));
            }
        }
    }
}

/// Whether `p` is a symbolic link whose target does not exist.
fn is_broken_link(p: &Path) -> bool {
    p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && std::fs::metadata(p).is_err()
}

/// Which files inside folders are read.
struct NameFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl NameFilter {
    /// `--glob` patterns; a leading `!` excludes. A pattern is matched against the path
    /// relative to the folder given and, if it has no `/`, against the file name.
    fn new(globs: &[String]) -> anyhow::Result<NameFilter> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut n_inc, mut n_exc) = (0, 0);
        for g in globs {
            let (set, pat) = match g.strip_prefix('!') {
                Some(p) => {
                    n_exc += 1;
                    (&mut exclude, p)
                }
                None => {
                    n_inc += 1;
                    (&mut include, g.as_str())
                }
            };
            set.add(build_glob(pat)?);
            if !pat.contains('/') {
                set.add(build_glob(&format!("**/{pat}"))?);
            }
        }
        let build = |b: GlobSetBuilder, n: usize| -> anyhow::Result<Option<GlobSet>> {
            if n == 0 { Ok(None) } else { Ok(Some(b.build().context("invalid --glob pattern")?)) }
        };
        Ok(NameFilter { include: build(include, n_inc)?, exclude: build(exclude, n_exc)? })
    }

    /// `None` if the file is not read; `Some(true)` if it passed the default extension
    /// filter, `Some(false)` if a glob chose it.
    fn accepts(&self, rel: &str, name: &str) -> Option<bool> {
        if self.exclude.as_ref().is_some_and(|x| x.is_match(rel)) {
            return None;
        }
        match &self.include {
            Some(inc) => inc.is_match(rel).then_some(false),
            None => has_known_extension(name).then_some(true),
        }
    }
}

fn build_glob(pat: &str) -> anyhow::Result<Glob> {
    GlobBuilder::new(pat)
        .literal_separator(true)
        .build()
        .with_context(|| format!("invalid --glob pattern {pat:?}"))
}

/// Whether `name` ends in one of [`KNOWN_EXTENSIONS`], optionally followed by `.gz`
/// (ASCII case ignored).
pub(crate) fn has_known_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    KNOWN_EXTENSIONS
        .iter()
        .any(|ext| base.strip_suffix(ext).is_some_and(|stem| stem.len() > 1 && stem.ends_with('.')))
}

/// A plain-English reason for an I/O error.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::IsADirectory => "is a directory".to_owned(),
        _ => format!("cannot read: {e}"),
    }
}

/// Whether a file of this type named explicitly is read as a stream: a FIFO (a shell's
/// `<(…)`, `/dev/fd/N`) or a character device (`/dev/stdin` on a terminal). Sockets and block
/// devices are never read.
pub(crate) fn is_stream(ft: &std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        ft.is_fifo() || ft.is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = ft;
        false
    }
}

/// The reason for skipping something that is neither a regular file nor a folder, found
/// in a folder (`in_folder`) or named explicitly.
fn special_reason(ft: &std::fs::FileType, in_folder: bool) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let what = if ft.is_fifo() {
            "a named pipe (FIFO)"
        } else if ft.is_socket() {
            "a socket"
        } else if ft.is_char_device() {
            "a character device"
        } else if ft.is_block_device() {
            "a block device"
        } else {
            "not a regular file"
        };
        if in_folder {
            format!("{what}, not a regular file; not read inside a folder (name it to read it)")
        } else {
            format!("{what}; not read (files, FIFOs and character devices are)")
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (ft, in_folder);
        "not a regular file; not read".to_owned()
    }
}

/// A whole-input [`Skipped`] entry.
pub(crate) fn skip(path: &str, reason: &str) -> Skipped {
    Skipped { path: path.to_owned(), line: None, offset: None, reason: reason.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_extensions() {
        for ok in ["a.txt", "b.JSONL", "c.csv.gz", "d.tsv", "x.y.txt.GZ"] {
            assert!(has_known_extension(ok), "{ok}");
        }
        for no in ["README.md", "txt", ".txt", "a.gz", "a.txt.zip", "atxt"] {
            assert!(!has_known_extension(no), "{no}");
        }
    }

    #[test]
    fn globs() -> anyhow::Result<()> {
        let f = NameFilter::new(&["*.md".into(), "!SOURCE.md".into()])?;
        assert_eq!(f.accepts("sub/README.md", "README.md"), Some(false));
        assert_eq!(f.accepts("SOURCE.md", "SOURCE.md"), None);
        assert_eq!(f.accepts("a.txt", "a.txt"), None);
        let f = NameFilter::new(&["sub/*.txt".into()])?;
        assert_eq!(f.accepts("sub/a.txt", "a.txt"), Some(false));
        assert_eq!(f.accepts("sub/deeper/a.txt", "a.txt"), None);
        assert!(NameFilter::new(&["a[".into()]).is_err());
        Ok(())
    }
}
