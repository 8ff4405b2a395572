//! Registers another database issued, known here through what its bundles carried
//! (`store::witnessed`): its audit rows and its signed checkpoints. The source's
//! `register` row for a signature names the SHA-256 of the manifest and of the PDF as
//! signed, and the signer's own checkpoint of that act signs a chain head at or after
//! that row. The presented register is that register when its manifest hashes to the
//! one named, the revision its last signature covers hashes to the PDF named for that
//! signature, the rows link from the register's first row (or the manifest's chain
//! head) to the checkpoint, and the checkpoint verifies under the very certificate that
//! made the signature. Whoever holds this database can write rows into it, but cannot
//! make the signer's checkpoint.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use super::manifest_check::ManifestFacts;
use crate::error::AppError;
use crate::register::slots::SignatureSlot;
use crate::signing::{self, KnownCertificate, SignatureStatus};
use crate::store::audit::{ChainRow, GENESIS};
use crate::store::checkpoints::{Act, Statement, KIND};
use crate::store::witnessed::{self, RegisterRow};
use rusqlite::Connection;

/// How the manifest's chain head stands against what this database witnessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// The source's row at that sequence has that hash.
    Holds,
    /// It has another: the source's history was rewritten before the register.
    Rewritten,
    /// This database never saw that part of the source's history.
    Unwitnessed,
}

/// A register another database issued, as witnessed here.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// The issuing database (its `database_id`).
    pub source: String,
    pub register_id: Uuid,
    /// When the source recorded the signature, and the countersignature.
    pub signed: Option<DateTime<Utc>>,
    pub countersigned: Option<DateTime<Utc>>,
    pub history: History,
}

impl Elsewhere {
    pub fn recorded_at(&self, slot: SignatureSlot) -> Option<DateTime<Utc>> {
        match slot {
            SignatureSlot::Sign => self.signed,
            SignatureSlot::Countersign => self.countersigned,
        }
    }
}

/// What the presented register shows of its last signature.
pub struct Presented<'a> {
    pub manifest_sha256: &'a str,
    /// The last signature's index, and the SHA-256 of the revision it covers.
    pub last: usize,
    pub revision_sha256: &'a str,
    /// That signature's certificate (DER).
    pub certificate_der: &'a [u8],
}

/// The register another database issued that `presented` is, if this database
/// witnessed it.
pub fn issued_elsewhere(
    conn: &Connection,
    facts: &ManifestFacts,
    presented: &Presented<'_>,
) -> Result<Option<Elsewhere>, AppError> {
    let Some(slot) = SignatureSlot::at(presented.last) else {
        return Ok(None);
    };
    let rows = witnessed::register_rows(conn, presented.manifest_sha256)?;
    for candidate in rows.iter().filter(|r| r.row.action == slot.audit_action()) {
        let image = image(&candidate.row);
        let names = |key: &str, expected: &str| image[key].as_str() == Some(expected);
        if !names("pdfSha256", presented.revision_sha256)
            || !names("departmentId", &facts.department_id.to_string())
            || !names("month", &facts.month)
        {
            continue;
        }
        let Ok(register_id) = candidate.row.entity_id.parse::<Uuid>() else {
            continue;
        };
        let of_register: Vec<&RegisterRow> = rows
            .iter()
            .filter(|r| r.source == candidate.source && r.row.entity_id == candidate.row.entity_id)
            .collect();
        let head = &facts.audit_head;
        let at_head = if head.seq == 0 {
            Some(GENESIS.to_owned())
        } else {
            witnessed::row_at(conn, &candidate.source, head.seq)?.map(|r| r.hash)
        };
        let history = match at_head {
            Some(hash) if hash == head.hash => History::Holds,
            Some(_) => History::Rewritten,
            None => History::Unwitnessed,
        };
        // From the manifest's head when it was witnessed, so the rows between it and
        // the signature are vouched for by the checkpoint too.
        let first = of_register.first().map_or(candidate.row.seq, |r| r.row.seq);
        let from = match history {
            History::Holds | History::Rewritten if head.seq > 0 => head.seq.min(first),
            _ => first,
        };
        let history = match vouched_for(
            conn,
            &candidate.source,
            from,
            candidate.row.seq,
            slot,
            presented,
        )? {
            None => continue,
            // The signer's checkpoint says the source issued it, but the rows kept
            // here no longer reach what was signed: rewritten before its first bundle.
            Some(false) => History::Rewritten,
            Some(true) => history,
        };
        let recorded_by = |slot: SignatureSlot| {
            of_register
                .iter()
                .filter(|r| r.row.action == slot.audit_action() && r.row.seq <= candidate.row.seq)
                .filter_map(|r| DateTime::parse_from_rfc3339(&r.row.at).ok())
                .map(|at| at.with_timezone(&Utc))
                .next_back()
        };
        return Ok(Some(Elsewhere {
            source: candidate.source.clone(),
            register_id,
            signed: recorded_by(SignatureSlot::Sign),
            countersigned: recorded_by(SignatureSlot::Countersign),
            history,
        }));
    }
    Ok(None)
}

fn image(row: &ChainRow) -> Value {
    row.after
        .as_deref()
        .and_then(|a| serde_json::from_str(a).ok())
        .unwrap_or(Value::Null)
}

/// Whether a checkpoint of `slot`'s act at or after the register's row `row_seq`,
/// signed with the presented signature's own certificate, signs the hash the kept rows
/// of `source` reach when they link without a gap from `from` to it: `None` when there
/// is no such checkpoint, `Some(false)` when there is and the rows do not reach it.
fn vouched_for(
    conn: &Connection,
    source: &str,
    from: i64,
    row_seq: i64,
    slot: SignatureSlot,
    presented: &Presented<'_>,
) -> Result<Option<bool>, AppError> {
    let act = match slot {
        SignatureSlot::Sign => Act::SignRegister,
        SignatureSlot::Countersign => Act::CountersignRegister,
    };
    let signed = witnessed::checkpoints_from(conn, source, row_seq)?
        .into_iter()
        .find_map(|checkpoint| {
            let statement = serde_json::from_str::<Statement>(&checkpoint.signature.statement)
                .ok()
                .filter(|s| s.kind == KIND && s.seq == checkpoint.seq && s.act == act)?;
            let known = KnownCertificate {
                der: presented.certificate_der,
                revoked_from: None,
            };
            (signing::verify(&checkpoint.signature, Some(known)) == SignatureStatus::Valid)
                .then_some(statement)
        });
    let Some(statement) = signed else {
        return Ok(None);
    };
    let rows = witnessed::rows_from(conn, source, from, statement.seq)?;
    // A gap (a bundle that went elsewhere) leaves it unproven, not contradicted.
    if rows.len() as i64 != statement.seq - from + 1 {
        return Ok(None);
    }
    let links = rows.iter().enumerate().all(|(i, row)| {
        let follows = i
            .checked_sub(1)
            .is_none_or(|j| row.prev_hash == rows[j].hash);
        follows && row.holds()
    });
    let reached = rows.last().is_some_and(|r| r.hash == statement.hash);
    Ok(Some(links && reached))
}
