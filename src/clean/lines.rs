//! Line keys: what makes two lines "the same line" for boilerplate detection, and the user's
//! `--drop-lines` list.
//!
//! A line's **key** is its normalised word sequence: the line is normalised with the run's
//! [`Normalizer`] (so tashkeel, tatweel, alef forms, presentation forms, Arabic-Indic digits
//! and Latin case do not matter), cut into words (maximal runs of letters and digits, see
//! [`is_word_char`]), and the words are joined with one space. Punctuation, spacing and line
//! decoration therefore do not matter either: `يمكنكم تسلم إشعارات … المحمول.` and the same
//! line without its final period have one key. A line without any letter or digit (a rule
//! of dashes) has no key: it holds no token and is never boilerplate.
//!
//! The key is hashed to 64 bits with XXH3 (Collet, xxHash; crate `xxhash-rust`). Two
//! different lines share a hash with probability about n²/2⁶⁵ for n distinct lines
//! (≈ 10⁻⁸ for the 400,000 lines of the ANT corpus).

use crate::text::Normalizer;
use crate::text::tokenize::is_word_char;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// The 64-bit hash of a line's key (see the module docs).
pub type LineHash = u64;

/// Reusable buffers for [`line_key`] (one per worker thread).
#[derive(Debug, Default, Clone)]
pub struct LineScratch {
    norm: String,
    key: String,
}

/// Writes the key of `line` (its normalised words joined by single spaces) into
/// `scratch` and returns it with its number of words; `None` when the line has no word.
pub fn line_key<'s>(
    normalizer: &Normalizer,
    line: &str,
    scratch: &'s mut LineScratch,
) -> Option<(&'s str, usize)> {
    normalizer.normalize_into(line, &mut scratch.norm);
    scratch.key.clear();
    let mut words = 0usize;
    let mut in_word = false;
    for c in scratch.norm.chars() {
        if is_word_char(c) {
            if !in_word {
                if words > 0 {
                    scratch.key.push(' ');
                }
                words += 1;
                in_word = true;
            }
            scratch.key.push(c);
        } else {
            in_word = false;
        }
    }
    (words > 0).then_some((scratch.key.as_str(), words))
}

/// The hash of a line key.
#[inline]
pub fn hash_key(key: &str) -> LineHash {
    xxh3_64(key.as_bytes())
}

/// The hash of a line key within a group of documents (`--by` value): the same line in two
/// groups gets two hashes, so it is counted per group. The empty group gives
/// [`hash_key`]`(key)`.
pub fn hash_key_in_group(group: &str, key: &str) -> LineHash {
    if group.is_empty() {
        return hash_key(key);
    }
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(group.as_bytes());
    h.update(&[0xFF]); // never in UTF-8: the group ends here
    h.update(key.as_bytes());
    h.digest()
}

/// The user's list of lines to drop (`--drop-lines FILE`), added to the detected
/// boilerplate.
///
/// File format (UTF-8): one entry per line; blank lines and lines starting with `#` are
/// ignored. An entry `/REGEX/` (first and last character `/`) is a regular expression
/// (syntax of the `regex` crate) searched in each document line with surrounding white
/// space removed, unnormalised: anchor it (`^…$`) to match whole lines. Any other entry is a
/// literal line, compared by key (see the module docs), so diacritics, alef forms,
/// punctuation and spacing do not matter.
#[derive(Debug, Clone, Default)]
pub struct DropLines {
    literal: rustc_hash::FxHashSet<LineHash>,
    regexes: Option<regex::RegexSet>,
    /// Entries as written, in file order (for the report).
    pub entries: Vec<String>,
}

/// A `--drop-lines` file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DropLinesError {
    /// The file could not be read or is not UTF-8.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A `/REGEX/` entry is not a valid regular expression.
    #[error("{path}:{line}: invalid regular expression: {message}")]
    Regex {
        /// The file.
        path: String,
        /// 1-based line number of the entry.
        line: usize,
        /// The regex crate's message (first line).
        message: String,
    },
}

impl DropLines {
    /// Reads a `--drop-lines` file (format in the type's docs); literal entries are keyed
    /// with `normalizer`.
    ///
    /// # Errors
    /// [`DropLinesError`] naming the file (and line for a bad regular expression).
    pub fn from_file(path: &Path, normalizer: &Normalizer) -> Result<Self, DropLinesError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| DropLinesError::Io { path: path.display().to_string(), source })?;
        Self::parse(&text, normalizer).map_err(|(line, message)| DropLinesError::Regex {
            path: path.display().to_string(),
            line,
            message,
        })
    }

    /// Parses the contents of a `--drop-lines` file.
    ///
    /// # Errors
    /// `(line, message)` for the first invalid regular expression (1-based line).
    pub fn parse(text: &str, normalizer: &Normalizer) -> Result<Self, (usize, String)> {
        let mut out = DropLines::default();
        let mut patterns = Vec::new();
        let mut scratch = LineScratch::default();
        for (i, raw) in text.lines().enumerate() {
            let entry = raw.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            if entry.len() >= 2 && entry.starts_with('/') && entry.ends_with('/') {
                let re = &entry[1..entry.len() - 1];
                if let Err(e) = regex::Regex::new(re) {
                    let msg = e.to_string();
                    return Err((i + 1, msg.lines().last().unwrap_or("").trim().to_string()));
                }
                patterns.push(re.to_string());
            } else if let Some((key, _)) = line_key(normalizer, entry, &mut scratch) {
                out.literal.insert(hash_key(key));
            } else {
                // a literal without any letter or digit can never match a line that has a
                // key; keep it only in the listing
            }
            out.entries.push(entry.to_string());
        }
        if !patterns.is_empty() {
            out.regexes = regex::RegexSet::new(&patterns).ok();
        }
        Ok(out)
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.literal.is_empty() && self.regexes.is_none()
    }

    /// Does the list drop this line? `raw` is the line without its break, `key_hash` the
    /// [`hash_key`] of its key (`None` when it has no word).
    pub fn matches(&self, raw: &str, key_hash: Option<LineHash>) -> bool {
        if let Some(h) = key_hash
            && self.literal.contains(&h)
        {
            return true;
        }
        match &self.regexes {
            Some(set) => set.is_match(raw.trim()),
            None => false,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::text::Preset;

    fn key(s: &str) -> Option<(String, usize)> {
        let n = Normalizer::new(Preset::Standard);
        let mut sc = LineScratch::default();
        line_key(&n, s, &mut sc).map(|(k, w)| (k.to_string(), w))
    }

    #[test]
    fn key_ignores_marks_punctuation_and_spacing() {
        // «تحميلُ» loses its damma, «أحدث» its hamza (alef fold), the period and the double
        // space go: 3 words.
        assert_eq!(key("  تحميلُ   أحدث نسخة."), Some(("تحميل احدث نسخة".to_string(), 3)));
        assert_eq!(key("تحميل احدث نسخة"), key("تحميلُ أحدث، نسخة!"));
        // Latin is lower-cased, digits folded: «(CNN) ٢٠١٨» → "cnn 2018"
        assert_eq!(key("(CNN) ٢٠١٨"), Some(("cnn 2018".to_string(), 2)));
        assert_eq!(key("-------------"), None);
        assert_eq!(key(""), None);
    }

    #[test]
    fn groups_separate_hashes() {
        assert_eq!(hash_key_in_group("", "a b"), hash_key("a b"));
        assert_ne!(hash_key_in_group("bbc", "a b"), hash_key_in_group("cnn", "a b"));
        // the separator keeps ("ab", "c") and ("a", "bc") apart
        assert_ne!(hash_key_in_group("ab", "c"), hash_key_in_group("a", "bc"));
    }

    #[test]
    fn drop_lines_literal_and_regex() {
        let n = Normalizer::new(Preset::Standard);
        let list = DropLines::parse("# comment\n\nاقرأ أيضاً:\n/^فرانس ?24 ?/ أ ف ب$/\n", &n)
            .expect("valid");
        assert_eq!(list.entries.len(), 2);
        let mut sc = LineScratch::default();
        let h = |s: &str, sc: &mut LineScratch| line_key(&n, s, sc).map(|(k, _)| hash_key(k));
        // literal: the tanween and the colon do not matter
        let l = "اقرأ أيضا";
        assert!(list.matches(l, h(l, &mut sc)));
        let l = "فرانس24/ أ ف ب";
        assert!(list.matches(l, h(l, &mut sc)));
        let l = "  فرانس 24/ أ ف ب  ";
        assert!(list.matches(l, h(l, &mut sc)));
        let l = "فرانس 24/ أ ف ب/ رويترز";
        assert!(!list.matches(l, h(l, &mut sc)));
        assert!(DropLines::parse("/(/\n", &n).is_err_and(|(line, _)| line == 1));
    }
}
