//! The audit log against tampering: the database file is edited with plain SQL, as
//! someone with the sqlite3 shell would, and `qinqing audit verify` must find it.

use std::path::Path;

use serde_json::Value;

use crate::common::qinqing;

fn set_language(db: &Path, lang: &str) {
    let out = qinqing(
        db,
        &[
            "call",
            "set_language",
            &format!(r#"{{"language":"{lang}"}}"#),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn verify(db: &Path) -> (i32, Value) {
    let out = qinqing(db, &["--lang", "en", "audit", "verify", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), report)
}

/// A database with three audited changes: language en, zh-CN, en.
fn history() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.sqlite3");
    set_language(&db, "en");
    set_language(&db, "zh-CN");
    set_language(&db, "en");
    (dir, db)
}

/// Audit rows a new database starts with: the shipped standards and cities, seeded
/// when created.
fn seeded() -> usize {
    qinqing::rules::standards::shipped().len() + qinqing::domain::cities::shipped().len()
}

/// What an attacker with the sqlite3 shell does first: lift the append-only guard.
fn tamper(db: &Path, sql: &str) {
    let conn = crate::common::raw(db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_append_only_update;
         DROP TRIGGER IF EXISTS audit_append_only_delete;",
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn an_untouched_history_verifies() {
    let (_dir, db) = history();
    let (code, report) = verify(&db);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["rowsChecked"], seeded() + 3);
    assert_eq!(report["head"]["seq"], seeded() + 3);
    assert_eq!(report["head"]["hash"].as_str().unwrap().len(), 64);
    assert_eq!(report["problems"], serde_json::json!([]));

    let text = qinqing(&db, &["--lang", "en", "audit", "verify"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout)
        .starts_with(&format!("audit log: intact; {} rows", seeded() + 3)));
}

#[test]
fn saving_the_same_value_again_writes_no_audit_row() {
    let (_dir, db) = history();
    set_language(&db, "en");
    assert_eq!(verify(&db).1["rowsChecked"], seeded() + 3);
}

#[test]
fn a_value_changed_with_plain_sql_is_found() {
    let (_dir, db) = history();
    tamper(
        &db,
        "UPDATE setting SET value = 'zh-CN' WHERE key = 'language'",
    );
    let (code, report) = verify(&db);
    assert_eq!(code, 1);
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"kind": "entityAltered", "entity": "setting", "id": "language", "lastSeq": seeded() + 3})
    );
    let out = qinqing(&db, &["--lang", "en", "audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(stderr["code"], "integrity");
    assert!(
        stderr["message"]
            .as_str()
            .unwrap()
            .contains("setting “language” differs"),
        "{stderr}"
    );
}

#[test]
fn a_rewritten_audit_row_is_found() {
    let (_dir, db) = history();
    tamper(&db, "UPDATE audit SET actor = 'someone else' WHERE seq = 2");
    let (code, report) = verify(&db);
    assert_eq!(code, 1);
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"kind": "rowAltered", "seq": 2})
    );
}

#[test]
fn a_deleted_audit_row_breaks_the_chain() {
    let (_dir, db) = history();
    tamper(&db, "DELETE FROM audit WHERE seq = 2");
    let (code, report) = verify(&db);
    assert_eq!(code, 1);
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"kind": "gap", "expected": 2, "found": 3})
    );
    assert_eq!(
        report["problems"][1],
        serde_json::json!({"kind": "brokenLink", "seq": 3})
    );
}

#[test]
fn values_added_or_removed_behind_the_apps_back_are_found() {
    let (_dir, db) = history();
    tamper(
        &db,
        "INSERT INTO setting (key, value) VALUES ('bureau', '沈阳市某局')",
    );
    let report = verify(&db).1;
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"kind": "entityNotAudited", "entity": "setting", "id": "bureau"})
    );

    let (_dir, db) = history();
    tamper(&db, "DELETE FROM setting WHERE key = 'language'");
    let report = verify(&db).1;
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"kind": "entityMissing", "entity": "setting", "id": "language", "lastSeq": seeded() + 3})
    );
}

#[test]
fn the_log_refuses_updates_and_deletes_while_its_guard_is_in_place() {
    let (_dir, db) = history();
    let conn = crate::common::raw(&db).unwrap();
    let err = conn
        .execute("UPDATE audit SET actor = 'x' WHERE seq = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM audit", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn messages_follow_the_language() {
    let (_dir, db) = history();
    tamper(
        &db,
        "UPDATE setting SET value = 'zh-CN' WHERE key = 'language'",
    );
    let out = qinqing(&db, &["--lang", "zh-CN", "audit", "verify"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("审计日志：发现问题"), "{text}");
    assert!(text.contains("已在程序之外被修改"), "{text}");
}
