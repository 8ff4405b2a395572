//! Findings in the store. The rules are a pure function; this module feeds them the
//! standards, calendar and directory entries a record needs, and keeps a brief of
//! each record's findings (rule, severity, the days it holds) so that lists can filter
//! on "has violations" and counts need no re-evaluation. The brief is rewritten in the
//! same transaction as every change that can alter it, and [`verify`] proves it equals
//! a fresh evaluation.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::directory_history::{self, Versions};
use super::error::StoreError;
use super::record_rows::{self, StoredRecord};
use super::sql::Cached;
use super::{directory, late};
use crate::domain::directory::{Counterpart, CounterpartId, DepartmentId, Official, OfficialId};
use crate::domain::records::RecordId;
use crate::domain::records::{RecordBody, RecordKind};
use crate::rules::trips::{settlement, OfficialSettlement};
use crate::rules::{self, Calendar, CalendarDay, Context, Finding, Standard, Standards};

/// What the rules look at besides the record, loaded once per transaction or batch:
/// the standards, the calendar, and every version of the directory entries records
/// name, so each record is judged on the directory as it stood on its date.
pub struct Facts {
    pub standards: Standards,
    pub calendar: Calendar,
    officials: HashMap<OfficialId, Versions<Official>>,
    counterparts: HashMap<CounterpartId, Versions<Counterpart>>,
    /// Which months are signed, for the late-registration finding.
    signed: late::SignedMonths,
}

/// The directory entries one record names, as they stood on its date.
pub struct Entries {
    officials: HashMap<OfficialId, Official>,
    counterparts: HashMap<CounterpartId, Counterpart>,
}

impl Facts {
    pub fn load(conn: &Connection) -> Result<Facts, StoreError> {
        let standards = directory::list::<Standard>(conn, true)?
            .into_iter()
            .map(|row| row.value)
            .collect();
        let corrections: Vec<CalendarDay> = directory::list::<CalendarDay>(conn, false)?
            .into_iter()
            .map(|row| row.value)
            .collect();
        Ok(Facts {
            standards: Standards::new(standards),
            calendar: Calendar::new(&corrections),
            officials: HashMap::new(),
            counterparts: HashMap::new(),
            signed: late::SignedMonths::load(conn)?,
        })
    }

    /// Loads the directory entries `body` names that are not loaded yet.
    fn learn(&mut self, conn: &Connection, body: &RecordBody) -> Result<(), StoreError> {
        for id in body.official_ids() {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.officials.entry(id) {
                slot.insert(directory_history::versions::<Official>(conn, id)?);
            }
        }
        for id in body.counterpart_ids() {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.counterparts.entry(id) {
                slot.insert(directory_history::versions::<Counterpart>(conn, id)?);
            }
        }
        Ok(())
    }

    /// The entries `body` names as they stood on its date (loaded by [`Facts::learn`]).
    fn on_its_date(&self, body: &RecordBody) -> Entries {
        let day = body.date();
        Entries {
            officials: body
                .official_ids()
                .into_iter()
                .filter_map(|id| Some((id, self.officials.get(&id)?.on(day)?.clone())))
                .collect(),
            counterparts: body
                .counterpart_ids()
                .into_iter()
                .filter_map(|id| Some((id, self.counterparts.get(&id)?.on(day)?.clone())))
                .collect(),
        }
    }

    /// Every finding of a record, each with the days it holds; none for a cancelled one.
    pub fn evaluate_all(
        &mut self,
        conn: &Connection,
        record: &StoredRecord,
    ) -> Result<Vec<Finding>, StoreError> {
        if record.cancelled {
            return Ok(Vec::new());
        }
        self.learn(conn, &record.body)?;
        let entries = self.on_its_date(&record.body);
        let mut findings = rules::evaluate_all(&record.body, &self.context(&entries));
        if let Some(lateness) = late::of(conn, &self.signed, record)? {
            findings.push(rules::late_registration(&record.body, &lateness));
            findings.sort_by_key(|f| f.severity);
        }
        Ok(findings)
    }

    pub fn context<'a>(&'a self, entries: &'a Entries) -> Context<'a> {
        Context {
            standards: &self.standards,
            calendar: &self.calendar,
            officials: &entries.officials,
            counterparts: &entries.counterparts,
        }
    }
}

/// Rewrites the brief of one record.
pub fn refresh(
    conn: &Connection,
    facts: &mut Facts,
    record: &StoredRecord,
) -> Result<(), StoreError> {
    let id = record.id.to_string();
    conn.run("DELETE FROM record_finding WHERE record_id = ?1", [&id])?;
    for finding in facts.evaluate_all(conn, record)? {
        conn.run(
            "INSERT INTO record_finding (record_id, rule, severity, active_from, active_until)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id,
                finding.rule.tag(),
                finding.severity.tag(),
                finding.active_from.map(|d| d.to_string()),
                finding.active_until.map(|d| d.to_string()),
            ],
        )?;
    }
    Ok(())
}

/// What changed, so the records it can affect are evaluated again.
pub enum Affected {
    Everything,
    Kinds(&'static [RecordKind]),
    Official(OfficialId),
    Counterpart(CounterpartId),
}

/// Evaluates again every record a change can affect, in the caller's transaction.
pub fn refresh_affected(conn: &Connection, affected: &Affected) -> Result<u64, StoreError> {
    let (clause, value): (String, Option<String>) = match affected {
        Affected::Everything => ("1".into(), None),
        Affected::Kinds(kinds) => (
            format!(
                "kind IN ({})",
                kinds
                    .iter()
                    .map(|k| format!("'{}'", k.tag()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
        ),
        Affected::Official(id) => (
            "id IN (SELECT record_id FROM record_official WHERE official_id = ?1)".into(),
            Some(id.to_string()),
        ),
        Affected::Counterpart(id) => (
            "id IN (SELECT record_id FROM record_counterpart WHERE counterpart_id = ?1)".into(),
            Some(id.to_string()),
        ),
    };
    let mut facts = Facts::load(conn)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM record WHERE {clause} ORDER BY seq"
    ))?;
    let ids: Vec<String> = match &value {
        Some(v) => stmt
            .query_map([v], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
        None => stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
    };
    let mut count = 0;
    for id in ids {
        let id = super::sql::stored_id(&id)?;
        if let Some(record) = record_rows::get(conn, id)? {
            refresh(conn, &mut facts, &record)?;
            count += 1;
        }
    }
    Ok(count)
}

pub fn refresh_all(conn: &Connection) -> Result<(), StoreError> {
    refresh_affected(conn, &Affected::Everything).map(|_| ())
}

/// The kinds of record a standard's key can change the findings of.
pub fn kinds_of(key: rules::StandardKey) -> &'static [RecordKind] {
    use rules::StandardKey as K;
    match key {
        K::TravelMealAllowance | K::CityTransportAllowance | K::LodgingCap => &[RecordKind::Trip],
        K::ReceptionMealPerPerson | K::CanteenDefaultRate => &[RecordKind::Meal],
        K::CeremonialGiftCap
        | K::SurrenderDeadlineMonths
        | K::GiftSurrenderThreshold
        | K::DeadlineNoticeDays => &[RecordKind::Gift],
        K::PreHolidayDays => &[RecordKind::Contact],
    }
}

/// A record whose stored brief differs from a fresh evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleBrief {
    pub record_id: RecordId,
}

/// Compares every record's stored brief with a fresh evaluation.
pub fn verify(conn: &Connection) -> Result<Vec<StaleBrief>, StoreError> {
    let mut facts = Facts::load(conn)?;
    let mut stmt = conn.prepare("SELECT id FROM record ORDER BY seq")?;
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stale = Vec::new();
    for id in ids {
        let id = super::sql::stored_id(&id)?;
        let Some(record) = record_rows::get(conn, id)? else {
            continue;
        };
        let mut expected: Vec<Brief> = facts
            .evaluate_all(conn, &record)?
            .iter()
            .map(Brief::of)
            .collect();
        let mut stored = stored_brief(conn, id)?;
        expected.sort();
        stored.sort();
        if expected != stored {
            stale.push(StaleBrief { record_id: id });
        }
    }
    Ok(stale)
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Brief {
    rule: String,
    severity: String,
    from: Option<String>,
    until: Option<String>,
}

impl Brief {
    fn of(f: &Finding) -> Brief {
        Brief {
            rule: f.rule.tag(),
            severity: f.severity.tag().to_owned(),
            from: f.active_from.map(|d| d.to_string()),
            until: f.active_until.map(|d| d.to_string()),
        }
    }
}

fn stored_brief(conn: &Connection, id: RecordId) -> Result<Vec<Brief>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT rule, severity, active_from, active_until FROM record_finding WHERE record_id = ?1",
    )?;
    let rows = stmt
        .query_map([id.to_string()], |r| {
            Ok(Brief {
                rule: r.get(0)?,
                severity: r.get(1)?,
                from: r.get(2)?,
                until: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The SQL condition "the record has a finding of `severity` holding on `day`"
/// (parameters `?severity`, `?day` are bound by the caller as numbered below).
pub fn holds_condition(severity_param: usize, day_param: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM record_finding f WHERE f.record_id = r.id AND f.severity = ?{severity_param}
           AND (f.active_from IS NULL OR f.active_from <= ?{day_param})
           AND (f.active_until IS NULL OR ?{day_param} <= f.active_until))"
    )
}

/// How many findings of each severity hold on a day, for a list row's badge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingCounts {
    pub violations: u32,
    pub warnings: u32,
    pub notes: u32,
}

impl FindingCounts {
    /// Counts one more finding of `severity`.
    pub fn add(&mut self, severity: rules::Severity) {
        match severity {
            rules::Severity::Violation => self.violations += 1,
            rules::Severity::Warning => self.warnings += 1,
            rules::Severity::Note => self.notes += 1,
        }
    }

    /// Sets the count of a severity stored as its tag (`violation`, …).
    fn set(&mut self, severity: &str, n: u32) {
        match severity {
            "violation" => self.violations = n,
            "warning" => self.warnings = n,
            _ => self.notes = n,
        }
    }
}

/// How many findings of each severity hold on `day` for one record.
pub fn count_for(
    conn: &Connection,
    id: RecordId,
    day: NaiveDate,
) -> Result<FindingCounts, StoreError> {
    let mut counts = FindingCounts::default();
    let mut stmt = conn.prepare_cached(
        "SELECT severity, COUNT(*) FROM record_finding WHERE record_id = ?1
           AND (active_from IS NULL OR active_from <= ?2)
           AND (active_until IS NULL OR ?2 <= active_until)
         GROUP BY severity",
    )?;
    let rows: Vec<(String, u32)> = stmt
        .query_map(params![id.to_string(), day.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    for (severity, n) in rows {
        counts.set(&severity, n);
    }
    Ok(counts)
}

/// Whether the store has a brief at all for this record (used by tests of the hook).
pub fn has_brief(conn: &Connection, id: RecordId) -> Result<bool, StoreError> {
    Ok(conn
        .one(
            "SELECT 1 FROM record_finding WHERE record_id = ?1 LIMIT 1",
            [id.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The records of a month (optionally one department), oldest first, not cancelled.
pub fn month_record_ids(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    department: Option<DepartmentId>,
) -> Result<Vec<RecordId>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM record WHERE cancelled = 0 AND occurred_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR department_id = ?3)
         ORDER BY occurred_on, seq",
    )?;
    let ids: Vec<String> = stmt
        .query_map(
            params![
                first.to_string(),
                last.to_string(),
                department.map(|d| d.to_string())
            ],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| super::sql::stored_id(id)).collect()
}

/// `(YYYY-MM, kind, count)` of the records between two days.
pub fn per_month_kinds(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    department: Option<DepartmentId>,
) -> Result<Vec<(String, String, u32)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(occurred_on, 1, 7), kind, COUNT(*) FROM record
         WHERE cancelled = 0 AND occurred_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR department_id = ?3)
         GROUP BY 1, 2",
    )?;
    let rows = stmt
        .query_map(
            params![
                first.to_string(),
                last.to_string(),
                department.map(|d| d.to_string())
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The findings holding on `day` on the records between two days, by severity.
pub fn month_counts(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    department: Option<DepartmentId>,
    day: NaiveDate,
) -> Result<FindingCounts, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.severity, COUNT(*) FROM record r JOIN record_finding f ON f.record_id = r.id
         WHERE r.cancelled = 0 AND r.occurred_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR r.department_id = ?3)
           AND (f.active_from IS NULL OR f.active_from <= ?4)
           AND (f.active_until IS NULL OR ?4 <= f.active_until)
         GROUP BY f.severity",
    )?;
    let rows: Vec<(String, u32)> = stmt
        .query_map(
            params![
                first.to_string(),
                last.to_string(),
                department.map(|d| d.to_string()),
                day.to_string()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    let mut counts = FindingCounts::default();
    for (severity, n) in rows {
        counts.set(&severity, n);
    }
    Ok(counts)
}

/// How many received gifts of a department still await a disposition.
pub fn pending_gift_count(conn: &Connection, department: DepartmentId) -> Result<u32, StoreError> {
    Ok(conn.one(
        "SELECT COUNT(*) FROM record_finding f JOIN record r ON r.id = f.record_id
         WHERE f.rule = 'gift-overdue' AND f.active_from IS NOT NULL
           AND r.cancelled = 0 AND r.department_id = ?1",
        [department.to_string()],
        |r| r.get(0),
    )?)
}

/// Received gifts still pending: their overdue finding starts on a known day (a late
/// disposition's has none). Returns `(record, first overdue day)`, soonest first.
pub fn gifts_awaiting_disposition(
    conn: &Connection,
    department: Option<DepartmentId>,
    limit: u32,
) -> Result<Vec<(RecordId, NaiveDate)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, f.active_from FROM record_finding f JOIN record r ON r.id = f.record_id
         WHERE f.rule = 'gift-overdue' AND f.active_from IS NOT NULL AND r.cancelled = 0
           AND (?1 IS NULL OR r.department_id = ?1)
         ORDER BY f.active_from, r.id LIMIT ?2",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map(params![department.map(|d| d.to_string()), limit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, from)| {
            let id = super::sql::stored_id(&id)?;
            let from = from
                .parse::<NaiveDate>()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok((id, from))
        })
        .collect()
}

/// A record's findings as they hold on a day and, for a trip, each official's settlement.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordFindings {
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub date: NaiveDate,
    pub department_id: DepartmentId,
    pub findings: Vec<Finding>,
    /// For a trip: each official's standard settlement beside what was paid.
    pub settlement: Vec<OfficialSettlement>,
}

/// Evaluates `record` with `facts`, keeping the findings that hold on `day`.
pub fn findings_of(
    conn: &Connection,
    facts: &mut Facts,
    record: &StoredRecord,
    day: NaiveDate,
) -> Result<RecordFindings, StoreError> {
    let mut findings = facts.evaluate_all(conn, record)?;
    findings.retain(|f| f.active_on(day));
    let settlement = match &record.body {
        RecordBody::Trip(trip) if !record.cancelled => {
            settlement(trip, &facts.context(&facts.on_its_date(&record.body)))
        }
        _ => Vec::new(),
    };
    Ok(RecordFindings {
        record_id: record.id,
        kind: record.body.kind(),
        date: record.date,
        department_id: record.department_id,
        findings,
        settlement,
    })
}
