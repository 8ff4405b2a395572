//! The one declared list of commands. Each command names its request and response
//! types once; the Tauri dispatcher, the CLI's `call`, `call --list` and the
//! TypeScript bindings are all derived from [`COMMANDS`].

mod app_info;
pub mod audit;
mod bindings;
mod language;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::core::Core;
use crate::error::{AppError, PathSegment, Problem};

pub use app_info::{AppInfo, AppInfoRequest};
pub use bindings::{export_bindings, BindingsError};
pub use language::{LanguageChanged, SetLanguageRequest};

/// A command of the core: a name, a request, a response, and what it does.
pub trait Command: 'static {
    /// The name used over IPC and on the command line (`snake_case`).
    const NAME: &'static str;
    /// One line for `qinqing call --list` (developers read it, so English only).
    const SUMMARY: &'static str;
    type Request: DeserializeOwned + TS + 'static;
    type Response: Serialize + TS + 'static;

    fn run(core: &Core, request: Self::Request) -> Result<Self::Response, AppError>;
}

/// Every command, in the order `call --list` shows them.
pub static COMMANDS: &[Entry] = &[
    Entry::of::<app_info::GetAppInfo>(),
    Entry::of::<language::SetLanguage>(),
    Entry::of::<audit::AuditVerify>(),
];

/// A command with its types erased, so the list can be walked and dispatched by name.
pub struct Entry {
    pub name: &'static str,
    pub summary: &'static str,
    run: fn(&Core, Value) -> Result<Value, AppError>,
    request: fn() -> TypeShape,
    response: fn() -> TypeShape,
    pub(crate) export: fn(&ts_rs::Config) -> Result<(), ts_rs::ExportError>,
}

/// A request or response type: its TypeScript name and its inline shape.
#[derive(Debug, Clone, Serialize)]
pub struct TypeShape {
    pub name: String,
    pub shape: String,
}

impl Entry {
    const fn of<C: Command>() -> Entry {
        Entry {
            name: C::NAME,
            summary: C::SUMMARY,
            run: run_json::<C>,
            request: shape::<C::Request>,
            response: shape::<C::Response>,
            export: export_pair::<C>,
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

fn run_json<C: Command>(core: &Core, request: Value) -> Result<Value, AppError> {
    let request: C::Request = parse_request(C::NAME, request)?;
    let response = C::run(core, request)?;
    serde_json::to_value(response).map_err(|err| AppError::Internal(err.to_string()))
}

/// Deserializes a request; a wrong value inside it is a validation error on that
/// field's path, a wrong shape at the top is a bad request.
fn parse_request<T: DeserializeOwned>(command: &str, request: Value) -> Result<T, AppError> {
    serde_path_to_error::deserialize(request).map_err(|err| {
        let field: Vec<PathSegment> = err
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(PathSegment::Key(key.clone())),
                serde_path_to_error::Segment::Seq { index } => {
                    u32::try_from(*index).ok().map(PathSegment::Index)
                }
                _ => None,
            })
            .collect();
        let detail = err.inner().to_string();
        if field.is_empty() {
            AppError::BadRequest {
                command: command.to_owned(),
                detail,
            }
        } else {
            AppError::validation(field, Problem::Malformed { detail })
        }
    })
}

fn shape<T: TS>() -> TypeShape {
    let cfg = ts_rs::Config::new();
    TypeShape {
        name: T::name(&cfg),
        shape: without_doc_comments(&T::inline(&cfg)),
    }
}

/// The inline TypeScript shape on one line, without the doc comments ts-rs keeps.
fn without_doc_comments(shape: &str) -> String {
    let mut out = String::with_capacity(shape.len());
    let mut rest = shape;
    while let Some(start) = rest.find("/**") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn export_pair<C: Command>(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
    C::Request::export_all(cfg)?;
    C::Response::export_all(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_snake_case() {
        let mut seen = HashSet::new();
        for entry in COMMANDS {
            assert!(seen.insert(entry.name), "duplicate command {}", entry.name);
            assert!(
                entry
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{} is not snake_case",
                entry.name
            );
        }
    }

    #[test]
    fn doc_comments_are_dropped_from_shapes() {
        assert_eq!(
            without_doc_comments("{ a: string, \n/**\n * why\n */\nb: number, }"),
            "{ a: string, b: number, }"
        );
    }

    #[test]
    fn shapes_name_the_types() {
        let entry = find("app_info").unwrap();
        assert_eq!(entry.response().name, "AppInfo");
        assert!(entry.response().shape.contains("schemaVersion"));
    }
}
