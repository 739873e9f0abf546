//! Terminal tables (comfy-table).

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::IsTerminal;

/// Builds a table with `header` and `rows`. Columns listed in `numeric` are right-aligned.
/// The table wraps to the terminal width when stdout is a terminal.
pub fn render(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    numeric: &[usize],
) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    if std::io::stdout().is_terminal() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.force_no_tty();
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
