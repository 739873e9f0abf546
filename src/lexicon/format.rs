//! Reading lexicon files: the TSV format and quanteda-style JSON dictionaries, with every
//! problem reported by file and line.

use super::pattern::{self, Mode};
use super::rule::{self, SentenceRule};
use super::{Entry, Kind, Lexicon, Origin};
use crate::text::Normalizer;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The header row of the TSV format (optional in files; the last two columns, the row's
/// sentence rule, are optional too).
pub const TSV_HEADER: [&str; 7] =
    ["id", "kind", "label_ar", "label_en", "patterns", "requires", "unless"];

/// An error that stops a lexicon from loading: the file, the 1-based line (0 when the
/// problem concerns the whole file) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// The file as given (or `builtin:NAME`).
    pub file: String,
    /// 1-based line number, 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is loaded but something is probably not what the author meant.
    Warning,
    /// The file cannot be loaded.
    Error,
}

/// One problem found in a lexicon file (see [`check_file`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file as given.
    pub file: String,
    /// 1-based line number, 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// Converts to the error type (dropping the severity).
    pub fn into_error(self) -> LexiconError {
        LexiconError { file: self.file, line: self.line, message: self.message }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {sev}: {}", self.file, self.line, self.message)
    }
}

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `id  kind  label_ar  label_en  patterns`.
    Tsv,
    /// quanteda-style dictionary.
    Json,
}

/// Checks a lexicon file and returns all its problems (empty when it is clean), sorted by
/// line. This is `tahlil lexicon check FILE`.
///
/// A control character (U+0000–U+001F but tab) anywhere in a row is an error here, one per
/// character, naming the line and the column: XML outputs (GraphML, GEXF, SVG) cannot
/// hold one. When a lexicon is *read for a run* ([`load_path`], [`parse`]), controls in
/// the labels are only warnings and are replaced by U+FFFD; in an id, kind or pattern they
/// are errors there too.
pub fn check_file(path: &Path, normalizer: &Normalizer) -> Vec<Problem> {
    load_path_with(path, normalizer, true).1
}

/// Checks lexicon text (TSV, or JSON when it starts with `{`); `file` names it in problems.
/// Control characters are errors, as in [`check_file`].
pub fn check_str(text: &str, file: &str, normalizer: &Normalizer) -> Vec<Problem> {
    let fmt = if text.trim_start().starts_with('{') { Format::Json } else { Format::Tsv };
    parse_with(text, file, fmt, normalizer, true).1
}

/// Reads and parses `path`; the format comes from the extension (`.json`) or the content.
/// Control characters in labels are replaced by U+FFFD, with a warning (see
/// [`check_file`]).
pub fn load_path(path: &Path, normalizer: &Normalizer) -> (Lexicon, Vec<Problem>) {
    load_path_with(path, normalizer, false)
}

/// [`load_path`]; `strict`: control characters in labels are errors (`lexicon check`).
fn load_path_with(path: &Path, normalizer: &Normalizer, strict: bool) -> (Lexicon, Vec<Problem>) {
    let file = path.display().to_string();
    let fail = |message: String| {
        (
            Lexicon::empty(normalizer),
            vec![Problem { severity: Severity::Error, file: file.clone(), line: 0, message }],
        )
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read lexicon: {e}")),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            let mut p = fail(format!(
                "lexicon is not valid UTF-8 (byte {}); save it as UTF-8",
                e.valid_up_to()
            ));
            p.1[0].line = line;
            return p;
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    parse_with(text, &file, if is_json { Format::Json } else { Format::Tsv }, normalizer, strict)
}

/// One logical row, from either format.
struct Row<'a> {
    line: usize,
    id: &'a str,
    kind: &'a str,
    label_ar: &'a str,
    label_en: &'a str,
    /// Patterns with the line each was written on.
    patterns: Vec<(&'a str, usize)>,
    /// The row's sentence rule: words required in the sentence, with their lines.
    requires: Vec<(&'a str, usize)>,
    /// Words that cancel the row's patterns when present in the sentence.
    unless: Vec<(&'a str, usize)>,
}

/// Parses `text` and collects all problems (sorted by line, errors before warnings on the
/// same line). The lexicon holds every row that could be read.
/// Control characters in labels are replaced by U+FFFD, with a warning (see
/// [`check_file`]).
pub fn parse(
    text: &str,
    file: &str,
    fmt: Format,
    normalizer: &Normalizer,
) -> (Lexicon, Vec<Problem>) {
    parse_with(text, file, fmt, normalizer, false)
}

/// [`parse`]; `strict`: control characters in labels are errors (`lexicon check`).
fn parse_with(
    text: &str,
    file: &str,
    fmt: Format,
    normalizer: &Normalizer,
    strict: bool,
) -> (Lexicon, Vec<Problem>) {
    let mut b = Builder { lex: Lexicon::empty(normalizer), file, problems: Vec::new(), strict };
    match fmt {
        Format::Tsv => parse_tsv_rows(text, &mut b),
        Format::Json => parse_json_rows(text, &mut b),
    }
    b.finish()
}

struct Builder<'f> {
    lex: Lexicon,
    file: &'f str,
    problems: Vec<Problem>,
    /// Control characters in labels are errors (`lexicon check`), not warnings.
    strict: bool,
}

/// The column names of a lexicon row, in TSV order.
const FIELDS: [&str; 5] = ["id", "kind", "label_ar", "label_en", "patterns"];

/// Whether `c` is a control character a lexicon may not hold: U+0000–U+001F but tab.
fn is_control(c: char) -> bool {
    c < ' ' && c != '\t'
}

impl Builder<'_> {
    /// One problem per control character in `value`, the content of column `field` (an
    /// index into [`FIELDS`]) on `line`: an error, or a warning for a label outside
    /// `strict` mode (the label is then read with U+FFFD in its place).
    fn controls(&mut self, line: usize, field: usize, value: &str) {
        for c in value.chars().filter(|&c| is_control(c)) {
            let label = field == 2 || field == 3;
            let severity = if label && !self.strict { Severity::Warning } else { Severity::Error };
            let what = FIELDS.get(field).copied().unwrap_or("a field");
            let fate = if label { "; read as U+FFFD" } else { "" };
            self.problem(
                severity,
                line,
                format!(
                    "control character U+{:04X} in {what}: not allowed (XML outputs such as \
                     GraphML cannot hold it){fate}",
                    c as u32
                ),
            );
        }
    }

    fn problem(&mut self, severity: Severity, line: usize, message: String) {
        self.problems.push(Problem { severity, file: self.file.to_string(), line, message });
    }

    fn row(&mut self, row: Row<'_>) {
        let Row { line, id, kind, label_ar, label_en, patterns, requires, unless } = row;
        if id.is_empty() || id.contains(char::is_whitespace) || id.contains('|') {
            self.problem(
                Severity::Error,
                line,
                format!("bad id `{id}`: it must be non-empty, without spaces or `|`"),
            );
            return;
        }
        if kind.is_empty() || kind.contains(char::is_whitespace) {
            self.problem(Severity::Error, line, format!("bad kind `{kind}` for {id}"));
            return;
        }
        let kind = Kind::parse(kind);
        match id.split_once(':') {
            Some((prefix, rest)) if !rest.is_empty() => {
                if prefix != kind.as_str() {
                    let sev = if matches!(kind, Kind::User(_)) {
                        Severity::Warning
                    } else {
                        Severity::Error
                    };
                    self.problem(
                        sev,
                        line,
                        format!("id {id} does not start with its kind `{kind}:`"),
                    );
                    if sev == Severity::Error {
                        return;
                    }
                }
            }
            _ => {
                let sev =
                    if matches!(kind, Kind::User(_)) { Severity::Warning } else { Severity::Error };
                self.problem(
                    sev,
                    line,
                    format!("id `{id}` should have the form `{kind}:name` (a node id)"),
                );
                if sev == Severity::Error {
                    return;
                }
            }
        }
        let origin = Origin { file: self.file.to_string(), line };
        let file = self.file;
        let rule = self.rule(id, &requires, &unless);
        if rule.is_some() && patterns.is_empty() {
            self.problem(
                Severity::Warning,
                line,
                format!(
                    "{id}: requires/unless given on a row without patterns: it applies to nothing"
                ),
            );
        }
        let mut compiled = Vec::with_capacity(patterns.len());
        for (p, pline) in patterns {
            match pattern::compile(
                p,
                Origin { file: file.to_string(), line: pline },
                !kind.is_name(),
                &self.lex.normalizer,
            ) {
                Ok(mut c) => {
                    c.rule.clone_from(&rule);
                    compiled.push(c);
                }
                Err(m) => self.problem(Severity::Error, pline, format!("{id}: {m}")),
            }
        }
        if let Some(e) = self.lex.entry_mut(id) {
            // a continuation row: same kind, labels empty or equal
            if e.kind != kind {
                let msg = format!(
                    "{id} was defined with kind {} on line {}, here with kind {kind}",
                    e.kind, e.origin.line
                );
                self.problem(Severity::Error, line, msg);
                return;
            }
            let mut conflicts = Vec::new();
            let (label_ar, label_en) = (without_controls(label_ar), without_controls(label_en));
            for (mine, new, what) in [
                (&mut e.label_ar, label_ar.as_str(), "label_ar"),
                (&mut e.label_en, label_en.as_str(), "label_en"),
            ] {
                if mine.is_empty() {
                    *mine = new.to_string();
                } else if !new.is_empty() && mine != new {
                    conflicts.push(format!(
                        "{id}: {what} `{new}` differs from `{mine}` given on line {}",
                        e.origin.line
                    ));
                }
            }
            e.patterns.extend(compiled);
            for c in conflicts {
                self.problem(Severity::Error, line, c);
            }
        } else {
            self.lex.push_entry(Entry {
                id: id.to_string(),
                kind,
                label_ar: without_controls(label_ar),
                label_en: without_controls(label_en),
                patterns: compiled,
                origin,
            });
        }
    }

    /// Compiles a row's sentence rule (`None` when both lists are empty); bad words are
    /// reported as errors on their lines.
    fn rule(
        &mut self,
        id: &str,
        requires: &[(&str, usize)],
        unless: &[(&str, usize)],
    ) -> Option<Arc<SentenceRule>> {
        if requires.is_empty() && unless.is_empty() {
            return None;
        }
        let mut lists = [Vec::new(), Vec::new()];
        for (list, words) in lists.iter_mut().zip([requires, unless]) {
            for &(w, wline) in words {
                let origin = Origin { file: self.file.to_string(), line: wline };
                match rule::compile_word(w, origin, &self.lex.normalizer) {
                    Ok(p) => list.push(p),
                    Err(m) => self.problem(Severity::Error, wline, format!("{id}: {m}")),
                }
            }
        }
        let [requires, unless] = lists;
        Some(Arc::new(SentenceRule { requires, unless }))
    }

    /// Whole-lexicon checks, then sorting.
    fn finish(mut self) -> (Lexicon, Vec<Problem>) {
        // (kind, normalised core) → (entry index, mode, line) of each pattern using it
        type Users = Vec<(usize, Mode, usize)>;
        let mut shared: BTreeMap<(Kind, String), Users> = BTreeMap::new();
        let mut extra = Vec::new();
        for (ei, e) in self.lex.entries.iter().enumerate() {
            if e.patterns.is_empty() {
                extra.push((Severity::Warning, e.origin.line, format!("{} has no patterns", e.id)));
            }
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for p in &e.patterns {
                if let Some(&first) = seen.get(&p.source) {
                    extra.push((
                        Severity::Warning,
                        p.origin.line,
                        format!(
                            "{}: pattern `{}` repeated (first on line {first})",
                            e.id, p.source
                        ),
                    ));
                }
                seen.entry(p.source.clone()).or_insert(p.origin.line);
                if !p.is_conditional() && p.mode != Mode::Block {
                    shared.entry((e.kind.clone(), p.core_key())).or_default().push((
                        ei,
                        p.mode,
                        p.origin.line,
                    ));
                }
            }
        }
        for ((kind, key), users) in shared {
            let mut entries: Vec<usize> = users.iter().map(|u| u.0).collect();
            entries.dedup();
            if entries.len() < 2 || !kind.is_name() {
                continue;
            }
            if users.iter().any(|u| u.1 == Mode::Normal) {
                let ids: Vec<&str> =
                    entries.iter().map(|&i| self.lex.entries[i].id.as_str()).collect();
                let line = users.iter().map(|u| u.2).max().unwrap_or(0);
                extra.push((
                    Severity::Warning,
                    line,
                    format!(
                        "`{key}` is a pattern of {}: every match counts for all of them; \
                         write it `?{key}` in each to flag matches as ambiguous",
                        ids.join(", ")
                    ),
                ));
            }
        }
        for (s, l, m) in extra {
            self.problem(s, l, m);
        }
        self.problems.sort_by(|a, b| a.line.cmp(&b.line).then(b.severity.cmp(&a.severity)));
        (self.lex, self.problems)
    }
}

/// `s` with every control character (see [`is_control`]) replaced by U+FFFD.
fn without_controls(s: &str) -> String {
    s.chars().map(|c| if is_control(c) { '\u{FFFD}' } else { c }).collect()
}

/// The lines of a lexicon file with their 1-based numbers: ended by LF, CR LF or a lone CR
/// (file lines, not text lines: a vertical tab or U+2028 inside a row does not end it).
fn file_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text;
    let mut no = 0;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        no += 1;
        let (line, next) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        rest = next;
        Some((no, line))
    })
}

fn parse_tsv_rows(text: &str, b: &mut Builder<'_>) {
    let mut first_data = true;
    for (i, line) in file_lines(text) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        for (field, value) in line.split('\t').enumerate() {
            b.controls(i, field, value);
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if first_data && (5..=7).contains(&cols.len()) && cols[..] == TSV_HEADER[..cols.len()] {
            first_data = false;
            continue;
        }
        first_data = false;
        if !(5..=7).contains(&cols.len()) {
            b.problem(
                Severity::Error,
                i,
                format!(
                    "expected 5 to 7 tab-separated columns (id, kind, label_ar, label_en, \
                     patterns, and optionally requires, unless), found {}",
                    cols.len()
                ),
            );
            continue;
        }
        let mut lists: [Vec<(&str, usize)>; 3] = Default::default();
        for (k, list) in lists.iter_mut().enumerate() {
            let Some(&col) = cols.get(4 + k) else { continue };
            for p in col.split('|').map(str::trim).filter(|_| !col.is_empty()) {
                if p.is_empty() {
                    let what = ["pattern", "requires word", "unless word"][k];
                    b.problem(
                        Severity::Warning,
                        i,
                        format!("{}: empty {what} between `|`", cols[0]),
                    );
                } else {
                    list.push((p, i));
                }
            }
        }
        let [patterns, requires, unless] = lists;
        b.row(Row {
            line: i,
            id: cols[0],
            kind: cols[1],
            label_ar: cols[2],
            label_en: cols[3],
            patterns,
            requires,
            unless,
        });
    }
}

/// A quanteda-style dictionary: an object whose keys are categories and whose values are
/// lists of patterns, or objects (nested categories, joined with `.`), or entry objects
/// `{"label_ar": …, "label_en": …, "kind": …, "patterns": […], "requires": […],
/// "unless": […]}` (the last two: the entry's sentence rule, see [`SentenceRule`]). Keys are read in sorted
/// order (entry order does not depend on the order in the file).
fn parse_json_rows(text: &str, b: &mut Builder<'_>) {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            b.problem(Severity::Error, e.line(), format!("invalid JSON: {e}"));
            return;
        }
    };
    let serde_json::Value::Object(map) = value else {
        b.problem(
            Severity::Error,
            1,
            "a JSON dictionary must be an object {\"category\": [patterns…]}".into(),
        );
        return;
    };
    let lines = LineFinder::new(text);
    let mut owned: Vec<OwnedRow> = Vec::new();
    json_object(&map, "", &lines, &mut owned, b);
    for r in &owned {
        let fields = [&r.id, &r.kind, &r.label_ar, &r.label_en];
        for (field, value) in fields.into_iter().enumerate() {
            b.controls(r.line, field, value);
        }
        for (p, line) in &r.patterns {
            b.controls(*line, 4, p);
        }
        b.row(Row {
            line: r.line,
            id: &r.id,
            kind: &r.kind,
            label_ar: &r.label_ar,
            label_en: &r.label_en,
            patterns: r.patterns.iter().map(|(p, l)| (p.as_str(), *l)).collect(),
            requires: r.requires.iter().map(|(p, l)| (p.as_str(), *l)).collect(),
            unless: r.unless.iter().map(|(p, l)| (p.as_str(), *l)).collect(),
        });
    }
}

struct OwnedRow {
    line: usize,
    id: String,
    kind: String,
    label_ar: String,
    label_en: String,
    patterns: Vec<(String, usize)>,
    requires: Vec<(String, usize)>,
    unless: Vec<(String, usize)>,
}

fn json_object(
    map: &serde_json::Map<String, serde_json::Value>,
    prefix: &str,
    lines: &LineFinder<'_>,
    out: &mut Vec<OwnedRow>,
    b: &mut Builder<'_>,
) {
    use serde_json::Value;
    for (key, v) in map {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let line = lines.find_key(key);
        let (id, kind) = match path.split_once(':') {
            Some((k, _)) => (path.clone(), k.to_string()),
            None => (format!("user:{path}"), "user".to_string()),
        };
        let label = path.rsplit(['.', ':']).next().unwrap_or(&path).to_string();
        let strings = |arr: &Vec<Value>, b: &mut Builder<'_>| -> Vec<(String, usize)> {
            let mut ps = Vec::new();
            for x in arr {
                match x {
                    Value::String(s) if !s.trim().is_empty() => {
                        ps.push((s.trim().to_string(), lines.find_string(s, line)));
                    }
                    _ => b.problem(
                        Severity::Error,
                        line,
                        format!("{path}: patterns must be non-empty strings, found {x}"),
                    ),
                }
            }
            ps
        };
        match v {
            Value::Array(arr) => {
                let patterns = strings(arr, b);
                out.push(OwnedRow {
                    line,
                    id,
                    kind,
                    label_ar: String::new(),
                    label_en: label,
                    patterns,
                    requires: Vec::new(),
                    unless: Vec::new(),
                });
            }
            Value::String(s) => {
                let patterns = strings(&vec![Value::String(s.clone())], b);
                out.push(OwnedRow {
                    line,
                    id,
                    kind,
                    label_ar: String::new(),
                    label_en: label,
                    patterns,
                    requires: Vec::new(),
                    unless: Vec::new(),
                });
            }
            Value::Object(obj) if obj.contains_key("patterns") => {
                let get = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
                let list = |key: &str, b: &mut Builder<'_>| match obj.get(key) {
                    Some(Value::Array(arr)) => strings(arr, b),
                    None if key != "patterns" => Vec::new(),
                    _ => {
                        b.problem(
                            Severity::Error,
                            line,
                            format!("{path}: \"{key}\" must be a list of strings"),
                        );
                        Vec::new()
                    }
                };
                const KEYS: [&str; 6] =
                    ["label_ar", "label_en", "kind", "patterns", "requires", "unless"];
                for k in obj.keys().filter(|k| !KEYS.contains(&k.as_str())) {
                    b.problem(
                        Severity::Warning,
                        line,
                        format!("{path}: unknown key \"{k}\" ignored (known: {})", KEYS.join(", ")),
                    );
                }
                let patterns = list("patterns", b);
                let requires = list("requires", b);
                let unless = list("unless", b);
                out.push(OwnedRow {
                    line,
                    id,
                    kind: get("kind").unwrap_or(kind),
                    label_ar: get("label_ar").unwrap_or_default(),
                    label_en: get("label_en").unwrap_or(label),
                    patterns,
                    requires,
                    unless,
                });
            }
            Value::Object(obj) => json_object(obj, &path, lines, out, b),
            other => b.problem(
                Severity::Error,
                line,
                format!("{path}: expected a list of patterns or an object, found {other}"),
            ),
        }
    }
}

/// Finds the line of a key or string in JSON text (serde_json keeps no positions): the
/// first line, at or after `from`, that contains it as a JSON string.
struct LineFinder<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineFinder<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineFinder { text, starts }
    }

    fn line_of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }

    fn find_key(&self, key: &str) -> usize {
        self.find_quoted(key, 1)
    }

    fn find_string(&self, s: &str, from: usize) -> usize {
        self.find_quoted(s, from)
    }

    fn find_quoted(&self, s: &str, from_line: usize) -> usize {
        let quoted = serde_json::to_string(s).unwrap_or_default();
        let start = self.starts.get(from_line.saturating_sub(1)).copied().unwrap_or(0);
        match self.text[start..].find(&quoted) {
            Some(i) => self.line_of(start + i),
            None => from_line,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::text::Preset;

    fn n() -> Normalizer {
        Normalizer::new(Preset::Standard)
    }

    #[test]
    fn tsv_rows_continuations_and_header() {
        let text = "# comment\nid\tkind\tlabel_ar\tlabel_en\tpatterns\n\
                    country:EGY\tcountry\tمصر\tEgypt\tمصر|جمهورية مصر العربية\n\
                    \n\
                    country:EGY\tcountry\t\t\tالقاهرة\n";
        let (lex, problems) = parse(text, "x.tsv", Format::Tsv, &n());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(lex.len(), 1);
        let e = &lex.entries()[0];
        assert_eq!((e.id.as_str(), e.label_en.as_str()), ("country:EGY", "Egypt"));
        assert_eq!(e.patterns.len(), 3);
        assert_eq!(e.patterns[2].origin.line, 5);
    }

    #[test]
    fn tsv_problems_name_lines() {
        let text = "country:EGY\tcountry\tمصر\tEgypt\tمصر\n\
                    bad line without tabs\n\
                    country:EGY\ttheme\t\t\tx\n\
                    country:XXX\tcountry\tس\tX\tابو*\n\
                    theme:a\ttheme\tأ\tA\tار*هاب||تجارة\n\
                    theme:b\ttheme\tب\tB\t\n\
                    region:r\tcountry\tر\tR\tرر\n\
                    country:EGY\tcountry\tمصرية\t\tمصر\n";
        let problems = check_str(text, "x.tsv", &n());
        let lines: Vec<(usize, Severity)> = problems.iter().map(|p| (p.line, p.severity)).collect();
        assert_eq!(
            lines,
            [
                (2, Severity::Error),
                (3, Severity::Error),
                (4, Severity::Error),
                (4, Severity::Warning),
                (5, Severity::Error),
                (5, Severity::Warning),
                (6, Severity::Warning),
                (7, Severity::Error),
                (8, Severity::Error),
                (8, Severity::Warning),
            ],
            "{problems:#?}"
        );
        assert!(problems[0].to_string().starts_with("x.tsv:2: error: expected 5"));
    }

    #[test]
    fn shared_name_patterns_warn_unless_ambiguous() {
        let text = "country:COG\tcountry\tا\tA\tالكونغو\ncountry:COD\tcountry\tب\tB\tالكونغو\n";
        let p = check_str(text, "x.tsv", &n());
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("country:COG, country:COD"), "{}", p[0].message);
        let text = "country:COG\tcountry\tا\tA\t?الكونغو\ncountry:COD\tcountry\tب\tB\t?الكونغو\n";
        assert!(check_str(text, "x.tsv", &n()).is_empty());
    }

    #[test]
    fn json_dictionary() {
        let text = r#"{
  "terror": ["إرهاب*", "تطرف*"],
  "economy": {
    "trade": ["تجارة", "صادرات"],
    "energy": ["نفط*"]
  },
  "theme:cyber": {"label_ar": "سيبراني", "label_en": "Cyber", "patterns": ["سيبراني*"]},
  "country:EGY": ["أرض الكنانة"]
}"#;
        let (lex, problems) = parse(text, "d.json", Format::Json, &n());
        assert!(problems.iter().all(|p| p.severity == Severity::Warning), "{problems:?}");
        let ids: Vec<&str> = lex.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "country:EGY",
                "user:economy.energy",
                "user:economy.trade",
                "user:terror",
                "theme:cyber"
            ]
        );
        let cyber = &lex.entries()[4];
        assert_eq!((cyber.kind.clone(), cyber.label_en.as_str()), (Kind::Theme, "Cyber"));
        assert_eq!(lex.entries()[2].patterns[1].origin.line, 4);
    }

    #[test]
    fn json_errors_have_lines() {
        let p = check_str("{\n \"a\": [\"x\",\n}", "d.json", &n());
        assert_eq!((p[0].line, p[0].severity), (3, Severity::Error));
        let p = check_str("{\n \"theme:a\": [\"ار*هاب\"]\n}", "d.json", &n());
        assert_eq!((p[0].line, p[0].severity), (2, Severity::Error));
        assert!(p[0].message.contains("theme:a"));
    }
}
