//! Shared by the integration tests: a core on a real database file with a fixed
//! clock, a small directory, and a dump of every table to prove "nothing changed".

pub mod bureau;
#[cfg(unix)]
#[allow(
    unsafe_code,
    reason = "a SQLite VFS is a C interface: raw pointers and callbacks"
)]
pub mod faulty_vfs;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use qinqing::commands;
use qinqing::core::{Clock, Core};
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

/// The built binary on `db`, with the environment's database, language and
/// passphrase unset.
fn binary(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qinqing"));
    command
        .arg("--db")
        .arg(db)
        .env_remove("QINQING_DB")
        .env_remove("QINQING_LANG")
        .env_remove("QINQING_PASSPHRASE");
    command
}

/// Runs the built binary on `db`.
pub fn qinqing(db: &Path, args: &[&str]) -> Output {
    binary(db).args(args).output().expect("the binary runs")
}

/// Runs the built binary on `db` as `profile`, its passphrase in `QINQING_PASSPHRASE`.
pub fn qinqing_as(db: &Path, profile: &str, passphrase: &str, args: &[&str]) -> Output {
    binary(db)
        .args(["--as", profile])
        .args(args)
        .env("QINQING_PASSPHRASE", passphrase)
        .output()
        .expect("the binary runs")
}

pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

pub fn open(db: &Path) -> Core {
    let now = DateTime::parse_from_rfc3339("2026-03-15T09:30:00Z")
        .unwrap()
        .into();
    Core::open(
        DataLocation::for_database(db),
        Some(qinqing::i18n::Lang::En),
        Box::new(FixedClock(now)),
        "test:clerk".into(),
    )
    .unwrap()
}

pub fn call(core: &Core, command: &str, request: Value) -> Value {
    commands::dispatch(core, command, request.clone())
        .unwrap_or_else(|e| panic!("{command} {request} failed: {e:?}"))
}

/// What the UI receives when `command` is refused (in Chinese): the payload as JSON.
/// Panics when the command goes through.
pub fn refusal(core: &Core, command: &str, request: Value) -> Value {
    let err = commands::dispatch(core, command, request.clone())
        .expect_err(&format!("{command} {request} is refused"));
    serde_json::to_value(err.to_payload(qinqing::i18n::Lang::ZhCn)).unwrap()
}

/// The directory most tests need.
pub struct Directory {
    pub department: String,
    pub officials: Vec<String>,
    pub canteen: String,
    pub association: String,
    pub city: String,
}

pub fn directory(core: &Core) -> Directory {
    let department = call(
        core,
        "department_save",
        json!({"value": {"name": "招商服务处", "active": true}}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let officials = [("李明", "S001"), ("张华", "S002")]
        .iter()
        .map(|(name, staff_no)| {
            call(
                core,
                "official_save",
                json!({"value": {
                    "name": name, "staffNo": staff_no, "departmentId": department, "position": "科员", "role": "staff",
                    "travelTier": "other", "enforcementPowers": false, "active": true
                }}),
            )["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let canteen = call(
        core,
        "counterpart_save",
        json!({"value": {
            "name": "沈北星辰智能装备有限公司", "kind": "enterprise", "creditCode": "91210100MA0QXY312W",
            "creditCodeConfirmed": false, "creditStatus": "red", "canteenRate": 1500,
            "address": "沈北新区", "contact": "王经理", "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let association = call(
        core,
        "counterpart_save",
        json!({"value": {
            "name": "浑南软件行业协会", "kind": "association", "creditCode": null,
            "creditCodeConfirmed": false, "creditStatus": "normal", "canteenRate": null,
            "address": "", "contact": "", "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // 深圳市 is one of the cities every database ships with.
    let city = call(core, "city_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"]["province"] == "广东省" && c["value"]["name"] == "深圳市")
        .expect("the shipped 深圳市")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Directory {
        department,
        officials,
        canteen,
        association,
        city,
    }
}

/// The passphrases the tests give people, which an insider knows (their own).
const INSIDER_PASSPHRASES: &[&str] = &[
    "passphrase-of-admin",
    "first passphrase",
    "laptop passphrase",
    "passphrase-of-head",
    "passphrase-of-clerk",
    "passphrase-of-staff",
    "a new passphrase",
    "a fresh passphrase",
    "another passphrase",
];

/// The database's key as an insider has it: the open slot of a database without
/// profiles, else unwrapped from someone's slot with their own passphrase. `None` for
/// a plain database.
pub fn insider_key(db: &Path) -> Option<qinqing::store::keyslots::DataKey> {
    use qinqing::store::keyslots::KeySlots;
    static KNOWN: std::sync::Mutex<Vec<(Vec<u8>, qinqing::store::keyslots::DataKey)>> =
        std::sync::Mutex::new(Vec::new());
    if qinqing::store::cipher::file_state(db).unwrap() == qinqing::store::cipher::FileState::Plain {
        return None;
    }
    let file = std::fs::read(qinqing::store::keyslots::key_file_path(db)).ok()?;
    if let Some((_, key)) = KNOWN.lock().unwrap().iter().find(|(f, _)| *f == file) {
        return Some(key.clone());
    }
    let slots = KeySlots::load(db).unwrap()?;
    let key = slots.open_key().or_else(|| {
        let mut holders = slots.holders();
        holders.sort_by_key(|h| !h.administrator);
        holders.iter().find_map(|h| {
            INSIDER_PASSPHRASES
                .iter()
                .find_map(|p| slots.unwrap_for(h.profile_id, p).ok())
        })
    })?;
    KNOWN.lock().unwrap().push((file, key.clone()));
    Some(key)
}

/// A plain SQL connection to the database file, as an insider with their own key and
/// the file makes one (to tamper with it behind the app's back).
pub fn raw(db: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(db)?;
    qinqing::store::cipher::apply_key(&conn, insider_key(db).as_ref()).unwrap();
    Ok(conn)
}

/// Copies a database with its key file, as whoever copies the folder does.
pub fn copy_database(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let keys = qinqing::store::keyslots::key_file_path(from);
    if keys.exists() {
        std::fs::copy(keys, qinqing::store::keyslots::key_file_path(to)).unwrap();
    }
}

/// Every row of every table, in a stable order: equal dumps mean nothing changed.
pub fn dump(db: &Path) -> String {
    let conn = raw(db).unwrap();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.retain(|t| !t.starts_with("sqlite_") && t != "record_search");
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        out.push_str(&format!("## {table}\n"));
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i).unwrap();
                out.push_str(&format!("{value:?}|"));
            }
            out.push('\n');
        }
    }
    out
}

/// Recomputes the audit chain's hashes from row `from` on with the app's row hash, as
/// someone with the file and the source can after editing rows: every link holds
/// again. The append-only triggers must be dropped first.
pub fn rehash_chain(conn: &rusqlite::Connection, from: i64) {
    let mut prev: String = conn
        .query_row(
            "SELECT COALESCE((SELECT hash FROM audit WHERE seq = ?1 - 1), ?2)",
            rusqlite::params![from, qinqing::store::audit::GENESIS],
            |r| r.get(0),
        )
        .unwrap();
    let rows: Vec<(i64, Vec<Option<String>>)> = conn
        .prepare("SELECT seq, at, actor, action, entity, entity_id, before, after FROM audit WHERE seq >= ?1 ORDER BY seq")
        .unwrap()
        .query_map([from], |r| Ok((r.get(0)?, (1..8).map(|i| r.get(i).unwrap()).collect())))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (seq, f) in rows {
        let hash = qinqing::digest::sha256_hex(
            serde_json::json!([seq, f[0], f[1], f[2], f[3], f[4], f[5], f[6], prev])
                .to_string()
                .as_bytes(),
        );
        conn.execute(
            "UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![seq, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

/// The committed document `relative` (from the repository root), after writing
/// `generated` into it when `QINQING_UPDATE_DOCS` is set (`make docs`): the test
/// compares the two.
pub fn committed_doc(relative: &str, generated: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("QINQING_UPDATE_DOCS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_default()
}

/// What a parser or a library says, and field paths as code spells them: never in a
/// message a person reads.
pub const PARSER_TEXT: &[&str] = &[
    "invalid type",
    "unknown variant",
    "missing field",
    "unknown field",
    "invalid value",
    "expected one of",
    "trailing characters",
    "EOF while",
    "at line",
    "Error(",
    "body.",
    ".[",
];
