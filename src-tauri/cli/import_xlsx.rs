//! `qinqing import-xlsx`.

use std::io::Write;

use super::context::{failure, open_core, write_serialized, CliFailure, GlobalArgs};
use crate::commands::run_checked;
use crate::commands::sheet_import::{
    SheetImport, SheetImportRequest, SheetInspect, SheetInspectRequest,
};

/// `qinqing import-xlsx`: the mapping each sheet's header suggests, then the import
/// (or its dry run) of every sheet it recognises.
pub(crate) fn import_xlsx(
    global: &GlobalArgs,
    file: &std::path::Path,
    department: &str,
    dry_run: bool,
    skip_rejected: bool,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let fail = failure(&core);
    let path = file.to_string_lossy().into_owned();
    let department_id = super::findings::resolve_department(&core, department).map_err(fail)?;
    let inspection = run_checked::<SheetInspect>(&core, SheetInspectRequest { path: path.clone() })
        .map_err(fail)?;
    let report = run_checked::<SheetImport>(
        &core,
        SheetImportRequest {
            path,
            department_id,
            sheets: inspection.sheets.into_iter().map(|s| s.suggested).collect(),
            dry_run,
            skip_rejected,
        },
    )
    .map_err(fail)?;
    write_serialized(stdout, &report)
}
