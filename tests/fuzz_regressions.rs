//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`), kept inline as byte
//! strings, each checked with the same invariants as the target that found it. A test
//! here failed before the fix named in its comment.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tahlil::text::normalize::{is_bom, is_format_control, is_tashkeel_or_tatweel};
use tahlil::text::{Normalizer, Preset};
use unicode_normalization::UnicodeNormalization;

/// The invariants of `fuzz_targets/normalize.rs`: every preset is idempotent, gives the same
/// result for NFC and NFD input, and (`standard`, `search`) leaves no BOM, control, mark or
/// tatweel.
fn check_normalize(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for preset in [Preset::None, Preset::Standard, Preset::Search] {
        let n = Normalizer::new(preset);
        let once = n.normalize(&text);
        assert_eq!(n.normalize(&once), once, "{preset:?} is not idempotent on {text:?}");
        let nfd: String = text.nfd().collect();
        assert_eq!(n.normalize(&nfd), once, "{preset:?}: NFD input differs on {text:?}");
        assert!(!once.chars().any(is_bom));
        if preset != Preset::None {
            assert!(!once.chars().any(|c| is_format_control(c) || is_tashkeel_or_tatweel(c)));
        }
    }
}

/// `e` + tatweel + U+0301: removing the tatweel after NFC left `e` U+0301 uncomposed, so a
/// second normalisation gave `é` (fixed in `Normalizer::normalize_into`: compose again).
#[test]
fn normalize_tatweel_between_letter_and_mark() {
    check_normalize(b"e\xD9\x80\xCC\x81");
    check_normalize(b"E\xDB\x9E\xCC\x81\xD9\x80\xCC\x96");
    // the input as found
    check_normalize(b"\xD8\xB2\xD8\xB1\xD8\xAA)\xD9\x85\xD8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00:\x00\x00\x00\x00e\xD9\x80\xCC\x81\x00\x00\x00\x00\x00\xAB\x00\x00\x00\xD8\xA6\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80 \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00!\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xB5\xD8\xB1\xDB\x94 \xD8\xAB\xD9\x85 \xD8\xB9\xD8\xAF\x98\xAA\xDB\x94\n");
}
