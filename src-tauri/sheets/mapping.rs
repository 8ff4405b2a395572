//! Which column holds what: suggested from the header words units use, shown to the
//! person, who corrects it before anything is imported.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::workbook::Sheet;
use crate::domain::directory::OfficialId;

/// What a sheet is a register of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Layout {
    /// One row per contact, meal or trip, with a category column.
    Register,
    /// One row per gift received, with its disposition.
    Gifts,
    /// Not imported.
    Ignore,
}

/// Column indexes (0 = column A) of the fields a sheet has; `None` when it lacks one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Columns {
    pub date: Option<u32>,
    pub category: Option<u32>,
    pub counterpart: Option<u32>,
    pub purpose: Option<u32>,
    pub amount: Option<u32>,
    pub payment: Option<u32>,
    pub receipt: Option<u32>,
    pub destination: Option<u32>,
    pub note: Option<u32>,
    pub official: Option<u32>,
    pub item: Option<u32>,
    pub quantity: Option<u32>,
    pub value: Option<u32>,
    pub disposition: Option<u32>,
    pub voucher: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SheetMapping {
    pub sheet: String,
    pub layout: Layout,
    /// The header's row number (1-based); data starts below it.
    pub header_row: u32,
    pub columns: Columns,
    /// Whose records these are when the sheet has no official column (the 填报人).
    pub official_id: Option<OfficialId>,
    /// The 填报人 named above the header, to find in the directory.
    #[serde(default)]
    pub official_name: String,
}

/// Header words per field, in the order they are tried (the first match wins).
const WORDS: &[(&str, &[&str])] = &[
    ("date", &["日期", "时间"]),
    ("category", &["类别", "类型", "事项"]),
    (
        "counterpart",
        &["企业", "商会", "单位名称", "赠送单位", "赠送人", "对象"],
    ),
    ("purpose", &["事由", "内容", "目的", "摘要"]),
    ("destination", &["目的地", "地点"]),
    ("receipt", &["票据号", "收据号", "发票号"]),
    ("voucher", &["凭证", "单号"]),
    ("value", &["估价", "价值"]),
    ("amount", &["金额", "费用"]),
    ("payment", &["付款", "支付"]),
    ("note", &["备注", "说明"]),
    ("official", &["收受人", "经办人", "姓名", "人员"]),
    ("item", &["礼品", "物品", "名称"]),
    ("quantity", &["数量"]),
    ("disposition", &["处理", "处置"]),
];

fn field<'a>(columns: &'a mut Columns, name: &str) -> &'a mut Option<u32> {
    match name {
        "date" => &mut columns.date,
        "category" => &mut columns.category,
        "counterpart" => &mut columns.counterpart,
        "purpose" => &mut columns.purpose,
        "destination" => &mut columns.destination,
        "receipt" => &mut columns.receipt,
        "voucher" => &mut columns.voucher,
        "value" => &mut columns.value,
        "amount" => &mut columns.amount,
        "payment" => &mut columns.payment,
        "note" => &mut columns.note,
        "official" => &mut columns.official,
        "item" => &mut columns.item,
        "quantity" => &mut columns.quantity,
        _ => &mut columns.disposition,
    }
}

/// The mapping the header suggests: the header is the row (among the first 20)
/// whose cells match the most field words; a gift sheet is one with a disposition
/// column and no category.
pub fn suggest(sheet: &Sheet) -> SheetMapping {
    let scan = sheet.rows.len().min(20);
    let (header, columns, matched) = (0..scan)
        .map(|row| {
            let columns = map_header(sheet, row);
            let matched = count(&columns);
            (row, columns, matched)
        })
        .max_by_key(|(row, _, matched)| (*matched, std::cmp::Reverse(*row)))
        .unwrap_or((0, Columns::default(), 0));
    let layout = if matched < 2 || columns.date.is_none() {
        Layout::Ignore
    } else if columns.disposition.is_some() && columns.category.is_none() {
        Layout::Gifts
    } else {
        Layout::Register
    };
    SheetMapping {
        sheet: sheet.name.clone(),
        layout,
        header_row: header as u32 + 1,
        columns,
        official_id: None,
        official_name: reporter_above(sheet, header),
    }
}

fn map_header(sheet: &Sheet, row: usize) -> Columns {
    let mut columns = Columns::default();
    let cells: Vec<String> = sheet
        .rows
        .get(row)
        .map(|r| r.iter().map(|c| c.text()).collect())
        .unwrap_or_default();
    let mut taken = vec![false; cells.len()];
    for (name, words) in WORDS {
        let found = cells.iter().enumerate().find(|(i, text)| {
            !taken[*i] && text.chars().count() <= 12 && words.iter().any(|w| text.contains(w))
        });
        if let Some((i, _)) = found {
            taken[i] = true;
            *field(&mut columns, name) = Some(i as u32);
        }
    }
    columns
}

fn count(columns: &Columns) -> usize {
    let c = columns;
    [
        c.date,
        c.category,
        c.counterpart,
        c.purpose,
        c.amount,
        c.payment,
        c.receipt,
        c.destination,
        c.note,
        c.official,
        c.item,
        c.quantity,
        c.value,
        c.disposition,
        c.voucher,
    ]
    .iter()
    .filter(|f| f.is_some())
    .count()
}

/// "填报人：王建国" (or 登记人, 经办人) in the rows above the header.
fn reporter_above(sheet: &Sheet, header: usize) -> String {
    for row in sheet.rows.iter().take(header) {
        for cell in row {
            let text = cell.text();
            for label in ["填报人", "登记人", "经办人"] {
                if let Some(rest) = text.split(label).nth(1) {
                    let name = rest.trim_start_matches([':', '：', ' ']).trim();
                    if !name.is_empty() {
                        return name.chars().take(20).collect();
                    }
                }
            }
        }
    }
    String::new()
}
