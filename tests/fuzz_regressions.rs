//! Inputs found by the fuzz targets in `fuzz/` (see `fuzz/README.md`), kept inline as byte
//! strings, each checked with the same invariants as the target that found it. A test
//! here failed before the fix named in its comment.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use tahlil::corpus::{CorpusReader, EncodingChoice, InputFormat, InputOptions, Loaded};
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
    check_cut_gzips_of_binary("found.tsv", b"40\x01id\x09text\n1\x09\"a\x09b\"\xD9\x84\xD9\x84\n2\x88\xD9\x86\xEF\xBB+\x93\xEF\xD8\xA7\xC2\xA0\xD8\xA7\xDB\x810 id,text,\xD9\x84\xD8\xAC\xD8\xB2\xD8\xA7\x8A\xD8\xA8\xD9\x8A\xD8\xA7\xC2\xA0\xD8\xD9\xA7\x84titl\xD8\xAC\xD8\xB2\xD8\xA7\xD8\xA6\xD8\xB1\x09\xD9\x85\xD8\xB5\xD8\xD8\xB1\x09e\x0D\n\xD9\x88\x85\xD8\xB5\xD8\xB1\x0F\x00\n");
}
