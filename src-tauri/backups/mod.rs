//! Backups of the database: made now (to the backups folder or a chosen file), the
//! ones kept, the daily automatic one with its retention, and restoring one
//! (`restore.rs`). Each backup is a consistent copy with the key slots beside it, so it
//! opens with the same passphrases.

pub mod restore;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::core::Core;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::audit::{self, ChainHead};
use crate::store::backup as store_backup;
use crate::store::cipher::{self, FileState};
use crate::store::settings;

/// Automatic backups kept unless the administrator says otherwise.
pub const DEFAULT_RETENTION: u32 = 14;
const RETENTION_KEY: &str = "backup_retention";
const MAX_RETENTION: u32 = 365;

pub fn backups_dir(core: &Core) -> PathBuf {
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
        .map_err(crate::files::chosen::path_unwritable)?;
    // The key slots beside it: the backup opens with the same passphrases.
    core.copy_key_slots_to(target)?;
    Ok(BackupMade {
        path: target.to_string_lossy().into_owned(),
        bytes,
        audit_head: audit::head(store.reader())?,
    })
}

/// Takes a backup now: to `path` when given (not the open database itself), else to a
/// new file in the backups folder.
pub fn create(core: &Core, path: Option<&str>) -> Result<BackupMade, AppError> {
    let target = match path.map(str::trim) {
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

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Made by the daily automatic backup (kept by the retention setting).
    pub automatic: bool,
    /// A plain copy beside an encrypted database (its encryption failed when the
    /// database was encrypted): anyone with the file can read it.
    pub unencrypted: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupFile>,
    pub retention: u32,
}

/// The backups folder, its backups (newest first) and the retention.
pub fn list(core: &Core) -> Result<BackupList, AppError> {
    Ok(BackupList {
        folder: backups_dir(core).to_string_lossy().into_owned(),
        backups: list_backups(core),
        retention: retention(core)?,
    })
}

/// Sets how many daily automatic backups to keep (1–365; audited).
pub fn set_retention(core: &Core, retention: u32) -> Result<BackupList, AppError> {
    if !(1..=MAX_RETENTION).contains(&retention) {
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
        .write(|tx| settings::set(tx, &stamp, RETENTION_KEY, &retention.to_string()))?;
    list(core)
}

fn list_backups(core: &Core) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(core));
    let encrypted_here = core.data_key().is_some();
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
                unencrypted: encrypted_here
                    && cipher::file_state(&entry.path()).ok() == Some(FileState::Plain),
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

/// [`daily`] on a thread of its own, beside the window (it holds the store for a
/// moment): at start and at the sign-in that opens an encrypted database. A failure
/// is logged, never fatal.
pub fn daily_beside(core: std::sync::Arc<Core>) {
    std::thread::spawn(move || {
        if let Err(err) = daily(&core) {
            eprintln!("{}", err.message(core.lang()));
        }
    });
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

/// A scratch folder beside the database (same disk, so the check's copy fits where
/// the database does), removed when dropped.
pub(crate) fn tempfile_dir(core: &Core) -> Result<ScratchDir, AppError> {
    let dir = backups_dir(core).join(format!(".check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(crate::files::chosen::path_unwritable)?;
    Ok(ScratchDir(dir))
}

pub(crate) struct ScratchDir(PathBuf);

impl ScratchDir {
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
