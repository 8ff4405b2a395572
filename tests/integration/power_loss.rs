//! The power fails at a random write, not just a killed process: a child process runs
//! the app over a VFS (`common::faulty_vfs`) that, at the chosen write, leaves every
//! file as it was last synced plus a random subset of what was written since, and dies.
//! Reopened with the ordinary VFS, the database passes integrity_check and the audit
//! check and holds every record whose commit was acknowledged. The same child can fail
//! one chosen write with an I/O error during a register signing and a bundle import:
//! each either goes through whole or is refused leaving the database as it was.
//!
//! `QINQING_POWER_LOSS_RUNS` (default 24 in `make test`) and `QINQING_IO_ERROR_STEP`
//! (default 5: every fifth write; 1 tries every one) run it longer (`make soak`).

use std::path::Path;
use std::process::Command;

use qinqing::domain::ids::SeededEntropy;
use serde_json::{json, Value};

use crate::common::faulty_vfs::{self, Plan};
use crate::common::{call, directory, dump, open};
use crate::durability::{all_or_nothing, april_bundle, audit_ok, integrity_ok};

const WORKER: &str = "QINQING_FAULT_WORKER";

/// Records the power-loss writer commits, one transaction each.
const RECORDS: usize = 30;

/// Runs this test binary's `test` in a child process with `spec` for the worker;
/// returns its output lines and whether it ended normally.
fn child(test: &str, spec: &str) -> (Vec<String>, bool) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            test,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WORKER, spec)
        .output()
        .unwrap();
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    // What a failing worker said, for the parent's message.
    lines.extend(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .map(|l| format!("stderr: {l}")),
    );
    (lines, out.status.success())
}

fn values<'a>(lines: &'a [String], tag: &str) -> impl Iterator<Item = &'a str> + 'a {
    // The harness may have begun the line ("test … ... ").
    let tag = format!("{tag} ");
    lines
        .iter()
        .filter_map(move |l| l.find(tag.as_str()).map(|at| &l[at + tag.len()..]))
}

/// The writer: runs under the faulty VFS with the plan in its environment, reporting
/// each acknowledged record (`ACK id`) and the writes counted (`READY n`, `WRITES n`).
#[test]
#[ignore = "run by power_loss::the_power_fails_at_a_random_write in a child process"]
fn power_loss_writer() {
    let Ok(spec) = std::env::var(WORKER) else {
        return;
    };
    let [dir, at, seed]: [&str; 3] = spec.split('|').collect::<Vec<_>>().try_into().unwrap();
    let (at, seed): (u64, u64) = (at.parse().unwrap(), seed.parse().unwrap());
    faulty_vfs::install();
    let dir = Path::new(dir);
    faulty_vfs::plan(
        dir,
        if at == 0 {
            Plan::Count
        } else {
            Plan::PowerLoss { at, seed }
        },
    );
    let core = open(&dir.join("q.sqlite3"));
    let d = directory(&core);
    println!("READY {}", faulty_vfs::writes());
    for i in 0..RECORDS {
        let record = call(
            &core,
            "record_create",
            json!({"departmentId": d.department, "body": {"meal": {
                "date": "2026-03-02", "mode": "canteenMeal", "counterpartId": d.canteen,
                "place": format!("职工食堂 {i}"), "officialIds": [d.officials[0]],
                "enterpriseDiners": 1, "perPersonStandard": 1500, "amountPaid": 1500,
                "receiptNo": format!("SC-{i}"), "cigarettes": false, "premiumLiquor": false,
                "otherAlcohol": false
            }}}),
        );
        println!("ACK {}", record["id"].as_str().unwrap());
    }
    drop(core);
    println!("WRITES {}", faulty_vfs::writes());
}

fn runs() -> u64 {
    std::env::var("QINQING_POWER_LOSS_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

#[test]
fn the_power_fails_at_a_random_write_and_nothing_acknowledged_is_lost() {
    let writer = "power_loss::power_loss_writer";
    // A full run first, to learn how many writes there are and where records begin.
    let calibration = tempfile::tempdir().unwrap();
    let (lines, ok) = child(writer, &format!("{}|0|0", calibration.path().display()));
    assert!(ok, "the writer fails without faults: {lines:?}");
    let ready: u64 = values(&lines, "READY").next().unwrap().parse().unwrap();
    let total: u64 = values(&lines, "WRITES").next().unwrap().parse().unwrap();
    assert_eq!(values(&lines, "ACK").count(), RECORDS);
    assert!(total > ready + RECORDS as u64, "{ready} → {total}");

    let mut rng = SeededEntropy::new(20_261_203);
    let (mut died, mut acknowledged_total) = (0, 0);
    for run in 0..runs() {
        // A quarter anywhere from creating the file on; the rest among the records.
        let at = if run % 4 == 0 {
            1 + rng.below(total)
        } else {
            ready + 1 + rng.below(total - ready)
        };
        let dir = tempfile::tempdir().unwrap();
        let (lines, ok) = child(
            writer,
            &format!("{}|{at}|{}", dir.path().display(), run + 1),
        );
        died += usize::from(!ok);
        let db = dir.path().join("q.sqlite3");
        integrity_ok(&db);
        let acknowledged: Vec<&str> = values(&lines, "ACK").collect();
        acknowledged_total += acknowledged.len();
        if !acknowledged.is_empty() {
            let conn = crate::common::raw(&db).unwrap();
            for id in &acknowledged {
                let present: i64 = conn
                    .query_row("SELECT count(*) FROM record WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(
                    present, 1,
                    "run {run} (write {at}): record {id} acknowledged, lost"
                );
            }
        }
        if db.exists() {
            audit_ok(&db);
        }
    }
    assert!(
        died as u64 >= runs() * 3 / 4,
        "the power must fail mid-run ({died} of {})",
        runs()
    );
    assert!(acknowledged_total > 0);
    eprintln!(
        "power loss: {} runs, {died} died mid-write, {acknowledged_total} acknowledged records all present",
        runs()
    );
}

fn io_error_step() -> u64 {
    std::env::var("QINQING_IO_ERROR_STEP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1)
}

/// The I/O-error worker: a register signing and a bundle import, each on fresh copies
/// of one bureau with write 1, 1 + step, 1 + 2·step … failing, until one goes through
/// with the fault never reached. Reports `TRIED act n failed f`.
#[test]
#[ignore = "run by power_loss::an_io_error_at_any_write in a child process"]
fn io_error_worker() {
    use crate::register_sign::{approved_meal, sign};
    let Ok(step) = std::env::var(WORKER) else {
        return;
    };
    let step: u64 = step.parse().unwrap();
    faulty_vfs::install();
    let b = crate::common::bureau::bureau();
    approved_meal(&b, "2026-03-02");
    let scratch = tempfile::tempdir().unwrap();
    let bundle = april_bundle(&b, scratch.path());
    let pdf = scratch.path().join("2026-03.pdf");
    for import in [false, true] {
        let (mut tried, mut failed) = (0, 0);
        let mut at = 1;
        loop {
            let copy = b.copy();
            let before = dump(&copy.db);
            let _ = std::fs::remove_file(&pdf);
            faulty_vfs::plan(copy.db.parent().unwrap(), Plan::FailWrite { at });
            let outcome = if import {
                copy.try_call("bundle_import", json!({"path": bundle.to_string_lossy()}))
            } else {
                sign(&copy, &pdf)
            };
            let reached = faulty_vfs::writes() >= at;
            faulty_vfs::plan(Path::new("/nonexistent"), Plan::Count);
            tried += 1;
            match outcome {
                Ok(_) => {
                    let (done, consistent) = all_or_nothing(&copy.db, import);
                    assert!(done && consistent, "write {at}: acknowledged but not whole");
                    integrity_ok(&copy.db);
                    if !reached {
                        break;
                    }
                }
                Err(error) => {
                    let payload: Value =
                        serde_json::to_value(error.to_payload(qinqing::i18n::Lang::En)).unwrap();
                    assert_eq!(payload["code"], "storage", "write {at}: {payload}");
                    assert!(
                        dump(&copy.db) == before,
                        "write {at}: refused but half done"
                    );
                    assert!(
                        import || !pdf.exists(),
                        "write {at}: a PDF of a refused signing"
                    );
                    integrity_ok(&copy.db);
                    failed += 1;
                }
            }
            at += step;
            assert!(at < 100_000, "the act never went through");
        }
        println!(
            "TRIED {} {tried} failed {failed}",
            if import { "import" } else { "signing" }
        );
    }
}

#[test]
fn an_io_error_at_any_write_of_a_signing_or_an_import_leaves_nothing_half_done() {
    let (lines, ok) = child("power_loss::io_error_worker", &io_error_step().to_string());
    assert!(ok, "the I/O-error worker failed: {lines:?}");
    let tried: Vec<&str> = values(&lines, "TRIED").collect();
    assert_eq!(tried.len(), 2, "{lines:?}");
    for line in tried {
        let failed: u64 = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(failed >= 3, "the fault never met the act: {line}");
        eprintln!("I/O errors: {line}");
    }
}
