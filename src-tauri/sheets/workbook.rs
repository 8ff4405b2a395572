//! A workbook as rows of cells (calamine reads XLSX, and XLS/ODS by the same
//! interface), whatever the sheet's first used cell: row 1 is always index 0.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

/// The largest workbook read, and the most rows taken from one sheet.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_ROWS: usize = 100_000;
/// Columns beyond this are ignored (registers have a dozen).
pub const MAX_COLUMNS: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// What the cell shows, as text (dates as YYYY-MM-DD).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// `rows[0]` is the sheet's row 1.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    TooLarge {
        max_mib: u64,
    },
    /// The reader gave up on it midway (it panicked on a damaged part).
    Damaged,
    /// Not a workbook calamine can open (detail from it).
    Unreadable(String),
}

/// Reads every sheet of an XLSX workbook.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    if bytes.len() > MAX_BYTES {
        return Err(WorkbookError::TooLarge {
            max_mib: (MAX_BYTES / (1024 * 1024)) as u64,
        });
    }
    // The reader is someone else's code and a workbook is anyone's file: fuzzing
    // found calamine overflowing on a damaged cell reference (it panics where
    // overflow is checked). A panic in it is a damaged workbook, not a crash.
    std::panic::catch_unwind(|| read_sheets(bytes)).unwrap_or(Err(WorkbookError::Damaged))
}

fn read_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    let mut workbook = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        let (top, left) = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top.min(MAX_ROWS)];
        for row in range.rows().take(MAX_ROWS.saturating_sub(top)) {
            let mut cells = vec![Cell::Empty; left.min(MAX_COLUMNS)];
            cells.extend(
                row.iter()
                    .take(MAX_COLUMNS.saturating_sub(left))
                    .map(cell_of),
            );
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            serial_date(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}

/// An Excel serial date (1900 date system, as Windows Excel and WPS write).
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Excel counts a 29 February 1900 that never was: from serial 61 on, the epoch
    // is 1899-12-30.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor() as i64;
    let days = if days < 61 { days + 1 } else { days };
    epoch.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_dates_as_excel_counts_them() {
        assert_eq!(serial_date(46298.0), NaiveDate::from_ymd_opt(2026, 10, 3));
        assert_eq!(serial_date(45943.5), NaiveDate::from_ymd_opt(2025, 10, 13));
        assert_eq!(serial_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_date(0.0), None);
        assert_eq!(serial_date(f64::NAN), None);
    }

    #[test]
    fn a_workbook_that_made_the_reader_overflow_is_unreadable() {
        // Found by `make fuzz` (spreadsheet_reader); kept as a regression test.
        let bytes =
            include_bytes!("../../tests/fixtures/fuzz/spreadsheet-overflowing-cell-reference.xlsx");
        assert_eq!(read(bytes), Err(WorkbookError::Damaged));
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            read(b"not a zip"),
            Err(WorkbookError::Unreadable(_))
        ));
        assert!(matches!(
            read(b"PK\x03\x04garbage"),
            Err(WorkbookError::Unreadable(_))
        ));
    }
}
