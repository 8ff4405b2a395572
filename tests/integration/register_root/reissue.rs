use super::*;

/// The current key row of a profile: (fingerprint, certificate subject).
fn current_certificate(b: &Bureau, who: &str) -> (String, String) {
    let conn = &*b.core.reader();
    let key = qinqing::store::profiles::current_key(conn, b.person(who).profile)
        .unwrap()
        .unwrap();
    (
        key.fingerprint,
        qinqing::signing::keys::subject_of(&key.certificate_der).unwrap(),
    )
}

#[test]
fn a_role_change_reissues_the_certificate_and_what_was_signed_before_still_verifies() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, _) = signed_and_countersigned(&b, dir.path());
    let (before, subject) = current_certificate(&b, "head");
    assert!(subject.contains("处室负责人"), "{subject}");
    // The head becomes a staff member: a new certificate names the new role, the old
    // one is revoked from now.
    b.clock.advance(chrono::Duration::days(1));
    b.as_("admin");
    let head = b.person("head").official.clone();
    let current = call(&b.core, "official_list", json!({}));
    let row = current
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == head.as_str())
        .unwrap()
        .clone();
    let mut value = row["value"].clone();
    value["role"] = json!("staff");
    call(
        &b.core,
        "official_save",
        json!({"id": head, "version": row["version"], "value": value}),
    );
    let (after, subject) = current_certificate(&b, "head");
    assert_ne!(before, after);
    assert!(subject.contains("科员"), "{subject}");
    // The register he signed as head stays intact: judged as the directory stood
    // when it was signed, with the key not yet revoked then.
    b.as_("inspector");
    let report = call(&b.core, "register_verify", json!({"path": signed}));
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][0]["holderRole"], "departmentHead");

    // An administrator whose root key is not open cannot change a signer's role:
    // refused, nothing changed.
    b.as_("staff");
    b.core.set_session(Some(b.person("admin").profile));
    let row = call(&b.core, "official_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == head.as_str())
        .unwrap()
        .clone();
    let mut value = row["value"].clone();
    value["role"] = json!("departmentHead");
    let before = crate::common::dump(&b.db);
    let refused = b
        .try_call(
            "official_save",
            json!({"id": head, "version": row["version"], "value": value}),
        )
        .unwrap_err();
    assert!(
        refused
            .to_payload(qinqing::i18n::Lang::En)
            .message
            .contains("root key"),
        "{refused}"
    );
    assert_eq!(crate::common::dump(&b.db), before);
}

#[test]
fn a_database_from_before_the_root_gets_one_and_keeps_what_it_signed() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    approved_meal(&b, "2026-03-02");
    // A database as the previous version left it: no root, keys certified by none
    // this database has (as self-signed ones were).
    {
        let conn = crate::common::raw(&b.db).unwrap();
        conn.execute_batch("DELETE FROM root_key_slot; DELETE FROM bureau_root;")
            .unwrap();
    }
    let signed = dir.path().join("signed.pdf");
    sign(&b, &signed).unwrap();
    b.as_("inspector");
    let report = call(&b.core, "register_verify", json!({"path": signed}));
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][0]["fromBureauRoot"], Value::Null);
    b.as_("inspector");
    let refused = b
        .try_call(
            "ca_export",
            json!({"path": dir.path().join("root.pem"), "format": "pem"}),
        )
        .unwrap_err();
    assert_eq!(refused.field().unwrap().len(), 1, "{refused}");

    // The administrator creates the root: every profile's key is certified by it.
    b.clock.advance(chrono::Duration::hours(1));
    b.as_("staff");
    b.core.set_session(Some(b.person("admin").profile));
    let wrong = b
        .try_call("ca_create", json!({"passphrase": "not it"}))
        .unwrap_err();
    assert_eq!(wrong.code(), qinqing::error::ErrorCode::Unauthenticated);
    let status = call(
        &b.core,
        "ca_create",
        json!({"passphrase": b.person("admin").passphrase}),
    );
    assert_eq!(status["open"], true, "{status}");
    let (_, subject) = current_certificate(&b, "leader");
    assert!(subject.contains("分管领导"), "{subject}");
    // What the head signed before, with the self-signed key: still intact.
    b.as_("inspector");
    let report = call(&b.core, "register_verify", json!({"path": signed}));
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][0]["fromBureauRoot"], false);
    // The countersignature now made with the certified key verifies offline too.
    b.as_("leader");
    let counter = dir.path().join("counter.pdf");
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": report["registerId"], "passphrase": b.person("leader").passphrase, "path": counter}),
    );
    let report = call(&b.core, "register_verify", json!({"path": counter}));
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][1]["fromBureauRoot"], true);
    // A second root is refused.
    b.as_("admin");
    let again = b
        .try_call(
            "ca_create",
            json!({"passphrase": b.person("admin").passphrase}),
        )
        .unwrap_err();
    assert_eq!(again.code(), qinqing::error::ErrorCode::Validation);
}

/// A key and its certificate (a CA's, or a leaf's) as a .p12.
fn p12_of(certificate_der: &[u8], key_pkcs8: &[u8], password: &str) -> Vec<u8> {
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "ca",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(p12_keystore::PrivateKeyChain::new(
            key_pkcs8,
            b"1",
            [p12_keystore::Certificate::from_der(certificate_der).unwrap()],
        )),
    );
    store.writer(password).write().unwrap()
}

#[test]
fn a_cas_key_from_a_p12_becomes_the_root_and_what_was_signed_before_stays_valid() {
    use p256::pkcs8::EncodePrivateKey;
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, _) = signed_and_countersigned(&b, dir.path());
    // The bureau's CA: a P-256 key and its CA certificate, exported as a .p12.
    let key = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let pkcs8 = key.to_pkcs8_der().unwrap();
    let ca =
        qinqing::signing::ca::BureauRoot::import(pkcs8.as_bytes(), &self_signed_ca(&key)).unwrap();
    let p12 = dir.path().join("ca.p12");
    std::fs::write(
        &p12,
        p12_of(ca.certificate_der(), pkcs8.as_bytes(), "ca password"),
    )
    .unwrap();
    // A key with a leaf's certificate is no root.
    let person = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let subject = qinqing::signing::keys::Subject {
        name: "赵处长",
        staff_no: "A-04",
        department: "招商服务处",
        bureau: "",
        title: "处室负责人",
    };
    let leaf_der = ca
        .certify(
            &subject,
            person.verifying_key(),
            b.core.stamp().at,
            &mut rand_core::OsRng,
        )
        .unwrap();
    let leaf = dir.path().join("leaf.p12");
    let person_pkcs8 = person.to_pkcs8_der().unwrap();
    std::fs::write(
        &leaf,
        p12_of(&leaf_der, person_pkcs8.as_bytes(), "ca password"),
    )
    .unwrap();
    let garbage = dir.path().join("garbage.p12");
    std::fs::write(&garbage, b"not a p12").unwrap();
    b.clock.advance(chrono::Duration::days(1));
    b.as_("admin");
    let import = |path: &Path, password: &str, passphrase: &str| {
        b.try_call(
            "ca_import",
            json!({"path": path, "p12Password": password, "passphrase": passphrase}),
        )
    };
    let before = crate::common::dump(&b.db);
    let wrong = import(&p12, "not it", &b.person("admin").passphrase).unwrap_err();
    assert_eq!(wrong.field().unwrap().len(), 1, "{wrong}");
    let wrong = import(&p12, "ca password", "not the admin's").unwrap_err();
    assert_eq!(wrong.code(), qinqing::error::ErrorCode::Unauthenticated);
    let not_ca = import(&leaf, "ca password", &b.person("admin").passphrase).unwrap_err();
    assert!(
        not_ca
            .to_payload(qinqing::i18n::Lang::En)
            .message
            .contains("not a certificate authority"),
        "{not_ca}"
    );
    assert!(import(&garbage, "ca password", &b.person("admin").passphrase).is_err());
    assert_eq!(crate::common::dump(&b.db), before);

    let status = import(&p12, "ca password", &b.person("admin").passphrase).unwrap();
    assert_eq!(status["root"]["fingerprint"], ca.fingerprint());
    assert_eq!(status["root"]["imported"], true);
    // Every key is certified by the CA now: April, signed after, verifies offline
    // with the CA's certificate.
    let ca_pem = dir.path().join("ca.pem");
    std::fs::write(
        &ca_pem,
        qinqing::signing::ca::to_pem(ca.certificate_der()).unwrap(),
    )
    .unwrap();
    approved_meal(&b, "2026-04-02");
    b.as_("head");
    let april = dir.path().join("april.pdf");
    call(
        &b.core,
        "register_sign",
        json!({"departmentId": b.dept_a, "month": "2026-04",
               "passphrase": b.person("head").passphrase, "path": april}),
    );
    assert_eq!(verify_offline(&ca_pem, &april)["verdict"], "intact");
    b.as_("inspector");
    let report = call(&b.core, "register_verify", json!({"path": april}));
    assert_eq!(report["verdict"], "intact", "{report}");
    // March, signed under the root made here before the import: still intact.
    let report = call(&b.core, "register_verify", json!({"path": signed}));
    assert_eq!(report["verdict"], "intact", "{report}");
}

/// A self-signed CA certificate for `key`, as a CA's tooling makes one.
fn self_signed_ca(key: &p256::ecdsa::SigningKey) -> Vec<u8> {
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    use x509_cert::der::Encode;
    CertificateBuilder::new(
        Profile::Root,
        x509_cert::serial_number::SerialNumber::from(1u32),
        // From 2020, whatever this machine's clock says: the tests' clock is in 2026.
        x509_cert::time::Validity {
            not_before: x509_cert::time::Time::try_from(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_836_800),
            )
            .unwrap(),
            not_after: x509_cert::time::Time::try_from(
                std::time::UNIX_EPOCH + std::time::Duration::from_secs(2_208_988_800),
            )
            .unwrap(),
        },
        x509_cert::name::Name::from_str("CN=沈阳市某局 CA,O=沈阳市某局,C=CN").unwrap(),
        x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).unwrap(),
        key,
    )
    .unwrap()
    .build::<p256::ecdsa::DerSignature>()
    .unwrap()
    .to_der()
    .unwrap()
}

#[test]
fn only_an_administrator_makes_or_replaces_the_root_and_a_staff_members_try_changes_nothing() {
    use p256::pkcs8::EncodePrivateKey;
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    // A real CA .p12 in the hands of a staff member, who signs in with their own
    // passphrase and tries to make it the bureau's root.
    let key = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let pkcs8 = key.to_pkcs8_der().unwrap();
    let p12 = dir.path().join("ca.p12");
    std::fs::write(
        &p12,
        p12_of(&self_signed_ca(&key), pkcs8.as_bytes(), "ca password"),
    )
    .unwrap();
    let before = crate::common::dump(&b.db);
    for who in ["staff", "clerk", "head", "leader", "inspector"] {
        b.as_(who);
        let refused = b
            .try_call(
                "ca_import",
                json!({"path": p12, "p12Password": "ca password", "passphrase": b.person(who).passphrase}),
            )
            .unwrap_err();
        assert_eq!(
            refused.code(),
            qinqing::error::ErrorCode::Forbidden,
            "{who}"
        );
        let refused = b
            .try_call("ca_create", json!({"passphrase": b.person(who).passphrase}))
            .unwrap_err();
        assert_eq!(
            refused.code(),
            qinqing::error::ErrorCode::Forbidden,
            "{who}"
        );
    }
    assert_eq!(crate::common::dump(&b.db), before);
    // The administrator may not make a second root beside the one the bureau has.
    b.as_("admin");
    let refused = b
        .try_call(
            "ca_create",
            json!({"passphrase": b.person("admin").passphrase}),
        )
        .unwrap_err();
    assert_eq!(refused.code(), qinqing::error::ErrorCode::Validation);
    assert_eq!(crate::common::dump(&b.db), before);
}
