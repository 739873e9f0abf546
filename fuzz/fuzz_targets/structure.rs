//! The structure parser and sentence splitter, every heading mode, with and without a
//! title field. Paragraph spans (title, headings, body) lie inside the text on `char`
//! boundaries, are non-empty, trimmed, ordered and disjoint, one per non-blank line at
//! most, with increasing line numbers; every paragraph has sentences that are non-empty,
//! trimmed, ordered, disjoint, inside it and cover its text (only white space between
//! them). The sentence walk (`analysis::walk_sentences`) yields the same spans, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use tahlil::analysis::{VisualLines, walk_sentences};
use tahlil::corpus::Document;
use tahlil::structure::{HeadingMode, StructureOptions, lines, parse};

fn blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn check_span(text: &str, r: &Range<usize>, what: &str) {
    assert!(r.start < r.end && r.end <= text.len(), "{what} {r:?} in {} bytes", text.len());
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what} {r:?}");
    let s = &text[r.clone()];
    let first = s.chars().next().unwrap_or(' ');
    let last = s.chars().next_back().unwrap_or(' ');
    assert!(!blank(&first.to_string()) && !blank(&last.to_string()), "{what} {s:?} not trimmed");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let line_count = lines(text).count();
    let mut last_end = 0;
    for (i, (no, span)) in lines(text).enumerate() {
        assert_eq!(no, i + 1);
        assert!(span.start >= last_end && span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last_end = span.end;
    }
    let nonblank = lines(text).filter(|(_, s)| !blank(&text[s.clone()])).count();
    let doc = Document { text: text.to_string(), ..Document::default() };
    for headings in [HeadingMode::Auto, HeadingMode::Markdown, HeadingMode::None] {
        for has_title_field in [false, true] {
            let s = parse(text, &StructureOptions { headings, has_title_field });
            if has_title_field {
                assert!(s.title.is_none(), "a title field means no title line");
            }
            if headings == HeadingMode::None {
                assert!(s.sections.iter().all(|sec| sec.heading.is_none()));
                assert!(s.sections.len() <= 1);
            }
            let mut count = 0;
            let (mut prev_line, mut prev_end) = (0, 0);
            let mut all_sentences = Vec::new();
            for (_, p) in s.all_paragraphs() {
                count += 1;
                check_span(text, &p.span, "paragraph");
                assert!(p.line > prev_line && p.line <= line_count, "line {}", p.line);
                assert!(p.span.start >= prev_end, "paragraphs ordered and disjoint");
                prev_line = p.line;
                prev_end = p.span.end;
                assert!(
                    !p.sentences.is_empty(),
                    "paragraph {:?} without sentences",
                    &text[p.span.clone()]
                );
                let mut at = p.span.start;
                for r in &p.sentences {
                    check_span(text, r, "sentence");
                    assert!(r.start >= at && r.end <= p.span.end, "sentence {r:?} in {:?}", p.span);
                    assert!(blank(&text[at..r.start]), "sentences cover the paragraph");
                    at = r.end;
                    all_sentences.push((r.start, r.end));
                }
                assert!(blank(&text[at..p.span.end]), "sentences cover the paragraph");
            }
            assert!(count <= nonblank, "{count} paragraphs for {nonblank} non-blank lines");
            if headings == HeadingMode::None && !has_title_field {
                // no heading: every non-blank line but a title is a paragraph
                assert_eq!(count, nonblank);
            }
            let mut walked = Vec::new();
            let mut warnings = Vec::new();
            walk_sentences(&doc, &s, VisualLines::Keep, &mut warnings, |x| {
                walked.push((x.span.start, x.span.end))
            });
            assert_eq!(walked, all_sentences, "the walk yields every sentence in order");
            let mut kept = 0;
            let mut warnings_skip = Vec::new();
            walk_sentences(&doc, &s, VisualLines::Skip, &mut warnings_skip, |_| kept += 1);
            assert_eq!(
                warnings.len(),
                warnings_skip.len(),
                "one warning per visual line either way"
            );
            assert!(kept <= walked.len());
        }
    }
});
