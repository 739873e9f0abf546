//! The configured text pipeline shared by every command.

use super::clitics::Segmenter;
use super::normalize::{Normalizer, Preset};
use super::stem::{StemMode, Stemmer};
use super::stopwords::{Stopwords, StopwordsChoice, StopwordsError};
use super::tokenize::{RawToken, TokenKind, tokenize};
use serde::Serialize;
use std::ops::Range;

/// Proclitic segmentation mode (`--segment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentMode {
    /// Words are counted as written (the default).
    #[default]
    None,
    /// Split و ف ب ك ل ال لل off words when the remainder is attested in the corpus (see
    /// [`Segmenter`]). Needs a first pass over the corpus to count types.
    Proclitics,
}

/// The text options common to every command.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// Normalisation preset.
    pub normalize: Preset,
    /// Proclitic segmentation.
    pub segment: SegmentMode,
    /// Stemming of term keys.
    pub stem: StemMode,
    /// Stopword list.
    pub stopwords: StopwordsChoice,
    /// Count number tokens as terms (false with `--no-numbers`).
    pub numbers: bool,
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
}

/// Reusable buffers for [`Pipeline::terms`] (one per worker thread).
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Vec<RawToken>,
    norm: String,
    key: String,
}

/// The configured pipeline. Cheap to share between threads (`&Pipeline` is `Sync`).
#[derive(Debug)]
pub struct Pipeline {
    /// The normaliser.
    pub normalizer: Normalizer,
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
        let normalizer = Normalizer::new(opts.normalize);
        let stopwords = Stopwords::load(&opts.stopwords, &normalizer)?;
        Ok(Pipeline {
            normalizer,
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
    pub fn terms(
        &self,
        text: &str,
        range: Range<usize>,
        scratch: &mut Scratch,
        mut f: impl FnMut(&Term<'_>),
    ) {
        let mut tokens = std::mem::take(&mut scratch.tokens);
        tokens.clear();
        tokenize(&text[range.clone()], range.start, &mut |t| tokens.push(t));
        for t in &tokens {
            let raw = &text[t.start..t.end];
            match t.kind {
                TokenKind::Word | TokenKind::Number => {
                    self.normalizer.normalize_into(raw, &mut scratch.norm);
                    if t.kind == TokenKind::Number && self.options.normalize != Preset::None {
                        scratch.norm.retain(|c| c != ',');
                    }
                    if scratch.norm.is_empty() {
                        continue;
                    }
                    let norm = scratch.norm.as_str();
                    if t.kind == TokenKind::Number && !self.numbers {
                        f(&Term {
                            kind: t.kind,
                            span: (t.start, t.end),
                            norm,
                            key: norm,
                            role: Role::Excluded,
                        });
                        continue;
                    }
                    let seg = match (&self.segmenter, t.kind) {
                        (Some(s), TokenKind::Word) => s.segment(norm),
                        _ => norm,
                    };
                    let stop = self.stopwords.contains(norm) || self.stopwords.contains(seg);
                    let stemmed = if stop || t.kind != TokenKind::Word {
                        std::borrow::Cow::Borrowed(seg)
                    } else {
                        self.stemmer.stem(seg)
                    };
                    scratch.key.clear();
                    scratch.key.push_str(&stemmed);
                    let role = if stop { Role::Stopword } else { Role::Term };
                    f(&Term {
                        kind: t.kind,
                        span: (t.start, t.end),
                        norm,
                        key: &scratch.key,
                        role,
                    });
                }
                _ => f(&Term {
                    kind: t.kind,
                    span: (t.start, t.end),
                    norm: "",
                    key: "",
                    role: Role::Excluded,
                }),
            }
        }
        scratch.tokens = tokens;
    }
}
