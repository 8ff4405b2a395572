//! A record's review: draft → submitted → approved, or returned with a comment →
//! edited → resubmitted. Approved records in a signed register are locked: a later
//! change is an amendment with a reason, which goes through review again and is
//! flagged for the next register.

use serde::{Deserialize, Serialize};

use super::access::Action;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReviewStatus {
    #[default]
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::Draft,
        ReviewStatus::Submitted,
        ReviewStatus::Approved,
        ReviewStatus::Returned,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Returned => "returned",
        }
    }

    pub fn from_tag(tag: &str) -> Option<ReviewStatus> {
        [
            ReviewStatus::Draft,
            ReviewStatus::Submitted,
            ReviewStatus::Approved,
            ReviewStatus::Returned,
        ]
        .into_iter()
        .find(|s| s.tag() == tag)
    }

    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            ReviewStatus::Draft => ("草稿", "draft"),
            ReviewStatus::Submitted => ("待审核", "submitted"),
            ReviewStatus::Approved => ("已审核", "approved"),
            ReviewStatus::Returned => ("已退回", "returned"),
        }
    }
}

/// What can happen to a record's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Transition {
    Submit,
    Withdraw,
    Approve,
    Return,
    /// A change to the record's content.
    Edit,
    Cancel,
    /// A cancelled record made valid again (with a reason, audited).
    Restore,
}

impl Transition {
    pub const ALL: [Transition; 7] = [
        Transition::Submit,
        Transition::Withdraw,
        Transition::Approve,
        Transition::Return,
        Transition::Edit,
        Transition::Cancel,
        Transition::Restore,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Withdraw => "withdraw",
            Transition::Approve => "approve",
            Transition::Return => "return",
            Transition::Edit => "edit",
            Transition::Cancel => "cancel",
            Transition::Restore => "restore",
        }
    }

    /// What the permission matrix calls doing this to a record.
    pub fn permission(self) -> Action {
        match self {
            Transition::Submit => Action::SubmitRecord,
            Transition::Withdraw => Action::WithdrawRecord,
            Transition::Approve => Action::ApproveRecord,
            Transition::Return => Action::ReturnRecord,
            Transition::Edit | Transition::Cancel | Transition::Restore => Action::EnterRecord,
        }
    }

    /// Edits, cancellations and restorations change what the record says; the others
    /// its review.
    pub fn changes_content(self) -> bool {
        matches!(
            self,
            Transition::Edit | Transition::Cancel | Transition::Restore
        )
    }

    /// Whether this is what happens to a cancelled record rather than a valid one: a
    /// cancelled record is restored (and its review goes on only if a signed register
    /// listed it; see `commands::review`).
    pub fn applies_to_cancelled(self) -> bool {
        self == Transition::Restore
    }

    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Transition::Submit => ("提交", "submit"),
            Transition::Withdraw => ("撤回", "withdraw"),
            Transition::Approve => ("审核通过", "approve"),
            Transition::Return => ("退回", "return"),
            Transition::Edit => ("修改", "edit"),
            Transition::Cancel => ("作废", "cancel"),
            Transition::Restore => ("恢复", "restore"),
        }
    }
}

/// A record's review as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewState {
    pub status: ReviewStatus,
    /// In a signed register: content changes are amendments.
    pub locked: bool,
    /// Changed after it was locked; the next register reports it.
    pub amended: bool,
}

/// Why a transition cannot happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not from this status (approving a draft, submitting twice).
    NotFrom(ReviewStatus),
    /// A locked record changes only as an amendment with a reason.
    LockedNeedsReason,
}

/// The state after `transition`, or why it is refused. `reason_given` is whether
/// the change carries a reason (an amendment's, a cancellation's).
pub fn next(
    state: ReviewState,
    transition: Transition,
    reason_given: bool,
) -> Result<ReviewState, Refusal> {
    use ReviewStatus::*;
    let to = |status| Ok(ReviewState { status, ..state });
    match (transition, state.status) {
        (Transition::Submit, Draft | Returned) => to(Submitted),
        (Transition::Withdraw, Submitted) => to(Draft),
        (Transition::Approve, Submitted) => to(Approved),
        (Transition::Return, Submitted) => to(Returned),
        (Transition::Edit | Transition::Cancel | Transition::Restore, Submitted) => {
            Err(Refusal::NotFrom(Submitted))
        }
        (Transition::Edit | Transition::Cancel | Transition::Restore, status) => {
            if state.locked && !reason_given {
                return Err(Refusal::LockedNeedsReason);
            }
            // A change undoes an approval: the new content is reviewed again.
            let status = if status == Approved { Draft } else { status };
            Ok(ReviewState {
                status,
                locked: state.locked,
                amended: state.amended || state.locked,
            })
        }
        (_, status) => Err(Refusal::NotFrom(status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewStatus::*;

    fn at(status: ReviewStatus) -> ReviewState {
        ReviewState {
            status,
            ..ReviewState::default()
        }
    }

    #[test]
    fn the_whole_table_of_transitions() {
        // (transition, from, to or None when refused), unlocked, no reason.
        let table = [
            (Transition::Submit, Draft, Some(Submitted)),
            (Transition::Submit, Returned, Some(Submitted)),
            (Transition::Submit, Submitted, None),
            (Transition::Submit, Approved, None),
            (Transition::Withdraw, Submitted, Some(Draft)),
            (Transition::Withdraw, Draft, None),
            (Transition::Withdraw, Approved, None),
            (Transition::Withdraw, Returned, None),
            (Transition::Approve, Submitted, Some(Approved)),
            (Transition::Approve, Draft, None),
            (Transition::Approve, Returned, None),
            (Transition::Approve, Approved, None),
            (Transition::Return, Submitted, Some(Returned)),
            (Transition::Return, Draft, None),
            (Transition::Return, Approved, None),
            (Transition::Return, Returned, None),
            (Transition::Edit, Draft, Some(Draft)),
            (Transition::Edit, Returned, Some(Returned)),
            (Transition::Edit, Approved, Some(Draft)),
            (Transition::Edit, Submitted, None),
            (Transition::Cancel, Draft, Some(Draft)),
            (Transition::Cancel, Returned, Some(Returned)),
            (Transition::Cancel, Approved, Some(Draft)),
            (Transition::Cancel, Submitted, None),
            (Transition::Restore, Draft, Some(Draft)),
            (Transition::Restore, Returned, Some(Returned)),
            (Transition::Restore, Approved, Some(Draft)),
            (Transition::Restore, Submitted, None),
        ];
        for (transition, from, to) in table {
            let got = next(at(from), transition, false).ok().map(|s| s.status);
            assert_eq!(got, to, "{transition:?} from {from:?}");
        }
    }

    #[test]
    fn a_locked_record_changes_only_with_a_reason_and_is_then_flagged() {
        let locked = ReviewState {
            status: Approved,
            locked: true,
            amended: false,
        };
        for change in [Transition::Edit, Transition::Cancel, Transition::Restore] {
            assert_eq!(next(locked, change, false), Err(Refusal::LockedNeedsReason));
            let amended = next(locked, change, true).unwrap();
            assert_eq!(amended.status, Draft, "reviewed again");
            assert!(amended.locked && amended.amended);
        }
        // Review of a locked record goes on as usual.
        let submitted = next(
            ReviewState {
                status: Draft,
                ..locked
            },
            Transition::Submit,
            false,
        )
        .unwrap();
        assert_eq!(submitted.status, Submitted);
        assert!(submitted.locked, "submitting keeps the lock");
    }
}
