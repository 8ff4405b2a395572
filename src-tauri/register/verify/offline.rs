//! Verifying a register with nothing but the bureau's root certificate: on a superior's
//! or an inspector's machine that has no copy of this database. What the PDF and the
//! certificates show is checked as fully as with the database — each signature, what
//! was added after it, the manifest's form, that the root issued each certificate, and
//! that each certificate names the role its place needs (the head of the department
//! the manifest names, then a leader in charge). What only the database knows is said
//! to be unchecked, never assumed: whether the bureau issued this very register,
//! revocations, the audit history, and the records themselves.

use chrono::{DateTime, Utc};

use super::report::{
    document_verdict, parse_pdf_date, RegisterVerification, SignatureReport, Unchecked, Verdict,
};
use super::{authority, manifest_check};
use crate::digest::sha256_hex;
use crate::register::pdf::inspect::Inspection;
use crate::signing::ca;

/// Verifies an inspected register against the bureau's root certificate alone.
/// `now` is when a signature that claims no time is judged.
pub fn against_root(
    inspection: &Inspection,
    root_der: &[u8],
    now: DateTime<Utc>,
) -> RegisterVerification {
    let facts = inspection
        .manifest
        .as_deref()
        .and_then(manifest_check::read);
    let count = inspection.signatures.len();
    let signatures: Vec<SignatureReport> = inspection
        .signatures
        .iter()
        .enumerate()
        .map(|(index, inspected)| {
            let found = &inspected.found;
            let mut report = SignatureReport::of(inspected, index, index + 1 == count);
            let Ok(signer) = &inspected.check else {
                return report;
            };
            let claimed = signer
                .signing_time
                .or(parse_pdf_date(&found.signed_at))
                .unwrap_or(now);
            let from_root = ca::issued_by(&signer.certificate_der, root_der, claimed);
            report.from_bureau_root = Some(from_root);
            let Some(holder) = ca::holder_of(&signer.certificate_der).filter(|_| from_root) else {
                return report;
            };
            report.known_as = Some(holder.display());
            report.holder_role = holder.role;
            if let Some(facts) = &facts {
                report.authority = authority::fault(
                    index,
                    found,
                    &holder.display(),
                    holder.role,
                    // The certificate names the head's department; which departments a
                    // leader in charge leads only the directory knows.
                    index != 0 || holder.department == facts.department,
                );
            }
            report
        })
        .collect();
    let verdict = document_verdict(&signatures, facts.is_some()).unwrap_or_else(|| {
        if signatures.iter().any(|s| s.known_as.is_none()) {
            Verdict::UnknownSigner
        } else if signatures.iter().any(|s| s.authority.is_some()) {
            Verdict::WrongSigner
        } else {
            Verdict::Intact
        }
    });
    RegisterVerification {
        verdict,
        department_id: facts.as_ref().map(|f| f.department_id),
        department: facts.as_ref().map(|f| f.department.clone()),
        month: facts.as_ref().map(|f| f.month.clone()),
        manifest_sha256: inspection
            .manifest
            .as_deref()
            .map(|m| sha256_hex(m.as_bytes())),
        register_id: None,
        issued_by: None,
        pages: inspection.pages,
        signatures,
        entitled_signers: Vec::new(),
        differences: Vec::new(),
        unchecked: vec![
            Unchecked::Registry,
            Unchecked::Revocation,
            Unchecked::History,
            Unchecked::Records,
            Unchecked::DepartmentLeader,
        ],
    }
}
