//! Demo profiles and a review history, so the review workflow can be tried at once:
//! the first department's head (who also administers), its clerk and two officials
//! sign in with [`DEMO_PASSPHRASE`]; its records older than three months are
//! approved, the recent ones mostly submitted, some returned with a comment.

use chrono::Datelike;
use rand_core::OsRng;
use uuid::Uuid;

use crate::core::{profile_actor, Core};
use crate::domain::access::Actor;
use crate::domain::directory::{DepartmentId, Official, OfficialRole};
use crate::domain::workflow::{self, Transition};
use crate::error::AppError;
use crate::keyring::{insert_profile, unlock_key, Certifier};
use crate::reviewing::commit;
use crate::signing::passphrase;
use crate::store::checkpoints::{self, Act};
use crate::store::directory::Versioned;
use crate::store::profiles;
use crate::store::review::Review;
use crate::store::{records, Stamp};

/// The passphrase of every demo profile (printed by the CLI, shown in the README).
pub const DEMO_PASSPHRASE: &str = "demo-passphrase";

/// Creates the demo profiles and review history unless the database has profiles.
/// Returns how many profiles were created.
pub fn add(
    core: &Core,
    officials: &[Versioned<Official>],
    department: DepartmentId,
) -> Result<u32, AppError> {
    let mut people: Vec<&Versioned<Official>> = officials
        .iter()
        .filter(|o| o.value.department_id == department)
        .collect();
    people.sort_by_key(|o| o.value.staff_no.clone());
    people.truncate(4);
    // The head administers: created first, the bureau's root is made for them and
    // certifies everyone else's key.
    people.sort_by_key(|o| o.value.role != OfficialRole::DepartmentHead);
    let at = core.now();
    let today = core.today();
    // The last three months are still under review; earlier ones are approved.
    let month_start = today
        .with_day0(0)
        .and_then(|first| first.checked_sub_months(chrono::Months::new(2)))
        .unwrap_or(today);
    let made = core.store().write(|tx| -> Result<Vec<Uuid>, AppError> {
        if profiles::any(tx)? {
            return Ok(Vec::new());
        }
        let stamp = Stamp {
            at,
            actor: core.stamp().actor,
        };
        let mut actors = Vec::new();
        let mut root = None;
        for official in &people {
            let head = official.value.role == OfficialRole::DepartmentHead;
            let hash = passphrase::hash(DEMO_PASSPHRASE, &mut OsRng).map_err(AppError::Internal)?;
            let certifier = match &root {
                None if head => Certifier::NewRoot,
                _ => Certifier::Root(root.as_ref()),
            };
            let (row, made) =
                insert_profile(tx, &stamp, official, head, DEMO_PASSPHRASE, hash, certifier)?;
            root = root.or(made);
            let actor = Actor {
                profile_id: row.id,
                official_id: official.id,
                department_id: department,
                role: official.value.role,
                administrator: head,
            };
            actors.push((actor, unlock_key(tx, row.id, DEMO_PASSPHRASE)?));
        }
        let (Some(head), Some(clerk)) = (
            actors
                .iter()
                .find(|(a, _)| a.role == OfficialRole::DepartmentHead),
            actors.iter().find(|(a, _)| a.role == OfficialRole::Clerk),
        ) else {
            return Ok(actors.iter().map(|(a, _)| a.profile_id).collect());
        };
        let filter = records::RecordFilter {
            department_id: Some(department),
            ..records::RecordFilter::default()
        };
        let mut after = None;
        let mut index = 0u32;
        loop {
            let page = records::list(tx, &filter, after.as_ref(), 500)?;
            for record in &page.items {
                index += 1;
                let mut steps = vec![(Transition::Submit, clerk)];
                let recent = record.date >= month_start;
                if !recent {
                    steps.push((Transition::Approve, head));
                } else if index.is_multiple_of(4) {
                    steps.push((Transition::Return, head));
                } else if index.is_multiple_of(5) {
                    continue; // still a draft
                }
                let mut review = Review::default();
                for (transition, (actor, key)) in steps {
                    review.state =
                        workflow::next(review.state, transition, false).map_err(|_| {
                            AppError::Internal("the demo's review steps are illegal".into())
                        })?;
                    review.comment = if transition == Transition::Return {
                        "请补充收据编号（演示）".to_owned()
                    } else {
                        String::new()
                    };
                    review.record_version = record.version;
                    let by = Stamp {
                        at,
                        actor: profile_actor(actor.profile_id),
                    };
                    commit(
                        tx,
                        &by,
                        actor,
                        Some(key),
                        record,
                        review.clone(),
                        transition,
                    )?;
                }
            }
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        // As in the app, a signed act vouches for the history as it stands: the head's
        // approvals come last (one checkpoint per chain head).
        let (head, head_key) = head;
        checkpoints::seal(tx, head_key, head.profile_id, Act::Approve, at)?;
        Ok(actors.iter().map(|(a, _)| a.profile_id).collect())
    })?;
    // The demo database is encrypted like any other: each demo profile's passphrase
    // opens it (the head's first, which closes the open slot).
    for profile in &made {
        core.give_key_slot(*profile, DEMO_PASSPHRASE)?;
    }
    Ok(made.len() as u32)
}
