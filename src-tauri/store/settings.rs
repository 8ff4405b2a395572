//! Repository for app settings: small typed values under fixed keys.

use rusqlite::{Connection, OptionalExtension};

use super::audit::{self, Change, Stamp};
use super::error::StoreError;
use super::sql::Cached;

/// The user's language (`zh-CN` or `en`).
pub const LANGUAGE: &str = "language";

/// The bureau's name (填报单位).
pub const BUREAU_NAME: &str = "bureau_name";

/// The official who uses this machine (a UUID, or empty for nobody).
pub const PROFILE_OFFICIAL: &str = "profile_official";

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .one("SELECT value FROM setting WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

/// Saves a setting and audits the change; saving the value it already has changes
/// nothing and writes nothing.
pub fn set(conn: &Connection, stamp: &Stamp, key: &str, value: &str) -> Result<(), StoreError> {
    let before = get(conn, key)?;
    if before.as_deref() == Some(value) {
        return Ok(());
    }
    conn.run(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    audit::append(
        conn,
        stamp,
        &Change {
            action: if before.is_some() { "update" } else { "create" },
            entity: "setting",
            entity_id: key,
            before: before.as_deref(),
            after: Some(value),
        },
    )?;
    Ok(())
}
