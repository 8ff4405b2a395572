//! Schema versions, kept in `PRAGMA user_version`.
//!
//! A fresh database runs every step; an older one runs the steps it lacks, all in one
//! transaction; a newer one is refused. A shipped step is never edited: changes are
//! new steps appended to [`STEPS`], each with an upgrade test (see `tests/store.rs`).

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// `STEPS[i]` upgrades a database from version `i` to `i + 1`.
pub const STEPS: &[&str] = &[
    // 1: key–value settings (language, later the bureau's name and the standards' choices).
    "CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
];

/// The schema version this app writes.
pub const CURRENT_VERSION: u32 = STEPS.len() as u32;

pub fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Fails with [`StoreError::TooNew`] when the database is newer than this app.
pub fn refuse_newer(conn: &Connection) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT_VERSION,
        });
    }
    Ok(())
}

/// Brings the database to [`CURRENT_VERSION`], or refuses a newer one untouched.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, CURRENT_VERSION)
}

/// Upgrades to `target` (≤ current). Tests use it to build the old schemas that
/// upgrade tests start from.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    assert!(
        target <= CURRENT_VERSION,
        "no schema step for version {target}"
    );
    refuse_newer(conn)?;
    let found = user_version(conn)?;
    if found >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    for step in &STEPS[found as usize..target as usize] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}
