//! Repository for profiles (who signs in on this database) and their keys. A key is
//! never deleted: a replaced one is marked revoked from a moment, and stays, so what
//! it signed before still verifies.

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::audit::{self, Stamp};
use super::directory::record_change;
use super::error::StoreError;
use super::sql::Cached;
use crate::domain::directory::OfficialId;

/// A profile as stored (the passphrase hash stays in the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub id: Uuid,
    pub version: i64,
    pub official_id: OfficialId,
    pub administrator: bool,
    pub active: bool,
    pub passphrase_hash: String,
    pub created_at: String,
}

/// Where a key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KeyOrigin {
    /// Made by the app with a self-signed certificate.
    SelfSigned,
    /// Imported from a bureau CA's .p12.
    Imported,
}

impl KeyOrigin {
    fn tag(self) -> &'static str {
        match self {
            KeyOrigin::SelfSigned => "selfSigned",
            KeyOrigin::Imported => "imported",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub id: Uuid,
    pub profile_id: Uuid,
    pub fingerprint: String,
    pub certificate_der: Vec<u8>,
    pub encrypted_key: String,
    pub origin: KeyOrigin,
    pub created_at: String,
    pub revoked_from: Option<String>,
    pub revoked_reason: String,
}

impl KeyRow {
    pub fn revoked_from(&self) -> Option<DateTime<Utc>> {
        revocation_time(self.revoked_from.as_deref())
    }
}

/// A stored revocation time (RFC 3339), for comparing with when something was signed.
pub fn revocation_time(stored: Option<&str>) -> Option<DateTime<Utc>> {
    stored
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// How the audit log names a change made by a profile: `profile:<id>`.
pub fn actor_of(profile_id: Uuid) -> String {
    format!("profile:{profile_id}")
}

/// SQL for how people read the official aliased `alias`: 姓名（工号）.
pub fn official_name_sql(alias: &str) -> String {
    format!("{alias}.name || '（' || {alias}.staff_no || '）'")
}

/// SQL for how people read an actor stored in `column`: a profile's official as
/// 姓名（工号）, else the stored text itself (`os:<account>` from before profiles).
/// Lists and histories select it beside their rows, so names cost no extra query.
pub fn actor_name_sql(column: &str) -> String {
    format!(
        "COALESCE((SELECT {} FROM profile p
                   JOIN official o ON o.id = p.official_id
                   WHERE p.id = CASE WHEN {column} LIKE 'profile:%' THEN substr({column}, 9) END),
                  {column})",
        official_name_sql("o")
    )
}

/// How people read an actor (see [`actor_name_sql`]).
pub fn actor_name(conn: &Connection, actor: &str) -> Result<String, StoreError> {
    Ok(
        conn.one(&format!("SELECT {}", actor_name_sql("?1")), [actor], |r| {
            r.get(0)
        })?,
    )
}

pub fn any(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.one("SELECT EXISTS (SELECT 1 FROM profile)", [], |r| r.get(0))?)
}

pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    row: &ProfileRow,
) -> Result<ProfileRow, StoreError> {
    conn.run(
        "INSERT INTO profile (id, version, official_id, administrator, active, passphrase_hash, created_at)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)",
        params![
            row.id.to_string(),
            row.official_id.to_string(),
            row.administrator,
            row.active,
            row.passphrase_hash,
            stamp.at.to_rfc3339_opts(SecondsFormat::Millis, true),
        ],
    )?;
    record_change(conn, stamp, "profile", "create", &row.id, None)?;
    get(conn, row.id)?.ok_or(StoreError::Bug("a profile vanished after a write".into()))
}

/// What an administrator may change about a profile.
pub struct ProfileChange<'a> {
    pub administrator: bool,
    pub active: bool,
    /// A new passphrase hash, when it is reset or changed.
    pub passphrase_hash: Option<&'a str>,
}

pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    expected_version: i64,
    change: &ProfileChange<'_>,
    action: &str,
) -> Result<ProfileRow, StoreError> {
    let current = get(conn, id)?.ok_or_else(|| StoreError::not_found("profile", id))?;
    if current.version != expected_version {
        return Err(StoreError::VersionConflict {
            entity: "profile",
            id: id.to_string(),
            expected: expected_version,
            found: current.version,
        });
    }
    let before = audit::image_of(conn, "profile", &id.to_string())?;
    conn.run(
        "UPDATE profile SET version = version + 1, administrator = ?2, active = ?3,
                passphrase_hash = COALESCE(?4, passphrase_hash)
         WHERE id = ?1",
        params![
            id.to_string(),
            change.administrator,
            change.active,
            change.passphrase_hash
        ],
    )?;
    record_change(conn, stamp, "profile", action, &id, before)?;
    get(conn, id)?.ok_or(StoreError::Bug("a profile vanished after a write".into()))
}

const PROFILE_COLUMNS: &str =
    "id, version, official_id, administrator, active, passphrase_hash, created_at";

fn read_profile(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(String, i64, String, bool, bool, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

fn to_profile(
    (id, version, official, administrator, active, passphrase_hash, created_at): (
        String,
        i64,
        String,
        bool,
        bool,
        String,
        String,
    ),
) -> Result<ProfileRow, StoreError> {
    Ok(ProfileRow {
        id: parse_id(&id)?,
        version,
        official_id: parse_id(&official)?.into(),
        administrator,
        active,
        passphrase_hash,
        created_at,
    })
}

pub fn get(conn: &Connection, id: Uuid) -> Result<Option<ProfileRow>, StoreError> {
    conn.one(
        &format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE id = ?1"),
        [id.to_string()],
        read_profile,
    )
    .optional()?
    .map(to_profile)
    .transpose()
}

pub fn by_official(
    conn: &Connection,
    official_id: OfficialId,
) -> Result<Option<ProfileRow>, StoreError> {
    conn.one(
        &format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE official_id = ?1"),
        [official_id.to_string()],
        read_profile,
    )
    .optional()?
    .map(to_profile)
    .transpose()
}

pub fn list(conn: &Connection) -> Result<Vec<ProfileRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {PROFILE_COLUMNS} FROM profile ORDER BY created_at, id"
    ))?;
    let rows = stmt
        .query_map([], read_profile)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_profile).collect()
}

pub fn insert_key(conn: &Connection, stamp: &Stamp, key: &KeyRow) -> Result<(), StoreError> {
    conn.run(
        "INSERT INTO profile_key (id, profile_id, fingerprint, certificate, encrypted_key, origin,
                                  created_at, revoked_from, revoked_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, '')",
        params![
            key.id.to_string(),
            key.profile_id.to_string(),
            key.fingerprint,
            base64::engine::general_purpose::STANDARD.encode(&key.certificate_der),
            key.encrypted_key,
            key.origin.tag(),
            key.created_at,
        ],
    )?;
    record_change(conn, stamp, "key", "issue", &key.id, None)
}

/// Marks a key revoked from `from`; signatures dated before still verify.
pub fn revoke_key(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    from: DateTime<Utc>,
    reason: &str,
) -> Result<(), StoreError> {
    let before = audit::image_of(conn, "key", &id.to_string())?;
    conn.run(
        "UPDATE profile_key SET revoked_from = ?2, revoked_reason = ?3
         WHERE id = ?1 AND revoked_from IS NULL",
        params![
            id.to_string(),
            from.to_rfc3339_opts(SecondsFormat::Millis, true),
            reason
        ],
    )?;
    record_change(conn, stamp, "key", "revoke", &id, before)
}

/// Stores the same key re-encrypted under a new passphrase.
pub fn rewrap_key(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    encrypted_key: &str,
) -> Result<(), StoreError> {
    let before = audit::image_of(conn, "key", &id.to_string())?;
    conn.run(
        "UPDATE profile_key SET encrypted_key = ?2 WHERE id = ?1",
        params![id.to_string(), encrypted_key],
    )?;
    record_change(conn, stamp, "key", "rewrap", &id, before)
}

const KEY_COLUMNS: &str = "id, profile_id, fingerprint, certificate, encrypted_key, origin, created_at, revoked_from, revoked_reason";

fn read_key(r: &rusqlite::Row<'_>) -> Result<KeyRow, StoreError> {
    let id: String = r.get(0)?;
    let profile: String = r.get(1)?;
    let certificate: String = r.get(3)?;
    let origin: String = r.get(5)?;
    Ok(KeyRow {
        id: parse_id(&id)?,
        profile_id: parse_id(&profile)?,
        fingerprint: r.get(2)?,
        certificate_der: base64::engine::general_purpose::STANDARD
            .decode(certificate)
            .map_err(|e| StoreError::Corrupt(format!("key {id}: {e}")))?,
        encrypted_key: r.get(4)?,
        origin: if origin == "imported" {
            KeyOrigin::Imported
        } else {
            KeyOrigin::SelfSigned
        },
        created_at: r.get(6)?,
        revoked_from: r.get(7)?,
        revoked_reason: r.get(8)?,
    })
}

/// Every key a profile has had, newest first.
pub fn keys_of(conn: &Connection, profile_id: Uuid) -> Result<Vec<KeyRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {KEY_COLUMNS} FROM profile_key WHERE profile_id = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let mut rows = stmt.query([profile_id.to_string()])?;
    let mut keys = Vec::new();
    while let Some(row) = rows.next()? {
        keys.push(read_key(row)?);
    }
    Ok(keys)
}

/// The key a profile signs with now: its newest unrevoked one.
pub fn current_key(conn: &Connection, profile_id: Uuid) -> Result<Option<KeyRow>, StoreError> {
    Ok(keys_of(conn, profile_id)?
        .into_iter()
        .find(|k| k.revoked_from.is_none()))
}

pub fn key_by_fingerprint(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<KeyRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {KEY_COLUMNS} FROM profile_key WHERE fingerprint = ?1"
    ))?;
    let mut rows = stmt.query([fingerprint])?;
    match rows.next()? {
        Some(row) => Ok(Some(read_key(row)?)),
        None => Ok(None),
    }
}

fn parse_id(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(format!("id {text}: {e}")))
}
