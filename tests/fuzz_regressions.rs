//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`), kept inline as byte
//! strings, each checked with the same invariants as the target that found it. A test
//! here failed before the fix named in its comment.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use tahlil::corpus::{CorpusReader, EncodingChoice, InputFormat, InputOptions, Loaded};
use tahlil::text::normalize::{is_bom, is_format_control, is_tashkeel_or_tatweel};
use tahlil::text::{Normalizer, Pipeline, Preset, Scratch, TextOptions};
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

/// The normalised form `Pipeline::terms` gives the token spanning exactly `word` in
/// `before + word + after` (the whole text, and the word's own range), under `preset`.
fn term_norms(preset: Preset, before: &str, word: &str, after: &str) -> Vec<String> {
    let text = format!("{before}{word}{after}");
    let span = (before.len(), before.len() + word.len());
    let opts = TextOptions { normalize: preset, numbers: true, ..TextOptions::default() };
    let p = Pipeline::new(&opts).unwrap();
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    for range in [0..text.len(), span.0..span.1] {
        let mut found = Vec::new();
        p.terms(&text, range, &mut scratch, |t| {
            if t.span == span {
                found.push(t.norm.to_owned());
            }
        });
        assert_eq!(found.len(), 1, "{preset:?}: one token spans {word:?} in {text:?}");
        out.extend(found);
    }
    out
}

/// The idempotence fix (`Normalizer::normalize_into` composes again after removing a
/// tatweel) also holds for the terms of the pipeline, whose tokenizer builds normalised
/// forms in its own fused scan (per-character tables) and calls the normaliser only for
/// tokens with characters it does not tabulate. Checked on both scan paths: text without
/// `:`, `@`, `w`, `W` is scanned in one pass, text with a `w` chunk by chunk.
#[test]
fn pipeline_terms_compose_after_tatweel_like_the_normalizer() {
    // (word, `none`, `standard` = `search`):
    // - `none` is BOM removal and NFC only; NFC composes nothing here, as the tatweel
    //   U+0640 (a starter) stands between the letter and the mark: the word is unchanged.
    // - `standard`/`search` remove the tatweel; e + U+0301 then compose to é U+00E9 (E is
    //   lower-cased first); fatha U+064E and hamza above U+0654 are tashkeel (U+064B–065F),
    //   removed; U+0301 after ب is kept and composes with nothing.
    let cases = [
        ("e\u{0640}\u{0301}", "e\u{0640}\u{0301}", "\u{00E9}"),
        ("E\u{0640}\u{0301}", "E\u{0640}\u{0301}", "\u{00E9}"),
        ("\u{0628}\u{0640}\u{064E}", "\u{0628}\u{0640}\u{064E}", "\u{0628}"),
        ("\u{0627}\u{0640}\u{0654}", "\u{0627}\u{0640}\u{0654}", "\u{0627}"),
        ("\u{0628}\u{0640}\u{0301}", "\u{0628}\u{0640}\u{0301}", "\u{0628}\u{0301}"),
    ];
    for (word, none, standard) in cases {
        for (preset, want) in
            [(Preset::None, none), (Preset::Standard, standard), (Preset::Search, standard)]
        {
            let n = Normalizer::new(preset);
            assert_eq!(n.normalize(word), want, "{preset:?} {word:?}");
            assert_eq!(n.normalize(want), want, "{preset:?} {word:?}: idempotent");
            for (before, after) in [("", ""), ("كتاب ", " قلم"), ("w ", " w")] {
                for got in term_norms(preset, before, word, after) {
                    assert_eq!(got, want, "{preset:?} {word:?} in {before:?}…{after:?}");
                }
            }
        }
    }
}

/// Reads `bytes` as the file `name` (in a new temporary folder) with `encoding`.
fn read_file(name: &str, bytes: &[u8], encoding: EncodingChoice) -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let opts = InputOptions {
        paths: vec![path],
        format: InputFormat::Auto,
        encoding,
        ..InputOptions::default()
    };
    CorpusReader::new(opts).unwrap().load_all()
}

fn assert_binary_skip(l: &Loaded, file: &str) {
    assert!(l.docs.is_empty(), "{:?}", l.docs);
    assert_eq!(l.skipped.len(), 1, "{:?}", l.skipped);
    let s = &l.skipped[0];
    assert!(Path::new(&s.path).ends_with(file), "{s:?}");
    assert_eq!(s.line, None);
    assert!(s.reason.starts_with("binary data (NUL byte at byte "), "{s:?}");
}

/// A JSONL/CSV file starting with a UTF-16 byte-order mark but read with another encoding
/// skipped the binary-data check (a text file did not): its lines were decoded and
/// skipped one by one as bad JSON or bad UTF-8 (or, in an Arabic code page, read as
/// characters) instead of the file being reported as binary. Fixed in `CorpusReader`:
/// only data decoded as UTF-16 is exempt from the check.
#[test]
fn utf16_bom_does_not_exempt_other_encodings_from_the_binary_check() {
    // the JSONL input as found (fuzz/fuzz_targets/jsonl.rs, `--encoding utf-8`)
    let found = b"\xFE\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF3\xE4\xD9\xD1\xC8\xEA\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xD9";
    for enc in [EncodingChoice::Utf8, EncodingChoice::Windows1256, EncodingChoice::Utf8Lossy] {
        assert_binary_skip(&read_file("found.jsonl", found, enc), "found.jsonl");
    }
    // a UTF-16LE CSV with its BOM, read with an explicit one-byte encoding
    let mut csv = vec![0xFF, 0xFE];
    csv.extend("id,text\n1,مصر\n".encode_utf16().flat_map(u16::to_le_bytes));
    for enc in [EncodingChoice::Utf8, EncodingChoice::Windows1256, EncodingChoice::Iso8859_6] {
        assert_binary_skip(&read_file("u16.csv", &csv, enc), "u16.csv");
    }
    // decoded as UTF-16 (by its BOM, or when asked for), it is read
    for enc in [EncodingChoice::Auto, EncodingChoice::Utf16] {
        let l = read_file("u16.csv", &csv, enc);
        assert_eq!(l.skipped, []);
        let texts: Vec<&str> = l.docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["مصر"]);
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Reads every cut of the gzip of `found` (named `NAME.gz`) whose data before the cut holds
/// the first NUL byte: each must be skipped as binary, as the whole file is.
fn check_cut_gzips_of_binary(name: &str, found: &[u8]) {
    let nul = found.iter().position(|&b| b == 0).unwrap();
    assert_binary_skip(&read_file(name, found, EncodingChoice::Utf8), name);
    let gz = gzip(found);
    let gz_name = format!("{name}.gz");
    assert_binary_skip(&read_file(&gz_name, &gz, EncodingChoice::Utf8), &gz_name);
    let mut checked = 0;
    for cut in 1..gz.len() {
        // what the cut file decompresses to before its end
        let mut seen = Vec::new();
        let mut dec = flate2::read::GzDecoder::new(&gz[..cut]);
        let mut buf = [0u8; 64];
        while let Ok(n @ 1..) = std::io::Read::read(&mut dec, &mut buf) {
            seen.extend_from_slice(&buf[..n]);
        }
        if seen.len() <= nul {
            continue;
        }
        assert_binary_skip(&read_file(&gz_name, &gz[..cut], EncodingChoice::Utf8), &gz_name);
        checked += 1;
    }
    assert!(checked > 0);
}

/// The TSV input found by `fuzz_targets/csv.rs` (its first byte, the selector 0x65, taken
/// off): 107 bytes, a header row `40\x01id<TAB>text` (bytes 0–10 with its `\n`), record 1
/// `1<TAB>"a<TAB>b"لل` (bytes 11–22), record 2 ending in `e\r\n` (bytes 23–96; its first
/// field `2\x88…` is not UTF-8), and record 3 (bytes 97–106) holding a NUL at byte 105.
const FOUND_TSV: &[u8] = b"40\x01id\x09text\n1\x09\"a\x09b\"\xD9\x84\xD9\x84\n2\x88\xD9\x86\xEF\xBB+\x93\xEF\xD8\xA7\xC2\xA0\xD8\xA7\xDB\x810 id,text,\xD9\x84\xD8\xAC\xD8\xB2\xD8\xA7\x8A\xD8\xA8\xD9\x8A\xD8\xA7\xC2\xA0\xD8\xD9\xA7\x84titl\xD8\xAC\xD8\xB2\xD8\xA7\xD8\xA6\xD8\xB1\x09\xD9\x85\xD8\xB5\xD8\xD8\xB1\x09e\x0D\n\xD9\x88\x85\xD8\xB5\xD8\xB1\x0F\x00\n";

/// Binary JSONL and TSV files (NUL bytes) whose gzip is cut short: the data read before
/// the end is real data, so the file is skipped as binary, as the whole file is. (The cut
/// made for corrupt gzip, whose last bytes may be garbage, was applied to truncated gzip
/// too, and the lines before the NUL bytes were read: fixed in
/// `Chunker::cut_before_damage`.)
#[test]
fn truncated_gzip_of_a_binary_file_is_binary() {
    // the inputs as found (fuzz/fuzz_targets/jsonl.rs and csv.rs, without the first byte,
    // the selector)
    check_cut_gzips_of_binary("found.jsonl", b"\xD3\xD3\xD3\xD3\xD3\xD3\xD3\n\n{\"text\"8 5}\n{\"text\":\"\\u0645\\u0635\\u0631\"}\n\"te\xD3\xD3\n\n{\"\n\x00\x00\x00text\"8 5}\n{\"text\":\"\\u0645\\u0635\\u0631\"}\n\"text\"8 5}\n{\"text\":\"\\u0645\\u06\xEF\xB4\xBFuxt\"8 5}\n{\"text\":\"\\u0645\\u06\xEF\xB4\xBFu061\"}\n[1\xFF\xFF\xD3*\xD3\xD3\xD3\xD3\xD3\xD3\xE1\xDA\xD1\xC8\xED\xC9");
    check_cut_gzips_of_binary("found.tsv", FOUND_TSV);
}

/// What the gzip data `gz` decompresses to before it ends or fails.
fn gunzip_prefix(gz: &[u8]) -> Vec<u8> {
    let mut seen = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(gz);
    let mut buf = [0u8; 64];
    while let Ok(n @ 1..) = std::io::Read::read(&mut dec, &mut buf) {
        seen.extend_from_slice(&buf[..n]);
    }
    seen
}

/// The crash of `fuzz_targets/csv.rs`: it cut the gzip of [`FOUND_TSV`] at 101/256 of its
/// length (the selector 0x65 = 101) and asserted that the documents read were a prefix of
/// the whole file's, which are none: the whole file is binary. But the cut decompresses
/// only to the start of the file, without the NUL byte, so the reader rightly reads the
/// header and record 1 and reports the truncation. The invariant was wrong, not the
/// library: the harness (csv.rs and jsonl.rs) now compares a cut gzip with the reference
/// reading of the data it decompresses to, up to its last complete record. Checked here
/// for every cut, with the outcome derived from the byte layout of [`FOUND_TSV`]. This
/// also checks the offset after a `\r\n` (it pointed at the `\n`, one byte early: fixed in
/// `CsvSplitter::next_record`).
#[test]
fn truncated_gzip_reads_as_its_data_before_the_cut() {
    let gz = gzip(FOUND_TSV);
    let found_cut = gz.len() * 101 / 256;
    let name = "found.tsv.gz";
    let mut kinds = std::collections::BTreeSet::new();
    for cut in 1..gz.len() {
        let seen = gunzip_prefix(&gz[..cut]);
        let n = seen.len();
        assert_eq!(seen, FOUND_TSV[..n], "a truncated gzip decompresses to a prefix");
        let l = read_file(name, &gz[..cut], EncodingChoice::Utf8);
        if n > 105 {
            assert_binary_skip(&l, name); // the NUL at byte 105 is in the data
            kinds.insert(6);
            continue;
        }
        // (kind, documents read, records skipped one by one, offset and end of the reason
        // of the skip without a line) by how far the data goes:
        let (kind, docs, lines, offset, rest) = match n {
            // no data at all: the gzip header is cut
            0 => (0, 0, 0, 0, "the input is skipped"),
            // the header row is cut (its `\n` is byte 10)
            1..=10 => (1, 0, 0, 0, "the file is skipped"),
            // the header is read; record 1 (bytes 11–22) is cut
            11..=22 => (2, 0, 0, 11, "the rest of the file, from record 1, is skipped"),
            // record 1 is read; record 2 is cut before its `\r` (byte 95)
            23..=95 => (3, 1, 0, 23, "the rest of the file, from record 2, is skipped"),
            // record 2 ends at its `\r` (and is skipped: not UTF-8); the `\n` is not there
            96 => (4, 1, 1, 96, "the rest of the file, from record 3, is skipped"),
            // record 3 starts after the `\n`, at byte 97
            _ => (5, 1, 1, 97, "the rest of the file, from record 3, is skipped"),
        };
        kinds.insert(kind);
        let got: Vec<(Option<u64>, &str)> =
            l.docs.iter().map(|d| (d.record, d.text.as_str())).collect();
        // record 1: the quoted `a<TAB>b` and the bytes after the closing quote make one field
        assert_eq!(got, [(Some(1), "a\tbلل")][..docs], "cut {cut} (data {n} bytes)");
        let lined: Vec<Option<u64>> = l.skipped.iter().map(|s| s.line).collect();
        let want: Vec<Option<u64>> = [Some(2), None][1 - lines..].to_vec();
        assert_eq!(lined, want, "cut {cut} (data {n} bytes): {:?}", l.skipped);
        let last = l.skipped.last().unwrap();
        assert_eq!(last.offset, Some(offset), "cut {cut} (data {n} bytes): {last:?}");
        let reason = format!("truncated gzip data (the file ends too early); {rest}");
        assert_eq!(last.reason, reason, "cut {cut} (data {n} bytes)");
        if cut == found_cut {
            assert_eq!(kind, 3, "the cut the target made reads record 1");
        }
    }
    // every case above was met (gzip's stored bytes come out as they arrive)
    assert_eq!(kinds.len(), 7, "{kinds:?}");
}

/// After a record ending in `\r\n`, a read error (here malformed UTF-16) is reported at the
/// first byte of the next record, after the `\n`, as for JSONL lines.
#[test]
fn error_after_a_crlf_record_is_reported_after_the_lf() {
    // UTF-16LE with its BOM: `text\r\nأ\r\n`, then a lone high surrogate before `c`
    let mut data = vec![0xFF, 0xFE];
    data.extend("text\r\nأ\r\n".encode_utf16().flat_map(u16::to_le_bytes));
    data.extend_from_slice(&[0x00, 0xD8, b'c', 0]);
    let l = read_file("u16.csv", &data, EncodingChoice::Auto);
    let texts: Vec<&str> = l.docs.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["أ"]);
    assert_eq!(l.skipped.len(), 1, "{:?}", l.skipped);
    let s = &l.skipped[0];
    // in the UTF-8 it is transcoded to: `text` (4 bytes) + CRLF (2) + أ (2) + CRLF (2) = 10
    assert_eq!((s.line, s.offset), (None, Some(10)), "{s:?}");
    assert!(s.reason.starts_with("malformed UTF-16"), "{s:?}");
    assert!(s.reason.ends_with("; the rest of the file, from record 2, is skipped"), "{s:?}");
}
