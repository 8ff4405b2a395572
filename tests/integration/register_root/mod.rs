//! A register verified with nothing but the bureau's root certificate, as a superior
//! or an inspector would: `pdfsig` with the root in a fresh NSS database, pyHanko with
//! the root as its trust anchor, and `qinqing verify --trust-root` on a machine with no
//! database. The attacks of `register_trust` get their verdicts there too, as far as
//! the PDF and the certificates can show them.

mod reissue;

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
