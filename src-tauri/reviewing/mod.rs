//! Moving a record's review on: the transitions a person asks for (submit, withdraw,
//! approve, return), each checked against the record's state, version and the
//! actor's scope before any passphrase is asked for, and each committing one signed;
//! and the review's answer to a record's change (an approval undone, a locked record
//! flagged as amended). The state machine itself is `domain::workflow`; the rows
//! are `store::review`.

pub mod months;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::access::Actor;
use crate::domain::records::RecordId;
use crate::domain::workflow::{self, Refusal, Transition};
use crate::error::AppError;
use crate::signing::UnlockedKey;
use crate::store::audit::{self, Stamp};
use crate::store::records::{self, StoredRecord};
use crate::store::review::{self, Review};
use crate::store::{profiles, StoreError};

/// A record and the version the reviewer saw.
pub struct Seen {
    pub id: RecordId,
    pub version: i64,
}

/// Each record's next review under `transition` by `actor`, or the first refusal:
/// a cancelled record (unless a signed register listed it), a version the reviewer
/// did not see, a record outside the actor's scope, a transition its state refuses.
pub fn plan(
    conn: &Connection,
    actor: &Actor,
    transition: Transition,
    items: impl IntoIterator<Item = Seen>,
    comment: &str,
) -> Result<Vec<(StoredRecord, Review)>, AppError> {
    let mut planned = Vec::new();
    for item in items {
        let record =
            records::get(conn, item.id)?.ok_or_else(|| StoreError::not_found("record", item.id))?;
        let mut next = review::get(conn, item.id)?;
        // A cancelled record is not reviewed — there is nothing to vouch for — unless
        // a signed register listed it: its cancellation is then an amendment, which
        // the head reviews like any other.
        if record.cancelled && !next.state.locked {
            return Err(AppError::Cancelled {
                id: item.id.to_string(),
            });
        }
        if record.version != item.version {
            return Err(StoreError::VersionConflict {
                entity: "record",
                id: item.id.to_string(),
                expected: item.version,
                found: record.version,
            }
            .into());
        }
        let scope = actor.scope_of(record.department_id, &record.body.official_ids());
        if !actor.may(transition.permission(), scope) {
            return Err(AppError::Forbidden {
                action: transition.permission(),
            });
        }
        next.state = workflow::next(next.state, transition, false)
            .map_err(|refusal| refused(&record, transition, refusal))?;
        next.comment = comment.to_owned();
        next.record_version = record.version;
        planned.push((record, next));
    }
    Ok(planned)
}

/// Writes a record's next review (`next`, checked by the caller), signed with `key`
/// when the transition commits the actor, and audits it as the transition.
pub fn commit(
    conn: &Connection,
    stamp: &Stamp,
    actor: &Actor,
    key: Option<&UnlockedKey>,
    record: &StoredRecord,
    mut next: Review,
    transition: Transition,
) -> Result<(), AppError> {
    next.signature = match key {
        Some(key) => {
            let statement = statement(conn, actor, record, transition, &next.comment)?;
            Some(key.sign(&statement, stamp.at))
        }
        None => None,
    };
    review::set(conn, stamp, record.id, &next, transition.tag())?;
    Ok(())
}

/// What a committing transition signs: who, what, which version and its exact
/// stored image (by hash), so the signature pins the content reviewed.
fn statement(
    conn: &Connection,
    actor: &Actor,
    record: &StoredRecord,
    transition: Transition,
    comment: &str,
) -> Result<String, AppError> {
    let image = audit::image_of(conn, "record", &record.id.to_string())?.unwrap_or_default();
    let digest = crate::digest::sha256_hex(image.as_bytes());
    let statement = serde_json::json!({
        "action": transition.tag(),
        "comment": comment,
        "profileId": actor.profile_id,
        "recordId": record.id,
        "recordImageSha256": digest,
        "recordVersion": record.version,
    });
    Ok(statement.to_string())
}

fn refused(record: &StoredRecord, transition: Transition, refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotFrom(from) => AppError::IllegalTransition { transition, from },
        Refusal::LockedNeedsReason => AppError::Locked {
            id: record.id.to_string(),
        },
    }
}

/// Called before a record's content changes (`Edit`) or it
/// is cancelled (`Cancel`): refuses a change the review does not allow, and moves
/// the review on (an approval is undone, a locked record is flagged as amended).
pub fn before_change(
    conn: &Connection,
    stamp: &Stamp,
    record: &StoredRecord,
    transition: Transition,
    reason: &str,
) -> Result<(), AppError> {
    let current = review::get(conn, record.id)?;
    let next = workflow::next(current.state, transition, !reason.trim().is_empty())
        .map_err(|refusal| refused(record, transition, refusal))?;
    if next != current.state {
        let action = if next.amended && !current.state.amended {
            "amend"
        } else {
            "reopen"
        };
        let review = Review {
            state: next,
            comment: reason.trim().to_owned(),
            record_version: record.version,
            signature: None,
            ..current
        };
        review::set(conn, stamp, record.id, &review, action)?;
    }
    Ok(())
}

/// A signature checked against the certificates the database knows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    pub status: crate::signing::SignatureStatus,
    pub key_fingerprint: String,
    pub signed_at: String,
    /// Whose key it is, when the directory knows it.
    pub signer: Option<String>,
}

/// Checks a stored signature against the database's certificates.
pub fn check_signature(
    conn: &Connection,
    signed: &crate::signing::StatementSignature,
) -> Result<SignatureCheck, AppError> {
    let key = profiles::key_by_fingerprint(conn, &signed.key_fingerprint)?;
    let status = crate::signing::verify(
        signed,
        key.as_ref().map(|k| crate::signing::KnownCertificate {
            der: &k.certificate_der,
            revoked_from: k.revoked_from(),
        }),
    );
    let signer = match &key {
        Some(k) => Some(crate::keyring::profile_name(conn, k.profile_id)?),
        None => None,
    };
    Ok(SignatureCheck {
        status,
        key_fingerprint: signed.key_fingerprint.clone(),
        signed_at: signed.signed_at.clone(),
        signer,
    })
}
