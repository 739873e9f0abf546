//! XML 1.0 well-formedness for every XML and HTML writer (GraphML, GEXF, SVG, the HTML
//! report).
//!
//! XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return
//! (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), even escaped as `&#1;`, and the
//! non-characters U+FFFE and U+FFFF; a GraphML or SVG holding one cannot be opened by
//! Gephi, igraph, networkx or a browser. Corpus text, lexicon labels and metadata may hold
//! them, so every XML/HTML writer sends its bytes through [`XmlSafe`] (or its text through
//! [`clean`]), which **replaces each such character with U+FFFD** (the replacement
//! character, so the reader sees that something was there). The writers themselves escape
//! `<`, `&`, `>` and, in attributes, `"` and `'` (quick-xml, maud).

use std::borrow::Cow;
use std::io::{self, Write};

/// U+FFFD in UTF-8.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// Whether byte `b` is a C0 control that XML 1.0 forbids.
fn forbidden_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

/// Whether `c` may not appear in an XML 1.0 document (see the module's list).
pub fn is_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// `s` with every character XML 1.0 forbids replaced by U+FFFD (borrowed when there is
/// none).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_forbidden) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c }).collect())
}

/// A writer that passes UTF-8 through, replacing every character XML 1.0 forbids with
/// U+FFFD. Works on any split of the stream into writes (a U+FFFE/U+FFFF cut between two
/// writes is still found). Flush it (or let the XML writer flush it) at the end.
pub struct XmlSafe<W: Write> {
    inner: W,
    /// The start of a three-byte sequence `EF BF ..` held back until its last byte comes.
    carry: Vec<u8>,
}

impl<W: Write> XmlSafe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        XmlSafe { inner, carry: Vec::with_capacity(2) }
    }

    fn write_carry(&mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            self.inner.write_all(&self.carry)?;
            self.carry.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for XmlSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data: Cow<'_, [u8]> = Cow::Borrowed(buf);
        if !self.carry.is_empty() {
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(buf);
            data = Cow::Owned(joined);
        }
        let d: &[u8] = &data;
        let mut start = 0;
        let mut i = 0;
        while i < d.len() {
            let b = d[i];
            if forbidden_control(b) {
                self.inner.write_all(&d[start..i])?;
                self.inner.write_all(REPLACEMENT)?;
                i += 1;
                start = i;
            } else if b == 0xEF {
                match (d.get(i + 1), d.get(i + 2)) {
                    (Some(0xBF), Some(0xBE | 0xBF)) => {
                        self.inner.write_all(&d[start..i])?;
                        self.inner.write_all(REPLACEMENT)?;
                        i += 3;
                        start = i;
                    }
                    (None, _) | (Some(0xBF), None) => {
                        // Maybe U+FFFE/U+FFFF cut by the end of this write: hold it back.
                        self.inner.write_all(&d[start..i])?;
                        self.carry.extend_from_slice(&d[i..]);
                        return Ok(buf.len());
                    }
                    _ => i += 1,
                }
            } else {
                i += 1;
            }
        }
        self.inner.write_all(&d[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_carry()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for XmlSafe<W> {
    fn drop(&mut self) {
        // A held-back prefix can only remain when the stream ended inside a character.
        let _ = self.write_carry();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(parts: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = XmlSafe::new(&mut out);
            for p in parts {
                w.write_all(p).unwrap_or_default();
            }
            w.flush().unwrap_or_default();
        }
        out
    }

    #[test]
    fn controls_become_replacement_characters() {
        let s = "G20\u{1}\u{b}\tGroup of\u{1f} Twenty\r\n";
        let want = "G20\u{FFFD}\u{FFFD}\tGroup of\u{FFFD} Twenty\r\n";
        assert_eq!(through(&[s.as_bytes()]), want.as_bytes());
        assert_eq!(clean(s), want);
        assert!(matches!(clean("الهند <&>"), Cow::Borrowed(_)));
    }

    #[test]
    fn noncharacters_are_found_across_writes() {
        let s = "a\u{FFFF}b\u{FFFE}c\u{FFFD}d\u{FEFF}".as_bytes();
        let want = "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FEFF}".as_bytes();
        for cut in 0..=s.len() {
            assert_eq!(through(&[&s[..cut], &s[cut..]]), want, "cut at {cut}");
        }
        assert_eq!(clean("a\u{FFFF}b"), "a\u{FFFD}b");
    }
}
