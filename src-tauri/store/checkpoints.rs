//! Signed checkpoints of the audit chain. Every signed act (submitting, approving or
//! returning records, declaring an empty month, signing and countersigning a register,
//! exporting a bundle or the directory) signs the chain head at that moment — its
//! sequence and hash — with the actor's own key. Whoever holds the database file can
//! recompute the chain, but not those signatures: a rewrite of any row before a
//! checkpoint no longer recomputes to the hash its signer saw, and `audit verify` names
//! that checkpoint. Rows after the last checkpoint are the unsigned tail, reported for
//! what they are.
//!
//! The signed statement is canonical JSON (compact, keys sorted):
//! `{"act":"approve","hash":"<64 hex>","kind":"qinqing-checkpoint/1","seq":123}`, signed
//! as every statement is (`signing::StatementSignature`: ECDSA P-256 / SHA-256 over
//! `signedAt + "\n" + statement`). See `docs/audit-checkpoints.md`.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::audit::ChainHead;
use super::error::StoreError;
use super::sql::Cached;
use crate::signing::{StatementSignature, UnlockedKey};

/// The statement format's name and version.
pub const KIND: &str = "qinqing-checkpoint/1";

/// A signed act, as the checkpoint names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Act {
    Submit,
    Approve,
    Return,
    Attest,
    SignRegister,
    CountersignRegister,
    ExportBundle,
    ExportDirectory,
}

/// What a checkpoint's signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub act: Act,
    pub hash: String,
    pub kind: String,
    pub seq: i64,
}

impl Statement {
    /// The canonical bytes signed (serde writes these fields in sorted order).
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A checkpoint as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub profile_id: Uuid,
    pub signature: StatementSignature,
}

/// Signs the chain head as it stands (after the act's own rows) with `key`. A head
/// already signed keeps its first checkpoint.
pub fn seal(
    conn: &Connection,
    key: &UnlockedKey,
    profile_id: Uuid,
    act: Act,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<ChainHead, StoreError> {
    let head = super::audit::head(conn)?;
    let statement = Statement {
        act,
        hash: head.hash.clone(),
        kind: KIND.to_owned(),
        seq: head.seq,
    };
    let signature = key.sign(&statement.canonical(), at);
    conn.run(
        "INSERT INTO audit_checkpoint (seq, profile_id, signature) VALUES (?1, ?2, ?3)
         ON CONFLICT (seq) DO NOTHING",
        params![
            head.seq,
            profile_id.to_string(),
            serde_json::to_string(&signature)
                .map_err(|e| StoreError::Bug(format!("checkpoint: {e}")))?,
        ],
    )?;
    Ok(head)
}

/// Every checkpoint, oldest first.
pub fn all(conn: &Connection) -> Result<Vec<Checkpoint>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT seq, profile_id, signature FROM audit_checkpoint ORDER BY seq")?;
    let rows: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(seq, profile, signature)| {
            let corrupt = |e: String| StoreError::Corrupt(format!("checkpoint {seq}: {e}"));
            Ok(Checkpoint {
                seq,
                profile_id: Uuid::parse_str(&profile).map_err(|e| corrupt(e.to_string()))?,
                signature: serde_json::from_str(&signature).map_err(|e| corrupt(e.to_string()))?,
            })
        })
        .collect()
}

/// A checkpoint as it travels in a bundle: its sequence and its signer's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CarriedCheckpoint {
    pub seq: i64,
    pub signature: StatementSignature,
}

/// The checkpoints after `after_seq` up to and including `up_to_seq`, in order: those
/// over the rows a bundle carries.
pub fn between(
    conn: &Connection,
    after_seq: i64,
    up_to_seq: i64,
) -> Result<Vec<CarriedCheckpoint>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, signature FROM audit_checkpoint WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
    )?;
    let rows: Vec<(i64, String)> = stmt
        .query_map(params![after_seq, up_to_seq], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(seq, signature)| {
            Ok(CarriedCheckpoint {
                seq,
                signature: serde_json::from_str(&signature)
                    .map_err(|e| StoreError::Corrupt(format!("checkpoint {seq}: {e}")))?,
            })
        })
        .collect()
}

/// A checkpoint as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointView {
    #[ts(type = "number")]
    pub seq: i64,
    pub act: Act,
    /// 姓名（工号） of the certificate's holder, or its fingerprint when unknown.
    pub signed_by: String,
    /// When its signer says they signed (RFC 3339).
    pub signed_at: String,
}

/// History rewritten before a checkpoint: the first checkpoint whose signed hash the
/// chain no longer recomputes to, and the last one before it that still holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RewrittenHistory {
    pub checkpoint: CheckpointView,
    /// The rewritten rows lie after this sequence (the last checkpoint that holds, or 0).
    #[ts(type = "number")]
    pub after_seq: i64,
}

/// What the checkpoints say about the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judgment {
    pub checked: i64,
    /// The newest checkpoint that holds.
    pub last_holding: Option<CheckpointView>,
    pub rewritten: Option<RewrittenHistory>,
    /// Checkpoints whose signature does not verify under the certificate on record for
    /// their signer (or names no certificate this database knows).
    pub invalid: Vec<i64>,
}

/// Judges every checkpoint against the chain as recomputed: `recomputed` holds the
/// recomputed hash of each row a checkpoint names.
pub fn judge(
    conn: &Connection,
    checkpoints: &[Checkpoint],
    recomputed: &std::collections::HashMap<i64, String>,
) -> Result<Judgment, StoreError> {
    let mut judgment = Judgment::default();
    for checkpoint in checkpoints {
        judgment.checked += 1;
        let signature = &checkpoint.signature;
        let statement = serde_json::from_str::<Statement>(&signature.statement)
            .ok()
            .filter(|s| s.kind == KIND && s.seq == checkpoint.seq);
        let holder = super::profiles::key_by_fingerprint(conn, &signature.key_fingerprint)?;
        let valid = match (&statement, &holder) {
            (Some(_), Some(key)) if key.profile_id == checkpoint.profile_id => {
                crate::signing::verify(
                    signature,
                    Some(crate::signing::KnownCertificate {
                        der: &key.certificate_der,
                        revoked_from: key.revoked_from(),
                    }),
                ) == crate::signing::SignatureStatus::Valid
            }
            _ => false,
        };
        let Some(statement) = statement.filter(|_| valid) else {
            judgment.invalid.push(checkpoint.seq);
            continue;
        };
        let view = CheckpointView {
            seq: checkpoint.seq,
            act: statement.act,
            signed_by: super::certificates::certificate_holder(conn, &signature.key_fingerprint)?
                .map(|h| h.name)
                .unwrap_or_else(|| signature.key_fingerprint.clone()),
            signed_at: signature.signed_at.clone(),
        };
        if recomputed.get(&checkpoint.seq) == Some(&statement.hash) {
            if judgment.rewritten.is_none() {
                judgment.last_holding = Some(view);
            }
        } else if judgment.rewritten.is_none() {
            judgment.rewritten = Some(RewrittenHistory {
                checkpoint: view,
                after_seq: judgment.last_holding.as_ref().map_or(0, |c| c.seq),
            });
        }
    }
    Ok(judgment)
}

/// A checkpoint this database holds that another copy of it does not keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LostCheckpoint {
    pub checkpoint: CheckpointView,
    /// The other copy has the row, with another hash (rewritten); otherwise its log
    /// ends before it (older).
    pub rewritten: bool,
}

/// The checkpoints of `here` that `other` (a backup about to replace it) contradicts:
/// its log ends before them, or holds another hash at their row.
pub fn lost_in(here: &Connection, other: &Connection) -> Result<Vec<LostCheckpoint>, StoreError> {
    let mut lost = Vec::new();
    for checkpoint in all(here)? {
        let signature = &checkpoint.signature;
        let Ok(statement) = serde_json::from_str::<Statement>(&signature.statement) else {
            continue;
        };
        let theirs = super::audit::hash_at(other, statement.seq)?;
        if theirs.as_deref() == Some(statement.hash.as_str()) {
            continue;
        }
        lost.push(LostCheckpoint {
            rewritten: theirs.is_some(),
            checkpoint: CheckpointView {
                seq: statement.seq,
                act: statement.act,
                signed_by: super::certificates::certificate_holder(
                    here,
                    &signature.key_fingerprint,
                )?
                .map(|h| h.name)
                .unwrap_or_else(|| signature.key_fingerprint.clone()),
                signed_at: signature.signed_at.clone(),
            },
        });
    }
    Ok(lost)
}
