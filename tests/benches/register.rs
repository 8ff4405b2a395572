//! Benchmark of a 500-record monthly register: building it from the database,
//! rendering the PDF, appending the signature, and the whole `register_sign` command
//! (passphrase check and key unlock included). Prints figures and the file size; it
//! asserts nothing about time.
//!
//!   cargo bench --no-default-features --bench register
//!   QINQING_BENCH_REGISTER_RECORDS=1000 cargo bench …

use std::time::{Duration, Instant};

use chrono::Utc;
use qinqing::commands;
use qinqing::core::{os_actor, Core, SystemClock};
use qinqing::domain::directory::OfficialRole;
use qinqing::paths::DataLocation;
use qinqing::register::{self, pdf};
use qinqing::signing::{ca, cms, keys};
use serde_json::{json, Value};

const RUNS: usize = 11;
const PASSPHRASE: &str = "bench passphrase";

fn call(core: &Core, command: &str, request: Value) -> Value {
    commands::dispatch(core, command, request).unwrap_or_else(|e| panic!("{command}: {e}"))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let wanted: usize = std::env::var("QINQING_BENCH_REGISTER_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let temp = tempfile::tempdir().expect("temp dir");
    let core = Core::open(
        DataLocation::for_database(&temp.path().join("register.sqlite3")),
        None,
        Box::new(SystemClock),
        os_actor(),
    )
    .expect("open");
    call(
        &core,
        "bureau_save",
        json!({"name": "沈阳市示范区投资促进局"}),
    );
    let department = call(
        &core,
        "department_save",
        json!({"value": {"name": "招商服务处", "active": true}}),
    )["id"]
        .clone();
    let official = |name: &str, staff_no: &str, role: &str| {
        call(
            &core,
            "official_save",
            json!({"value": {
                "name": name, "staffNo": staff_no, "departmentId": department, "position": "",
                "role": role, "travelTier": "other", "enforcementPowers": false, "active": true
            }}),
        )["id"]
            .clone()
    };
    let head = official("赵处长", "H001", "departmentHead");
    let clerk = official("王静", "C001", "clerk");
    let staff: Vec<Value> = (0..8)
        .map(|i| official(&format!("科员{i}"), &format!("S00{i}"), "staff"))
        .collect();
    call(
        &core,
        "profile_create",
        json!({"officialId": head, "administrator": true, "passphrase": PASSPHRASE}),
    );
    let clerk_profile = call(
        &core,
        "profile_create",
        json!({"officialId": clerk, "administrator": false, "passphrase": PASSPHRASE}),
    )["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let counterpart = call(
        &core,
        "counterpart_save",
        json!({"value": {
            "name": "沈北星辰智能装备有限公司", "kind": "enterprise", "creditCode": "91210100MA0QXY312W",
            "creditCodeConfirmed": false, "creditStatus": "normal", "canteenRate": 1500,
            "address": "", "contact": "", "active": true
        }}),
    )["id"]
        .clone();

    // The clerk enters and submits the month's meals; the head approves them.
    let head_profile = core.session().expect("the head is signed in");
    core.set_session(Some(clerk_profile));
    let start = Instant::now();
    let mut items = Vec::with_capacity(wanted);
    for i in 0..wanted {
        let record = call(
            &core,
            "record_create",
            json!({"departmentId": department, "body": {"meal": {
                "date": format!("2026-06-{:02}", 1 + i % 30), "mode": "canteenMeal",
                "counterpartId": counterpart,
                "place": format!("企业职工食堂（{}号楼，调研智能装备产业链配套及用工需求）", 1 + i % 7),
                "officialIds": [staff[i % staff.len()]], "enterpriseDiners": 1 + i % 3,
                "perPersonStandard": 1500, "amountPaid": 1500 * (1 + (i % 3) as i64),
                "receiptNo": format!("SC-{i:04}"), "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
            }}}),
        );
        items.push(json!({"id": record["id"], "version": record["version"]}));
    }
    for chunk in items.chunks(500) {
        call(
            &core,
            "record_review",
            json!({"action": "submit", "items": chunk, "passphrase": PASSPHRASE}),
        );
    }
    core.set_session(Some(head_profile));
    for chunk in items.chunks(500) {
        call(
            &core,
            "record_review",
            json!({"action": "approve", "items": chunk, "passphrase": PASSPHRASE}),
        );
    }
    eprintln!(
        "set up {wanted} approved records in {}",
        ms(start.elapsed())
    );

    let department_id = department.as_str().unwrap().parse().unwrap();
    let today = core.today();
    let key = {
        // Signed as in the app: with a key the bureau's root certified.
        let subject = keys::Subject {
            name: "赵处长",
            staff_no: "H001",
            department: "招商服务处",
            bureau: "沈阳市示范区投资促进局",
            title: ca::role_title(OfficialRole::DepartmentHead),
        };
        let root =
            ca::BureauRoot::create("沈阳市示范区投资促进局", Utc::now(), &mut rand_core::OsRng)
                .expect("a bureau root");
        let issued = keys::issue_certified(
            &subject,
            PASSPHRASE,
            &root,
            Utc::now(),
            &mut rand_core::OsRng,
        )
        .expect("issue a key");
        keys::unlock(&issued.encrypted_key, &issued.certificate_der, PASSPHRASE).expect("unlock")
    };
    let (mut build, mut render, mut sign) = (Vec::new(), Vec::new(), Vec::new());
    let mut signed = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let built = {
            let store = core.store();
            register::build(store.reader(), department_id, "2026-06", today).expect("build")
        };
        build.push(t.elapsed());
        let t = Instant::now();
        let unsigned = pdf::render(
            &built,
            &pdf::Issue {
                register_id: "01a2a000-0000-7000-8000-000000000000",
                generated_at: Utc::now(),
                draft: false,
            },
        )
        .expect("render");
        render.push(t.elapsed());
        let t = Instant::now();
        let at = Utc::now();
        signed = pdf::seal::append_signature(
            &unsigned,
            &pdf::seal::SignatureField {
                field: "处室负责人签署",
                signer: "赵处长（H001）",
                reason: "签署 sign",
                at,
            },
            |digest| cms::sign_detached(&key, digest, at).map_err(|e| e.to_string()),
        )
        .expect("sign");
        sign.push(t.elapsed());
    }
    let (build, render, sign) = (median(build), median(render), median(sign));
    let pages = pdf::inspect::inspect(&signed).expect("inspect").pages;
    println!("register of {wanted} records, medians of {RUNS} runs:");
    println!("  build from the database   {}", ms(build));
    println!("  render the PDF            {}", ms(render));
    println!("  append the signature      {}", ms(sign));
    println!("  render + sign             {}", ms(render + sign));
    println!("  build + render + sign     {}", ms(build + render + sign));
    println!(
        "  signed PDF                {} bytes ({:.1} KB), {pages} pages",
        signed.len(),
        signed.len() as f64 / 1024.0
    );

    // Kept for a look with poppler (pdfsig, pdffonts, pdftoppm).
    let kept = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-register.pdf");
    std::fs::write(&kept, &signed).expect("write the sample");
    println!("  kept at {}", kept.display());

    // The same database in the clear (the encrypted store's cost): the build and the
    // whole signing, on a plain copy beside the encrypted one.
    let encrypted_db = temp.path().join("register.sqlite3");
    let plain_db = temp.path().join("register-plain.sqlite3");
    qinqing::store::cipher::copy_plain(
        &encrypted_db,
        &core.data_key().expect("the database is encrypted"),
        &plain_db,
    )
    .expect("a plain copy");
    let plain = Core::open(
        DataLocation::for_database(&plain_db),
        None,
        Box::new(SystemClock),
        os_actor(),
    )
    .expect("open the plain copy");
    assert_eq!(plain.protection(), qinqing::store::vault::Protection::Plain);
    // Signed in without `session_sign_in`, which would encrypt it.
    plain.set_session(Some(head_profile));
    let mut plain_build = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let store = plain.store();
        register::build(store.reader(), department_id, "2026-06", today).expect("build");
        plain_build.push(t.elapsed());
    }
    let plain_build = median(plain_build);
    println!(
        "  build, plain copy         {}  (encrypted / plain: {:.2})",
        ms(plain_build),
        build.as_secs_f64() / plain_build.as_secs_f64()
    );

    let mut signing = Vec::new();
    for (label, core) in [("encrypted", &core), ("plain", &plain)] {
        let out = temp.path().join(format!("signed-{label}.pdf"));
        let t = Instant::now();
        let issued = call(
            core,
            "register_sign",
            json!({"departmentId": department, "month": "2026-06", "passphrase": PASSPHRASE, "path": out}),
        );
        signing.push(t.elapsed());
        println!(
            "  register_sign, {label:<9}  {} (passphrase check and key unlock included; {} bytes written)",
            ms(t.elapsed()),
            issued["bytes"]
        );
    }
    println!(
        "  register_sign encrypted / plain: {:.2}",
        signing[0].as_secs_f64() / signing[1].as_secs_f64()
    );
}
