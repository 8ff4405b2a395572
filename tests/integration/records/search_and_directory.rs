use super::*;

#[test]
fn search_finds_chinese_substrings_of_any_length_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("a.sqlite3"));
    let d = directory(&core);
    let created: Vec<Value> = [meal(&d), trip(&d), gift(&d), given_gift(&d), contact(&d)]
        .into_iter()
        .map(|request| call(&core, "record_create", request)["id"].clone())
        .collect();
    let count = |text: &str| {
        call(&core, "record_totals", json!({"filter": {"text": text}}))["count"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(count("茶叶"), 1, "two characters");
    assert_eq!(count("茶"), 1, "one character");
    assert_eq!(count("新茶叶礼盒"), 1);
    assert_eq!(
        count("深圳"),
        2,
        "trip destination and given gift recipient"
    );
    assert_eq!(
        count("星辰"),
        3,
        "the enterprise's name finds its meal, trip and contact"
    );
    assert_eq!(count("李明"), 4, "an official's name");
    assert_eq!(count("咖啡"), 0);

    // Search results page too, newest first by date like any list, each exactly once.
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = call(
            &core,
            "record_list",
            json!({"filter": {"text": "李明"}, "limit": 1, "after": after}),
        );
        for item in page["items"].as_array().unwrap() {
            assert!(!seen.contains(&item["id"]), "{item} twice");
            seen.push(item["id"].clone());
        }
        after = page["next"].clone();
        if after.is_null() {
            break;
        }
    }
    // 李明 is on the meal (03-02), the trip (03-10), the received gift (03-05) and the
    // contact (03-08).
    let expected: Vec<Value> = [1, 4, 2, 0].iter().map(|&i| created[i].clone()).collect();
    assert_eq!(seen, expected, "newest first by date");
    assert_eq!(count("sc-0001"), 1, "receipt numbers, case-insensitive");
}

#[test]
fn lists_page_by_keyset_with_totals_of_the_filtered_set() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("a.sqlite3"));
    let d = directory(&core);
    for day in 1..=9 {
        let request = set(
            meal(&d),
            "/body/meal/date",
            json!(format!("2026-03-0{day}")),
        );
        call(&core, "record_create", request);
    }
    let first = call(&core, "record_list", json!({"limit": 4}));
    let totals = call(&core, "record_totals", json!({}));
    assert_eq!(totals["count"], 9);
    assert_eq!(totals["amount"], 27000);
    assert_eq!(first["items"][0]["date"], "2026-03-09", "newest first");
    let second = call(
        &core,
        "record_list",
        json!({"limit": 4, "after": first["next"]}),
    );
    assert_eq!(second["items"][0]["date"], "2026-03-05");
    let third = call(
        &core,
        "record_list",
        json!({"limit": 4, "after": second["next"]}),
    );
    assert_eq!(third["items"].as_array().unwrap().len(), 1);
    assert_eq!(third["next"], Value::Null);

    let march_early = call(
        &core,
        "record_totals",
        json!({"filter": {"from": "2026-03-02", "to": "2026-03-04"}}),
    );
    assert_eq!(march_early["count"], 3);
    let by_official = call(
        &core,
        "record_totals",
        json!({"filter": {"officialId": d.officials[1]}}),
    );
    assert_eq!(by_official["count"], 9);
    let err = commands::dispatch(&core, "record_list", json!({"limit": 0})).unwrap_err();
    assert_eq!(
        serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap()["field"],
        json!(["limit"])
    );
}

#[test]
fn directory_checks_references_codes_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let before = dump(&db);
    let refuse = |command: &str, request: Value, field: Value| {
        let err = commands::dispatch(&core, command, request.clone()).expect_err(command);
        let json = serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap();
        assert_eq!(json["field"], field, "{request}: {json}");
    };
    let official = |staff_no: &str, department: &str| {
        json!({"value": {
        "name": "赵强", "staffNo": staff_no, "departmentId": department, "position": "", "role": "staff",
        "travelTier": "other", "enforcementPowers": true, "active": true}})
    };
    refuse(
        "official_save",
        official("S001", &d.department),
        json!(["value", "staffNo"]),
    );
    refuse(
        "official_save",
        official("S009", "01900000-0000-7000-8000-000000000000"),
        json!(["value", "departmentId"]),
    );
    let counterpart = |code: &str, confirmed: bool| {
        json!({"value": {
        "name": "某公司", "kind": "enterprise", "creditCode": code, "creditCodeConfirmed": confirmed,
        "creditStatus": "normal", "canteenRate": null, "address": "", "contact": "", "active": true}})
    };
    refuse(
        "counterpart_save",
        counterpart("91210100MA0QXY312W", false),
        json!(["value", "creditCode"]),
    );
    refuse(
        "counterpart_save",
        counterpart("9121010", false),
        json!(["value", "creditCode"]),
    );
    refuse(
        "counterpart_save",
        counterpart("91210112MA10K7R2XA", false),
        json!(["value", "creditCode"]),
    );
    refuse(
        "city_save",
        json!({"value": {"province": "广东省", "name": "深圳市"}}),
        json!(["value", "name"]),
    );
    assert!(dump(&db) == before);

    // A failed check character is accepted once the user confirms the code.
    let saved = call(
        &core,
        "counterpart_save",
        counterpart("91210112mA10K7R2XA", true),
    );
    assert_eq!(saved["value"]["creditCode"], "91210112MA10K7R2XA");
    // Deactivation is an amendment; the row stays.
    let mut value = saved["value"].clone();
    value["active"] = json!(false);
    let v2 = call(
        &core,
        "counterpart_save",
        json!({"id": saved["id"], "version": 1, "value": value}),
    );
    assert_eq!(v2["version"], 2);
    assert_eq!(
        call(&core, "counterpart_list", json!({}))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        call(&core, "counterpart_list", json!({"includeInactive": true}))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        call(&core, "audit_verify", json!({}))["problems"],
        json!([])
    );
}

#[test]
fn a_record_edited_with_plain_sql_is_found() {
    for sql in [
        "UPDATE record SET amount_fen = 1",
        "UPDATE record SET body = json_set(body, '$.meal.amountPaid', 1)",
        "UPDATE record SET occurred_on = '2026-04-01'",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.sqlite3");
        let core = open(&db);
        let d = directory(&core);
        let created = call(&core, "record_create", meal(&d));
        crate::common::raw(&db).unwrap().execute_batch(sql).unwrap();
        let report = call(&core, "audit_verify", json!({}));
        assert_eq!(
            report["problems"][0],
            json!({"kind": "entityAltered", "entity": "record", "id": created["id"], "lastSeq": report["head"]["seq"]}),
            "{sql}"
        );
    }
}

#[test]
fn the_bureau_name_is_saved_audited_and_required() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    assert_eq!(call(&core, "bureau_get", json!({}))["name"], Value::Null);
    let before = dump(&db);
    let err = commands::dispatch(&core, "bureau_save", json!({"name": "  "})).unwrap_err();
    assert_eq!(
        serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap()["field"],
        json!(["name"])
    );
    assert!(dump(&db) == before);
    call(
        &core,
        "bureau_save",
        json!({"name": " 沈阳市示范区投资促进局 "}),
    );
    assert_eq!(
        call(&core, "bureau_get", json!({}))["name"],
        "沈阳市示范区投资促进局"
    );
    let report = call(&core, "audit_verify", json!({}));
    assert_eq!(report["problems"], json!([]));
    assert_eq!(
        report["rowsChecked"],
        qinqing::rules::standards::shipped().len() + qinqing::domain::cities::shipped().len() + 1,
        "the seeded standards and cities, then one audited change: the bureau name"
    );
}
