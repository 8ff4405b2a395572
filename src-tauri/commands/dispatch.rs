//! Running a command by name: the type-erased entries of the list, and the access
//! check the dispatcher makes before any command runs.

use serde::Serialize;
use serde_json::Value;

use super::shapes::{export_pair, imports_pair, shape};
use super::{parse_request, Command, COMMANDS};
use crate::core::Core;
use crate::error::AppError;

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
fn admit(core: &Core, access: Access) -> Result<(), AppError> {
    let reader = core.reader();
    match access {
        Access::Open | Access::PerSubject => Ok(()),
        Access::SignedIn => core.actor(&reader).map(|_| ()),
        Access::Needs(action) => core
            .authorize(&reader, action, |_| crate::domain::access::Scope::Unscoped)
            .map(|_| ()),
    }
}

/// A command with its types erased, so the list can be walked and dispatched by name.
pub struct Entry {
    pub name: &'static str,
    pub summary: &'static str,
    pub access: Access,
    run: fn(&Core, Value) -> Result<Value, AppError>,
    request: fn() -> TypeShape,
    response: fn() -> TypeShape,
    pub(crate) export: fn(&ts_rs::Config) -> Result<(), ts_rs::ExportError>,
    /// The exported type names the request and response refer to (for imports).
    pub(crate) imports: fn() -> Vec<String>,
}

/// A request or response type: its TypeScript name and its inline shape.
#[derive(Debug, Clone, Serialize)]
pub struct TypeShape {
    pub name: String,
    pub shape: String,
}

impl Entry {
    pub(super) const fn of<C: Command>() -> Entry {
        Entry {
            name: C::NAME,
            summary: C::SUMMARY,
            access: C::ACCESS,
            run: run_json::<C>,
            request: shape::<C::Request>,
            response: shape::<C::Response>,
            export: export_pair::<C>,
            imports: imports_pair::<C>,
        }
    }

    pub fn request(&self) -> TypeShape {
        (self.request)()
    }

    pub fn response(&self) -> TypeShape {
        (self.response)()
    }
}

/// Runs the named command on a JSON request and returns its JSON response.
pub fn dispatch(core: &Core, name: &str, request: Value) -> Result<Value, AppError> {
    let entry = find(name).ok_or_else(|| AppError::UnknownCommand {
        name: name.to_owned(),
    })?;
    (entry.run)(core, request)
}

pub fn find(name: &str) -> Option<&'static Entry> {
    COMMANDS.iter().find(|entry| entry.name == name)
}

/// Runs a command with its access checked, as the dispatcher does: for the CLI's
/// friendlier subcommands, which build the request themselves.
/// The dispatcher's access check for `C` alone, for a caller that runs the work itself
/// (the CLI's audit check, which reports progress as it goes).
pub fn admitted<C: Command>(core: &Core) -> Result<(), AppError> {
    admit(core, C::ACCESS)
}

pub fn run_checked<C: Command>(core: &Core, request: C::Request) -> Result<C::Response, AppError> {
    admit(core, C::ACCESS)?;
    C::run(core, request)
}

fn run_json<C: Command>(core: &Core, request: Value) -> Result<Value, AppError> {
    admit(core, C::ACCESS)?;
    let request: C::Request = parse_request(C::NAME, request)?;
    let response = C::run(core, request)?;
    serde_json::to_value(response).map_err(|err| AppError::Internal(err.to_string()))
}
