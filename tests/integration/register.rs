//! The monthly register model through the command list on a real database file:
//! what it holds (every kind in its section, totals, findings with clauses,
//! attestations), what blocks signing, a nil register for an empty month,
//! amendments to a locked earlier month, and a manifest hash that is stable for
//! the same data and changes with any record.

use crate::common::bureau::bureau;
use crate::common::call;
use serde_json::{json, Value};
use uuid::Uuid;

fn preview(b: &crate::common::bureau::Bureau, month: &str) -> Value {
    call(
        &b.core,
        "register_preview",
        json!({"departmentId": b.dept_a, "month": month}),
    )
}

fn section<'a>(preview: &'a Value, kind: &str) -> &'a Value {
    preview["register"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap()
}

#[test]
fn a_month_of_records_in_their_sections_with_blockers_until_approved() {
    let b = bureau();
    let meal = b.submitted("staff");
    let draft = b.draft("head");
    // A record of the other department is not in A's register.
    b.draft("other");
    b.as_("head");
    let before = preview(&b, "2026-03");
    let register = &before["register"];
    assert_eq!(register["department"], "招商服务处");
    assert_eq!(before["nil"], false);
    let meals = section(&before, "meals");
    assert_eq!(meals["title"], "二、就餐");
    assert_eq!(meals["rows"].as_array().unwrap().len(), 2);
    let first = &meals["rows"][0]["cells"];
    assert_eq!(first[0], "1");
    assert_eq!(first[2], "企业食堂工作餐");
    assert_eq!(meals["total"], 3000);
    assert_eq!(register["total"], 3000);
    for kind in [
        "trips",
        "giftsReceived",
        "giftsGiven",
        "contacts",
        "late",
        "amendments",
    ] {
        assert_eq!(section(&before, kind)["rows"], json!([]), "{kind}");
    }
    // Both meals block: one submitted, one a draft.
    let blockers: Vec<(&Value, &Value)> = register["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (&b["recordId"], &b["status"]))
        .collect();
    assert_eq!(blockers.len(), 2);
    assert!(blockers.contains(&(&meal["id"], &json!("submitted"))));
    assert!(blockers.contains(&(&draft["id"], &json!("draft"))));
    // Every official of A has a line; nobody declared an empty month.
    let attestations = register["attestations"].as_array().unwrap();
    assert_eq!(attestations.len(), 6);
    assert!(attestations.iter().all(|a| a["declaredNil"] == false));

    // The same data gives the same manifest; a change gives another.
    assert_eq!(
        preview(&b, "2026-03")["manifestSha256"],
        before["manifestSha256"]
    );
    b.review("head", "approve", &meal, "").unwrap();
    let after = preview(&b, "2026-03");
    assert_ne!(after["manifestSha256"], before["manifestSha256"]);
    assert_eq!(after["register"]["blockers"].as_array().unwrap().len(), 1);
}

#[test]
fn an_empty_month_is_a_nil_register_and_a_bad_month_is_refused() {
    let b = bureau();
    b.as_("head");
    let nil = preview(&b, "2026-01");
    assert_eq!(nil["nil"], true);
    assert_eq!(nil["register"]["blockers"], json!([]));
    assert_eq!(nil["register"]["total"], 0);
    let err = qinqing::commands::dispatch(
        &b.core,
        "register_preview",
        json!({"departmentId": b.dept_a, "month": "2026-3"}),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some(vec!["month".into()]));
}

#[test]
fn an_amendment_to_a_locked_month_appears_in_the_next_register() {
    let b = bureau();
    let meal = b.submitted("staff");
    b.review("head", "approve", &meal, "").unwrap();
    let id: Uuid = meal["id"].as_str().unwrap().parse().unwrap();
    b.lock(id, "register-2026-03");
    b.as_("staff");
    let mut edit = b.meal("staff", "2026-03-02");
    edit["id"] = meal["id"].clone();
    edit["version"] = meal["version"].clone();
    edit["reason"] = json!("收据号更正");
    call(&b.core, "record_update", edit);
    b.as_("head");
    let april = preview(&b, "2026-04");
    let amendments = section(&april, "amendments");
    let rows = amendments["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["recordId"], meal["id"]);
    assert_eq!(rows[0]["cells"][3], "更正");
    assert_eq!(rows[0]["cells"][4], "收据号更正");
    assert_eq!(
        april["nil"], false,
        "an amendment alone is not a nil register"
    );
    assert_eq!(
        april["register"]["blockers"][0]["status"], "draft",
        "the amendment must be approved before April is signed"
    );
}

#[test]
fn a_declined_offer_is_listed_apart_and_never_counted_as_received() {
    let b = bureau();
    b.as_("clerk");
    let gift = |value: i64, category: &str, disposition: Value| {
        json!({"departmentId": b.dept_a, "body": {"gift": {"received": {
            "date": "2026-03-05", "officialId": b.person("staff").official, "giverName": "王某",
            "counterpartId": b.counterpart, "beneficiary": "official", "item": "礼品", "category": category,
            "quantity": 1, "estimatedValue": value, "disposition": disposition
        }}}})
    };
    // A ¥50,000 loan offered and declined, a ¥600 gift surrendered, a ¥15 canteen meal.
    call(
        &b.core,
        "record_create",
        gift(
            5_000_000,
            "loan",
            json!({"declined": {"date": "2026-03-05"}}),
        ),
    );
    call(
        &b.core,
        "record_create",
        gift(
            60_000,
            "localSpecialty",
            json!({"surrendered": {"date": "2026-03-06", "to": "局纪检组", "voucherNo": "SJ-1"}}),
        ),
    );
    call(&b.core, "record_create", b.meal("staff", "2026-03-09"));
    let register = preview(&b, "2026-03")["register"].clone();
    let totals = &register["totals"];
    assert_eq!(totals["giftsDeclinedOrReturned"], 5_000_000, "{totals}");
    assert_eq!(totals["giftsSurrendered"], 60_000);
    assert_eq!(totals["mealsPaid"], 1500);
    assert_eq!(totals["grand"], 61_500);
    assert_eq!(
        register["total"], 61_500,
        "the month did not receive ¥50,000"
    );
    // The gifts section has no one sum that would mix them.
    assert_eq!(
        section(&preview(&b, "2026-03"), "giftsReceived")["total"],
        Value::Null
    );
}

/// A standard not set is the administrator's business, not the official's: the
/// register neither prints nor signs that note (its findings and manifest leave it
/// out) and says it to whoever prepares the register instead, once however many
/// records it concerns.
#[test]
fn a_missing_standard_is_said_to_the_preparer_and_kept_out_of_the_register() {
    let b = bureau();
    b.as_("clerk");
    let staff = b.person("staff").official.clone();
    for item in ["文创礼盒", "纪念册"] {
        call(
            &b.core,
            "record_create",
            json!({"departmentId": b.dept_a, "body": {"gift": {"given": {
                "date": "2026-03-10", "officialId": staff, "recipient": "深圳客商代表团",
                "counterpartId": null, "occasion": "招商推介会", "item": item, "quantity": 1,
                "value": 15000, "funding": "单位公务经费"
            }}}}),
        );
    }
    b.as_("head");
    let preview = preview(&b, "2026-03");
    let register = &preview["register"];
    let rules: Vec<&str> = register["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"standard-missing"), "{rules:?}");
    let unchecked = register["unchecked"].as_array().unwrap();
    assert_eq!(unchecked.len(), 1, "said once: {unchecked:?}");
    assert!(
        unchecked[0]["zh"].as_str().unwrap().contains("未设置"),
        "{unchecked:?}"
    );
    let records = call(&b.core, "record_list", json!({"filter": {"kind": "gift"}}));
    let id = &records["items"][0]["id"];
    let on_the_record = call(&b.core, "record_findings", json!({"id": id}));
    assert_eq!(
        on_the_record["findings"][0]["rule"], "standard-missing",
        "the record still shows it"
    );
}
