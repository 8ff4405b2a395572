//! A record as stored and how one is read: beneath the record writes, the lists
//! and the findings, which all read records.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::StoreError;
use super::profiles;
use super::sql::Cached;
use crate::domain::directory::DepartmentId;
use crate::domain::money::Fen;
use crate::domain::records::{RecordBody, RecordId};

/// A record as stored: its envelope and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoredRecord {
    pub id: RecordId,
    #[ts(type = "number")]
    pub version: i64,
    pub department_id: DepartmentId,
    pub date: NaiveDate,
    pub amount: Fen,
    pub cancelled: bool,
    /// The reason given with the latest amendment or the cancellation.
    pub note: String,
    pub entered_by: String,
    /// `entered_by` as people read it (a profile's 姓名（工号）).
    #[serde(default)]
    pub entered_by_name: String,
    pub entered_at: String,
    pub body: RecordBody,
}

/// The record `id`, if there is one.
pub fn get(conn: &Connection, id: RecordId) -> Result<Option<StoredRecord>, StoreError> {
    conn.one(
        &format!(
            "SELECT {COLUMNS}, {} FROM record WHERE id = ?1",
            profiles::actor_name_sql("entered_by")
        ),
        [id.to_string()],
        |row| Ok(read_row(row)),
    )
    .optional()?
    .transpose()
}

/// The columns [`read_row`] reads, in its order (then the reader's name).
pub(super) const COLUMNS: &str =
    "id, version, department_id, occurred_on, amount_fen, cancelled, note, entered_by, entered_at, body";

pub(super) fn read_row(row: &rusqlite::Row<'_>) -> Result<StoredRecord, StoreError> {
    let corrupt = |e: String| StoreError::Corrupt(e);
    let id: String = row.get(0)?;
    let department: String = row.get(2)?;
    let date: String = row.get(3)?;
    let body: String = row.get(9)?;
    Ok(StoredRecord {
        id: RecordId::parse_str(&id).map_err(|e| corrupt(e.to_string()))?,
        version: row.get(1)?,
        department_id: DepartmentId::parse_str(&department).map_err(|e| corrupt(e.to_string()))?,
        date: date
            .parse()
            .map_err(|e: chrono::ParseError| corrupt(e.to_string()))?,
        amount: Fen(row.get(4)?),
        cancelled: row.get::<_, i64>(5)? != 0,
        note: row.get(6)?,
        entered_by: row.get(7)?,
        entered_by_name: row.get(10)?,
        entered_at: row.get(8)?,
        body: serde_json::from_str(&body).map_err(|e| corrupt(format!("record {id}: {e}")))?,
    })
}
