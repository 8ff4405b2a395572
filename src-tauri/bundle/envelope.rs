//! The bundle file: a first line naming the format and its version, a header line
//! with the signer's certificate and signature, then the payload (JSON) exactly as
//! signed. The signed statement binds the version, the payload's length and its
//! SHA-256, so a changed byte, a cut-off copy or a bumped version number all fail.

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::fault::BundleFault;
use crate::digest::sha256_hex;
use crate::signing::UnlockedKey;
use crate::signing::{self, keys, KnownCertificate, SignatureStatus, StatementSignature};

pub const MAGIC: &str = "QINQING-BUNDLE";
/// The format this app writes and the newest it reads. 2 added the payload's `chain`
/// (the source's audit rows since its previous export); version 1 bundles read as
/// carrying none. 3 added a directory bundle's `root` (the bureau root that issued its
/// signer's certificate); earlier directory bundles, carrying none, are refused. 4 added
/// the `checkpoints` over the carried rows (the registers the source issued verify at
/// the receiver); earlier bundles read as carrying none. 5 added the `recipient` to
/// the signed statement (the receiving bureau's bundle key a sealed bundle is
/// encrypted to, see `sealed`) and a directory bundle's `bundleKey`.
pub const FORMAT_VERSION: u32 = 5;
/// The largest bundle read: a year of a unit's records with their receipts fits.
pub const MAX_BYTES: u64 = 1024 * 1024 * 1024;
/// Longest header line (a certificate and a signature are a few KiB).
const MAX_HEADER: usize = 64 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Header {
    /// The signer's X.509 certificate, DER, base64.
    certificate: String,
    signature: StatementSignature,
}

/// What the signature commits to.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Statement {
    format: String,
    version: u32,
    payload_bytes: u64,
    payload_sha256: String,
    /// The fingerprint of the bundle key it is sealed to: signed, so a receiver can
    /// tell a bundle meant for it from one re-encrypted to it by another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recipient: Option<String>,
}

const FORMAT_NAME: &str = "qinqing-bundle";

/// A bundle file: `payload` signed by `key` at `at`, for the bundle key whose
/// fingerprint is `recipient` (when it will be sealed to one).
pub fn seal(
    payload: &[u8],
    key: &UnlockedKey,
    at: DateTime<Utc>,
    recipient: Option<&str>,
) -> Vec<u8> {
    let statement = Statement {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        payload_bytes: payload.len() as u64,
        payload_sha256: sha256_hex(payload),
        recipient: recipient.map(str::to_owned),
    };
    let statement = serde_json::to_string(&statement).expect("a statement serialises");
    let header = Header {
        certificate: base64::engine::general_purpose::STANDARD.encode(key.certificate_der()),
        signature: key.sign(&statement, at),
    };
    let header = serde_json::to_string(&header).expect("a header serialises");
    let mut out = Vec::with_capacity(payload.len() + header.len() + 32);
    out.extend_from_slice(format!("{MAGIC} {FORMAT_VERSION}\n").as_bytes());
    out.extend_from_slice(header.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload);
    out
}

/// A bundle whose signature verifies under the certificate it carries. Whether that
/// certificate is someone this database knows is the importer's question.
#[derive(Debug)]
pub struct Opened {
    pub certificate_der: Vec<u8>,
    pub fingerprint: String,
    pub signature: StatementSignature,
    pub payload: Vec<u8>,
    pub payload_sha256: String,
    /// The bundle key it was signed for (sealed to), if any.
    pub recipient: Option<String>,
}

impl Opened {
    /// The signer's certificate subject, for messages.
    pub fn subject(&self) -> String {
        keys::subject_of(&self.certificate_der).unwrap_or_default()
    }

    /// Checks the signature again under the certificate this database keeps for the
    /// fingerprint (`None`: unknown), with its revocation.
    pub fn trusted(&self, known: Option<KnownCertificate<'_>>) -> Result<(), BundleFault> {
        match signing::verify(&self.signature, known) {
            SignatureStatus::Valid => Ok(()),
            SignatureStatus::UnknownKey => Err(BundleFault::UnknownSigner {
                fingerprint: self.fingerprint.clone(),
                subject: self.subject(),
            }),
            SignatureStatus::Revoked => Err(BundleFault::SignerRevoked {
                subject: self.subject(),
            }),
            SignatureStatus::Invalid => Err(BundleFault::SignatureInvalid),
        }
    }
}

/// Reads a bundle file and checks its integrity and signature.
pub fn open(bytes: &[u8]) -> Result<Opened, BundleFault> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(BundleFault::TooLarge {
            max_mib: MAX_BYTES / (1024 * 1024),
        });
    }
    let (first, rest) = split_line(bytes, 64).ok_or(BundleFault::NotABundle)?;
    let version = std::str::from_utf8(first)
        .ok()
        .and_then(|line| line.strip_prefix(MAGIC))
        .and_then(|v| v.strip_prefix(' '))
        .ok_or(BundleFault::NotABundle)?;
    let version: u32 = version.parse().map_err(|_| BundleFault::NotABundle)?;
    if version > FORMAT_VERSION {
        return Err(BundleFault::TooNew {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version == 0 {
        return Err(malformed("version 0"));
    }
    let (header, payload) = split_line(rest, MAX_HEADER).ok_or(BundleFault::Truncated {
        expected: 0,
        found: 0,
    })?;
    let header: Header =
        serde_json::from_slice(header).map_err(|e| malformed(&format!("header: {e}")))?;
    let statement: Statement = serde_json::from_str(&header.signature.statement)
        .map_err(|e| malformed(&format!("statement: {e}")))?;
    if statement.format != FORMAT_NAME || statement.version != version {
        // The first line's version is not the one signed.
        return Err(BundleFault::Altered);
    }
    // Shorter than signed: cut off in copying, unless what is left is still whole
    // JSON — then something was taken out.
    let whole = || serde_json::from_slice::<serde::de::IgnoredAny>(payload).is_ok();
    if (payload.len() as u64) < statement.payload_bytes && !whole() {
        return Err(BundleFault::Truncated {
            expected: statement.payload_bytes,
            found: payload.len() as u64,
        });
    }
    let payload_sha256 = sha256_hex(payload);
    if payload.len() as u64 != statement.payload_bytes || payload_sha256 != statement.payload_sha256
    {
        return Err(BundleFault::Altered);
    }
    let certificate_der = base64::engine::general_purpose::STANDARD
        .decode(&header.certificate)
        .map_err(|e| malformed(&format!("certificate: {e}")))?;
    let fingerprint = keys::fingerprint(&certificate_der);
    let opened = Opened {
        certificate_der,
        fingerprint,
        signature: header.signature,
        payload: payload.to_vec(),
        payload_sha256,
        recipient: statement.recipient,
    };
    // Cryptographically sound under the certificate it carries; trust comes later.
    match signing::verify(
        &opened.signature,
        Some(KnownCertificate {
            der: &opened.certificate_der,
            revoked_from: None,
        }),
    ) {
        SignatureStatus::Valid => Ok(opened),
        _ => Err(BundleFault::SignatureInvalid),
    }
}

fn malformed(detail: &str) -> BundleFault {
    BundleFault::Malformed {
        detail: detail.to_owned(),
    }
}

/// The bytes before the first `\n` (within `max`) and those after it.
fn split_line(bytes: &[u8], max: usize) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().take(max).position(|b| *b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::keys::{issue, Subject};
    use rand_core::OsRng;

    fn key() -> UnlockedKey {
        let at = DateTime::parse_from_rfc3339("2026-03-01T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let subject = Subject {
            name: "张三",
            staff_no: "001",
            department: "办公室",
            bureau: "测试局",
            title: "",
        };
        let issued = issue(&subject, "a long passphrase", at, &mut OsRng).unwrap();
        keys::unlock(
            &issued.encrypted_key,
            &issued.certificate_der,
            "a long passphrase",
        )
        .unwrap()
    }

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_sealed_bundle_opens_to_its_payload() {
        let key = key();
        let file = seal(br#"{"records":[]}"#, &key, at(), None);
        let opened = open(&file).unwrap();
        assert_eq!(opened.payload, br#"{"records":[]}"#);
        assert_eq!(opened.fingerprint, key.fingerprint());
        assert!(file.starts_with(b"QINQING-BUNDLE 5\n"));
    }

    #[test]
    fn every_damage_is_refused_by_name() {
        let key = key();
        let file = seal(br#"{"records":[1,2,3]}"#, &key, at(), None);
        let payload_at = file.len() - br#"{"records":[1,2,3]}"#.len();
        // A changed payload byte.
        let mut changed = file.clone();
        changed[payload_at + 13] = b'9';
        assert_eq!(open(&changed).unwrap_err(), BundleFault::Altered);
        // Cut off.
        assert!(matches!(
            open(&file[..file.len() - 3]).unwrap_err(),
            BundleFault::Truncated {
                expected: 19,
                found: 16
            }
        ));
        // Bytes added.
        let mut longer = file.clone();
        longer.extend_from_slice(b" ");
        assert_eq!(open(&longer).unwrap_err(), BundleFault::Altered);
        // A newer format, and a version number changed down to ours.
        let newer = [b"QINQING-BUNDLE 6\n", &file[17..]].concat();
        assert_eq!(
            open(&newer).unwrap_err(),
            BundleFault::TooNew {
                found: 6,
                supported: 5
            }
        );
        assert_eq!(open(b"PK\x03\x04").unwrap_err(), BundleFault::NotABundle);
        assert_eq!(open(b"").unwrap_err(), BundleFault::NotABundle);
        // A header byte changed (inside the signature's base64).
        let text = String::from_utf8(file.clone()).unwrap();
        let sig_at = text.find("\"signature\":\"").unwrap() + 20;
        let mut forged = file.clone();
        forged[sig_at] = if forged[sig_at] == b'A' { b'B' } else { b'A' };
        assert!(open(&forged).is_err());
    }

    #[test]
    fn a_bundle_re_signed_by_another_key_names_that_key() {
        let file = seal(b"{}", &key(), at(), None);
        let opened = open(&file).unwrap();
        let other = key();
        // The database knows another certificate under this fingerprint: refused.
        let known = KnownCertificate {
            der: other.certificate_der(),
            revoked_from: None,
        };
        assert!(matches!(
            opened.trusted(Some(known)),
            Err(BundleFault::UnknownSigner { .. })
        ));
        assert!(matches!(
            opened.trusted(None),
            Err(BundleFault::UnknownSigner { .. })
        ));
        let revoked = KnownCertificate {
            der: &opened.certificate_der,
            revoked_from: Some(at() - chrono::Duration::days(1)),
        };
        assert!(matches!(
            opened.trusted(Some(revoked)),
            Err(BundleFault::SignerRevoked { .. })
        ));
    }
}
