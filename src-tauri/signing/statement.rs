//! A signed statement and its verification against the certificate it names.

use base64::Engine;
use chrono::{DateTime, Utc};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::certificate::{fingerprint, verifying_key};

/// A signature over a statement, as stored beside what it commits to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementSignature {
    /// The signing key's certificate fingerprint (SHA-256 of its DER, hex).
    pub key_fingerprint: String,
    /// When it was signed (UTC, RFC 3339): a key revoked later still vouches for it.
    pub signed_at: String,
    /// The exact statement signed (canonical JSON).
    pub statement: String,
    /// ECDSA P-256 / SHA-256, DER, base64.
    pub signature: String,
}

/// What checking a signature found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SignatureStatus {
    Valid,
    /// The bytes do not verify under the certificate's key.
    Invalid,
    /// No certificate with that fingerprint is in the directory.
    UnknownKey,
    /// Signed after the key was revoked.
    Revoked,
}

/// A certificate as the directory keeps it, for verification.
pub struct KnownCertificate<'a> {
    pub der: &'a [u8],
    pub revoked_from: Option<DateTime<Utc>>,
}

/// Checks `signed` against the certificate it names (`None` when the directory has no
/// certificate with that fingerprint). A signature made before the key's revocation
/// still verifies; one dated at or after it does not.
pub fn verify(signed: &StatementSignature, known: Option<KnownCertificate<'_>>) -> SignatureStatus {
    let Some(known) = known else {
        return SignatureStatus::UnknownKey;
    };
    if fingerprint(known.der) != signed.key_fingerprint {
        return SignatureStatus::UnknownKey;
    }
    let Ok(key) = verifying_key(known.der) else {
        return SignatureStatus::Invalid;
    };
    if !verifies(&key, signed) {
        return SignatureStatus::Invalid;
    }
    let signed_at = DateTime::parse_from_rfc3339(&signed.signed_at).map(|t| t.with_timezone(&Utc));
    match (signed_at, known.revoked_from) {
        (Err(_), _) => SignatureStatus::Invalid,
        (Ok(at), Some(revoked)) if at >= revoked => SignatureStatus::Revoked,
        _ => SignatureStatus::Valid,
    }
}

/// The time and the statement are both inside what is signed, so neither can be
/// moved to another signature.
pub(super) fn signed_bytes(signed_at: &str, statement: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(signed_at.len() + statement.len() + 1);
    bytes.extend_from_slice(signed_at.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(statement.as_bytes());
    bytes
}

fn verifies(key: &VerifyingKey, signed: &StatementSignature) -> bool {
    let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&signed.signature) else {
        return false;
    };
    let Ok(signature) = DerSignature::try_from(der.as_slice()) else {
        return false;
    };
    key.verify(
        &signed_bytes(&signed.signed_at, &signed.statement),
        &signature,
    )
    .is_ok()
}
