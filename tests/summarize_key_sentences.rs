//! The key-sentence method on small hand-made Arabic texts.
#![allow(clippy::panic)]

use tahlil::analysis::summarize::{
    Budget, PositionPrior, SummaryOptions, key_sentences, key_sentences_with, lead,
    section_sentences, sentence_terms,
};
use tahlil::structure::{StructureOptions, parse};
use tahlil::text::{Pipeline, Scratch, TextOptions};

fn pipeline() -> Pipeline {
    match Pipeline::new(&TextOptions { numbers: true, ..Default::default() }) {
        Ok(p) => p,
        Err(e) => panic!("pipeline: {e}"),
    }
}

/// Five sentences: three about the dam and the river (they share terms: سد، النهر،
/// المياه، الزراعة), one about football and one about the weather, which share nothing.
/// The central sentences are the dam ones; the off-topic ones come first so that the
/// position prior alone would pick them.
const TEXT: &str = "فاز الفريق المحلي بالمباراة أمس. الطقس حار ومشمس في العاصمة. \
افتتحت الحكومة سد النهر الجديد لتخزين المياه للزراعة. \
سيوفر سد النهر المياه للزراعة في الصيف. \
يرى المزارعون أن مياه النهر والسد تنقذ الزراعة.";

#[test]
fn central_sentences_win_without_the_prior() {
    let p = pipeline();
    let st = parse(TEXT, &StructureOptions { has_title_field: true, ..Default::default() });
    assert_eq!(st.sections.len(), 1);
    let spans = section_sentences(&st.sections[0]);
    assert_eq!(spans.len(), 5);
    let sents = sentence_terms(&p, TEXT, &spans, &mut Scratch::default());
    assert_eq!(sents[0].words, 5);
    // plain LexRank: the two best-connected dam sentences
    let opts =
        SummaryOptions { prior: PositionPrior::Uniform, damping: 0.85, ..Default::default() };
    let picked = key_sentences_with(&sents, Budget::Sentences(2), &opts, None);
    assert!(picked.iter().all(|&i| i >= 2), "{picked:?}");
    // position-biased with a strong walk still prefers a dam sentence to the weather one
    let opts = SummaryOptions { damping: 0.85, ..Default::default() };
    let picked = key_sentences_with(&sents, Budget::Sentences(2), &opts, None);
    assert!(picked.iter().any(|&i| i >= 2), "{picked:?}");
    // results are in document order and deterministic
    let a = key_sentences(&sents, Budget::Sentences(3));
    assert!(a.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(a, key_sentences(&sents, Budget::Sentences(3)));
}

#[test]
fn ratio_budget_counts_words() {
    let p = pipeline();
    let st = parse(TEXT, &StructureOptions { has_title_field: true, ..Default::default() });
    let spans = section_sentences(&st.sections[0]);
    let sents = sentence_terms(&p, TEXT, &spans, &mut Scratch::default());
    let words: Vec<usize> = sents.iter().map(|s| s.words).collect();
    let total: usize = words.iter().sum();
    for r in [0.2, 0.4, 0.6, 1.0] {
        let picked = key_sentences(&sents, Budget::Ratio(r));
        let used: usize = picked.iter().map(|&i| words[i]).sum();
        assert!(!picked.is_empty());
        assert!(used as f64 <= r * total as f64 || picked.len() == 1, "r={r}");
    }
    assert_eq!(key_sentences(&sents, Budget::Ratio(1.0)), [0, 1, 2, 3, 4]);
    // lead: the first sentences while they fit (5 + 6 = 11 of 33 words ≤ 40 % = 13.2)
    assert_eq!(total, 33);
    assert_eq!(lead(&words, Budget::Ratio(0.4)), [0, 1]);
}
