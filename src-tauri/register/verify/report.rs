//! What a verification says: the verdict, each signature's report and what was left
//! unchecked — and what the PDF alone says of its signatures, before anyone asks the
//! database or the bureau's root who made them.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::authority::AuthorityFault;
use super::records::RecordDifference;
use crate::domain::directory::{DepartmentId, OfficialRole};
use crate::register::pdf::inspect::{InspectedSignature, SignatureFault};
use crate::register::pdf::revisions::LaterChange;
use crate::register::slots::SignatureSlot;
use crate::signing::cms::CmsFault;
use crate::signing::keys;

/// What a verification leaves unchecked: without the database, or, for a register
/// another database issued, what its bundles did not show this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Unchecked {
    /// Whether the bureau issued this register (its registry of issued registers).
    Registry,
    /// Whether a signer's key was revoked when it signed (certificates are judged at
    /// the time the signer claims).
    Revocation,
    /// Whether the audit history the register was signed over still holds.
    History,
    /// Whether the records still stand as signed.
    Records,
    /// Whether the countersigning leader in charge is the one the department names
    /// (the certificate names a leader's role, not the departments they lead).
    DepartmentLeader,
}
impl Unchecked {
    pub const ALL: [Unchecked; 5] = [
        Unchecked::Registry,
        Unchecked::Revocation,
        Unchecked::History,
        Unchecked::Records,
        Unchecked::DepartmentLeader,
    ];
}

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
    pub department_id: Option<DepartmentId>,
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

impl SignatureReport {
    /// What the PDF alone says of the `index`-th signature: its words, whether it
    /// holds, and its certificate; who holds that certificate is the caller's to add.
    pub(super) fn of(inspected: &InspectedSignature, index: usize, last: bool) -> SignatureReport {
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
pub(super) fn document_verdict(
    signatures: &[SignatureReport],
    has_manifest: bool,
) -> Option<Verdict> {
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
