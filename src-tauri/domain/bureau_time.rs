//! The bureau's clock: China Standard Time (UTC+8, no daylight saving). Days, months
//! and printed times are reckoned in it whatever the PC's own zone, so a register, a
//! printed record and a backup's name say the same time the window shows.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// China Standard Time's offset from UTC. The window reads it from the bindings
/// (`bureauTime.ts`), so both sides reckon the same day.
pub const UTC_OFFSET_SECONDS: i32 = 8 * 3600;

pub fn zone() -> FixedOffset {
    FixedOffset::east_opt(UTC_OFFSET_SECONDS).expect("UTC+8 is a valid offset")
}

/// `bureauTime.ts`, written by `make bindings`.
pub fn typescript() -> String {
    format!(
        "{}/** The bureau's offset from UTC (China Standard Time, no daylight saving). */\n\
         export const BUREAU_UTC_OFFSET_SECONDS = {UTC_OFFSET_SECONDS};\n",
        super::typescript::header("src-tauri/domain/bureau_time.rs")
    )
}

/// `2026-03-02 09:30`, as printed documents show a time.
pub fn minutes<Z: TimeZone>(at: &DateTime<Z>) -> String {
    at.with_timezone(&zone())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A time the store recorded (RFC 3339) as [`minutes`] shows it; text that is not one
/// is shown as it is rather than lost.
pub fn stored_minutes(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(|_| at.to_owned(), |t| minutes(&t))
}

/// The bureau's day of a time the store recorded (RFC 3339).
pub fn stored_day(at: &str) -> Option<NaiveDate> {
    Some(
        DateTime::parse_from_rfc3339(at)
            .ok()?
            .with_timezone(&zone())
            .date_naive(),
    )
}

pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&zone()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_the_next_morning_in_the_bureau() {
        let at = Utc.with_ymd_and_hms(2026, 3, 31, 17, 5, 0).unwrap();
        assert_eq!(minutes(&at), "2026-04-01 01:05");
        assert_eq!(day_of(at), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
        assert_eq!(stored_minutes("2026-03-31T17:05:00Z"), "2026-04-01 01:05");
        assert_eq!(stored_day("2026-03-31T17:05:00+00:00"), day_of(at).into());
        assert_eq!(stored_minutes("yesterday"), "yesterday");
    }
}
