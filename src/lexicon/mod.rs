//! Lexicons of countries, regions and themes, and the matcher that finds their mentions in
//! tokenised sentences.
//!
//! * A [`Lexicon`] is a list of [`Entry`]s (`country:IND`, `region:central-asia`,
//!   `theme:terrorism`, or any user category), each with Arabic and English labels and a
//!   list of [`Pattern`]s. Lexicons come from the built-in files in `data/lexicons/`
//!   ([`Lexicon::builtin`]), from user files in the same TSV format or a quanteda-style JSON
//!   dictionary ([`Lexicon::load_file`]), and can be merged ([`Lexicon::merge`]).
//! * Patterns are tokenised with the project's tokenizer and normalised with the run's
//!   [`Normalizer`] when the lexicon is loaded, so they compare equal to the `norm` of the
//!   corpus tokens whatever the preset.
//! * [`Lexicon::matcher`] compiles a [`Matcher`] (built once, `Send + Sync`, shared by the
//!   worker threads). [`Matcher::find`] takes the normalised tokens of **one sentence** and
//!   appends [`Mention`]s (token index ranges).
//!
//! The file format and the matching rules are documented for users in
//! `data/lexicons/README.md`; the summary:
//!
//! * **Whole tokens only.** A pattern token matches a whole corpus token, never a substring
//!   (الهندسة is not الهند, تركيز is not تركيا). A *glob* `إرهاب*` (themes and user
//!   categories only) matches a token that starts with the prefix.
//! * **Proclitics.** When the token itself matches nothing, the proclitic splits of
//!   [`crate::text::clitics::proclitic_splits`] are tried (و ف ب ك ل, their combinations,
//!   the article ال and لل = ل + ال), and a split is accepted only when its remainder matches:
//!   `وبالهند` → `الهند`, `للكويت` → `الكويت`, while `لبنان`, `فلسطين`, `بريطانيا` match as
//!   they are. For **names** (countries and regions) the article is part of the name and is
//!   never removed: `القطر` ("the region", "the diameter") is not `قطر`, `البوتان` (butane)
//!   is not `بوتان`. For themes and user categories the article is removed too (`الإرهاب` →
//!   `إرهاب*`), on every token of a phrase (`الهجمات الإلكترونية` matches
//!   `هجمات الكتروني*`).
//! * **Phrases** match consecutive tokens; only the first may carry proclitics. At each
//!   position the longest match wins (جنوب آسيا is `region:south-asia`, not `region:asia`)
//!   and matching resumes after it, so a longer phrase of any kind hides the shorter names
//!   inside it (`القنب الهندي`, cannabis, is a drug term and not India).
//! * **Ambiguity.** A pattern written `?مالي` gives mentions with `ambiguous: true`; `!…`
//!   marks a phrase that is *not* a mention of its entry; `[…]` around leading or trailing
//!   words makes them context that must be present but is not part of the mention
//!   (`[في] مالي`). The most specific pattern wins. An ambiguous country mention joined by
//!   و to an unambiguous country mention is resolved (`النيجر ومالي`). See
//!   [`Mention::ambiguous`] for the recommended treatment.
//! * **Sentence rules.** A row may require that its sentence contains one of some words
//!   (`requires`) or none of others (`unless`): `تهريب*` counts as drug trafficking only
//!   with `مخدر*` in the sentence. See [`SentenceRule`].
//!
//! ```
//! use tahlil::lexicon::{BuiltinOptions, Lexicon, SentenceTokens};
//! use tahlil::text::{Pipeline, Scratch, TextOptions};
//!
//! let pipeline = Pipeline::new(&TextOptions::default())?;
//! let lexicon = Lexicon::builtin(&pipeline.normalizer, &BuiltinOptions::default())?;
//! let matcher = lexicon.matcher(); // once; share it between threads
//!
//! // one sentence (in real use: each span of `structure::parse(..)` paragraphs' sentences)
//! let text = "زرت مصر ومصر بمصر لمصر ثم المصرف";
//! let (mut toks, mut scratch, mut mentions) = (SentenceTokens::new(), Scratch::default(), Vec::new());
//! toks.fill(&pipeline, text, 0..text.len(), &mut scratch);
//! matcher.find(toks.tokens(), &mut mentions);
//!
//! assert_eq!(mentions.len(), 4); // المصرف (the bank) is not Egypt
//! assert_eq!(matcher.id(mentions[1].entry), "country:EGY");
//! assert_eq!((mentions[1].start, mentions[1].end, mentions[1].ambiguous), (2, 3, false));
//! assert_eq!(&text[toks.span_of(&mentions[1])], "ومصر");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod builtin;
mod format;
mod matcher;
mod pattern;
mod rule;
mod tokens;

pub use builtin::{BUILTIN_FILES, BuiltinOptions};
pub use format::{LexiconError, Problem, Severity, check_file, check_str};
pub use matcher::{MatchMemo, Matcher, Mention};
pub use pattern::{Mode, Pattern, TokSpec};
pub use rule::SentenceRule;
pub use tokens::SentenceTokens;

use crate::text::Normalizer;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::path::Path;

/// The category of an entry: the part of its id before `:` by convention.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A country or territory (`country:ISO3`). A name: no globs, the article is never
    /// stripped.
    Country,
    /// A world region or bloc (`region:slug`). A name, like countries.
    Region,
    /// A theme (`theme:slug`): words, phrases and globs.
    Theme,
    /// Any other category a user lexicon defines (the kind column as written, e.g.
    /// `person`). Matched like themes.
    User(String),
}

impl Kind {
    /// Parses the kind column: `country`, `region`, `theme`, or anything else as a user kind.
    pub fn parse(s: &str) -> Kind {
        match s {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "theme" => Kind::Theme,
            other => Kind::User(other.to_string()),
        }
    }

    /// The kind as written in lexicon files and ids.
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::Theme => "theme",
            Kind::User(s) => s,
        }
    }

    /// True for names (countries, regions): patterns may not be globs and the article ال is
    /// part of the name, never stripped as a proclitic.
    pub fn is_name(&self) -> bool {
        matches!(self, Kind::Country | Kind::Region)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Index of an entry in its [`Lexicon`] (and in the [`Matcher`] built from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntryId(pub(crate) u32);

impl EntryId {
    /// The index into [`Lexicon::entries`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where something was defined: a file name (or `builtin:countries.tsv`) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file as given by the user, or `builtin:NAME` for the embedded lexicons.
    pub file: String,
    /// 1-based line number (0 when unknown).
    pub line: usize,
}

/// One lexicon entry: a node of the co-occurrence network.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The node id, e.g. `country:IND`, `region:central-asia`, `theme:terrorism`.
    pub id: String,
    /// Its category.
    pub kind: Kind,
    /// Arabic label (may be empty in user lexicons).
    pub label_ar: String,
    /// English label (may be empty in user lexicons).
    pub label_en: String,
    /// Its patterns, in file order (continuation rows and merged lexicons appended).
    pub patterns: Vec<Pattern>,
    /// Where the entry was first defined.
    pub origin: Origin,
}

/// The number of entries and patterns of one kind (for `tahlil lexicon list`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindSummary {
    /// The kind.
    pub kind: Kind,
    /// Entries of this kind.
    pub entries: usize,
    /// Patterns of these entries (as written, before deduplication).
    pub patterns: usize,
}

/// A set of entries with their compiled patterns, normalised with one [`Normalizer`].
#[derive(Debug, Clone)]
pub struct Lexicon {
    normalizer: Normalizer,
    entries: Vec<Entry>,
    by_id: FxHashMap<String, EntryId>,
}

impl Lexicon {
    /// An empty lexicon (the starting point for `--no-builtin`).
    pub fn empty(normalizer: &Normalizer) -> Self {
        Lexicon { normalizer: *normalizer, entries: Vec::new(), by_id: FxHashMap::default() }
    }

    /// The built-in lexicons selected by `opts`, normalised with `normalizer`.
    ///
    /// # Errors
    /// Only if an embedded file is broken (a test guarantees it is not).
    pub fn builtin(normalizer: &Normalizer, opts: &BuiltinOptions) -> Result<Self, LexiconError> {
        builtin::load(normalizer, opts)
    }

    /// Loads a user lexicon: a `.json` file (or a file whose first non-blank character is
    /// `{`) is read as a quanteda-style JSON dictionary, anything else as the TSV format.
    ///
    /// # Errors
    /// The first problem of severity [`Severity::Error`] (unreadable file, not UTF-8, bad
    /// row or pattern), naming the file and line. Use [`check_file`] to get all problems.
    pub fn load_file(path: &Path, normalizer: &Normalizer) -> Result<Self, LexiconError> {
        let (lex, problems) = format::load_path(path, normalizer);
        first_error(problems)?;
        Ok(lex)
    }

    /// Parses lexicon text in the TSV format; `file` names it in errors.
    ///
    /// # Errors
    /// The first error found (see [`Lexicon::load_file`]).
    pub fn parse_tsv(
        text: &str,
        file: &str,
        normalizer: &Normalizer,
    ) -> Result<Self, LexiconError> {
        let (lex, problems) = format::parse(text, file, format::Format::Tsv, normalizer);
        first_error(problems)?;
        Ok(lex)
    }

    /// Parses a quanteda-style JSON dictionary; `file` names it in errors.
    ///
    /// # Errors
    /// The first error found (see [`Lexicon::load_file`]).
    pub fn parse_json(
        text: &str,
        file: &str,
        normalizer: &Normalizer,
    ) -> Result<Self, LexiconError> {
        let (lex, problems) = format::parse(text, file, format::Format::Json, normalizer);
        first_error(problems)?;
        Ok(lex)
    }

    /// Adds the entries of `other` to this lexicon. An entry whose id already exists gets
    /// the other's patterns appended (and its labels where this one has none).
    ///
    /// # Errors
    /// The two lexicons were normalised with different presets, or an id is used with two
    /// different kinds.
    pub fn merge(&mut self, other: Lexicon) -> Result<(), LexiconError> {
        if other.normalizer != self.normalizer {
            let file = other.entries.first().map(|e| e.origin.file.clone()).unwrap_or_default();
            return Err(LexiconError {
                file,
                line: 0,
                message: "cannot merge lexicons normalised with different presets".into(),
            });
        }
        for e in other.entries {
            if let Some(&id) = self.by_id.get(&e.id) {
                let mine = &mut self.entries[id.index()];
                if mine.kind != e.kind {
                    return Err(LexiconError {
                        file: e.origin.file,
                        line: e.origin.line,
                        message: format!(
                            "entry {} has kind {} here but {} in {}",
                            e.id, e.kind, mine.kind, mine.origin.file
                        ),
                    });
                }
                if mine.label_ar.is_empty() {
                    mine.label_ar = e.label_ar;
                }
                if mine.label_en.is_empty() {
                    mine.label_en = e.label_en;
                }
                mine.patterns.extend(e.patterns);
            } else {
                self.push_entry(e);
            }
        }
        Ok(())
    }

    /// The normaliser the patterns were normalised with.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// All entries, in definition order; [`EntryId::index`] indexes this slice.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with index `id`.
    ///
    /// # Panics
    /// If `id` comes from another lexicon with more entries.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// The entry with node id `id` (e.g. `country:EGY`).
    pub fn find_id(&self, id: &str) -> Option<EntryId> {
        self.by_id.get(id).copied()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries and patterns per kind, in kind order (country, region, theme, then user
    /// kinds alphabetically).
    pub fn summary(&self) -> Vec<KindSummary> {
        let mut map: std::collections::BTreeMap<&Kind, (usize, usize)> = Default::default();
        for e in &self.entries {
            let c = map.entry(&e.kind).or_default();
            c.0 += 1;
            c.1 += e.patterns.len();
        }
        map.into_iter()
            .map(|(k, (entries, patterns))| KindSummary { kind: k.clone(), entries, patterns })
            .collect()
    }

    /// Compiles the matcher. Build it once and share it between threads.
    pub fn matcher(&self) -> Matcher {
        Matcher::new(self)
    }

    fn push_entry(&mut self, e: Entry) -> EntryId {
        let id = EntryId(self.entries.len() as u32);
        self.by_id.insert(e.id.clone(), id);
        self.entries.push(e);
        id
    }

    /// Entry with `id`, mutable (used by the readers for continuation rows).
    fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        let i = self.by_id.get(id)?.index();
        self.entries.get_mut(i)
    }
}

fn first_error(problems: Vec<Problem>) -> Result<(), LexiconError> {
    match problems.into_iter().find(|p| p.severity == Severity::Error) {
        Some(p) => Err(p.into_error()),
        None => Ok(()),
    }
}
