//! The JSONL reader, through the public `CorpusReader`/`Unit::load` API on a file.
//!
//! With `--encoding utf-8` the result is compared with a reference reading of the same
//! bytes (split at `\n`, one `\r` trimmed, blank lines ignored, one BOM stripped at the
//! start of each line, each line parsed by `serde_json`): the same documents (line
//! numbers and texts) and the same skipped lines, in order. The same bytes gzip-compressed
//! must read identically. Cut short, the gzip must read like the complete lines it
//! decompresses to before the cut (binary check included), and end with one skip without
//! a line; not like a prefix of the whole file, whose binary check may see bytes the cut
//! file does not hold. Under every other encoding, and with a small
//! `--max-record-bytes`, only the general invariants are checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tahlil::corpus::{EncodingChoice, InputFormat, InputOptions, Loaded};
use tahlil_fuzz::{
    ENCODINGS, check_records, content, gunzip_prefix, gzip, is_gzip, load, options, write_file,
};

/// The project's binary rule on the first 64 KiB of a record file.
fn binary_start(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F)
        .count();
    sample.contains(&0) || (sample.len() >= 32 && controls * 10 > sample.len())
}

/// Reference: (line, Ok(text) | Err(())) for each non-blank line.
fn reference(bytes: &[u8]) -> Vec<(u64, Result<String, ()>)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut pieces: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    if body.is_empty() || body.ends_with(b"\n") {
        pieces.pop();
    }
    let mut out = Vec::new();
    for (i, piece) in pieces.into_iter().enumerate() {
        let line = piece.strip_suffix(b"\r").unwrap_or(piece);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        let text = std::str::from_utf8(line)
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
            .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .ok_or(());
        out.push(((i + 1) as u64, text));
    }
    out
}

fn outcome(l: &Loaded) -> Vec<(u64, Result<String, ()>)> {
    let mut v: Vec<(u64, Result<String, ()>)> = l
        .docs
        .iter()
        .map(|d| (d.record.unwrap_or(0), Ok(d.text.clone())))
        .chain(l.skipped.iter().map(|s| (s.line.unwrap_or(u64::MAX), Err(()))))
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let p = write_file("doc.jsonl", bytes);
    let path = p.display().to_string();
    let exact = load(options(&p, InputFormat::Auto, EncodingChoice::Utf8));
    check_records(&exact, &path);
    match content(bytes) {
        None => {} // damaged gzip (by the magic bytes): the invariants only
        Some(c) if binary_start(&c) => {
            assert!(exact.docs.is_empty() && exact.skipped.len() == 1, "{exact:?}");
            assert!(exact.skipped[0].reason.starts_with("binary data"));
        }
        Some(c) => assert_eq!(outcome(&exact), reference(&c), "differs from the reference reading"),
    }

    // gzip: the same result; truncated: what it decompresses to, then one skip without a line
    if !is_gzip(bytes) {
        let gz = gzip(bytes);
        let gp = write_file("doc.jsonl.gz", &gz);
        let g = load(options(&gp, InputFormat::Auto, EncodingChoice::Utf8));
        let docs = |l: &Loaded| -> Vec<(Option<u64>, String)> {
            l.docs.iter().map(|d| (d.record, d.text.clone())).collect()
        };
        assert_eq!(docs(&g), docs(&exact));
        assert_eq!(g.skipped.len(), exact.skipped.len());
        let cut = (gz.len() * usize::from(sel) / 256).max(1);
        let tp = write_file("cut.jsonl.gz", &gz[..cut]);
        let t = load(options(&tp, InputFormat::Auto, EncodingChoice::Utf8));
        check_records(&t, &tp.display().to_string());
        // the reader sees only the data before the cut, and reads its complete lines (a
        // binary whole may have a cut whose data is not binary)
        let seen = gunzip_prefix(&gz[..cut]);
        let lines = seen.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let want = if binary_start(&seen) { Vec::new() } else { reference(&seen[..lines]) };
        let mut got = outcome(&t);
        got.retain(|x| x.0 != u64::MAX); // the skip without a line, checked below
        assert_eq!(got, want, "a cut gzip reads as its complete lines before the cut");
        assert!(t.skipped.last().is_some_and(|s| s.line.is_none()), "damage reported: {t:?}");
    }

    // other encodings, and a small record limit: invariants only
    for enc in ENCODINGS {
        let l = load(options(&p, InputFormat::Jsonl, enc));
        check_records(&l, &path);
    }
    let small = InputOptions {
        max_record_bytes: usize::from(sel % 64),
        ..options(&p, InputFormat::Auto, EncodingChoice::Utf8)
    };
    let l = load(small);
    check_records(&l, &path);
    for d in &l.docs {
        assert!(d.text.len() <= usize::from(sel % 64), "a record over the limit was read");
    }
});
