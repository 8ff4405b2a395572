//! Record commands: create, amend, cancel, get, list and history of trips, meals,
//! gifts and contacts.

use rusqlite::Connection;
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

use super::review::authorize_record;
use super::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::limits;
use crate::domain::records::RecordBody;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::workflow::Transition;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::reviewing::before_change;
use crate::store::records::{
    self, Amendment, Cursor, RecordFilter, RecordPage, RecordTotals, RecordVersion, StoredRecord,
};
use crate::store::references::check_references;
use crate::store::registers;
use crate::store::StoreError;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCreateRequest {
    pub department_id: Uuid,
    pub body: RecordBody,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordUpdateRequest {
    pub id: Uuid,
    /// The version last read: a record changed since is a conflict, not overwritten.
    #[ts(type = "number")]
    pub version: i64,
    pub department_id: Uuid,
    pub body: RecordBody,
    /// Why it is amended (kept with the new version).
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCancelRequest {
    pub id: Uuid,
    #[ts(type = "number")]
    pub version: i64,
    pub reason: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordIdRequest {
    pub id: Uuid,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RecordListRequest {
    pub filter: RecordFilter,
    pub after: Option<Cursor>,
    /// Page size, 1–500 (default 50).
    pub limit: Option<u32>,
    /// Jump to this page (1-based) instead of continuing after `after`.
    pub page: Option<u32>,
}

/// What entering `body` into `department_id` is: an ordinary entry, or — dated in a
/// month whose register that department has signed (and not already there) — a late
/// registration, which is the head's.
pub(super) fn entering(
    conn: &Connection,
    department_id: Uuid,
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

pub struct RecordCreate;

impl Command for RecordCreate {
    const NAME: &'static str = "record_create";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str = "Register a trip, meal, gift or contact (version 1)";
    type Request = RecordCreateRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordCreateRequest) -> Result<StoredRecord, AppError> {
        request
            .body
            .validate_on(core.today())
            .map_err(|e| e.within("body"))?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let action = entering(tx, request.department_id, &request.body, None)?;
            core.authorize(tx, action, |actor| {
                actor.scope_of(request.department_id, &request.body.official_ids())
            })?;
            let names = check_references(tx, request.department_id, &request.body)?;
            let id = new_id(stamp.at, &mut OsEntropy);
            Ok(records::insert(
                tx,
                &stamp,
                id,
                request.department_id,
                &request.body,
                &names,
            )?)
        })
    }
}

pub struct RecordUpdate;

impl Command for RecordUpdate {
    const NAME: &'static str = "record_update";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str = "Amend a record: a new version, the old one kept in its history";
    type Request = RecordUpdateRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordUpdateRequest) -> Result<StoredRecord, AppError> {
        request
            .body
            .validate_on(core.today())
            .map_err(|e| e.within("body"))?;
        optional_text(path!["reason"], &request.reason, limits::RECORD_REASON)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let current = open_record(tx, request.id, || {
                StoreError::not_found("record", request.id).into()
            })?;
            // The actor must be entitled both to the record as it is and as it will be.
            authorize_record(core, tx, Action::EnterRecord, &current)?;
            let action = entering(tx, request.department_id, &request.body, Some(&current))?;
            core.authorize(tx, action, |actor| {
                actor.scope_of(request.department_id, &request.body.official_ids())
            })?;
            before_change(tx, &stamp, &current, Transition::Edit, &request.reason)?;
            let names = check_references(tx, request.department_id, &request.body)?;
            let amendment = Amendment {
                id: request.id,
                expected_version: request.version,
                department_id: request.department_id,
                body: &request.body,
                reason: request.reason.trim(),
                names: &names,
            };
            Ok(records::update(tx, &stamp, &amendment)?)
        })
    }
}

pub struct RecordCancel;

impl Command for RecordCancel {
    const NAME: &'static str = "record_cancel";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str = "Cancel a record with a reason (records are never deleted)";
    type Request = RecordCancelRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordCancelRequest) -> Result<StoredRecord, AppError> {
        required_text(path!["reason"], &request.reason, limits::RECORD_REASON)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let current = open_record(tx, request.id, || {
                StoreError::not_found("record", request.id).into()
            })?;
            authorize_record(core, tx, Action::EnterRecord, &current)?;
            before_change(tx, &stamp, &current, Transition::Cancel, &request.reason)?;
            Ok(records::cancel(
                tx,
                &stamp,
                request.id,
                request.version,
                request.reason.trim(),
            )?)
        })
    }
}

/// A cancelled record stays as it was: it is neither amended, cancelled again nor
/// given attachments. Returns the record; `missing` says how to report one that does
/// not exist.
pub(super) fn open_record(
    conn: &Connection,
    id: Uuid,
    missing: impl FnOnce() -> AppError,
) -> Result<StoredRecord, AppError> {
    match records::get(conn, id)? {
        Some(record) if record.cancelled => Err(AppError::Cancelled { id: id.to_string() }),
        Some(record) => Ok(record),
        None => Err(missing()),
    }
}

pub struct RecordGet;

impl Command for RecordGet {
    const NAME: &'static str = "record_get";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "One record as stored now";
    type Request = RecordIdRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordIdRequest) -> Result<StoredRecord, AppError> {
        records::get(&core.reader(), request.id)?
            .ok_or_else(|| StoreError::not_found("record", request.id).into())
    }
}

pub struct RecordList;

impl Command for RecordList {
    const NAME: &'static str = "record_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A page of records, filtered, searched and in the order asked (newest first unless told otherwise; totals: record_totals)";
    type Request = RecordListRequest;
    type Response = RecordPage;

    fn run(core: &Core, request: RecordListRequest) -> Result<RecordPage, AppError> {
        let limit = request.limit.unwrap_or(50);
        if !(1..=500).contains(&limit) {
            return Err(fail(
                path!["limit"],
                Problem::OutOfRange { min: 1, max: 500 },
            ));
        }
        if let (Some(from), Some(to)) = (request.filter.from, request.filter.to) {
            if to < from {
                return Err(fail(
                    path!["filter", "to"],
                    Problem::DateBefore { after: "from" },
                ));
            }
        }
        let mut filter = request.filter;
        filter.as_of = filter.as_of.or(Some(core.today()));
        let reader = core.reader();
        let after = match (request.page, request.after) {
            (Some(_), Some(_)) => {
                return Err(fail(path!["page"], Problem::NotApplicable));
            }
            (Some(page), None) => {
                if page == 0 {
                    return Err(fail(
                        path!["page"],
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(u32::MAX),
                        },
                    ));
                }
                let skip = u64::from(page - 1) * u64::from(limit);
                match records::cursor_at(&reader, &filter, skip)? {
                    Some(cursor) => Some(cursor),
                    // Past the last page: nothing to show.
                    None if skip > 0 => return Ok(RecordPage::empty()),
                    None => None,
                }
            }
            (None, after) => after,
        };
        Ok(records::list(&reader, &filter, after.as_ref(), limit)?)
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RecordTotalsRequest {
    pub filter: RecordFilter,
}

pub struct RecordTotalsCommand;

impl Command for RecordTotalsCommand {
    const NAME: &'static str = "record_totals";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "How many records match a filter, and the sum of their amounts";
    type Request = RecordTotalsRequest;
    type Response = RecordTotals;

    fn run(core: &Core, request: RecordTotalsRequest) -> Result<RecordTotals, AppError> {
        check_date_range(&request.filter)?;
        let mut filter = request.filter;
        filter.as_of = filter.as_of.or(Some(core.today()));
        Ok(records::totals(&core.reader(), &filter)?)
    }
}

fn check_date_range(filter: &RecordFilter) -> Result<(), AppError> {
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if to < from {
            return Err(fail(
                path!["filter", "to"],
                Problem::DateBefore { after: "from" },
            ));
        }
    }
    Ok(())
}

pub struct RecordHistory;

impl Command for RecordHistory {
    const NAME: &'static str = "record_history";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "Every version of a record from the audit log, oldest first";
    type Request = RecordIdRequest;
    type Response = Vec<RecordVersion>;

    fn run(core: &Core, request: RecordIdRequest) -> Result<Vec<RecordVersion>, AppError> {
        let conn = core.reader();
        if records::get(&conn, request.id)?.is_none() {
            return Err(StoreError::not_found("record", request.id).into());
        }
        Ok(records::history(&conn, request.id)?)
    }
}
