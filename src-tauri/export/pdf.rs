//! Records as a print-ready list: A4 landscape pages with the bureau's title, how many
//! records and what they add up to, when it was printed, and one row per record, laid
//! out and written by the register's own layout and font, so a list prints as the
//! register does (header row repeated on every page, 第 i 页 / 共 n 页).

use chrono::{DateTime, Utc};

use super::row::{ExportError, Row};
use crate::domain::money::Fen;
use crate::register::pdf::{backend, font::Measure, layout::Layout};
use crate::register::Column;

/// What a printed list says about its printing.
pub struct Printing<'a> {
    pub bureau: &'a str,
    pub at: DateTime<Utc>,
}

fn column(title: &str, weight: u32, numeric: bool) -> Column {
    Column {
        title: title.to_owned(),
        weight,
        numeric,
    }
}

pub fn write(rows: &[Row], printing: &Printing<'_>) -> Result<Vec<u8>, ExportError> {
    let measure = measure()?;
    let printed = crate::domain::bureau_time::minutes(&printing.at);
    let title = format!("{}政商交往登记记录", printing.bureau);
    // Cancelled records are listed (with 是 under 作废) but not added up.
    let valid = rows.iter().filter(|r| !r.cancelled);
    let total = Fen(valid.clone().map(|r| r.amount.0).sum());
    let mut layout = Layout::new(&measure);
    layout.paragraph(&title, 16.0, true);
    layout.paragraph(
        &format!(
            "共 {} 条，有效 {} 条，金额合计 {}（已作废的不计）　　打印时间：{printed}",
            rows.len(),
            valid.count(),
            total.display()
        ),
        9.0,
        false,
    );
    let columns = [
        column("序号", 4, true),
        column("日期", 9, false),
        column("类别", 8, false),
        column("处室", 10, false),
        column("参与人员", 14, false),
        column("交往对象", 16, false),
        column("摘要", 30, false),
        column("金额（元）", 10, true),
        column("审核状态", 7, false),
        column("作废", 4, false),
        column("登记人", 10, false),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.date.to_string(),
                r.kind.to_owned(),
                r.department.clone(),
                r.officials.clone(),
                r.counterparts.clone(),
                r.summary.clone(),
                r.amount.to_yuan_string(),
                r.status.to_owned(),
                if r.cancelled { "是" } else { "否" }.to_owned(),
                r.entered_by.clone(),
            ]
        })
        .collect();
    layout.table("登记记录", &columns, &cells, "无");
    print(layout, &title, printing, "亲清政商交往登记记录")
}

/// The shipped font's measures, for a printed page's layout.
pub(super) fn measure() -> Result<Measure, ExportError> {
    Measure::new().ok_or_else(|| ExportError::Pdf("the shipped font".into()))
}

/// A printed document's pages finished (running header with the printing time, page
/// numbers) and written as a PDF.
pub(super) fn print(
    layout: Layout<'_>,
    title: &str,
    printing: &Printing<'_>,
    subject: &str,
) -> Result<Vec<u8>, ExportError> {
    let printed = crate::domain::bureau_time::minutes(&printing.at);
    let pages = layout.finish(&format!("{title} · 打印于 {printed}"), "");
    backend::write(
        &pages,
        &backend::Info {
            title,
            author: printing.bureau,
            subject,
            keywords: Vec::new(),
            created: printing.at,
        },
    )
    .map_err(|e| ExportError::Pdf(e.to_string()))
}
