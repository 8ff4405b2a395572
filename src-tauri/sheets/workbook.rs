//! A workbook as rows of cells (calamine reads XLSX, and XLS/ODS by the same
//! interface), whatever the sheet's first used cell: row 1 is always index 0.

use std::io::Cursor;

use calamine::{DataRef, Reader};
use chrono::NaiveDate;

use super::archive::{self, ArchiveFault, Oversize, MAX_CELLS};

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
    /// Beyond what a register needs and the app will spend on reading it.
    Oversize(Oversize),
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
    archive::check(bytes).map_err(|fault| match fault {
        ArchiveFault::Oversize(o) => WorkbookError::Oversize(o),
        ArchiveFault::Unreadable(detail) => WorkbookError::Unreadable(detail),
        ArchiveFault::Damaged => WorkbookError::Damaged,
    })?;
    let mut workbook = calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let mut sheets = Vec::new();
    let mut kept = 0usize;
    for name in workbook.sheet_names() {
        // Cell by cell as the sheet lists them: nothing is sized by the sheet's
        // declared dimension or by how far apart its cells are, and cells beyond
        // the rows and columns read are passed over.
        let mut cells = workbook
            .worksheet_cells_reader(&name)
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| WorkbookError::Unreadable(e.to_string()))?
        {
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            let value = cell_of(cell.get_value());
            if value.is_empty() {
                continue;
            }
            if row >= MAX_ROWS || column >= MAX_COLUMNS {
                return Err(WorkbookError::Oversize(Oversize::Beyond {
                    cell: archive::reference(row, column),
                    rows: MAX_ROWS,
                    columns: MAX_COLUMNS,
                }));
            }
            kept += 1;
            if kept > MAX_CELLS {
                return Err(WorkbookError::Oversize(Oversize::Cells { max: MAX_CELLS }));
            }
            if rows.len() <= row {
                rows.resize(row + 1, Vec::new());
            }
            let cells_of_row = &mut rows[row];
            if cells_of_row.len() <= column {
                cells_of_row.resize(column + 1, Cell::Empty);
            }
            cells_of_row[column] = value;
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell_of(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            serial_date(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
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
    fn cells_a_million_rows_apart_are_refused_without_building_the_range() {
        // Two cells, A1 and XFD1048576, in 1.6 KB: read as a range, 549 GB.
        let bytes = include_bytes!("../../tests/fixtures/hostile/far-apart-cells.xlsx");
        assert_eq!(
            read(bytes),
            Err(WorkbookError::Oversize(Oversize::Beyond {
                cell: "XFD1048576".into(),
                rows: MAX_ROWS,
                columns: MAX_COLUMNS,
            }))
        );
    }

    #[test]
    fn a_workbook_that_inflates_to_gigabytes_is_refused_before_it_is_read() {
        let bytes = include_bytes!("../../tests/fixtures/hostile/inflates.xlsx");
        assert_eq!(
            read(bytes),
            Err(WorkbookError::Oversize(Oversize::Part {
                name: "xl/worksheets/sheet1.xml".into(),
                max_mib: archive::MAX_PART_BYTES >> 20,
            }))
        );
    }

    #[test]
    fn a_part_that_inflates_beyond_what_it_declares_is_refused() {
        // Declares 1 KiB, holds 200 MiB: the bytes are counted, not the declaration.
        let bytes = include_bytes!("../../tests/fixtures/hostile/lies-about-its-size.xlsx");
        let read = read(bytes);
        assert!(
            matches!(
                &read,
                Err(WorkbookError::Damaged | WorkbookError::Oversize(Oversize::Part { .. }))
            ),
            "{read:?}"
        );
    }

    #[test]
    fn cell_references_as_excel_writes_them() {
        assert_eq!(archive::reference(0, 0), "A1");
        assert_eq!(archive::reference(9, 25), "Z10");
        assert_eq!(archive::reference(0, 26), "AA1");
        assert_eq!(archive::reference(1_048_575, 16_383), "XFD1048576");
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
