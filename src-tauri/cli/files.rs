//! `qinqing export`, `print`, `backup` and `restore`: files written or read where the
//! command line says, through the same commands (and access checks) as the window.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::context::{
    failure, open_core, write_json, write_serialized, CliFailure, GlobalArgs, PASSPHRASE_ENV,
};
use crate::commands::backup::{BackupCreate, BackupCreateRequest, Restore, RestoreRequest};
use crate::commands::{self, run_checked};

/// `qinqing export --format xlsx|csv|pdf`.
pub(crate) fn export(
    global: &GlobalArgs,
    format: &str,
    out: &Path,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let request = serde_json::json!({
        "filter": {"from": from, "to": to},
        "format": format,
        "path": out.to_string_lossy(),
    });
    let done = commands::dispatch(&core, "records_export", request).map_err(failure(&core))?;
    write_json(stdout, &done)
}

/// `qinqing print --id`: one record printed whole.
pub(crate) fn print(
    global: &GlobalArgs,
    id: uuid::Uuid,
    out: &Path,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let request = serde_json::json!({"id": id, "path": out.to_string_lossy()});
    let done = commands::dispatch(&core, "record_print", request).map_err(failure(&core))?;
    write_json(stdout, &done)
}

/// `qinqing backup`.
pub(crate) fn backup(
    global: &GlobalArgs,
    out: Option<PathBuf>,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let made = run_checked::<BackupCreate>(
        &core,
        BackupCreateRequest {
            path: out.map(|p| p.to_string_lossy().into_owned()),
        },
    )
    .map_err(failure(&core))?;
    write_serialized(stdout, &made)
}

/// `qinqing restore`.
pub(crate) fn restore(
    global: &GlobalArgs,
    file: &Path,
    dry_run: bool,
    confirm_loss: bool,
    backup_recovery_key_file: Option<PathBuf>,
    stdout: &mut dyn Write,
) -> Result<(), CliFailure> {
    let core = open_core(global)?;
    let recovery_key = backup_recovery_key_file
        .map(|path| {
            crate::files::chosen::read_chosen_file_as(&path, 4096, "recoveryKeyFile")
                .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned().into())
        })
        .transpose()
        .map_err(failure(&core))?;
    let report = run_checked::<Restore>(
        &core,
        RestoreRequest {
            path: file.to_string_lossy().into_owned(),
            dry_run,
            confirm_loss,
            // A backup of this database opens with its key; one of another key with the
            // --as passphrase (when set in the environment: no second prompt) or the
            // backup's recovery key.
            passphrase: std::env::var(PASSPHRASE_ENV).ok().map(Into::into),
            recovery_key,
        },
    )
    .map_err(failure(&core))?;
    write_serialized(stdout, &report)
}
