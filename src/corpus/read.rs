//! The reader thread's half ([`CorpusReader`]) and the worker's half ([`Unit::load`]).
//! Minimal version: UTF-8 `.txt` and `.jsonl`.

use super::discover::{Input, discover};
use super::{Document, InputOptions, Loaded, Skipped};
use std::io::{BufRead, Read};
use std::sync::Arc;

/// Iterates over the [`Unit`]s of a corpus in input order. Cheap work only.
pub struct CorpusReader {
    opts: Arc<InputOptions>,
    inputs: std::vec::IntoIter<Input>,
    current: Option<(Arc<str>, Box<dyn BufRead + Send>, u64)>,
}

/// A piece of input read but not yet decoded or parsed.
pub struct Unit {
    kind: UnitKind,
    opts: Arc<InputOptions>,
}

enum UnitKind {
    Text { path: Arc<str>, id: String, bytes: Vec<u8> },
    JsonLine { path: Arc<str>, line: u64, bytes: Vec<u8> },
    Bad(Skipped),
}

impl CorpusReader {
    /// Prepares to read the inputs named in `opts`.
    pub fn new(opts: InputOptions) -> anyhow::Result<Self> {
        let inputs = discover(&opts);
        Ok(CorpusReader { opts: Arc::new(opts), inputs: inputs.into_iter(), current: None })
    }

    /// Total size in bytes of the input files, when known (for progress bars).
    pub fn total_bytes_hint(&self) -> Option<u64> {
        None
    }
}

impl Iterator for CorpusReader {
    type Item = Unit;
    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some((path, reader, line)) = &mut self.current {
                let mut buf = Vec::new();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => self.current = None,
                    Ok(_) => {
                        *line += 1;
                        if buf.iter().all(|b| b.is_ascii_whitespace()) {
                            continue;
                        }
                        return Some(Unit {
                            kind: UnitKind::JsonLine {
                                path: path.clone(),
                                line: *line,
                                bytes: buf,
                            },
                            opts: self.opts.clone(),
                        });
                    }
                    Err(e) => {
                        let s = Skipped {
                            path: path.to_string(),
                            line: Some(*line + 1),
                            offset: None,
                            reason: e.to_string(),
                        };
                        self.current = None;
                        return Some(Unit { kind: UnitKind::Bad(s), opts: self.opts.clone() });
                    }
                }
                continue;
            }
            let input = self.inputs.next()?;
            let kind = match input {
                Input::Stdin => {
                    let mut bytes = Vec::new();
                    match std::io::stdin().read_to_end(&mut bytes) {
                        Ok(_) => UnitKind::Text { path: "-".into(), id: "-".into(), bytes },
                        Err(e) => UnitKind::Bad(Skipped {
                            path: "-".into(),
                            line: None,
                            offset: None,
                            reason: e.to_string(),
                        }),
                    }
                }
                Input::File { path, display, rel } => {
                    if display.ends_with(".jsonl") {
                        match std::fs::File::open(&path) {
                            Ok(f) => {
                                self.current = Some((
                                    display.into(),
                                    Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
                                    0,
                                ));
                                continue;
                            }
                            Err(e) => UnitKind::Bad(Skipped {
                                path: display,
                                line: None,
                                offset: None,
                                reason: e.to_string(),
                            }),
                        }
                    } else {
                        match std::fs::read(&path) {
                            Ok(bytes) => UnitKind::Text { path: display.into(), id: rel, bytes },
                            Err(e) => UnitKind::Bad(Skipped {
                                path: display,
                                line: None,
                                offset: None,
                                reason: e.to_string(),
                            }),
                        }
                    }
                }
                Input::Bad { display, reason } => {
                    UnitKind::Bad(Skipped { path: display, line: None, offset: None, reason })
                }
            };
            return Some(Unit { kind, opts: self.opts.clone() });
        }
    }
}

impl Unit {
    /// Size of the raw input in bytes.
    pub fn byte_len(&self) -> usize {
        match &self.kind {
            UnitKind::Text { bytes, .. } | UnitKind::JsonLine { bytes, .. } => bytes.len(),
            UnitKind::Bad(_) => 0,
        }
    }

    /// Decodes and parses the unit (runs on a worker thread).
    pub fn load(self) -> Loaded {
        let mut out = Loaded::default();
        match self.kind {
            UnitKind::Bad(s) => out.skipped.push(s),
            UnitKind::Text { path, id, bytes } => match String::from_utf8(bytes) {
                Ok(mut text) => {
                    if text.starts_with('\u{feff}') {
                        text.drain(..3);
                    }
                    out.docs.push(Document { id, path, text, ..Default::default() });
                }
                Err(e) => out.skipped.push(Skipped {
                    path: path.to_string(),
                    line: None,
                    offset: Some(e.utf8_error().valid_up_to() as u64),
                    reason: "not valid UTF-8".into(),
                }),
            },
            UnitKind::JsonLine { path, line, bytes } => {
                match serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&bytes) {
                    Ok(map) => {
                        let o = &self.opts;
                        let text = map
                            .get(&o.text_field)
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .to_string();
                        let id = map
                            .get(&o.id_field)
                            .map(|v| {
                                v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())
                            })
                            .unwrap_or_else(|| format!("{path}:{line}"));
                        let title =
                            map.get(&o.title_field).and_then(|v| v.as_str()).map(str::to_string);
                        let meta = map
                            .iter()
                            .filter(|(k, _)| {
                                **k != o.text_field && **k != o.id_field && **k != o.title_field
                            })
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()),
                                )
                            })
                            .collect();
                        out.docs.push(Document {
                            id,
                            path,
                            record: Some(line),
                            title,
                            text,
                            meta,
                            encoding: None,
                        });
                    }
                    Err(e) => out.skipped.push(Skipped {
                        path: path.to_string(),
                        line: Some(line),
                        offset: None,
                        reason: format!("invalid JSON: {e}"),
                    }),
                }
            }
        }
        out
    }
}
