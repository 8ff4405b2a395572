//! Making a bundle: the payload (`fill` adds what it carries: records and their
//! history and files, or the whole directory), the chain carried since the last
//! export, signed with the exporter's key and — a record bundle — sealed to the hub's
//! bundle key; the export noted, audited and sealed into the chain. Where the file
//! goes is the caller's.

use base64::Engine;
use chrono::SecondsFormat;
use uuid::Uuid;

use super::{DirectoryPart, Exporter, Payload, Purpose};
use crate::certification;
use crate::domain::access::Actor;
use crate::domain::directory::Official;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordId;
use crate::error::AppError;
use crate::keyring::unlock_key;
use crate::store::checkpoints::{self, Act};
use crate::store::directory;
use crate::store::exchange::{self, Direction, Exchange, Selection};
use crate::store::{audit, Stamp, StoreError};

/// A bundle made, ready to be written.
pub struct Exported {
    pub id: Uuid,
    /// The file's bytes: signed, and sealed when it has a recipient.
    pub file: Vec<u8>,
    pub records: u64,
    pub files: u64,
    pub payload_sha256: String,
    /// The fingerprint of the bundle key it is sealed to.
    pub sealed_to: Option<String>,
}

/// Builds a bundle of `purpose` as `actor` (signed in, allowed to export it), signs it
/// with their key and notes and audits the export, all in the caller's transaction.
pub fn export(
    tx: &rusqlite::Transaction<'_>,
    stamp: &Stamp,
    actor: &Actor,
    passphrase: &str,
    purpose: Purpose,
    fill: impl FnOnce(&rusqlite::Transaction<'_>, &mut Payload) -> Result<(), StoreError>,
) -> Result<Exported, AppError> {
    let key = unlock_key(tx, actor.profile_id, passphrase)?;
    let official = directory::get::<Official>(tx, actor.official_id)?
        .ok_or_else(|| StoreError::not_found("official", actor.official_id))?;
    let database = exchange::database_id(tx, stamp, new_id(stamp.at, &mut OsEntropy))?;
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
        purpose,
        bureau: None,
        standards: Vec::new(),
        certificates: Vec::new(),
        chain: carried.chain,
        checkpoints: carried.checkpoints,
        root: None,
        bundle_key: None,
    };
    let directory_bundle = purpose == Purpose::Directory;
    // A directory bundle gives the spokes the hub's bundle key; a record bundle is
    // sealed to it (to this database's own when it is the hub), signed for it.
    let recipient = if directory_bundle {
        let root = certification::directory_root(tx, key.certificate_der(), stamp.at)?;
        payload.root = Some(base64::engine::general_purpose::STANDARD.encode(root));
        let own = super::recipient::ensure_own(tx, stamp, &mut rand_core::OsRng)?;
        payload.bundle_key =
            Some(base64::engine::general_purpose::STANDARD.encode(own.public_bytes()));
        None
    } else {
        super::recipient::recipient(tx)?
    };
    fill(tx, &mut payload)?;
    let json = serde_json::to_vec(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let sealed_to = recipient.as_deref().map(super::sealed::fingerprint);
    let signed = super::seal(&json, &key, stamp.at, sealed_to.as_deref());
    let file = match &recipient {
        Some(public) => super::sealed::seal(public, &signed, &mut rand_core::OsRng)
            .map_err(super::refusal::refused)?,
        None => signed,
    };
    let carried: Vec<(RecordId, i64)> = payload.records.iter().map(|r| (r.id, r.version)).collect();
    let summary = serde_json::json!({
        "purpose": payload.purpose,
        "records": carried.len(),
        "files": payload.files.len(),
    });
    let payload_sha256 = crate::digest::sha256_hex(&json);
    exchange::note(
        tx,
        stamp,
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
    let act = if directory_bundle {
        Act::ExportDirectory
    } else {
        Act::ExportBundle
    };
    checkpoints::seal(tx, &key, actor.profile_id, act, stamp.at)?;
    Ok(Exported {
        id: payload.id,
        file,
        records: carried.len() as u64,
        files: payload.files.len() as u64,
        payload_sha256,
        sealed_to,
    })
}

/// The machine's name as the operating system reports it to programs (Windows
/// sets COMPUTERNAME; most Linux desktops HOSTNAME), for the reader of a bundle.
fn machine_name() -> String {
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_default()
}
