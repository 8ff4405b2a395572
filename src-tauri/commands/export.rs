//! Exporting the records a filter selects to a spreadsheet (XLSX or CSV) for
//! auditors, or as a print-ready PDF list, and printing one record whole, written
//! where the person chose.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::records::RecordId;
use crate::error::{fail, AppError, Problem};
use crate::export::{self, ExportError, ExportFormat};
use crate::path;
use crate::store::records::RecordFilter;
use crate::store::{profiles, settings, StoreError};

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
        "Export the records a filter selects to XLSX or CSV (Chinese headers, number and date cells), or print them as a PDF list";
    type Request = RecordsExportRequest;
    type Response = RecordsExported;

    fn run(core: &Core, request: RecordsExportRequest) -> Result<RecordsExported, AppError> {
        let target = crate::files::chosen::chosen_path(&request.path)?;
        let (rows, bureau) = {
            let reader = core.reader();
            let rows = export::rows(&reader, &request.filter, request.format.max_rows())
                .map_err(refusal)?;
            let bureau = settings::get(&reader, settings::BUREAU_NAME)?.unwrap_or_default();
            (rows, bureau)
        };
        let printing = export::Printing {
            bureau: &bureau,
            at: core.stamp().at,
        };
        let bytes = export::write(&rows, request.format, &printing).map_err(refusal)?;
        let path = crate::files::chosen::write_chosen(&target, &bytes)?;
        Ok(RecordsExported {
            path,
            rows: rows.len() as u64,
            bytes: bytes.len() as u64,
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordPrintRequest {
    pub id: RecordId,
    /// Where to write the PDF (the system save dialog's choice, or `--out`).
    pub path: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordPrinted {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

pub struct RecordPrint;

impl Command for RecordPrint {
    const NAME: &'static str = "record_print";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Print one record whole as a PDF: its fields, expenses and settlement, findings, attachments and history";
    type Request = RecordPrintRequest;
    type Response = RecordPrinted;

    fn run(core: &Core, request: RecordPrintRequest) -> Result<RecordPrinted, AppError> {
        let target = crate::files::chosen::chosen_path(&request.path)?;
        let stamp = core.stamp();
        let (sheet, bureau, printed_by) = {
            let reader = core.reader();
            let sheet = export::record_sheet::sheet(&reader, request.id, core.today())
                .map_err(refusal)?
                .ok_or_else(|| StoreError::not_found("record", request.id))?;
            let bureau = settings::get(&reader, settings::BUREAU_NAME)?.unwrap_or_default();
            let printed_by = profiles::actor_name(&reader, &stamp.actor)?;
            (sheet, bureau, printed_by)
        };
        let printing = export::Printing {
            bureau: &bureau,
            at: stamp.at,
        };
        let bytes = export::record_sheet::write(
            &sheet,
            &printing,
            &export::record_sheet::actor_in_words(&printed_by),
        )
        .map_err(refusal)?;
        let path = crate::files::chosen::write_chosen(&target, &bytes)?;
        Ok(RecordPrinted {
            path,
            bytes: bytes.len() as u64,
        })
    }
}

fn refusal(e: ExportError) -> AppError {
    match e {
        ExportError::TooMany { rows, max } => fail(
            path!["filter"],
            Problem::TooManyRows {
                rows: rows as u64,
                max: max as u64,
            },
        ),
        ExportError::Xlsx(detail) | ExportError::Pdf(detail) => AppError::Internal(detail),
        ExportError::Store(e) => e.into(),
    }
}
