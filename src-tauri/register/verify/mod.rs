//! Verifying a register against this database. `intact` means what the threat model
//! promises: the right people signed (the department's head, then a leader in charge,
//! as the directory had them when this database recorded each signature), with keys
//! not revoked at that moment; nothing but the countersignature was added after the
//! first signature; the embedded manifest is the one this database issued, over the
//! revision it stored; the audit chain still holds the head the manifest names; and
//! the records still stand as signed. Anything less has its own verdict.

mod authority;
pub mod manifest_check;
mod offline;
mod records;
pub mod source;
mod witnessed;
pub mod words;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::pdf::inspect::{self, InspectedSignature, Inspection, SignatureFault};
use super::pdf::revisions::LaterChange;
use super::slots::SignatureSlot;
use crate::digest::sha256_hex;
use crate::domain::directory::{Department, OfficialRole};
use crate::error::AppError;
use crate::signing::cms::CmsFault;
use crate::signing::{ca, keys};
use crate::store::bureau_root::{self, RootRow};
use crate::store::registers::{self, IssuedRegister};
use crate::store::{audit, certificates, directory, profiles};
use witnessed::{Elsewhere, History};

/// The most a register PDF (or a certificate to verify it with) may weigh: a year of
/// a large department's register is a few megabytes.
pub const MAX_PDF_BYTES: u64 = 64 << 20;
pub use authority::{may_countersign, AuthorityFault};
use manifest_check::ManifestFacts;
pub use offline::{against_root, Unchecked};
pub use records::{CarriedBy, RecordChange, RecordDifference};

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
    /// The document was changed after this signature by more than the next signature.
    ChangedAfter,
    /// The last signature does not reach the end of the file: bytes were appended.
    NotWholeDocument,
}
impl SignatureProblem {
    pub const ALL: [SignatureProblem; 5] = [
        SignatureProblem::Altered,
        SignatureProblem::Malformed,
        SignatureProblem::Unsupported,
        SignatureProblem::ChangedAfter,
        SignatureProblem::NotWholeDocument,
    ];
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureReport {
    /// 签署 or 会签, as written in the signature.
    pub reason: String,
    /// `/Name` of the signature: what the signer wrote, not who they are.
    pub signer: String,
    /// `/M`, ISO 8601 UTC when it parses: the signer's claim.
    pub signed_at: String,
    /// When this database recorded the signature (for a register it issued): the time
    /// revocation is judged against.
    #[ts(optional)]
    pub recorded_at: Option<String>,
    pub valid: bool,
    #[ts(optional)]
    pub problem: Option<SignatureProblem>,
    /// What was changed after this signature beyond the next signature.
    #[ts(optional)]
    pub later_change: Option<LaterChange>,
    pub covers_whole: bool,
    /// The certificate's subject and fingerprint (when the CMS could be read).
    #[ts(optional)]
    pub subject: Option<String>,
    #[ts(optional)]
    pub fingerprint: Option<String>,
    /// Who holds this certificate in this database's directory (姓名（工号）), if anyone.
    #[ts(optional)]
    pub known_as: Option<String>,
    /// The holder's role when the signature was recorded (or now).
    #[ts(optional)]
    pub holder_role: Option<OfficialRole>,
    /// The key was revoked when this signature was recorded (or, for a register this
    /// database did not issue, at all).
    pub revoked: bool,
    /// Whether the bureau's root issued the certificate (absent while the database
    /// has no root). A self-signed key still vouches for what this database recorded
    /// it signing before the root existed.
    #[ts(optional)]
    pub from_bureau_root: Option<bool>,
    /// The place this signature takes (签署 first, 会签 second), if a register has one.
    #[ts(optional)]
    pub slot: Option<SignatureSlot>,
    /// Why its signer had no authority to sign in that place.
    #[ts(optional)]
    pub authority: Option<AuthorityFault>,
}

/// The overall answer, first reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// The right people signed, nothing but the countersignature came after, this
    /// database issued exactly this register, its history holds and the records stand.
    Intact,
    /// No signature: a draft, or signatures removed.
    Unsigned,
    /// A signature does not hold, or bytes were appended after the last one.
    Tampered,
    /// The signatures hold, but something other than a countersignature (an
    /// annotation, a form field, a page…) was added or changed after signing.
    ChangedAfter,
    /// The PDF holds, but it carries no well-formed manifest.
    NoManifest,
    /// A signer's certificate is not one this database knows or the bureau's root
    /// issued, or its key was revoked when the signature was made.
    UnknownSigner,
    /// A known person signed, but not the one the signature's place needs (the head of
    /// the department, then a leader in charge), or not as a register is signed.
    WrongSigner,
    /// Well signed, but not a register this database issued: its manifest or its signed
    /// revision is not the one stored here (another bureau's, a draft, a copy altered
    /// and signed again).
    NotIssuedHere,
    /// The audit log no longer holds the chain head the register was signed over.
    HistoryRewritten,
    /// The PDF holds, and the database has changed since (see the differences).
    RecordsChanged,
}
impl Verdict {
    pub const ALL: [Verdict; 10] = [
        Verdict::Intact,
        Verdict::Unsigned,
        Verdict::Tampered,
        Verdict::ChangedAfter,
        Verdict::NoManifest,
        Verdict::UnknownSigner,
        Verdict::WrongSigner,
        Verdict::NotIssuedHere,
        Verdict::HistoryRewritten,
        Verdict::RecordsChanged,
    ];
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
    /// The issued register this database has for the manifest, if any (its own, or
    /// one another database issued and its bundles showed this one).
    #[ts(optional)]
    pub register_id: Option<Uuid>,
    /// The database that issued it, when not this one: known here through the audit
    /// rows its bundles carried.
    #[ts(optional)]
    pub issued_by: Option<String>,
    pub pages: u32,
    pub signatures: Vec<SignatureReport>,
    /// When a signer had no authority: who may sign in that place, as the directory
    /// stands.
    pub entitled_signers: Vec<String>,
    pub differences: Vec<RecordDifference>,
    /// What this verification could not check (one made with only the bureau's root
    /// certificate, without this database).
    pub unchecked: Vec<Unchecked>,
}

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

impl SignatureReport {
    /// What the PDF alone says of the `index`-th signature: its words, whether it
    /// holds, and its certificate; who holds that certificate is the caller's to add.
    fn of(inspected: &InspectedSignature, index: usize, last: bool) -> SignatureReport {
        let found = &inspected.found;
        let problem = problem_of(inspected, last);
        let signer = inspected.check.as_ref().ok();
        SignatureReport {
            reason: found.reason.clone(),
            signer: found.signer.clone(),
            signed_at: parse_pdf_date(&found.signed_at)
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|| found.signed_at.clone()),
            recorded_at: None,
            valid: problem.is_none(),
            problem,
            later_change: inspected.changed_after.clone(),
            covers_whole: inspected.covers_whole,
            subject: signer.and_then(|s| keys::subject_of(&s.certificate_der).ok()),
            fingerprint: signer.map(|s| s.fingerprint.clone()),
            known_as: None,
            holder_role: None,
            revoked: false,
            from_bureau_root: None,
            slot: SignatureSlot::at(index),
            authority: None,
        }
    }
}

/// What is wrong with a signature as a PDF signature, before asking who made it.
fn problem_of(inspected: &InspectedSignature, last: bool) -> Option<SignatureProblem> {
    match &inspected.check {
        Err(SignatureFault::ByteRange) | Err(SignatureFault::Cms(CmsFault::Malformed(_))) => {
            Some(SignatureProblem::Malformed)
        }
        Err(SignatureFault::Cms(CmsFault::NoSigner)) => Some(SignatureProblem::Malformed),
        Err(SignatureFault::Cms(CmsFault::Unsupported)) => Some(SignatureProblem::Unsupported),
        Err(SignatureFault::Cms(CmsFault::DigestMismatch | CmsFault::BadSignature)) => {
            Some(SignatureProblem::Altered)
        }
        Ok(_) if inspected.changed_after.is_some() => Some(SignatureProblem::ChangedAfter),
        Ok(_) if last && !inspected.covers_whole => Some(SignatureProblem::NotWholeDocument),
        Ok(_) => None,
    }
}

/// The verdict for what the signatures alone show (the first reasons of every
/// verification), or `None` when they hold and a manifest is there to go on with.
fn document_verdict(signatures: &[SignatureReport], has_manifest: bool) -> Option<Verdict> {
    if signatures.is_empty() {
        Some(Verdict::Unsigned)
    } else if signatures.iter().any(|s| {
        s.problem
            .is_some_and(|p| p != SignatureProblem::ChangedAfter)
    }) {
        Some(Verdict::Tampered)
    } else if signatures
        .iter()
        .any(|s| s.problem == Some(SignatureProblem::ChangedAfter))
    {
        Some(Verdict::ChangedAfter)
    } else if !has_manifest {
        Some(Verdict::NoManifest)
    } else {
        None
    }
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
