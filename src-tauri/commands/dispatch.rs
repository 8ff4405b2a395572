//! Running a command by name, or one command with its access checked, as the window,
//! the CLI and the demo do.

use serde_json::Value;

use super::command::{admit, Command};
use super::entry::Entry;
use super::list::COMMANDS;
use crate::core::Core;
use crate::error::AppError;

/// Runs the named command on a JSON request and returns its JSON response.
pub fn dispatch(core: &Core, name: &str, request: Value) -> Result<Value, AppError> {
    let entry = find(name).ok_or_else(|| AppError::UnknownCommand {
        name: name.to_owned(),
    })?;
    (entry.run)(core, request)
}

/// The command named `name`, if there is one.
pub fn find(name: &str) -> Option<&'static Entry> {
    COMMANDS.iter().find(|entry| entry.name == name)
}

/// The dispatcher's access check for `C` alone, for a caller that runs the work itself
/// (the CLI's audit check, which reports progress as it goes).
pub fn admitted<C: Command>(core: &Core) -> Result<(), AppError> {
    admit(core, C::ACCESS)
}

/// Runs a command with its access checked, as the dispatcher does: for the CLI's
/// friendlier subcommands, which build the request themselves.
pub fn run_checked<C: Command>(core: &Core, request: C::Request) -> Result<C::Response, AppError> {
    admit(core, C::ACCESS)?;
    C::run(core, request)
}
