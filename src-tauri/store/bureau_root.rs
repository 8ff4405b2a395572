//! Repository for the bureau's root certificate and the administrators' slots that
//! hold its key (each the root key encrypted under that administrator's passphrase).
//! Audited like every other table: entity `root` by fingerprint, `rootSlot` by profile.

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::audit::{self, Change, Stamp};
use super::error::StoreError;
use super::sql::Cached;

/// Where the root came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootOrigin {
    /// Made by this app for the first administrator.
    Created,
    /// A CA's key imported from a .p12.
    Imported,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootRow {
    pub fingerprint: String,
    pub certificate_der: Vec<u8>,
    pub origin: RootOrigin,
    /// From when certificates it did not issue no longer sign for this bureau.
    pub created_at: DateTime<Utc>,
}

/// The bureau's root, if this database has one (the newest, when a CA's replaced the
/// one made here).
pub fn current(conn: &Connection) -> Result<Option<RootRow>, StoreError> {
    let row: Option<(String, String, String, String)> = conn
        .one(
            "SELECT fingerprint, certificate, origin, created_at FROM bureau_root
             ORDER BY created_at DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(fingerprint, certificate, origin, created_at)| {
        let corrupt = |e: String| StoreError::Corrupt(format!("bureau root: {e}"));
        Ok(RootRow {
            certificate_der: base64::engine::general_purpose::STANDARD
                .decode(certificate)
                .map_err(|e| corrupt(e.to_string()))?,
            origin: if origin == "imported" {
                RootOrigin::Imported
            } else {
                RootOrigin::Created
            },
            created_at: DateTime::parse_from_rfc3339(&created_at)
                .map_err(|e| corrupt(e.to_string()))?
                .with_timezone(&Utc),
            fingerprint,
        })
    })
    .transpose()
}

fn audited(
    conn: &Connection,
    stamp: &Stamp,
    entity: &str,
    id: &str,
    action: &str,
    before: Option<String>,
) -> Result<(), StoreError> {
    let after = audit::image_of(conn, entity, id)?;
    audit::append(
        conn,
        stamp,
        &Change {
            action,
            entity,
            entity_id: id,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    )?;
    Ok(())
}

/// Records the bureau's root; a later one replaces it from its creation on.
pub fn insert(conn: &Connection, stamp: &Stamp, row: &RootRow) -> Result<(), StoreError> {
    conn.run(
        "INSERT INTO bureau_root (fingerprint, certificate, origin, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            row.fingerprint,
            base64::engine::general_purpose::STANDARD.encode(&row.certificate_der),
            match row.origin {
                RootOrigin::Created => "created",
                RootOrigin::Imported => "imported",
            },
            row.created_at.to_rfc3339_opts(SecondsFormat::Millis, true),
        ],
    )?;
    audited(conn, stamp, "root", &row.fingerprint, "create", None)
}

/// The root key as encrypted for `profile_id`, if that administrator holds it.
pub fn slot_of(conn: &Connection, profile_id: Uuid) -> Result<Option<String>, StoreError> {
    Ok(conn
        .one(
            "SELECT encrypted_key FROM root_key_slot WHERE profile_id = ?1",
            [profile_id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Gives (or replaces) an administrator's slot.
pub fn put_slot(
    conn: &Connection,
    stamp: &Stamp,
    profile_id: Uuid,
    root_fingerprint: &str,
    encrypted_key: &str,
) -> Result<(), StoreError> {
    let id = profile_id.to_string();
    let before = audit::image_of(conn, "rootSlot", &id)?;
    conn.run(
        "INSERT INTO root_key_slot (profile_id, root_fingerprint, encrypted_key)
         VALUES (?1, ?2, ?3)
         ON CONFLICT (profile_id) DO UPDATE SET
           root_fingerprint = excluded.root_fingerprint, encrypted_key = excluded.encrypted_key",
        params![id, root_fingerprint, encrypted_key],
    )?;
    let action = if before.is_some() { "rewrap" } else { "create" };
    audited(conn, stamp, "rootSlot", &id, action, before)
}

/// Takes an administrator's slot away (a reset passphrase cannot open it any more).
pub fn drop_slot(conn: &Connection, stamp: &Stamp, profile_id: Uuid) -> Result<(), StoreError> {
    let id = profile_id.to_string();
    let Some(before) = audit::image_of(conn, "rootSlot", &id)? else {
        return Ok(());
    };
    conn.run("DELETE FROM root_key_slot WHERE profile_id = ?1", [&id])?;
    audited(conn, stamp, "rootSlot", &id, "remove", Some(before))
}

/// Every administrator's slot, when the root they hold is replaced.
pub fn drop_all_slots(conn: &Connection, stamp: &Stamp) -> Result<(), StoreError> {
    let holders: Vec<String> = conn
        .prepare("SELECT profile_id FROM root_key_slot ORDER BY profile_id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for holder in holders {
        let id = Uuid::parse_str(&holder)
            .map_err(|e| StoreError::Corrupt(format!("root slot {holder}: {e}")))?;
        drop_slot(conn, stamp, id)?;
    }
    Ok(())
}

/// The setting that holds the pinned root (its certificate, DER, base64).
const PINNED_ROOT: &str = "pinned_bureau_root";

/// The bureau root a spoke took its directory from, pinned at its first directory
/// import: directory bundles from any other root are refused from then on. A setting,
/// so it is audited like the bureau's name (and `audit verify` catches a changed one).
pub fn pinned(conn: &Connection) -> Result<Option<Vec<u8>>, StoreError> {
    super::settings::get(conn, PINNED_ROOT)?
        .map(|text| {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| StoreError::Corrupt(format!("pinned bureau root: {e}")))
        })
        .transpose()
}

/// Pins `certificate_der` as the root whose administrator keeps this directory.
pub fn pin(conn: &Connection, stamp: &Stamp, certificate_der: &[u8]) -> Result<(), StoreError> {
    super::settings::set(
        conn,
        stamp,
        PINNED_ROOT,
        &base64::engine::general_purpose::STANDARD.encode(certificate_der),
    )
}
