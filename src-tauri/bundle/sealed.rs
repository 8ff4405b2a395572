//! A bundle sealed to its receiving bureau: the signed bundle (see `envelope`)
//! encrypted with HPKE (RFC 9180; DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
//! AES-256-GCM, base mode) to the hub's bundle key, so a bundle on a USB stick is
//! unreadable to anyone but the hub. Signed first, then encrypted; the recipient's key
//! is named in what was signed, so the hub cannot pass a bundle on, re-encrypted, as
//! if it had been meant for another.
//!
//! ```text
//! QINQING-SEALED 1\n
//! {"recipient": "<sha256 of the recipient's public key, hex>", "enc": "<base64>"}\n
//! <ciphertext of the signed bundle>
//! ```
//!
//! The first two lines are the AEAD's additional data: changing the recipient or the
//! encapsulated key fails the decryption like a changed ciphertext byte.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hpke::aead::AesGcm256;
use hpke::kdf::HkdfSha256;
use hpke::kem::DhP256HkdfSha256;
use hpke::{Deserializable, Kem as _, OpModeR, OpModeS, Serializable};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::BundleFault;
use crate::digest::sha256_hex;

type Kem = DhP256HkdfSha256;

pub const SEALED_MAGIC: &str = "QINQING-SEALED";
const SEALED_VERSION: u32 = 1;
/// HPKE's `info`: binds the key schedule to this use.
const INFO: &[u8] = b"qinqing-bundle sealed v1";
const MAX_HEADER: usize = 4 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Header {
    recipient: String,
    enc: String,
}

/// A bureau's bundle key pair: the private key stays in its database.
pub struct BundleKey {
    private: Zeroizing<Vec<u8>>,
    public: Vec<u8>,
}

impl std::fmt::Debug for BundleKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BundleKey")
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

impl BundleKey {
    pub fn generate(rng: &mut (impl CryptoRng + RngCore)) -> BundleKey {
        let (private, public) = Kem::gen_keypair(rng);
        BundleKey {
            private: Zeroizing::new(private.to_bytes().to_vec()),
            public: public.to_bytes().to_vec(),
        }
    }

    /// The stored form's parts, as [`BundleKey::from_parts`] takes them back.
    pub fn private_bytes(&self) -> &[u8] {
        &self.private
    }

    pub fn public_bytes(&self) -> &[u8] {
        &self.public
    }

    /// A stored key pair; `None` when the bytes are not a P-256 key pair.
    pub fn from_parts(private: &[u8], public: &[u8]) -> Option<BundleKey> {
        let sk = <Kem as hpke::Kem>::PrivateKey::from_bytes(private).ok()?;
        let pk = <Kem as hpke::Kem>::PublicKey::from_bytes(public).ok()?;
        (Kem::sk_to_pk(&sk) == pk).then(|| BundleKey {
            private: Zeroizing::new(private.to_vec()),
            public: public.to_vec(),
        })
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public)
    }
}

/// Whether `bytes` are a P-256 public key (SEC1), as a bundle key must be.
pub fn is_public_key(bytes: &[u8]) -> bool {
    <Kem as hpke::Kem>::PublicKey::from_bytes(bytes).is_ok()
}

/// How a recipient's public key is named: the SHA-256 of its bytes (SEC1, hex).
pub fn fingerprint(public: &[u8]) -> String {
    sha256_hex(public)
}

/// Whether `bytes` are a sealed bundle (by its first line).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(format!("{SEALED_MAGIC} ").as_bytes())
}

/// Encrypts the signed bundle `inner` to the recipient's public key.
pub fn seal(
    recipient_public: &[u8],
    inner: &[u8],
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<Vec<u8>, BundleFault> {
    let pk = <Kem as hpke::Kem>::PublicKey::from_bytes(recipient_public).map_err(|_| {
        BundleFault::Malformed {
            detail: "the receiving bureau's bundle key is not a P-256 public key".into(),
        }
    })?;
    // The additional data is the first two lines, which name the encapsulated key;
    // HPKE's single-shot API makes it before sealing, so set up first.
    let (encapped, mut context) =
        hpke::setup_sender::<AesGcm256, HkdfSha256, Kem, _>(&OpModeS::Base, &pk, INFO, rng)
            .map_err(|e| BundleFault::Malformed {
                detail: format!("encryption: {e}"),
            })?;
    let header = serde_json::to_string(&Header {
        recipient: fingerprint(recipient_public),
        enc: B64.encode(encapped.to_bytes()),
    })
    .expect("a header serialises");
    let mut out = format!("{SEALED_MAGIC} {SEALED_VERSION}\n{header}\n").into_bytes();
    let aad = out.clone();
    let ciphertext = context
        .seal(inner, &aad)
        .map_err(|e| BundleFault::Malformed {
            detail: format!("encryption: {e}"),
        })?;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// The recipient a sealed bundle names (read before anything is decrypted).
pub fn recipient_of(bytes: &[u8]) -> Result<String, BundleFault> {
    Ok(parse(bytes)?.0.recipient)
}

fn parse(bytes: &[u8]) -> Result<(Header, usize), BundleFault> {
    let first_end = bytes
        .iter()
        .take(64)
        .position(|b| *b == b'\n')
        .ok_or(BundleFault::NotABundle)?;
    let version = std::str::from_utf8(&bytes[..first_end])
        .ok()
        .and_then(|l| l.strip_prefix(SEALED_MAGIC))
        .and_then(|v| v.strip_prefix(' '))
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or(BundleFault::NotABundle)?;
    if version > SEALED_VERSION {
        return Err(BundleFault::TooNew {
            found: version,
            supported: SEALED_VERSION,
        });
    }
    let rest = &bytes[first_end + 1..];
    let header_end = rest
        .iter()
        .take(MAX_HEADER)
        .position(|b| *b == b'\n')
        .ok_or(BundleFault::Truncated {
            expected: 0,
            found: 0,
        })?;
    let header: Header =
        serde_json::from_slice(&rest[..header_end]).map_err(|e| BundleFault::Malformed {
            detail: format!("sealed header: {e}"),
        })?;
    Ok((header, first_end + 1 + header_end + 1))
}

/// Decrypts a sealed bundle with this bureau's key: the signed bundle inside. A bundle
/// sealed to another key is refused naming it; a changed byte anywhere is `Altered`.
pub fn open(bytes: &[u8], key: Option<&BundleKey>) -> Result<Vec<u8>, BundleFault> {
    let (header, body) = parse(bytes)?;
    let Some(key) = key.filter(|k| k.fingerprint() == header.recipient) else {
        return Err(BundleFault::NotForThisBureau {
            recipient: header.recipient,
        });
    };
    let sk = <Kem as hpke::Kem>::PrivateKey::from_bytes(&key.private).map_err(|_| {
        BundleFault::Malformed {
            detail: "this bureau's bundle key is damaged".into(),
        }
    })?;
    let encapped = B64
        .decode(&header.enc)
        .ok()
        .and_then(|e| <Kem as hpke::Kem>::EncappedKey::from_bytes(&e).ok())
        .ok_or(BundleFault::Altered)?;
    let mut context =
        hpke::setup_receiver::<AesGcm256, HkdfSha256, Kem>(&OpModeR::Base, &sk, &encapped, INFO)
            .map_err(|_| BundleFault::Altered)?;
    context
        .open(&bytes[body..], &bytes[..body])
        .map_err(|_| BundleFault::Altered)
}
