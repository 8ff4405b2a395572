//! Signed checkpoints of the audit chain, tried as someone with the database file
//! would: real SQL on the real file, triggers dropped, the chain re-hashed with the
//! app's own hash so every link holds. The checkpoints' signatures, which nobody
//! holding only the file can make, name where the history was rewritten.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::bureau::{bureau, separate_bureau, Bureau};
use crate::common::{call, dump, qinqing_as};
use crate::register_sign::{approved_meal, sign};

/// Re-hashes the chain from row `from` on with the app's row hash, as a forger with
/// the file and the source can; `edit` first changes what they want changed.
pub(crate) fn rewrite(db: &Path, from: i64, edit: &str) {
    let conn = crate::common::raw(db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_append_only_update;
         DROP TRIGGER IF EXISTS audit_append_only_delete;",
    )
    .unwrap();
    conn.execute_batch(edit).unwrap();
    // Renumber what is left, so no gap shows.
    conn.execute_batch(
        "CREATE TEMP TABLE renumbered AS
           SELECT seq AS old, ROW_NUMBER() OVER (ORDER BY seq) AS new FROM audit;
         UPDATE audit SET seq = -seq;
         UPDATE audit SET seq = (SELECT new FROM renumbered WHERE old = -audit.seq);",
    )
    .unwrap();
    crate::common::rehash_chain(&conn, from);
}

fn audit(b: &Bureau) -> Value {
    b.as_("inspector");
    call(&b.core, "audit_verify", json!({}))
}

/// A month approved and signed: checkpoints by the clerk, the head (approving, then
/// signing the register).
fn signed_month(b: &Bureau) -> Value {
    approved_meal(b, "2026-03-02");
    let dir = tempfile::tempdir().unwrap();
    sign(b, &dir.path().join("signed.pdf")).unwrap()
}

#[test]
fn every_signed_act_signs_the_chain_and_an_honest_log_verifies() {
    let b = bureau();
    signed_month(&b);
    let report = audit(&b);
    assert_eq!(report["problems"], json!([]), "{report}");
    // Submit, approve, sign: three signed acts.
    assert_eq!(report["checkpoints"], 3, "{report}");
    assert_eq!(report["lastCheckpoint"]["act"], "signRegister", "{report}");
    assert_eq!(report["lastCheckpoint"]["signedBy"], "赵处长（A-04）");
    assert_eq!(report["unsignedTail"], 0, "{report}");
    assert_eq!(report["rewritten"], Value::Null);
    // A change after the last signed act is the unsigned tail until someone signs.
    b.as_("clerk");
    call(&b.core, "record_create", b.meal("staff", "2026-04-09"));
    let report = audit(&b);
    assert_eq!(report["problems"], json!([]));
    assert!(report["unsignedTail"].as_i64().unwrap() > 0, "{report}");
}

#[test]
fn a_record_deleted_with_its_history_and_the_chain_rehashed_is_caught() {
    let b = bureau();
    signed_month(&b);
    let record: String = crate::common::raw(&b.db)
        .unwrap()
        .query_row("SELECT id FROM record", [], |r| r.get(0))
        .unwrap();
    // Everything about the record goes, its audit rows included; the chain is
    // renumbered and re-hashed from the first row removed.
    let first: i64 = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT MIN(seq) FROM audit WHERE entity_id = ?1",
            [&record],
            |r| r.get(0),
        )
        .unwrap();
    rewrite(
        &b.db,
        first,
        &format!(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM record_official WHERE record_id = '{record}';
             DELETE FROM record_counterpart WHERE record_id = '{record}';
             DELETE FROM record_finding WHERE record_id = '{record}';
             DELETE FROM record_review WHERE record_id = '{record}';
             DELETE FROM record WHERE id = '{record}';
             DELETE FROM audit WHERE entity_id = '{record}';"
        ),
    );
    let report = audit(&b);
    let kinds: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    // The links all hold: only the signatures show the rewrite, and name it.
    assert!(
        !kinds.contains(&"brokenLink") && !kinds.contains(&"rowAltered"),
        "{report}"
    );
    assert_eq!(kinds[0], "historyRewritten", "{report}");
    let rewritten = &report["rewritten"];
    assert_eq!(rewritten["afterSeq"], 0, "{report}");
    assert_eq!(rewritten["checkpoint"]["act"], "submit", "{report}");
    assert_eq!(
        rewritten["checkpoint"]["signedBy"], "王静（A-03）",
        "{report}"
    );
    assert_eq!(report["lastCheckpoint"], Value::Null, "{report}");
}

#[test]
fn a_role_changed_by_sql_before_a_checkpoint_names_that_checkpoint() {
    let b = bureau();
    signed_month(&b);
    let staff = b.person("staff").official.clone();
    // The staff member's official row and its last audited image say administrator;
    // the chain is re-hashed from that row on.
    let seq: i64 = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT MAX(seq) FROM audit WHERE entity = 'official' AND entity_id = ?1",
            [&staff],
            |r| r.get(0),
        )
        .unwrap();
    rewrite(
        &b.db,
        seq,
        &format!(
            "UPDATE official SET body = json_set(body, '$.role', 'administrator') WHERE id = '{staff}';
             UPDATE audit SET after = json_set(after, '$.body.role', 'administrator') WHERE seq = {seq};"
        ),
    );
    let report = audit(&b);
    assert_eq!(
        report["problems"][0]["kind"], "historyRewritten",
        "{report}"
    );
    assert_eq!(report["rewritten"]["afterSeq"], 0, "{report}");
    // The first signed act after the rewritten row is named with its signer.
    assert_eq!(
        report["rewritten"]["checkpoint"]["signedBy"],
        "王静（A-03）"
    );
    // The command line says so and fails.
    drop(b.core.store());
    let out = qinqing_as(
        &b.db,
        "A-06",
        &b.person("inspector").passphrase,
        &["audit", "verify", "--json"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["rewritten"], report["rewritten"]);
    assert_eq!(printed["checkpoints"], 3);
}

#[test]
fn a_role_changed_by_sql_with_an_audit_row_appended_is_the_unsigned_tail() {
    let b = bureau();
    signed_month(&b);
    let before = audit(&b);
    assert_eq!(before["unsignedTail"], 0);
    let staff = b.person("staff").official.clone();
    // Appended after the last checkpoint with a correct hash: nothing before any
    // signature changed, so it is not a rewrite — but no signature vouches for it,
    // and the report says how many rows stand unsigned after whose checkpoint.
    let conn = crate::common::raw(&b.db).unwrap();
    conn.execute(
        "UPDATE official SET body = json_set(body, '$.role', 'administrator'), version = version + 1 WHERE id = ?1",
        [&staff],
    )
    .unwrap();
    let (seq, prev): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let image: String = conn
        .query_row(
            "SELECT json_object('version', version, 'departmentId', department_id, 'name', name, 'staffNo', staff_no, 'active', active, 'body', json(body)) FROM official WHERE id = ?1",
            [&staff],
            |r| r.get(0),
        )
        .unwrap();
    let at = "2026-03-15T09:31:00.000Z";
    let actor = format!("profile:{}", b.person("admin").profile);
    let hash = qinqing::digest::sha256_hex(
        json!([
            seq + 1,
            at,
            actor,
            "update",
            "official",
            staff,
            Value::Null,
            image,
            prev
        ])
        .to_string()
        .as_bytes(),
    );
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, 'update', 'official', ?4, NULL, ?5, ?6, ?7)",
        rusqlite::params![seq + 1, at, actor, staff, image, prev, hash],
    )
    .unwrap();
    let report = audit(&b);
    assert_eq!(report["problems"], json!([]), "{report}");
    assert_eq!(report["unsignedTail"], 1, "{report}");
    assert_eq!(report["lastCheckpoint"]["seq"], seq, "{report}");
    assert_eq!(report["lastCheckpoint"]["signedBy"], "赵处长（A-04）");
}

#[test]
fn verifying_changes_nothing_and_a_forged_checkpoint_is_refused() {
    let b = bureau();
    signed_month(&b);
    let before = dump(&b.db);
    audit(&b);
    assert_eq!(dump(&b.db), before);
    // A checkpoint made up by someone with the file: their own key is not the head's.
    let conn = crate::common::raw(&b.db).unwrap();
    let (seq, signature): (i64, String) = conn
        .query_row(
            "SELECT seq, signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut forged: Value = serde_json::from_str(&signature).unwrap();
    forged["statement"] = json!(forged["statement"]
        .as_str()
        .unwrap()
        .replace("signRegister", "approve"));
    conn.execute_batch("DROP TRIGGER audit_checkpoint_append_only_update;")
        .unwrap();
    conn.execute(
        "UPDATE audit_checkpoint SET signature = ?2 WHERE seq = ?1",
        rusqlite::params![seq, forged.to_string()],
    )
    .unwrap();
    let report = audit(&b);
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .contains(&json!({"kind": "checkpointInvalid", "seq": seq})),
        "{report}"
    );
}

#[test]
fn restoring_a_backup_that_loses_or_rewrites_signed_acts_needs_an_administrators_confirmation() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    b.as_("clerk");
    call(&b.core, "record_create", b.meal("staff", "2026-02-20"));
    let older = dir.path().join("older.sqlite3");
    b.as_("admin");
    call(&b.core, "backup_create", json!({"path": older}));
    // Signed acts after the backup: the approval and the register's signature.
    signed_month(&b);
    b.as_("admin");
    let dry = call(
        &b.core,
        "backup_restore",
        json!({"path": older, "dryRun": true}),
    );
    let lost = dry["lost"].as_array().unwrap();
    assert!(lost.len() >= 2, "{dry}");
    assert!(lost.iter().all(|l| l["rewritten"] == false), "{dry}");
    assert_eq!(lost.last().unwrap()["checkpoint"]["act"], "signRegister");
    // Without the confirmation: refused on its field, nothing changed.
    let before = dump(&b.db);
    let refused = b
        .try_call("backup_restore", json!({"path": older}))
        .unwrap_err();
    assert_eq!(
        refused.field().unwrap(),
        vec![qinqing::error::PathSegment::Key("confirmLoss".into())]
    );
    assert!(
        refused
            .to_payload(qinqing::i18n::Lang::En)
            .message
            .contains("赵处长（A-04）"),
        "{refused}"
    );
    assert_eq!(dump(&b.db), before);

    // A copy of today's database whose checkpoints were removed and whose history
    // was rewritten (so its own audit passes): it contradicts what this database holds.
    let rewritten = dir.path().join("rewritten.sqlite3");
    call(&b.core, "backup_create", json!({"path": rewritten}));
    let staff = b.person("staff").official.clone();
    let seq: i64 = crate::common::raw(&rewritten)
        .unwrap()
        .query_row(
            "SELECT MAX(seq) FROM audit WHERE entity = 'official' AND entity_id = ?1",
            [&staff],
            |r| r.get(0),
        )
        .unwrap();
    rewrite(
        &rewritten,
        seq,
        &format!(
            "DROP TRIGGER audit_checkpoint_append_only_delete; DELETE FROM audit_checkpoint;
             UPDATE official SET body = json_set(body, '$.role', 'administrator') WHERE id = '{staff}';
             UPDATE audit SET after = json_set(after, '$.body.role', 'administrator') WHERE seq = {seq};"
        ),
    );
    let dry = call(
        &b.core,
        "backup_restore",
        json!({"path": rewritten, "dryRun": true}),
    );
    assert!(
        dry["lost"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["rewritten"] == true),
        "{dry}"
    );
    assert!(b
        .try_call("backup_restore", json!({"path": rewritten}))
        .is_err());
    assert_eq!(dump(&b.db), before);

    // Confirmed by the administrator: restored, and the audit row names what was lost.
    let done = call(
        &b.core,
        "backup_restore",
        json!({"path": older, "confirmLoss": true}),
    );
    assert_eq!(done["restored"], true);
    let event: String = crate::common::raw(&b.db)
        .unwrap()
        .query_row(
            "SELECT after FROM audit WHERE action = 'restore' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let event: Value = serde_json::from_str(&event).unwrap();
    assert_eq!(
        event["lostCheckpoints"].as_array().unwrap().len(),
        lost.len(),
        "{event}"
    );
}

#[test]
fn a_source_rolled_back_to_an_older_copy_is_refused_at_the_hub_naming_both_heads() {
    let field = bureau();
    let office = separate_bureau();
    let dir = tempfile::tempdir().unwrap();
    let export = |name: &str| {
        let path = dir.path().join(name);
        field.as_("staff");
        call(
            &field.core,
            "bundle_export",
            json!({"path": path.to_string_lossy(), "passphrase": field.person("staff").passphrase}),
        );
        path
    };
    let import = |path: &Path, extra: Value| {
        office.as_("admin");
        let mut request = json!({"path": path.to_string_lossy()});
        for (k, v) in extra.as_object().unwrap() {
            request[k] = v.clone();
        }
        office.try_call("bundle_import", request)
    };
    field.as_("staff");
    call(
        &field.core,
        "record_create",
        field.meal("staff", "2026-03-02"),
    );
    let first = export("first.qqb");
    let dry = import(&first, json!({"dryRun": true})).unwrap();
    let done = import(
        &first,
        json!({"trustFingerprint": dry["signerFingerprint"]}),
    )
    .unwrap();
    assert_eq!(done["witness"], "first", "{done}");

    // The laptop keeps a copy, works on, and sends the next bundle: it extends.
    field.as_("admin");
    let copy = dir.path().join("laptop-copy.sqlite3");
    call(&field.core, "backup_create", json!({"path": copy}));
    field.as_("staff");
    call(
        &field.core,
        "record_create",
        field.meal("staff", "2026-03-03"),
    );
    let second = export("second.qqb");
    let done = import(&second, json!({})).unwrap();
    assert_eq!(done["witness"], "extends", "{done}");

    // The laptop is rolled back to its copy (an administrator confirming the loss),
    // works on, and sends again: the hub saw a history this one does not extend.
    field.as_("admin");
    call(
        &field.core,
        "backup_restore",
        json!({"path": copy, "confirmLoss": true}),
    );
    field.as_("staff");
    call(
        &field.core,
        "record_create",
        field.meal("staff", "2026-03-04"),
    );
    let third = export("third.qqb");
    let before = dump(&office.db);
    let refused = import(&third, json!({"dryRun": true})).unwrap_err();
    let message = refused.to_payload(qinqing::i18n::Lang::En).message;
    let seen = done["sourceChain"]["seq"].as_i64().unwrap();
    assert!(message.contains("rolled back or rewritten"), "{message}");
    assert!(message.contains(&format!("then row {seen} ")), "{message}");
    assert!(import(&third, json!({})).is_err());
    assert_eq!(dump(&office.db), before);
}
