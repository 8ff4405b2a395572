use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::error::AppError;
use crate::i18n::Lang;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppInfoRequest {}

/// What the about screen and support staff need to know about this installation.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub app_version: String,
    /// The schema version of the open database (`PRAGMA user_version`); none while an
    /// encrypted database is still locked.
    pub schema_version: Option<u32>,
    /// How the database is protected; none while it is still locked (encrypted).
    pub protection: Option<crate::store::vault::Protection>,
    /// Whether a recovery key has been issued; none while locked.
    pub recovery_key_issued: Option<bool>,
    pub data_dir: String,
    pub database_path: String,
    pub sqlite_version: String,
    pub language: Lang,
}

pub struct GetAppInfo;

impl Command for GetAppInfo {
    const NAME: &'static str = "app_info";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str =
        "Version, data directory, database path and schema version of this installation";
    type Request = AppInfoRequest;
    type Response = AppInfo;

    fn run(core: &Core, _request: AppInfoRequest) -> Result<AppInfo, AppError> {
        let location = core.location();
        Ok(AppInfo {
            app_version: crate::APP_VERSION.to_owned(),
            schema_version: Some(core.schema_version()?),
            protection: Some(core.protection()),
            recovery_key_issued: Some(core.has_recovery_key()),
            data_dir: location.data_dir.display().to_string(),
            database_path: location.database.display().to_string(),
            sqlite_version: crate::store::sqlite_version().to_owned(),
            language: core.lang(),
        })
    }
}
