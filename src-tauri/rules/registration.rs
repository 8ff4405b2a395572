//! The register's own rule: a record entered after its month's register was signed
//! (补登). Whether a record is late is a fact of the store (which registers are
//! signed, when the record entered the month); this words the finding.

use chrono::NaiveDate;

use super::catalogue::{Citation, RuleId};
use super::finding::{Finding, Found};
use super::text::Text;
use crate::domain::records::{Gift, RecordBody};

/// When a late record's month was signed and when the record entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lateness {
    /// `YYYY-MM`: the month the record is dated in.
    pub month: String,
    /// The day (China time) that month's register was signed.
    pub signed_on: NaiveDate,
    /// The day (China time) the record entered that month.
    pub registered_on: NaiveDate,
}

impl Lateness {
    /// Days from the month's signing to the registration (never negative).
    pub fn days_late(&self) -> i64 {
        (self.registered_on - self.signed_on).num_days().max(0)
    }
}

/// The finding of a late registration; it holds from the day the record was registered.
pub fn late_registration(body: &RecordBody, late: &Lateness) -> Finding {
    let Lateness {
        month,
        signed_on,
        registered_on,
    } = late;
    let days = late.days_late();
    let mut finding = Found::new(
        RuleId::LateRegistration,
        Vec::new(),
        Text::new(
            format!(
                "本处室 {month} 的登记簿已于 {signed_on} 签署，本记录 {registered_on} 才登记（晚 {days} 天），列入其后签署的登记簿“补登”部分"
            ),
            format!(
                "The department's register for {month} was signed on {signed_on}; this record was registered on {registered_on} ({days} days later) and goes into the late-registrations section of the next signed register"
            ),
        ),
    )
    .between(Some(*registered_on), None)
    .done();
    // A gift received is the one record the policy itself says must be registered.
    if matches!(body, RecordBody::Gift(Gift::Received(_))) {
        finding.citation = Citation::policy("二(一)5");
    }
    finding
}
