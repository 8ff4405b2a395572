//! Passphrases: stored only as Argon2id hashes (PHC strings with their own salt).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::{CryptoRng, RngCore};

/// At least this many characters (Chinese characters count one each).
pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// The stored form of a passphrase.
pub fn hash(passphrase: &str, rng: &mut (impl CryptoRng + RngCore)) -> Result<String, String> {
    let salt = SaltString::generate(rng);
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| err.to_string())
}

/// Whether `passphrase` is the one `stored` was made from. A malformed stored hash
/// matches nothing.
pub fn matches(passphrase: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_same_passphrase_and_never_hold_it() {
        let stored = hash("清风正气 2026", &mut rand_core::OsRng).unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("清风正气"));
        assert!(matches("清风正气 2026", &stored));
        assert!(!matches("清风正气 2025", &stored));
        assert!(!matches("清风正气 2026", "not a hash"));
        let again = hash("清风正气 2026", &mut rand_core::OsRng).unwrap();
        assert_ne!(stored, again, "each hash has its own salt");
    }
}
