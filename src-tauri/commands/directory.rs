//! Directory commands: save (create or amend) and list departments, officials,
//! counterparts, cities, standards and holiday corrections. One generic adapter of the
//! directory service; each type states its command names and who may save it.

use crate::domain::id::Id;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::directory::{self as directory_service, Entry};
use crate::domain::access::Action;
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::error::AppError;
use crate::rules::{CalendarDay, Standard};
use crate::store::directory::{self, Versioned};

/// Save a directory entry: without `id` it is created; with `id` and the `version`
/// last read, it is amended (a stale version is a conflict, not an overwrite).
pub struct SaveRequest<T> {
    pub id: Option<Id<T>>,
    pub version: Option<i64>,
    pub value: T,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DirectoryListRequest {
    pub include_inactive: bool,
}

/// A directory type as the commands see it: its command names and who may save one.
pub trait DirectoryEntry: Entry + Serialize + DeserializeOwned + TS {
    const SAVE: &'static str;
    const LIST: &'static str;
    const SAVE_SUMMARY: &'static str;
    const LIST_SUMMARY: &'static str;
    /// Who may save one.
    const ACCESS: Access;
    type SaveRequest: DeserializeOwned + TS + 'static + Into<SaveRequest<Self>>;
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
        directory_service::save(core, request.id, request.version, request.value)
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
            pub id: Option<Id<$ty>>,
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
}

impl DirectoryEntry for Official {
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SAVE: &'static str = "official_save";
    const LIST: &'static str = "official_list";
    const SAVE_SUMMARY: &'static str = "Create or amend an official";
    const LIST_SUMMARY: &'static str = "List officials (active only unless includeInactive)";
    type SaveRequest = SaveOfficial;
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
}

impl DirectoryEntry for City {
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SAVE: &'static str = "city_save";
    const LIST: &'static str = "city_list";
    const SAVE_SUMMARY: &'static str = "Create or amend a destination city";
    const LIST_SUMMARY: &'static str = "List destination cities";
    type SaveRequest = SaveCity;
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
}
