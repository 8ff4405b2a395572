//! Benchmark of exchange bundles and spreadsheets with 10,000 records: exporting a
//! signed bundle sealed to the office, its dry run and its import into another database
//! (target: import ≤ 2 s) — sealed and in the clear, into the encrypted office and a
//! plain copy of it, for the cost of encryption — exporting the same records to XLSX, and reading that XLSX back through
//! the spreadsheet import (check and import, with the mapping its header suggests).
//! Prints figures; asserts nothing about time.
//!
//!   cargo bench --no-default-features --bench exchange
//!   QINQING_BENCH_EXCHANGE_RECORDS=50000 cargo bench …

use std::path::Path;
use std::time::{Duration, Instant};

use qinqing::commands;
use qinqing::core::{os_actor, Core, SystemClock};
use qinqing::demo::DEMO_PASSPHRASE;
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

const RUNS: usize = 3;

fn call(core: &Core, command: &str, request: Value) -> Value {
    commands::dispatch(core, command, request).unwrap_or_else(|e| panic!("{command}: {e}"))
}

fn open(db: &Path) -> Core {
    Core::open(
        DataLocation::for_database(db),
        None,
        Box::new(SystemClock),
        os_actor(),
    )
    .expect("open")
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// The first demo profile (the head, who also administers).
fn head_of(core: &Core) -> uuid::Uuid {
    let store = core.store();
    qinqing::store::profiles::list(store.reader())
        .expect("profiles")
        .into_iter()
        .find(|p| p.administrator)
        .expect("a demo administrator")
        .id
}

/// Signs in as the head.
fn sign_in_head(core: &Core) -> uuid::Uuid {
    let head = head_of(core);
    core.set_session(Some(head));
    head
}

/// A copy of the office (encrypted: opened with the head's passphrase; plain: as it
/// is), the head signed in without `session_sign_in` (which would encrypt a plain one).
fn open_as_head(db: &Path, head: uuid::Uuid) -> Core {
    let core = Core::unlock(
        DataLocation::for_database(db),
        None,
        Box::new(SystemClock),
        os_actor(),
        qinqing::store::vault::Credential::Profile {
            profile_id: head,
            passphrase: DEMO_PASSPHRASE,
        },
    )
    .expect("open the office");
    core.set_session(Some(head));
    core
}

fn main() {
    let wanted: u64 = std::env::var("QINQING_BENCH_EXCHANGE_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let laptop_db = temp.path().join("laptop.sqlite3");
    let office_template = temp.path().join("office-template.sqlite3");
    let laptop = open(&laptop_db);
    // The directory and the people first; the office is set up from that state.
    call(
        &laptop,
        "demo_generate",
        json!({"records": 0, "seed": 1, "profiles": true}),
    );
    let head = sign_in_head(&laptop);
    // Bundles from here are sealed to a bundle key of this database, which the office
    // (made from its backup) holds too, as a hub and a copy of it do.
    {
        let stamp = qinqing::store::Stamp {
            at: chrono::Utc::now(),
            actor: os_actor(),
        };
        laptop
            .store()
            .write(|tx| {
                qinqing::bundle::recipient::ensure_own(tx, &stamp, &mut rand_core::OsRng)
                    .map(|_| ())
            })
            .expect("a bundle key");
    }
    call(
        &laptop,
        "backup_create",
        json!({"path": office_template.to_string_lossy()}),
    );
    let key = laptop
        .data_key()
        .expect("the laptop's database is encrypted");
    let office_plain_template = temp.path().join("office-template-plain.sqlite3");
    qinqing::store::cipher::copy_plain(&office_template, &key, &office_plain_template)
        .expect("a plain copy of the office");
    // Then the field work: the records the bundle carries.
    call(
        &laptop,
        "demo_generate",
        json!({"records": wanted, "seed": 2}),
    );
    let bundle = temp.path().join("bench.qqb");
    let mut exports = Vec::new();
    let mut exported = Value::Null;
    for _ in 0..RUNS {
        let (done, took) = timed(|| {
            call(
                &laptop,
                "bundle_export",
                json!({"path": bundle.to_string_lossy(), "passphrase": DEMO_PASSPHRASE}),
            )
        });
        exports.push(took);
        exported = done;
    }
    // The same records as a sealed bundle and as the signed bundle inside it, each
    // imported into the office encrypted and into a plain copy of it.
    let clear = temp.path().join("bench-clear.qqb");
    let inner = qinqing::bundle::recipient::unseal(
        &laptop.reader(),
        std::fs::read(&bundle).expect("the bundle"),
    )
    .expect("unseal");
    std::fs::write(&clear, inner).expect("write the clear bundle");
    let mut imports_by = Vec::new();
    let mut report = Value::Null;
    for (store_kind, template) in [
        ("encrypted", &office_template),
        ("plain", &office_plain_template),
    ] {
        for (bundle_kind, file) in [("sealed", &bundle), ("clear", &clear)] {
            let (mut dry_runs, mut imports) = (Vec::new(), Vec::new());
            for run in 0..RUNS {
                let office_db = temp
                    .path()
                    .join(format!("office-{store_kind}-{bundle_kind}-{run}.sqlite3"));
                std::fs::copy(template, &office_db).expect("copy");
                let keys = qinqing::store::keyslots::key_file_path(template);
                if keys.exists() {
                    std::fs::copy(&keys, qinqing::store::keyslots::key_file_path(&office_db))
                        .expect("copy the key file");
                }
                let office = open_as_head(&office_db, head);
                let request = |dry_run: bool| json!({"path": file.to_string_lossy(), "dryRun": dry_run, "resolutions": {}});
                let (_, took) = timed(|| call(&office, "bundle_import", request(true)));
                dry_runs.push(took);
                let (done, took) = timed(|| call(&office, "bundle_import", request(false)));
                imports.push(took);
                report = done;
            }
            imports_by.push((store_kind, bundle_kind, median(dry_runs), median(imports)));
        }
    }
    let xlsx = temp.path().join("bench.xlsx");
    let mut spreadsheets = Vec::new();
    let mut rows = Value::Null;
    for _ in 0..RUNS {
        let (done, took) = timed(|| {
            call(
                &laptop,
                "records_export",
                json!({"format": "xlsx", "path": xlsx.to_string_lossy()}),
            )
        });
        spreadsheets.push(took);
        rows = done["rows"].clone();
    }
    // The same rows back in through the spreadsheet import (mapping as suggested).
    let (mut sheet_checks, mut sheet_imports) = (Vec::new(), Vec::new());
    let mut sheet_report = Value::Null;
    for run in 0..RUNS {
        let office_db = temp.path().join(format!("sheet-office-{run}.sqlite3"));
        std::fs::copy(&office_template, &office_db).expect("copy");
        std::fs::copy(
            qinqing::store::keyslots::key_file_path(&office_template),
            qinqing::store::keyslots::key_file_path(&office_db),
        )
        .expect("copy the key file");
        let office = open_as_head(&office_db, head);
        let inspection = call(
            &office,
            "sheet_inspect",
            json!({"path": xlsx.to_string_lossy()}),
        );
        let mappings: Vec<Value> = inspection["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["suggested"].clone())
            .collect();
        let department = call(&office, "department_list", json!({}))[0]["id"].clone();
        let request = |dry_run: bool| {
            json!({"path": xlsx.to_string_lossy(), "departmentId": department, "sheets": mappings,
                   "dryRun": dry_run, "skipRejected": true})
        };
        let (_, took) = timed(|| call(&office, "sheet_import", request(true)));
        sheet_checks.push(took);
        let (done, took) = timed(|| call(&office, "sheet_import", request(false)));
        sheet_imports.push(took);
        sheet_report = done;
    }
    println!("exchange bench: {wanted} records, median of {RUNS} runs");
    println!(
        "  bundle export:    {}  ({} records, {} bytes)",
        ms(median(exports)),
        exported["records"],
        exported["bytes"]
    );
    for (store_kind, bundle_kind, dry_run, import) in &imports_by {
        println!(
            "  {bundle_kind:<6} bundle into the {store_kind:<9} office: dry run {}, import {}",
            ms(*dry_run),
            ms(*import)
        );
    }
    let import_of = |s: &str, b: &str| {
        imports_by
            .iter()
            .find(|(sk, bk, _, _)| *sk == s && *bk == b)
            .map(|(_, _, _, i)| i.as_secs_f64())
            .unwrap_or(f64::NAN)
    };
    println!(
        "  import ratio, sealed into encrypted / clear into plain: {:.2}  (new {}, directory added {})",
        import_of("encrypted", "sealed") / import_of("plain", "clear"),
        report["counts"]["new"],
        report["counts"]["directoryAdded"]
    );
    println!(
        "  XLSX export:      {}  ({} rows, {} bytes)",
        ms(median(spreadsheets)),
        rows,
        std::fs::metadata(&xlsx).map(|m| m.len()).unwrap_or(0)
    );
    println!("  XLSX check:       {}", ms(median(sheet_checks)));
    println!(
        "  XLSX import:      {}  (rows taken {}, rejected {}, enterprises added {})",
        ms(median(sheet_imports)),
        sheet_report["accepted"],
        sheet_report["rejected"],
        sheet_report["counterpartsAdded"]
    );
}
