//! How much a finding weighs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How much a finding weighs, the weightiest first.
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

    /// The severity's name (Chinese, English): the printed register and the CLI say it.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Severity::Violation => ("违规", "violation"),
            Severity::Warning => ("提醒", "warning"),
            Severity::Note => ("提示", "note"),
        }
    }
}
