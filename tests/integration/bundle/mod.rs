//! Exchange bundles between two real database files: a field laptop (set up from the
//! office's backup, so both know the same people and keys) and the office. Every
//! refusal leaves the office database byte-for-byte as it was (`dump`).

mod conflicts_and_refusals;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use qinqing::core::Core;
use qinqing::error::{AppError, ErrorCode};
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, separate_bureau, Bureau, TestClock};
use crate::common::{call, dump, qinqing_as};

/// A laptop made from the office's backup, with its own clock.
struct Laptop {
    db: PathBuf,
    core: Core,
}

fn laptop(office: &Bureau, dir: &Path) -> Laptop {
    let db = dir.join("laptop.sqlite3");
    office.as_("admin");
    call(
        &office.core,
        "backup_create",
        json!({"path": db.to_string_lossy()}),
    );
    let clock = TestClock::at("2026-03-20T10:00:00Z");
    // The backup carries the key slots: the administrator's passphrase opens it.
    let admin = office.person("admin");
    let core = Core::unlock(
        DataLocation::for_database(&db),
        Some(qinqing::i18n::Lang::En),
        Box::new(clock),
        "test:laptop".into(),
        qinqing::store::vault::Credential::Profile {
            profile_id: admin.profile,
            passphrase: &admin.passphrase,
        },
    )
    .unwrap();
    Laptop { db, core }
}

impl Laptop {
    fn as_(&self, office: &Bureau, key: &str) {
        self.core.set_session(Some(office.person(key).profile));
    }

    fn export(&self, office: &Bureau, key: &str, path: &Path, selection: Value) -> Value {
        self.as_(office, key);
        call(
            &self.core,
            "bundle_export",
            json!({"selection": selection, "path": path.to_string_lossy(),
                   "passphrase": office.person(key).passphrase}),
        )
    }
}

fn import(
    office: &Bureau,
    path: &Path,
    dry_run: bool,
    resolutions: Value,
) -> Result<Value, AppError> {
    office.as_("admin");
    office.try_call(
        "bundle_import",
        json!({"path": path.to_string_lossy(), "dryRun": dry_run, "resolutions": resolutions}),
    )
}

/// A refusal on the file, with its message, and the database unchanged.
fn assert_refused(office: &Bureau, path: &Path, wanted: &str) {
    assert_refused_as(office, path, wanted, &[true, false]);
}

fn assert_refused_as(office: &Bureau, path: &Path, wanted: &str, dry_runs: &[bool]) {
    let before = dump(&office.db);
    for &dry_run in dry_runs {
        let error = import(office, path, dry_run, json!({})).unwrap_err();
        let payload = error.to_payload(qinqing::i18n::Lang::En);
        assert_eq!(payload.code, ErrorCode::Validation, "{payload:?}");
        assert_eq!(payload.field, Some(vec!["path".into()]));
        assert!(
            payload.message.contains(wanted),
            "{wanted:?} not in {:?}",
            payload.message
        );
    }
    assert!(
        dump(&office.db) == before,
        "a refused bundle changed the database"
    );
}

/// A record as both databases must agree on (not who it names as entered-by).
fn essence(core: &Core, id: &str) -> Value {
    let mut record = call(core, "record_get", json!({"id": id}));
    record.as_object_mut().unwrap().remove("enteredByName");
    record
}

fn attachments(core: &Core, id: &str) -> Vec<(String, String)> {
    call(core, "attachment_list", json!({"recordId": id}))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().into(),
                a["sha256"].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// On the laptop: the same enterprise entered again (another id, the same credit
/// code) and a new one, a meal with a receipt at the first, a trip with the second.
fn field_work(office: &Bureau, laptop: &Laptop) -> (String, String, String) {
    // The office removes the enterprise's code and the laptop re-enters it under a
    // new id, as happens when two people add the same enterprise on two machines.
    laptop.as_(office, "clerk");
    let again = call(
        &laptop.core,
        "counterpart_save",
        json!({"value": {
            "name": "沈北星辰智能装备", "kind": "enterprise", "creditCode": "91210100MA0QXY3125",
            "creditCodeConfirmed": true, "creditStatus": "normal", "canteenRate": 1500,
            "address": "", "contact": "", "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let meal = call(&laptop.core, "record_create", {
        let mut m = office.meal("staff", "2026-03-18");
        m["body"]["meal"]["counterpartId"] = json!(again);
        m
    })["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let receipt = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/receipt.png");
    call(
        &laptop.core,
        "attachment_add",
        json!({"recordId": meal, "path": receipt.to_string_lossy()}),
    );
    let gift = call(
        &laptop.core,
        "record_create",
        json!({"departmentId": office.dept_a, "body": {"gift": {"received": {
            "date": "2026-03-19", "officialId": office.person("staff").official,
            "giverName": "王经理", "counterpartId": office.counterpart, "beneficiary": "official",
            "item": "茶叶", "category": "goods", "quantity": 1, "estimatedValue": 30000,
            "disposition": {"declined": {"date": "2026-03-19"}}
        }}}}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (again, meal, gift)
}

#[test]
fn laptop_to_office_round_trip_equals_the_source_and_re_import_changes_nothing() {
    let office = bureau();
    let dir = tempfile::tempdir().unwrap();
    let laptop = laptop(&office, dir.path());
    // The office meanwhile has the enterprise under its own id with the same code.
    office.as_("admin");
    let office_same = call(
        &office.core,
        "counterpart_save",
        json!({"value": {
            "name": "星辰智能装备（办公室录入）", "kind": "enterprise", "creditCode": "91210100MA0QXY3125",
            "creditCodeConfirmed": true, "creditStatus": "normal", "canteenRate": 1500,
            "address": "", "contact": "", "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (laptop_enterprise, meal, gift) = field_work(&office, &laptop);
    assert_ne!(laptop_enterprise, office_same);

    let file = dir.path().join("march.qqb");
    let exported = laptop.export(&office, "staff", &file, json!({"from": "2026-03-16"}));
    assert_eq!(exported["records"], 2);
    assert_eq!(exported["files"], 1);

    // Dry run: the report, nothing changed.
    let before = dump(&office.db);
    let report = import(&office, &file, true, json!({})).unwrap();
    assert_eq!(report["dryRun"], true);
    assert_eq!(report["counts"]["new"], 2);
    assert_eq!(report["counts"]["directoryMatched"], 1, "{report}");
    assert_eq!(
        report["exporterName"], "李明（A-02）",
        "the certificate's holder as the directory names them"
    );
    assert!(dump(&office.db) == before, "a dry run changed the database");

    let report = import(&office, &file, false, json!({})).unwrap();
    assert_eq!(report["counts"]["new"], 2);
    assert_eq!(report["counts"]["filesAdded"], 1);
    // The records here equal the laptop's, but for the enterprise: the one the
    // office already had under that credit code.
    for id in [&meal, &gift] {
        let mut there = essence(&laptop.core, id);
        let here = essence(&office.core, id);
        if id == &meal {
            assert_eq!(here["body"]["meal"]["counterpartId"], json!(office_same));
            there["body"]["meal"]["counterpartId"] = json!(office_same);
        }
        assert_eq!(here, there);
        assert_eq!(attachments(&office.core, id), attachments(&laptop.core, id));
    }
    let bytes = |core: &Core, id: &str| {
        let link = call(core, "attachment_list", json!({"recordId": id}))[0]["id"].clone();
        call(core, "attachment_data", json!({"id": link}))
    };
    assert_eq!(bytes(&office.core, &meal), bytes(&laptop.core, &meal));
    assert!(
        call(&office.core, "counterpart_list", json!({}))
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != json!(laptop_enterprise)),
        "the same enterprise became one"
    );
    // Arrived submitted or draft as they were, never approved.
    assert_eq!(office.status(&json!(meal)), "draft");
    // The audit chain is intact and names the bundle's signer and source head.
    let audit = call(&office.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
    let bundle_row: String = crate::common::raw(&office.db)
        .unwrap()
        .query_row(
            "SELECT after FROM audit WHERE entity = 'bundle' AND action = 'import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let bundle_row: Value = serde_json::from_str(&bundle_row).unwrap();
    assert_eq!(bundle_row["signerFingerprint"], report["signerFingerprint"]);
    assert_eq!(bundle_row["sourceChainHash"], report["sourceChain"]["hash"]);

    // The same bundle again: nothing changes, not even the audit log.
    let before = dump(&office.db);
    let again = import(&office, &file, false, json!({})).unwrap();
    assert_eq!(again["alreadyImported"], true);
    assert!(
        dump(&office.db) == before,
        "a re-import changed the database"
    );

    // "Not yet exported" on the laptop now selects nothing; a change selects it again.
    let empty = laptop.export(
        &office,
        "staff",
        &dir.path().join("none.qqb"),
        json!({"notYetExported": true, "from": "2026-03-16"}),
    );
    assert_eq!(empty["records"], 0);
}
