//! The kinds of failure, a leaf: the store words its own errors with a code too.

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure this is; the UI decides how to show it from this alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// A field of the request is wrong; `field` names it.
    Validation,
    /// The request did not have the command's shape (wrong JSON).
    BadRequest,
    /// No command of that name.
    UnknownCommand,
    NotFound,
    /// The record is locked by a signed register.
    Locked,
    /// The person signed in may not do this.
    Forbidden,
    /// Nobody is signed in, or the passphrase is wrong.
    Unauthenticated,
    /// Not allowed from the record's review status (approving a draft).
    Workflow,
    Conflict,
    /// Stored data or history was changed outside the app.
    Integrity,
    /// The database refused: full disk, a file from a newer app, corruption.
    Storage,
    Io,
    Internal,
}
