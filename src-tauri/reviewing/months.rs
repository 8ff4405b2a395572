//! An official's month as review sees it: registered, incomplete, declared empty or
//! silent; and the declaration that a month has nothing to register (本月无登记事项),
//! signed, with its rules — not before the month begins, not with records in it, a
//! reason when someone declares for a colleague, a confirmation before the month's
//! last working day.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::{check_signature, SignatureCheck};
use crate::domain::access::Actor;
use crate::domain::directory::{Official, OfficialId};
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::validation::month_range;
use crate::domain::workflow::ReviewStatus;
use crate::error::{fail, AppError, Problem};
use crate::keyring::unlock_key;
use crate::path;
use crate::rules::calendar::{Calendar, CalendarDay};
use crate::store::checkpoints::{self, Act};
use crate::store::directory::{self, Versioned};
use crate::store::review::{self, Attestation};
use crate::store::Stamp;

/// What someone declares about an official's month.
pub struct Declaration<'a> {
    /// `YYYY-MM`, checked.
    pub month: &'a str,
    /// Its first and last day.
    pub days: (NaiveDate, NaiveDate),
    /// `false` withdraws an earlier declaration.
    pub nil: bool,
    pub on_behalf_reason: &'a str,
    pub early_confirmed: bool,
}

/// Where an official stands for a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MonthStanding {
    /// Records, all submitted or approved.
    Registered,
    /// Records, some still drafts or returned.
    Incomplete,
    /// Declared empty (本月无登记事项).
    DeclaredNil,
    /// No records and no declaration: the month is not accounted for.
    Silent,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthOverviewRow {
    pub official_id: OfficialId,
    pub name: String,
    pub standing: MonthStanding,
    pub drafts: u32,
    pub submitted: u32,
    pub approved: u32,
    pub returned: u32,
    /// The nil declaration's signature, checked now.
    pub declaration: Option<SignatureCheck>,
}

/// The review status of each live record an official takes part in, in a month.
fn records_in_month(
    conn: &Connection,
    official: OfficialId,
    month: &str,
) -> Result<Vec<(Uuid, ReviewStatus)>, AppError> {
    let (first, last) = month_range(month)?;
    Ok(review::official_month(conn, official, first, last)?)
}

/// An official's month as review sees it.
pub fn overview_row(
    conn: &Connection,
    official_id: OfficialId,
    official: &Official,
    month: &str,
) -> Result<MonthOverviewRow, AppError> {
    let records = records_in_month(conn, official_id, month)?;
    let count = |status: ReviewStatus| records.iter().filter(|(_, s)| *s == status).count() as u32;
    let (drafts, submitted, approved, returned) = (
        count(ReviewStatus::Draft),
        count(ReviewStatus::Submitted),
        count(ReviewStatus::Approved),
        count(ReviewStatus::Returned),
    );
    let declared = review::attestation(conn, official_id, month)?.filter(|a| a.active);
    let standing = if !records.is_empty() {
        if drafts + returned == 0 {
            MonthStanding::Registered
        } else {
            MonthStanding::Incomplete
        }
    } else if declared.is_some() {
        MonthStanding::DeclaredNil
    } else {
        MonthStanding::Silent
    };
    Ok(MonthOverviewRow {
        official_id,
        name: official.name.clone(),
        standing,
        drafts,
        submitted,
        approved,
        returned,
        declaration: declared
            .map(|a| check_signature(conn, &a.signature))
            .transpose()?,
    })
}

/// A month not begun cannot be declared empty (checked first, before anything is
/// read: it is the request's own fault).
pub fn begun(declaration: &Declaration<'_>, today: NaiveDate) -> Result<(), AppError> {
    if declaration.nil && declaration.days.0 > today {
        return Err(fail(path!["month"], Problem::MonthNotBegun));
    }
    Ok(())
}

/// Declares `official`'s month empty (or withdraws the declaration) as `actor`,
/// signed with their key, after every rule holds; returns the month as it now stands.
/// Who may declare for whom is the caller's check (the permission matrix).
pub fn declare(
    conn: &Connection,
    stamp: &Stamp,
    actor: &Actor,
    official: &Versioned<Official>,
    declaration: &Declaration<'_>,
    today: NaiveDate,
    passphrase: &str,
) -> Result<MonthOverviewRow, AppError> {
    let Declaration {
        month,
        days: (first, last),
        nil,
        on_behalf_reason: reason,
        early_confirmed,
    } = *declaration;
    begun(declaration, today)?;
    let records = records_in_month(conn, official.id, month)?;
    if nil && !records.is_empty() {
        return Err(fail(
            path!["month"],
            Problem::MonthHasRecords {
                count: records.len() as u32,
            },
        ));
    }
    // A declaration is the official's own; anyone else allowed to make it says why.
    let on_behalf = actor.official_id != official.id;
    if nil && on_behalf && reason.is_empty() {
        return Err(fail(path!["onBehalfReason"], Problem::Required));
    }
    if !on_behalf && !reason.is_empty() {
        return Err(fail(path!["onBehalfReason"], Problem::NotApplicable));
    }
    if nil && !early_confirmed {
        let calendar = Calendar::new(
            &directory::list::<CalendarDay>(conn, false)?
                .into_iter()
                .map(|row| row.value)
                .collect::<Vec<_>>(),
        );
        let last_working = calendar.last_working_day(first, last);
        if today < last_working {
            return Err(fail(
                path!["earlyConfirmed"],
                Problem::BeforeLastWorkingDay { day: last_working },
            ));
        }
    }
    let key = unlock_key(conn, actor.profile_id, passphrase)?;
    let mut statement = serde_json::json!({
        "action": if nil { "attestNil" } else { "withdrawNil" },
        "month": month,
        "officialId": official.id,
        "profileId": actor.profile_id,
    });
    if on_behalf {
        statement["onBehalfReason"] = reason.into();
    }
    let statement = statement.to_string();
    let existing = review::attestation(conn, official.id, month)?;
    let attestation = Attestation {
        id: existing
            .map(|a| a.id)
            .unwrap_or_else(|| new_id(stamp.at, &mut OsEntropy)),
        official_id: official.id,
        month: month.to_owned(),
        active: nil,
        signature: key.sign(&statement, stamp.at),
    };
    review::set_attestation(conn, stamp, &attestation)?;
    checkpoints::seal(conn, &key, actor.profile_id, Act::Attest, stamp.at)?;
    overview_row(conn, official.id, &official.value, month)
}
