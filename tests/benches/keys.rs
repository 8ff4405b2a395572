//! What guarding a secret at rest costs on this machine: hashing and checking a
//! passphrase (Argon2id, 64 MiB, 3 passes), encrypting and opening a key (scrypt
//! N = 2^16, r = 8: 64 MiB) — each is also what one guess costs an attacker with the
//! file. Prints medians and peak memory; asserts nothing about time.
//!
//!   cargo bench --no-default-features --bench keys

use std::time::{Duration, Instant};

use qinqing::signing::keys::{self, Subject};
use qinqing::signing::passphrase;
use rand_core::OsRng;

const RUNS: usize = 9;
const PASSPHRASE: &str = "清风正气 bench 2026";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn timed<T>(f: impl Fn() -> T) -> (T, Duration) {
    let mut samples = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        samples.push(start.elapsed());
    }
    (last.unwrap(), median(samples))
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (hash, hashing) = timed(|| passphrase::hash(PASSPHRASE, &mut OsRng).unwrap());
    let (_, checking) = timed(|| assert!(passphrase::matches(PASSPHRASE, &hash)));
    let subject = Subject {
        name: "李明",
        staff_no: "A-02",
        department: "招商服务处",
        bureau: "示范区投资促进局",
        title: "",
    };
    let (issued, issuing) =
        timed(|| keys::issue(&subject, PASSPHRASE, chrono::Utc::now(), &mut OsRng).unwrap());
    let (_, unlocking) =
        timed(|| keys::unlock(&issued.encrypted_key, &issued.certificate_der, PASSPHRASE).unwrap());
    println!("keys at rest, median of {RUNS} runs");
    println!("  passphrase hash (Argon2id 64 MiB, t=3):  {}", ms(hashing));
    println!(
        "  passphrase check:                        {}",
        ms(checking)
    );
    println!("  key issue + encrypt (scrypt 2^16, r=8):  {}", ms(issuing));
    println!(
        "  key unlock:                              {}",
        ms(unlocking)
    );
    println!(
        "  a signing act (check + unlock):          {}",
        ms(checking + unlocking)
    );
}
