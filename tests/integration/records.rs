//! Records through the command list on a real database file: every kind round-trips,
//! bad input is refused naming its field with the database left exactly as it was,
//! amendments and cancellations keep history, search finds Chinese substrings.

use crate::common::{call, directory, dump, open, refusal, Directory};
use qinqing::commands;
use serde_json::{json, Value};

fn meal(d: &Directory) -> Value {
    json!({"departmentId": d.department, "body": {"meal": {
        "date": "2026-03-02", "mode": "canteenMeal", "counterpartId": d.canteen,
        "place": "星辰装备公司职工食堂", "officialIds": [d.officials[0], d.officials[1]],
        "enterpriseDiners": 1, "perPersonStandard": 1500, "amountPaid": 3000,
        "receiptNo": "SC-0001", "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
    }}})
}

fn trip(d: &Directory) -> Value {
    json!({"departmentId": d.department, "body": {"trip": {
        "purpose": "赴深圳参加智能装备产业招商推介会", "destinationCityId": d.city, "destination": "深圳市南山区",
        "startDate": "2026-03-10", "endDate": "2026-03-12",
        "participantIds": [d.officials[0], d.officials[1]], "counterpartIds": [d.canteen],
        "expenses": [
            {"officialId": d.officials[0], "category": "lodging", "date": "2026-03-10", "nights": 2,
             "amount": 76000, "payer": "unit", "receiptNo": "H-1"},
            {"officialId": d.officials[1], "category": "intercityTransport", "date": "2026-03-10", "nights": null,
             "amount": 95000, "payer": "unit", "receiptNo": "T-1"}
        ]
    }}})
}

fn gift(d: &Directory) -> Value {
    json!({"departmentId": d.department, "body": {"gift": {"received": {
        "date": "2026-03-05", "officialId": d.officials[0], "giverName": "王某", "counterpartId": d.association,
        "beneficiary": "official", "item": "新茶叶礼盒", "category": "localSpecialty", "quantity": 2,
        "estimatedValue": 60000,
        "disposition": {"surrendered": {"date": "2026-03-06", "to": "局纪检组", "voucherNo": "SJ-2026-001"}}
    }}}})
}

fn given_gift(d: &Directory) -> Value {
    json!({"departmentId": d.department, "body": {"gift": {"given": {
        "date": "2026-03-07", "officialId": d.officials[1], "recipient": "深圳客商代表团", "counterpartId": null,
        "occasion": "签约仪式", "item": "沈阳故宫文创礼品", "quantity": 10, "value": 150000, "funding": "办公经费"
    }}}})
}

fn contact(d: &Directory) -> Value {
    json!({"departmentId": d.department, "body": {"contact": {
        "date": "2026-03-08", "activity": "visit", "counterpartIds": [d.canteen],
        "officialIds": [d.officials[0]], "initiatedBy": "counterpart",
        "purpose": "走访了解企业用地需求", "outcome": "协调解决两项问题"
    }}})
}

#[test]
fn every_kind_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(&dir.path().join("a.sqlite3"));
    let d = directory(&core);
    for request in [meal(&d), trip(&d), gift(&d), given_gift(&d), contact(&d)] {
        let created = call(&core, "record_create", request.clone());
        assert_eq!(created["version"], 1);
        assert_eq!(created["body"], request["body"], "stored exactly as given");
        assert_eq!(created["enteredBy"], "test:clerk");
        assert_eq!(created["enteredAt"], "2026-03-15T09:30:00.000Z");
        let fetched = call(&core, "record_get", json!({"id": created["id"]}));
        assert_eq!(fetched, created);
        let id = created["id"].as_str().unwrap();
        assert_eq!(&id[14..15], "7", "ids are UUID v7: {id}");
    }
    let trip = call(&core, "record_list", json!({"filter": {"kind": "trip"}}));
    assert_eq!(
        call(&core, "record_totals", json!({"filter": {"kind": "trip"}}))["count"],
        1
    );
    assert_eq!(
        trip["items"][0]["amount"], 171000,
        "a trip's amount is its expenses"
    );
    assert_eq!(
        trip["items"][0]["date"], "2026-03-10",
        "a trip belongs to its start date"
    );
    let report = call(&core, "audit_verify", json!({}));
    assert_eq!(report["problems"], json!([]));
}

/// (what is wrong, the request made wrong, the field the error must name)
type BadCase = (&'static str, Value, Value);

/// The request with the value at `pointer` replaced (or added to its object).
fn set(mut request: Value, pointer: &str, value: Value) -> Value {
    if let Some(slot) = request.pointer_mut(pointer) {
        *slot = value;
        return request;
    }
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    request
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no {parent}"))
        .insert(key.to_owned(), value);
    request
}

fn bad_cases(d: &Directory) -> Vec<BadCase> {
    let m = "/body/meal";
    let t = "/body/trip";
    let g = "/body/gift/received";
    let c = "/body/contact";
    let unknown = "01900000-0000-7000-8000-000000000000";
    vec![
        (
            "meal date not a date",
            set(meal(d), &format!("{m}/date"), json!("2026-02-30")),
            json!(["body", "meal", "date"]),
        ),
        (
            "meal date wrong type",
            set(meal(d), &format!("{m}/date"), json!(20260302)),
            json!(["body", "meal", "date"]),
        ),
        (
            "meal mode unknown",
            set(meal(d), &format!("{m}/mode"), json!("banquet")),
            json!(["body", "meal", "mode"]),
        ),
        (
            "a total cost on a canteen meal",
            set(meal(d), &format!("{m}/totalCost"), json!(4500)),
            json!(["body", "meal", "totalCost"]),
        ),
        (
            "a negative total cost",
            set(
                set(meal(d), &format!("{m}/mode"), json!("officialWorkingMeal")),
                &format!("{m}/totalCost"),
                json!(-1),
            ),
            json!(["body", "meal", "totalCost"]),
        ),
        (
            "canteen meal without enterprise",
            set(meal(d), &format!("{m}/counterpartId"), Value::Null),
            json!(["body", "meal", "counterpartId"]),
        ),
        (
            "meal enterprise unknown",
            set(meal(d), &format!("{m}/counterpartId"), json!(unknown)),
            json!(["body", "meal", "counterpartId"]),
        ),
        (
            "meal enterprise not a uuid",
            set(meal(d), &format!("{m}/counterpartId"), json!("xyz")),
            json!(["body", "meal", "counterpartId"]),
        ),
        (
            "meal place blank",
            set(meal(d), &format!("{m}/place"), json!("   ")),
            json!(["body", "meal", "place"]),
        ),
        (
            "meal place too long",
            set(meal(d), &format!("{m}/place"), json!("食".repeat(101))),
            json!(["body", "meal", "place"]),
        ),
        (
            "meal without officials",
            set(meal(d), &format!("{m}/officialIds"), json!([])),
            json!(["body", "meal", "officialIds"]),
        ),
        (
            "meal official twice",
            set(
                meal(d),
                &format!("{m}/officialIds"),
                json!([d.officials[0], d.officials[0]]),
            ),
            json!(["body", "meal", "officialIds", 1]),
        ),
        (
            "meal official unknown",
            set(
                meal(d),
                &format!("{m}/officialIds"),
                json!([d.officials[0], unknown]),
            ),
            json!(["body", "meal", "officialIds", 1]),
        ),
        (
            "meal diners negative",
            set(meal(d), &format!("{m}/enterpriseDiners"), json!(-1)),
            json!(["body", "meal", "enterpriseDiners"]),
        ),
        (
            "meal diners absurd",
            set(meal(d), &format!("{m}/enterpriseDiners"), json!(5000)),
            json!(["body", "meal", "enterpriseDiners"]),
        ),
        (
            "meal paid negative",
            set(meal(d), &format!("{m}/amountPaid"), json!(-100)),
            json!(["body", "meal", "amountPaid"]),
        ),
        (
            "meal paid as float",
            set(meal(d), &format!("{m}/amountPaid"), json!(30.5)),
            json!(["body", "meal", "amountPaid"]),
        ),
        (
            "meal paid as text",
            set(meal(d), &format!("{m}/amountPaid"), json!("30")),
            json!(["body", "meal", "amountPaid"]),
        ),
        (
            "meal paid beyond limit",
            set(
                meal(d),
                &format!("{m}/amountPaid"),
                json!(100_000_000_000_001_i64),
            ),
            json!(["body", "meal", "amountPaid"]),
        ),
        (
            "canteen fee paid without receipt",
            set(meal(d), &format!("{m}/receiptNo"), json!("")),
            json!(["body", "meal", "receiptNo"]),
        ),
        (
            "meal standard negative",
            set(meal(d), &format!("{m}/perPersonStandard"), json!(-1)),
            json!(["body", "meal", "perPersonStandard"]),
        ),
        (
            "meal flag not a bool",
            set(meal(d), &format!("{m}/cigarettes"), json!("no")),
            json!(["body", "meal", "cigarettes"]),
        ),
        (
            "meal unknown field",
            set(meal(d), &format!("{m}/tip"), json!(1)),
            json!(["body", "meal", "tip"]),
        ),
        (
            "meal missing field",
            {
                let mut r = meal(d);
                r["body"]["meal"].as_object_mut().unwrap().remove("place");
                r
            },
            // The missing field itself, not the object it is missing from.
            json!(["body", "meal", "place"]),
        ),
        (
            "department unknown",
            set(meal(d), "/departmentId", json!(unknown)),
            json!(["departmentId"]),
        ),
        (
            "record kind unknown",
            set(meal(d), "/body", json!({"banquet": {}})),
            json!(["body"]),
        ),
        (
            "trip purpose blank",
            set(trip(d), &format!("{t}/purpose"), json!("")),
            json!(["body", "trip", "purpose"]),
        ),
        (
            "trip destination blank",
            set(trip(d), &format!("{t}/destination"), json!("")),
            json!(["body", "trip", "destination"]),
        ),
        (
            "trip ends before it starts",
            set(trip(d), &format!("{t}/endDate"), json!("2026-03-09")),
            json!(["body", "trip", "endDate"]),
        ),
        (
            "trip over a year",
            set(trip(d), &format!("{t}/endDate"), json!("2027-04-01")),
            json!(["body", "trip", "endDate"]),
        ),
        (
            "trip without participants",
            set(trip(d), &format!("{t}/participantIds"), json!([])),
            json!(["body", "trip", "participantIds"]),
        ),
        (
            "trip participant unknown",
            set(
                trip(d),
                &format!("{t}/participantIds"),
                json!([d.officials[0], d.officials[1], unknown]),
            ),
            json!(["body", "trip", "participantIds", 2]),
        ),
        (
            "trip enterprise unknown",
            set(trip(d), &format!("{t}/counterpartIds"), json!([unknown])),
            json!(["body", "trip", "counterpartIds", 0]),
        ),
        (
            "trip enterprise twice",
            set(
                trip(d),
                &format!("{t}/counterpartIds"),
                json!([d.canteen, d.canteen]),
            ),
            json!(["body", "trip", "counterpartIds", 1]),
        ),
        (
            "trip city unknown",
            set(trip(d), &format!("{t}/destinationCityId"), json!(unknown)),
            json!(["body", "trip", "destinationCityId"]),
        ),
        (
            "expense for a non-participant",
            set(
                trip(d),
                &format!("{t}/participantIds"),
                json!([d.officials[0]]),
            ),
            json!(["body", "trip", "expenses", 1, "officialId"]),
        ),
        (
            "expense before the trip",
            set(
                trip(d),
                &format!("{t}/expenses/1/date"),
                json!("2026-03-01"),
            ),
            json!(["body", "trip", "expenses", 1, "date"]),
        ),
        (
            "expense after the trip",
            set(
                trip(d),
                &format!("{t}/expenses/0/date"),
                json!("2026-03-20"),
            ),
            json!(["body", "trip", "expenses", 0, "date"]),
        ),
        (
            "lodging without nights",
            set(trip(d), &format!("{t}/expenses/0/nights"), Value::Null),
            json!(["body", "trip", "expenses", 0, "nights"]),
        ),
        (
            "lodging zero nights",
            set(trip(d), &format!("{t}/expenses/0/nights"), json!(0)),
            json!(["body", "trip", "expenses", 0, "nights"]),
        ),
        (
            "three lodging nights on a three-day trip",
            set(trip(d), &format!("{t}/expenses/0/nights"), json!(3)),
            json!(["body", "trip", "expenses", 0, "nights"]),
        ),
        (
            "lodging from the last day",
            set(
                set(
                    trip(d),
                    &format!("{t}/expenses/0/date"),
                    json!("2026-03-12"),
                ),
                &format!("{t}/expenses/0/nights"),
                json!(1),
            ),
            json!(["body", "trip", "expenses", 0, "nights"]),
        ),
        (
            "nights on a ticket",
            set(trip(d), &format!("{t}/expenses/1/nights"), json!(1)),
            json!(["body", "trip", "expenses", 1, "nights"]),
        ),
        (
            "expense of zero",
            set(trip(d), &format!("{t}/expenses/1/amount"), json!(0)),
            json!(["body", "trip", "expenses", 1, "amount"]),
        ),
        (
            "expense category unknown",
            set(trip(d), &format!("{t}/expenses/1/category"), json!("gifts")),
            json!(["body", "trip", "expenses", 1, "category"]),
        ),
        (
            "expense payer unknown",
            set(trip(d), &format!("{t}/expenses/0/payer"), json!("friend")),
            json!(["body", "trip", "expenses", 0, "payer"]),
        ),
        (
            "receipt number too long",
            set(
                trip(d),
                &format!("{t}/expenses/0/receiptNo"),
                json!("9".repeat(61)),
            ),
            json!(["body", "trip", "expenses", 0, "receiptNo"]),
        ),
        (
            "gift giver blank",
            set(gift(d), &format!("{g}/giverName"), json!("")),
            json!(["body", "gift", "received", "giverName"]),
        ),
        (
            "gift item blank",
            set(gift(d), &format!("{g}/item"), json!(" ")),
            json!(["body", "gift", "received", "item"]),
        ),
        (
            "gift quantity zero",
            set(gift(d), &format!("{g}/quantity"), json!(0)),
            json!(["body", "gift", "received", "quantity"]),
        ),
        (
            "gift value negative",
            set(gift(d), &format!("{g}/estimatedValue"), json!(-5)),
            json!(["body", "gift", "received", "estimatedValue"]),
        ),
        (
            "gift category unknown",
            set(gift(d), &format!("{g}/category"), json!("bribe")),
            json!(["body", "gift", "received", "category"]),
        ),
        (
            "gift official unknown",
            set(gift(d), &format!("{g}/officialId"), json!(unknown)),
            json!(["body", "gift", "received", "officialId"]),
        ),
        (
            "relative without relation",
            set(
                gift(d),
                &format!("{g}/beneficiary"),
                json!({"relative": {"relation": ""}}),
            ),
            json!([
                "body",
                "gift",
                "received",
                "beneficiary",
                "relative",
                "relation"
            ]),
        ),
        (
            "surrendered before received",
            set(
                gift(d),
                &format!("{g}/disposition/surrendered/date"),
                json!("2026-03-01"),
            ),
            json!([
                "body",
                "gift",
                "received",
                "disposition",
                "surrendered",
                "date"
            ]),
        ),
        (
            "surrendered to nobody",
            set(
                gift(d),
                &format!("{g}/disposition/surrendered/to"),
                json!(""),
            ),
            json!([
                "body",
                "gift",
                "received",
                "disposition",
                "surrendered",
                "to"
            ]),
        ),
        (
            "surrendered without voucher",
            set(
                gift(d),
                &format!("{g}/disposition/surrendered/voucherNo"),
                json!(""),
            ),
            json!([
                "body",
                "gift",
                "received",
                "disposition",
                "surrendered",
                "voucherNo"
            ]),
        ),
        (
            "paid nothing",
            set(
                gift(d),
                &format!("{g}/disposition"),
                json!({"paid": {"date": "2026-03-06", "amount": 0, "receiptNo": "R1"}}),
            ),
            json!(["body", "gift", "received", "disposition", "paid", "amount"]),
        ),
        (
            "paid without receipt",
            set(
                gift(d),
                &format!("{g}/disposition"),
                json!({"paid": {"date": "2026-03-06", "amount": 100, "receiptNo": ""}}),
            ),
            json!([
                "body",
                "gift",
                "received",
                "disposition",
                "paid",
                "receiptNo"
            ]),
        ),
        (
            "disposition unknown",
            set(
                gift(d),
                &format!("{g}/disposition"),
                json!({"sold": {"date": "2026-03-06"}}),
            ),
            json!(["body", "gift", "received", "disposition"]),
        ),
        (
            "given gift without funding",
            set(given_gift(d), "/body/gift/given/funding", json!("")),
            json!(["body", "gift", "given", "funding"]),
        ),
        (
            "given gift without occasion",
            set(given_gift(d), "/body/gift/given/occasion", json!("")),
            json!(["body", "gift", "given", "occasion"]),
        ),
        (
            "contact without enterprises",
            set(contact(d), &format!("{c}/counterpartIds"), json!([])),
            json!(["body", "contact", "counterpartIds"]),
        ),
        (
            "contact without officials",
            set(contact(d), &format!("{c}/officialIds"), json!([])),
            json!(["body", "contact", "officialIds"]),
        ),
        (
            "contact activity unknown",
            set(contact(d), &format!("{c}/activity"), json!("party")),
            json!(["body", "contact", "activity"]),
        ),
        (
            "contact initiator unknown",
            set(contact(d), &format!("{c}/initiatedBy"), json!("them")),
            json!(["body", "contact", "initiatedBy"]),
        ),
        (
            "contact purpose blank",
            set(contact(d), &format!("{c}/purpose"), json!("")),
            json!(["body", "contact", "purpose"]),
        ),
        (
            "contact outcome too long",
            set(
                contact(d),
                &format!("{c}/outcome"),
                json!("果".repeat(1001)),
            ),
            json!(["body", "contact", "outcome"]),
        ),
    ]
}

#[test]
fn bad_input_names_its_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite3");
    let core = open(&db);
    let d = directory(&core);
    call(&core, "record_create", meal(&d));
    let cases = bad_cases(&d);
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let before = dump(&db);
    for (what, request, field) in cases {
        let err = commands::dispatch(&core, "record_create", request)
            .expect_err(what)
            .to_payload(qinqing::i18n::Lang::En);
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation", "{what}: {json}");
        assert_eq!(json["field"], field, "{what}: {}", json["message"]);
        assert!(!err.message.is_empty());
        assert!(dump(&db) == before, "{what}: the database changed");
    }
}

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
