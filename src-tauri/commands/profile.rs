//! Who uses this machine: the official the forms default to (their department, their
//! name). Passphrase-protected profiles and roles come with the review workflow; until
//! then this is a preference, not an identity.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::directory::{Official, OfficialId};
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::{directory, settings};

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProfileGetRequest {}

/// The official this machine's user is; `None` until chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    pub official_id: Option<OfficialId>,
}

pub struct ProfileGet;

impl Command for ProfileGet {
    const NAME: &'static str = "profile_get";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "Who uses this machine (the official forms default to)";
    type Request = ProfileGetRequest;
    type Response = Profile;

    fn run(core: &Core, _request: ProfileGetRequest) -> Result<Profile, AppError> {
        let reader = core.reader();
        // Signed in, the forms default to the person signed in.
        if let Some(actor) = core.actor(&reader)? {
            return Ok(Profile {
                official_id: Some(actor.official_id),
            });
        }
        let saved = settings::get(&reader, settings::PROFILE_OFFICIAL)?;
        // A profile naming an official that no longer parses or exists is no profile.
        let official_id = match saved.and_then(|text| OfficialId::parse_str(&text).ok()) {
            Some(id) if directory::get::<Official>(&reader, id)?.is_some() => Some(id),
            _ => None,
        };
        Ok(Profile { official_id })
    }
}

pub struct ProfileSave;

impl Command for ProfileSave {
    const NAME: &'static str = "profile_save";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "Choose who uses this machine (an active official, audited)";
    type Request = Profile;
    type Response = Profile;

    fn run(core: &Core, request: Profile) -> Result<Profile, AppError> {
        let stamp = core.stamp();
        core.store().write(|tx| {
            let value = match request.official_id {
                Some(id) => {
                    let active =
                        directory::get::<Official>(tx, id)?.is_some_and(|o| o.value.active);
                    if !active {
                        return Err(fail(path!["officialId"], Problem::UnknownReference));
                    }
                    id.to_string()
                }
                None => String::new(),
            };
            settings::set(tx, &stamp, settings::PROFILE_OFFICIAL, &value)?;
            Ok(request.clone())
        })
    }
}
