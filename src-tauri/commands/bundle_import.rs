//! `bundle_import`: reads the chosen file and runs the import service
//! (`bundle::import`) in a transaction — applied whole, or rolled back for a dry run.

use std::collections::HashMap;

use serde::Deserialize;
use ts_rs::TS;

use super::command::{Access, Command};
use crate::bundle::import::{self, ImportReport, Options, Resolution};
use crate::bundle::MAX_BYTES;
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::records::RecordId;
use crate::error::{fail, AppError, Problem};
use crate::path;

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleImportRequest {
    pub path: String,
    /// Report what would happen and change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// A choice for each record in conflict, by record id.
    #[serde(default)]
    pub resolutions: HashMap<RecordId, Resolution>,
    /// Accept what this database does not know yet — a record bundle's signer, a
    /// directory bundle's bureau root — whose certificate has this fingerprint (read out
    /// by the exporter and compared): an administrator's call.
    #[serde(default)]
    pub trust_fingerprint: Option<String>,
}

pub struct BundleImport;

impl Command for BundleImport {
    const NAME: &'static str = "bundle_import";
    const ACCESS: Access = Access::Needs(Action::ImportBundle);
    const SUMMARY: &'static str =
        "Import a signed bundle (all or nothing); with dryRun, report what would happen";
    type Request = BundleImportRequest;
    type Response = ImportReport;

    fn run(core: &Core, request: BundleImportRequest) -> Result<ImportReport, AppError> {
        let path = request.path.trim();
        if path.is_empty() {
            return Err(fail(path!["path"], Problem::Required));
        }
        let bytes = crate::files::chosen::read_chosen_file(std::path::Path::new(path), MAX_BYTES)?;
        let (opened, payload) = import::read_here(&core.reader(), bytes)?;
        let stamp = core.stamp();
        let options = Options {
            dry_run: request.dry_run,
            resolutions: &request.resolutions,
            trust_fingerprint: request.trust_fingerprint.as_deref(),
        };
        // Accepting a signer or a root is for whoever may manage profiles.
        let may_accept = |tx: &rusqlite::Connection| {
            core.authorize(tx, Action::ManageProfiles, |_| Scope::Unscoped)
                .map(|_| ())
        };
        core.store().write_or_rehearse(request.dry_run, |tx| {
            core.authorize(tx, Action::ImportBundle, |_| Scope::Unscoped)?;
            import::import(
                tx,
                &stamp,
                core.lang(),
                (&opened, &payload),
                &options,
                &may_accept,
            )
        })
    }
}
