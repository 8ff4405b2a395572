//! Signing, countersigning and verifying registers on a real database, with the
//! PDF checked by poppler's `pdfsig` as well as by our verifier: a register signs
//! only when every record is approved (and refusals change nothing), signing locks
//! the records, both signatures stay valid after the countersignature, flipping any
//! signed byte breaks verification, and a record changed, cancelled or added after
//! signing is reported against the embedded manifest.

use std::path::Path;
use std::process::Command;

use crate::common::bureau::{bureau, separate_bureau, Bureau};
use crate::common::{call, dump, qinqing_as};
use qinqing::register::pdf::inspect;
use serde_json::{json, Value};

fn pdfsig(path: &Path) -> String {
    let out = Command::new("pdfsig")
        .arg(path)
        .output()
        .expect("pdfsig runs (poppler-utils is installed by make setup)");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The number of signatures pdfsig reports valid, and how many it reports.
fn pdfsig_counts(report: &str) -> (usize, usize) {
    let valid = report.matches("Signature is Valid").count();
    let total = report.matches("Signature #").count();
    (valid, total)
}

/// An approved meal of the official in department A, in March 2026.
pub(crate) fn approved_meal(b: &Bureau, date: &str) -> Value {
    b.as_("clerk");
    let record = call(&b.core, "record_create", b.meal("staff", date));
    let item = json!({"id": record["id"], "version": record["version"]});
    b.review("clerk", "submit", &item, "").unwrap();
    b.review("head", "approve", &item, "").unwrap();
    item
}

pub(crate) fn sign(b: &Bureau, path: &Path) -> Result<Value, qinqing::error::AppError> {
    b.as_("head");
    b.try_call(
        "register_sign",
        json!({"departmentId": b.dept_a, "month": "2026-03",
               "passphrase": b.person("head").passphrase, "path": path}),
    )
}

fn verify(b: &Bureau, path: &Path) -> Value {
    call(&b.core, "register_verify", json!({"path": path}))
}

#[test]
fn a_register_signs_once_approved_locks_its_records_and_takes_a_countersignature() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let signed = dir.path().join("2026-03.pdf");
    let approved = approved_meal(&b, "2026-03-02");
    // A submitted, not yet approved record blocks signing; nothing changes.
    b.as_("clerk");
    let pending = call(&b.core, "record_create", b.meal("staff", "2026-03-05"));
    let pending = json!({"id": pending["id"], "version": pending["version"]});
    b.review("clerk", "submit", &pending, "").unwrap();
    let before = dump(&b.db);
    let blocked = sign(&b, &signed).unwrap_err();
    assert_eq!(
        blocked.code(),
        qinqing::error::ErrorCode::Workflow,
        "{blocked}"
    );
    assert!(blocked.to_string().contains("1 records"), "{blocked}");
    assert_eq!(dump(&b.db), before);
    assert!(!signed.exists());
    b.review("head", "approve", &pending, "").unwrap();

    // Only the head of the department signs; a wrong passphrase signs nothing.
    let before = dump(&b.db);
    for who in ["staff", "clerk", "leader", "inspector"] {
        b.as_(who);
        let refused = b
            .try_call(
                "register_sign",
                json!({"departmentId": b.dept_a, "month": "2026-03",
                       "passphrase": b.person(who).passphrase, "path": signed}),
            )
            .unwrap_err();
        assert_eq!(
            refused.code(),
            qinqing::error::ErrorCode::Forbidden,
            "{who}"
        );
    }
    b.as_("head");
    let wrong = b
        .try_call(
            "register_sign",
            json!({"departmentId": b.dept_a, "month": "2026-03", "passphrase": "not it", "path": signed}),
        )
        .unwrap_err();
    assert_eq!(wrong.code(), qinqing::error::ErrorCode::Unauthenticated);
    // An unwritable path: the register is not issued and no record is locked.
    let unwritable = dir.path().join("no-such-dir").join("x.pdf");
    let failed = sign(&b, &unwritable).unwrap_err();
    assert_eq!(failed.field().unwrap().len(), 1, "{failed}");
    assert_eq!(dump(&b.db), before);

    let issued = sign(&b, &signed).unwrap();
    let register_id = issued["register"]["id"].as_str().unwrap().to_owned();
    assert_eq!(issued["register"]["signedBy"], "赵处长（A-04）");
    let report = pdfsig(&signed);
    assert_eq!(pdfsig_counts(&report), (1, 1), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    // Signing locked both records.
    for item in [&approved, &pending] {
        let review = call(&b.core, "review_get", json!({"id": item["id"]}));
        assert_eq!(review["locked"], true, "{review}");
    }
    // A month is signed once.
    let again = sign(&b, &dir.path().join("again.pdf")).unwrap_err();
    assert_eq!(again.code(), qinqing::error::ErrorCode::Workflow);

    let checked = verify(&b, &signed);
    assert_eq!(checked["verdict"], "intact", "{checked}");
    assert_eq!(checked["registerId"], register_id.as_str());
    assert_eq!(checked["signatures"][0]["knownAs"], "赵处长（A-04）");
    assert_eq!(checked["differences"], json!([]));

    // The head cannot countersign; the leader in charge can, once.
    let counter = dir.path().join("2026-03-countersigned.pdf");
    b.as_("head");
    let refused = b
        .try_call(
            "register_countersign",
            json!({"registerId": register_id, "passphrase": b.person("head").passphrase, "path": counter}),
        )
        .unwrap_err();
    assert_eq!(refused.code(), qinqing::error::ErrorCode::Forbidden);
    b.as_("leader");
    let countersigned = b
        .try_call(
            "register_countersign",
            json!({"registerId": register_id, "passphrase": b.person("leader").passphrase, "path": counter}),
        )
        .unwrap();
    assert_eq!(
        countersigned["register"]["countersignedBy"],
        "钱局长（A-05）"
    );
    let report = pdfsig(&counter);
    assert_eq!(pdfsig_counts(&report), (2, 2), "{report}");
    let checked = verify(&b, &counter);
    assert_eq!(checked["verdict"], "intact", "{checked}");
    let signatures = checked["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 2);
    assert_eq!(signatures[0]["coversWhole"], false);
    assert_eq!(signatures[0]["valid"], true);
    assert_eq!(signatures[1]["coversWhole"], true);
    assert_eq!(signatures[1]["knownAs"], "钱局长（A-05）");
    let again = b
        .try_call(
            "register_countersign",
            json!({"registerId": register_id, "passphrase": b.person("leader").passphrase}),
        )
        .unwrap_err();
    assert_eq!(again.code(), qinqing::error::ErrorCode::Workflow);

    // Listed, saved again (audited), and found by its QR text.
    let list = call(&b.core, "register_list", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let copy = dir.path().join("copy.pdf");
    call(
        &b.core,
        "register_save",
        json!({"registerId": register_id, "path": copy}),
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&counter).unwrap()
    );
    let qr = list[0]["qrText"].as_str().unwrap();
    let by_qr = call(&b.core, "register_verify", json!({"qrText": qr}));
    assert_eq!(by_qr["verdict"], "intact", "{by_qr}");
    // The same text with its last hex digit changed.
    let other = if qr.ends_with('0') { '1' } else { '0' };
    let wrong_hash = format!("{}{other}", &qr[..qr.len() - 1]);
    let unknown = b
        .try_call("register_verify", json!({"qrText": wrong_hash}))
        .unwrap_err();
    assert_eq!(unknown.field().unwrap().len(), 1, "{unknown}");
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");

    // After signing: an amendment, a cancellation and a new record of the month are
    // each reported against the manifest; the signatures themselves still hold.
    b.as_("clerk");
    let mut amended = b.meal("staff", "2026-03-02");
    amended["body"]["meal"]["receiptNo"] = json!("SC-2");
    amended["id"] = approved["id"].clone();
    amended["version"] = json!(1);
    amended["reason"] = json!("发票号更正");
    call(&b.core, "record_update", amended);
    call(
        &b.core,
        "record_cancel",
        json!({"id": pending["id"], "version": 1, "reason": "重复登记"}),
    );
    // A record dated in the signed month is a late registration: not the clerk's.
    let refused = b
        .try_call("record_create", b.meal("staff", "2026-03-20"))
        .unwrap_err();
    assert!(
        matches!(
            refused,
            qinqing::error::AppError::Forbidden {
                action: qinqing::domain::access::Action::RegisterLate
            }
        ),
        "{refused:?}"
    );
    b.as_("head");
    let added = call(&b.core, "record_create", b.meal("staff", "2026-03-20"));
    let checked = verify(&b, &counter);
    assert_eq!(checked["verdict"], "recordsChanged", "{checked}");
    let changes: Vec<(String, String)> = checked["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["recordId"].as_str().unwrap().to_owned(),
                d["change"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    assert!(
        changes.contains(&(id(&approved), "changed".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&(id(&pending), "cancelled".into())),
        "{changes:?}"
    );
    assert!(
        changes.contains(&(id(&added), "added".into())),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert!(checked["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["valid"] == true));
}

/// Offsets inside the signed ranges of `bytes`: both ends of each range and
/// `count` more from a seeded generator (SplitMix64), so a failure is reproducible.
fn offsets(ranges: &[[usize; 2]], count: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut out: Vec<usize> = ranges.iter().flat_map(|[s, e]| [*s, e - 1]).collect();
    let total: usize = ranges.iter().map(|[s, e]| e - s).sum();
    for _ in 0..count {
        let mut at = (next() % total as u64) as usize;
        for [s, e] in ranges {
            if at < e - s {
                out.push(s + at);
                break;
            }
            at -= e - s;
        }
    }
    out
}

/// Whether our verifier accepts the file as an intact signed document.
fn holds(bytes: &[u8]) -> bool {
    match inspect::inspect(bytes) {
        Err(_) => false,
        Ok(found) => {
            !found.signatures.is_empty()
                && found.signatures.iter().all(|s| s.intact())
                && found.signatures.last().is_some_and(|s| s.covers_whole)
        }
    }
}

#[test]
fn flipping_any_signed_byte_breaks_the_signatures() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    approved_meal(&b, "2026-03-02");
    let signed = dir.path().join("signed.pdf");
    let issued = sign(&b, &signed).unwrap();
    b.as_("leader");
    let counter = dir.path().join("countersigned.pdf");
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": issued["register"]["id"], "passphrase": b.person("leader").passphrase, "path": counter}),
    );
    for (path, seed) in [(&signed, 7u64), (&counter, 11)] {
        let bytes = std::fs::read(path).unwrap();
        assert!(holds(&bytes), "{path:?} holds before any flip");
        let found = inspect::inspect(&bytes).unwrap();
        // Every byte each signature covers.
        let mut ranges = Vec::new();
        for s in &found.signatures {
            let r: Vec<usize> = s.found.byte_range.iter().map(|&n| n as usize).collect();
            ranges.push([r[0], r[0] + r[1]]);
            ranges.push([r[2], r[2] + r[3]]);
        }
        let targets = offsets(&ranges, 200, seed);
        assert!(targets.len() >= 200 + 4);
        for &at in &targets {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x01;
            assert!(!holds(&flipped), "{path:?}: a flip at {at} went unnoticed");
        }
        // pdfsig agrees on a sample: the first and last signed byte, and the middle.
        for &at in &[targets[0], targets[targets.len() - 1], bytes.len() / 2] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x01;
            let file = dir.path().join("flipped.pdf");
            std::fs::write(&file, &flipped).unwrap();
            let report = pdfsig(&file);
            let (valid, total) = pdfsig_counts(&report);
            assert!(
                total == 0 || valid < found.signatures.len(),
                "pdfsig still finds every signature valid after a flip at {at}: {report}"
            );
        }
    }
    // Bytes appended after the last signature: still parseable, no longer whole.
    let mut appended = std::fs::read(&counter).unwrap();
    appended.extend_from_slice(b"\n% appended\n");
    assert!(!holds(&appended));
}

#[test]
fn the_cli_signs_and_verifies_with_an_exit_code() {
    let b = bureau();
    approved_meal(&b, "2026-03-02");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cli.pdf");
    let head = b.person("head");
    let staff_no = "A-04";
    drop(b.core.store());
    let signed = qinqing_as(
        &b.db,
        staff_no,
        &head.passphrase,
        &[
            "register",
            "sign",
            "--department",
            "招商服务处",
            "--month",
            "2026-03",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    // The CLI checks roles as the window does: the head may not countersign.
    let id: String = crate::common::raw(&b.db)
        .unwrap()
        .query_row("SELECT id FROM issued_register", [], |r| r.get(0))
        .unwrap();
    let counter = dir.path().join("counter.pdf");
    let refused = qinqing_as(
        &b.db,
        staff_no,
        &head.passphrase,
        &[
            "register",
            "countersign",
            "--register",
            &id,
            "--out",
            counter.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("forbidden"));
    assert!(!counter.exists());
    let ok = qinqing_as(
        &b.db,
        staff_no,
        &head.passphrase,
        &["verify", out.to_str().unwrap()],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let mut bytes = std::fs::read(&out).unwrap();
    let middle = bytes.len() / 3;
    bytes[middle] ^= 0x01;
    std::fs::write(&out, &bytes).unwrap();
    let tampered = qinqing_as(
        &b.db,
        staff_no,
        &head.passphrase,
        &["verify", out.to_str().unwrap()],
    );
    assert_eq!(tampered.status.code(), Some(1));
}

#[test]
fn a_register_of_another_bureau_has_a_signer_this_bureau_does_not_vouch_for() {
    let issuing = bureau();
    approved_meal(&issuing, "2026-03-02");
    let dir = tempfile::tempdir().unwrap();
    let signed = dir.path().join("signed.pdf");
    sign(&issuing, &signed).unwrap();
    // Another database, whose directory does not hold the head's certificate.
    let other = separate_bureau();
    other.as_("inspector");
    let checked = verify(&other, &signed);
    assert_eq!(checked["verdict"], "unknownSigner", "{checked}");
    assert_eq!(checked["signatures"][0]["valid"], true);
    assert_eq!(checked["signatures"][0]["knownAs"], Value::Null);

    // Once the issuing bureau's directory bundle (with its certificates) is imported
    // there, the head who signed is known by name and the signature is not revoked.
    let directory = dir.path().join("directory.qqb");
    issuing.as_("admin");
    call(
        &issuing.core,
        "directory_bundle_export",
        json!({"path": directory.to_string_lossy(), "passphrase": issuing.person("admin").passphrase}),
    );
    other.as_("admin");
    let dry = call(
        &other.core,
        "bundle_import",
        json!({"path": directory.to_string_lossy(), "dryRun": true}),
    );
    call(
        &other.core,
        "bundle_import",
        json!({"path": directory.to_string_lossy(), "trustFingerprint": dry["fingerprintToCompare"]}),
    );
    other.as_("inspector");
    let checked = verify(&other, &signed);
    // Known now by name, from the root its administrator pinned with that import;
    // but the register is of a department this bureau keeps under its own id (the
    // import matched it by name), so it is not one it knows to have been issued.
    assert_eq!(checked["verdict"], "notIssuedHere", "{checked}");
    assert_eq!(checked["signatures"][0]["valid"], true);
    assert_eq!(checked["signatures"][0]["knownAs"], "赵处长（A-04）");
    assert_eq!(checked["signatures"][0]["fromBureauRoot"], true);
    assert_eq!(checked["signatures"][0]["revoked"], false);
    assert_eq!(checked["issuedBy"], Value::Null);
}
