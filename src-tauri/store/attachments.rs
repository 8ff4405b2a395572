//! Repository for attachments: content stored once under its SHA-256, linked to
//! records; removing a link keeps the bytes (nothing committed is lost).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::audit::{sha256_hex, Stamp};
use super::directory::record_change;
use super::error::StoreError;
use super::sql::Cached;
use crate::domain::records::RecordId;

/// An attachment of a record, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentInfo {
    pub id: Uuid,
    pub record_id: RecordId,
    pub sha256: String,
    pub name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
}

/// Links `data` to a record under `name`; the same content on the same record is
/// linked once (a removed link is restored).
pub fn attach(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    record_id: RecordId,
    name: &str,
    media_type: &str,
    data: &[u8],
) -> Result<AttachmentInfo, StoreError> {
    let sha256 = sha256_hex(data);
    conn.run(
        "INSERT OR IGNORE INTO attachment (sha256, media_type, size, data) VALUES (?1, ?2, ?3, ?4)",
        params![sha256, media_type, data.len() as i64, data],
    )?;
    let existing: Option<(String, i64)> = conn
        .one(
            "SELECT id, removed FROM record_attachment WHERE record_id = ?1 AND sha256 = ?2",
            params![record_id.to_string(), sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let link = match existing {
        Some((link, 0)) => parse_id(&link)?,
        Some((link, _)) => {
            let link = parse_id(&link)?;
            let before = super::audit::image_of(conn, "attachment", &link.to_string())?;
            conn.run(
                "UPDATE record_attachment SET removed = 0, name = ?2 WHERE id = ?1",
                params![link.to_string(), name],
            )?;
            record_change(conn, stamp, "attachment", "restore", &link, before)?;
            link
        }
        None => {
            conn.run(
                "INSERT INTO record_attachment (id, record_id, sha256, name, removed) VALUES (?1, ?2, ?3, ?4, 0)",
                params![id.to_string(), record_id.to_string(), sha256, name],
            )?;
            record_change(conn, stamp, "attachment", "create", &id, None)?;
            id
        }
    };
    get(conn, link)?.ok_or(StoreError::Bug("an attachment vanished".into()))
}

/// Unlinks an attachment from its record; the bytes stay, and the history says who.
pub fn remove(conn: &Connection, stamp: &Stamp, link: Uuid) -> Result<(), StoreError> {
    let before = super::audit::image_of(conn, "attachment", &link.to_string())?;
    let changed = conn.run(
        "UPDATE record_attachment SET removed = 1 WHERE id = ?1 AND removed = 0",
        [link.to_string()],
    )?;
    if changed == 0 {
        return Err(StoreError::not_found("attachment", link));
    }
    record_change(conn, stamp, "attachment", "remove", &link, before)
}

pub fn get(conn: &Connection, link: Uuid) -> Result<Option<AttachmentInfo>, StoreError> {
    conn.one(
        &format!("{SELECT} WHERE l.id = ?1 AND l.removed = 0"),
        [link.to_string()],
        |r| Ok(read(r)),
    )
    .optional()?
    .transpose()
}

pub fn list(conn: &Connection, record_id: RecordId) -> Result<Vec<AttachmentInfo>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE l.record_id = ?1 AND l.removed = 0 ORDER BY l.id"
    ))?;
    let rows = stmt
        .query_map([record_id.to_string()], |r| Ok(read(r)))?
        .collect::<Result<Result<_, _>, _>>()??;
    Ok(rows)
}

/// The bytes of a linked attachment.
pub fn data(
    conn: &Connection,
    link: Uuid,
) -> Result<Option<(AttachmentInfo, Vec<u8>)>, StoreError> {
    let Some(info) = get(conn, link)? else {
        return Ok(None);
    };
    let bytes: Vec<u8> = conn.one(
        "SELECT data FROM attachment WHERE sha256 = ?1",
        [&info.sha256],
        |r| r.get(0),
    )?;
    Ok(Some((info, bytes)))
}

const SELECT: &str = "SELECT l.id, l.record_id, l.sha256, l.name, a.media_type, a.size
    FROM record_attachment l JOIN attachment a ON a.sha256 = l.sha256";

fn read(r: &rusqlite::Row<'_>) -> Result<AttachmentInfo, StoreError> {
    Ok(AttachmentInfo {
        id: parse_id(&r.get::<_, String>(0)?)?,
        record_id: parse_id(&r.get::<_, String>(1)?)?.into(),
        sha256: r.get(2)?,
        name: r.get(3)?,
        media_type: r.get(4)?,
        size: r.get(5)?,
    })
}

fn parse_id(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
}
