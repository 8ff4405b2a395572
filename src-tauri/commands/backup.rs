//! Backup and restore commands: a backup now (to the backups folder or a chosen
//! file), the backups kept, checking a file before restoring it, restoring it (the
//! replaced database is kept as a backup first), and the daily automatic backup with
//! its retention.

use std::path::{Path, PathBuf};

use crate::store::keyslots::{KeyError, RecoveryKey};
use crate::store::vault::Credential;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::audit::{self, ChainHead};
use crate::store::backup::{self as store_backup, BackupSummary, Unrestorable};
use crate::store::checkpoints::LostCheckpoint;
use crate::store::settings;

/// Automatic backups kept unless the administrator says otherwise.
pub const DEFAULT_RETENTION: u32 = 14;
const RETENTION_KEY: &str = "backup_retention";
const MAX_RETENTION: u32 = 365;

fn backups_dir(core: &Core) -> PathBuf {
    core.location().backups_dir()
}

fn stem(core: &Core) -> String {
    core.location()
        .database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "qinqing".into())
}

/// `<database>-<kind>-YYYYMMDD-HHMMSS.sqlite3`, in China time like everything dated.
fn backup_name(core: &Core, kind: &str, at: DateTime<Utc>) -> String {
    format!(
        "{}-{kind}-{}.sqlite3",
        stem(core),
        at.with_timezone(&crate::domain::bureau_time::zone())
            .format("%Y%m%d-%H%M%S")
    )
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupMade {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub audit_head: ChainHead,
}

/// Takes a backup to `target` now.
fn make(core: &Core, target: &Path) -> Result<BackupMade, AppError> {
    let store = core.store();
    let key = core.data_key();
    let bytes = store_backup::write_backup(store.reader(), key.as_ref(), target)
        .map_err(super::path_unwritable)?;
    // The key slots beside it: the backup opens with the same passphrases.
    core.copy_key_slots_to(target)?;
    Ok(BackupMade {
        path: target.to_string_lossy().into_owned(),
        bytes,
        audit_head: audit::head(store.reader())?,
    })
}

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
        let target = match request.path.as_deref().map(str::trim) {
            Some("") => return Err(fail(path!["path"], Problem::Required)),
            Some(path) => PathBuf::from(path),
            None => backups_dir(core).join(backup_name(core, "manual", core.now())),
        };
        if target == core.location().database {
            return Err(fail(
                path!["path"],
                Problem::FileUnwritable {
                    detail: "the open database itself".into(),
                },
            ));
        }
        make(core, &target)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Made by the daily automatic backup (kept by the retention setting).
    pub automatic: bool,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupListRequest {}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupFile>,
    pub retention: u32,
}

fn list_backups(core: &Core) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(core));
    let mut out: Vec<BackupFile> = std::fs::read_dir(backups_dir(core))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?;
            if !name.ends_with(".sqlite3") {
                return None;
            }
            Some(BackupFile {
                path: entry.path().to_string_lossy().into_owned(),
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                automatic: rest.starts_with("auto-"),
                name,
            })
        })
        .collect();
    // The names end in the time they were made: newest first.
    out.sort_by(|a, b| {
        let tail = |f: &BackupFile| f.name.rsplit('-').take(2).collect::<Vec<_>>().concat();
        tail(b).cmp(&tail(a)).then(b.name.cmp(&a.name))
    });
    out
}

fn retention(core: &Core) -> Result<u32, AppError> {
    Ok(settings::get(&core.reader(), RETENTION_KEY)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RETENTION))
}

pub struct BackupListCommand;

impl Command for BackupListCommand {
    const NAME: &'static str = "backup_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "The backups in the backups folder, newest first, and the retention";
    type Request = BackupListRequest;
    type Response = BackupList;

    fn run(core: &Core, _: BackupListRequest) -> Result<BackupList, AppError> {
        Ok(BackupList {
            folder: backups_dir(core).to_string_lossy().into_owned(),
            backups: list_backups(core),
            retention: retention(core)?,
        })
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
        if !(1..=MAX_RETENTION).contains(&request.retention) {
            return Err(fail(
                path!["retention"],
                Problem::OutOfRange {
                    min: 1,
                    max: i64::from(MAX_RETENTION),
                },
            ));
        }
        let stamp = core.stamp();
        core.store()
            .write(|tx| settings::set(tx, &stamp, RETENTION_KEY, &request.retention.to_string()))?;
        BackupListCommand::run(core, BackupListRequest {})
    }
}

/// Makes today's automatic backup unless one was made today, then keeps only the
/// newest `retention` automatic ones. Returns the backup made, if any. The window
/// calls it at start; it is also a command, for the CLI and a scheduler.
pub fn daily(core: &Core) -> Result<Option<BackupMade>, AppError> {
    let today = backup_name(core, "auto", core.now());
    // `<stem>-auto-YYYYMMDD-`: the day's part of the name.
    let day_prefix = &today[..today.len() - "HHMMSS.sqlite3".len()];
    let existing = list_backups(core);
    let made = if existing.iter().any(|b| b.name.starts_with(day_prefix)) {
        None
    } else {
        Some(make(core, &backups_dir(core).join(&today))?)
    };
    let keep = retention(core)? as usize;
    for old in list_backups(core)
        .into_iter()
        .filter(|b| b.automatic)
        .skip(keep)
    {
        let _ = std::fs::remove_file(&old.path);
        let _ = std::fs::remove_file(crate::store::keyslots::key_file_path(Path::new(&old.path)));
    }
    Ok(made)
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
        daily(core)
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

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub summary: BackupSummary,
    /// The database as it was before the restore, kept as a backup (none on a dry run).
    #[ts(optional)]
    pub kept_as: Option<String>,
    pub restored: bool,
    /// Signed acts of this database that the backup does not keep (it is older) or
    /// contradicts (its history was rewritten): restoring loses them, and needs
    /// `confirmLoss`.
    pub lost: Vec<LostCheckpoint>,
}

fn refusal(e: Unrestorable) -> AppError {
    let problem = match e {
        Unrestorable::Store(inner) => return inner.into(),
        Unrestorable::NotADatabase(_) => Problem::BackupNotADatabase,
        Unrestorable::Damaged(detail) => Problem::BackupDamaged { detail },
        Unrestorable::TooNew { found, supported } => Problem::BackupTooNew { found, supported },
        Unrestorable::AuditFailed(first) => Problem::BackupAuditFailed {
            detail: format!("{first:?}"),
        },
    };
    fail(path!["path"], problem)
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
        let path = super::chosen_path(&request.path)?;
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => {}
            // A device or a pipe: SQLite would read it forever, or wait on it.
            Ok(_) => return Err(fail(path!["path"], Problem::NotAFile)),
            Err(e) => {
                return Err(fail(
                    path!["path"],
                    Problem::FileUnreadable {
                        detail: e.to_string(),
                    },
                ))
            }
        }
        let recovery = match request.recovery_key.as_deref() {
            Some(text) => Some(RecoveryKey::parse(text).ok_or(KeyError::WrongRecoveryKey)?),
            None => None,
        };
        let credential = match (&recovery, request.passphrase.as_deref(), core.session()) {
            (Some(recovery), _, _) => Credential::Recovery(recovery),
            (None, Some(passphrase), Some(profile_id)) => Credential::Profile {
                profile_id,
                passphrase,
            },
            _ => Credential::Nothing,
        };
        let source_key = core.key_of_backup(&path, credential)?;
        let key = core.data_key();
        let scratch = tempfile_dir(core)?;
        let stamp = core.stamp();
        let summary = store_backup::check(
            &path,
            scratch.path(),
            &stamp,
            source_key.as_ref(),
            key.as_ref(),
        )
        .map_err(refusal)?;
        let lost = store_backup::lost_checkpoints(&core.reader(), scratch.path(), key.as_ref())?;
        if request.dry_run {
            return Ok(RestoreReport {
                summary,
                kept_as: None,
                restored: false,
                lost,
            });
        }
        if let Some(last) = lost.last().filter(|_| !request.confirm_loss) {
            return Err(fail(
                path!["confirmLoss"],
                Problem::RestoreLosesSignedActs {
                    count: lost.len() as u32,
                    last: format!(
                        "#{} {} {}",
                        last.checkpoint.seq, last.checkpoint.signed_by, last.checkpoint.signed_at
                    ),
                },
            ));
        }
        let kept = backups_dir(core).join(backup_name(core, "before-restore", core.now()));
        make(core, &kept)?;
        let event = serde_json::json!({
            "from": path.to_string_lossy(),
            "keptAs": kept.to_string_lossy(),
            "restoredHead": summary.audit_head,
            // What the administrator confirmed losing: the checkpoints, by row.
            "lostCheckpoints": lost.iter().map(|l| l.checkpoint.seq).collect::<Vec<_>>(),
        });
        let checked = store_backup::checked_copy(scratch.path());
        core.store()
            .restore_from(&checked, key.as_ref(), &stamp, &event)?;
        Ok(RestoreReport {
            summary,
            kept_as: Some(kept.to_string_lossy().into_owned()),
            restored: true,
            lost,
        })
    }
}

/// A scratch folder beside the database (same disk, so the check's copy fits where
/// the database does), removed when dropped.
fn tempfile_dir(core: &Core) -> Result<ScratchDir, AppError> {
    let dir = backups_dir(core).join(format!(".check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(super::path_unwritable)?;
    Ok(ScratchDir(dir))
}

struct ScratchDir(PathBuf);

impl ScratchDir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
