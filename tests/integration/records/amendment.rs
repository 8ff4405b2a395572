use super::*;

#[test]
fn amendments_keep_history_and_stale_versions_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let created = call(&core, "record_create", meal(&d));
    let id = created["id"].clone();
    let mut amended = meal(&d);
    amended["body"]["meal"]["amountPaid"] = json!(4500);
    amended["id"] = id.clone();
    amended["version"] = json!(1);
    amended["reason"] = json!("补录第三位就餐人员的餐费");
    let v2 = call(&core, "record_update", amended.clone());
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["amount"], 4500);
    assert_eq!(v2["note"], "补录第三位就餐人员的餐费");

    let before = dump(&db);
    let stale = commands::dispatch(&core, "record_update", amended).unwrap_err();
    assert_eq!(
        serde_json::to_value(stale.to_payload(qinqing::i18n::Lang::En)).unwrap()["code"],
        "conflict"
    );
    assert!(dump(&db) == before, "a stale amendment changed nothing");

    let history = call(&core, "record_history", json!({"id": id}));
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "update"]);
    let first: Value = serde_json::from_str(history[0]["after"].as_str().unwrap()).unwrap();
    assert_eq!(first["amountFen"], 3000, "the old version stays visible");
}

#[test]
fn cancelled_records_stay_and_are_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let created = call(&core, "record_create", gift(&d));
    let id = created["id"].clone();

    let err = commands::dispatch(
        &core,
        "record_cancel",
        json!({"id": id, "version": 1, "reason": " "}),
    )
    .unwrap_err();
    assert_eq!(
        serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap()["field"],
        json!(["reason"])
    );

    let cancelled = call(
        &core,
        "record_cancel",
        json!({"id": id, "version": 1, "reason": "重复登记"}),
    );
    assert_eq!(cancelled["cancelled"], true);
    assert_eq!(cancelled["version"], 2);
    assert_eq!(call(&core, "record_totals", json!({}))["count"], 0);
    assert_eq!(
        call(
            &core,
            "record_totals",
            json!({"filter": {"includeCancelled": true}})
        )["count"],
        1
    );
    assert_eq!(
        call(&core, "record_get", json!({"id": id}))["note"],
        "重复登记"
    );

    let again = commands::dispatch(
        &core,
        "record_cancel",
        json!({"id": id, "version": 2, "reason": "x"}),
    )
    .unwrap_err();
    assert_eq!(
        serde_json::to_value(again.to_payload(qinqing::i18n::Lang::En)).unwrap()["code"],
        "locked"
    );
    let mut amend = gift(&d);
    amend["id"] = id.clone();
    amend["version"] = json!(2);
    let err = commands::dispatch(&core, "record_update", amend).unwrap_err();
    assert_eq!(
        serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap()["code"],
        "locked"
    );
    assert_eq!(
        call(&core, "audit_verify", json!({}))["problems"],
        json!([])
    );
}

/// A cancelled record comes back with a reason: valid, searchable and counted again,
/// a new version audited as `restore`; the audit chain verifies. Bad requests (no
/// reason, a stale version, a record that is not cancelled) change nothing. While it
/// is cancelled, nothing but a restore is offered (its review refused: see
/// `review::a_cancelled_record_is_not_reviewed`).
#[test]
fn a_cancelled_record_is_restored_with_a_reason_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let created = call(&core, "record_create", gift(&d));
    let id = created["id"].clone();
    let code = |command: &str, request: Value| refusal(&core, command, request);
    let not_cancelled = code(
        "record_restore",
        json!({"id": id, "version": 1, "reason": "误作废"}),
    );
    assert_eq!(not_cancelled["code"], "workflow");
    assert!(
        not_cancelled["message"]
            .as_str()
            .unwrap()
            .contains("没有作废"),
        "{not_cancelled}"
    );
    call(
        &core,
        "record_cancel",
        json!({"id": id, "version": 1, "reason": "重复登记"}),
    );
    let review = call(&core, "review_get", json!({"id": id}));
    assert_eq!(
        review["allowed"],
        json!(["restore"]),
        "only a restore is offered"
    );

    let before = crate::common::dump(&db);
    for (request, field_or_code) in [
        (json!({"id": id, "version": 2, "reason": "  "}), "reason"),
        (
            json!({"id": id, "version": 1, "reason": "误作废"}),
            "conflict",
        ),
    ] {
        let refused = code("record_restore", request);
        assert!(
            refused["field"] == json!([field_or_code]) || refused["code"] == field_or_code,
            "{refused}"
        );
    }
    assert_eq!(crate::common::dump(&db), before, "refusals change nothing");

    let restored = call(
        &core,
        "record_restore",
        json!({"id": id, "version": 2, "reason": "并非重复，误作废"}),
    );
    assert_eq!(restored["cancelled"], false);
    assert_eq!(restored["version"], 3);
    assert_eq!(restored["note"], "并非重复，误作废");
    assert_eq!(call(&core, "record_totals", json!({}))["count"], 1);
    assert_eq!(
        call(&core, "record_totals", json!({"filter": {"text": "茶叶"}}))["count"],
        1,
        "searchable again"
    );
    let review = call(&core, "review_get", json!({"id": id}));
    let allowed = review["allowed"].as_array().unwrap();
    assert!(allowed.contains(&json!("cancel")) && !allowed.contains(&json!("restore")));
    let history = call(&core, "record_history", json!({"id": id}));
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["entity"] == "record")
        .map(|v| v["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "cancel", "restore"]);
    assert_eq!(
        call(&core, "audit_verify", json!({}))["problems"],
        json!([])
    );
}

/// A form with several mistakes is refused with all of them at once, each on its
/// field (the first as the payload's field, the others in `also`), and nothing is saved.
#[test]
fn every_problem_of_a_record_is_reported_at_once_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let mut bad = meal(&d);
    bad["body"]["meal"]["place"] = json!("  ");
    bad["body"]["meal"]["amountPaid"] = json!(-100);
    bad["body"]["meal"]["receiptNo"] = json!("票".repeat(61));
    bad["body"]["meal"]["enterpriseDiners"] = json!(5000);
    let before = dump(&db);
    let payload = refusal(&core, "record_create", bad);
    assert_eq!(payload["code"], "validation");
    let mut fields = vec![payload["field"].clone()];
    fields.extend(
        payload["also"]
            .as_array()
            .expect("the other problems")
            .iter()
            .map(|p| p["field"].clone()),
    );
    assert_eq!(
        fields,
        [
            json!(["body", "meal", "place"]),
            json!(["body", "meal", "enterpriseDiners"]),
            json!(["body", "meal", "amountPaid"]),
            json!(["body", "meal", "receiptNo"]),
        ]
    );
    assert!(
        payload["message"].as_str().unwrap().contains("另有 3 处"),
        "{payload}"
    );
    assert_eq!(payload["also"][1]["problem"], "金额不能为负数");
    assert_eq!(dump(&db), before, "nothing saved");
}

/// Amounts and dates no registration can mean are refused with the reason: a gift
/// worth ¥999,999,999,999 (the ceiling is ¥100,000,000), a meal a year ahead (the
/// limit is 90 days after today, 2026-06-13 on the test clock's 2026-03-15). The
/// limits themselves are accepted.
#[test]
fn amounts_and_dates_beyond_belief_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let refused = |request: Value| refusal(&core, "record_create", request);
    let before = dump(&db);
    let mut huge = gift(&d);
    huge["body"]["gift"]["received"]["estimatedValue"] = json!(99_999_999_999_900_i64);
    let payload = refused(huge);
    assert_eq!(
        payload["field"],
        json!(["body", "gift", "received", "estimatedValue"])
    );
    assert!(
        payload["problem"]
            .as_str()
            .unwrap()
            .contains("¥100,000,000.00")
            && payload["problem"].as_str().unwrap().contains("录入有误"),
        "{payload}"
    );
    let mut next_year = meal(&d);
    next_year["body"]["meal"]["date"] = json!("2027-03-02");
    let payload = refused(next_year);
    assert_eq!(payload["field"], json!(["body", "meal", "date"]));
    assert!(
        payload["problem"].as_str().unwrap().contains("2026-06-13"),
        "{payload}"
    );
    let mut disposed_later = gift(&d);
    disposed_later["body"]["gift"]["received"]["disposition"]["surrendered"]["date"] =
        json!("2026-12-31");
    assert_eq!(
        refused(disposed_later)["field"],
        json!([
            "body",
            "gift",
            "received",
            "disposition",
            "surrendered",
            "date"
        ])
    );
    assert_eq!(dump(&db), before, "nothing saved");

    let mut at_limits = gift(&d);
    at_limits["body"]["gift"]["received"]["estimatedValue"] = json!(10_000_000_000_i64);
    call(&core, "record_create", at_limits);
    let mut planned = trip(&d);
    planned["body"]["trip"]["startDate"] = json!("2026-06-13");
    planned["body"]["trip"]["endDate"] = json!("2026-06-14");
    planned["body"]["trip"]["expenses"] = json!([]);
    call(&core, "record_create", planned);
}
