//! Whether the records a register lists still stand as signed: every record of the
//! manifest that changed, was cancelled or is missing, and every record dated in the
//! month that it does not list — each with the later register of the department that
//! carries it, if one does (a late registration, an amendment).

use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::manifest_check::{self, ManifestFacts, SignedRecord};
use crate::digest::sha256_hex;
use crate::domain::records::RecordId;
use crate::domain::validation::month_range;
use crate::error::AppError;
use crate::store::{audit, findings as store_findings, records, registers};

/// How a record stands against the signed manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordChange {
    /// Its content is not what was signed (a later version).
    Changed,
    Cancelled,
    /// Dated in the month, registered after signing, and not yet in a signed register.
    Added,
    /// Dated in the month, registered after signing (补登), and carried by a later
    /// signed register of the department (`carried_by`): accounted for, so the
    /// register still stands.
    Late,
    /// Not in this database.
    Missing,
}
impl RecordChange {
    pub const ALL: [RecordChange; 5] = [
        RecordChange::Changed,
        RecordChange::Cancelled,
        RecordChange::Added,
        RecordChange::Late,
        RecordChange::Missing,
    ];
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordDifference {
    pub record_id: RecordId,
    pub change: RecordChange,
    #[ts(type = "number | null")]
    pub signed_version: Option<i64>,
    #[ts(type = "number | null")]
    pub current_version: Option<i64>,
    /// The later signed register of the department that lists the record as it now
    /// stands (as a late registration or an amendment).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_by: Option<CarriedBy>,
}

/// A later register that lists a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CarriedBy {
    pub register_id: Uuid,
    /// `YYYY-MM`.
    pub month: String,
}

/// The department's registers of months after this one, with what they list.
struct LaterRegisters(Vec<(CarriedBy, ManifestFacts)>);

impl LaterRegisters {
    /// Only registers this database wrote as they stand: one inserted or altered with
    /// SQL would otherwise account for a record nobody registered.
    fn load(conn: &Connection, manifest: &ManifestFacts) -> Result<LaterRegisters, AppError> {
        let mut later = Vec::new();
        for r in registers::list(conn, Some(manifest.department_id))? {
            if r.month <= manifest.month || !registers::as_recorded(conn, &r)? {
                continue;
            }
            if let Some(facts) = manifest_check::read(&r.manifest) {
                let carrier = CarriedBy {
                    register_id: r.id,
                    month: r.month,
                };
                later.push((carrier, facts));
            }
        }
        Ok(LaterRegisters(later))
    }

    /// The first later register whose listing of `record` passes `which`.
    fn listing(
        &self,
        record: RecordId,
        which: impl Fn(&SignedRecord) -> bool,
    ) -> Option<&CarriedBy> {
        self.0.iter().find_map(|(carrier, facts)| {
            facts
                .records
                .iter()
                .any(|r| r.id == record && which(r))
                .then_some(carrier)
        })
    }

    /// The register that lists `record` as it now stands (version `version`).
    fn carrying(&self, record: RecordId, version: Option<i64>) -> Option<&CarriedBy> {
        self.listing(record, |r| Some(r.version) == version)
    }

    /// The register that took `record` in as a late registration.
    fn took_late(&self, record: RecordId) -> Option<&CarriedBy> {
        self.listing(record, |r| r.section == "late")
    }
}

pub fn differences(
    conn: &Connection,
    manifest: &ManifestFacts,
) -> Result<Vec<RecordDifference>, AppError> {
    let later = LaterRegisters::load(conn, manifest)?;
    let mut out = Vec::new();
    let mut listed = HashSet::new();
    for entry in &manifest.records {
        listed.insert(entry.id);
        let difference = |change, current_version| RecordDifference {
            record_id: entry.id,
            change,
            signed_version: Some(entry.version),
            current_version,
            carried_by: later.carrying(entry.id, current_version).cloned(),
        };
        match records::get(conn, entry.id)? {
            None => out.push(difference(RecordChange::Missing, None)),
            Some(record) if record.cancelled => {
                out.push(difference(RecordChange::Cancelled, Some(record.version)))
            }
            Some(record) => {
                let image =
                    audit::image_of(conn, "record", &entry.id.to_string())?.unwrap_or_default();
                if entry.image_sha256 != sha256_hex(image.as_bytes()) {
                    out.push(difference(RecordChange::Changed, Some(record.version)));
                }
            }
        }
    }
    let (first, last) = month_range(&manifest.month)?;
    for id in store_findings::month_record_ids(conn, first, last, Some(manifest.department_id))? {
        if !listed.contains(&id) {
            let current = records::get(conn, id)?.map(|r| r.version);
            // Taken in late by a later register (and perhaps amended since): the
            // register that lists it as it stands, else the one that took it in.
            let late = later.took_late(id);
            out.push(RecordDifference {
                record_id: id,
                change: if late.is_some() {
                    RecordChange::Late
                } else {
                    RecordChange::Added
                },
                signed_version: None,
                current_version: current,
                carried_by: later.carrying(id, current).or(late).cloned(),
            });
        }
    }
    Ok(out)
}
