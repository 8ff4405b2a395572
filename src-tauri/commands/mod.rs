//! The one declared list of commands. Each command names its request and response
//! types once; the Tauri dispatcher, the CLI's `call`, `call --list` and the
//! TypeScript bindings are all derived from [`COMMANDS`].

pub mod accounts;
mod app_info;
pub mod attachments;
pub mod attestation;
pub mod audit;
pub mod backup;
mod bindings;
pub mod bundle;
pub mod bundle_import;
pub mod bureau;
pub mod ca;
pub mod directory;
pub mod export;
pub mod findings;
mod language;
mod malformed;
pub mod permissions;
pub mod profile;
pub mod record_restore;
pub mod records;
pub mod recovery;
pub mod register;
pub mod register_issue;
pub mod review;
pub mod session;
pub mod sheet_import;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::core::Core;
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::error::{AppError, PathSegment};
use crate::rules::{CalendarDay, Standard};

pub use app_info::{AppInfo, AppInfoRequest};
pub use bindings::{export_bindings, BindingsError};
pub use language::{LanguageChanged, SetLanguageRequest};

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

/// Reads the file a request names in its `path` field (one the person chose), at
/// most `max_bytes`: a missing, unreadable, special or too large file is an error on
/// `path`.
pub(crate) fn read_chosen_file(
    path: &std::path::Path,
    max_bytes: u64,
) -> Result<Vec<u8>, AppError> {
    read_chosen_file_as(path, max_bytes, "path")
}

/// [`read_chosen_file`] for a file named by the request's field `field`.
pub(crate) fn read_chosen_file_as(
    path: &std::path::Path,
    max_bytes: u64,
    field: &str,
) -> Result<Vec<u8>, AppError> {
    crate::files::read_bounded(path, max_bytes).map_err(|e| {
        let problem = match e {
            crate::files::ReadError::TooLarge { max_bytes } => {
                crate::error::Problem::FileTooLarge {
                    max_mib: (max_bytes >> 20).max(1),
                }
            }
            crate::files::ReadError::NotAFile => crate::error::Problem::NotAFile,
            crate::files::ReadError::Io(e) => crate::error::Problem::FileUnreadable {
                detail: e.to_string(),
            },
        };
        AppError::validation([crate::error::PathSegment::Key(field.into())], problem)
    })
}

/// Every command, in the order `call --list` shows them.
pub static COMMANDS: &[Entry] = &[
    Entry::of::<app_info::GetAppInfo>(),
    Entry::of::<language::SetLanguage>(),
    Entry::of::<audit::AuditVerify>(),
    Entry::of::<bureau::BureauGet>(),
    Entry::of::<bureau::BureauSave>(),
    Entry::of::<session::SessionGet>(),
    Entry::of::<session::SessionSignIn>(),
    Entry::of::<session::SessionSignOut>(),
    Entry::of::<accounts::ProfileCreate>(),
    Entry::of::<accounts::ProfileList>(),
    Entry::of::<accounts::ProfileUpdate>(),
    Entry::of::<accounts::PassphraseChange>(),
    Entry::of::<accounts::KeyImport>(),
    Entry::of::<recovery::RecoveryKeyIssue>(),
    Entry::of::<recovery::PassphraseRecover>(),
    Entry::of::<ca::CaGet>(),
    Entry::of::<ca::CaCreate>(),
    Entry::of::<ca::CaExport>(),
    Entry::of::<ca::CaImport>(),
    Entry::of::<profile::ProfileGet>(),
    Entry::of::<profile::ProfileSave>(),
    Entry::of::<directory::Save<Department>>(),
    Entry::of::<directory::List<Department>>(),
    Entry::of::<directory::Save<Official>>(),
    Entry::of::<directory::List<Official>>(),
    Entry::of::<directory::Save<Counterpart>>(),
    Entry::of::<directory::List<Counterpart>>(),
    Entry::of::<directory::Save<City>>(),
    Entry::of::<directory::List<City>>(),
    Entry::of::<directory::Save<Standard>>(),
    Entry::of::<directory::List<Standard>>(),
    Entry::of::<directory::Save<CalendarDay>>(),
    Entry::of::<directory::List<CalendarDay>>(),
    Entry::of::<records::RecordCreate>(),
    Entry::of::<records::RecordUpdate>(),
    Entry::of::<records::RecordCancel>(),
    Entry::of::<record_restore::RecordRestore>(),
    Entry::of::<records::RecordGet>(),
    Entry::of::<records::RecordList>(),
    Entry::of::<records::RecordTotalsCommand>(),
    Entry::of::<records::RecordHistory>(),
    Entry::of::<export::RecordsExport>(),
    Entry::of::<export::RecordPrint>(),
    Entry::of::<review::RecordReview>(),
    Entry::of::<review::ReviewGet>(),
    Entry::of::<attestation::AttestMonth>(),
    Entry::of::<attestation::MonthOverviewCommand>(),
    Entry::of::<register::RegisterPreviewCommand>(),
    Entry::of::<register::RegisterDraftCommand>(),
    Entry::of::<register::RegisterPdfCommand>(),
    Entry::of::<register_issue::RegisterSign>(),
    Entry::of::<register_issue::RegisterCountersign>(),
    Entry::of::<register_issue::RegisterList>(),
    Entry::of::<register_issue::RegisterSave>(),
    Entry::of::<register_issue::RegisterVerify>(),
    Entry::of::<findings::RecordFindingsCommand>(),
    Entry::of::<findings::ListFindings>(),
    Entry::of::<findings::RuleList>(),
    Entry::of::<findings::HomeSummaryCommand>(),
    Entry::of::<attachments::AttachmentAdd>(),
    Entry::of::<attachments::AttachmentList>(),
    Entry::of::<attachments::AttachmentGet>(),
    Entry::of::<attachments::AttachmentRemove>(),
    Entry::of::<backup::BackupCreate>(),
    Entry::of::<backup::BackupListCommand>(),
    Entry::of::<backup::BackupRetention>(),
    Entry::of::<backup::BackupDaily>(),
    Entry::of::<backup::Restore>(),
    Entry::of::<bundle::BundleExport>(),
    Entry::of::<bundle::DirectoryBundleExport>(),
    Entry::of::<bundle_import::BundleImport>(),
    Entry::of::<sheet_import::SheetInspect>(),
    Entry::of::<sheet_import::SheetImport>(),
    Entry::of::<crate::demo::GenerateDemo>(),
];

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
    const fn of<C: Command>() -> Entry {
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

/// The file a request's `path` names (the person's choice in a dialog, or `--out`):
/// blank is refused on `path`.
pub(crate) fn chosen_path(path: &str) -> Result<std::path::PathBuf, AppError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(crate::error::fail(
            crate::path!["path"],
            crate::error::Problem::Required,
        ));
    }
    Ok(std::path::PathBuf::from(path))
}

/// Writes a file the person chose whole or not at all; a failure is `path`'s error.
/// Returns the path as people read it.
pub(crate) fn write_chosen(path: &std::path::Path, bytes: &[u8]) -> Result<String, AppError> {
    crate::files::write_atomic(path, bytes).map_err(path_unwritable)?;
    Ok(path.to_string_lossy().into_owned())
}

/// A file the person chose that could not be written: the error of the request's `path`.
pub(crate) fn path_unwritable(e: impl std::fmt::Display) -> AppError {
    crate::error::fail(
        crate::path!["path"],
        crate::error::Problem::FileUnwritable {
            detail: e.to_string(),
        },
    )
}

/// Deserializes a request; a wrong value inside it is a validation error on that
/// field's path, a wrong shape at the top is a bad request.
pub(crate) fn parse_request<T: DeserializeOwned>(
    command: &str,
    request: Value,
) -> Result<T, AppError> {
    serde_path_to_error::deserialize(request).map_err(|err| {
        let field: Vec<PathSegment> = err
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(PathSegment::Key(key.clone())),
                // An externally tagged enum's variant is a key in the JSON too.
                serde_path_to_error::Segment::Enum { variant } => {
                    Some(PathSegment::Key(variant.clone()))
                }
                serde_path_to_error::Segment::Seq { index } => {
                    u32::try_from(*index).ok().map(PathSegment::Index)
                }
                _ => None,
            })
            .collect();
        // In words, never the deserializer's text (see `malformed`).
        let (inner, problem) = malformed::understood(&err.inner().to_string());
        let mut field = field;
        field.extend(inner.map(PathSegment::Key));
        if field.is_empty() {
            AppError::RequestUnreadable {
                command: command.to_owned(),
                problem,
            }
        } else {
            AppError::validation(field, problem)
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
    export_deep::<C::Request>(cfg)?;
    export_deep::<C::Response>(cfg)
}

/// Exports a type with everything it refers to; a wrapper such as `Vec<T>` that
/// has no file of its own exports what it wraps.
fn export_deep<T: TS + 'static>(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
    if T::output_path().is_some() {
        return T::export_all(cfg);
    }
    struct Exporter<'a> {
        cfg: &'a ts_rs::Config,
        result: Result<(), ts_rs::ExportError>,
    }
    impl ts_rs::TypeVisitor for Exporter<'_> {
        fn visit<D: TS + 'static + ?Sized>(&mut self) {
            if self.result.is_ok() && D::output_path().is_some() {
                self.result = D::export_all(self.cfg);
            }
        }
    }
    let mut exporter = Exporter {
        cfg,
        result: Ok(()),
    };
    T::visit_dependencies(&mut exporter);
    T::visit_generics(&mut exporter);
    exporter.result
}

fn imports_pair<C: Command>() -> Vec<String> {
    let mut names = imports_of::<C::Request>();
    names.extend(imports_of::<C::Response>());
    names
}

/// The exported types a type's name mentions: `Array<Versioned<Department>>` needs
/// `Versioned` and `Department`.
fn imports_of<T: TS + 'static>() -> Vec<String> {
    struct Collector {
        cfg: ts_rs::Config,
        names: Vec<String>,
    }
    impl ts_rs::TypeVisitor for Collector {
        fn visit<D: TS + 'static + ?Sized>(&mut self) {
            if D::output_path().is_some() {
                self.names.push(D::ident(&self.cfg));
            }
            D::visit_generics(self);
        }
    }
    let mut collector = Collector {
        cfg: ts_rs::Config::new(),
        names: Vec::new(),
    };
    ts_rs::TypeVisitor::visit::<T>(&mut collector);
    collector.names
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
