//! Hostile files and an ordinary login, tried against the real app on a real file:
//! every file-taking command refuses a device and a pipe promptly (a FIFO would block
//! the open forever, `/dev/zero` never ends) with a clear error and nothing changed;
//! the hostile workbooks are refused before the reader builds anything; and what a
//! role may not do it cannot do by asking the core directly.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use qinqing::domain::access::Action;
use qinqing::error::{AppError, ErrorCode, Problem};
use serde_json::{json, Value};

use crate::common::bureau::{bureau, Bureau};
use crate::common::{call, dump};
use crate::register_sign::{approved_meal, sign};

/// `request` run by `core` on another thread; a call that does not come back within
/// twenty seconds (a blocked open, an endless read) fails the test.
fn promptly(b: &Bureau, command: &'static str, request: Value) -> Result<Value, AppError> {
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let _ = tx.send(b.try_call(command, request));
        });
        rx.recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{command} did not come back: it blocked or read forever"))
    })
}

#[cfg(unix)]
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    path
}

#[cfg(unix)]
#[test]
fn every_file_taking_command_refuses_a_device_and_a_pipe_promptly() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    b.as_("clerk");
    let record = call(&b.core, "record_create", b.meal("staff", "2026-03-02"));
    let pipe = fifo(dir.path());
    b.as_("admin");
    let before = dump(&b.db);
    for special in [Path::new("/dev/zero"), pipe.as_path()] {
        let path = special.to_string_lossy().into_owned();
        let requests: [(&str, &'static str, Value); 7] = [
            (
                "clerk",
                "attachment_add",
                json!({"recordId": record["id"], "path": path}),
            ),
            (
                "admin",
                "bundle_import",
                json!({"path": path, "dryRun": true}),
            ),
            ("admin", "sheet_inspect", json!({"path": path})),
            ("inspector", "register_verify", json!({"path": path})),
            (
                "staff",
                "key_import",
                json!({"path": path, "p12Password": "x", "passphrase": "passphrase-of-staff"}),
            ),
            (
                "admin",
                "ca_import",
                json!({"path": path, "p12Password": "x", "passphrase": "passphrase-of-admin"}),
            ),
            (
                "admin",
                "backup_restore",
                json!({"path": path, "dryRun": true}),
            ),
        ];
        for (who, command, request) in requests {
            b.as_(who);
            let refused = promptly(&b, command, request).unwrap_err();
            assert!(
                matches!(&refused, AppError::Validation { problem: Problem::NotAFile, field } if field == &vec!["path".into()]),
                "{command} on {path}: {refused:?}"
            );
            let message = refused.to_payload(qinqing::i18n::Lang::ZhCn).message;
            assert!(message.contains("不是普通文件"), "{message}");
        }
    }
    assert!(dump(&b.db) == before, "a refused file changed the database");
}

#[test]
fn an_attachment_is_refused_before_its_file_is_read_when_the_record_is_not_yours() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    b.as_("other");
    let theirs = call(&b.core, "record_create", b.meal("other", "2026-03-02"));
    // A file that does not exist: refused for who is asking, not for the file.
    let missing = dir.path().join("never-read.pdf");
    b.as_("staff");
    let refused = b
        .try_call(
            "attachment_add",
            json!({"recordId": theirs["id"], "path": missing.to_string_lossy()}),
        )
        .unwrap_err();
    assert!(
        matches!(
            refused,
            AppError::Forbidden {
                action: Action::EnterRecord
            }
        ),
        "{refused:?}"
    );
}

#[test]
fn the_hostile_workbooks_are_refused_with_a_clear_message_and_nothing_changes() {
    let b = bureau();
    b.as_("admin");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let before = dump(&b.db);
    for (file, zh, en) in [
        ("far-apart-cells.xlsx", "XFD1048576", "beyond what is read"),
        ("inflates.xlsx", "解压后超过", "inflates beyond"),
        ("lies-about-its-size.xlsx", "已损坏", "damaged"),
    ] {
        let path = fixtures.join(file);
        let refused =
            promptly(&b, "sheet_inspect", json!({"path": path.to_string_lossy()})).unwrap_err();
        // What the UI receives: a validation error on the `path` field.
        assert!(
            refused.code() == ErrorCode::Validation && refused.field() == Some(vec!["path".into()]),
            "{file}: {refused:?}"
        );
        let zh_message = refused.to_payload(qinqing::i18n::Lang::ZhCn).message;
        let en_message = refused.to_payload(qinqing::i18n::Lang::En).message;
        assert!(zh_message.contains(zh), "{file}: {zh_message}");
        assert!(en_message.contains(en), "{file}: {en_message}");
    }
    assert!(dump(&b.db) == before);
}

#[test]
fn only_administrators_and_heads_write_a_backup() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let before = dump(&b.db);
    for who in ["staff", "clerk", "leader", "inspector", "other"] {
        b.as_(who);
        let target = dir.path().join(format!("{who}.sqlite3"));
        let refused = b
            .try_call("backup_create", json!({"path": target.to_string_lossy()}))
            .unwrap_err();
        assert!(
            matches!(
                refused,
                AppError::Forbidden {
                    action: Action::BackupDatabase
                }
            ),
            "{who}: {refused:?}"
        );
        assert!(!target.exists(), "{who} wrote a backup");
    }
    assert!(dump(&b.db) == before);
    for who in ["admin", "head"] {
        b.as_(who);
        let target = dir.path().join(format!("{who}.sqlite3"));
        call(
            &b.core,
            "backup_create",
            json!({"path": target.to_string_lossy()}),
        );
        assert!(target.exists());
    }
}

#[test]
fn staff_enter_only_their_departments_records_and_not_into_a_signed_month() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    // Department B's record naming the staff member of A: still B's to enter.
    b.as_("staff");
    let mut elsewhere = b.meal("staff", "2026-03-05");
    elsewhere["departmentId"] = json!(b.dept_b);
    let before = dump(&b.db);
    let refused = b.try_call("record_create", elsewhere).unwrap_err();
    assert!(
        matches!(
            refused,
            AppError::Forbidden {
                action: Action::EnterRecord
            }
        ),
        "{refused:?}"
    );
    assert!(dump(&b.db) == before);

    // March signed: a new March record is a late registration, the head's.
    approved_meal(&b, "2026-03-02");
    sign(&b, &dir.path().join("march.pdf")).unwrap();
    let before = dump(&b.db);
    for who in ["staff", "clerk"] {
        b.as_(who);
        let refused = b
            .try_call("record_create", b.meal("staff", "2026-03-20"))
            .unwrap_err();
        assert!(
            matches!(
                refused,
                AppError::Forbidden {
                    action: Action::RegisterLate
                }
            ),
            "{who}: {refused:?}"
        );
    }
    // Nor moved there by an amendment of an April record.
    b.as_("staff");
    let april = call(&b.core, "record_create", b.meal("staff", "2026-04-02"));
    let before_move = dump(&b.db);
    let mut moved = b.meal("staff", "2026-03-21");
    moved["id"] = april["id"].clone();
    moved["version"] = json!(1);
    moved["reason"] = json!("日期更正");
    let refused = b.try_call("record_update", moved).unwrap_err();
    assert!(
        matches!(
            refused,
            AppError::Forbidden {
                action: Action::RegisterLate
            }
        ),
        "{refused:?}"
    );
    assert!(dump(&b.db) == before_move);
    drop(before);
    // The head registers it late.
    b.as_("head");
    call(&b.core, "record_create", b.meal("staff", "2026-03-20"));
}

#[test]
fn the_permissions_document_is_current() {
    let generated = qinqing::commands::permissions::markdown();
    let committed = crate::common::committed_doc("docs/permissions.md", &generated);
    assert!(
        committed == generated,
        "docs/permissions.md is stale: run make docs"
    );
    for entry in qinqing::commands::COMMANDS {
        assert!(committed.contains(&format!("`{}`", entry.name)));
    }
}

/// A key as the previous version kept it: PKCS#8 under scrypt N = 2^13 (8 MiB).
fn weakly_encrypted(pem: &str, passphrase: &str) -> String {
    use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
    let secret = p256::SecretKey::from_pkcs8_encrypted_pem(pem, passphrase.as_bytes()).unwrap();
    let plain = secret.to_pkcs8_der().unwrap();
    let info = pkcs8::PrivateKeyInfo::try_from(plain.as_bytes()).unwrap();
    let params = pkcs8::pkcs5::pbes2::Parameters::scrypt_aes256cbc(
        pkcs8::pkcs5::scrypt::Params::new(13, 8, 1, 32).unwrap(),
        &[7u8; 16],
        &[9u8; 16],
    )
    .unwrap();
    info.encrypt_with_params(params, passphrase.as_bytes())
        .unwrap()
        .to_pem("ENCRYPTED PRIVATE KEY", pkcs8::LineEnding::LF)
        .unwrap()
        .to_string()
}

#[test]
fn secrets_kept_under_the_old_parameters_are_strengthened_at_the_next_sign_in() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    use qinqing::signing::{keys, passphrase};
    use qinqing::store::{bureau_root, profiles};
    let b = bureau();
    let admin = b.person("admin");
    // The administrator's secrets as the previous version wrote them: an Argon2id hash
    // with the library's defaults (19 MiB), the key and the root slot under 8 MiB
    // scrypt — written through the audited store, as that version did.
    {
        let conn = crate::common::raw(&b.db).unwrap();
        let stamp = b.core.stamp();
        let profile = profiles::get(&conn, admin.profile).unwrap().unwrap();
        let old_hash = argon2::Argon2::default()
            .hash_password(
                admin.passphrase.as_bytes(),
                &SaltString::generate(&mut rand_core::OsRng),
            )
            .unwrap()
            .to_string();
        profiles::update(
            &conn,
            &stamp,
            admin.profile,
            profile.version,
            &profiles::ProfileChange {
                administrator: true,
                active: true,
                passphrase_hash: Some(&old_hash),
            },
            "passphrase",
        )
        .unwrap();
        let key = profiles::current_key(&conn, admin.profile)
            .unwrap()
            .unwrap();
        profiles::rewrap_key(
            &conn,
            &stamp,
            key.id,
            &weakly_encrypted(&key.encrypted_key, &admin.passphrase),
        )
        .unwrap();
        let slot = bureau_root::slot_of(&conn, admin.profile).unwrap().unwrap();
        let root = bureau_root::current(&conn).unwrap().unwrap();
        bureau_root::put_slot(
            &conn,
            &stamp,
            admin.profile,
            &root.fingerprint,
            &weakly_encrypted(&slot, &admin.passphrase),
        )
        .unwrap();
    }
    let weak = |conn: &rusqlite::Connection| {
        let profile = profiles::get(conn, admin.profile).unwrap().unwrap();
        let key = profiles::current_key(conn, admin.profile).unwrap().unwrap();
        let slot = bureau_root::slot_of(conn, admin.profile).unwrap().unwrap();
        (
            passphrase::is_weak(&profile.passphrase_hash),
            keys::is_weak(&key.encrypted_key),
            keys::is_weak(&slot),
            key.fingerprint,
        )
    };
    let (hash, key, slot, fingerprint) = weak(&b.core.reader());
    assert!(hash && key && slot);
    // A wrong passphrase changes nothing.
    let before = dump(&b.db);
    let wrong = b.try_call(
        "session_sign_in",
        json!({"profileId": admin.profile, "passphrase": "not the passphrase"}),
    );
    assert!(matches!(wrong, Err(AppError::WrongPassphrase)), "{wrong:?}");
    assert!(dump(&b.db) == before);
    // The right one: everything re-encrypted, the same key, audited, and it signs.
    call(
        &b.core,
        "session_sign_in",
        json!({"profileId": admin.profile, "passphrase": admin.passphrase}),
    );
    let (hash, key, slot, same) = weak(&b.core.reader());
    assert!(!hash && !key && !slot, "still weak: {hash} {key} {slot}");
    assert_eq!(same, fingerprint, "the key is the same key");
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
    let conn = b.core.reader();
    let actions: Vec<String> = conn
        .prepare("SELECT action FROM audit ORDER BY seq DESC LIMIT 3")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);
    assert!(actions.contains(&"rehash".to_owned()), "{actions:?}");
    assert!(actions.contains(&"rewrap".to_owned()), "{actions:?}");
    qinqing::keyring::unlock_key(&b.core.reader(), admin.profile, &admin.passphrase).unwrap();
}
