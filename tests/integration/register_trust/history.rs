use super::*;

/// Rewrites the audit chain from row `from` on, as someone with the file and the hash
/// function can: every row still links to the one before it.
fn rehash_chain_from(db: &Path, from: i64) {
    let conn = crate::common::raw(db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    conn.execute(
        "UPDATE audit SET actor = 'profile:someone-else' WHERE seq = ?1",
        [from],
    )
    .unwrap();
    crate::common::rehash_chain(&conn, from);
}

#[test]
fn a_register_over_a_rewritten_history_says_so() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    rehash_chain_from(&b.db, 3);
    // The chain recomputes: its links alone do not show the rewrite.
    let audit = call(&b.core, "audit_verify", json!({}));
    let broken = audit["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "brokenLink" || p["kind"] == "rowAltered");
    assert!(!broken, "{audit}");
    let report = verify(&b, dir.path(), &issued);
    assert_eq!(report["verdict"], "historyRewritten", "{report}");
}

#[test]
fn a_certificate_for_the_head_that_came_in_a_bundle_does_not_sign_for_this_bureau() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    approved_meal(&b, "2026-03-02");
    // An outsider whose database also has a 赵处长 with staff number A-04 sends a
    // bundle as him; an administrator here compares the fingerprint and accepts it,
    // and the certificate is kept as this bureau's 赵处长's.
    let outsider = separate_bureau();
    outsider.as_("head");
    call(
        &outsider.core,
        "record_create",
        outsider.meal("head", "2026-03-03"),
    );
    let bundle = dir.path().join("outsider.qqb");
    call(
        &outsider.core,
        "bundle_export",
        json!({"path": bundle.to_string_lossy(), "passphrase": outsider.person("head").passphrase}),
    );
    b.as_("admin");
    let dry = call(
        &b.core,
        "bundle_import",
        json!({"path": bundle.to_string_lossy(), "dryRun": true}),
    );
    call(
        &b.core,
        "bundle_import",
        json!({"path": bundle.to_string_lossy(), "trustFingerprint": dry["signerFingerprint"]}),
    );
    // The outsider's key signs this bureau's March in the head's field.
    let key = key_of(&outsider, "head");
    let forged = sign_with(
        &unissued(&b, "2026-03"),
        &key,
        SignatureSlot::Sign,
        "赵处长（A-04）",
        b.core.stamp().at,
    );
    let report = verify(&b, dir.path(), &forged);
    assert_eq!(report["verdict"], "unknownSigner", "{report}");
    assert_eq!(
        report["signatures"][0]["knownAs"], "赵处长（A-04）",
        "{report}"
    );
    assert_eq!(report["signatures"][0]["fromBureauRoot"], false, "{report}");
    // The head's own key, issued by this bureau's root, is.
    let head = key_of(&b, "head");
    let own = sign_with(
        &unissued(&b, "2026-03"),
        &head,
        SignatureSlot::Sign,
        "赵处长（A-04）",
        b.core.stamp().at,
    );
    let report = verify(&b, dir.path(), &own);
    assert_eq!(report["signatures"][0]["fromBureauRoot"], true, "{report}");
    assert_eq!(report["verdict"], "notIssuedHere", "{report}");
}

#[test]
fn only_the_leader_a_department_names_countersigns_its_register() {
    let b = bureau();
    let dir = tempfile::tempdir().unwrap();
    let issued = issued_march(&b, dir.path());
    // A second leader in charge, named by department A.
    b.as_("admin");
    let leader =
        crate::common::bureau::official(&b.core, &b.dept_a, "孙局长", "A-07", "leaderInCharge");
    call(
        &b.core,
        "profile_create",
        json!({"officialId": leader, "administrator": false, "passphrase": "passphrase-of-sun"}),
    );
    let department = |leader: &str| {
        let departments = call(&b.core, "department_list", json!({}));
        let row = departments
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == b.dept_a.as_str())
            .unwrap()
            .clone();
        json!({"id": b.dept_a, "version": row["version"],
               "value": {"name": "招商服务处", "active": true, "leaderInChargeId": leader}})
    };
    // A staff member cannot be named.
    let refused = b
        .try_call("department_save", department(&b.person("staff").official))
        .unwrap_err();
    assert_eq!(
        refused.field().unwrap(),
        vec![
            qinqing::error::PathSegment::Key("value".into()),
            qinqing::error::PathSegment::Key("leaderInChargeId".into())
        ]
    );
    call(&b.core, "department_save", department(&leader));

    // 钱局长 leads another department now: the app refuses his countersignature…
    let register_id = call(&b.core, "register_list", json!({}))[0]["id"].clone();
    b.as_("leader");
    let refused = b
        .try_call(
            "register_countersign",
            json!({"registerId": register_id, "passphrase": b.person("leader").passphrase}),
        )
        .unwrap_err();
    assert_eq!(refused.code(), qinqing::error::ErrorCode::Forbidden);
    // …and one made with his key outside the app is a wrong signer.
    let qian = key_of(&b, "leader");
    let forged = sign_with(
        &issued,
        &qian,
        SignatureSlot::Countersign,
        "钱局长（A-05）",
        b.core.stamp().at,
    );
    let report = verify(&b, dir.path(), &forged);
    assert_eq!(report["verdict"], "wrongSigner", "{report}");
    assert_eq!(authority(&report, 1), "wrongDepartment", "{report}");
    assert_eq!(
        report["entitledSigners"],
        json!(["孙局长（A-07）"]),
        "{report}"
    );

    // The named leader countersigns: intact.
    let sun: Uuid = call(&b.core, "profile_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["officialId"] == leader.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    b.core.set_session(Some(sun));
    let counter = dir.path().join("counter.pdf");
    call(
        &b.core,
        "register_countersign",
        json!({"registerId": register_id, "passphrase": "passphrase-of-sun", "path": counter}),
    );
    let report = verify(&b, dir.path(), &std::fs::read(&counter).unwrap());
    assert_eq!(report["verdict"], "intact", "{report}");
    assert_eq!(report["signatures"][1]["knownAs"], "孙局长（A-07）");
}
