//! Review commands: submit, withdraw, approve and return records (in bulk, each
//! committing transition signed with the actor's key), a record's review as the
//! actor sees it, and the hook that keeps review and lock consistent when a record
//! changes.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::accounts::unlock_key;
use super::{Access, Command};
use crate::core::Core;
use crate::domain::access::{Action, Actor};
use crate::domain::limits;
use crate::domain::validation::{fail, optional_text};
use crate::domain::workflow::{self, Refusal, ReviewStatus, Transition};
use crate::error::{AppError, Problem};
use crate::path;
use crate::signing::UnlockedKey;
use crate::store::audit::{self, Stamp};
use crate::store::checkpoints::{self, Act};
use crate::store::records::{self, StoredRecord};
use crate::store::review::{self, Review};
use crate::store::{profiles, StoreError};

/// A record and the version the reviewer saw.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewItem {
    pub id: Uuid,
    #[ts(type = "number")]
    pub version: i64,
}

/// The review transitions a person asks for (edits and cancellations go through
/// the record commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReviewAction {
    Submit,
    Withdraw,
    Approve,
    Return,
}

impl ReviewAction {
    fn transition(self) -> Transition {
        match self {
            ReviewAction::Submit => Transition::Submit,
            ReviewAction::Withdraw => Transition::Withdraw,
            ReviewAction::Approve => Transition::Approve,
            ReviewAction::Return => Transition::Return,
        }
    }

    fn permission(self) -> Action {
        self.transition().permission()
    }

    /// Submitting, approving and returning commit the person: passphrase and signature.
    fn commits(self) -> bool {
        self != ReviewAction::Withdraw
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewRequest {
    pub action: ReviewAction,
    pub items: Vec<ReviewItem>,
    /// Required to return; kept with an approval too.
    #[serde(default)]
    pub comment: String,
    /// The actor's passphrase (not needed to withdraw).
    #[serde(default)]
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewOutcome {
    /// The records changed, in the order asked.
    pub changed: Vec<Uuid>,
}

pub struct RecordReview;

impl Command for RecordReview {
    const NAME: &'static str = "record_review";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Submit, withdraw, approve or return records (all or none; signed with the passphrase)";
    type Request = ReviewRequest;
    type Response = ReviewOutcome;

    fn run(core: &Core, request: ReviewRequest) -> Result<ReviewOutcome, AppError> {
        if request.items.is_empty() || request.items.len() > 500 {
            return Err(fail(
                path!["items"],
                Problem::OutOfRange { min: 1, max: 500 },
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(i) = request.items.iter().position(|item| !seen.insert(item.id)) {
            return Err(fail(path!["items", i as u32, "id"], Problem::Duplicate));
        }
        let comment = request.comment.trim();
        optional_text(path!["comment"], comment, limits::REVIEW_COMMENT)?;
        if request.action == ReviewAction::Return && comment.is_empty() {
            return Err(fail(path!["comment"], Problem::CommentRequired));
        }
        let stamp = core.stamp();
        core.store().write(|tx| {
            // Review needs someone to answer for it: a database without profiles has
            // nobody to sign.
            let actor = core.actor(tx)?.ok_or(AppError::SignInRequired)?;
            let transition = request.action.transition();
            // Everything is checked before the passphrase is: a refused request costs
            // no key derivation and says why it is refused, not that a passphrase is wrong.
            let mut planned = Vec::with_capacity(request.items.len());
            for item in &request.items {
                let record = records::get(tx, item.id)?
                    .ok_or_else(|| StoreError::not_found("record", item.id))?;
                let mut next = review::get(tx, item.id)?;
                // A cancelled record is not reviewed — there is nothing to vouch for —
                // unless a signed register listed it: its cancellation is then an
                // amendment, which the head reviews like any other.
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
                if !actor.may(request.action.permission(), scope) {
                    return Err(AppError::Forbidden {
                        action: request.action.permission(),
                    });
                }
                next.state = workflow::next(next.state, transition, false)
                    .map_err(|refusal| refused(&record, transition, refusal))?;
                next.comment = comment.to_owned();
                next.record_version = record.version;
                planned.push((record, next));
            }
            let key = if request.action.commits() {
                Some(unlock_key(tx, actor.profile_id, &request.passphrase)?)
            } else {
                None
            };
            let mut changed = Vec::with_capacity(planned.len());
            for (record, next) in planned {
                commit(tx, &stamp, &actor, key.as_ref(), &record, next, transition)?;
                changed.push(record.id);
            }
            // The signer vouches for the history as it now stands.
            let act = match request.action {
                ReviewAction::Submit => Some(Act::Submit),
                ReviewAction::Approve => Some(Act::Approve),
                ReviewAction::Return => Some(Act::Return),
                ReviewAction::Withdraw => None,
            };
            if let (Some(key), Some(act)) = (&key, act) {
                checkpoints::seal(tx, key, actor.profile_id, act, stamp.at)?;
            }
            Ok(ReviewOutcome { changed })
        })
    }
}

/// Writes a record's next review (`next`, checked by the caller), signed with `key`
/// when the transition commits the actor, and audits it as the transition.
pub(crate) fn commit(
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

/// Called by the record commands before a record's content changes (`Edit`) or it
/// is cancelled (`Cancel`): refuses a change the review does not allow, and moves
/// the review on (an approval is undone, a locked record is flagged as amended).
pub(super) fn before_change(
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

/// Refuses `action` on `record` unless the actor may (in a database without
/// profiles everything is allowed).
pub(super) fn authorize_record(
    core: &Core,
    conn: &Connection,
    action: Action,
    record: &StoredRecord,
) -> Result<(), AppError> {
    core.authorize(conn, action, |actor| {
        actor.scope_of(record.department_id, &record.body.official_ids())
    })?;
    Ok(())
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewGetRequest {
    pub id: Uuid,
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

/// A record's review as the person signed in sees it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    pub status: ReviewStatus,
    pub locked: bool,
    pub amended: bool,
    pub comment: String,
    /// The last committing transition's signature, checked now.
    pub signature: Option<SignatureCheck>,
    /// What the person signed in may do to it now (the UI enables only these).
    pub allowed: Vec<Transition>,
}

pub struct ReviewGet;

impl Command for ReviewGet {
    const NAME: &'static str = "review_get";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A record's review status, its last signature checked, and what the actor may do to it";
    type Request = ReviewGetRequest;
    type Response = ReviewView;

    fn run(core: &Core, request: ReviewGetRequest) -> Result<ReviewView, AppError> {
        let conn = &*core.reader();
        let record = records::get(conn, request.id)?
            .ok_or_else(|| StoreError::not_found("record", request.id))?;
        let review = review::get(conn, request.id)?;
        let actor = core.actor(conn)?;
        let allowed = Transition::ALL
            .into_iter()
            .filter(|t| {
                let changes_content = t.changes_content();
                let permitted = match &actor {
                    Some(actor) => actor.may(
                        t.permission(),
                        actor.scope_of(record.department_id, &record.body.official_ids()),
                    ),
                    // Without profiles there is nobody to review; records are edited freely.
                    None => changes_content,
                };
                // A cancelled record is restored, and reviewed only when a signed
                // register listed it (its cancellation is then an amendment the head
                // reviews); a valid one is never "restored".
                let open = if record.cancelled {
                    t.applies_to_cancelled() || (!changes_content && review.state.locked)
                } else {
                    !t.applies_to_cancelled()
                };
                // An edit or cancellation may come with the reason a locked record needs.
                permitted && open && workflow::next(review.state, *t, changes_content).is_ok()
            })
            .collect();
        let signature = review
            .signature
            .as_ref()
            .map(|signed| check_signature(conn, signed))
            .transpose()?;
        Ok(ReviewView {
            status: review.state.status,
            locked: review.state.locked,
            amended: review.state.amended,
            comment: review.comment,
            signature,
            allowed,
        })
    }
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
        Some(k) => Some(super::accounts::profile_name(conn, k.profile_id)?),
        None => None,
    };
    Ok(SignatureCheck {
        status,
        key_fingerprint: signed.key_fingerprint.clone(),
        signed_at: signed.signed_at.clone(),
        signer,
    })
}
