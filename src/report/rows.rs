//! The writer of tabular results: a table for people, CSV, TSV or JSON Lines, for any
//! [`Record`], with `--by` groups handled the same way for every command (a first `group`
//! column; a `group` key first in each JSONL line). Rows can be written as they come
//! (streaming commands) or all at once: the CSV/TSV header is written once, when the writer
//! is made; a table is drawn when the writer is finished.

use super::model::{Floats, Record};
use super::table::{Wrap, render_wrapped};
use super::{Format, write_delimited, write_delimited_rows};
use serde::Serialize;
use std::borrow::Borrow;
use std::io::{self, Write};

/// Where and how tabular rows are written: the resolved format and table wrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// One of [`Format::Table`], [`Format::Csv`], [`Format::Tsv`], [`Format::Jsonl`]
    /// (any other format writes nothing).
    pub format: Format,
    /// Table wrapping.
    pub wrap: Wrap,
    /// The rows carry a `--by` group.
    pub grouped: bool,
}

/// A JSONL line under `--by`: the group, then the row's keys.
#[derive(Serialize)]
struct GroupLine<'a, R> {
    group: &'a str,
    #[serde(flatten)]
    row: &'a R,
}

/// Writes rows of one [`Record`] type to `w` in the format of a [`Layout`].
pub struct RowWriter<W: Write> {
    w: W,
    layout: Layout,
    /// CSV/TSV header, `group` included under `--by`.
    header: Vec<&'static str>,
    /// Table header and right-aligned columns.
    table_header: Vec<&'static str>,
    numeric: Vec<usize>,
    /// The table's rows, drawn by [`RowWriter::finish`].
    table: Vec<Vec<String>>,
}

impl<W: Write> RowWriter<W> {
    /// A writer of rows of `R` to `w`; writes the CSV/TSV header line now.
    ///
    /// # Errors
    /// I/O errors of `w`.
    pub fn new<R: Record>(mut w: W, layout: Layout) -> io::Result<Self> {
        let header = header(R::COLUMNS, layout.grouped);
        if let Some(d) = delimiter(layout.format) {
            write_delimited(&mut w, d, &header, std::iter::empty())?;
        }
        let off = usize::from(layout.grouped);
        Ok(RowWriter {
            w,
            layout,
            header,
            table_header: self::header(R::TABLE_COLUMNS, layout.grouped),
            numeric: R::TABLE_NUMERIC.iter().map(|i| i + off).collect(),
            table: Vec::new(),
        })
    }

    /// Writes `rows` of `group` (`None` without `--by`; ignored when the layout is not
    /// grouped).
    ///
    /// # Errors
    /// I/O errors of `w`.
    pub fn rows<R: Record>(
        &mut self,
        group: Option<&str>,
        rows: impl IntoIterator<Item = impl Borrow<R>>,
    ) -> io::Result<()> {
        let group = if self.layout.grouped { Some(group.unwrap_or_default()) } else { None };
        let with_group = |mut cells: Vec<String>| {
            if let Some(g) = group {
                cells.insert(0, g.to_string());
            }
            cells
        };
        match self.layout.format {
            Format::Table => {
                self.table.extend(rows.into_iter().map(|r| with_group(r.borrow().table_cells())));
                Ok(())
            }
            Format::Jsonl => {
                for r in rows {
                    let r = r.borrow();
                    match group {
                        Some(group) => {
                            serde_json::to_writer(&mut self.w, &GroupLine { group, row: r })
                        }
                        None => serde_json::to_writer(&mut self.w, r),
                    }
                    .map_err(io::Error::from)?;
                    self.w.write_all(b"\n")?;
                }
                Ok(())
            }
            f => match delimiter(f) {
                Some(d) => write_delimited_rows(
                    &mut self.w,
                    d,
                    &self.header,
                    rows.into_iter().map(|r| with_group(r.borrow().cells(Floats::Exact))),
                ),
                None => Ok(()),
            },
        }
    }

    /// Draws the table (when the format is a table) and returns the output.
    ///
    /// # Errors
    /// I/O errors of `w`.
    pub fn finish(mut self) -> io::Result<W> {
        if self.layout.format == Format::Table {
            let table = std::mem::take(&mut self.table);
            let s = render_wrapped(&self.table_header, table, &self.numeric, self.layout.wrap);
            self.w.write_all(s.as_bytes())?;
        }
        Ok(self.w)
    }

    /// The output, for a line after the table.
    pub fn inner(&mut self) -> &mut W {
        &mut self.w
    }
}

/// Writes `groups` of rows (each with its `--by` key, `None` without `--by`) to `w` and
/// draws the table; returns `w`.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_groups<'r, W: Write, R: Record + 'r>(
    w: W,
    layout: Layout,
    groups: impl IntoIterator<Item = (Option<&'r str>, &'r [R])>,
) -> io::Result<W> {
    let mut rw = RowWriter::new::<R>(w, layout)?;
    for (g, rows) in groups {
        rw.rows::<R>(g, rows)?;
    }
    rw.finish()
}

fn delimiter(f: Format) -> Option<u8> {
    match f {
        Format::Csv => Some(b','),
        Format::Tsv => Some(b'\t'),
        _ => None,
    }
}

fn header(columns: &[&'static str], grouped: bool) -> Vec<&'static str> {
    let mut h = Vec::with_capacity(columns.len() + 1);
    if grouped {
        h.push("group");
    }
    h.extend_from_slice(columns);
    h
}
