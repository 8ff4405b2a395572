use super::*;

#[test]
fn a_wrong_passphrase_changes_nothing_and_signs_nobody_in() {
    let b = bureau();
    let item = b.draft("staff");
    b.as_("staff");
    let before = dump(&b.db);
    let err = b
        .try_call(
            "record_review",
            json!({"action": "submit", "items": [item], "passphrase": "passphrase-of-clerk"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    assert_eq!(dump(&b.db), before);

    let err = b
        .try_call(
            "session_sign_in",
            json!({"profileId": b.person("head").profile, "passphrase": "passphrase-of-staff"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    assert_eq!(b.core.session(), None, "a failed sign-in signs out");
    let err = b.try_call("record_list", json!({})).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    // app_info and the session stay open to anyone.
    b.try_call("app_info", json!({})).unwrap();
    let session = b.try_call("session_get", json!({})).unwrap();
    assert_eq!(session["user"], Value::Null);
    assert_eq!(session["profilesExist"], true);

    let session = call(
        &b.core,
        "session_sign_in",
        json!({"profileId": b.person("head").profile, "passphrase": "passphrase-of-head"}),
    );
    assert_eq!(session["user"]["profile"]["name"], "赵处长");
    let may = session["may"].as_array().unwrap();
    assert!(may.contains(&json!("approveRecord")) && !may.contains(&json!("manageProfiles")));
}

#[test]
fn a_new_key_after_revocation_and_the_old_signatures_still_verify() {
    let b = bureau();
    let item = b.submitted("staff");
    b.review("head", "approve", &item, "").unwrap();
    let head = b.person("head").profile;
    let old = call(&b.core, "review_get", json!({"id": item["id"]}))["signature"].clone();
    assert_eq!(old["status"], "valid");

    // The head forgot the passphrase: the administrator issues a new one and key.
    b.clock.advance(Duration::hours(1));
    b.as_("admin");
    let profiles = call(&b.core, "profile_list", json!({}));
    let version = profiles
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == json!(head))
        .unwrap()["version"]
        .clone();
    let err = b
        .try_call(
            "profile_update",
            json!({"id": head, "version": version, "administrator": false, "active": true,
                   "newPassphrase": "a fresh passphrase"}),
        )
        .unwrap_err();
    assert_eq!(
        err.field(),
        Some(vec!["reason".into()]),
        "a revocation says why"
    );
    let updated = call(
        &b.core,
        "profile_update",
        json!({"id": head, "version": version, "administrator": false, "active": true,
               "newPassphrase": "a fresh passphrase", "reason": "遗忘口令"}),
    );
    let keys = updated["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["revokedFrom"], Value::Null);
    assert_eq!(keys[1]["revokedFrom"], "2026-03-15T10:30:00.000Z");
    assert_eq!(keys[1]["fingerprint"], old["keyFingerprint"]);
    assert_ne!(keys[0]["fingerprint"], keys[1]["fingerprint"]);

    // What the old key signed before its revocation still verifies.
    b.as_("head");
    let again = call(&b.core, "review_get", json!({"id": item["id"]}));
    assert_eq!(again["signature"], old);

    // The old passphrase no longer works; the new one signs with the new key.
    b.clock.advance(Duration::minutes(5));
    let next = b.submitted("staff");
    b.as_("head");
    let err = b
        .try_call(
            "record_review",
            json!({"action": "approve", "items": [next], "passphrase": "passphrase-of-head"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    call(
        &b.core,
        "record_review",
        json!({"action": "approve", "items": [next], "passphrase": "a fresh passphrase"}),
    );
    let fresh = call(&b.core, "review_get", json!({"id": next["id"]}))["signature"].clone();
    assert_eq!(fresh["status"], "valid");
    assert_eq!(fresh["keyFingerprint"], keys[0]["fingerprint"]);

    // A signature the old key made after its revocation does not verify.
    let store = b.core.store();
    let conn = store.reader();
    let old_key =
        qinqing::store::profiles::key_by_fingerprint(conn, old["keyFingerprint"].as_str().unwrap())
            .unwrap()
            .unwrap();
    let fresh_key = qinqing::store::profiles::current_key(conn, head)
        .unwrap()
        .unwrap();
    assert_ne!(old_key.id, fresh_key.id);
    drop(store);
    // The old key's passphrase was the old one; an admin reset does not re-encrypt it.
    let unlocked = qinqing::signing::keys::unlock(
        &old_key.encrypted_key,
        &old_key.certificate_der,
        "passphrase-of-head",
    )
    .unwrap();
    let late = unlocked.sign("{\"action\":\"approve\"}", b.clock.now());
    let status = qinqing::signing::verify(
        &late,
        Some(qinqing::signing::KnownCertificate {
            der: &old_key.certificate_der,
            revoked_from: old_key.revoked_from(),
        }),
    );
    assert_eq!(status, qinqing::signing::SignatureStatus::Revoked);
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
}

#[test]
fn a_changed_passphrase_keeps_the_key_and_deactivation_revokes_it() {
    let b = bureau();
    b.as_("staff");
    let before = call(&b.core, "session_get", json!({}))["user"]["profile"]["keys"].clone();
    let err = b
        .try_call(
            "passphrase_change",
            json!({"current": "wrong passphrase", "new": "another passphrase"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    let err = b
        .try_call(
            "passphrase_change",
            json!({"current": "passphrase-of-staff", "new": "short"}),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some(vec!["new".into()]));
    let changed = call(
        &b.core,
        "passphrase_change",
        json!({"current": "passphrase-of-staff", "new": "another passphrase"}),
    );
    assert_eq!(changed["keys"][0]["fingerprint"], before[0]["fingerprint"]);
    let item = b.draft("staff");
    b.as_("staff");
    call(
        &b.core,
        "record_review",
        json!({"action": "submit", "items": [item], "passphrase": "another passphrase"}),
    );

    // A deactivated profile's key is revoked and it can no longer sign in.
    b.as_("admin");
    let profile = b.person("staff").profile;
    let err = b
        .try_call(
            "profile_update",
            json!({"id": profile, "version": changed["version"], "administrator": false, "active": false}),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some(vec!["reason".into()]));
    let gone = call(
        &b.core,
        "profile_update",
        json!({"id": profile, "version": changed["version"], "administrator": false,
               "active": false, "reason": "调离本处"}),
    );
    assert_eq!(gone["keys"][0]["revokedReason"], "调离本处");
    let err = b
        .try_call(
            "session_sign_in",
            json!({"profileId": profile, "passphrase": "another passphrase"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    // Inspectors never administer, even if asked.
    let inspector = b.person("inspector").profile;
    let err = b
        .try_call(
            "profile_update",
            json!({"id": inspector, "version": 1, "administrator": true, "active": true}),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some(vec!["administrator".into()]));
}

#[test]
fn a_month_is_registered_declared_empty_or_silent() {
    let b = bureau();
    // Staff has a submitted meal in March; the clerk declares February empty for the head.
    b.submitted("staff");
    b.as_("clerk");
    let err = b
        .try_call(
            "attest_month",
            json!({"officialId": b.person("staff").official, "month": "2026-03", "nil": true,
                   "passphrase": "passphrase-of-clerk"}),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some(vec!["month".into()]), "{err}");
    // For a colleague: only with a reason; on 15 March (the last working day is the
    // 31st) only once confirmed; a month still to come not at all. Nothing changes
    // until all is said.
    let before = dump(&b.db);
    let for_head = |extra: Value| {
        let mut request = json!({"officialId": b.person("head").official, "month": "2026-03",
                                 "nil": true, "passphrase": "passphrase-of-clerk"});
        request
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b.try_call("attest_month", request)
    };
    for (extra, field) in [
        (json!({"earlyConfirmed": true}), "onBehalfReason"),
        (
            json!({"onBehalfReason": "本人出差，委托代为声明"}),
            "earlyConfirmed",
        ),
        (
            json!({"month": "2026-04", "onBehalfReason": "出差", "earlyConfirmed": true}),
            "month",
        ),
    ] {
        let err = for_head(extra.clone()).unwrap_err();
        assert_eq!(err.field(), Some(vec![field.into()]), "{extra}: {err}");
    }
    let early = for_head(json!({"onBehalfReason": "出差"})).unwrap_err();
    assert!(
        early.to_string().contains("2026-03-31"),
        "names the last working day: {early}"
    );
    assert_eq!(dump(&b.db), before, "refusals change nothing");
    let row = for_head(json!({"onBehalfReason": "本人出差，委托代为声明", "earlyConfirmed": true}))
        .unwrap();
    assert_eq!(row["standing"], "declaredNil");
    let signed: Value = serde_json::from_str(
        b.core
            .store()
            .reader()
            .query_row(
                "SELECT json_extract(signature, '$.statement') FROM attestation",
                [],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
            .as_str(),
    )
    .unwrap();
    assert_eq!(
        signed["onBehalfReason"], "本人出差，委托代为声明",
        "signed with the declaration"
    );
    assert_eq!(row["declaration"]["status"], "valid");
    assert_eq!(row["declaration"]["signer"], "王静（A-03）");
    b.draft("clerk");

    b.as_("head");
    let overview = call(
        &b.core,
        "month_overview",
        json!({"departmentId": b.dept_a, "month": "2026-03"}),
    );
    let standing: HashMap<String, String> = overview["officials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["standing"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(standing["李明"], "registered");
    assert_eq!(standing["赵处长"], "declaredNil");
    assert_eq!(standing["王静"], "incomplete");
    assert_eq!(standing["钱局长"], "silent");
    assert_eq!(overview["officials"].as_array().unwrap().len(), 6);

    let err = b
        .try_call(
            "month_overview",
            json!({"departmentId": b.dept_a, "month": "2026-13"}),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some(vec!["month".into()]));
}

#[test]
fn a_database_without_profiles_is_open_until_the_first_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    let core = crate::common::open(&db);
    let d = crate::common::directory(&core);
    // Records are entered freely, as before profiles existed, but nobody can review.
    let record = call(
        &core,
        "record_create",
        json!({"departmentId": d.department, "body": {"contact": {
            "date": "2026-03-03", "activity": "visit", "counterpartIds": [d.canteen],
            "officialIds": [d.officials[0]], "initiatedBy": "counterpart", "purpose": "走访", "outcome": ""
        }}}),
    );
    let err = commands::dispatch(
        &core,
        "record_review",
        json!({"action": "submit", "items": [{"id": record["id"], "version": 1}], "passphrase": "x"}),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    // The first profile must administer.
    let err = commands::dispatch(
        &core,
        "profile_create",
        json!({"officialId": d.officials[0], "administrator": false, "passphrase": "first passphrase"}),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some(vec!["administrator".into()]));
    call(
        &core,
        "profile_create",
        json!({"officialId": d.officials[0], "administrator": true, "passphrase": "first passphrase"}),
    );
    assert!(core.session().is_some(), "its creator is signed in");

    // Another process on the same file (the CLI) must now sign in.
    let status = qinqing(&db, &["call", "record_list", "{}"]);
    assert_eq!(status.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&status.stderr).contains("unauthenticated"));
    let list = ["call", "record_list", "{}"];
    let signed = qinqing_as(&db, "S001", "first passphrase", &list);
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let page: Value = serde_json::from_slice(&signed.stdout).unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let wrong = qinqing_as(&db, "S001", "not it", &list);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("unauthenticated"));
}

#[test]
fn demo_profiles_sign_in_and_their_review_history_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    let core = crate::common::open(&db);
    let report = call(
        &core,
        "demo_generate",
        json!({"records": 300, "seed": 7, "batch": null, "profiles": true}),
    );
    assert_eq!(report["profiles"], 4);
    let session = call(&core, "session_get", json!({}));
    // The demo's first department's head is SY0001.
    let head = session["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["staffNo"] == "SY0001")
        .unwrap()["id"]
        .clone();
    call(
        &core,
        "session_sign_in",
        json!({"profileId": head, "passphrase": qinqing::demo::DEMO_PASSPHRASE}),
    );
    let approved = call(
        &core,
        "record_list",
        json!({"filter": {"status": "approved"}, "limit": 500}),
    );
    let items = approved["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for record in items {
        let view = call(&core, "review_get", json!({"id": record["id"]}));
        assert_eq!(view["signature"]["status"], "valid", "{view}");
    }
    let audit = call(&core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
    // The head's approvals signed a checkpoint over the history as it stands.
    assert_eq!(audit["checkpoints"], 1, "{audit}");
    // After it, only each demo profile's key slot (given once the history was sealed).
    assert_eq!(audit["unsignedTail"], 4, "{audit}");
    assert_eq!(audit["lastCheckpoint"]["act"], "approve", "{audit}");
}

/// A .p12 as a bureau CA would issue it: a P-256 key and a certificate the CA signed.
fn bureau_ca_p12(password: &str, matching: bool) -> Vec<u8> {
    use p256::ecdsa::{DerSignature, SigningKey};
    use p256::pkcs8::EncodePrivateKey;
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::Encode;
    use x509_cert::name::Name;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::SubjectPublicKeyInfoOwned;
    use x509_cert::time::Validity;

    let ca = SigningKey::random(&mut rand_core::OsRng);
    let person = SigningKey::random(&mut rand_core::OsRng);
    let other = SigningKey::random(&mut rand_core::OsRng);
    let issuer = Name::from_str("CN=沈阳市某局 CA,O=沈阳市某局,C=CN").unwrap();
    let certified = if matching { &person } else { &other };
    let certificate = CertificateBuilder::new(
        Profile::Leaf {
            issuer,
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        SerialNumber::from(7u32),
        Validity::from_now(std::time::Duration::from_secs(3600 * 24 * 365)).unwrap(),
        Name::from_str("CN=赵处长,OU=招商服务处,C=CN").unwrap(),
        SubjectPublicKeyInfoOwned::from_key(*certified.verifying_key()).unwrap(),
        &ca,
    )
    .unwrap()
    .build::<DerSignature>()
    .unwrap()
    .to_der()
    .unwrap();
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "key",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(p12_keystore::PrivateKeyChain::new(
            person.to_pkcs8_der().unwrap().as_bytes(),
            b"1",
            [p12_keystore::Certificate::from_der(&certificate).unwrap()],
        )),
    );
    store.writer(password).write().unwrap()
}

#[test]
fn a_bureau_ca_key_from_a_p12_replaces_the_self_signed_one() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let p12 = dir.path().join("head.p12");
    std::fs::write(&p12, bureau_ca_p12("ca-export-password", true)).unwrap();
    let mismatched = dir.path().join("mismatched.p12");
    std::fs::write(&mismatched, bureau_ca_p12("ca-export-password", false)).unwrap();
    let before_import = b.submitted("staff");
    b.review("head", "approve", &before_import, "").unwrap();
    b.clock.advance(Duration::minutes(1));

    b.as_("head");
    let import = |path: &std::path::Path, password: &str, passphrase: &str| {
        b.try_call(
            "key_import",
            json!({"path": path, "p12Password": password, "passphrase": passphrase}),
        )
    };
    // Each refusal names its field and changes nothing.
    let before = dump(&b.db);
    let err = import(&p12, "wrong password", "passphrase-of-head").unwrap_err();
    assert_eq!(err.field(), Some(vec!["p12Password".into()]), "{err}");
    let err = import(&p12, "ca-export-password", "passphrase-of-staff").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthenticated);
    let err = import(&mismatched, "ca-export-password", "passphrase-of-head").unwrap_err();
    assert_eq!(err.field(), Some(vec!["path".into()]), "{err}");
    let err = import(&dir.path().join("missing.p12"), "x", "passphrase-of-head").unwrap_err();
    assert_eq!(err.field(), Some(vec!["path".into()]));
    assert_eq!(dump(&b.db), before);

    let view = import(&p12, "ca-export-password", "passphrase-of-head").unwrap();
    let keys = view["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["origin"], "imported");
    assert!(keys[0]["subject"].as_str().unwrap().contains("CN=赵处长"));
    assert_eq!(keys[0]["revokedFrom"], Value::Null);
    assert_ne!(keys[1]["revokedFrom"], Value::Null);
    // The imported key signs from now on; what the old one signed still verifies.
    let after_import = b.submitted("staff");
    b.review("head", "approve", &after_import, "").unwrap();
    b.as_("head");
    let new_signature =
        call(&b.core, "review_get", json!({"id": after_import["id"]}))["signature"].clone();
    assert_eq!(new_signature["status"], "valid");
    assert_eq!(new_signature["keyFingerprint"], keys[0]["fingerprint"]);
    let old_signature =
        call(&b.core, "review_get", json!({"id": before_import["id"]}))["signature"].clone();
    assert_eq!(old_signature["status"], "valid");
    assert_eq!(old_signature["keyFingerprint"], keys[1]["fingerprint"]);
}
