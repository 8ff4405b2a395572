//! The month overview a head reviews (who has registered, who has declared an empty
//! month, who has said nothing) and the nil declaration itself (本月无登记事项); the
//! rules of both are `reviewing::months`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::{DepartmentId, Official, OfficialId};
use crate::domain::limits;
use crate::domain::validation::month_range;
use crate::domain::validation::optional_text;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::reviewing::months::{self, Declaration, MonthOverviewRow};
use crate::store::directory;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttestRequest {
    pub official_id: OfficialId,
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
        let declaration = Declaration {
            month: &month,
            days: (first, last),
            nil: request.nil,
            on_behalf_reason: reason,
            early_confirmed: request.early_confirmed,
        };
        months::begun(&declaration, today)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let official = directory::get::<Official>(tx, request.official_id)?
                .ok_or_else(|| fail(path!["officialId"], Problem::UnknownReference))?;
            let actor = core
                .authorize(tx, Action::AttestMonth, |actor| {
                    actor.scope_of(official.value.department_id, &[request.official_id])
                })?
                .ok_or(AppError::SignInRequired)?;
            months::declare(
                tx,
                &stamp,
                &actor,
                &official,
                &declaration,
                today,
                &request.passphrase,
            )
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonthOverviewRequest {
    pub department_id: DepartmentId,
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
                officials.push(months::overview_row(
                    conn,
                    official.id,
                    &official.value,
                    &month,
                )?);
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
