//! The month overview a head reviews (who has registered, who has declared an empty
//! month, who has said nothing) and the nil declaration itself (本月无登记事项).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::Official;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::limits;
use crate::domain::validation::month_range;
use crate::domain::validation::{fail, optional_text};
use crate::domain::workflow::ReviewStatus;
use crate::error::{AppError, Problem};
use crate::keyring::unlock_key;
use crate::path;
use crate::reviewing::{check_signature, SignatureCheck};
use crate::rules::calendar::{Calendar, CalendarDay};
use crate::store::checkpoints::{self, Act};
use crate::store::directory;
use crate::store::review::{self, Attestation};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttestRequest {
    pub official_id: Uuid,
    /// `YYYY-MM`.
    pub month: String,
    /// `false` withdraws an earlier declaration.
    pub nil: bool,
    /// Why someone declares for an official other than themselves (required then,
    /// signed with the declaration).
    #[serde(default)]
    pub on_behalf_reason: String,
    /// The declarer confirms a declaration before the month's last working day.
    #[serde(default)]
    pub early_confirmed: bool,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

/// The review status of each live record an official takes part in, in a month.
fn records_in_month(
    conn: &Connection,
    official: Uuid,
    month: &str,
) -> Result<Vec<(Uuid, ReviewStatus)>, AppError> {
    let (first, last) = month_range(month)?;
    Ok(review::official_month(conn, official, first, last)?)
}

pub struct AttestMonth;

impl Command for AttestMonth {
    const NAME: &'static str = "attest_month";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Declare (or withdraw) that an official has nothing to register in a month; signed";
    type Request = AttestRequest;
    type Response = MonthOverviewRow;

    fn run(core: &Core, request: AttestRequest) -> Result<MonthOverviewRow, AppError> {
        let (first, last) = month_range(&request.month)?;
        let month = request.month.trim().to_owned();
        let reason = request.on_behalf_reason.trim();
        optional_text(path!["onBehalfReason"], reason, limits::ON_BEHALF_REASON)?;
        let today = core.today();
        if request.nil && first > today {
            return Err(fail(path!["month"], Problem::MonthNotBegun));
        }
        let stamp = core.stamp();
        core.store().write(|tx| {
            let official = directory::get::<Official>(tx, request.official_id)?
                .ok_or_else(|| fail(path!["officialId"], Problem::UnknownReference))?;
            let actor = core
                .authorize(tx, Action::AttestMonth, |actor| {
                    actor.scope_of(official.value.department_id, &[request.official_id])
                })?
                .ok_or(AppError::SignInRequired)?;
            let records = records_in_month(tx, request.official_id, &month)?;
            if request.nil && !records.is_empty() {
                return Err(fail(
                    path!["month"],
                    Problem::MonthHasRecords {
                        count: records.len() as u32,
                    },
                ));
            }
            // A declaration is the official's own; anyone else allowed to make it says why.
            let on_behalf = actor.official_id != request.official_id;
            if request.nil && on_behalf && reason.is_empty() {
                return Err(fail(path!["onBehalfReason"], Problem::Required));
            }
            if !on_behalf && !reason.is_empty() {
                return Err(fail(path!["onBehalfReason"], Problem::NotApplicable));
            }
            if request.nil && !request.early_confirmed {
                let calendar = Calendar::new(
                    &directory::list::<CalendarDay>(tx, false)?
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
            let key = unlock_key(tx, actor.profile_id, &request.passphrase)?;
            let mut statement = serde_json::json!({
                "action": if request.nil { "attestNil" } else { "withdrawNil" },
                "month": month,
                "officialId": request.official_id,
                "profileId": actor.profile_id,
            });
            if on_behalf {
                statement["onBehalfReason"] = reason.into();
            }
            let statement = statement.to_string();
            let existing = review::attestation(tx, request.official_id, &month)?;
            let attestation = Attestation {
                id: existing
                    .map(|a| a.id)
                    .unwrap_or_else(|| new_id(stamp.at, &mut OsEntropy)),
                official_id: request.official_id,
                month: month.clone(),
                active: request.nil,
                signature: key.sign(&statement, stamp.at),
            };
            review::set_attestation(tx, &stamp, &attestation)?;
            checkpoints::seal(tx, &key, actor.profile_id, Act::Attest, stamp.at)?;
            overview_row(tx, request.official_id, &official.value, &month)
        })
    }
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
    pub official_id: Uuid,
    pub name: String,
    pub standing: MonthStanding,
    pub drafts: u32,
    pub submitted: u32,
    pub approved: u32,
    pub returned: u32,
    /// The nil declaration's signature, checked now.
    pub declaration: Option<SignatureCheck>,
}

fn overview_row(
    conn: &Connection,
    official_id: Uuid,
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

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonthOverviewRequest {
    pub department_id: Uuid,
    pub month: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthOverview {
    pub month: String,
    pub officials: Vec<MonthOverviewRow>,
    /// Received gifts of the department still awaiting a disposition.
    pub open_dispositions: u32,
}

pub struct MonthOverviewCommand;

impl Command for MonthOverviewCommand {
    const NAME: &'static str = "month_overview";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Per official of a department and month: registered, incomplete, declared empty or silent";
    type Request = MonthOverviewRequest;
    type Response = MonthOverview;

    fn run(core: &Core, request: MonthOverviewRequest) -> Result<MonthOverview, AppError> {
        month_range(&request.month)?;
        let month = request.month.trim().to_owned();
        let conn = &*core.reader();
        let mut officials = Vec::new();
        for official in directory::list::<Official>(conn, true)? {
            if official.value.department_id == request.department_id {
                officials.push(overview_row(conn, official.id, &official.value, &month)?);
            }
        }
        let open_dispositions =
            crate::store::findings::pending_gift_count(conn, request.department_id)?;
        Ok(MonthOverview {
            month,
            officials,
            open_dispositions,
        })
    }
}
