//! Compliance commands: the rule catalogue, a record's findings and trip settlement,
//! a month's findings, and the home screen's month at a glance.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{Access, Command};
use crate::core::Core;
use crate::domain::records::{Gift, RecordBody};
use crate::domain::validation::month_range;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::rules::standards::{StandardKey, StandardUnit};
use crate::rules::{calendar, catalogue, RuleInfo, POLICY};
use crate::store::findings::{
    self as store_findings, findings_of, Facts, FindingCounts, RecordFindings,
};
use crate::store::records;
use crate::store::StoreError;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RuleListRequest {}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDocument {
    pub id: String,
    pub title: String,
    pub title_en: String,
    pub version: String,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StandardInfo {
    pub key: StandardKey,
    pub unit: StandardUnit,
    pub label: String,
    pub label_en: String,
    pub by_city: bool,
    pub by_tier: bool,
}

/// Everything the rules are: the document cited, each rule, each standard.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleCatalogue {
    pub document: PolicyDocument,
    pub rules: Vec<RuleInfo>,
    pub standards: Vec<StandardInfo>,
    /// Where the shipped holiday calendar comes from.
    pub holiday_source: String,
}

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

pub fn rule_catalogue() -> RuleCatalogue {
    RuleCatalogue {
        document: PolicyDocument {
            id: POLICY.id.into(),
            title: POLICY.title.into(),
            title_en: POLICY.title_en.into(),
            version: POLICY.version.into(),
        },
        rules: catalogue(),
        standards: StandardKey::ALL
            .iter()
            .map(|&key| StandardInfo {
                key,
                unit: key.unit(),
                label: key.label().0.into(),
                label_en: key.label().1.into(),
                by_city: key.by_city(),
                by_tier: key.by_tier(),
            })
            .collect(),
        holiday_source: calendar::shipped_source().into(),
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordFindingsRequest {
    pub id: Uuid,
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
        let conn = &*core.reader();
        let record = records::get(conn, request.id)?
            .ok_or_else(|| StoreError::not_found("record", request.id))?;
        let mut facts = Facts::load(conn)?;
        let day = request.as_of.unwrap_or_else(|| core.today());
        Ok(findings_of(conn, &mut facts, &record, day)?)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListFindingsRequest {
    /// `YYYY-MM`
    pub month: String,
    #[serde(default)]
    pub department_id: Option<Uuid>,
    /// The day to judge on (default today).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthFindings {
    pub month: String,
    pub as_of: NaiveDate,
    /// Records of the month with at least one finding, oldest first.
    pub records: Vec<RecordFindings>,
    pub counts: FindingCounts,
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
        let (first, last) = month_range(&request.month)?;
        let day = request.as_of.unwrap_or_else(|| core.today());
        let conn = &*core.reader();
        if let Some(department) = request.department_id {
            if !crate::store::directory::exists::<crate::domain::directory::Department>(
                conn, department,
            )? {
                return Err(fail(path!["departmentId"], Problem::UnknownReference));
            }
        }
        let mut facts = Facts::load(conn)?;
        let mut out = Vec::new();
        let mut counts = FindingCounts::default();
        for id in store_findings::month_record_ids(conn, first, last, request.department_id)? {
            let Some(record) = records::get(conn, id)? else {
                continue;
            };
            let found = findings_of(conn, &mut facts, &record, day)?;
            if found.findings.is_empty() {
                continue;
            }
            for f in &found.findings {
                counts.add(f.severity);
            }
            out.push(found);
        }
        Ok(MonthFindings {
            month: request.month.trim().to_owned(),
            as_of: day,
            records: out,
            counts,
        })
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct HomeSummaryRequest {
    /// `YYYY-MM` (default: this month).
    pub month: Option<String>,
    pub department_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCounts {
    pub trips: u32,
    pub meals: u32,
    pub gifts: u32,
    pub contacts: u32,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    pub month: String,
    pub counts: KindCounts,
}

/// A received gift still awaiting its disposition.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingGift {
    pub record_id: Uuid,
    pub official_id: Uuid,
    pub item: String,
    pub received_on: NaiveDate,
    pub deadline: NaiveDate,
    /// Negative once the deadline has passed.
    #[ts(type = "number")]
    pub days_left: i64,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HomeSummary {
    pub month: String,
    pub today: NaiveDate,
    pub records: KindCounts,
    /// Findings holding today on the month's records.
    pub findings: FindingCounts,
    /// Soonest deadline first (at most 50).
    pub pending_gifts: Vec<PendingGift>,
    /// The twelve months up to this one, oldest first.
    pub per_month: Vec<MonthCount>,
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
        let today = core.today();
        let month = request
            .month
            .unwrap_or_else(|| format!("{:04}-{:02}", today.year(), today.month()));
        let (first, last) = month_range(&month)?;
        let conn = &*core.reader();
        let start = first.checked_sub_months(Months::new(11)).ok_or_else(|| {
            fail(
                path!["month"],
                Problem::OutOfRange {
                    min: 2000,
                    max: 2100,
                },
            )
        })?;
        let mut per_month: Vec<MonthCount> = (0..12)
            .filter_map(|n| start.checked_add_months(Months::new(n)))
            .map(|d| MonthCount {
                month: format!("{:04}-{:02}", d.year(), d.month()),
                counts: KindCounts::default(),
            })
            .collect();
        let rows = store_findings::per_month_kinds(conn, start, last, request.department_id)?;
        for (m, kind, n) in rows {
            if let Some(slot) = per_month.iter_mut().find(|c| c.month == m) {
                let counts = &mut slot.counts;
                match kind.as_str() {
                    "trip" => counts.trips = n,
                    "meal" => counts.meals = n,
                    "gift" => counts.gifts = n,
                    _ => counts.contacts = n,
                }
            }
        }
        let records = per_month
            .last()
            .map(|c| c.counts.clone())
            .unwrap_or_default();
        Ok(HomeSummary {
            findings: store_findings::month_counts(
                conn,
                first,
                last,
                request.department_id,
                today,
            )?,
            pending_gifts: pending_gifts(conn, request.department_id, today)?,
            month,
            today,
            records,
            per_month,
        })
    }
}

/// Pending gifts are the records whose overdue finding still lies ahead or runs
/// open-ended from its deadline (a late disposition has no start date).
fn pending_gifts(
    conn: &Connection,
    department: Option<Uuid>,
    today: NaiveDate,
) -> Result<Vec<PendingGift>, StoreError> {
    let mut out = Vec::new();
    for (id, overdue_from) in store_findings::gifts_awaiting_disposition(conn, department, 50)? {
        let Some(record) = records::get(conn, id)? else {
            continue;
        };
        let RecordBody::Gift(Gift::Received(gift)) = &record.body else {
            continue;
        };
        let deadline = overdue_from.pred_opt().unwrap_or(overdue_from);
        out.push(PendingGift {
            record_id: id,
            official_id: gift.official_id,
            item: gift.item.clone(),
            received_on: gift.date,
            deadline,
            days_left: (deadline - today).num_days(),
        });
    }
    Ok(out)
}
