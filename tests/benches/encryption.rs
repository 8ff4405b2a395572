//! The encrypted store against the plain one, in one run, on the same large database:
//! a plain database (one from before encryption, with profiles) is copied and the copy
//! encrypted in place by an administrator's sign-in (timed: what the upgrade costs),
//! then the same lists and searches run on both. Prints figures and ratios; asserts
//! nothing about time.
//!
//!   QINQING_BENCH_DB=/path/plain.sqlite3 QINQING_BENCH_AS=SY0001 \
//!   QINQING_PASSPHRASE=demo-passphrase cargo bench --no-default-features --bench encryption
//!
//! (`qinqing --db /path/plain.sqlite3 demo --records 1000000 --profiles` made with a
//! version before encryption, or a plain copy from `store::cipher::copy_plain`.)

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use qinqing::commands;
use qinqing::core::{os_actor, Core};
use qinqing::gate::Gate;
use qinqing::paths::DataLocation;
use qinqing::store::vault::Protection;
use serde_json::{json, Value};

const RUNS: usize = 21;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(core: &Core, command: &str, request: &Value) -> Duration {
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        commands::dispatch(core, command, request.clone()).expect(command);
        samples.push(start.elapsed());
    }
    median(samples)
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}

/// The plain database opened and `who` signed in without `session_sign_in`, which
/// would encrypt it (the passphrase is checked on the encrypted copy).
fn signed_in_plain(gate: &Gate, who: &str) -> std::sync::Arc<Core> {
    let core = gate.core().expect("open");
    let profile = commands::session::find_profile(&core, who).expect("the profile");
    core.set_session(Some(profile));
    core
}

fn main() {
    let plain_db: PathBuf = std::env::var_os("QINQING_BENCH_DB")
        .map(PathBuf::from)
        .expect("QINQING_BENCH_DB: a plain database with profiles");
    let who = std::env::var("QINQING_BENCH_AS").expect("QINQING_BENCH_AS");
    let passphrase = std::env::var("QINQING_PASSPHRASE").expect("QINQING_PASSPHRASE");
    let encrypted_db = plain_db.with_extension("encrypted-copy.sqlite3");
    let keys = qinqing::store::keyslots::key_file_path(&encrypted_db);

    if !(encrypted_db.exists() && keys.exists()) {
        let _ = std::fs::remove_file(&keys);
        let start = Instant::now();
        copy(&plain_db, &encrypted_db);
        let copied = start.elapsed();
        let start = Instant::now();
        let gate = Gate::open(DataLocation::for_database(&encrypted_db), None, os_actor())
            .expect("open the copy");
        let core = gate.core().expect("open");
        let profile = commands::session::find_profile(&core, &who).expect("the profile");
        gate.sign_in(profile, &passphrase).expect("sign in");
        assert_eq!(
            core.protection(),
            Protection::Protected,
            "encrypted at sign-in"
        );
        println!(
            "copy {:.1} s; encryption in place at the administrator's sign-in: {:.1} s ({:.0} MiB)",
            copied.as_secs_f64(),
            start.elapsed().as_secs_f64(),
            std::fs::metadata(&encrypted_db)
                .map(|m| m.len())
                .unwrap_or(0) as f64
                / 1048576.0
        );
    }
    let plain_gate = Gate::open(DataLocation::for_database(&plain_db), None, os_actor())
        .expect("open the plain database");
    let plain = signed_in_plain(&plain_gate, &who);
    assert_eq!(
        plain.protection(),
        Protection::Plain,
        "the database is plain"
    );
    let encrypted_gate = Gate::open(DataLocation::for_database(&encrypted_db), None, os_actor())
        .expect("a locked gate");
    let profile = encrypted_gate.find_holder(&who).expect("a key slot");
    let start = Instant::now();
    let encrypted = encrypted_gate
        .sign_in(profile, &passphrase)
        .expect("unlock and sign in");
    println!(
        "unlock and sign in (key slot, passphrase check): {:.0} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    assert_eq!(encrypted.protection(), Protection::Protected);

    let department: String = plain
        .reader()
        .query_row("SELECT id FROM department ORDER BY name LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a department");
    let cases: Vec<(String, &str, Value)> = vec![
        (
            "page 1 of all records".into(),
            "record_list",
            json!({"limit": 50}),
        ),
        (
            "page 1 of one department".into(),
            "record_list",
            json!({"limit": 50, "filter": {"departmentId": department}}),
        ),
        (
            "jump to page 1,000".into(),
            "record_list",
            json!({"limit": 50, "page": 1000}),
        ),
        (
            "page 1 by amount, largest first".into(),
            "record_list",
            json!({"limit": 50, "filter": {"order": "amountDesc"}}),
        ),
        (
            "search “茶叶”".into(),
            "record_list",
            json!({"limit": 50, "filter": {"text": "茶叶"}}),
        ),
        (
            "search “食堂”".into(),
            "record_list",
            json!({"limit": 50, "filter": {"text": "食堂"}}),
        ),
        (
            "search “星辰”".into(),
            "record_list",
            json!({"limit": 50, "filter": {"text": "星辰"}}),
        ),
        (
            "search “SC12”".into(),
            "record_list",
            json!({"limit": 50, "filter": {"text": "SC12"}}),
        ),
        ("home summary".into(), "home_summary", json!({})),
    ];
    println!("median of {RUNS} runs, through the command dispatcher:");
    println!("  {:<34} {:>11} {:>11}  ratio", "", "plain", "encrypted");
    for (label, command, request) in &cases {
        // Warm both page caches alike, then measure.
        time(&plain, command, request);
        time(&encrypted, command, request);
        let p = time(&plain, command, request);
        let e = time(&encrypted, command, request);
        println!(
            "  {label:<34} {} {}  {:.2}",
            ms(p),
            ms(e),
            e.as_secs_f64() / p.as_secs_f64()
        );
    }
    println!(
        "(encrypted copy kept at {}; delete it with its .keys file)",
        encrypted_db.display()
    );
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy the database");
    for suffix in ["-wal", "-shm"] {
        let mut name = to.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}
