//! The tokeniser and the per-token pipeline. Token spans lie inside the input, on `char`
//! boundaries, are non-empty, ordered and disjoint, and hold no separator space; words and
//! numbers start with a letter or digit; a base offset shifts every span and nothing else.
//! Through `Pipeline::terms` (on the whole text and on a sub-range): spans inside the
//! range, non-empty normalised forms and keys, norms equal to the normaliser's output.
//! Proclitic splits and both stemmers run on every normalised word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tahlil::text::clitics::proclitic_splits;
use tahlil::text::stem::{StemMode, Stemmer};
use tahlil::text::tokenize::{is_separator_space, is_word_char, special_chunk, tokenize};
use tahlil::text::{Pipeline, Preset, RawToken, Role, Scratch, TextOptions, TokenKind};

struct Tools {
    pipelines: Vec<Pipeline>,
    stemmers: Vec<Stemmer>,
}

fn tools() -> &'static Tools {
    static T: OnceLock<Tools> = OnceLock::new();
    T.get_or_init(|| Tools {
        pipelines: [Preset::None, Preset::Standard, Preset::Search]
            .into_iter()
            .map(|normalize| {
                let opts = TextOptions { normalize, numbers: true, ..TextOptions::default() };
                Pipeline::new(&opts).expect("built-in stopwords load")
            })
            .collect(),
        stemmers: vec![Stemmer::new(StemMode::Light), Stemmer::new(StemMode::Snowball)],
    })
}

fn raw_tokens(text: &str, base: usize) -> Vec<RawToken> {
    let mut v = Vec::new();
    tokenize(text, base, &mut |t| v.push(t));
    v
}

fn check_tokens(text: &str, toks: &[RawToken]) {
    let mut prev_end = 0;
    for t in toks {
        assert!(t.start < t.end && t.end <= text.len(), "span {t:?} in {} bytes", text.len());
        assert!(t.start >= prev_end, "tokens ordered and disjoint: {toks:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "{t:?}");
        prev_end = t.end;
        let s = &text[t.start..t.end];
        assert!(!s.chars().any(is_separator_space), "separator inside {s:?}");
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            let first = s.chars().next().unwrap_or(' ');
            assert!(is_word_char(first), "{:?} token {s:?} starts with {first:?}", t.kind);
        } else {
            assert_eq!(special_chunk(s).map(|(a, b, k)| (a, b, k)), Some((0, s.len(), t.kind)));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let toks = raw_tokens(&text, 0);
    check_tokens(&text, &toks);
    let shifted: Vec<RawToken> = raw_tokens(&text, 1000)
        .into_iter()
        .map(|t| RawToken { start: t.start - 1000, end: t.end - 1000, ..t })
        .collect();
    assert_eq!(shifted, toks, "the base offset only shifts spans");

    // a sub-range on char boundaries, chosen by the first byte
    let mut a = text.len() * usize::from(cut & 0x0F) / 16;
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = a + (text.len() - a) * usize::from(cut >> 4) / 16;
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let t = tools();
    let mut scratch = Scratch::default();
    for p in &t.pipelines {
        for range in [0..text.len(), a..b] {
            let mut last = range.start;
            p.terms(&text, range.clone(), &mut scratch, |term| {
                let (s, e) = term.span;
                assert!(
                    range.start <= s && s < e && e <= range.end,
                    "{:?} in {range:?}",
                    term.span
                );
                assert!(s >= last, "terms in order");
                last = e;
                if term.kind.is_term() {
                    assert!(!term.norm.is_empty(), "an empty term is never emitted");
                    let mut norm = p.normalizer.normalize(&text[s..e]);
                    if term.kind == TokenKind::Number && p.normalizer.preset() != Preset::None {
                        norm.retain(|c| c != ',');
                    }
                    assert_eq!(term.norm, norm);
                    if term.role == Role::Term {
                        assert!(!term.key.is_empty());
                    }
                    if term.kind == TokenKind::Word {
                        for split in proclitic_splits(term.norm) {
                            assert!(split.remainder.chars().count() >= 2, "{split:?}");
                        }
                        for st in &t.stemmers {
                            let _ = st.stem(term.norm);
                        }
                    }
                } else {
                    assert_eq!((term.norm, term.key, term.role), ("", "", Role::Excluded));
                }
            });
        }
    }
});
