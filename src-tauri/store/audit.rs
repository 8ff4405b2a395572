//! The append-only, hash-chained audit log. Every change to stored state appends a
//! row carrying the SHA-256 of the row before it, so an edit of the database file
//! behind the app's back is found by [`super::integrity::verify`]: a rewritten row breaks its hash, and
//! a changed value no longer equals its last audited after-image.
//!
//! A chain can still be recomputed whole, or cut short, by whoever can write the file;
//! the remedy is the chain head ([`head`]), which signed registers and exchange
//! bundles carry, so a later rewrite contradicts a signature kept elsewhere.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::error::StoreError;
use super::sql::Cached;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who changed something, and when. Time is passed in, never read here.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// One change to append: `before` and `after` are the entity's stored images
/// (`None` when it did not exist before, or does not exist after).
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The newest row of the chain: what a signature pins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainHead {
    /// Sequence number of the newest row (0 for an empty log).
    #[ts(type = "number")]
    pub seq: i64,
    pub hash: String,
}

/// Appends one change and returns the new head.
pub fn append(
    conn: &Connection,
    stamp: &Stamp,
    change: &Change<'_>,
) -> Result<ChainHead, StoreError> {
    let prev = head(conn)?;
    let seq = prev.seq + 1;
    let at = stamp.at.to_rfc3339_opts(SecondsFormat::Millis, true);
    let row = ChainRow {
        seq,
        at,
        actor: stamp.actor.clone(),
        action: change.action.to_owned(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id.to_owned(),
        before: change.before.map(str::to_owned),
        after: change.after.map(str::to_owned),
        prev_hash: prev.hash,
        hash: String::new(),
    };
    let hash = row.computed_hash();
    conn.run(
        "INSERT INTO audit (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.before, row.after,
            row.prev_hash, hash
        ],
    )?;
    Ok(ChainHead { seq, hash })
}

pub fn head(conn: &Connection) -> Result<ChainHead, StoreError> {
    let found = conn
        .one(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |row| {
                Ok(ChainHead {
                    seq: row.get(0)?,
                    hash: row.get(1)?,
                })
            },
        )
        .optional()?;
    Ok(found.unwrap_or(ChainHead {
        seq: 0,
        hash: GENESIS.to_owned(),
    }))
}

/// The hash of row `seq`, if the log has it.
pub fn hash_at(conn: &Connection, seq: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .one("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?)
}

/// The newest row recording `action` on an entity: when it was done, as the log
/// says (sequence and time).
pub fn last_action(
    conn: &Connection,
    entity: &str,
    id: &str,
    action: &str,
) -> Result<Option<(i64, DateTime<Utc>)>, StoreError> {
    let found: Option<(i64, String)> = conn
        .one(
            "SELECT seq, at FROM audit WHERE entity = ?1 AND entity_id = ?2 AND action = ?3
             ORDER BY seq DESC LIMIT 1",
            params![entity, id, action],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    found
        .map(|(seq, at)| {
            DateTime::parse_from_rfc3339(&at)
                .map(|at| (seq, at.with_timezone(&Utc)))
                .map_err(|e| StoreError::Corrupt(format!("audit row {seq}: {e}")))
        })
        .transpose()
}

/// An entity as the log recorded it at row `seq`: the after-image of its newest row
/// up to and including `seq` (`None` when it did not exist then).
pub fn image_at(
    conn: &Connection,
    entity: &str,
    id: &str,
    seq: i64,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .one(
            "SELECT after FROM audit WHERE entity = ?1 AND entity_id = ?2 AND seq <= ?3
             ORDER BY seq DESC LIMIT 1",
            params![entity, id, seq],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// One row of the chain as it travels in a bundle (for the receiving database to check
/// that the source's history extends what it saw before), with its stored hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChainRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl ChainRow {
    /// SHA-256 over a JSON array of the fields but the stored hash: unambiguous field
    /// boundaries, and the same bytes on every platform and in every later version.
    pub fn computed_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.entity,
            self.entity_id,
            self.before,
            self.after,
            self.prev_hash
        ]);
        sha256_hex(canonical.to_string().as_bytes())
    }

    /// Whether the row hashes to its stored hash (its content is what was chained).
    pub fn holds(&self) -> bool {
        self.computed_hash() == self.hash
    }

    pub(super) fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChainRow> {
        Ok(ChainRow {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
            prev_hash: r.get(8)?,
            hash: r.get(9)?,
        })
    }
}

/// The columns [`ChainRow::read`] reads, in its order.
pub(super) const CHAIN_COLUMNS: &str =
    "seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash";

/// The rows after `after_seq` up to and including `up_to_seq`, in order.
pub fn rows_between(
    conn: &Connection,
    after_seq: i64,
    up_to_seq: i64,
) -> Result<Vec<ChainRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CHAIN_COLUMNS} FROM audit WHERE seq > ?1 AND seq <= ?2 ORDER BY seq"
    ))?;
    let rows = stmt
        .query_map(params![after_seq, up_to_seq], ChainRow::read)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub use crate::digest::sha256_hex;

/// A table whose rows the audit log vouches for: the query gives each row's id and
/// its current image, which must equal the after-image of its last audit row.
pub(super) struct Audited {
    pub(super) entity: &'static str,
    pub(super) images: &'static str,
}

/// Every audited table. A row's image is built by SQL here and by [`image_of`] when
/// it is written, so the two cannot drift apart.
pub(super) const AUDITED: &[Audited] = &[
    Audited {
        entity: "setting",
        images: "SELECT key, value FROM setting",
    },
    Audited {
        entity: "department",
        images: "SELECT id, json_object('version', version, 'name', name, 'active', active, 'body', json(body)) FROM department",
    },
    Audited {
        entity: "official",
        images: "SELECT id, json_object('version', version, 'departmentId', department_id, 'name', name, 'staffNo', staff_no, 'active', active, 'body', json(body)) FROM official",
    },
    Audited {
        entity: "counterpart",
        images: "SELECT id, json_object('version', version, 'name', name, 'creditCode', credit_code, 'creditStatus', credit_status, 'active', active, 'body', json(body)) FROM counterpart",
    },
    Audited {
        entity: "city",
        images: "SELECT id, json_object('version', version, 'province', province, 'name', name, 'body', json(body)) FROM city",
    },
    Audited {
        entity: "standard",
        images: "SELECT id, json_object('version', version, 'key', key, 'effectiveFrom', effective_from, 'active', active, 'body', json(body)) FROM standard",
    },
    Audited {
        entity: "holiday",
        images: "SELECT id, json_object('version', version, 'date', date, 'active', active, 'body', json(body)) FROM holiday",
    },
    Audited {
        entity: "record",
        images: "SELECT id, json_object('kind', kind, 'version', version, 'departmentId', department_id, 'occurredOn', occurred_on, 'amountFen', amount_fen, 'cancelled', cancelled, 'note', note, 'enteredBy', entered_by, 'enteredAt', entered_at, 'body', json(body)) FROM record",
    },
    Audited {
        entity: "profile",
        images: "SELECT id, json_object('version', version, 'officialId', official_id, 'administrator', administrator, 'active', active, 'passphraseHash', passphrase_hash, 'createdAt', created_at) FROM profile",
    },
    Audited {
        entity: "key",
        images: "SELECT id, json_object('profileId', profile_id, 'fingerprint', fingerprint, 'certificate', certificate, 'encryptedKey', encrypted_key, 'origin', origin, 'createdAt', created_at, 'revokedFrom', revoked_from, 'revokedReason', revoked_reason) FROM profile_key",
    },
    Audited {
        entity: "review",
        images: "SELECT record_id AS id, json_object('status', status, 'lockedBy', locked_by, 'amended', amended, 'comment', comment, 'recordVersion', record_version, 'signature', json(signature)) FROM record_review",
    },
    Audited {
        entity: "attestation",
        images: "SELECT id, json_object('officialId', official_id, 'month', month, 'active', active, 'signature', json(signature)) FROM attestation",
    },
    Audited {
        entity: "register",
        images: "SELECT id, json_object('departmentId', department_id, 'month', month, 'manifestSha256', manifest_sha256, 'pdfSha256', pdf_sha256, 'signedBy', signed_by, 'signedAt', signed_at, 'countersignedBy', countersigned_by, 'countersignedAt', countersigned_at) FROM issued_register",
    },
    Audited {
        entity: "bundle",
        images: "SELECT id, json_object('direction', direction, 'payloadSha256', payload_sha256, 'at', at, 'signerFingerprint', signer_fingerprint, 'sourceDatabase', source_database, 'sourceChainSeq', source_chain_seq, 'sourceChainHash', source_chain_hash, 'summary', json(summary)) FROM bundle_exchange",
    },
    Audited {
        entity: "certificate",
        images: "SELECT fingerprint AS id, json_object('officialId', official_id, 'certificate', certificate, 'origin', origin, 'revokedFrom', revoked_from) FROM known_certificate",
    },
    Audited {
        entity: "root",
        images: "SELECT fingerprint AS id, json_object('certificate', certificate, 'origin', origin, 'createdAt', created_at) FROM bureau_root",
    },
    Audited {
        entity: "rootSlot",
        images: "SELECT profile_id AS id, json_object('rootFingerprint', root_fingerprint, 'encryptedKey', encrypted_key) FROM root_key_slot",
    },
    Audited {
        entity: "attachment",
        images: "SELECT id, json_object('recordId', record_id, 'sha256', sha256, 'name', name, 'removed', removed) FROM record_attachment",
    },
];

/// The current image of one audited row, exactly as [`super::integrity::verify`] will compute it.
pub fn image_of(conn: &Connection, entity: &str, id: &str) -> Result<Option<String>, StoreError> {
    let table = AUDITED
        .iter()
        .find(|t| t.entity == entity)
        .ok_or_else(|| StoreError::Bug(format!("{entity} is not an audited table")))?;
    let key = if entity == "setting" { "key" } else { "id" };
    let sql = format!("SELECT * FROM ({}) WHERE {key} = ?1", table.images);
    Ok(conn
        .one(&sql, [id], |row| row.get::<_, String>(1))
        .optional()?)
}
