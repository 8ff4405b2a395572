//! The recovery key: 160 random bits that people hold as 8 groups of 4 base32
//! characters (printed once, kept by the bureau), wiped when dropped.

use rand_core::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// The random bytes of a recovery key: 160 bits, 32 characters of base32.
const RECOVERY_BYTES: usize = 20;

/// A recovery key as people hold it: 8 groups of 4 base32 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryKey(Zeroizing<Vec<u8>>);

impl RecoveryKey {
    pub fn generate(rng: &mut (impl CryptoRng + RngCore)) -> RecoveryKey {
        let mut bytes = Zeroizing::new(vec![0u8; RECOVERY_BYTES]);
        rng.fill_bytes(&mut bytes);
        RecoveryKey(bytes)
    }

    /// Reads a recovery key as typed or printed: case, spaces and dashes do not matter,
    /// and 0/1/8 read as O/I/B (base32 has no such digits).
    pub fn parse(text: &str) -> Option<RecoveryKey> {
        let mut bits: u64 = 0;
        let mut count = 0u32;
        let mut bytes = Zeroizing::new(Vec::with_capacity(RECOVERY_BYTES));
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                other => other,
            };
            let value = BASE32.iter().position(|&b| b as char == c)? as u64;
            bits = (bits << 5) | value;
            count += 5;
            if count >= 8 {
                count -= 8;
                bytes.push((bits >> count) as u8);
                bits &= (1 << count) - 1;
            }
        }
        (bytes.len() == RECOVERY_BYTES && bits == 0).then_some(RecoveryKey(bytes))
    }

    /// The key in groups of four: `ABCD-EFGH-…`.
    pub fn display(&self) -> Zeroizing<String> {
        let mut chars = Vec::with_capacity(32);
        let mut bits: u64 = 0;
        let mut count = 0u32;
        for &b in self.0.iter() {
            bits = (bits << 8) | u64::from(b);
            count += 8;
            while count >= 5 {
                count -= 5;
                chars.push(BASE32[((bits >> count) & 31) as usize] as char);
            }
            bits &= (1 << count) - 1;
        }
        let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
        Zeroizing::new(groups.join("-"))
    }

    /// The wrapping key: the recovery key is random, so one hash is enough.
    pub(super) fn wrapping_key(&self) -> Zeroizing<[u8; 32]> {
        let mut hasher = Sha256::new();
        hasher.update(b"qinqing recovery key v1\0");
        hasher.update(self.0.as_slice());
        Zeroizing::new(hasher.finalize().into())
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
