//! Backup and restore commands: adapters of the `backups` service (a backup now, the
//! ones kept, the retention, the daily automatic one, checking and restoring a file).

use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::backups::restore::{self, RestoreOrder, RestoreReport};
use crate::backups::{self, BackupList, BackupMade};
use crate::core::Core;
use crate::domain::access::Action;
use crate::error::AppError;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupCreateRequest {
    /// Where to write it; by default a new file in the backups folder.
    #[serde(default)]
    #[ts(optional)]
    pub path: Option<String>,
}

pub struct BackupCreate;

impl Command for BackupCreate {
    const NAME: &'static str = "backup_create";
    const ACCESS: Access = Access::Needs(Action::BackupDatabase);
    const SUMMARY: &'static str =
        "Back up the whole database now (a consistent copy, while the app runs)";
    type Request = BackupCreateRequest;
    type Response = BackupMade;

    fn run(core: &Core, request: BackupCreateRequest) -> Result<BackupMade, AppError> {
        backups::create(core, request.path.as_deref())
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupListRequest {}

pub struct BackupListCommand;

impl Command for BackupListCommand {
    const NAME: &'static str = "backup_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "The backups in the backups folder, newest first, and the retention";
    type Request = BackupListRequest;
    type Response = BackupList;

    fn run(core: &Core, _: BackupListRequest) -> Result<BackupList, AppError> {
        backups::list(core)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupRetentionRequest {
    /// How many daily automatic backups to keep (1–365).
    pub retention: u32,
}

pub struct BackupRetention;

impl Command for BackupRetention {
    const NAME: &'static str = "backup_retention_save";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str = "How many daily automatic backups to keep (audited)";
    type Request = BackupRetentionRequest;
    type Response = BackupList;

    fn run(core: &Core, request: BackupRetentionRequest) -> Result<BackupList, AppError> {
        backups::set_retention(core, request.retention)
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupDailyRequest {}

pub struct BackupDaily;

impl Command for BackupDaily {
    const NAME: &'static str = "backup_daily";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str =
        "Make today's automatic backup if there is none yet, and apply the retention";
    type Request = BackupDailyRequest;
    type Response = Option<BackupMade>;

    fn run(core: &Core, _: BackupDailyRequest) -> Result<Option<BackupMade>, AppError> {
        backups::daily(core)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RestoreRequest {
    /// The backup to restore (a file from the backups folder or chosen in a dialog).
    pub path: String,
    /// Only check the file and say what it holds; change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// An administrator's confirmation that the signed acts the backup does not keep
    /// (listed by the dry run) will be lost.
    #[serde(default)]
    pub confirm_loss: bool,
    /// For a backup encrypted under another key than this database's (another
    /// installation's, or from before a re-key): the passphrase of the person signed
    /// in, who must have a key slot in it…
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase: Option<crate::signing::Secret>,
    /// …or its recovery key.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub recovery_key: Option<crate::signing::Secret>,
}

pub struct Restore;

impl Command for Restore {
    const NAME: &'static str = "backup_restore";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str =
        "Check a backup (integrity, schema, audit chain) and restore it; the replaced database is kept";
    type Request = RestoreRequest;
    type Response = RestoreReport;

    fn run(core: &Core, request: RestoreRequest) -> Result<RestoreReport, AppError> {
        restore::restore(
            core,
            RestoreOrder {
                path: &request.path,
                dry_run: request.dry_run,
                confirm_loss: request.confirm_loss,
                passphrase: request.passphrase.as_deref(),
                recovery_key: request.recovery_key.as_deref(),
            },
        )
    }
}
