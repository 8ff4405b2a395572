//! Records as a spreadsheet for auditors: the rows a filter selects, one record per
//! row with Chinese headers, written as XLSX (real number and date cells) or as CSV
//! (UTF-8 with a byte-order mark, so Excel opens it as Unicode); and one record
//! printed whole (`record_sheet`).

mod csv;
mod pdf;
pub mod record_sheet;
mod row;
mod xlsx;

pub use pdf::Printing;
pub use row::{ExportError, Row, HEADERS};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::directory::Department;
use crate::register::{labels, summary, Names};
use crate::store::directory;
use crate::store::records::{self, RecordFilter};

/// The file formats records are exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    Xlsx,
    Csv,
    /// A print-ready list, opened in the system's viewer to print.
    Pdf,
}

/// The most rows an export writes (an XLSX sheet holds 1,048,576).
pub const MAX_ROWS: usize = 1_000_000;

/// The most rows a printed list holds (about 250 pages).
pub const MAX_PRINTED_ROWS: usize = 5_000;

impl ExportFormat {
    /// The most rows one file of this format takes.
    pub fn max_rows(self) -> usize {
        match self {
            ExportFormat::Xlsx | ExportFormat::Csv => MAX_ROWS,
            ExportFormat::Pdf => MAX_PRINTED_ROWS,
        }
    }
}

/// Every record `filter` selects (in the list's order), as rows; refuses more than
/// `max`.
pub fn rows(conn: &Connection, filter: &RecordFilter, max: usize) -> Result<Vec<Row>, ExportError> {
    let total = records::totals(conn, filter)?.count as usize;
    if total > max {
        return Err(ExportError::TooMany { rows: total, max });
    }
    let names = Names::load(conn)?;
    let departments: std::collections::HashMap<_, _> = directory::list::<Department>(conn, false)?
        .into_iter()
        .map(|d| (d.id, d.value.name))
        .collect();
    let mut out = Vec::with_capacity(total);
    let mut after = None;
    loop {
        let page = records::list(conn, filter, after.as_ref(), 500)?;
        for (record, status) in page.items.iter().zip(&page.reviews) {
            out.push(Row {
                date: record.date,
                kind: labels::kind(record.body.kind()),
                department: departments
                    .get(&record.department_id)
                    .cloned()
                    .unwrap_or_default(),
                officials: names.officials(&record.body.official_ids()),
                counterparts: names.counterparts(&record.body.counterpart_ids()),
                summary: summary(record, &names),
                amount: record.amount,
                status: labels::status(*status),
                cancelled: record.cancelled,
                note: record.note.clone(),
                entered_by: record.entered_by_name.clone(),
                entered_at: record.entered_at.clone(),
                id: record.id.to_string(),
            });
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok(out)
}

/// The file's bytes (a printed list says who printed it and when).
pub fn write(
    rows: &[Row],
    format: ExportFormat,
    printing: &Printing<'_>,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Csv => Ok(csv::write(rows)),
        ExportFormat::Xlsx => xlsx::write(rows),
        ExportFormat::Pdf => pdf::write(rows, printing),
    }
}
