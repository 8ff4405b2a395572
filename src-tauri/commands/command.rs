//! What a command is — a name, a request, a response, who may run it — and the
//! dispatcher's part of that access check. Every command file implements this; it
//! depends on nothing else in `commands/`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use ts_rs::TS;

use crate::core::Core;
use crate::error::AppError;

/// A command of the core: a name, a request, a response, and what it does.
pub trait Command: 'static {
    /// The name used over IPC and on the command line (`snake_case`).
    const NAME: &'static str;
    /// One line for `qinqing call --list` (developers read it, so English only).
    const SUMMARY: &'static str;
    /// Who may run it, checked before it runs (see [`Access`]).
    const ACCESS: Access;
    type Request: DeserializeOwned + TS + 'static;
    type Response: Serialize + TS + 'static;

    fn run(core: &Core, request: Self::Request) -> Result<Self::Response, AppError>;
}

/// Who may run a command. Every command states it (there is no default), and the
/// dispatcher checks it before the command runs; commands about particular records
/// check the actor against those records inside their transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not: app information, language, signing in.
    Open,
    /// Anyone signed in (inspectors included): reading.
    SignedIn,
    /// Someone whose role allows this action (directory, standards, profiles).
    Needs(crate::domain::access::Action),
    /// Checked by the command against the records or people it touches.
    PerSubject,
}

/// Runs the dispatcher's part of the access check.
pub(super) fn admit(core: &Core, access: Access) -> Result<(), AppError> {
    let reader = core.reader();
    match access {
        Access::Open | Access::PerSubject => Ok(()),
        Access::SignedIn => core.actor(&reader).map(|_| ()),
        Access::Needs(action) => core
            .authorize(&reader, action, |_| crate::domain::access::Scope::Unscoped)
            .map(|_| ()),
    }
}
