//! The headless CLI, run as the built binary against a real database file.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::qinqing;

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn app_info_prints_versions_and_paths() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.sqlite3");
    let out = qinqing(&db, &["call", "app_info", "{}"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = json(&out.stdout);
    assert_eq!(info["appVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        info["schemaVersion"],
        qinqing::store::schema::CURRENT_VERSION
    );
    assert_eq!(info["databasePath"], db.display().to_string());
    assert_eq!(info["dataDir"], dir.path().display().to_string());
    assert_eq!(info["language"], "zh-CN");
    assert!(info["sqliteVersion"].as_str().unwrap().starts_with("3."));
    assert!(db.exists());
}

#[test]
fn request_defaults_to_empty_object_and_can_come_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    assert!(qinqing(&db, &["call", "app_info"]).status.success());

    let mut child = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .arg("--db")
        .arg(&db)
        .args(["call", "set_language", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"language":"en"}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out.stdout)["language"], "en");
}

#[test]
fn unknown_command_fails_with_json_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never.sqlite3");
    let out = qinqing(&db, &["call", "nope", "{}"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = json(&out.stderr);
    assert_eq!(err["code"], "unknownCommand");
    assert!(err["message"].as_str().unwrap().contains("nope"));
    assert!(
        !db.exists(),
        "an unknown command must not create a database"
    );
}

#[test]
fn malformed_json_is_a_bad_request_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let out = qinqing(&db, &["call", "set_language", "{not json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out.stderr)["code"], "badRequest");
    assert!(!db.exists());
}

#[test]
fn invalid_field_is_a_validation_error_naming_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let out = qinqing(&db, &["call", "set_language", r#"{"language":"fr"}"#]);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out.stderr);
    assert_eq!(err["code"], "validation");
    assert_eq!(err["field"], serde_json::json!(["language"]));
    assert!(err["message"].as_str().unwrap().contains("不是允许的取值"));
    assert!(!err["message"].as_str().unwrap().contains("unknown variant"));

    let info = json(&qinqing(&db, &["call", "app_info"]).stdout);
    assert_eq!(
        info["language"], "zh-CN",
        "the refused change left the setting alone"
    );
}

#[test]
fn unknown_request_fields_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let out = qinqing(&db, &["call", "app_info", r#"{"verbose":true}"#]);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out.stderr);
    assert_eq!(err["code"], "validation");
    assert_eq!(err["field"], serde_json::json!(["verbose"]));
}

#[test]
fn saved_language_localizes_later_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let zh = json(&qinqing(&db, &["call", "set_language", r#"{"language":1}"#]).stderr);
    // In words, not the deserializer's ("invalid type: integer `1`, expected …").
    assert!(
        zh["message"].as_str().unwrap().contains("不是允许的取值"),
        "{zh}"
    );
    assert!(!zh["message"].as_str().unwrap().contains("invalid type"));

    let out = qinqing(&db, &["call", "set_language", r#"{"language":"en"}"#]);
    assert!(out.status.success());
    let en = json(&qinqing(&db, &["call", "set_language", r#"{"language":1}"#]).stderr);
    assert!(
        en["message"]
            .as_str()
            .unwrap()
            .contains("is not one of the allowed values"),
        "{en}"
    );
}

#[test]
fn lang_flag_chooses_the_message_language_for_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let out = qinqing(&db, &["--lang", "en", "call", "nope"]);
    let err = json(&out.stderr);
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("There is no command"),
        "{err}"
    );
    let out = qinqing(&db, &["call", "nope"]);
    assert!(json(&out.stderr)["message"]
        .as_str()
        .unwrap()
        .contains("没有名为"));
}

#[test]
fn database_path_comes_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .args(["call", "app_info"])
        .env("QINQING_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json(&out.stdout)["databasePath"], db.display().to_string());
}

#[test]
fn list_shows_every_command_with_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let out = qinqing(&db, &["call", "--list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for entry in qinqing::commands::COMMANDS {
        assert!(text.contains(entry.name), "{text}");
    }
    assert!(
        text.contains("request  SetLanguageRequest = { language: Lang"),
        "{text}"
    );

    let out = qinqing(&db, &["call", "--list", "--json"]);
    let list = json(&out.stdout);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let declared: Vec<&str> = qinqing::commands::COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(names, declared);
    assert_eq!(&names[..3], ["app_info", "set_language", "audit_verify"]);
    assert_eq!(list[0]["response"]["name"], "AppInfo");
    assert!(!db.exists(), "listing needs no database");
}

#[test]
fn help_and_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("qinqing {}", env!("CARGO_PKG_VERSION"))
    );
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("call"), "{help}");
    assert!(help.contains("--db"), "{help}");
}

#[test]
fn bad_usage_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .args(["call"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_qinqing"))
        .args(["--lang", "fr", "call", "app_info"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn database_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    {
        let conn = crate::common::raw(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = qinqing(&db, &["--lang", "en", "call", "app_info"]);
    assert_eq!(out.status.code(), Some(1));
    let err = json(&out.stderr);
    assert_eq!(err["code"], "storage");
    assert!(
        err["message"].as_str().unwrap().contains("newer version"),
        "{err}"
    );
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file was changed"
    );
}

/// `qinqing demo` passes the demo command's access check like every other subcommand:
/// a staff member signed in with their own passphrase cannot fill the database with
/// invented records (the command line used to call the generator directly), and
/// nothing is added; the administrator, who keeps the directory, can.
#[test]
fn the_demo_generator_is_refused_to_staff_and_adds_nothing() {
    use crate::common::bureau::bureau;
    use crate::common::{call, qinqing_as};
    let b = bureau();
    b.as_("clerk");
    let count = || call(&b.core, "record_totals", serde_json::json!({}))["count"].clone();
    let before = count();
    let staff = b.person("staff");
    let refused = qinqing_as(
        &b.db,
        "A-02",
        &staff.passphrase,
        &["demo", "--records", "5"],
    );
    assert!(!refused.status.success());
    let error = json(&refused.stderr);
    assert_eq!(error["code"], "forbidden", "{error}");
    assert_eq!(count(), before);

    let admin = b.person("admin");
    let done = qinqing_as(
        &b.db,
        "A-01",
        &admin.passphrase,
        &["demo", "--records", "5"],
    );
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(count(), before.as_u64().unwrap() + 5);
}
