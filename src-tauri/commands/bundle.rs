//! Sending records to another machine: `bundle_export` writes the selected records,
//! the directory rows they need, their history and attachments into one file signed
//! with the exporter's key (docs/bundle-format.md). Importing is `bundle_import`.

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::accounts::unlock_key;
use super::{Access, Command};
use crate::bundle::collect::collect;
use crate::bundle::{self, Exporter, Payload};
use crate::core::Core;
use crate::domain::access::{Action, Scope};
use crate::domain::directory::Official;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::validation::fail;
use crate::error::{AppError, Problem};
use crate::path;
use crate::store::directory;
use crate::store::exchange::{self, Direction, Exchange, Selection};
use crate::store::{audit, StoreError};

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleExportRequest {
    #[serde(default)]
    pub selection: Selection,
    /// Where to write the bundle (the save dialog's choice, or `--out`).
    pub path: String,
    /// The exporter's passphrase: the bundle is signed with their key.
    pub passphrase: String,
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
        let path = request.path.trim();
        if path.is_empty() {
            return Err(fail(path!["path"], Problem::Required));
        }
        if let (Some(from), Some(to)) = (request.selection.from, request.selection.to) {
            if to < from {
                return Err(fail(
                    path!["selection", "to"],
                    Problem::DateBefore { after: "from" },
                ));
            }
        }
        let stamp = core.stamp();
        core.store().write(|tx| {
            // A bundle is signed, so it needs someone signed in with a key.
            let actor = core
                .authorize(tx, Action::ExportBundle, |_| Scope::Unscoped)?
                .ok_or(AppError::SignInRequired)?;
            let key = unlock_key(tx, actor.profile_id, &request.passphrase)?;
            let official = directory::get::<Official>(tx, actor.official_id)?
                .ok_or_else(|| StoreError::not_found("official", actor.official_id))?;
            let database = exchange::database_id(tx, &stamp, new_id(stamp.at, &mut OsEntropy))?;
            let collected = collect(tx, &request.selection)?;
            let payload = Payload {
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
                chain_head: audit::head(tx)?,
                selection: request.selection.clone(),
                directory: collected.directory,
                records: collected.records,
                files: collected.files,
            };
            let json =
                serde_json::to_vec(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
            let file = bundle::seal(&json, &key, stamp.at);
            let carried: Vec<(Uuid, i64)> =
                payload.records.iter().map(|r| (r.id, r.version)).collect();
            let summary = serde_json::json!({
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
            // Written last: a file that cannot be written leaves nothing noted.
            let target = std::path::PathBuf::from(path);
            crate::files::write_atomic(&target, &file).map_err(|e| {
                fail(
                    path!["path"],
                    Problem::FileUnwritable {
                        detail: e.to_string(),
                    },
                )
            })?;
            Ok(BundleExported {
                id: payload.id,
                path: target.to_string_lossy().into_owned(),
                records: carried.len() as u64,
                files: payload.files.len() as u64,
                bytes: file.len() as u64,
                payload_sha256,
            })
        })
    }
}

/// The machine's name as the operating system reports it to programs (Windows
/// sets COMPUTERNAME; most Linux desktops HOSTNAME), for the reader of a bundle.
fn machine_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_default()
}
