//! Any payload, correctly signed by someone the database knows, through the whole
//! import (directory merge, remapping, validation, conflicts) as a dry run: the
//! import may refuse it, never panic, and the database never changes.
#![no_main]

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use qinqing::core::{Clock, Core};
use qinqing::paths::DataLocation;
use qinqing::signing::keys;
use qinqing::signing::UnlockedKey;
use serde_json::json;

struct Fixed;

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        "2026-03-20T10:00:00Z".parse().unwrap()
    }
}

struct Office {
    core: Core,
    key: UnlockedKey,
    dir: tempfile::TempDir,
}

fn office() -> &'static Office {
    static OFFICE: OnceLock<Office> = OnceLock::new();
    OFFICE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.sqlite3");
        let core = Core::open(DataLocation::for_database(&db), None, Box::new(Fixed), "fuzz".into()).unwrap();
        let call = |command: &str, request: serde_json::Value| {
            qinqing::commands::dispatch(&core, command, request).unwrap()
        };
        let department = call("department_save", json!({"value": {"name": "招商服务处", "active": true}}))["id"].clone();
        let official = call("official_save", json!({"value": {
            "name": "管理员", "staffNo": "A-01", "departmentId": department, "position": "",
            "role": "administrator", "travelTier": "other", "enforcementPowers": false, "active": true
        }}))["id"].clone();
        let profile = call("profile_create", json!({"officialId": official, "administrator": true, "passphrase": "fuzz passphrase"}));
        let profile_id = profile["id"].as_str().unwrap().parse().unwrap();
        let key = {
            let store = core.store();
            let row = qinqing::store::profiles::current_key(store.reader(), profile_id).unwrap().unwrap();
            keys::unlock(&row.encrypted_key, &row.certificate_der, "fuzz passphrase").unwrap()
        };
        Office { core, key, dir }
    })
}

fuzz_target!(|payload: &[u8]| {
    let office = office();
    let at: DateTime<Utc> = "2026-03-20T10:00:00Z".parse().unwrap();
    let file = office.dir.path().join("input.qqb");
    std::fs::write(&file, qinqing::bundle::seal(payload, &office.key, at)).unwrap();
    let _ = qinqing::commands::dispatch(
        &office.core,
        "bundle_import",
        json!({"path": file.to_string_lossy(), "dryRun": true}),
    );
});
