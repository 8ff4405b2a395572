//! Backup and restore on real SQLite files: a backup taken while another process
//! keeps writing is one consistent state; restoring brings the data back exactly,
//! keeps the replaced database, and is recorded in the audit log; a file that is not
//! a database, a damaged or truncated one, one from a newer app, and one whose data
//! was changed behind its audit log are each refused on the path with nothing
//! changed; the daily backup is made once a day and old ones go by the retention.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::common::bureau::bureau;
use crate::common::{call, dump};
use chrono::Duration;
use qinqing::core::{Core, SystemClock};
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

fn count(db: &Path) -> i64 {
    crate::common::raw(db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM record", [], |r| r.get(0))
        .unwrap()
}

/// What the audit log of a database file says about its data (no one need sign in:
/// this reads the file the way an inspector's copy would be checked).
fn audit_of(db: &Path) -> Value {
    let conn = crate::common::raw(db).unwrap();
    serde_json::to_value(qinqing::store::integrity::verify(&conn).unwrap()).unwrap()
}

#[test]
fn a_backup_taken_during_continuous_writes_is_consistent() {
    let b = bureau();
    let db = b.db.clone();
    let clerk = b.person("clerk").profile;
    let meal = b.meal("staff", "2026-03-02");
    let stop = Arc::new(AtomicBool::new(false));
    let admin = b.person("admin");
    let (admin, passphrase) = (admin.profile, admin.passphrase.clone());
    // Another process's worth of writes: its own core and connection on the same file.
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let core = Core::unlock(
                DataLocation::for_database(&db),
                None,
                Box::new(SystemClock),
                "test:writer".into(),
                qinqing::store::vault::Credential::Profile {
                    profile_id: admin,
                    passphrase: &passphrase,
                },
            )
            .unwrap();
            core.set_session(Some(clerk));
            let mut written = 0;
            while !stop.load(Ordering::Relaxed) {
                call(&core, "record_create", meal.clone());
                written += 1;
            }
            written
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let mut sizes = Vec::new();
    for i in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(150));
        let target = dir.path().join(format!("during-{i}.sqlite3"));
        let made = call(&b.core, "backup_create", json!({"path": target}));
        sizes.push(made["bytes"].as_u64().unwrap());
        assert!(!dir.path().join(format!("during-{i}.sqlite3-wal")).exists());
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 5, "the writer kept writing ({written} records)");
    let mut counts = Vec::new();
    for i in 0..5 {
        let target = dir.path().join(format!("during-{i}.sqlite3"));
        let check: String = crate::common::raw(&target)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let report = audit_of(&target);
        assert_eq!(report["problems"], json!([]), "backup {i}: {report}");
        counts.push(count(&target));
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(
        counts[4] > counts[0],
        "the backups saw the writes: {counts:?}"
    );
}

#[test]
fn restore_brings_the_data_back_keeps_the_replaced_database_and_is_audited() {
    let b = bureau();
    b.as_("clerk");
    call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("monday.sqlite3");
    b.as_("admin");
    call(&b.core, "backup_create", json!({"path": backup}));
    b.as_("clerk");
    let at_backup = dump(&backup);
    // Work after the backup, then restore it (an administrator restores).
    call(&b.core, "record_create", b.meal("staff", "2026-03-03"));
    call(&b.core, "record_create", b.meal("staff", "2026-03-04"));
    assert_eq!(count(&b.db), 3);
    b.as_("admin");
    let dry = call(
        &b.core,
        "backup_restore",
        json!({"path": backup, "dryRun": true}),
    );
    assert_eq!(dry["restored"], false);
    assert_eq!(dry["summary"]["records"], 1);
    assert_eq!(count(&b.db), 3, "a dry run changes nothing");
    let done = call(&b.core, "backup_restore", json!({"path": backup}));
    assert_eq!(done["restored"], true);
    assert_eq!(count(&b.db), 1);
    let kept = done["keptAs"].as_str().unwrap();
    assert_eq!(count(Path::new(kept)), 3, "the replaced database is kept");
    // The restored database is the backup plus one audit row saying so.
    let report = call(&b.core, "audit_verify", json!({}));
    assert_eq!(report["problems"], json!([]), "{report}");
    let last: (String, String) = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT action, after FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(last.0, "restore");
    assert!(last.1.contains("monday.sqlite3"), "{}", last.1);
    let restored = dump(&b.db);
    // Every table but the audit log, which has the restore's row on top.
    let audit_free = |d: &str| {
        d.split("## ")
            .filter(|section| !section.starts_with("audit\n"))
            .collect::<Vec<_>>()
            .join("## ")
    };
    assert_eq!(audit_free(&restored), audit_free(&at_backup));
    // Listed with the kept one.
    let list = call(&b.core, "backup_list", json!({}));
    assert!(list["backups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["path"] == kept));
}

#[test]
fn a_bad_backup_is_refused_on_its_path_and_nothing_changes() {
    let b = bureau();
    b.as_("clerk");
    call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sqlite3");
    b.as_("admin");
    call(&b.core, "backup_create", json!({"path": good}));
    b.as_("admin");

    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "这不是数据库").unwrap();
    let truncated = dir.path().join("truncated.sqlite3");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let newer = dir.path().join("newer.sqlite3");
    crate::common::copy_database(&good, &newer);
    crate::common::raw(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let edited = dir.path().join("edited.sqlite3");
    crate::common::copy_database(&good, &edited);
    crate::common::raw(&edited)
        .unwrap()
        .execute("UPDATE record SET amount_fen = amount_fen + 100", [])
        .unwrap();
    let missing = dir.path().join("missing.sqlite3");

    let before = dump(&b.db);
    for (file, why) in [
        (&text, "not a database"),
        (&truncated, "truncated"),
        (&newer, "newer"),
        (&edited, "edited behind the audit log"),
        (&missing, "missing"),
    ] {
        let refused = b
            .try_call("backup_restore", json!({"path": file}))
            .unwrap_err();
        assert_eq!(
            refused.field(),
            Some(vec!["path".into()]),
            "{why}: {refused}"
        );
        assert_eq!(dump(&b.db), before, "{why}: nothing changed");
    }
    // Only administrators restore.
    b.as_("head");
    let forbidden = b
        .try_call("backup_restore", json!({"path": good}))
        .unwrap_err();
    assert_eq!(forbidden.code(), qinqing::error::ErrorCode::Forbidden);
    assert_eq!(dump(&b.db), before);
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_old_ones_go() {
    let b = bureau();
    b.as_("admin");
    call(&b.core, "backup_retention_save", json!({"retention": 2}));
    let bad = b
        .try_call("backup_retention_save", json!({"retention": 0}))
        .unwrap_err();
    assert_eq!(bad.field(), Some(vec!["retention".into()]));
    let automatic = || {
        call(&b.core, "backup_list", json!({}))["backups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["automatic"] == true)
            .map(|f| f["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(!call(&b.core, "backup_daily", json!({})).is_null());
    assert!(
        call(&b.core, "backup_daily", json!({})).is_null(),
        "once a day"
    );
    assert_eq!(automatic().len(), 1);
    for _ in 0..3 {
        b.clock.advance(Duration::days(1));
        assert!(!call(&b.core, "backup_daily", json!({})).is_null());
    }
    let kept = automatic();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept[0] > kept[1], "newest first: {kept:?}");
    assert!(kept[0].contains("-auto-20260318-"), "{kept:?}");
}

/// A backup left plain beside an encrypted database (its encryption failed when the
/// database was encrypted, or someone put a plain copy there) is readable by anyone with
/// the file: the list says so for that one and only that one.
#[test]
fn a_plain_backup_beside_an_encrypted_database_is_flagged_in_the_list() {
    let b = bureau();
    b.as_("admin");
    let made = call(&b.core, "backup_create", json!({}));
    let encrypted = made["path"].as_str().unwrap().to_owned();
    let folder = Path::new(&encrypted).parent().unwrap().to_owned();
    let stem = b.db.file_stem().unwrap().to_string_lossy().into_owned();
    let plain = folder.join(format!("{stem}-manual-20260101-000000.sqlite3"));
    qinqing::store::cipher::copy_plain(&b.db, &crate::common::insider_key(&b.db).unwrap(), &plain)
        .unwrap();
    let listed = call(&b.core, "backup_list", json!({}));
    let flag = |path: &str| -> Value {
        listed["backups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path} not listed: {listed}"))["unencrypted"]
            .clone()
    };
    assert_eq!(flag(&encrypted), json!(false));
    assert_eq!(flag(&plain.to_string_lossy()), json!(true));
}
