//! Compliance commands: the rule catalogue, a record's findings and trip settlement,
//! a month's findings, and the home screen's month at a glance; adapters of the
//! compliance service.

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::compliance::{self, HomeSummary, MonthFindings};
use crate::core::Core;
use crate::domain::directory::DepartmentId;
use crate::domain::records::RecordId;
use crate::error::AppError;
use crate::rules::{rule_catalogue, RuleCatalogue};
use crate::store::findings::RecordFindings;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RuleListRequest {}

pub struct RuleList;

impl Command for RuleList {
    const NAME: &'static str = "rule_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "The compliance rules, their clauses and the standards they use";
    type Request = RuleListRequest;
    type Response = RuleCatalogue;

    fn run(_core: &Core, _request: RuleListRequest) -> Result<RuleCatalogue, AppError> {
        Ok(rule_catalogue())
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordFindingsRequest {
    pub id: RecordId,
    /// The day to judge on (default today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

pub struct RecordFindingsCommand;

impl Command for RecordFindingsCommand {
    const NAME: &'static str = "record_findings";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "A record's compliance findings (with clauses) and, for a trip, its settlement";
    type Request = RecordFindingsRequest;
    type Response = RecordFindings;

    fn run(core: &Core, request: RecordFindingsRequest) -> Result<RecordFindings, AppError> {
        compliance::record_findings(core, request.id, request.as_of)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListFindingsRequest {
    /// `YYYY-MM`
    pub month: String,
    #[serde(default)]
    pub department_id: Option<DepartmentId>,
    /// The day to judge on (default today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

pub struct ListFindings;

impl Command for ListFindings {
    const NAME: &'static str = "list_findings";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "The findings of a month's records (optionally one department), as of a day";
    type Request = ListFindingsRequest;
    type Response = MonthFindings;

    fn run(core: &Core, request: ListFindingsRequest) -> Result<MonthFindings, AppError> {
        compliance::month_findings(core, &request.month, request.department_id, request.as_of)
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct HomeSummaryRequest {
    /// `YYYY-MM` (default: this month).
    pub month: Option<String>,
    pub department_id: Option<DepartmentId>,
}

pub struct HomeSummaryCommand;

impl Command for HomeSummaryCommand {
    const NAME: &'static str = "home_summary";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "This month at a glance: records by kind, findings, gifts awaiting disposition, 12 months";
    type Request = HomeSummaryRequest;
    type Response = HomeSummary;

    fn run(core: &Core, request: HomeSummaryRequest) -> Result<HomeSummary, AppError> {
        compliance::home_summary(core, request.month, request.department_id)
    }
}
