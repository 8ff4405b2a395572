//! Repository for what this database witnessed of other databases' histories: the
//! audit rows their bundles carried (`witnessed_chain`), kept as they came. A source's
//! register is known here through them: its `register` rows (sign, countersign) name
//! the manifest's and the PDF's SHA-256, and the rows around them hold the chain head
//! the manifest was signed over.
//!
//! Nothing here is taken on this database's word: rows count only as far as they link
//! (each hashes to itself and to the one before) up to a checkpoint the source's signer
//! signed, which whoever holds this file cannot make.

use rusqlite::{params, Connection};

use super::audit::ChainRow;
use super::checkpoints::CarriedCheckpoint;
use super::error::StoreError;
use crate::signing::StatementSignature;

/// Keeps the rows a bundle from `source` carried. Rows already kept are the same rows
/// (the witness check refused any bundle whose history contradicts them).
pub fn keep(conn: &Connection, source: &str, rows: &[ChainRow]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO witnessed_chain
           (source_database, seq, at, actor, action, entity, entity_id, before, after,
            prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for row in rows {
        stmt.execute(params![
            source,
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.entity,
            row.entity_id,
            row.before,
            row.after,
            row.prev_hash,
            row.hash,
        ])?;
    }
    Ok(())
}

/// A source's row recording a register's signature or countersignature.
#[derive(Debug, Clone)]
pub struct RegisterRow {
    pub source: String,
    pub row: ChainRow,
}

/// Every witnessed `register` row (sign, countersign) whose after-image names a
/// manifest with this SHA-256, oldest first.
pub fn register_rows(
    conn: &Connection,
    manifest_sha256: &str,
) -> Result<Vec<RegisterRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT source_database, seq, at, actor, action, entity, entity_id, before, after,
                prev_hash, hash
         FROM witnessed_chain
         WHERE entity = 'register' AND action IN ('sign', 'countersign')
           AND json_valid(after) AND json_extract(after, '$.manifestSha256') = ?1
         ORDER BY source_database, seq",
    )?;
    let rows = stmt
        .query_map([manifest_sha256], |r| {
            Ok(RegisterRow {
                source: r.get(0)?,
                row: chain_row(r, 1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The kept row of `source` at `seq`, if any.
pub fn row_at(conn: &Connection, source: &str, seq: i64) -> Result<Option<ChainRow>, StoreError> {
    let mut rows = rows_from(conn, source, seq, seq)?;
    Ok(rows.pop())
}

/// The kept rows of `source` from `from` to `to` (inclusive), in order; gaps are
/// simply absent.
pub fn rows_from(
    conn: &Connection,
    source: &str,
    from: i64,
    to: i64,
) -> Result<Vec<ChainRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT source_database, seq, at, actor, action, entity, entity_id, before, after,
                prev_hash, hash
         FROM witnessed_chain WHERE source_database = ?1 AND seq BETWEEN ?2 AND ?3
         ORDER BY seq",
    )?;
    let rows = stmt
        .query_map(params![source, from, to], |r| chain_row(r, 1))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Keeps the checkpoints a bundle from `source` carried.
pub fn keep_checkpoints(
    conn: &Connection,
    source: &str,
    checkpoints: &[CarriedCheckpoint],
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO witnessed_checkpoint (source_database, seq, signature)
         VALUES (?1, ?2, ?3)",
    )?;
    for checkpoint in checkpoints {
        let signature = serde_json::to_string(&checkpoint.signature)
            .map_err(|e| StoreError::Bug(format!("checkpoint: {e}")))?;
        stmt.execute(params![source, checkpoint.seq, signature])?;
    }
    Ok(())
}

/// The kept checkpoints of `source` at or after `seq`, oldest first (one that no
/// longer reads is left out: it vouches for nothing).
pub fn checkpoints_from(
    conn: &Connection,
    source: &str,
    seq: i64,
) -> Result<Vec<CarriedCheckpoint>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, signature FROM witnessed_checkpoint
         WHERE source_database = ?1 AND seq >= ?2 ORDER BY seq",
    )?;
    let rows: Vec<(i64, String)> = stmt
        .query_map(params![source, seq], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(seq, signature)| {
            let signature: StatementSignature = serde_json::from_str(&signature).ok()?;
            Some(CarriedCheckpoint { seq, signature })
        })
        .collect())
}

fn chain_row(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<ChainRow> {
    Ok(ChainRow {
        seq: r.get(first)?,
        at: r.get(first + 1)?,
        actor: r.get(first + 2)?,
        action: r.get(first + 3)?,
        entity: r.get(first + 4)?,
        entity_id: r.get(first + 5)?,
        before: r.get(first + 6)?,
        after: r.get(first + 7)?,
        prev_hash: r.get(first + 8)?,
        hash: r.get(first + 9)?,
    })
}
