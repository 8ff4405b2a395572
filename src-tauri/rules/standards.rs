//! The standards the rules measure against: effective-dated figures (a record uses
//! the values in force on its date), optionally scoped to a travel tier and a city.
//! Figures ship only where a public source gives them, labelled with that source;
//! the rest stay empty until an administrator sets them, and the rules say so.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::directory::TravelTier;
use crate::domain::invalid::{Invalid, Problem};
use crate::domain::money::MAX_FEN;
use crate::domain::validation::{fail, range, required_text};
use crate::path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StandardKey {
    /// 伙食补助费 per day of a trip.
    TravelMealAllowance,
    /// 市内交通费 per day of a trip.
    CityTransportAllowance,
    /// 住宿费 cap per night, by travel tier and destination city.
    LodgingCap,
    /// 公务接待 working-meal standard per person.
    ReceptionMealPerPerson,
    /// Canteen rate per person when the enterprise's own rate is not recorded.
    CanteenDefaultRate,
    /// Most a ceremonial gift given by the unit may be worth, per item.
    CeremonialGiftCap,
    /// Months from receipt within which a gift must be surrendered or returned.
    SurrenderDeadlineMonths,
    /// From this estimated value a received gift must be surrendered, not paid for.
    GiftSurrenderThreshold,
    /// How many days before a surrender deadline the reminder appears.
    DeadlineNoticeDays,
    /// How many days before a statutory holiday inspections are watched (二(二)3).
    PreHolidayDays,
}

/// What a standard's value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum StandardUnit {
    Fen,
    Months,
    Days,
}

impl StandardKey {
    pub const ALL: [StandardKey; 10] = [
        StandardKey::TravelMealAllowance,
        StandardKey::CityTransportAllowance,
        StandardKey::LodgingCap,
        StandardKey::ReceptionMealPerPerson,
        StandardKey::CanteenDefaultRate,
        StandardKey::CeremonialGiftCap,
        StandardKey::SurrenderDeadlineMonths,
        StandardKey::GiftSurrenderThreshold,
        StandardKey::DeadlineNoticeDays,
        StandardKey::PreHolidayDays,
    ];

    pub fn unit(self) -> StandardUnit {
        match self {
            StandardKey::SurrenderDeadlineMonths => StandardUnit::Months,
            StandardKey::DeadlineNoticeDays | StandardKey::PreHolidayDays => StandardUnit::Days,
            _ => StandardUnit::Fen,
        }
    }

    /// Travel standards differ by destination (Tibet, Qinghai and Xinjiang pay more).
    pub fn by_city(self) -> bool {
        matches!(
            self,
            StandardKey::TravelMealAllowance
                | StandardKey::CityTransportAllowance
                | StandardKey::LodgingCap
        )
    }

    /// Lodging caps differ by rank (财行〔2016〕71号).
    pub fn by_tier(self) -> bool {
        self == StandardKey::LodgingCap
    }

    /// The JSON name (`lodgingCap`), as stored and as the CLI takes it.
    pub fn tag(self) -> &'static str {
        match self {
            StandardKey::TravelMealAllowance => "travelMealAllowance",
            StandardKey::CityTransportAllowance => "cityTransportAllowance",
            StandardKey::LodgingCap => "lodgingCap",
            StandardKey::ReceptionMealPerPerson => "receptionMealPerPerson",
            StandardKey::CanteenDefaultRate => "canteenDefaultRate",
            StandardKey::CeremonialGiftCap => "ceremonialGiftCap",
            StandardKey::SurrenderDeadlineMonths => "surrenderDeadlineMonths",
            StandardKey::GiftSurrenderThreshold => "giftSurrenderThreshold",
            StandardKey::DeadlineNoticeDays => "deadlineNoticeDays",
            StandardKey::PreHolidayDays => "preHolidayDays",
        }
    }

    /// The standard's name (Chinese, English), as rules and Settings print it.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            StandardKey::TravelMealAllowance => (
                "差旅伙食补助费（每人每天）",
                "travel meal allowance (per person per day)",
            ),
            StandardKey::CityTransportAllowance => (
                "市内交通费（每人每天）",
                "city transport allowance (per person per day)",
            ),
            StandardKey::LodgingCap => (
                "住宿费限额（每人每晚）",
                "lodging cap (per person per night)",
            ),
            StandardKey::ReceptionMealPerPerson => (
                "公务接待工作餐标准（每人）",
                "reception working-meal standard (per person)",
            ),
            StandardKey::CanteenDefaultRate => (
                "企业食堂默认餐费标准（每人）",
                "default canteen rate (per person)",
            ),
            StandardKey::CeremonialGiftCap => {
                ("礼节性礼品限额（每件）", "ceremonial gift cap (per item)")
            }
            StandardKey::SurrenderDeadlineMonths => {
                ("礼品登记上交期限（月）", "gift surrender deadline (months)")
            }
            StandardKey::GiftSurrenderThreshold => (
                "须上交不得付款的礼品价值（起）",
                "gift value from which surrender is required",
            ),
            StandardKey::DeadlineNoticeDays => (
                "上交期限提前提醒（天）",
                "reminder before the surrender deadline (days)",
            ),
            StandardKey::PreHolidayDays => (
                "节假日前检查关注期（天）",
                "days before a holiday when inspections are watched",
            ),
        }
    }

    fn max_value(self) -> i64 {
        match self.unit() {
            StandardUnit::Fen => MAX_FEN,
            StandardUnit::Months => 24,
            StandardUnit::Days => 366,
        }
    }
}

/// One figure, in force from a date until a later row for the same key and scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Standard {
    pub key: StandardKey,
    /// Applies to this travel tier only (lodging caps); `None`: every tier.
    pub tier: Option<TravelTier>,
    /// Applies to trips to this city only; `None`: every destination.
    pub city_id: Option<Uuid>,
    pub effective_from: NaiveDate,
    /// Fen, months or days, as the key's unit says.
    #[ts(type = "number")]
    pub value: i64,
    /// Where the figure comes from (document number, or the unit's own rule).
    pub source: String,
    /// A withdrawn row no longer applies (rows are never deleted).
    pub active: bool,
}

impl Standard {
    pub fn validated(mut self) -> Result<Standard, Invalid> {
        range(path!["value"], self.value, 0, self.key.max_value())?;
        if self.key.unit() == StandardUnit::Months {
            range(path!["value"], self.value, 1, self.key.max_value())?;
        }
        if self.tier.is_some() && !self.key.by_tier() {
            return Err(fail(path!["tier"], Problem::NotApplicable));
        }
        if self.city_id.is_some() && !self.key.by_city() {
            return Err(fail(path!["cityId"], Problem::NotApplicable));
        }
        required_text(
            path!["source"],
            &self.source,
            crate::domain::limits::STANDARD_SOURCE,
        )?;
        self.source = self.source.trim().to_owned();
        Ok(self)
    }

    /// How closely the row fits a trip: city and tier beat city, which beats tier.
    fn specificity(&self) -> u8 {
        u8::from(self.city_id.is_some()) * 2 + u8::from(self.tier.is_some())
    }
}

/// Every standard row known, for looking up what was in force on a date.
#[derive(Debug, Clone, Default)]
pub struct Standards {
    rows: Vec<Standard>,
}

/// A value found, with the row that gave it (for its source).
#[derive(Debug, Clone, Copy)]
pub struct InForce<'a> {
    pub value: i64,
    pub row: &'a Standard,
}

impl Standards {
    pub fn new(rows: Vec<Standard>) -> Standards {
        Standards {
            rows: rows.into_iter().filter(|r| r.active).collect(),
        }
    }

    /// The value in force on `date` for a trip of `tier` to `city` (both optional):
    /// the most specific matching row, and among those the latest in force.
    pub fn in_force(
        &self,
        key: StandardKey,
        date: NaiveDate,
        tier: Option<TravelTier>,
        city: Option<Uuid>,
    ) -> Option<InForce<'_>> {
        self.rows
            .iter()
            .filter(|r| r.key == key && r.effective_from <= date)
            .filter(|r| r.tier.is_none() || r.tier == tier)
            .filter(|r| r.city_id.is_none() || (city.is_some() && r.city_id == city))
            .max_by_key(|r| (r.specificity(), r.effective_from))
            .map(|row| InForce {
                value: row.value,
                row,
            })
    }

    pub fn value(&self, key: StandardKey, date: NaiveDate) -> Option<i64> {
        self.in_force(key, date, None, None).map(|f| f.value)
    }
}

/// A standard row the app ships, with a fixed id so every copy of the database
/// (hub and spokes) names it alike.
pub struct ShippedStandard {
    pub id: Uuid,
    pub standard: Standard,
}

/// The defaults with a public source. Lodging caps for Liaoning, the local reception
/// standard, canteen rates, the ceremonial-gift cap and the value thresholds could not
/// be confirmed: they ship empty, and the rules ask an administrator to set them.
pub fn shipped() -> Vec<ShippedStandard> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let row = |n: u128, key, from, value, source: &str| ShippedStandard {
        id: Uuid::from_u128(0x0000_0000_0000_4000_8000_5157_0000_0000 + n),
        standard: Standard {
            key,
            tier: None,
            city_id: None,
            effective_from: from,
            value,
            source: source.to_owned(),
            active: true,
        },
    };
    vec![
        row(
            1,
            StandardKey::TravelMealAllowance,
            day(2014, 1, 1),
            10_000,
            "财行〔2013〕531号（中央标准，请核实本地标准）",
        ),
        row(
            2,
            StandardKey::CityTransportAllowance,
            day(2014, 1, 1),
            8_000,
            "财行〔2013〕531号（中央标准，请核实本地标准）",
        ),
        row(
            3,
            StandardKey::SurrenderDeadlineMonths,
            day(1995, 4, 30),
            1,
            "中办发〔1995〕7号",
        ),
        row(
            4,
            StandardKey::DeadlineNoticeDays,
            day(1995, 4, 30),
            7,
            "本应用默认提醒期，可调整",
        ),
    ]
}
