//! The analyses: term frequencies ([`freq`]), and the walk over a document's sentences and
//! terms that every analysis shares ([`walk`]).

pub mod assoc;
pub mod cooc;
pub mod dispersion;
pub mod freq;
pub mod keyness;
pub mod measures;
pub mod mentions;
pub mod stat;
pub mod summarize;
pub mod trend;

use crate::corpus::Document;
use crate::structure::Structure;
use crate::text::pipeline::{Pipeline, Scratch, Term};
use crate::text::visual::looks_visual_order;
use serde::Serialize;

/// What to do with lines that look like Arabic in visual (reversed) order (`--visual-lines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VisualLines {
    /// Leave the line out of every count, with a warning naming it (the default).
    #[default]
    Skip,
    /// Count the line as it is, with a warning naming it.
    Keep,
}

/// Where a sentence sits in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentencePos {
    /// Section index (`None` for the title line).
    pub section: Option<usize>,
    /// Paragraph index in the document (title and headings included), from 0.
    pub paragraph: usize,
    /// Sentence index in the document, from 0.
    pub sentence: usize,
    /// Byte span of the sentence in the document text.
    pub span: (usize, usize),
    /// True when the sentence is a heading or the title.
    pub heading: bool,
}

/// An event of [`walk`].
#[derive(Debug)]
pub enum Event<'a, 't> {
    /// A new sentence starts; the terms that follow belong to it.
    Sentence(SentencePos),
    /// One token of the current sentence, through the pipeline.
    Term(&'a Term<'t>),
}

/// Calls `f` with every sentence of `doc` in order (title, then each section's heading and
/// paragraphs).
///
/// Lines that look like visual-order Arabic (see [`crate::text::visual`]) are left out
/// under [`VisualLines::Skip`]; either way one warning per such line is pushed to
/// `warnings`, naming the document and the line. Sentence indices count only the sentences
/// passed to `f`.
pub fn sentences(
    doc: &Document,
    structure: &Structure,
    visual: VisualLines,
    warnings: &mut Vec<String>,
    mut f: impl FnMut(SentencePos),
) {
    let mut sentence = 0usize;
    for (paragraph, (section, p)) in structure.all_paragraphs().enumerate() {
        let heading = match section {
            None => true,
            Some(i) => structure
                .sections
                .get(i)
                .is_some_and(|s| s.heading.as_ref().is_some_and(|h| h.span == p.span)),
        };
        if looks_visual_order(&doc.text[p.span.clone()]) {
            warnings.push(format!(
                "{}: line {} looks like Arabic in visual (reversed) order (presentation forms){}",
                doc_location(doc),
                p.line,
                match visual {
                    VisualLines::Skip => "; left out of the counts (--visual-lines keep counts it)",
                    VisualLines::Keep => "; counted as it is",
                }
            ));
            if visual == VisualLines::Skip {
                continue;
            }
        }
        for s in &p.sentences {
            f(SentencePos { section, paragraph, sentence, span: (s.start, s.end), heading });
            sentence += 1;
        }
    }
}

/// Walks the sentences of `doc` (see [`sentences`]), runs each through `pipeline` and calls
/// `f` with a [`Event::Sentence`] followed by that sentence's [`Event::Term`]s.
pub fn walk(
    doc: &Document,
    structure: &Structure,
    pipeline: &Pipeline,
    visual: VisualLines,
    scratch: &mut Scratch,
    warnings: &mut Vec<String>,
    mut f: impl FnMut(Event<'_, '_>),
) {
    sentences(doc, structure, visual, warnings, |pos| {
        f(Event::Sentence(pos));
        pipeline.terms(&doc.text, pos.span.0..pos.span.1, scratch, |t| f(Event::Term(t)));
    });
}

/// `PATH` for a text file, `PATH:LINE` for a record, for messages about a document.
pub fn doc_location(doc: &Document) -> String {
    match doc.record {
        Some(r) => format!("{}:{}", doc.path, r),
        None => doc.path.to_string(),
    }
}
