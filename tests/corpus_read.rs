//! Library-level tests of the corpus reader: formats, gzip, ids and metadata, folder walks,
//! encodings, and every kind of bad input (each with the good input beside it still read).

use anyhow::Context as _;
use encoding_rs::{Encoding, ISO_8859_6, WINDOWS_1256};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use tahlil::corpus::{
    CorpusReader, Document, EncodingChoice, InputFormat, InputOptions, Loaded, Skipped,
};

// ---------------------------------------------------------------------------------------
// helpers

fn opts(paths: &[&Path]) -> InputOptions {
    InputOptions { paths: paths.iter().map(|p| p.to_path_buf()).collect(), ..Default::default() }
}

fn load(o: InputOptions) -> anyhow::Result<Loaded> {
    Ok(CorpusReader::new(o)?.load_all())
}

fn load_paths(paths: &[&Path]) -> anyhow::Result<Loaded> {
    load(opts(paths))
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> anyhow::Result<PathBuf> {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&p, bytes)?;
    Ok(p)
}

fn gz(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes)?;
    Ok(e.finish()?)
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn texts(l: &Loaded) -> Vec<&str> {
    l.docs.iter().map(|d| d.text.as_str()).collect()
}

fn ids(l: &Loaded) -> Vec<&str> {
    l.docs.iter().map(|d| d.id.as_str()).collect()
}

fn meta(d: &Document) -> Vec<(&str, &str)> {
    d.meta.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn one_skip(l: &Loaded) -> anyhow::Result<&Skipped> {
    anyhow::ensure!(l.skipped.len() == 1, "expected one skip, got {:#?}", l.skipped);
    l.skipped.first().context("no skip")
}

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn sample_article() -> anyhow::Result<String> {
    Ok(std::fs::read_to_string(manifest("data/corpus/india-central-asia.txt"))?)
}

fn encode(enc: &'static Encoding, text: &str) -> anyhow::Result<Vec<u8>> {
    let (bytes, _, unmappable) = enc.encode(text);
    anyhow::ensure!(!unmappable, "text not representable in {}", enc.name());
    Ok(bytes.into_owned())
}

const JSONL: &str = concat!(
    r#"{"id": "a-1", "title": "عنوان", "text": "نص أول\nفقرة", "source": "bbc", "n": 3}"#,
    "\n",
    "\n", // blank line: ignored, but counted for line numbers
    r#"{"text": "نص ثان", "z": null, "tags": ["x", 1]}"#,
    "\r\n",
    r#"{"id": 42, "text": "", "title": ""}"#, // no final newline
);

const CSV: &str = "id,text,title,source\r\n\
                   c1,\"سطر أول\nسطر ثان\",عنوان,bbc\r\n\
                   ,\"فيه \"\"اقتباس\"\" وفاصلة، ,\",,cnn\r\n";

fn check_jsonl(l: &Loaded, path: &str) {
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    assert_eq!(texts(l), ["نص أول\nفقرة", "نص ثان", ""]);
    let line3 = format!("{path}:3");
    assert_eq!(ids(l), ["a-1", line3.as_str(), "42"]);
    let records: Vec<_> = l.docs.iter().map(|d| d.record).collect();
    assert_eq!(records, [Some(1), Some(3), Some(4)]);
    assert_eq!(l.docs[0].title.as_deref(), Some("عنوان"));
    assert_eq!(l.docs[1].title, None);
    assert_eq!(l.docs[2].title, None);
    assert_eq!(meta(&l.docs[0]), [("source", "bbc"), ("n", "3")]);
    assert_eq!(meta(&l.docs[1]), [("z", "null"), ("tags", r#"["x",1]"#)]);
    assert_eq!(l.docs[0].meta_value("source"), Some("bbc"));
    assert!(l.docs.iter().all(|d| &*d.path == path && d.encoding.is_none()));
}

fn check_csv(l: &Loaded, path: &str) {
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    assert_eq!(texts(l), ["سطر أول\nسطر ثان", "فيه \"اقتباس\" وفاصلة، ,"]);
    let rec2 = format!("{path}:2");
    assert_eq!(ids(l), ["c1", rec2.as_str()]);
    assert_eq!(l.docs[0].title.as_deref(), Some("عنوان"));
    assert_eq!(l.docs[1].title, None);
    assert_eq!(meta(&l.docs[0]), [("source", "bbc")]);
    assert_eq!(meta(&l.docs[1]), [("source", "cnn")]);
    let records: Vec<_> = l.docs.iter().map(|d| d.record).collect();
    assert_eq!(records, [Some(1), Some(2)]);
}

// ---------------------------------------------------------------------------------------
// formats, ids, meta

#[test]
fn text_file_named_directly() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "a.txt", "مصر\r\nوالهند\n")?;
    let l = load_paths(&[&p])?;
    assert!(l.skipped.is_empty() && l.notices.is_empty());
    assert_eq!(texts(&l), ["مصر\r\nوالهند\n"]);
    assert_eq!(ids(&l), [s(&p)]);
    assert_eq!(&*l.docs[0].path, s(&p));
    assert_eq!(l.docs[0].record, None);
    assert_eq!(l.docs[0].title, None);
    Ok(())
}

#[test]
fn jsonl_ids_titles_meta_and_blank_lines() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.jsonl", JSONL)?;
    check_jsonl(&load_paths(&[&p])?, &s(&p));
    Ok(())
}

#[test]
fn jsonl_field_options() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p =
        write(dir.path(), "d.jsonl", r#"{"body": "نص", "doc": "x9", "head": "ع", "text": "t"}"#)?;
    let o = InputOptions {
        text_field: "body".into(),
        id_field: "doc".into(),
        title_field: "head".into(),
        ..opts(&[&p])
    };
    let l = load(o)?;
    assert_eq!(texts(&l), ["نص"]);
    assert_eq!(ids(&l), ["x9"]);
    assert_eq!(l.docs[0].title.as_deref(), Some("ع"));
    assert_eq!(meta(&l.docs[0]), [("text", "t")]);
    Ok(())
}

#[test]
fn csv_quoted_newlines_ids_and_meta() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.csv", CSV)?;
    check_csv(&load_paths(&[&p])?, &s(&p));
    Ok(())
}

#[test]
fn tsv_and_extra_fields() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.tsv", "text\tsource\nنص، مع فاصلة\tbbc\tزائد\n\nثان\n")?;
    let l = load_paths(&[&p])?;
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    assert_eq!(texts(&l), ["نص، مع فاصلة", "ثان"]);
    assert_eq!(meta(&l.docs[0]), [("source", "bbc"), ("column 3", "زائد")]);
    assert_eq!(meta(&l.docs[1]), []);
    assert_eq!(ids(&l), [format!("{}:1", s(&p)), format!("{}:2", s(&p))]);
    Ok(())
}

#[test]
fn explicit_format_overrides_extension() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.txt", "text\nأ\nب\n")?;
    let l = load(InputOptions { format: InputFormat::Csv, ..opts(&[&p]) })?;
    assert_eq!(texts(&l), ["أ", "ب"]);
    let l = load(InputOptions { format: InputFormat::Txt, ..opts(&[&p]) })?;
    assert_eq!(texts(&l), ["text\nأ\nب\n"]);
    Ok(())
}

#[test]
fn auto_format_by_content_for_unknown_extensions() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let j = write(dir.path(), "d.ndjson", format!("\n  {}", JSONL.trim_start()))?;
    let t = write(dir.path(), "notes.md", "# عنوان\n{ليس json}\n")?;
    let l = load_paths(&[&j])?;
    assert_eq!(l.docs.len(), 3, "{:#?}", l.skipped);
    assert_eq!(l.docs[0].record, Some(2));
    let l = load_paths(&[&t])?;
    assert_eq!(texts(&l), ["# عنوان\n{ليس json}\n"]);
    Ok(())
}

#[test]
fn gzip_of_each_format() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let t = write(dir.path(), "a.txt.gz", gz("نص مضغوط\n".as_bytes())?)?;
    let j = write(dir.path(), "d.jsonl.gz", gz(JSONL.as_bytes())?)?;
    let c = write(dir.path(), "d.csv.gz", gz(CSV.as_bytes())?)?;
    let v = write(dir.path(), "d.tsv.GZ", gz(CSV.replace(',', "\t").as_bytes())?)?;
    assert_eq!(texts(&load_paths(&[&t])?), ["نص مضغوط\n"]);
    check_jsonl(&load_paths(&[&j])?, &s(&j));
    check_csv(&load_paths(&[&c])?, &s(&c));
    let l = load_paths(&[&v])?;
    assert_eq!(l.docs.len(), 2, "{:#?}", l.skipped);
    assert_eq!(l.docs[0].text, "سطر أول\nسطر ثان");
    Ok(())
}

#[test]
fn gzip_by_magic_bytes_and_multiple_members() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (a, b) = JSONL.split_at(JSONL.find("\n\n").context("split")? + 1);
    let mut two = gz(a.as_bytes())?;
    two.extend(gz(b.as_bytes())?);
    let p = write(dir.path(), "d.jsonl", two)?; // no .gz in the name
    check_jsonl(&load_paths(&[&p])?, &s(&p));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// discovery

#[test]
fn folder_walk_sorted_recursive_hidden_and_docs_skipped() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("corpus");
    write(&root, "b.txt", "b")?;
    write(&root, "a/z.txt", "az")?;
    write(&root, "a/b/c.txt", "abc")?;
    write(&root, "README.md", "readme")?;
    write(&root, "SOURCE.md", "source")?;
    write(&root, "notes", "no extension")?;
    write(&root, ".hidden.txt", "hidden")?;
    write(&root, ".git/x.txt", "hidden dir")?;
    write(&root, "c.jsonl", "{\"text\": \"c\"}\n")?;
    write(&root, "C.TXT", "upper")?;
    let l = load_paths(&[&root])?;
    assert!(l.skipped.is_empty() && l.notices.is_empty(), "{l:#?}");
    assert_eq!(texts(&l), ["upper", "abc", "az", "b", "c"]);
    let c_id = format!("{}:1", s(&root.join("c.jsonl")));
    assert_eq!(ids(&l), ["C.TXT", "a/b/c.txt", "a/z.txt", "b.txt", c_id.as_str()]);
    assert_eq!(&*l.docs[1].path, s(&root.join("a/b/c.txt")));
    // A file named explicitly is always read, whatever its name.
    let l = load_paths(&[&root.join("README.md"), &root.join(".hidden.txt")])?;
    assert_eq!(texts(&l), ["readme", "hidden"]);
    Ok(())
}

#[test]
fn paths_keep_the_order_given() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let b = write(dir.path(), "b.txt", "b")?;
    let a = write(dir.path(), "a.txt", "a")?;
    assert_eq!(texts(&load_paths(&[&b, &a])?), ["b", "a"]);
    Ok(())
}

#[test]
fn glob_replaces_the_extension_filter() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    write(root, "a.txt", "a")?;
    write(root, "README.md", "readme")?;
    write(root, "sub/x.md", "x")?;
    write(root, "sub/SOURCE.md", "source")?;
    let l = load(InputOptions { globs: vec!["*.md".into()], ..opts(&[root]) })?;
    assert_eq!(texts(&l), ["readme", "source", "x"]);
    let l =
        load(InputOptions { globs: vec!["*.md".into(), "!SOURCE.md".into()], ..opts(&[root]) })?;
    assert_eq!(texts(&l), ["readme", "x"]);
    let l = load(InputOptions { globs: vec!["sub/*".into()], ..opts(&[root]) })?;
    assert_eq!(texts(&l), ["source", "x"]);
    let bad = CorpusReader::new(InputOptions { globs: vec!["a[".into()], ..opts(&[root]) });
    assert!(bad.is_err());
    Ok(())
}

#[test]
fn files_from_list() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let a = write(dir.path(), "a.txt", "a")?;
    let b = write(dir.path(), "sub/b.txt", "b")?;
    let list = write(dir.path(), "list", format!("{}\r\n\n{}\n", s(&b), s(&a)))?;
    let o = InputOptions { files_from: Some(list), ..Default::default() };
    let l = load(o)?;
    assert_eq!(texts(&l), ["b", "a"]);
    let o = InputOptions { files_from: Some(dir.path().join("missing")), ..Default::default() };
    assert!(CorpusReader::new(o).is_err());
    Ok(())
}

#[test]
fn seq_and_progress() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = dir.path();
    write(root, "a.jsonl", format!("{JSONL}\n\n\n"))?;
    write(root, "b.txt", "نص")?;
    write(root, "c.csv.gz", gz(CSV.as_bytes())?)?;
    write(root, "d.jsonl", "")?;
    let missing = root.join("missing.txt");
    let reader = CorpusReader::new(opts(&[root, &missing]))?;
    let total = reader.total_bytes_hint().context("no hint")?;
    let expected: u64 = ["a.jsonl", "b.txt", "c.csv.gz", "d.jsonl"]
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).map(|m| m.len()))
        .sum::<Result<u64, _>>()?;
    assert_eq!(total, expected);
    let units: Vec<_> = reader.collect();
    let seqs: Vec<u64> = units.iter().map(|u| u.seq()).collect();
    assert_eq!(seqs, (0..units.len() as u64).collect::<Vec<_>>());
    assert_eq!(units.iter().map(|u| u.progress_bytes()).sum::<u64>(), total);
    let mut all = Loaded::default();
    for u in units {
        all.append(u.load());
    }
    assert_eq!(all.docs.len(), 3 + 1 + 2);
    assert_eq!(all.skipped.len(), 1);
    assert_eq!(all.notices, [format!("{}: no records", s(&root.join("d.jsonl")))]);
    // A compressed file whose 8-byte trailer is read only after its last record (the
    // file's length puts the trailer alone in the decoder's last 32 KiB read): counted.
    let mut x: u64 = 1;
    let noisy: String = (0..4000)
        .map(|i| {
            let word: String = (0..40)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    char::from(b'a' + ((x >> 33) % 26) as u8)
                })
                .collect();
            format!("{{\"text\": \"{i} {word}\"}}\n")
        })
        .collect();
    let plain_len = gz(noisy.as_bytes())?.len();
    let want = 2 + plain_len.div_ceil(32768) * 32768 + 8;
    let extra = want.checked_sub(plain_len + 2).context("too short")?;
    let mut e = flate2::GzBuilder::new()
        .extra(vec![b'x'; extra])
        .write(Vec::new(), flate2::Compression::default());
    e.write_all(noisy.as_bytes())?;
    let padded = e.finish()?;
    assert_eq!(padded.len(), want);
    write(root, "late-trailer.jsonl.gz", padded)?;
    for f in ["late-trailer.jsonl.gz", "c.csv.gz", "a.jsonl"] {
        let one = root.join(f);
        let reader = CorpusReader::new(opts(&[&one]))?;
        let total = reader.total_bytes_hint();
        assert_eq!(total, Some(std::fs::metadata(&one)?.len()));
        assert_eq!(Some(reader.map(|u| u.progress_bytes()).sum::<u64>()), total, "{f}");
    }
    Ok(())
}

/// Runs the `stdin_child` test in a child process with `input` on its stdin and returns
/// what it loaded.
fn run_stdin(input: &[u8], format: &str) -> anyhow::Result<serde_json::Value> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(std::env::current_exe()?)
        .args(["stdin_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("TAHLIL_STDIN_CHILD", format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    child.stdin.take().context("no stdin")?.write_all(input)?;
    let out = child.wait_with_output()?;
    let stdout = String::from_utf8(out.stdout)?;
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("STDIN-RESULT ").map(|(_, r)| r))
        .context(stdout.clone())?;
    Ok(serde_json::from_str(line)?)
}

/// The child half of `stdin_is_read` (does nothing unless started by it).
#[test]
#[ignore = "run by stdin_is_read with its stdin piped"]
fn stdin_child() -> anyhow::Result<()> {
    let Ok(format) = std::env::var("TAHLIL_STDIN_CHILD") else { return Ok(()) };
    let format = match format.as_str() {
        "csv" => InputFormat::Csv,
        _ => InputFormat::Auto,
    };
    let reader = CorpusReader::new(InputOptions { format, ..Default::default() })?;
    let hint = reader.total_bytes_hint();
    let l = reader.load_all();
    let docs: Vec<_> = l
        .docs
        .iter()
        .map(|d| serde_json::json!({"id": d.id, "path": &*d.path, "text": d.text, "record": d.record}))
        .collect();
    let skipped: Vec<String> = l.skipped.iter().map(ToString::to_string).collect();
    println!(
        "STDIN-RESULT {}",
        serde_json::json!({"docs": docs, "skipped": skipped, "hint": hint})
    );
    Ok(())
}

#[test]
fn stdin_is_read() -> anyhow::Result<()> {
    let v = run_stdin("مصر\n".as_bytes(), "auto")?;
    assert_eq!(
        v,
        serde_json::json!({"docs": [{"id": "-", "path": "-", "text": "مصر\n", "record": null}],
                           "skipped": [], "hint": null})
    );
    let v = run_stdin(&gz(JSONL.as_bytes())?, "auto")?;
    let ids: Vec<&str> =
        v["docs"].as_array().context("docs")?.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids, ["a-1", "-:3", "42"]);
    let v = run_stdin(CSV.as_bytes(), "csv")?;
    assert_eq!(v["docs"][1]["id"], "-:2");
    assert_eq!(v["docs"][0]["text"], "سطر أول\nسطر ثان");
    let v = run_stdin(b"\xC7\xE1\xDA\xD1\xC8\xED\xC9", "auto")?;
    assert_eq!(v["docs"], serde_json::json!([]));
    assert_eq!(
        v["skipped"][0].as_str().map(|s| s.starts_with("-: not valid UTF-8 (byte 0: 0xC7)")),
        Some(true)
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// bad inputs: each skipped with its exact entry, the good input beside it read exactly

#[test]
fn nonexistent_path() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "good.txt", "مصر")?;
    let missing = dir.path().join("missing.txt");
    let l = load_paths(&[&missing, &good])?;
    assert_eq!(texts(&l), ["مصر"]);
    assert_eq!(
        one_skip(&l)?,
        &Skipped {
            path: s(&missing),
            line: None,
            offset: None,
            reason: "no such file or directory".into()
        }
    );
    Ok(())
}

#[test]
fn unreadable_file() -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "good.txt", "مصر")?;
    let locked = write(dir.path(), "locked.txt", "سر")?;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))?;
    if std::fs::File::open(&locked).is_ok() {
        eprintln!(
            "unreadable_file: running with privileges that read any file; checked as readable"
        );
        assert_eq!(texts(&load_paths(&[&locked, &good])?), ["سر", "مصر"]);
        return Ok(());
    }
    let l = load_paths(&[&locked, &good])?;
    assert_eq!(texts(&l), ["مصر"]);
    assert_eq!(
        one_skip(&l)?,
        &Skipped { path: s(&locked), line: None, offset: None, reason: "permission denied".into() }
    );
    Ok(())
}

#[test]
fn read_error_while_reading() -> anyhow::Result<()> {
    // /proc/self/mem is a regular file that fails with EIO when read at offset 0, even for
    // root: an unreadable file on any Linux machine.
    let mem = Path::new("/proc/self/mem");
    if !mem.exists() {
        eprintln!("SKIPPED read_error_while_reading: no /proc/self/mem");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "good.txt", "مصر")?;
    let l = load_paths(&[mem, &good])?;
    assert_eq!(texts(&l), ["مصر"]);
    let sk = one_skip(&l)?;
    assert_eq!((sk.path.as_str(), sk.line, sk.offset), ("/proc/self/mem", None, None));
    assert!(sk.reason.starts_with("cannot read: "), "{sk}");
    Ok(())
}

#[test]
fn stdin_cannot_be_list_and_input() {
    let o = InputOptions {
        paths: vec!["-".into()],
        files_from: Some("-".into()),
        ..Default::default()
    };
    assert!(CorpusReader::new(o).is_err());
}

#[test]
fn bom_at_the_start_of_a_later_jsonl_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p =
        write(dir.path(), "cat.jsonl", "\u{FEFF}{\"text\": \"أ\"}\n\u{FEFF}{\"text\": \"ب\"}\n")?;
    let l = load_paths(&[&p])?;
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    assert_eq!(texts(&l), ["أ", "ب"]);
    Ok(())
}

#[test]
fn binary_files() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "good.txt", "مصر")?;
    let nul = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")?;
    let ctl = write(dir.path(), "ctl.txt", [1u8, 2, 3, 4, 5, 6, 7, 8, b'a'].repeat(8))?;
    let nul_jsonl = write(dir.path(), "x.jsonl", b"{\"text\": \"a\"}\n\0\0\0\0")?;
    let l = load_paths(&[&nul, &good, &ctl, &nul_jsonl])?;
    assert_eq!(texts(&l), ["مصر"]);
    assert_eq!(l.skipped.len(), 3, "{:#?}", l.skipped);
    assert_eq!((l.skipped[0].path.as_str(), l.skipped[0].offset), (s(&nul).as_str(), Some(8)));
    assert_eq!(l.skipped[0].reason, "binary data (NUL byte at byte 8), not text");
    assert_eq!((l.skipped[1].path.as_str(), l.skipped[1].offset), (s(&ctl).as_str(), Some(0)));
    assert!(
        l.skipped[1].reason.starts_with("binary data (64 control bytes"),
        "{}",
        l.skipped[1].reason
    );
    assert_eq!(
        (l.skipped[2].path.as_str(), l.skipped[2].offset),
        (s(&nul_jsonl).as_str(), Some(14))
    );
    Ok(())
}

#[test]
fn utf16_without_bom_is_binary_with_a_hint() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let bytes: Vec<u8> = "abc مصر".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let p = write(dir.path(), "u.txt", &bytes)?;
    let l = load_paths(&[&p])?;
    assert!(one_skip(&l)?.reason.contains("--encoding utf-16"), "{:?}", l.skipped);
    let l = load(InputOptions { encoding: EncodingChoice::Utf16, ..opts(&[&p]) })?;
    assert_eq!(texts(&l), ["abc مصر"]);
    Ok(())
}

#[test]
fn invalid_json_lines() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(
        dir.path(),
        "d.jsonl",
        concat!(
            "{\"text\": \"أ\"}\n",
            "{\"text\": \"ب\",}\n",
            "[1, 2]\n",
            "{\"text\": \"ج\"} trailing\n",
            "{\"id\": \"no-text\"}\n",
            "{\"text\": 5}\n",
            "{\"text\": null}\n",
            "{\"text\": \"د\"}\n",
        ),
    )?;
    let l = load_paths(&[&p])?;
    assert_eq!(texts(&l), ["أ", "د"]);
    let got: Vec<_> = l.skipped.iter().map(|x| (x.path.as_str(), x.line, x.offset)).collect();
    let path = s(&p);
    assert_eq!(
        got,
        [
            (path.as_str(), Some(2), Some(14)),
            (path.as_str(), Some(3), None),
            (path.as_str(), Some(4), Some(15)),
            (path.as_str(), Some(5), None),
            (path.as_str(), Some(6), None),
            (path.as_str(), Some(7), None),
        ]
    );
    let reasons: Vec<_> = l.skipped.iter().map(|x| x.reason.as_str()).collect();
    assert!(reasons[0].starts_with("invalid JSON (byte 14): trailing comma"), "{}", reasons[0]);
    assert!(reasons[1].starts_with("not a JSON object record"), "{}", reasons[1]);
    assert!(reasons[2].contains("trailing characters"), "{}", reasons[2]);
    assert_eq!(reasons[3], "no \"text\" field");
    assert_eq!(reasons[4], "the \"text\" field is a number, not a string");
    assert_eq!(reasons[5], "the \"text\" field is null, not a string");
    Ok(())
}

#[test]
fn invalid_utf8_in_one_jsonl_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut bytes = "{\"text\": \"أ\"}\n{\"text\": \"".as_bytes().to_vec();
    bytes.extend(encode(WINDOWS_1256, "العربية")?);
    bytes.extend("\"}\n{\"text\": \"ب\"}\n".as_bytes());
    let p = write(dir.path(), "d.jsonl", bytes)?;
    let l = load_paths(&[&p])?;
    assert_eq!(texts(&l), ["أ", "ب"]);
    let sk = one_skip(&l)?;
    assert_eq!((sk.line, sk.offset), (Some(2), Some(10)));
    assert!(sk.reason.starts_with("not valid UTF-8 (byte 10: 0xC7)"), "{}", sk.reason);
    Ok(())
}

#[test]
fn csv_row_without_text_column() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.csv", "id,source,text\na,bbc,أ\nb,cnn\nc,x,ج\n")?;
    let l = load_paths(&[&p])?;
    assert_eq!(texts(&l), ["أ", "ج"]);
    assert_eq!(ids(&l), ["a", "c"]);
    let sk = one_skip(&l)?;
    assert_eq!((sk.path.as_str(), sk.line, sk.offset), (s(&p).as_str(), Some(2), None));
    assert_eq!(
        sk.reason,
        "the record has 2 field(s), so no \"text\" column (column 3 of the header)"
    );
    Ok(())
}

#[test]
fn csv_header_without_text_column() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "good.csv", "text\nأ\n")?;
    let bad = write(dir.path(), "dups.tsv", "id\tsame_text_as\na\tb\n")?;
    let l = load_paths(&[&bad, &good])?;
    assert_eq!(texts(&l), ["أ"]);
    assert_eq!(
        one_skip(&l)?,
        &Skipped {
            path: s(&bad),
            line: None,
            offset: None,
            reason: "no \"text\" column in the header row (columns: \"id\", \"same_text_as\"); \
                     choose the text column with --text-field"
                .into()
        }
    );
    // Found in a folder by the extension filter, it is a side table: a notice, no skip.
    let l = load_paths(&[dir.path()])?;
    assert_eq!(texts(&l), ["أ"]);
    assert!(l.skipped.is_empty());
    assert_eq!(l.notices.len(), 1);
    assert!(l.notices[0].starts_with(&format!("{}: not read: no \"text\" column", s(&bad))));
    Ok(())
}

/// A JSONL file of `n` lines of equal length, with ids `000001`, `000002`…
fn numbered_jsonl(n: usize) -> String {
    (1..=n)
        .map(|i| format!("{{\"id\": \"{i:06}\", \"text\": \"doc {}\"}}\n", "ن".repeat(40)))
        .collect()
}

#[test]
fn truncated_gzip_keeps_what_was_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let plain = numbered_jsonl(5000);
    let line_len = plain.find('\n').context("line")? + 1;
    let full = gz(plain.as_bytes())?;
    let p = write(dir.path(), "d.jsonl.gz", &full[..full.len() / 2])?;
    let good = write(dir.path(), "good.txt", "مصر")?;
    let l = load_paths(&[&p, &good])?;
    let n = l.docs.len() - 1;
    assert!(n > 100 && n < 5000, "{n}");
    assert_eq!(l.docs.last().map(|d| d.text.as_str()), Some("مصر"));
    for (i, d) in l.docs[..n].iter().enumerate() {
        assert_eq!(d.id, format!("{:06}", i + 1));
        assert_eq!(d.record, Some(i as u64 + 1));
    }
    let sk = one_skip(&l)?;
    assert_eq!(
        (sk.path.as_str(), sk.line, sk.offset),
        (s(&p).as_str(), None, Some((n * line_len) as u64))
    );
    assert_eq!(
        sk.reason,
        format!(
            "truncated gzip data (the file ends too early); the rest of the file, from line {}, is skipped",
            n + 1
        )
    );
    Ok(())
}

#[test]
fn corrupt_gzip() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let plain = numbered_jsonl(3000);
    let mut data = gz(plain.as_bytes())?;
    let mid = data.len() / 2;
    for b in &mut data[mid..mid + 64] {
        *b ^= 0x5A;
    }
    let p = write(dir.path(), "d.jsonl.gz", &data)?;
    let t = write(dir.path(), "t.txt.gz", &data)?;
    let l = load_paths(&[&p, &t])?;
    assert!(l.docs.len() > 100 && l.docs.len() < 3000, "{}", l.docs.len());
    for (i, d) in l.docs.iter().take(100).enumerate() {
        assert_eq!(d.id, format!("{:06}", i + 1));
    }
    let last = l.skipped.last().context("no skip")?;
    assert_eq!(last.path, s(&t));
    assert!(
        last.reason.contains("gzip data") && last.reason.ends_with("the document is skipped"),
        "{last}"
    );
    let first_gz = l.skipped.iter().find(|x| x.path == s(&p) && x.reason.contains("gzip data"));
    let first_gz = first_gz.context("no gzip skip for the JSONL file")?;
    assert!(first_gz.reason.contains("the rest of the file, from line"), "{first_gz}");
    assert!(first_gz.offset.is_some() && first_gz.line.is_none());
    Ok(())
}

#[test]
fn not_gzip_despite_the_name() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let p = write(dir.path(), "d.txt.gz", "plain text")?;
    let l = load_paths(&[&p])?;
    let sk = one_skip(&l)?;
    assert!(sk.reason.contains("gzip"), "{sk}");
    Ok(())
}

#[test]
fn records_larger_than_the_limit() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let big = "ب".repeat(3 << 20); // 6 MiB of text in one line / record / file
    let j = write(
        dir.path(),
        "d.jsonl",
        format!("{{\"text\":\"أ\"}}\n{{\"text\":\"{big}\"}}\n{{\"text\":\"ج\"}}\n"),
    )?;
    let c = write(dir.path(), "d.csv", format!("text,n\nأ,1\n\"{big}\",2\nج,3\n"))?;
    let t = write(dir.path(), "big.txt", &big)?;
    let tg = write(dir.path(), "big.txt.gz", gz(big.as_bytes())?)?;
    let small = write(dir.path(), "small.txt", "مصر")?;
    let max = 1 << 20;
    let o = InputOptions { max_record_bytes: max, ..opts(&[&j, &c, &t, &tg, &small]) };
    let l = load(o)?;
    assert_eq!(texts(&l), ["أ", "ج", "أ", "ج", "مصر"]);
    let got: Vec<_> = l.skipped.iter().map(|x| (x.path.as_str(), x.line)).collect();
    assert_eq!(
        got,
        [
            (s(&j).as_str(), Some(2)),
            (s(&c).as_str(), Some(2)),
            (s(&t).as_str(), None),
            (s(&tg).as_str(), None)
        ]
    );
    let line_len = big.len() + 11;
    assert_eq!(
        l.skipped[0].reason,
        format!("line is {line_len} bytes, larger than the record size limit of {max} bytes")
    );
    assert!(l.skipped[1].reason.starts_with("record is "), "{}", l.skipped[1].reason);
    assert!(l.skipped[2].reason.starts_with("file is "), "{}", l.skipped[2].reason);
    assert!(
        l.skipped[3].reason.contains("larger than the record size limit"),
        "{}",
        l.skipped[3].reason
    );
    Ok(())
}

#[test]
fn symlink_loop_and_broken_link() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("c");
    write(&root, "a.txt", "أ")?;
    write(&root, "sub/b.txt", "ب")?;
    std::os::unix::fs::symlink(&root, root.join("sub/loop"))?;
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("sub/broken.txt"))?;
    let l = load_paths(&[&root])?;
    assert_eq!(texts(&l), ["أ", "ب"]);
    assert_eq!(l.skipped.len(), 2, "{:#?}", l.skipped);
    assert_eq!(l.skipped[0].path, s(&root.join("sub/broken.txt")));
    assert_eq!(l.skipped[0].reason, "broken symbolic link (its target does not exist)");
    assert_eq!(l.skipped[1].path, s(&root.join("sub/loop")));
    assert_eq!(
        l.skipped[1].reason,
        format!("symbolic link loop (it leads back to {}); not followed", s(&root))
    );
    Ok(())
}

/// Inside a folder, FIFOs (and sockets, devices) are never opened: a FIFO would block. A
/// socket named explicitly is skipped too (it cannot be read).
#[test]
fn fifos_in_folders_and_sockets_are_never_opened() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("c");
    write(&root, "a.txt", "أ")?;
    let fifo = root.join("pipe.txt");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    anyhow::ensure!(status.success(), "mkfifo failed");
    let sock = root.join("sock.jsonl");
    let _listener = std::os::unix::net::UnixListener::bind(&sock)?;
    // If the FIFO were opened this would block forever (nobody writes to it).
    let l = load_paths(&[&root, &sock])?;
    assert_eq!(texts(&l), ["أ"]);
    let got: Vec<_> = l.skipped.iter().map(|x| (x.path.as_str(), x.reason.as_str())).collect();
    let hint = ", not a regular file; not read inside a folder (name it to read it)";
    assert_eq!(
        got,
        [
            (s(&fifo).as_str(), format!("a named pipe (FIFO){hint}").as_str()),
            (s(&sock).as_str(), format!("a socket{hint}").as_str()),
            (s(&sock).as_str(), "a socket; not read (files, FIFOs and character devices are)"),
        ]
    );
    Ok(())
}

/// A FIFO named explicitly (a shell's `<(…)`) is read like a file: here a JSONL stream
/// written by another thread, its format found from the content.
#[test]
fn a_fifo_named_explicitly_is_read() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("stream");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status()?;
    anyhow::ensure!(status.success(), "mkfifo failed");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(&fifo, "{\"id\": \"a\", \"text\": \"مصر\"}\n{\"text\": \"تونس\"}\n")
        })
    };
    let reader = CorpusReader::new(opts(&[&fifo]))?;
    assert_eq!(reader.total_bytes_hint(), None, "a stream has no known size");
    let l = reader.load_all();
    writer.join().map_err(|_| anyhow::anyhow!("writer panicked"))??;
    assert!(l.skipped.is_empty(), "{:?}", l.skipped);
    assert_eq!(texts(&l), ["مصر", "تونس"]);
    let second = format!("{}:2", s(&fifo));
    assert_eq!(ids(&l), ["a", second.as_str()]);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// encodings

#[test]
fn sample_article_in_arabic_code_pages_is_detected_and_decoded_exactly() -> anyhow::Result<()> {
    let article = sample_article()?;
    let dir = tempfile::tempdir()?;
    for (enc, name) in [(WINDOWS_1256, "w1256.txt"), (ISO_8859_6, "iso.txt")] {
        let p = write(dir.path(), name, encode(enc, &article)?)?;
        let l = load_paths(&[&p])?;
        assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
        assert_eq!(texts(&l), [article.as_str()]);
        assert_eq!(l.docs[0].encoding, Some(enc.name()));
        assert_eq!(
            l.notices,
            [format!(
                "{}: not valid UTF-8; decoded as {} (detected from its content)",
                s(&p),
                enc.name()
            )]
        );
    }
    Ok(())
}

#[test]
fn legacy_jsonl_and_csv_are_decoded_consistently() -> anyhow::Result<()> {
    let article = sample_article()?;
    let paragraphs: Vec<&str> = article.lines().filter(|l| !l.trim().is_empty()).take(4).collect();
    let jsonl: String = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}\n", serde_json::json!({"id": i, "text": p, "source": "مصدر"})))
        .collect();
    let csv: String = std::iter::once("text,source\n".to_owned())
        .chain(paragraphs.iter().map(|p| format!("\"{p}\",مصدر\n")))
        .collect();
    let dir = tempfile::tempdir()?;
    let j = write(dir.path(), "d.jsonl", encode(ISO_8859_6, &jsonl)?)?;
    let c = write(dir.path(), "d.csv", encode(WINDOWS_1256, &csv)?)?;
    let l = load_paths(&[&j, &c])?;
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    let want: Vec<&str> = paragraphs.iter().chain(paragraphs.iter()).copied().collect();
    assert_eq!(texts(&l), want);
    assert!(l.docs.iter().all(|d| d.meta_value("source") == Some("مصدر")));
    let encs: Vec<_> = l.docs.iter().map(|d| d.encoding).collect();
    assert_eq!(encs[..4], [Some("ISO-8859-6"); 4]);
    assert_eq!(encs[4..], [Some("windows-1256"); 4]);
    assert_eq!(l.notices.len(), 2, "{:?}", l.notices);
    Ok(())
}

#[test]
fn case_11_short_legacy_files_are_skipped_with_byte_and_hint() -> anyhow::Result<()> {
    let w = manifest("tests/fixtures/encodings/11-legacy-arabic-codepage.input");
    let i = manifest("tests/fixtures/encodings/11-legacy-arabic-codepage.iso-8859-6.input");
    let dir = tempfile::tempdir()?;
    let good = write(dir.path(), "one-word.txt", "مصر")?;
    let l = load_paths(&[&w, &i, &good])?;
    assert_eq!(texts(&l), ["مصر"]);
    assert!(l.notices.is_empty());
    assert_eq!(l.skipped.len(), 2);
    for (sk, p) in l.skipped.iter().zip([&w, &i]) {
        assert_eq!((sk.path.as_str(), sk.line, sk.offset), (s(p).as_str(), None, Some(0)));
        assert!(sk.reason.starts_with("not valid UTF-8 (byte 0: 0xC7)"), "{}", sk.reason);
        assert!(sk.reason.contains("--encoding windows-1256"), "{}", sk.reason);
        assert!(sk.reason.contains("--encoding iso-8859-6"), "{}", sk.reason);
        assert!(!sk.reason.contains('\n'));
    }
    Ok(())
}

#[test]
fn case_11_explicit_encodings() -> anyhow::Result<()> {
    let w = manifest("tests/fixtures/encodings/11-legacy-arabic-codepage.input");
    let i = manifest("tests/fixtures/encodings/11-legacy-arabic-codepage.iso-8859-6.input");
    let l = load(InputOptions { encoding: EncodingChoice::Windows1256, ..opts(&[&w]) })?;
    assert_eq!(texts(&l), ["العربية"]);
    assert_eq!(l.docs[0].encoding, Some("windows-1256"));
    assert!(l.notices.is_empty() && l.skipped.is_empty());
    let l = load(InputOptions { encoding: EncodingChoice::Iso8859_6, ..opts(&[&i]) })?;
    assert_eq!(texts(&l), ["العربية"]);
    assert_eq!(l.docs[0].encoding, Some("ISO-8859-6"));
    Ok(())
}

#[test]
fn explicit_encodings_are_strict_and_lossy_only_on_request() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    // 0xDD is ف in Windows-1256 and unassigned in ISO-8859-6.
    let p = write(dir.path(), "f.txt", b"\xC7\xE1\xDD")?;
    let l = load(InputOptions { encoding: EncodingChoice::Iso8859_6, ..opts(&[&p]) })?;
    let sk = one_skip(&l)?;
    assert_eq!(sk.offset, Some(2));
    assert!(sk.reason.starts_with("not valid ISO-8859-6 (byte 2: 0xDD"), "{}", sk.reason);
    let l = load(InputOptions { encoding: EncodingChoice::Windows1256, ..opts(&[&p]) })?;
    assert_eq!(texts(&l), ["الف"]);
    let l = load(InputOptions { encoding: EncodingChoice::Utf8, ..opts(&[&p]) })?;
    assert_eq!(one_skip(&l)?.offset, Some(0));
    let l = load(InputOptions { encoding: EncodingChoice::Utf8Lossy, ..opts(&[&p]) })?;
    assert_eq!(texts(&l), ["\u{FFFD}\u{FFFD}\u{FFFD}"]);
    // Auto never replaces: a UTF-8 file with one bad byte is skipped, not patched.
    let mut mixed = "مصر ".as_bytes().to_vec();
    mixed.push(0xFF);
    let q = write(dir.path(), "mixed.txt", mixed)?;
    let l = load_paths(&[&q])?;
    let sk = one_skip(&l)?;
    assert_eq!(sk.offset, Some(7));
    assert!(sk.reason.starts_with("not valid UTF-8 (byte 7: 0xFF)"), "{}", sk.reason);
    assert!(l.docs.iter().all(|d| !d.text.contains('\u{FFFD}')));
    Ok(())
}

#[test]
fn utf16_with_bom() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let text = "مصر والهند\r\nسطر";
    let le: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> =
        [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let a = write(dir.path(), "le.txt", &le)?;
    let b = write(dir.path(), "be.txt", &be)?;
    let json = "{\"id\": \"u\", \"text\": \"مصر\"}\n{\"text\": \"سطر\"}\n";
    let jle: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(json.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let j = write(dir.path(), "le.jsonl", &jle)?;
    let l = load_paths(&[&a, &b, &j])?;
    assert!(l.skipped.is_empty() && l.notices.is_empty(), "{l:#?}");
    assert_eq!(texts(&l), [text, text, "مصر", "سطر"]);
    let encs: Vec<_> = l.docs.iter().map(|d| d.encoding).collect();
    assert_eq!(encs, [Some("UTF-16LE"), Some("UTF-16BE"), Some("UTF-16LE"), Some("UTF-16LE")]);
    assert_eq!(ids(&l)[2], "u");
    Ok(())
}

#[test]
fn empty_and_bom_only_files_are_empty_documents() -> anyhow::Result<()> {
    let empty = manifest("tests/fixtures/encodings/12-zero-tokens.empty.input");
    let bom = manifest("tests/fixtures/encodings/12-zero-tokens.bom-crlf.input");
    let dir = tempfile::tempdir()?;
    let ws = write(dir.path(), "ws.txt", " \t\n")?;
    let l = load_paths(&[&empty, &bom, &ws])?;
    assert!(l.skipped.is_empty() && l.notices.is_empty(), "{l:#?}");
    assert_eq!(texts(&l), ["", "\r\n", " \t\n"]);
    assert_eq!(ids(&l), [s(&empty), s(&bom), s(&ws)]);
    Ok(())
}

#[test]
fn utf8_bom_is_removed_in_every_format() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let t = write(dir.path(), "a.txt", "\u{FEFF}مصر")?;
    let j = write(dir.path(), "a.jsonl", "\u{FEFF}{\"text\": \"أ\"}\n")?;
    let c = write(dir.path(), "a.csv", "\u{FEFF}text\nب\n")?;
    let l = load_paths(&[&t, &j, &c])?;
    assert!(l.skipped.is_empty(), "{:#?}", l.skipped);
    assert_eq!(texts(&l), ["مصر", "أ", "ب"]);
    // With a UTF-8 BOM, bad bytes are reported at their offset in the file.
    let mut bad = "\u{FEFF}مصر".as_bytes().to_vec();
    bad.push(0xFF);
    let b = write(dir.path(), "bad.txt", bad)?;
    let sk = one_skip(&load_paths(&[&b])?)?.clone();
    assert_eq!(sk.offset, Some(9));
    assert!(sk.reason.starts_with("not valid UTF-8 (byte 9: 0xFF)"), "{sk}");
    Ok(())
}

#[test]
fn reader_and_units_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<CorpusReader>();
    send::<tahlil::corpus::Unit>();
    send::<Loaded>();
}

// ---------------------------------------------------------------------------------------
// the real corpus

const ANT: &str = "../shared/corpora/ant-multisource";

#[test]
fn ant_multisource_loads_every_document() -> anyhow::Result<()> {
    let root = manifest(ANT);
    if !root.is_dir() {
        eprintln!("SKIPPED ant_multisource_loads_every_document: {} not found", root.display());
        return Ok(());
    }
    let l = load_paths(&[&root])?;
    assert!(l.skipped.is_empty(), "{:#?}", &l.skipped[..l.skipped.len().min(5)]);
    assert_eq!(l.docs.len(), 31_525);
    // duplicates.tsv is a side table (no text column): left out with one notice.
    assert_eq!(l.notices.len(), 1, "{:?}", l.notices);
    assert!(l.notices[0].contains("duplicates.tsv: not read"), "{}", l.notices[0]);
    let mut seen = std::collections::HashSet::new();
    assert!(l.docs.iter().all(|d| seen.insert(d.id.as_str())), "ids are unique");
    let first = &l.docs[0];
    assert!(first.path.ends_with("alarabia.jsonl"), "{}", first.path);
    let keys: Vec<&str> = first.meta.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["abstract", "category", "source", "date", "url", "author"]);
    assert!(first.title.as_deref().is_some_and(|t| !t.is_empty()));
    let empty = l.docs.iter().filter(|d| d.text.is_empty()).count();
    assert_eq!(empty, 2, "two France24 docs have empty text");
    Ok(())
}

/// Timing harness: `cargo test --release --test corpus_read -- --ignored --nocapture`.
#[test]
#[ignore = "timing only; run in release mode"]
fn ant_multisource_load_timing() -> anyhow::Result<()> {
    let root = manifest(ANT);
    if !root.is_dir() {
        eprintln!("SKIPPED ant_multisource_load_timing: {} not found", root.display());
        return Ok(());
    }
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let reader = CorpusReader::new(opts(&[&root]))?;
        let (mut units, mut bytes, mut docs) = (0u64, 0usize, 0usize);
        let mut read_time = std::time::Duration::ZERO;
        let mut load_time = std::time::Duration::ZERO;
        let mut it = reader.into_iter();
        loop {
            let t0 = std::time::Instant::now();
            let Some(u) = it.next() else { break };
            let t1 = std::time::Instant::now();
            units += 1;
            bytes += u.byte_len();
            docs += u.load().docs.len();
            load_time += t1.elapsed();
            read_time += t1 - t0;
        }
        eprintln!(
            "ANT: {docs} docs, {units} units, {bytes} bytes: total {:.3}s \
             (reader {:.3}s, load {:.3}s) single-threaded",
            t.elapsed().as_secs_f64(),
            read_time.as_secs_f64(),
            load_time.as_secs_f64()
        );
    }
    Ok(())
}
