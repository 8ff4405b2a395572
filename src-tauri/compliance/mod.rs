//! Compliance as people read it: a record's findings (with the clauses they break) and
//! a month's, as of a day, and the home screen's month at a glance (`home.rs`).

mod home;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::core::Core;
use crate::domain::directory::{Department, DepartmentId};
use crate::domain::records::RecordId;
use crate::domain::validation::month_range;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::directory;
use crate::store::findings::{
    self as store_findings, findings_of, Facts, FindingCounts, RecordFindings,
};
use crate::store::records;
use crate::store::StoreError;

pub use home::{home_summary, HomeSummary, KindCounts, MonthCount, PendingGift};

/// A record's findings and, for a trip, its settlement, judged on `as_of` (default today).
pub fn record_findings(
    core: &Core,
    id: RecordId,
    as_of: Option<NaiveDate>,
) -> Result<RecordFindings, AppError> {
    let conn = &*core.reader();
    let record = records::get(conn, id)?.ok_or_else(|| StoreError::not_found("record", id))?;
    let mut facts = Facts::load(conn)?;
    let day = as_of.unwrap_or_else(|| core.today());
    Ok(findings_of(conn, &mut facts, &record, day)?)
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

/// The findings of a month's records (`YYYY-MM`; one department or all), judged on
/// `as_of` (default today).
pub fn month_findings(
    core: &Core,
    month: &str,
    department_id: Option<DepartmentId>,
    as_of: Option<NaiveDate>,
) -> Result<MonthFindings, AppError> {
    let (first, last) = month_range(month)?;
    let day = as_of.unwrap_or_else(|| core.today());
    let conn = &*core.reader();
    if let Some(department) = department_id {
        if !directory::exists::<Department>(conn, department)? {
            return Err(fail(path!["departmentId"], Problem::UnknownReference));
        }
    }
    let mut facts = Facts::load(conn)?;
    let mut out = Vec::new();
    let mut counts = FindingCounts::default();
    for id in store_findings::month_record_ids(conn, first, last, department_id)? {
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
        month: month.trim().to_owned(),
        as_of: day,
        records: out,
        counts,
    })
}
