//! Meals (二(一)6): a canteen meal is paid at the canteen's rate; where there is no
//! canteen the enterprise may arrange a meal at the official reception standard; no
//! cigarettes or premium liquor; companions within the reception rules.

use super::catalogue::RuleId;
use super::context::Context;
use super::finding::{at, money, standard_missing, Finding, Found, ANY_SCOPE};
use super::standards::StandardKey;
use super::text::Text;
use crate::domain::invalid::PathSegment;
use crate::domain::records::meal::{Meal, MealMode};

const MEAL: &[&str] = &["meal"];

fn field(name: &str) -> Vec<PathSegment> {
    at(MEAL, &[name.into()])
}

pub fn check(meal: &Meal, context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let counterpart = meal
        .counterpart_id
        .and_then(|id| context.counterparts.get(&id));
    let officials = meal.official_ids.len() as i64;
    match meal.mode {
        MealMode::CanteenMeal => out.extend(canteen(meal, context, officials)),
        MealMode::EnterpriseArranged => {
            if let Some(rate) = counterpart.and_then(|c| c.canteen_rate) {
                let name = counterpart.map(|c| c.name.as_str()).unwrap_or_default();
                out.push(
                    Found::new(
                        RuleId::ArrangedWhereCanteen,
                        field("mode"),
                        Text::new(
                            format!("{name}设有食堂（每人 {}），应在食堂用工作餐并交费，而非由企业安排", money(rate.0)),
                            format!("{name} runs a canteen ({} per person): the meal belongs there, paid for, not arranged by the enterprise", money(rate.0)),
                        ),
                    )
                    .done(),
                );
            }
        }
        MealMode::OfficialWorkingMeal => {}
    }
    if meal.mode != MealMode::CanteenMeal {
        out.extend(reception_standard(meal, context, officials));
    }
    if meal.cigarettes || meal.premium_liquor {
        let (zh, en, name) = match (meal.cigarettes, meal.premium_liquor) {
            (true, true) => (
                "香烟和高档酒水",
                "cigarettes and premium liquor",
                "cigarettes",
            ),
            (true, false) => ("香烟", "cigarettes", "cigarettes"),
            _ => ("高档酒水", "premium liquor", "premiumLiquor"),
        };
        out.push(
            Found::new(
                RuleId::TobaccoOrPremiumLiquor,
                field(name),
                Text::new(
                    format!("工作餐提供了{zh}"),
                    format!("{en} served at a working meal"),
                ),
            )
            .done(),
        );
    }
    if meal.other_alcohol {
        out.push(
            Found::new(
                RuleId::AlcoholServed,
                field("otherAlcohol"),
                Text::new("工作餐提供了酒水", "alcohol served at a working meal"),
            )
            .done(),
        );
    }
    if meal.mode == MealMode::OfficialWorkingMeal && meal.enterprise_diners > 0 {
        let guests = i64::from(meal.enterprise_diners);
        let allowed = if guests <= 10 { 3 } else { guests / 3 };
        if officials > allowed {
            out.push(
                Found::new(
                    RuleId::TooManyCompanions,
                    field("officialIds"),
                    Text::new(
                        format!("接待对象 {guests} 人，陪餐 {officials} 人，最多 {allowed} 人"),
                        format!(
                            "{guests} guests and {officials} companions; at most {allowed} allowed"
                        ),
                    ),
                )
                .done(),
            );
        }
    }
    out
}

fn canteen(meal: &Meal, context: &Context<'_>, officials: i64) -> Vec<Finding> {
    let counterpart = meal
        .counterpart_id
        .and_then(|id| context.counterparts.get(&id));
    let rate = counterpart
        .and_then(|c| c.canteen_rate.map(|r| r.0))
        .or_else(|| {
            context
                .standards
                .value(StandardKey::CanteenDefaultRate, meal.date)
        });
    let paid = meal.amount_paid.0;
    if paid == 0 {
        let owed = rate.map_or(String::new(), |r| {
            format!("，应付不少于 {}", money(r * officials))
        });
        let owed_en = rate.map_or(String::new(), |r| {
            format!(", at least {} was owed", money(r * officials))
        });
        return vec![Found::new(
            RuleId::CanteenFeeUnpaid,
            field("amountPaid"),
            Text::new(
                format!("食堂用餐 {officials} 人{owed}，实付 {}", money(0)),
                format!(
                    "canteen meal for {officials}{owed_en}; {} was paid",
                    money(0)
                ),
            ),
        )
        .done()];
    }
    let Some(rate) = rate else {
        return vec![standard_missing(
            RuleId::CanteenFeeShort,
            StandardKey::CanteenDefaultRate,
            field("amountPaid"),
            (
                "（或该企业的食堂标准）",
                "or the enterprise's own canteen rate",
            ),
        )];
    };
    let owed = rate.saturating_mul(officials);
    if paid >= owed {
        return Vec::new();
    }
    vec![Found::new(
        RuleId::CanteenFeeShort,
        field("amountPaid"),
        Text::new(
            format!(
                "食堂用餐 {officials} 人，应付不少于 {}（每人 {}），实付 {}",
                money(owed),
                money(rate),
                money(paid)
            ),
            format!(
                "canteen meal for {officials}: at least {} was owed ({} each), {} was paid",
                money(owed),
                money(rate),
                money(paid)
            ),
        ),
    )
    .done()]
}

/// The cost per person against the reception standard: what the meal cost in all over
/// everyone who ate — for a meal the unit hosted with no total recorded, what it paid.
/// The standard is the directory's in force that day (the meal's own figure only where
/// the directory has none): a figure typed on the record is never taken for the cost.
fn reception_standard(meal: &Meal, context: &Context<'_>, officials: i64) -> Vec<Finding> {
    let diners = officials + i64::from(meal.enterprise_diners);
    let per_person = match (meal.total_cost, meal.mode) {
        (_, _) if diners == 0 => return Vec::new(),
        (Some(cost), _) => cost.0 / diners,
        (None, MealMode::OfficialWorkingMeal) => meal.amount_paid.0 / diners,
        (None, _) => {
            return vec![Found::new(
                RuleId::MealCostUnknown,
                field("totalCost"),
                Text::new(
                    format!("企业安排用餐 {diners} 人，未登记实际花费，无法核对人均是否超过公务接待标准"),
                    format!("an enterprise-arranged meal for {diners}: what it cost is not recorded, so the cost per person cannot be checked against the reception standard"),
                ),
            )
            .done()]
        }
    };
    let rule = RuleId::MealAboveReceptionStandard;
    let Some(standard) = context
        .standards
        .value(StandardKey::ReceptionMealPerPerson, meal.date)
        .or(meal.per_person_standard.map(|s| s.0))
    else {
        return vec![standard_missing(
            rule,
            StandardKey::ReceptionMealPerPerson,
            field("perPersonStandard"),
            ANY_SCOPE,
        )];
    };
    if per_person <= standard {
        return Vec::new();
    }
    vec![Found::new(
        rule,
        field(if meal.total_cost.is_some() {
            "totalCost"
        } else {
            "amountPaid"
        }),
        Text::new(
            format!(
                "人均 {}，超过公务接待标准 {}",
                money(per_person),
                money(standard)
            ),
            format!(
                "{} per person, above the reception standard of {}",
                money(per_person),
                money(standard)
            ),
        ),
    )
    .done()]
}
