//! Turning the paths given on the command line into an ordered list of inputs.

use super::InputOptions;
use std::path::PathBuf;

/// One input found by [`discover`].
#[derive(Debug, Clone)]
pub(crate) enum Input {
    /// Standard input.
    Stdin,
    /// A file, with the name used for it in messages and document ids.
    File {
        /// Where to open it.
        path: PathBuf,
        /// The path as displayed: as given, or joined to the folder given.
        display: String,
        /// Id for a text document: relative to the folder given, or as given.
        rel: String,
    },
    /// A path that could not be used, with the reason.
    Bad {
        /// The path as displayed.
        display: String,
        /// Why.
        reason: String,
    },
}

/// Lists the inputs named by `opts` in order: each path as given; folders walked
/// recursively, sorted by file name, hidden entries skipped, only known extensions kept.
pub(crate) fn discover(opts: &InputOptions) -> Vec<Input> {
    let mut out = Vec::new();
    if opts.paths.is_empty() || (opts.paths.len() == 1 && opts.paths[0].as_os_str() == "-") {
        out.push(Input::Stdin);
        return out;
    }
    for p in &opts.paths {
        let display = p.display().to_string();
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            for entry in
                walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let name = e.file_name().to_string_lossy();
                        if name.ends_with(".txt") || name.ends_with(".jsonl") {
                            let rel = e.path().strip_prefix(p).unwrap_or(e.path());
                            out.push(Input::File {
                                path: e.path().to_path_buf(),
                                display: e.path().display().to_string(),
                                rel: rel.display().to_string(),
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        out.push(Input::Bad { display: display.clone(), reason: err.to_string() })
                    }
                }
            }
        } else if p.exists() {
            out.push(Input::File { path: p.clone(), display: display.clone(), rel: display });
        } else {
            out.push(Input::Bad { display, reason: "no such file or directory".into() });
        }
    }
    out
}
