//! A command with its types erased, so the list can be walked and run by name.

use serde_json::Value;

use super::command::{admit, Access, Command};
use super::malformed::parse_request;
use super::shapes::{export_pair, imports_pair, shape, TypeShape};
use crate::core::Core;
use crate::error::AppError;

/// A command with its types erased, so the list can be walked and dispatched by name.
pub struct Entry {
    pub name: &'static str,
    pub summary: &'static str,
    pub access: Access,
    pub(super) run: fn(&Core, Value) -> Result<Value, AppError>,
    request: fn() -> TypeShape,
    response: fn() -> TypeShape,
    pub(crate) export: fn(&ts_rs::Config) -> Result<(), ts_rs::ExportError>,
    /// The exported type names the request and response refer to (for imports).
    pub(crate) imports: fn() -> Vec<String>,
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

fn run_json<C: Command>(core: &Core, request: Value) -> Result<Value, AppError> {
    admit(core, C::ACCESS)?;
    let request: C::Request = parse_request(C::NAME, request)?;
    let response = C::run(core, request)?;
    serde_json::to_value(response).map_err(|err| AppError::Internal(err.to_string()))
}
