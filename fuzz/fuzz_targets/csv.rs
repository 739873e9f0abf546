//! The CSV and TSV readers, through the public `CorpusReader`/`Unit::load` API on a file.
//!
//! With `--encoding utf-8` the result is compared with a reference reading: the whole
//! input parsed at once by `csv_core` (the same parser, without the reader's buffering,
//! record cutting and buffer growth), the first record as the header, the `text` column
//! found by name, one document per later record that has that column and decodes, one
//! skip per record that has not. Gzip must read identically, a cut-short gzip must give a
//! prefix of the documents plus one skip without a line. Other encodings and a small
//! `--max-record-bytes`: invariants only.
#![no_main]

use csv_core::ReadRecordResult as R;
use libfuzzer_sys::fuzz_target;
use tahlil::corpus::{EncodingChoice, InputFormat, InputOptions, Loaded};
use tahlil_fuzz::{ENCODINGS, check_records, content, gzip, is_gzip, load, options, write_file};

fn binary_start(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F)
        .count();
    sample.contains(&0) || (sample.len() >= 32 && controls * 10 > sample.len())
}

/// Every record of `body`, parsed in one go.
fn records(body: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
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

fn reference(bytes: &[u8], delimiter: u8) -> Expect {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let recs = records(body, delimiter);
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
            reference(&c, delimiter),
            "differs from the reference reading"
        ),
    }

    // gzip: the same result; truncated: a prefix, then one skip without a line
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
        let td = docs(&t);
        // (unless the whole file was skipped as binary: the binary check looks at the
        // first 64 KiB, of which a cut file may hold less)
        let whole_skip = exact.skipped.iter().any(|s| s.line.is_none());
        if !whole_skip {
            let all = docs(&exact);
            assert!(td.len() <= all.len() && td[..] == all[..td.len()], "prefix");
        }
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
