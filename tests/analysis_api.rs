//! The library's analysis API from outside the crate: a new analysis (sentences per
//! document) written against the public API in a few lines, run through the engine on 1
//! and 4 threads over a plain list of documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// ---- the toy analysis: everything it takes, in under 60 lines ------------------------
use std::collections::BTreeMap;
use tahlil::analysis::{Analysis, AnalyzedDoc, Analyzer, DocKey, Needs};
use tahlil::engine::{self, EngineOptions};

/// Sentences per document, keyed by the document's global key.
struct SentencesPerDoc;

impl Analysis for SentencesPerDoc {
    type Partial = BTreeMap<DocKey, (String, usize)>;
    type Scratch = ();
    type Output = Vec<(String, usize)>;
    fn needs(&self) -> Needs {
        Needs::SENTENCES
    }
    fn empty(&self) -> Self::Partial {
        BTreeMap::new()
    }
    fn add(&self, p: &mut Self::Partial, _: &mut (), doc: &AnalyzedDoc) {
        p.insert(doc.key.clone(), (doc.doc.id.clone(), doc.sentences.len()));
    }
    fn merge(&self, into: &mut Self::Partial, other: Self::Partial) {
        into.extend(other);
    }
    fn finish(&self, p: Self::Partial) -> Self::Output {
        p.into_values().collect()
    }
}

fn run(docs: Vec<tahlil::corpus::Document>, threads: usize) -> Vec<(String, usize)> {
    let pipeline = tahlil::text::Pipeline::new(&Default::default()).unwrap();
    let opts = EngineOptions { threads, progress: false, batch_bytes: 64, ..Default::default() };
    let (partial, info) =
        engine::fold(docs, &opts, &Analyzer::new(&pipeline), &SentencesPerDoc).unwrap();
    assert!(info.skipped.is_empty());
    SentencesPerDoc.finish(partial)
}
// ---- end of the toy analysis -----------------------------------------------------------

fn corpus() -> Vec<tahlil::corpus::Document> {
    let texts = [
        // one sentence
        "زار الوزير المدينة",
        // two sentences: a full stop, then a question mark
        "زار الوزير المدينة. هل عاد؟",
        // a title line, then a paragraph of three sentences (! . and the paragraph end)
        "عنوان قصير\nقال الوزير: نعم! ثم سافر. وعاد في الربيع",
        // no text: no sentence
        "",
    ];
    (0..40)
        .map(|i| tahlil::corpus::Document {
            id: format!("doc-{i}"),
            path: std::sync::Arc::from("toy.jsonl"),
            record: Some(i + 1),
            text: texts[i as usize % texts.len()].to_string(),
            ..Default::default()
        })
        .collect()
}

#[test]
fn toy_analysis_same_on_1_and_4_threads() {
    let one = run(corpus(), 1);
    let four = run(corpus(), 4);
    assert_eq!(one, four);
    assert_eq!(one.len(), 40);
    // counted by hand above: 1, 2, 1 + 3, 0 sentences, repeating
    let expected: Vec<usize> = (0..40).map(|i| [1, 2, 4, 0][i % 4]).collect();
    let got: Vec<usize> = one.iter().map(|(_, n)| *n).collect();
    assert_eq!(got, expected);
    // in key order (record 1, 2, …), whatever thread counted what
    assert_eq!(one[0].0, "doc-0");
    assert_eq!(one[39].0, "doc-39");
}

#[test]
fn documents_in_any_order_give_the_same_result() {
    let mut shuffled = corpus();
    shuffled.reverse();
    assert_eq!(run(shuffled, 4), run(corpus(), 1));
}
