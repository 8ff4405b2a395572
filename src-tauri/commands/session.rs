//! Signing in and out. The window keeps one person signed in at a time; the CLI
//! signs in for one call with `--as` and the passphrase from a prompt or
//! `QINQING_PASSPHRASE`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::error::AppError;
use crate::keyring::view::ProfileView;
use crate::signing::passphrase;
use crate::store::profiles;
use crate::store::vault::Protection;

/// Who is signed in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionUser {
    pub profile: ProfileView,
}

/// Someone who may sign in, as the sign-in screen lists them (all a locked database's
/// key slots can say).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInChoice {
    pub id: Uuid,
    pub name: String,
    pub staff_no: String,
    pub department_name: String,
    pub role: crate::domain::directory::OfficialRole,
    pub administrator: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    /// False while the database has no profiles: the first run creates the first
    /// administrator, and until then nobody signs in.
    pub profiles_exist: bool,
    /// The database is encrypted and nobody has opened it yet in this run: only
    /// signing in (or recovering with the recovery key) is possible.
    pub locked: bool,
    pub user: Option<SessionUser>,
    /// What whoever is at the keyboard may do: the person signed in, on their own
    /// records, their department's or unscoped (the UI offers only these); every
    /// action while the database has no profiles; nothing when signed out.
    pub may: Vec<Action>,
    /// Who can sign in here (active profiles), for the sign-in screen.
    pub profiles: Vec<SignInChoice>,
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SessionGetRequest {}

pub struct SessionGet;

impl Command for SessionGet {
    const NAME: &'static str = "session_get";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str = "Who is signed in, what they may do, and who could sign in";
    type Request = SessionGetRequest;
    type Response = SessionInfo;

    fn run(core: &Core, _request: SessionGetRequest) -> Result<SessionInfo, AppError> {
        session_info(core)
    }
}

pub fn session_info(core: &Core) -> Result<SessionInfo, AppError> {
    let conn = &*core.reader();
    let rows = profiles::list(conn)?;
    let mut shown: Vec<ProfileView> = Vec::new();
    for row in rows.iter().filter(|r| r.active) {
        shown.push(crate::keyring::view::view_of(conn, row)?);
    }
    let actor = match core.actor(conn) {
        Ok(actor) => actor,
        Err(AppError::SignInRequired) => None,
        Err(other) => return Err(other),
    };
    let may = match &actor {
        Some(actor) => Action::ALL
            .into_iter()
            .filter(|action| {
                [Scope::Own, Scope::Department, Scope::Unscoped]
                    .into_iter()
                    .any(|scope| actor.may(*action, scope))
            })
            .collect(),
        None if rows.is_empty() => Action::ALL.to_vec(),
        None => Vec::new(),
    };
    let user = match actor {
        Some(actor) => {
            let profile = shown
                .iter()
                .find(|p| p.id == actor.profile_id)
                .cloned()
                .ok_or(AppError::SignInRequired)?;
            Some(SessionUser { profile })
        }
        None => None,
    };
    Ok(SessionInfo {
        profiles_exist: !rows.is_empty(),
        locked: false,
        user,
        may,
        profiles: shown
            .into_iter()
            .map(|p| SignInChoice {
                id: p.id,
                name: p.name,
                staff_no: p.staff_no,
                department_name: p.department_name,
                role: p.role,
                administrator: p.administrator,
            })
            .collect(),
    })
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInRequest {
    pub profile_id: Uuid,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct SessionSignIn;

impl Command for SessionSignIn {
    const NAME: &'static str = "session_sign_in";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str = "Sign in as a profile with its passphrase";
    type Request = SignInRequest;
    type Response = SessionInfo;

    fn run(core: &Core, request: SignInRequest) -> Result<SessionInfo, AppError> {
        sign_in(core, request.profile_id, &request.passphrase)?;
        session_info(core)
    }
}

/// Checks the passphrase of an active profile and signs it in; a wrong one signs
/// nobody in (and signs out whoever was).
pub fn sign_in(core: &Core, profile_id: Uuid, given: &str) -> Result<(), AppError> {
    let profile = profiles::get(&core.reader(), profile_id)?
        .filter(|p| p.active)
        .ok_or(AppError::WrongPassphrase)?;
    core.set_session(None);
    if !passphrase::matches(given, &profile.passphrase_hash) {
        return Err(AppError::WrongPassphrase);
    }
    core.set_session(Some(profile_id));
    // An inactive official cannot act either.
    let actor = core.actor(&core.reader());
    if let Err(err) = actor {
        core.set_session(None);
        return Err(err);
    }
    // Secrets kept under older, cheaper parameters are re-encrypted now that the
    // passphrase is known; a failure here leaves them as they were and signs in anyway.
    let stamp = core.stamp();
    if let Err(err) = core
        .store()
        .write(|tx| crate::keyring::strengthen(tx, &stamp, profile_id, given))
    {
        eprintln!("{}", err.message(core.lang()));
    }
    // Whose passphrase opened the database keeps a key slot: a profile without one
    // (created before encryption, reactivated) gets it now; an administrator's
    // sign-in encrypts a plain database from before encryption. A failure is told,
    // and leaves the database as it was.
    if !core.has_key_slot(profile_id) || core.protection() == Protection::Plain {
        if let Err(err) = core.give_key_slot(profile_id, given) {
            eprintln!("{}", err.message(core.lang()));
        }
    }
    // An administrator who holds the bureau's root key opens it for the session, to
    // issue certificates.
    let root = crate::certification::open_root(&core.reader(), profile_id, given);
    if let Ok(Some(root)) = root {
        core.hold_issuer(profile_id, root);
    }
    Ok(())
}

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SignOutRequest {}

pub struct SessionSignOut;

impl Command for SessionSignOut {
    const NAME: &'static str = "session_sign_out";
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str = "Sign out";
    type Request = SignOutRequest;
    type Response = SessionInfo;

    fn run(core: &Core, _request: SignOutRequest) -> Result<SessionInfo, AppError> {
        core.set_session(None);
        session_info(core)
    }
}

/// The profile someone names on the command line: its id, its official's staff
/// number, or its official's name (when only one profile has it).
pub fn find_profile(core: &Core, who: &str) -> Result<Uuid, AppError> {
    let conn = &*core.reader();
    let mut named = Vec::new();
    for row in profiles::list(conn)? {
        let official = crate::store::directory::get::<crate::domain::directory::Official>(
            conn,
            row.official_id,
        )?;
        let (staff_no, name) = official
            .map(|o| (o.value.staff_no, o.value.name))
            .unwrap_or_default();
        named.push((row.id, staff_no, name));
    }
    crate::keyring::named_profile(
        who,
        named
            .iter()
            .map(|(id, staff_no, name)| (*id, staff_no.as_str(), name.as_str())),
    )
}
