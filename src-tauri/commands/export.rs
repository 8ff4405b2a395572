//! Exporting the records a filter selects to a spreadsheet (XLSX or CSV) for
//! auditors, written where the person chose.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Access, Command};
use crate::core::Core;
use crate::domain::validation::fail;
use crate::error::{AppError, Problem};
use crate::export::{self, ExportError, ExportFormat};
use crate::path;
use crate::store::records::RecordFilter;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordsExportRequest {
    #[serde(default)]
    pub filter: RecordFilter,
    pub format: ExportFormat,
    /// Where to write the file (the system save dialog's choice, or `--out`).
    pub path: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordsExported {
    pub path: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

pub struct RecordsExport;

impl Command for RecordsExport {
    const NAME: &'static str = "records_export";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Export the records a filter selects to XLSX or CSV (Chinese headers, number and date cells)";
    type Request = RecordsExportRequest;
    type Response = RecordsExported;

    fn run(core: &Core, request: RecordsExportRequest) -> Result<RecordsExported, AppError> {
        let path = request.path.trim();
        if path.is_empty() {
            return Err(fail(path!["path"], Problem::Required));
        }
        let rows = {
            let reader = core.reader();
            export::rows(&reader, &request.filter).map_err(refusal)?
        };
        let bytes = export::write(&rows, request.format).map_err(refusal)?;
        let target = std::path::PathBuf::from(path);
        crate::files::write_atomic(&target, &bytes).map_err(super::path_unwritable)?;
        Ok(RecordsExported {
            path: target.to_string_lossy().into_owned(),
            rows: rows.len() as u64,
            bytes: bytes.len() as u64,
        })
    }
}

fn refusal(e: ExportError) -> AppError {
    match e {
        ExportError::TooMany { rows } => fail(
            path!["filter"],
            Problem::TooManyRows {
                rows: rows as u64,
                max: export::MAX_ROWS as u64,
            },
        ),
        ExportError::Xlsx(detail) => AppError::Internal(detail),
        ExportError::Store(e) => e.into(),
    }
}
