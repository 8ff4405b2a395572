//! Late registrations (补登): records dated in a month whose register their department
//! had already signed when they entered it. The month's register could not list them,
//! so the department's next signed register carries them in a section of their own and
//! locks them like any other record. Whether a record is late is read from the store
//! (which registers are signed, which register locked the record, when the audit log
//! shows it entering the month), so it reads the same on every evaluation.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::error::StoreError;
use super::record_rows::{self, StoredRecord};
use super::review;
use super::sql::Cached;
use crate::domain::bureau_time::stored_day;
use crate::domain::directory::DepartmentId;
use crate::rules::Lateness;

/// The signed registers: by department and month, their id and the day (China time)
/// they were signed. Loaded once per batch; a few rows per department and year.
#[derive(Debug, Default)]
pub struct SignedMonths {
    by_month: HashMap<(DepartmentId, String), (Uuid, NaiveDate)>,
    months: HashMap<Uuid, String>,
}

impl SignedMonths {
    pub fn load(conn: &Connection) -> Result<SignedMonths, StoreError> {
        // Findings are re-evaluated by schema steps older than registers themselves.
        let registers_exist = conn
            .one(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'issued_register'",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !registers_exist {
            return Ok(SignedMonths::default());
        }
        let mut stmt =
            conn.prepare_cached("SELECT id, department_id, month, signed_at FROM issued_register")?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut out = SignedMonths::default();
        for (id, department, month, signed_at) in rows {
            let corrupt = || StoreError::Corrupt(format!("issued register {id}"));
            let register = Uuid::parse_str(&id).map_err(|_| corrupt())?;
            let department = DepartmentId::parse_str(&department).map_err(|_| corrupt())?;
            let signed_on = stored_day(&signed_at).ok_or_else(corrupt)?;
            out.months.insert(register, month.clone());
            out.by_month
                .insert((department, month), (register, signed_on));
        }
        Ok(out)
    }
}

/// Whether `record` is a late registration, and when it was late: its department's
/// register of its month is signed, and no register of that month or an earlier one
/// locked it (one that did — the month's own, or an earlier month's whose record an
/// amendment moved here — makes it an amendment, not a late registration).
pub fn of(
    conn: &Connection,
    signed: &SignedMonths,
    record: &StoredRecord,
) -> Result<Option<Lateness>, StoreError> {
    let month = record.date.format("%Y-%m").to_string();
    let Some(&(_, signed_on)) = signed.by_month.get(&(record.department_id, month.clone())) else {
        return Ok(None);
    };
    if let Some(locked_by) = review::get(conn, record.id)?.locked_by {
        let locked_in = Uuid::parse_str(&locked_by)
            .ok()
            .and_then(|id| signed.months.get(&id));
        // Locked by its own month's register or an earlier one (or one not on record).
        if locked_in.is_none_or(|m| *m <= month) {
            return Ok(None);
        }
    }
    let registered_on = entered_month(conn, record, &month)?.unwrap_or(signed_on);
    Ok(Some(Lateness {
        month,
        signed_on,
        registered_on,
    }))
}

/// The late registrations of `department` dated before `before` that no register has
/// locked yet: what its next register carries, oldest first.
pub fn pending(
    conn: &Connection,
    department: DepartmentId,
    before: NaiveDate,
) -> Result<Vec<(StoredRecord, Lateness)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM record r
         JOIN issued_register i
           ON i.department_id = r.department_id AND i.month = substr(r.occurred_on, 1, 7)
         LEFT JOIN record_review v ON v.record_id = r.id
         WHERE r.department_id = ?1 AND r.occurred_on < ?2 AND r.cancelled = 0
           AND v.locked_by IS NULL
         ORDER BY r.occurred_on, r.seq",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![department.to_string(), before.to_string()], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    let signed = SignedMonths::load(conn)?;
    let mut out = Vec::new();
    for id in ids {
        let id = super::sql::stored_id(&id)?;
        let Some(record) = record_rows::get(conn, id)? else {
            continue;
        };
        if let Some(lateness) = of(conn, &signed, &record)? {
            out.push((record, lateness));
        }
    }
    Ok(out)
}

/// The day (China time) the record last entered `month` of its department: created
/// there, moved there by an amendment or restored there after a cancellation, as the
/// audit log shows.
fn entered_month(
    conn: &Connection,
    record: &StoredRecord,
    month: &str,
) -> Result<Option<NaiveDate>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, after FROM audit
         WHERE entity = 'record' AND entity_id = ?1 AND after IS NOT NULL ORDER BY seq",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map([record.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let department = record.department_id.to_string();
    let (mut entered, mut inside) = (None, false);
    for (at, after) in rows {
        let image: serde_json::Value = serde_json::from_str(&after)
            .map_err(|e| StoreError::Corrupt(format!("record {}: {e}", record.id)))?;
        // A cancelled record is in no month: restored, it enters its month again.
        let now_inside = image["cancelled"] != 1
            && image["departmentId"].as_str() == Some(department.as_str())
            && image["occurredOn"]
                .as_str()
                .is_some_and(|day| day.starts_with(month));
        if now_inside && !inside {
            entered = stored_day(&at);
        }
        inside = now_inside;
    }
    Ok(entered)
}
