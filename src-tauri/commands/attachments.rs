//! Attachment commands: receipts, surrender vouchers and scans. The core reads the
//! file from a path (the window's file dialog or the CLI supplies it), checks its
//! type by content and its size, and stores it once per content.

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::command::{Access, Command};
use crate::core::Core;
use crate::domain::ids::{new_id, OsEntropy};
use crate::domain::records::RecordId;
use crate::error::{fail, AppError, Problem};
use crate::path;
use crate::store::attachments::{self, AttachmentInfo};
use crate::store::StoreError;

/// The largest attachment accepted: a phone photo of a receipt or a multi-page scan
/// fits; a video does not.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// The media type of a file by its first bytes, for the types registers accept.
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachmentAddRequest {
    pub record_id: RecordId,
    /// A file on this computer.
    pub path: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachmentListRequest {
    pub record_id: RecordId,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttachmentIdRequest {
    pub id: Uuid,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentData {
    pub info: AttachmentInfo,
    /// The file's bytes, base64-encoded, for previews.
    pub base64: String,
}

/// Attachments change only on records that exist and are not cancelled, by someone
/// who may change the record; checked in the same transaction as the change.
fn refuse_unless_open(
    core: &Core,
    conn: &rusqlite::Connection,
    record_id: RecordId,
) -> Result<(), AppError> {
    let record = crate::records::open_record(conn, record_id, || {
        fail(path!["recordId"], Problem::UnknownReference)
    })?;
    crate::records::authorize_record(
        core,
        conn,
        crate::domain::access::Action::EnterRecord,
        &record,
    )
}

pub struct AttachmentAdd;

impl Command for AttachmentAdd {
    const NAME: &'static str = "attachment_add";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Attach a JPEG, PNG or PDF file (≤ 10 MiB, checked by content) to a record";
    type Request = AttachmentAddRequest;
    type Response = AttachmentInfo;

    fn run(core: &Core, request: AttachmentAddRequest) -> Result<AttachmentInfo, AppError> {
        let path = std::path::Path::new(&request.path);
        // Who may add to this record is asked before anything is read (and again in
        // the transaction that adds it).
        refuse_unless_open(core, &core.reader(), request.record_id)?;
        let data = crate::files::chosen::read_chosen_file(path, MAX_ATTACHMENT_BYTES)?;
        let media_type =
            sniff(&data).ok_or_else(|| fail(path!["path"], Problem::FileTypeUnsupported))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".to_owned());
        let stamp = core.stamp();
        let id = new_id(stamp.at, &mut OsEntropy);
        core.store().write(|tx| {
            refuse_unless_open(core, tx, request.record_id)?;
            Ok(attachments::attach(
                tx,
                &stamp,
                id,
                request.record_id,
                &name,
                media_type,
                &data,
            )?)
        })
    }
}

pub struct AttachmentList;

impl Command for AttachmentList {
    const NAME: &'static str = "attachment_list";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "The attachments of a record";
    type Request = AttachmentListRequest;
    type Response = Vec<AttachmentInfo>;

    fn run(core: &Core, request: AttachmentListRequest) -> Result<Vec<AttachmentInfo>, AppError> {
        Ok(attachments::list(&core.reader(), request.record_id)?)
    }
}

pub struct AttachmentGet;

impl Command for AttachmentGet {
    const NAME: &'static str = "attachment_data";
    const ACCESS: Access = Access::SignedIn;
    const SUMMARY: &'static str = "An attachment's bytes (base64), for a preview";
    type Request = AttachmentIdRequest;
    type Response = AttachmentData;

    fn run(core: &Core, request: AttachmentIdRequest) -> Result<AttachmentData, AppError> {
        let (info, bytes) = attachments::data(&core.reader(), request.id)?
            .ok_or_else(|| StoreError::not_found("attachment", request.id))?;
        Ok(AttachmentData {
            info,
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    }
}

pub struct AttachmentRemove;

impl Command for AttachmentRemove {
    const NAME: &'static str = "attachment_remove";
    const ACCESS: Access = Access::PerSubject;
    const SUMMARY: &'static str =
        "Unlink an attachment from its record (the file stays in the history)";
    type Request = AttachmentIdRequest;
    type Response = AttachmentInfo;

    fn run(core: &Core, request: AttachmentIdRequest) -> Result<AttachmentInfo, AppError> {
        let info = attachments::get(&core.reader(), request.id)?
            .ok_or_else(|| StoreError::not_found("attachment", request.id))?;
        let stamp = core.stamp();
        core.store().write(|tx| -> Result<(), AppError> {
            refuse_unless_open(core, tx, info.record_id)?;
            Ok(attachments::remove(tx, &stamp, request.id)?)
        })?;
        Ok(info)
    }
}
