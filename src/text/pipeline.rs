//! The configured text pipeline shared by every command.

use super::clitics::Segmenter;
use super::hashed::key_hash;
use super::normalize::{CharTable, Normalizer, Preset, SuperscriptAlef};
use super::stem::{StemMode, Stemmer};
use super::stopwords::{Stopwords, StopwordsChoice, StopwordsError};
use super::tokenize::{ScanNorm, TokenKind, scan};
use serde::Serialize;
use std::ops::Range;

/// Proclitic segmentation mode (`--segment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum SegmentMode {
    /// Words are counted as written (the default).
    #[default]
    None,
    /// Split و ف ب ك ل ال لل off words when the remainder is attested in the corpus
    /// (README, "Clitics"). Needs a first pass over the corpus to count types.
    Proclitics,
}

/// The text options common to every command. The default is the command line's: the
/// `standard` preset, no segmentation, no stemming, the built-in stopwords, numbers
/// counted.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// Normalisation preset.
    pub normalize: Preset,
    /// How the superscript alef U+0670 is read by `standard` and `search`.
    pub superscript_alef: SuperscriptAlef,
    /// Proclitic segmentation.
    pub segment: SegmentMode,
    /// Stemming of term keys.
    pub stem: StemMode,
    /// Stopword list.
    pub stopwords: StopwordsChoice,
    /// Count number tokens as terms (false with `--no-numbers`).
    pub numbers: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            normalize: Preset::default(),
            superscript_alef: SuperscriptAlef::default(),
            segment: SegmentMode::default(),
            stem: StemMode::default(),
            stopwords: StopwordsChoice::default(),
            numbers: true,
        }
    }
}

/// What a token is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Counted as a term.
    Term,
    /// A word or number that is a stopword: counted in the corpus token total, not a term.
    Stopword,
    /// Not counted at all: URLs, e-mails, handles, numbers under `--no-numbers`, and words
    /// that are empty after normalisation (never emitted).
    Excluded,
}

/// One token after the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct Term<'s> {
    /// Token kind.
    pub kind: TokenKind,
    /// Byte span in the original document text.
    pub span: (usize, usize),
    /// The normalised surface form (empty for URLs, e-mails and handles).
    pub norm: &'s str,
    /// The term key: `norm` after segmentation and stemming.
    pub key: &'s str,
    /// What the token counts as.
    pub role: Role,
    /// [`key_hash`]`(norm)` (0 for URLs, e-mails and handles), so that tables keyed by the
    /// normalised form need not hash it again.
    pub norm_hash: u64,
    /// [`key_hash`]`(key)` (0 for URLs, e-mails and handles).
    pub key_hash: u64,
}

/// Reusable buffers for [`Pipeline::terms`] (one per worker thread).
#[derive(Debug, Default)]
pub struct Scratch {
    norm: String,
    key: String,
}

/// The configured pipeline. Cheap to share between threads (`&Pipeline` is `Sync`).
#[derive(Debug)]
pub struct Pipeline {
    /// The normaliser.
    pub normalizer: Normalizer,
    /// `normalizer` as a per-character table, for the tokenizer's fused scan.
    table: CharTable,
    /// The stopword list, normalised with `normalizer`.
    pub stopwords: Stopwords,
    stemmer: Stemmer,
    segmenter: Option<Segmenter>,
    numbers: bool,
    options: TextOptions,
}

impl Pipeline {
    /// Builds the pipeline for `opts`. With `--segment proclitics` the segmenter must be
    /// installed afterwards with [`Pipeline::set_segmenter`]; until then words are not split.
    ///
    /// # Errors
    /// A stopword file that cannot be read or decoded.
    pub fn new(opts: &TextOptions) -> Result<Self, StopwordsError> {
        let normalizer =
            Normalizer::new(opts.normalize).with_superscript_alef(opts.superscript_alef);
        let stopwords = Stopwords::load(&opts.stopwords, &normalizer)?;
        Ok(Pipeline {
            normalizer,
            table: CharTable::for_normalizer(&normalizer),
            stopwords,
            stemmer: Stemmer::new(opts.stem),
            segmenter: None,
            numbers: opts.numbers,
            options: opts.clone(),
        })
    }

    /// The options the pipeline was built from.
    pub fn options(&self) -> &TextOptions {
        &self.options
    }

    /// Installs the corpus-aware proclitic segmenter.
    pub fn set_segmenter(&mut self, seg: Segmenter) {
        self.segmenter = Some(seg);
    }

    /// Tokenises `text[range]`, runs each token through the pipeline and calls `f` with it,
    /// in text order. Words that normalise to nothing are skipped.
    ///
    /// One pass: the tokenizer builds each token's normalised form while it scans (see
    /// [`scan`]), the form is hashed once, and the stopword look-up and the callers' tables
    /// reuse that hash ([`Term::norm_hash`], [`Term::key_hash`]).
    pub fn terms(
        &self,
        text: &str,
        range: Range<usize>,
        scratch: &mut Scratch,
        mut f: impl FnMut(&Term<'_>),
    ) {
        let Scratch { norm: buf, key: key_buf } = scratch;
        let Some(slice) = text.get(range.clone()) else { return };
        let preset = self.options.normalize;
        scan(slice, range.start, Some(&self.table), buf, &mut |t, state, buf| {
            let span = (t.start, t.end);
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    if state == ScanNorm::Slow {
                        self.normalizer.normalize_into(&text[t.start..t.end], buf);
                    }
                    if t.kind == TokenKind::Number
                        && preset != Preset::None
                        && buf.as_bytes().contains(&b',')
                    {
                        buf.retain(|c| c != ',');
                    }
                    if buf.is_empty() {
                        return;
                    }
                    let norm = buf.as_str();
                    let norm_hash = key_hash(norm);
                    if t.kind == TokenKind::Number && !self.numbers {
                        f(&Term {
                            kind: t.kind,
                            span,
                            norm,
                            key: norm,
                            role: Role::Excluded,
                            norm_hash,
                            key_hash: norm_hash,
                        });
                        return;
                    }
                    let seg = match (&self.segmenter, t.kind) {
                        (Some(s), TokenKind::Word) => s.segment(norm),
                        _ => norm,
                    };
                    let seg_is_norm = std::ptr::eq(seg, norm);
                    let stop = self.stopwords.contains_hashed(norm, norm_hash)
                        || (!seg_is_norm && self.stopwords.contains(seg));
                    let stem =
                        !stop && t.kind == TokenKind::Word && self.options.stem != StemMode::None;
                    let (key, key_hash) = if stem {
                        let stemmed = self.stemmer.stem(seg);
                        key_buf.clear();
                        key_buf.push_str(&stemmed);
                        (key_buf.as_str(), key_hash(key_buf))
                    } else if seg_is_norm {
                        (norm, norm_hash)
                    } else {
                        (seg, key_hash(seg))
                    };
                    let role = if stop { Role::Stopword } else { Role::Term };
                    f(&Term { kind: t.kind, span, norm, key, role, norm_hash, key_hash });
                }
                _ => f(&Term {
                    kind: t.kind,
                    span,
                    norm: "",
                    key: "",
                    role: Role::Excluded,
                    norm_hash: 0,
                    key_hash: 0,
                }),
            }
        });
    }
}
