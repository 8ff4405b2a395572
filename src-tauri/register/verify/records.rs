//! Whether the records a register lists still stand as signed: every record of the
//! manifest that changed, was cancelled or is missing, and every record dated in the
//! month that it does not list.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::manifest_check::ManifestFacts;
use crate::digest::sha256_hex;
use crate::domain::validation::month_range;
use crate::error::AppError;
use crate::store::{audit, findings as store_findings, records};

/// How a record stands against the signed manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordChange {
    /// Its content is not what was signed (a later version).
    Changed,
    Cancelled,
    /// Dated in the month and registered after signing.
    Added,
    /// Not in this database.
    Missing,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecordDifference {
    pub record_id: Uuid,
    pub change: RecordChange,
    #[ts(type = "number | null")]
    pub signed_version: Option<i64>,
    #[ts(type = "number | null")]
    pub current_version: Option<i64>,
}

pub fn differences(
    conn: &Connection,
    manifest: &ManifestFacts,
) -> Result<Vec<RecordDifference>, AppError> {
    let mut out = Vec::new();
    let mut listed = HashSet::new();
    for entry in &manifest.records {
        listed.insert(entry.id);
        let difference = |change, current_version| RecordDifference {
            record_id: entry.id,
            change,
            signed_version: Some(entry.version),
            current_version,
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
            out.push(RecordDifference {
                record_id: id,
                change: RecordChange::Added,
                signed_version: None,
                current_version: current,
            });
        }
    }
    Ok(out)
}
