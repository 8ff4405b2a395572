//! The compliance rules, table by table: for every rule, cases that fire and near
//! misses that must not (exactly at the standard, one fen over, the deadline day
//! itself, a standard changing in the middle of a month). Pure: no database.

use std::collections::HashMap;

use chrono::NaiveDate;
use qinqing::domain::directory::{Counterpart, Official};
use qinqing::domain::records::RecordBody;
use qinqing::rules::standards::shipped;
use qinqing::rules::{evaluate, Calendar, Context, Finding, Standard, StandardKey, Standards};
use serde_json::{json, Value};
use uuid::Uuid;

const OFFICIAL: Uuid = Uuid::from_u128(1);
const SECOND: Uuid = Uuid::from_u128(2);
const ENFORCER: Uuid = Uuid::from_u128(3);
const CANTEEN: Uuid = Uuid::from_u128(10);
const NO_CANTEEN: Uuid = Uuid::from_u128(11);
const RED: Uuid = Uuid::from_u128(12);
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

fn officials() -> HashMap<Uuid, Official> {
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

fn counterparts() -> HashMap<Uuid, Counterpart> {
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
    counterpart: Option<Uuid>,
    officials: &[Uuid],
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

#[test]
fn canteen_meals_are_paid_at_the_canteen_rate() {
    let three = [OFFICIAL, SECOND, ENFORCER];
    // The canteen charges ¥15.00: three officials owe ¥45.00.
    let unpaid = findings(
        meal("canteenMeal", Some(CANTEEN), &three, 0, json!({})),
        full_standards(),
        "2026-03-10",
    );
    assert_eq!(unpaid[0].rule.tag(), "canteen-fee-unpaid");
    assert_eq!(
        unpaid[0].message.zh,
        "食堂用餐 3 人，应付不少于 ¥45.00，实付 ¥0.00"
    );
    assert_eq!(
        unpaid[0].field,
        serde_json::from_value::<Vec<_>>(json!(["body", "meal", "amountPaid"])).unwrap()
    );
    assert!(
        run(
            meal("canteenMeal", Some(CANTEEN), &three, 4_500, json!({})),
            full_standards(),
            "2026-03-10"
        )
        .is_empty(),
        "exactly the rate"
    );
    assert_eq!(
        rules(&run(
            meal("canteenMeal", Some(CANTEEN), &three, 4_499, json!({})),
            full_standards(),
            "2026-03-10"
        )),
        ["canteen-fee-short"]
    );
    // Without its own rate, the default canteen rate (¥12.00) applies.
    assert!(run(
        meal("canteenMeal", Some(NO_CANTEEN), &three, 3_600, json!({})),
        full_standards(),
        "2026-03-10"
    )
    .is_empty());
    assert_eq!(
        rules(&run(
            meal("canteenMeal", Some(NO_CANTEEN), &three, 3_599, json!({})),
            full_standards(),
            "2026-03-10"
        )),
        ["canteen-fee-short"]
    );
    let unset: Vec<Standard> = shipped().into_iter().map(|s| s.standard).collect();
    assert_eq!(
        rules(&run(
            meal("canteenMeal", Some(NO_CANTEEN), &three, 3_600, json!({})),
            unset,
            "2026-03-10"
        )),
        ["standard-missing"]
    );
}

#[test]
fn enterprise_arranged_meals_need_no_canteen_and_the_reception_standard() {
    let one = [OFFICIAL];
    assert_eq!(
        rules(&run(
            meal(
                "enterpriseArranged",
                Some(CANTEEN),
                &one,
                0,
                json!({"totalCost": 30_000})
            ),
            full_standards(),
            "2026-03-10"
        )),
        ["arranged-where-canteen"]
    );
    // One official and two enterprise diners: ¥300.00 is ¥100.00 each, the standard.
    assert!(
        run(
            meal(
                "enterpriseArranged",
                Some(NO_CANTEEN),
                &one,
                0,
                json!({"totalCost": 30_000})
            ),
            full_standards(),
            "2026-03-10"
        )
        .is_empty(),
        "at the standard"
    );
    let over = run(
        meal(
            "enterpriseArranged",
            Some(NO_CANTEEN),
            &one,
            0,
            json!({"totalCost": 30_003}),
        ),
        full_standards(),
        "2026-03-10",
    );
    assert_eq!(
        over,
        [(
            "meal-above-reception-standard".to_string(),
            "warning".to_string()
        )]
    );
    // A standard raised on the 15th applies from the 15th, not before.
    let mut rows = full_standards();
    rows.push(standard(
        StandardKey::ReceptionMealPerPerson,
        "2026-03-15",
        12_000,
    ));
    let on = |date: &str| {
        let mut body = meal(
            "enterpriseArranged",
            Some(NO_CANTEEN),
            &one,
            0,
            json!({"totalCost": 33_000}),
        );
        body["meal"]["date"] = json!(date);
        rules(&run(body, rows.clone(), "2026-03-31")).len()
    };
    assert_eq!((on("2026-03-14"), on("2026-03-15")), (1, 0));
}

#[test]
fn tobacco_premium_liquor_and_alcohol() {
    let one = [OFFICIAL];
    let served = |extra: Value| {
        run(
            meal("officialWorkingMeal", None, &one, 0, extra),
            full_standards(),
            "2026-03-10",
        )
    };
    assert_eq!(
        served(json!({"cigarettes": true})),
        [(
            "tobacco-or-premium-liquor".to_string(),
            "violation".to_string()
        )]
    );
    assert_eq!(
        rules(&served(json!({"premiumLiquor": true}))),
        ["tobacco-or-premium-liquor"]
    );
    assert_eq!(
        served(json!({"otherAlcohol": true})),
        [("alcohol-served".to_string(), "warning".to_string())]
    );
    assert!(served(json!({})).is_empty());
}

#[test]
fn reception_companions_within_the_rules() {
    let people: Vec<Uuid> = (100..120).map(Uuid::from_u128).collect();
    let reception = |guests: u32, companions: usize| {
        run(
            meal(
                "officialWorkingMeal",
                None,
                &people[..companions],
                0,
                json!({"enterpriseDiners": guests}),
            ),
            full_standards(),
            "2026-03-10",
        )
    };
    assert!(reception(10, 3).is_empty(), "10 guests, 3 companions");
    assert_eq!(rules(&reception(10, 4)), ["too-many-companions"]);
    assert!(reception(12, 4).is_empty(), "12 guests: a third is 4");
    assert_eq!(rules(&reception(12, 5)), ["too-many-companions"]);
}

#[test]
fn an_arranged_meal_is_judged_on_what_it_cost_not_on_a_typed_standard() {
    // The case: ¥363.00 for three (one official, two guests) with the standard
    // left blank is ¥121.00 each, above the ¥100.00 reception standard.
    let one = [OFFICIAL];
    let arranged = |extra: Value| {
        run(
            meal("enterpriseArranged", Some(NO_CANTEEN), &one, 0, extra),
            full_standards(),
            "2026-03-10",
        )
    };
    assert_eq!(
        rules(&arranged(json!({"totalCost": 36_300}))),
        ["meal-above-reception-standard"]
    );
    // A generous standard typed on the record does not lift the bureau's.
    assert_eq!(
        rules(&arranged(
            json!({"totalCost": 36_300, "perPersonStandard": 50_000})
        )),
        ["meal-above-reception-standard"]
    );
    // A record without the cost (made before it was asked) is asked for it.
    assert_eq!(rules(&arranged(json!({}))), ["meal-cost-unknown"]);
}

#[test]
fn a_hosted_meal_is_measured_per_head() {
    // ¥400.00 for 4 diners (2 officials, 2 guests) is ¥100.00 each: at the standard.
    let hosted = |paid: i64| {
        run(
            meal(
                "officialWorkingMeal",
                None,
                &[OFFICIAL, SECOND],
                paid,
                json!({}),
            ),
            full_standards(),
            "2026-03-10",
        )
    };
    assert!(hosted(40_000).is_empty());
    assert_eq!(rules(&hosted(40_004)), ["meal-above-reception-standard"]);
}

// ---------------------------------------------------------------- trips

fn trip(expenses: Value, city: Option<Uuid>) -> Value {
    json!({"trip": {
        "purpose": "赴深圳招商推介", "destinationCityId": city, "destination": "深圳市",
        "startDate": "2026-03-10", "endDate": "2026-03-12", "participantIds": [OFFICIAL],
        "counterpartIds": [NO_CANTEEN], "expenses": expenses
    }})
}

fn expense(category: &str, amount: i64, payer: &str, nights: Option<u32>) -> Value {
    json!({"officialId": OFFICIAL, "category": category, "date": "2026-03-10", "nights": nights,
           "amount": amount, "payer": payer, "receiptNo": ""})
}

/// Meals and city transport settled exactly at the standard for three days.
fn at_standard() -> Vec<Value> {
    vec![
        expense("meals", 30_000, "unit", None),
        expense("localTransport", 24_000, "unit", None),
    ]
}

#[test]
fn an_enterprise_paying_any_trip_expense_is_a_violation() {
    let mut lines = at_standard();
    lines.push(expense("intercityTransport", 120_000, "enterprise", None));
    let found = findings(
        trip(json!(lines), Some(CITY)),
        full_standards(),
        "2026-03-12",
    );
    assert_eq!(
        found.iter().map(|f| f.rule.tag()).collect::<Vec<_>>(),
        ["trip-paid-by-enterprise"]
    );
    assert_eq!(found[0].citation.clause, "二(一)5");
    assert_eq!(found[0].official_id, Some(OFFICIAL));
    assert!(run(
        trip(json!(at_standard()), Some(CITY)),
        full_standards(),
        "2026-03-12"
    )
    .is_empty());
}

#[test]
fn lodging_is_measured_per_night_against_the_cap_for_tier_and_city() {
    let with_lodging = |amount: i64, nights: u32, city: Option<Uuid>| {
        let mut lines = at_standard();
        lines.push(expense("lodging", amount, "unit", Some(nights)));
        run(trip(json!(lines), city), full_standards(), "2026-03-12")
    };
    assert!(
        with_lodging(90_000, 2, Some(CITY)).is_empty(),
        "¥450.00 a night: at the cap"
    );
    assert_eq!(
        rules(&with_lodging(90_002, 2, Some(CITY))),
        ["lodging-above-cap"]
    );
    assert_eq!(
        rules(&with_lodging(90_000, 2, None)),
        ["standard-missing"],
        "no city chosen: the cap is unknown"
    );
}

#[test]
fn meals_and_city_transport_are_settled_at_days_times_the_allowance() {
    let settle = |meals: i64, transport: i64| {
        let lines = json!([
            expense("meals", meals, "unit", None),
            expense("localTransport", transport, "official", None)
        ]);
        run(trip(lines, Some(CITY)), full_standards(), "2026-03-12")
    };
    assert!(
        settle(30_000, 24_000).is_empty(),
        "3 days × ¥100.00 and 3 × ¥80.00"
    );
    assert_eq!(
        settle(30_001, 24_000),
        [(
            "settlement-above-standard".to_string(),
            "warning".to_string()
        )]
    );
    assert_eq!(
        settle(30_000, 23_999),
        [(
            "settlement-short-of-standard".to_string(),
            "note".to_string()
        )]
    );
    // A local rate for the destination city beats the general one.
    let mut rows = full_standards();
    rows.push(Standard {
        city_id: Some(CITY),
        ..standard(StandardKey::TravelMealAllowance, "2019-01-01", 12_000)
    });
    let lines = json!([
        expense("meals", 36_000, "unit", None),
        expense("localTransport", 24_000, "unit", None)
    ]);
    assert!(
        run(trip(lines, Some(CITY)), rows, "2026-03-12").is_empty(),
        "3 × ¥120.00"
    );
}

// ---------------------------------------------------------------- contacts

fn inspection(date: &str, counterpart: Uuid, official: Uuid, initiated_by: &str) -> Value {
    json!({"contact": {
        "date": date, "activity": "inspection", "counterpartIds": [counterpart],
        "officialIds": [official], "initiatedBy": initiated_by, "purpose": "安全生产检查", "outcome": ""
    }})
}

#[test]
fn red_listed_enterprises_are_not_inspected_uninvited() {
    assert_eq!(
        run(
            inspection("2026-03-10", RED, OFFICIAL, "us"),
            full_standards(),
            "2026-03-10"
        ),
        [(
            "uninvited-red-list-inspection".to_string(),
            "warning".to_string()
        )]
    );
    assert!(
        run(
            inspection("2026-03-10", RED, OFFICIAL, "counterpart"),
            full_standards(),
            "2026-03-10"
        )
        .is_empty(),
        "invited"
    );
    assert!(
        run(
            inspection("2026-03-10", NO_CANTEEN, OFFICIAL, "us"),
            full_standards(),
            "2026-03-10"
        )
        .is_empty(),
        "not red-listed"
    );
    let mut visit = inspection("2026-03-10", RED, OFFICIAL, "us");
    visit["contact"]["activity"] = json!("visit");
    assert!(
        run(visit, full_standards(), "2026-03-10").is_empty(),
        "a visit is not an inspection"
    );
}

#[test]
fn inspections_by_enforcers_just_before_a_holiday_are_noted() {
    // National Day 2026 starts on 1 October; five days before is 26 September.
    let at = |date: &str, official: Uuid| {
        rules(&run(
            inspection(date, NO_CANTEEN, official, "us"),
            full_standards(),
            date,
        ))
        .join(",")
    };
    assert_eq!(
        at("2026-09-19", ENFORCER),
        "",
        "the Mid-Autumn holiday starts on 25 September: 6 days before"
    );
    assert_eq!(
        at("2026-09-20", ENFORCER),
        "pre-holiday-inspection",
        "exactly 5 days before Mid-Autumn"
    );
    assert_eq!(
        at("2026-09-26", ENFORCER),
        "pre-holiday-inspection",
        "5 days before National Day"
    );
    assert_eq!(at("2026-09-21", OFFICIAL), "", "no enforcement powers");
    let unset: Vec<Standard> = shipped().into_iter().map(|s| s.standard).collect();
    assert_eq!(
        rules(&run(
            inspection("2026-09-21", NO_CANTEEN, ENFORCER, "us"),
            unset,
            "2026-09-21"
        )),
        ["standard-missing"]
    );
}

#[test]
fn a_missing_standard_tells_the_administrator_what_to_set() {
    let unset: Vec<Standard> = shipped().into_iter().map(|s| s.standard).collect();
    let found = findings(
        meal(
            "enterpriseArranged",
            Some(NO_CANTEEN),
            &[OFFICIAL],
            0,
            json!({"totalCost": 30_000}),
        ),
        unset,
        "2026-03-10",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.zh.contains("公务接待工作餐标准"),
        "{}",
        found[0].message.zh
    );
    assert!(
        found[0].message.en.contains("Settings"),
        "{}",
        found[0].message.en
    );
    assert_eq!(
        found[0].citation.clause, "二(一)6",
        "cites the rule that could not run"
    );
    // The English message is English throughout, including what exactly is missing.
    let mut lines = at_standard();
    lines.push(expense("lodging", 90_000, "unit", Some(2)));
    let lodging = findings(trip(json!(lines), None), full_standards(), "2026-03-12");
    assert!(
        lodging[0].message.en.contains("no destination city"),
        "{}",
        lodging[0].message.en
    );
    assert!(
        !lodging[0]
            .message
            .en
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{}",
        lodging[0].message.en
    );
}
