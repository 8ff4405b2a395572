//! One exported record as a row, its headers, and why an export fails: what every
//! format writes from.

use chrono::NaiveDate;

use crate::domain::money::Fen;
use crate::store::StoreError;

/// The columns, in order: header and what a cell holds.
pub const HEADERS: [&str; 13] = [
    "日期",
    "类别",
    "处室",
    "参与人员",
    "交往对象",
    "摘要",
    "金额（元）",
    "审核状态",
    "是否作废",
    "更正或作废理由",
    "登记人",
    "登记时间",
    "记录编号",
];

/// One record as a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub date: NaiveDate,
    pub kind: &'static str,
    pub department: String,
    pub officials: String,
    pub counterparts: String,
    pub summary: String,
    pub amount: Fen,
    pub status: &'static str,
    pub cancelled: bool,
    pub note: String,
    pub entered_by: String,
    pub entered_at: String,
    pub id: String,
}

impl Row {
    /// The cells as text, for CSV.
    pub fn texts(&self) -> [String; 13] {
        [
            self.date.to_string(),
            self.kind.to_owned(),
            self.department.clone(),
            self.officials.clone(),
            self.counterparts.clone(),
            self.summary.clone(),
            self.amount.to_yuan_string(),
            self.status.to_owned(),
            if self.cancelled { "是" } else { "否" }.to_owned(),
            self.note.clone(),
            self.entered_by.clone(),
            self.entered_at.clone(),
            self.id.clone(),
        ]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{rows} records are more than one file takes ({max})")]
    TooMany { rows: usize, max: usize },
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(String),
    #[error("the printed list could not be written: {0}")]
    Pdf(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
