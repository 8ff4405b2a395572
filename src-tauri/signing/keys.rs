//! A person's key pair: issued with a self-signed certificate, kept encrypted under
//! their passphrase, unlocked only for the moment of signing.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use pkcs8::pkcs5::pbes2;
use rand_core::{CryptoRng, RngCore};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{DecodePublicKey, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::ca::BureauRoot;
use super::StatementSignature;

/// Self-signed certificates are valid this long; a bureau CA's replace them.
const VALIDITY_YEARS: u64 = 10;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// The passphrase does not open the key.
    #[error("the passphrase does not open this key")]
    WrongPassphrase,
    /// Stored key material that does not parse: a bug or an edited database.
    #[error("malformed key material: {0}")]
    Malformed(String),
    /// An imported key the app cannot sign with.
    #[error("unsupported key: {0:?}")]
    Unsupported(Unusable),
}

/// Why an imported key cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Not an ECDSA P-256 key (the curve PDF viewers verify; RSA, SM2… are refused).
    NotP256,
    /// The private key does not belong to the certificate it came with.
    NotItsCertificate,
    /// Offered as the bureau's root, but its certificate is not a certificate
    /// authority's (basic constraints CA, key usage keyCertSign).
    NotACertificateAuthority,
}

impl Unusable {
    /// What is wrong with the key file, said of the file ("holds …").
    pub fn message(self, lang: crate::i18n::Lang) -> String {
        match self {
            Unusable::NotP256 => lang.pick(
                "该文件中的密钥不能使用：仅支持 ECDSA P-256 密钥（PDF 阅读器可核验的签名）",
                "holds a key the app cannot use: only ECDSA P-256 keys (what PDF viewers verify)",
            ),
            Unusable::NotItsCertificate => lang.pick(
                "该文件中的私钥与证书不符",
                "holds a private key that does not belong to its certificate",
            ),
            Unusable::NotACertificateAuthority => lang.pick(
                "该文件中的证书不是证书签发机构（CA）的证书，不能作为本局根证书",
                "holds a certificate that is not a certificate authority's, so it cannot be the bureau's root",
            ),
        }
    }
}

/// Who a certificate is for, as printed in it.
pub struct Subject<'a> {
    pub name: &'a str,
    pub staff_no: &'a str,
    pub department: &'a str,
    pub bureau: &'a str,
    /// The role (`title`), in a certificate the bureau's root issues; empty otherwise.
    pub title: &'a str,
}

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

/// A PKCS#8 private key encrypted under `passphrase`, PEM.
pub(crate) fn encrypt_pkcs8(
    plain: &[u8],
    passphrase: &str,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<String, KeyError> {
    let info = p256::pkcs8::PrivateKeyInfo::try_from(plain).map_err(malformed)?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut iv);
    let params =
        pbes2::Parameters::scrypt_aes256cbc(kdf_params()?, &salt, &iv).map_err(malformed)?;
    let encrypted = info
        .encrypt_with_params(params, passphrase.as_bytes())
        .map_err(malformed)?;
    let pem = encrypted
        .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
        .map_err(malformed)?;
    Ok(pem.to_string())
}

/// scrypt with N = 2^16, r = 8: 64 MiB and about a fifth of a second a guess on an
/// office PC (`cargo bench --bench keys` prints it here) — as costly as the
/// passphrase's Argon2id hash beside it, so neither is the cheaper way in. Keys kept
/// with weaker parameters are re-encrypted at their holder's next sign-in
/// ([`is_weak`]).
const KDF_LOG_N: u8 = 16;

fn kdf_params() -> Result<pkcs8::pkcs5::scrypt::Params, KeyError> {
    pkcs8::pkcs5::scrypt::Params::new(KDF_LOG_N, 8, 1, 32).map_err(malformed)
}

/// Whether an encrypted key (PEM) is kept under weaker parameters than a new one
/// would be (or under a scheme this app does not write): time to re-encrypt it.
pub fn is_weak(encrypted_key: &str) -> bool {
    use pkcs8::pkcs5::{pbes2::Kdf, EncryptionScheme};
    let Ok((_, der)) = pkcs8::der::pem::decode_vec(encrypted_key.as_bytes()) else {
        return false;
    };
    let Ok(info) = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice()) else {
        return false;
    };
    match info.encryption_algorithm {
        EncryptionScheme::Pbes2(params) => match params.kdf {
            Kdf::Scrypt(scrypt) => {
                scrypt.cost_parameter < (1u64 << KDF_LOG_N) || scrypt.block_size < 8
            }
            _ => true,
        },
        _ => true,
    }
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
        let signature: DerSignature = self
            .signing
            .sign(&super::signed_bytes(&signed_at, statement));
        StatementSignature {
            key_fingerprint: self.fingerprint.clone(),
            signed_at,
            statement: statement.to_owned(),
            signature: base64::engine::general_purpose::STANDARD.encode(signature.as_bytes()),
        }
    }
}

/// The distinguished name a certificate gives `subject`.
pub(crate) fn name_of(subject: &Subject<'_>) -> Result<Name, KeyError> {
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

fn malformed(err: impl std::fmt::Display) -> KeyError {
    KeyError::Malformed(err.to_string())
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
