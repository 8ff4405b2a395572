//! Sending records to another machine: `bundle_export` writes the selected records,
//! the directory rows they need, their history and attachments into one file signed
//! with the exporter's key (docs/bundle-format.md; made by `bundle::export`).
//! Importing is `bundle_import`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::bundle::collect::collect;
use crate::bundle::{self, DirectoryPart, Payload, Purpose};
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::rules::Standard;
use crate::store::certificates;
use crate::store::directory;
use crate::store::exchange::Selection;
use crate::store::{settings, StoreError};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleExportRequest {
    #[serde(default)]
    pub selection: Selection,
    /// Where to write the bundle (the save dialog's choice, or `--out`).
    pub path: String,
    /// The exporter's passphrase: the bundle is signed with their key.
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleExported {
    pub id: Uuid,
    pub path: String,
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    pub payload_sha256: String,
    /// The fingerprint of the bundle key it is encrypted to (the hub's); none when it
    /// is only signed (a directory bundle, or a spoke that has not yet taken the hub's
    /// directory).
    pub sealed_to: Option<String>,
}

pub struct BundleExport;

impl Command for BundleExport {
    const NAME: &'static str = "bundle_export";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Export records (by dates, kinds, or not yet exported) to a bundle signed with your key";
    type Request = BundleExportRequest;
    type Response = BundleExported;

    fn run(core: &Core, request: BundleExportRequest) -> Result<BundleExported, AppError> {
        if let (Some(from), Some(to)) = (request.selection.from, request.selection.to) {
            if to < from {
                return Err(fail(
                    path!["selection", "to"],
                    Problem::DateBefore { after: "from" },
                ));
            }
        }
        let selection = request.selection.clone();
        export(
            core,
            &request.path,
            &request.passphrase,
            Action::ExportBundle,
            |tx, payload| {
                let collected = collect(tx, &selection)?;
                payload.selection = selection.clone();
                payload.directory = collected.directory;
                payload.records = collected.records;
                payload.files = collected.files;
                Ok(())
            },
        )
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectoryBundleExportRequest {
    pub path: String,
    #[ts(type = "string")]
    pub passphrase: crate::signing::Secret,
}

pub struct DirectoryBundleExport;

impl Command for DirectoryBundleExport {
    const NAME: &'static str = "directory_bundle_export";
    const ACCESS: Access = Access::Needs(Action::ManageDirectory);
    const SUMMARY: &'static str =
        "Export the whole directory (bureau, departments, officials and their certificates, counterparts, cities, standards) for the spokes";
    type Request = DirectoryBundleExportRequest;
    type Response = BundleExported;

    fn run(core: &Core, request: DirectoryBundleExportRequest) -> Result<BundleExported, AppError> {
        export(
            core,
            &request.path,
            &request.passphrase,
            Action::ManageDirectory,
            |tx, payload| {
                payload.bureau = settings::get(tx, settings::BUREAU_NAME)?;
                payload.directory = DirectoryPart {
                    departments: directory::list::<Department>(tx, false)?,
                    officials: directory::list::<Official>(tx, false)?,
                    counterparts: directory::list::<Counterpart>(tx, false)?,
                    cities: directory::list::<City>(tx, false)?,
                };
                payload.standards = directory::list::<Standard>(tx, false)?;
                payload.certificates = certificates::certificates(tx)?;
                Ok(())
            },
        )
    }
}

/// Signs in the actor for `action`, has `bundle::export` build, sign and note the
/// bundle, and writes the file — last, under its name once the export is committed,
/// so a file that cannot be written leaves nothing noted.
fn export(
    core: &Core,
    path: &str,
    passphrase: &str,
    action: Action,
    fill: impl FnOnce(&rusqlite::Transaction<'_>, &mut Payload) -> Result<(), StoreError>,
) -> Result<BundleExported, AppError> {
    let target = crate::files::chosen::chosen_path(path)?;
    let stamp = core.stamp();
    let (exported, staged) = core.store().write(|tx| {
        // A bundle is signed, so it needs someone signed in with a key.
        let actor = core
            .authorize(tx, action, |_| Scope::Unscoped)?
            .ok_or(AppError::SignInRequired)?;
        let purpose = if action == Action::ManageDirectory {
            Purpose::Directory
        } else {
            Purpose::Records
        };
        let made = bundle::export::export(tx, &stamp, &actor, passphrase, purpose, fill)?;
        // Beside the target until the export is committed: a bundle whose export the
        // database rolled back would carry a chain head it never had.
        let staged = crate::files::stage(&target, &made.file)
            .map_err(crate::files::chosen::path_unwritable)?;
        let exported = BundleExported {
            id: made.id,
            path: target.to_string_lossy().into_owned(),
            records: made.records,
            files: made.files,
            bytes: made.file.len() as u64,
            payload_sha256: made.payload_sha256,
            sealed_to: made.sealed_to,
        };
        Ok::<_, AppError>((exported, staged))
    })?;
    // A rename beside the file just written and flushed; should even that fail, the
    // export is on record and the person is told the file is not there.
    staged
        .publish()
        .map_err(crate::files::chosen::path_unwritable)?;
    Ok(exported)
}
