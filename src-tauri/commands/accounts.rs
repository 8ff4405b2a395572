//! Profiles and keys: who may sign in on this database, with what role, and the key
//! each person signs with. The first profile (an administrator) may be created by
//! anyone while the database has none; after that only administrators manage them.

use rand_core::OsRng;
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::directory::OfficialId;
use crate::domain::limits;
use crate::domain::validation::required_text;
use crate::error::AppError;
use crate::keyring::p12::read_p12;
use crate::keyring::view::{view_of, ProfileView};
use crate::keyring::{
    change_passphrase, check_new_passphrase, create_profile, import_key, update_profile,
    NewProfile, ProfileUpdateChange,
};
use crate::path;
use crate::signing::ca::BureauRoot;
use crate::signing::passphrase;
use crate::store::profiles::{self};
use crate::store::StoreError;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileCreateRequest {
    pub official_id: OfficialId,
    pub administrator: bool,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct ProfileCreate;

impl Command for ProfileCreate {
    const NAME: &'static str = "profile_create";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Create a profile for an official, with a passphrase and a new key and certificate";
    type Request = ProfileCreateRequest;
    type Response = ProfileView;

    fn run(core: &Core, request: ProfileCreateRequest) -> Result<ProfileView, AppError> {
        check_new_passphrase("passphrase", &request.passphrase)?;
        // Hashing is slow on purpose: do it before taking the database.
        let hash = passphrase::hash(&request.passphrase, &mut OsRng).map_err(AppError::Internal)?;
        let stamp = core.stamp();
        let first = core.store().write(
            |tx| -> Result<Option<(ProfileView, Option<BureauRoot>)>, AppError> {
                let first = !profiles::any(tx)?;
                // Anyone may create the first profile of a database; after that only
                // an administrator.
                if !first {
                    core.authorize(tx, Action::ManageProfiles, |_| Scope::Unscoped)?;
                }
                let issuer = core.issuer();
                let (row, made) = create_profile(
                    tx,
                    &stamp,
                    &NewProfile {
                        official_id: request.official_id,
                        administrator: request.administrator,
                        passphrase: &request.passphrase,
                        passphrase_hash: hash,
                    },
                    first,
                    issuer.as_deref(),
                )?;
                let shown = view_of(tx, &row)?;
                Ok(first.then_some((shown, made)))
            },
        )?;
        // Whoever creates the first administrator is that administrator: signed in,
        // holding the bureau's root made for them.
        if let Some((view, made)) = first {
            core.set_session(Some(view.id));
            if let Some(root) = made {
                core.hold_issuer(view.id, root);
            }
            // From now on the database opens only with a passphrase (or the recovery
            // key, which the set-up screen issues next).
            core.give_key_slot(view.id, &request.passphrase)?;
            return Ok(view);
        }
        let created = profiles::by_official(&core.reader(), request.official_id)?
            .ok_or_else(|| StoreError::not_found("profile", request.official_id))?;
        core.give_key_slot(created.id, &request.passphrase)?;
        view_of(&core.reader(), &created)
    }
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProfileListRequest {}

pub struct ProfileList;

impl Command for ProfileList {
    const NAME: &'static str = "profile_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "Every profile with its keys and certificates (revoked ones too)";
    type Request = ProfileListRequest;
    type Response = Vec<ProfileView>;

    fn run(core: &Core, _request: ProfileListRequest) -> Result<Vec<ProfileView>, AppError> {
        let reader = core.reader();
        profiles::list(&reader)?
            .iter()
            .map(|row| view_of(&reader, row))
            .collect()
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileUpdateRequest {
    pub id: Uuid,
    #[ts(type = "number")]
    pub version: i64,
    pub administrator: bool,
    /// Deactivating revokes the current key from now (a replaced head, someone gone).
    pub active: bool,
    /// Set to give a new passphrase (forgotten passphrase): the current key is revoked
    /// from now and a new one issued under it.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub new_passphrase: Option<crate::signing::Secret>,
    /// Why, kept with a revocation.
    #[serde(default)]
    pub reason: String,
}

pub struct ProfileUpdate;

impl Command for ProfileUpdate {
    const NAME: &'static str = "profile_update";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str =
        "Change a profile's administrator flag, deactivate it, or reset its passphrase and key";
    type Request = ProfileUpdateRequest;
    type Response = ProfileView;

    fn run(core: &Core, request: ProfileUpdateRequest) -> Result<ProfileView, AppError> {
        let reset = request.new_passphrase.as_deref();
        if let Some(new) = reset {
            check_new_passphrase("newPassphrase", new)?;
        }
        let revokes = reset.is_some() || !request.active;
        if revokes {
            required_text(path!["reason"], &request.reason, limits::PROFILE_REASON)?;
        }
        let hash = reset
            .map(|new| passphrase::hash(new, &mut OsRng).map_err(AppError::Internal))
            .transpose()?;
        let stamp = core.stamp();
        let view = core.store().write(|tx| {
            let change = ProfileUpdateChange {
                version: request.version,
                administrator: request.administrator,
                active: request.active,
                new_passphrase: reset.map(|new| (new, hash.as_deref().unwrap_or_default())),
                reason: request.reason.trim(),
            };
            let row = update_profile(tx, &stamp, request.id, &change, core.issuer().as_deref())?;
            view_of(tx, &row)
        })?;
        // The key slots follow: a deactivated profile's passphrase no longer opens the
        // database, a reset one does (and the old one no longer).
        match (reset, request.active) {
            (_, false) => core.take_key_slot(request.id)?,
            (Some(new), true) => core.give_key_slot(request.id, new)?,
            (None, true) => {}
        }
        Ok(view)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PassphraseChangeRequest {
    #[ts(type = "string")]
    pub current: crate::signing::Secret,
    #[ts(type = "string")]
    pub new: crate::signing::Secret,
}

pub struct PassphraseChange;

impl Command for PassphraseChange {
    const NAME: &'static str = "passphrase_change";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Change one's own passphrase (the key stays the same, re-encrypted)";
    type Request = PassphraseChangeRequest;
    type Response = ProfileView;

    fn run(core: &Core, request: PassphraseChangeRequest) -> Result<ProfileView, AppError> {
        check_new_passphrase("new", &request.new)?;
        let profile_id = core.session().ok_or(AppError::SignInRequired)?;
        let hash = passphrase::hash(&request.new, &mut OsRng).map_err(AppError::Internal)?;
        let stamp = core.stamp();
        let view = core.store().write(|tx| {
            let row = change_passphrase(
                tx,
                &stamp,
                profile_id,
                &request.current,
                &request.new,
                &hash,
            )?;
            view_of(tx, &row)
        })?;
        core.give_key_slot(profile_id, &request.new)?;
        Ok(view)
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyImportRequest {
    /// The .p12 / .pfx file a bureau CA issued.
    pub path: String,
    /// The password the .p12 was exported with.
    #[ts(type = "string")]
    pub p12_password: crate::signing::Secret,
    /// The person's own passphrase: the imported key is kept encrypted under it.
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct KeyImport;

impl Command for KeyImport {
    const NAME: &'static str = "key_import";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str =
        "Replace one's own key with a bureau CA's (.p12, ECDSA P-256); the old key is revoked from now";
    type Request = KeyImportRequest;
    type Response = ProfileView;

    fn run(core: &Core, request: KeyImportRequest) -> Result<ProfileView, AppError> {
        let profile_id = core.session().ok_or(AppError::SignInRequired)?;
        let (key, leaf) = read_p12(&request.path, &request.p12_password)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let row = import_key(tx, &stamp, profile_id, &request.passphrase, &key, &leaf)?;
            view_of(tx, &row)
        })
    }
}
