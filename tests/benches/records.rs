//! Benchmark of the record store on a large demo database: generation time, file
//! size, a filtered and sorted page of 50 (first and 1,000th), and substring search.
//! It prints figures; it asserts nothing about time.
//!
//!   cargo bench --bench records                      (1,000,000 records)
//!   QINQING_BENCH_RECORDS=100000 cargo bench --bench records
//!   QINQING_BENCH_DB=/path/big.sqlite3 …             (reuse a generated database)
//!   QINQING_BENCH_AS=SY0001 QINQING_PASSPHRASE=…      (one with profiles: sign in first)

use std::path::PathBuf;
use std::time::{Duration, Instant};

use qinqing::commands;
use qinqing::core::{os_actor, Core};
use qinqing::demo::{self, DemoRequest};
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

const RUNS: usize = 21;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(core: &Core, command: &str, request: &Value) -> (Duration, Value) {
    let mut samples = Vec::with_capacity(RUNS);
    let mut last = Value::Null;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = commands::dispatch(core, command, request.clone()).expect(command);
        samples.push(start.elapsed());
    }
    (median(samples), last)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let wanted: u64 = std::env::var("QINQING_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let db: PathBuf = std::env::var_os("QINQING_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| temp.path().join("bench.sqlite3"));
    let gate = qinqing::gate::Gate::open(DataLocation::for_database(&db), None, os_actor())
        .expect("open the database");
    let core = match std::env::var("QINQING_BENCH_AS") {
        // An encrypted database opens at the sign-in; a plain one (from before
        // encryption) is signed into directly, so the benchmark does not encrypt it.
        Ok(who) => match gate.core() {
            Some(core) => {
                let profile =
                    qinqing::commands::session::find_profile(&core, &who).expect("the profile");
                core.set_session(Some(profile));
                core
            }
            None => {
                let profile = gate.find_holder(&who).expect("a key slot");
                let passphrase = std::env::var("QINQING_PASSPHRASE").expect("QINQING_PASSPHRASE");
                gate.sign_in(profile, &passphrase).expect("sign in")
            }
        },
        Err(_) => gate
            .core()
            .expect("an open database (QINQING_BENCH_AS for a locked one)"),
    };
    let have: i64 = core
        .store()
        .reader()
        .query_row("SELECT COUNT(*) FROM record", [], |r| r.get(0))
        .expect("count");
    if (have as u64) < wanted {
        let missing = wanted - have as u64;
        let start = Instant::now();
        demo::generate(
            &core,
            &DemoRequest {
                records: missing,
                seed: 42 + have as u64,
                batch: Some(10_000),
                profiles: None,
            },
            &mut |done, total| {
                if done % 100_000 == 0 || done == total {
                    eprintln!("generated {done}/{total}");
                }
            },
        )
        .expect("generate");
        let took = start.elapsed();
        println!(
            "generate {missing} records: {:.1} s ({:.0} records/s)",
            took.as_secs_f64(),
            missing as f64 / took.as_secs_f64()
        );
    }
    core.store()
        .reader()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;")
        .expect("checkpoint");
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "database: {} records, {:.1} MiB ({})",
        wanted.max(have as u64),
        size as f64 / 1048576.0,
        db.display()
    );

    let department: String = core
        .store()
        .reader()
        .query_row("SELECT id FROM department ORDER BY name LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a department");
    // The cursor that page 1,000 starts after, when the list is that long.
    let deep_cursor = |filter_sql: &str, params: &[&dyn rusqlite::ToSql]| -> Option<Value> {
        let found: Option<(String, i64, String)> = core
            .store()
            .reader()
            .query_row(
                &format!(
                    "SELECT occurred_on, amount_fen, id FROM record WHERE cancelled = 0 {filter_sql}
                     ORDER BY occurred_on DESC, id DESC LIMIT 1 OFFSET 49949"
                ),
                params,
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok();
        found.map(|(date, amount, id)| json!({"date": date, "amount": amount, "id": id}))
    };

    println!("median of {RUNS} runs, through the command dispatcher (JSON in and out):");
    let (t, page) = time(&core, "record_list", &json!({"limit": 50}));
    println!(
        "  page 1 of all records, newest first:            {}  ({} rows)",
        ms(t),
        page["items"].as_array().map_or(0, Vec::len)
    );
    let after = deep_cursor("", &[]);
    let (t, _) = time(&core, "record_list", &json!({"limit": 50, "after": after}));
    println!(
        "  page 1,000 of all records (keyset):             {}",
        ms(t)
    );
    let filter = json!({"departmentId": department});
    let (t, _) = time(
        &core,
        "record_list",
        &json!({"limit": 50, "filter": filter}),
    );
    println!(
        "  page 1 of one department:                       {}",
        ms(t)
    );
    let after = deep_cursor("AND department_id = ?1", &[&department]);
    let (t, _) = time(
        &core,
        "record_list",
        &json!({"limit": 50, "filter": filter, "after": after}),
    );
    println!(
        "  page 1,000 of one department (keyset):          {}",
        ms(t)
    );
    let (t, _) = time(
        &core,
        "record_list",
        &json!({"limit": 50, "filter": {"kind": "gift", "from": "2025-01-01", "to": "2025-12-31"}}),
    );
    println!(
        "  page 1 of 2025's gifts:                         {}",
        ms(t)
    );
    for query in ["茶叶", "星辰", "红包", "食堂", "招商推介", "纪检", "SC12"] {
        let (t, page) = time(
            &core,
            "record_list",
            &json!({"limit": 50, "filter": {"text": query}}),
        );
        println!(
            "  search “{query}”, first page:{}{}  ({} rows)",
            " ".repeat(22 - query.chars().count() * 2),
            ms(t),
            page["items"].as_array().map_or(0, Vec::len)
        );
    }
    for order in ["dateAsc", "amountDesc", "amountAsc"] {
        let (t, _) = time(
            &core,
            "record_list",
            &json!({"limit": 50, "filter": {"order": order}}),
        );
        println!(
            "  page 1 of all records, {order}:{}{}",
            " ".repeat(20 - order.len()),
            ms(t)
        );
        let (t, _) = time(
            &core,
            "record_list",
            &json!({"limit": 50, "filter": {"order": order, "departmentId": department}}),
        );
        println!(
            "  page 1 of one department, {order}:{}{}",
            " ".repeat(16 - order.len()),
            ms(t)
        );
    }
    for query in ["食堂", "星辰", "纪检"] {
        for order in ["dateAsc", "amountDesc"] {
            let (t, page) = time(
                &core,
                "record_list",
                &json!({"limit": 50, "filter": {"text": query, "order": order}}),
            );
            println!(
                "  search “{query}”, {order}:{}{}  ({} rows)",
                " ".repeat(24 - order.len()),
                ms(t),
                page["items"].as_array().map_or(0, Vec::len)
            );
        }
    }
    let (t, _) = time(&core, "record_list", &json!({"limit": 50, "page": 1000}));
    println!(
        "  jump to page 1,000 of all records:              {}",
        ms(t)
    );
    let (t, _) = time(
        &core,
        "record_list",
        &json!({"limit": 50, "page": 1000, "filter": {"kind": "trip"}}),
    );
    println!(
        "  jump to page 1,000 of trips:                    {}",
        ms(t)
    );
    let (t, page) = time(
        &core,
        "record_list",
        &json!({"limit": 50, "filter": {"finding": "violation"}}),
    );
    println!(
        "  page 1 of records with violations:              {}  ({} rows)",
        ms(t),
        page["items"].as_array().map_or(0, Vec::len)
    );
    let (t, _) = time(&core, "home_summary", &json!({}));
    println!(
        "  home summary (this month, 12 months):           {}",
        ms(t)
    );
    let month = page["items"][0]["date"].as_str().unwrap_or("2026-01-01")[..7].to_owned();
    let (t, found) = time(
        &core,
        "list_findings",
        &json!({"month": month, "departmentId": department}),
    );
    println!(
        "  findings of one department's month ({month}):  {}  ({} records)",
        ms(t),
        found["records"].as_array().map_or(0, Vec::len)
    );
    let (t, totals) = time(&core, "record_totals", &json!({"filter": filter}));
    println!(
        "  totals of one department:                       {}  ({} records)",
        ms(t),
        totals["count"]
    );
}
