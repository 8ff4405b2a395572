//! Benchmark of exchange bundles and spreadsheets with 10,000 records: exporting a
//! signed bundle, its dry run and its import into another database (target: import
//! ≤ 2 s), exporting the same records to XLSX, and reading that XLSX back through
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

/// Signs in as the first demo profile (the head, who also administers).
fn sign_in_head(core: &Core) {
    let head = {
        let store = core.store();
        qinqing::store::profiles::list(store.reader())
            .expect("profiles")
            .into_iter()
            .find(|p| p.administrator)
            .expect("a demo administrator")
            .id
    };
    core.set_session(Some(head));
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
    sign_in_head(&laptop);
    call(
        &laptop,
        "backup_create",
        json!({"path": office_template.to_string_lossy()}),
    );
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
    let (mut dry_runs, mut imports) = (Vec::new(), Vec::new());
    let mut report = Value::Null;
    for run in 0..RUNS {
        let office_db = temp.path().join(format!("office-{run}.sqlite3"));
        std::fs::copy(&office_template, &office_db).expect("copy");
        let office = open(&office_db);
        sign_in_head(&office);
        let request = |dry_run: bool| json!({"path": bundle.to_string_lossy(), "dryRun": dry_run, "resolutions": {}});
        let (_, took) = timed(|| call(&office, "bundle_import", request(true)));
        dry_runs.push(took);
        let (done, took) = timed(|| call(&office, "bundle_import", request(false)));
        imports.push(took);
        report = done;
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
        let office = open(&office_db);
        sign_in_head(&office);
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
    println!("  bundle dry run:   {}", ms(median(dry_runs)));
    println!(
        "  bundle import:    {}  (new {}, directory added {})",
        ms(median(imports)),
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
