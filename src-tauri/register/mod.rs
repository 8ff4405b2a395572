//! The monthly register of a department: every record of the month grouped by kind,
//! late registrations and amendments of earlier months, totals, findings, attestations, what still blocks
//! signing, and the canonical manifest of exactly what it states. Built from the
//! database as it is now; signing freezes it (see `manifest`).

pub mod issue;
pub mod issued;
pub mod labels;
pub mod manifest;
mod names;
pub mod pdf;
mod sections;
pub mod slots;
pub mod totals;
pub mod verify;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::directory::{Department, DepartmentId, Official, OfficialId};
use crate::domain::money::Fen;
use crate::domain::records::RecordId;
use crate::domain::validation::month_range;
use crate::domain::workflow::ReviewStatus;
use crate::error::AppError;
use crate::rules::Lateness;
use crate::store::audit::{self, ChainHead};
use crate::store::findings::findings_of;
use crate::store::findings::{self as store_findings, Facts};
use crate::store::records::{self, StoredRecord};
use crate::store::{directory, late, review, settings, StoreError};

pub(crate) use names::Names;
pub(crate) use sections::summary;
pub use sections::{Column, Section, SectionKind, SectionRow};

/// A finding as the register prints it (as it stands on the day the register is made).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterFinding {
    pub record_id: RecordId,
    pub date: NaiveDate,
    pub rule: String,
    pub severity: crate::rules::Severity,
    pub clause: String,
    pub message: String,
}

/// Where each official of the department stands for the month.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterAttestation {
    pub official_id: OfficialId,
    pub name: String,
    pub records: u32,
    /// Declared 本月无登记事项.
    pub declared_nil: bool,
}

/// A record that keeps the register from being signed, and why.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Blocker {
    pub record_id: RecordId,
    pub date: NaiveDate,
    pub summary: String,
    pub status: ReviewStatus,
}

/// One record the register states: which version, and the hash of its stored image.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterEntry {
    pub record_id: RecordId,
    #[ts(type = "number")]
    pub version: i64,
    pub image_sha256: String,
    pub section: SectionKind,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Register {
    /// 填报单位.
    pub bureau: String,
    pub department_id: DepartmentId,
    pub department: String,
    /// `YYYY-MM`.
    pub month: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The day findings are judged on.
    pub as_of: NaiveDate,
    /// Trips, meals, gifts received, gifts given, contacts, late registrations of
    /// earlier months, amendments: each present
    /// even when empty, so a reader sees that nothing was registered of that kind.
    pub sections: Vec<Section>,
    pub findings: Vec<RegisterFinding>,
    /// What the rules could not check for want of a standard (each once): for whoever
    /// prepares the register to have an administrator set; not printed, not signed.
    pub unchecked: Vec<crate::rules::Text>,
    pub attestations: Vec<RegisterAttestation>,
    /// The grand total of the month's records (late registrations and amendments,
    /// which belong to earlier months, excluded): `totals.grand`.
    pub total: Fen,
    /// Each kind of amount apart, declined and returned offers never counted as received.
    pub totals: totals::Totals,
    pub blockers: Vec<Blocker>,
    pub entries: Vec<RegisterEntry>,
    pub audit_head: ChainHead,
}

impl Register {
    /// Nothing registered in the month, no late registrations and no amendments: a nil
    /// register (本月无登记事项).
    pub fn is_nil(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Builds the register of `department_id` for `month` (`YYYY-MM`) as the database
/// stands, judging findings on `as_of`.
pub fn build(
    conn: &Connection,
    department_id: DepartmentId,
    month: &str,
    as_of: NaiveDate,
) -> Result<Register, AppError> {
    let (first, last) = month_range(month)?;
    let department = directory::get::<Department>(conn, department_id)?
        .ok_or_else(|| StoreError::not_found("department", department_id))?;
    let names = Names::load(conn)?;
    let mut facts = Facts::load(conn)?;
    let month_records: Vec<StoredRecord> =
        store_findings::month_record_ids(conn, first, last, Some(department_id))?
            .into_iter()
            .filter_map(|id| records::get(conn, id).transpose())
            .collect::<Result<_, _>>()?;
    let late: Vec<(StoredRecord, Lateness)> = late::pending(conn, department_id, first)?;
    let amendments: Vec<StoredRecord> = review::amended_before(conn, department_id, first)?
        .into_iter()
        .filter_map(|id| records::get(conn, id).transpose())
        .collect::<Result<_, _>>()?;

    let mut entries = Vec::new();
    let mut blockers = Vec::new();
    let mut findings = Vec::new();
    let mut unchecked = Vec::new();
    let mut settlements = Vec::new();
    let listed = month_records
        .iter()
        .map(|r| (r, None))
        .chain(late.iter().map(|(r, _)| (r, Some(SectionKind::Late))))
        .chain(
            amendments
                .iter()
                .map(|r| (r, Some(SectionKind::Amendments))),
        );
    for (record, earlier) in listed {
        let status = review::get(conn, record.id)?.state.status;
        if status != ReviewStatus::Approved {
            blockers.push(Blocker {
                record_id: record.id,
                date: record.date,
                summary: sections::summary(record, &names),
                status,
            });
        }
        let image = audit::image_of(conn, "record", &record.id.to_string())?.unwrap_or_default();
        entries.push(RegisterEntry {
            record_id: record.id,
            version: record.version,
            image_sha256: crate::digest::sha256_hex(image.as_bytes()),
            section: earlier.unwrap_or_else(|| SectionKind::of(record)),
        });
        let found = findings_of(conn, &mut facts, record, as_of)?;
        let (administrative, about_the_record): (Vec<_>, Vec<_>) = found
            .findings
            .into_iter()
            .partition(|f| f.rule.is_administrative());
        for note in administrative {
            if !unchecked.contains(&note.message) {
                unchecked.push(note.message);
            }
        }
        findings.extend(about_the_record.into_iter().map(|f| RegisterFinding {
            record_id: record.id,
            date: record.date,
            rule: f.rule.tag(),
            severity: f.severity,
            clause: f.citation.clause,
            message: f.message.zh,
        }));
        // Earlier months' records are listed in a line each; their settlements and
        // totals belong to their own month.
        if earlier.is_none() {
            settlements.extend(found.settlement.into_iter().map(|s| (record.id, s)));
        }
    }
    let sections = sections::build(
        &sections::Listed {
            records: &month_records,
            late: &late,
            amendments: &amendments,
        },
        &settlements,
        &names,
    );
    let totals = totals::of(&month_records);
    let attestations = attestations(conn, department_id, month, &month_records)?;
    Ok(Register {
        bureau: settings::get(conn, settings::BUREAU_NAME)?.unwrap_or_default(),
        department_id,
        department: department.value.name,
        month: month.trim().to_owned(),
        first,
        last,
        as_of,
        sections,
        findings,
        unchecked,
        attestations,
        total: totals.grand,
        totals,
        blockers,
        entries,
        audit_head: audit::head(conn)?,
    })
}

fn attestations(
    conn: &Connection,
    department_id: DepartmentId,
    month: &str,
    records: &[StoredRecord],
) -> Result<Vec<RegisterAttestation>, AppError> {
    let mut out = Vec::new();
    for official in directory::list::<Official>(conn, true)? {
        if official.value.department_id != department_id {
            continue;
        }
        let count = records
            .iter()
            .filter(|r| r.body.official_ids().contains(&official.id))
            .count() as u32;
        let declared_nil =
            review::attestation(conn, official.id, month.trim())?.is_some_and(|a| a.active);
        out.push(RegisterAttestation {
            official_id: official.id,
            name: official.value.name,
            records: count,
            declared_nil,
        });
    }
    Ok(out)
}
