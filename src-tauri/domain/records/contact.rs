use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::invalid::Invalid;
use crate::domain::limits;
use crate::domain::limits::MAX_PEOPLE;
use crate::domain::validation::{id_list, optional_text, required_text, Checks};
use crate::path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Activity {
    Visit,
    Forum,
    TeaTalk,
    Promotion,
    Signing,
    Inspection,
    Other,
}

/// Who asked for the contact (二(一)8: red-listed enterprises are not inspected uninvited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Initiator {
    Counterpart,
    Us,
}

/// A visit, forum, tea talk, promotion, signing or inspection: the "亲" side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contact {
    pub date: NaiveDate,
    pub activity: Activity,
    pub counterpart_ids: Vec<CounterpartId>,
    pub official_ids: Vec<OfficialId>,
    pub initiated_by: Initiator,
    pub purpose: String,
    pub outcome: String,
}

impl Contact {
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        checks.check(id_list("counterpartIds", &self.counterpart_ids, MAX_PEOPLE));
        checks.check(id_list("officialIds", &self.official_ids, MAX_PEOPLE));
        checks.check(required_text(
            path!["purpose"],
            &self.purpose,
            limits::CONTACT_PURPOSE,
        ));
        checks.check(optional_text(
            path!["outcome"],
            &self.outcome,
            limits::CONTACT_OUTCOME,
        ));
        checks.finish()
    }
}
