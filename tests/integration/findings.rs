//! Findings through the commands on a real database file: a month of a department's
//! activity built from the policy's own examples yields exactly the expected findings
//! and clauses; standards saved later re-evaluate what they touch; the stored briefs
//! always equal a fresh evaluation; the CLI prints the same; `docs/rules.md` is current.

use crate::common::{call, directory, open, qinqing};
use qinqing::commands;
use serde_json::{json, Value};

fn create(core: &qinqing::core::Core, department: &str, body: Value) -> String {
    call(
        core,
        "record_create",
        json!({"departmentId": department, "body": body}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn rules_of(month: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = month["records"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["citation"]["clause"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_month_of_a_department_yields_exactly_the_expected_findings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    let (li, zhang) = (&d.officials[0], &d.officials[1]);
    // The administrator sets what the app ships empty: a lodging cap for Shenzhen.
    call(
        &core,
        "standard_save",
        json!({"value": {
            "key": "lodgingCap", "tier": null, "cityId": d.city, "effectiveFrom": "2026-01-01",
            "value": 50000, "source": "本局差旅费管理办法", "active": true
        }}),
    );

    // 招商 trip: the enterprise pays one hotel night.
    let trip = create(
        &core,
        &d.department,
        json!({"trip": {
        "purpose": "赴深圳招商推介", "destinationCityId": d.city, "destination": "深圳市南山区",
        "startDate": "2026-03-02", "endDate": "2026-03-04", "participantIds": [li], "counterpartIds": [d.canteen],
        "expenses": [
            {"officialId": li, "category": "intercityTransport", "date": "2026-03-02", "nights": null, "amount": 125000, "payer": "unit", "receiptNo": "T1"},
            {"officialId": li, "category": "lodging", "date": "2026-03-02", "nights": 1, "amount": 45000, "payer": "unit", "receiptNo": "H1"},
            {"officialId": li, "category": "lodging", "date": "2026-03-03", "nights": 1, "amount": 45000, "payer": "enterprise", "receiptNo": ""},
            {"officialId": li, "category": "meals", "date": "2026-03-04", "nights": null, "amount": 30000, "payer": "unit", "receiptNo": ""},
            {"officialId": li, "category": "localTransport", "date": "2026-03-04", "nights": null, "amount": 24000, "payer": "unit", "receiptNo": ""}
        ]}}),
    );
    let canteen_meal = |date: &str, paid: i64| {
        json!({"meal": {
            "date": date, "mode": "canteenMeal", "counterpartId": d.canteen, "place": "企业食堂",
            "officialIds": [li, zhang], "enterpriseDiners": 1, "perPersonStandard": null, "amountPaid": paid,
            "receiptNo": if paid > 0 { "C-0311" } else { "" }, "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
        }})
    };
    create(&core, &d.department, canteen_meal("2026-03-11", 3000));
    let unpaid = create(&core, &d.department, canteen_meal("2026-03-12", 0));
    let gift = |date: &str, item: &str, category: &str, value: i64, disposition: Value| {
        json!({"gift": {"received": {
            "date": date, "officialId": zhang, "giverName": "王经理", "counterpartId": d.canteen, "beneficiary": "official",
            "item": item, "category": category, "quantity": 1, "estimatedValue": value, "disposition": disposition
        }}})
    };
    create(
        &core,
        &d.department,
        gift(
            "2026-03-05",
            "茶具",
            "goods",
            80000,
            json!({"surrendered": {"date": "2026-03-20", "to": "局纪检组", "voucherNo": "SJ-2026-007"}}),
        ),
    );
    let card = create(
        &core,
        &d.department,
        gift(
            "2026-03-08",
            "购物卡",
            "prepaidCard",
            100000,
            json!({"paid": {"date": "2026-03-09", "amount": 100000, "receiptNo": "P-1"}}),
        ),
    );
    let given = create(
        &core,
        &d.department,
        json!({"gift": {"given": {
            "date": "2026-03-18", "officialId": li, "recipient": "深圳客商代表团", "counterpartId": null,
            "occasion": "招商推介会", "item": "沈阳故宫文创礼盒", "quantity": 1, "value": 15000, "funding": "单位公务经费"
        }}}),
    );

    // Before the ceremonial-gift cap is set, the given gift says so.
    let before = call(&core, "record_findings", json!({"id": given}));
    assert_eq!(before["findings"][0]["rule"], "standard-missing");
    call(
        &core,
        "standard_save",
        json!({"value": {
            "key": "ceremonialGiftCap", "tier": null, "cityId": null, "effectiveFrom": "2026-01-01",
            "value": 20000, "source": "本局礼节性礼品管理规定", "active": true
        }}),
    );
    assert_eq!(
        call(&core, "record_findings", json!({"id": given}))["findings"],
        json!([])
    );

    let month = call(
        &core,
        "list_findings",
        json!({"month": "2026-03", "departmentId": d.department, "asOf": "2026-04-30"}),
    );
    assert_eq!(
        rules_of(&month),
        [
            (
                "canteen-fee-unpaid".into(),
                "violation".into(),
                "二(一)6".into()
            ),
            (
                "cash-like-kept".into(),
                "violation".into(),
                "二(二)9".into()
            ),
            (
                "trip-paid-by-enterprise".into(),
                "violation".into(),
                "二(一)5".into()
            ),
        ]
    );
    assert_eq!(
        month["counts"],
        json!({"violations": 3, "warnings": 0, "notes": 0})
    );
    let flagged: Vec<&str> = month["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["recordId"].as_str().unwrap())
        .collect();
    assert_eq!(
        flagged,
        [trip.as_str(), card.as_str(), unpaid.as_str()],
        "by date"
    );
    let unpaid_found = &month["records"][2]["findings"][0];
    assert_eq!(
        unpaid_found["message"]["zh"],
        "食堂用餐 2 人，应付不少于 ¥30.00，实付 ¥0.00"
    );
    assert_eq!(unpaid_found["field"], json!(["body", "meal", "amountPaid"]));

    // The trip's settlement: the standard beside what was paid, and by whom.
    let settled = call(&core, "record_findings", json!({"id": trip}))["settlement"][0].clone();
    let lodging = settled["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["category"] == "lodging")
        .unwrap()
        .clone();
    assert_eq!(
        (
            lodging["standard"].clone(),
            lodging["paidByUnit"].clone(),
            lodging["paidByEnterprise"].clone()
        ),
        (json!(100000), json!(45000), json!(45000))
    );
    assert_eq!(settled["days"], 3);

    // Lists filter on "has violations"; the same three records.
    let page = call(
        &core,
        "record_list",
        json!({"filter": {"finding": "violation", "asOf": "2026-04-30"}}),
    );
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    assert!(page["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["violations"] == 1));
    let totals = call(
        &core,
        "record_totals",
        json!({"filter": {"finding": "violation"}}),
    );
    assert_eq!(totals["count"], 3);

    // Paying the canteen afterwards clears its finding, in the same transaction.
    let record = call(&core, "record_get", json!({"id": unpaid}));
    call(
        &core,
        "record_update",
        json!({
            "id": unpaid, "version": record["version"], "departmentId": d.department,
            "body": canteen_meal("2026-03-12", 3000), "reason": "补交餐费"
        }),
    );
    let month = call(
        &core,
        "list_findings",
        json!({"month": "2026-03", "asOf": "2026-04-30"}),
    );
    assert_eq!(month["counts"]["violations"], 2);

    // What is stored equals a fresh evaluation of every record.
    drop(core);
    let conn = crate::common::raw(&db).unwrap();
    assert_eq!(qinqing::store::findings::verify(&conn).unwrap(), []);

    // The CLI prints the same, by department name.
    let out = qinqing(
        &db,
        &[
            "findings",
            "--month",
            "2026-03",
            "--department",
            "招商服务处",
            "--as-of",
            "2026-04-30",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["counts"]["violations"], 2);
    let text = qinqing(
        &db,
        &[
            "--lang",
            "zh-CN",
            "findings",
            "--month",
            "2026-03",
            "--as-of",
            "2026-04-30",
        ],
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("[违规] 二(二)9 cash-like-kept"), "{text}");
}

#[test]
fn a_pending_gift_shows_on_the_home_screen_with_its_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("q.sqlite3"));
    let d = directory(&core);
    create(
        &core,
        &d.department,
        json!({"gift": {"received": {
            "date": "2026-03-01", "officialId": d.officials[0], "giverName": "王经理", "counterpartId": null,
            "beneficiary": "official", "item": "土特产", "category": "localSpecialty", "quantity": 1,
            "estimatedValue": 20000, "disposition": "pending"
        }}}),
    );
    // The clock says 2026-03-15; the deadline is 2026-04-01.
    let home = call(&core, "home_summary", json!({}));
    assert_eq!(home["month"], "2026-03");
    assert_eq!(home["records"]["gifts"], 1);
    assert_eq!(home["pendingGifts"][0]["deadline"], "2026-04-01");
    assert_eq!(home["pendingGifts"][0]["daysLeft"], 17);
    assert_eq!(home["perMonth"].as_array().unwrap().len(), 12);
    assert_eq!(
        home["findings"],
        json!({"violations": 0, "warnings": 0, "notes": 0}),
        "no reminder 17 days out"
    );
}

#[test]
fn bad_standards_and_months_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    let core = open(&db);
    let before = crate::common::dump(&db);
    let refuse = |command: &str, request: Value| {
        let err = commands::dispatch(&core, command, request).unwrap_err();
        serde_json::to_value(err.to_payload(qinqing::i18n::Lang::En)).unwrap()
    };
    let standard = |extra: Value| {
        let mut value = json!({"key": "receptionMealPerPerson", "tier": null, "cityId": null,
            "effectiveFrom": "2026-01-01", "value": 10000, "source": "本局规定", "active": true});
        for (k, v) in extra.as_object().unwrap() {
            value[k] = v.clone();
        }
        json!({"value": value})
    };
    assert_eq!(
        refuse("standard_save", standard(json!({"value": -1})))["field"],
        json!(["value", "value"])
    );
    assert_eq!(
        refuse("standard_save", standard(json!({"source": " "})))["field"],
        json!(["value", "source"])
    );
    assert_eq!(
        refuse("standard_save", standard(json!({"tier": "other"})))["field"],
        json!(["value", "tier"]),
        "a meal standard has no tier"
    );
    assert_eq!(
        refuse(
            "standard_save",
            standard(json!({"key": "surrenderDeadlineMonths", "value": 0}))
        )["field"],
        json!(["value", "value"])
    );
    assert_eq!(
        refuse("standard_save", standard(json!({"key": "nope"})))["code"],
        "validation"
    );
    let shipped_again = json!({"value": {"key": "travelMealAllowance", "tier": null, "cityId": null,
        "effectiveFrom": "2014-01-01", "value": 12000, "source": "x", "active": true}});
    assert_eq!(
        refuse("standard_save", shipped_again)["field"],
        json!(["value", "effectiveFrom"]),
        "a second figure for the same day"
    );
    assert_eq!(
        refuse("list_findings", json!({"month": "2026-13"}))["field"],
        json!(["month"])
    );
    assert_eq!(
        refuse("list_findings", json!({"month": "March"}))["field"],
        json!(["month"])
    );
    assert!(crate::common::dump(&db) == before);
}

#[test]
fn the_rules_document_is_current() {
    let generated = qinqing::rules::markdown();
    let committed = crate::common::committed_doc("docs/rules.md", &generated);
    assert!(
        committed == generated,
        "docs/rules.md is stale: run make docs"
    );
    for rule in qinqing::rules::catalogue() {
        assert!(committed.contains(&format!("`{}`", rule.id.tag())));
    }
}

/// The rules of `record`'s findings as they hold now.
fn rules_now(b: &crate::common::bureau::Bureau, record: &Value) -> Vec<String> {
    let found = call(&b.core, "record_findings", json!({"id": record["id"]}));
    found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_record_is_judged_on_the_directory_as_it_stood_on_its_date() {
    let b = crate::common::bureau::bureau();
    let inspection = |date: &str| {
        json!({"departmentId": b.dept_a, "body": {"contact": {
            "date": date, "activity": "inspection", "counterpartIds": [b.counterpart],
            "officialIds": [b.person("staff").official], "initiatedBy": "us",
            "purpose": "安全生产检查", "outcome": ""
        }}})
    };
    let meal = |date: &str| b.meal("staff", date);
    b.as_("clerk");
    let march_inspection = call(&b.core, "record_create", inspection("2026-03-10"));
    let march_meal = call(&b.core, "record_create", meal("2026-03-11"));
    assert_eq!(rules_now(&b, &march_inspection), Vec::<String>::new());
    assert_eq!(rules_now(&b, &march_meal), Vec::<String>::new());

    // In May the enterprise is red-listed and its canteen charges ¥20 a head.
    b.clock.advance(chrono::Duration::days(56));
    b.as_("admin");
    let mut enterprise = call(&b.core, "counterpart_list", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == b.counterpart.as_str())
        .unwrap()
        .clone();
    enterprise["value"]["creditStatus"] = json!("red");
    enterprise["value"]["canteenRate"] = json!(2000);
    call(
        &b.core,
        "counterpart_save",
        json!({"id": enterprise["id"], "version": enterprise["version"], "value": enterprise["value"]}),
    );

    // March stays as it was judged; May is judged on May's directory.
    b.clock.advance(chrono::Duration::days(5));
    b.as_("clerk");
    assert_eq!(rules_now(&b, &march_inspection), Vec::<String>::new());
    assert_eq!(rules_now(&b, &march_meal), Vec::<String>::new());
    let may_inspection = call(&b.core, "record_create", inspection("2026-05-12"));
    let may_meal = call(&b.core, "record_create", meal("2026-05-13"));
    assert_eq!(
        rules_now(&b, &may_inspection),
        vec!["uninvited-red-list-inspection"]
    );
    assert_eq!(rules_now(&b, &may_meal), vec!["canteen-fee-short"]);
    // A record registered late for a day before the change is judged on that day too.
    let late = call(&b.core, "record_create", inspection("2026-04-30"));
    assert_eq!(rules_now(&b, &late), Vec::<String>::new());
    // The stored briefs equal a fresh evaluation.
    b.as_("inspector");
    let audit = call(&b.core, "audit_verify", json!({}));
    assert_eq!(audit["problems"], json!([]), "{audit}");
}
