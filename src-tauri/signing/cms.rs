//! Detached CMS signatures (RFC 5652 SignedData, PAdES B-B / CAdES style) over a
//! digest computed elsewhere: what a PDF signature field carries. Signed attributes
//! are the content type, the message digest, the signing time and the ESS
//! signing-certificate-v2 (which binds the certificate, as PAdES asks). The signing time
//! is the signer's claim, like the PDF's `/M`: verification judges revocation against
//! the time the database recorded the issuance, never against either.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, VerifyingKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use x509_cert::der::{Any, Decode, Encode, Reader, SliceReader, Tag, Tagged};
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;
use x509_cert::Certificate;

use super::keys::{self, UnlockedKey};

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// Why a CMS signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CmsFault {
    #[error("the signature is not a CMS SignedData structure: {0}")]
    Malformed(String),
    #[error("the signature does not carry exactly one signer with its certificate")]
    NoSigner,
    #[error("the signer's algorithms are not SHA-256 with ECDSA P-256")]
    Unsupported,
    #[error("the signed content digest does not match the document")]
    DigestMismatch,
    #[error("the signature value does not verify under the signer's certificate")]
    BadSignature,
}

fn malformed(e: impl std::fmt::Display) -> CmsFault {
    CmsFault::Malformed(e.to_string())
}

fn algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

fn attribute(oid: ObjectIdentifier, value_der: &[u8]) -> Result<Attribute, CmsFault> {
    let mut values = SetOfVec::new();
    values
        .insert(Any::from_der(value_der).map_err(malformed)?)
        .map_err(malformed)?;
    Ok(Attribute { oid, values })
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, with one
/// ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (SHA-256, the default).
fn signing_certificate_v2(certificate_der: &[u8]) -> Vec<u8> {
    let hash = Sha256::digest(certificate_der);
    let mut cert_id = vec![0x30, 34, 0x04, 32];
    cert_id.extend_from_slice(&hash);
    let mut certs = vec![0x30, cert_id.len() as u8];
    certs.extend(cert_id);
    let mut value = vec![0x30, certs.len() as u8];
    value.extend(certs);
    value
}

/// Signs `content_digest` (SHA-256 of the signed bytes) as a detached CMS SignedData,
/// DER. The certificate travels inside, so any reader can check it.
pub fn sign_detached(
    key: &UnlockedKey,
    content_digest: &[u8; 32],
    at: DateTime<Utc>,
) -> Result<Vec<u8>, CmsFault> {
    let certificate = Certificate::from_der(key.certificate_der()).map_err(malformed)?;
    let signing_time = Time::try_from(SystemTime::from(at))
        .and_then(|t| t.to_der())
        .map_err(malformed)?;
    let mut signed_attrs = SetOfVec::new();
    for attr in [
        attribute(ID_CONTENT_TYPE, &ID_DATA.to_der().map_err(malformed)?)?,
        attribute(ID_SIGNING_TIME, &signing_time)?,
        attribute(
            ID_MESSAGE_DIGEST,
            &OctetString::new(content_digest.to_vec())
                .and_then(|o| o.to_der())
                .map_err(malformed)?,
        )?,
        attribute(
            ID_SIGNING_CERTIFICATE_V2,
            &signing_certificate_v2(key.certificate_der()),
        )?,
    ] {
        signed_attrs.insert(attr).map_err(malformed)?;
    }
    // The signature covers the DER of the attributes as a SET (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der().map_err(malformed)?;
    let signature: DerSignature = key.signing_key().sign(&to_sign);
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: certificate.tbs_certificate.issuer.clone(),
            serial_number: certificate.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: algorithm(ID_SHA256),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm(ECDSA_WITH_SHA256),
        signature: OctetString::new(signature.as_bytes()).map_err(malformed)?,
        unsigned_attrs: None,
    };
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms
        .insert(algorithm(ID_SHA256))
        .map_err(malformed)?;
    let mut certificates = SetOfVec::new();
    certificates
        .insert(CertificateChoices::Certificate(certificate))
        .map_err(malformed)?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer).map_err(malformed)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

/// Who a CMS signature that holds was made by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsSigner {
    pub certificate_der: Vec<u8>,
    pub fingerprint: String,
    /// The signing-time attribute, when the signature carries one (the signer's claim).
    pub signing_time: Option<DateTime<Utc>>,
}

/// Checks a detached CMS signature against the digest of the content it claims to
/// sign. `der` may carry trailing zero padding (a PDF's `/Contents` is fixed-size).
pub fn verify_detached(der: &[u8], content_digest: &[u8; 32]) -> Result<CmsSigner, CmsFault> {
    let mut reader = SliceReader::new(der).map_err(malformed)?;
    let info: ContentInfo = reader.decode().map_err(malformed)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(CmsFault::Malformed("not signed data".into()));
    }
    let signed_data: SignedData = info.content.decode_as().map_err(malformed)?;
    let [signer] = signed_data.signer_infos.0.as_slice() else {
        return Err(CmsFault::NoSigner);
    };
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(CmsFault::NoSigner);
    };
    let certificate = signed_data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .find_map(|choice| match choice {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == sid.issuer
                    && c.tbs_certificate.serial_number == sid.serial_number =>
            {
                Some(c)
            }
            _ => None,
        })
        .ok_or(CmsFault::NoSigner)?;
    if signer.digest_alg.oid != ID_SHA256 || signer.signature_algorithm.oid != ECDSA_WITH_SHA256 {
        return Err(CmsFault::Unsupported);
    }
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or(CmsFault::DigestMismatch)?;
    let value_of = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.get(0))
    };
    let content_type = value_of(ID_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
        .ok_or(CmsFault::DigestMismatch)?;
    let signed_digest = value_of(ID_MESSAGE_DIGEST)
        .filter(|v| v.tag() == Tag::OctetString)
        .map(|v| v.value().to_vec())
        .ok_or(CmsFault::DigestMismatch)?;
    if content_type != ID_DATA || signed_digest != content_digest.as_slice() {
        return Err(CmsFault::DigestMismatch);
    }
    let signing_time = value_of(ID_SIGNING_TIME)
        .and_then(|v| v.to_der().ok())
        .and_then(|der| Time::from_der(&der).ok())
        .map(|t| DateTime::<Utc>::from(t.to_system_time()));
    let certificate_der = certificate.to_der().map_err(malformed)?;
    let public = keys::verifying_key(&certificate_der).map_err(|_| CmsFault::Unsupported)?;
    let signature = DerSignature::from_bytes(signer.signature.as_bytes())
        .map_err(|_| CmsFault::BadSignature)?;
    let signed = attrs.to_der().map_err(malformed)?;
    VerifyingKey::verify(&public, &signed, &signature).map_err(|_| CmsFault::BadSignature)?;
    Ok(CmsSigner {
        fingerprint: keys::fingerprint(&certificate_der),
        certificate_der,
        signing_time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::keys::{issue, unlock, Subject};
    use chrono::TimeZone;

    fn key() -> UnlockedKey {
        let mut rng = rand_core::OsRng;
        let now = chrono::Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
        let subject = Subject {
            name: "张伟",
            staff_no: "001",
            department: "招商服务处",
            bureau: "沈阳市某局",
            title: "",
        };
        let issued = issue(&subject, "pass phrase", now, &mut rng).unwrap();
        unlock(
            &issued.encrypted_key,
            &issued.certificate_der,
            "pass phrase",
        )
        .unwrap()
    }

    #[test]
    fn a_detached_signature_verifies_and_names_its_certificate() {
        let key = key();
        let digest: [u8; 32] = Sha256::digest(b"the register").into();
        let at = chrono::Utc.with_ymd_and_hms(2026, 7, 3, 8, 30, 0).unwrap();
        let mut der = sign_detached(&key, &digest, at).unwrap();
        der.extend([0u8; 64]); // the zero padding of a PDF's /Contents
        let signer = verify_detached(&der, &digest).unwrap();
        assert_eq!(signer.fingerprint, key.fingerprint());
        assert_eq!(signer.signing_time, Some(at));
    }

    #[test]
    fn another_digest_or_a_flipped_signature_fails() {
        let key = key();
        let digest: [u8; 32] = Sha256::digest(b"the register").into();
        let at = chrono::Utc.with_ymd_and_hms(2026, 7, 3, 8, 30, 0).unwrap();
        let der = sign_detached(&key, &digest, at).unwrap();
        let other: [u8; 32] = Sha256::digest(b"another register").into();
        assert_eq!(verify_detached(&der, &other), Err(CmsFault::DigestMismatch));
        // The signature value is the last element: its last byte is part of the
        // ECDSA integer s.
        let mut flipped = der.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x01;
        assert!(verify_detached(&flipped, &digest).is_err());
        assert!(verify_detached(b"not der", &digest).is_err());
    }
}
