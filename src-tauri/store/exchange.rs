//! Repository for exchange bundles (docs/bundle-format.md): which bundles this
//! database sent and received, which record versions each carried, the selection an
//! export makes, and records arriving from elsewhere with their own ids and versions.

use chrono::{NaiveDate, SecondsFormat};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::audit::{Change, Stamp};
use super::error::StoreError;
use super::records::{body_json, write_links_and_search, StoredRecord};
use super::sql::Cached;
use super::{audit, checkpoints};
use crate::domain::records::RecordId;
use crate::domain::records::RecordKind;

/// The setting naming this database in the bundles it sends.
pub const DATABASE_ID: &str = "database_id";

/// Which records an export takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Selection {
    /// First day (a trip by its start date), inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<RecordKind>,
    /// Only record versions no earlier bundle from this database carried.
    pub not_yet_exported: bool,
}

/// The ids of the records `selection` takes, oldest entry first.
pub fn selected(conn: &Connection, selection: &Selection) -> Result<Vec<RecordId>, StoreError> {
    let mut sql = String::from("SELECT id FROM record r WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(from) = selection.from {
        args.push(Value::Text(from.to_string()));
        sql.push_str(&format!(" AND r.occurred_on >= ?{}", args.len()));
    }
    if let Some(to) = selection.to {
        args.push(Value::Text(to.to_string()));
        sql.push_str(&format!(" AND r.occurred_on <= ?{}", args.len()));
    }
    if !selection.kinds.is_empty() {
        let mut marks = Vec::new();
        for kind in &selection.kinds {
            args.push(Value::Text(kind.tag().to_owned()));
            marks.push(format!("?{}", args.len()));
        }
        sql.push_str(&format!(" AND r.kind IN ({})", marks.join(", ")));
    }
    if selection.not_yet_exported {
        sql.push_str(
            " AND NOT EXISTS (SELECT 1 FROM bundle_record br
                 JOIN bundle_exchange b ON b.id = br.bundle_id AND b.direction = 'export'
                 WHERE br.record_id = r.id AND br.version = r.version)",
        );
    }
    sql.push_str(" ORDER BY r.seq");
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(params_from_iter(args), |r| r.get::<_, String>(0))?
        .map(|id| {
            let id = id?;
            RecordId::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("record {id}: {e}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// One audit entry of a record's history, as a bundle carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub hash: String,
}

/// The audit entries of a record and of its review, oldest first.
pub fn history(conn: &Connection, record_id: RecordId) -> Result<Vec<HistoryEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, hash FROM audit
         WHERE entity IN ('record', 'review') AND entity_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([record_id.to_string()], |r| {
            Ok(HistoryEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                hash: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A bundle sent or received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub id: Uuid,
    pub direction: Direction,
    pub payload_sha256: String,
    pub signer_fingerprint: String,
    pub source_database: String,
    pub source_chain: audit::ChainHead,
    /// What it carried or changed, as JSON (counts).
    pub summary: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Export,
    Import,
}

impl Direction {
    fn tag(self) -> &'static str {
        match self {
            Direction::Export => "export",
            Direction::Import => "import",
        }
    }
}

/// Notes a bundle and the record versions it carried, and audits it: the audit row
/// names the bundle's signer and the sending database's chain head.
pub fn note(
    conn: &Connection,
    stamp: &Stamp,
    exchange: &Exchange,
    records: &[(RecordId, i64)],
) -> Result<(), StoreError> {
    let id = exchange.id.to_string();
    conn.run(
        "INSERT INTO bundle_exchange (id, direction, payload_sha256, at, signer_fingerprint,
             source_database, source_chain_seq, source_chain_hash, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            exchange.direction.tag(),
            exchange.payload_sha256,
            stamp.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            exchange.signer_fingerprint,
            exchange.source_database,
            exchange.source_chain.seq,
            exchange.source_chain.hash,
            exchange.summary,
        ],
    )?;
    for (record, version) in records {
        conn.run(
            "INSERT INTO bundle_record (bundle_id, record_id, version) VALUES (?1, ?2, ?3)",
            params![id, record.to_string(), version],
        )?;
    }
    let after = audit::image_of(conn, "bundle", &id)?;
    audit::append(
        conn,
        stamp,
        &Change {
            action: exchange.direction.tag(),
            entity: "bundle",
            entity_id: &id,
            before: None,
            after: after.as_deref(),
        },
    )?;
    Ok(())
}

/// Whether this database already imported the bundle `id`.
/// The audit rows a bundle exported now carries, up to `head`: those after the chain
/// head this database's newest export carried, so the receiver can check they extend
/// the head that export showed it. A first export carries the rows from the chain head
/// its earliest issued register was signed over (none when it issued none): with them
/// the receiver knows every register this database issued, and the history each was
/// signed over.
/// The checkpoints over those rows travel with them: a receiver verifies a register
/// this database issued by its signer's checkpoint over the row that records it.
pub fn history_since_last_export(
    conn: &Connection,
    head: &audit::ChainHead,
) -> Result<CarriedHistory, StoreError> {
    let after = match last_export_head(conn)? {
        Some(previous) => previous.seq,
        None => match earliest_register_head(conn)? {
            Some(seq) => seq - 1,
            None => head.seq,
        },
    };
    Ok(CarriedHistory {
        chain: audit::rows_between(conn, after, head.seq)?,
        checkpoints: checkpoints::between(conn, after, head.seq)?,
    })
}

/// The audit rows and checkpoints a bundle carries.
pub struct CarriedHistory {
    pub chain: Vec<audit::ChainRow>,
    pub checkpoints: Vec<checkpoints::CarriedCheckpoint>,
}

/// The lowest chain sequence a register issued here was signed over.
fn earliest_register_head(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn.one(
        "SELECT MIN(json_extract(manifest, '$.auditHead.seq')) FROM issued_register
         WHERE json_valid(manifest)",
        [],
        |r| r.get::<_, Option<i64>>(0),
    )?)
}

/// The chain head this database's newest export carried, if it exported before.
fn last_export_head(conn: &Connection) -> Result<Option<audit::ChainHead>, StoreError> {
    Ok(conn
        .one(
            "SELECT source_chain_seq, source_chain_hash FROM bundle_exchange
             WHERE direction = 'export' ORDER BY source_chain_seq DESC LIMIT 1",
            [],
            |r| {
                Ok(audit::ChainHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The furthest chain head of `source_database` that a bundle imported here showed:
/// what this database witnessed of that source's history.
pub fn witnessed(
    conn: &Connection,
    source_database: &str,
) -> Result<Option<audit::ChainHead>, StoreError> {
    Ok(conn
        .one(
            "SELECT source_chain_seq, source_chain_hash FROM bundle_exchange
             WHERE direction = 'import' AND source_database = ?1
             ORDER BY source_chain_seq DESC LIMIT 1",
            [source_database],
            |r| {
                Ok(audit::ChainHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

pub fn imported(conn: &Connection, id: Uuid) -> Result<bool, StoreError> {
    Ok(conn
        .one(
            "SELECT 1 FROM bundle_exchange WHERE id = ?1 AND direction = 'import'",
            [id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Stores a record that arrived in a bundle as it was where it was entered: its id,
/// version, who entered it and when, its note and whether it is cancelled. Audited
/// as `import` by the person importing. The caller refreshes its findings.
pub fn insert_record(
    conn: &Connection,
    stamp: &Stamp,
    record: &StoredRecord,
    names: &str,
) -> Result<(), StoreError> {
    conn.run(
        "INSERT INTO record (id, kind, version, department_id, occurred_on, amount_fen, cancelled,
                             note, entered_by, entered_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            record.id.to_string(),
            record.body.kind().tag(),
            record.version,
            record.department_id.to_string(),
            record.body.date().to_string(),
            record.body.amount().0,
            record.cancelled,
            record.note,
            record.entered_by,
            record.entered_at,
            body_json(&record.body)?,
        ],
    )?;
    if record.cancelled {
        // A cancelled record is kept but not searched (as when cancelled here).
        write_links_and_search(conn, &record.id, &record.body, names)?;
        let seq: i64 = conn.one(
            "SELECT seq FROM record WHERE id = ?1",
            [record.id.to_string()],
            |r| r.get(0),
        )?;
        conn.run("DELETE FROM record_search WHERE rowid = ?1", [seq])?;
    } else {
        write_links_and_search(conn, &record.id, &record.body, names)?;
    }
    super::directory::record_change(conn, stamp, "record", "import", &record.id, None)
}

/// This database's id in the bundles it sends, made once from `fresh`.
pub fn database_id(conn: &Connection, stamp: &Stamp, fresh: Uuid) -> Result<String, StoreError> {
    if let Some(id) = super::settings::get(conn, DATABASE_ID)? {
        return Ok(id);
    }
    let id = fresh.to_string();
    super::settings::set(conn, stamp, DATABASE_ID, &id)?;
    Ok(id)
}
