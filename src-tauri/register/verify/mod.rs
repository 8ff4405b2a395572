//! Verifying a register against this database. `intact` means what the threat model
//! promises: the right people signed (the department's head, then a leader in charge,
//! as the directory had them when this database recorded each signature), with keys
//! not revoked at that moment; nothing but the countersignature was added after the
//! first signature; the embedded manifest is the one this database issued, over the
//! revision it stored; the audit chain still holds the head the manifest names; and
//! the records still stand as signed. Anything less has its own verdict.

mod authority;
pub mod manifest_check;
pub mod offline;
mod records;
mod report;
pub mod source;
mod witnessed;
pub mod words;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::pdf::inspect::{self, InspectedSignature, Inspection};
use super::slots::SignatureSlot;
use crate::digest::sha256_hex;
use crate::domain::directory::Department;
use crate::error::AppError;
use crate::signing::ca;
use crate::store::bureau_root::{self, RootRow};
use crate::store::registers::{self, IssuedRegister};
use crate::store::{audit, certificates, directory, profiles};
use witnessed::{Elsewhere, History};

/// The most a register PDF (or a certificate to verify it with) may weigh: a year of
/// a large department's register is a few megabytes.
pub const MAX_PDF_BYTES: u64 = 64 << 20;
pub use authority::{may_countersign, AuthorityFault};
use manifest_check::ManifestFacts;
pub use records::{CarriedBy, RecordChange, RecordDifference};
use report::document_verdict;
pub use report::{
    parse_pdf_date, RegisterVerification, SignatureProblem, SignatureReport, Unchecked, Verdict,
};

/// Puts an inspected PDF (`bytes`, as inspected) against the database.
pub fn against_database(
    conn: &Connection,
    inspection: &Inspection,
    bytes: &[u8],
) -> Result<RegisterVerification, AppError> {
    let facts = inspection
        .manifest
        .as_deref()
        .and_then(manifest_check::read);
    // A department this directory does not have (another bureau's register): whose
    // authority counts there is not this database's to say; it was not issued here.
    let department_known = match &facts {
        Some(f) => directory::get::<Department>(conn, f.department_id)?.is_some(),
        None => false,
    };
    let manifest_sha256 = inspection
        .manifest
        .as_deref()
        .map(|m| sha256_hex(m.as_bytes()));
    let issued = manifest_sha256
        .as_deref()
        .map(|sha| registers::by_manifest(conn, sha))
        .transpose()?
        .flatten();
    let issued_here = match &issued {
        Some(r) if Some(&r.manifest) == inspection.manifest.as_ref() => {
            same_revisions(conn, r, inspection, bytes)?.then_some(r)
        }
        _ => None,
    };
    let count = inspection.signatures.len();
    let elsewhere = match (&facts, &manifest_sha256, issued_here) {
        (Some(facts), Some(sha), None) if department_known => {
            issued_elsewhere(conn, facts, sha, inspection, bytes)?
        }
        _ => None,
    };
    let roots = Roots {
        current: bureau_root::current(conn)?,
        pinned: bureau_root::pinned(conn)?,
    };
    let judged = inspection
        .signatures
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let facts = facts.as_ref().filter(|_| department_known);
            let recorded = recorded(conn, i, issued_here, elsewhere.as_ref())?;
            report(conn, s, i, i + 1 == count, facts, recorded, &roots)
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let all_certified = judged.iter().all(|j| j.certified);
    let signatures: Vec<SignatureReport> = judged.into_iter().map(|j| j.report).collect();
    let entitled_signers = match (&facts, signatures.iter().find(|s| s.authority.is_some())) {
        (Some(facts), Some(wrong)) => authority::entitled(
            conn,
            wrong.slot.unwrap_or(SignatureSlot::Countersign),
            facts.department_id,
        )?,
        _ => Vec::new(),
    };
    let mut unchecked = Vec::new();
    let history_holds = match (&facts, issued_here, &elsewhere) {
        (Some(facts), Some(_), _) => chain_holds(conn, &facts.audit_head)?,
        (Some(_), None, Some(elsewhere)) => match elsewhere.history {
            History::Holds => true,
            History::Rewritten => false,
            History::Unwitnessed => {
                unchecked.push(Unchecked::History);
                true
            }
        },
        _ => false,
    };
    let mut differences = match &facts {
        Some(facts) => records::differences(conn, facts)?,
        None => Vec::new(),
    };
    // Another database's records reach this one only as far as its bundles carried
    // them: one not here is not missing, it is unchecked.
    if elsewhere.is_some() {
        let before = differences.len();
        differences.retain(|d| d.change != RecordChange::Missing);
        if differences.len() < before {
            unchecked.push(Unchecked::Records);
        }
    }
    let verdict = if let Some(verdict) = document_verdict(&signatures, facts.is_some()) {
        verdict
    } else if !all_certified || signatures.iter().any(|s| s.known_as.is_none() || s.revoked) {
        Verdict::UnknownSigner
    } else if signatures.iter().any(|s| s.authority.is_some()) {
        Verdict::WrongSigner
    } else if issued_here.is_none() && elsewhere.is_none() {
        Verdict::NotIssuedHere
    } else if !history_holds {
        Verdict::HistoryRewritten
    } else if differences.iter().any(|d| d.change != RecordChange::Late) {
        Verdict::RecordsChanged
    } else {
        Verdict::Intact
    };
    Ok(RegisterVerification {
        verdict,
        department_id: facts.as_ref().map(|f| f.department_id),
        department: facts.as_ref().map(|f| f.department.clone()),
        month: facts.as_ref().map(|f| f.month.clone()),
        manifest_sha256,
        register_id: issued
            .map(|r| r.id)
            .or(elsewhere.as_ref().map(|e| e.register_id)),
        issued_by: elsewhere.map(|e| e.source),
        pages: inspection.pages,
        signatures,
        entitled_signers,
        differences,
        unchecked,
    })
}

/// A register another database issued, with this manifest and this revision, that this
/// database witnessed through that database's bundles.
fn issued_elsewhere(
    conn: &Connection,
    facts: &ManifestFacts,
    manifest_sha256: &str,
    inspection: &Inspection,
    bytes: &[u8],
) -> Result<Option<Elsewhere>, AppError> {
    let Some(last) = inspection.signatures.len().checked_sub(1) else {
        return Ok(None);
    };
    let (Some(revision), Ok(signer)) = (
        inspection.revision(bytes, last),
        &inspection.signatures[last].check,
    ) else {
        return Ok(None);
    };
    let presented = witnessed::Presented {
        manifest_sha256,
        last,
        revision_sha256: &sha256_hex(revision),
        certificate_der: &signer.certificate_der,
    };
    witnessed::issued_elsewhere(conn, facts, &presented)
}

/// When the issuing database recorded the `index`-th signature, and the sequence of
/// that row in this database's log (absent for a register issued elsewhere).
fn recorded(
    conn: &Connection,
    index: usize,
    issued_here: Option<&IssuedRegister>,
    elsewhere: Option<&Elsewhere>,
) -> Result<Option<Recorded>, AppError> {
    let Some(slot) = SignatureSlot::at(index) else {
        return Ok(None);
    };
    if let Some(r) = issued_here {
        let found = audit::last_action(conn, "register", &r.id.to_string(), slot.audit_action())?;
        return Ok(found.map(|(seq, at)| Recorded { seq: Some(seq), at }));
    }
    Ok(elsewhere
        .and_then(|e| e.recorded_at(slot))
        .map(|at| Recorded { seq: None, at }))
}

/// The moment a signature was recorded by the database that issued the register.
#[derive(Debug, Clone, Copy)]
struct Recorded {
    /// The row in this database's log, for a register issued here.
    seq: Option<i64>,
    at: DateTime<Utc>,
}

/// The roots whose certificates sign for this bureau: this database's own, and the
/// bureau root it pinned at its first directory import.
struct Roots {
    current: Option<RootRow>,
    pinned: Option<Vec<u8>>,
}

impl Roots {
    /// Whether one of the roots issued `certificate` (valid at `at`); `None` while
    /// this database has neither.
    fn issued(&self, certificate: &[u8], at: Option<DateTime<Utc>>) -> Option<bool> {
        if self.current.is_none() && self.pinned.is_none() {
            return None;
        }
        let by_current = self.current.as_ref().is_some_and(|root| {
            let at = at.unwrap_or(root.created_at);
            ca::issued_by(certificate, &root.certificate_der, at)
        });
        let by_pinned = match (&self.pinned, at) {
            (Some(pinned), Some(at)) => ca::issued_by(certificate, pinned, at),
            _ => false,
        };
        Some(by_current || by_pinned)
    }
}

/// Whether the presented PDF is, signature for signature, the register stored here: the
/// revision its last signature covers is that same revision of the stored PDF (the
/// first signed revision for a register signed once, the countersigned one after).
fn same_revisions(
    conn: &Connection,
    issued: &IssuedRegister,
    inspection: &Inspection,
    bytes: &[u8],
) -> Result<bool, AppError> {
    let Some(last) = inspection.signatures.len().checked_sub(1) else {
        return Ok(false);
    };
    let stored = registers::pdf(conn, issued.id)?.unwrap_or_default();
    let Ok(stored_inspection) = inspect::inspect(&stored) else {
        return Ok(false);
    };
    let presented = inspection.revision(bytes, last);
    Ok(presented.is_some() && presented == stored_inspection.revision(&stored, last))
}

/// The audit log still has, at the manifest's sequence, the hash the manifest names.
fn chain_holds(conn: &Connection, head: &audit::ChainHead) -> Result<bool, AppError> {
    let hash = if head.seq == 0 {
        Some(audit::GENESIS.to_owned())
    } else {
        audit::hash_at(conn, head.seq)?
    };
    Ok(hash.as_deref() == Some(head.hash.as_str()))
}

/// A signature's report, and whether its certificate counts for this bureau: any
/// while it has no root; after that, one the root issued, or another this database
/// recorded signing before the root existed.
struct Judged {
    report: SignatureReport,
    certified: bool,
}

fn report(
    conn: &Connection,
    inspected: &InspectedSignature,
    index: usize,
    last: bool,
    facts: Option<&ManifestFacts>,
    recorded: Option<Recorded>,
    roots: &Roots,
) -> Result<Judged, AppError> {
    let found = &inspected.found;
    let signed_at = parse_pdf_date(&found.signed_at);
    // The moment that counts is the one the issuing database recorded: never `/M` or
    // the CMS signing time, which the signer writes.
    let recorded_at = recorded.map(|r| r.at);
    let mut report = SignatureReport::of(inspected, index, last);
    report.recorded_at = recorded_at.map(|t| t.to_rfc3339());
    let Ok(signer) = &inspected.check else {
        let certified = roots.current.is_none() && roots.pinned.is_none();
        return Ok(Judged { report, certified });
    };
    report.from_bureau_root = roots.issued(&signer.certificate_der, recorded_at.or(signed_at));
    let certified = report.from_bureau_root.is_none_or(|from_root| from_root)
        || roots
            .current
            .as_ref()
            .is_some_and(|root| recorded_at.is_some_and(|at| at < root.created_at));
    // A profile's key here, or a certificate a directory bundle (or an accepted
    // bundle) brought.
    let Some(holder) = certificates::certificate_holder(conn, &signer.fingerprint)? else {
        return Ok(Judged { report, certified });
    };
    report.known_as = Some(holder.name.clone());
    report.revoked = match (
        profiles::revocation_time(holder.revoked_from.as_deref()),
        recorded_at,
    ) {
        (Some(from), Some(at)) => at >= from,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let seq = recorded.and_then(|r| r.seq);
    let then = authority::holder_then(conn, holder.official_id, seq)?;
    report.holder_role = then.as_ref().and_then(|t| t.role);
    if let Some(facts) = facts {
        report.authority = match &then {
            Some(then) => {
                let belongs = authority::belongs(conn, index, then, facts.department_id, seq)?;
                authority::fault(index, found, &then.name, then.role, belongs)
            }
            None => Some(AuthorityFault::WrongRole),
        };
    }
    Ok(Judged { report, certified })
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
