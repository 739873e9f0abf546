//! The normaliser, every preset: idempotent (`n(n(x)) == n(x)`), the same for NFC and NFD
//! input, `normalize_into` over a used buffer equal to `normalize`, and for `standard` and
//! `search` no BOM, format control, tashkeel or tatweel left in the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tahlil::text::normalize::{is_bom, is_format_control, is_tashkeel_or_tatweel};
use tahlil::text::{Normalizer, Preset};
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut buf = String::from("left over from an earlier token ـــ");
    for preset in [Preset::None, Preset::Standard, Preset::Search] {
        let n = Normalizer::new(preset);
        let once = n.normalize(&text);
        let twice = n.normalize(&once);
        assert_eq!(twice, once, "{preset:?} is not idempotent on {text:?}");
        n.normalize_into(&text, &mut buf);
        assert_eq!(buf, once, "normalize_into over a used buffer");
        let nfd: String = text.nfd().collect();
        assert_eq!(n.normalize(&nfd), once, "{preset:?}: NFD and NFC input differ on {text:?}");
        let nfc: String = text.nfc().collect();
        assert_eq!(n.normalize(&nfc), once, "{preset:?}: NFC input differs on {text:?}");
        assert!(!once.chars().any(is_bom), "BOM left");
        if preset != Preset::None {
            assert!(
                !once.chars().any(|c| is_format_control(c) || is_tashkeel_or_tatweel(c)),
                "{preset:?} left a control, mark or tatweel in {once:?}"
            );
        }
    }
});
