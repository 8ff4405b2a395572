//! Sending records to another machine: `bundle_export` writes the selected records,
//! the directory rows they need, their history and attachments into one file signed
//! with the exporter's key (docs/bundle-format.md). Importing is `bundle_import`.

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use base64::Engine;

use super::{Access, Command};
use crate::bundle::collect::collect;
use crate::bundle::{self, DirectoryPart, Exporter, Payload, Purpose};
use crate::certification;
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::validation::fail;
use crate::error::{AppError, Problem};
use crate::keyring::unlock_key;
use crate::path;
use crate::rules::Standard;
use crate::store::checkpoints::{self, Act};
use crate::store::directory;
use crate::store::exchange::{self, Direction, Exchange, Selection};
use crate::store::{audit, settings, StoreError};

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
                payload.purpose = Purpose::Directory;
                payload.bureau = settings::get(tx, settings::BUREAU_NAME)?;
                payload.directory = DirectoryPart {
                    departments: directory::list::<Department>(tx, false)?,
                    officials: directory::list::<Official>(tx, false)?,
                    counterparts: directory::list::<Counterpart>(tx, false)?,
                    cities: directory::list::<City>(tx, false)?,
                };
                payload.standards = directory::list::<Standard>(tx, false)?;
                payload.certificates = exchange::certificates(tx)?;
                Ok(())
            },
        )
    }
}

/// Builds a bundle (`fill` adds what it carries), signs it with the exporter's key,
/// notes and audits the export, and writes the file — last, so a file that cannot
/// be written leaves nothing noted — under its name once the export is committed.
fn export(
    core: &Core,
    path: &str,
    passphrase: &str,
    action: Action,
    fill: impl FnOnce(&rusqlite::Transaction<'_>, &mut Payload) -> Result<(), StoreError>,
) -> Result<BundleExported, AppError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(fail(path!["path"], Problem::Required));
    }
    let stamp = core.stamp();
    let (exported, staged) = core.store().write(|tx| {
        // A bundle is signed, so it needs someone signed in with a key.
        let actor = core
            .authorize(tx, action, |_| Scope::Unscoped)?
            .ok_or(AppError::SignInRequired)?;
        let key = unlock_key(tx, actor.profile_id, passphrase)?;
        let official = directory::get::<Official>(tx, actor.official_id)?
            .ok_or_else(|| StoreError::not_found("official", actor.official_id))?;
        let database = exchange::database_id(tx, &stamp, new_id(stamp.at, &mut OsEntropy))?;
        let head = audit::head(tx)?;
        let carried = exchange::history_since_last_export(tx, &head)?;
        let mut payload = Payload {
            id: new_id(stamp.at, &mut OsEntropy),
            exported_at: stamp.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            exporter: Exporter {
                profile_id: actor.profile_id,
                official_id: actor.official_id,
                name: official.value.name,
                staff_no: official.value.staff_no,
            },
            source_database: database.clone(),
            machine: machine_name(),
            chain_head: head.clone(),
            selection: Selection::default(),
            directory: DirectoryPart::default(),
            records: Vec::new(),
            files: Vec::new(),
            purpose: Purpose::Records,
            bureau: None,
            standards: Vec::new(),
            certificates: Vec::new(),
            chain: carried.chain,
            checkpoints: carried.checkpoints,
            root: None,
            bundle_key: None,
        };
        // A directory bundle gives the spokes the hub's bundle key; a record bundle is
        // sealed to it (to this database's own when it is the hub), signed for it.
        let recipient = if action == Action::ManageDirectory {
            let root = certification::directory_root(tx, key.certificate_der(), stamp.at)?;
            payload.root = Some(base64::engine::general_purpose::STANDARD.encode(root));
            let own = bundle::recipient::ensure_own(tx, &stamp, &mut rand_core::OsRng)?;
            payload.bundle_key =
                Some(base64::engine::general_purpose::STANDARD.encode(own.public_bytes()));
            None
        } else {
            bundle::recipient::recipient(tx)?
        };
        fill(tx, &mut payload)?;
        let json = serde_json::to_vec(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
        let sealed_to = recipient.as_deref().map(bundle::sealed::fingerprint);
        let signed = bundle::seal(&json, &key, stamp.at, sealed_to.as_deref());
        let file = match &recipient {
            Some(public) => bundle::sealed::seal(public, &signed, &mut rand_core::OsRng)
                .map_err(crate::bundle::import::refused)?,
            None => signed,
        };
        let carried: Vec<(Uuid, i64)> = payload.records.iter().map(|r| (r.id, r.version)).collect();
        let summary = serde_json::json!({
            "purpose": payload.purpose,
            "records": carried.len(),
            "files": payload.files.len(),
        });
        let payload_sha256 = crate::digest::sha256_hex(&json);
        exchange::note(
            tx,
            &stamp,
            &Exchange {
                id: payload.id,
                direction: Direction::Export,
                payload_sha256: payload_sha256.clone(),
                signer_fingerprint: key.fingerprint().to_owned(),
                source_database: database,
                source_chain: payload.chain_head.clone(),
                summary: summary.to_string(),
            },
            &carried,
        )?;
        let act = if action == Action::ManageDirectory {
            Act::ExportDirectory
        } else {
            Act::ExportBundle
        };
        checkpoints::seal(tx, &key, actor.profile_id, act, stamp.at)?;
        let target = std::path::PathBuf::from(path);
        // Beside the target until the export is committed: a bundle whose export the
        // database rolled back would carry a chain head it never had.
        let staged = crate::files::stage(&target, &file).map_err(super::path_unwritable)?;
        let exported = BundleExported {
            id: payload.id,
            path: target.to_string_lossy().into_owned(),
            records: carried.len() as u64,
            files: payload.files.len() as u64,
            bytes: file.len() as u64,
            payload_sha256,
            sealed_to,
        };
        Ok::<_, AppError>((exported, staged))
    })?;
    // A rename beside the file just written and flushed; should even that fail, the
    // export is on record and the person is told the file is not there.
    staged.publish().map_err(super::path_unwritable)?;
    Ok(exported)
}

/// The machine's name as the operating system reports it to programs (Windows
/// sets COMPUTERNAME; most Linux desktops HOSTNAME), for the reader of a bundle.
fn machine_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_default()
}
