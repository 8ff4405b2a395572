//! Review commands: submit, withdraw, approve and return records (in bulk, each
//! committing transition signed with the actor's key: `crate::reviewing`), and a
//! record's review as the actor sees it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::limits;
use crate::domain::records::RecordId;
use crate::domain::validation::optional_text;
use crate::domain::workflow::{self, ReviewStatus, Transition};
use crate::error::{fail, AppError, Problem};
use crate::keyring::unlock_key;
use crate::path;
use crate::reviewing::{self, check_signature, SignatureCheck};
use crate::store::checkpoints::{self, Act};
use crate::store::records::{self};
use crate::store::review;
use crate::store::StoreError;

/// A record and the version the reviewer saw.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewItem {
    pub id: RecordId,
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
    pub changed: Vec<RecordId>,
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
            let seen = request.items.iter().map(|item| reviewing::Seen {
                id: item.id,
                version: item.version,
            });
            let planned = reviewing::plan(tx, &actor, transition, seen, comment)?;
            let key = if request.action.commits() {
                Some(unlock_key(tx, actor.profile_id, &request.passphrase)?)
            } else {
                None
            };
            let mut changed = Vec::with_capacity(planned.len());
            for (record, next) in planned {
                reviewing::commit(tx, &stamp, &actor, key.as_ref(), &record, next, transition)?;
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

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewGetRequest {
    pub id: RecordId,
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
