//! Bytes → text: byte-order marks, strict UTF-8, explicit legacy encodings, UTF-16, the
//! binary-data check and the confident-only detection of Arabic code pages.
//!
//! Nothing here decodes lossily unless [`EncodingChoice::Utf8Lossy`] was asked for.

use super::EncodingChoice;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, ISO_8859_6, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1256};

/// How many bytes at the start of an input are used to decide its encoding (and, for
/// JSONL/CSV files, the encoding of every record in it), and to look for binary data.
pub(crate) const SAMPLE_BYTES: usize = 64 << 10;

/// Fewest Arabic letters a sample must hold before a legacy code page is accepted.
const MIN_DETECT_LETTERS: usize = 20;

/// The hint appended to every "could not decode" reason.
pub(crate) const LEGACY_HINT: &str =
    "if it is in an Arabic code page, use --encoding windows-1256 or --encoding iso-8859-6";

/// Why some bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError {
    /// Byte offset of the problem within the bytes given.
    pub offset: u64,
    /// One line of plain English.
    pub reason: String,
}

/// A decoded text.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding's name when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// Set when the encoding was detected (not given, not UTF-8, not marked by a BOM).
    pub detected: bool,
}

/// The way every record of one JSONL/CSV stream is decoded; decided once per file from
/// its first [`SAMPLE_BYTES`] bytes (see [`decide_stream`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordDecoding {
    /// Strict UTF-8.
    Utf8,
    /// UTF-8 with invalid sequences replaced by U+FFFD.
    Utf8Lossy,
    /// A single-byte legacy encoding, strict. `detected` tells whether it was guessed.
    Legacy { encoding: &'static Encoding, detected: bool },
    /// The stream was UTF-16 and has already been transcoded to UTF-8 by the reader.
    Transcoded { encoding: &'static Encoding },
}

impl RecordDecoding {
    /// Name of the source encoding to record in `Document::encoding` (None for UTF-8).
    pub(crate) fn encoding_name(self) -> Option<&'static str> {
        match self {
            RecordDecoding::Utf8 | RecordDecoding::Utf8Lossy => None,
            RecordDecoding::Legacy { encoding, .. } | RecordDecoding::Transcoded { encoding } => {
                Some(encoding.name())
            }
        }
    }
}

/// What the reader does with a JSONL/CSV stream before cutting it into records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StreamPlan {
    /// Bytes of byte-order mark to drop at the start.
    pub bom_len: usize,
    /// Transcode the stream from this UTF-16 variant to UTF-8 first.
    pub transcode: Option<&'static Encoding>,
    /// How each record is decoded afterwards.
    pub records: RecordDecoding,
}

/// Decides how to read a JSONL/CSV stream from its first bytes (`sample`; `complete` when
/// the sample is the whole stream).
///
/// In `auto` mode a byte-order mark wins; then UTF-8 if the sample is valid UTF-8; then an
/// Arabic code page if [`detect_legacy`] is confident; otherwise strict UTF-8, so that
/// records that are not valid UTF-8 are skipped one by one with their line numbers.
pub(crate) fn decide_stream(sample: &[u8], complete: bool, choice: EncodingChoice) -> StreamPlan {
    let bom = Encoding::for_bom(sample);
    let utf8_bom = matches!(bom, Some((e, _)) if e == UTF_8);
    let plan = |bom_len, transcode, records| StreamPlan { bom_len, transcode, records };
    match choice {
        EncodingChoice::Utf8 => plan(if utf8_bom { 3 } else { 0 }, None, RecordDecoding::Utf8),
        EncodingChoice::Utf8Lossy => {
            plan(if utf8_bom { 3 } else { 0 }, None, RecordDecoding::Utf8Lossy)
        }
        EncodingChoice::Windows1256 => {
            plan(0, None, RecordDecoding::Legacy { encoding: WINDOWS_1256, detected: false })
        }
        EncodingChoice::Iso8859_6 => {
            plan(0, None, RecordDecoding::Legacy { encoding: ISO_8859_6, detected: false })
        }
        EncodingChoice::Utf16 => {
            let (enc, len) = match bom {
                Some((e, len)) if e != UTF_8 => (e, len),
                _ => (UTF_16LE, 0),
            };
            plan(len, Some(enc), RecordDecoding::Transcoded { encoding: enc })
        }
        EncodingChoice::Auto => match bom {
            Some((e, len)) if e == UTF_8 => plan(len, None, RecordDecoding::Utf8),
            Some((e, len)) => plan(len, Some(e), RecordDecoding::Transcoded { encoding: e }),
            None => {
                if utf8_prefix_valid(sample, complete) {
                    plan(0, None, RecordDecoding::Utf8)
                } else if let Some(enc) = detect_legacy(sample, complete) {
                    plan(0, None, RecordDecoding::Legacy { encoding: enc, detected: true })
                } else {
                    plan(0, None, RecordDecoding::Utf8)
                }
            }
        },
    }
}

/// Decodes one JSONL line or CSV field according to the file's [`RecordDecoding`].
///
/// # Errors
/// Bytes that are malformed in the encoding (never for the lossy mode).
pub(crate) fn decode_record(bytes: &[u8], how: RecordDecoding) -> Result<String, DecodeError> {
    match how {
        RecordDecoding::Utf8 | RecordDecoding::Transcoded { .. } => {
            match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(e) => Err(utf8_error(bytes, e.valid_up_to(), false)),
            }
        }
        RecordDecoding::Utf8Lossy => Ok(String::from_utf8_lossy(bytes).into_owned()),
        RecordDecoding::Legacy { encoding, .. } => decode_strict(encoding, bytes)
            .map_err(|offset| malformed_error(encoding, bytes, offset)),
    }
}

/// Decodes a whole text document (a text file or stdin) according to `choice`.
///
/// Order of checks: UTF-16 by BOM or explicit choice; binary data; then UTF-8 (BOM removed)
/// or the explicit encoding; in `auto` mode, a confident Arabic code-page guess.
///
/// # Errors
/// Binary data, malformed bytes for an explicit encoding, or (in `auto`) bytes that are
/// neither UTF-8 nor confidently an Arabic code page. The error names the offset and byte.
pub(crate) fn decode_document(
    mut bytes: Vec<u8>,
    choice: EncodingChoice,
) -> Result<Decoded, DecodeError> {
    let bom = Encoding::for_bom(&bytes);
    // UTF-16: by BOM in auto mode, or when asked for.
    let utf16 = match (choice, bom) {
        (EncodingChoice::Auto | EncodingChoice::Utf16, Some((e, len))) if e != UTF_8 => {
            Some((e, len))
        }
        (EncodingChoice::Utf16, _) => Some((UTF_16LE, 0)),
        _ => None,
    };
    if let Some((enc, bom_len)) = utf16 {
        let body = &bytes[bom_len..];
        return match decode_strict(enc, body) {
            Ok(text) => Ok(Decoded { text, encoding: Some(enc.name()), detected: false }),
            Err(offset) => {
                let mut e = malformed_error(enc, body, offset);
                e.offset += bom_len as u64;
                Err(e)
            }
        };
    }
    if let Some(e) = binary_check(&bytes) {
        return Err(e);
    }
    let utf8_bom = matches!(bom, Some((e, _)) if e == UTF_8);
    match choice {
        EncodingChoice::Windows1256 | EncodingChoice::Iso8859_6 => {
            let enc = if choice == EncodingChoice::Windows1256 { WINDOWS_1256 } else { ISO_8859_6 };
            match decode_strict(enc, &bytes) {
                Ok(text) => Ok(Decoded { text, encoding: Some(enc.name()), detected: false }),
                Err(offset) => Err(malformed_error(enc, &bytes, offset)),
            }
        }
        EncodingChoice::Utf8Lossy => {
            let body = if utf8_bom { &bytes[3..] } else { &bytes[..] };
            let text = String::from_utf8_lossy(body).into_owned();
            Ok(Decoded { text, encoding: None, detected: false })
        }
        EncodingChoice::Utf8 | EncodingChoice::Auto | EncodingChoice::Utf16 => {
            let skip = if utf8_bom { 3 } else { 0 };
            bytes.drain(..skip);
            match String::from_utf8(bytes) {
                Ok(text) => Ok(Decoded { text, encoding: None, detected: false }),
                Err(e) => {
                    let at = skip + e.utf8_error().valid_up_to();
                    let mut bytes = e.into_bytes();
                    if skip > 0 {
                        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
                    }
                    if choice == EncodingChoice::Auto
                        && !utf8_bom
                        && let Some(enc) = detect_legacy(sample_of(&bytes), true)
                    {
                        match decode_strict(enc, &bytes) {
                            Ok(text) => {
                                return Ok(Decoded {
                                    text,
                                    encoding: Some(enc.name()),
                                    detected: true,
                                });
                            }
                            Err(offset) => {
                                let utf8 = bytes.get(at).copied().unwrap_or(0);
                                let bad = bytes.get(offset).copied().unwrap_or(0);
                                return Err(DecodeError {
                                    offset: at as u64,
                                    reason: format!(
                                        "not valid UTF-8 (byte {at}: 0x{utf8:02X}); its start \
                                         looks like {}, but byte {offset} (0x{bad:02X}) has no \
                                         character in it; {LEGACY_HINT}",
                                        enc.name()
                                    ),
                                });
                            }
                        }
                    }
                    Err(utf8_error(&bytes, at, choice == EncodingChoice::Auto))
                }
            }
        }
    }
}

/// The first [`SAMPLE_BYTES`] bytes of `bytes`.
fn sample_of(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(SAMPLE_BYTES)]
}

/// Looks for binary data: a NUL byte (anywhere in `bytes`), or mostly control characters
/// (more than one byte in ten) in the first [`SAMPLE_BYTES`] bytes.
pub(crate) fn binary_check(bytes: &[u8]) -> Option<DecodeError> {
    let sample = sample_of(bytes);
    let hint = if looks_like_utf16(sample) {
        "; if it is UTF-16 without a byte-order mark, use --encoding utf-16"
    } else {
        ""
    };
    if let Some(at) = memchr::memchr(0, bytes) {
        return Some(DecodeError {
            offset: at as u64,
            reason: format!("binary data (NUL byte at byte {at}), not text{hint}"),
        });
    }
    if sample.len() >= 32 {
        let controls = sample
            .iter()
            .filter(|&&b| {
                (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F
            })
            .count();
        if controls * 10 > sample.len() {
            return Some(DecodeError {
                offset: 0,
                reason: format!(
                    "binary data ({controls} control bytes in the first {} bytes), not text{hint}",
                    sample.len()
                ),
            });
        }
    }
    None
}

/// Whether every other byte of `sample` looks like the high byte of a UTF-16 code unit for
/// ASCII or Arabic text (0x00 or 0x06), in either byte order.
fn looks_like_utf16(sample: &[u8]) -> bool {
    if sample.len() < 4 {
        return false;
    }
    let high = |start: usize| {
        let n = sample.iter().skip(start).step_by(2).filter(|&&b| b == 0 || b == 6).count();
        n * 10 >= (sample.len() / 2) * 9
    };
    high(0) || high(1)
}

/// Whether `sample` is valid UTF-8, allowing a sequence cut off at its end when the sample
/// is only the start of a longer stream.
pub(crate) fn utf8_prefix_valid(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// The error for bytes that are not valid UTF-8 from `at` on. `auto` adds that detection
/// was tried.
fn utf8_error(bytes: &[u8], at: usize, auto: bool) -> DecodeError {
    let byte = bytes.get(at).copied().unwrap_or(0);
    let reason = if auto {
        format!(
            "not valid UTF-8 (byte {at}: 0x{byte:02X}), and too short or too ambiguous to \
             detect a legacy encoding; {LEGACY_HINT}"
        )
    } else {
        format!(
            "not valid UTF-8 (byte {at}: 0x{byte:02X}); {LEGACY_HINT}, or --encoding \
             utf-8-lossy to replace invalid bytes"
        )
    };
    DecodeError { offset: at as u64, reason }
}

/// The error for bytes malformed in `enc` at `offset`.
fn malformed_error(enc: &'static Encoding, bytes: &[u8], offset: usize) -> DecodeError {
    let byte = bytes.get(offset).copied().unwrap_or(0);
    let what = if enc == UTF_16LE || enc == UTF_16BE {
        "malformed UTF-16 (an odd number of bytes, or a lone surrogate)"
    } else {
        "a byte with no character in this encoding"
    };
    DecodeError {
        offset: offset as u64,
        reason: format!("not valid {} (byte {offset}: 0x{byte:02X}, {what})", enc.name()),
    }
}

/// Decodes `bytes` with `enc` without BOM handling and without replacement.
///
/// # Errors
/// The byte offset of the first malformed sequence.
pub(crate) fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let mut read_total = 0;
    loop {
        let (res, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match res {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(after as usize + bad as usize));
            }
        }
    }
}

/// Guesses an Arabic code page for bytes that are not UTF-8, and returns it only when the
/// evidence is strong; `complete` says whether `sample` is the whole input.
///
/// The guess comes from chardetng. It is accepted only if it is Windows-1256 or ISO-8859-6,
/// the sample decodes without error in it, holds at least 20 Arabic letters and reads as
/// plausible Arabic (almost no Latin letters glued to Arabic ones, no vowel marks where
/// none can stand), and the *other* Arabic code page is ruled out — it either cannot
/// decode the sample at all or gives clearly less plausible text. The two code pages agree
/// on some letters (ا ب ر ة…), so a short word such as العربية decodes without error in
/// both; such inputs are left undecided rather than guessed.
pub(crate) fn detect_legacy(sample: &[u8], complete: bool) -> Option<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, complete);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let other = if guess == WINDOWS_1256 {
        ISO_8859_6
    } else if guess == ISO_8859_6 {
        WINDOWS_1256
    } else {
        return None;
    };
    let text = decode_strict(guess, sample).ok()?;
    let ev = Evidence::of(&text);
    if ev.letters < MIN_DETECT_LETTERS || ev.implausible * 50 > ev.letters {
        return None;
    }
    let other_ruled_out = match decode_strict(other, sample) {
        Err(_) => true,
        Ok(other_text) => {
            let ov = Evidence::of(&other_text);
            ov.implausible >= 3 && ov.implausible >= 4 * (ev.implausible + 1)
        }
    };
    other_ruled_out.then_some(guess)
}

/// Counts used by [`detect_legacy`] to judge whether a decoding reads as Arabic.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence {
    /// Arabic letters.
    letters: usize,
    /// Things Arabic text does not do: a Latin letter glued to an Arabic one, a vowel mark
    /// after a non-letter, tanween in the middle of a word.
    implausible: usize,
}

impl Evidence {
    fn of(text: &str) -> Evidence {
        fn arabic_letter(c: char) -> bool {
            matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
        }
        fn mark(c: char) -> bool {
            matches!(c, '\u{064B}'..='\u{0652}')
        }
        fn latin_letter(c: char) -> bool {
            c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
        }
        let mut ev = Evidence::default();
        let mut prev = ' ';
        for c in text.chars() {
            if arabic_letter(c) {
                ev.letters += 1;
                if latin_letter(prev) {
                    ev.implausible += 1;
                }
                // Tanween ends a word (fathatan may be followed by alef or alef maksura).
                let tanween_inside = matches!(prev, '\u{064C}' | '\u{064D}')
                    || (prev == '\u{064B}' && !matches!(c, '\u{0627}' | '\u{0649}'));
                if tanween_inside {
                    ev.implausible += 1;
                }
            } else if mark(c) {
                if !(arabic_letter(prev) || mark(prev) || prev == '\u{0640}') {
                    ev.implausible += 1;
                }
            } else if latin_letter(c) && (arabic_letter(prev) || mark(prev)) {
                ev.implausible += 1;
            }
            prev = c;
        }
        ev
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_11_words_are_too_short_to_detect() {
        let w1256 = [0xC7, 0xE1, 0xDA, 0xD1, 0xC8, 0xED, 0xC9];
        let iso = [0xC7, 0xE4, 0xD9, 0xD1, 0xC8, 0xEA, 0xC9];
        assert_eq!(detect_legacy(&w1256, true), None);
        assert_eq!(detect_legacy(&iso, true), None);
        let e = decode_document(w1256.to_vec(), EncodingChoice::Auto).err();
        let e = e.map(|e| (e.offset, e.reason.contains("byte 0: 0xC7")));
        assert_eq!(e, Some((0, true)));
    }

    #[test]
    fn strict_decoding_reports_the_offset() {
        // 0xDD is ف in Windows-1256 but has no character in ISO-8859-6.
        assert_eq!(decode_strict(ISO_8859_6, b"ab\xC7\xDD"), Err(3));
        assert_eq!(decode_strict(WINDOWS_1256, b"\xC7\xE1"), Ok("ال".to_string()));
    }

    #[test]
    fn sentence_length_inputs_are_detected_both_ways() {
        let s = "يعتبر التعاون الاستراتيجي بين الهند وجمهوريات آسيا الوسطى في مجالي الدفاع";
        let (a, _, _) = WINDOWS_1256.encode(s);
        let (b, _, _) = ISO_8859_6.encode(s);
        assert_eq!(detect_legacy(&a, true), Some(WINDOWS_1256));
        assert_eq!(detect_legacy(&b, true), Some(ISO_8859_6));
    }

    #[test]
    fn binary_data_is_recognised() {
        assert!(binary_check(b"abc\0def").is_some());
        assert!(binary_check(&[1u8; 64]).is_some());
        assert!(binary_check("نص عادي\n\tمع سطور\r\n".as_bytes()).is_none());
        assert!(binary_check(b"").is_none());
    }
}

#[cfg(test)]
mod detection_over_real_text {
    use super::*;

    /// Prefixes of real news texts re-encoded in both code pages: detection must never
    /// pick the wrong code page, and must be confident once a text has a few sentences.
    #[test]
    fn never_wrong_and_confident_on_paragraphs() -> Result<(), Box<dyn std::error::Error>> {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/ant-multisource/cnn.jsonl");
        let Ok(data) = std::fs::read_to_string(path) else {
            eprintln!("SKIPPED never_wrong_and_confident_on_paragraphs: {path} not found");
            return Ok(());
        };
        let mut stats = std::collections::BTreeMap::<(usize, &str), (u32, u32, u32)>::new();
        for line in data.lines().take(400) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let text = v["text"].as_str().unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            for n in [10, 20, 40, 80, 160, 320, 640] {
                if chars.len() < n {
                    continue;
                }
                let prefix: String = chars[..n].iter().collect();
                // UTF-8 with one stray byte is never taken for a legacy code page.
                let mut broken = prefix.clone().into_bytes();
                broken.insert(broken.len() / 2, 0xFF);
                let e = stats.entry((n, "UTF-8+0xFF")).or_default();
                match detect_legacy(&broken, true) {
                    None => e.1 += 1,
                    Some(_) => e.2 += 1,
                }
                for enc in [WINDOWS_1256, ISO_8859_6] {
                    let (bytes, _, unmappable) = enc.encode(&prefix);
                    if unmappable || std::str::from_utf8(&bytes).is_ok() {
                        continue;
                    }
                    let got = detect_legacy(&bytes, true);
                    let e = stats.entry((n, enc.name())).or_default();
                    match got {
                        Some(g) if g == enc => e.0 += 1,
                        None => e.1 += 1,
                        Some(_) => e.2 += 1,
                    }
                }
            }
        }
        for ((n, name), (right, undecided, wrong)) in &stats {
            eprintln!(
                "{n:4} chars {name:12}: right {right:3}, undecided {undecided:3}, wrong {wrong}"
            );
        }
        assert!(stats.values().all(|&(_, _, wrong)| wrong == 0), "a wrong guess");
        for ((n, name), (right, undecided, _)) in &stats {
            if *n >= 320 && !name.starts_with("UTF-8") {
                assert!(*undecided * 100 <= (*right + *undecided), "too often undecided at {n}");
            }
        }
        Ok(())
    }
}
