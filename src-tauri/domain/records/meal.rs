use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::invalid::{Invalid, Problem};
use crate::domain::limits;
use crate::domain::limits::MAX_PEOPLE;
use crate::domain::money::Fen;
use crate::domain::validation::{amount, id_list, optional_text, range, required_text, Checks};
use crate::path;

/// The three ways of eating with an enterprise that 二(一)6 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MealMode {
    /// 公务工作餐: hosted by the unit at the reception standard.
    OfficialWorkingMeal,
    /// 企业食堂工作餐: in the enterprise's canteen, fee paid at its rate.
    CanteenMeal,
    /// The enterprise has no canteen and arranges a meal at the reception standard.
    EnterpriseArranged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Meal {
    pub date: NaiveDate,
    pub mode: MealMode,
    /// The enterprise concerned; required for canteen and enterprise-arranged meals.
    pub counterpart_id: Option<CounterpartId>,
    pub place: String,
    /// Officials present.
    pub official_ids: Vec<OfficialId>,
    pub enterprise_diners: u32,
    /// Per-person standard that applied, when one did (a canteen's rate, a reception
    /// standard): a standard, never what the meal cost.
    pub per_person_standard: Option<Fen>,
    /// What the meal cost in all, officials and enterprise guests together, for a working
    /// meal the unit hosted or one an enterprise arranged: the reception check divides it
    /// by everyone who ate. Unknown on records made before it was asked (a finding asks
    /// for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub total_cost: Option<Fen>,
    /// What the officials paid (0 is recorded as it happened; the rules flag it).
    pub amount_paid: Fen,
    pub receipt_no: String,
    pub cigarettes: bool,
    pub premium_liquor: bool,
    pub other_alcohol: bool,
}

impl Meal {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        if self.mode != MealMode::OfficialWorkingMeal && self.counterpart_id.is_none() {
            checks.fail(path!["counterpartId"], Problem::Required);
        }
        checks.check(required_text(
            path!["place"],
            &self.place,
            limits::MEAL_PLACE,
        ));
        checks.check(id_list("officialIds", &self.official_ids, MAX_PEOPLE));
        checks.check(range(
            path!["enterpriseDiners"],
            i64::from(self.enterprise_diners),
            0,
            1000,
        ));
        if let Some(standard) = self.per_person_standard {
            checks.check(amount(path!["perPersonStandard"], standard, 0));
        }
        checks.check(amount(path!["amountPaid"], self.amount_paid, 0));
        if let Some(cost) = self.total_cost {
            // A canteen meal costs its rate: what was paid says it.
            if self.mode == MealMode::CanteenMeal {
                checks.fail(path!["totalCost"], Problem::NotApplicable);
            } else {
                checks.check(amount(path!["totalCost"], cost, 0));
            }
        }
        checks.check(optional_text(
            path!["receiptNo"],
            &self.receipt_no,
            limits::MEAL_RECEIPT_NO,
        ));
        // A canteen fee that was paid has a receipt (二(一)6 asks for both).
        if self.mode == MealMode::CanteenMeal
            && self.amount_paid.0 > 0
            && self.receipt_no.trim().is_empty()
        {
            checks.fail(path!["receiptNo"], Problem::Required);
        }
        checks.finish()
    }
}
