//! Repository for records: create, amend, cancel (never delete), get, list with
//! filters and keyset paging, search, and the history the audit log keeps.

use chrono::SecondsFormat;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

pub use super::record_list::{
    cursor_at, list, totals, Cursor, RecordFilter, RecordOrder, RecordPage, RecordTotals,
    SearchMatch,
};

use super::audit::Stamp;
use super::directory::record_change;
use super::error::StoreError;
pub use super::record_rows::{get, StoredRecord};
use super::search;
use super::sql::Cached;
use crate::domain::directory::DepartmentId;
use crate::domain::records::{RecordBody, RecordId};

/// Creates a record (version 1) and audits it. `names` are the directory names the
/// search should find it by (officials, counterparts, department).
pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    id: RecordId,
    department_id: DepartmentId,
    body: &RecordBody,
    names: &str,
) -> Result<StoredRecord, StoreError> {
    let entered_at = stamp.at.to_rfc3339_opts(SecondsFormat::Millis, true);
    conn.run(
        "INSERT INTO record (id, kind, version, department_id, occurred_on, amount_fen, cancelled,
                             note, entered_by, entered_at, body)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, 0, '', ?6, ?7, ?8)",
        params![
            id.to_string(),
            body.kind().tag(),
            department_id.to_string(),
            body.date().to_string(),
            body.amount().0,
            stamp.actor,
            entered_at,
            body_json(body)?,
        ],
    )?;
    write_links_and_search(conn, &id, body, names)?;
    record_change(conn, stamp, "record", "create", &id, None)?;
    stored(conn, id)
}

/// A new version of a record.
pub struct Amendment<'a> {
    pub id: RecordId,
    /// The version the amendment was made from; another one stored is a conflict.
    pub expected_version: i64,
    pub department_id: DepartmentId,
    pub body: &'a RecordBody,
    pub reason: &'a str,
    /// Directory names to search the record by.
    pub names: &'a str,
}

/// Amends a record still at `expected_version`: a new version with the reason.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    amendment: &Amendment<'_>,
) -> Result<StoredRecord, StoreError> {
    let Amendment {
        id,
        expected_version,
        department_id,
        body,
        reason,
        names,
    } = *amendment;
    let current = expect_version(conn, id, expected_version)?;
    let before = super::audit::image_of(conn, "record", &id.to_string())?;
    conn.run(
        "UPDATE record SET kind = ?2, version = version + 1, department_id = ?3, occurred_on = ?4,
                amount_fen = ?5, note = ?6, body = ?7
         WHERE id = ?1",
        params![
            id.to_string(),
            body.kind().tag(),
            department_id.to_string(),
            body.date().to_string(),
            body.amount().0,
            reason,
            body_json(body)?,
        ],
    )?;
    clear_links_and_search(conn, &id, current.seq)?;
    write_links_and_search(conn, &id, body, names)?;
    record_change(conn, stamp, "record", "update", &id, before)?;
    stored(conn, id)
}

/// Cancels a record: it stays, marked cancelled with the reason, and leaves the
/// search index.
pub fn cancel(
    conn: &Connection,
    stamp: &Stamp,
    id: RecordId,
    expected_version: i64,
    reason: &str,
) -> Result<StoredRecord, StoreError> {
    let current = expect_version(conn, id, expected_version)?;
    let before = super::audit::image_of(conn, "record", &id.to_string())?;
    conn.run(
        "UPDATE record SET version = version + 1, cancelled = 1, note = ?2 WHERE id = ?1",
        params![id.to_string(), reason],
    )?;
    conn.run("DELETE FROM record_search WHERE rowid = ?1", [current.seq])?;
    record_change(conn, stamp, "record", "cancel", &id, before)?;
    stored(conn, id)
}

/// Restores a cancelled record: valid again, with the reason as its note, and back in
/// the search index.
pub fn restore(
    conn: &Connection,
    stamp: &Stamp,
    id: RecordId,
    expected_version: i64,
    reason: &str,
    names: &str,
) -> Result<StoredRecord, StoreError> {
    expect_version(conn, id, expected_version)?;
    let before = super::audit::image_of(conn, "record", &id.to_string())?;
    conn.run(
        "UPDATE record SET version = version + 1, cancelled = 0, note = ?2 WHERE id = ?1",
        params![id.to_string(), reason],
    )?;
    let restored =
        get(conn, id)?.ok_or(StoreError::Bug("a record vanished after a write".into()))?;
    // Its links stayed when it was cancelled; only the search index forgot it.
    write_links_and_search(conn, &id, &restored.body, names)?;
    record_change(conn, stamp, "record", "restore", &id, before)?;
    stored(conn, id)
}

/// The record as just written, with its findings brief rewritten in the same
/// transaction (so the brief can never lag behind the record).
fn stored(conn: &Connection, id: RecordId) -> Result<StoredRecord, StoreError> {
    let record = get(conn, id)?.ok_or(StoreError::Bug("a record vanished after a write".into()))?;
    let mut facts = super::findings::Facts::load(conn)?;
    super::findings::refresh(conn, &mut facts, &record)?;
    Ok(record)
}

struct Current {
    seq: i64,
}

fn expect_version(conn: &Connection, id: RecordId, expected: i64) -> Result<Current, StoreError> {
    let found: Option<(i64, i64)> = conn
        .one(
            "SELECT seq, version FROM record WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, version) = found.ok_or_else(|| StoreError::not_found("record", id))?;
    if version != expected {
        return Err(StoreError::VersionConflict {
            entity: "record",
            id: id.to_string(),
            expected,
            found: version,
        });
    }
    Ok(Current { seq })
}

pub(super) fn body_json(body: &RecordBody) -> Result<String, StoreError> {
    serde_json::to_string(body).map_err(|e| StoreError::Bug(e.to_string()))
}

pub(super) fn write_links_and_search(
    conn: &Connection,
    id: &RecordId,
    body: &RecordBody,
    names: &str,
) -> Result<(), StoreError> {
    let id_text = id.to_string();
    for official in body.official_ids() {
        conn.run(
            "INSERT OR IGNORE INTO record_official (record_id, official_id) VALUES (?1, ?2)",
            params![id_text, official.to_string()],
        )?;
    }
    for counterpart in body.counterpart_ids() {
        conn.run(
            "INSERT OR IGNORE INTO record_counterpart (record_id, counterpart_id) VALUES (?1, ?2)",
            params![id_text, counterpart.to_string()],
        )?;
    }
    let seq: i64 = conn.one("SELECT seq FROM record WHERE id = ?1", [&id_text], |r| {
        r.get(0)
    })?;
    let text = search::index_text(&format!("{} {names}", body.search_text()));
    conn.run(
        "INSERT INTO record_search (rowid, text) VALUES (?1, ?2)",
        params![seq, text],
    )?;
    Ok(())
}

fn clear_links_and_search(conn: &Connection, id: &RecordId, seq: i64) -> Result<(), StoreError> {
    conn.run(
        "DELETE FROM record_official WHERE record_id = ?1",
        [id.to_string()],
    )?;
    conn.run(
        "DELETE FROM record_counterpart WHERE record_id = ?1",
        [id.to_string()],
    )?;
    conn.run("DELETE FROM record_search WHERE rowid = ?1", [seq])?;
    Ok(())
}

/// One version of a record, as the audit log keeps it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordVersion {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    /// The actor as people read it (a profile's 姓名（工号）).
    pub actor_name: String,
    /// `record` (its content changed) or `review` (submitted, approved, returned…:
    /// `after` is then the review, with its comment and signature).
    pub entity: String,
    pub action: String,
    /// The record's stored image after the change (JSON).
    pub after: Option<String>,
}

/// Every change to a record and to its review, oldest first.
pub fn history(conn: &Connection, id: RecordId) -> Result<Vec<RecordVersion>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, at, actor, action, after, entity, {} FROM audit
         WHERE entity IN ('record', 'review') AND entity_id = ?1 ORDER BY seq",
        super::profiles::actor_name_sql("actor")
    ))?;
    let rows = stmt
        .query_map([id.to_string()], |r| {
            Ok(RecordVersion {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                actor_name: r.get(6)?,
                entity: r.get(5)?,
                action: r.get(3)?,
                after: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
