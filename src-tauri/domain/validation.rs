//! Small checks shared by every aggregate's validation. Each returns the first
//! problem as an [`Invalid`] naming the field's path.

use chrono::{Days, Months, NaiveDate};

use super::id::Id;
use super::invalid::{Flaw, Invalid, PathSegment, Problem};
use super::money::Fen;
use crate::path;

pub fn fail(field: Vec<PathSegment>, problem: Problem) -> Invalid {
    Invalid::at(field, problem)
}

/// Every problem of a value rather than the first: a form shows them all at once, so
/// that nobody corrects one field only to be told of the next.
#[derive(Debug, Default)]
pub struct Checks {
    found: Vec<Flaw>,
}

impl Checks {
    pub fn new() -> Checks {
        Checks::default()
    }

    /// Keeps what a check found wrong, if anything.
    pub fn check(&mut self, result: Result<(), Invalid>) {
        if let Err(invalid) = result {
            self.found.extend(invalid.into_flaws());
        }
    }

    pub fn fail(&mut self, field: Vec<PathSegment>, problem: Problem) {
        self.found.push(Flaw { field, problem });
    }

    /// Ok, or the one problem found, or all of them.
    pub fn finish(self) -> Result<(), Invalid> {
        Invalid::all(self.found)
    }
}

/// Required text: not blank after trimming, at most `max` characters.
pub fn required_text(field: Vec<PathSegment>, value: &str, max: usize) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        return Err(fail(field, Problem::Required));
    }
    optional_text(field, value, max)
}

pub fn optional_text(field: Vec<PathSegment>, value: &str, max: usize) -> Result<(), Invalid> {
    if value.chars().count() > max {
        return Err(fail(field, Problem::TooLong { max }));
    }
    Ok(())
}

pub fn range(field: Vec<PathSegment>, value: i64, min: i64, max: i64) -> Result<(), Invalid> {
    if value < min || value > max {
        return Err(fail(field, Problem::OutOfRange { min, max }));
    }
    Ok(())
}

/// The largest amount one field of a record or standard takes: ¥100,000,000. Nothing
/// an official registers (a meal, a gift, a trip's expense) comes near it, so a larger
/// figure is a typing slip (a few zeros too many) rather than a fact.
pub const MAX_AMOUNT: Fen = Fen(10_000_000_000);

/// An amount of money between `min` fen and [`MAX_AMOUNT`]; the message speaks yuan.
pub fn amount(field: Vec<PathSegment>, value: Fen, min: i64) -> Result<(), Invalid> {
    if value.0 < min {
        return Err(fail(field, Problem::AmountTooSmall { min: Fen(min) }));
    }
    if value.0 > MAX_AMOUNT.0 {
        return Err(fail(field, Problem::AmountTooLarge { max: MAX_AMOUNT }));
    }
    Ok(())
}

/// A non-empty list of ids without repeats.
pub fn id_list<T>(field: &str, ids: &[Id<T>], max: usize) -> Result<(), Invalid> {
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
pub fn month_range(month: &str) -> Result<(NaiveDate, NaiveDate), Invalid> {
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
