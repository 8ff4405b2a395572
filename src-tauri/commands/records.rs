//! Record commands: create, amend, cancel, get, list and history of trips, meals,
//! gifts and contacts; adapters of the records service.

use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::directory::DepartmentId;
use crate::domain::records::{RecordBody, RecordId};
use crate::error::AppError;
use crate::records::{self as records_service, Amend, Paging};
use crate::store::records::{
    self, Cursor, RecordFilter, RecordPage, RecordTotals, RecordVersion, StoredRecord,
};
use crate::store::StoreError;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCreateRequest {
    pub department_id: DepartmentId,
    pub body: RecordBody,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordUpdateRequest {
    pub id: RecordId,
    /// The version last read: a record changed since is a conflict, not overwritten.
    #[ts(type = "number")]
    pub version: i64,
    pub department_id: DepartmentId,
    pub body: RecordBody,
    /// Why it is amended (kept with the new version).
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordCancelRequest {
    pub id: RecordId,
    #[ts(type = "number")]
    pub version: i64,
    pub reason: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordIdRequest {
    pub id: RecordId,
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

pub struct RecordCreate;

impl Command for RecordCreate {
    const NAME: &'static str = "record_create";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str = "Register a trip, meal, gift or contact (version 1)";
    type Request = RecordCreateRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordCreateRequest) -> Result<StoredRecord, AppError> {
        records_service::create(core, request.department_id, &request.body)
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
        records_service::amend(
            core,
            Amend {
                id: request.id,
                version: request.version,
                department_id: request.department_id,
                body: &request.body,
                reason: &request.reason,
            },
        )
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
        records_service::cancel(core, request.id, request.version, &request.reason)
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
        let paging = Paging {
            after: request.after,
            limit: request.limit,
            page: request.page,
        };
        records_service::page(core, request.filter, paging)
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
        records_service::totals(core, request.filter)
    }
}

pub struct RecordHistory;

impl Command for RecordHistory {
    const NAME: &'static str = "record_history";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "Every version of a record from the audit log, oldest first";
    type Request = RecordIdRequest;
    type Response = Vec<RecordVersion>;

    fn run(core: &Core, request: RecordIdRequest) -> Result<Vec<RecordVersion>, AppError> {
        records_service::history(core, request.id)
    }
}
