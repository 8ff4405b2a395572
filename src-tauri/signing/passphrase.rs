//! Passphrases: stored only as Argon2id hashes (PHC strings with their own salt).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand_core::{CryptoRng, RngCore};

/// Argon2id with 64 MiB and three passes: as costly to guess as the scrypt that keeps
/// the key beside it (see `keys::is_weak`); about a fifth of a second on an office PC.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;

fn argon2() -> Argon2<'static> {
    // The numbers are constants within Argon2's bounds: this cannot fail.
    let params = Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// At least this many characters (Chinese characters count one each).
pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// The stored form of a passphrase.
pub fn hash(passphrase: &str, rng: &mut (impl CryptoRng + RngCore)) -> Result<String, String> {
    let salt = SaltString::generate(rng);
    argon2()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| err.to_string())
}

/// Whether `passphrase` is the one `stored` was made from (with the parameters it was
/// made with). A malformed stored hash matches nothing.
pub fn matches(passphrase: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        argon2()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Whether `stored` was made with weaker parameters than a new hash would be: time to
/// hash the passphrase again (at the next sign-in, when it is known).
pub fn is_weak(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || params.m_cost() < MEMORY_KIB
        || params.t_cost() < PASSES
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
        assert!(stored.contains("m=65536,t=3"), "{stored}");
        assert!(!is_weak(&stored));
    }

    #[test]
    fn an_older_cheaper_hash_still_verifies_and_is_weak() {
        let salt = SaltString::generate(&mut rand_core::OsRng);
        let old = Argon2::default()
            .hash_password(b"old passphrase 1", &salt)
            .unwrap()
            .to_string();
        assert!(matches("old passphrase 1", &old));
        assert!(!matches("old passphrase 2", &old));
        assert!(is_weak(&old));
    }
}
