//! The pattern mini-language of lexicon files, compiled to normalised token specs.
//!
//! ```text
//! pattern  := [ "!" | "?" ] [ "[" words "]" ] words [ "[" words "]" ]
//! words    := word { " " word }
//! word     := text [ "*" ]
//! ```
//!
//! * Each `word` is tokenised with [`crate::text::tokenize`] and normalised with the
//!   lexicon's [`Normalizer`], so `غينيا-بيساو` is two tokens and `الصّين` is `الصين` under
//!   the `standard` preset. A trailing `*` makes the (last) token a prefix glob.
//! * `?` marks an ambiguous pattern, `!` a blocking one (see [`Mode`]).
//! * Words in brackets at the start or the end are *context*: they must be there (before or
//!   after the matched words) but are not part of the mention.

use super::Origin;
use super::rule::SentenceRule;
use crate::text::Normalizer;
use crate::text::normalize::Preset;
use crate::text::tokenize::{TokenKind, tokenize};
use serde::Serialize;
use std::sync::Arc;

/// Minimum number of characters of a glob prefix after normalisation.
pub const MIN_GLOB_CHARS: usize = 3;

/// What a match of a pattern means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A mention (the default).
    Normal,
    /// A mention flagged `ambiguous` (written `?…`).
    Ambiguous,
    /// Not a mention of this entry (written `!…`): the words are consumed and nothing is
    /// reported for the entry, e.g. `!المحيط الهندي` (the Indian Ocean) in `country:IND`.
    Block,
}

/// One normalised pattern token.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TokSpec {
    /// The token must equal this normalised form.
    Exact(String),
    /// The token must start with this normalised prefix (written `prefix*`).
    Prefix(String),
}

impl TokSpec {
    /// Does `token` (a normalised form, proclitics already removed) match?
    #[inline]
    pub fn matches(&self, token: &str) -> bool {
        match self {
            TokSpec::Exact(s) => s == token,
            TokSpec::Prefix(p) => token.starts_with(p.as_str()),
        }
    }

    /// The normalised text (the prefix for a glob).
    pub fn text(&self) -> &str {
        match self {
            TokSpec::Exact(s) | TokSpec::Prefix(s) => s,
        }
    }
}

/// A compiled pattern.
#[derive(Debug, Clone, Serialize)]
pub struct Pattern {
    /// The pattern as written in the file.
    pub source: String,
    /// Where it was written.
    pub origin: Origin,
    /// Normal, ambiguous or blocking.
    pub mode: Mode,
    /// Context required before the match (not part of the mention).
    pub before: Vec<TokSpec>,
    /// The matched tokens (at least one).
    pub core: Vec<TokSpec>,
    /// Context required after the match (not part of the mention).
    pub after: Vec<TokSpec>,
    /// The sentence rule of the pattern's row (`requires` / `unless`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Arc<SentenceRule>>,
}

impl Pattern {
    /// The normalised core as one string, words separated by spaces and globs ending in `*`
    /// (used to detect duplicate and shared patterns).
    pub fn core_key(&self) -> String {
        let mut s = String::new();
        for (i, t) in self.core.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(t.text());
            if matches!(t, TokSpec::Prefix(_)) {
                s.push('*');
            }
        }
        s
    }

    /// Number of adjacent context tokens (`[…]`).
    pub fn context_len(&self) -> usize {
        self.before.len() + self.after.len()
    }

    /// True when the pattern counts only under a condition on its surroundings: adjacent
    /// context words or a sentence rule.
    pub fn is_conditional(&self) -> bool {
        self.context_len() > 0 || self.rule.is_some()
    }
}

/// Compiles `source` (one `|`-separated item, already trimmed). `allow_globs` is false for
/// names (countries, regions).
pub fn compile(
    source: &str,
    origin: Origin,
    allow_globs: bool,
    normalizer: &Normalizer,
) -> Result<Pattern, String> {
    let (mode, rest) = match source.chars().next() {
        Some('!') => (Mode::Block, &source[1..]),
        Some('?') => (Mode::Ambiguous, &source[1..]),
        _ => (Mode::Normal, source),
    };
    let rest = rest.trim();
    let (before_s, rest) = if let Some(r) = rest.strip_prefix('[') {
        let close = r.find(']').ok_or_else(|| format!("pattern `{source}`: `[` without `]`"))?;
        (Some(&r[..close]), r[close + 1..].trim_start())
    } else {
        (None, rest)
    };
    let (core_s, after_s) = if let Some(r) = rest.strip_suffix(']') {
        let open = r.rfind('[').ok_or_else(|| format!("pattern `{source}`: `]` without `[`"))?;
        (r[..open].trim_end(), Some(&r[open + 1..]))
    } else {
        (rest, None)
    };
    for part in [Some(core_s), before_s, after_s].into_iter().flatten() {
        if part.contains(['[', ']']) {
            return Err(format!(
                "pattern `{source}`: context words in [ ] are allowed only at the start and the end"
            ));
        }
        if part.contains(['!', '?']) {
            return Err(format!(
                "pattern `{source}`: `!` or `?` may only be the first character of a pattern"
            ));
        }
    }
    let words = |s: &str, what: &str| -> Result<Vec<TokSpec>, String> {
        let mut out = Vec::new();
        for w in s.split_whitespace() {
            let (w, glob) = match w.strip_suffix('*') {
                Some(w) => (w, true),
                None => (w, false),
            };
            if w.contains('*') {
                return Err(format!(
                    "pattern `{source}`: `*` is allowed only at the end of a word (a prefix glob)"
                ));
            }
            let toks = normalized_tokens(w, normalizer);
            if toks.is_empty() {
                return Err(format!(
                    "pattern `{source}`: `{w}` has no word or number after normalisation"
                ));
            }
            let n = toks.len();
            for (i, t) in toks.into_iter().enumerate() {
                if glob && i + 1 == n {
                    if !allow_globs {
                        return Err(format!(
                            "pattern `{source}`: globs (`*`) are not allowed in country and region entries"
                        ));
                    }
                    if t.chars().count() < MIN_GLOB_CHARS {
                        return Err(format!(
                            "pattern `{source}`: glob prefix `{t}` is shorter than {MIN_GLOB_CHARS} characters"
                        ));
                    }
                    out.push(TokSpec::Prefix(t));
                } else {
                    out.push(TokSpec::Exact(t));
                }
            }
        }
        if out.is_empty() && what == "core" {
            return Err(format!("pattern `{source}` has no words to match"));
        }
        Ok(out)
    };
    let core = words(core_s, "core")?;
    let before = match before_s {
        Some(s) => words(s, "context")?,
        None => Vec::new(),
    };
    let after = match after_s {
        Some(s) => words(s, "context")?,
        None => Vec::new(),
    };
    if (before_s.is_some() && before.is_empty()) || (after_s.is_some() && after.is_empty()) {
        return Err(format!("pattern `{source}`: empty context `[]`"));
    }
    Ok(Pattern { source: source.to_string(), origin, mode, before, core, after, rule: None })
}

/// Tokenises `text` with the corpus tokenizer and normalises each word and number token as
/// the pipeline does (see [`crate::text::Pipeline::terms`]); empty results are dropped.
pub fn normalized_tokens(text: &str, normalizer: &Normalizer) -> Vec<String> {
    let mut out = Vec::new();
    tokenize(text, 0, &mut |t| {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            return;
        }
        let mut n = normalizer.normalize(&text[t.start..t.end]);
        if t.kind == TokenKind::Number && normalizer.preset() != Preset::None {
            n.retain(|c| c != ',');
        }
        if !n.is_empty() {
            out.push(n);
        }
    });
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::text::Preset;

    fn c(s: &str) -> Result<Pattern, String> {
        compile(s, Origin { file: "t".into(), line: 1 }, true, &Normalizer::new(Preset::Standard))
    }

    fn ex(s: &str) -> TokSpec {
        TokSpec::Exact(s.into())
    }

    #[test]
    fn words_are_tokenised_and_normalised() {
        let p = c("الصّين").unwrap();
        assert_eq!(p.core, [ex("الصين")]);
        let p = c("غينيا-بيساو").unwrap();
        assert_eq!(p.core, [ex("غينيا"), ex("بيساو")]);
        let p = c("أمريكا   اللاتينية").unwrap();
        assert_eq!(p.core, [ex("امريكا"), ex("اللاتينية")]);
        assert_eq!(p.mode, Mode::Normal);
    }

    #[test]
    fn globs_modes_and_context() {
        let p = c("إرهاب*").unwrap();
        assert_eq!(p.core, [TokSpec::Prefix("ارهاب".into())]);
        let p = c("?مالي").unwrap();
        assert_eq!(p.mode, Mode::Ambiguous);
        let p = c("![العاصمة الأردنية] عمان").unwrap();
        assert_eq!(p.mode, Mode::Block);
        assert_eq!(p.before, [ex("العاصمة"), ex("الاردنية")]);
        assert_eq!(p.core, [ex("عمان")]);
        let p = c("لجوء [إلى]").unwrap();
        assert_eq!(p.after, [ex("الى")]);
        assert_eq!(p.context_len(), 1);
        assert_eq!(c("هجوم* الكتروني*").unwrap().core_key(), "هجوم* الكتروني*");
    }

    #[test]
    fn bad_patterns() {
        for bad in [
            "",
            "ـــ",
            "ار*هاب",
            "اب*",
            "[في مالي",
            "في] مالي",
            "مالي [في] مالي",
            "[في]",
            "?!مالي",
            "[]مالي",
            "مالي?",
        ] {
            assert!(c(bad).is_err(), "{bad:?} should fail");
        }
        let names = compile(
            "الهند*",
            Origin { file: "t".into(), line: 1 },
            false,
            &Normalizer::new(Preset::Standard),
        );
        assert!(names.unwrap_err().contains("not allowed in country"));
    }
}
