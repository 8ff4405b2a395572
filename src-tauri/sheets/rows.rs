//! One spreadsheet row into a record, or the reason it cannot be one. Dates come in
//! the formats registers use (`2026.10.27`, `2026年10月8日`, `2026/10/20`, Excel
//! dates); amounts as numbers or as text with 元. The directory is not consulted
//! here: names are resolved, and the record validated, by the import.

use chrono::NaiveDate;

use super::mapping::{Layout, SheetMapping};
use super::workbook::{serial_date, Cell, Sheet};
use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::money::Fen;
use crate::domain::records::contact::{Activity, Initiator};
use crate::domain::records::gift::{Beneficiary, Disposition, GiftCategory, ReceivedGift};
use crate::domain::records::meal::MealMode;
use crate::domain::records::trip::{Expense, ExpenseCategory, Payer};
use crate::domain::records::{Contact, Gift, Meal, RecordBody, RecordKind, Trip};
use crate::i18n::Lang;

/// Why a row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    Blank,
    /// A 合计 / 小计 line.
    Totals,
    DateMissing,
    DateUnreadable(String),
    CategoryUnknown(String),
    AmountUnreadable(String),
    OfficialMissing,
    OfficialUnknown(String),
    DestinationMissing,
    DispositionUnknown(String),
    /// The record fails the checks a hand-entered one passes (message localized).
    Invalid(String),
}

impl RowProblem {
    /// Skipped rows are expected (blank lines, totals); the others are rejections.
    pub fn is_skip(&self) -> bool {
        matches!(self, RowProblem::Blank | RowProblem::Totals)
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            RowProblem::Blank => lang.pick("空行", "blank row"),
            RowProblem::Totals => lang.pick("合计行", "totals row"),
            RowProblem::DateMissing => lang.pick("没有日期", "no date"),
            RowProblem::DateUnreadable(t) => lang.pick(
                format!("日期“{t}”无法识别"),
                format!("the date “{t}” cannot be read"),
            ),
            RowProblem::CategoryUnknown(t) => lang.pick(
                format!("事项类别“{t}”无法对应到出行、用餐或交往"),
                format!("the category “{t}” is not a trip, meal or contact"),
            ),
            RowProblem::AmountUnreadable(t) => lang.pick(
                format!("金额“{t}”无法识别"),
                format!("the amount “{t}” cannot be read"),
            ),
            RowProblem::OfficialMissing => lang.pick(
                "未指定本表所属人员（填报人）",
                "no official is chosen for the sheet (its 填报人)",
            ),
            RowProblem::OfficialUnknown(name) => lang.pick(
                format!("名录中没有人员“{name}”"),
                format!("the directory has no official “{name}”"),
            ),
            RowProblem::DestinationMissing => lang.pick(
                "出行须有目的地，本表未映射目的地列",
                "a trip needs a destination and no destination column is mapped",
            ),
            RowProblem::DispositionUnknown(t) => lang.pick(
                format!("处理情况“{t}”无法对应到拒收、退还、上交或付款"),
                format!("the disposition “{t}” is not declined, returned, surrendered or paid"),
            ),
            RowProblem::Invalid(message) => message.clone(),
        }
    }
}

/// A row read: its date and kind, the names to find in the directory, and the
/// record it becomes once they are found.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub date: NaiveDate,
    pub kind: RecordKind,
    pub amount: Fen,
    /// The enterprise (or giver's unit) as written.
    pub counterpart: Option<String>,
    /// The official as written, when the sheet has an official column.
    pub official: Option<String>,
    what: What,
}

#[derive(Debug, Clone, PartialEq)]
enum What {
    Meal {
        mode: MealMode,
        place: String,
        receipt: String,
    },
    Contact {
        activity: Activity,
        purpose: String,
    },
    Trip {
        purpose: String,
        destination: String,
        payer: Payer,
    },
    Gift {
        giver: String,
        item: String,
        category: GiftCategory,
        quantity: u32,
        disposition: Disposition,
    },
}

/// Reads row `index` (0-based) of `sheet` as `mapping` says.
pub fn parse_row(
    sheet: &Sheet,
    mapping: &SheetMapping,
    index: usize,
) -> Result<Parsed, RowProblem> {
    let cols = &mapping.columns;
    let at = |column: Option<u32>| -> Cell {
        column.map_or(Cell::Empty, |c| sheet.cell(index, c as usize).clone())
    };
    let text = |column: Option<u32>| at(column).text();
    let row = sheet.rows.get(index).cloned().unwrap_or_default();
    if row.iter().all(Cell::is_empty) {
        return Err(RowProblem::Blank);
    }
    if row.iter().take(3).any(|c| {
        ["合计", "总计", "小计"]
            .iter()
            .any(|w| c.text().contains(w))
    }) {
        return Err(RowProblem::Totals);
    }
    let date = date_of(&at(cols.date))?;
    let counterpart = Some(text(cols.counterpart)).filter(|t| !t.is_empty());
    let official = Some(text(cols.official)).filter(|t| !t.is_empty());
    if mapping.layout == Layout::Gifts {
        let value = amount_of(&at(cols.value))?;
        let voucher = text(cols.voucher);
        let item = text(cols.item);
        let quantity = match at(cols.quantity) {
            Cell::Number(n) if n >= 1.0 && n.fract() == 0.0 => n as u32,
            other => other.text().trim().parse().unwrap_or(1),
        };
        return Ok(Parsed {
            date,
            kind: RecordKind::Gift,
            amount: value,
            counterpart: counterpart.clone(),
            official,
            what: What::Gift {
                giver: counterpart.unwrap_or_default(),
                category: gift_category(&item),
                item,
                quantity,
                disposition: disposition_of(&text(cols.disposition), date, value, &voucher)?,
            },
        });
    }
    let category = text(cols.category);
    let purpose = text(cols.purpose);
    let amount = amount_of(&at(cols.amount))?;
    let what = if category.contains("食堂") {
        What::Meal {
            mode: MealMode::CanteenMeal,
            place: place(&text(cols.destination), counterpart.as_deref(), &purpose),
            receipt: text(cols.receipt),
        }
    } else if ["接待", "工作餐", "用餐", "就餐", "宴请"]
        .iter()
        .any(|w| category.contains(w))
    {
        What::Meal {
            mode: MealMode::OfficialWorkingMeal,
            place: place(&text(cols.destination), None, &purpose),
            receipt: text(cols.receipt),
        }
    } else if ["出差", "出行", "同行"]
        .iter()
        .any(|w| category.contains(w))
    {
        let destination = text(cols.destination);
        What::Trip {
            purpose: if purpose.is_empty() {
                category.clone()
            } else {
                purpose
            },
            destination,
            payer: payer_of(&text(cols.payment)),
        }
    } else if let Some(activity) = activity_of(&category) {
        What::Contact {
            activity,
            purpose: if purpose.is_empty() {
                category.clone()
            } else {
                purpose
            },
        }
    } else {
        return Err(RowProblem::CategoryUnknown(category));
    };
    let kind = match what {
        What::Meal { .. } => RecordKind::Meal,
        What::Trip { .. } => RecordKind::Trip,
        _ => RecordKind::Contact,
    };
    Ok(Parsed {
        date,
        kind,
        amount,
        counterpart,
        official,
        what,
    })
}

impl Parsed {
    /// What the row lacks that a record of its kind needs, said plainly (the
    /// record's own validation would only name the field).
    pub fn lacks(&self) -> Option<RowProblem> {
        match &self.what {
            What::Trip { destination, .. } if destination.is_empty() => {
                Some(RowProblem::DestinationMissing)
            }
            _ => None,
        }
    }

    /// The record, once the official and the counterpart are found in the directory.
    pub fn body(&self, official: OfficialId, counterpart: Option<CounterpartId>) -> RecordBody {
        let date = self.date;
        match &self.what {
            What::Meal {
                mode,
                place,
                receipt,
            } => RecordBody::Meal(Meal {
                date,
                mode: *mode,
                counterpart_id: counterpart,
                place: place.clone(),
                official_ids: vec![official],
                enterprise_diners: 0,
                per_person_standard: None,
                // An old register has what was paid; what the meal cost in all, when
                // someone else paid part of it, is for the person to add.
                total_cost: None,
                amount_paid: self.amount,
                receipt_no: receipt.clone(),
                cigarettes: false,
                premium_liquor: false,
                other_alcohol: false,
            }),
            What::Contact { activity, purpose } => RecordBody::Contact(Contact {
                date,
                activity: *activity,
                counterpart_ids: counterpart.into_iter().collect(),
                official_ids: vec![official],
                initiated_by: Initiator::Us,
                purpose: purpose.clone(),
                outcome: String::new(),
            }),
            What::Trip {
                purpose,
                destination,
                payer,
            } => RecordBody::Trip(Trip {
                purpose: purpose.clone(),
                destination_city_id: None,
                destination: destination.clone(),
                start_date: date,
                end_date: date,
                participant_ids: vec![official],
                counterpart_ids: counterpart.into_iter().collect(),
                expenses: if self.amount.0 > 0 {
                    vec![Expense {
                        official_id: official,
                        category: ExpenseCategory::Other,
                        date,
                        nights: None,
                        amount: self.amount,
                        payer: *payer,
                        receipt_no: String::new(),
                    }]
                } else {
                    Vec::new()
                },
            }),
            What::Gift {
                giver,
                item,
                category,
                quantity,
                disposition,
            } => RecordBody::Gift(Gift::Received(ReceivedGift {
                date,
                official_id: official,
                giver_name: giver.clone(),
                counterpart_id: counterpart,
                beneficiary: Beneficiary::Official,
                item: item.clone(),
                category: *category,
                quantity: *quantity,
                estimated_value: self.amount,
                disposition: disposition.clone(),
            })),
        }
    }
}

/// Where a meal was: the mapped place, else the enterprise (its canteen), else what
/// the row says it was about.
fn place(mapped: &str, counterpart: Option<&str>, purpose: &str) -> String {
    let chosen = [mapped, counterpart.unwrap_or(""), purpose]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or("");
    chosen.chars().take(100).collect()
}

pub fn date_of(cell: &Cell) -> Result<NaiveDate, RowProblem> {
    match cell {
        Cell::Empty => Err(RowProblem::DateMissing),
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => serial_date(*n).ok_or_else(|| RowProblem::DateUnreadable(cell.text())),
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Err(RowProblem::DateMissing);
            }
            // 2026年10月8日, 2026.10.27, 2026/10/20, 2026-10-20 (with a time after).
            let digits: Vec<u32> = t
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .take(3)
                .filter_map(|p| p.parse().ok())
                .collect();
            match digits[..] {
                [y, m, d] if y >= 1900 => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            }
            .ok_or_else(|| RowProblem::DateUnreadable(t.to_owned()))
        }
    }
}

pub fn amount_of(cell: &Cell) -> Result<Fen, RowProblem> {
    match cell {
        Cell::Empty => Ok(Fen::ZERO),
        Cell::Number(n) if n.is_finite() && *n >= 0.0 && *n < 1e12 => {
            Ok(Fen((n * 100.0).round() as i64))
        }
        Cell::Text(t) if t.trim().is_empty() => Ok(Fen::ZERO),
        Cell::Text(t) => {
            Fen::parse_yuan(t).map_err(|_| RowProblem::AmountUnreadable(t.trim().to_owned()))
        }
        other => Err(RowProblem::AmountUnreadable(other.text())),
    }
}

fn payer_of(text: &str) -> Payer {
    if text.contains("企业") {
        Payer::Enterprise
    } else if text.contains("个人") || text.contains("自付") {
        Payer::Official
    } else {
        // 单位支付, 公务卡, or not said: the unit pays for official travel.
        Payer::Unit
    }
}

fn activity_of(category: &str) -> Option<Activity> {
    let table: &[(&str, Activity)] = &[
        ("走访", Activity::Visit),
        ("座谈", Activity::Forum),
        ("茶叙", Activity::TeaTalk),
        ("推介", Activity::Promotion),
        ("签约", Activity::Signing),
        ("检查", Activity::Inspection),
        ("调研", Activity::Visit),
        ("考察", Activity::Visit),
        ("会议", Activity::Forum),
        ("交往", Activity::Other),
        ("接访", Activity::Other),
    ];
    table
        .iter()
        .find(|(word, _)| category.contains(word))
        .map(|(_, a)| *a)
}

fn gift_category(item: &str) -> GiftCategory {
    if ["购物卡", "消费卡", "礼品卡", "储值卡"]
        .iter()
        .any(|w| item.contains(w))
    {
        GiftCategory::PrepaidCard
    } else if item.contains("红包") {
        GiftCategory::RedEnvelope
    } else if item.contains("现金") || item.contains("礼金") {
        GiftCategory::Cash
    } else if item.contains("特产") {
        GiftCategory::LocalSpecialty
    } else {
        GiftCategory::Goods
    }
}

fn disposition_of(
    text: &str,
    date: NaiveDate,
    value: Fen,
    voucher: &str,
) -> Result<Disposition, RowProblem> {
    let text = text.trim();
    Ok(if text.is_empty() {
        Disposition::Pending
    } else if text.contains("拒收") || text.contains("拒绝") {
        Disposition::Declined { date }
    } else if text.contains("退还") || text.contains("退回") {
        Disposition::Returned {
            date,
            evidence: voucher.to_owned(),
        }
    } else if text.contains("上交") || text.contains("上缴") {
        let to = text
            .split(['交', '缴'])
            .nth(1)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or("本单位");
        Disposition::Surrendered {
            date,
            to: to.chars().take(60).collect(),
            voucher_no: voucher.to_owned(),
        }
    } else if text.contains("付款") || text.contains("付费") || text.contains("购买") {
        Disposition::Paid {
            date,
            amount: value,
            receipt_no: voucher.to_owned(),
        }
    } else {
        return Err(RowProblem::DispositionUnknown(text.to_owned()));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_formats_of_real_registers() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let text = |t: &str| date_of(&Cell::Text(t.into()));
        assert_eq!(text("2026.10.27"), Ok(d(2026, 10, 27)));
        assert_eq!(text("2026年10月8日"), Ok(d(2026, 10, 8)));
        assert_eq!(text("2026/10/02"), Ok(d(2026, 10, 2)));
        assert_eq!(text("2026-10-20 09:30"), Ok(d(2026, 10, 20)));
        assert_eq!(date_of(&Cell::Number(46298.0)), Ok(d(2026, 10, 3)));
        assert_eq!(
            text("10月8日"),
            Err(RowProblem::DateUnreadable("10月8日".into()))
        );
        assert_eq!(
            text("2026.13.01"),
            Err(RowProblem::DateUnreadable("2026.13.01".into()))
        );
        assert_eq!(date_of(&Cell::Empty), Err(RowProblem::DateMissing));
    }

    #[test]
    fn amounts_as_numbers_and_as_text() {
        let stored: f64 = "822.0599999999999".parse().unwrap();
        assert_eq!(amount_of(&Cell::Number(stored)), Ok(Fen(82206)));
        assert_eq!(amount_of(&Cell::Text("1352.44元".into())), Ok(Fen(135244)));
        assert_eq!(amount_of(&Cell::Text("1,200".into())), Ok(Fen(120000)));
        assert_eq!(amount_of(&Cell::Empty), Ok(Fen::ZERO));
        assert!(amount_of(&Cell::Text("约一千".into())).is_err());
        assert!(amount_of(&Cell::Number(-3.0)).is_err());
        assert!(amount_of(&Cell::Number(f64::INFINITY)).is_err());
    }

    #[test]
    fn dispositions_in_the_words_units_use() {
        let day = NaiveDate::from_ymd_opt(2026, 10, 9).unwrap();
        let of = |t: &str| disposition_of(t, day, Fen(16800), "收据0097").unwrap();
        assert!(matches!(of("当场拒收"), Disposition::Declined { .. }));
        assert!(matches!(of("退还"), Disposition::Returned { .. }));
        assert_eq!(
            of("已上交机关纪委"),
            Disposition::Surrendered {
                date: day,
                to: "机关纪委".into(),
                voucher_no: "收据0097".into()
            }
        );
        assert!(matches!(
            of("按价付款"),
            Disposition::Paid {
                amount: Fen(16800),
                ..
            }
        ));
        assert!(disposition_of("自用", day, Fen(1), "").is_err());
    }
}
