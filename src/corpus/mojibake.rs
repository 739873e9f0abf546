//! Double-encoded UTF-8 ("mojibake" such as `Ø²Ø§Ø±` for `زار`): Arabic text whose UTF-8
//! bytes were once read as Windows-1252 (or Latin-1) and written out again as UTF-8. The
//! result is valid UTF-8, so no decoder complains, and every Arabic letter has become two
//! Latin characters (`Ø` `Ù` `Ú` `Û` followed by one of `€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`,
//! a no-break space or `¡`…`¿`).
//!
//! **Detection rule.** A *double-encoded Arabic letter* is a pair of characters that
//! re-encode to Windows-1252 / Latin-1 bytes `D8`–`DB` and `80`–`BF`, which decode as UTF-8
//! to an alphabetic character of the Arabic block U+0600–U+06FF. A line is affected when it
//! holds at least two such pairs in a row (a double-encoded Arabic word of two letters or
//! more). Real accented Latin never does: in `café`, `Zürich`, `Øster`, `Ùn` the accented
//! letter is followed by an ASCII letter or a letter of `À`…`ÿ`, which are not continuation
//! bytes (`80`–`BF`); the rule is tested on French, German, Turkish, Danish and Spanish
//! prose.
//!
//! **Repair** ([`repair`]) re-encodes each run of characters that Windows-1252/Latin-1 can
//! encode (ASCII, U+0080–U+00FF, and the 27 Windows-1252 letters and signs of bytes
//! `80`–`9F`, whose table comes from `encoding_rs`) and decodes the bytes as UTF-8; bytes
//! that do not form valid UTF-8 keep their original character, so real accented Latin text
//! in the same document stays as it is.

use std::sync::OnceLock;

/// Windows-1252's characters for bytes 0x80–0x9F that are not U+0080–U+009F (`€`, `‚`,
/// `ƒ`…), with their bytes, sorted by character; built once from `encoding_rs`.
fn cp1252_specials() -> &'static [(char, u8)] {
    static TABLE: OnceLock<Vec<(char, u8)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(char, u8)> = (0x80u8..=0x9F)
            .filter_map(|b| {
                let byte = [b];
                let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                let c = s.chars().next()?;
                (c as u32 > 0xFF).then_some((c, b))
            })
            .collect();
        t.sort_unstable();
        t
    })
}

/// The byte `c` was decoded from if the text went through Windows-1252 or Latin-1:
/// ASCII and U+0080–U+00FF as themselves, Windows-1252's letters and signs of 0x80–0x9F
/// as their byte; `None` for anything else.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        return Some(u as u8);
    }
    let t = cp1252_specials();
    t.binary_search_by_key(&c, |&(ch, _)| ch).ok().map(|i| t[i].1)
}

/// Whether `a`, `b` are a double-encoded Arabic letter (see the module's rule).
fn is_arabic_pair(a: char, b: char) -> bool {
    let (Some(lead), Some(cont)) = (byte_of(a), byte_of(b)) else { return false };
    if !(0xD8..=0xDB).contains(&lead) || !(0x80..=0xBF).contains(&cont) {
        return false;
    }
    let cp = (u32::from(lead & 0x1F) << 6) | u32::from(cont & 0x3F);
    char::from_u32(cp).is_some_and(char::is_alphabetic)
}

/// Whether the line holds two double-encoded Arabic letters in a row.
fn line_is_double_encoded(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    let mut run = 0usize;
    while let Some(a) = chars.next() {
        match chars.peek() {
            Some(&b) if is_arabic_pair(a, b) => {
                chars.next();
                run += 1;
                if run >= 2 {
                    return true;
                }
            }
            _ => run = 0,
        }
    }
    false
}

/// Whether `text` may hold double-encoded Arabic at all: a UTF-8 `Ø` `Ù` `Ú` or `Û`
/// (bytes C3 98–9B). A fast filter; Arabic and most other text have none.
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| b.get(i + 1).is_some_and(|n| (0x98..=0x9B).contains(n)))
}

/// The number of lines of `text` (split at `\n`) that hold double-encoded Arabic (see the
/// module's rule); 0 for correct text. Linear in the text's length.
pub fn double_encoded_lines(text: &str) -> usize {
    if !may_hold(text) {
        return 0;
    }
    text.split('\n').filter(|l| may_hold(l) && line_is_double_encoded(l)).count()
}

/// Repairs double-encoded UTF-8 in `text`: returns the repaired text and the number of
/// lines changed, or `None` when no line is double-encoded (the text is left alone). See
/// the module's documentation for what is re-decoded and what is kept.
pub fn repair(text: &str) -> Option<(String, usize)> {
    if double_encoded_lines(text) == 0 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let before = out.len();
        repair_line(line, &mut out);
        if out[before..] != *line {
            changed += 1;
        }
    }
    Some((out, changed))
}

/// Appends `line` to `out` with every re-encodable run re-decoded as UTF-8 where valid.
fn repair_line(line: &str, out: &mut String) {
    let mut run_chars: Vec<char> = Vec::new();
    let mut run_bytes: Vec<u8> = Vec::new();
    for c in line.chars() {
        match byte_of(c) {
            Some(b) => {
                run_chars.push(c);
                run_bytes.push(b);
            }
            None => {
                flush_run(&run_chars, &run_bytes, out);
                run_chars.clear();
                run_bytes.clear();
                out.push(c);
            }
        }
    }
    flush_run(&run_chars, &run_bytes, out);
}

/// Decodes `bytes` (one byte per char of `chars`) as UTF-8, keeping the original character
/// for every byte that is not part of a valid sequence.
fn flush_run(chars: &[char], bytes: &[u8], out: &mut String) {
    let mut at = 0usize;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(s) => {
                out.push_str(s);
                return;
            }
            Err(e) => {
                let good = e.valid_up_to();
                if let Ok(s) = std::str::from_utf8(&bytes[at..at + good]) {
                    out.push_str(s);
                }
                let bad = e.error_len().unwrap_or(bytes.len() - at - good);
                out.extend(&chars[at + good..at + good + bad]);
                at += good + bad;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a Windows-1252 round trip makes of `s`: its UTF-8 bytes decoded as
    /// Windows-1252 by encoding_rs (the damage this module undoes).
    fn mangle(s: &str) -> String {
        encoding_rs::WINDOWS_1252.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    #[test]
    fn table_has_the_27_windows_1252_specials() {
        // 32 bytes 0x80–0x9F, of which 5 (81 8D 8F 90 9D) are undefined (U+0081…).
        assert_eq!(cp1252_specials().len(), 27);
        assert_eq!(byte_of('€'), Some(0x80));
        assert_eq!(byte_of('ˆ'), Some(0x88));
        assert_eq!(byte_of('Ø'), Some(0xD8));
        assert_eq!(byte_of('ز'), None);
    }

    #[test]
    fn arabic_round_trip_is_found_and_repaired() {
        let text = "زار الرئيس تونس\nوصل الوفد إلى تونس";
        let bad = mangle(text);
        assert!(bad.starts_with("Ø²Ø§Ø±"), "{bad}");
        assert_eq!(double_encoded_lines(&bad), 2);
        assert_eq!(repair(&bad), Some((text.to_string(), 2)));
        assert_eq!(double_encoded_lines(text), 0);
        assert_eq!(repair(text), None);
    }

    #[test]
    fn every_arabic_letter_survives_the_round_trip() {
        // Letters whose second byte is one of Windows-1252's undefined bytes (ف = D9 81,
        // ِ…) come back as U+0081 etc. and must still be repaired.
        let letters: String = ('\u{0621}'..='\u{064A}').collect();
        let bad = mangle(&letters);
        assert_eq!(repair(&bad).map(|r| r.0), Some(letters));
    }

    #[test]
    fn latin1_round_trip_is_repaired_too() {
        // Read as Latin-1: bytes 0x80–0x9F become C1 controls instead of €‚ƒ….
        let text = "المؤتمر في تونس";
        let bad: String = text.bytes().map(char::from).collect();
        assert_eq!(double_encoded_lines(&bad), 1);
        assert_eq!(repair(&bad).map(|r| r.0), Some(text.to_string()));
    }

    #[test]
    fn real_accented_latin_never_triggers() {
        let prose = [
            "café, crème brûlée, naïve, Noël, où, Ùn",
            "Zürich, Größe, Straße, Äpfel, Öl, Übermut",
            "Türkçe öğrenmek güzel, şehir, İstanbul, ığdır",
            "Øster Søgade, Ærø, Ålborg, ØRSTED, Øl",
            "España, niño, ÚLTIMA, Úbeda, ¿qué?, ¡sí!",
            "L'ÎLE, Û, Ø», Ú°, «Où?», 20 °C, 5 €, © 2024",
            "À l’époque, l’été — « très » chaud… ‘quoted’ “double”",
        ];
        for p in prose {
            assert_eq!(double_encoded_lines(p), 0, "{p}");
            assert_eq!(repair(p), None, "{p}");
        }
    }

    #[test]
    fn mixed_document_keeps_real_latin() {
        let arabic = mangle("مصر");
        let doc = format!("Zürich café\n{arabic} et Zürich");
        assert_eq!(repair(&doc), Some(("Zürich café\nمصر et Zürich".to_string(), 1)));
    }

    #[test]
    fn a_lone_pair_is_not_enough() {
        // One double-encoded letter alone (و as `Ùˆ`) could be an accident: not flagged.
        assert_eq!(double_encoded_lines("Ùˆ x"), 0);
        assert_eq!(double_encoded_lines(&mangle("و")), 0);
        assert_eq!(double_encoded_lines(&mangle("وف")), 1);
    }
}
