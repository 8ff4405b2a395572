//! What a bundle carries (the JSON after the header). Every struct refuses unknown
//! fields: a bundle this version cannot fully understand is not half-imported.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::directory::{City, Counterpart, Department, DepartmentId, Official, OfficialId};
use crate::domain::records::{RecordBody, RecordId};
use crate::domain::workflow::ReviewStatus;
use crate::rules::Standard;
use crate::store::audit::ChainHead;
use crate::store::certificates::KnownCertificate;
use crate::store::directory::Versioned;
use crate::store::exchange::{HistoryEntry, Selection};
use crate::store::records::StoredRecord;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Payload {
    /// The bundle's own id: a bundle imported twice is recognised by it.
    pub id: Uuid,
    /// When it was exported (RFC 3339, UTC).
    pub exported_at: String,
    pub exporter: Exporter,
    /// The exporting database (its `database_id` setting) and the machine's name.
    pub source_database: String,
    pub machine: String,
    /// The exporting database's audit chain head when it exported.
    pub chain_head: ChainHead,
    pub selection: Selection,
    pub directory: DirectoryPart,
    pub records: Vec<BundledRecord>,
    /// Attachment contents, once each, by SHA-256.
    pub files: Vec<BundledFile>,
    /// Records from a spoke, or the hub's directory for its spokes.
    #[serde(default)]
    pub purpose: Purpose,
    /// A directory bundle's: the bureau's name (填报单位).
    #[serde(default)]
    pub bureau: Option<String>,
    /// A directory bundle's: the compliance standards.
    #[serde(default)]
    pub standards: Vec<Versioned<Standard>>,
    /// A directory bundle's: the officials' certificates, so what they sign
    /// verifies at the spokes.
    #[serde(default)]
    pub certificates: Vec<KnownCertificate>,
    /// The source's audit rows since its previous export, up to `chain_head`: the
    /// receiving database checks that they extend the head it saw in that export (a
    /// rolled-back or rewritten source is refused). Empty for a first export.
    #[serde(default)]
    pub chain: Vec<crate::store::audit::ChainRow>,
    /// The source's signed checkpoints over those rows: with them a register the
    /// source issued verifies at the receiver (its signer's checkpoint vouches for the
    /// row that records it).
    #[serde(default)]
    pub checkpoints: Vec<crate::store::checkpoints::CarriedCheckpoint>,
    /// A directory bundle's: the bureau root certificate (DER, base64) that issued the
    /// administrator's certificate it is signed with. A spoke pins it at its first
    /// directory import.
    #[serde(default)]
    pub root: Option<String>,
    /// (version 5) A directory bundle's: the hub's bundle key (SEC1 public key,
    /// base64), which the spokes' record bundles are sealed to.
    #[serde(default)]
    pub bundle_key: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Purpose {
    /// Records entered elsewhere (a field laptop's), for the hub.
    #[default]
    Records,
    /// The hub's whole directory, for its spokes: every row keeps the hub's id.
    Directory,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Exporter {
    pub profile_id: Uuid,
    pub official_id: OfficialId,
    pub name: String,
    pub staff_no: String,
}

/// The directory rows the records refer to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DirectoryPart {
    pub departments: Vec<Versioned<Department>>,
    pub officials: Vec<Versioned<Official>>,
    pub counterparts: Vec<Versioned<Counterpart>>,
    pub cities: Vec<Versioned<City>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundledRecord {
    pub id: RecordId,
    pub version: i64,
    pub department_id: DepartmentId,
    pub cancelled: bool,
    pub note: String,
    pub entered_by: String,
    pub entered_at: String,
    pub body: RecordBody,
    pub review: ReviewStatus,
    /// The record's audit entries where it was entered (for the reader; the
    /// receiving database audits the import itself).
    pub history: Vec<HistoryEntry>,
    pub attachments: Vec<BundledLink>,
}

impl BundledRecord {
    pub fn from_stored(
        record: StoredRecord,
        review: ReviewStatus,
        history: Vec<HistoryEntry>,
        attachments: Vec<BundledLink>,
    ) -> BundledRecord {
        BundledRecord {
            id: record.id,
            version: record.version,
            department_id: record.department_id,
            cancelled: record.cancelled,
            note: record.note,
            entered_by: record.entered_by,
            entered_at: record.entered_at,
            body: record.body,
            review,
            history,
            attachments,
        }
    }

    /// The record as the store keeps it.
    pub fn to_stored(&self) -> StoredRecord {
        StoredRecord {
            id: self.id,
            version: self.version,
            department_id: self.department_id,
            date: self.body.date(),
            amount: self.body.amount(),
            cancelled: self.cancelled,
            note: self.note.clone(),
            entered_by: self.entered_by.clone(),
            entered_by_name: String::new(),
            entered_at: self.entered_at.clone(),
            body: self.body.clone(),
        }
    }
}

/// An attachment of a record: its link id, name and content hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundledLink {
    pub id: Uuid,
    pub name: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundledFile {
    pub sha256: String,
    pub media_type: String,
    /// The bytes, base64.
    pub data: String,
}
