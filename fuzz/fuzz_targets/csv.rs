//! The CSV and TSV readers, through the public `CorpusReader`/`Unit::load` API on a file.
//!
//! With `--encoding utf-8` the result is compared with a reference reading: the whole
//! input parsed at once by `csv_core` (the same parser, without the reader's buffering,
//! record cutting and buffer growth), the first record as the header, the `text` column
//! found by name, one document per later record that has that column and decodes, one
//! skip per record that has not. Gzip must read identically. A cut-short gzip must read
//! like the data it decompresses to before the cut (binary check, header, records), less
//! the record the cut falls in, plus one skip without a line; not like a prefix of the
//! whole file, whose binary check or header may see bytes the cut file does not hold.
//! Other encodings and a small `--max-record-bytes`: invariants only.
#![no_main]

use csv_core::ReadRecordResult as R;
use libfuzzer_sys::fuzz_target;
use tahlil::corpus::{EncodingChoice, InputFormat, InputOptions, Loaded};
use tahlil_fuzz::{
    ENCODINGS, check_records, content, gunzip_prefix, gzip, is_gzip, load, options, write_file,
};

fn binary_start(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F)
        .count();
    sample.contains(&0) || (sample.len() >= 32 && controls * 10 > sample.len())
}

/// Every record of `body`, parsed in one go; with `complete` false (`body` is cut short),
/// without the last record unless its terminator was read.
fn records(body: &[u8], delimiter: u8, complete: bool) -> Vec<Vec<Vec<u8>>> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; body.len() + 16];
    let mut ends = vec![0usize; body.len() + 16];
    let (mut input, mut outlen, mut endlen) = (body, 0, 0);
    let mut recs = Vec::new();
    for _ in 0..body.len() * 4 + 16 {
        let (res, nin, nout, nend) =
            rdr.read_record(input, &mut out[outlen..], &mut ends[endlen..]);
        input = &input[nin..];
        outlen += nout;
        endlen += nend;
        match res {
            R::InputEmpty if !complete && input.is_empty() => return recs,
            R::InputEmpty => {}
            R::OutputFull | R::OutputEndsFull => panic!("reference buffers too small"),
            R::Record => {
                let mut start = 0;
                recs.push(
                    ends[..endlen]
                        .iter()
                        .map(|&e| {
                            let f = out[start..e].to_vec();
                            start = e;
                            f
                        })
                        .collect(),
                );
                outlen = 0;
                endlen = 0;
            }
            R::End => return recs,
        }
    }
    panic!("the reference parser did not end");
}

#[derive(Debug, PartialEq)]
enum Expect {
    /// Skipped whole (no line).
    File,
    /// Documents and skipped records: (record, Some(text) | None).
    Records(Vec<(u64, Option<String>)>),
}

fn reference(bytes: &[u8], delimiter: u8, complete: bool) -> Expect {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let recs = records(body, delimiter, complete);
    let Some((header, rest)) = recs.split_first() else { return Expect::Records(Vec::new()) };
    let mut names = Vec::new();
    for f in header {
        match std::str::from_utf8(f) {
            Ok(s) => names.push(s),
            Err(_) => return Expect::File,
        }
    }
    let Some(col) = names.iter().position(|&n| n == "text") else { return Expect::File };
    let mut out = Vec::new();
    for (i, r) in rest.iter().enumerate() {
        let ok = r.len() > col && r.iter().all(|f| std::str::from_utf8(f).is_ok());
        let text = ok.then(|| String::from_utf8_lossy(&r[col]).into_owned());
        out.push(((i + 1) as u64, text));
    }
    Expect::Records(out)
}

fn outcome(l: &Loaded) -> Expect {
    if l.skipped.iter().any(|s| s.line.is_none()) {
        assert!(l.docs.is_empty() && l.skipped.len() == 1, "{l:?}");
        return Expect::File;
    }
    let mut v: Vec<(u64, Option<String>)> = l
        .docs
        .iter()
        .map(|d| (d.record.unwrap_or(0), Some(d.text.clone())))
        .chain(l.skipped.iter().map(|s| (s.line.unwrap_or(0), None)))
        .collect();
    v.sort_by_key(|x| x.0);
    Expect::Records(v)
}

/// The documents and per-record skips of `l`, by record number (whole-file skips left out).
fn outcome_records(l: &Loaded) -> Vec<(u64, Option<String>)> {
    let mut v: Vec<(u64, Option<String>)> = l
        .docs
        .iter()
        .map(|d| (d.record.unwrap_or(0), Some(d.text.clone())))
        .chain(l.skipped.iter().filter_map(|s| Some((s.line?, None))))
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else { return };
    let (ext, delimiter) = if sel & 1 == 0 { ("csv", b',') } else { ("tsv", b'\t') };
    let p = write_file(&format!("doc.{ext}"), bytes);
    let path = p.display().to_string();
    let exact = load(options(&p, InputFormat::Auto, EncodingChoice::Utf8));
    check_records(&exact, &path);
    match content(bytes) {
        None => {} // damaged gzip (by the magic bytes): the invariants only
        Some(c) if binary_start(&c) => {
            assert!(exact.docs.is_empty() && exact.skipped.len() == 1, "{exact:?}");
            assert!(exact.skipped[0].reason.starts_with("binary data"));
        }
        Some(c) => assert_eq!(
            outcome(&exact),
            reference(&c, delimiter, true),
            "differs from the reference reading"
        ),
    }

    // gzip: the same result; truncated: what it decompresses to, then one skip without a line
    if !is_gzip(bytes) {
        let gz = gzip(bytes);
        let gp = write_file(&format!("doc.{ext}.gz"), &gz);
        let g = load(options(&gp, InputFormat::Auto, EncodingChoice::Utf8));
        let docs = |l: &Loaded| -> Vec<(Option<u64>, String)> {
            l.docs.iter().map(|d| (d.record, d.text.clone())).collect()
        };
        assert_eq!(docs(&g), docs(&exact));
        assert_eq!(g.skipped.len(), exact.skipped.len());
        let cut = (gz.len() * usize::from(sel) / 256).max(1);
        let tp = write_file(&format!("cut.{ext}.gz"), &gz[..cut]);
        let t = load(options(&tp, InputFormat::Auto, EncodingChoice::Utf8));
        check_records(&t, &tp.display().to_string());
        // the reader sees only the data before the cut: a binary check, header and records
        // of its own (a binary whole may have a cut whose data is not binary)
        let seen = gunzip_prefix(&gz[..cut]);
        let want = match reference(&seen, delimiter, false) {
            _ if binary_start(&seen) => Vec::new(),
            Expect::File => Vec::new(),
            Expect::Records(r) => r,
        };
        let got = Expect::Records(outcome_records(&t));
        assert_eq!(got, Expect::Records(want), "a cut gzip reads as its data before the cut");
        assert!(t.skipped.last().is_some_and(|s| s.line.is_none()), "damage reported: {t:?}");
    }

    let format = if delimiter == b',' { InputFormat::Csv } else { InputFormat::Tsv };
    for enc in ENCODINGS {
        let l = load(options(&p, format, enc));
        check_records(&l, &path);
    }
    let max = usize::from(sel >> 1);
    let small = InputOptions { max_record_bytes: max, ..options(&p, format, EncodingChoice::Utf8) };
    let l = load(small);
    check_records(&l, &path);
    for d in &l.docs {
        assert!(d.text.len() <= max, "a record over the limit was read");
    }
});
