//! Property tests for the second round of Arabic rules (case 16 names them): the
//! superscript-alef rule (step 7a) keeps normalisation idempotent and NFC/NFD-invariant, and
//! no key keeps an Arabic combining mark; the line splitter takes every UAX #14 mandatory
//! break.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tahlil::structure::lines;
use tahlil::text::normalize::{Normalizer, Preset, SuperscriptAlef, is_arabic_mark};
use tahlil::text::pipeline::{Pipeline, Scratch, TextOptions};
use tahlil::text::stopwords::StopwordsChoice;
use unicode_normalization::UnicodeNormalization;

/// Quranic and fully vowelled text: the letters step 7a looks at (ى ی و ي ء ا), every kind
/// of mark around them (harakat, shadda, sukun, U+0670, maddah, hamza above/below, Quranic
/// signs, small waw/yeh, small high yeh), alef wasla, tatweel, controls and separators.
fn quranic_text() -> impl Strategy<Value = String> {
    let pool: Vec<char> = "ذلكتبهارحمنصوةيىیوءاأإآٱـ \u{064B}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}\u{0653}\u{0654}\u{0655}\u{06E1}\u{06DA}\u{06E5}\u{06E6}\u{06E7}\u{0898}\u{08CA}\u{200D}\u{200F}،.\n"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..30)
        .prop_map(|v| v.into_iter().collect())
}

fn keys(text: &str, preset: Preset, mode: SuperscriptAlef) -> Vec<String> {
    let p = Pipeline::new(&TextOptions {
        normalize: preset,
        superscript_alef: mode,
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

const MODES: [SuperscriptAlef; 2] = [SuperscriptAlef::LongVowel, SuperscriptAlef::Strip];
const PRESETS: [Preset; 3] = [Preset::None, Preset::Standard, Preset::Search];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn normalisation_is_idempotent_with_the_superscript_alef_rule(s in quranic_text()) {
        for preset in PRESETS {
            for mode in MODES {
                let n = Normalizer::new(preset).with_superscript_alef(mode);
                let once = n.normalize(&s);
                prop_assert_eq!(n.normalize(&once), once.clone(), "{:?} {:?}", preset, mode);
            }
        }
    }

    #[test]
    fn nfc_and_nfd_give_the_same_keys(s in quranic_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        for preset in PRESETS {
            for mode in MODES {
                prop_assert_eq!(keys(&nfc, preset, mode), keys(&nfd, preset, mode), "{:?} {:?}", preset, mode);
            }
        }
    }

    #[test]
    fn keys_keep_no_arabic_mark(s in quranic_text()) {
        for mode in MODES {
            for k in keys(&s, Preset::Standard, mode) {
                prop_assert!(!k.is_empty());
                prop_assert!(!k.chars().any(|c| is_arabic_mark(c) || c == '\u{0640}'), "{:?}", k);
            }
        }
    }

    #[test]
    fn line_spans_cover_the_text_between_mandatory_breaks(
        parts in proptest::collection::vec(("[a-z«» ]{1,4}", proptest::sample::select(vec!["\n", "\r", "\r\n", "\u{85}", "\u{0B}", "\u{0C}", "\u{2028}", "\u{2029}"])), 0..8),
        last in "[a-z ]{0,4}",
    ) {
        let text: String = parts.iter().map(|(a, b)| format!("{a}{b}")).collect::<String>() + &last;
        let got: Vec<&str> = lines(&text).map(|(_, r)| &text[r]).collect();
        let mut want: Vec<&str> = parts.iter().map(|(a, _)| a.as_str()).collect();
        if !last.is_empty() {
            want.push(&last);
        }
        prop_assert_eq!(got, want);
    }
}
