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

/// Step 7: is `c` removed as a diacritic (tashkeel) or tatweel? Every combining mark of
/// the Arabic script (see [`is_arabic_mark`]: harakat, tanween, shadda, sukun, U+0670,
/// honorific and Quranic signs, the extended marks of Arabic Extended-A/B/C), tatweel
/// U+0640, and the Quranic small waw U+06E5 and small yeh U+06E6 (modifier letters that
/// lengthen a pronoun's vowel, `بِهِۦ`, `لَهُۥ`; modern spelling has no letter there).
#[inline]
pub fn is_tashkeel_or_tatweel(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{06E5}' | '\u{06E6}') || is_arabic_mark(c)
}

/// Is `c` a combining mark of the Arabic script: Unicode general category Mn (nonspacing
/// mark) with script Arabic, or with script Inherited and Arabic among its
/// Script_Extensions (the harakat U+064B–U+0655 and U+0670 are such)? Computed from the
/// Unicode tables of the `unicode-properties` and `unicode-script` crates, never from a
/// hand-made list. With their Unicode 16 tables these are U+0610–U+061A, U+064B–U+065F,
/// U+0670, U+06D6–U+06DC, U+06DF–U+06E4, U+06E7–U+06E8, U+06EA–U+06ED, U+0897–U+089F,
/// U+08CA–U+08E1, U+08E3–U+08FF, U+102E0, U+10ECB–U+10ECF and U+10EF0–U+10EFF (136 code
/// points; a test lists them). U+0600–U+08FF (the Arabic, Arabic Supplement and Arabic
/// Extended-A/B blocks) are answered from a bit table built once from the crates; the
/// characters of U+0000–U+05FF and U+0900–U+FB4F (no Arabic mark there, checked by a test
/// over every code point) need no look-up; others ask the crates.
#[inline]
pub fn is_arabic_mark(c: char) -> bool {
    let cp = c as u32;
    if (0x0600..0x0900).contains(&cp) {
        let i = (cp - 0x0600) as usize;
        ARABIC_MARKS[i / 64] & (1 << (i % 64)) != 0
    } else if cp < 0x0600 || (0x0900..0xFB50).contains(&cp) {
        false
    } else {
        arabic_mark_property(c)
    }
}

/// The property test behind [`is_arabic_mark`].
fn arabic_mark_property(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    use unicode_script::{Script, UnicodeScript};
    if c.general_category() != GeneralCategory::NonspacingMark {
        return false;
    }
    let scx = c.script_extension();
    c.script() == Script::Arabic
        || (!(scx.is_common() || scx.is_inherited()) && scx.contains_script(Script::Arabic))
}

/// Bit table of [`arabic_mark_property`] over U+0600–U+08FF (768 bits), built at first use.
static ARABIC_MARKS: std::sync::LazyLock<[u64; 12]> = std::sync::LazyLock::new(|| {
    let mut t = [0u64; 12];
    for i in 0..0x300usize {
        if char::from_u32(0x0600 + i as u32).is_some_and(arabic_mark_property) {
            t[i / 64] |= 1 << (i % 64);
        }
    }
    t
});

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

/// How the `standard` and `search` presets read the superscript (dagger) alef U+0670 and the
/// other Uthmani spellings of long vowels (`--superscript-alef`; README, "Normalisation",
/// step 7a). `none` keeps every mark whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum SuperscriptAlef {
    /// U+0670 is a long vowel, written ا as modern spelling does (`ٱلۡكِتَٰبُ` → الكتاب), except
    /// in the words modern spelling writes without it (ذلك هذا هذه هؤلاء لكن أولئك الرحمن الله
    /// إله … and their clitic forms), where it is dropped; see [`long_vowels`].
    #[default]
    LongVowel,
    /// U+0670 is removed like every other mark (`ٱلۡكِتَٰبُ` → الكتب), as most Arabic tools do.
    Strip,
}

/// Normalises tokens according to a [`Preset`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Normalizer {
    preset: Preset,
    superscript_alef: SuperscriptAlef,
}

impl Normalizer {
    /// A normaliser for `preset` (with the default [`SuperscriptAlef::LongVowel`]).
    pub fn new(preset: Preset) -> Self {
        Normalizer { preset, superscript_alef: SuperscriptAlef::default() }
    }

    /// This normaliser with U+0670 read as `mode`.
    pub fn with_superscript_alef(self, mode: SuperscriptAlef) -> Self {
        Normalizer { superscript_alef: mode, ..self }
    }

    /// The preset this normaliser applies.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// How U+0670 is read.
    pub fn superscript_alef(&self) -> SuperscriptAlef {
        self.superscript_alef
    }

    /// Does step 7a (the Uthmani long vowels, [`long_vowels`]) apply?
    fn long_vowel(&self) -> bool {
        self.preset != Preset::None && self.superscript_alef == SuperscriptAlef::LongVowel
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
                let long_vowel = self.long_vowel() && has_long_vowel_marks(raw);
                if !long_vowel && raw.chars().all(is_fast_path_char) {
                    for c in raw.chars() {
                        map_char(c, search, out);
                    }
                } else {
                    // Steps 1, 2 and 6 on the raw characters, then NFC, then step 7a, then
                    // steps 4–9.
                    let mut pre = String::with_capacity(raw.len() + 8);
                    for c in raw.chars() {
                        if !is_format_control(c) {
                            fold_presentation_form(c, &mut pre);
                        }
                    }
                    if long_vowel {
                        let composed: String = pre.nfc().collect();
                        pre.clear();
                        long_vowels(&composed, &mut pre);
                        for c in pre.chars() {
                            map_char(c, search, out);
                        }
                    } else {
                        for c in pre.nfc() {
                            map_char(c, search, out);
                        }
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
    /// Step 7a applies: U+0670 and the fatha (of `ءَا`) depend on their neighbours.
    long_vowel: bool,
}

impl CharTable {
    /// The table for `preset` with the default reading of U+0670 (see
    /// [`CharTable::for_normalizer`]).
    pub fn new(preset: Preset) -> Self {
        CharTable::for_normalizer(&Normalizer::new(preset))
    }

    /// The table of `normalizer`.
    pub fn for_normalizer(normalizer: &Normalizer) -> Self {
        let mut t = CharTable {
            ascii: [CharOp::Slow; 128],
            arabic: [CharOp::Slow; 256],
            arabic_kept: [false; 256],
            preset: normalizer.preset,
            long_vowel: normalizer.long_vowel(),
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
                if !is_fast_path_char(c) || (self.long_vowel && is_long_vowel_trigger(c)) {
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

/// Superscript alef U+0670.
const SUPERSCRIPT_ALEF: char = '\u{0670}';
/// Fatha U+064E.
const FATHA: char = '\u{064E}';
/// Hamza on the line U+0621.
const HAMZA: char = '\u{0621}';

/// Characters whose normalisation under step 7a depends on their neighbours: U+0670, and
/// the fatha of `ءَا` (both rare outside Quranic and fully vowelled text: 3 and 1,819 in the
/// 47 million characters of ANT).
#[inline]
fn is_long_vowel_trigger(c: char) -> bool {
    c == SUPERSCRIPT_ALEF || c == FATHA
}

/// Does `raw` hold something step 7a rewrites (a U+0670, or a fatha that may be the one of
/// `ءَا`)?
#[inline]
fn has_long_vowel_marks(raw: &str) -> bool {
    // U+0670 is D9 B0, U+064E is D9 8E
    raw.as_bytes().windows(2).any(|w| w[0] == 0xD9 && (w[1] == 0xB0 || w[1] == 0x8E))
}

/// The words whose superscript alef modern spelling does not write, as letters (marks
/// removed, alef forms folded): the demonstratives, لكن, أولئك, and the names of God
/// الله, إله, الرحمن, with their enclitic pronouns. A word is one of them when it is in this
/// list as it is, after a proclitic split ([`crate::text::clitics::proclitic_splits`]:
/// كذلك، وبذلك، للرحمن), or after the interrogative أ (`أَهَٰكَذَا`). Found by reading every
/// word with U+0670 in the Quran against the vocabulary of ANT (README, "Normalisation").
const DROPPED_SUPERSCRIPT_ALEF: &[&str] = &[
    "ذلك",
    "ذلكم",
    "ذلكما",
    "ذلكن",
    "هذا",
    "هذه",
    "هذان",
    "هذين",
    "هؤلاء",
    "هولاء",
    "هكذا",
    "اولئك",
    "اولئكم",
    "لكن",
    "لكنه",
    "لكنها",
    "لكنهم",
    "لكنهما",
    "لكنهن",
    "لكنك",
    "لكنكم",
    "لكنكما",
    "لكنكن",
    "لكني",
    "لكنني",
    "لكنا",
    "لكننا",
    "الله",
    "لله",
    "اللهم",
    "اله",
    "الاله",
    "الها",
    "الهه",
    "الهها",
    "الههم",
    "الههما",
    "الهك",
    "الهكم",
    "الهنا",
    "الهي",
    "الهين",
    "الهان",
    "الرحمن",
    "رحمن",
];

/// Is the word whose letters (marks removed, alef forms and look-alikes folded) are
/// `letters` one of [`DROPPED_SUPERSCRIPT_ALEF`], with or without proclitics?
fn drops_superscript_alef(letters: &str) -> bool {
    let listed = |w: &str| DROPPED_SUPERSCRIPT_ALEF.contains(&w);
    listed(letters)
        || letters.strip_prefix('ا').is_some_and(listed)
        || crate::text::clitics::proclitic_splits(letters).iter().any(|s| listed(&s.remainder))
}

/// Step 7a (`standard` and `search` with [`SuperscriptAlef::LongVowel`]): rewrites the
/// Uthmani spellings of long vowels in `s` (NFC) to modern spelling and appends the result
/// to `out`; every other character is copied (step 7 removes the marks afterwards). Word by
/// word (a word is a run of letters, marks and tatweel):
///
/// 1. In the words of [`DROPPED_SUPERSCRIPT_ALEF`] every U+0670 is dropped (`ذَٰلِكَ` → ذلك,
///    `ٱلرَّحۡمَٰنِ` → الرحمن, `لَٰكِنَّ` → لكن).
/// 2. U+0670 on alef maqsura (ى, or Persian ی): dropped at the end of the word (`عَلَىٰ` →
///    على, `مُوسَىٰ` → موسى), and the ى becomes ا inside it (`أَدۡرَىٰكَ` → أدراك,
///    `ٱلتَّوۡرَىٰةَ` → التوراة), as modern spelling writes ى only at the end.
/// 3. U+0670 right on a waw that has no vowel mark: the waw is the seat of the alef and
///    becomes ا (`ٱلصَّلَوٰةَ` → الصلاة, `ٱلزَّكَوٰةَ` → الزكاة, `ٱلۡحَيَوٰةِ` → الحياة).
/// 4. Any other U+0670 becomes ا where it stands (`ٱلۡكِتَٰبُ` → الكتاب, `ٱلصَّـٰلِحَٰتِ` →
///    الصالحات), unless a bare alef follows (`ٱلرِّبَوٰاْ` → الربا: the waw is dropped).
/// 5. Hamza on the line with a fatha before an alef, `ءَا`, is the Uthmani spelling of آ
///    (`ٱلۡقُرۡءَانَ` → القرآن, `ءَايَٰت` → آيات; step 8 then folds آ to ا); not after an alef
///    (the dual `جَاءَا`).
///
/// The output has no U+0670 and no `ءَا` left, so the step is idempotent.
pub fn long_vowels(s: &str, out: &mut String) {
    let chars: Vec<char> = s.chars().collect();
    let is_mark = |c: char| is_tashkeel_or_tatweel(c) && c != '\u{0640}';
    let in_word = |c: char| c.is_alphabetic() || is_mark(c) || c == '\u{0640}';
    let mut i = 0;
    while i < chars.len() {
        if !in_word(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && in_word(chars[j]) {
            j += 1;
        }
        long_vowels_word(&chars[i..j], is_mark, out);
        i = j;
    }
}

/// Step 7a on one word (see [`long_vowels`]); `is_mark` tells marks from letters.
fn long_vowels_word(w: &[char], is_mark: impl Fn(char) -> bool, out: &mut String) {
    let dropped = w.contains(&SUPERSCRIPT_ALEF) && {
        let letters: String = w
            .iter()
            .filter(|&&c| !is_tashkeel_or_tatweel(c))
            .map(|&c| fold_lookalike(c).or_else(|| fold_alef(c)).unwrap_or(c))
            .collect();
        drops_superscript_alef(&letters)
    };
    // the next letter (not a mark or tatweel) after index k
    let next_letter = |k: usize| w[k + 1..].iter().copied().find(|&c| !is_tashkeel_or_tatweel(c));
    // byte offset in `out` and value of the last letter written (the base of the marks after it)
    let mut base: Option<(usize, char)> = None;
    for (k, &c) in w.iter().enumerate() {
        if c == SUPERSCRIPT_ALEF {
            if dropped {
                continue;
            }
            let alef_follows = next_letter(k) == Some('\u{0627}');
            // ى, ی, و and ا are all two bytes in UTF-8
            match base {
                Some((at, 'ى' | '\u{06CC}')) => {
                    if next_letter(k).is_some() {
                        out.replace_range(at..at + 2, "ا");
                    }
                }
                Some((at, 'و')) if k > 0 && w[k - 1] == 'و' => {
                    out.replace_range(at..at + 2, if alef_follows { "" } else { "ا" });
                }
                _ if alef_follows => {}
                _ => out.push('ا'),
            }
            continue;
        }
        if c == HAMZA
            && let Some(a) = w[k + 1..].iter().position(|&d| !is_mark(d))
            && w[k + 1 + a] == '\u{0627}'
            && w[k + 1..k + 1 + a].contains(&FATHA)
            && base.is_none_or(|(_, b)| b != '\u{0627}')
        {
            // ءَا → آ: the hamza goes, and the alef is read as آ (step 8 folds both to ا)
            base = Some((out.len(), HAMZA));
            continue;
        }
        if !is_mark(c) {
            base = Some((out.len(), c));
        }
        out.push(c);
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
            assert_eq!(n.normalize("E\u{06E1}\u{0301}\u{0640}\u{0316}"), "\u{00E9}\u{0316}");
        }
    }

    #[test]
    fn superscript_alef_is_a_long_vowel() {
        // case 16: ذَٰلِكَ ٱلۡكِتَٰبُ هَٰذَا
        assert_eq!(std("ذَٰلِكَ"), "ذلك");
        assert_eq!(std("ٱلۡكِتَٰبُ"), "الكتاب");
        assert_eq!(std("هَٰذَا"), "هذا");
        assert_eq!(std("ٱلرَّحۡمَٰنِ"), "الرحمن");
        assert_eq!(std("ٱلۡعَٰلَمِينَ"), "العالمين");
        assert_eq!(std("ٱلصَّـٰلِحَٰتِ"), "الصالحات");
        assert_eq!(std("مَٰلِكِ"), "مالك");
        // exceptions with clitics
        assert_eq!(std("كَذَٰلِكَ"), "كذلك");
        assert_eq!(std("وَلَٰكِنَّهُمۡ"), "ولكنهم");
        assert_eq!(std("أُوْلَـٰٓئِكَ"), "اولئك");
        assert_eq!(std("فَأُوْلَـٰٓئِكَ"), "فاولئك");
        assert_eq!(std("هَـٰٓؤُلَآءِ"), "هؤلاء");
        assert_eq!(std("بِٱلرَّحۡمَٰنِ"), "بالرحمن");
        assert_eq!(std("لِلرَّحۡمَٰنِ"), "للرحمن");
        assert_eq!(std("إِلَٰهُكُمۡ"), "الهكم");
        assert_eq!(std("أَهَٰكَذَا"), "اهكذا");
        assert_eq!(std("اللّٰه"), "الله");
        // alef maqsura: dropped at the end, ى → ا inside
        assert_eq!(std("عَلَىٰ"), "على");
        assert_eq!(std("مُوسَىٰٓ"), "موسى");
        assert_eq!(std("أَدۡرَىٰكَ"), "ادراك");
        assert_eq!(std("ٱلتَّوۡرَىٰةَ"), "التوراة");
        // Urdu: ی + U+0670 at the end
        assert_eq!(std("اعلیٰ"), "اعلي");
        // a waw with no vowel is the seat of the alef
        assert_eq!(std("ٱلصَّلَوٰةَ"), "الصلاة");
        assert_eq!(std("ٱلۡحَيَوٰةِ"), "الحياة");
        assert_eq!(std("ٱلرِّبَوٰاْ"), "الربا");
        // a waw with its own vowel is not
        assert_eq!(std("وَٰحِدَةٗ"), "واحدة");
        assert_eq!(std("ٱلسَّمَٰوَٰتِ"), "السماوات");
        // ءَا is آ
        assert_eq!(std("ٱلْقُرْءَانَ"), "القران");
        assert_eq!(std("ءَايَٰتِ"), "ايات");
        assert_eq!(std("جَاءَا"), "جاءا");
        assert_eq!(std("جُزْءًا"), "جزءا");
        assert_eq!(std("جزءا"), "جزءا");
    }

    #[test]
    fn superscript_alef_strip_option() {
        let n = Normalizer::new(Preset::Standard).with_superscript_alef(SuperscriptAlef::Strip);
        assert_eq!(n.normalize("ٱلۡكِتَٰبُ"), "الكتب");
        assert_eq!(n.normalize("ٱلصَّلَوٰةَ"), "الصلوة");
        assert_eq!(n.normalize("ٱلْقُرْءَانَ"), "القرءان");
        // `none` keeps every mark whatever the option
        assert_eq!(Normalizer::new(Preset::None).normalize("هَٰذَا"), "هَٰذَا");
    }

    #[test]
    fn arabic_marks_come_from_the_unicode_tables() {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for cp in 0u32..=0x10FFFF {
            let Some(c) = char::from_u32(cp) else { continue };
            // the fast answers agree with the crates' properties everywhere
            assert_eq!(is_arabic_mark(c), arabic_mark_property(c), "U+{cp:04X}");
            if is_arabic_mark(c) {
                match ranges.last_mut() {
                    Some(r) if r.1 + 1 == cp => r.1 = cp,
                    _ => ranges.push((cp, cp)),
                }
            }
        }
        let got: Vec<String> = ranges.iter().map(|r| format!("{:04X}-{:04X}", r.0, r.1)).collect();
        assert_eq!(
            got,
            [
                "0610-061A",
                "064B-065F",
                "0670-0670",
                "06D6-06DC",
                "06DF-06E4",
                "06E7-06E8",
                "06EA-06ED",
                "0897-089F",
                "08CA-08E1",
                "08E3-08FF",
                "102E0-102E0",
                "10ECB-10ECF",
                "10EF0-10EFF"
            ]
        );
        // marks the old hand-made list missed are removed
        assert_eq!(std("كت\u{0898}ب\u{08CA}"), "كتب");
    }
}
