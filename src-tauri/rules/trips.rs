//! Trips with enterprises (二(一)5): officials may travel, eat and lodge with the
//! enterprise, but each official's costs are accounted separately at the official
//! travel standard and settled by the unit. This module computes that settlement and
//! flags what departs from it.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::catalogue::RuleId;
use super::context::Context;
use super::finding::{at, money, standard_missing, Finding, Found, ANY_SCOPE};
use super::standards::StandardKey;
use super::text::Text;
use crate::domain::directory::{OfficialId, TravelTier};
use crate::domain::invalid::PathSegment;
use crate::domain::money::Fen;
use crate::domain::records::trip::{ExpenseCategory, Payer, Trip};

/// One official's settlement: per category, the standard beside what was paid and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficialSettlement {
    pub official_id: OfficialId,
    pub name: String,
    /// Calendar days of the trip, first and last included.
    pub days: u32,
    pub lines: Vec<SettlementLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettlementLine {
    pub category: ExpenseCategory,
    /// What the standard allows (`None`: settled as paid, or the standard is not set).
    pub standard: Option<Fen>,
    /// How the standard is made up ("3 天 × ¥100.00").
    pub basis: String,
    pub paid_by_unit: Fen,
    pub paid_by_official: Fen,
    pub paid_by_enterprise: Fen,
    /// Unit and official together minus the standard (positive: above it).
    pub difference: Option<Fen>,
}

const CATEGORIES: [ExpenseCategory; 5] = [
    ExpenseCategory::IntercityTransport,
    ExpenseCategory::Lodging,
    ExpenseCategory::Meals,
    ExpenseCategory::LocalTransport,
    ExpenseCategory::Other,
];

fn days(trip: &Trip) -> i64 {
    (trip.end_date - trip.start_date).num_days() + 1
}

fn tier(context: &Context<'_>, official: OfficialId) -> Option<TravelTier> {
    context.officials.get(&official).map(|o| o.travel_tier)
}

/// The standard settlement of every official on the trip.
pub fn settlement(trip: &Trip, context: &Context<'_>) -> Vec<OfficialSettlement> {
    let days = days(trip);
    let city = trip.destination_city_id;
    trip.participant_ids
        .iter()
        .map(|&official| {
            let lines = CATEGORIES
                .iter()
                .map(|&category| {
                    let mut paid = BTreeMap::new();
                    let mut nights = 0i64;
                    for e in trip
                        .expenses
                        .iter()
                        .filter(|e| e.official_id == official && e.category == category)
                    {
                        *paid.entry(payer_key(e.payer)).or_insert(0i64) += e.amount.0;
                        nights += i64::from(e.nights.unwrap_or(0));
                    }
                    let by = |p: Payer| Fen(paid.get(&payer_key(p)).copied().unwrap_or(0));
                    let (standard, basis) =
                        standard_for(trip, context, official, category, days, nights, city);
                    let settled = by(Payer::Unit).0 + by(Payer::Official).0;
                    SettlementLine {
                        category,
                        standard,
                        basis,
                        paid_by_unit: by(Payer::Unit),
                        paid_by_official: by(Payer::Official),
                        paid_by_enterprise: by(Payer::Enterprise),
                        difference: standard.map(|s| Fen(settled - s.0)),
                    }
                })
                .collect();
            OfficialSettlement {
                official_id: official,
                name: context.official_name(official),
                days: u32::try_from(days).unwrap_or(u32::MAX),
                lines,
            }
        })
        .collect()
}

fn payer_key(payer: Payer) -> u8 {
    match payer {
        Payer::Unit => 0,
        Payer::Official => 1,
        Payer::Enterprise => 2,
    }
}

fn standard_for(
    trip: &Trip,
    context: &Context<'_>,
    official: OfficialId,
    category: ExpenseCategory,
    days: i64,
    nights: i64,
    city: Option<Uuid>,
) -> (Option<Fen>, String) {
    let per_day = |key| {
        context
            .standards
            .in_force(key, trip.start_date, None, city)
            .map(|f| f.value)
    };
    match category {
        ExpenseCategory::Meals | ExpenseCategory::LocalTransport => {
            let key = if category == ExpenseCategory::Meals {
                StandardKey::TravelMealAllowance
            } else {
                StandardKey::CityTransportAllowance
            };
            match per_day(key) {
                Some(rate) => (Some(Fen(rate * days)), format!("{days} × {}", money(rate))),
                None => (None, String::new()),
            }
        }
        ExpenseCategory::Lodging => {
            let cap = context.standards.in_force(
                StandardKey::LodgingCap,
                trip.start_date,
                tier(context, official),
                city,
            );
            match cap {
                Some(cap) if nights > 0 => (
                    Some(Fen(cap.value * nights)),
                    format!("{nights} × {}", money(cap.value)),
                ),
                _ => (None, String::new()),
            }
        }
        ExpenseCategory::IntercityTransport | ExpenseCategory::Other => (None, String::new()),
    }
}

pub fn check(trip: &Trip, context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let expense_field = |i: usize, name: &str| {
        at(
            &["trip"],
            &["expenses".into(), PathSegment::from(i as u32), name.into()],
        )
    };
    for (i, e) in trip.expenses.iter().enumerate() {
        let name = context.official_name(e.official_id);
        if e.payer == Payer::Enterprise {
            out.push(
                Found::new(
                    RuleId::TripPaidByEnterprise,
                    expense_field(i, "payer"),
                    Text::new(
                        format!(
                            "{name} 的{}（{}，{}）由企业支付",
                            category_zh(e.category),
                            e.date,
                            money(e.amount.0)
                        ),
                        format!(
                            "{name}'s {} ({}, {}) was paid by an enterprise",
                            category_en(e.category),
                            e.date,
                            money(e.amount.0)
                        ),
                    ),
                )
                .official(e.official_id)
                .done(),
            );
        }
    }
    for &official in &trip.participant_ids {
        out.extend(lodging(trip, context, official));
    }
    out.extend(settlement_findings(trip, context));
    out
}

fn lodging(trip: &Trip, context: &Context<'_>, official: OfficialId) -> Vec<Finding> {
    let lines: Vec<(usize, _)> = trip
        .expenses
        .iter()
        .enumerate()
        .filter(|(_, e)| e.official_id == official && e.category == ExpenseCategory::Lodging)
        .collect();
    if lines.is_empty() {
        return Vec::new();
    }
    let name = context.official_name(official);
    let Some(cap) = context.standards.in_force(
        StandardKey::LodgingCap,
        trip.start_date,
        tier(context, official),
        trip.destination_city_id,
    ) else {
        let scope = if trip.destination_city_id.is_none() {
            (
                "（目的地城市未从名录中选择）",
                "no destination city chosen from the directory",
            )
        } else {
            ("（该职级与目的地）", "for this tier and destination")
        };
        let field = at(&["trip"], &["destinationCityId".into()]);
        let mut missing = standard_missing(
            RuleId::LodgingAboveCap,
            StandardKey::LodgingCap,
            field,
            scope,
        );
        missing.official_id = Some(official);
        return vec![missing];
    };
    let mut out = Vec::new();
    for (i, e) in lines {
        let nights = i64::from(e.nights.unwrap_or(1).max(1));
        let per_night = e.amount.0 / nights;
        if per_night > cap.value {
            out.push(
                Found::new(
                    RuleId::LodgingAboveCap,
                    at(
                        &["trip"],
                        &[
                            "expenses".into(),
                            PathSegment::from(i as u32),
                            "amount".into(),
                        ],
                    ),
                    Text::new(
                        format!(
                            "{name} 住宿 {nights} 晚共 {}，每晚 {}，超过限额 {}",
                            money(e.amount.0),
                            money(per_night),
                            money(cap.value)
                        ),
                        format!(
                            "{name}: {nights} nights for {}, {} a night, above the cap of {}",
                            money(e.amount.0),
                            money(per_night),
                            money(cap.value)
                        ),
                    ),
                )
                .official(official)
                .done(),
            );
        }
    }
    out
}

fn settlement_findings(trip: &Trip, context: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut missing_reported = false;
    for person in settlement(trip, context) {
        for line in &person.lines {
            let (key, zh, en) = match line.category {
                ExpenseCategory::Meals => (
                    StandardKey::TravelMealAllowance,
                    "伙食补助费",
                    "meal allowance",
                ),
                ExpenseCategory::LocalTransport => (
                    StandardKey::CityTransportAllowance,
                    "市内交通费",
                    "city transport",
                ),
                _ => continue,
            };
            let field = at(&["trip"], &["expenses".into()]);
            let (Some(standard), Some(difference)) = (line.standard, line.difference) else {
                if !missing_reported {
                    out.push(standard_missing(
                        RuleId::SettlementAboveStandard,
                        key,
                        field,
                        ANY_SCOPE,
                    ));
                    missing_reported = true;
                }
                continue;
            };
            let settled = Fen(line.paid_by_unit.0 + line.paid_by_official.0);
            let (rule, zh_word, en_word) = match difference.0 {
                0 => continue,
                d if d > 0 => (RuleId::SettlementAboveStandard, "超出", "above"),
                _ => (RuleId::SettlementShortOfStandard, "低于", "below"),
            };
            out.push(
                Found::new(
                    rule,
                    field,
                    Text::new(
                        format!(
                            "{} {zh}结算 {}，标准 {}（{}），{zh_word} {}",
                            person.name,
                            money(settled.0),
                            money(standard.0),
                            line.basis,
                            money(difference.0.abs())
                        ),
                        format!(
                            "{}: {en} settled at {}, the standard is {} ({}), {} {en_word}",
                            person.name,
                            money(settled.0),
                            money(standard.0),
                            line.basis,
                            money(difference.0.abs())
                        ),
                    ),
                )
                .official(person.official_id)
                .done(),
            );
        }
    }
    out
}

fn category_zh(category: ExpenseCategory) -> &'static str {
    match category {
        ExpenseCategory::IntercityTransport => "城市间交通费",
        ExpenseCategory::Lodging => "住宿费",
        ExpenseCategory::Meals => "伙食费",
        ExpenseCategory::LocalTransport => "市内交通费",
        ExpenseCategory::Other => "其他费用",
    }
}

fn category_en(category: ExpenseCategory) -> &'static str {
    match category {
        ExpenseCategory::IntercityTransport => "intercity transport",
        ExpenseCategory::Lodging => "lodging",
        ExpenseCategory::Meals => "meals",
        ExpenseCategory::LocalTransport => "city transport",
        ExpenseCategory::Other => "other expense",
    }
}
