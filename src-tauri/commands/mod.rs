//! The one declared list of commands. Each command names its request and response
//! types once; the Tauri dispatcher, the CLI's `call`, `call --list` and the
//! TypeScript bindings are all derived from [`COMMANDS`].

pub mod accounts;
mod app_info;
pub mod attachments;
pub mod attestation;
pub mod audit;
pub mod backup;
pub mod bindings;
pub mod bundle;
pub mod bundle_import;
pub mod bureau;
pub mod ca;
pub mod demo;
pub mod directory;
mod dispatch;
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
mod shapes;
pub mod sheet_import;

use serde::de::DeserializeOwned;
use serde::Serialize;
use ts_rs::TS;

use crate::core::Core;
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::error::AppError;
use crate::rules::{CalendarDay, Standard};

pub use app_info::{AppInfo, AppInfoRequest};
pub use language::{LanguageChanged, SetLanguageRequest};

pub(crate) use crate::files::chosen::{
    chosen_path, path_unwritable, read_chosen_file, write_chosen,
};
pub use dispatch::{admitted, dispatch, find, run_checked, Access, Entry, TypeShape};
pub(crate) use malformed::parse_request;

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
    Entry::of::<demo::GenerateDemo>(),
];

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
    fn shapes_name_the_types() {
        let entry = find("app_info").unwrap();
        assert_eq!(entry.response().name, "AppInfo");
        assert!(entry.response().shape.contains("schemaVersion"));
    }
}
