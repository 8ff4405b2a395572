//! The bureau's certificate authority: one root key and self-signed root certificate,
//! made by the first administrator (or imported from a CA's .p12), that issues every
//! profile's certificate. A superior or an inspector holding only the root certificate
//! can then check who signed a register — with `pdfsig`, pyHanko or `qinqing verify
//! --trust-root` — without this app's database.
//!
//! A profile certificate names the official (CN), their staff number (serialNumber),
//! department (OU), role (title) and the bureau (O); key usage digitalSignature and
//! nonRepudiation. The root key is kept encrypted like a profile key, once for each
//! administrator who holds it.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rand_core::{CryptoRng, RngCore};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::{PrintableStringRef, Utf8StringRef};
use x509_cert::der::oid::db::rfc4519;
use x509_cert::der::{Decode, DecodePem, Encode, EncodePem};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::at_rest;
use super::certificate::{self, Subject};
use super::key_error::{KeyError, Unusable};
use crate::domain::directory::OfficialRole;

const ROOT_VALIDITY_YEARS: u64 = 20;
const LEAF_VALIDITY_YEARS: u64 = 10;

/// The bureau's root key, opened for issuing certificates.
pub struct BureauRoot {
    signing: SigningKey,
    certificate_der: Vec<u8>,
}

impl std::fmt::Debug for BureauRoot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BureauRoot")
            .field(
                "fingerprint",
                &certificate::fingerprint(&self.certificate_der),
            )
            .finish_non_exhaustive()
    }
}

/// The title a certificate gives a role: what a reader of the certificate sees, and
/// what a verifier without the database reads back.
pub fn role_title(role: OfficialRole) -> &'static str {
    match role {
        OfficialRole::Staff => "科员",
        OfficialRole::Clerk => "登记员",
        OfficialRole::DepartmentHead => "处室负责人",
        OfficialRole::LeaderInCharge => "分管领导",
        OfficialRole::Inspector => "纪检审计",
        OfficialRole::Administrator => "管理员",
    }
}

fn role_of_title(title: &str) -> Option<OfficialRole> {
    OfficialRole::ALL
        .into_iter()
        .find(|r| role_title(*r) == title)
}

fn validity(now: DateTime<Utc>, years: u64) -> Result<Validity, KeyError> {
    let not_before = SystemTime::from(now);
    let not_after = not_before + Duration::from_secs(years * 365 * 24 * 3600);
    Ok(Validity {
        not_before: Time::try_from(not_before).map_err(malformed)?,
        not_after: Time::try_from(not_after).map_err(malformed)?,
    })
}

fn serial(rng: &mut (impl CryptoRng + RngCore)) -> Result<SerialNumber, KeyError> {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    bytes[0] &= 0x7f; // a positive INTEGER
    bytes[0] |= 0x01; // and no leading zero byte to strip
    SerialNumber::new(&bytes).map_err(malformed)
}

impl BureauRoot {
    /// A new root key and its self-signed CA certificate for `bureau`.
    pub fn create(
        bureau: &str,
        now: DateTime<Utc>,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Result<BureauRoot, KeyError> {
        let signing = SigningKey::random(rng);
        let name = certificate::name_of(&Subject {
            name: &format!("{bureau} 根证书"),
            staff_no: "",
            department: "",
            bureau,
            title: "",
        })?;
        let spki =
            SubjectPublicKeyInfoOwned::from_key(*signing.verifying_key()).map_err(malformed)?;
        let builder = CertificateBuilder::new(
            Profile::Root,
            serial(rng)?,
            validity(now, ROOT_VALIDITY_YEARS)?,
            name,
            spki,
            &signing,
        )
        .map_err(malformed)?;
        let certificate = builder.build::<DerSignature>().map_err(malformed)?;
        Ok(BureauRoot {
            certificate_der: certificate.to_der().map_err(malformed)?,
            signing,
        })
    }

    /// A CA key brought from a .p12: its PKCS#8 private key and its certificate, which
    /// must be a certificate authority's.
    pub fn import(
        private_key_pkcs8: &[u8],
        certificate_der: &[u8],
    ) -> Result<BureauRoot, KeyError> {
        let signing = SigningKey::from_pkcs8_der(private_key_pkcs8)
            .map_err(|_| KeyError::Unsupported(Unusable::NotP256))?;
        let public = certificate::verifying_key(certificate_der)
            .map_err(|_| KeyError::Unsupported(Unusable::NotP256))?;
        if public != *signing.verifying_key() {
            return Err(KeyError::Unsupported(Unusable::NotItsCertificate));
        }
        if !is_authority(certificate_der) {
            return Err(KeyError::Unsupported(Unusable::NotACertificateAuthority));
        }
        Ok(BureauRoot {
            signing,
            certificate_der: certificate_der.to_vec(),
        })
    }

    /// Opens a root key kept encrypted under an administrator's passphrase.
    pub fn unlock(
        encrypted_key: &str,
        certificate_der: &[u8],
        passphrase: &str,
    ) -> Result<BureauRoot, KeyError> {
        let signing = SigningKey::from_pkcs8_encrypted_pem(encrypted_key, passphrase.as_bytes())
            .map_err(|_| KeyError::WrongPassphrase)?;
        if certificate::verifying_key(certificate_der)? != *signing.verifying_key() {
            return Err(KeyError::Malformed(
                "the root key does not belong to its certificate".into(),
            ));
        }
        Ok(BureauRoot {
            signing,
            certificate_der: certificate_der.to_vec(),
        })
    }

    /// The root key encrypted under `passphrase` (one administrator's slot).
    pub fn wrap(
        &self,
        passphrase: &str,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Result<String, KeyError> {
        let der = self.signing.to_pkcs8_der().map_err(malformed)?;
        at_rest::encrypt_pkcs8(der.as_bytes(), passphrase, rng)
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub fn fingerprint(&self) -> String {
        certificate::fingerprint(&self.certificate_der)
    }

    /// Issues a certificate for `public` naming `subject`, valid from `now`.
    pub fn certify(
        &self,
        subject: &Subject<'_>,
        public: &VerifyingKey,
        now: DateTime<Utc>,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Result<Vec<u8>, KeyError> {
        let root = Certificate::from_der(&self.certificate_der).map_err(malformed)?;
        let profile = Profile::Leaf {
            issuer: root.tbs_certificate.subject,
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let spki = SubjectPublicKeyInfoOwned::from_key(*public).map_err(malformed)?;
        let builder = CertificateBuilder::new(
            profile,
            serial(rng)?,
            validity(now, LEAF_VALIDITY_YEARS)?,
            certificate::name_of(subject)?,
            spki,
            &self.signing,
        )
        .map_err(malformed)?;
        let certificate = builder.build::<DerSignature>().map_err(malformed)?;
        certificate.to_der().map_err(malformed)
    }
}

/// Whether a certificate may issue others: basic constraints CA, and key usage (when
/// present) allowing keyCertSign.
fn is_authority(certificate_der: &[u8]) -> bool {
    use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
    let Ok(certificate) = Certificate::from_der(certificate_der) else {
        return false;
    };
    let extensions = certificate.tbs_certificate.extensions.unwrap_or_default();
    let find = |oid| extensions.iter().find(|e| e.extn_id == oid);
    let ca = find(x509_cert::der::oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca);
    let signs = find(x509_cert::der::oid::db::rfc5280::ID_CE_KEY_USAGE)
        .map(|e| {
            KeyUsage::from_der(e.extn_value.as_bytes())
                .is_ok_and(|k| k.0.contains(KeyUsages::KeyCertSign))
        })
        .unwrap_or(true);
    ca && signs
}

/// Whether `certificate_der` was issued by the root `root_der` (its issuer is the
/// root's subject and the root's key signed it) and is valid at `at`.
pub fn issued_by(certificate_der: &[u8], root_der: &[u8], at: DateTime<Utc>) -> bool {
    let (Ok(leaf), Ok(root)) = (
        Certificate::from_der(certificate_der),
        Certificate::from_der(root_der),
    ) else {
        return false;
    };
    if leaf.tbs_certificate.issuer != root.tbs_certificate.subject || certificate_der == root_der {
        return false;
    }
    let Ok(root_key) = certificate::verifying_key(root_der) else {
        return false;
    };
    let Some(signature) = leaf
        .signature
        .as_bytes()
        .and_then(|b| DerSignature::from_bytes(b).ok())
    else {
        return false;
    };
    let Ok(tbs) = leaf.tbs_certificate.to_der() else {
        return false;
    };
    let validity = &leaf.tbs_certificate.validity;
    let at = SystemTime::from(at);
    root_key.verify(&tbs, &signature).is_ok()
        && validity.not_before.to_system_time() <= at
        && at <= validity.not_after.to_system_time()
}

/// Who a certificate names, as a verifier without the database reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedHolder {
    pub name: String,
    pub staff_no: String,
    pub department: String,
    pub role: Option<OfficialRole>,
}

impl CertifiedHolder {
    /// 姓名（工号）, as signatures write it.
    pub fn display(&self) -> String {
        format!("{}（{}）", self.name, self.staff_no)
    }
}

pub fn holder_of(certificate_der: &[u8]) -> Option<CertifiedHolder> {
    let certificate = Certificate::from_der(certificate_der).ok()?;
    let subject = &certificate.tbs_certificate.subject;
    let value = |oid| -> String {
        subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .find(|atv| atv.oid == oid)
            .and_then(|atv| {
                atv.value
                    .decode_as::<Utf8StringRef<'_>>()
                    .map(|s| s.as_str().to_owned())
                    .or_else(|_| {
                        atv.value
                            .decode_as::<PrintableStringRef<'_>>()
                            .map(|s| s.as_str().to_owned())
                    })
                    .ok()
            })
            .unwrap_or_default()
    };
    Some(CertifiedHolder {
        name: value(rfc4519::CN),
        staff_no: value(rfc4519::SERIAL_NUMBER),
        department: value(rfc4519::OU),
        role: role_of_title(&value(rfc4519::TITLE)),
    })
}

/// A certificate as PEM text (what Settings and `qinqing ca export` write).
pub fn to_pem(certificate_der: &[u8]) -> Result<String, KeyError> {
    Certificate::from_der(certificate_der)
        .map_err(malformed)?
        .to_pem(p256::pkcs8::LineEnding::LF)
        .map_err(malformed)
}

/// A certificate given as PEM or DER, as DER.
pub fn read_certificate(bytes: &[u8]) -> Result<Vec<u8>, KeyError> {
    let certificate = match Certificate::from_der(bytes) {
        Ok(certificate) => certificate,
        Err(_) => Certificate::from_pem(bytes).map_err(malformed)?,
    };
    certificate.to_der().map_err(malformed)
}

fn malformed(err: impl std::fmt::Display) -> KeyError {
    KeyError::Malformed(err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn subject<'a>(title: &'a str) -> Subject<'a> {
        Subject {
            name: "赵处长",
            staff_no: "A-04",
            department: "招商服务处",
            bureau: "沈阳市某局",
            title,
        }
    }

    #[test]
    fn the_root_issues_certificates_that_name_the_role_and_only_it_verifies_them() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let root = BureauRoot::create("沈阳市某局", now, &mut rand_core::OsRng).unwrap();
        let other = BureauRoot::create("沈阳市某局", now, &mut rand_core::OsRng).unwrap();
        let key = SigningKey::random(&mut rand_core::OsRng);
        let title = role_title(OfficialRole::DepartmentHead);
        let leaf = root
            .certify(
                &subject(title),
                key.verifying_key(),
                now,
                &mut rand_core::OsRng,
            )
            .unwrap();
        assert!(issued_by(&leaf, root.certificate_der(), now));
        // Another root with the same name did not issue it.
        assert!(!issued_by(&leaf, other.certificate_der(), now));
        // Not valid before it was issued.
        assert!(!issued_by(
            &leaf,
            root.certificate_der(),
            now - chrono::Duration::days(1)
        ));
        let holder = holder_of(&leaf).unwrap();
        assert_eq!(holder.display(), "赵处长（A-04）");
        assert_eq!(holder.department, "招商服务处");
        assert_eq!(holder.role, Some(OfficialRole::DepartmentHead));
        // A self-signed certificate is not issued by the root.
        assert!(!issued_by(
            root.certificate_der(),
            root.certificate_der(),
            now
        ));
    }

    #[test]
    fn the_root_key_opens_with_the_passphrase_it_was_wrapped_under() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        let root = BureauRoot::create("沈阳市某局", now, &mut rand_core::OsRng).unwrap();
        let wrapped = root
            .wrap("admin passphrase", &mut rand_core::OsRng)
            .unwrap();
        assert!(matches!(
            BureauRoot::unlock(&wrapped, root.certificate_der(), "wrong"),
            Err(KeyError::WrongPassphrase)
        ));
        let opened =
            BureauRoot::unlock(&wrapped, root.certificate_der(), "admin passphrase").unwrap();
        assert_eq!(opened.fingerprint(), root.fingerprint());
        let pem = to_pem(root.certificate_der()).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert_eq!(
            read_certificate(pem.as_bytes()).unwrap(),
            root.certificate_der()
        );
        assert_eq!(
            read_certificate(root.certificate_der()).unwrap(),
            root.certificate_der()
        );
    }
}
