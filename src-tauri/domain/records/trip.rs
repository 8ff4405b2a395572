use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::invalid::{Invalid, Problem};
use crate::domain::limits;
use crate::domain::limits::MAX_PEOPLE;
use crate::domain::money::Fen;
use crate::domain::validation::{amount, id_list, optional_text, range, required_text, Checks};
use crate::path;

/// Longest trip the app accepts, in days.
pub const MAX_TRIP_DAYS: i64 = 366;

/// A trip taken together with enterprises (二(一)5): each official's costs are
/// accounted separately, line by line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trip {
    pub purpose: String,
    /// Destination city from the directory (for lodging caps), when known.
    pub destination_city_id: Option<Uuid>,
    /// The destination as written (e.g. 深圳市南山区).
    pub destination: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub participant_ids: Vec<OfficialId>,
    pub counterpart_ids: Vec<CounterpartId>,
    pub expenses: Vec<Expense>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ExpenseCategory {
    IntercityTransport,
    Lodging,
    Meals,
    LocalTransport,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Payer {
    Unit,
    /// The official paid personally.
    Official,
    /// The enterprise paid: a violation of 二(一)5 that the rules flag.
    Enterprise,
}

/// One cost of one official.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Expense {
    pub official_id: OfficialId,
    pub category: ExpenseCategory,
    pub date: NaiveDate,
    /// Nights, for lodging only.
    pub nights: Option<u32>,
    pub amount: Fen,
    pub payer: Payer,
    pub receipt_no: String,
}

impl Trip {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        checks.check(required_text(
            path!["purpose"],
            &self.purpose,
            limits::TRIP_PURPOSE,
        ));
        checks.check(required_text(
            path!["destination"],
            &self.destination,
            limits::TRIP_DESTINATION,
        ));
        if self.end_date < self.start_date {
            checks.fail(path!["endDate"], Problem::DateBefore { after: "startDate" });
        } else {
            checks.check(range(
                path!["endDate"],
                (self.end_date - self.start_date).num_days(),
                0,
                MAX_TRIP_DAYS,
            ));
        }
        checks.check(id_list("participantIds", &self.participant_ids, MAX_PEOPLE));
        if !self.counterpart_ids.is_empty() {
            checks.check(id_list("counterpartIds", &self.counterpart_ids, MAX_PEOPLE));
        }
        checks.check(range(
            path!["expenses"],
            self.expenses.len() as i64,
            0,
            1000,
        ));
        for (i, expense) in self.expenses.iter().enumerate() {
            checks.check(self.check_expense(i, expense));
        }
        checks.finish()
    }

    /// One expense line: each of its fields checked.
    fn check_expense(&self, i: usize, expense: &Expense) -> Result<(), Invalid> {
        let at = |field: &str| path!["expenses", i as u32, field];
        let mut checks = Checks::new();
        if !self.participant_ids.contains(&expense.official_id) {
            checks.fail(at("officialId"), Problem::NotAParticipant);
        }
        if expense.date < self.start_date {
            checks.fail(at("date"), Problem::DateBefore { after: "startDate" });
        } else if expense.date > self.end_date {
            checks.fail(at("date"), Problem::DateAfter { before: "endDate" });
        }
        match (expense.category, expense.nights) {
            (ExpenseCategory::Lodging, Some(nights)) => {
                let room = (self.end_date - expense.date).num_days();
                if let Err(e) = range(at("nights"), i64::from(nights), 1, MAX_TRIP_DAYS) {
                    checks.check(Err(e));
                } else if i64::from(nights) > room && expense.date <= self.end_date {
                    // A stay from this date must end by the trip's last day: three
                    // nights do not fit a three-day trip.
                    checks.fail(at("nights"), Problem::NightsBeyondTrip { max: room });
                }
            }
            (ExpenseCategory::Lodging, None) => checks.fail(at("nights"), Problem::Required),
            (_, Some(_)) => checks.fail(at("nights"), Problem::NotApplicable),
            (_, None) => {}
        }
        checks.check(amount(at("amount"), expense.amount, 1));
        checks.check(optional_text(
            at("receiptNo"),
            &expense.receipt_no,
            limits::TRIP_RECEIPT_NO,
        ));
        checks.finish()
    }
}
