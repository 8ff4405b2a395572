//! The home screen's month at a glance: records by kind, the findings holding today,
//! gifts awaiting their disposition, and twelve months of records.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::core::Core;
use crate::domain::directory::{DepartmentId, OfficialId};
use crate::domain::records::RecordId;
use crate::domain::records::{Gift, RecordBody};
use crate::domain::validation::month_range;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::findings::{self as store_findings, FindingCounts};
use crate::store::records;
use crate::store::StoreError;

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
    pub record_id: RecordId,
    pub official_id: OfficialId,
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

/// The month (`YYYY-MM`, default this month) of one department or all, at a glance.
pub fn home_summary(
    core: &Core,
    month: Option<String>,
    department_id: Option<DepartmentId>,
) -> Result<HomeSummary, AppError> {
    let today = core.today();
    let month = month.unwrap_or_else(|| format!("{:04}-{:02}", today.year(), today.month()));
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
    let rows = store_findings::per_month_kinds(conn, start, last, department_id)?;
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
        findings: store_findings::month_counts(conn, first, last, department_id, today)?,
        pending_gifts: pending_gifts(conn, department_id, today)?,
        month,
        today,
        records,
        per_month,
    })
}

/// Pending gifts are the records whose overdue finding still lies ahead or runs
/// open-ended from its deadline (a late disposition has no start date).
fn pending_gifts(
    conn: &Connection,
    department: Option<DepartmentId>,
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
