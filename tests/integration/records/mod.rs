//! Records through the command list on a real database file: every kind round-trips,
//! bad input is refused naming its field with the database left exactly as it was,
//! amendments and cancellations keep history, search finds Chinese substrings.

mod amendment;
mod search_and_directory;

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
