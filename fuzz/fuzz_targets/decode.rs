//! Bytes → text under every `EncodingChoice`, through the public reader: the input as a
//! `.txt` file, as a `.txt.gz` compressed by the harness (must read exactly like the plain
//! file), as raw bytes named `.txt.gz` (garbage or damaged gzip), and with an unknown
//! extension (format sniffed from the content).
//!
//! Checked: one document or one skip per text file; the decoded text is exactly what the
//! chosen encoding gives (UTF-8 as is, BOM removed; lossy only on request; legacy and
//! UTF-16 strict); a skip happens exactly when the bytes are binary or malformed, at the
//! right offset; auto-detection never decodes differently from a strict decode in the
//! encoding it names.
#![no_main]

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, UTF_16LE, WINDOWS_1256};
use libfuzzer_sys::fuzz_target;
use tahlil::corpus::{EncodingChoice, InputFormat, Loaded};
use tahlil_fuzz::{
    ENCODINGS, check_records, content, gunzip, gzip, is_gzip, load, options, write_file,
};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    match sel % 4 {
        0 => text_file(bytes, false),
        1 => text_file(bytes, true),
        2 => raw_gz(bytes),
        _ => unknown_extension(bytes),
    }
});

/// The project's binary-data rule for a text file: a NUL byte anywhere, or more than one
/// control byte in ten in the first 64 KiB (at least 32 bytes).
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F)
        .count();
    sample.len() >= 32 && controls * 10 > sample.len()
}

fn utf16_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes).filter(|(e, _)| *e != UTF_8)
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
}

/// Offset of the first byte that `enc` cannot decode.
fn first_malformed(enc: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find(|&i| strict(enc, &bytes[i..=i]).is_none())
}

fn text_file(bytes: &[u8], gz: bool) {
    let plain = write_file("doc.txt", bytes);
    // a file starting with the gzip magic bytes is decompressed whatever its name
    let seen = content(bytes);
    let compressed = (gz && !is_gzip(bytes)).then(|| write_file("doc.txt.gz", &gzip(bytes)));
    for enc in ENCODINGS {
        let l = load(options(&plain, InputFormat::Auto, enc));
        match &seen {
            Some(c) => check_text(c, enc, &l),
            None => assert!(l.docs.is_empty() && l.skipped.len() == 1, "damaged gzip: {l:?}"),
        }
        if let Some(gzp) = &compressed {
            let g = load(options(gzp, InputFormat::Auto, enc));
            assert_eq!(g.docs.len(), l.docs.len());
            for (a, b) in g.docs.iter().zip(&l.docs) {
                assert_eq!((&a.text, a.encoding), (&b.text, b.encoding));
            }
            let reasons = |l: &Loaded| -> Vec<(Option<u64>, String)> {
                l.skipped.iter().map(|s| (s.offset, s.reason.clone())).collect()
            };
            assert_eq!(reasons(&g), reasons(&l), "gzip reads like the plain file");
        }
    }
}

/// Checks the outcome of reading `bytes` as one text file with encoding `enc`.
fn check_text(bytes: &[u8], enc: EncodingChoice, l: &Loaded) {
    assert_eq!(l.docs.len() + l.skipped.len(), 1, "one document or one skip: {l:?}");
    let utf8_body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = match enc {
        EncodingChoice::Utf16 => Some(utf16_bom(bytes).unwrap_or((UTF_16LE, 0))),
        EncodingChoice::Auto => utf16_bom(bytes),
        _ => None,
    };
    let binary = utf16.is_none() && is_binary(bytes);
    // What the document must be, or None when the input must be skipped.
    let expected: Option<(String, Option<&'static str>)> = if binary {
        None
    } else if let Some((e, bom)) = utf16 {
        strict(e, &bytes[bom..]).map(|t| (t, Some(e.name())))
    } else {
        match enc {
            EncodingChoice::Utf8 => std::str::from_utf8(utf8_body).ok().map(|t| (t.into(), None)),
            EncodingChoice::Utf8Lossy => Some((String::from_utf8_lossy(utf8_body).into(), None)),
            EncodingChoice::Windows1256 => {
                strict(WINDOWS_1256, bytes).map(|t| (t, Some("windows-1256")))
            }
            EncodingChoice::Iso8859_6 => strict(ISO_8859_6, bytes).map(|t| (t, Some("ISO-8859-6"))),
            EncodingChoice::Utf16 => unreachable!("handled above"),
            EncodingChoice::Auto => match std::str::from_utf8(utf8_body) {
                Ok(t) => Some((t.into(), None)),
                // Detection may decode or skip; if it decoded, it must be a strict decode.
                Err(_) => match l.docs.first().and_then(|d| d.encoding) {
                    None => None,
                    Some(name) => {
                        let e = Encoding::for_label(name.as_bytes()).expect("a known name");
                        assert!(e == WINDOWS_1256 || e == ISO_8859_6, "detected {name}");
                        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "BOM says UTF-8");
                        strict(e, bytes).map(|t| (t, Some(name)))
                    }
                },
            },
        }
    };
    match (&expected, l.docs.first(), l.skipped.first()) {
        (Some((text, name)), Some(d), None) => {
            assert_eq!(&d.text, text, "decoded text ({enc:?})");
            assert_eq!(&d.encoding, name);
            assert_eq!(d.record, None);
        }
        (None, None, Some(s)) => {
            assert_eq!(s.line, None);
            assert!(!s.reason.is_empty() && !s.reason.contains('\n'));
            let at = s.offset.expect("a text skip has an offset") as usize;
            assert!(at <= bytes.len(), "offset {at} inside the input");
            if binary {
                assert!(s.reason.starts_with("binary data"), "{s:?}");
            } else if let Some((_, bom)) = utf16 {
                assert!(at >= bom && at < bytes.len(), "{s:?}");
            } else if enc == EncodingChoice::Iso8859_6 {
                assert_eq!(Some(at), first_malformed(ISO_8859_6, bytes), "{s:?}");
            } else if matches!(enc, EncodingChoice::Utf8 | EncodingChoice::Auto) {
                let bom = bytes.len() - utf8_body.len();
                let valid = std::str::from_utf8(utf8_body).err().map(|e| e.valid_up_to());
                assert_eq!(Some(at), valid.map(|v| v + bom), "{s:?}");
            }
        }
        _ => panic!("expected {expected:?} ({enc:?}, binary {binary}), got {l:?}"),
    }
}

/// The bytes named `.txt.gz`: whatever they are, one document or one skip; a document only
/// when they decompress without error, and then with the decompressed text.
fn raw_gz(bytes: &[u8]) {
    let p = write_file("raw.txt.gz", bytes);
    let whole = gunzip(bytes);
    for enc in [EncodingChoice::Auto, EncodingChoice::Utf8Lossy] {
        let l = load(options(&p, InputFormat::Auto, enc));
        assert_eq!(l.docs.len() + l.skipped.len(), 1, "{l:?}");
        if let Some(out) = &whole {
            check_text(out, enc, &l);
        } else {
            assert_eq!(l.docs.len(), 0, "a damaged gzip text is skipped whole");
        }
    }
}

/// An unknown extension: JSONL when the first non-blank character is `{`, else text.
fn unknown_extension(bytes: &[u8]) {
    let p = write_file("doc.dat", bytes);
    let path = p.display().to_string();
    for enc in ENCODINGS {
        let l = load(options(&p, InputFormat::Auto, enc));
        let by_record =
            l.docs.iter().any(|d| d.record.is_some()) || l.skipped.iter().any(|s| s.line.is_some());
        if by_record {
            check_records(&l, &path);
        } else {
            assert_eq!(l.docs.len() + l.skipped.len(), 1, "{l:?}");
        }
    }
}
