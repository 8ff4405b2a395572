//! Repository for records: create, amend, cancel (never delete), get, list with
//! filters and keyset paging, search, and the history the audit log keeps.

use chrono::{NaiveDate, SecondsFormat};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::audit::Stamp;
use super::directory::record_change;
use super::{search, Cached, StoreError};
use crate::domain::money::Fen;
use crate::domain::records::{RecordBody, RecordKind};
use crate::domain::workflow::ReviewStatus;
use crate::rules::Severity;

/// A record as stored: its envelope and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoredRecord {
    pub id: Uuid,
    #[ts(type = "number")]
    pub version: i64,
    pub department_id: Uuid,
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

/// Creates a record (version 1) and audits it. `names` are the directory names the
/// search should find it by (officials, counterparts, department).
pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    id: Uuid,
    department_id: Uuid,
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
    pub id: Uuid,
    /// The version the amendment was made from; another one stored is a conflict.
    pub expected_version: i64,
    pub department_id: Uuid,
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
    id: Uuid,
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

/// The record as just written, with its findings brief rewritten in the same
/// transaction (so the brief can never lag behind the record).
fn stored(conn: &Connection, id: Uuid) -> Result<StoredRecord, StoreError> {
    let record = get(conn, id)?.ok_or(StoreError::Bug("a record vanished after a write".into()))?;
    let mut facts = super::findings::Facts::load(conn)?;
    super::findings::refresh(conn, &mut facts, &record)?;
    Ok(record)
}

pub fn get(conn: &Connection, id: Uuid) -> Result<Option<StoredRecord>, StoreError> {
    conn.one(
        &format!(
            "SELECT {COLUMNS}, {} FROM record WHERE id = ?1",
            super::profiles::actor_name_sql("entered_by")
        ),
        [id.to_string()],
        |row| Ok(read_row(row)),
    )
    .optional()?
    .transpose()
}

const COLUMNS: &str =
    "id, version, department_id, occurred_on, amount_fen, cancelled, note, entered_by, entered_at, body";

fn read_row(row: &rusqlite::Row<'_>) -> Result<StoredRecord, StoreError> {
    let corrupt = |e: String| StoreError::Corrupt(e);
    let id: String = row.get(0)?;
    let department: String = row.get(2)?;
    let date: String = row.get(3)?;
    let body: String = row.get(9)?;
    Ok(StoredRecord {
        id: Uuid::parse_str(&id).map_err(|e| corrupt(e.to_string()))?,
        version: row.get(1)?,
        department_id: Uuid::parse_str(&department).map_err(|e| corrupt(e.to_string()))?,
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

struct Current {
    seq: i64,
}

fn expect_version(conn: &Connection, id: Uuid, expected: i64) -> Result<Current, StoreError> {
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
    id: &Uuid,
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

fn clear_links_and_search(conn: &Connection, id: &Uuid, seq: i64) -> Result<(), StoreError> {
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

/// Where a page ends; the next page starts after it (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cursor {
    pub date: NaiveDate,
    pub id: Uuid,
}

/// Filters for a list of records. All are optional; results are newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RecordFilter {
    pub kind: Option<RecordKind>,
    pub department_id: Option<Uuid>,
    pub official_id: Option<Uuid>,
    pub counterpart_id: Option<Uuid>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub include_cancelled: bool,
    /// Any substring of names, items, places, purposes (Chinese of any length).
    /// Search results come newest registered first.
    pub text: Option<String>,
    /// Only records with a finding of this severity (e.g. "has violations").
    pub finding: Option<Severity>,
    /// The day findings are judged on (deadlines run); the command fills in today.
    pub as_of: Option<NaiveDate>,
    /// Only records in this review status (a head's queue: submitted).
    pub status: Option<ReviewStatus>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordPage {
    pub items: Vec<StoredRecord>,
    /// Per item, the findings that hold on the filter's day (same order as `items`).
    pub findings: Vec<super::findings::FindingCounts>,
    /// Per item, its review status (same order as `items`).
    pub reviews: Vec<ReviewStatus>,
    /// Pass back as `after` for the next page; `None` on the last page.
    pub next: Option<Cursor>,
}

/// How many records match a filter and what their amounts add up to. Separate from
/// the page, because counting a large set costs more than showing fifty of it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordTotals {
    #[ts(type = "number")]
    pub count: i64,
    pub amount: Fen,
}

/// The WHERE clause for a filter and its parameters.
fn filter_clause(filter: &RecordFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let mut bind = |clause: &str, value: Value, clauses: &mut Vec<String>| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("?{}", values.len())));
    };
    if !filter.include_cancelled {
        clauses.push("r.cancelled = 0".into());
    }
    if let Some(kind) = filter.kind {
        bind("r.kind = ?", Value::Text(kind.tag().into()), &mut clauses);
    }
    if let Some(department) = filter.department_id {
        bind(
            "r.department_id = ?",
            Value::Text(department.to_string()),
            &mut clauses,
        );
    }
    if let Some(official) = filter.official_id {
        bind(
            "r.id IN (SELECT record_id FROM record_official WHERE official_id = ?)",
            Value::Text(official.to_string()),
            &mut clauses,
        );
    }
    if let Some(counterpart) = filter.counterpart_id {
        bind(
            "r.id IN (SELECT record_id FROM record_counterpart WHERE counterpart_id = ?)",
            Value::Text(counterpart.to_string()),
            &mut clauses,
        );
    }
    if let Some(from) = filter.from {
        bind(
            "r.occurred_on >= ?",
            Value::Text(from.to_string()),
            &mut clauses,
        );
    }
    if let Some(to) = filter.to {
        bind(
            "r.occurred_on <= ?",
            Value::Text(to.to_string()),
            &mut clauses,
        );
    }
    if let Some(expression) = filter.text.as_deref().and_then(search::match_expression) {
        bind(
            "record_search MATCH ?",
            Value::Text(expression),
            &mut clauses,
        );
    }
    match filter.status {
        // Drafts have no review row, or one saying draft.
        Some(ReviewStatus::Draft) => clauses.push(
            "r.id NOT IN (SELECT record_id FROM record_review WHERE status <> 'draft')".into(),
        ),
        Some(status) => bind(
            "r.id IN (SELECT record_id FROM record_review WHERE status = ?)",
            Value::Text(status.tag().into()),
            &mut clauses,
        ),
        None => {}
    }
    if let (Some(severity), Some(day)) = (filter.finding, filter.as_of) {
        values.push(Value::Text(severity.tag().into()));
        values.push(Value::Text(day.to_string()));
        clauses.push(super::findings::holds_condition(
            values.len() - 1,
            values.len(),
        ));
    }
    let filtered = if clauses.is_empty() {
        "1".to_owned()
    } else {
        clauses.join(" AND ")
    };
    (filtered, values)
}

/// The tables a filter reads: a text search drives from the search index, so that
/// the first page stops after its fifty matches instead of collecting them all.
fn source(filter: &RecordFilter) -> &'static str {
    if searches(filter) {
        "record_search JOIN record r ON r.seq = record_search.rowid"
    } else {
        "record r"
    }
}

fn searches(filter: &RecordFilter) -> bool {
    filter
        .text
        .as_deref()
        .and_then(search::match_expression)
        .is_some()
}

pub fn totals(conn: &Connection, filter: &RecordFilter) -> Result<RecordTotals, StoreError> {
    let (filtered, values) = filter_clause(filter);
    let (count, amount): (i64, i64) = conn.one(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(r.amount_fen), 0) FROM {} WHERE {filtered}",
            source(filter)
        ),
        params_from_iter(values.iter()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(RecordTotals {
        count,
        amount: Fen(amount),
    })
}

/// One page of records matching `filter`, after `after`, at most `limit` long.
pub fn list(
    conn: &Connection,
    filter: &RecordFilter,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<RecordPage, StoreError> {
    let (filtered, values) = filter_clause(filter);
    let mut page_values = values;
    let mut page_clause = filtered;
    // Lists run newest first by date; search results newest registered first, the
    // order the index yields them in.
    let order = if searches(filter) {
        if let Some(cursor) = after {
            page_values.push(Value::Text(cursor.id.to_string()));
            page_clause = format!(
                "{page_clause} AND record_search.rowid < (SELECT seq FROM record WHERE id = ?{})",
                page_values.len()
            );
        }
        "record_search.rowid DESC"
    } else {
        if let Some(cursor) = after {
            page_values.push(Value::Text(cursor.date.to_string()));
            page_values.push(Value::Text(cursor.id.to_string()));
            let n = page_values.len();
            page_clause = format!(
                "{page_clause} AND (r.occurred_on, r.id) < (?{}, ?{n})",
                n - 1
            );
        }
        "r.occurred_on DESC, r.id DESC"
    };
    let limit = limit.clamp(1, 500);
    page_values.push(Value::Integer(i64::from(limit) + 1));
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE {page_clause} ORDER BY {order} LIMIT ?{}",
        COLUMNS
            .split(", ")
            .map(|c| format!("r.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        super::profiles::actor_name_sql("r.entered_by"),
        source(filter),
        page_values.len()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut items: Vec<StoredRecord> = stmt
        .query_map(params_from_iter(page_values.iter()), |row| {
            Ok(read_row(row))
        })?
        .collect::<Result<Result<_, _>, _>>()??;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|r| Cursor {
            date: r.date,
            id: r.id,
        })
    } else {
        None
    };
    let day = filter.as_of;
    let findings = match day {
        Some(day) => items
            .iter()
            .map(|r| super::findings::count_for(conn, r.id, day))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let reviews = items
        .iter()
        .map(|r| super::review::get(conn, r.id).map(|review| review.state.status))
        .collect::<Result<_, _>>()?;
    Ok(RecordPage {
        items,
        findings,
        reviews,
        next,
    })
}

/// Where the page after the first `offset` matches starts, for jumping to a deep page
/// without walking the cursors before it: an index-only count past the skipped rows.
pub fn cursor_at(
    conn: &Connection,
    filter: &RecordFilter,
    offset: u64,
) -> Result<Option<Cursor>, StoreError> {
    if offset == 0 {
        return Ok(None);
    }
    let (filtered, mut values) = filter_clause(filter);
    let order = if searches(filter) {
        "record_search.rowid DESC"
    } else {
        "r.occurred_on DESC, r.id DESC"
    };
    values.push(Value::Integer(
        i64::try_from(offset - 1).unwrap_or(i64::MAX),
    ));
    let sql = format!(
        "SELECT r.occurred_on, r.id FROM {} WHERE {filtered} ORDER BY {order} LIMIT 1 OFFSET ?{}",
        source(filter),
        values.len()
    );
    let found: Option<(String, String)> = conn
        .one(&sql, params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    found
        .map(|(date, id)| {
            Ok(Cursor {
                date: date
                    .parse()
                    .map_err(|e: chrono::ParseError| StoreError::Corrupt(e.to_string()))?,
                id: super::stored_id(&id)?,
            })
        })
        .transpose()
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
pub fn history(conn: &Connection, id: Uuid) -> Result<Vec<RecordVersion>, StoreError> {
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
