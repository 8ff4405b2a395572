//! Nothing committed is ever lost: not when the process is killed mid-write, not when
//! the disk is full.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{call, directory, open};
use qinqing::commands;
use qinqing::domain::ids::SeededEntropy;
use serde_json::{json, Value};

fn integrity_ok(db: &Path) {
    if !db.exists() {
        return; // killed before it created the file
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

fn audit_ok(db: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .arg("--db")
        .arg(db)
        .args(["audit", "verify", "--json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problems"], json!([]), "{report}");
    assert!(out.status.success());
}

/// Records in the database (0 when a writer was killed before the schema existed).
fn record_count(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let has_table: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'record'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if has_table == 0 {
        return 0;
    }
    conn.query_row("SELECT COUNT(*) FROM record", [], |r| r.get(0))
        .unwrap()
}

/// A writer in a child process is killed with SIGKILL at random moments, 200 times
/// (`QINQING_CRASH_RUNS=2000 cargo test --test integration durability::` for a longer soak).
/// After each kill the database opens, passes integrity_check and the audit check,
/// and holds every record whose commit the writer had reported.
#[test]
fn killed_writers_lose_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let mut rng = SeededEntropy::new(2026);
    let mut acknowledged_total = 0;
    let mut kills_mid_run = 0;
    let mut before = 0;
    let runs: u64 = std::env::var("QINQING_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
        .max(200);
    for run in 0..runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qinqing"))
            .arg("--db")
            .arg(&db)
            .args([
                "--lang",
                "en",
                "demo",
                "--records",
                "100000",
                "--batch",
                "3",
            ])
            .args(["--seed", &(run + 1).to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (commits, first_commit) = std::sync::mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            // "committed N/100000 records": the last N reported is what was acknowledged.
            let mut last = 0;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("committed ")
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|n| n.parse::<i64>().ok())
                {
                    last = n;
                    let _ = commits.send(());
                }
            }
            last
        });
        // A quarter of the kills land anywhere from start-up on (opening, migrating,
        // building the directory); the rest while records are being written, whatever
        // the start-up time of this build of the binary.
        if rng.below(4) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(150)));
        } else {
            let _ = first_commit.recv_timeout(Duration::from_secs(30));
            std::thread::sleep(Duration::from_millis(rng.below(40)));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        if !status.success() {
            kills_mid_run += 1;
        }
        let acknowledged = reader.join().unwrap();
        acknowledged_total += acknowledged;

        integrity_ok(&db);
        // Runs only add records, so this run's additions are the growth of the table.
        let present = if db.exists() { record_count(&db) } else { 0 };
        assert!(
            present - before >= acknowledged,
            "run {run}: {} records added, {acknowledged} acknowledged",
            present - before
        );
        before = present;
        if run % 20 == 19 {
            audit_ok(&db);
        }
    }
    audit_ok(&db);
    assert!(
        kills_mid_run >= 150,
        "most kills must land mid-run ({kills_mid_run})"
    );
    assert!(
        acknowledged_total > 0,
        "some writes must have been acknowledged"
    );
}

#[test]
fn a_full_database_refuses_the_write_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let pages: i64 = core
        .store()
        .reader()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    core.store()
        .reader()
        .pragma_update(None, "max_page_count", pages + 6)
        .unwrap();

    let mut acknowledged = Vec::new();
    let error = loop {
        let request = json!({"departmentId": d.department, "body": {"contact": {
            "date": "2026-03-08", "activity": "forum", "counterpartIds": [d.canteen],
            "officialIds": [d.officials[0]], "initiatedBy": "us",
            "purpose": format!("第{}次政企座谈会：{}", acknowledged.len(), "听取企业意见".repeat(40)),
            "outcome": "形成会议纪要"
        }}});
        match commands::dispatch(&core, "record_create", request) {
            Ok(created) => acknowledged.push(created["id"].clone()),
            Err(error) => break error,
        }
        assert!(acknowledged.len() < 10_000, "the cap never took effect");
    };
    let payload = error.to_payload(qinqing::i18n::Lang::En);
    assert_eq!(serde_json::to_value(&payload).unwrap()["code"], "storage");
    assert!(payload.message.contains("full"), "{}", payload.message);
    assert!(!acknowledged.is_empty());
    drop(core);

    integrity_ok(&db);
    audit_ok(&db);
    let core = open(&db);
    for id in &acknowledged {
        call(&core, "record_get", json!({"id": id}));
    }
    assert_eq!(
        call(
            &core,
            "record_totals",
            json!({"filter": {"kind": "contact"}})
        )["count"],
        acknowledged.len()
    );
}
