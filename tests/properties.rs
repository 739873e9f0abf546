//! Property tests (proptest): normalisation is idempotent for every preset; NFC and NFD
//! input give the same keys; token spans slice back to the token on char boundaries;
//! merging counts is associative and commutative.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tahlil::analysis::freq::{FinishOptions, TermCounts};
use tahlil::text::normalize::{Normalizer, Preset};
use tahlil::text::pipeline::{Pipeline, Scratch, TextOptions};
use tahlil::text::stopwords::StopwordsChoice;
use tahlil::text::tokenize::tokenize;
use unicode_normalization::UnicodeNormalization;

/// Arabic-script strings with the characters that make normalisation hard: letters,
/// hamza forms, marks (incl. U+0653–U+0655 that compose), tatweel, controls, presentation
/// forms, look-alikes, digits, punctuation and spaces.
fn arabic_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئىة ،؛؟.!ـًٌٍَُِّْٰٕٓٔ٠١٢٫٬۱۲کیۃہ\u{200C}\u{200D}\u{200E}\u{200F}\u{061C}\u{202A}\u{2067}\u{FEFF}\u{200B}ﻻﷲﻣﺪﺭﺳﺔﹷAbC9\n\r\t\u{00A0}"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..40)
        .prop_map(|v| v.into_iter().collect())
}

fn keys(text: &str, preset: Preset) -> Vec<String> {
    let p = Pipeline::new(&TextOptions {
        normalize: preset,
        stopwords: StopwordsChoice::None,
        numbers: true,
        ..Default::default()
    })
    .unwrap();
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    p.terms(text, 0..text.len(), &mut scratch, |t| out.push(t.key.to_string()));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalisation_is_idempotent(s in arabic_text()) {
        for preset in [Preset::None, Preset::Standard, Preset::Search] {
            let n = Normalizer::new(preset);
            let once = n.normalize(&s);
            prop_assert_eq!(n.normalize(&once), once.clone(), "preset {:?}", preset);
        }
    }

    #[test]
    fn nfc_and_nfd_give_the_same_keys(s in arabic_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        for preset in [Preset::None, Preset::Standard, Preset::Search] {
            prop_assert_eq!(keys(&nfc, preset), keys(&nfd, preset), "preset {:?}", preset);
        }
    }

    #[test]
    fn spans_slice_back_on_char_boundaries(s in arabic_text()) {
        let mut ok = true;
        let mut last_end = 0;
        tokenize(&s, 0, &mut |t| {
            ok &= s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end && t.start >= last_end;
            last_end = t.end;
        });
        prop_assert!(ok);
    }

    #[test]
    fn keys_never_empty_or_carry_removed_characters(s in arabic_text()) {
        let removed = |c: char| {
            c == '\u{0640}'
                || ('\u{064B}'..='\u{065F}').contains(&c)
                || ('\u{200B}'..='\u{200F}').contains(&c)
                || c == '\u{FEFF}'
                || c.is_whitespace()
        };
        for k in keys(&s, Preset::Standard) {
            prop_assert!(!k.is_empty());
            let bad = k.chars().any(removed);
            prop_assert!(!bad, "key {:?}", k);
        }
    }

    #[test]
    fn merge_is_associative_and_commutative(
        docs in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..8), 0..9),
        cut1 in 0usize..9, cut2 in 0usize..9,
    ) {
        let mk = |ds: &[Vec<u8>]| {
            let mut c = TermCounts::default();
            for d in ds {
                c.begin_document(d.len());
                for w in d {
                    c.add(&format!("w{w}"));
                }
            }
            c
        };
        let (a, b) = (cut1.min(docs.len()), cut2.min(docs.len()));
        let (lo, hi) = (a.min(b), a.max(b));
        let (x, y, z) = (mk(&docs[..lo]), mk(&docs[lo..hi]), mk(&docs[hi..]));
        let o = FinishOptions::default();
        let mut left = x.clone();
        left.merge(y.clone());
        left.merge(z.clone());
        let mut right = z;
        let mut yx = y;
        yx.merge(x);
        right.merge(yx);
        prop_assert_eq!(left.finish(&o), right.finish(&o));
        prop_assert_eq!(left.finish(&o), mk(&docs).finish(&o));
        prop_assert_eq!(left.documents, docs.len() as u64);
    }
}
