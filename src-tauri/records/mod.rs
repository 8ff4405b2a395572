//! The records service: registering a trip, meal, gift or contact, amending it as a new
//! version, cancelling it with a reason — each authorised against the record as it is
//! and as it will be, inside one transaction — and reading them (`listing.rs`).

pub mod history_words;
mod listing;

use rusqlite::Connection;

use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::limits;
use crate::domain::records::{RecordBody, RecordId};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::workflow::Transition;
use crate::error::AppError;
use crate::path;
use crate::reviewing::before_change;
use crate::store::records::{self, Amendment, StoredRecord};
use crate::store::references::check_references;
use crate::store::registers;
use crate::store::StoreError;

use crate::domain::directory::DepartmentId;
pub use listing::{history, page, totals, Paging};

/// Refuses `action` on `record` unless the actor may (in a database without
/// profiles everything is allowed).
pub fn authorize_record(
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

/// What entering `body` into `department_id` is: an ordinary entry, or — dated in a
/// month whose register that department has signed (and not already there) — a late
/// registration, which is the head's.
pub fn entering(
    conn: &Connection,
    department_id: DepartmentId,
    body: &RecordBody,
    current: Option<&StoredRecord>,
) -> Result<Action, AppError> {
    let month = body.date().format("%Y-%m").to_string();
    let already_there = current.is_some_and(|c| {
        c.department_id == department_id && c.date.format("%Y-%m").to_string() == month
    });
    if !already_there && registers::is_signed(conn, department_id, &month)? {
        Ok(Action::RegisterLate)
    } else {
        Ok(Action::EnterRecord)
    }
}

/// A cancelled record stays as it was: it is neither amended, cancelled again nor
/// given attachments. Returns the record; `missing` says how to report one that does
/// not exist.
pub fn open_record(
    conn: &Connection,
    id: RecordId,
    missing: impl FnOnce() -> AppError,
) -> Result<StoredRecord, AppError> {
    match records::get(conn, id)? {
        Some(record) if record.cancelled => Err(AppError::Cancelled { id: id.to_string() }),
        Some(record) => Ok(record),
        None => Err(missing()),
    }
}

/// Registers `body` in `department_id` (version 1). Problems of the body are reported
/// under the request's `body`.
pub fn create(
    core: &Core,
    department_id: DepartmentId,
    body: &RecordBody,
) -> Result<StoredRecord, AppError> {
    body.validate_on(core.today())
        .map_err(|e| e.within("body"))?;
    let stamp = core.stamp();
    core.store().write(|tx| {
        let action = entering(tx, department_id, body, None)?;
        core.authorize(tx, action, |actor| {
            actor.scope_of(department_id, &body.official_ids())
        })?;
        let names = check_references(tx, department_id, body)?;
        let id = new_id(stamp.at, &mut OsEntropy);
        Ok(records::insert(
            tx,
            &stamp,
            id,
            department_id,
            body,
            &names,
        )?)
    })
}

/// An amendment as asked: the record, the version last read, and what it becomes.
pub struct Amend<'a> {
    pub id: RecordId,
    pub version: i64,
    pub department_id: DepartmentId,
    pub body: &'a RecordBody,
    pub reason: &'a str,
}

/// Amends a record: a new version, the old one kept in its history.
pub fn amend(core: &Core, amend: Amend<'_>) -> Result<StoredRecord, AppError> {
    amend
        .body
        .validate_on(core.today())
        .map_err(|e| e.within("body"))?;
    optional_text(path!["reason"], amend.reason, limits::RECORD_REASON)?;
    let stamp = core.stamp();
    core.store().write(|tx| {
        let current = open_record(tx, amend.id, || {
            StoreError::not_found("record", amend.id).into()
        })?;
        // The actor must be entitled both to the record as it is and as it will be.
        authorize_record(core, tx, Action::EnterRecord, &current)?;
        let action = entering(tx, amend.department_id, amend.body, Some(&current))?;
        core.authorize(tx, action, |actor| {
            actor.scope_of(amend.department_id, &amend.body.official_ids())
        })?;
        before_change(tx, &stamp, &current, Transition::Edit, amend.reason)?;
        let names = check_references(tx, amend.department_id, amend.body)?;
        let amendment = Amendment {
            id: amend.id,
            expected_version: amend.version,
            department_id: amend.department_id,
            body: amend.body,
            reason: amend.reason.trim(),
            names: &names,
        };
        Ok(records::update(tx, &stamp, &amendment)?)
    })
}

/// Cancels a record with a reason (records are never deleted).
pub fn cancel(
    core: &Core,
    id: RecordId,
    version: i64,
    reason: &str,
) -> Result<StoredRecord, AppError> {
    required_text(path!["reason"], reason, limits::RECORD_REASON)?;
    let stamp = core.stamp();
    core.store().write(|tx| {
        let current = open_record(tx, id, || StoreError::not_found("record", id).into())?;
        authorize_record(core, tx, Action::EnterRecord, &current)?;
        before_change(tx, &stamp, &current, Transition::Cancel, reason)?;
        Ok(records::cancel(tx, &stamp, id, version, reason.trim())?)
    })
}
