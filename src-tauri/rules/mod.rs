//! Compliance findings: a pure function from a record — with the standards in force
//! on its date, the directory entries it names and the holiday calendar — to what it
//! breaks or still owes, each finding citing the clause it rests on.
//!
//! Findings that depend on the day they are looked at (a surrender deadline running)
//! carry the dates between which they hold ([`Finding::active_from`],
//! [`Finding::active_until`]), so the same evaluation can be stored and asked about
//! any day later; [`evaluate`] answers for one day.

pub mod calendar;
mod catalogue;
mod contacts;
mod context;
mod finding;
mod gifts;
mod meals;
mod registration;
mod severity;
pub mod standards;
mod text;
pub mod trips;

use chrono::NaiveDate;

use crate::domain::records::RecordBody;

pub use calendar::{Calendar, CalendarDay};
pub use catalogue::{
    catalogue, markdown, rule_catalogue, Citation, RuleCatalogue, RuleId, RuleInfo, POLICY,
};
pub use context::Context;
pub use finding::Finding;
pub use registration::{late_registration, Lateness};
pub use severity::Severity;
pub use standards::{Standard, StandardKey, Standards};
pub use text::Text;

/// Every finding of a record, whatever day it is looked at (each with its window).
pub fn evaluate_all(body: &RecordBody, context: &Context<'_>) -> Vec<Finding> {
    let mut findings = match body {
        RecordBody::Trip(trip) => trips::check(trip, context),
        RecordBody::Meal(meal) => meals::check(meal, context),
        RecordBody::Gift(gift) => gifts::check(gift, context),
        RecordBody::Contact(contact) => contacts::check(contact, context),
    };
    findings.sort_by_key(|f| f.severity);
    findings
}

/// The findings of a record that hold on `today`.
pub fn evaluate(body: &RecordBody, context: &Context<'_>, today: NaiveDate) -> Vec<Finding> {
    let mut findings = evaluate_all(body, context);
    findings.retain(|f| f.active_on(today));
    findings
}
