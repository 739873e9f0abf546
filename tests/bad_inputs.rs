//! Bad inputs through the command line (`tahlil stats … --format json`), one test per kind
//! of bad input: the exit code, the one stderr line naming the file (and line or byte
//! offset), the `corpus.skipped` entry, and that the good inputs beside it are counted
//! exactly as when they are read alone. The small inputs are in `tests/fixtures/bad/` (see
//! its README); large and special files (a 200 MB line, FIFO, symlink loop, unreadable
//! file) are made in temporary folders. Also: the acceptance test (one article in
//! five encodings and containers, next to bad inputs), `--strict`, an input that is never
//! readable, and the safety of `--output`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use serde_json::{Value, json};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ARTICLE: &str = "data/corpus/india-central-asia.txt";

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn fixture(name: &str) -> PathBuf {
    manifest("tests/fixtures/bad").join(name)
}

/// `tahlil stats ARGS --format json --top 0`, with stdout parsed when it is not empty.
fn stats(args: &[&str]) -> (Run, Value) {
    let mut all = vec!["stats"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--top", "0"]);
    let run = tahlil(&all);
    let v = if run.stdout.is_empty() { Value::Null } else { run.json() };
    (run, v)
}

/// A temporary folder holding the sample article as `good.txt`, plus the files added.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let f = Folder::empty();
        std::fs::copy(manifest(ARTICLE), f.dir.path().join("good.txt")).unwrap();
        f
    }

    fn empty() -> Folder {
        Folder { dir: tempfile::tempdir().unwrap() }
    }

    /// The folder as a command-line argument.
    fn arg(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    /// A file of the folder as tahlil names it.
    fn name(&self, file: &str) -> String {
        self.dir.path().join(file).display().to_string()
    }

    fn write(&self, file: &str, bytes: impl AsRef<[u8]>) -> String {
        std::fs::write(self.dir.path().join(file), bytes).unwrap();
        self.name(file)
    }

    fn add_fixture(&self, file: &str) -> String {
        self.write(file, std::fs::read(fixture(file)).unwrap())
    }
}

/// The counts of a report: `corpus` without the lists of problems, and the terms.
fn counts(v: &Value) -> Value {
    let mut corpus = v["corpus"].clone();
    let obj = corpus.as_object_mut().expect("corpus object");
    for k in ["skipped", "warnings", "notices"] {
        obj.remove(k);
    }
    json!({"corpus": corpus, "terms": v["terms"]})
}

/// Counts of a folder holding only good inputs (`files`: name and bytes) beside the
/// article, read with `extra` options.
fn counts_of_good(files: &[(&str, Vec<u8>)], extra: &[&str]) -> Value {
    let f = Folder::new();
    for (name, bytes) in files {
        f.write(name, bytes);
    }
    let mut args = vec![f.arg()];
    args.extend_from_slice(extra);
    let (run, v) = stats(&args);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "the good inputs alone are clean");
    counts(&v)
}

/// The report of the sample article alone.
fn article_alone() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| {
        let (run, v) = stats(&[ARTICLE]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""));
        assert_eq!(v["corpus"]["tokens"], 347);
        v
    })
}

/// Lines `keep` (1-based) of a fixture, as a file's bytes.
fn fixture_lines(file: &str, keep: &[usize]) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    keep.iter().map(|&i| lines[i - 1]).collect::<String>().into_bytes()
}

/// Asserts a clean exit 0 whose stderr is exactly `lines` and whose `corpus.skipped` is
/// exactly `skipped`.
fn assert_reported(run: &Run, v: &Value, lines: &[String], skipped: Value) {
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want: String = lines.iter().map(|l| format!("{l}\n")).collect();
    assert_eq!(run.stderr, want);
    assert_eq!(v["corpus"]["skipped"], skipped);
}

// ---------------------------------------------------------------------------------------
// one test per kind of bad input

#[test]
fn nonexistent_path() {
    let f = Folder::new();
    let missing = f.name("missing.txt");
    let (run, v) = stats(&[f.arg(), &missing]);
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {missing}: no such file or directory")],
        json!([{"path": missing, "reason": "no such file or directory"}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

/// A file without read permission. Root reads any file, so as root the run is made as the
/// user `nobody` (with `setpriv`); where that is not possible the test says so and checks
/// a file that fails on read instead (`/proc/self/mem`).
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let f = Folder::new();
    let locked = f.write("locked.txt", "سر");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(f.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let args = [f.arg(), "--format", "json", "--top", "0"];
    let out = if std::fs::File::open(&locked).is_err() {
        Some(
            std::process::Command::new(env!("CARGO_BIN_EXE_tahlil"))
                .arg("stats")
                .args(args)
                .output(),
        )
    } else {
        // privileged: run as nobody, if the binary can be run that way
        let as_nobody = |extra: &[&str]| {
            std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_tahlil"))
                .args(extra)
                .output()
        };
        match as_nobody(&["--version"]) {
            Ok(o) if o.status.success() => Some(as_nobody(&[&["stats"][..], &args[..]].concat())),
            _ => None,
        }
    };
    match out {
        Some(out) => {
            let out = out.unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(0), "{stderr}");
            assert_eq!(stderr, format!("tahlil: skipped {locked}: permission denied\n"));
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                v["corpus"]["skipped"],
                json!([{"path": locked, "reason": "permission denied"}])
            );
            assert_eq!(counts(&v), counts(article_alone()));
        }
        None => eprintln!(
            "SKIPPED unreadable_file (permissions): privileged and setpriv cannot run the \
             binary as nobody; only the read-error file is checked"
        ),
    }
    // a regular file whose read fails (EIO) for any user
    let mem = "/proc/self/mem";
    if Path::new(mem).exists() {
        let (run, v) = stats(&[ARTICLE, mem]);
        let reason = "cannot read: Input/output error (os error 5)";
        assert_reported(
            &run,
            &v,
            &[format!("tahlil: skipped {mem}: {reason}")],
            json!([{"path": mem, "reason": reason}]),
        );
        assert_eq!(counts(&v), counts(article_alone()));
    }
}

#[test]
fn binary_file_with_nul_bytes() {
    let f = Folder::new();
    let bad = f.add_fixture("binary.txt");
    let (run, v) = stats(&[f.arg()]);
    let reason = "binary data (NUL byte at byte 8), not text";
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "offset": 8, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

#[test]
fn mostly_non_text_binary_file() {
    let f = Folder::new();
    let bad = f.add_fixture("mostly-binary.txt");
    let (run, v) = stats(&[f.arg()]);
    let reason = "binary data (60 control bytes in the first 102 bytes), not text";
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "offset": 0, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

/// Empty and whitespace/BOM-only files are documents with no tokens (the documented
/// choice): counted, with a "no tokens" warning, never skipped.
#[test]
fn empty_and_whitespace_only_files_are_empty_documents() {
    for (file, text_bytes) in [("empty.txt", 0), ("whitespace-bom.txt", 11)] {
        let f = Folder::new();
        let name = f.add_fixture(file);
        let (run, v) = stats(&[f.arg()]);
        let warning = format!("{name}: no tokens found");
        assert_reported(&run, &v, &[format!("tahlil: warning: {warning}")], json!([]));
        assert_eq!(v["corpus"]["warnings"], json!([warning]));
        let alone = article_alone();
        assert_eq!(v["corpus"]["documents"], 2);
        assert_eq!(v["corpus"]["bytes"], alone["corpus"]["bytes"].as_u64().unwrap() + text_bytes);
        for k in ["tokens", "types", "term_tokens", "term_types", "sentences"] {
            assert_eq!(v["corpus"][k], alone["corpus"][k], "{k}");
        }
        // the same terms, counts and document frequencies (tf-idf changes with N)
        let rows = |v: &Value| -> Vec<(String, u64, u64)> {
            let t = v["terms"].as_array().unwrap();
            t.iter()
                .map(|t| {
                    (
                        t["term"].as_str().unwrap().into(),
                        t["count"].as_u64().unwrap(),
                        t["df"].as_u64().unwrap(),
                    )
                })
                .collect()
        };
        assert_eq!(rows(&v), rows(alone));
    }
}

#[test]
fn invalid_json_lines_among_good_lines() {
    let f = Folder::new();
    let bad = f.add_fixture("invalid-json.jsonl");
    let (run, v) = stats(&[f.arg()]);
    let skips = [
        (2, Some(45), "invalid JSON (byte 45): EOF while parsing a string"),
        (4, Some(0), "invalid JSON (byte 0): expected value"),
        (6, None, "not a JSON object record: invalid type: sequence, expected a JSON object"),
        (7, Some(29), "invalid JSON (byte 29): trailing characters"),
    ];
    let lines: Vec<String> =
        skips.iter().map(|(l, _, r)| format!("tahlil: skipped {bad}:{l}: {r}")).collect();
    let entries: Vec<Value> = skips
        .iter()
        .map(|&(l, o, r)| match o {
            Some(o) => json!({"path": bad, "line": l, "offset": o, "reason": r}),
            None => json!({"path": bad, "line": l, "reason": r}),
        })
        .collect();
    assert_reported(&run, &v, &lines, Value::Array(entries));
    let good = fixture_lines("invalid-json.jsonl", &[1, 5, 8]);
    assert_eq!(counts(&v), counts_of_good(&[("invalid-json.jsonl", good)], &[]));
    assert_eq!(v["corpus"]["documents"], 4);
}

#[test]
fn jsonl_text_field_missing_or_not_a_string() {
    let f = Folder::new();
    let bad = f.add_fixture("text-field.jsonl");
    let (run, v) = stats(&[f.arg()]);
    let skips = [
        (2, "the \"text\" field is a number, not a string"),
        (3, "the \"text\" field is null, not a string"),
        (4, "no \"text\" field"),
        (5, "the \"text\" field is an array, not a string"),
    ];
    let lines: Vec<String> =
        skips.iter().map(|(l, r)| format!("tahlil: skipped {bad}:{l}: {r}")).collect();
    let entries: Vec<Value> =
        skips.iter().map(|&(l, r)| json!({"path": bad, "line": l, "reason": r})).collect();
    assert_reported(&run, &v, &lines, Value::Array(entries));
    let good = fixture_lines("text-field.jsonl", &[1, 6]);
    assert_eq!(counts(&v), counts_of_good(&[("text-field.jsonl", good)], &[]));
}

#[test]
fn csv_record_without_the_text_column() {
    let f = Folder::new();
    let bad = f.add_fixture("missing-text-column.csv");
    let (run, v) = stats(&[f.arg()]);
    let reason = "the record has 1 field(s), so no \"text\" column (column 2 of the header)";
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}:2: {reason}")],
        json!([{"path": bad, "line": 2, "reason": reason}]),
    );
    let good = fixture_lines("missing-text-column.csv", &[1, 2, 4]);
    assert_eq!(counts(&v), counts_of_good(&[("missing-text-column.csv", good)], &[]));
    assert_eq!(v["corpus"]["documents"], 3);
}

/// A CSV file without a text column: found in a folder it is taken for a side table (a
/// notice, not a skip); named explicitly it is skipped with the columns it has.
#[test]
fn csv_file_without_the_text_column() {
    let f = Folder::new();
    let bad = f.add_fixture("no-text-column.csv");
    let (run, v) = stats(&[f.arg()]);
    let note = format!(
        "{bad}: not read: no \"text\" column (columns: \"id\", \"body\", \"source\"); taken for a \
         side table, not part of the corpus (name it or use --glob to read it)"
    );
    assert_reported(&run, &v, &[format!("tahlil: note: {note}")], json!([]));
    assert_eq!(v["corpus"]["notices"], json!([note]));
    assert_eq!(counts(&v), counts(article_alone()));

    let (run, v) = stats(&[ARTICLE, &bad]);
    let reason = "no \"text\" column in the header row (columns: \"id\", \"body\", \"source\"); \
                  choose the text column with --text-field";
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

/// The 200 JSONL lines compressed (cut or damaged) in the gzip fixtures.
fn numbered_lines(n: usize) -> Vec<u8> {
    (1..=n)
        .map(|i| format!("{{\"id\": \"g{i}\", \"text\": \"الخبر رقم {i} عن الهند ومصر.\"}}\n"))
        .collect::<String>()
        .into_bytes()
}

/// What flate2 decompresses from `gz` before its error.
fn decompressed_before_error(gz: &[u8]) -> Vec<u8> {
    let mut partial = Vec::new();
    let mut dec = flate2::read::GzDecoder::new(gz);
    let mut buf = [0u8; 512];
    while let Ok(n @ 1..) = dec.read(&mut buf) {
        partial.extend_from_slice(&buf[..n]);
    }
    partial
}

/// A truncated gzip: the lines decompressed completely before the end are read, the rest
/// of the file is skipped with the offset (in the decompressed data) of the first line
/// not read. A truncated `.txt.gz` is skipped whole.
#[test]
fn truncated_gzip() {
    let f = Folder::new();
    let bad = f.add_fixture("truncated.jsonl.gz");
    let (run, v) = stats(&[f.arg()]);
    let reason = "truncated gzip data (the file ends too early); the rest of the file, from line \
                  88, is skipped";
    let kept = numbered_lines(87);
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "offset": kept.len(), "reason": reason}]),
    );
    // what flate2 gives before the error, cut at the last complete line, is what was kept
    let partial = decompressed_before_error(&std::fs::read(fixture("truncated.jsonl.gz")).unwrap());
    let cut = partial.iter().rposition(|&b| b == b'\n').unwrap() + 1;
    assert_eq!(&partial[..cut], &kept[..]);
    assert_eq!(counts(&v), counts_of_good(&[("kept.jsonl", kept)], &[]));
    assert_eq!(v["corpus"]["documents"], 88);

    let f = Folder::new();
    let bad = f.add_fixture("truncated.txt.gz");
    let (run, v) = stats(&[f.arg()]);
    let reason = "truncated gzip data (the file ends too early); the document is skipped";
    let offset = v["corpus"]["skipped"][0]["offset"].as_u64().unwrap();
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "offset": offset, "reason": reason}]),
    );
    assert!(offset > 0 && offset < 4436, "{offset}: decompressed bytes before the end");
    assert_eq!(counts(&v), counts(article_alone()));
}

/// Corrupt gzip data (8 bytes flipped in the middle of the stream): the data decompressed
/// before the error is read up to the line holding the first binary byte of the garbage
/// that corrupt data decompresses to, the rest of the file is skipped. (Garbage without a
/// binary byte cannot be told from text: here line 88 decompresses to a well-formed line
/// with a wrong number, `رقم 80`, and is read like any line.)
#[test]
fn corrupt_gzip() {
    let f = Folder::new();
    let bad = f.add_fixture("corrupt.jsonl.gz");
    let (run, v) = stats(&[f.arg()]);
    let reason = "damaged gzip data (corrupt gzip stream does not have a matching checksum); the \
                  rest of the file, from line 89, is skipped";
    let partial = decompressed_before_error(&std::fs::read(fixture("corrupt.jsonl.gz")).unwrap());
    let nul = partial.iter().position(|&b| b == 0).unwrap();
    let kept = partial[..partial[..nul].iter().rposition(|&b| b == b'\n').unwrap() + 1].to_vec();
    let intact = numbered_lines(87);
    assert_eq!(&kept[..intact.len()], &intact[..]);
    let line88 = "{\"id\": \"g88\", \"text\": \"الخبر رقم 80 عن الهند ومصر.\"}\n";
    assert_eq!(&kept[intact.len()..], line88.as_bytes());
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}: {reason}")],
        json!([{"path": bad, "offset": kept.len(), "reason": reason}]),
    );
    assert_eq!(counts(&v), counts_of_good(&[("kept.jsonl", kept)], &[]));
}

#[test]
fn line_larger_than_max_record_bytes() {
    let f = Folder::new();
    let bad = f.add_fixture("long-line.jsonl");
    let (run, v) = stats(&[f.arg(), "--max-record-bytes", "5000"]);
    let reason = "line is 5424 bytes, larger than the record size limit of 5000 bytes";
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}:2: {reason}")],
        json!([{"path": bad, "line": 2, "reason": reason}]),
    );
    let good = fixture_lines("long-line.jsonl", &[1, 3]);
    let want = counts_of_good(&[("long-line.jsonl", good)], &["--max-record-bytes", "5000"]);
    assert_eq!(counts(&v), want);
    // a text file larger than the limit is skipped by its size, without being read
    let (run, v) = stats(&[ARTICLE, "--max-record-bytes", "4000"]);
    let reason = "file is 4436 bytes, larger than the record size limit of 4000 bytes";
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(v, Value::Null);
    assert_eq!(
        run.stderr,
        format!("tahlil: skipped {ARTICLE}: {reason}\ntahlil: no input could be read\n")
    );
}

/// One real 200 MB line (default limit 64 MiB): read and dropped in pieces, the lines
/// around it read.
#[test]
fn line_of_200_megabytes() {
    let f = Folder::new();
    let path = f.dir.path().join("huge.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    w.write_all("{\"text\": \"زار رئيس وزراء الهند مصر.\"}\n{\"text\": \"".as_bytes()).unwrap();
    let chunk = "مصر ".repeat(1 << 16); // 458,752 bytes
    let mut len = "{\"text\": \"".len();
    while len < 200_000_000 {
        w.write_all(chunk.as_bytes()).unwrap();
        len += chunk.len();
    }
    w.write_all(b"\"}\n").unwrap();
    len += 2;
    w.write_all("{\"text\": \"عاد الوفد إلى نيودلهي.\"}\n".as_bytes()).unwrap();
    w.flush().unwrap();
    drop(w);
    let bad = f.name("huge.jsonl");
    let (run, v) = stats(&[f.arg()]);
    let reason =
        format!("line is {len} bytes, larger than the record size limit of 67108864 bytes");
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {bad}:2: {reason}")],
        json!([{"path": bad, "line": 2, "reason": reason}]),
    );
    let good =
        "{\"text\": \"زار رئيس وزراء الهند مصر.\"}\n{\"text\": \"عاد الوفد إلى نيودلهي.\"}\n";
    assert_eq!(counts(&v), counts_of_good(&[("huge.jsonl", good.into())], &[]));
}

#[test]
fn directory_symlink_loop() {
    let f = Folder::new();
    std::fs::create_dir(f.dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", f.dir.path().join("sub/loop")).unwrap();
    let link = f.name("sub/loop");
    let (run, v) = stats(&[f.arg()]);
    let reason = format!("symbolic link loop (it leads back to {}); not followed", f.arg());
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {link}: {reason}")],
        json!([{"path": link, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

/// A FIFO inside a folder is never opened (it would block): skipped and listed. Named
/// explicitly (a shell's `<(…)`), it is read like a file: its document is counted.
#[test]
fn fifo() {
    let f = Folder::new();
    let fifo = f.name("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reason = "a named pipe (FIFO), not a regular file; not read inside a folder (name it to \
                  read it)";
    let (run, v) = stats(&[f.arg()]);
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {fifo}: {reason}")],
        json!([{"path": fifo, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
    // Named: a writer feeds it the article; the report is the article's.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, std::fs::read(manifest(ARTICLE))?))
    };
    let (run, v) = stats(&[&fifo]);
    writer.join().unwrap().unwrap();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(counts(&v), counts(article_alone()));
}

/// A socket named explicitly cannot be read: skipped with its reason.
#[test]
fn socket() {
    let f = Folder::empty();
    let sock = f.name("sock.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let reason = "a socket; not read (files, FIFOs and character devices are)";
    let (run, v) = stats(&[&sock, ARTICLE]);
    assert_reported(
        &run,
        &v,
        &[format!("tahlil: skipped {sock}: {reason}")],
        json!([{"path": sock, "reason": reason}]),
    );
    assert_eq!(counts(&v), counts(article_alone()));
}

/// A character device named explicitly is read like a file. Run as root only: the test
/// makes its own null device node (1, 3) in a temporary folder, never the machine's.
#[test]
fn device() {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        eprintln!("SKIPPED: not root, cannot make a device node");
        return;
    }
    let f = Folder::empty();
    let dev = f.name("null");
    let made = std::process::Command::new("mknod").args([&dev, "c", "1", "3"]).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mknod failed");
        return;
    }
    // The null device reads as an empty text: one document with no tokens, warned about.
    let (run, v) = stats(&[&dev]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(v["corpus"]["documents"], 1);
    assert_eq!(v["corpus"]["tokens"], 0);
    assert_eq!(v["corpus"]["skipped"], json!([]));
    assert!(run.stderr.contains(&dev) && run.stderr.contains("warning"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// nothing readable, --strict

/// When no input could be read: exit 1, nothing on stdout, every reason on stderr.
#[test]
fn no_readable_input_exits_1_with_nothing_on_stdout() {
    let f = Folder::empty();
    let bin = f.add_fixture("binary.txt");
    let csv = f.add_fixture("no-text-column.csv");
    let sock = f.name("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let (run, v) = stats(&[&bin, &sock, &csv]);
    assert_eq!((run.code, run.stdout.as_str(), v), (1, "", Value::Null));
    let want = format!(
        "tahlil: skipped {bin}: binary data (NUL byte at byte 8), not text\n\
         tahlil: skipped {sock}: a socket; not read (files, FIFOs and character devices are)\n\
         tahlil: skipped {csv}: no \"text\" column in the header row (columns: \"id\", \"body\", \
         \"source\"); choose the text column with --text-field\n\
         tahlil: no input could be read\n"
    );
    assert_eq!(run.stderr, want);
    // a folder with nothing to read
    let empty = Folder::empty();
    let (run, _) = stats(&[empty.arg()]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert_eq!(run.stderr, "tahlil: no input could be read (no documents found)\n");
}

/// `--strict`: a skipped input or a warning makes the exit code 1, after the full report;
/// a notice alone does not.
#[test]
fn strict_fails_after_the_report_on_any_skip_or_warning() {
    for (fixture_file, code) in
        [("binary.txt", 1), ("empty.txt", 1), ("invalid-json.jsonl", 1), ("no-text-column.csv", 0)]
    {
        let f = Folder::new();
        f.add_fixture(fixture_file);
        let (lenient, lv) = stats(&[f.arg()]);
        let (strict, sv) = stats(&[f.arg(), "--strict"]);
        assert_eq!(lenient.code, 0, "{fixture_file}");
        assert_eq!(strict.code, code, "{fixture_file}");
        assert_eq!(strict.stderr, lenient.stderr, "{fixture_file}");
        assert_eq!(sv, lv, "{fixture_file}: the same report under --strict");
    }
    let (run, _) = stats(&[ARTICLE, "--strict"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

// ---------------------------------------------------------------------------------------
// the acceptance test

/// One article in UTF-8, Windows-1256, ISO-8859-6, gzip and CSV, beside an empty file, a
/// binary file and a JSONL file with one bad line: counted five times with identical
/// per-copy term counts (347 tokens each); the bad inputs listed; exit 0, or 1 with
/// `--strict`.
#[test]
fn acceptance_one_article_in_five_forms_among_bad_inputs() {
    let article = std::fs::read_to_string(manifest(ARTICLE)).unwrap();
    let encode = |enc: &'static encoding_rs::Encoding| {
        let (bytes, _, unmappable) = enc.encode(&article);
        assert!(!unmappable, "the article is representable in {}", enc.name());
        bytes.into_owned()
    };
    let f = Folder::empty();
    let utf8 = f.write("article.txt", &article);
    let w1256 = f.write("article-windows-1256.txt", encode(encoding_rs::WINDOWS_1256));
    let iso = f.write("article-iso-8859-6.txt", encode(encoding_rs::ISO_8859_6));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(article.as_bytes()).unwrap();
    let gzip = f.write("article.txt.gz", gz.finish().unwrap());
    let csv = f.write("article.csv", format!("id,text\na1,\"{}\"\n", article.replace('"', "\"\"")));
    let empty = f.write("empty.txt", "");
    let binary = f.add_fixture("binary.txt");
    let jsonl = f
        .write("news.jsonl", "{\"text\": \"زار رئيس وزراء الهند مصر.\"}\n{\"text\": \"بلا نهاية}\n");
    let (run, v) = stats(&[f.arg(), "--by", "file"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let groups = v["groups"].as_array().unwrap();
    let keys: Vec<&str> = groups.iter().map(|g| g["key"].as_str().unwrap()).collect();
    let mut want_keys = vec![&csv, &iso, &w1256, &utf8, &gzip, &empty, &jsonl];
    want_keys.sort();
    assert_eq!(keys, want_keys);
    let forms = [&utf8, &w1256, &iso, &gzip, &csv];
    let copies: Vec<&Value> = groups
        .iter()
        .filter(|g| forms.iter().any(|k| g["key"].as_str() == Some(k.as_str())))
        .collect();
    assert_eq!(copies.len(), 5);
    let alone = article_alone();
    for g in &copies {
        assert_eq!(g["corpus"]["documents"], 1, "{}", g["key"]);
        assert_eq!(g["corpus"]["tokens"], 347, "{}", g["key"]);
        assert_eq!(g["corpus"]["types"], alone["corpus"]["types"], "{}", g["key"]);
        assert_eq!(g["terms"], copies[0]["terms"], "{}: per-copy terms differ", g["key"]);
    }
    // each copy's counts are the article's own (tf-idf aside: N differs)
    let strip = |terms: &Value| -> Vec<(Value, Value, Value)> {
        let t = terms.as_array().unwrap();
        t.iter().map(|t| (t["term"].clone(), t["count"].clone(), t["df"].clone())).collect()
    };
    assert_eq!(strip(&copies[0]["terms"]), strip(&alone["terms"]));
    let corpus = &v["corpus"];
    assert_eq!(corpus["documents"], 5 + 1 + 1);
    let news = groups.iter().find(|g| g["key"] == json!(jsonl)).unwrap();
    assert_eq!(news["corpus"]["tokens"], 5);
    assert_eq!(corpus["tokens"], 5 * 347 + 5);

    let bad_line = "invalid JSON (byte 27): EOF while parsing a string";
    let binary_reason = "binary data (NUL byte at byte 8), not text";
    assert_eq!(
        corpus["skipped"],
        json!([
            {"path": binary, "offset": 8, "reason": binary_reason},
            {"path": jsonl, "line": 2, "offset": 27, "reason": bad_line},
        ])
    );
    assert_eq!(corpus["warnings"], json!([format!("{empty}: no tokens found")]));
    assert_eq!(
        corpus["notices"],
        json!([
            format!("{iso}: not valid UTF-8; decoded as ISO-8859-6 (detected from its content)"),
            format!(
                "{w1256}: not valid UTF-8; decoded as windows-1256 (detected from its content)"
            ),
        ])
    );
    assert_eq!(
        run.stderr,
        format!(
            "tahlil: skipped {binary}: {binary_reason}\n\
             tahlil: skipped {jsonl}:2: {bad_line}\n\
             tahlil: warning: {empty}: no tokens found\n\
             tahlil: note: {iso}: not valid UTF-8; decoded as ISO-8859-6 (detected from its content)\n\
             tahlil: note: {w1256}: not valid UTF-8; decoded as windows-1256 (detected from its content)\n"
        )
    );

    let (strict, sv) = stats(&[f.arg(), "--by", "file", "--strict"]);
    assert_eq!(strict.code, 1);
    assert_eq!(sv["corpus"], v["corpus"], "the same report, then exit 1");
}

// ---------------------------------------------------------------------------------------
// output safety

/// A large generated corpus: `files` JSONL files of `lines` lines with many distinct
/// words, so that the run reads for a while and the report is large.
fn large_corpus(dir: &Path, files: usize, lines: usize) {
    for f in 0..files {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(dir.join(format!("part-{f:02}.jsonl"))).unwrap(),
        );
        for i in 0..lines {
            let n = f * lines + i;
            writeln!(w, "{{\"text\": \"كلمة{n} خبر{} مصر w{n}x الهند {n}\"}}", n % 977).unwrap();
        }
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `--output FILE` over an existing file, the run killed with SIGKILL: the old file is left
/// as it was. While the corpus is being read, no file is created next to it. Killed while
/// the report is written, a temporary `.tahlil-*.tmp` file may remain beside the old file
/// (SIGKILL leaves no chance to remove it), but the old file is never replaced by a
/// partial one: the temporary file is renamed over it only when complete.
#[test]
fn output_file_survives_sigkill() {
    use std::os::unix::process::ExitStatusExt as _;
    use std::process::{Command, Stdio};
    let corpus = tempfile::tempdir().unwrap();
    large_corpus(corpus.path(), 4, 50_000);
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("existing.json");
    let old = "{\"old\": \"report\"}\n";
    std::fs::write(&target, old).unwrap();
    let spawn = |stdin_too: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tahlil"));
        cmd.args(["stats", corpus.path().to_str().unwrap()]);
        if stdin_too {
            cmd.arg("-"); // stdin, held open: the run cannot end before it is killed
        }
        cmd.args(["--top", "0", "--threads", "1", "-o", target.to_str().unwrap()]);
        cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null());
        cmd.spawn().unwrap()
    };

    // 1. killed while reading: certainly mid-run, since stdin is never closed
    let mut child = spawn(true);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all("{\"text\": \"مصر\"}\n".as_bytes()).unwrap();
    stdin.flush().unwrap();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.signal(), Some(9), "killed by SIGKILL, not finished");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), old);
    assert_eq!(listing(out_dir.path()), ["existing.json"]);

    // 2. killed as soon as the temporary output file appears (while the report is being
    // written), or, if the run was quicker than that, after it ended: either way the file
    // holds the old content or the whole new report, never a part of it.
    let mut child = spawn(false);
    drop(child.stdin.take());
    let finished = loop {
        if listing(out_dir.path()).iter().any(|n| n.starts_with(".tahlil-")) {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    let now = std::fs::read_to_string(&target).unwrap();
    if finished.signal() == Some(9) {
        eprintln!("output_file_survives_sigkill: killed while writing the report");
        assert_eq!(now, old);
        let names = listing(out_dir.path());
        let (tmp, rest): (Vec<&String>, Vec<&String>) =
            names.iter().partition(|n| n.starts_with(".tahlil-") && n.ends_with(".tmp"));
        assert_eq!(rest, ["existing.json"]);
        assert!(tmp.len() <= 1, "{names:?}");
    } else {
        eprintln!("output_file_survives_sigkill: the run ended before it could be killed");
        assert_eq!(finished.code(), Some(0));
        let v: Value = serde_json::from_str(&now).unwrap();
        assert_eq!(v["corpus"]["documents"], 200_000);
        assert_eq!(listing(out_dir.path()), ["existing.json"]);
    }
}

/// The output may not be one of the inputs, however it is spelled, and also not an existing
/// file that would be read from an input folder (a previous run's `-o corpus/terms.txt`):
/// exit 2, nothing written, the input unchanged. An existing file in the folder that is
/// not read (`.json` is not a corpus extension) may be overwritten.
#[test]
fn output_over_an_input_is_refused() {
    let f = Folder::new();
    let good = f.name("good.txt");
    let before = std::fs::read(&good).unwrap();
    std::fs::create_dir(f.dir.path().join("sub")).unwrap();
    let other = format!("{}/sub/../good.txt", f.arg());
    let refused = |args: &[&str], out: &str| {
        let mut all = vec!["stats"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", out]);
        let run = tahlil(&all);
        assert_eq!(run.code, 2, "{args:?} -o {out}");
        assert_eq!(run.stdout, "");
        let msg = format!("tahlil: {out}: refusing to write the output over one of the inputs\n");
        assert_eq!(run.stderr, msg);
    };
    refused(&[&good], &good);
    refused(&[&good], &other);
    refused(&[f.arg()], &good);
    // an earlier report saved inside the corpus folder with a corpus extension
    let earlier = f.write("terms.txt", "الهند 9\n");
    refused(&[f.arg()], &earlier);
    let list = f.write("list.txt", format!("{good}\n"));
    refused(&["--files-from", &list], &good);
    assert_eq!(std::fs::read(&good).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "الهند 9\n");
    // not read from the folder: written
    let json = f.write("terms.json", "{}");
    std::fs::remove_file(&earlier).unwrap();
    std::fs::remove_file(&list).unwrap();
    let run = tahlil(&["stats", f.arg(), "-o", &json]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["corpus"]["documents"], 1);
}

/// Runs that do not write to a terminal print no ANSI escape sequences, on stdout or
/// stderr, whatever the format; with `NO_COLOR` set too.
#[test]
fn no_ansi_escapes_when_not_a_terminal() {
    let f = Folder::new();
    f.add_fixture("binary.txt");
    f.add_fixture("empty.txt");
    for no_color in [false, true] {
        for format in ["table", "json", "tsv", "csv", "jsonl"] {
            let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tahlil");
            cmd.args(["stats", f.arg(), "--format", format, "--top", "5"]);
            cmd.env("TERM", "xterm-256color");
            if no_color {
                cmd.env("NO_COLOR", "1");
            } else {
                cmd.env_remove("NO_COLOR");
            }
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(0));
            assert!(!out.stdout.is_empty() && !out.stderr.is_empty());
            assert!(!out.stdout.contains(&0x1B), "escape on stdout ({format})");
            assert!(!out.stderr.contains(&0x1B), "escape on stderr ({format})");
        }
    }
}
