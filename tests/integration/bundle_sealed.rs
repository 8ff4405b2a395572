//! Bundles sealed to the hub (HPKE to the bundle key its directory bundle gave the
//! spoke), with real keys and real files: a field bundle holds no readable byte of
//! its records; only the hub opens it. Another bureau, the spoke itself, a changed
//! byte, and the hub's own insider passing the bundle on (re-encrypted to another
//! bureau, or decrypted in the clear) are each refused by name with nothing changed.

use std::path::Path;

use qinqing::bundle::{recipient, sealed};
use qinqing::core::Core;
use qinqing::error::AppError;
use qinqing::paths::DataLocation;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, separate_bureau, Bureau, TestClock};
use crate::common::{call, dump};

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The hub's directory taken by a fresh laptop, whose staff member then registers a
/// meal and exports it.
fn field_bundle(hub: &Bureau, dir: &Path) -> (Core, std::path::PathBuf, Value) {
    hub.as_("admin");
    let directory = dir.join("directory.qqb");
    let exported = call(
        &hub.core,
        "directory_bundle_export",
        json!({"path": directory.to_string_lossy(), "passphrase": hub.person("admin").passphrase}),
    );
    // A directory bundle is for every spoke: signed, not sealed.
    assert_eq!(exported["sealedTo"], Value::Null);
    assert!(std::fs::read(&directory)
        .unwrap()
        .starts_with(b"QINQING-BUNDLE 5\n"));
    let spoke = Core::open(
        DataLocation::for_database(&dir.join("spoke.sqlite3")),
        Some(qinqing::i18n::Lang::En),
        Box::new(TestClock::at("2026-03-16T08:00:00Z")),
        "test:spoke".into(),
    )
    .unwrap();
    let dry = call(
        &spoke,
        "bundle_import",
        json!({"path": directory.to_string_lossy(), "dryRun": true}),
    );
    call(
        &spoke,
        "bundle_import",
        json!({"path": directory.to_string_lossy(), "trustFingerprint": dry["fingerprintToCompare"]}),
    );
    let staff = hub.person("staff");
    let profile = call(
        &spoke,
        "profile_create",
        json!({"officialId": staff.official, "administrator": true, "passphrase": "laptop passphrase"}),
    );
    spoke.set_session(Some(profile["id"].as_str().unwrap().parse().unwrap()));
    let mut meal = hub.meal("staff", "2026-03-16");
    meal["body"]["meal"]["receiptNo"] = json!("OTTER-LANTERN-5531");
    call(&spoke, "record_create", meal);
    let field = dir.join("field.qqb");
    let exported = call(
        &spoke,
        "bundle_export",
        json!({"path": field.to_string_lossy(), "passphrase": "laptop passphrase"}),
    );
    (spoke, field, exported)
}

fn bundle_refusal(result: Result<Value, AppError>) -> String {
    let err = result.expect_err("the bundle is refused");
    let payload = err.to_payload(qinqing::i18n::Lang::En);
    assert_eq!(
        payload.field.as_ref().map(|f| f.len()),
        Some(1),
        "{payload:?}"
    );
    payload.message
}

#[test]
fn a_field_bundle_is_readable_only_by_the_hub() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (spoke, field, exported) = field_bundle(&hub, dir.path());
    let hub_key = recipient::own_keys(&hub.core.reader()).unwrap();
    assert_eq!(
        hub_key.len(),
        1,
        "the hub made its bundle key at the directory export"
    );
    assert_eq!(exported["sealedTo"], json!(hub_key[0].fingerprint()));
    let bytes = std::fs::read(&field).unwrap();
    assert!(bytes.starts_with(b"QINQING-SEALED 1\n"));
    for readable in [
        "OTTER-LANTERN-5531",
        "企业职工食堂",
        "李明",
        "A-02",
        "QINQING-BUNDLE",
        "records",
    ] {
        assert!(
            !contains(&bytes, readable),
            "{readable} is readable in the bundle"
        );
    }
    // The hub opens it: the signer is the laptop's key, to be compared and accepted.
    hub.as_("admin");
    let dry = hub
        .try_call(
            "bundle_import",
            json!({"path": field.to_string_lossy(), "dryRun": true}),
        )
        .unwrap();
    assert_eq!(dry["counts"]["new"], 1, "{dry}");
    let done = hub
        .try_call(
            "bundle_import",
            json!({"path": field.to_string_lossy(), "trustFingerprint": dry["signerFingerprint"]}),
        )
        .unwrap();
    assert_eq!(done["counts"]["new"], 1, "{done}");
    let found = call(
        &hub.core,
        "record_list",
        json!({"filter": {"text": "OTTER-LANTERN-5531"}}),
    );
    assert_eq!(found["items"].as_array().unwrap().len(), 1);

    // The laptop that sealed it cannot open it again.
    let refused = bundle_refusal(qinqing::commands::dispatch(
        &spoke,
        "bundle_import",
        json!({"path": field.to_string_lossy(), "dryRun": true}),
    ));
    assert!(
        refused.contains("encrypted for another bureau"),
        "{refused}"
    );
}

#[test]
fn another_bureau_a_changed_byte_and_the_hubs_insider_passing_it_on_are_refused() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (_spoke, field, _) = field_bundle(&hub, dir.path());
    let bytes = std::fs::read(&field).unwrap();

    // Another bureau (with a bundle key of its own) cannot read it.
    let other = separate_bureau();
    other.as_("admin");
    call(
        &other.core,
        "directory_bundle_export",
        json!({"path": dir.path().join("other-directory.qqb").to_string_lossy(),
               "passphrase": other.person("admin").passphrase}),
    );
    let before_other = dump(&other.db);
    let refused = bundle_refusal(other.try_call(
        "bundle_import",
        json!({"path": field.to_string_lossy(), "dryRun": true}),
    ));
    assert!(
        refused.contains("encrypted for another bureau"),
        "{refused}"
    );

    // A changed byte of the ciphertext, or of the header that names the recipient.
    hub.as_("admin");
    let before_hub = dump(&hub.db);
    let mut changed = bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    let altered = dir.path().join("altered.qqb");
    std::fs::write(&altered, &changed).unwrap();
    let refused = bundle_refusal(hub.try_call(
        "bundle_import",
        json!({"path": altered.to_string_lossy(), "dryRun": true}),
    ));
    assert!(refused.contains("altered"), "{refused}");
    let text = String::from_utf8_lossy(&bytes[..200]).into_owned();
    let enc_at = text.find("\"enc\":\"").unwrap() + 10;
    let mut changed = bytes.clone();
    changed[enc_at] = if changed[enc_at] == b'A' { b'B' } else { b'A' };
    std::fs::write(&altered, &changed).unwrap();
    let refused = bundle_refusal(hub.try_call(
        "bundle_import",
        json!({"path": altered.to_string_lossy(), "dryRun": true}),
    ));
    assert!(refused.contains("altered"), "{refused}");

    // The hub's insider, with the hub's database and so its bundle key, decrypts the
    // spoke's bundle and re-encrypts it to the other bureau, as if sent to them...
    let hub_keys = recipient::own_keys(&hub.core.reader()).unwrap();
    let inner = sealed::open(&bytes, hub_keys.first()).unwrap();
    assert!(inner.starts_with(b"QINQING-BUNDLE 5\n"));
    let other_public = recipient::own_keys(&other.core.reader()).unwrap()[0]
        .public_bytes()
        .to_vec();
    let forwarded = dir.path().join("forwarded.qqb");
    std::fs::write(
        &forwarded,
        sealed::seal(&other_public, &inner, &mut rand_core::OsRng).unwrap(),
    )
    .unwrap();
    let refused = bundle_refusal(other.try_call(
        "bundle_import",
        json!({"path": forwarded.to_string_lossy(), "dryRun": true}),
    ));
    assert!(
        refused.contains("encrypted for another bureau"),
        "{refused}"
    );
    // ...or passes it on decrypted: still signed for the hub, so refused the same way.
    let clear = dir.path().join("clear.qqb");
    std::fs::write(&clear, &inner).unwrap();
    let refused = bundle_refusal(other.try_call(
        "bundle_import",
        json!({"path": clear.to_string_lossy(), "dryRun": true}),
    ));
    assert!(
        refused.contains("encrypted for another bureau"),
        "{refused}"
    );
    assert_eq!(
        dump(&other.db),
        before_other,
        "no refusal changed the other bureau"
    );
    assert_eq!(dump(&hub.db), before_hub, "no refusal changed the hub");
}
