//! Checks the database against its audit log: the chain row by row, every audited
//! entity against its last after-image, every attachment against its hash, and the
//! checkpoints signed over the chain. Above both the log and the checkpoints, so
//! neither needs the other.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::audit::{
    head, sha256_hex, Audited, ChainHead, ChainRow, AUDITED, CHAIN_COLUMNS, GENESIS,
};
use super::checkpoints::{self, CheckpointView, RewrittenHistory};
use super::error::StoreError;

/// What [`verify`] found wrong, naming the first bad row or entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum AuditProblem {
    /// Row `seq` is missing: the row found has another number.
    Gap {
        #[ts(type = "number")]
        expected: i64,
        #[ts(type = "number")]
        found: i64,
    },
    /// Row `seq` does not point at the row before it.
    BrokenLink {
        #[ts(type = "number")]
        seq: i64,
    },
    /// Row `seq` was changed after it was written.
    RowAltered {
        #[ts(type = "number")]
        seq: i64,
    },
    /// The entity's stored value is not what its last audit row says.
    EntityAltered {
        entity: String,
        id: String,
        #[ts(type = "number")]
        last_seq: i64,
    },
    /// The entity exists but the log never recorded it.
    EntityNotAudited { entity: String, id: String },
    /// An attachment's bytes no longer have the hash they were stored under.
    AttachmentAltered { sha256: String },
    /// The chain no longer recomputes to the hash a checkpoint's signer signed: a row
    /// after `after_seq` and up to `checkpoint_seq` was rewritten.
    HistoryRewritten {
        #[ts(type = "number")]
        checkpoint_seq: i64,
        signed_by: String,
        signed_at: String,
        #[ts(type = "number")]
        after_seq: i64,
    },
    /// A checkpoint whose signature does not verify under its signer's certificate.
    CheckpointInvalid {
        #[ts(type = "number")]
        seq: i64,
    },
    /// The log says the entity exists, but it is gone.
    EntityMissing {
        entity: String,
        id: String,
        #[ts(type = "number")]
        last_seq: i64,
    },
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
    #[ts(type = "number")]
    pub rows_checked: i64,
    pub head: ChainHead,
    /// Empty when the log and the data agree; otherwise the first problems found, in order.
    pub problems: Vec<AuditProblem>,
    /// Signed checkpoints checked (see `store::checkpoints`).
    #[ts(type = "number")]
    pub checkpoints: i64,
    /// The newest checkpoint that holds.
    #[ts(optional)]
    pub last_checkpoint: Option<CheckpointView>,
    /// Rows after the newest checkpoint that holds: nobody's signature vouches for them.
    #[ts(type = "number")]
    pub unsigned_tail: i64,
    /// History rewritten before a checkpoint: which one, signed by whom, and when.
    #[ts(optional)]
    pub rewritten: Option<RewrittenHistory>,
}

/// How many problems a report lists; the first is what matters.
const MAX_PROBLEMS: usize = 50;

/// Checks the whole chain, then that every audited entity equals its last after-image.
pub fn verify(conn: &Connection) -> Result<AuditReport, StoreError> {
    verify_with_progress(conn, &mut |_| {})
}

/// How often [`verify_with_progress`] reports the rows it has checked.
pub const PROGRESS_EVERY: i64 = 100_000;

/// [`verify`], calling `progress` with the rows checked so far every
/// [`PROGRESS_EVERY`] rows (a million-record log takes a while).
pub fn verify_with_progress(
    conn: &Connection,
    progress: &mut dyn FnMut(i64),
) -> Result<AuditReport, StoreError> {
    let mut problems = Vec::new();
    let checkpoints = checkpoints::all(conn)?;
    let wanted: std::collections::HashSet<i64> = checkpoints.iter().map(|c| c.seq).collect();
    let mut recomputed = std::collections::HashMap::with_capacity(wanted.len());
    let mut stmt = conn.prepare(&format!("SELECT {CHAIN_COLUMNS} FROM audit ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_owned();
    let mut rows_checked = 0;
    while let Some(r) = rows.next()? {
        let row = ChainRow::read(r)?;
        rows_checked += 1;
        if rows_checked % PROGRESS_EVERY == 0 {
            progress(rows_checked);
        }
        if row.seq != expected_seq {
            problems.push(AuditProblem::Gap {
                expected: expected_seq,
                found: row.seq,
            });
        }
        if row.prev_hash != prev_hash {
            problems.push(AuditProblem::BrokenLink { seq: row.seq });
        }
        let hash = row.computed_hash();
        if wanted.contains(&row.seq) {
            recomputed.insert(row.seq, hash.clone());
        }
        if hash != row.hash {
            problems.push(AuditProblem::RowAltered { seq: row.seq });
        }
        expected_seq = row.seq + 1;
        prev_hash = row.hash;
    }
    drop(rows);
    drop(stmt);

    for table in AUDITED {
        check_entities(conn, table, &mut problems)?;
    }
    let mut attachments = conn.prepare("SELECT sha256, data FROM attachment ORDER BY sha256")?;
    let mut rows = attachments.query([])?;
    while let Some(row) = rows.next()? {
        let sha256: String = row.get(0)?;
        let data: Vec<u8> = row.get(1)?;
        if sha256_hex(&data) != sha256 {
            problems.push(AuditProblem::AttachmentAltered { sha256 });
        }
    }
    let judgment = checkpoints::judge(conn, &checkpoints, &recomputed)?;
    let head = head(conn)?;
    // A rewrite comes first: it explains the problems after it.
    if let Some(rewritten) = &judgment.rewritten {
        problems.insert(
            0,
            AuditProblem::HistoryRewritten {
                checkpoint_seq: rewritten.checkpoint.seq,
                signed_by: rewritten.checkpoint.signed_by.clone(),
                signed_at: rewritten.checkpoint.signed_at.clone(),
                after_seq: rewritten.after_seq,
            },
        );
    }
    problems.extend(
        judgment
            .invalid
            .iter()
            .map(|&seq| AuditProblem::CheckpointInvalid { seq }),
    );
    problems.truncate(MAX_PROBLEMS);
    Ok(AuditReport {
        rows_checked,
        unsigned_tail: head.seq - judgment.last_holding.as_ref().map_or(0, |c| c.seq),
        head,
        problems,
        checkpoints: judgment.checked,
        last_checkpoint: judgment.last_holding,
        rewritten: judgment.rewritten,
    })
}

fn check_entities(
    conn: &Connection,
    table: &Audited,
    problems: &mut Vec<AuditProblem>,
) -> Result<(), StoreError> {
    // The last audited image of every entity of this kind.
    let mut last = conn.prepare(
        "SELECT a.entity_id, a.after, a.seq FROM audit a
         JOIN (SELECT entity_id, MAX(seq) AS seq FROM audit WHERE entity = ?1 GROUP BY entity_id) m
           ON a.seq = m.seq
         ORDER BY a.seq",
    )?;
    let audited: Vec<(String, Option<String>, i64)> = last
        .query_map([table.entity], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut current = conn.prepare(table.images)?;
    let mut images: std::collections::BTreeMap<String, String> = current
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, after, seq) in audited {
        match (images.remove(&id), after) {
            (Some(image), Some(after)) if image == after => {}
            (Some(_), _) => problems.push(AuditProblem::EntityAltered {
                entity: table.entity.to_owned(),
                id,
                last_seq: seq,
            }),
            (None, Some(_)) => problems.push(AuditProblem::EntityMissing {
                entity: table.entity.to_owned(),
                id,
                last_seq: seq,
            }),
            (None, None) => {}
        }
    }
    for id in images.into_keys() {
        problems.push(AuditProblem::EntityNotAudited {
            entity: table.entity.to_owned(),
            id,
        });
    }
    Ok(())
}
