//! The directory as it stood on a day, from the audit log: each version of an entry
//! with the day it came into force (the day, in China, its change was recorded). The
//! rules read an official's enforcement powers and travel tier and an enterprise's list
//! status and canteen rate as they were on the record's date, so a later change (an
//! enterprise red-listed in May) leaves an earlier month's findings as they were.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::directory::{self, DirectoryRow};
use super::error::StoreError;
use crate::domain::id::Id;

/// Every version of one directory entry, oldest first, each with the day it came
/// into force.
#[derive(Debug, Clone)]
pub struct Versions<T> {
    versions: Vec<(NaiveDate, T)>,
}

impl<T> Versions<T> {
    /// The version in force on `day`: the last one recorded on or before it, or — for a
    /// day before the entry was first recorded (a trip registered after the fact) — its
    /// first version.
    pub fn on(&self, day: NaiveDate) -> Option<&T> {
        self.versions
            .iter()
            .rev()
            .find(|(from, _)| *from <= day)
            .or(self.versions.first())
            .map(|(_, value)| value)
    }
}

/// The versions of entry `id` as the audit log recorded them. An image this version of
/// the app cannot read (written by a much older one) is passed over; an entry the log
/// has no image of counts as it stands now, from the beginning.
pub fn versions<T: DirectoryRow>(conn: &Connection, id: Id<T>) -> Result<Versions<T>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, after FROM audit WHERE entity = ?1 AND entity_id = ?2 AND after IS NOT NULL
         ORDER BY seq",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map(params![T::ENTITY, id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut versions: Vec<(NaiveDate, T)> = rows
        .into_iter()
        .filter_map(|(at, after)| {
            let day = crate::domain::bureau_time::stored_day(&at)?;
            let mut image: serde_json::Value = serde_json::from_str(&after).ok()?;
            let value: T = serde_json::from_value(image.get_mut("body")?.take()).ok()?;
            Some((day, value))
        })
        .collect();
    if versions.is_empty() {
        if let Some(row) = directory::get::<T>(conn, id)? {
            versions.push((NaiveDate::MIN, row.value));
        }
    }
    Ok(Versions { versions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_reads_the_version_then_in_force_and_an_earlier_day_the_first() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
        let versions = Versions {
            versions: vec![
                (day(10), "normal"),
                (day(20), "red"),
                (day(20), "red, corrected"),
            ],
        };
        assert_eq!(versions.on(day(1)), Some(&"normal"));
        assert_eq!(versions.on(day(10)), Some(&"normal"));
        assert_eq!(versions.on(day(19)), Some(&"normal"));
        assert_eq!(versions.on(day(20)), Some(&"red, corrected"));
        assert_eq!(versions.on(day(31)), Some(&"red, corrected"));
        let none: Versions<&str> = Versions { versions: vec![] };
        assert_eq!(none.on(day(1)), None);
    }
}
