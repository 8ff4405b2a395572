//! A finding, and what the rules build findings with: the rule's own severity and
//! citation, a standard that is not set, money and field paths as findings show them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{Citation, RuleId};
use super::severity::Severity;
use super::standards::StandardKey;
use super::text::Text;
use crate::domain::directory::OfficialId;
use crate::domain::invalid::PathSegment;
use crate::domain::money::Fen;

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
    pub official_id: Option<OfficialId>,
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

/// Builds findings of one rule with the rule's own severity and citation.
pub(super) struct Found {
    pub(super) rule: RuleId,
    pub(super) field: Vec<PathSegment>,
    pub(super) message: Text,
    pub(super) official_id: Option<OfficialId>,
    pub(super) active_from: Option<NaiveDate>,
    pub(super) active_until: Option<NaiveDate>,
}

impl Found {
    pub(super) fn new(rule: RuleId, field: Vec<PathSegment>, message: Text) -> Found {
        Found {
            rule,
            field,
            message,
            official_id: None,
            active_from: None,
            active_until: None,
        }
    }

    pub(super) fn official(mut self, id: OfficialId) -> Found {
        self.official_id = Some(id);
        self
    }

    pub(super) fn between(mut self, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Found {
        self.active_from = from;
        self.active_until = until;
        self
    }

    pub(super) fn done(self) -> Finding {
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
pub(super) type Scope = (&'static str, &'static str);

/// No more to say than the standard's name.
pub(super) const ANY_SCOPE: Scope = ("", "");

/// A standard the rule needs is not set: tell the administrator what to set, citing
/// the clause of the rule that could not be checked.
pub(super) fn standard_missing(
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
pub(super) fn money(fen: i64) -> String {
    Fen(fen).display()
}

/// The body path prefix of a record's fields.
pub(super) fn at(prefix: &[&str], rest: &[PathSegment]) -> Vec<PathSegment> {
    let mut path: Vec<PathSegment> = vec!["body".into()];
    path.extend(prefix.iter().map(|s| PathSegment::from(*s)));
    path.extend(rest.iter().cloned());
    path
}
