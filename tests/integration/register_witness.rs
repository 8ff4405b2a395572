//! A register verifies where it was not issued — at a spoke, or a superior's database —
//! through what the issuing database's bundles carried: its audit rows and its signed
//! checkpoints. Tried as an insider would: the head signing outside the app, a spoke's
//! user writing rows and a checkpoint into the spoke's file with their own real key,
//! the hub's history rewritten before its first bundle. Each asserts the precise
//! verdict.

use std::path::Path;

use chrono::{DateTime, Utc};
use qinqing::core::Core;
use qinqing::register::slots::SignatureSlot;
use qinqing::signing::UnlockedKey;
use qinqing::store::audit::ChainRow;
use qinqing::store::checkpoints::{Act, CarriedCheckpoint, Statement, KIND};
use qinqing::store::witnessed;
use serde_json::{json, Value};

use crate::common::bureau::{bureau, Bureau};
use crate::common::{call, dump};
use crate::directory_authority::{export_directory, import, spoke_of};
use crate::register_sign::{approved_meal, sign};
use crate::register_trust::{key_of, sign_with, unissued};

fn verify_at(core: &Core, dir: &Path, bytes: &[u8]) -> Value {
    let file = dir.join(format!("{}.pdf", qinqing::digest::sha256_hex(bytes)));
    std::fs::write(&file, bytes).unwrap();
    call(core, "register_verify", json!({"path": file}))
}

fn setting(b: &Bureau, key: &str) -> String {
    crate::common::raw(&b.db)
        .unwrap()
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .unwrap()
}

/// When the hub's log recorded `action` on register `id`.
fn recorded(b: &Bureau, id: &str, action: &str) -> String {
    let at: String = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT at FROM audit WHERE entity = 'register' AND entity_id = ?1 AND action = ?2",
            [id, action],
            |r| r.get(0),
        )
        .unwrap();
    DateTime::parse_from_rfc3339(&at).unwrap().to_rfc3339()
}

/// March signed by the head and countersigned by the leader at the hub: both files.
fn issued_march(b: &Bureau, dir: &Path) -> (Vec<u8>, Vec<u8>, String) {
    approved_meal(b, "2026-03-02");
    let signed = dir.join("signed.pdf");
    sign(b, &signed).unwrap();
    b.as_("leader");
    let register_id = call(&b.core, "register_list", json!({}))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let counter = dir.join("counter.pdf");
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": register_id, "passphrase": b.person("leader").passphrase, "path": counter}),
    );
    (
        std::fs::read(signed).unwrap(),
        std::fs::read(counter).unwrap(),
        register_id,
    )
}

#[test]
fn a_register_the_hub_issued_verifies_at_a_spoke_through_the_hubs_bundles() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, counter, register_id) = issued_march(&hub, dir.path());
    let (spoke, spoke_db, _) = spoke_of(&hub, dir.path());

    let before = dump(&spoke_db);
    let report = verify_at(&spoke, dir.path(), &signed);
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["registerId"], register_id.as_str());
    assert_eq!(report["issuedBy"], setting(&hub, "database_id").as_str());
    assert_eq!(
        report["signatures"][0]["recordedAt"],
        recorded(&hub, &register_id, "sign").as_str(),
        "{report}"
    );
    assert_eq!(report["signatures"][0]["knownAs"], "赵处长（A-04）");
    assert_eq!(report["signatures"][0]["fromBureauRoot"], true);
    // The spoke holds none of the hub's records: they are unchecked, not missing.
    assert_eq!(report["unchecked"], json!(["records"]), "{report}");
    assert_eq!(report["differences"], json!([]));
    assert!(dump(&spoke_db) == before, "verifying changed the spoke");

    let report = verify_at(&spoke, dir.path(), &counter);
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(
        report["signatures"][1]["recordedAt"],
        recorded(&hub, &register_id, "countersign").as_str()
    );

    // April is signed after the hub's bundle: the spoke does not know it until the
    // next one carries it.
    hub.clock.advance(chrono::Duration::days(31));
    approved_meal(&hub, "2026-04-02");
    let april = dir.path().join("april.pdf");
    hub.as_("head");
    call(
        &hub.core,
        "register_sign",
        json!({"departmentId": hub.dept_a, "month": "2026-04",
               "passphrase": hub.person("head").passphrase, "path": april}),
    );
    let april = std::fs::read(april).unwrap();
    let report = verify_at(&spoke, dir.path(), &april);
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
    let again = dir.path().join("again.qqb");
    export_directory(&hub, &again);
    import(&spoke, &again, false, None).unwrap();
    let report = verify_at(&spoke, dir.path(), &april);
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["unchecked"], json!(["records"]), "{report}");
}

/// The spoke's last kept row of the hub's history, and the hub's database id.
fn last_witnessed(conn: &rusqlite::Connection) -> (String, ChainRow) {
    let (source, seq): (String, i64) = conn
        .query_row(
            "SELECT source_database, MAX(seq) FROM witnessed_chain",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let row = witnessed::row_at(conn, &source, seq).unwrap().unwrap();
    (source, row)
}

/// Writes into the spoke's file, as its user can with a SQLite tool, a hub row saying
/// the hub issued `pdf` (and its manifest), linked after the last row the spoke kept
/// with a correct hash, and a checkpoint over it signed with `key`, if any.
fn forge_issuance(spoke_db: &Path, pdf: &[u8], key: Option<&UnlockedKey>) {
    let inspection = qinqing::register::pdf::inspect::inspect(pdf).unwrap();
    let manifest = inspection.manifest.clone().unwrap();
    let facts = qinqing::register::verify::manifest_check::read(&manifest).unwrap();
    let conn = crate::common::raw(spoke_db).unwrap();
    let (source, last) = last_witnessed(&conn);
    let mut row = ChainRow {
        seq: last.seq + 1,
        at: "2026-03-20T09:00:00+00:00".into(),
        actor: last.actor.clone(),
        action: "sign".into(),
        entity: "register".into(),
        entity_id: "0190a000-0000-7000-8000-00000000aaaa".into(),
        before: None,
        after: Some(
            json!({
                "departmentId": facts.department_id.to_string(),
                "month": facts.month,
                "manifestSha256": qinqing::digest::sha256_hex(manifest.as_bytes()),
                "pdfSha256": qinqing::digest::sha256_hex(pdf),
            })
            .to_string(),
        ),
        prev_hash: last.hash.clone(),
        hash: String::new(),
    };
    row.hash = row.computed_hash();
    // The same rows a bundle's import writes, written by hand.
    witnessed::keep(&conn, &source, std::slice::from_ref(&row)).unwrap();
    let Some(key) = key else { return };
    let statement = Statement {
        act: Act::SignRegister,
        hash: row.hash.clone(),
        kind: KIND.into(),
        seq: row.seq,
    };
    let signature = key.sign(
        &statement.canonical(),
        DateTime::parse_from_rfc3339("2026-03-20T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
    );
    let checkpoint = CarriedCheckpoint {
        seq: row.seq,
        signature,
    };
    witnessed::keep_checkpoints(&conn, &source, &[checkpoint]).unwrap();
}

#[test]
fn what_insiders_make_of_a_hub_register_is_not_issued_at_the_spoke() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    issued_march(&hub, dir.path());
    let head = key_of(&hub, "head");
    let at = DateTime::parse_from_rfc3339("2026-03-20T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    // March rendered again and signed by the head outside the app (three times, a
    // minute apart): well signed, by the right person, never issued.
    let outside = || {
        hub.clock.advance(chrono::Duration::minutes(1));
        sign_with(
            &unissued(&hub, "2026-03"),
            &head,
            SignatureSlot::Sign,
            "赵处长（A-04）",
            at,
        )
    };
    let (alone, with_staff, with_head) = (outside(), outside(), outside());
    let (spoke, spoke_db, _) = spoke_of(&hub, dir.path());
    let report = verify_at(&spoke, dir.path(), &alone);
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
    assert_eq!(report["issuedBy"], Value::Null);

    // The spoke's user writes a hub row for it into the spoke's file, linked with a
    // correct hash: the row alone vouches for nothing.
    forge_issuance(&spoke_db, &alone, None);
    let report = verify_at(&spoke, dir.path(), &alone);
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");

    // Nor with a checkpoint over it signed by a hub staff member's own real key: the
    // checkpoint is not the signer's.
    let staff = key_of(&hub, "staff");
    forge_issuance(&spoke_db, &with_staff, Some(&staff));
    let report = verify_at(&spoke, dir.path(), &with_staff);
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");

    // What does make it count is the signer's own checkpoint: the head, who signed
    // outside the app, writing rows into the spoke's file and signing over them with
    // his own key. That is the head vouching for his own act (as he could by writing
    // rows into the hub's file); the check is that nobody else can.
    forge_issuance(&spoke_db, &with_head, Some(&head));
    let report = verify_at(&spoke, dir.path(), &with_head);
    assert_eq!(report["verdict"], "intact", "{report}");
}

#[test]
fn a_hub_history_rewritten_before_its_first_bundle_is_caught_at_the_spoke() {
    let hub = bureau();
    let dir = tempfile::tempdir().unwrap();
    let (signed, _, _) = issued_march(&hub, dir.path());
    // Someone with the hub's file renames the staff member in the log's image of
    // their row, long before March, and re-hashes the chain; then the hub's
    // administrator sends the directory out for the first time.
    let staff = hub.person("staff").official.clone();
    let seq: i64 = crate::common::raw(&hub.db)
        .unwrap()
        .query_row(
            "SELECT MIN(seq) FROM audit WHERE entity = 'official' AND entity_id = ?1",
            [&staff],
            |r| r.get(0),
        )
        .unwrap();
    crate::checkpoints::rewrite(
        &hub.db,
        seq,
        &format!(
            "UPDATE audit SET after = json_set(after, '$.body.note', '改') WHERE seq = {seq};"
        ),
    );
    let (spoke, _, _) = spoke_of(&hub, dir.path());
    let report = verify_at(&spoke, dir.path(), &signed);
    assert_eq!(report["verdict"], "historyRewritten", "{report}");
    assert_eq!(report["issuedBy"], setting(&hub, "database_id").as_str());
}
