//! Small checks shared by every aggregate's validation. Each returns the first
//! problem as a validation error naming the field's path.

use chrono::{Days, Months, NaiveDate};
use uuid::Uuid;

use super::money::{Fen, MAX_FEN};
use crate::error::{AppError, PathSegment, Problem};

/// A field path, written `path!["expenses", 2, "amount"]`.
#[macro_export]
macro_rules! path {
    ($($segment:expr),* $(,)?) => {
        vec![$($crate::error::PathSegment::from($segment)),*]
    };
}

pub fn fail(field: Vec<PathSegment>, problem: Problem) -> AppError {
    AppError::Validation { field, problem }
}

/// Required text: not blank after trimming, at most `max` characters.
pub fn required_text(field: Vec<PathSegment>, value: &str, max: usize) -> Result<(), AppError> {
    if value.trim().is_empty() {
        return Err(fail(field, Problem::Required));
    }
    optional_text(field, value, max)
}

pub fn optional_text(field: Vec<PathSegment>, value: &str, max: usize) -> Result<(), AppError> {
    if value.chars().count() > max {
        return Err(fail(field, Problem::TooLong { max }));
    }
    Ok(())
}

pub fn range(field: Vec<PathSegment>, value: i64, min: i64, max: i64) -> Result<(), AppError> {
    if value < min || value > max {
        return Err(fail(field, Problem::OutOfRange { min, max }));
    }
    Ok(())
}

/// An amount of money between `min` fen and [`MAX_FEN`]; the message speaks yuan.
pub fn amount(field: Vec<PathSegment>, value: Fen, min: i64) -> Result<(), AppError> {
    if value.0 < min {
        return Err(fail(field, Problem::AmountTooSmall { min: Fen(min) }));
    }
    if value.0 > MAX_FEN {
        return Err(fail(field, Problem::AmountTooLarge { max: Fen(MAX_FEN) }));
    }
    Ok(())
}

/// A non-empty list of ids without repeats.
pub fn id_list(field: &str, ids: &[Uuid], max: usize) -> Result<(), AppError> {
    if ids.is_empty() {
        return Err(fail(path![field], Problem::Required));
    }
    if ids.len() > max {
        return Err(fail(
            path![field],
            Problem::OutOfRange {
                min: 1,
                max: max as i64,
            },
        ));
    }
    for (i, id) in ids.iter().enumerate() {
        if ids[..i].contains(id) {
            return Err(fail(path![field, i as u32], Problem::Duplicate));
        }
    }
    Ok(())
}

/// The first and last day of a `YYYY-MM` month.
pub fn month_range(month: &str) -> Result<(NaiveDate, NaiveDate), AppError> {
    let malformed = || {
        fail(
            path!["month"],
            Problem::Malformed {
                detail: "YYYY-MM".into(),
            },
        )
    };
    let (year, number) = month.trim().split_once('-').ok_or_else(malformed)?;
    let (Ok(year), Ok(number)) = (year.parse::<i32>(), number.parse::<u32>()) else {
        return Err(malformed());
    };
    if !(2000..=2100).contains(&year) || month.trim().len() != 7 {
        return Err(malformed());
    }
    let first = NaiveDate::from_ymd_opt(year, number, 1).ok_or_else(malformed)?;
    let last = first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .ok_or_else(malformed)?;
    Ok((first, last))
}
