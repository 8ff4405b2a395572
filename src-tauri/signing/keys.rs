//! A person's key pair: issued with a self-signed certificate, kept encrypted under
//! their passphrase, unlocked only for the moment of signing.

use std::time::{Duration, SystemTime};

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rand_core::{CryptoRng, RngCore};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::Encode;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

use super::at_rest::encrypt_pkcs8;
pub use super::at_rest::is_weak;
use super::ca::BureauRoot;
use super::certificate::name_of;
pub use super::certificate::{fingerprint, subject_of, verifying_key, Subject};
use super::key_error::malformed;
pub use super::key_error::{KeyError, Unusable};
use super::statement::{signed_bytes, StatementSignature};

/// Self-signed certificates are valid this long; a bureau CA's replace them.
const VALIDITY_YEARS: u64 = 10;

/// A newly issued key: the certificate anyone may see and the private key only the
/// passphrase opens.
#[derive(Debug, Clone)]
pub struct IssuedKey {
    pub certificate_der: Vec<u8>,
    pub fingerprint: String,
    /// Encrypted PKCS#8 (PBES2: scrypt + AES-256-CBC), PEM.
    pub encrypted_key: String,
}

/// Creates a key pair with a certificate from the bureau's root, valid from `now`.
pub fn issue_certified(
    subject: &Subject<'_>,
    passphrase: &str,
    root: &BureauRoot,
    now: DateTime<Utc>,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<IssuedKey, KeyError> {
    let signing = SigningKey::random(rng);
    let certificate_der = root.certify(subject, signing.verifying_key(), now, rng)?;
    Ok(IssuedKey {
        fingerprint: fingerprint(&certificate_der),
        encrypted_key: encrypt(&signing, passphrase, rng)?,
        certificate_der,
    })
}

/// Creates a key pair and its self-signed certificate, valid from `now`: for a
/// database that has no bureau root yet.
pub fn issue(
    subject: &Subject<'_>,
    passphrase: &str,
    now: DateTime<Utc>,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<IssuedKey, KeyError> {
    let signing = SigningKey::random(rng);
    let name = name_of(subject)?;
    let mut serial = [0u8; 16];
    rng.fill_bytes(&mut serial);
    serial[0] &= 0x7f; // a positive INTEGER
    let not_before = SystemTime::from(now);
    let not_after = not_before + Duration::from_secs(VALIDITY_YEARS * 365 * 24 * 3600);
    let validity = Validity {
        not_before: Time::try_from(not_before).map_err(malformed)?,
        not_after: Time::try_from(not_after).map_err(malformed)?,
    };
    let spki = SubjectPublicKeyInfoOwned::from_key(*signing.verifying_key()).map_err(malformed)?;
    let profile = Profile::Leaf {
        issuer: name.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let serial = SerialNumber::new(&serial).map_err(malformed)?;
    let builder = CertificateBuilder::new(profile, serial, validity, name, spki, &signing)
        .map_err(malformed)?;
    let certificate = builder.build::<DerSignature>().map_err(malformed)?;
    let certificate_der = certificate.to_der().map_err(malformed)?;
    Ok(IssuedKey {
        fingerprint: fingerprint(&certificate_der),
        encrypted_key: encrypt(&signing, passphrase, rng)?,
        certificate_der,
    })
}

/// Takes a key issued elsewhere (a bureau CA's, from a .p12): its PKCS#8 private key
/// and its certificate, kept encrypted under `passphrase` like an issued one.
pub fn import(
    private_key_pkcs8: &[u8],
    certificate_der: &[u8],
    passphrase: &str,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<IssuedKey, KeyError> {
    let signing = SigningKey::from_pkcs8_der(private_key_pkcs8)
        .map_err(|_| KeyError::Unsupported(Unusable::NotP256))?;
    let public =
        verifying_key(certificate_der).map_err(|_| KeyError::Unsupported(Unusable::NotP256))?;
    if public != *signing.verifying_key() {
        return Err(KeyError::Unsupported(Unusable::NotItsCertificate));
    }
    Ok(IssuedKey {
        fingerprint: fingerprint(certificate_der),
        encrypted_key: encrypt(&signing, passphrase, rng)?,
        certificate_der: certificate_der.to_vec(),
    })
}

fn encrypt(
    signing: &SigningKey,
    passphrase: &str,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<String, KeyError> {
    let plain = signing.to_pkcs8_der().map_err(malformed)?;
    encrypt_pkcs8(plain.as_bytes(), passphrase, rng)
}

/// A private key opened with its passphrase, for one signing.
pub struct UnlockedKey {
    signing: SigningKey,
    certificate_der: Vec<u8>,
    fingerprint: String,
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnlockedKey")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// Opens an encrypted key. The key must belong to `certificate_der` (a swapped key
/// in the database is refused, not used).
pub fn unlock(
    encrypted_key: &str,
    certificate_der: &[u8],
    passphrase: &str,
) -> Result<UnlockedKey, KeyError> {
    let signing = SigningKey::from_pkcs8_encrypted_pem(encrypted_key, passphrase.as_bytes())
        .map_err(|_| KeyError::WrongPassphrase)?;
    let public = verifying_key(certificate_der)?;
    if public != *signing.verifying_key() {
        return Err(KeyError::Malformed(
            "the key does not belong to its certificate".into(),
        ));
    }
    Ok(UnlockedKey {
        signing,
        certificate_der: certificate_der.to_vec(),
        fingerprint: fingerprint(certificate_der),
    })
}

/// The same key under a new passphrase (the certificate does not change).
pub fn rewrap(
    encrypted_key: &str,
    certificate_der: &[u8],
    old: &str,
    new: &str,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<String, KeyError> {
    let unlocked = unlock(encrypted_key, certificate_der, old)?;
    encrypt(&unlocked.signing, new, rng)
}

impl UnlockedKey {
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The certificate this key belongs to (DER).
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub(super) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Signs `statement` as made at `at`.
    pub fn sign(&self, statement: &str, at: DateTime<Utc>) -> StatementSignature {
        let signed_at = at.to_rfc3339_opts(SecondsFormat::Millis, true);
        let signature: DerSignature = self.signing.sign(&signed_bytes(&signed_at, statement));
        StatementSignature {
            key_fingerprint: self.fingerprint.clone(),
            signed_at,
            statement: statement.to_owned(),
            signature: base64::engine::general_purpose::STANDARD.encode(signature.as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::{verify, KnownCertificate, SignatureStatus};
    use chrono::TimeZone;

    fn subject() -> Subject<'static> {
        Subject {
            name: "张明, 科员",
            staff_no: "SY-0001",
            department: "招商一处",
            bureau: "沈阳市某局",
            title: "",
        }
    }

    #[test]
    fn an_issued_key_signs_and_its_certificate_verifies() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
        let key = issue(&subject(), "passphrase-1", now, &mut rand_core::OsRng).unwrap();
        assert!(key
            .encrypted_key
            .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assert_eq!(key.fingerprint.len(), 64);
        let shown = subject_of(&key.certificate_der).unwrap();
        assert!(shown.contains("张明\\, 科员"), "{shown}");
        assert!(shown.contains("OU=招商一处"), "{shown}");

        assert_eq!(
            unlock(&key.encrypted_key, &key.certificate_der, "wrong").unwrap_err(),
            KeyError::WrongPassphrase
        );
        let unlocked = unlock(&key.encrypted_key, &key.certificate_der, "passphrase-1").unwrap();
        let signed = unlocked.sign("{\"approve\":1}", now);
        let known = || {
            Some(KnownCertificate {
                der: &key.certificate_der,
                revoked_from: None,
            })
        };
        assert_eq!(verify(&signed, known()), SignatureStatus::Valid);
        let mut altered = signed.clone();
        altered.statement = "{\"approve\":2}".into();
        assert_eq!(verify(&altered, known()), SignatureStatus::Invalid);
        let mut redated = signed.clone();
        redated.signed_at = "2026-03-01T02:00:00.001Z".into();
        assert_eq!(verify(&redated, known()), SignatureStatus::Invalid);
        assert_eq!(verify(&signed, None), SignatureStatus::UnknownKey);
    }

    #[test]
    fn a_new_passphrase_opens_the_same_key_and_the_old_one_no_longer_does() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
        let key = issue(&subject(), "old passphrase", now, &mut rand_core::OsRng).unwrap();
        let rewrapped = rewrap(
            &key.encrypted_key,
            &key.certificate_der,
            "old passphrase",
            "new passphrase",
            &mut rand_core::OsRng,
        )
        .unwrap();
        assert!(unlock(&rewrapped, &key.certificate_der, "old passphrase").is_err());
        let unlocked = unlock(&rewrapped, &key.certificate_der, "new passphrase").unwrap();
        assert_eq!(unlocked.fingerprint(), key.fingerprint);
    }

    #[test]
    fn a_key_swapped_under_another_certificate_is_refused() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 2, 0, 0).unwrap();
        let a = issue(&subject(), "passphrase-a", now, &mut rand_core::OsRng).unwrap();
        let b = issue(&subject(), "passphrase-b", now, &mut rand_core::OsRng).unwrap();
        assert!(matches!(
            unlock(&a.encrypted_key, &b.certificate_der, "passphrase-a"),
            Err(KeyError::Malformed(_))
        ));
    }
}
