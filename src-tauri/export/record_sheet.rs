//! One record printed whole (登记记录单): every field in words, a trip's expenses and
//! its settlement at the official standards, the findings with the clause each cites,
//! the attachments by name and fingerprint, and every change and review step with who,
//! when and why. Printed in Chinese, as the register is, with the register's layout
//! and font; not signed (the signed register is the document of record).

use std::collections::HashMap;

use rusqlite::Connection;
use uuid::Uuid;

use super::{ExportError, Printing};
use crate::domain::bureau_time;
use crate::domain::directory::{City, Department};
use crate::domain::id::Id;
use crate::domain::money::Fen;
use crate::domain::records::gift::Beneficiary;
use crate::domain::records::{Gift, RecordBody, RecordId};
use crate::i18n::Lang;
use crate::records::history_words;
use crate::register::pdf::layout::Layout;
use crate::register::{labels, Column, Names};
use crate::store::findings::{findings_of, Facts};
use crate::store::records::{self, RecordVersion, StoredRecord};
use crate::store::{attachments, directory, review};

/// A record as its printed sheet says it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSheet {
    /// 用餐登记, 随企出行登记 …
    pub title: String,
    /// Label and value, in the detail view's order.
    pub facts: Vec<(String, String)>,
    /// A trip's expense lines and settlement; `None` for the other kinds.
    pub trip: Option<TripLines>,
    pub findings: Vec<Vec<String>>,
    pub attachments: Vec<Vec<String>>,
    pub history: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TripLines {
    pub expenses: Vec<Vec<String>>,
    /// At the official standards, one line per official and category of expense.
    pub settlement: Vec<Vec<String>>,
}

fn yes_no(value: bool) -> String {
    if value { "是" } else { "否" }.to_owned()
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "无".to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// Who did something, as the detail view says it: a person by name, and a change made
/// before the database had profiles by the computer account it came from.
pub fn actor_in_words(name: &str) -> String {
    match name.strip_prefix("os:") {
        None => or_none(name),
        Some(_) => history_words::actor(name, Lang::ZhCn),
    }
}

fn one<T>(id: Option<Id<T>>) -> Vec<Id<T>> {
    id.into_iter().collect()
}

/// The sheet of record `id` as the database stands, its findings judged on `day`;
/// `None` when there is no such record.
pub fn sheet(
    conn: &Connection,
    id: RecordId,
    day: chrono::NaiveDate,
) -> Result<Option<RecordSheet>, ExportError> {
    let Some(record) = records::get(conn, id)? else {
        return Ok(None);
    };
    let names = Names::load(conn)?;
    let department = directory::list::<Department>(conn, false)?
        .into_iter()
        .find(|d| d.id == record.department_id)
        .map_or_else(|| "?".to_owned(), |d| d.value.name);
    let cities: HashMap<Uuid, City> = directory::list::<City>(conn, false)?
        .into_iter()
        .map(|c| (c.id.uuid(), c.value))
        .collect();
    let status = review::get(conn, id)?.state.status;

    let mut facts = vec![
        ("记录编号".to_owned(), record.id.to_string()),
        (
            "状态".to_owned(),
            if record.cancelled {
                format!("已作废（{}）", record.note.trim())
            } else {
                "有效".to_owned()
            },
        ),
        ("审核状态".to_owned(), labels::status(status).to_owned()),
        ("处室".to_owned(), department),
        ("日期".to_owned(), record.date.to_string()),
        ("金额".to_owned(), money(record.amount)),
    ];
    facts.extend(body_facts(&record, &names, &cities));
    facts.push(("版本".to_owned(), format!("第 {} 版", record.version)));
    facts.push((
        "登记人".to_owned(),
        format!(
            "{}，{}",
            actor_in_words(&record.entered_by_name),
            bureau_time::stored_minutes(&record.entered_at)
        ),
    ));
    if !record.cancelled && !record.note.trim().is_empty() {
        facts.push(("更正说明".to_owned(), record.note.trim().to_owned()));
    }

    let mut facts_for_rules = Facts::load(conn)?;
    let found = findings_of(conn, &mut facts_for_rules, &record, day)?;
    // A standard not set is the administrator's business, not the record's (as in
    // the register).
    let findings = found
        .findings
        .iter()
        .filter(|f| !f.rule.is_administrative())
        .map(|f| {
            vec![
                labels::severity(f.severity).to_owned(),
                f.citation.clause.clone(),
                f.message.zh.clone(),
            ]
        })
        .collect();
    let settlement = found
        .settlement
        .iter()
        .flat_map(|s| {
            s.lines.iter().map(|l| {
                vec![
                    s.name.clone(),
                    labels::expense_category(l.category).to_owned(),
                    l.standard
                        .map_or_else(|| "未设置".to_owned(), |f| f.display()),
                    l.basis.clone(),
                    Fen(l.paid_by_unit.0 + l.paid_by_official.0).display(),
                    l.paid_by_enterprise.display(),
                    l.difference.map_or_else(String::new, |f| f.display()),
                ]
            })
        })
        .collect();
    let trip = match &record.body {
        RecordBody::Trip(t) => Some(TripLines {
            expenses: t
                .expenses
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    vec![
                        (i + 1).to_string(),
                        names.officials(&[e.official_id]),
                        labels::expense_category(e.category).to_owned(),
                        e.date.to_string(),
                        e.nights.map_or_else(String::new, |n| n.to_string()),
                        e.amount.display(),
                        labels::payer(e.payer).to_owned(),
                        e.receipt_no.clone(),
                    ]
                })
                .collect(),
            settlement,
        }),
        _ => None,
    };
    let attachments = attachments::list(conn, id)?
        .into_iter()
        .map(|a| {
            vec![
                a.name,
                format!("{} 字节", a.size),
                a.sha256.chars().take(16).collect(),
            ]
        })
        .collect();
    let history = records::history(conn, id)?
        .iter()
        .map(|v| {
            vec![
                bureau_time::stored_minutes(&v.at),
                actor_in_words(&v.actor_name),
                history_words::step(&v.entity, &v.action, Lang::ZhCn),
                history_reason(v),
            ]
        })
        .collect();

    Ok(Some(RecordSheet {
        title: format!("{}登记", kind_title(&record.body)),
        facts,
        trip,
        findings,
        attachments,
        history,
    }))
}

fn money(fen: Fen) -> String {
    format!("{}（{}）", fen.display(), fen.to_capital())
}

fn kind_title(body: &RecordBody) -> &'static str {
    match body {
        RecordBody::Trip(_) => "随企出行",
        RecordBody::Meal(_) => "就餐",
        RecordBody::Gift(Gift::Received(_)) => "收受礼品礼金",
        RecordBody::Gift(Gift::Given(_)) => "赠送礼品",
        RecordBody::Contact(_) => "政商交往活动",
    }
}

fn body_facts(
    record: &StoredRecord,
    names: &Names,
    cities: &HashMap<Uuid, City>,
) -> Vec<(String, String)> {
    let pair = |label: &str, value: String| (label.to_owned(), value);
    match &record.body {
        RecordBody::Trip(t) => vec![
            pair("事由", t.purpose.clone()),
            pair("目的地", t.destination.clone()),
            pair(
                "目的地城市",
                t.destination_city_id
                    .and_then(|id| cities.get(&id))
                    .map_or_else(
                        || "无".to_owned(),
                        |c| format!("{}（{}）", c.name, c.province),
                    ),
            ),
            pair("起止日期", format!("{} 至 {}", t.start_date, t.end_date)),
            pair("参加人员", names.officials(&t.participant_ids)),
            pair("同行企业", names.counterparts(&t.counterpart_ids)),
        ],
        RecordBody::Meal(m) => {
            let mut facts = vec![
                pair("就餐方式", labels::meal_mode(m.mode).to_owned()),
                pair("就餐日期", m.date.to_string()),
                pair("企业", or_none(&names.counterparts(&one(m.counterpart_id)))),
                pair("地点", m.place.clone()),
                pair("就餐人员", names.officials(&m.official_ids)),
                pair("企业人数", m.enterprise_diners.to_string()),
                pair(
                    "人均标准",
                    m.per_person_standard
                        .map_or_else(|| "无".to_owned(), |f| f.display()),
                ),
            ];
            if m.mode != crate::domain::records::meal::MealMode::CanteenMeal {
                facts.push(pair(
                    "总费用",
                    m.total_cost
                        .map_or_else(|| "不详".to_owned(), |f| f.display()),
                ));
            }
            facts.extend([
                pair("支付金额", m.amount_paid.display()),
                pair("票据号", or_none(&m.receipt_no)),
                pair("香烟", yes_no(m.cigarettes)),
                pair("高档酒", yes_no(m.premium_liquor)),
                pair("其他酒类", yes_no(m.other_alcohol)),
            ]);
            facts
        }
        RecordBody::Gift(Gift::Received(g)) => vec![
            pair("收受日期", g.date.to_string()),
            pair("收受人", names.officials(&[g.official_id])),
            pair("企业", or_none(&names.counterparts(&one(g.counterpart_id)))),
            pair("赠送人", g.giver_name.clone()),
            pair(
                "受益人",
                match &g.beneficiary {
                    Beneficiary::Official => "本人".to_owned(),
                    Beneficiary::Relative { relation } => format!("亲属（{relation}）"),
                },
            ),
            pair("物品", g.item.clone()),
            pair("类别", labels::gift_category(g.category).to_owned()),
            pair("数量", g.quantity.to_string()),
            pair("估值", g.estimated_value.display()),
            pair("处置", labels::disposition(&g.disposition)),
        ],
        RecordBody::Gift(Gift::Given(g)) => vec![
            pair("赠送日期", g.date.to_string()),
            pair("赠送人", names.officials(&[g.official_id])),
            pair("受赠方", g.recipient.clone()),
            pair("企业", or_none(&names.counterparts(&one(g.counterpart_id)))),
            pair("场合", g.occasion.clone()),
            pair("物品", g.item.clone()),
            pair("数量", g.quantity.to_string()),
            pair("金额", g.value.display()),
            pair("经费来源", g.funding.clone()),
        ],
        RecordBody::Contact(c) => vec![
            pair("日期", c.date.to_string()),
            pair("活动类型", labels::activity(&c.activity).to_owned()),
            pair("企业", names.counterparts(&c.counterpart_ids)),
            pair("参加人员", names.officials(&c.official_ids)),
            pair("发起方", labels::initiator(c.initiated_by).to_owned()),
            pair("事由", c.purpose.clone()),
            pair("结果", or_none(&c.outcome)),
        ],
    }
}

/// Why: a review step's comment, or the reason a version of the record gives.
fn history_reason(version: &RecordVersion) -> String {
    let image: Option<serde_json::Value> = version
        .after
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok());
    let key = if version.entity == "review" {
        "comment"
    } else {
        "note"
    };
    let text = image
        .as_ref()
        .and_then(|v| v.get(key))
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .trim();
    // A first registration carries no reason; an edit's note is the one it gave.
    if version.entity == "record" && version.action == "create" {
        return String::new();
    }
    text.to_owned()
}

fn column(title: &str, weight: u32, numeric: bool) -> Column {
    Column {
        title: title.to_owned(),
        weight,
        numeric,
    }
}

/// The sheet as a print-ready PDF (A4 landscape, the register's layout and font).
pub fn write(
    sheet: &RecordSheet,
    printing: &Printing<'_>,
    printed_by: &str,
) -> Result<Vec<u8>, ExportError> {
    let measure = super::pdf::measure()?;
    let printed = bureau_time::minutes(&printing.at);
    let title = format!("{}{}记录单", printing.bureau, sheet.title);
    let mut layout = Layout::new(&measure);
    layout.paragraph(&title, 16.0, true);
    layout.paragraph(
        &format!(
            "打印人：{}　　打印时间：{printed}　　本单为系统记录的打印件，不代替签署的登记簿",
            or_none(printed_by)
        ),
        9.0,
        false,
    );
    // Two facts a row: a landscape page is wide, and a record then fits on one.
    let facts: Vec<Vec<String>> = sheet
        .facts
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .flat_map(|(label, value)| [label.clone(), value.clone()])
                .chain(std::iter::repeat(String::new()))
                .take(4)
                .collect()
        })
        .collect();
    layout.table(
        "登记内容",
        &[
            column("项目", 9, false),
            column("内容", 31, false),
            column("项目", 9, false),
            column("内容", 31, false),
        ],
        &facts,
        "无",
    );
    if let Some(trip) = &sheet.trip {
        layout.table(
            "费用明细",
            &[
                column("序号", 4, true),
                column("人员", 10, false),
                column("类别", 10, false),
                column("日期", 9, false),
                column("住宿晚数", 6, true),
                column("金额（元）", 9, true),
                column("付款方", 6, false),
                column("票据号", 12, false),
            ],
            &trip.expenses,
            "无费用",
        );
        layout.table(
            "按差旅标准核算",
            &[
                column("人员", 10, false),
                column("类别", 10, false),
                column("标准（元）", 9, true),
                column("计算依据", 16, false),
                column("单位及个人支付（元）", 11, true),
                column("企业支付（元）", 9, true),
                column("差额（元）", 9, true),
            ],
            &trip.settlement,
            "无",
        );
    }
    layout.table(
        "合规提示",
        &[
            column("类别", 5, false),
            column("依据条款", 12, false),
            column("说明", 60, false),
        ],
        &sheet.findings,
        "未发现问题",
    );
    layout.table(
        "附件",
        &[
            column("文件名", 40, false),
            column("大小", 10, true),
            column("SHA-256（前 16 位）", 18, false),
        ],
        &sheet.attachments,
        "无附件",
    );
    layout.table(
        "登记、变更与审核记录",
        &[
            column("时间", 12, false),
            column("经办人", 14, false),
            column("事项", 10, false),
            column("理由或意见", 44, false),
        ],
        &sheet.history,
        "无",
    );
    super::pdf::print(layout, &title, printing, "亲清政商交往登记记录单")
}
