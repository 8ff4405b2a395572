//! Importing an Excel register: adapters of the `sheets::import` service
//! (`sheet_inspect`, `sheet_import`).

use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::DepartmentId;
use crate::error::AppError;
use crate::sheets::import::{self, ImportOrder, SheetImportReport, SheetInspection};
use crate::sheets::SheetMapping;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SheetInspectRequest {
    pub path: String,
}

pub struct SheetInspect;

impl Command for SheetInspect {
    const NAME: &'static str = "sheet_inspect";
    const ACCESS: Access = Access::Needs(Action::ImportBundle);
    const SUMMARY: &'static str =
        "Read an Excel register: its sheets and the column mapping their headers suggest";
    type Request = SheetInspectRequest;
    type Response = SheetInspection;

    fn run(core: &Core, request: SheetInspectRequest) -> Result<SheetInspection, AppError> {
        import::inspect(core, &request.path)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SheetImportRequest {
    pub path: String,
    /// The department the records belong to.
    pub department_id: DepartmentId,
    pub sheets: Vec<SheetMapping>,
    #[serde(default)]
    pub dry_run: bool,
    /// Import the rows that can be taken although others cannot (after a dry run
    /// showed which and why). Without it, any rejected row refuses the import.
    #[serde(default)]
    pub skip_rejected: bool,
}

pub struct SheetImport;

impl Command for SheetImport {
    const NAME: &'static str = "sheet_import";
    const ACCESS: Access = Access::Needs(Action::ImportBundle);
    const SUMMARY: &'static str =
        "Import an Excel register through a column mapping (all or nothing); with dryRun, report every row";
    type Request = SheetImportRequest;
    type Response = SheetImportReport;

    fn run(core: &Core, request: SheetImportRequest) -> Result<SheetImportReport, AppError> {
        import::import(
            core,
            ImportOrder {
                path: &request.path,
                department_id: request.department_id,
                sheets: &request.sheets,
                dry_run: request.dry_run,
                skip_rejected: request.skip_rejected,
            },
        )
    }
}
