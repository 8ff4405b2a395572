use super::*;

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

fn inspection(
    date: &str,
    counterpart: CounterpartId,
    official: OfficialId,
    initiated_by: &str,
) -> Value {
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
    let at = |date: &str, official: OfficialId| {
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
