//! The register's tables: one per kind of record, one for late registrations and one
//! for amendments of earlier months, each with its columns, its rows in date order and
//! its total.

use serde::Serialize;
use ts_rs::TS;

use super::labels;
use super::names::Names;
use crate::domain::money::Fen;
use crate::domain::records::RecordId;
use crate::domain::records::{Gift, RecordBody};
use crate::rules::trips::OfficialSettlement;
use crate::rules::Lateness;
use crate::store::records::StoredRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SectionKind {
    Trips,
    Meals,
    GiftsReceived,
    GiftsGiven,
    Contacts,
    /// Records of earlier months entered after those months were signed (补登).
    Late,
    Amendments,
}

impl SectionKind {
    pub fn of(record: &StoredRecord) -> SectionKind {
        match &record.body {
            RecordBody::Trip(_) => SectionKind::Trips,
            RecordBody::Meal(_) => SectionKind::Meals,
            RecordBody::Gift(Gift::Received(_)) => SectionKind::GiftsReceived,
            RecordBody::Gift(Gift::Given(_)) => SectionKind::GiftsGiven,
            RecordBody::Contact(_) => SectionKind::Contacts,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Trips => "一、随企出行",
            SectionKind::Meals => "二、就餐",
            SectionKind::GiftsReceived => "三、收受礼品礼金",
            SectionKind::GiftsGiven => "四、赠送礼品",
            SectionKind::Contacts => "五、政商交往活动",
            SectionKind::Late => "六、以前月份补登",
            SectionKind::Amendments => "七、以前月份登记的更正与作废",
        }
    }
}

/// A column: its heading and its share of the table's width.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub title: String,
    pub weight: u32,
    /// Amounts align right.
    pub numeric: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SectionRow {
    pub record_id: Option<RecordId>,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<SectionRow>,
    /// The section's amounts added up (`None` where a kind has no amount).
    pub total: Option<Fen>,
}

fn columns(spec: &[(&str, u32, bool)]) -> Vec<Column> {
    spec.iter()
        .map(|(title, weight, numeric)| Column {
            title: (*title).to_owned(),
            weight: *weight,
            numeric: *numeric,
        })
        .collect()
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// One line about a record, for lists of blockers and amendments.
pub fn summary(record: &StoredRecord, names: &Names) -> String {
    let text = match &record.body {
        RecordBody::Trip(t) => format!("{}（{}）", t.purpose, t.destination),
        RecordBody::Meal(m) => format!(
            "{} {} {}",
            labels::meal_mode(m.mode),
            names.counterparts(&m.counterpart_id.into_iter().collect::<Vec<_>>()),
            m.place
        ),
        RecordBody::Gift(Gift::Received(g)) => format!("收受 {}（{}）", g.item, g.giver_name),
        RecordBody::Gift(Gift::Given(g)) => format!("赠送 {}（{}）", g.item, g.recipient),
        RecordBody::Contact(c) => format!("{} {}", labels::activity(&c.activity), c.purpose),
    };
    text.trim().to_owned()
}

/// What a register lists, each in date order.
pub struct Listed<'a> {
    /// The month's records.
    pub records: &'a [StoredRecord],
    /// Records of earlier, signed months entered after their month was signed.
    pub late: &'a [(StoredRecord, Lateness)],
    /// Records of earlier months changed or cancelled after a register locked them.
    pub amendments: &'a [StoredRecord],
}

/// Every section, in the register's order.
pub fn build(
    listed: &Listed<'_>,
    settlements: &[(RecordId, OfficialSettlement)],
    names: &Names,
) -> Vec<Section> {
    let Listed {
        records,
        late,
        amendments,
    } = *listed;
    let of = |kind: SectionKind| records.iter().filter(move |r| SectionKind::of(r) == kind);
    let total = |kind: SectionKind| Some(Fen(of(kind).map(|r| r.amount.0).sum()));
    let numbered = |rows: Vec<(RecordId, Vec<String>)>| -> Vec<SectionRow> {
        rows.into_iter()
            .enumerate()
            .map(|(i, (id, mut cells))| {
                cells.insert(0, (i + 1).to_string());
                SectionRow {
                    record_id: Some(id),
                    cells,
                }
            })
            .collect()
    };

    let trips = of(SectionKind::Trips)
        .filter_map(|r| match &r.body {
            RecordBody::Trip(t) => {
                let lines = || {
                    settlements
                        .iter()
                        .filter(|(id, _)| *id == r.id)
                        .flat_map(|(_, s)| s.lines.iter())
                };
                let by_enterprise: i64 = lines().map(|l| l.paid_by_enterprise.0).sum();
                let gap: i64 = lines().filter_map(|l| l.difference.map(|d| d.0)).sum();
                Some((
                    r.id,
                    vec![
                        format!("{} 至 {}", day(t.start_date), day(t.end_date)),
                        t.purpose.clone(),
                        t.destination.clone(),
                        names.officials(&t.participant_ids),
                        names.counterparts(&t.counterpart_ids),
                        r.amount.display(),
                        Fen(by_enterprise).display(),
                        Fen(gap).display(),
                    ],
                ))
            }
            _ => None,
        })
        .collect();
    let meals = of(SectionKind::Meals)
        .filter_map(|r| match &r.body {
            RecordBody::Meal(m) => Some((
                r.id,
                vec![
                    day(m.date),
                    labels::meal_mode(m.mode).to_owned(),
                    names.counterparts(&m.counterpart_id.into_iter().collect::<Vec<_>>()),
                    m.place.clone(),
                    names.officials(&m.official_ids),
                    m.enterprise_diners.to_string(),
                    m.amount_paid.display(),
                    m.receipt_no.clone(),
                ],
            )),
            _ => None,
        })
        .collect();
    let received = of(SectionKind::GiftsReceived)
        .filter_map(|r| match &r.body {
            RecordBody::Gift(Gift::Received(g)) => Some((
                r.id,
                vec![
                    day(g.date),
                    format!(
                        "{}（{}）",
                        names.officials(&[g.official_id]),
                        labels::beneficiary(&g.beneficiary)
                    ),
                    format!(
                        "{} {}",
                        names.counterparts(&g.counterpart_id.into_iter().collect::<Vec<_>>()),
                        g.giver_name
                    )
                    .trim()
                    .to_owned(),
                    format!(
                        "{}（{}）× {}",
                        g.item,
                        labels::gift_category(g.category),
                        g.quantity
                    ),
                    g.estimated_value.display(),
                    labels::disposition(&g.disposition),
                ],
            )),
            _ => None,
        })
        .collect();
    let given = of(SectionKind::GiftsGiven)
        .filter_map(|r| match &r.body {
            RecordBody::Gift(Gift::Given(g)) => Some((
                r.id,
                vec![
                    day(g.date),
                    names.officials(&[g.official_id]),
                    g.recipient.clone(),
                    g.occasion.clone(),
                    format!("{} × {}", g.item, g.quantity),
                    g.value.display(),
                    g.funding.clone(),
                ],
            )),
            _ => None,
        })
        .collect();
    let contacts = of(SectionKind::Contacts)
        .filter_map(|r| match &r.body {
            RecordBody::Contact(c) => Some((
                r.id,
                vec![
                    day(c.date),
                    labels::activity(&c.activity).to_owned(),
                    names.counterparts(&c.counterpart_ids),
                    names.officials(&c.official_ids),
                    labels::initiator(c.initiated_by).to_owned(),
                    c.purpose.clone(),
                    c.outcome.clone(),
                ],
            )),
            _ => None,
        })
        .collect();
    let late_rows = late
        .iter()
        .map(|(r, lateness)| {
            (
                r.id,
                vec![
                    lateness.month.clone(),
                    day(r.date),
                    summary(r, names),
                    names.officials(&r.body.official_ids()),
                    r.amount.display(),
                    day(lateness.registered_on),
                    lateness.days_late().to_string(),
                ],
            )
        })
        .collect();
    let amended = amendments
        .iter()
        .map(|r| {
            (
                r.id,
                vec![
                    day(r.date),
                    summary(r, names),
                    if r.cancelled { "作废" } else { "更正" }.to_owned(),
                    r.note.clone(),
                    format!("第 {} 版", r.version),
                ],
            )
        })
        .collect();

    vec![
        Section {
            kind: SectionKind::Trips,
            title: SectionKind::Trips.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("起止日期", 9, false),
                ("事由", 14, false),
                ("目的地", 8, false),
                ("参加人员", 9, false),
                ("同行企业", 12, false),
                ("费用合计", 7, true),
                ("企业承担", 7, true),
                ("与标准差额", 7, true),
            ]),
            rows: numbered(trips),
            total: total(SectionKind::Trips),
        },
        Section {
            kind: SectionKind::Meals,
            title: SectionKind::Meals.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("日期", 6, false),
                ("方式", 8, false),
                ("企业", 12, false),
                ("地点", 10, false),
                ("就餐人员", 10, false),
                ("企业人数", 4, true),
                ("支付金额", 7, true),
                ("收据号", 7, false),
            ]),
            rows: numbered(meals),
            total: total(SectionKind::Meals),
        },
        Section {
            kind: SectionKind::GiftsReceived,
            title: SectionKind::GiftsReceived.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("日期", 6, false),
                ("受礼人", 8, false),
                ("赠送方", 12, false),
                ("物品", 12, false),
                ("估值", 7, true),
                ("处置", 16, false),
            ]),
            rows: numbered(received),
            // No one sum: what was kept, paid for, surrendered, and declined or
            // returned are totalled apart under the sections (`totals`).
            total: None,
        },
        Section {
            kind: SectionKind::GiftsGiven,
            title: SectionKind::GiftsGiven.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("日期", 6, false),
                ("经办人", 7, false),
                ("受赠方", 12, false),
                ("事由", 12, false),
                ("物品", 10, false),
                ("金额", 7, true),
                ("经费来源", 8, false),
            ]),
            rows: numbered(given),
            total: total(SectionKind::GiftsGiven),
        },
        Section {
            kind: SectionKind::Contacts,
            title: SectionKind::Contacts.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("日期", 6, false),
                ("类型", 5, false),
                ("企业或商（协）会", 14, false),
                ("参加人员", 9, false),
                ("发起", 5, false),
                ("事由", 12, false),
                ("结果", 12, false),
            ]),
            rows: numbered(contacts),
            total: None,
        },
        Section {
            kind: SectionKind::Late,
            title: SectionKind::Late.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("所属月份", 5, false),
                ("日期", 6, false),
                ("摘要", 18, false),
                ("人员", 9, false),
                ("金额", 7, true),
                ("补登日期", 6, false),
                ("晚于签署（天）", 5, true),
            ]),
            rows: numbered(late_rows),
            // Each belongs to its own month's amounts; none is added to this month's.
            total: None,
        },
        Section {
            kind: SectionKind::Amendments,
            title: SectionKind::Amendments.title().into(),
            columns: columns(&[
                ("序号", 3, false),
                ("原登记日期", 7, false),
                ("摘要", 20, false),
                ("类别", 4, false),
                ("理由", 18, false),
                ("版本", 5, false),
            ]),
            rows: numbered(amended),
            total: None,
        },
    ]
}
