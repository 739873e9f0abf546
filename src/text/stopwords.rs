//! Stopword lists (`--stopwords default|news|none|FILE`, and unions such as
//! `default+news+FILE`), normalised with the same preset as the text at load time.

use super::hashed::StrSet;
use super::normalize::Normalizer;
use std::path::{Path, PathBuf};

/// The built-in Arabic list (`data/stopwords/ar.txt`): curated from Stopwords ISO and the
/// NLTK Arabic list (both via the `stop-words` crate 0.10.1), see the file's header.
pub const DEFAULT_AR: &str = include_str!("../../data/stopwords/ar.txt");

/// The opt-in news list (`data/stopwords/news-ar.txt`): weekday and month names, news
/// agencies and channels naming themselves, reporting verbs and attribution words; see the
/// file's header for what was left out and why.
pub const NEWS_AR: &str = include_str!("../../data/stopwords/news-ar.txt");

/// Which stopword list to use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StopwordsChoice {
    /// The built-in list.
    #[default]
    Default,
    /// The built-in news list ([`NEWS_AR`]) alone; usually combined: `default+news`.
    News,
    /// No stopwords.
    None,
    /// A UTF-8 file, one entry per line, `#` starts a comment.
    File(PathBuf),
    /// The union of several lists (`default+news+FILE`), at least two, none of them
    /// `none` or another union.
    Union(Vec<StopwordsChoice>),
}

impl std::str::FromStr for StopwordsChoice {
    type Err = String;

    /// `default`, `news`, `none`, a file path, or lists joined by `+`. A path that exists
    /// is always a file, even when it contains `+`; a file named like a keyword is written
    /// with a directory (`./news`).
    ///
    /// # Errors
    /// An empty part (`default+`), or `none` combined with another list.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let one = |p: &str| match p {
            "default" => StopwordsChoice::Default,
            "news" => StopwordsChoice::News,
            "none" => StopwordsChoice::None,
            _ => StopwordsChoice::File(PathBuf::from(p)),
        };
        if !s.contains('+') || Path::new(s).exists() {
            return Ok(one(s));
        }
        let mut parts = Vec::new();
        for p in s.split('+') {
            if p.is_empty() {
                return Err(format!("`{s}`: empty list name around `+`"));
            }
            match one(p) {
                StopwordsChoice::None => {
                    return Err(format!("`{s}`: `none` cannot be combined with other lists"));
                }
                c if !parts.contains(&c) => parts.push(c),
                _ => {}
            }
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { StopwordsChoice::Union(parts) })
    }
}

impl std::fmt::Display for StopwordsChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StopwordsChoice::Default => f.write_str("default"),
            StopwordsChoice::News => f.write_str("news"),
            StopwordsChoice::None => f.write_str("none"),
            StopwordsChoice::File(p) => write!(f, "{}", p.display()),
            StopwordsChoice::Union(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str("+")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

/// Errors loading a stopword file.
#[derive(Debug, thiserror::Error)]
pub enum StopwordsError {
    /// The file could not be read.
    #[error("{path}: cannot read stopword list: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    #[error(
        "{path}: stopword list is not valid UTF-8 (byte {offset}: 0x{byte:02X}); save it as UTF-8"
    )]
    Decode {
        /// The file.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
        /// That byte.
        byte: u8,
    },
}

/// A set of normalised stopwords.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    set: StrSet,
}

impl Stopwords {
    /// Loads the list chosen by `choice`, normalising every entry with `norm`.
    ///
    /// # Errors
    /// [`StopwordsError`] when a file cannot be read or is not UTF-8.
    pub fn load(choice: &StopwordsChoice, norm: &Normalizer) -> Result<Self, StopwordsError> {
        match choice {
            StopwordsChoice::None => Ok(Stopwords::default()),
            StopwordsChoice::Default => Ok(Self::from_text(DEFAULT_AR, norm)),
            StopwordsChoice::News => Ok(Self::from_text(NEWS_AR, norm)),
            StopwordsChoice::File(p) => Self::from_file(p, norm),
            StopwordsChoice::Union(parts) => {
                let mut all = Stopwords::default();
                for p in parts {
                    all.set.extend(Self::load(p, norm)?.set);
                }
                Ok(all)
            }
        }
    }

    fn from_file(path: &Path, norm: &Normalizer) -> Result<Self, StopwordsError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|source| StopwordsError::Io { path: shown.clone(), source })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let offset = e.valid_up_to();
            StopwordsError::Decode { path: shown.clone(), offset, byte: bytes[offset] }
        })?;
        Ok(Self::from_text(text, norm))
    }

    /// Builds a list from text: one entry per line (any line break of
    /// [`crate::structure::lines`]: LF, CR LF, CR, NEL, VT, FF, LS, PS), a leading BOM ignored, `#` comments
    /// and blank lines skipped, each entry normalised with `norm`. Entries of more than
    /// one word are ignored (stopwords filter single tokens).
    pub fn from_text(text: &str, norm: &Normalizer) -> Self {
        let mut set = StrSet::new();
        let text = text.trim_start_matches('\u{FEFF}');
        for (_, span) in crate::structure::lines(text) {
            let line = &text[span];
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() || entry.contains(char::is_whitespace) {
                continue;
            }
            let n = norm.normalize(entry);
            if !n.is_empty() {
                set.insert(&n);
            }
        }
        Stopwords { set }
    }

    /// Is the normalised word `w` a stopword?
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        !self.set.is_empty() && self.set.contains(w)
    }

    /// [`Stopwords::contains`] with `hash` = [`key_hash`](super::hashed::key_hash)`(w)`
    /// already computed.
    #[inline]
    pub fn contains_hashed(&self, w: &str, hash: u64) -> bool {
        !self.set.is_empty() && self.set.contains_hashed(w, hash)
    }

    /// The normalised entries, sorted by code point (what `tahlil lexicon stopwords`
    /// prints).
    pub fn sorted(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.set.iter().collect();
        v.sort_unstable();
        v
    }

    /// Number of distinct normalised entries.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}
