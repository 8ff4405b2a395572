//! Bringing a bundle into this database: who it speaks for decided first
//! ([`authority`]), then the source's history against what it showed before
//! ([`crate::bundle::witness`]), the directory merged ([`merge`]) and every record
//! validated as if entered by hand ([`records`]), all of it in the caller's
//! transaction — applied whole, or (a dry run) rolled back so the report says what the
//! import would do.

pub mod authority;
mod merge;
mod records;

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::refusal::refused;
use super::witness::{self, Witness};
use super::{BundleFault, Opened, Payload, Purpose};
use crate::domain::id::Id;
use crate::domain::records::{RecordId, RecordKind};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::audit::{ChainHead, Stamp};
use crate::store::exchange::{self, Direction, Exchange};
use crate::store::findings::Facts;
use crate::store::{bureau_root, witnessed};

/// What to do with a record that exists here with other content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// Leave the record here as it is.
    KeepMine,
    /// The bundle's content becomes a new version of the record here (reviewed
    /// again; for a record in a signed register, an amendment for the head).
    TakeTheirs,
    /// Keep the record here and add the bundle's as a separate new record, to be
    /// reviewed (and one of them cancelled) by hand.
    KeepBoth,
}

/// What happened (or would happen) to one record of the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    New,
    Unchanged,
    /// Differs from the record here; needs a resolution.
    Conflict,
    KeptMine,
    TookTheirs,
    /// Taken as an amendment of a record in a signed register, for the head.
    Amendment,
    KeptBoth,
    /// Fails validation: the whole bundle is refused.
    Invalid,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportLine {
    pub id: RecordId,
    pub kind: RecordKind,
    pub date: chrono::NaiveDate,
    #[ts(type = "number")]
    pub amount_fen: i64,
    #[ts(type = "number")]
    pub version: i64,
    /// The version here, when the record exists here.
    #[ts(type = "number | null")]
    pub version_here: Option<i64>,
    /// The record here is in a signed register.
    pub locked: bool,
    pub outcome: Outcome,
    /// Why it is invalid, localized.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub new: u32,
    pub unchanged: u32,
    pub conflicts: u32,
    pub kept_mine: u32,
    pub took_theirs: u32,
    pub amendments: u32,
    pub kept_both: u32,
    pub invalid: u32,
    /// Directory rows added, and rows matched to one here under another id (an
    /// enterprise by its credit code, an official by staff number).
    pub directory_added: u32,
    pub directory_matched: u32,
    /// Rows here changed to the hub's (a directory bundle).
    pub directory_updated: u32,
    pub certificates_added: u32,
    pub files_added: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub bundle_id: Uuid,
    pub signer_subject: String,
    pub signer_fingerprint: String,
    /// This database knows who vouches for the bundle: the signer of a record bundle,
    /// the bureau root of a directory bundle. When not, only an administrator who
    /// compared `fingerprintToCompare` can accept it.
    pub signer_known: bool,
    /// The fingerprint to compare with the exporter (and pass back as
    /// `trustFingerprint`): the bureau root's for a directory bundle, else the signer's.
    pub fingerprint_to_compare: String,
    /// A directory bundle's bureau root (its certificate's subject).
    pub root_subject: Option<String>,
    pub purpose: Purpose,
    pub exported_at: String,
    /// Who exported it: the holder of the signing certificate.
    pub exporter_name: String,
    pub machine: String,
    pub source_chain: ChainHead,
    /// Whether the source's history extends what earlier bundles from it showed here.
    pub witness: Witness,
    pub dry_run: bool,
    /// Imported before: nothing was (or would be) changed.
    pub already_imported: bool,
    pub counts: ImportCounts,
    pub records: Vec<ImportLine>,
}

/// What the person asked for.
pub struct Options<'a> {
    pub dry_run: bool,
    /// A choice for each record in conflict, by record id.
    pub resolutions: &'a HashMap<RecordId, Resolution>,
    /// The fingerprint an administrator compared and accepts.
    pub trust_fingerprint: Option<&'a str>,
}

/// A bundle file as this database reads it: decrypted when sealed to it (refused when
/// sealed to another), its envelope checked, and refused when signed for another
/// bureau's key.
pub fn read_here(conn: &Connection, bytes: Vec<u8>) -> Result<(Opened, Payload), AppError> {
    let inner = super::recipient::unseal(conn, bytes).map_err(refused)?;
    let (opened, payload) = read(&inner)?;
    super::recipient::check_addressed(conn, opened.recipient.as_deref()).map_err(refused)?;
    Ok((opened, payload))
}

/// The bundle's envelope checked and its payload read; a payload that names one record
/// twice is malformed.
pub fn read(bytes: &[u8]) -> Result<(Opened, Payload), AppError> {
    let opened = super::open(bytes).map_err(refused)?;
    let payload: Payload = serde_json::from_slice(&opened.payload).map_err(|e| {
        refused(BundleFault::Malformed {
            detail: e.to_string(),
        })
    })?;
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = payload.records.iter().find(|r| !seen.insert(r.id)) {
        return Err(refused(BundleFault::Malformed {
            detail: format!("record {} appears twice", twice.id),
        }));
    }
    Ok((opened, payload))
}

/// Imports (or rehearses importing) `payload` in `tx`. `may_accept` says whether the
/// person may accept a signer or a bureau root this database does not know yet.
pub fn import(
    tx: &Connection,
    stamp: &Stamp,
    lang: Lang,
    (opened, payload): (&Opened, &Payload),
    options: &Options<'_>,
    may_accept: &dyn Fn(&Connection) -> Result<(), AppError>,
) -> Result<ImportReport, AppError> {
    let decision = authority::decide(
        tx,
        opened,
        payload,
        &authority::Asked {
            dry_run: options.dry_run,
            trust_fingerprint: options.trust_fingerprint,
        },
        may_accept,
    )?;
    let mut report = ImportReport {
        bundle_id: payload.id,
        signer_subject: opened.subject(),
        signer_fingerprint: opened.fingerprint.clone(),
        signer_known: decision.known,
        fingerprint_to_compare: decision.fingerprint_to_compare.clone(),
        root_subject: decision.root.as_ref().map(|(subject, _)| subject.clone()),
        purpose: payload.purpose,
        exported_at: payload.exported_at.clone(),
        exporter_name: decision.exporter.clone(),
        machine: payload.machine.clone(),
        source_chain: payload.chain_head.clone(),
        witness: Witness::First,
        dry_run: options.dry_run,
        already_imported: false,
        counts: ImportCounts::default(),
        records: Vec::with_capacity(payload.records.len()),
    };
    if exchange::imported(tx, payload.id)? {
        report.already_imported = true;
        report.counts.unchanged = payload.records.len() as u32;
        return Ok(report);
    }
    // A source rolled back or rewritten since its last bundle here is refused, the dry
    // run included: nothing else about it can be trusted.
    let seen = exchange::witnessed(tx, &payload.source_database)?;
    report.witness =
        witness::check(seen.as_ref(), &payload.chain_head, &payload.chain).map_err(refused)?;
    // Kept so the registers the source issued verify here (`register::verify`).
    witnessed::keep(tx, &payload.source_database, &payload.chain)?;
    witnessed::keep_checkpoints(tx, &payload.source_database, &payload.checkpoints)?;
    if let Some(root) = &decision.pin_root {
        bureau_root::pin(tx, stamp, root)?;
    }
    let mut import = Import {
        tx,
        stamp,
        lang,
        payload,
        ids: HashMap::new(),
        files: HashMap::new(),
        hub: payload.purpose == Purpose::Directory,
        report,
    };
    import.directory(&payload.directory)?;
    if import.hub {
        import.hub_part(payload)?;
    }
    if decision.accept_signer {
        import.accept_signer(opened)?;
    }
    import.files()?;
    let mut facts = Facts::load(tx)?;
    for record in &payload.records {
        import.record(record, options.resolutions, &mut facts)?;
    }
    let mut report = import.report;
    if !options.dry_run {
        if report.counts.invalid > 0 {
            let first = report
                .records
                .iter()
                .find_map(|l| l.problem.clone())
                .unwrap_or_default();
            return Err(refused(BundleFault::RecordsInvalid {
                count: report.counts.invalid,
                first,
            }));
        }
        if report.counts.conflicts > 0 {
            return Err(refused(BundleFault::ConflictsUnresolved {
                count: report.counts.conflicts,
            }));
        }
        let carried: Vec<(RecordId, i64)> =
            payload.records.iter().map(|r| (r.id, r.version)).collect();
        exchange::note(
            tx,
            stamp,
            &Exchange {
                id: payload.id,
                direction: Direction::Import,
                payload_sha256: opened.payload_sha256.clone(),
                signer_fingerprint: opened.fingerprint.clone(),
                source_database: payload.source_database.clone(),
                source_chain: payload.chain_head.clone(),
                summary: serde_json::to_string(&report.counts)
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            },
            &carried,
        )?;
    }
    report.records.shrink_to_fit();
    Ok(report)
}

/// One import in progress, inside its transaction.
struct Import<'a> {
    tx: &'a Connection,
    stamp: &'a Stamp,
    lang: Lang,
    payload: &'a Payload,
    /// The bundle's directory ids → this database's.
    ids: HashMap<Uuid, Uuid>,
    /// Attachment contents by SHA-256: media type and bytes.
    files: HashMap<&'a str, (&'a str, Vec<u8>)>,
    /// A directory bundle (its signer's authority established): rows here that differ
    /// take the hub's content, and rows this database lacks are added.
    hub: bool,
    report: ImportReport,
}

impl Import<'_> {
    /// The id here of the directory row the bundle names `id` (its own id when this
    /// database took the row as it came).
    fn local<T>(&self, id: Id<T>) -> Id<T> {
        Id::from_uuid(self.local_uuid(id.uuid()))
    }

    /// [`Import::local`] for a record's references, whatever they name: one map over
    /// every directory id, since a UUID names one row whatever its table.
    fn local_uuid(&self, id: Uuid) -> Uuid {
        self.ids.get(&id).copied().unwrap_or(id)
    }

    fn malformed(&self, detail: String) -> AppError {
        refused(BundleFault::Malformed { detail })
    }
}
