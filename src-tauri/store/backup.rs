//! Backups of the whole store and restoring one: a consistent copy taken with
//! SQLite's online backup API while the app runs, a file from elsewhere checked
//! (integrity, schema version, audit chain) before it replaces anything, and the
//! replaced database kept as a backup of its own.

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::audit::{self, ChainHead, Change, Stamp};
use super::cipher::apply_key;
use super::error::StoreError;
use super::integrity::{self, AuditProblem};
use super::keyslots::DataKey;
use super::{schema, Store};

/// What a backup file holds, as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    pub schema_version: u32,
    #[ts(type = "number")]
    pub records: i64,
    #[ts(type = "number")]
    pub audit_rows: i64,
    pub audit_head: ChainHead,
}

/// Why a file cannot be restored. Nothing has been changed when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum Unrestorable {
    #[error("not a database this app can read: {0}")]
    NotADatabase(String),
    #[error("the database file is damaged: {0}")]
    Damaged(String),
    #[error("written by a newer version of the app (schema {found}, this app {supported})")]
    TooNew { found: u32, supported: u32 },
    #[error("its audit log does not vouch for its data: {0:?}")]
    AuditFailed(AuditProblem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The temporary file a copy is written to before it takes its real name.
fn partial(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

/// Copies every page of `from` into `to` in one step: a read transaction on the
/// source for the whole copy, so the copy is one consistent state even while another
/// process keeps writing (WAL lets it).
fn copy(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Another connection held a lock for a moment: try again.
            StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            StepResult::More => {}
            _ => {}
        }
    }
}

/// Writes a consistent copy of the open database to `target`: to a temporary file
/// beside it, synced, then renamed, so a crash never leaves half a backup under the
/// real name. The copy is encrypted under `key`, the open database's own key (SQLite's
/// backup copies pages, which stay encrypted as they are). Returns its size.
pub fn write_backup(
    conn: &Connection,
    key: Option<&DataKey>,
    target: &Path,
) -> Result<u64, StoreError> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let temp = partial(target);
    let _ = std::fs::remove_file(&temp);
    let result = (|| {
        let mut out = Connection::open(&temp)?;
        apply_key(&out, key)?;
        copy(conn, &mut out)?;
        // One self-contained file: no -wal beside it.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        out.close().map_err(|(_, e)| StoreError::from(e))?;
        crate::files::commit_file(&temp, target).map_err(io(target))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result?;
    Ok(std::fs::metadata(target).map_err(io(target))?.len())
}

/// Checks a file to restore without changing anything: a SQLite database that passes
/// `integrity_check`, of this app's schema or an older one, whose audit log vouches
/// for all its data (checked on a migrated copy in `scratch`, a directory the caller
/// owns). The backup is read under `source_key` (its own key; `None`: a plain
/// backup) and the copy is written under `key`, the open database's.
pub fn check(
    path: &Path,
    scratch: &Path,
    stamp: &Stamp,
    source_key: Option<&DataKey>,
    key: Option<&DataKey>,
) -> Result<BackupSummary, Unrestorable> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let source = Connection::open_with_flags(path, flags)
        .map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    apply_key(&source, source_key).map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    source
        .pragma_update(None, "trusted_schema", "OFF")
        .and_then(|()| source.pragma_update(None, "cell_size_check", "ON"))
        .map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    let verdict: String = source
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    if verdict != "ok" {
        return Err(Unrestorable::Damaged(verdict));
    }
    let found =
        schema::user_version(&source).map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    if found > schema::CURRENT_VERSION {
        return Err(Unrestorable::TooNew {
            found,
            supported: schema::CURRENT_VERSION,
        });
    }
    let is_ours: bool = source
        .query_row(
            "SELECT COUNT(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('audit', 'setting')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| Unrestorable::NotADatabase(e.to_string()))?;
    if !is_ours {
        return Err(Unrestorable::NotADatabase("no audit log".into()));
    }
    let copy_path = checked_copy(scratch);
    let _ = std::fs::remove_file(&copy_path);
    let unreadable = |e: StoreError| Unrestorable::NotADatabase(e.to_string());
    drop(source);
    reencrypt(path, source_key, &copy_path, key, found).map_err(unreadable)?;
    // Upgraded as the app would open it, so the audit check sees today's tables.
    let upgraded = Store::open_keyed(&copy_path, key, stamp).map_err(unreadable)?;
    let report = integrity::verify(upgraded.reader()).map_err(unreadable)?;
    if let Some(first) = report.problems.into_iter().next() {
        return Err(Unrestorable::AuditFailed(first));
    }
    let records: i64 = upgraded
        .reader()
        .query_row("SELECT COUNT(*) FROM record", [], |r| r.get(0))
        .map_err(|e| unreadable(e.into()))?;
    Ok(BackupSummary {
        schema_version: found,
        records,
        audit_rows: report.rows_checked,
        audit_head: report.head,
    })
}

/// Copies the database at `from` (under `from_key`) into a new file `to` under `key`,
/// page by page re-encrypted (SQLCipher's export), with its schema version.
fn reencrypt(
    from: &Path,
    from_key: Option<&DataKey>,
    to: &Path,
    key: Option<&DataKey>,
    version: u32,
) -> Result<(), StoreError> {
    let conn = Connection::open(to)?;
    apply_key(&conn, key)?;
    let source_key = match from_key {
        Some(k) => format!("\"x'{}'\"", *k.hex()),
        // An empty key attaches a plain database.
        None => "''".to_owned(),
    };
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS source KEY {source_key}"),
        [from.to_string_lossy()],
    )?;
    conn.query_row("SELECT sqlcipher_export('main', 'source')", [], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "DETACH DATABASE source; PRAGMA user_version = {version};"
    ))?;
    Ok(())
}

/// Where [`check`] leaves the upgraded copy it checked, for the restore to take.
pub fn checked_copy(scratch: &Path) -> PathBuf {
    scratch.join("restore-check.sqlite3")
}

/// The signed acts of the database `current` holds that the backup checked into
/// `scratch` by [`check`] does not keep (it is older) or contradicts (rewritten).
pub fn lost_checkpoints(
    current: &Connection,
    scratch: &Path,
    key: Option<&DataKey>,
) -> Result<Vec<super::checkpoints::LostCheckpoint>, StoreError> {
    let copy =
        Connection::open_with_flags(checked_copy(scratch), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&copy, key)?;
    super::checkpoints::lost_in(current, &copy)
}

impl Store {
    /// Replaces the whole database with the checked copy at `checked` (see [`check`]),
    /// in one step on the open connection, then records the restore in the restored
    /// audit log. The caller has kept the replaced database first.
    pub fn restore_from(
        &mut self,
        checked: &Path,
        key: Option<&DataKey>,
        stamp: &Stamp,
        event: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let source = Connection::open_with_flags(checked, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        apply_key(&source, key)?;
        copy(&source, &mut self.conn)?;
        drop(source);
        let after = event.to_string();
        self.write(|tx| {
            audit::append(
                tx,
                stamp,
                &Change {
                    action: "restore",
                    entity: "database",
                    entity_id: "database",
                    before: None,
                    after: Some(&after),
                },
            )
            .map(|_| ())
        })
    }
}
