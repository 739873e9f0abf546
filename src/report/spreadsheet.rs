//! Spreadsheet-safe CSV (`--excel`): CSV that Excel, LibreOffice and Google Sheets open
//! safely.
//!
//! * A UTF-8 byte-order mark (EF BB BF) first: without it Excel on Windows reads a CSV in
//!   the legacy code page, and every Arabic cell shows as mojibake.
//! * Formula neutralisation, as the OWASP *CSV Injection* page advises: a cell whose first
//!   character is `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms
//!   `＝` `＋` `－` `＠`, which some spreadsheets also read as formula starts) gets a leading
//!   `'`, so the spreadsheet shows it as text instead of running it. Corpus metadata and
//!   text are third-party data: `=HYPERLINK(…)` in an id must never become a live link.
//!   Plain numbers (`-0.25`, `+3`, `1e-5`) are left as they are, so numeric columns (a
//!   negative PMI) stay numbers.
//!
//! [`CsvGuard`] applies the second rule to a CSV byte stream as it is written (RFC 4180:
//! quoted fields may hold commas, doubled quotes and line breaks), inserting the `'` and
//! changing nothing else, so every CSV writer of every command is covered by opening its
//! output in this mode ([`crate::report::Output::spreadsheet_csv`]). Default CSV (without
//! `--excel`) is not touched: no BOM, no prefix.

use std::io::{self, Write};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a cell with this content must be neutralised (see the module's rule).
pub fn needs_prefix(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else { return false };
    matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
        && !is_plain_number(cell)
}

/// `[+-]digits[.digits][e[+-]digits]`: what a spreadsheet reads as a number, never a
/// formula.
fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if !digits(&mut i) {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Neutralises formula-leading cells of a CSV byte stream (see the module): feed it the
/// bytes in any pieces with [`CsvGuard::feed`], then call [`CsvGuard::finish`]. Holds one
/// field at a time.
#[derive(Debug, Default)]
pub struct CsvGuard {
    /// The raw bytes of the field being read (quotes included).
    field: Vec<u8>,
    in_quotes: bool,
}

impl CsvGuard {
    /// Passes `buf` to `out`, with a `'` inserted at the start of every cell that needs it.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn feed<W: Write + ?Sized>(&mut self, buf: &[u8], out: &mut W) -> io::Result<()> {
        let mut from = 0;
        for (i, &b) in buf.iter().enumerate() {
            if b == b'"' {
                self.in_quotes = !self.in_quotes;
            } else if !self.in_quotes && (b == b',' || b == b'\n') {
                self.field.extend_from_slice(&buf[from..i]);
                self.emit(out)?;
                out.write_all(&[b])?;
                from = i + 1;
            }
        }
        self.field.extend_from_slice(&buf[from..]);
        Ok(())
    }

    /// Writes the last field when the stream did not end with a line break.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn finish<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.emit(out)
    }

    /// Writes the field held, prefixed when needed.
    fn emit<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        let raw = &self.field[..];
        let (quoted, body) = match raw.split_first() {
            Some((b'"', rest)) => (true, rest.strip_suffix(b"\"").unwrap_or(rest)),
            _ => (false, raw),
        };
        // Doubled quotes stand for one; the first character decides, and a number has none.
        let content = String::from_utf8_lossy(body);
        if needs_prefix(&content) {
            if quoted {
                out.write_all(b"\"'")?;
                out.write_all(&raw[1..])?;
            } else {
                out.write_all(b"'")?;
                out.write_all(raw)?;
            }
        } else {
            out.write_all(raw)?;
        }
        self.field.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(parts: &[&str]) -> String {
        let mut out = Vec::new();
        let mut g = CsvGuard::default();
        for p in parts {
            g.feed(p.as_bytes(), &mut out).unwrap_or_default();
        }
        g.finish(&mut out).unwrap_or_default();
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn formula_cells_get_an_apostrophe() {
        let csv = "doc,source,pmi\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@SUM(1+1),-0.25\n\
                   d2,+cmd,1e-5\n\"\tx\",\"a,=b\",-\n";
        let want = "doc,source,pmi\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(1+1),-0.25\n\
                    d2,'+cmd,1e-5\n\"'\tx\",\"a,=b\",'-\n";
        assert_eq!(guard(&[csv]), want);
        // The same whatever the pieces the stream comes in.
        for cut in 0..csv.len() {
            if csv.is_char_boundary(cut) {
                assert_eq!(guard(&[&csv[..cut], &csv[cut..]]), want, "cut at {cut}");
            }
        }
    }

    #[test]
    fn multiline_and_quoted_cells_pass_unchanged() {
        let csv = "a,b\n\"line 1\nline 2\",\"say \"\"hi\"\"\"\n\"\"\"=quoted\",\"\"\n";
        assert_eq!(guard(&[csv]), csv);
        // A quoted cell starting with a line break (CR) is neutralised.
        assert_eq!(guard(&["\"\r=1\"\n"]), "\"'\r=1\"\n");
    }

    #[test]
    fn numbers_and_text_are_left_alone() {
        for cell in ["-1", "+3", "-0.25", "1e-5", "2.5E+3", "الهند", "", "a=b", "x-y"] {
            assert!(!needs_prefix(cell), "{cell}");
        }
        for cell in ["-", "-1+2", "=1", "+", "@x", "＝SUM(A1)", "－1", "\t1", "-1e", "--1"] {
            assert!(needs_prefix(cell), "{cell}");
        }
    }
}
