//! The encrypted store, with real files and real keys. Records entered with
//! distinctive text leave no byte of it in the database, its WAL, a backup or the key
//! file; SQLite without the key cannot read the database. Every wrong key is refused
//! with the files unchanged: a wrong passphrase, a missing, damaged or tampered key
//! file, another database's key file (an insider's own, in which their passphrase
//! works), a deactivated official's passphrase, a replaced recovery key. A plain
//! database from before encryption is encrypted at the administrator's sign-in with
//! every row and the audit chain intact and no plain copy left; the recovery key gives
//! an administrator a new passphrase after every passphrase is forgotten.

use std::path::Path;

use crate::common::bureau::bureau;
use crate::common::{call, dump, qinqing, qinqing_as};
use qinqing::core::{Core, SystemClock};
use qinqing::error::AppError;
use qinqing::gate::Gate;
use qinqing::paths::DataLocation;
use qinqing::store::keyslots::{key_file_path, KeyError};
use qinqing::store::vault::Credential;
use serde_json::json;

const PLACE: &str = "皇姑区秘宴甲乙丙丁戊";
const RECEIPT: &str = "ZEBRA-QUARTZ-7781";

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The rows of the database and the bytes of its key file: equal means nothing
/// changed.
fn files(db: &Path) -> (String, Vec<u8>) {
    (
        dump(db),
        std::fs::read(key_file_path(db)).unwrap_or_default(),
    )
}

fn unlock(db: &Path, credential: Credential<'_>) -> Result<Core, AppError> {
    Core::unlock(
        DataLocation::for_database(db),
        Some(qinqing::i18n::Lang::En),
        Box::new(SystemClock),
        "test:opener".into(),
        credential,
    )
}

fn key_error(result: Result<Core, AppError>) -> KeyError {
    match result {
        Err(AppError::Key(e)) => e,
        Err(other) => panic!("expected a key error, got {other:?}"),
        Ok(_) => panic!("expected a key error, the database opened"),
    }
}

#[test]
fn no_byte_of_the_records_text_is_in_the_database_its_wal_a_backup_or_the_key_file() {
    let b = bureau();
    b.as_("clerk");
    for day in ["2026-03-02", "2026-03-03", "2026-03-04"] {
        let mut meal = b.meal("staff", day);
        meal["body"]["meal"]["place"] = json!(PLACE);
        meal["body"]["meal"]["receiptNo"] = json!(RECEIPT);
        call(&b.core, "record_create", meal);
    }
    // The text is there for whoever signs in.
    let listed = call(&b.core, "record_list", json!({"filter": {"text": RECEIPT}}));
    assert_eq!(listed["items"].as_array().unwrap().len(), 3, "{listed}");
    let wal = b.db.with_file_name("q.sqlite3-wal");
    let wal_bytes = std::fs::read(&wal).unwrap();
    assert!(!wal_bytes.is_empty(), "the records are in the WAL still");
    b.as_("admin");
    let backup = b.db.with_file_name("backup.sqlite3");
    call(&b.core, "backup_create", json!({"path": backup}));
    for (what, bytes) in [
        ("database", std::fs::read(&b.db).unwrap()),
        ("WAL", wal_bytes),
        ("backup", std::fs::read(&backup).unwrap()),
        ("key file", std::fs::read(key_file_path(&b.db)).unwrap()),
        (
            "backup's key file",
            std::fs::read(key_file_path(&backup)).unwrap(),
        ),
    ] {
        for text in [PLACE, RECEIPT, "企业职工食堂", "SQLite format 3"] {
            assert!(!contains(&bytes, text), "{text} is readable in the {what}");
        }
    }
    // SQLite itself, without the key, reads nothing.
    for file in [&b.db, &backup] {
        let conn = rusqlite::Connection::open(file).unwrap();
        let err = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err();
        assert_eq!(
            err.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase),
            "{err}"
        );
    }
}

#[test]
fn every_wrong_key_is_refused_and_changes_nothing() {
    let b = bureau();
    let admin = b.person("admin");
    let staff = b.person("staff");
    // The database is locked: opening without a passphrase is refused.
    let before = files(&b.db);
    assert!(matches!(
        key_error(unlock(&b.db, Credential::Nothing)),
        KeyError::Locked
    ));
    // A wrong passphrase, for a profile that has a slot.
    assert!(matches!(
        key_error(unlock(
            &b.db,
            Credential::Profile {
                profile_id: admin.profile,
                passphrase: "passphrase-of-staff",
            }
        )),
        KeyError::WrongPassphrase
    ));
    // The staff member's own passphrase opens it (a legitimate user)...
    assert!(unlock(
        &b.db,
        Credential::Profile {
            profile_id: staff.profile,
            passphrase: &staff.passphrase,
        }
    )
    .is_ok());
    assert_eq!(files(&b.db).1, before.1, "opening rewrote no key slot");

    // A tampered slot: one character of the administrator's wrapped key changed.
    let keys = key_file_path(&b.db);
    let text = std::fs::read_to_string(&keys).unwrap();
    let theirs = text.find(&admin.profile.to_string()).unwrap();
    let marker = "\"ciphertext\": \"";
    let at = theirs + text[theirs..].find(marker).unwrap() + marker.len();
    let mut tampered = text.clone().into_bytes();
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&keys, &tampered).unwrap();
    assert!(matches!(
        key_error(unlock(
            &b.db,
            Credential::Profile {
                profile_id: admin.profile,
                passphrase: &admin.passphrase,
            }
        )),
        KeyError::WrongPassphrase
    ));
    // Damaged (not JSON) and missing key files.
    std::fs::write(&keys, b"{\"format\": 1, \"slots\": [").unwrap();
    assert!(matches!(
        key_error(unlock(&b.db, Credential::Nothing)),
        KeyError::KeyFileDamaged { .. }
    ));
    std::fs::remove_file(&keys).unwrap();
    let missing = key_error(unlock(&b.db, Credential::Nothing));
    assert!(matches!(missing, KeyError::KeyFileMissing(_)));
    assert!(
        missing
            .message(qinqing::i18n::Lang::ZhCn)
            .contains("找不到密钥文件"),
        "{}",
        missing.message(qinqing::i18n::Lang::ZhCn)
    );
    std::fs::write(&keys, text.as_bytes()).unwrap();

    // The insider's attack: the same administrator, same passphrase, on another
    // database of theirs; that database's key file put beside this one. The slot
    // opens (it is theirs), the key it gives does not open this database.
    let other = crate::common::bureau::separate_bureau();
    let other_admin = other.person("admin");
    std::fs::copy(key_file_path(&other.db), &keys).unwrap();
    assert!(matches!(
        key_error(unlock(
            &b.db,
            Credential::Profile {
                profile_id: other_admin.profile,
                passphrase: &other_admin.passphrase,
            }
        )),
        KeyError::KeyFileDamaged { .. }
    ));
    std::fs::write(&keys, text.as_bytes()).unwrap();
    assert_eq!(files(&b.db), before, "no refusal changed the files");
    // And with the right key file back, the right passphrase opens it.
    assert!(unlock(
        &b.db,
        Credential::Profile {
            profile_id: admin.profile,
            passphrase: &admin.passphrase,
        }
    )
    .is_ok());
}

#[test]
fn a_deactivated_officials_passphrase_no_longer_opens_the_database() {
    let b = bureau();
    let staff = b.person("staff");
    b.as_("admin");
    let profile = call(&b.core, "profile_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == json!(staff.profile))
        .unwrap()
        .clone();
    call(
        &b.core,
        "profile_update",
        json!({"id": staff.profile, "version": profile["version"], "administrator": false,
               "active": false, "reason": "调离"}),
    );
    let refused = key_error(unlock(
        &b.db,
        Credential::Profile {
            profile_id: staff.profile,
            passphrase: &staff.passphrase,
        },
    ));
    assert!(matches!(refused, KeyError::NoSlot(_)), "{refused:?}");
    // The slot's removal is in the audit log.
    let removed: i64 = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE entity = 'keySlot' AND action = 'remove' AND entity_id = ?1",
            [staff.profile.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(removed, 1);
    // At the door the refusal is a wrong passphrase, as for anyone unknown.
    let gate = Gate::open(
        DataLocation::for_database(&b.db),
        Some(qinqing::i18n::Lang::En),
        "test:door".into(),
    )
    .unwrap();
    assert!(gate.core().is_none(), "the database is locked");
    assert!(matches!(
        gate.sign_in(staff.profile, &staff.passphrase),
        Err(AppError::WrongPassphrase)
    ));
    assert!(gate.core().is_none());
}

#[test]
fn a_plain_database_from_before_is_encrypted_at_the_administrators_sign_in() {
    let b = bureau();
    b.as_("clerk");
    let mut meal = b.meal("staff", "2026-03-05");
    meal["body"]["meal"]["receiptNo"] = json!(RECEIPT);
    call(&b.core, "record_create", meal);
    // A database as the previous version left it: plain, no key file.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite3");
    qinqing::store::cipher::copy_plain(&b.db, &crate::common::insider_key(&b.db).unwrap(), &old)
        .unwrap();
    assert!(contains(&std::fs::read(&old).unwrap(), RECEIPT));
    let gate = Gate::open(
        DataLocation::for_database(&old),
        Some(qinqing::i18n::Lang::En),
        "test:upgrade".into(),
    )
    .unwrap();
    let core = gate.core().expect("a plain database opens as before");
    // A head's sign-in does not encrypt it (only an administrator's passphrase stands
    // for the database); the head backs it up, plain as it is.
    let head = b.person("head");
    gate.sign_in(head.profile, &head.passphrase).unwrap();
    let backup = call(&core, "backup_create", json!({}));
    let backup = std::path::PathBuf::from(backup["path"].as_str().unwrap());
    assert!(contains(&std::fs::read(&backup).unwrap(), RECEIPT));
    let audit_before = call(&core, "audit_verify", json!({}));
    assert_eq!(audit_before["problems"], json!([]));
    assert!(contains(&std::fs::read(&old).unwrap(), RECEIPT));
    assert!(!key_file_path(&old).exists());
    let before = dump(&old);
    // ...the administrator's does.
    let admin = b.person("admin");
    gate.sign_in(admin.profile, &admin.passphrase).unwrap();
    assert!(key_file_path(&old).exists());
    let after_bytes = std::fs::read(&old).unwrap();
    assert!(!contains(&after_bytes, RECEIPT));
    assert!(!contains(&after_bytes, "SQLite format 3"));
    // No plain copy left beside it, the backup made before included (encrypted under
    // the same key, its key slots beside it).
    let mut files = Vec::new();
    let mut folders = vec![dir.path().to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(files.contains(&backup), "{files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !contains(&bytes, RECEIPT),
            "{} holds plain text",
            file.display()
        );
    }
    assert!(key_file_path(&backup).exists());
    let records = |db: &Path| -> i64 {
        crate::common::raw(db)
            .unwrap()
            .query_row("SELECT count(*) FROM record", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        records(&backup),
        records(&old),
        "the backup keeps every record"
    );
    // The app goes on reading the same data, and its audit log vouches for it: the
    // encryption and the administrator's slot are the only new rows.
    let listed = call(&core, "record_list", json!({"filter": {"text": RECEIPT}}));
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let audit_after = call(&core, "audit_verify", json!({}));
    assert_eq!(audit_after["problems"], json!([]), "{audit_after}");
    assert_eq!(
        audit_after["head"]["seq"].as_i64().unwrap(),
        audit_before["head"]["seq"].as_i64().unwrap() + 2
    );
    drop(core);
    drop(gate);
    // Every row as it was; the two audit rows are all that is new.
    let after = dump(&old);
    let after_rows: Vec<&str> = after.lines().collect();
    for row in before.lines() {
        assert!(after_rows.contains(&row), "lost in encryption: {row}");
    }
    let new_rows: Vec<&str> = after
        .lines()
        .filter(|row| !before.lines().any(|b| b == *row))
        .collect();
    assert_eq!(new_rows.len(), 2, "{new_rows:#?}");
    assert!(
        new_rows.iter().all(|r| r.contains("keySlot")),
        "{new_rows:#?}"
    );
    // Locked now: only a passphrase opens it.
    assert!(matches!(
        key_error(unlock(&old, Credential::Nothing)),
        KeyError::Locked
    ));
}

#[test]
fn the_recovery_key_gives_an_administrator_a_new_passphrase_after_all_are_forgotten() {
    let b = bureau();
    b.as_("admin");
    let first = call(&b.core, "recovery_key_issue", json!({}));
    let second = call(&b.core, "recovery_key_issue", json!({}));
    let old_key = first["recoveryKey"].as_str().unwrap().to_owned();
    let key = second["recoveryKey"].as_str().unwrap().to_owned();
    assert_eq!(key.len(), 39, "{key}");
    let admin = b.person("admin").profile;
    let db = b.db.clone();

    // Everyone forgot their passphrase. The door stays shut to guesses and to the
    // replaced recovery key...
    let gate = Gate::open(DataLocation::for_database(&db), None, "test:door".into()).unwrap();
    let before = files(&db);
    for wrong in [
        old_key.as_str(),
        "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
        "nonsense",
    ] {
        let refused = gate
            .call(
                "passphrase_recover",
                json!({"recoveryKey": wrong, "profileId": admin, "newPassphrase": "a new passphrase"}),
            )
            .unwrap_err();
        assert!(
            matches!(refused, AppError::Key(KeyError::WrongRecoveryKey)),
            "{refused:?}"
        );
        assert!(gate.core().is_none());
    }
    assert_eq!(files(&db), before);
    // ...and opens to the current one, typed carelessly.
    let typed = key.to_lowercase().replace('-', " ");
    let session = gate
        .call(
            "passphrase_recover",
            json!({"recoveryKey": typed, "profileId": admin, "newPassphrase": "a new passphrase"}),
        )
        .unwrap();
    assert_eq!(session["user"]["profile"]["id"], json!(admin), "{session}");
    drop(gate);
    // From now on the new passphrase opens it, the old one no longer.
    assert!(unlock(
        &db,
        Credential::Profile {
            profile_id: admin,
            passphrase: "a new passphrase"
        }
    )
    .is_ok());
    assert!(matches!(
        key_error(unlock(
            &db,
            Credential::Profile {
                profile_id: admin,
                passphrase: "passphrase-of-admin"
            }
        )),
        KeyError::WrongPassphrase
    ));
}

#[test]
fn the_cli_opens_a_locked_database_with_as_or_the_recovery_key_file() {
    let b = bureau();
    b.as_("admin");
    let issued = call(&b.core, "recovery_key_issue", json!({}));
    let admin = b.person("admin").profile.to_string();
    let db = b.db.clone();
    // Without a passphrase: locked, said in words, exit code non-zero.
    let locked = qinqing(&db, &["--lang", "en", "call", "record_list", "{}"]);
    assert!(!locked.status.success());
    let said = String::from_utf8_lossy(&locked.stderr);
    assert!(said.contains("locked"), "{said}");
    // The sign-in screen's question works locked: who may sign in.
    let session = qinqing(&db, &["call", "session_get", "{}"]);
    assert!(session.status.success());
    let session: serde_json::Value = serde_json::from_slice(&session.stdout).unwrap();
    assert_eq!(session["locked"], true);
    assert!(session["profiles"].as_array().unwrap().len() >= 4);
    // With --as and the passphrase.
    let listed = qinqing_as(
        &db,
        &admin,
        "passphrase-of-admin",
        &["call", "record_list", "{}"],
    );
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let wrong = qinqing_as(
        &db,
        &admin,
        "passphrase-of-nobody",
        &["call", "record_list", "{}"],
    );
    assert!(!wrong.status.success());
    // With the recovery key in a file: the administrator gets a new passphrase.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recovery.txt");
    std::fs::write(
        &file,
        format!("{}\n", issued["recoveryKey"].as_str().unwrap()),
    )
    .unwrap();
    let request = json!({"profileId": admin, "newPassphrase": "laptop passphrase"}).to_string();
    let recovered = qinqing(
        &db,
        &[
            "--recovery-key-file",
            file.to_str().unwrap(),
            "call",
            "passphrase_recover",
            &request,
        ],
    );
    assert!(
        recovered.status.success(),
        "{}",
        String::from_utf8_lossy(&recovered.stderr)
    );
    let listed = qinqing_as(
        &db,
        &admin,
        "laptop passphrase",
        &["call", "record_list", "{}"],
    );
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
}

#[test]
fn a_backup_of_another_key_is_restored_only_with_a_passphrase_it_knows() {
    let b = bureau();
    let other = crate::common::bureau::separate_bureau();
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.sqlite3");
    other.as_("admin");
    call(&other.core, "backup_create", json!({"path": foreign}));
    b.as_("admin");
    let before = dump(&b.db);
    let refused = b
        .try_call("backup_restore", json!({"path": foreign, "dryRun": true}))
        .unwrap_err();
    assert!(
        matches!(refused, AppError::Key(KeyError::Locked)),
        "{refused:?}"
    );
    // This administrator's passphrase is not in that backup's key slots.
    let refused = b
        .try_call(
            "backup_restore",
            json!({"path": foreign, "dryRun": true, "passphrase": "passphrase-of-admin"}),
        )
        .unwrap_err();
    assert!(
        matches!(refused, AppError::Key(KeyError::NoSlot(_))),
        "{refused:?}"
    );
    assert_eq!(dump(&b.db), before);
    // Its own recovery key opens it: the dry run reads it.
    let issued = call(&other.core, "recovery_key_issue", json!({}));
    other.as_("admin");
    call(&other.core, "backup_create", json!({"path": foreign}));
    let report = call(
        &b.core,
        "backup_restore",
        json!({"path": foreign, "dryRun": true, "recoveryKey": issued["recoveryKey"]}),
    );
    assert_eq!(report["restored"], false);
    assert!(
        report["summary"]["auditRows"].as_i64().unwrap() > 0,
        "{report}"
    );
    // The CLI the same: refused without the backup's key, read with its recovery key.
    let admin = b.person("admin").profile.to_string();
    let foreign_arg = foreign.to_string_lossy().into_owned();
    let refused = qinqing_as(
        &b.db,
        &admin,
        "passphrase-of-admin",
        &["--lang", "en", "restore", &foreign_arg, "--dry-run"],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("no key to this database"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let key_file = dir.path().join("foreign-recovery.txt");
    std::fs::write(&key_file, issued["recoveryKey"].as_str().unwrap()).unwrap();
    let read = qinqing_as(
        &b.db,
        &admin,
        "passphrase-of-admin",
        &[
            "restore",
            &foreign_arg,
            "--dry-run",
            "--backup-recovery-key-file",
            key_file.to_str().unwrap(),
        ],
    );
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    assert_eq!(dump(&b.db), before);
}
