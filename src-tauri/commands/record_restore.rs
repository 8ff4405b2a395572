//! Restoring a cancelled record: valid again, with the reason kept and audited.

use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::access::Action;
use crate::domain::limits;
use crate::domain::records::RecordId;
use crate::domain::validation::required_text;
use crate::domain::workflow::Transition;
use crate::error::AppError;
use crate::path;
use crate::records::{authorize_record, entering};
use crate::reviewing::before_change;
use crate::store::records::{self, StoredRecord};
use crate::store::references::check_references;
use crate::store::{review, StoreError};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordRestoreRequest {
    pub id: RecordId,
    /// The version last read: a record changed since is a conflict.
    #[ts(type = "number")]
    pub version: i64,
    /// Why the cancellation is undone (kept with the new version).
    pub reason: String,
}

pub struct RecordRestore;

impl Command for RecordRestore {
    const NAME: &'static str = "record_restore";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Restore a cancelled record with a reason: a new version, audited like a cancellation";
    type Request = RecordRestoreRequest;
    type Response = StoredRecord;

    fn run(core: &Core, request: RecordRestoreRequest) -> Result<StoredRecord, AppError> {
        required_text(path!["reason"], &request.reason, limits::RECORD_REASON)?;
        let stamp = core.stamp();
        core.store().write(|tx| {
            let current = records::get(tx, request.id)?
                .ok_or_else(|| StoreError::not_found("record", request.id))?;
            if !current.cancelled {
                return Err(AppError::NotCancelled {
                    id: request.id.to_string(),
                });
            }
            // A record no signed register listed comes back as a new entry would: into
            // a signed month it is a late registration, which is the head's (as when
            // the head registers it late in the first place). One a register listed
            // comes back as an amendment of it (with its reason).
            let action = if review::get(tx, request.id)?.locked_by.is_none() {
                entering(tx, current.department_id, &current.body, None)?
            } else {
                Action::EnterRecord
            };
            authorize_record(core, tx, action, &current)?;
            before_change(tx, &stamp, &current, Transition::Restore, &request.reason)?;
            // The people and enterprises it names must still be in the directory.
            let names = check_references(tx, current.department_id, &current.body)?;
            Ok(records::restore(
                tx,
                &stamp,
                request.id,
                request.version,
                request.reason.trim(),
                &names,
            )?)
        })
    }
}
