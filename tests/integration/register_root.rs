//! A register verified with nothing but the bureau's root certificate, as a superior
//! or an inspector would: `pdfsig` with the root in a fresh NSS database, pyHanko with
//! the root as its trust anchor, and `qinqing verify --trust-root` on a machine with no
//! database. The attacks of `register_trust` get their verdicts there too, as far as
//! the PDF and the certificates can show them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::common::bureau::{bureau, separate_bureau, Bureau};
use crate::common::{call, qinqing};
use crate::register_sign::{approved_meal, sign};
use crate::register_trust::{key_of, sign_with, unissued, with_free_text};
use qinqing::register::slots::SignatureSlot;

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The root exported through the command, as PEM.
fn export_root(b: &Bureau, dir: &Path) -> PathBuf {
    let path = dir.join("root.pem");
    b.as_("inspector");
    let done = call(&b.core, "ca_export", json!({"path": path, "format": "pem"}));
    assert_eq!(done["fingerprint"].as_str().unwrap().len(), 64);
    path
}

/// March signed by the head and countersigned by the leader, through the app.
fn signed_and_countersigned(b: &Bureau, dir: &Path) -> (PathBuf, PathBuf) {
    approved_meal(b, "2026-03-02");
    let signed = dir.join("signed.pdf");
    let issued = sign(b, &signed).unwrap();
    b.as_("leader");
    let counter = dir.join("countersigned.pdf");
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": issued["register"]["id"], "passphrase": b.person("leader").passphrase, "path": counter}),
    );
    (signed, counter)
}

#[test]
fn pdfsig_trusts_the_bureaus_signatures_once_given_the_root() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, counter) = signed_and_countersigned(&b, dir.path());
    let root = export_root(&b, dir.path());
    let nss = dir.path().join("nss");
    std::fs::create_dir(&nss).unwrap();
    let nss_dir = format!("sql:{}", nss.display());
    let (ok, out) = run("certutil", &["-N", "-d", &nss_dir, "--empty-password"]);
    assert!(
        ok,
        "certutil -N (libnss3-tools is installed by make setup): {out}"
    );
    // Without the root, the issuer is unknown: a check that can fail.
    let (_, before) = run("pdfsig", &["-nssdir", &nss_dir, signed.to_str().unwrap()]);
    assert!(!before.contains("Certificate is Trusted"), "{before}");
    // Trusted as an issuer for every use: pdfsig asks NSS about e-mail (document)
    // signing, which the second flag governs; "C,," (TLS only) leaves it untrusted.
    let (ok, out) = run(
        "certutil",
        &[
            "-A",
            "-d",
            &nss_dir,
            "-n",
            "bureau-root",
            "-t",
            "C,C,C",
            "-i",
            root.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    for (file, signatures) in [(&signed, 1), (&counter, 2)] {
        let (_, report) = run("pdfsig", &["-nssdir", &nss_dir, file.to_str().unwrap()]);
        assert_eq!(
            report.matches("Signature is Valid").count(),
            signatures,
            "{report}"
        );
        assert_eq!(
            report.matches("Certificate is Trusted").count(),
            signatures,
            "{report}"
        );
        assert!(report.contains("Total document signed"), "{report}");
    }
}

/// pyHanko in its own virtual environment under `target/`, installed from PyPI the
/// first time; `None` (and the test says why) where it cannot be had.
fn pyhanko() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyhanko-venv");
    let bin = venv.join("bin/pyhanko");
    if bin.exists() {
        return Some(bin);
    }
    let (made, out) = run("python3", &["-m", "venv", venv.to_str().unwrap()]);
    if !made {
        eprintln!("SKIPPED: no python3 venv for pyHanko: {out}");
        return None;
    }
    let pip = venv.join("bin/pip");
    let (installed, out) = run(
        pip.to_str().unwrap(),
        &[
            "install",
            "--quiet",
            "pyhanko==0.38.0",
            "pyhanko-certvalidator==0.33.0",
            "pyhanko-cli==0.6.0",
        ],
    );
    if !installed {
        eprintln!("SKIPPED: pyHanko could not be installed from PyPI: {out}");
        return None;
    }
    Some(bin)
}

#[test]
fn pyhanko_agrees_with_the_root_as_its_trust_anchor() {
    let Some(pyhanko) = pyhanko() else {
        return;
    };
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, counter) = signed_and_countersigned(&b, dir.path());
    let root = export_root(&b, dir.path());
    // pyHanko's validation of `file` with `root` as its only trust anchor.
    let validate = |root: &Path, file: &Path| {
        run(
            pyhanko.to_str().unwrap(),
            &[
                "sign",
                "validate",
                "--pretty-print",
                "--no-revocation-check",
                "--trust",
                root.to_str().unwrap(),
                "--trust-replace",
                file.to_str().unwrap(),
            ],
        )
    };
    for (file, signatures) in [(&signed, 1), (&counter, 2)] {
        let (ok, report) = validate(&root, file);
        assert!(ok, "{file:?}: {report}");
        let count = |text: &str| report.matches(text).count();
        assert_eq!(
            count("The signer's certificate is trusted."),
            signatures,
            "{report}"
        );
        assert_eq!(
            count("The signature is judged VALID."),
            signatures,
            "{report}"
        );
        assert_eq!(
            count("Trust anchor: \"Common Name: 根证书"),
            signatures,
            "{report}"
        );
        if signatures == 2 {
            // pyHanko's own difference analysis accepts what followed the head's
            // signature as a signature added.
            assert!(
                report.contains("All modifications relate to signing and form filling operations"),
                "{report}"
            );
        }
    }
    // Given another bureau's root, pyHanko does not trust these signatures either.
    let other = separate_bureau();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let other_root = export_root(&other, &elsewhere);
    let (_, report) = validate(&other_root, &signed);
    assert!(
        !report.contains("The signer's certificate is trusted."),
        "{report}"
    );
}

/// `qinqing verify --trust-root` in a directory with no database at all.
fn verify_offline(root: &Path, file: &Path) -> Value {
    let empty = tempfile::tempdir().unwrap();
    let db = empty.path().join("never-created.sqlite3");
    let out = qinqing(
        &db,
        &[
            "verify",
            "--trust-root",
            root.to_str().unwrap(),
            "--json",
            file.to_str().unwrap(),
        ],
    );
    assert!(!db.exists(), "the offline verifier made no database");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let intact = report["verdict"] == "intact";
    assert_eq!(out.status.success(), intact, "{report}");
    report
}

#[test]
fn the_offline_verifier_gives_each_attack_its_verdict_with_only_the_root() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, counter) = signed_and_countersigned(&b, dir.path());
    let root = export_root(&b, dir.path());
    for good in [&signed, &counter] {
        let report = verify_offline(&root, good);
        assert_eq!(report["verdict"], "intact", "{report}");
        assert_eq!(
            report["unchecked"],
            json!([
                "registry",
                "revocation",
                "history",
                "records",
                "departmentLeader"
            ])
        );
        assert_eq!(report["signatures"][0]["knownAs"], "赵处长（A-04）");
    }
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let issued = std::fs::read(&signed).unwrap();
    let at = b.core.stamp().at;
    // Staff countersigns under the leader's name.
    let staff = key_of(&b, "staff");
    let forged = sign_with(
        &issued,
        &staff,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify_offline(&root, &write("forged.pdf", &forged));
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(report["signatures"][1]["authority"], "nameMismatch");
    // A FreeText painted over the total, then countersigned by the real leader.
    let leader = key_of(&b, "leader");
    let painted = sign_with(
        &with_free_text(&issued),
        &leader,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        at,
    );
    let report = verify_offline(&root, &write("painted.pdf", &painted));
    assert_eq!(report["verdict"], "changedAfter", "{report}");
    // A flipped byte.
    let mut flipped = issued.clone();
    let middle = flipped.len() / 3;
    flipped[middle] ^= 1;
    let report = verify_offline(&root, &write("flipped.pdf", &flipped));
    assert_eq!(report["verdict"], "tampered", "{report}");
    // Staff signs a draft in the head's place.
    let draft = sign_with(
        &unissued(&b, "2026-04"),
        &staff,
        SignatureSlot::Sign,
        "李明（A-02）",
        at,
    );
    let report = verify_offline(&root, &write("draft.pdf", &draft));
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(report["signatures"][0]["authority"], "wrongRole");
    // `{}` for the manifest.
    let emptied =
        qinqing::register::pdf::seal::embed_manifest(&unissued(&b, "2026-04"), "{}").unwrap();
    let head = key_of(&b, "head");
    let emptied = sign_with(&emptied, &head, SignatureSlot::Sign, "赵处长（A-04）", at);
    let report = verify_offline(&root, &write("emptied.pdf", &emptied));
    assert_eq!(report["verdict"], "noManifest", "{report}");
    // Another bureau's root did not issue these certificates.
    let other = separate_bureau();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let other_root = export_root(&other, &elsewhere);
    let report = verify_offline(&other_root, &signed);
    assert_eq!(report["verdict"], "unknownSigner", "{report}");
    assert_eq!(report["signatures"][0]["fromBureauRoot"], false);
    // What only the database knows stays unchecked: a never-issued draft the head
    // signed outside the app passes here, and says so.
    let outside = sign_with(
        &unissued(&b, "2026-04"),
        &head,
        SignatureSlot::Sign,
        "赵处长（A-04）",
        at,
    );
    let report = verify_offline(&root, &write("outside.pdf", &outside));
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["unchecked"][0], "registry");
}

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
