//! The one declared list of commands. Each command names its request and response
//! types once; the Tauri dispatcher, the CLI's `call`, `call --list` and the
//! TypeScript bindings are all derived from [`COMMANDS`] (`list.rs`).

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
mod command;
pub mod demo;
pub mod directory;
mod dispatch;
mod entry;
pub mod export;
pub mod findings;
mod language;
mod list;
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

pub use app_info::{AppInfo, AppInfoRequest};
pub use command::{Access, Command};
pub use dispatch::{admitted, dispatch, find, run_checked};
pub use entry::Entry;
pub use language::{LanguageChanged, SetLanguageRequest};
pub use list::COMMANDS;
pub(crate) use malformed::parse_request;
pub use shapes::TypeShape;

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
