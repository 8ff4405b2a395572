//! Directory commands: save (create or amend) and list departments, officials,
//! counterparts and cities. One generic implementation; each type states its names
//! and the checks that need the database.

use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::{Access, Command};
use crate::certification;
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::{City, Counterpart, Department, Official, OfficialRole};
use crate::domain::ids::{new_id, OsEntropy};
use crate::error::{fail, AppError, Invalid, Problem};
use crate::path;
use crate::rules::{CalendarDay, Standard};
use crate::store::directory::{self, DirectoryRow, Versioned};
use crate::store::findings::{self, Affected};

/// Save a directory entry: without `id` it is created; with `id` and the `version`
/// last read, it is amended (a stale version is a conflict, not an overwrite).
pub struct SaveRequest<T> {
    pub id: Option<Uuid>,
    pub version: Option<i64>,
    pub value: T,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DirectoryListRequest {
    pub include_inactive: bool,
}

/// A directory type as the commands see it.
pub trait DirectoryEntry:
    DirectoryRow + Clone + Serialize + DeserializeOwned + TS + 'static
{
    const SAVE: &'static str;
    const LIST: &'static str;
    const SAVE_SUMMARY: &'static str;
    const LIST_SUMMARY: &'static str;
    /// Who may save one.
    const ACCESS: Access;
    type SaveRequest: DeserializeOwned + TS + 'static + Into<SaveRequest<Self>>;

    /// Field checks, returning the value as it will be stored.
    fn validated(self) -> Result<Self, Invalid>;

    /// Checks against the database (references, uniqueness); `id` is the entry's own.
    fn check(&self, _conn: &Connection, _id: Option<Uuid>) -> Result<(), AppError> {
        Ok(())
    }

    /// The records whose findings a save can change (evaluated again in the same
    /// transaction, so no finding ever rests on a value that is gone).
    fn affected(&self, _id: Uuid) -> Option<Affected> {
        None
    }

    /// The officials whose certificates name what a save can change (their name,
    /// role, department): certified anew in the same transaction.
    fn certified(&self, _conn: &Connection, _id: Uuid) -> Result<Vec<Uuid>, AppError> {
        Ok(Vec::new())
    }
}

pub struct Save<T>(std::marker::PhantomData<T>);
pub struct List<T>(std::marker::PhantomData<T>);

impl<T: DirectoryEntry> Command for Save<T> {
    const NAME: &'static str = T::SAVE;
    const ACCESS: Access = T::ACCESS;
    const SUMMARY: &'static str = T::SAVE_SUMMARY;
    type Request = T::SaveRequest;
    type Response = Versioned<T>;

    fn run(core: &Core, request: T::SaveRequest) -> Result<Versioned<T>, AppError> {
        let request: SaveRequest<T> = request.into();
        let value = request.value.validated().map_err(|e| e.within("value"))?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            value.check(tx, request.id).map_err(|e| e.within("value"))?;
            let saved = match (request.id, request.version) {
                (None, _) => {
                    let id = new_id(stamp.at, &mut OsEntropy);
                    directory::insert(tx, &stamp, id, value)?
                }
                (Some(id), Some(version)) => directory::update(tx, &stamp, id, version, value)?,
                (Some(_), None) => return Err(fail(path!["version"], Problem::Required)),
            };
            if let Some(affected) = saved.value.affected(saved.id) {
                findings::refresh_affected(tx, &affected)?;
            }
            let issuer = core.issuer();
            for official in saved.value.certified(tx, saved.id)? {
                certification::official_changed(tx, &stamp, official, issuer.as_deref())?;
            }
            Ok(saved)
        })
    }
}

impl<T: DirectoryEntry> Command for List<T> {
    const NAME: &'static str = T::LIST;
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = T::LIST_SUMMARY;
    type Request = DirectoryListRequest;
    type Response = Vec<Versioned<T>>;

    fn run(core: &Core, request: DirectoryListRequest) -> Result<Vec<Versioned<T>>, AppError> {
        Ok(directory::list(&core.reader(), !request.include_inactive)?)
    }
}

/// Requests per type, so each has its own name in the TypeScript bindings.
macro_rules! save_request {
    ($name:ident, $ty:ty) => {
        #[derive(Debug, Deserialize, TS)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            pub id: Option<Uuid>,
            #[ts(type = "number | null")]
            pub version: Option<i64>,
            pub value: $ty,
        }

        impl From<$name> for SaveRequest<$ty> {
            fn from(r: $name) -> Self {
                SaveRequest {
                    id: r.id,
                    version: r.version,
                    value: r.value,
                }
            }
        }
    };
}

save_request!(SaveDepartment, Department);
save_request!(SaveOfficial, Official);
save_request!(SaveCounterpart, Counterpart);
save_request!(SaveCity, City);
save_request!(SaveStandard, Standard);
save_request!(SaveCalendarDay, CalendarDay);

impl DirectoryEntry for Department {
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SAVE: &'static str = "department_save";
    const LIST: &'static str = "department_list";
    const SAVE_SUMMARY: &'static str = "Create or amend a department";
    const LIST_SUMMARY: &'static str = "List departments (active only unless includeInactive)";
    type SaveRequest = SaveDepartment;

    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn check(&self, conn: &Connection, _id: Option<Uuid>) -> Result<(), AppError> {
        let Some(leader) = self.leader_in_charge_id else {
            return Ok(());
        };
        match directory::get::<Official>(conn, leader)? {
            None => Err(fail(path!["leaderInChargeId"], Problem::UnknownReference)),
            Some(o) if o.value.role != OfficialRole::LeaderInCharge || !o.value.active => {
                Err(fail(path!["leaderInChargeId"], Problem::NotALeaderInCharge))
            }
            Some(_) => Ok(()),
        }
    }

    fn certified(&self, conn: &Connection, id: Uuid) -> Result<Vec<Uuid>, AppError> {
        Ok(directory::list::<Official>(conn, false)?
            .into_iter()
            .filter(|o| o.value.department_id == id)
            .map(|o| o.id)
            .collect())
    }
}

impl DirectoryEntry for Official {
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SAVE: &'static str = "official_save";
    const LIST: &'static str = "official_list";
    const SAVE_SUMMARY: &'static str = "Create or amend an official";
    const LIST_SUMMARY: &'static str = "List officials (active only unless includeInactive)";
    type SaveRequest = SaveOfficial;

    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn affected(&self, id: Uuid) -> Option<Affected> {
        Some(Affected::Official(id))
    }

    fn certified(&self, _conn: &Connection, id: Uuid) -> Result<Vec<Uuid>, AppError> {
        Ok(vec![id])
    }

    fn check(&self, conn: &Connection, id: Option<Uuid>) -> Result<(), AppError> {
        if !directory::exists(conn, "department", &self.department_id)? {
            return Err(fail(path!["departmentId"], Problem::UnknownReference));
        }
        match directory::find_by(conn, "official", "staff_no", self.staff_no.trim())? {
            Some(other) if Some(other) != id => Err(fail(path!["staffNo"], Problem::Duplicate)),
            _ => Ok(()),
        }
    }
}

impl DirectoryEntry for Counterpart {
    const ACCESS: Access = Access::Needs(Action::AddCounterpart);
    const SAVE: &'static str = "counterpart_save";
    const LIST: &'static str = "counterpart_list";
    const SAVE_SUMMARY: &'static str =
        "Create or amend an enterprise or business association (credit code checked)";
    const LIST_SUMMARY: &'static str =
        "List enterprises and associations (active only unless includeInactive)";
    type SaveRequest = SaveCounterpart;

    fn validated(self) -> Result<Self, Invalid> {
        Counterpart::validated(self)
    }

    fn affected(&self, id: Uuid) -> Option<Affected> {
        Some(Affected::Counterpart(id))
    }

    fn check(&self, conn: &Connection, id: Option<Uuid>) -> Result<(), AppError> {
        let Some(code) = self.credit_code.as_deref() else {
            return Ok(());
        };
        match directory::find_by(conn, "counterpart", "credit_code", code)? {
            Some(other) if Some(other) != id => {
                Err(fail(path!["creditCode"], Problem::CreditCodeTaken))
            }
            _ => Ok(()),
        }
    }
}

impl DirectoryEntry for City {
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SAVE: &'static str = "city_save";
    const LIST: &'static str = "city_list";
    const SAVE_SUMMARY: &'static str = "Create or amend a destination city";
    const LIST_SUMMARY: &'static str = "List destination cities";
    type SaveRequest = SaveCity;

    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn check(&self, conn: &Connection, id: Option<Uuid>) -> Result<(), AppError> {
        let taken = directory::list::<City>(conn, false)?.into_iter().any(|c| {
            Some(c.id) != id && c.value.province == self.province && c.value.name == self.name
        });
        if taken {
            return Err(fail(path!["name"], Problem::Duplicate));
        }
        Ok(())
    }
}

impl DirectoryEntry for Standard {
    const ACCESS: Access = Access::Needs(Action::ManageStandards);
    const SAVE: &'static str = "standard_save";
    const LIST: &'static str = "standard_list";
    const SAVE_SUMMARY: &'static str =
        "Add or amend an effective-dated standard (audited; findings are evaluated again)";
    const LIST_SUMMARY: &'static str =
        "List the standards the rules use (active only unless includeInactive)";
    type SaveRequest = SaveStandard;

    fn validated(self) -> Result<Self, Invalid> {
        Standard::validated(self)
    }

    fn check(&self, conn: &Connection, id: Option<Uuid>) -> Result<(), AppError> {
        if let Some(city) = self.city_id {
            if !directory::exists(conn, "city", &city)? {
                return Err(fail(path!["cityId"], Problem::UnknownReference));
            }
        }
        // One figure per key, scope and day: two would make "the value in force" ambiguous.
        let clash = directory::list::<Standard>(conn, true)?
            .into_iter()
            .any(|row| {
                Some(row.id) != id
                    && self.active
                    && row.value.key == self.key
                    && row.value.tier == self.tier
                    && row.value.city_id == self.city_id
                    && row.value.effective_from == self.effective_from
            });
        if clash {
            return Err(fail(path!["effectiveFrom"], Problem::Duplicate));
        }
        Ok(())
    }

    fn affected(&self, _id: Uuid) -> Option<Affected> {
        Some(Affected::Kinds(findings::kinds_of(self.key)))
    }
}

impl DirectoryEntry for CalendarDay {
    const ACCESS: Access = Access::Needs(Action::ManageStandards);
    const SAVE: &'static str = "holiday_save";
    const LIST: &'static str = "holiday_list";
    const SAVE_SUMMARY: &'static str =
        "Correct the holiday calendar: add a holiday, or take a shipped day out (audited)";
    const LIST_SUMMARY: &'static str =
        "List the administrator's corrections to the holiday calendar";
    type SaveRequest = SaveCalendarDay;

    fn validated(self) -> Result<Self, Invalid> {
        CalendarDay::validated(self)
    }

    fn check(&self, conn: &Connection, id: Option<Uuid>) -> Result<(), AppError> {
        match directory::find_by(conn, "holiday", "date", &self.date.to_string())? {
            Some(other) if Some(other) != id => Err(fail(path!["date"], Problem::Duplicate)),
            _ => Ok(()),
        }
    }

    fn affected(&self, _id: Uuid) -> Option<Affected> {
        Some(Affected::Kinds(&[
            crate::domain::records::RecordKind::Contact,
        ]))
    }
}
