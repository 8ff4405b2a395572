//! The compliance rules, table by table: for every rule, cases that fire and near
//! misses that must not (exactly at the standard, one fen over, the deadline day
//! itself, a standard changing in the middle of a month). Pure: no database.

mod meals;
mod trips;

use std::collections::HashMap;

use chrono::NaiveDate;
use qinqing::domain::directory::{Counterpart, CounterpartId, Official, OfficialId};
use qinqing::domain::records::RecordBody;
use qinqing::rules::standards::shipped;
use qinqing::rules::{evaluate, Calendar, Context, Finding, Standard, StandardKey, Standards};
use serde_json::{json, Value};
use uuid::Uuid;

const OFFICIAL: OfficialId = OfficialId::from_uuid(Uuid::from_u128(1));
const SECOND: OfficialId = OfficialId::from_uuid(Uuid::from_u128(2));
const ENFORCER: OfficialId = OfficialId::from_uuid(Uuid::from_u128(3));
const CANTEEN: CounterpartId = CounterpartId::from_uuid(Uuid::from_u128(10));
const NO_CANTEEN: CounterpartId = CounterpartId::from_uuid(Uuid::from_u128(11));
const RED: CounterpartId = CounterpartId::from_uuid(Uuid::from_u128(12));
const CITY: Uuid = Uuid::from_u128(20);

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn standard(key: StandardKey, from: &str, value: i64) -> Standard {
    Standard {
        key,
        tier: None,
        city_id: None,
        effective_from: day(from),
        value,
        source: "test".into(),
        active: true,
    }
}

/// The shipped defaults plus every standard the app ships empty, set for the tests.
fn full_standards() -> Vec<Standard> {
    let mut rows: Vec<Standard> = shipped().into_iter().map(|s| s.standard).collect();
    rows.extend([
        standard(StandardKey::ReceptionMealPerPerson, "2019-01-01", 10_000),
        standard(StandardKey::CanteenDefaultRate, "2019-01-01", 1_200),
        standard(StandardKey::CeremonialGiftCap, "2019-01-01", 20_000),
        standard(StandardKey::GiftSurrenderThreshold, "2019-01-01", 50_000),
        standard(StandardKey::PreHolidayDays, "2019-01-01", 5),
        Standard {
            city_id: Some(CITY),
            ..standard(StandardKey::LodgingCap, "2019-01-01", 45_000)
        },
    ]);
    rows
}

fn officials() -> HashMap<OfficialId, Official> {
    let official = |name: &str, powers: bool| -> Official {
        serde_json::from_value(json!({
            "name": name, "staffNo": name, "departmentId": Uuid::from_u128(99),
            "position": "", "role": "staff", "travelTier": "other",
            "enforcementPowers": powers, "active": true
        }))
        .unwrap()
    };
    HashMap::from([
        (OFFICIAL, official("张三", false)),
        (SECOND, official("李四", false)),
        (ENFORCER, official("王五", true)),
    ])
}

fn counterparts() -> HashMap<CounterpartId, Counterpart> {
    let counterpart = |name: &str, rate: Option<i64>, status: &str| -> Counterpart {
        serde_json::from_value(json!({
            "name": name, "kind": "enterprise", "creditCode": null, "creditCodeConfirmed": false,
            "creditStatus": status, "canteenRate": rate, "address": "", "contact": "", "active": true
        }))
        .unwrap()
    };
    HashMap::from([
        (
            CANTEEN,
            counterpart("沈阳示例机械有限公司", Some(1_500), "normal"),
        ),
        (
            NO_CANTEEN,
            counterpart("沈阳示例软件有限公司", None, "normal"),
        ),
        (RED, counterpart("沈阳示例红名单公司", None, "red")),
    ])
}

/// `(rule id, severity)` of what holds on `today`.
fn run(body: Value, rows: Vec<Standard>, today: &str) -> Vec<(String, String)> {
    findings(body, rows, today)
        .iter()
        .map(|f| (f.rule.tag(), f.severity.tag().to_owned()))
        .collect()
}

fn findings(body: Value, rows: Vec<Standard>, today: &str) -> Vec<Finding> {
    let body: RecordBody = serde_json::from_value(body).unwrap();
    body.validate().expect("test records are valid");
    let standards = Standards::new(rows);
    let calendar = Calendar::new(&[]);
    let officials = officials();
    let counterparts = counterparts();
    let context = Context {
        standards: &standards,
        calendar: &calendar,
        officials: &officials,
        counterparts: &counterparts,
    };
    evaluate(&body, &context, day(today))
}

fn rules(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(r, _)| r.as_str()).collect()
}

// ---------------------------------------------------------------- gifts

fn received(category: &str, value: i64, disposition: Value) -> Value {
    json!({"gift": {"received": {
        "date": "2026-03-10", "officialId": OFFICIAL, "giverName": "赵经理",
        "counterpartId": NO_CANTEEN, "beneficiary": "official", "item": "礼品",
        "category": category, "quantity": 1, "estimatedValue": value,
        "disposition": disposition
    }}})
}

#[test]
fn cash_like_gifts_may_not_be_kept_or_paid_for() {
    for category in [
        "cash",
        "redEnvelope",
        "electronicRedEnvelope",
        "prepaidCard",
        "securities",
        "loan",
        "carUse",
        "paidPostForRelative",
        "sponsorshipDemand",
        "otherBenefit",
    ] {
        let kept = run(
            received(category, 100, json!({"kept": {"date": "2026-03-11"}})),
            full_standards(),
            "2026-03-12",
        );
        assert_eq!(rules(&kept), ["cash-like-kept"], "{category} kept");
        assert_eq!(kept[0].1, "violation");
        let paid = json!({"paid": {"date": "2026-03-11", "amount": 100, "receiptNo": "R1"}});
        let paid = run(
            received(category, 100, paid),
            full_standards(),
            "2026-03-12",
        );
        assert_eq!(rules(&paid), ["cash-like-kept"], "{category} paid for");
        for fine in [
            json!({"declined": {"date": "2026-03-10"}}),
            json!({"returned": {"date": "2026-03-11", "evidence": ""}}),
            json!({"surrendered": {"date": "2026-03-11", "to": "纪检组", "voucherNo": "V1"}}),
        ] {
            assert!(
                run(
                    received(category, 100, fine.clone()),
                    full_standards(),
                    "2026-03-12"
                )
                .is_empty(),
                "{category} {fine}"
            );
        }
    }
    // Goods are not cash-like: paying for them at their price is allowed.
    let paid = json!({"paid": {"date": "2026-03-11", "amount": 100, "receiptNo": "R1"}});
    assert!(run(received("goods", 100, paid), full_standards(), "2026-03-12").is_empty());
}

#[test]
fn a_relative_as_beneficiary_is_named_in_the_message() {
    let mut body = received("cash", 50_000, json!({"kept": {"date": "2026-03-11"}}));
    body["gift"]["received"]["beneficiary"] = json!({"relative": {"relation": "配偶"}});
    let found = findings(body, full_standards(), "2026-03-12");
    assert!(
        found[0].message.zh.contains("配偶"),
        "{}",
        found[0].message.zh
    );
    assert_eq!(found[0].citation.clause, "二(二)9");
}

#[test]
fn a_pending_cash_like_gift_is_a_note_until_the_deadline_then_a_violation() {
    let pending = || received("prepaidCard", 100_000, json!("pending"));
    // Received 2026-03-10; one month: the deadline is 2026-04-10.
    assert_eq!(
        run(pending(), full_standards(), "2026-03-10"),
        [("cash-like-pending".to_string(), "note".to_string())]
    );
    assert_eq!(
        rules(&run(pending(), full_standards(), "2026-04-10")),
        ["cash-like-pending"],
        "the deadline day itself"
    );
    assert_eq!(
        run(pending(), full_standards(), "2026-04-11"),
        [("gift-overdue".to_string(), "violation".to_string())]
    );
}

#[test]
fn a_pending_gift_gets_a_reminder_then_becomes_overdue() {
    let pending = || received("goods", 30_000, json!("pending"));
    assert!(
        run(pending(), full_standards(), "2026-04-02").is_empty(),
        "8 days before: no reminder yet"
    );
    assert_eq!(
        rules(&run(pending(), full_standards(), "2026-04-03")),
        ["gift-deadline-near"],
        "7 days before"
    );
    assert_eq!(
        rules(&run(pending(), full_standards(), "2026-04-10")),
        ["gift-deadline-near"],
        "the deadline day"
    );
    assert_eq!(
        rules(&run(pending(), full_standards(), "2026-04-11")),
        ["gift-overdue"]
    );
    // A longer deadline configured from the middle of March applies to a gift received after it.
    let mut rows = full_standards();
    rows.push(standard(
        StandardKey::SurrenderDeadlineMonths,
        "2026-03-10",
        2,
    ));
    assert!(
        run(pending(), rows.clone(), "2026-04-11").is_empty(),
        "received on the day the two-month rule began"
    );
    let mut before = pending();
    before["gift"]["received"]["date"] = json!("2026-03-09");
    assert_eq!(
        rules(&run(before, rows, "2026-04-10")),
        ["gift-overdue"],
        "received the day before: one month"
    );
}

#[test]
fn a_disposition_after_the_deadline_is_overdue() {
    let on_time = json!({"surrendered": {"date": "2026-04-10", "to": "纪检组", "voucherNo": "V1"}});
    assert!(run(
        received("goods", 30_000, on_time),
        full_standards(),
        "2026-06-01"
    )
    .is_empty());
    let late = json!({"surrendered": {"date": "2026-04-11", "to": "纪检组", "voucherNo": "V1"}});
    let found = findings(
        received("goods", 30_000, late),
        full_standards(),
        "2026-06-01",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.zh.contains("共 1 天"),
        "{}",
        found[0].message.zh
    );
}

#[test]
fn goods_are_surrendered_or_paid_for_at_their_price() {
    let paid =
        |amount: i64| json!({"paid": {"date": "2026-03-11", "amount": amount, "receiptNo": "R1"}});
    assert!(
        run(
            received("goods", 30_000, paid(30_000)),
            full_standards(),
            "2026-03-12"
        )
        .is_empty(),
        "exactly its value"
    );
    let short = findings(
        received("goods", 30_000, paid(29_999)),
        full_standards(),
        "2026-03-12",
    );
    assert_eq!(short[0].rule.tag(), "gift-paid-below-value");
    assert!(
        short[0].message.zh.contains("¥0.01"),
        "{}",
        short[0].message.zh
    );
    assert_eq!(
        rules(&run(
            received("goods", 100, json!({"kept": {"date": "2026-03-11"}})),
            full_standards(),
            "2026-03-12"
        )),
        ["gift-kept-unpaid"]
    );
    // From the surrender threshold (¥500.00) paying is not enough.
    assert!(
        run(
            received("goods", 49_999, paid(49_999)),
            full_standards(),
            "2026-03-12"
        )
        .is_empty(),
        "one fen below the threshold"
    );
    assert_eq!(
        rules(&run(
            received("goods", 50_000, paid(50_000)),
            full_standards(),
            "2026-03-12"
        )),
        ["gift-high-value-paid"]
    );
}

#[test]
fn ceremonial_gifts_stay_within_the_cap() {
    let given = |value: i64, quantity: u32| {
        json!({"gift": {"given": {
            "date": "2026-03-10", "officialId": OFFICIAL, "recipient": "来访客商", "counterpartId": null,
            "occasion": "招商推介", "item": "沈阳特色瓷盘", "quantity": quantity, "value": value, "funding": "单位公务经费"
        }}})
    };
    assert!(
        run(given(20_000, 1), full_standards(), "2026-03-12").is_empty(),
        "exactly the cap"
    );
    assert_eq!(
        rules(&run(given(20_001, 1), full_standards(), "2026-03-12")),
        ["ceremonial-gift-over-cap"]
    );
    assert!(
        run(given(40_000, 2), full_standards(), "2026-03-12").is_empty(),
        "two items at the cap"
    );
    let unset: Vec<Standard> = shipped().into_iter().map(|s| s.standard).collect();
    assert_eq!(
        rules(&run(given(20_001, 1), unset, "2026-03-12")),
        ["standard-missing"]
    );
}

// ---------------------------------------------------------------- meals

fn meal(
    mode: &str,
    counterpart: Option<CounterpartId>,
    officials: &[OfficialId],
    paid: i64,
    extra: Value,
) -> Value {
    let mut meal = json!({
        "date": "2026-03-10", "mode": mode, "counterpartId": counterpart, "place": "企业食堂",
        "officialIds": officials, "enterpriseDiners": 2, "perPersonStandard": null,
        "amountPaid": paid, "receiptNo": if paid > 0 { "R1" } else { "" },
        "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
    });
    if let Value::Object(fields) = extra {
        for (k, v) in fields {
            meal[k] = v;
        }
    }
    json!({"meal": meal})
}
