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
mod gifts;
mod meals;
mod registration;
pub mod standards;
pub mod trips;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::directory::{Counterpart, Official};
use crate::domain::invalid::PathSegment;
use crate::domain::money::Fen;
use crate::domain::records::RecordBody;

pub use calendar::{Calendar, CalendarDay};
pub use catalogue::{
    catalogue, markdown, rule_catalogue, Citation, RuleCatalogue, RuleId, RuleInfo, POLICY,
};
pub use registration::{late_registration, Lateness};
pub use standards::{Standard, StandardKey, Standards};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// A line of the policy was crossed.
    Violation,
    /// Probably wrong; someone should look.
    Warning,
    /// A duty still open, or a standard missing.
    Note,
}

impl Severity {
    pub fn tag(self) -> &'static str {
        match self {
            Severity::Violation => "violation",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The same words in both languages (registers print Chinese whatever the UI shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// One thing a record breaks or still owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub citation: Citation,
    /// With the concrete figures: "食堂用餐 3 人，应付不少于 ¥45.00，实付 ¥0.00".
    pub message: Text,
    /// The field concerned, as a request names it: `["body", "meal", "amountPaid"]`.
    pub field: Vec<PathSegment>,
    /// The official concerned, when the finding is about one of several.
    pub official_id: Option<Uuid>,
    /// The first day the finding holds (`None`: from the record's own date).
    pub active_from: Option<NaiveDate>,
    /// The last day it holds (`None`: for as long as the record stays as it is).
    pub active_until: Option<NaiveDate>,
}

impl Finding {
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.active_from.is_none_or(|from| from <= day)
            && self.active_until.is_none_or(|until| day <= until)
    }
}

/// What the rules may look at besides the record itself.
pub struct Context<'a> {
    pub standards: &'a Standards,
    pub calendar: &'a Calendar,
    pub officials: &'a HashMap<Uuid, Official>,
    pub counterparts: &'a HashMap<Uuid, Counterpart>,
}

impl Context<'_> {
    fn official_name(&self, id: Uuid) -> String {
        self.officials
            .get(&id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    }
}

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

/// Builds findings of one rule with the rule's own severity and citation.
struct Found {
    rule: RuleId,
    field: Vec<PathSegment>,
    message: Text,
    official_id: Option<Uuid>,
    active_from: Option<NaiveDate>,
    active_until: Option<NaiveDate>,
}

impl Found {
    fn new(rule: RuleId, field: Vec<PathSegment>, message: Text) -> Found {
        Found {
            rule,
            field,
            message,
            official_id: None,
            active_from: None,
            active_until: None,
        }
    }

    fn official(mut self, id: Uuid) -> Found {
        self.official_id = Some(id);
        self
    }

    fn between(mut self, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Found {
        self.active_from = from;
        self.active_until = until;
        self
    }

    fn done(self) -> Finding {
        let info = self.rule.info();
        Finding {
            rule: self.rule,
            severity: info.severity,
            citation: info.citation,
            message: self.message,
            field: self.field,
            official_id: self.official_id,
            active_from: self.active_from,
            active_until: self.active_until,
        }
    }
}

/// Which figure is missing, when the standard's name alone does not say (Chinese, English).
type Scope = (&'static str, &'static str);

/// No more to say than the standard's name.
const ANY_SCOPE: Scope = ("", "");

/// A standard the rule needs is not set: tell the administrator what to set, citing
/// the clause of the rule that could not be checked.
fn standard_missing(
    needed_by: RuleId,
    key: StandardKey,
    field: Vec<PathSegment>,
    scope: Scope,
) -> Finding {
    let (zh, en) = key.label();
    let (scope_zh, scope_en) = scope;
    let info = needed_by.info();
    let mut finding = Found::new(
        RuleId::StandardMissing,
        field,
        Text::new(
            format!(
                "未设置“{zh}”{scope_zh}，无法检查“{}”；请管理员在“设置 → 合规标准”中设置",
                info.title.zh
            ),
            format!(
                "The {en}{} is not set, so “{}” cannot be checked; an administrator sets it in Settings → Compliance standards",
                if scope_en.is_empty() { String::new() } else { format!(" ({scope_en})") },
                info.title.en
            ),
        ),
    )
    .done();
    finding.citation = info.citation;
    finding
}

/// `¥1,234.50`
fn money(fen: i64) -> String {
    Fen(fen).display()
}

/// The body path prefix of a record's fields.
fn at(prefix: &[&str], rest: &[PathSegment]) -> Vec<PathSegment> {
    let mut path: Vec<PathSegment> = vec!["body".into()];
    path.extend(prefix.iter().map(|s| PathSegment::from(*s)));
    path.extend(rest.iter().cloned());
    path
}
