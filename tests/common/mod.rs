//! Helpers shared by the CLI tests: run the binary, parse its JSON, look at stderr.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The result of one run of `tahlil`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr)
        })
    }

    /// Number of lines on stderr.
    pub fn stderr_lines(&self) -> usize {
        self.stderr.lines().count()
    }
}

/// Runs `tahlil` with `args` in the crate root.
pub fn tahlil(args: &[&str]) -> Run {
    tahlil_stdin(args, None)
}

/// Runs `tahlil` with `args`, feeding `stdin` when given.
pub fn tahlil_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("tahlil");
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().expect("run tahlil");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A fixture of the shared cases, copied byte for byte into `tests/fixtures/cases`.
pub fn case(name: &str) -> String {
    format!("tests/fixtures/cases/{name}")
}

/// The `terms` of a stats JSON report as (term, count) pairs, in report order.
pub fn terms(v: &Value) -> Vec<(String, u64)> {
    v["terms"]
        .as_array()
        .expect("terms array")
        .iter()
        .map(|t| (t["term"].as_str().unwrap().to_string(), t["count"].as_u64().unwrap()))
        .collect()
}

/// Owned (term, count) pairs from literals.
pub fn pairs(p: &[(&str, u64)]) -> Vec<(String, u64)> {
    p.iter().map(|&(t, c)| (t.to_string(), c)).collect()
}

/// `stats --normalize PRESET --stopwords none --format json --top 0 FILES…` as JSON.
pub fn stats_json(preset: &str, files: &[&str], extra: &[&str]) -> (Run, Value) {
    let mut args = vec![
        "stats",
        "--normalize",
        preset,
        "--stopwords",
        "none",
        "--format",
        "json",
        "--top",
        "0",
    ];
    args.extend_from_slice(extra);
    let owned: Vec<String> = files.iter().map(|f| case(f)).collect();
    args.extend(owned.iter().map(String::as_str));
    let run = tahlil(&args);
    let v = if run.stdout.trim().is_empty() { Value::Null } else { run.json() };
    (run, v)
}

/// The shared corpora folder next to the checkout, if present.
pub fn shared_corpora() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    p.is_dir().then_some(p)
}

/// Code points of a string as `XXXX XXXX …`.
pub fn code_points(s: &str) -> String {
    s.chars().map(|c| format!("{:04X}", c as u32)).collect::<Vec<_>>().join(" ")
}
