//! Late registrations (补登) on a real database with real registers: a record dated in
//! a month whose register is signed gets a lateness finding, goes into the next signed
//! register of its department in a section of its own (pdftotext shows it), and the
//! original month's verification names that register; and, over a generated year of
//! activity with random late entries, amendments and cancellations, every record ends
//! up in exactly one signed register as it now stands.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use qinqing::core::Clock;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, Bureau};
use crate::common::call;
use crate::register_sign::approved_meal;

/// Moves the bureau's clock forward to `rfc3339`.
fn at(b: &Bureau, rfc3339: &str) {
    let to: DateTime<Utc> = DateTime::parse_from_rfc3339(rfc3339).unwrap().into();
    let now = b.clock.now();
    assert!(to >= now, "the clock only moves forward ({now} → {to})");
    b.clock.advance(to - now);
}

/// The head signs department A's register of `month`, saved to `path`.
fn sign_month(b: &Bureau, month: &str, path: &Path) -> Value {
    b.as_("head");
    call(
        &b.core,
        "register_sign",
        json!({"departmentId": b.dept_a, "month": month,
               "passphrase": b.person("head").passphrase, "path": path}),
    )
}

/// An approved March meal, and March's register signed by the head on 2 April (saved
/// in `dir`): the month the tests then register late into.
fn march_signed_on_2_april(b: &Bureau, dir: &Path) -> PathBuf {
    approved_meal(b, "2026-03-02");
    at(b, "2026-04-02T02:00:00Z");
    let march = dir.join("2026-03.pdf");
    sign_month(b, "2026-03", &march);
    march
}

fn verify(b: &Bureau, path: &Path) -> Value {
    call(&b.core, "register_verify", json!({"path": path}))
}

fn preview(b: &Bureau, month: &str) -> Value {
    call(
        &b.core,
        "register_preview",
        json!({"departmentId": b.dept_a, "month": month}),
    )["register"]
        .clone()
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils is installed by make setup)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn item(record: &Value) -> Value {
    json!({"id": record["id"], "version": record["version"]})
}

#[test]
fn a_record_entered_after_its_month_was_signed_goes_into_the_next_signed_register() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let march = march_signed_on_2_april(&b, dir.path());

    // Three days after March was signed, the head registers a March meal late.
    at(&b, "2026-04-05T02:00:00Z");
    b.as_("head");
    let late = call(&b.core, "record_create", b.meal("staff", "2026-03-20"));
    let found = call(&b.core, "record_findings", json!({"id": late["id"]}));
    let lateness: Vec<&Value> = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "late-registration")
        .collect();
    assert_eq!(lateness.len(), 1, "{found}");
    assert_eq!(lateness[0]["severity"], "warning");
    assert_eq!(lateness[0]["citation"]["clause"], "—");
    let message = lateness[0]["message"]["zh"].as_str().unwrap();
    for part in ["2026-03", "2026-04-02", "2026-04-05", "晚 3 天"] {
        assert!(message.contains(part), "{message}");
    }

    // Until a register carries it, March's verification shows it as not yet registered.
    let checked = verify(&b, &march);
    assert_eq!(checked["verdict"], "recordsChanged", "{checked}");
    assert_eq!(
        checked["differences"],
        json!([{"recordId": late["id"], "change": "added", "signedVersion": null, "currentVersion": 1}])
    );

    // Reviewed like any record, it goes into April's register in its own section.
    b.review("clerk", "submit", &item(&late), "").unwrap();
    b.review("head", "approve", &item(&late), "").unwrap();
    let april_meal = approved_meal(&b, "2026-04-03");
    let register = preview(&b, "2026-04");
    let section = |kind: &str| {
        register["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .unwrap()
            .clone()
    };
    let late_rows = section("late")["rows"].clone();
    assert_eq!(late_rows.as_array().unwrap().len(), 1, "{late_rows}");
    assert_eq!(late_rows[0]["recordId"], late["id"]);
    let cells: Vec<&str> = late_rows[0]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(cells[..3], ["1", "2026-03", "2026-03-20"]);
    assert_eq!(cells[4..], ["李明", "¥15.00", "2026-04-05", "3"]);
    assert_eq!(
        section("meals")["rows"].as_array().unwrap().len(),
        1,
        "only April's own meal is among April's meals"
    );
    assert_eq!(
        register["total"], 1500,
        "the late meal is not April's money"
    );
    let sections: HashMap<String, String> = register["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["recordId"].as_str().unwrap().to_owned(),
                e["section"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(sections[late["id"].as_str().unwrap()], "late");
    assert_eq!(sections[april_meal["id"].as_str().unwrap()], "meals");
    assert!(register["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["recordId"] == late["id"] && f["rule"] == "late-registration"));

    at(&b, "2026-05-03T02:00:00Z");
    let april = dir.path().join("2026-04.pdf");
    let issued = sign_month(&b, "2026-04", &april);
    let text = pdftotext(&april);
    assert!(text.contains("六、以前月份补登"), "{text}");
    assert!(text.contains("七、以前月份登记的更正与作废"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("2026-03-20"))
        .unwrap_or_else(|| panic!("no late row in {text}"));
    for part in ["2026-03", "李明", "2026-04-05"] {
        assert!(row.contains(part), "{row}");
    }

    // March's verification now names the register that carries it, and holds.
    let checked = verify(&b, &march);
    assert_eq!(checked["verdict"], "intact", "{checked}");
    assert_eq!(
        checked["differences"],
        json!([{"recordId": late["id"], "change": "late", "signedVersion": null, "currentVersion": 1,
                "carriedBy": {"registerId": issued["register"]["id"], "month": "2026-04"}}])
    );
    let checked = verify(&b, &april);
    assert_eq!(checked["verdict"], "intact", "{checked}");

    // Carried once: May's register does not list it again, and the log holds.
    let may = preview(&b, "2026-05");
    assert_eq!(may["entries"], json!([]), "{may}");
    assert!(may["sections"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["rows"] == json!([])));
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
}

/// An insider with the database file would have a register of a later month "carry" a
/// record entered into signed March, so that March verifies intact: a register row
/// written with SQL (no audit row for it), or a genuine one whose manifest text was
/// swapped under its recorded hash, carries nothing.
#[test]
fn a_register_written_or_altered_with_sql_carries_no_late_record() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let march = march_signed_on_2_april(&b, dir.path());
    at(&b, "2026-04-05T02:00:00Z");
    b.as_("head");
    let first = call(&b.core, "record_create", b.meal("staff", "2026-03-20"));
    let added = |record: &Value| json!({"recordId": record["id"], "change": "added", "signedVersion": null, "currentVersion": 1});

    // A forged April register, inserted with SQL, listing the late record as late.
    let conn = crate::common::raw(&b.db).unwrap();
    let signed: String = conn
        .query_row(
            "SELECT manifest FROM issued_register WHERE month = '2026-03'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let carrying = |manifest: &str, month: &str, record: &Value| {
        let mut forged: Value = serde_json::from_str(manifest).unwrap();
        forged["month"] = json!(month);
        forged["records"].as_array_mut().unwrap().push(json!({
            "id": record["id"], "version": 1, "imageSha256": "ab".repeat(32), "section": "late"
        }));
        serde_json::to_string(&forged).unwrap()
    };
    let forged = carrying(&signed, "2026-04", &first);
    conn.execute(
        "INSERT INTO issued_register (id, department_id, month, manifest, manifest_sha256, pdf,
                                      pdf_sha256, signed_by, signed_at)
         VALUES (?1, ?2, '2026-04', ?3, ?4, x'00', ?5, ?6, '2026-05-03T02:00:00+00:00')",
        rusqlite::params![
            "019d0000-0000-7000-8000-00000000a4a4",
            b.dept_a,
            forged,
            qinqing::digest::sha256_hex(forged.as_bytes()),
            qinqing::digest::sha256_hex(&[0]),
            b.person("head").profile.to_string(),
        ],
    )
    .unwrap();
    let checked = verify(&b, &march);
    assert_eq!(checked["verdict"], "recordsChanged", "{checked}");
    assert_eq!(checked["differences"], json!([added(&first)]));
    conn.execute("DELETE FROM issued_register WHERE month = '2026-04'", [])
        .unwrap();

    // April signed for real carries the first; a second late record is then listed in
    // April's stored manifest text by SQL, its recorded hash left as it was.
    b.review("clerk", "submit", &item(&first), "").unwrap();
    b.review("head", "approve", &item(&first), "").unwrap();
    at(&b, "2026-05-03T02:00:00Z");
    sign_month(&b, "2026-04", &dir.path().join("2026-04.pdf"));
    b.as_("head");
    let second = call(&b.core, "record_create", b.meal("staff", "2026-03-21"));
    let april: String = conn
        .query_row(
            "SELECT manifest FROM issued_register WHERE month = '2026-04'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE issued_register SET manifest = ?1 WHERE month = '2026-04'",
        [carrying(&april, "2026-04", &second)],
    )
    .unwrap();
    let checked = verify(&b, &march);
    assert_eq!(checked["verdict"], "recordsChanged", "{checked}");
    let changes: Vec<&str> = checked["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["added", "added"], "{checked}");
    assert!(checked["differences"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d.get("carriedBy").is_none()));
}

/// SplitMix64: a seeded generator, so a failure is reproducible.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// `YYYY-MM` of the `i`-th month after March 2026.
fn month(i: u64) -> String {
    let n = 2026 * 12 + 2 + i;
    format!("{}-{:02}", n / 12, n % 12 + 1)
}

/// Submits (where needed) and approves everything that keeps `month` from being signed.
fn clear_blockers(b: &Bureau, month: &str) {
    let blockers = preview(b, month)["blockers"].as_array().unwrap().clone();
    let items = |statuses: &[&str]| -> Vec<Value> {
        blockers
            .iter()
            .filter(|x| statuses.contains(&x["status"].as_str().unwrap()))
            .map(|x| {
                let record = call(&b.core, "record_get", json!({"id": x["recordId"]}));
                item(&record)
            })
            .collect()
    };
    let to_submit = items(&["draft", "returned"]);
    if !to_submit.is_empty() {
        b.as_("clerk");
        call(
            &b.core,
            "record_review",
            json!({"action": "submit", "items": to_submit, "comment": "",
                   "passphrase": b.person("clerk").passphrase}),
        );
    }
    let to_approve = items(&["draft", "returned", "submitted"]);
    if !to_approve.is_empty() {
        b.as_("head");
        call(
            &b.core,
            "record_review",
            json!({"action": "approve", "items": to_approve, "comment": "",
                   "passphrase": b.person("head").passphrase}),
        );
    }
}

#[test]
fn over_a_generated_year_every_record_is_in_exactly_one_signed_register() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let mut dice = Dice(0x5eed_2026);
    let mut signed: Vec<(String, PathBuf)> = Vec::new();
    let mut ids: Vec<Value> = Vec::new();
    for i in 1..=12 {
        let this = month(i);
        at(&b, &format!("{this}-10T02:00:00Z"));
        // The month's own meals, entered by the clerk.
        b.as_("clerk");
        for _ in 0..=dice.below(3) {
            let day = format!("{this}-{:02}", 1 + dice.below(10));
            ids.push(call(&b.core, "record_create", b.meal("staff", &day))["id"].clone());
        }
        // Now and then a meal of a signed month, registered late by the head.
        if !signed.is_empty() && dice.below(2) == 0 {
            let (earlier, _) = &signed[dice.below(signed.len() as u64) as usize];
            let day = format!("{earlier}-{:02}", 1 + dice.below(28));
            b.as_("head");
            ids.push(call(&b.core, "record_create", b.meal("staff", &day))["id"].clone());
        }
        // Amendments and cancellations of any earlier record, signed or not.
        for (reason, command) in [
            ("收据号更正", "record_update"),
            ("重复登记", "record_cancel"),
        ] {
            if ids.len() < 2 || dice.below(3) != 0 {
                continue;
            }
            let id = ids[dice.below(ids.len() as u64) as usize].clone();
            let record = call(&b.core, "record_get", json!({"id": id}));
            if record["cancelled"] == true {
                continue;
            }
            b.as_("clerk");
            let request = if command == "record_update" {
                let mut amended = b.meal("staff", record["date"].as_str().unwrap());
                amended["body"]["meal"]["receiptNo"] = json!(format!("SC-{}", dice.below(1000)));
                amended["id"] = id;
                amended["version"] = record["version"].clone();
                amended["reason"] = json!(reason);
                amended
            } else {
                json!({"id": id, "version": record["version"], "reason": reason})
            };
            call(&b.core, command, request);
        }
        clear_blockers(&b, &this);
        at(&b, &format!("{}-02T02:00:00Z", month(i + 1)));
        let path = dir.path().join(format!("{this}.pdf"));
        sign_month(&b, &this, &path);
        signed.push((this, path));
    }

    // What every signed register lists, from the database file itself.
    let conn = crate::common::raw(&b.db).unwrap();
    let mut listings: HashMap<String, Vec<(String, i64, String)>> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT month, manifest FROM issued_register WHERE department_id = ?1")
        .unwrap();
    let manifests: Vec<(String, String)> = stmt
        .query_map([&b.dept_a], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(manifests.len(), 12);
    for (month, manifest) in manifests {
        let manifest: Value = serde_json::from_str(&manifest).unwrap();
        for entry in manifest["records"].as_array().unwrap() {
            listings
                .entry(entry["id"].as_str().unwrap().to_owned())
                .or_default()
                .push((
                    month.clone(),
                    entry["version"].as_i64().unwrap(),
                    entry["section"].as_str().unwrap().to_owned(),
                ));
        }
    }
    let mut stmt = conn
        .prepare("SELECT id, version, cancelled FROM record WHERE department_id = ?1")
        .unwrap();
    let records: Vec<(String, i64, bool)> = stmt
        .query_map([&b.dept_a], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (mut late, mut amended, mut cancelled_after_signing) = (0, 0, 0);
    for (id, version, cancelled) in &records {
        let listed = listings.get(id).cloned().unwrap_or_default();
        let as_it_stands = listed.iter().filter(|(_, v, _)| v == version).count();
        let first_listings = listed.iter().filter(|(_, _, s)| s != "amendments").count();
        if !cancelled || !listed.is_empty() {
            // Kept, or cancelled after a register listed it (the cancellation is an
            // amendment): the version that stands is in exactly one signed register.
            assert_eq!(as_it_stands, 1, "record {id} v{version}: {listed:?}");
        }
        assert!(
            first_listings <= 1,
            "record {id} first listed twice: {listed:?}"
        );
        late += listed.iter().filter(|(_, _, s)| s == "late").count();
        amended += listed.iter().filter(|(_, _, s)| s == "amendments").count();
        cancelled_after_signing += usize::from(*cancelled && !listed.is_empty());
    }
    // The year exercised what it is about.
    assert!(late >= 3, "{late} late registrations");
    assert!(amended >= 3, "{amended} amendments");
    assert!(cancelled_after_signing >= 1);
    // Each late record still standing carries its lateness finding.
    for (id, _, cancelled) in &records {
        let was_late = listings
            .get(id)
            .is_some_and(|l| l.iter().any(|(_, _, s)| s == "late"));
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM record_finding WHERE record_id = ?1 AND rule = 'late-registration'",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found == 1, was_late && !cancelled, "record {id}");
    }

    // No signed month is left with a record nobody registered.
    for (month, path) in &signed {
        let checked = verify(&b, path);
        for d in checked["differences"].as_array().unwrap() {
            assert_ne!(d["change"], "added", "{month}: {d}");
            if d["change"] == "late" {
                assert!(d["carriedBy"]["month"].as_str().unwrap() > month.as_str());
            }
        }
    }
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
}

/// Restoring is entering again: a record cancelled before its month was signed, and
/// so never listed, comes back into signed March only as a late registration, which
/// is the head's. The clerk and the official, with their own logins, are refused with
/// the database file byte for byte unchanged; the head's restoration counts as late
/// from the day of the restoration, not the day the record was first entered.
#[test]
fn a_record_restored_into_a_signed_month_is_a_late_registration_and_the_heads() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let draft = b.draft("staff");
    b.as_("clerk");
    let cancelled = call(
        &b.core,
        "record_cancel",
        json!({"id": draft["id"], "version": draft["version"], "reason": "重复登记"}),
    );
    march_signed_on_2_april(&b, dir.path());

    at(&b, "2026-04-05T02:00:00Z");
    let restore =
        json!({"id": cancelled["id"], "version": cancelled["version"], "reason": "并非重复"});
    let before = crate::common::dump(&b.db);
    for who in ["clerk", "staff"] {
        b.as_(who);
        let refused = b.try_call("record_restore", restore.clone()).unwrap_err();
        assert_eq!(
            refused.code(),
            qinqing::error::ErrorCode::Forbidden,
            "{who}: {refused}"
        );
        assert_eq!(crate::common::dump(&b.db), before, "{who}: nothing changed");
    }
    b.as_("head");
    let restored = call(&b.core, "record_restore", restore);
    assert_eq!(restored["cancelled"], false);
    let found = call(&b.core, "record_findings", json!({"id": restored["id"]}));
    let lateness: Vec<&Value> = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "late-registration")
        .collect();
    assert_eq!(lateness.len(), 1, "{found}");
    let message = lateness[0]["message"]["zh"].as_str().unwrap();
    assert!(
        message.contains("晚 3 天"),
        "late from its restoration: {message}"
    );
}
