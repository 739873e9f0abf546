//! Where a report goes: stdout, or a file written atomically.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Errors opening or committing an output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The temporary file could not be created next to the target.
    #[error("{path}: cannot create output file: {source}")]
    Create {
        /// The target.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Writing or renaming failed; the target is unchanged.
    #[error("{path}: cannot write output file (left unchanged): {source}")]
    Commit {
        /// The target.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// A report destination. Dropping an unfinished file output removes its temporary file and
/// leaves any existing target untouched.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<std::io::Stdout>),
    /// A temporary file in the target's folder, renamed over the target by
    /// [`Output::finish`].
    File {
        /// The temporary file.
        tmp: BufWriter<tempfile::NamedTempFile>,
        /// The target path.
        target: PathBuf,
    },
}

impl Output {
    /// Opens stdout (`None`) or a temporary file next to `path`.
    ///
    /// # Errors
    /// [`OutputError::Create`] when the folder is not writable.
    pub fn open(path: Option<&Path>) -> Result<Self, OutputError> {
        match path {
            None => Ok(Output::Stdout(BufWriter::with_capacity(1 << 16, std::io::stdout()))),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let create_err =
                    |source| OutputError::Create { path: p.display().to_string(), source };
                let tmp = new_file_builder()
                    .prefix(".tahlil-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)
                    .map_err(create_err)?;
                // Replacing a file keeps its permissions (tempfile alone would leave 0600).
                if let Ok(meta) = std::fs::metadata(p) {
                    tmp.as_file().set_permissions(meta.permissions()).map_err(create_err)?;
                }
                Ok(Output::File { tmp: BufWriter::new(tmp), target: p.to_path_buf() })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file over the target.
    ///
    /// # Errors
    /// I/O errors; on error the target is unchanged and the temporary file removed.
    pub fn finish(self) -> Result<(), OutputError> {
        match self {
            Output::Stdout(mut w) => {
                w.flush().map_err(|source| OutputError::Commit { path: "<stdout>".into(), source })
            }
            Output::File { tmp, target } => {
                let shown = target.display().to_string();
                let tmp = tmp.into_inner().map_err(|e| OutputError::Commit {
                    path: shown.clone(),
                    source: e.into_error(),
                })?;
                tmp.as_file()
                    .sync_all()
                    .map_err(|source| OutputError::Commit { path: shown.clone(), source })?;
                tmp.persist(&target)
                    .map_err(|e| OutputError::Commit { path: shown, source: e.error })?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { tmp, .. } => tmp.flush(),
        }
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
pub fn is_same_file(output: &Path, inputs: &[PathBuf]) -> bool {
    let resolve = |p: &Path| -> Option<PathBuf> {
        std::fs::canonicalize(p).ok().or_else(|| {
            let parent = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
        })
    };
    let Some(out) = resolve(output) else { return false };
    inputs.iter().filter_map(|p| std::fs::canonicalize(p).ok()).any(|i| i == out)
}
