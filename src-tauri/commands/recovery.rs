//! The bureau's recovery key: issued (and re-issued) by an administrator, shown once
//! to be printed and kept in a safe; used when every administrator's passphrase is
//! forgotten, to give one administrator a new passphrase.

use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use super::session::{session_info, SessionInfo};
use crate::core::Core;
use crate::domain::access::Action;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::signing::passphrase;
use crate::store::keyslots::{KeyError, RecoveryKey};

#[derive(Debug, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecoveryKeyIssueRequest {}

/// A new recovery key, shown this once.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryKeyIssued {
    /// 32 characters in groups of four (`ABCD-EFGH-…`).
    pub recovery_key: String,
    pub issued_at: String,
    pub database_path: String,
}

pub struct RecoveryKeyIssue;

impl Command for RecoveryKeyIssue {
    const NAME: &'static str = "recovery_key_issue";
    const ACCESS: Access = Access::Needs(Action::ManageProfiles);
    const SUMMARY: &'static str =
        "Issue the database's recovery key (shown once); a previous one stops working";
    type Request = RecoveryKeyIssueRequest;
    type Response = RecoveryKeyIssued;

    fn run(core: &Core, _request: RecoveryKeyIssueRequest) -> Result<RecoveryKeyIssued, AppError> {
        let key = core
            .issue_recovery_key()?
            // A plain database (before encryption) has no key to recover.
            .ok_or_else(|| fail(path!["recoveryKey"], Problem::NotApplicable))?;
        Ok(RecoveryKeyIssued {
            recovery_key: key.display().to_string(),
            issued_at: core
                .now()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            database_path: core.location().database.display().to_string(),
        })
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoverRequest {
    /// The recovery key as printed; may be left out when the database was opened with
    /// it (the CLI's `--recovery-key-file`).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub recovery_key: Option<crate::signing::Secret>,
    /// The administrator who gets a new passphrase.
    pub profile_id: Uuid,
    #[ts(type = "string")]
    pub new_passphrase: crate::signing::Secret,
}

/// The recovery key a request carries, read as typed.
pub fn recovery_key(request: &RecoverRequest) -> Result<RecoveryKey, AppError> {
    request
        .recovery_key
        .as_deref()
        .and_then(RecoveryKey::parse)
        .ok_or_else(|| KeyError::WrongRecoveryKey.into())
}

pub struct PassphraseRecover;

impl Command for PassphraseRecover {
    const NAME: &'static str = "passphrase_recover";
    // The recovery key itself is the permission, checked first.
    const ACCESS: Access = Access::Open;
    const SUMMARY: &'static str =
        "With the recovery key, give an administrator a new passphrase (signs them in)";
    type Request = RecoverRequest;
    type Response = SessionInfo;

    fn run(core: &Core, request: RecoverRequest) -> Result<SessionInfo, AppError> {
        match &request.recovery_key {
            Some(_) => core.check_recovery_key(&recovery_key(&request)?)?,
            None if core.opened_by_recovery() => {}
            None => return Err(KeyError::WrongRecoveryKey.into()),
        }
        crate::keyring::check_new_passphrase("newPassphrase", &request.new_passphrase)?;
        let hash =
            passphrase::hash(&request.new_passphrase, &mut OsRng).map_err(AppError::Internal)?;
        core.set_session(None);
        let stamp = core.stamp();
        core.store().write(|tx| {
            crate::keyring::recover_administrator(
                tx,
                &stamp,
                request.profile_id,
                &request.new_passphrase,
                &hash,
            )
        })?;
        core.set_session(Some(request.profile_id));
        core.give_key_slot(request.profile_id, &request.new_passphrase)?;
        session_info(core)
    }
}
