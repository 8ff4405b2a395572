//! Verifying a register against this database: who each signature names (a key on
//! record or not, revoked or not when it signed), and whether the records the
//! embedded manifest lists still stand as signed — every record that changed, was
//! cancelled, or was added to the month since.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;
use uuid::Uuid;

use super::pdf::inspect::{InspectedSignature, Inspection, SignatureFault};
use crate::digest::sha256_hex;
use crate::domain::validation::month_range;
use crate::error::AppError;
use crate::signing::cms::CmsFault;
use crate::signing::keys;
use crate::store::{audit, exchange, findings as store_findings, profiles, records, registers};

/// Why a signature does not hold, as the reader is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SignatureProblem {
    /// The signed bytes were changed (or the signature value does not verify).
    Altered,
    /// The signature structure is damaged or not one the app makes.
    Malformed,
    /// Made with algorithms other than SHA-256 / ECDSA P-256.
    Unsupported,
    /// The document was changed after this signature by more than a later signature.
    ChangedAfter,
    /// The last signature does not reach the end of the file: bytes were appended.
    NotWholeDocument,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureReport {
    /// 签署 or 会签, as written in the signature.
    pub reason: String,
    /// `/Name` of the signature.
    pub signer: String,
    /// `/M`, ISO 8601 UTC when it parses.
    pub signed_at: String,
    pub valid: bool,
    #[ts(optional)]
    pub problem: Option<SignatureProblem>,
    pub covers_whole: bool,
    /// The certificate's subject and fingerprint (when the CMS could be read).
    #[ts(optional)]
    pub subject: Option<String>,
    #[ts(optional)]
    pub fingerprint: Option<String>,
    /// The profile this certificate belongs to in this database, if any.
    #[ts(optional)]
    pub known_as: Option<String>,
    /// The key was revoked before this signature was made.
    pub revoked: bool,
}

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

/// The overall answer, first reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Every signature holds, covers the document, and the records stand as signed.
    Intact,
    /// No signature: a draft, or signatures removed.
    Unsigned,
    /// A signature does not hold, or the document changed after signing.
    Tampered,
    /// The signatures hold, but a signer's certificate is not one this database knows,
    /// or its key was revoked before it signed.
    UnknownSigner,
    /// The PDF holds, and the database has changed since (see the differences).
    RecordsChanged,
    /// The PDF holds, but it carries no manifest this app can read.
    NoManifest,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterVerification {
    pub verdict: Verdict,
    /// From the embedded manifest.
    #[ts(optional)]
    pub department_id: Option<Uuid>,
    #[ts(optional)]
    pub department: Option<String>,
    #[ts(optional)]
    pub month: Option<String>,
    #[ts(optional)]
    pub manifest_sha256: Option<String>,
    /// The issued register this database has for the manifest, if any.
    #[ts(optional)]
    pub register_id: Option<Uuid>,
    pub pages: u32,
    pub signatures: Vec<SignatureReport>,
    pub differences: Vec<RecordDifference>,
}

/// Puts an inspected PDF against the database.
pub fn against_database(
    conn: &Connection,
    inspection: &Inspection,
) -> Result<RegisterVerification, AppError> {
    let count = inspection.signatures.len();
    let signatures = inspection
        .signatures
        .iter()
        .enumerate()
        .map(|(i, s)| report(conn, s, i + 1 == count))
        .collect::<Result<Vec<_>, AppError>>()?;
    let manifest: Option<Value> = inspection
        .manifest
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok());
    let text = |key: &str| {
        manifest
            .as_ref()
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let manifest_sha256 = inspection
        .manifest
        .as_deref()
        .map(|m| sha256_hex(m.as_bytes()));
    let department_id = text("departmentId").and_then(|d| Uuid::parse_str(&d).ok());
    let differences = match &manifest {
        Some(m) => differences(conn, m)?,
        None => Vec::new(),
    };
    let register_id = manifest_sha256
        .as_deref()
        .map(|sha| registers::by_manifest(conn, sha))
        .transpose()?
        .flatten()
        .map(|r| r.id);
    let verdict = if signatures.is_empty() {
        Verdict::Unsigned
    } else if signatures.iter().any(|s| !s.valid) {
        Verdict::Tampered
    } else if signatures.iter().any(|s| s.known_as.is_none() || s.revoked) {
        Verdict::UnknownSigner
    } else if manifest.is_none() {
        Verdict::NoManifest
    } else if !differences.is_empty() {
        Verdict::RecordsChanged
    } else {
        Verdict::Intact
    };
    Ok(RegisterVerification {
        verdict,
        department_id,
        department: text("department"),
        month: text("month"),
        manifest_sha256,
        register_id,
        pages: inspection.pages,
        signatures,
        differences,
    })
}

fn report(
    conn: &Connection,
    inspected: &InspectedSignature,
    last: bool,
) -> Result<SignatureReport, AppError> {
    let found = &inspected.found;
    let signed_at = parse_pdf_date(&found.signed_at);
    let problem = match &inspected.check {
        Err(SignatureFault::ByteRange) | Err(SignatureFault::Cms(CmsFault::Malformed(_))) => {
            Some(SignatureProblem::Malformed)
        }
        Err(SignatureFault::Cms(CmsFault::NoSigner)) => Some(SignatureProblem::Malformed),
        Err(SignatureFault::Cms(CmsFault::Unsupported)) => Some(SignatureProblem::Unsupported),
        Err(SignatureFault::Cms(CmsFault::DigestMismatch | CmsFault::BadSignature)) => {
            Some(SignatureProblem::Altered)
        }
        Ok(_) if inspected.changed_after => Some(SignatureProblem::ChangedAfter),
        Ok(_) if last && !inspected.covers_whole => Some(SignatureProblem::NotWholeDocument),
        Ok(_) => None,
    };
    let (mut subject, mut fingerprint, mut known_as, mut revoked) = (None, None, None, false);
    if let Ok(signer) = &inspected.check {
        subject = keys::subject_of(&signer.certificate_der).ok();
        fingerprint = Some(signer.fingerprint.clone());
        // A profile's key here, or a certificate a directory bundle (or an accepted
        // bundle) brought: registers signed at the hub verify on a spoke.
        let holder = exchange::certificate_holder(conn, &signer.fingerprint)?
            .map(|(name, from)| (name, profiles::revocation_time(from.as_deref())));
        if let Some((name, revoked_from)) = holder {
            known_as = Some(name);
            revoked = match (revoked_from, signed_at) {
                (Some(from), Some(at)) => at >= from,
                (Some(_), None) => true,
                (None, _) => false,
            };
        }
    }
    Ok(SignatureReport {
        reason: found.reason.clone(),
        signer: found.signer.clone(),
        signed_at: signed_at
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| found.signed_at.clone()),
        valid: problem.is_none(),
        problem,
        covers_whole: inspected.covers_whole,
        subject,
        fingerprint,
        known_as,
        revoked,
    })
}

/// `D:YYYYMMDDHHmmSS+00'00'` (the form this app writes; other offsets are read too).
pub fn parse_pdf_date(text: &str) -> Option<DateTime<Utc>> {
    let body = text.strip_prefix("D:")?;
    let local = NaiveDateTime::parse_from_str(body.get(..14)?, "%Y%m%d%H%M%S").ok()?;
    let zone = body.get(14..).unwrap_or("Z");
    let offset_minutes = match zone.chars().next() {
        None | Some('Z') => 0,
        Some(sign @ ('+' | '-')) => {
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            let hours: i64 = digits.get(..2)?.parse().ok()?;
            let minutes: i64 = digits.get(2..4).unwrap_or("0").parse().ok()?;
            let total = hours * 60 + minutes;
            if sign == '-' {
                -total
            } else {
                total
            }
        }
        Some(_) => return None,
    };
    Some((local - chrono::Duration::minutes(offset_minutes)).and_utc())
}

/// Every record of the manifest that no longer stands as signed, and every record
/// dated in the month that it does not list.
fn differences(conn: &Connection, manifest: &Value) -> Result<Vec<RecordDifference>, AppError> {
    let mut out = Vec::new();
    let mut listed = HashSet::new();
    for entry in manifest["records"].as_array().into_iter().flatten() {
        let Some(id) = entry["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()) else {
            continue;
        };
        listed.insert(id);
        let signed_version = entry["version"].as_i64();
        let difference = |change, current_version| RecordDifference {
            record_id: id,
            change,
            signed_version,
            current_version,
        };
        match records::get(conn, id)? {
            None => out.push(difference(RecordChange::Missing, None)),
            Some(record) if record.cancelled => {
                out.push(difference(RecordChange::Cancelled, Some(record.version)))
            }
            Some(record) => {
                let image = audit::image_of(conn, "record", &id.to_string())?.unwrap_or_default();
                if entry["imageSha256"].as_str() != Some(sha256_hex(image.as_bytes()).as_str()) {
                    out.push(difference(RecordChange::Changed, Some(record.version)));
                }
            }
        }
    }
    let department = manifest["departmentId"]
        .as_str()
        .and_then(|d| Uuid::parse_str(d).ok());
    if let (Some(department), Some(month)) = (department, manifest["month"].as_str()) {
        let (first, last) = month_range(month)?;
        for id in store_findings::month_record_ids(conn, first, last, Some(department))? {
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
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_with_their_offset() {
        let utc = parse_pdf_date("D:20260701083000+00'00'").unwrap();
        assert_eq!(utc.to_rfc3339(), "2026-07-01T08:30:00+00:00");
        let china = parse_pdf_date("D:20260701163000+08'00'").unwrap();
        assert_eq!(china, utc);
        assert!(parse_pdf_date("20260701").is_none());
    }
}
