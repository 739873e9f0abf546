//! Terminal tables (comfy-table).

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::IsTerminal;

/// Whether a table is wrapped to a width, resolved once per run from where the output goes
/// (never from the process's stdout alone: a file written with `-o` is not wrapped even
/// when the command runs in a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wrap {
    /// Cells are never wrapped: files and pipes.
    #[default]
    None,
    /// Cells are wrapped to the terminal's width (the table goes to a terminal).
    Terminal,
}

impl Wrap {
    /// [`Wrap::Terminal`] when the output is stdout (`to_file` false) and stdout is a
    /// terminal, else [`Wrap::None`].
    pub fn for_output(to_file: bool) -> Wrap {
        if !to_file && std::io::stdout().is_terminal() { Wrap::Terminal } else { Wrap::None }
    }
}

/// Builds a table with `header` and `rows`, wrapped as `wrap` says. Columns listed in
/// `numeric` are right-aligned. Returns the table followed by a newline.
pub fn render_wrapped(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    numeric: &[usize],
    wrap: Wrap,
) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    match wrap {
        Wrap::Terminal => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        Wrap::None => {
            t.force_no_tty();
        }
    }
    t.set_header(header.iter().copied());
    for row in rows {
        t.add_row(row);
    }
    for &i in numeric {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut s = t.to_string();
    s.push('\n');
    s
}

/// [`render_wrapped`] for stdout: wrapped when stdout is a terminal. For a table that may
/// go to a file, use [`render_wrapped`] with the run's [`Wrap`].
pub fn render(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    numeric: &[usize],
) -> String {
    render_wrapped(header, rows, numeric, Wrap::for_output(false))
}
