//! Where a report goes: stdout, a file written atomically, or a special file written
//! through.
//!
//! Every user-named output of every command (`-o`/`--output`/`--out`, and side files such
//! as `report`'s `NAME.network.svg`) goes through [`Output::open`], which decides by what
//! sits at the path (after following symbolic links):
//!
//! | at the path | how it is written |
//! |---|---|
//! | `-` | standard output (never a file named `-`) |
//! | nothing (a new file) or a regular file | atomically: a temporary file in the same folder, renamed over the path when complete |
//! | a symbolic link to a regular file | atomically next to the link's final *target*, which gets the content; the link stays |
//! | a dangling symbolic link | the link's target is created (atomically, in the target's folder); the link stays |
//! | a FIFO, a character or block device, a socket, or a `/proc` file-descriptor link (`/dev/stdout`, `/dev/fd/N`) | written through: opened for writing and written in place, never renamed over, truncated or unlinked |
//! | a directory, or a path whose folder does not exist | an error naming the path (no temporary file is left) |
//!
//! A failed or killed run leaves an atomically written target untouched; a written-through
//! target has received whatever was written before the failure (as with a shell `>`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Errors opening or committing an output. Messages name the path as the user gave it and
/// never the temporary file's name.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output cannot be created there: a directory, a missing folder, no permission…
    #[error("{path}: cannot write the output here: {reason}")]
    Create {
        /// The path as given.
        path: String,
        /// Why, in words.
        reason: String,
    },
    /// Writing, flushing or renaming failed; an atomically written target is unchanged.
    #[error("{path}: cannot write the output (an existing file is left unchanged): {reason}")]
    Commit {
        /// The path as given (`<stdout>` for standard output).
        path: String,
        /// Why, in words.
        reason: String,
        /// The kind of the I/O error (a closed pipe is [`std::io::ErrorKind::BrokenPipe`]).
        kind: std::io::ErrorKind,
    },
}

impl OutputError {
    /// The kind of the underlying I/O error, when there was one.
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            OutputError::Commit { kind, .. } => Some(*kind),
            OutputError::Create { .. } => None,
        }
    }
}

/// How a path is written, decided by [`plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Standard output.
    Stdout,
    /// A temporary file in `target`'s folder, renamed over `target` when complete.
    /// `target` is the path itself, or the final target of a symbolic link.
    Atomic {
        /// The file that gets the content.
        target: PathBuf,
    },
    /// Opened for writing and written in place (FIFO, device, socket, `/proc` fd link).
    /// `append` is set for a `/proc` fd link to a regular file (the shell opened it:
    /// `>` already truncated it, `>>` wants appending).
    Through {
        /// Whether to open in append mode.
        append: bool,
    },
}

/// The most symbolic links followed from an output path (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// `path` unless it is `-` (which means standard output).
pub fn named(path: Option<&Path>) -> Option<&Path> {
    path.filter(|p| p.as_os_str() != "-")
}

/// Decides how `path` is written (see the module's table), looking at the file system
/// only (nothing is created). `None` and `-` are standard output.
///
/// # Errors
/// [`OutputError::Create`] for a directory, a missing folder, a loop of symbolic links, or
/// a path that cannot be looked at.
pub fn plan(path: Option<&Path>) -> Result<Plan, OutputError> {
    let Some(p) = named(path) else { return Ok(Plan::Stdout) };
    let err = |reason: String| OutputError::Create { path: p.display().to_string(), reason };
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => Err(err("it is a directory".into())),
        Ok(m) if !m.is_file() => Ok(Plan::Through { append: false }),
        Ok(_) => {
            if !is_symlink(p) {
                return Ok(Plan::Atomic { target: p.to_path_buf() });
            }
            let (target, via_proc) = follow_links(p).map_err(err)?;
            if via_proc {
                // /dev/stdout, /dev/fd/N: the shell's open file, reached through /proc.
                Ok(Plan::Through { append: true })
            } else {
                Ok(Plan::Atomic { target })
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let target = if is_symlink(p) { follow_links(p).map_err(err)?.0 } else { p.into() };
            let dir = folder_of(&target);
            match std::fs::metadata(dir) {
                Ok(m) if m.is_dir() => Ok(Plan::Atomic { target }),
                Ok(_) => Err(err(format!("{} is not a folder", dir.display()))),
                Err(_) if target != p => Err(err(format!(
                    "the symbolic link points to {}, whose folder does not exist",
                    target.display()
                ))),
                Err(_) => Err(err(format!("the folder {} does not exist", dir.display()))),
            }
        }
        Err(e) => Err(err(plain(&e))),
    }
}

/// Checks that `path` can be an output (the checks of [`plan`]), so a run can refuse a
/// directory or a missing folder before reading any input.
///
/// # Errors
/// As [`plan`].
pub fn check(path: Option<&Path>) -> Result<(), OutputError> {
    plan(path).map(|_| ())
}

fn is_symlink(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

/// The folder a file at `p` lives in (`.` for a bare name).
fn folder_of(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Follows the chain of symbolic links starting at `p` to the first path that is not a
/// link (which may not exist: a dangling link). Returns it and whether the chain passed
/// through `/proc` (the kernel's file-descriptor links).
fn follow_links(p: &Path) -> Result<(PathBuf, bool), String> {
    let mut cur = p.to_path_buf();
    let mut via_proc = p.starts_with("/proc");
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&cur).map_err(|e| plain(&e))?;
                cur = if next.is_absolute() { next } else { folder_of(&cur).join(next) };
                via_proc |= cur.starts_with("/proc");
            }
            _ => return Ok((cur, via_proc)),
        }
    }
    Err(format!("more than {MAX_LINKS} symbolic links in a chain (a loop?)"))
}

/// An I/O error in words, without any path the error may carry (tempfile adds the
/// temporary file's name, which must not reach the user).
fn plain(e: &std::io::Error) -> String {
    if let Some(code) = e.raw_os_error() {
        return std::io::Error::from_raw_os_error(code).to_string();
    }
    let inner = e
        .get_ref()
        .and_then(|i| std::error::Error::source(i))
        .and_then(|s| s.downcast_ref::<std::io::Error>());
    match inner {
        Some(i) => plain(i),
        None if e.get_ref().is_some() => e.kind().to_string(),
        None => e.to_string(),
    }
}

/// A report destination. Dropping an unfinished atomic output removes its temporary file
/// and leaves any existing target untouched.
pub struct Output {
    sink: Sink,
    /// `--excel`: the formula-cell guard every CSV byte goes through.
    spreadsheet: Option<crate::report::spreadsheet::CsvGuard>,
}

/// Where the bytes go.
enum Sink {
    /// Standard output, buffered.
    Stdout(BufWriter<std::io::Stdout>),
    /// A temporary file in the target's folder, renamed over the target by
    /// [`Output::finish`].
    File {
        /// The temporary file.
        tmp: BufWriter<tempfile::NamedTempFile>,
        /// The file that gets the content (a link's target for a symbolic link).
        target: PathBuf,
        /// The path as the user gave it, for messages.
        shown: String,
    },
    /// A special file (FIFO, device, socket) opened for writing and written in place.
    Through {
        /// The open file.
        file: BufWriter<std::fs::File>,
        /// The path as the user gave it, for messages.
        shown: String,
    },
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { tmp, .. } => tmp,
            Sink::Through { file, .. } => file,
        }
    }
}

impl Output {
    /// Opens stdout (`None` or `-`) or the file at `path`, written atomically or through as
    /// [`plan`] decides. Opening a FIFO waits for its reader, as a shell `>` does.
    ///
    /// # Errors
    /// [`OutputError::Create`] for a directory, a missing or unwritable folder, or a
    /// special file that cannot be opened for writing (a socket).
    pub fn open(path: Option<&Path>) -> Result<Self, OutputError> {
        let shown = || path.map_or_else(String::new, |p| p.display().to_string());
        let create_err =
            |e: std::io::Error| OutputError::Create { path: shown(), reason: plain(&e) };
        let sink = match plan(path)? {
            Plan::Stdout => Sink::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout())),
            Plan::Through { append } => {
                let p = named(path).unwrap_or(Path::new("-"));
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .append(append)
                    .open(p)
                    .map_err(create_err)?;
                Sink::Through { file: BufWriter::with_capacity(1 << 16, file), shown: shown() }
            }
            Plan::Atomic { target } => {
                let tmp = new_file_builder()
                    .prefix(".tahlil-")
                    .suffix(".tmp")
                    .tempfile_in(folder_of(&target))
                    .map_err(create_err)?;
                // Replacing a file keeps its permissions (tempfile alone would leave 0600).
                if let Ok(meta) = std::fs::metadata(&target) {
                    tmp.as_file().set_permissions(meta.permissions()).map_err(create_err)?;
                }
                Sink::File { tmp: BufWriter::new(tmp), target, shown: shown() }
            }
        };
        Ok(Output { sink, spreadsheet: None })
    }

    /// Makes this a spreadsheet-bound CSV output (`--excel`): writes the UTF-8 byte-order
    /// mark now and neutralises every formula-leading cell written afterwards (see
    /// [`crate::report::spreadsheet`]). Call it before writing anything.
    ///
    /// # Errors
    /// I/O errors writing the byte-order mark.
    pub fn spreadsheet_csv(mut self) -> std::io::Result<Self> {
        self.sink.writer().write_all(crate::report::spreadsheet::BOM)?;
        self.spreadsheet = Some(crate::report::spreadsheet::CsvGuard::default());
        Ok(self)
    }

    /// Flushes and, for an atomic output, renames the temporary file over the target.
    ///
    /// # Errors
    /// I/O errors; on error an atomic target is unchanged and the temporary file removed.
    pub fn finish(mut self) -> Result<(), OutputError> {
        let commit = |path: &str, e: std::io::Error| OutputError::Commit {
            path: path.to_string(),
            reason: plain(&e),
            kind: e.kind(),
        };
        if let Some(mut g) = self.spreadsheet.take() {
            let shown = match &self.sink {
                Sink::Stdout(_) => "<stdout>".to_string(),
                Sink::File { shown, .. } | Sink::Through { shown, .. } => shown.clone(),
            };
            g.finish(self.sink.writer()).map_err(|e| commit(&shown, e))?;
        }
        match self.sink {
            Sink::Stdout(mut w) => w.flush().map_err(|e| commit("<stdout>", e)),
            Sink::Through { mut file, shown } => file.flush().map_err(|e| commit(&shown, e)),
            Sink::File { tmp, target, shown } => {
                let tmp = tmp.into_inner().map_err(|e| commit(&shown, e.into_error()))?;
                tmp.as_file().sync_all().map_err(|e| commit(&shown, e))?;
                tmp.persist(&target).map_err(|e| commit(&shown, e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.spreadsheet {
            Some(g) => g.feed(buf, self.sink.writer()).map(|()| buf.len()),
            None => self.sink.writer().write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.spreadsheet {
            Some(g) => g.feed(buf, self.sink.writer()),
            None => self.sink.writer().write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sink.writer().flush()
    }
}

/// A temporary-file builder whose file gets the permissions of an ordinary new file:
/// 0666 minus the process umask on Unix (tempfile's default, 0600, would make every output
/// private), the platform default elsewhere.
fn new_file_builder() -> tempfile::Builder<'static, 'static> {
    #[allow(unused_mut)]
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}

/// True when `output` names the same file as one of `inputs` (compared after resolving
/// both; a target that does not exist yet is compared by its parent folder and name).
/// `-` (standard output) is never an input file.
pub fn is_same_file(output: &Path, inputs: &[PathBuf]) -> bool {
    if named(Some(output)).is_none() {
        return false;
    }
    let resolve = |p: &Path| -> Option<PathBuf> {
        std::fs::canonicalize(p)
            .ok()
            .or_else(|| Some(std::fs::canonicalize(folder_of(p)).ok()?.join(p.file_name()?)))
    };
    let Some(out) = resolve(output) else { return false };
    inputs.iter().filter_map(|p| std::fs::canonicalize(p).ok()).any(|i| i == out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) -> Result<(), OutputError> {
        let mut o = Output::open(Some(path))?;
        o.write_all(text.as_bytes()).map_err(|e| OutputError::Commit {
            path: String::new(),
            reason: e.to_string(),
            kind: e.kind(),
        })?;
        o.finish()
    }

    fn no_temp_left(dir: &Path) -> bool {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().starts_with(".tahlil-"))
    }

    #[test]
    fn dash_is_stdout() {
        assert_eq!(plan(Some(Path::new("-"))).ok(), Some(Plan::Stdout));
        assert_eq!(plan(None).ok(), Some(Plan::Stdout));
        assert!(!is_same_file(Path::new("-"), &[PathBuf::from("-")]));
    }

    #[test]
    fn new_and_regular_files_are_atomic() -> Result<(), Box<dyn std::error::Error>> {
        let d = tempfile::tempdir()?;
        let p = d.path().join("out.tsv");
        assert_eq!(plan(Some(&p))?, Plan::Atomic { target: p.clone() });
        write(&p, "one")?;
        write(&p, "two")?;
        assert_eq!(std::fs::read_to_string(&p)?, "two");
        assert!(no_temp_left(d.path()));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_keeps_the_link_and_writes_the_target() -> Result<(), Box<dyn std::error::Error>> {
        let d = tempfile::tempdir()?;
        let sub = d.path().join("sub");
        std::fs::create_dir(&sub)?;
        let real = sub.join("real.tsv");
        std::fs::write(&real, "old")?;
        // A chain: L -> M -> sub/real.tsv (relative targets, resolved from each link's folder).
        let l = d.path().join("L");
        let m = d.path().join("M");
        std::os::unix::fs::symlink("sub/real.tsv", &m)?;
        std::os::unix::fs::symlink("M", &l)?;
        assert_eq!(plan(Some(&l))?, Plan::Atomic { target: d.path().join("sub/real.tsv") });
        write(&l, "new")?;
        assert!(std::fs::symlink_metadata(&l)?.file_type().is_symlink());
        assert!(std::fs::symlink_metadata(&m)?.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real)?, "new");
        assert!(no_temp_left(d.path()) && no_temp_left(&sub));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn dangling_symlink_creates_its_target() -> Result<(), Box<dyn std::error::Error>> {
        let d = tempfile::tempdir()?;
        let l = d.path().join("L");
        std::os::unix::fs::symlink("made.tsv", &l)?;
        write(&l, "x")?;
        assert!(std::fs::symlink_metadata(&l)?.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(d.path().join("made.tsv"))?, "x");
        // A dangling link into a missing folder is an error naming the link.
        let bad = d.path().join("B");
        std::os::unix::fs::symlink("nowhere/x.tsv", &bad)?;
        let e = plan(Some(&bad)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("/B:") && e.contains("does not exist"), "{e}");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_an_error() -> Result<(), Box<dyn std::error::Error>> {
        let d = tempfile::tempdir()?;
        let a = d.path().join("a");
        let b = d.path().join("b");
        std::os::unix::fs::symlink("b", &a)?;
        std::os::unix::fs::symlink("a", &b)?;
        assert!(Output::open(Some(&a)).is_err());
        assert!(no_temp_left(d.path()));
        Ok(())
    }

    #[test]
    fn directory_and_missing_folder_are_errors_without_temp_names()
    -> Result<(), Box<dyn std::error::Error>> {
        let d = tempfile::tempdir()?;
        let e = Output::open(Some(d.path())).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("directory") && !e.contains(".tahlil-"), "{e}");
        let missing = d.path().join("no/such/out.tsv");
        let e = Output::open(Some(&missing)).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("does not exist") && !e.contains(".tahlil-"), "{e}");
        // A file used as a folder.
        let f = d.path().join("f");
        std::fs::write(&f, "")?;
        let e = Output::open(Some(&f.join("x"))).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(!e.is_empty() && !e.contains(".tahlil-"), "{e}");
        assert!(no_temp_left(d.path()));
        Ok(())
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn proc_fd_links_are_written_through() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::fd::AsRawFd;
        // Like /dev/stdout → /proc/self/fd/1, but onto a file of our own.
        let d = tempfile::tempdir()?;
        let f = std::fs::File::create(d.path().join("shell-opened.txt"))?;
        let l = d.path().join("fd-link");
        std::os::unix::fs::symlink(format!("/proc/self/fd/{}", f.as_raw_fd()), &l)?;
        assert_eq!(plan(Some(&l))?, Plan::Through { append: true });
        write(&l, "through")?;
        assert_eq!(std::fs::read_to_string(d.path().join("shell-opened.txt"))?, "through");
        assert!(std::fs::symlink_metadata(&l)?.file_type().is_symlink());
        Ok(())
    }
}
