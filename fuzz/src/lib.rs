//! Helpers shared by the fuzz targets: writing the fuzz input to a file (the corpus reader
//! reads files; stdin cannot be used in-process), running the public reader on it, and
//! the invariants every reader result must satisfy.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tahlil::corpus::{CorpusReader, EncodingChoice, InputFormat, InputOptions, Loaded};

/// Every encoding choice.
pub const ENCODINGS: [EncodingChoice; 6] = [
    EncodingChoice::Auto,
    EncodingChoice::Utf8,
    EncodingChoice::Utf8Lossy,
    EncodingChoice::Windows1256,
    EncodingChoice::Iso8859_6,
    EncodingChoice::Utf16,
];

/// A folder for this process's input files: in /dev/shm (memory) when it exists. It is
/// never removed (libFuzzer ends with `exit`); it holds a few files of at most one input
/// each.
fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
        let d = base.join(format!("tahlil-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&d).expect("create the fuzz scratch folder");
        d
    })
}

/// Writes `bytes` to the file `name` in the scratch folder and returns its path.
pub fn write_file(name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir().join(name);
    std::fs::write(&p, bytes).expect("write the fuzz input file");
    p
}

/// Reading options for one file.
pub fn options(path: &Path, format: InputFormat, encoding: EncodingChoice) -> InputOptions {
    InputOptions { paths: vec![path.to_path_buf()], format, encoding, ..InputOptions::default() }
}

/// Reads `opts` with the public reader, checking the unit sequence numbers on the way.
pub fn load(opts: InputOptions) -> Loaded {
    let reader = CorpusReader::new(opts).expect("a plain file list never fails");
    let mut all = Loaded::default();
    for (i, unit) in reader.enumerate() {
        assert_eq!(unit.seq(), i as u64, "units come out in sequence");
        all.append(unit.load());
    }
    all
}

/// Invariants of any reader result for one record-oriented file (JSONL/CSV/TSV): record
/// numbers of documents and of per-record skips strictly increase together, each record
/// gives at most one of them, and a whole-file skip (no line) comes last.
pub fn check_records(l: &Loaded, path: &str) {
    let mut seen: Vec<u64> = Vec::new();
    for d in &l.docs {
        assert_eq!(&*d.path, path);
        let r = d.record.expect("records have numbers");
        assert!(r >= 1);
        seen.push(r);
    }
    for (i, s) in l.skipped.iter().enumerate() {
        assert_eq!(s.path, path);
        assert!(!s.reason.is_empty() && !s.reason.contains('\n'), "one-line reason: {s:?}");
        match s.line {
            Some(r) => seen.push(r),
            None => assert_eq!(i + 1, l.skipped.len(), "a whole-file skip ends the file"),
        }
    }
    let n = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), n, "a record gives one document or one skip");
}

/// Whether `bytes` start with the gzip magic bytes (the reader then decompresses them,
/// whatever the file name).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1F, 0x8B])
}

/// The decompressed content of gzip `bytes` (all members), or `None` when damaged.
pub fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).ok().map(|_| out)
}

/// What gzip `bytes` decompress to before they end or fail: for a cut-short gzip stream,
/// the data the reader sees before the damage.
pub fn gunzip_prefix(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    let (mut out, mut buf) = (Vec::new(), [0u8; 512]);
    while let Ok(n @ 1..) = dec.read(&mut buf) {
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// What the reader sees in a file holding `bytes`: the bytes, or their decompressed content
/// when they start with the gzip magic; `None` for damaged gzip.
pub fn content(bytes: &[u8]) -> Option<Vec<u8>> {
    if is_gzip(bytes) { gunzip(bytes) } else { Some(bytes.to_vec()) }
}

/// The gzip compression of `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("compress");
    e.finish().expect("compress")
}
