//! Restoring a backup: the file checked first (integrity, schema, audit chain) in a
//! scratch copy, the signed acts it would lose listed and confirmed, the replaced
//! database kept as a backup, then the swap.

use serde::Serialize;
use ts_rs::TS;

use super::{backup_name, backups_dir, make, tempfile_dir};
use crate::core::Core;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::backup::{self as store_backup, BackupSummary, Unrestorable};
use crate::store::checkpoints::LostCheckpoint;
use crate::store::keyslots::{KeyError, RecoveryKey};
use crate::store::vault::Credential;

/// What to restore, and how far.
pub struct RestoreOrder<'a> {
    pub path: &'a str,
    /// Only check the file and say what it holds.
    pub dry_run: bool,
    /// The signed acts the backup does not keep may be lost.
    pub confirm_loss: bool,
    /// The passphrase of the person signed in, for a backup under another key…
    pub passphrase: Option<&'a str>,
    /// …or its recovery key.
    pub recovery_key: Option<&'a str>,
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

/// Checks the backup `order` names and, unless it is a dry run, restores it.
pub fn restore(core: &Core, order: RestoreOrder<'_>) -> Result<RestoreReport, AppError> {
    let path = crate::files::chosen::chosen_path(order.path)?;
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
    let recovery = match order.recovery_key {
        Some(text) => Some(RecoveryKey::parse(text).ok_or(KeyError::WrongRecoveryKey)?),
        None => None,
    };
    let credential = match (&recovery, order.passphrase, core.session()) {
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
    if order.dry_run {
        return Ok(RestoreReport {
            summary,
            kept_as: None,
            restored: false,
            lost,
        });
    }
    if let Some(last) = lost.last().filter(|_| !order.confirm_loss) {
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
