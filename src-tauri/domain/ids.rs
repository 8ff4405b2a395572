//! Record ids (UUID v7: time-ordered, unique across machines, so exchange bundles
//! merge), built from a clock reading and randomness that the caller passes in.

use chrono::{DateTime, Utc};
use uuid::{Builder, Uuid};

/// Where random bytes come from: the OS in the app, a seed in tests and demo data.
pub trait Entropy {
    fn fill(&mut self, bytes: &mut [u8]);
}

/// The operating system's randomness.
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        // The OS refusing randomness means the machine is unusable; no input causes it.
        getrandom::fill(bytes).expect("the operating system provides randomness");
    }
}

/// Deterministic randomness (SplitMix64) for tests and reproducible demo data.
#[derive(Debug, Clone)]
pub struct SeededEntropy(u64);

impl SeededEntropy {
    pub fn new(seed: u64) -> Self {
        SeededEntropy(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (bound > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
}

/// A new UUID v7 for an object created at `now`, as the id of whatever it names
/// (`RecordId`, `OfficialId`, a bare `Uuid`).
pub fn new_id<T: From<Uuid>>(now: DateTime<Utc>, entropy: &mut dyn Entropy) -> T {
    let mut random = [0u8; 10];
    entropy.fill(&mut random);
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    T::from(Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_v7_and_ordered_by_time() {
        let mut entropy = SeededEntropy::new(7);
        let early: Uuid = new_id(
            Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap(),
            &mut entropy,
        );
        let late: Uuid = new_id(
            Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 1).unwrap(),
            &mut entropy,
        );
        assert_eq!(early.get_version_num(), 7);
        assert!(early < late);
        assert!(
            early.to_string() < late.to_string(),
            "text order follows time too"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_ids() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let a: Uuid = new_id(now, &mut SeededEntropy::new(1));
        let b: Uuid = new_id(now, &mut SeededEntropy::new(1));
        let c: Uuid = new_id(now, &mut SeededEntropy::new(2));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn os_entropy_differs_between_calls() {
        let now = Utc::now();
        let (a, b): (Uuid, Uuid) = (new_id(now, &mut OsEntropy), new_id(now, &mut OsEntropy));
        assert_ne!(a, b);
    }
}
