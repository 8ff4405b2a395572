//! What a certificate says: whom it names, its public key, its fingerprint.

use std::str::FromStr;

use p256::ecdsa::VerifyingKey;
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;
use x509_cert::spki::DecodePublicKey;
use x509_cert::Certificate;

use super::key_error::{malformed, KeyError};

/// Who a certificate is for, as printed in it.
pub struct Subject<'a> {
    pub name: &'a str,
    pub staff_no: &'a str,
    pub department: &'a str,
    pub bureau: &'a str,
    /// The role (`title`), in a certificate the bureau's root issues; empty otherwise.
    pub title: &'a str,
}

/// The certificate's identity: SHA-256 of its DER, lower-case hex.
pub fn fingerprint(der: &[u8]) -> String {
    crate::digest::sha256_hex(der)
}

/// The public key a certificate holds.
pub fn verifying_key(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    let certificate = Certificate::from_der(der).map_err(malformed)?;
    let spki = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(malformed)?;
    VerifyingKey::from_public_key_der(&spki).map_err(malformed)
}

/// The subject line of a certificate (`CN=…,OU=…`), for showing who it names.
pub fn subject_of(der: &[u8]) -> Result<String, KeyError> {
    let certificate = Certificate::from_der(der).map_err(malformed)?;
    Ok(certificate.tbs_certificate.subject.to_string())
}

/// The distinguished name a certificate gives `subject`.
pub(super) fn name_of(subject: &Subject<'_>) -> Result<Name, KeyError> {
    let mut parts = vec![format!("CN={}", escape(subject.name))];
    if !subject.staff_no.is_empty() {
        parts.push(format!("serialNumber={}", escape(subject.staff_no)));
    }
    if !subject.department.is_empty() {
        parts.push(format!("OU={}", escape(subject.department)));
    }
    if !subject.title.is_empty() {
        parts.push(format!("title={}", escape(subject.title)));
    }
    if !subject.bureau.is_empty() {
        parts.push(format!("O={}", escape(subject.bureau)));
    }
    parts.push("C=CN".into());
    Name::from_str(&parts.join(",")).map_err(malformed)
}

/// RFC 4514 escaping of the characters a distinguished name gives meaning to.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.trim().chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=')
            || (i == 0 && (c == '#' || c == ' '));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
