//! The statutory-holiday calendar: the days the app ships (generated from the State
//! Council's notices by `scripts/holidays.mjs`), corrected by what an administrator
//! saves (a day added, or a shipped day taken out).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::invalid::Invalid;
use crate::domain::validation::required_text;
use crate::path;

const SHIPPED: &str = include_str!("../../assets/standards/holidays.json");

#[derive(Debug, Deserialize)]
struct ShippedCalendar {
    source: String,
    days: Vec<ShippedDay>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShippedDay {
    date: NaiveDate,
    name: String,
    name_en: String,
}

fn shipped() -> &'static ShippedCalendar {
    static CALENDAR: OnceLock<ShippedCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| {
        serde_json::from_str(SHIPPED).expect("assets/standards/holidays.json is valid (tested)")
    })
}

/// Where the shipped days come from.
pub fn shipped_source() -> &'static str {
    &shipped().source
}

/// An administrator's word on one day: a holiday (added) or not (a shipped day taken out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub name: String,
    pub holiday: bool,
}

impl CalendarDay {
    pub fn validated(mut self) -> Result<CalendarDay, Invalid> {
        required_text(
            path!["name"],
            &self.name,
            crate::domain::limits::HOLIDAY_NAME,
        )?;
        self.name = self.name.trim().to_owned();
        Ok(self)
    }
}

type Names = (String, String);

/// The shipped days by date, built once per process.
fn shipped_days() -> &'static BTreeMap<NaiveDate, Names> {
    static DAYS: OnceLock<BTreeMap<NaiveDate, Names>> = OnceLock::new();
    DAYS.get_or_init(|| {
        shipped()
            .days
            .iter()
            .map(|d| (d.date, (d.name.clone(), d.name_en.clone())))
            .collect()
    })
}

/// The holidays in force: shipped days with the administrator's corrections. Cheap to
/// build (the shipped days are shared), since every write evaluates findings.
#[derive(Debug, Clone)]
pub struct Calendar {
    shipped: &'static BTreeMap<NaiveDate, Names>,
    /// Corrections: `Some` adds a holiday, `None` takes a shipped day out.
    corrections: BTreeMap<NaiveDate, Option<Names>>,
}

impl Calendar {
    pub fn new(corrections: &[CalendarDay]) -> Calendar {
        Calendar {
            shipped: shipped_days(),
            corrections: corrections
                .iter()
                .map(|d| (d.date, d.holiday.then(|| (d.name.clone(), d.name.clone()))))
                .collect(),
        }
    }

    fn names(&self, date: NaiveDate) -> Option<&Names> {
        match self.corrections.get(&date) {
            Some(correction) => correction.as_ref(),
            None => self.shipped.get(&date),
        }
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.names(date).is_some()
    }

    /// The last working day from `first` to `last` (a month): not a weekend and not a
    /// holiday. Make-up working weekends are not known to the calendar, so a month
    /// ending in one is taken to end on the weekday before it.
    pub fn last_working_day(&self, first: NaiveDate, last: NaiveDate) -> NaiveDate {
        let mut day = last;
        while day > first
            && (matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || self.is_holiday(day))
        {
            day = day.pred_opt().unwrap_or(first);
        }
        day
    }

    /// Whether the calendar knows the year at all (a year with no holidays is a year
    /// nobody has entered yet).
    pub fn covers_year(&self, year: i32) -> bool {
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return false;
        };
        self.shipped
            .range(start..=end)
            .chain(
                self.corrections
                    .range(start..=end)
                    .filter_map(|(d, n)| n.as_ref().map(|n| (d, n))),
            )
            .any(|(day, _)| self.is_holiday(*day))
    }

    /// The first day of the next holiday period starting after `date` and at most
    /// `within` days later, with its names.
    pub fn next_holiday_start(
        &self,
        date: NaiveDate,
        within: u64,
    ) -> Option<(NaiveDate, &str, &str)> {
        (1..=within.min(366))
            .filter_map(|n| date.checked_add_days(Days::new(n)))
            .find(|day| {
                self.is_holiday(*day)
                    && day.pred_opt().is_none_or(|before| !self.is_holiday(before))
            })
            .and_then(|day| {
                self.names(day)
                    .map(|(zh, en)| (day, zh.as_str(), en.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn ships_the_2026_notice() {
        let calendar = Calendar::new(&[]);
        let count = (1..=365)
            .filter_map(|n| day("2025-12-31").checked_add_days(Days::new(n)))
            .filter(|d| calendar.is_holiday(*d))
            .count();
        assert_eq!(
            count, 33,
            "2026 has 33 holiday days (国办发明电〔2025〕7号)"
        );
        assert!(calendar.is_holiday(day("2026-10-01")));
        assert!(!calendar.is_holiday(day("2026-09-28")));
        assert!(shipped_source().contains("chinese-days"));
    }

    #[test]
    fn finds_the_start_of_the_next_holiday_period() {
        let calendar = Calendar::new(&[]);
        let (start, zh, _) = calendar.next_holiday_start(day("2026-09-20"), 10).unwrap();
        assert_eq!((start, zh), (day("2026-09-25"), "中秋"));
        // Inside a holiday period the next start is the following period, not tomorrow.
        assert_eq!(calendar.next_holiday_start(day("2026-10-01"), 5), None);
        // The window ends `within` days later, inclusive.
        assert!(calendar.next_holiday_start(day("2026-09-20"), 5).is_some());
        assert!(calendar.next_holiday_start(day("2026-09-20"), 4).is_none());
    }

    #[test]
    fn the_last_working_day_skips_weekends_and_holidays() {
        let calendar = Calendar::new(&[]);
        let last = |first: &str, last: &str| calendar.last_working_day(day(first), day(last));
        // 2026-01-31 is a Saturday; 2026-05-30 and 31 a weekend; 2026-12-31 a Thursday.
        assert_eq!(last("2026-01-01", "2026-01-31"), day("2026-01-30"));
        assert_eq!(last("2026-05-01", "2026-05-31"), day("2026-05-29"));
        assert_eq!(last("2026-12-01", "2026-12-31"), day("2026-12-31"));
        let with_holiday = Calendar::new(&[CalendarDay {
            date: day("2026-12-31"),
            name: "本地节日".into(),
            holiday: true,
        }]);
        assert_eq!(
            with_holiday.last_working_day(day("2026-12-01"), day("2026-12-31")),
            day("2026-12-30")
        );
    }

    #[test]
    fn corrections_add_and_remove_days() {
        let calendar = Calendar::new(&[
            CalendarDay {
                date: day("2026-11-11"),
                name: "本地节日".into(),
                holiday: true,
            },
            CalendarDay {
                date: day("2026-01-01"),
                name: "元旦".into(),
                holiday: false,
            },
        ]);
        assert!(calendar.is_holiday(day("2026-11-11")));
        assert!(!calendar.is_holiday(day("2026-01-01")));
        assert!(calendar.covers_year(2026));
        assert!(!calendar.covers_year(2099));
    }
}
