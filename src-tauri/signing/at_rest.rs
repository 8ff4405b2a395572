//! A private key at rest: encrypted PKCS#8 under its holder's passphrase.

use p256::pkcs8::LineEnding;
use pkcs8::pkcs5::pbes2;
use rand_core::{CryptoRng, RngCore};

use super::key_error::{malformed, KeyError};

/// A PKCS#8 private key encrypted under `passphrase`, PEM.
pub(super) fn encrypt_pkcs8(
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
