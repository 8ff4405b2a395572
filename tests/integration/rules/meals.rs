use super::*;

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
    let people: Vec<OfficialId> = (100..120)
        .map(|n| OfficialId::from_uuid(Uuid::from_u128(n)))
        .collect();
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
