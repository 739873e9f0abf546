//! Arabic normalisation: small, ordered steps combined into presets.
//!
//! Each step is a function from one character (or a string) to its replacement, so it can be
//! tested and documented alone. [`Normalizer`] applies the steps of a [`Preset`] in this
//! order (the numbers are the ones used in the README's table and in `../shared/cases`):
//!
//! | # | step | `none` | `standard` | `search` |
//! |---|------|:------:|:----------:|:--------:|
//! | 1 | remove U+FEFF (BOM / zero-width no-break space) | ✓ | ✓ | ✓ |
//! | 2 | fold presentation forms U+FB50–U+FDFF, U+FE70–U+FEFC by compatibility decomposition of those code points only | | ✓ | ✓ |
//! | 6 | remove format and direction controls (ZWNJ, ZWJ, LRM, RLM, ALM, LRE…RLO, LRI…PDI, word joiner, soft hyphen) | | ✓ | ✓ |
//! | 3 | Unicode NFC | ✓ | ✓ | ✓ |
//! | 4 | Persian/Urdu look-alikes: ک ڪ → ك, ی ې ۍ → ي, ۃ → ة, ہ ھ ە → ه | | ✓ | ✓ |
//! | 5 | Arabic-Indic and Persian digits → ASCII; U+066B → `.`, U+066C removed | | ✓ | ✓ |
//! | 7 | remove tashkeel (U+064B–U+065F, U+0610–U+061A, U+0670, Quranic marks U+06D6–U+06ED, U+08D3–U+08FF) and tatweel U+0640 | | ✓ | ✓ |
//! | 8 | fold alef forms أ إ آ ٱ ٲ ٳ → ا; lower-case Latin | | ✓ | ✓ |
//! | 9 | ى → ي, ة → ه, ؤ → و, ئ → ي | | | ✓ |
//!
//! Step 6 runs before NFC (step 3): a control between a letter and its mark would otherwise
//! block composition, so `ا‍ٓ` (alef, ZWJ, madda) and `آ` would normalise differently.
//! Steps 4–9 are per-character maps applied after NFC, so a decomposed `آ` (U+0627 U+0653)
//! is composed before the alef fold, and `ؤ` is never decomposed and stripped to `و` by
//! `standard` (case 03).
//!
//! The normaliser works on one token at a time (the tokenizer decides the boundaries from
//! the original text); it is also safe on any string. All presets are idempotent:
//! `normalize(normalize(x)) == normalize(x)`.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// A normalisation preset, chosen with `--normalize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// BOM removal and NFC only: every spelling stays a separate type.
    None,
    /// Orthographic noise removed, letters kept (the default; README, "Normalisation").
    #[default]
    Standard,
    /// `standard` plus the folds search engines use (ى→ي, ة→ه, ؤ→و, ئ→ي). Merges some
    /// distinct words (e.g. مدينة/مدينه), so it is never the default.
    Search,
}

/// Step 1: is `c` the byte-order mark / zero-width no-break space U+FEFF?
#[inline]
pub fn is_bom(c: char) -> bool {
    c == '\u{FEFF}'
}

/// Step 2: is `c` in one of the two Arabic presentation-form blocks folded by the
/// `standard` preset (U+FB50–U+FDFF, U+FE70–U+FEFC)?
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Step 2: pushes the compatibility decomposition (NFKD of that one code point, then NFC
/// later) of a presentation form `c` to `out`; other characters are pushed unchanged.
/// Source: Unicode Standard Annex #15, compatibility decomposition mappings.
pub fn fold_presentation_form(c: char, out: &mut String) {
    if is_presentation_form(c) {
        unicode_normalization::char::decompose_compatible(c, |d| out.push(d));
    } else {
        out.push(c);
    }
}

/// Step 6: is `c` an invisible format or direction control that is removed without
/// splitting the word? ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F, ALM U+061C,
/// LRE/RLE/PDF/LRO/RLO U+202A–U+202E, LRI/RLI/FSI/PDI U+2066–U+2069, word joiner and
/// invisible operators U+2060–U+2064, soft hyphen U+00AD, and U+FEFF.
/// (U+200B zero-width space is not one of them: it separates words.)
#[inline]
pub fn is_format_control(c: char) -> bool {
    matches!(
        c,
        '\u{200C}'..='\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2060}'..='\u{2064}'
            | '\u{00AD}'
            | '\u{FEFF}'
    )
}

/// Step 4: folds a Persian/Urdu look-alike letter to its Arabic letter; `None` if `c` is
/// not one. ک U+06A9 and ڪ U+06AA → ك; ی U+06CC, ې U+06D0 and ۍ U+06CD → ي; ۃ U+06C3 →
/// ة; ہ U+06C1, ھ U+06BE and ە U+06D5 → ه. The fold always goes towards the Arabic letter.
#[inline]
pub fn fold_lookalike(c: char) -> Option<char> {
    Some(match c {
        '\u{06A9}' | '\u{06AA}' => 'ك',
        '\u{06CC}' | '\u{06D0}' | '\u{06CD}' => 'ي',
        '\u{06C3}' => 'ة',
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => 'ه',
        _ => return None,
    })
}

/// Step 5: the ASCII digit for an Arabic-Indic (U+0660–U+0669) or Persian (U+06F0–U+06F9)
/// digit; `None` for any other character (ASCII digits need no fold).
#[inline]
pub fn fold_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32),
        _ => None,
    }
}

/// Step 7: is `c` removed as a diacritic (tashkeel) or tatweel? Harakat, tanween, shadda,
/// sukun and the rest of U+064B–U+065F; honorific and Quranic signs U+0610–U+061A;
/// superscript alef U+0670; Quranic annotation marks U+06D6–U+06ED; the extended marks
/// U+08D3–U+08FF (except U+08E2, a sign, not a mark); tatweel U+0640.
#[inline]
pub fn is_tashkeel_or_tatweel(c: char) -> bool {
    matches!(
        c,
        '\u{064B}'..='\u{065F}'
            | '\u{0610}'..='\u{061A}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{08D3}'..='\u{08E1}'
            | '\u{08E3}'..='\u{08FF}'
            | '\u{0640}'
    )
}

/// Step 8: folds the hamza and madda alef forms أ U+0623, إ U+0625, آ U+0622, alef wasla
/// ٱ U+0671 and wavy-hamza alefs ٲ U+0672, ٳ U+0673 to bare alef ا U+0627.
#[inline]
pub fn fold_alef(c: char) -> Option<char> {
    match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => Some('ا'),
        _ => None,
    }
}

/// Step 9 (`search` only): ى → ي, ة → ه, ؤ → و, ئ → ي.
#[inline]
pub fn fold_search(c: char) -> Option<char> {
    match c {
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        'ؤ' => Some('و'),
        'ئ' => Some('ي'),
        _ => None,
    }
}

/// Normalises tokens according to a [`Preset`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Normalizer {
    preset: Preset,
}

impl Normalizer {
    /// A normaliser for `preset`.
    pub fn new(preset: Preset) -> Self {
        Normalizer { preset }
    }

    /// The preset this normaliser applies.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// Normalises `raw` and returns the result (see [`Normalizer::normalize_into`]).
    pub fn normalize(&self, raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        self.normalize_into(raw, &mut out);
        out
    }

    /// Clears `out` and writes the normalised form of `raw` into it. The result may be
    /// empty (e.g. a token of only tatweel), and is never longer than needed: no
    /// allocation happens when `out` already has the capacity. Never panics.
    pub fn normalize_into(&self, raw: &str, out: &mut String) {
        out.clear();
        match self.preset {
            Preset::None => {
                // remove the BOM first: it may separate marks that NFC must reorder
                let chars = || raw.chars().filter(|&c| !is_bom(c));
                if unicode_normalization::is_nfc_quick(chars())
                    == unicode_normalization::IsNormalized::Yes
                {
                    out.extend(chars());
                } else {
                    out.extend(chars().nfc());
                }
            }
            Preset::Standard | Preset::Search => {
                let search = self.preset == Preset::Search;
                if raw.chars().all(is_fast_path_char) {
                    for c in raw.chars() {
                        map_char(c, search, out);
                    }
                } else {
                    // Steps 1, 2 and 6 on the raw characters, then NFC, then steps 4–9.
                    let mut pre = String::with_capacity(raw.len() + 8);
                    for c in raw.chars() {
                        if !is_format_control(c) {
                            fold_presentation_form(c, &mut pre);
                        }
                    }
                    for c in pre.nfc() {
                        map_char(c, search, out);
                    }
                    // Removing a tatweel or a Quranic sign (step 7) can bring a letter and
                    // a combining mark together that NFC composes (`e` U+0640 U+0301):
                    // compose and map again, so the result is NFC and idempotent.
                    for _ in 0..3 {
                        if unicode_normalization::is_nfc(out) {
                            break;
                        }
                        let again: String = out.nfc().collect();
                        out.clear();
                        for c in again.chars() {
                            map_char(c, search, out);
                        }
                    }
                }
            }
        }
    }
}

/// What the tokenizer's fused scan appends to a token's normalised form for one character
/// (see [`CharTable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharOp {
    /// Nothing: the character is removed (tashkeel, tatweel, controls, U+066C).
    Skip,
    /// This character.
    Char(char),
    /// The result depends on the neighbouring characters (composition, reordering) or is
    /// not tabulated: the token must go through [`Normalizer::normalize_into`].
    Slow,
}

/// The normalisation of single characters for one preset, as a table, so that the tokenizer
/// can build a token's normalised form while it scans (no second pass, no allocation).
///
/// Covers ASCII, the Arabic block U+0600–U+06FF and the format controls. Every entry is
/// derived from the preset's own per-character steps, and an entry is [`CharOp::Slow`]
/// whenever the character's result can depend on its neighbours, so concatenating the
/// entries of a token whose characters are all tabulated gives exactly
/// [`Normalizer::normalize_into`] of that token (checked by unit and property tests).
#[derive(Debug, Clone)]
pub struct CharTable {
    ascii: [CharOp; 128],
    arabic: [CharOp; 256],
    /// `arabic[i] == CharOp::Char(U+0600 + i)`: the character is kept as it is.
    arabic_kept: [bool; 256],
    preset: Preset,
}

impl CharTable {
    /// The table for `preset`.
    pub fn new(preset: Preset) -> Self {
        let mut t = CharTable {
            ascii: [CharOp::Slow; 128],
            arabic: [CharOp::Slow; 256],
            arabic_kept: [false; 256],
            preset,
        };
        for b in 0u32..128 {
            t.ascii[b as usize] = char::from_u32(b).map_or(CharOp::Slow, |c| t.compute(c));
        }
        for i in 0u32..256 {
            let op = char::from_u32(0x0600 + i).map_or(CharOp::Slow, |c| t.compute(c));
            t.arabic[i as usize] = op;
            t.arabic_kept[i as usize] =
                op == CharOp::Char(char::from_u32(0x0600 + i).unwrap_or('\0'));
        }
        t
    }

    /// The operation for `c`, computed from the preset's steps.
    fn compute(&self, c: char) -> CharOp {
        match self.preset {
            Preset::None => {
                // NFC leaves a string of starters (ccc 0) with NFC_QC = Yes unchanged; the
                // BOM is removed first
                if is_bom(c) {
                    CharOp::Skip
                } else if unicode_normalization::char::canonical_combining_class(c) == 0
                    && unicode_normalization::is_nfc_quick(std::iter::once(c))
                        == unicode_normalization::IsNormalized::Yes
                {
                    CharOp::Char(c)
                } else {
                    CharOp::Slow
                }
            }
            Preset::Standard | Preset::Search => {
                if !is_fast_path_char(c) {
                    return CharOp::Slow;
                }
                let mut s = String::new();
                map_char(c, self.preset == Preset::Search, &mut s);
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (None, _) => CharOp::Skip,
                    (Some(d), None) => CharOp::Char(d),
                    _ => CharOp::Slow,
                }
            }
        }
    }

    /// The operation for an ASCII byte `b` (< 0x80).
    #[inline]
    pub fn ascii(&self, b: u8) -> CharOp {
        self.ascii[usize::from(b & 0x7F)]
    }

    /// The operation for U+0600 + `i` (`i` < 256).
    #[inline]
    pub fn arabic(&self, i: u32) -> CharOp {
        self.arabic[(i & 0xFF) as usize]
    }

    /// Is U+0600 + `i` (`i` < 256) kept unchanged by the preset?
    #[inline]
    pub fn arabic_kept(&self, i: usize) -> bool {
        self.arabic_kept[i & 0xFF]
    }

    /// The operation for any character (slower for characters outside the tables).
    #[inline]
    pub fn op(&self, c: char) -> CharOp {
        let cp = c as u32;
        if cp < 0x80 {
            self.ascii[cp as usize]
        } else if (0x0600..0x0700).contains(&cp) {
            self.arabic[(cp - 0x0600) as usize]
        } else if is_format_control(c) {
            self.compute(c)
        } else {
            CharOp::Slow
        }
    }
}

/// Characters for which NFC is the identity in context and no presentation-form fold is
/// needed: ASCII, and the Arabic block except the three marks that compose with a
/// preceding letter (U+0653–U+0655). Marks in the Arabic block that NFC would only
/// reorder are removed by step 7 anyway.
#[inline]
fn is_fast_path_char(c: char) -> bool {
    c.is_ascii()
        || (('\u{0600}'..='\u{06FF}').contains(&c) && !('\u{0653}'..='\u{0655}').contains(&c))
        || is_format_control(c)
}

/// Steps 4–9 (and 6 again, for the fast path) on one character already in NFC.
#[inline]
fn map_char(c: char, search: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_format_control(c) || is_tashkeel_or_tatweel(c) {
        return;
    }
    let c = fold_lookalike(c).or_else(|| fold_alef(c)).unwrap_or(c);
    if let Some(d) = fold_digit(c) {
        out.push(d);
        return;
    }
    match c {
        '\u{066B}' => out.push('.'),
        '\u{066C}' => {}
        _ => {
            if search && let Some(f) = fold_search(c) {
                out.push(f);
            } else if !('\u{0600}'..='\u{06FF}').contains(&c) && c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std(s: &str) -> String {
        Normalizer::new(Preset::Standard).normalize(s)
    }

    #[test]
    fn removes_every_mark_not_only_the_first() {
        assert_eq!(std("كَتَبَ"), "كتب");
        assert_eq!(std("الطَّالِبُ"), "الطالب");
    }

    #[test]
    fn tatweel_only_token_is_empty() {
        assert_eq!(std("ـــــ"), "");
        assert_eq!(std("جمـــيل"), "جميل");
    }

    #[test]
    fn nfd_hamza_madda_compose_before_folding() {
        assert_eq!(std("القرا\u{0653}ن"), "القران");
        assert_eq!(std("مو\u{0654}تمر"), "مؤتمر");
        assert_eq!(Normalizer::new(Preset::Search).normalize("مو\u{0654}تمر"), "موتمر");
        assert_eq!(Normalizer::new(Preset::None).normalize("القرا\u{0653}ن"), "القرآن");
    }

    #[test]
    fn presentation_forms_fold_before_lookalikes_and_marks() {
        // ﻓ + ﯽ(U+FBFD → U+06CC farsi yeh) → في
        assert_eq!(std("\u{FED3}\u{FBFD}"), "في");
        // ﻛ ﹷ(U+FE77 → tatweel + fatha) ﺘ ﺐ → كتب
        assert_eq!(std("\u{FEDB}\u{FE77}\u{FE98}\u{FE90}"), "كتب");
        assert_eq!(std("\u{FDF2}"), "الله");
        assert_eq!(std("\u{FEFB}"), "لا");
    }

    #[test]
    fn lookalikes_and_digits() {
        assert_eq!(std("مدینۃ"), "مدينة");
        assert_eq!(std("ہذہ"), "هذه");
        assert_eq!(std("٢٠٢٥"), "2025");
        assert_eq!(std("۲۰۲۵"), "2025");
        assert_eq!(std("٣٫٥"), "3.5");
        assert_eq!(std("١٢٬٥٠٠"), "12500");
    }

    #[test]
    fn controls_removed_without_splitting() {
        assert_eq!(std("\u{200F}مصر"), "مصر");
        assert_eq!(std("م\u{200D}صر\u{061C}"), "مصر");
        assert_eq!(std("12\u{202A}.5"), "12.5");
        // a control between a letter and its mark does not block composition
        assert_eq!(std("ا\u{200D}\u{0653}"), "ا");
    }

    #[test]
    fn alef_forms_and_latin_case() {
        assert_eq!(std("أإآٱ"), "اااا");
        assert_eq!(std("BBC"), "bbc");
        assert_eq!(std("ÉCOLE"), "école");
    }

    #[test]
    fn none_keeps_marks_but_composes() {
        let n = Normalizer::new(Preset::None);
        assert_eq!(n.normalize("\u{FEFF}كَتَبَ"), "كَتَبَ");
        // shadda+fatha and fatha+shadda are canonically equivalent: same key
        assert_eq!(n.normalize("ط\u{0651}\u{064E}"), n.normalize("ط\u{064E}\u{0651}"));
    }

    #[test]
    fn removing_tatweel_does_not_leave_an_uncomposed_mark() {
        // found by fuzzing (fuzz/fuzz_targets/normalize.rs): once the tatweel is gone, e
        // and U+0301 must compose, or normalising twice gives a different key
        for n in [Normalizer::new(Preset::Standard), Normalizer::new(Preset::Search)] {
            assert_eq!(n.normalize("e\u{0640}\u{0301}"), "\u{00E9}");
            assert_eq!(n.normalize("E\u{06DE}\u{0301}\u{0640}\u{0316}"), "\u{00E9}\u{0316}");
        }
    }
}
