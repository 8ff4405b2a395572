use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::directory::Bureau;
use crate::error::AppError;
use crate::store::settings;

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BureauGetRequest {}

/// The bureau as saved; `name` is `None` until an administrator sets it.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BureauSetting {
    pub name: Option<String>,
}

pub struct BureauGet;

impl Command for BureauGet {
    const NAME: &'static str = "bureau_get";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "The bureau's name (填报单位 on every register)";
    type Request = BureauGetRequest;
    type Response = BureauSetting;

    fn run(core: &Core, _request: BureauGetRequest) -> Result<BureauSetting, AppError> {
        Ok(BureauSetting {
            name: settings::get(&core.reader(), settings::BUREAU_NAME)?,
        })
    }
}

pub struct BureauSave;

impl Command for BureauSave {
    const NAME: &'static str = "bureau_save";
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SUMMARY: &'static str = "Set the bureau's name (audited)";
    type Request = Bureau;
    type Response = BureauSetting;

    fn run(core: &Core, request: Bureau) -> Result<BureauSetting, AppError> {
        request.validate()?;
        let name = request.name.trim().to_owned();
        let stamp = core.stamp();
        core.store()
            .write(|tx| settings::set(tx, &stamp, settings::BUREAU_NAME, &name))?;
        Ok(BureauSetting { name: Some(name) })
    }
}
